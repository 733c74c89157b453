#!/usr/bin/env bash
# Runs every benchmark and prints each figure as one JSON line. Builds what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser >&2
trunk build --release --offline >&2
cd tests/e2e && node bench.mjs
