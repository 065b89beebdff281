"""One citation style everywhere: page only where a report has pages, its public address where
a sidecar gives one, and the chat's [n] (restarting with each answer) in exports."""

from __future__ import annotations

import json

from answering.citations import Answer, Citation
from reportqa.presentation import export_docx, export_markdown


def _citation(n: int, page: str = "3", url: str = "") -> Citation:
    return Citation(
        n=n,
        quote=f"Quote {n}.",
        report="r.pdf",
        title="Inspection of Wiltshire local authority children’s services",
        date="2023-12-12",
        page=page,
        section="Summary",
        score=0.9,
        passage=f"Quote {n}.",
        url=url,
    )


def test_citation_lines_give_a_page_only_where_there_are_pages_and_the_address_when_known():
    title = "Ofsted, ‘Inspection of Wiltshire local authority children’s services’, 12 December 2023"
    assert _citation(1).citation_line == f"{title}, p. 3."
    assert _citation(1, page="2–3").citation_line == f"{title}, pp. 2–3."
    assert _citation(1, page="").citation_line == f"{title}."  # a text file: no fake "p. 1"
    address = "https://files.ofsted.gov.uk/v1/file/50276411"
    assert _citation(1, url=address).citation_line == f"{title}, p. 3. {address}"
    assert json.loads(json.dumps(_citation(1, url=address).to_dict()))["citation"].endswith(address)


def test_word_and_markdown_exports_number_each_answers_quotes_as_the_chat_does(tmp_path):
    from docx import Document

    turns = [
        (f"Question {q}?", Answer(f"Question {q}?", "text", [_citation(1), _citation(2)], abstained=False))
        for q in (1, 2)
    ]
    paragraphs = [p.text for p in Document(str(export_docx(turns, tmp_path / "a.docx"))).paragraphs]
    numbered = [p for p in paragraphs if p.startswith("[")]
    assert [p[:3] for p in numbered] == ["[1]", "[2]", "[1]", "[2]"]
    assert all("Ofsted, ‘Inspection of Wiltshire" in p and p.endswith("Section: Summary.") for p in numbered)
    markdown = export_markdown(turns)
    assert markdown.count("- [1] “Quote 1.” — Ofsted, ‘") == 2


def test_a_source_card_offers_copy_and_the_page_and_a_related_passage_neither():
    from reportqa.presentation import source_card

    pdf = _citation(1)
    pdf.report = "r.pdf"
    card = source_card(pdf, turn=2)
    assert "Copy quote" in card and 'data-open="2:1"' in card and "Open p. 3" in card
    assert "score" not in card  # a number staff cannot act on
    related = source_card(pdf, turn=2, related=True)
    assert "possibly related" in related and "Copy quote" not in related and "open-page" not in related


def test_a_passage_shown_for_context_ends_with_a_whole_sentence():
    from answering.extractive import opening_sentences

    text = "First sentence is short. " + "Second sentence runs on and on " * 12 + "to its end. Third one."
    assert opening_sentences(text) == "First sentence is short."
    assert (
        opening_sentences("One sentence only, and a very long one " * 20)
        == ("One sentence only, and a very long one " * 20).strip()
    )


def test_a_bad_date_filter_is_explained_in_plain_words():
    import pytest

    from retrieval.filters import FilterError, Filters

    with pytest.raises(
        FilterError,
        match=r"^The ‘from’ date must be a year \(2023\) or a date like 2023-09-29, not “last tuesday”\.$",
    ):
        Filters.from_dict({"date_from": "last tuesday"}).where(set())


def test_every_answers_citations_keep_their_own_cards_in_the_sources_panel():
    from reportqa.presentation import conversation_sources_html

    turns = [
        (f"Question {q}?", Answer(f"Question {q}?", "text", [_citation(1), _citation(2)], abstained=False))
        for q in (1, 2, 3)
    ]
    panel = conversation_sources_html(turns)
    for turn in (1, 2, 3):
        assert f'id="src-{turn}-1"' in panel and f'id="src-{turn}-2"' in panel
    latest, *earlier = panel.split('<details class="src-earlier">')
    assert 'id="src-3-1"' in latest and 'id="src-2-1"' not in latest  # the latest answer's, unfolded
    assert [e.split("</summary>")[0] for e in earlier] == [
        "<summary>Sources for “Question 2?”",
        "<summary>Sources for “Question 1?”",
    ]
