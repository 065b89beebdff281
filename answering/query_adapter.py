"""The question's vector as the sentence ranker compares it with sentences: a fitted linear map.

MiniLM places a question near sentences on the same *subject*; which of them *answers* it
is another matter ("do they rely on agency staff?" is closest to other sentences about
agency staff, not to "84% of staff are permanent"). A linear map of the question's vector,
``W q``, learnt from dev questions and the sentences that answer them, moves it towards
answering sentences. Only the question side is mapped, so sentence and passage vectors,
and the index, stay as they are; retrieval itself uses the plain vector.

``W`` is fitted by ``python -m evaluation.fit_adapter`` (dev split only) and stored in
``answering/query_adapter.npz`` with the model it was fitted for: vectors of another model
live in another space, so there the map is not applied (the identity).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

ADAPTER_FILE = Path(__file__).with_name("query_adapter.npz")


@dataclass(frozen=True)
class QueryAdapter:
    """``W`` and what it was fitted on; ``matrix`` None is the identity."""

    matrix: np.ndarray | None = None
    info: dict = field(default_factory=dict, compare=False, hash=False)

    def __call__(self, vector: np.ndarray) -> np.ndarray:
        """The mapped vector, unit length (cosines with unit sentence vectors stay cosines)."""
        vector = np.asarray(vector, dtype=np.float32)
        if self.matrix is None or self.matrix.shape[1] != vector.shape[0]:
            return vector
        mapped = self.matrix @ vector
        return mapped / max(float(np.linalg.norm(mapped)), 1e-12)


def save_query_adapter(path: Path, matrix: np.ndarray, info: dict) -> None:
    with path.open("wb") as handle:
        np.savez_compressed(handle, matrix=matrix.astype(np.float32), info=np.array(json.dumps(info)))


@lru_cache(maxsize=8)
def load_query_adapter(path: Path | None, model: str) -> QueryAdapter:
    """The adapter in ``path`` when it was fitted for ``model`` (a `model_fingerprint`);
    otherwise, or without a file, the identity."""
    if path is None or not Path(path).is_file():
        return QueryAdapter()
    with np.load(path, allow_pickle=False) as data:
        info = json.loads(str(data["info"]))
        if info.get("model") != model:
            return QueryAdapter(info={"skipped": f"fitted for {info.get('model')}, not {model}"})
        return QueryAdapter(np.asarray(data["matrix"], dtype=np.float32), info)
