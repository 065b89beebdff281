"""Optional LLM-as-judge faithfulness, in the style of Ragas: is the answer supported by its passages?

Only runs when an LLM is configured (``reportqa eval --judge``). The judge prompt is a
file in ``prompts/``; a reply that does not carry a parseable score counts as no score
(None) rather than a guess, so a failing judge never inflates the numbers.
"""

from __future__ import annotations

import re

from answering.prompts import load_prompt
from reportqa.settings import Settings

_SCORE = re.compile(r"SCORE:\s*([01](?:\.\d+)?)", re.IGNORECASE)


def judge_faithfulness(llm, settings: Settings, answer_text: str, passages: list[str]) -> float | None:
    from llama_index.core.llms import ChatMessage

    numbered = "\n".join(f"[{n}] {text}" for n, text in enumerate(passages, 1))
    prompt = load_prompt(settings.prompts_dir, "judge_faithfulness", passages=numbered, answer=answer_text)
    try:
        reply = llm.chat([ChatMessage(role="user", content=prompt)])
    except Exception:
        return None
    match = _SCORE.search(reply.message.content or "")
    if not match:
        return None
    return max(0.0, min(1.0, float(match.group(1))))


def add_judgements(rows: list[dict], llm, settings: Settings) -> dict:
    """Adds ``faithfulness`` to each answered row; returns the mean and how many were judged."""
    scores = []
    for row in rows:
        if row["abstained"] or not row["citations"]:
            row["faithfulness"] = None
            continue
        row["faithfulness"] = judge_faithfulness(
            llm, settings, row["answer"], [c["passage"] for c in row["citations"]]
        )
        if row["faithfulness"] is not None:
            scores.append(row["faithfulness"])
    return {
        "faithfulness_mean": round(sum(scores) / len(scores), 4) if scores else None,
        "judged": len(scores),
    }
