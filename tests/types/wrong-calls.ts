// Wrong calls, each on its own line marked with the error tsc must report for it
// (tests/e2e/types.test.mjs checks every marked line fails, and nothing else does).
import { mount, type AnyModel, type Scenario, type Handle } from '../../www/js/backprop-viz.mjs';

declare const viz: Handle;
declare const element: HTMLElement;

viz.setWeight(1, 1, 0, '-0.7'); // expect-error: a string weight
mount(element, 'exam', { panels: ['canvas', 'chart'] }); // expect-error: an unknown panel
mount(element, 'exam', { theem: 'dark' }); // expect-error: a misspelt option
mount(element, 'exam', { digits: '4' }); // expect-error: digits as a string
viz.on('edited', () => {}); // expect-error: an unknown event
viz.on('update', (d) => d.loss); // expect-error: a detail field that does not exist
const s: Scenario = { version: 1, layers: [2, 1], activations: ['swish'], loss: 'bce', learning_rate: 0.1, weights: [], biases: [], samples: [] }; // expect-error: an unknown activation
const t: Scenario = { version: 1, layers: [2, 1], activations: ['relu'], loss: 'bce', learning_rate: 0.1, weights: [], biases: [], samples: [], optimizer: { kind: 'adam', momentum: 0.9 } }; // expect-error: a hyper-parameter Adam does not have
viz.pickPoint('3'); // expect-error: a point index as a string
mount(element, 'exam', { linkBase: new URL('https://example.org/') }); // expect-error: a link base that is not text
export { s, t };
document.createElement('backprop-viz').readonly = 'yes'; // expect-error: a switch set to text
document.createElement('backprop-viz').addEventListener('bpv-update', (e) => e.detail.loss); // expect-error: an update has no loss
declare const model: AnyModel;
model.set('step', '3'); // expect-error: a step as a string
model.get('wieghts'); // expect-error: a misspelt trait
