"""A bounded load test of the running chat: N concurrent sessions for T seconds, on loopback.

    python -m benchmarks.load --url http://127.0.0.1:7860/ --sessions 20 --seconds 60 [--upload FILE]

Each session is its own gradio_client (its own history) asking questions in a loop; with
--upload, one extra client indexes a file while the others ask. Prints errors, answers,
answers without a real citation, and latency percentiles; exits non-zero on any error.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time

from gradio_client import Client, handle_file

from benchmarks.__main__ import QUESTIONS, percentile

MODE = "Extractive (verbatim quotes)"


def session(url: str, stop_at: float, latencies: list, problems: list, counts: dict, index: int) -> None:
    client = Client(url, verbose=False)
    chat: list = []
    n = index
    while time.time() < stop_at:
        question = QUESTIONS[n % len(QUESTIONS)]
        n += 1
        started = time.perf_counter()
        try:
            chat, sources, _ = client.predict(
                message=question,
                chat=chat[-6:],
                authorities=[],
                types=[],
                reports=[],
                date_from="",
                date_to="",
                latest=False,
                mode=MODE,
                api_name="/ask_stream",
            )
        except Exception as exc:
            problems.append(f"{type(exc).__name__}: {exc}")
            continue
        latencies.append(time.perf_counter() - started)
        counts["answers"] += 1
        if "src-card" not in sources:
            counts["no_sources"] += 1


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:7860/")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--upload", help="a report file to upload and index during the run")
    args = parser.parse_args()
    if not args.url.startswith(("http://127.", "http://localhost", "http://[::1]")):
        sys.exit("load tests only target loopback addresses")
    latencies: list[float] = []
    problems: list[str] = []
    counts = {"answers": 0, "no_sources": 0}
    stop_at = time.time() + args.seconds
    threads = [
        threading.Thread(target=session, args=(args.url, stop_at, latencies, problems, counts, i))
        for i in range(args.sessions)
    ]
    for thread in threads:
        thread.start()
    upload_result = ""
    if args.upload:
        upload_result = Client(args.url, verbose=False).predict(
            files=[handle_file(args.upload)], api_name="/upload"
        )[0]
    for thread in threads:
        thread.join()
    print(
        f"sessions={args.sessions} seconds={args.seconds:g} answers={counts['answers']} "
        f"errors={len(problems)} answers_without_sources={counts['no_sources']}"
    )
    if latencies:
        print(
            f"latency p50={statistics.median(latencies):.2f}s p95={percentile(latencies, 0.95):.2f}s "
            f"max={max(latencies):.2f}s"
        )
    if upload_result:
        print(f"upload during load: {upload_result!r}")
    for problem in problems[:10]:
        print("  error:", problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
