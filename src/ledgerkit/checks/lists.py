# temporary shim (issue 12 merge): re-exports ledgerkit.checks.{invoices,orders,findings,report}
"""``ledgerkit check``: the old module path, kept while other areas move.

New homes: :mod:`ledgerkit.checks.invoices` (``check_invoices``, ``invoice_findings``,
``no_invoice_list``), :mod:`ledgerkit.checks.orders` (``check_orders``, ``order_findings``),
:mod:`ledgerkit.checks.findings` (``findings_frame``, ``summary_counts``),
:mod:`ledgerkit.checks.report` (``write_findings``, ``HEADINGS``).
"""

from __future__ import annotations

from ledgerkit.checks.findings import findings_frame, summary_counts
from ledgerkit.checks.invoices import check_invoices, invoice_findings, no_invoice_list
from ledgerkit.checks.orders import check_orders, order_findings
from ledgerkit.checks.report import HEADINGS, write_findings

__all__ = [
    "check_invoices",
    "check_orders",
    "invoice_findings",
    "order_findings",
    "findings_frame",
    "write_findings",
    "summary_counts",
    "no_invoice_list",
    "HEADINGS",
]
