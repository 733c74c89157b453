#!/usr/bin/env bash
# Installs what the project needs, skipping whatever is already there at the right version.
#   bash scripts/setup.sh            Rust target, Trunk, wasm-bindgen CLI, wasm-split-cli, esbuild (to build and serve),
#                                    zopfli (the site zip's .gz files)
#   bash scripts/setup.sh --browser  the above, plus Chromium, ChromeDriver and playwright-core,
#                                    and pdflatex (the LaTeX worked solutions are compiled)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must equal the crate version Cargo.lock pins.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "setup: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  echo "setup: installing trunk $TRUNK_VERSION (about 9 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  echo "setup: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# wasm-split-cli splits the page's wasm in parts (scripts/build-wasm.sh), in a folder of its version.
WASM_SPLIT_VERSION=0.2.4
WASM_SPLIT_ROOT="$HOME/.cache/backprop-viz/wasm-split-cli-$WASM_SPLIT_VERSION"
if [ ! -x "$WASM_SPLIT_ROOT/bin/wasm-split-cli" ]; then
  echo "setup: installing wasm-split-cli $WASM_SPLIT_VERSION (about two minutes)"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --locked --features build-binary \
    --root "$WASM_SPLIT_ROOT"
fi

# esbuild (tools/bundle) minifies the page's scripts and styles (scripts/minify.sh) and bundles the
# notebook's module and the offline page's script (scripts/package.sh).
if [ "$(tools/bundle/node_modules/.bin/esbuild --version 2>/dev/null)" != "$(node -p "require('./tools/bundle/package.json').dependencies.esbuild")" ]; then
  echo "setup: installing esbuild (tools/bundle)"
  (cd tools/bundle && npm ci --no-audit --no-fund --silent)
fi

# zopfli writes the site zip's .gz files (scripts/package.sh): the same gzip format, about 4 %
# smaller than gzip -9 gives (BENCHMARKS.md, session 18).
if ! command -v zopfli >/dev/null; then
  echo "setup: installing zopfli (Debian)"
  as_root apt-get update
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends zopfli
fi

if ! grep -q "wasm_bindgen = \"$WASM_BINDGEN_VERSION\"" Trunk.toml; then
  echo "setup: Trunk.toml's [tools] wasm_bindgen must be \"$WASM_BINDGEN_VERSION\" (the version in Cargo.lock)" >&2
  exit 1
fi

# Trunk builds offline: the crates it compiles (the wasm32-only ones too) are fetched here.
cargo fetch --locked --target wasm32-unknown-unknown --quiet
cargo fetch --locked --quiet

if [ "${1:-}" = "--browser" ]; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    echo "setup: installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi
  if ! command -v firefox-esr >/dev/null; then
    echo "setup: installing Debian's firefox-esr (the browser tests run in Firefox too)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends firefox-esr
  fi
  if ! command -v pdflatex >/dev/null; then
    echo "setup: installing Debian's texlive-latex-base (pdflatex, about a minute)"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends texlive-latex-base
  fi
  if [ ! -d tests/e2e/node_modules/playwright-core ] || [ ! -d tests/e2e/node_modules/axe-core ] \
    || [ ! -d tests/e2e/node_modules/puppeteer-core ] || [ ! -d tests/e2e/node_modules/typescript ] \
    || [ ! -d tests/e2e/node_modules/scorm-again ]; then
    echo "setup: installing playwright-core, puppeteer-core, axe-core, typescript and scorm-again (no browser download)"
    (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
  # The notebook test: JupyterLab and anywidget from PyPI in a virtual environment of its own.
  JUPYTERLAB_VERSION=4.6.6
  ANYWIDGET_VERSION=0.11.0
  VENV=target/py-venv
  if ! "$VENV/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('jupyterlab') != '$JUPYTERLAB_VERSION' or m.version('anywidget') != '$ANYWIDGET_VERSION')" 2>/dev/null; then
    echo "setup: installing JupyterLab $JUPYTERLAB_VERSION and anywidget $ANYWIDGET_VERSION into $VENV (about two minutes)"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "jupyterlab==$JUPYTERLAB_VERSION" "anywidget==$ANYWIDGET_VERSION"
  fi
fi
