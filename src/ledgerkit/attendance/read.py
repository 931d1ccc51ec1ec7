# temporary shim (issue 12 merge): re-exports the attendance reader from ledgerkit.attendance.{sheet,cells,layout,periods,workbooks}
"""Attendance sheets (勤務表): the old module path; the code lives in the modules of :mod:`ledgerkit.attendance`."""

from ledgerkit.attendance.cells import (
    parse_clock,
    parse_day,
    parse_duration,
    person_key,
    split_person,
)
from ledgerkit.attendance.layout import Layout, detect_attendance
from ledgerkit.attendance.periods import year_month_in
from ledgerkit.attendance.sheet import (
    ATTENDANCE_COLUMNS,
    COLUMNS,
    KIND_LABEL,
    read_attendance_sheet,
)
from ledgerkit.attendance.workbooks import read_attendance, read_attendance_files

__all__ = [
    "ATTENDANCE_COLUMNS", "COLUMNS", "KIND_LABEL", "Layout", "detect_attendance", "parse_clock", "parse_day",
    "parse_duration", "person_key", "read_attendance", "read_attendance_files", "read_attendance_sheet",
    "split_person", "year_month_in",
]
