"""Effort hours (工数): long tables, day grids, dates down with projects across, and WBS month lists.

:func:`read_hours` reads workbooks through the intake door; :func:`read_hours_sheet` reads
one sheet (the per-sheet reader of ``ledgerkit aggregate --kind hours``),
:func:`finish_hours` runs the checks across files, :func:`summarize_hours` totals them.
"""

from ledgerkit.hours.across_files import finish_hours
from ledgerkit.hours.frame import HOURS_COLUMNS
from ledgerkit.hours.report import write_hours, write_hours_report
from ledgerkit.hours.sheet import read_hours_sheet
from ledgerkit.hours.summary import summarize_hours
from ledgerkit.hours.workbooks import read_hours

__all__ = ["HOURS_COLUMNS", "finish_hours", "read_hours", "read_hours_sheet", "summarize_hours", "write_hours",
           "write_hours_report"]
