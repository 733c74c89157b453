// A teacher's path in Chromium, by clicking and typing only: build a 2-3-1 tanh question with two
// samples, make it a quiz on the backward pass in the share dialog, copy the iframe code, paste it
// into a course page on another host, and see the same there as in the dialog's preview.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { holdBack, numberBox, open, screenshot, serve, settledValue, sharedBrowser, sideways, watchShifts } from './harness.mjs';

// The site under a subfolder, as a course's static host has it.
const shared = sharedBrowser({ prefix: '/courses/ml' });

/** Waits until the slow lane has written the table and the share dialog (`data-table`). */
const fresh = (page) => page.waitForFunction(() => document.querySelector('.bpv')?.dataset.table === 'fresh');

/** What a quiz shows in `frame` once its question is written: title, question, formula. */
async function quizShown(frame) {
  await frame.locator('.bpv-quiz-question').filter({ hasText: /\S/ }).waitFor();
  return frame.locator('.bpv').evaluate((root) => ({
    title: root.querySelector('.bpv-title').textContent,
    question: root.querySelector('.bpv-quiz-question').textContent,
    formula: root.querySelector('.bpv-quiz-formula').textContent,
    position: root.querySelector('.bpv-position').textContent,
    theme: root.dataset.theme,
    table: !root.querySelector('.bpv-table-box').hidden,
  }));
}

test('a teacher builds a 2-3-1 tanh quiz by clicking, pastes its iframe into a course page, and it shows what the preview showed', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/index.html`);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: shared.server.url });
  // Build the question.
  await page.locator('.bpv-author > summary').click();
  await page.locator('.bpv-add-neuron-1').click();
  await page.locator('.bpv-author-layer').filter({ hasText: 'Hidden layer 1: 3 neurons' }).waitFor();
  // Keyboard focus stays on the button the panel was rebuilt around.
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'bpv-add-neuron-1');
  await page.locator('.bpv-activation-0').selectOption('tanh');
  await page.locator('.bpv-add-sample').click();
  await page.locator('.bpv-author-samples').filter({ hasText: '2 samples' }).waitFor();
  await page.locator('.bpv-author-title').fill('Homework 3: a tanh layer');
  await page.locator('.bpv-author-title').press('Tab');
  await page.locator('.bpv-title').filter({ hasText: 'Homework 3: a tanh layer' }).waitFor();
  // The second sample's target, typed in its number box.
  await page.locator('.bpv-sample').selectOption('1');
  // The editors are rebuilt for sample 2 on the next frame, the authoring panel with them.
  await page.locator('.bpv-remove-sample[title^="Remove sample 2"]').waitFor();
  const target = numberBox(page, 'y');
  await target.fill('1');
  await target.press('Enter');
  assert.equal(await settledValue(page, 'y'), 1);
  await fresh(page);
  const hidden = await page.locator('.bpv-table tbody tr[data-symbol^="a"]').count();
  assert.ok(hidden >= 4, `${hidden} activations in the table (3 hidden and the output)`);
  // The share dialog: a quiz on the backward pass only, dark, 700 pixels.
  await page.locator('.bpv-embed-toggle').click();
  await page.locator('.bpv-embed').waitFor();
  await page.locator('.bpv-embed-quiz').check();
  for (const phase of ['forward', 'loss', 'update']) await page.locator(`.bpv-embed-phase-${phase}`).uncheck();
  assert.ok(await page.locator('.bpv-embed-phase-backward').isDisabled(), 'the last phase cannot be unticked');
  await page.locator('.bpv-embed-theme').selectOption('dark');
  await page.locator('.bpv-embed-height').fill('700');
  await page.locator('.bpv-embed-height').press('Tab');
  await page.waitForFunction(() => document.querySelector('.bpv-embed-iframe').value.includes('height: 700px'));
  await fresh(page);
  await page.locator('.bpv-copy-iframe').click();
  await page.locator('.bpv-embed-status').filter({ hasText: 'Copied: the iframe code is on the clipboard.' }).waitFor();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(code, await page.locator('.bpv-embed-iframe').inputValue());
  assert.match(code, /^<iframe src="http:\/\/127\.0\.0\.1:\d+\/courses\/ml\/embed\.html#v=1&amp;/);
  // The preview, in the dialog.
  const preview = page.frameLocator('.bpv-embed-preview');
  const inPreview = await quizShown(preview);
  assert.equal(inPreview.title, 'Homework 3: a tanh layer');
  assert.equal(inPreview.theme, 'dark');
  assert.equal(inPreview.table, false, 'no table during a quiz');
  // The preview's quiz leaves keyboard focus in the dialog (taking it would scroll the page).
  assert.equal(await page.evaluate(() => document.activeElement?.className), 'bpv-copy-iframe');
  await screenshot(page, 'teacher-dialog.png', page.locator('.bpv-embed'));
  // The course page on another host, with the code pasted into it.
  const folder = await mkdtemp(join(tmpdir(), 'bpv-course-'));
  await writeFile(join(folder, 'week3.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Week 3</title><link rel="icon" href="data:,"></head><body><h1>Week 3: backpropagation</h1><p>Work through the question below.</p>
${code}
</body></html>`);
  const course = await serve(folder);
  const coursePage = await context.newPage();
  const courseProblems = [];
  coursePage.on('pageerror', (e) => courseProblems.push(e.message));
  coursePage.on('console', (m) => { if (m.type() === 'error') courseProblems.push(m.text()); });
  await coursePage.goto(`${course.url}/week3.html`);
  const pasted = await quizShown(coursePage.frameLocator('iframe'));
  assert.equal(await coursePage.evaluate(() => document.activeElement?.tagName), 'BODY', 'the embedded quiz took the course page\'s focus');
  assert.deepEqual(pasted, inPreview, 'the pasted page shows what the preview showed');
  const box = await coursePage.locator('iframe').boundingBox();
  assert.equal(Math.round(box.height), 700);
  // It is the question built: three hidden tanh neurons, a backward question first.
  assert.match(pasted.question, /∂J|δ|delta/i);
  await screenshot(coursePage, 'teacher-course-page.png');
  await course.close();
  assert.deepEqual(courseProblems, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('on a phone both teacher panels fit the screen and the preview draws', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/index.html`, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2,
  });
  await page.locator('.bpv-author > summary').click();
  await page.locator('.bpv-add-layer').click();
  await page.locator('.bpv-remove-layer-2').waitFor();
  // A choice that does not fit is refused, said, and the menu shows the network's again.
  await page.locator('.bpv-activation-2').selectOption('softmax');
  await page.locator('.bpv-message').filter({ hasText: 'Not changed' }).waitFor();
  assert.match(await page.locator('.bpv-message').textContent(), /softmax/);
  await page.waitForFunction(() => document.querySelector('.bpv-activation-2').value === 'sigmoid');
  await page.locator('.bpv-embed-toggle').click();
  await page.frameLocator('.bpv-embed-preview').locator('.bpv-table tbody tr[data-symbol]').first().waitFor({ state: 'attached' });
  const overflow = await page.evaluate(sideways);
  assert.ok(overflow <= 0, `the page scrolls sideways (${overflow} px)`);
  // The preview shows the question as edited: two hidden layers.
  const layers = await page.frameLocator('.bpv-embed-preview').locator('.bpv-table tbody tr[data-symbol="z5"]').count();
  assert.ok(layers > 0, 'the preview has the added layer\'s neurons');
  await screenshot(page, 'teacher-phone-author.png', page.locator('.bpv-author'));
  assert.deepEqual(problems, []);
  await context.close();
});

test('the export and authoring tools load when first used: the page says so, a failed fetch can be retried, and what waited runs in order', async () => {
  const { page, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/index.html`);
  // The page's own requests (the dialog's preview is a page of its own, in an iframe).
  const fetched = [];
  page.on('request', (r) => { if (r.frame() === page.mainFrame() && /split_\w+\.wasm$/.test(r.url())) fetched.push(r.url().split('/').pop()); });
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, [], 'the exam opens without the tools');
  const message = page.locator('.bpv-message');
  // The first fetch fails (the network gone): the message says so, the dialog stays shut.
  await page.route('**/split_tools.wasm', (route) => route.abort('internetdisconnected'));
  await page.locator('.bpv-embed-toggle').click();
  await page.waitForFunction(() => /did not load/.test(document.querySelector('.bpv-message').textContent));
  assert.match(await message.innerText(), /^The export and authoring tools did not load \(.+\)\. Try again: the next press fetches them again\.$/);
  assert.equal(await message.getAttribute('aria-busy'), null, 'a failure is not progress');
  assert.ok(await page.locator('.bpv-embed').isHidden());
  // Again, held back a while: the loading line, and an SVG export asked for meanwhile.
  await page.unroute('**/split_tools.wasm');
  const release = await holdBack(page, '**/split_tools.wasm');
  await page.locator('.bpv-embed-toggle').click();
  await page.waitForFunction(() => document.querySelector('.bpv-message').textContent === 'Loading the export and authoring tools…');
  assert.equal(await message.getAttribute('aria-busy'), 'true');
  const download = page.waitForEvent('download');
  await page.locator('.bpv-export-svg').click();
  // The authoring panel, opened meanwhile, says its controls are on their way.
  await page.locator('.bpv-author > summary').click();
  assert.equal(await page.locator('.bpv-author-loading').innerText(), 'Loading the authoring controls…');
  release();
  // Both ran once the tools came: the dialog shows its codes, the SVG downloads, the panel has its controls.
  await page.locator('.bpv-embed').waitFor();
  await page.waitForFunction(() => document.querySelector('.bpv-embed-iframe')?.value.includes('embed.html#'));
  assert.match((await download).suggestedFilename(), /\.svg$/);
  await page.locator('.bpv-author-title').waitFor();
  assert.equal(await message.innerText(), '');
  assert.equal(await message.getAttribute('aria-busy'), null);
  // Later uses fetch nothing more.
  await page.locator('.bpv-add-neuron-1').click();
  await page.locator('.bpv-author-layer').filter({ hasText: 'Hidden layer 1: 3 neurons' }).waitFor();
  assert.equal(fetched.filter((f) => f === 'split_tools.wasm').length, 2, 'fetched once on each try');
  assert.deepEqual(fetched.filter((f) => f !== 'split_tools.wasm'), [], 'nothing else');
  await screenshot(page, 'tools-loaded.png');
  assert.deepEqual(problems.filter((p) => !/split_tools|failed to load split module|failed to fetch|internetdisconnected|ERR_INTERNET/i.test(p)), []);
});

// A part on its way says so over the top of the network, taking no line: the network does not
// move down when the line comes nor up when the part arrives (the line pushed the page down by
// 22 px, and pulled it back up a second later on a slow link).
test('"Embed…" on a slow link opens the dialog at once, saying it loads, and nothing in view moves when its controls come', async () => {
  for (const viewport of [{ width: 1400, height: 1000 }, { width: 390, height: 844 }]) {
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/`, { viewport });
    await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
    const shifts = await watchShifts(page);
    const release = await holdBack(page, /(split|chunk)_\w+\.wasm$/);
    const toggle = page.locator('.bpv-embed-toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    await toggle.click();
    await page.waitForSelector('.bpv-embed:not([hidden]) .bpv-embed-loading');
    assert.equal(await page.locator('.bpv-embed h3').textContent(), 'Put this in a course page');
    assert.equal(await page.locator('.bpv-embed-loading').textContent(), 'Loading the export and authoring tools…');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    // What follows the dialog is out of view while it loads: its controls, which make it taller,
    // move nothing on screen.
    const below = () => page.locator('.bpv-edit').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(await below() >= viewport.height, `${viewport.width}: the editors are out of view under the loading dialog`);
    await page.waitForTimeout(700);
    release();
    await page.waitForSelector('.bpv-embed:not([hidden]) .bpv-embed-code textarea');
    assert.equal(await page.locator('.bpv-embed-loading').count(), 0);
    assert.equal(await page.locator('.bpv-message').textContent(), '');
    await page.waitForTimeout(300);
    assert.deepEqual((await shifts()).list, [], `${viewport.width}: something in view moved when the controls came`);
    await toggle.click();
    assert.equal(await page.locator('.bpv-embed').isHidden(), true);
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('the authoring panel opened on a slow link stands nearly as tall as its controls while they load: what is under it moves little, and only down', async () => {
  for (const [path, width, height] of [
    ['', 1400, 1000], ['', 600, 900], ['', 390, 844], ['embed.html#v=1&preset=exam', 1000, 800], ['embed.html#v=1&preset=exam', 480, 800], ['embed.html#v=1&preset=exam', 360, 740],
  ]) {
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/${path}`, { viewport: { width, height } });
    await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
    const shifts = await watchShifts(page);
    const release = await holdBack(page, /(split|chunk)_\w+\.wasm$/);
    await page.locator('.bpv-author summary').click();
    await page.waitForSelector('.bpv-author-loading[aria-busy="true"]');
    const tall = () => page.locator('.bpv-author-body').evaluate((b) => b.getBoundingClientRect().height);
    const reserved = await tall();
    await page.waitForTimeout(700);
    release();
    await page.waitForSelector('.bpv-author-title');
    await page.waitForTimeout(300);
    const controls = await tall();
    const at = `${path || 'page'} at ${width} × ${height}`;
    assert.ok(reserved <= controls, `${at}: the loading line (${reserved} px) is taller than the controls (${controls} px)`);
    assert.ok(controls - reserved <= 0.2 * controls, `${at}: the loading line (${reserved} px) is far shorter than the controls (${controls} px)`);
    const { sum, list } = await shifts();
    assert.ok(sum < 0.02, `${at}: layout shift ${sum} when the controls came: ${list}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('while the tools load, their loading line lies over the network and nothing moves, before or after', async () => {
  for (const [press, arrived] of [
    ['.bpv-embed-toggle', () => document.querySelector('.bpv-embed:not([hidden]) .bpv-embed-code textarea') !== null],
    // The worked solution's box opens on the press: its text is what arrives.
    ['.bpv-export-markdown', () => document.querySelector('.bpv-io[open] .bpv-io-text').value.startsWith('# ')],
  ]) {
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/courses/ml/`);
    await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
    const top = () => page.locator('.bpv-stage').evaluate((e) => Math.round(e.getBoundingClientRect().top + scrollY));
    const before = await top();
    const shifts = await watchShifts(page);
    const release = await holdBack(page, /(split|chunk)_\w+\.wasm$/);
    await page.click(press);
    await page.waitForFunction(() => document.querySelector('.bpv-message').getAttribute('aria-busy') === 'true');
    assert.match(await page.locator('.bpv-message').textContent(), /^Loading .+…$/);
    assert.ok(await page.locator('.bpv-message').isVisible(), `${press}: the loading line shows`);
    assert.equal(await top(), before, `${press}: the network moved down as the line came`);
    if (press === '.bpv-export-markdown') {
      // The worked solution's box opens on the press, saying that it loads.
      assert.equal(await page.locator('.bpv-io').getAttribute('open'), '');
      assert.equal(await page.locator('.bpv-io-status').textContent(), 'Loading the export and authoring tools…');
    }
    // Past the 0.5 s in which a layout shift counts as the press's own.
    await page.waitForTimeout(700);
    release();
    await page.waitForFunction(arrived);
    assert.equal(await page.locator('.bpv-message').textContent(), '');
    assert.equal(await top(), before, `${press}: the network moved when the part arrived`);
    await page.waitForTimeout(300);
    assert.deepEqual((await shifts()).list, [], `${press}: something in view moved when the part arrived`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
