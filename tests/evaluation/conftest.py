from __future__ import annotations

import shutil

import pytest

from indexing.pipeline import Indexer
from reportqa.settings import Settings
from tests.conftest import CORPUS


@pytest.fixture
def indexed_corpus_env(tmp_path, monkeypatch, embed_model):
    """The shipped corpus indexed into a temporary data dir that the CLI will use."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    settings = Settings(data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    Indexer(settings, embed_model=embed_model).index()
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("REPORTQA_CORPUS_DIR", str(settings.corpus_dir))
    return settings
