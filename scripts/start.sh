#!/usr/bin/env bash
# The main job: set up (first time only), index new or changed files of corpus/, then serve
# the chat and print the address to open. Indexing and serving share one process.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
exec .venv/bin/reportqa serve --index-first "$@"
