"""Tests for ledgerkit.core.money: DOMAIN §4.2 rounding and §4.4 withholding, printing amounts."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.core.money import (
    ROUNDING_MODES,
    acceptable_taxes,
    format_comma,
    format_yen,
    invoice_tax_by_rate,
    kanji_amount,
    round_yen,
    tax_amount,
    tax_from_gross,
    withholding_tax,
)
from ledgerkit.parse.amounts import parse_amount

D = Decimal
R10, R8 = D("0.10"), D("0.08")


@pytest.mark.parametrize(
    "x, down, half_up, up",
    [
        ("31.5", 31, 32, 32),
        ("-31.5", -31, -32, -32),
        ("32.5", 32, 33, 33),  # round() would give 32 (half to even)
        ("144.08", 144, 144, 145),
        ("0.4999", 0, 0, 1),
        ("-0.5", 0, -1, -1),
        ("7", 7, 7, 7),
        ("-7", -7, -7, -7),
        ("0", 0, 0, 0),
        ("123456789012345678901234567890.5", 123456789012345678901234567890,
         123456789012345678901234567891, 123456789012345678901234567891),
    ],
)
def test_round_yen(x, down, half_up, up):
    assert round_yen(D(x)) == down
    assert round_yen(D(x), "down") == down
    assert round_yen(D(x), "half_up") == half_up
    assert round_yen(D(x), "up") == up
    assert round_yen(D(x), "切り捨て") == down
    assert round_yen(D(x), "四捨五入") == half_up
    assert round_yen(D(x), "切り上げ") == up


def test_round_yen_accepts_int_and_fraction():
    assert round_yen(5) == 5
    assert round_yen(Fraction(1000, 11), "half_up") == 91


@pytest.mark.parametrize("bad", [31.5, True, "31.5", None])
def test_round_yen_refuses_float_and_others(bad):
    with pytest.raises(TypeError):
        round_yen(bad)


def test_round_yen_refuses_nan_and_unknown_mode():
    with pytest.raises(ValueError):
        round_yen(D("NaN"))
    with pytest.raises(ValueError, match="unknown rounding mode 'banker'"):
        round_yen(D(1), "banker")


@given(st.decimals(min_value=-10**12, max_value=10**12, allow_nan=False, places=4))
@settings(max_examples=200)
def test_round_yen_properties(x):
    down, half, up = (round_yen(x, m) for m in ROUNDING_MODES)
    # symmetric: rounding works on the absolute value
    assert round_yen(-x, "down") == -down and round_yen(-x, "half_up") == -half and round_yen(-x, "up") == -up
    assert abs(down) <= abs(x) <= abs(up) and abs(up) - abs(down) <= 1
    assert abs(half - x) <= D("0.5")
    assert down <= half <= up if x >= 0 else up <= half <= down


def test_worked_example_round_once_per_rate():
    # DOMAIN §4.2: 部品A ×3 @¥105 at 10%, ※食品B ¥1,234 and ※食品C ¥567 at 8%
    lines = [(315, R10), (1234, R8), (567, R8)]
    by_rate = invoice_tax_by_rate(lines)
    assert by_rate == {R10: (315, 31), R8: (1801, 144)}
    assert [str(k) for k in by_rate] == ["0.10", "0.08"]
    assert sum(s + t for s, t in by_rate.values()) == 2291
    # rounding line by line (not allowed) would have given 30 on 3 × 105
    assert sum(tax_amount(105, R10) for _ in range(3)) == 30
    assert invoice_tax_by_rate([(105, R10)] * 3)[R10] == (315, 31)


def test_invoice_tax_by_rate_modes_and_basis():
    assert invoice_tax_by_rate([(315, D("0.1"))], "half_up") == {R10: (315, 32)}
    assert invoice_tax_by_rate([(1000, R10)], basis="incl") == {R10: (1000, 90)}
    assert invoice_tax_by_rate([(1000, R10)], "half_up", basis="incl") == {R10: (1000, 91)}
    assert invoice_tax_by_rate([(1000, R10), (-315, R10)]) == {R10: (685, 68)}
    assert invoice_tax_by_rate([]) == {}
    with pytest.raises(TypeError):
        invoice_tax_by_rate([(1000.0, R10)])
    with pytest.raises(ValueError):
        invoice_tax_by_rate([(1000, R10)], basis="gross")


def test_tax_amount_and_from_gross():
    assert tax_amount(315, R10) == 31
    assert tax_amount(315, R10, "half_up") == 32
    assert tax_amount(1801, R8) == 144
    assert tax_from_gross(1000, R10) == 90
    assert tax_from_gross(1000, R10, "half_up") == 91
    assert tax_from_gross(1080, R8) == 80
    assert tax_from_gross(1155, R10, "half_up") == 105  # exactly 105: no rounding drift
    with pytest.raises(TypeError):
        tax_amount(315, 0.1)
    with pytest.raises(ValueError):
        tax_amount(315, D(10))  # percent, not a fraction


def test_acceptable_taxes():
    assert acceptable_taxes(315, R10) == {31, 32}
    assert acceptable_taxes(1000, R10) == {100}
    assert acceptable_taxes(-315, R10) == {-31, -32}
    assert acceptable_taxes(1000, R10, basis="incl") == {90, 91}


@given(st.integers(min_value=-10**9, max_value=10**9), st.sampled_from([R10, R8]))
@settings(max_examples=200)
def test_acceptable_taxes_within_one_yen(net, rate):
    exact = D(net) * rate
    for t in acceptable_taxes(net, rate):
        assert abs(t - exact) < 1


@pytest.mark.parametrize(
    "n, comma, prefix, suffix",
    [
        (1480000, "1,480,000", "¥1,480,000", "1,480,000円"),
        (0, "0", "¥0", "0円"),
        (-1000, "-1,000", "-¥1,000", "△1,000円"),
        (D("1234.5"), "1,234.5", "¥1,234.5", "1,234.5円"),
        (D("1E+3"), "1,000", "¥1,000", "1,000円"),
        (D("-0"), "0", "¥0", "0円"),
    ],
)
def test_format(n, comma, prefix, suffix):
    assert format_comma(n) == comma
    assert format_yen(n) == prefix
    assert format_yen(n, "suffix") == suffix
    assert parse_amount(prefix) == n and parse_amount(suffix) == n


def test_format_options_and_refusals():
    assert format_yen(-1000, negative="▲") == "▲¥1,000"
    assert format_yen(-1000, "suffix", negative="-") == "-1,000円"
    with pytest.raises(TypeError):
        format_comma(1000.0)
    with pytest.raises(ValueError):
        format_yen(1, "middle")


@pytest.mark.parametrize(
    "n, expected",
    [
        (1480000, "金壱百四拾八万円也"),
        (0, "金零円也"),
        (1, "金壱円也"),
        (10, "金壱拾円也"),
        (10010, "金壱万壱拾円也"),
        (100000000, "金壱億円也"),
        (123456789, "金壱億弐千参百四拾伍万六千七百八拾九円也"),
        (2000000000000, "金弐兆円也"),
        (9999999999999999, "金九千九百九拾九兆九千九百九拾九億九千九百九拾九万九千九百九拾九円也"),
        (D("30000"), "金参万円也"),
    ],
)
def test_kanji_amount(n, expected):
    assert kanji_amount(n) == expected


@pytest.mark.parametrize("bad", [-1, 10**16, D("1.5")])
def test_kanji_amount_refuses(bad):
    with pytest.raises(ValueError):
        kanji_amount(bad)


@pytest.mark.parametrize(
    "amount, expected",
    [
        (300000, 30630),  # DOMAIN §4.4
        (1500000, 204200),
        (123457, 12604),
        (1000000, 102100),
        (1000001, 102100),
        (1000005, 102101),
        (0, 0),
        (99, 10),
    ],
)
def test_withholding_tax(amount, expected):
    assert withholding_tax(amount) == expected


def test_withholding_tax_scrivener_and_refusals():
    assert withholding_tax(50000, kind="scrivener") == 4084  # (50,000 − 10,000) × 10.21%
    assert withholding_tax(5000, kind="scrivener") == 0
    with pytest.raises(ValueError):
        withholding_tax(-1)
    with pytest.raises(ValueError):
        withholding_tax(1, kind="other")
    with pytest.raises(TypeError):
        withholding_tax(1000.0)


@given(st.integers(min_value=0, max_value=10**10))
@settings(max_examples=200)
def test_withholding_is_monotone_and_continuous(a):
    w = withholding_tax(a)
    assert 0 <= w <= a
    assert withholding_tax(a + 1) >= w
