"""ledgerkit.calendars: business days (DOMAIN.md §5.4), company holidays, the year-end break."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerkit.calendars import BusinessCalendar, business_calendar, parse_company_holiday, parse_year_end
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import ConfigError

d = dt.date
#: DOMAIN.md §5.4: weekdays that are not national holidays, 2026, per month
WEEKDAYS_2026 = {1: 20, 2: 18, 3: 21, 4: 21, 5: 18, 6: 22, 7: 22, 8: 20, 9: 19, 10: 21, 11: 19, 12: 23}


def _month_end(year: int, month: int) -> dt.date:
    return (d(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)


@pytest.mark.parametrize("month", range(1, 13))
def test_weekdays_that_are_not_national_holidays_match_domain_md(month):
    national = BusinessCalendar(year_end=None, bank_holidays=False)
    assert len(national.business_days(d(2026, month, 1), _month_end(2026, month))) == WEEKDAYS_2026[month]


def test_fiscal_year_2026_has_244_days():
    national = BusinessCalendar(year_end=None, bank_holidays=False)
    assert len(national.business_days(d(2026, 4, 1), d(2027, 3, 31))) == 244


def test_the_holidays_of_the_issue():
    cal = BusinessCalendar()
    # 天皇誕生日 moved to 2/23 in 2019: 12/23 is a Wednesday like any other
    assert cal.is_business_day(d(2026, 12, 23)) and cal.holiday_name(d(2026, 12, 23)) is None
    assert cal.holiday_name(d(2026, 2, 23)) == "天皇誕生日"
    assert not cal.is_business_day(d(2026, 11, 23)) and cal.holiday_name(d(2026, 11, 23)) == "勤労感謝の日"
    assert cal.holiday_name(d(2026, 9, 22)) == "国民の休日" and cal.holiday_name(d(2026, 5, 6)) == "振替休日"
    assert BusinessCalendar(lang="en").holiday_name(d(2026, 11, 23)) == "Labor Thanksgiving Day"


def test_year_end_break_and_bank_holidays():
    cal = BusinessCalendar()
    assert [day.day for day in cal.business_days(d(2026, 12, 24), d(2027, 1, 6))] == [24, 25, 28, 4, 5, 6]
    assert cal.holiday_name(d(2026, 12, 30)) == "年末年始休暇" and cal.holiday_name(d(2027, 1, 1)) == "元日"
    no_break = BusinessCalendar(year_end=None)
    assert no_break.is_business_day(d(2026, 12, 30)) and not no_break.is_business_day(d(2026, 12, 31))
    assert no_break.holiday_name(d(2026, 12, 31)) == "銀行休業日"
    assert BusinessCalendar(year_end=None, bank_holidays=False).is_business_day(d(2026, 12, 31))


def test_next_and_previous_business_day():
    cal = BusinessCalendar()
    assert cal.next_business_day(d(2026, 11, 20)) == d(2026, 11, 24)  # Fri → Tue over 勤労感謝の日 (Mon)
    assert cal.previous_business_day(d(2026, 11, 24)) == d(2026, 11, 20)
    assert cal.next_business_day(d(2026, 12, 25)) == d(2026, 12, 28)
    assert cal.holidays(d(2026, 11, 1), d(2026, 11, 30)) == {d(2026, 11, 3): "文化の日", d(2026, 11, 23): "勤労感謝の日"}


def test_company_holidays_from_the_config():
    config = Config()
    config.data["calendar"] = {"company_holidays": ["2026-08-12..2026-08-14 夏季休暇", "04-01 創立記念日", "2026-12-07"],
                               "year_end": "12-28..01-04", "bank_holidays": True}
    cal = business_calendar(config)
    assert cal.holiday_name(d(2026, 8, 13)) == "夏季休暇" and cal.holiday_name(d(2027, 4, 1)) == "創立記念日"
    assert cal.holiday_name(d(2026, 12, 7)) == "会社休日"
    assert not cal.is_business_day(d(2026, 12, 28)) and not cal.is_business_day(d(2027, 1, 4))
    # two calendars side by side: nothing registered globally
    assert BusinessCalendar().is_business_day(d(2026, 8, 13))


def test_a_bad_setting_says_which_and_how():
    config = Config()
    config.data["calendar"] = {"company_holidays": ["2026-02-30"]}
    with pytest.raises(ConfigError, match=r"calendar.company_holidays: '2026-02-30' is not a date"):
        business_calendar(config, lang="en")
    with pytest.raises(ConfigError, match="calendar.year_end: '12-29' は MM-DD..MM-DD ではありません"):
        parse_year_end("12-29", lang="ja")


def test_the_calendar_pickles():
    import pickle

    cal = business_calendar()
    assert pickle.loads(pickle.dumps(cal)) == cal


@given(st.text(max_size=40))
def test_company_holiday_parser_never_fails_otherwise(text):
    try:
        rule = parse_company_holiday(text)
    except ConfigError:
        return
    assert rule.month_day is not None or rule.first <= rule.last


@given(st.dates(min_value=d(2000, 1, 1), max_value=d(2099, 12, 31)), st.text(alphabet="夏季休暇 ", max_size=6))
def test_company_holiday_round_trip(day, name):
    rule = parse_company_holiday(f"{day.isoformat()} {name}")
    assert rule.covers(day) and not rule.covers(day + dt.timedelta(days=1)) and rule.name == name.strip()
