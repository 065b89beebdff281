"""A full disk is said plainly, and what was indexed survives it (issue 12 item 10).

Needs a small real filesystem: a tmpfs mounted by the test (root only); skipped elsewhere.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

import vectorstore.chroma_store as chroma_store
from indexing.pipeline import Indexer
from vectorstore.chroma_store import StoreUnavailableError

WORDS = "care leavers supervision caseloads assessment planning placement stability family help".split()  # noqa: SIM905


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", str(mount)], capture_output=True
    )
    if done.returncode != 0:
        pytest.skip("needs to mount a small tmpfs (root): " + done.stderr.decode(errors="replace").strip())
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def _reports(folder, count: int, words: int) -> None:
    rng = random.Random(7)
    folder.mkdir()
    for n in range(count):
        sentences = [
            " ".join(rng.choice(WORDS) for _ in range(12)).capitalize() + "." for _ in range(words // 12)
        ]
        (folder / f"report-{n}.txt").write_text(f"Report {n}\n\n" + " ".join(sentences), encoding="utf-8")


def test_a_full_disk_is_named_and_the_index_survives(
    small_disk, make_settings, corpus_copy, embed_model, tmp_path, monkeypatch
):
    monkeypatch.setattr(chroma_store, "LOW_DISK_MB", 2)
    settings = make_settings(corpus_dir=corpus_copy, data_dir=small_disk / "data")
    assert Indexer(settings, embed_model=embed_model).index().count("added") == 2
    free = __import__("shutil").disk_usage(small_disk).free
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (free - 4 * 1024 * 1024))  # 4 MB left
    more = tmp_path / "more"
    _reports(more, 6, 15_000)

    with pytest.raises(StoreUnavailableError, match=r"The disk is full \(\d+ MB free at"):
        Indexer(settings, embed_model=embed_model).index([more])
    env = {**os.environ, "REPORTQA_DATA_DIR": str(settings.data_dir), "HF_HUB_OFFLINE": "1"}
    status = subprocess.run(
        [sys.executable, "-m", "reportqa.cli", "status"], env=env, capture_output=True, text=True, timeout=120
    )
    assert status.returncode == 2 and "The disk is full" in " ".join(status.stderr.split()), status.stderr

    filler.unlink()  # space again: everything indexed before is there, and the run finishes
    indexer = Indexer(settings, embed_model=embed_model)
    after = indexer.index([corpus_copy, more])
    assert not after.failed and after.count("unchanged") >= 2
    records = indexer.store.report_records()
    counts: dict[str, int] = {}
    for meta in indexer.store.get_chunks(include=["metadatas"])["metadatas"]:
        counts[meta["report_id"]] = counts.get(meta["report_id"], 0) + 1
    assert len(records) == 8 and all(counts.get(rid) == r["chunk_count"] for rid, r in records.items())
