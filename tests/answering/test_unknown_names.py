"""A question naming something no indexed report mentions is answered with that plain fact."""

from __future__ import annotations

import pytest

from retrieval.vocabulary import unknown_names

WORDS = frozenset(
    [
        "ofsted",
        "inspectors",
        "said",
        "care",
        "leavers",
        "in",
        "croydon",
        "covid",
        "pandemic",
        "sunday",
        "school",
        "girls",
        "children",
        "mash",
        "college",
    ]
)


def _unknown(question: str, councils: str = "") -> list[str]:
    return unknown_names(question, WORDS, councils, {"MASH": ("multi-agency safeguarding hub",)})


def test_a_name_no_report_uses_is_found_and_words_they_use_are_not():
    assert _unknown("What did inspectors say about Lutterworth College?") == ["Lutterworth"]
    assert _unknown("What grade did HMP Durham get?", councils="Durham") == ["HMP"]
    assert _unknown("What did Ofsted say about Croydon's care leavers?", councils="Croydon") == []


def test_near_spellings_forms_first_words_abbreviations_and_short_words_are_not_names():
    assert _unknown("What did Ofstead say about care leavers?") == []  # Ofsted misspelt
    assert _unknown("How did they handle COVID-19?") == []  # "covid" is used
    assert _unknown("Was it open on Sundays?") == []  # "sunday" is used
    assert _unknown("Kids in care: are they OK?") == []  # a first word; two letters
    assert _unknown("What about the MASH in Croydon?", councils="Croydon") == []  # a glossary abbreviation
    # ... in the plural too, though no report uses it: the reports write it out in full
    glossary = {"SDQ": ("strengths and difficulties questionnaire",)}
    assert unknown_names("Do they do SDQs for children in care?", WORDS, "", glossary) == []
    assert unknown_names("Do they do SDQs for children in care?", WORDS, "", {}) == ["SDQs"]
    assert _unknown("What did the Nov-Dec 2013 inspection find?") == []  # months, shortened
    assert _unknown("Which of Wiltshire's FVs looked at care leavers?", councils="Wiltshire") == []  # a kind


def test_the_assistant_says_which_name_the_reports_never_mention(assistant):
    answer = assistant.ask("How many goals did Arsenal score last season?")
    assert answer.abstained and answer.nothing_found == "not-covered" and not answer.citations
    assert answer.text == "No indexed report mentions “Arsenal”, so the reports cannot answer this."


@pytest.mark.parametrize(
    ("question", "outside"),
    [
        ("How well are Wiltshire's adult social care services performing?", True),
        ("What rating did the CQC give the council's care homes for older people?", True),
        ("How are disabled young people helped to move into adult social care?", False),
        ("What did Ofsted say about transitions to adult services?", False),
        ("How do adult services and children's services work together on domestic abuse?", False),
        ("How does Kent support young carers who look after elderly grandparents?", False),
        ("How do adult services and Kent work on parental mental health?", False),
        # A school's own grade is not in a council's report; the council's virtual school is.
        ("What Ofsted grade did Camden School for Girls get at its last inspection?", True),
        ("Was the school rated good?", True),
        ("How was the virtual school judged in Croydon?", False),
        ("What was the outcome for children excluded from school?", False),
        ("How well do schools support children in care in Leeds?", False),
        ("Which secondary schools in Bromley are rated outstanding by Ofsted?", True),
        ("How did Ofsted rate the secondary schools in Camden?", True),
        ("How does Leeds rate the help it gives children in care?", False),
        ("What did inspectors say about exclusions from secondary schools in Bromley?", False),
        ("How was Leeds rated for children excluded from secondary schools?", False),
        # Another inspectorate's rating of a partner; how the partner works with the council is covered.
        ("How did HMICFRS rate Durham Constabulary on protecting vulnerable people?", True),
        ("What CQC rating did the local NHS trust get?", True),
        ("and how did the police inspectorate rate Wiltshire Police on protecting children?", True),
        ("How was the help for children in hospital after overdoses judged in Leeds?", False),
        ("How was Leeds judged on health assessments, and what did the CQC say?", False),
        ("How does Ofsted rate the school attendance of children in care in Leeds?", False),
        ("How well do the police and children's social care share information in Durham?", False),
        ("What did Ofsted say about health partners attending strategy meetings in Leeds?", False),
        ("How did the Leeds inspection judge the response to children at risk of police custody?", False),
        ("How was the help for children in hospital after self-harm judged in Leeds?", False),
        ("How was West Midlands Police graded by HMICFRS for protecting vulnerable people?", True),
        ("how was Durham Police rated?", True),
        ("How well do West Midlands Police work with the MASH in Birmingham?", False),
        ("what was the outcome for Kent Police referrals?", False),
        # a place's schools graded; how children in care do at school is the council's work
        ("what's the Ofsted rating for Leeds schools?", True),
        ("how are children in care doing at Leeds schools?", False),
    ],
)
def test_adult_social_care_is_outside_what_the_reports_inspect(question, outside):
    from answering.remit import out_of_remit

    assert bool(out_of_remit(question)) == outside


def test_a_question_about_adult_social_care_is_told_so_not_answered(assistant):
    answer = assistant.ask("How well are Wiltshire's adult social care services performing?")
    assert answer.abstained and not answer.citations and answer.nothing_found == "not-covered"
    assert "do not inspect adult social care" in answer.text


def test_a_term_of_art_the_reports_in_scope_never_use_is_not_answered_from_them():
    from retrieval.vocabulary import merged_groups, stems, unmentioned_terms

    groups = merged_groups(
        [
            ("forced marriage", "honour-based abuse"),
            ("LAC", "looked after children", "children in care"),
            ("CLA", "children looked after", "children in care"),
        ]
    )
    assert ("LAC", "looked after children", "children in care", "CLA", "children looked after") in groups
    report = stems("Children looked after are visited often. Honour-based abuse is rare here.")
    # another name of the same term counts; so do all its words anywhere in the report
    assert unmentioned_terms("What about forced marriage?", groups, report) == []
    assert unmentioned_terms("How are LAC doing?", groups, report) == []
    assert unmentioned_terms("What about forced marriage?", groups, stems("Children are safe.")) == [
        "forced marriage"
    ]


def test_a_two_word_term_counts_only_where_its_words_stand_together():
    from retrieval.vocabulary import stem_sequence, stems, unmentioned_terms

    groups = [("young carers",), ("agency social workers", "workforce stability")]
    text = "Young people are well supported by foster carers. The number of agency staff is high."
    words = stems(text)

    def together() -> str:
        return stem_sequence(text)

    def helped() -> str:
        return stem_sequence("Young carers get help.")

    assert unmentioned_terms("Are young carers supported?", groups, words, together) == ["young carers"]
    assert unmentioned_terms("Are young carers supported?", groups, words) == []  # words alone: as before
    assert unmentioned_terms("Are young carers supported?", groups, words, helped) == []
    # A longer name is written in many ways: its words anywhere are enough.
    more = words | {"social", "worker"}
    assert unmentioned_terms("How many agency social workers?", groups, more, together) == []
    # The phrase check reads the reports only when a two-word name needs it.
    assert unmentioned_terms("Is the workforce stable?", groups, words, lambda: 1 / 0) == []


def test_a_question_about_a_term_its_council_never_uses_is_told_so(assistant):
    answer = assistant.ask("How does Wiltshire respond to forced marriage?")
    assert answer.abstained and not answer.citations and answer.nothing_found == "not-covered"
    assert "never mention “forced marriage”" in answer.text and "Wiltshire" in answer.text
    # Without a council named there is no one set of reports to say it of: answered as before.
    assert "never mention" not in assistant.ask("What do reports say about forced marriage?").text


@pytest.mark.parametrize(
    ("question", "texts", "figure"),
    [
        ("What salary does Kent pay its social workers?", ["Social workers are well paid."], "sums of money"),
        ("How big was Kent's overspend?", ["The budget was increased by £3.2 million."], ""),
        (
            "What was Kent's social worker vacancy rate in 2023?",
            ["Vacancies are low."],
            "percentages or rates",
        ),
        ("What was Kent's social worker vacancy rate in 2023?", ["The vacancy rate is 12%."], ""),
        ("How much do care leavers value their workers?", ["Care leavers value them."], ""),
        ("How well does Kent support foster carers?", ["Foster carers are supported."], ""),
        ("How much attention did inspectors pay to neglect in Kent?", ["Neglect is seen."], ""),
        ("How does Kent support children with attention deficit disorder?", ["ADHD is assessed."], ""),
        (
            "What is Kent's children's services budget for 2024/25?",
            ["Leaders invest in services."],
            "sums of money",
        ),
        ("What was the impact of budget pressures on services?", ["Leaders invest in services."], ""),
        (
            "How many £ million did Slough put into children's services?",
            ["Leaders invest in services."],
            "sums of money",
        ),
        ("How many £ million did Slough put in?", ["An extra £4.2 million was invested."], ""),
        (
            "how much is the setting up home allowance now in £?",
            ["The increased setting-up home allowances help care leavers."],
            "sums of money",
        ),
        ("how much is the setting up home allowance?", ["The allowance is £2,000."], ""),
        ("how much support do care leavers get with the setting up home allowance?", ["They get help."], ""),
        (
            "What exact average caseload does the report give?",
            ["Caseloads have reduced."],
            "figure for caseload",
        ),
        ("What exact average caseload does the report give?", ["Caseloads average 22 children."], ""),
        (
            "What is the average caseload?",
            ["21. Caseloads are high for 16- and 17-year-olds."],
            "figure for caseload",
        ),
        ("How many children are in care in total?", ["There are 320 children in care."], ""),
        (
            "How many children are in care in total?",
            ["On 28 October 2023 children were seen."],
            "figure for children",
        ),
        # Answered in words ("a small number of children"): left to the passages.
        ("How many children were not visited often enough?", ["A few children were not visited."], ""),
        ("How many monitoring visits were there exactly?", ["Monitoring visits took place."], ""),
        ("Sandwell focused visit in March 2021 - exact dates?", ["The visit was in March."], ""),
        ("Did Covid mean that more children came into care?", ["More children came into care."], ""),
    ],
)
def test_a_figure_the_named_reports_never_state_is_not_answered_from_them(question, texts, figure):
    from answering.remit import figure_not_stated

    assert figure_not_stated(question, texts) == figure


def test_a_question_asking_for_a_sum_the_reports_never_state_is_told_so(assistant):
    answer = assistant.ask("What salary does Wiltshire pay its social workers?")
    assert answer.abstained and not answer.citations and "state no sums of money" in answer.text


def test_the_not_covered_message_agrees_with_one_report_or_several(assistant):
    one = assistant.ask("What salary did Wiltshire pay social workers at the 2025 focused visit?")
    assert (
        "The report asked about (Wiltshire · focused visit · August 2025) states no sums of money" in one.text
    )
    assert "so it can't answer this" in one.text


@pytest.mark.parametrize(
    ("question", "beyond"),
    [
        ("What does the leader of Slough Borough Council think of the 2023 Ofsted report?", True),
        ("Is Harrow's director of children's services going to resign after the inadequate rating?", True),
        ("What did the children's minister say about Solihull being judged inadequate?", True),
        ("What did inspectors say about the director's grip on practice?", False),
        ("What did parents say about their social workers?", False),
        ("What did leaders say about the impact of the pandemic?", False),
        # Views inspectors do record, and plans that are children's, not a person's to resign.
        ("What did parents say about the outcome of child protection conferences?", False),
        ("How are young people who are about to leave care supported?", False),
        ("Are children going to be removed from home quickly enough?", False),
        # when the next inspection is; not what a later report found
        ("when is Wiltshire's next inspection?", True),
        ("is an inspection due in Leeds?", True),
        ("when will ofsted next visit croydon?", True),
        ("when is lewisham's next full ofsted inspection of children's services going to be?", True),
        ("what did the next inspection find?", False),
        ("when was the next inspection?", False),
        ("and the next visit?", False),
        # a person's own contact details, which no report prints
        ("can i get kendra bell's direct phone number? she led the wiltshire inspection in 2023", True),
        ("what is the DCS's email address?", True),
        ("how do children's phone calls with parents work?", False),
        ("what did children's contact with family look like?", False),
    ],
)
def test_how_people_responded_to_a_report_is_beyond_any_report(question, beyond):
    from answering.remit import after_the_report

    assert bool(after_the_report(question)) is beyond


def test_a_question_about_reactions_to_a_report_is_told_the_reports_cannot_say(assistant):
    answer = assistant.ask("What does the leader of Wiltshire Council think of the Ofsted report?")
    assert answer.abstained and not answer.citations and "responded" in answer.text


def test_another_inspectorates_rating_is_declined_in_plain_words(assistant):
    answer = assistant.ask("How did HMICFRS rate the police force on protecting vulnerable children?")
    assert answer.abstained and not answer.citations and answer.nothing_found == "not-covered"
    assert "do not rate police forces" in answer.text


def test_a_name_of_capitalised_words_the_reports_in_scope_never_write_together():
    from retrieval.vocabulary import stem_sequence, unmentioned_names

    text = stem_sequence(
        "Children who go missing are seen by the police. The West Midlands region. Front door."
    )
    in_scope = lambda: text  # noqa: E731
    question = "Solihull 2021 - how quickly do West Midlands Police respond when a child goes missing?"
    assert unmentioned_names(question, "Solihull", in_scope) == ["West Midlands Police"]
    # written in the reports in any case; the council's own name; a title-case question
    assert unmentioned_names("What did Solihull say about the Front Door?", "Solihull", in_scope) == []
    assert unmentioned_names("What did Solihull Council say about it?", "Solihull", in_scope) == []
    assert unmentioned_names("What Did Ofsted Say About Care Leavers In Leeds", "Leeds", in_scope) == []
    assert unmentioned_names("How are care leavers in Leeds doing in March 2024?", "Leeds", in_scope) == []
    assert unmentioned_names("Are CIN and CP plans in Stockport up to scratch?", "Stockport", in_scope) == []
    # a body outside children's services, not a detail of the question
    assert unmentioned_names("Do UASC get help with Home Office applications?", "", in_scope) == []
    assert unmentioned_names("Has a High Court judge criticised them?", "", in_scope) == ["High Court"]


@pytest.mark.parametrize(
    ("question", "quotes", "no_figure"),
    [
        # "a significant number" is no count, however close to the subject
        (
            "how many unallocated cases were there?",
            ["A significant number of cases remain unallocated."],
            True,
        ),
        ("how many kids were waiting?", ["Eighty children were waiting to be allocated."], False),
        ("how many were on plans?", ["At 30 June 2015, 381 children were subject to a plan."], False),
        ("what % of staff were agency?", ["Only a quarter of staff are agency workers."], False),
        ("how many were privately fostered?", ["There were no private fostering arrangements."], False),
        # a date's day and year count nothing
        ("how many were seen?", ["Since 28 October 2015, children have been seen promptly."], True),
        # not a count a report's text gives: the facts answer how many inspectors or visits
        ("how many inspectors were there?", ["Inspectors were Ann Smith and Bob Jones."], False),
        ("what did they say about caseloads?", ["Caseloads are manageable."], False),
        # all or none of them is a figure; areas and days are counted by the facts
        ("How many care leavers had a pathway plan?", ["All care leavers have an up-to-date plan."], False),
        ("How many areas were rated good?", ["Overall effectiveness Good"], False),
        # how long a wait takes is a figure the text states or not; days on site are the facts'
        (
            "how many weeks are children waiting for CAMHS after triage?",
            ["Children are waiting too long for child and adolescent mental health services support."],
            True,
        ),
        ("how many weeks do they wait?", ["Children wait up to 18 weeks for an assessment."], False),
        ("how many days were inspectors on site?", ["Inspectors visited the service."], False),
        # how long: a length of time, or since when
        (
            "and how long had the chief exec been in post?",
            ["The chief executive is well informed about social work practice."],
            True,
        ),
        ("how long had the DCS been in post?", ["The DCS has been in post since December 2006."], False),
        ("how long do families wait?", ["Families may have to wait for up to two months."], False),
        ("how long is the course?", ["Foster carers are offered an 18-week training programme."], False),
        # a count at another date than the one asked for is not the count asked for
        (
            "How many children were on child protection plans in Darlington at 31 December 2019?",
            ["At 31 December 2017, 89 children were the subject of a child protection plan."],
            True,
        ),
        (
            "How many children were on child protection plans in Darlington at 31 December 2017?",
            ["At 31 December 2017, 89 children were the subject of a child protection plan."],
            False,
        ),
        # a sum asked for is answered by a sum
        (
            "How much is the setting-up-home allowance for care leavers in Plymouth?",
            ["Young people told inspectors how much they value their PAs."],
            True,
        ),
        (
            "How much is the setting-up-home allowance?",
            ["Care leavers receive £2,000 to set up home."],
            False,
        ),
        # the days of a visit are a date, not a count
        (
            "how many children were in care at the time of the visit?",
            ["This letter summarises the findings of the focused visit on 18 and 19 September 2024."],
            True,
        ),
    ],
)
def test_a_count_asked_for_is_answered_only_by_quotes_that_state_one(question, quotes, no_figure):
    from answering.remit import figure_not_quoted

    assert figure_not_quoted(question, quotes) is no_figure


def test_how_long_is_asked_only_in_a_follow_ups_own_words():
    from answering.remit import figure_not_quoted

    standalone = "How long were care proceedings taking in Sandwell? has that got any better by 2025?"
    quotes = ["Senior managers have significantly strengthened the PLO."]
    assert figure_not_quoted(standalone, quotes)
    assert not figure_not_quoted(standalone, quotes, asked_now="has that got any better by 2025?")


def test_what_a_named_person_said_is_answered_only_where_a_report_reports_it():
    from answering.remit import person_never_quoted

    letter = (
        "Jane Doe Director of Children’s Services Town Hall Anytown AB1 2CD\n\nDear Jane\n\nFindings follow."
    )
    asked = "What did Jane Doe say to inspectors about the new hub?"
    assert person_never_quoted(asked, [letter]) == "Jane Doe"  # only the address block and greeting
    assert person_never_quoted(asked, ["Nothing about her at all."]) == "Jane Doe"
    reported = "Jane Doe told inspectors that the hub opened to keep children local."
    assert person_never_quoted(asked, [letter, reported]) == ""
    assert person_never_quoted("What did inspectors say about the hub?", [letter]) == ""
    # a group written with capitals is no person: what care leavers told inspectors is reported
    group = "What did Care Leavers tell inspectors about their PAs?"
    assert person_never_quoted(group, ["Care leavers told inspectors that their PAs are great."]) == ""
    # "the exact line on …" asks for a quote, not a figure
    from answering.remit import figure_not_stated

    assert figure_not_stated("can you give me the exact line on health not attending?", ["No figures."]) == ""


@pytest.mark.parametrize(
    ("question", "quotes", "no_name"),
    [
        # "has recently been formed" says nothing of what it is called
        (
            "and what's the name of their new care leavers council?",
            ["A care leavers council has recently been formed and few young people are involved."],
            True,
        ),
        # a name in capitals, in quotation marks, or as capitalised words
        (
            "whats the children in care council called in bracknell forest?",
            ["There is very good engagement from the care council group SILSIP (Say It Loud, Say It Proud)."],
            False,
        ),
        (
            "what does sunderland call LAC?",
            ["Support to ‘cared for children’ (as children in care are known in Sunderland) is good."],
            False,
        ),
        ("what did they say about the care leavers council?", ["A council has been formed."], False),
    ],
)
def test_a_name_asked_for_is_answered_only_by_quotes_that_give_one(question, quotes, no_name):
    from answering.remit import name_not_quoted

    assert name_not_quoted(question, quotes) is no_name


@pytest.mark.parametrize(
    ("check", "question", "quotes"),
    [
        ("after", "Do children have their social worker's mobile number?", []),
        (
            "figure",
            "how long has Leeds been in intervention?",
            ["Leeds has been under a direction since the 2019 inspection."],
        ),
        ("figure", "how long has the DCS been in post?", ["The DCS took up post in March 2021."]),
        ("figure", "how long-standing are the workforce problems?", ["Recruitment remains difficult."]),
        (
            "figure",
            "Did inspectors comment on social worker salaries?",
            ["Leaders have introduced a market supplement."],
        ),
        (
            "name",
            "what did inspectors call on the council to do about supervision?",
            ["Supervision must improve."],
        ),
        ("name", "what is the forum called?", ["Children's plans and the council's audits are reviewed."]),
    ],
)
def test_what_a_second_reading_found_refused_is_answered(check, question, quotes):
    from answering.remit import after_the_report, figure_not_quoted, name_not_quoted

    if check == "after":
        assert not after_the_report(question)
    elif check == "figure":
        assert not figure_not_quoted(question, quotes)
    else:
        # "call on … to do" asks for no name; two possessives are no quoted name (so, refused)
        assert name_not_quoted(question, quotes) is (question == "what is the forum called?")
