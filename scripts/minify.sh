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

# Trunk wrote the pages' integrity attributes (sha384) for the style sheets as they were before:
# each is written again for the file as it is now, or the browser would refuse the sheet.
python3 - "$DIR" <<'PY'
import base64, hashlib, re, sys
from pathlib import Path
folder = Path(sys.argv[1])
def digest(match):
    href = match.group(2)
    body = (folder / href).read_bytes()
    return f'{match.group(1)}sha384-{base64.b64encode(hashlib.sha384(body).digest()).decode()}"'
for page in folder.glob("*.html"):
    html = page.read_text(encoding="utf-8")
    new = re.sub(r'(<link [^>]*href="\./([^"]+)"[^>]*integrity=")sha384-[^"]*"', digest, html)
    if new != html:
        page.write_text(new, encoding="utf-8")
PY
