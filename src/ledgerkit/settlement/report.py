"""The settlement report: :func:`write_settlement`.

The workbook (``ledgerkit settle -o settlement.xlsx``):

1. **精算書** (Settlement statement) — printed on one A4 landscape page wide at 70 % or
   more: a title with the month, one row per person and month (氏名, 契約 = vendor and
   monthly fee, 精算幅 and method, 稼働日数, 実績時間, 控除/超過 hours × rate, 控除・超過額,
   精算額, then with invoices 請求書番号, 請求額, 差額 and the judgement), the totals, and
   the findings beneath;
2. **精算** (Settlement) — every column of the settlement frame, one row per person-month,
   for a filter or a formula;
3. **問題一覧** (Issues).

``.csv`` / ``.json`` / ``-`` get the frame's rows with machine-readable column names.
"""

from __future__ import annotations

import os
from decimal import Decimal
from pathlib import Path

from ledgerkit.core import messages
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.labels import SEVERITY_LABELS, _pick
from ledgerkit.reports.printing import LINE_HEIGHT, wrapped_lines
from ledgerkit.reports.shown import place_text, yen_text
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.rules.figures import is_na
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
    # the statement's own columns
    "contract": ("契約", "Contract"),
    "band": ("精算幅", "Hour band"),
    "over": ("控除/超過", "Below / above"),
    "hours_shown": ("実績時間", "Hours"),
}
_SETTLEMENT_FORMATS = {
    "days": "int", "hours_worked": "hours", "hours": "hours", "lower": "hours", "upper": "hours",
    "fee": "yen", "rate": "yen", "adjustment": "yen", "amount": "yen", "tax": "yen", "total": "yen",
    "billed": "yen", "difference": "yen",
}
#: the statement's columns and their widths (characters); the last four only with invoices
_STATEMENT = {"person": 11, "contract": 24, "band": 13, "days": 7, "hours_shown": 9, "over": 19, "adjustment": 12,
              "amount": 13}
_INVOICE_COLUMNS = {"invoice_no": 13, "billed": 13, "difference": 10, "check": 10}
_MONEY = ("adjustment", "amount", "billed", "difference")


def write_settlement(result, target, *, lang: str = "ja", inputs=(), overwrite: bool = False, **_options) -> None:
    """Write a settlement (the Result of :func:`~ledgerkit.settlement.months.settle`): ``.xlsx`` as
    the report above, ``.csv`` / ``.json`` / ``-`` as the rows (machine-readable column names).
    ``result.write(target)`` calls this."""
    frame, findings = result.frame, result.issues
    inputs = list(inputs) or result.files
    if os.fspath(target) == "-" or Path(target).suffix.lower() != ".xlsx":
        write_frame(frame, target, inputs=inputs, lang=lang, overwrite=overwrite)
        return
    lang = "en" if lang == "en" else "ja"
    with XlsxReport(target, inputs=inputs, lang=lang, overwrite=overwrite) as report:
        _statement(report, result, lang)
        _data_sheet(report, frame, lang)
        report.add_issues(findings, lang=lang)


def _heading(column: str, lang: str) -> str:
    return _pick(SETTLEMENT_HEADINGS[column], lang)


def _data_sheet(report: XlsxReport, frame, lang: str) -> None:
    """Every column of the settlement, differences marked."""
    headings = {c: _heading(c, lang) for c in frame.columns if c in SETTLEMENT_HEADINGS}
    name = messages.text("settle_sheet_data", lang)
    _mark_checks(report, name, frame, "difference")
    report.add_table(name, frame, formats=_SETTLEMENT_FORMATS, headings=headings)


def _mark_checks(report: XlsxReport, sheet: str, frame, column: str) -> None:
    """A settlement that is not what was billed: its difference (or check) cell red."""
    if "check" not in frame.columns:
        return
    for pos, status in enumerate(frame["check"]):
        if status is not None and not is_na(status) and status not in CHECK_LABELS["ok"]:
            report.highlight(sheet, pos, column if status in CHECK_LABELS["diff"] else "check", "error")


def _months(frame, meta: dict, lang: str) -> str:
    """``2026年10月`` (or ``2026年10月〜11月``) for the title."""
    months = sorted({m for m in frame["month"] if isinstance(m, str)}) if len(frame) else []
    if meta.get("month"):
        months = [meta["month"]]
    words = [messages.text("settle_month", lang, year=m[:4], month=int(m[5:7])) for m in months if len(m) >= 7]
    if not words:
        return ""
    return words[0] if len(words) == 1 else words[0] + ("〜" if lang == "ja" else " – ") + words[-1]


def _band(row, lang: str) -> str:
    lower, upper = row["lower"], row["upper"]
    if is_na(lower) or is_na(upper):
        return str(row["method"])
    return f"{_hours(lower)}〜{_hours(upper)}h\n{row['method']}"


def _hours(value) -> str:
    d = Decimal(str(value)).normalize()
    return f"{d:f}"


def _over(row, lang: str) -> str:
    """``超過 7.75h × ¥4,000`` / ``控除 8.5h × ¥3,920`` / ``範囲内``."""
    hours, lower, upper, rate = row["hours"], row["lower"], row["upper"], row["rate"]
    if is_na(lower) or is_na(upper) or is_na(hours):
        return ""
    h, lo, up = Decimal(str(hours)), Decimal(str(lower)), Decimal(str(upper))
    if lo <= h <= up or rate is None or is_na(rate):
        return messages.text("settle_within", lang)
    key, gap = ("settle_excess", h - up) if h > up else ("settle_deduction", lo - h)
    return messages.text(key, lang, hours=f"{gap.normalize():f}", rate=yen_text(rate))


def _statement_frame(frame, lang: str, with_invoices: bool):
    import pandas as pd

    records = []
    for _, row in frame.iterrows():
        record = {
            "person": row["person"],
            "contract": f"{row['vendor']}\n" + messages.text("settle_fee", lang, fee=yen_text(row["fee"])),
            "band": _band(row, lang), "days": row["days"], "hours_shown": row["hours"], "over": _over(row, lang),
            "adjustment": row["adjustment"], "amount": row["amount"],
        }
        if with_invoices:
            record.update({c: row[c] for c in ("invoice_no", "billed", "difference", "check")})
        records.append(record)
    columns = list(_STATEMENT) + (list(_INVOICE_COLUMNS) if with_invoices else [])
    return pd.DataFrame.from_records(records, columns=columns)


def _statement(report: XlsxReport, result, lang: str) -> None:
    """The printed statement: title, one row per person, totals, the findings beneath."""
    frame = result.frame
    with_invoices = bool(result.meta.get("invoices")) and "check" in frame.columns
    shown = _statement_frame(frame, lang, with_invoices)
    name = messages.text("settle_sheet_statement", lang)
    _mark_checks(report, name, shown, "difference")
    widths = {**_STATEMENT, **(_INVOICE_COLUMNS if with_invoices else {})}
    formats = {"days": "int", "hours_shown": "hours", **{c: "yen" for c in _MONEY},
               **{c: "text" for c in ("person", "contract", "band", "over", "invoice_no", "check")}}
    ref = report.add_table(name, shown, headings={c: _heading(c, lang) for c in shown.columns}, formats=formats,
                           widths=widths, table=False, freeze=False, start_row=3,
                           title=messages.text("settle_title", lang, months=_months(frame, result.meta, lang)))
    ws = ref.worksheet
    problems = [i for i in result.issues if i.severity in ("error", "warning")]
    total = int(frame["amount"].sum()) if len(frame) else 0
    ws.write_string(1, 0, messages.text("settle_note", lang, people=len(frame), total=yen_text(total),
                                        findings=len(problems)))
    last = _totals(report, ref, shown, lang)
    _findings_below(report, ws, problems, last + 2, list(widths.values()), lang)


def _totals(report: XlsxReport, ref, shown, lang: str) -> int:
    """合計 under the statement: SUM formulas carrying their values; returns its row."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ws, first, last = ref.worksheet, ref.first_row, ref.last_row
    row = max(last, first - 1) + 1
    label = report.format(total=True)
    for c in range(len(shown.columns)):
        ws.write_blank(row, c, None, label)
    ws.write_string(row, 0, messages.text("total", lang), label)
    for column in ("days", "hours_shown", *_MONEY):
        if column not in ref.columns:
            continue
        c = ref.columns[column]
        values = [v for v in shown[column] if not is_na(v)]
        value = sum(values) if values else 0
        formula = f"=SUM({xl_rowcol_to_cell(first, c)}:{xl_rowcol_to_cell(last, c)})" if len(shown) else "=0"
        kind = {"days": "int", "hours_shown": "hours"}.get(column, "yen")
        ws.write_formula(row, c, formula, report.format(kind, total=True),
                         float(value) if kind == "hours" else int(value))
    return row


def _findings_below(report: XlsxReport, ws, problems, row: int, widths: list[float], lang: str) -> None:
    """The errors and warnings under the statement: 重要度, 場所 and 内容 (merged across, wrapped)."""
    if not problems:
        ws.write_string(row, 0, messages.text("settle_no_findings", lang), report.format(bold=True))
        return
    ws.write_string(row, 0, messages.text("settle_findings_title", lang, count=len(problems)), report.format(bold=True))
    row += 1
    n = len(widths)
    split = 3 if n > 6 else 2  # 重要度 | 場所 (columns 1..split) | 内容 (the rest)
    head = report.format(header=True)
    ws.write_string(row, 0, messages.text("col_severity", lang), head)
    ws.merge_range(row, 1, row, split, messages.text("col_where", lang), head)
    ws.merge_range(row, split + 1, row, n - 1, messages.text("col_finding", lang), head)
    place_width, text_width = sum(widths[1:split + 1]), sum(widths[split + 1:])
    for issue in problems:
        row += 1
        sev = issue.severity
        place = place_text(issue.file, issue.sheet, issue.row, issue.column, lang=lang)
        text = issue.message(lang)
        cell = report.format(wrap=True, ruled=True)
        ws.write_string(row, 0, _pick(SEVERITY_LABELS[sev], lang), report.format(severity=sev, middle=True, ruled=True))
        ws.merge_range(row, 1, row, split, place, cell)
        ws.merge_range(row, split + 1, row, n - 1, text, report.format(severity=sev, wrap=True, ruled=True))
        lines = max(wrapped_lines(place, place_width), wrapped_lines(text, text_width), 1)
        if lines > 1:
            ws.set_row(row, LINE_HEIGHT * lines)
