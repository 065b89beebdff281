"""The real app, started as a separate process on a free loopback port."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from tests.conftest import CORPUS, free_port


def start_app(root, extra_env: dict | None = None, corpus=None):
    """``reportqa serve --index-first`` (as start.sh runs it) with its data folder in ``root``;
    the corpus is a copy of the shipped one in ``root`` unless another folder is given."""
    if corpus is None:
        corpus = root / "corpus"
        if not corpus.exists():
            shutil.copytree(CORPUS, corpus)
    port = free_port()
    env = {
        **os.environ,
        "REPORTQA_DATA_DIR": str(root / "data"),
        "REPORTQA_CORPUS_DIR": str(corpus),
        "HF_HUB_OFFLINE": "1",
        **(extra_env or {}),
    }
    log = open(root / "app.log", "w")  # noqa: SIM115 - kept open for the process lifetime
    proc = subprocess.Popen(
        [sys.executable, "-m", "reportqa.cli", "serve", "--index-first", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError((root / "app.log").read_text())
        try:
            urllib.request.urlopen(url + "gradio_api/info", timeout=2)
            break
        except urllib.error.HTTPError:  # answering, if only "log in first"
            break
        except Exception:
            time.sleep(0.5)
    else:
        proc.kill()
        raise RuntimeError("the app did not start within 120 s")
    return proc, url, corpus


@pytest.fixture(scope="module")
def running_app(tmp_path_factory):
    root = tmp_path_factory.mktemp("app")
    proc, url, corpus = start_app(root)
    yield {"url": url, "corpus": corpus, "root": root}
    proc.terminate()
    proc.wait(20)
