"""Scoring one answer against one QA item, and aggregating scores over a set.

Pure functions over plain data, so they can be checked on hand-computed examples.
"""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


# List bullets as pdftotext prints them ("◼ Tracking arrangements …"): page furniture, which the
# index's text and the quotes leave out.
_BULLETS = re.compile(r"[◼■▪●•◆➢]")


def normalise(text: str) -> str:
    """Case, whitespace, curly/straight quotes and list bullets do not matter when matching."""
    return re.sub(r"\s+", " ", _BULLETS.sub(" ", text.translate(_QUOTES))).strip().lower()


def hit_rank(citations: list[dict], expect_any: list[str], expect_report: str = "") -> int | None:
    """1-based rank of the first cited passage containing an expected substring (None: no hit)."""
    wanted = [normalise(e) for e in expect_any if e.strip()]
    report = expect_report.lower()
    for rank, c in enumerate(citations, start=1):
        if (
            report
            and report not in str(c.get("report", "")).lower()
            and report not in str(c.get("title", "")).lower()
        ):
            continue
        passage = normalise(str(c.get("passage") or c.get("quote") or ""))
        if any(w in passage for w in wanted):
            return rank
    return None


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def aggregate(rows: list[dict], k: int) -> dict:
    """Metrics over per-item rows (see runner): hit@1/3/k and MRR over answerable items,
    abstention precision/recall, verbatim rate, evidence length, latency percentiles."""
    answerable = [r for r in rows if not r["expect_abstain"]]
    ranks = [r["hit_rank"] for r in answerable]
    expected_abstain = [r for r in rows if r["expect_abstain"]]
    abstained = [r for r in rows if r["abstained"]]
    true_abstain = [r for r in abstained if r["expect_abstain"]]
    quotes_total = sum(r["quotes"] for r in rows)
    quotes_verbatim = sum(r["quotes_verbatim"] for r in rows)
    evidence = [r["evidence_chars"] for r in rows if not r["abstained"]]
    council_quotes = [c for r in rows for c in council_checks(r)]
    latencies = [r["latency_s"] for r in rows]

    def hit_at(n: int) -> float:
        return sum(1 for rank in ranks if rank is not None and rank <= n) / len(ranks) if ranks else 0.0

    return {
        "items": len(rows),
        "answerable": len(answerable),
        "hit@1": round(hit_at(1), 4),
        "hit@3": round(hit_at(3), 4),
        f"hit@{k}": round(hit_at(k), 4),
        "mrr": round(sum(1 / rank for rank in ranks if rank) / len(ranks), 4) if ranks else 0.0,
        "abstain_precision": round(len(true_abstain) / len(abstained), 4) if abstained else 1.0,
        "abstain_recall": round(len(true_abstain) / len(expected_abstain), 4) if expected_abstain else 1.0,
        "citation_verbatim_rate": round(quotes_verbatim / quotes_total, 4) if quotes_total else 1.0,
        "council_quote_share": round(sum(council_quotes) / len(council_quotes), 4) if council_quotes else 1.0,
        "mean_evidence_chars": round(statistics.mean(evidence), 1) if evidence else 0.0,
        "latency_p50_s": round(percentile(latencies, 0.5), 4),
        "latency_p95_s": round(percentile(latencies, 0.95), 4),
    }


def council_of(report_id: str) -> str:
    """The council part of an Ofsted file name ("croydon--children-s-services-….pdf" -> "croydon")."""
    return report_id.split("--", 1)[0].lower()


def council_checks(row: dict) -> list[bool]:
    """For a question that names one council (tag "authority", an expected report): is each
    quote from that council? Follow-ups and lists are left out (they may span councils)."""
    tags = set(row.get("tags") or [])
    if "authority" not in tags or tags & {"list", "follow-up"} or not row.get("expect_report"):
        return []
    wanted = council_of(row["expect_report"])
    return [council_of(str(c.get("report", ""))) == wanted for c in row.get("citations", [])]


def abstention_curve(rows: list[dict]) -> list[dict]:
    """Abstention precision/recall if the system abstained below each confidence level.

    Uses each answer's ``confidence`` (the fitted answerability probability; 1 for report
    facts, 0 for abstentions): a threshold's precision is the share of its abstentions
    that the QA set expects, its recall the share of expected abstentions it makes.
    """
    expected = sum(1 for r in rows if r["expect_abstain"])
    points = []
    for level in sorted({0.0, *(round(float(r.get("confidence", 0.0)), 3) for r in rows), 1.01}):
        abstain = [r for r in rows if r["abstained"] or float(r.get("confidence", 0.0)) < level]
        right = sum(1 for r in abstain if r["expect_abstain"])
        points.append(
            {
                "below": level,
                "abstentions": len(abstain),
                "precision": round(right / len(abstain), 4) if abstain else 1.0,
                "recall": round(right / expected, 4) if expected else 1.0,
            }
        )
    return points


def by_tag(rows: list[dict], k: int) -> dict[str, dict]:
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for tag in row.get("tags") or ["(untagged)"]:
            groups[tag].append(row)
    return {tag: aggregate(group, k) for tag, group in sorted(groups.items())}


def compare(current: list[dict], baseline: list[dict]) -> dict[str, list[dict]]:
    """Items that got worse or better against an earlier run (matched by id)."""
    old = {r["id"]: r for r in baseline}
    regressed, improved = [], []
    for row in current:
        before = old.get(row["id"])
        if before is None:
            continue
        now_ok, was_ok = _item_ok(row), _item_ok(before)
        change = {
            "id": row["id"],
            "question": row["question"],
            "before": _describe(before),
            "now": _describe(row),
        }
        if was_ok and not now_ok:
            regressed.append(change)
        elif now_ok and not was_ok:
            improved.append(change)
        elif now_ok and was_ok and (row["hit_rank"] or 0) > (before["hit_rank"] or 0) and row["hit_rank"]:
            regressed.append(change)  # still a hit, but lower
        elif now_ok and was_ok and (row["hit_rank"] or 99) < (before["hit_rank"] or 99):
            improved.append(change)
    return {"regressed": regressed, "improved": improved}


def _item_ok(row: dict) -> bool:
    return row["abstained"] if row["expect_abstain"] else row["hit_rank"] is not None


def _describe(row: dict) -> str:
    if row["expect_abstain"]:
        return "abstained" if row["abstained"] else "answered"
    return f"hit@{row['hit_rank']}" if row["hit_rank"] else ("abstained" if row["abstained"] else "miss")
