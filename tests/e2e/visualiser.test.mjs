// The visualiser in a real browser, used as a student would: load, look, drag, type, step, click.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, cli, tableValue, numberBox, slider, examWith, settledValue, sharedBrowser } from './harness.mjs';

const shared = sharedBrowser();

const close = (found, expected, what, tol = 1e-12) =>
  assert.ok(Math.abs(found - expected) <= tol, `${what}: found ${found}, expected ${expected}`);

/** Counts pixels that differ from the top-left (background) pixel, and distinct colours. */
async function canvasStats(page) {
  return page.evaluate(() => {
    const c = document.querySelector('.bpv .bpv-canvas');
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    const bg = [d[0], d[1], d[2]];
    let ink = 0;
    const colours = new Set();
    for (let i = 0; i < d.length; i += 16) {
      if (Math.abs(d[i] - bg[0]) + Math.abs(d[i + 1] - bg[1]) + Math.abs(d[i + 2] - bg[2]) > 30) ink += 1;
      colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
    }
    return { ink, colours: colours.size, background: bg, width: c.width, height: c.height };
  });
}

/** Waits until the first element matching `selector` contains `text`. */
async function waitText(page, selector, text) {
  await page.waitForFunction(([sel, t]) => (document.querySelector(sel)?.textContent ?? '').includes(t), [selector, text]);
}

async function pageValues(page) {
  return { yhat: await tableValue(page, 'a3'), loss: await tableValue(page, 'J') };
}

test('the page loads with no error, draws the network and saves a screenshot', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const stats = await canvasStats(page);
  assert.ok(stats.ink > 2000, `the canvas has drawing on it (${stats.ink} sampled pixels of ink)`);
  assert.ok(stats.colours > 20, `the canvas has many colours (${stats.colours})`);
  assert.ok(stats.background[0] > 200, 'light theme background');
  await screenshot(page, 'exam-light.png');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the canvas is crisp on a high-DPI screen and follows its container', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/', { deviceScaleFactor: 2 });
  const box = await page.locator('.bpv .bpv-canvas').boundingBox();
  const stats = await canvasStats(page);
  close(stats.width, Math.round(box.width * 2), 'canvas backing width at 2x', 1);
  await page.setViewportSize({ width: 900, height: 900 });
  await page.waitForFunction((w) => document.querySelector('.bpv .bpv-canvas').width !== w, stats.width);
  const box2 = await page.locator('.bpv .bpv-canvas').boundingBox();
  const stats2 = await canvasStats(page);
  close(stats2.width / stats2.height, box2.width / box2.height, 'aspect ratio kept (no distortion)', 0.02);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the table shows the exam values', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  close(await tableValue(page, 'z1'), -0.1, 'z1', 1e-15);
  close(await tableValue(page, 'a2'), 0.8, 'a2', 1e-15);
  close(await tableValue(page, 'a3'), 0.401312339887548, 'a3');
  close(await tableValue(page, 'J'), 0.5130152523999526, 'J');
  close(await tableValue(page, '∂J/∂w6'), 0.3210498719100384, 'dJ/dw6');
  close(await tableValue(page, '∂J/∂w4'), -0.401312339887548, 'dJ/dw4');
  close(await tableValue(page, '∂J/∂b1[2]'), -0.200656169943774, 'dJ/db1[2]');
  close(await tableValue(page, 'w3'), -0.5979934383005623, 'w3 after the update');
  const text = await page.locator('.bpv-table').innerText();
  assert.match(text, /0\.5130/);
  assert.match(text, /z1 = x1·w1 \+ x2·w2 \+ b1\[1\] = 1·0\.5 \+ 2·\(−0\.4\) \+ 0\.2 = −0\.1/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('moving the w6 slider by keyboard updates ŷ and J to what the command line computes', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const range = slider(page, 'w6');
  await range.focus();
  // Count how often the table catches up: five quick presses are one burst, so the table
  // follows the first at once and the rest once, after the burst (not five times).
  await page.evaluate(() => {
    window.tableUpdates = 0;
    window.inputTimes = [];
    document.querySelector('.bpv').addEventListener('input', () => window.inputTimes.push(performance.now()));
    new MutationObserver(() => {
      if (document.querySelector('.bpv').dataset.table === 'fresh') window.tableUpdates += 1;
    }).observe(document.querySelector('.bpv'), { attributes: true, attributeFilter: ['data-table'] });
  });
  for (let k = 0; k < 5; k += 1) await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.45');
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh');
  const { updates, gap } = await page.evaluate(() => ({
    updates: window.tableUpdates,
    gap: Math.max(...window.inputTimes.slice(1).map((t, k) => t - window.inputTimes[k])),
  }));
  // A burst means presses less than the slow lane's 150 ms apart (a machine too busy to press
  // that fast makes no burst, and then every press may be caught up).
  if (gap < 150) assert.ok(updates >= 1 && updates <= 2, `the table caught up ${updates} times for one burst of presses`);
  else assert.ok(updates >= 1, `the table caught up (presses ${gap} ms apart)`);
  const w6 = await settledValue(page, 'w6');
  close(w6, -0.45, 'w6 after five right-arrow presses', 1e-12);
  const expected = cli(examWith((s) => { s.weights[1][1][0] = w6; }));
  await page.waitForFunction((j) => Number(document.querySelector('.bpv-table tr[data-symbol="J"] td:last-child').dataset.value) === j, expected.steps[0].loss);
  const got = await pageValues(page);
  assert.equal(got.yhat, expected.steps[0].forward.a[2][0], 'ŷ equals the command line to the last digit');
  assert.equal(got.loss, expected.steps[0].loss, 'J equals the command line to the last digit');
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging the w6 slider updates ŷ and J to what the command line computes', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const range = slider(page, 'w6');
  await range.scrollIntoViewIfNeeded();
  const box = await range.boundingBox();
  // The thumb of −0.5 on [−3, 3] sits at 2.5/6 of the track.
  const y = box.y + box.height / 2;
  const x = box.x + 8 + (box.width - 16) * (2.5 / 6);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 20, y, { steps: 5 });
  await page.mouse.move(x + 40, y, { steps: 5 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5');
  const w6 = await settledValue(page, 'w6');
  assert.ok(w6 > -0.5, `dragging right raised w6 (now ${w6})`);
  const expected = cli(examWith((s) => { s.weights[1][1][0] = w6; }));
  await page.waitForFunction((j) => Number(document.querySelector('.bpv-table tr[data-symbol="J"] td:last-child').dataset.value) === j, expected.steps[0].loss);
  const got = await pageValues(page);
  assert.equal(got.yhat, expected.steps[0].forward.a[2][0]);
  assert.equal(got.loss, expected.steps[0].loss);
  assert.deepEqual(problems, []);
  await context.close();
});

test('dragging an edge on the canvas changes its weight', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const proxy = page.locator('.bpv-proxy[data-target="w6"]');
  const box = await proxy.boundingBox();
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y - 20, { steps: 4 });
  await page.mouse.move(x, y - 40, { steps: 4 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5');
  const w6 = await settledValue(page, 'w6');
  close(w6, -0.1, 'w6 after dragging its edge up 40 px at 0.01 per px', 1e-9);
  const expected = cli(examWith((s) => { s.weights[1][1][0] = w6; }));
  close(await tableValue(page, 'J'), expected.steps[0].loss, 'J after the drag', 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('stepping through the whole timeline reaches the update with the spec values', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/', { reducedMotion: 'reduce' });
  const steps = await page.locator('.bpv-table tbody tr').count();
  assert.equal(steps, 28);
  const back = page.locator('.bpv-back');
  for (let k = 0; k < steps; k += 1) await back.click();
  await page.waitForFunction(() => document.querySelector('.bpv-position').dataset.position === '0');
  await waitText(page, '.bpv-now-head', 'Ready');
  const forward = page.locator('.bpv-forward');
  await forward.click();
  await waitText(page, '.bpv-now-head', 'Step 1 of 28');
  assert.match(await page.locator('.bpv-now .bpv-plain').innerText(), /^z1 = /);
  for (let k = 1; k < steps; k += 1) await forward.click();
  await page.waitForFunction(() => document.querySelector('.bpv-position').dataset.position === '28');
  await waitText(page, '.bpv-now-head', 'Step 28 of 28 · SGD update');
  assert.match(await page.locator('.bpv-now .bpv-plain').innerText(), /^b2 ← b2 − η·∂J\/∂b2/);
  const spec = {
    w1: 0.5, w2: -0.4, w3: -0.5979934383005623, w4: 0.8040131233988755, w5: 0.3, w6: -0.5032104987191004,
    'b1[1]': 0.2, 'b1[2]': -0.19799343830056226, b2: -0.00401312339887548,
  };
  for (const [name, value] of Object.entries(spec)) close(await tableValue(page, name), value, `${name} after the update`);
  assert.equal(await page.locator('.bpv-table tbody tr[data-state="pending"]').count(), 0);
  await screenshot(page, 'exam-after-update.png');
  assert.deepEqual(problems, []);
  await context.close();
});

test('apply SGD step, then undo, restores the exact initial values', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.locator('.bpv-apply').click();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.5032104987191004');
  close(await tableValue(page, 'J'), 0.50796189734842, 'J after one committed step');
  await page.locator('.bpv-apply').click();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5032104987191004');
  await page.locator('.bpv-undo').click();
  await page.locator('.bpv-undo').click();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.5');
  for (const [name, value] of Object.entries({ w1: '0.5', w2: '-0.4', w3: '-0.6', w4: '0.8', w5: '0.3', w6: '-0.5', 'b1[1]': '0.2', 'b1[2]': '-0.2', b2: '0' })) {
    assert.equal(await numberBox(page, name).getAttribute('data-value'), value, `${name} restored exactly`);
  }
  assert.equal(await tableValue(page, 'J'), 0.5130152523999526);
  assert.equal(await page.locator('.bpv-undo').isDisabled(), true);
  await page.locator('.bpv-redo').click();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.5032104987191004');
  assert.deepEqual(problems, []);
  await context.close();
});

test('clicking edge w3 shows its five chain-rule factors with the spec values', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const box = await page.locator('.bpv-proxy[data-target="w3"]').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction(() => document.querySelector('.bpv-detail-head').textContent.startsWith('w3'));
  assert.equal(await page.locator('.bpv-detail-head').innerText(), 'w3: x1 → h2');
  const grad = page.locator('.bpv-detail-step[data-kind="WeightGrad"]');
  const factors = grad.locator('.bpv-factor');
  assert.equal(await factors.count(), 5);
  const expected = [
    ['∂J/∂a3', 1.6703200460356393], ['∂a3/∂z3', 0.24026074574152914], ['∂z3/∂a2', -0.5], ['∂a2/∂z2', 1], ['∂z2/∂w3', 1],
  ];
  for (let k = 0; k < 5; k += 1) {
    assert.equal(await factors.nth(k).getAttribute('data-symbol'), expected[k][0]);
    close(Number(await factors.nth(k).getAttribute('data-value')), expected[k][1], expected[k][0]);
  }
  assert.match(await grad.locator('.bpv-plain').first().innerText(), /∂J\/∂w3 = ∂J\/∂a3·∂a3\/∂z3·∂z3\/∂a2·∂a2\/∂z2·∂z2\/∂w3 = .* ≈ −0\.2007/);
  const update = page.locator('.bpv-detail-step[data-kind="WeightUpdate"] .bpv-plain');
  assert.match(await update.innerText(), /w3 ← w3 − η·∂J\/∂w3 = −0\.6 − 0\.01·\(−0\.2007\) ≈ −0\.5980/);
  assert.ok(await page.locator('.bpv-detail math').count() >= 2, 'the formulas are MathML');
  // A factor's fraction is set at the text's size, not shrunk as inside a line of text.
  const sizes = await grad.locator('.bpv-factor').first().evaluate((li) => {
    const numerator = li.querySelector('mfrac > *');
    return [parseFloat(getComputedStyle(numerator).fontSize), parseFloat(getComputedStyle(li.querySelector('math')).fontSize)];
  });
  assert.ok(sizes[0] >= 0.95 * sizes[1], `the fraction's numerator is ${sizes[0]} px in a formula of ${sizes[1]} px`);
  // An edit rewrites only the numbers that changed in the panels: they must then read exactly
  // as on a page opened on the edited scenario.
  await numberBox(page, 'w6').fill('-0.7');
  await numberBox(page, 'w6').press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('.bpv-detail-step[data-kind="WeightGrad"] .bpv-factor')[2].dataset.value === '-0.7');
  await settledValue(page, 'w6');
  const panels = () => page.evaluate(() => ['.bpv-detail-body', '.bpv-now'].map((s) => document.querySelector(s).innerHTML));
  const patched = await panels();
  const edited = examWith((s) => { s.weights[1][1][0] = -0.7; });
  const fresh = await open(shared.browser, `${shared.server.url}/#v=1&s=${Buffer.from(edited).toString('base64url')}`);
  const freshBox = await fresh.page.locator('.bpv-proxy[data-target="w3"]').boundingBox();
  await fresh.page.mouse.click(freshBox.x + freshBox.width / 2, freshBox.y + freshBox.height / 2);
  await fresh.page.waitForFunction(() => document.querySelector('.bpv-detail-head').textContent.startsWith('w3'));
  assert.deepEqual(patched, await fresh.page.evaluate(() => ['.bpv-detail-body', '.bpv-now'].map((s) => document.querySelector(s).innerHTML)));
  assert.deepEqual(fresh.problems, []);
  await fresh.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

for (const viewport of [{ width: 1400, height: 1000 }, { width: 360, height: 780 }]) {
  test(`every explanation of the exam fits its panel ${viewport.width} px wide: long formulas are set on rows, not cut off`, async () => {
    // Reduced motion: a step lands at once.
    const { page, context, problems } = await open(shared.browser, shared.server.url + '/', { reducedMotion: 'reduce', viewport });
    const targets = await page.locator('.bpv-proxy').evaluateAll((all) => all.map((p) => p.dataset.target));
    assert.ok(targets.length >= 12, `edges, neurons and the loss: ${targets}`);
    // Formulas that reach past their panel's padding.
    const overflowing = () => page.evaluate(() => [...document.querySelectorAll('.bpv-now math, .bpv-detail math')]
      .filter((m) => m.getBoundingClientRect().right > m.closest('.bpv-now, .bpv-detail').getBoundingClientRect().right - 10)
      .map((m) => m.textContent));
    for (const target of targets) {
      await page.locator(`.bpv-proxy[data-target="${target}"]`).focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.querySelector('.bpv-detail-head').textContent !== 'Explain');
      assert.deepEqual(await overflowing(), [], `explaining ${target}`);
    }
    // And every step of the timeline in the current-step panel.
    for (let k = 0; k < 28; k += 1) await page.locator('.bpv-back').click();
    await page.waitForFunction(() => document.querySelector('.bpv-position').dataset.position === '0');
    for (let k = 0; k < 28; k += 1) {
      await page.locator('.bpv-forward').click();
      await page.waitForFunction((n) => document.querySelector('.bpv-now-head').textContent.startsWith(`Step ${n} `), k + 1);
      assert.deepEqual(await overflowing(), [], `step ${k + 1}`);
    }
    assert.ok(await page.locator('.bpv-now mtable, .bpv-detail mtable').count() >= 1, 'some chain is set on rows');
    if (viewport.width < 400) await screenshot(page, 'phone-360-explained.png', page.locator('.bpv-side'));
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('a focused edge answers to arrow keys and Enter explains it', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.locator('.bpv-proxy[data-target="w5"]').focus();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w5"]').dataset.value === '0.32');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-detail-head').textContent.startsWith('w5'));
  const notes = await page.locator('.bpv-detail').innerText();
  assert.match(notes, /h1 is inactive/, 'the zero gradient of w5 is explained');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dark theme renders', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.locator('.bpv-theme').click();
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.theme === 'dark');
  await page.waitForFunction(() => {
    const c = document.querySelector('.bpv .bpv-canvas');
    return c.getContext('2d').getImageData(2, 2, 1, 1).data[0] < 40;
  });
  const stats = await canvasStats(page);
  assert.ok(stats.background.every((v) => v < 40), `dark background ${stats.background}`);
  assert.ok(stats.ink > 2000, 'the network is drawn in the dark theme');
  await screenshot(page, 'exam-dark.png');
  const system = await open(shared.browser, shared.server.url + '/', { colorScheme: 'dark' });
  assert.equal(await system.page.locator('.bpv').getAttribute('data-theme'), 'dark', 'follows the system colour scheme');
  await system.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('a typed "abc" is refused with a message and the state is kept', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  const box = numberBox(page, 'w6');
  await box.fill('abc');
  await box.press('Enter');
  const message = page.locator('.bpv-field:has(.bpv-number[data-name="w6"]) .bpv-field-message');
  await page.waitForFunction(() => document.querySelector('.bpv-field:has(.bpv-number[data-name="w6"]) .bpv-field-message').textContent !== '');
  assert.match(await message.innerText(), /w6: “abc” is not a number; kept -0\.5/);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  assert.equal(await tableValue(page, 'J'), 0.5130152523999526, 'J unchanged');
  assert.equal(await box.getAttribute('data-value'), '-0.5');
  // A target outside [0, 1] under BCE is refused by the scenario's own validation.
  const y = numberBox(page, 'y');
  await y.fill('1.5');
  await y.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-field:has(.bpv-number[data-name="y"]) .bpv-field-message').textContent.includes('[0, 1]'));
  // A good value clears the message.
  await box.fill('−0.7');
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.7');
  assert.equal(await message.innerText(), '');
  assert.deepEqual(problems, []);
  await context.close();
});

test('play runs the animation to the end, and pause stops it', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  // At 1× the whole timeline takes about 17 s, so a machine that stalls for a few seconds
  // between two of the test's calls cannot let it reach the end before the pause click (at 4×
  // it did once on a busy CI machine: the click then replayed it).
  await page.locator('.bpv-speed').selectOption('1');
  await page.locator('.bpv-play').click();
  await page.waitForFunction(() => Number(document.querySelector('.bpv-position').dataset.position) > 2);
  // The pause symbol is one that common fonts have (U+23F8 showed as an empty box on Debian).
  assert.equal((await page.locator('.bpv-play').textContent()).trim(), '❚❚ Pause');
  await page.locator('.bpv-play').click();
  assert.equal((await page.locator('.bpv-play').textContent()).trim(), '▶ Play');
  const paused = await page.locator('.bpv-position').getAttribute('data-position');
  await page.waitForTimeout(300);
  assert.equal(await page.locator('.bpv-position').getAttribute('data-position'), paused, 'paused');
  await page.locator('.bpv-speed').selectOption('4');
  await page.locator('.bpv-play').click();
  await page.waitForFunction(() => document.querySelector('.bpv-position').dataset.position === '28', null, { timeout: 20000 });
  assert.deepEqual(problems, []);
  await context.close();
});
