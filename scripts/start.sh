#!/usr/bin/env bash
# The main job: set up, index corpus/ if needed (incremental: unchanged files cost nothing),
# then start the chat app, or fall back to an interactive `reportqa ask` loop.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export HF_HUB_OFFLINE=1
.venv/bin/reportqa index || echo "Some files were skipped (see above); continuing with the rest."
if .venv/bin/reportqa --help | grep -q " serve"; then
  exec .venv/bin/reportqa serve "$@"
fi
exec .venv/bin/reportqa ask --interactive "$@"
