"""A bad sidecar skips its own report with the reason; the run carries on (issue 12 item 11)."""

from __future__ import annotations

import json

import pytest

from indexing.pipeline import Indexer


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        ({"report_date": 20190722}, "report_date"),  # a number: aborted the whole run with a TypeError
        ({"report_date": "2019-13-45"}, "month value is outside"),  # was accepted
        ({"report_dat": "2019-07-22"}, "unknown key"),
        ({"inspection_type": "full"}, "inspection_type"),
        ({"url": "files.ofsted.gov.uk/v1/file/1"}, "valid URL"),  # no scheme: no address to follow
    ],
)
def test_a_bad_sidecar_skips_that_report_only(make_settings, corpus_copy, embed_model, payload, reason):
    letter = corpus_copy / "wiltshire-focused-visit-2025.txt"
    letter.with_name(letter.name + ".meta.json").write_text(json.dumps(payload), encoding="utf-8")
    indexer = Indexer(make_settings(corpus_dir=corpus_copy), embed_model=embed_model)
    summary = indexer.index()
    skipped = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert reason in skipped["wiltshire-focused-visit-2025.txt"]
    assert summary.count("added") == 1  # the other report
    assert not indexer.store.is_dirty()
    records = indexer.store.report_records()
    assert "wiltshire-focused-visit-2025.txt" not in records and len(records) == 1


def test_a_sidecars_address_is_in_every_citation_line_of_its_report(make_settings, corpus_copy, embed_model):
    from reportqa.assistant import Assistant

    address = "https://files.ofsted.gov.uk/v1/file/50276411"
    letter = corpus_copy / "wiltshire-focused-visit-2025.txt"
    letter.with_name(letter.name + ".meta.json").write_text(json.dumps({"url": address}), encoding="utf-8")
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    found = Assistant(settings, embed_model=embed_model).mentions("CAMHS").passages
    letters = [c for c in found if c.report == letter.name]
    others = [c for c in found if c.report != letter.name]
    assert letters and others
    assert all(c.citation_line.endswith(f". {address}") and c.url == address for c in letters)
    assert not any(address in c.citation_line for c in others)
