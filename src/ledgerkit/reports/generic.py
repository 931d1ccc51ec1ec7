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
from ledgerkit.reports.labels import month_label
from ledgerkit.reports.shown import period_title, row_months
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
    overwrite: bool = False,
    **options: Any,
) -> None:
    """``.xlsx`` → ``workbook(result, target, lang=…, inputs=…, **options)`` (Detail and Issues when
    there is none); anything else → the rows (:func:`~ledgerkit.reports.frames.write_frame`)."""
    inputs = [Path(f) for f in inputs]
    if is_workbook(target):
        (workbook or write_detail_report)(result, target, lang=lang, inputs=inputs, overwrite=overwrite, **options)
        return
    write_frame(result.frame, target, inputs=inputs, lang=lang, overwrite=overwrite)


def write_detail_report(result, target, *, lang: str = "ja", inputs=(), formats=None, by=None,
                        overwrite: bool = False, **_options: Any) -> None:
    """Summary (hours by ``by``, the last field across, when the rows have hours), Detail
    (the rows, an Excel Table) and Issues, for kinds without a report of their own. The
    titles name the period and the files read."""
    frame = result.frame
    kind = getattr(result, "kind", "")
    with XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True, overwrite=overwrite) as report:
        # the kind's own summary fields (result.meta["by"]) when the caller names none, as the CLI does
        pivot = _hours_pivot(frame, list(by if by is not None else (result.meta or {}).get("by", ())), lang)
        if pivot is not None:
            report.add_summary(messages.text("sheet_summary", lang), pivot, value_format="hours", chart="column",
                               title=period_title(result, messages.text(f"report_{kind}_title", lang), lang))
        detail = messages.text("sheet_detail", lang)
        report.add_table(detail, frame, formats=formats)
        if messages.text(f"report_{kind}_detail_title", lang) != f"report_{kind}_detail_title":
            report.page_heading(detail, period_title(result, messages.text(f"report_{kind}_detail_title", lang), lang))
        report.add_issues(result.issues, lang=lang)


def _hours_pivot(frame, by: list, lang: str):
    """Hours summed by ``by`` (the last field across), or None when the rows cannot give it."""
    if "month" in by and "month" not in frame.columns and "date" in frame.columns and len(frame):
        # rows by day (attendance): each row's month from its date, or its closing period's
        frame = frame.assign(month=row_months(frame))
    if not by or not len(frame) or "hours" not in frame.columns or any(b not in frame.columns for b in by):
        return None
    if len(by) == 1:
        return frame.groupby(by, sort=True)["hours"].sum().to_frame("hours")
    pivot = frame.pivot_table(index=by[:-1], columns=by[-1], values="hours", aggfunc="sum", fill_value=0.0, sort=True)
    pivot.columns = [month_label(c, lang) if by[-1] == "month" else str(c) for c in pivot.columns]
    return pivot


def detail_writer(formats: dict[str, str] | None = None) -> Callable[..., None]:
    """A Result writer: the rows, or Detail and Issues in xlsx."""
    return _DetailWriter(formats or {})


class _DetailWriter:
    def __init__(self, formats: dict[str, str]):
        self.formats = formats

    def __call__(self, result, target, *, lang: str = "ja", inputs=(), by=None, overwrite: bool = False,
                 **options: Any) -> None:
        write_rows_or(result, target, write_detail_report, lang=lang, inputs=inputs, formats=self.formats, by=by,
                      overwrite=overwrite)
