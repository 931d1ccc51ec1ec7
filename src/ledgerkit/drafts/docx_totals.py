"""The totals of a filled Word form, read back from what the draft shows and checked against
the lines — the Word counterpart of :mod:`ledgerkit.drafts.totals` for the Excel forms.

An Excel form computes its totals (``=SUM(H14:H16)``), and those formulas are evaluated against
the sum of the lines. A Word form prints the figures ledgerkit gives it; what can go wrong is
what it prints: a line left out (a loop over ``lines[:5]``, an ``{% if %}``), an amount column
showing something else (``line.unit_price``), a total that is not the lines' total. So the
figures the document shows (marked by :mod:`ledgerkit.drafts.docx_tags`) are read back,
parsed as amounts, and checked:

- one amount shown per line, in order, each the line's amount, adding up to the sum of the
  lines computed from the data (``expected``);
- ``subtotal`` = that sum; per tax rate (``rates['10%'].net|tax|total`` or a ``by_rate`` row)
  the net of that rate's lines and its tax computed once on it (DOMAIN.md §4.2);
  ``tax`` = the taxes per rate added; ``total`` = sum + tax.

A figure shown in words (``total|kanji_amount``) or with other text cannot be read back and is
not checked, as the Excel check leaves alone a formula it cannot evaluate. And the 押印欄
(``stamps[0]`` … ``stamps[5]``) must have a box for every approver of the route.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping

from ledgerkit.core.errors import TemplateError
from ledgerkit.core.money import tax_amount
from ledgerkit.drafts.docx_tags import LINE_LOOP
from ledgerkit.drafts.text import t
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.text import CellValueError

__all__ = ["check_figures"]

_LABELS = {
    "subtotal": ("小計", "subtotal"), "tax": ("消費税", "tax"), "total": ("合計", "total"),
    "net": ("対象額", "net"), "line:amount": ("明細の金額", "line amount"),
}


def _amount(text: str) -> Decimal | None:
    try:
        return parse_amount(text.strip())
    except (CellValueError, ValueError, TypeError, ArithmeticError):
        return None


def _label(kind: str, lang: str) -> str:
    parts = kind.split(":")
    if parts[0] in ("rate", "by_rate"):
        what = _LABELS.get(parts[-1], (parts[-1], parts[-1]))[0 if lang == "ja" else 1]
        return f"{parts[1]} {what}" if parts[0] == "rate" else f"by_rate {what}"
    return _LABELS.get(kind, (kind, kind))[0 if lang == "ja" else 1]


def _by_rate(amounts: list[Decimal], lines: list[Mapping[str, Any]], mode: str) -> list[dict[str, Any]]:
    """Net, tax and total per rate from the amounts shown, highest rate first (tax once per rate)."""
    out = []
    rates = [Decimal(str(line.get("tax_rate", 0))) for line in lines]
    for rate in sorted(set(rates), reverse=True):
        net = sum((a for a, r in zip(amounts, rates) if r == rate), Decimal(0))
        tax = Decimal(tax_amount(int(net), rate, mode)) if rate else Decimal(0)
        label = lines[rates.index(rate)].get("tax_rate_label") or f"{(rate * 100).normalize():f}%"
        out.append({"label": str(label), "net": net, "tax": tax, "total": net + tax})
    return out


def check_figures(figures: list[tuple[str, str]], context: Mapping[str, Any], expected=None, *,
                  form: str = "form", lang: str = "ja") -> None:
    """Check the figures a filled form shows (``(kind, text)`` in document order) against its lines.

    The 押印欄 must have a box for every approver of the route. The figures are not checked
    for a form without a line amount, or a context without ``lines``.
    Raises TemplateError naming the figure, what it shows and what the lines give.
    """
    _check_stamps(figures, context, form, lang)
    lines = context.get(LINE_LOOP)
    shown = [(kind, text, _amount(text)) for kind, text in figures]
    line_amounts = [a for kind, _, a in shown if kind == "line:amount"]
    if not isinstance(lines, list) or not line_amounts:
        return
    if len(line_amounts) != len(lines):
        raise TemplateError(t("docx_lines_shown", lang, form=form, count=len(lines), shown=len(line_amounts)))
    if any(a is None for a in line_amounts):
        return  # amounts shown in words: nothing to add up
    for i, (a, line) in enumerate(zip(line_amounts, lines), 1):
        if line.get("amount") is not None and a != Decimal(line["amount"]):
            raise TemplateError(t("docx_figure_differs", lang, form=form, what=f"{_label('line:amount', lang)} {i}",
                                  shown=f"{a:,}", expected=f"{Decimal(line['amount']):,}"))
    total_lines = sum(line_amounts, Decimal(0))
    if expected is not None and total_lines != Decimal(expected):
        raise TemplateError(t("total_mismatch", lang, form=form, expected=expected, values=f"{total_lines:,}"))
    per_rate = _by_rate(line_amounts, lines, str(context.get("rounding", "down")))
    tax = sum((r["tax"] for r in per_rate), Decimal(0))
    want = {"subtotal": total_lines, "tax": tax, "total": total_lines + tax}
    for r in per_rate:
        for key in ("net", "tax", "total"):
            want[f"rate:{r['label']}:{key}"] = r[key]
    by_rate_seen: dict[str, int] = {}
    for kind, text, a in shown:
        if kind.startswith("by_rate:"):
            key = kind.split(":")[1]
            i = by_rate_seen.get(key, 0)
            by_rate_seen[key] = i + 1
            expect = per_rate[i][key] if i < len(per_rate) else None
        else:
            expect = want.get(kind) if kind != "line:amount" else None
            if kind.startswith("rate:") and expect is None:
                expect = Decimal(0)  # a rate the order has no line at
        if a is None or expect is None or kind == "line:amount":
            continue
        if a != expect:
            raise TemplateError(t("docx_figure_differs", lang, form=form, what=_label(kind, lang), shown=text.strip(),
                                  expected=f"{expect:,}"))


def _check_stamps(figures: list[tuple[str, str]], context: Mapping[str, Any], form: str, lang: str) -> None:
    """A route longer than the form's stamp boxes would lose an approver without a word: refused."""
    boxes = {int(kind.split(":")[1]) for kind, _ in figures if kind.startswith("stamp:")}
    route = context.get("approval")
    if boxes and isinstance(route, list) and len(route) > max(boxes) + 1:
        raise TemplateError(t("docx_stamps_short", lang, form=form, count=len(route), route="・".join(map(str, route)),
                              boxes=max(boxes) + 1))
