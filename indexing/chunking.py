"""Section-aware chunking: one or a few consecutive units of one section per chunk.

A chunk never crosses a section, so its citation names one section. Units are kept
whole (a bullet, a numbered paragraph); only a unit longer than the maximum is split,
at sentence boundaries. Short neighbours are packed together up to the maximum so
that small units (table rows, one-line bullets) do not become weak, context-free chunks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TypeVar

from indexing.model import Block, Chunk

# v2: listed council names; v3: bold "Inspection dates:" lines kept as text; v4: and those set under a title;
# v5: a grade set in bold with nothing under it kept as text; v6: headings wrapped onto a line ending
# in a full stop; v7: wrapped judgement-table grade cells joined to their row, a heading after a table
# starts its own section
CHUNKING_VERSION = "sections-v7"
T = TypeVar("T")
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


def passage_sentences(text: str) -> Iterator[tuple[str, int, str]]:
    """Each sentence of a passage as (its paragraph or bullet, its offset in ``text``, the
    sentence without surrounding space). Paragraphs are separated by a blank line and a
    sentence never runs from one into the next."""
    offset = 0
    for unit in text.split("\n\n"):
        for start, end in split_sentences(unit):
            raw = unit[start:end]
            yield unit, offset + start + len(raw) - len(raw.lstrip()), raw.strip()
        offset += len(unit) + 2


# A "word" of text with no spaces (a run of symbols, a base64 blob) counts as this many
# characters at most: every chunk stays small whatever the input.
MAX_WORD_CHARS = 30


def _bounded(text: str, start: int, end: int, max_words: int) -> list[tuple[int, int]]:
    """A sentence as spans of at most ``max_words`` words and ``max_words * MAX_WORD_CHARS``
    characters, cut at spaces where there are any. Text with no sentence ends (a one-line
    file) would otherwise become one chunk of any size."""
    limit = max_words * MAX_WORD_CHARS
    words = [m.span() for m in re.finditer(r"\S+", text[start:end])]
    if len(words) <= max_words and end - start <= limit:
        return [(start, end)]
    spans: list[tuple[int, int]] = []
    piece_start: int | None = None
    count = prev_end = 0
    for word_start, word_end in words:
        word_start, word_end = start + word_start, start + word_end
        while word_end - word_start > limit:  # one enormous "word": cut it by characters
            if piece_start is not None:
                spans.append((piece_start, prev_end))
                piece_start, count = None, 0
            spans.append((word_start, word_start + limit))
            word_start += limit
        if piece_start is not None and (count >= max_words or word_end - piece_start > limit):
            spans.append((piece_start, prev_end))
            piece_start, count = None, 0
        if piece_start is None:
            piece_start = word_start
        count += 1
        prev_end = word_end
    if piece_start is not None:
        spans.append((piece_start, prev_end))
    return spans


def _split_long(block: Block, max_words: int) -> list[Block]:
    """Cut an oversized unit at sentence boundaries into pieces of at most ``max_words``
    (a sentence longer than that at spaces, a space-less run by characters)."""
    pieces: list[Block] = []
    current: list[tuple[int, int]] = []
    words = 0
    sentences = [
        span
        for start, end in split_sentences(block.text)
        for span in _bounded(block.text, start, end, max_words)
    ]
    for start, end in sentences:
        n = len(block.text[start:end].split())
        too_long = current and end - current[0][0] > max_words * MAX_WORD_CHARS
        if current and (words + n > max_words or too_long):
            pieces.append(_sub_block(block, current[0][0], current[-1][1]))
            current, words = [], 0
        current.append((start, end))
        words += n
    if current:
        pieces.append(_sub_block(block, current[0][0], current[-1][1]))
    return pieces


def page_at(breaks: Iterable[tuple[int, T]], offset: int, first: T) -> T:
    """The page at ``offset`` of a text that starts on page ``first`` and moves on to page p
    at each (offset, p) of ``breaks`` (in order): for a block here, for a quote in a citation."""
    page = first
    for at, later in breaks:
        if at <= offset:
            page = later
    return page


def _sub_block(block: Block, start: int, end: int) -> Block:
    """A piece of a block, with the pages that piece itself is on."""
    return Block(
        kind=block.kind,
        text=block.text[start:end],
        page_start=page_at(block.page_breaks, start, block.page_start),
        page_end=page_at(block.page_breaks, max(start, end - 1), block.page_start),
        page_breaks=tuple((at - start, page) for at, page in block.page_breaks if start < at < end),
        section=block.section,
        lead_in=block.lead_in,
        char_start=block.char_start + start,
        char_end=block.char_start + end,
    )


def _make_chunk(units: list[Block], report_text: str, position: int) -> Chunk:
    start, end = units[0].char_start, units[-1].char_end
    lead_in = next((u.lead_in for u in units if u.lead_in), "")
    breaks: list[tuple[int, int]] = []
    page = units[0].page_start
    for unit in units:
        for at, later in [(0, unit.page_start), *unit.page_breaks]:
            if later != page:
                breaks.append((unit.char_start - start + at, later))
                page = later
    return Chunk(
        text=report_text[start:end],
        section=units[0].section,
        page_start=min(u.page_start for u in units),
        page_end=max(u.page_end for u in units),
        char_start=start,
        char_end=end,
        position=position,
        context=lead_in if lead_in and lead_in not in report_text[start:end] else "",
        page_breaks=tuple(breaks),
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
            if len(block.text.split()) > max_words or len(block.text) > max_words * MAX_WORD_CHARS:
                units.extend(_split_long(block, max_words))
            else:
                units.append(block)
        groups: list[list[Block]] = []
        words = chars = 0
        max_chars = max_words * MAX_WORD_CHARS
        for unit in units:
            n = len(unit.text.split())
            # A cell of a few words ("Good" after "… help and protection") stays with the row it
            # completes, so a judgement table is never cut between an area and its grade.
            table_cell = n <= 3 and not unit.text.rstrip().endswith((".", "?", "!"))
            fits = words + n <= max_words and chars + len(unit.text) <= max_chars
            if groups and fits and (words < min_words or table_cell):
                groups[-1].append(unit)
                words += n
                chars += len(unit.text)
            else:
                groups.append([unit])
                words, chars = n, len(unit.text)
        if len(groups) > 1:
            tail_words = sum(len(u.text.split()) for u in groups[-1])
            head_words = sum(len(u.text.split()) for u in groups[-2])
            tail_chars = sum(len(u.text) for u in groups[-1] + groups[-2])
            if tail_words < min_words and tail_words + head_words <= max_words and tail_chars <= max_chars:
                groups[-2].extend(groups.pop())
        chunks.extend(_make_chunk(group, report_text, 0) for group in groups)
    for position, chunk in enumerate(chunks):
        chunk.position = position
    return chunks
