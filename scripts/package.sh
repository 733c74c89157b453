#!/usr/bin/env bash
# Builds what is handed out, into target/package/:
#   backprop-viz-<version>.zip   the site, for any folder of any static host, with TEACHERS.md
#   backprop-viz-<version>-offline.html   one file that opens by double-click and requests nothing
#   backprop-viz-<version>.tgz   the npm package (the module, its types, the wasm and the styles)
#   backprop_viz-<version>-py3-none-any.whl   the notebook widget (anywidget), for pip
# <version> is the crate's (Cargo.toml). `--no-build` packs the dist/ already built.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(awk -F '"' '/^version = / { print $2; exit }' Cargo.toml)
OUT=target/package

if [ "${1:-}" != "--no-build" ]; then
  trunk build --release --offline
fi

# Every package's version is the crate's: one number in every file name and manifest.
NPM_VERSION=$(node -p "require('./npm/package.json').version")
PY_VERSION=$(awk -F '"' '/^version = / { print $2; exit }' python/pyproject.toml)
for pair in "npm/package.json:$NPM_VERSION" "python/pyproject.toml:$PY_VERSION"; do
  if [ "${pair#*:}" != "$VERSION" ]; then
    echo "package: ${pair%%:*} says version ${pair#*:}, Cargo.toml $VERSION; make them equal" >&2
    exit 1
  fi
done

# esbuild makes the notebook widget's module one file (a notebook loads it from a blob).
if [ "$(tools/bundle/node_modules/.bin/esbuild --version 2>/dev/null)" != "$(node -p "require('./tools/bundle/package.json').dependencies.esbuild")" ]; then
  (cd tools/bundle && npm ci --no-audit --no-fund --silent)
fi

mkdir -p "$OUT"
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/js"
cp npm/package.json npm/README.md "$STAGE/"
cp dist/backprop-viz.js dist/backprop-viz_bg.wasm dist/style.css "$STAGE/"
cp dist/js/backprop-viz.mjs dist/js/backprop-viz.d.mts "$STAGE/js/"
rm -f "$OUT/backprop-viz-$VERSION.tgz"
(cd "$STAGE" && npm pack --silent --pack-destination "$OLDPWD/$OUT" > /dev/null)
echo "package: $OUT/backprop-viz-$VERSION.tgz ($(du -k "$OUT/backprop-viz-$VERSION.tgz" | cut -f1) KiB)"

# The Python package: the widget's module (bundled), the wasm and the styles inside it.
mkdir -p "$STAGE/python"
cp -r python/pyproject.toml python/README.md python/src "$STAGE/python/"
STATIC="$STAGE/python/src/backprop_viz/static"
mkdir -p "$STATIC"
tools/bundle/node_modules/.bin/esbuild dist/js/backprop-viz.mjs --bundle --format=esm \
  --outfile="$STATIC/widget.mjs" --log-level=warning
cp dist/backprop-viz_bg.wasm dist/style.css "$STATIC/"
rm -f "$OUT"/backprop_viz-*.whl
python3 -m pip wheel --quiet --no-deps --wheel-dir "$OUT" "$STAGE/python"
echo "package: $OUT/backprop_viz-$VERSION-py3-none-any.whl"

# The site as a zip, in a folder of its name, with the teachers' page.
rm -f "$OUT/backprop-viz-$VERSION.zip"
python3 - "$OUT/backprop-viz-$VERSION.zip" "backprop-viz-$VERSION" <<'PY'
import sys, zipfile
from pathlib import Path
out, top = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(Path("dist").rglob("*")):
        if f.is_file():
            z.write(f, f"{top}/{f.relative_to('dist')}")
    z.write("TEACHERS.md", f"{top}/TEACHERS.md")
PY
echo "package: $OUT/backprop-viz-$VERSION.zip"

# The offline page: the full page's script bundled, then everything inlined into one file.
tools/bundle/node_modules/.bin/esbuild tools/bundle/offline.mjs --bundle --format=esm \
  --outfile="$STAGE/offline.mjs" --log-level=warning
python3 scripts/inline_page.py dist "$STAGE/offline.mjs" "$OUT/backprop-viz-$VERSION-offline.html"
echo "package: $OUT/backprop-viz-$VERSION-offline.html"
