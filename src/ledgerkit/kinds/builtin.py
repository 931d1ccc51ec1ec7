"""The built-in kinds of ``aggregate`` declared the same way as a ``[kinds.NAME]`` table.

Their readers stay code (day grids, per-rate invoice columns, 勤務表 footers), named by
``reader``; what a person may change is data: each field's header synonyms (from
:mod:`ledgerkit.kinds.hours` and its peers, the lists ``[columns.<kind>]`` adds to), the
summary's default ``by``, and fields of their own (:func:`~ledgerkit.kinds.declared.extend_kind`).
``derived`` names the columns a reader adds that no header names (the month of a row).

Examples:
    >>> spec = BUILTIN_KINDS["hours"]
    >>> spec.reader, spec.by, spec.field("hours").type, "工数" in spec.field("hours").synonyms
    ('hours', ('project', 'person', 'month'), 'hours', True)
"""

from __future__ import annotations

from ledgerkit.kinds.attendance import ATTENDANCE_FIELDS
from ledgerkit.kinds.declared import FieldSpec, KindSpec
from ledgerkit.kinds.hours import HOURS_FIELDS
from ledgerkit.kinds.invoices import INVOICE_FIELDS

__all__ = ["BUILTIN_KINDS", "builtin_kind"]


def _fields(synonyms: dict[str, list[str]], types: dict[str, tuple[str, str]], required: tuple[str, ...] = ()):
    """FieldSpecs in the synonym table's order; ``types``: field → (type, Japanese label)."""
    return tuple(FieldSpec(name, types[name][0], tuple(words), name in required, types[name][1])
                 for name, words in synonyms.items())


_HOURS = {
    "date": ("date", "日付"), "person": ("text", "氏名"), "person_id": ("code", "社員番号"),
    "project": ("code", "案件"), "task": ("text", "作業"), "hours": ("hours", "時間"), "note": ("text", "備考"),
}
_INVOICES = {
    "invoice_no": ("code", "請求書番号"), "issue_date": ("date", "発行日"), "received_date": ("date", "受領日"),
    "vendor": ("text", "取引先"), "vendor_code": ("code", "取引先コード"), "registration_no": ("code", "登録番号"),
    "po_no": ("code", "注文番号"), "subject": ("text", "件名"), "net": ("yen", "税抜金額"), "tax": ("yen", "消費税"),
    "total": ("yen", "税込金額"), "amount": ("yen", "金額"), "tax_rate": ("rate", "税率"),
    "due_date": ("date", "支払期日"), "paid_date": ("date", "支払日"), "project": ("code", "案件"),
    "person": ("text", "対象者"), "month": ("month", "対象月"), "withholding": ("yen", "源泉税"),
    "payment": ("yen", "差引支払額"), "net_10": ("yen", "税抜金額(10%)"), "net_8": ("yen", "税抜金額(8%)"),
    "tax_10": ("yen", "消費税(10%)"), "tax_8": ("yen", "消費税(8%)"),
    "transaction_date": ("date", "取引年月日"), "booking_month": ("month", "計上月"),
}
# start and end are clocks read as hours since midnight; cumulative and ignore are columns
# the reader names so as not to read them as the hours worked
_ATTENDANCE = {
    "day": ("date", "日付"), "weekday": ("text", "曜日"), "start": ("hours", "出勤"), "end": ("hours", "退勤"),
    "break": ("hours", "休憩"), "worked": ("hours", "実働"), "overtime": ("hours", "残業"), "note": ("text", "備考"),
    "person": ("text", "氏名"), "person_id": ("code", "社員番号"), "cumulative": ("hours", "累計 (読まない)"),
    "ignore": ("hours", "所定・深夜など (読まない)"),
}

#: the kinds ``aggregate`` reads with readers of their own, by name
BUILTIN_KINDS: dict[str, KindSpec] = {
    "hours": KindSpec("hours", "工数", _fields(HOURS_FIELDS, _HOURS, ("hours",)), by=("project", "person", "month"),
                      sort=("date", "person", "project", "task"), key=("person", "date", "project", "task"),
                      reader="hours", derived=("month",)),
    "invoices": KindSpec("invoices", "受領請求書", _fields(INVOICE_FIELDS, _INVOICES), by=("vendor", "month"),
                         key=("vendor", "invoice_no"), reader="invoices"),
    "attendance": KindSpec("attendance", "勤怠", _fields(ATTENDANCE_FIELDS, _ATTENDANCE), by=("person", "month"),
                           key=("person", "date"), reader="attendance",
                           derived=("date", "month", "hours", "break_hours", "overtime_hours")),
}


def builtin_kind(name: str) -> KindSpec | None:
    """The built-in kind ``name`` as shipped (without a user's additions), or None."""
    return BUILTIN_KINDS.get(name)
