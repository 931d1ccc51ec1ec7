"""Delivery terms (納期・受領期日・役務提供期間): a date, or the period of a service.

An order for goods states a delivery date (``2026/10/20``, ``10月末``); an order for a
service states the **period** it is performed in (``2026/10/1～2026/10/31``,
``10月1日〜10月31日``, ``2026年10月分``), DOMAIN.md §2.2. The 取適法 60 days run from the
end of that period. :func:`parse_delivery_term` reads both into one :class:`DeliveryTerm`;
``check orders`` and ``draft-po`` use it, so the two commands read a cell the same way.

Examples:
    >>> parse_delivery_term("2026/10/1～2026/10/31").label()
    '2026-10-01〜2026-10-31'
    >>> parse_delivery_term("2026年10月分").end, parse_delivery_term("2026/10/20").end
    (datetime.date(2026, 10, 31), datetime.date(2026, 10, 20))
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.relative_dates import date_after
from ledgerkit.parse.text import _PLACEHOLDERS, CellValueError, normalize_text

__all__ = ["DeliveryTerm", "parse_delivery_term"]

#: the marks between the two ends of a period: ～ (NFKC ~), 〜, から … まで, a dash between two dates
_RANGE = re.compile(r"\s*(?:~|〜|～|から|より|\s[-–—]\s|[–—])\s*")
_UNTIL = re.compile(r"\s*(?:まで|迄)$")
#: the right end written short: 31日, 31, 10/31, 10月31日
_DAY_ONLY = re.compile(r"(\d{1,2})\s*日?")
_MONTH_DAY = re.compile(r"(\d{1,2})\s*[/月.\-]\s*(\d{1,2})\s*日?")


@dataclass(frozen=True)
class DeliveryTerm:
    """A delivery date (``start`` None) or a service period ``start``..``end``, both included."""

    end: dt.date
    start: dt.date | None = None

    @property
    def is_period(self) -> bool:
        return self.start is not None

    def label(self) -> str:
        """``2026-10-20`` or ``2026-10-01〜2026-10-31``."""
        if self.start is None:
            return self.end.isoformat()
        return f"{self.start.isoformat()}〜{self.end.isoformat()}"


def parse_delivery_term(v: Any, *, after: dt.date | None = None) -> DeliveryTerm | None:
    """A 納期 / 受領期日 cell: a date, or the period of a service.

    Accepts a date in any form :func:`~ledgerkit.parse.dates.parse_date` reads; a date
    without its year (``10/20``, ``11月末``, ``翌月末``) read on or after ``after`` (the
    order date); a period ``2026/10/1～2026/10/31``, ``2026/10/1～10/31``,
    ``10月1日〜10月31日``, ``2026年10月1日から10月31日まで``, ``R8.10.1～R8.10.31``; a
    whole month ``2026年10月分``, ``2026年10月``, ``R8.10分``, ``10月分`` (its year from
    ``after``). Blank → None; anything else raises CellValueError naming what is wrong.

    Examples:
        >>> d = dt.date(2026, 9, 25)
        >>> parse_delivery_term("10月1日〜10月31日", after=d).label()
        '2026-10-01〜2026-10-31'
        >>> parse_delivery_term("2026/10/1～10/31").label(), parse_delivery_term("10月分", after=d).label()
        ('2026-10-01〜2026-10-31', '2026-10-01〜2026-10-31')
        >>> parse_delivery_term("11月末", after=d)
        DeliveryTerm(end=datetime.date(2026, 11, 30), start=None)
        >>> parse_delivery_term("12月中旬")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 納期を日付または期間 (2026/10/1～2026/10/31) として読めません
    """
    if v is None or isinstance(v, bool):
        if isinstance(v, bool):
            raise CellValueError("納期として読めません (真偽値です)", v)
        return None
    if not isinstance(v, str):
        day = parse_date(v)
        return None if day is None else DeliveryTerm(day)
    text = normalize_text(v).strip()
    if text in _PLACEHOLDERS:
        return None
    text = _UNTIL.sub("", text)
    try:
        day = parse_date(text)
    except CellValueError:
        day = None
    if day is not None:
        return DeliveryTerm(day)
    ends = [p for p in _RANGE.split(text, maxsplit=1) if p]
    if len(ends) == 2:
        return _period(ends[0], ends[1], v, after)
    dashed = _dashed_period(text, v, after)
    if dashed is not None:
        return dashed
    whole = _whole_month(text, after, v)
    if whole is not None:
        return whole
    day = date_after(text, after)
    if day is not None:
        return DeliveryTerm(day)
    raise CellValueError("納期を日付または期間 (2026/10/1～2026/10/31) として読めません", v)


def _one_end(text: str, after: dt.date | None, v: Any) -> dt.date:
    """The first day of a period: a full date, or one without its year read after ``after``."""
    try:
        day = parse_date(text)
    except CellValueError:
        day = None
    if day is None:
        day = date_after(text, after)
    if day is None:
        if after is None and _MONTH_DAY.fullmatch(text):
            raise CellValueError("期間に年がありません (2026/10/1～2026/10/31 のように書いてください)", v)
        raise CellValueError("期間の始まりを日付として読めません", v)
    return day


def _period(left: str, right: str, v: Any, after: dt.date | None) -> DeliveryTerm:
    start = _one_end(left, after, v)
    right = _UNTIL.sub("", right)
    try:
        end = parse_date(right)
    except CellValueError:
        end = None
    if end is None:
        # the right end written short: 10/31 or 10月31日 (start's year), 31日 (start's month)
        m, d = _MONTH_DAY.fullmatch(right), _DAY_ONLY.fullmatch(right)
        try:
            if m:
                end = dt.date(start.year, int(m.group(1)), int(m.group(2)))
                if end < start:
                    end = end.replace(year=start.year + 1)
            elif d:
                end = dt.date(start.year, start.month, int(d.group(1)))
            elif right.endswith("末") or right.endswith("末日"):
                end = date_after(right, start)
        except ValueError:
            raise CellValueError("期間の終わりが存在しない日付です", v) from None
    if end is None:
        raise CellValueError("期間の終わりを日付として読めません", v)
    if end < start:
        raise CellValueError(f"期間の終わり {end.isoformat()} が始まり {start.isoformat()} より前です", v)
    return DeliveryTerm(end, start)


def _dashed_period(text: str, v: Any, after: dt.date | None) -> DeliveryTerm | None:
    """``2026/10/1-2026/10/31`` or ``10月1日-10月31日``: a dash (or an en dash made one) between
    two dates, tried at each dash (a dash is also a date's own separator: ``2026-10-01``)."""
    if "/" not in text and "月" not in text:
        return None
    for i, ch in enumerate(text):
        if ch != "-" or i == 0:
            continue
        try:
            return _period(text[:i], text[i + 1:], v, after)
        except CellValueError:
            continue
    return None


def _whole_month(text: str, after: dt.date | None, v: Any) -> DeliveryTerm | None:
    """``2026年10月分``, ``R8.10``, ``10月分``: the month as a period (its year from ``after``)."""
    ym = parse_month(text)
    if ym is None:
        return None
    y, m = ym
    if y is None:
        if after is None:
            raise CellValueError("期間に年がありません (2026年10月分 のように書いてください)", v)
        y = after.year + (1 if m < after.month else 0)
    return DeliveryTerm(dt.date(y, m, calendar.monthrange(y, m)[1]), dt.date(y, m, 1))
