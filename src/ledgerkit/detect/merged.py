"""Merged cells: the value of a merged range in every cell it covers.

Examples:
    >>> fill_merged([["案件", ""], ["", ""]], [(0, 0, 1, 1)])
    [['案件', '案件'], ['案件', '案件']]
"""

from __future__ import annotations

from typing import Any, Iterable

from ledgerkit.intake.cells import is_empty

__all__ = ["fill_merged"]


def fill_merged(rows: list[list[Any]], merged: Iterable[tuple[int, int, int, int]]) -> list[list[Any]]:
    """Rows with each merged range's value copied into every cell of the range.

    Only the rows a merge touches are copied; the input is not modified.

    Examples:
        >>> fill_merged([["案件", ""], ["", ""]], [(0, 0, 1, 1)])
        [['案件', '案件'], ['案件', '案件']]
    """
    merged = list(merged)
    if not merged:
        return rows
    out = list(rows)
    copied: set[int] = set()
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else ""
        if is_empty(value):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            if r not in copied:
                out[r] = list(out[r])
                copied.add(r)
            row = out[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if is_empty(row[c]):
                    row[c] = value
    return out


def _rows_of(rows_or_sheet) -> list[list[Any]]:
    """Rows from a list of rows, or from a RawSheet with its merged cells filled."""
    if hasattr(rows_or_sheet, "rows"):
        return fill_merged(rows_or_sheet.rows, getattr(rows_or_sheet, "merged", ()) or ())
    return rows_or_sheet
