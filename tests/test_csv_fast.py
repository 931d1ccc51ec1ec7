"""The CSV writer of issue 17 writes what ``DataFrame.to_csv`` wrote, byte for byte."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.reports.frames import _csv_frame, write_csv_text

_text = st.text(alphabet=st.sampled_from(list('ab,"\r\n 山=+-@\t\'')), max_size=6)
_cell = st.one_of(_text, st.none(), st.integers(-10**6, 10**6), st.floats(allow_nan=True, allow_infinity=True),
                  st.booleans(), st.just(Decimal("0.10")), st.just(dt.date(2026, 10, 1)),
                  st.just(dt.datetime(2026, 10, 1, 7, 30)))


def _both(frame, lineterminator):
    out = _csv_frame(frame, None)
    fast = io.StringIO()
    write_csv_text(out, fast, lineterminator)
    return fast.getvalue(), out.to_csv(index=False, lineterminator=lineterminator)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 12).flatmap(lambda n: st.tuples(
    st.lists(_text, min_size=n, max_size=n), st.lists(_cell, min_size=n, max_size=n),
    st.lists(st.floats(allow_nan=True, allow_infinity=True, width=64), min_size=n, max_size=n),
    st.lists(st.integers(-2**40, 2**40), min_size=n, max_size=n),
    st.lists(st.booleans(), min_size=n, max_size=n),
    st.lists(st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2100, 1, 1)), min_size=n, max_size=n),
)), st.sampled_from(["\r\n", "\n"]))
def test_same_bytes_as_pandas(columns, lineterminator):
    texts, cells, floats, ints, bools, stamps = columns
    frame = pd.DataFrame({"名前": texts, "mixed": pd.Series(cells, dtype=object), "f": pd.Series(floats, dtype="float64"),
                          "i": pd.Series(ints, dtype="int64"), "b": pd.Series(bools, dtype=bool),
                          "t": pd.Series(stamps, dtype="datetime64[us]"), 'a,"b"': texts})
    fast, slow = _both(frame, lineterminator)
    assert fast == slow


def test_dates_with_missing_and_other_columns_through_pandas():
    frame = pd.DataFrame({"d": pd.to_datetime(["2026-10-01", None, "2026-10-01"]), "n": pd.array([1, None, 3], dtype="Int64"),
                          "s": ["x", None, np.nan]})
    fast, slow = _both(frame, "\r\n")
    assert fast == slow == "d,n,s\r\n2026-10-01,1,x\r\n,,\r\n2026-10-01,3,\r\n"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from([0.0, -0.0, 7.5, 0.25, float("nan"), float("inf"), -1e-300, 1e16, 123456789.125]),
                min_size=1, max_size=8),
       st.lists(st.integers(-3, 3), min_size=1, max_size=8))
def test_repeated_numbers_formatted_once_same_bytes(floats, ints):
    # long columns of few distinct numbers take the formatting-once path: still pandas's bytes
    n = 1200
    frame = pd.DataFrame({"f": pd.Series((floats * n)[:n], dtype="float64"), "i": pd.Series((ints * n)[:n], dtype="int64"),
                          "u": pd.Series([abs(v) for v in (ints * n)[:n]], dtype="uint64")})
    fast, slow = _both(frame, "\r\n")
    assert fast == slow
