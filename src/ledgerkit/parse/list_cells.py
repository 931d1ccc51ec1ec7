"""The cells of an invoice or order list, each read on its own: cached parsers, whole yen, a cell kept as written.

A list of thousands of rows holds few distinct texts per column, so a sheet's reader
parses each distinct cell value once (:func:`cell_parsers`, one cache per sheet, so that
a cache never outlives the sheet it was made for).

Examples:
    >>> p = cell_parsers()
    >>> p.amount("¥1,100(税込)"), p.rate("軽減8%")
    (((Decimal('1100'), 'incl'), None), (Decimal('0.08'), None))
    >>> value, err = p.date("2026/13/40"); value, type(err).__name__
    (None, 'CellValueError')
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Callable, NamedTuple

from ledgerkit.parse.amounts import parse_amount_with_basis, parse_rate
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = ["cached", "CellParsers", "cell_parsers", "whole_yen", "parsed_amount", "plain"]


def cached(parser: Callable) -> Callable:
    """``parser`` memoized per cell value, returning ``(value, None)`` or ``(None, CellValueError)``."""
    memo: dict = {}

    def parse(value):
        key = (type(value), value)
        try:
            return memo[key]
        except KeyError:
            pass
        except TypeError:
            key = None
        try:
            hit = (parser(value), None)
        except CellValueError as e:
            hit = (None, e)
        if key is not None:
            memo[key] = hit
        return hit

    return parse


class CellParsers(NamedTuple):
    """The cached cell parsers of one sheet (see :func:`cached`)."""

    amount: Callable
    rate: Callable
    date: Callable


def cell_parsers() -> CellParsers:
    """Fresh cached parsers of amounts (with their 税込/税抜 basis), rates and dates."""
    return CellParsers(cached(parse_amount_with_basis), cached(parse_rate), cached(parse_date))


def whole_yen(parsed: Decimal | None) -> int | None:
    """Whole yen, or CellValueError for a fraction of a yen.

    Examples:
        >>> whole_yen(Decimal("1200")), whole_yen(None)
        (1200, None)
    """
    if parsed is None:
        return None
    if parsed != parsed.to_integral_value():
        raise CellValueError("1円未満の端数があります", parsed)
    return int(parsed)


def _empty(value: Any) -> bool:
    # only nothing or spaces: a placeholder such as "-" goes to the parser, which says what it is
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def parsed_amount(parse_amount: Callable, raw: Any) -> tuple[Decimal | None, Any]:
    """(value, error) of an amount cell through a :func:`cached` parser; (None, None) when empty.

    Examples:
        >>> parsed_amount(cell_parsers().amount, "△1,000"), parsed_amount(cell_parsers().amount, " ")
        ((Decimal('-1000'), None), (None, None))
    """
    if _empty(raw):
        return None, None
    hit, err = parse_amount(raw)
    return (None, err) if err is not None else (hit[0], None)


def plain(value: Any) -> Any:
    """A cell of a column kept as written: normalized text, whole numbers as ints, dates.

    Examples:
        >>> plain("　Ｎｏ．１ "), plain(1.0), plain(dt.datetime(2026, 10, 1))
        ('No.1', 1, datetime.date(2026, 10, 1))
    """
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # Excel stores every number as a float: No. 1, not 1.0
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value
