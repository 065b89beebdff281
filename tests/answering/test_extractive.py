"""Extractive answers on the shipped corpus: right passages, verbatim quotes, abstention."""

from __future__ import annotations

import json

import numpy as np
import pytest

from answering.extractive import strip_selectors
from reportqa.assistant import QuestionError
from reportqa.cli import main


def _quotes(answer) -> str:
    return " | ".join(c.quote for c in answer.citations)


def test_a_question_naming_a_heading_quotes_from_under_it(assistant):
    # Any bullet of the focused visit's improvement list answers it; which one ranks first
    # is a near tie between bullets (it differs between the fp32 and int8 models).
    answer = assistant.ask("What needs to improve?")
    assert any(c.section.startswith("What needs to improve") for c in answer.citations)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What did inspectors say about CAMHS waits?", "waiting lists for CAMHS"),
        ("mental health waiting lists", "waiting lists for CAMHS"),  # no acronym in the question
        ("What about RHIs?", "return home interviews"),  # acronym -> long form
        ("What do personal advisers do for care leavers?", "tenacious work by PAs"),  # long form -> acronym
        ("homeless 16 and 17 year olds", "aged 16 and 17 and present as homeless"),
        ("Is the workforce stable?", "stabilising the workforce"),
    ],
)
def test_finds_the_passage(assistant, question, expected):
    answer = assistant.ask(question)
    assert not answer.abstained
    assert expected in _quotes(answer)


@pytest.mark.parametrize(
    "question",
    [
        "How many goals did Arsenal score?",
        "What is the capital of France?",
        "What did inspectors say about youth offending?",
        "What is Ofsted's budget?",
        "Quelle est la météo à Paris?",
    ],
)
def test_abstains_when_the_reports_do_not_say(assistant, question):
    answer = assistant.ask(question)
    assert answer.abstained and answer.nothing_found == "not-covered"
    assert answer.citations == []
    # A name the reports never use ("Arsenal", "France") is said as such; otherwise "don't appear to cover".
    assert "don't appear to cover" in answer.text or answer.text.startswith("No indexed report mentions “")


def test_a_year_with_no_report_is_named_as_such(assistant):
    answer = assistant.ask("Ofsted budget for 2024")
    assert answer.abstained and answer.citations == [] and answer.nothing_found == "scope"
    assert answer.text == "No indexed report is from 2024."


def test_quotes_are_verbatim_and_fully_cited(assistant):
    answer = assistant.ask("What did inspectors say about supervision?")
    records = assistant.reports()
    for c in answer.citations:
        assert c.quote in c.passage
        assert c.passage[c.quote_start : c.quote_start + len(c.quote)] == c.quote
        assert c.report in records and c.title and c.date and c.section
        assert c.page == "" and "p. " not in c.citation_line  # text files without form feeds have no pages
        assert f"“{c.quote}” [{c.n}]" in answer.text
        assert c.citation_line.startswith("Ofsted, ‘") and c.date[:4] in c.citation_line
    # Nothing but the lead line and report headings is text the reports do not contain.
    quoted = {f"- “{c.quote}” [{c.n}]" for c in answer.citations}
    headings = {f"**{c.title}**" for c in answer.citations}
    other = [
        ln
        for ln in answer.text.splitlines()[1:]
        if ln and ln not in quoted and ln.split(" — ")[0] not in headings
    ]
    assert other == []


def test_same_question_same_answer(assistant):
    first = assistant.ask("How good is the help for children in care?").to_dict()
    second = assistant.ask("How good is the help for children in care?").to_dict()
    first.pop("timings"), second.pop("timings")
    assert first == second


def test_filters_restrict_every_citation(assistant):
    answer = assistant.ask("supervision", filters={"inspection_type": ["focused"]})
    assert answer.citations and {c.inspection_type for c in answer.citations} == {"focused visit"}
    older = assistant.ask("care leavers", filters={"date_to": "2020"})
    assert older.citations and all(c.date < "2021" for c in older.citations)
    none = assistant.ask("care leavers", filters={"local_authority": ["Nowhereshire"]})
    assert none.abstained


def test_follow_up_keeps_the_topic(assistant):
    history = [("user", "What did inspectors say about CAMHS?"), ("assistant", "…")]
    answer = assistant.ask("and what about waiting lists for that?", history=history)
    assert "CAMHS" in answer.standalone_question
    assert "waiting lists for CAMHS" in _quotes(answer)
    fresh = assistant.ask("Is the workforce stable?", history=history)
    assert fresh.standalone_question == "Is the workforce stable?"


@pytest.mark.parametrize("question", ["", "   ", "?!?...", "!!!"])
def test_questions_without_words_are_refused_clearly(assistant, question):
    with pytest.raises(QuestionError, match="question in words"):
        assistant.ask(question)


def test_odd_questions_do_not_crash(assistant):
    long_answer = assistant.ask("care leavers " * 3000)  # ~39 000 characters
    assert long_answer.timings["total_s"] >= 0
    script = assistant.ask("<script>alert(1)</script> CAMHS")
    assert "<script>" not in "".join(c.quote for c in script.citations)


def test_mentions_every_passage_grouped_and_dated(assistant):
    result = assistant.mentions("CAMHS")
    assert set(result.counts) == {
        "wiltshire-childrens-services-inspection-summary.txt",
        "wiltshire-focused-visit-2025.txt",
    }
    dates = [c.date for c in result.passages]
    assert dates == sorted(dates)
    assert all("CAMHS" in c.passage or "mental health" in c.passage.lower() for c in result.passages)
    latest = assistant.mentions("CAMHS", filters={"latest_per_authority": True})
    assert set(latest.counts) == {"wiltshire-focused-visit-2025.txt"}


def test_cli_ask_json_shape(indexed_settings, monkeypatch, capsys):
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(indexed_settings.data_dir))
    assert main(["ask", "--json", "What did inspectors say about CAMHS waits?"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert set(data) >= {"answer", "abstained", "citations", "timings"}
    for c in data["citations"]:
        assert {"n", "quote", "report", "title", "date", "page", "section", "score"} <= set(c)


def test_cli_quotes_csv_and_markdown(indexed_settings, monkeypatch, capsys):
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(indexed_settings.data_dir))
    assert main(["quotes", "CAMHS", "--format", "csv", "--limit", "2"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("n,quote,citation") and len(lines) == 3
    assert main(["quotes", "CAMHS", "--limit", "1"]) == 0
    assert "— Ofsted, ‘" in capsys.readouterr().out


def test_cli_ask_in_a_pipe_prints_plain_text_not_markdown(indexed_settings, monkeypatch, capsys):
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(indexed_settings.data_dir))
    assert main(["ask", "What did inspectors say about CAMHS waits?"]) == 0
    printed = capsys.readouterr().out
    assert "What the reports say" in printed and "“" in printed
    assert "**" not in printed


@pytest.mark.parametrize(
    ("follow_up", "expected"),
    [
        ("What about Merton's?", "care leavers"),  # the council picks reports; it is no topic
        ("And next door in Wiltshire?", "care leavers"),  # same question, another council
        ("What about private fostering there?", "private fostering there"),  # a topic of its own
        # nothing of its own once the month and the asking words are gone: the earlier topic alone
        ("Was that still the picture when they went back in October 2024?", "care leavers"),
    ],
)
def test_a_follow_up_naming_only_a_council_keeps_the_earlier_topic_without_the_council(
    assistant, follow_up, expected
):
    history = [
        ("user", "What did Ofsted say about Croydon's care leavers, going by the 2024 inspection?"),
        ("assistant", "…"),
    ]
    from types import SimpleNamespace

    # councils of the question's own, with the index's reading of council names
    real = assistant.retriever.snapshot()
    snap = SimpleNamespace(
        authorities={"Merton", "Wiltshire", "Croydon"},
        authority_index=real.authority_index,
        words=real.words,
        lower_case_words=real.lower_case_words,
        version=real.version,
        defined_abbreviations=real.defined_abbreviations,
    )
    topic = assistant._topic(follow_up, f"{follow_up} (following up)", history, snap)
    assert topic == expected


def test_a_question_with_no_topic_but_a_council_keeps_the_earlier_topic_though_no_follow_up_word(
    assistant,
):
    """ "How does Merton compare?" has no connective nor pronoun, so it is not condensed with the
    question before; with the council set aside nothing is left of it but the earlier topic."""
    from types import SimpleNamespace

    history = [("user", "What did Ofsted say about Croydon's care leavers in 2024?"), ("assistant", "…")]
    real = assistant.retriever.snapshot()
    snap = SimpleNamespace(
        authorities={"Merton", "Croydon"},
        authority_index=real.authority_index,
        words=real.words,
        lower_case_words=real.lower_case_words,
        version=real.version,
        defined_abbreviations=real.defined_abbreviations,
    )
    assert assistant._topic("How does Merton compare?", "How does Merton compare?", history, snap) == (
        "care leavers"
    )
    neglect = "How does Merton handle neglect?"
    own = assistant._topic(neglect, neglect, history, snap)
    assert "neglect" in own and "care leavers" not in own  # a topic of its own


def test_the_ranker_knows_where_each_passage_sits_in_its_report(assistant):
    """The ranker's structural features: a section's first sentence (its headline) and how
    early in the report a passage comes (conclusions first)."""
    from answering.extractive import sentences_of

    snap = assistant.retriever.snapshot()
    for rows in snap.rows_by_report.values():
        assert snap.places[rows[0]] == 0.0 and snap.places[rows[-1]] == (1.0 if len(rows) > 1 else 0.0)
        assert list(snap.places[rows]) == sorted(snap.places[rows])
        sections = [snap.metas[row].get("section", "") for row in rows]
        opened = [bool(snap.opens_section[row]) for row in rows]
        assert opened == [n == 0 or sections[n] != sections[n - 1] for n in range(len(rows))]
    opener = next(snap.passage(snap.ids[row]) for row in np.flatnonzero(snap.opens_section))
    sentences = sentences_of(opener, 0)
    assert opener.opens_section and sentences
    assert [s.opens_section for s in sentences] == [s.start == sentences[0].start for s in sentences]
    assert sentences[0].start == len(opener.text) - len(opener.text.lstrip())


def test_the_topic_is_what_follows_the_asking_wherever_it_stands():
    from answering.extractive import topic_of

    assert topic_of("Hampshire's 2014 Ofsted inspection - what did it say about adoption?") == "adoption"
    assert topic_of("What did inspectors say about CAMHS waits?") == "CAMHS waits"
    # ... or what came before it, when only a word pointing back follows the asking.
    no_wrong_door = "What is North Yorkshire's No Wrong Door and what did Ofsted find about it in 2018?"
    assert topic_of(no_wrong_door) == "What is North Yorkshire's No Wrong Door"
    assert topic_of("ok and neglect - any concerns there?") == "neglect"
    assert topic_of("any concerns about care leavers?") == "care leavers"
    assert topic_of("what did they find about those children") == "those children"
    # ... or what came before it, when the asking ends the question.
    assert topic_of("kids living with family friends rather than parents, what did ofsted say") == (
        "kids living with family friends rather than parents"
    )
    assert topic_of("care leavers in Kent - what did they find?") == "care leavers in Kent"
    assert topic_of("what did ofsted say?") == "what did ofsted say"  # nothing before: left as asked
    # who found them is part of the asking: "the biggest problem they found"
    assert (
        topic_of("Luton care leavers visit - what's the biggest problem they found?")
        == "Luton care leavers visit"
    )
    assert topic_of("what were the main problems inspectors found with assessments?") == "assessments"
    assert (
        topic_of("What problems did Ofsted find for Luton's children in care?") == "Luton's children in care"
    )
    # after a comma, only a question of its own: "…, what were the main weaknesses?"
    assert (
        topic_of("notts front door visit jan 2019, what were the main weaknesses?")
        == "notts front door visit jan 2019"
    )
    publicised = (
        "kids living with someone else by private arrangement, any concerns about how it is publicised?"
    )
    assert topic_of(publicised) == publicised.rstrip("?")
    # "how was X judged" asks what the report found of X
    assert topic_of("how was the LADO function judged?") == "the LADO function"


def test_a_sentence_of_a_recurring_shape_stating_a_count_answers_how_many():
    from answering.extractive import sentences_of
    from retrieval.boilerplate import shape
    from retrieval.passage import Passage

    data = "At 30 June 2015, 381 children and young people were the subject of a child protection plan."
    letter = "This letter summarises the findings of the focused visit on 13 October 2020."
    passage = Passage("p1", f"{data} {letter}", {"report_id": "r.pdf"})
    templates = frozenset({shape(data), shape(letter)})
    assert sentences_of(passage, 0, templates) == []  # the data paragraph of every report of its time
    assert [s.text for s in sentences_of(passage, 0, templates, figures_asked=True)] == [data]


def test_asking_what_there_is_on_a_subject_is_no_part_of_the_topic():
    from answering.extractive import topic_of

    councils = {"Halton", "Oxfordshire"}
    assert topic_of("anything in there on kids who look after a parent?") == "kids who look after a parent"
    assert topic_of("anything positive in Knowsley's 2022 visit about county lines?") == "county lines"
    assert strip_selectors(topic_of("what were caseloads like back in 2018"), councils) == "caseloads"
    assert topic_of("what's life like for care leavers?") == "life for care leavers"
    assert topic_of("What support is there for young carers?") == "support for young carers"
    # the words that led to the council are left dangling once it is set aside
    assert strip_selectors(topic_of("and in Oxfordshire, what about runaways?"), councils) == "runaways"


def test_words_that_pick_the_latest_report_are_no_part_of_the_topic():
    # Left in, "inspection" matched the report's "Inspection dates:" line as the answer.
    assert strip_selectors("What's going well? most recent inspection", set()) == "What's going well"
    assert strip_selectors("What did the latest report say about care leavers?", set()) == "care leavers"
    topic = strip_selectors("Milton Keynes latest inspection - strengths?", {"Milton Keynes"})
    assert "inspection" not in topic and "strengths" in topic


def test_a_council_named_with_an_ampersand_or_a_compass_initial_is_no_part_of_the_topic():
    # The scope reads "N Somerset" as North Somerset; the topic kept the "N" (and the whole of
    # "Barking & Dagenham", "B&NES"), which the passages were then searched for.
    councils = {"North Somerset", "Somerset", "Barking and Dagenham", "Bath and North East Somerset"}
    assert (
        strip_selectors("N Somerset 2023 - home-schooled kids?", councils, aliases=["north somerset"])
        == "home-schooled kids"
    )
    assert (
        strip_selectors("Barking & Dagenham 2014 - exclusions?", councils, aliases=["barking and dagenham"])
        == "exclusions"
    )
    assert strip_selectors("How were B&NES care leavers graded?", councils, aliases=["b and nes"]) == (
        strip_selectors("How were care leavers graded?", councils)
    )


def test_a_time_of_year_an_alias_and_the_dash_after_them_are_no_part_of_the_topic():
    # Left in, "autumn -" took the question's meaning below the everyday description of
    # elective home education (`retrieval.concepts`).
    question = "Oldham autumn 2020 - are more parents taking their kids out of school to teach them at home?"
    assert (
        strip_selectors(question, {"Oldham"})
        == "are more parents taking their kids out of school to teach them at home"
    )
    assert (
        strip_selectors("What did Ofsted find in Oldham in late 2019 about neglect?", {"Oldham"}) == "neglect"
    )
    assert (
        strip_selectors("Plymouth front door? the focused visit letter from Jan 2023", {"Plymouth"})
        == "front door"
    )
    # A council as the question writes it, not by its official name, as the scope read it.
    question = "Cheshire West 2025 visit — what about kids living with a family friend?"
    assert strip_selectors(question, {"Cheshire West and Chester"}, aliases=("cheshire west",)) == (
        "kids living with a family friend"
    )


def test_a_follow_up_naming_a_month_and_no_topic_is_read_with_the_question_before():
    from answering.conversation import is_follow_up

    assert is_follow_up("Was that still the picture when they went back in October 2024?")
    assert not is_follow_up("Is the workforce in Croydon stable and are caseloads manageable?")
    # "Ofsted's" is asking words too, once the year and the council are taken out
    assert (
        strip_selectors(
            "What did Ofsted's 2018 focused visit to Wolverhampton say about children in need?",
            {"Wolverhampton"},
        )
        == "children in need"
    )


def test_a_sentence_quoted_with_its_antecedent_is_not_quoted_again_alone(assistant):
    """ "However, …" is quoted with the sentence before it; that sentence on its own would say
    the same words twice, so it is not a second quote."""
    from answering.extractive import extractive_answer
    from answering.ranker import hand_ranker
    from retrieval.passage import Passage

    text = (
        "Too many care leavers live in unsuitable housing while they wait for a tenancy. "
        "However, care leavers in unsuitable housing are now helped quickly by their personal advisers."
    )
    meta = {
        "report_id": "r.pdf",
        "title": "Report",
        "report_date": "2024-01-01",
        "page_start": "3",
        "section": "Care leavers",
        "authority": "Testshire",
    }
    passages = [Passage("c1", text, meta, dense=0.6, score=1.0)]
    question = "care leavers in unsuitable housing"
    answer = extractive_answer(
        question,
        question,
        passages,
        assistant.retriever.embed_query(question),
        assistant.embed_model,
        0.3,
        0.6,
        question,
        ranker=hand_ranker(),
    )
    quotes = [c.quote for c in answer.citations]
    assert quotes == [text]  # one quote: the "However" sentence with the sentence it answers


def test_a_contents_listing_is_furniture_not_evidence():
    from answering.extractive import is_furniture

    assert is_furniture(
        "Summary of key findings 3 Information about this inspection 7 "
        "Information about this local authority area 8 Inspection judgements about the local authority 10"
    )
    assert not is_furniture("Children aged 16 and 17 who present as homeless 12 times were seen.")
    assert not is_furniture("In 2019 Kent had 1200 children in care and 300 care leavers")
    # a judgement table's cell naming an area, without its grade
    assert is_furniture("The experiences and progress of care\nleavers")
    assert not is_furniture("The experiences and progress of care leavers are outstanding.")


def test_what_inspectors_looked_at_is_told_from_what_they_found():
    from answering.extractive import is_method

    for method in (
        "Specifically, they considered contacts, referrals and decision-making within the MASH.",
        "The visit focused on the quality of matching and placement.",
        "His Majesty’s Inspectors for this visit were Jo Warburton and Jan Edwards.",
        "Throughout this letter, care leavers are referred to as care-experienced young people.",
        "Inspectors looked at case records and performance information.",
        "Inspectors also held case discussions with social workers and their managers.",
    ):
        assert is_method(method), method
    for finding in (
        "Inspectors found that most children are safe.",
        "They considered that leaders are effective.",
        "They explored children's wishes and feelings sensitively with them.",  # workers, not inspectors
        "The visit showed that practice has improved.",
    ):
        assert not is_method(finding), finding


def test_a_follow_up_leans_on_the_conversations_topic_through_earlier_follow_ups():
    from reportqa.assistant import conversation_topic

    councils = {"Plymouth", "Portsmouth", "Merton"}
    chain = ["Plymouth care leavers visit 2025", "any concerns?", "what about Portsmouth?"]
    topic = conversation_topic(chain, councils)
    assert "care leavers" in topic and "concerns" in topic and "Portsmouth" not in topic
    assert conversation_topic(chain[:2], councils) == topic  # "concerns" says how, kept with what
    # a topic of its own replaces the earlier one
    own = conversation_topic(["Plymouth care leavers visit 2025", "what about RHIs?"], councils)
    assert "care" not in own and "RHIs" in own
    # "they" who said something are the inspectors, not the earlier topic
    for follow_up in (
        "did they say anything about agency staff?",
        "did they also say anything about agency staff?",
    ):
        said = conversation_topic(["Plymouth care leavers visit 2025", follow_up], councils)
        assert "agency staff" in said and "care" not in said
    kept = conversation_topic(["Plymouth care leavers visit 2025", "did they say more about that?"], councils)
    assert "care leavers" in kept
    # Words that ask whether it lasted or improved add no topic: the team asked about before is the topic.
    asked = "Knowsley 2022 visit - is there a specialist team for children at risk of exploitation?"
    for follow_up in (
        "was that team still going in the 2025 inspection?",
        "and had that got better by 2024?",
    ):
        assert conversation_topic([asked, follow_up], {"Knowsley"}) == conversation_topic(
            [asked], {"Knowsley"}
        )


def test_a_long_line_that_is_no_contents_listing_is_told_apart():
    from answering.extractive import is_furniture

    # (titles that may hold digits made this backtrack for minutes: the test would hang)
    line = " ".join(f"Section title {n}" for n in range(3, 60)) + " Published by Ofsted."
    assert not is_furniture(line)
    assert is_furniture(" ".join(f"Section title {n}" for n in range(3, 60)))


def test_findings_come_before_the_list_of_what_to_improve_and_shortcomings_first_when_asked(assistant):
    """An item of "What needs to improve?" names the topic in the question's own words, so it
    scores well, but it states nothing found: the findings on the topic are quoted first. Asked
    for concerns, the findings worded as a shortcoming lead."""
    from answering.extractive import extractive_answer
    from answering.ranker import hand_ranker
    from retrieval.passage import Passage

    def meta(section: str, page: str) -> dict:
        return {"report_id": "r.pdf", "title": "Report", "report_date": "2024-01-01", "page_start": page,
                "section": section, "authority": "Testshire"}  # fmt: skip

    item = "The quality of return home interviews for children who go missing."
    praise = "Return home interviews for children who go missing are timely and thorough."
    concern = "Return home interviews for children who go missing are not analysed to reduce risk."
    passages = [
        Passage("c1", item, meta("What needs to improve?", "2"), dense=0.7, score=1.0),
        Passage(
            "c2",
            f"{praise} {concern}",
            meta("Children who need help and protection", "5"),
            dense=0.6,
            score=0.9,
        ),
    ]
    question = "return home interviews for children who go missing"

    def quotes(shortcomings_first: bool) -> list[str]:
        answer = extractive_answer(
            question, question, passages, assistant.retriever.embed_query(question), assistant.embed_model,
            0.3, 0.6, question, ranker=hand_ranker(), shortcomings_first=shortcomings_first,
        )  # fmt: skip
        return [c.quote for c in answer.citations]

    assert quotes(False)[-1] == item and set(quotes(False)[:2]) == {praise, concern}
    assert quotes(True)[0] == concern and quotes(True)[-1] == item


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("What were the main problems found at Plymouth's front door in the focused visit?", "front door"),
        ("Durham focused visit 2021: what concerns were there about children in care?", "children in care"),
        ("What issues were found with supervision in Leeds?", "supervision"),
        ("Were there any issues with the timeliness of assessments?", "timeliness of assessments"),
        (
            "croydon - whats wrong with the night and weekend emergency cover?",
            "night and weekend emergency cover",
        ),
        ("What is wrong with supervision in Leeds?", "supervision"),
        # "concerns" inside the subject is the subject's own word
        (
            "How are concerns about children handled at the front door?",
            "How are concerns about children handled at the front door",
        ),
    ],
)
def test_the_asking_of_a_question_about_shortcomings_is_no_part_of_its_topic(question, topic):
    assert strip_selectors(question, {"Plymouth", "Durham", "Leeds"}) == topic


def test_a_follow_up_may_open_with_a_chat_interjection():
    from answering.conversation import is_follow_up

    assert is_follow_up("ok and bedford's 2025 one?")
    assert is_follow_up("right, and in 2024?")
    assert not is_follow_up("Oldham focused visit 2020: what about care leavers?")


def test_a_how_long_question_is_answered_by_a_length_of_time():
    from answering.extractive import answer_type_bonus

    question = "how long were children waiting to move in with adoptive families?"
    assert answer_type_bonus(question, "The average time to move in with a family was 637 days.") > 0
    assert answer_type_bonus(question, "Some children wait too long before moving to new families.") == 0
    assert answer_type_bonus("what did it say about adoption?", "It took 637 days.") == 0


def test_the_items_of_a_list_of_what_inspectors_looked_at_are_method_not_findings():
    from answering.extractive import sentences_of
    from retrieval.passage import Passage

    text = (
        "Inspectors looked at the arrangements for care leavers, with a particular focus on:"
        "\n\nthe quality and suitability of their accommodation and housing"
        "\n\ncare leavers at risk of specific types of harm, such as criminal exploitation."
        "\n\nMost care leavers get to know their personal advisers early. Advisers are ambitious for them."
        "\n\nLeaders have prioritised three things for care leavers:"
        "\n\nmore suitable homes for care leavers in the city"
    )
    passage = Passage("c1", text, {"report_id": "r.pdf", "section": "Care leavers"}, dense=0.6, score=1.0)
    marked = {s.text: s.method for s in sentences_of(passage, 0)}
    assert marked == {
        "the quality and suitability of their accommodation and housing": True,
        "care leavers at risk of specific types of harm, such as criminal exploitation.": True,
        "Most care leavers get to know their personal advisers early.": False,
        "Advisers are ambitious for them.": False,
        "more suitable homes for care leavers in the city": False,  # after a finding's lead-in
    }
    # A one-sentence finding straight after the list's last item (its full stop ends the list)
    ended = Passage("c2", text.replace("early. Advisers are ambitious for them.", "early."), passage.meta)
    assert not {s.text: s.method for s in sentences_of(ended, 0)}[
        "Most care leavers get to know their personal advisers early."
    ]


def test_a_glossary_form_the_sentences_do_not_use_is_an_alternative_not_a_missing_term():
    from answering.extractive import query_terms_found, terms

    said = terms("Care leavers value their personal advisers.")
    # "PA" and "PAs" are other names for what the sentence says: nothing the question asks is missing
    assert query_terms_found("their personal advisers (PA; PAs)", "their personal advisers", said) == 1.0
    # words of the question itself still count
    expanded = "personal advisers caseloads (PA; PAs)"
    assert query_terms_found(expanded, "personal advisers caseloads", said) == pytest.approx(2 / 3)
    assert query_terms_found("budget", "budget", said) == 0.0


def test_that_as_the_subject_of_a_follow_up_is_the_topic_asked_about_before(assistant):
    """ "does that carry on once they turn 18?" leans on the question before, though it has words
    enough to stand alone."""
    history = [("user", "What did inspectors say about CAMHS waits?"), ("assistant", "…")]
    prepared = assistant.prepare("does that carry on once they turn 18?", history=history)
    assert "CAMHS" in prepared.topic


def test_a_visit_named_by_when_it_was_done_picks_a_report_and_is_no_topic():
    assert strip_selectors("what about caseloads at the covid-era visit", set()) == "caseloads"
    assert strip_selectors("the pandemic visit: supervision", set()) == "supervision"
    # covid itself asked about stays the topic
    assert strip_selectors("what did the visit find about covid", set()) == "covid"


def test_a_shortcoming_is_read_from_what_a_sentence_finds_not_the_circumstance_it_names():
    from answering.extractive import is_critical

    assert not is_critical("When children are unable to return home, permanent homes are sought for them.")
    assert not is_critical("Family time is promoted when brothers and sisters are unable to live together.")
    assert is_critical("When children go missing, return home interviews are not always timely.")
    assert is_critical("Return home interviews are not offered when children go missing.")
    assert is_critical("Caseloads are too high.")
    # negations written as one word, and not knowing
    assert is_critical("Managers cannot reassure themselves that strategy meetings are effective.")
    assert is_critical("However, they were unaware of the quality of screening in the hub.")
    # "not only … they have" adds praise to praise
    assert not is_critical(
        "Senior leaders have not only sustained the good practice, they have driven progress."
    )


def test_a_request_for_a_quote_is_no_part_of_the_subject():
    from answering.extractive import topic_of, without_quote_request

    assert without_quote_request("give me a line I can quote on why") == "why"

    assert topic_of("I need a quote on how Stockport's inspectors saw supervision") == (
        "how Stockport's inspectors saw supervision"
    )
    assert without_quote_request(
        "Walsall was rated outstanding in 2025 - give me a quotable headline line"
    ) == ("Walsall was rated outstanding in 2025")
    assert without_quote_request("Croydon's strengths? need something quotable") == "Croydon's strengths?"
    assert topic_of("quote for the paper: what did Ofsted say about exploitation?") == "exploitation"
    # a line that is a subject stays
    assert without_quote_request("do they need a line manager?") == "do they need a line manager?"
    assert without_quote_request("are managers looking for good lines of sight?") == (
        "are managers looking for good lines of sight?"
    )


def test_round_twenty_five_wordings():
    from answering.extractive import is_critical, topic_of, without_quote_request

    # "was X a problem" asks about X; "as well" adds the question to one before
    assert topic_of("was the workforce a problem in the 2019 one as well?") == "the workforce in the 2019 one"
    assert topic_of("is drift still an issue for care leavers?") == "drift for care leavers"
    assert topic_of("is there a problem with drift?") == "drift"
    assert topic_of("was it a problem?") == "was it a problem"  # nothing named: left whole
    # what the asker will do with the answer, after the question, names no subject
    briefing = (
        "what's the headline for Brighton's 2024 inspection? need a line or two for a councillor briefing"
    )
    assert without_quote_request(briefing) == "what's the headline for Brighton's 2024 inspection?"
    assert without_quote_request("give me the exact line on health not attending") == "health not attending"
    assert without_quote_request("do they need a line manager?") == "do they need a line manager?"
    # a challenge that is a difficulty is a shortcoming; the challenge leaders give is scrutiny
    assert is_critical("Social work stability has been a significant challenge in Swindon.")
    assert not is_critical("Leaders provide effective challenge and support to managers.")
    assert not is_critical("Elected members provide considerable challenge to senior leaders.")
    # both ways asked, or a hyphenated word: no shortcoming asked about
    assert topic_of("Was supervision a strength or a concern?") == "Was supervision a strength or a concern"
    # who spoke is no report: "the young people in the inspection"
    spoke = "What did the young people in the inspection say about their social workers?"
    assert topic_of(spoke) == spoke.rstrip("?")
    # "it" is as often the report named before the dash
    assert topic_of(
        "Leeds focused visit, what did it find about whether it had improved its front door?"
    ) == ("whether it had improved its front door")
    # "for the section on adoption" names the subject, not an audience
    adoption = "Hull 2023 inspection? Two sentences for the section on adoption"
    assert without_quote_request(adoption) == adoption


def test_the_earliest_report_and_a_subject_pointed_back_at_name_no_topic():
    from answering.extractive import topic_of

    assert topic_of("what did the earliest barnsley report we have say about care leavers?") == "care leavers"
    # the subject named first, pointed back at after the asking
    question = "child safety agreements - what did Ofsted say about Southampton's use of them?"
    assert topic_of(question) == "child safety agreements Southampton's use"


def test_whether_every_passage_is_from_one_report_is_evidence_for_answering():
    """A question that names one report gets passages of that report alone: they are on its
    subject by construction, which the answerability gate weighs (`ranker.ANSWERABILITY_FEATURES`)."""
    from answering.extractive import _Sentence, answerability_features
    from answering.ranker import ANSWERABILITY_FEATURES, FEATURES
    from retrieval.passage import Passage

    sentence = _Sentence(0, 0, "Care leavers are well supported.")
    features = np.zeros((1, len(FEATURES)), dtype=np.float32)
    scores = np.zeros(1, dtype=np.float32)
    one = [Passage(f"c{i}", "text", {"report_id": "a.pdf"}) for i in range(2)]
    two = [Passage("c1", "text", {"report_id": "a.pdf"}), Passage("c2", "text", {"report_id": "b.pdf"})]
    column = ANSWERABILITY_FEATURES.index("one_report")
    assert answerability_features([sentence], scores, features, one, "care leavers")[column] == 1.0
    assert answerability_features([sentence], scores, features, two, "care leavers")[column] == 0.0
