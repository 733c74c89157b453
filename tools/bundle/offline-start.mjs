// The offline page's first module: the wasm comes from the page itself (scripts/inline_page.py
// writes it, base64, into #bpv-wasm, and each part loaded when first needed into
// #bpv-part-<name>), so that the page requests nothing.
import { loadWasm } from '../../dist/js/backprop-viz.mjs';

const bytes = (element) => Uint8Array.from(atob(element.textContent.trim()), (c) => c.charCodeAt(0));
const parts = {};
for (const element of document.querySelectorAll('script[id^="bpv-part-"]')) parts[element.id.slice('bpv-part-'.length)] = bytes(element);
loadWasm(bytes(document.getElementById('bpv-wasm')), parts);
