"""A contract that starts or ends inside a month: its share of the month (日割り).

``[settle] prorate`` says how: ``business_days`` (the default: the contract's business days
÷ the month's, on the ``[calendar]`` — weekends, national and bank holidays, the year-end
break, company holidays), ``calendar_days`` (days ÷ the month's days) or ``none`` (settled
as a full month, with a warning). The share prorates the fee and the band
(:func:`~ledgerkit.settlement.bands.settle_month`); the finding that says so names the
share and the calendar it was counted on.

Examples:
    >>> import datetime as dt
    >>> s = month_share(dt.date(2026, 10, 16), None, "2026-10", "business_days")
    >>> s.share, s.part, s.whole, s.label("ja")
    (Fraction(11, 21), 11, 21, '営業日 11/21')
    >>> month_share(dt.date(2026, 10, 16), None, "2026-10", "calendar_days").share
    Fraction(16, 31)
    >>> month_share(None, dt.date(2027, 3, 31), "2026-10", "business_days") is None
    True
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ledgerkit.calendars.business import BusinessCalendar
from ledgerkit.parse.months import split_month_label

__all__ = ["PRORATE_MODES", "MonthShare", "month_share", "calendar_words"]

#: the ways a partial month is settled (``[settle] prorate``)
PRORATE_MODES = ("business_days", "calendar_days", "none")
_BASIS_WORDS = {"business_days": ("営業日", "business days"), "calendar_days": ("暦日", "calendar days"),
                "none": ("日割りなし", "not prorated")}


@dataclass(frozen=True)
class MonthShare:
    """The part of a month a contract covers (``start``..``end``) and its share of the month."""

    start: dt.date
    end: dt.date
    basis: str
    part: int
    whole: int

    @property
    def share(self) -> Fraction:
        if self.basis == "none" or self.whole == 0:
            return Fraction(1)
        return Fraction(self.part, self.whole)

    def period(self) -> str:
        return f"{self.start.isoformat()}〜{self.end.isoformat()}"

    def label(self, lang: str = "ja") -> str:
        """``営業日 11/21`` / ``business days 11/21``; ``日割りなし`` when not prorated."""
        word = _BASIS_WORDS[self.basis][0 if lang == "ja" else 1]
        return word if self.basis == "none" else f"{word} {self.part}/{self.whole}"


def month_share(valid_from: Any, valid_to: Any, month: str, mode: str = "business_days",
                cal: BusinessCalendar | None = None) -> MonthShare | None:
    """The contract's part of ``month`` (``YYYY-MM``), or None when it covers the whole month.

    ``mode`` is one of :data:`PRORATE_MODES`; ``cal`` the business calendar (default: the
    national and bank holidays and the 12/29–1/3 break).
    """
    if mode not in PRORATE_MODES:
        raise ValueError(f"unknown proration {mode!r} (use {', '.join(PRORATE_MODES)})")
    y, m = split_month_label(month)
    first, last = dt.date(y, m, 1), dt.date(y, m, calendar.monthrange(y, m)[1])
    start = max(first, _day(valid_from) or first)
    end = min(last, _day(valid_to) or last)
    if (start, end) == (first, last):
        return None
    if mode == "calendar_days" or mode == "none":
        return MonthShare(start, end, mode, (end - start).days + 1, (last - first).days + 1)
    cal = cal or BusinessCalendar()
    return MonthShare(start, end, mode, len(cal.business_days(start, end)), len(cal.business_days(first, last)))


def _day(v: Any) -> dt.date | None:
    if v is None or v != v:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return getattr(v, "date", lambda: None)()


def calendar_words(cal: BusinessCalendar, lang: str = "ja") -> str:
    """Which days the business calendar closes, in words (what a proration was counted on).

    Examples:
        >>> calendar_words(BusinessCalendar())
        '暦: 土日・国民の祝日・銀行休業日・年末年始 12/29〜1/3'
        >>> calendar_words(BusinessCalendar(year_end=None, bank_holidays=False), "en")
        'calendar: weekends, national holidays'
    """
    ja = lang == "ja"
    parts = ["土日" if ja else "weekends", "国民の祝日" if ja else "national holidays"]
    if cal.bank_holidays:
        parts.append("銀行休業日" if ja else "bank holidays")
    if cal.year_end is not None:
        (m0, d0), (m1, d1) = cal.year_end
        parts.append(f"年末年始 {m0}/{d0}〜{m1}/{d1}" if ja else f"year-end break {m0}/{d0} to {m1}/{d1}")
    if cal.company:
        parts.append(f"会社休日 {len(cal.company)} 件" if ja else f"{len(cal.company)} company holiday(s)")
    return ("暦: " + "・".join(parts)) if ja else ("calendar: " + ", ".join(parts))
