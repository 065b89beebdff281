"""A Chroma server that stops mid-session, and stores re-opened after a restart."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from gradio_client import Client

from tests.app.conftest import start_app
from tests.app.test_app_client import _ask, _text
from tests.conftest import start_chroma_server

pytestmark = pytest.mark.server


def _cli(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reportqa.cli", *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )


def test_chroma_server_stops_mid_session_then_recovers(tmp_path):
    chroma, port = start_chroma_server(tmp_path / "chroma")
    env = {
        "REPORTQA_CHROMA_HOST": "127.0.0.1",
        "REPORTQA_CHROMA_PORT": str(port),
        "REPORTQA_DATA_DIR": str(tmp_path / "data"),
    }
    app, url, corpus = start_app(tmp_path, env)
    try:
        client = Client(url, verbose=False)
        chat, _, _ = _ask(client, "What did inspectors say about CAMHS waits?")
        assert "waiting lists for CAMHS" in _text(chat[-1]) and "unreachable" not in _text(chat[-1])

        chroma.terminate()
        chroma.wait(20)
        time.sleep(1.2)  # past the once-a-second store check
        # The app keeps answering from its in-memory copy, and says so.
        chat, sources, _ = _ask(client, "What about RHIs?")
        assert "return home interviews" in _text(chat[-1])
        assert "index store is unreachable" in _text(chat[-1])
        assert 'class="src-card"' in sources and "Copy quote" in sources
        # A new process has no copy: the CLI says what is wrong, without a traceback.
        down = _cli({**env, "REPORTQA_CORPUS_DIR": str(corpus)}, "ask", "What about RHIs?")
        assert down.returncode == 2
        assert f"Chroma server http://127.0.0.1:{port}" in " ".join(down.stderr.split())
        assert "Traceback" not in down.stderr

        chroma, _ = start_chroma_server(tmp_path / "chroma", port)
        time.sleep(1.2)
        chat, _, _ = _ask(client, "What did inspectors say about CAMHS waits?")
        assert "waiting lists for CAMHS" in _text(chat[-1]) and "unreachable" not in _text(chat[-1])
        back = _cli({**env, "REPORTQA_CORPUS_DIR": str(corpus)}, "ask", "--json", "What about RHIs?")
        assert back.returncode == 0 and json.loads(back.stdout)["citations"]
    finally:
        app.terminate()
        app.wait(20)
        chroma.terminate()
        chroma.wait(20)


def test_chroma_server_killed_mid_index_is_a_clear_error(tmp_path, corpus_copy, embed_model):
    from indexing.pipeline import Indexer, Step
    from reportqa.settings import Settings
    from vectorstore.chroma_store import StoreUnavailableError

    chroma, port = start_chroma_server(tmp_path / "chroma")
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=corpus_copy, chroma_host="127.0.0.1", chroma_port=port
    )

    def kill_on_first_file(step: Step) -> None:
        if chroma.poll() is None:
            chroma.kill()
            chroma.wait(20)

    try:
        with pytest.raises(StoreUnavailableError, match="Cannot write to Chroma server"):
            Indexer(settings, embed_model=embed_model).index(progress=kill_on_first_file)
    finally:
        chroma.kill()
