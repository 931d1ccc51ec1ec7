# temporary shim (issue 12 merge): re-exports the hours reader from ledgerkit.hours.{sheet,across_files,summary,frame}
"""Effort hours (工数): the old module path; the code lives in the modules of :mod:`ledgerkit.hours`."""

from ledgerkit.hours.across_files import finish_hours
from ledgerkit.hours.frame import HOURS_COLUMNS
from ledgerkit.hours.sheet import read_hours_sheet
from ledgerkit.hours.summary import summarize_hours
from ledgerkit.hours.workbooks import read_hours

__all__ = ["HOURS_COLUMNS", "finish_hours", "read_hours", "read_hours_sheet", "summarize_hours"]
