"""``ledgerkit check orders``: written terms (取適法4条), line arithmetic, tax per rate, payment.

Written terms come from a versioned data file (``ledgerkit/data/toriteki_4jo_2026.toml``):
a term whose column the list lacks is reported once per sheet (``term_column_missing``), a
term left blank once per order (``term_missing``).

Only orders the 取適法 covers get its findings (DOMAIN.md §2.2): the written terms, the 60
days from delivery (from the end of a service's period) and the 手形 ban are **errors** for a
vendor the vendor master marks covered (``[vendors]``, ``vendors.file``), **warnings** when
that is unknown (the message says so), and **not reported** for a vendor it does not cover
(:func:`~ledgerkit.rules.coverage.toriteki_severity`). The arithmetic is checked for every order.
"""

from __future__ import annotations

import dataclasses
import os
from decimal import Decimal
from typing import Callable, Iterable

from ledgerkit.checks.findings import FIELD_LABEL
from ledgerkit.checks.order_money import order_form_findings, order_money_findings
from ledgerkit.checks.outcome import check_result
from ledgerkit.core import messages
from ledgerkit.checks.values import date_of, get, setting
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.orders.lists import read_orders
from ledgerkit.orders.vendors import VendorMaster, vendor_master, vendors_table
from ledgerkit.rules.coverage import COVERED, NOT_COVERED, UNKNOWN, toriteki_severity
from ledgerkit.rules.figures import is_na
from ledgerkit.rules.orders import check_line_amount
from ledgerkit.rules.payment_terms import DEFAULT_PAYMENT_DAYS, check_payment_due, check_payment_method
from ledgerkit.rules.terms import missing_terms, written_terms

__all__ = ["order_findings", "check_orders"]


def order_findings(
    orders,
    *,
    columns: dict | None = None,
    terms: dict | None = None,
    rounding: str | None = None,
    payment_days: int = DEFAULT_PAYMENT_DAYS,
    vendors: VendorMaster | None = None,
) -> list[Issue]:
    """The rule findings for an order frame (one row per order line).

    ``columns`` maps (file, sheet) → {field: header} as :func:`ledgerkit.orders.lists.read_orders`
    returns it; without it, a field counts as a column of the list when the frame has it.
    ``vendors`` says whom the 取適法 covers (None: nobody is known, every 取適法 finding a warning).
    """
    terms = terms or written_terms()
    vendors = vendors if vendors is not None else VendorMaster()
    out: list[Issue | None] = []
    frame = orders.reset_index(drop=True)
    if columns is None:
        columns = {}
        for (file, sheet), _g in frame.groupby(["source_file", "source_sheet"], sort=False):
            columns[(file, sheet)] = {c: FIELD_LABEL.get(c, c) for c in frame.columns}
    place = _placer(columns)
    # line arithmetic
    for _, row in frame.iterrows():
        qty, price, amount = get(row, "qty"), get(row, "unit_price"), get(row, "amount")
        if qty is not None and price is not None and amount is not None:
            out.append(place(check_line_amount(Decimal(str(qty)), Decimal(str(price)), int(amount)), row))
    # per order
    frame["_po"] = [
        str(p) if p else f"#{f}|{s}|{r}"
        for p, f, s, r in zip(frame.get("po_no", [""] * len(frame)), frame["source_file"], frame["source_sheet"], frame["source_row"])
    ]
    orders_by_po = list(frame.groupby("_po", sort=False))
    status = {po: coverage_of(vendors, lines.iloc[0]) for po, lines in orders_by_po}
    sheet_status = _sheet_statuses(orders_by_po, status)
    absent_by_sheet = _absent_term_columns(columns, terms, out, sheet_status)
    for po, lines in orders_by_po:
        first = lines.iloc[0]
        absent = absent_by_sheet.get((get(first, "source_file"), get(first, "source_sheet")), set())
        out.extend(_one_order_findings(lines, terms, absent, rounding, payment_days, place, status[po]))
    return [f for f in out if f is not None]


def coverage_of(vendors: VendorMaster, row) -> str:
    """Whether the 取適法 covers an order, by its vendor (登録番号, 取引先コード, name)."""
    return vendors.status(str(get(row, "vendor", "") or ""), str(get(row, "registration_no", "") or ""),
                          str(get(row, "vendor_code", "") or ""))[0]


def _sheet_statuses(orders_by_po, status: dict) -> dict[tuple, str]:
    """A sheet's coverage for its missing columns: covered when any of its orders is, else
    unknown when any is, else not covered."""
    out: dict[tuple, str] = {}
    rank = {NOT_COVERED: 0, UNKNOWN: 1, COVERED: 2}
    for po, lines in orders_by_po:
        first = lines.iloc[0]
        key = (get(first, "source_file"), get(first, "source_sheet"))
        if rank[status[po]] >= rank[out.get(key, NOT_COVERED)]:
            out[key] = status[po]
    return out


#: the words added to a 取適法 finding for a vendor whose coverage is unknown
UNKNOWN_NOTE = {
    "ja": " — 取適法の対象か不明のため警告です (取引先マスタか [vendors] で covered を指定してください)",
    "en": " — a warning: whether the 取適法 covers this vendor is unknown (set covered in the vendor master or [vendors])",
}


def toriteki(finding: Issue | None, status: str) -> Issue | None:
    """A 取適法 finding at the loudness its vendor's coverage gives (None when not covered)."""
    if finding is None:
        return None
    severity = toriteki_severity(status, finding.severity)
    if severity is None:
        return None
    note = UNKNOWN_NOTE if status == UNKNOWN else {"ja": "", "en": ""}
    return dataclasses.replace(finding, severity=severity, params={**finding.params, "coverage": note})


def _absent_term_columns(columns: dict, terms: dict, out: list, sheet_status: dict[tuple, str]) -> dict[tuple, set[str]]:
    """The written terms each sheet has no column for (their findings added to ``out``, once per sheet,
    as loud as the most covered order of the sheet)."""
    law = terms.get("short", "")
    absent_by_sheet: dict[tuple, set[str]] = {}
    for (file, sheet), mapping in columns.items():
        absent = set()
        for item in terms["items"]:
            if not item.get("check", True):
                continue
            if not any(f in mapping for f in item["fields"]):
                absent.add(item["id"])
                finding = Issue(
                    "term_column_missing",
                    str(file),
                    str(sheet),
                    severity=item.get("severity", "error"),
                    params={"item": item["label"], "item_en": item.get("label_en", item["id"]), "law": law,
                            "coverage": {"ja": "", "en": ""}},
                    field=item["fields"][0],
                    expected=item["label"],
                )
                out.append(toriteki(finding, sheet_status.get((file, sheet), UNKNOWN)))
        absent_by_sheet[(file, sheet)] = absent
    return absent_by_sheet


def _placer(columns: dict) -> Callable:
    """``place(finding, row, field=None)``: a finding placed at an order line, under the list's header."""

    def col_of(row, field):
        mapping = columns.get((get(row, "source_file"), get(row, "source_sheet")), {})
        return mapping.get(field, "") or FIELD_LABEL.get(field, field)

    def place(f, row, field=None):
        if f is None:
            return None
        return f.at(
            file=str(get(row, "source_file", "")),
            sheet=str(get(row, "source_sheet", "")),
            row=int(get(row, "source_row")),
            column=col_of(row, field or f.field),
            ref=str(get(row, "po_no", "")),
        )

    return place


def _one_order_findings(lines, terms: dict, absent: set[str], rounding, payment_days: int,
                        place: Callable, status: str = UNKNOWN) -> list[Issue | None]:
    """One order's lines: its terms, vendor, money, and how and when it pays (the 取適法's
    findings as loud as its vendor's ``status`` makes them)."""
    first = lines.iloc[0]
    po_no = str(get(first, "po_no", "") or "")
    out = [toriteki(f, status) for f in _term_findings(lines, terms, absent, place)]
    # vendor differs between lines of one order
    keys = {k for k in lines.get("vendor_key", []) if k}
    if len(keys) > 1:
        names = list(dict.fromkeys(v for v in lines["vendor"] if v))
        conflict = Issue("po_conflict", severity="error", params={"po": po_no, "field": "発注先", "a": names[0], "b": names[-1]},
                         field="vendor", value=names[-1], expected=names[0])
        out.append(place(conflict, first))
    out.extend(order_money_findings(lines, po_no, rounding, place))
    if "po_tax" in lines.columns:
        out.extend(order_form_findings(lines, rounding, place))
    # payment within 60 days of delivery (of the end of a service's period): the first late line
    for _, row in lines.iterrows():
        terms = get(row, "_due_terms")
        terms = terms if isinstance(terms, str) and terms else None
        f = check_payment_due(date_of(get(row, "delivery_date")), date_of(get(row, "payment_due")), days=payment_days,
                              service_from=date_of(get(row, "delivery_from")), terms=terms)
        if f is not None:
            # a due date computed from the 支払条件 is placed at that cell
            out.append(toriteki(place(f, row, "payment_terms" if terms else None), status))
            break
    # no 手形 under the 取適法: the first line that names a means of payment
    for _, row in lines.iterrows():
        method = get(row, "payment_method")
        if isinstance(method, str) and method.strip():
            out.append(toriteki(place(check_payment_method(method, date_of(get(first, "order_date"))), row), status))
            break
    return out


def _term_findings(lines, terms: dict, absent: set[str], place: Callable) -> list[Issue | None]:
    """The written terms one order leaves blank (those whose column the list lacks are said once per sheet)."""
    first = lines.iloc[0]
    present = {}
    for f in {f for item in terms["items"] for f in item["fields"]}:
        if f in lines.columns:
            vals = [v for v in lines[f] if not is_na(v) and not (isinstance(v, str) and not v.strip())]
            if not vals and f == "delivery_date" and "_delivery_text" in lines.columns:
                # a 納期 written but neither a date nor a period (listed as a cell it could not read)
                vals = [v for v in lines["_delivery_text"] if isinstance(v, str) and v]
            present[f] = vals[0] if vals else None
    out: list[Issue | None] = []
    for f in missing_terms(present, terms):
        item_id = next((i["id"] for i in terms["items"] if i["label"] == f.expected), "")
        if item_id in absent:
            continue
        out.append(place(f, first))
    return out


def check_orders(
    orders,
    config: Config | None = None,
    *,
    issues: Iterable[Issue] | None = None,
    columns: dict | None = None,
    terms: str | dict | None = None,
    rounding: str | None = None,
    payment_days: int | None = None,
    vendors=None,
    lang: str | None = None,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Check purchase-order lists: the ``ledgerkit check orders`` of a script.

    ``orders``: order-list files, folders or globs (read through the intake door, as
    :func:`~ledgerkit.orders.lists.read_orders` reads them), a Result of ``read_orders``, or
    an order frame (with ``columns``, (file, sheet) → {field: header}, when known). Written
    terms come from ``terms`` (a data-file name under ``ledgerkit/data``, or the loaded dict;
    config ``orders.terms``, default ``toriteki_4jo_2026``). ``payment_days`` (config
    ``orders.payment_days``, 60) is the 取適法 limit from delivery to payment (from the end
    of the period when the 納期 is a service period). ``vendors`` (vendor-master files, their
    Result, a frame or a :class:`~ledgerkit.orders.vendors.VendorMaster`), with the config's
    ``[vendors]``, says whom the act covers: its findings are errors for covered vendors,
    warnings when unknown, none when not covered.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``order_check``: ``frame`` the
    order lines, ``issues`` the reading issues and the findings, ``tables["findings"]`` the
    findings frame, ``tables["vendors"]`` each vendor's coverage and why, and ``write(path)``,
    which writes what the command writes.

    Examples:
        >>> import pandas as pd
        >>> po = pd.DataFrame({"po_no": ["PO-1"], "vendor": ["㈱アルファ"], "vendor_key": ["アルファ"],
        ...     "item": ["部品A"], "qty": [3], "unit_price": [105], "amount": pd.array([351], dtype="Int64"),
        ...     "source_file": ["po.xlsx"], "source_sheet": ["S"], "source_row": [2]})
        >>> sorted(set(check_orders(po).tables["findings"]["rule"]))
        ['line_amount_mismatch', 'term_column_missing']
    """
    config = config_or_found(config)
    lang = lang or (config.lang if config is not None and hasattr(config, "lang") else "ja")
    rounding = setting(config, "tax.rounding_required", rounding, None)
    payment_days = int(setting(config, "orders.payment_days", payment_days, DEFAULT_PAYMENT_DAYS))
    terms = setting(config, "orders.terms", terms, "toriteki_4jo_2026")
    if isinstance(terms, str):
        try:
            terms = written_terms(terms)
        except FileNotFoundError:
            raise InputError(messages.text("check_no_terms", lang, terms=terms)) from None
    door = {"include_hidden": include_hidden, "skip_bad": skip_bad, "jobs": jobs}
    checked = orders_of(orders, config, door, lang)
    master, vendor_issues, vendor_files = vendor_master(config, vendors, **door)
    if columns is None:
        columns = checked.meta.get("columns")
    found = order_findings(checked.frame, columns=columns, terms=terms, rounding=rounding, payment_days=payment_days,
                           vendors=master)
    meta = {"rounding": rounding, "payment_days": payment_days, "terms": terms,
            "paths": given_paths(orders) + [f for f in vendor_files if f not in given_paths(orders)]}
    result = check_result("order_check", checked, [*(issues or []), *checked.issues, *vendor_issues], found,
                          rows="orders", lang=lang, meta=meta)
    frame = checked.frame
    names = zip(*(frame[c] if c in frame.columns else [""] * len(frame) for c in ("vendor", "registration_no", "vendor_code")))
    result.tables["vendors"] = vendors_table(master, (tuple("" if is_na(v) else str(v) for v in vals) for vals in names), lang)
    result.files = [*result.files, *(f for f in vendor_files if f not in result.files)]
    return result


def orders_of(orders, config, door: dict, lang: str = "ja") -> Result:
    """The order lines given (a frame or a read Result), or read from the files; no order list is an InputError."""
    import pandas as pd

    if isinstance(orders, Result):
        return orders
    if isinstance(orders, pd.DataFrame):
        return Result("orders", orders)
    paths = given_paths(orders)
    read = read_orders(paths, config, **door)
    if not read.meta["columns"]:
        raise InputError(messages.text("check_no_order_list", lang, files=", ".join(str(p) for p in paths)))
    return read


def given_paths(paths) -> list:
    """The files, folders or globs given to a check, as a list (none for rows already read)."""
    import pandas as pd

    if isinstance(paths, (Result, pd.DataFrame)):
        return []
    return [paths] if isinstance(paths, (str, os.PathLike)) else list(paths)
