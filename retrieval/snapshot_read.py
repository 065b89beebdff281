"""Reading every passage of the store into columns on disk, a page at a time.

A process that finds no snapshot file for the index state it serves (the first one after a
code upgrade, or on a store no indexer prepared a file for) must read every passage, its
metadata and its vector. Held as Python lists that is about 19 KB a passage (the vector
alone is 384 Python floats): some 2 GB at 100,000 passages and 19 GB at a million, more
than the machine has. Written out page by page into the column files of
`retrieval.columns` and memory-mapped, it costs one page of memory, and the rows read the
same as those of a saved snapshot. BM25 is then built from the text column a batch at a time
(`retrieval.lexical`).

After an upload (`read_changes`) the same: the rows kept from the snapshot before, read from
its files, and the changed reports' passages are written into new columns, and BM25 is
merged rather than rebuilt, so an update costs the copying of the columns, not the corpus
held in memory and tokenised again.

Rows come out in chunk-id order, as every snapshot numbers them: the same numbering in every
process, so ties between equal scores fall alike everywhere.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from retrieval.columns import ColumnWriter, JsonColumn, RowLayout, StringColumn
from retrieval.lexical import LexicalIndex
from retrieval.snapshot_file import SnapshotRows
from vectorstore.chroma_store import ReportStore

PAGE = 1000  # passages fetched from the store at once
_BLOCK = 65_536  # vectors reordered at once
# llama-index keeps a JSON copy of each node in its metadata and the ids of its document;
# retrieval never needs them, and at 13,000 chunks they were most of the process's memory.
_NODE_KEYS = {"document_id", "doc_id", "ref_doc_id"}


def clean_meta(meta: dict | None) -> dict:
    """A passage's metadata as retrieval keeps it: what llama-index adds for itself left out."""
    return {k: v for k, v in (meta or {}).items() if not k.startswith("_") and k not in _NODE_KEYS}


def lexical_text(text: str, meta: dict) -> str:
    """What BM25 indexes of a passage: its section heading and context, then its text."""
    return f"{meta.get('section', '')} {meta.get('context', '')} {text}"


def read_store(store: ReportStore, records: dict[str, dict], scratch: Path | None) -> SnapshotRows:
    """Every passage of ``store`` as memory-mapped columns, written a page at a time into a
    private folder under ``scratch`` (the system's temporary folder when None or not
    writable), which is removed at once: the mappings keep the files readable until the
    process lets go of them. What a killed process leaves under the snapshot folder is
    removed with other stale folders (`retrieval.snapshot_file`)."""
    folder = _scratch_folder(scratch)
    try:
        ids = _write_pages(store, folder)
        order = sorted(range(len(ids)), key=ids.__getitem__)
        StringColumn.write(folder, "ids", (ids[row] for row in order))
        del ids
        for name in ("texts", "metas"):
            fetched = StringColumn.open(folder, f"{name}.fetched")
            StringColumn.write(folder, name, (fetched[row] for row in order))
        vectors = _reordered_vectors(folder, np.asarray(order, dtype=np.int64))
        texts, metas = StringColumn.open(folder, "texts"), JsonColumn.open(folder, "metas")
        lexical = LexicalIndex.build(map(lexical_text, texts, metas))
        return SnapshotRows(StringColumn.open(folder, "ids"), texts, metas, vectors, lexical, records)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_changes(
    previous: SnapshotRows,
    layout: RowLayout,
    keep: np.ndarray,
    got: dict[str, list],
    records: dict[str, dict],
    scratch: Path | None,
) -> tuple[SnapshotRows, RowLayout]:
    """``previous``'s rows ``keep`` and the passages ``got`` from the store (the reports that
    changed), as memory-mapped columns in chunk-id order, and their layout merged from
    ``previous``'s ``layout`` (`RowLayout.merged`)."""
    folder = _scratch_folder(scratch)
    try:
        kept = len(keep)
        combined = [previous.ids[int(row)] for row in keep] + list(got["ids"])
        order = np.asarray(sorted(range(len(combined)), key=combined.__getitem__), dtype=np.int64)
        StringColumn.write(folder, "ids", (combined[row] for row in order))
        del combined
        new_texts = [text or "" for text in got["documents"]]
        new_metas = [clean_meta(meta) for meta in got["metadatas"]]
        StringColumn.write(
            folder, "texts", (previous.texts[keep[r]] if r < kept else new_texts[r - kept] for r in order)
        )
        old_metas = _raw(previous.metas)
        StringColumn.write(
            folder,
            "metas",
            (
                old_metas[keep[r]] if r < kept else json.dumps(new_metas[r - kept], ensure_ascii=False)
                for r in order
            ),
        )
        width = previous.vectors.shape[1]
        new_vectors = np.asarray(got["embeddings"], dtype=np.float32).reshape(len(new_texts), width)
        vectors = _merged_vectors(
            folder, previous.vectors, np.asarray(keep, dtype=np.int64), new_vectors, order
        )
        lexical = previous.lexical.merged(keep, list(map(lexical_text, new_texts, new_metas)), order)
        texts, metas = StringColumn.open(folder, "texts"), JsonColumn.open(folder, "metas")
        rows = SnapshotRows(StringColumn.open(folder, "ids"), texts, metas, vectors, lexical, records)
        return rows, RowLayout.merged(layout, keep, RowLayout.of_metas(new_metas), order)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _raw(metas) -> Sequence[str]:
    """Each row's metadata as its JSON text: read as stored, not decoded and encoded again."""
    if isinstance(metas, JsonColumn):
        return metas.strings
    return [json.dumps(meta, ensure_ascii=False) for meta in metas]


def _merged_vectors(
    folder: Path, previous: np.ndarray, keep: np.ndarray, new: np.ndarray, order: np.ndarray
) -> np.ndarray:
    """Rows ``keep`` of ``previous`` then ``new``, in ``order``, as a memory-mapped ``vectors.npy``."""

    def rows(block: np.ndarray) -> np.ndarray:
        old = block < len(keep)
        part = np.empty((len(block), previous.shape[1]), dtype=np.float32)
        part[old] = previous[keep[block[old]]]
        part[~old] = new[block[~old] - len(keep)]
        return part

    return _write_vectors(folder, order, previous.shape[1], rows)


def _reordered_vectors(folder: Path, order: np.ndarray) -> np.ndarray:
    """The fetched vectors in ``order``, as a memory-mapped ``vectors.npy``."""
    fetched_path = folder / "vectors.fetched"
    if not len(order):
        return np.zeros((0, 1), dtype=np.float32)
    width = os.path.getsize(fetched_path) // (4 * len(order))
    fetched = np.memmap(fetched_path, dtype=np.float32, mode="r", shape=(len(order), width))
    return _write_vectors(folder, order, width, lambda block: fetched[block])


def _write_vectors(
    folder: Path, order: np.ndarray, width: int, rows: Callable[[np.ndarray], np.ndarray]
) -> np.ndarray:
    """``vectors.npy`` filled a block of ``order`` at a time with ``rows(block)``, memory-mapped:
    a block's vectors in memory, never all of them."""
    if not len(order):
        return np.zeros((0, 1), dtype=np.float32)
    out = np.lib.format.open_memmap(
        folder / "vectors.npy", mode="w+", dtype=np.float32, shape=(len(order), width)
    )
    for start in range(0, len(order), _BLOCK):
        out[start : start + _BLOCK] = rows(order[start : start + _BLOCK])
    out.flush()
    del out
    return np.load(folder / "vectors.npy", mmap_mode="r").view(np.ndarray)


def _scratch_folder(scratch: Path | None) -> Path:
    if scratch is not None:
        with contextlib.suppress(OSError):
            scratch.mkdir(parents=True, exist_ok=True)
            return Path(tempfile.mkdtemp(prefix=".read-", dir=scratch))
    return Path(tempfile.mkdtemp(prefix="reportqa-read-"))


def _write_pages(store: ReportStore, folder: Path) -> list[str]:
    """Write every passage's text, metadata (JSON) and vector in the store's order; its ids."""
    ids: list[str] = []
    with (
        ColumnWriter(folder, "texts.fetched") as texts,
        ColumnWriter(folder, "metas.fetched") as metas,
        (folder / "vectors.fetched").open("wb") as vectors,
    ):
        for page in store.chunk_pages(include=["documents", "metadatas", "embeddings"], batch=PAGE):
            ids.extend(page["ids"])
            for text, meta in zip(page["documents"], page["metadatas"], strict=True):
                texts.append(text or "")
                metas.append(json.dumps(clean_meta(meta), ensure_ascii=False))
            if page["ids"]:
                vectors.write(np.asarray(page["embeddings"], dtype=np.float32).tobytes())
    return ids
