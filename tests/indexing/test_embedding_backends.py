"""The ONNX embedding paths against sentence-transformers, and the stamp that keeps backends apart."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from vectorstore.chroma_store import IndexMismatchError
from vectorstore.embeddings import EmbeddingModelError, embedding_id, load_embedding_model

from ..conftest import CORPUS
from .make_reference_vectors import PASSAGES, QUERIES
from .make_reference_vectors import REFERENCE as REFERENCE_FILE

REFERENCE = json.loads(REFERENCE_FILE.read_text())
REFERENCE_VECTORS = np.array(REFERENCE["vectors"])
assert REFERENCE["texts"] == PASSAGES + QUERIES, "re-run tests.indexing.make_reference_vectors"


@pytest.fixture(scope="module")
def vectors_by_backend():
    out = {"sentence-transformers": (REFERENCE_VECTORS[: len(PASSAGES)], REFERENCE_VECTORS[len(PASSAGES) :])}
    for backend in ("onnx", "onnx-int8"):
        model = load_embedding_model(Settings(embed_backend=backend))
        out[backend] = (
            np.array(model.get_text_embedding_batch(PASSAGES)),
            np.array([model.get_query_embedding(q) for q in QUERIES]),
        )
    return out


def test_onnx_fp32_reproduces_the_sentence_transformers_vectors(vectors_by_backend):
    reference_docs, reference_queries = vectors_by_backend["sentence-transformers"]
    onnx_docs, onnx_queries = vectors_by_backend["onnx"]
    assert np.allclose(np.linalg.norm(onnx_docs, axis=1), 1.0, atol=1e-5)
    assert (onnx_docs * reference_docs).sum(axis=1).min() > 0.9999  # includes truncation of the long one
    assert (onnx_queries * reference_queries).sum(axis=1).min() > 0.9999


def test_int8_stays_close_and_ranks_the_same(vectors_by_backend):
    reference_docs, reference_queries = vectors_by_backend["sentence-transformers"]
    int8_docs, int8_queries = vectors_by_backend["onnx-int8"]
    assert (int8_docs * reference_docs).sum(axis=1).min() > 0.97
    for backend_docs, backend_queries in ((reference_docs, reference_queries), (int8_docs, int8_queries)):
        ranking = np.argsort(-(backend_queries @ backend_docs.T), axis=1)[:, 0]
        assert list(ranking) == [0, 2]


def test_the_onnx_model_is_built_without_pytorch(tmp_path):
    """The default install has no PyTorch: the graph is written from the weights alone."""
    script = (
        "import sys; sys.modules['torch'] = None\n"  # any 'import torch' now fails
        "from reportqa.settings import Settings\n"
        "from vectorstore.embeddings import load_embedding_model\n"
        f"settings = Settings(embed_backend='onnx-int8', model_cache_dir={str(tmp_path)!r})\n"
        "model = load_embedding_model(settings)\n"
        "print(len(model.get_query_embedding('care leavers')))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "384"
    assert done.stderr.strip() == ""  # no third-party warnings on first use
    assert list(tmp_path.rglob("model-int8.onnx"))


def test_pytorch_when_installed_gives_the_reference_vectors_too():
    pytest.importorskip("torch", reason="PyTorch is the optional extra '.[torch]'; not installed here")
    model = load_embedding_model(Settings(embed_backend="torch"))
    docs = np.array(model.get_text_embedding_batch(PASSAGES))
    assert (docs * REFERENCE_VECTORS[: len(PASSAGES)]).sum(axis=1).min() > 0.9999


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
    with pytest.raises(EmbeddingModelError, match="REPORTQA_MODEL_CACHE_DIR is a writable folder"):
        load_embedding_model(Settings(embed_backend="onnx-int8", model_cache_dir=blocked))


def test_an_index_from_another_backend_is_refused_by_indexer_and_reader(make_settings):
    fp32_settings = make_settings(embed_backend="onnx", corpus_dir=CORPUS)
    Indexer(fp32_settings).index([CORPUS])
    assert embedding_id(fp32_settings).endswith("/onnx-r2")

    int8_settings = make_settings(embed_backend="onnx-int8", corpus_dir=CORPUS)
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Indexer(int8_settings).index([CORPUS])
    with pytest.raises(IndexMismatchError, match="--rebuild"):
        Assistant(int8_settings).ask("What did inspectors say about adoption?")

    summary = Indexer(int8_settings).index([CORPUS], rebuild=True)
    assert summary.chunks_written > 0
    assert Assistant(int8_settings).ask("What did inspectors say about adoption?").citations
