"""The kinds of data ledgerkit consolidates, and what a per-sheet reader returns.

A kind is a pair of functions: one that reads a single sheet (run inside the worker
process that read the file) and one that runs once over all files' rows (duplicates,
cross-file checks). ``ledgerkit.consolidate.aggregate`` drives them.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from ledgerkit.core.issues import Issue

#: kind -> (module, per-sheet reader, finisher or None)
KINDS: dict[str, tuple[str, str, str | None]] = {
    "hours": ("ledgerkit.hours.read", "read_hours_sheet", "finish_hours"),
    "invoices": ("ledgerkit.invoices.read", "read_invoice_sheet", "finish_invoices"),
    "attendance": ("ledgerkit.attendance.read", "read_attendance_sheet", None),
}

#: the order ``--kind auto`` tries them in
AUTO_ORDER = ["hours", "invoices", "attendance"]


@dataclass
class SheetResult:
    """What a per-sheet reader found.

    ``rows_read`` counts the data rows seen (blank and total rows excluded), so that
    rows read = rows in ``frame`` + rows rejected in ``issues``.
    """

    frame: Any = None
    issues: list[Issue] = field(default_factory=list)
    rows_read: int = 0
    layout: str = ""
    header_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    note: str = ""

    @classmethod
    def skipped(cls, code: str, file: str, sheet: str, *, note: str = "", **params) -> "SheetResult":
        """A sheet that holds no data of this kind, with the reason as its one issue."""
        return cls(issues=[Issue(code, file, sheet, scope="sheet", params=params)], note=note or code)

    @classmethod
    def no_table(cls, file: str, sheet, *, kind: str, fields: str) -> "SheetResult":
        """The sheet is empty, or holds no table with ``fields`` (named for the person)."""
        from ledgerkit.detect.table import is_blank

        if all(is_blank(v) for row in sheet.rows for v in row):
            return cls.skipped("empty_sheet", file, sheet.name, note="empty")
        return cls.skipped("no_table", file, sheet.name, note="no table", kind=kind, fields=fields)

    def __iter__(self):
        # ``frame, issues, rows_read = reader(sheet, ...)`` works for every reader
        return iter((self.frame, self.issues, self.rows_read))

    @classmethod
    def coerce(cls, value: Any) -> "SheetResult":
        """Accept a SheetResult or a ``(frame, issues, rows_read)`` tuple."""
        if isinstance(value, SheetResult):
            return value
        frame, issues, rows_read = value
        return cls(frame=frame, issues=list(issues), rows_read=int(rows_read))


def reader_for(kind: str) -> tuple[Callable, Callable | None]:
    module_name, reader, finisher = KINDS[kind]
    module = importlib.import_module(module_name)
    return getattr(module, reader), (getattr(module, finisher) if finisher else None)
