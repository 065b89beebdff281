"""A PDF whose text layer cannot be what its pages say is skipped with the reason (issue 12 item 22)."""

from __future__ import annotations

import pytest

from indexing.pipeline import Indexer
from indexing.reports import text_layer_problem
from tests.pdfs import write_report_pdf


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" ".join("The council supports care leavers well") * 3, "letter-spaced"),  # "T h e   c o u n …"
        ("%$# @@! 123 ^^& *** ((( 77 =+= ~~ " * 12, "mostly not words"),
    ],
)
def test_an_unreadable_text_layer_is_skipped_with_its_reason(
    make_settings, tmp_path, embed_model, text, reason
):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_report_pdf(corpus / "garbled.pdf", [[("heading", "Findings"), ("para", text)]] * 2)
    write_report_pdf(
        corpus / "readable.pdf",
        [[("heading", "Care leavers"), ("para", "Care leavers are well supported by their advisers. " * 8)]],
    )
    summary = Indexer(make_settings(corpus_dir=corpus), embed_model=embed_model).index()
    skipped = {o.name: o.reason for o in summary.outcomes if o.status == "skipped"}
    assert reason in skipped.get("garbled.pdf", ""), summary.outcomes
    assert summary.count("added") == 1


def test_private_use_glyphs_are_unreadable():
    assert "private-use" in text_layer_problem("\ue001\ue002\ue003 \ue004\ue005 " * 50)
    assert text_layer_problem("Care leavers are well supported by their personal advisers.") == ""
