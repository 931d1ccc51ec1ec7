"""An order's money: subtotals per rate, tax rounded once per rate, the total; and a form's own figures."""

from __future__ import annotations

import itertools
from decimal import Decimal
from typing import Callable

from ledgerkit.checks.values import get, rate_of
from ledgerkit.core.issues import Issue
from ledgerkit.core.money import round_yen
from ledgerkit.rules.figures import is_na
from ledgerkit.rules.figures import percent, yen_choices, yen_choices_en
from ledgerkit.rules.tax import (
    check_tax,
    check_tax_once_per_rate,
    check_total,
    check_unknown_rate,
    expected_taxes,
    infer_rate,
)

__all__ = ["order_money_findings", "order_form_findings"]


def order_money_findings(lines, po_no: str, rounding, place: Callable) -> list[Issue | None]:
    """The lines of one order: subtotal per rate, tax per rate (or one tax for all), total."""
    out: list[Issue | None] = []
    if "amount" not in lines.columns:
        return out
    first = lines.iloc[0]
    rates = [rate_of(v) for v in lines["tax_rate"]] if "tax_rate" in lines.columns else [None] * len(lines)
    groups: dict[Decimal | None, list[int]] = {}
    for i, r in enumerate(rates):
        groups.setdefault(r, []).append(i)
    po_tax_total = 0
    tax_known = "tax" in lines.columns and lines["tax"].notna().any()
    # one 消費税 figure for a whole order of several rates (on its first line): the order's tax,
    # rounded once per rate and added up, not the tax of the first line's rate
    order_tax = None
    if tax_known and len(groups) > 1 and None not in groups and lines["amount"].notna().all():
        cells = [i for i, v in enumerate(lines["tax"]) if not is_na(v)]
        if cells == [0]:
            order_tax = int(lines["tax"].iloc[0])
    for rate, idx in groups.items():
        sub = lines.iloc[idx]
        if sub["amount"].isna().any():
            tax_known = False
            continue
        subtotal = int(sub["amount"].sum())
        out.extend(_subtotal_findings(lines, sub, rate, subtotal, place))
        if not tax_known or order_tax is not None:
            continue
        tax, found = _rate_tax(sub, rate, subtotal, rounding, place)
        out.extend(found)
        if tax is None:
            tax_known = False
        else:
            po_tax_total += tax
    if order_tax is not None:
        by_rate = {rate: int(lines.iloc[idx]["amount"].sum()) for rate, idx in groups.items()}
        per_rate, sums = _tax_sums(by_rate, rounding)
        if order_tax in sums:
            po_tax_total = order_tax
        else:
            out.append(place(_po_tax_mismatch(order_tax, by_rate, per_rate, sums), first))
            tax_known = False
    if tax_known and "total" in lines.columns:
        out.extend(_total_findings(lines, po_tax_total, place))
    return out


def _subtotal_findings(lines, sub, rate: Decimal | None, subtotal: int, place: Callable) -> list[Issue | None]:
    """A 小計 column: one value per rate (or per order)."""
    out: list[Issue | None] = []
    pct = percent(rate) if rate is not None else ""
    if "subtotal" in sub.columns:
        vals = {int(v) for v in sub["subtotal"] if not is_na(v)}
        whole = int(lines["amount"].sum()) if lines["amount"].notna().all() else None
        for v in vals:
            if v != subtotal and v != whole:
                row = sub[sub["subtotal"] == v].iloc[0]
                mismatch = Issue("subtotal_mismatch", severity="error",
                                 params={"rate": pct, "subtotal": f"{v:,}", "expected": f"{subtotal:,}"},
                                 field="subtotal", value=str(v), expected=str(subtotal))
                out.append(place(mismatch, row))
    return out


def _rate_tax(sub, rate: Decimal | None, subtotal: int, rounding, place: Callable) -> tuple[int | None, list]:
    """(the tax one rate's lines add to the order, findings); None for the tax when it does not
    add up (or its rate cannot be told), and the order's total is then not checked."""
    taxes = [int(v) for v in sub["tax"] if not is_na(v)]
    if not taxes:
        return 0, []
    if rate is None:
        rate = infer_rate(subtotal, sum(taxes)) or (infer_rate(subtotal, taxes[0]) if len(set(taxes)) == 1 else None)
        if rate is None:
            row = sub[sub["tax"].notna()].iloc[0]
            return None, [place(check_unknown_rate(subtotal, sum(taxes)), row)]
    accepted = expected_taxes(subtotal, rate, rounding)
    tax_row = sub[sub["tax"].notna()].iloc[0]
    if len(taxes) > 1 and len(set(taxes)) == 1 and taxes[0] in accepted:
        return taxes[0], []  # the order's tax repeated on each line
    if sum(taxes) in accepted:
        return sum(taxes), []
    if len(taxes) > 1:
        return None, [place(check_tax_once_per_rate(taxes, subtotal, rate, rounding), tax_row)]
    return None, [place(check_tax(subtotal, taxes[0], rate, rounding), tax_row)]


def _total_findings(lines, po_tax_total: int, place: Callable) -> list[Issue | None]:
    out: list[Issue | None] = []
    totals = {int(v) for v in lines["total"] if not is_na(v)}
    expected = int(lines["amount"].sum()) + po_tax_total
    for v in totals:
        if v != expected:
            row = lines[lines["total"] == v].iloc[0]
            mismatch = Issue("total_mismatch", severity="error",
                             params={"total": f"{v:,}", "net": f"{int(lines['amount'].sum()):,}",
                                     "tax": f"{po_tax_total:,}", "expected": f"{expected:,}"},
                             field="total", value=str(v), expected=str(expected))
            out.append(place(mismatch, row))
    return out


def _tax_sums(by_rate: dict, rounding) -> tuple[dict, set[int]]:
    """Per rate the taxes its net accepts, and every order tax they add up to."""
    per_rate = {rate: expected_taxes(net, rate, rounding) for rate, net in by_rate.items()}
    sums = {sum(combo) for combo in itertools.product(*per_rate.values())}
    return per_rate, sums


def _po_tax_mismatch(tax: int, by_rate: dict, per_rate: dict, sums: set[int]) -> Issue:
    """An order's one tax figure that no rounding of its rates' taxes adds up to."""
    breakdown = "、".join(
        f"{percent(rate)}対象 {net:,} 円 → {yen_choices(per_rate[rate])}" for rate, net in sorted(by_rate.items(), reverse=True)
    )
    return Issue("po_tax_mismatch", severity="error",
                 params={"tax": f"{tax:,}", "expected": yen_choices(sums), "breakdown": breakdown,
                         "expected_en": yen_choices_en(sums)},
                 field="tax", value=str(tax), expected=" / ".join(str(v) for v in sorted(sums)))


def order_form_findings(lines, rounding, place: Callable) -> list[Issue | None]:
    """An order form's own figures (10%対象 / 8%対象 / 小計 / 消費税 / 合計) against its lines.

    A line without an amount (a formula never calculated) counts as quantity × unit
    price rounded down, as ``=ROUNDDOWN(数量*単価,0)`` on the form would give.
    """
    first = lines.iloc[0]
    by_rate: dict[Decimal | None, int] = {}

    out: list[Issue | None] = []

    def add(f: Issue | None, key: str) -> None:
        # a finding points at the row of the figure it is about, when the form says where
        row = get(first, f"_row_{key}")
        out.append(f.at(row=int(row)) if f is not None and row is not None else f)
    for _, row in lines.iterrows():
        amount = get(row, "amount")
        if amount is None:
            qty, price = get(row, "qty"), get(row, "unit_price")
            if qty is None or price is None:
                return out
            amount = round_yen(Decimal(str(qty)) * Decimal(str(price)), "down")
        rate = rate_of(get(row, "tax_rate"))
        by_rate[rate] = by_rate.get(rate, 0) + int(amount)
    subtotal = sum(by_rate.values())
    for key, rate in (("po_net_10", Decimal("0.10")), ("po_net_8", Decimal("0.08"))):
        stated = get(first, key)
        if stated is not None and int(stated) != by_rate.get(rate, 0):
            add(place(_form_subtotal_mismatch(int(stated), by_rate.get(rate, 0), percent(rate)), first), key)
    stated = get(first, "po_subtotal")
    if stated is not None and int(stated) != subtotal:
        add(place(_form_subtotal_mismatch(int(stated), subtotal, ""), first), "po_subtotal")
    tax = get(first, "po_tax")
    if tax is not None and None not in by_rate:
        per_rate, sums = _tax_sums(by_rate, rounding)
        if int(tax) not in sums:
            add(place(_po_tax_mismatch(int(tax), by_rate, per_rate, sums), first), "po_tax")
        total = get(first, "po_total")
        if total is not None and int(total) != subtotal + int(tax):
            add(place(check_total(subtotal, int(tax), int(total)), first), "po_total")
    return out


def _form_subtotal_mismatch(stated: int, expected: int, pct: str) -> Issue:
    return Issue("subtotal_mismatch", severity="error",
                 params={"rate": pct, "subtotal": f"{stated:,}", "expected": f"{expected:,}"},
                 field="subtotal", value=str(stated), expected=str(expected))
