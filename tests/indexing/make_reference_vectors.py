"""Write the reference vectors the ONNX backends are tested against (needs the torch extra).

They are made by sentence-transformers itself, the model card's own code, so the test
compares reportqa's torch-free ONNX graph with the library the model was published for,
on machines where PyTorch is not installed. Run: python -m tests.indexing.make_reference_vectors
"""

from __future__ import annotations

import json
from pathlib import Path

REFERENCE = Path(__file__).with_name("minilm_reference_vectors.json")
PASSAGES = [
    "Children who go missing from home receive return home interviews that are timely.",
    "The quality of child protection plans is variable; some plans lack clear timescales.",
    "Care leavers are supported by personal advisers who know them well.",
    "Leaders have a clear understanding of the strengths and weaknesses of practice.",
    "x",
    "A very long passage " + "about workload and supervision of social workers " * 60,
]
QUERIES = ["return home interviews after missing episodes", "personal advisers for care leavers"]


def main() -> None:
    from sentence_transformers import SentenceTransformer

    from reportqa.settings import packaged_model_dir

    model = SentenceTransformer(str(packaged_model_dir()), device="cpu")
    vectors = model.encode(PASSAGES + QUERIES, normalize_embeddings=True)
    REFERENCE.write_text(
        json.dumps(
            {
                "made_by": f"sentence-transformers {__import__('sentence_transformers').__version__}",
                "texts": PASSAGES + QUERIES,
                "vectors": [[round(float(v), 7) for v in row] for row in vectors],
            }
        )
        + "\n"
    )
    print(f"wrote {REFERENCE}")


if __name__ == "__main__":
    main()
