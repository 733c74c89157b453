// The parts of the widget's wasm that load when first needed (the answer checker, data-set mode,
// and chunks of code two parts share): fetched from
// beside the page's files, or taken from the bytes a page carries itself (the one-file offline
// page, a notebook), which it hands over with `giveParts` before they are needed.

const given = new Map();
/** The files each part needs (`{ data: ['chunk_3', 'split_data'] }`), which the build writes. */
const needs = new Map();
/** Responses fetched ahead, by file name without `.wasm`. */
const ahead = new Map();

/** The build's list of which files each part needs (called by `__wasm_split.js`). */
export function registerParts(parts) {
  for (const [name, files] of Object.entries(parts)) needs.set(name, files);
}

/**
 * Starts downloading the files of the parts named (`['data']`) beside the page's first module,
 * for a page that will need them as soon as it opens (a link into data-set mode). Only a page
 * served with its files beside this module's folder does this; given bytes are not fetched.
 */
export function prefetchParts(names) {
  for (const name of names) {
    for (const file of needs.get(name) ?? []) {
      if (given.has(file) || ahead.has(file)) continue;
      const response = fetch(new URL(`../${file}.wasm`, import.meta.url));
      response.catch(() => {});
      ahead.set(file, response);
    }
  }
}

/**
 * Starts downloading, beside the first module, the parts a link (`#v=1&s=…`) will need as it
 * opens: a guess from its text, made before the wasm that decides (`linkParts`) has loaded; a
 * wrong guess costs one download.
 */
export function prefetchLinkParts(hash) {
  const guesses = { read: /[#&][sp]=/, data: /[#&](mode=data|p=)/ };
  prefetchParts(Object.keys(guesses).filter((part) => guesses[part].test(hash)));
}

/** Hands over parts' bytes by file name without `.wasm`: `{ split_check: ArrayBuffer, chunk_3: … }`. */
export function giveParts(parts) {
  for (const [name, bytes] of Object.entries(parts ?? {})) given.set(name, bytes);
}

const wasmResponse = (bytes) => new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } });

/**
 * A fetched part as WebAssembly can compile it while it streams: a host that sends `.wasm` files
 * under another type (as some learning platforms do) gets its bytes relabelled, as wasm-bindgen
 * does for the first module; a failed request is left to fail.
 */
async function asWasm(response) {
  const r = await response;
  if (!r.ok || r.headers.get('Content-Type')?.split(';')[0].trim() === 'application/wasm') return r;
  return wasmResponse(await r.arrayBuffer());
}

/** The response for part `name`: its given bytes, else a fetch of the address `url()` gives. */
export function partResponse(name, url) {
  const bytes = given.get(name);
  if (bytes) return Promise.resolve(wasmResponse(bytes));
  // A response fetched ahead serves once (its body is read once); a retry fetches anew.
  const early = ahead.get(name);
  if (early) {
    ahead.delete(name);
    return asWasm(early);
  }
  try {
    return asWasm(fetch(url()));
  } catch (error) {
    return Promise.reject(error);
  }
}
