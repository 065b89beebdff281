"""From an extracted document to a `CleanReport`: cleaned text, blocks, chunks, metadata."""

from __future__ import annotations

from pathlib import Path

from indexing.chunking import chunk_blocks
from indexing.cleaning import clean_pages
from indexing.metadata import detect_metadata, finalise, read_sidecar
from indexing.model import CleanReport, ExtractedDocument
from indexing.structure import build_blocks, report_text


class EmptyReportError(ValueError):
    """The file parsed but holds no text worth indexing."""


def build_report(doc: ExtractedDocument, path: Path, min_words: int, max_words: int) -> CleanReport:
    pages, body_size = clean_pages(doc)
    blocks, title = build_blocks(pages, body_size, is_pdf=doc.kind == "pdf")
    text = report_text(blocks)
    if len(text.split()) < 5:
        raise EmptyReportError("no extractable text (image-only PDF?); it needs OCR first")
    opening = "\n".join(line.text for page in pages[:2] for line in page[:60])
    title = title or doc.pdf_title or Path(doc.file_name).stem.replace("-", " ").replace("_", " ")
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
        }
    return CleanReport(doc.file_name, text, blocks, doc.page_labels, meta, chunks)
