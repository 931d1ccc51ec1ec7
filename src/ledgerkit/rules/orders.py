"""Order lines (quantity × unit price), and an invoice against its order (amount, vendor)."""

from __future__ import annotations

from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.core.money import round_yen
from ledgerkit.parse.codes import normalize_registration_no
from ledgerkit.parse.names import vendor_key
from ledgerkit.rules.figures import as_decimal, yen
from ledgerkit.rules.tax import ROUNDING_MODES

__all__ = ["check_line_amount", "check_po_amount", "check_vendor_match"]


def check_line_amount(qty: Any, unit_price: Any, amount: int) -> Issue | None:
    """An order line's amount must be quantity × unit price (rounded to the yen any way).

    Examples:
        >>> from decimal import Decimal
        >>> check_line_amount(3, 105, 315) is None
        True
        >>> check_line_amount(Decimal("1.5"), 333, 499) is None   # 499.5 rounded down
        True
        >>> check_line_amount(3, 105, 351).params["expected"]
        '315'
    """
    exact = as_decimal(qty) * as_decimal(unit_price)
    accepted = {round_yen(exact, m) for m in ROUNDING_MODES}
    if int(amount) in accepted:
        return None
    shown = sorted(accepted)
    price = as_decimal(unit_price)
    return Issue(
        "line_amount_mismatch",
        severity="error",
        params={
            "amount": yen(amount),
            "qty": f"{as_decimal(qty).normalize():f}",
            "price": f"{price.normalize():f}" if price != int(price) else yen(unit_price),
            "expected": " / ".join(yen(v) for v in shown),
        },
        field="amount",
        value=str(int(amount)),
        expected=" / ".join(str(v) for v in shown),
    )


def check_po_amount(invoiced: int, ordered: int, *, po_no: str = "", count: int = 1) -> Issue | None:
    """The net invoiced against an order (summed over partial invoices) may not exceed it.

    Examples:
        >>> check_po_amount(500_000, 500_000) is None
        True
        >>> check_po_amount(550_000, 500_000, po_no="PO-1", count=2).params["over"]
        '50,000'
    """
    if int(invoiced) <= int(ordered):
        return None
    return Issue(
        "po_over_amount",
        severity="error",
        params={
            "po": po_no,
            "invoiced": yen(invoiced),
            "ordered": yen(ordered),
            "over": yen(int(invoiced) - int(ordered)),
            "count": count,
        },
        field="net",
        value=str(int(invoiced)),
        expected=f"<= {int(ordered)}",
    )


def check_vendor_match(
    invoice_vendor: str,
    order_vendor: str,
    *,
    invoice_reg: str = "",
    order_reg: str = "",
    po_no: str = "",
) -> Issue | None:
    """The invoice's vendor must be the order's: same 登録番号 when both have one, else same name key.

    Names are compared on :func:`ledgerkit.parse.names.vendor_key`, which ignores the
    legal form (株式会社, ㈱, (株) ... before or after) and character width.

    Examples:
        >>> check_vendor_match("㈱アルファ", "株式会社アルファ") is None
        True
        >>> check_vendor_match("アルファ株式会社", "ベータ合同会社", po_no="PO-1").code
        'po_vendor_mismatch'
    """
    a = normalize_registration_no(invoice_reg) if invoice_reg else ""
    b = normalize_registration_no(order_reg) if order_reg else ""
    if a and b:
        if a == b:
            return None
    elif vendor_key(invoice_vendor or "") == vendor_key(order_vendor or ""):
        return None
    return Issue(
        "po_vendor_mismatch",
        severity="error",
        params={"po": po_no, "vendor": invoice_vendor or a, "order_vendor": order_vendor or b},
        field="vendor",
        value=str(invoice_vendor or a),
        expected=str(order_vendor or b),
    )
