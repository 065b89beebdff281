"""The on-disk columns a loaded snapshot reads its rows from (`retrieval.columns`)."""

from __future__ import annotations

import numpy as np
import pytest

from retrieval.columns import JsonColumn, RowLayout, RowsById, StringColumn


def test_strings_come_back_by_row_whatever_their_characters(tmp_path):
    strings = ["", "Children’s services in Croydon", "é" * 3, "line\nbreak", "last"]
    assert StringColumn.write(tmp_path, "texts", strings) == 5
    column = StringColumn.open(tmp_path, "texts")
    assert len(column) == 5
    assert [column[row] for row in range(5)] == strings
    assert list(column) == strings and column[-1] == "last" and column[1:3] == strings[1:3]
    with pytest.raises(IndexError):
        column[5]


def test_an_empty_column_opens(tmp_path):
    StringColumn.write(tmp_path, "ids", [])
    assert list(StringColumn.open(tmp_path, "ids")) == []


def test_a_column_cut_short_is_refused(tmp_path):
    StringColumn.write(tmp_path, "texts", ["one passage", "another passage"])
    data = tmp_path / "texts.bin"
    data.write_bytes(data.read_bytes()[:5])
    with pytest.raises(ValueError):
        StringColumn.open(tmp_path, "texts")


def test_metadata_and_ids_by_row(tmp_path):
    metas = [{"report_id": "a.pdf", "page_start": "3"}, {"report_id": "b.pdf", "position": 2}]
    JsonColumn.write(tmp_path, "metas", metas)
    assert list(JsonColumn.open(tmp_path, "metas")) == metas
    ids = sorted(f"report-{n:03}.pdf:abc:{n % 7:04}" for n in range(200))
    StringColumn.write(tmp_path, "ids", ids)
    rows = RowsById(StringColumn.open(tmp_path, "ids"))
    assert all(rows[chunk_id] == row for row, chunk_id in enumerate(ids))
    assert rows.get("report-999.pdf:abc:0000") is None and "zzz" not in rows


def test_the_layout_puts_each_report_in_reading_order_and_marks_section_starts(tmp_path):
    # Rows in id order, not reading order: positions say where each sits in its report.
    metas = [
        {"report_id": "b.pdf", "position": 1, "section": "Care leavers"},
        {"report_id": "a.pdf", "position": 2, "section": "Help"},
        {"report_id": "b.pdf", "position": 0, "section": "Care leavers"},
        {"report_id": "a.pdf", "position": 0, "section": "Summary"},
        {"report_id": "a.pdf", "position": 1, "section": "Help"},
    ]
    layout = RowLayout.of_metas(metas)
    rows = layout.rows_by_report()
    assert list(rows) == ["b.pdf", "a.pdf"]
    assert rows["b.pdf"].tolist() == [2, 0] and rows["a.pdf"].tolist() == [3, 4, 1]
    assert layout.opens_section.tolist() == [False, False, True, True, True]
    layout.save(tmp_path)
    again = RowLayout.load(tmp_path)
    assert again.reports == layout.reports
    reloaded = again.rows_by_report()
    assert {k: v.tolist() for k, v in reloaded.items()} == {k: v.tolist() for k, v in rows.items()}


def test_an_updated_layout_is_the_one_read_from_every_row():
    """After an upload that removes one report, replaces another and adds a third, the layout
    merged from the old one and the new rows equals the layout read from all rows' metadata."""

    def rows(report: str, sections: list[str]) -> list[dict]:
        return [{"report_id": report, "position": n, "section": s} for n, s in enumerate(sections)]

    before = rows("a.pdf", ["S", "S", "T"]) + rows("b.pdf", ["S", "U"]) + rows("c.pdf", ["V", "V"])
    before.sort(key=lambda m: (m["report_id"], -m["position"]))  # rows in id order, not reading order
    previous = RowLayout.of_metas(before)
    keep = np.array([row for row, meta in enumerate(before) if meta["report_id"] == "a.pdf"])
    new_metas = rows("c.pdf", ["W", "W", "X"]) + rows("0.pdf", ["Y"])  # c replaced, b removed, 0 added
    combined = [before[row] for row in keep] + new_metas
    order = np.array(sorted(range(len(combined)), key=lambda c: (combined[c]["report_id"], c)))
    merged = RowLayout.merged(previous, keep, RowLayout.of_metas(new_metas), order)
    expected = RowLayout.of_metas([combined[c] for c in order])
    assert merged.reports == expected.reports == ["0.pdf", "a.pdf", "c.pdf"]
    for name in ("report_of_row", "position", "opens_section"):
        assert getattr(merged, name).tolist() == getattr(expected, name).tolist(), name
