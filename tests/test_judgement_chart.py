"""The judgements chart takes grades as each framework words them."""

from __future__ import annotations

from reportqa.presentation import judgement_chart, judgement_table


def test_chart_and_table_take_both_requires_improvement_wordings():
    def row(date: str, value: str, line: str) -> dict:
        return {
            "authority": "X",
            "date": date,
            "type": "full inspection",
            "area": "overall effectiveness",
            "value": value,
            "page": "1",
            "line": line,
            "report": f"x-{date[:4]}.pdf",
        }

    rows = [
        row("2015-03-27", "requires improvement", "The overall judgement is requires improvement"),
        row(
            "2022-05-04",
            "requires improvement to be good",
            "Overall effectiveness Requires improvement to be good",
        ),
        row("2025-01-10", "good", "Overall effectiveness Good"),
    ]
    figure = judgement_chart(rows, "X")
    (line,) = figure.axes[0].get_lines()
    assert list(line.get_ydata()) == [2, 2, 3]
    assert [r[1] for r in judgement_table(rows)] == ["2025-01-10", "2022-05-04", "2015-03-27"]
