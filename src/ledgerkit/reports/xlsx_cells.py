"""Cell values for Excel: the kinds of column and their number formats, and each column
of a frame converted once into what xlsxwriter writes (numbers, serial dates, text).
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any, NamedTuple

from ledgerkit.core import messages
from ledgerkit.reports.cell_values import _is_missing, _text_of

#: column kind → Excel number format (English reports; :func:`number_format` gives a language's)
NUMBER_FORMATS: dict[str, str | None] = {
    "int": "#,##0",
    "yen": '"¥"#,##0',
    "hours": "#,##0.00",
    "number": None,  # General
    "general": None,  # General, each cell as it is: text as text, numbers as numbers
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "time": "hh:mm",
    "duration": "[h]:mm",
    "percent": "0.0%",
    "rowno": "0",
    "text": "@",
    "bool": None,
}
KINDS = tuple(NUMBER_FORMATS)
#: the number formats of Japanese reports where they differ: dates as a Japanese office writes them
NUMBER_FORMATS_JA: dict[str, str] = {
    "date": "yyyy/mm/dd",
    "datetime": "yyyy/mm/dd hh:mm",
}
#: the kinds whose zero a summary may show as ``-`` (:func:`number_format` with ``zero_dash``)
_NUMERIC_KINDS = frozenset({"int", "yen", "hours", "number", "general"})


def number_format(kind: str | None, lang: str = "ja", *, zero_dash: bool = False) -> str | None:
    """The Excel number format of a column ``kind`` in a report in ``lang``; with
    ``zero_dash`` a zero shows as ``-`` (a summary's empty cells), the value staying 0.

    Amounts, counts and hours keep a space's width free on their right (Excel's ``_ ``),
    so that a right-aligned figure never touches the text in the next column.

    Examples:
        >>> number_format("yen"), number_format("date"), number_format("date", "en")
        ('"¥"#,##0_ ;-"¥"#,##0_ ', 'yyyy/mm/dd', 'yyyy-mm-dd')
        >>> number_format("hours", zero_dash=True)
        '#,##0.00_ ;-#,##0.00_ ;"-"_ '
    """
    if kind is None:
        return None
    fmt = (NUMBER_FORMATS_JA.get(kind) if lang != "en" else None) or NUMBER_FORMATS.get(kind)
    if kind in _PADDED_KINDS:
        sections = [f"{fmt}_ ", f"-{fmt}_ "] + (['"-"_ '] if zero_dash else [])
        return ";".join(sections)
    if zero_dash and kind in _NUMERIC_KINDS:
        base = fmt or "General"
        return f'{base};-{base};"-"'
    return fmt


#: the kinds shown with a space's width free on their right
_PADDED_KINDS = frozenset({"int", "yen", "hours"})


# Kinds written without a number format of their own.
_PLAIN_KINDS = frozenset({"text", "number", "general", "bool"})

#: severity → (fill colour, font colour): Excel's own Bad / Neutral / Note-like styles
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "error": ("#FFC7CE", "#9C0006"),
    "warning": ("#FFEB9C", "#9C5700"),
    "info": ("#DDEBF7", "#1F4E78"),
}

#: the fill of a table's heading row, and the colour of the rules between rows (on paper too)
HEADER_FILL = "#DDE5F1"
RULE_COLOUR = "#A6B4C8"

# Excel limits.
MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_STRING = 32_767
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

#: columns that hold an Excel row number: shown without thousands separator
ROW_COLUMNS = frozenset({"source_row", "row", "excel_row"})
#: columns that hold hours
HOURS_COLUMNS = frozenset({"hours", "overtime_hours", "break_hours", "hours_worked"})
DATE_COLUMNS = frozenset({"date", "invoice_date", "due_date"})


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def excel_text(text: str, lang: str = "ja") -> str:
    """``text`` as an Excel cell can hold it: at most 32,767 characters.

    Longer text is cut, and the cut is said in the cell (``…(以下省略: 全 40,000 文字)``):
    one long cell (a pasted log, a 登録番号 of 32,767 digits) must not cost the whole
    report, and nothing may look complete that is not. CSV and JSON keep the full text.

    Examples:
        >>> cut = excel_text("長" * 40_000)
        >>> len(cut), cut[-25:]
        (32767, '長長長長長…(以下省略: 全 40,000 文字)')
        >>> excel_text("短い")
        '短い'
    """
    if len(text) <= MAX_STRING // 2 or _utf16_len(text) <= MAX_STRING:
        return text
    marker = messages.text("text_cut", lang, length=f"{len(text):,}")
    keep = MAX_STRING - _utf16_len(marker)
    head = text[:keep]
    while _utf16_len(head) > keep:  # characters outside the BMP count twice in Excel
        head = head[: keep - (_utf16_len(head) - keep)]
    return head + marker


def fit_strings(col: "_Column", lang: str = "ja") -> "_Column":
    """The column with every text longer than an Excel cell cut by :func:`excel_text` (in place)."""
    if col.method in ("number", "boolean"):
        return col
    values = col.values
    if col.method == "string":
        longest = max(map(len, filter(None, values)), default=0)
    else:
        longest = max((len(v) for v in values if v.__class__ is str), default=0)
    if longest <= MAX_STRING // 2:
        return col
    for i, v in enumerate(values):
        if v.__class__ is str and len(v) > MAX_STRING // 2:
            values[i] = excel_text(v, lang)
    return col


class _Column(NamedTuple):
    kind: str
    values: list  # converted values, None = blank
    method: str  # "string" | "number" | "boolean" | "mixed"
    methods: list | None  # per-cell methods when mixed


def _infer_kind(name: Any, s) -> str:
    import pandas as pd
    from pandas.api import types as pt

    key = str(name)
    if pt.is_bool_dtype(s.dtype):
        return "bool"
    if pt.is_integer_dtype(s.dtype):
        return "rowno" if key in ROW_COLUMNS else "int"
    if pt.is_float_dtype(s.dtype):
        return "hours" if key in HOURS_COLUMNS else "number"
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
        return "date" if bool(((s.dt.normalize() == s) | s.isna()).all()) else "datetime"
    if pt.is_timedelta64_dtype(s.dtype):
        return "duration"
    if key in DATE_COLUMNS:
        return "date"
    if key in HOURS_COLUMNS:
        return "hours"
    sample = [v for v in s.dropna().head(200).tolist() if not _is_missing(v)]
    if not sample or all(type(v) is str for v in sample):
        return "general"
    if all(isinstance(v, Decimal) for v in sample):
        return "yen" if all(v == v.to_integral_value() for v in sample) else "number"
    if all(isinstance(v, dt.datetime) for v in sample):
        return "datetime"
    if all(isinstance(v, dt.date) for v in sample):
        return "date"
    if all(isinstance(v, (int,)) and not isinstance(v, bool) for v in sample):
        return "rowno" if key in ROW_COLUMNS else "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in sample):
        return "number"
    # Mixed (numbers and text, as a source column may be): each cell keeps its type.
    return "general"


def _serial(v: dt.datetime | dt.date) -> float | None:
    """Excel's serial number for a date or date-time (None before 1900)."""
    if not isinstance(v, dt.datetime):
        v = dt.datetime(v.year, v.month, v.day)
    if v.tzinfo is not None:
        v = v.replace(tzinfo=None)
    delta = v - _EXCEL_EPOCH
    serial = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    if serial < 61:  # Excel's phantom 1900-02-29
        serial -= 1
    return serial if serial >= 1 else None


def _convert_column(s, kind: str) -> _Column:
    """Values of one column ready for xlsxwriter, decided once per column (fast path)."""
    import pandas as pd
    from pandas.api import types as pt

    if kind == "text":
        # An empty text is a blank cell (Excel's filter shows it under "(Blanks)").
        values = [
            (v or None) if type(v) is str else (None if _is_missing(v) else _text_of(v) or None)
            for v in s.tolist()
        ]
        return _Column(kind, values, "string", None)
    if pt.is_bool_dtype(s.dtype) and kind in ("bool", "number", "int"):
        values = [None if v is None or v is pd.NA else bool(v) for v in s.astype(object).tolist()]
        return _Column(kind, values, "boolean", None)
    if (pt.is_integer_dtype(s.dtype) or pt.is_float_dtype(s.dtype)) and not pt.is_bool_dtype(s.dtype):
        arr = s.astype(object).tolist()
        values = [
            None if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)) else v
            for v in arr
        ]
        return _Column(kind, values, "number", None)
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
        return _datetime_column(s, kind)
    if pt.is_timedelta64_dtype(s.dtype):
        import numpy as np

        days = (s / pd.Timedelta(days=1)).to_numpy(dtype="float64", na_value=np.nan)
        return _Column(kind, [None if math.isnan(x) else x for x in days.tolist()], "number", None)
    want_date = kind in ("date", "datetime")
    if not want_date and pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
        # Only text (and blanks): the fast path.
        values = [v or None if type(v) is str else None for v in s.tolist()]
        return _Column(kind, values, "string", None)
    return _object_column(s, kind, want_date)


def _datetime_column(s, kind: str) -> _Column:
    """A datetime64 column as Excel serial numbers (text for dates before 1900)."""
    import numpy as np
    import pandas as pd

    if getattr(s.dt, "tz", None) is not None:
        s = s.dt.tz_localize(None)
    serial = ((s - pd.Timestamp(_EXCEL_EPOCH)) / pd.Timedelta(days=1)).to_numpy(dtype="float64", na_value=np.nan)
    serial = np.where(serial < 61, serial - 1, serial)
    if (serial < 1).any():  # before 1900: Excel has no date for it, keep the text
        texts = s.dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
        values, methods = [], []
        for x, t in zip(serial.tolist(), texts):
            if math.isnan(x):
                values.append(None); methods.append("number")
            elif x < 1:
                values.append(t); methods.append("string")
            else:
                values.append(x); methods.append("number")
        return _Column(kind, values, "mixed", methods)
    values = [None if math.isnan(x) else x for x in serial.tolist()]
    return _Column(kind, values, "number", None)


def _object_column(s, kind: str, want_date: bool) -> _Column:
    """An object column of mixed values: decided per cell."""
    import numpy as np

    values, methods = [], []
    for v in s.tolist():
        if type(v) is str:
            if not v:
                values.append(None); methods.append("number")
                continue
            if want_date:
                parsed = _iso_date(v)
                if parsed is not None:
                    values.append(parsed); methods.append("number")
                    continue
            values.append(v); methods.append("string")
        elif _is_missing(v):
            values.append(None); methods.append("number")
        elif isinstance(v, (bool, np.bool_)):
            values.append(bool(v)); methods.append("boolean")
        elif isinstance(v, Decimal):
            if v.is_finite():
                values.append(v); methods.append("number")
            else:
                values.append(None); methods.append("number")
        elif isinstance(v, (int, np.integer)):
            values.append(int(v)); methods.append("number")
        elif isinstance(v, (float, np.floating)):
            values.append(float(v) if math.isfinite(v) else None); methods.append("number")
        elif isinstance(v, (dt.datetime, dt.date)):
            x = _serial(v)
            if x is None:
                values.append(v.isoformat()); methods.append("string")
            else:
                values.append(x); methods.append("number")
        elif isinstance(v, dt.time):
            values.append((v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400)
            methods.append("number")
        elif isinstance(v, dt.timedelta):
            values.append(v.total_seconds() / 86400); methods.append("number")
        else:
            values.append(_text_of(v)); methods.append("string")
    if methods and all(m == "string" for m in methods):
        return _Column(kind, values, "string", None)
    if all(m == "number" for m in methods):
        return _Column(kind, values, "number", None)
    return _Column(kind, values, "mixed", methods)


def _iso_date(text: str) -> float | None:
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return _serial(value)
