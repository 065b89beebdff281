"""A refused upload never replaces a report of the same name (issue 12 item 4)."""

from __future__ import annotations

import pytest

from reportqa.uploads import UploadError, save_upload
from tests.pdfs import write_report_pdf


def test_a_cut_short_pdf_under_an_existing_name_is_refused_and_the_good_file_kept(make_settings, tmp_path):
    settings = make_settings()
    settings.corpus_dir.mkdir(parents=True)
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
    assert sorted(p.name for p in settings.corpus_dir.iterdir()) == ["x.pdf"]  # no staging file left
