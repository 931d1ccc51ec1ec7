# temporary shim (issue 12 merge): re-exports the cell parsers from parse.text, parse.hours, parse.dates, parse.amounts, parse.codes, parse.periods and parse.names
"""Japanese-aware parsers for single cell values (DOMAIN §7), by their old module name.

The parsers live by kind of cell: :mod:`ledgerkit.parse.text`, :mod:`~ledgerkit.parse.hours`,
:mod:`~ledgerkit.parse.dates`, :mod:`~ledgerkit.parse.amounts`, :mod:`~ledgerkit.parse.codes`,
:mod:`~ledgerkit.parse.periods` and :mod:`~ledgerkit.parse.names`.
"""

from __future__ import annotations

from ledgerkit.parse.amounts import _MAX_AMOUNT  # noqa: F401  (invoices.read reads nz._MAX_AMOUNT)
from ledgerkit.parse.amounts import parse_amount, parse_amount_with_basis, parse_rate
from ledgerkit.parse.codes import (
    corp_check_digit,
    is_registration_no_format,
    normalize_registration_no,
    parse_code,
    registration_check_digit_ok,
)
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.names import split_legal_form, vendor_key
from ledgerkit.parse.periods import parse_year_month
from ledgerkit.parse.text import CellValueError, is_blank, is_total_label, normalize_name, normalize_text

__all__ = [
    "CellValueError",
    "normalize_text",
    "normalize_name",
    "is_blank",
    "parse_hours",
    "parse_date",
    "parse_amount",
    "parse_amount_with_basis",
    "parse_rate",
    "parse_code",
    "parse_year_month",
    "is_total_label",
    "normalize_registration_no",
    "is_registration_no_format",
    "corp_check_digit",
    "registration_check_digit_ok",
    "split_legal_form",
    "vendor_key",
]
