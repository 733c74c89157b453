// The full page: one widget whose state lives in the address bar's hash.
import { mountLink } from '../backprop-viz.js';
import { prepare } from './backprop-viz.mjs';
import { openLink, partsReady, prefetchFor } from './open-link.mjs';

const host = document.getElementById('app');
prefetchFor(location.hash);
await prepare(host);
let widget = await openLink(host, location.hash);

// The page's background follows the widget's theme.
const followTheme = () => {
  const theme = host.querySelector('.bpv')?.dataset.theme;
  if (theme && document.documentElement.dataset.theme !== theme) document.documentElement.dataset.theme = theme;
};
followTheme();
new MutationObserver(followTheme).observe(host, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });

// A link pasted into the address bar of an open page loads that link.
let opening = 0;
addEventListener('hashchange', async () => {
  if (location.hash.slice(1) === widget.shareHash()) return;
  // The last link pasted wins, even if an earlier one still waits for its parts.
  const mine = ++opening;
  const hash = location.hash;
  await partsReady(hash);
  if (mine !== opening) return;
  widget.destroy();
  widget = mountLink(host, hash);
});
