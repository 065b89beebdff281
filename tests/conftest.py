"""Shared fixtures: the real embedding model (loaded once), temporary stores, real reports."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from reportqa.settings import PROJECT_DIR, Settings

SHARED = (PROJECT_DIR.parent / "shared").resolve()
OFSTED = SHARED / "ofsted"
CORPUS = PROJECT_DIR / "corpus"

needs_shared = pytest.mark.skipif(
    not OFSTED.is_dir(), reason="../shared/ofsted (real Ofsted reports) is not beside this clone"
)


@pytest.fixture(scope="session")
def embed_model():
    from vectorstore.embeddings import load_embedding_model

    return load_embedding_model(Settings())


@pytest.fixture
def make_settings(tmp_path):
    def make(**overrides) -> Settings:
        values = {"data_dir": tmp_path / "data", "corpus_dir": tmp_path / "corpus", **overrides}
        return Settings(**values)

    return make


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the shipped corpus."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_chroma_server(path: Path, port: int | None = None) -> tuple[subprocess.Popen, int]:
    """A real `chroma run` on loopback, returned once it accepts connections."""
    chroma = Path(sys.executable).parent / "chroma"
    if not chroma.exists():
        pytest.skip("the chroma CLI is not installed in this environment")
    port = port or free_port()
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(path), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.3)
    proc.kill()
    pytest.fail("chroma run did not start listening within 60 s")


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` on a free loopback port, for server-mode tests."""
    path = tmp_path_factory.mktemp("chroma-server")
    proc, port = start_chroma_server(path)
    yield {"host": "127.0.0.1", "port": port, "process": proc, "path": path}
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
def ofsted_settings(tmp_path_factory, embed_model) -> Settings:
    """All real Ofsted reports in ../shared/ofsted indexed once per test session (~3 minutes).

    Answer quality, scope and facts are measured at realistic scale: a council filter or a
    boilerplate rule that works on nine reports can fail on 315. ``scripts/test.sh`` runs the
    suite in two pytest-xdist workers: the index is built once, in the shared temporary folder,
    under a lock (xdist's recipe for a session fixture made once).
    """
    if not OFSTED.is_dir():
        pytest.skip("../shared/ofsted (real Ofsted reports) is not beside this clone")
    from indexing.pipeline import Indexer

    if not os.environ.get("PYTEST_XDIST_WORKER"):  # one process: its own temporary folder
        root = tmp_path_factory.mktemp("ofsted-all")
    else:  # pytest-xdist: the first worker to need it builds it, the others wait and read it
        root = tmp_path_factory.getbasetemp().parent / "ofsted-all"
    settings = Settings(data_dir=root / "data", corpus_dir=OFSTED)
    with FileLock(str(root) + ".lock"):
        if not (root / "built").exists():
            summary = Indexer(settings, embed_model=embed_model).index(sorted(OFSTED.glob("*.pdf")))
            failed = [(o.name, o.reason) for o in summary.outcomes if o.status == "skipped"]
            assert not summary.failed, failed
            (root / "built").touch()
    return settings


@pytest.fixture(scope="session")
def ofsted_assistant(ofsted_settings, embed_model):
    from reportqa.assistant import Assistant

    return Assistant(ofsted_settings, embed_model=embed_model)
