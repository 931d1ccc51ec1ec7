# temporary shim (issue 12 merge): re-exports settlement from ledgerkit.settlement.{bands,settings,contracts,columns,months,invoice_check,report}
"""Settlement of dispatched staff's hours: the old module path; the code lives in the modules of
:mod:`ledgerkit.settlement`."""

from ledgerkit.kinds.contracts import CONTRACT_FIELDS
from ledgerkit.settlement.bands import (
    METHOD_LABELS,
    METHODS,
    MODES,
    Settlement,
    band_rates,
    parse_method,
    parse_mode,
    parse_rate_rounding,
    parse_unit_minutes,
    round_minutes,
    round_step,
    settle_month,
    tax_on,
)
from ledgerkit.settlement.columns import INVOICE_CHECK_COLUMNS, SETTLEMENT_COLUMNS
from ledgerkit.settlement.contracts import CONTRACT_COLUMNS, read_contracts
from ledgerkit.settlement.invoice_check import CHECK_LABELS, check_settled_invoices
from ledgerkit.settlement.months import settle
from ledgerkit.settlement.report import SETTLEMENT_HEADINGS, write_settlement
from ledgerkit.settlement.settings import SETTLE_DEFAULTS

__all__ = [
    "CHECK_LABELS", "CONTRACT_COLUMNS", "CONTRACT_FIELDS", "INVOICE_CHECK_COLUMNS", "METHODS", "METHOD_LABELS",
    "MODES", "SETTLEMENT_COLUMNS", "SETTLEMENT_HEADINGS", "SETTLE_DEFAULTS", "Settlement", "band_rates",
    "check_settled_invoices", "parse_method", "parse_mode", "parse_rate_rounding", "parse_unit_minutes",
    "read_contracts", "round_minutes", "round_step", "settle", "settle_month", "tax_on", "write_settlement",
]
