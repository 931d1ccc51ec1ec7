"""An invoice sheet's layout: which column holds what, and which amounts are net, tax or total.

**One row per invoice and tax rate.** A list with separate 10% and 8% columns
(``税抜金額 10%`` / ``8%``, ``消費税 10%`` / ``8%``) is a *split-rate* layout; one with a
single 税抜 / 消費税 / 税込 set is *one-rate*. A ``金額`` column without a basis is read
as net or total from the columns beside it, or from the figures.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from ledgerkit.core.money import acceptable_taxes
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import Synonyms, header_key
from ledgerkit.detect.tables import cell, is_rate_label
from ledgerkit.invoices.frame import RATES
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.parse.periods import parse_year_month

__all__ = ["money_header", "InvoiceLayout", "resolve_amount", "order_list_columns"]

_RATE_10 = re.compile(r"(?<![\d.])10(?:\.0+)?%|標準")
_RATE_8 = re.compile(r"(?<![\d.])8(?:\.0+)?%|軽減")

#: fields whose column holds an amount (the layout sorts them into net / tax / total per rate)
_MONEY_FIELDS = {"net", "tax", "total", "amount", "net_10", "net_8", "tax_10", "tax_8"}


def money_header(text: str) -> tuple[str, Decimal | None] | None:
    """(kind, rate) a money column's header names: ``消費税(8%)`` → ('tax', 0.08).

    Examples:
        >>> money_header("税抜金額 10%"), money_header("消費税（８％）"), money_header("税込合計")
        (('net', Decimal('0.10')), ('tax', Decimal('0.08')), ('total', None))
        >>> money_header("税率") is None
        True
    """
    key = header_key(text)
    if not key:
        return None
    rate = None
    if _RATE_10.search(key):
        rate = Decimal("0.10")
    elif _RATE_8.search(key):
        rate = Decimal("0.08")
    if "源泉" in key or "差引" in key or key in ("税率", "税区分") or "税率区分" in key:
        return None
    # what the amount is before how it is summed: 税抜合計 is net, 消費税合計 tax
    if "税込" in key:
        kind = "total"
    elif "消費税" in key or "税額" in key:
        kind = "tax"
    elif "税抜" in key or "本体" in key:
        kind = "net"
    elif "合計" in key:
        kind = "total"
    elif any(w in key for w in ("対象", "金額", "小計", "課税")):
        kind = "net"
    else:
        return None
    return kind, rate


class InvoiceLayout:
    """Which column holds what, for one invoice sheet.

    ``split`` maps (kind, rate) to the column of a split-rate list, ``single`` maps a kind
    (``net``, ``tax``, ``total``, ``amount``) to its column; ``invoice_total_col`` is a
    split-rate list's tax-included total of the whole invoice. ``month_start`` is the
    month a title above the table names, if any.
    """

    def __init__(self, table, rows):
        self.table = table
        self.columns = dict(table.columns)
        self.mapping = dict(table.mapping)
        self.data_start = table.data_start
        #: set by resolve_amount when nothing told whether 金額 is net or total
        self.amount_assumed = False
        self._join_rate_label_row(rows)
        self._join_rates_above(rows)
        self.month_start = _month_above(rows, table.header_row)
        self._sort_money_columns()

    def _join_rate_label_row(self, rows) -> None:
        # a second header row of rate labels only (10% | 8%) that the detector took for data
        table = self.table
        first = rows[self.data_start] if self.data_start < table.data_end else []
        cells = {c: cell(first, c) for c in self.columns}
        nonblank = {c: v for c, v in cells.items() if not is_empty(v)}
        if nonblank and all(is_rate_label(v) for v in nonblank.values()):
            for c, v in nonblank.items():
                self.columns[c] = f"{self.columns[c]} {str(v).strip()}"
            self.data_start += 1

    def _join_rates_above(self, rows) -> None:
        # the rate written ABOVE the header, over its money columns (標準税率10% over 税抜 | 消費税,
        # 軽減税率8% over 税抜 | 消費税): the detector took the lower row alone for the header
        table = self.table
        if not (table.header_rows == 1 and table.header_row > 0):
            return
        above = rows[table.header_row - 1]
        rated = {}
        for c, text in self.columns.items():
            cls = money_header(text)
            v = cell(above, c)
            if cls is None or cls[1] is not None or not isinstance(v, str):
                continue
            over = money_header(f"{v} 金額") if v.strip() else None
            if over is not None and over[1] is not None:
                rated[c] = f"{v.strip()} {text}"
        if len({money_header(t)[1] for t in rated.values()}) > 1:
            self.columns.update(rated)

    def _sort_money_columns(self) -> None:
        taken = {c: f for f, c in self.mapping.items()}
        self.split: dict[tuple[str, Decimal], int] = {}
        self.single: dict[str, int] = {}
        for c, text in self.columns.items():
            field = taken.get(c)
            if field is not None and field not in _MONEY_FIELDS:
                continue
            cls = money_header(text)
            if cls is None:
                if field == "amount":
                    self.single.setdefault("amount", c)
                continue
            kind, rate = cls
            if field == "amount" and rate is None:
                self.single.setdefault("amount", c)
            elif rate is not None:
                self.split.setdefault((kind, rate), c)
            else:
                self.single.setdefault(kind, c)
        for c in list(self.split.values()) + list(self.single.values()):
            for f, fc in list(self.mapping.items()):
                if fc == c and f in _MONEY_FIELDS:
                    del self.mapping[f]
        if self.split:
            # in a split layout, a net/tax column without a rate is an invoice-level figure
            self.invoice_total_col = self.single.get("total")
            self.single.pop("total", None)
        else:
            self.invoice_total_col = None

    @property
    def has_money(self) -> bool:
        return bool(self.split) or bool(self.single)

    def money_columns(self) -> set[int]:
        """The columns the amounts are read from (in a split-rate list, a 税抜 column without
        a rate is not one of them; a 消費税 without a rate is, when no rate has its own)."""
        if self.split:
            out = set(self.split.values())
            if not any(k == "tax" for k, _ in self.split) and "tax" in self.single:
                out.add(self.single["tax"])
        else:
            out = set(self.single.values())
        if self.invoice_total_col is not None:
            out.add(self.invoice_total_col)
        return out

    def place_amount(self, amount_kind: str | None) -> None:
        """Give the 金額 column the place :func:`resolve_amount` decided (or none)."""
        if amount_kind is not None:
            c_amount = self.single.pop("amount")
            if self.split:
                self.invoice_total_col = c_amount
            else:
                self.single[amount_kind] = c_amount
        else:
            self.single.pop("amount", None)


def _month_above(rows, header_row: int) -> dt.date | None:
    # the month a title above the table names (請求書受領台帳 2026年10月分, 対象月 | 2026年10月):
    # the year of a due date written 11月末 when the list has no issue date
    for r in range(0, header_row):
        for v in rows[r]:
            ym = parse_year_month(v) if isinstance(v, str) and v.strip() else None
            if ym and ym[0]:
                return dt.date(ym[0], ym[1], 1)
    return None


def resolve_amount(rows, layout: InvoiceLayout, parse_amount, parse_rate) -> str | None:
    """Whether an ``金額``/``請求金額`` column is tax-excluded (net) or included (total).

    With a net column beside it, it is the total; with a total column, the net. Alone
    with a tax column, the figures decide: where tax fits ``金額 × rate`` it is net,
    where it fits ``金額 × rate / (1 + rate)`` it is the total. A ``(税込)``/``(税抜)``
    written in the cells wins.
    """
    if "amount" not in layout.single:
        return None
    single = layout.single
    if layout.split:
        return "total" if "total" not in single and layout.invoice_total_col is None else None
    if "net" in single and "total" not in single:
        return "total"
    if "total" in single and "net" not in single:
        return "net"
    if "net" in single and "total" in single:
        return None
    votes = _amount_votes(rows, layout, parse_amount, parse_rate)
    if single.get("tax") is None and votes["total"] == votes["net"] == 0:
        # nothing tells: what a vendor bills (請求金額) is what is paid, tax included. Read
        # as net it would count 税込 figures as 税抜 (and leave every total blank); said so
        layout.amount_assumed = True
        return "total"
    return "total" if votes["total"] > votes["net"] else "net"


def _amount_votes(rows, layout: InvoiceLayout, parse_amount, parse_rate) -> dict[str, int]:
    """How many rows say the 金額 column is net, and how many that it is the total."""
    c_amount = layout.single["amount"]
    c_tax = layout.single.get("tax")
    c_rate = layout.mapping.get("tax_rate")
    votes = {"net": 0, "total": 0}
    for r in range(layout.data_start, layout.table.data_end):
        row = rows[r]
        amount, err = parse_amount(cell(row, c_amount))
        if err or amount[0] is None:
            continue
        value, basis = amount
        if basis == "incl":
            votes["total"] += 1
            continue
        if basis == "excl":
            votes["net"] += 1
            continue
        if c_tax is None:
            continue
        tax, err = parse_amount(cell(row, c_tax))
        if err or tax[0] is None or value != value.to_integral_value():
            continue
        rate, err = parse_rate(cell(row, c_rate)) if c_rate is not None else (None, None)
        rates = [rate] if rate else list(RATES)
        for rt in rates:
            if int(tax[0]) in acceptable_taxes(int(value), rt):
                votes["net"] += 1
                break
            net_guess = int(value) - int(tax[0])
            if int(tax[0]) in acceptable_taxes(net_guess, rt):
                votes["total"] += 1
                break
    return votes


def order_list_columns(table) -> list[str]:
    """The headers that make a table an order list rather than an invoice list: an order
    number with quantity and unit price, and no invoice number. Empty for an invoice list."""
    if "invoice_no" in table.mapping or "po_no" not in table.mapping:
        return []
    syn = Synonyms({k: ORDER_FIELDS[k] for k in ("qty", "unit_price")})
    found = {syn.match(h): h for h in table.columns.values() if syn.match(h)}
    if set(found) != {"qty", "unit_price"}:
        return []
    return [table.columns[table.mapping["po_no"]], found["qty"], found["unit_price"]]
