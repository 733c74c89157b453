import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const { page } = await open(browser, server.url + '/#v=1&mode=data');
await page.waitForSelector('.bpv[data-mode="data"]');
const r = await page.evaluate(async () => {
  const btn = document.querySelector('[data-act="train"]');
  btn.click();
  const iv = []; let last = performance.now(); const end = last + 4000;
  while (performance.now() < end) { const t = await new Promise(ok => requestAnimationFrame(ok)); iv.push(t - last); last = t; }
  btn.click();
  iv.sort((a, b) => a - b);
  return { median: iv[iv.length >> 1], p95: iv[Math.floor(iv.length * 0.95)], n: iv.length };
});
console.log(JSON.stringify(r));
await browser.close(); await server.close();
