"""Received-invoice lists (受領請求書一覧): read, joined across files, summarized, reported.

:mod:`~ledgerkit.invoices.layout` (which column holds what), :mod:`~ledgerkit.invoices.rows`
(one row), :mod:`~ledgerkit.invoices.sheet` (``read_invoice_sheet``),
:mod:`~ledgerkit.invoices.frame` (the columns), :mod:`~ledgerkit.invoices.across_files`
(``finish_invoices``, ``read_invoices``), :mod:`~ledgerkit.invoices.summaries`,
:mod:`~ledgerkit.invoices.report` (the ``aggregate --kind invoices`` workbook).
"""
