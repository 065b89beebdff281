"""The judgements chart takes grades as each framework words them."""

from __future__ import annotations

from reportqa.presentation import judgement_chart, judgement_table


def test_chart_and_table_take_both_requires_improvement_wordings():
    rows = [
        {"authority": "X", "date": "2015-03-27", "type": "full inspection", "area": "overall effectiveness",
         "value": "requires improvement", "page": "1", "line": "The overall judgement is requires improvement",
         "report": "x-2015.pdf"},
        {"authority": "X", "date": "2022-05-04", "type": "full inspection", "area": "overall effectiveness",
         "value": "requires improvement to be good", "page": "1",
         "line": "Overall effectiveness Requires improvement to be good", "report": "x-2022.pdf"},
        {"authority": "X", "date": "2025-01-10", "type": "full inspection", "area": "overall effectiveness",
         "value": "good", "page": "1", "line": "Overall effectiveness Good", "report": "x-2025.pdf"},
    ]  # fmt: skip
    figure = judgement_chart(rows, "X")
    (line,) = figure.axes[0].get_lines()
    assert list(line.get_ydata()) == [2, 2, 3]
    assert [r[1] for r in judgement_table(rows)] == ["2025-01-10", "2022-05-04", "2015-03-27"]
