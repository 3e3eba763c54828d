// Events tab figures for bench/analytics.sh, in Debian's headless Chromium (puppeteer-core):
//  first contentful paint of /events (the workspace's last 1,000 events), N loads after sign-in;
//  SSE delivery: the ingest request's 200 -> the event's row in the open tab, 3N events 300 ms apart.
import puppeteer from "puppeteer-core";

const { BASE, ADM, ING, OUT } = process.env;
const N = Number(process.env.N || 20);
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.max(0, Math.ceil(s.length * p / 100) - 1)]; };
const line = (name, xs, goal) => console.log(`${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(8)} ms  p99 ${pct(xs, 99).toFixed(1).padStart(8)} ms  p99/goal ${(pct(xs, 99) / goal).toFixed(2)} (goal ${goal} ms)`);

const browser = await puppeteer.launch({
  executablePath: "/usr/lib/chromium/chromium",
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"],
});
try {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  await page.goto(`${BASE}/sign-in`);
  await page.type("#key", ADM);
  await Promise.all([page.waitForNavigation(), page.click("form button[type=submit]")]);
  await page.waitForSelector("#sign-out");

  const paints = [];
  for (let i = 0; i < N; i++) {
    await page.goto(`${BASE}/events`, { waitUntil: "load" });
    paints.push(await page.evaluate(() => new Promise((resolve) => new PerformanceObserver((list, observer) => {
      const paint = list.getEntriesByName("first-contentful-paint")[0];
      if (paint) { observer.disconnect(); resolve(paint.startTime); }
    }).observe({ type: "paint", buffered: true }))));
  }
  line("events-tab-first-paint", paints, 200);

  await page.goto(`${BASE}/events`, { waitUntil: "load" });
  await page.waitForFunction(() => {
    const el = document.querySelector("[sse-connect]");
    const source = el && el["htmx-internal-data"] && el["htmx-internal-data"].sseEventSource;
    return source && source.readyState === 1;
  });
  await page.evaluate(() => {
    window.arrived = {};
    new MutationObserver((records) => records.forEach((r) => r.addedNodes.forEach((n) => {
      const name = n.querySelector && n.querySelector("button");
      if (name) { window.arrived[name.textContent] = Date.now(); }
    }))).observe(document.getElementById("events-body"), { childList: true });
  });
  const acked = {};
  for (let i = 0; i < 3 * N; i++) {
    const name = `sse_probe_${Date.now()}_${i}`;
    const res = await fetch(`${BASE}/ingest/v1/event`, {
      method: "POST",
      headers: { Authorization: `Bearer ${ING}`, "Content-Type": "application/json" },
      body: JSON.stringify({ event: name, properties: { userId: "c1" } }),
    });
    if (res.status !== 200) { throw new Error(`ingest answered ${res.status}`); }
    acked[name] = Date.now();
    await new Promise((r) => setTimeout(r, 300));
  }
  await page.waitForFunction((n) => Object.keys(window.arrived).filter((k) => k.startsWith("sse_probe_")).length >= n,
    { timeout: 10000 }, 3 * N);
  const arrived = await page.evaluate(() => window.arrived);
  line("sse-delivery", Object.keys(acked).map((k) => arrived[k] - acked[k]), 1000);
} finally {
  await browser.close();
}
