"""Hybrid retrieval: dense (Chroma) and BM25 results fused by reciprocal rank.

Dense search finds paraphrases; BM25 finds exact terms (names, acronyms, numbers) that
a small embedding model blurs. Reciprocal rank fusion needs no score calibration
between the two. After fusion: exact duplicates (the same passage in a text and a PDF
copy of one report) are merged, passages from a report or year the question names are
lifted, and no single report may take more than half the results of a broad question.
"""

from __future__ import annotations

import contextlib
import json
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from indexing.facts import ReportFacts, extract_facts
from reportqa.settings import Settings
from retrieval.boilerplate import shape_reports, templates_of
from retrieval.columns import RowLayout, RowsById
from retrieval.concepts import Concepts
from retrieval.filters import Filters, latest_per_authority, resolve
from retrieval.glossary import expand_query, load_glossary
from retrieval.lexical import LexicalIndex
from retrieval.scope import TYPE_WORDS, AuthorityIndex
from retrieval.snapshot_file import (
    SnapshotRows,
    index_identity,
    load_snapshot,
    newest_saved,
    save_snapshot,
    snapshot_key,
)
from retrieval.snapshot_read import read_changes, read_store
from retrieval.topk import top_rows
from retrieval.vocabulary import merged_groups, stem_sequence, stems
from vectorstore.chroma_store import ReportStore, store_failure
from vectorstore.embeddings import embedding_id

RRF_K = 60


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


@dataclass
class _Snapshot(SnapshotRows):
    """Everything retrieval keeps in memory, rebuilt when the index changes."""

    version: tuple
    latest: set[str]
    masks: dict = field(default_factory=dict)
    fact_cache: dict = field(default_factory=dict)
    # Facts worked out before, by report: the saved snapshot's, or a previous snapshot's for the
    # reports an update left unchanged. Extracting them takes 17 ms a report.
    fact_source: Callable[[str], ReportFacts | None] | None = None
    stem_cache: dict = field(default_factory=dict)
    stem_text_cache: dict = field(default_factory=dict)
    saved_in: Path | None = None  # the snapshot file's folder, once loaded from or saved to one

    @cached_property
    def authorities(self) -> set[str]:
        return {str(r.get("local_authority", "")) for r in self.records.values()} - {""}

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word the passages use, lower-cased (names included), as written."""
        return _words_in(self.texts)

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The words the passages write in lower case ("bury" the verb as well as Bury)."""
        return _lower_case_words_in(self.texts)

    @cached_property
    def authority_index(self) -> AuthorityIndex:
        single = {a.lower() for a in self.authorities if " " not in a}
        return AuthorityIndex(self.authorities, frozenset(single & self.lower_case_words), self.words)

    @cached_property
    def row_of(self) -> Mapping[str, int]:
        """Chunk id -> row: a dictionary for rows read into memory, a bisection over the id
        column for rows left on disk (`retrieval.columns`)."""
        if isinstance(self.ids, list):
            return {chunk_id: row for row, chunk_id in enumerate(self.ids)}
        return RowsById(self.ids)

    @cached_property
    def layout(self) -> RowLayout:
        """Each row's report, position and section start (`retrieval.columns.RowLayout`)."""
        return RowLayout.of_metas(self.metas)

    @cached_property
    def rows_by_report(self) -> dict[str, np.ndarray]:
        """Each report's rows in reading order."""
        return self.layout.rows_by_report()

    @cached_property
    def report_metas(self) -> list[dict]:
        """One row's metadata per report, numbered as `layout.reports`: what filters read
        (council, type, date), which every passage of a report shares."""
        return [self.metas[int(rows[0])] for rows in self.rows_by_report.values()]

    @cached_property
    def places(self) -> np.ndarray:
        """Each row's place in its report, 0 (first passage) to 1 (last). A report states its
        conclusions first (the summary, the headline findings) and the detail after."""
        places = np.zeros(len(self.ids), dtype=np.float32)
        for rows in self.rows_by_report.values():
            places[rows] = np.arange(len(rows)) / max(1, len(rows) - 1)
        return places

    @property
    def opens_section(self) -> np.ndarray:
        """Rows that begin a section of their report. Inspectors open a section with its
        headline finding ("Care leavers in Wiltshire receive the right support…"): on the dev
        questions the expected sentence opens its section ten times as often as sentences do."""
        return self.layout.opens_section

    @cached_property
    def shape_reports(self) -> Counter[str]:
        """How many reports each sentence shape occurs in (`retrieval.boilerplate`): read from
        the snapshot file where there is one (an update then counts only what changed)."""
        if self.saved_in is not None:
            with contextlib.suppress(OSError, ValueError):
                return Counter(json.loads((self.saved_in / SHAPES_FILE).read_text(encoding="utf-8")))
        return shape_reports(zip(self.layout.report_of_row.tolist(), self.texts))

    @cached_property
    def templates(self) -> frozenset[str]:
        """Sentence shapes that recur across reports (`retrieval.boilerplate`)."""
        return templates_of(self.shape_reports, len(self.layout.reports))

    def facts(self, report_id: str) -> ReportFacts:
        """A report's facts (`indexing.facts`): saved with the snapshot, kept from the snapshot
        before, or read from its passages, once per snapshot."""
        cached = self.fact_cache.get(report_id)
        if cached is None and self.fact_source is not None:
            cached = self.fact_source(report_id)
        if cached is None:
            rows = self.rows_by_report.get(report_id, [])
            cached = extract_facts(report_id, [(self.ids[r], self.texts[r], self.metas[r]) for r in rows])
        self.fact_cache[report_id] = cached
        return cached

    def report_stems(self, report_id: str) -> frozenset[str]:
        """The stems of every word a report's passages and headings use, once per snapshot."""
        cached = self.stem_cache.get(report_id)
        if cached is None:
            cached = frozenset().union(*(stems(text) for text in self._headings_and_texts(report_id)))
            self.stem_cache[report_id] = cached
        return cached

    def report_stem_text(self, report_id: str) -> str:
        """A report's headings and passages as `retrieval.vocabulary.stem_sequence`, for
        checking that a term's words stand together in it; once per snapshot."""
        cached = self.stem_text_cache.get(report_id)
        if cached is None:
            cached = "|".join(stem_sequence(text) for text in self._headings_and_texts(report_id))
            self.stem_text_cache[report_id] = cached
        return cached

    def _headings_and_texts(self, report_id: str) -> list[str]:
        """A report's section headings (each once) and then its passages, in reading order."""
        rows = self.rows_by_report.get(report_id, [])
        sections = dict.fromkeys(str(self.metas[row].get("section", "")) for row in rows)
        return [*sections, *(self.texts[row] for row in rows)]

    def summary(self, report_id: str, with_headlines: bool = False) -> list[Passage]:
        """The report's own summary: its passages after the header and judgement table and
        before its list of what needs to improve (where the inspectors sum up), or its first
        four passages when it has no such list; ``with_headlines``: then the passage opening
        each later section too (where each area's findings are summed up)."""
        rows = [int(r) for r in self.rows_by_report.get(report_id, [])]
        facts = self.facts(report_id)
        table = {f.chunk_id for f in facts.judgements().values()}
        heading = table | {f.chunk_id for f in facts.facts if f.kind in ("dates", "lead_inspector")}
        improve = {f.chunk_id for f in facts.of("improve")}
        ids = [self.ids[r] for r in rows]
        end = next((n for n, chunk in enumerate(ids) if chunk in improve), min(len(rows), 4))
        chosen = [r for r, chunk in zip(rows[:end], ids[:end], strict=True) if chunk not in heading]
        if with_headlines:
            listed = improve | heading
            later = zip(rows[end:], ids[end:], strict=True)
            chosen += [r for r, chunk in later if self.opens_section[r] and chunk not in listed]
        return [self.passage_at(r) for r in chosen]

    def passage(self, chunk_id: str) -> Passage | None:
        row = self.row_of.get(chunk_id)
        return None if row is None else self.passage_at(row)

    def passage_at(self, row: int, **scores: float) -> Passage:
        """The passage of a row, with where it sits in its report and any retrieval scores."""
        return Passage(
            self.ids[row],
            self.texts[row],
            self.metas[row],
            **scores,
            opens_section=bool(self.opens_section[row]),
            place=float(self.places[row]),
        )


# What the snapshot reads from every passage besides the BM25 index (about 0.4 s each at
# 12,771 passages), saved with it.
_SAVED_DERIVED = ("templates", "words", "lower_case_words")
# Saved beside them but read only by an update (`HybridRetriever._updated`), never by a
# process that loads the snapshot to answer.
SHAPES_FILE = "shape_reports.json"


def _words_in(texts: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"[a-z][a-z’'-]*[a-z]|[a-z]", text.lower()))
    return frozenset(found)


def _lower_case_words_in(texts: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"\b[a-z]+\b", text))
    return frozenset(found)


def _unchanged_facts(previous: _Snapshot, records: dict[str, dict]) -> Callable[[str], ReportFacts | None]:
    """The facts ``previous`` worked out, for the reports whose record is the same in ``records``."""
    unchanged = {rid for rid, record in records.items() if previous.records.get(rid) == record}
    known, source = dict(previous.fact_cache), previous.fact_source

    def facts(report_id: str) -> ReportFacts | None:
        if report_id not in unchanged:
            return None
        return known.get(report_id) or (source(report_id) if source else None)

    return facts


def _normalise(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


class HybridRetriever:
    def __init__(self, settings: Settings, store: ReportStore, embed_model) -> None:
        self.settings = settings
        self.store = store
        self.embed_model = embed_model
        self.glossary = load_glossary(str(settings.glossary_file))
        self.concepts = Concepts(settings.concepts_file, settings.concept_threshold)
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()
        self._query_vectors: dict[str, np.ndarray] = {}
        self._checked: tuple[float, tuple] | None = None
        self._embedding_id = embedding_id(settings)  # what the index stamp must say
        self._saver: threading.Thread | None = None  # writing the snapshot file
        self._pending_save: tuple | None = None  # a snapshot built from the store, not yet saved
        self._lock_pending = threading.Lock()  # _build runs under _lock; this guards _pending_save
        # Set while the store cannot be reached and answers come from the in-memory copy.
        self.store_problem = ""

    # ---- in-memory snapshot ------------------------------------------------------------
    def _version(self) -> tuple:
        """Chunk count and the generation stamp the last indexing run wrote.

        Checked at most once a second: a change by another process (an upload, a CLI
        index run, a shared server) is picked up within a second, without a store round
        trip on every question.
        """
        now = time.monotonic()
        if self._checked and now - self._checked[0] < 1.0:
            return self._checked[1]
        try:
            version = self._read_version()
        except Exception as exc:
            # A Chroma server that stopped: keep answering from the snapshot already in memory
            # (it holds every passage and vector), and try the store again a second later,
            # not on each of the several snapshot() calls one question makes.
            if self._snapshot is None:
                raise store_failure(self.settings, exc) from exc
            self._note_store_problem(exc)
            version = self._snapshot.version
        else:
            self.store_problem = ""
        self._checked = (now, version)
        return version

    def _read_version(self) -> tuple:
        def read() -> tuple:
            # The collection fetched afresh: a store object's own metadata is what it saw when
            # it opened, which for a server never changes.
            collection = self.store.client.get_collection(self.settings.collection, embedding_function=None)
            meta = collection.metadata or {}
            return (self.store.count(), meta.get("generation", ""), bool(meta.get("run_in_progress")))

        try:
            return read()
        except Exception:
            if self.settings.uses_chroma_server:
                raise
            self.store.reopen()  # an embedded view that another process's writes made stale
            return read()

    def _note_store_problem(self, exc: Exception) -> None:
        self.store_problem = (
            f"The index store is unreachable ({self.settings.describe_store()}: {type(exc).__name__}). "
            "Answering from the copy of the index loaded in memory; reports added or removed "
            "meanwhile are not seen until it is back."
        )

    def invalidate(self) -> None:
        """Forget the version check, e.g. right after this process indexed or removed a report."""
        self._checked = None

    def snapshot(self) -> _Snapshot:
        version = self._version()
        with self._lock:
            if self._snapshot is not None and version[2]:
                # An indexing run is writing: answer from the state before it until the run
                # stamps its result (for which it prepares the snapshot file), rather than
                # reading a half-written store, perhaps more than once, while it writes.
                return self._snapshot
            if self._snapshot is None or self._snapshot.version != version:
                if self._snapshot is not None:
                    self.store.reopen()  # the index changed, maybe from another process
                self._snapshot = self._build(version)
            return self._snapshot

    @cached_property
    def _identity(self) -> str:
        """The collection's own id, not the address it is reached by: processes reaching one
        server by different names, or the server's data folder opened embedded, share files."""
        return index_identity(str(self.store.chunks.id), self.settings.collection, self._embedding_id)

    @property
    def _folder(self) -> Path:
        return self.settings.data_dir / "snapshot"

    @property
    def _scratch(self) -> Path | None:
        """Where rows read from the store are written before they are mapped: beside the
        snapshot files (the same disk), or the system's temporary folder when those are off."""
        return self._folder if self.settings.snapshot_file else None

    def _build(self, version: tuple) -> _Snapshot:
        """The snapshot of the index at ``version``: loaded from the file a process saved for
        this very state (`retrieval.snapshot_file`; the indexer prepares it before stamping
        the state), else read from the store and saved."""
        self.store.check_compatible(self._embedding_id)
        key = snapshot_key(self._identity, version)
        count, generation, run_in_progress = version
        # A state with passages, stamped, and no run writing: only then does the key pin down
        # the contents (a run may replace a report by one of the same size under one stamp).
        use_file = self.settings.snapshot_file and bool(count and generation) and not run_in_progress
        with self._lock_pending:
            self._pending_save = None  # an older snapshot's save is of no use any more
        loaded = self._load(key, version) if use_file else None
        if loaded is not None:
            return loaded
        snap = self._from_store(version, None if run_in_progress else self._snapshot)
        if use_file and self._read_version() == version:
            # Unchanged while it was read (a run stamps a new generation before it writes), so
            # the file holds exactly the state its key names. Saved once the question that
            # needed the snapshot is answered (`save_snapshot_file`), so it does not wait.
            with self._lock_pending:
                self._pending_save = (self._folder, key, snap)
        return snap

    def _load(self, key: str, version: tuple) -> _Snapshot | None:
        loaded = load_snapshot(self._folder, key)
        if loaded is None:
            return None
        rows, derived, layout, saved_facts = loaded
        snap = self._snapshot_of(version, rows)
        snap.__dict__.update({name: frozenset(words) for name, words in derived.items()}, layout=layout)
        snap.fact_source, snap.saved_in = saved_facts, self._folder / key
        return snap

    def _from_store(self, version: tuple, previous: _Snapshot | None) -> _Snapshot:
        """``previous`` with the reports changed since read again from the store, or every
        passage read when there is no previous snapshot to start from."""
        updated = self._updated(previous, version[0])
        snap = self._snapshot_of(version, updated[0] if updated else self._read_store())
        if updated is not None and previous is not None:
            snap.fact_source = _unchanged_facts(previous, snap.records)
            snap.__dict__.update(updated[1])
        return snap

    def prepare_file(self, version: tuple) -> bool:
        """Save the snapshot file for ``version``, a state an indexer has written and is about to
        stamp, so that replicas load it instead of each reading the store and rebuilding BM25.
        Built from this process's snapshot or else the newest file saved for an earlier state,
        with only the reports changed since read again; False when it cannot be saved."""
        key = snapshot_key(self._identity, version)
        if load_snapshot(self._folder, key) is not None:
            return True
        previous = self._snapshot
        if previous is None:
            newest = newest_saved(self._folder, self._identity)
            previous = self._load(*newest) if newest else None
        snap = self._from_store(version, previous)
        self._snapshot = snap
        return self._save(self._folder, key, snap)

    def save_snapshot_file(self) -> None:
        """Start writing the snapshot just built, if it is to be saved, in the background.

        Called after an answer: at 100,000 passages writing takes seconds and holds the GIL
        for most of them. Not a daemon thread (as it would be if started from the warm-up
        thread): a process that is done still finishes the file before it exits.
        """
        with self._lock_pending:
            pending, self._pending_save = self._pending_save, None
        if pending is not None and pending[2] is self._snapshot:  # not one replaced meanwhile
            self._saver = threading.Thread(
                target=self._save, args=pending, name="snapshot-save", daemon=False
            )
            self._saver.start()

    def _save(self, folder: Path, key: str, snap: _Snapshot) -> bool:
        """Write the snapshot, then read its rows from the file rather than from memory: the
        same rows in the same order, so a long-running process does not keep the corpus."""
        derived = {name: sorted(getattr(snap, name)) for name in _SAVED_DERIVED}
        facts = ([asdict(f) for f in snap.facts(rid).facts] for rid in snap.layout.reports)
        shapes = {SHAPES_FILE: dict(snap.shape_reports)}
        if not save_snapshot(folder, self._identity, snap.version, snap, derived, snap.layout, facts, shapes):
            return False
        loaded = load_snapshot(folder, key)
        if loaded is not None and list(loaded[0].ids[:1]) == list(snap.ids[:1]):
            rows, _, _, saved_facts = loaded
            # Each a single attribute swap; a reader holding the old list keeps it meanwhile.
            snap.__dict__.update(
                vars(rows), row_of=RowsById(rows.ids), fact_source=saved_facts, saved_in=folder / key
            )
            snap.fact_cache.clear()
        return True

    def wait_for_snapshot_file(self) -> None:
        """Until the snapshot being saved, if any, is written (the thread is not a daemon, so a
        process also waits for it before it exits)."""
        if self._saver is not None:
            self._saver.join()

    def _read_store(self) -> SnapshotRows:
        """Every passage, written to disk a page at a time and memory-mapped
        (`retrieval.snapshot_read`): never the whole store in memory."""
        return read_store(self.store, self.store.report_records(), self._scratch)

    def _updated(self, previous: _Snapshot | None, count: int) -> tuple[SnapshotRows, dict] | None:
        """The previous snapshot with only the reports whose record changed read again, and
        removed reports dropped: after an upload, one report is read, not the whole store.
        With it, what can be carried over exactly: when reports were only added, the word
        sets are the previous ones and the new reports' words (5 s at 100,000 passages).

        None (read everything) when there is no previous snapshot, or when the result does not
        hold exactly the store's passage count (chunks that no record accounts for, an orphan
        left by a killed run): only a full read is sure then.
        """
        if previous is None or not previous.ids:
            return None
        records = self.store.report_records()
        changed = sorted(rid for rid, record in records.items() if previous.records.get(rid) != record)
        gone = set(changed) | (set(previous.records) - set(records))
        layout = previous.layout
        gone_numbers = [n for n, report in enumerate(layout.reports) if report in gone]
        keep = np.flatnonzero(~np.isin(layout.report_of_row, gone_numbers))
        got = (
            self.store.get_chunks(
                where={"report_id": {"$in": changed}}, include=["documents", "metadatas", "embeddings"]
            )
            if changed
            else {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        )
        if len(keep) + len(got["ids"]) != count:
            return None
        rows, merged_layout = read_changes(previous, layout, keep, got, records, self._scratch)
        # Sentence shapes counted again only in the reports that went and came.
        shapes = previous.shape_reports.copy()
        gone_rows = np.flatnonzero(np.isin(layout.report_of_row, gone_numbers))
        shapes.subtract(shape_reports((layout.report_of_row[r], previous.texts[r]) for r in gone_rows))
        new_reports = (str((meta or {}).get("report_id", "")) for meta in got["metadatas"])
        shapes.update(shape_reports(zip(new_reports, (text or "" for text in got["documents"]))))
        carried: dict = {"layout": merged_layout, "shape_reports": +shapes}
        if not gone & set(previous.records):  # nothing removed or replaced: words only grow
            new_texts = [text or "" for text in got["documents"]]
            if "words" in previous.__dict__:
                carried["words"] = previous.words | _words_in(new_texts)
            if "lower_case_words" in previous.__dict__:
                carried["lower_case_words"] = previous.lower_case_words | _lower_case_words_in(new_texts)
        return rows, carried

    @staticmethod
    def _snapshot_of(version: tuple, parts: SnapshotRows) -> _Snapshot:
        return _Snapshot(
            **vars(parts),
            version=version,
            latest=latest_per_authority(parts.records),
        )

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

    def expand(self, query: str) -> str:
        """The query as retrieval searches it: with its glossary forms, and the terms of art
        whose everyday description it is close to in meaning (`retrieval.concepts`)."""
        with_glossary = expand_query(query, self.glossary)
        if self.embed_model is None:  # no model yet (tests of the store alone): the glossary only
            return with_glossary
        terms = self.concepts.matching(with_glossary, self.embed_query(with_glossary), self.embed_model)
        return expand_query(query, self.glossary, terms)

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

    def mask(self, filters: Filters, snap: _Snapshot) -> np.ndarray | None:
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
        expanded = expanded or self.expand(query)
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
        self, vector: np.ndarray, filters: Filters, mask: np.ndarray | None, snap: _Snapshot, n: int
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
                self._note_store_problem(exc)
        similarity = snap.vectors @ vector.astype(np.float32)
        if mask is not None:
            similarity = np.where(mask, similarity, -np.inf)
        return top_rows(similarity, n).tolist()  # equal vectors (shared boilerplate): lower row first

    def _apply_hints(self, query: str, fused: dict[int, float], snap: _Snapshot) -> None:
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


def prepare_snapshot_file(settings: Settings, store: ReportStore, version: tuple) -> bool:
    """The indexer's last step before it stamps ``version``: the snapshot file for that state
    (`HybridRetriever.prepare_file`), so no serving process reads the whole store for it."""
    return HybridRetriever(settings, store, embed_model=None).prepare_file(version)
