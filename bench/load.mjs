// Load generator for bench/ingest.sh (Node 20, no dependencies).
//   node load.mjs rows  N FILE                 -> CSV of N generated events (for the COPY baseline)
//   node load.mjs batch N SIZE CONC URL KEY TAG [segment] -> HTTP batch ingest, prints events/s
//     (segment: the same events as Segment track messages in {"batch": [...]}, HTTP Basic auth;
//      signups: event i is signed_up by a new customer TAG-i, as bench/workflows.sh enrols them)
//   node load.mjs rate  RATE SECONDS URL KEY TAG -> open-loop single events at RATE/s, prints p50/p99 ms
//   node load.mjs probe COUNT BASE ING ADM SEGMENT -> event acknowledged -> membership visible, prints p50/p99 ms
import http from 'node:http';
import fs from 'node:fs';

const NAMES = ['page_viewed', 'logged_in', 'feature_used', 'signed_up', 'purchase', 'upgraded', 'search',
  'item_added', 'item_removed', 'checkout_started', 'invite_sent', 'comment_posted', 'file_uploaded',
  'report_exported', 'settings_changed', 'password_reset', 'trial_started', 'downgraded', 'logged_out', 'video_played'];
const CUSTOMERS = 50000;

// Zipf(s=1.1) over customers, by inverse CDF on a precomputed table.
const cdf = (() => {
  const w = new Float64Array(CUSTOMERS); let sum = 0;
  for (let i = 0; i < CUSTOMERS; i++) { sum += 1 / Math.pow(i + 1, 1.1); w[i] = sum; }
  for (let i = 0; i < CUSTOMERS; i++) w[i] /= sum;
  return w;
})();
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
function customer() {
  const r = rnd(); let lo = 0, hi = CUSTOMERS - 1;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (cdf[mid] < r) lo = mid + 1; else hi = mid; }
  return lo;
}
function props(i) { // ~150 bytes of JSON
  return { plan: ['free', 'pro', 'team'][i % 3], amount: (i % 997) * 1.5, path: '/app/section/' + (i % 50),
    campaign: 'autumn-' + (i % 7), browser: 'Firefox 133', ok: i % 2 === 0 };
}
function event(tag, i) {
  const c = customer();
  return { event: NAMES[Math.floor(rnd() * NAMES.length)], messageId: `${tag}-${i}`,
    properties: { userId: 'c' + c, customData: props(i) } };
}

function signup(tag, i) {
  return { event: 'signed_up', messageId: `${tag}-${i}`, properties: { userId: `${tag}-${i}`, userEmail: `${tag}-${i}@bench.test` } };
}

function segment(e) {
  return { type: 'track', userId: e.properties.userId, event: e.event, messageId: e.messageId, properties: e.properties.customData };
}

function post(agent, url, key, body, auth = 'Bearer ' + key) {
  return new Promise((resolve) => {
    const u = new URL(url);
    const req = http.request({ agent, host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: auth, 'Content-Length': Buffer.byteLength(body) } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const [mode, ...args] = process.argv.slice(2);
if (mode === 'rows') {
  const [n, file] = [Number(args[0]), args[1]];
  const out = fs.createWriteStream(file);
  const now = new Date().toISOString();
  for (let i = 0; i < n; i++) {
    const e = event('copy', i);
    const p = JSON.stringify(e.properties.customData).replaceAll('"', '""');
    const subject = Number(e.properties.userId.slice(1)) + 1;
    out.write(`${now},${now},${e.messageId},${e.event},customer,${subject},"${p}",api\n`);
  }
  out.end();
} else if (mode === 'batch') {
  const [n, size, conc, url, key, tag, dialect] = [Number(args[0]), Number(args[1]), Number(args[2]), args[3], args[4], args[5], args[6]];
  const bodies = [];
  for (let i = 0; i < n; i += size) {
    const items = Array.from({ length: Math.min(size, n - i) }, (_, j) => (dialect === 'signups' ? signup : event)(tag, i + j));
    bodies.push(JSON.stringify(dialect === 'segment' ? { batch: items.map(segment) } : items));
  }
  const auth = dialect === 'segment' ? 'Basic ' + Buffer.from(key + ':').toString('base64') : 'Bearer ' + key;
  const agent = new http.Agent({ keepAlive: true, maxSockets: conc });
  let next = 0, failed = 0;
  const t0 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: conc }, async () => {
    while (next < bodies.length) { const b = bodies[next++]; if (await post(agent, url, key, b, auth) !== 200) failed++; }
  }));
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(JSON.stringify({ events: n, seconds: s, eventsPerSecond: Math.round(n / s), failedRequests: failed }));
  agent.destroy();
} else if (mode === 'rate') {
  const [rate, seconds, url, key, tag] = [Number(args[0]), Number(args[1]), args[2], args[3], args[4]];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  const lat = []; let failed = 0; const pending = [];
  const total = rate * seconds; const t0 = performance.now();
  for (let i = 0; i < total; i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const body = JSON.stringify(event(tag, i));
    pending.push(post(agent, url, key, body).then((code) => {
      // Latency from the scheduled send time: a late sender counts against us (no coordinated omission).
      if (code === 200) lat.push(performance.now() - due); else failed++;
    }));
  }
  await Promise.all(pending);
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(2);
  const achieved = Math.round(lat.length / ((performance.now() - t0) / 1000));
  console.log(JSON.stringify({ target: rate, achieved, p50ms: q(0.5), p99ms: q(0.99), failed }));
  agent.destroy();
} else if (mode === 'probe') {
  // One new customer at a time sends a purchase; the latency runs from the send to the first
  // read of the segment's membership that shows them in (polled every 5 ms).
  const [count, base, ing, adm, segment] = [Number(args[0]), args[1], args[2], args[3], args[4]];
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const get = (path) => new Promise((resolve) => {
    const u = new URL(base + path);
    http.get({ agent, host: u.hostname, port: u.port, path: u.pathname, headers: { Authorization: 'Bearer ' + adm } }, (res) => {
      let data = ''; res.on('data', (c) => { data += c; }); res.on('end', () => resolve(data));
    }).on('error', () => resolve(''));
  });
  const lat = []; let lost = 0; const tag = 'probe-' + Date.now();
  for (let i = 0; i < count; i++) {
    const user = `${tag}-${i}`;
    const t0 = performance.now();
    await post(agent, base + '/ingest/v1/event', ing, JSON.stringify({ event: 'purchase', properties: { userId: user } }));
    let seen = false;
    while (performance.now() - t0 < 10000) {
      if ((await get(`/v1/segments/${segment}/members/${user}`)).includes('"member":true')) { seen = true; break; }
      await new Promise((r) => setTimeout(r, 5));
    }
    if (seen) lat.push(performance.now() - t0); else lost++;
  }
  lat.sort((a, b) => a - b);
  const q = (p) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))].toFixed(1);
  console.log(JSON.stringify({ probes: count, p50ms: q(0.5), p99ms: q(0.99), maxms: lat[lat.length - 1].toFixed(1), notSeenIn10s: lost }));
  agent.destroy();
}
