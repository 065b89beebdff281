"""Social-care vocabulary: abbreviations and long forms matched both ways.

"mental health waiting lists" must find "waiting lists for CAMHS", and "PA" must find
"personal adviser". The glossary is a JSON data file users extend; expansion only adds
terms to the query the retrievers see, never to what is shown or quoted.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path


@lru_cache(maxsize=8)
def load_glossary(path: str) -> dict[str, tuple[str, ...]]:
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in raw.items() if not k.startswith("_") and isinstance(v, list)}


def _as_word(term: str) -> re.Pattern:
    """``term`` as a word of a text (an abbreviation in capitals, "RHIs" as "RHI")."""
    acronym = term.isupper() and len(term) <= 6
    flags = 0 if acronym else re.IGNORECASE  # "PA" must not match "pa"
    plural = "s?" if acronym else ""  # "RHIs" is the plural of "RHI"
    return re.compile(rf"(?<![\w-]){re.escape(term)}{plural}(?![\w-])", flags)


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` uses ``term`` as a word (an abbreviation in capitals, "RHIs" as "RHI")."""
    return _as_word(term).search(text) is not None


def written_out(topic: str, glossary: dict[str, tuple[str, ...]]) -> list[str]:
    """The topic with each abbreviation it uses written as each of its long forms, and each long
    form as its abbreviation: "the LADO function" is also "the local authority designated officer
    function". A report that writes one form answers the topic as fully as one writing another,
    so how much of the topic a sentence covers is measured against each form."""
    variants: list[str] = []
    for key, longs in abbreviations(glossary).items():
        if mentions(topic, key):
            variants += [_as_word(key).sub(lambda _, long=long: long, topic) for long in longs]
            continue
        for long in longs:
            if mentions(topic, long):
                variants.append(_as_word(long).sub(lambda _, key=key: key, topic))
    return [variant for variant in dict.fromkeys(variants) if variant != topic]


def expansions(text: str, glossary: dict[str, tuple[str, ...]]) -> list[str]:
    """Glossary terms related to what the text mentions, in both directions, deduplicated."""
    found: list[str] = []
    for key, longs in glossary.items():
        if mentions(text, key):
            found.extend(longs)
        elif any(mentions(text, long) for long in longs):
            found.append(key)
    seen: set[str] = set()
    unique = []
    for term in found:
        if term.lower() not in seen and not mentions(text, term):
            seen.add(term.lower())
            unique.append(term)
    return unique


def abbreviations(glossary: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """The entries whose key is an abbreviation ("CAMHS", "PAs"): their long forms say the same
    thing. Other entries relate terms for retrieval ("care leavers" -> "pathway plans")."""
    return {k: v for k, v in glossary.items() if k.rstrip("s").isupper()}


def expand_query(text: str, glossary: dict[str, tuple[str, ...]], more: list[str] | None = None) -> str:
    """The text with its glossary forms (and ``more`` related terms) in brackets after it."""
    extra = expansions(text, glossary)  # already without what the text says itself
    seen = {term.lower() for term in extra}
    extra += [term for term in more or [] if term.lower() not in seen and not mentions(text, term)]
    return f"{text} ({'; '.join(extra)})" if extra else text


def abbreviations_in_capitals(
    text: str, glossary: dict[str, tuple[str, ...]], lower_case_words: frozenset[str]
) -> str:
    """The text with each abbreviation typed in lower case ("neet numbers", "any iros?") written
    as the glossary has it ("NEET", "IROs"), so that it is expanded like one typed in capitals.
    Only where the reports never write that word in lower case: "send" is a verb there, "neet"
    and "camhs" are nothing but the abbreviations."""
    wanted = {
        key.lower(): key
        for key in abbreviations(glossary)
        if key.isalpha() and key.lower() not in lower_case_words
    }

    def capitalised(match: re.Match) -> str:
        word = match.group(0)
        if word in wanted:
            return wanted[word]
        if word.endswith("s") and word[:-1] in wanted:  # "iros", "pas"
            return f"{wanted[word[:-1]]}s"
        return word

    return re.sub(r"(?<![\w’'&-])[a-z]+(?![\w’'&-])", capitalised, text)
