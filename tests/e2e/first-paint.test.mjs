// What a reader sees before the wasm has arrived (issue 17): the exam's title and picture where
// the widget will put them, and nothing moving when it does; another scenario's link shows no
// wrong picture. The wasm's download is held back so that the placeholder can be looked at. The
// placeholder of the full page and of the dialog's and the README's embeds is a shell, a copy of
// the widget's header and toolbar (and, in the embed, of the rows under the stage; boot-shell.mjs
// writes it): it must still be what the widget draws, and the stage must not move at any size,
// where toolbar rows wrap differently. And what the exam's embed weighs, and data-set mode's part.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { examWith, holdBack, screenshot, sharedBrowser, watchWeight } from './harness.mjs';
import { committedShell, currentShell, embedPage, pages, readmeEmbed } from './boot-shell.mjs';

const shared = sharedBrowser({ prefix: '/site' });

/** Opens `path` with the wasm held back until `release()` is called. */
async function held(path, viewport, colorScheme = 'light') {
  const context = await shared.browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  let release;
  const gate = new Promise((ok) => { release = ok; });
  await page.route('**/*.wasm', async (route) => { await gate; await route.continue(); });
  await page.goto(`${shared.server.url}/site${path}`);
  return { page, context, problems, release };
}

const box = (page, selector) => page.locator(selector).evaluate((e) => {
  const r = e.getBoundingClientRect();
  return [r.left, r.top, r.width, r.height].map(Math.round);
});

for (const [label, viewport] of [['desktop', { width: 1400, height: 1000 }], ['phone', { width: 390, height: 844 }]]) {
  test(`${label}: before the wasm, the exam's title and picture stand where the widget puts them`, async () => {
    const { page, context, problems, release } = await held('/index.html', viewport);
    await page.locator('.bpv-boot img').evaluate((img) => img.decode());
    assert.equal(await page.locator('.bpv-boot .bpv-title').textContent(), 'Exam question 4: a 2-2-1 network, one SGD step');
    assert.equal(await page.locator('.bpv-boot img').evaluate((img) => getComputedStyle(img).visibility), 'visible');
    // A phone gets the exam drawn at a phone's stage size (portrait, as the widget draws it there),
    // not the desktop's landscape picture shrunk into it.
    const picture = label === 'phone' ? 'exam-phone.svg' : 'exam.svg';
    assert.equal(await page.locator('.bpv-boot img').evaluate((img) => new URL(img.currentSrc).pathname.split('/').pop()), picture);
    assert.equal(await page.locator('.bpv').count(), 0, 'the widget has not mounted yet');
    const placeholder = await box(page, '.bpv-boot-stage');
    await screenshot(page, `first-paint-${label}.png`);
    release();
    await page.locator('.bpv .bpv-canvas').waitFor();
    const stage = await box(page, '.bpv-stage');
    for (let k = 0; k < 4; k += 1) {
      assert.ok(Math.abs(stage[k] - placeholder[k]) <= 3, `the stage moved: ${placeholder} → ${stage}`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a link that needs parts of the code keeps its "Loading…" line until the widget shows: the page is never blank', async () => {
  const own = Buffer.from(examWith((s) => { s.title = 'A question of my own'; })).toString('base64url');
  for (const page of ['index.html', 'embed.html']) {
    for (const [hash, shows] of [[`v=1&s=${own}`, 'A question of my own'], ['v=1&preset=xor&mode=data', '']]) {
      const context = await shared.browser.newContext({ viewport: { width: 390, height: 844 } });
      const tab = await context.newPage();
      const problems = [];
      tab.on('pageerror', (e) => problems.push(e.message));
      // The first module comes; the parts the link needs are held back.
      const release = await holdBack(tab, /(split|chunk)_\w+\.wasm$/);
      const first = tab.waitForResponse(/backprop-viz_bg\.wasm$/);
      await tab.goto(`${shared.server.url}/site/${page}#${hash}`);
      await first;
      await tab.waitForTimeout(500);
      const at = `${page}#${hash.slice(0, 30)}`;
      assert.ok(await tab.locator('.bpv-boot .bpv-loading').isVisible(), `${at}: nothing says the page loads while its parts come`);
      assert.equal(await tab.locator('.bpv:not(.bpv-shell)').count(), 0, `${at}: the widget mounted before its parts`);
      release();
      await tab.locator('.bpv:not(.bpv-shell) .bpv-canvas').waitFor();
      assert.equal(await tab.locator('.bpv-boot').count(), 0);
      if (shows) assert.match(await tab.locator('.bpv').textContent(), new RegExp(shows));
      assert.deepEqual(problems, [], at);
      await context.close();
    }
  }
});

/**
 * What the exam's embed may load, gzip -9 KiB, and what data-set mode may add when first entered.
 * The load's budget is the build's weight when it was set (180.3 KiB, session 26) with 1 % of
 * room: issue 17 asks for 120, which needs the decision its notes ask for (BENCHMARKS.md, "the
 * floor"); until then the page must not grow unnoticed. Data-set mode's is the issue's.
 */
const budget = { load: 182, data: 80 };

test('the exam\'s embed loads no part of the code and stays within its weight; data-set mode adds its part within 80 KiB', async () => {
  const context = await shared.browser.newContext({ viewport: { width: 1000, height: 640 } });
  const page = await context.newPage();
  const weight = watchWeight(page);
  await page.goto(`${shared.server.url}/site/embed.html#v=1&preset=exam`);
  await page.locator('.bpv .bpv-canvas').waitFor();
  await page.waitForLoadState('networkidle');
  const load = await weight();
  assert.deepEqual(load.files.filter((f) => /^(split|chunk)_/.test(f)), [], 'a part of the code fetched at load');
  assert.ok(load.files.includes('backprop-viz_bg.wasm') && load.files.includes('style.css'), load.files.join(' '));
  const kib = (n) => Number((n / 1024).toFixed(1));
  assert.ok(kib(load.gzip) <= budget.load, `the exam's embed loads ${kib(load.gzip)} KiB gzipped (budget ${budget.load}): ${load.files.join(' ')}`);
  // (The browser asks for the page's icon when it likes, 0.2 KiB: whenever it comes, it is not code.)
  const code = async () => (await weight()).files.filter((f) => f !== 'favicon.svg');
  // "Quiz me" moves focus to the answer box, which fetches the checker (the question needs none).
  await page.locator('.bpv-quiz-toggle').click();
  await page.locator('.bpv-quiz-question').filter({ hasText: /^What is .+\?$/ }).waitFor();
  await page.waitForLoadState('networkidle');
  const quiz = await code();
  assert.ok(quiz.includes('split_check.wasm') && quiz.every((f) => /^(split_check|chunk_\d+)\.wasm$/.test(f)), `"Quiz me" fetched ${quiz}`);
  // Walking the steps needs no part.
  await page.locator('.bpv-quiz-toggle').click();
  await page.locator('.bpv-forward').click();
  await page.waitForLoadState('networkidle');
  assert.deepEqual(await code(), [], 'a step fetched a file');
  await page.locator('.bpv-mode-data').click();
  await page.locator('.bpv[data-mode="data"] .bpv-play-train').waitFor();
  await page.waitForLoadState('networkidle');
  const data = await weight();
  assert.ok(data.files.includes('split_data.wasm'), data.files.join(' '));
  assert.ok(kib(data.gzip) <= budget.data, `data-set mode adds ${kib(data.gzip)} KiB gzipped (budget ${budget.data}): ${data.files.join(' ')}`);
  await context.close();
});

test('a link to another scenario, or an embed with other panels, shows the placeholder without the exam\'s picture or title', async () => {
  const { page, context, problems, release } = await held('/index.html#v=1&preset=xor', { width: 1400, height: 1000 });
  await page.locator('.bpv-boot').waitFor();
  assert.equal(await page.locator('.bpv-boot img').evaluate((img) => getComputedStyle(img).visibility), 'hidden');
  assert.equal(await page.locator('.bpv-boot .bpv-title').evaluate((s) => getComputedStyle(s).visibility), 'hidden');
  release();
  await page.locator('.bpv .bpv-canvas').waitFor();
  assert.match(await page.locator('.bpv-title').textContent(), /XOR/i);
  assert.deepEqual(problems, []);
  await context.close();
  // An embed whose panels the placeholder cannot know shows the loading line across the frame,
  // not a header that may not be the widget's; a quiz's, not the picture of its answers.
  const embed = await held('/embed.html#v=1&preset=exam&quiz=1', { width: 700, height: 640 });
  await embed.page.locator('.bpv-boot').waitFor();
  assert.equal(await embed.page.locator('.bpv-boot .bpv-head').isVisible(), false);
  assert.equal(await embed.page.locator('.bpv-boot img').evaluate((img) => getComputedStyle(img).visibility), 'hidden');
  assert.ok(await embed.page.locator('.bpv-boot .bpv-loading').isVisible());
  embed.release();
  await embed.page.locator('.bpv .bpv-canvas').waitFor();
  assert.deepEqual(embed.problems, []);
  await embed.context.close();
});

test('in a dark colour scheme the placeholder shows the exam\'s title and the picture in the dark theme', async () => {
  for (const [path, width, picture] of [
    ['/index.html', 1000, 'exam-dark.svg'], ['/embed.html#v=1&preset=exam', 1000, 'exam-dark.svg'], ['/index.html', 390, 'exam-phone-dark.svg'],
  ]) {
    const { page, context, problems, release } = await held(path, { width, height: 700 }, 'dark');
    await page.locator('.bpv-boot img').evaluate((img) => img.decode());
    assert.equal(await page.locator('.bpv-boot img').evaluate((img) => getComputedStyle(img).visibility), 'visible', path);
    assert.equal(await page.locator('.bpv-boot img').evaluate((img) => new URL(img.currentSrc).pathname.split('/').pop()), picture, path);
    assert.equal(await page.locator('.bpv-boot .bpv-title').evaluate((s) => getComputedStyle(s).visibility), 'visible', path);
    // The shell's theme button says what the widget's will: it is dark already.
    assert.equal(await page.locator('.bpv-boot .bpv-theme').innerText(), 'Light theme', path);
    release();
    await page.locator('.bpv .bpv-canvas').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the pages\' shell is still what the widget draws, light and dark, on the page and in the Embed… dialog\'s and the README\'s embeds', async () => {
  const page = await currentShell(shared.browser, `${shared.server.url}/site/index.html`);
  const embed = await currentShell(shared.browser, `${shared.server.url}/site/embed.html#v=1&preset=exam`);
  assert.deepEqual(embed, page, 'the embed draws another header or toolbar than the page');
  const stale = 'is out of date: run `node tests/e2e/boot-shell.mjs` in a built tree';
  for (const file of pages) assert.deepEqual(committedShell(file), page, `${file}'s shell ${stale}`);
  // The rows under the stage, which the README's embed shows and the dialog's shows first.
  const below = await currentShell(shared.browser, `${shared.server.url}/site${readmeEmbed}`, true);
  assert.deepEqual(committedShell(embedPage, true), below, `the embed's rows below the stage ${stale}`);
  const every = await currentShell(shared.browser, `${shared.server.url}/site/embed.html#v=1&preset=exam`, true);
  assert.deepEqual(every.slice(0, below.length), below, 'the dialog\'s embed shows other rows under its stage');
});

// The full page at phone, tablet and laptop sizes; the embed as the Embed… dialog's code opens it
// (the exam, every panel), in frames from 320 × 240 to a wide course page, and as the README's
// code does (three panels: its stage takes the height the rows above and below leave).
const stills = [
  ...[[360, 780], [412, 915], [480, 900], [600, 900], [820, 1180], [1024, 768], [1280, 800]].map((size) => ['/index.html', size]),
  ...[[320, 240], [390, 600], [700, 640], [1000, 400], [1000, 640], [1400, 900]].map((size) => ['/embed.html#v=1&preset=exam', size]),
  ...[[390, 600], [760, 640], [1000, 640], [1400, 900]].map((size) => [readmeEmbed, size]),
];
test('at every size the stage stands where the shell put it, light and dark', async () => {
  for (const [i, [path, [width, height]]] of stills.entries()) {
    const scheme = i % 2 ? 'dark' : 'light';
    const where = `${path} at ${width} × ${height}, ${scheme}`;
    const { page, context, problems, release } = await held(path, { width, height }, scheme);
    await page.locator('.bpv-boot img').evaluate((img) => img.decode());
    const placeholder = await box(page, '.bpv-boot-stage');
    const theme = await page.locator('.bpv-boot .bpv-theme').evaluate((b) => b.getBoundingClientRect().width);
    release();
    await page.locator('.bpv .bpv-canvas').waitFor();
    assert.deepEqual(await box(page, '.bpv-stage'), placeholder, `${where}: the stage moved`);
    assert.equal(await page.locator('.bpv-theme').evaluate((b) => b.getBoundingClientRect().width), theme, `${where}: the theme button changed width`);
    assert.deepEqual(problems, [], where);
    await context.close();
  }
});

// From the first frame to the mounted widget nothing jumps, on the page and in the embeds, even
// when js/boot.js comes late (it is held back here for 300 ms, as on a slow link): the page waits
// for it as for its style sheets. Loaded `async`, it came after the first frame in the embed,
// which hides the shell's rows until boot.js knows the link is the exam's; the rows then pushed
// the stage down by most of the frame (a layout shift of 0.60 in a 390 × 640 frame, 0.12 at
// 1280 × 900).
test('nothing jumps from the first frame to the mounted widget, even when boot.js comes late', async () => {
  for (const [path, [width, height]] of [
    ['/index.html', [390, 844]], ['/index.html', [1400, 1000]],
    ['/embed.html#v=1&preset=exam', [390, 640]], ['/embed.html#v=1&preset=exam', [1280, 900]],
    [readmeEmbed, [390, 600]], [readmeEmbed, [1000, 640]],
    // A drawing that leaves values unlabelled, beside an explanation taller than the stage: the
    // list of those values came in the slow lane, and the rows under the side column jumped.
    ['/index.html#v=1&preset=softmax', [1400, 1000]],
  ]) {
    const where = `${path} at ${width} × ${height}`;
    const context = await shared.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.route('**/js/boot.js', async (route) => {
      await new Promise((ok) => { setTimeout(ok, 300); });
      await route.continue();
    });
    await page.addInitScript(() => {
      globalThis.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          globalThis.__shifts.push(`${e.value.toFixed(4)} ${e.sources.map((s) => s.node?.className).join(', ')}`);
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto(`${shared.server.url}/site${path}`);
    await page.locator('.bpv .bpv-canvas').waitFor();
    // Two frames after the mount's: what the widget writes after its first frame is in.
    await page.evaluate(() => new Promise((ok) => { requestAnimationFrame(() => requestAnimationFrame(ok)); }));
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => globalThis.__shifts), [], `${where}: the page jumped`);
    await context.close();
  }
});

// The "first interactive frame without timer tasks in front of it": the mount draws the
// network in its own task and the next frame shows it; the slow lane (the table, the stand-ins'
// descriptions, the address) waits for that frame and runs after it. Scheduled at once, as it
// was, its timer could run first (1 load in about 20 of the benchmark's).
test('no timer is due between the mount and its first frame; the slow lane follows that frame', async () => {
  for (const path of ['/index.html', '/embed.html#v=1&preset=exam', '/index.html#v=1&preset=softmax']) {
    const context = await shared.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.addInitScript(() => {
      const seen = { delays: [], ran: 0, mounted: false, frame: false };
      globalThis.__timers = seen;
      const setTimer = window.setTimeout;
      window.setTimeout = (f, delay, ...rest) => {
        if (!seen.frame) seen.delays.push(delay ?? 0);
        return setTimer(() => {
          if (seen.mounted && !seen.frame) seen.ran += 1;
          if (typeof f === 'function') f();
        }, delay, ...rest);
      };
      new MutationObserver((_, observer) => {
        if (document.querySelector('.bpv .bpv-canvas')) {
          seen.mounted = true;
          observer.disconnect();
        }
      }).observe(document, { subtree: true, childList: true });
      // A frame callback every frame from the start, so that the one of the first frame after
      // the mount runs before the widget's own (which may schedule the slow lane).
      const look = () => {
        if (seen.mounted) seen.frame = true;
        else requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(`${shared.server.url}/site${path}`);
    await page.waitForFunction(() => globalThis.__timers.frame);
    const seen = await page.evaluate(() => globalThis.__timers);
    assert.equal(seen.ran, 0, `${path}: a timer ran before the first frame`);
    assert.ok(seen.delays.every((d) => d >= 1000), `${path}: timers due before the first frame: ${seen.delays}`);
    // The slow lane ran after the frame, at once, not after its fallback's second.
    await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh', null, { timeout: 900 });
    await context.close();
  }
});
