"""The year and month of an attendance sheet: a title, a 年 / 月 input area, the sheet or file name.

The year/month/fiscal-year label parsers of the attendance reader live here, so that they
can be switched to the shared ``ledgerkit.parse.periods`` in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.attendance.cells import _nfkc
from ledgerkit.intake.cells import is_empty
from ledgerkit.parse.periods import parse_month_label, parse_year_label, year_month_of


def year_month_in(text: str, fiscal_start: int = 4) -> tuple[int | None, int | None]:
    """(year, month) written in a title, sheet or file name; either may be None.

    A fiscal year (``2026年度``) with a month before ``fiscal_start`` is the next
    calendar year (:func:`ledgerkit.parse.periods.year_month_of`).

    Examples:
        >>> year_month_in("作業報告書 2024年11月 稼働分"), year_month_in("令和6年11月分")
        ((2024, 11), (2024, 11))
        >>> year_month_in("勤務表_山田_202411.xlsx"), year_month_in("11月"), year_month_in("R6.4")
        ((2024, 11), (None, 11), (2024, 4))
        >>> year_month_in("2026年度 作業報告書 1月分"), year_month_in("2026年度 10月分")
        ((2027, 1), (2026, 10))
    """
    return year_month_of(text, start_month=fiscal_start)


def _year_month_in_cells(rows: list[list[Any]], upto: int, fiscal_start: int = 4) -> tuple[int | None, int | None]:
    """Year and month from the cells above the header: one cell, neighbours, or a 年/月 area.

    A fiscal year alone (``2026年度``) comes back negative, so that the caller can move
    months before the fiscal start into the next year once it knows the month.
    """
    year = month = None

    def number(v: Any) -> int | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, (int, float)) and float(v).is_integer():
            return int(v)
        if isinstance(v, str):
            s = _nfkc(v)
            return int(s) if s.isdigit() else None
        return None

    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if is_empty(v) or isinstance(v, (dt.date, dt.time, dt.timedelta)):
                continue
            text = _nfkc(v) if isinstance(v, str) else str(v)
            if isinstance(v, str) and re.search(r"作成日|提出日|記入日|承認日|印刷日", text):
                continue
            y, mo = year_month_in(text, fiscal_start) if isinstance(v, str) else (None, None)
            if y and mo:
                return y, mo
            key = text.replace(" ", "")
            label = parse_year_label(key if isinstance(v, str) else v)
            if label is not None:
                if year is None and 1990 <= label[0] <= 2100:
                    # a negative year marks a fiscal year until the month is known
                    year = -label[0] if label[1] else label[0]
                continue
            alone = parse_month_label(key)
            if alone is not None and month is None:
                month = alone
                continue
            # a number followed by a 年 / 月 label cell, or a label with the number below it
            if key in ("年", "年度") or key in ("月",):
                left = number(row[c - 1]) if c > 0 else None
                below = number(rows[r + 1][c]) if r + 1 < len(rows) and c < len(rows[r + 1]) else None
                right = number(row[c + 1]) if c + 1 < len(row) else None
                for n in (left, below, right):
                    if n is None:
                        continue
                    if key.startswith("年") and year is None and 1990 <= n <= 2100:
                        year = n
                        break
                    if key == "月" and month is None and 1 <= n <= 12:
                        month = n
                        break
    return year, month


def _created_date(rows: list[list[Any]], upto: int) -> dt.date | None:
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if isinstance(v, str) and re.search(r"作成日|提出日|記入日", _nfkc(v)):
                for w in row[c + 1 : c + 4]:
                    if isinstance(w, dt.datetime):
                        return w.date()
                    if isinstance(w, dt.date):
                        return w
    return None
