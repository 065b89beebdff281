"""Incremental indexing into real Chroma with the real embedding model."""

from __future__ import annotations

import pytest

from indexing.pipeline import IndexBusyError, Indexer
from vectorstore.chroma_store import IndexMismatchError, ReportStore


class CountingEmbedder:
    """The real model, counting how many texts it is asked to embed."""

    def __init__(self, model) -> None:
        self.model = model
        self.texts = 0

    def get_text_embedding_batch(self, texts, **kwargs):
        self.texts += len(texts)
        return self.model.get_text_embedding_batch(texts, **kwargs)


def _chunk_ids_by_report(store: ReportStore) -> dict[str, list[str]]:
    got = store.get_chunks(include=["metadatas"])
    out: dict[str, list[str]] = {}
    for cid, meta in zip(got["ids"], got["metadatas"]):
        out.setdefault(meta["report_id"], []).append(cid)
    return out


def test_add_unchanged_change_remove(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy)
    embedder = CountingEmbedder(embed_model)
    indexer = Indexer(settings, embed_model=embedder)

    first = indexer.index()
    assert first.count("added") == 2 and not first.failed
    total = indexer.store.count()
    assert total == first.chunks_written > 20
    records = indexer.store.report_records()
    assert records["wiltshire-focused-visit-2025.txt"]["chunk_count"] == len(
        _chunk_ids_by_report(indexer.store)["wiltshire-focused-visit-2025.txt"]
    )

    embedder.texts = 0
    again = indexer.index()
    assert again.count("unchanged") == 2 and again.chunks_written == 0
    assert embedder.texts == 0, "an unchanged corpus must not be embedded again"
    assert indexer.store.count() == total

    letter = corpus_copy / "wiltshire-focused-visit-2025.txt"
    letter.write_text(
        letter.read_text(encoding="utf-8") + "\n\nA new closing paragraph about CAMHS waiting lists.\n"
    )
    changed = indexer.index()
    assert changed.count("updated") == 1 and changed.count("unchanged") == 1
    ids = _chunk_ids_by_report(indexer.store)["wiltshire-focused-visit-2025.txt"]
    new_hash = indexer.store.report_records()["wiltshire-focused-visit-2025.txt"]["file_hash"]
    assert all(cid.split(":")[1] == new_hash[:12] for cid in ids), "old version chunks must be gone"
    docs = indexer.store.get_chunks(where={"report_id": "wiltshire-focused-visit-2025.txt"})["documents"]
    assert any("CAMHS waiting lists" in d for d in docs)

    letter.unlink()
    removed = indexer.index()
    assert removed.count("removed") == 1
    assert "wiltshire-focused-visit-2025.txt" not in _chunk_ids_by_report(indexer.store)
    assert "wiltshire-focused-visit-2025.txt" not in indexer.store.report_records()


def test_chunk_metadata_is_scalar_and_complete(make_settings, corpus_copy, embed_model):
    indexer = Indexer(make_settings(corpus_dir=corpus_copy), embed_model=embed_model)
    indexer.index()
    got = indexer.store.get_chunks(where={"report_id": "wiltshire-childrens-services-inspection-summary.txt"})
    meta = got["metadatas"][0]
    for key in (
        "report_id",
        "file_name",
        "title",
        "section",
        "page_start",
        "page_end",
        "char_start",
        "char_end",
        "position",
        "local_authority",
        "inspection_type",
        "report_date",
        "date_ord",
    ):
        assert key in meta, key
    assert meta["report_date"] == "2019-07-22"  # from the sidecar file
    assert meta["date_ord"] == 20190722
    assert all(isinstance(v, (str, int, float, bool)) for v in meta.values())


def test_other_model_stamp_is_refused_until_rebuild(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()
    indexer.store.set_dirty(False, "some-other-model:123", "sections-v1")
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Indexer(settings, embed_model=embed_model).index()
    rebuilt = Indexer(settings, embed_model=embed_model).index(rebuild=True)
    assert rebuilt.count("added") == 2


def test_second_indexer_waits_then_refuses(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy, lock_wait_s=0.5)
    indexer = Indexer(settings, embed_model=embed_model)
    with indexer.lock(), pytest.raises(IndexBusyError, match="Another indexer"):
        Indexer(settings, embed_model=embed_model).index()


def test_server_mode_against_real_chroma_run(make_settings, corpus_copy, embed_model, chroma_server):
    settings = make_settings(
        corpus_dir=corpus_copy,
        chroma_host=chroma_server["host"],
        chroma_port=chroma_server["port"],
        collection="servertest",
    )
    first = Indexer(settings, embed_model=embed_model).index()
    assert first.count("added") == 2
    store = ReportStore(settings)
    assert store.count() == first.chunks_written
    assert set(store.report_records()) == {p.name for p in corpus_copy.glob("*.txt")}
    again = Indexer(settings, embed_model=embed_model).index()
    assert again.count("unchanged") == 2


class FailingEmbedder:
    def get_text_embedding_batch(self, texts, **kwargs):
        raise RuntimeError("model crashed mid-batch")


def test_embedding_failure_keeps_the_previous_version(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    store = ReportStore(settings)
    before = sorted(store.get_chunks(include=[])["ids"])
    letter = corpus_copy / "wiltshire-focused-visit-2025.txt"
    letter.write_text(
        letter.read_text(encoding="utf-8") + "\n\nA changed closing paragraph.\n", encoding="utf-8"
    )
    summary = Indexer(settings, embed_model=FailingEmbedder()).index()
    [outcome] = [o for o in summary.outcomes if o.status == "skipped"]
    assert "embedding failed" in outcome.reason and "previous version is kept" in outcome.reason
    assert sorted(store.get_chunks(include=[])["ids"]) == before
    retry = Indexer(settings, embed_model=embed_model).index()
    assert retry.count("updated") == 1, "the next run picks the changed file up again"


def test_an_index_run_reports_reading_embedding_and_storing_per_file(make_settings, tmp_path, embed_model):
    from indexing.pipeline import Step

    from ..pdfs import write_report_pdf

    folder = tmp_path / "reports"
    folder.mkdir()
    topics = ("care leavers", "children in need", "adoption")  # a different text on every page
    for name in ("first", "second"):
        write_report_pdf(
            folder / f"{name}.pdf",
            [
                [
                    ("heading", f"Services for {topic}"),
                    ("para", f"Support for {topic} in {name}shire is good. " * 6),
                ]
                for topic in topics
            ],
        )
    steps: list[Step] = []
    Indexer(make_settings(corpus_dir=folder), embed_model=embed_model).index(progress=steps.append)

    reading = [s for s in steps if s.stage == "reading"]
    assert [(s.done, s.total) for s in reading] == [(1, 2), (2, 2)]
    assert {s.detail for s in reading} == {"first.pdf (3 pages)", "second.pdf (3 pages)"}
    assert reading[0].describe().startswith("Reading file 1 of 2: ")
    embedding = [s for s in steps if s.stage == "embedding"]
    assert embedding and embedding[-1].done == embedding[-1].total > 0
    assert [s.done for s in embedding] == sorted(s.done for s in embedding)
    assert embedding[-1].describe().startswith(f"Embedding passages {embedding[-1].total} of ")
    storing = [s for s in steps if s.stage == "storing"]
    assert sorted(s.detail for s in storing) == ["first.pdf", "second.pdf"]
    assert steps.index(storing[0]) > steps.index(embedding[-1])  # stored only once embedded
