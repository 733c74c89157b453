import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const settings = { problem: 'binary', data: 'spiral', points: 500, noise: 0, test_share: 0.5, seed: 1, hidden: [8,8,8,8,8,8], activations: Array(6).fill('tanh'), output: 'tanh', loss: 'half_sse', learning_rate: 0.03, batch: 10 };
const p = Buffer.from(JSON.stringify({ settings })).toString('base64url');
const { page } = await open(browser, server.url + '/#v=1&p=' + p);
await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
await page.evaluate(async () => {
  const btn = document.querySelector('[data-act="train"]');
  btn.click();
  await new Promise(ok => setTimeout(ok, 2000));
  btn.click();
});
const buf = await browser.stopTracing();
const events = JSON.parse(buf.toString()).traceEvents;
const totals = {};
for (const e of events) if (e.ph === 'X' && e.dur) totals[e.name] = (totals[e.name] ?? 0) + e.dur / 1000;
console.log(Object.entries(totals).sort((a, b) => b[1] - a[1]).slice(0, 20).map(([k, v]) => `${k}: ${v.toFixed(0)}`).join('\n'));
await browser.close(); await server.close();
