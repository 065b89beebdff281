"""The k best rows, found by partition, are exactly a stable full sort's first k."""

from __future__ import annotations

import numpy as np

from retrieval.topk import top_rows


def test_top_rows_agree_with_a_stable_sort_ties_and_masked_rows_included():
    rng = np.random.default_rng(0)
    for _ in range(300):
        scores = rng.integers(0, 5, size=int(rng.integers(1, 50))).astype(float)  # many ties
        if rng.random() < 0.3:
            scores[rng.integers(0, len(scores))] = -np.inf  # a row a filter leaves out
        k = int(rng.integers(1, 60))
        expected = [int(r) for r in np.argsort(-scores, kind="stable")[:k] if np.isfinite(scores[r])]
        assert top_rows(scores, k).tolist() == expected
    assert top_rows(np.zeros(0), 5).tolist() == []
