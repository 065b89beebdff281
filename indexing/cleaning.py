"""Remove page furniture and repair what text extraction breaks.

Furniture is what a reader never quotes: running headers and footers repeated on every
page, bare page numbers, and small-print blocks at the edges of the page stream (the
Ofsted address block on page 1 of a letter, footnotes). Detection uses repetition across
pages and the layout facts from `pdf_lines`, never a list of known strings.
"""

from __future__ import annotations

import re
from collections import Counter

from indexing.model import ExtractedDocument, Line

_PAGE_NUMBER = re.compile(r"^(page\s+)?\d{1,4}(\s+of\s+\d{1,4})?$", re.IGNORECASE)
_LIGATURES = str.maketrans(
    {
        "\ufb00": "ff",
        "\ufb01": "fi",
        "\ufb02": "fl",
        "\ufb03": "ffi",
        "\ufb04": "ffl",
        "\u00a0": " ",
        "\u2009": " ",
        "\u200b": "",
        "\ufeff": "",
    }
)
_SPACES = re.compile(r"[ \t\u2000-\u200a\u202f\u205f\u3000]+")
_EDGE_LINES = 4


def normalise_whitespace(text: str) -> str:
    return _SPACES.sub(" ", text.translate(_LIGATURES)).strip()


def _repeat_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower()).strip()


def body_font_size(doc: ExtractedDocument) -> float:
    """The font size carrying most characters: the size of ordinary paragraphs."""
    weights: Counter[float] = Counter()
    for page in doc.pages:
        for line in page:
            if line.size:
                weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 0.0


def _running_lines(doc: ExtractedDocument) -> set[str]:
    """Keys of lines repeated near the top or bottom of at least half the pages."""
    if len(doc.pages) < 3:
        return set()
    seen: Counter[str] = Counter()
    for page in doc.pages:
        edge = page[:_EDGE_LINES] + page[-_EDGE_LINES:]
        seen.update({_repeat_key(line.text) for line in edge})
    threshold = max(3, len(doc.pages) // 2)
    return {key for key, count in seen.items() if count >= threshold and key != "#"}


def _is_small_print(line: Line, body_size: float) -> bool:
    return bool(body_size and line.size and line.size < body_size - 1.5)


def _strip_edge_small_print(page: list[Line], body_size: float) -> list[Line]:
    """Drop small-font runs that open or close a page's text stream (address blocks, footers)."""
    start, end = 0, len(page)
    while start < end and _is_small_print(page[start], body_size):
        start += 1
    while end > start and _is_small_print(page[end - 1], body_size):
        end -= 1
    return page[start:end]


def clean_pages(doc: ExtractedDocument) -> tuple[list[list[Line]], float]:
    """Pages of content lines with furniture removed and characters normalised."""
    body_size = body_font_size(doc)
    running = _running_lines(doc)
    cleaned: list[list[Line]] = []
    for page in doc.pages:
        kept: list[Line] = []
        carry_blank = False
        for line in page:
            text = normalise_whitespace(line.text)
            furniture = (
                not text
                or _repeat_key(text) in running
                or (doc.kind == "pdf" and _PAGE_NUMBER.match(text) is not None)
            )
            if furniture:
                carry_blank = carry_blank or line.blank_before
                continue
            line.text = text
            line.blank_before = line.blank_before or carry_blank
            carry_blank = False
            kept.append(line)
        if doc.kind == "pdf":
            kept = _strip_edge_small_print(kept, body_size)
        cleaned.append(kept)
    return cleaned, body_size
