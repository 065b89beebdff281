"""The retrieval snapshot saved beside the index, so the next process need not rebuild it.

Building the snapshot means reading every passage, its metadata and its vector from Chroma
and indexing all texts for BM25: 3.5 s at 12,771 passages, and it grows with the corpus.
A process that has built one writes it to ``DATA_DIR/snapshot/<key>/``; a process that
starts later on the same index (a restart, another replica on a shared volume, a CLI
command) loads it instead: JSON lines for texts and metadata, ``.npy`` for the vectors, and
bm25s's own files for the lexical index, whose arrays are memory-mapped.

The key names the index state exactly: the store, the collection, its passage count and
the generation stamp every indexing run and removal writes, and the embedding model; and
the code that reads it (this package's snapshot-making modules and the versions of bm25s,
PyStemmer and numpy), so an upgrade never loads an older release's file. A snapshot is
only written from a store that no run is writing to, so a key never stands for two
different contents. Other states' files are removed ten minutes after they were written.
Writing is atomic (a temporary folder, then a rename) and anything that cannot be read
back is ignored: the snapshot is then built from the store as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np

from retrieval.lexical import LexicalIndex

FORMAT = 2  # bump when what is saved changes: older files are then ignored and replaced
KEEP_OLD_S = 600  # other states' files are removed after this long


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


# The code that decides what a snapshot holds (which metadata is kept, how BM25 tokenises,
# what counts as a template): a new release of any of it must not load an old file.
_MAKERS = ("lexical.py", "stemming.py", "boilerplate.py", "hybrid.py", "snapshot_file.py")
_LIBRARIES = ("bm25s", "PyStemmer", "numpy")


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in _MAKERS:
        digest.update((Path(__file__).parent / name).read_bytes())
    for library in _LIBRARIES:
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{library}={package_version(library)}".encode())
    return digest.hexdigest()


def snapshot_key(store: str, collection: str, version: tuple, embedding: str) -> str:
    """A file-name-safe key for one state of one index, as read by this code."""
    described = json.dumps([_code_version(), store, collection, list(version), embedding], default=str)
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
    """Write ``snapshot`` and ``derived`` under ``key``; False when that fails (a read-only
    data volume, a full disk): the process then keeps its own copy and nothing is left over."""
    staging: Path | None = None
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
            staging = None
        except OSError:  # saved already, by another process (as good) or damaged (replace it)
            if load_snapshot(folder, key) is None:
                shutil.rmtree(target, ignore_errors=True)
                os.replace(staging, target)
                staging = None
    except OSError:
        return False
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
    _drop_old(folder, key)
    return True


def _drop_old(folder: Path, key: str) -> None:
    """Remove other states' files once nobody is likely to be loading them: a replica still on
    an older state may be reading or have mapped one (on a network volume, removing a mapped
    file can crash the reader), and what a killed save left is no use to anyone."""
    for other in folder.iterdir():
        with contextlib.suppress(OSError):  # another process renamed or removed it meanwhile
            if other.name != key and time.time() - other.stat().st_mtime > KEEP_OLD_S:
                shutil.rmtree(other, ignore_errors=True)
