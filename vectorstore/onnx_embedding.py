"""MiniLM run by ONNX Runtime, optionally with int8 weights: the fast embedding path.

Embedding is about 90 % of indexing time. The packaged model ships only safetensors
weights, so on first use its ONNX graph is written once from them (`bert_onnx`, about
1 s, no PyTorch) and cached in ``REPORTQA_MODEL_CACHE_DIR``; later processes load the file.

Why int8 is *per-channel* and *MatMul-only*: per-tensor int8 dynamic quantisation of
MiniLM measured a mean cosine of 0.957 to the fp32 vectors (min 0.90), enough to
reorder search results; per-channel on the MatMul weights alone keeps 0.994 (min 0.985)
at 2.2× the speed of PyTorch on this 2-core machine (88 vs 41 passages/s). The shipped
evaluation sets are the acceptance test for that trade (see benchmarks/README.md).
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import numpy as np
from filelock import FileLock
from llama_index.core.base.embeddings.base import BaseEmbedding
from pydantic import PrivateAttr

from vectorstore.bert_onnx import build_bert_onnx

# Bump when the export or quantisation recipe changes: it names the cache folder and goes
# into the index stamp, so vectors from an older recipe are never mixed with new ones.
# r2: the graph is built from the weights (`bert_onnx`) instead of traced by PyTorch. Its fp32
# vectors equal r1's (max difference 1.5e-7), but int8 rounds activations, so those tiny
# differences move int8 vectors (mean cosine 0.9994 to r1's): a new recipe, a rebuilt index.
EXPORT_RECIPE = "r2"


def max_sequence_length(model_dir: Path) -> int:
    """The truncation length sentence-transformers uses for this model (256 for MiniLM)."""
    config = model_dir / "sentence_bert_config.json"
    if config.exists():
        return int(json.loads(config.read_text()).get("max_seq_length", 256))
    return 256


def _quantize_int8(source: Path, target: Path) -> None:
    import logging

    import onnxruntime
    from onnxruntime.quantization import QuantType, quantize_dynamic

    # The quantiser logs a pre-processing hint to the root logger and ONNX Runtime warns about
    # shape merging in its scratch graph; neither is anything a user can act on.
    onnxruntime.set_default_logger_severity(3)
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    try:
        quantize_dynamic(
            str(source),
            str(target),
            weight_type=QuantType.QInt8,
            op_types_to_quantize=["MatMul"],
            per_channel=True,
        )
    finally:
        root.setLevel(level)


def ensure_onnx_model(model_dir: Path, cache_dir: Path, fingerprint: str, quantized: bool) -> Path:
    """The cached ONNX file for this model, exporting it first if needed (once, under a lock)."""
    folder = cache_dir / f"{fingerprint.replace(':', '-')}-{EXPORT_RECIPE}"
    target = folder / ("model-int8.onnx" if quantized else "model.onnx")
    if target.exists():
        return target
    folder.mkdir(parents=True, exist_ok=True)
    with FileLock(str(folder / "export.lock")):
        if target.exists():  # another process exported it while we waited
            return target
        fp32 = folder / "model.onnx"
        if not fp32.exists():
            partial = folder / "model.onnx.partial"
            build_bert_onnx(model_dir, partial)
            os.replace(partial, fp32)
        if quantized:
            partial = folder / "model-int8.onnx.partial"
            _quantize_int8(fp32, partial)
            os.replace(partial, target)
    return target


class OnnxEmbedding(BaseEmbedding):
    """A llama-index embedding backed by an ONNX Runtime session: mean pooling, L2-normalised.

    Pooling and normalisation match the sentence-transformers model card, so the fp32
    export reproduces the PyTorch vectors (cosine 1.0000 measured on 1,200 passages).

    Each text is run on its own, never batched with others: dynamic int8 quantisation
    scales activations over the whole input tensor, so in a batch one passage's vector
    would depend on its neighbours and their padding (an answer changed with the order
    of earlier questions). One text per call on ``threads`` single-threaded workers is
    deterministic and was also the fastest layout measured (154 passages/s on 2 cores,
    against 95/s for batches of 16).
    """

    _session: Any = PrivateAttr()
    _tokenizer: Any = PrivateAttr()
    _pool: Any = PrivateAttr()

    def __init__(
        self, onnx_path: Path, model_dir: Path, model_name: str, threads: int, embed_batch_size: int = 16
    ) -> None:
        super().__init__(model_name=model_name, embed_batch_size=embed_batch_size)
        import onnxruntime as ort
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        self._session = ort.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(max_sequence_length(model_dir))
        tokenizer.no_padding()
        self._tokenizer = tokenizer
        workers = threads or max(1, os.cpu_count() or 1)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="embed")

    @classmethod
    def class_name(cls) -> str:
        return "OnnxEmbedding"

    def _embed_one(self, text: str) -> list[float]:
        ids = np.array([self._tokenizer.encode(text).ids], dtype=np.int64)
        inputs = {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)}
        hidden = self._session.run(None, inputs)[0][0]
        pooled = hidden.mean(axis=0)
        return (pooled / max(float(np.linalg.norm(pooled)), 1e-12)).tolist()

    def _get_query_embedding(self, query: str) -> list[float]:
        return self._embed_one(query)

    async def _aget_query_embedding(self, query: str) -> list[float]:
        return self._get_query_embedding(query)

    def _get_text_embedding(self, text: str) -> list[float]:
        return self._embed_one(text)

    def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
        if len(texts) <= 1:
            return [self._embed_one(text) for text in texts]
        return list(self._pool.map(self._embed_one, texts))
