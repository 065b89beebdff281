"""BM25 from term frequencies (`retrieval.lexical`): bm25s's scores to the bit, built in
batches, updated by merging a report in, and read from memory-mapped files."""

from __future__ import annotations

import random

import bm25s
import numpy as np
import pytest

from retrieval import lexical
from retrieval.lexical import LexicalIndex
from retrieval.stemming import STEMMER
from tests.conftest import CORPUS

QUERIES = [
    "What did inspectors say about CAMHS waits?",
    "care leavers accommodation and personal advisers",
    "the the the",  # stop words only
    "children children missing from education",  # a term twice
    "help and protection requires improvement to be good",
    "xyzzy",  # no passage has it
]


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    """The shipped reports' paragraphs: real report text, with short and long passages."""
    found = []
    for path in sorted(CORPUS.glob("*.txt")):
        found += [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    assert len(found) > 40
    return found


def _bm25s_scores(texts: list[str], query: str) -> np.ndarray:
    reference = bm25s.BM25()
    reference.index(
        bm25s.tokenize(texts, stopwords="en", stemmer=STEMMER, show_progress=False), show_progress=False
    )
    terms = lexical.tokens([query])[0]
    return np.asarray(reference.get_scores(terms), dtype=np.float32) if terms else np.zeros(len(texts))


def test_scores_are_bm25s_scores_to_the_bit(paragraphs, monkeypatch):
    monkeypatch.setattr(lexical, "BATCH", 7)  # built in several batches
    index = LexicalIndex.build(paragraphs)
    for query in QUERIES:
        expected = _bm25s_scores(paragraphs, query)
        assert np.array_equal(index.scores(query), expected), query
    assert index.scores("xyzzy").max() == 0 and index.scores("CAMHS waits").max() > 0


def test_merging_a_report_in_equals_building_from_every_text(paragraphs, monkeypatch):
    """An upload's update: some passages gone (a report removed or replaced), new ones added,
    and the rows renumbered into chunk-id order; only the new passages are tokenised."""
    rng = random.Random(15)
    order_of_all = list(range(len(paragraphs)))
    kept_rows = sorted(rng.sample(order_of_all, len(paragraphs) - 12))
    removed, added = kept_rows[:5], [row for row in order_of_all if row not in kept_rows]
    before = LexicalIndex.build([paragraphs[row] for row in kept_rows])
    keep = np.arange(5, len(kept_rows))  # the first five kept passages are removed now
    combined = kept_rows[5:] + added
    order = np.argsort(combined, kind="stable")  # the result's rows in paragraph order
    tokenised: list[list[str]] = []
    real_tokens = lexical.tokens
    monkeypatch.setattr(lexical, "tokens", lambda texts: tokenised.extend(texts) or real_tokens(texts))
    merged = before.merged(keep, [paragraphs[row] for row in added], order)
    assert tokenised == [paragraphs[row] for row in added]

    expected_texts = [paragraphs[row] for row in sorted(set(order_of_all) - set(removed))]
    expected = LexicalIndex.build(expected_texts)
    assert merged.size == len(expected_texts)
    for query in QUERIES:
        assert np.array_equal(merged.scores(query), expected.scores(query)), query
    stems = {"care", "leaver"}
    assert np.array_equal(merged.rows_with_all(stems), expected.rows_with_all(stems))
    assert len(expected.rows_with_all(stems))

    # Kept rows that change their order (not what an update does) are sorted again, as right.
    shuffled = np.array(rng.sample(list(keep), len(keep)))
    combined = [kept_rows[row] for row in shuffled] + added
    order = np.argsort(combined, kind="stable")
    again = before.merged(shuffled, [paragraphs[row] for row in added], order)
    for query in QUERIES:
        assert np.array_equal(again.scores(query), expected.scores(query)), query


def test_a_saved_index_is_read_back_memory_mapped(paragraphs, tmp_path):
    index = LexicalIndex.build(paragraphs)
    index.save(tmp_path / "lexical")
    loaded = LexicalIndex.load(tmp_path / "lexical")
    assert isinstance(np.load(tmp_path / "lexical" / "rows.npy", mmap_mode="r"), np.memmap)
    for query in QUERIES:
        assert np.array_equal(loaded.scores(query), index.scores(query)), query
    (tmp_path / "lexical" / "tf.npy").write_bytes((tmp_path / "lexical" / "tf.npy").read_bytes()[:200])
    with pytest.raises(ValueError):
        LexicalIndex.load(tmp_path / "lexical")


def test_an_empty_index_scores_nothing():
    empty = LexicalIndex.build([])
    assert empty.size == 0 and len(empty.scores("care leavers")) == 0
    assert len(empty.rows_with_all({"care"})) == 0
