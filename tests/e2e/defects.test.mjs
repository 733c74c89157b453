// What a student and a teacher hit when using the page: the site in a subfolder, the keyboard
// shortcuts, and the quiz's question being there when focus arrives.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { serve, launch, open, screenshot, dist, examWith } from './harness.mjs';

let browser;

before(async () => {
  browser = await launch();
});

after(async () => {
  await browser?.close();
});

test('the site copied into a subfolder: every page draws and nothing it loads is missing', async () => {
  const server = await serve(undefined, {}, '/course/backprop-viz');
  try {
    for (const [page, ready] of [
      ['index.html', '.bpv-table tbody tr[data-symbol]'],
      ['embed.html#v=1&preset=exam', '.bpv .bpv-canvas[data-numbers="shown"]'],
      ['examples/course.html', '.bpv .bpv-canvas[data-numbers="shown"]'],
      ['examples/plain.html', '.bpv .bpv-canvas[data-numbers="shown"]'],
    ]) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      const tab = await context.newPage();
      const missing = [];
      const errors = [];
      tab.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
      tab.on('requestfailed', (r) => missing.push(`failed ${r.url()}`));
      tab.on('pageerror', (e) => errors.push(e.message));
      tab.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      await tab.goto(`${server.url}/course/backprop-viz/${page}`);
      await tab.waitForSelector(ready, { timeout: 20000 });
      // The stylesheets applied: the widget's toolbar is laid out as a row, not unstyled.
      const styled = await tab.evaluate(() => {
        const bar = document.querySelector('.bpv-controls');
        return bar ? getComputedStyle(bar).display : 'none';
      });
      assert.notEqual(styled, 'block', `${page}: the widget's stylesheet applies`);
      assert.deepEqual(missing, [], `${page}: every file it loads exists`);
      assert.deepEqual(errors, [], `${page}: no errors`);
      if (page === 'index.html') await screenshot(tab, 'subfolder-index.png');
      await context.close();
    }
  } finally {
    await server.close();
  }
});

test('keyboard shortcuts work after clicking a button, and from the page itself', async () => {
  const server = await serve();
  try {
    // Reduced motion: a step is instant, so each key press lands on a whole position.
    const { page, context, problems } = await open(browser, `${server.url}/`, { reducedMotion: 'reduce' });
    const position = () => page.locator('.bpv-position').getAttribute('data-position').then(Number);
    const at = (p) => page.waitForFunction((want) => Number(document.querySelector('.bpv-position').dataset.position) === want, p);
    assert.equal(await position(), 28);
    await page.locator('.bpv-back').click();
    await page.locator('.bpv-back').click();
    await at(26);
    // ← with focus still on the Back button.
    await page.keyboard.press('ArrowLeft');
    await at(25);
    await page.locator('.bpv-forward').click();
    await at(26);
    await page.keyboard.press('ArrowRight');
    await at(27);
    // Space on a focused button is the button's own: it presses Step, it does not play.
    await page.keyboard.press(' ');
    await at(28);
    assert.equal(await page.locator('.bpv-play').getAttribute('aria-pressed'), 'false');
    // Ctrl+Z after "Apply SGD step", focus on that button, undoes the step.
    const w6 = page.locator('.bpv-number[data-name="w6"]');
    await page.locator('.bpv-apply').click();
    await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5');
    await page.keyboard.press('Control+z');
    await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.5');
    await page.keyboard.press('Control+y');
    await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5');
    assert.notEqual(await w6.getAttribute('data-value'), '-0.5');
    // From the page's body (where focus is after a click on the background): K plays.
    await page.evaluate(() => document.activeElement?.blur());
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('.bpv-play').getAttribute('aria-pressed') === 'true');
    await page.keyboard.press('k');
    await page.waitForFunction(() => document.querySelector('.bpv-play').getAttribute('aria-pressed') === 'false');
    // In a number box the keys are the box's own.
    await w6.focus();
    const before = await position();
    await page.keyboard.press('ArrowLeft');
    assert.equal(await position(), before);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the quiz question is on the page when focus reaches the answer box', async () => {
  const server = await serve();
  try {
    const { page, context, problems } = await open(browser, `${server.url}/`);
    await page.evaluate(() => {
      window.seenAtFocus = null;
      document.addEventListener('focusin', (e) => {
        if (e.target.classList?.contains('bpv-quiz-answer') && window.seenAtFocus === null) {
          window.seenAtFocus = document.querySelector('.bpv-quiz-question').textContent;
        }
      });
    });
    await page.locator('.bpv-quiz-toggle').click();
    await page.waitForFunction(() => window.seenAtFocus !== null);
    assert.equal(await page.evaluate(() => window.seenAtFocus), 'What is z1?');
    assert.equal(await page.locator('.bpv-quiz-answer').getAttribute('aria-label'), 'Your value of z1');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('opened by double-click (file://), the page says how to open it instead of staying blank', async () => {
  for (const page of ['index.html', 'embed.html']) {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(`file://${join(dist, page)}`);
    const text = await tab.locator('.bpv-loading').innerText();
    assert.match(text, /web server/, `${page} explains how to open it`);
    assert.ok(await tab.locator('.bpv-loading').isVisible());
    // Styled (a sheet with an integrity digest is refused from a file): the widget's font size.
    assert.equal(await tab.locator('.bpv-boot').evaluate((b) => getComputedStyle(b).fontSize), '15px', `${page} is styled`);
    // At first only "Loading the network…"; how to open the page shows once it is still loading.
    const hint = () => tab.locator('.bpv-loading-stuck').evaluate((s) => s.getBoundingClientRect().height);
    assert.equal(await hint(), 0, `${page}: the hint waits`);
    await tab.waitForFunction(() => document.querySelector('.bpv-loading-stuck').getBoundingClientRect().height > 10, null, { timeout: 10000 });
    await context.close();
  }
});

test('a quiz hides the worked solution until it is finished, unless the teacher’s link allows it', async () => {
  const server = await serve();
  try {
    const { page, context, problems } = await open(browser, `${server.url}/#v=1&preset=exam&quiz=1&ask=loss`);
    for (const kind of ['markdown', 'latex', 'json']) {
      assert.ok(await page.locator(`.bpv-export-${kind}`).isHidden(), `${kind} is hidden during the quiz`);
    }
    assert.ok(await page.locator('.bpv-export-png').isVisible(), 'the picture of the network stays');
    await page.locator('.bpv-quiz-show').click();
    await page.waitForFunction(() => /Quiz finished/.test(document.querySelector('.bpv-quiz-feedback').textContent));
    for (const kind of ['markdown', 'latex', 'json']) {
      assert.ok(await page.locator(`.bpv-export-${kind}`).isVisible(), `${kind} is back once the quiz is finished`);
    }
    await page.goto(`${server.url}/#v=1&preset=exam&quiz=1&ask=loss&exports=1`);
    await page.reload();
    await page.waitForSelector('.bpv[data-quiz="true"]');
    assert.ok(await page.locator('.bpv-export-markdown').isVisible(), 'the teacher allowed the exports');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('Copy link says whether the link is on the clipboard', async () => {
  const server = await serve();
  try {
    const { page, context, problems } = await open(browser, `${server.url}/`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await page.locator('.bpv-export-link').click();
    await page.waitForFunction(() => /^Copied/.test(document.querySelector('.bpv-io-status').textContent));
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(copied, await page.locator('.bpv-io-text').inputValue());
    assert.match(copied, /#v=1&/);
    await context.close();
    // A browser with no clipboard (a page served over plain HTTP): the box has the link.
    const bare = await browser.newContext();
    await bare.addInitScript(() => Object.defineProperty(Navigator.prototype, 'clipboard', { get: () => undefined }));
    const tab = await bare.newPage();
    await tab.goto(`${server.url}/`);
    await tab.waitForSelector('.bpv .bpv-canvas');
    await tab.locator('.bpv-export-link').click();
    await tab.waitForFunction(() => /copy the link from the box below/.test(document.querySelector('.bpv-io-status').textContent));
    assert.match(await tab.locator('.bpv-io-text').inputValue(), /#v=1&/);
    await bare.close();
    assert.deepEqual(problems, []);
  } finally {
    await server.close();
  }
});

test('every weight can be read at every size, for every preset, in normal and quiz mode: on the drawing or in the list beside it', async () => {
  const server = await serve();
  try {
    for (const width of [360, 768, 1400]) {
      const hashes = ['exam', 'xor', 'softmax', 'deep_tanh'].flatMap((p) => [`#v=1&preset=${p}`, `#v=1&preset=${p}&quiz=1`]);
      for (const hash of hashes) {
        const { page, context, problems } = await open(browser, `${server.url}/${hash}`, { viewport: { width, height: 900 } });
        await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh');
        const { unlabelled, list, weights } = await page.evaluate(() => ({
          unlabelled: (document.querySelector('.bpv-canvas').dataset.unlabelled ?? '').split(' ').filter(Boolean),
          list: document.querySelector('.bpv-unlabelled').hidden ? '' : document.querySelector('.bpv-unlabelled').textContent,
          weights: [...document.querySelectorAll('.bpv-proxy')].map((p) => p.dataset.target).filter((t) => /^w\d+$/.test(t)),
        }));
        assert.ok(weights.length >= 6, `${width} ${hash}: the weights (${weights})`);
        for (const w of unlabelled.filter((name) => /^w\d+$/.test(name))) {
          assert.match(list, new RegExp(`${w} = [−\\d]`), `${width} ${hash}: ${w} is listed with its value`);
        }
        if (unlabelled.length) assert.ok(await page.locator('.bpv-unlabelled').isVisible(), `${width} ${hash}: the list is on screen`);
        if (width === 360 && hash === '#v=1&preset=exam&quiz=1') {
          await screenshot(page, 'phone-360-quiz-unlabelled.png', page.locator('.bpv-main'));
          // The first question's numbers: z1 = x1·w1 + x2·w2 + b1[1], each readable somewhere.
          for (const w of ['w1', 'w2']) {
            assert.ok(!unlabelled.includes(w) || list.includes(`${w} = `), `${w} is readable for the first question`);
          }
        }
        assert.deepEqual(problems, []);
        await context.close();
      }
    }
    // A weight of a million keeps its label on a desktop canvas.
    const big = Buffer.from(examWith((s) => { s.weights[0][0][0] = 1e6; })).toString('base64url');
    const { page, context, problems } = await open(browser, `${server.url}/#v=1&s=${big}`, { viewport: { width: 1400, height: 1000 } });
    await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh');
    const unlabelled = await page.evaluate(() => document.querySelector('.bpv-canvas').dataset.unlabelled ?? '');
    assert.ok(!unlabelled.split(' ').includes('w1'), `w1 = 1×10⁶ is labelled on the drawing (unlabelled: "${unlabelled}")`);
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('the page around the widget follows its theme', async () => {
  const server = await serve();
  try {
    const { page, context, problems } = await open(browser, `${server.url}/`, { colorScheme: 'light' });
    const background = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    assert.equal(await background(), 'rgb(238, 241, 244)');
    await page.locator('.bpv-theme').click();
    await page.waitForFunction(() => document.querySelector('.bpv').dataset.theme === 'dark');
    assert.equal(await background(), 'rgb(13, 15, 18)', 'a dark page around the dark widget');
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});

test('a legend says what the drawing means, on the page and in the embed, and folds away', async () => {
  const server = await serve();
  try {
    for (const page of ['', 'embed.html#v=1&preset=exam&panels=canvas,controls,explain']) {
      const { page: tab, context, problems } = await open(browser, `${server.url}/${page}`);
      const legend = tab.locator('.bpv-legend');
      assert.ok(await legend.isVisible(), `${page || 'index'}: the legend is shown`);
      const text = await legend.innerText();
      for (const needle of ['positive weight', 'negative weight (dashed)', 'larger |w|', 'inactive ReLU', 'gradients', 'old → new', 'overflow']) {
        assert.ok(text.includes(needle), `${page || 'index'}: the legend explains "${needle}"`);
      }
      await tab.locator('.bpv-legend summary').click();
      assert.equal(await legend.evaluate((d) => d.open), false, 'a click folds it');
      assert.ok(await tab.locator('.bpv-legend li').first().isHidden());
      assert.deepEqual(problems, []);
      await context.close();
    }
  } finally {
    await server.close();
  }
});

test('a teacher’s minimal embed: controls=timeline shows only the timeline', async () => {
  const server = await serve();
  try {
    const { page, context, problems } = await open(browser, `${server.url}/embed.html#v=1&preset=exam&panels=canvas,controls,explain&controls=timeline`);
    for (const shown of ['.bpv-play', '.bpv-forward', '.bpv-back', '.bpv-replay', '.bpv-position']) {
      assert.ok(await page.locator(shown).isVisible(), `${shown} is shown`);
    }
    for (const hidden of ['.bpv-mode', '.bpv-theme', 'label:has(.bpv-preset)', '.bpv-quiz-toggle', '.bpv-apply', '.bpv-undo', '.bpv-reset', '.bpv-export-png', '.bpv-io']) {
      assert.ok(await page.locator(hidden).first().isHidden(), `${hidden} is hidden`);
    }
    await screenshot(page, 'embed-controls-timeline.png');
    // The element's attribute says the same.
    await page.evaluate(async () => {
      await import('./js/backprop-viz.mjs');
      const el = document.createElement('backprop-viz');
      el.setAttribute('preset', 'xor');
      el.setAttribute('controls', 'timeline,history');
      document.body.append(el);
      await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    });
    const inner = await page.evaluate(() => {
      const root = document.querySelector('backprop-viz').shadowRoot;
      const visible = (s) => { const e = root.querySelector(s); return !!e && !e.closest('[hidden]'); };
      return { play: visible('.bpv-play'), undo: visible('.bpv-undo'), theme: visible('.bpv-theme'), quiz: visible('.bpv-quiz-toggle') };
    });
    assert.deepEqual(inner, { play: true, undo: true, theme: false, quiz: false });
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await server.close();
  }
});
