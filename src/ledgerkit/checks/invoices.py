"""``ledgerkit check invoices``: the rules of :mod:`ledgerkit.rules` over whole invoice lists.

The rules run once per invoice and rate (tax), or once per invoice (its total, 源泉税,
登録番号, dates); a 登録番号 shared by two vendors and, with an order list, each
注文番号 are checked across all rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Iterable

from ledgerkit.checks.findings import place
from ledgerkit.checks.orders import given_paths, orders_of
from ledgerkit.checks.outcome import check_result
from ledgerkit.core import messages
from ledgerkit.checks.po_match import po_findings
from ledgerkit.checks.values import date_of, rate_of, setting
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.invoices.across_files import read_invoices
from ledgerkit.parse.codes import is_registration_no_format
from ledgerkit.rules.dates import DEFAULT_MAX_DUE_DAYS, check_due_date, check_issue_date
from ledgerkit.rules.figures import is_na
from ledgerkit.rules.registration import check_registration_no
from ledgerkit.rules.tax import (
    ROUNDING_MODES,
    check_payment,
    check_tax,
    check_tax_included,
    check_tax_once_per_rate,
    check_total,
    check_unknown_rate,
    check_withholding,
)

__all__ = ["invoice_findings", "check_invoices", "invoice_counts", "no_invoice_list"]


def invoice_findings(
    invoices,
    orders=None,
    *,
    today: dt.date | None = None,
    rounding: str | None = None,
    max_due_days: int = DEFAULT_MAX_DUE_DAYS,
    require_registration: bool = True,
) -> list[Issue]:
    """The rule findings for an invoice frame (one row per invoice and rate).

    ``orders`` is an order frame (:func:`ledgerkit.orders.lists.read_orders`) or None.
    """
    today = today or dt.date.today()
    out: list[Issue | None] = []
    frame = invoices.reset_index(drop=True)
    has = set(frame.columns)
    # plain dicts: a row lookup in a DataFrame costs more than the rules themselves
    records = [{k: (None if is_na(v) else v) for k, v in r.items()} for r in frame.to_dict("records")]
    members: dict[str, list[dict]] = {}
    for pos, row in enumerate(records):
        key = str(row.get("invoice_key") or "") or f"{row.get('source_file')}|{row.get('source_sheet')}|{row.get('source_row')}|{pos}"
        row["_key"] = key
        members.setdefault(key, []).append(row)
    reg_column_default = "registration_no" in has and "_has_reg_column" not in has
    # the rows of one invoice at one rate (a list may give an invoice's lines one row each)
    by_rate: dict[tuple[str, Decimal | None], list[dict]] = {}
    for row in records:
        by_rate.setdefault((row["_key"], rate_of(row.get("tax_rate"))), []).append(row)
    for row in records:
        out.extend(_rate_findings(row, by_rate, has, rounding))
        group = members[row["_key"]]
        if group[0] is not row:
            continue
        # once per invoice
        out.extend(_total_findings(row, group))
        has_reg_column = bool(row.get("_has_reg_column", reg_column_default))
        out.extend(_registration_findings(row, require_registration and has_reg_column))
        issue, due = date_of(row.get("issue_date")), date_of(row.get("due_date"))
        for f in check_issue_date(issue, due, today=today):
            out.append(place(f, row))
        out.append(place(check_due_date(issue, due, max_days=max_due_days), row))
    out.extend(_shared_registration_findings(records))
    if orders is not None:
        out.extend(po_findings(records, orders))
    return [f for f in out if f is not None]


def _rate_findings(row: dict, by_rate: dict, has: set, rounding: str | None) -> list[Issue | None]:
    """Tax, once per invoice per rate (on the first of the rate's rows), and the row's total."""
    out: list[Issue | None] = []
    net, tax, total = row.get("net"), row.get("tax"), row.get("total")
    rate = rate_of(row.get("tax_rate"))
    rate_given = bool(row.get("_rate_given", rate is not None)) if "_rate_given" in has else rate is not None
    lines = by_rate[(row["_key"], rate)]
    if rate is not None and len(lines) > 1:
        if lines[0] is row and all(r.get("net") is not None and r.get("tax") is not None for r in lines):
            subtotal = sum(int(r["net"]) for r in lines)
            taxes = [int(r["tax"]) for r in lines]
            out.append(place(check_tax_once_per_rate(taxes, subtotal, rate, rounding), row))
    elif net is not None and tax is not None:
        if rate is not None and total is not None and "_col_net" in has and not row.get("_col_net"):
            # no 税抜 column: the list gives the total and the tax in it (tax-included basis)
            out.append(place(check_tax_included(int(total), int(tax), rate, rounding), row))
        elif rate is not None:
            out.append(place(check_tax(int(net), int(tax), rate, rounding), row))
        elif not rate_given:
            out.append(place(check_unknown_rate(int(net), int(tax)), row))
    total_given = bool(row.get("_total_given")) if "_total_given" in has else total is not None
    if total_given and net is not None and tax is not None and total is not None:
        out.append(place(check_total(int(net), int(tax), int(total)), row))
    return out


def _total_findings(row: dict, group: list[dict]) -> list[Issue | None]:
    """The invoice's written total against its rates, its 源泉税 and 差引支払額."""
    out: list[Issue | None] = []
    inv_total = row.get("invoice_total")
    if inv_total is not None and all(r.get("net") is not None and r.get("tax") is not None for r in group):
        expected = sum(int(r["net"]) + int(r["tax"]) for r in group)
        if int(inv_total) != expected:
            mismatch = Issue("invoice_total_mismatch", severity="error",
                             params={"total": f"{int(inv_total):,}", "expected": f"{expected:,}"},
                             field="invoice_total", value=str(int(inv_total)), expected=str(expected))
            out.append(place(mismatch, row))
    withholding, payment = row.get("withholding"), row.get("payment")
    if withholding is not None or payment is not None:
        nets = [r.get("net") for r in group]
        inv_net = sum(int(v) for v in nets) if all(v is not None for v in nets) else None
        totals = [r.get("total") for r in group]
        whole = int(inv_total) if inv_total is not None else (
            sum(int(v) for v in totals) if all(v is not None for v in totals) else None)
        if withholding is not None:
            out.append(place(check_withholding(inv_net, whole, int(withholding)), row))
        if payment is not None and whole is not None:
            out.append(place(check_payment(whole, withholding, int(payment)), row))
    return out


def _registration_findings(row: dict, required: bool) -> list[Issue | None]:
    """The 登録番号 as written; a blank one when the list has the column (and it is required)."""
    raw_reg = row.get("_registration_raw") or row.get("registration_no") or ""
    if raw_reg:
        return [place(check_registration_no(raw_reg), row)]
    if required:
        return [place(Issue("registration_no_missing", severity="warning", params={}, field="registration_no"), row)]
    return []


def _shared_registration_findings(records: list[dict]) -> list[Issue | None]:
    """One 登録番号 under two vendor names (not legal-form or width variants of one name):
    a number copied from the wrong vendor makes the tax credit doubtful. Reported once
    for each further name, on its first row."""
    first: dict[str, dict] = {}  # registration number → first row
    seen: set[tuple[str, str]] = set()
    out: list[Issue | None] = []
    for row in records:
        reg, key = str(row.get("registration_no") or ""), str(row.get("vendor_key") or "")
        if not key or not is_registration_no_format(reg):
            continue
        orig = first.setdefault(reg, row)
        if str(orig.get("vendor_key") or "") == key or (reg, key) in seen:
            continue
        seen.add((reg, key))
        where_ = f"{Path(str(orig.get('source_file', ''))).name} / {orig.get('source_sheet', '')}"
        where = {"ja": f"{where_} / {orig.get('source_row')}行目", "en": f"{where_} / row {orig.get('source_row')}"}
        finding = Issue(
            "registration_no_shared",
            severity="warning",
            params={"value": reg, "vendor": row.get("vendor") or key, "other_vendor": orig.get("vendor") or "",
                    "other": where},
            field="registration_no",
            value=reg,
        )
        out.append(place(finding, row))
    return out


def _no_issue_date_findings(columns: dict, max_due_days: int) -> list[Issue]:
    """A list with no 発行日 column at all: said once per sheet, naming the checks that did not run."""
    out = []
    for (file, sheet), mapping in columns.items():
        if "issue_date" in mapping:
            continue
        skipped_ja, skipped_en = ["未来の発行日"], ["an issue date in the future"]
        if "due_date" in mapping:
            skipped_ja += ["支払期日より後の発行日", f"発行日から支払期日まで{max_due_days}日以内"]
            skipped_en += ["an issue date after the due date", f"the due date within {max_due_days} days of issue"]
        out.append(Issue("invoice_no_issue_date_column", str(file), str(sheet), scope="sheet", severity="warning",
                         params={"checks": {"ja": "・".join(skipped_ja), "en": ", ".join(skipped_en)}},
                         field="issue_date", expected="発行日"))
    return out


def invoice_counts(frame) -> dict[str, int]:
    """What a check of invoices went over: ``invoices``, ``pairs`` (each invoice's rates: the
    tax is checked once per pair) and ``rows`` (a list may give one invoice's lines a row each).

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"invoice_key": ["1001", "1001", "1001", "1002"], "tax_rate": [0.1, 0.08, 0.08, 0.1]})
        >>> invoice_counts(f)
        {'invoices': 2, 'pairs': 3, 'rows': 4}
    """
    if not len(frame):
        return {"invoices": 0, "pairs": 0, "rows": 0}
    keys = [c for c in ("invoice_key", "tax_rate") if c in frame.columns]
    pairs = len(frame[keys].drop_duplicates()) if keys else len(frame)
    invoices = frame["invoice_key"].nunique() if "invoice_key" in frame.columns else len(frame)
    return {"invoices": int(invoices), "pairs": int(pairs), "rows": len(frame)}


def no_invoice_list(paths, issues: Iterable[Issue] = (), lang: str = "ja") -> InputError:
    """The error for inputs with no invoice rows; it names an order list, or a single 請求書 form, given instead."""
    order_list = next((i for i in issues if i.code in ("order_list_not_invoices", "invoice_form_not_list")), None)
    if order_list is not None:
        return InputError(f"{order_list.file}: {order_list.sheet}: {order_list.message(lang)}")
    return InputError(messages.text("check_no_invoice_list", lang, files=", ".join(str(p) for p in paths)))


def check_invoices(
    invoices,
    orders=None,
    config: Config | None = None,
    *,
    issues: Iterable[Issue] | None = None,
    today: dt.date | None = None,
    rounding: str | None = None,
    max_due_days: int | None = None,
    require_registration: bool | None = None,
    lang: str | None = None,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Check received-invoice lists: the ``ledgerkit check invoices`` of a script.

    ``invoices``: invoice-list files, folders or globs (read through the intake door, as
    :func:`~ledgerkit.invoices.across_files.read_invoices` reads them), a Result of
    ``read_invoices(..., keep_internal=True)`` (which keeps the header each figure came
    from, for the ``column`` of a finding), or an invoice frame. ``orders``: order-list
    files, a Result of :func:`~ledgerkit.orders.lists.read_orders`, or an order frame; with
    it, each invoice's 注文番号 is matched to the orders. ``issues``: more reading issues
    to include as findings.

    ``today`` (default: the computer's date) decides what is "in the future";
    ``rounding`` (``down`` / ``half_up`` / ``up``; config ``tax.rounding_required``)
    requires one rounding mode instead of accepting any; ``max_due_days``
    (config ``invoices.max_due_days``, 120) is the longest issue-to-due span not reported.
    ``include_hidden``, ``skip_bad`` and ``jobs`` are the door's (hidden sheets, unreadable
    files listed instead of stopping, worker processes).

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``invoice_check``: ``frame``
    the invoice rows, ``issues`` the reading issues and the findings, ``tables["findings"]``
    the findings frame (:data:`~ledgerkit.checks.findings.FINDING_COLUMNS`), ``tables["orders"]``
    the orders matched against, and ``write(path)``, which writes what the command writes.

    Examples:
        >>> import pandas as pd
        >>> inv = pd.DataFrame({"invoice_no": ["A-1"], "vendor": ["㈱アルファ"], "registration_no": ["T8700110005901"],
        ...     "net": pd.array([315], dtype="Int64"), "tax": pd.array([30], dtype="Int64"),
        ...     "total": pd.array([345], dtype="Int64"), "tax_rate": [0.10],
        ...     "source_file": ["a.xlsx"], "source_sheet": ["S"], "source_row": [2]})
        >>> result = check_invoices(inv, today=dt.date(2026, 11, 26))
        >>> result.tables["findings"][["rule", "expected"]].to_dict("records")
        [{'rule': 'tax_mismatch', 'expected': '31 / 32'}]
        >>> [i.code for i in result.errors]
        ['tax_mismatch']
    """
    config = config_or_found(config)
    lang = lang or (config.lang if config is not None and hasattr(config, "lang") else "ja")
    rounding = setting(config, "tax.rounding_required", rounding, None)
    if rounding is not None and rounding not in ROUNDING_MODES:
        raise InputError(f"rounding must be one of {', '.join(ROUNDING_MODES)}, not {rounding!r}")
    max_due_days = int(setting(config, "invoices.max_due_days", max_due_days, DEFAULT_MAX_DUE_DAYS))
    require_registration = bool(setting(config, "invoices.require_registration", require_registration, True))
    door = {"include_hidden": include_hidden, "skip_bad": skip_bad, "jobs": jobs}
    checked = _invoices_of(invoices, config, lang, door)
    order_list = orders_of(orders, config, door, lang) if orders is not None else None
    reading = [*(issues or []), *checked.issues, *(order_list.issues if order_list is not None else [])]
    today = today or dt.date.today()
    found = invoice_findings(
        checked.frame,
        order_list.frame if order_list is not None else None,
        today=today,
        rounding=rounding,
        max_due_days=max_due_days,
        require_registration=require_registration,
    )
    found = [*_no_issue_date_findings(checked.meta.get("columns") or {}, max_due_days), *found]
    meta = {"today": today, "rounding": rounding, "max_due_days": max_due_days,
            "require_registration": require_registration,
            "paths": [*given_paths(invoices), *(given_paths(orders) if orders is not None else [])]}
    return check_result("invoice_check", checked, reading, found, rows="invoices", lang=lang, others=order_list,
                        meta=meta)


def _invoices_of(invoices, config, lang: str, door: dict) -> Result:
    """The invoice rows given (a frame or a read Result), or read from the files."""
    import pandas as pd

    if isinstance(invoices, Result):
        return invoices
    if isinstance(invoices, pd.DataFrame):
        return Result("invoices", invoices)
    paths = given_paths(invoices)
    read = read_invoices(paths, config, keep_internal=True, **door)
    if not read.meta["columns"]:
        # a list with its header and no rows yet is checked (0 invoices), not 'not found'
        raise no_invoice_list(paths, read.issues, lang)
    return read
