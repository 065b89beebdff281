"""Plain data passed between the indexing stages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# The grades Ofsted gives, as a regular expression (one group): read by the structure and the facts.
GRADE = r"(Outstanding|Good|Requires?\s+improvement\s+to\s+be\s+good|Requires?\s+improvement|Inadequate)"


@dataclass
class Line:
    """One text line as extracted, with the layout facts cleaning and structure need."""

    text: str
    page: int  # 0-based page index
    bold: bool = False
    size: float = 0.0  # dominant font size; 0 when unknown (plain text)
    y: float | None = None  # baseline height on the page, PDF units (origin bottom-left)
    blank_before: bool = False  # a visible gap (blank line / extra leading) precedes this line
    heading_hint: bool = False  # markdown '#' heading or similar explicit marker


@dataclass
class ExtractedDocument:
    """A file's text as pages of lines, before any cleaning."""

    file_name: str
    kind: Literal["pdf", "txt", "md"]
    pages: list[list[Line]]
    page_labels: list[str]
    page_height: float = 0.0
    pdf_title: str = ""


@dataclass
class Block:
    """A structural unit of a report: a heading, a paragraph or one bullet."""

    kind: Literal["heading", "paragraph", "bullet"]
    text: str
    page_start: int
    page_end: int
    section: str = ""
    lead_in: str = ""  # for bullets: the line introducing the list
    char_start: int = 0
    char_end: int = 0
    # (offset in ``text``, page index) where a paragraph carries on onto a later page
    page_breaks: tuple[tuple[int, int], ...] = ()


@dataclass
class Chunk:
    """What is stored and retrieved: a passage inside one section, with its provenance."""

    text: str
    section: str
    page_start: int
    page_end: int
    char_start: int
    char_end: int
    position: int
    context: str = ""  # lead-in line of a bullet list, embedded but not quoted
    metadata: dict = field(default_factory=dict)
    # (offset in ``text``, page index) wherever the text moves on to another page
    page_breaks: tuple[tuple[int, int], ...] = ()

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass
class CleanReport:
    """A whole report after cleaning: its text, blocks and detected metadata."""

    file_name: str
    text: str
    blocks: list[Block]
    page_labels: list[str]
    metadata: dict
    chunks: list[Chunk] = field(default_factory=list)
