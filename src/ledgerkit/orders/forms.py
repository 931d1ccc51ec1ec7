"""An order *form* (注文書) laid out as a form, read as the order lines of an order list.

Labelled header cells (注文番号, 発注日, 〇〇御中, 納期 ...), a line table, then 小計 /
10%対象 / 8%対象 / 消費税 / 合計 rows under it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.labels import find_labelled_value
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.tables import cell
from ledgerkit.detect.walk import cell_text
from ledgerkit.orders.columns import ORDER_COLUMNS, ORDER_DATES, ORDER_LABELS, ORDER_MONEY
from ledgerkit.parse.amounts import _MAX_AMOUNT
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.list_cells import CellParsers, cell_parsers, parsed_amount
from ledgerkit.parse.names import vendor_key
from ledgerkit.parse.terms import parse_delivery_term
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = ["read_order_form"]

_FORM_LABELS = {
    "po_no": ["注文番号", "発注番号", "注文No", "発注No", "注文書番号", "発注書番号"],
    "order_date": ["発注日", "注文日", "発行日", "委託日"],
    "delivery_date": ["納期", "納品日", "納入期日", "受領期日", "納品期日"],
    "delivery_place": ["納品場所", "納入場所", "受領場所", "納入先"],
    "inspection_date": ["検査完了日", "検査完了期日", "検収日"],
    "payment_due": ["支払期日", "支払日", "支払予定日"],
    "payment_method": ["支払方法", "支払条件"],
    "vendor": ["発注先", "宛先", "取引先", "受注者"],
    "registration_no": [],
}
_FOOTER = re.compile(r"(小計|消費税(?:額|等)?|合計(?:金額)?|総合計|(?:10|8)%対象(?:額)?|消費税(?:額)?\((?:10|8)%\))(?:\((?:税込|税抜)\))?")

#: what a form writes under its last line so nothing can be added
_END_OF_LINES = {"以下余白", "以下空白", "以上", "余白"}

#: the order's own figures, on its first line
_FIGURES = ("po_subtotal", "po_net_10", "po_net_8", "po_tax", "po_total")


def read_order_form(rows, sheet: str, file: str, fields) -> SheetResult | None:
    """One 注文書 laid out as a form, as order lines of :func:`~ledgerkit.orders.lists.read_order_sheet`'s frame.

    The order's own figures go in ``po_subtotal``, ``po_net_10``, ``po_net_8``,
    ``po_tax`` and ``po_total`` (on its first line), so that the check can compare them
    with the lines. Formula cells without a saved value (a form never opened in Excel)
    read as blank; a line without an amount counts as quantity × unit price.
    """
    every = len(rows)
    po = find_labelled_value(rows, _FORM_LABELS["po_no"], scan_rows=every)
    if po is None:
        return None
    lines_table = _lines_table(rows, fields)
    if lines_table is None:
        return None
    issues: list[Issue] = []
    parsers = cell_parsers()
    head, mapping = _form_head(rows, lines_table, parsers.date, file, sheet, issues)
    records, footer, footer_rows = _form_lines(rows, lines_table, parsers, file, sheet, issues)
    if not records:
        return None
    m = lines_table.mapping
    if "tax_rate" not in m and any(rec["tax_rate"] == 0.08 for rec in records):
        # ※ marks the reduced-rate items (DOMAIN.md §3.1): the unmarked ones are standard rate
        for rec in records:
            if rec["tax_rate"] is None:
                rec["tax_rate"] = 0.10
    po_no = parse_code(po[0]) or ""
    for i, rec in enumerate(records):
        rec["po_no"] = po_no
        for f in ("order_date", "vendor", "delivery_date", "delivery_from", "delivery_place", "inspection_date",
                  "payment_due", "payment_method", "registration_no"):
            rec[f] = head.get(f, "" if f not in (*ORDER_DATES, "delivery_from") else None)
        for k in _FIGURES:
            rec[k] = footer.get(k) if i == 0 else None
    for f in ("item", "qty", "unit_price", "amount", "tax_rate"):
        if f in m:
            mapping[f] = lines_table.columns[m[f]]
    for k, label in (("po_subtotal", "subtotal"), ("po_tax", "tax"), ("po_total", "total")):
        if k in footer:
            mapping[label] = {"subtotal": "小計", "tax": "消費税", "total": "合計"}[label]
    return SheetResult(frame=_form_frame(records, footer_rows), issues=issues, rows_read=len(records),
                       layout="order-form", header_row=lines_table.header_excel_row, mapping=mapping)


def _lines_table(rows, fields):
    syn = Synonyms(fields)
    for required in ({"item", "unit_price"}, {"item", "amount"}, {"item", "qty"}):
        lines_table = detect_table(rows, syn, required)
        if lines_table is not None:
            return lines_table
    return None


def _form_head(rows, lines_table, parse_date, file: str, sheet: str, issues: list[Issue]) -> tuple[dict, dict]:
    """The form's labelled values (発注日, 納期, 宛先 ...) and field → label of those found."""
    every = len(rows)
    head: dict[str, Any] = {}
    mapping: dict[str, str] = {"po_no": "注文番号"}
    for f, labels in _FORM_LABELS.items():
        if f == "po_no" or not labels:
            continue
        hit = find_labelled_value(rows, labels, scan_rows=every)
        if hit is None:
            continue
        value, r, c = hit
        mapping[f] = labels[0]
        if f == "delivery_date":
            # a date, or a service's period (the 60 days run from its end), as order lists read it
            try:
                term = parse_delivery_term(value, after=head.get("order_date"))
            except CellValueError:
                term = None
                issues.append(Issue("bad_cell", file, sheet, r + 1, column=labels[0], value=cell_text(value),
                                    severity="warning", params={"field": labels[0], "value": cell_text(value)}))
            head[f] = term.end if term is not None else None
            head["delivery_from"] = term.start if term is not None else None
        elif f in ORDER_DATES:
            parsed, err = parse_date(value)
            if err is not None:
                issues.append(Issue("bad_cell", file, sheet, r + 1, column=labels[0], value=cell_text(value), severity="warning",
                                    params={"field": labels[0], "value": cell_text(value)}))
            head[f] = parsed
        else:
            head[f] = normalize_text(value)
    if "vendor" not in head:
        for r in range(min(lines_table.header_row, every)):
            for v in rows[r]:
                if isinstance(v, str) and re.search(r"(御中|様)\s*$", v.strip()):
                    head["vendor"] = re.sub(r"\s*(御中|様)\s*$", "", normalize_text(v))
                    mapping["vendor"] = "宛先 (御中)"
                    break
            if "vendor" in head:
                break
    return head, mapping


def _form_lines(rows, lines_table, parsers: CellParsers, file: str, sheet: str, issues: list[Issue]):
    """The line records, and the footer's figures with the Excel row of each."""
    m = lines_table.mapping
    records: list[dict] = []
    footer: dict[str, int] = {}
    footer_rows: dict[str, int] = {}
    in_footer = False
    for r in range(lines_table.data_start, len(rows)):
        row = rows[r]
        texts = [normalize_text(v).replace(" ", "") for v in row if isinstance(v, str) and v.strip()]
        label = next((t for t in texts if _FOOTER.fullmatch(t)), None)
        if label is not None:
            in_footer = True
            numbers = [v for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)]
            # a figure no amount reaches (1E+20 typed by mistake) is not read as one
            if numbers and float(numbers[-1]).is_integer() and abs(numbers[-1]) < _MAX_AMOUNT:
                key = _footer_key(label)
                if key and key not in footer:
                    footer[key] = int(numbers[-1])
                    footer_rows[key] = r + 1
            continue
        if in_footer or all(is_empty(cell(row, c)) for c in lines_table.columns):
            continue
        item = normalize_text(cell(row, m["item"])) if "item" in m else ""
        if item.replace(" ", "") in _END_OF_LINES and all(
                is_empty(cell(row, m[f])) for f in ("qty", "unit_price", "amount") if f in m):
            # 以下余白: the lines end here (a form's way of closing the table against additions)
            in_footer = True
            continue
        records.append(_form_line(row, r, item, lines_table, parsers, file, sheet, issues))
    return records, footer, footer_rows


def _form_line(row, r: int, item: str, lines_table, parsers: CellParsers, file: str, sheet: str,
               issues: list[Issue]) -> dict:
    m = lines_table.mapping
    rec: dict[str, Any] = {"source_file": file, "source_sheet": sheet, "source_row": r + 1, "item": item}
    for f in ("qty", "unit_price"):
        rec[f] = None
        if f in m:
            value, err = parsed_amount(parsers.amount, cell(row, m[f]))
            rec[f] = value if err is None else None
            if err is not None:
                issues.append(Issue("bad_cell", file, sheet, r + 1, column=lines_table.columns[m[f]],
                                    value=cell_text(cell(row, m[f])), severity="warning",
                                    params={"field": ORDER_LABELS[f], "value": cell_text(cell(row, m[f]))}))
    rec["amount"] = None
    if "amount" in m and not is_empty(cell(row, m["amount"])):
        value, err = parsed_amount(parsers.amount, cell(row, m["amount"]))
        if err is None and value is not None and value == value.to_integral_value():
            rec["amount"] = int(value)
        else:
            # an unreadable amount: said, not quietly replaced by quantity × unit price
            code = "bad_cell" if err is not None else "not_whole_yen"
            issues.append(Issue(code, file, sheet, r + 1, column=lines_table.columns[m["amount"]],
                                value=cell_text(cell(row, m["amount"])), severity="warning",
                                params={"field": ORDER_LABELS["amount"], "value": cell_text(cell(row, m["amount"]))}))
    rate = None
    if "tax_rate" in m:
        rate, _err = parsers.rate(cell(row, m["tax_rate"]))
    if rate is None and "※" in item:
        rate = Decimal("0.08")
    rec["tax_rate"] = float(rate) if rate is not None else None
    return rec


def _form_frame(records: list[dict], footer_rows: dict[str, int]):
    import pandas as pd

    frame = pd.DataFrame({c: [r.get(c) for r in records] for c in ORDER_COLUMNS}, columns=ORDER_COLUMNS)
    for c in _FIGURES:
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
        # the Excel row each figure is on, for findings (internal: not written to reports)
        frame[f"_row_{c}"] = pd.array([footer_rows.get(c) if i == 0 else None for i in range(len(records))], dtype="Int64")
    frame["vendor_key"] = [vendor_key(v) if v else "" for v in frame["vendor"]]
    for c in ORDER_MONEY:
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
    frame["tax_rate"] = pd.array([r.get("tax_rate") for r in records], dtype="Float64")
    if any(r.get("delivery_from") is not None for r in records):
        frame.insert(list(frame.columns).index("delivery_date"), "delivery_from", None)
    for c in ("order_date", "delivery_date", "delivery_from", "payment_due"):
        if c in frame.columns:
            frame[c] = pd.to_datetime(pd.Series([r.get(c) or pd.NaT for r in records], dtype="object"))
    frame["source_row"] = frame["source_row"].astype("int64")
    return frame


def _footer_key(label: str) -> str | None:
    if label.startswith("小計"):
        return "po_subtotal"
    if label.startswith("10%対象"):
        return "po_net_10"
    if label.startswith("8%対象"):
        return "po_net_8"
    if label.startswith("消費税"):
        return "po_tax"
    if label.startswith("合計") or label.startswith("総合計"):
        return "po_total"
    return None
