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


# How a council is styled around its name, which names nothing more: "Solihull Metropolitan
# Borough Council", "the London Borough of Barking and Dagenham".
_STYLING = re.compile(
    # after a name, not "how does the county council …"
    r"(?<![\s,.;:!?])(?<!\bthe)(?<!\ba)(?<!\bthis)(?<!\bthat)(?<!\bits)(?<!\btheir)(?<!\bour)(?<!\beach)"
    r"(?<!\bany)(?<!\bevery)\s+(metropolitan borough council|metropolitan district council|borough council|"
    r"county council|city council|district council)\b"
    r"|\b(the )?(london borough of|royal borough of)\s+(?=\w)",
    re.IGNORECASE,
)


def without_styling(text: str) -> str:
    """``text`` with the councils it names unstyled ("the 2018 visit to Solihull Metropolitan
    Borough Council" -> "the 2018 visit to Solihull"), so that what is asked of a council reads
    the same however formally the council is named."""
    return _STYLING.sub("", text)


_COMPASS = {"n": "north", "s": "south", "e": "east", "w": "west"}


def norm_name(name: str) -> str:
    """A council name reduced for matching: case, 'Council', 'London Borough of', '&', possessive,
    and compass points written short ("Bath & NE Somerset", "NW Leicestershire", "N Somerset")."""
    name = _NOISE.sub(" ", name.lower().replace("&", " and "))
    name = re.sub(r"\bn\.?e\b\.?", "north east", re.sub(r"\bn\.?w\b\.?", "north west", name))
    name = re.sub(r"[’'`]s?\b", "", name) if re.search(r"[’'`]", name) else name
    # "N Somerset", "S. Glos", "W Sussex": a compass point's initial before a place
    name = re.sub(r"(?<![\w.-])([nsew])\.?\s+(?=[a-z]{3})", lambda m: _COMPASS[m.group(1)] + " ", name)
    return re.sub(r"[^a-z0-9]+", " ", name).strip()


@dataclass(frozen=True)
class KnownAuthority:
    name: str
    nation: str  # "England", "Wales", "Scotland", "Northern Ireland"
    aliases: tuple[str, ...]
    succeeded_by: tuple[str, ...] = ()  # an abolished council: who took over its children's services


def ampersand_initials(name: str) -> str:
    """How a two-part council name is shortened in writing: "Barking and Dagenham" -> "B&D",
    "Cheshire West and Chester" -> "CW&C"; "" for a name without "and"."""
    parts = re.split(r"\s+and\s+", re.sub(r"[’'-]", " ", name))
    if len(parts) != 2 or "," in name:  # "Bournemouth, Christchurch and Poole" is in three parts
        return ""
    initials = ["".join(w[0].upper() for w in part.split() if w[0].isupper()) for part in parts]
    return "&".join(initials) if all(initials) else ""


@lru_cache(maxsize=1)
def known_authorities() -> tuple[KnownAuthority, ...]:
    """Every UK council the data file lists (English ones first), each with its aliases.

    An English name in two parts is also known by its initials ("B&D") unless those stand
    for another council too, or are already another council's alias, and by its parts without
    the "and" ("bournemouth christchurch poole").
    """
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    england = data.get("england", [])
    written = {norm_name(a) for e in england for a in [e["name"], *e.get("aliases", [])]}
    initials = [ampersand_initials(e["name"]) for e in england]
    unique = {i for i in initials if i and initials.count(i) == 1 and norm_name(i) not in written}
    found = []
    for entry, short in zip(england, initials, strict=True):
        names = [entry["name"], entry.get("official", ""), *entry.get("aliases", [])]
        names += [short] if short in unique else []
        unjoined = re.sub(r"\s+", " ", re.sub(r",|\band\b", " ", entry["name"])).strip()
        names += [unjoined] if unjoined != entry["name"] and norm_name(unjoined) not in written else []
        found.append(
            KnownAuthority(
                entry["name"],
                "England",
                tuple(n for n in names if n),
                tuple(entry.get("succeeded_by", ())),
            )
        )
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
