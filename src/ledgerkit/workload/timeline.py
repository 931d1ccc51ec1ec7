"""Business time from the as-of moment: working minutes per business day, positions, clock times.

The triage measures time the way the office spends it: in working minutes of business
days (``[triage] hours`` less ``lunch``; weekends, national and company holidays and the
year-end break skipped by :class:`~ledgerkit.calendars.business.BusinessCalendar`). A
*position* is the number of working minutes from the as-of moment: a deadline's position
is the business time left before it (the slack's first term), a planned finish's
position is how soon it comes (what the assignment compares).

Examples:
    >>> from ledgerkit.calendars.business import BusinessCalendar
    >>> from ledgerkit.workload.settings import triage_settings
    >>> t = Timeline(dt.datetime(2026, 12, 1, 15, 0), BusinessCalendar(), triage_settings(), 5)
    >>> t.days[:2], t.minutes[:2]
    ([datetime.date(2026, 12, 1), datetime.date(2026, 12, 2)], [180, 480])
    >>> t.position(dt.datetime(2026, 12, 2, 17, 0)) / 60       # 3h today + 7h tomorrow
    10.0
    >>> t.clock(1, 240)                                        # 4 working hours into 12/2: after lunch
    datetime.datetime(2026, 12, 2, 14, 0)
"""

from __future__ import annotations

import bisect
import datetime as dt

from ledgerkit.calendars.business import BusinessCalendar
from ledgerkit.workload.settings import Settings

#: how far a deadline is followed (business days) before it counts as "far away"
_FAR = 2600


class Timeline:
    """The business days from ``as_of`` (today first when it is one), ``horizon`` of them planned."""

    def __init__(self, as_of: dt.datetime, calendar: BusinessCalendar, settings: Settings, horizon: int):
        self.as_of = as_of
        self.calendar = calendar
        self.settings = settings
        self.horizon = horizon
        self.days: list[dt.date] = []
        self.opens: list[int] = []
        self.minutes: list[int] = []
        #: working minutes before each day (``cum[i]``), one more entry than days
        self.cum: list[int] = [0]
        day = as_of.date()
        if not calendar.is_business_day(day):
            day = calendar.next_business_day(day)
        self._append(day)
        while len(self.days) < horizon:
            self._append(calendar.next_business_day(self.days[-1]))

    def _append(self, day: dt.date) -> None:
        s = self.settings
        start = s.hours[0]
        if day == self.as_of.date():
            start = min(max(start, self.as_of.hour * 60 + self.as_of.minute), s.hours[1])
        if s.lunch is not None and s.lunch[0] <= start < s.lunch[1]:
            start = s.lunch[1]
        start = min(start, s.hours[1])
        self.days.append(day)
        self.opens.append(start)
        self.minutes.append(s.hours[1] - start - s.lunch_within(start, s.hours[1]))
        self.cum.append(self.cum[-1] + self.minutes[-1])

    def share_of_day(self, i: int) -> float:
        """The share of a full working day left on day ``i`` (less than 1 on the as-of day only)."""
        full = self.settings.day_minutes
        return self.minutes[i] / full if full else 0.0

    def _extend(self, day: dt.date) -> bool:
        """Follow the calendar to ``day``; False when it is too far to follow."""
        while self.days[-1] < day:
            if len(self.days) >= _FAR:
                return False
            self._append(self.calendar.next_business_day(self.days[-1]))
        return True

    def position(self, when: dt.datetime) -> float:
        """Working minutes from the as-of moment to ``when`` (0 before it; inf when too far)."""
        if when <= self.as_of:
            return 0.0
        if not self._extend(when.date()):
            return float("inf")
        i = bisect.bisect_right(self.days, when.date()) - 1
        if i < 0:
            return 0.0
        if self.days[i] != when.date():
            return float(self.cum[i + 1])
        return float(self.cum[i] + self._worked(i, when.hour * 60 + when.minute))

    def _worked(self, i: int, clock: int) -> int:
        """Working minutes of day ``i`` from its opening to ``clock``."""
        s = self.settings
        end = min(max(clock, self.opens[i]), s.hours[1])
        return end - self.opens[i] - s.lunch_within(self.opens[i], end)

    def clock(self, i: int, offset: float, *, start: bool = False) -> dt.datetime:
        """The time ``offset`` working minutes into day ``i`` (lunch skipped; to the minute).

        ``start``: the time something starts, so a start at lunch is after it.
        """
        s = self.settings
        t = self.opens[i] + round(offset)
        if s.lunch is not None and self.opens[i] < s.lunch[0] and (t > s.lunch[0] or (start and t == s.lunch[0])):
            t += s.lunch[1] - s.lunch[0]
        t = min(t, s.hours[1])
        return dt.datetime.combine(self.days[i], dt.time(0)) + dt.timedelta(minutes=t)

    def minutes_since(self, when: dt.datetime) -> int:
        """Working minutes from ``when`` (before the as-of moment) to the as-of moment.

        Examples:
            >>> from ledgerkit.calendars.business import BusinessCalendar
            >>> from ledgerkit.workload.settings import triage_settings
            >>> t = Timeline(dt.datetime(2026, 12, 1, 10, 0), BusinessCalendar(), triage_settings(), 1)
            >>> t.minutes_since(dt.datetime(2026, 11, 27, 17, 0)) / 60   # Fri 17-18, Mon 8h, Tue 9-10
            10.0
        """
        if when >= self.as_of:
            return 0
        s = self.settings
        total = 0
        day = when.date()
        for _ in range(_FAR * 2):
            if day > self.as_of.date():
                break
            if self.calendar.is_business_day(day):
                a = when.hour * 60 + when.minute if day == when.date() else s.hours[0]
                b = self.as_of.hour * 60 + self.as_of.minute if day == self.as_of.date() else s.hours[1]
                a, b = max(a, s.hours[0]), min(b, s.hours[1])
                if b > a:
                    total += b - a - s.lunch_within(a, b)
            day += dt.timedelta(days=1)
        return total

    def business_days_until(self, day: dt.date) -> int:
        """Business days after the as-of date up to ``day`` (0 when it is today or past)."""
        if day <= self.as_of.date() or not self._extend(day):
            return 0 if day <= self.as_of.date() else _FAR
        first = 1 if self.days[0] == self.as_of.date() else 0
        return bisect.bisect_right(self.days, day) - first
