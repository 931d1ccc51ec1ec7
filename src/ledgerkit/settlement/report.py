"""The settlement report: :func:`write_settlement`."""

from __future__ import annotations

import os
from pathlib import Path

from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.settlement.columns import CHECK_LABELS

#: report headings of the settlement columns, (Japanese, English)
SETTLEMENT_HEADINGS: dict[str, tuple[str, str]] = {
    "person": ("氏名", "Person"),
    "person_id": ("社員番号", "ID"),
    "vendor": ("取引先", "Vendor"),
    "month": ("年月", "Month"),
    "days": ("稼働日数", "Days"),
    "hours_worked": ("実稼働時間", "Hours worked"),
    "hours": ("精算時間", "Hours settled"),
    "lower": ("下限", "Lower"),
    "upper": ("上限", "Upper"),
    "method": ("精算方法", "Method"),
    "fee": ("月額単価", "Monthly fee"),
    "prorate": ("日割り", "Prorated"),
    "rate": ("精算単価", "Hourly rate"),
    "adjustment": ("控除・超過額", "Adjustment"),
    "amount": ("精算額(税抜)", "Amount (excl. tax)"),
    "tax": ("消費税", "Tax"),
    "total": ("税込合計", "Total"),
    "invoice_no": ("請求書番号", "Invoice no."),
    "billed": ("請求額(税抜)", "Billed (excl. tax)"),
    "difference": ("差額", "Difference"),
    "check": ("照合", "Check"),
}
_SETTLEMENT_FORMATS = {
    "days": "int", "hours_worked": "hours", "hours": "hours", "lower": "hours", "upper": "hours",
    "fee": "yen", "rate": "hours", "adjustment": "yen", "amount": "yen", "tax": "yen", "total": "yen",
    "billed": "yen", "difference": "yen",
}


def write_settlement(result, target, *, lang: str = "ja", inputs=(), **_options) -> None:
    """Write a settlement (the Result of :func:`~ledgerkit.settlement.months.settle`): ``.xlsx`` as a
    report (精算 sheet, differences marked, Issues), ``.csv`` / ``.json`` / ``-`` as the rows
    (machine-readable column names). ``result.write(target)`` calls this."""
    frame, findings = result.frame, result.issues
    inputs = list(inputs) or result.files
    if os.fspath(target) != "-" and Path(target).suffix.lower() == ".xlsx":
        headings = {c: SETTLEMENT_HEADINGS[c][0 if lang == "ja" else 1] for c in frame.columns if c in SETTLEMENT_HEADINGS}
        name = "精算" if lang == "ja" else "Settlement"
        with XlsxReport(target, inputs=inputs, lang=lang) as report:
            if "check" in frame.columns:
                for pos, status in enumerate(frame["check"]):
                    if status is not None and status not in CHECK_LABELS["ok"]:
                        column = "difference" if status in CHECK_LABELS["diff"] else "check"
                        report.highlight(name, pos, column, "error")
            report.add_table(name, frame, formats=_SETTLEMENT_FORMATS, headings=headings)
            report.add_issues(findings, lang=lang)
        return
    write_frame(frame, target, inputs=inputs, lang=lang)
