"""A row of an invoice or order list and its problems, through the shared row walk's :class:`~ledgerkit.detect.walk.RowLog`.

A list reader reads a row's cells one by one and notes what it could not read as a
:class:`CellProblem` (the field as a person calls it, the column, the value, whether the
row can still be used). :func:`log_row` then counts the row as read and lists its problems
by Excel row: the row is rejected when one of them rejects it.

Examples:
    >>> from ledgerkit.detect.walk import RowLog
    >>> log = RowLog("a.xlsx", "10月")
    >>> problems = []
    >>> read_code(["A-1", True], 1, problems, "注文番号")
    'True'
    >>> problems.append(CellProblem("bad_cell", "税抜金額", 0, "x", True))
    >>> log_row(log, 4, problems, {0: "税抜", 1: "注文No"}), log.rows_read
    (True, 1)
    >>> [(i.code, i.row, i.column, i.severity, i.rejected) for i in log.issues]
    [('bad_cell', 5, '注文No', 'warning', False), ('bad_cell', 5, '税抜', 'error', True)]
"""

from __future__ import annotations

from typing import Any, NamedTuple

from ledgerkit.core.issues import Issue
from ledgerkit.detect.tables import cell
from ledgerkit.detect.walk import RowLog, cell_text
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = ["CellProblem", "log_row", "read_code"]


class CellProblem(NamedTuple):
    """A cell of a row that could not be read as its field."""

    code: str
    #: the field as a person calls it (税抜金額, 注文番号), or the column's header
    field: str
    #: the column (0-based), None for the row as a whole
    column: int | None
    value: Any
    #: the row cannot be used (it is rejected, not in the frame)
    rejects: bool
    #: "" for the default: error when it rejects the row, else warning
    severity: str = ""


def log_row(log: RowLog, r: int, problems: list[CellProblem], columns: dict[int, str]) -> bool:
    """Count row ``r`` as read and list its problems under ``columns``' headers; True when it is rejected.

    A row is counted once, however many of its cells are unreadable (rows read = rows kept
    + rows rejected); each problem is listed, in the order found.
    """
    rejecting = next((p for p in problems if p.rejects), None)
    if rejecting is None:
        log.keep(r)
    for p in problems:
        column = columns.get(p.column, "") if p.column is not None else ""
        severity = p.severity or ("error" if p.rejects else "warning")
        if p is rejecting:
            log.reject(r, p.code, column=column, value=p.value, field=p.field, severity=severity)
            continue
        text = cell_text(p.value)
        log.issues.append(Issue(p.code, log.file, log.sheet, r + 1, column=column, value=text, severity=severity,
                                rejected=p.rejects, params={"field": p.field, "value": text}))
    return rejecting is not None


def read_code(row, c: int | None, problems: list[CellProblem], label: str) -> str | None:
    """A code cell (番号, 注文番号, 取引先コード) as text; an unreadable one (a date, TRUE) is a
    problem, kept as written."""
    if c is None:
        return None
    raw = cell(row, c)
    try:
        return parse_code(raw)
    except CellValueError:
        problems.append(CellProblem("bad_cell", label, c, raw, False))
        return normalize_text(cell_text(raw))
