"""Business days: Japanese national holidays, company holidays and the year-end break.

One calendar object (:class:`~ledgerkit.calendars.business.BusinessCalendar`), built from
the ``[calendar]`` settings with :func:`~ledgerkit.calendars.business.business_calendar`,
answers every "is this a working day" question of ledgerkit (the scheduler's candidate
days, triage's due dates, settlement's proration). Never a global registry: two calendars
with different company holidays live side by side.
"""

from __future__ import annotations

from ledgerkit.calendars.business import BusinessCalendar, CompanyHoliday, business_calendar
from ledgerkit.calendars.settings import CALENDAR_COMMENTS, CALENDAR_DEFAULTS, parse_company_holiday, parse_year_end

__all__ = [
    "BusinessCalendar",
    "CompanyHoliday",
    "business_calendar",
    "CALENDAR_DEFAULTS",
    "CALENDAR_COMMENTS",
    "parse_company_holiday",
    "parse_year_end",
]
