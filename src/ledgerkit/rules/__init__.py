"""Rules: plain functions on one invoice or order figure (tax per rate, 登録番号, dates, written terms).

Each ``check_*`` function looks at the figures of one invoice (or one order line) and
returns an :class:`~ledgerkit.core.issues.Issue` when a careful accountant would stop at
it, or ``None``. They know nothing about files: :mod:`ledgerkit.checks` runs them over
whole lists and places each finding (file, sheet, Excel row, column header, document
number). A script can call them on its own figures::

    >>> from decimal import Decimal
    >>> check_tax(315, 31, Decimal("0.10")) is None      # 31.5 rounded down: fine
    True
    >>> check_tax(315, 30, Decimal("0.10")).message()     # doctest: +ELLIPSIS
    '消費税額 30 円が 税抜 315 円 × 10% と合いません (正しくは 31 円 または 32 円)...'

Severity follows DOMAIN.md §0: ``error`` breaks arithmetic or a legal requirement,
``warning`` is unusual or where the sources disagree.

By subject: :mod:`~ledgerkit.rules.tax` (tax and totals), :mod:`~ledgerkit.rules.registration`
(登録番号), :mod:`~ledgerkit.rules.dates` (issue and due dates),
:mod:`~ledgerkit.rules.payment_terms` (60 days from delivery, no 手形),
:mod:`~ledgerkit.rules.orders` (order lines, invoices against orders),
:mod:`~ledgerkit.rules.terms` (written terms).
"""

from __future__ import annotations

from ledgerkit.rules.dates import DEFAULT_MAX_DUE_DAYS, check_due_date, check_issue_date
from ledgerkit.rules.orders import check_line_amount, check_po_amount, check_vendor_match
from ledgerkit.rules.payment_terms import (
    DEFAULT_PAYMENT_DAYS,
    TORITEKI_START,
    check_payment_due,
    check_payment_method,
    latest_payment_due,
)
from ledgerkit.rules.registration import check_registration_no
from ledgerkit.rules.tax import (
    ROUNDING_MODES,
    check_payment,
    check_tax,
    check_tax_included,
    check_tax_once_per_rate,
    check_total,
    check_unknown_rate,
    check_withholding,
    expected_taxes,
    infer_rate,
)
from ledgerkit.rules.terms import missing_terms, written_terms

__all__ = [
    "ROUNDING_MODES",
    "expected_taxes",
    "check_tax",
    "check_tax_included",
    "check_unknown_rate",
    "check_total",
    "check_withholding",
    "check_payment",
    "check_registration_no",
    "check_issue_date",
    "check_due_date",
    "check_line_amount",
    "check_tax_once_per_rate",
    "check_payment_due",
    "check_payment_method",
    "check_po_amount",
    "check_vendor_match",
    "infer_rate",
    "written_terms",
    "missing_terms",
    "latest_payment_due",
    "DEFAULT_MAX_DUE_DAYS",
    "DEFAULT_PAYMENT_DAYS",
    "TORITEKI_START",
]
