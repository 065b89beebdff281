"""The retrieval snapshot saved beside the index: later processes load it, never a stale one."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from retrieval import snapshot_read
from tests.conftest import CORPUS, start_chroma_server
from tests.pdfs import write_report_pdf
from vectorstore.chroma_store import ReportStore

QUESTION = "What did inspectors say about supervision?"


@pytest.fixture()
def settings(tmp_path, embed_model) -> Settings:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    Indexer(settings, embed_model=embed_model).index()
    return settings


def _saved(settings: Settings) -> list[str]:
    folder = settings.data_dir / "snapshot"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _refuse_full_reads(assistant: Assistant, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise AssertionError("read every passage from the store")

    monkeypatch.setattr(assistant.retriever.store, "chunk_pages", refuse)


def test_a_later_process_answers_from_the_saved_snapshot_without_reading_the_store(
    settings, embed_model, monkeypatch
):
    first = Assistant(settings, embed_model=embed_model)
    expected = first.ask(QUESTION)
    first.retriever.snapshots.wait_for_file()
    assert len(_saved(settings)) == 1

    later = Assistant(settings, embed_model=embed_model)
    _refuse_full_reads(later, monkeypatch)
    answer = later.ask(QUESTION)
    assert [(c.chunk_id, c.quote) for c in answer.citations] == [
        (c.chunk_id, c.quote) for c in expected.citations
    ]
    assert later.retriever.snapshot().templates == first.retriever.snapshot().templates


def test_an_index_change_is_never_answered_from_the_old_snapshot(settings, embed_model, tmp_path):
    Assistant(settings, embed_model=embed_model).retriever.snapshots.wait_for_file()
    before = _saved(settings)
    sentence = "Every care leaver is offered a paid apprenticeship through the zephyrine programme."
    new = write_report_pdf(tmp_path / "zephyr.pdf", [[("heading", "Care leavers"), ("para", sentence)]])
    Indexer(settings, embed_model=embed_model).index([new])

    later = Assistant(settings, embed_model=embed_model)
    answer = later.ask("What is the zephyrine programme?")
    assert answer.citations and answer.citations[0].report == new.name
    later.retriever.snapshots.wait_for_file()
    after = _saved(settings)
    assert len(set(after) - set(before)) == 1  # the new state saved under its own key
    assert set(before) <= set(after)  # the old one kept a while, for replicas still on it


def test_a_damaged_snapshot_file_is_read_from_the_store_and_replaced(settings, embed_model):
    first = Assistant(settings, embed_model=embed_model)
    expected = first.ask(QUESTION)
    first.retriever.snapshots.wait_for_file()
    (saved,) = _saved(settings)
    texts = settings.data_dir / "snapshot" / saved / "texts.bin"
    texts.write_bytes(texts.read_bytes()[:1000])  # cut short

    again = Assistant(settings, embed_model=embed_model)
    answer = again.ask(QUESTION)
    assert [c.quote for c in answer.citations] == [c.quote for c in expected.citations]
    again.retriever.snapshots.wait_for_file()
    assert _saved(settings) == [saved]
    assert texts.stat().st_size > 10_000  # written again, whole


def test_nothing_is_saved_while_an_indexing_run_is_writing(settings, embed_model):
    before = _saved(settings)  # the file the indexer prepared for the state it stamped
    store_user = Assistant(settings, embed_model=embed_model)
    stamp = store_user.store.stamp()
    store_user.store.set_dirty(True, stamp["embed_model"], stamp["chunking_version"])  # as a run starts
    store_user.retriever.snapshot()
    store_user.retriever.snapshots.wait_for_file()
    assert _saved(settings) == before


def test_the_indexer_prepares_the_file_so_no_reader_reads_the_store(
    settings, embed_model, tmp_path, monkeypatch
):
    (saved,) = _saved(settings)  # the fixture's index run prepared it
    reader = Assistant(settings, embed_model=embed_model)
    _refuse_full_reads(reader, monkeypatch)
    reader.ask(QUESTION)
    # A run that changes nothing keeps the state, and so the file, readers have.
    Indexer(settings, embed_model=embed_model).index()
    assert _saved(settings) == [saved] and reader.retriever.snapshot().version[1] == reader.store.generation()

    # A new report: the indexer starts from the saved file and reads only that report, and a
    # running reader loads the file it prepared rather than reading the store.
    sentence = "Every care leaver is offered a paid apprenticeship through the zephyrine programme."
    new = write_report_pdf(tmp_path / "zephyr.pdf", [[("heading", "Care leavers"), ("para", sentence)]])
    indexer = Indexer(settings, embed_model=embed_model)
    reads: list[dict] = []
    real_pages = indexer.store.chunk_pages
    monkeypatch.setattr(indexer.store, "chunk_pages", lambda **kw: reads.append(kw) or real_pages(**kw))
    indexer.index([new])
    assert [r["where"] for r in reads] == [{"report_id": {"$in": [new.name]}}]
    assert len(_saved(settings)) == 2
    reader.retriever.invalidate()
    answer = reader.ask("What is the zephyrine programme?")
    assert answer.citations and answer.citations[0].report == new.name
    # What the indexer built from the older file is what a full read of the store gives.

    loaded = reader.retriever.snapshot()
    fresh = Assistant(Settings(**{**settings.model_dump(), "snapshot_file": False}), embed_model=embed_model)
    full = fresh.retriever.snapshot()
    assert list(loaded.ids) == list(full.ids) and list(loaded.texts) == list(full.texts)
    assert list(loaded.metas) == list(full.metas)
    assert np.array_equal(np.asarray(loaded.vectors), np.asarray(full.vectors))


def test_a_reader_keeps_its_snapshot_while_a_run_writes(settings, embed_model):
    reader = Assistant(settings, embed_model=embed_model)
    before = reader.ask(QUESTION)
    stamp = reader.store.stamp()
    reader.store.set_dirty(True, stamp["embed_model"], stamp["chunking_version"])  # a run starts
    reader.store.delete_chunks(before.citations[0].report)  # and is half way through
    reader.retriever.invalidate()
    during = reader.ask(QUESTION)
    assert [c.quote for c in during.citations] == [c.quote for c in before.citations]


def test_a_cli_question_leaves_the_snapshot_saved_for_the_next_command(settings):
    """The save runs in the background; the process must not exit before it is written."""
    env = {**os.environ, "REPORTQA_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "reportqa.cli", "ask", QUESTION], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    (saved,) = _saved(settings)
    assert (settings.data_dir / "snapshot" / saved / "vectors.npy").is_file()


def test_after_reports_are_added_changed_and_removed_only_those_are_read_again(
    settings, embed_model, tmp_path, monkeypatch
):
    """A running process updates its snapshot per report, and ends up with exactly what a
    full read of the store gives."""

    running = Assistant(settings, embed_model=embed_model)
    running.retriever.snapshot()
    # An indexer that prepares no file (as with REPORTQA_SNAPSHOT_FILE=false): the running
    # process updates its own copy.
    indexer = Indexer(Settings(**{**settings.model_dump(), "snapshot_file": False}), embed_model=embed_model)
    new = write_report_pdf(
        tmp_path / "corpus" / "zephyr.pdf",
        [[("heading", "Care leavers"), ("para", "Every care leaver is offered a paid apprenticeship.")]],
    )
    changed = sorted((tmp_path / "corpus").glob("*.txt"))[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nA line added since.\n", encoding="utf-8")
    indexer.index([tmp_path / "corpus"])
    removed = next(rid for rid in running.store.report_records() if rid not in (new.name, changed.name))
    indexer.remove(removed)

    reads = []
    pages = running.store.chunk_pages  # every read of passages goes through it
    monkeypatch.setattr(
        running.store,
        "chunk_pages",
        lambda where=None, **kw: reads.append(where) or pages(where=where, **kw),
    )
    running.retriever.invalidate()
    updated = running.retriever.snapshot()
    assert reads and all(where is not None for where in reads)  # never the whole store
    assert sorted(reads[0]["report_id"]["$in"]) == sorted([new.name, changed.name])

    fresh = Assistant(Settings(**{**settings.model_dump(), "snapshot_file": False}), embed_model=embed_model)
    full = fresh.retriever.snapshot()
    assert list(updated.ids) == list(full.ids) and list(updated.texts) == list(full.texts)
    assert list(updated.metas) == list(full.metas)
    assert np.array_equal(np.asarray(updated.vectors), np.asarray(full.vectors))
    assert updated.layout.reports == full.layout.reports  # merged, not read from every row
    assert np.array_equal(updated.layout.opens_section, full.layout.opens_section)
    assert updated.shape_reports == full.shape_reports and updated.words == full.words
    assert "shape_reports" in updated.__dict__  # counted again only where reports changed
    assert removed not in {m["report_id"] for m in updated.metas}
    assert running.ask("What is offered to every care leaver?").citations[0].report == new.name


def test_report_facts_are_saved_with_the_snapshot_and_kept_across_an_update(
    settings, embed_model, monkeypatch
):
    import indexing.facts
    import retrieval.snapshot

    first = Assistant(settings, embed_model=embed_model)
    first.ask(QUESTION)
    first.retriever.snapshots.wait_for_file()
    built = first.retriever.snapshot()
    reports = list(built.rows_by_report)
    expected = {
        rid: indexing.facts.extract_facts(rid, [(built.ids[r], built.texts[r], built.metas[r]) for r in rows])
        for rid, rows in built.rows_by_report.items()
    }
    assert any(facts.facts for facts in expected.values())

    def refuse(*args, **kwargs):
        raise AssertionError("facts extracted again")

    monkeypatch.setattr(retrieval.snapshot, "extract_facts", refuse)
    loaded = Assistant(settings, embed_model=embed_model).retriever.snapshot()
    assert {rid: loaded.facts(rid) for rid in reports} == expected  # read from the file

    # An upload: the new report's facts are extracted, the others' kept from the snapshot before.
    later = Assistant(settings, embed_model=embed_model)
    later.retriever.snapshot().words  # noqa: B018 - computed, so that the update can carry it
    sentence = "Every care leaver is offered a paid apprenticeship through the zephyrine programme."
    pages = [[("heading", "Care leavers"), ("para", sentence)]]
    new = write_report_pdf(settings.corpus_dir / "zephyr.pdf", pages)
    Indexer(settings, embed_model=embed_model).index([new])
    extracted: list[str] = []
    monkeypatch.setattr(
        retrieval.snapshot,
        "extract_facts",
        lambda rid, rows: extracted.append(rid) or indexing.facts.extract_facts(rid, rows),
    )
    later.retriever.invalidate()
    updated = later.retriever.snapshot()
    assert {rid: updated.facts(rid) for rid in reports} == expected
    updated.facts(new.name)
    assert extracted == [new.name]
    # A report only added: the word set is carried over with the new report's words, exactly.
    assert new.name in updated.rows_by_report
    assert "words" in updated.__dict__ and "zephyrine" in updated.words
    assert updated.words == retrieval.snapshot.words_in(updated.texts)


def test_the_store_is_read_a_page_at_a_time_into_files_that_leave_nothing_behind(settings, monkeypatch):
    """The first read of a store (`retrieval.snapshot_read`) holds one page in memory, not the
    store: the same rows, in chunk-id order, as reading everything at once."""
    monkeypatch.setattr(snapshot_read, "PAGE", 7)
    store = ReportStore(settings)
    got = store.get_chunks(include=["documents", "metadatas", "embeddings"])
    scratch = settings.data_dir / "snapshot"
    rows = snapshot_read.read_store(store, store.report_records(), scratch)
    order = sorted(range(len(got["ids"])), key=got["ids"].__getitem__)
    assert len(order) > 7 and list(rows.ids) == [got["ids"][i] for i in order]
    assert list(rows.texts) == [got["documents"][i] for i in order]
    assert list(rows.metas) == [snapshot_read.clean_meta(got["metadatas"][i]) for i in order]
    assert np.array_equal(rows.vectors, np.asarray(got["embeddings"], dtype=np.float32)[order])
    assert rows.lexical.size == len(order) and rows.lexical.scores("supervision").max() > 0
    assert not list(scratch.glob(".read-*"))  # removed at once; the mappings keep it readable


def test_a_process_reaching_the_store_through_a_server_loads_the_file_made_embedded(
    settings, embed_model, monkeypatch
):
    """The file's key names the collection by its id, not by how it is reached: a replica on
    `chroma run` over the folder an embedded indexer wrote finds the file that indexer saved."""
    from chromadb.api.shared_system_client import SharedSystemClient

    expected = Assistant(settings, embed_model=embed_model).ask(QUESTION)
    SharedSystemClient.clear_system_cache()  # the embedded store closed before the server opens it
    server, port = start_chroma_server(settings.chroma_dir)
    try:
        remote = Settings(**{**settings.model_dump(), "chroma_host": "127.0.0.1", "chroma_port": port})
        replica = Assistant(remote, embed_model=embed_model)
        _refuse_full_reads(replica, monkeypatch)
        answer = replica.ask(QUESTION)
        assert [c.quote for c in answer.citations] == [c.quote for c in expected.citations]
    finally:
        server.terminate()
        server.wait(timeout=30)
