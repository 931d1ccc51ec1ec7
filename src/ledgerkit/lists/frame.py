"""The frame of a declared list: its fields in the declared order with a dtype per type, the other
columns as written, then where each row came from.

Yen and whole numbers are nullable integers (``Int64``: exact, never a float), decimals and
rates :class:`~decimal.Decimal`, hours floats, dates ``datetime64``, months ``YYYY-MM`` text.

Examples:
    >>> from ledgerkit.kinds.declared import FieldSpec, KindSpec
    >>> spec = KindSpec("s", fields=(FieldSpec("branch"), FieldSpec("amount", "yen")))
    >>> f = list_frame([{"branch": "東京", "amount": 1200, "source_file": "a.xlsx", "source_sheet": "10月",
    ...                  "source_row": 4}], spec)
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


def list_frame(records: list[dict], spec: KindSpec, extra: dict[int, str] | None = None):
    """The rows of a sheet (dicts by field name; ``("extra", column)`` for other columns)."""
    import pandas as pd

    frame = pd.DataFrame(index=range(len(records)))
    for f in spec.fields:
        frame[f.name] = typed_column([r.get(f.name) for r in records], f.type)
    for c, header in (extra or {}).items():
        # object dtype: a column only some files have must not turn its numbers into floats
        frame[unique_name(header, [*frame.columns, *RESERVED_COLUMNS])] = pd.Series(
            [r.get(("extra", c)) for r in records], dtype=object)
    frame["source_file"] = pd.Series([r.get("source_file", "") for r in records], dtype=object)
    frame["source_sheet"] = pd.Series([r.get("source_sheet", "") for r in records], dtype=object)
    frame["source_row"] = pd.Series([r.get("source_row") for r in records], dtype="int64")
    return frame


def list_formats(spec: KindSpec) -> dict[str, str]:
    """Column → the report's format kind (``yen``, ``date`` …) for ``spec``'s fields."""
    return {**{f.name: _FORMATS[f.type] for f in spec.fields}, "source_row": "int"}
