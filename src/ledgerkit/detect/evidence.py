"""Whether a column holds what its header says: dates under 日付, hours under 工数.

A header alone is not enough to call a table data: a テーブル定義書's 型 row reads
``日付 | DATE | TIME``, a test list says 実施日 over ○ and ×. A reader counts how many of a
column's filled cells read as what it needs (:func:`column_evidence`) before it reads the
table, and says why when they do not.

Examples:
    >>> rows = [["日付", "工数"], ["2026/10/1", 8], ["10/2", "7:30"], ["DATE", "DECIMAL(10,0)"], ["合計", 15.5]]
    >>> column_evidence(rows, 0, 1, 5, looks_like_date), column_evidence(rows, 1, 1, 5, looks_like_hours)
    (Evidence(filled=3, good=2), Evidence(filled=4, good=3))
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Sequence

from ledgerkit.intake.cells import is_empty
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError, is_total_label, normalize_text

__all__ = ["DAY_OFF_MARKS", "Evidence", "column_evidence", "looks_like_date", "looks_like_hours"]

#: marks for a day off in a cell of hours: neither hours nor a sign the column holds no hours
DAY_OFF_MARKS = frozenset({"休", "休み", "休日", "有休", "有給", "代休", "振休", "公休", "特休", "欠", "欠勤", "×", "/", "-",
                           "ー", "―", "祝"})
#: rows looked at per column (a column of 300,000 cells is judged by its top)
SCAN_ROWS = 2000


@dataclass(frozen=True)
class Evidence:
    """How many cells of a column are filled, and how many of them read as wanted."""

    filled: int = 0
    good: int = 0

    @property
    def bad(self) -> int:
        return self.filled - self.good

    def __add__(self, other: "Evidence") -> "Evidence":
        return Evidence(self.filled + other.filled, self.good + other.good)

    def mostly(self, share: float = 0.5) -> bool:
        """At least one good cell, and good cells are at least ``share`` of the filled ones."""
        return self.good > 0 and self.good >= share * self.filled


def looks_like_date(v: Any) -> bool:
    """A cell a 日付 column holds: a date, a day 1..31, an Excel serial, or text read as a date.

    Examples:
        >>> [looks_like_date(v) for v in ("10/1", "R8.10.1", 15, "DATE", "○", dt.date(2026, 10, 1))]
        [True, True, True, False, False, True]
    """
    if isinstance(v, bool) or is_empty(v):
        return False
    if isinstance(v, dt.datetime):
        return v.year > 1900
    if isinstance(v, dt.date):
        return True
    if isinstance(v, (int, float)):
        return float(v).is_integer() and (1 <= v <= 31 or 20000 <= v <= 80000 or 19000101 <= v <= 99991231)
    if isinstance(v, str) and len(v) <= 30:
        try:
            return parse_date(v, 2000, 1) is not None
        except CellValueError:
            return False
    return False


def looks_like_hours(v: Any, max_hours: float | None = None) -> bool:
    """A cell of hours (``7.5``, ``7:30``, a time cell), at most ``max_hours`` when given.

    Examples:
        >>> [looks_like_hours(v) for v in (7.5, "7:30", "7時間", "DECIMAL(10,0)", "設計")]
        [True, True, True, False, False]
        >>> looks_like_hours(40, max_hours=24)
        False
    """
    try:
        h = parse_hours(v)
    except (CellValueError, TypeError):
        return False
    return h is not None and (max_hours is None or h <= max_hours)


def is_day_off_mark(v: Any) -> bool:
    """``休``, ``有休``, ``-``: a day off written in a cell of hours."""
    return isinstance(v, str) and normalize_text(v) in DAY_OFF_MARKS


def column_evidence(rows: Sequence[Sequence[Any]], c: int, start: int, end: int, test: Callable[[Any], bool], *,
                    only: Sequence[int] | None = None) -> Evidence:
    """How many cells of column ``c`` in ``rows[start:end]`` (or the rows ``only``) are filled,
    and how many pass ``test``. 合計 labels and day-off marks count as neither."""
    filled = good = 0
    indexes = only if only is not None else range(start, min(end, start + SCAN_ROWS))
    column = [row[c] if c < len(row) else "" for row in map(rows.__getitem__, indexes)]
    # each distinct value judged once (a column repeats a few hundred values): 1, 1.0 and True
    # are kept apart by their type
    for (_, v), n in Counter(zip(map(type, column), column)).items():
        if is_empty(v) or (isinstance(v, str) and (is_total_label(v) or is_day_off_mark(v))):
            continue
        filled += n
        good += n * bool(test(v))
    return Evidence(filled, good)
