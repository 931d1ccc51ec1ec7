"""The invoice frame: its columns, in order, and their dtypes.

Columns of the invoice frame (:data:`INVOICE_COLUMNS`), then any other column of the
list under its own header:

``invoice_no, issue_date, month, vendor, vendor_key, registration_no, po_no, net, tax, total,
tax_rate, due_date, project, invoice_total, invoice_key, source_file, source_sheet,
source_row``

``month`` is the month the line bills, the month of the work: its 対象月 / 対象期間 / 作業月 /
稼働月 when the list has one (``2026-10``, ``2026年10月``, ``R8.10``, a date → its month), else
the month of its 取引年月日 (the supply, a date or a period within a month), else its 計上月,
else the month of its issue date. ``month_basis`` (only when the list has one of those
columns) says which: ``billed``, ``transaction``, ``booking`` or ``issue``; ``transaction_date``
(only with a 取引年月日 column) is the supply's date, the last day of a period. ``vendor`` keeps the name as written (legal form included); ``vendor_key``
ignores the legal form and width, for matching. ``person`` (after these columns, only when
the list has a 対象者 / 氏名 / 要員 / 技術者 / 作業者 column) is whom the line bills for, as
written (several people joined by 、); ``settle`` matches invoices to people by it. ``tax_rate`` is 0.10 / 0.08 / 0 (float64 for display;
the checks turn it back into an exact Decimal). Money is integer yen (pandas ``Int64``).
"""

from __future__ import annotations

from decimal import Decimal

from ledgerkit.detect.tables import unique_name
from ledgerkit.rules.figures import is_na

__all__ = ["INVOICE_COLUMNS", "MONEY", "DATES", "RATES", "INTERNAL", "invoice_frame", "empty_invoice_frame",
           "drop_internal"]

#: the invoice frame's columns, in order (other columns of the list follow them)
INVOICE_COLUMNS = [
    "invoice_no",
    "issue_date",
    "month",
    "vendor",
    "vendor_key",
    "registration_no",
    "po_no",
    "net",
    "tax",
    "total",
    "tax_rate",
    "due_date",
    "project",
    "invoice_total",
    "invoice_key",
    "source_file",
    "source_sheet",
    "source_row",
]

MONEY = ("net", "tax", "total")
#: what a line's ``month`` came from, in order of preference
_BASES = ("billed", "transaction", "booking", "issue")
DATES = ("issue_date", "received_date", "due_date", "paid_date")
RATES = (Decimal("0.10"), Decimal("0.08"))
#: internal columns (header of the cell each figure came from, what was derived); see finish_invoices
INTERNAL = ("_col_net", "_col_tax", "_col_total", "_col_registration_no", "_col_issue_date", "_col_due_date",
            "_col_invoice_total", "_col_po_no", "_col_vendor", "_col_withholding", "_col_payment", "_col_person", "_col_month",
            "_has_reg_column", "_rate_given", "_total_given", "_month_given", "_month_transaction", "_month_booking")

#: columns only some lists have, after INVOICE_COLUMNS when any row has them
_OPTIONAL = ["person", "month_basis", "transaction_date", "received_date", "vendor_code", "subject", "paid_date",
             "withholding", "payment"]


def invoice_frame(records: list[dict], extra_cols: dict[int, str]):
    """The frame of a sheet's invoice records; ``extra_cols`` (column → header) follow, as written."""
    import pandas as pd

    present_optional = [c for c in _OPTIONAL if any(c in r for r in records)]
    columns = list(INVOICE_COLUMNS) + present_optional
    data = {c: [r.get(c) for r in records] for c in columns}
    frame = pd.DataFrame(data, columns=columns)
    for c, header in extra_cols.items():
        # object dtype: a column only some lists have must not turn its numbers into floats
        frame[unique_name(header, frame.columns)] = pd.Series([r.get(("extra", c)) for r in records], dtype=object)
    for c in (*INTERNAL, "_registration_raw"):
        frame[c] = [r.get(c) for r in records]
    return _typed(frame)


def _typed(frame):
    import pandas as pd

    for c in ("net", "tax", "total", "invoice_total", "withholding", "payment"):
        if c in frame.columns:
            frame[c] = pd.array([None if is_na(v) else int(v) for v in frame[c]], dtype="Int64")
    frame["tax_rate"] = pd.array([None if v is None else float(v) for v in frame["tax_rate"]], dtype="Float64")
    for c in DATES:
        if c in frame.columns:
            frame[c] = pd.to_datetime(pd.Series([v if v is not None else pd.NaT for v in frame[c]], dtype="object"))
    # the month of the work: billed (対象月), else the supply's (取引年月日), else 計上月, else the issue date's
    given = [m if isinstance(m, str) and m else "" for m in frame["month"]]
    supplied = [m if isinstance(m, str) and m else "" for m in frame["_month_transaction"]]
    booked = [m if isinstance(m, str) and m else "" for m in frame["_month_booking"]]
    issued = list(frame["issue_date"].dt.strftime("%Y-%m").fillna(""))
    months, bases = [], []
    for found in zip(given, supplied, booked, issued):
        k = next((k for k, v in enumerate(found) if v), None)
        months.append(found[k] if k is not None else "")
        bases.append(_BASES[k] if k is not None else "")
    frame["month"] = pd.Series(months, index=frame.index, dtype=object)
    frame["_month_given"] = [b in ("billed", "transaction", "booking") for b in bases]
    if "month_basis" in frame.columns:
        frame["month_basis"] = pd.Series(bases, index=frame.index, dtype=object)
    if "transaction_date" in frame.columns:
        frame["transaction_date"] = pd.to_datetime(
            pd.Series([v if v is not None else pd.NaT for v in frame["transaction_date"]], dtype="object"))
    frame["source_row"] = frame["source_row"].astype("int64")
    for c in ("invoice_no", "vendor", "vendor_key", "registration_no", "po_no", "project", "invoice_key", "person"):
        if c in frame.columns:
            frame[c] = frame[c].fillna("").astype(object)
    return frame


def empty_invoice_frame():
    """An invoice frame with no rows (every column, the right dtypes)."""
    return invoice_frame([], {})


def drop_internal(frame):
    """``frame`` without its internal ``_…`` columns."""
    return frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])
