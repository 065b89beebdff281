"""Hybrid retrieval: dense (Chroma) and BM25 results fused by reciprocal rank.

Dense search finds paraphrases; BM25 finds exact terms (names, acronyms, numbers) that
a small embedding model blurs. Reciprocal rank fusion needs no score calibration
between the two. After fusion: exact duplicates (the same passage in a text and a PDF
copy of one report) are merged, passages from a report or year the question names are
lifted, and no single report may take more than half the results of a broad question.
"""

from __future__ import annotations

import math
import re
import threading
from functools import cached_property

import numpy as np

from reportqa.settings import Settings
from retrieval.abbreviations import not_in_glossary
from retrieval.concepts import Concepts
from retrieval.filters import Filters, resolve
from retrieval.glossary import expand_query, load_glossary
from retrieval.index_state import IndexState
from retrieval.lexical import LexicalIndex
from retrieval.passage import Passage
from retrieval.scope import TYPE_WORDS
from retrieval.snapshot import Snapshot, Snapshots
from retrieval.topk import top_rows
from retrieval.vocabulary import merged_groups
from vectorstore.chroma_store import ReportStore

RRF_K = 60


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


class HybridRetriever:
    def __init__(self, settings: Settings, store: ReportStore, embed_model) -> None:
        self.settings = settings
        self.store = store
        self.embed_model = embed_model
        self.glossary = load_glossary(str(settings.glossary_file))
        self.concepts = Concepts(settings.concepts_file, settings.concept_threshold)
        self._lock = threading.Lock()
        self._query_vectors: dict[str, np.ndarray] = {}
        self._glossary_for: tuple[tuple | None, dict[str, tuple[str, ...]]] = (None, self.glossary)
        self.state = IndexState(settings, store)
        self.snapshots = Snapshots(settings, store, self.state)

    # ---- the index state answered from ---------------------------------------------------
    @property
    def store_problem(self) -> str:
        """Set while the store cannot be reached and answers come from the in-memory copy."""
        return self.state.problem

    def invalidate(self) -> None:
        """Forget the state check, e.g. right after this process indexed or removed a report."""
        self.state.invalidate()

    def snapshot(self) -> Snapshot:
        """The snapshot of the index's state now (`retrieval.snapshot`)."""
        version = self.state.version(self.snapshots.current.version if self.snapshots.current else None)
        with self._lock:
            return self.snapshots.at(version)

    # ---- retrieval ---------------------------------------------------------------------
    @cached_property
    def term_groups(self) -> list[tuple[str, ...]]:
        """Terms of art with their other names (glossary entries and concepts' synonyms, joined
        where they share a name). Names of a kind of report ("ILACS", "JTAI") are left out:
        they pick reports (`retrieval.scope`), and a report need not name its own framework."""
        groups = [(key, *longs) for key, longs in self.glossary.items()]
        groups += [tuple(term.split("; ")) for term in dict.fromkeys(self.concepts.terms)]
        return [
            group
            for group in merged_groups(groups)
            if not any(pattern.search(term) for term in group for pattern in TYPE_WORDS.values())
        ]

    def glossary_of(self, snap: Snapshot) -> dict[str, tuple[str, ...]]:
        """The glossary, with the abbreviations the indexed reports define that it lacks
        (`retrieval.abbreviations`): "RAA" is expanded as "regional adoption agency"."""
        with self._lock:
            if self._glossary_for[0] != snap.version:
                defined = not_in_glossary(snap.defined_abbreviations, self.glossary)
                self._glossary_for = (snap.version, {**defined, **self.glossary})
            return self._glossary_for[1]

    def expand(self, query: str, glossary: dict[str, tuple[str, ...]] | None = None) -> str:
        """The query as retrieval searches it: with its glossary forms (``glossary``: the one of
        the snapshot answered from), and the terms of art whose everyday description it is
        close to in meaning (`retrieval.concepts`)."""
        glossary = glossary if glossary is not None else self.glossary_of(self.snapshot())
        with_glossary = expand_query(query, glossary)
        if self.embed_model is None:  # no model yet (tests of the store alone): the glossary only
            return with_glossary
        terms = self.concepts.matching(with_glossary, self.embed_query(with_glossary), self.embed_model)
        return expand_query(query, glossary, terms)

    def embed_query(self, query: str) -> np.ndarray:
        """The query vector, cached: the same text is embedded once per process."""
        with self._lock:
            cached = self._query_vectors.get(query)
        if cached is not None:
            return cached
        vector = np.asarray(self.embed_model.get_query_embedding(query), dtype=np.float32)
        with self._lock:
            if len(self._query_vectors) > 2048:
                self._query_vectors.clear()
            self._query_vectors[query] = vector
        return vector

    def mask(self, filters: Filters, snap: Snapshot) -> np.ndarray | None:
        """Rows the filters allow (None: all), computed once per distinct filter."""
        if filters.empty:
            return None
        with self._lock:
            cached = snap.masks.get(filters)
        if cached is None:
            allowed = np.fromiter(
                (filters.matches(meta, snap.latest) for meta in snap.report_metas),
                dtype=bool,
                count=len(snap.report_metas),
            )
            cached = allowed[snap.layout.report_of_row]
            with self._lock:
                snap.masks[filters] = cached
        return cached

    def retrieve(
        self,
        query: str,
        filters: Filters | None = None,
        k: int | None = None,
        diversify: bool = True,
        hints_from: str | None = None,
        expanded: str | None = None,
    ) -> list[Passage]:
        """Top passages for ``query``; ``hints_from`` (default: the query) names years/authorities;
        ``expanded`` is ``expand(query)`` where the caller has it already."""
        filters = filters or Filters()
        k = k or self.settings.top_k
        snap = self.snapshot()
        if not snap.ids:
            return []
        filters = resolve(filters, snap.records)
        mask = self.mask(filters, snap)
        if mask is not None and not mask.any():
            return []
        expanded = expanded or self.expand(query, self.glossary_of(snap))  # (the snapshot already at hand)
        # The small embedding model does not know most acronyms; their long forms carry the meaning.
        query_vector = self.embed_query(expanded)
        candidates = self.settings.candidate_k

        dense_rows = self._dense(query_vector, filters, mask, snap, candidates)
        lexical_scores = snap.lexical.scores(expanded)
        lexical_rows = [row for row, _ in LexicalIndex.top_of(lexical_scores, candidates, mask)]
        fused: dict[int, float] = {}
        for ranking in (dense_rows, lexical_rows):
            for rank, row in enumerate(ranking):
                fused[row] = fused.get(row, 0.0) + 1.0 / (RRF_K + rank + 1)
        self._apply_hints(hints_from or query, fused, snap)

        cosine = snap.vectors[list(fused)] @ query_vector if fused else np.zeros(0)
        passages = [
            snap.passage_at(row, dense=float(cos), lexical=float(lexical_scores[row]), score=fused[row])
            for row, cos in zip(fused, cosine)
        ]
        passages.sort(key=lambda p: (-p.score, p.chunk_id))
        passages = self._merge_duplicates(passages)
        if diversify and not filters.report_id:
            passages = self._spread(passages, k)
        return passages[:k]

    def _dense(
        self, vector: np.ndarray, filters: Filters, mask: np.ndarray | None, snap: Snapshot, n: int
    ) -> list[int]:
        """The n nearest rows within the filters.

        Exact over the snapshot's vectors when the filters allow at most ``exact_search_max``
        passages: about 2 ms at 12,771 passages, and the same in every process. A question
        that names a council or a year allows a few hundred rows at any corpus size, and only
        those rows' vectors are read (from the memory-mapped file). Otherwise Chroma's HNSW
        answers: approximate, and a fresh process that loads the graph from disk can rank
        differently from the one that built it (seen at 3,000 passages: 2 of 30 neighbours
        differed), but it does not read every vector for every question.
        """
        if mask is not None:
            allowed = np.flatnonzero(mask)
            if len(allowed) <= self.settings.exact_search_max:
                similarity = np.asarray(snap.vectors[allowed], dtype=np.float32) @ vector.astype(np.float32)
                return allowed[top_rows(similarity, n)].tolist()
        if len(snap.ids) > self.settings.exact_search_max and not self.store_problem:
            try:
                result = self.store.chunks.query(
                    query_embeddings=[vector.tolist()],
                    n_results=min(n, len(snap.ids)),
                    where=filters.where(snap.latest),
                    include=["distances"],
                )
                rows = (snap.row_of.get(cid) for cid in result["ids"][0])
                return [row for row in rows if row is not None]
            except Exception as exc:  # the store went away: the vectors in memory still answer
                self.state.note_problem(exc)
        similarity = snap.vectors @ vector.astype(np.float32)
        if mask is not None:
            similarity = np.where(mask, similarity, -np.inf)
        return top_rows(similarity, n).tolist()  # equal vectors (shared boilerplate): lower row first

    def _apply_hints(self, query: str, fused: dict[int, float], snap: Snapshot) -> None:
        """Lift passages from the year or authority the question names ("the 2025 visit").

        The year bonus outweighs any difference the two rankings can make, so a question
        about one year's inspection is answered from that report when it is indexed.
        """
        years = {int(y) for y in re.findall(r"\b(20[0-4]\d|201\d)\b", query)}
        lowered = query.lower()
        authorities = {a for a in snap.authorities if a.lower() in lowered}
        if not years and not authorities:
            return
        bonus = 2.0 / (RRF_K + 1)
        for row in fused:
            meta = snap.metas[row]
            report_years = {int(meta.get("report_year") or 0)}
            report_years |= {
                int(str(meta.get(key, ""))[:4]) for key in ("visit_start", "visit_end") if meta.get(key)
            }
            if years and years & report_years:
                fused[row] += bonus
            if authorities and meta.get("local_authority") in authorities:
                fused[row] += bonus

    @staticmethod
    def _merge_duplicates(passages: list[Passage]) -> list[Passage]:
        kept: dict[str, Passage] = {}
        for passage in passages:
            key = _normalise(passage.text)
            if key in kept:
                kept[key].also_in.append(passage.report_id)
            else:
                kept[key] = passage
        return list(kept.values())

    @staticmethod
    def _spread(passages: list[Passage], k: int) -> list[Passage]:
        """At most half of the top k from one report, when other reports have candidates."""
        if len({p.report_id for p in passages}) < 2:
            return passages
        cap = max(2, math.ceil(k / 2))
        chosen, overflow, per_report = [], [], {}
        for passage in passages:
            count = per_report.get(passage.report_id, 0)
            if count < cap:
                chosen.append(passage)
                per_report[passage.report_id] = count + 1
            else:
                overflow.append(passage)
        return chosen + overflow
