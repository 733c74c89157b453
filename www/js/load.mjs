// Loading the WebAssembly, and the site's pages' "Loading…" placeholder: what every page needs
// before its first widget, in a module of its own so that the site's pages (js/open-link.mjs,
// js/scorm.mjs) need not fetch the whole module API (js/backprop-viz.mjs, which re-exports
// these) to show the exam.
import init from '../backprop-viz.js';
import { giveParts } from './parts.mjs';

let ready = null;

/** A module with one function returning a 128-bit vector: valid only where WebAssembly SIMD is. */
const simdProbe = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // header
  0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7b, // type: () -> v128
  0x03, 0x02, 0x01, 0x00, // one function of that type
  0x0a, 0x16, 0x01, 0x14, 0x00, 0xfd, 0x0c, ...new Array(16).fill(0), 0x0b, // v128.const 0; end
]);

/** Loads the WebAssembly once per page (refusing, with a reason, a browser without SIMD). */
export function load() {
  return loadFrom(undefined);
}

/**
 * Loads the WebAssembly from its bytes, for a page that carries them itself (the one-file offline
 * page, a notebook); later `load()` and `mount` calls use it. `parts` holds the bytes of the parts
 * that load when first needed, by file name without `.wasm` (`{ split_check: bytes, split_data:
 * bytes, chunk_3: bytes }`, from `split_check.wasm` and so on), which are then not fetched either.
 */
export function loadWasm(bytes, parts = {}) {
  if (!(bytes instanceof ArrayBuffer || ArrayBuffer.isView(bytes))) return Promise.reject(new TypeError('bytes: expected an ArrayBuffer or a typed array'));
  if (parts === null || typeof parts !== 'object') return Promise.reject(new TypeError('parts: expected an object of ArrayBuffers or typed arrays'));
  for (const [name, part] of Object.entries(parts)) {
    if (!(part instanceof ArrayBuffer || ArrayBuffer.isView(part))) return Promise.reject(new TypeError(`parts.${name}: expected an ArrayBuffer or a typed array`));
  }
  giveParts(parts);
  return loadFrom(bytes);
}

/** `load()`, from the wasm's bytes when given, else from beside the module. */
export function loadFrom(bytes) {
  if (!WebAssembly.validate(simdProbe)) {
    return Promise.reject(new Error('this browser lacks WebAssembly SIMD, which the widget needs (Chrome or Edge 91+, Firefox 89+, Safari 16.4+)'));
  }
  // Written out in full (`new URL('…', import.meta.url)`) so that a bundler (Vite, webpack,
  // Parcel) finds the file, copies it into its build and rewrites the address.
  ready ??= init({ module_or_path: bytes ?? new URL('../backprop-viz_bg.wasm', import.meta.url) });
  return ready;
}

/**
 * Gets `host` ready for a page's widget: loads the WebAssembly, then awaits `ready()` (what the
 * widget needs besides, such as the parts of the code a link needs), and only then empties `host`
 * (its "Loading…" line), so that the page is never blank while it waits; on failure says why in
 * `host` and throws.
 */
export async function prepare(host, ready = async () => {}) {
  try {
    await load();
    await ready();
  } catch (error) {
    showFailure(host, error);
    throw error;
  }
  host.replaceChildren();
}

/** Shows why the widget could not start, in place of it. */
export function showFailure(host, error) {
  const message = document.createElement('p');
  message.setAttribute('role', 'alert');
  message.textContent = `backprop-viz: ${error?.message ?? error}`;
  host.replaceChildren(message);
}
