"""The cell parsers the triage added to ``ledgerkit.parse``: dates with times (``parse.datetimes``),
effort and progress (``parse.effort``) — examples, and hypothesis for anything a cell may hold."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerkit.config.loading import Config
from ledgerkit.parse.datetimes import (
    parse_date_time,
    parse_time_of_day,
    parse_time_range,
)
from ledgerkit.parse.effort import parse_effort, parse_progress
from ledgerkit.parse.text import CellValueError
from ledgerkit.workload.new import split_pairs

D, T = dt.date, dt.datetime
WIDE = str.maketrans("0123456789/:", "０１２３４５６７８９／：")


@pytest.mark.parametrize(("text", "expected"), [
    ("12/3 17:00", (D(2026, 12, 3), 1020)),
    ("１２／３ １７：００", (D(2026, 12, 3), 1020)),
    ("2026/12/03 09:30", (D(2026, 12, 3), 570)),
    ("2026-12-03T17:00", (D(2026, 12, 3), 1020)),
    ("令和8年12月3日 17時", (D(2026, 12, 3), 1020)),
    ("令和8年12月3日17時30分", (D(2026, 12, 3), 1050)),
    ("12月3日(木) 午後5時まで", (D(2026, 12, 3), 1020)),
    ("12/3(木)17:00", (D(2026, 12, 3), 1020)),
    ("12/3 5時半", (D(2026, 12, 3), 330)),
    ("12/3 5pm", (D(2026, 12, 3), 1020)),
    ("12/3 午前中", (D(2026, 12, 3), 720)),
    ("12/3中", (D(2026, 12, 3), None)),
    ("R8.12.3", (D(2026, 12, 3), None)),
    ("2026年12月3日締切", (D(2026, 12, 3), None)),
    (T(2026, 12, 3, 16, 59, 59, 999000), (D(2026, 12, 3), 1020)),
    (T(2026, 12, 3), (D(2026, 12, 3), None)),
    (D(2026, 12, 3), (D(2026, 12, 3), None)),
    (46359.75, (D(2026, 12, 3), 1080)),
    ("", None),
    ("―", None),
])
def test_date_times(text, expected):
    assert parse_date_time(text, year=2026) == expected


def test_relative_words_only_with_a_today():
    today = D(2026, 12, 1)
    assert parse_date_time("今日 17:00", today=today) == (today, 1020)
    assert parse_date_time("本日中", today=today) == (today, None)
    assert parse_date_time("明日 午前中", today=today) == (D(2026, 12, 2), 720)
    assert parse_date_time("明後日", today=today) == (D(2026, 12, 3), None)
    assert parse_date_time("17:00", today=today) == (today, 1020)
    with pytest.raises(CellValueError):
        parse_date_time("明日")


@pytest.mark.parametrize("text", ["来週中", "12/32", "25:00", "明日 25時", "abc", "12/3 午後13時"])
def test_date_times_refused(text):
    with pytest.raises(CellValueError):
        parse_date_time(text, year=2026, today=D(2026, 12, 1))


_days = st.dates(min_value=D(1990, 1, 1), max_value=D(2090, 12, 31))
_minutes = st.integers(0, 24 * 60 - 1)


@given(_days, _minutes, st.sampled_from(["{y}/{m}/{d} {H}:{M:02d}", "{y}-{m:02d}-{d:02d} {H:02d}:{M:02d}",
                                         "{y}年{m}月{d}日 {H}時{M}分", "{m}/{d} {H}:{M:02d}", "{m}月{d}日{H}時{M}分"]),
       st.booleans())
def test_date_times_written_every_way_read_back(day, minutes, form, wide):
    text = form.format(y=day.year, m=day.month, d=day.day, H=minutes // 60, M=minutes % 60)
    if wide:
        text = text.translate(WIDE)
    assert parse_date_time(text, year=day.year) == (day, minutes or (0 if "時" in form or ":" in form else None))


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(allow_nan=True), st.booleans(), st.none(),
                 st.datetimes(), st.dates(), st.times()))
def test_date_times_never_raise_anything_else(value):
    try:
        found = parse_date_time(value, year=2026, today=D(2026, 12, 1))
    except CellValueError:
        return
    assert found is None or (isinstance(found[0], dt.date) and (found[1] is None or 0 <= found[1] <= 1440))


@given(st.integers(0, 23), st.integers(0, 59))
def test_times_of_day(h, m):
    assert parse_time_of_day(f"{h}:{m:02d}") == h * 60 + m
    assert parse_time_of_day(f"{h}時{m}分".translate(WIDE)) == h * 60 + m
    assert parse_time_of_day(dt.time(h, m)) == h * 60 + m


@given(st.integers(0, 23 * 60), st.integers(1, 60))
def test_time_ranges(start, length):
    end = min(start + length, 24 * 60)
    text = f"{start // 60}:{start % 60:02d}-{end // 60}:{end % 60:02d}"
    assert parse_time_range(text) == (start, end)
    with pytest.raises(CellValueError):
        parse_time_range(f"{end // 60}:{end % 60:02d}-{start // 60}:{start % 60:02d}")


@pytest.mark.parametrize(("text", "hours"), [
    ("30分", 0.5), ("1.5h", 1.5), ("１．５ｈ", 1.5), ("1時間30分", 1.5), ("1:30", 1.5), (2, 2.0), ("2", 2.0),
    ("半日", 4.0), ("1日", 8.0), ("１日半", 12.0), ("0.5日", 4.0), ("2人日", 16.0), ("未定", None), ("TBD", None),
    ("", None), ("-", None),
])
def test_effort(text, hours):
    assert parse_effort(text) == hours


@pytest.mark.parametrize("text", ["3 days", "日", "-2h", "たくさん", True])
def test_effort_refused(text):
    with pytest.raises(CellValueError):
        parse_effort(text)


@given(st.integers(1, 40), st.sampled_from([6.0, 7.5, 8.0]))
def test_effort_in_days_uses_the_length_of_a_day(half_days, day):
    days = half_days / 2
    assert parse_effort(f"{days:g}日", hours_per_day=day) == pytest.approx(days * day)
    assert parse_effort(f"{days:g}人日".translate(WIDE), hours_per_day=day) == pytest.approx(days * day)


@given(st.one_of(st.text(max_size=20), st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.none()))
def test_effort_never_raises_anything_else(value):
    try:
        hours = parse_effort(value)
    except CellValueError:
        return
    assert hours is None or 0 <= hours <= 24 * 366


@pytest.mark.parametrize(("text", "share"), [
    ("50%", 0.5), ("５０％", 0.5), (0.25, 0.25), (80, 0.8), ("5割", 0.5), ("3割5分", 0.35), ("半分", 0.5),
    ("完了", 1.0), ("", None),
])
def test_progress(text, share):
    assert parse_progress(text) == share


@given(st.one_of(st.text(max_size=20), st.floats(allow_nan=True, allow_infinity=True), st.integers(), st.none()))
def test_progress_is_a_share_or_refused(value):
    try:
        share = parse_progress(value)
    except CellValueError:
        return
    assert share is None or 0 <= share <= 1


@given(st.integers(0, 100))
def test_progress_percent_read_back(percent):
    assert parse_progress(f"{percent}%") == pytest.approx(percent / 100)
    assert parse_progress(unicodedata.normalize("NFKC", f"{percent}％")) == pytest.approx(percent / 100)


def test_new_pairs_keep_commas_inside_values():
    assert split_pairs("件名=見積、比較, 依頼,期限=12/3 17:00,工数=2h,依頼者=佐藤部長", Config()) == {
        "subject": "見積、比較, 依頼", "due": "12/3 17:00", "effort": "2h", "requester": "佐藤部長"}
