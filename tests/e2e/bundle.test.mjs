// What a teacher downloads (scripts/package.sh, target/package/): the site's zip unpacked under a
// subfolder of a static server, every page drawing with no 404; and the one-file offline page
// opened from file://, where it draws, edits, quizzes, trains in data-set mode and exports while
// requesting nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { dist, examWith, launch, numberBox, packages, quizQuestion, root, screenshot, serve, tableValue, version } from './harness.mjs';

const work = join(root, 'target', 'bundle-check');
const cleanups = [];
after(async () => { for (const f of cleanups.reverse()) await f(); });

async function browser() {
  const b = await launch();
  cleanups.push(() => b.close());
  return b;
}

/** A page with everything it asks for recorded: failed responses, requests elsewhere, errors. */
async function watched(b, url, allowed) {
  const context = await b.newContext({ viewport: { width: 1300, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`); });
  page.on('request', (r) => { if (!allowed(r.url())) problems.push(`request: ${r.url().slice(0, 100)}`); });
  await page.goto(url);
  return { page, context, problems };
}

/** Checks that no wasm file of the build (BUNDLE_DIST, to check another build) holds `bytes`. */
function noWasmFileHolds(bytes) {
  const folder = process.env.BUNDLE_DIST ?? dist;
  const files = readdirSync(folder).filter((f) => f.endsWith('.wasm'));
  assert.ok(files.length > 5, `the build's wasm files: ${files}`);
  for (const file of files) assert.equal(readFileSync(join(folder, file)).indexOf(bytes), -1, file);
}

test('no wasm file of the site carries the standard library\'s reader of decimal numbers', () => {
  // An entry of its 10 KB table of powers of five (5^-324, 128 bits normalised, the two halves
  // little-endian), which barely compresses: the crate reads decimals itself
  // (backprop_nn::decimal), and a `str::parse::<f64>` in the page's code would bring it back.
  const entry = Buffer.alloc(16);
  entry.writeBigUInt64LE(0xcf42894a5dce35ean, 0);
  entry.writeBigUInt64LE(0x52064cac828675b9n, 8);
  noWasmFileHolds(entry);
});

test('no wasm file of the site carries the standard library\'s float formatting', () => {
  // The significand of the first entry of Grisu's table of cached powers of ten (little-endian),
  // which comes with the standard library's digit generators: the crate writes
  // numbers itself (backprop_nn::decimal::{Fixed, Shortest, …}), and a `{}`, `{:?}` or `{:.2}`
  // of an f64 (or an f64::clamp, whose panic message formats its bounds) would bring them back.
  const entry = Buffer.alloc(8);
  entry.writeBigUInt64LE(0xe61acf033d1a45dfn, 0);
  noWasmFileHolds(entry);
});

test('the first module, data-set mode and the tools carry no panic for a string cut inside a character', () => {
  // The standard library's message when `&text[a..b]` cuts inside a character, which comes
  // with its escaping of characters for `{:?}` (4 KB of code). The code of the first module and
  // of these two parts cuts strings with `split_at_checked`, `split_once` or `insert`, and
  // searches them without `&str` patterns (whose searcher cuts by index): one index into a
  // `str` there would bring it back. (The checker and the reader hold it.)
  const folder = process.env.BUNDLE_DIST ?? dist;
  const split = readFileSync(join(folder, '__wasm_split.js'), 'utf8');
  const files = Object.fromEntries([...split.matchAll(/(\w+):\[((?:"\w+",?)+)\]/g)]
    .map(([, part, list]) => [part, list.match(/\w+/g)]));
  assert.ok(files.data?.includes('split_data') && files.tools?.includes('split_tools'), 'the parts\' files, from __wasm_split.js');
  for (const file of ['backprop-viz_bg', ...files.data, ...files.tools]) {
    assert.equal(readFileSync(join(folder, `${file}.wasm`)).indexOf('is not a char boundary'), -1, file);
  }
});

test('the zip, unpacked under a subfolder of a static host: every page draws, nothing is missing', async () => {
  rmSync(work, { recursive: true, force: true });
  const site = join(work, 'site', 'courses', 'ml');
  mkdirSync(site, { recursive: true });
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', join(packages, `backprop-viz-${version}.zip`), site], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  const folder = `courses/ml/backprop-viz-${version}`;
  assert.match(readFileSync(join(work, 'site', folder, 'TEACHERS.md'), 'utf8'), /^# backprop-viz for teachers/);
  // Each file beside its gzip and brotli forms, the same bytes once decompressed.
  for (const name of ['backprop-viz_bg.wasm', 'backprop-viz.js', 'style.css', 'embed.html', 'js/backprop-viz.mjs']) {
    const body = readFileSync(join(work, 'site', folder, name));
    assert.ok(gunzipSync(readFileSync(join(work, 'site', folder, `${name}.gz`))).equals(body), `${name}.gz`);
    assert.ok(brotliDecompressSync(readFileSync(join(work, 'site', folder, `${name}.br`))).equals(body), `${name}.br`);
  }
  const server = await serve(join(work, 'site'));
  cleanups.push(server.close);
  const b = await browser();
  for (const path of ['index.html', 'embed.html#v=1&preset=xor&panels=canvas,controls', 'examples/course.html', 'examples/plain.html', 'examples/hostile.html']) {
    const { page, context, problems } = await watched(b, `${server.url}/${folder}/${path}`, (u) => u.startsWith(server.url) || u.startsWith('data:') || u.startsWith('blob:'));
    // Every widget of the page, in the page, its shadow roots and its frames, draws.
    await page.waitForFunction(() => document.readyState === 'complete');
    let drawn = 0;
    for (let k = 0; k < 100 && drawn === 0; k += 1) {
      for (const frame of page.frames()) drawn += await frame.locator('canvas.bpv-canvas').count().catch(() => 0);
      if (drawn === 0) await page.waitForTimeout(100);
    }
    assert.ok(drawn > 0, `${path}: a widget drew`);
    await page.waitForTimeout(300);
    assert.deepEqual(problems, [], path);
    if (path === 'examples/course.html') await screenshot(page, 'bundle-zip-course.png');
    await context.close();
  }
});

test('the offline page, opened from file://, draws, edits, quizzes, trains, exports and requests nothing', async () => {
  mkdirSync(join(work, 'offline'), { recursive: true });
  const file = join(work, 'offline', `backprop-viz-${version}-offline.html`);
  copyFileSync(join(packages, `backprop-viz-${version}-offline.html`), file);
  const url = pathToFileURL(file).href;
  const b = await browser();
  const own = (u) => u.split('#')[0] === url || u.startsWith('data:') || u.startsWith('blob:');
  const { page, context, problems } = await watched(b, url, own);
  await page.waitForSelector('.bpv .bpv-canvas');
  assert.equal(await tableValue(page, 'J'), 0.5130152523999526, 'the exam\'s loss');
  const w6 = numberBox(page, 'w6');
  await w6.fill('-0.25');
  await w6.press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'stale' || true);
  assert.notEqual(await tableValue(page, 'J'), 0.5130152523999526, 'an edit moves J');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.bpv-export-json').click()]);
  assert.match(download.suggestedFilename(), /\.json$/);
  // Data-set mode, one epoch at a time.
  await page.click('.bpv-mode-data');
  await page.waitForSelector('.bpv[data-mode="data"] .bpv-dataset:not([hidden])');
  await page.click('.bpv-play-btn[data-act="epoch"]');
  await page.click('.bpv-play-btn[data-act="epoch"]');
  await page.waitForFunction(() => Number(document.querySelector('.bpv-dataset').dataset.epoch) >= 2);
  await screenshot(page, 'bundle-offline-data.png');
  await context.close();
  // A quiz link of the same file.
  const quiz = await watched(b, `${url}#v=1&preset=exam&quiz=1&ask=loss`, own);
  await quiz.page.waitForFunction(() => document.querySelector('.bpv-quiz-question')?.textContent.startsWith('What is'));
  await quiz.page.fill('.bpv-quiz-answer', '0.5130');
  await quiz.page.press('.bpv-quiz-answer', 'Enter');
  await quiz.page.waitForFunction(() => document.querySelector('.bpv-quiz-question')?.textContent === 'All done.');
  assert.deepEqual([...problems, ...quiz.problems], []);
  await quiz.context.close();
});

/** The SCORM package unpacked beside a host page that plays the LMS: scorm-again's Scorm12API as
 * `window.API` (no LMS endpoint), every call logged, the package's launch page in an iframe. */
async function lms(folder = packages) {
  const dir = join(work, 'lms');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'pkg'), { recursive: true });
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', join(folder, `backprop-viz-${version}-scorm12.zip`), join(dir, 'pkg')], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  copyFileSync(join(root, 'tests', 'e2e', 'node_modules', 'scorm-again', 'dist', 'scorm12.js'), join(dir, 'scorm12.js'));
  writeFileSync(join(dir, 'host.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,">
<script src="scorm12.js"></script>
<script>
  window.calls = [];
  window.API = new Scorm12API({ autocommit: false, logLevel: 5 });
  for (const name of ['LMSInitialize', 'LMSSetValue', 'LMSGetValue', 'LMSCommit', 'LMSFinish']) {
    const f = window.API[name].bind(window.API);
    window.API[name] = (...args) => { window.calls.push([name, ...args]); return f(...args); };
  }
</script></head><body><iframe id="sco" src="pkg/scorm.html" style="width: 1200px; height: 900px"></iframe></body></html>`);
  const server = await serve(dir);
  cleanups.push(server.close);
  return server;
}

/** The exam's values by symbol (or another scenario's, `link` its hash's first keys), read from
 * the package's own embed page (its table). */
async function examAnswers(b, url, link = 'v=1&preset=exam') {
  const { page, context } = await watched(b, `${url}/pkg/embed.html#${link}&panels=table`, () => true);
  await page.waitForFunction(() => document.querySelector('.bpv')?.dataset.table === 'fresh');
  const answers = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('.bpv-table tbody tr')]
    .map((r) => [r.dataset.symbol, r.querySelector('td:last-child').dataset.value])));
  await context.close();
  return answers;
}

/** Answers `count` questions of the quiz in `frame` (J wrong once, as the model answer had it). */
async function answer(frame, answers, count) {
  for (let k = 0; k < count; k += 1) {
    const question = await quizQuestion(frame);
    const symbol = question.replace(/^What is (.*)\?$/, '$1');
    assert.ok(symbol in answers, question);
    if (symbol === 'J') {
      await frame.fill('.bpv-quiz-answer', '0.2225');
      await frame.press('.bpv-quiz-answer', 'Enter');
      await frame.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Not quite'));
    }
    await frame.fill('.bpv-quiz-answer', Number(answers[symbol]).toPrecision(8));
    await frame.press('.bpv-quiz-answer', 'Enter');
    await frame.waitForFunction((q) => document.querySelector('.bpv-quiz-question').textContent !== q, question);
  }
}

const value = (calls, element) => calls.filter((c) => c[0] === 'LMSSetValue' && c[1] === element).map((c) => c[2]).at(-1);

test('SCORM 1.2 in scorm-again: 27 of 28 reports 96.43 and passed, commits, and finishes on leaving', async () => {
  const server = await lms();
  const b = await browser();
  const answers = await examAnswers(b, server.url);
  const { page, context, problems } = await watched(b, `${server.url}/host.html`, (u) => u.startsWith(server.url) || u.startsWith('data:'));
  const frame = page.frameLocator('#sco');
  await quizQuestion(frame);
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSInitialize'));
  assert.match(await frame.locator('#scorm-status').innerText(), /score is recorded; 60 % passes/);
  const sco = page.frames().find((f) => f.url().includes('scorm.html'));
  await answer(sco, answers, 28);
  assert.equal(await quizQuestion(sco), 'All done.');
  let calls = await page.evaluate(() => window.calls);
  assert.deepEqual(calls[0], ['LMSInitialize', '']);
  assert.equal(value(calls, 'cmi.core.score.raw'), '96.43');
  assert.equal(value(calls, 'cmi.core.score.max'), '100');
  assert.equal(value(calls, 'cmi.core.lesson_status'), 'passed');
  assert.ok(calls.some((c) => c[0] === 'LMSCommit'), 'commits');
  assert.equal(await page.evaluate(() => window.API.LMSGetValue('cmi.core.score.raw')), '96.43');
  // Every element named is SCORM 1.2's.
  const names = new Set(calls.filter((c) => c[0] === 'LMSSetValue').map((c) => c[1]));
  for (const name of names) assert.match(name, /^cmi\.core\.(score\.(raw|min|max)|lesson_status|exit|session_time)$/);
  await page.evaluate(() => document.getElementById('sco').remove());
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish'));
  calls = await page.evaluate(() => window.calls);
  assert.equal(value(calls, 'cmi.core.lesson_status'), 'passed', 'leaving after finishing keeps passed');
  assert.match(value(calls, 'cmi.core.session_time'), /^\d{4}:\d\d:\d\d$/);
  assert.deepEqual(problems, []);
  await context.close();
});

test('SCORM 1.2 made for a teacher\'s own question (--scenario, --ask) opens on that question and reports its score', async () => {
  const own = examWith((s) => { s.title = 'My own question'; s.weights[1][1][0] = -0.7; });
  const dir = join(work, 'own');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'own.json'), own);
  const made = spawnSync('bash', [join(root, 'scripts', 'package.sh'), '--no-build', '--scenario', join(dir, 'own.json'), '--ask', 'loss,update', '--out', join(dir, 'out')], { encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  const server = await lms(join(dir, 'out'));
  const b = await browser();
  const answers = await examAnswers(b, server.url, `v=1&s=${Buffer.from(own).toString('base64url')}`);
  const { page, context, problems } = await watched(b, `${server.url}/host.html`, (u) => u.startsWith(server.url) || u.startsWith('data:'));
  const frame = page.frameLocator('#sco');
  await quizQuestion(frame);
  assert.equal(await frame.locator('.bpv-title').innerText(), 'My own question');
  assert.equal(await frame.locator('.bpv-message').innerText(), '', 'no message: the link was read');
  const sco = page.frames().find((f) => f.url().includes('scorm.html'));
  const asked = [];
  while (await quizQuestion(sco) !== 'All done.' && asked.length < 28) {
    asked.push(await quizQuestion(sco));
    await answer(sco, answers, 1);
  }
  // The loss and the update: J, then each weight's and bias's new value.
  assert.equal(asked[0], 'What is J?');
  assert.equal(asked.length, 10, asked.join(' '));
  const calls = await page.evaluate(() => window.calls);
  assert.equal(value(calls, 'cmi.core.score.raw'), '90', 'J wrong at the first try: 9 of 10');
  assert.equal(value(calls, 'cmi.core.lesson_status'), 'passed');
  assert.deepEqual(problems, []);
  await context.close();
});

test('SCORM 1.2: leaving half-way reports incomplete; outside an LMS the quiz says no score is kept; a bad pass mark is refused', async () => {
  const server = await lms();
  const b = await browser();
  const answers = await examAnswers(b, server.url);
  const { page, context, problems } = await watched(b, `${server.url}/host.html`, (u) => u.startsWith(server.url) || u.startsWith('data:'));
  await quizQuestion(page.frameLocator('#sco'));
  const sco = page.frames().find((f) => f.url().includes('scorm.html'));
  await answer(sco, answers, 14);
  await page.evaluate(() => document.getElementById('sco').remove());
  await page.waitForFunction(() => window.calls.some((c) => c[0] === 'LMSFinish'));
  const calls = await page.evaluate(() => window.calls);
  assert.equal(value(calls, 'cmi.core.lesson_status'), 'incomplete');
  assert.equal(value(calls, 'cmi.core.exit'), 'suspend');
  assert.equal(value(calls, 'cmi.core.score.raw'), String(Math.round(10000 * 13 / 28) / 100), '13 right at the first try of 28');
  assert.deepEqual(problems, []);
  await context.close();

  const alone = await watched(b, `${server.url}/pkg/scorm.html`, (u) => u.startsWith(server.url) || u.startsWith('data:'));
  const first = await quizQuestion(alone.page);
  assert.match(await alone.page.locator('#scorm-status').innerText(), /No learning platform was found: the quiz works, but no score is recorded/);
  assert.equal(first, 'What is z1?');
  assert.deepEqual(alone.problems, []);
  await alone.context.close();

  for (const [args, says] of [[['--pass', '150'], /--pass: “150” is not a percentage from 0 to 100/], [['--ask', 'forward,lose'], /--ask: “lose” is not a phase/], [['--tolerance', '9'], /--tolerance: “9”/]]) {
    const out = spawnSync('bash', [join(root, 'scripts', 'package.sh'), '--no-build', ...args], { encoding: 'utf8' });
    assert.equal(out.status, 2, `${args}: refused`);
    assert.match(out.stderr, says);
  }
});
