"""Dates written without their year or relative to another date: ``11月末``, ``12/10``, ``翌月末``, ``月末締め翌月末払い``.

A 支払期日 or 納期 cell often says when in words a person reads against the document's own
date: :func:`date_after` reads it after an anchor date (the invoice's issue date, the
order date), :func:`payment_date` reads payment terms (締め日 and 支払日) from a delivery date.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Any

from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = ["date_after", "payment_date", "looks_like_payment_terms"]

_RELATIVE_MONTH = re.compile(r"(当月|翌月|翌々月)\s*(?:(末日?)|(\d{1,2})\s*日)(?:払い?)?")


def date_after(raw: Any, anchor: dt.date | None) -> dt.date | None:
    """A date written without its year (``11月末``, ``12/10``) or relative to the month
    (``翌月末``, ``翌々月10日``, ``当月末``), read as the first such date in or after
    ``anchor``'s month; None when it is not one of those.

    Examples:
        >>> a = dt.date(2026, 12, 20)
        >>> date_after("1月末", a), date_after("翌月末", a), date_after("翌々月10日", a), date_after("12/25", a)
        (datetime.date(2027, 1, 31), datetime.date(2027, 1, 31), datetime.date(2027, 2, 10), datetime.date(2026, 12, 25))
        >>> date_after("月末", a) is None
        True
    """
    if anchor is None or not isinstance(raw, str):
        return None
    text = normalize_text(raw).strip()
    m = _RELATIVE_MONTH.fullmatch(text)
    if m:
        y, mo = divmod(anchor.month - 1 + {"当月": 0, "翌月": 1, "翌々月": 2}[m.group(1)], 12)
        y, mo = anchor.year + y, mo + 1
        last = calendar.monthrange(y, mo)[1]
        day = last if m.group(2) else int(m.group(3))
        return dt.date(y, mo, day) if 1 <= day <= last else None
    try:
        value = parse_date(text, year=anchor.year)
    except CellValueError:
        return None
    if value is None:
        return None
    if (value.year, value.month) < (anchor.year, anchor.month):
        try:
            value = value.replace(year=value.year + 1)
        except ValueError:
            return None
    return value


_PAYMENT_TERMS = re.compile(
    r"(?:毎月|当月)?(?:(?:月)?末日?|(\d{1,2})\s*日)\s*締め?(?:切り?)?\s*[、,・]?\s*(当月|翌月|翌々月)\s*(?:(末日?)|(\d{1,2})\s*日)\s*(?:払い?|支払い?)?"
)


#: words only payment terms hold (締め, 払い, サイト, N日以内 / N日後): a 支払条件 cell without them
#: (銀行振込, 手形) names how, not when
_TERMS_WORDS = re.compile(r"締|払|サイト|\d+\s*日\s*(?:以内|後)")


def looks_like_payment_terms(raw: Any) -> bool:
    """Whether a 支払条件 text says *when* payment is due, so that not reading it is a finding.

    Examples:
        >>> [looks_like_payment_terms(t) for t in ("当月末締め翌月末日払い", "検収後60日以内", "銀行振込", "手形", None)]
        [True, True, False, False, False]
    """
    return isinstance(raw, str) and bool(_TERMS_WORDS.search(normalize_text(raw)))


def payment_date(raw: Any, delivered: dt.date | None) -> dt.date | None:
    """The payment date that terms such as ``月末締め翌月末払い`` or ``20日締め翌月10日払い``
    give for a delivery on ``delivered``; other text as :func:`date_after` reads it.

    Examples:
        >>> d = dt.date(2026, 10, 25)
        >>> payment_date("月末締め翌月末払い", d), payment_date("20日締め翌月10日払い", d)
        (datetime.date(2026, 11, 30), datetime.date(2026, 12, 10))
        >>> payment_date("末締め翌々月末", d), payment_date("11月末", d)
        (datetime.date(2026, 12, 31), datetime.date(2026, 11, 30))
        >>> payment_date("当月末締め翌月末日払い", d)
        datetime.date(2026, 11, 30)
    """
    if delivered is None or not isinstance(raw, str):
        return None
    m = _PAYMENT_TERMS.fullmatch(normalize_text(raw).replace(" ", ""))
    if not m:
        return date_after(raw, delivered)
    close_day, later, month_end, pay_day = m.groups()
    months = delivered.year * 12 + delivered.month - 1
    if close_day is not None and delivered.day > int(close_day):
        months += 1  # after this month's closing day: closed with next month's
    months += {"当月": 0, "翌月": 1, "翌々月": 2}[later]
    y, mo = divmod(months, 12)
    last = calendar.monthrange(y, mo + 1)[1]
    day = last if month_end else int(pay_day)
    return dt.date(y, mo + 1, day) if 1 <= day <= last else None
