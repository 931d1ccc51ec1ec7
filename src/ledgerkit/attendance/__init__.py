"""Attendance sheets (勤務表): clock times or hours per day, one sheet per person and month.

:func:`read_attendance_sheet` reads one sheet (the per-sheet reader of ``ledgerkit aggregate
--kind attendance``); :func:`read_attendance_files` reads workbooks through the intake door
(a :class:`~ledgerkit.core.result.Result`); :func:`read_attendance` reads them one at a time
(``(frame, issues)``).
"""

from ledgerkit.attendance.cells import (
    parse_clock,
    parse_day,
    parse_duration,
    person_key,
    split_person,
)
from ledgerkit.attendance.sheet import (
    ATTENDANCE_COLUMNS,
    COLUMNS,
    read_attendance_sheet,
)
from ledgerkit.attendance.workbooks import read_attendance, read_attendance_files

__all__ = [
    "ATTENDANCE_COLUMNS", "COLUMNS", "parse_clock", "parse_day", "parse_duration", "person_key",
    "read_attendance", "read_attendance_files", "read_attendance_sheet", "split_person",
]
