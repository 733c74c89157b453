// The offline page's first module: the wasm comes from the page itself (scripts/inline_page.py
// writes it, base64, into #bpv-wasm), so that the page requests nothing.
import { loadWasm } from '../../dist/js/backprop-viz.mjs';

const text = document.getElementById('bpv-wasm')?.textContent ?? '';
loadWasm(Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0)));
