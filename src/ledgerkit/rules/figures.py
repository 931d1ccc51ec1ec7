"""Figures as the rules compare and show them: exact Decimals, dates, ``1,234``, ``10%``."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Iterable

__all__ = ["yen", "percent", "as_decimal", "yen_choices", "yen_choices_en", "as_date", "is_na"]


def yen(x: int | Decimal) -> str:
    """``1234`` -> ``'1,234'``; negatives keep a minus sign.

    Examples:
        >>> yen(1234), yen(-1000)
        ('1,234', '-1,000')
    """
    return f"{int(x):,}"


def percent(rate: Decimal) -> str:
    """``Decimal('0.10')`` -> ``'10%'``, ``Decimal('0.08')`` -> ``'8%'``.

    Examples:
        >>> percent(Decimal("0.10")), percent(Decimal("0.08"))
        ('10%', '8%')
    """
    p = (Decimal(rate) * 100).normalize()
    return f"{p:f}%"


def as_decimal(x: Any) -> Decimal:
    """``x`` as an exact Decimal (a float rate through its shortest repr: 0.1 is 0.1)."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        # rates stored as float64 (0.1, 0.08) are exact again through their shortest repr
        return Decimal(repr(x))
    return Decimal(x)


def yen_choices(values: Iterable[int]) -> str:
    """The accepted figures in a Japanese message: ``31 円 または 32 円``."""
    return " または ".join(f"{yen(v)} 円" for v in sorted(set(values)))


def yen_choices_en(values: Iterable[int]) -> str:
    """The accepted figures in an English message: ``31 or 32``."""
    return " or ".join(f"{yen(v)}" for v in sorted(set(values)))


def as_date(d: Any) -> dt.date | None:
    """A date from a date, a datetime or a pandas Timestamp; None for blank or NaT."""
    if d is None:
        return None
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    try:  # pandas Timestamp / NaT
        import pandas as pd

        if pd.isna(d):
            return None
        return pd.Timestamp(d).date()
    except (TypeError, ValueError):
        return None


def is_na(v) -> bool:
    """None, NaN, NaT or pandas' NA (never an error for a value pandas cannot test).

    Examples:
        >>> is_na(None), is_na(float("nan")), is_na(""), is_na(0)
        (True, True, False, False)
    """
    if v is None:
        return True
    if isinstance(v, (str, int, bool)):
        return False
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
