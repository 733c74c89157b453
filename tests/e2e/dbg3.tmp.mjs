import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const settings = { problem: 'binary', data: 'spiral', points: 500, noise: 0, test_share: 0.5, seed: 1, hidden: [8,8,8,8,8,8], activations: Array(6).fill('tanh'), output: 'tanh', loss: 'half_sse', learning_rate: 0.03, batch: 10 };
const p = Buffer.from(JSON.stringify({ settings })).toString('base64url');
const { page } = await open(browser, server.url + '/#v=1&p=' + p);
const r = await page.evaluate(async () => {
  const rows = [];
  const btn = document.querySelector('[data-act="train"]');
  btn.click();
  const end = performance.now() + 2000;
  while (performance.now() < end) {
    const t0 = performance.now();
    await new Promise(ok => requestAnimationFrame(ok));
    rows.push(performance.now() - t0);
  }
  btn.click();
  return rows;
});
console.log(r.map(x => x.toFixed(0)).join(' '));
await page.evaluate(() => { console.profile && 0; });
await browser.close(); await server.close();
