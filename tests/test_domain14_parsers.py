"""Issue 14's cell parsers: the 単価端数 cell, delivery terms (a date or a service period), the
trailing minus, 〜月期 against the closing month, and the vendor master's cells."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.master_cells import parse_count, parse_deal, parse_yes_no
from ledgerkit.parse.periods import closing_month, closing_month_conflict, fiscal_year_from_text
from ledgerkit.parse.rounding import parse_mode, parse_rate_rounding
from ledgerkit.parse.terms import DeliveryTerm, parse_delivery_term
from ledgerkit.parse.text import CellValueError

D = dt.date

# --- 1. the 単価端数 cell: the step and the direction wherever they stand ---------------------------


@pytest.mark.parametrize("text", ["切捨て(10円単位)", "切り捨て（10円単位）", "十円未満切捨て", "単価は10円未満切り捨て",
                                  "10円未満切捨", "10円単位で切り捨て", "一の位切り捨て", "１０円未満切捨て", "拾円未満切捨て",
                                  "¥10未満切捨て", "時間単価: 10円未満を切り捨てとする"])
def test_the_issue_s_rate_rounding_cells_are_a_ten_yen_step_down(text):
    assert parse_rate_rounding(text) == (10, "down")


@pytest.mark.parametrize("text, expected", [
    ("1円未満四捨五入", (1, "half_up")), ("円未満切り上げ", (1, "up")), ("百円単位で四捨五入", (100, "half_up")),
    ("切り捨て", (1, "down")), ("小数点以下切り捨て", (1, "down")), ("十の位切上げ", (100, "up")),
    ("", (None, "down")), ("なし", (None, "down")), ("端数処理なし", (None, "down")),
])
def test_rate_rounding_other_cells(text, expected):
    assert parse_rate_rounding(text) == expected


@pytest.mark.parametrize("text, reason", [
    ("10円単位", "names no direction"),
    ("10円未満切捨て・100円未満切上げ", "names two steps"),
    ("10円未満切捨て、四捨五入", "names two directions"),
    ("10円くらいで切捨て", "cannot read"),
    ("適当", "cannot read '適当'"),
])
def test_rate_rounding_not_understood_is_refused_never_one_yen(text, reason):
    with pytest.raises(ValueError, match=reason):
        parse_rate_rounding(text)


_KANJI = {1: ["1", "一", "壱"], 10: ["10", "十", "拾", "１０"], 100: ["100", "百"], 1000: ["1000", "千"]}
_MODE_WORDS = {"down": ["切捨て", "切り捨て", "切捨", "切下げ"], "half_up": ["四捨五入"], "up": ["切上げ", "切り上げ", "切上"]}
_SHAPES = ["{n}円未満{m}", "{m}({n}円単位)", "{m}（{n}円単位）", "単価は{n}円未満{m}", "{n}円単位で{m}", "{n}円{m}",
           "時間単価 {n}円未満 {m}", "{m}: {n}円未満"]


@given(step=st.sampled_from(sorted(_KANJI)), mode=st.sampled_from(sorted(_MODE_WORDS)), data=st.data())
@settings(max_examples=300)
def test_rate_rounding_reads_step_and_direction_in_any_order(step, mode, data):
    n = data.draw(st.sampled_from(_KANJI[step]))
    m = data.draw(st.sampled_from(_MODE_WORDS[mode]))
    shape = data.draw(st.sampled_from(_SHAPES))
    assert parse_rate_rounding(shape.format(n=n, m=m)) == (step, mode)


@given(st.text(max_size=20))
@settings(max_examples=300)
def test_rate_rounding_raises_only_value_errors_and_never_defaults_silently(text):
    try:
        step, mode = parse_rate_rounding(text)
    except ValueError:
        return
    # whatever it read, it read a direction the text names (or the cell said "none")
    assert step is None or mode in {"down", "half_up", "up"}


def test_parse_mode_refuses_two_directions():
    with pytest.raises(ValueError, match="two roundings"):
        parse_mode("切上げ・切捨て")


# --- 2. delivery terms: a date or the period of a service --------------------------------------


@pytest.mark.parametrize("text, after, expected", [
    ("2026/10/1～2026/10/31", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("10月1日〜10月31日", D(2026, 9, 25), (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026年10月分", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026/10/1～10/31", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("R8.10.1～R8.10.31", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026年10月1日から10月31日まで", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026/10/1 - 2026/10/31", None, (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026/12/1～1/31", None, (D(2026, 12, 1), D(2027, 1, 31))),
    ("10月分", D(2026, 9, 25), (D(2026, 10, 1), D(2026, 10, 31))),
    ("2026/10/20", None, (None, D(2026, 10, 20))),
    ("11月末", D(2026, 9, 25), (None, D(2026, 11, 30))),
    (dt.datetime(2026, 10, 20), None, (None, D(2026, 10, 20))),
])
def test_delivery_terms(text, after, expected):
    term = parse_delivery_term(text, after=after)
    assert (term.start, term.end) == expected


@pytest.mark.parametrize("text", ["12月中旬", "2026/10/31～2026/10/1", "未定", "10月1日〜10月31日"])
def test_delivery_terms_not_understood_raise(text):
    with pytest.raises(CellValueError):
        parse_delivery_term(text)


@given(st.dates(D(2020, 1, 1), D(2030, 12, 31)), st.integers(0, 120),
       st.sampled_from(["{a}～{b}", "{a}〜{b}", "{a} ~ {b}", "{a}から{b}まで", "{a} - {b}"]),
       st.sampled_from(["%Y/%m/%d", "%Y-%m-%d", "%Y年%m月%d日"]))
@settings(max_examples=300)
def test_delivery_period_round_trip(start, days, shape, fmt):
    end = start + dt.timedelta(days=days)
    text = shape.format(a=start.strftime(fmt), b=end.strftime(fmt))
    assert parse_delivery_term(text) == DeliveryTerm(end, start)


@given(st.integers(2020, 2030), st.integers(1, 12), st.sampled_from(["{y}年{m}月分", "{y}年{m}月", "{y}/{m}"]))
@settings(max_examples=200)
def test_a_month_is_the_whole_month(y, m, shape):
    term = parse_delivery_term(shape.format(y=y, m=m))
    assert term.start == D(y, m, 1) and term.end.month == m and (term.end + dt.timedelta(days=1)).day == 1


@given(st.text(max_size=20))
@settings(max_examples=300)
def test_delivery_terms_raise_only_cell_errors(text):
    try:
        term = parse_delivery_term(text, after=D(2026, 9, 1))
    except CellValueError:
        return
    assert term is None or term.start is None or term.start <= term.end


# --- 8. a trailing minus ----------------------------------------------------------------------


@pytest.mark.parametrize("text, expected", [
    ("1,000-", -1000), ("1,000－", -1000), ("1,000−", -1000), ("12345-", -12345),
    ("¥1,000-", 1000), ("￥1,000-", 1000), ("1,000円-", 1000), ("¥10,000.-", 10000), ("\\1,000-", 1000),
])
def test_trailing_minus_is_a_sign_but_not_after_a_yen_sign(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize("text", ["-1,000-", "△1,000-", "(1,000)-"])
def test_two_minus_signs_are_refused(text):
    with pytest.raises(CellValueError, match="負の記号が重複|金額として読めません"):
        parse_amount(text)


@given(st.integers(1, 10**12))
@settings(max_examples=200)
def test_trailing_minus_round_trip(n):
    assert parse_amount(f"{n:,}-") == -n
    assert parse_amount(f"{n:,}－") == -n
    assert parse_amount(f"¥{n:,}-") == n
    assert parse_amount(f"{n:,}円-") == n


# --- smaller: 〜月期 against the configured closing month -----------------------------------------


def test_a_december_period_under_a_march_closing_is_a_conflict_not_fy2025():
    assert fiscal_year_from_text("2026年12月期 予算") is None
    assert closing_month_conflict("2026年12月期 予算") == ("2026年12月期", 12, 3)
    assert closing_month_conflict("令和8年12月期") == ("令和8年12月期", 12, 3)
    # a December closing (the fiscal year starts in January): FY2026
    assert fiscal_year_from_text("2026年12月期", 1) == 2026 and closing_month_conflict("2026年12月期", 1) is None
    assert fiscal_year_from_text("2027年3月期") == 2026 and closing_month_conflict("2027年3月期") is None


@given(st.integers(2000, 2100), st.integers(1, 12), st.integers(1, 12))
@settings(max_examples=300)
def test_period_end_labels_agree_with_the_closing_month(y, mo, start):
    label = f"{y}年{mo}月期"
    if mo == closing_month(start):
        assert closing_month_conflict(label, start) is None
        fy = fiscal_year_from_text(label, start)
        # the fiscal year that ends in month mo of year y
        assert fy == (y if start == 1 else y - 1)
    else:
        assert fiscal_year_from_text(label, start) is None
        assert closing_month_conflict(label, start) == (label, mo, closing_month(start))


# --- the vendor master's cells -------------------------------------------------------------------


@pytest.mark.parametrize("value, expected", [("○", True), ("対象", True), ("はい", True), (True, True), (1, True),
                                             ("×", False), ("対象外", False), ("いいえ", False), (0, False),
                                             ("", None), ("不明", None), ("-", None), (None, None)])
def test_yes_no(value, expected):
    assert parse_yes_no(value) is expected


@given(st.text(max_size=8))
@settings(max_examples=200)
def test_master_cell_parsers_raise_only_cell_errors(text):
    for parser in (parse_yes_no, parse_deal, parse_count):
        try:
            parser(text)
        except CellValueError:
            pass


def test_deal_and_count():
    assert parse_deal("製造委託") == "manufacturing" and parse_deal("役務提供委託") == "services"
    assert parse_count("1,200名") == 1200 and parse_count("45人") == 45
    with pytest.raises(CellValueError):
        parse_deal("製造・役務")
