"""What the two sheet readers share: a year for dates written without one, and the Issues
of a cell that cannot be read or is empty.

A 依頼一覧 writes ``12/3`` or ``12/3 17:00`` without a year; the year is the one that puts
the date nearest the as-of date (``1/5`` read on 2026-12-20 is 2027-01-05), so a list
that runs over the new year reads right without a year in its title.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ledgerkit.detect.walk import RowLog
from ledgerkit.parse.datetimes import parse_date_time
from ledgerkit.parse.text import CellValueError, normalize_text

#: the fields' names in messages, (ja, en)
FIELD_NAMES: dict[str, dict[str, str]] = {
    "subject": {"ja": "件名", "en": "subject"},
    "due": {"ja": "期限", "en": "due date"},
    "received": {"ja": "受付日", "en": "received date"},
    "effort": {"ja": "見積工数", "en": "estimate"},
    "status": {"ja": "状態", "en": "status"},
    "importance": {"ja": "重要度", "en": "importance"},
    "progress": {"ja": "進捗", "en": "progress"},
    "remaining": {"ja": "残工数", "en": "remaining effort"},
    "person": {"ja": "氏名", "en": "name"},
    "hours_per_day": {"ja": "1日の稼働時間", "en": "hours per day"},
    "hours_per_week": {"ja": "週の稼働時間", "en": "hours per week"},
    "days_off": {"ja": "休暇", "en": "days off"},
}


class RowProblem(Exception):
    """A row that cannot be used: the Issue code and its parameters (raised inside a row's reading)."""

    def __init__(self, code: str, field: str, value: Any = "", severity: str = "error", **params: Any):
        super().__init__(code)
        self.code, self.field, self.value, self.severity, self.params = code, field, value, severity, params

    def reject(self, log: RowLog, r: int, column: str) -> None:
        log.reject(r, self.code, column=column, value=self.value, field=FIELD_NAMES.get(self.field, self.field),
                   severity=self.severity, **self.params)


def nearest_year(value: Any, as_of: dt.date, *, today: dt.date | None = None) -> tuple[dt.date, int | None] | None:
    """:func:`~ledgerkit.parse.datetimes.parse_date_time`, with the year of a date written
    without one chosen to put it nearest ``as_of``.

    Examples:
        >>> nearest_year("1/5 10:00", dt.date(2026, 12, 20)), nearest_year("2026/1/5", dt.date(2026, 12, 20))
        ((datetime.date(2027, 1, 5), 600), (datetime.date(2026, 1, 5), None))
    """
    first = parse_date_time(value, year=as_of.year, today=today)
    if first is None or not isinstance(value, str):
        return first
    try:
        other = parse_date_time(value, year=as_of.year + 1, today=today)
    except CellValueError:
        return first
    if other == first:
        return first  # the text carries its year
    options = []
    for year in (as_of.year - 1, as_of.year, as_of.year + 1):
        try:
            found = parse_date_time(value, year=year, today=today)
        except CellValueError:
            continue  # 2/29 in a year without one
        options.append((abs((found[0] - as_of).days), found[0] < as_of, found))
    return min(options)[2] if options else first


def read_date_time(value: Any, field: str, as_of: dt.date, *, today: dt.date | None = None
                   ) -> tuple[dt.date, int | None] | None:
    """A date (and time) cell, or a :class:`RowProblem` naming the field."""
    try:
        return nearest_year(value, as_of, today=today)
    except (CellValueError, ValueError, OverflowError) as e:
        reason = getattr(e, "reason", "")
        raise RowProblem("triage_bad_cell", field, value, reason=reason, text=normalize_text(value)) from None


def split_words(value: Any) -> list[str]:
    """A cell listing words: ``稟議、請求書 / 集計`` → ``['稟議', '請求書', '集計']``.

    Examples:
        >>> split_words("稟議、請求書 / 集計・日程調整"), split_words("")
        (['稟議', '請求書', '集計', '日程調整'], [])
    """
    text = normalize_text(value)
    for sep in ("、", ",", "/", "・", ";", "\n", " "):
        text = text.replace(sep, "\t")
    return [w for w in (p.strip() for p in text.split("\t")) if w]
