"""The default answer: the report sentences that answer the question, quoted verbatim.

Sentences of the top passages are scored by embedding similarity to the question plus
overlap with its (glossary-expanded) terms; the best are quoted exactly as stored,
grouped by report, each with a numbered citation. The only words in the answer that the
reports do not contain are the lead line and the report headings. Weak evidence means
abstaining, with the nearest passages listed as possibly related. No randomness: the
same index and question give the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import Stemmer

from answering.citations import Answer, Citation, citation_from_passage, human_date
from indexing.chunking import split_sentences
from retrieval.hybrid import Passage

_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = """
a an and are as at be by did do does for from has have how in inspectors is it of on or
report reports said say says that the their there they this to was were what when where
which who why with about any anything tell me you your our we i ofsted find found findings
finding look looked
"""
_STOP = frozenset(_STOP_WORDS.split())  # question scaffolding, not topic words
MAX_QUOTES = 6
MAX_PER_PASSAGE = 2


@dataclass
class _Sentence:
    passage_rank: int
    start: int
    text: str
    score: float = 0.0
    cosine: float = 0.0

    @cached_property
    def terms(self) -> set[str]:
        return _terms(self.text)


_BOILERPLATE = re.compile(
    r"^(please\s+)?(can you\s+)?(tell me\s+)?(what|how)\s+(did|do|does|have|has)\s+"
    r"(the\s+)?(inspectors?|ofsted|reports?|inspection|visit|letter)\s+"
    r"(say|said|find|found|write|wrote|report|reported|conclude|concluded|note|noted|think)\s*"
    r"(about|on|regarding|of|concerning)?\s+|^(tell me about|what about|anything on|information on)\s+",
    re.IGNORECASE,
)


def topic_of(question: str) -> str:
    """The subject of a question, without 'what did inspectors say about' scaffolding.

    Scaffolding words match almost every report sentence ("Inspectors looked at..."),
    so they would make any question look answered.
    """
    stripped = _BOILERPLATE.sub("", question.strip()).strip(" ?.!")
    stripped = re.sub(r"\b(take|took|taken|taking) place\b|\bhappen(ed|s)?\b", "", stripped).strip()
    return stripped or question


_STEMMER = Stemmer.Stemmer("english")


_SELECTOR = re.compile(
    r"\b(the\s+)?(19|20)\d{2}\s+(focused\s+visit|monitoring\s+visit|inspection|visit|report|letter)s?\b"
    r"|\bthe\s+(focused|monitoring)\s+visits?\b"
    r"|\b(in|from|of)\s+(19|20)\d{2}\b|\b(19|20)\d{2}\b",
    re.IGNORECASE,
)


def strip_selectors(topic: str, authorities: set[str]) -> str:
    """The topic without words that only pick a report: years, report types, authority names.

    "What did the 2025 focused visit to Wiltshire find about chronologies?" is about
    chronologies; the rest chooses the report, which retrieval hints already do.
    """
    text = _SELECTOR.sub(" ", topic)
    for authority in sorted(authorities, key=len, reverse=True):
        if authority:
            text = re.sub(
                rf"\b(in|for|at|of|by|to)?\s*{re.escape(authority)}(['’]s)?\b", " ", text, flags=re.IGNORECASE
            )
    text = re.sub(r"\s+", " ", text).strip(" ,?.!")
    return text if len(_terms(text)) >= 1 else topic


def _terms(text: str) -> set[str]:
    """Stemmed content words ('matching' ~ 'matched', 'fostering' ~ 'foster')."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1]
    return set(_STEMMER.stemWords(words))


_DATE = re.compile(
    r"\b(\d{1,2}\s+)?(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+\d{4}\b|\b(19|20)\d{2}\b"
)
_NAME_LIST = re.compile(
    r"\b[A-Z][a-z]+ [A-Z][a-z’'-]+(, [A-Z][a-z]+ [A-Z][a-z’'-]+)*( and [A-Z][a-z]+ [A-Z][a-z’'-]+)"
)
_PEOPLE = re.compile(r"Inspectors? (for this visit )?(were|was)|Lead inspector|His Majesty|Her Majesty")


def answer_type_bonus(question: str, sentence: str) -> float:
    """A 'when' question is answered by a sentence with a date, a 'who' question by names."""
    q = question.lower()
    if re.match(r"\s*(when|what (date|dates|year))\b", q) and _DATE.search(sentence):
        return 0.2
    if re.match(r"\s*(who|which inspectors?|whom)\b", q) and (
        _PEOPLE.search(sentence) or _NAME_LIST.search(sentence)
    ):
        return 0.2
    return 0.0


_SENTENCE_CACHE: dict[str, np.ndarray] = {}
_SENTENCE_CACHE_MAX = 50_000


def _embed_sentences(texts: list[str], embed_model) -> np.ndarray:
    """Sentence vectors, cached: popular passages recur across questions."""
    missing = [t for t in dict.fromkeys(texts) if t not in _SENTENCE_CACHE]
    if missing:
        if len(_SENTENCE_CACHE) + len(missing) > _SENTENCE_CACHE_MAX:
            _SENTENCE_CACHE.clear()
        vectors = embed_model.get_text_embedding_batch(
            [" ".join(t.split()[:SENTENCE_EMBED_WORDS]) for t in missing]
        )
        for text, vector in zip(missing, vectors):
            _SENTENCE_CACHE[text] = np.asarray(vector, dtype=np.float32)
    return np.stack([_SENTENCE_CACHE[t] for t in texts])


def sentences_of(passage: Passage, rank: int) -> list[_Sentence]:
    found = []
    offset = 0
    for unit in passage.text.split("\n\n"):
        for start, end in split_sentences(unit):
            text = unit[start:end].strip()
            if len(text.split()) >= 4 and not text.endswith(":"):
                found.append(
                    _Sentence(
                        rank, offset + start + (len(unit[start:end]) - len(unit[start:end].lstrip())), text
                    )
                )
        offset += len(unit) + 2
    return found


MAX_EMBEDDED_SENTENCES = 16
SENTENCE_EMBED_WORDS = 48  # a sentence is judged by its first words: long ones cost most to embed


def _shortlist(sentences: list[_Sentence], terms: set[str]) -> list[_Sentence]:
    """The sentences worth embedding: all of the two best passages, then those sharing terms.

    Embedding every sentence of six passages dominated answer latency; a sentence that
    shares no term with the question and is not in a top passage is almost never quoted.
    """
    if len(sentences) <= MAX_EMBEDDED_SENTENCES:
        return sentences
    ranked = sorted(
        sentences,
        key=lambda s: (s.passage_rank > 1, -len(terms & s.terms), s.passage_rank, s.start),
    )
    return ranked[:MAX_EMBEDDED_SENTENCES]


def abstain_answer(question: str, passages: list[Passage]) -> Answer:
    related = [citation_from_passage(i, p.text[:300], p) for i, p in enumerate(passages[:3], 1)]
    topic = question.strip().rstrip("?.!") or "this question"
    text = f"The indexed reports don't appear to cover “{topic}”."
    if related:
        text += " The nearest passages are listed as possibly related; none answers the question directly."
    return Answer(
        question=question,
        text=text,
        citations=[],
        abstained=True,
        related=related,
        nothing_found="not-covered",
    )


def extractive_answer(
    question: str,
    retrieval_query: str,
    passages: list[Passage],
    query_vector: np.ndarray,
    embed_model,
    min_similarity: float,
    strong_similarity: float,
    topic: str = "",
) -> Answer:
    """Quote the best sentences, or abstain when no sentence is real evidence.

    Evidence is a sentence very close to the question in meaning (``strong_similarity``),
    or reasonably close (``min_similarity``) while sharing at least half of the
    question's content terms, glossary expansions included.
    """
    topic_terms = _terms(topic or topic_of(question))
    expanded_terms = _terms(retrieval_query)
    candidates = _shortlist(
        [s for rank, p in enumerate(passages) for s in sentences_of(p, rank)], expanded_terms | topic_terms
    )
    if not candidates:
        return abstain_answer(question, passages)
    cosines = _embed_sentences([s.text for s in candidates], embed_model) @ query_vector
    has_evidence = False
    section_terms = [_terms(str(p.meta.get("section", ""))) for p in passages]
    top_score = max(p.score for p in passages) or 1.0
    prior = [0.2 * p.score / top_score for p in passages]  # fused rank, incl. year/authority hints
    for sentence, cosine in zip(candidates, cosines):
        sentence_terms = sentence.terms
        overlap = len(expanded_terms & sentence_terms) / max(1, len(expanded_terms))
        in_section = len(topic_terms & section_terms[sentence.passage_rank]) / max(1, len(topic_terms))
        coverage = len(topic_terms & sentence_terms) / max(1, len(topic_terms)) if topic_terms else 0.0
        sentence.cosine = float(cosine)
        # The passage's fused score matters a little: it has seen both retrievers and the hints.
        # A sentence under a heading that names the topic ("What needs to improve?") counts too.
        typed = answer_type_bonus(question, sentence.text)
        sentence.score = (
            float(cosine) + 0.35 * overlap + 0.5 * in_section + prior[sentence.passage_rank] + typed
        )
        if in_section >= 0.99 and topic_terms:
            has_evidence = True
        if typed and (coverage >= 0.5 or cosine >= min_similarity - 0.1):
            has_evidence = True
        if coverage >= 0.99 and len(topic_terms) >= 2 and cosine >= min_similarity - 0.1:
            has_evidence = True  # every content word of the question, in one sentence
        if cosine >= strong_similarity or (cosine >= min_similarity and (coverage >= 0.5 or overlap >= 0.5)):
            has_evidence = True
    if not has_evidence:
        return abstain_answer(question, passages)
    best = max(s.score for s in candidates)
    chosen: list[_Sentence] = []
    per_passage: dict[int, int] = {}
    for sentence in sorted(candidates, key=lambda s: (-s.score, s.passage_rank, s.start)):
        if len(chosen) >= MAX_QUOTES or sentence.score < 0.75 * best:
            break
        if per_passage.get(sentence.passage_rank, 0) >= MAX_PER_PASSAGE:
            continue
        per_passage[sentence.passage_rank] = per_passage.get(sentence.passage_rank, 0) + 1
        chosen.append(sentence)

    # Group by report (best report first), then in reading order within a report.
    report_order: list[str] = []
    for sentence in chosen:
        rid = passages[sentence.passage_rank].report_id
        if rid not in report_order:
            report_order.append(rid)
    ordered = sorted(
        chosen,
        key=lambda s: (
            report_order.index(passages[s.passage_rank].report_id),
            int(passages[s.passage_rank].meta.get("position", 0)),
            s.start,
        ),
    )
    citations: list[Citation] = []
    for n, sentence in enumerate(ordered, 1):
        passage = passages[sentence.passage_rank]
        citations.append(citation_from_passage(n, sentence.text, passage, sentence.start, sentence.cosine))
    return Answer(
        question=question, text=render_extractive(question, citations), citations=citations, abstained=False
    )


def render_extractive(question: str, citations: list[Citation]) -> str:
    reports = len({c.report for c in citations})
    lead = (
        f"What the reports say ({len(citations)} quotes from {reports} report{'s' if reports != 1 else ''}):"
    )
    lines = [lead]
    current = None
    for c in citations:
        if c.report != current:
            current = c.report
            lines.append("")
            lines.append(f"**{c.title}** — {human_date(c.date)}")
        lines.append(f"- “{c.quote}” [{c.n}]")
    return "\n".join(lines)
