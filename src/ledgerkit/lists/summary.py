"""A declared list summed up: one value field by the ``by`` fields, the last one across.

A row whose ``by`` field is blank is summed under "(空欄)", never left out; a row without
the value adds nothing (its cell, if unreadable, is in the Issues). Yen and whole numbers
stay integers, decimals stay :class:`~decimal.Decimal`. A kind with no value field counts
its rows.

Examples:
    >>> import pandas as pd
    >>> from ledgerkit.kinds.declared import FieldSpec, KindSpec
    >>> spec = KindSpec("s", fields=(FieldSpec("branch"), FieldSpec("month", "month"), FieldSpec("amount", "yen")))
    >>> f = pd.DataFrame({"branch": ["東京", "大阪", "東京", None], "month": ["2026-10", "2026-10", "2026-11", "2026-11"],
    ...                   "amount": pd.array([100, 200, 50, 7], dtype="Int64")})
    >>> summarize_list(f, spec, by=["branch", "month"]).to_dict("index")
    {'(空欄)': {'2026-10': 0, '2026-11': 7}, '大阪': {'2026-10': 200, '2026-11': 0}, '東京': {'2026-10': 100, '2026-11': 50}}
    >>> summarize_list(f, spec, by=["branch"], value=None)["件数"].tolist()
    [1, 1, 2]
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Sequence

from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.kinds.declared import KindSpec

__all__ = ["summarize_list", "summary_format"]

#: a value type's format in the summary pivot
_VALUE_FORMATS = {"yen": "yen", "int": "int", "hours": "hours", "decimal": "number"}

_DEFAULT = object()


def summary_format(spec: KindSpec, value: str | None) -> str:
    """The summary's number format for ``value`` (``int`` for a count)."""
    field = spec.field(value) if value else None
    return _VALUE_FORMATS.get(field.type, "number") if field is not None else "int"


def summarize_list(frame, spec: KindSpec, by: Sequence[str], value: Any = _DEFAULT, *, lang: str = "ja"):
    """``value`` (default: the kind's first value field; None: a count of rows) summed by ``by``.

    One ``by`` field: a column of totals; several: the last one across, the others down.
    """
    import pandas as pd

    by = list(by)
    unknown = [b for b in by if b not in frame.columns]
    if unknown or not by:
        raise InputError(f"--by: no column {', '.join(unknown) or '(none)'} "
                         f"(columns: {', '.join(map(str, frame.columns))})")
    if value is _DEFAULT:
        value = next(iter(spec.summed(by)), None)
    elif value in by:
        value = None  # a field the rows are grouped by is counted, not summed
    blank = messages.text("list_blank_group", lang)
    data = pd.DataFrame({b: _group_labels(frame[b], blank) for b in by})
    if value is None:
        name = messages.text("list_count", lang)
        data[name] = 1
    else:
        name = value
        data[name] = _summable(frame[value], spec.field(value).type if spec.field(value) else "decimal")
    grouped = data.groupby(by, sort=True)[name].sum()
    if len(by) == 1:
        return grouped.to_frame(name)
    pivot = grouped.unstack(by[-1], fill_value=0)
    pivot.columns = [str(c) for c in pivot.columns]
    pivot.columns.name = None
    return pivot


def _group_labels(column, blank: str):
    """A ``by`` column as labels: dates as dates, a missing value as "(空欄)"."""
    import pandas as pd

    if pd.api.types.is_datetime64_any_dtype(column):
        column = column.dt.strftime("%Y-%m-%d")
    return column.astype(object).where(column.notna(), blank).map(lambda v: v if isinstance(v, str) else str(v))


def _summable(column, ftype: str):
    """The values to add: integers as int64 and decimals as Decimal (missing adds nothing), hours as floats."""
    if ftype in ("yen", "int"):
        return column.fillna(0).astype("int64")
    if ftype == "hours":
        return column.fillna(0.0).astype("float64")
    return column.map(lambda v: v if isinstance(v, Decimal) else Decimal(0)).astype(object)
