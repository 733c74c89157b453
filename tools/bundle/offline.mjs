// The offline page's script (bundled into one module by scripts/package.sh): the wasm from the
// page first, then the full page as it is served.
import './offline-start.mjs';
import '../../dist/js/page.mjs';
