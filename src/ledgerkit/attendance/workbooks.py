"""Attendance from many workbooks: :func:`read_attendance` and :func:`read_attendance_files`."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ledgerkit.attendance.sheet import (
    ATTENDANCE_COLUMNS,
    _empty_frame,
    read_attendance_sheet,
)
from ledgerkit.config.loading import Config
from ledgerkit.core.result import Result
from ledgerkit.intake.door import gather, iter_sheets, read_files


def read_attendance(paths, *, config=None):
    """Read attendance workbooks: every visible sheet of every file, one frame.

    A convenience for Python callers; ``ledgerkit aggregate --kind attendance`` and
    ``ledgerkit settle`` read through the intake door instead (:func:`read_attendance_files`).
    Returns ``(frame, issues)``.
    """
    import pandas as pd

    frames, issues = [], []
    for file, sheet in iter_sheets([paths] if isinstance(paths, (str, os.PathLike)) else paths, config, issues=issues):
        frame, found, _ = read_attendance_sheet(sheet, file=file, config=config)
        if frame is not None:
            frames.append(frame)
        issues.extend(found)
    frames = [f for f in frames if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
    return frame, issues


def read_attendance_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read every workbook under ``paths`` through the intake door and consolidate the attendance.

    The same as ``ledgerkit.aggregate(paths, kind="attendance")``: files, folders and
    globs read in workers (lock files, copies, own reports and hidden sheets listed, not
    read), each sheet by :func:`~ledgerkit.attendance.sheet.read_attendance_sheet`, and the
    accounting. Unreadable files raise :class:`~ledgerkit.intake.door.UnreadableFilesError`
    unless ``skip_bad``.

    Examples:
        >>> result = read_attendance_files("examples/attendance/勤務表")     # doctest: +SKIP
        >>> result.frame.groupby("person")["hours"].sum()                   # doctest: +SKIP
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_attendance_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    return gather(intake, "attendance", columns=ATTENDANCE_COLUMNS, config=config)
