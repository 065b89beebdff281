"""The Chroma side of the index: chunk vectors plus one record per indexed report.

Two collections: ``<name>`` holds chunk passages, their embeddings (always computed by
us, never by Chroma) and scalar metadata for filtering; ``<name>_reports`` holds one
record per report (file hash, metadata, chunk count, when indexed). Keeping the report
records in Chroma rather than a local file means an embedded folder and a shared
server each carry their own complete manifest.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import time
from collections.abc import Iterator
from typing import Any

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from reportqa.settings import Settings

_STAMP_KEYS = ("embed_model", "chunking_version")
_PLACEHOLDER_VECTOR = [1.0]  # report records are looked up by id, never by similarity


class StoreUnavailableError(RuntimeError):
    """Chroma could not be reached or opened."""


class IndexMismatchError(RuntimeError):
    """The stored index was built with another embedding model or chunking version."""


def _read_only_reason(settings: Settings) -> str:
    """Why the embedded store's folder cannot be written to, or "" if it can.

    A probe file rather than ``os.access``: root passes ``access`` checks on a read-only
    mount, and Chroma's SQLite only says "attempt to write a readonly database".
    """
    folder = settings.chroma_dir
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
        return ""
    except OSError as exc:
        return (
            f"The data folder {settings.data_dir} is not writable ({exc.strerror or exc}). "
            "reportqa needs to write there even to answer questions (Chroma keeps its database "
            "and journal in it). Set REPORTQA_DATA_DIR to a writable folder (copy the index "
            "there), or use a Chroma server (REPORTQA_CHROMA_HOST)."
        )


LOW_DISK_MB = 10  # below this much free space Chroma's writes (and even its reads) fail


def disk_full_reason(settings: Settings) -> str:
    """ "The disk is full (3 MB free at /data)…" when the embedded store's disk is (nearly) full.

    Chroma then fails with internal errors ("Failed to apply logs to the metadata segment"),
    even for reads, which would otherwise read as an unreachable store.
    """
    if settings.uses_chroma_server:
        return ""
    folder = settings.chroma_dir
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return ""
    if free >= LOW_DISK_MB * 1024 * 1024:
        return ""
    return (
        f"The disk is full ({free / 1024 / 1024:.0f} MB free at {folder}). Free some space and run "
        "the command again: what was indexed before is kept, and an interrupted run is finished then."
    )


def store_failure(settings: Settings, exc: BaseException, doing: str = "reach") -> StoreUnavailableError:
    """The error to show for a failed store operation: a full disk said as such, not as Chroma's
    internal message."""
    return StoreUnavailableError(
        disk_full_reason(settings)
        or f"Cannot {doing} {settings.describe_store()}: {type(exc).__name__}: {exc}"
    )


def forget_clients() -> None:
    """The next embedded client opens its folder afresh instead of sharing this process's
    cached one (stale after another process wrote, or broken after a failed write)."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()


def make_client(settings: Settings) -> Any:
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.uses_chroma_server:
            client = chromadb.HttpClient(
                host=settings.chroma_host,
                port=settings.chroma_port,
                ssl=settings.chroma_ssl,
                settings=chroma_settings,
            )
            client.heartbeat()
            return client
        read_only = _read_only_reason(settings)
        if read_only:
            raise StoreUnavailableError(read_only)
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except StoreUnavailableError:
        raise
    except Exception as exc:
        raise store_failure(settings, exc, "open") from exc


class ReportStore:
    """Chunk and report collections, with the operations indexing and retrieval need."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.client = make_client(settings)
        try:
            self.chunks = self.client.get_or_create_collection(
                name=settings.collection,
                configuration={"hnsw": {"space": "cosine"}},
                embedding_function=None,
            )
            self.reports = self.client.get_or_create_collection(
                name=f"{settings.collection}_reports", embedding_function=None
            )
        except Exception as exc:
            raise store_failure(settings, exc, "open collections in") from exc
        self.vector_store = ChromaVectorStore(chroma_collection=self.chunks)

    def reopen(self) -> None:
        """A fresh view of an embedded store after another process wrote to it.

        An embedded Chroma client keeps its vector segments in memory; once another process
        (``reportqa index`` in a second shell) has written, reads through the old client fail
        ("Error finding id", "Nothing found on disk") until it is opened again. Chroma shares one
        client system per folder within a process, so the cache is cleared first; objects still
        holding the old client (an indexing thread) keep working with it. A server needs none
        of this: it is the one owner of its files.
        """
        if self.settings.uses_chroma_server:
            return
        forget_clients()
        self.__init__(self.settings)  # type: ignore[misc]

    # ---- index stamp -------------------------------------------------------------------
    def stamp(self) -> dict[str, str]:
        meta = self.chunks.metadata or {}
        return {key: str(meta[key]) for key in _STAMP_KEYS if key in meta}

    def check_compatible(self, embed_model: str, chunking_version: str | None = None) -> None:
        """Refuse to mix vectors from different models or chunkers in one index.

        Readers pass no chunking version: old chunks are still valid passages, but query
        vectors from another model would be compared with incomparable document vectors.
        """
        stamp = self.stamp()
        wanted = {"embed_model": embed_model}
        if chunking_version is not None:
            wanted["chunking_version"] = chunking_version
        if not stamp or self.chunks.count() == 0:
            return
        diffs = [
            f"{k}: index has {stamp.get(k)!r}, configured {v!r}"
            for k, v in wanted.items()
            if stamp.get(k) != v
        ]
        if diffs:
            raise IndexMismatchError(
                "The index was built differently (" + "; ".join(diffs) + "). "
                "Run `reportqa index --rebuild` to rebuild it."
            )

    def is_dirty(self) -> bool:
        """True when an indexing run started and did not finish (killed or crashed)."""
        return bool((self.chunks.metadata or {}).get("run_in_progress"))

    def set_dirty(
        self, dirty: bool, embed_model: str, chunking_version: str, generation: int | None = None
    ) -> None:
        """Mark a run as started/finished; also stamps which model and chunker built the index,
        and a new generation (or ``generation``: the one a run that changed nothing found, or
        the one the serving files were prepared for)."""
        self.chunks.modify(
            metadata={
                "embed_model": embed_model,
                "chunking_version": chunking_version,
                "run_in_progress": dirty,
                "generation": time.time_ns() if generation is None else generation,
            }
        )

    def generation(self) -> int | None:
        """The generation the last run or removal stamped (None for an index never stamped)."""
        value = (self.chunks.metadata or {}).get("generation")
        return int(value) if value not in (None, "") else None

    def reset(self) -> None:
        """Drop both collections (for --rebuild) and recreate them empty.

        Records go first: killed in between, chunks without records are orphans that the
        next run sweeps, never records without chunks."""
        for name in (f"{self.settings.collection}_reports", self.settings.collection):
            with contextlib.suppress(Exception):
                self.client.delete_collection(name)
        self.__init__(self.settings)  # type: ignore[misc]

    # ---- chunks ------------------------------------------------------------------------
    def add_nodes(self, nodes: list[TextNode]) -> None:
        self.vector_store.add(nodes)

    def delete_chunks(
        self, report_id: str, file_hash: str | None = None, keep_hash: str | None = None
    ) -> None:
        """Delete a report's chunks: all, only one version, or all but one version."""
        clauses: list[dict] = [{"report_id": report_id}]
        if file_hash is not None:
            clauses.append({"file_hash": file_hash})
        if keep_hash is not None:
            clauses.append({"file_hash": {"$ne": keep_hash}})
        where = clauses[0] if len(clauses) == 1 else {"$and": clauses}
        self.chunks.delete(where=where)

    def get_chunks(
        self, where: dict | None = None, include: list[str] | None = None, batch: int = 500
    ) -> dict:
        """Every chunk (optionally filtered), fetched in pages to bound memory per call.

        Small pages matter: memory Chroma allocates for one large ``get`` stays with the
        process (measured: +111 MB for 2 621 chunks in one page of 5 000, +31 MB in pages of 500).
        """
        include = include or ["documents", "metadatas"]
        out: dict[str, list] = {"ids": [], **{key: [] for key in include}}
        for page in self.chunk_pages(where=where, include=include, batch=batch):
            for key, values in page.items():
                out[key].extend(values)
        return out

    def chunk_pages(
        self, where: dict | None = None, include: list[str] | None = None, batch: int = 500
    ) -> Iterator[dict[str, list]]:
        """Every chunk (optionally filtered), a page at a time: for a reader that writes each
        page out (`retrieval.snapshot_read`) and so never holds the whole store."""
        include = include or ["documents", "metadatas"]
        offset = 0
        while True:
            page = self.chunks.get(where=where, include=include, limit=batch, offset=offset)
            values = {key: page.get(key) for key in include}
            yield {"ids": page["ids"], **{key: [] if v is None else list(v) for key, v in values.items()}}
            if len(page["ids"]) < batch:
                return
            offset += batch

    def count(self) -> int:
        return self.chunks.count()

    # ---- report records ----------------------------------------------------------------
    def report_records(self) -> dict[str, dict]:
        got = self.reports.get(include=["metadatas"])
        return {rid: _decode_record(meta) for rid, meta in zip(got["ids"], got["metadatas"])}

    def put_report_record(self, report_id: str, record: dict) -> None:
        self.reports.upsert(
            ids=[report_id],
            embeddings=[_PLACEHOLDER_VECTOR],
            metadatas=[{"record": json.dumps(record, sort_keys=True)}],
            documents=[record.get("title", report_id)],
        )

    def delete_report_record(self, report_id: str) -> None:
        self.reports.delete(ids=[report_id])


def _decode_record(meta: dict | None) -> dict:
    try:
        return json.loads((meta or {}).get("record", "{}"))
    except json.JSONDecodeError:
        return {}
