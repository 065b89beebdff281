"""The k best rows of a score array, ties broken by row: the same candidates in every process.

A full sort of 100,000 scores costs 5 ms a query; ``argpartition`` finds the k-th best in
linear time, and only the k rows above it are sorted. Among equal scores (boilerplate that
scores the same in every report holding it) the lower row wins, not whichever rows
``argpartition`` happened to keep.
"""

from __future__ import annotations

import numpy as np


def top_rows(scores: np.ndarray, k: int) -> np.ndarray:
    """Rows of the ``k`` highest finite scores, best first, lower row first among equals."""
    k = min(k, len(scores))
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    threshold = scores[np.argpartition(-scores, k - 1)[k - 1]]
    above = np.flatnonzero(scores > threshold)
    tied = np.flatnonzero(scores == threshold)[: k - len(above)]  # flatnonzero: in row order
    chosen = np.concatenate([above, tied])
    ranked = chosen[np.lexsort((chosen, -scores[chosen]))]
    return ranked[np.isfinite(scores[ranked])]
