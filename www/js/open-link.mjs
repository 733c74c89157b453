// How the site's pages (the full page, the embed page) show the widget of the address's hash: a
// link waits for the parts of the code it needs (a scenario's reader, data-set mode's code),
// fetched beside the rest, so that the widget opens as the link says and nothing on the page
// jumps from one state to another. (A quiz's checker comes when the student goes to the answer
// box: the question needs none.)
import { mountLink, linkParts, loadPart } from '../backprop-viz.js';
import { prepare } from './load.mjs';
import { prefetchLinkParts } from './parts.mjs';

/** Resolves once the parts `hash` needs are here (or failed to come). */
export async function partsReady(hash) {
  // Side by side; a failed fetch is not fatal here: the widget asks again and says why if it
  // fails again.
  await Promise.all(linkParts(hash).map((part) => loadPart(part).catch(() => {})));
}

/**
 * Mounts the widget of the address's hash into `host` (replacing its "Loading…" line) and opens
 * each new hash (a link pasted into the address bar, a share dialog's preview): the last one
 * wins, even if an earlier one still waits for its parts.
 */
export async function followHash(host) {
  // What the link will need starts downloading before the first module has even loaded (the
  // core decides in `partsReady`).
  prefetchLinkParts(location.hash);
  // The placeholder ("Loading the network…") stays until the parts are here too.
  await prepare(host, () => partsReady(location.hash));
  let widget = mountLink(host, location.hash);
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
}
