"""Abbreviations the reports define themselves: "a regional adoption agency (RAA)".

The glossary (`retrieval.glossary`) holds the abbreviations of the trade, written by hand.
Reports also spell out their own and their council's ("Partners in Change (PIC)", "the
single point of access (SPA)"), and a reader asks with the short form ("which RAA is Waltham
Forest part of?") where the report may write only the long one. Reading the definitions from
the indexed text finds every abbreviation any report defines, with no list to keep.

The long form is found by the Schwartz–Hearst algorithm (A. Schwartz and M. Hearst, "A simple
algorithm for identifying abbreviation definitions in biomedical text", PSB 2003): each
letter of the short form, from its last, is matched in the words before the bracket, the first
letter at the start of a word. The one PyPI package of it configures the root logger when
imported, so the forty lines are here.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

# "(RAA)", "(CiCC)", "(EHaSH)", "(V4C)": a short form in brackets, no spaces, with at least two
# capitals, so that "(Ofsted)", "(Cafcass)" or "(see below)" are not read as abbreviations.
_IN_BRACKETS = re.compile(r"\(([A-Za-z][A-Za-z0-9&+]{1,9})\)")
_SENTENCE_END = re.compile(r"[.;:!?]\s")
# At most this many long forms kept for one short form ("IRO": "independent reviewing officer",
# "independent reviewing officers").
_MOST_LONG_FORMS = 3


_NO_FIRST_WORD = frozenset({"and", "of", "the", "for", "in", "or", "to", "with"})


def _long_form(short: str, before: str) -> str | None:
    """The end of ``before`` that ``short`` abbreviates (Schwartz–Hearst), or None."""
    s, i = len(short) - 1, len(before) - 1
    while s >= 0:
        letter = short[s].lower()
        if not letter.isalnum():
            s -= 1
            continue
        # The first letter of the short form must begin a word of the long form.
        while i >= 0 and (before[i].lower() != letter or (s == 0 and i > 0 and before[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return before[before.rfind(" ", 0, i + 1) + 1 :].strip()


def definitions_in(text: str) -> list[tuple[str, str]]:
    """(short form, long form) for each abbreviation ``text`` defines in brackets."""
    found = []
    for match in _IN_BRACKETS.finditer(text):
        short = match.group(1)
        if sum(ch.isupper() for ch in short) < 2:
            continue
        sentence = _SENTENCE_END.split(text[max(0, match.start() - 300) : match.start()])[-1]
        letters = sum(ch.isalnum() for ch in short)
        words = sentence.split()[-min(letters + 5, letters * 2) :]  # the paper's window
        long_form = _long_form(short, " ".join(words))
        if (
            long_form
            and len(long_form) > len(short)
            and short.lower() not in long_form.lower().split()
            and not re.search(r"[()]", long_form)  # "(HMI), Karen Wareing": a name after an earlier bracket
            # "assessed and supported year in employment (ASYE)" read from its "and": a fragment
            and long_form.split()[0].lower() not in _NO_FIRST_WORD
        ):
            found.append((short, long_form.strip(" ,‘’'\"").lower()))
    return found


def defined_abbreviations(councils: Iterable[Iterable[str]]) -> dict[str, tuple[str, ...]]:
    """Each short form that more than one council's reports define the same way (``councils``:
    the texts of each council's reports), with its long forms, the most councils' first. One
    council's "NAS" (its adolescent service) is its own name, for its reports to spell out
    (`answering.definitions`); "RAA" defined alike by several councils is the trade's, and
    means the same in a question about any council."""
    councils_of: dict[str, Counter] = defaultdict(Counter)
    for texts in councils:
        for short, long_form in {pair for text in texts for pair in definitions_in(text)}:
            councils_of[short][long_form] += 1
    return {
        short: tuple(form for form, n in forms.most_common(_MOST_LONG_FORMS) if n > 1)
        for short, forms in councils_of.items()
        if forms.most_common(1)[0][1] > 1
    }


def as_lines(defined: dict[str, tuple[str, ...]]) -> frozenset[str]:
    """The definitions as "SHORT<TAB>long form" lines, as the snapshot file saves word sets."""
    return frozenset(f"{short}\t{form}" for short, forms in defined.items() for form in forms)


def from_lines(lines: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """The definitions back from `as_lines`, each short form's long forms in alphabetical order
    (a set of lines keeps no order; the order only lists the forms a question is expanded with)."""
    defined: dict[str, list[str]] = defaultdict(list)
    for line in sorted(lines):
        short, _, form = line.partition("\t")
        defined[short].append(form)
    return {short: tuple(forms) for short, forms in defined.items()}


def not_in_glossary(defined: dict[str, tuple[str, ...]], glossary: dict[str, tuple[str, ...]]) -> dict:
    """The definitions whose short form (or its singular or plural) the glossary has not: the
    glossary's entries are chosen, the reports' are whatever a report wrote."""
    known = {key.lower().removesuffix("s") for key in glossary}
    return {short: forms for short, forms in defined.items() if short.lower().removesuffix("s") not in known}
