"""The benchmark suite: indexing and answering cost as the corpus grows, against stock llama-index.

    python -m benchmarks                       # corpus/ and 30 reports from ../shared/ofsted
    python -m benchmarks --sizes corpus,30,all # ... and all 315 (about 2 800 pages)
    python -m benchmarks --no-stock            # skip the stock llama-index reference
    python -m benchmarks --scale               # synthetic stores of 100,000+ passages (benchmarks/scale.py)

For each corpus: cold index (pages/s, chunks/s), no-op re-index, one-file-changed re-index,
retrieval and full extractive answer latency p50/p95 over a fixed question list after one
warm-up, cold start to first answer and peak RSS of a fresh serving process; the stock
reference (VectorStoreIndex + SentenceSplitter + same model + Chroma) in the same run, and
each of our figures as a ratio to it. Writes results/benchmarks.json and results/scaling.png.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
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
    # scoped and report-fact questions (issue 11): a named council and year, grades, lists
    "What did the 2024 Croydon inspection say about care leavers?",
    "How was help and protection judged in Croydon in 2024?",
    "Which councils were judged inadequate in 2019?",
    "What did the 2025 focused visit to Wiltshire find about neglect?",
]

# Peak RSS of the process itself. Not getrusage's ru_maxrss: Linux carries the parent's peak
# through fork and exec into it, so a probe started by a large benchmark process reported
# that process's peak. VmHWM belongs to the process's own address space.
PEAK_RSS_MB = """
def peak_rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
"""

# A fresh serving process: time to its first answer, then each question's retrieval and
# extractive answer, and its peak RSS over all of them.
SERVE_PROBE = (
    PEAK_RSS_MB
    + """
import json, sys, time
t0 = time.perf_counter()
from reportqa.assistant import Assistant
assistant = Assistant()
assistant.ask(sys.argv[1])
first = time.perf_counter() - t0
retrieval, answer = [], []
for q in json.loads(sys.argv[2]):
    t = time.perf_counter()
    assistant.retriever.retrieve(q)
    retrieval.append(time.perf_counter() - t)
    t = time.perf_counter()
    assistant.ask(q)
    answer.append(time.perf_counter() - t)
result = {"cold_start_s": first, "peak_rss_mb": peak_rss_mb(), "retrieval_s": retrieval, "answer_s": answer}
print(json.dumps(result))
"""
)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def corpus_dir(size: str, root: Path) -> tuple[str, Path]:
    if size == "corpus":
        target = root / "corpus-shipped"
        shutil.copytree(PROJECT_DIR / "corpus", target)
        return "corpus (2 reports)", target
    files = sorted((PROJECT_DIR.parent / "shared" / "ofsted").glob("*.pdf"))
    if size != "all":
        step = max(1, len(files) // int(size))
        files = files[::step][: int(size)]
    target = root / f"ofsted-{len(files)}"
    target.mkdir()
    for path in files:
        shutil.copy(path, target / path.name)
    return f"ofsted ({len(files)} reports)", target


def change_one_file(corpus: Path) -> None:
    """Give one report new bytes (a PDF may carry data after %%EOF; a text gets a line)."""
    victim = sorted(p for p in corpus.iterdir() if p.suffix in (".pdf", ".txt"))[0]
    data = victim.read_bytes()
    victim.unlink()
    victim.write_bytes(data + (b"\n% changed\n" if victim.suffix == ".pdf" else b"\nA changed line.\n"))


def latencies(assistant: Assistant) -> tuple[list[float], list[float]]:
    assistant.ask(QUESTIONS[0])  # warm-up
    retrieval, full = [], []
    for question in QUESTIONS:
        t0 = time.perf_counter()
        assistant.retriever.retrieve(question)
        retrieval.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        assistant.ask(question)
        full.append(time.perf_counter() - t0)
    return retrieval, full


def settings_env(settings: Settings) -> dict[str, str]:
    """The environment that gives a child process ``settings``' data folder and Chroma server."""
    env = {**os.environ, "REPORTQA_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1"}
    if settings.uses_chroma_server:
        env.update(REPORTQA_CHROMA_HOST=settings.chroma_host, REPORTQA_CHROMA_PORT=str(settings.chroma_port))
    return env


def serve_probe(settings: Settings) -> dict:
    """Cold start, peak RSS and per-question latency of a fresh serving process (`SERVE_PROBE`)."""
    env = settings_env(settings)
    out = subprocess.run(
        [sys.executable, "-c", SERVE_PROBE, QUESTIONS[1], json.dumps(QUESTIONS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=3600,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def ms(values: list[float], q: float) -> float:
    return round(1000 * (statistics.median(values) if q == 0.5 else percentile(values, q)), 1)


def bench(label: str, corpus: Path, root: Path, embed_model, stock: bool) -> dict:
    settings = Settings(data_dir=root / f"data-{corpus.name}", corpus_dir=corpus)
    indexer = Indexer(settings, embed_model=embed_model)
    cold = indexer.index()
    noop = indexer.index()
    change_one_file(corpus)
    changed = indexer.index()
    retrieval, full = latencies(Assistant(settings, embed_model=embed_model))
    # Serving starts after indexing has finished and closed the store (as scripts/start.sh
    # does); a store still open for writing in this process would be replayed by the probe.
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    probe = serve_probe(settings)
    row = {
        "corpus": label,
        "files": cold.count("added"),
        "pages": cold.pages_read,
        "chunks": cold.chunks_written,
        "cold_index_s": round(cold.seconds, 2),
        "pages_per_s": round(cold.pages_read / cold.seconds, 2),
        "chunks_per_s": round(cold.chunks_written / cold.seconds, 2),
        "noop_reindex_s": round(noop.seconds, 3),
        "one_changed_reindex_s": round(changed.seconds, 2),
        "retrieval_p50_ms": ms(retrieval, 0.5),
        "retrieval_p95_ms": ms(retrieval, 0.95),
        "answer_p50_ms": ms(full, 0.5),
        "answer_p95_ms": ms(full, 0.95),
        "cold_start_s": round(probe["cold_start_s"], 2),
        "peak_rss_serving_mb": round(probe["peak_rss_mb"]),
    }
    if stock:
        from benchmarks.stock import build_stock_index, stock_embed_model, time_retrieval

        index, stock_row = build_stock_index(
            corpus, root / f"stock-{corpus.name}", stock_embed_model(settings.embed_model_dir)
        )
        stock_lat = time_retrieval(index, QUESTIONS)
        row["stock"] = {
            **stock_row,
            "pages_per_s": round(stock_row["pages"] / stock_row["cold_index_s"], 2),
            "retrieval_p50_ms": ms(stock_lat, 0.5),
            "retrieval_p95_ms": ms(stock_lat, 0.95),
        }
        row["ratio_vs_stock"] = {
            "index_pages_per_s": round(row["pages_per_s"] / row["stock"]["pages_per_s"], 2),
            "retrieval_p95": round(row["retrieval_p95_ms"] / max(row["stock"]["retrieval_p95_ms"], 0.1), 2),
            "answer_p95_vs_stock_retrieval_p95": round(
                row["answer_p95_ms"] / max(row["stock"]["retrieval_p95_ms"], 0.1), 2
            ),
            "chunks": round(row["chunks"] / max(row["stock"]["chunks"], 1), 2),
        }
    return row


def plot(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    pages = [r["pages"] for r in rows]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    left.plot(pages, [r["cold_index_s"] for r in rows], "o-", label="reportqa")
    if all("stock" in r for r in rows):
        left.plot(pages, [r["stock"]["cold_index_s"] for r in rows], "s--", label="stock llama-index")
    left.set(xlabel="pages", ylabel="cold index (s)", title="Index time vs corpus size")
    left.legend()
    right.plot(pages, [r["answer_p95_ms"] for r in rows], "o-", label="answer p95")
    right.plot(pages, [r["retrieval_p95_ms"] for r in rows], "o-", label="retrieval p95")
    right.set(xlabel="pages", ylabel="ms", title="Latency vs corpus size")
    right.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--sizes", default="corpus,30", help="comma list of: corpus, a number of reports, all"
    )
    parser.add_argument("--no-stock", action="store_true", help="skip the stock llama-index reference")
    parser.add_argument("--out", type=Path, default=PROJECT_DIR / "benchmarks" / "results")
    parser.add_argument(
        "--probe",
        type=Path,
        metavar="DATA_DIR",
        help="only measure cold start and peak RSS of a fresh serving process on an existing index",
    )
    parser.add_argument(
        "--latency",
        type=Path,
        metavar="DATA_DIR",
        help="only measure retrieval and extractive answer latency on an existing index",
    )
    parser.add_argument("--scale", action="store_true", help="synthetic stores past the real corpus")
    parser.add_argument("--scale-sizes", default="100000,1000000", help="passages per synthetic store")
    parser.add_argument("--source", type=Path, metavar="DATA_DIR", help="--scale: index of the 315 reports")
    parser.add_argument(
        "--reuse", action="store_true", help="--scale: measure stores already built under --out, keep them"
    )
    parser.add_argument(
        "--no-server", action="store_true", help="--scale: skip the Chroma server measurements"
    )
    args = parser.parse_args()
    if args.scale:
        from benchmarks import scale

        sizes = [int(s) for s in args.scale_sizes.split(",")]
        rows = scale.run(sizes, args.out, args.source, reuse=args.reuse, server=not args.no_server)
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "scale.json").write_text(json.dumps(rows, indent=2))
        scale.plot(rows, args.out / "scale.png")  # docs/benchmark-scale.png is a copy of a full run's
        return
    if args.latency:
        retrieval, full = latencies(Assistant(Settings(data_dir=args.latency)))
        print(
            json.dumps(
                {
                    "questions": len(QUESTIONS),
                    "retrieval_p50_ms": round(1000 * percentile(retrieval, 0.5), 1),
                    "retrieval_p95_ms": round(1000 * percentile(retrieval, 0.95), 1),
                    "answer_p50_ms": round(1000 * percentile(full, 0.5), 1),
                    "answer_p95_ms": round(1000 * percentile(full, 0.95), 1),
                }
            )
        )
        return
    if args.probe:
        print(json.dumps(serve_probe(Settings(data_dir=args.probe))))
        return
    embed_model = load_embedding_model(Settings())
    root = Path(tempfile.mkdtemp(prefix="reportqa-bench-"))
    rows = []
    try:
        for size in args.sizes.split(","):
            if size != "corpus" and not (PROJECT_DIR.parent / "shared" / "ofsted").is_dir():
                print(f"skipping {size}: ../shared/ofsted is not present")
                continue
            label, corpus = corpus_dir(size.strip(), root)
            rows.append(bench(label, corpus, root, embed_model, stock=not args.no_stock))
            print(json.dumps(rows[-1]), flush=True)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    machine = (
        f"{platform.machine()}, {psutil.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "benchmarks.json").write_text(json.dumps({"machine": machine, "results": rows}, indent=2))
    plot(rows, args.out / "scaling.png")
    keys = [k for k in rows[0] if not isinstance(rows[0][k], dict)]
    print("\n" + " | ".join(keys))
    for row in rows:
        print(" | ".join(str(row[k]) for k in keys))
        if "ratio_vs_stock" in row:
            print("   stock:", json.dumps(row["stock"]), " ratios:", json.dumps(row["ratio_vs_stock"]))
    print(f"machine: {machine}")


if __name__ == "__main__":
    main()
