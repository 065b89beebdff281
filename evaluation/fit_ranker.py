"""Fit the sentence ranker and the answerability (abstention) model on the dev split.

    python -m evaluation.fit_ranker [--qa DEV.jsonl ...] [--out answering/ranker.json] [--gate-only]

``--gate-only`` keeps the sentence ranker of ``--out`` and refits the answerability gate alone
(round 27: a new gate feature, every passage from one report; refitting the sentence weights on
the pipeline of that round lowered hit@1 on the 3,619 dev questions from 0.859 to 0.851).

Default QA files: evaluation/sets/ofsted-dev.jsonl and offtopic-dev.jsonl (dev negatives),
plus the shipped corpus set over corpus/ (a small index, so abstention is fitted for
small indexes as well as for 315 reports). Adding the sets written blind on dev councils was
tried twice and left out. Round 8, seven sets: leaving each out in turn, its right sentence
came first / in the first three in 0.518 / 0.804 of 112 questions with these defaults and
0.527 / 0.812 with the others added. Round 16, 29 sets (`FRESH_DEV_SETS`; pass them with
--qa): fitted on ofsted-dev with one half of them and measured on the other half, both ways
round (1,593 answerable and 231 unanswerable questions held out), hit@1 0.773 -> 0.780 and
hit@3 0.879 -> 0.885, wrong "not covered" 37 -> 27, unanswerable caught 210 -> 202; fitted on
all 29, the test split went 0.728 / 0.832 -> 0.720 / 0.832 and a new blind set (holdout17,
52 answerable) 0.750 / 0.808 -> 0.712 / 0.808. Within noise either way, so the weights stay.

Needs an index of all reports the QA set is written for (``bash scripts/eval-ofsted.sh``
builds one). For every dev question the pipeline runs exactly as when answering
(`Assistant.prepare`: scope, facts, retrieval); each candidate sentence gets the ranker's
features and a label: does it contain an expected span (or lie inside one) in the
expected report. The weights are learnt for what the ranker does, ordering one question's
sentences: a logistic regression (scikit-learn) on pairs of a right and a wrong sentence of
the same question, each question weighing the same. A one-feature logistic regression on
the resulting score then sets its scale and bias, so that scores are log-odds again (the
answer keeps sentences within a share of the best one's probability, and abstention reads it).
Abstention is a second, question-level logistic model (`ranker.ANSWERABILITY_FEATURES`)
fitted on the same dev questions: those the reports answer (and whose right sentence was
retrieved) against those they cannot answer (the dev split's unanswerable items plus
``offtopic-dev.jsonl``), deciding at probability 0.5. The dev sets hold far more
unanswerable questions than users ask (they were collected to fit this model), so the
unanswerable ones are weighted down: without that the model learns the sets' prior and
answers "not covered" to real questions. How far is chosen out of fold on dev (see
``MAX_FALSE_ABSTAIN``).
Only the dev split is read; the test split is for reporting.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from answering.extractive import answerability_features, candidate_sentences
from answering.ranker import ANSWERABILITY_FEATURES, FEATURES, WEIGHTS_FILE
from evaluation.metrics import normalise
from evaluation.qa_file import QAItem, load_qa
from reportqa.assistant import Assistant
from reportqa.settings import PROJECT_DIR

DEV = PROJECT_DIR / "evaluation" / "sets" / "ofsted-dev.jsonl"
OFFTOPIC_DEV = PROJECT_DIR / "evaluation" / "sets" / "offtopic-dev.jsonl"
SMALL_QA = PROJECT_DIR / "evaluation" / "sets" / "corpus.jsonl"
# Sets written by helpers who saw no code and no other set, on dev councils only (rounds 8-15):
# tried as training data in round 16 (see above), not a default.
FRESH_DEV_SETS = [
    PROJECT_DIR / "evaluation" / "sets" / f"{name}-dev.jsonl"
    for name in (
        "chat-fresh", "convo-fresh", "convo-fresh2", "convo-fresh3", "convo-fresh4", "facts-fresh",
        "facts-fresh3", "facts-fresh4", "facts-fresh5", "holdout13", "holdout14", "holdout15",
        "lookup-fresh2", "mixed-fresh", "mixed-fresh3", "mixed-fresh4", "mixed-fresh5", "mixed-fresh6",
        "mixed-fresh7", "mixed-fresh8", "paraphrase-fresh", "paraphrase-fresh2", "paraphrase-fresh3",
        "staff-fresh2", "staff-fresh3", "staff-fresh4", "topics-fresh", "topics-fresh2", "topics-fresh3",
    )
]  # fmt: skip


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
            prepared.query,
            prepared.passages,
            prepared.sentence_vector,
            assistant.embed_model,
            prepared.topic,
            assistant.retriever.snapshot().templates,
            written_out=prepared.written_out,
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
                "candidates": candidates,
                "passages": prepared.passages,
                "query": prepared.query,
                "topic": prepared.topic,
                "written_out": prepared.written_out,
                "query_vector": prepared.query_vector,
            }
        )
    return groups


# Share of unanswerable questions to expect: the Ofsted QA sets as first written from the
# reports have 10 % (as the question-set spec asks), and a chat also gets off-topic
# questions that no set holds. The dev sets hold many more (collected to fit this model).
NATURAL_SHARE = 0.10
TRAINING_SHARES = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4)
# A wrong "not covered" costs a member of staff an answer the reports hold; a wrong answer to
# an unanswerable question still shows its quotes, which the reader can judge. So abstention
# may call at most 1 in 50 answerable questions not covered (out of fold on dev).
MAX_FALSE_ABSTAIN = 0.02


def prior_weights(answerable: np.ndarray, share: float) -> np.ndarray:
    """Sample weights that make the unanswerable questions ``share`` of the total."""
    negatives = int((answerable == 0).sum())
    positives = len(answerable) - negatives
    down = share / (1 - share) * positives / max(1, negatives)
    return np.where(answerable == 0, down, 1.0)


def out_of_fold_rates(qx: np.ndarray, qy: np.ndarray, share: float) -> tuple[float, float]:
    """Abstention true- and false-positive rates of the gate on dev questions it was not fitted
    on (5-fold, averaged over 5 shuffles)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    weight = prior_weights(qy, share)
    tprs, fprs = [], []
    for seed in range(5):
        folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=seed)
        held_out = cross_val_predict(
            LogisticRegression(C=1.0, max_iter=2000), qx, qy, cv=folds, params={"sample_weight": weight}
        )
        abstained, unanswerable = held_out == 0, qy == 0
        tprs.append((abstained & unanswerable).sum() / max(1, unanswerable.sum()))
        fprs.append((abstained & ~unanswerable).sum() / max(1, (~unanswerable).sum()))
    return float(np.mean(tprs)), float(np.mean(fprs))


def pairwise_weights(train: list[dict]) -> np.ndarray:
    """Weights that put each question's right sentences above its wrong ones: logistic
    regression on feature differences (right - wrong, labelled 1, and its mirror, labelled 0),
    each question's pairs together weighing the same. Ranking within a question is the task;
    fitting sentences one by one instead (pointwise) lets questions with many candidates
    dominate and spends the model on telling questions apart, which ordering never needs.
    Out of fold on dev the right sentence came first in 0.531 -> 0.556 of questions and
    among the first three in 0.784 -> 0.828."""
    from sklearn.linear_model import LogisticRegression

    differences, weights = [], []
    for group in train:
        right = group["features"][group["labels"] == 1]
        wrong = group["features"][group["labels"] == 0]
        pairs = (right[:, None, :] - wrong[None, :, :]).reshape(-1, right.shape[1])
        differences.append(pairs)
        weights.append(np.full(len(pairs), 1.0 / max(1, len(pairs))))
    x = np.vstack(differences)
    w = np.concatenate(weights) * len(train)
    model = LogisticRegression(C=1.0, fit_intercept=False, max_iter=3000).fit(
        np.vstack([x, -x]), np.r_[np.ones(len(x)), np.zeros(len(x))], sample_weight=np.r_[w, w]
    )
    return model.coef_[0]


def calibrated(train: list[dict], weights: np.ndarray) -> tuple[np.ndarray, float]:
    """``weights`` scaled, and a bias, so that a sentence's score is the log-odds that it is a
    right one (classes balanced, as the answer's keep ratio and the abstention model expect)."""
    from sklearn.linear_model import LogisticRegression

    scores = np.concatenate([g["features"] @ weights for g in train])[:, None]
    labels = np.concatenate([g["labels"] for g in train])
    platt = LogisticRegression(C=1.0, class_weight="balanced", max_iter=2000).fit(scores, labels)
    return weights * float(platt.coef_[0][0]), float(platt.intercept_[0])


def ranking_out_of_fold(train: list[dict], shuffles: int = 5) -> tuple[float, float]:
    """How often the right sentence comes first, and among the first three, for dev questions
    the weights were not fitted on (5 folds by question, averaged over ``shuffles``)."""
    first = top3 = 0
    for seed in range(shuffles):
        fold = np.random.default_rng(seed).permutation(len(train)) % 5
        for held in range(5):
            weights = pairwise_weights([g for g, f in zip(train, fold) if f != held])
            for group in (g for g, f in zip(train, fold) if f == held):
                order = np.argsort(-(group["features"] @ weights), kind="stable")
                first += int(group["labels"][order[0]])
                top3 += int(group["labels"][order[:3]].any())
    return first / (len(train) * shuffles), top3 / (len(train) * shuffles)


def fit(groups: list[dict], sentence_ranker: dict | None = None) -> dict:
    """The sentence ranker and the answerability gate, fitted on ``groups``; or, given
    ``sentence_ranker`` (a ranker file's contents), the gate alone over those sentence weights."""
    from sklearn.linear_model import LogisticRegression

    train = [g for g in groups if g["answerable"] and g["labels"].any()]
    y = np.concatenate([g["labels"] for g in train])
    if sentence_ranker is None:
        weights, bias = calibrated(train, pairwise_weights(train))
        oof_first, oof_top3 = ranking_out_of_fold(train)
    else:
        weights, bias = np.asarray(sentence_ranker["weights"]), float(sentence_ranker["bias"])
        oof_first = sentence_ranker["dev"]["top1_right_sentence_5fold"]
        oof_top3 = sentence_ranker["dev"]["top3_right_sentence_5fold"]

    # Answerability: questions the reports answer (right sentence retrieved) against questions
    # they cannot answer, from question-level evidence; the classes weighted to the share of
    # unanswerable questions users ask, decided at 0.5.
    labelled = [g for g in groups if not g["answerable"] or g["labels"].any()]
    qx = np.vstack(
        [
            answerability_features(
                g["candidates"],
                g["features"] @ weights + bias,
                g["features"],
                g["passages"],
                g["query"],
                g["topic"],
                g["written_out"],
            )
            for g in labelled
        ]
    )
    qy = np.asarray([g["answerable"] for g in labelled], dtype=int)
    # The weighting of the unanswerable class is chosen out of fold: the highest share (most
    # abstention) that still calls at most MAX_FALSE_ABSTAIN of answerable questions "not covered".
    rates = {share: out_of_fold_rates(qx, qy, share) for share in TRAINING_SHARES}
    share = max(
        (s for s in TRAINING_SHARES if rates[s][1] <= MAX_FALSE_ABSTAIN), default=min(TRAINING_SHARES)
    )
    gate = LogisticRegression(C=1.0, max_iter=2000).fit(qx, qy, sample_weight=prior_weights(qy, share))
    gate_ok = gate.predict(qx) == qy
    tpr, fpr = rates[share]
    cv_precision = NATURAL_SHARE * tpr / max(1e-9, NATURAL_SHARE * tpr + (1 - NATURAL_SHARE) * fpr)

    top1 = np.mean([g["labels"][int(np.argmax(g["features"] @ weights))] for g in train])
    return {
        "features": list(FEATURES),
        "weights": [round(float(w), 5) for w in weights],
        "bias": round(bias, 5),
        "keep_ratio": 0.5,
        "answerability": {
            "features": list(ANSWERABILITY_FEATURES),
            "weights": [round(float(w), 5) for w in gate.coef_[0]],
            "bias": round(float(gate.intercept_[0]), 5),
        },
        "dev": {
            "questions_used": len(groups),
            "questions_with_a_right_sentence": len(train),
            "sentences": len(y),
            "positive_sentences": int(y.sum()),
            "top1_right_sentence": round(float(top1), 4),
            "top1_right_sentence_5fold": round(oof_first, 4),
            "top3_right_sentence_5fold": round(oof_top3, 4),
            "answerability_accuracy": round(float(gate_ok.mean()), 4),
            "answerability_training_share": share,
            "answerability_5fold_abstain_recall": round(tpr, 4),
            "answerability_5fold_false_abstain_rate": round(fpr, 4),
            "answerability_5fold_abstain_precision_at_natural_share": round(cv_precision, 4),
            "answerable_questions": int(qy.sum()),
            "unanswerable_questions": int(len(qy) - qy.sum()),
        },
    }


def _relative(path: Path) -> str:
    return str(path.relative_to(PROJECT_DIR) if path.is_relative_to(PROJECT_DIR) else path)


def _collect_small(qa: Path, folder: Path, embed_model) -> list[dict]:
    """Groups from a QA set over a small corpus, indexed into a temporary data folder."""
    import tempfile

    from indexing.pipeline import Indexer
    from reportqa.settings import Settings

    with tempfile.TemporaryDirectory(prefix="reportqa-fit-") as data:
        settings = Settings(data_dir=Path(data), corpus_dir=folder)
        Indexer(settings, embed_model=embed_model).index([folder])
        return collect(Assistant(settings, embed_model=embed_model), load_qa(qa))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--qa", type=Path, nargs="+", default=[DEV, OFFTOPIC_DEV])
    parser.add_argument(
        "--small",
        nargs=2,
        metavar=("QA_FILE", "FOLDER"),
        default=[str(SMALL_QA), str(PROJECT_DIR / "corpus")],
        help="also fit on a QA set over a small corpus, indexed into a temporary folder "
        "(default: the shipped corpus set), so abstention holds for small indexes too; '-' '-' for none",
    )
    parser.add_argument("--out", type=Path, default=WEIGHTS_FILE)
    parser.add_argument(
        "--gate-only",
        action="store_true",
        help="keep the sentence ranker of --out and fit the answerability gate alone",
    )
    args = parser.parse_args()
    kept = json.loads(args.out.read_text(encoding="utf-8")) if args.gate_only else None
    if kept is not None and tuple(kept.get("features", ())) != FEATURES:
        parser.error(f"{args.out} was fitted for other sentence features: fit both")
    assistant = Assistant()
    groups = collect(assistant, [item for path in args.qa for item in load_qa(path)])
    sources = [_relative(p.resolve()) for p in args.qa]
    if args.small[0] != "-":
        groups += _collect_small(Path(args.small[0]), Path(args.small[1]), assistant.embed_model)
        small_qa, small_folder = (Path(p).resolve() for p in args.small)
        sources.append(f"{_relative(small_qa)} over {_relative(small_folder)}/")
    result = fit(groups, kept)
    result["fitted_on"] = ", ".join(sources)
    if kept is not None:
        result["sentence_ranker_fitted_on"] = kept.get("sentence_ranker_fitted_on", kept.get("fitted_on", ""))
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
