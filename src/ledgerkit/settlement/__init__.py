"""Settlement of dispatched staff's hours under hour bands (精算幅).

* :mod:`~ledgerkit.settlement.bands` — the band-rate rules and their rounding (上下割, 中割, 固定);
* :mod:`~ledgerkit.settlement.contracts` — the contract list (:func:`read_contracts`);
* :mod:`~ledgerkit.settlement.months` — each person's month settled (:func:`settle`);
* :mod:`~ledgerkit.settlement.proration` — a contract that starts or ends inside a month:
  its share of the month (``[settle] prorate``: business days on the ``[calendar]`` by
  default, calendar days, or none — a full month with a warning);
* :mod:`~ledgerkit.settlement.invoice_check` — the vendors' invoices against it (:func:`check_settled_invoices`);
* :mod:`~ledgerkit.settlement.report` — the report (:func:`write_settlement`).
"""

from ledgerkit.settlement.bands import band_rates, settle_month, tax_on
from ledgerkit.settlement.contracts import read_contracts
from ledgerkit.settlement.invoice_check import check_settled_invoices
from ledgerkit.settlement.months import settle
from ledgerkit.settlement.report import write_settlement

__all__ = [
    "band_rates", "check_settled_invoices", "read_contracts", "settle", "settle_month", "tax_on", "write_settlement",
]
