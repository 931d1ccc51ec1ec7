"""A date with an optional time of day: ``12/3 17:00``, ``令和8年12月3日 17時``, a date-time cell.

A deadline in a 依頼一覧 is a date (``2026/12/3``, ``12月3日(木)``, ``R8.12.3``) or a date
and a time (``12/3 17:00``, ``12/3 午後5時``, ``2026-12-03 17:30``, a date-time cell). The
date is read by :func:`~ledgerkit.parse.dates.parse_date` (so everything it reads is read
here), the time by :func:`parse_time_of_day`; what the time means when it is missing is the
caller's business (``None`` comes back).

Examples:
    >>> parse_date_time("12/3 17:00", year=2026)
    (datetime.date(2026, 12, 3), 1020)
    >>> parse_date_time("令和8年12月3日")
    (datetime.date(2026, 12, 3), None)
"""

from __future__ import annotations

import datetime as _dt
import math
import re

from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import (
    _PLACEHOLDERS,
    _PLAIN_TYPES,
    CellValueError,
    _plain,
    normalize_text,
)

__all__ = ["parse_date_time", "parse_time_of_day", "parse_time_range"]

_DAY_MINUTES = 24 * 60
_AMPM = re.compile(r"^(午前|午後|am|pm|a\.m\.|p\.m\.)?\s*(.+?)\s*(am|pm|a\.m\.|p\.m\.)?$", re.IGNORECASE)
#: a time of day at the end of a text: 17:00, 17時, 17時30分, 5時半, 午後5時, 5pm
_TIME_TAIL = re.compile(
    r"(?:^|(?<=[\sT日)\]）]))\s*((?:午前|午後|am|pm)?\s*\d{1,2}(?::\d{2}(?::\d{2})?|時(?:\d{1,2}分|半)?)\s*(?:am|pm)?"
    r"|\d{1,2}\s*(?:am|pm))$",
    re.IGNORECASE,
)
#: by the end of the morning: 午前中 is noon
_MORNING = re.compile(r"\s*午前中$")
_NOON = 12 * 60
#: words after a deadline that say nothing more: 12/3 17:00まで, 12/3締切
_DEADLINE_TAIL = re.compile(r"\s*(?:までに|まで|迄|締切|締め切り|〆切?|必着|厳守)$")
#: words for a day relative to ``today`` (only when the caller gives one)
_RELATIVE_DAYS = {"今日": 0, "本日": 0, "明日": 1, "あす": 1, "あした": 1, "明後日": 2, "あさって": 2}


def parse_time_of_day(value: object) -> int | None:
    """A time of day in minutes after midnight: ``9:00``, ``17時``, ``9時30分``, ``5時半``,
    ``午後2時``, ``2:30pm``, a time cell, an Excel day fraction (0.375). Blank → None.

    ``24:00`` is the end of the day; anything later, and text that is no time, raises
    :class:`~ledgerkit.parse.text.CellValueError`.

    Examples:
        >>> parse_time_of_day("9:00"), parse_time_of_day("１７時"), parse_time_of_day("午後2時"), parse_time_of_day("5時半")
        (540, 1020, 840, 330)
        >>> import datetime
        >>> parse_time_of_day(datetime.time(13, 15)), parse_time_of_day(0.375), parse_time_of_day("")
        (795, 540, None)
    """
    if type(value) not in _PLAIN_TYPES:
        value = _plain(value)
    if value is None or (isinstance(value, str) and normalize_text(value) in _PLACEHOLDERS):
        return None
    if isinstance(value, bool):
        raise CellValueError("時刻として読めません", value)
    if isinstance(value, _dt.datetime):
        value = value.time()
    if isinstance(value, _dt.time):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, float) and 0 <= value < 1:
        # an Excel time serial shown as a number: a fraction of a day
        return _checked(round(value * _DAY_MINUTES), value)
    if isinstance(value, (int, float)):
        return _checked(whole_minutes(float(value)), value)
    if not isinstance(value, str):
        raise CellValueError("時刻として読めません", value)
    s = normalize_text(value).replace(" ", "").lower()
    m = _AMPM.match(s)
    before, body, after = m.groups() if m else (None, s, None)
    try:
        hours = parse_hours(body.replace("時半", "時30分"))
    except CellValueError:
        raise CellValueError("時刻として読めません", value) from None
    minutes = whole_minutes(hours) if hours is not None else None
    half = before or after
    if minutes is not None and half:
        if minutes >= 13 * 60:
            raise CellValueError("時刻として読めません (午前・午後と13時以降が重なっています)", value)
        minutes = minutes % (12 * 60) + (12 * 60 if half in ("午後", "pm", "p.m.") else 0)
    return _checked(minutes, value)


def whole_minutes(hours: float) -> int | None:
    """``hours`` as a whole number of minutes, or None (not finite, absurd, or not whole minutes)."""
    if not math.isfinite(hours) or abs(hours) > 10**6:
        return None
    minutes = hours * 60
    n = round(minutes)
    return n if math.isclose(minutes, n, abs_tol=1e-6) else None


def _checked(minutes: int | None, value: object) -> int:
    if minutes is None or not 0 <= minutes <= _DAY_MINUTES:
        raise CellValueError("時刻として読めません (0:00〜24:00)", value)
    return minutes


def parse_date_time(
    value: object, *, year: int | None = None, today: _dt.date | None = None
) -> tuple[_dt.date, int | None] | None:
    """A date and, when one is written, a time of day (minutes after midnight); blank → None.

    Reads a date-time or date cell (a cell at midnight has no time), an Excel serial (its
    fraction is the time), and text: any date :func:`~ledgerkit.parse.dates.parse_date`
    reads (``year`` for ``12/3``), optionally followed by a time (``17:00``, ``17時``,
    ``午後5時``; ``午前中`` is noon) and by ``まで`` / ``中`` / ``締切``. With ``today``, also ``今日``
    / ``本日`` / ``明日`` / ``明後日`` and a time alone (``17:00`` is today at 17:00).

    Examples:
        >>> parse_date_time("2026/12/3 17:30"), parse_date_time("12月3日(木) 午後5時まで", year=2026)
        ((datetime.date(2026, 12, 3), 1050), (datetime.date(2026, 12, 3), 1020))
        >>> import datetime
        >>> parse_date_time(datetime.datetime(2026, 12, 3, 17, 0)), parse_date_time(datetime.datetime(2026, 12, 3))
        ((datetime.date(2026, 12, 3), 1020), (datetime.date(2026, 12, 3), None))
        >>> parse_date_time("明日 10時", today=datetime.date(2026, 12, 1))
        (datetime.date(2026, 12, 2), 600)
        >>> parse_date_time("17:00")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 日付がありません (時刻だけです)
    """
    if type(value) not in _PLAIN_TYPES:
        value = _plain(value)
    if value is None or (isinstance(value, str) and normalize_text(value) in _PLACEHOLDERS):
        return None
    if isinstance(value, bool):
        raise CellValueError("日時として読めません (真偽値です)", value)
    if isinstance(value, _dt.datetime):
        if value.year == 1899 and value.month == 12 and value.day in (30, 31):
            return _time_alone(parse_time_of_day(value.time()), today, value)
        # Excel's binary fractions leave 16:59:59.9999 for 17:00: to the nearest minute
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        minutes = round(seconds / 60)
        if minutes >= _DAY_MINUTES:
            return value.date() + _dt.timedelta(days=1), None
        return value.date(), minutes or None
    if isinstance(value, _dt.date):
        return value, None
    if isinstance(value, _dt.time):
        return _time_alone(parse_time_of_day(value), today, value)
    if isinstance(value, (int, float)):
        return _from_serial(value, year)
    if not isinstance(value, str):
        raise CellValueError("日時として読めません", value)
    return _from_text(value, year, today)


def _time_alone(minutes: int | None, today: _dt.date | None, value: object) -> tuple[_dt.date, int | None]:
    if today is None:
        raise CellValueError("日付がありません (時刻だけです)", value)
    return today, minutes


def _from_serial(value: float, year: int | None) -> tuple[_dt.date, int | None]:
    if not math.isfinite(value):
        raise CellValueError("日時として読めません (数値ではありません)", value)
    day = parse_date(value, year)
    fraction = float(value) - math.floor(float(value))
    minutes = round(fraction * _DAY_MINUTES) if fraction else 0
    if minutes >= _DAY_MINUTES:
        day, minutes = day + _dt.timedelta(days=1), 0
    return day, minutes or None


def _from_text(value: str, year: int | None, today: _dt.date | None) -> tuple[_dt.date, int | None]:
    s = _DEADLINE_TAIL.sub("", normalize_text(value)).strip()
    minutes = None
    morning = _MORNING.search(s)
    if morning:
        minutes, s = _NOON, s[: morning.start()].strip()
    s = s.removesuffix("中").strip()  # 本日中, 12/3中: by the end of that day
    m = None if morning else _TIME_TAIL.search(s)
    if m:
        minutes = parse_time_of_day(m.group(1))
        s = s[: m.start()].rstrip("T ")
    if not s:
        return _time_alone(minutes, today, value)
    if today is not None and s in _RELATIVE_DAYS:
        return today + _dt.timedelta(days=_RELATIVE_DAYS[s]), minutes
    try:
        day = parse_date(s, year)
    except CellValueError as e:
        raise CellValueError(e.reason, value) from None
    if day is None:
        raise CellValueError("日時として読めません", value)
    return day, minutes


_RANGE_SPLIT = re.compile(r"\s*(?:\.\.|〜|~|-|–|から|to)\s*", re.IGNORECASE)


def parse_time_range(value: object) -> tuple[int, int]:
    """``09:00-18:00`` (also ``9:00〜18:00``, ``9時-18時``) → minutes after midnight, start before end.

    Examples:
        >>> parse_time_range("09:00-18:00"), parse_time_range("9時〜17時30分")
        ((540, 1080), (540, 1050))
        >>> parse_time_range("18:00-09:00")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 時刻の範囲として読めません (09:00-18:00 のように前が後より早い2つの時刻)
    """
    parts = _RANGE_SPLIT.split(normalize_text(value))
    try:
        start, end = (parse_time_of_day(p) for p in parts) if len(parts) == 2 else (None, None)
    except CellValueError:
        start = end = None
    if start is None or end is None or start >= end:
        raise CellValueError("時刻の範囲として読めません (09:00-18:00 のように前が後より早い2つの時刻)", value)
    return start, end
