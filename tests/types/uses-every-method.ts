// Every method of the module API, called as a course page would: must type-check under
// `tsc --strict --noEmit` (tests/e2e/types.test.mjs).
import widget, { mount, load, loadWasm, prepare, showFailure, type AnyModel, type Scenario, type Handle, type MountOptions } from '../../www/js/backprop-viz.mjs';

const adam: Scenario = {
  version: 1,
  title: 'Adam on the exam',
  layers: [2, 2, 1],
  activations: ['relu', 'sigmoid'],
  loss: 'bce',
  learning_rate: 0.01,
  optimizer: { kind: 'adam', beta1: 0.9 },
  weights: [[[0.5, -0.6], [-0.4, 0.8]], [[0.3], [-0.5]]],
  biases: [[0.2, -0.2], [0.0]],
  samples: [{ x: [1, 2], y: [0] }],
  quiz: { ask: ['update'], tolerance: 3 },
};

const options: MountOptions = {
  panels: ['canvas', 'table'],
  controls: ['timeline', 'history'],
  theme: 'dark',
  digits: 5,
  quiz: true,
  ask: ['forward', 'loss'],
  tolerance: 3,
  mode: 'data',
  playground: { data: 'spiral', hidden: [8, 8], optimizer: { kind: 'momentum' }, epochs_per_frame: 10 },
  linkBase: 'https://example.org/backprop-viz/',
};

async function course(element: HTMLElement): Promise<number> {
  await load();
  await loadWasm(new Uint8Array(8));
  await prepare(element);
  const viz: Handle = await mount(element, 'exam', options);
  const other = await mount(element, adam);
  const third = await mount(element, JSON.stringify(adam));
  viz.set('weights[1][1][0]', -0.7);
  const w6: number = viz.getWeight(1, 1, 0) + viz.get('learning_rate');
  viz.setWeight(1, 1, 0, -0.7);
  viz.setBias(0, 1, 0.1);
  viz.setInput(0, 1.5);
  viz.setTarget(0, 1, 0);
  const sum = viz.getBias(0, 1) + viz.getInput(0) + viz.getTarget(0, 0) + viz.weights()[0][0][0];
  viz.step();
  viz.back();
  viz.seek(3);
  const { at, of } = viz.position();
  viz.play();
  viz.pause();
  viz.reset();
  viz.applyStep();
  viz.undo();
  viz.redo();
  viz.load(adam);
  viz.load('{"version": 1}');
  const scenario: Scenario = viz.scenario();
  const text: string = viz.scenarioJson() + viz.svg() + viz.png() + viz.markdown() + viz.latex() + viz.latexFragment() + viz.link();
  if (viz.mode() === 'sample') viz.setMode('data');
  const epochs: number = viz.train(1000);
  const running: boolean = viz.toggleTraining();
  viz.pickPoint(3, true);
  const seen: number = viz.playground().seen;
  const off = viz.on('edit', (detail) => console.log(detail.field, detail.value.toFixed(3)));
  viz.on('step', (detail) => console.log(detail.index ?? 'before the first', detail.kind));
  viz.on('update', (detail) => console.log(detail.lossBefore - detail.lossAfter));
  off();
  const gone: boolean = viz.destroyed;
  viz.destroy();
  other.destroy();
  third.destroy();
  showFailure(element, new Error('no wasm'));
  const el = document.querySelector('backprop-viz');
  const handle = el?.handle;
  return w6 + sum + at + of + epochs + seen + Number(running) + Number(gone) + text.length
    + scenario.layers.length + (handle ? handle.listenerCount() : 0);
}

export { course };

/** The custom element, by property and by DOM event. */
function element(): void {
  const el = document.createElement('backprop-viz');
  el.preset = 'xor';
  el.panels = ['canvas', 'table'];
  el.readonly = true;
  el.digits = 5;
  el.playground = { data: 'spiral' };
  el.addEventListener('bpv-edit', (event) => console.log(event.detail.field, event.detail.value));
  el.addEventListener('bpv-update', (event) => console.log(event.detail.lossAfter));
  document.body.append(el);
}

export { element };

/** anywidget's front end, as a notebook host calls it. */
async function notebook(model: AnyModel, el: HTMLElement): Promise<void> {
  const cleanup = await widget.render({ model, el });
  const weights: number[][][] | undefined = model.get('weights');
  model.set('step', 3);
  model.on('change:weights', () => console.log(weights));
  cleanup();
  await widget.render({ model, el });
}

export { notebook };
