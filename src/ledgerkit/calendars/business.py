"""The business-day calendar: weekends, Japanese national holidays (the ``holidays`` package,
DOMAIN.md §5.4), the bank holidays of the new year, company holidays and the year-end break.

A :class:`BusinessCalendar` is a small frozen value (picklable, so a worker process can be
handed one); the national holidays of a year are looked up once per process and cached.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable

from ledgerkit.calendars.settings import (
    CALENDAR_DEFAULTS,
    CompanyHoliday,
    parse_company_holiday,
    parse_year_end,
)
from ledgerkit.core import messages
from ledgerkit.core.errors import ConfigError

#: the ``holidays`` package covers these years for Japan
_FIRST_YEAR, _LAST_YEAR = 1949, 2099


@lru_cache(maxsize=64)
def _national(year: int, lang: str, bank: bool) -> dict[dt.date, str]:
    """The national holidays of ``year`` (and, with ``bank``, 12/31 and 1/1–1/3), by date."""
    import holidays

    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        return {}
    language = "ja" if lang == "ja" else "en_US"
    public = holidays.country_holidays("JP", years=year, language=language, categories=("public",))
    out = {d: name for d, name in sorted(public.items())}
    if bank:
        extra = holidays.country_holidays("JP", years=year, language=language, categories=("bank",))
        for d, name in extra.items():
            out.setdefault(d, name)
    return out


def _in_year_end(day: dt.date, span: tuple[tuple[int, int], tuple[int, int]] | None) -> bool:
    if span is None:
        return False
    (m0, d0), (m1, d1) = span
    here = (day.month, day.day)
    if (m0, d0) <= (m1, d1):
        return (m0, d0) <= here <= (m1, d1)
    # across the new year: 12-29..01-03
    return here >= (m0, d0) or here <= (m1, d1)


@dataclass(frozen=True)
class BusinessCalendar:
    """Which days are business days: not a weekend, a national holiday, a company holiday or
    in the year-end break.

    Examples:
        >>> cal = BusinessCalendar()
        >>> d = dt.date
        >>> cal.is_business_day(d(2026, 12, 23))   # a Wednesday: 天皇誕生日 is 2/23 since 2019
        True
        >>> cal.is_business_day(d(2026, 11, 23)), cal.holiday_name(d(2026, 11, 23))
        (False, '勤労感謝の日')
        >>> cal.holiday_name(d(2026, 12, 29)), cal.holiday_name(d(2026, 9, 22))
        ('年末年始休暇', '国民の休日')
        >>> cal.next_business_day(d(2026, 12, 28)), cal.previous_business_day(d(2027, 1, 4))
        (datetime.date(2027, 1, 4), datetime.date(2026, 12, 28))
        >>> len(cal.business_days(d(2026, 12, 1), d(2026, 12, 31)))   # 23 weekdays less 12/29-12/31
        20
        >>> BusinessCalendar(company=(parse_company_holiday("2026-12-07 創立記念日"),)).holiday_name(d(2026, 12, 7))
        '創立記念日'
    """

    company: tuple[CompanyHoliday, ...] = ()
    #: the year-end break as ((month, day), (month, day)), across the new year; None for none
    year_end: tuple[tuple[int, int], tuple[int, int]] | None = ((12, 29), (1, 3))
    bank_holidays: bool = True
    #: weekday numbers (Monday = 0) that are never business days
    weekend: frozenset[int] = field(default_factory=lambda: frozenset({5, 6}))
    lang: str = "ja"

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday ``day`` is (national, bank, company, year-end), or None.

        A weekend is not a holiday: it has no name here (see :meth:`is_business_day`).
        """
        name = _national(day.year, self.lang, self.bank_holidays).get(day)
        if name:
            return name
        for rule in self.company:
            if rule.covers(day):
                return rule.name or messages.text("cal_company_holiday", self.lang)
        if _in_year_end(day, self.year_end):
            return messages.text("cal_year_end", self.lang)
        return None

    def is_business_day(self, day: dt.date) -> bool:
        """True when ``day`` is neither a weekend nor any holiday."""
        if isinstance(day, dt.datetime):
            day = day.date()
        return day.weekday() not in self.weekend and self.holiday_name(day) is None

    def business_days(self, start: dt.date, end: dt.date) -> list[dt.date]:
        """Every business day from ``start`` to ``end``, both included, in order."""
        out = []
        day = start
        while day <= end:
            if self.is_business_day(day):
                out.append(day)
            day += dt.timedelta(days=1)
        return out

    def holidays(self, start: dt.date, end: dt.date) -> dict[dt.date, str]:
        """Every holiday from ``start`` to ``end`` (weekdays and weekends alike), with its name."""
        out = {}
        day = start
        while day <= end:
            name = self.holiday_name(day)
            if name:
                out[day] = name
            day += dt.timedelta(days=1)
        return out

    def next_business_day(self, day: dt.date) -> dt.date:
        """The first business day after ``day``."""
        return self._step(day, 1)

    def previous_business_day(self, day: dt.date) -> dt.date:
        """The last business day before ``day``."""
        return self._step(day, -1)

    def _step(self, day: dt.date, step: int) -> dt.date:
        # a calendar closed on every day would loop for ever: ten years is far past any break
        for _ in range(3660):
            day += dt.timedelta(days=step)
            if self.is_business_day(day):
                return day
        raise ValueError("no business day within ten years: the calendar closes every day")


def business_calendar(config: Any = None, *, lang: str | None = None) -> BusinessCalendar:
    """The calendar of the ``[calendar]`` settings of ``config`` (a Config; None for the defaults).

    Examples:
        >>> business_calendar().year_end
        ((12, 29), (1, 3))
    """
    def get(key: str) -> Any:
        default = CALENDAR_DEFAULTS[key]
        return config.get(f"calendar.{key}", default) if config is not None else default

    lang = lang or (getattr(config, "lang", None) if config is not None else None) or "ja"
    entries = get("company_holidays")
    if isinstance(entries, str) or not isinstance(entries, Iterable):
        raise ConfigError(messages.text("cal_bad_holiday", lang, key="calendar.company_holidays", value=entries))
    company = tuple(parse_company_holiday(e, lang=lang) for e in entries)
    return BusinessCalendar(
        company=company,
        year_end=parse_year_end(get("year_end"), lang=lang),
        bank_holidays=bool(get("bank_holidays")),
        lang=lang,
    )
