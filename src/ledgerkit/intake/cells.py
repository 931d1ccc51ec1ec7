"""Cells of a sheet's rows as read: empty or not, and their Excel addresses.

``is_empty`` is about the cell as stored (nothing, or only spaces); whether a value *means*
nothing (a placeholder dash ``-``, ``―``) is the cell parsers' :func:`ledgerkit.parse.text.is_blank`.

All indexes are 0-based into the sheet's rows; Excel's row number is index + 1.

Examples:
    >>> is_empty("　"), column_letter(27), excel_range(0, 0, 9, 2)
    (True, 'AB', 'A1:C10')
"""

from __future__ import annotations

from typing import Any

__all__ = ["is_empty", "column_letter", "excel_range"]


def is_empty(value: Any) -> bool:
    """Nothing in the cell, or only spaces."""
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


def _col_letter(c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def excel_range(r0: int, c0: int, r1: int, c1: int) -> str:
    """0-based inclusive bounds as an Excel range: ``excel_range(0, 0, 9, 2) == 'A1:C10'``."""
    return f"{_col_letter(c0)}{r0 + 1}:{_col_letter(c1)}{r1 + 1}"


def column_letter(c: int) -> str:
    """0-based column index as Excel's letters: 0 → A, 27 → AB."""
    return _col_letter(c)


def _row_blank(row: list[Any], c0: int, c1: int) -> bool:
    # is_empty inlined: this runs for every row of a sheet
    for v in row[c0:c1]:
        if v is None or v == "" or (isinstance(v, str) and not v.strip()):
            continue
        return False
    return True
