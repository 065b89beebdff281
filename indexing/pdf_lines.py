"""Turn a PDF into pages of `Line`s carrying font size, boldness and height on the page.

pypdf's plain ``extract_text()`` loses the layout facts that tell a heading from body
text or a running footer from a paragraph. Its text visitor reports every piece of text
with its font and matrix, and the pieces concatenate to exactly the plain extraction, so
each character can be attributed and the well-tested plain text kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from pypdf import PdfReader

from indexing.model import GRADE, ExtractedDocument, Line

_BOLD_MARKERS = ("bold", "black", "heavy", "semibold", "demibold", ",b")


def _is_bold(font: dict | None) -> bool:
    if not font:
        return False
    name = str(font.get("/BaseFont", "")).lower()
    if any(marker in name for marker in _BOLD_MARKERS):
        return True
    try:
        descriptor = font.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        weight = descriptor.get("/FontWeight") if descriptor else None
        return weight is not None and float(weight) >= 600
    except Exception:  # a malformed descriptor only costs the bold hint
        return False


def _page_lines(page: Any, page_index: int) -> list[Line]:
    pieces: list[tuple[str, bool, float, float | None]] = []

    def visit(text: str, cm: list, tm: list, font: dict | None, font_size: float) -> None:
        if not text:
            return
        try:
            scale = math.hypot(tm[2], tm[3]) * math.hypot(cm[2], cm[3])
            size = float(font_size) * (scale or 1.0)
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        except (TypeError, IndexError):
            size, y = float(font_size or 0), None
        pieces.append((text, _is_bold(font), round(size, 1), y))

    page.extract_text(visitor_text=visit)
    return _join_wrapped_grades(list(_assemble_lines(pieces, page_index)))


_GRADE_CELL = re.compile(GRADE, re.IGNORECASE)
_GRADE_CELL_START = re.compile(r"requires?", re.IGNORECASE)


def _join_wrapped_grades(lines: list[Line]) -> list[Line]:
    """Put a judgement table's wrapped grade cell back on its row's line.

    A narrow grade column wraps "Requires / improvement to be / good" over three lines, and
    pypdf emits the cell after the row's label, so the table reads as a label with three
    stray bold fragments (which structure then takes for headings) and the area's grade is
    lost. Joined, the row reads "1. Children who need help and protection Requires
    improvement to be good", as unwrapped tables do. Only a run of short lines that together
    are exactly one grade is joined; the text and its order are unchanged.
    """
    joined: list[Line] = []
    index = 0
    while index < len(lines):
        cell_end = _wrapped_grade_end(lines, index)
        if cell_end is None:
            joined.append(lines[index])
            index += 1
            continue
        cell = " ".join(line.text for line in lines[index:cell_end])
        if joined:
            joined[-1] = replace(joined[-1], text=f"{joined[-1].text} {cell}")
        else:
            joined.append(replace(lines[index], text=cell))
        index = cell_end
    return joined


def _wrapped_grade_end(lines: list[Line], start: int) -> int | None:
    """The end of a grade cell wrapped over 2-3 lines from `start`, longest first; None if none."""
    if not _GRADE_CELL_START.fullmatch(lines[start].text):
        return None
    for end in range(min(start + 3, len(lines)), start + 1, -1):
        if _GRADE_CELL.fullmatch(" ".join(line.text for line in lines[start:end])):
            return end
    return None


def _assemble_lines(pieces: list[tuple[str, bool, float, float | None]], page_index: int) -> Iterable[Line]:
    """Split the concatenated pieces on newlines, giving each line its majority attributes."""
    chars: list[tuple[str, bool, float, float | None]] = []
    for text, bold, size, y in pieces:
        chars.extend((ch, bold, size, y) for ch in text)
    current: list[tuple[str, bool, float, float | None]] = []
    blank_pending = False
    for item in [*chars, ("\n", False, 0.0, None)]:
        if item[0] != "\n":
            current.append(item)
            continue
        text = "".join(c[0] for c in current).strip()
        visible = [c for c in current if not c[0].isspace()]
        current = []
        if not text:
            blank_pending = True
            continue
        sizes = Counter(c[2] for c in visible)
        bold_share = sum(c[1] for c in visible) / len(visible)
        yield Line(
            text=text,
            page=page_index,
            bold=bold_share >= 0.8,
            size=sizes.most_common(1)[0][0],
            y=visible[0][3],
            blank_before=blank_pending,
        )
        blank_pending = False


def extract_pdf(path: str, file_name: str) -> ExtractedDocument:
    """Read every page of a PDF; raises on files pypdf cannot open or decrypt."""
    reader = PdfReader(path)
    # Many published PDFs are encrypted with an empty user password (print/copy limits).
    if reader.is_encrypted and not reader.decrypt(""):
        raise PermissionError("encrypted PDF that needs a password")
    pages = [_page_lines(page, i) for i, page in enumerate(reader.pages)]
    try:
        labels = list(reader.page_labels)
    except Exception:
        labels = []
    if len(labels) != len(pages):
        labels = [str(i + 1) for i in range(len(pages))]
    height = 0.0
    if reader.pages:
        try:
            height = float(reader.pages[0].mediabox.height)
        except Exception:
            height = 0.0
    title = ""
    try:
        title = str((reader.metadata or {}).get("/Title") or "")
    except Exception:
        title = ""
    return ExtractedDocument(
        file_name=file_name,
        kind="pdf",
        pages=pages,
        page_labels=labels,
        page_height=height,
        pdf_title=title,
    )
