"""The UK councils people name, with the name reports are filed under.

``local_authorities.json`` lists every English local authority with children's services
(official name, the short name Ofsted uses, everyday aliases) and the Welsh, Scottish and
Northern Irish councils, which Ofsted does not inspect. Indexing maps whatever a report's
heading says ("Kingston-upon-Hull", "St Helens’", "Telford & Wrekin") to one name, so a
council is one filter value; questions are matched against the same aliases.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz, process

DATA_FILE = Path(__file__).with_name("local_authorities.json")
# A name read from a report heading is taken as a listed council when it is this close
# (rapidfuzz ratio, 0-100) to one alias; headings lose a letter at most ("St Helen").
CANONICAL_MIN = 90
_NOISE = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|borough council|county council|"
    r"city council|district council|council|london borough of|royal borough of|the)\b",
    re.IGNORECASE,
)


def norm_name(name: str) -> str:
    """A council name reduced for matching: case, 'Council', 'London Borough of', '&', possessive."""
    name = _NOISE.sub(" ", name.lower().replace("&", " and "))
    name = re.sub(r"[’'`]s?\b", "", name) if re.search(r"[’'`]", name) else name
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@dataclass(frozen=True)
class KnownAuthority:
    name: str
    nation: str  # "England", "Wales", "Scotland", "Northern Ireland"
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def known_authorities() -> tuple[KnownAuthority, ...]:
    """Every UK council the data file lists (English ones first), each with its aliases."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    found = []
    for entry in data.get("england", []):
        names = [entry["name"], entry.get("official", ""), *entry.get("aliases", [])]
        found.append(KnownAuthority(entry["name"], "England", tuple(n for n in names if n)))
    for entry in data.get("outside_england", []):
        names = [entry["name"], *entry.get("aliases", [])]
        found.append(KnownAuthority(entry["name"], entry.get("nation", "outside England"), tuple(names)))
    return tuple(found)


@lru_cache(maxsize=1)
def _english_aliases() -> dict[str, str]:
    aliases: dict[str, str] = {}
    for known in known_authorities():
        if known.nation == "England":
            for alias in known.aliases:
                aliases.setdefault(norm_name(alias), known.name)
    return aliases


def canonical_authority(raw: str) -> str:
    """The listed English council a heading's name means, or the name as read when none is close."""
    key = norm_name(raw)
    if not key:
        return raw
    aliases = _english_aliases()
    if key in aliases:
        return aliases[key]
    best = process.extractOne(key, list(aliases), scorer=fuzz.ratio)
    if best and best[1] >= CANONICAL_MIN:
        return aliases[best[0]]
    return raw


@lru_cache(maxsize=1)
def listed_authorities() -> frozenset[str]:
    """The short names of the listed English councils."""
    return frozenset(k.name for k in known_authorities() if k.nation == "England")
