"""Tax and totals: tax rounded once per invoice per rate, totals, 源泉税 and 差引支払額.

The rounding rule (DOMAIN.md §4.2): tax is rounded once per invoice per rate, and the
issuer picks the mode, so a received invoice is accepted when its tax equals the exact
figure rounded down, half up or up (|Δ| < 1 yen). ``mode=`` requires one mode.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable

from ledgerkit.core.issues import Issue
from ledgerkit.core.money import acceptable_taxes, tax_amount, tax_from_gross, withholding_tax
from ledgerkit.rules.figures import as_decimal, percent, yen, yen_choices, yen_choices_en

__all__ = [
    "ROUNDING_MODES",
    "expected_taxes",
    "check_tax",
    "check_tax_included",
    "infer_rate",
    "check_unknown_rate",
    "check_total",
    "check_withholding",
    "check_payment",
    "check_tax_once_per_rate",
]

#: rounding modes an issuer may choose (money.round_yen's names) and how they are called
ROUNDING_MODES = {"down": "切り捨て", "half_up": "四捨五入", "up": "切り上げ"}


def expected_taxes(net: int, rate: Decimal, mode: str | None = None) -> set[int]:
    """The tax figures accepted for ``net`` at ``rate``: one per mode, or just ``mode``'s.

    Examples:
        >>> sorted(expected_taxes(315, Decimal("0.10")))
        [31, 32]
        >>> expected_taxes(315, Decimal("0.10"), "down")
        {31}
        >>> sorted(expected_taxes(-315, Decimal("0.10")))   # credit note: sign kept
        [-32, -31]
    """
    rate = as_decimal(rate)
    if mode is None:
        return set(acceptable_taxes(int(net), rate))
    if mode not in ROUNDING_MODES:
        raise ValueError(f"rounding mode must be one of {', '.join(ROUNDING_MODES)}, not {mode!r}")
    return {tax_amount(int(net), rate, mode)}


def check_tax(net: int, tax: int, rate: Decimal, mode: str | None = None) -> Issue | None:
    """Tax must be ``net × rate`` rounded once (down, half up or up; or only ``mode``).

    ``net`` is the invoice's tax-excluded total *for this rate* (never one line of it:
    DOMAIN.md §4.2 forbids rounding line by line).

    Examples:
        >>> check_tax(1801, 144, Decimal("0.08")) is None   # DOMAIN.md §4.2 worked example
        True
        >>> check_tax(315, 32, Decimal("0.10"), mode="down").params["expected"]
        '31 円'
        >>> check_tax(-1000, -100, Decimal("0.10")) is None  # a credit note
        True
    """
    accepted = expected_taxes(net, rate, mode)
    if int(tax) in accepted:
        return None
    return tax_finding("tax_mismatch", tax, accepted, mode, net=yen(net), rate=percent(as_decimal(rate)))


def tax_finding(code: str, tax: int, accepted: set[int], mode: str | None, **params) -> Issue:
    """A tax that is none of the ``accepted`` figures, with them in the message."""
    return Issue(
        code,
        severity="error",
        params={
            **params,
            "tax": yen(tax),
            "expected": yen_choices(accepted),
            "expected_en": yen_choices_en(accepted),
            "how": f" ({ROUNDING_MODES[mode]})" if mode else "",
            "how_en": f" ({mode})" if mode else "",
        },
        field="tax",
        value=str(int(tax)),
        expected=" / ".join(str(v) for v in sorted(accepted)),
    )


def check_tax_included(total: int, tax: int, rate: Decimal, mode: str | None = None) -> Issue | None:
    """On a list that gives only the tax-included amount and the tax in it (内税, ``うち消費税``),
    the tax must be ``total × rate / (1 + rate)`` (×10/110, ×8/108) rounded once (DOMAIN.md
    §4.2, tax-included basis), or the tax of the net it leaves (``total − tax``) at ``rate``.

    Examples:
        >>> check_tax_included(1099, 99, Decimal("0.10")) is None   # 99.909… rounded down
        True
        >>> check_tax_included(1100, 100, Decimal("0.10")) is None
        True
        >>> f = check_tax_included(10000, 1000, Decimal("0.10"))   # 10% of the total: wrong
        >>> (f.code, f.expected, f.params["expected"])
        ('tax_mismatch_included', '909 / 910', '909 円 または 910 円')
    """
    rate = as_decimal(rate)
    if mode is None:
        accepted = set(acceptable_taxes(int(total), rate, basis="incl"))
    else:
        if mode not in ROUNDING_MODES:
            raise ValueError(f"rounding mode must be one of {', '.join(ROUNDING_MODES)}, not {mode!r}")
        accepted = {tax_from_gross(int(total), rate, mode)}
    if int(tax) in accepted or int(tax) in expected_taxes(int(total) - int(tax), rate, mode):
        return None
    pct = int(rate * 100)
    return tax_finding(
        "tax_mismatch_included", tax, accepted, mode, total=yen(total), rate=percent(rate), fraction=f"{pct}/{100 + pct}"
    )


def infer_rate(net: int, tax: int) -> Decimal | None:
    """The rate (10% or 8%) whose rounding gives ``tax`` on ``net``, when there is one.

    Used when a list has no rate column. 10% wins when both fit (tiny amounts).

    Examples:
        >>> infer_rate(1000, 100)
        Decimal('0.10')
        >>> infer_rate(1801, 144)
        Decimal('0.08')
        >>> infer_rate(1000, 50) is None
        True
    """
    for rate in (Decimal("0.10"), Decimal("0.08")):
        if int(tax) in expected_taxes(net, rate):
            return rate
    return None


def check_unknown_rate(net: int, tax: int) -> Issue | None:
    """A tax that fits neither 10% nor 8% of ``net`` when the list names no rate (warning).

    Examples:
        >>> check_unknown_rate(1000, 100) is None
        True
        >>> check_unknown_rate(1000, 95).code
        'tax_rate_unknown'
    """
    if infer_rate(net, tax) is not None:
        return None
    e10 = expected_taxes(net, Decimal("0.10"))
    e8 = expected_taxes(net, Decimal("0.08"))
    return Issue(
        "tax_rate_unknown",
        severity="warning",
        params={"tax": yen(tax), "net": yen(net), "e10": yen_choices(e10), "e8": yen_choices(e8),
                "e10_en": yen_choices_en(e10), "e8_en": yen_choices_en(e8)},
        field="tax",
        value=str(int(tax)),
        expected=f"10%: {' / '.join(map(str, sorted(e10)))}; 8%: {' / '.join(map(str, sorted(e8)))}",
    )


def check_total(net: int, tax: int, total: int) -> Issue | None:
    """The tax-included total must be ``net + tax``.

    Examples:
        >>> check_total(1000, 100, 1100) is None
        True
        >>> check_total(1000, 100, 1000).params["expected"]
        '1,100'
    """
    expected = int(net) + int(tax)
    if int(total) == expected:
        return None
    return Issue(
        "total_mismatch",
        severity="error",
        params={"total": yen(total), "net": yen(net), "tax": yen(tax), "expected": yen(expected)},
        field="total",
        value=str(int(total)),
        expected=str(expected),
    )


def check_withholding(net: int | None, total: int | None, withholding: int) -> Issue | None:
    """源泉徴収税額 on a fee to an individual (DOMAIN.md §4.4): 10.21% (20.42% above ¥1M), rounded down.

    The base is the fee without tax when the invoice shows the tax, else with it, so
    either is accepted (and the 司法書士 rule, (A − 10,000) × 10.21%).

    Examples:
        >>> check_withholding(300000, 330000, 30630) is None
        True
        >>> check_withholding(300000, 330000, 30000).params["e_net"]
        '30,630'
    """
    if not withholding:
        return None
    bases = [b for b in (net, total) if b is not None and b >= 0]
    if not bases:
        return None
    accepted = {withholding_tax(b, kind=k) for b in bases for k in ("general", "scrivener")}
    if int(withholding) in accepted:
        return None
    e_net = withholding_tax(net) if net is not None and net >= 0 else None
    e_total = withholding_tax(total) if total is not None and total >= 0 else None
    return Issue(
        "withholding_mismatch",
        severity="error",
        params={
            "value": yen(withholding),
            "net": yen(net if net is not None else total),
            "e_net": yen(e_net) if e_net is not None else "-",
            "e_total": yen(e_total) if e_total is not None else "-",
        },
        field="withholding",
        value=str(int(withholding)),
        expected=" / ".join(str(v) for v in (e_net, e_total) if v is not None),
    )


def check_payment(total: int, withholding: int | None, payment: int) -> Issue | None:
    """差引支払額 must be the tax-included total less the withholding.

    Examples:
        >>> check_payment(330000, 30630, 299370) is None
        True
        >>> check_payment(330000, 30630, 300000).params["expected"]
        '299,370'
    """
    expected = int(total) - int(withholding or 0)
    if int(payment) == expected:
        return None
    return Issue(
        "payment_mismatch",
        severity="error",
        params={"payment": yen(payment), "total": yen(total), "withholding": yen(withholding or 0),
                "expected": yen(expected)},
        field="payment",
        value=str(int(payment)),
        expected=str(expected),
    )


def check_tax_once_per_rate(
    line_taxes: Iterable[int], subtotal: int, rate: Decimal, mode: str | None = None
) -> Issue | None:
    """The tax of one rate is rounded once on the subtotal, never line by line.

    ``line_taxes`` are the tax figures an order (or invoice) shows per line for ``rate``;
    their sum must be a tax the subtotal accepts (DOMAIN.md §4.2 worked example).

    Examples:
        >>> check_tax_once_per_rate([31], 315, Decimal("0.10")) is None
        True
        >>> f = check_tax_once_per_rate([10, 10, 10], 315, Decimal("0.10"))
        >>> (f.code, f.params["sum"], f.params["expected"])
        ('tax_per_line', '30', '31 円 または 32 円')
    """
    total = sum(int(t) for t in line_taxes)
    accepted = expected_taxes(subtotal, rate, mode)
    if total in accepted:
        return None
    return Issue(
        "tax_per_line",
        severity="error",
        params={
            "sum": yen(total),
            "subtotal": yen(subtotal),
            "rate": percent(as_decimal(rate)),
            "expected": yen_choices(accepted),
            "expected_en": yen_choices_en(accepted),
        },
        field="tax",
        value=str(total),
        expected=" / ".join(str(v) for v in sorted(accepted)),
    )
