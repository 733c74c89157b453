import { serve, launch, open } from './harness.mjs';
const server = await serve();
const browser = await launch();
const { page } = await open(browser, server.url + '/');
for (const [name, settings] of [
  ['tanh', { problem: 'binary', data: 'spiral', hidden: [8, 8], activations: ['tanh', 'tanh'], output: 'tanh', loss: 'half_sse', batch: 10 }],
  ['linear', { problem: 'regression', data: 'plane', hidden: [8, 8], activations: ['linear', 'linear'], output: 'linear', loss: 'half_sse', batch: 10 }],
  ['relu', { problem: 'regression', data: 'plane', hidden: [8, 8], activations: ['relu', 'relu'], output: 'linear', loss: 'half_sse', batch: 10 }],
]) {
  const p = Buffer.from(JSON.stringify({ settings })).toString('base64url');
  const r = await page.evaluate(async (options) => {
    const core = await import('/backprop-viz.js');
    await core.default({ module_or_path: '/backprop-viz_bg.wasm' });
    window.w?.destroy();
    const host = document.createElement('div');
    document.querySelector('main').replaceChildren(host);
    const w = window.w = core.mount(host, '', options, '');
    w.computeGrids(100);
    let t0 = performance.now();
    for (let k = 0; k < 20; k++) w.computeGrids(100);
    const grid = (performance.now() - t0) / 20;
    w.train(2500);
    t0 = performance.now();
    w.train(100000);
    const train = (performance.now() - t0) * 1000 / 100000;
    return { grid, train };
  }, `p=${p}`);
  console.log(name, JSON.stringify(r));
}
await browser.close(); await server.close();
