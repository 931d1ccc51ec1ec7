"""The ``aggregate --kind invoices`` workbook, and the headings and formats of invoice columns."""

from __future__ import annotations

from ledgerkit.core import messages
from ledgerkit.invoices.summaries import pivot_invoices, summarize_invoices
from ledgerkit.reports.generic import write_rows_or
from ledgerkit.reports.labels import month_label
from ledgerkit.reports.shown import period_title
from ledgerkit.reports.xlsx_report import XlsxReport

__all__ = ["INVOICE_FORMATS", "INVOICE_HEADINGS", "write_invoices", "write_invoices_report"]

#: number formats of the invoice frame's columns in reports
INVOICE_FORMATS = {
    "issue_date": "date", "due_date": "date", "received_date": "date", "paid_date": "date",
    "net": "yen", "tax": "yen", "total": "yen", "invoice_total": "yen", "withholding": "yen", "payment": "yen",
    "tax_rate": "percent", "source_row": "rowno", "invoice_no": "text", "registration_no": "text", "po_no": "text",
    "project": "text",
}

#: headings of the invoice columns not in writers.HEADINGS_* (or named otherwise there)
INVOICE_HEADINGS = {
    "ja": {
        "source_file": "元ファイル", "source_sheet": "元シート", "source_row": "元行", "invoice_no": "請求書番号",
        "issue_date": "発行日", "vendor_key": "取引先キー", "po_no": "注文番号", "invoice_total": "請求書合計(税込)",
        "invoice_key": "請求書キー", "total": "税込金額", "received_date": "受領日", "subject": "件名", "paid_date": "支払日",
        "withholding": "源泉税", "payment": "差引支払額", "vendor_code": "取引先コード", "person": "対象者",
    },
    "en": {
        "source_file": "Source file", "source_sheet": "Source sheet", "source_row": "Source row",
        "invoice_no": "Invoice no.", "issue_date": "Issue date", "vendor_key": "Vendor key", "po_no": "PO no.",
        "invoice_total": "Invoice total", "invoice_key": "Invoice key", "total": "Total", "received_date": "Received",
        "subject": "Subject", "paid_date": "Paid on", "withholding": "Withholding", "payment": "Net payment",
        "vendor_code": "Vendor code", "person": "Billed for",
    },
}


def write_invoices(result, target, *, lang: str = "ja", inputs=(), by=(), overwrite: bool = False, **_options) -> None:
    """An invoices Result as ``aggregate --kind invoices`` writes it: ``.xlsx`` → :func:`write_invoices_report`,
    ``.csv`` / ``.json`` / ``-`` → the rows."""
    write_rows_or(result, target, write_invoices_report, lang=lang, inputs=inputs, by=by, overwrite=overwrite)


def write_invoices_report(result, target, *, by=(), lang: str = "ja", inputs=(), overwrite: bool = False) -> None:
    """The ``aggregate --kind invoices`` workbook: by vendor × month, by project × month,
    vendor totals, the rows (Detail) and Issues. Amounts are tax-included unless named 税抜."""
    frame = result.frame
    en = lang == "en"
    heads = INVOICE_HEADINGS["en" if en else "ja"]
    # a list of 税抜 amounts only has no tax-included figure to sum: its pivots show 税抜
    value = "net" if len(frame) and frame["total"].isna().all() and frame["net"].notna().any() else "total"
    with XlsxReport(target, inputs=inputs, lang=lang, constant_memory=len(frame) > 100_000,
                    overwrite=overwrite) as report:
        if len(frame):
            _add_summaries(report, frame, value, heads, en, _period(result, lang))
        shown = frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])
        # the keys the invoices were matched on are for a machine: last, after the place
        keys = [c for c in ("vendor_key", "invoice_key") if c in shown.columns]
        shown = shown[[c for c in shown.columns if c not in keys] + keys]
        detail = messages.text("sheet_detail", lang)
        report.add_table(detail, shown,
                         formats={k: v for k, v in INVOICE_FORMATS.items() if k in shown.columns},
                         headings={c: heads[c] for c in shown.columns if c in heads})
        report.page_heading(detail, period_title(result, messages.text("report_invoices_detail_title", lang), lang))
        report.add_issues(result.issues, lang=lang)


def _period(result, lang: str) -> str:
    """`` 2026年9月〜2026年11月 (ファイル 2 件)``: the months and files, for the summaries' titles."""
    return period_title(result, "", lang)


def _by_month(pivot, lang: str):
    """The months across, as a person writes them."""
    return pivot.rename(columns={c: month_label(c, lang) for c in pivot.columns})


def _add_summaries(report, frame, value: str, heads: dict, en: bool, period: str) -> None:
    """By vendor × month, by project × month (with charts), and the vendor totals."""
    basis = ("税抜" if value == "net" else "税込") if not en else ("excl. tax" if value == "net" else "incl. tax")
    lang = "en" if en else "ja"
    report.add_summary(
        "取引先別" if not en else "By vendor",
        _by_month(pivot_invoices(frame, "vendor", value), lang),
        index=["vendor"],
        title=(f"取引先別・月別 請求額 ({basis})" if not en else f"Invoiced by vendor and month ({basis})") + period,
        value_format="yen",
        chart="bar",
    )
    report.add_summary(
        "案件別" if not en else "By project",
        _by_month(pivot_invoices(frame, "project", value), lang),
        index=["project"],
        title=(f"案件別・月別 請求額 ({basis})" if not en else f"Invoiced by project and month ({basis})") + period,
        value_format="yen",
        chart="column",
    )
    vendors = summarize_invoices(frame)["by_vendor"]
    report.add_table(
        "取引先別合計" if not en else "Vendor totals",
        vendors,
        formats={"net": "yen", "tax": "yen", "total": "yen", "invoices": "int", "registration_no": "text"},
        headings={"invoices": "件数" if not en else "Invoices", "total": heads["total"]},
        title=("取引先別 合計" if not en else "Totals by vendor") + period,
    )
