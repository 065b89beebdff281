"""Safe per-file extraction: type checks by content, limits, and PDF parsing in a worker.

pypdf keeps receiving denial-of-service fixes, and one hostile or broken PDF must not
hang or exhaust the indexer. Every PDF is therefore parsed in a child process with a
wall-clock timeout and an address-space limit (its own mappings plus a budget); the
parent only ever receives plain data or an error string. Children come from a fork
server (see `_context`), so scripts that index must guard their entry point with
``if __name__ == "__main__":``, as multiprocessing requires.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import queue
import threading
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


def load_limits(settings) -> LoadLimits:
    """The limits ``REPORTQA_*`` settings set for reading one file."""
    return LoadLimits(
        max_file_mb=settings.max_file_mb,
        max_text_mb=settings.max_text_mb,
        timeout_s=settings.parse_timeout_s,
        memory_mb=settings.parse_memory_mb,
    )


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
    # A text file has pages only where form feeds make them; "p. 1" of a file without any would
    # send a reader looking for a page that does not exist, so such a file's citations give none.
    labels = [str(i + 1) for i in range(len(pages))] if len(pages) > 1 else [""]
    return ExtractedDocument(path.name, kind, pages, labels)  # type: ignore[arg-type]


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        import psutil

        limit = psutil.Process().memory_info().vms + memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):
        pass


def _parse_pdf(path: str, file_name: str, memory_mb: int) -> tuple[str, object]:
    """("ok", document) or ("error", reason); ("fatal", reason) when the process should not go on."""
    from pypdf.errors import LimitReachedError

    try:
        doc = extract_pdf(path, file_name)
        if not doc.pages:
            return "error", "the PDF has no pages"
        if not any(doc.pages):
            return "error", "no extractable text (image-only PDF?); it needs OCR first"
        return "ok", doc
    except LimitReachedError as exc:  # pypdf's own guard: decompression bombs, huge arrays
        return "error", f"the PDF exceeds the parser's safety limits ({str(exc)[:120]}); skipped"
    except RecursionError:
        return "error", "the PDF nests objects too deeply to parse safely; skipped"
    except MemoryError:
        return "fatal", f"PDF needs more than {memory_mb} MB of memory to parse; skipped"
    except PermissionError as exc:
        return "error", str(exc)
    except Exception as exc:  # pypdf raises many types for damaged files
        return "error", f"unreadable PDF ({type(exc).__name__}: {str(exc)[:200]})"


_OUT_OF_MEMORY = 3  # exit code of a parser that could not even report its MemoryError


def _parser_process(memory_mb: int, conn: Connection) -> None:
    """Worker process body: parse the PDFs it is sent, one at a time, until told to stop.

    Long-lived, because starting a process costs more than parsing a typical report (the
    child re-imports the entry script: ~1.5 s when that script imports Chroma). After a
    MemoryError it exits, so the next file gets a fresh process and a fresh budget.
    """
    import logging

    _limit_memory(memory_mb)
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # repair chatter, not news for the user
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        status, payload = _parse_pdf(job[0], job[1], memory_mb)
        try:
            conn.send((status, payload))
        except MemoryError:  # parsed, but handing it over needs more than the budget
            with contextlib.suppress(BaseException):
                conn.send(("fatal", f"PDF needs more than {memory_mb} MB of memory to parse; skipped"))
            os._exit(_OUT_OF_MEMORY)
        except Exception as exc:  # e.g. a document that cannot be pickled
            conn.send(("error", f"could not hand over the parsed PDF ({type(exc).__name__}); skipped"))
        if status == "fatal":
            return


_CONTEXT: mp.context.BaseContext | None = None


def _context() -> mp.context.BaseContext:
    """A fork server: parser processes are forked from a small single-threaded process.

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


@dataclass
class _Parser:
    """One parser process and the file it is working on, if any."""

    process: mp.process.BaseProcess
    conn: Connection
    path: Path | None = None
    started: float = 0.0
    finished: bool = False  # exited or must not be given more work

    @classmethod
    def start(cls, memory_mb: int) -> _Parser:
        parent, child = _context().Pipe(duplex=True)
        process = _context().Process(target=_parser_process, args=(memory_mb, child), daemon=True)
        process.start()
        child.close()
        return cls(process, parent)

    def give(self, path: Path) -> None:
        self.path, self.started = path, time.monotonic()
        self.conn.send((str(path), path.name))

    def receive(self) -> ExtractedDocument | LoadError:
        """The result for the current file; `LoadError` also when the process died."""
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):
            self.finished = True
            self.process.join(5)
            code = self.process.exitcode
            out_of_memory = code in (-9, -6, _OUT_OF_MEMORY)
            reason = "ran out of memory" if out_of_memory else f"crashed (exit code {code})"
            return LoadError(f"PDF parser {reason}; skipped")
        finally:
            self.path = None
        self.finished = status == "fatal"
        return payload if status == "ok" else LoadError(payload)

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            with contextlib.suppress(OSError):
                self.conn.send(None)
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5)
        self.conn.close()


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
    """Extract many files, PDFs in parallel parser processes; yields in completion order.

    A parser that runs past the time limit is killed and replaced; one that dies (memory
    limit, crash) is replaced; either way only that file is skipped.
    """
    pending = list(paths)
    parsers: list[_Parser] = []
    try:
        while True:
            idle = [p for p in parsers if p.path is None]
            while pending and (idle or len(parsers) < max(1, workers)):
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
                if not idle:
                    parsers.append(_Parser.start(limits.memory_mb))
                    idle.append(parsers[-1])
                parser = idle.pop()
                try:
                    parser.give(path)
                except OSError:  # it died while idle: replace it and try this file again
                    parser.stop(kill=True)
                    parsers.remove(parser)
                    pending.insert(0, path)
            busy = [p for p in parsers if p.path is not None]
            if not busy:
                if not pending:
                    return
                continue
            ready = set(mp.connection.wait([p.conn for p in busy], timeout=0.2))
            for parser in busy:
                if parser.conn in ready:
                    path = parser.path
                    result = parser.receive()
                    if parser.finished:
                        parser.stop(kill=True)
                        parsers.remove(parser)
                    yield path, result
                elif time.monotonic() - parser.started > limits.timeout_s:
                    path = parser.path
                    parser.stop(kill=True)
                    parsers.remove(parser)
                    yield path, LoadError(f"parsing took longer than {limits.timeout_s:g} s; skipped")
    finally:
        for parser in parsers:
            parser.stop(kill=parser.path is not None)


def cpu_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def prefetched(items: Iterator, depth: int = 16) -> Iterator:
    """Run a generator on a background thread, up to ``depth`` results ahead of its consumer.

    The indexer embeds a batch (on its own threads) while the parser processes go on
    with the next files; without this they sat idle during every embedding batch. The
    background thread only waits on pipes, so it costs no CPU worth measuring.
    """
    results: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                while not stop.is_set():
                    try:
                        results.put(("item", item), timeout=0.2)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    break
        except BaseException as exc:  # handed to the consumer, raised there
            results.put(("error", exc))
        finally:
            close = getattr(items, "close", None)
            if close:
                close()  # runs the generator's cleanup (stops parser processes) on this thread
            results.put(("done", None))

    worker = threading.Thread(target=produce, name="prefetch", daemon=True)
    worker.start()
    try:
        while True:
            kind, value = results.get()
            if kind == "done":
                return
            if kind == "error":
                raise value
            yield value
    finally:
        stop.set()
        while worker.is_alive():  # drain so a blocked put can see the stop flag
            with contextlib.suppress(queue.Empty):
                results.get(timeout=0.1)
        worker.join()
