"""``inspect``: how ledgerkit sees each workbook, sheet by sheet.

Apart from :mod:`ledgerkit.consolidate.aggregate` because it also tries other commands' sheet
readers (:mod:`ledgerkit.consolidate.other_inputs`: budget, rates, contracts), whose packages
``aggregate`` — run many times a day — has no need to import.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable

from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.consolidate.aggregate import FileReport, SheetReport, _kinds_for, _reader
from ledgerkit.consolidate.other_inputs import InspectReader
from ledgerkit.intake.door import read_files
from ledgerkit.kinds.declared import KindSpec

__all__ = ["inspect"]


def inspect(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    kind: str | dict | KindSpec = "auto",
    *,
    config: Config | None = None,
    include_hidden: bool = True,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileReport]:
    """How ledgerkit sees each workbook: per sheet its visibility, kind, layout, header
    row, column mapping, data rows and what it skipped. Never raises for a bad file:
    the file's report carries the error."""
    config = config_or_found(config)
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    kinds = _kinds_for(kind, config)
    # a sheet no kind holds may be another command's input (a 単価表 for budget --rates): said so
    intake = read_files(paths, config, reader=InspectReader(_reader(kinds)), include_hidden=include_hidden,
                        jobs=jobs, progress=progress, keep_errors=True, while_waiting=None)
    reports = [FileReport(i.file, skipped=i) for i in intake.skipped]
    for f in intake.files:
        if f.error is not None:
            reports.append(FileReport(f.path, error=f.error))
            continue
        sheets = []
        for sheet in f.sheets:
            report = SheetReport(sheet.name, sheet.visible, rows=sheet.rows)
            sheets.append(report)
            r = sheet.result
            if r is None:
                report.issues.append(sheet.hidden)
                continue
            report.layout, report.header_row = r.layout, r.header_row
            report.issues.extend(r.issues)
            if r.has_frame:
                report.kind, report.mapping, report.rows_read = r.kind, r.mapping, r.rows_read
        reports.append(FileReport(f.path, f.format, sheets))
    return reports
