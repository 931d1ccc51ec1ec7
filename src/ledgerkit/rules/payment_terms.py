"""How and when an order says it will pay, under the 取適法 (DOMAIN.md §2.2).

Payment within 60 days of delivery (counting the day of receipt; for a service, of the
end of its period), and no 手形 (promissory note) from 2026-01-01.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.rules.figures import as_date

__all__ = ["DEFAULT_PAYMENT_DAYS", "TORITEKI_START", "latest_payment_due", "check_payment_due", "check_payment_method"]

#: 取適法 / 下請法: payment within 60 days of receipt, counting the day of receipt (DOMAIN.md §2.2)
DEFAULT_PAYMENT_DAYS = 60

#: the day the 取適法 replaced the 下請法 (promissory notes banned as a means of payment)
TORITEKI_START = dt.date(2026, 1, 1)
_NOTE = re.compile(r"手形")
_NOT_CASH = re.compile(r"電子記録債権|でんさい|一括決済|ファクタリング")


def latest_payment_due(delivered: dt.date, days: int = DEFAULT_PAYMENT_DAYS) -> dt.date:
    """The latest due date that still counts as "within ``days`` days of receipt".

    The period counts the day of receipt (起算日), so 60 days end on receipt + 59. The
    JFTC also accepts 月末締め翌月末払い (end-of-month closing, paid at the end of the
    next month) as "60 days (2 months)" even when the month has 31 days (DOMAIN.md §2.2),
    so the end of the month after receipt is always accepted.

    Examples:
        >>> latest_payment_due(dt.date(2026, 7, 1))       # 8/29 by days, but 8/31 by 翌月末
        datetime.date(2026, 8, 31)
        >>> latest_payment_due(dt.date(2026, 1, 31))
        datetime.date(2026, 3, 31)
    """
    by_days = delivered + dt.timedelta(days=days - 1)
    y, m = (delivered.year + (delivered.month // 12), delivered.month % 12 + 1)
    ny, nm = (y + (m // 12), m % 12 + 1)
    end_next_month = dt.date(ny, nm, 1) - dt.timedelta(days=1)
    if days == DEFAULT_PAYMENT_DAYS:
        return max(by_days, end_next_month)
    return by_days


def check_payment_due(
    delivered: Any,
    due: Any,
    *,
    days: int = DEFAULT_PAYMENT_DAYS,
    severity: str = "error",
    service_from: Any = None,
    terms: Any = None,
) -> Issue | None:
    """Payment due more than ``days`` days after delivery (取適法 60日ルール, DOMAIN.md §2.2).

    ``delivered`` is the delivery date, or for a service the last day of its period
    (``service_from`` its first day): the 60 days run from the end of the service. The
    finding's ``severity`` is the caller's: an error for an order the act covers, a warning
    when that is unknown (:func:`ledgerkit.rules.coverage.toriteki_severity`). ``terms`` are the
    payment terms (月末締め翌々月末払い) ``due`` was computed from, when no due date was written:
    the finding shows the date with them.

    Examples:
        >>> check_payment_due(dt.date(2026, 10, 15), dt.date(2026, 11, 30)) is None
        True
        >>> f = check_payment_due(dt.date(2026, 10, 15), dt.date(2027, 1, 10))
        >>> (f.code, f.severity, f.expected)
        ('payment_due_over_60', 'error', '<= 2026-12-13')
        >>> f = check_payment_due(dt.date(2026, 10, 31), dt.date(2027, 1, 10), service_from=dt.date(2026, 10, 1))
        >>> f.expected, f.message()
        ('<= 2026-12-29', '支払期日 2027-01-10 は役務の提供期間 2026-10-01〜2026-10-31 の終わりから60日を超えています (期限 2026-12-29)')
        >>> check_payment_due(dt.date(2026, 10, 31), dt.date(2026, 12, 31), terms="月末締め翌々月末払い").message()
        '支払期日 2026-12-31 (支払条件「月末締め翌々月末払い」から計算) は受領日 (納期) 2026-10-31から60日を超えています (期限 2026-12-29)'
    """
    delivered, due, start = as_date(delivered), as_date(due), as_date(service_from)
    if delivered is None or due is None:
        return None
    latest = latest_payment_due(delivered, days)
    if due <= latest:
        return None
    if start is not None:
        since = {"ja": f"役務の提供期間 {start.isoformat()}〜{delivered.isoformat()} の終わり",
                 "en": f"the end of the service period {start.isoformat()} to {delivered.isoformat()}"}
    else:
        since = {"ja": f"受領日 (納期) {delivered.isoformat()}", "en": f"delivery on {delivered.isoformat()}"}
    return Issue(
        "payment_due_over_60",
        severity=severity,
        params={
            "delivered": delivered.isoformat(),
            "due": _due_words(due, terms),
            "days": (due - delivered).days,
            "limit": days,
            "latest": latest.isoformat(),
            "since": since,
            "coverage": {"ja": "", "en": ""},
        },
        field="payment_due",
        value=due.isoformat(),
        expected=f"<= {latest.isoformat()}",
    )


def _due_words(due: dt.date, terms: Any) -> str | dict:
    """The due date as a finding shows it: with the payment terms it was computed from, if any."""
    if not isinstance(terms, str) or not terms.strip():
        return due.isoformat()
    return {"ja": f"{due.isoformat()} (支払条件「{terms.strip()}」から計算)",
            "en": f"{due.isoformat()} (from the payment terms '{terms.strip()}')"}


def check_payment_method(method: Any, ordered: Any = None) -> Issue | None:
    """How an order says it will pay, under the 取適法 (from 2026-01-01, DOMAIN.md §2.2):
    a 手形 (promissory note) is banned (error); 電子記録債権 / 一括決済 / ファクタリング are
    allowed only when the contractor gets the full amount in cash by the due date (warning).
    Orders placed before 2026 (``ordered``) are left alone.

    Examples:
        >>> check_payment_method("約束手形 (サイト90日)").code
        'payment_by_note'
        >>> check_payment_method("でんさい").severity
        'warning'
        >>> check_payment_method("銀行振込") is None, check_payment_method("手形", dt.date(2025, 12, 1)) is None
        (True, True)
    """
    if method is None or not isinstance(method, str) or not method.strip():
        return None
    ordered = as_date(ordered)
    if ordered is not None and ordered < TORITEKI_START:
        return None
    text = method.strip()
    if _NOTE.search(text):
        code, severity = "payment_by_note", "error"
    elif _NOT_CASH.search(text):
        code, severity = "payment_not_cash", "warning"
    else:
        return None
    return Issue(code, severity=severity, params={"value": text, "coverage": {"ja": "", "en": ""}},
                 field="payment_method", value=text)
