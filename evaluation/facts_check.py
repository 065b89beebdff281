"""Judgement facts measured against the Ofsted catalogue, area by area.

    python -m evaluation.facts_check [--catalogue CSV] [--show-mismatches]

Reads the facts of the index named by REPORTQA_* settings (index all of
``../shared/ofsted`` first) and compares each judgement area with the catalogue's
machine-parsed grade. The rate counts rows where the catalogue has a grade; every
disagreement is listed with both values and the line our fact quotes, so each can be
checked against the PDF.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from evaluation.metadata_check import slug
from reportqa.facts_table import judgement_rows
from reportqa.settings import PROJECT_DIR, Settings
from retrieval.hybrid import HybridRetriever
from vectorstore.chroma_store import ReportStore

# catalogue column -> the areas (as indexing.facts names them) that state it, by framework
AREAS = {
    "overall_effectiveness_grade": ("overall effectiveness",),
    "impact_of_leaders_grade": ("impact of leaders", "leadership, management and governance"),
    "help_and_protection_grade": ("help and protection",),
    "in_care_grade": (
        "children in care",
        "children in care and care leavers",
        "children looked after and permanence",
    ),
    "care_leavers_grade": ("care leavers", "children in care and care leavers"),
}
GRADES = {"outstanding", "good", "requires improvement", "inadequate"}


def _grade(value: str) -> str:
    value = value.strip().lower()
    return "requires improvement" if value.startswith("requires improvement") else value


def compare(catalogue: Path, retriever: HybridRetriever) -> tuple[dict, list[tuple]]:
    """Per-area (agreements, rows with a catalogue grade) and the list of disagreements."""
    rows = {}
    with catalogue.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[f"{slug(row['local_authority'])}--{slug(row['pdf_filename'][:-4])}.pdf"] = row
    ours: dict[str, dict[str, dict]] = {}
    for fact in judgement_rows(retriever):
        ours.setdefault(fact["report"], {})[fact["area"]] = fact
    scores = {column: [0, 0] for column in AREAS}
    mismatches = []
    for report_id in sorted(set(rows) & set(retriever.snapshot().records)):
        row = rows[report_id]
        for column, areas in AREAS.items():
            theirs = _grade(row.get(column, ""))
            if theirs not in GRADES:
                continue
            fact = next((ours.get(report_id, {}).get(a) for a in areas if a in ours.get(report_id, {})), None)
            mine = _grade(fact["value"]) if fact else ""
            scores[column][1] += 1
            scores[column][0] += mine == theirs
            if mine != theirs:
                mismatches.append((report_id, column, mine or "(none)", theirs, fact["line"] if fact else ""))
    return scores, mismatches


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--catalogue", type=Path, default=PROJECT_DIR.parent / "shared" / "ofsted-catalogue.csv"
    )
    parser.add_argument("--show-mismatches", action="store_true")
    args = parser.parse_args()
    settings = Settings()
    retriever = HybridRetriever(settings, ReportStore(settings), embed_model=None)
    scores, mismatches = compare(args.catalogue, retriever)
    total = [sum(s[0] for s in scores.values()), sum(s[1] for s in scores.values())]
    print(f"{'area':30} {'agree':>8} {'of':>5}")
    for column, (agree, known) in [*scores.items(), ("all areas", total)]:
        print(f"{column:30} {agree / max(1, known):>8.1%} {known:>5}")
    if args.show_mismatches:
        for m in mismatches:
            print("  ", " | ".join(m))


if __name__ == "__main__":
    main()
