// What a teacher downloads (scripts/package.sh, target/package/): the site's zip unpacked under a
// subfolder of a static server, every page drawing with no 404; and the one-file offline page
// opened from file://, where it draws, edits, quizzes, trains in data-set mode and exports while
// requesting nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, numberBox, root, screenshot, serve, tableValue } from './harness.mjs';

const version = /^version = "([^"]+)"/m.exec(readFileSync(join(root, 'Cargo.toml'), 'utf8'))[1];
const packages = join(root, 'target', 'package');
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

test('the zip, unpacked under a subfolder of a static host: every page draws, nothing is missing', async () => {
  rmSync(work, { recursive: true, force: true });
  const site = join(work, 'site', 'courses', 'ml');
  mkdirSync(site, { recursive: true });
  const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', join(packages, `backprop-viz-${version}.zip`), site], { encoding: 'utf8' });
  assert.equal(unzip.status, 0, unzip.stderr);
  const folder = `courses/ml/backprop-viz-${version}`;
  assert.match(readFileSync(join(work, 'site', folder, 'TEACHERS.md'), 'utf8'), /^# backprop-viz for teachers/);
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
