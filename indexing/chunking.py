"""Section-aware chunking: one or a few consecutive units of one section per chunk.

A chunk never crosses a section, so its citation names one section. Units are kept
whole (a bullet, a numbered paragraph); only a unit longer than the maximum is split,
at sentence boundaries. Short neighbours are packed together up to the maximum so
that small units (table rows, one-line bullets) do not become weak, context-free chunks.
"""

from __future__ import annotations

import re
from itertools import groupby

from indexing.model import Block, Chunk

CHUNKING_VERSION = "sections-v3"  # v2: listed council names; v3: bold "Inspection dates:" lines kept as text
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) spans of the sentences of a passage, covering the text without gaps."""
    spans, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((start, match.start() + len(match.group(0).rstrip())))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_long(block: Block, max_words: int) -> list[Block]:
    """Cut an oversized unit at sentence boundaries into pieces of at most ``max_words``."""
    pieces: list[Block] = []
    current: list[tuple[int, int]] = []
    words = 0
    for start, end in split_sentences(block.text):
        n = len(block.text[start:end].split())
        if current and words + n > max_words:
            pieces.append(_sub_block(block, current[0][0], current[-1][1]))
            current, words = [], 0
        current.append((start, end))
        words += n
    if current:
        pieces.append(_sub_block(block, current[0][0], current[-1][1]))
    return pieces


def _sub_block(block: Block, start: int, end: int) -> Block:
    return Block(
        kind=block.kind,
        text=block.text[start:end],
        page_start=block.page_start,
        page_end=block.page_end,
        section=block.section,
        lead_in=block.lead_in,
        char_start=block.char_start + start,
        char_end=block.char_start + end,
    )


def _make_chunk(units: list[Block], report_text: str, position: int) -> Chunk:
    start, end = units[0].char_start, units[-1].char_end
    lead_in = next((u.lead_in for u in units if u.lead_in), "")
    return Chunk(
        text=report_text[start:end],
        section=units[0].section,
        page_start=min(u.page_start for u in units),
        page_end=max(u.page_end for u in units),
        char_start=start,
        char_end=end,
        position=position,
        context=lead_in if lead_in and lead_in not in report_text[start:end] else "",
    )


def chunk_blocks(blocks: list[Block], report_text: str, min_words: int, max_words: int) -> list[Chunk]:
    """Pack each section's units into chunks of roughly ``min_words``..``max_words`` words.

    The stored passage is the exact slice of the report text, so offsets and quotes agree.
    """
    chunks: list[Chunk] = []
    for _, section_blocks in groupby(blocks, key=lambda b: b.section):
        units: list[Block] = []
        for block in section_blocks:
            if block.kind == "heading":
                continue
            if len(block.text.split()) > max_words:
                units.extend(_split_long(block, max_words))
            else:
                units.append(block)
        groups: list[list[Block]] = []
        words = 0
        for unit in units:
            n = len(unit.text.split())
            # A cell of a few words ("Good" after "… help and protection") stays with the row it
            # completes, so a judgement table is never cut between an area and its grade.
            table_cell = n <= 3 and not unit.text.rstrip().endswith((".", "?", "!"))
            if groups and words + n <= max_words and (words < min_words or table_cell):
                groups[-1].append(unit)
                words += n
            else:
                groups.append([unit])
                words = n
        if len(groups) > 1:
            tail_words = sum(len(u.text.split()) for u in groups[-1])
            head_words = sum(len(u.text.split()) for u in groups[-2])
            if tail_words < min_words and tail_words + head_words <= max_words:
                groups[-2].extend(groups.pop())
        chunks.extend(_make_chunk(group, report_text, 0) for group in groups)
    for position, chunk in enumerate(chunks):
        chunk.position = position
    return chunks
