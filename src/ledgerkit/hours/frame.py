"""The hours frame: its columns, and how its values and texts are written."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ledgerkit.core import messages
from ledgerkit.core.result import Columns
from ledgerkit.parse.text import normalize_text

#: the columns of the hours frame, in order (other columns found follow them)
HOURS_COLUMNS = ["date", "month", "person", "project", "task", "hours", "source_file", "source_sheet", "source_row"]


#: how the hours columns become typed (:class:`~ledgerkit.core.result.Columns`): the others
#: named here hold only text
_HOURS_TYPES = {"date": "datetime", "month": "text", "person": "text", "project": "text", "task": "text",
                "hours": "float64", "source_file": "text", "source_sheet": "text", "source_row": "int64",
                "person_id": "text", "note": "text"}


def _hours_columns(out: dict[str, list], extras=()) -> Columns:
    """A reader's rows as :class:`~ledgerkit.core.result.Columns` (no pandas in the worker): the
    :data:`HOURS_COLUMNS`, then ``extras`` — ``(name, values, unique)``, the name made unique
    among the columns before it when ``unique`` — typed as :data:`_HOURS_TYPES` says, a text
    column only when every value is text."""
    data = {k: out[k] for k in HOURS_COLUMNS}
    for name, values, unique in extras:
        data[_unique(name, data) if unique else name] = values
    types = {}
    for name, values in data.items():
        kind = _HOURS_TYPES.get(name)
        if kind is not None and (kind != "text" or all(v.__class__ is str for v in values)):
            types[name] = kind
    return Columns(data, types)


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def unit_text(unit: str, factor: float, lang: str = "ja") -> str:
    """How ``inspect`` shows hours given in another unit: ``人日 × 8 = 時間``, ``分 × 1/60 = 時間``.

    Examples:
        >>> unit_text("人日", 8.0), unit_text("分", 1 / 60, "en")
        ('人日 × 8 = 時間', '分 × 1/60 = hours')
    """
    shown = _show(factor) if factor >= 1 else f"1/{round(1 / factor)}"
    return messages.text("map_unit_hours", lang, unit=unit, factor=shown)


def _plain(value: Any) -> Any:
    """An other column's cell for output: text normalized, numbers and dates as they are."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _unique(name: str, existing) -> str:
    name = name or "column"
    out, n = name, 2
    while out in existing:
        out, n = f"{name}_{n}", n + 1
    return out


def _typed(frame):
    import pandas as pd

    frame["date"] = pd.to_datetime(frame["date"])
    frame["hours"] = frame["hours"].astype("float64")
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


def _hours_text(h: float) -> str:
    return f"{h:g}h"
