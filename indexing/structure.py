"""Group cleaned lines into the report's own units: headings, paragraphs and bullets.

Also repairs what extraction breaks between units: words hyphenated at line ends, and
sentences cut by a page break or a hard wrap (a unit that stops mid-sentence and a next
unit that carries on). The joined text is what users quote, so every repair is
conservative: a hyphen is only removed where the report itself spells the word without it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from indexing.model import GRADE, Block, Line

BULLET = re.compile(r"^(?:[◼■▪•●○◦‣∙·\-–*]|[\uf000-\uf8ff])\s*(?=\S)")
NUMBERED = re.compile(r"^\d{1,3}\.\s+\S")
_TERMINAL = tuple(".?!:;…\"”’')]")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_SKIPPED_SECTIONS = {"contents", "table of contents"}
_NOT_HEADINGS = re.compile(r"^(dear|yours (sincerely|faithfully)|kind regards)\b", re.IGNORECASE)


@dataclass
class _Draft:
    kind: str
    lines: list[Line] = field(default_factory=list)

    @property
    def first(self) -> Line:
        return self.lines[0]

    @property
    def last(self) -> Line:
        return self.lines[-1]


def _vocabulary(pages: list[list[Line]]) -> Counter[str]:
    words: Counter[str] = Counter()
    for page in pages:
        for line in page:
            words.update(w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]*", line.text))
    return words


def join_lines(lines: list[str], vocabulary: Counter[str]) -> str:
    """Join wrapped lines into one string, undoing only line-end hyphenation."""
    out = ""
    for line in lines:
        if not out:
            out = line
            continue
        if out.endswith("\u00ad"):
            out = out[:-1] + line
        elif re.search(r"[A-Za-z]-$", out) and re.match(r"[A-Za-z]", line):
            left = re.search(r"([A-Za-z]+)-$", out).group(1).lower()  # type: ignore[union-attr]
            right = re.match(r"[A-Za-z]+", line).group(0).lower()  # type: ignore[union-attr]
            keep_hyphen = vocabulary[left + right] == 0 or vocabulary[f"{left}-{right}"] > 0
            out = (out if keep_hyphen else out[:-1]) + line
        elif re.search(r"\d-$", out):
            out += line  # "16- and 17-" + "year-olds"
        else:
            out = f"{out} {line}"
    return out


def _is_terminated(text: str) -> bool:
    return text.rstrip().endswith(_TERMINAL)


class _Segmenter:
    """Decides where one unit ends and the next begins, for PDF or plain-text lines."""

    def __init__(self, pages: list[list[Line]], body_size: float, is_pdf: bool) -> None:
        self.body_size = body_size
        self.is_pdf = is_pdf
        gaps: Counter[float] = Counter()
        for page in pages:
            for prev, line in itertools.pairwise(page):
                if prev.y is not None and line.y is not None and 0 < prev.y - line.y < 60:
                    gaps[round(prev.y - line.y)] += 1
        self.leading = gaps.most_common(1)[0][0] if gaps else 0.0

    def is_heading(self, line: Line, standalone: bool) -> bool:
        text = line.text
        if line.heading_hint:
            return True
        if len(text.split()) > 25 or BULLET.match(text) or NUMBERED.match(text):
            return False
        if _NOT_HEADINGS.match(text):
            return False
        if self.is_pdf:
            big = self.body_size and line.size >= self.body_size + 1.5
            bold = line.bold and line.size >= self.body_size - 0.5
            return bool(big or bold) and not text.endswith((".", ","))
        return (
            standalone
            and len(text.split()) <= 15
            and text[:1].isupper()
            and not text.endswith((".", ",", ";", ":"))
        )

    def heading_continues(self, prev: Line, line: Line) -> bool:
        """A heading wrapped over two lines: same size, next line close below."""
        if not self.is_pdf or prev.page != line.page or prev.y is None or line.y is None:
            return False
        return abs(prev.size - line.size) < 0.5 and 0 < prev.y - line.y < 1.8 * max(line.size, 1.0)

    def heading_ends(self, prev: Line, line: Line) -> bool:
        """The last line of a wrapped heading that states a finding ("… children and" /
        "families: requires improvement to be good."): it ends with a full stop, so it is not a
        heading of its own, but it is set like the line above and carries on its phrase."""
        return (
            line.text[:1].islower()
            and not _is_terminated(prev.text)
            and prev.bold == line.bold
            and self.heading_continues(prev, line)
        )

    def paragraph_continues(self, prev: Line, line: Line) -> bool:
        """A lowercase line right under unterminated text carries it on, bold or not: a heading
        never starts in lowercase, and a table's wrapped row label is set in heading type."""
        return line.text[:1].islower() and not _is_terminated(prev.text) and not self.gap_breaks(prev, line)

    def gap_breaks(self, prev: Line, line: Line) -> bool:
        if line.blank_before:
            return True
        if self.leading and prev.y is not None and line.y is not None and prev.page == line.page:
            gap = prev.y - line.y
            return gap > 1.45 * self.leading or gap < -5  # extra leading, or a new column
        return False


def _draft_units(pages: list[list[Line]], seg: _Segmenter) -> list[_Draft]:
    lines = [line for page in pages for line in page]
    drafts: list[_Draft] = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else None
        standalone = line.blank_before and (nxt is None or nxt.blank_before or nxt.page != line.page)
        heading = seg.is_heading(line, standalone or seg.is_pdf)
        prev = drafts[-1] if drafts else None
        if not heading and prev and prev.kind == "heading" and seg.heading_ends(prev.last, line):
            prev.lines.append(line)  # "… with children and" / "families: requires improvement to be good."
            continue
        if heading and prev and prev.kind != "heading" and seg.paragraph_continues(prev.last, line):
            heading = False  # "2. Children looked after and achieving" / "permanence Good" in bold
        if heading:
            if prev and prev.kind == "heading" and seg.heading_continues(prev.last, line):
                prev.lines.append(line)
            else:
                drafts.append(_Draft("heading", [line]))
            continue
        starts_unit = (
            prev is None
            or prev.kind == "heading"
            or BULLET.match(line.text) is not None
            or NUMBERED.match(line.text) is not None
            or seg.gap_breaks(prev.last, line)
            or (seg.is_pdf and abs(line.size - prev.last.size) >= 1.5)
        )
        if starts_unit:
            drafts.append(_Draft("bullet" if BULLET.match(line.text) else "paragraph", [line]))
        else:
            prev.lines.append(line)
    return drafts


def _continues(prev: _Draft, nxt: _Draft, full_line: int) -> bool:
    """A unit cut by a page break or a blank line carries on in the next one.

    Unterminated text followed by a lowercase start is always a continuation. Across a
    page, a numbered paragraph or bullet whose last line runs the full width also carries
    on: a paragraph that ended there would leave its last line short.
    """
    if prev.kind == "heading" or nxt.kind != "paragraph" or NUMBERED.match(nxt.first.text):
        return False
    crosses_page = nxt.first.page != prev.last.page
    if not _is_terminated(prev.last.text):
        return nxt.first.text[:1].islower() or (crosses_page and prev.last.text[-1:].isalnum())
    itemised = prev.kind == "bullet" or NUMBERED.match(prev.first.text) is not None
    return crosses_page and itemised and full_line > 0 and len(prev.last.text) >= 0.85 * full_line


def _typical_line_length(pages: list[list[Line]]) -> int:
    """Characters in a full-width line of body text (upper quartile of line lengths)."""
    lengths = sorted(len(line.text) for page in pages for line in page if len(line.text) > 20)
    return lengths[int(len(lengths) * 0.75)] if len(lengths) >= 20 else 0


def _looks_like_table_row(draft: _Draft) -> bool:
    text = " ".join(line.text for line in draft.lines)
    return draft.kind == "paragraph" and len(text.split()) <= 15 and not _is_terminated(text)


# The front-matter fields of an Ofsted report ("Inspection dates: 14 to 25 October 2024",
# "Lead inspector: …"): often bold, but text to keep and quote, not section headings.
_FIELD_LINE = re.compile(
    r"^(Inspection dates?|Dates? of (?:the )?inspection|Lead inspector|Report published)\s*:", re.IGNORECASE
)


# A grade set in bold with nothing under it before the next heading: a 2014-2018 report states
# "The effectiveness of the LSCB requires improvement" that way, and prints its judgement table
# ("Leadership, management and governance Good", "Requires improvement") in heading type. Kept as
# headings they head empty sections, which no passage holds, so the report's own statement of the
# grade could never be quoted; as text it is a passage of the section above it.
_STATES_A_GRADE = re.compile(r"(?:^|\s)" + GRADE + r"\.?$", re.IGNORECASE)


def _heads_nothing(drafts: list[_Draft], index: int) -> bool:
    """Whether the heading at ``index`` is followed straight by another heading (or the end)."""
    return index + 1 >= len(drafts) or drafts[index + 1].kind == "heading"


# How an older report's title goes on under the council's name: "Barnsley" / "Inspection of
# children's social care services", or the 2014-2017 framework's two-part title.
_TITLE_GOES_ON = re.compile(r"^(Inspection of|Review of|and\b)|^[a-z]")


def _full_title(first: str, following: list[_Draft], vocabulary: Counter[str]) -> str:
    """The report's title as Ofsted prints it. Reports from 2014-2019 print the council's name
    first and the kind of report below it; the name alone ("Barnsley") is no title to cite.
    The lines below are read ahead, not taken: they still head their section as before."""
    title = first
    for draft in following:
        text = join_lines([line.text for line in draft.lines], vocabulary)
        if draft.kind != "heading" or draft.first.page != 0 or not _TITLE_GOES_ON.search(text):
            break
        joiner = ": " if text.startswith("Inspection of") and "Inspection of" not in title else " "
        title = f"{title}{joiner}{text}"
    return re.sub(r"(?<=[a-z])\d+$", "", title)  # a footnote mark: "… Children Board1"


def _fields_split_off(drafts: list[_Draft]) -> list[_Draft]:
    """Front-matter fields set in the title's type ("Inspection date: 29 April – 22 May 2014"
    under a 2014 report's bold title) run on from the heading above them; each starts a
    paragraph of its own, so the dates are stored and quotable rather than swallowed by the title."""
    out: list[_Draft] = []
    for draft in drafts:
        cut = [i for i, line in enumerate(draft.lines) if i and _FIELD_LINE.match(line.text.strip())]
        if draft.kind != "heading" or not cut:
            out.append(draft)
            continue
        edges = [0, *cut, len(draft.lines)]
        for n, (start, end) in enumerate(itertools.pairwise(edges)):
            out.append(_Draft("heading" if n == 0 else "paragraph", draft.lines[start:end]))
    return out


def _page_breaks(draft: _Draft, text: str, vocabulary: Counter[str]) -> tuple[tuple[int, int], ...]:
    """Where in a unit's joined text each later page begins (a paragraph carried over a page
    break), so that a quote from it can cite the page it is on, not the unit's page range."""
    breaks = []
    for i in range(1, len(draft.lines)):
        if draft.lines[i].page != draft.lines[i - 1].page:
            before = join_lines([line.text for line in draft.lines[:i]], vocabulary)
            offset = min(len(text), len(before) + (1 if text[len(before) : len(before) + 1] == " " else 0))
            breaks.append((offset, draft.lines[i].page))
    return tuple(breaks)


def build_blocks(pages: list[list[Line]], body_size: float, is_pdf: bool) -> tuple[list[Block], str]:
    """Blocks with sections and offsets, plus the title taken from the opening heading."""
    seg = _Segmenter(pages, body_size, is_pdf)
    vocabulary = _vocabulary(pages)
    drafts: list[_Draft] = []
    full_line = _typical_line_length(pages)
    for draft in _draft_units(pages, seg):
        if drafts and _continues(drafts[-1], draft, full_line):
            drafts[-1].lines.extend(draft.lines)
        else:
            drafts.append(draft)

    drafts = _fields_split_off(drafts)

    blocks: list[Block] = []
    title = ""
    section = "Introduction"
    lead_in = ""
    offset = 0
    seen_heading = False
    section_after_table: str | None = None
    for index, draft in enumerate(drafts):
        text = join_lines([line.text for line in draft.lines], vocabulary)
        kind = draft.kind
        if kind == "bullet":
            text = BULLET.sub("", text, count=1).strip()
        if kind == "heading" and _FIELD_LINE.match(text):
            kind = "paragraph"  # "Inspection dates: …" set in bold is a stated fact, not a heading
        if kind == "heading" and _heads_nothing(drafts, index) and _STATES_A_GRADE.search(text):
            kind = "paragraph"  # a finding set in bold, not a heading: see _STATES_A_GRADE
        if kind == "heading":
            following = drafts[index + 1 : index + 4]
            table_header = len(following) == 3 and all(_looks_like_table_row(d) for d in following)
            if not title and draft.first.page == 0 and not seen_heading and not table_header:
                title = _full_title(text, drafts[index + 1 : index + 6], vocabulary)
                seen_heading = True
                continue
            seen_heading = True
            # A table's header row (e.g. "Judgement Grade"), not a section: the prose after the
            # table still belongs to the section the table sits in. A heading after the table
            # starts its own section.
            section_after_table = section if table_header else None
            section = text.rstrip(":").strip()
            lead_in = ""
        elif section_after_table is not None and not _looks_like_table_row(draft):
            section, section_after_table = section_after_table, None
        if section.lower() in _SKIPPED_SECTIONS:
            continue
        block = Block(
            kind=kind,  # type: ignore[arg-type]
            text=text,
            page_start=draft.first.page,
            page_end=draft.last.page,
            page_breaks=_page_breaks(draft, text, vocabulary),
            section=section,
            lead_in=lead_in if kind == "bullet" else "",
            char_start=offset,
            char_end=offset + len(text),
        )
        blocks.append(block)
        offset = block.char_end + 2  # blocks are joined by a blank line in the report text
        if kind == "paragraph":
            lead_in = text if text.endswith(":") else ""
    # A heading that names no report ("Headline findings") is no title when page 1 has a line
    # that is one, set in body type ("Focused visit to Oldham children's services.").
    if not re.search(r"Inspection of|visit to|Joint targeted", title):
        title = _title_line(blocks) or title
    return blocks, title


# The opening line of a report whose title is set as ordinary text.
_TITLE_LINE = re.compile(
    r"^(Inspection of|Focused visit to|Monitoring visit to|Joint targeted area inspection)\b"
)


def _title_line(blocks: list[Block]) -> str:
    """A title printed in body type (no heading found): the first line on page 1 that reads as
    one ("Inspection of Bracknell Forest local authority children's services")."""
    for block in blocks:
        if block.page_start > 0:
            break
        line = re.split(r"\s+(?=Inspection dates?\b|Lead inspector\b|Dates? of\b)", block.text)[0]
        if title_line(line):
            return line.rstrip(".")
    return ""


def title_line(line: str) -> bool:
    """Whether a line reads as a report's title ("Inspection of X local authority children's services")."""
    return bool(_TITLE_LINE.match(line)) and len(line.split()) <= 20


def report_text(blocks: list[Block]) -> str:
    return "\n\n".join(block.text for block in blocks)
