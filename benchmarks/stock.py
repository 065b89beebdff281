"""The reference a user would build with stock llama-index, measured in the same run.

Documents are read the way llama-index's ``PDFReader`` (llama-index-readers-file) does —
one Document per PDF page via pypdf, one per text file — then indexed with
``VectorStoreIndex`` and its default ``SentenceSplitter`` into Chroma, with the same
embedding model at its llama-index defaults, and queried with ``index.as_retriever``.
"""

from __future__ import annotations

import time
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core import Document, StorageContext, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter
from llama_index.vector_stores.chroma import ChromaVectorStore
from pypdf import PdfReader


def read_documents(corpus: Path) -> tuple[list[Document], int]:
    docs: list[Document] = []
    pages = 0
    for path in sorted(corpus.iterdir()):
        if path.suffix.lower() == ".pdf":
            reader = PdfReader(path)
            for i, page in enumerate(reader.pages):
                docs.append(
                    Document(
                        text=page.extract_text() or "", metadata={"file_name": path.name, "page_label": i + 1}
                    )
                )
            pages += len(reader.pages)
        elif path.suffix.lower() in (".txt", ".md"):
            docs.append(Document(text=path.read_text(encoding="utf-8"), metadata={"file_name": path.name}))
            pages += 1
    return docs, pages


def stock_embed_model(model_dir: Path):
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    return HuggingFaceEmbedding(model_name=str(model_dir), device="cpu")  # llama-index defaults otherwise


def build_stock_index(corpus: Path, chroma_dir: Path, embed_model) -> tuple[VectorStoreIndex, dict]:
    started = time.perf_counter()
    docs, pages = read_documents(corpus)
    client = chromadb.PersistentClient(
        path=str(chroma_dir), settings=ChromaSettings(anonymized_telemetry=False)
    )
    collection = client.get_or_create_collection("stock", embedding_function=None)
    storage = StorageContext.from_defaults(vector_store=ChromaVectorStore(chroma_collection=collection))
    index = VectorStoreIndex.from_documents(
        docs, storage_context=storage, embed_model=embed_model, transformations=[SentenceSplitter()]
    )
    seconds = time.perf_counter() - started
    return index, {"pages": pages, "chunks": collection.count(), "cold_index_s": round(seconds, 2)}


def time_retrieval(index: VectorStoreIndex, questions: list[str], k: int = 6) -> list[float]:
    retriever = index.as_retriever(similarity_top_k=k)
    retriever.retrieve(questions[0])  # warm-up
    out = []
    for question in questions:
        t0 = time.perf_counter()
        retriever.retrieve(question)
        out.append(time.perf_counter() - t0)
    return out
