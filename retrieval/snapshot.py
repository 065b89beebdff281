"""The snapshot retrieval answers from, and the files that carry it between processes.

A snapshot is one state of the index as retrieval reads it: every passage's text, metadata
and vector (memory-mapped columns, `retrieval.columns`), the BM25 index, each report's
facts, and what is derived from all passages (word sets, recurring sentence shapes). It is
loaded from the file a process saved for exactly that state (`retrieval.snapshot_file`),
else updated from the snapshot before with only the changed reports read, else read from
the store, and then saved for the next process.

This module and the ones it names in `retrieval.snapshot_file._MAKERS` decide what a saved
file holds, so their source is part of the file's key; how retrieval ranks what a snapshot
holds (`retrieval.hybrid`) is not, and changing it does not make every file stale.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field
from functools import cached_property
from pathlib import Path

import numpy as np

from indexing.facts import ReportFacts, extract_facts
from reportqa.settings import Settings
from retrieval.abbreviations import as_lines, defined_abbreviations, from_lines
from retrieval.boilerplate import shape_reports, templates_of
from retrieval.columns import RowLayout, RowsById
from retrieval.filters import latest_per_authority
from retrieval.index_state import IndexState
from retrieval.passage import Passage
from retrieval.scope import AuthorityIndex
from retrieval.snapshot_file import (
    SnapshotRows,
    index_identity,
    load_snapshot,
    newest_saved,
    save_snapshot,
    snapshot_key,
)
from retrieval.snapshot_read import read_changes, read_store
from retrieval.vocabulary import stem_sequence, stems
from vectorstore.chroma_store import ReportStore
from vectorstore.embeddings import embedding_id


@dataclass
class Snapshot(SnapshotRows):
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
        return words_in(self.texts)

    @cached_property
    def lower_case_words(self) -> frozenset[str]:
        """The words the passages write in lower case ("bury" the verb as well as Bury)."""
        return _lower_casewords_in(self.texts)

    @cached_property
    def abbreviation_lines(self) -> frozenset[str]:
        """The abbreviations more than one council's reports define alike ("regional adoption
        agency (RAA)"), as lines (`retrieval.abbreviations`)."""
        by_council: dict[str, list[int]] = {}
        for report_id, rows in self.rows_by_report.items():
            council = str(self.records.get(report_id, {}).get("local_authority", report_id))
            by_council.setdefault(council, []).extend(int(row) for row in rows)
        return as_lines(
            defined_abbreviations([self.texts[row] for row in rows] for rows in by_council.values())
        )

    @cached_property
    def defined_abbreviations(self) -> dict[str, tuple[str, ...]]:
        """Short form -> long forms, of `abbreviation_lines`."""
        return from_lines(self.abbreviation_lines)

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
_SAVED_DERIVED = ("templates", "words", "lower_case_words", "abbreviation_lines")
# Saved beside them but read only by an update (`Snapshots._updated`), never by a
# process that loads the snapshot to answer.
SHAPES_FILE = "shape_reports.json"


def words_in(texts: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"[a-z][a-z’'-]*[a-z]|[a-z]", text.lower()))
    return frozenset(found)


def _lower_casewords_in(texts: Iterable[str]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found.update(re.findall(r"\b[a-z]+\b", text))
    return frozenset(found)


def _unchanged_facts(previous: Snapshot, records: dict[str, dict]) -> Callable[[str], ReportFacts | None]:
    """The facts ``previous`` worked out, for the reports whose record is the same in ``records``."""
    unchanged = {rid for rid, record in records.items() if previous.records.get(rid) == record}
    known, source = dict(previous.fact_cache), previous.fact_source

    def facts(report_id: str) -> ReportFacts | None:
        if report_id not in unchanged:
            return None
        return known.get(report_id) or (source(report_id) if source else None)

    return facts


class Snapshots:
    """The current snapshot (`current`) and how the next one is made: loaded, updated or read
    (`at`), prepared by an indexer for the state it is about to stamp (`prepare_file`), and
    saved once the question that needed it is answered (`save_pending`).

    Callers serialise `at` and `prepare_file` (the retriever holds its lock around them).
    """

    def __init__(self, settings: Settings, store: ReportStore, state: IndexState) -> None:
        self.settings = settings
        self.store = store
        self.state = state
        self.current: Snapshot | None = None
        self._embedding_id = embedding_id(settings)  # what the index stamp must say
        self._saver: threading.Thread | None = None  # writing the snapshot file
        self._pending_save: tuple | None = None  # a snapshot built from the store, not yet saved
        self._lock_pending = threading.Lock()  # guards _pending_save (at() runs under the caller's lock)

    def at(self, version: tuple) -> Snapshot:
        """The snapshot of the index at ``version``: the current one while an indexing run is
        writing (answer from the state before it until the run stamps its result, for which it
        prepares the snapshot file, rather than read a half-written store), else built."""
        if self.current is not None and version[2]:
            return self.current
        if self.current is None or self.current.version != version:
            if self.current is not None:
                self.store.reopen()  # the index changed, maybe from another process
            self.current = self._build(version)
        return self.current

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

    def _build(self, version: tuple) -> Snapshot:
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
        snap = self._from_store(version, None if run_in_progress else self.current)
        if use_file and self.state.read() == version:
            # Unchanged while it was read (a run stamps a new generation before it writes), so
            # the file holds exactly the state its key names. Saved once the question that
            # needed the snapshot is answered (`save_pending`), so it does not wait.
            with self._lock_pending:
                self._pending_save = (self._folder, key, snap)
        return snap

    def _load(self, key: str, version: tuple) -> Snapshot | None:
        loaded = load_snapshot(self._folder, key)
        if loaded is None:
            return None
        rows, derived, layout, saved_facts = loaded
        snap = self._snapshot_of(version, rows)
        snap.__dict__.update({name: frozenset(words) for name, words in derived.items()}, layout=layout)
        snap.fact_source, snap.saved_in = saved_facts, self._folder / key
        return snap

    def _from_store(self, version: tuple, previous: Snapshot | None) -> Snapshot:
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
        previous = self.current
        if previous is None:
            newest = newest_saved(self._folder, self._identity)
            previous = self._load(*newest) if newest else None
        snap = self._from_store(version, previous)
        self.current = snap
        return self._save(self._folder, key, snap)

    def save_pending(self) -> None:
        """Start writing the snapshot just built, if it is to be saved, in the background.

        Called after an answer: at 100,000 passages writing takes seconds and holds the GIL
        for most of them. Not a daemon thread (as it would be if started from the warm-up
        thread): a process that is done still finishes the file before it exits.
        """
        with self._lock_pending:
            pending, self._pending_save = self._pending_save, None
        if pending is not None and pending[2] is self.current:  # not one replaced meanwhile
            self._saver = threading.Thread(
                target=self._save, args=pending, name="snapshot-save", daemon=False
            )
            self._saver.start()

    def _save(self, folder: Path, key: str, snap: Snapshot) -> bool:
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

    def wait_for_file(self) -> None:
        """Until the snapshot being saved, if any, is written (the thread is not a daemon, so a
        process also waits for it before it exits)."""
        if self._saver is not None:
            self._saver.join()

    def _read_store(self) -> SnapshotRows:
        """Every passage, written to disk a page at a time and memory-mapped
        (`retrieval.snapshot_read`): never the whole store in memory."""
        return read_store(self.store, self.store.report_records(), self._scratch)

    def _updated(self, previous: Snapshot | None, count: int) -> tuple[SnapshotRows, dict] | None:
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
                carried["words"] = previous.words | words_in(new_texts)
            if "lower_case_words" in previous.__dict__:
                carried["lower_case_words"] = previous.lower_case_words | _lower_casewords_in(new_texts)
        return rows, carried

    @staticmethod
    def _snapshot_of(version: tuple, parts: SnapshotRows) -> Snapshot:
        return Snapshot(
            **vars(parts),
            version=version,
            latest=latest_per_authority(parts.records),
        )


def prepare_snapshot_file(settings: Settings, store: ReportStore, version: tuple) -> bool:
    """The indexer's last step before it stamps ``version``: the snapshot file for that state
    (`Snapshots.prepare_file`), so no serving process reads the whole store for it."""
    return Snapshots(settings, store, IndexState(settings, store)).prepare_file(version)
