"""Every kind of bad file is skipped with its reason; everything else is still indexed."""

from __future__ import annotations

import shutil

import pytest

from indexing.pipeline import Indexer
from reportqa.cli import main
from tests import pdfs
from tests.conftest import SHARED, needs_shared
from tests.pdfs import LOREM, write_image_only_pdf, write_report_pdf


@pytest.fixture
def bad_corpus(corpus_copy):
    good_pdf = [[("heading", "Findings"), ("para", LOREM * 3)]]
    write_report_pdf(corpus_copy / "good-generated.pdf", good_pdf)
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "latin1.txt").write_bytes("Caf\xe9 report on children\n".encode("latin-1"))
    (corpus_copy / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (corpus_copy / "html-saved-as.pdf").write_text("<!DOCTYPE html><html><body>Not found</body></html>")
    source = write_report_pdf(corpus_copy.parent / "whole.pdf", good_pdf)
    (corpus_copy / "truncated.pdf").write_bytes(source.read_bytes()[:700])
    write_report_pdf(corpus_copy / "locked.pdf", good_pdf, encrypt_user_password="secret")
    write_report_pdf(corpus_copy / "empty-password.pdf", good_pdf, encrypt_user_password="")
    write_image_only_pdf(corpus_copy / "scanned.pdf")
    (corpus_copy / "notes.docx").write_bytes(b"PK\x03\x04 not supported")
    (corpus_copy / "huge.txt").write_text("word " * 300_000)
    return corpus_copy


def test_each_bad_file_is_skipped_with_its_reason(make_settings, bad_corpus, embed_model):
    settings = make_settings(corpus_dir=bad_corpus, max_text_mb=1.0)
    summary = Indexer(settings, embed_model=embed_model).index()
    reasons = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert "empty file" in reasons["empty.txt"]
    assert "not UTF-8" in reasons["latin1.txt"]
    assert "binary" in reasons["binary.txt"]
    assert "HTML page" in reasons["html-saved-as.pdf"]
    assert "unreadable PDF" in reasons["truncated.pdf"] or "no extractable text" in reasons["truncated.pdf"]
    assert "password" in reasons["locked.pdf"]
    assert "OCR" in reasons["scanned.pdf"]
    assert "unsupported file type" in reasons["notes.docx"]
    assert "too large" in reasons["huge.txt"]
    added = {o.name for o in summary.outcomes if o.status == "added"}
    assert added == {
        "good-generated.pdf",
        "empty-password.pdf",
        "wiltshire-focused-visit-2025.txt",
        "wiltshire-childrens-services-inspection-summary.txt",
    }
    assert summary.failed


def test_bad_files_never_remove_what_is_indexed(make_settings, corpus_copy, embed_model):
    settings = make_settings(corpus_dir=corpus_copy)
    indexer = Indexer(settings, embed_model=embed_model)
    indexer.index()
    before = indexer.store.count()
    letter = corpus_copy / "wiltshire-focused-visit-2025.txt"
    letter.write_bytes(b"\xff\xfe\x00garbage" + bytes(range(200)))  # the file turns bad
    summary = indexer.index()
    assert summary.count("skipped") == 1
    assert indexer.store.count() == before, "the last good version stays retrievable"


@needs_shared
def test_real_html_error_pages_saved_as_pdf(make_settings, tmp_path, embed_model):
    corpus = tmp_path / "broken"
    shutil.copytree(SHARED / "ofsted-broken", corpus)
    summary = Indexer(make_settings(corpus_dir=corpus), embed_model=embed_model).index()
    assert summary.count("skipped") == 2
    assert all("HTML" in o.reason for o in summary.outcomes)


def test_cli_exit_code_reports_skips(make_settings, bad_corpus, monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(tmp_path / "cli-data"))
    monkeypatch.setenv("REPORTQA_MAX_TEXT_MB", "1")
    code = main(["index", str(bad_corpus)])
    printed = capsys.readouterr().out
    assert code == 1
    assert "4 added" in printed and "skipped empty.txt: empty file" in printed
    assert main(["index", str(bad_corpus / "good-generated.pdf")]) == 0


def test_hostile_pdfs_are_contained(make_settings, corpus_copy, embed_model):
    """Bombs, deep nesting, cycles and broken tables: each skipped with its reason or repaired."""
    pdfs.write_decompression_bomb(corpus_copy / "bomb.pdf")  # 0.4 MB inflating to 400 MB
    pdfs.write_deeply_nested(corpus_copy / "nested.pdf")
    pdfs.write_cyclic_page_tree(corpus_copy / "cyclic.pdf")
    pdfs.write_zero_pages(corpus_copy / "zero-pages.pdf")
    pdfs.write_self_drawing_form(corpus_copy / "self-drawing.pdf")
    pdfs.write_enormous_page(corpus_copy / "enormous-page.pdf")
    pdfs.write_corrupt_xref(corpus_copy / "corrupt-xref.pdf")
    settings = make_settings(corpus_dir=corpus_copy, parse_timeout_s=30, parse_memory_mb=1024)
    indexer = Indexer(settings, embed_model=embed_model)
    summary = indexer.index()
    reasons = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert "safety limits" in reasons.pop("bomb.pdf")
    assert "unreadable PDF" in reasons.pop("nested.pdf")
    assert "cyclic" in reasons.pop("cyclic.pdf")
    assert "no pages" in reasons.pop("zero-pages.pdf")
    assert not reasons
    added = {o.name for o in summary.outcomes if o.status == "added"}
    # Readable despite the damage: their one sentence is indexed and cited.
    assert {"self-drawing.pdf", "enormous-page.pdf", "corrupt-xref.pdf"} <= added
    assert len(added) == 5
    texts = indexer.store.get_chunks(include=["documents"])["documents"]
    assert sum("Children are seen regularly" in t for t in texts) == 3


@pytest.mark.parametrize(
    ("limit", "reason"),
    [({"parse_timeout_s": 0.05}, "longer than 0.05 s"), ({"parse_memory_mb": 1}, "memory")],
)
def test_time_and_memory_limits_stop_one_file_not_the_run(
    make_settings, corpus_copy, embed_model, limit, reason
):
    write_report_pdf(corpus_copy / "report.pdf", [[("heading", "Findings"), ("para", LOREM * 40)]] * 30)
    summary = Indexer(make_settings(corpus_dir=corpus_copy, **limit), embed_model=embed_model).index()
    skipped = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert list(skipped) == ["report.pdf"] and reason in skipped["report.pdf"]
    assert summary.count("added") == 2  # the text reports beside it
