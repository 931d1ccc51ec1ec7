"""Invoices against the order list: each 注文番号 ordered, from the same vendor, not invoiced beyond it."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ledgerkit.checks.findings import place
from ledgerkit.checks.values import date_of, get
from ledgerkit.core.issues import Issue
from ledgerkit.parse.codes import is_registration_no_format
from ledgerkit.parse.text import normalize_text
from ledgerkit.rules.orders import check_po_amount, check_vendor_match

__all__ = ["po_findings"]


def _order_index(orders) -> dict[str, dict]:
    """Per order number: the vendor, its 登録番号, and the amount ordered (Σ lines)."""
    index: dict[str, dict] = {}
    for _, row in orders.iterrows():
        po = str(get(row, "po_no", "") or "")
        if not po:
            continue
        entry = index.setdefault(po, {"vendor": "", "registration_no": "", "ordered": 0, "has_amount": False})
        if not entry["vendor"]:
            entry["vendor"] = get(row, "vendor", "") or ""
        reg = get(row, "registration_no", "") or ""
        if not entry["registration_no"] and is_registration_no_format(reg):
            entry["registration_no"] = reg
        amount = get(row, "amount")
        if amount is None and get(row, "qty") is not None and get(row, "unit_price") is not None:
            amount = int(Decimal(str(get(row, "qty"))) * Decimal(str(get(row, "unit_price"))))
        if amount is not None:
            entry["ordered"] += int(amount)
            entry["has_amount"] = True
    return index


def _po_key(po: str) -> str:
    """An order number as matched: width, case and spaces do not count (ｐ－００２ = P-002)."""
    return normalize_text(po).upper().replace(" ", "")


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


def po_findings(frame: list[dict], orders) -> list[Issue | None]:
    """The findings of invoice records (one per invoice and rate) against an order frame."""
    index = {}
    for po_no, entry in _order_index(orders).items():
        index.setdefault(_po_key(po_no), entry)
    out: list[Issue | None] = []
    by_po: dict[str, list] = {}
    done_vendor: set[str] = set()
    for pos, row in enumerate(frame):
        written = str(get(row, "po_no", "") or "")
        if not written:
            continue
        key = str(row.get("_key") or get(row, "invoice_key", pos))
        po = _po_refs(written, index) or written
        if po not in index:
            po = written
            if key not in done_vendor:
                done_vendor.add(key)
                unknown = Issue("po_unknown", severity="error", params={"po": po}, field="po_no", value=po,
                                expected={"ja": "注文一覧の注文番号", "en": "an order number in the order list"})
                out.append(place(unknown, row))
            continue
        by_po.setdefault(po, []).append((pos, row))
        if key in done_vendor:
            continue
        done_vendor.add(key)
        order = index[po]
        reg = get(row, "registration_no", "") or ""
        out.append(place(check_vendor_match(
            get(row, "vendor", "") or "",
            order["vendor"],
            invoice_reg=reg if is_registration_no_format(reg) else "",
            order_reg=order["registration_no"],
            po_no=written,
        ), row))
    for po, items in by_po.items():
        out.extend(_over_amount(po, items, index[po]))
    return out


def _over_amount(po: str, items: list[tuple[int, dict]], order: dict) -> list[Issue | None]:
    """An order invoiced beyond its amount: found on the invoice that goes over it."""
    if not order["has_amount"]:
        return []
    # in the order the invoices came: issue date, then as listed
    items.sort(key=lambda it: (date_of(get(it[1], "issue_date")) or dt.date.max, it[0]))
    invoiced = sum(int(get(r, "net", 0) or 0) for _, r in items)
    count = len({str(r.get("_key") or p) for p, r in items})
    running = 0
    for _, r in items:
        running += int(get(r, "net", 0) or 0)
        if running > order["ordered"]:
            return [place(check_po_amount(invoiced, order["ordered"], po_no=po, count=count), r)]
    return []
