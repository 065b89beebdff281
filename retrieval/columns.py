"""Per-passage strings kept on disk and read by row: what lets a serving process hold a
million passages without holding their texts.

A column is one file of UTF-8 strings written end to end and an array of where each one
starts, both memory-mapped: a process pays for the rows it reads (a question's candidates),
not for the corpus, and every process on the same files shares one copy in the page cache.
`JsonColumn` keeps each passage's metadata the same way, as one JSON object per row.
"""

from __future__ import annotations

import bisect
import json
import mmap
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

import numpy as np


class StringColumn(Sequence[str]):
    """Strings read by row from ``<name>.bin`` and ``<name>.offsets.npy``."""

    def __init__(self, data: mmap.mmap | bytes, offsets: np.ndarray) -> None:
        self._data = data  # the strings end to end, memory-mapped (slicing it gives bytes)
        self._offsets = offsets  # int64, one more than there are rows

    @classmethod
    def open(cls, folder: Path, name: str) -> StringColumn:
        # A plain array over the mapping: np.memmap's own indexing costs microseconds a row.
        offsets = np.load(folder / f"{name}.offsets.npy", mmap_mode="r").view(np.ndarray)
        size = int(offsets[-1]) if len(offsets) else 0
        data: mmap.mmap | bytes = b""
        if size:  # an empty file cannot be mapped, and an empty column needs no mapping
            with (folder / f"{name}.bin").open("rb") as file:
                data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        if len(data) != size:
            raise ValueError(f"{name}.bin holds {len(data)} bytes, its offsets say {size}")
        return cls(data, offsets)

    @staticmethod
    def write(folder: Path, name: str, strings: Iterable[str]) -> int:
        """Write the column; the number of rows written."""
        with ColumnWriter(folder, name) as out:
            for text in strings:
                out.append(text)
        return out.rows

    def __len__(self) -> int:
        return max(0, len(self._offsets) - 1)

    @overload
    def __getitem__(self, row: int) -> str: ...
    @overload
    def __getitem__(self, row: slice) -> list[str]: ...
    def __getitem__(self, row):
        if isinstance(row, slice):
            return [self[i] for i in range(*row.indices(len(self)))]
        row = int(row)
        if row < 0:
            row += len(self)
        if not 0 <= row < len(self):
            raise IndexError(row)
        start, end = self._offsets[row : row + 2].tolist()
        return self._data[start:end].decode("utf-8")

    def __iter__(self) -> Iterator[str]:
        return (self[row] for row in range(len(self)))


class ColumnWriter:
    """Appends strings to a column row by row (`StringColumn.write` writes a whole iterable):
    for a writer that fills several columns from one pass over its input."""

    def __init__(self, folder: Path, name: str) -> None:
        self._folder, self._name = folder, name
        self._out = (folder / f"{name}.bin").open("wb")
        self._offsets = [0]

    @property
    def rows(self) -> int:
        return len(self._offsets) - 1

    def append(self, text: str) -> None:
        encoded = text.encode("utf-8")
        self._out.write(encoded)
        self._offsets.append(self._offsets[-1] + len(encoded))

    def __enter__(self) -> ColumnWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self._out.close()
        np.save(self._folder / f"{self._name}.offsets.npy", np.asarray(self._offsets, dtype=np.int64))


class JsonColumn(Sequence[dict]):
    """One JSON object per row (a passage's metadata), decoded when the row is read."""

    def __init__(self, strings: StringColumn) -> None:
        self._strings = strings

    @classmethod
    def open(cls, folder: Path, name: str) -> JsonColumn:
        return cls(StringColumn.open(folder, name))

    @staticmethod
    def write(folder: Path, name: str, objects: Iterable[dict | list]) -> int:
        return StringColumn.write(folder, name, (json.dumps(o, ensure_ascii=False) for o in objects))

    @property
    def strings(self) -> StringColumn:
        """The rows as their JSON text, undecoded."""
        return self._strings

    def __len__(self) -> int:
        return len(self._strings)

    def __getitem__(self, row):
        if isinstance(row, slice):
            return [json.loads(text) for text in self._strings[row]]
        return json.loads(self._strings[row])

    def __iter__(self) -> Iterator[dict]:
        return (json.loads(text) for text in self._strings)


def find_sorted(column: Sequence[str], value: str) -> int | None:
    """The row of ``value`` in a column sorted in ascending order (chunk ids), by bisection:
    no dictionary of a million ids in memory."""
    row = bisect.bisect_left(column, value)
    return row if row < len(column) and column[row] == value else None


class RowsById(Mapping[str, int]):
    """Chunk id -> row, for ids in ascending order (as snapshot rows are): a bisection over the
    id column rather than a dictionary holding every id again."""

    def __init__(self, ids: Sequence[str]) -> None:
        self._ids = ids

    def __getitem__(self, chunk_id: str) -> int:
        row = find_sorted(self._ids, chunk_id)
        if row is None:
            raise KeyError(chunk_id)
        return row

    def get(self, chunk_id: str, default: int | None = None) -> int | None:  # one bisection, not two
        row = find_sorted(self._ids, chunk_id)
        return default if row is None else row

    def __len__(self) -> int:
        return len(self._ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)


_LAYOUT_ARRAYS = ("report_of_row", "position", "opens_section")


@dataclass(frozen=True)
class RowLayout:
    """Where each row sits: its report, its place in the report's reading order, and whether
    it opens a section. Read from every row's metadata once and saved with the snapshot, so
    a process that loads a snapshot never decodes a million metadata objects to filter by
    council or to put a report's passages in order."""

    reports: list[str]  # report ids, numbered as report_of_row numbers them
    report_of_row: np.ndarray  # int32
    position: np.ndarray  # int32: the passage's position in its report
    opens_section: np.ndarray  # bool: its section differs from the passage before it

    @classmethod
    def of_metas(cls, metas: Iterable[dict]) -> RowLayout:
        number: dict[str, int] = {}
        report_of_row, position, sections = [], [], []
        for meta in metas:
            report = str(meta.get("report_id", ""))
            report_of_row.append(number.setdefault(report, len(number)))
            position.append(int(meta.get("position", 0)))
            sections.append(str(meta.get("section", "")))
        layout = cls(
            list(number),
            np.asarray(report_of_row, dtype=np.int32),
            np.asarray(position, dtype=np.int32),
            np.zeros(len(sections), dtype=bool),
        )
        before: tuple[int, str] | None = None
        for row in layout.reading_order():
            here = (int(layout.report_of_row[row]), sections[row])
            layout.opens_section[row] = here != before
            before = here
        return layout

    @classmethod
    def merged(cls, previous: RowLayout, keep: np.ndarray, new: RowLayout, order: np.ndarray) -> RowLayout:
        """The layout of ``previous``'s rows ``keep`` followed by ``new``'s rows, put in ``order``
        (row i is combined row ``order[i]``), as `of_metas` would read it from their metadata:
        an update's layout without decoding every row's metadata again. Reports are whole on
        either side (an update drops or adds a report's every row), so whether a row opens a
        section is what it was."""
        keep = np.asarray(keep, dtype=np.int64)
        offset = len(previous.reports)  # new rows' report numbers follow the previous ones
        report = np.concatenate([previous.report_of_row[keep], new.report_of_row + offset])[order]
        numbers, first_row = np.unique(report, return_index=True)
        by_first_row = numbers[np.argsort(first_row)]  # reports numbered as they first appear
        renumbered = np.zeros(len(previous.reports) + len(new.reports), dtype=np.int32)
        renumbered[by_first_row] = np.arange(len(by_first_row), dtype=np.int32)
        names = [*previous.reports, *new.reports]
        return cls(
            [names[n] for n in by_first_row],
            renumbered[report],
            np.concatenate([previous.position[keep], new.position])[order].astype(np.int32),
            np.concatenate([previous.opens_section[keep], new.opens_section])[order].astype(bool),
        )

    def reading_order(self) -> np.ndarray:
        """All rows, report by report (in report number order), each report's in position order."""
        return np.lexsort((self.position, self.report_of_row))

    def rows_by_report(self) -> dict[str, np.ndarray]:
        order = self.reading_order()
        counts = np.bincount(self.report_of_row, minlength=len(self.reports)) if len(order) else []
        return dict(zip(self.reports, np.split(order, np.cumsum(counts)[:-1]) if len(order) else []))

    def save(self, folder: Path) -> None:
        for name in _LAYOUT_ARRAYS:
            np.save(folder / f"{name}.npy", getattr(self, name))
        (folder / "reports.json").write_text(json.dumps(self.reports, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> RowLayout:
        arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r") for name in _LAYOUT_ARRAYS}
        return cls(json.loads((folder / "reports.json").read_text(encoding="utf-8")), **arrays)
