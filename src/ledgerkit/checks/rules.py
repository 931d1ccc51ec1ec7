"""The invoice and order rules, as plain functions on one value.

Each ``check_*`` function looks at the figures of one invoice (or one order line) and
returns a :class:`Finding` when a careful accountant would stop at it, or ``None``. They
know nothing about files: :mod:`ledgerkit.checks.lists` runs them over whole lists and fills in
where each finding is (file, sheet, Excel row, column header). A script can call them on
its own figures::

    >>> from decimal import Decimal
    >>> check_tax(315, 31, Decimal("0.10")) is None      # 31.5 rounded down: fine
    True
    >>> check_tax(315, 30, Decimal("0.10")).message()     # doctest: +ELLIPSIS
    '消費税額 30 円が 税抜 315 円 × 10% と合いません (正しくは 31 円 または 32 円)...'

Severity follows DOMAIN.md §0: ``error`` breaks arithmetic or a legal requirement,
``warning`` is unusual or where the sources disagree.

The rounding rule (DOMAIN.md §4.2): tax is rounded once per invoice per rate, and the
issuer picks the mode, so a received invoice is accepted when its tax equals the exact
figure rounded down, half up or up (|Δ| < 1 yen). ``mode=`` requires one mode.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field, replace
from decimal import Decimal
from importlib import resources
from typing import Any, Iterable

from ledgerkit.core import messages

__all__ = [
    "Finding",
    "FINDING_COLUMNS",
    "ROUNDING_MODES",
    "check_tax",
    "check_total",
    "check_withholding",
    "check_payment",
    "check_registration_no",
    "check_issue_date",
    "check_due_date",
    "check_line_amount",
    "check_tax_once_per_rate",
    "check_payment_due",
    "check_po_amount",
    "check_vendor_match",
    "infer_rate",
    "written_terms",
    "missing_terms",
    "latest_payment_due",
    "DEFAULT_MAX_DUE_DAYS",
    "DEFAULT_PAYMENT_DAYS",
]

#: rounding modes an issuer may choose (money.round_yen's names) and how they are called
ROUNDING_MODES = {"down": "切り捨て", "half_up": "四捨五入", "up": "切り上げ"}

#: a due date later than this many days after the issue date is reported (warning).
#: Payment terms in Japan run to 月末締め翌々月末 at the longest in ordinary trade
#: (about 90 days); 120 leaves room for that and flags typos such as a wrong year.
DEFAULT_MAX_DUE_DAYS = 120

#: 取適法 / 下請法: payment within 60 days of receipt, counting the day of receipt (DOMAIN.md §2.2)
DEFAULT_PAYMENT_DAYS = 60

#: the columns of a findings table, in order
FINDING_COLUMNS = [
    "rule",
    "severity",
    "message",
    "source_file",
    "source_sheet",
    "source_row",
    "column",
    "invoice_no",
    "value",
    "expected",
    "field",
]


@dataclass(frozen=True)
class Finding:
    """One thing a check found, with the figure it expected.

    ``rule`` is a stable code (it is also the message's key in :mod:`ledgerkit.core.messages`);
    ``field`` is the canonical column (``tax``, ``registration_no`` ...) whose cell is at fault,
    so that reports can highlight it; ``column`` is that column's header as the file writes it.

    Examples:
        >>> f = Finding("total_mismatch", "error", {"total": "1,100", "net": "1,000", "tax": "99", "expected": "1,099"})
        >>> f.message("en")
        'total 1,100 yen is not net 1,000 + tax 99 = 1,099 yen'
    """

    rule: str
    severity: str
    params: dict = field(default_factory=dict, compare=False, hash=False)
    field: str = ""
    value: str = ""
    expected: str = ""
    file: str = ""
    sheet: str = ""
    row: int | None = None
    column: str = ""
    invoice_no: str = ""

    def message(self, lang: str = "ja") -> str:
        return messages.text(self.rule, lang, **self.params)

    def at(self, **where: Any) -> "Finding":
        """The same finding placed at ``file``/``sheet``/``row``/``column``/``invoice_no``."""
        return replace(self, **{k: v for k, v in where.items() if v is not None})

    def as_record(self, lang: str = "ja") -> dict:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message(lang),
            "source_file": self.file,
            "source_sheet": self.sheet,
            "source_row": self.row,
            "column": self.column,
            "invoice_no": self.invoice_no,
            "value": self.value,
            # an expectation in words may be given in both languages: {"ja": ..., "en": ...}
            "expected": (self.expected.get(lang, self.expected.get("en")) if isinstance(self.expected, dict)
                         else self.expected),
            "field": self.field,
        }


# --- formatting helpers -------------------------------------------------------------


def _yen(x: int | Decimal) -> str:
    """``1234`` -> ``'1,234'``; negatives keep a minus sign."""
    return f"{int(x):,}"


def _pct(rate: Decimal) -> str:
    """``Decimal('0.10')`` -> ``'10%'``, ``Decimal('0.08')`` -> ``'8%'``."""
    p = (Decimal(rate) * 100).normalize()
    return f"{p:f}%"


def _dec(x: Any) -> Decimal:
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        # rates stored as float64 (0.1, 0.08) are exact again through their shortest repr
        return Decimal(repr(x))
    return Decimal(x)


def _or(values: Iterable[int]) -> str:
    return " または ".join(f"{_yen(v)} 円" for v in sorted(set(values)))


def _or_en(values: Iterable[int]) -> str:
    return " or ".join(f"{_yen(v)}" for v in sorted(set(values)))


# --- tax and totals -------------------------------------------------------------------


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
    from ledgerkit.core.money import acceptable_taxes, tax_amount

    rate = _dec(rate)
    if mode is None:
        return set(acceptable_taxes(int(net), rate))
    if mode not in ROUNDING_MODES:
        raise ValueError(f"rounding mode must be one of {', '.join(ROUNDING_MODES)}, not {mode!r}")
    return {tax_amount(int(net), rate, mode)}


def check_tax(net: int, tax: int, rate: Decimal, mode: str | None = None) -> Finding | None:
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
    return _tax_finding("tax_mismatch", tax, accepted, mode, net=_yen(net), rate=_pct(_dec(rate)))


def _tax_finding(rule: str, tax: int, accepted: set[int], mode: str | None, **params) -> Finding:
    """A tax that is none of the ``accepted`` figures, with them in the message."""
    return Finding(
        rule,
        "error",
        {
            **params,
            "tax": _yen(tax),
            "expected": _or(accepted),
            "expected_en": _or_en(accepted),
            "how": f" ({ROUNDING_MODES[mode]})" if mode else "",
            "how_en": f" ({mode})" if mode else "",
        },
        field="tax",
        value=str(int(tax)),
        expected=" / ".join(str(v) for v in sorted(accepted)),
    )


def check_tax_included(total: int, tax: int, rate: Decimal, mode: str | None = None) -> Finding | None:
    """On a list that gives only the tax-included amount and the tax in it (内税, ``うち消費税``),
    the tax must be ``total × rate / (1 + rate)`` (×10/110, ×8/108) rounded once (DOMAIN.md
    §4.2, tax-included basis), or the tax of the net it leaves (``total − tax``) at ``rate``.

    Examples:
        >>> check_tax_included(1099, 99, Decimal("0.10")) is None   # 99.909… rounded down
        True
        >>> check_tax_included(1100, 100, Decimal("0.10")) is None
        True
        >>> f = check_tax_included(10000, 1000, Decimal("0.10"))   # 10% of the total: wrong
        >>> (f.rule, f.expected, f.params["expected"])
        ('tax_mismatch_included', '909 / 910', '909 円 または 910 円')
    """
    from ledgerkit.core.money import acceptable_taxes, tax_from_gross

    rate = _dec(rate)
    if mode is None:
        accepted = set(acceptable_taxes(int(total), rate, basis="incl"))
    else:
        if mode not in ROUNDING_MODES:
            raise ValueError(f"rounding mode must be one of {', '.join(ROUNDING_MODES)}, not {mode!r}")
        accepted = {tax_from_gross(int(total), rate, mode)}
    if int(tax) in accepted or int(tax) in expected_taxes(int(total) - int(tax), rate, mode):
        return None
    pct = int(rate * 100)
    return _tax_finding(
        "tax_mismatch_included", tax, accepted, mode, total=_yen(total), rate=_pct(rate), fraction=f"{pct}/{100 + pct}"
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


def check_unknown_rate(net: int, tax: int) -> Finding | None:
    """A tax that fits neither 10% nor 8% of ``net`` when the list names no rate (warning).

    Examples:
        >>> check_unknown_rate(1000, 100) is None
        True
        >>> check_unknown_rate(1000, 95).rule
        'tax_rate_unknown'
    """
    if infer_rate(net, tax) is not None:
        return None
    e10 = expected_taxes(net, Decimal("0.10"))
    e8 = expected_taxes(net, Decimal("0.08"))
    return Finding(
        "tax_rate_unknown",
        "warning",
        {"tax": _yen(tax), "net": _yen(net), "e10": _or(e10), "e8": _or(e8), "e10_en": _or_en(e10), "e8_en": _or_en(e8)},
        field="tax",
        value=str(int(tax)),
        expected=f"10%: {' / '.join(map(str, sorted(e10)))}; 8%: {' / '.join(map(str, sorted(e8)))}",
    )


def check_total(net: int, tax: int, total: int) -> Finding | None:
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
    return Finding(
        "total_mismatch",
        "error",
        {"total": _yen(total), "net": _yen(net), "tax": _yen(tax), "expected": _yen(expected)},
        field="total",
        value=str(int(total)),
        expected=str(expected),
    )


def check_withholding(net: int | None, total: int | None, withholding: int) -> Finding | None:
    """源泉徴収税額 on a fee to an individual (DOMAIN.md §4.4): 10.21% (20.42% above ¥1M), rounded down.

    The base is the fee without tax when the invoice shows the tax, else with it, so
    either is accepted (and the 司法書士 rule, (A − 10,000) × 10.21%).

    Examples:
        >>> check_withholding(300000, 330000, 30630) is None
        True
        >>> check_withholding(300000, 330000, 30000).params["e_net"]
        '30,630'
    """
    from ledgerkit.core.money import withholding_tax

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
    return Finding(
        "withholding_mismatch",
        "error",
        {
            "value": _yen(withholding),
            "net": _yen(net if net is not None else total),
            "e_net": _yen(e_net) if e_net is not None else "-",
            "e_total": _yen(e_total) if e_total is not None else "-",
        },
        field="withholding",
        value=str(int(withholding)),
        expected=" / ".join(str(v) for v in (e_net, e_total) if v is not None),
    )


def check_payment(total: int, withholding: int | None, payment: int) -> Finding | None:
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
    return Finding(
        "payment_mismatch",
        "error",
        {"payment": _yen(payment), "total": _yen(total), "withholding": _yen(withholding or 0), "expected": _yen(expected)},
        field="payment",
        value=str(int(payment)),
        expected=str(expected),
    )


# --- registration number (登録番号) -----------------------------------------------------


def check_registration_no(value: Any) -> Finding | None:
    """A 登録番号 must be ``T`` + 13 digits (error); the 法人番号 check digit should hold (warning).

    Full-width characters, spaces, hyphens and a lower-case ``t`` are normalized first
    (DOMAIN.md §3.2). A failed check digit is only a warning: sole proprietors' numbers
    may not follow the corporate-number rule (DOMAIN.md §3.4). A blank gives ``None``
    (whether a number is required is the caller's decision).

    Examples:
        >>> check_registration_no("Ｔ８７００－１１０００－５９０１") is None
        True
        >>> check_registration_no("T870011000590").rule
        'registration_no_format'
        >>> f = check_registration_no("T2835678256246")
        >>> (f.rule, f.severity, f.expected)
        ('registration_no_check_digit', 'warning', 'T5835678256246')
    """
    from ledgerkit.parse.normalize import corp_check_digit, normalize_registration_no

    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    raw = str(value)
    norm = normalize_registration_no(value)
    if len(norm) != 14 or norm[0] != "T" or not norm[1:].isascii() or not norm[1:].isdigit():
        # 13 digits typed without the T (often into a number cell): say what is missing
        bare = len(norm) == 13 and norm.isascii() and norm.isdigit() and norm[0] != "0"
        return Finding(
            "registration_no_format",
            "error",
            {"value": raw, "hint": f" (先頭の T が抜けています: T{norm})" if bare else "",
             "hint_en": f" (the leading T is missing: T{norm})" if bare else ""},
            field="registration_no",
            value=raw,
            expected={"ja": "T + 13桁", "en": "T + 13 digits"},
        )
    if norm[1] == "0":
        # DOMAIN.md §3.2: the first of the 13 digits is 1-9, never 0
        return Finding(
            "registration_no_format",
            "error",
            {"value": raw, "hint": "", "hint_en": ""},
            field="registration_no",
            value=raw,
            expected={"ja": "T + 13桁 (先頭は1-9)", "en": "T + 13 digits (the first 1-9)"},
        )
    digit = corp_check_digit(norm[2:])
    if int(norm[1]) != digit:
        expected = f"T{digit}{norm[2:]}"
        return Finding(
            "registration_no_check_digit",
            "warning",
            {"value": norm, "expected": expected, "digit": digit},
            field="registration_no",
            value=raw,
            expected=expected,
        )
    return None


# --- dates ---------------------------------------------------------------------------


def _as_date(d: Any) -> dt.date | None:
    if d is None:
        return None
    if isinstance(d, dt.datetime):
        return d.date()
    if isinstance(d, dt.date):
        return d
    try:  # pandas Timestamp / NaT
        import pandas as pd

        if pd.isna(d):
            return None
        return pd.Timestamp(d).date()
    except (TypeError, ValueError):
        return None


def check_issue_date(issue: Any, due: Any = None, *, today: dt.date | None = None) -> list[Finding]:
    """An issue date must not be in the future, nor after the due date (errors).

    A date later this month is only a warning (``issue_date_ahead``): vendors often
    date an invoice on the closing day (月末) and send it a few days before.

    Examples:
        >>> d = dt.date
        >>> check_issue_date(d(2026, 10, 31), d(2026, 11, 30), today=d(2026, 11, 26))
        []
        >>> [f.rule for f in check_issue_date(d(2026, 12, 1), d(2026, 11, 30), today=d(2026, 11, 26))]
        ['issue_date_future', 'issue_after_due']
        >>> [(f.rule, f.severity) for f in check_issue_date(d(2026, 11, 30), None, today=d(2026, 11, 26))]
        [('issue_date_ahead', 'warning')]
    """
    issue, due = _as_date(issue), _as_date(due)
    today = today or dt.date.today()
    out: list[Finding] = []
    if issue is None:
        return out
    if issue > today:
        # later this month: dated on the closing day and sent early (a warning); a later
        # month: an error
        ahead = (issue.year, issue.month) == (today.year, today.month)
        out.append(
            Finding(
                "issue_date_ahead" if ahead else "issue_date_future",
                "warning" if ahead else "error",
                {"issue": issue.isoformat(), "today": today.isoformat()},
                field="issue_date",
                value=issue.isoformat(),
                expected=f"<= {today.isoformat()}",
            )
        )
    if due is not None and issue > due:
        out.append(
            Finding(
                "issue_after_due",
                "error",
                {"issue": issue.isoformat(), "due": due.isoformat()},
                field="due_date",
                value=due.isoformat(),
                expected=f">= {issue.isoformat()}",
            )
        )
    return out


def check_due_date(issue: Any, due: Any, *, max_days: int = DEFAULT_MAX_DUE_DAYS) -> Finding | None:
    """A due date more than ``max_days`` after the issue date is unusual (warning).

    Examples:
        >>> check_due_date(dt.date(2026, 10, 31), dt.date(2026, 12, 31)) is None
        True
        >>> check_due_date(dt.date(2026, 10, 31), dt.date(2027, 11, 30)).params["days"]
        395
    """
    issue, due = _as_date(issue), _as_date(due)
    if issue is None or due is None:
        return None
    days = (due - issue).days
    if days <= max_days:
        return None
    return Finding(
        "due_too_far",
        "warning",
        {"issue": issue.isoformat(), "due": due.isoformat(), "days": days, "max": max_days},
        field="due_date",
        value=due.isoformat(),
        expected=f"<= {(issue + dt.timedelta(days=max_days)).isoformat()}",
    )


def latest_payment_due(delivered: dt.date, days: int = DEFAULT_PAYMENT_DAYS) -> dt.date:
    """The latest due date that still counts as "within ``days`` days of receipt".

    The period counts the day of receipt (起算日), so 60 days end on receipt + 59. The
    JFTC also accepts 月末締め翌月末払い (end-of-month closing, paid at the end of the
    next month) as "60 days (2 months)" even when the month has 31 days (DOMAIN.md §2.2),
    so the end of the month after receipt is always accepted.

    Examples:
        >>> latest_payment_due(dt.date(2026, 7, 1))       # 8/29 by days, but 8/31 by 翌月末
        datetime.date(2026, 8, 31)
        >>> latest_payment_due(dt.date(2026, 1, 31))
        datetime.date(2026, 3, 31)
    """
    by_days = delivered + dt.timedelta(days=days - 1)
    y, m = (delivered.year + (delivered.month // 12), delivered.month % 12 + 1)
    ny, nm = (y + (m // 12), m % 12 + 1)
    end_next_month = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    if days == DEFAULT_PAYMENT_DAYS:
        return max(by_days, end_next_month)
    return by_days


def check_payment_due(delivered: Any, due: Any, *, days: int = DEFAULT_PAYMENT_DAYS) -> Finding | None:
    """Payment due more than ``days`` days after delivery (取適法 §... 60日ルール): warning.

    Examples:
        >>> check_payment_due(dt.date(2026, 10, 15), dt.date(2026, 11, 30)) is None
        True
        >>> f = check_payment_due(dt.date(2026, 10, 15), dt.date(2027, 1, 10))
        >>> (f.rule, f.expected)
        ('payment_due_over_60', '<= 2026-12-13')
    """
    delivered, due = _as_date(delivered), _as_date(due)
    if delivered is None or due is None:
        return None
    latest = latest_payment_due(delivered, days)
    if due <= latest:
        return None
    return Finding(
        "payment_due_over_60",
        "warning",
        {
            "delivered": delivered.isoformat(),
            "due": due.isoformat(),
            "days": (due - delivered).days,
            "limit": days,
            "latest": latest.isoformat(),
        },
        field="payment_due",
        value=due.isoformat(),
        expected=f"<= {latest.isoformat()}",
    )


#: the day the 取適法 replaced the 下請法 (promissory notes banned as a means of payment)
TORITEKI_START = dt.date(2026, 1, 1)
_NOTE = re.compile(r"手形")
_NOT_CASH = re.compile(r"電子記録債権|でんさい|一括決済|ファクタリング")


def check_payment_method(method: Any, ordered: Any = None) -> Finding | None:
    """How an order says it will pay, under the 取適法 (from 2026-01-01, DOMAIN.md §2.2):
    a 手形 (promissory note) is banned (error); 電子記録債権 / 一括決済 / ファクタリング are
    allowed only when the contractor gets the full amount in cash by the due date (warning).
    Orders placed before 2026 (``ordered``) are left alone.

    Examples:
        >>> check_payment_method("約束手形 (サイト90日)").rule
        'payment_by_note'
        >>> check_payment_method("でんさい").severity
        'warning'
        >>> check_payment_method("銀行振込") is None, check_payment_method("手形", dt.date(2025, 12, 1)) is None
        (True, True)
    """
    if method is None or not isinstance(method, str) or not method.strip():
        return None
    ordered = _as_date(ordered)
    if ordered is not None and ordered < TORITEKI_START:
        return None
    text = method.strip()
    if _NOTE.search(text):
        rule, severity = "payment_by_note", "error"
    elif _NOT_CASH.search(text):
        rule, severity = "payment_not_cash", "warning"
    else:
        return None
    return Finding(rule, severity, {"value": text}, field="payment_method", value=text)


# --- orders ----------------------------------------------------------------------------


def check_line_amount(qty: Any, unit_price: Any, amount: int) -> Finding | None:
    """An order line's amount must be quantity × unit price (rounded to the yen any way).

    Examples:
        >>> check_line_amount(3, 105, 315) is None
        True
        >>> check_line_amount(Decimal("1.5"), 333, 499) is None   # 499.5 rounded down
        True
        >>> check_line_amount(3, 105, 351).params["expected"]
        '315'
    """
    from ledgerkit.core.money import round_yen

    exact = _dec(qty) * _dec(unit_price)
    accepted = {round_yen(exact, m) for m in ROUNDING_MODES}
    if int(amount) in accepted:
        return None
    shown = sorted(accepted)
    return Finding(
        "line_amount_mismatch",
        "error",
        {
            "amount": _yen(amount),
            "qty": f"{_dec(qty).normalize():f}",
            "price": f"{_dec(unit_price).normalize():f}" if _dec(unit_price) != int(_dec(unit_price)) else _yen(unit_price),
            "expected": " / ".join(_yen(v) for v in shown),
        },
        field="amount",
        value=str(int(amount)),
        expected=" / ".join(str(v) for v in shown),
    )


def check_tax_once_per_rate(
    line_taxes: Iterable[int], subtotal: int, rate: Decimal, mode: str | None = None
) -> Finding | None:
    """The tax of one rate is rounded once on the subtotal, never line by line.

    ``line_taxes`` are the tax figures an order (or invoice) shows per line for ``rate``;
    their sum must be a tax the subtotal accepts (DOMAIN.md §4.2 worked example).

    Examples:
        >>> check_tax_once_per_rate([31], 315, Decimal("0.10")) is None
        True
        >>> f = check_tax_once_per_rate([10, 10, 10], 315, Decimal("0.10"))
        >>> (f.rule, f.params["sum"], f.params["expected"])
        ('tax_per_line', '30', '31 円 または 32 円')
    """
    total = sum(int(t) for t in line_taxes)
    accepted = expected_taxes(subtotal, rate, mode)
    if total in accepted:
        return None
    return Finding(
        "tax_per_line",
        "error",
        {
            "sum": _yen(total),
            "subtotal": _yen(subtotal),
            "rate": _pct(_dec(rate)),
            "expected": _or(accepted),
            "expected_en": _or_en(accepted),
        },
        field="tax",
        value=str(total),
        expected=" / ".join(str(v) for v in sorted(accepted)),
    )


def check_po_amount(invoiced: int, ordered: int, *, po_no: str = "", count: int = 1) -> Finding | None:
    """The net invoiced against an order (summed over partial invoices) may not exceed it.

    Examples:
        >>> check_po_amount(500_000, 500_000) is None
        True
        >>> check_po_amount(550_000, 500_000, po_no="PO-1", count=2).params["over"]
        '50,000'
    """
    if int(invoiced) <= int(ordered):
        return None
    return Finding(
        "po_over_amount",
        "error",
        {
            "po": po_no,
            "invoiced": _yen(invoiced),
            "ordered": _yen(ordered),
            "over": _yen(int(invoiced) - int(ordered)),
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
) -> Finding | None:
    """The invoice's vendor must be the order's: same 登録番号 when both have one, else same name key.

    Names are compared on :func:`ledgerkit.parse.normalize.vendor_key`, which ignores the
    legal form (株式会社, ㈱, (株) ... before or after) and character width.

    Examples:
        >>> check_vendor_match("㈱アルファ", "株式会社アルファ") is None
        True
        >>> check_vendor_match("アルファ株式会社", "ベータ合同会社", po_no="PO-1").rule
        'po_vendor_mismatch'
    """
    from ledgerkit.parse.normalize import normalize_registration_no, vendor_key

    a = normalize_registration_no(invoice_reg) if invoice_reg else ""
    b = normalize_registration_no(order_reg) if order_reg else ""
    if a and b:
        if a == b:
            return None
    elif vendor_key(invoice_vendor or "") == vendor_key(order_vendor or ""):
        return None
    return Finding(
        "po_vendor_mismatch",
        "error",
        {"po": po_no, "vendor": invoice_vendor or a, "order_vendor": order_vendor or b},
        field="vendor",
        value=str(invoice_vendor or a),
        expected=str(order_vendor or b),
    )


# --- written terms (取適法 4条明示 / 下請法 3条書面) ---------------------------------------------


def written_terms(version: str = "toriteki_4jo_2026") -> dict:
    """The versioned list of terms an order must state (``ledgerkit/data/<version>.toml``).

    ⚠️ The 2026 item list is unconfirmed (DOMAIN.md §2.2, §8.1): the file says so in its
    ``status`` and each item's ``severity``.

    Examples:
        >>> terms = written_terms()
        >>> [i["id"] for i in terms["items"] if i.get("check", True)][:3]
        ['parties', 'order_date', 'item']
    """
    path = resources.files("ledgerkit").joinpath("data", f"{version}.toml")
    with path.open("rb") as f:
        return tomllib.load(f)


def missing_terms(present: dict[str, Any], terms: dict | None = None) -> list[Finding]:
    """The checked items of ``terms`` for which none of the item's fields has a value.

    ``present`` maps canonical order fields (``vendor``, ``order_date`` ...) to the
    order's values; blank strings and None count as missing.

    Examples:
        >>> [f.params["item"] for f in missing_terms({"vendor": "株式会社アルファ", "order_date": "2026-10-01"})][:2]
        ['給付の内容', '受領期日 (納期)']
    """
    terms = terms or written_terms()
    out = []
    for item in terms["items"]:
        if not item.get("check", True):
            continue
        fields = item["fields"]
        if any(_present(present.get(f)) for f in fields):
            continue
        out.append(
            Finding(
                "term_missing",
                item.get("severity", "error"),
                {"item": item["label"], "item_en": item.get("label_en", item["id"]), "law": terms.get("short", "")},
                field=fields[0],
                value="",
                expected=item["label"],
            )
        )
    return out


def _present(v: Any) -> bool:
    if v is None:
        return False
    try:
        import pandas as pd

        if pd.isna(v):
            return False
    except (TypeError, ValueError):
        pass
    return not (isinstance(v, str) and not v.strip())
