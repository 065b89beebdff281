"""Index throughput and query latency, printed as a table and written as JSON.

    python -m benchmarks                 # shipped corpus/ only
    python -m benchmarks --ofsted 30     # plus 30 reports from ../shared/ofsted
    python -m benchmarks --ofsted all    # plus all 315 (about 5 000 pages)

Each corpus is indexed cold into a fresh temporary store, re-indexed with nothing
changed (the no-op time), then queried with a fixed question list after one warm-up.
"""

from __future__ import annotations

import argparse
import json
import platform
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import psutil

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import PROJECT_DIR, Settings
from vectorstore.embeddings import load_embedding_model

QUESTIONS = [
    "What did inspectors say about CAMHS waits?",
    "How effective is management oversight and supervision?",
    "What support do care leavers get from personal advisers?",
    "How are 16 and 17 year olds who present as homeless helped?",
    "What needs to improve?",
    "How well are children at risk of exploitation protected?",
    "Are return home interviews timely?",
    "What is the quality of pathway plans?",
    "How stable is the social work workforce?",
    "How do leaders use quality assurance?",
    "What did inspectors say about private fostering?",
    "How are disabled children supported?",
    "What about unaccompanied asylum-seeking children?",
    "How timely are assessments?",
    "What is the capital of France?",
]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def corpus_dirs(ofsted: str, root: Path) -> list[tuple[str, Path]]:
    dirs = [("corpus (2 reports)", PROJECT_DIR / "corpus")]
    shared = PROJECT_DIR.parent / "shared" / "ofsted"
    if ofsted and shared.is_dir():
        files = sorted(shared.glob("*.pdf"))
        if ofsted != "all":
            step = max(1, len(files) // int(ofsted))
            files = files[::step][: int(ofsted)]
        target = root / f"ofsted-{len(files)}"
        target.mkdir()
        for path in files:
            (target / path.name).symlink_to(path)
        dirs.append((f"ofsted ({len(files)} reports)", target))
    return dirs


def bench_corpus(label: str, corpus: Path, root: Path, embed_model) -> dict:
    settings = Settings(data_dir=root / f"data-{corpus.name}", corpus_dir=corpus)
    indexer = Indexer(settings, embed_model=embed_model)
    cold = indexer.index()
    noop = indexer.index()
    assistant = Assistant(settings, embed_model=embed_model)
    assistant.ask(QUESTIONS[0])  # warm-up: builds the BM25 snapshot
    retrieval, full = [], []
    for question in QUESTIONS:
        t0 = time.perf_counter()
        assistant.retriever.retrieve(question)
        retrieval.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assistant.ask(question)
        full.append(time.perf_counter() - t0)
    return {
        "corpus": label,
        "files": cold.count("added"),
        "skipped": cold.count("skipped"),
        "pages": cold.pages_read,
        "chunks": cold.chunks_written,
        "cold_index_s": round(cold.seconds, 2),
        "pages_per_s": round(cold.pages_read / cold.seconds, 2),
        "chunks_per_s": round(cold.chunks_written / cold.seconds, 2),
        "noop_reindex_s": round(noop.seconds, 3),
        "retrieval_p50_ms": round(1000 * statistics.median(retrieval), 1),
        "retrieval_p95_ms": round(1000 * percentile(retrieval, 0.95), 1),
        "answer_p50_ms": round(1000 * statistics.median(full), 1),
        "answer_p95_ms": round(1000 * percentile(full, 0.95), 1),
        "rss_mb": round(psutil.Process().memory_info().rss / 1e6),
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--ofsted", default="", help="how many ../shared/ofsted reports to add: a number or 'all'"
    )
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "benchmarks" / "results")
    args = parser.parse_args()
    embed_model = load_embedding_model(Settings())
    root = Path(tempfile.mkdtemp(prefix="reportqa-bench-"))
    rows = []
    try:
        for label, corpus in corpus_dirs(args.ofsted, root):
            rows.append(bench_corpus(label, corpus, root, embed_model))
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    machine = (
        f"{platform.machine()}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB"
    )
    report = {"machine": machine, "python": platform.python_version(), "results": rows}
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "index_query.json").write_text(json.dumps(report, indent=2))
    keys = list(rows[0])
    print("\n" + " | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
    print(f"machine: {machine}")


if __name__ == "__main__":
    main()
