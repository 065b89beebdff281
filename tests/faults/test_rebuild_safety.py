"""A rebuild can neither leave records without chunks nor empty the index by mistake (issue 12)."""

from __future__ import annotations

import pytest

from indexing.pipeline import Indexer, RebuildRefusedError
from reportqa.cli import main


class _KilledInsideReset(BaseException):
    """Stands for SIGKILL: no handler of ours catches a BaseException that is not an Exception."""


def _answerable(indexer: Indexer) -> bool:
    records = indexer.store.report_records()
    per_report = {rid: 0 for rid in records}
    for meta in indexer.store.get_chunks(include=["metadatas"])["metadatas"]:
        per_report[str(meta["report_id"])] = per_report.get(str(meta["report_id"]), 0) + 1
    return bool(records) and all(per_report[rid] == r["chunk_count"] for rid, r in records.items())


def test_a_kill_between_the_two_collection_drops_heals_on_the_next_run(
    make_settings, corpus_copy, embed_model, monkeypatch
):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    assert indexer.index().count("added") == 2
    client = indexer.store.client
    real_delete = client.delete_collection
    calls = []

    def delete_then_die(name):
        calls.append(name)
        real_delete(name)
        raise _KilledInsideReset  # after the first of the two collections is gone

    monkeypatch.setattr(client, "delete_collection", delete_then_die)
    with pytest.raises(_KilledInsideReset):
        indexer.index(rebuild=True)
    monkeypatch.undo()
    assert len(calls) == 1

    after = Indexer(settings, embed_model=embed_model).index()
    assert after.count("added") + after.count("updated") == 2, after.outcomes
    assert _answerable(Indexer(settings, embed_model=embed_model))


def test_records_whose_chunks_are_gone_are_indexed_again(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()
    indexer.store.client.delete_collection(settings.collection)  # the chunks only, by hand
    again = Indexer(settings, embed_model=embed_model).index()
    assert again.count("unchanged") == 0 and again.count("added") == 2, again.outcomes
    assert _answerable(Indexer(settings, embed_model=embed_model))


@pytest.mark.parametrize("target", ["missing-folder", "empty-folder"])
def test_a_rebuild_of_nothing_is_refused_and_keeps_the_index(
    make_settings, corpus_copy, embed_model, tmp_path, target, monkeypatch, capsys
):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()
    before = indexer.store.count()
    path = tmp_path / target
    if target == "empty-folder":
        path.mkdir()
    with pytest.raises(RebuildRefusedError, match="nothing was changed"):
        indexer.index([path], rebuild=True)
    assert Indexer(settings, embed_model=embed_model).store.count() == before

    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))
    assert main(["index", "--rebuild", "--yes", str(path)]) == 2
    assert "Not rebuilding" in " ".join(capsys.readouterr().err.split())
    assert Indexer(settings, embed_model=embed_model).store.count() == before


def test_a_rebuild_needs_yes_when_nobody_can_be_asked(
    make_settings, corpus_copy, embed_model, monkeypatch, capsys
):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    assert main(["index", "--rebuild", str(corpus_copy)]) == 2
    assert "add --yes to confirm" in " ".join(capsys.readouterr().err.split())
    assert main(["index", "--rebuild", "--yes", str(corpus_copy)]) == 0
    assert "Files: 2 added" in capsys.readouterr().out
