// The same user paths in Firefox (Debian's firefox-esr, driven by puppeteer-core over WebDriver
// BiDi), each file's main flows: the full page from a course subfolder at desktop and phone sizes,
// the keyboard, undo, a bad value typed, data-set mode's plot and training (visualiser,
// defects, playground); the quiz's diagnosis (teaching); the module API's refusals, the embed in a
// small iframe and the custom element following its attributes (embedding, robustness,
// element); the worked-answer check and a per-student link (exam); the one-file offline page from
// file:// at phone size (bundle); the first paint's shell, where Firefox's scroll bars take room
// (first-paint). Left to Chromium, with the
// reason: the axe-core scan and the strict-CSP violation listener (they test the markup and the
// headers, which are the same in every engine), the forced panic (it needs the test-hooks
// build's module paths, served the same way), pixel-exact screenshot comparisons, and the
// benchmarks (measured in one engine to be comparable run to run).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import puppeteer from 'puppeteer-core';
import { artifacts, sharedBrowser, sideways } from './harness.mjs';

const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

// The parts loaded when first needed arrive 400 ms late here, so a step that does not wait for
// what a part writes fails every run (puppeteer, unlike Playwright, does not wait by itself).
const shared = sharedBrowser({
  prefix: '/course',
  slowParts: Number(process.env.BPV_SLOW_PARTS ?? 400),
  start: () => puppeteer.launch({ browser: 'firefox', executablePath: FIREFOX, headless: true }),
});

/** A page at `width` × `height` that records errors. */
async function open(url, width, height) {
  const page = await shared.browser.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  await page.setViewport({ width, height });
  await page.goto(url);
  return { page, problems };
}

/** Clicks `selector` once it is on screen. Parts of the page are written by code loaded when first
 * needed (the authoring controls, the Embed… dialog), and puppeteer's `page.click` does not wait
 * for them as Playwright's does. */
async function click(page, selector) {
  const element = await page.waitForSelector(selector, { visible: true, timeout: 30000 });
  await element.click();
  await element.dispose();
}

/** Picks `value` in the menu `selector` once it is on screen. */
async function choose(page, selector, value) {
  await page.waitForSelector(selector, { visible: true, timeout: 30000 });
  return page.select(selector, value);
}

for (const [width, height, name] of [[1400, 1000, 'desktop'], [360, 780, 'phone']]) {
  test(`Firefox, ${name}: the full page in a subfolder draws, steps by keyboard, undoes, refuses a bad η and opens data-set mode`, async () => {
    const { page, problems } = await open(`${shared.server.url}/course/index.html`, width, height);
    await page.waitForSelector('.bpv-table tbody tr[data-symbol]', { timeout: 30000 });
    const canvas = await page.$eval('.bpv-canvas', (c) => [c.width, c.clientWidth, devicePixelRatio, c.dataset.numbers]);
    assert.equal(canvas[0], Math.round(canvas[1] * canvas[2]), `the canvas's backing store follows its size (${canvas})`);
    assert.equal(canvas[3], 'shown');
    if (name === 'phone') {
      // The menus and the toolbar are a row each, scrolled sideways: the network starts near
      // the top, and the toolbar's buttons off its edge are reached by scrolling it (.bpv-apply,
      // clicked below, is one).
      const rows = await page.$$eval('.bpv-options, .bpv-control-row', (r) => r.map((e) => [e.getBoundingClientRect().height, e.scrollWidth > e.clientWidth]));
      assert.ok(rows.every(([h]) => h < 60), `one row each: ${rows}`);
      assert.ok(rows[1][1], 'the toolbar scrolls sideways');
      const top = await page.$eval('.bpv-stage', (e) => e.getBoundingClientRect().top);
      assert.ok(top < height * 0.45, `the network starts at ${top} px`);
    }
    // Back by button, then ← with focus on that button.
    const steps = await page.$$eval('.bpv-table tbody tr', (rows) => rows.length);
    await click(page, '.bpv-back');
    await page.keyboard.press('ArrowLeft');
    // The position settles where two steps back lead (it animates there).
    await page.waitForFunction((n) => Number(document.querySelector('.bpv-position').dataset.position) === n - 2, { timeout: 10000 }, steps);
    // Apply the SGD step, then Ctrl+Z.
    const w6 = await page.$eval('.bpv-number[data-name="w6"]', (e) => e.dataset.value);
    await click(page, '.bpv-apply');
    await page.waitForFunction((v) => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== v, { timeout: 10000 }, w6);
    await page.keyboard.down('Control');
    await page.keyboard.press('z');
    await page.keyboard.up('Control');
    await page.waitForFunction((v) => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === v, { timeout: 10000 }, w6);
    // A bad learning rate typed into its box.
    const eta = await page.$('.bpv-number[data-name="η"]');
    await eta.click({ count: 3 });
    await eta.type('-1');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="η"]').closest('.bpv-field').querySelector('.bpv-field-message').textContent !== '', { timeout: 10000 });
    const message = await page.$eval('.bpv-number[data-name="η"]', (e) => e.closest('.bpv-field').querySelector('.bpv-field-message').textContent);
    assert.match(message, /^η: .*; kept 0\.01$/, message);
    await page.screenshot({ path: `${artifacts}/firefox-${name}.png` });
    // Data-set mode: the plot is drawn at its shown size.
    await click(page, '.bpv-mode-data');
    await page.waitForSelector('.bpv[data-mode="data"] .bpv-dataset:not([hidden])');
    // The plot is sized once its panel shows (a frame later).
    await page.waitForFunction(() => {
      const c = document.querySelector('.bpv-plot');
      return c.clientWidth > 0 && c.width === Math.round(c.clientWidth * devicePixelRatio);
    }, { timeout: 10000 });
    await page.screenshot({ path: `${artifacts}/firefox-${name}-data.png` });
    assert.deepEqual(problems, []);
    await page.close();
  });
}

test('Firefox: the module API refuses wrong arguments with Errors, and the embed shows the network at 320 × 240', async () => {
  const { page, problems } = await open(`${shared.server.url}/course/index.html`, 1200, 900);
  await page.waitForSelector('.bpv-canvas');
  const refused = await page.evaluate(async () => {
    const { mount } = await import('./js/backprop-viz.mjs');
    const host = document.body.appendChild(document.createElement('div'));
    const viz = await mount(host, 'exam');
    const attempt = (f) => { try { f(); return 'accepted'; } catch (e) { return e instanceof Error ? e.message : `not an Error: ${e}`; } };
    const out = [
      attempt(() => viz.get(42)),
      attempt(() => viz.setWeight(0, 0, 0, '0x10')),
      attempt(() => viz.seek(NaN)),
      attempt(() => viz.on('edit', 42)),
    ];
    let destroyed = 'not called';
    viz.on('edit', () => { destroyed = attempt(() => viz.destroy()); });
    viz.setWeight(0, 0, 0, 0.25);
    await new Promise((ok) => setTimeout(ok, 50));
    return { out, destroyed };
  });
  for (const message of refused.out) assert.match(message, /^(path|value|position|callback): /, message);
  assert.equal(refused.destroyed, 'accepted');
  await page.close();
  const small = await open(`${shared.server.url}/course/embed.html#v=1&preset=exam&panels=canvas,controls,explain`, 320, 240);
  await small.page.waitForSelector('.bpv-canvas');
  await small.page.waitForFunction(() => document.querySelector('.bpv-canvas').dataset.numbers !== undefined, { timeout: 10000 });
  const box = await small.page.$eval('.bpv-canvas', (c) => c.getBoundingClientRect().toJSON());
  assert.ok(box.top >= 0 && box.bottom <= 241 && box.height >= 150, `the network is in view: ${JSON.stringify(box)}`);
  await small.page.screenshot({ path: `${artifacts}/firefox-embed-320x240.png` });
  // Every panel (the Embed… dialog's default) in a 1000 × 640 frame: the network keeps a
  // readable height above the editors and the table.
  const full = await open(`${shared.server.url}/course/embed.html#v=1&preset=exam`, 1000, 640);
  await full.page.waitForSelector('.bpv-canvas');
  await full.page.waitForFunction(() => document.querySelector('.bpv-canvas').dataset.numbers !== undefined, { timeout: 10000 });
  const network = await full.page.$eval('.bpv-canvas', (c) => c.getBoundingClientRect().toJSON());
  assert.ok(network.top >= 0 && network.bottom <= 640 && network.height >= 288, `the network above the panels: ${JSON.stringify(network)}`);
  await full.page.screenshot({ path: `${artifacts}/firefox-embed-default-1000x640.png` });
  assert.deepEqual([...problems, ...small.problems, ...full.problems], []);
  await small.page.close();
  await full.page.close();
});

test('Firefox, phone: a pasted worked answer is checked line by line, and a per-student link asks for a name', async () => {
  const { readFileSync } = await import('node:fs');
  const answer = readFileSync(new URL('../answers/exam-model-answer.txt', import.meta.url), 'utf8');
  const { page, problems } = await open(`${shared.server.url}/course/index.html`, 360, 780);
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]', { timeout: 30000 });
  await click(page, '.bpv-check summary');
  // As a paste: the text arrives whole.
  await page.$eval('.bpv-check-text', (t, text) => { t.value = text; }, answer);
  await click(page, '.bpv-check-run');
  await page.waitForFunction(() => document.querySelector('.bpv-check').dataset.wrong === '2', { timeout: 30000 });
  const list = await page.$eval('.bpv-check-list', (l) => l.textContent);
  assert.match(list, /base-10 logarithm/);
  assert.match(list, /missing: b1\[1\]′, b1\[2\]′, b2′/);
  const width = await page.evaluate(sideways);
  assert.ok(width <= 0, `no sideways scroll (${width} px)`);
  const box = await page.$('.bpv-check');
  await box.screenshot({ path: `${artifacts}/firefox-check-phone.png` });
  await page.close();
  const student = await open(`${shared.server.url}/course/index.html#v=1&preset=exam&quiz=1&variants=1`, 360, 780);
  await student.page.waitForSelector('.bpv-student-name', { visible: true, timeout: 30000 });
  await student.page.type('.bpv-student-name', 'Grace Hopper');
  await student.page.keyboard.press('Enter');
  await student.page.waitForFunction(() => document.querySelector('.bpv').dataset.quiz === 'true', { timeout: 30000 });
  const title = await student.page.$eval('.bpv-title', (t) => t.textContent);
  assert.match(title, /\(variant \d+\)$/);
  assert.deepEqual([...problems, ...student.problems], []);
  await student.page.close();
});

test('Firefox: a quiz diagnoses the model answer’s loss, data-set mode trains, and the element follows its preset', async () => {
  const { page, problems } = await open(`${shared.server.url}/course/index.html#v=1&preset=exam&quiz=1&ask=loss`, 1200, 900);
  await page.waitForSelector('.bpv-quiz-answer', { visible: true, timeout: 30000 });
  await page.waitForFunction(() => /What is J\?/.test(document.querySelector('.bpv-quiz-question').textContent), { timeout: 30000 });
  await page.type('.bpv-quiz-answer', '0.2225');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Not quite'), { timeout: 10000 });
  const diagnosis = await page.$eval('.bpv-quiz-feedback', (f) => f.dataset.diagnosis);
  assert.equal(diagnosis, 'log10,rounded_early');
  await page.close();
  const data = await open(`${shared.server.url}/course/index.html#v=1&mode=data`, 1200, 900);
  await data.page.waitForSelector('.bpv[data-mode="data"] .bpv-dataset:not([hidden])', { timeout: 30000 });
  const loss = () => data.page.$eval('.bpv-dataset', (s) => Number(s.dataset.trainLoss));
  const before = await loss();
  await click(data.page, '.bpv-play-btn[data-act="train"]');
  await data.page.waitForFunction(() => Number(document.querySelector('.bpv-dataset').dataset.epoch) >= 10, { timeout: 60000 });
  await click(data.page, '.bpv-play-btn[data-act="train"]');
  assert.ok(await loss() < before, 'the training loss fell');
  await data.page.close();
  const host = await open(`${shared.server.url}/course/examples/plain.html`, 1200, 900);
  const title = await host.page.evaluate(async () => {
    await import('../js/backprop-viz.mjs');
    const el = document.createElement('backprop-viz');
    el.setAttribute('preset', 'exam');
    document.body.append(el);
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    el.setAttribute('preset', 'xor');
    await new Promise((ok) => setTimeout(ok, 0));
    el.setAttribute('preset', 'softmax');
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    return el.shadowRoot.querySelector('.bpv-title').textContent;
  });
  assert.match(title, /softmax/i);
  assert.deepEqual([...problems, ...data.problems, ...host.problems], []);
  await host.page.close();
});

test('Firefox, phone: Adam chosen from the menu, two steps applied, the edge panel draws its trajectories', async () => {
  const { page, problems } = await open(`${shared.server.url}/course/index.html`, 360, 780);
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]', { timeout: 30000 });
  await choose(page, '.bpv-optimizer', 'adam');
  await page.waitForFunction(() => document.querySelector('.bpv-apply').textContent === 'Apply Adam step', { timeout: 10000 });
  for (let k = 0; k < 2; k += 1) {
    const w6 = await page.$eval('.bpv-number[data-name="w6"]', (e) => e.dataset.value);
    await click(page, '.bpv-apply');
    await page.waitForFunction((v) => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== v, { timeout: 10000 }, w6);
  }
  // The third step's bias correction: 1 − β1³.
  await page.waitForFunction(() => /1 − β1³/.test(document.querySelector('.bpv-table tbody tr[data-symbol="m̂_w6"]')?.textContent ?? ''), { timeout: 10000 });
  await page.focus('.bpv-proxy[data-target="w6"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('.bpv-detail .bpv-trajectory', { timeout: 10000 });
  const lines = await page.$$eval('.bpv-detail .bpv-trajectory polyline', (l) => l.length);
  assert.equal(lines, 5);
  const fits = await page.$eval('.bpv-trajectory', (svg) => svg.getBoundingClientRect().right <= document.documentElement.clientWidth);
  assert.ok(fits, 'the chart fits the phone');
  const detail = await page.$('.bpv-detail');
  await detail.screenshot({ path: `${artifacts}/firefox-phone-adam-detail.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox, phone: the one-file offline page opened from file:// draws, edits and checks a worked answer, requesting nothing else', async () => {
  const { mkdirSync, copyFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { packages, root, version } = await import('./harness.mjs');
  const dir = join(root, 'target', 'bundle-check', 'firefox-offline');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'offline.html');
  copyFileSync(join(packages, `backprop-viz-${version}-offline.html`), file);
  const url = pathToFileURL(file).href;
  const page = await shared.browser.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('request', (r) => { if (r.url().split('#')[0] !== url && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) problems.push(`request: ${r.url()}`); });
  await page.setViewport({ width: 360, height: 780 });
  await page.goto(url);
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]', { timeout: 30000 });
  const j = () => page.$eval('.bpv-table tr[data-symbol="J"] td:last-child', (c) => c.dataset.value);
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh', { timeout: 10000 });
  assert.equal(await j(), '0.5130152523999526');
  const w6 = await page.$('.bpv-number[data-name="w6"]');
  await w6.click({ count: 3 });
  await w6.type('-0.25');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-table tr[data-symbol="J"] td:last-child').dataset.value !== '0.5130152523999526', { timeout: 10000 });
  const scroll = await page.evaluate(sideways);
  assert.ok(scroll <= 1, `no horizontal scroll on a phone (${scroll} px)`);
  await page.screenshot({ path: `${artifacts}/firefox-offline-phone.png` });
  // The answer checker is a part loaded when first needed: here from the page's own bytes.
  await click(page, '.bpv-check summary');
  await page.$eval('.bpv-check-text', (t) => { t.value = 'w6 = -0.25\nJ = 0.5'; });
  await click(page, '.bpv-check-run');
  await page.waitForFunction(() => /right/.test(document.querySelector('.bpv-check-status').textContent), { timeout: 30000 });
  assert.match(await page.$eval('.bpv-check-status', (s) => s.textContent), /^1 right, 1 wrong/);
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox, phone: a teacher grows a hidden layer, picks tanh, and the Embed… dialog previews a backward-pass quiz', async () => {
  const { page, problems } = await open(`${shared.server.url}/course/index.html`, 360, 780);
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]', { timeout: 30000 });
  await click(page, '.bpv-author > summary');
  await click(page, '.bpv-add-neuron-1');
  await page.waitForFunction(() => document.querySelector('.bpv-author-body').textContent.includes('Hidden layer 1: 3 neurons'), { timeout: 10000 });
  await choose(page, '.bpv-activation-0', 'tanh');
  await page.waitForFunction(() => document.querySelector('.bpv-activation-0').value === 'tanh'
    && document.querySelectorAll('.bpv-number[data-name="w9"]').length === 1, { timeout: 10000 });
  await click(page, '.bpv-embed-toggle');
  await page.waitForSelector('.bpv-embed:not([hidden])');
  await click(page, '.bpv-embed-quiz');
  for (const phase of ['forward', 'loss', 'update']) await click(page, `.bpv-embed-phase-${phase}`);
  await page.waitForFunction(() => document.querySelector('.bpv-embed-phase-backward').disabled
    && document.querySelector('.bpv-embed-iframe').value.includes('&amp;ask=backward')
    && document.querySelector('.bpv-embed-preview').getAttribute('src').includes('ask=backward'), { timeout: 10000 });
  // The preview draws the quiz (same origin: its document can be read).
  await page.waitForFunction(() => {
    const doc = document.querySelector('.bpv-embed-preview').contentDocument;
    return /\S/.test(doc?.querySelector('.bpv-quiz-question')?.textContent ?? '');
  }, { timeout: 30000 });
  const question = await page.$eval('.bpv-embed-preview', (f) => f.contentDocument.querySelector('.bpv-quiz-question').textContent);
  assert.match(question, /δ|∂J/);
  const scroll = await page.evaluate(sideways);
  assert.ok(scroll <= 1, `no horizontal scroll on a phone (${scroll} px)`);
  const dialog = await page.$('.bpv-embed');
  await dialog.screenshot({ path: `${artifacts}/firefox-phone-embed-dialog.png` });
  assert.deepEqual(problems, []);
  await page.close();
});

test('Firefox: before the wasm, the shell\'s stage stands where the widget\'s will, on the page and in the dialog\'s and the README\'s embeds, where scroll bars take room', async () => {
  for (const [path, width, height] of [
    ['/course/index.html', 390, 844], ['/course/index.html', 1024, 768], ['/course/embed.html#v=1&preset=exam', 1000, 640],
    ['/course/embed.html#v=1&preset=exam&panels=canvas,controls,explain', 760, 640],
  ]) {
    const page = await shared.browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.setViewport({ width, height });
    let release;
    const gate = new Promise((ok) => { release = ok; });
    await page.setRequestInterception(true);
    page.on('request', async (request) => {
      if (request.url().endsWith('.wasm')) await gate;
      await request.continue();
    });
    await page.goto(`${shared.server.url}${path}`);
    const box = (selector) => page.$eval(selector, (e) => {
      const r = e.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height].map(Math.round);
    });
    await page.waitForFunction(() => document.querySelector('.bpv-boot img')?.complete);
    const placeholder = await box('.bpv-boot-stage');
    release();
    await page.waitForSelector('.bpv .bpv-canvas', { timeout: 30000 });
    await page.waitForFunction(() => document.querySelector('.bpv')?.dataset.table === 'fresh', { timeout: 10000 });
    assert.deepEqual(await box('.bpv-stage'), placeholder, `${path} at ${width} × ${height}: the stage moved`);
    assert.deepEqual(problems, []);
    await page.close();
  }
});
