import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const mode = process.argv[2];
const settings = { problem: 'binary', data: 'spiral', points: 500, noise: 0, test_share: 0.5, seed: 1, hidden: [8,8,8,8,8,8], activations: Array(6).fill('tanh'), output: 'tanh', loss: 'half_sse', learning_rate: 0.03, batch: 10 };
const p = Buffer.from(JSON.stringify({ settings })).toString('base64url');
const { page } = await open(browser, server.url + '/#v=1&p=' + p);
if (mode === 'hide-table') await page.evaluate(() => { document.querySelector('.bpv-table-box').remove(); document.querySelector('.bpv-edit').remove(); });
if (mode === 'noproxies') await page.addStyleTag({ content: '.bpv-proxies { display: none !important; }' });
if (mode === 'small') await page.setViewportSize({ width: 1000, height: 600 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'cc', 'blink', 'disabled-by-default-devtools.timeline'] });
const frames = await page.evaluate(async (m) => {
  const btn = m === 'anim' ? document.querySelector('.bpv-play') : document.querySelector('[data-act="train"]');
  if (m === 'anim') document.querySelector('.bpv-mode-sample') && null;
  btn.click();
  let n = 0; const end = performance.now() + 2000;
  while (performance.now() < end) { await new Promise(ok => requestAnimationFrame(ok)); n++; }
  btn.click();
  return n;
}, mode);
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const totals = {};
for (const e of events) if (e.ph === 'X' && e.dur) totals[e.name] = (totals[e.name] ?? 0) + e.dur / 1000;
console.log(mode, 'frames', frames, Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${k}: ${v.toFixed(0)}`).join(', '));
await browser.close(); await server.close();
