"""The ONNX embedding paths against PyTorch, and the stamp that keeps their vectors apart."""

from __future__ import annotations

import numpy as np
import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from vectorstore.chroma_store import IndexMismatchError
from vectorstore.embeddings import EmbeddingModelError, embedding_id, load_embedding_model

from ..conftest import CORPUS

PASSAGES = [
    "Children who go missing from home receive return home interviews that are timely.",
    "The quality of child protection plans is variable; some plans lack clear timescales.",
    "Care leavers are supported by personal advisers who know them well.",
    "Leaders have a clear understanding of the strengths and weaknesses of practice.",
    "x",
    "A very long passage " + "about workload and supervision of social workers " * 60,
]
QUERIES = ["return home interviews after missing episodes", "personal advisers for care leavers"]


@pytest.fixture(scope="module")
def vectors_by_backend():
    out = {}
    for backend in ("torch", "onnx", "onnx-int8"):
        model = load_embedding_model(Settings(embed_backend=backend))
        out[backend] = (
            np.array(model.get_text_embedding_batch(PASSAGES)),
            np.array([model.get_query_embedding(q) for q in QUERIES]),
        )
    return out


def test_onnx_fp32_reproduces_pytorch_vectors(vectors_by_backend):
    torch_docs, torch_queries = vectors_by_backend["torch"]
    onnx_docs, onnx_queries = vectors_by_backend["onnx"]
    assert np.allclose(np.linalg.norm(onnx_docs, axis=1), 1.0, atol=1e-5)
    assert (onnx_docs * torch_docs).sum(axis=1).min() > 0.9999  # includes truncation of the long one
    assert (onnx_queries * torch_queries).sum(axis=1).min() > 0.9999


def test_int8_stays_close_and_ranks_the_same(vectors_by_backend):
    torch_docs, torch_queries = vectors_by_backend["torch"]
    int8_docs, int8_queries = vectors_by_backend["onnx-int8"]
    assert (int8_docs * torch_docs).sum(axis=1).min() > 0.97
    for backend_docs, backend_queries in ((torch_docs, torch_queries), (int8_docs, int8_queries)):
        ranking = np.argsort(-(backend_queries @ backend_docs.T), axis=1)[:, 0]
        assert list(ranking) == [0, 2]


def test_a_vector_does_not_depend_on_the_other_texts_in_its_batch():
    """int8 activations are scaled per input tensor: batching would make vectors order-dependent."""
    model = load_embedding_model(Settings(embed_backend="onnx-int8"))
    alone = np.array([model.get_text_embedding(text) for text in PASSAGES])
    together = np.array(model.get_text_embedding_batch(PASSAGES))
    shuffled = np.array(model.get_text_embedding_batch(PASSAGES[::-1]))[::-1]
    assert np.allclose(alone, together, atol=1e-6) and np.allclose(alone, shuffled, atol=1e-6)


def test_export_is_cached_and_an_unwritable_cache_is_a_clear_error(tmp_path):
    settings = Settings(embed_backend="onnx", model_cache_dir=tmp_path / "cache")
    load_embedding_model(settings)
    exported = list((tmp_path / "cache").rglob("model.onnx"))
    assert len(exported) == 1 and exported[0].stat().st_size > 10_000_000
    assert not list((tmp_path / "cache").rglob("*.partial"))

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    with pytest.raises(EmbeddingModelError, match="REPORTQA_EMBED_BACKEND=torch"):
        load_embedding_model(Settings(embed_backend="onnx-int8", model_cache_dir=blocked))


def test_an_index_from_another_backend_is_refused_by_indexer_and_reader(make_settings):
    torch_settings = make_settings(embed_backend="torch", corpus_dir=CORPUS)
    Indexer(torch_settings).index([CORPUS])
    assert embedding_id(torch_settings).endswith("/torch")

    int8_settings = make_settings(embed_backend="onnx-int8", corpus_dir=CORPUS)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Indexer(int8_settings).index([CORPUS])
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Assistant(int8_settings).ask("What did inspectors say about adoption?")

    summary = Indexer(int8_settings).index([CORPUS], rebuild=True)
    assert summary.chunks_written > 0
    assert Assistant(int8_settings).ask("What did inspectors say about adoption?").citations
