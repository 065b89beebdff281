"""Quotes on a topic for briefing writers: as many as asked for, critical and positive alike.

A chat answer quotes the few best sentences; a writer asking for ten quotes wants ten, and
wants to be told when the reports in scope hold fewer. A sentence counts as a quote on the
topic when it uses every word of the topic, or when the fitted sentence ranker
(`answering.ranker`) gives it a probability of at least one half of answering it (its own
decision boundary, fitted on the dev split; no new number). Quotes are ordered by that
probability. Reports praise and criticise in the same pages, and the best-scoring sentences
lean positive, so when both kinds are among the quotes they are taken in turn, best first
in each kind. Which sentences are critical is read from their wording (`CRITICAL`): a
presentation choice documented here, not a score.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from answering.citations import Citation, citation_from_passage
from answering.extractive import MAX_PER_PASSAGE, is_critical, on_topic, with_antecedent
from retrieval.passage import Passage


@dataclass
class Quotes:
    topic: str
    citations: list[Citation]
    asked: int
    available: int  # quotes on the topic the reports in scope hold (up to what was read)
    scope: str = ""
    message: str = ""  # why there are none, or fewer than asked
    critical: set[int] = field(default_factory=set)  # citation numbers of critical findings

    @property
    def notice(self) -> str:
        if self.message:
            return self.message
        if len(self.citations) < self.asked:
            found = len(self.citations)
            return f"Only {found} quotes on this topic in the reports in scope (asked for {self.asked})."
        return ""


def _in_turn(critical: list, positive: list) -> list:
    """Critical and positive quotes taken in turn (each list best first), the rest after."""
    merged = []
    for pair in zip(critical, positive, strict=False):
        merged.extend(pair)
    shorter = min(len(critical), len(positive))
    return merged + critical[shorter:] + positive[shorter:]


def pick_quotes(
    candidates: list, probabilities: np.ndarray, passages: list[Passage], limit: int
) -> tuple[list[Citation], int, set[int]]:
    """The quotes (at most ``limit``), how many relevant sentences there were, and which quotes
    (by number) are critical."""
    ranked = sorted(
        (i for i in range(len(candidates)) if on_topic(candidates[i], probabilities[i])),
        key=lambda i: (-probabilities[i], candidates[i].passage_rank, candidates[i].start),
    )
    per_passage: dict[int, int] = {}
    kept = []
    for i in ranked:
        rank = candidates[i].passage_rank
        if per_passage.get(rank, 0) < MAX_PER_PASSAGE:
            per_passage[rank] = per_passage.get(rank, 0) + 1
            kept.append(i)
    critical = [i for i in kept if is_critical(candidates[i].text)]
    positive = [i for i in kept if not is_critical(candidates[i].text)]
    chosen = _in_turn(critical, positive)[:limit]
    citations, critical_numbers = [], set()
    for n, i in enumerate(chosen, 1):
        passage = passages[candidates[i].passage_rank]
        quote, start = with_antecedent(candidates[i], passage)
        citations.append(citation_from_passage(n, quote, passage, start, float(probabilities[i])))
        if i in critical:
            critical_numbers.add(n)
    return citations, len(kept), critical_numbers
