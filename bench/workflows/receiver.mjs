// Webhook receiver for bench/workflows.sh (Node 20, no dependencies):
//   node receiver.mjs PORT [DELAY_MS]  -> answers every POST 200 after DELAY_MS (default 0)
//   GET /stats -> {"requests": n, "distinct": m}: POSTs received, distinct webhook-ids among them
import http from 'node:http';

const [port, delay] = [Number(process.argv[2]), Number(process.argv[3] || 0)];
const ids = new Set();
let requests = 0;
http.createServer((req, res) => {
  if (req.method !== 'POST') {
    res.setHeader('Content-Type', 'application/json');
    res.end(JSON.stringify({ requests, distinct: ids.size }));
    return;
  }
  req.resume();
  req.on('end', () => {
    requests++;
    ids.add(req.headers['webhook-id']);
    setTimeout(() => { res.writeHead(200); res.end(); }, delay);
  });
}).listen(port, '127.0.0.1');
