"""A result's rows and findings as the ledger stores them: canonical JSON, key columns, digests.

Pure functions, no database: a row becomes one canonical JSON text (sorted keys, exact
numbers: integer yen as integers, Decimal as text, dates as ISO text) plus the key columns
the ledger indexes (person, project, month, vendor, invoice_no, hours as exact decimal text,
amount as integer yen), so that any kind can be recorded and the common questions (hours by
person and month) are answered without reading the JSON.

Examples:
    >>> import datetime as dt
    >>> canonical({"hours": 7.5, "date": dt.datetime(2026, 10, 1), "person": "山田", "x": float("nan"), "n": 1.0})
    '{"date":"2026-10-01","hours":7.5,"n":1,"person":"山田"}'
    >>> keys = key_columns("hours", {"person": "山田", "project": "A-1001", "month": "2026-10", "hours": 7.5})
    >>> keys["person"], keys["hours"], keys["amount"]
    ('山田', '7.5', None)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Iterable

from ledgerkit.core.issues import Issue

__all__ = ["PROVENANCE", "KEY_TEXT", "MEASURES", "canonical", "plain", "plain_column", "key_columns", "period_of", "digest",
           "fingerprint", "exact_hours", "yen", "stored_rows", "measures_of", "who_and_item"]

#: the columns that say where a row came from: stored beside the row, not inside its JSON
PROVENANCE = ("source_file", "source_sheet", "source_row")

#: the text key columns the ledger indexes, when a row has them
KEY_TEXT = ("person", "project", "month", "vendor", "invoice_no")

#: what ``history`` adds up for each kind (other kinds: ``amount`` and ``hours`` when present)
MEASURES: dict[str, tuple[str, ...]] = {
    "hours": ("hours",),
    "attendance": ("hours",),
    "invoices": ("net", "tax", "total"),
    "invoice_check": ("net", "tax", "total"),
    "settlement": ("amount", "tax", "total"),
    "budget": ("budget", "actual"),
}

#: the integer-yen figure a kind's ``amount`` key column holds (first one present)
_AMOUNT_FIELDS = ("amount", "total", "net", "actual")

#: (who, item) of a change line: "山田 2026-10: A-1001 +3.5 h"
_WHO_ITEM: dict[str, tuple[str, str]] = {
    "hours": ("person", "project"),
    "attendance": ("person", ""),
    "invoices": ("vendor", "invoice_no"),
    "invoice_check": ("vendor", "invoice_no"),
    "settlement": ("person", "vendor"),
    "budget": ("project", ""),
}


def _missing(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    if type(value).__name__ in ("NAType", "NaTType"):
        return True
    try:
        # pandas.NA, NaT
        return bool(value != value) if not isinstance(value, (str, bytes, list, dict, tuple)) else False
    except (TypeError, ValueError):
        return False


def plain(value: Any) -> Any:
    """A cell value as JSON can hold it exactly (None for every kind of missing value and for "").

    Examples:
        >>> plain(Decimal("3571.43")), plain(Fraction(1, 2)), plain(dt.date(2026, 10, 1)), plain(7.0), plain("")
        ('3571.43', '1/2', '2026-10-01', 7, None)
    """
    kind = type(value)
    # the common cases first: this runs once per cell
    if value is None or kind is int or kind is bool:
        return value
    if kind is str:
        # a blank cell is blank whether it came back as None or ""
        return value if value != "" else None
    if kind is float:
        if value != value:
            return None
        # 1.0 read from a report and 1 read from a workbook are the same figure
        return int(value) if math.isfinite(value) and value.is_integer() else value
    if _missing(value):
        return None
    if isinstance(value, (bool, int)):
        return int(value) if not isinstance(value, bool) else value
    if isinstance(value, float):
        return plain(float(value))
    if isinstance(value, str):
        return plain(str(value))
    if isinstance(value, (Decimal, Fraction)):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() and value.tzinfo is None else value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value.total_seconds()
    # numpy scalars, pandas Timestamp (a datetime subclass is handled above)
    item = getattr(value, "item", None)
    if callable(item):
        return plain(item())
    return str(value)


def plain_column(series) -> list:
    """:func:`plain` over a whole column, a column at a time where its type allows.

    Examples:
        >>> import pandas as pd
        >>> plain_column(pd.Series([7.0, 7.5, float("nan")])), plain_column(pd.Series(["a", None, ""]))
        ([7, 7.5, None], ['a', None, None])
        >>> plain_column(pd.to_datetime(pd.Series(["2026-10-01", None])))
        ['2026-10-01', None]
    """
    kind = series.dtype.kind
    if kind == "f" and type(series.dtype).__name__ != "Float64Dtype":
        return [plain(v) for v in series.to_numpy(dtype=float).tolist()]
    if kind in "iub" and not series.hasnans and type(series.dtype).__module__.startswith("numpy"):
        return series.tolist()
    if kind == "M" and series.dt.tz is None:
        midnight = bool((series.dropna() == series.dropna().dt.normalize()).all())
        text = series.dt.strftime("%Y-%m-%d" if midnight else "%Y-%m-%dT%H:%M:%S")
        return [None if v != v or v is None else v for v in text.tolist()]
    # text columns: most cells are non-blank str, passed as they are
    return [v if type(v) is str and v != "" else plain(v) for v in series.tolist()]


def canonical(record: dict) -> str:
    """One row as canonical JSON text: sorted keys, no spaces, provenance and blank cells left out.

    Blanks are left out so that a row is the same row whether or not the result it came in
    had other columns (a ``note`` column that another file of the run brought).
    """
    data = {}
    for k, v in record.items():
        if k in PROVENANCE or str(k).startswith("_"):
            continue
        v = plain(v)
        if v is not None:
            data[str(k)] = v
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def exact_hours(value: Any) -> str | None:
    """Hours as exact decimal text (the float's shortest form), None when missing.

    Examples:
        >>> exact_hours(7.5), exact_hours(100.0), exact_hours(0.1 + 0.2), exact_hours(None), exact_hours("x")
        ('7.5', '100', '0.30000000000000004', None, None)
    """
    if type(value) is not float or not math.isfinite(value):
        value = plain(value)
    if value is None or isinstance(value, bool):
        return None
    if type(value) is int:
        return str(value)
    if type(value) is float and math.isfinite(value):
        if value.is_integer():
            return str(int(value))
        text = repr(value)
        if "e" not in text:
            return text
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return format(d.normalize(), "f") if d.is_finite() else None


def yen(value: Any) -> int | None:
    """An amount as integer yen when it is a whole number, else None (never rounded).

    Examples:
        >>> yen(528000), yen(528000.0), yen("1,200"), yen(12.5), yen(None)
        (528000, 528000, None, None, None)
    """
    value = plain(value)
    if value is None or isinstance(value, bool):
        return None
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return int(d) if d.is_finite() and d == d.to_integral_value() else None


def _text(value: Any) -> str | None:
    value = plain(value)
    return None if value is None else str(value)[:200]


def key_columns(kind: str, record: dict) -> dict:
    """The indexed columns of a row: text keys, ``hours`` (exact text) and ``amount`` (integer yen)."""
    keys = {k: _text(record.get(k)) for k in KEY_TEXT}
    keys["hours"] = exact_hours(record.get("hours"))
    keys["amount"] = next((yen(record[f]) for f in _AMOUNT_FIELDS if f in record and yen(record[f]) is not None), None)
    return keys


def stored_rows(kind: str, records: list[dict]) -> list[dict]:
    """Rows as the ledger stores them, from records of :func:`plain` values that share their keys.

    The same as ``{"sheet": …, "excel_row": …, **key_columns(kind, r), "data": canonical(r)}``
    for each record, done a table at a time (recording 300,000 rows spends its time here).
    """
    if not records:
        return []
    columns = list(records[0])
    data_columns = sorted(c for c in columns if c not in PROVENANCE and not c.startswith("_"))
    texts = [k for k in KEY_TEXT if k in columns]
    amounts = [f for f in _AMOUNT_FIELDS if f in columns]
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    has_hours = "hours" in columns
    out = []
    for r in records:
        row = {k: None for k in KEY_TEXT}
        for k in texts:
            v = r[k]
            row[k] = None if v is None else str(v)[:200]
        row["hours"] = exact_hours(r["hours"]) if has_hours else None
        row["amount"] = next((a for a in (yen(r[f]) for f in amounts) if a is not None), None)
        sheet, excel_row = r.get("source_sheet"), r.get("source_row")
        row["sheet"] = "" if sheet is None else str(sheet)
        row["excel_row"] = excel_row if type(excel_row) is int else _int(excel_row)
        row["data"] = encode({k: r[k] for k in data_columns if r[k] is not None})
        out.append(row)
    return out


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def period_of(record: dict, meta: dict | None = None) -> str:
    """The month a row belongs to (``YYYY-MM``), else the result's month or period, else ``""``."""
    month = _text(record.get("month"))
    if month:
        return month
    meta = meta or {}
    for key in ("month", "through", "period"):
        if meta.get(key):
            value = meta[key]
            return "..".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    return ""


def digest(lines: Iterable[str]) -> str:
    """SHA-256 of some text lines, in the order given."""
    h = hashlib.sha256()
    for line in lines:
        h.update(line.encode("utf-8"))
        h.update(b"\n")
    return h.hexdigest()


def fingerprint(kind: str, issue: Issue, source_key: str) -> str:
    """A finding's stable identity: the same problem at the same place of the same source.

    The message's parameters are left out (a report read back has the sentence, not them),
    so a finding recorded live and one read back from its report are the same finding.

    Examples:
        >>> a = fingerprint("hours", Issue("total_row", "a.xlsx", "10月", 12), "a.xlsx")
        >>> a == fingerprint("hours", Issue("total_row", "b/../a.xlsx", "10月", 12, params={"x": 1}), "a.xlsx")
        True
        >>> a == fingerprint("hours", Issue("total_row", "a.xlsx", "10月", 13), "a.xlsx")
        False
    """
    parts = [kind, issue.code, source_key, issue.sheet or "", "" if issue.row is None else str(issue.row),
             issue.column or "", str(issue.value or ""), issue.ref or ""]
    return digest(["\x1f".join(parts)])


def measures_of(kind: str, columns: Iterable[str]) -> tuple[str, ...]:
    """The fields ``history`` adds up for ``kind``, among ``columns``."""
    columns = set(columns)
    wanted = MEASURES.get(kind, ("amount", "hours"))
    return tuple(m for m in wanted if m in columns)


def who_and_item(kind: str) -> tuple[str, str]:
    """The fields a change line names: who (person, vendor) and what (project, invoice)."""
    return _WHO_ITEM.get(kind, ("person", "project"))
