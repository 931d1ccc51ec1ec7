"""The ``[calendar]`` settings: their defaults and comments, and the parsers of their values.

The defaults and comments are the config's (``ledgerkit.config.defaults``).

* ``company_holidays``: a list of entries, each a date ``2026-08-13``, a range
  ``2026-08-12..2026-08-14``, or a day of every year ``08-13`` (創立記念日), optionally
  followed by a space and a name (``"2026-08-13 夏季休暇"``).
* ``year_end``: the year-end break as ``MM-DD..MM-DD`` across the new year, ``12-29..01-03``
  by default (年末年始休暇); ``""`` for none.
* ``bank_holidays``: also close on the bank holidays of 12/31 and 1/1–1/3 (銀行休業日).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from typing import Any

from ledgerkit.config.defaults import COMMENTS, DEFAULTS
from ledgerkit.core import messages
from ledgerkit.core.errors import ConfigError

#: the ``[calendar]`` defaults and their comments (ja, en), as the config declares them
CALENDAR_DEFAULTS: dict[str, Any] = DEFAULTS["calendar"]
CALENDAR_COMMENTS: dict[str, tuple[str, str]] = {k: v for k, v in COMMENTS.items() if k.split(".")[0] == "calendar"}


@dataclass(frozen=True)
class CompanyHoliday:
    """A company holiday: the days ``first``..``last`` (one day when they are equal), or
    ``month_day`` in every year; ``name`` as written (may be empty)."""

    first: dt.date | None = None
    last: dt.date | None = None
    month_day: tuple[int, int] | None = None
    name: str = ""

    def covers(self, day: dt.date) -> bool:
        if self.month_day is not None:
            return (day.month, day.day) == self.month_day
        return self.first <= day <= self.last


_YMD = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_MD = r"(\d{1,2})-(\d{1,2})"
_ENTRY = re.compile(rf"^(?:{_YMD}(?:\s*\.\.\s*{_YMD})?|{_MD})(?:\s+(.+))?$")


def _date(y: str, m: str, d: str) -> dt.date:
    return dt.date(int(y), int(m), int(d))


def _month_day(m: str, d: str) -> tuple[int, int]:
    # 2000 is a leap year: 02-29 is a day some years have
    dt.date(2000, int(m), int(d))
    return int(m), int(d)


def parse_company_holiday(text: str, *, lang: str = "en") -> CompanyHoliday:
    """One entry of ``calendar.company_holidays``.

    Examples:
        >>> parse_company_holiday("2026-08-13 夏季休暇")
        CompanyHoliday(first=datetime.date(2026, 8, 13), last=datetime.date(2026, 8, 13), month_day=None, name='夏季休暇')
        >>> parse_company_holiday("２０２６-08-12..2026-08-14").last
        datetime.date(2026, 8, 14)
        >>> parse_company_holiday("04-01 創立記念日").month_day
        (4, 1)
        >>> parse_company_holiday("2026-13-01")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.ConfigError: calendar.company_holidays: '2026-13-01' is not a date (write 2026-08-13, a range 2026-08-12..2026-08-14, or 08-13 for every year)
    """
    raw = text if isinstance(text, str) else str(text)
    s = unicodedata.normalize("NFKC", raw).strip()
    m = _ENTRY.match(s)
    try:
        if m is None:
            raise ValueError
        g = m.groups()
        name = (g[8] or "").strip()
        if g[6] is not None:
            return CompanyHoliday(month_day=_month_day(g[6], g[7]), name=name)
        first = _date(*g[0:3])
        last = _date(*g[3:6]) if g[3] is not None else first
        if last < first:
            raise ValueError
        return CompanyHoliday(first, last, name=name)
    except ValueError:
        raise ConfigError(messages.text("cal_bad_holiday", lang, key="calendar.company_holidays", value=raw)) from None


def parse_year_end(text: str, *, lang: str = "en") -> tuple[tuple[int, int], tuple[int, int]] | None:
    """``calendar.year_end``: ``"12-29..01-03"`` → ((12, 29), (1, 3)); ``""`` → None.

    Examples:
        >>> parse_year_end("12-29..01-03"), parse_year_end("")
        (((12, 29), (1, 3)), None)
        >>> parse_year_end("12/29")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.ConfigError: calendar.year_end: '12/29' is not MM-DD..MM-DD (e.g. 12-29..01-03, or "" for none)
    """
    raw = text if isinstance(text, str) else str(text)
    s = unicodedata.normalize("NFKC", raw).strip()
    if not s:
        return None
    m = re.fullmatch(rf"{_MD}\s*\.\.\s*{_MD}", s)
    try:
        if m is None:
            raise ValueError
        return _month_day(m.group(1), m.group(2)), _month_day(m.group(3), m.group(4))
    except ValueError:
        raise ConfigError(messages.text("cal_bad_year_end", lang, key="calendar.year_end", value=raw)) from None
