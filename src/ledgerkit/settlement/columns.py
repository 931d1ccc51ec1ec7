"""The columns of a settlement frame."""

from __future__ import annotations

#: the columns of a settlement frame, in order (invoice columns only with invoices)
SETTLEMENT_COLUMNS = [
    "person", "person_id", "vendor", "month", "days", "hours_worked", "hours", "lower", "upper",
    "method", "fee", "rate", "adjustment", "amount", "tax", "total",
]
INVOICE_CHECK_COLUMNS = ["invoice_no", "billed", "difference", "check"]
