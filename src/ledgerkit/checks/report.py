"""The findings report: ``.json`` / ``.csv`` / ``-``, or an ``.xlsx`` with the checked rows coloured."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ledgerkit.core.issues import Issue
from ledgerkit.invoices.report import INVOICE_HEADINGS
from ledgerkit.orders.columns import ORDER_HEADINGS
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.reports.frames import write_frame
from ledgerkit.rules.figures import is_na

__all__ = ["HEADINGS", "write_findings"]

#: headings of the findings columns not in writers.HEADINGS_*
FINDING_HEADINGS = {
    "ja": {"rule": "ルール", "severity": "重要度", "message": "内容", "column": "列", "value": "値",
           "expected": "正しい値", "field": "項目"},
    "en": {"rule": "Rule", "severity": "Severity", "message": "Message", "column": "Column", "value": "Value",
           "expected": "Expected", "field": "Field"},
}

#: headings of the findings, invoice and order columns not in writers.HEADINGS_*
HEADINGS = {lang: {**FINDING_HEADINGS[lang], **INVOICE_HEADINGS[lang], **ORDER_HEADINGS[lang]} for lang in ("ja", "en")}


def write_findings(
    findings,
    target: str,
    *,
    rows=None,
    rows_sheet: str | None = None,
    issues: Iterable[Issue] = (),
    inputs: Iterable[str | Path] = (),
    lang: str = "ja",
) -> None:
    """Write findings to ``.json`` / ``.csv`` / ``-`` or an ``.xlsx`` report.

    The xlsx report has the findings (rows coloured by severity), then the checked
    ``rows`` (invoices or order lines) with each offending cell coloured — red for
    errors, yellow for warnings — and the reading issues.
    """
    heads = HEADINGS["en" if lang == "en" else "ja"]
    suffix = Path(str(target)).suffix.lower()
    if str(target) == "-" or suffix != ".xlsx":
        write_frame(findings, target, inputs=inputs, lang=lang)
        return
    with XlsxReport(target, inputs=inputs, lang=lang) as report:
        fsheet = "指摘" if lang != "en" else "Findings"
        for i, sev in enumerate(findings["severity"].tolist()):
            if sev in ("error", "warning"):
                report.highlight(fsheet, i, "severity", sev)
                report.highlight(fsheet, i, "message", sev)
        # for a person: what and how bad first, then where; the rule code last
        order = ["severity", "message", "source_file", "source_sheet", "source_row", "column", "invoice_no",
                 "value", "expected", "rule"]
        shown = findings[order].copy()
        words = {"error": ("エラー", "error"), "warning": ("警告", "warning")}
        shown["severity"] = [words.get(v, (v, v))[1 if lang == "en" else 0] for v in shown["severity"]]
        report.add_table(fsheet, shown, headings={c: heads.get(c, c) for c in shown.columns},
                         formats={"source_row": "rowno", "value": "text", "expected": "text"})
        if rows is not None and len(rows):
            _add_rows(report, findings, rows, rows_sheet or ("請求書" if lang != "en" else "Invoices"), heads)
        report.add_issues(list(issues), lang)


def _add_rows(report, findings, rows, name: str, heads: dict) -> None:
    """The checked rows, each cell a finding is about coloured by its worst severity."""
    data = rows.drop(columns=[c for c in rows.columns if str(c).startswith("_")]).reset_index(drop=True)
    where: dict[tuple, list[int]] = {}
    for i, (f, s, r) in enumerate(zip(data["source_file"], data["source_sheet"], data["source_row"])):
        where.setdefault((str(f), str(s), int(r)), []).append(i)
    rank = {"warning": 1, "error": 2}
    marks: dict[tuple[int, str], str] = {}
    for f, s, r, field, sev in zip(findings["source_file"], findings["source_sheet"], findings["source_row"],
                                   findings["field"], findings["severity"]):
        if is_na(r):
            continue
        column = field if field in data.columns else ("invoice_no" if "invoice_no" in data.columns else "po_no")
        for i in where.get((str(f), str(s), int(r)), []):
            if rank.get(sev, 0) > rank.get(marks.get((i, column), ""), 0):
                marks[(i, column)] = sev
    for (i, column), sev in marks.items():
        report.highlight(name, i, column, sev)
    report.add_table(name, data, headings={c: heads.get(c) or None for c in data.columns if heads.get(c)})
