"""A result written as its command writes it: the rows to CSV/JSON, or a workbook to xlsx.

Every pipeline's :class:`~ledgerkit.core.result.Result` carries a writer; the writers of
kinds without a workbook layout of their own, and the choice between rows and workbook by
the target's suffix, are here.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Iterable

from ledgerkit.core import messages
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.xlsx_report import XlsxReport


def is_workbook(target: str | os.PathLike) -> bool:
    """Whether ``target`` names an xlsx report (``-`` and ``.csv``/``.json`` are the rows themselves)."""
    text = os.fspath(target)
    return text != "-" and Path(text).suffix.lower() == ".xlsx"


def write_rows_or(
    result,
    target: str | os.PathLike,
    workbook: Callable[..., None] | None = None,
    *,
    lang: str = "ja",
    inputs: Iterable[str | os.PathLike] = (),
    **options: Any,
) -> None:
    """``.xlsx`` → ``workbook(result, target, lang=…, inputs=…, **options)`` (Detail and Issues when
    there is none); anything else → the rows (:func:`~ledgerkit.reports.frames.write_frame`)."""
    inputs = [Path(f) for f in inputs]
    if is_workbook(target):
        (workbook or write_detail_report)(result, target, lang=lang, inputs=inputs, **options)
        return
    write_frame(result.frame, target, inputs=inputs, lang=lang)


def write_detail_report(result, target, *, lang: str = "ja", inputs=(), formats=None, **_options: Any) -> None:
    """Detail (the rows, an Excel Table) and Issues, for kinds without a report of their own."""
    with XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True) as report:
        report.add_table(messages.text("sheet_detail", lang), result.frame, formats=formats)
        report.add_issues(result.issues, lang=lang)


def detail_writer(formats: dict[str, str] | None = None) -> Callable[..., None]:
    """A Result writer: the rows, or Detail and Issues in xlsx."""
    return _DetailWriter(formats or {})


class _DetailWriter:
    def __init__(self, formats: dict[str, str]):
        self.formats = formats

    def __call__(self, result, target, *, lang: str = "ja", inputs=(), **options: Any) -> None:
        write_rows_or(result, target, write_detail_report, lang=lang, inputs=inputs, formats=self.formats)
