"""Every mention of a topic in the reports in scope, for briefing writers who must not miss one.

A mention is found two ways, and each says which:

- **in the text**: a sentence that contains every word of the topic, or of one of its
  glossary forms ("CAMHS" or "child and adolescent mental health services"), compared by
  English stem, so "supervision" finds "supervised" and "supervising". The stored passages
  are narrowed with the lexical index's postings (exact: a passage lacking a stem has no
  posting for it), then each sentence is checked, so one passage can hold several mentions.
- **in meaning**: a passage whose embedding is at least ``mentions_threshold`` similar to
  the topic though it never uses its words; its sentence sharing most words with the topic
  is quoted (its first when none does).

Mentions are quoted as whole sentences with the page each is on, grouped by report, oldest
report first. ``evaluation.mentions_check`` measures the text half against a plain stemmed
search over the stored passages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from answering.citations import Citation, citation_from_passage
from indexing.chunking import passage_sentences
from retrieval.glossary import abbreviations, expansions
from retrieval.passage import Passage
from retrieval.stemming import stems

# Words that carry no topic ("what did they say about …"); the rest must all be present.
_NOT_TOPIC_WORDS = (
    "a an and are as at be by did do does for from how in is it its of on or say said says "
    "the their they to was were what when where which who with about any every mention "
    "mentions ofsted report reports inspectors"
)
_NOT_TOPIC = frozenset(stems(_NOT_TOPIC_WORDS))


def topic_forms(topic: str, glossary: dict[str, tuple[str, ...]]) -> list[frozenset[str]]:
    """The stems each form of the topic needs: the topic itself and, for an abbreviation, its long
    forms (or for a long form, the abbreviation). The glossary's other entries relate terms
    for retrieval ("care leavers" → "pathway plans"); a related term is no mention."""
    forms = []
    for form in [topic, *expansions(topic, abbreviations(glossary))]:
        needed = frozenset(stems(form) - _NOT_TOPIC)
        if needed and needed not in forms:
            forms.append(needed)
    return forms


@dataclass
class Mentions:
    topic: str
    passages: list[Citation]  # one per mention (a sentence), grouped by report, oldest first
    counts: dict[str, int] = field(default_factory=dict)  # mentions per report
    in_text: int = 0  # mentions found by the topic's words
    in_meaning: int = 0  # passages found by meaning alone
    total: int = 0  # all mentions, however many ``passages`` holds
    how: dict[int, str] = field(default_factory=dict)  # citation n -> "text" or "meaning"


def _sentences(text: str) -> list[tuple[int, str]]:
    return [(start, sentence) for _, start, sentence in passage_sentences(text)]


def _closest(sentences: list[tuple[int, str]], forms: list[frozenset[str]]) -> tuple[int, str]:
    """The sentence sharing most words with the topic's forms (the first of equals)."""
    words = set().union(*forms) if forms else set()
    return max(sentences, key=lambda s: (len(words & stems(s[1])), -s[0]))


def find_mentions(
    snap,
    topic: str,
    mask: np.ndarray | None,
    glossary: dict[str, tuple[str, ...]],
    topic_vector: np.ndarray,
    threshold: float,
    limit: int | None = None,
) -> Mentions:
    """Every mention of ``topic`` in the rows ``mask`` allows (all rows when None); with
    ``limit``, the oldest ``limit`` of them, and ``total`` says how many there are."""
    forms = topic_forms(topic, glossary)
    allowed = np.ones(len(snap.ids), dtype=bool) if mask is None else mask
    rows_with_words: set[int] = set()
    for needed in forms:
        rows = snap.lexical.rows_with_all(needed)
        rows_with_words |= {int(r) for r in rows if allowed[r]}
    found: list[tuple[int, int, str, str]] = []  # (row, offset, sentence, how)
    for row in rows_with_words:
        sentences = _sentences(snap.texts[row]) or [(0, snap.texts[row])]
        whole = [
            (offset, sentence) for offset, sentence in sentences if any(f <= stems(sentence) for f in forms)
        ]
        # The words spread over sentences, or in the passage's heading only: the passage still
        # mentions the topic; its sentence with most of the words is quoted.
        for offset, sentence in whole or [_closest(sentences, forms)]:
            found.append((row, offset, sentence, "text"))
    in_text = len(found)
    quoted_rows = {row for row, *_ in found}
    cosines = snap.vectors @ topic_vector if len(snap.ids) else np.zeros(0)
    if len(snap.ids):
        similar = np.flatnonzero((cosines >= threshold) & allowed)
        for row in (int(r) for r in similar):
            if row in quoted_rows:
                continue
            sentences = _sentences(snap.texts[row]) or [(0, snap.texts[row])]
            found.append((row, *_closest(sentences, forms), "meaning"))
    found.sort(
        key=lambda f: (
            int(snap.metas[f[0]].get("date_ord") or 0),
            str(snap.metas[f[0]].get("report_id", "")),
            int(snap.metas[f[0]].get("position", 0)),
            f[1],
        )
    )
    result = Mentions(topic, [], in_text=in_text, in_meaning=len(found) - in_text, total=len(found))
    for n, (row, offset, sentence, how) in enumerate(found[:limit], 1):
        passage = Passage(snap.ids[row], snap.texts[row], snap.metas[row])
        result.passages.append(citation_from_passage(n, sentence, passage, offset, float(cosines[row])))
        result.how[n] = how
        result.counts[passage.report_id] = result.counts.get(passage.report_id, 0) + 1
    return result
