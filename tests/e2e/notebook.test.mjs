// The notebook widget as a course's notebook meets it: the wheel scripts/package.sh built is
// installed into a virtual environment with JupyterLab and anywidget from PyPI (setup.sh makes
// it, under target/), JupyterLab is served on 127.0.0.1, and Chromium runs a notebook's cells:
// the widget draws, a weight typed in the page reaches the kernel, and set_weight from the kernel
// moves the page.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { dist, launch, open, packages, root, screenshot, serve, version } from './harness.mjs';

const wheel = join(packages, `backprop_viz-${version}-py3-none-any.whl`);
const venv = join(root, 'target', 'py-venv');
const work = join(root, 'target', 'notebook');
const token = 'backprop-viz-test';
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

const cell = (source) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source });
const notebook = {
  cells: [
    cell('from backprop_viz import BackpropViz\nw = BackpropViz(scenario="exam", panels=["canvas", "controls", "editors", "table"])\nw'),
    cell('print("w6 =", w.weights[1][1][0], "step =", w.step)'),
    cell('w.set_weight(1, 1, 0, -0.7)'),
  ],
  metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } },
  nbformat: 4,
  nbformat_minor: 5,
};

async function freePort() {
  const server = createServer();
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  await new Promise((ok) => server.close(ok));
  return port;
}

/** Installs the wheel scripts/package.sh built into the virtual environment, over any earlier one. */
function installWheel() {
  const pip = spawnSync(join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', '--force-reinstall', '--no-deps', wheel], { encoding: 'utf8' });
  assert.equal(pip.status, 0, pip.stderr);
}

/** Runs the notebook's cell `k` (0-based) as a student does: click into it, Shift+Enter. */
async function runCell(page, k) {
  const editor = page.locator('.jp-Notebook .jp-Cell').nth(k).locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Shift+Enter');
}

test('the Python API refuses a wrong argument by name and keeps the last good weights', () => {
  installWheel();
  const out = spawnSync(join(venv, 'bin', 'python'), [join(root, 'python', 'tests', 'test_arguments.py')], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stdout + out.stderr);
  assert.equal(out.stdout.trim(), 'ok');
});

test('in JupyterLab the widget draws, a weight typed in the page reaches the kernel, set_weight moves the page', async () => {
  installWheel();
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'home'), { recursive: true });
  writeFileSync(join(work, 'widget.ipynb'), JSON.stringify(notebook));
  const port = await freePort();
  const env = {
    ...process.env,
    HOME: join(work, 'home'),
    JUPYTER_CONFIG_DIR: join(work, 'home', 'config'),
    JUPYTER_RUNTIME_DIR: join(work, 'home', 'runtime'),
    IPYTHONDIR: join(work, 'home', 'ipython'),
  };
  const lab = spawn(join(venv, 'bin', 'jupyter'), [
    'lab', '--no-browser', '--ServerApp.ip=127.0.0.1', `--ServerApp.port=${port}`,
    `--IdentityProvider.token=${token}`, `--ServerApp.root_dir=${work}`,
    '--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate',
    // CI machines run as root.
    '--allow-root',
  ], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let exited = null;
  lab.once('exit', (code) => { exited = code; });
  lab.stdout.on('data', (d) => { log += d; });
  lab.stderr.on('data', (d) => { log += d; });
  cleanups.push(() => new Promise((ok) => { lab.once('exit', ok); lab.kill('SIGTERM'); setTimeout(ok, 5000); }));
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; ; k += 1) {
    try {
      if ((await fetch(`${base}/api/status?token=${token}`)).ok) break;
    } catch { /* not listening yet */ }
    assert.ok(k < 120 && exited === null, `JupyterLab did not start:\n${log}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }

  const browser = await launch();
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1400, height: 1100 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && /backprop-viz|wasm|URL/i.test(m.text())) errors.push(m.text()); });
  await page.goto(`${base}/lab/tree/widget.ipynb?token=${token}`);
  await page.locator('.jp-Notebook .jp-Cell .cm-content').first().waitFor({ timeout: 60000 });
  // The kernel has started when the status bar says it is idle.
  await page.waitForFunction(() => /\| Idle/.test(document.querySelector('.jp-StatusBar-Widget, #jp-main-statusbar')?.innerText ?? ''), null, { timeout: 60000 });

  await runCell(page, 0);
  const canvas = page.locator('.jp-OutputArea .bpv .bpv-canvas');
  await canvas.waitFor({ timeout: 60000 }).catch(async (error) => {
    await screenshot(page, 'notebook-jupyterlab-failed.png');
    throw error;
  });
  const box = page.locator('.jp-OutputArea .bpv-number[data-name="w6"]');
  await box.waitFor();
  assert.equal(await box.getAttribute('data-value'), '-0.5', 'the exam\'s w6');
  const width = await canvas.evaluate((c) => c.width);
  assert.ok(width > 100, `the canvas drew (${width} px)`);

  // A student types a weight in the page; the kernel reads it.
  await box.fill('-0.25');
  await box.press('Enter');
  await page.waitForFunction(() => true);
  await runCell(page, 1);
  const printed = page.locator('.jp-Notebook .jp-Cell').nth(1).locator('.jp-OutputArea-output');
  await printed.first().waitFor({ timeout: 30000 });
  assert.match(await printed.first().innerText(), /w6 = -0\.25 step = 28/);

  // The kernel sets a weight; the page follows.
  await runCell(page, 2);
  await page.waitForFunction(() => {
    const find = (node) => {
      for (const e of node.querySelectorAll('*')) {
        if (e.matches('.bpv-number[data-name="w6"]')) return e;
        if (e.shadowRoot) { const f = find(e.shadowRoot); if (f) return f; }
      }
      return null;
    };
    return find(document)?.getAttribute('data-value') === '-0.7';
  }, null, { timeout: 30000 });
  // The answer checker, a part of the wasm loaded on first use, comes from the kernel's bytes too.
  const check = page.locator('.jp-OutputArea .bpv-check');
  await check.locator('summary').click();
  await page.locator('.jp-OutputArea .bpv-check-text').fill('J = 0.5');
  await page.locator('.jp-OutputArea .bpv-check-run').click();
  // (The widget is in a shadow root: a locator reaches into it, `querySelector` does not.)
  await page.locator('.jp-OutputArea .bpv-check-status').filter({ hasText: /right/ }).waitFor({ timeout: 30000 });
  assert.match(await page.locator('.jp-OutputArea .bpv-check-status').innerText(), /^0 right, 1 wrong/);
  await screenshot(page, 'notebook-jupyterlab.png');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without a kernel (a MyST {anywidget} page), the module loads its wasm and styles beside itself and syncs its model', async () => {
  const server = await serve(dist);
  cleanups.push(server.close);
  const browser = await launch();
  cleanups.push(() => browser.close());
  const { page, context, problems } = await open(browser, `${server.url}/embed.html`);
  const r = await page.evaluate(async () => {
    const { default: widget } = await import('/js/backprop-viz.mjs');
    // A host's model, as MyST's directive makes from the directive's JSON.
    const traits = { scenario: 'exam', panels: ['canvas', 'table'], quiz: false };
    const listeners = {};
    let saves = 0;
    const model = {
      get: (k) => traits[k],
      set: (k, v) => {
        const changed = JSON.stringify(traits[k]) !== JSON.stringify(v);
        traits[k] = v;
        if (changed) for (const f of listeners[`change:${k}`] ?? []) f();
      },
      on: (e, f) => { (listeners[e] ??= []).push(f); },
      off: (e, f) => { listeners[e] = (listeners[e] ?? []).filter((g) => g !== f); },
      save_changes: () => { saves += 1; },
    };
    const el = document.createElement('div');
    document.body.append(el);
    const cleanup = await widget.render({ model, el });
    const box = () => el.shadowRoot.querySelector('.bpv-number[data-name="w6"]')?.dataset.value ?? null;
    const published = { w6: traits.weights?.[1]?.[1]?.[0], step: traits.step, title: traits.scenario?.title, saves };
    // The kernel's side: another weight, then another step.
    model.set('weights', [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.7]]]);
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    const afterWeights = { box: el.shadowRoot.querySelector('.bpv-canvas') ? 'drawn' : 'none', w6: traits.weights[1][1][0] };
    model.set('step', 3);
    const position = traits.step;
    model.set('scenario', 'xor');
    const xor = traits.scenario.title;
    const sheet = el.shadowRoot.querySelector('link[rel=stylesheet]')?.href ?? 'none';
    cleanup();
    return { published, afterWeights, position, xor, sheet, destroyed: el.shadowRoot.querySelector('.bpv') === null, listenersLeft: Object.values(listeners).flat().length };
  });
  assert.equal(r.published.w6, -0.5);
  assert.equal(r.published.step, 28, 'the page opens at the end of the timeline');
  assert.match(r.published.title, /Exam question 4/);
  assert.ok(r.published.saves >= 1);
  assert.deepEqual(r.afterWeights, { box: 'drawn', w6: -0.7 });
  assert.equal(r.position, 3);
  assert.match(r.xor, /XOR/i);
  assert.ok(r.sheet.endsWith('/style.css'), r.sheet);
  assert.equal(r.destroyed, true, 'the cleanup removes the widget');
  assert.equal(r.listenersLeft, 0, 'and its model listeners');
  assert.deepEqual(problems, []);
  await context.close();
});
