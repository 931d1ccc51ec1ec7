"""The columns of a settlement frame, and the words of its ``check`` column."""

from __future__ import annotations

#: the columns of a settlement frame, in order (invoice columns only with invoices)
SETTLEMENT_COLUMNS = [
    "person", "person_id", "vendor", "month", "days", "hours_worked", "hours", "lower", "upper",
    "method", "fee", "prorate", "rate", "adjustment", "amount", "tax", "total",
]
INVOICE_CHECK_COLUMNS = ["invoice_no", "billed", "difference", "check"]

#: words in the ``check`` column, (Japanese, English)
CHECK_LABELS = {"ok": ("一致", "match"), "diff": ("差異", "differs"), "none": ("請求書なし", "no invoice"),
                "ambiguous": ("特定できず", "ambiguous"), "month": ("対象月違い", "other month")}
