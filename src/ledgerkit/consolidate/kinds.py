"""The kinds ``aggregate`` and ``inspect`` read, each with its sheet reader, its finishing and its report.

A kind's per-sheet reader runs in the worker that read the file; its finishing runs once over
all files' rows (duplicates, cross-file checks); its writer writes the rows or the kind's
workbook. ``--kind auto`` tries the readers in :data:`AUTO_ORDER` per sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ledgerkit.attendance.sheet import ATTENDANCE_COLUMNS, read_attendance_sheet
from ledgerkit.hours import HOURS_COLUMNS, finish_hours, read_hours_sheet, write_hours
from ledgerkit.invoices.frame import INVOICE_COLUMNS
from ledgerkit.invoices.across_files import finish_invoices
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.report import write_invoices
from ledgerkit.reports.generic import detail_writer


@dataclass(frozen=True)
class Kind:
    """What ``aggregate`` needs to consolidate one kind of data."""

    name: str
    read_sheet: Callable
    finish: Callable | None
    columns: tuple[str, ...]
    writer: Callable
    #: the summary's fields when ``--by`` is not given
    by: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "hours": Kind("hours", read_hours_sheet, finish_hours, tuple(HOURS_COLUMNS), write_hours,
                  ("project", "person", "month")),
    "invoices": Kind("invoices", read_invoice_sheet, finish_invoices, tuple(INVOICE_COLUMNS), write_invoices,
                     ("vendor", "month")),
    "attendance": Kind("attendance", read_attendance_sheet, None, tuple(ATTENDANCE_COLUMNS),
                       detail_writer(), ("person", "month")),
}

#: the order ``--kind auto`` tries them in
AUTO_ORDER = ["hours", "invoices", "attendance"]
