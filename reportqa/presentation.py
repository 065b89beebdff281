"""Turning answers into what people read: chat Markdown, the sources panel, exports.

Report text and model output are untrusted: everything is HTML-escaped or
Markdown-escaped here, so a ``<script>`` or an image link inside a report or an LLM
reply is shown as text and never runs or loads.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from answering.citations import Answer, Citation, human_date

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!<>|~])")


# Bare addresses that Markdown renderers turn into links by themselves ("http://…", "www.…").
_AUTOLINK = re.compile(r"(?i)\b(https?|ftp|mailto)(:)|\b(www)(\.)")
_ESCAPED_CITE = re.compile(r"\\\[(\d{1,3})\\\]")


def md_escape(text: str) -> str:
    """Untrusted text as Markdown that shows it literally: no emphasis, no link of any kind."""
    escaped = _MD_SPECIAL.sub(r"\\\1", text)
    return _AUTOLINK.sub(lambda m: f"{m.group(1) or m.group(3)}&#{ord(m.group(2) or m.group(4))};", escaped)


def _link_citations(escaped: str, turn: int) -> str:
    """Our own [n] markers (escaped by `md_escape`) become links to this turn's source cards;
    nothing else in the text does."""
    return _ESCAPED_CITE.sub(lambda m: f"[\\[{m.group(1)}\\]](#src-{turn}-{m.group(1)})", escaped)


def chat_markdown(answer: Answer, turn: int) -> str:
    """The answer as chat Markdown, with [n] linking to the source card of this turn."""
    parts: list[str] = []
    if answer.scope:
        parts.append(f"*From: {md_escape(answer.scope)}*\n")
    if answer.notice:
        parts.append(f"*{md_escape(answer.notice)}*\n")
    if answer.mode == "llm" and not answer.abstained:
        body = md_escape(answer.text.split("\n\n⚠ Citation check failed", 1)[0])
        parts.append(_link_citations(body, turn))
        parts.extend(f"\n⚠ **Citation check failed:** {md_escape(p)}" for p in answer.problems)
    elif answer.abstained:
        parts.append(md_escape(answer.text))
    else:
        lead = answer.text.splitlines()[0]
        parts.append(md_escape(lead))
        current = None
        for c in answer.citations:
            if c.report != current:
                current = c.report
                parts.append(f"\n**{md_escape(c.title)}** — {human_date(c.date)}")
            quote = " ".join(c.quote.split())  # a table line's breaks would end the list item
            parts.append(f"- “{md_escape(quote)}” [\\[{c.n}\\]](#src-{turn}-{c.n})")
    return "\n".join(parts)


def _highlight(passage: str, quote: str, start: int) -> str:
    if start < 0 or passage[start : start + len(quote)] != quote:
        start = passage.find(quote)
    if start < 0 or not quote:
        return html.escape(passage)
    end = start + len(quote)
    return (
        html.escape(passage[:start])
        + f"<mark>{html.escape(passage[start:end])}</mark>"
        + html.escape(passage[end:])
    )


def copy_text(c: Citation) -> str:
    return f"“{c.quote}” — {c.citation_line}"


def source_card(c: Citation, turn: int, related: bool = False) -> str:
    """One source: the quote, its report, date, page and section, the passage around it, and
    (for a quote that answers) Copy quote and Open p. N (a text report: Open in report). A "possibly related"
    passage is the nearest text to an unanswered question: nothing to paste or open."""
    passage_html = _highlight(c.passage, c.quote, c.quote_start).replace("\n\n", "<br><br>")
    label = "possibly related" if related else f"[{c.n}]"
    meta = " · ".join(html.escape(x) for x in (human_date(c.date), c.page_text, c.section) if x)
    buttons = ""
    if not related:
        copy = html.escape(copy_text(c), quote=True)
        buttons = f'<button class="copy-quote" data-copy="{copy}">Copy quote</button>'
        # A PDF opens at the page; a text report (no pages) at its paragraph.
        where = html.escape(c.page_text) if c.report.lower().endswith(".pdf") and c.page_text else "in report"
        buttons += f' <button class="open-page" data-open="{turn}:{c.n}">Open {where}</button>'
    return (
        f'<div class="src-card" id="src-{turn}-{c.n}">'
        f'<div class="src-head"><span class="src-n">{label}</span> <b>{html.escape(c.title)}</b></div>'
        f'<div class="src-meta">{meta}</div>'
        f'<blockquote class="src-quote">“{html.escape(c.quote[:600])}”</blockquote>'
        "<details><summary>Show the passage in context</summary>"
        f'<div class="src-passage">{passage_html}</div></details>'
        f"{buttons}</div>"
    )


def report_label(report_id: str, record: dict) -> str:
    """How a report is named in lists: its title and date, not its file name."""
    return f"{record.get('title') or report_id} — {human_date(str(record.get('report_date', '')))}"


REPORT_COLUMNS = ("council", "date", "type", "judgement", "title", "pages", "passages", "indexed", "file")


def reports_table_html(records: dict[str, dict]) -> str:
    """The indexed reports, newest first, as a plain HTML table.

    Plain HTML rather than a data grid: on a phone the stylesheet keeps only the first four
    columns (council, date, type, judgement), which a virtualised grid cannot lay out.
    """
    if not records:
        return '<p class="src-empty">No reports are indexed yet.</p>'
    rows = []
    for rid, rec in sorted(records.items(), key=lambda kv: kv[1].get("report_date", ""), reverse=True):
        values = (
            rec.get("local_authority", ""),
            rec.get("report_date", ""),
            rec.get("inspection_type", ""),
            rec.get("overall_judgement", ""),
            rec.get("title", rid),
            rec.get("pages", ""),
            rec.get("chunk_count", ""),
            str(rec.get("indexed_at", ""))[:10],
            rid,
        )
        rows.append("<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in values) + "</tr>")
    head = "".join(f"<th>{name}</th>" for name in REPORT_COLUMNS)
    return (
        f'<div class="reports-scroll"><table class="reports"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def sources_html(answer: Answer | None, turn: int) -> str:
    if answer is None:
        return '<div class="src-empty">Sources for the latest answer appear here.</div>'
    cards = [source_card(c, turn) for c in answer.citations]
    cards += [source_card(c, turn, related=True) for c in answer.related]
    if not cards:
        return '<div class="src-empty">No passages matched.</div>'
    title = "Sources" if answer.citations else "Nearest passages (they do not answer the question)"
    return f'<div class="src-panel"><h3>{title}</h3>{"".join(cards)}</div>'


def conversation_sources_html(turns: list[tuple[str, Answer]]) -> str:
    """The latest answer's sources, then each earlier answer's, folded under its question, so
    that every [n] in every answer of the conversation opens that answer's own card."""
    if not turns:
        return sources_html(None, 0)
    latest = sources_html(turns[-1][1], len(turns))
    earlier = [
        f'<details class="src-earlier"><summary>Sources for “{html.escape(question[:120])}”</summary>'
        f"{sources_html(answer, turn)}</details>"
        for turn, (question, answer) in reversed(list(enumerate(turns[:-1], 1)))
        if answer.citations or answer.related
    ]
    return latest + "".join(earlier)


# ---- exports ----------------------------------------------------------------------------
def export_markdown(turns: list[tuple[str, Answer]]) -> str:
    """The conversation with its citations, ready to paste into a briefing."""
    lines = ["# Questions and answers from inspection reports", ""]
    for question, answer in turns:
        lines += [f"## {question}", ""]
        if answer.notice:
            lines += [f"*{answer.notice}*", ""]
        lines += [answer.text, ""]
        if answer.citations:
            lines.append("**Sources**")
            lines += [
                f"- [{c.n}] “{c.quote}” — {c.citation_line} Section: {c.section}." for c in answer.citations
            ]
            lines.append("")
    return "\n".join(lines)


def export_docx(turns: list[tuple[str, Answer]], path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_heading("Questions and answers from inspection reports", level=1)
    for question, answer in turns:
        doc.add_heading(question, level=2)
        if answer.notice:
            doc.add_paragraph(answer.notice).italic = True
        if answer.abstained or not answer.citations:
            doc.add_paragraph(answer.text)
            continue
        for c in answer.citations:  # the chat's own [n], so numbering starts again with each answer
            para = doc.add_paragraph()
            para.add_run(f"[{c.n}] ").bold = True
            para.add_run(f"“{c.quote}”")
            para.add_run(f" — {c.citation_line} Section: {c.section}.").italic = True
    doc.save(str(path))
    return path


GRADE_LEVELS = {
    "inadequate": 1,
    "requires improvement": 2,
    "requires improvement to be good": 2,
    "good": 3,
    "outstanding": 4,
}


def judgement_table(rows: list[dict]) -> list[list]:
    """Judgement rows for a table: newest first, each with its page and line (line breaks shown
    as spaces, as a table cell cannot hold them)."""
    ordered = sorted(rows, key=lambda r: (r["date"], r["area"]), reverse=True)
    cells = ("authority", "date", "type", "area", "value", "page")
    return [[*(r[c] for c in cells), " ".join(r["line"].split()), r["report"]] for r in ordered]


def judgement_chart(rows: list[dict], title: str):
    """Grades over time, one line per judgement area (a matplotlib Figure)."""
    import matplotlib

    matplotlib.use("Agg")
    from datetime import date

    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(8, 3.4))
    areas: dict[str, list[tuple[date, int]]] = {}
    for row in sorted(rows, key=lambda r: r["date"]):
        if row["value"] in GRADE_LEVELS and row["date"]:
            areas.setdefault(row["area"], []).append(
                (date.fromisoformat(row["date"]), GRADE_LEVELS[row["value"]])
            )
    for area, points in areas.items():
        axis.plot([d for d, _ in points], [g for _, g in points], marker="o", label=area)
    axis.set_yticks([1, 2, 3, 4], ["Inadequate", "Requires improvement", "Good", "Outstanding"])
    axis.set_ylim(0.5, 4.5)
    axis.set_title(title)
    if areas:
        axis.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
