#!/usr/bin/env bash
# Score a QA set against an index of ALL the real Ofsted reports in ../shared/ofsted (315 PDFs).
#   bash scripts/eval-ofsted.sh [QA_FILE] [reportqa eval options...]
# The index lives in ./data-ofsted (git-ignored) and is built once (~3-4 minutes on 2 cores);
# later runs only re-index what changed. Default QA file: the held-out test split.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
export HF_HUB_OFFLINE=1
export REPORTQA_DATA_DIR="${REPORTQA_DATA_DIR:-$PWD/data-ofsted}"
reports="${REPORTQA_OFSTED_DIR:-../shared/ofsted}"
if ! compgen -G "$reports/*.pdf" >/dev/null; then
  echo "No Ofsted PDFs in $reports (set REPORTQA_OFSTED_DIR)." >&2
  exit 2
fi
qa="${1:-evaluation/sets/ofsted-test.jsonl}"
shift || true
.venv/bin/reportqa index "$reports"/*.pdf
.venv/bin/reportqa eval "$qa" --out "eval-$(basename "$qa" .jsonl)" "$@"
