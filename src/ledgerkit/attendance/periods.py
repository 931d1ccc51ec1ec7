"""The year and month of an attendance sheet: a title, a 年 / 月 input area, the sheet or file name.

The year/month/fiscal-year label parsers of the attendance reader live here, so that they
can be switched to the shared ``ledgerkit.parse.periods`` in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.attendance.cells import _nfkc
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.parse.months import add_months
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


_MADE_LABEL = re.compile(r"作成日|提出日|記入日|承認日|印刷日|更新日|発行日")


def _number(v: Any) -> int | None:
    """A whole number in a number cell or written alone as text, else None.

    Examples:
        >>> _number(2024.0), _number("４"), _number(4.5), _number(True), _number("4月")
        (2024, 4, None, None, None)
    """
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)) and float(v).is_integer():
        return int(v)
    if isinstance(v, str):
        s = _nfkc(v)
        return int(s) if s.isdigit() else None
    return None


def _next_filled(row: list[Any], c: int, reach: int = 3) -> tuple[Any, int] | None:
    """The first non-blank cell right of column ``c`` within ``reach`` columns, and its column."""
    for cc in range(c + 1, min(c + 1 + reach, len(row))):
        if not is_empty(row[cc]):
            return row[cc], cc
    return None


def _after_made_label(row: list[Any], c: int) -> bool:
    """Whether the nearest filled cell left of column ``c`` is a 作成日 / 提出日 … label."""
    for cc in range(c - 1, max(-1, c - 4), -1):
        if not is_empty(row[cc]):
            return isinstance(row[cc], str) and bool(_MADE_LABEL.search(_nfkc(row[cc])))
    return False


def year_month_of_number_cells(row: list[Any], c: int) -> tuple[int, int, int] | None:
    """Year and month in number cells, as Excel shows them through their formats: the rule.

    calamine gives a cell's number, never its number format, so ``2024`` shown as
    "2024年" and ``4`` shown as "4月" (formats ``0"年"``, ``0"月"``) are told apart by
    place: in the title area above the header, a **year-sized number** (a whole number
    1990–2100) followed, in the next filled cell to its right (at most three columns on),
    by a **month-sized number** (a whole number 1–12) is that year and month. Returns
    (year, month, the month's column) or None.

    A date cell shown as ``yyyy"年"m"月"`` is a date on the 1st: see
    :func:`month_of_date_cell`.

    Examples:
        >>> year_month_of_number_cells(["勤務表", "", 2024.0, 4.0], 2)
        (2024, 4, 3)
        >>> year_month_of_number_cells([2024.0, "", "", 13], 0), year_month_of_number_cells([12.0, 4.0], 0)
        (None, None)
    """
    year = _number(row[c]) if c < len(row) and not isinstance(row[c], str) else None
    if year is None or not 1990 <= year <= 2100:
        return None
    nxt = _next_filled(row, c)
    if nxt is None or isinstance(nxt[0], str):
        return None
    month = _number(nxt[0])
    return (year, month, nxt[1]) if month is not None and 1 <= month <= 12 else None


def month_of_date_cell(row: list[Any], c: int) -> tuple[int, int] | None:
    """A date cell shown as ``yyyy"年"m"月"`` (calamine gives the date: the 1st at midnight)
    in the title area is the sheet's year and month, unless it follows a 作成日 / 提出日 /
    記入日 label (the day the sheet was made says nothing about the month worked).

    Examples:
        >>> month_of_date_cell(["勤務表", dt.datetime(2024, 4, 1)], 1)
        (2024, 4)
        >>> month_of_date_cell(["作成日", dt.datetime(2024, 4, 1)], 1), month_of_date_cell([dt.date(2024, 3, 29)], 0)
        (None, None)
    """
    v = row[c]
    if isinstance(v, dt.datetime):
        if v.time() != dt.time(0) or v.year < 1900:
            return None
        v = v.date()
    if not isinstance(v, dt.date) or v.day != 1 or _after_made_label(row, c):
        return None
    return v.year, v.month


def _year_month_in_cells(rows: list[list[Any]], upto: int, fiscal_start: int = 4) -> tuple[int | None, int | None, str]:
    """Year and month from the cells above the header, and the cells they came from (``D1``).

    In the order the cells are met (row by row, left to right): a text naming both
    (``2024年11月分``); a year number followed by a month number
    (:func:`year_month_of_number_cells`); a date on the 1st (:func:`month_of_date_cell`);
    else a year and a month found apart (``2024年`` | ``11月``, or a 年 / 月 input area with
    the numbers beside or below their labels). Cells after a 作成日 / 提出日 label are
    never read here: the day a sheet was made is the last resort (``_created_date``).

    A fiscal year alone (``2026年度``) comes back negative, so that the caller can move
    months before the fiscal start into the next year once it knows the month.
    """
    year = month = None
    where: list[str] = []
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if is_empty(v) or isinstance(v, (dt.time, dt.timedelta)):
                continue
            here = f"{column_letter(c)}{r + 1}"
            if isinstance(v, dt.date):
                found = month_of_date_cell(row, c)
                if found:
                    return found[0], found[1], here
                continue
            if not isinstance(v, str) and not _after_made_label(row, c):
                pair = year_month_of_number_cells(row, c)
                if pair:
                    return pair[0], pair[1], f"{here}, {column_letter(pair[2])}{r + 1}"
            text = _nfkc(v) if isinstance(v, str) else str(v)
            if isinstance(v, str) and _MADE_LABEL.search(text):
                continue
            y, mo = year_month_in(text, fiscal_start) if isinstance(v, str) else (None, None)
            if y and mo:
                return y, mo, here
            key = text.replace(" ", "")
            label = parse_year_label(key if isinstance(v, str) else v)
            if label is not None:
                if year is None and 1990 <= label[0] <= 2100 and not _after_made_label(row, c):
                    # a negative year marks a fiscal year until the month is known
                    year = -label[0] if label[1] else label[0]
                    where.append(here)
                continue
            alone = parse_month_label(key)
            if alone is not None and month is None:
                month = alone
                where.append(here)
                continue
            # a number followed by a 年 / 月 label cell, or a label with the number below it
            if key in ("年", "年度") or key in ("月",):
                found_at = _number_by_label(rows, r, c, key, year is None, month is None)
                if found_at:
                    n, at = found_at
                    if key.startswith("年"):
                        year = n
                    else:
                        month = n
                    where.append(at)
    return year, month, ", ".join(where)


def _number_by_label(rows, r: int, c: int, key: str, want_year: bool, want_month: bool) -> tuple[int, str] | None:
    """The number a 年 / 月 label names: left of it, below it or right of it (and that cell)."""
    places = ((r, c - 1), (r + 1, c), (r, c + 1))
    for rr, cc in places:
        if cc < 0 or rr >= len(rows) or cc >= len(rows[rr]):
            continue
        n = _number(rows[rr][cc])
        if n is None:
            continue
        if key.startswith("年") and want_year and 1990 <= n <= 2100:
            return n, f"{column_letter(cc)}{rr + 1}"
        if key == "月" and want_month and 1 <= n <= 12:
            return n, f"{column_letter(cc)}{rr + 1}"
    return None


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


_CLOSING = re.compile(r"(\d{1,2})\s*日\s*(?:締め?|〆)")


def closing_day_in(text: Any) -> int | None:
    """The closing day a text names (``20日締め``, ``15日〆``), else None.

    Examples:
        >>> closing_day_in("勤務表 2026年10月度 (9月21日～10月20日 20日締め)"), closing_day_in("２５日締"), closing_day_in("10月")
        (20, 25, None)
    """
    if not isinstance(text, str):
        return None
    m = _CLOSING.search(_nfkc(text))
    day = int(m.group(1)) if m else None
    return day if day is not None and 1 <= day <= 30 else None


def closing_period(year: int, month: int, closing_day: int) -> tuple[dt.date, dt.date]:
    """The first and last day of the closing period that closes in ``year``-``month`` on ``closing_day``:
    from the day after the closing day of the month before (20日締め 2026年10月度: 9/21–10/20).

    Examples:
        >>> closing_period(2026, 10, 20), closing_period(2026, 1, 15)[0], closing_period(2026, 3, 30)[0]
        ((datetime.date(2026, 9, 21), datetime.date(2026, 10, 20)), datetime.date(2025, 12, 16), datetime.date(2026, 3, 1))
    """
    import calendar

    prev_year, prev_month = add_months(year, month, -1)
    prev_close = min(closing_day, calendar.monthrange(prev_year, prev_month)[1])
    start = dt.date(prev_year, prev_month, prev_close) + dt.timedelta(days=1)
    end = dt.date(year, month, min(closing_day, calendar.monthrange(year, month)[1]))
    return start, end
