// How the site's pages open a link (the full page, the embed page): a link into data-set mode
// waits for that mode's code, fetched beside the rest, so that the widget opens as the link says
// and nothing on the page jumps from one mode to the other.
import { mountLink, linkParts, loadPart } from '../backprop-viz.js';
import { prefetchParts } from './parts.mjs';

/**
 * Starts fetching what the page's link will need, before the first module has even loaded. A
 * guess from the link's text (the core decides in `openLink`); a wrong one costs one download.
 */
export function prefetchFor(hash) {
  if (/[#&](mode=data|p=)/.test(hash)) prefetchParts(['data']);
}

/** Resolves once the parts `hash` needs are here (or failed to come). */
export async function partsReady(hash) {
  for (const part of linkParts(hash)) {
    // A failed fetch is not fatal here: the widget asks again and says why if it fails again.
    await loadPart(part).catch(() => {});
  }
}

/** Mounts `hash`'s widget into `host` once the parts it needs are here. */
export async function openLink(host, hash) {
  await partsReady(hash);
  return mountLink(host, hash);
}
