#!/usr/bin/env bash
# Builds the native CLI, the wasm module for the page (settings in
# wasm-pack.toml) and the single-file page dist/dossier.html, then prints
# the wasm's size raw and gzipped.
set -euo pipefail
cd "$(dirname "$0")/.."

setting() { # setting SECTION KEY
  python3 - "$1" "$2" <<'PY'
import sys, tomllib
with open("wasm-pack.toml", "rb") as f:
    print(tomllib.load(f)[sys.argv[1]][sys.argv[2]])
PY
}
target=$(setting build target)
out_dir=$(setting build out-dir)
out_name=$(setting build out-name)
profile=$(setting build profile)
level=$(setting wasm-opt level)

cargo build --release --bin dossier
cargo build --lib --target wasm32-unknown-unknown --profile "$profile"
wasm-bindgen --target "$target" --out-dir "$out_dir" --out-name "$out_name" --no-typescript \
  "target/wasm32-unknown-unknown/$profile/dossier.wasm"
node_modules/.bin/wasm-opt "$level" --enable-bulk-memory --enable-reference-types \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue \
  "$out_dir/${out_name}_bg.wasm" -o "$out_dir/${out_name}_bg.wasm"
node scripts/build-dist.mjs

wasm="$out_dir/${out_name}_bg.wasm"
raw=$(stat -c %s "$wasm")
gz=$(gzip -9 -c "$wasm" | wc -c)
printf '[build] wasm: %s bytes raw, %s bytes gzipped (%s)\n' "$raw" "$gz" "$wasm"
printf '[build] single-file page: dist/dossier.html (%s bytes)\n' "$(stat -c %s dist/dossier.html)"
