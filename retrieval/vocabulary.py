"""Names and terms a question uses that the reports it may quote never mention.

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
from collections.abc import Callable, Iterable
from functools import cache, lru_cache

from rapidfuzz import fuzz, process

from indexing.metadata import MONTH_NUMBERS
from retrieval.glossary import load_glossary, mentions
from retrieval.scope import TYPE_WORDS
from retrieval.stemming import stem as stem_of
from retrieval.stemming import stems as stems_of
from retrieval.stemming import stems_in_order as stems_of_words

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
        if (
            word in skip
            or len(plain) < 3
            or lower in known_names
            or lower in abbreviations
            or (plain.rstrip("s").isupper() and lower.rstrip("s") in abbreviations)  # "SDQs": plural of "SDQ"
            or lower in MONTH_NUMBERS
            # "Which of Wiltshire's FVs …?": a kind of report, which the scope reads
            or any(pattern.fullmatch(plain) for pattern in TYPE_WORDS.values())
            or all(part in MONTH_NUMBERS for part in lower.split("-"))  # "Nov-Dec 2013"
        ):
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
    stem = stem_of(word)
    return any(w in words for w in (stem, f"{stem}s", f"{stem}e", f"{stem}es", f"{stem}ed", f"{stem}ing"))


_LINKS = r"(?:[\s-]+(?:of|and|for|the|in|to|on|with)(?=[\s-]))?[\s-]+"  # "Head of Service", "Multi-Agency"


def spelt_out(abbreviation: str, texts: Iterable[str]) -> str:
    """The capitalised phrase whose initials ``abbreviation`` is, as the first of ``texts``
    using one writes it ("NWD" -> "No Wrong Door"); "" where none does. A report may never
    abbreviate what people abbreviate: it says "No Wrong Door", they ask about "NWD"."""
    letters = abbreviation[:-1] if abbreviation.endswith("s") else abbreviation
    # Three letters at least: two capitalised words are as often a person's name ("AI" is not
    # the inspector "Amanda Ingram").
    if not (3 <= len(letters) <= 6 and letters.isupper() and letters.isalpha()):
        return ""
    pattern = re.compile(r"(?<![\w-])" + _LINKS.join(f"{c}[a-z’']+" for c in letters) + r"(?![\w-])")
    for text in texts:
        found = pattern.search(text)
        if found:
            return found.group(0)
    return ""


RESPELL_AT = 88  # rapidfuzz ratio: "supervison" is supervision misspelt; "groomers" is not "groomed"


def respelt(text: str, words: frozenset[str]) -> str:
    """The text with each lower-case word of six letters or more that no passage uses in any
    form replaced by the one word they use that is a near-spelling of it ("anything on
    supervison?" is about supervision): a word no report uses matches nothing, so as typed it
    only adds noise. Left as typed where no word, or several equally, come near; capitalised
    words may be names, and shorter words are too often another word one letter away."""

    def fix(match: re.Match) -> str:
        word = match.group(0)
        if len(word) < 6 or word in words or _used_in_another_form(word, words):
            return word
        near = process.extract(word, words, scorer=fuzz.ratio, score_cutoff=RESPELL_AT, limit=2)
        if not near or (len(near) == 2 and near[0][1] == near[1][1]):
            return word
        return near[0][0]

    return re.sub(r"(?<![\w’'-])[a-z]+(?![\w’'-])", fix, text)


@lru_cache(maxsize=4)
def load_everyday_words(path: str) -> dict[str, tuple[str, ...]]:
    """Everyday word -> the reports' words for it (`retrieval/everyday.json`), lower-cased."""
    return {word.lower(): forms for word, forms in load_glossary(path).items()}  # the same file format


def in_the_reports_words(text: str, words: frozenset[str], everyday: dict[str, tuple[str, ...]]) -> str:
    """The text with each everyday word (``everyday``: "dads", "expelled") replaced by the first
    of the reports' words for it that the passages use ("fathers", "excluded"). Inspectors write
    in their own register: one report in 315 says "dads", fifty say "fathers". Replaced, not
    added, so the question's terms count the thing once; left as typed where the passages use
    none of the forms (a small index), and where capitalised after the first word (a name)."""

    def plain(match: re.Match) -> str:
        if match.group(0)[0].isupper() and text[: match.start()].strip():
            return match.group(0)  # a capital inside the text: a name ("the Mums Matter project")
        for form in everyday.get(match.group(0).lower(), ()):
            if all(word in words for word in re.findall(r"[a-z]+", form.lower())):
                return form
        return match.group(0)

    return re.sub(r"(?<![\w’'-])[A-Za-z]+(?:-[A-Za-z]+)?(?![\w’'-])", plain, text) if everyday else text


# Words too common to tell a term of art apart ("looked after", "children in need" share them).
_SMALL_WORDS = {"and", "of", "the", "for", "in", "to", "with", "a", "an", "or", "on", "at", "who", "are"}


def stems(text: str) -> set[str]:
    """The English stems of a text's words ("privately fostered" -> privat, foster)."""
    return stems_of(text, ignore=_SMALL_WORDS)


def stem_sequence(text: str) -> str:
    """A text's stems in order, small words left out, each between spaces: " young carer "."""
    return f" {' '.join(stems_of_words(text, ignore=_SMALL_WORDS))} "


def unmentioned_terms(
    question: str,
    groups: list[tuple[str, ...]],
    stems_in_scope: set[str],
    stem_text: Callable[[], str] | None = None,
) -> list[str]:
    """Terms of art the question uses (as written in ``groups``, each a term and its other
    names) that the reports in scope never use under any of those names. "How does Salford
    respond to forced marriage?" cannot be answered from a report that never uses the word
    "marriage". With ``stem_text`` (giving `stem_sequence` of the reports' texts and headings,
    called only when a two-word name needs it) a two-word name counts only where its words
    stand together: a report that speaks of young
    people and of foster carers says nothing of young carers. (Any of the group's
    names will do: a report saying "agency staff" where the question says "agency social
    workers" still speaks of them, and a wrong "not covered" hides an answer.)"""
    missing = []
    together = cache(stem_text) if stem_text is not None else None
    for group in groups:
        used = [term for term in group if mentions(question, term)]
        if used and not any(_used_in(term, stems_in_scope, together) for term in group):
            missing.append(used[0])
    return missing


# A name of two or more capitalised words ("West Midlands Police", "Stockport Grammar School"),
# joined by small words ("Head of Service").
_NAME_RUN = re.compile(r"\b[A-Z][\w’'-]*(?:\s+(?:(?:of|and|for|the)\s+)?[A-Z][\w’'-]*)+")
_NAME_LINKS = {"of", "and", "for", "the"}
_NOT_PART_OF_A_NAME = {
    "what", "how", "who", "when", "where", "which", "why", "did", "does", "do", "is", "are", "was", "were",
    "has", "have", "can", "could", "will", "would", "any", "and", "but", "so", "ok", "in", "at", "for",
    "the", "a", "an", "ofsted", "ofsted's", "ilacs", "sif", "jtai", "hmi", "hmis", "i", "we",
}  # fmt: skip


# What a named body outside children's services is called at its end ("West Midlands Police",
# "Stockport Grammar School", "the High Court"): a question about one asks about that body.
_ORGANISATIONS = {
    "police", "constabulary", "school", "academy", "college", "university", "grammar", "court",
    "hospital", "trust", "prison", "commissioner", "department", "ministry", "charity", "church",
}  # fmt: skip


def unmentioned_names(question: str, council_names: str, stem_text: Callable[[], str]) -> list[str]:
    """Names of bodies (two or more capitalised words ending in `_ORGANISATIONS`: "West Midlands
    Police", "Stockport Grammar") in the question that the reports in scope (``stem_text``:
    `stem_sequence` of their texts) never write with those words together. A question in title
    case names nothing this way.

    The words of the council names the question uses, months and Ofsted's own terms are no
    such name; a name written in the reports in any case ("Front Door") is one they mention.
    """
    words = re.findall(r"[A-Za-z][\w’'-]*", question)
    if len(words) >= 4 and sum(w[0].isupper() for w in words) > len(words) / 2:
        return []  # "What Did Ofsted Say About Care Leavers In Leeds"
    not_a_name = {w.lower() for w in re.findall(r"[\w’'-]+", council_names)} | _NOT_PART_OF_A_NAME
    missing = []
    for run in _NAME_RUN.finditer(question):
        parts = run.group(0).split()
        while parts and parts[0].lower() in _NOT_PART_OF_A_NAME:
            parts.pop(0)
        content = [p for p in parts if p.lower() not in _NAME_LINKS]
        # abbreviations ("CIN and CP plans") are the glossary's business
        if (
            len(content) < 2
            or any(p.isupper() for p in content)
            or any(
                re.sub(r"[’']s$", "", p).lower() in not_a_name or p.lower() in MONTH_NUMBERS for p in content
            )
        ):
            continue
        if content[-1].lower().rstrip("s") not in _ORGANISATIONS:
            continue  # "Home Office immigration applications": a detail, not what is asked about
        name = " ".join(parts)
        if stem_sequence(name) not in stem_text():
            missing.append(name)
    return list(dict.fromkeys(missing))


def _used_in(term: str, stems_in_scope: set[str], stem_text: Callable[[], str] | None) -> bool:
    """All of the term's words in scope; for a two-word term, side by side. Two words make a
    compound that means more than its parts ("young carers", "forced marriage"); a longer name
    is written in more ways ("agency social workers": "agency staff", "social workers from
    agencies"), so its words anywhere are taken as enough."""
    words = stems(term)
    if not words <= stems_in_scope:
        return False
    return stem_text is None or len(words) != 2 or stem_sequence(term) in stem_text()


def merged_groups(groups: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Groups that share a name joined into one ("LAC" and "CLA" both say "children in care")."""
    merged: list[list[str]] = []
    for group in groups:
        names = {term.lower() for term in group}
        joined = [m for m in merged if names & {term.lower() for term in m}]
        target = list(group)
        for m in joined:
            merged.remove(m)
            target = [*m, *(t for t in target if t.lower() not in {x.lower() for x in m})]
        merged.append(target)
    return [tuple(m) for m in merged]
