"""Received-invoice lists (受領請求書一覧): read, joined across files, summarized, reported.

:mod:`~ledgerkit.invoices.layout` (which column holds what), :mod:`~ledgerkit.invoices.rows`
(one row), :mod:`~ledgerkit.invoices.sheet` (``read_invoice_sheet``),
:mod:`~ledgerkit.invoices.frame` (the columns), :mod:`~ledgerkit.invoices.across_files`
(``finish_invoices``, ``read_invoices``), :mod:`~ledgerkit.invoices.vendors` (``vendor_identity``),
:mod:`~ledgerkit.invoices.summaries`,
:mod:`~ledgerkit.invoices.report` (the ``aggregate --kind invoices`` workbook).
"""

from ledgerkit.invoices.across_files import finish_invoices, read_invoices
from ledgerkit.invoices.frame import INVOICE_COLUMNS
from ledgerkit.invoices.report import write_invoices, write_invoices_report
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.summaries import pivot_invoices, summarize_invoices
from ledgerkit.invoices.vendors import vendor_identity

__all__ = ["INVOICE_COLUMNS", "finish_invoices", "pivot_invoices", "read_invoice_sheet", "read_invoices",
           "summarize_invoices", "vendor_identity", "write_invoices", "write_invoices_report"]
