"""BM25 over all chunk passages (bm25s with an English stemmer), filterable by mask."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from retrieval.stemming import STEMMER
from retrieval.topk import top_rows


def _tokens(texts: list[str]):
    return bm25s.tokenize(texts, stopwords="en", stemmer=STEMMER, show_progress=False)


class LexicalIndex:
    """Scores every chunk for a query, so filters can be applied before taking the top k."""

    def __init__(self, texts: list[str]) -> None:
        self.size = len(texts)
        self.retriever = bm25s.BM25()
        if texts:
            self.retriever.index(_tokens(texts), show_progress=False)

    def save(self, folder: Path) -> None:
        """Write the index (bm25s's own arrays and vocabulary) into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "size.json").write_text(json.dumps(self.size), encoding="utf-8")
        if self.size:
            self.retriever.save(folder, show_progress=False)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """The index ``save`` wrote, its arrays memory-mapped: pages are read as queries touch
        them, and processes that load the same files share them in the page cache."""
        index = cls([])
        index.size = int(json.loads((folder / "size.json").read_text(encoding="utf-8")))
        if index.size:
            index.retriever = bm25s.BM25.load(folder, mmap=True, show_progress=False)
        return index

    def scores(self, query: str) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        tokenized = bm25s.tokenize(
            [query], stopwords="en", stemmer=STEMMER, show_progress=False, return_ids=False
        )
        terms = tokenized[0] if tokenized else []
        if not terms:
            return np.zeros(self.size)
        return np.asarray(self.retriever.get_scores(terms), dtype=np.float32)

    def rows_with_all(self, stems: frozenset[str] | set[str]) -> np.ndarray:
        """Rows whose indexed text (section, context and passage) holds every one of ``stems``,
        read from the index's postings: exact, and no passage is scored. Stop words, which the
        index does not keep, are left to the caller's own check."""
        needed = [s for s in stems if s not in STOPWORDS_EN]
        if not self.size or not needed:
            return np.zeros(0, dtype=np.int64)
        postings = self.retriever.scores
        rows: np.ndarray | None = None
        for stem in needed:
            column = self.retriever.vocab_dict.get(stem)
            if column is None:
                return np.zeros(0, dtype=np.int64)
            found = postings["indices"][postings["indptr"][column] : postings["indptr"][column + 1]]
            rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        return np.asarray(rows, dtype=np.int64)

    @staticmethod
    def top_of(scores: np.ndarray, k: int, mask: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The k best rows of already computed scores, within the mask.

        Ties are common (a sentence of boilerplate scores the same in every report that has
        it): `retrieval.topk` breaks them by row.
        """
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        return [(int(i), float(scores[i])) for i in top_rows(scores, k) if scores[i] > 0]
