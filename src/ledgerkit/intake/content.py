"""What a sheet holds, when no reader found its table: numbers and dates in a block, or not.

A sheet that contributes no rows is fine when it is empty, a cover page or a list of
holidays; it is a warning when it holds figures in a table-like block — a layout ledgerkit
did not recognise, whose data would otherwise be lost without a word. :func:`describe_content`
finds the densest block of numbers, dates and times and says how much it holds.

Examples:
    >>> rows = [["工数実績"], ["日付", "A-1001", "A-1002"], ["10/1", 7.5, 0.5], ["10/2", 8, ""], ["合計", 15.5, 0.5]]
    >>> c = describe_content(rows)
    >>> c.numbers, c.range, c.looks_like_data
    (5, 'B3:C5', True)
    >>> describe_content([["祝日"], ["2026/1/1", "元日"], ["2026/1/12", "成人の日"]]).looks_like_data
    False
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Sequence

from ledgerkit.intake.cells import excel_range

#: a block is table-like with figures in this many rows, and at least this many figures in all
MIN_ROWS = 2
MIN_FIGURES = 4
#: rows scanned (a sheet of a million rows is described by its top)
SCAN_ROWS = 2000


@dataclass(frozen=True)
class Content:
    """Figures (numbers), dates and times found, and the block that holds most of them."""

    numbers: int = 0
    dates: int = 0
    times: int = 0
    texts: int = 0
    rows_with_figures: int = 0
    range: str = ""

    @property
    def figures(self) -> int:
        return self.numbers + self.dates + self.times

    @property
    def looks_like_data(self) -> bool:
        """Numbers (or times) in a block of several rows: something a person may expect read.

        Dates alone (a holiday list, a calendar) are not enough: they are what helper sheets hold.
        """
        return (self.numbers + self.times) >= MIN_FIGURES and self.rows_with_figures >= MIN_ROWS

    def words(self, lang: str = "ja") -> str:
        """``数値 120 個・日付 30 個 (B4:H35)``: what was found, for a message."""
        parts = []
        for n, ja, en in ((self.numbers, "数値", "numbers"), (self.dates, "日付", "dates"), (self.times, "時刻", "times")):
            if n:
                parts.append(f"{ja} {n:,} 個" if lang != "en" else f"{n:,} {en}")
        where = f" ({self.range})" if self.range else ""
        return ("・".join(parts) if lang != "en" else ", ".join(parts)) + where


def _kind(v: Any) -> str:
    if v is None or v == "" or isinstance(v, bool):
        return ""
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, (dt.datetime, dt.date)):
        return "date"
    if isinstance(v, (dt.time, dt.timedelta)):
        return "time"
    if isinstance(v, str) and v.strip():
        return "text"
    return ""


def describe_content(rows: Sequence[Sequence[Any]]) -> Content:
    """Count the figures of a sheet's top rows and find the block (rows and columns) that holds them."""
    counts = {"number": 0, "date": 0, "time": 0, "text": 0}
    figure_rows: list[int] = []
    c_lo, c_hi = 1 << 30, -1
    for r, row in enumerate(rows[:SCAN_ROWS]):
        in_row = 0
        for c, v in enumerate(row):
            k = _kind(v)
            if not k:
                continue
            counts[k] += 1
            if k != "text":
                in_row += 1
                c_lo, c_hi = min(c_lo, c), max(c_hi, c)
        if in_row:
            figure_rows.append(r)
    where = excel_range(figure_rows[0], c_lo, figure_rows[-1], c_hi) if figure_rows else ""
    return Content(counts["number"], counts["date"], counts["time"], counts["text"], len(figure_rows), where)
