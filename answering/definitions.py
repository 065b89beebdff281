"""What a report's abbreviation stands for, read from the report that uses it.

Councils name their own teams and services ("the Families First Access Point (FFAP)", "the
Assessment and Intervention team (A&I)"), and a report spells each name out once, the first
time it uses it, with the abbreviation in brackets after it. "What is the FFAP in North East
Lincs?" is answered by that sentence: found by its brackets, not by how close its words are to
the question's, which share nothing with it but the letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from answering.extractive import sentences_of
from retrieval.passage import Passage

# Two to ten capitals, perhaps joined by "&", perhaps a plural "s": "FFAP", "A&I", "PAs". Bounded,
# so a question of capitals and ampersands costs linear time, not quadratic.
_ABBREVIATION = r"(?P<abbr>[A-Z][A-Z&]{0,8}[A-Z]s?)"
# After the abbreviation, what shows it is the thing asked about, not a word qualifying another:
# "what is the FFAP in North East Lincs?", not "what is the CQC rating for adult social care?".
# What follows "in"/"at"/"and" is checked by the caller (`Asked.rest`): only report-picking words.
_NOTHING_QUALIFIED_FOLLOWS = r"(?=\s*($|[?,.;:!(–—-]|(?i:\b(in|at|and|that|they|mentioned|referred|used)\b)))"
_QUOTED = r"[\"“‘']?"  # 'What does "FFAP" mean?'
# The asking words in any case ("(?i:…)"), the abbreviation in capitals as the reports write it.
_ASKS_MEANING = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?i:\bwhat\s*(is|are|was|were|['’]s)\s+(the\s+|an?\s+)?){_QUOTED}{_ABBREVIATION}\b"
        rf"{_QUOTED}{_NOTHING_QUALIFIED_FOLLOWS}",
        rf"(?i:\bwhat\s+(does|do|did)\s+(the\s+)?){_QUOTED}{_ABBREVIATION}{_QUOTED}(?i:\s+(stand|mean|refer))",
        rf"(?i:\b(mean|meant)\s+by\s+(the\s+)?){_QUOTED}{_ABBREVIATION}\b",
        rf"(?i:\b(meaning|definition)\s+of\s+(the\s+)?){_QUOTED}{_ABBREVIATION}\b",
        rf"(?i:\b(is|does|['’]s)\s+(the\s+)?){_QUOTED}{_ABBREVIATION}{_QUOTED}(?i:\s+(short|stand)\s+for)",
        # "oldham focused visit 2025 mentions A&I - what's that": asked at the end, or "what is it"
        # would be any question after a grade ("Kent got RI in 2019 - what is it now?")
        rf"\b{_ABBREVIATION}\b[^?]{{0,60}}(?i:\bwhat\s*(['’]s|is|does)\s+(that|it|this)"
        r"(\s+(mean|stand\s+for))?)(?=\W*$)",
    )
)


@dataclass(frozen=True)
class Asked:
    """An abbreviation asked about, and the rest of the question's sentence after the asking:
    "in North East Lincs" picks reports; "in Lincs rated" asks something else."""

    abbreviation: str
    rest: str


def abbreviation_asked(question: str) -> Asked | None:
    """The abbreviation whose meaning the question asks for; None when it asks no such thing.
    A question in capitals throughout ("WHAT IS THE JUDGEMENT?") has no abbreviations to tell."""
    letters = [c for c in question if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > 0.6 * len(letters):
        return None
    for pattern in _ASKS_MEANING:
        match = pattern.search(question)
        if match:
            return Asked(match.group("abbr"), question[match.end() :].split("?")[0])
    return None


def _introduced_pattern(abbreviation: str) -> re.Pattern:
    """Where a text introduces the abbreviation: in brackets, singular or plural ("(PA)", "(PAs)")."""
    stem = abbreviation[:-1] if abbreviation.endswith("s") and len(abbreviation) > 2 else abbreviation
    return re.compile(rf"\(\s*(?:the\s+)?{re.escape(stem)}s?\s*\)")


def defining_sentence(
    abbreviation: str, passages: Iterable[Passage], templates: frozenset[str] = frozenset()
) -> tuple[str, Passage, int] | None:
    """The first sentence, in the order of ``passages`` (one report's, in reading order), that
    spells the abbreviation out: ``(quote, passage, start)``; None when none does."""
    introduced = _introduced_pattern(abbreviation)
    for passage in passages:
        if not introduced.search(passage.text):
            continue
        for sentence in sentences_of(passage, 0, templates):
            if introduced.search(sentence.text):
                return sentence.text, passage, sentence.start
    return None
