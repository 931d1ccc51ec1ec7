"""Attendance from many workbooks, through the one intake door: :func:`read_attendance`."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ledgerkit.attendance.sheet import ATTENDANCE_COLUMNS, read_attendance_sheet
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core.result import Result
from ledgerkit.intake.door import gather, read_files
from ledgerkit.reports.generic import detail_writer


def read_attendance(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read every workbook under ``paths`` and consolidate the attendance: one row per worked day.

    The same as ``ledgerkit.aggregate(paths, kind="attendance")``: files, folders and
    globs read in workers (lock files, copies, ledgerkit's own reports and hidden sheets
    listed, not read), each sheet by :func:`~ledgerkit.attendance.sheet.read_attendance_sheet`
    in the worker, and the accounting. Unreadable files raise
    :class:`~ledgerkit.intake.door.UnreadableFilesError` unless ``skip_bad``.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``attendance``
    (``frame, issues = read_attendance(...)`` works too); ``result.write("days.xlsx")``
    writes the rows and the Issues sheet, as ``ledgerkit aggregate --kind attendance`` does.

    Examples:
        >>> result = read_attendance("examples/attendance/勤務表")          # doctest: +SKIP
        >>> result.frame.groupby("person")["hours"].sum()                   # doctest: +SKIP
    """
    config = config_or_found(config)
    intake = read_files(paths, config, reader=read_attendance_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    return gather(intake, "attendance", columns=ATTENDANCE_COLUMNS, config=config, writer=detail_writer())
