#!/usr/bin/env bash
# Minifies the page's JavaScript and styles in a built folder, in place, with esbuild
# (tools/bundle, installed by scripts/setup.sh): what an embed loads is about 11 KB smaller
# gzipped (BENCHMARKS.md, session 17). The examples stay as written (they are there to be read),
# and so do the module's types (js/backprop-viz.d.mts).
#   bash scripts/minify.sh DIR      (scripts/build-wasm.sh runs it on Trunk's staging folder)
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:?minify: give the built folder}
ESBUILD=tools/bundle/node_modules/.bin/esbuild
[ -x "$ESBUILD" ] || { echo "minify: $ESBUILD is missing; run bash scripts/setup.sh" >&2; exit 1; }

shopt -s nullglob
files=("$DIR"/*.js "$DIR"/*.css "$DIR"/js/*.js "$DIR"/js/*.mjs "$DIR"/js/*.css)
[ ${#files[@]} -gt 0 ] || { echo "minify: no JavaScript or styles in $DIR" >&2; exit 1; }
for file in "${files[@]}"; do
  # utf8: the messages' arrows and symbols stay as they are, not as \u escapes (which are longer).
  "$ESBUILD" "$file" --minify --charset=utf8 --log-level=warning --allow-overwrite --outfile="$file"
done

# The full page's style sheets carry no integrity attribute (data-integrity="none" in
# www/index.html), so minifying them needs no new digests: a browser refuses a sheet with one when
# the page is opened from a file, and the page must then still be styled to say how to open it.
