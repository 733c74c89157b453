#!/usr/bin/env bash
# Builds what is handed out, into target/package/:
#   backprop-viz-<version>.tgz   the npm package (the module, its types, the wasm and the styles)
# <version> is the crate's (Cargo.toml). `--no-build` packs the dist/ already built.
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(awk -F '"' '/^version = / { print $2; exit }' Cargo.toml)
OUT=target/package

if [ "${1:-}" != "--no-build" ]; then
  trunk build --release --offline
fi

# The npm package's version is the crate's: one number in every file name and manifest.
NPM_VERSION=$(node -p "require('./npm/package.json').version")
if [ "$NPM_VERSION" != "$VERSION" ]; then
  echo "package: npm/package.json says version $NPM_VERSION, Cargo.toml $VERSION; make them equal" >&2
  exit 1
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
