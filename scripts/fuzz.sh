#!/usr/bin/env bash
# Runs the cargo-fuzz targets of fuzz/ (ingest, html, analyze), one or all
# at once, for SECONDS each (default 2100), at the lowest CPU priority.
# Installs cargo-fuzz when missing. Only the stable toolchain is needed:
# RUSTC_BOOTSTRAP=1 lets it take the nightly-only sanitizer flags.
#
#   scripts/fuzz.sh [TARGET|all] [SECONDS]
#   SANITIZER=none scripts/fuzz.sh html 60    # without AddressSanitizer
#
# New inputs go to fuzz/corpus/TARGET, crashes to fuzz/artifacts/TARGET,
# libFuzzer's log to fuzz/artifacts/TARGET.log. The hand-written seeds in
# fuzz/seeds/TARGET, the built-in sample and ../shared/samples/seeds (when
# present) are read as extra corpora, never copied. A crash becomes a test
# in tests/fuzz_regressions.rs.
set -euo pipefail
cd "$(dirname "$0")/.."

which=${1:-all}
seconds=${2:-2100}
sanitizer=${SANITIZER:-address}
export RUSTC_BOOTSTRAP=1

if ! cargo fuzz --version >/dev/null 2>&1; then
  nice -n 10 cargo install cargo-fuzz --locked
fi

targets=(ingest html analyze)
[ "$which" = all ] || targets=("$which")

cd fuzz
build=()
[ "$which" = all ] || build=("$which")
nice -n 10 cargo fuzz build --sanitizer "$sanitizer" --debug-assertions "${build[@]}"

run() { # run TARGET
  local t=$1 extra=()
  mkdir -p "corpus/$t" "artifacts/$t"
  [ -d ../../shared/samples/seeds ] && extra+=(../../shared/samples/seeds)
  extra+=(../sample)
  nice -n 19 cargo fuzz run --sanitizer "$sanitizer" --debug-assertions "$t" \
    "corpus/$t" "seeds/$t" "${extra[@]}" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -dict=markup.dict -print_final_stats=1 -artifact_prefix="artifacts/$t/" >"artifacts/$t.log" 2>&1
}

status=0
pids=()
for t in "${targets[@]}"; do
  run "$t" &
  pids+=($!)
done
for i in "${!targets[@]}"; do
  if wait "${pids[$i]}"; then
    echo "${targets[$i]}: no crash"
  else
    echo "${targets[$i]}: FAILED; see fuzz/artifacts/${targets[$i]}.log and fuzz/artifacts/${targets[$i]}/"
    status=1
  fi
  grep -E '^(stat::|Done )' "artifacts/${targets[$i]}.log" || true
done
exit $status
