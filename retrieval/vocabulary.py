"""Names a question uses that no indexed report ever mentions.

A question about "Lutterworth College", "HMP Durham" or "the Star Hobson case" names
something the reports cannot speak about when not one passage uses the name: whatever the
retrieved passages share with the rest of the question, quoting them would answer another
question. This is decided from the words the indexed passages use, not from scores: a
capitalised word of three letters or more inside the question (not its first word, not a
council name the scope already read, not a glossary abbreviation) that no passage uses, in
any form with the same English stem, and that is not a near-spelling of a word they do use
("Ofstead").
"""

from __future__ import annotations

import re

import Stemmer
from rapidfuzz import fuzz, process

_STEMMER = Stemmer.Stemmer("english")
_CAPITALISED = re.compile(r"(?<![\w’'-])([A-Z][\w’'-]*)")
NEAR_SPELLING = 85  # rapidfuzz ratio: "Ofstead" is Ofsted misspelt, not a name of its own


def unknown_names(question: str, words: frozenset[str], council_names: str, glossary: dict) -> list[str]:
    """The capitalised words of ``question`` that no indexed passage uses (``words``: every word
    they use, lower-cased), in question order."""
    first = re.match(r"\W*(\w+)", question)
    skip = {first.group(1)} if first else set()
    skip |= set(re.findall(r"(?<=[.?!:;])\s*[\"“‘(]*([A-Z][\w’'-]*)", question))  # sentence starts
    known_names = {w.lower() for w in re.findall(r"[\w’'-]+", council_names)}
    abbreviations = {k.lower() for k in glossary} | {k.lower().rstrip("s") for k in glossary}
    unknown = []
    for word in _CAPITALISED.findall(question):
        plain = re.sub(r"[’']s$", "", word).strip("’'-")
        lower = plain.lower()
        if word in skip or len(plain) < 3 or lower in known_names or lower in abbreviations:
            continue
        parts = [part for part in re.findall(r"[a-z]+", lower) if len(part) >= 3]  # "COVID-19", "Girls'"
        if lower in words or all(part in words or _used_in_another_form(part, words) for part in parts):
            continue
        if process.extractOne(lower, words, scorer=fuzz.ratio, score_cutoff=NEAR_SPELLING):
            continue
        unknown.append(plain)
    return list(dict.fromkeys(unknown))


def _used_in_another_form(word: str, words: frozenset[str]) -> bool:
    """ "Sundays" where the passages say "Sunday": the same stem, another ending."""
    stem = _STEMMER.stemWord(word)
    return any(w in words for w in (stem, f"{stem}s", f"{stem}e", f"{stem}es", f"{stem}ed", f"{stem}ing"))
