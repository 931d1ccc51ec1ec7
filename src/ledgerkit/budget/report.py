"""The budget report: :func:`write_budget_report`."""

from __future__ import annotations

import os
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from ledgerkit.budget.columns import (
    BUDGET_COLUMNS,
    HEADINGS,
    LABOR_COLUMNS,
    MONTH_BASIS_LABELS,
    MONTHLY_COLUMNS,
    PURCHASE_COLUMNS,
    STATUS_LABELS,
)
from ledgerkit.budget.rates import _BASIS_WORDS
from ledgerkit.core import messages
from ledgerkit.core.result import Result
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.labels import month_label
from ledgerkit.reports.printing import LINE_HEIGHT, px_width, sheet_widths_px, wrapped_lines
from ledgerkit.reports.xlsx_report import XlsxReport

_MONEY_COLUMNS = ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total",
                  "cumulative_budget", "cumulative_actual")


def _pct(f: Fraction) -> str:
    """``Fraction(4, 5)`` → ``80%``; ``Fraction(17, 20)`` → ``85%``; ``Fraction(2, 3)`` → ``66.67%``."""
    d = Decimal(f.numerator) * 100 / Decimal(f.denominator)
    return f"{d.quantize(Decimal('0.01')).normalize():f}%"


def _headings(columns, lang: str) -> dict[str, str]:
    i = 1 if lang == "en" else 0
    return {c: HEADINGS[c][i] for c in columns if c in HEADINGS}


def _formats(columns) -> dict[str, str]:
    out = {}
    for c in columns:
        if c in _MONEY_COLUMNS or c == "labor_cost":
            out[c] = "yen"
        elif c == "consumption":
            out[c] = "percent"
        elif c == "hours":
            out[c] = "hours"
        elif c in ("project", "project_name", "status", "month", "person", "rate_basis", "item"):
            out[c] = "text"
    return out


def write_budget_report(result: Result, target: str | os.PathLike, *, lang: str = "ja",
                        inputs: Iterable[str | os.PathLike] = (), overwrite: bool = False, **_options) -> Path:
    """The budget report of a :func:`~ledgerkit.budget.comparison.compare_budget` result: summary
    (warning and over coloured) with a budget-vs-actual chart per project and a cumulative burn
    chart, the per-month table, the labor cost per person, the budget lines read, and the Issues
    sheet. ``.csv``/``.json``/``-`` get the summary rows instead. ``result.write(target)`` calls this.
    """
    target_text = os.fspath(target)
    inputs = list(inputs) or result.files
    if target_text == "-" or Path(target_text).suffix.lower() != ".xlsx":
        write_frame(result.frame, target_text, inputs=inputs, lang=lang, overwrite=overwrite)
        return Path(target_text)
    en = lang == "en"
    frame = result.frame.copy()
    frame["status"] = [STATUS_LABELS.get(s, (s, s))[1 if en else 0] for s in frame["status"]]
    cols = ["project", "project_name", "budget", "labor_cost", "purchases", "actual", "variance", "consumption",
            "status", "forecast", "budget_total", "hours"]
    frame = frame[cols]
    report = XlsxReport(target_text, inputs=inputs, lang=lang, overwrite=overwrite)
    summary_name = "Budget vs actual" if en else "予実"
    start = 3
    headings = _headings(cols, lang)
    through = result.meta.get("through")
    if through:
        # the figures of the months so far say so: a to-date budget is not the year's
        headings["actual"] = messages.text("budget_heading_actual_to", lang, month=month_label(through, lang))
        if result.meta.get("budget_to_date"):
            headings["budget"] = messages.text("budget_heading_budget_to", lang, month=month_label(through, lang))
    ref = report.add_table(summary_name, frame, formats=_formats(cols), headings=headings, start_row=start,
                           widths={"project_name": 20})
    ws = ref.worksheet
    ws.write_string(0, 0, _title(result, en), report.format(title=True))
    warning, over = result.meta["thresholds"]
    _note(report, ws, messages.text("budget_report_note", lang, warning=_pct(warning), over=_pct(over)), len(cols))
    n = len(frame)
    if n:
        _mark_statuses(report, ref, len(cols), en)
        total_row = _total_row(report, ref, result, en)
        _project_charts(report, ref, total_row, result, lang)
    monthly, labor, budget = (result.tables.get(name) for name in ("monthly", "labor", "budget"))
    if monthly is not None and len(monthly):
        _burn(report, ref, monthly, n, lang)
    if labor is not None:
        _labor_table(report, labor, lang)
    purchases = result.tables.get("purchases")
    if purchases is not None and len(purchases):
        _purchase_table(report, purchases, lang)
    if budget is not None and len(budget):
        _budget_lines(report, budget, lang)
    report.add_issues(result.issues, lang=lang)
    return report.close()


def _title(result: Result, en: bool) -> str:
    fy = result.meta.get("fiscal_year")
    period = f"{fy}年度" if fy is not None and not en else (f"FY{fy}" if fy is not None else "")
    through = result.meta.get("through") or ""
    if result.meta.get("budget_to_date"):
        return f"Budget vs actual {period} (through {through})" if en else f"予実管理 {period} ({through}まで)"
    if through:
        return (f"Budget vs actual {period} (full budget; actuals through {through})" if en
                else f"予実管理 {period} (予算は年間・実績は{through}まで)")
    return f"Budget vs actual {period}" if en else f"予実管理 {period}"


def _mark_statuses(report, ref, ncols: int, en: bool) -> None:
    """Over budget red, warning yellow, a forecast above the full budget in bold red."""
    from xlsxwriter.utility import xl_col_to_name

    wb, ws, first, last = report.workbook, ref.worksheet, ref.first_row, ref.last_row
    status_col = xl_col_to_name(ref.columns["status"])
    red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    yellow = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})
    over_texts = [STATUS_LABELS["over"][1 if en else 0], STATUS_LABELS["no_budget"][1 if en else 0]]
    cond_over = ",".join(f'${status_col}{first + 1}="{t}"' for t in over_texts)
    ws.conditional_format(first, 0, last, ncols - 1, {"type": "formula", "criteria": f"=OR({cond_over})",
                                                       "format": red})
    ws.conditional_format(first, 0, last, ncols - 1, {
        "type": "formula", "criteria": f'=${status_col}{first + 1}="{STATUS_LABELS["warning"][1 if en else 0]}"',
        "format": yellow})
    # a forecast that lands above the full budget: bold red figure
    fc, bc = ref.columns["forecast"], ref.columns["budget_total"]
    ws.conditional_format(first, fc, last, fc, {
        "type": "formula",
        "criteria": f"=${xl_col_to_name(fc)}{first + 1}>${xl_col_to_name(bc)}{first + 1}",
        "format": wb.add_format({"bold": True, "font_color": "#C00000"})})


def _total_row(report, ref, result: Result, en: bool) -> int:
    """The total row under the summary table (SUM formulas with their values); returns its row."""
    from xlsxwriter.utility import xl_rowcol_to_cell

    ws, first, last = ref.worksheet, ref.first_row, ref.last_row
    total_row = last + 1
    bold = report.format(total=True)
    ws.write_string(total_row, 0, "Total" if en else "合計", bold)
    money_fmt = report.format("yen", total=True)
    for c in ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total"):
        j = ref.columns[c]
        value = int(result.frame[c].sum())
        ws.write_formula(total_row, j, f"=SUM({xl_rowcol_to_cell(first, j)}:{xl_rowcol_to_cell(last, j)})",
                         money_fmt, value)
    j = ref.columns["consumption"]
    total_budget = int(result.frame["budget"].sum())
    ws.write_formula(
        total_row, j,
        f"=IF({xl_rowcol_to_cell(total_row, ref.columns['budget'])}=0,\"\","
        f"{xl_rowcol_to_cell(total_row, ref.columns['actual'])}/{xl_rowcol_to_cell(total_row, ref.columns['budget'])})",
        report.format("percent", total=True),
        float(Fraction(int(result.frame["actual"].sum()), total_budget)) if total_budget else "",
    )
    return total_row


def _note(report, ws, text: str, ncols: int) -> None:
    """The note under the title, wrapped across the table's width."""
    ws.merge_range(1, 0, 1, ncols - 1, text, report.format(wrap=True))
    width = sum(px_width(w) for w in sheet_widths_px(ws)[:ncols])
    lines = wrapped_lines(text, width)
    if lines > 1:
        ws.set_row(1, LINE_HEIGHT * lines)


def _project_charts(report, ref, total_row: int, result: Result, lang: str) -> None:
    """Per project, like beside like: with ``--through`` the budget and the actual to that month,
    then the year's budget, the actual so far and the forecast for the year, each chart's title
    saying which."""
    through = result.meta.get("through")
    row = total_row + 2
    charts = []
    if through and result.meta.get("budget_to_date"):
        charts.append((messages.text("budget_chart_to_date", lang, month=month_label(through, lang)),
                       (("budget", "#A6A6A6"), ("actual", "#4472C4"))))
    title = (messages.text("budget_chart_year_through", lang, month=month_label(through, lang)) if through
             else messages.text("budget_chart_year", lang))
    charts.append((title, (("budget_total", "#D9D9D9"), ("actual", "#4472C4"), ("forecast", "#F4B183"))))
    column = 0
    for title, series in charts:
        chart = _column_chart(report, ref, title, series)
        ref.worksheet.insert_chart(row, column, chart, {"x_scale": 0.95, "y_scale": 1.1})
        # the next chart beside this one: the columns it spans (a chart is 480 px wide at 100 %)
        spanned, left = 0, 0
        widths = sheet_widths_px(ref.worksheet)
        while left < 480 * 0.95 + 10 and column + spanned < len(widths):
            left += widths[column + spanned]
            spanned += 1
        column += spanned


def _column_chart(report, ref, title: str, series):
    wb, ws, first, last = report.workbook, ref.worksheet, ref.first_row, ref.last_row
    chart = wb.add_chart({"type": "column"})
    for c, colour in series:
        j = ref.columns[c]
        chart.add_series({
            "name": [ws.name, first - 1, j],
            "categories": [ws.name, first, 0, last, 0],
            "values": [ws.name, first, j, last, j],
            "fill": {"color": colour},
            "border": {"color": "#7F7F7F"} if colour == "#D9D9D9" else {"none": True},
        })
    chart.set_title({"name": title, "name_font": {"size": 11, "bold": True}})
    chart.set_y_axis({"num_format": '"¥"#,##0', "num_font": {"size": 8}})
    chart.set_legend({"position": "bottom"})
    return chart


def _burn(report, ref, monthly, n: int, lang: str) -> None:
    """Cumulative burn: months down, per project cumulative budget and actual across, with its
    line chart under it, then the per-month table."""
    import pandas as pd

    en = lang == "en"
    wb = report.workbook
    months = list(dict.fromkeys(monthly["month"]))
    burn = pd.DataFrame({"month": months})
    for p, group in monthly.groupby("project", sort=False):
        g = group.set_index("month")
        burn[f"{p} {HEADINGS['cumulative_budget'][1 if en else 0]}"] = g["cumulative_budget"].reindex(months).values
        burn[f"{p} {HEADINGS['cumulative_actual'][1 if en else 0]}"] = g["cumulative_actual"].reindex(months).values
    bformats = {c: "yen" for c in burn.columns[1:]}
    bformats["month"] = "text"
    bref = report.add_table("Cumulative" if en else "累計推移", burn, formats=bformats, headings=_headings(["month"], lang))
    line = wb.add_chart({"type": "line"})
    palette = ["#4472C4", "#ED7D31", "#70AD47", "#7030A0", "#FFC000", "#5B9BD5", "#C00000", "#264478"]
    for k, (p, _) in enumerate(monthly.groupby("project", sort=False)):
        colour = palette[k % len(palette)]
        for which, dash in (("cumulative_budget", "dash"), ("cumulative_actual", "solid")):
            col_name = f"{p} {HEADINGS[which][1 if en else 0]}"
            j = bref.columns[col_name]
            line.add_series({
                "name": [bref.worksheet.name, bref.first_row - 1, j],
                "categories": [bref.worksheet.name, bref.first_row, 0, bref.last_row, 0],
                "values": [bref.worksheet.name, bref.first_row, j, bref.last_row, j],
                "line": {"color": colour, "dash_type": dash, "width": 2.25 if which == "cumulative_actual" else 1.5},
                "marker": {"type": "none"},
            })
    line.set_title({"name": "Cumulative budget and actual" if en else "累計 予算と実績 (バーンチャート)",
                    "name_font": {"size": 11, "bold": True}})
    line.set_y_axis({"num_format": '"¥"#,##0', "num_font": {"size": 8}})
    line.set_legend({"position": "right", "font": {"size": 8}})
    line.show_na_as_empty_cell()
    if n:
        # under the cumulative table it draws (the summary's page has the project charts)
        bref.worksheet.insert_chart(bref.last_row + 3, 0, line, {"x_scale": 1.9, "y_scale": 1.2})
    mcols = MONTHLY_COLUMNS
    report.add_table("By month" if en else "月別", monthly[mcols], formats=_formats(mcols), headings=_headings(mcols, lang))


def _labor_table(report, labor, lang: str) -> None:
    lcols = LABOR_COLUMNS
    labor = labor.copy()
    labor["rate"] = labor["rate"].map(lambda d: d if d is None else Decimal(d))
    lformats = _formats(lcols)
    labor["rate_basis"] = [_BASIS_WORDS.get(b, (b, b))[1 if lang == "en" else 0] for b in labor["rate_basis"]]
    integral = all(d == d.to_integral_value() for d in labor["rate"])
    lformats["rate"] = "yen" if integral else "number"
    report.add_table("Labor cost" if lang == "en" else "人件費明細", labor[lcols], formats=lformats,
                     headings=_headings(lcols, lang))


def _purchase_table(report, purchases, lang: str) -> None:
    """The invoice lines counted, each with the month it is booked in and what that month came from."""
    pcols = [c for c in PURCHASE_COLUMNS if c in purchases.columns]
    shown = purchases[pcols].copy()
    shown["month_basis"] = [MONTH_BASIS_LABELS.get(b, (b, b))[1 if lang == "en" else 0] for b in shown["month_basis"]]
    formats = _formats(pcols)
    formats.update({"net": "yen", "source_row": "rowno", "issue_date": "date", "source_file": "text",
                    "source_sheet": "text", "invoice_no": "text", "month": "text"})
    headings = _headings(pcols, lang)
    report.add_table("Purchases" if lang == "en" else "外注・購入費明細", shown, formats=formats, headings=headings)


def _budget_lines(report, budget, lang: str) -> None:
    en = lang == "en"
    bcols = BUDGET_COLUMNS
    bformats = _formats(bcols)
    bformats.update({"source_row": "rowno", "column": "text", "source_file": "text", "source_sheet": "text"})
    bheadings = _headings(bcols, lang)
    bheadings["column"] = "Column" if en else "列"
    report.add_table("Budget lines" if en else "予算明細", budget[bcols], formats=bformats,
                     headings=bheadings)
