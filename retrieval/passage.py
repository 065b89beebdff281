"""A retrieved passage: the chunk's text and metadata with where it stands and how it scored."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Passage:
    """A retrieved chunk with its provenance and scores."""

    chunk_id: str
    text: str
    meta: dict
    dense: float = 0.0  # cosine similarity to the question
    lexical: float = 0.0  # BM25 score
    score: float = 0.0  # fused score (what the ranking uses)
    also_in: list[str] = field(default_factory=list)
    opens_section: bool = False  # the first passage of its section, which opens with its headline finding
    place: float = 0.0  # where in its report: 0 the first passage, 1 the last

    @property
    def report_id(self) -> str:
        return str(self.meta.get("report_id", ""))
