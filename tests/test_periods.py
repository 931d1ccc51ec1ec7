"""Tests for ledgerkit.parse.periods: years, months and fiscal years in labels (issue 12).

The vectors include every example of the copies this module replaces (hours, attendance,
budget, settlement), and the inputs on which those copies disagreed.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.parse.months import (

    add_months,

    calendar_year_of,

    fiscal_year_months,

    fiscal_year_of,

    label_of_index,

    month_index,

    month_label,

    month_label_of,

    months_between,

    split_month_label,

    year_before,

)

from ledgerkit.parse.periods import (

    calendar_year_from_text,

    fiscal_year_from_text,

    is_period_total,

    parse_month,

    parse_year_label,

    parse_year_month,

    remove_periods,

    year_month_of,

    years_of,

)
from ledgerkit.parse.wareki import ERAS

# --- fiscal years ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        # budget's fiscal_year_from_text
        ("2026年度 案件別予算表", 2026),
        ("R8年度", 2026),
        ("2027年3月期 予算", 2026),
        ("予算_FY2026.xlsx", 2026),
        ("2026年10月", None),
        # hours' _fiscal_year
        ("令和8年度 工数実績", 2026),
        ("FY 2026", 2026),
        ("fy2026", 2026),
        ("r8年度", 2026),
        ("令和元年度", 2019),
        # where they disagreed: hours read no 平成 (None), budget did
        ("平成30年度 工数実績", 2018),
        ("H30年度", 2018),
        ("h31年度", 2019),
        # the union
        ("令和9年3月期", 2026),
        ("昭和63年度", 1988),
        ("令8年度", 2026),
        ("2026 年度", 2026),
        ("２０２６年度", 2026),
        # not a fiscal year
        ("12026年度", None),
        ("FY20261", None),
        ("令和0年度", None),
        ("PR8年度", None),
        ("", None),
        (None, None),
        ("予算", None),
    ],
)
def test_fiscal_year_from_text(text, expected):
    assert fiscal_year_from_text(text) == expected


def test_fiscal_year_from_text_ending_month_uses_the_start_month():
    assert fiscal_year_from_text("2026年12月期", start_month=1) == 2026
    assert fiscal_year_from_text("2027年3月期", start_month=4) == 2026
    assert fiscal_year_from_text("2027年9月期", start_month=10) == 2026


# --- calendar years ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("工数_2026年.xlsx", 2026),
        ("2026年 工数", 2026),
        ("令和8年 工数実績", 2026),
        ("R8年", 2026),
        ("2026年度", None),
        ("令和8年度", None),
        ("2027年3月期", None),
        ("1899年", None),
        ("第3年", None),
        ("", None),
    ],
)
def test_calendar_year_from_text(text, expected):
    assert calendar_year_from_text(text) == expected


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2026", (2026, False)),
        ("2026年", (2026, False)),
        ("2026 年", (2026, False)),
        ("2026年度", (2026, True)),
        ("FY2026", (2026, True)),
        ("令和8年", (2026, False)),
        ("R8年", (2026, False)),
        ("H30年", (2018, False)),
        ("平成30年度", (2018, True)),
        ("令和元年", (2019, False)),
        (2026, (2026, False)),
        (2026.0, (2026, False)),
        ("2026年10月", None),
        ("10月", None),
        ("R8", None),
        (True, None),
        (None, None),
        (26, None),
    ],
)
def test_parse_year_label(value, expected):
    assert parse_year_label(value) == expected


# --- titles, sheet and file names ----------------------------------------------------------


@pytest.mark.parametrize(
    "texts, expected",
    [
        # attendance's year_month_in
        (("作業報告書 2024年11月 稼働分",), (2024, 11)),
        (("令和6年11月分",), (2024, 11)),
        (("勤務表_山田_202411.xlsx",), (2024, 11)),
        (("11月",), (None, 11)),
        (("R6.4",), (2024, 4)),
        (("2026年度 作業報告書 1月分",), (2027, 1)),
        (("2026年度 10月分",), (2026, 10)),
        # hours' _sheet_year_month: titles, then the sheet name, then the file name
        (("2026年10月 工数報告", "山田", "工数.xlsx"), (2026, 10)),
        (("工数", "1月", "工数_2026年度.xlsx"), (2027, 1)),
        (("工数", "10月", "工数_2026年.xlsx"), (2026, 10)),
        # a year written in a later text counts as a year alone (as in the hours reader)
        (("10月", "2025年11月"), (2025, 10)),
        (("10月", "2026年10月"), (2026, 10)),
        # where they disagreed: attendance read no era fiscal year, hours no 平成
        (("令和8年度 1月分",), (2027, 1)),
        (("平成30年度 工数", "1月"), (2019, 1)),
        # a fiscal year named by its last month is not that month
        (("2027年3月期 工数", "10月"), (2026, 10)),
        # the forms of the issue
        (("10月度",), (None, 10)),
        (("2026-10",), (2026, 10)),
        (("令和8年10月分",), (2026, 10)),
        # no month
        (("2026年度",), (None, None)),
        ((), (None, None)),
        (("TEL 03-1234-5678",), (None, None)),
    ],
)
def test_year_month_of(texts, expected):
    assert year_month_of(*texts) == expected


def test_year_month_of_start_month():
    assert year_month_of("2026年度", "1月", start_month=1) == (2026, 1)
    assert year_month_of("2026年度", "9月", start_month=10) == (2027, 9)


@pytest.mark.parametrize(
    "texts, expected",
    [
        (("令和8年度 工数実績", "佐藤", "x.xlsx"), (None, 2026)),
        (("s", "工数_2026年.xlsx"), (2026, None)),
        (("2026年度", "2026年"), (2026, None)),
        (("平成30年度",), (None, 2018)),
        (("工数",), (None, None)),
    ],
)
def test_years_of(texts, expected):
    assert years_of(*texts) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("山田_10月", "山田_ "),
        ("山田(2026年10月)", "山田( )"),
        ("佐藤花子 R8.10 工数", "佐藤花子   工数"),
        ("A社_工数_202610", "A社_工数_ "),
        ("鈴木_2026-10", "鈴木_ "),
        ("鈴木_令和8年度", "鈴木_ "),
        ("鈴木_FY2026", "鈴木_ "),
        ("鈴木_2026年度", "鈴木_ "),
        ("鈴木_2027年3月期", "鈴木_ "),
        ("鈴木 2026年", "鈴木  "),
        ("山田", "山田"),
    ],
)
def test_remove_periods(text, expected):
    assert remove_periods(text) == expected


# --- month headers and cells ----------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("10月", (None, 10)),
        ("10月分", (None, 10)),
        ("10月度", (None, 10)),
        ("10月(予算)", (None, 10)),
        ("10月(千円)", (None, 10)),
        ("2026年10月", (2026, 10)),
        ("R8.11", (2026, 11)),
        ("令和元年10月", (2019, 10)),
        ("2026-12 予算", (2026, 12)),
        ("2026/10/01", (2026, 10)),
        (dt.datetime(2026, 10, 1), (2026, 10)),
        (dt.date(2026, 10, 31), (2026, 10)),
        (202611, (2026, 11)),
        (202611.0, (2026, 11)),
        ("年間計", None),
        ("上期", None),
        ("合計", None),
        ("案件", None),
        ("4月～6月", None),
        ("10", None),
        (10, None),
        (True, None),
        (None, None),
        (2026.5, None),
    ],
)
def test_parse_month(value, expected):
    assert parse_month(value) == expected


def test_parse_month_takes_the_year_from_the_fiscal_year():
    assert parse_month("10月", fiscal_year=2026) == (2026, 10)
    assert parse_month("3月", fiscal_year=2026) == (2027, 3)
    assert parse_month("3月", fiscal_year=2026, start_month=1) == (2026, 3)
    assert parse_month("2025年3月", fiscal_year=2026) == (2025, 3)


@pytest.mark.parametrize("text", ["年間計", "年度計", "通期", "上期合計", "下半期", "第1四半期", "三四半期", "1Q", "q4", "【通期予算】"])
def test_is_period_total(text):
    assert is_period_total(text)


@pytest.mark.parametrize("text", ["10月", "合計", "案件", "", None, 12])
def test_is_not_period_total(text):
    assert not is_period_total(text)


# --- month labels ---------------------------------------------------------------------------


def test_month_labels():
    assert month_label(2026, 4) == "2026-04"
    assert month_label_of(dt.datetime(2026, 10, 31, 9)) == "2026-10"
    assert split_month_label("2026-04") == (2026, 4)
    assert months_between("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert months_between("2026-11", "2026-10") == []
    assert fiscal_year_months(2026, 1)[-1] == "2026-12"
    assert year_before(11, dt.date(2027, 1, 10)) == 2026
    assert year_before(1, dt.date(2027, 1, 10)) == 2027


# --- properties -----------------------------------------------------------------------------

years = st.integers(1990, 2100)
months = st.integers(1, 12)
starts = st.integers(1, 12)
# text around a label: no digits or Latin letters that could join it
around = st.text(alphabet="工数予算表実績_ ()【】・", max_size=6)


def _era_forms(y: int) -> list[str]:
    """The ways a year of the two recent eras is written: 令和8, R8, r8, 令8, 平成30 …"""
    forms = []
    for era in ERAS[-2:]:
        n = y - era.offset
        if era.start.year <= y and (era.end is None or y <= era.end.year):
            num = "元" if n == 1 else str(n)
            forms += [f"{era.name}{num}", f"{era.letter}{num}", f"{era.letter.lower()}{num}", f"{era.abbr}{num}"]
    return forms


@given(years, around, around)
@settings(max_examples=200)
def test_every_form_of_a_fiscal_year_reads_the_same(y, before, after):
    forms = [f"{y}年度", f"FY{y}", f"fy {y}", *(f"{e}年度" for e in _era_forms(y))]
    for form in forms:
        assert fiscal_year_from_text(before + form + after) == y, form


@given(years, starts, around)
@settings(max_examples=200)
def test_a_fiscal_year_named_by_its_last_month(y, start, before):
    end_y, end_m = add_months(y, start, 11)
    assert fiscal_year_from_text(f"{before}{end_y}年{end_m}月期", start) == y


@given(years, months, starts, around)
@settings(max_examples=200)
def test_a_month_in_a_fiscal_year(fy, m, start, before):
    y, mo = year_month_of(f"{before}{fy}年度", f"{m}月", start_month=start)
    assert mo == m
    assert fiscal_year_of(y, m, start) == fy
    assert y == calendar_year_of(fy, m, start)
    for era in _era_forms(fy):
        assert year_month_of(f"{before}{era}年度 {m}月分", start_month=start) == (y, m)
    assert parse_month(f"{m}月", fiscal_year=fy, start_month=start) == (y, m)


@given(years, months, around, around)
@settings(max_examples=200)
def test_year_and_month_written_together(y, m, before, after):
    for text in (f"{y}年{m}月", f"{y}年 {m}月分", f"{y}-{m:02d}", f"{y}{m:02d}"):
        assert parse_year_month(before + text + after) == (y, m), text
        assert year_month_of(before + text + after) == (y, m), text
        if not text.isdigit():  # a header 202610 is read as a number, not as text
            assert parse_month(text) == (y, m), text
    for era in _era_forms(y):
        if era.endswith("元") and m < 5 and y == 2019:
            continue  # 令和元年 starts in May
        if y == 2019 and m >= 5 and not era.startswith(("令", "R", "r")):
            continue  # 平成31年 ends in April
        for text in (f"{era}年{m}月", f"{era}.{m}"):
            assert year_month_of(before + " " + text + after) == (y, m), text


@given(years, around)
@settings(max_examples=200)
def test_a_year_alone_is_a_calendar_year_not_a_fiscal_one(y, before):
    assert calendar_year_from_text(f"{before}{y}年") == y
    assert fiscal_year_from_text(f"{before}{y}年") is None
    assert calendar_year_from_text(f"{before}{y}年度") is None
    assert years_of(f"{before}{y}年") == (y, None)
    assert years_of(f"{before}{y}年度") == (None, y)
    assert parse_year_label(f"{y}年") == (y, False)
    assert parse_year_label(f"{y}年度") == (y, True)
    for era in _era_forms(y):
        assert calendar_year_from_text(f"{before} {era}年") == y
        assert parse_year_label(f"{era}年") == (y, False)
        assert parse_year_label(f"{era}年度") == (y, True)


@given(years, months, st.sampled_from(["山田", "佐藤花子", "鈴木"]))
@settings(max_examples=200)
def test_remove_periods_leaves_the_name_and_no_period(y, m, name):
    for text in (f"{name}_{y}年{m}月分", f"{y}年度_{name}", f"{name} {y}-{m:02d}", f"工数_{name}_{y}{m:02d}"):
        left = remove_periods(text)
        assert name in left
        assert parse_year_month(left) is None
        assert fiscal_year_from_text(left) is None


@given(years, months, st.integers(-240, 240))
@settings(max_examples=200)
def test_month_arithmetic(y, m, k):
    label = month_label(y, m)
    assert split_month_label(label) == (y, m)
    assert label_of_index(month_index(label)) == label
    y2, m2 = add_months(y, m, k)
    assert 1 <= m2 <= 12
    assert add_months(y2, m2, -k) == (y, m)
    assert month_index(month_label(y2, m2)) - month_index(label) == k
    if k >= 0:
        assert len(months_between(label, month_label(y2, m2))) == k + 1


@given(years, starts)
@settings(max_examples=100)
def test_a_fiscal_years_months(fy, start):
    labels = fiscal_year_months(fy, start)
    assert len(labels) == 12 and labels == months_between(labels[0], labels[-1])
    for label in labels:
        y, m = split_month_label(label)
        assert fiscal_year_of(y, m, start) == fy
        assert calendar_year_of(fy, m, start) == y


@given(st.one_of(st.text(max_size=30), st.integers(), st.floats(), st.none(), st.booleans(), st.dates()))
@settings(max_examples=300)
def test_parsers_never_raise(v):
    fiscal_year_from_text(v)
    calendar_year_from_text(v)
    parse_year_label(v)
    parse_month(v, fiscal_year=2026)
    parse_year_month(v)
    year_month_of(v, v)
    years_of(v)
    remove_periods(v)
    is_period_total(v)


@given(st.text(max_size=30))
@settings(max_examples=300)
def test_answers_are_plausible(text):
    y, m = year_month_of(text)
    assert m is None or 1 <= m <= 12
    assert y is None or m is not None
    found = parse_month(text)
    assert found is None or 1 <= found[1] <= 12


@given(st.one_of(st.text(max_size=30), st.floats(allow_nan=True), st.integers(), st.none(), st.datetimes()))
def test_looks_like_name_never_raises_and_refuses_any_digit(value):
    from ledgerkit.parse.names import looks_like_name

    got = looks_like_name(value)
    assert got in (True, False)
    if got:
        assert isinstance(value, str) and not any(ch.isdigit() for ch in value)
