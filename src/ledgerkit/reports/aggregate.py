"""Reports of consolidated rows: the xlsx a person hands to a manager, and the terminal summary.

``write_result`` picks the writer from the target's suffix: ``.xlsx`` gets the kind's
report (Summary, Detail, Issues), ``.csv``/``.json``/``-`` the rows themselves.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Iterable

from ledgerkit.core import messages
from ledgerkit.consolidate.aggregate import AggregateResult

#: number formats for the hours frame's columns in the Detail sheet
HOURS_FORMATS = {"date": "date", "hours": "hours", "source_row": "int"}


def check_by(result: AggregateResult, by: list[str]) -> None:
    """Refuse ``--by`` fields the rows do not have (an InputError naming them)."""
    from ledgerkit.core.errors import InputError

    if not by:
        raise InputError("--by needs at least one field, e.g. --by project,month")
    columns = set(map(str, result.frame.columns))
    unknown = [b for b in by if b not in columns]
    if unknown and len(result.frame.columns):
        raise InputError(f"--by: no column {', '.join(unknown)} (columns: {', '.join(map(str, result.frame.columns))})")


def write_result(result: AggregateResult, target: str, *, by: Iterable[str] = ("project", "person", "month"), lang: str = "ja") -> None:
    """Write the consolidated rows or the kind's report to ``target``.

    The inputs are never overwritten: a target that is one of the files read is refused.
    """
    from ledgerkit.reports.writers import write_frame

    inputs = [Path(f) for f in result.files]
    if target != "-" and Path(target).suffix.lower() == ".xlsx":
        writer = _kind_report_writer(result.kind)
        writer(result, target, by=list(by), lang=lang, inputs=inputs)
        return
    write_frame(result.frame, target, inputs=inputs, lang=lang)


def _kind_report_writer(kind: str):
    if kind == "hours":
        return write_hours_report
    from ledgerkit.consolidate.kinds import KINDS

    module = importlib.import_module(KINDS[kind][0])
    return getattr(module, f"write_{kind}_report", write_generic_report)


def write_hours_report(result: AggregateResult, target, *, by=("project", "person", "month"), lang="ja", inputs=()):
    """Summary (pivot by ``by`` with totals and a chart), Detail (an Excel Table), Issues."""
    from ledgerkit.hours.read import summarize_hours
    from ledgerkit.reports.writers import XlsxReport

    frame = result.frame
    # every sheet is written top to bottom, so rows can stream to disk (big Detail sheets)
    report = XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True)
    pivot = summarize_hours(frame, by=by) if len(frame) else None
    title = messages.text("report_hours_title", lang)
    if pivot is not None:
        report.add_summary(
            messages.text("sheet_summary", lang), pivot, title=title, value_format="hours", chart="column", totals=True
        )
    report.add_table(messages.text("sheet_detail", lang), frame, formats=HOURS_FORMATS)
    report.add_issues(result.issues, lang=lang)
    report.close()


def write_generic_report(result: AggregateResult, target, *, by=(), lang="ja", inputs=()):
    """Detail and Issues, for kinds without a report of their own."""
    from ledgerkit.reports.writers import XlsxReport

    report = XlsxReport(target, inputs=inputs, lang=lang, constant_memory=True)
    report.add_table(messages.text("sheet_detail", lang), result.frame)
    report.add_issues(result.issues, lang=lang)
    report.close()
