"""Effort estimates and progress: ``30分``, ``1.5h``, ``半日``, ``1日``, ``2人日``, ``50%``, ``5割``.

A 見積工数 is written in hours and minutes (read by :func:`~ledgerkit.parse.hours.parse_hours`)
or in working days (``半日``, ``1日``, ``0.5人日``, ``1日半``), which need the length of a
working day: the caller passes ``hours_per_day``. A 進捗 is a share done (``50%``, ``0.5``,
``5割``, ``半分``).

Examples:
    >>> parse_effort("半日"), parse_effort("1.5h"), parse_effort("30分"), parse_effort("2人日", hours_per_day=7.5)
    (4.0, 1.5, 0.5, 15.0)
    >>> parse_progress("50%"), parse_progress("5割"), parse_progress(0.25)
    (0.5, 0.5, 0.25)
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import (
    _PLACEHOLDERS,
    _PLAIN_TYPES,
    CellValueError,
    _plain,
    normalize_text,
)

__all__ = ["UNKNOWN_WORDS", "parse_effort", "parse_progress"]

#: an estimate not made yet: read as blank (the caller decides what a blank means)
UNKNOWN_WORDS = frozenset({"未定", "不明", "要確認", "確認中", "tbd", "?", "??", "-"})

_DAYS = re.compile(r"(\d+(?:\.\d+)?|\.\d+)?(?:人日|日)(半)?")
_HALF_DAY = frozenset({"半日", "半人日", "0.5日"})
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)%")
_WARI = re.compile(r"(\d+(?:\.\d+)?)割(?:(\d)分)?")
_PROGRESS_WORDS = {"半分": 0.5, "完了": 1.0, "済": 1.0, "未着手": 0.0}
#: the longest estimate read (a year of working days): anything above is a typo
MAX_EFFORT_HOURS = 24 * 366


def parse_effort(value: object, *, hours_per_day: float = 8.0) -> float | None:
    """An effort estimate in hours.

    A number is hours (``1.5`` → 1.5); text as :func:`~ledgerkit.parse.hours.parse_hours`
    reads it (``30分``, ``1.5h``, ``1時間30分``, ``1:30``), or in working days of
    ``hours_per_day`` hours: ``半日``, ``1日``, ``0.5日``, ``2人日``, ``1日半``. Blank, a
    placeholder and the words of :data:`UNKNOWN_WORDS` (``未定``, ``TBD``) → None;
    negative, zero-length text, and anything else raise
    :class:`~ledgerkit.parse.text.CellValueError`.

    Examples:
        >>> parse_effort(2), parse_effort("１日半"), parse_effort("0.5人日"), parse_effort("未定")
        (2.0, 12.0, 4.0, None)
        >>> parse_effort("3 days")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 工数として読めません (30分、1.5h、半日、1日 のように書いてください)
    """
    if type(value) not in _PLAIN_TYPES:
        value = _plain(value)
    if value is None:
        return None
    if isinstance(value, str):
        s = normalize_text(value).replace(" ", "").lower()
        if s in _PLACEHOLDERS or s in UNKNOWN_WORDS:
            return None
        if s in _HALF_DAY:
            return _checked(hours_per_day / 2, value)
        m = _DAYS.fullmatch(s)
        if m and m.group(1):
            days = float(m.group(1)) + (0.5 if m.group(2) else 0)
            return _checked(days * hours_per_day, value)
    try:
        hours = parse_hours(value)
    except CellValueError as e:
        if e.reason == "負の時間です":
            raise CellValueError("負の工数です", value) from None
        raise CellValueError("工数として読めません (30分、1.5h、半日、1日 のように書いてください)", value) from None
    return None if hours is None else _checked(hours, value)


def _checked(hours: float, value: object) -> float:
    if not math.isfinite(hours) or hours > MAX_EFFORT_HOURS:
        raise CellValueError("工数が大きすぎます", value)
    return float(hours)


def parse_progress(value: object) -> float | None:
    """A share of the work done, 0 to 1: ``50%``, ``0.5``, ``50`` (a whole number above 1 is
    percent), ``5割``, ``半分``, ``完了``. Blank → None; outside 0–100 % raises
    :class:`~ledgerkit.parse.text.CellValueError`.

    Examples:
        >>> parse_progress("８０％"), parse_progress(80), parse_progress("3割5分"), parse_progress("")
        (0.8, 0.8, 0.35, None)
    """
    if type(value) not in _PLAIN_TYPES:
        value = _plain(value)
    if value is None:
        return None
    if isinstance(value, bool):
        raise CellValueError("進捗として読めません (真偽値です)", value)
    if isinstance(value, (int, float, Decimal)):
        share = float(value)
        if not math.isfinite(share):
            raise CellValueError("進捗として読めません", value)
        return _share(share / 100 if share > 1 else share, value)
    if not isinstance(value, str):
        raise CellValueError("進捗として読めません", value)
    s = normalize_text(value).replace(" ", "")
    if s in _PLACEHOLDERS:
        return None
    if s in _PROGRESS_WORDS:
        return _PROGRESS_WORDS[s]
    m = _PERCENT.fullmatch(s)
    if m:
        return _share(float(m.group(1)) / 100, value)
    m = _WARI.fullmatch(s)
    if m:
        return _share(float(m.group(1)) / 10 + int(m.group(2) or 0) / 100, value)
    try:
        number = float(s)
    except ValueError:
        raise CellValueError("進捗として読めません (50%、0.5、5割 のように書いてください)", value) from None
    return parse_progress(number)


def _share(share: float, value: object) -> float:
    if not 0 <= share <= 1:
        raise CellValueError("進捗は 0〜100% です", value)
    return round(share, 6)
