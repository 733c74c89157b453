// The embed page: one widget configured by the hash, telling its host page the height it wants.
import { mountLink } from '../backprop-viz.js';
import { prepare } from './backprop-viz.mjs';
import { openLink, partsReady, prefetchFor } from './open-link.mjs';

const host = document.getElementById('app');
prefetchFor(location.hash);
await prepare(host);
let widget = await openLink(host, location.hash);

// A new hash (a share dialog's preview changes only the hash) opens that state; the last one
// wins, even if an earlier one still waits for its parts.
let opening = 0;
addEventListener('hashchange', async () => {
  if (location.hash.slice(1) === widget.shareHash()) return;
  const mine = ++opening;
  const hash = location.hash;
  await partsReady(hash);
  if (mine !== opening) return;
  widget.destroy();
  widget = mountLink(host, hash);
});

// The host may size the iframe to fit; the height is not a secret, so any parent may read it.
if (window.parent !== window) {
  let last = 0;
  const report = () => {
    const height = Math.ceil(document.documentElement.scrollHeight);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: 'backprop-viz:height', height }, '*');
    }
  };
  new ResizeObserver(report).observe(document.body);
  // The host may ask again (its listener may start after our first report). Only our parent is
  // answered, and anything that is not a well-formed request is ignored.
  addEventListener('message', (event) => {
    if (event.source !== window.parent) return;
    if (event.data && typeof event.data === 'object' && event.data.type === 'backprop-viz:measure') {
      last = 0;
      report();
    }
  });
  report();
}
