"""A quote cites the page its sentence is on, not its passage's page range (issue 12 item 21,
issue 13: "pp. 2–3" was cited for a sentence wholly on p. 2)."""

from __future__ import annotations

import json
import subprocess

import pytest

from answering.citations import citation_from_passage
from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from retrieval.passage import Passage
from tests.pdfs import write_report_pdf

SENTENCES = [
    f"Finding number {i} concerns the {word} work of the team in Pageshire."
    for i, word in enumerate(
        ["careful", "timely", "thorough", "patient", "steady", "bold", "kind", "clear"] * 12
    )
]


def test_a_sentence_after_a_page_break_cites_its_own_page(make_settings, tmp_path, embed_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # one long paragraph that runs over a page break: its passage spans two pages
    pdf = write_report_pdf(
        corpus / "pageshire.pdf", [[("heading", "Findings"), ("para", " ".join(SENTENCES))]]
    )
    settings = make_settings(corpus_dir=corpus)
    Indexer(settings, embed_model=embed_model).index()
    assistant = Assistant(settings, embed_model=embed_model)
    snap = assistant.retriever.snapshot()
    spanning = [
        (text, meta) for text, meta in zip(snap.texts, snap.metas) if meta["page_start"] != meta["page_end"]
    ]
    assert spanning, "the test needs a passage that crosses a page break"
    text, meta = spanning[0]
    breaks = json.loads(meta["page_breaks"])
    assert breaks and breaks[0][1] == meta["page_end"]
    passage = Passage("c", text, meta)
    first, last = text.split(". ")[0] + ".", text.rstrip().rsplit(". ", 1)[-1]
    assert citation_from_passage(1, first, passage, text.find(first)).page == meta["page_start"]
    assert citation_from_passage(2, last, passage, text.rfind(last)).page == meta["page_end"]
    # and the page printed on the PDF agrees (pdftotext -f N -l N)
    if subprocess.run(["which", "pdftotext"], capture_output=True).returncode != 0:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page = int(meta["page_end"])
    on_page = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
    ).stdout
    assert " ".join(last.split()[:6]) in " ".join(on_page.split())
