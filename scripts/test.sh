#!/usr/bin/env bash
# Runs every test: formatting, clippy (host and wasm32), the Rust tests, the release build of
# the page, and the browser tests in headless Chromium. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --browser

step() { echo; echo "==> $*"; }

step "cargo fmt --all --check"
cargo fmt --all --check

step "clippy (host)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy (wasm32)"
cargo clippy --workspace --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "cargo test (the widget and crates/nn, the mathematics)"
cargo test --workspace

step "trunk build --release"
trunk build --release --offline

step "BPV_FEATURES=test-hooks trunk build --release (a second build, for the panic-hook test)"
BPV_FEATURES=test-hooks trunk build --release --offline --dist target/dist-test

cargo build --release --bin backprop

step "package: the downloads in target/package/ (site zip, offline page, SCORM 1.2, npm, wheel), which the browser tests check"
bash scripts/package.sh --no-build

step "LaTeX worked solutions compile with pdflatex"
bash scripts/check-latex.sh

step "browser tests (playwright-core + Debian chromium; puppeteer-core + Debian firefox-esr)"
# A test that hangs fails after two minutes instead of stalling CI.
(cd tests/e2e && node --test --test-concurrency=1 --test-timeout=120000 ./*.test.mjs)

echo
echo "All tests passed."
