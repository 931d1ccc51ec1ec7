"""One sheet of an Excel report: where a table went, the sheet's state while it is
written, and its rows converted for Excel a chunk at a time.
"""

from __future__ import annotations

from typing import Any, Iterator, NamedTuple

from ledgerkit.reports.printing import row_heights
from ledgerkit.reports.xlsx_cells import _Column, _convert_column, fit_strings

#: rows converted and written at a time (bounds memory on large sheets)
ROW_CHUNK = 20_000


class TableRef(NamedTuple):
    """Where :meth:`XlsxReport.add_table` put a frame (all 0-based, xlsxwriter style).

    ``first_row``/``last_row`` are the first and last *data* rows (``last_row <
    first_row`` when the frame is empty); the header is on ``header_row``;
    ``columns`` maps each column name of the frame to its worksheet column.
    """

    worksheet: Any
    first_row: int
    last_row: int
    columns: dict

    @property
    def header_row(self) -> int:
        return self.first_row - 1


class _Sheet:
    __slots__ = ("name", "worksheet", "first_row", "frame", "kinds", "col_index", "written", "pending", "wraps",
                 "widths", "header_row", "label_columns", "header_height")

    def __init__(self, name: str, worksheet: Any):
        self.name = name
        self.worksheet = worksheet
        self.first_row = 0
        self.frame = None  # the frame add_table() wrote (None for other sheets)
        self.kinds: list[str] = []
        self.col_index: dict[Any, int] = {}
        self.written = False
        self.pending: dict[int, dict[int, str]] = {}  # frame row → column → severity
        self.wraps: list[bool] = []  # per column: its text wraps (a table with any has its cells at the top)
        self.widths: list[float] = []  # per column, in characters
        self.header_height: float | None = None  # a heading row whose texts wrap
        self.header_row: int | None = None  # repeated at the top of every printed page
        self.label_columns = 0  # repeated on every page across, when the sheet prints wider than a page


def chunk_heights(state: _Sheet, columns: list[_Column]) -> list[float | None]:
    """The heights of a chunk's rows for the text wrapped in them (None: one line)."""
    wrapped = [c for c, w in enumerate(state.wraps) if w]
    if not wrapped:
        return []
    return row_heights([columns[c].values for c in wrapped], [state.widths[c] for c in wrapped])


def converted_chunks(state: _Sheet, lang: str = "ja") -> Iterator[tuple[int, list[_Column]]]:
    """The frame's columns converted for Excel, ``ROW_CHUNK`` rows at a time.

    Text longer than an Excel cell is cut with a marker in ``lang`` (:func:`excel_text`):
    xlsxwriter would cut it silently.
    """
    frame, kinds = state.frame, state.kinds
    for start in range(0, len(frame), ROW_CHUNK):
        part = frame.iloc[start:start + ROW_CHUNK]
        columns = [fit_strings(_convert_column(part.iloc[:, c], kinds[c]), lang) for c in range(len(kinds))]
        yield start, columns
