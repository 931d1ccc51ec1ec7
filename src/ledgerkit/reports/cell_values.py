"""Plain cell values shared by the CSV, JSON and Excel writers: what counts as missing,
and the text of a duration, a date-time or any other value.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

_NA_SENTINELS: tuple = ()


def _is_missing(v: Any) -> bool:
    """None, pandas NA/NaT, a float NaN or a Decimal NaN."""
    global _NA_SENTINELS
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    if isinstance(v, Decimal):
        return v.is_nan()
    if not _NA_SENTINELS:
        import pandas as pd

        _NA_SENTINELS = (pd.NA, pd.NaT)
    return v is _NA_SENTINELS[0] or v is _NA_SENTINELS[1]


def _duration_text(td: dt.timedelta) -> str:
    total = int(td.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def _datetime_text(v: dt.datetime, sep: str, date_only: bool) -> str:
    if date_only:
        return v.date().isoformat()
    return v.isoformat(sep=sep, timespec="seconds" if not v.microsecond else "auto")


def _text_of(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, dt.datetime):
        if not (v.hour or v.minute or v.second or v.microsecond):
            return v.date().isoformat()
        return v.isoformat(sep=" ", timespec="seconds" if not v.microsecond else "auto")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)
