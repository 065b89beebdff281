"""Answers and their citations: the objects every interface (UI, CLI, eval) consumes."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import date

from indexing.chunking import page_at

PUBLISHER = "Ofsted"


def human_date(iso: str) -> str:
    try:
        d = date.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso or "undated"
    return f"{d.day} {d.strftime('%B %Y')}"


def page_label(meta: dict, quote_start: int = -1, quote_length: int = 0) -> str:
    """The page a quote is on: the passage's range, narrowed to the quote's own pages when the
    passage records where it moves on to another page (a quote spans pages only when the
    sentence itself crosses a page break)."""
    start, end = str(meta.get("page_start", "")), str(meta.get("page_end", ""))
    if quote_start >= 0 and start != end:
        try:
            breaks = [(int(at), str(label)) for at, label in json.loads(str(meta.get("page_breaks") or "[]"))]
        except (ValueError, TypeError):
            breaks = []
        if breaks:
            start = page_at(breaks, quote_start, start)
            end = page_at(breaks, quote_start + max(0, quote_length - 1), start)
    return start if not end or end == start else f"{start}–{end}"


@dataclass
class Citation:
    """One verbatim quote and where it comes from."""

    n: int
    quote: str
    report: str
    title: str
    date: str
    page: str
    section: str
    score: float
    passage: str
    chunk_id: str = ""
    quote_start: int = -1  # offset of the quote inside ``passage``; -1 when not located
    authority: str = ""
    inspection_type: str = ""
    also_in: list[str] = field(default_factory=list)
    url: str = ""  # the report's public address, from its sidecar

    @property
    def page_text(self) -> str:
        """ "p. 3", "pp. 2–3", or "" for a report without pages (a plain text file)."""
        if not self.page:
            return ""
        return f"pp. {self.page}" if "–" in self.page else f"p. {self.page}"

    @property
    def citation_line(self) -> str:
        """A ready-to-paste reference in one style everywhere (chat, Copy quote, Markdown, Word,
        CSV, JSON): publisher, report title, date, page, and the report's public address when
        its sidecar gives one (see docs/citations.md)."""
        parts = [PUBLISHER, f"‘{self.title}’", human_date(self.date), self.page_text]
        line = ", ".join(p for p in parts if p) + "."
        return f"{line} {self.url}" if self.url else line

    def to_dict(self) -> dict:
        data = asdict(self)
        data["citation"] = self.citation_line
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Citation:
        """A citation as `to_dict` wrote it (a saved conversation); derived keys are ignored."""
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation]
    abstained: bool
    mode: str = "extractive"
    standalone_question: str = ""
    related: list[Citation] = field(default_factory=list)
    notice: str = ""  # e.g. why the LLM answer fell back to extractive
    nothing_found: str = ""  # why nothing could be quoted: empty-index, filters, scope, not-covered
    confidence: float = 0.0  # fitted answerability probability (1 for report facts, 0 when abstained)
    scope: str = ""  # the reports the question named, e.g. "Croydon · full inspection · December 2024"
    scope_filters: dict = field(default_factory=dict)  # the same as filters, for the UI to show and edit
    problems: list[str] = field(default_factory=list)  # failed citation checks (LLM mode)
    timings: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "standalone_question": self.standalone_question,
            "answer": self.text,
            "abstained": self.abstained,
            "mode": self.mode,
            "citations": [c.to_dict() for c in self.citations],
            "related": [c.to_dict() for c in self.related],
            "notice": self.notice,
            "nothing_found": self.nothing_found,
            "confidence": round(self.confidence, 4),
            "scope": self.scope,
            "scope_filters": self.scope_filters,
            "problems": self.problems,
            "timings": {k: round(v, 4) for k, v in self.timings.items()},
        }

    @classmethod
    def from_dict(cls, data: dict) -> Answer:
        """An answer as `to_dict` wrote it (a saved conversation, an API reply)."""
        return cls(
            question=data.get("question", ""),
            text=data.get("answer", ""),
            citations=[Citation.from_dict(c) for c in data.get("citations", [])],
            abstained=bool(data.get("abstained")),
            mode=data.get("mode", "extractive"),
            standalone_question=data.get("standalone_question", ""),
            related=[Citation.from_dict(c) for c in data.get("related", [])],
            notice=data.get("notice", ""),
            nothing_found=data.get("nothing_found", ""),
            confidence=float(data.get("confidence", 0.0)),
            scope=data.get("scope", ""),
            scope_filters=dict(data.get("scope_filters", {})),
            problems=list(data.get("problems", [])),
            timings=dict(data.get("timings", {})),
        )


def citation_from_passage(
    n: int, quote: str, passage, quote_start: int = -1, score: float | None = None
) -> Citation:
    meta = passage.meta
    return Citation(
        n=n,
        quote=quote,
        report=passage.report_id,
        title=str(meta.get("title", passage.report_id)),
        date=str(meta.get("report_date", "")),
        page=page_label(meta, quote_start, len(quote)),
        section=str(meta.get("section", "")),
        score=round(float(passage.dense if score is None else score), 4),
        passage=passage.text,
        chunk_id=passage.chunk_id,
        quote_start=quote_start,
        authority=str(meta.get("local_authority", "")),
        inspection_type=str(meta.get("inspection_type", "")),
        also_in=list(passage.also_in),
        url=str(meta.get("url", "")),
    )
