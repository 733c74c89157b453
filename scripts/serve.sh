#!/usr/bin/env bash
# Builds the page and serves it on http://127.0.0.1:8080 (installs what it needs first).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "backprop-viz: serving on http://127.0.0.1:8080/"
exec trunk serve --release --offline
