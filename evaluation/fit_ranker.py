"""Fit the sentence ranker and the abstention threshold on the dev split.

    python -m evaluation.fit_ranker [--qa evaluation/sets/ofsted-dev.jsonl] [--out answering/ranker.json]

Needs an index of all reports the QA set is written for (``bash scripts/eval-ofsted.sh``
builds one). For every dev question the pipeline runs exactly as when answering
(`Assistant.prepare`: scope, facts, retrieval); each candidate sentence gets the ranker's
features and a label: does it contain an expected span (or lie inside one) in the
expected report. A class-balanced logistic regression (scikit-learn) learns the weights.
The abstention threshold is then chosen on the same dev questions: the probability of the
best sentence that best separates questions the reports answer (and whose right sentence
was retrieved) from questions they cannot answer (fewest wrong decisions on dev: a wrong
abstention costs as much as a wrong answer).
Only the dev split is read; the test split is for reporting.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from answering.extractive import candidate_sentences
from answering.ranker import FEATURES, WEIGHTS_FILE
from evaluation.metrics import normalise
from evaluation.qa_file import QAItem, load_qa
from reportqa.assistant import Assistant
from reportqa.settings import PROJECT_DIR
from retrieval.glossary import expand_query

DEV = PROJECT_DIR / "evaluation" / "sets" / "ofsted-dev.jsonl"


def _label(sentence: str, report_id: str, item: QAItem) -> int:
    if item.expect_report and item.expect_report.lower() not in report_id.lower():
        return 0
    text = normalise(sentence)
    for span in item.expect_any:
        wanted = normalise(span)
        if wanted and (wanted in text or (len(text) > 30 and text in wanted)):
            return 1
    return 0


def collect(assistant: Assistant, items: list[QAItem]) -> list[dict]:
    """Per question: its candidate features, labels, and whether it should be answered."""
    groups = []
    for item in items:
        history: list[tuple[str, str]] = []
        for earlier in item.history:
            history += [("user", earlier), ("assistant", assistant.ask(earlier, history=history).text)]
        prepared = assistant.prepare(item.question, history, item.filters)
        if prepared.early is not None or not prepared.passages:
            continue  # decided by scope or facts: the ranker plays no part
        candidates, features = candidate_sentences(
            prepared.standalone,
            expand_query(prepared.topic, assistant.retriever.glossary),
            prepared.passages,
            prepared.query_vector,
            assistant.embed_model,
            prepared.topic,
            assistant.retriever.snapshot().templates,
        )
        if not candidates:
            continue
        labels = [_label(s.text, prepared.passages[s.passage_rank].report_id, item) for s in candidates]
        groups.append(
            {
                "id": item.id,
                "features": features,
                "labels": np.asarray(labels),
                "answerable": not item.expect_abstain,
            }
        )
    return groups


def fit(groups: list[dict]) -> dict:
    from sklearn.linear_model import LogisticRegression

    train = [g for g in groups if g["answerable"] and g["labels"].any()]
    x = np.vstack([g["features"] for g in train])
    y = np.concatenate([g["labels"] for g in train])
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(x, y)
    weights, bias = model.coef_[0], float(model.intercept_[0])

    def best_probability(group: dict) -> float:
        return float(1 / (1 + np.exp(-(group["features"] @ weights + bias).max())))

    # Abstention: should answer = an answerable question whose right sentence is a candidate;
    # should abstain = a question the reports cannot answer. Retrieval misses are neither.
    scored = [
        (best_probability(g), g["answerable"]) for g in groups if not g["answerable"] or g["labels"].any()
    ]
    threshold, best = 0.0, -1.0
    for candidate in sorted({0.0} | {round(p + 0.001, 3) for p, _ in scored}):
        answer_ok = [p >= candidate for p, ok in scored if ok]
        abstain_ok = [p < candidate for p, ok in scored if not ok]
        balanced = (sum(answer_ok) + sum(abstain_ok)) / (len(answer_ok) + len(abstain_ok))
        if balanced > best + 1e-9:
            threshold, best = candidate, balanced
    top1 = np.mean([g["labels"][int(np.argmax(g["features"] @ weights))] for g in train])
    return {
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in weights],
        "bias": round(bias, 5),
        "keep_ratio": 0.5,
        "abstain_below": threshold,
        "dev": {
            "questions_used": len(groups),
            "questions_with_a_right_sentence": len(train),
            "sentences": len(y),
            "positive_sentences": int(y.sum()),
            "top1_right_sentence": round(float(top1), 4),
            "abstention_accuracy": round(float(best), 4),
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--qa", type=Path, default=DEV)
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    args = parser.parse_args()
    assistant = Assistant()
    groups = collect(assistant, load_qa(args.qa))
    result = fit(groups)
    result["fitted_on"] = str(
        args.qa.relative_to(PROJECT_DIR) if args.qa.is_relative_to(PROJECT_DIR) else args.qa
    )
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
