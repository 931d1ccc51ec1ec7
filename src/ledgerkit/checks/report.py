"""The findings report: ``.json`` / ``.csv`` / ``-``, or an ``.xlsx`` a person works from.

The workbook, in the report's language (Japanese by default):

1. **指摘一覧** (Findings) — what a person takes up with each vendor, printed on A4
   landscape: one row per finding with 重要度, 取引先, 請求書番号 (注文番号), 場所 (file /
   sheet / row as plain text), 内容 (wrapped), 記載値 and 正しい値 (yen and dates as
   such), and the rule's name in words; errors red, warnings yellow;
2. **指摘データ** (Findings data) — the same findings for a machine: rule codes, severity
   codes, the place in columns, the canonical field, the document and vendor keys;
3. **取引先別** (By vendor) — per vendor the findings by severity and the documents they
   are about, with totals, so that each vendor can be sent their list;
4. the rows checked (請求書 / 注文), each offending cell coloured by its worst finding;
5. **問題一覧** (Issues) — what the readers said, with the check's severity (a duplicate
   invoice is an error on every sheet).
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Iterable

from ledgerkit.checks.findings import checked_issues
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.invoices.report import INVOICE_FORMATS, INVOICE_HEADINGS
from ledgerkit.orders.columns import ORDER_DATES, ORDER_HEADINGS, ORDER_MONEY
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.labels import SEVERITY_LABELS, _pick, heading
from ledgerkit.reports.shown import place_text, shown_expected, shown_figure
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.rules.figures import is_na

__all__ = ["HEADINGS", "RULE_NAMES", "rule_name", "write_findings"]

#: headings of the findings columns not in writers.HEADINGS_*
FINDING_HEADINGS = {
    "ja": {"rule": "ルール", "severity": "重要度", "message": "内容", "column": "列", "value": "記載値",
           "expected": "正しい値", "field": "項目", "place": "場所", "rule_name": "ルール", "no": "No.",
           "rule_code": "ルール (コード)", "severity_code": "重要度 (コード)", "errors": "エラー", "warnings": "警告",
           "findings": "計", "documents": "対象の書類"},
    "en": {"rule": "Rule", "severity": "Severity", "message": "Message", "column": "Column", "value": "Found",
           "expected": "Expected", "field": "Field", "place": "Where", "rule_name": "Rule", "no": "No.",
           "rule_code": "Rule code", "severity_code": "Severity code", "errors": "Errors", "warnings": "Warnings",
           "findings": "Total", "documents": "Documents"},
}

#: headings of the findings, invoice and order columns not in writers.HEADINGS_*
HEADINGS = {lang: {**FINDING_HEADINGS[lang], **INVOICE_HEADINGS[lang], **ORDER_HEADINGS[lang]} for lang in ("ja", "en")}

#: a rule's (or a reader's) code → its name on the report, (Japanese, English)
RULE_NAMES: dict[str, tuple[str, str]] = {
    "tax_mismatch": ("消費税額", "Tax amount"),
    "tax_mismatch_included": ("消費税額 (税込から)", "Tax in a tax-included amount"),
    "tax_missing": ("消費税の記載なし", "Tax not stated"),
    "tax_per_line": ("消費税の端数処理", "Tax rounded per line"),
    "tax_rate_unknown": ("税率不明", "Tax rate unknown"),
    "tax_rate_unreadable": ("税率の読み取り", "Tax rate unreadable"),
    "total_mismatch": ("税込金額", "Total"),
    "total_missing": ("税込金額の記載なし", "Total not stated"),
    "subtotal_mismatch": ("小計", "Subtotal"),
    "invoice_total_mismatch": ("請求書合計", "Invoice total"),
    "line_amount_mismatch": ("数量 × 単価", "Qty × unit price"),
    "not_whole_yen": ("円未満の端数", "Fraction of a yen"),
    "withholding_mismatch": ("源泉徴収税額", "Withholding tax"),
    "payment_mismatch": ("差引支払額", "Net payment"),
    "registration_no_format": ("登録番号の形式", "Registration no. format"),
    "registration_no_check_digit": ("登録番号の検査用数字", "Registration no. check digit"),
    "registration_no_missing": ("登録番号の記載なし", "Registration no. missing"),
    "registration_no_shared": ("登録番号の重複", "Registration no. shared"),
    "duplicate_invoice": ("請求書の二重計上", "Invoice entered twice"),
    "invoice_conflict": ("請求書の金額違い", "Invoice amounts differ"),
    "issue_date_future": ("発行日 (未来の日付)", "Issue date in the future"),
    "issue_date_ahead": ("発行日 (締め日前)", "Issue date ahead"),
    "issue_after_due": ("発行日と支払期日", "Issue date after due date"),
    "due_too_far": ("支払期日が遠い", "Due date far off"),
    "po_unknown": ("注文番号 (注文一覧にない)", "Order no. not ordered"),
    "po_vendor_mismatch": ("注文と取引先の不一致", "Order vendor differs"),
    "po_over_amount": ("発注額の超過", "Over the ordered amount"),
    "po_tax_mismatch": ("注文の消費税", "Order tax"),
    "po_conflict": ("注文内容の食い違い", "Order lines disagree"),
    "payment_due_over_60": ("支払期日 (60日以内)", "Payment within 60 days"),
    "payment_not_cash": ("支払方法 (現金以外)", "Payment not in cash"),
    "payment_by_note": ("支払方法 (手形)", "Payment by note"),
    "term_missing": ("明示事項 (取適法4条)", "Written terms (4条)"),
    "term_column_missing": ("明示事項の列がない", "Written-terms column missing"),
    "bad_cell": ("セルの読み取り", "Cell unreadable"),
    "missing_value": ("空欄", "Blank cell"),
    "amount_read_as_total": ("列の読み方", "How a column was read"),
    "money_column_ignored": ("列の読み方", "How a column was read"),
    "column_contested": ("列の読み方", "How a column was read"),
    "split_rate_columns": ("列の読み方", "How a column was read"),
    "invoice_month_no_year": ("対象月の読み取り", "Month billed for"),
    "invoice_month_span": ("対象月の読み取り", "Month billed for"),
    "invoice_person_not_a_name": ("対象者の読み取り", "Person billed for"),
    "no_table": ("表の読み取り", "No table"),
    "empty_sheet": ("表の読み取り", "Empty sheet"),
    "extra_table": ("表の読み取り", "Second table"),
    "order_list_not_invoices": ("表の種類", "Order list given as invoices"),
    "invoice_no_vendor_column": ("取引先の列がない", "No vendor column"),
    "invoice_no_issue_date_column": ("発行日の列がない", "No issue-date column"),
    "invoice_form_not_list": ("請求書の様式 (一覧ではない)", "Invoice form, not a list"),
    "unreadable_file": ("ファイルの読み取り", "File unreadable"),
    "total_row_mismatch": ("合計行の金額", "Total row"),
    "formula_not_saved": ("数式の計算結果なし", "Formula without its result"),
    "unread_data": ("読まなかったシート", "Sheet not read"),
    "note_row": ("表の中の注記", "Note in the table"),
}

#: fields whose figures are amounts of yen
_MONEY_FIELDS = frozenset({
    "tax", "net", "total", "invoice_total", "amount", "subtotal", "withholding", "payment", "po_tax", "po_total",
    "po_subtotal", "unit_price",
})


def rule_name(code: str, lang: str = "ja") -> str:
    """The name a report gives a rule (or a reader's code), in ``lang``.

    Examples:
        >>> rule_name("tax_mismatch"), rule_name("duplicate_invoice", "en"), rule_name("some_new_rule")
        ('消費税額', 'Invoice entered twice', 'その他の確認')
    """
    pair = RULE_NAMES.get(code)
    if pair is None:
        return messages.text("report_rule_other", lang)
    return _pick(pair, lang)


def write_findings(
    findings,
    target: str,
    *,
    rows=None,
    rows_sheet: str | None = None,
    issues: Iterable[Issue] = (),
    inputs: Iterable[str | Path] = (),
    lang: str = "ja",
    kind: str | None = None,
    overwrite: bool = False,
    as_of: dt.date | None = None,
) -> None:
    """Write findings to ``.json`` / ``.csv`` / ``-`` (the findings frame as it is) or an
    ``.xlsx`` report (see the module's docstring). ``kind`` (``invoices`` / ``orders``)
    names the documents; by default the checked ``rows`` tell. ``as_of``, the day the due
    dates were judged on (``--today``), goes in the title."""
    if str(target) == "-" or Path(str(target)).suffix.lower() != ".xlsx":
        write_frame(findings, target, inputs=inputs, lang=lang, overwrite=overwrite)
        return
    lang = "en" if lang == "en" else "ja"
    kind = kind or _kind_of(rows, rows_sheet)
    heads = HEADINGS[lang]
    with XlsxReport(target, inputs=inputs, lang=lang, overwrite=overwrite) as report:
        _findings_sheet(report, findings, rows, kind, lang, as_of)
        _machine_sheet(report, findings, rows, kind, lang)
        _vendor_sheet(report, findings, rows, kind, lang)
        if rows is not None and len(rows):
            _add_rows(report, findings, rows, rows_sheet or messages.text(f"report_{kind}_rows", lang), heads)
        # the readers' issues with the check's severity: the same word on every sheet
        report.add_issues(checked_issues(issues), lang)


def _kind_of(rows, rows_sheet: str | None) -> str:
    if rows is not None and "po_no" in getattr(rows, "columns", ()) and "invoice_no" not in rows.columns:
        return "orders"
    if rows_sheet in ("注文", "Orders"):
        return "orders"
    return "invoices"


def _row_lookup(rows) -> dict[tuple[str, str, int], dict]:
    """(file, sheet, Excel row) → the checked row's vendor and keys."""
    if rows is None or not len(rows) or "source_row" not in rows.columns:
        return {}
    out: dict[tuple[str, str, int], dict] = {}
    keep = [c for c in ("vendor", "vendor_key", "invoice_key", "po_no") if c in rows.columns]
    for rec in rows[["source_file", "source_sheet", "source_row", *keep]].itertuples(index=False):
        if is_na(rec.source_row):
            continue
        out.setdefault((str(rec.source_file), str(rec.source_sheet), int(rec.source_row)),
                       {c: getattr(rec, c) for c in keep})
    return out


def _vendors(findings, rows) -> list[str]:
    """The vendor each finding is about: of the row it names, else of the first row with its
    document number (a duplicate's row is not among the rows kept), else blank."""
    lookup = _row_lookup(rows)
    by_document: dict[str, str] = {}
    if rows is not None and len(rows) and "vendor" in rows.columns:
        number = "invoice_no" if "invoice_no" in rows.columns else "po_no" if "po_no" in rows.columns else None
        for doc, vendor in (zip(rows[number], rows["vendor"]) if number else ()):
            if not is_na(doc) and not is_na(vendor) and vendor:
                by_document.setdefault(str(doc), str(vendor))
    out = []
    for f, s, r, doc in zip(findings["source_file"], findings["source_sheet"], findings["source_row"],
                            findings["invoice_no"]):
        hit = lookup.get((str(f), str(s), int(r))) if not is_na(r) else None
        vendor = hit.get("vendor") if hit else None
        if vendor is None or is_na(vendor) or vendor == "":
            vendor = by_document.get(str(doc), "") if not is_na(doc) else ""
        out.append(str(vendor))
    return out


def _places(findings, lang: str) -> list[str]:
    """Each finding's place as text; a file named by its path only when two share a name."""
    names: dict[str, set[str]] = {}
    for f in findings["source_file"]:
        if f:
            names.setdefault(os.path.basename(str(f)), set()).add(str(f))
    return [place_text(f, s, r, c, lang=lang, full_path=len(names.get(os.path.basename(str(f)), ())) > 1)
            for f, s, r, c in zip(findings["source_file"], findings["source_sheet"], findings["source_row"],
                                  findings["column"])]


def _findings_sheet(report: XlsxReport, findings, rows, kind: str, lang: str, as_of: dt.date | None = None) -> None:
    """The first sheet: what a person works from."""
    import pandas as pd

    heads = HEADINGS[lang]
    money = [f in _MONEY_FIELDS for f in findings["field"]]
    shown = pd.DataFrame({
        "no": range(1, len(findings) + 1),
        "severity": [_pick(SEVERITY_LABELS[s], lang) if s in SEVERITY_LABELS else s for s in findings["severity"]],
        "vendor": _vendors(findings, rows),
        "invoice_no": [("" if is_na(v) else str(v)) for v in findings["invoice_no"]],
        "place": _places(findings, lang),
        "message": findings["message"].tolist(),
        "value": [shown_figure(str(v), money=m, lang=lang) if not is_na(v) and v != "" else ""
                  for v, m in zip(findings["value"], money)],
        "expected": [shown_expected(v, money=m, lang=lang) for v, m in zip(findings["expected"], money)],
        "rule_name": [rule_name(c, lang) for c in findings["rule"]],
    })
    name = messages.text("report_findings_sheet", lang)
    for i, sev in enumerate(findings["severity"].tolist()):
        if sev in ("error", "warning"):
            report.highlight(name, i, "severity", sev)
            report.highlight(name, i, "message", sev)
    headings = {c: heads.get(c) or heading(c, lang) for c in shown.columns}
    headings["invoice_no"] = messages.text(f"report_{kind}_number", lang)
    title = messages.text(f"report_{kind}_findings_title", lang)
    if as_of is not None:
        title += messages.text("report_as_of", lang, date=as_of.isoformat())
    ref = report.add_table(
        name, shown, headings=headings, title=title, start_row=3,
        formats={"no": "rowno", **{c: "text" for c in shown.columns if c != "no"}},
        widths={"no": 5, "severity": 8, "vendor": 20, "invoice_no": 14, "place": 28, "message": 50, "value": 16,
                "expected": 18, "rule_name": 16},
    )
    counts = findings["severity"].value_counts().to_dict() if len(findings) else {}
    ref.worksheet.write_string(1, 0, messages.text(
        f"report_{kind}_findings_note", lang, documents=_documents(rows, kind), errors=int(counts.get("error", 0)),
        warnings=int(counts.get("warning", 0)), vendors=len({v for v in shown["vendor"] if v})))


def _documents(rows, kind: str) -> int:
    if rows is None or not len(rows):
        return 0
    for column in (("invoice_key", "invoice_no") if kind == "invoices" else ("po_no",)):
        if column in rows.columns:
            return int(rows[column].nunique())
    return len(rows)


def _machine_sheet(report: XlsxReport, findings, rows, kind: str, lang: str) -> None:
    """The second sheet: the findings with codes and keys, for a filter, a pivot or a script."""
    heads = HEADINGS[lang]
    data = findings.rename(columns={"rule": "rule_code", "severity": "severity_code"}).copy()
    lookup = _row_lookup(rows)
    for key in ("vendor", "vendor_key", "invoice_key"):
        if rows is not None and key in getattr(rows, "columns", ()):
            data[key] = [(lookup.get((str(f), str(s), int(r)), {}).get(key) if not is_na(r) else None)
                         for f, s, r in zip(data["source_file"], data["source_sheet"], data["source_row"])]
    headings = {c: heads.get(c) or None for c in data.columns if heads.get(c)}
    # the document number is an order's on an order check (注文番号), as on the first sheet
    headings["invoice_no"] = messages.text(f"report_{kind}_number", lang)
    report.add_table(messages.text("report_findings_data_sheet", lang), data, headings=headings,
                     formats={"source_row": "rowno", "value": "text", "expected": "text"},
                     widths={"message": 40})


def _vendor_sheet(report: XlsxReport, findings, rows, kind: str, lang: str) -> None:
    """Per vendor: errors, warnings, both, and the documents the findings are about."""
    import pandas as pd

    heads = HEADINGS[lang]
    vendors = _vendors(findings, rows)
    unknown = messages.text("report_vendor_unknown", lang)
    table: dict[str, dict] = {}
    for vendor, sev, doc in zip(vendors, findings["severity"], findings["invoice_no"]):
        entry = table.setdefault(vendor or unknown, {"errors": 0, "warnings": 0, "documents": []})
        entry["errors" if sev == "error" else "warnings"] += 1 if sev in ("error", "warning") else 0
        if not is_na(doc) and doc and doc not in entry["documents"]:
            entry["documents"].append(str(doc))
    frame = pd.DataFrame(
        [{"vendor": v, "errors": e["errors"], "warnings": e["warnings"], "findings": e["errors"] + e["warnings"],
          "documents": "、".join(e["documents"]) if lang == "ja" else ", ".join(e["documents"])}
         for v, e in sorted(table.items(), key=lambda kv: (-kv[1]["errors"], -kv[1]["warnings"], kv[0]))],
        columns=["vendor", "errors", "warnings", "findings", "documents"],
    )
    headings = {c: heads.get(c) or heading(c, lang) for c in frame.columns}
    headings["documents"] = messages.text(f"report_{kind}_documents", lang)
    ref = report.add_table(messages.text("report_by_vendor_sheet", lang), frame, headings=headings,
                           title=messages.text("report_by_vendor_title", lang), start_row=3,
                           formats={"errors": "int", "warnings": "int", "findings": "int", "documents": "text"},
                           widths={"vendor": 24, "errors": 9, "warnings": 9, "findings": 9, "documents": 40})
    _total_row(report, ref, frame, lang)


def _total_row(report: XlsxReport, ref, frame, lang: str) -> None:
    """合計 under the vendor table: SUM formulas carrying their values."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ws, first, last = ref.worksheet, ref.first_row, ref.last_row
    row = max(last, first - 1) + 1
    ws.write_string(row, 0, messages.text("total", lang), report.format(total=True))
    for column in ("errors", "warnings", "findings"):
        c = ref.columns[column]
        formula = f"=SUM({xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)})" if len(frame) else "=0"
        ws.write_formula(row, c, formula, report.format("int", total=True), int(frame[column].sum()))
    ws.write_blank(row, ref.columns["documents"], None, report.format(total=True))


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
    # the keys ledgerkit matched on are for a machine: last, after the place
    data = data[[c for c in data.columns if c not in _KEYS] + [c for c in data.columns if c in _KEYS]]
    formats = {c: k for c, k in _ROW_FORMATS.items() if c in data.columns}
    if "qty" in formats and _whole(data["qty"]):
        formats["qty"] = "int"  # 1,000 個 with its separator; a fractional quantity stays as written
    report.add_table(name, data, headings={c: heads.get(c) or None for c in data.columns if heads.get(c)},
                     formats=formats)


def _whole(values) -> bool:
    """Every value of a column is a whole number (or missing)."""
    try:
        return all(is_na(v) or float(v) == int(float(v)) for v in values)
    except (TypeError, ValueError, OverflowError):
        return False


#: the machine columns of the checked rows
_KEYS = ("vendor_key", "invoice_key")
#: number formats of the checked rows (invoices' and orders'): yen, dates, 10% and codes as text
_ROW_FORMATS = {
    **INVOICE_FORMATS,
    **{c: "yen" for c in (*ORDER_MONEY, "unit_price")},
    **{c: "date" for c in ORDER_DATES},
    "qty": "number",
}
