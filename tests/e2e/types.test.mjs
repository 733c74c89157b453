// The module API's TypeScript types (www/js/backprop-viz.d.mts) are true: a file that uses every
// method type-checks with `tsc --strict --noEmit`, each marked wrong call in a second file is an
// error (and nothing else is), and the handle a real mount returns has exactly the methods the
// types declare.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { open, root, sharedBrowser } from './harness.mjs';

const shared = sharedBrowser();
const tsc = join(root, 'tests', 'e2e', 'node_modules', '.bin', 'tsc');
const types = join(root, 'tests', 'types');
const flags = ['--strict', '--noEmit', '--target', 'ES2022', '--module', 'ES2022', '--moduleResolution', 'bundler', '--lib', 'ES2022,DOM'];

test('a course page that calls every method type-checks under --strict', () => {
  const out = spawnSync(tsc, ['-p', join(types, 'tsconfig.json')], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stdout + out.stderr);
});

test('every wrong call is a type error, on its own line', () => {
  const file = join(types, 'wrong-calls.ts');
  const out = spawnSync(tsc, [...flags, file], { encoding: 'utf8' });
  assert.notEqual(out.status, 0, 'the wrong calls must not type-check');
  const failing = new Set([...out.stdout.matchAll(/wrong-calls\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1])));
  const marked = new Set(readFileSync(file, 'utf8').split('\n')
    .map((line, k) => (line.includes('// expect-error') ? k + 1 : 0)).filter(Boolean));
  assert.ok(marked.size >= 9, `the file marks its wrong calls (${marked.size})`);
  assert.deepEqual([...failing].sort((a, b) => a - b), [...marked].sort((a, b) => a - b), out.stdout);
});

test('the handle a mount returns has the methods the types declare, and no others', async () => {
  const declared = readFileSync(join(root, 'www', 'js', 'backprop-viz.d.mts'), 'utf8')
    .split('export interface Handle {')[1].split('\n}')[0];
  const names = new Set([...declared.matchAll(/^  (?:readonly )?([a-zA-Z]+)[(<:]/gm)].map((m) => m[1]));
  const { page, context, problems } = await open(shared.browser, shared.server.url + '/embed.html#preset=exam');
  const keys = await page.evaluate(async () => {
    const { mount } = await import('/js/backprop-viz.mjs');
    const host = document.createElement('div');
    document.body.append(host);
    const viz = await mount(host, 'exam');
    const found = Object.keys(Object.getOwnPropertyDescriptors(viz));
    viz.destroy();
    return found;
  });
  assert.deepEqual(keys.sort(), [...names].sort());
  assert.deepEqual(problems, []);
  await context.close();
});
