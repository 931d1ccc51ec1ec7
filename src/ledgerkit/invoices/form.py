"""A single 請求書 laid out as a form (labelled 請求書番号, a line table, 合計), told apart from a list.

``check invoices`` reads invoice *lists* (請求書一覧: one invoice or one invoice-and-rate a
row). A form given instead is said for what it is, in one line, with what to do: never a
bare "no table" and never read as a list.
"""

from __future__ import annotations

import re

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.labels import find_labelled_value
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.walk import cell_text
from ledgerkit.parse.text import normalize_text

__all__ = ["invoice_form"]

#: the label of a form's invoice number
_NUMBER_LABELS = ["請求書番号", "請求番号", "請求書No", "請求書No.", "請求No", "請求書NO", "Invoice No", "Invoice Number"]

#: a form's line table: 品名 with 金額 (or 単価 / 数量)
_LINE_FIELDS = {
    "item": ["品名", "品目", "内容", "摘要", "作業内容", "商品名", "Description"],
    "qty": ["数量", "Qty"],
    "unit_price": ["単価", "Unit Price"],
    "amount": ["金額", "Amount"],
}
_TOTAL = re.compile(r"(?:ご請求)?(?:合計|総合計|合計金額|請求金額)(?:\(税込\))?")


def invoice_form(rows, file: str, sheet: str) -> SheetResult | None:
    """The sheet's result when it is one 請求書 laid out as a form, else None.

    A form has a labelled 請求書番号, a line table (品名 + 金額) and a 合計 cell below the table's header.

    Examples:
        >>> rows = [["", "請求書番号", "INV-1"], ["品名", "数量", "金額"], ["設計", 1, 1000], ["", "合計", 1100]]
        >>> r = invoice_form(rows, "a.xlsx", "請求書")
        >>> r.note, [(i.code, i.params["no"]) for i in r.issues]
        ('invoice form', [('invoice_form_not_list', 'INV-1')])
        >>> invoice_form([["請求書番号", "取引先", "金額"], ["A-1", "アルファ", 1000]], "a.xlsx", "S") is None
        True
    """
    every = len(rows)
    number = find_labelled_value(rows, _NUMBER_LABELS, scan_rows=every)
    if number is None:
        return None
    syn = Synonyms(_LINE_FIELDS)
    lines = next((t for req in ({"item", "amount"}, {"item", "unit_price"}) if (t := detect_table(rows, syn, req))), None)
    if lines is None or lines.header_excel_row - 1 == number[1]:
        return None
    below = range(lines.header_excel_row, every)
    if not any(isinstance(v, str) and _TOTAL.fullmatch(normalize_text(v).replace(" ", "")) for r in below for v in rows[r]):
        return None
    return SheetResult(
        issues=[Issue("invoice_form_not_list", file, sheet, scope="sheet", severity="warning",
                      params={"no": cell_text(number[0])})],
        note="invoice form",
    )
