#!/usr/bin/env bash
# The main job: install what is missing, build the CLI, the wasm and the
# page, then serve the page on 127.0.0.1 (PORT, default 8000) and print its
# address. "Load sample coverage" on the page analyzes the built-in sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo "[start] the single-file page dist/dossier.html also works opened straight from disk"
exec node scripts/serve.mjs "${PORT:-8000}"
