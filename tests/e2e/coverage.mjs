// How much of the first module an embed of the exam runs, stage by stage of a student's first
// minute, and what the module would weigh if it held only that: the floor under any split of
// the first module into parts. Prints one JSON line per stage (`bash scripts/bench.sh` runs it;
// alone: `node tests/e2e/coverage.mjs`, after a `trunk build --release`). DIST serves another
// build; COLD=40 with a build that kept its names (`BPV_KEEP_NAMES=1 trunk build --release
// --offline --dist DIR`) also lists the 40 largest functions that never ran.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, launch, open, dist, root, numberBox, settledValue, tableValue } from './harness.mjs';

const served = process.env.DIST ?? dist;
const script = join(root, 'scripts', 'wasm-coverage.py');
const work = mkdtempSync(join(tmpdir(), 'bpv-coverage-'));
const module = join(served, 'backprop-viz_bg.wasm');
cpSync(served, join(work, 'dist'), { recursive: true });
execFileSync('python3', [script, 'mark', module, join(work, 'dist', 'backprop-viz_bg.wasm')]);

const server = await serve(join(work, 'dist'));
const browser = await launch();
try {
  const { page, problems } = await open(browser, `${server.url}/embed.html#v=1&preset=exam`, {
    // The marked module's instance, kept where the page's script can read it.
    before: (p) => p.addInitScript(() => {
      const keep = (result) => {
        const instance = result.instance ?? result;
        if (instance.exports?.c0) globalThis.__bpvMarked = instance.exports;
        return result;
      };
      for (const name of ['instantiate', 'instantiateStreaming']) {
        const original = WebAssembly[name];
        WebAssembly[name] = (...args) => original.apply(WebAssembly, args).then(keep);
      }
    }),
  });
  const ran = () => page.evaluate(() => {
    const flags = globalThis.__bpvMarked;
    const found = [];
    for (let n = 0; flags[`c${n}`]; n += 1) if (flags[`c${n}`].value) found.push(n);
    return found;
  });
  const stages = { load: await ran() };
  // A student's first minute: a weight typed, the steps walked, a weight dragged, the quiz opened.
  await numberBox(page, 'w1').fill('0.7');
  await numberBox(page, 'w1').press('Enter');
  if (await settledValue(page, 'w1') !== 0.7) throw new Error('w1 did not take 0.7');
  await tableValue(page, 'J');
  stages.type = await ran();
  for (let k = 0; k < 4; k += 1) await page.locator('.bpv-forward').click();
  await page.locator('.bpv-back').click();
  stages.step = await ran();
  const edge = await page.locator('.bpv-proxy[data-target="w6"]').boundingBox();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2);
  await page.mouse.down();
  await page.mouse.move(edge.x + edge.width / 2, edge.y + edge.height / 2 - 40, { steps: 8 });
  await page.mouse.up();
  await page.waitForFunction(() => document.querySelector('.bpv-number[data-name="w6"]').dataset.value !== '-0.5');
  await tableValue(page, 'J');
  stages.drag = await ran();
  await page.locator('.bpv-quiz-toggle').click();
  await page.locator('.bpv-quiz-question').filter({ hasText: /^What is .+\?$/ }).waitFor();
  stages.quiz = await ran();
  if (problems.length) throw new Error(problems.join('\n'));
  const run = join(work, 'run.json');
  writeFileSync(run, JSON.stringify(stages));
  const lines = execFileSync('python3', [script, 'report', module, run, process.env.COLD ?? '0'], { encoding: 'utf8' });
  for (const line of lines.trim().split('\n')) {
    if (!line.startsWith('{')) {
      console.log(line);
      continue;
    }
    const stage = JSON.parse(line);
    console.log(JSON.stringify({
      name: `first_module_only_what_ran_gzip_${stage.stage}`,
      value: Number((stage.only_what_ran_gzip / 1024).toFixed(1)),
      unit: 'KiB',
      module_kib: Number((stage.module_gzip / 1024).toFixed(1)),
      code_run: `${stage.code_bytes_run} of ${stage.code_bytes} bytes, ${stage.functions_run} of ${stage.functions} functions`,
    }));
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
