"""Hours worked: ``7:30``, ``7.5h``, ``7時間30分``, time and duration cells (DOMAIN §7).

Examples:
    >>> parse_hours("7時間30分")
    7.5
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal

from ledgerkit.parse.text import _PLACEHOLDERS, _PLAIN_TYPES, CellValueError, _plain, normalize_text

__all__ = ["parse_hours", "excel_duration"]


# --- hours ----------------------------------------------------------------------------

_PLAIN_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_HOURS_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(?:h|hr|hrs|hour|hours|時間|時)", re.I)
_HM_UNIT_RE = re.compile(
    r"(\d+)(?:h|hr|hrs|時間|時)(\d+(?:\.\d+)?)(?:m|min|mins|分)?", re.I
)
_HALF_RE = re.compile(r"(\d+)(?:時間|h)半", re.I)
_MIN_UNIT_RE = re.compile(r"(\d+(?:\.\d+)?)(?:m|min|mins|minutes|分)", re.I)
_CLOCK_RE = re.compile(r"(\d+):(\d{1,2})(?::(\d{1,2}))?")


def _hours_from_seconds(seconds: int) -> float:
    # Dividing the exact integer keeps "exact to the minute": 7:20 and 440/60 give one float.
    if seconds % 60 == 0:
        return (seconds // 60) / 60
    return seconds / 3600


def _seconds_of(t: _dt.time | _dt.timedelta) -> int:
    """Whole seconds, rounding the microseconds Excel's binary fractions leave behind."""
    if isinstance(t, _dt.timedelta):
        us = t.days * 86_400_000_000 + t.seconds * 1_000_000 + t.microseconds
    else:
        us = ((t.hour * 60 + t.minute) * 60 + t.second) * 1_000_000 + t.microsecond
    return (us + 500_000) // 1_000_000


def parse_hours(v: object) -> float | None:
    """Hours worked as a float (``7:30`` → 7.5).

    Accepts numbers (hours), ``datetime.time``, ``datetime.timedelta`` (past 24 h), and
    text ``7.5``, ``７．５``, ``7.5h``, ``7.5時間``, ``7時間30分``, ``30分``, ``7:30``,
    ``7:30:00``, ``37:30``. Blank and ``-``/``―`` → None. Negative, NaN, infinite and other
    text raise CellValueError. A plain number is always hours (0.5 is half an hour, not
    half a day); time-formatted Excel cells arrive as ``datetime.time``.

    Examples:
        >>> parse_hours("7:30"), parse_hours("７．５"), parse_hours("30分")
        (7.5, 7.5, 0.5)
        >>> import datetime
        >>> parse_hours(datetime.timedelta(hours=37, minutes=30))
        37.5
        >>> parse_hours("-1")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 負の時間です
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is int or t is float:
        if v != v or v in (math.inf, -math.inf):
            raise CellValueError("時間として読めません (数値ではありません)", v)
        if v < 0:
            raise CellValueError("負の時間です", v)
        if t is int and v > 10**15:
            raise CellValueError("時間として読めません (大きすぎます)", v)
        return float(v)
    if isinstance(v, str):
        return _hours_of_text(v)
    return _hours_of_value(v)


def excel_duration(value: _dt.datetime) -> _dt.timedelta:
    """A duration Excel stored as a serial and a reader returned as a date-time (37:30 under
    ``h:mm`` comes as 1900-01-01 13:30): the time since Excel's day 0, its fake 1900-02-29
    allowed for (serials 1–59, 1900-01-01 … 02-28, arrive one day later than they count).

    Examples:
        >>> excel_duration(_dt.datetime(1900, 1, 1, 13, 30)), excel_duration(_dt.datetime(1900, 3, 1))
        (datetime.timedelta(days=1, seconds=48600), datetime.timedelta(days=61))
    """
    before_fake_day = _dt.datetime(1900, 1, 1) <= value < _dt.datetime(1900, 3, 1)
    return value - (_dt.datetime(1899, 12, 31) if before_fake_day else _dt.datetime(1899, 12, 30))


def _hours_of_value(v: object) -> float:
    """Hours from a cell that is neither text nor a plain int or float."""
    t = type(v)
    if t is bool:
        raise CellValueError("時間として読めません (真偽値です)", v)
    if isinstance(v, _dt.datetime):
        # A time serial under a date-like format arrives as 1899-12-30/31 + time; a
        # duration past 24 h under "h:mm" (not "[h]:mm") as 1900-01-01 13:30 for 37:30.
        # Excel sums the stored serial, so read the serial: days since 1899-12-31 × 24.
        if v.year == 1899 and v.month == 12 and v.day in (30, 31):
            return _hours_from_seconds(_seconds_of(v.time()))
        if v.year == 1900 and (v.month == 1 or (v.month == 2 and v.day <= 28)):
            return _hours_from_seconds(_seconds_of(excel_duration(v)))
        raise CellValueError("時間の欄に日付が入っています", v)
    if isinstance(v, _dt.time):
        return _hours_from_seconds(_seconds_of(v))
    if isinstance(v, _dt.timedelta):
        if v < _dt.timedelta(0):
            raise CellValueError("負の時間です", v)
        return _hours_from_seconds(_seconds_of(v))
    if isinstance(v, _dt.date):
        raise CellValueError("時間の欄に日付が入っています", v)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("時間として読めません (数値ではありません)", v)
        if v < 0:
            raise CellValueError("負の時間です", v)
        h = float(v)
        if h == math.inf:
            raise CellValueError("時間として読めません (数値ではありません)", v)
        return h
    if isinstance(v, (int, float)):  # numpy scalars, int/float subclasses
        return parse_hours(float(v))
    raise CellValueError("時間として読めません", v)


def _hours_of_text(v: str) -> float | None:
    """Hours from text: ``7.5``, ``7:30``, ``7時間30分``, ``30分`` …"""
    if _PLAIN_NUMBER_RE.fullmatch(v):  # fast path: '7.5'
        return float(v)
    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None
    s = s.replace(" ", "")
    if s.startswith("-") and len(s) > 1:
        # Only a negative *number of hours* is "negative"; other text is unreadable.
        try:
            parse_hours(s[1:])
        except CellValueError:
            raise CellValueError("時間として読めません", v) from None
        raise CellValueError("負の時間です", v)
    if s.startswith("+"):
        s = s[1:]
    if _PLAIN_NUMBER_RE.fullmatch(s) or re.fullmatch(r"\.\d+", s):
        return float(s)
    m = _CLOCK_RE.fullmatch(s)
    if m:
        h, mi, sec = int(m.group(1)), int(m.group(2)), int(m.group(3) or 0)
        if mi >= 60 or sec >= 60:
            raise CellValueError("時刻の分・秒が60以上です", v)
        return _hours_from_seconds((h * 60 + mi) * 60 + sec)
    m = _HOURS_UNIT_RE.fullmatch(s)
    if m:
        return float(m.group(1))
    m = _HM_UNIT_RE.fullmatch(s)
    if m:
        h, mi = int(m.group(1)), Decimal(m.group(2))
        if mi >= 60:
            raise CellValueError("分が60以上です", v)
        return _decimal_minutes_to_hours(h * 60 + mi)
    m = _HALF_RE.fullmatch(s)
    if m:
        return int(m.group(1)) + 0.5
    m = _MIN_UNIT_RE.fullmatch(s)
    if m:
        return _decimal_minutes_to_hours(Decimal(m.group(1)))
    raise CellValueError("時間として読めません", v)


def _decimal_minutes_to_hours(minutes: Decimal) -> float:
    if minutes == minutes.to_integral_value():
        return int(minutes) / 60
    return float(minutes / 60)
