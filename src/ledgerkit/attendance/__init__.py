"""Attendance sheets (勤務表): clock times or hours per day, one sheet per person and month.

:func:`read_attendance_sheet` reads one sheet (the per-sheet reader of ``ledgerkit aggregate
--kind attendance``, run in the intake's worker); :func:`read_attendance` reads workbooks,
folders and globs through the intake door into a :class:`~ledgerkit.core.result.Result`.
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
from ledgerkit.attendance.workbooks import read_attendance

__all__ = [
    "ATTENDANCE_COLUMNS", "COLUMNS", "parse_clock", "parse_day", "parse_duration", "person_key",
    "read_attendance", "read_attendance_sheet", "split_person",
]
