"""Scope from the question: councils (aliases, misspellings, other nations), years, months,
types, "latest", follow-ups, and the plain messages when nothing is in scope."""

from __future__ import annotations

import pytest

from retrieval.filters import Filters
from retrieval.scope import AuthorityIndex, Scope, decide_scope, parse_scope

INDEXED = {
    "Croydon",
    "Kingston upon Hull",
    "Reading",
    "Wiltshire",
    "City of London",
    "Barnsley",
    "Barking and Dagenham",
    "Bournemouth, Christchurch and Poole",
    "Bath and North East Somerset",
    "Windsor and Maidenhead",
    "Staffordshire",
}
RECORDS = {
    "croydon-2024.pdf": {
        "local_authority": "Croydon",
        "inspection_type": "full inspection",
        "report_date": "2024-12-03",
        "visit_start": "2024-10-14",
        "visit_end": "2024-10-25",
        "date_ord": 20241203,
        "report_year": 2024,
    },
    "croydon-fv-2021.pdf": {
        "local_authority": "Croydon",
        "inspection_type": "focused visit",
        "report_date": "2021-06-01",
        "date_ord": 20210601,
        "report_year": 2021,
    },
    "wiltshire-2019.pdf": {
        "local_authority": "Wiltshire",
        "inspection_type": "full inspection",
        "report_date": "2019-07-22",
        "date_ord": 20190722,
        "report_year": 2019,
    },
    "wiltshire-fv-2025.pdf": {
        "local_authority": "Wiltshire",
        "inspection_type": "focused visit",
        "report_date": "2025-08-22",
        "date_ord": 20250822,
        "report_year": 2025,
    },
    **{
        f"barnsley-{name}.pdf": {
            "local_authority": "Barnsley",
            "inspection_type": kind,
            "report_date": f"{day[:4]}-{day[4:6]}-{day[6:]}",
            "date_ord": int(day),
            "report_year": int(day[:4]),
        }
        for name, kind, day in [
            ("2018", "full inspection", "20181119"),
            ("fv-2021", "focused visit", "20210601"),
            ("2023", "full inspection", "20230501"),
            ("fv-2025", "focused visit", "20250110"),
        ]
    },
    "hull-fv-2022.pdf": {
        "local_authority": "Kingston upon Hull",
        "inspection_type": "focused visit",
        "report_date": "2022-03-01",
        "date_ord": 20220301,
        "report_year": 2022,
    },
}


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    # "reading" is an ordinary word in the reports' text; the other names are not.
    return AuthorityIndex(INDEXED, frozenset({"reading"}))


@pytest.mark.parametrize(
    ("question", "council"),
    [
        ("What did Ofsted say about Croydon's care leavers?", "Croydon"),
        ("How is Hull doing on child protection?", "Kingston upon Hull"),
        ("Hull City Council's front door?", "Kingston upon Hull"),
        ("What about the London Corporation's care leavers?", "City of London"),
        ("Barnsley Metropolitan Borough Council and early help", "Barnsley"),
        ("What did the report on Reading say?", "Reading"),
        # the counties' customary short forms, as people write them ("North Yorks", "Wilts")
        ("Wilts focused visit - what was it on?", "Wiltshire"),
        ("staffs - when were inspectors on site for the latest FV?", "Staffordshire"),
        # a two-part name by its first place, as people say it
        ("bath 2017 - what did ofsted say about private fostering", "Bath and North East Somerset"),
        ("Windsor's care leavers?", "Windsor and Maidenhead"),
        # its parts without the "and"
        ("bournemouth christchurch poole 2019 - kids in care?", "Bournemouth, Christchurch and Poole"),
    ],
)
def test_councils_by_name_and_alias(index, question, council):
    assert parse_scope(question, index).authorities == (council,)


def test_a_two_part_name_by_its_initials_and_an_abolished_council_by_its_successor(index):
    assert parse_scope("B&D 2014 single inspection - overall judgement?", index).authorities == (
        "Barking and Dagenham",
    )
    # the name's parts without "and" are one name, no topic word left over ("christchurch")
    assert index.names_in("bournemouth christchurch poole 2019 - kids in care?") == [
        "bournemouth christchurch poole"
    ]
    bournemouth = parse_scope("Bournemouth focused visit 2019", index)
    assert bournemouth.authorities == ("Bournemouth, Christchurch and Poole",)
    assert bournemouth.not_indexed == ()
    assert bournemouth.corrections == (("Bournemouth", "Bournemouth, Christchurch and Poole"),)


def test_an_everyday_name_misspelt_is_found_when_no_report_uses_the_word():
    index = AuthorityIndex(INDEXED, vocabulary=frozenset({"focused", "visit"}))
    assert parse_scope("Bournmouth focused visit 2019", index).authorities == (
        "Bournemouth, Christchurch and Poole",
    )
    # a word the reports use is no misspelling of a council
    used = AuthorityIndex(INDEXED, vocabulary=frozenset({"focused", "visit", "bournmouth"}))
    assert parse_scope("Bournmouth focused visit 2019", used).authorities == ()


def test_everyday_word_is_not_a_council_unless_capitalised(index):
    assert parse_scope("What did inspectors find after reading case files?", index).authorities == ()
    assert parse_scope("what about reading", index).authorities == ("Reading",)  # all lower case
    # A council name that is no ordinary word counts in lower case too.
    assert parse_scope("What about croydon?", index).authorities == ("Croydon",)


def test_misspelt_council_is_corrected_and_said(index):
    scope = parse_scope("What did the Croydn inspection say about care leavers?", index)
    assert scope.authorities == ("Croydon",)
    assert scope.corrections and scope.corrections[0][1] == "Croydon"


def test_council_outside_england_and_not_indexed(index):
    scope = parse_scope("What does Glasgow do for care leavers?", index)
    assert scope.authorities == () and scope.outside_england[0][1] == "Scotland"
    scope = parse_scope("What did Ofsted find in Kent?", index)
    assert scope.not_indexed == ("Kent",)


def test_years_months_types_latest(index):
    scope = parse_scope("What did the October 2024 Croydon inspection find?", index)
    assert scope.month == (2024, 10) and scope.years == () and scope.prefers_full_inspection
    scope = parse_scope("What did the 2025 focused visit to Wiltshire say?", index)
    assert scope.years == (2025,) and scope.types == ("focused visit",)
    assert parse_scope("What is Wiltshire's latest report on neglect?", index).latest
    assert parse_scope("When was Wiltshire last inspected?", index).latest
    # only an inspection rates a council: its latest rating is its latest inspection's
    assert _decide("What's Wiltshire's latest rating?").filters.report_id == ("wiltshire-2019.pdf",)
    since_then = "What did Wiltshire's 2019 inspection say had improved since last time?"
    assert not parse_scope(since_then, index).latest
    since = parse_scope("How has Croydon changed since it was judged inadequate in 2020?", index)
    assert since.years == () and since.after_year == 2020


def test_the_day_a_figure_is_counted_at_is_no_reports_date(index):
    # the report after it states "At 31 December 2017, 89 children …"; a report's own date has no day
    counted = parse_scope("How many children were on child protection plans at 31 December 2017?", index)
    assert counted.month is None and counted.years == ()
    assert parse_scope("How many were on plans as of 31st March 2019?", index).years == ()
    assert parse_scope("What did the December 2017 inspection find?", index).month == (2017, 12)


def test_follow_up_inherits_and_can_change_scope(index):
    first = parse_scope("What did the 2019 Wiltshire inspection say about supervision?", index)
    follow = parse_scope("And what did the 2025 visit say about that?", index).inherit(first)
    assert follow.authorities == ("Wiltshire",) and follow.years == (2025,)
    other = parse_scope("What about Croydon?", index).inherit(first)
    assert other.authorities == ("Croydon",) and other.years == () and other.near_years == (2019,)
    # ... and so picks the other council's report of the same kind nearest that year
    asked = ["What did the 2019 Wiltshire inspection say about supervision?"]
    assert _decide("What about Croydon?", history=asked).filters.report_id == ("croydon-2024.pdf",)
    visit = ["What did Wiltshire's 2025 focused visit say about supervision?"]
    assert _decide("What about Croydon's?", history=visit).filters.report_id == ("croydon-fv-2021.pdf",)
    # Another kind of report leaves the month that picked the earlier one behind.
    october = ["What did the October 2024 Croydon inspection find?"]
    assert _decide("And the focused visit?", history=october).filters.report_id == ("croydon-fv-2021.pdf",)
    across = parse_scope("Which councils were judged inadequate?", index).inherit(first)
    assert across.authorities == () and across.across_councils


def _decide(question: str, filters: Filters | None = None, records=RECORDS, history=()):
    return decide_scope(
        [*history, question], filters or Filters(), records, AuthorityIndex(INDEXED, frozenset({"reading"}))
    )


def test_scope_becomes_a_report_filter():
    decision = _decide("What did the 2025 visit to Wiltshire find about neglect?")
    assert decision.filters.report_id == ("wiltshire-fv-2025.pdf",) and not decision.message
    assert decision.description == "Wiltshire · focused visit · August 2025"
    # A month that only the visit dates have still picks the report.
    assert _decide("Croydon in October 2024?").filters.report_id == ("croydon-2024.pdf",)
    # "since 2020": reports published after 2020 only.
    assert set(_decide("Has Croydon improved since 2020?").filters.report_id) == {
        "croydon-2024.pdf",
        "croydon-fv-2021.pdf",
    }
    assert _decide("latest on Croydon").filters.report_id == ("croydon-2024.pdf",)
    # Each period named adds its reports: a year and a month are not both asked of one report.
    between = _decide("Did Croydon improve between its 2021 report and the October 2024 one?")
    assert set(between.filters.report_id) == {"croydon-2024.pdf", "croydon-fv-2021.pdf"}
    # "inspections" prefers the full inspections, as "inspection" does.
    assert _decide("Croydon's 2021 and 2024 inspections?").filters.report_id == ("croydon-2024.pdf",)


def test_four_nothing_found_cases_have_their_own_messages():
    empty = _decide("What about care leavers?", records={})
    assert empty.kind == "empty-index" and "No reports are indexed yet" in empty.message
    filtered = _decide("What about care leavers?", Filters(local_authority=("Nowhere",)))
    assert filtered.kind == "filters" and "filters you set" in filtered.message
    missing_year = _decide("What did the 2016 inspection of Croydon find?")
    assert missing_year.kind == "scope"
    assert missing_year.message.startswith("No indexed report of Croydon is from 2016.")
    assert "Indexed for Croydon: Croydon · full inspection · December 2024" in missing_year.message
    outside = _decide("What does Glasgow do for care leavers?")
    assert outside.kind == "scope" and "Glasgow is in Scotland" in outside.message
    excluded = _decide("What did Croydon's 2024 inspection say?", Filters(inspection_type=("focused visit",)))
    assert excluded.kind == "filters" and "exclude it" in excluded.message


def test_a_follow_up_to_a_council_with_no_report_stays_on_that_council():
    first = ["What was the last grade for Bolton?"]
    them = _decide("who inspected them", history=first)
    assert them.kind == "scope" and them.message.startswith("No report of Bolton is indexed")
    assert _decide("and the one before?", history=first).kind == "scope"
    # naming an indexed council moves on to it
    moved = _decide("what about Croydon?", history=[*first, "who inspected them"])
    assert not moved.message and moved.filters.report_id


def test_empty_scope_keeps_the_users_filters():
    decision = _decide("What about care leavers?", Filters(local_authority=("Wiltshire",)))
    assert decision.filters == Filters(local_authority=("Wiltshire",)) and decision.description == ""
    assert Scope().empty


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who led the 2019 inspection of Bradford?", "who"),
        ("Which HMIs carried out the autumn 2023 focused visit to Camden?", "who"),
        ("Who were the inspectors on the Barnsley focused visit in December 2024?", "team"),
        ("When was Sunderland's 2021 inspection carried out?", "when"),
        ("How was help and protection judged in Croydon in 2024?", "judgement"),
        ("Is Croydon rated requires improvement?", "judgement"),
        ("What did Ofsted tell York to improve in 2022?", "improve"),
        ("What did the 2024 focused visit to Barnsley look at?", "focus"),
        ("Which councils were judged inadequate in 2019?", "list"),
        # everyday and terse wordings of the same requests
        ("What did Ofsted give Kent for help and protection in 2022?", "judgement"),
        ("How did Barnsley do in its last Ofsted?", "judgement"),
        ("Was Sunderland inadequate in 2018?", "judgement"),
        ("Did Wiltshire get outstanding?", "judgement"),
        ("What was Bedford's Ofsted outcome?", "judgement"),
        ("Cornwall CiC judgment", "judgement"),
        ("How were Cornwall's services for care leavers assessed?", "judgement"),
        ("How did Wiltshire's adoption service perform in 2015?", "judgement"),
        ("all the judgements from Hampshire's 2023 inspection", "judgement"),
        ("name of the HMI who led the Derby inspection", "who"),
        ("dates of the Kent focused visit", "when"),
        ("how long was the Derby inspection", "when"),
        ("what areas must Derby work on", "improve"),
        ("what did Ofsted tell Derby to do", "improve"),
        ("What did Ofsted recommend Derby do about private fostering?", "improve"),
        ("What improvements did the 2023 inspection ask Derby to make?", "improve"),
        ("When exactly did Ofsted inspect Derby's children's services in 2025?", "when"),
        ("Derby's report came out in February 2014 - when was the inspection itself carried out?", "when"),
        ("What happens when children go missing in Derby?", None),
        # terse, misspelt, or with the asking after a dash or colon
        ("Derby focused visit 2024 inspectors", "team"),
        ("derby focused visit 2021 focus?", "focus"),
        ("who were the insepctors on the Derby focused visit in 2018?", "team"),
        ("Derby 2022 inspection - who led it?", "who"),
        ("Derby focused visit (letter dated January 2023): what was the focus?", "focus"),
        ("What was the Derby focused visit in 2023 about?", "focus"),
        ("what were inspectors looking at in Derby's 2025 focused visit", "focus"),
        ("Derby 2019 lead inspector", "who"),  # a form of the word, not a misspelling of "inspectors"
        ("Summarise the strengths identified by inspectors", None),  # names no report: not a terse request
        ("Which areas of practice were strongest in Derby?", None),
        ("What did Derby's inspection say needed to change about its IRO service?", "improve"),
        ("What was Derby judged at its previous inspection?", "previous"),
        ("How was Kent rated before?", "previous"),
        # topical questions that only share a word with a fact question
        ("Who led the improvement work in Croydon?", None),
        ("When do social workers visit children in care in Croydon?", None),
        ("What has Croydon done to improve placement stability?", None),
        ("How were schools rated in Croydon?", None),
        ("How has Blackpool changed since it was judged inadequate in 2018?", None),
        ("Who makes up most of the children in care in the City of London?", None),
        ("What did Ofsted say about outcomes for care leavers in Derby?", None),
        ("How are children's needs assessed in Derby?", None),
        ("What help is given to children in care in Derby?", None),
        ("How did Derby perform on timeliness of assessments?", None),
        ("Was the quality of practice good in Derby?", None),
        ("What support did Derby give care leavers?", None),
        ("Who was the lead member for children's services in Derby?", None),
        ("When is Calderdale's next full Ofsted inspection due?", None),
    ],
)
def test_fact_questions_are_told_apart_from_topical_ones(question, kind):
    """Without the council names the scope found (``names``), as for a question naming none."""
    from answering.fact_answers import fact_intent

    intent = fact_intent(question)
    assert (intent.kind if intent else None) == kind


@pytest.mark.parametrize(
    ("question", "names", "kind"),
    [
        ("How has Blackpool changed since it was judged inadequate in 2018?", "blackpool", "change"),
        ("Has swindon got worse since 2019?", "swindon", "change"),
        ("Did Stoke-on-Trent improve between 2019 and 2022?", "stoke on trent", "change"),
        # one area's change: its grade, and what the report says it was before
        ("Has help and protection in Kent got better since the last inspection?", "kent", "judgement"),
        ("What has Croydon done to improve placement stability?", "croydon", None),
        ("Has Croydon's support for care leavers in custody improved?", "croydon", None),
        ("Has practice improved?", "", None),  # no council: no one report compares itself
        # words that only say which report are no subject of their own
        (
            "Did Solihull go backwards between its 2019 inspection and the one in autumn 2022?",
            "solihull",
            "change",
        ),
        ("Did Hull improve between its 2015 inspection and the January 2019 one?", "hull", "change"),
        ("Did Kent keep up its standards? What did the 2021 focused visit say?", "kent", "change"),
        ("Did Kent's fostering improve by the focused visit?", "kent", None),
    ],
)
def test_change_questions_about_a_named_council(question, names, kind):
    from answering.fact_answers import fact_intent

    intent = fact_intent(question, names)
    assert (intent.kind if intent else None) == kind


def test_a_follow_up_about_the_report_asks_for_its_facts():
    from answering.fact_answers import fact_intent

    assert fact_intent("who led it?", follow_up=True).kind == "who"
    assert fact_intent("what did it look at?", follow_up=True).kind == "focus"
    assert fact_intent("and when was that?", follow_up=True).kind == "when"
    assert fact_intent("who led it?") is None  # with no report named before, "it" is nothing
    assert fact_intent("what did it say about neglect?", follow_up=True) is None
    assert fact_intent("What did they find when they looked at care leavers?", follow_up=True) is None
    assert fact_intent("Who led the work on this?", follow_up=True) is None


def test_a_month_may_be_written_short():
    index = AuthorityIndex(INDEXED, frozenset())
    assert parse_scope("Croydon focused visit Feb 2019?", index).month == (2019, 2)
    assert parse_scope("Croydon in Sept. 2023?", index).month == (2023, 9)


def test_the_next_inspection_in_a_follow_up_is_the_first_report_after_the_earlier_one():
    history = ["What did the 2021 focused visit to Croydon say about care leavers?"]
    decision = _decide("Had it improved by the next inspection?", history=history)
    assert decision.filters.report_id == ("croydon-2024.pdf",)
    year_after = _decide(
        "What did the focused visit the year after say?", history=["Barnsley 2023 inspection?"]
    )
    assert year_after.filters.report_id == ("barnsley-fv-2025.pdf",)
    earlier = ["What did the 2019 Wiltshire inspection say about supervision?"]
    came_back = _decide("And when Ofsted came back?", history=earlier)
    assert came_back.filters.report_id == ("wiltshire-fv-2025.pdf",)
    nothing_later = _decide("And the next one?", history=["Croydon 2024 inspection?"])
    assert nothing_later.kind == "scope" and "later than" in nothing_later.message


def test_since_then_in_a_follow_up_is_the_report_after_the_one_the_conversation_was_on():
    history = ["What did the 2021 focused visit to Croydon say about care leavers?"]
    assert _decide("Has that been sorted since then?", history=history).filters.report_id == (
        "croydon-2024.pdf",
    )
    assert _decide("has it turned around since?", history=history).filters.report_id == ("croydon-2024.pdf",)
    # After a full inspection, the next full inspection (which looks at everything again), not the
    # focused visit between them.
    barnsley = ["How did Barnsley do at its 2018 inspection?"]
    turned = _decide("has it turned around since?", history=barnsley)
    assert turned.filters.report_id == ("barnsley-2023.pdf",)
    # Nothing later: the report the conversation was on, not a message that none is later.
    latest = _decide("has that improved since then?", history=["Croydon 2024 inspection?"])
    assert latest.filters.report_id == ("croydon-2024.pdf",) and not latest.message


def test_whether_a_finding_held_before_or_was_sorted_afterwards_asks_the_report_before_or_after():
    asked = ["What did Croydon's 2024 inspection say about care leavers?"]
    for before in ("was that a problem before too?", "were there problems with that service before?"):
        assert _decide(before, history=asked).filters.report_id == ("croydon-fv-2021.pdf",)
    visit = ["What went wrong at Croydon's 2021 focused visit?"]
    after = _decide("did they sort out the caseloads afterwards?", history=visit)
    assert after.filters.report_id == ("croydon-2024.pdf",)
    # a time before something named is no report before
    assert _decide("was Croydon graded before the pandemic?").filters.report_id != ("croydon-fv-2021.pdf",)
    # a comparison the report asked about makes itself; with no report before, it says what it was
    assert _decide("was it worse before that?", history=asked).filters.report_id == ("croydon-2024.pdf",)
    first = ["What did Croydon's 2021 focused visit say about neglect?"]
    assert _decide("had that been flagged before?", history=first).filters.report_id == (
        "croydon-fv-2021.pdf",
    )


def test_what_a_later_report_says_is_still_unresolved_from_an_inspection_measures_from_it(index):
    still = parse_scope("which issues from the 2019 inspection still hadn't been sorted?", index)
    assert still.years == () and still.after_year == 2019
    assert parse_scope("what did the 2019 inspection find?", index).years == (2019,)


def test_the_one_before_that_is_the_councils_report_before_the_earlier_one():
    latest = ["When was Croydon's most recent inspection?"]
    before = _decide("And the one before that?", history=latest)
    assert before.filters.report_id == ("croydon-fv-2021.pdf",)  # no full inspection before 2024
    # ... and a question after it is still about that report.
    assert _decide("Who led it?", history=[*latest, "And the one before that?"]).filters.report_id == (
        "croydon-fv-2021.pdf",
    )
    visit = ["What did the 2025 focused visit to Wiltshire look at?"]
    no_earlier_visit = _decide("What did the previous one look at?", history=visit)
    assert no_earlier_visit.filters.report_id == ("wiltshire-2019.pdf",)
    assert "No indexed focused visit" in no_earlier_visit.corrections  # said with the answer
    assert _decide("and the one before?", history=latest).filters.report_id == ("croydon-fv-2021.pdf",)
    first = _decide("And the one before that?", history=["Wiltshire 2019 inspection?"])
    assert first.kind == "scope" and "earlier than" in first.message


def test_the_inspection_before_that_is_the_report_before_or_the_one_stating_its_grade():
    barnsley = ["How did Barnsley do at its 2023 inspection?"]
    before = _decide("and the full inspection before that?", history=barnsley)
    assert before.filters.report_id == ("barnsley-2018.pdf",)
    # No earlier report of Wiltshire is indexed: its 2019 report states the grade it had then.
    wiltshire = ["What was Wiltshire's overall grade in 2019?"]
    stated = _decide("and what had they been judged at the inspection before that one?", history=wiltshire)
    assert stated.filters.report_id == ("wiltshire-2019.pdf",) and not stated.message
    # "last time" after a report named: the council's report before it, where one is indexed
    last_time = "how did they do last time?"
    assert _decide(last_time, history=barnsley).filters.report_id == ("barnsley-2018.pdf",)
    assert _decide(last_time, history=wiltshire).filters.report_id == ("wiltshire-2019.pdf",)
    # ... not "since last time", which measures the report asked about from its predecessor
    since = _decide("has it improved since last time?", history=barnsley)
    assert since.filters.report_id == ("barnsley-2023.pdf",)
    # "the time before that" is the report before, like "the one before that"
    assert _decide("and the time before that?", history=barnsley).filters.report_id == ("barnsley-2018.pdf",)
    # "last time Ofsted came" is the latest visit, not the one before a report named
    came = _decide("what did Barnsley get last time ofsted came?")
    assert came.filters.report_id == ("barnsley-2023.pdf",)
    assert _decide("how was it the last time they were inspected?", history=barnsley).filters.report_id == (
        "barnsley-2023.pdf",
    )


def test_years_counted_back_from_the_report_asked_about():
    barnsley = ["How did Barnsley do at its 2023 inspection?"]
    assert _decide("and 5 years before?", history=barnsley).filters.report_id == ("barnsley-2018.pdf",)
    assert _decide("what about two years earlier?", history=barnsley).filters.report_id == (
        "barnsley-fv-2021.pdf",
    )
    none_then = _decide("and the year before that?", history=barnsley)
    assert none_then.kind == "scope" and "from 2022" in none_then.message


def test_how_a_council_did_at_its_latest_ofsted_is_its_latest_full_inspection():
    # Barnsley's latest report is a 2025 focused visit, which grades nothing
    assert _decide("how did Barnsley do at their last ofsted?").filters.report_id == ("barnsley-2023.pdf",)
    # ... but "their last visit" names the visit
    assert _decide("how did Barnsley do at their last visit?").filters.report_id == ("barnsley-fv-2025.pdf",)


def test_the_next_one_is_of_the_kind_asked_about_and_came_back_of_any_kind():
    history = ["How did Barnsley do at its 2018 inspection?"]
    assert _decide("And the next one?", history=history).filters.report_id == ("barnsley-2023.pdf",)
    assert _decide("And when Ofsted came back?", history=history).filters.report_id == (
        "barnsley-fv-2021.pdf",
    )


def test_the_next_report_after_a_year_named_before_it():
    # The council has no report from 2016: the first full inspection after that year.
    decision = _decide("Barnsley was inadequate in 2016 - how did the next full inspection go?")
    assert decision.filters.report_id == ("barnsley-2018.pdf",)
    after_one = _decide("Barnsley got good in 2018; what did the next focused visit find?")
    assert after_one.filters.report_id == ("barnsley-fv-2021.pdf",)
    # "when children came back" names no report: the 2018 one, not one after it.
    assert _decide(
        "In Barnsley's 2018 inspection, what happened when children came back?"
    ).filters.report_id == ("barnsley-2018.pdf",)
    # A year after "next" names the report itself.
    assert _decide("What did the next inspection in 2023 say about Barnsley?").filters.report_id == (
        "barnsley-2023.pdf",
    )


def test_the_latest_visit_or_inspection_in_a_follow_up_sets_its_own_kind():
    after_inspection = ["How did Barnsley do at its 2018 inspection?"]
    assert _decide(
        "ok and what did the most recent visit look at?", history=after_inspection
    ).filters.report_id == ("barnsley-fv-2025.pdf",)
    after_visit = ["What did the 2021 focused visit to Barnsley look at?"]
    latest = _decide("and at the most recent inspection, what grade did they get?", history=after_visit)
    assert latest.filters.report_id == ("barnsley-2023.pdf",)


def test_a_kind_of_report_the_council_has_none_of_is_said_unless_a_report_may_speak_of_it():
    missing = _decide("Hull's overall grade at its last full ILACS inspection?")
    assert (
        missing.kind == "scope"
        and "No indexed full inspection report of Kingston upon Hull" in missing.message
    )
    # Of a year when the council has none of that kind, that year's reports (the year may be the
    # visit's), with the kind set aside said.
    that_year = _decide("Wiltshire's overall grade at its full inspection in 2025?")
    assert (
        that_year.filters.report_id == ("wiltshire-fv-2025.pdf",)
        and "No indexed full" in that_year.corrections
    )
    # "its full inspection before that" may be one the focused visit speaks of; a JTAI no report is.
    earlier = ["What did the 2025 focused visit to Wiltshire find?"]
    before = _decide("What had it been judged at its previous full inspection in 2025?", history=earlier)
    assert before.filters.report_id == ("wiltshire-fv-2025.pdf",)
    jtai = _decide("What did the 2025 JTAI of Wiltshire find?")
    assert (
        jtai.filters.report_id == ("wiltshire-fv-2025.pdf",)
        and "No indexed joint targeted" in jtai.corrections
    )


def test_after_that_in_a_follow_up_is_the_next_report():
    history = ["What did the 2019 Wiltshire inspection say about supervision?"]
    assert _decide("Was there a focused visit after that?", history=history).filters.report_id == (
        "wiltshire-fv-2025.pdf",
    )


def test_what_to_do_after_a_named_visit_is_about_that_visit():
    assert _decide("What should Croydon do next after the 2021 focused visit?").filters.report_id == (
        "croydon-fv-2021.pdf",
    )
    assert parse_scope("Has Croydon improved since the 2021 focused visit?", _index()).after_year == 2021
    still_needs = "What did Ofsted say Croydon still needs to improve after its summer 2021 focused visit?"
    assert _decide(still_needs).filters.report_id == ("croydon-fv-2021.pdf",)


def _index() -> AuthorityIndex:
    return AuthorityIndex(INDEXED, frozenset({"reading"}))


def test_a_council_misspelt_in_lower_case_is_found_when_no_report_uses_the_word():
    vocabulary = frozenset({"care", "leavers", "grade", "ofsted", "what", "about", "the", "barnsby"})
    index = AuthorityIndex(INDEXED, frozenset({"reading"}), vocabulary)
    assert parse_scope("wilthsire ofsted grade 2023?", index).authorities == ("Wiltshire",)
    assert parse_scope("croydn care leavers", index).corrections == (("croydn", "Croydon"),)
    assert index.names_used("croydn care leavers") == "croydn"  # not a topic word
    # A word the reports use is a word, not a council misspelt.
    assert parse_scope("what about barnsby care leavers", index).authorities == ()
    # two letters the wrong way round, in a name too short for the ratio to forgive
    assert parse_scope("croydno fv 2021 when was it", index).authorities == ("Croydon",)
    assert parse_scope("ofsted grade for Wlitshire", index).authorities == ("Wiltshire",)


def test_a_grade_stated_for_a_year_then_asked_about_since_is_measured_from_that_year(index):
    since = parse_scope("Barnsley was inadequate in 2018 - has it got any better since?", index)
    assert since.years == () and since.after_year == 2018 and since.prefers_full_inspection
    latest = parse_scope(
        "Croydon was requires improvement in its 2021 visit - how are they doing in the latest one?", index
    )
    assert latest.years == () and latest.after_year == 2021 and latest.latest
    # a later year asked about after it: that year's report
    assert parse_scope("Barnsley was inadequate in 2018. What did the 2023 report say?", index).years == (
        2023,
    )
    assert parse_scope("Barnsley was inadequate in 2018 - what did the 2018 report say?", index).years == (
        2018,
    )
    # no grade stated: the years are the reports asked about
    assert parse_scope("What was the 2019 grade and what is it now?", index).years == (2019,)
    assert parse_scope("Wiltshire was judged good in 2019, right?", index).years == (2019,)
    # a question about the year, not a statement of it
    assert parse_scope("What was Croydon rated in 2021 - and what is it rated now?", index).years == (2021,)


def test_another_council_at_the_earlier_time_keeps_its_other_reports_for_a_topic_they_speak_of():
    history = ["What did the 2021 focused visit to Croydon say about care leavers?"]
    moved = _decide("same for Barnsley", history=history)
    assert moved.filters.report_id == ("barnsley-fv-2021.pdf",)  # its visit nearest in time
    assert moved.wider is not None and set(moved.wider.report_id) == {
        "barnsley-fv-2021.pdf",
        "barnsley-fv-2025.pdf",
    }
    # a time asked of the council itself is not widened
    assert _decide("same for Barnsley in 2021", history=history).wider is None


def _full_inspection(council: str, published: str, visited: str) -> dict:
    """A full inspection's record, its date fields derived from the publication date."""
    return {
        "local_authority": council,
        "inspection_type": "full inspection",
        "report_date": published,
        "visit_start": visited,
        "date_ord": int(published.replace("-", "")),
        "report_year": int(published[:4]),
    }


def test_since_a_year_measures_from_the_report_of_a_visit_that_year_though_published_the_next():
    records = {
        "bedford-2022.pdf": _full_inspection("Croydon", published="2022-01-14", visited="2021-11-29"),
        "bedford-2025.pdf": _full_inspection("Croydon", published="2025-08-27", visited="2025-07-07"),
    }
    decision = _decide("Croydon - gone downhill since the inspection at the end of 2021?", records=records)
    assert decision.filters.report_id == ("bedford-2025.pdf",)
    # "looked-after" names no time: "… in 2018" is the year asked about
    assert parse_scope(
        "What was the Croydon looked-after kids' group worried about in 2018?", _index()
    ).years == (2018,)
    # ... nor does "looked after" unhyphenated, nor "after" an event ("after qualifying")
    for question in (
        "How long were looked after kids in Croydon waiting for CAMHS, 2018 inspection?",
        "How many Croydon social workers were in their first year after qualifying at the 2018 visit?",
    ):
        scope = parse_scope(question, _index())
        assert scope.years == (2018,) and not scope.after_year, question
    assert parse_scope("How has Croydon done after 2018?", _index()).after_year == 2018


def test_published_in_a_year_is_that_years_publications_only():
    records = {
        "croydon-2026.pdf": _full_inspection("Croydon", published="2026-01-12", visited="2025-11-10"),
        "bedford-2025.pdf": _full_inspection("Bedford", published="2025-08-27", visited="2025-07-07"),
    }
    # A visit in November 2025 published in January 2026 is a 2025 inspection ...
    assert set(_decide("Which councils were inspected in 2025?", records=records).filters.report_id) == set(
        records
    )
    # ... but not a report published in 2025
    published = _decide("Which councils had reports published in 2025?", records=records)
    assert published.filters.report_id == ("bedford-2025.pdf",)
    assert parse_scope("list reports with a publication date in 2025", _index()).published


def test_a_grade_it_went_from_is_where_the_question_measures_from():
    from retrieval.scope import graded_then

    assert graded_then("Newham went from good in 2022 to what at its most recent inspection?") == {2022}
    assert graded_then("Did Hull go from inadequate in 2019 to good by 2023?") == {2019}
    assert graded_then("What did Newham's 2022 inspection say about going from home to school?") == set()


def test_a_finding_stated_of_one_year_and_a_state_asked_by_another_asks_about_the_later_report():
    """The year of what the asker states ("the 2023 focused visit said …") or measures from
    ("issues raised in 2022 … dealt with by the 2025 inspection") picks no report; the year asked
    about does."""
    from retrieval.scope import graded_then

    stated = (
        "Croydon's 2023 focused visit said IRO workloads were high - was that sorted by the 2024 inspection?"
    )
    assert graded_then(stated) == {2023}
    assert graded_then(
        "Were the housing issues raised in Croydon in 2022 dealt with by the 2024 inspection?"
    ) == {2022}
    assert graded_then(
        "In 2018 Ofsted said Croydon hadn't evaluated early help. What did the 2024 report say?"
    ) == {2018}
    assert graded_then("Croydon was good in 2019 and inadequate in 2024 - what happened?") == {2019}
    # a target year is no report asked "by"; two years of one grade are both asked about
    assert graded_then("Did Croydon's 2021 inspection say it planned to cut caseloads by 2024?") == set()
    assert (
        graded_then("Croydon was rated good in 2021 and 2024 – what did each say about care leavers?")
        == set()
    )
    # both years asked about: neither is only stated
    assert graded_then("Croydon 2021 - what did they say about care leavers, and how about 2024?") == set()
    assert graded_then("was Croydon inspected by Ofsted in 2021 and 2024?") == set()
    # a month stated of the earlier report picks no report either
    scope = parse_scope(
        "The Feb 2021 visit said children in care weren't heard in Croydon. What did the 2024 report say?",
        _index(),
    )
    assert scope.years == (2024,) and scope.month is None


def test_every_year_and_report_a_question_measures_from_picks_none():
    scope = parse_scope(
        "What did the 2024 Croydon report say about progress since the 2014 inspection and "
        "2018 focused visit?",
        _index(),
    )
    assert scope.years == (2024,)
    assert scope.types == ()  # the focused visit measured from is no kind of report to quote
    # a comma joins no year to one measured from
    assert parse_scope(
        "Compared to 2021, Croydon's 2024 report on PAs – better or worse?", _index()
    ).years == (2024,)


def test_children_coming_back_and_a_change_since_the_previous_one_move_to_no_other_report():
    from retrieval.scope import _NEXT_REPORT, _PREVIOUS_REPORT

    assert not _NEXT_REPORT.search("what about the chats they have with them when they come back?")
    assert _NEXT_REPORT.search("was it better when Ofsted came back?")
    assert not _PREVIOUS_REPORT.search("had they improved at all since the previous one?")
    assert _PREVIOUS_REPORT.search("and what did the previous one say?")


def test_compass_points_written_short_name_the_council():
    from indexing.authorities import norm_name

    assert norm_name("Bath & NE Somerset") == "bath and north east somerset"
    assert norm_name("N.E. Lincolnshire") == "north east lincolnshire"
    assert norm_name("Newham") == "newham"


def test_what_a_report_left_to_work_on_is_asked_of_that_report_not_the_ones_after():
    flagged = "Did Ofsted flag anything for Croydon to work on after the 2018 inspection?"
    assert parse_scope(flagged, _index()).years == (2018,)
    assert not parse_scope(flagged, _index()).after_year
    # ... while managing to improve after it asks about the reports since
    assert parse_scope("Has Croydon managed to improve after 2018?", _index()).after_year == 2018
    assert parse_scope("What has Croydon done to improve since 2018?", _index()).after_year == 2018
    assert parse_scope("What areas did Croydon fail to improve since 2017?", _index()).after_year == 2017


def test_a_compass_points_initial_before_a_place_is_read_as_the_compass_point():
    from indexing.authorities import norm_name

    assert norm_name("N Somerset 2023") == "north somerset 2023"
    assert norm_name("S. Glos and W Sussex") == "south glos and west sussex"
    # not a possessive's "s" nor an abbreviation's letter
    assert (
        norm_name("the London Corporation's care leavers, e.g. Kent")
        == "london corporation care leavers e g kent"
    )


def test_a_year_set_beside_the_latest_report_scopes_both_the_latest_of_its_kind():
    between = _decide("Did Barnsley improve between its 2018 inspection and the latest one?")
    assert set(between.filters.report_id) == {"barnsley-2018.pdf", "barnsley-2023.pdf"}
    compared = _decide("What did Barnsley's 2018 inspection say compared with the latest one?")
    assert set(compared.filters.report_id) == {"barnsley-2018.pdf", "barnsley-2023.pdf"}
    # a year and "latest" with nothing set beside it: the latest of that year
    assert _decide("Barnsley's latest report from 2021?").filters.report_id == ("barnsley-fv-2021.pdf",)
    gap = _decide("Barnsley 2018: what did it say about the gap between current practice and the model?")
    assert gap.filters.report_id == ("barnsley-2018.pdf",)


def test_a_grade_got_after_an_inspection_is_that_inspections():
    got = _decide("What rating did Barnsley get after the 2018 inspection?")
    assert got.filters.report_id == ("barnsley-2018.pdf",)
    # ... while what happened after it measures from it
    since = _decide("How has Barnsley changed after the 2018 inspection?")
    assert "barnsley-2018.pdf" not in since.filters.report_id
    better = _decide("Did Barnsley get better after the 2018 inspection?")
    assert "barnsley-2018.pdf" not in better.filters.report_id


def test_a_part_of_a_year_tells_a_councils_two_reports_of_that_year_apart():
    records = {
        **RECORDS,
        "croydon-fv-2024.pdf": {
            "local_authority": "Croydon",
            "inspection_type": "focused visit",
            "report_date": "2024-02-20",
            "date_ord": 20240220,
            "report_year": 2024,
        },
    }
    assert _decide("Croydon autumn 2024 - care leavers?", records=records).filters.report_id == (
        "croydon-2024.pdf",
    )
    assert _decide("Croydon early 2024: care leavers?", records=records).filters.report_id == (
        "croydon-fv-2024.pdf",
    )
    # A part of a year no report is from: the year decides, as for a month.
    assert set(_decide("Croydon in the summer of 2024?", records=records).filters.report_id) == {
        "croydon-2024.pdf",
        "croydon-fv-2024.pdf",
    }
    # A follow-up keeps the part of the year with the council unless it names another time.
    later = _decide("and care leavers?", records=records, history=["Croydon early 2024: supervision?"])
    assert later.filters.report_id == ("croydon-fv-2024.pdf",)


def test_the_end_of_a_year_is_its_last_months_unless_measured_from():
    index = AuthorityIndex(INDEXED, frozenset())
    end = parse_scope("Croydon, inspected end of 2024: care leavers?", index)
    assert (end.month, end.season, end.years) == ((2024, 9), "late", ())
    since = parse_scope("Has Croydon improved since the end of 2021?", index)
    assert since.month is None and since.after_year == 2021


def test_two_parts_of_a_year_name_the_years_reports_and_a_follow_up_visit_is_the_next_report():
    index = AuthorityIndex(INDEXED, frozenset())
    assert parse_scope("How did Croydon change between early 2024 and late 2024?", index).season == ""
    history = ["What did the 2021 focused visit to Croydon say about care leavers?"]
    assert _decide("Was there a follow up?", history=history).filters.report_id == ("croydon-2024.pdf",)
    assert _decide("did they follow up on care leavers?", history=history).filters.report_id == (
        "croydon-fv-2021.pdf",
    )


def test_a_follow_up_pointing_back_at_that_visit_means_the_report_the_answer_was_about():
    from functools import partial

    from answering.conversation import reports_quoted

    # The answer before quoted Croydon's 2021 visit only, under its heading line.
    answer = "What the reports say (1 quote):\n\n**croydon-fv-2021.pdf** — 1 June 2021\n- “…” [1]"
    asked = ["What did Ofsted find about care leavers in Croydon?"]

    def decide(question: str) -> tuple[str, ...]:
        quoted = partial(reports_quoted, answer)
        index = AuthorityIndex(INDEXED, frozenset({"reading"}))
        return decide_scope([*asked, question], Filters(), RECORDS, index, quoted).filters.report_id

    assert decide("Who were the inspectors on that visit?") == ("croydon-fv-2021.pdf",)
    # Naming a report of its own, or none pointed at: the conversation's scope as before.
    assert decide("And the 2024 one?") == ("croydon-2024.pdf",)
    assert set(decide("what about supervision?")) == {"croydon-2024.pdf", "croydon-fv-2021.pdf"}


def test_a_follow_up_moving_to_the_report_before_says_so():
    asked = ["What did the October 2024 Croydon inspection find?"]
    before = _decide("and what were they rated at the one before?", history=asked)
    assert before.filters.report_id == ("croydon-fv-2021.pdf",) and before.placed_before
    assert not _decide("What did the October 2024 Croydon inspection find?").placed_before


def test_whether_a_finding_lasted_is_asked_of_the_next_report():
    asked = ["What did the 2021 Croydon focused visit say about care leavers?"]
    assert _decide("And did that last?", history=asked).filters.report_id == ("croydon-2024.pdf",)
    assert _decide("has it held up?", history=asked).filters.report_id == ("croydon-2024.pdf",)


def test_it_or_a_question_across_reports_keeps_the_conversations_scope():
    from functools import partial

    from answering.conversation import reports_quoted

    answer = "What the reports say (1 quote):\n\n**croydon-fv-2021.pdf** — 1 June 2021\n- “…” [1]"
    index = AuthorityIndex(INDEXED, frozenset({"reading"}))
    asked = ["What did Ofsted find about care leavers in Croydon?"]
    for question in ("Was it mentioned in the other reports too?", "Is that one the same as all the others?"):
        decided = decide_scope([*asked, question], Filters(), RECORDS, index, partial(reports_quoted, answer))
        assert set(decided.filters.report_id) == {"croydon-2024.pdf", "croydon-fv-2021.pdf"}
    # "How long did it last?" asks about the visit asked about, not the report after it.
    visit = ["When was Croydon's 2021 focused visit?"]
    assert _decide("How long did it last?", history=visit).filters.report_id == ("croydon-fv-2021.pdf",)


def test_the_latest_one_after_a_reports_own_kind_is_the_newest_report_when_that_is_the_same_one():
    """ "how about at the latest one?" after Croydon's 2018 focused visit, whose latest focused
    visit is that one: the latest report of any kind. With a later visit indexed, the later visit."""
    visit = {**_full_inspection("Croydon", published="2018-05-09", visited="2018-04-10")}
    visit["inspection_type"] = "focused visit"
    records = {
        "croydon-fv-2018.pdf": visit,
        "croydon-2022.pdf": _full_inspection("Croydon", published="2022-11-25", visited="2022-10-03"),
    }
    history = ["Croydon focused visit April 2018 - caseloads?"]
    latest = _decide("how about at the latest one?", records=records, history=history)
    assert latest.filters.report_id == ("croydon-2022.pdf",)
    later_visit = {**visit, "report_date": "2024-03-01", "date_ord": 20240301, "report_year": 2024}
    records["croydon-fv-2024.pdf"] = later_visit
    latest = _decide("how about at the latest one?", records=records, history=history)
    assert latest.filters.report_id == ("croydon-fv-2024.pdf",)
    # "was that picked up again later?": the report after, as "has that changed since then?"
    later = _decide("was that picked up again later?", records=records, history=history)
    assert "croydon-fv-2024.pdf" in later.filters.report_id  # as "since then" reads it
    assert parse_scope("when was croydon last fully inspected?", _index()).types == ("full inspection",)


def test_why_it_dropped_after_going_back_is_explained_by_the_later_report():
    """ "why did it drop?" once the chat has gone back to the inspection before: the change
    from that one to the later one, which only the later report explains. Asked of the report
    the chat started on, it stays there."""
    records = {
        "croydon-2022.pdf": _full_inspection("Croydon", published="2022-01-14", visited="2021-11-22"),
        "croydon-2025.pdf": _full_inspection("Croydon", published="2025-08-27", visited="2025-07-07"),
    }
    history = ["Croydon - latest ofsted overall grade?", "what was it the time before?"]
    assert _decide(history[-1], records=records, history=history[:1]).filters.report_id == (
        "croydon-2022.pdf",
    )
    why = _decide("why did it drop?", records=records, history=history)
    assert why.filters.report_id == ("croydon-2025.pdf",)
    stays = _decide("why did it drop?", records=records, history=history[:1])
    assert stays.filters.report_id == ("croydon-2025.pdf",)
    # not a question on why something is so: "why are there delays?" stays on the report before
    assert _decide("why are there delays?", records=records, history=history).filters.report_id == (
        "croydon-2022.pdf",
    )


def test_what_a_question_measures_against_is_no_report_to_move_to():
    """ "was that any better than the inspection before?" compares the report the chat is on with
    the one before, which that report does itself; "since their last full inspection" measures
    from it, and asks about the report the chat is on."""
    visit = {**_full_inspection("Croydon", published="2024-03-26", visited="2024-02-20")}
    visit["inspection_type"] = "focused visit"
    records = {
        "croydon-2019.pdf": _full_inspection("Croydon", published="2019-05-09", visited="2019-04-10"),
        "croydon-2022.pdf": _full_inspection("Croydon", published="2022-03-04", visited="2022-01-24"),
        "croydon-fv-2024.pdf": visit,
    }
    history = ["How did Croydon do in its 2022 Ofsted?"]
    better = _decide("was that any better than the inspection before?", records=records, history=history)
    assert better.filters.report_id == ("croydon-2022.pdf",)
    assert _decide("and the inspection before?", records=records, history=history).filters.report_id == (
        "croydon-2019.pdf",
    )
    on_the_visit = ["what did ofsted focus on in the feb 2024 visit to croydon?"]
    since = _decide(
        "had things got better since their last full inspection?", records=records, history=on_the_visit
    )
    assert since.filters.report_id == ("croydon-fv-2024.pdf",)


def test_a_councils_formal_styling_is_its_name_and_no_more():
    from indexing.authorities import without_styling

    assert (
        without_styling("the 2018 visit to Solihull Metropolitan Borough Council")
        == "the 2018 visit to Solihull"
    )
    assert without_styling("visit to the London Borough of Merton in 2021") == "visit to Merton in 2021"
    # no name before it: a council spoken of, not styled
    assert without_styling("How does the county council support care leavers?") == (
        "How does the county council support care leavers?"
    )


def test_a_misspelt_council_after_a_capitalised_word_is_found():
    vocabulary = frozenset({"has", "improved", "since", "last", "time", "care", "leavers", "staff", "morale"})
    index = AuthorityIndex(INDEXED, frozenset({"reading"}), vocabulary)
    # "Has Wiltshre" was tried only as a pair, which is no council's name misspelt
    scope = parse_scope("Has Wiltshre improved since last time?", index)
    assert scope.authorities == ("Wiltshire",) and scope.corrections == (("Wiltshre", "Wiltshire"),)
    # a name cut short is not read as a council: "Peter" is no Peterborough
    assert parse_scope("Barns care leavers", index).authorities == ()


def test_something_that_happened_in_a_year_is_background_to_the_report_asked_about():
    decision = _decide("A new director started in 2021 at Croydon - what did the 2016 inspection conclude?")
    assert decision.message.startswith("No indexed report of Croydon is from 2016.")
    decision = _decide("Croydon's new director took over in 2021 - what did the 2024 inspection conclude?")
    assert decision.filters.report_id == ("croydon-2024.pdf",)


def test_what_a_report_set_after_it_is_asked_of_that_report():
    # the actions a visit set are in its own letter, not in the report after it
    decision = _decide("What priority actions did Ofsted set for Croydon after the 2021 focused visit?")
    assert decision.filters.report_id == ("croydon-fv-2021.pdf",)
    assert _decide("Has Croydon improved after the 2021 focused visit?").filters.report_id == (
        "croydon-2024.pdf",
    )


def test_the_earliest_report_and_two_years_set_against_each_other():
    assert _decide(
        "what did the earliest Croydon report we have say about care leavers?"
    ).filters.report_id == ("croydon-fv-2021.pdf",)
    assert _decide("Croydon's first inspection - who led it?").filters.report_id == ("croydon-2024.pdf",)
    # ... and a follow-up keeps it, until it names its own time
    history = ["what did the oldest Croydon report say about care leavers?"]
    assert _decide("and who led it?", history=history).filters.report_id == ("croydon-fv-2021.pdf",)
    assert _decide("and the latest?", history=history).filters.report_id == ("croydon-2024.pdf",)
    # a later year set against an earlier one that has no report: nothing to compare it with
    decision = _decide("Croydon 2021 vs 2023 - what changed?")
    assert decision.message.startswith("No indexed report of Croydon is from 2023.")
    # (an earlier year with none is another matter: the later report says how things changed)
    assert not _decide("Croydon 2016 vs 2024 - what changed?").message
    assert set(_decide("Croydon 2021 vs 2024 - what changed?").filters.report_id) == {
        "croydon-2024.pdf",
        "croydon-fv-2021.pdf",
    }
    # an inspection set beside a visit is a full one
    both = _decide("Croydon: 2021 focused visit vs 2024 inspection on care leavers?")
    assert set(both.filters.report_id) == {"croydon-2024.pdf", "croydon-fv-2021.pdf"}


def test_words_that_only_look_like_the_new_rules_pick_what_they_did_before():
    # progress since a report is measured from it, though the question names its areas for improvement
    since = _decide("Has Croydon made progress on the areas for improvement since the 2021 focused visit?")
    assert since.filters.report_id == ("croydon-2024.pdf",)
    # a span of years is no comparison that needs a report from each
    assert not _decide("What did Croydon reports between 2021 and 2023 say about care leavers?").message
    # "first" of something other than a report
    assert set(_decide("Were first visits to children in Croydon timely?").filters.report_id) == {
        "croydon-2024.pdf",
        "croydon-fv-2021.pdf",
    }
    # an inspection named as where an issue was raised is not set beside the visit
    raised = _decide("What did Croydon's 2021 focused visit find about issues raised at the 2024 inspection?")
    assert raised.filters.report_id == ("croydon-fv-2021.pdf",)


def test_and_before_that_alone_moves_to_the_report_before():
    history = ["what did Croydon's 2024 inspection say about care leavers?"]
    assert _decide("and before that?", history=history).filters.report_id == ("croydon-fv-2021.pdf",)
    # ... and where there is none, says so
    history = ["what did Croydon's 2021 focused visit say about care leavers?"]
    assert _decide("and before that?", history=history).message.startswith(
        "No indexed report of Croydon is earlier than the one asked about before."
    )


def test_asked_what_a_kind_of_report_found_with_no_year_the_council_lacking_one_is_said():
    # no year named whose reports it may mean: that kind is the report asked about
    jtai = _decide("What did the joint targeted area inspection of Wiltshire find about neglect?")
    assert jtai.kind == "scope" and "No indexed joint targeted area inspection report" in jtai.message
    # a report speaking of a JTAI is still asked about
    spoken_of = _decide("What did Wiltshire's 2025 focused visit say about the JTAI?")
    assert spoken_of.filters.report_id == ("wiltshire-fv-2025.pdf",)


def test_what_a_second_reading_found_read_too_much_stays_as_asked(index):
    """Each a question a reviewer showed the round's rules misread."""
    # a report's own date, not a day a figure is counted at
    dated = parse_scope("What did the Croydon focused visit of 1 June 2021 say about neglect?", index)
    assert dated.month == (2021, 6)
    on_a_visit = ["What did Croydon's 2021 focused visit say about children who go missing?"]
    for follow_up in (
        "do they get a return home interview afterwards?",
        "had children been known to services before?",
        "was that the same as before?",
    ):
        assert _decide(follow_up, history=on_a_visit).filters.report_id == ("croydon-fv-2021.pdf",)
    acted = "Did Croydon sort out what it needed to improve after the 2021 focused visit?"
    assert parse_scope(acted, index).after_year == 2021
