"""``ledgerkit check orders``: written terms (取適法4条), line arithmetic, tax per rate, payment.

Written terms come from a versioned data file (``ledgerkit/data/toriteki_4jo_2026.toml``):
a term whose column the list lacks is reported once per sheet (``term_column_missing``), a
term left blank once per order (``term_missing``).
"""

from __future__ import annotations

import os
from decimal import Decimal
from typing import Callable, Iterable

from ledgerkit.checks.findings import FIELD_LABEL
from ledgerkit.checks.order_money import order_form_findings, order_money_findings
from ledgerkit.checks.outcome import check_result
from ledgerkit.core import messages
from ledgerkit.checks.values import date_of, get, setting
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.orders.lists import read_orders
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
) -> list[Issue]:
    """The rule findings for an order frame (one row per order line).

    ``columns`` maps (file, sheet) → {field: header} as :func:`ledgerkit.orders.lists.read_orders`
    returns it; without it, a field counts as a column of the list when the frame has it.
    """
    terms = terms or written_terms()
    out: list[Issue | None] = []
    frame = orders.reset_index(drop=True)
    if columns is None:
        columns = {}
        for (file, sheet), _g in frame.groupby(["source_file", "source_sheet"], sort=False):
            columns[(file, sheet)] = {c: FIELD_LABEL.get(c, c) for c in frame.columns}
    absent_by_sheet = _absent_term_columns(columns, terms, out)
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
    for po, lines in frame.groupby("_po", sort=False):
        first = lines.iloc[0]
        absent = absent_by_sheet.get((get(first, "source_file"), get(first, "source_sheet")), set())
        out.extend(_one_order_findings(lines, terms, absent, rounding, payment_days, place))
    return [f for f in out if f is not None]


def _absent_term_columns(columns: dict, terms: dict, out: list) -> dict[tuple, set[str]]:
    """The written terms each sheet has no column for (their findings added to ``out``, once per sheet)."""
    law = terms.get("short", "")
    absent_by_sheet: dict[tuple, set[str]] = {}
    for (file, sheet), mapping in columns.items():
        absent = set()
        for item in terms["items"]:
            if not item.get("check", True):
                continue
            if not any(f in mapping for f in item["fields"]):
                absent.add(item["id"])
                out.append(
                    Issue(
                        "term_column_missing",
                        str(file),
                        str(sheet),
                        severity=item.get("severity", "error"),
                        params={"item": item["label"], "item_en": item.get("label_en", item["id"]), "law": law},
                        field=item["fields"][0],
                        expected=item["label"],
                    )
                )
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
                        place: Callable) -> list[Issue | None]:
    """One order's lines: its terms, vendor, money, and how and when it pays."""
    first = lines.iloc[0]
    po_no = str(get(first, "po_no", "") or "")
    out = _term_findings(lines, terms, absent, place)
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
    # payment within 60 days of delivery: the first late line of the order
    for _, row in lines.iterrows():
        f = check_payment_due(date_of(get(row, "delivery_date")), date_of(get(row, "payment_due")), days=payment_days)
        if f is not None:
            out.append(place(f, row))
            break
    # no 手形 under the 取適法: the first line that names a means of payment
    for _, row in lines.iterrows():
        method = get(row, "payment_method")
        if isinstance(method, str) and method.strip():
            out.append(place(check_payment_method(method, date_of(get(first, "order_date"))), row))
            break
    return out


def _term_findings(lines, terms: dict, absent: set[str], place: Callable) -> list[Issue | None]:
    """The written terms one order leaves blank (those whose column the list lacks are said once per sheet)."""
    first = lines.iloc[0]
    present = {}
    for f in {f for item in terms["items"] for f in item["fields"]}:
        if f in lines.columns:
            vals = [v for v in lines[f] if not is_na(v) and not (isinstance(v, str) and not v.strip())]
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
    ``orders.payment_days``, 60) is the 取適法 limit from delivery to payment.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``order_check``: ``frame`` the
    order lines, ``issues`` the reading issues and the findings, ``tables["findings"]`` the
    findings frame, and ``write(path)``, which writes what the command writes.

    Examples:
        >>> import pandas as pd
        >>> po = pd.DataFrame({"po_no": ["PO-1"], "vendor": ["㈱アルファ"], "vendor_key": ["アルファ"],
        ...     "item": ["部品A"], "qty": [3], "unit_price": [105], "amount": pd.array([351], dtype="Int64"),
        ...     "source_file": ["po.xlsx"], "source_sheet": ["S"], "source_row": [2]})
        >>> sorted(set(check_orders(po).tables["findings"]["rule"]))
        ['line_amount_mismatch', 'term_column_missing']
    """
    lang = lang or (config.lang if config is not None and hasattr(config, "lang") else "ja")
    rounding = setting(config, "tax.rounding_required", rounding, None)
    payment_days = int(setting(config, "orders.payment_days", payment_days, DEFAULT_PAYMENT_DAYS))
    terms = setting(config, "orders.terms", terms, "toriteki_4jo_2026")
    if isinstance(terms, str):
        try:
            terms = written_terms(terms)
        except FileNotFoundError:
            raise InputError(messages.text("check_no_terms", lang, terms=terms)) from None
    checked = orders_of(orders, config, {"include_hidden": include_hidden, "skip_bad": skip_bad, "jobs": jobs}, lang)
    if columns is None:
        columns = checked.meta.get("columns")
    found = order_findings(checked.frame, columns=columns, terms=terms, rounding=rounding, payment_days=payment_days)
    meta = {"rounding": rounding, "payment_days": payment_days, "terms": terms,
            "paths": given_paths(orders)}
    return check_result("order_check", checked, [*(issues or []), *checked.issues], found, rows="orders", lang=lang,
                        meta=meta)


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
