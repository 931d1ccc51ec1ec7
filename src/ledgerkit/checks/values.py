"""A value of a checked frame's row as the checks compare it: blank, an exact rate, a date; and settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ledgerkit.rules.figures import is_na

__all__ = ["setting", "rate_of", "date_of", "get"]


def setting(config, key: str, value, default):
    """``value`` when given, else the config's ``key`` when set, else ``default``."""
    if value is not None:
        return value
    if config is not None:
        got = config.get(key, None)
        if got is not None and got != "":
            return got
    return default


def rate_of(v) -> Decimal | None:
    """A float rate (0.1, 0.08) as the exact Decimal it stands for; None when blank."""
    if is_na(v):
        return None
    return Decimal(repr(float(v))).quantize(Decimal("0.01"))


def date_of(v) -> dt.date | None:
    """A date from a date, datetime or Timestamp; None when blank."""
    if is_na(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    import pandas as pd

    return pd.Timestamp(v).date()


def get(row, name: str, default=None):
    """``row[name]`` (a dict or a frame row), or ``default`` when missing or blank."""
    try:
        v = row[name]
    except (KeyError, IndexError):
        return default
    return default if is_na(v) else v
