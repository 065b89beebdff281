"""`reportqa status` in pipes and narrow terminals (issue 13 item 5): JSON, CSV, no cut cells."""

from __future__ import annotations

import csv
import io
import json

from indexing.pipeline import Indexer
from reportqa.cli import main


def test_status_as_json_csv_and_a_narrow_table(make_settings, corpus_copy, embed_model, monkeypatch, capsys):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))

    assert main(["status", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {r["report"] for r in rows} == {p.name for p in corpus_copy.iterdir() if p.suffix == ".txt"}
    assert all(r["authority"] == "Wiltshire" and r["date"] and r["title"] for r in rows)

    assert main(["status", "--csv"]) == 0
    parsed = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["report"] for r in parsed] == [r["report"] for r in rows]

    monkeypatch.setenv("COLUMNS", "80")
    from rich.console import Console

    import reportqa.cli as cli

    monkeypatch.setattr(cli, "out", Console(width=80))
    assert main(["status"]) == 0
    shown = capsys.readouterr().out
    assert "…" not in shown  # cells wrap; none is cut short
    assert "Wiltshire" in shown and "2025-08-22" in shown
