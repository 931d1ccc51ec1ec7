"""The hours report: Summary (pivot by ``by`` with totals and a chart), Detail, Issues."""

from __future__ import annotations

from typing import Any

from ledgerkit.core import messages
from ledgerkit.hours.summary import summarize_hours
from ledgerkit.reports.generic import write_rows_or
from ledgerkit.reports.xlsx_report import XlsxReport

#: the summary's fields when none are given
DEFAULT_BY = ("project", "person", "month")
#: number formats for the hours frame's columns in the Detail sheet
HOURS_FORMATS = {"date": "date", "hours": "hours", "source_row": "int"}


def write_hours(result, target, *, lang: str = "ja", inputs=(), by=DEFAULT_BY, **_options: Any) -> None:
    """The writer of an hours Result: the rows to CSV/JSON, the report to xlsx."""
    write_rows_or(result, target, write_hours_report, lang=lang, inputs=inputs, by=by)


def write_hours_report(result, target, *, by=DEFAULT_BY, lang: str = "ja", inputs=()) -> None:
    """Summary (pivot by ``by`` with totals and a chart), Detail (an Excel Table), Issues."""
    frame = result.frame
    # every sheet is written top to bottom, so rows can stream to disk (big Detail sheets)
    report = XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True)
    pivot = summarize_hours(frame, by=list(by)) if len(frame) else None
    title = messages.text("report_hours_title", lang)
    if pivot is not None:
        report.add_summary(
            messages.text("sheet_summary", lang), pivot, title=title, value_format="hours", chart="column", totals=True
        )
    report.add_table(messages.text("sheet_detail", lang), frame, formats=HOURS_FORMATS)
    report.add_issues(result.issues, lang=lang)
    report.close()
