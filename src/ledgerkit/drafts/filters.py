"""Jinja filters for Japanese documents: ``comma``, ``yen``, ``wareki``, ``kanji_amount``, ``date``.

They are thin wrappers: the arithmetic and the calendar live in ``ledgerkit.core.money`` and
``ledgerkit.parse.wareki``; here a template gets them under short names. Each filter refuses a
value it cannot format (a TemplateError naming the value), so a draft never shows
``None`` or a float's noise where an amount belongs.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import wraps
from decimal import Decimal
from typing import Any

from ledgerkit.core import money
from ledgerkit.core.errors import TemplateError
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.text import CellValueError
from ledgerkit.parse.wareki import to_wareki


def _amount(value: Any, filter_name: str) -> int | Decimal:
    """An amount as int (or Decimal when it has a fraction); refuses floats' noise and text."""
    if isinstance(value, bool) or value is None:
        raise _not_amount(filter_name, value)
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, float):
        d = Decimal(repr(value))
        return int(d) if d == d.to_integral_value() else d
    if isinstance(value, str):
        try:
            parsed = parse_amount(value)
        except CellValueError as e:
            raise _not_amount(filter_name, value, e) from None
        if parsed is None:
            raise TemplateError(key="draft_filter_empty_amount", params={"filter": filter_name})
        return _amount(parsed, filter_name)
    raise _not_amount(filter_name, value)


def _not_amount(filter_name: str, value: Any, why: CellValueError | None = None) -> TemplateError:
    # the parser's reason when it says more than "not an amount" (小数点以下があります …)
    detail = f" ({why})" if why is not None and why.reason != "金額として読めません" else ""
    return TemplateError(key="draft_filter_not_amount", params={"filter": filter_name, "value": value, "detail": detail})


def comma(value: Any) -> str:
    """``1480000`` → ``1,480,000`` (money.format_comma).

    Examples:
        >>> comma(1480000), comma(0), comma(-2500)
        ('1,480,000', '0', '-2,500')
    """
    return money.format_comma(_amount(value, "comma"))


def yen(value: Any, style: str = "symbol") -> str:
    """``¥1,480,000`` (style ``symbol``, the default) or ``1,480,000円`` (style ``円``), by money.format_yen.

    Negatives: ``-¥2,500`` / ``△2,500円`` (the Japanese accounting sign).

    Examples:
        >>> yen(1480000), yen(1480000, "円"), yen(-2500), yen(-2500, "円")
        ('¥1,480,000', '1,480,000円', '-¥2,500', '△2,500円')
    """
    styles = {"symbol": "prefix", "¥": "prefix", "prefix": "prefix", "円": "suffix", "suffix": "suffix"}
    if style not in styles:
        raise TemplateError(key="draft_filter_yen_style", params={"style": style})
    return money.format_yen(_amount(value, "yen"), styles[style])


def _as_date(value: Any, filter_name: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            parsed = parse_date(value)
        except CellValueError as e:
            raise TemplateError(key="draft_filter_not_date",
                                params={"filter": filter_name, "value": value, "detail": f" ({e})"}) from None
        if parsed is not None:
            return parsed
    raise TemplateError(key="draft_filter_not_date", params={"filter": filter_name, "value": value, "detail": ""})


def wareki(value: Any, style: str = "kanji") -> str:
    """A date in the Japanese calendar: ``令和8年12月15日`` (元年 for an era's first year).

    ``style`` is passed to ``ledgerkit.parse.wareki.to_wareki`` (e.g. ``kanji``, ``short``, ``jis``).
    Text that is not one date (``2027年4月～``, ``12月中旬``) is shown as written.

    Examples:
        >>> wareki(dt.date(2026, 12, 15))
        '令和8年12月15日'
        >>> wareki(dt.date(2019, 5, 1))
        '令和元年5月1日'
    """
    if isinstance(value, str) and not _looks_like_one_date(value):
        return value
    if style not in _WAREKI_STYLES:
        raise TemplateError(key="draft_filter_wareki_style", params={"style": style, "styles": ", ".join(_WAREKI_STYLES)})
    try:
        return to_wareki(_as_date(value, "wareki"), style)
    except ValueError as e:
        raise TemplateError(key="draft_filter_failed", params={"filter": "wareki", "detail": str(e)}) from None


_WAREKI_STYLES = ("kanji", "short", "jis", "abbr")


def _looks_like_one_date(text: str) -> bool:
    try:
        return parse_date(text) is not None
    except CellValueError:
        return False


def kanji_amount(value: Any) -> str:
    """An amount in 大字 as formal documents write it: ``金壱百四拾八万円也``.

    Examples:
        >>> kanji_amount(1480000)
        '金壱百四拾八万円也'
    """
    amount = _amount(value, "kanji_amount")
    if isinstance(amount, Decimal):
        raise TemplateError(key="draft_filter_fraction", params={"amount": amount})
    if amount < 0:
        raise TemplateError(key="draft_filter_negative", params={"filter": "kanji_amount", "amount": amount})
    try:
        return money.kanji_amount(amount)
    except ValueError as e:
        raise TemplateError(key="draft_filter_failed", params={"filter": "kanji_amount", "detail": str(e)}) from None


_UNPADDED = re.compile(r"%-([dmHIMS])")


def date(value: Any, format: str = "%Y年%-m月%-d日") -> str:
    """A date with a ``strftime`` format; ``%-m``/``%-d`` (no leading zero) work everywhere.

    ``%a`` gives the Japanese weekday (月, 火, …), whatever the machine's locale.

    Examples:
        >>> date(dt.date(2026, 4, 1))
        '2026年4月1日'
        >>> date(dt.date(2026, 4, 1), "%Y/%m/%d(%a)")
        '2026/04/01(水)'
    """
    d = _as_date(value, "date") if not isinstance(value, dt.datetime) else value

    def unpadded(m: re.Match) -> str:
        return str(int(d.strftime("%" + m.group(1))))

    fmt = _UNPADDED.sub(unpadded, format)
    fmt = fmt.replace("%a", "月火水木金土日"[d.weekday()])
    # strftime treats the whole string as a format; '%%' keeps a literal '%'
    return d.strftime(fmt)


def _strict(f):
    """``f`` that first fails on a missing value the way ``{{ x }}`` does, naming it
    (``'order_date' is undefined``), rather than calling it "not a date"."""

    @wraps(f)
    def checked(value, *args, **kwargs):
        from jinja2 import Undefined

        if isinstance(value, Undefined):
            value._fail_with_undefined_error()
        return f(value, *args, **kwargs)

    return checked


FILTERS = {
    "comma": _strict(comma),
    "yen": _strict(yen),
    "wareki": _strict(wareki),
    "kanji_amount": _strict(kanji_amount),
    "date": _strict(date),
}
