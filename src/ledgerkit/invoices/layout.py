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
from ledgerkit.detect.headers import Contest, Synonyms, header_key
from ledgerkit.detect.tables import cell, is_rate_label
from ledgerkit.invoices.frame import RATES
from ledgerkit.kinds.invoices import INVOICE_MONEY_PATTERNS, INVOICE_RATE_OF_WORD, INVOICE_RATE_WORD
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.parse.periods import parse_year_month

__all__ = ["MONEY_FIELDS", "money_header", "InvoiceLayout", "resolve_amount", "order_list_columns"]

#: fields whose column holds an amount (the layout sorts them into net / tax / total per rate)
MONEY_FIELDS = {"net", "tax", "total", "amount", "net_10", "net_8", "tax_10", "tax_8"}
#: the place a money field's synonym gives its column when no pattern says more (Net, Tax, 課税対象額)
_FIELD_SLOT = {"net": ("net", None), "tax": ("tax", None), "total": ("total", None), "amount": ("amount", None),
               "net_10": ("net", Decimal("0.10")), "net_8": ("net", Decimal("0.08")),
               "tax_10": ("tax", Decimal("0.10")), "tax_8": ("tax", Decimal("0.08"))}

_OPEN, _CLOSE = r"[\(\[【]", r"[\)\]】]"
_RATE_PREFIX = re.compile(rf"{_OPEN}?({INVOICE_RATE_WORD}){_CLOSE}?")
_RATE_SUFFIX = re.compile(rf"{_OPEN}?({INVOICE_RATE_WORD})(?:対象)?{_CLOSE}?$")
_BASIS_SUFFIX = re.compile(rf"{_OPEN}(税抜|税込|税別|外税|内税){_CLOSE}$")
_UNIT_SUFFIX = re.compile(rf"{_OPEN}(?:単位:?)?(?:円|¥|jpy){_CLOSE}$")
_RATE_OF_WORD = {Decimal(rate): re.compile(words) for rate, words in INVOICE_RATE_OF_WORD.items()}
_MONEY_WORDS = {kind: re.compile(rx) for kind, rx in INVOICE_MONEY_PATTERNS.items()}
#: the basis a money word itself says (税抜金額 is net whatever its bracket says)
_SAYS_NET, _SAYS_TOTAL = re.compile(r"税抜|本体|課税|対象|外税"), re.compile(r"税込")


def money_header(text: str) -> tuple[str, Decimal | None] | None:
    """(kind, rate) a money column's header names: ``消費税(8%)`` → ('tax', 0.08).

    ``kind`` is ``net``, ``tax``, ``total`` or ``amount`` (金額, 請求額: neither net nor total
    said). The whole header must be a money word of :data:`~ledgerkit.kinds.invoices.INVOICE_MONEY_PATTERNS`
    once a rate, a basis in brackets and a unit are taken off it: a word that only *holds* one
    (対象者, 対象月, 課税区分) is no money column.

    Examples:
        >>> money_header("税抜金額 10%"), money_header("消費税（８％）"), money_header("税込合計")
        (('net', Decimal('0.10')), ('tax', Decimal('0.08')), ('total', None))
        >>> money_header("8%対象(軽減)"), money_header("標準税率対象"), money_header("請求額(税込)")
        (('net', Decimal('0.08')), ('net', Decimal('0.10')), ('total', None))
        >>> money_header("金額"), money_header("対象者"), money_header("対象月"), money_header("税率")
        (('amount', None), None, None, None)
    """
    key = header_key(text)
    rates: set[Decimal | None] = set()
    basis = None
    for _ in range(6):
        m = _RATE_PREFIX.match(key)
        if m and m.end() < len(key):
            rates.add(_rate_of(m.group(1)))
            key = key[m.end():]
            continue
        m = _RATE_SUFFIX.search(key)
        if m and m.start() > 0:
            rates.add(_rate_of(m.group(1)))
            key = key[: m.start()]
            continue
        m = _BASIS_SUFFIX.search(key) if basis is None else None
        if m and m.start() >= 0:
            basis = "net" if m.group(1) in ("税抜", "税別", "外税") else "total"
            key = key[: m.start()]
            continue
        m = _UNIT_SUFFIX.search(key)
        if m and m.start() > 0:
            key = key[: m.start()]
            continue
        break
    if len(rates) > 1 or None in rates:
        return None  # 10%対象 8%, 軽減10%: which rate is it?
    rate = next(iter(rates), None)
    kind = _money_word(key, rate)
    if kind is None and rate is not None and key.startswith("対象"):
        # 10%対象消費税, 8%対象合計, 標準税率対象: the rate's 対象 before the money word
        kind = _money_word(key[2:], rate) if key[2:] else "net"
    if kind is None and not key and basis is not None:
        kind = basis
    if kind is None:
        return None
    if basis is not None and kind != "tax":
        # 請求額(税込) is the total, 合計(税抜) the net; 税抜金額(税込) says both
        said = "net" if _SAYS_NET.match(key) else ("total" if _SAYS_TOTAL.match(key) else None)
        if said is not None and said != basis:
            return None
        kind = basis
    return kind, rate


def _money_word(word: str, rate: Decimal | None) -> str | None:
    """The kind of amount ``word`` is all of (tax, net, total, amount), or None."""
    for kind, rx in _MONEY_WORDS.items():
        if rx.fullmatch(word):
            # 対象 alone is a money column only with its rate (10%対象); bare, it is a yes/no column
            return None if word == "対象" and rate is None else kind
    return None


def _rate_of(word: str) -> Decimal | None:
    """The rate a rate word names (軽減8% → 0.08), or None when it names both (軽減10%)."""
    found = {rate for rate, rx in _RATE_OF_WORD.items() if rx.search(word)}
    return found.pop() if len(found) == 1 else None


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
        # each money column's place: its pattern (税抜金額 10%, 8%対象) or else its synonym's field
        # (Net, Amount (excl. tax)). Where two claim one place, a synonym beats a pattern, then
        # the leftmost wins, and the sheet says so (contests)
        taken = {c: f for f, c in self.mapping.items()}
        claims: dict[tuple[str, Decimal | None], list[tuple[int, int]]] = {}
        for c, text in self.columns.items():
            field = taken.get(c)
            if field is not None and field not in MONEY_FIELDS:
                continue
            slot = money_header(text) or _FIELD_SLOT.get(field)
            if slot is None:
                continue
            kind, rate = slot
            if kind == "amount" and rate is not None:
                kind = "net"  # 金額 10%: the rate's amount, net as in every split-rate list
            named = field is not None and _FIELD_SLOT[field][0] in (kind, "amount")
            claims.setdefault((kind, rate), []).append((c, 2 if named else 1))
        self.split: dict[tuple[str, Decimal], int] = {}
        self.single: dict[str, int] = {}
        #: (place, Contest) where several columns claimed one place
        self.contests: list[tuple[str, Contest]] = []
        for (kind, rate), cols in claims.items():
            win, quality = max(cols, key=lambda cq: (cq[1], -cq[0]))
            if rate is None:
                self.single[kind] = win
            else:
                self.split[(kind, rate)] = win
            if len(cols) > 1:
                reason = "pattern" if all(q < quality for c, q in cols if c != win) else "left"
                place = kind if rate is None else f"{kind}_{int(rate * 100)}"
                self.contests.append((place, Contest(place, win, tuple(c for c, _ in cols if c != win), reason)))
        for f in MONEY_FIELDS:
            self.mapping.pop(f, None)
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
