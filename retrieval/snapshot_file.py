"""The retrieval snapshot saved beside the index, so the next process need not rebuild it.

Building the snapshot means reading every passage, its metadata and its vector from Chroma
and indexing all texts for BM25: 3.5 s at 12,771 passages, and it grows with the corpus.
A process that has built one writes it to ``DATA_DIR/snapshot/<key>/``; a process that
starts later on the same index (a restart, another replica on a shared volume, a CLI
command) loads it instead: JSON lines for texts and metadata, ``.npy`` for the vectors, and
bm25s's own files for the lexical index, whose arrays are memory-mapped.

The key names the index state exactly: the store, the collection, its passage count and
the generation stamp every indexing run and removal writes, and the embedding model. A
snapshot is only written from a store that no run is writing to, so a key never stands for
two different contents. Writing is atomic (a temporary folder, then a rename) and anything
that cannot be read back is ignored: the snapshot is then built from the store as before.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.lexical import LexicalIndex

FORMAT = 1  # bump when what is saved changes: older files are then ignored and replaced


@dataclass
class SnapshotRows:
    """What retrieval reads from the store: every passage (in chunk-id order) with its
    metadata and vector, the BM25 index over them, and the report records."""

    ids: list[str]
    texts: list[str]
    metas: list[dict]
    vectors: np.ndarray
    lexical: LexicalIndex
    records: dict[str, dict]


def snapshot_key(store: str, collection: str, version: tuple, embedding: str) -> str:
    """A file-name-safe key for one state of one index."""
    described = json.dumps([FORMAT, store, collection, list(version), embedding], default=str)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:32]


def load_snapshot(folder: Path, key: str) -> tuple[SnapshotRows, dict[str, list[str]]] | None:
    """The rows saved under ``key`` and what was derived from them (word sets, template
    shapes), or None when there is none or it cannot be read."""
    path = folder / key
    if not (path / "rows.json").is_file():
        return None
    try:
        with (path / "rows.json").open(encoding="utf-8") as lines:
            head = json.loads(next(lines))
            rows = [json.loads(line) for line in lines]
        vectors = np.load(path / "vectors.npy", mmap_mode="r")
        if len(rows) != head["rows"] or (rows and len(rows) != len(vectors)):
            return None  # cut short
        saved = SnapshotRows(
            ids=[row[0] for row in rows],
            texts=[row[1] for row in rows],
            metas=[row[2] for row in rows],
            vectors=vectors,
            lexical=LexicalIndex.load(path / "lexical"),
            records=head["records"],
        )
        return saved, head["derived"]
    except (OSError, ValueError, KeyError, TypeError, IndexError, StopIteration):
        return None


def save_snapshot(folder: Path, key: str, snapshot: SnapshotRows, derived: dict[str, list[str]]) -> bool:
    """Write ``snapshot`` and ``derived`` under ``key`` and drop the others; False when the
    folder is not writable (a read-only data volume): the process then keeps its own copy."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=folder))
        # One line per passage: never the whole corpus as one string in memory.
        with (staging / "rows.json").open("w", encoding="utf-8") as out:
            head = {"rows": len(snapshot.ids), "records": snapshot.records, "derived": derived}
            out.write(json.dumps(head, ensure_ascii=False) + "\n")
            for row in zip(snapshot.ids, snapshot.texts, snapshot.metas):
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        np.save(staging / "vectors.npy", np.asarray(snapshot.vectors, dtype=np.float32))
        snapshot.lexical.save(staging / "lexical")
        target = folder / key
        try:
            os.replace(staging, target)
        except OSError:  # saved already, by another process (as good) or damaged (replace it)
            if load_snapshot(folder, key) is None:
                shutil.rmtree(target, ignore_errors=True)
                os.replace(staging, target)
            else:
                shutil.rmtree(staging, ignore_errors=True)
    except OSError:
        return False
    for other in folder.iterdir():
        # Other states' files, and what a process killed while saving left (after an hour:
        # a save still running has a fresh folder).
        stale = not other.name.startswith(".") or time.time() - other.stat().st_mtime > 3600
        if other.name != key and stale:
            shutil.rmtree(other, ignore_errors=True)
    return True
