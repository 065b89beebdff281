"""The ``reportqa`` command: index, status (and, as they land, ask, quotes, eval, serve)."""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from reportqa.settings import Settings

console = Console(stderr=True)
out = Console()


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A transient progress bar on stderr; yields the ``progress(done, total, description)`` callback."""
    with Progress(
        TextColumn(f"[bold]{label}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=console,
        transient=True,
    ) as bar:
        task = bar.add_task("", total=None)
        yield lambda done, total, text: bar.update(task, completed=done, total=total, description=text)


def _confirm_rebuild(indexed: int) -> bool:
    """A rebuild removes every indexed report first: asked at a terminal, ``--yes`` elsewhere."""
    if not indexed:
        return True
    what = f"all {indexed} indexed report{'s' if indexed != 1 else ''}"
    if not sys.stdin.isatty():
        console.print(f"[red]error:[/] --rebuild removes {what} first; add --yes to confirm.")
        return False
    try:
        reply = input(f"--rebuild removes {what} and indexes the given files again. Continue? [y/N] ")
    except EOFError:
        reply = ""
    if reply.strip().lower() in ("y", "yes"):
        return True
    console.print("Nothing was changed.")
    return False


def _index(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.pipeline import Indexer

    indexer = Indexer(settings)
    paths = [Path(p) for p in args.paths] or settings.index_paths()
    if args.rebuild and not args.yes and not _confirm_rebuild(len(indexer.store.report_records())):
        return 2
    return _run_index(indexer, paths, args.rebuild)


def _run_index(indexer, paths: list[Path], rebuild: bool = False) -> int:
    """Index ``paths`` with a progress bar and print what happened to each file."""
    with progress_bar("Indexing") as update:
        summary = indexer.index(
            paths, rebuild=rebuild, progress=lambda step: update(step.done, step.total, step.describe())
        )
    changed = sum(summary.count(s) for s in ("added", "updated", "removed", "skipped", "left out"))
    if not changed:
        out.print(f"Index up to date: {summary.count('unchanged')} reports unchanged.")
        return 0
    shown = ("added", "updated", "unchanged", "removed", "skipped") + (
        ("left out",) if summary.count("left out") else ()
    )
    out.print(f"Files: {', '.join(f'{summary.count(s)} {s}' for s in shown)}")
    for outcome in summary.outcomes:
        if outcome.status == "skipped":
            out.print(f"  [yellow]skipped[/] {outcome.name}: {escape(outcome.reason)}")
        elif outcome.status == "left out":
            out.print(f"  left out {outcome.name}: {escape(outcome.reason)}")
    rate = summary.pages_read / summary.seconds if summary.seconds else 0
    out.print(
        f"Chunks written: {summary.chunks_written}; pages read: {summary.pages_read}; "
        f"{summary.seconds:.1f} s ({rate:.1f} pages/s)"
    )
    return 1 if summary.failed else 0


def _write_csv(rows: list[dict], fieldnames: list[str]) -> None:
    """Rows as CSV with a header on standard output (for pipes and spreadsheets)."""
    import csv

    writer = csv.DictWriter(sys.stdout, fieldnames=fieldnames, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)


# What a quote's CSV row holds, for quotes and mentions alike (plus their own last column).
CITATION_COLUMNS = ("n", "quote", "citation", "report", "date", "page", "section")
STATUS_COLUMNS = ("report", "authority", "type", "date", "judgement", "pages", "chunks", "indexed", "title")


def status_rows(records: dict[str, dict]) -> list[dict[str, str]]:
    """One row per indexed report, by council and date: what `status` shows in every format."""
    rows = []
    for rid, rec in sorted(
        records.items(), key=lambda kv: (kv[1].get("local_authority", ""), kv[1].get("report_date", ""))
    ):
        values = (
            rid,
            rec.get("local_authority", ""),
            rec.get("inspection_type", ""),
            rec.get("report_date", ""),
            rec.get("overall_judgement", ""),
            rec.get("pages", ""),
            rec.get("chunk_count", ""),
            rec.get("indexed_at", ""),
            rec.get("title", ""),
        )
        rows.append({c: str(v) for c, v in zip(STATUS_COLUMNS, values)})
    return rows


def _status(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from vectorstore.chroma_store import ReportStore

    store = ReportStore(settings)
    rows = status_rows(store.report_records())
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if args.csv:
        _write_csv(rows, list(STATUS_COLUMNS))
        return 0
    # Cells wrap rather than end in "…", and a narrow terminal (or a pipe, 80 columns) gets the
    # columns people look for first: every value it shows is whole.
    columns = (
        STATUS_COLUMNS[:-1] if out.width >= 120 else ("report", "authority", "type", "date", "judgement")
    )
    table = Table(title=f"{len(rows)} reports indexed")
    for column in columns:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(row[c] for c in columns))
    out.print(table)
    if len(columns) < len(STATUS_COLUMNS) - 1:
        out.print("(pages, chunks and when indexed: a wider terminal, or --json / --csv)")
    stamp = store.stamp()
    out.print(f"Embedding model: {stamp.get('embed_model', '(none yet)')} from {settings.embed_model_dir}")
    out.print(f"Chunking: {stamp.get('chunking_version', '(none yet)')}; chunks stored: {store.count()}")
    out.print(f"Store: {settings.describe_store()}")
    return 0


def _facts(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from reportqa.facts_table import COLUMNS, fact_rows, judgement_rows
    from retrieval.filters import Filters, resolve
    from retrieval.hybrid import HybridRetriever
    from vectorstore.chroma_store import ReportStore

    retriever = HybridRetriever(settings, ReportStore(settings), embed_model=None)
    filters = resolve(Filters.from_pairs(args.filter), retriever.snapshot().records)
    rows = judgement_rows(retriever, filters) if args.judgements else fact_rows(retriever, filters)
    if args.kind:
        rows = [r for r in rows if r["kind"] in args.kind]
    if args.json:
        out.print_json(json.dumps(rows, ensure_ascii=False))
    elif args.csv:
        _write_csv(rows, [*COLUMNS, "chunk_id"])
    else:
        table = Table(title=f"{len(rows)} facts from {len({r['report'] for r in rows})} reports")
        for column in ("authority", "type", "date", "kind", "area", "value", "page"):
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(
                *(str(row[c]) for c in ("authority", "type", "date", "kind", "area", "value", "page"))
            )
        out.print(table)
    return 0


def _assistant(args: argparse.Namespace, settings: Settings):
    from reportqa.assistant import Assistant

    if getattr(args, "llm", None):
        provider, _, model = args.llm.partition(":")
        settings = settings.model_copy(
            update={"llm_provider": provider, "llm_model": model or settings.llm_model}
        )
    return Assistant(settings)


def _print_markdown(text: str) -> None:
    """An answer's Markdown as a terminal shows it (bold titles, bullets); in a pipe or a file,
    as plain text without the ``**`` marks, so it can be pasted or grepped."""
    if out.is_terminal:
        from rich.markdown import Markdown

        out.print(Markdown(text))
    else:
        print(re.sub(r"\*\*(.+?)\*\*", r"\1", text))


def _print_sources(rows: list[tuple[str, str]]) -> None:
    """Citation lines, one per source. In a pipe or a file each stays on one line, so it can be
    pasted whole; in a terminal a long one wraps under its own text, not under its number."""
    if not out.is_terminal:
        for label, line in rows:
            print(f"  {label} {line}")
        return
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column(overflow="fold")
    for label, line in rows:
        grid.add_row(Text(f"  {label}"), Text(line))  # Text: a "[...]" in a title is not markup
    out.print(grid)


def _print_line(text: str, style: str) -> None:
    """One line of the answer's frame (its scope, a notice): wrapped to a terminal's width, but
    whole in a pipe or a file, where a line cut at 80 columns would be pasted in pieces."""
    out.print(text, markup=False, highlight=False, style=style, soft_wrap=not out.is_terminal)


def _print_answer(answer, as_json: bool) -> None:
    import json

    if as_json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    if answer.scope:
        _print_line(f"From: {answer.scope}", "cyan")
    if answer.notice:
        _print_line(answer.notice, "yellow")
    _print_markdown(answer.text)
    if answer.citations:
        out.print("\nSources:")
        _print_sources([(f"[{c.n}]", f"{c.citation_line} Section: {c.section}") for c in answer.citations])
    if answer.related:
        _print_sources(
            [
                ("possibly related:", f"“{' '.join(c.quote.split())}” {c.citation_line} Section: {c.section}")
                for c in answer.related
            ]
        )
    for problem in answer.problems:
        out.print(f"[red]check failed:[/] {problem}")


def _ask(args: argparse.Namespace, settings: Settings) -> int:
    from retrieval.filters import Filters

    filters = Filters.from_pairs(args.filter)
    assistant = _assistant(args, settings)
    mode = "llm" if args.llm else None
    if not args.interactive:
        if not args.question:
            console.print("[red]error:[/] give a question, or use --interactive")
            return 2
        _print_answer(assistant.ask(" ".join(args.question), filters=filters, mode=mode), args.json)
        return 0
    history: list[tuple[str, str]] = []
    out.print("Ask about the indexed reports (empty line to quit; 'new' starts a new conversation).")
    while True:
        try:
            question = input("\n? ").strip()
        except EOFError:
            return 0
        if not question:
            return 0
        if question.lower() == "new":
            history = []
            continue
        try:
            answer = assistant.ask(question, history=history, filters=filters, mode=mode)
        except ValueError as exc:
            out.print(f"[red]{exc}[/]")
            continue
        _print_answer(answer, args.json)
        history += [("user", question), ("assistant", answer.text)]


def _quotes(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from retrieval.filters import Filters

    result = _assistant(args, settings).quotes(
        " ".join(args.topic), args.limit, Filters.from_pairs(args.filter)
    )
    rows = [{**q.to_dict(), "critical": q.n in result.critical} for q in result.citations]
    if args.format == "json":
        data = {"topic": result.topic, "asked": result.asked, "notice": result.notice, "quotes": rows}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        _write_csv(rows, [*CITATION_COLUMNS, "critical"])
        if result.notice:
            console.print(result.notice, markup=False, highlight=False)  # stderr: the CSV stays clean
        return 0
    if result.scope:
        _print_line(f"From: {result.scope}", "cyan")
    if result.notice:
        _print_line(result.notice, "yellow")
    for q in result.citations:
        print(f"> “{q.quote}”\n>\n> — {q.citation_line} Section: {q.section}\n")
    return 0


def _mentions(args: argparse.Namespace, settings: Settings) -> int:
    import json

    from answering.citations import human_date
    from retrieval.filters import Filters

    pairs = list(args.filter or []) + (["latest=true"] if args.latest else [])
    result = _assistant(args, settings).mentions(" ".join(args.topic), Filters.from_pairs(pairs))
    rows = [{**c.to_dict(), "found_by": result.how[c.n]} for c in result.passages]
    if args.format == "json":
        data = {"topic": result.topic, "counts": result.counts, "mentions": rows}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    if args.format == "csv":
        _write_csv(rows, [*CITATION_COLUMNS, "found_by"])
        return 0
    out.print(
        f"{len(result.passages)} mentions of “{result.topic}” in {len(result.counts)} reports: "
        f"{result.in_text} using its words, {result.in_meaning} related in meaning only.",
        markup=False,
        highlight=False,
    )
    current = None
    for c in result.passages:
        if c.report != current:
            current = c.report
            count = result.counts[c.report]
            out.print(
                f"\n{c.title} — {human_date(c.date)} ({count} mention{'s' * (count != 1)})", style="bold"
            )
        meaning = " (related in meaning)" if result.how[c.n] == "meaning" else ""
        where = ", ".join(x for x in (c.page_text, c.section) if x)
        out.print(f"  {where}{meaning}: {c.quote}", markup=False, highlight=False)
    return 0


def _remove(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.pipeline import Indexer

    indexer = Indexer(settings)
    record = indexer.store.report_records().get(args.report)
    if record is None:
        console.print(f"[red]error:[/] {escape(args.report)} is not indexed (see `reportqa status`).")
        return 1
    if not args.yes:
        if not sys.stdin.isatty():
            console.print("[red]error:[/] removing needs --yes when nobody is at a terminal to confirm.")
            return 2
        answer = input(f"Remove ‘{record.get('title', args.report)}’ from the index? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            out.print("Nothing removed.")
            return 1
    removal = indexer.remove(args.report)
    assert removal is not None
    kept = (
        f"Its file is kept in {removal.kept_path} for {settings.removed_keep_days:g} days."
        if removal.kept_path
        else f"Its file stays in {removal.source_path}; indexing skips it from now on."
    )
    message = f"Removed {args.report} from the index. {kept} Undo: reportqa restore {args.report}"
    out.print(message, markup=False, highlight=False, soft_wrap=True)  # a path cut in two cannot be pasted
    return 0


def _restore(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.pipeline import Indexer

    summary = Indexer(settings).restore(args.report)
    if summary is None:
        console.print(f"[red]error:[/] {escape(args.report)} is not a removed report that can be restored.")
        return 1
    outcome = next((o for o in summary.outcomes if o.name == args.report), None)
    status = outcome.status if outcome else "indexed"
    out.print(f"Restored {args.report}: {status}.", markup=False, highlight=False, soft_wrap=True)
    return 0


def _removed(args: argparse.Namespace, settings: Settings) -> int:
    from indexing.removals import RemovalLedger

    entries = RemovalLedger(settings.data_dir).entries()
    if not entries:
        out.print("No removed reports.")
    for rid, e in sorted(entries.items(), key=lambda kv: kv[1].removed_at, reverse=True):
        where = "file kept until purge" if e.kept_path else f"file stays in {Path(e.source_path).parent}"
        who = f" by {e.by}" if e.by else ""
        out.print(f"{rid} — removed {e.when}{who}; {where}", markup=False, highlight=False, soft_wrap=True)
    return 0


def _eval(args: argparse.Namespace, settings: Settings) -> int:
    import json
    from dataclasses import asdict

    from evaluation.qa_file import load_qa
    from evaluation.runner import run_eval, write_outputs
    from retrieval.filters import Filters

    items = load_qa(Path(args.qa_file))
    filters = Filters.from_pairs(args.filter)
    filter_dict = {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(filters).items() if v}
    if args.index:
        from indexing.pipeline import Indexer

        Indexer(settings).index([Path(p) for p in args.index])
    assistant = _assistant(args, settings)
    mode = "llm" if args.mode == "llm" else "extractive"
    with progress_bar("Evaluating") as progress:
        rows = run_eval(
            assistant,
            items,
            args.k,
            mode,
            filter_dict,
            progress,
        )
    judged = None
    if args.judge:
        from evaluation.judge import add_judgements

        if not assistant.llm_available:
            console.print("[red]error:[/] --judge needs an LLM (REPORTQA_LLM_PROVIDER, REPORTQA_LLM_MODEL)")
            return 2
        judged = add_judgements(rows, assistant.llm, assistant.settings)
    out_dir = Path(args.out or "eval-out")
    config = {
        "qa_file": str(args.qa_file),
        "k": args.k,
        "mode": mode,
        "filters": filter_dict,
        "top_k": settings.top_k,
        "embed_model": str(settings.embed_model_dir.name),
    }
    summary = write_outputs(rows, out_dir, args.k, config, Path(args.baseline) if args.baseline else None)
    if judged is not None:
        summary["overall"].update(judged)
        (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    overall = summary["overall"]
    table = Table(title=f"{len(rows)} items from {args.qa_file}")
    table.add_column("metric")
    table.add_column("value")
    if "baseline" in summary:
        table.add_column("baseline")
    for key, value in overall.items():
        row = [key, str(value)] + (
            [str(summary["baseline"]["overall"].get(key))] if "baseline" in summary else []
        )
        table.add_row(*row)
    out.print(table)
    if "baseline" in summary:
        for kind in ("regressed", "improved"):
            changes = summary["baseline"][kind]
            out.print(f"{kind}: {len(changes)}")
            for c in changes:
                out.print(f"  {c['id']}: {c['before']} -> {c['now']}  ({c['question'][:70]})", markup=False)
    out.print(f"Wrote {out_dir}/summary.json, results.jsonl, report.md, chart.png")
    if args.min_hit is not None and overall[f"hit@{args.k}"] < args.min_hit:
        console.print(f"[red]hit@{args.k} {overall[f'hit@{args.k}']} is below --min-hit {args.min_hit}[/]")
        return 1
    if args.min_abstain_recall is not None and overall["abstain_recall"] < args.min_abstain_recall:
        console.print(
            f"[red]abstain recall {overall['abstain_recall']} is below {args.min_abstain_recall}[/]"
        )
        return 1
    return 0


def _serve(args: argparse.Namespace, settings: Settings) -> int:
    import importlib.util

    from reportqa.settings import PROJECT_DIR

    if args.index_first:  # in this process: one cold start, and the model is loaded once
        from indexing.pipeline import IndexBusyError, Indexer

        folders = ", ".join(str(p) for p in settings.index_paths())
        out.print(f"Checking {folders} for new or changed reports...")
        try:
            if _run_index(Indexer(settings), settings.index_paths()):
                out.print("Some files were skipped (see above); the chat answers from the others.")
        except IndexBusyError as exc:  # another indexer is at work: serve what is indexed so far
            out.print(f"Not indexing now: {escape(str(exc))}")
    spec = importlib.util.spec_from_file_location("reportqa_app", PROJECT_DIR / "app.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    module.launch(settings, host=args.host, port=args.port)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="reportqa", description="Cited answers from inspection reports.")
    sub = parser.add_subparsers(dest="command", required=True)

    p_index = sub.add_parser("index", help="index report files (default: the corpus folder)")
    p_index.add_argument("paths", nargs="*", help="files or folders (default: REPORTQA_CORPUS_DIR)")
    p_index.add_argument("--rebuild", action="store_true", help="drop the index and rebuild it from scratch")
    p_index.add_argument("--yes", action="store_true", help="with --rebuild: do not ask before removing")
    p_index.set_defaults(func=_index)

    p_status = sub.add_parser("status", help="list what is indexed")
    status_format = p_status.add_mutually_exclusive_group()
    status_format.add_argument("--json", action="store_true", help="one JSON object per report")
    status_format.add_argument("--csv", action="store_true", help="CSV with a header row")
    p_status.set_defaults(func=_status)

    filter_help = "filter KEY=VALUE: authority, type, report, from, to (dates or years), latest=true"
    p_facts = sub.add_parser("facts", help="report facts (grades, inspectors, dates, focus, improvements)")
    p_facts.add_argument("--judgements", action="store_true", help="one row per report and judgement area")
    p_facts.add_argument(
        "--kind",
        action="append",
        choices=["judgement", "lead_inspector", "inspectors", "dates", "published", "focus", "improve"],
        help="only these kinds (repeatable)",
    )
    p_facts.add_argument("--json", action="store_true", help="print JSON rows")
    p_facts.add_argument("--csv", action="store_true", help="print CSV rows")
    p_facts.add_argument("--filter", action="append", metavar="KEY=VALUE", help=filter_help)
    p_facts.set_defaults(func=_facts)

    p_ask = sub.add_parser("ask", help="answer a question with cited verbatim passages")
    p_ask.add_argument("question", nargs="*")
    p_ask.add_argument("--json", action="store_true", help="print the answer object as JSON")
    p_ask.add_argument("--filter", action="append", metavar="KEY=VALUE", help=filter_help)
    p_ask.add_argument(
        "--llm", metavar="PROVIDER:MODEL", help="generate with an LLM (openai:NAME or ollama:NAME)"
    )
    p_ask.add_argument("--interactive", "-i", action="store_true", help="a conversation in the terminal")
    p_ask.set_defaults(func=_ask)

    p_quotes = sub.add_parser("quotes", help="verbatim quotes on a topic with ready-to-paste citations")
    p_quotes.add_argument("topic", nargs="+")
    p_quotes.add_argument("--limit", type=int, default=10)
    p_quotes.add_argument("--format", choices=["md", "csv", "json"], default="md")
    p_quotes.add_argument("--filter", action="append", metavar="KEY=VALUE", help=filter_help)
    p_quotes.set_defaults(func=_quotes, llm=None)

    p_mentions = sub.add_parser("mentions", help="every passage on a topic, grouped by report, by date")
    p_mentions.add_argument("topic", nargs="+")
    p_mentions.add_argument("--latest", action="store_true", help="only the latest report per authority")
    p_mentions.add_argument("--format", choices=["text", "json", "csv"], default="text")
    p_mentions.add_argument("--json", dest="format", action="store_const", const="json", help="--format json")
    p_mentions.add_argument("--filter", action="append", metavar="KEY=VALUE", help=filter_help)
    p_mentions.set_defaults(func=_mentions, llm=None)

    p_remove = sub.add_parser(
        "remove", help="remove a report from the index (its file is kept; undo with restore)"
    )
    p_remove.add_argument("report", help="the report's file name, as `reportqa status` lists it")
    p_remove.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    p_remove.set_defaults(func=_remove, llm=None)

    p_restore = sub.add_parser("restore", help="put a removed report back in the index")
    p_restore.add_argument("report")
    p_restore.set_defaults(func=_restore, llm=None)

    p_removed = sub.add_parser("removed", help="list removed reports that can be restored")
    p_removed.set_defaults(func=_removed, llm=None)

    p_eval = sub.add_parser("eval", help="score the system on a question-answer test set")
    p_eval.add_argument("qa_file", help="a .jsonl or .csv QA file")
    p_eval.add_argument("--k", type=int, default=3, help="rank cut-off for hit@k (default 3)")
    p_eval.add_argument("--mode", choices=["extractive", "llm"], default="extractive")
    p_eval.add_argument("--filter", action="append", metavar="KEY=VALUE", help=filter_help)
    p_eval.add_argument("--out", help="output folder (default ./eval-out)")
    p_eval.add_argument("--baseline", help="an earlier --out folder to compare against")
    p_eval.add_argument("--min-hit", type=float, help="exit 1 when hit@k is below this")
    p_eval.add_argument(
        "--min-abstain-recall", type=float, help="exit 1 when abstention recall is below this"
    )
    p_eval.add_argument("--index", nargs="*", help="index these files/folders first (e.g. the set's reports)")
    p_eval.add_argument(
        "--judge", action="store_true", help="LLM-judged faithfulness (needs a configured LLM)"
    )
    p_eval.set_defaults(func=_eval, llm=None)

    p_serve = sub.add_parser("serve", help="start the browser chat (default http://127.0.0.1:7860)")
    p_serve.add_argument("--host", default=None, help="bind address (default REPORTQA_HOST, 127.0.0.1)")
    p_serve.add_argument("--port", type=int, default=None, help="port (default REPORTQA_PORT, 7860)")
    p_serve.add_argument(
        "--index-first",
        action="store_true",
        help="index new or changed files of the corpus folders before serving (what start.sh does)",
    )
    p_serve.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    from chromadb.errors import ChromaError

    from indexing.pipeline import IndexBusyError, RebuildRefusedError
    from vectorstore.chroma_store import IndexMismatchError, StoreUnavailableError, store_failure
    from vectorstore.embeddings import EmbeddingModelError

    args = build_parser().parse_args(argv)
    settings = None
    try:
        settings = Settings()
        return int(args.func(args, settings) or 0)
    except ChromaError as exc:  # a store failure not caught nearer: a full disk said plainly
        message = str(store_failure(settings, exc)) if settings else str(exc)
        console.print(f"[red]error:[/] {escape(message)}")
        return 2
    except (
        IndexBusyError,
        RebuildRefusedError,
        IndexMismatchError,
        StoreUnavailableError,
        EmbeddingModelError,
        ValueError,
        OSError,  # missing files, a read-only data folder, a full disk: say so, no traceback
    ) as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}")
        return 2
    except KeyboardInterrupt:
        console.print("interrupted")
        return 130


if __name__ == "__main__":
    sys.exit(main())
