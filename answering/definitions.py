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

from answering.extractive import sentences_of
from retrieval.hybrid import Passage

# Two to ten capitals, perhaps joined by "&", perhaps a plural "s": "FFAP", "A&I", "PAs". Bounded,
# so a question of capitals and ampersands costs linear time, not quadratic.
_ABBREVIATION = r"(?P<abbr>[A-Z][A-Z&]{0,8}[A-Z]s?)"
# After the abbreviation, what shows it is the thing asked about, not a word qualifying another:
# "what is the FFAP in North East Lincs?", not "what is the CQC rating for adult social care?".
_ENDS_THE_THING = r"(?=\s*($|[?,.;:!(–—-]|(?i:\b(in|at|and|that|they|mentioned|referred|used)\b)))"
# The asking words in any case ("(?i:…)"), the abbreviation in capitals as the reports write it.
_ASKS_MEANING = tuple(
    re.compile(pattern)
    for pattern in (
        rf"(?i:\bwhat\s*(is|are|was|were|['’]s)\s+(the\s+|an?\s+)?){_ABBREVIATION}\b{_ENDS_THE_THING}",
        rf"(?i:\bwhat\s+(does|do|did)\s+(the\s+)?){_ABBREVIATION}(?i:\s+(stand|mean|refer))",
        rf"(?i:\b(mean|meant)\s+by\s+(the\s+)?){_ABBREVIATION}\b",
        rf"(?i:\b(meaning|definition)\s+of\s+(the\s+)?){_ABBREVIATION}\b",
        rf"(?i:\b(is|does)\s+(the\s+)?){_ABBREVIATION}(?i:\s+(short|stand)\s+for)",
        # "oldham focused visit 2025 mentions A&I - what's that"
        rf"\b{_ABBREVIATION}\b[^?]{{0,60}}(?i:\bwhat\s*(['’]s|is|does)\s+(that|it|this))",
    )
)


def abbreviation_asked(question: str) -> str:
    """The abbreviation whose meaning the question asks for; "" when it asks no such thing."""
    for pattern in _ASKS_MEANING:
        match = pattern.search(question)
        if match:
            return match.group("abbr")
    return ""


def _spelt_out_at(abbreviation: str) -> re.Pattern:
    """Where a text introduces the abbreviation: in brackets, singular or plural ("(PA)", "(PAs)")."""
    stem = abbreviation[:-1] if abbreviation.endswith("s") and len(abbreviation) > 2 else abbreviation
    return re.compile(rf"\(\s*(?:the\s+)?{re.escape(stem)}s?\s*\)")


def defining_sentence(
    abbreviation: str, passages: Iterable[Passage], templates: frozenset[str] = frozenset()
) -> tuple[str, Passage, int] | None:
    """The first sentence, in the order of ``passages`` (one report's, in reading order), that
    spells the abbreviation out: ``(quote, passage, start)``; None when none does."""
    introduced = _spelt_out_at(abbreviation)
    for passage in passages:
        if not introduced.search(passage.text):
            continue
        for sentence in sentences_of(passage, 0, templates):
            if introduced.search(sentence.text):
                return sentence.text, passage, sentence.start
    return None
