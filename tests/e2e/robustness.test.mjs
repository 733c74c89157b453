// Robustness and security in a real browser: strict CSP, hostile text, floods of input, bad
// numbers, and a forced panic.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { serve, launch, open, tableValue, numberBox, slider, distTest } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'";

let server;
let strict;
let hooks;
let browser;

before(async () => {
  server = await serve();
  strict = await serve(undefined, { 'content-security-policy': CSP });
  hooks = await serve(distTest);
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await Promise.all([server?.close(), strict?.close(), hooks?.close()]);
});

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

test('the page works under the strict Content Security Policy, with no violation', async () => {
  for (const path of ['/', '/embed.html#v=1&preset=xor', '/examples/course.html']) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = [];
    const violations = [];
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.exposeFunction('reportViolation', (v) => violations.push(v));
    await page.addInitScript(() => document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));
    await page.goto(strict.url + path);
    await page.waitForSelector(path.includes('course') ? '#softmax-widget[data-ready="true"]' : '.bpv .bpv-canvas');
    if (path === '/') {
      const range = slider(page, 'w6');
      await range.focus();
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.49');
      assert.notEqual(await tableValue(page, 'J'), 0.5130152523999526, 'the slider moved the numbers');
      // The answer checker, a second wasm module fetched on first use, runs under it too.
      await page.locator('.bpv-check summary').click();
      await page.locator('.bpv-check-text').fill('J = 0.5');
      await page.locator('.bpv-check-run').click();
      await page.waitForFunction(() => /^0 right, 1 wrong/.test(document.querySelector('.bpv-check-status').textContent));
    }
    await page.waitForTimeout(300);
    assert.deepEqual(violations, [], path);
    assert.deepEqual(problems, [], path);
    await context.close();
  }
});

test('a title made of markup shows as text', async () => {
  const evil = '<img src=x onerror="window.pwned=1">';
  const scenario = {
    version: 1, title: evil, description: '<script>window.pwned=2</script>',
    layers: [2, 2, 1], activations: ['relu', 'sigmoid'], loss: 'bce', learning_rate: 0.01,
    weights: [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]], biases: [[0.2, -0.2], [0.0]],
    samples: [{ x: [1.0, 2.0], y: [0.0] }],
  };
  const { page, context, problems } = await open(browser, `${server.url}/#v=1&s=${b64url(JSON.stringify(scenario))}`);
  await page.waitForFunction((t) => document.querySelector('.bpv-title').textContent === t, evil);
  assert.equal(await page.locator('.bpv img').count(), 0, 'no element was made from the title');
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  assert.equal(await page.locator('.bpv-description').innerText(), '<script>window.pwned=2</script>');
  assert.deepEqual(problems, []);
  await context.close();
});

test('2,000 input events in one second are coalesced and the page stays responsive', async () => {
  const { page, context, problems } = await open(browser, `${server.url}/`);
  const result = await page.evaluate(async () => {
    const core = await import('/backprop-viz.js');
    await core.default({ module_or_path: '/backprop-viz_bg.wasm' });
    await core.loadPart('api');
    const host = document.createElement('div');
    document.body.append(host);
    const widget = core.mount(host, 'deep_tanh', undefined, '');
    const range = host.querySelector('.bpv-range');
    const before = widget.frameStats();
    const start = performance.now();
    let sent = 0;
    // 2,000 events over about a second: 40 bursts of 50, 25 ms apart.
    for (let burst = 0; burst < 40; burst += 1) {
      for (let k = 0; k < 50; k += 1) {
        range.value = String(((sent % 200) - 100) / 40);
        range.dispatchEvent(new Event('input', { bubbles: true }));
        sent += 1;
      }
      const due = start + (burst + 1) * 25;
      await new Promise((ok) => setTimeout(ok, Math.max(0, due - performance.now())));
    }
    const elapsed = performance.now() - start;
    const after = widget.frameStats();
    // Then a click: how long until its handler runs and the frame shows it?
    const button = host.querySelector('.bpv-forward');
    const clicked = performance.now();
    button.click();
    await new Promise((ok) => requestAnimationFrame(ok));
    const handled = performance.now() - clicked;
    return { sent, elapsed, frames: after[3] - before[3], recomputations: after[6] - before[6], handled };
  });
  assert.equal(result.sent, 2000);
  assert.ok(result.elapsed < 2500, `the page kept up with the events (${result.elapsed.toFixed(0)} ms for 2,000)`);
  assert.ok(result.recomputations <= result.frames + 1, `one recomputation per frame at most (${result.recomputations} for ${result.frames} frames)`);
  assert.ok(result.handled < 100, `a click afterwards is handled within 100 ms (${result.handled.toFixed(1)} ms)`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('NaN, Infinity, 1e309 and an empty box are refused with a message', async () => {
  const { page, context, problems } = await open(browser, `${server.url}/`);
  const box = numberBox(page, 'w2');
  const message = page.locator('.bpv-field:has(.bpv-number[data-name="w2"]) .bpv-field-message');
  for (const [text, expected] of [['NaN', /“NaN” is not a finite number/], ['Infinity', /not a finite number/], ['1e309', /not a finite number/], ['', /is empty/], ['-Infinity', /not a finite number/]]) {
    await box.fill(text);
    await box.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bpv-field:has(.bpv-number[data-name="w2"]) .bpv-field-message').textContent !== '');
    assert.match(await message.innerText(), expected, text);
    assert.match(await message.innerText(), /kept -0\.4/);
    assert.equal(await tableValue(page, 'J'), 0.5130152523999526, `${text}: the state is kept`);
    await box.fill('-0.4');
    await box.press('Enter');
    await page.waitForFunction(() => document.querySelector('.bpv-field:has(.bpv-number[data-name="w2"]) .bpv-field-message').textContent === '');
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test('a forced panic shows the message instead of a dead page', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${hooks.url}/`);
  await page.waitForSelector('.bpv .bpv-canvas');
  await page.evaluate(async () => {
    const core = await import('/backprop-viz.js');
    try { core.testPanic('checking the hook'); } catch { /* the trap after the hook */ }
  });
  await page.waitForFunction(() => document.querySelector('.bpv-message').textContent.includes('Something went wrong'));
  assert.match(await page.locator('.bpv-message').innerText(), /Something went wrong inside the widget — please reload the page\./);
  assert.ok(await page.locator('.bpv-message').isVisible());
  assert.ok(errors.some((e) => e.includes('forced by a test: checking the hook')), 'the details are in the console');
  await context.close();
});

test('the two-lane (SIMD) tanh and sums in the page give bitwise the one-number results', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${hooks.url}/`);
  await page.waitForSelector('.bpv .bpv-canvas');
  const difference = await page.evaluate(async () => (await import('/backprop-viz.js')).simdSelfCheck());
  assert.equal(difference, '');
  await context.close();
});

test('a browser without WebAssembly SIMD gets a message naming what is missing, on the page and in an embed', async () => {
  for (const path of ['/', '/embed.html#preset=exam']) {
    const context = await browser.newContext();
    await context.addInitScript(() => { WebAssembly.validate = () => false; });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    const alert = page.locator('#app [role="alert"]');
    await alert.waitFor();
    assert.match(await alert.innerText(), /lacks WebAssembly SIMD.*Safari 16\.4\+/, path);
    assert.equal(await page.locator('.bpv').count(), 0, `${path}: no half-started widget`);
    await context.close();
  }
});

test('an embed scrolled out of view stops animating and resumes where it was', async () => {
  const { page, context, problems } = await open(browser, `${server.url}/`);
  await page.evaluate(() => { document.body.style.paddingBottom = '4000px'; });
  await page.locator('.bpv-speed').selectOption('0.25');
  await page.locator('.bpv-play').click();
  await page.waitForFunction(() => Number(document.querySelector('.bpv-position').dataset.position) > 0.2);
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.visible === 'false');
  const parked = await page.locator('.bpv-position').getAttribute('data-position');
  await page.waitForTimeout(500);
  assert.equal(await page.locator('.bpv-position').getAttribute('data-position'), parked, 'no animation out of view');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForFunction((p) => Number(document.querySelector('.bpv-position').dataset.position) > Number(p), parked);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the site\'s pages never fetch the module API\'s part; without it the core\'s mount and the methods say to load it, then work', async () => {
  const fetched = [];
  const { page, context, problems } = await open(browser, `${server.url}/`, {
    before: (p) => p.on('request', (r) => { if (/split_\w+\.wasm$/.test(r.url())) fetched.push(r.url().split('/').pop()); }),
  });
  // The exam's page has mounted (open waited for its table): it fetched no part at all.
  assert.deepEqual(fetched, []);
  const r = await page.evaluate(async () => {
    const core = await import('/backprop-viz.js');
    const message = (f) => { try { f(); return 'accepted'; } catch (e) { return e instanceof Error ? e.message : `not an Error: ${e}`; } };
    const host = document.body.appendChild(document.createElement('div'));
    const before = { mount: message(() => core.mount(host, 'exam', undefined, '')) };
    const widget = core.mountLink(document.body.appendChild(document.createElement('div')), '#v=1&preset=exam');
    before.get = message(() => widget.get('learning_rate'));
    before.on = message(() => widget.on('edit', () => {}));
    // What needs no part still answers.
    const hash = widget.shareHash();
    await core.loadPart('api');
    const after = { get: widget.get('learning_rate'), on: typeof widget.on('edit', () => {}) };
    const mounted = core.mount(host, 'exam', undefined, '');
    after.mounted = mounted.get('weights[0][0][0]');
    widget.destroy();
    mounted.destroy();
    return { before, after, hash };
  });
  const absent = 'the module API has not loaded yet: await loadPart("api") first (the module\'s mount does)';
  assert.deepEqual(r.before, { mount: absent, get: absent, on: absent });
  assert.match(r.hash, /^v=1/);
  assert.deepEqual(r.after, { get: 0.01, on: 'number', mounted: 0.5 });
  assert.deepEqual(fetched, ['split_api.wasm'], 'the part, once');
  assert.deepEqual(problems, []);
  await context.close();
});

test('wrong types and values passed to the module API are refused with an Error naming the argument, and nothing traps', async () => {
  const { page, context, problems } = await open(browser, `${server.url}/`);
  const r = await page.evaluate(async () => {
    const { mount, loadWasm } = await import('/js/backprop-viz.mjs');
    const host = document.createElement('div');
    document.body.prepend(host);
    const viz = await mount(host, 'exam');
    const w1 = viz.getWeight(0, 0, 0);
    // The bytes of the parts loaded when first needed (a page that carries them itself).
    const rejected = (promise) => promise.then(() => 'accepted', (e) => (e instanceof Error ? e.message : `not an Error: ${e}`));
    const parts = {
      none: await rejected(loadWasm(new Uint8Array(8), null)),
      text: await rejected(loadWasm(new Uint8Array(8), { split_check: 'AGFzbQ==' })),
      empty: await rejected(loadWasm(new Uint8Array(8), {})),
    };
    const { loadPart } = await import('/backprop-viz.js');
    const part = { number: await rejected(loadPart(5)), unknown: await rejected(loadPart('chart')), data: await rejected(loadPart('data')) };
    const attempt = (f) => {
      try { f(); return 'accepted'; } catch (e) { return e instanceof Error ? e.message : `not an Error: ${e}`; }
    };
    const calls = {
      get42: () => viz.get(42),
      getNull: () => viz.get(null),
      set7: () => viz.set(7, 1),
      setNull: () => viz.setWeight(0, 0, 0, null),
      setEmpty: () => viz.setWeight(0, 0, 0, ''),
      setSpaces: () => viz.setWeight(0, 0, 0, '   '),
      setArray: () => viz.setWeight(0, 0, 0, []),
      setOne: () => viz.setWeight(0, 0, 0, [0.25]),
      setTrue: () => viz.setWeight(0, 0, 0, true),
      setHex: () => viz.setWeight(0, 0, 0, '0x10'),
      seekNaN: () => viz.seek(NaN),
      seekFar: () => viz.seek(1e9),
      on5: () => viz.on(5, () => {}),
      onNumber: () => viz.on('edit', 42),
      setModeObject: () => viz.setMode({}),
      format: () => viz.load(42),
    };
    const refused = {};
    for (const [name, f] of Object.entries(calls)) refused[name] = attempt(f);
    const afterW1 = viz.getWeight(0, 0, 0);
    // destroy() from inside an edit subscriber.
    let destroyed = 'not called';
    viz.on('edit', () => { destroyed = attempt(() => viz.destroy()); });
    viz.setWeight(0, 0, 0, 0.25);
    await new Promise((ok) => setTimeout(ok, 50));
    // Data-set mode's counts.
    const data = await mount(document.body.appendChild(document.createElement('div')), 'exam', { mode: 'data' });
    const train = { minus: attempt(() => data.train(-1)), nan: attempt(() => data.train(NaN)), half: attempt(() => data.train(1.5)) };
    const pick = { minus: attempt(() => data.pickPoint(-1)), far: attempt(() => data.pickPoint(1e6)), ok: attempt(() => data.pickPoint(0)) };
    // List options cannot set other options.
    let injected;
    try {
      await mount(document.body.appendChild(document.createElement('div')), 'exam', { panels: ['canvas&theme=dark'] });
      injected = 'accepted';
    } catch (e) { injected = e.message; }
    return { w1, afterW1, refused, destroyed, destroyedNow: viz.destroyed, train, pick, injected, parts, part, alive: data.getWeight(0, 0, 0) };
  });
  for (const [name, message] of Object.entries(r.refused)) {
    assert.notEqual(message, 'accepted', `${name} was accepted`);
    assert.ok(!/memory access|unreachable|recursive use|not an Error/.test(message), `${name}: ${message}`);
    assert.match(message, /^(path|value|position|event|callback|mode|scenario): /, `${name} names its argument: ${message}`);
  }
  assert.equal(r.afterW1, r.w1, 'the refused calls changed nothing');
  assert.equal(r.destroyed, 'accepted', `destroy() in a subscriber: ${r.destroyed}`);
  assert.equal(r.destroyedNow, true);
  assert.match(r.train.minus, /^samples: /);
  assert.match(r.train.nan, /^samples: /);
  assert.match(r.train.half, /^samples: /);
  assert.match(r.pick.minus, /^index: /);
  assert.match(r.pick.far, /^index: the training set has no point/);
  assert.equal(r.pick.ok, 'accepted');
  assert.match(r.injected, /panels/);
  assert.equal(r.parts.none, 'parts: expected an object of ArrayBuffers or typed arrays');
  assert.equal(r.parts.text, 'parts.split_check: expected an ArrayBuffer or a typed array');
  assert.equal(r.parts.empty, 'accepted', 'no parts given: they are fetched when needed');
  assert.equal(r.part.number, 'name: expected "api", "check", "data", "read" or "tools"');
  assert.equal(r.part.unknown, 'name: expected "api", "check", "data", "read" or "tools"');
  assert.equal(r.part.data, 'accepted');
  assert.ok(!/dark/.test(r.injected) || /not a panel|panel/.test(r.injected), r.injected);
  assert.equal(typeof r.alive, 'number', 'the instances still work after all of it');
  assert.deepEqual(problems, []);
  await context.close();
});
