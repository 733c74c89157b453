// Benchmarks of the page in headless Chromium. Prints one JSON line per figure:
// {"name": ..., "value": ..., "unit": ...}. Run with `bash scripts/bench.sh`.
import { readdir, readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { serve, launch, open, dist, watchWeight } from './harness.mjs';

const emit = (name, value, unit, extra = {}) =>
  console.log(JSON.stringify({ name, value: Number(value.toFixed(4)), unit, ...extra }));

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

/** A 2-8-8-8-1 tanh network with a sigmoid output and BCE, deterministic weights. */
function wideScenario() {
  const layers = [2, 8, 8, 8, 1];
  const weights = [];
  const biases = [];
  for (let l = 0; l + 1 < layers.length; l += 1) {
    weights.push(Array.from({ length: layers[l] }, (_, i) =>
      Array.from({ length: layers[l + 1] }, (_, j) => Math.round((Math.sin(1 + l * 31 + i * 7 + j * 3) * 0.9) * 1000) / 1000)));
    biases.push(Array.from({ length: layers[l + 1] }, (_, j) => Math.round(Math.cos(j + l) * 100) / 1000));
  }
  return JSON.stringify({
    version: 1, title: '2-8-8-8-1 benchmark network', layers,
    activations: ['tanh', 'tanh', 'tanh', 'sigmoid'], loss: 'bce', learning_rate: 0.1,
    weights, biases, samples: [{ x: [0.5, -1.0], y: [1.0] }],
  });
}

/** Replaces the page's widget with one showing `scenario` (JSON or a preset) with the mount
 * `options` object, using the core's `mount`. */
async function mountWith(page, scenario, options = undefined) {
  await page.evaluate(async ([json, opts]) => {
    const core = await import('/backprop-viz.js');
    await core.default({ module_or_path: '/backprop-viz_bg.wasm' });
    // The reader of scenario JSON is a part of its own (builds before session 17 have none).
    await core.loadPart?.('read').catch(() => {});
    // The module API's own code is a part too (builds before session 18 have none).
    await core.loadPart?.('api').catch(() => {});
    window.benchWidget?.destroy();
    const host = document.createElement('div');
    host.id = 'bench-host';
    document.querySelector('main').replaceChildren(host);
    window.benchWidget = core.mount(host, json, opts, '');
  }, [scenario, options]);
}

/** Shows `scenario` (JSON) in the bench widget, once its table is there. */
async function mountScenario(page, scenario) {
  await mountWith(page, scenario);
  await page.waitForFunction(() => document.querySelectorAll('#bench-host .bpv-table tbody tr[data-symbol]').length > 0);
}

/**
 * Edit-to-frame: dispatches `count` input events on a weight slider, one per frame, and adds the
 * input handler's time (recompute) to the widget's next frame (redraw), as the widget measures it.
 */
async function editToFrame(page, count) {
  return page.evaluate(async (n) => {
    const w = window.benchWidget;
    const range = document.querySelector('#bench-host .bpv-range');
    const min = Number(range.min);
    const max = Number(range.max);
    const raf = () => new Promise((ok) => requestAnimationFrame(ok));
    const times = [];
    const parts = [];
    for (let k = 0; k < n; k += 1) {
      const frames = w.frameStats()[3];
      const t0 = performance.now();
      range.value = String(min + ((k * 37) % 100) / 100 * (max - min));
      range.dispatchEvent(new Event('input', { bubbles: true }));
      const handler = performance.now() - t0;
      while (w.frameStats()[3] === frames) await raf();
      const [frame, build, paint, , editors, panels] = w.frameStats();
      times.push(handler + frame);
      parts.push([handler, build, paint, editors, panels]);
    }
    return { times, parts };
  }, count);
}

/** Plays the animation at 1× and records each frame's interval and the widget's work in it. */
async function animation(page, ms) {
  return page.evaluate(async (duration) => {
    const w = window.benchWidget;
    const host = document.querySelector('#bench-host');
    host.querySelector('.bpv-speed').value = '1';
    host.querySelector('.bpv-replay').click();
    const intervals = [];
    const work = [];
    let last = performance.now();
    let seen = w.frameStats()[3];
    const end = last + duration;
    const steps = host.querySelectorAll('.bpv-table tbody tr').length;
    while (performance.now() < end) {
      const t = await new Promise((ok) => requestAnimationFrame(ok));
      intervals.push(t - last);
      last = t;
      const stats = w.frameStats();
      if (stats[3] !== seen) work.push(stats[0]);
      seen = stats[3];
      if (host.querySelector('.bpv-position').dataset.position === String(steps)) host.querySelector('.bpv-replay').click();
    }
    return { intervals: intervals.slice(2), work };
  }, ms);
}

/** The issue's benchmark settings: 2-8-8-1, tanh everywhere, half squared error, 500 spiral points
 * with no noise (half for training), batch 10, learning rate 0.03. `BENCH_ACTIVATION=relu` (or
 * another) changes the hidden layers' activation, for comparisons. */
const playgroundSettings = (hidden) => ({
  problem: 'binary', data: 'spiral', points: 500, noise: 0, test_share: 0.5, seed: 1,
  hidden, activations: hidden.map(() => process.env.BENCH_ACTIVATION || 'tanh'), output: 'tanh',
  loss: 'half_sse', learning_rate: 0.03, batch: 10,
});

/** Replaces the page's widget with one in data-set mode with `settings`. */
async function mountPlayground(page, settings) {
  await mountWith(page, '', { playground: settings });
  await page.waitForSelector('#bench-host .bpv[data-mode="data"]');
}

/** Trains `samples` samples in one call, `runs` times; returns µs per sample-step for each run. */
async function trainingSpeed(page, samples, runs) {
  return page.evaluate(([n, k]) => {
    const w = window.benchWidget;
    w.train(2500);
    const out = [];
    for (let r = 0; r < k; r += 1) {
      const t0 = performance.now();
      w.train(n);
      out.push(((performance.now() - t0) * 1000) / n);
    }
    return out;
  }, [samples, runs]);
}

/** Times `runs` recomputations of every neuron's n × n grid. */
async function gridSpeed(page, n, runs) {
  return page.evaluate(([side, k]) => {
    const w = window.benchWidget;
    w.computeGrids(side);
    const out = [];
    for (let r = 0; r < k; r += 1) {
      const t0 = performance.now();
      w.computeGrids(side);
      out.push(performance.now() - t0);
    }
    return out;
  }, [n, runs]);
}

/** Trains (one epoch per frame) for `ms` and records frame intervals and the widget's work. */
async function trainingView(page, ms) {
  return page.evaluate(async (duration) => {
    const w = window.benchWidget;
    w.toggleTraining();
    const intervals = [];
    const work = [];
    const parts = [];
    let last = performance.now();
    let seen = w.frameStats()[3];
    const end = last + duration;
    while (performance.now() < end) {
      const t = await new Promise((ok) => requestAnimationFrame(ok));
      intervals.push(t - last);
      last = t;
      const stats = w.frameStats();
      if (stats[3] !== seen) {
        work.push(stats[0]);
        // The training parts, then the network view's scene build and paint.
        parts.push([...w.trainingStats(), stats[1], stats[2]]);
      }
      seen = stats[3];
    }
    w.toggleTraining();
    return { intervals: intervals.slice(2), work, parts, epoch: w.trainingStats()[4] };
  }, ms);
}

const mean = (rows, k) => rows.reduce((a, r) => a + r[k], 0) / rows.length;

async function playgroundBenchmarks(page) {
  await mountPlayground(page, playgroundSettings([8, 8]));
  const speeds = await trainingSpeed(page, 100000, 7);
  emit('wasm_train_sample_step_2-8-8-1', percentile(speeds, 50), 'µs', { runs: speeds.length, min: Number(Math.min(...speeds).toFixed(3)) });
  const grids = await gridSpeed(page, 100, 30);
  emit('wasm_boundary_100x100_all_neurons_2-8-8-1', percentile(grids, 50), 'ms', {
    runs: grids.length, p95: Number(percentile(grids, 95).toFixed(3)), min: Math.min(...grids),
  });
  if (process.env.BENCH_ONLY === 'core') return;
  await mountPlayground(page, {});
  const small = await trainingView(page, 4000);
  emit('training_view_frame_interval_p95_default_2-4-2-1', percentile(small.intervals, 95), 'ms', {
    median: Number(percentile(small.intervals, 50).toFixed(2)),
    frames: small.intervals.length,
    work_median: Number(percentile(small.work, 50).toFixed(3)),
  });
  const hidden = [8, 8, 8, 8, 8, 8];
  await mountPlayground(page, playgroundSettings(hidden));
  const view = await trainingView(page, 5000);
  const avg = (k) => view.parts.reduce((a, r) => a + r[k], 0) / Math.max(1, view.parts.length);
  emit('training_view_frame_interval_p95_2-8x6-1', percentile(view.intervals, 95), 'ms', {
    median: Number(percentile(view.intervals, 50).toFixed(2)),
    fps: Number((1000 / percentile(view.intervals, 50)).toFixed(1)),
    frames: view.intervals.length,
    // The share of frames that came one display frame (16.7 ms) after the previous one.
    on_time: Number((view.intervals.filter((t) => t < 20).length / view.intervals.length).toFixed(3)),
    epochs: Number(view.epoch.toFixed(1)),
  });
  emit('training_view_frame_work_p95_2-8x6-1', percentile(view.work, 95), 'ms', {
    median: Number(percentile(view.work, 50).toFixed(3)),
    mean_training: Number(avg(0).toFixed(3)),
    mean_grids: Number(avg(1).toFixed(3)),
    mean_plot_chart: Number(avg(2).toFixed(3)),
    mean_network_scene: Number(avg(7).toFixed(3)),
    mean_network_paint: Number(avg(8).toFixed(3)),
    grid_side_while_training: view.parts.at(-1)?.[3],
  });
}

/** A `layers` network of tanh layers and a sigmoid output, deterministic weights, one sample. */
function sizedScenario(layers) {
  const weights = [];
  const biases = [];
  for (let l = 0; l + 1 < layers.length; l += 1) {
    weights.push(Array.from({ length: layers[l] }, (_, i) =>
      Array.from({ length: layers[l + 1] }, (_, j) => ((i * 7 + j * 3) % 11 - 5) / 50)));
    biases.push(Array(layers[l + 1]).fill(0.01));
  }
  const activations = layers.slice(1).map((_, l) => (l + 2 === layers.length ? 'sigmoid' : 'tanh'));
  return JSON.stringify({
    version: 1, title: 'sized', layers, activations, loss: 'bce', learning_rate: 0.1, weights, biases,
    samples: [{ x: Array(layers[0]).fill(0.5), y: [1] }],
  });
}

/** Milliseconds from navigation to the page's table filled (`data-table="fresh"`), median of `runs`. */
async function openTime(browser, url, runs) {
  const times = [];
  for (let k = 0; k < runs; k += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const started = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => document.querySelector('.bpv')?.dataset.table === 'fresh', null, { timeout: 60000 });
    times.push(Date.now() - started);
    await context.close();
  }
  return percentile(times, 50);
}

/**
 * First paint of a fresh page (medians of `runs`): the first contentful paint (the page's text),
 * the frame that shows the mounted widget (when the first animation frame after the canvas is in
 * the page runs: the mount draws it in the same task) and how many timer tasks ran
 * between the mount and that frame, when a picture of the network was first on screen (the
 * placeholder's, or that frame), and how far the page jumped as it loaded (the cumulative
 * layout shift up to half a second after that frame).
 */
async function firstPaint(browser, url, runs, network = null, drawn = '.bpv .bpv-canvas', viewport = { width: 1400, height: 1000 }) {
  const [text, frame, timers, shifts, picture] = [[], [], [], [], []];
  for (let k = 0; k < runs; k += 1) {
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, ...network });
    }
    await page.addInitScript((selector) => { window.__drawnSelector = selector; }, drawn);
    await page.addInitScript(() => {
      const seen = { mounted: null, frame: null, timers: 0, shift: 0, picture: null };
      window.__firstPaint = seen;
      // The placeholder's picture of the network: the first frame in which it is loaded and
      // shown, if the page has one.
      const look = (t) => {
        const img = document.querySelector('.bpv-boot img');
        if (img?.complete && img.naturalWidth > 0 && getComputedStyle(img).visibility === 'visible') {
          seen.picture = t;
        } else if (seen.frame === null) {
          requestAnimationFrame(look);
        }
      };
      requestAnimationFrame(look);
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) seen.shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      const setTimer = window.setTimeout;
      window.setTimeout = (f, ...rest) => setTimer(() => {
        if (seen.mounted !== null && seen.frame === null) seen.timers += 1;
        if (typeof f === 'function') f();
      }, ...rest);
      new MutationObserver((_, observer) => {
        if (seen.mounted === null && document.querySelector(window.__drawnSelector)) {
          seen.mounted = performance.now();
          observer.disconnect();
          // The clock when the frame's callbacks run, not the frame's timestamp: a frame begun
          // while a long task held the main thread carries the time it was begun at, before
          // that task had drawn anything (TensorFlow Playground's start-up is one 200 ms task).
          requestAnimationFrame(() => { seen.frame = performance.now(); });
        }
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(url);
    await page.waitForFunction(() => window.__firstPaint.frame !== null, null, { timeout: 60000 });
    await page.waitForTimeout(500);
    const seen = await page.evaluate(() => ({
      ...window.__firstPaint,
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
    }));
    text.push(seen.fcp);
    frame.push(seen.frame);
    timers.push(seen.timers);
    shifts.push(seen.shift);
    picture.push(Math.min(seen.picture ?? Infinity, seen.frame));
    await context.close();
  }
  return {
    text: percentile(text, 50),
    frame: percentile(frame, 50),
    timers: Math.max(...timers),
    shift: percentile(shifts, 50),
    picture: percentile(picture, 50),
  };
}

/** The first-paint figures of the exam, of data-set mode and of the exam on a mobile link. */
async function paintBenchmarks(browser, server) {
  // A phone on a mobile network: 100 ms round trip, 4 Mbit/s down, 1 Mbit/s up; the files sent
  // brotli-compressed, as a static host sends the bundle's `.br` files.
  const mobile = { latency: 100, downloadThroughput: 4e6 / 8, uploadThroughput: 1e6 / 8 };
  const compressed = await serve(process.env.DIST, {}, '', { compress: true });
  // The embed as the Embed… dialog's code opens it, in a phone's 390 × 640 frame.
  const phone = { width: 390, height: 640 };
  for (const [label, hash, network, page = 'index.html', viewport = undefined] of [
    ['exam', 'v=1&preset=exam', null], ['data', 'v=1&preset=exam&mode=data', null], ['exam_4g', 'v=1&preset=exam', mobile],
    ['data_4g', 'v=1&preset=exam&mode=data', mobile], ['embed_phone_4g', 'v=1&preset=exam', mobile, 'embed.html', phone],
  ]) {
    const base = network ? compressed.url : server.url;
    const url = `${base}/${page}#${hash}`;
    // One load first, so that the compressed files are ready before the timed loads.
    if (network) await firstPaint(browser, url, 1);
    const seen = await firstPaint(browser, url, network ? 3 : 7, network, undefined, viewport);
    const drawn = label.startsWith('data') ? 'first_heatmap_frame' : 'first_network_frame';
    emit(`first_contentful_paint_${label}`, seen.text, 'ms');
    emit(`first_network_picture_${label}`, seen.picture, 'ms');
    emit(`${drawn}_${label}`, seen.frame, 'ms', { timer_tasks_before: seen.timers });
    emit(`layout_shift_${label}`, seen.shift, 'CLS');
  }
  await compressed.close();
  // TensorFlow Playground beside it, by the same method, when a build of it is given
  // (`TFP_DIST`: a folder with its index.html; BENCHMARKS.md says how it was built): the frame
  // after its heatmap's canvas is in the page (its start-up draws the heatmap in that task), on
  // localhost and on the mobile link.
  if (process.env.TFP_DIST) {
    const tfp = await serve(process.env.TFP_DIST);
    const local = await firstPaint(browser, `${tfp.url}/index.html`, 7, null, '#heatmap canvas');
    emit('first_contentful_paint_tensorflow_playground', local.text, 'ms');
    emit('first_heatmap_frame_tensorflow_playground', local.frame, 'ms', { timer_tasks_before: local.timers });
    await tfp.close();
    const tfpBr = await serve(process.env.TFP_DIST, {}, '', { compress: true });
    await firstPaint(browser, `${tfpBr.url}/index.html`, 1, null, '#heatmap canvas');
    const slow = await firstPaint(browser, `${tfpBr.url}/index.html`, 3, mobile, '#heatmap canvas');
    emit('first_contentful_paint_tensorflow_playground_4g', slow.text, 'ms');
    emit('first_heatmap_frame_tensorflow_playground_4g', slow.frame, 'ms');
    await tfpBr.close();
  }
}

/**
 * Where the page puts the network on a phone, and how far it jumps when a part of the code
 * arrives 1.2 s after the press that asked for it (a slow link): the layout shift that does not
 * count as the press's own (more than 0.5 s after it).
 */
async function layoutBenchmarks(browser, server) {
  for (const [label, path, width, height] of [
    ['page_390x844', 'index.html', 390, 844],
    ['readme_embed_390x520', 'embed.html#v=1&preset=exam&panels=canvas,controls,explain', 390, 520],
    ['embed_390x640', 'embed.html#v=1&preset=exam', 390, 640],
    ['page_844x390', 'index.html', 844, 390],
  ]) {
    const context = await browser.newContext({ viewport: { width, height }, hasTouch: true, isMobile: true });
    const page = await context.newPage();
    await page.goto(`${server.url}/${path}`);
    await page.waitForSelector('.bpv .bpv-canvas');
    await page.waitForTimeout(300);
    emit(`network_top_phone_${label}`, await page.locator('.bpv-stage').evaluate((e) => e.getBoundingClientRect().top), 'px');
    await context.close();
  }
  for (const [label, press, arrived, width, height, scroll = false] of [
    ['data_1400', '.bpv-mode-data', '.bpv[data-mode="data"]', 1400, 1000],
    ['data_390', '.bpv-mode-data', '.bpv[data-mode="data"]', 390, 844],
    ['embed_dialog_1400', '.bpv-embed-toggle', '.bpv-embed:not([hidden]) textarea', 1400, 1000],
    ['markdown_1400', '.bpv-export-markdown', '.bpv-io[open] .bpv-io-text', 1400, 1000],
    // The authoring panel opened at the top of the view, as a teacher scrolls to it.
    ['author_1400', '.bpv-author summary', '.bpv-author-title', 1400, 1000, true],
    ['author_390', '.bpv-author summary', '.bpv-author-title', 390, 844, true],
  ]) {
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.route(/(split|chunk)_\w+\.wasm$/, async (route) => {
      await new Promise((ok) => { setTimeout(ok, 1200); });
      await route.continue();
    });
    await page.goto(`${server.url}/index.html`);
    await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
    if (scroll) {
      await page.locator(press).evaluate((e) => e.scrollIntoView());
      await page.waitForTimeout(100);
    }
    await page.evaluate(() => {
      window.__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
      }).observe({ type: 'layout-shift' });
    });
    await page.click(press);
    await page.waitForSelector(arrived, { timeout: 30000 });
    // The worked solution's box opens on the press (since session 25): its text is what arrives.
    if (label.startsWith('markdown')) await page.waitForFunction(() => document.querySelector('.bpv-io-text').value.startsWith('# '), null, { timeout: 30000 });
    await page.waitForTimeout(500);
    emit(`layout_shift_part_arrives_${label}`, await page.evaluate(() => window.__shift), 'CLS');
    await context.close();
  }
}

const server = await serve(process.env.DIST);
const browser = await launch();
if (process.env.BENCH_ONLY === 'layout') {
  await layoutBenchmarks(browser, server);
  await browser.close();
  await server.close();
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'paint') {
  await paintBenchmarks(browser, server);
  await browser.close();
  await server.close();
  process.exit(0);
}
if (process.env.BENCH_ONLY === 'limits') {
  // The largest network the scenario limits allow opens in well under a second more than the exam.
  const exam = await openTime(browser, `${server.url}/`, 5);
  emit('open_to_table_exam', exam, 'ms');
  for (const layers of [[2, 16, 16, 1], [2, 30, 30, 1]]) {
    const weights = layers.slice(1).reduce((a, n, i) => a + n * layers[i], 0);
    const hash = `v=1&s=${Buffer.from(sizedScenario(layers)).toString('base64url')}`;
    const ms = await openTime(browser, `${server.url}/#${hash}`, 5);
    emit(`open_to_table_${layers.join('-')}`, ms, 'ms', { weights, over_exam: ms - exam });
  }
  await browser.close();
  await server.close();
  process.exit(0);
}
/** `body`'s size as zopfli gzips it (the site zip's .gz files), or -Infinity without zopfli. */
function zopfliSize(body) {
  // zopfli reads a file (not a pipe).
  const file = join(tmpdir(), `bench-zopfli-${process.pid}`);
  try {
    writeFileSync(file, body);
    return execFileSync('zopfli', ['--gzip', '-c', file], { maxBuffer: 1 << 28 }).length;
  } catch {
    return -Infinity;
  } finally {
    rmSync(file, { force: true });
  }
}

try {
  // Page weight, of the build being served (DIST, for a turn-about against another build).
  const served = process.env.DIST ?? dist;
  let raw = 0;
  let gzipped = 0;
  for (const file of await readdir(served)) {
    if (!/\.(html|js|wasm|css|svg)$/.test(file)) continue;
    const body = await readFile(join(served, file));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  emit('page_weight_gzip', gzipped / 1024, 'KiB', { raw_kib: Number((raw / 1024).toFixed(1)) });
  /** Opens the embed of `hash` in a context of its own, and what it loaded until the network was idle. */
  const weighed = async (hash) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const weight = watchWeight(page);
    await page.goto(`${server.url}/embed.html#${hash}`);
    await page.waitForSelector('.bpv .bpv-canvas');
    await page.waitForLoadState('networkidle');
    return { context, page, weight, load: await weight() };
  };
  // What an embed of the exam loads, file by file as the browser asked for them (html, js, wasm,
  // css), compressed as a static host would serve them; then what data-set mode adds when it is
  // first entered (its part of the code).
  {
    const { context, page, weight, load } = await weighed('v=1&preset=exam');
    // As the site zip's .gz files have it (scripts/package.sh), where zopfli is installed.
    const zopfli = load.bodies.reduce((t, body) => t + zopfliSize(body), 0);
    emit('page_weight_embed_gzip', load.gzip / 1024, 'KiB', {
      brotli_kib: Number((load.brotli / 1024).toFixed(1)),
      zopfli_kib: zopfli >= 0 ? Number((zopfli / 1024).toFixed(1)) : null,
      raw_kib: Number((load.raw / 1024).toFixed(1)),
      files: load.files.length,
    });
    await page.click('.bpv-mode-data');
    await page.waitForSelector('.bpv[data-mode="data"] .bpv-play-train');
    await page.waitForLoadState('networkidle');
    const data = await weight();
    emit('page_weight_data_mode_more_gzip', data.gzip / 1024, 'KiB', {
      brotli_kib: Number((data.brotli / 1024).toFixed(1)),
      files: data.files.length,
    });
    await context.close();
  }
  // A quiz embed, and a teacher's own question (its scenario in the link), as they open.
  for (const [label, hash] of [['quiz', 'v=1&preset=exam&quiz=1'], ['own_question', `v=1&s=${Buffer.from(wideScenario()).toString('base64url')}`]]) {
    const { context, load } = await weighed(hash);
    emit(`page_weight_${label}_embed_gzip`, load.gzip / 1024, 'KiB', { brotli_kib: Number((load.brotli / 1024).toFixed(1)), files: load.files.length });
    await context.close();
  }
  if (process.env.BENCH_ONLY === 'weight') process.exit(0);
  if (!process.env.BENCH_ONLY) {
    await paintBenchmarks(browser, server);
    await layoutBenchmarks(browser, server);
  }

  const { page, context, problems } = await open(browser, server.url + '/');
  if (process.env.BENCH_ONLY === 'playground' || process.env.BENCH_ONLY === 'core') {
    await playgroundBenchmarks(page);
    process.exit(0);
  }
  const load = await page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return nav.loadEventEnd - nav.startTime;
  });
  emit('page_load_exam', load, 'ms');

  for (const [label, scenario] of [['exam', 'exam'], ['2-8-8-8-1', wideScenario()]]) {
    await mountScenario(page, scenario);
    await editToFrame(page, 30); // warm-up
    const run = await editToFrame(page, 500);
    emit(`edit_to_frame_p95_${label}`, percentile(run.times, 95), 'ms', {
      median: Number(percentile(run.times, 50).toFixed(3)),
      mean_handler: Number(mean(run.parts, 0).toFixed(3)),
      mean_scene_build: Number(mean(run.parts, 1).toFixed(3)),
      mean_paint: Number(mean(run.parts, 2).toFixed(3)),
      mean_editors: Number(mean(run.parts, 3).toFixed(3)),
      mean_panels: Number(mean(run.parts, 4).toFixed(3)),
      samples: run.times.length,
    });
  }

  if (process.env.BENCH_ONLY === 'edit') process.exit(0);
  const anim = await animation(page, 5000);
  emit('animation_frame_interval_p95_2-8-8-8-1', percentile(anim.intervals, 95), 'ms', {
    median: Number(percentile(anim.intervals, 50).toFixed(2)),
    fps: Number((1000 / percentile(anim.intervals, 50)).toFixed(1)),
    frames: anim.intervals.length,
  });
  emit('animation_frame_work_p95_2-8-8-8-1', percentile(anim.work, 95), 'ms', { median: Number(percentile(anim.work, 50).toFixed(3)) });
  await playgroundBenchmarks(page);
  if (problems.length) console.error('page problems:', problems);
  await context.close();
} finally {
  await browser.close();
  await server.close();
}
