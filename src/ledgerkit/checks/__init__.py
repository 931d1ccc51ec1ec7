"""Checks: ``ledgerkit check`` runs the rules of :mod:`ledgerkit.rules` over whole invoice and order lists.

:func:`~ledgerkit.checks.invoices.check_invoices` and :func:`~ledgerkit.checks.orders.check_orders`
take files (or frames already read) and return a findings frame with :data:`~ledgerkit.checks.findings.FINDING_COLUMNS`: ``rule``,
``severity`` (``error`` / ``warning``), ``message`` (Japanese by default, with the
expected figure), ``source_file``, ``source_sheet``, ``source_row`` (as Excel numbers
it), ``column`` (the header as the file writes it), ``invoice_no``; then ``value``,
``expected`` and ``field`` (the canonical column, for highlighting).

What is checked, and how severe it is:

=========================  ========  =====================================================
rule                       severity  when
=========================  ========  =====================================================
tax_mismatch               error     tax ≠ net × rate rounded once (down / half up / up,
                                     or only ``rounding``), per invoice per rate
tax_mismatch_included      error     no 税抜 column: tax ≠ total × 10/110 (8/108) rounded once,
                                     nor the tax of (total − tax)
tax_rate_unknown           warning   no rate given and the tax fits neither 10% nor 8%
tax_rate_unreadable        error     the 税率 cell is not a rate (``9%``): left blank, not guessed,
                                     and no tax check runs on that row
tax_missing                error     税抜 given but the list's 消費税 cell is blank (never read as 0;
                                     the tax, and its rate group, are not checked)
total_missing              error     税抜 given but the list's 税込 cell is blank
total_mismatch             error     total ≠ net + tax
invoice_total_mismatch     error     a split-rate invoice's total ≠ Σ (net + tax)
withholding_mismatch       error     源泉税 ≠ 10.21% (20.42% above ¥1M) of the fee, rounded down
payment_mismatch           error     差引支払額 ≠ total − 源泉税
registration_no_format     error     登録番号 is not T + 13 digits
registration_no_leading_zero warning the first of the 13 digits is 0 (never a 法人番号's; sole
                                     proprietors' numbers may differ: DOMAIN.md §3.2)
registration_no_check_digit warning  fails the 法人番号 check digit (sole proprietors may)
registration_no_missing    warning   the list has a 登録番号 column but this cell is blank
registration_no_shared     warning   one 登録番号 written for vendors of different names
duplicate_invoice          warning   the same invoice entered twice (counted once): again in another
                                     block of rows, sheet or file; two equal lines inside one
                                     invoice's block are two lines, not a duplicate
invoice_conflict           error     same vendor + invoice number, different amounts
issue_date_future          error     issue date after ``today`` (in a later month)
issue_date_ahead           warning   issue date later this month (closing-day invoice sent early)
issue_after_due            error     issue date after the due date
due_too_far                warning   due date > ``max_due_days`` (120) after issue
po_unknown                 error     (with orders) the invoice's 注文番号 is not ordered
po_vendor_mismatch         error     (with orders) invoice vendor ≠ order vendor
po_over_amount             error     (with orders) Σ net invoiced against an order > ordered
=========================  ========  =====================================================

Orders (:func:`~ledgerkit.checks.orders.check_orders`): ``line_amount_mismatch``
(qty × unit price), ``subtotal_mismatch`` (per rate), ``tax_per_line`` / ``tax_mismatch``
(tax rounded once per rate), ``total_mismatch`` and ``po_conflict`` for every order; and the
取適法's findings, only for orders the act covers (DOMAIN.md §2.2): ``term_column_missing`` /
``term_missing`` (written terms of 4条, from ``ledgerkit/data/toriteki_4jo_2026.toml``),
``payment_due_over_60`` (more than 60 days after delivery, or after the end of a service's
period), ``payment_by_note`` (手形 from 2026) and ``payment_not_cash`` (でんさい, 一括決済,
ファクタリング; a warning at most). Their severity follows the vendor master (``[vendors]``,
``vendors.file``): the rule's own (error; warning for the items the terms file marks so) for
a covered vendor, **warning** when coverage is unknown (the message says so), **none** for a
vendor not covered.

Rows the readers could not use (unreadable amounts, ...) come in as findings too, with
the reader's code as the rule.

Modules: :mod:`~ledgerkit.checks.invoices` and :mod:`~ledgerkit.checks.po_match` (invoices,
and invoices against orders), :mod:`~ledgerkit.checks.orders` and
:mod:`~ledgerkit.checks.order_money` (orders), :mod:`~ledgerkit.checks.findings` (the
findings frame and counts), :mod:`~ledgerkit.checks.report` (the findings report).
"""

from ledgerkit.checks.findings import FINDING_COLUMNS, findings_frame, summary_counts
from ledgerkit.checks.invoices import check_invoices
from ledgerkit.checks.orders import check_orders
from ledgerkit.checks.report import write_findings

__all__ = ["FINDING_COLUMNS", "check_invoices", "check_orders", "findings_frame", "summary_counts", "write_findings"]
