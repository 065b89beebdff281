"""Report filters, applied identically by the dense and the lexical retriever.

One `Filters` value is turned into a Chroma ``where`` clause for dense search and into
a Python predicate over chunk metadata for BM25, so both retrievers always see the same
subset of the corpus.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date
from typing import ClassVar


class FilterError(ValueError):
    """A filter that cannot be understood; the message says which and why."""


def _date_ord(value: str, field_name: str) -> int:
    try:
        return int(date.fromisoformat(value).strftime("%Y%m%d"))
    except ValueError:
        if value.isdigit() and len(value) == 4:  # a bare year
            return int(value + ("0101" if field_name == "date_from" else "1231"))
        which = "The ‘from’ date" if field_name == "date_from" else "The ‘to’ date"
        raise FilterError(
            f"{which} must be a year (2023) or a date like 2023-09-29, not “{value}”."
        ) from None


@dataclass(frozen=True)
class Filters:
    local_authority: tuple[str, ...] = ()
    inspection_type: tuple[str, ...] = ()
    report_id: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    latest_per_authority: bool = False

    KEYS: ClassVar[dict[str, str]] = {
        "authority": "local_authority",
        "local_authority": "local_authority",
        "type": "inspection_type",
        "inspection_type": "inspection_type",
        "report": "report_id",
        "report_id": "report_id",
        "from": "date_from",
        "date_from": "date_from",
        "to": "date_to",
        "date_to": "date_to",
        "latest": "latest_per_authority",
    }

    @classmethod
    def from_pairs(cls, pairs: list[str] | None) -> Filters:
        """Parse CLI-style ``KEY=VALUE`` items; a key given twice means either value."""
        values: dict[str, list[str]] = {}
        for pair in pairs or []:
            key, sep, value = pair.partition("=")
            name = cls.KEYS.get(key.strip().lower())
            if not sep or name is None:
                known = ", ".join(sorted(set(cls.KEYS) - set(cls.KEYS.values())))
                raise FilterError(f"bad filter {pair!r}; use KEY=VALUE with KEY one of: {known}")
            values.setdefault(name, []).append(value.strip())
        return cls.from_dict(values)

    @classmethod
    def from_dict(cls, values: dict) -> Filters:
        kwargs: dict = {}
        for f in fields(cls):
            raw = values.get(f.name)
            if raw in (None, "", [], ()):
                continue
            if f.name == "latest_per_authority":
                kwargs[f.name] = str(raw[0] if isinstance(raw, list) else raw).lower() in (
                    "1",
                    "true",
                    "yes",
                    "on",
                )
            elif f.name in ("date_from", "date_to"):
                value = str(raw[0] if isinstance(raw, list) else raw)
                _date_ord(value, f.name)
                kwargs[f.name] = value
            else:
                items = [raw] if isinstance(raw, str) else list(raw)
                kwargs[f.name] = tuple(str(v) for v in items if str(v))
        return cls(**kwargs)

    @property
    def empty(self) -> bool:
        return self == Filters()

    def _bounds(self) -> tuple[int | None, int | None]:
        low = _date_ord(self.date_from, "date_from") if self.date_from else None
        high = _date_ord(self.date_to, "date_to") if self.date_to else None
        return low, high

    def where(self, latest_report_ids: set[str] | None = None) -> dict | None:
        """The Chroma ``where`` clause (None when nothing is filtered)."""
        clauses: list[dict] = []
        for key in ("local_authority", "inspection_type", "report_id"):
            values = list(getattr(self, key))
            if values:
                clauses.append({key: values[0]} if len(values) == 1 else {key: {"$in": values}})
        low, high = self._bounds()
        if low is not None:
            clauses.append({"date_ord": {"$gte": low}})
        if high is not None:
            clauses.append({"date_ord": {"$lte": high}})
        if self.latest_per_authority and latest_report_ids is not None:
            clauses.append({"report_id": {"$in": sorted(latest_report_ids) or ["(none)"]}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}

    def _compiled(self) -> tuple[tuple[tuple[str, frozenset[str]], ...], tuple[int | None, int | None]]:
        """The filtered keys with their values as sets, and the date bounds, worked out once per
        filter and kept on it: `matches` runs once per report over every report (24,631 at a
        million passages), and a question across councils can name a thousand reports, which a
        tuple would search one by one (hashing the filter for a cache on every call cost as much)."""
        compiled = self.__dict__.get("_compiled_form")
        if compiled is None:
            keys = ("local_authority", "inspection_type", "report_id")
            sets = tuple((key, frozenset(getattr(self, key))) for key in keys if getattr(self, key))
            compiled = (sets, self._bounds())
            object.__setattr__(self, "_compiled_form", compiled)  # derived, not a field
        return compiled

    def matches(self, meta: dict, latest_report_ids: set[str] | None = None) -> bool:
        """The same test as `where`, for metadata already in memory."""
        value_sets, (low, high) = self._compiled()
        for key, values in value_sets:
            if str(meta.get(key)) not in values:
                return False
        ordinal = int(meta.get("date_ord") or 0)
        if (low is not None and ordinal < low) or (high is not None and ordinal > high):
            return False
        return not (
            self.latest_per_authority
            and latest_report_ids is not None
            and meta.get("report_id") not in latest_report_ids
        )


TYPE_ALIASES = {
    "full": "full inspection",
    "inspection": "full inspection",
    "ilacs": "full inspection",
    "focused": "focused visit",
    "fv": "focused visit",
    "monitoring": "monitoring visit",
    "jtai": "joint targeted area inspection",
    "joint": "joint targeted area inspection",
}


def resolve(filters: Filters, records: dict[str, dict]) -> Filters:
    """Match user-typed values to stored ones: case-insensitive names, type short forms."""
    if filters.empty or _already_stored(filters, records):
        return filters
    authorities = {
        str(r.get("local_authority", "")).lower(): str(r.get("local_authority", "")) for r in records.values()
    }
    report_ids = {rid.lower(): rid for rid in records}
    for rid, record in records.items():
        report_ids.setdefault(str(record.get("title", "")).lower(), rid)

    def report(value: str) -> str:
        low = value.lower()
        if low in report_ids:
            return report_ids[low]
        partial = [rid for key, rid in report_ids.items() if low in key]
        return partial[0] if len(set(partial)) == 1 else value

    return Filters(
        local_authority=tuple(authorities.get(v.lower(), v) for v in filters.local_authority),
        inspection_type=tuple(TYPE_ALIASES.get(v.lower(), v.lower()) for v in filters.inspection_type),
        report_id=tuple(report(v) for v in filters.report_id),
        date_from=filters.date_from,
        date_to=filters.date_to,
        latest_per_authority=filters.latest_per_authority,
    )


def _already_stored(filters: Filters, records: dict[str, dict]) -> bool:
    """Whether every value is already as stored, as in the filters a question's scope makes (report
    ids): then there is nothing to match, and no table of every report's names to build (10 ms a
    question at a million passages)."""
    return (
        not filters.local_authority
        and all(value in records for value in filters.report_id)
        and all(TYPE_ALIASES.get(value.lower(), value.lower()) == value for value in filters.inspection_type)
    )


def latest_per_authority(records: dict[str, dict]) -> set[str]:
    """The newest report of each authority (older ones are usually superseded)."""
    best: dict[str, tuple[int, str]] = {}
    for report_id, record in records.items():
        authority = record.get("local_authority", "")
        key = (int(record.get("date_ord") or 0), report_id)
        if authority not in best or key > best[authority]:
            best[authority] = key
    return {report_id for _, report_id in best.values()}
