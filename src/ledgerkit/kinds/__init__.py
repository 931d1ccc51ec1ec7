"""Kinds of data, declared as data: each kind's canonical fields and the header texts they may have.

These are the built-in synonyms; a ``[columns.<kind>]`` table in ``ledgerkit.toml`` adds to
them (``ledgerkit.config``). Matching is done on normalized text (NFKC, no spaces, lower case).
"""

from __future__ import annotations

from ledgerkit.kinds.attendance import ATTENDANCE_FIELDS
from ledgerkit.kinds.budget import BUDGET_FIELDS, RATE_FIELDS
from ledgerkit.kinds.contracts import CONTRACT_FIELDS
from ledgerkit.kinds.drafts import PO_FIELDS, RINGI_FIELDS
from ledgerkit.kinds.hours import HOURS_FIELDS
from ledgerkit.kinds.invoices import INVOICE_FIELDS
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.kinds.triage import REQUEST_FIELDS, STAFF_FIELDS
from ledgerkit.kinds.vendors import VENDOR_FIELDS

#: kind → canonical field → header texts, and (Japanese, English) words for what each kind reads
COLUMN_KINDS: dict[str, tuple[dict[str, list[str]], str, str]] = {
    "hours": (HOURS_FIELDS, "工数表 (aggregate --kind hours)", "effort-hour sheets (aggregate --kind hours)"),
    "invoices": (INVOICE_FIELDS, "受領請求書一覧 (check invoices)", "received-invoice lists (check invoices)"),
    "orders": (ORDER_FIELDS, "発注一覧 (check orders, invoice checks' --orders)", "order lists (check orders; --orders of check invoices)"),
    "ringi": (RINGI_FIELDS, "稟議申請一覧 (draft-ringi)", "ringi request lists (draft-ringi)"),
    "po": (PO_FIELDS, "注文書にする発注一覧 (draft-po)", "order lists drafted into purchase orders (draft-po)"),
    "budget": (BUDGET_FIELDS, "予算表 (budget)", "budget sheets (budget)"),
    "rates": (RATE_FIELDS, "単価表 (budget --rates)", "rate tables (budget --rates)"),
    "contracts": (CONTRACT_FIELDS, "契約一覧・精算条件 (settle --contracts)", "contract lists (settle --contracts)"),
    "requests": (REQUEST_FIELDS, "依頼一覧 (triage)", "request lists (triage)"),
    "staff": (STAFF_FIELDS, "担当者一覧 (triage --staff)", "staff lists (triage --staff)"),
    "attendance": (ATTENDANCE_FIELDS, "勤務表 (aggregate --kind attendance, settle)",
                   "attendance sheets (aggregate --kind attendance; settle)"),
    "vendors": (VENDOR_FIELDS, "取引先マスタ (check orders, draft-po の取適法の対象)",
                "vendor masters (whom the 取適法 covers: check orders, draft-po)"),
}

#: what each kind of rows is called in a sentence (ja, en)
KIND_WORDS: dict[str, dict[str, str]] = {
    "hours": {"ja": "工数", "en": "hours"},
    "invoices": {"ja": "請求書", "en": "invoice"},
    "attendance": {"ja": "勤怠", "en": "attendance"},
    "orders": {"ja": "発注", "en": "order"},
}

__all__ = ["COLUMN_KINDS", "KIND_WORDS", "HOURS_FIELDS", "INVOICE_FIELDS", "ORDER_FIELDS", "RINGI_FIELDS", "PO_FIELDS",
           "BUDGET_FIELDS", "RATE_FIELDS", "CONTRACT_FIELDS", "REQUEST_FIELDS", "STAFF_FIELDS", "ATTENDANCE_FIELDS",
           "VENDOR_FIELDS"]
