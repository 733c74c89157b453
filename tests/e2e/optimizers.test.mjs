// Optimisers and the newer activations in a real browser, as a lecturer shows them: choose
// Adam, apply steps, read every moment against the command line, open an edge's trajectories
// chart, train a data set with momentum at ten epochs a frame, and load a GELU network by link.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { open, screenshot, cli, tableValue, examWith, sharedBrowser } from './harness.mjs';

const shared = sharedBrowser();

const close = (found, expected, what, tol = 1e-12) =>
  assert.ok(Math.abs(found - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}: found ${found}, expected ${expected}`);

const b64url = (text) => Buffer.from(text, 'utf8').toString('base64url');

test('Adam chosen from the menu: each step shows the moments the command line computes', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.selectOption('.bpv-optimizer', 'adam');
  await page.waitForFunction(() => document.querySelector('.bpv-apply').textContent === 'Apply Adam step');
  // The table has the update phase's new rows, named as the lecture writes them.
  const reference = cli(examWith((s) => { s.optimizer = { kind: 'adam' }; }), ['--steps', '3']);
  close(await tableValue(page, 'm_w6'), reference.steps[0].optimizer_state.first_moment.weights[1][1][0], 'm_w6 before any step');
  close(await tableValue(page, 'w6'), reference.steps[0].updated.weights[1][1][0], 'w6′ after one Adam step');
  for (let k = 0; k < 2; k += 1) {
    const before = await page.locator('.bpv-number[data-name="w6"]').getAttribute('data-value');
    await page.locator('.bpv-apply').click();
    await page.waitForFunction((b) => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== b, before);
  }
  // After two applied steps the page shows the third, from the state the first two left.
  const third = reference.steps[2];
  close(await tableValue(page, 'v_w6'), third.optimizer_state.second_moment.weights[1][1][0], 'v_w6 at step 3');
  close(await tableValue(page, 'w6'), third.updated.weights[1][1][0], 'w6 after step 3');
  const hatRow = page.locator('.bpv-table tbody tr[data-symbol="m̂_w6"] td:nth-child(4)');
  assert.match(await hatRow.textContent(), /1 − β1³/, 'the bias correction uses t = 3');
  assert.match(await page.locator('.bpv-position').textContent(), /Adam update/);
  // The edge's panel ends with the weight's path under each optimiser.
  await page.locator('.bpv-proxy[data-target="w6"]').focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.bpv-detail .bpv-trajectory');
  assert.equal(await page.locator('.bpv-detail .bpv-trajectory polyline').count(), 5);
  const legend = await page.locator('.bpv-trajectory-legend').textContent();
  for (const name of ['SGD', 'Momentum', 'Nesterov', 'RMSProp', 'Adam']) assert.ok(legend.includes(name), `${name} in the legend`);
  await screenshot(page, 'optimizers-adam-detail.png', page.locator('.bpv-detail'));
  // Undo takes the applied step back, state and all.
  const w6 = await page.locator('.bpv-number[data-name="w6"]').getAttribute('data-value');
  await page.locator('.bpv-undo').click();
  await page.waitForFunction((b) => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== b, w6);
  close(await tableValue(page, 'w6'), reference.steps[1].updated.weights[1][1][0], 'w6 of step 2 again');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a β1 of 1 is refused by name and the last good value stays', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.selectOption('.bpv-optimizer', 'adam');
  const box = page.locator('.bpv-number[data-name="β1"]');
  await box.waitFor();
  await box.fill('1');
  await box.press('Enter');
  const message = page.locator('.bpv-field:has(.bpv-number[data-name="β1"]) .bpv-field-message');
  await page.waitForFunction(() => document.querySelector('.bpv-field:has(.bpv-number[data-name="β1"]) .bpv-field-message').textContent !== '');
  assert.match(await message.innerText(), /β1: 1 is out of range; a decay is at least 0 and less than 1; kept 0\.9/);
  assert.equal(await box.getAttribute('aria-invalid'), 'true');
  close(await tableValue(page, 'w6'), cli(examWith((s) => { s.optimizer = { kind: 'adam' }; })).steps[0].updated.weights[1][1][0], 'w6 unchanged');
  assert.deepEqual(problems, []);
  await context.close();
});

test('data-set mode trains with momentum at ten epochs a frame', async () => {
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/');
  await page.click('.bpv-mode-data');
  await page.waitForSelector('.bpv[data-mode="data"] .bpv-dataset:not([hidden])');
  await page.selectOption('select[data-set="optimizer"]', 'momentum');
  await page.selectOption('select[data-set="epochs_per_frame"]', '10');
  await page.waitForFunction(() => document.querySelector('select[data-set="epochs_per_frame"]').value === '10');
  await page.click('.bpv-play-btn[data-act="train"]');
  await page.waitForFunction(() => Number(document.querySelector('.bpv-dataset').dataset.epoch) >= 40);
  await page.click('.bpv-play-btn[data-act="train"]');
  const epoch = Number(await page.locator('.bpv-dataset').getAttribute('data-epoch'));
  assert.equal(epoch % 10, 0, `whole frames of ten epochs (${epoch})`);
  const loss = Number(await page.locator('.bpv-dataset').getAttribute('data-train-loss'));
  assert.ok(loss < 0.3, `the circle is learnt with momentum (training loss ${loss})`);
  // The point's update is the momentum step, with the velocity training built up.
  assert.match(await page.locator('.bpv-apply').textContent(), /Momentum/);
  // The table follows in a task of its own once training pauses.
  await page.waitForFunction(() => document.querySelector('.bpv').dataset.table === 'fresh'
    && document.querySelectorAll('.bpv-table tbody tr[data-symbol^="v_w"]').length > 0);
  await screenshot(page, 'optimizers-data-momentum.png');
  assert.deepEqual(problems, []);
  await context.close();
});

test('a GELU and SiLU network opened by link shows the values the command line computes', async () => {
  const scenario = examWith((s) => {
    s.activations = ['gelu', 'sigmoid'];
    s.layers = [2, 2, 1];
  });
  const reference = cli(scenario);
  const { page, context, problems } = await open(shared.browser, `${shared.server.url}/#v=1&s=${b64url(scenario)}`);
  close(await tableValue(page, 'a1'), reference.steps[0].forward.a[1][0], 'a1 = GELU(z1)');
  close(await tableValue(page, 'δ2'), reference.steps[0].backward.delta[1][1], 'δ2 through GELU′');
  const silu = examWith((s) => { s.activations = ['silu', 'sigmoid']; });
  await page.goto(`${shared.server.url}/#v=1&s=${b64url(silu)}`);
  await page.waitForFunction(() => /silu|SiLU/.test(document.querySelector('.bpv-table').textContent));
  close(await tableValue(page, 'a2'), cli(silu).steps[0].forward.a[1][1], 'a2 = SiLU(z2)');
  assert.deepEqual(problems, []);
  await context.close();
});
