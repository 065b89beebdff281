"""QA test sets: JSONL or CSV, one question per line, validated with line-precise errors."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

REQUIRED = ("id", "question")
LIST_FIELDS = ("expect_any", "tags")


class QAFileError(ValueError):
    """A QA file that cannot be read; the message names the file and line."""


@dataclass
class QAItem:
    id: str
    question: str
    expect_any: list[str] = field(default_factory=list)
    expect_report: str = ""
    expect_abstain: bool = False
    reference_answer: str = ""
    tags: list[str] = field(default_factory=list)
    filters: dict = field(default_factory=dict)
    history: list[str] = field(default_factory=list)  # earlier questions of the same conversation


def _as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "y")


def _as_list(value, where: str) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value).strip()
    if text.startswith("["):
        try:
            parsed = json.loads(text)
        except json.JSONDecodeError as exc:
            raise QAFileError(f"{where}: not a JSON list ({exc.msg})") from None
        return [str(v) for v in parsed]
    return [part.strip() for part in text.split("|") if part.strip()]  # CSV: "a|b|c"


def _item(raw: dict, where: str) -> QAItem:
    if not isinstance(raw, dict):
        raise QAFileError(f"{where}: each line must be a JSON object")
    missing = [key for key in REQUIRED if not str(raw.get(key) or "").strip()]
    if missing:
        raise QAFileError(f"{where}: missing required field(s): {', '.join(missing)}")
    item = QAItem(
        id=str(raw["id"]).strip(),
        question=str(raw["question"]).strip(),
        expect_any=_as_list(raw.get("expect_any"), f"{where}, field expect_any"),
        expect_report=str(raw.get("expect_report") or "").strip(),
        expect_abstain=_as_bool(raw.get("expect_abstain", False)),
        reference_answer=str(raw.get("reference_answer") or ""),
        tags=_as_list(raw.get("tags"), f"{where}, field tags"),
        filters=raw.get("filters") if isinstance(raw.get("filters"), dict) else {},
        history=_as_list(raw.get("history"), f"{where}, field history"),
    )
    if not item.expect_abstain and not item.expect_any:
        raise QAFileError(f"{where}: give expect_any (verbatim substrings) or expect_abstain: true")
    return item


def load_qa(path: Path) -> list[QAItem]:
    """Items of a .jsonl or .csv QA file; '#' lines in JSONL are comments (e.g. a file list)."""
    if not path.is_file():
        raise QAFileError(f"{path}: no such QA file")
    items: list[QAItem] = []
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as fh:
            for line_no, row in enumerate(csv.DictReader(fh), start=2):
                items.append(_item(row, f"{path.name} line {line_no}"))
    else:
        for line_no, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                raise QAFileError(
                    f"{path.name} line {line_no}: bad JSON ({exc.msg} at column {exc.colno})"
                ) from None
            items.append(_item(raw, f"{path.name} line {line_no}"))
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise QAFileError(f"{path.name}: duplicate id {item.id!r}")
        seen.add(item.id)
    if not items:
        raise QAFileError(f"{path.name}: no items")
    return items


def header_files(path: Path) -> list[str]:
    """Report files a QA set is written for, from '# files: a.pdf, b.pdf' header lines."""
    names: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# files:"):
            names += [n.strip() for n in line.split(":", 1)[1].split(",") if n.strip()]
    return names
