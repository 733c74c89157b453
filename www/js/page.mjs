// The full page: one widget whose state lives in the address bar's hash.
import { mountLink } from '../backprop-viz.js';
import { prepare } from './backprop-viz.mjs';

const host = document.getElementById('app');
await prepare(host);
let widget = mountLink(host, location.hash);

// The page's background follows the widget's theme.
const followTheme = () => {
  const theme = host.querySelector('.bpv')?.dataset.theme;
  if (theme && document.documentElement.dataset.theme !== theme) document.documentElement.dataset.theme = theme;
};
followTheme();
new MutationObserver(followTheme).observe(host, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });

// A link pasted into the address bar of an open page loads that link.
addEventListener('hashchange', () => {
  if (location.hash.slice(1) === widget.shareHash()) return;
  widget.destroy();
  widget = mountLink(host, location.hash);
});
