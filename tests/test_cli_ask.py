"""`reportqa ask` as a briefing writer uses it: citation lines that paste whole from a pipe, and
that wrap under their own text in a narrow terminal."""

from __future__ import annotations

import re

from rich.console import Console

import reportqa.cli as cli
from indexing.pipeline import Indexer
from reportqa.cli import main

QUESTION = "What did inspectors say about care leavers in Wiltshire?"


def _source_lines(shown: str) -> list[str]:
    return shown.split("Sources:", 1)[1].strip("\n").splitlines()


def test_citation_lines_from_a_pipe_are_one_line_each(
    make_settings, corpus_copy, embed_model, monkeypatch, capsys
):
    settings = make_settings(corpus_dir=corpus_copy)
    Indexer(settings, embed_model=embed_model).index()
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(settings.data_dir))

    assert main(["ask", QUESTION]) == 0  # capsys is a pipe: 80 columns, not a terminal
    lines = _source_lines(capsys.readouterr().out)
    assert lines and all(
        re.match(r"  \[\d+\] Ofsted, ‘.+’, \d+ \w+ \d{4}.*\. Section: .+", line) for line in lines
    )
    assert any(len(line) > 80 for line in lines)  # long enough that a wrap would have cut it

    # the scope line and a notice stay whole too ("From: Wiltshire · focused visit · August 2025;
    # Wiltshire · full inspection · July 2019", "No indexed joint targeted area inspection …")
    assert main(["ask", "What do the reports say about care leavers in Wiltshire and the JTAI?"]) == 0
    shown = capsys.readouterr().out.splitlines()
    scope = next(line for line in shown if line.startswith("From: "))
    notice = next(line for line in shown if line.startswith("No indexed"))
    assert len(scope) > 80 and scope.endswith("2019")
    assert len(notice) > 80 and notice.endswith("in scope.")

    monkeypatch.setattr(cli, "out", Console(width=60, force_terminal=True, color_system=None))
    assert main(["ask", QUESTION]) == 0
    lines = _source_lines(capsys.readouterr().out)
    numbered = [i for i, line in enumerate(lines) if re.match(r"  \[\d+\] ", line)]
    assert numbered and len(lines) > len(numbered)  # long lines wrapped …
    text_column = lines[numbered[0]].index("Ofsted")
    continued = [line for i, line in enumerate(lines) if i not in numbered and line.strip()]
    assert all(len(line) - len(line.lstrip()) == text_column for line in continued)  # … under their text
