// The package's types, as an app that installed it sees them (`exports` → `types`): must
// type-check under `tsc --strict --noEmit` (tests/e2e/npm.test.mjs).
import { mount, type Handle, type MountOptions } from 'backprop-viz';

const options: MountOptions = { panels: ['canvas', 'table'], theme: 'dark', linkBase: '/viz/' };

export async function twice(a: HTMLElement, b: HTMLElement): Promise<number> {
  const first: Handle = await mount(a, 'exam', options);
  const second: Handle = await mount(b, 'xor');
  first.setWeight(1, 1, 0, -0.7);
  first.on('update', (detail) => console.log(detail.lossBefore, detail.lossAfter));
  return first.getWeight(1, 1, 0) + second.position().of;
}
