from __future__ import annotations

import shutil

import pytest

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant
from reportqa.settings import Settings
from tests.conftest import CORPUS


@pytest.fixture(scope="module")
def indexed_settings(tmp_path_factory, embed_model) -> Settings:
    """The shipped corpus indexed into a temporary store, once per test module."""
    root = tmp_path_factory.mktemp("answering")
    shutil.copytree(CORPUS, root / "corpus")
    settings = Settings(data_dir=root / "data", corpus_dir=root / "corpus")
    Indexer(settings, embed_model=embed_model).index()
    return settings


@pytest.fixture(scope="module")
def assistant(indexed_settings, embed_model) -> Assistant:
    return Assistant(indexed_settings, embed_model=embed_model)
