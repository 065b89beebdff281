"""A running app on the embedded store sees reports another process indexes (issue 12 item 1).

The reader is this process's `Assistant`; the writer is `reportqa index` in a real second
process, as when someone indexes from a shell while the chat is open.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from indexing.pipeline import Indexer
from reportqa.assistant import Assistant

NEW_REPORT = """Inspection of Testshire children's services

Care leavers

Care leavers in Testshire are supported by the Lighthouse mentoring scheme, which pairs each
young person with a trained volunteer mentor for two years after they leave care.
"""


def _index_in_another_process(data_dir, folder) -> None:
    env = {**os.environ, "REPORTQA_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1"}
    subprocess.run([sys.executable, "-m", "reportqa.cli", "index", str(folder)], env=env, check=True)


def test_the_reader_answers_from_reports_another_process_indexed(
    make_settings, corpus_copy, embed_model, tmp_path
):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    reader = Assistant(settings, embed_model=embed_model)
    assert reader.ask("What did inspectors say about CAMHS waits?").citations

    other = tmp_path / "other"
    other.mkdir()
    (other / "testshire-inspection-2025.txt").write_text(NEW_REPORT, encoding="utf-8")
    _index_in_another_process(settings.data_dir, other)
    time.sleep(1.1)  # the reader checks the index's version at most once a second

    answer = reader.ask("What is the Lighthouse mentoring scheme for care leavers?")
    assert answer.citations and answer.citations[0].report == "testshire-inspection-2025.txt"
    # and the reports it had before still answer
    assert reader.ask("What did inspectors say about CAMHS waits?").citations

    (other / "testshire-inspection-2025.txt").unlink()
    _index_in_another_process(settings.data_dir, other)  # removes it
    time.sleep(1.1)
    gone = reader.ask("What is the Lighthouse mentoring scheme for care leavers?")
    assert all(c.report != "testshire-inspection-2025.txt" for c in gone.citations)
