"""Detect report metadata (authority, inspection type, dates, judgement, inspectors).

Ofsted reports state these facts in a few stable phrasings on their first page; each
pattern below is one such phrasing. What cannot be detected falls back to the file name,
and a sidecar ``NAME.meta.json`` beside the report overrides anything detected.
"""

from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, HttpUrl, ValidationError

from indexing.authorities import canonical_authority, listed_authorities

MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
# Short forms too, as people type them ("Feb 2019", "Sept. 2023"): a question's month is a date.
MONTH_NUMBERS = {
    **MONTHS,
    **{name[:3]: number for name, number in MONTHS.items()},
    "sept": 9,
}
# A month named in full, as the reports write dates ("15 July 2021"); one non-capturing group.
MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({MONTH_NAME})\s+(\d{{4}})\b", re.IGNORECASE)
_RANGE = re.compile(
    rf"\b(\d{{1,2}})(?:\s+({MONTH_NAME}))?(?:\s+(\d{{4}}))?\s*(?:to|–|-|and)\s*"
    rf"(\d{{1,2}})\s+({MONTH_NAME})\s+(\d{{4}})",
    re.IGNORECASE,
)
JUDGEMENTS = ("outstanding", "good", "requires improvement to be good", "requires improvement", "inadequate")
INSPECTION_TYPES = (
    "full inspection",
    "focused visit",
    "monitoring visit",
    "joint targeted area inspection",
    "other",
)
_AUTHORITY_NOISE = re.compile(
    r"\b(metropolitan borough council|metropolitan district council|borough council|county council|"
    r"city council|district council|metropolitan|council|local authority|london borough of|royal borough of|"
    r"the city of|city of|county of|borough|district|^the)\b",
    re.IGNORECASE,
)
_SMALL_WORDS = {"and", "of", "upon", "on", "the", "with", "in", "under"}


def _title_case(name: str) -> str:
    words = re.split(r"(\s+|-)", name.strip())
    out = []
    for i, w in enumerate(words):
        low = w.lower()
        out.append(low if (i and low in _SMALL_WORDS) else low[:1].upper() + low[1:])
    return "".join(out)


def clean_authority(raw: str) -> str:
    name = _AUTHORITY_NOISE.sub(" ", raw)
    name = re.sub(r"[’']s\b", "", name)
    name = re.sub(r"\s+", " ", name).strip(" ,.-")
    return _title_case(name) if name.isupper() or name.islower() else name


def to_iso(day: str | int, month: str, year: str | int) -> str:
    try:
        return date(int(year), MONTHS[month.lower()], int(day)).isoformat()
    except (KeyError, ValueError):
        return ""


def parse_date_range(text: str) -> tuple[str, str]:
    """First 'D [Month] [YYYY] to D Month YYYY' range in text, as ISO dates."""
    match = _RANGE.search(text)
    if not match:
        single = _DAY_MONTH_YEAR.search(text)
        iso = to_iso(*single.groups()) if single else ""
        return iso, iso
    d1, m1, y1, d2, m2, y2 = match.groups()
    return to_iso(d1, m1 or m2, y1 or y2), to_iso(d2, m2, y2)


def _authority_from_file(file_name: str) -> str:
    stem = Path(file_name).stem
    stem = re.split(r"--|-children-?s-services|_children", stem, maxsplit=1)[0]
    return clean_authority(stem.replace("-", " ").replace("_", " "))


def _judgement(text: str) -> str:
    """The grade named first in ``text`` ("requires improvement to be good" is not "good")."""
    match = re.search(r"outstanding|requires? improvement|good|inadequate", text, re.IGNORECASE)
    if not match:
        return ""
    grade = match.group(0).lower()
    return "requires improvement" if grade.startswith("require") else grade


def _names(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text).strip(" .")
    parts = re.split(r",\s*|\s+and\s+", text)
    return [p.strip() for p in parts if p.strip() and len(p.split()) <= 5]


def _authority_from_text(opening: str, head: str) -> str:
    visit = re.search(
        r"(?:Focused|Monitoring) visit (?:to|of) (.+?)(?:’|')?s? (?:children|local authority)",
        head[:400],
        re.IGNORECASE,
    )
    if visit and len(visit.group(1).split()) <= 8:
        return visit.group(1)
    lines = [ln.strip() for ln in opening.splitlines() if ln.strip()]
    for i, (above, line) in enumerate(itertools.pairwise(lines)):
        heads_title = re.match(r"Inspection of (local authority |services |children)", line, re.IGNORECASE)
        if heads_title and len(above.split()) <= 8 and not re.search(r"\d", above):
            # A long name wraps: "London Borough of Barking and" / "Dagenham".
            if i > 0 and re.search(r"\b(and|of|upon|on)$", lines[i - 1]) and len(lines[i - 1].split()) <= 8:
                return f"{lines[i - 1]} {above}"
            return above
    named = re.search(
        r"Inspection of (.+?) (?:local authority )?children[’']s (?:social care )?services", head
    )
    if named and len(named.group(1).split()) <= 8 and not named.group(1).lower().startswith("local"):
        return named.group(1)
    sif = re.search(r"Children[’']s services in (.+?) (?:are|is|require)", head, re.IGNORECASE)
    if sif and len(sif.group(1).split()) <= 6:
        return sif.group(1)
    return ""


def detect_metadata(opening: str, full_text: str, file_name: str, title: str) -> dict:
    """Metadata from the first pages' text (``opening``) and the whole report."""
    meta: dict = {
        "title": title,
        "local_authority": "",
        "inspection_type": "other",
        "visit_start": "",
        "visit_end": "",
        "report_date": "",
        "overall_judgement": "",
        "lead_inspector": "",
        "inspectors": "",
    }
    flat = re.sub(r"\s+", " ", opening)
    head = f"{title} {flat}"

    if re.search(r"\bfocused visit\b", head[:600], re.IGNORECASE):
        meta["inspection_type"] = "focused visit"
    elif re.search(r"\bmonitoring visit\b", head[:600], re.IGNORECASE):
        meta["inspection_type"] = "monitoring visit"
    elif re.search(r"joint targeted area inspection", head[:800], re.IGNORECASE):
        meta["inspection_type"] = "joint targeted area inspection"
    elif re.search(r"\binspection (of|dates?)\b", head[:1200], re.IGNORECASE):
        meta["inspection_type"] = "full inspection"

    from_text = canonical_authority(clean_authority(_authority_from_text(opening, head)))
    from_file = canonical_authority(_authority_from_file(file_name))
    # The heading's name wins when it is a listed council; a cut or odd one ("London") does not.
    listed = listed_authorities()
    use_file = not from_text or (from_file in listed and from_text not in listed)
    meta["local_authority"] = from_file if use_file else from_text

    dates = re.search(r"Inspection dates?:?\s*(.{0,80})", flat, re.IGNORECASE)
    visit = re.search(r"(?:visit|inspection) to .{0,80}? on (.{0,60})", flat, re.IGNORECASE)
    source = dates.group(1) if dates else (visit.group(1) if visit else "")
    if source:
        meta["visit_start"], meta["visit_end"] = parse_date_range(source)

    published = re.search(r"Report published:?\s*(.{0,30})", flat, re.IGNORECASE)
    first_date = _DAY_MONTH_YEAR.search(flat[:300])
    if published:
        meta["report_date"] = parse_date_range(published.group(1))[0]
    elif meta["inspection_type"] in ("focused visit", "monitoring visit") and first_date:
        letter_date = to_iso(*first_date.groups())
        # A letter is dated after its visit: a first date within the visit is the visit's (the
        # letterhead with the real date can be missing from the text layer), so it is no
        # report date; the file name's date is tried next.
        if not meta["visit_end"] or letter_date > meta["visit_end"]:
            meta["report_date"] = letter_date
    if not meta["report_date"]:
        named = re.search(r"(\d{1,2})[-_ ](" + MONTH_NAME + r")[-_ ](\d{4})", file_name, re.IGNORECASE)
        meta["report_date"] = to_iso(*named.groups()) if named else meta["visit_end"]

    overall = re.search(r"Overall effectiveness:?\s+(.{0,40})", flat, re.IGNORECASE)
    sif = re.search(r"Children[’']s services in .{0,60}? (?:are|is|require) (.{0,40})", flat, re.IGNORECASE)
    if overall:
        meta["overall_judgement"] = _judgement(overall.group(1))
    elif sif:
        meta["overall_judgement"] = _judgement(sif.group(1))

    lead = re.search(r"Lead inspector:?\s*([A-Z][^,\n]{2,60}?)(?:,|\s+(?:His|Her) Majesty|\n|$)", opening)
    if not lead:
        lead = re.search(
            r"Lead inspector:?\s*([A-Z][^,\n]{2,60}?)(?:,|\s+(?:His|Her) Majesty|\n|$)", full_text
        )
    team = re.search(
        r"(?:His|Her) Majesty[’']s Inspectors? for this (?:visit|inspection) (?:were|was) ([^.]{3,200})",
        flat,
        re.IGNORECASE,
    )
    inspectors = _names(team.group(1)) if team else []
    if lead:
        name = re.sub(r"\s+", " ", lead.group(1)).strip()
        meta["lead_inspector"] = re.sub(r"\s+(HMI|Ofsted Inspector)$", "", name)
    else:
        signed = re.search(r"Yours sincerely\s+([A-Z][A-Za-z’'\- ]{2,60}?)\s+(?:His|Her) Majesty", full_text)
        if signed:
            meta["lead_inspector"] = signed.group(1).strip()
        elif inspectors:
            meta["lead_inspector"] = inspectors[0]
    if meta["lead_inspector"] and meta["lead_inspector"] not in inspectors:
        inspectors.insert(0, meta["lead_inspector"])
    meta["inspectors"] = ", ".join(inspectors)
    return meta


class Sidecar(BaseModel):
    """What a ``NAME.meta.json`` may say about its report. Dates are ISO strings
    ("2019-07-22"), checked as dates; an unknown key is refused, so a typo is not ignored."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: str | None = None
    local_authority: str | None = None
    inspection_type: Literal[INSPECTION_TYPES] | None = None  # type: ignore[valid-type]
    report_date: date | None = None
    visit_start: date | None = None
    visit_end: date | None = None
    overall_judgement: Literal[JUDGEMENTS] | None = None  # type: ignore[valid-type]
    lead_inspector: str | None = None
    inspectors: str | None = None
    url: HttpUrl | None = None  # the report's public address, added to its citation lines


def read_sidecar(path: Path) -> dict:
    """Overrides from ``NAME.meta.json`` beside the report (keys as in `detect_metadata`).

    Raises ``ValueError`` with every problem in plain words; the indexer then skips this
    file with that reason and carries on with the others.
    """
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if not sidecar.exists():
        return {}
    try:
        data = Sidecar.model_validate_json(sidecar.read_bytes(), strict=True)
    except ValidationError as exc:
        allowed = ", ".join(Sidecar.model_fields)
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'])) or 'file'}: "
            + (f"unknown key (allowed: {allowed})" if e["type"] == "extra_forbidden" else e["msg"])
            for e in exc.errors(include_url=False)
        )
        raise ValueError(f"{sidecar.name}: {problems}") from None
    return data.model_dump(mode="json", exclude_none=True)  # dates as ISO strings, the address as text


def finalise(meta: dict) -> dict:
    """Derived fields the filters need: year and a sortable integer date."""
    report_date = meta.get("report_date") or meta.get("visit_end") or ""
    meta["report_year"] = int(report_date[:4]) if report_date[:4].isdigit() else 0
    meta["date_ord"] = int(report_date.replace("-", "")) if report_date else 0
    if meta.get("inspection_type") not in INSPECTION_TYPES:
        meta["inspection_type"] = "other"
    return meta
