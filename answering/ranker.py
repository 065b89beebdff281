"""Which sentence of the retrieved passages answers the question: one linear ranker.

Each candidate sentence is described by a few features (meaning similarity, shared
terms, heading match, the passage's retrieval rank, answer type) and scored by a
logistic model whose weights are *fitted* on the dev split of the Ofsted QA set by
``python -m evaluation.fit_ranker`` and stored in ``answering/ranker.json`` together with
the split they came from and the test-split score they reached. Nothing here is tuned
by hand; without the file the ranker falls back to the hand-set weights the project
used before (kept so the change is measurable).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURES = (
    "cosine",  # sentence vs question, embedding similarity
    "overlap",  # share of the question's (glossary-expanded) terms in the sentence
    "coverage",  # share of the topic's own terms in the sentence
    "in_section",  # share of the topic's terms in the passage's section heading
    "prior",  # passage's fused retrieval score relative to the best passage
    "passage_cosine",  # passage vs question, embedding similarity
    "typed",  # a date for a 'when' question, names for a 'who' question
    "first_passage",  # 1 / (1 + passage rank)
    "length",  # words / 40, capped at 1: fragments say little
    "opens_section",  # first sentence of its section: the section's headline finding
    "early",  # 1 for the report's first passage, 0 for its last: conclusions come first
)
# Whether the question is answered at all, from the candidate sentences as a whole.
ANSWERABILITY_FEATURES = (
    "best_probability",  # the ranker's probability for its best sentence
    "max_cosine",  # the closest sentence in meaning
    "best_overlap",  # share of the (glossary-expanded) query terms in the best sentence
    "query_found",  # share of those terms found in any candidate sentence
    "top_passage_cosine",  # the best passage's similarity to the question
    "heading_match",  # the most of the topic's terms any candidate's section heading names
    "one_report",  # every passage from one report (the question named it): it is on its subject
)
WEIGHTS_FILE = Path(__file__).with_name("ranker.json")
# The weights the project used before fitting (cosine + 0.35 overlap + 0.5 in-section + 0.2 prior + type).
HAND_WEIGHTS = {"cosine": 1.0, "overlap": 0.35, "in_section": 0.5, "prior": 0.2, "typed": 1.0}


@dataclass(frozen=True)
class Ranker:
    weights: tuple[float, ...]
    bias: float = 0.0
    keep_ratio: float = 0.75  # quote sentences scoring at least this share of the best one
    source: str = "hand-set"
    calibrated: bool = False  # scores are log-odds (fitted), so compare probabilities
    answerability: tuple[tuple[float, ...], float] | None = None  # fitted (weights, bias)
    info: dict = field(default_factory=dict, compare=False, hash=False)

    def score(self, features: np.ndarray) -> np.ndarray:
        """Log-odds that each row's sentence answers the question."""
        return features @ np.asarray(self.weights, dtype=np.float32) + self.bias

    def answerable(self, features: np.ndarray) -> float:
        """Probability that the candidates answer the question (1.0 when no model is fitted)."""
        if self.answerability is None:
            return 1.0
        weights, bias = self.answerability
        return float(1.0 / (1.0 + np.exp(-(features @ np.asarray(weights) + bias))))

    def comparable(self, scores: np.ndarray) -> np.ndarray:
        """Scores on a scale where 'a share of the best' means something (probabilities if fitted)."""
        return 1.0 / (1.0 + np.exp(-scores)) if self.calibrated else scores


def hand_ranker() -> Ranker:
    return Ranker(tuple(HAND_WEIGHTS.get(name, 0.0) for name in FEATURES))


@lru_cache(maxsize=4)
def load_ranker(path: Path = WEIGHTS_FILE) -> Ranker:
    """The fitted ranker from ``path``, or the hand-set one when there is none."""
    if not path.is_file():
        return hand_ranker()
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data.get("features", ())) != FEATURES:  # fitted for other features: refit
        return hand_ranker()
    return Ranker(
        tuple(float(w) for w in data["weights"]),
        float(data.get("bias", 0.0)),
        float(data.get("keep_ratio", 0.75)),
        source=f"fitted on {data.get('fitted_on', '?')}",
        calibrated=True,
        answerability=(tuple(data["answerability"]["weights"]), float(data["answerability"]["bias"]))
        if data.get("answerability", {}).get("features") == list(ANSWERABILITY_FEATURES)
        else None,
        info=data,
    )
