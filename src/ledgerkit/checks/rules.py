# temporary shim (issue 12 merge): re-exports ledgerkit.rules (and FINDING_COLUMNS from ledgerkit.checks.findings)
"""The invoice and order rules: the old module path, kept while other areas move.

New home: :mod:`ledgerkit.rules` (by subject: ``tax``, ``registration``, ``dates``,
``payment_terms``, ``orders``, ``terms``). The rules return
:class:`~ledgerkit.core.issues.Issue` (``Finding`` is gone: ``rule`` is ``code``,
``invoice_no`` is ``ref``).
"""

from __future__ import annotations

from ledgerkit.checks.findings import FINDING_COLUMNS
from ledgerkit.rules import (
    DEFAULT_MAX_DUE_DAYS,
    DEFAULT_PAYMENT_DAYS,
    ROUNDING_MODES,
    TORITEKI_START,
    check_due_date,
    check_issue_date,
    check_line_amount,
    check_payment,
    check_payment_due,
    check_payment_method,
    check_po_amount,
    check_registration_no,
    check_tax,
    check_tax_included,
    check_tax_once_per_rate,
    check_total,
    check_unknown_rate,
    check_vendor_match,
    check_withholding,
    expected_taxes,
    infer_rate,
    latest_payment_due,
    missing_terms,
    written_terms,
)

__all__ = [
    "FINDING_COLUMNS",
    "ROUNDING_MODES",
    "check_tax",
    "check_withholding",
    "check_payment",
    "check_total",
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
    "expected_taxes",
    "check_tax_included",
    "check_unknown_rate",
    "check_payment_method",
    "TORITEKI_START",
]
