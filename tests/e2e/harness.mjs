// Shared set-up for the browser tests: a static server for dist/, Debian's Chromium driven by
// playwright-core, console-error collection, and the command line for reference values.
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { before, after } from 'node:test';
import { createServer } from 'node:http';
import { readFile, mkdir } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
export const dist = join(root, 'dist');
export const artifacts = join(here, 'artifacts');

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
};

/** The build with test-only hooks (scripts/test.sh makes it). */
export const distTest = join(root, 'target', 'dist-test');
/** The crate's version, which every download's name carries (scripts/package.sh). */
export const version = /^version = "([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
/** Where scripts/package.sh writes the downloads. */
export const packages = join(root, 'target', 'package');

/** The delay for the parts loaded when first needed, for every server (see `serve`). */
const slowPartsEnv = Number(process.env.BPV_SLOW_PARTS ?? 0);

/**
 * Serves a directory (dist/ by default) on a free localhost port, with extra response headers;
 * with `prefix` (such as `/course/backprop-viz`) only under that folder, as a teacher's site
 * would, and 404 everywhere else. With `compress`, a file is sent brotli-compressed to a browser
 * that accepts it, as static hosts send the bundle's `.br` files (for timings on a slow link).
 * With `slowParts` (milliseconds; `BPV_SLOW_PARTS` in the environment sets it for every server),
 * the parts loaded when first needed (`split_*` and `chunk_*`) arrive that much later, as on a
 * slow link: a test that reads or clicks what a part writes without waiting for it fails then,
 * every time, not once in a while on a fresh machine.
 */
export async function serve(directory = dist, headers = {}, prefix = '', { compress = false, slowParts = slowPartsEnv } = {}) {
  const compressed = new Map();
  const server = createServer(async (req, res) => {
    let pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (prefix) {
      if (!pathname.startsWith(`${prefix}/`)) {
        res.writeHead(404);
        res.end('not found');
        return;
      }
      pathname = pathname.slice(prefix.length);
    }
    const path = normalize(pathname).replace(/^(\.\.[/\\])+/, '');
    let file = join(directory, path);
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      if (slowParts && /^(split_|chunk_)/.test(basename(file))) await new Promise((ok) => setTimeout(ok, slowParts));
      const type = { 'content-type': types[extname(file)] ?? 'application/octet-stream', ...headers };
      if (compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '')) {
        if (!compressed.has(file)) compressed.set(file, brotliCompressSync(body));
        res.writeHead(200, { ...type, 'content-encoding': 'br' });
        res.end(compressed.get(file));
        return;
      }
      res.writeHead(200, type);
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(ok)) };
}

/**
 * One static server and one browser for a test file: started before its first test and closed
 * after its last. `shared.server` and `shared.browser` are set once the file's tests run;
 * `start` launches the browser (headless Chromium unless told otherwise).
 */
export function sharedBrowser({ directory = dist, headers = {}, prefix = '', start = launch, slowParts } = {}) {
  const shared = { server: null, browser: null };
  before(async () => {
    shared.server = await serve(directory, headers, prefix, { slowParts });
    shared.browser = await start();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.close();
  });
  return shared;
}

/**
 * For `page.evaluate`: how far the page scrolls sideways, in px (0 or less when it does not): its
 * width against the window's less a scroll bar's room. The full page keeps that room from the
 * start (scrollbar-gutter), also where the browser draws no bar (headless Chromium, phones'
 * overlay bars), so `clientWidth` alone would let a page 15 px too wide pass.
 */
export const sideways = () => document.documentElement.scrollWidth
  - Math.ceil(parseFloat(getComputedStyle(document.documentElement).width));

/** Launches headless Debian Chromium. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-quic',
    ],
  });
}

/**
 * Opens a page and records console errors, page errors and requests to other hosts.
 * `problems` lists them; tests assert it is empty.
 */
export async function open(browser, url, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1400, height: 1000 },
    deviceScaleFactor: options.deviceScaleFactor ?? 1,
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ?? 'no-preference',
    // A touch screen: the page's (pointer: coarse) rules apply.
    hasTouch: options.hasTouch ?? false,
  });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  const origin = new URL(url).origin;
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) {
      problems.push(`request to another host: ${r.url()}`);
    }
  });
  // `before(page)`: what must be in place before the page loads (routes, init scripts).
  if (options.before) await options.before(page);
  await page.goto(url);
  // `widgets: 'shadow'` for a page whose widgets are in shadow roots (the module API's): the
  // caller waits for them its own way.
  if (options.widgets !== 'shadow') {
    // `canvasState: 'attached'` for a page that opens with the canvas hidden (a per-student link's prompt).
    await page.waitForSelector('.bpv .bpv-canvas', { state: options.canvasState ?? 'visible' });
    await page.waitForFunction(() => document.querySelectorAll('.bpv-table tbody tr[data-symbol]').length > 0);
  }
  return { page, context, problems };
}

/**
 * Holds back the page's requests for `pattern` (a part's file) until the returned function is
 * called: the state a page shows while a part is on its way.
 */
export async function holdBack(page, pattern) {
  let release;
  const held = new Promise((ok) => { release = ok; });
  await page.route(pattern, async (route) => { await held; await route.continue(); });
  return release;
}

/**
 * Starts recording the page's layout shifts that no input caused (a press's own 0.5 s is input);
 * returns a function that reads them, one `"value classes-of-what-moved"` each, and their sum.
 */
export async function watchShifts(page) {
  await page.evaluate(() => {
    globalThis.__bpvShifts = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (!e.hadRecentInput) globalThis.__bpvShifts.push([e.value, e.sources.map((x) => x.node?.className).join(', ')]);
      }
    }).observe({ type: 'layout-shift' });
  });
  return async () => {
    const shifts = await page.evaluate(() => globalThis.__bpvShifts);
    return { list: shifts.map(([value, what]) => `${value.toFixed(4)} ${what}`), sum: shifts.reduce((t, [value]) => t + value, 0) };
  };
}

/**
 * Starts recording every file the page receives (call it before `goto`); returns a function
 * that reads what arrived since its previous call: the files, their bodies, and their bytes as
 * they come, as gzip -9 and brotli (what a static host serves precompressed) make them.
 */
export function watchWeight(page) {
  let pending = [];
  page.on('response', (r) => {
    if (r.ok()) pending.push(r.body().then((body) => [r.url(), body], () => [r.url(), Buffer.alloc(0)]));
  });
  return async () => {
    const arrived = await Promise.all(pending);
    pending = [];
    const sum = (size) => arrived.reduce((t, [, body]) => t + size(body), 0);
    return {
      files: arrived.map(([url]) => new URL(url).pathname.split('/').pop()),
      bodies: arrived.map(([, body]) => body),
      raw: sum((b) => b.length),
      gzip: sum((b) => gzipSync(b, { level: 9 }).length),
      brotli: sum((b) => brotliCompressSync(b).length),
    };
  };
}

/** Saves a screenshot under tests/e2e/artifacts/. */
export async function screenshot(page, name, target = page) {
  await mkdir(artifacts, { recursive: true });
  const path = join(artifacts, name);
  await target.screenshot({ path });
  return path;
}

/** Runs the release command line on a scenario (JSON text) and returns its parsed JSON trace. */
export function cli(scenarioJson, args = []) {
  const binary = join(root, 'target', 'release', 'backprop');
  const fallback = join(root, 'target', 'debug', 'backprop');
  const exe = existsSync(binary) ? binary : fallback;
  const out = spawnSync(exe, ['-', ...args], { input: scenarioJson, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`backprop failed: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

/** The full-precision value of a table row, by its symbol (e.g. "J", "a3", "∂J/∂w6"). */
export async function tableValue(page, symbol, instance = 0) {
  const widget = page.locator('.bpv').nth(instance);
  // The table follows edits in a task of its own: wait until it has caught up.
  await page.waitForFunction((k) => document.querySelectorAll('.bpv')[k]?.dataset.table === 'fresh', instance);
  const cell = widget.locator(`.bpv-table tbody tr[data-symbol="${symbol}"] td:last-child`).first();
  return Number(await cell.getAttribute('data-value'));
}

/**
 * The quiz's question once the page has written it ("What is z1?", or "All done." at the end):
 * the question's paragraph is in the markup from the start and gets its text in a later frame,
 * so reading it as soon as it exists can read an empty paragraph. `target` is a page or a frame.
 */
export async function quizQuestion(target) {
  const question = target.locator('.bpv-quiz-question').filter({ hasText: /^(What is .+\?|All done\.)$/ });
  await question.waitFor();
  return question.innerText();
}

/** The number box of a field by its name (e.g. "w6"). */
export function numberBox(page, name, instance = 0) {
  return page.locator('.bpv').nth(instance).locator(`.bpv-number[data-name="${name}"]`);
}

/** A field's value once it has stopped changing (edits land on the next animation frame). */
export async function settledValue(page, name, instance = 0) {
  const box = numberBox(page, name, instance);
  let last = await box.getAttribute('data-value');
  for (let k = 0; k < 50; k += 1) {
    await page.waitForTimeout(60);
    const now = await box.getAttribute('data-value');
    if (now === last) return Number(now);
    last = now;
  }
  throw new Error(`${name} kept changing`);
}

/** The slider of a field by its name. */
export function slider(page, name, instance = 0) {
  return page.locator('.bpv').nth(instance).locator(`.bpv-field:has(.bpv-number[data-name="${name}"]) .bpv-range`);
}

/** The exam scenario, edited by `edit(json)`, as text for the command line. */
export function examWith(edit) {
  const exam = {
    version: 1, title: 'Exam question 4: a 2-2-1 network, one SGD step',
    layers: [2, 2, 1], activations: ['relu', 'sigmoid'], loss: 'bce', learning_rate: 0.01,
    weights: [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]], biases: [[0.2, -0.2], [0.0]],
    samples: [{ x: [1.0, 2.0], y: [0.0] }], freeze_biases: false,
  };
  edit(exam);
  return JSON.stringify(exam);
}
