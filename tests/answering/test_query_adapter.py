"""The fitted map of the question's vector used to choose sentences (`answering.query_adapter`)."""

from __future__ import annotations

import numpy as np

from answering.query_adapter import ADAPTER_FILE, QueryAdapter, load_query_adapter, save_query_adapter
from evaluation.fit_adapter import _loss_and_gradient, fit_map
from reportqa.settings import Settings
from vectorstore.embeddings import model_fingerprint


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def test_the_shipped_map_is_for_the_packaged_model_and_the_assistant_uses_it(assistant):
    model = model_fingerprint(Settings().embed_model_dir)
    adapter = load_query_adapter(ADAPTER_FILE, model)
    assert adapter.matrix is not None and adapter.matrix.shape == (384, 384)
    assert adapter.info["model"] == model and adapter.info["fitted_on"]
    assert not any("ofsted-test" in name for name in adapter.info["fitted_on"])  # dev split only
    vector = _unit(np.random.default_rng(0).normal(size=384)).astype(np.float32)
    mapped = adapter(vector)
    assert abs(float(np.linalg.norm(mapped)) - 1.0) < 1e-5 and float(mapped @ vector) < 0.9999
    assert assistant.query_adapter.matrix is not None
    prepared = assistant.prepare("What did inspectors say about care leavers?")
    assert np.allclose(prepared.sentence_vector, adapter(prepared.query_vector))


def test_without_a_file_or_for_another_model_the_vector_is_left_as_it_is(tmp_path):
    vector = _unit(np.arange(1.0, 5.0)).astype(np.float32)
    assert np.array_equal(load_query_adapter(tmp_path / "none.npz", "m")(vector), vector)
    path = tmp_path / "adapter.npz"
    save_query_adapter(path, 2 * np.eye(4)[::-1], {"model": "model-a"})
    assert np.array_equal(load_query_adapter(path, "model-b")(vector), vector)
    mapped = load_query_adapter(path, "model-a")(vector)
    assert np.allclose(mapped, vector[::-1])  # reversed, and back to unit length
    assert np.array_equal(QueryAdapter()(vector), vector)


def _groups(rng: np.random.Generator, count: int, dim: int) -> list[dict]:
    """Questions whose right sentence lies along a hidden direction of the question, not along
    the question itself: the plain cosine cannot find it, a learnt map can."""
    hidden = rng.normal(size=(dim, dim))
    groups = []
    for _ in range(count):
        q = _unit(rng.normal(size=dim))
        right = _unit(hidden @ q + 0.1 * rng.normal(size=dim))
        wrong = _unit(q + 0.8 * rng.normal(size=(5, dim)))
        groups.append(
            {"query_vector": q, "vectors": np.vstack([right, wrong]), "labels": np.r_[1, np.zeros(5)]}
        )
    return groups


def test_the_gradient_is_the_losss_derivative():
    rng = np.random.default_rng(1)
    groups = _groups(rng, 6, 5)
    w = np.eye(5) + 0.1 * rng.normal(size=(5, 5))
    _, gradient = _loss_and_gradient(w.ravel(), groups, 0.05)
    step = 1e-6
    numeric = [
        (
            _loss_and_gradient(w.ravel() + step * e, groups, 0.05)[0]
            - _loss_and_gradient(w.ravel() - step * e, groups, 0.05)[0]
        )
        / (2 * step)
        for e in np.eye(25)
    ]
    assert np.allclose(gradient, numeric, atol=1e-5)


def test_a_fitted_map_ranks_right_sentences_first_on_questions_it_never_saw():
    rng = np.random.default_rng(2)
    groups = _groups(rng, 260, 8)
    train, held = groups[:200], groups[200:]

    def first_right(w: np.ndarray) -> float:
        return float(np.mean([g["labels"][np.argmax(g["vectors"] @ (w @ g["query_vector"]))] for g in held]))

    w = fit_map(train, lam=0.001)
    assert first_right(np.eye(8)) < 0.5 < 0.9 < first_right(w)
