#!/usr/bin/env bash
# HTML ingest speed in wasm (issue 4: median ms/page, target <= 5 ms): the
# 181 saved pages of ../shared/data/article-extraction, the same pages
# `extract eval-html` times natively.
#
#   scripts/bench-extract.sh [RUNS=5]
#
# Prints:
#   1. Dossier native, single thread: `extract eval-html` (F1 and median
#      ms/page);
#   2. Dossier in wasm in headless Chromium (`bench/wasm-extract.mjs`: the
#      exported `ingestHtml`, the same path as native `ingest` on a page's
#      bytes; one untimed warm-up pass, then RUNS passes, each page timed by
#      its fastest pass; median and mean ms/page over the pages).
# Environment: DATA (default ../shared/data), CARGO_TARGET_DIR (default
# target). The wasm is built with the page's settings (wasm-pack.toml:
# profile wasm, wasm-bindgen --target web, npm binaryen's wasm-opt) into a
# temporary folder; www/ is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}
DATA=${DATA:-../shared/data}
TARGET=${CARGO_TARGET_DIR:-target}

[ -f "$DATA/article-extraction/ground-truth.json" ] || {
  echo "bench-extract: $DATA/article-extraction not found" >&2
  exit 1
}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "[bench-extract] building (native release, wasm profile 'wasm')" >&2
cargo build --quiet --release --bin extract
bash scripts/build-wasm.sh "$tmp"

echo "== Dossier native (single thread) =="
"$TARGET/release/extract" eval-html --data "$DATA" | tee "$tmp/native.txt"
native=$(sed -n 's/.*html speed: median \([0-9.]*\) ms\/page.*/\1/p' "$tmp/native.txt")

echo "== Dossier wasm (headless Chromium) =="
node bench/wasm-extract.mjs "$tmp" "$DATA/article-extraction" "$RUNS" | tee "$tmp/wasm.json"
field() { node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8"))[process.argv[2]])' "$tmp/wasm.json" "$1"; }
wasm=$(field median_ms_per_page)
printf 'wasm: median %s ms/page, mean %s ms/page (%s pages, fastest of %s passes each); module start %s ms\n' \
  "$wasm" "$(field mean_ms_per_page)" "$(field pages)" "$RUNS" "$(field init_ms)"
echo "== summary =="
printf 'html ingest: native %s ms/page; wasm %s ms/page (median over pages; target <= 5 ms)\n' "$native" "$wasm"
