"""Answering over real Ofsted PDFs: Wiltshire's five reports indexed beside others."""

from __future__ import annotations

import shutil

import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from tests.conftest import OFSTED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

OTHERS = [
    "barnsley--children-s-services-focused-visit-05-december-2024.pdf",
    "bedford--children-s-services-inspection-27-august-2025.pdf",
    "blackpool--children-s-services-inspection-01-february-2023.pdf",
    "dorset--children-s-services-focused-visit-24-october-2019.pdf",
]


@pytest.fixture(scope="module")
def real_assistant(tmp_path_factory, embed_model) -> Assistant:
    root = tmp_path_factory.mktemp("real")
    corpus = root / "corpus"
    corpus.mkdir()
    for path in [*OFSTED.glob("wiltshire--*.pdf"), *(OFSTED / name for name in OTHERS)]:
        shutil.copy(path, corpus / path.name)
    settings = Settings(data_dir=root / "data", corpus_dir=corpus)
    summary = Indexer(settings, embed_model=embed_model).index()
    assert summary.count("added") == 9, [(o.name, o.reason) for o in summary.outcomes]
    return Assistant(settings, embed_model=embed_model)


@pytest.mark.parametrize(
    ("question", "report"),
    [
        (
            "What did the 2023 inspection of Wiltshire say about homeless 16 and 17 year olds?",
            "wiltshire--children-s-services-inspection-12-december-2023.pdf",
        ),
        (
            "What did the 2025 focused visit to Wiltshire find about chronologies?",
            "wiltshire--children-s-services-focused-visit-22-august-2025.pdf",
        ),
        (
            "What did the 2022 Wiltshire focused visit say?",
            "wiltshire--children-s-services-focused-visit-28-february-2022.pdf",
        ),
    ],
)
def test_a_year_in_the_question_cites_that_report(real_assistant, question, report):
    answer = real_assistant.ask(question)
    assert not answer.abstained
    assert answer.citations[0].report == report


def test_type_and_date_filters_only_return_matching_reports(real_assistant):
    focused = real_assistant.ask(
        "supervision of social workers", filters={"inspection_type": ["focused visit"]}
    )
    assert focused.citations
    assert all("focused-visit" in c.report for c in focused.citations)
    dated = real_assistant.ask("care leavers", filters={"date_from": "2024-01-01", "date_to": "2025-12-31"})
    assert dated.citations
    assert all("2024-01-01" <= c.date <= "2025-12-31" for c in dated.citations)
    wiltshire = real_assistant.ask("care leavers", filters={"local_authority": ["wiltshire"]})
    assert {c.authority for c in wiltshire.citations} == {"Wiltshire"}


def test_broad_question_spreads_across_reports(real_assistant):
    passages = real_assistant.retriever.retrieve("quality of management oversight", k=6)
    assert len({p.report_id for p in passages}) >= 3


def test_citations_carry_real_page_labels(real_assistant):
    answer = real_assistant.ask("What did the 2023 inspection of Wiltshire say about private fostering?")
    top = answer.citations[0]
    assert top.report.startswith("wiltshire--children-s-services-inspection-12-december-2023")
    assert top.page == "4" and "help and protection" in top.section


def test_mentions_finds_every_passage_using_the_word_and_quotes_the_sentence_whole(real_assistant):
    import re

    snap = real_assistant.retriever.snapshot()
    using_it = {
        cid for cid, text in zip(snap.ids, snap.texts) if re.search(r"\bsupervis(e|ed|ing|ion)\b", text, re.I)
    }
    result = real_assistant.mentions("supervision")
    found = {c.chunk_id for c in result.passages if result.how[c.n] == "text"}
    assert len(using_it) >= 10 and using_it <= found
    wiltshire = [
        c for c in result.passages if c.report.startswith("wiltshire--children-s-services-focused-visit-22")
    ]
    assert any(c.quote.startswith("Social work supervision is not consistently effective") for c in wiltshire)
    for c in result.passages:  # whole sentences, verbatim, with the page each is on
        end = c.quote_start + len(c.quote)
        assert c.passage[c.quote_start : end] == c.quote
        assert end == len(c.passage) or c.passage[end].isspace()  # ends where a sentence does
    assert sum(result.counts.values()) == len(result.passages) == result.total


def test_quotes_returns_as_many_as_asked_and_says_when_there_are_fewer(real_assistant):
    from answering.quotes import is_critical

    for limit in (3, 8):
        result = real_assistant.quotes("supervision in Wiltshire", limit)
        assert len(result.citations) == limit and not result.notice
        assert [c.n for c in result.citations] == list(range(1, limit + 1))
        assert all(c.quote in c.passage and c.report.startswith("wiltshire--") for c in result.citations)
    both = real_assistant.quotes("supervision in Wiltshire", 8)
    kinds = [is_critical(c.quote) for c in both.citations]
    assert True in kinds and False in kinds  # critical findings as well as positive ones
    many = real_assistant.quotes("supervision in Wiltshire", 200)
    assert len(many.citations) == many.available < 200
    assert (
        many.notice == f"Only {many.available} quotes on this topic in the reports in scope (asked for 200)."
    )


def test_each_cited_page_is_rendered_from_the_pdf_with_its_quote_found_on_it(real_assistant):
    answer = real_assistant.ask(
        "What did the 2023 inspection of Wiltshire say about homeless 16 and 17 year olds?"
    )
    assert answer.citations
    for c in answer.citations:
        shown = real_assistant.cited_page(c)
        assert not isinstance(shown, str), shown
        assert shown.found and shown.page_number == int(c.page.split("–")[0])
        assert shown.image.size[0] > 800  # readable, not a thumbnail


def test_a_report_named_and_nothing_more_gets_its_grade_then_its_own_summary(real_assistant):
    answer = real_assistant.ask("blackpool ofsted 2023")
    report = "blackpool--children-s-services-inspection-01-february-2023.pdf"
    assert answer.citations and {c.report for c in answer.citations} == {report}
    assert answer.citations[0].quote.startswith("Overall effectiveness")
    # The rest is the summary before the report's list of what to improve, in the report's order.
    pages = [int(c.page) for c in answer.citations[1:]]
    assert pages == sorted(pages) and max(pages) <= 3


def test_strengths_are_the_summarys_positive_findings(real_assistant):
    from answering.quotes import is_critical

    answer = real_assistant.ask("What is going well in Bedford according to the 2025 inspection?")
    assert answer.citations and not answer.abstained
    assert {c.report for c in answer.citations} == {
        "bedford--children-s-services-inspection-27-august-2025.pdf"
    }
    assert not any(is_critical(c.quote) for c in answer.citations)


def test_a_focused_visit_named_and_nothing_more_gets_its_focus_and_verdict_not_its_method(real_assistant):
    answer = real_assistant.ask("wiltshire focused visit 2025")
    assert answer.citations[0].quote.startswith("Inspectors looked at")  # what it looked at
    assert not any(
        c.quote.startswith(("This visit was carried out", "Inspectors considered"))
        for c in answer.citations[1:]
    )
    assert len({c.quote for c in answer.citations}) == len(answer.citations)  # nothing twice


def test_weaknesses_are_the_summarys_critical_findings_then_what_needs_to_improve(real_assistant):
    from answering.quotes import is_critical

    answer = real_assistant.ask("What were the main weaknesses in Bedford's 2025 inspection?")
    assert answer.citations and not answer.abstained
    assert {c.report for c in answer.citations} == {
        "bedford--children-s-services-inspection-27-august-2025.pdf"
    }
    to_improve = [c.section.lower().startswith("what needs to improve") for c in answer.citations]
    assert not to_improve[0] and to_improve[-1]  # findings first, the report's own list after
    first_item = to_improve.index(True)
    assert all(is_critical(c.quote) for c in answer.citations[:first_item])
    assert all(to_improve[first_item:])


@pytest.mark.parametrize(
    "question",
    [
        "What did the 2024 focused visit to Barnsley find about placement decisions for older children?",
        "What did the 2019 focused visit to Dorset find about child protection plans?",
        "What did the 2022 focused visit to Wiltshire find about care leavers?",
    ],
)
def test_findings_are_quoted_before_what_inspectors_looked_at(real_assistant, question):
    from answering.extractive import is_method

    answer = real_assistant.ask(question)
    assert answer.citations and not answer.abstained
    method = [is_method(c.quote) for c in answer.citations]
    assert not method[0]
    assert method == sorted(method)  # what was looked at, if quoted at all, comes last


def test_an_abbreviation_a_council_uses_is_answered_by_the_sentence_that_spells_it_out(real_assistant):
    answer = real_assistant.ask("What is the IFD in Wiltshire?")
    assert not answer.abstained
    first = answer.citations[0]
    assert first.report == "wiltshire--children-s-services-inspection-12-december-2023.pdf"
    assert "Integrated Front Door (IFD)" in first.quote
    # ... and only that: "what is the IFD in Wiltshire like?" asks about the team, for the passages
    assert (
        real_assistant._definition_answer(
            "What is the IFD in Wiltshire like?",
            *_scope_of(real_assistant, "What is the IFD in Wiltshire like?"),
        )
        is None
    )
    # Each council names its own teams: one council's "DART" is not looked for in another's reports.
    assert "(DART)" not in " ".join(
        c.quote for c in real_assistant.ask("What is DART in Blackpool?").citations
    )


def _scope_of(assistant, question):
    from retrieval.filters import Filters
    from retrieval.scope import decide_scope

    snap = assistant.retriever.snapshot()
    return decide_scope([question], Filters(), snap.records, snap.authority_index), snap


def test_a_misspelt_topic_word_is_read_as_the_word_the_reports_use(real_assistant):
    # "supervison" is in no report: as typed it would match nothing
    misspelt = real_assistant.ask("Bedford 2025 - anything on supervison?")
    spelt = real_assistant.ask("Bedford 2025 - anything on supervision?")
    assert not misspelt.abstained
    assert [c.quote for c in misspelt.citations] == [c.quote for c in spelt.citations]
    assert any("supervision" in c.quote.lower() for c in misspelt.citations)


def test_a_follow_up_asking_what_a_visit_covered_gets_that_visits_focus(real_assistant):
    history = [("user", "What did the 2023 Wiltshire inspection say about care leavers?"), ("assistant", "…")]
    answer = real_assistant.ask(
        "what about Wiltshire's 2022 focused visit, what did that cover?", history=history
    )
    assert answer.citations[0].report == "wiltshire--children-s-services-focused-visit-28-february-2022.pdf"
    assert answer.citations[0].quote.startswith("Inspectors")


def test_an_abbreviation_the_council_s_report_writes_out_in_full_is_searched_as_that(real_assistant):
    # Bedford's report says "Corporate Parenting Board" and never "CPB"
    answer = real_assistant.ask("What did Bedford's 2025 report say about the CPB?")
    assert not answer.abstained
    assert any("Corporate Parenting Board" in c.quote for c in answer.citations)
    # ... another council's report that writes out no such phrase still cannot answer it
    assert real_assistant.ask("What did Blackpool's 2023 report say about the CPB?").abstained
