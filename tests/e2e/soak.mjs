// Memory over a long session: continuous dragging, SGD steps and animation for SOAK_SECONDS
// (default 600), with the JS heap and the wasm memory measured (after garbage collection) before
// and after. Prints JSON lines like bench.mjs. Run by `bash scripts/bench.sh`; DIST serves another
// build (a turn about).
import { serve, launch, open, dist } from './harness.mjs';

const seconds = Number(process.env.SOAK_SECONDS ?? 600);
const emit = (name, value, unit, extra = {}) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(3)), unit, ...extra }));

const server = await serve(process.env.DIST ?? dist);
const browser = await launch();
try {
  const { page, context, problems } = await open(browser, `${server.url}/`);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.enable');
  const measure = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.soakWasm?.memory.buffer.byteLength ?? 0);
    return { heap: heap.usedSize, wasm };
  };
  await page.evaluate(async () => {
    const core = await import('/backprop-viz.js');
    window.soakWasm = await core.default({ module_or_path: '/backprop-viz_bg.wasm' });
    await core.loadPart('api');
    const host = document.createElement('div');
    document.querySelector('main').replaceChildren(host);
    window.soakWidget = core.mount(host, 'deep_tanh', undefined, '');
  });
  // Warm up, then measure.
  await page.waitForTimeout(2000);
  const before = await measure();
  const stats = await page.evaluate(async (ms) => {
    const w = window.soakWidget;
    const ranges = [...document.querySelectorAll('.bpv-range')];
    const end = performance.now() + ms;
    let edits = 0;
    let steps = 0;
    let k = 0;
    while (performance.now() < end) {
      const range = ranges[k % ranges.length];
      range.value = String(Number(range.min) + ((k * 37) % 100) / 100 * (Number(range.max) - Number(range.min)));
      range.dispatchEvent(new Event('input', { bubbles: true }));
      edits += 1;
      if (k % 120 === 0) { w.applyStep(); steps += 1; }
      if (k % 600 === 0) w.play();
      if (k % 3000 === 0) { w.undo(); w.reset(); }
      k += 1;
      await new Promise((ok) => requestAnimationFrame(ok));
    }
    w.pause();
    return { edits, steps };
  }, seconds * 1000);
  await page.waitForTimeout(1000);
  const after = await measure();
  emit('soak_js_heap_before', before.heap / 1048576, 'MiB');
  emit('soak_js_heap_after', after.heap / 1048576, 'MiB', { seconds, edits: stats.edits, sgd_steps: stats.steps });
  emit('soak_wasm_memory_before', before.wasm / 1048576, 'MiB');
  emit('soak_wasm_memory_after', after.wasm / 1048576, 'MiB');
  if (problems.length) console.error('page problems:', problems);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
