"""Two app replicas on one Chroma server, with indexing done by a third process (issue 15)."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from gradio_client import Client

from tests.app.conftest import start_app
from tests.app.test_app_client import _ask, _latest
from tests.conftest import CORPUS, start_chroma_server
from tests.pdfs import LOREM, write_report_pdf

pytestmark = pytest.mark.server


def test_two_replicas_on_one_chroma_server_both_answer_from_a_report_indexed_elsewhere(tmp_path):
    chroma, port = start_chroma_server(tmp_path / "chroma")
    server = {"REPORTQA_CHROMA_HOST": "127.0.0.1", "REPORTQA_CHROMA_PORT": str(port)}
    replicas = []
    try:
        for name in ("a", "b"):  # each with a data folder of its own, as on two machines
            (tmp_path / name).mkdir()
            proc, url, _ = start_app(tmp_path / name, server, corpus=CORPUS)
            replicas.append((proc, Client(url, verbose=False)))
        for _, client in replicas:  # both serve what is indexed, before the new report
            _, sources, _ = _ask(client, "How do Replicashire's mentors help care leavers find work?")
            assert "Replicashire" not in _latest(sources)

        reports = tmp_path / "new-reports"
        reports.mkdir()
        finding = "Replicashire's mentors help care leavers find work."
        write_report_pdf(
            reports / "replicashire.pdf", [[("heading", "Care leavers"), ("para", f"{finding} {LOREM}")]]
        )
        indexer_env = {
            **os.environ,
            **server,
            "REPORTQA_DATA_DIR": str(tmp_path / "indexer"),
            "HF_HUB_OFFLINE": "1",
        }
        done = subprocess.run(
            [sys.executable, "-m", "reportqa.cli", "index", str(reports)],
            env=indexer_env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        indexed_at = time.monotonic()

        for _, client in replicas:  # each replica notices the new generation on its own
            _, sources, _ = _ask(client, "How do Replicashire's mentors help care leavers find work?")
            assert "mentors help care leavers find work." in _latest(sources)  # (the apostrophe is escaped)
        assert time.monotonic() - indexed_at < 30
    finally:
        for proc, _ in replicas:
            proc.terminate()
            proc.wait(20)
        chroma.terminate()
        chroma.wait(20)
