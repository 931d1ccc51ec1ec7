# temporary shim (issue 12 merge): re-exports ledgerkit.invoices.{frame,sheet,across_files,summaries,report} and ledgerkit.orders.{columns,lists}
"""Received-invoice lists and purchase-order lists: the old module path, kept while other areas move.

New homes: :mod:`ledgerkit.invoices.sheet` (``read_invoice_sheet``),
:mod:`ledgerkit.invoices.across_files` (``finish_invoices``, ``read_invoices``,
``vendor_identity``), :mod:`ledgerkit.invoices.summaries`, :mod:`ledgerkit.invoices.report`,
:mod:`ledgerkit.orders.lists` (``read_order_sheet``, ``read_orders``).
"""

from __future__ import annotations

from ledgerkit.invoices.across_files import finish_invoices, read_invoices, vendor_identity
from ledgerkit.invoices.frame import INVOICE_COLUMNS, empty_invoice_frame
from ledgerkit.invoices.report import INVOICE_FORMATS, write_invoices_report
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.summaries import pivot_invoices, summarize_invoices
from ledgerkit.kinds.invoices import INVOICE_FIELDS
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.orders.columns import ORDER_COLUMNS
from ledgerkit.orders.lists import read_order_sheet, read_orders

__all__ = [
    "INVOICE_FIELDS",
    "INVOICE_COLUMNS",
    "ORDER_FIELDS",
    "ORDER_COLUMNS",
    "read_invoice_sheet",
    "finish_invoices",
    "read_invoices",
    "summarize_invoices",
    "pivot_invoices",
    "write_invoices_report",
    "read_order_sheet",
    "read_orders",
    "vendor_identity",
    "empty_invoice_frame",
    "INVOICE_FORMATS",
]
