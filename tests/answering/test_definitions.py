"""What a report's abbreviation stands for: the sentence that spells it out, found by its brackets."""

import pytest

from answering.definitions import abbreviation_asked, defining_sentence
from retrieval.passage import Passage


@pytest.mark.parametrize(
    ("question", "abbreviation"),
    [
        ("What is the FFAP in North East Lincs?", "FFAP"),
        ("oldham focused visit 2025 mentions A&I - what's that", "A&I"),
        ("In Calderdale's 2024 inspection what does PA stand for?", "PA"),
        ("Northumberland 2024 - what is NAS and what does it do for care leavers?", "NAS"),
        ("what do they mean by PEPs in the Blackpool report?", "PEPs"),
        # a capitalised word qualifying another, or an abbreviation asked about, not spelt out
        ("Kent - what is the CQC rating for adult social care?", ""),
        ("What is CAMHS like in Kent?", ""),
        ("what were the IRO caseloads in Leeds?", ""),
        ("What is Ofsted?", ""),
        ("what is the mash", ""),  # lower case: a word, not the reports' abbreviation
        ('What does "FFAP" mean?', "FFAP"),
        ("What's FFAP short for?", "FFAP"),
        ("Kent got RI in 2019 - what is it now?", ""),  # "what is it" asked at the end only
        ("WHAT IS THE JUDGEMENT IN KENT?", ""),  # capitals throughout tell no abbreviation
    ],
)
def test_a_question_asking_what_an_abbreviation_means(question, abbreviation):
    asked = abbreviation_asked(question)
    assert (asked.abbreviation if asked else "") == abbreviation


def test_what_follows_the_asking_is_kept_for_the_caller_to_tell_a_place_from_another_question():
    assert abbreviation_asked("What is the FFAP in North East Lincs?").rest == " in North East Lincs"
    assert abbreviation_asked("What is the FFAP in Lincs rated?").rest == " in Lincs rated"
    assert abbreviation_asked("what does PA stand for? is it personal adviser?").rest == " for"


def _passage(n: int, text: str) -> Passage:
    return Passage(f"c{n}", text, {"report_id": "r.pdf", "section": "Findings"})


def test_the_first_sentence_spelling_it_out_is_quoted_where_it_starts():
    passages = [
        _passage(0, "The FFAP screens all contacts within a day. Managers oversee its decisions well."),
        _passage(
            1,
            "Most referrals are timely. Inspectors reviewed contacts and referrals at the "
            "front door, the Families First Access Point (FFAP). Thresholds are understood.",
        ),
        _passage(2, "A second Families First Access Point (FFAP) sentence comes later in the report."),
    ]
    quote, passage, start = defining_sentence("FFAP", passages)
    assert quote.endswith("the Families First Access Point (FFAP).")
    assert passage.chunk_id == "c1" and passage.text[start : start + len(quote)] == quote


def test_a_plural_abbreviation_finds_its_singular_spelt_out_and_none_is_none():
    passages = [_passage(0, "Each young person has a personal education plan (PEP) that is reviewed.")]
    assert defining_sentence("PEPs", passages)[0].startswith("Each young person")
    assert defining_sentence("NAS", passages) is None
