"""One English stemmer and one word pattern for every module that compares words.

The lexical index, the check for terms a report never uses, sentence scoring and the
mentions search all ask "is this the same word?"; when each had its own tokeniser, a word
could count as present for one and absent for another ("children’s" split differently).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import Stemmer

STEMMER = Stemmer.Stemmer("english")
WORD = re.compile(r"(?u)\b\w\w+\b")  # bm25s's own token pattern: the index and these agree


def stem(word: str) -> str:
    return STEMMER.stemWord(word)


def stems_in_order(text: str, ignore: Iterable[str] = ()) -> list[str]:
    """The stems of a text's words, in order, leaving out ``ignore`` (words, before stemming)."""
    skip = frozenset(ignore)
    return STEMMER.stemWords([w for w in WORD.findall(text.lower()) if w not in skip])


def stems(text: str, ignore: Iterable[str] = ()) -> set[str]:
    """The stems of a text's words of two letters or more, lower-cased, leaving out ``ignore``
    (words, before stemming): "privately fostered" -> {"privat", "foster"}."""
    skip = frozenset(ignore)
    return set(STEMMER.stemWords([w for w in WORD.findall(text.lower()) if w not in skip]))
