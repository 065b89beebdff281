"""After a restart, embedded and server stores give the same results: the embedded store with
all 315 real reports (the session's shared index, about 12,800 chunks), the server store with
30 reports (about 1,200 chunks, past Chroma's 1,000-row sync threshold of its HNSW index)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from tests.conftest import OFSTED, needs_shared, start_chroma_server

pytestmark = [needs_shared, pytest.mark.shared]

QUESTIONS = [
    "What did inspectors say about CAMHS waiting times?",
    "return home interviews for children who go missing",
    "quality of supervision of social workers",
    "care leavers living in unsuitable accommodation",
    "private fostering arrangements",
    "caseloads and workforce stability",
    "child sexual exploitation and contextual safeguarding",
    "unaccompanied asylum-seeking children",
    "pre-proceedings and the public law outline",
    "disabled children's assessments",
]
SERVER_REPORT_COUNT = 30  # about 1,200 chunks

# Run in a fresh interpreter: nothing cached from the indexing process can help it.
_FRESH_PROCESS = """
import json, sys
from reportqa.assistant import Assistant
assistant = Assistant()
print(json.dumps([[p.chunk_id for p in assistant.retriever.retrieve(q, k=10)] for q in json.load(sys.stdin)]))
"""


def _top_ids(assistant: Assistant) -> list[list[str]]:
    return [[p.chunk_id for p in assistant.retriever.retrieve(q, k=10)] for q in QUESTIONS]


def _top_ids_in_new_process(settings: Settings) -> list[list[str]]:
    env = {
        **os.environ,
        "REPORTQA_DATA_DIR": str(settings.data_dir),
        "REPORTQA_CHROMA_HOST": settings.chroma_host,
        "REPORTQA_CHROMA_PORT": str(settings.chroma_port),
    }
    done = subprocess.run(
        [sys.executable, "-c", _FRESH_PROCESS],
        input=json.dumps(QUESTIONS),
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("restart-corpus")
    for path in sorted(OFSTED.glob("*.pdf"))[:SERVER_REPORT_COUNT]:
        shutil.copy(path, folder / path.name)
    return folder


def test_embedded_store_after_restart(ofsted_settings, embed_model):
    # The index of all 315 reports the quality tests share (indexed once per session); a new
    # process on it is a restart of the service that indexed it.
    before = _top_ids(Assistant(ofsted_settings, embed_model=embed_model))
    assert all(len(ids) == 10 for ids in before)
    assert _top_ids_in_new_process(ofsted_settings) == before


def test_server_store_after_server_restart(tmp_path, corpus, embed_model):
    server, port = start_chroma_server(tmp_path / "chroma")
    settings = Settings(
        data_dir=tmp_path / "data", corpus_dir=corpus, chroma_host="127.0.0.1", chroma_port=port
    )
    try:
        summary = Indexer(settings, embed_model=embed_model).index()
        assert summary.chunks_written >= 1000
        before = _top_ids(Assistant(settings, embed_model=embed_model))
        server.terminate()
        server.wait(30)
        server, _ = start_chroma_server(tmp_path / "chroma", port)
        assert _top_ids_in_new_process(settings) == before
    finally:
        server.terminate()
        server.wait(30)
