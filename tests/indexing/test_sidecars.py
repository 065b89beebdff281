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
