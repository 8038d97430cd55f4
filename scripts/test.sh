#!/usr/bin/env bash
# The whole test suite on a fresh machine: install what is missing, build,
# then style checks, Rust unit + integration tests, wasm tests in headless
# Chromium, and Playwright end-to-end tests of the real page.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m[test] %s\033[0m\n' "$*"; }

step "setup"
bash scripts/setup.sh
step "build (CLI, wasm, page, single-file page)"
bash scripts/build.sh

step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy --all-targets -- -D warnings"
cargo clippy --release --all-targets -- -D warnings

step "Rust unit, integration and doc tests"
cargo test --release

step "wasm tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
CHROMEDRIVER=/usr/bin/chromedriver \
  cargo test --target wasm32-unknown-unknown --test wasm

step "page unit tests and Playwright end-to-end tests in Chromium"
bash scripts/e2e.sh
