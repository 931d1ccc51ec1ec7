"""Effort hours from many workbooks, through the one intake door: :func:`read_hours`."""

from __future__ import annotations

import os
from collections.abc import Iterable

from ledgerkit.config.loading import Config
from ledgerkit.core.result import Result
from ledgerkit.hours.across_files import finish_hours
from ledgerkit.hours.frame import HOURS_COLUMNS
from ledgerkit.hours.report import write_hours
from ledgerkit.hours.sheet import read_hours_sheet
from ledgerkit.intake.door import gather, read_files


def read_hours(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read every workbook under ``paths`` and consolidate the effort hours in them.

    The same as ``ledgerkit.aggregate(paths, kind="hours")``: files, folders and globs
    through the intake door (workers, lock files, copies, own reports, hidden sheets),
    each sheet read by :func:`~ledgerkit.hours.sheet.read_hours_sheet`, then the checks
    across files (:func:`~ledgerkit.hours.across_files.finish_hours`) and the accounting.
    Unreadable files raise :class:`~ledgerkit.intake.door.UnreadableFilesError` unless
    ``skip_bad``.

    Examples:
        >>> result = read_hours("examples/hours")                       # doctest: +SKIP
        >>> result.frame.groupby("project")["hours"].sum()              # doctest: +SKIP
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=read_hours_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    return gather(intake, "hours", finish=finish_hours, columns=HOURS_COLUMNS, config=config, writer=write_hours)
