// The full page: one widget whose state lives in the address bar's hash.
import init, { mountLink } from '../backprop-viz.js';

await init({ module_or_path: new URL('../backprop-viz_bg.wasm', import.meta.url) });
const host = document.getElementById('app');
host.replaceChildren();
let widget = mountLink(host, location.hash);

// A link pasted into the address bar of an open page loads that link.
addEventListener('hashchange', () => {
  if (location.hash.slice(1) === widget.shareHash()) return;
  widget.destroy();
  widget = mountLink(host, location.hash);
});
