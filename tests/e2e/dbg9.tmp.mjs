import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const settings = { problem: 'binary', data: 'spiral', hidden: [8,8,8,8,8,8], activations: Array(6).fill('tanh'), output: 'tanh', loss: 'half_sse' };
const p = Buffer.from(JSON.stringify({ settings })).toString('base64url');
const { page } = await open(browser, server.url + '/#v=1&p=' + p);
await browser.startTracing(page, { categories: ['devtools.timeline', 'cc', 'blink', 'disabled-by-default-cc.debug', 'gpu', 'viz', 'skia'] });
await page.evaluate(async () => {
  const btn = document.querySelector('[data-act="train"]');
  btn.click();
  await new Promise(ok => setTimeout(ok, 1500));
  btn.click();
});
const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
const ups = events.filter(e => e.name === 'LayerTreeHost::DoUpdateLayers' && e.ph === 'X');
const inside = {};
for (const u of ups) {
  for (const e of events) {
    if (e.ph === 'X' && e.tid === u.tid && e.ts > u.ts && e.ts + (e.dur ?? 0) <= u.ts + u.dur && e !== u) inside[e.name] = (inside[e.name] ?? 0) + (e.dur ?? 0) / 1000;
  }
}
console.log(ups.length, Object.entries(inside).sort((a, b) => b[1] - a[1]).slice(0, 12));
await browser.close(); await server.close();
