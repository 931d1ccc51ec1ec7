"""Tests for ledgerkit.parse.rounding: the rounding words of contracts and settings (the copy of
settlement's parsers that config uses)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.parse.rounding import parse_mode, parse_rate_rounding


@pytest.mark.parametrize(
    "text, expected",
    [("10円未満切捨て", (10, "down")), ("１０円切り捨て", (10, "down")), ("1円未満四捨五入", (1, "half_up")),
     ("10円単位切上げ", (10, "up")), ("", (None, "down")), ("なし", (None, "down"))],
)
def test_parse_rate_rounding(text, expected):
    assert parse_rate_rounding(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [("切り捨て", "down"), ("四捨五入", "half_up"), ("切上げ", "up"), ("half_up", "half_up"), ("ROUND", "half_up"),
     ("端数切り捨て", "down"), (None, "down"), ("", "down")],
)
def test_parse_mode(text, expected):
    assert parse_mode(text) == expected


def test_parse_mode_refuses_unknown_words():
    with pytest.raises(ValueError, match="unknown rounding"):
        parse_mode("適当")


@given(st.text(max_size=10))
@settings(max_examples=200)
def test_rounding_parsers_raise_only_value_errors(text):
    for parser in (parse_mode, parse_rate_rounding):
        try:
            parser(text)
        except ValueError:
            pass
