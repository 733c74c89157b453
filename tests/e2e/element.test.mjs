// The custom element and the module API under the changes a host page makes: attributes changed
// in bursts and in quick succession, a bad value replaced at once by a good one, a mount on an
// element not in the page, oversized files and pastes refused before they are read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, sharedBrowser } from './harness.mjs';

const shared = sharedBrowser();

/** A host page with the module loaded (the plain example page, whose own widget is left alone). */
async function host() {
  const context = await shared.browser.newContext({ viewport: { width: 1300, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(`${shared.server.url}/examples/plain.html`);
  await page.evaluate(() => import('/js/backprop-viz.mjs'));
  return { page, context, problems };
}

test('changing the preset twice in a row shows the second, and 600 changes in one task mount once', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    const el = document.createElement('backprop-viz');
    let ready = 0;
    el.addEventListener('ready', () => { ready += 1; });
    el.setAttribute('preset', 'exam');
    document.body.append(el);
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    ready = 0;
    // Twice in a row, each in its own task.
    el.setAttribute('preset', 'xor');
    await new Promise((ok) => setTimeout(ok, 0));
    el.setAttribute('preset', 'softmax');
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    await new Promise((ok) => setTimeout(ok, 300));
    const title = el.shadowRoot.querySelector('.bpv-title')?.textContent;
    const widgets = el.shadowRoot.querySelectorAll('.bpv').length;
    // 600 changes in one task.
    ready = 0;
    for (let k = 0; k < 600; k += 1) el.setAttribute('digits', String(2 + (k % 7)));
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    await new Promise((ok) => setTimeout(ok, 300));
    return { title, widgets, burst: ready, digits: el.shadowRoot.querySelector('.bpv-digits')?.value };
  });
  assert.match(result.title, /softmax/i, 'the second change is what shows');
  assert.equal(result.widgets, 1, 'one widget in the element');
  assert.equal(result.burst, 1, '600 changes in one task mount once');
  assert.equal(result.digits, String(2 + (599 % 7)), 'the last value wins');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a bad value replaced at once by a good one shows no error, and a bad playground names the attribute', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    // The element's own error message: a paragraph in place of the widget.
    const alertOf = (e) => [...(e.shadowRoot?.children ?? [])].find((c) => c.matches('p[role="alert"]'));
    const el = document.createElement('backprop-viz');
    document.body.append(el);
    el.setAttribute('digits', '99');
    await new Promise((ok) => setTimeout(ok, 0));
    el.setAttribute('digits', '6');
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    await new Promise((ok) => setTimeout(ok, 300));
    const stale = alertOf(el)?.textContent ?? null;
    const bad = document.createElement('backprop-viz');
    bad.setAttribute('mode', 'data');
    bad.setAttribute('playground', '{data: spiral}');
    document.body.append(bad);
    const said = await new Promise((ok) => {
      const poll = () => {
        const p = alertOf(bad);
        if (p) ok(p.textContent); else setTimeout(poll, 20);
      };
      poll();
    });
    const range = document.createElement('backprop-viz');
    range.setAttribute('tolerance', '1');
    document.body.append(range);
    const ranged = await new Promise((ok) => {
      const poll = () => {
        const p = alertOf(range);
        if (p) ok(p.textContent); else setTimeout(poll, 20);
      };
      poll();
    });
    return { stale, said, ranged, digits: el.shadowRoot.querySelector('.bpv-digits').value };
  });
  assert.equal(result.stale, null, 'no error for the replaced value');
  assert.equal(result.digits, '6');
  assert.match(result.said, /^backprop-viz: playground: the attribute is not JSON/);
  assert.equal(result.ranged, 'backprop-viz: tolerance: “1” is not a whole number from 2 to 8');
  assert.deepEqual(problems, []);
  await context.close();
});

test('mount() on an element not in the page rejects at once with an Error', async () => {
  const { page, context, problems } = await host();
  const said = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const detached = document.createElement('div');
    const outcome = await Promise.race([
      mount(detached, 'exam').then(() => 'mounted', (e) => (e instanceof Error ? e.message : `not an Error: ${e}`)),
      new Promise((ok) => setTimeout(() => ok('never settled'), 3000)),
    ]);
    const huge = await mount(document.body.appendChild(document.createElement('div')), 'x'.repeat(2_000_001))
      .then(() => 'mounted', (e) => e.message);
    return { outcome, huge };
  });
  assert.equal(said.outcome, 'element: it is not in the document yet; add it to the page, then mount it');
  assert.equal(said.huge, 'scenario: 2000001 characters; the limit is 2000000');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a 40 MB file dropped or a 3 MB paste is refused from its size, and the network stays', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  const before = await page.locator('.bpv-number[data-name="w1"]').getAttribute('data-value');
  await page.evaluate(() => {
    const file = new File([new Uint8Array(40_000_000)], 'huge.json', { type: 'application/json' });
    const drop = new DataTransfer();
    drop.items.add(file);
    document.querySelector('.bpv').dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /^The file is 40\.0 MB; the limit is 2 MB/.test(document.querySelector('.bpv-message').textContent));
  await page.locator('.bpv-io summary').click();
  await page.locator('.bpv-io-text').evaluate((t) => { t.value = 'x'.repeat(3_000_000); });
  await page.locator('.bpv-io-load').click();
  await page.waitForFunction(() => /^The pasted text is 3000000 characters long/.test(document.querySelector('.bpv-message').textContent));
  assert.equal(await page.locator('.bpv-number[data-name="w1"]').getAttribute('data-value'), before);
  assert.deepEqual(problems, []);
  await context.close();
});

test('properties work as the attributes do, a wrong type is refused by name, and edits arrive as DOM events', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    const el = document.createElement('backprop-viz');
    el.preset = 'exam';
    el.panels = ['canvas', 'editors', 'table'];
    el.digits = 5;
    document.body.append(el);
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    const attributes = { preset: el.getAttribute('preset'), panels: el.getAttribute('panels'), digits: el.getAttribute('digits') };
    const edits = [];
    const updates = [];
    // Listened for on the page: the events bubble out of the element.
    document.body.addEventListener('bpv-edit', (e) => edits.push(e.detail));
    el.addEventListener('bpv-update', (e) => updates.push(e.detail));
    el.handle.setWeight(1, 1, 0, -0.7);
    el.handle.applyStep();
    const refusals = [];
    for (const [name, value] of [['readonly', 'yes'], ['digits', {}], ['panels', [1, 2]]]) {
      try { el[name] = value; } catch (e) { refusals.push(e.message); }
    }
    // el.preset = 'xor' remounts exactly as the attribute does.
    el.preset = 'xor';
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    const title = el.shadowRoot.querySelector('.bpv-title')?.textContent;
    el.readonly = true;
    await new Promise((ok) => el.addEventListener('ready', ok, { once: true }));
    return {
      attributes, edits, updates, refusals, title,
      readonly: el.hasAttribute('readonly'),
    };
  });
  assert.deepEqual(result.attributes, { preset: 'exam', panels: 'canvas,editors,table', digits: '5' });
  assert.deepEqual(result.edits, [{ field: 'weights[1][1][0]', value: -0.7 }]);
  assert.equal(result.updates.length, 1);
  assert.ok(result.updates[0].lossAfter < result.updates[0].lossBefore, 'the step lowered the loss');
  assert.deepEqual(result.refusals, [
    'readonly: expected true or false, not string',
    'digits: expected text, not object',
    'panels: expected a list of names, not this array',
  ]);
  assert.match(result.title, /XOR/i);
  assert.equal(result.readonly, true);
  assert.deepEqual(problems, []);
  await context.close();
});

test('mount options cross as an object: a misspelt option or a wrong type is an Error with field and value', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const attempt = async (options) => {
      const el = document.body.appendChild(document.createElement('div'));
      try {
        const viz = await mount(el, 'exam', options);
        const shown = { digits: el.shadowRoot.querySelector('.bpv-digits').value, theme: el.shadowRoot.querySelector('.bpv').dataset.theme };
        viz.destroy();
        return shown;
      } catch (e) {
        return { error: e instanceof Error, message: e.message, field: e.field, value: e.value };
      }
    };
    return {
      good: await attempt({ digits: 6, theme: 'dark', panels: ['canvas', 'controls'] }),
      misspelt: await attempt({ theem: 'dark' }),
      string: await attempt({ digits: '4' }),
      range: await attempt({ digits: 12 }),
      panel: await attempt({ panels: ['canvas', 'chart'] }),
      notObject: await attempt('panels=canvas'),
    };
  });
  assert.deepEqual(result.good, { digits: '6', theme: 'dark' });
  assert.equal(result.misspelt.error, true);
  assert.match(result.misspelt.message, /theem/);
  assert.equal(result.string.field, 'digits');
  assert.equal(result.string.value, '4');
  assert.equal(result.string.message, 'digits: invalid type: string "4", expected a number');
  assert.equal(result.range.field, 'digits');
  assert.equal(result.range.value, 12);
  assert.equal(result.panel.field, 'panels');
  assert.deepEqual(result.panel.value, ['canvas', 'chart']);
  assert.match(result.notObject.message, /^options: expected an object/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('scenarios cross as objects both ways, and a bad one is an Error naming its field and value', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const el = document.body.appendChild(document.createElement('div'));
    const viz = await mount(el, 'exam');
    const exam = viz.scenario();
    const adam = { ...exam, optimizer: { kind: 'adam' } };
    viz.load(adam);
    viz.applyStep();
    const after = viz.scenario();
    const attempt = (f) => { try { f(); return 'accepted'; } catch (e) { return { message: e.message, field: e.field, value: e.value }; } };
    const bad = attempt(() => viz.load({ ...exam, weights: [[[0.5, 'abc'], [-0.4, 0.8]], [[0.3], [-0.5]]] }));
    const version = attempt(() => viz.load({ ...exam, version: 2 }));
    const number = attempt(() => viz.load(12));
    let mountBad;
    try { await mount(document.body.appendChild(document.createElement('div')), { ...exam, learning_rate: -1 }); mountBad = 'accepted'; } catch (e) { mountBad = { message: e.message, field: e.field, value: e.value }; }
    viz.setMode('data');
    const playground = viz.playground();
    return {
      isObject: typeof exam === 'object' && Array.isArray(exam.weights),
      optimizer: after.optimizer, step: after.optimizer_state?.step,
      bad, version, number, mountBad, stillAdam: viz.scenario().optimizer?.kind ?? 'point',
      settings: typeof playground.settings === 'object', seen: playground.seen,
    };
  });
  assert.equal(result.isObject, true);
  assert.deepEqual(result.optimizer, { kind: 'adam', beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
  assert.equal(result.step, 1);
  assert.equal(result.bad.field, 'weights[0][0][1]');
  assert.equal(result.bad.value, 'abc');
  assert.match(result.bad.message, /^scenario: weights\[0\]\[0\]\[1\]: invalid type: string "abc"/);
  assert.equal(result.version.field, 'version');
  assert.equal(result.version.value, 2);
  assert.match(result.number.message, /^scenario: expected a preset name, scenario JSON or a scenario object/);
  assert.equal(result.mountBad.field, 'learning_rate');
  assert.equal(result.mountBad.value, -1);
  assert.equal(result.settings, true);
  assert.equal(result.seen, 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test('objects JSON cannot hold are refused by their path, and the widget keeps what it showed', async () => {
  const { page, context, problems } = await host();
  const result = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const el = document.body.appendChild(document.createElement('div'));
    const viz = await mount(el, 'exam');
    const exam = viz.scenario();
    const attempt = (f) => { try { f(); return 'accepted'; } catch (e) { return { message: e.message, field: e.field, isError: e instanceof Error }; } };
    const nan = attempt(() => viz.load({ ...exam, weights: [[[0.5, NaN], [-0.4, 0.8]], [[0.3], [-0.5]]] }));
    const cyclic = { ...exam };
    cyclic.samples = [{ x: [1, 2], y: [0] }];
    cyclic.samples[0].self = cyclic;
    const loop = attempt(() => viz.load(cyclic));
    const fn = attempt(() => viz.load({ ...exam, title: () => 'x' }));
    const getter = attempt(() => viz.load(Object.defineProperty({ ...exam }, 'loss', { enumerable: true, get() { throw new Error('no loss here'); } })));
    const skipped = attempt(() => viz.load({ ...exam, description: undefined, learning_rate: 0.5 }));
    let optionNaN;
    try { await mount(document.body.appendChild(document.createElement('div')), 'exam', { digits: NaN }); optionNaN = 'accepted'; } catch (e) { optionNaN = { message: e.message, field: e.field }; }
    let deep;
    try { await mount(document.body.appendChild(document.createElement('div')), 'exam', { mode: 'data', playground: { hidden: [4, Infinity] } }); deep = 'accepted'; } catch (e) { deep = { message: e.message, field: e.field }; }
    return { nan, loop, fn, getter, skipped, optionNaN, deep, rate: viz.scenario().learning_rate, w: viz.scenario().weights[0][0][1] };
  });
  assert.deepEqual(result.nan, { message: 'scenario: weights[0][0][1]: NaN is not a finite number', field: 'weights[0][0][1]', isError: true });
  assert.equal(result.loop.isError, true);
  assert.match(result.loop.message, /^scenario: it cannot be read as JSON \(Converting circular structure/);
  assert.deepEqual(result.fn, { message: 'scenario: title: a function is not a JSON value (numbers, strings, true, false, null, arrays, objects)', field: 'title', isError: true });
  assert.equal(result.getter.isError, true);
  assert.match(result.getter.message, /^scenario: .*no loss here/);
  assert.equal(result.skipped, 'accepted', 'an undefined property is left out, as JSON.stringify leaves it');
  assert.equal(result.rate, 0.5);
  assert.equal(result.w, -0.6, 'the refused loads left the good scenario in place');
  assert.deepEqual(result.optionNaN, { message: 'digits: NaN is not a finite number', field: 'digits' });
  assert.deepEqual(result.deep, { message: 'playground: at playground.hidden[1]: Infinity is not a finite number', field: 'playground' });
  assert.deepEqual(problems, []);
  await context.close();
});
