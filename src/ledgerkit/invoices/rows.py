"""One row of an invoice list → a record with one part per tax rate, and the row's problems.

A problem is a :class:`~ledgerkit.detect.list_rows.CellProblem` (code, field label, column,
value, whether it rejects the row, severity); the sheet's walk lists them by Excel row
(:func:`~ledgerkit.detect.list_rows.log_row`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from itertools import product
from typing import Any, Callable

from ledgerkit.core.money import acceptable_taxes, tax_amount
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.list_rows import CellProblem, read_code
from ledgerkit.detect.tables import cell
from ledgerkit.detect.walk import cell_text
from ledgerkit.invoices.frame import DATES, MONEY, RATES
from ledgerkit.invoices.layout import InvoiceLayout
from ledgerkit.parse.codes import normalize_registration_no
from ledgerkit.parse.list_cells import CellParsers, whole_yen
from ledgerkit.parse.names import looks_like_name, vendor_key
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.relative_dates import date_after
from ledgerkit.parse.terms import parse_delivery_term
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.rules.tax import infer_rate

__all__ = ["invoice_row", "person_names", "billed_month"]

LABELS = {
    "issue_date": "発行日",
    "received_date": "受領日",
    "due_date": "支払期日",
    "paid_date": "支払日",
    "withholding": "源泉税",
    "payment": "差引支払額",
}


def invoice_row(row, layout: InvoiceLayout, parsers: CellParsers) -> tuple[dict, list[CellProblem]]:
    """One list row → (record with ``_parts`` per rate, problems)."""
    m = layout.mapping
    problems: list[CellProblem] = []
    rec: dict[str, Any] = {}
    money = _money_reader(row, parsers.amount, problems)
    _text_fields(row, m, rec, problems)
    _date_fields(row, layout, parsers.date, rec, problems)
    _billed_for(row, layout, rec, problems)
    for f in ("withholding", "payment"):
        if f in m:
            rec[f], _ = money(m[f], LABELS[f])
    if layout.split:
        parts = _split_rate_parts(row, layout, rec, money, problems)
    else:
        parts = [_one_rate_part(row, layout, parsers.rate, money, problems)]
        rec["invoice_total"] = None
    rec["_parts"] = parts
    return rec, problems


def _money_reader(row, parse_amount, problems: list) -> Callable:
    """``money(column, label)`` → (whole yen or None, basis); an unreadable cell is a problem."""

    def money(c, label):
        if c is None:
            return None, None
        raw = cell(row, c)
        parsed, err = parse_amount(raw)
        if err is not None:
            problems.append(CellProblem("bad_cell", label, c, raw, True))
            return None, None
        value, basis = parsed
        try:
            return whole_yen(value), basis
        except CellValueError:
            problems.append(CellProblem("not_whole_yen", label, c, raw, True))
            return None, None

    return money


def _text_fields(row, m: dict, rec: dict, problems: list) -> None:
    rec["invoice_no"] = (read_code(row, m.get("invoice_no"), problems, "請求書番号") or "")
    rec["vendor"] = normalize_text(cell(row, m["vendor"])) if "vendor" in m else ""
    rec["vendor_key"] = vendor_key(rec["vendor"]) if rec["vendor"] else ""
    reg_raw = cell(row, m.get("registration_no"))
    rec["registration_no"] = normalize_registration_no(reg_raw) if not is_empty(reg_raw) else ""
    rec["_registration_raw"] = cell_text(reg_raw) if not is_empty(reg_raw) else ""
    rec["po_no"] = read_code(row, m.get("po_no"), problems, "注文番号") or ""
    rec["project"] = read_code(row, m.get("project"), problems, "案件") or ""
    if "vendor_code" in m:
        rec["vendor_code"] = read_code(row, m["vendor_code"], problems, "取引先コード") or ""
    if "subject" in m:
        rec["subject"] = normalize_text(cell(row, m["subject"]))


def _date_fields(row, layout: InvoiceLayout, parse_date, rec: dict, problems: list) -> None:
    # dates: an unreadable date is reported and left blank; the row stays
    m = layout.mapping
    for f in DATES:
        if f not in m:
            continue
        raw = cell(row, m[f])
        value, err = parse_date(raw)
        if err is not None and f in ("due_date", "paid_date"):
            # 11月末, 12/10, 翌月末: read after the invoice's issue (or receipt) date
            value = date_after(raw, rec.get("issue_date") or rec.get("received_date") or layout.month_start)
            err = None if value is not None else err
        if err is not None:
            problems.append(CellProblem("bad_cell", LABELS[f], m[f], raw, False))
        rec[f] = value


_SEVERAL_NAMES = re.compile(r"\s*[、,，/／;；\n]\s*")
_RANGE = re.compile(r"\s*[～〜~]\s*")


def person_names(text: Any) -> list[str]:
    """The people a 対象者 cell names: one, or several written 高橋 健一、伊藤 美咲 (一 and ・
    belong to a name: ジョン・スミス is one person).

    Examples:
        >>> person_names("高橋 健一"), person_names("高橋 健一、伊藤 美咲 / 小林誠"), person_names("")
        (['高橋 健一'], ['高橋 健一', '伊藤 美咲', '小林誠'], [])
    """
    text = normalize_text(text) if not is_empty(text) else ""
    return [n for n in _SEVERAL_NAMES.split(text) if n]


def billed_month(value: Any, after: dt.date | None = None) -> tuple[str | None, str | None]:
    """The month an invoice line bills, from its 対象月 / 対象期間 cell: ``(YYYY-MM, None)``,
    ``(None, None)`` for a blank cell, or ``(None, problem code)``.

    ``2026-10``, ``2026年10月(分)``, ``R8.10``, ``202610``, a date (its month), a period
    within one month (``2026/10/1～2026/10/31``). A month without its year (``10月``) is
    the last such month on or before ``after`` (the issue or receipt date, or the month a
    title names): ``11月分`` on an invoice of January is November of the year before.

    Examples:
        >>> billed_month("2026-10"), billed_month("R8.10"), billed_month(dt.datetime(2026, 10, 31))
        (('2026-10', None), ('2026-10', None), ('2026-10', None))
        >>> billed_month("11月分", dt.date(2027, 1, 8)), billed_month("10月"), billed_month("")
        (('2026-11', None), (None, 'invoice_month_no_year'), (None, None))
        >>> billed_month("2026/10/01～2026/10/31"), billed_month("2026/10/16～2026/11/15")
        (('2026-10', None), (None, 'invoice_month_span'))
        >>> billed_month("高橋 健一")
        (None, 'bad_cell')
    """
    if is_empty(value):
        return None, None
    if isinstance(value, str) and _RANGE.search(value.strip()):
        ends = [_one_month(v) for v in _RANGE.split(value.strip()) if v]
        if len(ends) != 2 or ends[0] is None:
            return None, "bad_cell"
        if ends[1] is not None and ends[1][1] != ends[0][1]:
            return None, "invoice_month_span"
        ym = ends[0]
    else:
        ym = _one_month(value)
    if ym is None:
        return None, "bad_cell"
    y, m = ym
    if y is None:
        if after is None:
            return None, "invoice_month_no_year"
        y = after.year - (1 if m > after.month else 0)
    return month_label(y, m), None


def _one_month(value: Any) -> tuple[int | None, int] | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)) and float(value).is_integer() and 1 <= value <= 12:
        return None, int(value)  # 10 in a 対象月 column: October
    if isinstance(value, str) and re.fullmatch(r"[0-9]{1,6}", normalize_text(value)):
        return _one_month(int(normalize_text(value)))
    return parse_month(value)


def _billed_for(row, layout: InvoiceLayout, rec: dict, problems: list) -> None:
    """Whom and which month the line bills (対象者, 対象月): an SES list's person-month."""
    m = layout.mapping
    if "person" in m:
        raw = cell(row, m["person"])
        names = person_names(raw)
        if names and not all(looks_like_name(n) for n in names):
            # a person must look like one: a number or a date here is no one to match (a warning;
            # the invoice is still read)
            problems.append(CellProblem("invoice_person_not_a_name", layout.columns[m["person"]], m["person"], raw, False))
            names = []
        rec["person"] = "、".join(names)
    after = rec.get("issue_date") or rec.get("received_date") or layout.month_start
    if "month" in m:
        raw = cell(row, m["month"])
        month, problem = billed_month(raw, after)
        if problem is not None:
            problems.append(CellProblem(problem, layout.columns[m["month"]], m["month"], raw, False))
        rec["month"] = month or ""
    _booked_month(row, layout, rec, problems, after)


def _booked_month(row, layout: InvoiceLayout, rec: dict, problems: list, after) -> None:
    """The 取引年月日 (a date or a period within one month) and the 計上月: the months a purchase is
    booked by when the list gives no 対象月 (``month_basis``)."""
    m = layout.mapping
    if "transaction_date" in m:
        raw = cell(row, m["transaction_date"])
        rec["month_basis"] = ""
        rec["transaction_date"] = None
        try:
            term = parse_delivery_term(raw, after=after)
        except CellValueError:
            term = None
            problems.append(CellProblem("bad_cell", layout.columns[m["transaction_date"]], m["transaction_date"], raw,
                                        False))
        if term is not None:
            rec["transaction_date"] = term.end
            if term.start is not None and (term.start.year, term.start.month) != (term.end.year, term.end.month):
                problems.append(CellProblem("invoice_month_span", layout.columns[m["transaction_date"]],
                                            m["transaction_date"], raw, False))
            else:
                rec["_month_transaction"] = month_label(term.end.year, term.end.month)
    if "booking_month" in m:
        raw = cell(row, m["booking_month"])
        rec["month_basis"] = ""
        month, problem = billed_month(raw, after)
        if problem is not None:
            problems.append(CellProblem(problem, layout.columns[m["booking_month"]], m["booking_month"], raw, False))
        rec["_month_booking"] = month or ""
    if "month" in m:
        rec["month_basis"] = ""


def _split_rate_parts(row, layout: InvoiceLayout, rec: dict, money, problems: list) -> list[dict]:
    """The parts of a split-rate row: one per rate it uses (or its total alone)."""
    rec["invoice_total"], _ = money(layout.invoice_total_col, "税込合計")
    parts: list[dict] = []
    for rate in RATES:
        c_net, c_tax, c_total = (layout.split.get((k, rate)) for k in MONEY)
        pct = f"{int(rate * 100)}%"
        net, _ = money(c_net, f"税抜金額({pct})")
        tax, _ = money(c_tax, f"消費税({pct})")
        total, _ = money(c_total, f"税込金額({pct})")
        if all(v in (None, 0) for v in (net, tax, total)):
            continue
        total_given = total is not None
        _report_blank(row, layout, problems, net, tax, c_tax, c_total)
        if tax is None and net is not None and total is not None and c_tax is None:
            tax = total - net
        if net is None and tax is not None and total is not None:
            net = total - tax
        if total is None and net is not None and tax is not None and c_total is None:
            total = net + tax
        parts.append(
            {
                "net": net,
                "tax": tax,
                "total": total,
                "tax_rate": float(rate),
                "_rate_given": True,
                "_total_given": total_given,
                "_col_net": layout.columns.get(c_net, ""),
                "_col_tax": layout.columns.get(c_tax if c_tax is not None else c_total, ""),
                "_col_total": layout.columns.get(c_total, ""),
            }
        )
    _share_tax_column(layout, parts, money)
    if not parts and not any(p.rejects for p in problems):
        if rec["invoice_total"] not in (None,):
            parts.append(
                {"net": None, "tax": None, "total": rec["invoice_total"], "tax_rate": None, "_rate_given": False,
                 "_total_given": False, "_col_net": "", "_col_tax": "", "_col_total": ""}
            )
        else:
            problems.append(CellProblem("missing_value", "金額", None, "", True))
    return parts


def _share_tax_column(layout: InvoiceLayout, parts: list[dict], money) -> None:
    c_tax_all = layout.single.get("tax")
    if parts and c_tax_all is not None and not any(k == "tax" for k, _ in layout.split):
        # 10%対象 | 8%対象 | 消費税: one tax for the whole invoice, shared out per rate
        tax_all, _ = money(c_tax_all, "消費税")
        if tax_all is not None and all(pt["net"] is not None and pt["tax"] is None for pt in parts):
            for pt, t in zip(parts, _share_tax(tax_all, [(pt["net"], Decimal(str(pt["tax_rate"]))) for pt in parts])):
                pt.update(tax=t, total=pt["net"] + t, _col_tax=layout.columns.get(c_tax_all, ""))


def _one_rate_part(row, layout: InvoiceLayout, parse_rate, money, problems: list) -> dict:
    """The one part of a one-rate row: net, tax and total, with the rate given or inferred."""
    m = layout.mapping
    s = layout.single
    net, nb = money(s.get("net"), "税抜金額")
    tax, _ = money(s.get("tax"), "消費税")
    total, tb = money(s.get("total"), "税込金額")
    net_col = layout.columns.get(s.get("net"), "")
    if nb == "incl" and net is not None and (total is None or total == net):
        # a 金額 cell that says so (1,100円(税込)) holds the tax-included amount
        total, net, net_col = net, (net - tax if tax is not None else None), ""
    rate, rate_given = _row_rate(row, m, parse_rate, problems)
    total_given = total is not None
    if rate != 0:
        # 税抜 given: (a 税込 figure with its rate alone can be a 適格簡易請求書, §3.1)
        _report_blank(row, layout, problems, net, tax, s.get("tax"), s.get("total"))
    tax_col = s.get("tax")
    if tax is None and net is not None and total is not None and "tax" not in s:
        tax = total - net
        tax_col = s.get("total")
    if net is None and "net" not in s and tax is not None and total is not None:
        net = total - tax
    if total is None and "total" not in s and net is not None and tax is not None:
        total = net + tax
    if net is None and tax is None and total is None:
        if not any(p.rejects for p in problems):
            problems.append(CellProblem("missing_value", "金額", next(iter(s.values()), None), "", True))
    if rate is None and not rate_given and net is not None and tax is not None:
        rate = infer_rate(net, tax)
    return {
        "net": net,
        "tax": tax,
        "total": total,
        "tax_rate": float(rate) if rate is not None else None,
        "_rate_given": rate_given,
        "_total_given": total_given,
        "_col_net": net_col,
        "_col_tax": layout.columns.get(tax_col, ""),
        "_col_total": layout.columns.get(s.get("total"), ""),
    }


def _row_rate(row, m: dict, parse_rate, problems: list) -> tuple[Decimal | None, bool]:
    """(the 税率 cell's rate, whether the list gives one for this row)."""
    rate = None
    rate_given = False
    if "tax_rate" in m:
        raw = cell(row, m["tax_rate"])
        rate, err = parse_rate(raw)
        if err is not None:
            # 9%: not guessed from the tax (that would pass the tax check on a guess). The rate
            # stays blank, the row stays, and _rate_given keeps the tax checks from running.
            problems.append(CellProblem("tax_rate_unreadable", "税率", m["tax_rate"], raw, False, "error"))
        rate_given = rate is not None or err is not None
    return rate, rate_given


def _report_blank(row, layout: InvoiceLayout, problems: list, base, tax, c_tax, c_total) -> None:
    """A 消費税 / 税込 column the list has, left blank beside an amount: a qualified invoice
    states its tax per rate (DOMAIN.md §3.1), so the gap is reported, never read as 0. The
    row stays; the problem names the column as written."""
    if base is None:
        return
    if tax is None and c_tax is not None and is_empty(cell(row, c_tax)):
        problems.append(CellProblem("tax_missing", layout.columns.get(c_tax, "消費税"), c_tax, "", False))
    if c_total is not None and is_empty(cell(row, c_total)):
        problems.append(CellProblem("total_missing", layout.columns.get(c_total, "税込金額"), c_total, "", False))


def _share_tax(tax: int, parts: list[tuple[int, Decimal]]) -> list[int]:
    """An invoice's one tax figure shared out over its rates: the split in which each rate's
    share is a rounding of its own net × rate (DOMAIN.md §4.2). When none is, the rates but
    the last take their rounded-down tax and the last the rest, so its check fails there.

    Examples:
        >>> _share_tax(175, [(315, Decimal("0.10")), (1801, Decimal("0.08"))])
        [31, 144]
        >>> _share_tax(180, [(315, Decimal("0.10")), (1801, Decimal("0.08"))])
        [31, 149]
    """
    if len(parts) == 1:
        return [tax]
    options = [sorted(acceptable_taxes(net, rate)) for net, rate in parts[:-1]]
    last_net, last_rate = parts[-1]
    last_ok = acceptable_taxes(last_net, last_rate)
    for head in product(*options):
        if tax - sum(head) in last_ok:
            return [*head, tax - sum(head)]
    head = [tax_amount(net, rate, "down") for net, rate in parts[:-1]]
    return [*head, tax - sum(head)]
