// The full page: one widget whose state lives in the address bar's hash (a link pasted into the
// address bar of an open page loads that link).
import { followHash } from './open-link.mjs';

const host = document.getElementById('app');
await followHash(host);

// The page's background follows the widget's theme.
const followTheme = () => {
  const theme = host.querySelector('.bpv')?.dataset.theme;
  if (theme && document.documentElement.dataset.theme !== theme) document.documentElement.dataset.theme = theme;
};
followTheme();
new MutationObserver(followTheme).observe(host, { subtree: true, attributes: true, attributeFilter: ['data-theme'] });
