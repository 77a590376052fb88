// A closed-loop latency client for bench/gateway/run: CONNS keep-alive connections, each sending one POST after
// another. JSON mode measures each request from its start to the end of its response; SSE mode measures the time
// to the first byte of the first "data:" event (TTFB), and the whole stream too. WARMUP seconds are sent but not
// recorded. Percentiles are nearest-rank, in ms. Prints a RESULT line. Node's http module, no dependencies.
// Usage: node latency.js --url U --mode json|sse --conns 1 --duration 15 --warmup 5 --body JSON [--header 'k: v']
'use strict';
const http = require('http');

const args = { conns: '1', duration: '15', warmup: '5', mode: 'json', header: [] };
for (let i = 2; i < process.argv.length; i += 2) {
  const key = process.argv[i].replace(/^--/, '');
  if (key === 'header') args.header.push(process.argv[i + 1]); else args[key] = process.argv[i + 1];
}
const url = new URL(args.url);
const conns = Number(args.conns);
const body = Buffer.from(args.body);
const sse = args.mode === 'sse';
const headers = { 'content-type': 'application/json', 'content-length': body.length };
for (const h of args.header) headers[h.slice(0, h.indexOf(':')).trim()] = h.slice(h.indexOf(':') + 1).trim();
const agent = new http.Agent({ keepAlive: true, maxSockets: conns });
const options = { agent, host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers };
const DATA = Buffer.from('data:');

function once() {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    let first = null;
    let text = '';
    const req = http.request(options, (res) => {
      res.on('data', (bytes) => {
        if (first === null && (!sse || bytes.indexOf(DATA) >= 0)) first = process.hrtime.bigint();
        if (res.statusCode !== 200 && text.length < 300) text += bytes.toString();
      });
      res.on('end', () => resolve({
        status: res.statusCode, start, first, end: process.hrtime.bigint(),
        overhead: res.headers['x-tollgate-overhead-ms'], text,
      }));
      res.on('error', () => resolve({ status: 0 }));
    });
    req.on('error', () => resolve({ status: 0 }));
    req.end(body);
  });
}

const ms = (nanos) => Number(nanos) / 1e6;
const pct = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

async function main() {
  const t0 = process.hrtime.bigint();
  const recordFrom = t0 + BigInt(Math.round(Number(args.warmup) * 1e9));
  const stopAt = recordFrom + BigInt(Math.round(Number(args.duration) * 1e9));
  const primary = []; const totals = []; const overheads = []; const statuses = {};
  let errors = 0;
  let sent = 0;
  let firstError = null;
  async function loop() {
    for (;;) {
      const r = await once();
      sent++;
      if (r.start !== undefined && r.start >= stopAt) return;
      if (r.start === undefined || r.start < recordFrom) { if (process.hrtime.bigint() >= stopAt) return; continue; }
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status !== 200 || r.first === null) {
        errors++;
        if (firstError === null) firstError = `${r.status} ${r.text || ''}`;
        continue;
      }
      primary.push(ms((sse ? r.first : r.end) - r.start));
      totals.push(ms(r.end - r.start));
      if (r.overhead !== undefined) overheads.push(Number(r.overhead));
    }
  }
  await Promise.all(Array.from({ length: conns }, loop));
  agent.destroy();
  const seconds = Number(args.duration);
  for (const a of [primary, totals, overheads]) a.sort((x, y) => x - y);
  const f = (x) => (Number.isNaN(x) ? 'NaN' : x.toFixed(3));
  console.log(`RESULT requests=${primary.length} sent=${sent} rps=${(primary.length / seconds).toFixed(1)}`
    + ` p50=${f(pct(primary, 50))} p90=${f(pct(primary, 90))} p99=${f(pct(primary, 99))} max=${f(pct(primary, 100))}`
    + ` total_p50=${f(pct(totals, 50))} overhead_header_p50=${f(pct(overheads, 50))} errors=${errors}`
    + ` statuses=${Object.entries(statuses).map(([k, v]) => k + ':' + v).join(',')}`);
  // The first failed answer, on a line of its own: it says which error the non-200 statuses are.
  if (firstError !== null) console.log(`FIRST_ERROR ${firstError.replace(/\s+/g, ' ').slice(0, 300)}`);
}
main();
