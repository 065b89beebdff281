"""Removing a report keeps its file: an upload's is moved aside and can be restored, a corpus
folder's is never touched and the next index run does not add it back (issue 14 item 3)."""

from __future__ import annotations

import os
import time

from indexing.pipeline import Indexer
from indexing.removals import RemovalLedger
from reportqa.uploads import save_upload

LETTER = "wiltshire-focused-visit-2025.txt"


def test_a_removed_corpus_report_keeps_its_file_and_stays_out_until_restored(
    make_settings, corpus_copy, embed_model
):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()
    before = (corpus_copy / LETTER).read_bytes()
    removal = indexer.remove(LETTER, by="boss")
    assert removal is not None and removal.kept_path == "" and removal.by == "boss"
    assert (corpus_copy / LETTER).read_bytes() == before
    assert LETTER not in indexer.store.report_records()
    again = indexer.index()  # what scripts/start.sh runs on every start
    [skipped] = [o for o in again.outcomes if o.name == LETTER]
    assert skipped.status == "left out" and "reportqa restore" in skipped.reason and not again.failed
    assert LETTER not in indexer.store.report_records()
    restored = indexer.restore(LETTER)
    assert restored is not None and restored.count("added") == 1
    assert LETTER in indexer.store.report_records() and not RemovalLedger(settings.data_dir).entries()


def test_a_removed_upload_is_kept_aside_restorable_then_purged(
    make_settings, corpus_copy, embed_model, tmp_path
):
    settings = make_settings(corpus_dir=corpus_copy, removed_keep_days=30)
    source = tmp_path / "mine.txt"
    source.write_text("Findings\n\nKinship carers in Uploadshire receive excellent training. " * 5)
    saved = save_upload(source, "mine.txt", settings)
    assert saved.parent == settings.uploads_dir
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()  # the corpus and the uploads folder
    assert "mine.txt" in indexer.store.report_records()
    removal = indexer.remove("mine.txt")
    kept = settings.data_dir / "removed" / os.path.basename(removal.kept_path)
    assert not saved.exists() and kept.read_bytes() == source.read_bytes()
    assert indexer.restore("mine.txt") is not None and saved.exists() and not kept.exists()
    indexer.remove("mine.txt")
    ledger = RemovalLedger(settings.data_dir)
    assert ledger.purge(keep_days=30) == []  # too recent
    entry = ledger.entries()["mine.txt"]
    old = time.time() - 31 * 86400
    entry_file = ledger.path.read_text().replace(
        entry.removed_at, time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime(old))
    )
    ledger.path.write_text(entry_file)
    assert ledger.purge(keep_days=30) == ["mine.txt"]
    assert not list((settings.data_dir / "removed").iterdir()) and indexer.restore("mine.txt") is None


def test_uploading_a_removed_name_again_adds_it(make_settings, corpus_copy, embed_model, tmp_path):
    settings = make_settings(corpus_dir=corpus_copy)
    source = tmp_path / "mine.txt"
    source.write_text("Findings\n\nKinship carers in Uploadshire receive excellent training. " * 5)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index([save_upload(source, "mine.txt", settings)])
    indexer.remove("mine.txt")
    again = indexer.index([save_upload(source, "mine.txt", settings)])
    assert again.count("added") == 1


def test_the_command_line_asks_before_removing_and_can_undo(
    make_settings, corpus_copy, embed_model, monkeypatch, capsys
):
    from reportqa.cli import main

    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("REPORTQA_CORPUS_DIR", str(corpus_copy))
    assert main(["remove", LETTER]) == 2  # nobody at a terminal to confirm: nothing removed
    assert "needs --yes" in capsys.readouterr().err
    assert main(["remove", LETTER, "--yes"]) == 0
    assert f"Undo: reportqa restore {LETTER}" in capsys.readouterr().out
    assert main(["removed"]) == 0 and capsys.readouterr().out.startswith(f"{LETTER} — removed ")
    assert main(["index"]) == 0 and "removed from the index" in capsys.readouterr().out
    assert main(["restore", LETTER]) == 0 and capsys.readouterr().out.strip() == f"Restored {LETTER}: added."
    assert (corpus_copy / LETTER).exists()
