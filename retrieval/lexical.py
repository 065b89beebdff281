"""BM25 over all chunk passages, kept as term frequencies and scored when a question comes.

bm25s stores each (term, passage) pair's final score, which depends on every other passage
(the average length, how many passages use the term): one new report changes them all, so
the index had to be rebuilt over the whole corpus after each upload (about 9 s at 100,000
passages, minutes at a million, and every passage's tokens in memory at once). Here the
postings hold raw term frequencies and each passage's length; BM25 (the Lucene variant, with
bm25s's tokeniser, stop words, stemmer and defaults, so the scores are bm25s's to the last
bit) is computed at query time over the postings of the question's terms. So an index can be

- built a batch of passages at a time (memory bounded by the batch and the postings),
- updated by merging in a report's postings and dropping removed ones (`merged`), without
  reading any other passage's text, and
- saved as flat arrays that a serving process memory-maps (`save`, `load`): it pays for the
  postings its questions read, and processes on one file share them in the page cache.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN

from retrieval.stemming import STEMMER
from retrieval.topk import top_rows

K1, B = 1.5, 0.75  # bm25s's defaults, which the index was tuned with
BATCH = 20_000  # passages tokenised at once while building
_ARRAYS = ("indptr", "rows", "tf", "doc_len", "tf_part")


def tokens(texts: list[str]) -> list[list[str]]:
    """bm25s's tokens of each text: lower-cased words of two letters or more, English stop words
    left out, stemmed."""
    return bm25s.tokenize(texts, stopwords="en", stemmer=STEMMER, show_progress=False, return_ids=False)


class _Postings:
    """Postings gathered a batch of passages at a time: (term, row, frequency) triples, sorted by
    term then row when done."""

    def __init__(self, vocab: dict[str, int]) -> None:
        self.vocab = vocab
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        self.lengths: list[np.ndarray] = []

    def add(self, texts: list[str], rows: np.ndarray) -> None:
        """The passages ``texts``, numbered ``rows``."""
        tokenised = tokens(texts)
        lengths = np.fromiter((len(doc) for doc in tokenised), dtype=np.int64, count=len(texts))
        self.lengths.append(lengths.astype(np.int32))
        term = np.fromiter(
            (self.vocab.setdefault(token, len(self.vocab)) for doc in tokenised for token in doc),
            dtype=np.int64,
            count=int(lengths.sum()),
        )
        row = np.repeat(np.asarray(rows, dtype=np.int64), lengths)
        pairs, counts = np.unique((term << 32) | row, return_counts=True)  # sorted by term, then row
        self.parts.append(
            ((pairs >> 32).astype(np.int32), (pairs & 0xFFFFFFFF).astype(np.int32), counts.astype(np.uint16))
        )

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Term, row and frequency of every posting, sorted by term then row."""
        if not self.parts:
            return np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, np.uint16)
        term, row, tf = (np.concatenate(column) for column in zip(*self.parts, strict=True))
        order = np.lexsort((row, term))
        return term[order], row[order], tf[order]


class LexicalIndex:
    """Scores every chunk for a query, so filters can be applied before taking the top k."""

    def __init__(
        self,
        vocab: dict[str, int],
        indptr: np.ndarray,
        rows: np.ndarray,
        tf: np.ndarray,
        doc_len: np.ndarray,
        tf_part: np.ndarray | None = None,
    ) -> None:
        self.vocab = vocab  # term -> its number
        self.indptr = indptr  # int64: term t's postings are [indptr[t], indptr[t + 1])
        self.rows = rows  # int32: each posting's passage, ascending within a term
        self.tf = tf  # uint16: how often the term occurs in that passage
        self.doc_len = doc_len  # int32: each passage's number of tokens
        self.size = len(doc_len)
        # float64: each posting's BM25 term-frequency part, tf / (tf + k1 (1 - b + b len / avg)),
        # worked out for the index as it stands (the average length changes with every
        # update), so a query reads it for its terms' postings and multiplies by their idf.
        self.tf_part = self._tf_part() if tf_part is None else tf_part

    def _tf_part(self) -> np.ndarray:
        if not self.size:
            return np.zeros(0)
        average = float(np.sum(self.doc_len, dtype=np.int64)) / self.size
        length_norm = K1 * ((1 - B) + B * np.asarray(self.doc_len) / average)
        tf = np.asarray(self.tf, dtype=np.float64)
        return tf / (length_norm[self.rows] + tf)

    @classmethod
    def build(cls, texts: Iterable[str]) -> LexicalIndex:
        """The index of ``texts`` (any iterable: a column on disk is read a batch at a time)."""
        postings = _Postings({})
        batch: list[str] = []
        start = 0
        for text in texts:
            batch.append(text)
            if len(batch) == BATCH:
                postings.add(batch, np.arange(start, start + len(batch)))
                start, batch = start + len(batch), []
        if batch:
            postings.add(batch, np.arange(start, start + len(batch)))
        return cls._of(postings, *postings.arrays())

    @classmethod
    def _of(cls, postings: _Postings, term: np.ndarray, row: np.ndarray, tf: np.ndarray) -> LexicalIndex:
        counts = np.bincount(term, minlength=len(postings.vocab))
        indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        doc_len = np.concatenate(postings.lengths) if postings.lengths else np.zeros(0, np.int32)
        return cls(postings.vocab, indptr, row, tf, doc_len)

    def merged(self, keep: np.ndarray, texts: Sequence[str], order: np.ndarray) -> LexicalIndex:
        """This index's rows ``keep`` (in that order) followed by the passages ``texts``, put in
        ``order`` (row i of the result is combined row ``order[i]``): an upload's update, which
        tokenises only the new passages. Equal to building the result from all its texts."""
        final_of = np.empty(len(order), dtype=np.int64)
        final_of[order] = np.arange(len(order))  # combined row -> its row in the result
        old_to_final = np.full(self.size, -1, dtype=np.int64)
        old_to_final[np.asarray(keep, dtype=np.int64)] = final_of[: len(keep)]
        postings = _Postings(dict(self.vocab))
        if len(texts):
            for start in range(0, len(texts), BATCH):
                part = list(texts[start : start + BATCH])
                postings.add(part, final_of[len(keep) + start : len(keep) + start + len(part)])
        old_row = old_to_final[self.rows]
        kept = old_row >= 0
        old_term = np.repeat(np.arange(len(self.vocab), dtype=np.int32), np.diff(self.indptr))[kept]
        old_row, old_tf = old_row[kept].astype(np.int32), self.tf[kept]
        new_term, new_row, new_tf = postings.arrays()
        postings.lengths = [
            np.concatenate([self.doc_len[np.asarray(keep, dtype=np.int64)], *postings.lengths])[order]
        ]
        if np.all(np.diff(final_of[: len(keep)]) > 0):
            # The kept rows keep their order (both sides in chunk-id order), so the old postings
            # are still sorted by term and row: the new ones are inserted where they belong
            # rather than every posting sorted again (seconds at a million passages).
            old_keys = (old_term.astype(np.int64) << 32) | old_row
            at = np.searchsorted(old_keys, (new_term.astype(np.int64) << 32) | new_row)
            del old_keys
            merged = (
                np.insert(old, at, new)
                for old, new in ((old_term, new_term), (old_row, new_row), (old_tf, new_tf))
            )
            return self._of(postings, *merged)
        term = np.concatenate([old_term, new_term])
        row = np.concatenate([old_row, new_row])
        tf = np.concatenate([old_tf, new_tf])
        by_term = np.lexsort((row, term))
        return self._of(postings, term[by_term], row[by_term], tf[by_term])

    def save(self, folder: Path) -> None:
        """Write the index as flat arrays and its vocabulary into ``folder``."""
        folder.mkdir(parents=True, exist_ok=True)
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        (folder / "vocab.json").write_text(json.dumps(terms, ensure_ascii=False), encoding="utf-8")
        for name in _ARRAYS:
            np.save(folder / f"{name}.npy", np.asarray(getattr(self, name)))

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex:
        """The index ``save`` wrote, its arrays memory-mapped: pages are read as queries touch
        them, and processes that load the same files share them in the page cache."""
        terms = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray) for name in _ARRAYS}
        postings = {len(arrays[name]) for name in ("rows", "tf", "tf_part")}
        if len(arrays["indptr"]) != len(terms) + 1 or len(postings) != 1:
            raise ValueError("the lexical index's files do not agree")
        return cls({term: n for n, term in enumerate(terms)}, **arrays)

    def scores(self, query: str) -> np.ndarray:
        """Every passage's BM25 score for ``query`` (float32, as bm25s computes it)."""
        scores = np.zeros(self.size, dtype=np.float32)
        if not self.size:
            return scores
        tokenised = tokens([query])
        for term in tokenised[0] if tokenised else []:
            number = self.vocab.get(term)
            if number is None:
                continue
            start, end = int(self.indptr[number]), int(self.indptr[number + 1])
            df = end - start
            # In bm25s's precision: the idf in float32, the rest in float64, each posting's
            # score rounded to float32, and the terms summed in float32 in the query's order.
            idf = np.float64(np.float32(math.log(1 + (self.size - df + 0.5) / (df + 0.5))))
            scores[self.rows[start:end]] += (idf * self.tf_part[start:end]).astype(np.float32)
        return scores

    def rows_with_all(self, stems: frozenset[str] | set[str]) -> np.ndarray:
        """Rows whose indexed text (section, context and passage) holds every one of ``stems``,
        read from the index's postings: exact, and no passage is scored. Stop words, which the
        index does not keep, are left to the caller's own check."""
        needed = [s for s in stems if s not in STOPWORDS_EN]
        if not self.size or not needed:
            return np.zeros(0, dtype=np.int64)
        rows: np.ndarray | None = None
        for stem in needed:
            number = self.vocab.get(stem)
            if number is None:
                return np.zeros(0, dtype=np.int64)
            found = self.rows[self.indptr[number] : self.indptr[number + 1]]
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
