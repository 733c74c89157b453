// The embed page: one widget configured by the hash (a share dialog's preview changes only the
// hash, which opens that state), telling its host page the height it wants.
import { followHash } from './open-link.mjs';

const host = document.getElementById('app');
await followHash(host);

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
