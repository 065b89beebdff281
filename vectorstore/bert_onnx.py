"""A BERT encoder written out as an ONNX graph straight from its safetensors weights.

Why not ``torch.onnx.export``: tracing needs PyTorch, a 750 MB install used for nothing
else, and the default environment must set up fast and small. MiniLM is a plain BERT
encoder (embeddings, then N identical layers of self-attention and a GELU feed-forward
block, each closed by a residual LayerNorm), so the graph is short to state directly
with ``onnx.helper``; the weights are read with ``safetensors`` into NumPy.

The graph has the traced export's interface (``input_ids``, ``attention_mask``,
``token_type_ids`` in; ``last_hidden_state`` out, dynamic batch and length) and computes
the same function as Hugging Face's ``BertModel`` in eval mode: the test suite checks its
vectors against ones made by sentence-transformers.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

OPSET = 17  # LayerNormalization is a standard op from 17 on
_EMBEDDINGS = ("word_embeddings", "position_embeddings", "token_type_embeddings")


class _Graph:
    """Collects nodes and initialisers; each helper returns the name of its output."""

    def __init__(self, weights: dict[str, np.ndarray]) -> None:
        from onnx import helper

        self.helper = helper
        self.weights = weights
        self.nodes: list = []
        self.initializers: list = []
        self._count = 0

    def _name(self, hint: str) -> str:
        self._count += 1
        return f"{hint}_{self._count}"

    def const(self, hint: str, value: np.ndarray) -> str:
        from onnx import numpy_helper

        name = self._name(hint)
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(value), name))
        return name

    def op(self, op_type: str, inputs: list[str], hint: str = "", **attributes) -> str:
        out = self._name(hint or op_type.lower())
        self.nodes.append(self.helper.make_node(op_type, inputs, [out], **attributes))
        return out

    def linear(self, x: str, prefix: str) -> str:
        """``x @ W.T + b`` with the transposed weight stored, as a traced ``nn.Linear`` is."""
        weight = self.const(f"{prefix}.weight_T", self.weights[f"{prefix}.weight"].T)
        bias = self.const(f"{prefix}.bias", self.weights[f"{prefix}.bias"])
        return self.op("Add", [self.op("MatMul", [x, weight]), bias])

    def layer_norm(self, x: str, prefix: str, epsilon: float) -> str:
        scale = self.const(f"{prefix}.weight", self.weights[f"{prefix}.weight"])
        bias = self.const(f"{prefix}.bias", self.weights[f"{prefix}.bias"])
        return self.op("LayerNormalization", [x, scale, bias], axis=-1, epsilon=epsilon)

    def gelu(self, x: str) -> str:
        """The exact (erf) GELU that BERT's ``hidden_act: gelu`` means."""
        scaled = self.op("Div", [x, self.const("sqrt2", np.array(np.sqrt(2.0), dtype=np.float32))])
        one = self.const("one", np.array(1.0, dtype=np.float32))
        half = self.const("half", np.array(0.5, dtype=np.float32))
        return self.op("Mul", [self.op("Mul", [x, half]), self.op("Add", [self.op("Erf", [scaled]), one])])


def _attention(g: _Graph, x: str, mask_bias: str, prefix: str, heads: int, hidden: int) -> str:
    """Multi-head self-attention: split heads, scaled dot product plus the padding bias, merge."""
    head_size = hidden // heads
    split = g.const("split_shape", np.array([0, 0, heads, head_size], dtype=np.int64))
    merge = g.const("merge_shape", np.array([0, 0, hidden], dtype=np.int64))

    def heads_of(name: str, perm: list[int]) -> str:
        return g.op("Transpose", [g.op("Reshape", [g.linear(x, f"{prefix}.self.{name}"), split])], perm=perm)

    query = heads_of("query", [0, 2, 1, 3])  # batch, head, token, dim
    key = heads_of("key", [0, 2, 3, 1])  # batch, head, dim, token
    value = heads_of("value", [0, 2, 1, 3])
    scale = g.const("scale", np.array(np.sqrt(head_size), dtype=np.float32))
    scores = g.op("Add", [g.op("Div", [g.op("MatMul", [query, key]), scale]), mask_bias])
    context = g.op("MatMul", [g.op("Softmax", [scores], axis=-1), value])
    merged = g.op("Reshape", [g.op("Transpose", [context], perm=[0, 2, 1, 3]), merge])
    return g.linear(merged, f"{prefix}.output.dense")


def build_bert_onnx(model_dir: Path, target: Path) -> None:
    """Write ``model_dir``'s BERT encoder (config.json + model.safetensors) to ``target``."""
    import onnx
    from onnx import TensorProto, helper
    from safetensors.numpy import load_file

    config = json.loads((model_dir / "config.json").read_text())
    if config.get("model_type") != "bert" or config.get("hidden_act", "gelu") != "gelu":
        raise ValueError(f"{model_dir} is not a BERT model with GELU activations; only those can be built")
    stored = load_file(model_dir / "model.safetensors")
    weights = {key.removeprefix("bert."): value for key, value in stored.items()}
    hidden, heads, epsilon = config["hidden_size"], config["num_attention_heads"], config["layer_norm_eps"]
    g = _Graph(weights)

    # Embeddings: word + position (the first T rows of the table) + token type, then LayerNorm.
    length = g.op("Shape", ["input_ids"], start=1, end=2)  # [T], a 1-D tensor
    zero_axis = g.const("zero_axis", np.array([0], dtype=np.int64))
    table = {name: g.const(name, weights[f"embeddings.{name}.weight"]) for name in _EMBEDDINGS}
    word = g.op("Gather", [table["word_embeddings"], "input_ids"])
    position = g.op("Slice", [table["position_embeddings"], zero_axis, length, zero_axis])
    token_type = g.op("Gather", [table["token_type_embeddings"], "token_type_ids"])
    x = g.layer_norm(
        g.op("Add", [g.op("Add", [word, position]), token_type]), "embeddings.LayerNorm", epsilon
    )

    # Padding bias: 0 where attention_mask is 1, the float minimum where it is 0 (as transformers does).
    mask = g.op("Cast", ["attention_mask"], to=TensorProto.FLOAT)
    one = g.const("one", np.array(1.0, dtype=np.float32))
    lowest = g.const("lowest", np.array(np.finfo(np.float32).min, dtype=np.float32))
    bias = g.op("Mul", [g.op("Sub", [one, mask]), lowest])
    mask_bias = g.op("Unsqueeze", [bias, g.const("axes", np.array([1, 2], dtype=np.int64))])

    for layer in range(config["num_hidden_layers"]):
        prefix = f"encoder.layer.{layer}"
        attended = _attention(g, x, mask_bias, f"{prefix}.attention", heads, hidden)
        x = g.layer_norm(g.op("Add", [attended, x]), f"{prefix}.attention.output.LayerNorm", epsilon)
        inner = g.gelu(g.linear(x, f"{prefix}.intermediate.dense"))
        x = g.layer_norm(
            g.op("Add", [g.linear(inner, f"{prefix}.output.dense"), x]), f"{prefix}.output.LayerNorm", epsilon
        )
    g.nodes.append(helper.make_node("Identity", [x], ["last_hidden_state"]))

    dims = ["batch", "tokens"]
    inputs = [
        helper.make_tensor_value_info(name, TensorProto.INT64, dims)
        for name in ("input_ids", "attention_mask", "token_type_ids")
    ]
    output = helper.make_tensor_value_info("last_hidden_state", TensorProto.FLOAT, [*dims, hidden])
    graph = helper.make_graph(g.nodes, "bert_encoder", inputs, [output], g.initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="reportqa")
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
