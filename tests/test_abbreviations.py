"""Abbreviations the reports define themselves (`retrieval.abbreviations`): read from the
brackets after a long form, kept where more than one council defines them alike."""

from __future__ import annotations

from retrieval.abbreviations import (
    as_lines,
    defined_abbreviations,
    definitions_in,
    from_lines,
    not_in_glossary,
)
from retrieval.glossary import written_out


def test_the_long_form_before_a_bracketed_abbreviation_is_read_letter_by_letter():
    text = (
        "Leaders work closely with the regional adoption agency (RAA) to recruit adopters. "
        "The multi-agency safeguarding hub (MASH) is effective. Members of the children in care "
        "council (CiCC) meet leaders."
    )
    assert definitions_in(text) == [
        ("RAA", "regional adoption agency"),
        ("MASH", "multi-agency safeguarding hub"),
        ("CiCC", "children in care council"),
    ]


def test_brackets_that_are_not_abbreviations_are_left():
    text = (
        "Children and Family Court Advisory and Support Service (Cafcass) officers agree. "  # one capital
        "Staff (see below) are stable. Lead inspector (HMI), Karen Wareing (HMI) led it. "
        "The team (XYZ) is new."  # no long form with those initials
    )
    assert definitions_in(text) == []


def test_only_abbreviations_more_than_one_council_defines_alike_are_kept():
    councils = [
        ["the regional adoption agency (RAA) recruits", "Northumberland adolescent service (NAS)"],
        ["Northumberland adolescent service (NAS) again"],  # the same council's second report
        ["Its regional adoption agency (RAA) is new."],
    ]
    # one council's own team name is for its own reports to spell out, whatever the count
    assert defined_abbreviations([councils[0] + councils[1], councils[2]]) == {
        "RAA": ("regional adoption agency",)
    }


def test_definitions_survive_the_snapshot_file_and_give_way_to_the_glossary():
    defined = {"RAA": ("regional adoption agency",), "IROs": ("independent reviewing officers",)}
    assert from_lines(as_lines(defined)) == defined
    assert not_in_glossary(defined, {"IRO": ("independent reviewing officer",)}) == {
        "RAA": ("regional adoption agency",)
    }


def test_a_topic_is_also_read_with_its_abbreviations_spelt_out_and_its_long_forms_shortened():
    glossary = {"LADO": ("local authority designated officer", "allegations against professionals")}
    assert written_out("the LADO function", glossary) == [
        "the local authority designated officer function",
        "the allegations against professionals function",
    ]
    assert written_out("allegations against professionals", glossary) == ["LADO"]
    assert written_out("care leavers", glossary) == []


def test_a_long_form_read_from_a_joining_word_is_no_definition():
    assert definitions_in("Newly qualified staff are assessed and supported year in employment (ASYE).") == []
