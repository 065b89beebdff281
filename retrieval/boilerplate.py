"""Template sentences, recognised by how many reports contain them.

Ofsted letters and reports repeat set sentences with only the council and dates changed
("This letter summarises the findings of the focused visit to … on …", "Ofsted will take
the findings from this focused visit into account …"). They are true but say nothing
about the question, and quoting them as evidence misleads. A sentence's *shape* is its
lower-case words of four letters or more, in order (names, numbers and dates are
capitalised or digits, and short words like "of the" vary with the council's name, so
they drop out); a shape found in many different reports is a template. No list of phrases:
the corpus itself says what recurs, so new templates are caught as reports arrive.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping

_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_LOWER_WORD = re.compile(r"\b[a-z][a-z’']{3,}\b")  # lower-case words of four letters or more
SHAPE_WORDS = 10  # a template is recognised by its first such words
MIN_SHAPE_WORDS = 6  # shorter shapes ("workers visit children regularly") are ordinary findings
# A shape is a template when at least this share of the indexed reports (and never fewer
# than MIN_REPORTS) contain it: a real finding is rarely worded identically in 1.5 % of reports
# (chosen by reading the shapes it flags at 315 reports, not by scoring any QA set).
SHARE_OF_REPORTS = 0.015
MIN_REPORTS = 5


def shape(sentence: str) -> str:
    # "children’s" and "children's" are one word: reports use both apostrophes for one sentence
    words = _LOWER_WORD.findall(sentence.replace("’", "'"))
    return " ".join(words[:SHAPE_WORDS]) if len(words) >= MIN_SHAPE_WORDS else ""


def shape_reports(passages: Iterable[tuple[object, str]]) -> Counter[str]:
    """How many reports each sentence shape occurs in, from ``(report, text)`` pairs.

    Kept with a snapshot, so that after an upload the counts are updated by the reports that
    came and went (`Counter` arithmetic) instead of counted again over every passage."""
    pairs = {(key, report) for report, text in passages for key in map(shape, _SENTENCE.split(text)) if key}
    return Counter(key for key, _ in pairs)


def templates_of(counts: Mapping[str, int], reports: int) -> frozenset[str]:
    """The shapes of ``counts`` found in enough of ``reports`` reports to be templates."""
    needed = max(MIN_REPORTS, SHARE_OF_REPORTS * reports)
    return frozenset(key for key, found in counts.items() if found >= needed)
