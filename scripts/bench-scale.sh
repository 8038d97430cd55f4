#!/usr/bin/env bash
# Issue 7's scaling curve: time and peak memory of the command line on
# generated corpora of 1, 10, 100, 1,000 and 10,000 documents, whether the
# cost grows linearly, and the in-tab figure for the largest one.
#
#   scripts/bench-scale.sh
#
# For each size N in $SIZES (default "1 10 100 1000 10000"), `gencorpus N`
# (seed $SEED, default 7; about 5 KB a document) writes the corpus, then:
#   - `dossier analyze DIR -o /dev/null`, pinned to core $CPU (default 1),
#     under /usr/bin/time: wall seconds and peak RSS (process start, reading
#     the files and writing the report included);
#   - at the largest size only, `dossier analyze` again on every core
#     (its default: one thread per core for the documents; the corpus step
#     and the report stay on one), printed after the table;
#   - `throughput DIR --runs 1`: the same work in process, split into the
#     per-document stages (ingest, annotate) and the batch stages (corpus,
#     report), so a batch step growing faster than the documents shows.
# Printed per size: MB, s, MB/s, peak RSS, RSS / input, the per-document
# cost relative to the previous size (1.0 = linear; the small sizes are
# dominated by process start and the model's load), and the same ratio for
# the batch stages alone.
# Then the largest size through the wasm Analyzer in one headless Chromium
# tab (bench/wasm-pipeline.mjs --once): seconds, MB/s, wasm memory (its
# peak), JS heap, and the renderer's peak RSS; and through the real page
# (bench/page-batch.mjs: the folder chosen with the file picker, analyzed
# by the page's pool of one worker per core, until the report is shown).
# TAB=0 skips both.
# Then one long document: the largest corpus's text files joined and cut
# at $LONG bytes (default 17,500,000; the largest input analyzed is 32 MiB),
# `dossier analyze FILE` pinned to core $CPU: seconds and peak RSS (a
# single document's peak is its own annotations, not the corpus step's).
# Skipped when those files hold fewer bytes.
# CARGO_TARGET_DIR is honoured; the wasm is built into a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"1 10 100 1000 10000"}
SEED=${SEED:-7}
CPU=${CPU:-1}
TAB=${TAB:-1}
LONG=${LONG:-17500000}
TARGET=${CARGO_TARGET_DIR:-target}
pin() { if command -v taskset >/dev/null; then taskset -c "$CPU" "$@"; else "$@"; fi; }
say() { echo "[bench-scale] $*" >&2; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

say "building"
cargo build --quiet --release --bin dossier --bin throughput --bin gencorpus
[ "$TAB" = 0 ] || bash scripts/build-wasm.sh "$tmp/pkg"
# the page imports www/vendor/ (generated, git-ignored)
[ "$TAB" = 0 ] || node scripts/build-vendor.mjs >&2

: >"$tmp/rows"
largest=
for n in $SIZES; do
  dir="$tmp/c$n"
  "$TARGET/release/gencorpus" "$n" "$dir" --seed "$SEED" >&2
  bytes=$(find "$dir" -type f -printf '%s\n' | awk '{s += $1} END {print s}')
  say "$n documents: dossier analyze"
  /usr/bin/time -f '%e %M' -o "$tmp/time" taskset -c "$CPU" "$TARGET/release/dossier" analyze "$dir" -o /dev/null
  read -r secs rss_kb <"$tmp/time"
  say "$n documents: throughput (stages)"
  stages=$(pin "$TARGET/release/throughput" "$dir" --runs 1 |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => { const j = JSON.parse(s); console.log(j.documents_s, j.batch_s); })')
  echo "$n $bytes $secs $rss_kb $stages" >>"$tmp/rows"
  largest=$dir
  [ "$n" = "$(echo "$SIZES" | awk '{print $NF}')" ] || rm -rf "$dir"
done
say "largest corpus: dossier analyze on every core"
/usr/bin/time -f '%e %M' -o "$tmp/time-all" "$TARGET/release/dossier" analyze "$largest" -o /dev/null

echo "== dossier analyze DIR -o /dev/null, one thread (load $(cut -d' ' -f1-3 /proc/loadavg)) =="
awk 'BEGIN {
  printf "%7s %8s %8s %7s %10s %9s %10s %10s %10s %10s\n", "docs", "MB", "s", "MB/s", "peakRSS MB", "RSS/input", "per-doc x", "docs s", "batch s", "batch x"
}
{
  # peak RSS in MB (10^6 bytes, as the input): GNU time gives KiB
  n = $1; mb = $2 / 1e6; s = $3; rss = $4 * 1024 / 1e6; ds = $5; bs = $6
  lin = (pn ? sprintf("%.2f", (s / n) / (ps / pn)) : "-")
  blin = (pn && pb > 0 ? sprintf("%.2f", (bs / n) / (pb / pn)) : "-")
  printf "%7d %8.2f %8.2f %7.2f %10.0f %9.2f %10s %10.3f %10.3f %10s\n", n, mb, s, mb / s, rss, rss / mb, lin, ds, bs, blin
  pn = n; ps = s; pb = bs
}' "$tmp/rows"
echo "per-doc x: seconds per document over the previous size's (1.00 = linear); batch: corpus + report + JSON"
read -r all_secs all_kb <"$tmp/time-all"
read -r _ last_bytes last_secs _ < <(tail -n 1 "$tmp/rows")
awk -v s="$all_secs" -v kb="$all_kb" -v b="$last_bytes" -v one="$last_secs" -v cores="$(nproc)" 'BEGIN {
  printf "same largest corpus on %d cores: %.2f s (%.2f MB/s, %.2fx one thread), peak RSS %.0f MB (%.2fx input)\n", cores, s, b / 1e6 / s, one / s, kb * 1024 / 1e6, kb * 1024 / b
}'

text_bytes=$(find "$largest" -type f -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')
if [ "$text_bytes" -ge "$LONG" ]; then
  say "one long text file of $LONG bytes"
  # (cat stops early, on a closed pipe, once head has its bytes)
  { find "$largest" -type f -name '*.txt' | sort | xargs cat 2>/dev/null || true; } | head -c "$LONG" >"$tmp/long.txt"
  /usr/bin/time -f '%e %M' -o "$tmp/time-long" taskset -c "$CPU" "$TARGET/release/dossier" analyze "$tmp/long.txt" -o /dev/null
  read -r long_secs long_kb <"$tmp/time-long"
  awk -v s="$long_secs" -v kb="$long_kb" -v b="$LONG" 'BEGIN {
    printf "one long text file (the largest corpus'"'"'s text files joined): %.1f MB in %.2f s, peak RSS %.1f MB (%.2fx input)\n", b / 1e6, s, kb * 1024 / 1e6, kb * 1024 / b
  }'
else
  say "one long text file skipped: the largest corpus has $text_bytes bytes of text files, fewer than LONG=$LONG"
fi

if [ "$TAB" != 0 ]; then
  say "largest corpus in one Chromium tab (wasm Analyzer)"
  node bench/wasm-pipeline.mjs "$tmp/pkg" "$largest" --once >"$tmp/tab.json"
  node -e '
const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const mb = (b) => (b == null ? "n/a" : (b / 1e6).toFixed(0) + " MB");
console.log(`== one tab, wasm Analyzer: ${j.docs} documents, ${mb(j.bytes)} ==`);
console.log(`${j.total_s.toFixed(1)} s (${j.mb_per_s} MB/s; addFile ${j.add_s.toFixed(1)} s, reportParts ${j.report_s.toFixed(1)} s, parse and join ${j.parse_s.toFixed(1)} s); ${j.entities} entities, ${j.stories} stories`);
console.log(`memory: wasm ${mb(j.wasm_memory_bytes)} (peak; ${mb(j.wasm_memory_after_add_bytes)} after the documents, before the report), JS heap ${mb(j.js_heap_used_bytes)}, renderer peak RSS ${mb(j.renderer_peak_rss_bytes)} (${(j.renderer_peak_rss_bytes / j.bytes).toFixed(1)}x input; the renderer also holds the fetched chunks)`);
' "$tmp/tab.json"
  say "largest corpus through the real page (file picker, worker pool)"
  node bench/page-batch.mjs "$tmp/pkg" "$largest" >"$tmp/page.json"
  node -e '
const j = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(`== the page, ${j.cores} cores (one pool worker each): ${j.documents} documents, ${j.mb} MB ==`);
const mb = (b) => (b == null ? "n/a" : (b / 1e6).toFixed(0) + " MB");
console.log(`${j.seconds} s to the shown report (${j.mb_per_s} MB/s; last document added at ${j.all_added_s} s); renderer peak RSS ${mb(j.renderer_peak_rss_bytes)} (${j.renderer_peak_over_input}x input)`);
console.log(`after the batch ${mb(j.renderer_rss_after_bytes)}, after a GC of the page ${mb(j.renderer_rss_after_gc_bytes)}; wasm memory of each worker ${(j.workers_wasm_memory_bytes ?? []).map(mb).join(", ")}`);
' "$tmp/page.json"
fi
