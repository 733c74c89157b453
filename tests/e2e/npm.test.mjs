// The npm package as a web developer meets it: `bash scripts/package.sh` has written the tarball;
// a fresh Vite app (tests/vite-app, Vite from npm) installs it, type-checks against its types,
// builds, and the built app, served, mounts two widgets that work.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { launch, open, packages, root, screenshot, serve, version } from './harness.mjs';

const tarball = join(packages, `backprop-viz-${version}.tgz`);
const app = join(root, 'target', 'vite-app');
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

function run(command, args) {
  const out = spawnSync(command, args, { cwd: app, encoding: 'utf8', env: { ...process.env, NO_UPDATE_NOTIFIER: '1' } });
  assert.equal(out.status, 0, `${command} ${args.join(' ')}:\n${out.stdout}\n${out.stderr}`);
  return out.stdout;
}

test('the tarball holds the module, its types, the wasm and the styles, at the crate\'s version', () => {
  assert.ok(existsSync(tarball), `bash scripts/package.sh writes ${tarball}`);
  const listing = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
  // The parts and the chunks they share, as the build split them (the chunks' numbers are the
  // splitter's).
  const parts = readdirSync(join(root, 'dist')).filter((f) => /^(split|chunk)_\w+\.wasm$/.test(f));
  for (const part of ['split_check.wasm', 'split_data.wasm', 'split_tools.wasm']) assert.ok(parts.includes(part), `dist/ has ${part}`);
  assert.deepEqual(listing, [
    'package/README.md', 'package/__wasm_split.js', 'package/backprop-viz.js', 'package/backprop-viz_bg.wasm',
    'package/js/backprop-viz.d.mts', 'package/js/backprop-viz.mjs', 'package/js/load.mjs', 'package/js/parts.mjs',
    'package/package.json', 'package/style.css', ...parts.map((f) => `package/${f}`),
  ].sort());
  const manifest = JSON.parse(spawnSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }).stdout);
  assert.equal(manifest.version, version);
  assert.equal(manifest.exports['.'].types, './js/backprop-viz.d.mts');
  assert.deepEqual(manifest.sideEffects, ['./js/backprop-viz.mjs']);
});

test('a fresh Vite app installs the tarball, type-checks, builds and mounts two working widgets', async () => {
  rmSync(app, { recursive: true, force: true });
  cpSync(join(root, 'tests', 'vite-app'), app, { recursive: true, filter: (f) => !/node_modules|[/\\]dist$/.test(f) });
  run('npm', ['ci', '--no-audit', '--no-fund']);
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', tarball]);
  const tsc = join(root, 'tests', 'e2e', 'node_modules', '.bin', 'tsc');
  run(tsc, ['--strict', '--noEmit', '--target', 'ES2022', '--module', 'ES2022', '--moduleResolution', 'bundler', '--lib', 'ES2022,DOM', 'check.ts']);
  run(join(app, 'node_modules', '.bin', 'vite'), ['build']);
  const assets = readdirSync(join(app, 'dist', 'assets'));
  assert.ok(assets.some((f) => /^backprop-viz_bg.*\.wasm$/.test(f)), `Vite copied the wasm into its build: ${assets}`);
  assert.ok(assets.some((f) => /^split_check.*\.wasm$/.test(f)), `and the answer checker's part: ${assets}`);
  assert.ok(assets.some((f) => /^split_tools.*\.wasm$/.test(f)), `and the tools' part: ${assets}`);
  assert.ok(assets.some((f) => f.endsWith('.css')), `and the style sheet: ${assets}`);

  const server = await serve(join(app, 'dist'));
  cleanups.push(server.close);
  const browser = await launch();
  cleanups.push(() => browser.close());
  const { page, context, problems } = await open(browser, `${server.url}/`, { widgets: 'shadow' });
  await page.waitForFunction(() => document.querySelector('#status').textContent !== 'loading');
  assert.equal(await page.textContent('#status'), 'ready');
  const loss = (k) => page.evaluate(async (k) => {
    const host = document.querySelectorAll('#first, #second')[k];
    const widget = () => host.shadowRoot.querySelector('.bpv');
    // The table follows edits in a task of its own.
    while (widget().dataset.table !== 'fresh') await new Promise((ok) => setTimeout(ok, 20));
    return Number(widget().querySelector('.bpv-table tr[data-symbol="J"] td:last-child').dataset.value);
  }, k);
  assert.equal(await loss(0), 0.5130152523999526, 'the exam\'s loss, as the spec gives it');
  const xor = await loss(1);
  await page.evaluate(() => window.widgets[0].setWeight(1, 1, 0, -0.7));
  const edited = await loss(0);
  assert.ok(Math.abs(edited - 0.5130152523999526) > 1e-3, `an edit moves the first widget's J (${edited})`);
  assert.equal(await page.evaluate(() => window.widgets[0].getWeight(1, 1, 0)), -0.7);
  assert.equal(await loss(1), xor, 'and leaves the second one alone');
  assert.equal(await page.evaluate(() => window.widgets[1].scenario().title.length > 0), true);
  const canvases = await page.evaluate(() => [...document.querySelectorAll('#first, #second')]
    .map((h) => h.shadowRoot.querySelector('canvas.bpv-canvas')?.width ?? 0));
  assert.ok(canvases.every((w) => w > 100), `both widgets drew: ${canvases}`);
  // The answer checker, a part of the wasm fetched on first use, from where Vite put it.
  const status = await page.evaluate(async () => {
    const root = document.querySelector('#first').shadowRoot;
    root.querySelector('.bpv-check').open = true;
    root.querySelector('.bpv-check-text').value = 'J = 0.5';
    root.querySelector('.bpv-check-run').click();
    const text = () => root.querySelector('.bpv-check-status').textContent;
    for (let i = 0; i < 500 && !/right/.test(text()); i++) await new Promise((ok) => setTimeout(ok, 20));
    return text();
  });
  assert.match(status, /^0 right, 1 wrong/);
  await screenshot(page, 'npm-vite-two-widgets.png');
  assert.deepEqual(problems, []);
  await context.close();
});
