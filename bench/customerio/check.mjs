// By-hand check of docs/ingestion.md's Customer.io set-up with the real customerio-node client
// (issue 9, item 16): identify, track, an anonymous event, a v2 batch (5.x) and a delete through the
// client's TrackClient against a running Xoal, configured exactly as the doc says.
// Usage: node bench/customerio/check.mjs <path to an installed customerio-node> <https://host:port> <site id> <ingest key>
// (a self-signed certificate: NODE_EXTRA_CA_CERTS=src/test/resources/tls/test-cert.pem)
import { createRequire } from 'node:module';

const [modulePath, base, siteId, apiKey] = process.argv.slice(2);
const { TrackClient } = createRequire(import.meta.url)(modulePath);
const version = createRequire(import.meta.url)(`${modulePath}/package.json`).version;
const url = new URL(base);
// customerio-node 4.x hands https.request the URL's host name and path only: the port goes as its own option.
const options = version.startsWith('4.') ? { url: `${base}/api/v1`, port: Number(url.port || 443) } : { url: `${base}/api/v1` };
const cio = new TrackClient(siteId, apiKey, options);
const id = `cio-check-${Date.now()}`;
const steps = [
  ['identify', () => cio.identify(id, { email: `${id}@example.com`, plan: 'pro' })],
  ['track', () => cio.track(id, { name: 'purchase', data: { amount: 12 } })],
  ['trackAnonymous', () => cio.trackAnonymous(`anon-${id}`, { name: 'page_viewed', data: { url: 'https://example.com' } })],
  ['destroy', () => cio.destroy(id)],
];
if (typeof cio.batch === 'function') { // 5.x: the v2 batch endpoint
  steps.splice(3, 0, ['batch (v2)', () => cio.batch([{ type: 'person', identifiers: { id }, action: 'event', name: 'login', attributes: {} }])]);
}
let failed = 0;
for (const [name, call] of steps) {
  try {
    const reply = await call();
    console.log(`customerio-node ${version} ${name}: ok ${JSON.stringify(reply)}`);
  } catch (e) {
    failed++;
    console.log(`customerio-node ${version} ${name}: FAILED ${e.statusCode ?? ''} ${e.message}`);
  }
}
process.exit(failed ? 1 : 0);
