"""The frame of a declared list: its fields in the declared order with a dtype per type, the other
columns as written, then where each row came from.

Yen and whole numbers are nullable integers (``Int64``: exact, never a float), decimals and
rates :class:`~decimal.Decimal`, hours floats, dates ``datetime64``, months ``YYYY-MM`` text.

Examples:
    >>> from ledgerkit.kinds.declared import FieldSpec, KindSpec
    >>> spec = KindSpec("s", fields=(FieldSpec("branch"), FieldSpec("amount", "yen")))
    >>> f = list_frame({"branch": ["東京"], "amount": [1200]}, spec, source=("a.xlsx", "10月"), rows=[4])
    >>> list(f.columns), str(f["amount"].dtype)
    (['branch', 'amount', 'source_file', 'source_sheet', 'source_row'], 'Int64')
"""

from __future__ import annotations

from typing import Any

from ledgerkit.detect.tables import unique_name
from ledgerkit.kinds.declared import RESERVED_COLUMNS, KindSpec

__all__ = ["list_frame", "list_formats", "typed_column"]

#: a type's column format in the report (``ledgerkit.reports`` kinds)
_FORMATS = {"yen": "yen", "int": "int", "hours": "hours", "date": "date", "decimal": "number", "rate": "percent",
            "text": "text", "code": "text", "month": "text"}


def typed_column(values: list[Any], ftype: str):
    """One field's values as a column of its type's dtype."""
    import pandas as pd

    if ftype in ("yen", "int"):
        return pd.array(values, dtype="Int64")
    if ftype == "hours":
        return pd.array([float(v) if v is not None else None for v in values], dtype="Float64").astype("float64")
    if ftype == "date":
        return pd.to_datetime(pd.Series([v if v is not None else pd.NaT for v in values], dtype="object"))
    return pd.Series(values, dtype="object")


def list_frame(columns: dict[str, list], spec: KindSpec, extra: dict[str, list] | None = None, *,
               source: tuple[str, str] = ("", ""), rows: list[int] | None = None):
    """A sheet's rows as a frame: ``columns`` (field → values), ``extra`` (header → values, as
    written), ``source`` (file, sheet) and the Excel ``rows`` they came from."""
    import pandas as pd

    n = len(rows or [])
    frame = pd.DataFrame(index=range(n))
    for f in spec.fields:
        frame[f.name] = typed_column(columns.get(f.name, [None] * n), f.type)
    for header, values in (extra or {}).items():
        # object dtype: a column only some files have must not turn its numbers into floats
        frame[unique_name(header, [*frame.columns, *RESERVED_COLUMNS])] = pd.Series(values, dtype=object)
    frame["source_file"] = pd.Series([source[0]] * n, dtype=object)
    frame["source_sheet"] = pd.Series([source[1]] * n, dtype=object)
    frame["source_row"] = pd.Series(rows or [], dtype="int64")
    return frame


def list_formats(spec: KindSpec) -> dict[str, str]:
    """Column → the report's format kind (``yen``, ``date`` …) for ``spec``'s fields."""
    return {**{f.name: _FORMATS[f.type] for f in spec.fields}, "source_row": "int"}
