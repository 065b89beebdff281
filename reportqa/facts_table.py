"""Report facts as rows: one per fact, with the page and verbatim line that state it.

Used by ``reportqa facts`` (table, JSON, CSV), the app's judgements view and the
catalogue check, so every view shows the same facts the answers quote.
"""

from __future__ import annotations

from retrieval.filters import Filters
from retrieval.hybrid import HybridRetriever

COLUMNS = ("authority", "type", "date", "kind", "area", "value", "page", "line", "report")


def fact_rows(retriever: HybridRetriever, filters: Filters | None = None) -> list[dict]:
    """Facts of every indexed report the filters allow, by council then date."""
    snap = retriever.snapshot()
    filters = filters or Filters()
    rows = []
    for report_id, record in snap.records.items():
        if not filters.matches({**record, "report_id": report_id}, snap.latest):
            continue
        for fact in snap.facts(report_id).facts:
            rows.append(
                {
                    "authority": record.get("local_authority", ""),
                    "type": record.get("inspection_type", ""),
                    "date": record.get("report_date", ""),
                    "kind": fact.kind,
                    "area": fact.area,
                    "value": fact.value,
                    "page": fact.page,
                    "line": fact.line,  # verbatim, line breaks included
                    "report": report_id,
                    "chunk_id": fact.chunk_id,
                }
            )
    rows.sort(key=lambda r: (r["authority"], r["date"], r["report"]))
    return rows


def judgement_rows(retriever: HybridRetriever, filters: Filters | None = None) -> list[dict]:
    """One row per report and judgement area (the first statement, i.e. the judgement table)."""
    seen: set[tuple[str, str]] = set()
    rows = []
    for row in fact_rows(retriever, filters):
        key = (row["report"], row["area"])
        if row["kind"] == "judgement" and key not in seen:
            seen.add(key)
            rows.append(row)
    return rows
