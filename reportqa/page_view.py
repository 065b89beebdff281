"""The cited page of a PDF report as an image, with the quoted sentence highlighted.

A reader who doubts a quote wants the page itself, not our copy of its text. (A text report
has no pages: it opens as its own paragraphs, numbered, at the one holding the quote.) The page is
rendered from the report's own PDF with pdfium (the `pypdfium2` wheel: no browser plug-in,
no pdf.js to serve), and the quote is found in the page's text layer so that its lines can
be marked. The quote's page is the one the citation names; where that label is not found in
the text (a quote pdfium lays out differently), the passage's pages are searched in turn.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

SCALE = 1.6  # 72 dpi x 1.6: readable on a laptop, about 1 MB as PNG
HIGHLIGHT = (255, 214, 0, 110)


@dataclass
class PageImage:
    image: Image.Image
    page_number: int  # 1-based index in the PDF
    found: bool  # whether the quote was located and marked


def _squeezed(text: str, join_hyphens: bool) -> tuple[str, list[int]]:
    """The text without whitespace (pdfium breaks lines where the stored passage has spaces,
    and the other way round), optionally without hyphens that end a line ("organi-/sation"),
    and for each kept character its index in ``text`` (pdfium's character index)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        if ch in "\x02\ufffe":  # pdfium's marks for a hyphen it read as soft ("solution-focused")
            ch = "-"
        if join_hyphens and ch == "-" and text[i + 1 : i + 2] in ("\r", "\n"):
            continue
        out.append(ch)
        where.append(i)
    return "".join(out), where


def locate(page_text: str, quote: str) -> tuple[int, int] | None:
    """Character range of ``quote`` in a page's text (start, count), or None."""
    wanted = "".join(quote.split())
    for join_hyphens in (False, True):
        text, where = _squeezed(page_text, join_hyphens)
        for candidate in (wanted, wanted[:100], wanted[:40]):  # a quote running onto the next page: its start
            at = text.find(candidate) if candidate else -1
            if at >= 0:
                start, end = where[at], where[at + len(candidate) - 1]
                return start, end - start + 1
    return None


def render_page(pdf_path: Path, quote: str, pages: list[int]) -> PageImage:
    """The first of ``pages`` (0-based, in order of preference) that holds the quote, with it
    marked; the first page, unmarked, when none does."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        candidates = [p for p in dict.fromkeys(pages) if 0 <= p < len(pdf)] or [0]
        for index in candidates:
            page = pdf[index]
            text_page = page.get_textpage()
            found = locate(text_page.get_text_range(), quote)
            if found is not None:
                return PageImage(_draw(page, text_page, *found), index + 1, True)
        page = pdf[candidates[0]]
        return PageImage(page.render(scale=SCALE).to_pil().convert("RGB"), candidates[0] + 1, False)
    finally:
        pdf.close()


def _draw(page, text_page, start: int, count: int) -> Image.Image:
    image = page.render(scale=SCALE).to_pil().convert("RGBA")
    overlay = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    height = page.get_height()
    lines: dict[int, list[float]] = {}  # one box per line: pdfium gives one per text run
    for i in range(text_page.count_rects(start, count)):
        left, bottom, right, top = text_page.get_rect(i)
        box = lines.setdefault(round(bottom / 4), [left, bottom, right, top])
        box[:] = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
    for left, bottom, right, top in lines.values():
        draw.rectangle(
            [left * SCALE - 2, (height - top) * SCALE - 2, right * SCALE + 2, (height - bottom) * SCALE + 2],
            fill=HIGHLIGHT,
        )
    return Image.alpha_composite(image, overlay).convert("RGB")


@dataclass
class TextView:
    html: str  # the report's paragraphs, numbered, every piece of text escaped
    paragraph: int  # the 1-based paragraph holding the quote; 0 when it was not found


def render_text(path: Path, quote: str) -> TextView:
    """A text or Markdown report as its own paragraphs (blank-line separated, numbered ¶ 1…),
    read from the file itself, with the quote marked in the first paragraph that holds it."""
    text = path.read_text(encoding="utf-8", errors="replace")
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    wanted = " ".join(quote.split())
    found, parts = 0, []
    for n, paragraph in enumerate(paragraphs, 1):
        body = html.escape(paragraph)
        if not found:
            for candidate in (wanted, wanted[:80]):  # a quote running into the next paragraph: its start
                at = paragraph.find(candidate) if candidate else -1
                if at >= 0:
                    found = n
                    end = at + len(wanted) if candidate == wanted else len(paragraph)
                    body = (
                        f"{html.escape(paragraph[:at])}<mark>{html.escape(paragraph[at:end])}</mark>"
                        f"{html.escape(paragraph[end:])}"
                    )
                    break
        parts.append(f'<p id="para-{n}"><span class="para-n">¶ {n}</span> {body}</p>')
    return TextView(f'<div class="text-view">{"".join(parts)}</div>', found)
