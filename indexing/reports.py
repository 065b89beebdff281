"""From an extracted document to a `CleanReport`: cleaned text, blocks, chunks, metadata."""

from __future__ import annotations

import json
import re
from pathlib import Path

from indexing.chunking import chunk_blocks
from indexing.cleaning import clean_pages
from indexing.metadata import detect_metadata, finalise, read_sidecar
from indexing.model import CleanReport, ExtractedDocument
from indexing.structure import build_blocks, report_text, title_line


class EmptyReportError(ValueError):
    """The file parsed but holds no text worth indexing."""


# A PDF's text layer can be unreadable although the page looks fine: glyphs mapped to the
# private-use area, letter-spaced text ("T h e  c o u n c i l"), or symbols for letters. The
# limits are far from what the 315 real Ofsted reports show (private-use characters at most
# 0.3 %, one-letter words at most 3 %, word-like tokens at least 95 %).
MAX_PRIVATE_USE = 0.10
MAX_ONE_LETTER_WORDS = 0.30
MIN_WORDLIKE = 0.50
_OCR = "it needs OCR or another copy"
_WORDLIKE = re.compile(r"[A-Za-z][A-Za-z’'-]*[.,;:)]?")


def text_layer_problem(text: str) -> str:
    """Why a PDF's extracted text cannot be what the page says, or "" when it reads as text."""
    chars = [c for c in text if not c.isspace()]
    tokens = text.split()
    if not chars or not tokens:
        return ""
    private = sum(1 for c in chars if 0xE000 <= ord(c) <= 0xF8FF) / len(chars)
    if private > MAX_PRIVATE_USE:
        return f"its text layer is unreadable ({private:.0%} private-use characters); {_OCR}"
    one_letter = sum(1 for t in tokens if len(t) == 1 and t.isalpha()) / len(tokens)
    if one_letter > MAX_ONE_LETTER_WORDS:
        return f"its text layer is letter-spaced ({one_letter:.0%} one-letter words); {_OCR}"
    wordlike = sum(1 for t in tokens if _WORDLIKE.fullmatch(t)) / len(tokens)
    if wordlike < MIN_WORDLIKE:
        return f"its text layer is mostly not words ({wordlike:.0%} word-like); {_OCR}"
    return ""


def build_report(doc: ExtractedDocument, path: Path, min_words: int, max_words: int) -> CleanReport:
    pages, body_size = clean_pages(doc)
    blocks, title = build_blocks(pages, body_size, is_pdf=doc.kind == "pdf")
    text = report_text(blocks)
    if len(text.split()) < 5:
        raise EmptyReportError("no extractable text (image-only PDF?); it needs OCR first")
    problem = text_layer_problem(text) if doc.kind == "pdf" else ""
    if problem:
        raise EmptyReportError(problem)
    opening = "\n".join(line.text for page in pages[:2] for line in page[:60])
    # A title line the cleaner took for a running header (it repeats at the top of every page)
    # is still the title when it reads as one.
    first_line = doc.pages[0][0].text if doc.pages and doc.pages[0] else ""
    title = (
        title
        or (first_line if title_line(first_line) else "")
        or doc.pdf_title
        or Path(doc.file_name).stem.replace("-", " ").replace("_", " ")
    )
    meta = detect_metadata(opening, text, doc.file_name, title)
    meta.update(read_sidecar(path))
    meta = finalise(meta)
    chunks = chunk_blocks(blocks, text, min_words, max_words)
    for chunk in chunks:
        chunk.metadata = {
            **meta,
            "page_start": doc.page_labels[chunk.page_start],
            "page_end": doc.page_labels[chunk.page_end],
            "page_index": chunk.page_start + 1,
            # where the passage moves on to the next page: "[[412, \"3\"]]" (offset, page label)
            "page_breaks": json.dumps([[at, doc.page_labels[page]] for at, page in chunk.page_breaks]),
        }
    return CleanReport(doc.file_name, text, blocks, doc.page_labels, meta, chunks)
