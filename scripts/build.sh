#!/usr/bin/env bash
# Builds the native CLI, the wasm module for the page (settings in
# wasm-pack.toml), the graph view's d3-force bundle (www/vendor/force.js)
# and the single-file page dist/dossier.html, then prints
# the wasm's size raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --bin dossier
bash scripts/build-wasm.sh
node scripts/build-vendor.mjs
node scripts/build-dist.mjs

wasm=www/pkg/dossier_bg.wasm
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf '[build] wasm: %s bytes raw, %s bytes gzipped (%s)\n' "$raw" "$gz" "$wasm"
printf '[build] single-file page: dist/dossier.html (%s bytes)\n' "$(stat -c %s dist/dossier.html)"
