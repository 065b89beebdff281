"""Cost against corpus size past the real corpus: synthetic stores of 100,000 passages and more.

    python -m benchmarks --scale [--scale-sizes 100000,300000] [--source DATA_DIR]

The stores are made from the real reports' passages, read from an index of all 315 reports
(``--source``; built from ../shared/ofsted into the output folder when not given) and copied
as often as the size needs. Copy 0 is the real corpus; copy *c* of a report is a made-up
council ("Croydon 17"): the council's name is replaced in its texts, each passage's
sentences are put in a different order (so no two passages are the same text, while their
words stay report words), and its vector is the real MiniLM vector of the passage plus
Gaussian noise (sigma 0.02 per dimension), normalised again: realistic unit vectors near
real ones (cosine about 0.93 to the original), not re-embedded (a million embeddings would
take two hours on 2 cores). They are written straight into an embedded Chroma store with the
index stamp of the real one, so reportqa serves them as it would any index.

For each size: write time and disk use; cold start to first answer and peak RSS of a fresh
serving process; retrieval and extractive answer p50/p95 in a warm one; and the time from
the end of an index run that adds one new report to that report being answerable in a
running process (what a user of the chat waits for after an upload).
"""

from __future__ import annotations

import contextlib
import json
import random
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from benchmarks.__main__ import PEAK_RSS_MB, QUESTIONS, ms, serve_probe, settings_env
from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import PROJECT_DIR, Settings
from vectorstore.chroma_store import ReportStore

NOISE = 0.02
WRITE_BATCH = 2000
# A lower-case word no report uses, in a short report of its own: this measures how soon a new
# report is seen, not how well one sentence inside a long passage ranks.
NEW_REPORT_SENTENCE = "Every care leaver is offered a paid apprenticeship through the zephyrine programme."


def source_index(out: Path, given: Path | None) -> Path:
    """A data folder holding all 315 real reports (indexed here once when none is given)."""
    if given:
        return given
    data = out / "source-315"
    if not (data / "chroma").exists():
        reports = PROJECT_DIR.parent / "shared" / "ofsted"
        Indexer(Settings(data_dir=data, corpus_dir=reports)).index([reports])
    return data


def _shuffled(text: str, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text)
    if len(sentences) > 1:
        rng.shuffle(sentences)
    return " ".join(sentences)


def build_store(size: int, source: Path, target: Path) -> dict:
    """Write ``size`` passages into a new embedded store at ``target``; returns timings."""
    started = time.perf_counter()
    real = ReportStore(Settings(data_dir=source))
    got = real.get_chunks(include=["documents", "metadatas", "embeddings"])
    records = real.report_records()
    stamp = real.stamp()
    vectors = np.asarray(got["embeddings"], dtype=np.float32)
    metas = [{k: v for k, v in (m or {}).items() if not k.startswith("_")} for m in got["metadatas"]]
    store = ReportStore(Settings(data_dir=target))
    rng, noise = random.Random(15), np.random.default_rng(15)
    written, copy = 0, 0
    while written < size:
        take = min(len(got["ids"]), size - written)
        batch: dict[str, list] = {"ids": [], "documents": [], "metadatas": [], "embeddings": []}
        for row in range(take):  # copy 0 is the real corpus itself; later copies are made-up councils
            meta, text, vector = dict(metas[row]), got["documents"][row] or "", vectors[row]
            if copy:
                council = str(meta.get("local_authority", ""))
                meta["report_id"] = f"copy{copy:03d}-{meta.get('report_id', '')}"
                text = _shuffled(text, rng)
                if council:
                    text = text.replace(council, f"{council} {copy}")
                    meta["local_authority"] = f"{council} {copy}"
                vector = vector + noise.normal(0, NOISE, vector.shape[0]).astype(np.float32)
            batch["ids"].append(got["ids"][row] if not copy else f"{meta['report_id']}:{row:06d}")
            batch["documents"].append(text)
            batch["metadatas"].append(meta)
            batch["embeddings"].append(vector / np.linalg.norm(vector))
            if len(batch["ids"]) >= WRITE_BATCH or row == take - 1:
                store.chunks.add(**batch)
                batch = {key: [] for key in batch}
        # A record for every report with chunks in this copy, counting only the chunks written
        # (the last copy may be partial): records that promise more chunks than the store holds
        # make the indexer check every chunk for lost reports (`Indexer._records_with_chunks`).
        written_per_report: dict[str, int] = {}
        for meta in metas[:take]:
            rid = str(meta.get("report_id", ""))
            written_per_report[rid] = written_per_report.get(rid, 0) + 1
        for rid, record in records.items():
            if rid not in written_per_report:
                continue
            council = str(record.get("local_authority", ""))
            copied = {**record, "chunk_count": written_per_report[rid]}
            if copy:
                copied.update(report_id=f"copy{copy:03d}-{rid}", source_path="")
                if council:
                    copied["local_authority"] = f"{council} {copy}"
            store.put_report_record(copied["report_id"], copied)
        written += take
        copy += 1
    store.chunks.modify(metadata={**stamp, "run_in_progress": False, "generation": time.time_ns()})
    elapsed = time.perf_counter() - started
    return {"passages": store.count(), "reports": len(store.report_records()), "write_s": elapsed}


def disk_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20


def new_report_wait(assistant: Assistant, settings: Settings, folder: Path) -> dict:
    """Index one new, short report while the assistant is loaded; seconds from the end of that
    run to an answer that quotes its sentence (what a chat user waits for after an upload)."""
    folder.mkdir(parents=True, exist_ok=True)
    report = folder / "zephyrine-programme-note.md"
    report.write_text(
        "# The zephyrine programme\n\n"
        f"{NEW_REPORT_SENTENCE} Apprentices are paid from their first week and keep their personal adviser.\n"
    )
    started = time.perf_counter()
    Indexer(settings, embed_model=assistant.embed_model).index([report])
    indexed = time.perf_counter()
    question = "What is the zephyrine programme for care leavers?"
    while time.perf_counter() - indexed < 600:
        answer = assistant.ask(question)
        if any(NEW_REPORT_SENTENCE[:40] in c.quote for c in answer.citations):
            break
        time.sleep(0.2)
    else:
        raise RuntimeError("the new report was not answerable within 600 s")
    return {"index_one_report_s": indexed - started, "new_report_answerable_s": time.perf_counter() - indexed}


# The indexer's step for an index state no snapshot file exists for (the first run after a
# code upgrade, or a store written by other means, as here): every passage read from the
# store and the file written (`retrieval.snapshot.prepare_snapshot_file`), in a fresh process.
FIRST_FILE = (
    PEAK_RSS_MB
    + """
import json, time
t0 = time.perf_counter()
from reportqa.settings import Settings
from retrieval.index_state import IndexState
from retrieval.snapshot import prepare_snapshot_file
from vectorstore.chroma_store import ReportStore
settings = Settings()
store = ReportStore(settings)
saved = prepare_snapshot_file(settings, store, IndexState(settings, store).read())
result = {"first_file_s": time.perf_counter() - t0, "first_file_peak_rss_mb": peak_rss_mb(), "saved": saved}
print(json.dumps(result))
"""
)


def first_file(settings: Settings) -> dict:
    """Time and peak RSS of writing the first snapshot file of a store (`FIRST_FILE`)."""
    shutil.rmtree(settings.data_dir / "snapshot", ignore_errors=True)
    out = subprocess.run(
        [sys.executable, "-c", FIRST_FILE],
        env=settings_env(settings),
        capture_output=True,
        text=True,
        check=True,
        timeout=7200,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if not result.pop("saved"):
        raise RuntimeError("the snapshot file could not be saved")
    return result


def serving(settings: Settings, prefix: str = "") -> dict:
    """A fresh serving process on an index whose snapshot file exists, as every serving process
    after an index run finds it: cold start to first answer, peak RSS, latency p50 / p95."""
    probe = serve_probe(settings)
    return {
        f"{prefix}cold_start_s": probe["cold_start_s"],
        f"{prefix}peak_rss_mb": probe["peak_rss_mb"],
        f"{prefix}retrieval_p50_ms": ms(probe["retrieval_s"], 0.5),
        f"{prefix}retrieval_p95_ms": ms(probe["retrieval_s"], 0.95),
        f"{prefix}answer_p50_ms": ms(probe["answer_s"], 0.5),
        f"{prefix}answer_p95_ms": ms(probe["answer_s"], 0.95),
    }


def server_mode(target: Path) -> dict:
    """The same store behind a real `chroma run` server: a serving process that finds the
    snapshot file the embedded run left (its key names the collection by id, however it is
    reached) and asks Chroma over HTTP for dense search past ``exact_search_max``."""
    port = _free_port()
    chroma = Path(sys.executable).parent / "chroma"
    server = subprocess.Popen(
        [str(chroma), "run", "--path", str(target / "chroma"), "--port", str(port), "--host", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for(port)
        settings = Settings(data_dir=target, chroma_host="127.0.0.1", chroma_port=port)
        _warm(settings)
        return serving(settings, "server_")
    finally:
        server.terminate()
        server.wait(timeout=60)


def _warm(settings: Settings) -> None:
    """One dense query, so the server has loaded its HNSW index before a replica is timed: a
    Chroma server runs for as long as the deployment, and replicas come and go."""
    chunks = ReportStore(settings).chunks
    vector = chunks.get(limit=1, include=["embeddings"])["embeddings"][0]
    chunks.query(query_embeddings=[list(vector)], n_results=1)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_for(port: int, timeout_s: float = 300) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.5)
    raise RuntimeError(f"chroma run did not listen on port {port}")


def run(
    sizes: list[int], out: Path, source: Path | None, reuse: bool = False, server: bool = True
) -> list[dict]:
    """Build (or, with ``reuse``, keep), measure and remove each store in turn (they are large);
    one row per size."""
    rows = []
    for size in sizes:
        target = out / f"scale-{size}"
        if reuse and (target / "chroma").is_dir():
            store = ReportStore(Settings(data_dir=target))
            row: dict = {"size": size, "passages": store.count(), "reports": len(store.report_records())}
            del store
        else:
            shutil.rmtree(target, ignore_errors=True)
            row = {"size": size, **build_store(size, source_index(out, source), target)}
        row["disk_mb"] = round(disk_mb(target / "chroma"))
        from chromadb.api.shared_system_client import SharedSystemClient

        SharedSystemClient.clear_system_cache()  # the store closed, as after `reportqa index`
        settings = Settings(data_dir=target)
        row.update(first_file(settings))
        row["snapshot_mb"] = round(disk_mb(target / "snapshot"))
        print(json.dumps(row), flush=True)
        row.update(serving(settings))
        print(json.dumps(row), flush=True)
        assistant = Assistant(settings)
        assistant.ask(QUESTIONS[0])
        row.update(new_report_wait(assistant, settings, out / "new-report"))
        del assistant
        SharedSystemClient.clear_system_cache()
        print(json.dumps(row), flush=True)
        if server:
            row.update(server_mode(target))
        rows.append({k: round(v, 2) if isinstance(v, float) else v for k, v in row.items()})
        print(json.dumps(rows[-1]), flush=True)
        if not reuse:
            subprocess.run(["sync"], check=False)
            shutil.rmtree(target, ignore_errors=True)
    return rows


def plot(rows: list[dict], path: Path) -> None:
    """Cost against size on log axes: one panel for time, one for memory and disk."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4))
    _panel(
        left,
        rows,
        "Time vs size",
        (
            ("first_file_s", "first snapshot file, read from the store (s)"),
            ("cold_start_s", "serving process: cold start to first answer (s)"),
            ("new_report_answerable_s", "new report answerable after indexing (s)"),
            ("answer_p95_ms", "answer p95 (ms)"),
            ("retrieval_p95_ms", "retrieval p95 (ms)"),
        ),
    )
    _panel(
        right,
        rows,
        "Memory and disk vs size",
        (
            ("peak_rss_mb", "serving process peak RSS (MB)"),
            ("server_peak_rss_mb", "serving process peak RSS, Chroma server (MB)"),
            ("first_file_peak_rss_mb", "peak RSS writing the first snapshot file (MB)"),
            ("disk_mb", "store on disk (MB)"),
        ),
    )
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _panel(axis, rows: list[dict], title: str, series: tuple[tuple[str, str], ...]) -> None:
    """One log-log panel: each measure against size, over the rows that have it."""
    for key, label in series:
        measured = [r for r in rows if key in r]
        axis.plot([r["size"] for r in measured], [r[key] for r in measured], "o-", label=label)
    axis.set(xscale="log", yscale="log", xlabel="passages", title=title)
    axis.legend(fontsize=8)
