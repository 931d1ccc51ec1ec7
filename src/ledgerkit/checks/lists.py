"""``ledgerkit check``: run the rules of :mod:`ledgerkit.checks.rules` over whole invoice and order lists.

:func:`check_invoices` and :func:`check_orders` take files (or frames already read) and
return a findings frame with :data:`~ledgerkit.checks.rules.FINDING_COLUMNS`: ``rule``,
``severity`` (``error`` / ``warning``), ``message`` (Japanese by default, with the
expected figure), ``source_file``, ``source_sheet``, ``source_row`` (as Excel numbers
it), ``column`` (the header as the file writes it), ``invoice_no``; then ``value``,
``expected`` and ``field`` (the canonical column, for highlighting).

What is checked, and how severe it is:

=========================  ========  =====================================================
rule                       severity  when
=========================  ========  =====================================================
tax_mismatch               error     tax ≠ net × rate rounded once (down / half up / up,
                                     or only ``rounding``), per invoice per rate
tax_mismatch_included      error     no 税抜 column: tax ≠ total × 10/110 (8/108) rounded once,
                                     nor the tax of (total − tax)
tax_rate_unknown           warning   no rate given and the tax fits neither 10% nor 8%
tax_rate_unreadable        error     the 税率 cell is not a rate (``9%``): left blank, not guessed,
                                     and no tax check runs on that row
tax_missing                error     税抜 given but the list's 消費税 cell is blank (never read as 0;
                                     the tax, and its rate group, are not checked)
total_missing              error     税抜 given but the list's 税込 cell is blank
total_mismatch             error     total ≠ net + tax
invoice_total_mismatch     error     a split-rate invoice's total ≠ Σ (net + tax)
withholding_mismatch       error     源泉税 ≠ 10.21% (20.42% above ¥1M) of the fee, rounded down
payment_mismatch           error     差引支払額 ≠ total − 源泉税
registration_no_format     error     登録番号 is not T + 13 digits (first digit 1-9)
registration_no_check_digit warning  fails the 法人番号 check digit (sole proprietors may)
registration_no_missing    warning   the list has a 登録番号 column but this cell is blank
registration_no_shared     warning   one 登録番号 written for vendors of different names
duplicate_invoice          error     the same invoice entered twice (counted once)
invoice_conflict           error     same vendor + invoice number, different amounts
issue_date_future          error     issue date after ``today`` (in a later month)
issue_date_ahead           warning   issue date later this month (closing-day invoice sent early)
issue_after_due            error     issue date after the due date
due_too_far                warning   due date > ``max_due_days`` (120) after issue
po_unknown                 error     (with orders) the invoice's 注文番号 is not ordered
po_vendor_mismatch         error     (with orders) invoice vendor ≠ order vendor
po_over_amount             error     (with orders) Σ net invoiced against an order > ordered
=========================  ========  =====================================================

Orders (:func:`check_orders`): ``term_column_missing`` / ``term_missing`` (written terms
of 取適法 4条, from ``ledgerkit/data/toriteki_4jo_2026.toml``), ``line_amount_mismatch``
(qty × unit price), ``subtotal_mismatch`` (per rate), ``tax_per_line`` / ``tax_mismatch``
(tax rounded once per rate), ``total_mismatch``, ``po_conflict`` and
``payment_due_over_60`` (warning: more than 60 days after delivery), ``payment_by_note``
(error: 手形 from 2026) and ``payment_not_cash`` (warning: でんさい, 一括決済, ファクタリング).

Rows the readers could not use (unreadable amounts, ...) come in as findings too, with
the reader's code as the rule.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from ledgerkit.checks import rules as R
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.checks.rules import FINDING_COLUMNS, Finding

__all__ = [
    "check_invoices",
    "check_orders",
    "invoice_findings",
    "order_findings",
    "findings_frame",
    "write_findings",
    "summary_counts",
]

#: reading issues that become findings in a check, with the severity they get there
#: a blank 消費税 / 税込 is a warning while aggregating (the row is kept) but an error for a check:
#: a qualified invoice states its tax per rate (DOMAIN.md §3.1)
_ISSUE_SEVERITY = {"duplicate_invoice": "error", "invoice_conflict": "error", "tax_missing": "error",
                   "total_missing": "error"}

#: headings of the findings / invoice columns not in writers.HEADINGS_*
HEADINGS = {
    "ja": {
        "rule": "ルール", "severity": "重要度", "message": "内容", "source_file": "元ファイル",
        "source_sheet": "元シート", "source_row": "元行", "column": "列", "invoice_no": "請求書番号",
        "value": "値", "expected": "正しい値", "field": "項目", "issue_date": "発行日", "vendor_key": "取引先キー",
        "po_no": "注文番号", "invoice_total": "請求書合計(税込)", "invoice_key": "請求書キー", "total": "税込金額",
        "order_date": "発注日", "item": "品名", "qty": "数量", "unit_price": "単価", "subtotal": "小計",
        "delivery_date": "納期", "delivery_place": "納品場所", "payment_due": "支払期日", "payment_method": "支払方法",
        "received_date": "受領日", "subject": "件名", "paid_date": "支払日", "withholding": "源泉税", "payment": "差引支払額",
        "vendor_code": "取引先コード", "unit": "単位", "orderer": "発注者", "payment_terms": "支払条件",
        "inspection_date": "検査完了日",
    },
    "en": {
        "rule": "Rule", "severity": "Severity", "message": "Message", "source_file": "Source file",
        "source_sheet": "Source sheet", "source_row": "Source row", "column": "Column", "invoice_no": "Invoice no.",
        "value": "Value", "expected": "Expected", "field": "Field", "issue_date": "Issue date", "vendor_key": "Vendor key",
        "po_no": "PO no.", "invoice_total": "Invoice total", "invoice_key": "Invoice key", "total": "Total",
        "order_date": "Order date", "item": "Item", "qty": "Qty", "unit_price": "Unit price", "subtotal": "Subtotal",
        "delivery_date": "Delivery", "delivery_place": "Delivery place", "payment_due": "Payment due",
        "payment_method": "Payment method", "received_date": "Received", "subject": "Subject", "paid_date": "Paid on",
        "withholding": "Withholding", "payment": "Net payment", "vendor_code": "Vendor code", "unit": "Unit",
        "orderer": "Orderer", "payment_terms": "Payment terms", "inspection_date": "Inspection",
    },
}

_FIELD_LABEL = {
    "tax": "消費税", "net": "税抜金額", "total": "税込金額", "registration_no": "登録番号", "issue_date": "発行日",
    "due_date": "支払期日", "po_no": "注文番号", "vendor": "取引先", "invoice_total": "税込合計",
    "amount": "金額", "subtotal": "小計", "payment_due": "支払期日", "order_date": "発注日",
    "item": "品名", "delivery_date": "納期", "delivery_place": "納品場所", "payment_method": "支払方法",
    "withholding": "源泉税", "payment": "差引支払額",
}


def _setting(config, key: str, value, default):
    if value is not None:
        return value
    if config is not None:
        got = config.get(key, None)
        if got is not None and got != "":
            return got
    return default


def _na(v) -> bool:
    if v is None:
        return True
    if isinstance(v, (str, int, bool)):
        return False
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _rate(v) -> Decimal | None:
    if _na(v):
        return None
    return Decimal(repr(float(v))).quantize(Decimal("0.01"))


def _date(v) -> dt.date | None:
    if _na(v):
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    import pandas as pd

    return pd.Timestamp(v).date()


def _get(row, name: str, default=None):
    try:
        v = row[name]
    except (KeyError, IndexError):
        return default
    return default if _na(v) else v


def _issue_findings(issues: Iterable[Issue]) -> list[Finding]:
    out = []
    for i in issues:
        if i.severity not in ("error", "warning"):
            continue
        out.append(
            Finding(
                i.code,
                _ISSUE_SEVERITY.get(i.code, i.severity),
                dict(i.params),
                field="",
                value=i.value,
                file=i.file,
                sheet=i.sheet,
                row=i.row,
                column=i.column,
                invoice_no=str(i.params.get("invoice_no", "")) if i.params else "",
            )
        )
    return out


def findings_frame(findings: Iterable[Finding], lang: str = "ja"):
    """Findings as a frame with :data:`~ledgerkit.checks.rules.FINDING_COLUMNS`, in file/sheet/row order.

    Examples:
        >>> f = findings_frame([Finding("total_mismatch", "error", {"total": "1", "net": "1", "tax": "1", "expected": "2"},
        ...                            file="a.xlsx", sheet="S", row=3)])
        >>> f.loc[0, "rule"], f.loc[0, "severity"], int(f.loc[0, "source_row"])
        ('total_mismatch', 'error', 3)
    """
    import pandas as pd

    findings = list(findings)
    # files in name order (the order they are read in), sheets in the order met, then Excel rows
    sheets: dict[tuple[str, str], int] = {}
    for f in findings:
        sheets.setdefault((f.file, f.sheet), len(sheets))
    findings.sort(key=lambda f: (f.file, sheets[(f.file, f.sheet)], f.row if f.row is not None else 0))
    frame = pd.DataFrame.from_records([f.as_record(lang) for f in findings], columns=FINDING_COLUMNS)
    frame["source_row"] = frame["source_row"].astype("Int64")
    return frame


def summary_counts(findings) -> dict[str, int]:
    """``{"error": n, "warning": m}`` for a findings frame."""
    counts = findings["severity"].value_counts().to_dict() if len(findings) else {}
    return {"error": int(counts.get("error", 0)), "warning": int(counts.get("warning", 0))}


# --- invoices ---------------------------------------------------------------------------------


def _place(f: Finding | None, row, column: str = "") -> Finding | None:
    if f is None:
        return None
    col = column or _get(row, f"_col_{f.field}", "") or _FIELD_LABEL.get(f.field, f.field)
    return f.at(
        file=str(_get(row, "source_file", "")),
        sheet=str(_get(row, "source_sheet", "")),
        row=int(_get(row, "source_row")) if _get(row, "source_row") is not None else None,
        column=col,
        invoice_no=str(_get(row, "invoice_no", "")),
    )


def invoice_findings(
    invoices,
    orders=None,
    *,
    today: dt.date | None = None,
    rounding: str | None = None,
    max_due_days: int = R.DEFAULT_MAX_DUE_DAYS,
    require_registration: bool = True,
) -> list[Finding]:
    """The rule findings for an invoice frame (one row per invoice and rate).

    ``orders`` is an order frame (:func:`ledgerkit.invoices.read.read_orders`) or None.
    """
    today = today or dt.date.today()
    out: list[Finding] = []
    frame = invoices.reset_index(drop=True)
    has = set(frame.columns)
    # plain dicts: a row lookup in a DataFrame costs more than the rules themselves
    records = [{k: (None if _na(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]
    members: dict[str, list[dict]] = {}
    for pos, row in enumerate(records):
        key = str(row.get("invoice_key") or "") or f"{row.get('source_file')}|{row.get('source_sheet')}|{row.get('source_row')}|{pos}"
        row["_key"] = key
        members.setdefault(key, []).append(row)
    reg_column_default = "registration_no" in has and "_has_reg_column" not in has
    # the rows of one invoice at one rate (a list may give an invoice's lines one row each)
    by_rate: dict[tuple[str, Decimal | None], list[dict]] = {}
    for row in records:
        by_rate.setdefault((row["_key"], _rate(row.get("tax_rate"))), []).append(row)
    for row in records:
        net, tax, total = row.get("net"), row.get("tax"), row.get("total")
        rate = _rate(row.get("tax_rate"))
        rate_given = bool(row.get("_rate_given", rate is not None)) if "_rate_given" in has else rate is not None
        # tax, once per invoice per rate
        lines = by_rate[(row["_key"], rate)]
        if rate is not None and len(lines) > 1:
            if lines[0] is row and all(r.get("net") is not None and r.get("tax") is not None for r in lines):
                subtotal = sum(int(r["net"]) for r in lines)
                taxes = [int(r["tax"]) for r in lines]
                out.append(_place(R.check_tax_once_per_rate(taxes, subtotal, rate, rounding), row))
        elif net is not None and tax is not None:
            if rate is not None and total is not None and "_col_net" in has and not row.get("_col_net"):
                # no 税抜 column: the list gives the total and the tax in it (tax-included basis)
                out.append(_place(R.check_tax_included(int(total), int(tax), rate, rounding), row))
            elif rate is not None:
                out.append(_place(R.check_tax(int(net), int(tax), rate, rounding), row))
            elif not rate_given:
                out.append(_place(R.check_unknown_rate(int(net), int(tax)), row))
        total_given = bool(row.get("_total_given")) if "_total_given" in has else total is not None
        if total_given and net is not None and tax is not None and total is not None:
            out.append(_place(R.check_total(int(net), int(tax), int(total)), row))
        group = members[row["_key"]]
        if group[0] is not row:
            continue
        # once per invoice
        inv_total = row.get("invoice_total")
        if inv_total is not None and all(r.get("net") is not None and r.get("tax") is not None for r in group):
            expected = sum(int(r["net"]) + int(r["tax"]) for r in group)
            if int(inv_total) != expected:
                out.append(
                    _place(
                        Finding(
                            "invoice_total_mismatch",
                            "error",
                            {"total": f"{int(inv_total):,}", "expected": f"{expected:,}"},
                            field="invoice_total",
                            value=str(int(inv_total)),
                            expected=str(expected),
                        ),
                        row,
                    )
                )
        withholding, payment = row.get("withholding"), row.get("payment")
        if withholding is not None or payment is not None:
            nets = [r.get("net") for r in group]
            inv_net = sum(int(v) for v in nets) if all(v is not None for v in nets) else None
            totals = [r.get("total") for r in group]
            whole = int(inv_total) if inv_total is not None else (
                sum(int(v) for v in totals) if all(v is not None for v in totals) else None)
            if withholding is not None:
                out.append(_place(R.check_withholding(inv_net, whole, int(withholding)), row))
            if payment is not None and whole is not None:
                out.append(_place(R.check_payment(whole, withholding, int(payment)), row))
        raw_reg = row.get("_registration_raw") or row.get("registration_no") or ""
        if raw_reg:
            out.append(_place(R.check_registration_no(raw_reg), row))
        elif require_registration and bool(row.get("_has_reg_column", reg_column_default)):
            out.append(_place(Finding("registration_no_missing", "warning", {}, field="registration_no"), row))
        issue, due = _date(row.get("issue_date")), _date(row.get("due_date"))
        for f in R.check_issue_date(issue, due, today=today):
            out.append(_place(f, row))
        out.append(_place(R.check_due_date(issue, due, max_days=max_due_days), row))
    out.extend(_shared_registration_findings(records))
    if orders is not None:
        out.extend(_po_findings(records, orders))
    return [f for f in out if f is not None]


def _shared_registration_findings(records: list[dict]) -> list[Finding]:
    """One 登録番号 under two vendor names (not legal-form or width variants of one name):
    a number copied from the wrong vendor makes the tax credit doubtful. Reported once
    for each further name, on its first row."""
    from ledgerkit.parse import normalize as nz

    first: dict[str, dict] = {}  # registration number → first row
    seen: set[tuple[str, str]] = set()
    out: list[Finding] = []
    for row in records:
        reg, key = str(row.get("registration_no") or ""), str(row.get("vendor_key") or "")
        if not key or not nz.is_registration_no_format(reg):
            continue
        orig = first.setdefault(reg, row)
        if str(orig.get("vendor_key") or "") == key or (reg, key) in seen:
            continue
        seen.add((reg, key))
        place = f"{Path(str(orig.get('source_file', ''))).name} / {orig.get('source_sheet', '')}"
        where = {"ja": f"{place} / {orig.get('source_row')}行目", "en": f"{place} / row {orig.get('source_row')}"}
        finding = Finding(
            "registration_no_shared",
            "warning",
            {"value": reg, "vendor": row.get("vendor") or key, "other_vendor": orig.get("vendor") or "", "other": where},
            field="registration_no",
            value=reg,
        )
        out.append(_place(finding, row))
    return out


def _order_index(orders) -> dict[str, dict]:
    from ledgerkit.parse import normalize as nz

    index: dict[str, dict] = {}
    for _, row in orders.iterrows():
        po = str(_get(row, "po_no", "") or "")
        if not po:
            continue
        entry = index.setdefault(po, {"vendor": "", "registration_no": "", "ordered": 0, "has_amount": False})
        if not entry["vendor"]:
            entry["vendor"] = _get(row, "vendor", "") or ""
        reg = _get(row, "registration_no", "") or ""
        if not entry["registration_no"] and nz.is_registration_no_format(reg):
            entry["registration_no"] = reg
        amount = _get(row, "amount")
        if amount is None and _get(row, "qty") is not None and _get(row, "unit_price") is not None:
            amount = int(Decimal(str(_get(row, "qty"))) * Decimal(str(_get(row, "unit_price"))))
        if amount is not None:
            entry["ordered"] += int(amount)
            entry["has_amount"] = True
    return index


def _po_key(po: str) -> str:
    """An order number as matched: width, case and spaces do not count (ｐ－００２ = P-002)."""
    from ledgerkit.parse import normalize as nz

    return nz.normalize_text(po).upper().replace(" ", "")


def _po_refs(po: str, index: dict[str, dict]) -> str | None:
    """The index key an invoice's 注文番号 cell refers to: the number itself, or for a cell
    naming several orders (``P-001, P-002``) a key for them together; None when unknown."""
    key = _po_key(po)
    if key in index:
        return key
    parts = [_po_key(p) for p in re.split(r"[,、，/／・\s]+", po.strip()) if p]
    if len(parts) > 1 and all(k in index for k in parts):
        joined = "+".join(parts)
        if joined not in index:
            first = index[parts[0]]
            index[joined] = {**first, "ordered": sum(index[k]["ordered"] for k in parts),
                             "has_amount": all(index[k]["has_amount"] for k in parts)}
        return joined
    return None


def _po_findings(frame: list[dict], orders) -> list[Finding]:
    from ledgerkit.parse import normalize as nz

    index = {}
    for po_no, entry in _order_index(orders).items():
        index.setdefault(_po_key(po_no), entry)
    out: list[Finding] = []
    by_po: dict[str, list] = {}
    done_vendor: set[str] = set()
    for pos, row in enumerate(frame):
        written = str(_get(row, "po_no", "") or "")
        if not written:
            continue
        key = str(row.get("_key") or _get(row, "invoice_key", pos))
        po = _po_refs(written, index) or written
        if po not in index:
            po = written
            if key not in done_vendor:
                done_vendor.add(key)
                out.append(
                    _place(
                        Finding("po_unknown", "error", {"po": po}, field="po_no", value=po, expected={"ja": "注文一覧の注文番号", "en": "an order number in the order list"}),
                        row,
                    )
                )
            continue
        by_po.setdefault(po, []).append((pos, row))
        if key in done_vendor:
            continue
        done_vendor.add(key)
        order = index[po]
        reg = _get(row, "registration_no", "") or ""
        out.append(
            _place(
                R.check_vendor_match(
                    _get(row, "vendor", "") or "",
                    order["vendor"],
                    invoice_reg=reg if nz.is_registration_no_format(reg) else "",
                    order_reg=order["registration_no"],
                    po_no=written,
                ),
                row,
            )
        )
    for po, items in by_po.items():
        order = index[po]
        if not order["has_amount"]:
            continue
        # in the order the invoices came: issue date, then as listed
        items.sort(key=lambda it: (_date(_get(it[1], "issue_date")) or dt.date.max, it[0]))
        invoiced = sum(int(_get(r, "net", 0) or 0) for _, r in items)
        count = len({str(r.get("_key") or p) for p, r in items})
        running = 0
        for _, r in items:
            running += int(_get(r, "net", 0) or 0)
            if running > order["ordered"]:
                out.append(_place(R.check_po_amount(invoiced, order["ordered"], po_no=po, count=count), r))
                break
    return out


def no_invoice_list(paths, issues: Iterable[Issue] = (), lang: str = "ja") -> InputError:
    """The error for inputs with no invoice rows; it names an order list given by mistake."""
    order_list = next((i for i in issues if i.code == "order_list_not_invoices"), None)
    if order_list is not None:
        return InputError(f"{order_list.file}: {order_list.sheet}: {order_list.message(lang)}")
    return InputError(
        f"no invoice list found in {', '.join(str(p) for p in paths)} "
        "(a table with 取引先, 請求書番号 or 登録番号 and an amount column)"
    )


def check_invoices(
    paths_or_frame,
    orders=None,
    config=None,
    *,
    issues: Iterable[Issue] | None = None,
    today: dt.date | None = None,
    rounding: str | None = None,
    max_due_days: int | None = None,
    require_registration: bool | None = None,
    lang: str | None = None,
):
    """Check received-invoice lists; return the findings as a frame.

    ``paths_or_frame``: invoice list files or folders, or a frame from
    :func:`ledgerkit.invoices.read.read_invoices` (``keep_internal=True`` keeps the header
    each figure came from, for the ``column`` of a finding). ``orders``: order-list
    files or an order frame; with it, each invoice's 注文番号 is matched to the orders.
    ``issues``: reading issues to include as findings (files read here add their own).

    ``today`` (default: the computer's date) decides what is "in the future";
    ``rounding`` (``down`` / ``half_up`` / ``up``; config ``tax.rounding_required``)
    requires one rounding mode instead of accepting any; ``max_due_days``
    (config ``invoices.max_due_days``, 120) is the longest issue-to-due span not reported.

    Examples:
        >>> import pandas as pd
        >>> inv = pd.DataFrame({"invoice_no": ["A-1"], "vendor": ["㈱アルファ"], "registration_no": ["T8700110005901"],
        ...     "net": pd.array([315], dtype="Int64"), "tax": pd.array([30], dtype="Int64"),
        ...     "total": pd.array([345], dtype="Int64"), "tax_rate": [0.10],
        ...     "source_file": ["a.xlsx"], "source_sheet": ["S"], "source_row": [2]})
        >>> check_invoices(inv, today=dt.date(2026, 11, 26))[["rule", "expected"]].to_dict("records")
        [{'rule': 'tax_mismatch', 'expected': '31 / 32'}]
    """
    import pandas as pd

    from ledgerkit.invoices.read import read_invoices, read_orders

    lang = lang or (config.lang if config is not None and hasattr(config, "lang") else "ja")
    rounding = _setting(config, "tax.rounding_required", rounding, None)
    if rounding is not None and rounding not in R.ROUNDING_MODES:
        raise InputError(f"rounding must be one of {', '.join(R.ROUNDING_MODES)}, not {rounding!r}")
    max_due_days = int(_setting(config, "invoices.max_due_days", max_due_days, R.DEFAULT_MAX_DUE_DAYS))
    require_registration = bool(_setting(config, "invoices.require_registration", require_registration, True))
    all_issues = list(issues or [])
    if isinstance(paths_or_frame, pd.DataFrame):
        frame = paths_or_frame
    else:
        paths = [paths_or_frame] if isinstance(paths_or_frame, (str, Path)) else list(paths_or_frame)
        frame, read_issues, rows_read = read_invoices(paths, config, keep_internal=True)
        all_issues.extend(read_issues)
        if rows_read == 0 and (read_issues or not len(frame.columns)):
            raise no_invoice_list(paths, read_issues, lang)
    order_frame = None
    if orders is not None:
        if isinstance(orders, pd.DataFrame):
            order_frame = orders
        else:
            opaths = [orders] if isinstance(orders, (str, Path)) else list(orders)
            order_frame, order_issues, columns = read_orders(opaths, config)
            if not columns:
                raise InputError(f"no order list found in {', '.join(str(p) for p in opaths)} (a table with 注文番号)")
            all_issues.extend(order_issues)
    found = invoice_findings(
        frame,
        order_frame,
        today=today,
        rounding=rounding,
        max_due_days=max_due_days,
        require_registration=require_registration,
    )
    return findings_frame(_issue_findings(all_issues) + found, lang)


# --- orders ---------------------------------------------------------------------------------------


def order_findings(
    orders,
    *,
    columns: dict | None = None,
    terms: dict | None = None,
    rounding: str | None = None,
    payment_days: int = R.DEFAULT_PAYMENT_DAYS,
) -> list[Finding]:
    """The rule findings for an order frame (one row per order line).

    ``columns`` maps (file, sheet) → {field: header} as :func:`ledgerkit.invoices.read.read_orders`
    returns it; without it, a field counts as a column of the list when the frame has it.
    """
    terms = terms or R.written_terms()
    law = terms.get("short", "")
    out: list[Finding] = []
    frame = orders.reset_index(drop=True)
    if columns is None:
        columns = {}
        for (file, sheet), _g in frame.groupby(["source_file", "source_sheet"], sort=False):
            columns[(file, sheet)] = {c: _FIELD_LABEL.get(c, c) for c in frame.columns}
    # written-term columns the list does not have at all: once per sheet
    absent_by_sheet: dict[tuple, set[str]] = {}
    for (file, sheet), mapping in columns.items():
        absent = set()
        for item in terms["items"]:
            if not item.get("check", True):
                continue
            if not any(f in mapping for f in item["fields"]):
                absent.add(item["id"])
                out.append(
                    Finding(
                        "term_column_missing",
                        item.get("severity", "error"),
                        {"item": item["label"], "item_en": item.get("label_en", item["id"]), "law": law},
                        field=item["fields"][0],
                        expected=item["label"],
                        file=str(file),
                        sheet=str(sheet),
                    )
                )
        absent_by_sheet[(file, sheet)] = absent

    def col_of(row, field):
        mapping = columns.get((_get(row, "source_file"), _get(row, "source_sheet")), {})
        return mapping.get(field, "") or _FIELD_LABEL.get(field, field)

    def place(f, row, field=None):
        if f is None:
            return None
        return f.at(
            file=str(_get(row, "source_file", "")),
            sheet=str(_get(row, "source_sheet", "")),
            row=int(_get(row, "source_row")),
            column=col_of(row, field or f.field),
            invoice_no=str(_get(row, "po_no", "")),
        )

    # line arithmetic
    for _, row in frame.iterrows():
        qty, price, amount = _get(row, "qty"), _get(row, "unit_price"), _get(row, "amount")
        if qty is not None and price is not None and amount is not None:
            out.append(place(R.check_line_amount(Decimal(str(qty)), Decimal(str(price)), int(amount)), row))
    # per order
    frame["_po"] = [
        str(p) if p else f"#{f}|{s}|{r}"
        for p, f, s, r in zip(frame.get("po_no", [""] * len(frame)), frame["source_file"], frame["source_sheet"], frame["source_row"])
    ]
    for po, lines in frame.groupby("_po", sort=False):
        first = lines.iloc[0]
        po_no = str(_get(first, "po_no", "") or "")
        absent = absent_by_sheet.get((_get(first, "source_file"), _get(first, "source_sheet")), set())
        present = {}
        for f in {f for item in terms["items"] for f in item["fields"]}:
            if f in lines.columns:
                vals = [v for v in lines[f] if not _na(v) and not (isinstance(v, str) and not v.strip())]
                present[f] = vals[0] if vals else None
        for f in R.missing_terms(present, terms):
            item_id = next((i["id"] for i in terms["items"] if i["label"] == f.expected), "")
            if item_id in absent:
                continue
            out.append(place(f, first))
        # vendor differs between lines of one order
        keys = {k for k in lines.get("vendor_key", []) if k}
        if len(keys) > 1:
            names = list(dict.fromkeys(v for v in lines["vendor"] if v))
            out.append(
                place(
                    Finding("po_conflict", "error", {"po": po_no, "field": "発注先", "a": names[0], "b": names[-1]},
                            field="vendor", value=names[-1], expected=names[0]),
                    first,
                )
            )
        out.extend(_order_money_findings(lines, po_no, rounding, place))
        if "po_tax" in lines.columns:
            out.extend(_order_form_findings(lines, rounding, place))
        # payment within 60 days of delivery: the first late line of the order
        for _, row in lines.iterrows():
            f = R.check_payment_due(_date(_get(row, "delivery_date")), _date(_get(row, "payment_due")), days=payment_days)
            if f is not None:
                out.append(place(f, row))
                break
        # no 手形 under the 取適法: the first line that names a means of payment
        for _, row in lines.iterrows():
            method = _get(row, "payment_method")
            if isinstance(method, str) and method.strip():
                out.append(place(R.check_payment_method(method, _date(_get(first, "order_date"))), row))
                break
    return [f for f in out if f is not None]


def _order_money_findings(lines, po_no: str, rounding, place) -> list[Finding]:
    out: list[Finding] = []
    if "amount" not in lines.columns:
        return out
    first = lines.iloc[0]
    rates = [_rate(v) for v in lines["tax_rate"]] if "tax_rate" in lines.columns else [None] * len(lines)
    groups: dict[Decimal | None, list[int]] = {}
    for i, r in enumerate(rates):
        groups.setdefault(r, []).append(i)
    po_tax_total = 0
    tax_known = "tax" in lines.columns and lines["tax"].notna().any()
    # one 消費税 figure for a whole order of several rates (on its first line): the order's tax,
    # rounded once per rate and added up, not the tax of the first line's rate
    order_tax = None
    if tax_known and len(groups) > 1 and None not in groups and lines["amount"].notna().all():
        cells = [i for i, v in enumerate(lines["tax"]) if not _na(v)]
        if cells == [0]:
            order_tax = int(lines["tax"].iloc[0])
    for rate, idx in groups.items():
        sub = lines.iloc[idx]
        if sub["amount"].isna().any():
            tax_known = False
            continue
        subtotal = int(sub["amount"].sum())
        pct = R._pct(rate) if rate is not None else ""
        # subtotal column: one value per rate (or per order)
        if "subtotal" in sub.columns:
            vals = {int(v) for v in sub["subtotal"] if not _na(v)}
            whole = int(lines["amount"].sum()) if lines["amount"].notna().all() else None
            for v in vals:
                if v != subtotal and v != whole:
                    row = sub[sub["subtotal"] == v].iloc[0]
                    out.append(
                        place(
                            Finding("subtotal_mismatch", "error", {"rate": pct, "subtotal": f"{v:,}", "expected": f"{subtotal:,}"},
                                    field="subtotal", value=str(v), expected=str(subtotal)),
                            row,
                        )
                    )
        if not tax_known or order_tax is not None:
            continue
        taxes = [int(v) for v in sub["tax"] if not _na(v)]
        if not taxes:
            continue
        if rate is None:
            from ledgerkit.checks.rules import infer_rate

            rate = infer_rate(subtotal, sum(taxes)) or (infer_rate(subtotal, taxes[0]) if len(set(taxes)) == 1 else None)
            if rate is None:
                row = sub[sub["tax"].notna()].iloc[0]
                out.append(place(R.check_unknown_rate(subtotal, sum(taxes)), row))
                tax_known = False
                continue
        accepted = R.expected_taxes(subtotal, rate, rounding)
        tax_row = sub[sub["tax"].notna()].iloc[0]
        if len(taxes) > 1 and len(set(taxes)) == 1 and taxes[0] in accepted:
            po_tax_total += taxes[0]  # the order's tax repeated on each line
            continue
        if sum(taxes) in accepted:
            po_tax_total += sum(taxes)
            continue
        if len(taxes) > 1:
            out.append(place(R.check_tax_once_per_rate(taxes, subtotal, rate, rounding), tax_row))
        else:
            out.append(place(R.check_tax(subtotal, taxes[0], rate, rounding), tax_row))
        tax_known = False
    if order_tax is not None:
        import itertools

        by_rate = {rate: int(lines.iloc[idx]["amount"].sum()) for rate, idx in groups.items()}
        per_rate = {rate: R.expected_taxes(net, rate, rounding) for rate, net in by_rate.items()}
        sums = {sum(combo) for combo in itertools.product(*per_rate.values())}
        if order_tax in sums:
            po_tax_total = order_tax
        else:
            breakdown = "、".join(
                f"{R._pct(rate)}対象 {net:,} 円 → {R._or(per_rate[rate])}" for rate, net in sorted(by_rate.items(), reverse=True)
            )
            out.append(place(Finding("po_tax_mismatch", "error",
                                     {"tax": f"{order_tax:,}", "expected": R._or(sums), "breakdown": breakdown,
                                      "expected_en": R._or_en(sums)},
                                     field="tax", value=str(order_tax), expected=" / ".join(str(v) for v in sorted(sums))),
                             first))
            tax_known = False
    if tax_known and "total" in lines.columns:
        totals = {int(v) for v in lines["total"] if not _na(v)}
        expected = int(lines["amount"].sum()) + po_tax_total
        for v in totals:
            if v != expected:
                row = lines[lines["total"] == v].iloc[0]
                out.append(
                    place(
                        Finding("total_mismatch", "error",
                                {"total": f"{v:,}", "net": f"{int(lines['amount'].sum()):,}", "tax": f"{po_tax_total:,}",
                                 "expected": f"{expected:,}"},
                                field="total", value=str(v), expected=str(expected)),
                        row,
                    )
                )
    return out


def _order_form_findings(lines, rounding, place) -> list[Finding]:
    """An order form's own figures (10%対象 / 8%対象 / 小計 / 消費税 / 合計) against its lines.

    A line without an amount (a formula never calculated) counts as quantity × unit
    price rounded down, as ``=ROUNDDOWN(数量*単価,0)`` on the form would give.
    """
    import itertools

    from ledgerkit.core.money import round_yen

    first = lines.iloc[0]
    by_rate: dict[Decimal | None, int] = {}

    out: list[Finding] = []

    def add(f: Finding | None, key: str) -> None:
        # a finding points at the row of the figure it is about, when the form says where
        row = _get(first, f"_row_{key}")
        out.append(f.at(row=int(row)) if f is not None and row is not None else f)
    for _, row in lines.iterrows():
        amount = _get(row, "amount")
        if amount is None:
            qty, price = _get(row, "qty"), _get(row, "unit_price")
            if qty is None or price is None:
                return out
            amount = round_yen(Decimal(str(qty)) * Decimal(str(price)), "down")
        rate = _rate(_get(row, "tax_rate"))
        by_rate[rate] = by_rate.get(rate, 0) + int(amount)
    subtotal = sum(by_rate.values())
    for key, rate in (("po_net_10", Decimal("0.10")), ("po_net_8", Decimal("0.08"))):
        stated = _get(first, key)
        if stated is not None and int(stated) != by_rate.get(rate, 0):
            add(place(Finding("subtotal_mismatch", "error",
                                     {"rate": R._pct(rate), "subtotal": f"{int(stated):,}", "expected": f"{by_rate.get(rate, 0):,}"},
                                     field="subtotal", value=str(int(stated)), expected=str(by_rate.get(rate, 0))), first), key)
    stated = _get(first, "po_subtotal")
    if stated is not None and int(stated) != subtotal:
        add(place(Finding("subtotal_mismatch", "error", {"rate": "", "subtotal": f"{int(stated):,}", "expected": f"{subtotal:,}"},
                                 field="subtotal", value=str(int(stated)), expected=str(subtotal)), first), "po_subtotal")
    tax = _get(first, "po_tax")
    if tax is not None and None not in by_rate:
        per_rate = {rate: R.expected_taxes(net, rate, rounding) for rate, net in by_rate.items()}
        sums = {sum(combo) for combo in itertools.product(*per_rate.values())}
        if int(tax) not in sums:
            breakdown = "、".join(
                f"{R._pct(rate)}対象 {net:,} 円 → {R._or(per_rate[rate])}" for rate, net in sorted(by_rate.items(), reverse=True)
            )
            add(place(Finding("po_tax_mismatch", "error",
                                     {"tax": f"{int(tax):,}", "expected": R._or(sums), "breakdown": breakdown,
                                      "expected_en": R._or_en(sums)},
                                     field="tax", value=str(int(tax)), expected=" / ".join(str(v) for v in sorted(sums))), first), "po_tax")
        total = _get(first, "po_total")
        if total is not None and int(total) != subtotal + int(tax):
            add(place(R.check_total(subtotal, int(tax), int(total)), first), "po_total")
    return out


def check_orders(
    paths_or_frame,
    config=None,
    *,
    issues: Iterable[Issue] | None = None,
    columns: dict | None = None,
    terms: str | dict | None = None,
    rounding: str | None = None,
    payment_days: int | None = None,
    lang: str | None = None,
):
    """Check purchase-order lists; return the findings as a frame.

    Written terms come from ``terms`` (a data-file name under ``ledgerkit/data``, or the
    loaded dict; config ``orders.terms``, default ``toriteki_4jo_2026``). ``payment_days``
    (config ``orders.payment_days``, 60) is the 取適法 limit from delivery to payment.

    Examples:
        >>> import pandas as pd
        >>> po = pd.DataFrame({"po_no": ["PO-1"], "vendor": ["㈱アルファ"], "vendor_key": ["アルファ"],
        ...     "item": ["部品A"], "qty": [3], "unit_price": [105], "amount": pd.array([351], dtype="Int64"),
        ...     "source_file": ["po.xlsx"], "source_sheet": ["S"], "source_row": [2]})
        >>> sorted(set(check_orders(po)["rule"]))
        ['line_amount_mismatch', 'term_column_missing']
    """
    import pandas as pd

    from ledgerkit.invoices.read import read_orders

    lang = lang or (config.lang if config is not None and hasattr(config, "lang") else "ja")
    rounding = _setting(config, "tax.rounding_required", rounding, None)
    payment_days = int(_setting(config, "orders.payment_days", payment_days, R.DEFAULT_PAYMENT_DAYS))
    terms = _setting(config, "orders.terms", terms, "toriteki_4jo_2026")
    if isinstance(terms, str):
        try:
            terms = R.written_terms(terms)
        except FileNotFoundError:
            raise InputError(f"no written-terms file named {terms!r} (ledgerkit/data/{terms}.toml)") from None
    all_issues = list(issues or [])
    if isinstance(paths_or_frame, pd.DataFrame):
        frame = paths_or_frame
    else:
        paths = [paths_or_frame] if isinstance(paths_or_frame, (str, Path)) else list(paths_or_frame)
        frame, read_issues, columns = read_orders(paths, config)
        all_issues.extend(read_issues)
        if not columns:
            raise InputError(f"no order list found in {', '.join(str(p) for p in paths)} (a table with 注文番号)")
    found = order_findings(frame, columns=columns, terms=terms, rounding=rounding, payment_days=payment_days)
    return findings_frame(_issue_findings(all_issues) + found, lang)


# --- output ------------------------------------------------------------------------------------


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
    from ledgerkit.reports.writers import XlsxReport, write_frame

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
            data = rows.drop(columns=[c for c in rows.columns if str(c).startswith("_")]).reset_index(drop=True)
            name = rows_sheet or ("請求書" if lang != "en" else "Invoices")
            where: dict[tuple, list[int]] = {}
            for i, (f, s, r) in enumerate(zip(data["source_file"], data["source_sheet"], data["source_row"])):
                where.setdefault((str(f), str(s), int(r)), []).append(i)
            rank = {"warning": 1, "error": 2}
            marks: dict[tuple[int, str], str] = {}
            for f, s, r, field, sev in zip(findings["source_file"], findings["source_sheet"], findings["source_row"],
                                           findings["field"], findings["severity"]):
                if _na(r):
                    continue
                column = field if field in data.columns else ("invoice_no" if "invoice_no" in data.columns else "po_no")
                for i in where.get((str(f), str(s), int(r)), []):
                    if rank.get(sev, 0) > rank.get(marks.get((i, column), ""), 0):
                        marks[(i, column)] = sev
            for (i, column), sev in marks.items():
                report.highlight(name, i, column, sev)
            report.add_table(name, data, headings={c: heads.get(c) or None for c in data.columns if heads.get(c)})
        report.add_issues(list(issues), lang)
