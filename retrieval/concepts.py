"""Terms of art found by meaning: "children who look after a parent" is about young carers.

The reports use their profession's terms ("young carers", "private fostering", "staying
put"); people ask in everyday words. The glossary (`retrieval.glossary`) links spellings
of the same term; it cannot link a description to a term, because the description shares
no word with it. So each term of art in ``concepts.json`` carries a plain description, and a
question whose topic is close in meaning to a description (cosine of the embedding model at
least ``concept_threshold``, fitted on the dev split) has the term added to what retrieval
searches for, as glossary expansions are. Nothing is added to what is shown or quoted.
"""

from __future__ import annotations

import json
import threading
from functools import lru_cache
from pathlib import Path

import numpy as np

from retrieval.glossary import mentions


@lru_cache(maxsize=8)
def load_concepts(path: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(terms, descriptions), one row per description; a term's synonyms are joined by "; "."""
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    terms, descriptions = [], []
    for term, described in raw.items():
        if term.startswith("_") or not isinstance(described, list):
            continue
        for text in described:
            terms.append(term)
            descriptions.append(str(text))
    return tuple(terms), tuple(descriptions)


class Concepts:
    """The terms of art whose description a query vector is close to."""

    def __init__(self, path: Path, threshold: float) -> None:
        self.terms, self.descriptions = load_concepts(str(path)) if path.is_file() else ((), ())
        self.threshold = threshold
        self._vectors: np.ndarray | None = None
        self._name_vectors: dict[str, np.ndarray] = {}
        self._lock = threading.Lock()

    def _described(self, embed_model) -> np.ndarray:
        """The descriptions' vectors, embedded on first use (about 0.2 s for sixty)."""
        with self._lock:
            if self._vectors is None:
                vectors = embed_model.get_text_embedding_batch(list(self.descriptions))
                self._vectors = np.asarray(vectors, dtype=np.float32).reshape(len(self.descriptions), -1)
            return self._vectors

    def _named(self, term: str, embed_model) -> np.ndarray:
        """The vector of a term's names as written ("young carers"), embedded once."""
        with self._lock:
            vector = self._name_vectors.get(term)
        if vector is None:
            vector = np.asarray(embed_model.get_text_embedding(term.replace("; ", ", ")), dtype=np.float32)
            with self._lock:
                self._name_vectors[term] = vector
        return vector

    def matching(self, query: str, query_vector: np.ndarray, embed_model) -> list[str]:
        """Terms whose description is within the threshold of the query (and closer to it than any
        term the query names, see below), closest first. A term
        the query already uses under one of its names adds nothing: the expansion is for
        questions in everyday words ("supervision" needs no "management oversight")."""
        if not self.terms:
            return []
        query_vector = np.asarray(query_vector, dtype=np.float32)
        similarity = self._described(embed_model) @ query_vector
        # A query that names a term ("support for young carers") is about that term: another is
        # added only where the query is closer to its description than to the named term itself
        # ("do care leavers get help once they are parents?": care leavers who are parents).
        named = {term for term in set(self.terms) if any(mentions(query, n) for n in term.split("; "))}
        bar = max([self.threshold, *(float(self._named(term, embed_model) @ query_vector) for term in named)])
        found: list[str] = []
        for row in np.argsort(-similarity, kind="stable"):
            if similarity[row] < bar:
                break
            if self.terms[row] in named:
                continue
            names = self.terms[row].split("; ")
            found += [name for name in names if name not in found]
        return found
