"""Metadata extraction measured against the Ofsted catalogue (``../shared/ofsted-catalogue.csv``).

    python -m evaluation.metadata_check [--catalogue CSV] [--reports DIR] [--show-mismatches]

For every catalogued inspection whose PDF is in the reports folder, compares detected
authority, inspection start/end dates, lead inspector and overall judgement with the
catalogue. The catalogue was machine-parsed and has blanks and errors of its own, so the
rate is reported twice: over all rows, and over rows where the catalogue has a value.

Then, for every report in the folder (visits too), compares the detected authority, report
date and report type with what Ofsted's file name says
(``<council>--children-s-services-<inspection|focused-visit>-<day>-<month>-<year>.pdf``) and
checks that the title reads like one of Ofsted's own.
"""

from __future__ import annotations

import argparse
import csv
import re
from pathlib import Path

from indexing.loading import LoadLimits, load_files
from indexing.reports import build_report
from reportqa.settings import PROJECT_DIR

FIELDS = ("authority", "start", "end", "lead", "overall")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _name_key(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower().replace(" and ", " "))


def _iso(ddmmyyyy: str) -> str:
    m = re.match(r"(\d\d)/(\d\d)/(\d{4})", ddmmyyyy or "")
    return f"{m[3]}-{m[2]}-{m[1]}" if m else ""


def compare(meta: dict, row: dict) -> dict[str, tuple[str, str]]:
    grade = row["overall_effectiveness_grade"].strip().lower()
    return {
        "authority": (_name_key(meta["local_authority"]), _name_key(row["local_authority"])),
        "start": (meta["visit_start"], _iso(row["inspection_start_date"])),
        "end": (meta["visit_end"], _iso(row["inspection_end_date"])),
        "lead": (_name_key(meta["lead_inspector"]), _name_key(row["inspector_name"])),
        "overall": (
            meta["overall_judgement"],
            grade if grade in {"outstanding", "good", "requires improvement", "inadequate"} else "",
        ),
    }


_FILE_NAME = re.compile(
    r"^(.+)--children-s-services-(inspection|focused-visit)-(\d{1,2})-([a-z]+)-(\d{4})\.pdf$"
)
_OFSTED_TITLE = re.compile(r"^(Inspection of|Focused visit to|Monitoring visit to)\b|: Inspection of\b")
NAMED_FIELDS = ("authority", "report date", "type", "title")


def compare_with_file_name(meta: dict, name: str) -> dict[str, bool] | None:
    """Detected metadata against Ofsted's file name; None for a name of another shape."""
    from datetime import datetime

    from indexing.authorities import canonical_authority

    m = _FILE_NAME.match(name)
    if not m:
        return None
    published = datetime.strptime(f"{m[3]} {m[4]} {m[5]}", "%d %B %Y").date().isoformat()
    council = canonical_authority(m[1].replace("-", " "))
    return {
        "authority": _name_key(meta["local_authority"]) == _name_key(council),
        "report date": meta["report_date"] == published,
        "type": meta["inspection_type"]
        == {"inspection": "full inspection", "focused-visit": "focused visit"}[m[2]],
        "title": bool(_OFSTED_TITLE.search(meta["title"])),
    }


def main() -> None:
    shared = PROJECT_DIR.parent / "shared"
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--catalogue", type=Path, default=shared / "ofsted-catalogue.csv")
    parser.add_argument("--reports", type=Path, default=shared / "ofsted")
    parser.add_argument("--show-mismatches", action="store_true")
    args = parser.parse_args()
    rows = {}
    with args.catalogue.open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows[f"{slug(row['local_authority'])}--{slug(row['pdf_filename'][:-4])}.pdf"] = row
    files = sorted(p for p in args.reports.glob("*.pdf") if p.name in rows)
    hits = {f: 0 for f in FIELDS}
    known = {f: 0 for f in FIELDS}
    known_hits = {f: 0 for f in FIELDS}
    mismatches = []
    named = {f: 0 for f in NAMED_FIELDS}
    named_total = 0
    for path, doc in load_files(sorted(args.reports.glob("*.pdf")), LoadLimits()):
        if isinstance(doc, Exception):
            mismatches.append(("load", path.name, str(doc), ""))
            continue
        meta = build_report(doc, path, 40, 250).metadata
        by_name = compare_with_file_name(meta, path.name)
        if by_name is not None:
            named_total += 1
            for field, right in by_name.items():
                named[field] += right
                if not right:
                    mismatches.append(
                        (field, path.name, meta.get(field.replace(" ", "_"), meta["title"]), "file name")
                    )
        if path.name not in rows:
            continue
        for field, (ours, theirs) in compare(meta, rows[path.name]).items():
            hits[field] += ours == theirs
            if theirs:
                known[field] += 1
                known_hits[field] += ours == theirs
            if ours != theirs:
                mismatches.append((field, path.name, ours, theirs))
    print(f"{len(files)} catalogued inspection reports")
    print(f"{'field':10} {'all rows':>12} {'rows with a catalogue value':>30}")
    for f in FIELDS:
        print(f"{f:10} {hits[f] / len(files):>11.1%} {known_hits[f] / max(1, known[f]):>20.1%} of {known[f]}")
    print(f"\n{named_total} reports against their file names")
    for f in NAMED_FIELDS:
        print(f"{f:12} {named[f] / max(1, named_total):>9.1%}  ({named_total - named[f]} wrong)")
    if args.show_mismatches:
        for m in mismatches:
            print("  ", *m)


if __name__ == "__main__":
    main()
