"""The ``reportqa`` command: index, status (and, as they land, ask, quotes, eval, serve)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from reportqa.settings import Settings

console = Console(stderr=True)
out = Console()


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.pipeline import Indexer

    indexer = Indexer(settings)
    paths = [Path(p) for p in args.paths] or [settings.corpus_dir]
    with Progress(
        TextColumn("[bold]Indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=name)

        summary = indexer.index(paths, rebuild=args.rebuild, progress=progress)
    counts = ", ".join(f"{summary.count(s)} {s}" for s in ("added", "updated", "unchanged", "removed", "skipped"))
    out.print(f"Files: {counts}")
    for outcome in summary.outcomes:
        if outcome.status == "skipped":
            out.print(f"  [yellow]skipped[/] {outcome.name}: {outcome.reason}")
    rate = summary.pages_read / summary.seconds if summary.seconds else 0
    out.print(
        f"Chunks written: {summary.chunks_written}; pages read: {summary.pages_read}; "
        f"{summary.seconds:.1f} s ({rate:.1f} pages/s)"
    )
    return 1 if summary.failed else 0


def _status(args: argparse.Namespace, settings: Settings) -> int:
    from vectorstore.chroma_store import ReportStore

    store = ReportStore(settings)
    records = store.report_records()
    table = Table(title=f"{len(records)} reports indexed")
    for column in ("report", "authority", "type", "date", "judgement", "pages", "chunks", "indexed"):
        table.add_column(column)
    for rid, rec in sorted(records.items(), key=lambda kv: (kv[1].get("local_authority", ""), kv[1].get("report_date", ""))):
        table.add_row(
            rid,
            rec.get("local_authority", ""),
            rec.get("inspection_type", ""),
            rec.get("report_date", ""),
            rec.get("overall_judgement", ""),
            str(rec.get("pages", "")),
            str(rec.get("chunk_count", "")),
            rec.get("indexed_at", ""),
        )
    out.print(table)
    stamp = store.stamp()
    out.print(f"Embedding model: {stamp.get('embed_model', '(none yet)')} from {settings.embed_model_dir}")
    out.print(f"Chunking: {stamp.get('chunking_version', '(none yet)')}; chunks stored: {store.count()}")
    out.print(f"Store: {settings.describe_store()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportqa", description="Cited answers from inspection reports.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_index = sub.add_parser("index", help="index report files (default: the corpus folder)")
    p_index.add_argument("paths", nargs="*", help="files or folders (default: REPORTQA_CORPUS_DIR)")
    p_index.add_argument("--rebuild", action="store_true", help="drop the index and rebuild it from scratch")
    p_index.set_defaults(func=_index)

    p_status = sub.add_parser("status", help="list what is indexed")
    p_status.set_defaults(func=_status)
    return parser


def main(argv: list[str] | None = None) -> int:
    from indexing.pipeline import IndexBusyError
    from vectorstore.chroma_store import IndexMismatchError, StoreUnavailableError
    from vectorstore.embeddings import EmbeddingModelError

    args = build_parser().parse_args(argv)
    try:
        settings = Settings()
        return int(args.func(args, settings) or 0)
    except (IndexBusyError, IndexMismatchError, StoreUnavailableError, EmbeddingModelError) as exc:
        console.print(f"[red]error:[/] {exc}")
        return 2
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
