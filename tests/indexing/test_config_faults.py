"""Configuration faults: a read-only data folder, a missing corpus folder."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from indexing.pipeline import Indexer
from reportqa.cli import main


@pytest.fixture
def read_only_copy(tmp_path):
    """A read-only view of a folder: a read-only bind mount as root, chmod otherwise."""
    source, view = tmp_path / "rw", tmp_path / "ro"
    source.mkdir()
    view.mkdir()
    mounted = []  # os.path.ismount cannot see a bind mount of the same device

    def make(folder):
        shutil.copytree(folder, source, dirs_exist_ok=True)
        if os.geteuid() != 0:
            for path in [source, *source.rglob("*")]:
                path.chmod(0o555 if path.is_dir() else 0o444)
            return source
        if subprocess.run(["mount", "--bind", str(source), str(view)], capture_output=True).returncode:
            pytest.skip("running as root without permission to make a read-only mount")
        mounted.append(view)
        if subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], capture_output=True).returncode:
            pytest.skip("running as root without permission to make a mount read-only")
        return view

    yield make
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=False)
    for path in [source, *source.rglob("*")]:
        path.chmod(0o755)


def test_read_only_data_folder_is_a_clear_error_and_changes_nothing(
    make_settings, corpus_copy, embed_model, read_only_copy, monkeypatch, capsys
):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    read_only = read_only_copy(settings.data_dir)
    before = sorted(p.relative_to(read_only) for p in read_only.rglob("*"))
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(read_only))
    monkeypatch.setenv("REPORTQA_CORPUS_DIR", str(corpus_copy))
    for command in (["ask", "What about RHIs?"], ["index"], ["status"]):
        assert main(command) == 2
        captured = capsys.readouterr()
        said = " ".join((captured.out + captured.err).split())
        assert "not writable" in said and "REPORTQA_DATA_DIR" in said and "Traceback" not in said
    assert sorted(p.relative_to(read_only) for p in read_only.rglob("*")) == before


def test_missing_corpus_folder_removes_nothing(make_settings, corpus_copy, embed_model, tmp_path):
    indexer = Indexer(make_settings(corpus_dir=corpus_copy), embed_model=embed_model)
    indexer.index()
    count = indexer.store.count()
    gone = tmp_path / "renamed-corpus"
    corpus_copy.rename(gone)
    summary = Indexer(make_settings(corpus_dir=corpus_copy), embed_model=embed_model).index()
    assert summary.count("removed") == 0
    assert "no such file or folder" in summary.outcomes[0].reason
    assert indexer.store.count() == count
