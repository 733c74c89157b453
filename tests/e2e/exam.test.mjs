// The teacher's exam tools in the page: a student pastes a worked answer, checks it, reads each
// line's verdict and sees the network marked; an edit re-marks it; a variant's quiz link from
// the command line opens that variant's numbers. Chromium at desktop and phone size.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { holdBack, numberBox, open, root, screenshot, sharedBrowser, tableValue, sideways } from './harness.mjs';

const modelAnswer = readFileSync(join(root, 'tests', 'answers', 'exam-model-answer.txt'), 'utf8');
const fullAnswer = readFileSync(join(root, 'tests', 'answers', 'exam-full-answer.txt'), 'utf8');

const shared = sharedBrowser();

/** Opens the check, pastes `text` and presses Check; resolves when the page has marked it. */
async function check(page, text) {
  const box = page.locator('.bpv-check');
  if (!(await box.evaluate((d) => d.open))) await box.locator('summary').click();
  await page.locator('.bpv-check-text').fill(text);
  await page.locator('.bpv-check-run').click();
  // The checker is a part of the wasm fetched when first needed: "Loading the answer checker…"
  // comes first.
  await page.waitForFunction(() => !/^(|Loading .*)$/.test(document.querySelector('.bpv-check-status').textContent));
}

test('the answer checker loads only when first used, says so while it loads, and a failed fetch can be retried', async () => {
  const { page, problems } = await open(shared.browser, `${shared.server.url}/`);
  const fetched = [];
  page.on('request', (r) => { if (/split_\w+\.wasm$/.test(r.url())) fetched.push(r.url().split('/').pop()); });
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
  await page.waitForTimeout(300);
  assert.deepEqual(fetched, [], 'the exam opens without the checker');
  // The first fetch fails (the network gone): the check says so and the page goes on.
  await page.route('**/split_check.wasm', (route) => route.abort('internetdisconnected'));
  const box = page.locator('.bpv-check');
  await box.locator('summary').click();
  const asked = page.waitForEvent('requestfailed', (r) => r.url().endsWith('split_check.wasm'));
  await page.locator('.bpv-check-text').fill(modelAnswer);
  // Going to the box fetched it (quietly: nothing waits for it yet).
  await asked;
  assert.deepEqual(fetched, ['split_check.wasm']);
  assert.equal(await page.locator('.bpv-check-status').innerText(), '');
  await page.locator('.bpv-check-run').click();
  await page.waitForFunction(() => /did not load/.test(document.querySelector('.bpv-check-status').textContent));
  assert.match(await page.locator('.bpv-check-status').innerText(), /^Cannot check: the answer checker did not load \(.+\)\. Press “Check” to try again\.$/);
  assert.equal(await box.getAttribute('data-marks'), '0/0');
  // (The Check that failed asked again unless the fetch from the box was still on its way, as
  // it is while the part's other files come from a slow server.)
  const failedFetches = fetched.length;
  assert.ok(failedFetches <= 2, fetched.join(' '));
  // Again, with the part held back a while: the loading state shows, then the marks.
  await page.unroute('**/split_check.wasm');
  const release = await holdBack(page, '**/split_check.wasm');
  await page.locator('.bpv-check-run').click();
  await page.waitForFunction(() => document.querySelector('.bpv-check-status').textContent === 'Loading the answer checker…');
  // The network still edits while the checker loads.
  const j = await tableValue(page, 'J');
  await numberBox(page, 'w6').fill('-0.25');
  await numberBox(page, 'w6').press('Enter');
  await page.waitForFunction((before) => document.querySelector('.bpv-table tr[data-symbol="J"] td:last-child').dataset.value !== before, j);
  release();
  await page.waitForFunction(() => /right/.test(document.querySelector('.bpv-check-status').textContent));
  assert.equal(fetched.length, failedFetches + 1, 'fetched again by the Check after the failure');
  // Checked against the network as edited (w6 = −0.25), not as it was when Check was pressed.
  const wrong = Number(await box.getAttribute('data-wrong'));
  assert.ok(wrong > 2, `the edit made more of the model answer wrong (${wrong})`);
  // Later checks use the part already here: no fetch.
  await page.locator('.bpv-check-text').fill('J = 0.5');
  await page.locator('.bpv-check-run').click();
  await page.waitForFunction(() => /^0 right, 1 wrong/.test(document.querySelector('.bpv-check-status').textContent));
  assert.equal(fetched.length, failedFetches + 1);
  assert.deepEqual(problems.filter((p) => !/split_check|failed to load split module|failed to fetch|internetdisconnected|ERR_INTERNET/i.test(p)), []);
});

test('a quiz asks its first question at once, and its first answer waits for the checker, saying so', async () => {
  const { page, problems } = await open(shared.browser, `${shared.server.url}/`);
  const fetched = [];
  page.on('request', (r) => { if (/split_\w+\.wasm$/.test(r.url())) fetched.push(r.url().split('/').pop()); });
  await page.waitForSelector('.bpv-table tbody tr[data-symbol]');
  const release = await holdBack(page, '**/split_check.wasm');
  // "Quiz me" moves focus to the answer box, which asks for the checker; the question shows
  // while it is held back (it needs no part).
  const asked = page.waitForRequest(/split_check\.wasm$/);
  await page.locator('.bpv-quiz-toggle').click();
  await page.locator('.bpv-quiz-question').filter({ hasText: /z1/ }).waitFor();
  await asked;
  assert.deepEqual(fetched, ['split_check.wasm'], 'the checker alone, asked for by the answer box');
  await page.locator('.bpv-quiz-answer').fill('-0.1');
  await page.locator('.bpv-quiz-answer').press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent === 'Loading the answer checker…');
  assert.equal(await page.locator('.bpv-quiz-answer').inputValue(), '-0.1', 'the answer stays in its box');
  release();
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Right'));
  assert.equal(await page.locator('.bpv-quiz-answer').inputValue(), '');
  // On to the next question (waited for, not read once: the page writes it as it answers).
  await page.locator('.bpv-quiz-question').filter({ hasText: /a1/ }).waitFor();
  assert.deepEqual(fetched, ['split_check.wasm']);
  assert.deepEqual(problems, []);
});

test('the model answer pasted into the check is marked line by line and on the network', async () => {
  const { page, problems } = await open(shared.browser, `${shared.server.url}/`);
  await check(page, modelAnswer);
  const box = page.locator('.bpv-check');
  assert.equal(await box.getAttribute('data-right'), '11');
  assert.equal(await box.getAttribute('data-wrong'), '2');
  assert.equal(await box.getAttribute('data-missing'), '3');
  assert.match(await page.locator('.bpv-check-status').innerText(), /^11 right, 2 wrong, 0 not understood, 3 missing/);
  const loss = page.locator('.bpv-check-list li[data-line="10"]');
  assert.match(await loss.innerText(), /base-10 logarithm/);
  assert.equal(await loss.getAttribute('class'), 'bpv-check-mistaken');
  assert.match(await page.locator('.bpv-check-list').innerText(), /cut the last digit off/);
  assert.match(await page.locator('.bpv-check-missing').innerText(), /missing: b1\[1\]′, b1\[2\]′, b2′/);
  // The canvas marks the places the answer gave: J and w3 wrong, the others right.
  assert.equal(await box.getAttribute('data-marks'), '8/2', 'h1, h2, the output, w1, w2, w4, w5, w6 right; J and w3 wrong');
  await screenshot(page, 'check-model-answer.png');
  await screenshot(page, 'check-marks.png', page.locator('.bpv-canvas'));
  // An edit re-checks: with w1 = 0.7, z1 is 0.1 and the answer's −0.1 (line 4) is wrong.
  await numberBox(page, 'w1').fill('0.7');
  await numberBox(page, 'w1').press('Enter');
  await page.waitForFunction(() => Number(document.querySelector('.bpv-check').dataset.wrong) > 2);
  assert.equal(await tableValue(page, 'z1'), 0.7 - 0.8 + 0.2);
  assert.notEqual(await page.locator('.bpv-check-list li[data-line="4"]').getAttribute('class'), 'bpv-check-right');
  // Undo brings the marks back; Clear removes them.
  await page.locator('.bpv-undo').click();
  await page.waitForFunction(() => document.querySelector('.bpv-check').dataset.wrong === '2');
  await page.locator('.bpv-check-clear').click();
  await page.waitForFunction(() => document.querySelector('.bpv-check').dataset.marks === '0/0');
  assert.equal(await page.locator('.bpv-check-list li').count(), 0);
  assert.deepEqual(problems, []);
});

test('a full answer checks all right on a phone, and the check hides during a quiz', async () => {
  const { page, problems } = await open(shared.browser, `${shared.server.url}/`, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  await check(page, fullAnswer);
  assert.equal(await page.locator('.bpv-check-status').innerText(), 'All 29 right, nothing missing.');
  const width = await page.evaluate(sideways);
  assert.ok(width <= 0, `no sideways scroll (${width} px)`);
  await page.locator('.bpv-check').screenshot({ path: join(root, 'tests', 'e2e', 'artifacts', 'check-phone.png') });
  await page.locator('.bpv-quiz-toggle').click();
  await page.waitForFunction(() => document.querySelector('.bpv-check').hidden);
  assert.equal(await page.locator('.bpv-check').getAttribute('data-marks'), '0/0', 'no marks give a quiz away');
  assert.deepEqual(problems, []);
});

test("a variant's quiz link from backprop exam opens that variant's numbers as a quiz", async () => {
  const exe = ['release', 'debug'].map((p) => join(root, 'target', p, 'backprop')).find(existsSync);
  const out = spawnSync(exe, ['exam', '--variants', '2', '--seed', '31'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const variant = JSON.parse(out.stdout).variants[1];
  const link = variant.quiz_link.replace(/^index\.html/, `${shared.server.url}/`);
  const { page, problems } = await open(shared.browser, link);
  assert.equal(await page.locator('.bpv').getAttribute('data-quiz'), 'true');
  assert.match(await page.locator('.bpv-title').innerText(), new RegExp(`variant ${variant.seed}\\)$`));
  // The first question is z1; the variant's answer key has it.
  await page.waitForFunction(() => /z1/.test(document.querySelector('.bpv-quiz-question').textContent));
  await page.locator('.bpv-quiz-answer').fill(String(variant.answers.z1));
  await page.locator('.bpv-quiz-answer').press('Enter');
  await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Right'));
  assert.deepEqual(problems, []);
});

test("a teacher's per-student quiz link: each student types a name and is quizzed on that name's numbers", async () => {
  const exe = ['release', 'debug'].map((p) => join(root, 'target', p, 'backprop')).find(existsSync);
  const teacher = await open(shared.browser, `${shared.server.url}/`);
  await teacher.page.locator('.bpv-export-student').click();
  await teacher.page.waitForFunction(() => document.querySelector('.bpv-io-text').value.includes('variants=1'));
  const link = await teacher.page.locator('.bpv-io-text').inputValue();
  assert.match(link, /&quiz=1/);
  for (const name of ['Ada Lovelace', '12345']) {
    const { page, problems } = await open(shared.browser, link, { canvasState: 'attached' });
    // Only the prompt shows: no numbers of the template.
    assert.ok(await page.locator('.bpv-student').isVisible());
    assert.ok(await page.locator('.bpv-canvas').isHidden());
    await page.locator('.bpv-student-start').click();
    await page.waitForFunction(() => /Type your name/.test(document.querySelector('.bpv-student-note').textContent));
    await page.locator('.bpv-student-name').fill(name);
    await page.locator('.bpv-student-name').press('Enter');
    await page.waitForFunction(() => document.querySelector('.bpv').dataset.quiz === 'true');
    const key = JSON.parse(spawnSync(exe, ['exam', '--student', name], { encoding: 'utf8' }).stdout).variants[0];
    assert.match(await page.locator('.bpv-title').innerText(), new RegExp(`variant ${key.seed}\\)$`));
    assert.match(await page.locator('.bpv-quiz-feedback').innerText(), new RegExp(`from “${name}” \\(variant ${key.seed}\\)`));
    await page.locator('.bpv-quiz-answer').fill(String(key.answers.z1));
    await page.locator('.bpv-quiz-answer').press('Enter');
    await page.waitForFunction(() => document.querySelector('.bpv-quiz-feedback').textContent.startsWith('Right'));
    if (name === '12345') await screenshot(page, 'student-variant-quiz.png');
    assert.deepEqual(problems, []);
  }
  assert.deepEqual(teacher.problems, []);
});
