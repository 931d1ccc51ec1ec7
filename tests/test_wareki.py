"""Tests for ledgerkit.parse.wareki: JIS X 0301 era table (DOMAIN §5.1)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.parse.wareki import ERAS, WarekiError, era_for, parse_era_year, parse_wareki, to_wareki

d = dt.date


@pytest.mark.parametrize(
    "date, style, expected",
    [
        (d(2019, 4, 30), "kanji", "平成31年4月30日"),
        (d(2019, 5, 1), "kanji", "令和元年5月1日"),
        (d(2026, 10, 1), "short", "R8.10.1"),
        (d(2026, 10, 1), "kanji", "令和8年10月1日"),
        (d(2026, 10, 1), "jis", "R08.10.01"),
        (d(2026, 10, 1), "abbr", "令8.10.1"),
        (d(1989, 1, 7), "short", "S64.1.7"),
        (d(1989, 1, 8), "short", "H1.1.8"),
        (d(1989, 1, 8), "kanji", "平成元年1月8日"),
        (d(1926, 12, 24), "kanji", "大正15年12月24日"),
        (d(1926, 12, 25), "kanji", "昭和元年12月25日"),
        (d(1912, 7, 29), "short", "M45.7.29"),
        (d(1912, 7, 30), "short", "T1.7.30"),
        (d(1873, 1, 1), "kanji", "明治6年1月1日"),
    ],
)
def test_to_wareki(date, style, expected):
    assert to_wareki(date, style) == expected
    assert parse_wareki(expected) == date


def test_to_wareki_datetime_and_errors():
    assert to_wareki(dt.datetime(2026, 10, 1, 9, 0)) == "令和8年10月1日"
    with pytest.raises(WarekiError, match="改暦より前"):
        to_wareki(d(1872, 12, 31))
    with pytest.raises(ValueError, match="unknown wareki style"):
        to_wareki(d(2026, 1, 1), "roman")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("R08.10.01", d(2026, 10, 1)),
        ("r8/10/1", d(2026, 10, 1)),
        ("令8.10.1", d(2026, 10, 1)),
        ("令08.10.01", d(2026, 10, 1)),
        ("㋿8.10.1", d(2026, 10, 1)),
        ("㍻31.4.30", d(2019, 4, 30)),
        ("Ｒ８．１０．１", d(2026, 10, 1)),
        ("令和 8年 10月 1日", d(2026, 10, 1)),
        ("H31-4-30", d(2019, 4, 30)),
    ],
)
def test_parse_wareki(text, expected):
    assert parse_wareki(text) == expected


@pytest.mark.parametrize(
    "text, message",
    [
        ("令和0年1月1日", "令和0年は存在しません (令和は元年から)"),
        ("平成32年1月1日", "平成32年は存在しません (平成は31年まで; 2020年は令和2年)"),
        ("昭和65年1月1日", "昭和65年は存在しません (昭和は64年まで; 1990年は平成2年)"),
        ("令和元年4月30日", "令和元年4月30日 は令和ではありません (2019-04-30 = 平成31年4月30日)"),
        ("平成31年5月1日", "平成31年5月1日 は平成ではありません (2019-05-01 = 令和元年5月1日)"),
        ("S64.1.8", "S64.1.8 は昭和ではありません (1989-01-08 = 平成元年1月8日)"),
        ("R8.2.30", "存在しない日付です (R8.2.30)"),
        ("M5.1.1", "M5.1.1 は明治6年の改暦より前の旧暦の日付のため換算できません"),
        ("2026/10/1", "和暦の日付として読めません"),
    ],
)
def test_parse_wareki_errors(text, message):
    with pytest.raises(WarekiError) as e:
        parse_wareki(text)
    assert e.value.reason == message
    assert isinstance(e.value, ValueError)


def test_parse_era_year():
    assert parse_era_year("令和8年") == 2026
    assert parse_era_year("R8") == 2026
    assert parse_era_year("平成元年") == 1989
    with pytest.raises(WarekiError):
        parse_era_year("平成32年")
    with pytest.raises(WarekiError):
        parse_era_year("2026")


def test_era_table_is_contiguous():
    for a, b in zip(ERAS, ERAS[1:]):
        assert a.end + dt.timedelta(days=1) == b.start
    assert ERAS[-1].end is None
    assert era_for(d(2019, 5, 1)).name == "令和" and era_for(d(2019, 4, 30)).name == "平成"


@given(st.dates(min_value=d(1873, 1, 1), max_value=d(2100, 12, 31)), st.sampled_from(["kanji", "short", "jis", "abbr"]))
@settings(max_examples=200)
def test_roundtrip(date, style):
    assert parse_wareki(to_wareki(date, style)) == date


@given(st.text(max_size=20))
@settings(max_examples=200)
def test_parse_wareki_raises_only_wareki_error(text):
    try:
        parse_wareki(text)
    except WarekiError as e:
        assert e.reason
