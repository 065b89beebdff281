"""Run a QA set through the `Assistant` and write summary.json, results.jsonl, report.md, chart.png."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

from evaluation.metrics import abstention_curve, aggregate, by_tag, compare, hit_rank, normalise
from evaluation.qa_file import QAItem
from reportqa.assistant import Assistant


def _verbatim(quote: str, chunk_text: str | None) -> bool:
    return bool(chunk_text) and (quote in chunk_text or normalise(quote) in normalise(chunk_text))


def run_item(assistant: Assistant, item: QAItem, k: int, mode: str | None, filters: dict) -> dict:
    merged = {**filters, **item.filters}
    history: list[tuple[str, str]] = []
    for earlier in item.history:  # a follow-up is asked after its conversation's earlier turns
        reply = assistant.ask(earlier, history=history, filters=merged, mode=mode)
        history += [("user", earlier), ("assistant", reply.text)]
    started = time.perf_counter()
    answer = assistant.ask(item.question, history=history, filters=merged, mode=mode)
    latency = time.perf_counter() - started
    citations = [c.to_dict() for c in answer.citations]
    ids = [c["chunk_id"] for c in citations if c.get("chunk_id")]
    stored = {}
    if ids:
        got = assistant.store.chunks.get(ids=list(dict.fromkeys(ids)), include=["documents", "metadatas"])
        # A fact may quote the section heading stored with the passage ("Lead inspector: …").
        stored = {
            cid: f"{(meta or {}).get('section', '')}\n\n{doc}"
            for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])
        }
    verbatim = sum(_verbatim(c["quote"], stored.get(c.get("chunk_id", ""))) for c in citations)
    return {
        "id": item.id,
        "question": item.question,
        "tags": item.tags,
        "expect_abstain": item.expect_abstain,
        "expect_report": item.expect_report,
        "answer": answer.text,
        "confidence": answer.confidence,
        "nothing_found": answer.nothing_found,
        "scope": answer.scope,
        "abstained": answer.abstained,
        "notice": answer.notice,
        "citations": [
            {
                key: c[key]
                for key in ("n", "quote", "report", "title", "date", "page", "section", "score", "passage")
            }
            for c in citations
        ],
        "hit_rank": None if item.expect_abstain else hit_rank(citations, item.expect_any, item.expect_report),
        "quotes": len(citations),
        "quotes_verbatim": verbatim,
        "evidence_chars": sum(len(c["quote"]) for c in citations),
        "latency_s": round(latency, 4),
    }


def run_eval(
    assistant: Assistant,
    items: list[QAItem],
    k: int = 3,
    mode: str | None = None,
    filters: dict | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[dict]:
    assistant.ask("warm-up", mode="extractive")  # the first query builds the lexical index
    rows = []
    for done, item in enumerate(items, 1):
        rows.append(run_item(assistant, item, k, mode, filters or {}))
        if progress:
            progress(done, len(items), item.id)
    return rows


def read_baseline(path: Path) -> list[dict]:
    """Per-item rows of an earlier run: its output folder or the results.jsonl inside it."""
    results = path / "results.jsonl" if path.is_dir() else path
    if not results.is_file():
        raise FileNotFoundError(f"No earlier results at {results}; pass the --out folder of an earlier run.")
    return [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines() if line]


def write_outputs(
    rows: list[dict], out_dir: Path, k: int, config: dict, baseline_dir: Path | None = None
) -> dict:
    out_dir.mkdir(parents=True, exist_ok=True)
    summary = {
        "config": config,
        "overall": aggregate(rows, k),
        "by_tag": by_tag(rows, k),
        "abstention_curve": abstention_curve(rows),
    }
    if baseline_dir is not None:
        old_rows = read_baseline(baseline_dir)
        summary["baseline"] = {
            "dir": str(baseline_dir),
            "overall": aggregate(old_rows, k),
            **compare(rows, old_rows),
        }
    (out_dir / "summary.json").write_text(json.dumps(summary, indent=2, ensure_ascii=False))
    with (out_dir / "results.jsonl").open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    (out_dir / "report.md").write_text(render_report(summary, rows, k), encoding="utf-8")
    _chart(summary, out_dir / "chart.png", k)
    return summary


def _cell(text: str, limit: int = 90) -> str:
    text = " ".join(str(text).split()).replace("|", "\\|")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def render_report(summary: dict, rows: list[dict], k: int) -> str:
    overall = summary["overall"]
    lines = [
        "# Evaluation report",
        "",
        f"Config: `{json.dumps(summary['config'])}`",
        "",
        "| metric | value |",
        "|---|---|",
    ]
    lines += [f"| {key} | {value} |" for key, value in overall.items()]
    if "baseline" in summary:
        base = summary["baseline"]
        lines += ["", f"## Against {base['dir']}", "", "| metric | before | now |", "|---|---|---|"]
        lines += [f"| {key} | {base['overall'].get(key)} | {value} |" for key, value in overall.items()]
        for kind in ("regressed", "improved"):
            lines += ["", f"**{kind.capitalize()}** ({len(base[kind])})", ""]
            lines += [f"- `{c['id']}` {_cell(c['question'])}: {c['before']} → {c['now']}" for c in base[kind]]
    lines += [
        "",
        "## By tag",
        "",
        f"| tag | items | hit@1 | hit@{k} | MRR | abstain P | abstain R |",
        "|---|---|---|---|---|---|---|",
    ]
    for tag, m in summary["by_tag"].items():
        lines.append(
            f"| {tag} | {m['items']} | {m['hit@1']} | {m[f'hit@{k}']} | {m['mrr']} | "
            f"{m['abstain_precision']} | {m['abstain_recall']} |"
        )
    lines += [
        "",
        "## Abstention precision/recall by confidence threshold",
        "",
        "What abstention would look like if answers below each confidence were withheld "
        "(confidence: the fitted answerability probability; 1 for report facts).",
        "",
        "| abstain below | abstentions | precision | recall |",
        "|---|---|---|---|",
    ]
    curve = summary.get("abstention_curve", [])
    step = max(1, len(curve) // 12)
    for point in [*curve[::step], *curve[-1:]] if curve else []:
        lines.append(
            f"| {point['below']} | {point['abstentions']} | {point['precision']} | {point['recall']} |"
        )
    lines += [
        "",
        "## Items",
        "",
        "| id | question | expected | result | top citation | latency s |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        expected = "abstain" if row["expect_abstain"] else "hit"
        if row["expect_abstain"]:
            result = "✓ abstained" if row["abstained"] else "✗ answered"
        else:
            result = (
                f"✓ hit@{row['hit_rank']}"
                if row["hit_rank"]
                else ("✗ abstained" if row["abstained"] else "✗ miss")
            )
        top = row["citations"][0] if row["citations"] else None
        top_text = f"{_cell(top['quote'], 60)} ({top['report']}, p. {top['page']})" if top else ""
        lines.append(
            f"| {row['id']} | {_cell(row['question'])} | {expected} | {result} | "
            f"{_cell(top_text, 120)} | {row['latency_s']} |"
        )
    return "\n".join(lines) + "\n"


def _chart(summary: dict, path: Path, k: int) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    tags = list(summary["by_tag"])
    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    keys = ["hit@1", f"hit@{k}", "mrr", "abstain_precision", "abstain_recall", "citation_verbatim_rate"]
    values = [summary["overall"][key] for key in keys]
    left.bar(keys, values, color="#1d5fa7")
    left.set_ylim(0, 1.05)
    left.set_title("Overall")
    left.tick_params(axis="x", rotation=30)
    right.bar(tags, [summary["by_tag"][t][f"hit@{k}"] for t in tags], color="#5aa02c")
    right.set_ylim(0, 1.05)
    right.set_title(f"hit@{k} by tag")
    right.tick_params(axis="x", rotation=30)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
