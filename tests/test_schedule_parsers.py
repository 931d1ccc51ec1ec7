"""The scheduler's parsers of what a person types: durations, times of day, time and date ranges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerkit.core.errors import InputError
from ledgerkit.parse.text import CellValueError
from ledgerkit.scheduling.options import (
    format_minutes,
    parse_clock,
    parse_date_range,
    parse_duration,
    parse_time_range,
)

minutes = st.integers(min_value=1, max_value=24 * 60)
clock = st.integers(min_value=0, max_value=24 * 60)
FULL = str.maketrans("0123456789:", "０１２３４５６７８９：")


@given(minutes)
def test_duration_in_every_spelling(m):
    h, mm = divmod(m, 60)
    spellings = [str(m), f"{m}分", f"{m}min", str(m).translate(FULL), f"{h}:{mm:02d}"]
    if h:
        spellings += [f"{h}時間{mm}分" if mm else f"{h}時間", f"{h}h{mm}m" if mm else f"{h}h"]
    for text in spellings:
        assert parse_duration(text) == m, text


@given(st.text(max_size=20))
def test_duration_never_fails_otherwise(text):
    try:
        m = parse_duration(text)
    except InputError as e:
        assert str(e).startswith("--duration ")
        return
    assert 1 <= m <= 24 * 60


@pytest.mark.parametrize("text", ["0", "-30", "25h", "1.2345h", "abc", "", "1441", "nan", "1e9"])
def test_duration_refused(text):
    with pytest.raises(InputError):
        parse_duration(text)


@given(clock)
def test_clock_in_every_spelling(t):
    h, m = divmod(t, 60)
    spellings = [f"{h}:{m:02d}", f"{h:02d}:{m:02d}", f"{h}時{m}分" if m else f"{h}時", f"{h}:{m:02d}".translate(FULL),
                 dt.time(h, m) if h < 24 else None, t / 1440 if 0 < t < 1440 else None]
    if 0 < h < 12 or (h == 12 and m == 0):
        spellings += [f"午前{h}時{m}分" if h < 12 else None]
    if 1 <= h < 12:
        spellings += [f"午後{h}時{m}分", f"{h}:{m:02d}pm"]
    for value in spellings:
        if value is None:
            continue
        expected = t + (12 * 60 if isinstance(value, str) and ("午後" in value or "pm" in value) else 0)
        assert parse_clock(value) == expected, value


@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.integers(-10**6, 10**6)))
def test_clock_never_fails_otherwise(value):
    try:
        t = parse_clock(value)
    except CellValueError:
        return
    assert t is None or 0 <= t <= 24 * 60


@given(clock, clock, st.sampled_from(["-", "〜", "～", " - ", "–", "から"]))
def test_time_range_round_trip(a, b, sep):
    text = f"{format_minutes(a)}{sep}{format_minutes(b)}"
    if a < b:
        assert parse_time_range(text) == (a, b)
    else:
        with pytest.raises(InputError, match=r"^--hours "):
            parse_time_range(text)


@given(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 1, 1)), st.integers(0, 365))
def test_date_range_round_trip(start, days):
    end = start + dt.timedelta(days=days)
    assert parse_date_range(f"{start:%Y-%m-%d}..{end:%Y-%m-%d}") == (start, end)
    assert parse_date_range(f"{start:%Y/%m/%d}〜{end:%Y年%m月%d日}") == (start, end)


@given(st.text(max_size=30))
def test_date_range_never_fails_otherwise(text):
    try:
        first, last = parse_date_range(text, today=dt.date(2026, 12, 1))
    except InputError as e:
        assert str(e).startswith("--between ")
        return
    assert first <= last
