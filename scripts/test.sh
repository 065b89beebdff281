#!/usr/bin/env bash
# The whole test suite: set up, lint, then pytest. CI runs exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh dev
export HF_HUB_OFFLINE=1
.venv/bin/ruff check .
.venv/bin/ruff format --check .
# Two workers, whole files to each (the 315-report index is built once; see tests/conftest.py).
# Later options win: `bash scripts/test.sh -n 0` runs in one process.
.venv/bin/python -m pytest -n 2 --dist loadfile "$@"
