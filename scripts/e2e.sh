#!/usr/bin/env bash
# Runs the page's tests: the DOM-free unit tests (tests/js) and the
# Playwright end-to-end specs (tests/e2e) in Debian's headless Chromium.
# Assumes scripts/setup.sh and scripts/build.sh have run (www/pkg and
# dist/dossier.html exist). Screenshots land in tests/e2e/out/.
set -euo pipefail
cd "$(dirname "$0")/.."

for f in www/pkg/dossier_bg.wasm www/pkg/dossier.js www/vendor/force.js dist/dossier.html; do
  [ -f "$f" ] || { echo "e2e: $f is missing; run 'bash scripts/build.sh' first" >&2; exit 1; }
done

node --test tests/js/
# Node 20's runner does not pick up *.spec.mjs from a folder by itself, so
# the specs are named; two at a time keeps two cores busy without thrashing.
node --test --test-concurrency=2 tests/e2e/*.spec.mjs
