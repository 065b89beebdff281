"""Dense search chosen by how many passages the filters allow (`HybridRetriever._dense`): exact
over the snapshot's vectors for a named council or report at any corpus size, Chroma's HNSW
only for a question over more passages than ``exact_search_max``."""

from __future__ import annotations

import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from retrieval.filters import Filters

QUESTION = "What did inspectors say about supervision and management oversight?"


@pytest.fixture()
def assistant(corpus_copy, make_settings, embed_model):
    settings = make_settings()
    Indexer(settings, embed_model=embed_model).index()
    return Assistant(settings, embed_model=embed_model)


def _count_hnsw_queries(assistant: Assistant, monkeypatch) -> list[dict]:
    calls: list[dict] = []
    real = assistant.retriever.store.chunks.query
    monkeypatch.setattr(
        assistant.retriever.store.chunks, "query", lambda **kw: calls.append(kw) or real(**kw)
    )
    return calls


def test_a_named_report_is_searched_exactly_and_the_rest_through_hnsw(assistant, monkeypatch):
    snap = assistant.retriever.snapshot()
    report, rows = max(snap.rows_by_report.items(), key=lambda item: len(item[1]))
    exact = assistant.retriever.retrieve(QUESTION, Filters(report_id=(report,)), diversify=False)

    # A corpus "too large" for exact search: only the questions over more than it go to Chroma.
    assistant.settings.exact_search_max = len(rows)
    calls = _count_hnsw_queries(assistant, monkeypatch)
    scoped = assistant.retriever.retrieve(QUESTION, Filters(report_id=(report,)), diversify=False)
    assert calls == [] and [p.chunk_id for p in scoped] == [p.chunk_id for p in exact]
    assert {p.report_id for p in scoped} == {report}

    everywhere = assistant.retriever.retrieve(QUESTION)
    assert len(calls) == 1 and calls[0]["where"] is None
    assert everywhere and all(p.chunk_id in snap.row_of for p in everywhere)
