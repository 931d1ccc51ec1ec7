"""Calendar dates: Excel serials, ``2026/10/01``, ``10月1日(木)``, the Japanese calendar (DOMAIN §5.1, §7).

Examples:
    >>> parse_date("令和8年10月1日")
    datetime.date(2026, 10, 1)
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from decimal import Decimal

from ledgerkit.parse.text import _PLACEHOLDERS, _PLAIN_TYPES, CellValueError, _plain, normalize_text
from ledgerkit.parse.wareki import WarekiError, parse_wareki

__all__ = ["parse_date"]


# --- dates ----------------------------------------------------------------------------

_EXCEL_EPOCH = _dt.date(1899, 12, 30)  # serial 61 = 1900-03-01 in the 1900 system
_EXCEL_EPOCH_1904 = _dt.date(1904, 1, 1)
_MAX_SERIAL = 2958465  # 9999-12-31
_MAX_SERIAL_1904 = 2957003

_WEEKDAY_RE = re.compile(r"\s*\(\s*(?:[月火水木金土日](?:曜日?)?|(?:mon|tue|wed|thu|fri|sat|sun)\.?)\s*\)\s*$", re.I)
_WEEKDAY_BARE_RE = re.compile(r"\s*[月火水木金土日]曜日?$")
_TIME_TAIL_RE = re.compile(r"(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$")
_YMD_RE = re.compile(r"(\d{4})\s*(?:[/\-.]|年)\s*(\d{1,2})\s*(?:[/\-.]|月)\s*(\d{1,2})\s*日?")
_YMD8_RE = re.compile(r"\d{8}")
_MD_RE = re.compile(r"(\d{1,2})\s*(?:[/\-.]|月)\s*(\d{1,2})\s*日?")
_D_RE = re.compile(r"(\d{1,2})\s*日?")
_ERA_START_RE = re.compile(r"(?:明治|大正|昭和|平成|令和|[明大昭平令MTSHRmtshr])\s*(?:元|\d)")
_MONTH_END_RE = re.compile(r"(.*\d)\s*月\s*末日?")


def _make_date(y: int, m: int, d: int, v: object) -> _dt.date:
    try:
        return _dt.date(y, m, d)
    except ValueError:
        raise CellValueError(f"存在しない日付です ({y}-{m:02d}-{d:02d})", v) from None


def _from_serial(n: int, date1904: bool, v: object) -> _dt.date:
    if date1904:
        if not 0 <= n <= _MAX_SERIAL_1904:
            raise CellValueError("日付のシリアル値が範囲外です", v)
        return _EXCEL_EPOCH_1904 + _dt.timedelta(days=n)
    if not 1 <= n <= _MAX_SERIAL:
        raise CellValueError("日付のシリアル値が範囲外です", v)
    if n == 60:
        # Excel's fake 1900-02-29 (kept for Lotus 1-2-3 compatibility)
        raise CellValueError("存在しない日付です (1900-02-29)", v)
    if n < 60:
        return _dt.date(1899, 12, 31) + _dt.timedelta(days=n)
    return _EXCEL_EPOCH + _dt.timedelta(days=n)


def parse_date(
    v: object, year: int | None = None, month: int | None = None, *, date1904: bool = False
) -> _dt.date | None:
    """A calendar date.

    Accepts datetime/date objects; Excel serial numbers (1900 system with its fake
    1900-02-29, or ``date1904``; a time part is dropped); 8-digit ``20261001``; text
    ``2026/10/01``, ``2026-10-01``, ``2026.10.1``, ``2026年10月1日``, ``2026/10/01 09:00``
    and the Japanese calendar (``R8.10.1``, ``令和元年5月1日``, ``㋿8.10.1``, see
    :func:`ledgerkit.parse.wareki.parse_wareki`); a month's last day ``2026年11月末``,
    ``令和8年11月末日``. With ``year``: ``10/1``, ``10月1日(木)``, ``11月末``.
    With ``year`` and ``month``: a day alone (``1``, ``1日``, ``1(水)`` or the number 1..31).

    Examples:
        >>> parse_date("2026/10/1"), parse_date(46296)
        (datetime.date(2026, 10, 1), datetime.date(2026, 10, 1))
        >>> parse_date("10月1日(木)", year=2026)
        datetime.date(2026, 10, 1)
        >>> parse_date("1(水)", 2026, 10)
        datetime.date(2026, 10, 1)
        >>> parse_date("令和8年2月末日"), parse_date("11月末", year=2026)
        (datetime.date(2026, 2, 28), datetime.date(2026, 11, 30))
        >>> parse_date("平成32年1月1日")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 平成32年は存在しません (平成は31年まで; 2020年は令和2年)
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is _dt.date:
        return v
    if t is _dt.datetime:
        if v.year == 1899:
            # a time-of-day cell (serial < 1) under a date format
            raise CellValueError("日付の欄に時刻が入っています", v)
        return v.date()
    if t is int or t is float or (isinstance(v, (int, float, Decimal)) and t is not bool):
        return _date_from_number(v, year, month, date1904)
    if t is bool:
        raise CellValueError("日付として読めません (真偽値です)", v)
    if isinstance(v, _dt.datetime):
        return parse_date(_dt.datetime(v.year, v.month, v.day, v.hour, v.minute, v.second))
    if isinstance(v, _dt.date):
        return _dt.date(v.year, v.month, v.day)
    if isinstance(v, (_dt.time, _dt.timedelta)):
        raise CellValueError("日付の欄に時刻が入っています", v)
    if not isinstance(v, str):
        raise CellValueError("日付として読めません", v)
    return _date_from_text(v, year, month, date1904)


def _date_from_text(v: str, year: int | None, month: int | None, date1904: bool) -> _dt.date | None:
    """A date from text: ``2026/10/01``, ``20261001``, ``令和8年10月1日``, ``11月末``, ``10/1``, ``1日`` …"""
    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None
    s = _TIME_TAIL_RE.sub("", s)
    s = _WEEKDAY_RE.sub("", s)
    s = _WEEKDAY_BARE_RE.sub("", s).strip()

    if _YMD8_RE.fullmatch(s):
        return _make_date(int(s[:4]), int(s[4:6]), int(s[6:]), v)
    m = _MONTH_END_RE.fullmatch(s)
    if m:
        # 11月末 / 2026年11月末 / 令和8年11月末日: the month's last day
        try:
            first = parse_date(m.group(1) + "月1日", year, month, date1904=date1904)
        except CellValueError as e:
            raise CellValueError(e.reason, v) from None
        return _dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    m = _YMD_RE.fullmatch(s)
    if m:
        return _make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), v)
    if _ERA_START_RE.match(s):
        try:
            return parse_wareki(s)
        except WarekiError as e:
            raise CellValueError(e.reason, v) from None
    m = _MD_RE.fullmatch(s)
    if m:
        if year is None:
            raise CellValueError("年がありません (シート名・タイトル・ファイル名に年月を入れてください)", v)
        return _make_date(year, int(m.group(1)), int(m.group(2)), v)
    m = _D_RE.fullmatch(s)
    if m:
        if year is None or month is None:
            raise CellValueError("日だけで年月がありません", v)
        return _make_date(year, month, int(m.group(1)), v)
    raise CellValueError("日付として読めません", v)


def _date_from_number(v, year, month, date1904) -> _dt.date:
    if isinstance(v, int):
        n = int(v)
    else:
        if isinstance(v, Decimal) and not v.is_finite():
            raise CellValueError("日付として読めません (数値ではありません)", v)
        x = float(v)
        if x != x or x in (math.inf, -math.inf):
            raise CellValueError("日付として読めません (数値ではありません)", v)
        n = math.floor(x)
        if n != x:  # a serial with a time of day: the date part
            return _from_serial(n, date1904, v)
    if 19000101 <= n <= 99991231:
        return _make_date(n // 10000, n // 100 % 100, n % 100, v)
    if year is not None and month is not None and 1 <= n <= 31:
        return _make_date(year, month, n, v)
    return _from_serial(n, date1904, v)
