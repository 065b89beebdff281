"""Safe per-file extraction: type checks by content, limits, and PDF parsing in a worker.

pypdf keeps receiving denial-of-service fixes, and one hostile or broken PDF must not
hang or exhaust the indexer. Every PDF is therefore parsed in a child process with a
wall-clock timeout and an address-space limit (its own mappings plus a budget); the
parent only ever receives plain data or an error string. Children come from a fork
server (see `_context`), so scripts that index must guard their entry point with
``if __name__ == "__main__":``, as multiprocessing requires.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

from indexing.model import ExtractedDocument, Line
from indexing.pdf_lines import extract_pdf

SUPPORTED_SUFFIXES = {".pdf", ".txt", ".md", ".markdown"}


class LoadError(Exception):
    """A file that cannot be indexed; the message is shown to the user as the skip reason."""


@dataclass(frozen=True)
class LoadLimits:
    max_file_mb: float = 30.0
    max_text_mb: float = 5.0
    timeout_s: float = 120.0
    memory_mb: int = 2048


def file_kind(path: Path) -> str:
    """The loader to use, judged by suffix first and then confirmed by the bytes."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; use PDF, .txt or .md")
    return {"pdf": "pdf", "txt": "txt"}.get(suffix.lstrip("."), "md")


def check_size(path: Path, kind: str, limits: LoadLimits) -> None:
    size = path.stat().st_size
    if size == 0:
        raise LoadError("empty file (0 bytes)")
    limit_mb = limits.max_file_mb if kind == "pdf" else limits.max_text_mb
    if size > limit_mb * 1024 * 1024:
        raise LoadError(f"file too large ({size / 1048576:.1f} MB > {limit_mb:g} MB limit)")


def sniff_pdf(head: bytes) -> None:
    """Reject non-PDF bytes (e.g. an HTML error page saved as .pdf) before pypdf sees them."""
    if b"%PDF-" not in head[:1024]:
        start = head[:200].lstrip().lower()
        if start.startswith((b"<!doctype html", b"<html")) or b"<html" in start:
            raise LoadError("not a PDF: the file is an HTML page saved with a .pdf name")
        raise LoadError("not a PDF: no %PDF- header")


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused, not guessed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if b"\x00" in data[:8192]:
        raise LoadError("binary data, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise LoadError(
            f"not UTF-8 text (invalid byte at position {exc.start}); re-save the file as UTF-8"
        ) from None
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.02 * min(len(text), 20000):
        raise LoadError("binary data, not text")
    return text


def extract_text_file(path: Path, kind: str) -> ExtractedDocument:
    """Plain text and Markdown; form feeds, when present, separate pages."""
    text = decode_text(path.read_bytes()).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise LoadError("no text in file")
    pages: list[list[Line]] = []
    for page_index, page_text in enumerate(text.split("\f")):
        lines: list[Line] = []
        blank = True  # the start of a page counts as a break
        for raw in page_text.split("\n"):
            stripped = raw.strip()
            if not stripped:
                blank = True
                continue
            hint = kind == "md" and stripped.startswith("#")
            if hint:
                stripped = stripped.lstrip("#").strip()
            lines.append(Line(stripped, page_index, blank_before=blank, heading_hint=hint))
            blank = False
        pages.append(lines)
    labels = [str(i + 1) for i in range(len(pages))]
    return ExtractedDocument(path.name, kind, pages, labels)  # type: ignore[arg-type]


def _pdf_worker(path: str, file_name: str, memory_mb: int, conn: Connection) -> None:
    """Child process body: apply the memory limit, parse, send back data or an error string."""
    try:
        import resource

        import psutil

        limit = psutil.Process().memory_info().vms + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass
    import logging

    from pypdf.errors import LimitReachedError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repair chatter, not news for the user
    try:
        doc = extract_pdf(path, file_name)
        if not doc.pages:
            conn.send(("error", "the PDF has no pages"))
        elif not any(doc.pages):
            conn.send(("error", "no extractable text (image-only PDF?); it needs OCR first"))
        else:
            conn.send(("ok", doc))
    except LimitReachedError as exc:  # pypdf's own guard: decompression bombs, huge arrays
        conn.send(("error", f"the PDF exceeds the parser's safety limits ({str(exc)[:120]}); skipped"))
    except RecursionError:
        conn.send(("error", "the PDF nests objects too deeply to parse safely; skipped"))
    except MemoryError:
        conn.send(("error", f"PDF needs more than {memory_mb} MB of memory to parse; skipped"))
    except PermissionError as exc:
        conn.send(("error", str(exc)))
    except Exception as exc:  # pypdf raises many types for damaged files
        conn.send(("error", f"unreadable PDF ({type(exc).__name__}: {str(exc)[:200]})"))
    finally:
        conn.close()


_CONTEXT: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    """A fork server: PDF workers are forked from a small single-threaded process.

    Forking the indexer itself is unsafe once it has threads (Chroma's Rust runtime, the
    embedding workers): a child can inherit a lock held mid-operation by a thread that
    does not exist in the child, and hang for ever. That happened in the 315-report
    benchmark (children stuck in a futex inside chromadb's bindings).
    """
    global _CONTEXT
    if _CONTEXT is None:
        context = mp.get_context("forkserver")
        context.set_forkserver_preload(["indexing.pdf_lines", "pypdf", "psutil"])
        _CONTEXT = context
    return _CONTEXT


def preflight(path: Path, limits: LoadLimits) -> str:
    """Cheap checks in the parent; returns the loader kind or raises `LoadError`."""
    if not path.is_file():
        raise LoadError("not a regular file")
    kind = file_kind(path)
    check_size(path, kind, limits)
    if kind == "pdf":
        with path.open("rb") as fh:
            sniff_pdf(fh.read(1024))
    return kind


def load_files(
    paths: Iterable[Path], limits: LoadLimits, workers: int = 2
) -> Iterator[tuple[Path, ExtractedDocument | LoadError]]:
    """Extract many files, PDFs in parallel child processes; yields in completion order."""
    pending = list(paths)
    running: dict[Connection, tuple[Path, mp.process.BaseProcess, float]] = {}
    while pending or running:
        while pending and len(running) < max(1, workers):
            path = pending.pop(0)
            try:
                kind = preflight(path, limits)
                if kind != "pdf":
                    yield path, extract_text_file(path, kind)
                    continue
            except LoadError as exc:
                yield path, exc
                continue
            except OSError as exc:
                yield path, LoadError(f"cannot read file ({exc.strerror or exc})")
                continue
            parent, child = _context().Pipe(duplex=False)
            proc = _context().Process(
                target=_pdf_worker, args=(str(path), path.name, limits.memory_mb, child), daemon=True
            )
            proc.start()
            child.close()
            running[parent] = (path, proc, time.monotonic())
        if not running:
            continue
        ready = mp.connection.wait(list(running), timeout=0.2)
        for conn in ready:
            path, proc, _ = running.pop(conn)  # type: ignore[index]
            yield path, _receive(conn, proc)
        now = time.monotonic()
        for conn, (path, proc, started) in list(running.items()):
            if now - started > limits.timeout_s:
                proc.kill()
                proc.join(5)
                conn.close()
                del running[conn]
                yield path, LoadError(f"parsing took longer than {limits.timeout_s:g} s; skipped")


def _receive(conn: Connection, proc: mp.process.BaseProcess) -> ExtractedDocument | LoadError:
    try:
        status, payload = conn.recv()
    except (EOFError, OSError):
        proc.join(5)
        code = proc.exitcode
        reason = "ran out of memory" if code in (-9, -6) else f"crashed (exit code {code})"
        return LoadError(f"PDF parser {reason}; skipped")
    finally:
        conn.close()
    proc.join(5)
    return payload if status == "ok" else LoadError(payload)


def cpu_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))
