"""A block of labelled values under a table: the sheet's own summary and its stamp boxes.

A 勤務表 ends with its own figures (出勤日数 | 21, 稼働時間 | 168:00) and the boxes a
manager stamps (承認 | 確認 | 印). Each label's value is right beside it or, when the next
cell is another label (labels on one row, the figures on the next), right below it.
:func:`labelled_values` reads such a block; which words are labels, and what each is
checked against, is the caller's (``ledgerkit.kinds``).

Examples:
    >>> rows = [["出勤日数", "", 21], ["稼働時間", "合計勤務時間(h)", ""], ["168:00", 168.0, ""], ["承認", "確認", "印"]]
    >>> kind = {"出勤日数": "days", "稼働時間": "hours", "合計勤務時間(h)": "hours", "承認": "stamp", "確認": "stamp", "印": "stamp"}.get
    >>> block = labelled_values(rows, 0, 4, kind)
    >>> [(v.label, v.value, v.value_row) for v in block.values]
    [('出勤日数', 21, 0), ('稼働時間', '168:00', 2), ('合計勤務時間(h)', 168.0, 2), ('承認', None, None), ('確認', None, None), ('印', None, None)]
    >>> block.other_rows
    []
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable

from ledgerkit.intake.cells import is_empty

__all__ = ["LabelledValue", "FooterBlock", "labelled_values", "first_label_row"]


@dataclass(frozen=True)
class LabelledValue:
    """One label of the block and its value (0-based row and column; value None when it has none)."""

    label: str
    kind: str
    row: int
    col: int
    value: Any = None
    value_row: int | None = None
    value_col: int | None = None


@dataclass
class FooterBlock:
    """The labels of a block with their values, and the rows holding anything else."""

    values: list[LabelledValue] = field(default_factory=list)
    #: rows (0-based) with a filled cell that is neither a label nor a label's value
    other_rows: list[int] = field(default_factory=list)


def _cell(rows, r: int, c: int) -> Any:
    return rows[r][c] if 0 <= r < len(rows) and 0 <= c < len(rows[r]) else ""


def _split_label(text: str, kind_of: Callable[[str], str | None]) -> tuple[str, str] | None:
    """``出勤日数：21日`` → (label, ``21日``) when the part before the colon is a label."""
    parts = re.split(r"[:：]", unicodedata.normalize("NFKC", text), maxsplit=1)
    if len(parts) == 2 and parts[1].strip() and kind_of(parts[0].strip()):
        return parts[0].strip(), parts[1].strip()
    return None


def labelled_values(rows, start: int, end: int, kind_of: Callable[[str], str | None]) -> FooterBlock:
    """Every label cell of ``rows[start:end]`` (a text ``kind_of`` names) with its value.

    The value is the next filled cell to the right (past the label's own merged cells,
    filled with its text), unless that cell is another label: then the cell right below.
    A label with neither (a stamp box) has no value.
    """
    block = FooterBlock()
    used: set[tuple[int, int]] = set()
    for r in range(start, end):
        row = rows[r]
        for c, v in enumerate(row):
            if (r, c) in used or not isinstance(v, str) or not v.strip():
                continue
            kind = kind_of(v)
            if kind is None:
                split = _split_label(v, kind_of)
                if split:
                    used.add((r, c))
                    block.values.append(LabelledValue(split[0], kind_of(split[0]) or "", r, c, split[1], r, c))
                continue
            used.add((r, c))
            value, at = _value_of(rows, r, c, end, kind_of)
            if at is not None:
                used.add(at)
            block.values.append(LabelledValue(v.strip(), kind, r, c, value, *(at or (None, None))))
    for r in range(start, end):
        if any(not is_empty(v) and (r, c) not in used and not _same_as_left(rows[r], c) for c, v in enumerate(rows[r])):
            block.other_rows.append(r)
    return block


def _same_as_left(row, c: int) -> bool:
    # a merged cell filled with its neighbour's text (the label merged over two columns)
    return c > 0 and isinstance(row[c], str) and row[c] == row[c - 1]


def _value_of(rows, r: int, c: int, end: int, kind_of) -> tuple[Any, tuple[int, int] | None]:
    label = rows[r][c]
    right = c + 1
    while right < len(rows[r]) and rows[r][right] == label:
        right += 1
    for cc in range(right, min(right + 6, len(rows[r]))):
        w = rows[r][cc]
        if is_empty(w):
            continue
        if isinstance(w, str) and (kind_of(w) or _split_label(w, kind_of)):
            break
        return w, (r, cc)
    below = _cell(rows, r + 1, c)
    if r + 1 < end and not is_empty(below) and not (isinstance(below, str) and kind_of(below)):
        return below, (r + 1, c)
    return None, None


def first_label_row(rows, start: int, end: int, *, label_col: int, last_col: int,
                    kind_of: Callable[[str], str | None]) -> int | None:
    """The first row of ``rows[start:end]`` that opens a labelled block: a label in
    ``label_col`` (where a table's rows name themselves: the day, the date), or, that cell
    blank, as the row's first text up to ``last_col``. None when no row does.

    Examples:
        >>> rows = [[1, "9:00"], [2, "9:00"], ["", "", "承認"], ["出勤日数", 2]]
        >>> first_label_row(rows, 0, 4, label_col=0, last_col=2, kind_of={"承認": "stamp", "出勤日数": "days"}.get)
        2
    """
    for r in range(start, end):
        v = _cell(rows, r, label_col)
        if isinstance(v, str) and v.strip():
            if kind_of(v) or _split_label(v, kind_of):
                return r
            continue
        if not is_empty(v):
            continue
        first = next((w for w in rows[r][: last_col + 1] if isinstance(w, str) and w.strip()), None)
        if first is not None and (kind_of(first) or _split_label(first, kind_of)):
            return r
    return None
