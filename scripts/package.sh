#!/usr/bin/env bash
# Builds what is handed out, into target/package/:
#   backprop-viz-<version>.zip   the site, for any folder of any static host, with TEACHERS.md
#   backprop-viz-<version>-offline.html   one file that opens by double-click and requests nothing
#   backprop-viz-<version>.tgz   the npm package (the module, its types, the wasm and the styles)
#   backprop_viz-<version>-py3-none-any.whl   the notebook widget (anywidget), for pip
#   backprop-viz-<version>-scorm12.zip   a SCORM 1.2 package: the quiz, its score sent to the LMS
# <version> is the crate's (Cargo.toml). Options:
#   --no-build          pack the dist/ already built
#   --scenario FILE     the SCORM quiz's scenario (default: the exam)
#   --ask LIST          the phases it asks: comma list of forward, loss, backward, update (default: all)
#   --tolerance N       significant digits answers are checked to, 2 to 8 (default: those shown)
#   --pass PERCENT      the score that passes, 0 to 100 (default 60)
#   --out DIR           where the downloads go (default target/package)
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=$(awk -F '"' '/^version = / { print $2; exit }' Cargo.toml)
OUT=target/package
BUILD=1 SCENARIO="" ASK="forward,loss,backward,update" TOLERANCE="" PASS=60

refuse() { echo "package: $*" >&2; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --scenario|--ask|--tolerance|--pass|--out)
      [ $# -ge 2 ] || refuse "$1 needs a value"
      case "$1" in
        # (A relative path is the caller's, not the repository's, where this script runs.)
        --scenario) case $2 in /*) SCENARIO=$2 ;; *) SCENARIO=$OLDPWD/$2 ;; esac ;;
        --out) case $2 in /*) OUT=$2 ;; *) OUT=$OLDPWD/$2 ;; esac ;;
        --ask) ASK=$2 ;; --tolerance) TOLERANCE=$2 ;; --pass) PASS=$2 ;;
      esac
      shift 2 ;;
    *) refuse "unknown option $1 (see the top of scripts/package.sh)" ;;
  esac
done
[[ "$PASS" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v p="$PASS" 'BEGIN { exit !(p >= 0 && p <= 100) }' \
  || refuse "--pass: “$PASS” is not a percentage from 0 to 100"
if [ -n "$TOLERANCE" ]; then
  [[ "$TOLERANCE" =~ ^[2-8]$ ]] || refuse "--tolerance: “$TOLERANCE” is not a whole number from 2 to 8"
fi
IFS=',' read -r -a PHASES <<< "$ASK"
[ ${#PHASES[@]} -gt 0 ] || refuse "--ask: names no phase (forward, loss, backward, update)"
for phase in "${PHASES[@]}"; do
  case "$phase" in forward|loss|backward|update) ;; *) refuse "--ask: “$phase” is not a phase (forward, loss, backward, update)" ;; esac
done
if [ -n "$SCENARIO" ]; then
  [ -f "$SCENARIO" ] || refuse "--scenario: $SCENARIO is not a file"
fi

if [ "$BUILD" = 1 ]; then
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


mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
STAGE=$(mktemp -d)
trap 'rm -rf "$STAGE"' EXIT
mkdir -p "$STAGE/js"
cp npm/package.json npm/README.md "$STAGE/"
cp dist/backprop-viz.js dist/backprop-viz_bg.wasm dist/__wasm_split.js dist/split_*.wasm dist/chunk_*.wasm dist/style.css "$STAGE/"
cp dist/js/backprop-viz.mjs dist/js/backprop-viz.d.mts dist/js/load.mjs dist/js/parts.mjs "$STAGE/js/"
rm -f "$OUT/backprop-viz-$VERSION.tgz"
(cd "$STAGE" && npm pack --silent --pack-destination "$OUT" > /dev/null)
echo "package: $OUT/backprop-viz-$VERSION.tgz ($(du -k "$OUT/backprop-viz-$VERSION.tgz" | cut -f1) KiB)"

# The Python package: the widget's module (bundled), the wasm and the styles inside it.
mkdir -p "$STAGE/python"
cp -r python/pyproject.toml python/README.md python/src "$STAGE/python/"
STATIC="$STAGE/python/src/backprop_viz/static"
mkdir -p "$STATIC"
tools/bundle/node_modules/.bin/esbuild dist/js/backprop-viz.mjs --bundle --format=esm \
  --outfile="$STATIC/widget.mjs" --log-level=warning
cp dist/backprop-viz_bg.wasm dist/split_*.wasm dist/chunk_*.wasm dist/style.css "$STATIC/"
rm -f "$OUT"/backprop_viz-*.whl
python3 -m pip wheel --quiet --no-deps --wheel-dir "$OUT" "$STAGE/python"
echo "package: $OUT/backprop_viz-$VERSION-py3-none-any.whl"

# The site as a zip, in a folder of its name, with the teachers' page, and each file a browser
# loads beside its gzip and brotli forms (name.gz, name.br), which static hosts serve as they are.
# The .gz files are zopfli's: gzip any browser reads, about 4 % smaller than gzip -9's.
rm -f "$OUT/backprop-viz-$VERSION.zip"
cp -r dist "$STAGE/site"
cp TEACHERS.md "$STAGE/site/"
node - "$STAGE/site" <<'JS'
const { readdirSync, readFileSync, statSync, writeFileSync } = require('node:fs');
const { execFileSync } = require('node:child_process');
const { join } = require('node:path');
const zlib = require('node:zlib');
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
for (const file of walk(process.argv[2]).filter((f) => /\.(html|js|mjs|css|svg|wasm)$/.test(f))) {
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, execFileSync('zopfli', ['--gzip', '-c', file], { maxBuffer: 1 << 28 }));
  writeFileSync(`${file}.br`, zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }));
}
JS
python3 - "$OUT/backprop-viz-$VERSION.zip" "backprop-viz-$VERSION" "$STAGE/site" <<'PY'
import sys, zipfile
from pathlib import Path
out, top, site = sys.argv[1], sys.argv[2], Path(sys.argv[3])
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for f in sorted(site.rglob("*")):
        if f.is_file():
            # The compressed forms are stored as they are: deflating them again gains nothing.
            kind = zipfile.ZIP_STORED if f.suffix in (".gz", ".br") else zipfile.ZIP_DEFLATED
            z.write(f, f"{top}/{f.relative_to(site)}", compress_type=kind)
PY
echo "package: $OUT/backprop-viz-$VERSION.zip"

# The offline page: the full page's script bundled, then everything inlined into one file.
tools/bundle/node_modules/.bin/esbuild tools/bundle/offline.mjs --bundle --format=esm \
  --outfile="$STAGE/offline.mjs" --log-level=warning
python3 scripts/inline_page.py dist "$STAGE/offline.mjs" "$OUT/backprop-viz-$VERSION-offline.html"
echo "package: $OUT/backprop-viz-$VERSION-offline.html"

# The SCORM 1.2 package: the site, a launch page holding the quiz's link and pass mark, and the
# manifest (one SCO). The scenario is checked by the command line, as a file would be.
if [ -n "$SCENARIO" ]; then
  if [ -x target/release/backprop ]; then CLI=(target/release/backprop); else CLI=(cargo run --release --quiet --bin backprop --); fi
  "${CLI[@]}" "$SCENARIO" > /dev/null || refuse "--scenario: $SCENARIO is not a scenario the widget can open (the message above says why)"
fi
rm -f "$OUT/backprop-viz-$VERSION-scorm12.zip"
python3 - "$OUT/backprop-viz-$VERSION-scorm12.zip" "$SCENARIO" "$ASK" "$TOLERANCE" "$PASS" <<'PY'
import base64, html, json, sys, zipfile
from pathlib import Path
out, scenario_file, ask, tolerance, passing = sys.argv[1:]
if scenario_file:
    text = Path(scenario_file).read_text(encoding="utf-8")
    title = json.loads(text).get("title") or "backprop-viz quiz"
    scenario = "s=" + base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")
else:
    title, scenario = "Exam question 4: a 2-2-1 network, one SGD step", "preset=exam"
link = f"v=1&{scenario}&quiz=1&ask={ask}" + (f"&tolerance={tolerance}" if tolerance else "")
launch = f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="bpv-link" content="{html.escape(link)}">
  <meta name="bpv-pass" content="{passing}">
  <title>{html.escape(title)}</title>
  <link rel="icon" href="favicon.svg">
  <link rel="stylesheet" href="style.css">
  <link rel="stylesheet" href="page.css">
  <script type="module" src="js/scorm.mjs"></script>
</head>
<body>
  <main class="page">
    <p id="scorm-status" role="status"></p>
    <div id="app"><p class="bpv-loading" role="status">Loading the quiz…</p></div>
  </main>
</body>
</html>
"""
files = sorted(f for f in Path("dist").rglob("*") if f.is_file() and f.name != "index.html")
names = ["scorm.html"] + [str(f.relative_to("dist")) for f in files]
listed = "\n".join(f'      <file href="{html.escape(n)}"/>' for n in names)
manifest = f"""<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="backprop-viz-quiz" version="1"
          xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
          xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
          xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="backprop-viz">
    <organization identifier="backprop-viz">
      <title>{html.escape(title)}</title>
      <item identifier="quiz" identifierref="sco" isvisible="true">
        <title>{html.escape(title)}</title>
        <adlcp:masteryscore>{passing}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="sco" type="webcontent" adlcp:scormtype="sco" href="scorm.html">
{listed}
    </resource>
  </resources>
</manifest>
"""
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("imsmanifest.xml", manifest)
    z.writestr("scorm.html", launch)
    for f in files:
        z.write(f, str(f.relative_to("dist")))
PY
echo "package: $OUT/backprop-viz-$VERSION-scorm12.zip (asks $ASK, passes at $PASS %)"
