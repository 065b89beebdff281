"""A refused upload never replaces a report of the same name (issue 12 item 4)."""

from __future__ import annotations

import pytest

from reportqa.uploads import UploadError, save_upload
from tests.pdfs import write_report_pdf


def test_a_cut_short_pdf_under_an_existing_name_is_refused_and_the_good_file_kept(make_settings, tmp_path):
    settings = make_settings()
    page = [("heading", "Care leavers"), ("para", "A full report about care leavers. " * 40)]
    good = write_report_pdf(tmp_path / "good.pdf", [page] * 3)
    saved = save_upload(good, "x.pdf", settings)
    original = saved.read_bytes()

    cut = tmp_path / "upload" / "x.pdf"
    cut.parent.mkdir()
    cut.write_bytes(original[:700])  # passes the %PDF header check, cannot be read
    with pytest.raises(UploadError, match="kept"):
        save_upload(cut, "x.pdf", settings)
    assert saved.read_bytes() == original
    assert sorted(p.name for p in settings.uploads_dir.iterdir()) == ["x.pdf"]  # no staging file left
    assert not settings.corpus_dir.exists() or not list(settings.corpus_dir.iterdir())  # never the corpus


def test_an_upload_the_indexer_would_refuse_is_not_kept(make_settings, tmp_path):
    # The upload limit (50 MB) is above the indexer's per-file limit: such a file used to be
    # saved, then skipped by the indexer, and left there.
    settings = make_settings(upload_max_mb=50, max_file_mb=1)
    page = [("heading", "Care leavers"), ("para", "A full report about care leavers. " * 40)]
    big = write_report_pdf(tmp_path / "big.pdf", [page] * 3)
    with big.open("ab") as fh:
        fh.write(b"%" + b"0" * (2 * 1024 * 1024) + b"\n")  # a PDF comment: still a valid file, 2 MB
    with pytest.raises(UploadError, match="MB"):
        save_upload(big, "big.pdf", settings)
    assert list(settings.uploads_dir.iterdir()) == []
