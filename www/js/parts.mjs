// The parts of the widget's wasm that load when first needed (the answer checker, data-set mode,
// and chunks of code two parts share): fetched from
// beside the page's files, or taken from the bytes a page carries itself (the one-file offline
// page, a notebook), which it hands over with `giveParts` before they are needed.

const given = new Map();

/** Hands over parts' bytes by file name without `.wasm`: `{ split_check: ArrayBuffer, chunk_3: … }`. */
export function giveParts(parts) {
  for (const [name, bytes] of Object.entries(parts ?? {})) given.set(name, bytes);
}

/** The response for part `name`: its given bytes, else a fetch of the address `url()` gives. */
export function partResponse(name, url) {
  const bytes = given.get(name);
  if (bytes) return Promise.resolve(new Response(bytes, { headers: { 'Content-Type': 'application/wasm' } }));
  try {
    return fetch(url());
  } catch (error) {
    return Promise.reject(error);
  }
}
