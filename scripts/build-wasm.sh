#!/usr/bin/env bash
# Builds the page's wasm and its JavaScript into a folder, split in parts (Trunk runs this as its
# post-build hook, with the folder in TRUNK_STAGING_DIR; or: bash scripts/build-wasm.sh OUT).
#
#   cargo          the crate for wasm32, linked with its relocations (--emit-relocs, set in
#                  .cargo/config.toml) so that the next step can move functions between modules
#   wasm-split-cli the first module, plus one module per split point (src/web/parts.rs) holding
#                  the code only that point reaches, and __wasm_split.js, which fetches them
#   wasm-bindgen   the first module's JavaScript (--keep-lld-exports: the parts link to the
#                  first module's functions by the names the linker gave them)
#   slim-wasm      the first module's imports from its JavaScript renamed `a`, `b`, … in both,
#                  its custom sections dropped (scripts/slim-wasm.py)
#
# Out: backprop-viz.js, backprop-viz_bg.wasm, __wasm_split.js, split_<part>.wasm and chunk_<n>.wasm;
# then every script and style sheet in the folder is minified (scripts/minify.sh).
# BPV_FEATURES (comma-separated) passes crate features to cargo (the tests' panic hook).
# BPV_KEEP_NAMES=1 keeps the functions' names in the first module, to profile it
# (tests/e2e/coverage.mjs's COLD, twiggy); never for the page that ships.
set -euo pipefail
cd "$(dirname "$0")/.."

OUT=${1:-${TRUNK_STAGING_DIR:?build-wasm: give the output folder (or run from Trunk)}}
SPLIT_CLI=${WASM_SPLIT_CLI:-$HOME/.cache/backprop-viz/wasm-split-cli-0.2.4/bin/wasm-split-cli}
[ -x "$SPLIT_CLI" ] || { echo "build-wasm: $SPLIT_CLI is missing; run bash scripts/setup.sh" >&2; exit 1; }

FEATURES=()
[ -n "${BPV_FEATURES:-}" ] && FEATURES=(--features "$BPV_FEATURES")
[ "${BPV_KEEP_NAMES:-}" = 1 ] && export CARGO_PROFILE_WASM_STRIP=false
cargo build --profile wasm --lib --target wasm32-unknown-unknown --locked "${FEATURES[@]}"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
"$SPLIT_CLI" --target web --out-name backprop-viz \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/backprop_viz.wasm" "$WORK/split"
# A build that keeps its names keeps the linker's `target_features` section too, which lists
# reference-types (the standard library is compiled with it); wasm-bindgen would then bind
# JavaScript values through a table of externrefs, whose helpers this crate, compiled without
# reference-types (.cargo/config.toml), does not have, and fail. The page's build has no such
# section and binds them through the JavaScript's array of objects: drop it here as well.
if [ "${BPV_KEEP_NAMES:-}" = 1 ]; then
  python3 - "$WORK/split/backprop-viz.wasm" <<'PY'
import sys
sys.path.insert(0, "scripts")
from wasm_binary import assemble, custom_name, sections
path = sys.argv[1]
kept = [p for p in sections(open(path, "rb").read()) if p[0] != 0 or custom_name(p[1]) != b"target_features"]
open(path, "wb").write(assemble(kept))
PY
fi
wasm-bindgen --target web --keep-lld-exports --no-typescript --out-name backprop-viz \
  --out-dir "$WORK/bindgen" "$WORK/split/backprop-viz.wasm" 2> >(grep -v 'target_features. custom section is missing' >&2)
# The imports from the JavaScript get short names (`a`, `b`, … for `__wbg_setAttribute_<hash>`),
# and the custom sections go.
python3 scripts/slim-wasm.py "$WORK/bindgen/backprop-viz_bg.wasm" "$WORK/bindgen/backprop-viz.js"

mkdir -p "$OUT"
cp "$WORK/bindgen/backprop-viz_bg.wasm" "$OUT/"
# wasm-bindgen imports __wasm_split.js once per split point, each under the same key of the
# imports object (a duplicate key, which bundlers warn of): the module is one, so keep one.
python3 - "$WORK/bindgen/backprop-viz.js" "$OUT/backprop-viz.js" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
names = re.findall(r'^import \* as (import\d+) from "\./__wasm_split\.js"\n', text, flags=re.M)
for name in names[1:]:
    text = text.replace(f'import * as {name} from "./__wasm_split.js"\n', "", 1)
    text, n = re.subn(rf'^\s*"\./__wasm_split\.js": {name},\n', "", text, count=1, flags=re.M)
    if n != 1:
        sys.exit("build-wasm: backprop-viz.js does not import __wasm_split.js as expected")
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
# The parts: split_<part>.wasm for each split point, chunk_<n>.wasm for code two parts share.
for part in "$WORK"/split/*.wasm; do
  [ "$(basename "$part")" = backprop-viz.wasm ] || cp "$part" "$OUT/"
done
# The parts are fetched through js/parts.mjs, which hands over their bytes instead when the page
# carries them itself (the offline page, a notebook). The address stays written out in full
# (`new URL("./split_x.wasm", import.meta.url)`) so that a bundler finds the file, in a function:
# a module loaded from a blob (a notebook's) has no address to resolve it against.
python3 - "$WORK/split/__wasm_split.js" "$OUT/__wasm_split.js" <<'PY'
import json, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
pattern = r'fetch\((new URL\("\./((?:split|chunk)_\w+)\.wasm", import\.meta\.url\))\)'
text, count = re.subn(pattern, r'partResponse("\2", () => \1)', text)
if count == 0 or "fetch(" in text:
    sys.exit("build-wasm: __wasm_split.js does not fetch its parts as expected; see scripts/build-wasm.sh")
# Which files each part needs (its own and the chunks it depends on), for a page that fetches a
# part beside the first module (js/parts.mjs's prefetchParts).
loaders = {}
for name, stem, deps in re.findall(
    r'const (\w+) = (?:wrapAsyncCb\()?makeLoad\(\(\) => \{.*?partResponse\("(\w+)".*?\}\s*,\s*\[([^\]]*)\]\)',
    text, flags=re.S):
    loaders[name] = (stem, [d.strip() for d in deps.split(",") if d.strip()])
def files(name):
    stem, deps = loaders[name]
    return [stem] + [f for d in deps for f in files(d)]
parts = {n[len("__wasm_split_load_"):]: sorted(set(files(n))) for n in loaders if n.startswith("__wasm_split_load_")}
# Every loader found, one per file fetched.
if len(loaders) != count or not parts:
    sys.exit("build-wasm: could not read which files each part needs from __wasm_split.js")
text += "registerParts(" + json.dumps(parts, sort_keys=True) + ");\n"
open(sys.argv[2], "w", encoding="utf-8").write('import { partResponse, registerParts } from "./js/parts.mjs";\n' + text)
PY
# Then the JavaScript and the styles in the folder (Trunk's staging folder holds the page's own by
# now) are minified.
bash scripts/minify.sh "$OUT"
echo "build-wasm: $(cd "$OUT" && ls backprop-viz_bg.wasm split_*.wasm chunk_*.wasm 2>/dev/null | tr '\n' ' ')into $OUT"
