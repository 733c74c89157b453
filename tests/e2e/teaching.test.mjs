// Teaching mode and accessibility: a full quiz by keyboard, the live narration, an automated
// accessibility scan in both themes, and a phone-sized screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { open, quizQuestion, screenshot, sharedBrowser, sideways } from './harness.mjs';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');

const shared = sharedBrowser();

test('a full quiz on the exam, by keyboard alone, diagnoses the model answer’s loss as log10', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  // The answers, by symbol, from the table (read before the quiz hides it).
  const answers = await page.evaluate(() => Object.fromEntries(
    [...document.querySelectorAll('.bpv-table tbody tr')].map((r) => [r.dataset.symbol, r.querySelector('td:last-child').dataset.value]),
  ));
  // Tab to "Quiz me" and press Enter.
  let found = false;
  for (let k = 0; k < 80 && !found; k += 1) {
    await page.keyboard.press('Tab');
    found = await page.evaluate(() => document.activeElement?.classList.contains('bpv-quiz-toggle'));
  }
  assert.ok(found, 'the quiz button is reachable with Tab');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.classList.contains('bpv-quiz-answer'));
  let asked = 0;
  let diagnosis = null;
  for (;;) {
    const question = await quizQuestion(page);
    if (question === 'All done.') break;
    const symbol = question.replace(/^What is (.*)\?$/, '$1');
    assert.ok(symbol in answers, `a known quantity: ${question}`);
    if (symbol === 'J' && diagnosis === null) {
      await page.keyboard.type('0.2225');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Not quite'));
      diagnosis = await page.locator('.bpv-quiz-feedback').getAttribute('data-diagnosis');
      assert.match(await page.locator('.bpv-quiz-feedback').innerText(), /base-10 logarithm/);
      await page.keyboard.press('Control+A');
    }
    await page.keyboard.type(Number(answers[symbol]).toPrecision(8));
    await page.keyboard.press('Enter');
    await page.waitForFunction((q) => document.querySelector('.bpv-quiz-question').textContent !== q
      || document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Not quite'), question);
    assert.match(await page.locator('.bpv-quiz-feedback').innerText(), /^(Right|Quiz finished|.*Quiz finished)/, `${symbol}`);
    asked += 1;
  }
  assert.equal(asked, 28);
  assert.match(diagnosis, /log10/);
  assert.match(await page.locator('.bpv-quiz-head').innerText(), /27 of 28 right at the first try/);
  assert.match(await page.locator('.bpv-quiz-feedback').innerText(), /\d\. Quiz finished: 27 of 28/);
  // Nothing left to check or show: only Restart stays usable.
  assert.ok(await page.locator('.bpv-quiz-check').isDisabled(), 'Check is disabled');
  assert.ok(await page.locator('.bpv-quiz-show').isDisabled(), 'Show me is disabled');
  assert.ok(await page.locator('.bpv-quiz-answer').isDisabled(), 'the answer box is disabled');
  assert.ok(await page.locator('.bpv-quiz-restart').isEnabled(), 'Restart works');
  // The scenario picker is hidden with its label (no lone "Scenario" word).
  assert.ok(await page.locator('label:has(.bpv-preset)').isHidden(), 'the scenario label is hidden');
  await screenshot(page, 'quiz-finished.png');
  // Restart asks again from the first step, with Check and Show me back.
  await page.locator('.bpv-quiz-restart').click();
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-question').textContent.startsWith('What is'));
  assert.ok(await page.locator('.bpv-quiz-check').isEnabled(), 'Check works again');
  assert.ok(await page.locator('.bpv-quiz-show').isEnabled(), 'Show me works again');
  assert.ok(await page.locator('.bpv-quiz-answer').isEnabled(), 'the answer box works again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the live region reads each step as a sentence', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`, { reducedMotion: 'reduce' });
  for (let k = 0; k < 28; k += 1) await page.locator('.bpv-back').click();
  for (let k = 0; k < 3; k += 1) await page.locator('.bpv-forward').click();
  await page.waitForFunction(() => document.querySelector('.bpv-live').textContent.startsWith('z2'));
  assert.equal(await page.locator('.bpv-live').innerText(), 'z2 equals 1 times −0.6 plus 2 times 0.8 minus 0.2, which is 0.8');
  assert.equal(await page.locator('.bpv-live').getAttribute('aria-live'), 'polite');
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [theme, hash] of [['light', ''], ['dark', ''], ['light', '#v=1&mode=data'], ['dark', '#v=1&mode=data']]) {
  test(`an axe-core scan finds no serious or critical violation (${theme} theme${hash ? ', data-set mode' : ''})`, async () => {
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/${hash}`, { colorScheme: theme });
    if (hash) await page.waitForSelector('.bpv[data-mode="data"]');
    await page.addScriptTag({ path: axePath });
    const result = await page.evaluate(async () => {
      // eslint-disable-next-line no-undef
      const r = await axe.run(document, { resultTypes: ['violations'] });
      return r.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`);
    });
    assert.deepEqual(result, [], `${theme}: ${result.join('\n')}`);
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a quiz set inside the scenario file opens as a quiz, from a link and from an import', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  // A fresh widget on the exam, through the module API, in a host of its own.
  await page.evaluate(() => {
    window.freshWidget = async () => {
      const { mount } = await import('/js/backprop-viz.mjs');
      const host = document.createElement('div');
      document.body.prepend(host);
      return { host, viz: await mount(host, 'exam') };
    };
  });
  const scenario = await page.evaluate(async () => (await window.freshWidget()).viz.scenario());
  scenario.quiz = { ask: ['loss'], tolerance: 3 };
  const text = JSON.stringify(scenario);
  // As a link's scenario: the first question is the loss, and the tolerance is the file's.
  const linked = await context.newPage();
  await linked.goto(`${shared.server.url}/#v=1&s=${encodeURIComponent(Buffer.from(text).toString('base64url'))}`);
  await linked.waitForFunction(() => document.querySelector('.bpv-quiz-question')?.textContent === 'What is J?');
  await linked.locator('.bpv-quiz-answer').fill('0.5134');
  await linked.locator('.bpv-quiz-answer').press('Enter');
  await linked.waitForFunction(() => /^Right\./.test(document.querySelector('.bpv-quiz-feedback')?.textContent ?? ''));
  // One question only (the file asked for the loss), checked to 3 digits: 0.5134 was right
  // (to the 4 digits shown it would not be).
  assert.match(await linked.locator('.bpv-quiz-feedback').innerText(), /1 of 1 right/);
  // Imported into a widget showing the plain exam: it turns into the quiz.
  const imported = await page.evaluate(async (json) => {
    const { host, viz } = await window.freshWidget();
    const before = host.shadowRoot.querySelector('.bpv-quiz-question')?.textContent ?? '';
    viz.load(json);
    // The question is written in a later frame: wait for it (the test's timeout bounds this).
    const question = () => host.shadowRoot.querySelector('.bpv-quiz-question')?.textContent;
    while (!question()) await new Promise((ok) => requestAnimationFrame(ok));
    return { before, after: question() };
  }, text);
  assert.equal(imported.before, '');
  assert.equal(imported.after, 'What is J?');
  // A bad quiz is refused with its field named.
  scenario.quiz = { ask: ['sideways'] };
  const refused = await page.evaluate(async (json) => {
    const { viz } = await window.freshWidget();
    try { viz.load(json); return 'accepted'; } catch (e) { return e.message; }
  }, JSON.stringify(scenario));
  assert.match(refused, /quiz\.ask\[0\].*sideways/);
  assert.deepEqual(problems, []);
  await context.close();
});

for (const [width, height] of [[360, 740], [740, 360]]) test(`on a ${width} × ${height} phone the page has no horizontal scroll, the menus and the toolbar are a row each (the network near the top when upright) and every control is visible`, async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`, { viewport: { width, height }, hasTouch: true });
  assert.ok(await page.evaluate(() => matchMedia('(pointer: coarse)').matches), 'a touch screen');
  const overflow = await page.evaluate(sideways);
  assert.ok(overflow <= 0, `horizontal overflow ${overflow}px`);
  // The menus and the toolbar are a row each, scrolled sideways: the network is not pushed below
  // nine rows of controls (it started at 618 px on a 390 × 844 phone), nor below three on its side.
  for (const row of ['.bpv-options', '.bpv-control-row']) {
    assert.ok((await page.locator(row).boundingBox()).height < 60, `${row} is one row`);
  }
  const stage = await page.locator('.bpv-stage').boundingBox();
  if (height > width) assert.ok(stage.y < height * 0.45, `the network starts at ${stage.y} px`);
  const hidden = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const off = (e) => { const r = e.getBoundingClientRect(); return r.width === 0 || r.height === 0 || r.left < 0 || r.right > width + 0.5; };
    const controls = [...document.querySelectorAll('.bpv button, .bpv select, .bpv input:not([type=file])')]
      .filter((e) => !e.closest('[hidden]') && !e.classList.contains('bpv-proxy') && !e.closest('details:not([open])'));
    const out = [];
    for (const e of controls) {
      if (!off(e)) continue;
      // A control of a row scrolled sideways is on screen once its row is scrolled to it, and
      // the page itself does not move sideways.
      const row = e.closest('.bpv-options, .bpv-control-row');
      if (row && getComputedStyle(row).overflowX === 'auto') {
        e.scrollIntoView({ block: 'nearest', inline: 'nearest' });
        const reached = !off(e) && window.scrollX === 0;
        row.scrollLeft = 0;
        if (reached) continue;
      }
      out.push(e.className);
    }
    return out;
  });
  assert.deepEqual(hidden, [], 'every control is on screen');
  const small = await page.evaluate(() => [...document.querySelectorAll('.bpv-controls button, .bpv-share button, .bpv-options button')]
    .filter((e) => !e.closest('[hidden]'))
    .filter((e) => e.getBoundingClientRect().height < 44)
    .map((e) => e.className));
  assert.deepEqual(small, [], 'touch targets are at least 44 px tall');
  await screenshot(page, `phone-${width}x${height}.png`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('a teacher sets the quiz through the module API, the custom element and the link', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/#v=1&preset=exam&quiz=1&ask=update&tolerance=3`);
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-question')?.textContent === 'What is w1?');
  const r = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const host = document.createElement('div');
    document.body.prepend(host);
    const viz = await mount(host, 'exam', { quiz: true, ask: ['loss'], tolerance: 3 });
    // Each question is written in a frame after the mount: wait until it is there (the test's
    // timeout bounds this), not for a fixed time.
    const written = async (root) => {
      const question = () => root.querySelector('.bpv-quiz-question')?.textContent;
      while (!question()) await new Promise((ok) => requestAnimationFrame(ok));
      return question();
    };
    const api = await written(host.shadowRoot);
    const element = document.createElement('backprop-viz');
    element.setAttribute('preset', 'xor');
    element.setAttribute('quiz', '');
    element.setAttribute('ask', 'backward');
    const ready = new Promise((ok) => element.addEventListener('ready', ok));
    document.body.prepend(element);
    await ready;
    return { api, link: viz.link().split('#')[1], element: await written(element.shadowRoot) };
  });
  assert.equal(r.api, 'What is J?');
  assert.match(r.link, /quiz=1&ask=loss&tolerance=3/);
  assert.match(r.element, /^What is δ\d+\?$/);
  assert.deepEqual(problems, []);
  await context.close();
});
