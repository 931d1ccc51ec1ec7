"""The report of a declared list: Summary (a pivot per value field on ``by``), Detail, Issues.

``.csv``, ``.json`` and ``-`` get the rows themselves (field names as columns); ``.xlsx`` gets
the workbook: each summary a pivot with totals and a chart, titled with the kind's label;
Detail every row with its source file, sheet and row, headed with the fields' Japanese
labels and formatted by type (¥ amounts, dates); Issues every rejected row and cell. Printed on
A4 landscape, one page wide, with the heading row of Detail and Issues on every page.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Sequence

from ledgerkit.core import messages
from ledgerkit.kinds.declared import KindSpec
from ledgerkit.lists.frame import list_formats
from ledgerkit.lists.summary import summarize_list, summary_format
from ledgerkit.reports.generic import write_rows_or
from ledgerkit.reports.labels import month_label
from ledgerkit.reports.shown import period_title
from ledgerkit.reports.xlsx_report import XlsxReport

__all__ = ["ListWriter", "write_list_report", "list_headings"]


def list_headings(spec: KindSpec, lang: str = "ja") -> dict[str, str]:
    """Column → heading: the fields' labels (their names in English), the provenance columns' headings."""
    return {f.name: f.heading(lang) for f in spec.fields}


@dataclass(frozen=True)
class ListWriter:
    """A Result writer for a declared kind: the rows, or the workbook for ``.xlsx``."""

    spec: KindSpec

    def __call__(self, result, target, *, lang: str = "ja", inputs=(), by: Sequence[str] | None = None,
                 overwrite: bool = False, **_options: Any) -> None:
        write_rows_or(result, target, write_list_report, lang=lang, inputs=inputs, spec=self.spec,
                      by=list(by) if by else list(self.spec.by), overwrite=overwrite)


def write_list_report(result, target, *, spec: KindSpec, by: Sequence[str], lang: str = "ja", inputs=(),
                      overwrite: bool = False) -> None:
    """Summary sheets (one per value field, the first named 集計/Summary), Detail and Issues."""
    frame = result.frame
    headings = list_headings(spec, lang)
    summary = messages.text("sheet_summary", lang)
    # the titles say which months (the kind's month field) and how many files
    month = next((f.name for f in spec.fields if f.type == "month"), "month")
    with XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True, overwrite=overwrite) as report:
        if len(frame):
            values = list(spec.summed(by)) or [None]
            for i, value in enumerate(values):
                pivot = summarize_list(frame, spec, by, value, lang=lang).reset_index()
                if len(by) > 1 and by[-1] == month:
                    # the months across, as a person writes them (2026年10月), as in the hours report
                    pivot = pivot.rename(columns={c: month_label(c, lang) for c in pivot.columns if c not in by})
                what = headings.get(value, messages.text("list_count", lang)) if value else messages.text("list_count", lang)
                name = summary if i == 0 else f"{summary} ({what})"
                title = spec.title(lang) if len(values) == 1 else f"{spec.title(lang)} — {what}"
                title = period_title(result, title, lang, column=month)
                down = list(by[:-1]) if len(by) > 1 else list(by)
                report.add_summary(name, pivot, index=down, title=title, value_format=summary_format(spec, value),
                                   chart="column", totals=True, headings={**headings, value: what} if value else headings)
        detail = report.add_table(messages.text("sheet_detail", lang), frame, formats=list_formats(spec),
                                  headings=headings)
        report.page_heading(detail.worksheet.name, period_title(
            result, f"{spec.title(lang)} {messages.text('sheet_detail', lang)}", lang, column=month))
        issues = report.add_issues(result.issues, lang=lang)
        # a Detail or Issues list longer than a page: its heading printed again on every page
        for ref in (detail, issues):
            ref.worksheet.repeat_rows(ref.header_row)
