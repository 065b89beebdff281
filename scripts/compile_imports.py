"""Compile, once at set-up, the modules reportqa imports, and only those.

The environment is installed with ``pip --no-compile``: precompiling everything took a third
of the set-up time and a quarter of the space, mostly for code that is never imported
(Chroma's Kubernetes client alone is 126 MB). Importing what the app, the CLI and indexing
use writes their bytecode, so that even where PYTHONDONTWRITEBYTECODE is set (as on CI
machines) every start reads compiled modules instead of compiling them again.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

import docx  # noqa: F401 - Word export
import matplotlib.pyplot  # noqa: F401 - charts
import pypdf  # noqa: F401 - reading PDFs
import pypdfium2  # noqa: F401 - rendering cited pages

from indexing.pipeline import Indexer  # noqa: F401
from reportqa.settings import PROJECT_DIR, Settings
from vectorstore.chroma_store import ReportStore

sys.path.insert(0, str(PROJECT_DIR))  # app.py is a script beside the packages, not one of them
import app  # noqa: F401 - the chat and everything it imports (Gradio, the library)

data_dir = Path(tempfile.mkdtemp(prefix="reportqa-compile-"))
os.environ["REPORTQA_DATA_DIR"] = str(data_dir)
ReportStore(Settings()).count()  # Chroma loads its client modules on first use
shutil.rmtree(data_dir, ignore_errors=True)
