"""Names and widths on an Excel sheet: legal sheet names, unique headers, flattened pivot
columns, and column widths that count full-width characters as two.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Iterable

from ledgerkit.reports.xlsx_cells import _convert_column

_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")


def safe_sheet_name(name: Any, taken: Iterable[str] = ()) -> str:
    """A legal, unique Excel sheet name: ≤ 31 characters, none of ``[]:*?/\\``.

    Examples:
        >>> safe_sheet_name("2026/10 [案件A]")
        '2026_10 _案件A_'
        >>> safe_sheet_name("明細", taken=["明細"])
        '明細 (2)'
        >>> len(safe_sheet_name("x" * 40))
        31
    """
    base = _SHEET_BAD.sub("_", str(name)).strip("'").strip() or "Sheet"
    base = base[:31]
    if base.lower() == "history":  # reserved by Excel
        base = base + "_"
    used = {t.lower() for t in taken}
    candidate, k = base, 2
    while candidate.lower() in used:
        suffix = f" ({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    return candidate


def display_width(text: str) -> int:
    """Columns a text takes on screen: full-width (and ambiguous) characters count 2.

    Examples:
        >>> display_width("abc"), display_width("山田太郎"), display_width("ｶﾅ")
        (3, 8, 2)
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _cell_width(v: Any, kind: str) -> int:
    if v is None:
        return 0
    if isinstance(v, str):
        return display_width(v)
    if kind in ("date",):
        return 10
    if kind in ("datetime",):
        return 16
    if kind in ("time", "duration"):
        return 6
    if kind == "percent":
        return 7
    if isinstance(v, bool):
        return 5
    try:
        if kind == "int":
            return len(f"{round(float(v)):,}")
        if kind == "yen":
            return len(f"{round(float(v)):,}") + 1  # ¥
        if kind == "hours":
            return len(f"{float(v):,.2f}")
        if kind == "rowno":
            return len(str(int(v)))
        return min(len(f"{float(v):.10G}"), 15)
    except (ValueError, OverflowError, TypeError):
        return 10


def _column_width(heading_text: str, s, kind: str, filter_button: bool, cap: float | None = 60) -> float:
    """A width that fits the heading and the values (full-width characters count 2), at most ``cap``."""
    import pandas as pd

    # The first rows and the longest texts are enough to size a column.
    values = s.iloc[:500].tolist()
    if len(s) > 500 and kind not in ("date", "datetime", "time", "duration", "percent", "bool"):
        # Distinct values only: ledger columns repeat a lot.
        rest = pd.unique(s.iloc[500:].to_numpy(dtype=object)).tolist()
        lengths = pd.Series([len(v) if type(v) is str else 0 for v in rest], dtype="int64")
        values += [rest[i] for i in lengths.nlargest(20).index]
    col = _convert_column(pd.Series(values, dtype=object), kind)
    width = max([_cell_width(v, col.kind) for v in col.values] or [0])
    head = display_width(heading_text) + (3 if filter_button else 1)
    width = float(max(width + 2, head, 6))
    return width if cap is None else min(width, float(cap))


def _unique_headings(texts: list[str]) -> list[str]:
    """Excel Tables need unique, non-empty headers: ``金額``, ``金額 (2)``, ..."""
    seen: set[str] = set()
    out = []
    for i, t in enumerate(texts):
        t = str(t) if t not in (None, "") else f"Column{i + 1}"
        base, k = t, 2
        while t.lower() in seen:
            t = f"{base} ({k})"
            k += 1
        seen.add(t.lower())
        out.append(t)
    return out


def _flatten_columns(columns) -> list[str]:
    import pandas as pd

    if isinstance(columns, pd.MultiIndex):
        levels = [list(map(str, t)) for t in columns]
        # Drop a level that is the same everywhere (the ``values=`` name of pivot_table).
        keep = [k for k in range(columns.nlevels) if len({t[k] for t in levels}) > 1] or [columns.nlevels - 1]
        return [" / ".join(t[k] for k in keep if t[k]) or t[-1] for t in levels]
    return [c if isinstance(c, str) else str(c) for c in columns]
