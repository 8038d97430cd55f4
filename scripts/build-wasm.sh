#!/usr/bin/env bash
# Builds the wasm module with the settings of wasm-pack.toml (cargo profile,
# wasm-bindgen target and names, wasm-opt level) into OUT_DIR, default the
# page's out-dir (www/pkg). The page build and the wasm benchmarks share it.
#
#   scripts/build-wasm.sh [OUT_DIR]
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
out_dir=${1:-$(setting build out-dir)}
out_name=$(setting build out-name)
profile=$(setting build profile)
level=$(setting wasm-opt level)
target_dir=${CARGO_TARGET_DIR:-target}

cargo build --quiet --lib --target wasm32-unknown-unknown --profile "$profile"
wasm-bindgen --target "$target" --out-dir "$out_dir" --out-name "$out_name" --no-typescript \
  "$target_dir/wasm32-unknown-unknown/$profile/dossier.wasm"
node_modules/.bin/wasm-opt "$level" --enable-bulk-memory --enable-reference-types \
  --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-multivalue --enable-simd \
  "$out_dir/${out_name}_bg.wasm" -o "$out_dir/${out_name}_bg.wasm"
