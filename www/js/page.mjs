// The full page: one widget whose state lives in the address bar's hash.
import { mountLink } from '../backprop-viz.js';
import { load, showFailure } from './backprop-viz.mjs';

const host = document.getElementById('app');
try {
  await load();
} catch (error) {
  showFailure(host, error);
  throw error;
}
host.replaceChildren();
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
