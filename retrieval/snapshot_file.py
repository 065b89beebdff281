"""The retrieval snapshot saved beside the index, so the next process need not rebuild it.

Building the snapshot means reading every passage, its metadata and its vector from Chroma
and indexing all texts for BM25: 3.5 s at 12,771 passages, and it grows with the corpus.
A process that has built one writes it to ``DATA_DIR/snapshot/<key>/``; a process that
starts later on the same index (a restart, another replica on a shared volume, a CLI
command) loads it instead: columns of ids, texts and metadata (`retrieval.columns`), the
rows' layout and the vectors as ``.npy``, and bm25s's own files for the lexical index. All
of it is memory-mapped and read by row, so a loaded snapshot costs a process the rows it
reads, not the corpus.

The key names the index state exactly: the collection (its id, however the store is
reached), its passage count and the generation stamp every indexing run and removal
writes, and the embedding model; and the code that reads it (this package's
snapshot-making modules and the versions of bm25s, PyStemmer and numpy), so an upgrade
never loads an older release's file. A snapshot is
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version
from pathlib import Path

import numpy as np

from indexing.facts import Fact, ReportFacts
from retrieval.columns import JsonColumn, RowLayout, StringColumn
from retrieval.lexical import LexicalIndex

FORMAT = 5  # bump when what is saved changes: older files are then ignored and replaced
KEEP_OLD_S = 600  # other states' files are removed after this long


@dataclass
class SnapshotRows:
    """What retrieval reads from the store: every passage (in chunk-id order) with its
    metadata and vector, the BM25 index over them, and the report records."""

    ids: Sequence[str]  # a list when read from the store, a `retrieval.columns` column when loaded
    texts: Sequence[str]
    metas: Sequence[dict]
    vectors: np.ndarray
    lexical: LexicalIndex
    records: dict[str, dict]


# The code that decides what a snapshot holds (which metadata is kept, how BM25 tokenises,
# what counts as a template, what a report's facts are): a new release of any of it must not
# load an old file.
_MAKERS = (
    *(f"retrieval/{name}.py" for name in ("columns", "lexical", "stemming", "boilerplate", "snapshot")),
    "retrieval/abbreviations.py",
    *("retrieval/snapshot_file.py", "retrieval/snapshot_read.py", "indexing/facts.py"),
    *("indexing/chunking.py", "indexing/model.py"),
)
_LIBRARIES = ("bm25s", "PyStemmer", "numpy")


@lru_cache(maxsize=1)
def _code_version() -> str:
    digest = hashlib.sha256(str(FORMAT).encode())
    for name in _MAKERS:
        digest.update((Path(__file__).parent.parent / name).read_bytes())
    for library in _LIBRARIES:
        with contextlib.suppress(PackageNotFoundError):
            digest.update(f"{library}={package_version(library)}".encode())
    return digest.hexdigest()


def index_identity(collection_id: str, collection: str, embedding: str) -> str:
    """One index (the collection, by its id and name, and the embedding model) as read by this
    code: the snapshots of its states share it, whatever their version."""
    described = json.dumps([_code_version(), collection_id, collection, embedding])
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:32]


def snapshot_key(identity: str, version: tuple) -> str:
    """A file-name-safe key for one state (``version``) of the index ``identity`` names."""
    described = json.dumps([identity, list(version)], default=str)
    return hashlib.sha256(described.encode("utf-8")).hexdigest()[:32]


def newest_saved(folder: Path, identity: str) -> tuple[str, tuple] | None:
    """The key and version of the newest snapshot saved for any state of the index
    ``identity`` names, or None. An indexer starts from it and reads only what changed since."""
    best: tuple[float, str, tuple] | None = None
    for head_file in folder.glob("*/head.json") if folder.is_dir() else ():
        with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
            head = json.loads(head_file.read_text(encoding="utf-8"))
            if head.get("identity") == identity and head_file.parent.name == snapshot_key(
                identity, tuple(head["version"])
            ):
                written = head_file.stat().st_mtime
                if best is None or written > best[0]:
                    best = (written, head_file.parent.name, tuple(head["version"]))
    return None if best is None else (best[1], best[2])


FactSource = Callable[[str], ReportFacts | None]


def load_snapshot(
    folder: Path, key: str
) -> tuple[SnapshotRows, dict[str, list[str]], RowLayout, FactSource] | None:
    """The rows saved under ``key``, what was derived from them (word sets, template shapes),
    their layout and each report's facts, or None when there is none or it cannot be read.
    Texts, metadata, ids, vectors and facts stay on disk, memory-mapped, and are read by row
    or by report (`retrieval.columns`)."""
    path = folder / key
    if not (path / "head.json").is_file():
        return None
    try:
        head = json.loads((path / "head.json").read_text(encoding="utf-8"))
        ids = StringColumn.open(path, "ids")
        texts = StringColumn.open(path, "texts")
        metas = JsonColumn.open(path, "metas")
        vectors = np.load(path / "vectors.npy", mmap_mode="r")
        layout = RowLayout.load(path)
        facts = JsonColumn.open(path, "facts")
        if len(facts) != len(layout.reports):
            return None
        lengths = {len(ids), len(texts), len(metas), len(layout.report_of_row)}
        if lengths != {head["rows"]} or (len(ids) and len(vectors) != len(ids)):
            return None  # cut short
        saved = SnapshotRows(
            ids=ids,
            texts=texts,
            metas=metas,
            vectors=vectors,
            lexical=LexicalIndex.load(path / "lexical"),
            records=head["records"],
        )
        return saved, head["derived"], layout, _facts_by_report(facts, layout.reports)
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def _facts_by_report(column: JsonColumn, reports: list[str]) -> FactSource:
    number = {report_id: n for n, report_id in enumerate(reports)}

    def facts(report_id: str) -> ReportFacts | None:
        n = number.get(report_id)
        if n is None:
            return None
        return ReportFacts(report_id, [Fact(**fact) for fact in column[n]])

    return facts


def save_snapshot(
    folder: Path,
    identity: str,
    version: tuple,
    snapshot: SnapshotRows,
    derived: dict[str, list[str]],
    layout: RowLayout,
    facts: Iterable[list[dict]],
    side_files: dict[str, object] | None = None,
) -> bool:
    """Write ``snapshot``, ``derived``, ``layout``, ``facts`` (each report's, numbered as the
    layout numbers reports) and ``side_files`` (file name -> what to write there as JSON) as
    the state ``version`` of the index ``identity`` names; False
    when that fails (a read-only data volume, a full disk): the process then keeps its own
    copy and nothing is left over."""
    key = snapshot_key(identity, version)
    staging: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{key}-", dir=folder))
        # Row by row: never the whole corpus as one string in memory.
        StringColumn.write(staging, "ids", snapshot.ids)
        StringColumn.write(staging, "texts", snapshot.texts)
        JsonColumn.write(staging, "metas", snapshot.metas)
        np.save(staging / "vectors.npy", np.asarray(snapshot.vectors, dtype=np.float32))
        layout.save(staging)
        JsonColumn.write(staging, "facts", facts)
        snapshot.lexical.save(staging / "lexical")
        for name, content in (side_files or {}).items():
            (staging / name).write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
        # Written last: a folder without it is incomplete and never read.
        head = {
            "rows": len(snapshot.ids),
            "records": snapshot.records,
            "derived": derived,
            "identity": identity,
            "version": list(version),
        }
        (staging / "head.json").write_text(json.dumps(head, ensure_ascii=False), encoding="utf-8")
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
