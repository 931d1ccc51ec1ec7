"""The hours report: Summary (pivot by ``by`` with totals and a chart), Detail, Issues.

On paper: the Summary's title names the period and how many files were read; a
combination with no hours shows ``-``; the Detail sheet's pages carry the same title at
the top (its first row stays the table's header, which ``ledgerkit record`` reads back)
and repeat the header row; every heading is in the report's language.
"""

from __future__ import annotations

from typing import Any

from ledgerkit.core import messages
from ledgerkit.hours.summary import summarize_hours
from ledgerkit.reports.generic import write_rows_or
from ledgerkit.reports.labels import month_label
from ledgerkit.reports.shown import period_title
from ledgerkit.reports.xlsx_report import XlsxReport

#: the summary's fields when none are given
DEFAULT_BY = ("project", "person", "month")
#: number formats for the hours frame's columns in the Detail sheet
HOURS_FORMATS = {"date": "date", "hours": "hours", "source_row": "rowno", "month": "text", "person_id": "text"}


def write_hours(result, target, *, lang: str = "ja", inputs=(), by=DEFAULT_BY, overwrite: bool = False,
                **_options: Any) -> None:
    """The writer of an hours Result: the rows to CSV/JSON, the report to xlsx."""
    write_rows_or(result, target, write_hours_report, lang=lang, inputs=inputs, by=by, overwrite=overwrite)


def write_hours_report(result, target, *, by=DEFAULT_BY, lang: str = "ja", inputs=(), overwrite: bool = False) -> None:
    """Summary (pivot by ``by`` with totals and a chart), Detail (an Excel Table), Issues."""
    frame = result.frame
    # every sheet is written top to bottom, so rows can stream to disk (big Detail sheets)
    report = XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True, overwrite=overwrite)
    pivot = summarize_hours(frame, by=list(by)) if len(frame) else None
    title = period_title(result, messages.text("report_hours_title", lang), lang)
    if pivot is not None:
        if list(by)[-1:] == ["month"]:
            # the months across, as a person writes them
            pivot = pivot.rename(columns={c: month_label(c, lang) for c in pivot.columns})
        report.add_summary(
            messages.text("sheet_summary", lang), pivot, title=title, value_format="hours", chart="column", totals=True
        )
    detail = messages.text("sheet_detail", lang)
    report.add_table(detail, frame, formats={k: v for k, v in HOURS_FORMATS.items() if k in frame.columns})
    report.page_heading(detail, period_title(result, messages.text("report_hours_detail_title", lang), lang))
    report.add_issues(result.issues, lang=lang)
    report.close()
