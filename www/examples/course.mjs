// The example course page's script: iframe sizing, and one widget by the module API.
import { mount } from '../js/backprop-viz.mjs';

// The embed page reports the height it wants; only messages from our own site are trusted.
const frame = document.getElementById('xor-frame');
addEventListener('message', (event) => {
  if (event.origin !== location.origin || event.source !== frame.contentWindow) return;
  const data = event.data;
  if (data && data.type === 'backprop-viz:height' && Number.isFinite(data.height)) {
    frame.style.height = `${Math.min(Math.max(data.height, 240), 4000)}px`;
  }
});
// Ask for the height once the iframe is there (its first report may come before this script ran).
const ask = () => frame.contentWindow?.postMessage({ type: 'backprop-viz:measure' }, location.origin);
frame.addEventListener('load', ask);
ask();

const log = document.getElementById('softmax-log');
const viz = await mount(document.getElementById('softmax-widget'), 'softmax', {
  panels: ['canvas', 'controls', 'explain', 'editors'],
});
viz.on('edit', (e) => { log.textContent = `You set ${e.field} to ${e.value}.`; });
viz.on('update', (e) => { log.textContent = `SGD step applied: the loss went from ${e.lossBefore.toFixed(4)} to ${e.lossAfter.toFixed(4)}.`; });
document.getElementById('softmax-widget').dataset.ready = 'true';
