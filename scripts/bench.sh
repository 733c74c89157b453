#!/usr/bin/env bash
# Runs every benchmark and prints each figure as one JSON line ({"name", "value", "unit", ...}).
# Builds what it needs first. Results are recorded in BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser >&2
cargo run --release --example native_bench 2>/dev/null
trunk build --release --offline >&2
cd tests/e2e && node bench.mjs
# How much of the first module an embed of the exam runs: the floor under any split of it.
node coverage.mjs
# Memory over a ten-minute session (SOAK_SECONDS=60 for a quick look).
node soak.mjs
