"""Which report facts answer a fact question (no index needed: facts are plain data)."""

import pytest

from answering.fact_answers import FactIntent, _facts_for
from indexing.facts import Fact, ReportFacts


def _grades(**areas: str) -> ReportFacts:
    return ReportFacts(
        "r.pdf",
        [Fact("judgement", grade, "c1", f"{area} {grade}", "1", area=area) for area, grade in areas.items()],
    )


def _facts_of(*sections: tuple[str, str]) -> ReportFacts:
    """The facts of a report whose passages are ``(section, text)``, in reading order, on page 1."""
    from indexing.facts import extract_facts

    rows = [
        (f"c{n}", text, {"section": section, "page_start": 1}) for n, (section, text) in enumerate(sections)
    ]
    return extract_facts("r.pdf", rows)


def test_the_area_asked_about_is_answered_alone():
    facts = _grades(**{"overall effectiveness": "Good", "help and protection": "Inadequate"})
    found = _facts_for(FactIntent("judgement", ("help and protection",)), facts)
    assert [f.area for f in found] == ["help and protection"]


def test_a_report_without_the_area_asked_about_gives_the_grades_it_has():
    # The 2026 framework grades no overall effectiveness; the question still gets the report's grades.
    facts = _grades(**{"impact of leaders": "Good", "care leavers": "Requires improvement to be good"})
    found = _facts_for(FactIntent("judgement", ("overall effectiveness",)), facts)
    assert [f.area for f in found] == ["impact of leaders", "care leavers"]
    assert _facts_for(FactIntent("judgement", ("overall effectiveness",)), ReportFacts("r.pdf")) == []


def test_the_previous_grade_a_report_restates_is_a_fact_with_its_sentence():
    from indexing.facts import extract_facts

    text = (
        "Overall effectiveness Good\n\n"
        "Services for children in Sheffield have improved since the previous inspection in 2019, "
        "when the local authority was judged to be requires improvement to be good. Leaders are ambitious."
    )
    facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1, "position": 0})])
    [previous] = facts.of("previous")
    assert previous.value == "requires improvement to be good"
    assert previous.line.startswith("Services for children in Sheffield") and previous.line in text
    assert facts.judgements()["overall effectiveness"].value == "good"  # the table, not the history


@pytest.mark.parametrize(
    ("text", "grade", "starts"),
    [
        # the grade before the words that place it
        (
            "Children’s services in Oxfordshire were judged good in all areas when they were last "
            "inspected in 2014. Leaders are ambitious.",
            "good",
            "Children’s services in Oxfordshire",
        ),
        # the grade in the sentence after the one that says when
        (
            "Since the previous full inspection in October 2022, the council has kept its trust. Since "
            "that inspection, when the overall effectiveness of the service was judged to be requires "
            "improvement to be good, leaders have maintained a firm focus.",
            "requires improvement to be good",
            "Since the previous full inspection in October 2022",  # quoted with the sentence saying when
        ),
    ],
)
def test_more_ways_a_report_restates_the_grade_before(text, grade, starts):
    from indexing.facts import extract_facts

    facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1, "position": 0})])
    [previous] = facts.of("previous")
    assert previous.value == grade and previous.line.startswith(starts) and previous.line in text


def test_a_reports_comparisons_with_the_inspection_before_are_facts_in_reading_order():
    from indexing.facts import extract_facts

    text = (
        "Since the last inspection in 2019, services have deteriorated. Leaders know this.\n\n"
        "Caseloads are high. At the previous inspection, supervision was strong; it is now weak.\n\n"
        "In 2021, all services were judged as requiring improvement; progress since is clear. "
        "In 2021 a new team began."
    )
    facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1, "position": 0})])
    assert [f.line for f in facts.of("change")] == [
        "Since the last inspection in 2019, services have deteriorated.",
        "At the previous inspection, supervision was strong; it is now weak.",
        "In 2021, all services were judged as requiring improvement; progress since is clear.",
    ]


def test_a_grade_is_quoted_in_the_reports_own_words_then_from_its_table():
    facts = _grades(**{"overall effectiveness": "good", "adoption performance": "outstanding"})
    facts.facts += [
        Fact(
            "restated", "good", "c2", "Children’s services in X are good.", "2", area="overall effectiveness"
        ),
        Fact(
            "restated",
            "outstanding",
            "c3",
            "Adoption services are outstanding.",
            "3",
            area="adoption performance",
        ),
    ]
    asked = _facts_for(FactIntent("judgement", ("adoption performance",)), facts)
    assert [f.line for f in asked] == [
        "Adoption services are outstanding.",
        "adoption performance outstanding",
    ]
    # No area named: every grade, and the report's sentence for the overall one only.
    every = _facts_for(FactIntent("judgement"), facts)
    assert [f.line for f in every] == [
        "Children’s services in X are good.",
        "overall effectiveness good",
        "adoption performance outstanding",
    ]
    # A verdict that does not state the grade comes after the table's row.
    facts.facts = [f for f in facts.facts if f.kind != "restated"]
    facts.facts.append(Fact("change", "", "c4", "Services have improved since 2019.", "1"))
    overall = _facts_for(FactIntent("judgement", ("overall effectiveness",)), facts)
    assert [f.line for f in overall] == ["overall effectiveness good", "Services have improved since 2019."]


def test_a_list_of_councils_graded_the_same_in_every_area_needs_every_area_to_match():
    from answering.fact_answers import EVERY_AREA, fact_intent

    intent = fact_intent(
        "Which councils were judged outstanding in every judgement area at their latest inspection?"
    )
    assert intent == FactIntent("list", EVERY_AREA, "outstanding")
    assert fact_intent("Which councils were rated outstanding across the board?").areas == EVERY_AREA
    assert fact_intent("Which councils were judged outstanding?").areas == ("overall effectiveness",)
    # places, exceptions and negations are not "every area"
    for question in (
        "Which councils in all areas of London were judged outstanding?",
        "Which councils were judged outstanding in every area except care leavers?",
        "Which councils were judged good, though not in every area?",
    ):
        assert fact_intent(question).areas != EVERY_AREA, question
    # a named area is that area, even with "all" in the question
    assert (
        fact_intent("Which councils were judged inadequate for care leavers in all years?").areas[0]
        == "care leavers"
    )

    # grades as `indexing.facts` stores them (lower case)
    every = _grades(**{"overall effectiveness": "outstanding", "help and protection": "outstanding"})
    one_short = _grades(**{"overall effectiveness": "outstanding", "help and protection": "good"})
    assert [f.area for f in _facts_for(intent, every)] == ["overall effectiveness", "help and protection"]
    assert _facts_for(intent, one_short) == []
    assert _facts_for(intent, ReportFacts("r.pdf")) == []  # a visit grades nothing


def test_a_grade_is_quoted_with_its_findings_heading_and_the_first_sentence_under_it():
    facts = _facts_of(
        ("Judgements", "The experiences and progress of care leavers\n\nInadequate"),
        ("Headline findings", "Too often, the help for care leavers is inadequate in places."),
        (
            "The experiences and progress of care leavers: inadequate",
            "28. The quality of practice for care leavers is inadequate. Risk is not always seen.",
        ),
    )
    # the area's own findings section first, not the summary that came before it
    assert [f.line for f in facts.of("restated")] == [
        "The quality of practice for care leavers is inadequate."
    ]
    found = _facts_for(FactIntent("judgement", ("care leavers",)), facts)
    assert [(f.line, f.in_heading) for f in found] == [
        ("The experiences and progress of care leavers: inadequate", True),
        ("The quality of practice for care leavers is inadequate.", False),
        ("The experiences and progress of care leavers\n\nInadequate", False),
    ]


def test_the_overall_grade_is_restated_by_the_reports_sentence_about_services_in_the_council():
    facts = _facts_of(
        ("Judgements", "Overall effectiveness Good"),
        ("Summary", "Services for children and young people in Harrow are good. Leaders know them."),
    )
    assert {f.area: f.line for f in facts.of("restated")} == {
        "overall effectiveness": "Services for children and young people in Harrow are good."
    }


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("what was barnsley's focused visit in january 2023 about", "focus"),
        ("Which part of Barnsley's children's services did Ofsted review during the 2019 visit?", "focus"),
        ("Who was on the inspection team for Darlington's 2018 inspection?", "team"),
        ("Gloucestershire 2025 inspection: what still needs work?", "improve"),
        ("What are the main weaknesses in Swindon's 2023 report?", "weaknesses"),
        ("What should York do next for its care leavers after the 2023 focused visit?", "improve"),
        # a yes/no grade question after a dash or an earlier question; the areas' abbreviations
        ("Wiltshire 2015 inspection - was adoption good?", "judgement"),
        ("and in 2019? was it good then?", "judgement"),
        ("Oxfordshire 2018 CP - help and protection grade?", "judgement"),
        ("where did Knowsley land in their most recent ILACS overall", "judgement"),
        ("Durham covid focused visit 2021 - when was it?", "when"),
        ("birmingham FV sept 2024 - what was in scope? CLA?", "focus"),
        ("bracknell forest focused visit july 2021, I think there was only one thing to improve", "improve"),
        ("what was the weak spot?", "weaknesses"),
        ("What problems did Ofsted find at Luton's 2019 visit?", "weaknesses"),
        ("suffolk were outstanding in 2019 - was there anything flagged as needing improvement?", "improve"),
        # what the asker wants the answer for, after the question, names no subject
        ("Hartlepool got outstanding in 2024 but what was the weakest bit? want the briefing to be balanced",
         "weaknesses"),
    ],
)  # fmt: skip
def test_more_ways_of_asking_for_a_fact(question, kind):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question)
    assert intent is not None and intent.kind == kind


@pytest.mark.parametrize(
    ("question", "areas", "also"),
    [
        # a clause naming no area asks for the overall grade, beside the area the other names
        ("how did Bath and North East Somerset come out in 2017, and how was adoption graded?",
         ("overall effectiveness", "adoption performance"), ()),
        ("was Hull inadequate overall and how was help and protection rated?",
         ("overall effectiveness", "help and protection"), ()),
        ("when was Leeds last inspected and what grade did they get?", (), ("when",)),
        ("who led the Harrow 2025 inspection and what was the overall judgement?",
         ("overall effectiveness",), ("who",)),
    ],
)  # fmt: skip
def test_two_questions_in_one_ask_for_both_facts(question, areas, also):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question)
    assert intent is not None and intent.kind == "judgement"
    assert intent.areas[: len(areas)] == areas and intent.also == also


@pytest.mark.parametrize(
    "question",
    [
        "was anything below outstanding?",
        "Leeds was outstanding overall in 2022 - was any individual judgement lower than outstanding?",
    ],
)
def test_whether_any_area_fell_short_of_a_grade_lists_the_areas_graded_otherwise(question):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question, "Leeds")
    assert (intent.kind, intent.areas, intent.grade) == ("judgement", (), "not outstanding")


@pytest.mark.parametrize(
    "question",
    [
        "which area got RI?",
        "i think one area got RI - which one?",
        "wolverhampton 2017 inspection was good overall but i think one area got RI - which one?",
    ],
)
def test_which_area_got_a_grade_lists_the_areas_so_graded(question):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question, "Wolverhampton")
    assert (intent.kind, intent.areas, intent.grade) == ("judgement", (), "requires improvement to be good")
    assert fact_intent("was it good overall?").areas == ("overall effectiveness",)


def test_a_second_question_on_a_topic_leaves_the_whole_question_to_the_passages():
    from answering.fact_answers import fact_intent

    assert fact_intent("what was the rating for care leavers and what did they say about housing?") is None
    # one question with "and" inside it is one question
    both = fact_intent("How was Darlington judged in 2018 and was it better than last time?", "Darlington")
    assert both.and_change and both.also == ()


def test_a_report_asked_what_it_says_of_an_earlier_years_grade_gives_its_restatement():
    from answering.fact_answers import fact_intent

    asked = "What does Northumberland's 2024 report say the council was judged at its 2020 inspection?"
    assert fact_intent(asked).kind == "previous"
    # Both years' own grades: no report is asked what it says of the other.
    assert fact_intent("How was Northumberland judged in the 2020 and 2024 reports?").kind == "judgement"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many inspectors were on the B&NES inspection in spring 2017?", "team"),
        ("solihull june 2021 visit - which theme?", "focus"),
        ("surrey focused visit april 2024 what area", "focus"),
        ("What went wrong in Harrow according to the 2025 inspection?", "weaknesses"),
        ("Harrow 2025 - any criticisms?", "weaknesses"),
        ("Sandwell had a focused visit in March 2021 - exact dates?", "when"),
        ("Any LAs rated outstanding overall back in 2018?", "list"),
        ("Name a council that got outstanding for care leavers in 2024", "list"),
        ("Brighton & Hove 2024: how were leaders judged (impact of leaders on practice)?", "judgement"),
        ("Bromley was inadequate in 2016 - how did the inspection in late 2018 go?", "judgement"),
        ("Solihull was rated inadequate in 2022, wasn't it?", "judgement"),
        ("Had Darlington improved by the 2018 inspection compared with its previous one?", "change"),
        ("portsmouth focused visit 2025, when did it take place?", "when"),
        ("stoke on trent focused visit 2018 - what was the topic?", "focus"),
        ("Bournemouth focused visit 2019 – what was it on?", "focus"),
        ("Portsmouth Feb 2025 visit: which group of young people and what aspects?", "focus"),
        ("when did Ofsted go into Hertfordshire in 2023?", "when"),
        ("Bradford 2024 - care leavers get their own grade now don't they? what was it", "judgement"),
        ("what did ofsted specificaly look at on the Dorset focused visit, jan/feb 2018?", "focus"),
        ("what did ofsted tell rochdale to get better at in 2023", "improve"),
        ("harrow 2025 improvement areas for care leavers", "improve"),
        ("And how were care leavers doing by the 2024 inspection?", "judgement"),
        ("What was Ofsted looking at when they did the focused visit to Dorset in October 2019?", "focus"),
        ("Is Northumberland better now than at the 2020 inspection?", "change"),
        (
            "How were care leavers' experiences and progress judged in the inspection reported in 2024?",
            "judgement",
        ),
        ("Bradford was found inadequate in 2023. What improvements did Ofsted say were needed?", "improve"),
        ("How much had Bedford's services moved on by the 2023 inspection compared with 2019?", "change"),
        ("Walsall got outstanding in 2025 but was there anything they still had to improve?", "improve"),
    ],
)
def test_fact_questions_asked_tersely_or_in_passing(question, kind):
    from answering.fact_answers import fact_intent

    names = "Brighton & Hove B&NES Bromley Darlington Solihull Sandwell portsmouth stoke on trent Bournemouth"
    intent = fact_intent(
        question, names + " harrow Walsall Dorset Northumberland Bradford Bedford Hertfordshire rochdale"
    )
    assert intent is not None and intent.kind == kind


def test_a_group_of_children_asked_about_is_a_topic_unless_the_question_asks_only_which_group():
    from answering.fact_answers import fact_intent

    assert fact_intent("Bristol 2023: which groups of children wait too long for CAMHS?", "Bristol") is None
    assert fact_intent("Portsmouth 2025 visit - which group of young people?", "Portsmouth").kind == "focus"


@pytest.mark.parametrize(
    ("question", "names", "follow_up", "kind"),
    [
        ("croydon ofsted oct 2024", "croydon", False, "overview"),
        ("What did Ofsted say about Barnsley in 2018?", "Barnsley", False, "overview"),
        ("Summarise the latest Hull report", "Hull", False, "overview"),
        ("And Merton's?", "Merton", True, None),  # the earlier question's topic, for Merton
        ("What did inspectors find about Surrey Fire and Rescue Service?", "Surrey", False, None),
        ("what was good?", "", True, "strengths"),
        ("What is going well in Cornwall according to the 2024 inspection?", "Cornwall", False, "strengths"),
        ("what is going well for care leavers in Leeds?", "Leeds", False, None),  # a topic
        ("What did the 2018 focused visit to Solihull look at?", "Solihull", False, "focus"),
        # the council however formally styled ("solihull": the name as the scope reads it)
        (
            "What did the 2018 focused visit to Solihull Metropolitan Borough Council look at?",
            "solihull",
            False,
            "focus",
        ),
        ("the London Borough of Merton's 2019 overall grade?", "merton", False, "judgement"),
        # two years set side by side; the grade held going into a visit; what happened between
        ("harrow overall grade 2020 vs 2025?", "harrow", False, "judgement"),
        (
            "What did the 2024 Wolverhampton visit say about progress on the areas for improvement?",
            "wolverhampton",
            False,
            "change",
        ),
        ("what grade did Hull have going into the Sept 2024 focused visit?", "hull", False, "previous"),
        ("swindon was good in 2019 and inadequate in 2023 - what happened?", "swindon", False, "change"),
        ("Hull's 2019 focused visit – what happened?", "hull", False, None),
        ("what needs to improve in Leeds for children's progress in education?", "leeds", False, "improve"),
        # what the asker knows, then the question; "across the board" names no board
        (
            "Wandsworth got outstanding across the board in 2026 - was there any criticism at all?",
            "wandsworth",
            False,
            "weaknesses",
        ),
        (
            "what did Ofsted single out as Croydon's standout strengths? need something quotable",
            "croydon",
            False,
            "strengths",
        ),
        (
            "Leicestershire focused visit – what was the previous inspection judgement it refers to?",
            "leicestershire",
            False,
            "previous",
        ),
        ("What were the main weaknesses in Swindon's 2023 inspection?", "Swindon", False, "weaknesses"),
        ("What went wrong in Harrow according to the 2025 inspection?", "Harrow", False, "weaknesses"),
        ("any criticisms tho?", "", True, "weaknesses"),
        # a topic or judgement area named: the findings on it (shortcomings first), from the passages
        ("What were the main problems at Plymouth's front door in 2023?", "Plymouth", False, None),
        ("What were the main weaknesses for care leavers in Hull's 2019 inspection?", "Hull", False, None),
        ("When did the drift in care planning happen?", "", True, None),  # not the inspection's dates
    ],
)
def test_a_report_asked_about_as_a_whole_or_for_its_strengths(question, names, follow_up, kind):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question, names, follow_up=follow_up)
    assert (intent.kind if intent else None) == kind


def test_a_follow_up_on_a_report_named_before_asks_for_its_facts():
    from answering.fact_answers import fact_intent

    assert fact_intent("who led that one?", follow_up=True).kind == "who"
    assert fact_intent("who carried it out?", follow_up=True).kind == "who"
    assert fact_intent("what did it look at exactly?", follow_up=True).kind == "focus"
    assert (
        fact_intent("Did they manage to get better by the 2023 inspection?", follow_up=True).kind == "change"
    )
    assert fact_intent("Did they keep that in the latest inspection?", follow_up=True).kind == "change"
    assert fact_intent("Who led the work on this?", follow_up=True) is None


def test_whether_things_got_better_is_asked_of_what_the_question_before_was_about():
    from answering.fact_answers import FactIntent, change_after

    assert change_after("Slough's 2019 inspection - what grade?") == FactIntent("change")
    assert (
        change_after("How were care leavers doing in Solihull in 2022?", "Solihull").areas[0]
        == "care leavers"
    )
    assert change_after("What did the 2022 inspection say about supervision in Slough?", "Slough") is None


def test_a_follow_up_that_only_moves_on_asks_for_the_same_fact():
    from answering.fact_answers import FactIntent, fact_intent, follow_up_intent

    grade = fact_intent("How was Cornwall rated for children in care at its 2024 inspection?")
    assert follow_up_intent("and what about care leavers?", grade) == FactIntent(
        "judgement", ("care leavers", "children in care and care leavers")
    )
    when = fact_intent("When was Swindon's most recent inspection?")
    assert follow_up_intent("and the one before that?", when) == when
    assert follow_up_intent("and in 2019?", when) == when
    assert follow_up_intent("and the latest one?", when) == when  # words that pick a report
    assert follow_up_intent("and what happened at the next one in 2023?", when) == when
    # A topic of its own is a new question, and a topical question passes nothing on.
    assert follow_up_intent("and what about supervision?", when) is None
    assert follow_up_intent("and the one before that?", None) is None
    # The council it moves to is no topic: "And the one in Surrey in 2024?" after a focus question.
    focus = fact_intent("What did the 2023 focused visit to Sunderland look at?", "Sunderland")
    assert follow_up_intent("And the one in Surrey in 2024?", focus, "Surrey") == focus
    assert follow_up_intent("And the one in Surrey in 2024?", focus) is None  # "surrey" unexplained


def test_a_follow_up_asking_why_or_what_was_wrong_after_a_grade_is_about_the_whole_report():
    from answering.fact_answers import FactIntent, follow_up_intent

    overall = FactIntent("judgement", ("overall effectiveness",))
    assert follow_up_intent("why?", overall) == FactIntent("reasons")
    assert follow_up_intent("and what was holding them back?", overall) == FactIntent("reasons")
    assert follow_up_intent("and how did it get so bad?", overall) == FactIntent("weaknesses")
    assert follow_up_intent("so where are they still weak?", overall) == FactIntent("weaknesses")
    assert follow_up_intent("so what made it outstanding?", overall) == FactIntent("strengths")
    # Moving on asks the same again; a subject of its own is a new question.
    assert follow_up_intent("and back in 2015?", overall) == overall
    assert follow_up_intent("and neglect - any concerns there?", overall) is None
    # An area named: that area's grade, as the report words and explains it.
    held_back = follow_up_intent("and for children in care - what held that judgement back?", overall)
    assert held_back.kind == "judgement" and "children in care" in held_back.areas
    # After a question on one area, "why?" is about that area: the findings behind its grade.
    assert follow_up_intent("why?", FactIntent("judgement", ("care leavers",))) == FactIntent(
        "reasons", ("care leavers",)
    )


def test_wordings_met_in_round_ten_blind_questions():
    from answering.fact_answers import asks_about_shortcomings, fact_intent

    def kind(question, names="", follow_up=False):
        intent = fact_intent(question, names, follow_up)
        return intent.kind if intent else None

    assert kind("stoke on trent 2022 ilacs - who led it?", "stoke on trent") == "who"  # ILACS: an inspection
    assert kind("what did ofsted tell north somerset to fix in 2023?", "north somerset") == "improve"
    assert kind("Gloucestershire's focused visit in January 2025 - what needed improving?") == "improve"
    assert kind("and in 2025 - did things slip at all?", follow_up=True) == "change"
    # A term of art no judgement area is named by is a topic, not a grade ("early" is also a time).
    assert (
        kind("Is early help any good in Windsor and Maidenhead? 2020 inspection", "Windsor and Maidenhead")
        is None
    )
    assert kind("How was early 2023's inspection of Kent graded?", "Kent") == "judgement"
    # The terms of art are those of the concepts file in use (`Settings.concepts_file`), not only
    # the shipped one: without "early help" among them, the question reads as one on a grade.
    from answering.fact_answers import terms_of_art

    question, names = (
        "Is early help any good in Windsor and Maidenhead? 2020 inspection",
        "Windsor and Maidenhead",
    )
    assert fact_intent(question, names, of_art=terms_of_art(("unregistered homes",))).kind == "judgement"
    assert fact_intent(question, names, of_art=terms_of_art(("help before crisis; early help",))) is None
    assert terms_of_art(("help and protection; early help",)) == (
        "early help",
    )  # an area's own name is no term
    # Concerns about a topic are findings on it, shortcomings first; about the report, its summary.
    question = "What are the main concerns about care leavers in Harrow in 2025?"
    assert kind(question, "Harrow") is None and asks_about_shortcomings(question)
    assert kind("What were the main weaknesses in Harrow 2025?", "Harrow") == "weaknesses"


def test_wordings_met_in_round_eleven_blind_questions():
    from answering.fact_answers import fact_intent, follow_up_intent

    def kind(question, names="", follow_up=False):
        intent = fact_intent(question, names, follow_up)
        return intent.kind if intent else None

    assert kind("Surrey April 2024 focused visit - areas to improve?", "Surrey") == "improve"  # not "change"
    assert kind("what did ofsted say york needed to work on for care leavers in 2023", "york") == "improve"
    assert kind("durham focused visit july 2021 inspectors names pls", "durham") == "team"
    assert kind("kirklees oct 2021 focused visit, which area of practice?", "kirklees") == "focus"
    # The inspection before the one named: its date is on the report's line about it.
    assert (
        kind("Hampshire focused visit 2023 - when was their previous inspection?", "Hampshire") == "previous"
    )
    assert kind(
        "Before the Feb 2019 focused visit, when had Somerset last had a full inspection?", "Somerset"
    ) == ("previous")
    assert kind("when was the last inspection of Hampshire?", "Hampshire") == "when"  # "last": the latest
    # Words that say which report ("the one at the end of 2022", "the newest"), "RI" and "kids in care".
    hull = "did Kingston upon Hull get any better between the 2019 inspection and the one at the end of 2022?"
    assert kind(hull, "Kingston upon Hull") == "change"
    lewisham = "has lewisham got better since it was rated RI in 2019? looking at the newest full inspection"
    assert kind(lewisham, "lewisham") == "change"
    grade = fact_intent("Manchester 2022 inspection: grade for kids in care and care leavers?", "Manchester")
    assert grade.kind == "judgement" and "children in care and care leavers" in grade.areas
    # Why a grade was low, and its reasons: the findings behind it.
    assert kind(
        "Why did Cheshire East end up rated inadequate in 2024? which part dragged it down", "Cheshire East"
    ) == ("weaknesses")
    assert kind("Harrow was rated inadequate in Jan 2025 - what were the reasons", "Harrow") == "weaknesses"
    assert kind("anything they were still worried about?", follow_up=True) == "weaknesses"
    assert kind("was there anything they weren't happy with?", follow_up=True) == "weaknesses"
    # Changes in other words; a grade asked as a tag question, or of "she" (the lead inspector).
    assert kind(
        "Richmond upon Thames was good in 2022. Did it go up or down in 2025?", "Richmond upon Thames"
    ) == ("change")
    assert kind("have they fixed those by the 2025 one?", follow_up=True) == "change"
    assert kind(
        "Brighton and Hove got outstanding in their 2024 inspection, didn't they?", "Brighton and Hove"
    ) == ("judgement")
    assert kind("what overall grade did she give them?", follow_up=True) == "judgement"
    assert kind("which inspectors did it?", follow_up=True) == "team"
    # "Which part … was rated outstanding?": the grade picks the areas.
    which = fact_intent(
        "Which part of Waltham Forest's services was rated outstanding in 2024?", "Waltham Forest"
    )
    assert which.kind == "judgement" and which.grade == "outstanding" and not which.areas
    # "same for central beds, same year?" asks the grade asked before, of another council.
    before = fact_intent("what was Bedford's overall effectiveness in 2022?", "Bedford")
    assert follow_up_intent("same for central beds, same year?", before, "central beds") == before


def test_the_single_inspection_frameworks_team_list_is_a_fact():
    block = (
        "Lead inspector: Graham Reiter, HMI\nDeputy lead inspector: Nigel Parkes, HMI\n"
        "Team inspectors: Pauline Higham (HMI), Karen Wareing (HMI) Fiona Millns (OI)\nFiona Insley (OI)"
    )
    facts = _facts_of(("The inspection team", block))
    (team,) = facts.of("inspectors")
    assert team.line == "Team inspectors: Pauline Higham (HMI), Karen Wareing (HMI) Fiona Millns (OI)"
    assert facts.of("lead_inspector")[0].value == "Graham Reiter"


def test_a_letters_own_date_is_when_it_was_sent():
    from answering.fact_answers import fact_intent
    from indexing.facts import extract_facts

    letter = "15 July 2021\n\nJane Doe Director of Children's Services\n\nDear Ms Doe\n\nThis letter …"
    opening = {"section": "Introduction", "page_start": 1, "position": 0}
    facts = extract_facts("r.pdf", [("c0", letter, opening)])
    (published,) = facts.of("published")
    assert published.line == "15 July 2021" and published.page == "1"
    later = extract_facts("r.pdf", [("c9", "Visits happened on\n3 May 2021\nas planned.", {"position": 4})])
    assert later.of("published") == []  # a date inside the report is no letter date
    for question in (
        "When was the letter about Barking and Dagenham's 2021 focused visit published?",
        "What date was Ofsted's letter to York sent?",
        "When was Wiltshire's 2019 inspection report published?",
    ):
        assert fact_intent(question).kind == "published", question
    assert fact_intent("When did inspectors visit Stockport in 2024?").kind == "when"
    # A date in passing is no question about one.
    in_passing = "In Wirral, what happens when young people turn up homeless? (report published 2024)"
    assert fact_intent(in_passing) is None


def test_a_2014_2018_reports_graded_judgement_statement_is_how_it_says_the_grade():
    facts = _facts_of(
        ("Judgements", "2.2 Experiences and progress of care leavers Requires improvement"),
        (
            "Summary",
            "Consequently, services to children in need of help and care leavers require improvement.",
        ),
        (
            "The graded judgement about the experience and progress of care leavers\nis that it requires "
            "improvement",
            "60. Care leavers are in touch with their personal advisers.",
        ),
    )
    found = _facts_for(FactIntent("judgement", ("care leavers",)), facts)
    assert found[0].line.startswith("The graded judgement about the experience and progress of care leavers")
    assert found[0].in_heading and found[-1].line.startswith("2.2 Experiences")


def test_what_ofsted_made_of_a_judgement_area_asks_for_its_grade():
    from answering.fact_answers import fact_intent

    assert (
        fact_intent("What did Ofsted make of adoption performance in Kent in 2017?", "Kent").kind
        == "judgement"
    )
    assert fact_intent("What did Ofsted make of the front door in Kent?", "Kent") is None  # a topic


def test_a_visit_carried_out_by_named_inspectors_is_its_team():
    facts = _facts_of(
        (
            "Introduction",
            "This letter summarises the findings of a focused visit on 26 and 27 May 2021. The visit was "
            "carried out by\nKate Malleson, Louise Hocking and Jon Bowman, all of whom are Her Majesty’s "
            "Inspectors.\nThis visit was carried out fully by remote means.",
        )
    )
    assert [f.value for f in facts.of("inspectors")] == [
        "Kate Malleson, Louise Hocking and Jon Bowman, all of whom are Her Majesty’s Inspectors"
    ]
    # "carried out by remote means" names nobody
    assert _facts_of(("Introduction", "The visit was carried out by remote means.")).of("inspectors") == []


def test_a_heading_that_is_also_the_restatement_is_quoted_once():
    heading = "The experiences and progress of care leavers: requires improvement to be good"
    row = "The experiences and progress of care leavers Requires improvement to be good"
    area = "care leavers"
    facts = ReportFacts(
        "r.pdf",
        [
            Fact("judgement", "Requires improvement to be good", "c1", row, "1", area=area),
            Fact(
                "judgement", "Requires improvement to be good", "c7", heading, "7", area=area, in_heading=True
            ),
            Fact("restated", "Requires improvement to be good", "c7", heading + ".", "7", area=area),
        ],
    )
    found = _facts_for(FactIntent("judgement", (area,)), facts)
    assert [f.line for f in found] == [heading, row]


def test_her_majestys_inspectors_named_without_for_this_visit_are_the_team():
    facts = _facts_of(
        ("Introduction", "Her Majesty’s Inspectors were Peter McEntee, Pauline Higham and Tom Anthony."),
        ("Findings", "Her Majesty’s Inspectors were impressed by the quality of supervision."),
    )
    [team] = facts.of("inspectors")
    assert team.value == "Peter McEntee, Pauline Higham and Tom Anthony"


def test_wordings_met_in_round_thirteen_blind_questions():
    from answering.fact_answers import areas_named, fact_intent

    def kind(question, names=""):
        intent = fact_intent(question, names)
        return intent.kind if intent else None

    assert kind("When exactly were Ofsted in Rochdale for the 2023 ILACS?", "Rochdale") == "when"
    checked = "what did ofsted check on their visit to West Berkshire in October 2023?"
    assert kind(checked, "West Berkshire") == "focus"
    assert kind("blackburn with darwen april 2024 visit scope?", "blackburn with darwen") == "focus"
    # Asking how a report spoke ("point out") names no subject of its own.
    pointed_out = "What weaknesses did the Surrey focused visit in April 2024 point out?"
    assert kind(pointed_out, "Surrey") == "weaknesses"
    ampersand = "what did they get for children needing help & protection?"
    assert areas_named(ampersand) == ("help and protection",)
    assert kind("When were Ofsted worried about neglect in Kent?", "Kent") is None  # a topic, not a date


def test_wordings_met_in_round_fourteen_blind_questions():
    from answering.fact_answers import fact_intent

    def asked(question, names=""):
        intent = fact_intent(question, names)
        return (intent.kind, intent.areas) if intent else None

    # "experience and progress" (singular) is the area's name, not a question about progress
    singular = "wolverhampton 2017 - experience and progress of care leavers, what was the graded judgement"
    assert asked(singular, "wolverhampton")[0] == "judgement"
    assert asked("What was the theme of Solihull's June 2021 focused visit?", "Solihull")[0] == "focus"
    flagged = "Did Ofsted flag anything for Sunderland to work on after the 2021 inspection?"
    assert asked(flagged, "Sunderland")[0] == "improve"
    result = "Leicestershire ILACS 2024 - what was the result for children in care?"
    assert asked(result, "Leicestershire")[0] == "judgement"
    concluded = "What did the 2023 inspection of Slough conclude about the impact of leaders?"
    assert asked(concluded, "Slough")[0] == "judgement"
    # ... but what it concluded about a subject the grades do not name is for the passages
    assert asked("What did the 2023 inspection of Slough conclude about CAMHS waits?", "Slough") is None
    assert asked("What are the outcomes for care leavers in Slough like?", "Slough") is None
    # flagging or highlighting something is not asking what to improve unless it is what to work on
    highlighted = "What strengths did Ofsted highlight in how Slough leaders have worked to improve services?"
    assert asked(highlighted, "Slough") is None
    assert asked("What subject of concern came up in the Slough visit?", "Slough") is None
    assert asked("What was the focused visit theme for Solihull in 2021?", "Solihull")[0] == "focus"
    # "is that still the case?" asks whether it changed: after a question on an area, its grade then
    from answering.fact_answers import FactIntent, change_after

    assert fact_intent("is that still the case in the 2026 inspection?", follow_up=True).kind == "change"
    why_low = "Wolverhampton 2017: help and protection was only requires improvement - why was that?"
    assert change_after(why_low, "Wolverhampton") == FactIntent("judgement", ("help and protection",))


def test_wordings_met_in_round_fifteen_blind_questions():
    from answering.fact_answers import fact_intent, follow_up_intent, without_framing

    def asked(question, names="", follow_up=False):
        intent = fact_intent(question, names, follow_up=follow_up)
        return (intent.kind, intent.areas) if intent else None

    # a follow-up naming the report it moves to: "the 2025 one"
    assert asked("who led the 2025 one?", follow_up=True)[0] == "who"
    assert asked("who led the 2025 one?") is None  # nothing named before: no report to ask about
    assert asked("hillingdon focused visit jan 2020 topic?", "hillingdon")[0] == "focus"
    area_of_practice = "What area of practice did Ofsted look at in Plymouth in July 2025?"
    assert asked(area_of_practice, "Plymouth")[0] == "focus"
    # the asker's own situation before the question is no subject of its own ...
    framed = "I'm preparing a scrutiny paper - what grade did Wirral get for the impact of leaders?"
    assert asked(framed, "Wirral")[0] == "judgement"
    # nor is a chat's interjection before it
    assert asked("ok and what grade did croydon get overall in 2024?", "croydon") == (
        "judgement",
        ("overall effectiveness",),
    )
    assert without_framing("quick one: who led the Croydon inspection?") == "who led the Croydon inspection?"
    briefing = "I'm briefing members on Slough Children First. What did the 2023 inspection conclude?"
    assert without_framing(briefing) == "What did the 2023 inspection conclude?"
    # ... unless it names an area, and a council is not an asker's situation
    on_an_area = "I'm looking at care leavers - what grade?"
    assert without_framing(on_an_area) == on_an_area
    assert without_framing("Croydon 2024 - who led it?") == "Croydon 2024 - who led it?"
    # time words say when a grade was given, not what changed
    turned = "Solihull was rated inadequate a few years ago - has it turned things round since?"
    assert asked(turned, "Solihull")[0] == "change"
    assert asked("Has placement stability in Solihull improved over the last few years?", "Solihull") is None
    # courtesy words in a follow-up that only moves to another council
    earlier = fact_intent("How was Lincolnshire graded for children in care in 2023?", "Lincolnshire")
    moved = follow_up_intent("same question for Lancashire please", earlier, "Lancashire")
    assert moved == earlier
    assert follow_up_intent("same for Lancashire but on supervision please", earlier, "Lancashire") is None
    # ... and a remark after the question is not part of it
    heard = "Harrow Jan 2025 inspection - how were care leavers graded? I heard that bit was really bad"
    assert asked(heard, "Harrow")[0] == "judgement"
    assert without_framing("what grade? thanks so much") == "what grade?"
    also = "how were care leavers graded? we also need children in care"
    assert without_framing(also) == also  # a second area asked after it stays
    # words that carry no subject of their own
    assert asked("Solihull - inadequate in 2022, so what's changed by the Nov 2025 inspection?", "Solihull")[
        0
    ] == ("change")
    assert asked("wiltshire trajectory: RI in 2015, then 2019, then 2023 - how's it changed?", "wiltshire")[
        0
    ] == ("change")


def test_wordings_met_in_round_fifteen_conversations():
    from answering.extractive import topic_of
    from answering.fact_answers import fact_intent

    def kind(question, names="", follow_up=True):
        intent = fact_intent(question, names, follow_up=follow_up)
        return intent.kind if intent else None

    assert kind(
        "and bromley's most recent one - is there anything left for them to improve??", "bromley"
    ) == ("improve")
    assert kind("what do they need to do better for care leavers?") == "improve"
    assert kind("did hull have one the same week? what was theirs about", "hull") == "focus"
    assert (
        kind("what about sandwell's visit a couple of months later, what did that cover?", "sandwell")
        == "focus"
    )
    assert kind("did they cover supervision in that visit?") is None
    # one council set beside another on the topic before is no change question; its own past is
    assert kind("how does that compare with lancashire's?", "lancashire") is None
    assert kind("How does Slough compare with its 2019 inspection?", "Slough", follow_up=False) == "change"
    # "how was X described": the subject is X
    assert topic_of("How was Bradford's front door described in the ILACS report?").startswith(
        "Bradford's front door"
    )


def test_wordings_met_in_round_fifteen_holdout():
    from answering.fact_answers import fact_intent

    def kind(question, names="", follow_up=False):
        intent = fact_intent(question, names, follow_up=follow_up)
        return intent.kind if intent else None

    assert kind("Wandsworth 2019 focused visit: what area of practice was it about?", "Wandsworth") == "focus"
    assert (
        kind("What was the scope of Ofsted's January 2020 focused visit to Knowsley?", "Knowsley") == "focus"
    )
    assert kind("Anything they want improved for care leavers?", follow_up=True) == "improve"
    assert kind("What would they want improving in the front door?", follow_up=True) == "improve"


def test_round_fifteen_wordings_leave_ordinary_questions_alone():
    """Questions a review of round 15's patterns found them misreading."""
    from answering.fact_answers import fact_intent, without_framing

    def kind(question, names="", follow_up=False):
        intent = fact_intent(question, names, follow_up=follow_up)
        return intent.kind if intent else None

    # no framing: a council starting "Hi…", "Were …", a comma, a question naming a report
    assert kind("Hillingdon 2024 focused visit - what was it on?", "Hillingdon") == "focus"
    assert kind("Were Kent outstanding in 2023, or good?", "Kent") == "judgement"
    for kept in (
        "just the grades for Kent, please",
        "I need the lead inspector for Kent's 2023 inspection - can you help?",
        "How was Kent graded? I mean for early help",
    ):
        assert without_framing(kept, ("early help",)) == kept
    assert kind("How was Kent graded? I mean for early help", "Kent") is None  # early help is no graded area
    # what was done to improve, or what improved, is not what still needs to
    assert kind("What did Kent do to improve after the 2019 inspection?", "Kent") != "improve"
    assert kind("Has Kent seen any gains, like improved timeliness?", "Kent") != "improve"
    # not a visit's focus
    assert kind("What aspects of the service did inspectors praise?") != "focus"
    assert kind("What areas of work do managers check in supervision?") != "focus"
    assert kind("any mention of the hub model that Kent is looking at?", "Kent", follow_up=True) != "focus"
    assert kind("and the 2019 inspection, same topic?", follow_up=True) != "focus"
    # not the lead inspector
    assert kind("who led the improvement work after the 2022 one?", follow_up=True) != "who"
    # a council's own past is a change question
    assert kind("How does Leeds's 2022 inspection compare with the 2018 Leeds one?", "Leeds") == "change"


def test_round_sixteen_wordings():
    from answering.fact_answers import asks_about_shortcomings, fact_intent, follow_up_intent

    # "overall result" asks the overall grade; "overall outcomes for care leavers" is a topic.
    assert fact_intent("Darlington 2018 single inspection framework — overall result?", "Darlington") == (
        FactIntent("judgement", ("overall effectiveness",))
    )
    assert fact_intent("What were the overall outcomes for care leavers in Leeds?", "Leeds") is None
    # After a grade question, worries about an area ask for findings, not that area's grade...
    grade = fact_intent("How were Bromley's care leavers judged in their latest inspection?", "Bromley")
    worries = "and back in 2019 - were there any worries about care leavers then?"
    assert follow_up_intent(worries, grade) is None
    assert asks_about_shortcomings("were there any worries about care leavers then?")
    assert asks_about_shortcomings("any concerns about supervision?")
    assert follow_up_intent("and for children in care?", grade).kind == "judgement"
    # ... and the visit after, asked what it found, is asked the same of that report.
    lewisham = fact_intent("Lewisham — grade at the Dec 2023 inspection?", "Lewisham")
    assert follow_up_intent("was there a follow up visit after that? what did it find", lewisham) == lewisham


def test_round_sixteen_grades_with_change_misspellings_and_subjects_of_their_own():
    from answering.fact_answers import change_after, fact_intent

    # The grade and whether it changed, in one question: the grade with the report's comparison.
    both = fact_intent("How was Darlington judged in 2018 and was it better than last time?", "Darlington")
    assert both is not None and both.kind == "judgement" and both.and_change
    # ... but a subject of its own stays a topic.
    assert fact_intent("How was supervision judged in Leeds and has it improved?", "Leeds") is None
    # A misspelt asking word is read as meant; its own forms are left alone.
    assert fact_intent("surrey focussed visit 2024 areas for improvment", "Surrey") == FactIntent("improve")
    # "has that changed by 2025?" after a question on a subject that an area's words only place.
    earlier = "York 2022 inspection: did children in care get any say at the corporate parenting board?"
    assert change_after(earlier, "York") is None
    assert change_after("How were care leavers doing in York in 2022?", "York").kind == "judgement"
    assert change_after("how were care leavers doing back then").kind == "judgement"  # time words


def test_a_grade_and_change_question_quotes_the_grade_then_the_reports_own_comparison():
    from answering.fact_answers import fact_answer
    from retrieval.passage import Passage

    grade_line = "Overall effectiveness: good"
    comparison = "Since the last inspection in 2019, services have improved."
    restated = "Children's services in X are good."
    facts = ReportFacts("r.pdf")
    facts.facts += [
        Fact("judgement", "good", "c1", grade_line, "1", "overall effectiveness"),
        Fact("change", "", "c2", comparison, "2"),
        Fact("restated", "good", "c3", restated, "1", "overall effectiveness"),
    ]
    passages = {
        "c3": Passage("c3", restated, {"report_id": "r.pdf", "page_start": "1"}),
        "c1": Passage("c1", f"Judgements. {grade_line}", {"report_id": "r.pdf", "page_start": "1"}),
        "c2": Passage("c2", comparison, {"report_id": "r.pdf", "page_start": "2"}),
    }

    def quotes(intent: FactIntent) -> list[str]:
        answer = fact_answer(
            "How was X judged and was it better?", intent, ["r.pdf"], lambda _: facts, passages.get
        )
        return [c.quote for c in answer.citations]

    # The report's own sentence stating the grade leaves out its comparison, unless asked.
    assert comparison not in quotes(FactIntent("judgement"))
    assert quotes(FactIntent("judgement", (), and_change=True))[-1] == comparison


def test_round_sixteen_wordings_leave_ordinary_questions_alone():
    """Questions a second review found the round's new rules misreading."""
    from answering.extractive import answer_type_bonus
    from answering.fact_answers import asks_about_shortcomings, change_after, fact_intent, follow_up_intent

    rated = fact_intent("How was Leeds rated for the experiences and progress of children in care?", "Leeds")
    assert rated.kind == "judgement" and not rated.and_change
    assert fact_intent("Have Leeds's adoption times got better?", "Leeds") is None  # a topic
    by_then = "Did things get better for them by the time of the 2024 focused visit?"
    by_then = fact_intent(by_then, follow_up=True)
    assert by_then.kind == "change"  # "the time of" picks a report
    assert change_after("What did Ofsted think of help and protection in Leeds?", "Leeds").kind == "judgement"
    grade = fact_intent("How was Leeds judged in 2019?", "Leeds")
    assert follow_up_intent("and for care leavers - was the grade positive?", grade).kind == "judgement"
    referral = "Who can a parent contact in Leeds if they have any worries about a child?"
    assert not asks_about_shortcomings(referral)
    how_much = "How much support do care leavers in Leeds get?"
    assert answer_type_bonus(how_much, "Care leavers aged 18 to 25") == 0


def test_round_seventeen_wordings():
    from answering.fact_answers import fact_intent, follow_up_intent

    assert fact_intent("how did bedford get on in 2025?", "bedford") == FactIntent("judgement")
    why = fact_intent("Why was Hull's child protection rated inadequate in 2019?", "Hull")
    assert why == FactIntent("reasons", ("help and protection",))
    only_ri = fact_intent("why was help and protection only RI then, what's the problem?", follow_up=True)
    assert only_ri == FactIntent("reasons", ("help and protection",))
    # Not a grade spoken of, or a subject of its own: a topic, for the passages.
    assert fact_intent("Why do care leavers in Leeds move so often?", "Leeds") is None
    leavers = FactIntent("judgement", ("care leavers",))
    assert follow_up_intent("And what did inspectors make of the MASH?", leavers) is None
    assert follow_up_intent("why, what made it so good?", leavers) == FactIntent("reasons", ("care leavers",))


def _report(*sections: tuple[str, str, str]) -> tuple[ReportFacts, dict]:
    """A report's facts and passages from ``(chunk_id, section, text)``, all on page 1."""
    from indexing.facts import extract_facts
    from retrieval.passage import Passage

    passages = {
        chunk: Passage(chunk, text, {"report_id": "r.pdf", "page_start": "1", "section": section})
        for chunk, section, text in sections
    }
    facts = extract_facts("r.pdf", [(p.chunk_id, p.text, p.meta) for p in passages.values()])
    return facts, passages


def _quoted(question: str, intent: FactIntent, facts: ReportFacts, passages: dict, summary=None) -> list[str]:
    """The quotes `fact_answer` gives for a one-report index of ``passages`` (none: [])."""
    from answering.fact_answers import fact_answer

    answer = fact_answer(
        question,
        intent,
        ["r.pdf"],
        lambda _: facts,
        passages.get,
        summary_of=None if summary is None else lambda _report_id, _headlines: summary,
        passages_of=lambda _: list(passages.values()),
    )
    return [c.quote for c in answer.citations] if answer else []


def test_a_visits_grade_at_the_last_inspection_is_the_grade_its_letter_restates():
    facts, passages = _report(
        (
            "c0",
            "",
            "Since the last inspection, the local authority has further strengthened its services. "
            "Knowsley children’s services were last inspected by Ofsted in July 2017. All areas were "
            "judged to be good. Inspectors looked at children in need.",
        ),
    )
    from answering.fact_answers import fact_intent

    assert fact_intent("was Leeds rated ahead of Kent?", "leeds kent").kind != "previous"  # not "before"
    for question in (
        "Knowsley visit 2020: what judgement did the letter say they got at its last inspection?",
        "Knowsley 2020 visit - what were they rated last time they were inspected?",
    ):
        quotes = _quoted(question, FactIntent("judgement"), facts, passages)
        assert quotes and quotes[0].startswith("Knowsley children’s services were last inspected"), question


def test_how_a_visit_that_grades_nothing_and_compares_nothing_went_is_its_summary():
    facts, passages = _report(
        (
            "c0",
            "",
            "Inspectors reviewed the local authority’s arrangements for responding to contacts.",
        ),
        (
            "c1",
            "Overview",
            "There are serious weaknesses in front door decision-making that fail to protect children. "
            "The screening of contacts to children’s social care is not consistently effective.",
        ),
    )
    summary = [passages["c1"]]
    quotes = _quoted("how bad was it?", FactIntent("judgement"), facts, passages, summary)
    assert (
        "There are serious weaknesses in front door decision-making that fail to protect children." in quotes
    )
    assert not facts.judgements() and not facts.of("change")  # what makes the summary the answer


def test_why_an_area_was_graded_so_quotes_its_grade_then_its_own_sections_findings():

    facts, passages = _report(
        ("c0", "", "The experiences and progress of care leavers Inadequate\n\nOverall effectiveness Good"),
        (
            "c1",
            "The experiences and progress of children in care: good",
            "Children in care are not always seen often enough by their social workers in this area.",
        ),
        (
            "c2",
            "The experiences and progress of care leavers: inadequate",
            "Care leavers enjoy the hub that leaders opened for them in the town centre last year. "
            "Too many care leavers are not in touch with a personal adviser who knows them well.",
        ),
    )
    quotes = _quoted(
        "why were care leavers judged inadequate?", FactIntent("reasons", ("care leavers",)), facts, passages
    )
    assert quotes[0].lower().endswith("care leavers: inadequate")  # the grade first
    # The area's shortcoming, not its praise nor another area's shortcoming.
    shortcoming = "Too many care leavers are not in touch with a personal adviser who knows them well."
    assert quotes[1:] == [shortcoming]


def test_the_overall_grade_is_quoted_with_the_reports_headline():

    headline = "Children in Wandsworth benefit from highly responsive and compassionate social work."
    facts, passages = _report(
        ("c0", "", "Overall effectiveness Outstanding"),
        ("c1", "", f"{headline} Practitioners know children well and see them often."),
    )
    quotes = _quoted("How did Wandsworth do?", FactIntent("judgement"), facts, passages, [passages["c1"]])
    assert quotes[:2] == ["Overall effectiveness Outstanding", headline]
    # Not for one area: its own lines answer it.
    leaders = FactIntent("judgement", ("impact of leaders",))
    assert headline not in _quoted("How was leadership judged?", leaders, facts, passages, [passages["c1"]])


def test_an_areas_grade_is_quoted_with_the_sentence_opening_its_findings():

    opening = "Most personal advisers understand the needs of care-experienced young people well."
    facts, passages = _report(
        ("c0", "", "The experiences and progress of care leavers Requires improvement to be good"),
        (
            "c1",
            "The experiences and progress of care leavers: requires improvement to be good",
            f"{opening} Pathway plans are not always updated.",
        ),
    )
    quotes = _quoted(
        "How were care leavers judged?", FactIntent("judgement", ("care leavers",)), facts, passages
    )
    assert quotes[0].endswith("care leavers: requires improvement to be good")
    assert quotes[1] == opening  # under the heading, before the table's row
    assert "Requires improvement to be good" in quotes[2]


def test_previous_grades_stated_as_a_judgement_are_facts():
    from indexing.facts import extract_facts

    for text, grade in [
        (
            "Services have much improved since the previous inspection in 2019, when the judgement for "
            "overall effectiveness was ‘requires improvement to be good’. Leaders are ambitious.",
            "requires improvement to be good",
        ),
        (
            "Since a judgement of inadequate for overall effectiveness at the last inspection in 2019, "
            "services have been on an improvement journey.",
            "inadequate",
        ),
    ]:
        facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1})])
        [previous] = facts.of("previous")
        assert previous.value == grade and previous.line == text.split(". ")[0].rstrip(".") + "."


def test_round_seventeen_blind_wordings():
    from answering.fact_answers import fact_intent

    any_good = fact_intent("Was Knowsley's help and protection any good when Ofsted went in?", "Knowsley")
    assert any_good == FactIntent("judgement", ("help and protection",))
    before = fact_intent(
        "st helens - what grade had they been given the time before the 2023 inspection?", "st helens"
    )
    assert before.kind == "previous"
    assert fact_intent("Is early help in Leeds any good?", "Leeds") is None  # a term of art


def test_which_area_was_or_was_not_graded_so():
    from answering.fact_answers import fact_intent

    assert fact_intent("St Helens 2023 inspection - which area got outstanding?", "St Helens") == FactIntent(
        "judgement", (), "outstanding"
    )
    not_good = fact_intent(
        "Windsor and Maidenhead 2020 - which judgement wasn't good?", "Windsor and Maidenhead"
    )
    assert not_good == FactIntent("judgement", (), "not good")
    facts = _grades(**{"overall effectiveness": "good", "care leavers": "requires improvement to be good"})
    assert [f.area for f in _facts_for(not_good, facts)] == ["care leavers"]


def test_an_areas_heading_may_say_is_before_its_grade():
    facts = _facts_of(
        ("Judgements", "The experiences and progress of children who need help and protection Inadequate"),
        (
            "The experiences and progress of children who need help and protection is: inadequate",
            "Risk is missed.",
        ),
    )
    headings = [f for f in facts.of("judgement") if f.in_heading]
    assert [(f.area, f.value) for f in headings] == [("help and protection", "inadequate")]


def test_a_finding_leaning_on_the_sentence_before_is_quoted_with_it():

    praise = "Contacts from partners are received and screened in a timely way every day."
    shortcoming = "However, not all referrers give enough information to allow for robust decisions."
    consequence = "This results in officers spending too much time checking basic details and consent."
    facts, passages = _report(
        ("c0", "", "The experiences and progress of children who need help and protection Inadequate"),
        (
            "c1",
            "The experiences and progress of children who need help and protection: inadequate",
            f"{praise} {shortcoming} {consequence}",
        ),
    )
    quotes = _quoted(
        "why was help and protection judged inadequate?",
        FactIntent("reasons", ("help and protection",)),
        facts,
        passages,
    )
    # One verbatim slice: the praise "However" answers, the shortcoming and what it leads to.
    assert quotes[1:] == [f"{praise} {shortcoming} {consequence}"]


def test_round_seventeen_rules_leave_ordinary_questions_alone():
    """Questions a second review found the round's new rules misreading."""
    from answering.fact_answers import fact_intent, follow_up_intent

    leavers = FactIntent("judgement", ("care leavers",))
    for about_the_inspection in ("Why was there an inspection?", "why then?", "why so late?"):
        assert follow_up_intent(about_the_inspection, leavers) is None
    assert fact_intent("Who led the work on help and protection that was rated good?", "Kent") is None
    assert fact_intent("Why has the care leavers rating improved?", "Kent").kind == "change"
    earlier = fact_intent(
        "Why was help and protection in Kent rated good at the previous inspection?", "Kent"
    )
    assert earlier.kind == "previous"
    assert fact_intent("Any good practice with care leavers in Kent?", "Kent") is None
    assert fact_intent("Which area was outstanding, not just good, in Kent?", "Kent").grade == "outstanding"


def test_a_judgement_worded_otherwise_is_no_previous_grade():
    from indexing.facts import extract_facts

    for text in (
        "Since the last inspection, the judgement of senior leaders was that good progress had been made.",
        "Leaders have responded to the judgement of inadequate for care leavers at the last inspection.",
    ):
        facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1})])
        assert facts.of("previous") == []


def test_the_lead_and_the_latest_visit_in_a_chats_words():
    from answering.fact_answers import fact_intent

    # "who was the lead?" of the report the conversation is on; not "who was the lead member?"
    assert fact_intent("who was the lead?", follow_up=True) == FactIntent("who")
    assert fact_intent("who was the lead member?", follow_up=True) is None
    # "last time Ofsted came" is the latest visit's grade, not the one its report says came before
    came = fact_intent("what did sheffield get last time ofsted came?", "sheffield")
    assert came == FactIntent("judgement")
    assert fact_intent("what did sheffield get last time?", "sheffield").kind == "previous"
    # "ok" asks how an area fared: its grade; not "is it ok to ask …", nor a topic ("the MASH")
    assert fact_intent("walsall - were kids in care ok?", "walsall").kind == "judgement"
    assert fact_intent("are care leavers alright in york?", "york").areas[0] == "care leavers"
    assert fact_intent("is it ok to ask about leeds?", "leeds") is None
    assert fact_intent("was the MASH ok in leeds?", "leeds") is None
    # what inspectors found on a topic is the topic, not who they were
    assert fact_intent("what did hampshire's lead inspector find on LADO", "hampshire") is None
    # a summary asked for in few words; "who led that?" of the report the chat is on
    assert fact_intent("Leeds - quick summary please", "leeds").kind == "overview"
    assert fact_intent("what's the story with Hull?", "hull").kind == "overview"
    assert fact_intent("who led that?", follow_up=True) == FactIntent("who")


def test_a_judgement_area_and_nothing_else_asks_what_the_report_says_of_it():
    from answering.fact_answers import fact_intent

    leaders = fact_intent("what did the 2023 Wirral inspection say about leaders?", "Wirral")
    assert leaders.kind == "area" and "impact of leaders" in leaders.areas
    assert fact_intent("Wirral leadership", "Wirral").kind == "area"
    assert fact_intent("tell me about Leeds' care leavers", "Leeds").kind == "area"
    # a topic of its own within the area is for the passages; so is a follow-up
    assert (
        fact_intent("what did Wirral's inspection say about care leavers' accommodation?", "Wirral") is None
    )
    assert fact_intent("What were the overall outcomes for care leavers in Leeds?", "Leeds") is None
    assert fact_intent("and care leavers?", "", follow_up=True) is None
    assert fact_intent("and Merton's care leavers?", "Merton", follow_up=True) is None
    # later in a chat, a question that asks what a named council's report says is its own
    later = fact_intent("what did the 2023 Wirral inspection say about leaders?", "Wirral", follow_up=True)
    assert later.kind == "area"


def test_overall_after_a_reports_summary_asks_its_overall_grade():
    from answering.fact_answers import follow_up_intent

    assert follow_up_intent("overall?", FactIntent("overview")) == FactIntent(
        "judgement", ("overall effectiveness",)
    )
    assert follow_up_intent("and care leavers?", FactIntent("overview")).kind == "judgement"


def test_the_other_side_and_an_areas_change():
    from answering.fact_answers import fact_intent, follow_up_intent

    # "and what isn't?" after what is working well: the report's weaknesses, and back again
    assert follow_up_intent("and what isn't?", FactIntent("strengths")) == FactIntent("weaknesses")
    assert follow_up_intent("but what didn't work?", FactIntent("weaknesses")) == FactIntent("strengths")
    assert follow_up_intent("and what about not in care?", FactIntent("strengths")) is None
    # how one area changed: its grade and what the report says it was before
    worse = fact_intent("has Harrow's care leavers service got worse?", "Harrow")
    assert worse.kind == "judgement" and worse.and_change and "care leavers" in worse.areas
    assert fact_intent("has Harrow got worse?", "Harrow") == FactIntent("change")
    # a report's main findings, asked in few words
    assert fact_intent("what were the main findings for Stockport 2024?", "Stockport") == FactIntent(
        "overview"
    )
    assert fact_intent("main points of the Leeds report", "Leeds") == FactIntent("overview")
    # terse grade and letter-date questions
    assert fact_intent("leeds ilacs result 2018", "leeds").kind == "judgement"
    assert fact_intent("what date was the Wandsworth letter", "wandsworth").kind == "published"
    # moving to a neighbouring council asks the same; a list of visits on a topic however asked
    overall = FactIntent("judgement", ("overall effectiveness",))
    assert follow_up_intent("and their neighbours Harrow?", overall, "Harrow") == overall
    assert fact_intent("list councils with a focused visit on care leavers in 2023").kind == "focus_list"


def test_a_letters_date_named_as_a_thing_and_a_visits_subject_asked_of_ofsted():
    from answering.fact_answers import fact_intent

    # a date named rather than asked: "publication date of …", "letter date?"
    for question in (
        "publication date of Stockport's 2019 focused visit",
        "Kent 2024 visit letter date?",
        "what's the date of publication for the Leeds report",
    ):
        assert fact_intent(question, "x").kind == "published", question
    assert fact_intent("when did Leeds publish its plan for care leavers?", "Leeds") is None
    # the visit's subject asked of Ofsted or "they", with nothing after but where or when
    for question in (
        "what area did ofsted look at in Leicestershire in 2023?",
        "what did ofsted look at on the 2019 Manchester visit?",
    ):
        assert fact_intent(question, "x").kind == "focus", question
    # the letter's signatory is the visit's inspector
    assert fact_intent("who signed the letter for Kent's 2024 visit?", "Kent").kind in ("who", "team")


def test_round_twenty_three_chat_wordings():
    from answering.fact_answers import FactIntent, asks_about_shortcomings, fact_intent, follow_up_intent
    from answering.remit import figure_not_stated

    assert fact_intent("and who led the one before that in 2021?", "", follow_up=True).kind == "who"
    assert fact_intent("and what still needed fixing at the 2023 inspection?", "x").kind == "improve"
    assert fact_intent("what needs sorting out in Leeds?", "Leeds").kind == "improve"
    # a council's styling in lower case, and "grade-wise", ask no subject of their own
    overall = fact_intent(
        "what was essex county council's overall ofsted grade for children's services?", "essex"
    )
    assert overall == FactIntent("judgement", ("overall effectiveness",))
    assert fact_intent(
        "southampton 2023 - how did children in care come out, grade-wise?", "southampton"
    ).kind == ("judgement")
    # a negation typed without its apostrophe; two facts asked together, neither a grade
    why = fact_intent("the kids in care part wasnt outstanding tho - why?", "", follow_up=True)
    assert why.kind == "reasons" and "children in care" in why.areas
    both = fact_intent("when was central beds last fully inspected and who led it?", "central beds")
    assert both == FactIntent("when", also=("who",))
    assert fact_intent("what still needs doing?", "", follow_up=True).kind == "improve"
    assert asks_about_shortcomings("any worries there?") and asks_about_shortcomings("any concerns?")
    assert not asks_about_shortcomings("any concerns about an allegation?")
    # why a grade fell short of a higher one: what held it back
    from answering.fact_answers import _SHORT_OF_A_GRADE, _spelt_right

    assert _SHORT_OF_A_GRADE.search(_spelt_right("the kids in care part wasnt outstanding tho - why?"))
    assert _SHORT_OF_A_GRADE.search("why was help and protection only good?")
    assert not _SHORT_OF_A_GRADE.search("why was help and protection judged outstanding?")
    # a judgement area named as a part of the report, in a follow-up
    part = fact_intent("what about the care leavers bit?", "", follow_up=True)
    assert part.kind == "area" and "care leavers" in part.areas
    assert fact_intent("what about care leavers' housing?", "", follow_up=True) is None
    assert (
        fact_intent("City of London 2020: who gets to be part of the children in care council?", "x") is None
    )
    # judgement areas by their other names
    assert fact_intent("Wiltshire 2015: leaving care judgement?", "Wiltshire").areas[0] == "care leavers"
    assert fact_intent("how did ofsted rate CP in Enfield (2015)", "Enfield").areas == (
        "help and protection",
    )
    assert follow_up_intent("whats their budget for next year", FactIntent("who")) is None
    # "whats" with no apostrophe asks for a sum as "what is" does
    assert figure_not_stated("whats their childrens services budget for next year", ["No sums here."])


def test_round_twenty_five_intents():
    from answering.fact_answers import asks_about_shortcomings, fact_intent

    # asked for the gist in so many words, later in a chat too
    headline = "headline for darlington's 2022 inspection?"
    assert fact_intent(headline, "darlington", follow_up=True) == FactIntent("overview")
    assert fact_intent("and merton's?", "merton", follow_up=True) is None  # the topic before, there
    # a visit named by when it was done names no subject
    covid = "main weaknesses at Blackpool? the 2021 covid-era focused visit"
    assert fact_intent(covid, "Blackpool") == FactIntent("weaknesses")
    assert asks_about_shortcomings("was drift an issue?")
    assert asks_about_shortcomings("was the workforce a problem in the 2019 one as well?")
    assert not asks_about_shortcomings("is it a good service?")
    assert fact_intent("BCP priority actions from the Oct 2020 visit", "BCP") == FactIntent("improve")
    # what was not put right since: the later report's own comparison with the one before
    assert fact_intent("slough 2019 vs 2023 - what didnt get fixed?", "slough") == FactIntent("change")
    # after a grade, "at the previous inspection" asks the grade given then; "the one before that"
    # moves the conversation to that report, whose own grade is asked again
    from answering.fact_answers import follow_up_intent

    grade = fact_intent("how were knowsley care leavers rated at the 2024 inspection?", "knowsley")
    previous = FactIntent("previous", grade.areas)
    assert follow_up_intent("what about at the previous inspection?", grade) == previous
    assert follow_up_intent("and last time?", grade).kind == "previous"
    assert follow_up_intent("and the one before that?", grade) == grade
    # "the last inspection" is as often the newest one
    assert follow_up_intent("what about at the last inspection?", grade) == grade
    from answering.fact_answers import asks_about_shortcomings as asks

    assert not asks("Was supervision a strength or a concern?")
    assert not asks("Were families offered a problem-solving approach?")


def test_a_councils_grades_over_time_and_which_of_its_reports_gave_a_grade():
    from answering.fact_answers import fact_intent

    for question in (
        "How have Bromley's Ofsted grades changed over its inspections?",
        "bromley's ratings over the years",
        "track record of Bromley's Ofsted judgements",
    ):
        assert fact_intent(question, "Bromley") == FactIntent("judgement", and_change=True), question
    assert fact_intent("how has Bromley's caseload changed over time?", "Bromley") is None  # a topic
    listed = FactIntent("list", ("overall effectiveness",), "inadequate", headlines=True)
    assert fact_intent("which of Hull's reports judged it inadequate?", "Hull") == listed
    assert fact_intent("when was Hull judged inadequate?", "Hull") == listed
    assert fact_intent("What grade was Hull given in 2019?", "Hull").kind == "judgement"
    # a subject of its own, not a grade
    assert fact_intent("Which inspections found good practice in early help?", "") is None
    assert fact_intent(
        "Which of North Yorkshire's inspections rated it outstanding?", "North Yorkshire"
    ).kind == ("list")
    # the last time it was so judged is the latest report's business, not every such report
    assert fact_intent("When was Hull most recently judged good?", "Hull").kind != "list"
    from answering.fact_answers import ANY_AREA

    anything = fact_intent("Which of Slough's reports rated anything inadequate?", "Slough")
    assert anything == FactIntent("list", ANY_AREA, "inadequate", headlines=True)


def test_the_askers_own_words_name_no_subject():
    """Courtesy, what the quote is for and how strongly put ("pls", "a few lines I can quote",
    "the strongest criticism") leave a question about the report as a whole."""
    from answering.fact_answers import FactIntent, fact_intent

    strengths = fact_intent("westminster's ILACS in nov 2024 - key strengths pls", "westminster")
    assert strengths.kind == "strengths"
    for question in (
        "can u summarise the main findings of rochdale's 2023 inspection",
        "Summarise Rochdale's 2023 inspection in a few lines I can quote.",
    ):
        assert fact_intent(question, "Rochdale").kind == "overview", question
    for question in (
        "Rochdale got outstanding in 2024 but I want the balance - what's the strongest criticism?",
        "Rochdale focused visit Feb 2020 - I need the most damning line for a paper.",
    ):
        assert fact_intent(question, "Rochdale").kind == "weaknesses", question
    # ... but a subject named beside them is still the question's own
    assert fact_intent("strongest criticism of Rochdale's pathway plans pls", "Rochdale") is None
    # "OE" is overall effectiveness; "that area … too" asks the same grade of another year
    assert fact_intent("walsall OE 2025?", "walsall") == FactIntent("judgement", ("overall effectiveness",))
    assert fact_intent("was that area RI back in 2017 too?", "", follow_up=True).kind == "judgement"


def test_a_visits_statement_of_the_inspection_before_in_more_words():
    from answering.fact_answers import _LAST_INSPECTION, fact_intent

    for question in (
        "what was help & protection judged at the last ILACS?",
        "when had Somerset last been inspected, and what was its overall effectiveness then?",
        "what had the previous full inspection concluded?",
    ):
        assert _LAST_INSPECTION.search(question), question
    intent = fact_intent("what had the previous full inspection concluded and when was it?", "x")
    assert intent.kind == "previous"


def test_the_inspection_team_and_what_it_found():
    from answering.fact_answers import fact_intent

    for question in (
        "Who were the team inspectors on Enfield's 2015 single inspection?",
        "who was on Enfield's inspection team in 2015?",
    ):
        assert fact_intent(question, "Enfield").kind == "team", question
    assert fact_intent("what did the inspection team find about care leavers in Enfield?", "Enfield") is None


def test_a_subject_within_an_area_after_a_grade_is_for_the_passages():
    from answering.fact_answers import FactIntent, follow_up_intent

    grade = FactIntent("judgement", ("overall effectiveness",))
    assert follow_up_intent("and what did they say about the care leavers' pathway plans?", grade) is None
    moved = follow_up_intent("and what about care leavers?", grade)
    assert moved is not None and "care leavers" in moved.areas


def test_before_something_else_than_a_report_asks_when_not_the_one_before():
    from answering.fact_answers import fact_intent

    asked = fact_intent(
        "When were inspectors in North Tyneside for the 2020 inspection - was it before lockdown?", "x"
    )
    assert asked.kind == "when"
    for question in (
        "Before the Feb 2019 focused visit, when had Somerset last had a full Ofsted inspection?",
        "When was the inspection before that?",
    ):
        assert fact_intent(question, "x").kind == "previous", question


def test_a_line_for_a_cabinet_paper_on_a_report_named_by_its_grade_is_its_gist():
    from answering.fact_answers import fact_intent

    question = (
        "For a cabinet paper: what's the strongest single line from Ofsted on Herefordshire's 2022 "
        "inadequate inspection?"
    )
    assert fact_intent(question, "Herefordshire").kind == "overview"


def test_a_fresh_fact_sets_wordings():
    from answering.fact_answers import areas_named, fact_intent

    assert fact_intent("When did the 2026 Trafford ILACS take place?", "Trafford").kind == "when"
    assert fact_intent("york FV aug 2023 - which group of young people was it about?", "york").kind == "focus"
    assert areas_named("what had the 2018 inspection said about H&P?") == ("help and protection",)


def test_the_same_question_of_another_report_and_a_response_described():
    from answering.fact_answers import FactIntent, fact_intent, follow_up_intent

    improve = FactIntent("improve")
    assert follow_up_intent("same question for somerset's front door visit in 2019", improve) == improve
    assert follow_up_intent("ditto for 2019", improve) == improve
    described = fact_intent(
        "Kirklees was inadequate in 2016 - how did the 2019 inspection describe their response and "
        "progress since then?",
        "Kirklees",
    )
    assert described.kind == "change"


def test_a_fresh_chat_sets_grade_wordings():
    from answering.fact_answers import LOWEST, FactIntent, fact_intent

    # a question word typed without its apostrophe, and "overall" alone after the report named
    whats = fact_intent("ok whats the overall grade from their latest full inspection", "", follow_up=True)
    assert whats == FactIntent("judgement", ("overall effectiveness",))
    assert fact_intent("north yorks 2018 inspection overall?", "north yorks").kind == "judgement"
    # a grade denied of "anything": the areas graded otherwise
    for question in (
        "what about 2022 - was anything below outstanding?",
        "was there anything that wasnt outstanding?",
    ):
        assert fact_intent(question, "x").grade == "not outstanding", question
    assert fact_intent("is there anything good about their practice?", "x").grade == ""
    # the areas that pulled the overall grade down: those graded lowest (not "why …": the findings)
    assert fact_intent("which area pulled it down to that?", "", follow_up=True).grade == LOWEST
    assert fact_intent("why was it rated inadequate? which part dragged it down", "x").kind == "weaknesses"


def test_whats_going_well_in_an_area_of_a_named_report():
    from answering.fact_answers import fact_intent

    asked = fact_intent("lambeth 2022 inspection - whats going well for children in care?", "lambeth")
    assert asked.kind == "strengths" and "children in care" in asked.areas
    # a subject within the area is still the passages'
    assert fact_intent("lambeth 2022 - what's going well for care leavers' housing?", "lambeth") is None


def test_big_problems_needs_fixing_and_that_list():
    from answering.fact_answers import (
        FactIntent,
        change_after,
        fact_intent,
        follow_up_intent,
        refers_to_the_list,
    )

    problems = "York 2022 - Ofsted said services had declined. what were the big problems?"
    assert fact_intent(problems, "York").kind == "weaknesses"
    assert change_after(problems, "York") == FactIntent("change")  # "has it turned around since?"
    assert fact_intent("what did ofsted say needs fixing", "", follow_up=True).kind == "improve"
    assert refers_to_the_list("has that list changed in the 2026 report?")
    improve = FactIntent("improve")
    assert follow_up_intent("and are those points still in the 2026 one?", improve) == improve


def test_round_twenty_six_rules_leave_ordinary_questions_alone():
    """Questions a second reader found the round's new rules misreading."""
    from answering.fact_answers import FactIntent, fact_intent, follow_up_intent, refers_to_the_list

    # "Overall" at any case is the overall grade; "OE" only in capitals
    overall = fact_intent("Overall effectiveness grade for Leeds in 2019?", "Leeds")
    assert overall.areas == ("overall effectiveness",)
    # "overall" alone after a report is its grade; findings or a summary "overall" are not
    for question in (
        "Kent 2022 inspection: what did they find overall?",
        "Leeds 2019 ILACS, what were the strengths overall?",
    ):
        assert (fact_intent(question, "Kent Leeds") or FactIntent("x")).kind != "judgement" or fact_intent(
            question, "Kent Leeds"
        ).areas, question
    assert fact_intent("What did the latest Leeds report conclude?", "Leeds") is None or (
        fact_intent("What did the latest Leeds report conclude?", "Leeds").kind != "judgement"
    )
    # the inspection team as the subject of a finding is for the passages
    for question in (
        "Was the inspection team worried about the Leeds front door?",
        "Did the inspection team speak to children in Leeds?",
    ):
        assert (fact_intent(question, "Leeds") or FactIntent("x")).kind not in ("team", "who"), question
    # councillors and what children wanted are subjects
    assert fact_intent("What did the 2022 Leeds inspection say about councillors?", "Leeds") is None
    assert fact_intent("Did the Leeds 2022 inspection say what children wanted?", "Leeds") is None
    # "those points" is the list again only when asked whether it changed
    improve = FactIntent("improve")
    assert follow_up_intent("what did they say about the points on supervision?", improve) != improve
    assert not refers_to_the_list("and which of the areas were about care leavers?")
    # the weakest area of practice is a topic; the lowest graded area is a grade
    assert (
        fact_intent("What was the weakest area of practice in the 2023 Leeds inspection?", "Leeds").grade
        != "lowest"
    )
    assert fact_intent(
        "Which areas of practice were holding the service back in Leeds?", "Leeds"
    ) is None or (
        fact_intent("Which areas of practice were holding the service back in Leeds?", "Leeds").grade
        != "lowest"
    )
    # something that needed fixing, asked whether it was fixed, is no request for the list
    assert (
        fact_intent("Has anything that needed fixing in Leeds been fixed since 2019?", "Leeds")
        or FactIntent("x")
    ).kind != "improve"


def test_round_twenty_six_money_and_scope_rules_leave_ordinary_questions_alone():
    from answering.remit import _ASKS_FOR_MONEY
    from retrieval.scope import _FINDINGS_OF_A_KIND, graded_then

    assert not _ASKS_FOR_MONEY.search(
        "How much benefit have families seen from the edge of care service in Leeds?"
    )
    assert _ASKS_FOR_MONEY.search("How much housing benefit a week are care leavers in Luton entitled to?")
    assert not _FINDINGS_OF_A_KIND.search(
        "What has Wiltshire done since the JTAI found problems with the front door?"
    )
    assert not _FINDINGS_OF_A_KIND.search("How has Wiltshire responded to what the JTAI found about neglect?")
    assert _FINDINGS_OF_A_KIND.search(
        "What did the joint targeted area inspection of Nottingham find about neglect?"
    )
    went = "Inspectors went to Wiltshire in 2019 - what did they find, and what did the 2025 visit add?"
    assert graded_then(went) == set()


def test_the_same_question_of_an_area_or_about_a_subject():
    from answering.fact_answers import FactIntent, follow_up_intent

    in_care = FactIntent("judgement", ("children in care",))
    assert "care leavers" in follow_up_intent("same question for care leavers?", in_care).areas
    assert follow_up_intent("same question about the front door?", FactIntent("weaknesses")) is None


def test_a_separate_grade_asked_for_is_that_area_alone():
    from answering.fact_answers import areas_named

    # 2018–2023 reports judged children in care and care leavers together; a separate grade is
    # only the care leavers' own (and a report without one says so)
    assert areas_named("what was the separate grade for care leavers in 2019?") == ("care leavers",)
    assert areas_named("how were care leavers graded?") == (
        "care leavers",
        "children in care and care leavers",
    )
    assert areas_named("help and protection on its own?") == ("help and protection",)


def test_what_an_earlier_inspection_left_unresolved_asks_how_the_report_compares():
    from answering.fact_answers import fact_intent

    asked = "which issues from the 2019 inspection still hadn't been sorted?"
    assert fact_intent(asked, follow_up=True).kind == "change"
    # ... not whether the subject asked about before was still an issue: for the passages
    assert fact_intent("was that still an issue at their next full inspection?", follow_up=True) is None


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("What issues did the focused visit look at in Leeds?", "focus"),
        ("what concerns did children raise with inspectors in Leeds?", None),
        ("What help is there in Leeds for young people needing work?", None),
        ("How was care leavers graded in Leeds? need the housing findings too", None),
    ],
)
def test_what_a_second_reading_found_read_too_much_is_read_as_asked(question, kind):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question, "Leeds")
    assert (intent.kind if intent else None) == kind


def test_a_grade_of_one_service_or_area_is_no_grade_of_the_inspection_before():
    from indexing.facts import extract_facts

    for text in (
        "The local authority’s two children’s homes were judged good when they were last inspected.",
        "At that inspection, the experiences and progress of care leavers were judged to be inadequate.",
    ):
        facts = extract_facts("r.pdf", [("c1", text, {"section": "Summary", "page_start": 1, "position": 0})])
        assert facts.of("previous") == []


def test_why_after_which_area_got_a_grade_asks_the_findings_of_the_areas_so_graded():
    from answering.fact_answers import fact_intent, follow_up_intent

    which = fact_intent("which part of Slough's services was judged inadequate in 2023?", "Slough")
    assert (which.kind, which.grade) == ("judgement", "inadequate")
    for follow_up in ("why?", "why"):
        assert follow_up_intent(follow_up, which) == FactIntent("reasons", (), "inadequate")
