"""Answer quality with all 315 real Ofsted reports indexed: scope, facts, evidence, the CI gate.

One index of ../shared/ofsted is built per session (`ofsted_settings`); every test here
reads it. The gate at the end runs the held-out test split of the Ofsted QA set, whose
questions were never used to fit or tune anything (see evaluation/sets/ofsted-test.jsonl).
"""

from __future__ import annotations

import json
import re

import pytest

from answering.extractive import sentences_of, with_antecedent
from evaluation.facts_check import compare as compare_with_catalogue
from reportqa.cli import main
from reportqa.settings import PROJECT_DIR
from retrieval.boilerplate import shape
from retrieval.passage import Passage
from tests.conftest import SHARED, needs_shared

pytestmark = [needs_shared, pytest.mark.shared]

CROYDON_2024 = "croydon--children-s-services-inspection-03-december-2024.pdf"
BARNSLEY_2018 = "barnsley--children-s-services-inspection-19-november-2018.pdf"
BARNSLEY_FV_2024 = "barnsley--children-s-services-focused-visit-05-december-2024.pdf"
ENFIELD_SIF_2015 = "enfield--children-s-services-inspection-27-march-2015.pdf"


def _facts(assistant, report_id):
    return assistant.retriever.snapshot().facts(report_id)


def test_ilacs_2023_framework_facts(ofsted_assistant):
    facts = _facts(ofsted_assistant, CROYDON_2024)
    grades = {area: fact.value for area, fact in facts.judgements().items()}
    assert grades == {
        "impact of leaders": "good",
        "help and protection": "requires improvement to be good",
        "children in care": "good",
        "care leavers": "good",
        "overall effectiveness": "good",
    }
    assert facts.of("lead_inspector")[0].value == "Christine Kennet"
    assert facts.of("dates")[0].line == "Inspection dates: 14 to 25 October 2024"
    improve = [f.line for f in facts.of("improve")]
    assert (
        "Services to children out of hours." in improve and "Waiting time for early help support." in improve
    )


def test_early_ilacs_facts_and_bold_field_lines(ofsted_assistant):
    facts = _facts(ofsted_assistant, BARNSLEY_2018)
    assert facts.judgements()["children in care and care leavers"].value == "good"
    lead = facts.of("lead_inspector")[0]
    assert lead.value == "Jan Edwards"
    # Set in bold like a heading, but kept as text: the dates line is quotable too.
    assert facts.of("dates")[0].line == "Inspection dates: 8 October 2018 to 19 October 2018"


def test_single_inspection_framework_facts(ofsted_assistant):
    grades = {a: f.value for a, f in _facts(ofsted_assistant, ENFIELD_SIF_2015).judgements().items()}
    assert grades["help and protection"] == "requires improvement"
    assert grades["adoption performance"] == "good"
    assert grades["overall effectiveness"] == "good"
    assert grades["LSCB"] == "good"
    # Other 2014-2018 wordings of the overall grade; Darlington 2018 also quotes its previous
    # inspection's "Overall effectiveness: inadequate" later on, which is not its own grade.
    for report_id, line in (
        (
            "barking-and-dagenham--children-s-services-inspection-07-july-2014.pdf",
            "The overall judgement is requires improvement",
        ),
        ("darlington--children-s-services-inspection-21-may-2018.pdf", "require improvement to be good"),
    ):
        assert line in _facts(ofsted_assistant, report_id).judgements()["overall effectiveness"].line


def test_focused_visit_facts(ofsted_assistant):
    facts = _facts(ofsted_assistant, BARNSLEY_FV_2024)
    assert facts.of("focus")[0].line.startswith(
        "Inspectors looked at the local authority’s arrangements for placement"
    )
    assert "Jo Warburton and Jan Edwards" in facts.of("inspectors")[0].line
    assert "5 and 6 November 2024" in facts.of("dates")[0].line


def test_a_grade_asked_of_a_visit_says_visits_are_not_graded(ofsted_assistant):
    answer = ofsted_assistant.ask("What grade did Barnsley get at its 2024 focused visit?")
    assert answer.text.startswith("A focused visit is not graded") and answer.abstained
    assert {c.report for c in answer.related} == {BARNSLEY_FV_2024}  # its own verdict, as related
    graded = ofsted_assistant.ask("What grade did Croydon get at its 2024 inspection?")
    assert "not graded" not in graded.text and "Good" in graded.citations[0].quote
    # An area the report does not grade: said, with the grades it does give as related.
    adoption = ofsted_assistant.ask("How was adoption graded in Croydon in 2024?")
    assert adoption.text.startswith("The full inspection of 3 December 2024 gives no grade for adoption")
    assert adoption.abstained and adoption.related
    assert all(c.report == CROYDON_2024 for c in adoption.related)


def test_an_abbreviation_several_councils_define_is_searched_by_its_long_form(ofsted_assistant):
    defined = ofsted_assistant.retriever.snapshot().defined_abbreviations
    assert defined["RAA"] == ("regional adoption agency",)  # defined alike by ten councils' reports
    assert "NAS" not in defined  # Northumberland's own adolescent service: for its reports to spell out
    # Waltham Forest's report names its agency without the abbreviation.
    answer = ofsted_assistant.ask("which RAA is waltham forest part of? (2024 ILACS)")
    assert answer.citations[0].report == "waltham-forest--children-s-services-inspection-20-august-2024.pdf"
    assert "Coram Ambitious for Adoption" in answer.citations[0].quote


def test_the_weaknesses_of_a_visit_on_the_subject_asked_are_the_letters_own(ofsted_assistant):
    from answering.extractive import is_critical

    answer = ofsted_assistant.ask("notts front door visit jan 2019, what were the main weaknesses?")
    assert {c.report for c in answer.citations} == {
        "nottinghamshire--children-s-services-focused-visit-01-february-2019.pdf"
    }
    assert all(is_critical(c.quote) for c in answer.citations[:3])


def test_a_visits_line_on_the_full_inspection_before_answers_what_that_rated(ofsted_assistant):
    answer = ofsted_assistant.ask(
        "West Northants had a focused visit in April 2025 - what had its last full inspection rated it?"
    )
    assert "judged to be requires improvement to be good" in answer.citations[0].quote
    assert (
        answer.citations[0].report
        == "west-northamptonshire--children-s-services-focused-visit-20-may-2025.pdf"
    )


def test_judgements_agree_with_the_catalogue(ofsted_assistant):
    scores, mismatches = compare_with_catalogue(SHARED / "ofsted-catalogue.csv", ofsted_assistant.retriever)
    agree, known = sum(s[0] for s in scores.values()), sum(s[1] for s in scores.values())
    assert known > 600 and agree / known >= 0.98, mismatches


@pytest.mark.parametrize(
    ("question", "report", "quote_part"),
    [
        (
            "How did the 2024 Croydon inspection judge help and protection?",
            CROYDON_2024,
            "help and protection: requires improvement to be good",  # the area's findings heading
        ),
        ("Who led the Croydon inspection in October 2024?", CROYDON_2024, "Christine Kennet"),
        (
            "Who led the 2022 inspection of West Berkshire?",
            "west-berkshire--children-s-services-inspection-04-may-2022.pdf",
            "Máire Atherton",  # a name with an accent
        ),
        ("What did the 2024 focused visit to Barnsley look at?", BARNSLEY_FV_2024, "placement"),
        ("What does Croydon need to improve?", CROYDON_2024, "out of hours"),
    ],
)
def test_fact_questions_quote_the_stating_line(ofsted_assistant, question, report, quote_part):
    answer = ofsted_assistant.ask(question)
    assert answer.citations[0].report == report
    assert quote_part in answer.citations[0].quote
    assert answer.citations[0].quote in answer.citations[0].passage  # verbatim
    assert answer.confidence == 1.0  # read from the report, so never withheld by a confidence cut-off


@pytest.mark.parametrize(
    ("question", "history", "report", "quote_part"),
    [
        # the grade a report says its predecessor gave: no 2015 report is indexed
        (
            "What was Sunderland rated in 2015, according to its 2021 inspection report?",
            [],
            "sunderland--children-s-services-inspection-20-august-2021.pdf",
            "2015",
        ),
        # how a council changed, from the report's own comparison with the inspection before
        (
            "Has Swindon got worse since it was judged good in 2019?",
            [],
            "swindon--children-s-services-inspection-11-september-2023.pdf",
            "Since",
        ),
        # "the next inspection" after the one the conversation was about
        (
            "Did it improve further at the next inspection?",
            ["How was Newham's overall effectiveness judged in the 2022 inspection?"],
            "newham--children-s-services-inspection-12-january-2026.pdf",
            "",
        ),
    ],
)
def test_questions_about_other_inspections_than_the_one_named(
    ofsted_assistant, question, history, report, quote_part
):
    turns = [turn for earlier in history for turn in (("user", earlier), ("assistant", ""))]
    answer = ofsted_assistant.ask(question, history=turns)
    assert not answer.abstained and answer.citations[0].report == report
    assert quote_part in answer.citations[0].quote


def test_list_question_lists_every_matching_report(ofsted_assistant):
    answer = ofsted_assistant.ask("Which councils were judged inadequate in 2019?")
    snap = ofsted_assistant.retriever.snapshot()
    cited = {c.report for c in answer.citations}
    assert len(cited) >= 2
    for report_id in cited:
        assert snap.facts(report_id).judgements()["overall effectiveness"].value == "inadequate"


@pytest.mark.parametrize(
    "question",
    [
        "What did Ofsted say about Croydon's care leavers?",
        "How are disabled children supported in Hartlepool?",
        "What did the latest Birmingham report say about children in care?",
    ],
)
def test_named_council_is_the_only_source(ofsted_assistant, question):
    answer = ofsted_assistant.ask(question)
    council = answer.scope.split(" · ")[0]
    assert answer.citations and all(c.authority == council for c in answer.citations), answer.scope


def test_year_of_a_follow_up_is_kept(ofsted_assistant):
    first = "What did the 2019 Wiltshire inspection say about supervision?"
    history = [("user", first), ("assistant", ofsted_assistant.ask(first).text)]
    answer = ofsted_assistant.ask("And what did the 2025 visit say about that?", history=history)
    assert answer.scope == "Wiltshire · focused visit · August 2025"
    assert answer.citations and {c.report for c in answer.citations} == {
        "wiltshire--children-s-services-focused-visit-22-august-2025.pdf"
    }
    assert any("supervision" in c.quote.lower() for c in answer.citations)  # the earlier topic


def test_missing_council_year_says_so_and_lists_what_is_indexed(ofsted_assistant):
    answer = ofsted_assistant.ask("What did the 2016 inspection of Croydon find about care leavers?")
    assert answer.abstained and answer.nothing_found == "scope"
    assert "No indexed report of Croydon is from 2016" in answer.text and "December 2024" in answer.text


def test_templates_and_letter_furniture_are_never_quoted(ofsted_assistant):
    snap = ofsted_assistant.retriever.snapshot()
    template = (
        "This letter summarises the findings of the focused visit to Barnsley children’s services "
        "on 5 and 6 November 2024."
    )
    assert shape(template) in snap.templates
    assert shape(template.replace("’", "'")) == shape(template)  # either apostrophe: one sentence
    for question in (
        "What did the 2024 focused visit to Barnsley find?",
        "What did the 2025 focused visit to Wiltshire find about neglect?",
    ):
        for c in ofsted_assistant.ask(question).citations:
            assert shape(c.quote) not in snap.templates and "Dear " not in c.quote
    letter = snap.passage(snap.ids[snap.rows_by_report[BARNSLEY_FV_2024][0]])
    quotable = " ".join(s.text for s in sentences_of(letter, 0, snap.templates))
    assert "Eldon Street" not in quotable and "This letter summarises" not in quotable


def test_sentence_leaning_on_the_one_before_is_quoted_with_it():
    text = (
        "Too many workers have workloads that are too high. Despite this, workers are committed to "
        "the children they support."
    )
    passage = Passage("c1", text, {"report_id": "r"})
    second = next(s for s in sentences_of(passage, 0) if s.text.startswith("Despite"))
    quote, start = with_antecedent(second, passage)
    assert quote == text and start == 0


def test_held_out_test_split_gate(ofsted_settings, tmp_path, monkeypatch):
    """The CI gate: the test split at 315 reports. Thresholds sit just under the measured scores
    (closing note of issue 11), so a real regression fails while nothing random can."""
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(ofsted_settings.data_dir))
    out = tmp_path / "eval"
    split = PROJECT_DIR / "evaluation" / "sets" / "ofsted-test.jsonl"
    assert main(["eval", str(split), "--out", str(out)]) == 0
    summary = json.loads((out / "summary.json").read_text())
    overall, tags = summary["overall"], summary["by_tag"]
    assert overall["citation_verbatim_rate"] == 1.0
    assert overall["hit@3"] >= GATE["hit@3"], overall
    assert overall["hit@1"] >= GATE["hit@1"], overall
    assert overall["council_quote_share"] >= GATE["council_quote_share"], overall
    assert overall["abstain_precision"] >= GATE["abstain_precision"], overall
    assert overall["abstain_recall"] >= GATE["abstain_recall"], overall
    assert tags["who"]["hit@3"] >= GATE["who"], tags["who"]
    assert summary["abstention_curve"], "the eval report carries the precision/recall curve"


# Measured on the test split at 315 reports when set (round 6 of issue 11): hit@3 0.864, hit@1
# 0.712, council quote share 1.0, abstention precision 0.929 / recall 0.929, who 1.0; hit@1 raised
# in round 19 (0.776 with the question map). Each gate leaves about four questions (two
# unanswerable ones) of room.
GATE = {
    "hit@3": 0.83,
    "hit@1": 0.74,
    "council_quote_share": 0.97,
    "abstain_precision": 0.85,
    "abstain_recall": 0.78,
    "who": 0.9,
}


def _chat(assistant, *questions: str):
    """The answer to the last question, each earlier one asked and answered before it."""
    history: list[tuple[str, str]] = []
    for question in questions[:-1]:
        history += [("user", question), ("assistant", assistant.ask(question, history=list(history)).text)]
    return assistant.ask(questions[-1], history=history)


def test_follow_ups_pass_on_the_fact_asked_for(ofsted_assistant):
    # Through a follow-up that only moved on: the grade asked for two questions back.
    answer = _chat(
        ofsted_assistant,
        "What overall grade did Solihull get at its 2019 inspection?",
        "And in the inspection at the end of 2022?",
        "and at the most recent one?",
    )
    assert answer.citations[0].quote == "Overall effectiveness Good"
    assert answer.citations[0].report == "solihull--children-s-services-inspection-12-january-2026.pdf"
    # Nor through one that moved on from a topic: "and Northumberland?" asked about that topic
    # there, so "what about Cornwall" does too (it was read as asking for Cornwall's overview).
    answer = _chat(
        ofsted_assistant,
        "how do Calderdale respond to homeless 16 and 17 year olds? 2024 inspection",
        "and Northumberland?",
        "what about Cornwall",
    )
    assert answer.citations and all(c.report.startswith("cornwall--") for c in answer.citations)
    assert not any(c.quote.startswith("Overall effectiveness") for c in answer.citations)
    assert any("homeless" in c.quote or "16- and 17-year-olds" in c.quote for c in answer.citations)
    # "for that": the judgement area the question before was about.
    answer = _chat(
        ofsted_assistant,
        "How's Camden doing on early help and child protection these days?",
        "what grade did they get for that?",
    )
    assert "help and protection" in answer.citations[0].quote and "outstanding" in answer.citations[0].quote
    # "which inspectors did it?": the team of the report the conversation is on.
    answer = _chat(
        ofsted_assistant,
        "Oldham had a focused visit on the front door in summer 2025, was it positive?",
        "which inspectors did it?",
    )
    assert answer.citations[0].quote.startswith("His Majesty’s Inspectors for this visit were")
    # "on that visit": the report the answer before quoted, of the three of Barnsley's in scope.
    answer = _chat(
        ofsted_assistant,
        "What did Ofsted find when they looked at care leavers in Barnsley?",
        "Who were the inspectors on that visit?",
    )
    assert answer.citations[0].report == "barnsley--children-s-services-focused-visit-01-march-2023.pdf"


def test_the_grade_at_the_inspection_before_is_that_inspections_own(ofsted_assistant):
    # Moved to the inspection before: its own grade, not the grade it says came before it.
    answer = _chat(
        ofsted_assistant,
        "What grade did Knowsley get in 2025?",
        "what were they rated at the inspection before?",
    )
    assert answer.citations[0].report == "knowsley--children-s-services-inspection-03-december-2021.pdf"
    assert answer.citations[0].quote == "Overall effectiveness Requires improvement to be good"
    # The report before grades nothing (a visit): the later report's line on the inspection before.
    answer = _chat(
        ofsted_assistant,
        "wandsworth march 2026 inspection - overall grade?",
        "what were they rated at the inspection before?",
    )
    assert answer.citations[0].quote.startswith(
        "Since the previous inspection in 2022, when services were judged"
    )
    # Asked when, not how it was graded: the dates of the report moved to.
    answer = _chat(ofsted_assistant, "harrow inspection 2025 grade", "when was the one before that?")
    assert answer.citations[0].quote == "Inspection dates: 10 to 14 February 2020"


def test_moving_to_a_visit_that_never_looked_at_the_topic_says_so_and_what_it_looked_at(ofsted_assistant):
    # The December 2022 visit was on the front door, not care leavers: not a bare "not covered".
    answer = _chat(
        ofsted_assistant,
        "are plymouth care leavers ending up in B&Bs? thinking of the july 2025 visit",
        "and the visit before that, in december 2022?",
    )
    assert answer.scope == "Plymouth · focused visit · January 2023"
    assert "answers what was asked before" in answer.text
    assert (
        answer.citations[0].quote
        == "Inspectors looked at the local authority’s arrangements for the ‘front door’."
    )
    # A follow-up with a topic of its own that the visit never mentions is still not covered.
    answer = _chat(
        ofsted_assistant,
        "are plymouth care leavers ending up in B&Bs? thinking of the july 2025 visit",
        "and did the visit before that, in december 2022, say anything about dental checks for care leavers?",
    )
    assert answer.abstained


def test_which_councils_had_a_visit_on_a_topic_lists_each_visit_by_its_own_focus_line(ofsted_assistant):
    answer = ofsted_assistant.ask("which councils have had a focused visit looking at care leavers?")
    reports = [c.report for c in answer.citations]
    assert len(reports) == len(set(reports)) >= 10  # one line each, every such visit
    focus_line = re.compile(r"^(Inspectors|This visit) (looked at|considered|reviewed) ")
    assert all(focus_line.match(c.quote) and "care leavers" in c.quote for c in answer.citations)
    assert "gloucestershire--children-s-services-focused-visit-21-february-2025.pdf" in reports
    # "… older children, with a particular focus on children over 14 but not care leavers"
    assert not any(r.startswith("kingston-upon-hull--") for r in reports)


def test_a_visit_whose_focus_is_the_topic_is_answered_from_not_called_not_covered(ofsted_assistant):
    # Halton's visit "looked at the local authority's arrangements for the 'front door'"
    answer = _chat(
        ofsted_assistant,
        "how well does Stockton-on-Tees' front door work? (2022 visit)",
        "what about Halton's?",
    )
    assert not answer.abstained and answer.scope == "Halton · focused visit · January 2023"
    assert any("referred to the front door in Halton" in c.quote for c in answer.citations[:3])


def test_they_in_a_follow_up_with_a_topic_of_its_own_are_the_earlier_subject(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "What did Ofsted say about care leavers in Milton Keynes in 2024?",
        "do they get help sorting out housing?",
    )
    assert not answer.abstained
    assert any("housing" in c.quote for c in answer.citations[:3])


def test_care_leavers_graded_with_children_in_care_are_summed_up_by_a_finding_on_care_leavers(
    ofsted_assistant,
):
    # 2018-2023 reports grade the two together; the section opens on children coming into care
    answer = ofsted_assistant.ask("How did care leavers get on in Somerset in 2022?")
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "The experiences and progress of children in care and care leavers: good"
    assert quotes[1].startswith("Care leavers receive a consistently high standard of support")


def test_the_inspection_before_that_in_a_year_named_is_graded_by_its_own_table(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "darlington childrens services ofsted grades 2022?",
        "and the inspection before that in 2018 - what was adoption rated?",
    )
    # page 1's own grade, not page 5's table of the 2015 inspection's grades
    assert [c.quote for c in answer.citations] == [
        "The graded judgement for adoption performance is that it is good",
        "2.1 Adoption performance Good",
    ]


def test_a_follow_up_on_a_topic_keeps_the_report(ofsted_assistant):
    # "when they come back" is the children coming back, not Ofsted: the 2024 report still answers.
    answer = _chat(
        ofsted_assistant,
        "how are Hampshire doing with kids who go missing? 2024 report",
        "what about the chats they have with them when they come back?",
    )
    assert answer.scope == "Hampshire · full inspection · July 2024" and not answer.abstained
    assert any("return conversations" in c.quote for c in answer.citations[:3])


def test_which_part_was_graded_so_quotes_those_areas(ofsted_assistant):
    answer = ofsted_assistant.ask(
        "Which part of Waltham Forest's services was rated outstanding in July 2024?"
    )
    assert answer.citations and all("children in care" in c.quote for c in answer.citations)
    assert all("outstanding" in c.quote.lower() for c in answer.citations)


def test_two_questions_in_one_are_both_answered_from_the_report(ofsted_assistant):
    answer = ofsted_assistant.ask(
        "how did Bath and North East Somerset come out in 2017, and how was adoption graded?"
    )
    quotes = [c.quote for c in answer.citations]
    assert quotes[0] == "Children’s services in Bath and North East Somerset (B&NES) are good."
    assert "The graded judgement for adoption performance is that it is outstanding" in quotes
    dated = ofsted_assistant.ask("who led the Harrow 2025 inspection and what was the overall judgement?")
    assert [c.quote for c in dated.citations[:2]] == [
        "Lead inspector: Rebekah Tucker, His Majesty’s Inspector",
        "Overall effectiveness Inadequate",
    ]


def test_how_did_they_do_last_time_is_the_grade_of_the_report_before(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "harrow children's services ofsted jan 2025 - overall grade?",
        "how did they do last time?",
    )
    assert answer.scope == "Harrow · full inspection · March 2020"
    assert "Overall effectiveness Good" in [c.quote for c in answer.citations]


def test_the_overall_grades_verdict_is_the_comparison_that_words_it(ofsted_assistant):
    answer = ofsted_assistant.ask("what grade did greenwich get at the dec 2019 inspection?")
    quotes = [c.quote for c in answer.citations]
    assert any("receive a good service" in q for q in quotes)
    assert not any("private fostering" in q for q in quotes)


def test_the_one_before_a_latest_rating_is_the_inspection_before(ofsted_assistant):
    # Bromley's report before its 2024 inspection is a 2021 focused visit, which grades nothing
    answer = _chat(
        ofsted_assistant,
        "What's Bromley's latest Ofsted rating for children's services?",
        "what about the one before?",
    )
    assert answer.scope == "Bromley · full inspection · January 2019"
    assert answer.citations[0].quote == "Overall effectiveness Good"


def test_grade_questions_as_typed_in_a_chat(ofsted_assistant):
    landed = ofsted_assistant.ask("where did knowsely land in their most recent ILACS overall")
    assert landed.citations[0].quote == "Overall effectiveness Inadequate"
    adoption = ofsted_assistant.ask("wiltshire 2015 inspection - was adoption good?")
    assert "The graded judgement for adoption performance is that it requires improvement" in [
        c.quote for c in adoption.citations
    ]


def test_last_time_ofsted_came_then_who_was_the_lead_then_the_time_before(ofsted_assistant):
    asked = [
        "what did sheffield get last time ofsted came?",
        "who was the lead?",
        "and the time before that?",
    ]
    answers = [_chat(ofsted_assistant, *asked[: n + 1]) for n in range(3)]
    assert answers[0].scope == "Sheffield · full inspection · November 2023"
    assert answers[0].citations[0].quote == "Overall effectiveness Good"
    assert answers[1].citations[0].quote == "Lead inspector: Rachel Griffiths, His Majesty’s Inspector"
    # a conversation on grades stays on the inspections that grade (not the 2018 focused visits)
    assert answers[2].scope == "Sheffield · full inspection · February 2014"
    assert answers[2].citations[0].quote == "Lead inspector: Sarah Urding HMI"


def test_a_follow_up_to_a_council_with_no_report_is_not_answered_from_others(ofsted_assistant):
    answer = _chat(ofsted_assistant, "what was the last grade for bolton?", "who inspected them")
    assert answer.abstained and not answer.citations
    assert "No report of Bolton is indexed" in answer.text


def test_a_judgement_area_alone_is_answered_from_its_section(ofsted_assistant):
    leaders = ofsted_assistant.ask("what did the 2023 Wirral inspection say about leaders?")
    quotes = [c.quote for c in leaders.citations]
    assert quotes[0] == (
        "The impact of leaders on social work practice with children and families: "
        "requires improvement to be good"
    )
    assert len(quotes) >= 3 and all(c.report.startswith("wirral--") for c in leaders.citations)
    # one grade for children in care and care leavers: the findings on care leavers
    leavers = ofsted_assistant.ask("tell me about Leeds' care leavers")
    assert all("care leaver" in c.quote.lower() for c in leavers.citations)


def test_worries_after_an_areas_grade_are_that_areas_else_the_reports(ofsted_assistant):
    leavers = _chat(
        ofsted_assistant,
        "Waltham Forest 2024 inspection - how are their care leavers doing?",
        "anything they were worried about?",
    )
    assert any(c.quote.startswith("Pathway plans are not consistently shared") for c in leavers.citations[:3])
    # the care leavers' findings hold no criticism: the report's own
    report = _chat(
        ofsted_assistant,
        "darlington ofsted oct 2022",
        "care leavers were outstanding right?",
        "any criticisms tho?",
    )
    assert any("burdensome workflow systems" in c.quote for c in report.citations[:3])


def test_one_areas_change_and_the_other_side(ofsted_assistant):
    worse = ofsted_assistant.ask("has Harrow's care leavers service got worse?")
    quotes = [c.quote for c in worse.citations[:2]]
    assert quotes[0] == "The experiences and progress of care leavers: inadequate"
    assert "deteriorated and is now inadequate" in quotes[1]
    # "and what isn't?" after what is working well: the report's criticisms, not "not covered"
    other_side = _chat(ofsted_assistant, "what's working well in Bromley?", "and what isn't?")
    assert not other_side.abstained and other_side.citations
    assert all(c.report.startswith("bromley--") for c in other_side.citations)


def test_and_now_is_the_same_topic_in_the_latest_report(ofsted_assistant):
    answer = _chat(
        ofsted_assistant, "what did ofsted say about the virtual school in Devon?", "and in 2019?", "and now?"
    )
    assert answer.scope == "Devon · full inspection · May 2025"
    assert "virtual school" in answer.citations[0].quote.lower()


def test_a_grade_asked_of_a_visit_is_not_graded_and_no_note_where_a_report_gives_it(ofsted_assistant):
    visit = ofsted_assistant.ask("kent focused visit jan 2024 overall effectiveness judgement?")
    assert visit.abstained and visit.nothing_found == "not-graded"
    assert visit.text.startswith("A focused visit is not graded")
    assert visit.related and not visit.citations
    # a report that grades no adoption, asked its adoption grade
    adoption = ofsted_assistant.ask("What did Bradford get for adoption in its 2022 inspection?")
    assert adoption.abstained and "gives no grade for adoption performance" in adoption.text
    # Camden's scope holds two visits and the inspection that grades it: no "not graded" note
    camden = ofsted_assistant.ask("Is Camden outstanding?")
    assert not camden.abstained and "not graded" not in camden.text
    assert camden.citations[0].quote == "Overall effectiveness Outstanding"
    # the safeguarding board is the LSCB
    board = ofsted_assistant.ask("was wolverhampton's safeguarding board any good in the 2017 SIF?")
    assert board.citations[0].quote == "The Local Safeguarding Children Board requires improvement"


def test_progress_over_time_in_a_chat(ofsted_assistant):
    # The latest report does not restate the grade before: the inspection before, in its own words.
    answer = _chat(
        ofsted_assistant,
        "how did york do in its 2025 ofsted inspection?",
        "was it that good at the previous full inspection?",
    )
    assert answer.citations[0].report == "york--children-s-services-inspection-04-may-2022.pdf"
    assert answer.citations[0].quote == "Overall effectiveness Requires improvement to be good"
    # "better than the inspection before" is measured against it, by the report asked about.
    answer = _chat(
        ofsted_assistant,
        "How did Rutland County Council do in its March 2020 Ofsted?",
        "was that any better than the inspection before?",
    )
    assert answer.citations[0].report == "rutland--children-s-services-inspection-15-april-2020.pdf"
    assert "not improved since the last inspection in 2016" in answer.citations[0].quote
    # "since their last full inspection" measures from it: the visit the chat is on says how.
    answer = _chat(
        ofsted_assistant,
        "what did ofsted focus on in the feb 2024 visit to central beds?",
        "had things got better since their last full inspection?",
    )
    assert answer.citations[0].quote.startswith("Since the local authority was last inspected, in 2022")
    # a finding stated of one year, asked "by" a later one: the later report
    answer = ofsted_assistant.ask(
        "hampshire 2023 focused visit said IRO workloads were high - was that sorted by the 2024 inspection?"
    )
    assert {c.report for c in answer.citations} == {
        "hampshire--children-s-services-inspection-23-july-2024.pdf"
    }


def test_a_count_or_a_persons_words_the_reports_never_give_are_not_answered(ofsted_assistant):
    # Solihull's report says "a significant number", which is no count: not covered as asked,
    # and what it does say is there to read as possibly related
    answer = ofsted_assistant.ask(
        "how many unallocated cases did solihull have when ofsted inspected in nov 2022?"
    )
    assert answer.abstained and not answer.citations
    assert any("significant number of cases remain unallocated" in c.quote for c in answer.related)
    # the count it does give is quoted
    answer = ofsted_assistant.ask("how many kids in stockton were waiting for a social worker, sept 2022?")
    assert not answer.abstained and answer.citations[0].quote.startswith("Eighty children were waiting")
    # the director is named only in the letter's address block and greeting
    answer = ofsted_assistant.ask(
        "What did Carly Speechley say to inspectors about why Barnsley opened the new hub?"
    )
    assert answer.abstained and "report nothing Carly Speechley said" in answer.text
    # a misspelt council after a capitalised word, and a clipped name
    answer = ofsted_assistant.ask("Has Oxforshire improved since last time?")
    assert answer.scope.startswith("Oxfordshire") and "Taking “Oxforshire” as Oxfordshire." in answer.notice
    assert ofsted_assistant.ask("Middlesbro care leavers?").scope.startswith("Middlesbrough")


def test_questions_across_one_councils_reports(ofsted_assistant):
    # its grades over time: each inspection's grades, newest first, with its line on the one before
    answer = ofsted_assistant.ask("How have Bromley's Ofsted grades changed over its inspections?")
    reports = list(dict.fromkeys(c.report for c in answer.citations))
    assert reports == [
        "bromley--children-s-services-inspection-12-january-2024.pdf",
        "bromley--children-s-services-inspection-07-january-2019.pdf",
    ]
    assert answer.citations[0].quote == "Overall effectiveness Outstanding"
    # which of its reports gave a grade: that report alone, with its headline
    answer = ofsted_assistant.ask("which of Hull's reports judged it inadequate?")
    assert {c.report for c in answer.citations} == {
        "kingston-upon-hull--children-s-services-inspection-17-may-2019.pdf"
    }
    assert answer.citations[0].quote == "Overall effectiveness Inadequate" and len(answer.citations) == 2
    # the earliest report, and a year to compare with that has no report
    answer = ofsted_assistant.ask("what did the earliest Lincolnshire report look at?")
    assert answer.scope == "Lincolnshire · focused visit · May 2018"
    answer = ofsted_assistant.ask("barnsley 2018 vs 2021 ofsted - what changed?")
    assert answer.abstained and answer.text.startswith("No indexed report of Barnsley is from 2021.")


def test_the_grade_at_the_previous_inspection_as_a_follow_up(ofsted_assistant):
    # the report states the grade before: that line, not its own grade again
    answer = _chat(
        ofsted_assistant,
        "how were knowsley care leavers rated at the 2024 inspection?",
        "what about at the previous inspection?",
    )
    assert "when services were judged overall as requires improvement to be good" in answer.citations[0].quote
    # it does not, and no earlier graded report of the council is indexed: said so
    answer = _chat(ofsted_assistant, "how did croydon do in 2024?", "and last time?")
    assert (
        answer.abstained
        and "doesn't state the grade Croydon was given at the inspection before" in answer.text
    )
    assert any("Since the last inspection in 2020" in c.quote for c in answer.related)


def test_a_grade_asked_of_a_year_with_no_report_in_a_follow_up_is_read_from_a_later_report(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "what did ofsted give sheffield children's services in the sept 2023 inspection",
        "and in the 2019 one?",
    )
    assert answer.text.startswith("No indexed report of Sheffield is from 2019.")
    assert (
        "since the previous inspection in 2019, when the local authority was judged"
        in answer.citations[0].quote
    )
    # what that report said of a topic is not in the later one's line: said, and no more
    topic = _chat(
        ofsted_assistant,
        "what did ofsted say about sheffield's care leavers in the sept 2023 inspection",
        "and in the 2019 one?",
    )
    assert topic.abstained and not topic.citations
    wandsworth = _chat(
        ofsted_assistant,
        "wandsworth latest ofsted grade?",
        "how was it rated last time?",
        "what did that 2022 inspection say about care leavers?",
    )
    assert wandsworth.abstained and not wandsworth.citations


def test_a_quote_on_why_after_which_part_got_a_grade_gives_the_findings_of_that_part(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "which part of slough's children's services was judged inadequate in the jan 2023 inspection?",
        "give me a line I can quote on why",
    )
    assert answer.citations[0].quote.endswith(": inadequate")  # the area's findings, headed by its grade
    assert all(
        c.report == "slough--children-s-services-inspection-17-march-2023.pdf" for c in answer.citations
    )


def test_a_visits_line_on_the_inspection_before_answers_what_it_concluded(ofsted_assistant):
    answer = ofsted_assistant.ask(
        "Somerset focused visit January 2019: when had Somerset last been inspected, and what was "
        "its overall effectiveness then?"
    )
    assert answer.citations[0].quote.startswith("Somerset children’s services were last inspected by")
    answer = ofsted_assistant.ask(
        "Bristol focused visit Feb 2025: what was help & protection judged at the last ILACS?"
    )
    assert "judged as requires improvement to be good" in answer.citations[0].quote


def test_a_kind_of_report_asked_what_it_found_that_the_council_lacks(ofsted_assistant):
    # asked what a JTAI found, of a council with none (no JTAI is indexed at all): said so
    answer = ofsted_assistant.ask(
        "What did the joint targeted area inspection of Nottingham find about neglect?"
    )
    assert answer.abstained and answer.text.startswith("No indexed joint targeted area inspection report")
    # a report that speaks of another kind is still asked about
    answer = ofsted_assistant.ask("what did Nottingham's 2021 focused visit say about the JTAI?")
    assert not answer.abstained or not answer.text.startswith("No indexed")


def test_what_grade_did_that_get_is_the_grade_of_what_was_asked_before(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "whats not working in kirklees care leaver service (2024 inspection)?",
        "what grade did that get?",
    )
    grade = "The experiences and progress of care leavers: requires improvement to be good"
    assert answer.citations[0].quote == grade


def test_a_report_not_indexed_is_answered_from_a_later_reports_line_on_it(ofsted_assistant):
    # "and the one before?" after a grade, where no earlier report of Darlington is indexed
    answer = _chat(
        ofsted_assistant, "What did Darlington get in its 2018 SIF inspection?", "and the one before?"
    )
    assert answer.text.startswith(
        "No indexed report of Darlington is earlier than the one asked about before."
    )
    assert "judged to be inadequate at the previous inspection in 2015" in answer.citations[0].quote
    # a grade asked of a year with no report, which a later report states
    answer = ofsted_assistant.ask("how was Rochdale graded in 2018?")
    assert answer.text.startswith("No indexed report of Rochdale is from 2018.")
    assert answer.citations[0].quote.startswith("Since the last inspection in 2018, when children’s services")
    # ... but what that report said of a topic is not in the later one's line
    answer = ofsted_assistant.ask("what did Rochdale's 2018 inspection say about care leavers' housing?")
    assert answer.abstained and not answer.citations
    # a bare "and before that?" on a topic still says no earlier report is indexed
    answer = _chat(
        ofsted_assistant, "what did rutland's 2019 focused visit say about supervision?", "and before that?"
    )
    assert answer.abstained and answer.text.startswith("No indexed report of Rutland is earlier")


def test_the_lowest_graded_area_and_an_inspection_known_from_a_later_letter(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "What was Harrow's overall effectiveness grade at the January 2025 inspection?",
        "which area pulled it down to that?",
    )
    assert answer.citations[0].quote == "The experiences and progress of care leavers: inadequate"
    # only a 2023 visit of Barnsley is indexed; its December 2024 letter states the ILACS grade
    answer = ofsted_assistant.ask("What grade did Barnsley's children in care get at its Sept 2023 ILACS?")
    assert "when the experience and progress of children in care was judged good" in answer.citations[0].quote
    assert answer.scope == "Barnsley · focused visit · December 2024"


def test_whats_going_well_in_an_area_of_a_named_report_is_that_sections_praise(ofsted_assistant):
    answer = ofsted_assistant.ask("lambeth 2022 inspection - whats going well for children in care?")
    assert answer.scope == "Lambeth · full inspection · December 2022"
    quotes = " ".join(c.quote for c in answer.citations[:3])
    assert "Most children in care live in stable, well-matched homes" in quotes


def test_a_follow_up_on_the_list_before_or_on_the_problems_before(ofsted_assistant):
    answer = _chat(
        ofsted_assistant,
        "solihull 2023 inspection how bad was it",
        "what did ofsted say needs fixing",
        "has that list changed in the 2026 report?",
    )
    assert answer.scope == "Solihull · full inspection · January 2026"
    assert any("joint assessments for homeless 16- and 17-year-olds" in c.quote for c in answer.citations)
    answer = _chat(
        ofsted_assistant,
        "York 2022 - Ofsted said services had declined. what were the big problems?",
        "has it turned around since?",
    )
    assert not answer.abstained and answer.scope == "York · full inspection · April 2025"


def test_how_an_area_was_doing_at_a_visit_on_it_is_the_visits_summary_not_no_grade(ofsted_assistant):
    answer = ofsted_assistant.ask(
        "How were children in care doing in Central Beds when Ofsted visited in Feb 2019?"
    )
    assert answer.scope == "Central Bedfordshire · focused visit · February 2019"
    assert not answer.abstained and "is not graded" not in answer.text
    assert {c.report for c in answer.citations} == {
        "central-bedfordshire--children-s-services-focused-visit-28-february-2019.pdf"
    }
