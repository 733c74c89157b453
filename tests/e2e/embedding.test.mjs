// Embedding, share links and export, in a real browser.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { holdBack, open, screenshot, tableValue, numberBox, settledValue, sharedBrowser, sideways } from './harness.mjs';

const shared = sharedBrowser();

/** base64url of UTF-8 text, as the share links use. */
const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

const exam = () => ({
  version: 1, title: 'Exam question 4: a 2-2-1 network, one SGD step',
  description: 'ReLU hidden layer, sigmoid output, binary cross-entropy, one sample, learning rate 0.01.',
  layers: [2, 2, 1], activations: ['relu', 'sigmoid'], loss: 'bce', learning_rate: 0.01,
  weights: [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]], biases: [[0.2, -0.2], [0.0]],
  samples: [{ x: [1.0, 2.0], y: [0.0] }], freeze_biases: false,
});

/** Waits until fonts have loaded and the widget's size has stopped changing over two frames
 * (its table and the list of unlabelled values are written a frame or a slow task later). */
async function settled(page) {
  await page.evaluate(async () => {
    await document.fonts.ready;
    const frame = () => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(() => ok())));
    const widget = () => {
      const host = document.querySelector('#widget')?.shadowRoot ?? document;
      const root = host.querySelector('.bpv');
      const r = root?.getBoundingClientRect();
      return r ? `${r.width}x${r.height}:${root.dataset.table}` : '';
    };
    let last = '';
    for (let k = 0; k < 200; k += 1) {
      await frame();
      const now = widget();
      if (now === last && !now.endsWith(':stale')) return;
      last = now;
    }
  });
}

async function openPlain(url, options = {}) {
  const context = await shared.browser.newContext({ viewport: options.viewport ?? { width: 1300, height: 1000 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
  return { page, context, problems };
}

test('the course page shows an iframe and a module instance whose edits stay apart', async () => {
  const { page, context, problems } = await openPlain(`${shared.server.url}/examples/course.html`);
  await page.waitForSelector('#softmax-widget[data-ready="true"]');
  const frame = page.frameLocator('#xor-frame');
  await frame.locator('.bpv .bpv-canvas').waitFor();
  await frame.locator('.bpv-table tbody tr[data-symbol]').first().waitFor({ state: 'attached' });
  const frameHandle = page.frames().find((f) => f.url().includes('embed.html'));
  const frameHashBefore = await frameHandle.evaluate(() => location.hash);
  // Edit the module instance: its number box, inside its shadow root.
  const box = page.locator('#softmax-widget .bpv-number[data-name="w1"]');
  await box.fill('0.9');
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('#softmax-widget').shadowRoot.querySelector('.bpv-number[data-name="w1"]').dataset.value === '0.9');
  assert.match(await page.locator('#softmax-log').innerText(), /You set weights\[0\]\[0\]\[0\] to 0\.9/);
  await page.waitForTimeout(300);
  assert.equal(await frameHandle.evaluate(() => location.hash), frameHashBefore, 'the iframe did not change');
  // Edit the iframe's network by dragging an edge on its canvas.
  await page.locator('#xor-frame').scrollIntoViewIfNeeded();
  const proxy = frame.locator('.bpv-proxy[data-target="w1"]');
  const b = await proxy.boundingBox();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2 - 30, { steps: 5 });
  await page.mouse.up();
  await frameHandle.waitForFunction((h) => location.hash !== h, frameHashBefore);
  assert.equal(await box.getAttribute('data-value'), '0.9', 'the module instance did not change');
  // The iframe asked for its height and the host applied it.
  const height = await page.locator('#xor-frame').evaluate((f) => f.style.height);
  assert.match(height, /^\d+px$/);
  await screenshot(page, 'course-page.png');
  assert.deepEqual(problems, []);
  await context.close();
});

test('destroy() removes the elements and listeners, and later events raise no error', async () => {
  const { page, context, problems } = await openPlain(`${shared.server.url}/examples/course.html`);
  await page.waitForSelector('#softmax-widget[data-ready="true"]');
  const result = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const host = document.createElement('div');
    document.body.append(host);
    const viz = await mount(host, 'exam');
    let edits = 0;
    viz.on('edit', () => { edits += 1; });
    viz.setWeight(1, 1, 0, -0.7);
    const before = viz.listenerCount();
    const canvas = host.shadowRoot.querySelector('.bpv-canvas');
    const range = host.shadowRoot.querySelector('.bpv-range');
    viz.play();
    viz.destroy();
    // Events on the old elements and on the window must find nothing to call.
    canvas.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    range.value = '1';
    range.dispatchEvent(new Event('input', { bubbles: true }));
    dispatchEvent(new Event('resize'));
    await new Promise((ok) => setTimeout(ok, 300));
    let threw = false;
    try { viz.step(); } catch { threw = true; }
    return { before, after: viz.listenerCount(), children: host.shadowRoot.childElementCount, edits, threw, destroyed: viz.destroyed };
  });
  assert.ok(result.before > 10, `listeners before destroy: ${result.before}`);
  assert.equal(result.after, 0);
  assert.equal(result.children, 0, 'the widget removed its elements');
  assert.equal(result.edits, 1, 'the edit event fired once, before destroy');
  assert.ok(result.threw && result.destroyed, 'a destroyed handle refuses to work');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the module API reads and sets numbers, steps, and refuses bad values with the message', async () => {
  const { page, context, problems } = await openPlain(`${shared.server.url}/examples/course.html`);
  await page.waitForSelector('#softmax-widget[data-ready="true"]');
  const result = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const host = document.createElement('div');
    document.body.append(host);
    const viz = await mount(host, 'exam', { panels: ['canvas', 'controls'], readonly: false });
    // Out of view a widget does not animate; bring it into view first.
    host.scrollIntoView();
    await new Promise((ok) => setTimeout(ok, 100));
    const steps = [];
    viz.on('step', (e) => steps.push(e.index));
    const w6 = viz.getWeight(1, 1, 0);
    viz.setInput(0, 1.5);
    let message = '';
    try { viz.setTarget(0, 7); } catch (e) { message = e.message; }
    viz.seek(0);
    viz.step();
    await new Promise((ok) => setTimeout(ok, 1500));
    const updates = [];
    viz.on('update', (e) => updates.push(e.lossAfter));
    viz.applyStep();
    const w6After = viz.getWeight(1, 1, 0);
    const hidden = !!host.shadowRoot.querySelector('.bpv-edit[hidden]');
    viz.destroy();
    return { w6, x1: 1.5, message, steps, updates: updates.length, w6After, hidden };
  });
  assert.equal(result.w6, -0.5);
  assert.match(result.message, /samples\[0\]\.y\[0\]: 7 is outside \[0, 1\]/);
  assert.ok(result.steps.includes(0), `stepping raised a step event for step 0 (${result.steps})`);
  assert.equal(result.updates, 1);
  assert.notEqual(result.w6After, -0.5);
  assert.ok(result.hidden, 'the editors panel is hidden when not asked for');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an iframe whose hash holds edited weights shows those weights', async () => {
  const edited = exam();
  edited.weights[1][1][0] = -0.7;
  edited.weights[0][0][1] = 1.25;
  const hash = `v=1&s=${b64url(JSON.stringify(edited))}&panels=canvas,editors,table&readonly=0`;
  const { page, context, problems } = await openPlain(`${shared.server.url}/examples/plain.html`);
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'probe';
    f.src = src;
    f.style.width = '1000px';
    f.style.height = '800px';
    document.body.append(f);
  }, `/embed.html#${hash}`);
  const frame = page.frameLocator('#probe');
  await frame.locator('.bpv-number[data-name="w6"]').waitFor({ state: 'attached' });
  await page.waitForFunction(() => document.querySelector('#probe').contentDocument?.querySelector('.bpv-number[data-name="w6"]')?.dataset.value === '-0.7');
  assert.equal(await frame.locator('.bpv-number[data-name="w3"]').getAttribute('data-value'), '1.25');
  assert.equal(await frame.locator('.bpv-controls').isHidden(), true, 'panels follow the hash');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a link carrying a scenario has the reader of JSON fetched beside the first module, and opens on that scenario with no other part', async () => {
  const edited = exam();
  edited.title = 'Edited exam';
  edited.weights[1][1][0] = -0.7;
  const fetched = [];
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/index.html#v=1&s=${b64url(JSON.stringify(edited))}`, {
    before: (p) => p.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(r.url().split('/').pop()); }),
  });
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]')?.dataset.value === '-0.7');
  assert.equal(await page.locator('.bpv-title').innerText(), 'Edited exam');
  assert.equal(await page.locator('.bpv-message').innerText(), '', 'no message: the link was read');
  assert.ok(fetched.includes('split_read.wasm'), `the reader was fetched: ${fetched}`);
  assert.deepEqual(fetched.filter((f) => /^split_/.test(f) && f !== 'split_read.wasm'), [], 'no other part');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a quiz embed opens with no part of the code; going to the answer box fetches the checker, and a Check pressed before it comes waits for it', async () => {
  for (const typing of ['while it comes', 'before it comes']) {
    const fetched = [];
    let release;
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/embed.html#v=1&preset=exam&quiz=1`, {
      viewport: { width: 390, height: 844 },
      before: async (p) => {
        p.on('request', (r) => { if (r.url().endsWith('.wasm')) fetched.push(r.url().split('/').pop()); });
        release = await holdBack(p, /(split|chunk)_\w+\.wasm$/);
      },
    });
    await page.locator('.bpv-quiz-question').filter({ hasText: /^What is z1\?$/ }).waitFor();
    assert.deepEqual(fetched, ['backprop-viz_bg.wasm'], 'the question needs no part');
    const asked = page.waitForRequest(/split_check\.wasm$/);
    await page.locator('.bpv-quiz-answer').click();
    await asked;
    await page.keyboard.type('-0.1');
    if (typing === 'while it comes') {
      const arrived = page.waitForResponse(/split_check\.wasm$/);
      release();
      await arrived;
      // The part's arrival leaves the box as the student left it: its text, and the focus.
      await page.waitForTimeout(300);
      assert.equal(await page.locator('.bpv-quiz-answer').inputValue(), '-0.1');
      assert.equal(await page.evaluate(() => document.activeElement?.classList.contains('bpv-quiz-answer')), true);
      await page.keyboard.press('Enter');
    } else {
      await page.locator('.bpv-quiz-check').click();
      await page.locator('.bpv-quiz').filter({ hasText: 'Loading the answer checker…' }).waitFor();
      release();
    }
    await page.locator('.bpv-quiz-question').filter({ hasText: /^What is a1\?$/ }).waitFor();
    assert.match(await page.locator('.bpv-quiz').innerText(), /Right\. z1 = /);
    assert.deepEqual(fetched.filter((f) => /^split_/.test(f)), ['split_check.wasm'], typing);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test('a corrupted hash shows a message and the default scenario', async () => {
  for (const bad of ['v=1&s=eyJ2ZXJzaW9uIjox', 'v=7&preset=exam', 'v=1&s=%%%', 'v=1&panels=sofa', `v=1&s=${'A'.repeat(5000)}`]) {
    const { page, context, problems } = await open(shared.browser, `${shared.server.url}/#${bad}`);
    const message = page.locator('.bpv-message');
    await page.waitForFunction(() => document.querySelector('.bpv-message').textContent.length > 0);
    assert.match(await message.innerText(), /This link could not be read \(link `(s|v|panels)`: .*\); showing the exam instead\./, bad);
    assert.equal(await page.locator('.bpv-title').innerText(), 'Exam question 4: a 2-2-1 network, one SGD step');
    assert.equal(await tableValue(page, 'J'), 0.5130152523999526);
    assert.deepEqual(problems, [], bad);
    await context.close();
  }
});

test('every edit updates the share link, and the link reproduces the state', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  const box = numberBox(page, 'w6');
  await box.fill('-0.61');
  await box.press('Enter');
  await page.waitForFunction(() => location.hash.includes('s='));
  const historyLength = await page.evaluate(() => history.length);
  await box.fill('-0.62');
  await box.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value === '-0.62');
  await tableValue(page, 'J');
  assert.equal(await page.evaluate(() => history.length), historyLength, 'replaceState, not a new entry');
  const url = page.url();
  const j = await tableValue(page, 'J');
  const second = await open(shared.browser, url);
  assert.equal(await numberBox(second.page, 'w6').getAttribute('data-value'), '-0.62');
  assert.equal(await tableValue(second.page, 'J'), j);
  await second.context.close();
  assert.deepEqual(problems, []);
  await context.close();
});

test('an exported JSON, re-imported, reproduces the state exactly', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  const box = numberBox(page, 'w6');
  await box.fill('-0.123456789012345');
  await box.press('Enter');
  await page.locator('.bpv-apply').click();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.123456789012345');
  const state = await page.evaluate(() => [...document.querySelectorAll('.bpv-number')].map((b) => b.dataset.value));
  const j = await tableValue(page, 'J');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-json').click()]);
  const path = await download.path();
  const text = await readFile(path, 'utf8');
  assert.match(download.suggestedFilename(), /\.json$/);
  JSON.parse(text);
  // Go elsewhere, then import the file.
  await page.locator('.bpv-preset').selectOption('xor');
  await page.waitForFunction(() => document.querySelector('.bpv-title').textContent.startsWith('XOR'));
  await page.locator('.bpv-file').setInputFiles(path);
  await page.waitForFunction(() => document.querySelector('.bpv-title').textContent.startsWith('Exam'));
  const again = await page.evaluate(() => [...document.querySelectorAll('.bpv-number')].map((b) => b.dataset.value));
  assert.deepEqual(again, state);
  assert.equal(await tableValue(page, 'J'), j);
  // A bad file is refused with the validation message and the state stays.
  await page.locator('.bpv-io summary').click();
  await page.locator('.bpv-io-text').fill('{"version": 1, "title": "x", "layers": [2, 2, 1], "colour": 3}');
  await page.locator('.bpv-io-load').click();
  await page.waitForFunction(() => document.querySelector('.bpv-message').textContent.includes('failed'));
  assert.match(await page.locator('.bpv-message').innerText(), /Import from the pasted text failed: .*colour/);
  assert.equal(await tableValue(page, 'J'), j);
  assert.deepEqual(problems, []);
  await context.close();
});

test('PNG, SVG, Markdown and LaTeX exports have the right content', async () => {
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/`);
  const canvasBox = await page.locator('.bpv .bpv-canvas').boundingBox();
  const [png] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-png').click()]);
  const bytes = await readFile(await png.path());
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  assert.ok(Math.abs(width - Math.round(canvasBox.width * 2)) <= 1, `PNG width ${width} is twice ${canvasBox.width}`);
  assert.ok(Math.abs(height - Math.round(canvasBox.height * 2)) <= 1, `PNG height ${height} is twice ${canvasBox.height}`);

  const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-svg').click()]);
  const svgText = await readFile(await svg.path(), 'utf8');
  const counts = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror') !== null,
      neurons: doc.querySelectorAll('circle.neuron').length,
      edges: doc.querySelectorAll('line.edge').length,
    };
  }, svgText);
  assert.deepEqual(counts, { error: false, neurons: 5, edges: 6 });

  const [md] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-markdown').click()]);
  const markdown = await readFile(await md.path(), 'utf8');
  assert.match(markdown, /^# Exam question 4/);
  assert.match(markdown, /w6 ← w6 − η·∂J\/∂w6 = −0\.5 − 0\.01·0\.3210 ≈ −0\.5032/);
  assert.equal(await page.locator('.bpv-io-text').inputValue(), markdown, 'the same text is shown to copy');
  const [tex] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-latex').click()]);
  const latex = await readFile(await tex.path(), 'utf8');
  assert.match(latex, /\\begin\{align\*\}/);
  assert.match(latex, /^\\documentclass/, 'a complete document, ready for pdflatex');
  assert.match(latex, /\\end\{document\}\s*$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('aggressive host styles do not change the widget, and the widget does not change the host', async () => {
  const measure = async (url) => {
    const { page, context, problems } = await openPlain(url, { viewport: { width: 1300, height: 1000 } });
    await page.waitForSelector('#widget[data-ready="true"]');
    await settled(page);
    const boxes = await page.evaluate(() => {
      const root = document.querySelector('#widget').shadowRoot;
      const box = (sel) => { const r = root.querySelector(sel).getBoundingClientRect(); return [r.width, r.height]; };
      const font = getComputedStyle(root.querySelector('.bpv-play')).fontSize;
      return { play: box('.bpv-play'), canvas: box('.bpv-canvas'), number: box('.bpv-number'), title: box('.bpv-title'), widget: box('.bpv'), font };
    });
    const host = await page.evaluate(() => ({
      heading: getComputedStyle(document.querySelector('h1.bpv-title')).fontSize,
      button: getComputedStyle(document.querySelector('button.bpv-play')).backgroundColor,
    }));
    await context.close();
    return { boxes, host, problems };
  };
  const plain = await measure(`${shared.server.url}/examples/plain.html`);
  const hostile = await measure(`${shared.server.url}/examples/hostile.html`);
  assert.deepEqual(hostile.boxes, plain.boxes, 'the widget lays out the same in both pages');
  assert.equal(hostile.host.heading, '30px', "the host's heading keeps the host's font");
  assert.equal(hostile.host.button, 'rgb(255, 105, 180)', "the host's button keeps its hot pink");
  assert.deepEqual([...plain.problems, ...hostile.problems], []);
});

test('the embed page fits a 320 × 240 iframe', async () => {
  const { page, context, problems } = await openPlain(`${shared.server.url}/embed.html#v=1&preset=exam&panels=canvas`, { viewport: { width: 320, height: 240 } });
  await page.waitForSelector('.bpv .bpv-canvas');
  const overflow = await page.evaluate(sideways);
  assert.ok(overflow <= 0, `no horizontal scroll at 320 px (${overflow})`);
  const box = await page.locator('.bpv .bpv-canvas').boundingBox();
  assert.ok(box.width <= 320 && box.width > 250, `canvas width ${box.width}`);
  await screenshot(page, 'embed-320x240.png');
  assert.deepEqual(problems, []);
  await context.close();
});

test("the Embed… dialog's default code (every panel, 640 px) shows the whole network at a readable height", async () => {
  // The teacher's five-minute path: open Embed…, take the iframe code as it comes.
  const { page: site, context: siteContext, problems: siteProblems } = await openPlain(`${shared.server.url}/index.html`);
  await site.locator('.bpv-embed-toggle').click();
  await site.waitForFunction(() => document.querySelector('.bpv-embed-iframe')?.value.includes('embed.html#'));
  const code = await site.locator('.bpv-embed-iframe').inputValue();
  const src = /src="([^"]+)"/.exec(code)[1].replaceAll('&amp;', '&');
  const frameHeight = Number(/height: (\d+)px/.exec(code)[1]);
  assert.equal(frameHeight, 640, code);
  assert.deepEqual(siteProblems, []);
  await siteContext.close();
  for (const width of [1000, 760]) {
    const { page, context, problems } = await openPlain(src, { viewport: { width, height: frameHeight } });
    await page.waitForSelector('.bpv .bpv-canvas');
    await settled(page);
    const r = await page.evaluate(() => ({
      canvas: document.querySelector('.bpv-canvas').getBoundingClientRect().toJSON(),
      table: !document.querySelector('.bpv-table-box').hidden,
    }));
    const where = `${width} × ${frameHeight}`;
    assert.ok(r.table, `${where}: the default shows every panel, the table too`);
    assert.ok(r.canvas.top >= 0 && r.canvas.bottom <= frameHeight, `${where}: the whole network is in view (${r.canvas.top}–${r.canvas.bottom})`);
    assert.ok(r.canvas.height >= 0.45 * frameHeight, `${where}: the network is ${r.canvas.width} × ${r.canvas.height}, squeezed by the panels below it`);
    await screenshot(page, `embed-default-${width}x${frameHeight}.png`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a host that sizes the iframe to the height the embed asks for settles: every panel on a desktop, the README's on a phone", async () => {
  // The README's host script, on a page of the same site. Before, a phone-width frame grew
  // until its host's limit (the network 60 % of a frame that grew with it).
  for (const [width, hash] of [[1000, 'v=1&preset=exam'], [390, 'v=1&preset=exam&panels=canvas,controls,explain']]) {
    const host = `${shared.server.url}/host-sizing-${width}.html`;
    const { page, context, problems } = await openPlain('about:blank', { viewport: { width, height: 800 } });
    await page.route(host, (route) => route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><body style="margin:0"><iframe id="f" src="embed.html#${hash}" style="width:100%;height:640px;border:0"></iframe>
        <script>
          const frame = document.getElementById('f');
          window.heights = [];
          addEventListener('message', (event) => {
            if (event.source !== frame.contentWindow || event.data?.type !== 'backprop-viz:height') return;
            const height = Math.min(Math.max(event.data.height, 240), 4000);
            window.heights.push(height);
            frame.style.height = height + 'px';
          });
        </script></body>`,
    }));
    await page.goto(host);
    const frame = page.frameLocator('#f');
    await frame.locator('.bpv .bpv-canvas').waitFor();
    // Settled: no new height asked for during a second.
    let before = -1;
    for (let k = 0; k < 40; k += 1) {
      await page.waitForTimeout(1000);
      const count = await page.evaluate(() => window.heights.length);
      if (count === before) break;
      before = count;
    }
    const { heights, frameHeight } = await page.evaluate(() => ({ heights: window.heights, frameHeight: document.getElementById('f').getBoundingClientRect().height }));
    const canvas = await frame.locator('.bpv-canvas').evaluate((c) => c.getBoundingClientRect().height);
    const where = `${width} px, #${hash}`;
    assert.ok(heights.length < 20, `${where}: the frame was resized ${heights.length} times: ${heights.join(', ')}`);
    assert.ok(frameHeight < 4000, `${where}: the frame grew to ${frameHeight} px`);
    assert.ok(canvas >= 150 && canvas <= 560, `${where}: the network is ${canvas} px tall`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("the README's embed fits its 640 px iframe without the host script, and a 320 × 240 one shows the network", async () => {
  const hash = '#v=1&preset=exam&panels=canvas,controls,explain';
  for (const [width, height] of [[1000, 640], [760, 640], [320, 240], [1000, 400]]) {
    const { page, context, problems } = await openPlain(`${shared.server.url}/embed.html${hash}`, { viewport: { width, height } });
    await page.waitForSelector('.bpv .bpv-canvas');
    await settled(page);
    const r = await page.evaluate(() => {
      const box = (s) => document.querySelector(s)?.getBoundingClientRect().toJSON();
      return { scroll: document.documentElement.scrollHeight, view: innerHeight, canvas: box('.bpv-canvas'), play: box('.bpv-play'), side: box('.bpv-side') };
    });
    const where = `${width} × ${height}`;
    assert.ok(r.canvas.top >= 0 && r.canvas.bottom <= height + 1, `${where}: the whole network is in view (${r.canvas.top}–${r.canvas.bottom})`);
    assert.ok(r.canvas.height >= 150 && r.canvas.width >= 250, `${where}: the network is ${r.canvas.width} × ${r.canvas.height}`);
    if (height >= 640) {
      assert.ok(r.scroll <= height + 1, `${where}: the page fits (${r.scroll} px)`);
      assert.ok(r.play.bottom <= height && r.side.bottom <= height + 1, `${where}: the toolbar and the explanation are in view`);
    }
    await screenshot(page, `embed-readme-${width}x${height}.png`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});
