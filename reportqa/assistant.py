"""The one object every interface uses: ask, stream, mentions, quotes, reports.

The UI, the CLI and the evaluation all go through `Assistant`, so a behaviour tested
here is the behaviour users get. Components are built once (the embedding model load
is the slow part) and shared across threads; per-conversation state is passed in as
``history``, never stored here, so conversations stay independent.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from answering.citations import Answer, Citation
from answering.conversation import (
    EVALUATIVE_WORDS,
    FOLLOW_UP_WORDS,
    Turn,
    condense_heuristic,
    is_follow_up,
    last_answer,
    leans_back,
    previous_questions,
    reports_quoted,
)
from answering.definitions import abbreviation_asked, defining_sentence
from answering.extractive import (
    abstain_answer,
    extractive_answer,
    strip_selectors,
    terms,
    topic_of,
    without_quote_request,
)
from answering.fact_answers import (
    INTENT_WORDS,
    YEAR,
    FactIntent,
    about_the_whole_report,
    areas_graded_as,
    areas_named,
    asks_about_shortcomings,
    asks_when,
    change_after,
    fact_answer,
    fact_intent,
    follow_up_intent,
    graded_only,
    quoting_the_report,
    refers_to_the_list,
    terms_of_art,
)
from answering.mentions import Mentions, find_mentions
from answering.query_adapter import load_query_adapter
from answering.quotes import Quotes, pick_quotes
from answering.remit import (
    after_the_report,
    figure_not_quoted,
    figure_not_stated,
    name_not_quoted,
    out_of_remit,
    person_never_quoted,
)
from indexing.model import GRADE
from reportqa.settings import Settings
from retrieval.filters import Filters, resolve
from retrieval.glossary import abbreviations_in_capitals, expand_query, written_out
from retrieval.hybrid import HybridRetriever
from retrieval.passage import Passage
from retrieval.scope import (
    ScopeDecision,
    decide_scope,
    describe_reports,
    graded_then,
    know_report_dates,
    report_years,
)
from retrieval.vocabulary import (
    in_the_reports_words,
    load_everyday_words,
    respelt,
    spelt_out,
    unknown_names,
    unmentioned_names,
    unmentioned_terms,
)
from vectorstore.chroma_store import ReportStore
from vectorstore.embeddings import load_embedding_model, model_fingerprint

if TYPE_CHECKING:
    from reportqa.page_view import PageImage, TextView

MAX_QUESTION_CHARS = 2000
# "and the inspection before that in 2018": the report of that year, not the one before it.
_BEFORE_THAT_IN = re.compile(r"\bbefore( that| it| this)?( one)?,?\s+(in|from)\s+(19|20)\d\d\b", re.I)
# A question whose subject is "they": "do they get help sorting out housing?", "are they seen
# often enough?" (not "how many visits did they have before that?", where they are the council).
# ... and "does that carry on once they turn 18?": "that" is the topic asked about before
_THEY_ASKED_ABOUT = re.compile(
    r"^\W*(do|does|did|are|were|is|was|have|has|had|can|could|will|would)\s+(they|that|this|it)\b", re.I
)
# Words of a follow-up that point back rather than name a topic of its own ("And the 2023 one?").
_FOLLOW_UP_TERMS = terms(" ".join(FOLLOW_UP_WORDS | {"one"}))
_EVALUATIVE_TERMS = terms(" ".join(EVALUATIVE_WORDS))
# "What grade did they get for that?": the grade of what the question before was about.
# ... and "what grade did that get?", "was that area RI back in 2017 too?": "that" the subject
_FOR_THAT = re.compile(
    r"\b(for|of|on) (that|it|this|those|them|these)\b"
    r"|\b(did|does|has|had|was|were|is) (that|this)\b"
    r"(?!\s+(inspection|visit|report|one|letter|ILACS|SIF|FV|focused|full|ofsted)\b)",
    re.IGNORECASE,
)
FEW_REPORTS = 3  # with no council named, report facts are answered only from this many reports
# A full inspection named ("its Sept 2023 ILACS"), and not a visit
_A_FULL_INSPECTION = re.compile(r"\b(ILACS|SIF|(full |standard |single )?inspection)\b", re.IGNORECASE)
_A_VISIT = re.compile(r"\b(focused|monitoring)\s+visits?\b|\bvisit\b|\bFVs?\b", re.IGNORECASE)


class QuestionError(ValueError):
    """A question that cannot be answered as asked (empty, punctuation only)."""


def clean_question(question: str) -> str:
    text = " ".join((question or "").split())
    if not any(ch.isalnum() for ch in text):
        raise QuestionError("Please type a question in words.")
    return text[:MAX_QUESTION_CHARS]


@dataclass
class Prepared:
    """A question made ready to answer (see `Assistant.prepare`)."""

    question: str
    standalone: str
    decision: ScopeDecision
    early: Answer | None = None
    topic: str = ""
    query: str = ""  # the topic with glossary expansions: what both retrieval and sentence choice match
    written_out: list[str] = field(default_factory=list)  # the topic with its abbreviations spelt out
    passages: list[Passage] = field(default_factory=list)
    query_vector: object = None  # the query's vector, as retrieval searches with it
    sentence_vector: object = None  # the same, mapped for choosing sentences (`answering.query_adapter`)
    retrieval_s: float = 0.0


def _date_of(snap, report_id: str) -> int:
    """A report's date as a number to order by (`date_ord`; 0 when the record has none)."""
    return int(snap.records[report_id].get("date_ord") or 0)


def _reports_of(snap, councils) -> list[str]:
    """The indexed reports of ``councils``, oldest first."""
    of_them = (rid for rid, record in snap.records.items() if record.get("local_authority") in councils)
    return sorted(of_them, key=partial(_date_of, snap))


def conversation_topic(questions: list[str], authorities: set[str], aliases: Iterable[str] = ()) -> str:
    """What the last of ``questions`` is about, leaning on the ones before where it does.

    "What about RHIs?" names its own topic; "and what did the visit say about that?", "And the
    2023 one?" and "What about Merton's?" lean on the earlier one (a pronoun, or nothing left once
    the report-picking and follow-up words are gone), and so does "any concerns?", whose words
    say how, not what. An earlier question that was itself a follow-up brings its own topic:
    "what about Portsmouth?" after "any concerns?" after "Plymouth care leavers visit 2025" is
    about concerns about care leavers. ``aliases``: the council names as the questions write
    them (`AuthorityIndex.names_in`), which pick reports as the official names do.
    """
    question = questions[-1]
    aliases = tuple(aliases)
    own, own_terms = own_topic(question, authorities, aliases)
    if len(questions) > 1 and (leans_back(question) or not own_terms):
        earlier = questions[:-1]
        if len(earlier) > 1 and is_follow_up(earlier[-1]):
            before = conversation_topic(earlier, authorities, aliases)
        else:  # the council named ("Merton's") picks reports; it is no part of the topic
            # A grade question before ("How did B&NES do in 2017?") has no topic to add.
            before = strip_selectors(
                topic_of(earlier[-1]), authorities, keep_when_empty=not own_terms, aliases=aliases
            )
        kept = own_terms or terms(own) & _EVALUATIVE_TERMS
        # "Was that still the picture when they went back?" adds no topic of its own, nor does
        # "was that team still going?" after a question about a specialist team.
        if own_terms and own_terms <= terms(before):
            kept = set()
        return f"{own} {before}".strip() if kept else before
    return own if terms(own) else topic_of(question)  # as strip_selectors keeps it when empty


def _reports_stating_the_inspection_of(years: Iterable[int | str], councils, snap) -> list[str]:
    """The reports of ``councils``, newest first, whose line on the inspection before them names
    one of ``years`` ("Since the last inspection in 2018, when …"): where a report that is not
    indexed is known from."""
    named = {str(year) for year in years}
    return [
        rid
        for rid in reversed(_reports_of(snap, councils))
        if any(year in fact.line for fact in snap.facts(rid).of("previous") for year in named)
    ]


def own_topic(question: str, authorities: set[str], aliases: Iterable[str] = ()) -> tuple[str, set[str]]:
    """The question's own topic without the words that pick reports, and the terms of it that name
    a subject (not follow-up or evaluative words): none in "How does South Glos compare?"."""
    own = strip_selectors(topic_of(question), authorities, keep_when_empty=False, aliases=tuple(aliases))
    return own, {t for t in terms(own) if not t.isdigit()} - _FOLLOW_UP_TERMS - _EVALUATIVE_TERMS


_A_GRADE = re.compile(GRADE, re.IGNORECASE)
# Words that name the report ("notts front door visit"), which the scope reads: no part of a topic.
_REPORT_WORDS = frozenset(terms("visit visits inspection inspections report letter focused"))


def not_stated_answer(question: str, answer: Answer, asked: str = "figure") -> Answer:
    """``answer`` to a question asking how many (`figure_not_quoted`), or what something is called
    (``asked`` "name", `name_not_quoted`), whose quotes state none: not covered as asked, with
    what the reports do say on it listed as possibly related, so the reader sees "a significant
    number" without taking it for the count."""
    stated = "states a number" if asked == "figure" else "gives a name"
    return Answer(
        question=question,
        text=(
            f"The reports don't give the {asked} asked for. What they say on it is listed as possibly "
            f"related; none of it {stated}."
        ),
        citations=[],
        abstained=True,
        related=answer.citations,
        nothing_found="not-covered",
        scope=answer.scope,
    )


class Assistant:
    def __init__(
        self, settings: Settings | None = None, store: ReportStore | None = None, embed_model=None
    ) -> None:
        self.settings = settings or Settings()
        self.store = store or ReportStore(self.settings)
        self.retriever = HybridRetriever(self.settings, self.store, embed_model)
        self._terms_of_art = terms_of_art(self.retriever.concepts.terms)
        if embed_model is None:
            # Loading the model (mostly imports) and reading the index (mostly Chroma, which
            # releases the GIL) overlap: a cold start to the first answer pays for the slower one.
            warm = threading.Thread(target=self._warm_snapshot, name="snapshot-warmup", daemon=True)
            warm.start()
            embed_model = load_embedding_model(self.settings)
            warm.join()
        self.embed_model = embed_model
        self.retriever.embed_model = embed_model
        self.query_adapter = load_query_adapter(
            self.settings.query_adapter_file, model_fingerprint(self.settings.embed_model_dir)
        )
        self._llm = None

    def _warm_snapshot(self) -> None:
        # On failure the first question rebuilds the snapshot and reports the error properly.
        # The template shapes and council names are read from every passage (~0.4 s each):
        # do it here, while the model loads, not on the first question.
        with contextlib.suppress(Exception):
            snap = self.retriever.snapshot()
            snap.templates  # noqa: B018 - computed and cached
            snap.authority_index  # noqa: B018 - computed and cached
            snap.words  # noqa: B018 - computed and cached
            # Read on the first question naming a council or a year (1 s at a million passages).
            snap.report_metas  # noqa: B018 - computed and cached
            know_report_dates(snap.records)

    # ---- questions ---------------------------------------------------------------------
    def standalone(
        self, question: str, history: list[Turn] | None, use_llm: bool = True, deadline: float | None = None
    ) -> str:
        """The question on its own. The LLM condenses follow-ups only when it will also write
        the answer: an extractive answer makes no LLM call at all."""
        if use_llm and self.llm_available and history:
            from answering.generative import condense_with_llm

            condensed = condense_with_llm(self.llm, question, history, self.settings, deadline)
            if condensed:
                return condensed
        return condense_heuristic(question, history, self.settings.history_turns)

    def _mode(self, mode: str | None) -> str:
        return mode or ("llm" if self.llm_available else "extractive")

    def ask(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | dict | None = None,
        mode: str | None = None,
    ) -> Answer:
        answer = None
        for item in self.stream(question, history, filters, mode):
            if isinstance(item, Answer):
                answer = item
        assert answer is not None
        return answer

    def prepare(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | dict | None = None,
        mode: str | None = None,
        deadline: float | None = None,
        k: int | None = None,
    ) -> Prepared:
        """Everything before the answer is written: scope, facts, retrieval (``k`` passages,
        default ``top_k``), the query vector.

        ``early`` is set when the answer is already decided (nothing in scope, a report fact).
        The evaluation's ranker fitting uses this too, so it sees what answering sees.
        """
        question = clean_question(question)
        filters = filters if isinstance(filters, Filters) else Filters.from_dict(filters or {})
        standalone = self.standalone(question, history, self._mode(mode) == "llm", deadline)
        t0 = time.perf_counter()
        snap = self.retriever.snapshot()
        decision = decide_scope(
            [*previous_questions(history, self.settings.history_turns), question],
            resolve(filters, snap.records),
            snap.records,
            snap.authority_index,
            partial(reports_quoted, last_answer(history)),
        )
        prepared = Prepared(question, standalone, decision)
        if decision.message:  # decided before any retrieval or LLM call, whatever the mode
            stated = self._stated_by_a_later_report(question, history, decision, snap)
            if stated is not None:
                stated.standalone_question = standalone
                prepared.early = stated
                return prepared
            answer = abstain_answer(question, [])
            answer.text = " ".join(filter(None, [decision.corrections, decision.message]))
            answer.nothing_found = decision.kind
            answer.standalone_question = standalone
            prepared.early = answer
            return prepared
        names_used = snap.authority_index.names_used(question)
        names = unknown_names(question, snap.words, names_used, self.retriever.glossary_of(snap))
        spelt = self._spelt_out_in_scope(names, decision, snap)  # "NWD": "No Wrong Door"
        names = [name for name in names if name not in spelt]
        # "Lutterworth College": the reports cannot speak of what they never mention; adult social
        # care is not Ofsted's to inspect.
        quoted = ", ".join(f"“{name}”" for name in names)
        reason = f"No indexed report mentions {quoted}, so the reports cannot answer this." if names else ""
        earlier = previous_questions(history, self.settings.history_turns)
        # "what about Sandwell's visit a couple of months later, what did that cover?" asks a fact
        # of that visit (read as `_fact_answer` reads it), whatever the topic before: no other
        # report is quoted instead.
        if decision.wider is not None and not self._asks_a_fact(question, names_used, earlier, decision):
            decision = self._widened_to_the_topic(question, standalone, history, decision, snap)
            prepared.decision = decision
        # What Ofsted does not inspect is said first: it tells the reader more than an unknown name.
        reason = (
            out_of_remit(question)
            or reason
            or after_the_report(question)
            or self._not_in_named_reports(question, decision, snap)
        )
        if reason:
            answer = abstain_answer(question, [])
            answer.text = reason
            answer.standalone_question, answer.scope = standalone, decision.description
            prepared.early = answer
            return prepared
        facts = self._definition_answer(question, decision, snap) or self._fact_answer(
            question, decision, snap, earlier
        )
        if facts is not None:
            facts.standalone_question = standalone
            facts.scope = decision.description
            cited = {c.report for c in facts.citations}
            if cited and not cited <= set(decision.filters.report_id):
                # a later report's line on the one asked about: the scope shown is where it is quoted from
                facts.scope = describe_reports(cited, snap.records)
            facts.notice = decision.corrections
            prepared.early = facts
            return prepared
        prepared.topic = self._topic(question, standalone, history, snap)
        if spelt:
            prepared.topic = f"{prepared.topic} ({'; '.join(spelt.values())})"
        glossary = self.retriever.glossary_of(snap)
        prepared.query = self.retriever.expand(prepared.topic, glossary)
        prepared.written_out = written_out(prepared.topic, glossary)
        prepared.passages = self.retriever.retrieve(
            prepared.topic, decision.filters, k=k, hints_from=standalone, expanded=prepared.query
        )
        prepared.query_vector = self.retriever.embed_query(prepared.query)
        prepared.sentence_vector = self.query_adapter(prepared.query_vector)
        prepared.retrieval_s = time.perf_counter() - t0
        return prepared

    def stream(
        self,
        question: str,
        history: list[Turn] | None = None,
        filters: Filters | dict | None = None,
        mode: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yields text deltas (LLM mode) and finally the complete `Answer`."""
        started = time.perf_counter()
        if self._mode(mode) == "llm" and self.llm_available:
            # The client library is imported on first use (seconds on a busy machine): that is
            # not the server's time, so it happens before the server's deadline starts.
            self.llm  # noqa: B018
        deadline = time.monotonic() + self.settings.llm_timeout_s  # condensing and answering together
        prepared = self.prepare(question, history, filters, mode, deadline)
        if prepared.early is not None:
            prepared.early.timings = {
                "retrieval_s": 0.0,
                "answer_s": 0.0,
                "total_s": time.perf_counter() - started,
            }
            yield prepared.early
            self.retriever.snapshots.save_pending()
            return
        question, standalone, decision = prepared.question, prepared.standalone, prepared.decision
        passages, filters, t_retrieve = prepared.passages, decision.filters, prepared.retrieval_s
        wanted = self._mode(mode)

        t1 = time.perf_counter()
        answer: Answer | None = None
        if wanted == "llm" and self.llm_available and passages:
            from answering.generative import generate_answer

            for item in generate_answer(self.llm, question, standalone, passages, self.settings, deadline):
                if isinstance(item, Answer):
                    answer = item
                else:
                    yield item
            if answer is not None and answer.notice:  # the LLM failed: fall back, keep the notice
                notice = answer.notice
                answer = self._extractive(prepared)
                answer.notice = notice
        if answer is None:
            # Worked out first, so sentences are chosen once: the flag changes only whether a
            # question the fitted answerability would call not covered is answered.
            answer = self._extractive(prepared, self._visit_looked_at_it(prepared.topic, decision))
            if wanted == "llm" and not self.llm_available:
                answer.notice = "No LLM is configured; this is the extractive answer."
        if answer.abstained and answer.nothing_found == "not-covered" and standalone != question:
            answer.text = abstain_answer(question, passages).text  # the user's words, not the condensed ones
            answer = self._what_the_report_looked_at(question, history, decision) or answer
        quotes = [c.quote for c in answer.citations]
        if (answer.abstained and answer.nothing_found == "not-covered") or not any(
            _A_GRADE.search(quote) for quote in quotes
        ):
            # "and last time?": the grade before, which nothing quoted states
            answer = self._grade_before_untold(question, history, decision) or answer
            quotes = [c.quote for c in answer.citations]
        if not answer.abstained and figure_not_quoted(standalone, quotes, asked_now=question):
            answer = not_stated_answer(question, answer)
        elif not answer.abstained and name_not_quoted(question, quotes):
            answer = not_stated_answer(question, answer, "name")
        answer.standalone_question = standalone
        answer.scope = decision.description
        answer.scope_filters = {"report": list(filters.report_id)} if decision.description else {}
        if decision.corrections:
            answer.notice = " ".join(filter(None, [decision.corrections, answer.notice]))
        if self.retriever.store_problem:
            answer.notice = " ".join(filter(None, [answer.notice, self.retriever.store_problem]))
        answer.timings = {
            "retrieval_s": t_retrieve,
            "answer_s": time.perf_counter() - t1,
            "total_s": time.perf_counter() - started,
        }
        yield answer
        self.retriever.snapshots.save_pending()

    def _widened_to_the_topic(
        self, question: str, standalone: str, history: list[Turn] | None, decision: ScopeDecision, snap
    ) -> ScopeDecision:
        """ "same for Plymouth" after a question on York's 2023 visit about care leavers: when
        Plymouth's report nearest that time never speaks of the topic and its other reports of
        that kind do, those are quoted instead, and the answer says so."""
        topic = self._topic(question, standalone, history, snap)
        gap = self._what_reports_lack(topic, decision.filters.report_id, snap)
        if not gap:
            return decision
        speaking = tuple(
            r for r in decision.wider.report_id if not self._what_reports_lack(topic, (r,), snap)
        )
        if not speaking:
            return decision
        whose = " and ".join(f"{council}’s" for council in decision.councils) or "the"
        note = f"{self._asked_about(decision)} {gap}; quoting {whose} reports that do."
        return replace(
            decision,
            filters=Filters(report_id=speaking),
            description=describe_reports(set(speaking), snap.records),
            corrections=" ".join(filter(None, [decision.corrections, note])),
            wider=None,
        )

    def _what_the_report_looked_at(
        self, question: str, history: list[Turn] | None, decision: ScopeDecision
    ) -> Answer | None:
        """ "and the visit before that?" after a question on a topic that visit never looked at
        (care leavers in B&Bs, and a 2022 visit on the front door): the user has asked about the
        visit itself, so the answer says the earlier topic is not in it and quotes what it did
        look at, rather than only "not covered". Only for a question with no topic of its own,
        moved on to one report that states its focus."""
        snap = self.retriever.snapshot()
        report_ids = decision.filters.report_id
        if len(report_ids) != 1 or own_topic(question, snap.authorities)[1]:
            return None
        focus = fact_answer(question, FactIntent("focus"), list(report_ids), snap.facts, snap.passage)
        if focus is None:
            return None
        earlier = previous_questions(history, self.settings.history_turns)[-1:]
        what = f" (“{earlier[0]}”)" if earlier else ""
        note = (
            f"Nothing in the report asked about ({decision.description}) answers what was asked before{what}."
        )
        focus.text = f"{note} What it looked at:\n\n{focus.text}"
        return focus

    def _not_in_named_reports(self, question: str, decision: ScopeDecision, snap) -> str:
        """Why the reports a question names cannot answer it (`_what_reports_lack`)."""
        if not (decision.councils and decision.filters.report_id):
            return ""
        gap = self._what_reports_lack(question, decision.filters.report_id, snap)
        if not gap:
            return ""
        one = len(decision.filters.report_id) == 1
        return f"{self._asked_about(decision)} {gap}, {'so it' if one else 'so they'} can't answer this."

    @staticmethod
    def _asked_about(decision: ScopeDecision) -> str:
        one = len(decision.filters.report_id) == 1
        return f"The {'report' if one else 'reports'} asked about ({decision.description})"

    def _what_reports_lack(self, question: str, report_ids: tuple[str, ...], snap) -> str:
        """What the reports never state that the question asks for, as the rest of a sentence
        about them ("never mentions “young carers”", "state no percentage"): a term of art they
        never use under any of its names, or a figure (a sum of money, a percentage) of a kind
        they never state, or a body outside children's services they never name; "" when they may
        answer it."""
        one = len(report_ids) == 1
        in_scope = set().union(*(snap.report_stems(rid) for rid in report_ids))
        stem_text = cache(lambda: "|".join(snap.report_stem_text(rid) for rid in report_ids))
        missing = unmentioned_terms(question, self.retriever.term_groups, in_scope, stem_text)
        missing += unmentioned_names(question, snap.authority_index.names_used(question), stem_text)
        if missing:
            terms_used = " or ".join(f"“{term}”" for term in missing)
            return f"never {'mentions' if one else 'mention'} {terms_used}"
        rows = [row for rid in report_ids for row in snap.rows_by_report.get(rid, [])]
        texts = [snap.texts[row] for row in rows]
        person = person_never_quoted(question, texts)
        if person:
            return f"{'reports' if one else 'report'} nothing {person} said"
        figure = figure_not_stated(question, texts)
        return f"{'states' if one else 'state'} no {figure}" if figure else ""

    def _asked(self, questions: list[str], snap) -> FactIntent | None:
        """The fact the last of ``questions`` asked for, read with the ones before: "And in the
        inspection at the end of 2022?" after "What overall grade did Solihull get in 2019?"
        asks for that grade, and so does "and at the most recent one?" after both."""
        question = questions[-1]
        names = snap.authority_index.names_used(question)
        # Read as it was when asked: "and Northumberland?" after a question on a topic asked for
        # that topic there, not for an overview of Northumberland (`_asks_a_fact`).
        intent = fact_intent(question, names, follow_up=len(questions) > 1, of_art=self._terms_of_art)
        # ("give me a line I can quote on why" is the follow-up "why")
        asked = without_quote_request(question)
        if intent is None and len(questions) > 1 and is_follow_up(asked):
            intent = follow_up_intent(asked, self._asked(questions[:-1], snap), names)
        return intent

    def _reports_in_scope(self, decision: ScopeDecision, snap) -> list[str]:
        """The reports the scope allows, newest first. Where the scope names its reports (as a
        question's scope does), only those are tested, not every report in the index."""
        filters, records = decision.filters, snap.records
        candidates = (
            [r for r in dict.fromkeys(filters.report_id) if r in records] if filters.report_id else records
        )
        allowed = [
            rid for rid in candidates if filters.matches({**records[rid], "report_id": rid}, snap.latest)
        ]
        allowed.sort(key=lambda rid: (-int(records[rid].get("date_ord") or 0), rid))
        return allowed

    def _asks_a_fact(
        self, question: str, names: str, earlier: list[str] | None, decision: ScopeDecision
    ) -> FactIntent | None:
        """The report fact the question asks for by its own words (`fact_intent`); a follow-up's
        "who led it?" is about the council the conversation named."""
        follow_up = bool(earlier) and bool(decision.councils)
        return fact_intent(question, names, follow_up=follow_up, of_art=self._terms_of_art)

    def _spelt_out_in_scope(self, names: list[str], decision: ScopeDecision, snap) -> dict[str, str]:
        """The abbreviations among ``names`` (words no report uses) that a report of the council
        asked about writes out in full: "what ages does the NWD scheme cover?" where North
        Yorkshire's report says "No Wrong Door". Only for a named council: another council's
        "NWD" may be something else."""
        if not (names and decision.councils):
            return {}
        reports = self._reports_in_scope(decision, snap)[:FEW_REPORTS]
        spelt = {}
        for name in names:
            texts = (snap.texts[row] for rid in reports for row in snap.rows_by_report.get(rid, ()))
            phrase = spelt_out(name, texts)
            if phrase:
                spelt[name] = phrase
        return spelt

    def _definition_answer(self, question: str, decision: ScopeDecision, snap) -> Answer | None:
        """What an abbreviation stands for ("what is the FFAP in North East Lincs?"), from the
        sentence of the newest report in scope that spells it out (`answering.definitions`).
        Only for a council the question names or a few reports: councils name their teams
        differently, so one council's "NAS" is not another's."""
        asked = abbreviation_asked(question)
        if asked is None:
            return None
        # "What is the FFAP in North East Lincs?" and nothing more: not "… in Lincs rated?", nor
        # "what is NAS and what does it do for care leavers?" (the passages answer both parts)
        names = tuple(snap.authority_index.names_in(question))
        if terms(strip_selectors(asked.rest, snap.authorities, keep_when_empty=False, aliases=names)):
            return None
        allowed = self._reports_in_scope(decision, snap)
        if not decision.councils and len(allowed) > FEW_REPORTS:
            return None
        templates = snap.templates
        for report_id in allowed:
            found = defining_sentence(asked.abbreviation, _passages_of(snap, report_id), templates)
            if found is not None:
                return quoting_the_report(question, [found])
        return None

    def _fact_answer(
        self, question: str, decision: ScopeDecision, snap, earlier: list[str] | None = None
    ) -> Answer | None:
        """Grades, inspectors, dates, focus and improvements from the reports' own lines.

        Only for a council the conversation names, across councils for a list question, or
        where the index or the filters hold only a few reports: "who led the latest
        inspection?" over 315 reports with no council named has no single report to answer from.
        A follow-up ("who led it?") asks about the reports the conversation named, and one that
        only moves on ("and what about care leavers?") asks for the fact asked for before.
        """
        names = snap.authority_index.names_used(question)
        intent = self._asks_a_fact(question, names, earlier, decision)
        if intent is not None and intent.kind == "change" and not names and earlier:
            listed = self._asked(earlier, snap)
            if listed is not None and listed.kind == "improve" and refers_to_the_list(question):
                # "has that list changed in the 2026 report?": that report's list of what to improve
                intent = listed
            else:
                # "Had that turned around by 2026?": "that" is what the question before was about.
                intent = change_after(
                    earlier[-1], snap.authority_index.names_used(earlier[-1]), self._terms_of_art
                )
        if intent is not None and intent.kind == "change" and names and earlier and is_follow_up(question):
            # "is it any better in Leeds?" after Bradford's front door: the topic before, set
            # beside another council's, not how Leeds changed since its last inspection
            before = snap.authority_index.names_used(earlier[-1])
            on_a_topic = self._asked(earlier, snap) is None
            if before and before.lower() != names.lower() and on_a_topic:
                return None
        # The fact the conversation asked for before, where this question needs it.
        needs_before = earlier and (intent is None or intent.kind in ("weaknesses", "strengths"))
        asked_before = self._asked(earlier, snap) if needs_before else None
        asked_now = without_quote_request(question)  # "give me a line I can quote on why": "why"
        carried_over = intent is None and bool(earlier) and is_follow_up(asked_now)
        if carried_over:
            intent = follow_up_intent(asked_now, asked_before, names)
        elif intent is None and asked_before is not None:  # "what were the main worries?" after a grade
            intent = about_the_whole_report(question, asked_before, names)
        if intent is None and not earlier and asks_about_shortcomings(question):
            # "notts front door visit jan 2019, what were the main weaknesses?": the visit's subject
            # is the whole letter's, so its weaknesses are the report's own
            subject = strip_selectors(
                topic_of(question), snap.authorities, aliases=snap.authority_index.names_in(question)
            )
            if self._visit_looked_at_it(subject, decision, wholly=True):
                intent = FactIntent("weaknesses")
        if intent is None:
            return None
        # "anything they were worried about?" after a question on a topic: the concerns about
        # that topic, from the passages on it (`conversation_topic`). After one on a grade ("care
        # leavers were outstanding, right?"), the criticisms in that area's section, else the
        # report's own (`fact_answer`).
        if intent.kind in ("weaknesses", "strengths") and earlier and is_follow_up(question):
            if asked_before is None:
                return None
            if asked_before.kind == "judgement":
                intent = replace(intent, areas=graded_only(asked_before.areas))
        if intent.kind == "judgement" and not intent.areas and earlier and _FOR_THAT.search(question):
            # "What grade did they get for that?" after "How's Camden doing on child protection?"
            intent = replace(intent, areas=areas_named(earlier[-1]))
        allowed = self._reports_in_scope(decision, snap)
        if intent.kind not in ("list", "focus_list") and not decision.councils and len(allowed) > FEW_REPORTS:
            return None
        if intent.kind == "reasons" and intent.grade and not intent.areas and allowed:
            # "… why?" after "which part was judged inadequate?": the areas the report so graded
            intent = FactIntent("reasons", areas_graded_as(snap.facts(allowed[0]), intent.grade))
            if not intent.areas:
                return None
        if carried_over and intent.kind == "judgement" and allowed:
            # "what about adoption?" after a grade, of a report that grades other areas but not
            # adoption: what it says of adoption (asked outright, "how was adoption graded?" gets
            # the grades it gives; a visit, which grades nothing, gives its verdict)
            graded = snap.facts(allowed[0]).judgements()
            if intent.areas and graded and not set(intent.areas) & set(graded):
                return None
        # "was it that good at the previous inspection?" (not a year the scope has no report of)
        asks_the_grade_before = intent.kind == "previous"
        if intent.kind == "judgement":
            # "What was X rated in 2015, according to its 2021 report?": no report in scope is from
            # 2015, so the question is about the grade the 2021 report says its predecessor gave.
            # (not a year stated as where the question measures from: "inadequate in 2019 – better since?")
            asked = {int(y) for y in YEAR.findall(question)} - graded_then(question)
            covered = set().union(*(report_years(snap.records[rid]) for rid in allowed))
            if asked - covered:
                intent = FactIntent("previous", intent.areas)
        if intent.kind == "judgement" and not any(snap.facts(rid).judgements() for rid in allowed):
            # "What grade did Barnsley's children in care get at its Sept 2023 ILACS?" where only
            # a visit of 2023 is indexed: the grade a later report says that inspection gave
            stated = self._later_reports_on_an_inspection(question, decision, snap)
            if stated:
                intent, allowed = FactIntent("previous", intent.areas), stated
        if intent.kind == "previous" and _BEFORE_THAT_IN.search(question):
            # "and the inspection before that in 2018 - what was adoption rated?": the scope is
            # that 2018 report, whose own grade is asked, not the grade it says came before it
            intent = FactIntent("judgement", intent.areas)
        if intent.kind == "previous" and decision.placed_before:
            # "what were they rated at the inspection before?": the scope has moved to that
            # report, so its own grade; or, where it grades nothing (a visit), the line of the
            # report after it that states the grade before. "When was the one before that?": its dates.
            if asks_when(question):
                intent = FactIntent("when")
            else:
                intent, allowed = self._graded_before(intent, allowed, decision, snap)
        unstated = asks_the_grade_before and not any(snap.facts(rid).of("previous") for rid in allowed)
        if unstated and intent.kind == "previous" and allowed:
            # "was it that good at the previous full inspection?" where the report does not
            # restate the grade before: the grade the inspection before gave, in its own report
            before = self._graded_report_before(allowed[0], snap)
            if before:
                intent, allowed = FactIntent("judgement", intent.areas), [before]
        if intent.kind == "previous":  # a full inspection's predecessor is the previous inspection
            allowed.sort(key=lambda rid: snap.records[rid].get("inspection_type") != "full inspection")
        topic = terms(strip_selectors(topic_of(question), snap.authorities)) - INTENT_WORDS
        return fact_answer(
            question,
            intent,
            allowed,
            snap.facts,
            snap.passage,
            topic,
            snap.summary,
            snap.templates,
            lambda report_id: _passages_of(snap, report_id),
        )

    def _stated_by_a_later_report(
        self, question: str, history: list[Turn] | None, decision: ScopeDecision, snap
    ) -> Answer | None:
        """A report the question names that is not indexed, but which a later report of the
        council speaks of: "and the one before?" after a grade or a date, where no earlier report
        is indexed, and "how was Rochdale graded in 2018?" where no 2018 report is.
        The later report's line on it ("… judged to be inadequate at the previous inspection in
        2015") is quoted after the plain reason the report itself cannot be. None when no such
        line answers it."""
        earlier = previous_questions(history, self.settings.history_turns)
        if decision.asked_before and earlier:
            asked = self._asked(earlier, snap)
            if asked is None or asked.kind not in ("judgement", "previous", "when"):
                return None
            speaking, areas = list(decision.asked_before), asked.areas if asked.kind == "judgement" else ()
            heading = "The report asked about before says this of the inspection before it:"
        elif decision.missing_years and decision.councils:
            names = snap.authority_index.names_used(question)
            asked = self._asks_a_fact(question, names, earlier, decision)
            if (
                asked is None
                and earlier
                and is_follow_up(question)
                and not own_topic(question, snap.authorities)[1]
            ):
                # "and in the 2019 one?" after a grade: the grade, of that year (not "what did that
                # 2022 inspection say about care leavers?", a topic)
                asked = self._asked([*earlier, question], snap)
            # a grade only: what that report said of a topic is not in the later one's line
            if asked is None or asked.kind not in ("judgement", "previous"):
                return None
            speaking = _reports_stating_the_inspection_of(decision.missing_years, decision.councils, snap)
            areas = graded_only(asked.areas)
            heading = "A later report says this of it:"
        else:
            return None
        stated = fact_answer(question, FactIntent("previous", areas), speaking, snap.facts, snap.passage)
        if stated is None:
            return None
        stated.text = f"{decision.message} {heading}\n\n{stated.text}"
        stated.scope = describe_reports(set(speaking[:1]), snap.records)
        return stated

    @staticmethod
    def _later_reports_on_an_inspection(question: str, decision: ScopeDecision, snap) -> list[str]:
        """The council's reports, newest first, whose line on the inspection before them names the
        year the question asks a full inspection's grade of (not a visit's: a visit is not graded)."""
        years = YEAR.findall(question)
        if not (years and decision.councils and _A_FULL_INSPECTION.search(question)):
            return []
        if _A_VISIT.search(question):
            return []
        return _reports_stating_the_inspection_of(years, decision.councils, snap)

    @staticmethod
    def _graded_before(
        intent: FactIntent, allowed: list[str], decision: ScopeDecision, snap
    ) -> tuple[FactIntent, list[str]]:
        """The grade a conversation asks for once it moved to the report before: that report's
        own grade where it has one, else what the next report of the council says of the
        inspection before it (nearest first)."""
        graded = [rid for rid in allowed if snap.facts(rid).judgements()]
        if graded:
            return FactIntent("judgement", intent.areas), graded
        since = max((_date_of(snap, rid) for rid in allowed), default=0)
        later = [rid for rid in _reports_of(snap, decision.councils) if _date_of(snap, rid) > since]
        return intent, later

    def _grade_before_untold(
        self, question: str, history: list[Turn] | None, decision: ScopeDecision
    ) -> Answer | None:
        """The grade before a report asked for ("and last time?"), where nothing quoted answers
        it: the report does not state it and no earlier report of the council that grades is
        indexed. Said so, with the report's own lines on how things changed since as related."""
        snap = self.retriever.snapshot()
        questions = [*previous_questions(history, self.settings.history_turns), question]
        intent = self._asked(questions, snap)
        report_ids = decision.filters.report_id
        if intent is None or intent.kind != "previous" or len(report_ids) != 1:
            return None
        (report_id,) = report_ids
        if snap.facts(report_id).of("previous") or self._graded_report_before(report_id, snap):
            return None
        record = snap.records[report_id]
        council = record.get("local_authority") or "the council"
        said = fact_answer(question, FactIntent("change"), [report_id], snap.facts, snap.passage)
        return Answer(
            question=question,
            text=(
                f"The report asked about ({describe_reports({report_id}, snap.records)}) doesn't state the "
                f"grade {council} was given at the inspection before, and no earlier report of {council} "
                "that grades its services is indexed."
                + (" Its lines on what changed since are listed as related." if said else "")
            ),
            citations=[],
            abstained=True,
            related=said.citations if said else [],
            nothing_found="not-covered",
        )

    @staticmethod
    def _graded_report_before(report_id: str, snap) -> str:
        """The council's newest report before ``report_id`` that grades its services; "" for none."""
        council = snap.records[report_id].get("local_authority")
        if not council:
            return ""
        since = _date_of(snap, report_id)
        before = [
            rid
            for rid in _reports_of(snap, {council})
            if _date_of(snap, rid) < since and snap.facts(rid).judgements()
        ]
        return max(before, key=partial(_date_of, snap), default="")

    def _topic(self, question: str, standalone: str, history: list[Turn] | None, snap) -> str:
        """What the question is about, without the words that pick reports (the scope does that).

        A follow-up that leans on the earlier question ("and what did the 2025 visit say about
        that?") is about its own words plus the topic of the question it follows, and so is one
        with no topic of its own once the council it names is set aside ("how does South Glos
        compare?").
        """
        _, topical = own_topic(question, snap.authorities, snap.authority_index.names_in(question))
        # "do they get help sorting out housing?" after a question on care leavers: "they" are
        # the care leavers, though the question has words enough to stand alone
        leans = standalone != question or not topical or (bool(history) and _THEY_ASKED_ABOUT.match(question))
        earlier = previous_questions(history, self.settings.history_turns) if leans else []
        aliases = [name for asked in (*earlier, question) for name in snap.authority_index.names_in(asked)]
        # "anything on supervison?": a word no report uses, as typed, matches nothing
        topic = conversation_topic([*earlier, question], snap.authorities, aliases)
        # "and neet numbers?": the abbreviation, expanded as "NEET" is
        topic = abbreviations_in_capitals(topic, self.retriever.glossary_of(snap), snap.lower_case_words)
        topic = respelt(topic, snap.words)
        # "do they involve dads?" in the reports' words: "fathers"
        everyday = load_everyday_words(str(self.settings.everyday_words_file))
        return in_the_reports_words(topic, snap.words, everyday)

    def _extractive(self, prepared: Prepared, known_to_speak_of_it: bool = False) -> Answer:
        if not prepared.passages:
            return abstain_answer(prepared.standalone, [])
        return extractive_answer(
            prepared.standalone,
            prepared.query,
            prepared.passages,
            prepared.sentence_vector,
            self.embed_model,
            self.settings.abstain_threshold,
            self.settings.strong_evidence,
            prepared.topic,
            self.retriever.snapshot().templates,
            shortcomings_first=asks_about_shortcomings(prepared.standalone),
            known_to_speak_of_it=known_to_speak_of_it,
            written_out=prepared.written_out,
        )

    def _visit_looked_at_it(self, topic: str, decision: ScopeDecision, wholly: bool = False) -> bool:
        """Whether the one report in scope is a visit whose own line on what it looked at names
        most of the topic's words ("what about Halton's?" on the front door, and Halton's visit
        "looked at the local authority's arrangements for the ‘front door’"): such a report
        speaks of the topic by construction, whatever the fitted answerability guesses.
        ``wholly``: every word, so the whole letter is on the topic (not "children in care's
        health assessments" of a visit on children in care)."""
        report_ids = decision.filters.report_id
        if len(report_ids) != 1:
            return False
        focus = self.retriever.snapshot().facts(report_ids[0]).of("focus")
        asked = terms(topic) - _FOLLOW_UP_TERMS - _EVALUATIVE_TERMS - INTENT_WORDS - _REPORT_WORDS
        shared = asked & terms(focus[0].line) if focus else set()
        if wholly:
            return bool(asked) and shared == asked
        return bool(shared) and 2 * len(shared) >= len(asked)

    # ---- completeness: every mention -------------------------------------------------
    def mentions(
        self, topic: str, filters: Filters | dict | None = None, limit: int | None = None
    ) -> Mentions:
        """Every mention of the topic in the reports the filters allow (`answering.mentions`):
        each sentence using its words (or a glossary form's), and each passage this close in
        meaning (``mentions_threshold``), grouped by report, oldest first."""
        topic = clean_question(topic)
        filters = filters if isinstance(filters, Filters) else Filters.from_dict(filters or {})
        snap = self.retriever.snapshot()
        mask = self.retriever.mask(resolve(filters, snap.records), snap)
        glossary = self.retriever.glossary_of(snap)
        vector = self.retriever.embed_query(expand_query(topic, glossary))
        return find_mentions(snap, topic, mask, glossary, vector, self.settings.mentions_threshold, limit)

    def quotes(self, topic: str, limit: int = 10, filters: Filters | dict | None = None) -> Quotes:
        """Up to ``limit`` verbatim quotes on a topic, each with its citation line, critical and
        positive findings in turn (`answering.quotes`); says when the reports hold fewer."""
        from answering.extractive import MAX_EMBEDDED_SENTENCES, candidate_sentences
        from answering.ranker import load_ranker

        limit = max(1, limit)
        prepared = self.prepare(
            topic, None, filters, mode="extractive", k=max(self.settings.top_k, 2 * limit)
        )
        scope = prepared.decision.description
        if prepared.early is not None:  # nothing in scope, or a report fact ("lead inspector")
            early = prepared.early
            found = early.citations[:limit]
            return Quotes(topic, found, limit, len(early.citations), scope, "" if found else early.text)
        passages = prepared.passages
        if not passages:
            return Quotes(topic, [], limit, 0, scope, abstain_answer(topic, []).text)
        snap = self.retriever.snapshot()
        candidates, features = candidate_sentences(
            prepared.standalone,
            prepared.query,
            passages,
            prepared.sentence_vector,
            self.embed_model,
            prepared.topic,
            snap.templates,
            most=max(MAX_EMBEDDED_SENTENCES, 4 * limit),
            written_out=prepared.written_out,
        )
        ranker = load_ranker()
        probabilities = ranker.comparable(ranker.score(features)) if candidates else np.zeros(0)
        citations, available, critical = pick_quotes(candidates, probabilities, passages, limit)
        message = "" if citations else abstain_answer(topic, passages).text
        return Quotes(topic, citations, limit, available, scope, message, critical)

    # ---- report facts --------------------------------------------------------------------
    def judgements(self, filters: Filters | dict | None = None) -> list[dict]:
        """One row per report and judgement area, each with its page and verbatim line."""
        from reportqa.facts_table import judgement_rows

        filters = filters if isinstance(filters, Filters) else Filters.from_dict(filters or {})
        return judgement_rows(self.retriever, resolve(filters, self.retriever.snapshot().records))

    # ---- the cited page ------------------------------------------------------------------
    def cited_page(self, citation: Citation) -> PageImage | TextView | str:
        """The page a citation quotes, rendered from the report's own PDF with the quote marked
        (`reportqa.page_view`); for a text report, its paragraphs with the quote marked; or why
        it cannot be shown. Only files of indexed reports are read."""
        from reportqa.page_view import render_page, render_text

        record = self.reports().get(citation.report)
        source = Path(str((record or {}).get("source_path", "")))
        if record is None or not source.is_file():
            return "The report's file is not available any more (it was moved or removed)."
        if source.suffix.lower() != ".pdf":
            return render_text(source, citation.quote)
        passage = self.retriever.snapshot().passage(citation.chunk_id)
        first = int(passage.meta.get("page_index", 1)) - 1 if passage else 0
        cited = citation.page.split("–")[0]
        preferred = [int(cited) - 1] if cited.isdigit() else []
        return render_page(source, citation.quote, [*preferred, first, first + 1, first - 1, first + 2])

    # ---- reports -----------------------------------------------------------------------
    def reports(self) -> dict[str, dict]:
        """Indexed reports, as of the in-memory snapshot (so still listed while a server is down)."""
        return self.retriever.snapshot().records

    # ---- LLM ---------------------------------------------------------------------------
    @property
    def llm_available(self) -> bool:
        return self.settings.llm_configured

    @property
    def llm(self):
        if self._llm is None:
            from answering.generative import build_llm

            self._llm = build_llm(self.settings)
        return self._llm


def _passages_of(snap, report_id: str) -> Iterator[Passage]:
    """A report's passages in reading order, made as they are read (a search may stop early)."""
    return (snap.passage_at(int(row)) for row in snap.rows_by_report.get(report_id, ()))
