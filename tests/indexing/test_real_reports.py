"""Real published Ofsted PDFs from ../shared/ofsted: pages, sections, furniture, metadata."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from indexing.loading import LoadLimits, load_files
from indexing.pipeline import Indexer
from indexing.reports import build_report
from tests.conftest import OFSTED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

INSPECTION_2023 = "wiltshire--children-s-services-inspection-12-december-2023.pdf"
VISIT_2025 = "wiltshire--children-s-services-focused-visit-22-august-2025.pdf"


def _report(name: str):
    path = OFSTED / name
    [(_, doc)] = list(load_files([path], LoadLimits()))
    return build_report(doc, path, 40, 250)


def test_wiltshire_2023_page_section_and_metadata():
    report = _report(INSPECTION_2023)
    chunk = next(c for c in report.chunks if "4. Child and family assessments, including pre-birth" in c.text)
    assert chunk.metadata["page_start"] == "3"
    assert chunk.section == "The experiences and progress of children who need help and protection: good"
    # Paragraph 2 runs from page 2 onto page 3: the chunk carries the range.
    para2 = next(
        c for c in report.chunks if "2. Children in need of help and protection receive a swift" in c.text
    )
    assert (para2.metadata["page_start"], para2.metadata["page_end"]) == ("2", "3")
    assert "rationale for the dispensing of consent is not clearly recorded" in para2.text
    for c in report.chunks:
        assert "25 to 29 September 2023" not in c.text, "running header leaked into a passage"
    meta = report.metadata
    assert meta["local_authority"] == "Wiltshire"
    assert meta["inspection_type"] == "full inspection"
    assert (meta["visit_start"], meta["visit_end"]) == ("2023-09-25", "2023-09-29")
    assert meta["lead_inspector"] == "Kendra Bell"
    assert meta["overall_judgement"] == "outstanding"
    assert report.chunks[0].section == "Introduction" or "Judgement" in report.chunks[0].section


def test_focused_visit_letter_has_no_address_block_and_joined_sentences():
    report = _report(VISIT_2025)
    for c in report.chunks:
        assert "Piccadilly Gate" not in c.text and "enquiries@ofsted.gov.uk" not in c.text
    assert "held at a child-in-need or child protection stage of planning" in report.text
    assert "builds trusting relationships with children at their own pace" in report.text
    assert report.metadata["inspection_type"] == "focused visit"
    assert report.metadata["report_date"] == "2025-08-22"
    assert report.metadata["lead_inspector"] == "Sarah Canto"


def test_kill_9_mid_run_then_rerun_is_exact(tmp_path, make_settings, embed_model):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    names = sorted(p.name for p in OFSTED.glob("wiltshire--*.pdf"))
    for name in names:
        shutil.copy(OFSTED / name, corpus / name)
    reference = Indexer(make_settings(corpus_dir=corpus, data_dir=tmp_path / "ref"), embed_model=embed_model)
    reference.index()
    expected = sorted(reference.store.get_chunks(include=[])["ids"])

    data = tmp_path / "killed"
    env = {**os.environ, "REPORTQA_DATA_DIR": str(data), "REPORTQA_CORPUS_DIR": str(corpus)}
    for delay in (9.0, 13.0):
        proc = subprocess.Popen(
            [sys.executable, "-m", "reportqa.cli", "index"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    settings = make_settings(corpus_dir=corpus, data_dir=data)
    Indexer(settings, embed_model=embed_model).index()
    store = Indexer(settings, embed_model=embed_model).store
    got = sorted(store.get_chunks(include=[])["ids"])
    assert got == expected
    assert len(got) == len(set(got))
    assert set(store.report_records()) == set(names)


@pytest.mark.parametrize(
    ("name", "title"),
    [  # these were cited by the council's name alone ("Barnsley")
        (
            "barnsley--children-s-services-inspection-19-november-2018.pdf",
            "Barnsley: Inspection of children’s",
        ),
        (
            "birmingham--children-s-services-inspection-17-january-2019.pdf",
            "Birmingham City Council: Inspection",
        ),
        (
            "hampshire--children-s-services-inspection-22-april-2014.pdf",
            "Hampshire County Council: Inspection of",
        ),
        (
            "kirklees--children-s-services-inspection-05-august-2019.pdf",
            "Kirklees Metropolitan Borough Council: In",
        ),
        (
            "hillingdon--children-s-services-inspection-11-february-2014.pdf",
            "London Borough of Hillingdon: Inspection",
        ),
        # a title set in body type, and one the cleaner takes for a running header
        (
            "oldham--children-s-services-focused-visit-21-august-2025.pdf",
            "Focused visit to Oldham children’s",
        ),
        (
            "bracknell-forest--children-s-services-inspection-29-july-2022.pdf",
            "Inspection of Bracknell Forest local",
        ),
    ],
)
def test_titles_read_like_ofsteds_own(name, title):
    assert _report(name).metadata["title"].startswith(title)


def test_a_letter_is_dated_by_its_letter_not_its_visit():
    # The letterhead with "31 October 2024" is not in the text layer pypdf reads; the first date
    # in the text is the visit's (1 and 2 October), which is no letter date.
    meta = _report("north-northamptonshire--children-s-services-focused-visit-31-october-2024.pdf").metadata
    assert (meta["report_date"], meta["visit_start"], meta["visit_end"]) == (
        "2024-10-31",
        "2024-10-01",
        "2024-10-02",
    )


@pytest.mark.parametrize(
    ("name", "authority"),
    [
        ("st-helens--children-s-services-inspection-04-september-2023.pdf", "St Helens"),
        ("stockton-on-tees--children-s-services-focused-visit-18-october-2024.pdf", "Stockton-on-Tees"),
    ],
)
def test_council_names_are_whole(name, authority):
    assert _report(name).metadata["local_authority"] == authority


def _facts(name: str):
    from indexing.facts import extract_facts

    report = _report(name)
    rows = [
        (f"c{c.position}", c.text, {**c.metadata, "section": c.section, "position": c.position})
        for c in report.chunks
    ]
    return report, extract_facts(name, rows)


def test_dates_set_under_a_2014_title_are_a_quotable_fact_not_part_of_the_title():
    report, facts = _facts("barking-and-dagenham--children-s-services-inspection-07-july-2014.pdf")
    assert "Inspection date" not in report.metadata["title"]
    [dates] = facts.of("dates")
    assert dates.line == "Inspection date: 29 April – 22 May 2014"
    assert any(dates.line in c.text for c in report.chunks)


def test_a_letter_giving_its_visit_as_between_two_dates_states_them():
    _, facts = _facts("gloucestershire--children-s-services-focused-visit-20-november-2020.pdf")
    [dates] = facts.of("dates")
    assert dates.line.endswith("between 6 and 8 October 2020.")


def test_a_2017_report_states_the_previous_grade_of_each_service():
    _, facts = _facts("bath-and-north-east-somerset--children-s-services-inspection-07-july-2017.pdf")
    by_area = {f.area: (f.value, f.line) for f in facts.of("previous")}
    assert by_area["help and protection"][0] == "adequate"
    assert by_area["help and protection"][1].endswith("The local authority was judged to be adequate.")
    assert "looked after" in by_area["children in care"][1]


def test_a_visit_letter_saying_when_the_council_was_last_inspected_states_the_previous_grade():
    # "Somerset children's services were last inspected by Ofsted in November 2017, when the
    # overall effectiveness of services was judged to require improvement to be good."
    _, facts = _facts("somerset--children-s-services-focused-visit-21-february-2019.pdf")
    [previous] = facts.of("previous")
    assert previous.value == "requires improvement to be good"
    assert previous.line.startswith(
        "Somerset children’s services were last inspected by Ofsted in November 2017"
    )


def test_a_previous_grade_in_the_sentence_after_the_one_saying_when_is_stated_with_it():
    # "Stockport children's services were last inspected by Ofsted in July 2017. All areas were
    # judged to be good, with adoption judged to be outstanding."
    _, facts = _facts("stockport--children-s-services-focused-visit-11-march-2019.pdf")
    [previous] = facts.of("previous")
    assert previous.value == "good"
    assert previous.line.startswith(
        "Stockport children’s services were last inspected by Ofsted in July 2017."
    )
    assert previous.line.endswith("with adoption judged to be outstanding.")


def test_a_grade_of_something_else_after_a_sentence_on_the_last_inspection_is_no_previous_grade():
    from indexing.facts import _COMPARISON, _PREVIOUS

    assert not _PREVIOUS.search(
        "Since the last inspection, leaders have strengthened the front door. Audits rated practice as good."
    )
    assert not _COMPARISON.search("Several cases identified during the inspection were referred to managers.")


def test_since_the_council_was_last_inspected_is_a_comparison():
    _, facts = _facts("central-bedfordshire--children-s-services-focused-visit-26-march-2024.pdf")
    assert facts.of("change")[0].line.startswith("Since the local authority was last inspected, in 2022")


def test_what_a_visit_says_of_the_last_inspections_areas_for_improvement_is_a_comparison():
    _, facts = _facts("wolverhampton--children-s-services-focused-visit-01-november-2024.pdf")
    assert any(
        f.line.startswith("Areas for improvement raised in the ILACS inspection in 2022")
        for f in facts.of("change")
    )


DARLINGTON_2018 = "darlington--children-s-services-inspection-21-may-2018.pdf"


def test_a_grade_is_restated_by_the_reports_own_sentence_not_one_about_the_last_inspection():
    _, facts = _facts(DARLINGTON_2018)
    judged = facts.judgements()
    overall = "Children's services in Darlington require improvement to be good"
    assert judged["overall effectiveness"].line == overall
    # p. 5's "Previous Ofsted inspections" table gives the 2015 inspection's grades: they are
    # that inspection's ("previous"), not this report's. This report's own come from page 1's
    # table, whose grade column wraps ("Requires" / "improvement to be" / "good") and whose
    # second row's label wraps too ("… achieving" / "permanence").
    assert {f.area: f.value for f in facts.of("previous")}["help and protection"] == "inadequate"
    assert judged["help and protection"].value == "requires improvement to be good"
    assert judged["help and protection"].page == "1"
    assert judged["children looked after and permanence"].line == (
        "2. Children looked after and achieving permanence Requires improvement to be good"
    )
    assert judged["leadership, management and governance"].value == "requires improvement to be good"
    # The same grade in that earlier table is no restatement of this report's
    restated = {f.area: f.line for f in facts.of("restated")}
    assert restated["children looked after and permanence"].startswith(
        "Services for children looked after continue"
    )
    # and the heading after the table starts its own section
    assert any(c.section == "Executive summary" for c in _report(DARLINGTON_2018).chunks)
    _, sheffield = _facts("sheffield--children-s-services-inspection-03-november-2023.pdf")
    # "… since the previous inspection in 2019, when the local authority was judged to be good …"
    assert not any("previous inspection" in f.line for f in sheffield.of("restated"))


def test_a_grade_set_in_bold_with_nothing_under_it_is_quotable_text():
    # Barking and Dagenham 2014 (p. 30) sets "The effectiveness of the LSCB requires improvement"
    # in heading type straight above the next heading; as a heading it headed an empty section
    # and no passage held it. It is stored as text now, and is the report's own restatement of
    # the LSCB grade the judgement table gives.
    report, facts = _facts("barking-and-dagenham--children-s-services-inspection-07-july-2014.pdf")
    [chunk] = [c for c in report.chunks if c.text == "The effectiveness of the LSCB requires improvement"]
    assert chunk.section.startswith("Section 2: The effectiveness of the Local Safeguarding")
    assert chunk.metadata["page_start"] == "30"
    assert {f.area: f.line for f in facts.of("restated")}["LSCB"] == chunk.text
    # A 2017 report prints its judgement table in heading type: each grade is quotable under its area.
    wolverhampton, _ = _facts("wolverhampton--children-s-services-inspection-31-march-2017.pdf")
    graded = {c.section: c.text for c in wolverhampton.chunks if c.text in ("Good", "Requires improvement")}
    assert (
        graded["The experiences and progress of children who need help and protection"]
        == "Requires improvement"
    )
    # A heading that heads text stays a heading, even one ending in a grade word.
    assert any(
        c.section == "Leadership, management and governance are outstanding"
        for c in _report("hampshire--children-s-services-inspection-22-april-2014.pdf").chunks
    )


def test_a_heading_wrapped_onto_a_line_ending_in_a_full_stop_is_one_heading():
    # Hull 2019 (p. 10) sets "The impact of leaders on social work practice with children and" /
    # "families: requires improvement to be good." in heading type. The second line ends with a
    # full stop, so it was not taken for a heading: the section was named by half the area and
    # its grade was the first words of the text. It is one heading, which states the grade.
    report, facts = _facts("kingston-upon-hull--children-s-services-inspection-17-may-2019.pdf")
    heading = (
        "The impact of leaders on social work practice with children and families: "
        "requires improvement to be good."
    )
    sections = {c.section for c in report.chunks}
    assert heading in sections
    assert not any(s.endswith("children and") for s in sections)
    assert not any(c.text.startswith("families:") for c in report.chunks)
    restated = {f.area: f for f in facts.of("restated")}
    assert restated["impact of leaders"].line == heading and restated["impact of leaders"].in_heading


def test_a_grade_statement_cut_at_its_heading_is_read_across_the_cut():
    # Hillingdon 2014 (p. 1): "The effectiveness of the Local Safeguarding Children Board (LSCB)"
    # became the section and "requires improvement." opened its passage; the LSCB grade was lost.
    report, facts = _facts("hillingdon--children-s-services-inspection-11-february-2014.pdf")
    lscb = facts.judgements()["LSCB"]
    assert lscb.value == "requires improvement" and lscb.in_heading
    chunk = next(c for c in report.chunks if f"c{c.position}" == lscb.chunk_id)
    assert lscb.line in f"{chunk.section}\n\n{chunk.text}"
    assert lscb.page == chunk.metadata["page_start"] == "1"
