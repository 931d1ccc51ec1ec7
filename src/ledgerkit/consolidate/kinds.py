"""The kinds of data ledgerkit consolidates, and what a per-sheet reader returns.

A kind is a pair of functions: one that reads a single sheet (run inside the worker
process that read the file) and one that runs once over all files' rows (duplicates,
cross-file checks). ``ledgerkit.consolidate.aggregate`` drives them.
"""

from __future__ import annotations

import importlib
from typing import Callable

from ledgerkit.core.result import SheetResult  # noqa: F401 (re-exported for the readers)

#: kind -> (module, per-sheet reader, finisher or None)
KINDS: dict[str, tuple[str, str, str | None]] = {
    "hours": ("ledgerkit.hours.read", "read_hours_sheet", "finish_hours"),
    "invoices": ("ledgerkit.invoices.read", "read_invoice_sheet", "finish_invoices"),
    "attendance": ("ledgerkit.attendance.read", "read_attendance_sheet", None),
}

#: the order ``--kind auto`` tries them in
AUTO_ORDER = ["hours", "invoices", "attendance"]


def reader_for(kind: str) -> tuple[Callable, Callable | None]:
    module_name, reader, finisher = KINDS[kind]
    module = importlib.import_module(module_name)
    return getattr(module, reader), (getattr(module, finisher) if finisher else None)
