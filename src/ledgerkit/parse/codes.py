"""Codes: employee, project and vendor codes as text; registration numbers (適格請求書発行事業者登録番号).

Examples:
    >>> parse_code(123.0), normalize_registration_no("T1-2345-6789-0123")
    ('123', 'T1234567890123')
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from decimal import Decimal, InvalidOperation

from ledgerkit.parse.amounts import _clean_decimal
from ledgerkit.parse.text import _PLACEHOLDERS, _PLAIN_TYPES, CellValueError, _plain, normalize_text

__all__ = [
    "parse_code",
    "normalize_registration_no",
    "is_registration_no_format",
    "corp_check_digit",
    "registration_check_digit_ok",
]


# --- codes ----------------------------------------------------------------------------


def parse_code(v: object) -> str | None:
    """A code (employee, project, vendor, account no.) as text.

    Text is kept as written after NFKC (leading zeros stay); a whole number stored as a
    float becomes digits (``123.0`` → ``'123'``, ``8.700110005901E12`` → ``'8700110005901'``).
    Dates and times raise CellValueError: Excel turned the code into a date.

    Examples:
        >>> parse_code(123.0), parse_code("００１２"), parse_code(" A-01 ")
        ('123', '0012', 'A-01')
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is str:
        s = normalize_text(v)
        return None if s in _PLACEHOLDERS else s
    if t is int:
        return str(v)
    if t is bool:
        raise CellValueError("コードとして読めません (真偽値です)", v)
    if isinstance(v, float):
        if v != v or v in (math.inf, -math.inf):
            raise CellValueError("コードとして読めません", v)
        if v == int(v):
            return str(int(v))
        return repr(float(v))
    if isinstance(v, int):
        return str(int(v))
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("コードとして読めません", v)
        try:
            return str(_clean_decimal(v))
        except InvalidOperation:  # beyond the context precision: keep it as written
            return str(v)
    if isinstance(v, (_dt.date, _dt.time, _dt.timedelta)):
        raise CellValueError("コードが日付・時刻に変換されています (文字列で入力してください)", v)
    s = normalize_text(v)
    return None if s in _PLACEHOLDERS else s

# --- registration numbers (適格請求書発行事業者登録番号) ----------------------------------

_DASHES_RE = re.compile(r"[\s\-\u2010-\u2015\u2212\u30fc\uff70\u2500\u2501]")
_REG_RE = re.compile(r"T[1-9][0-9]{12}")


def normalize_registration_no(v: object) -> str:
    """NFKC, upper case, no spaces, hyphens or dashes; invalid input is returned too.

    Examples:
        >>> normalize_registration_no("ｔ１-２３４５-６７８９-０１２３")
        'T1234567890123'
        >>> normalize_registration_no(8700110005901)
        '8700110005901'
    """
    if v is None:
        return ""
    if isinstance(v, float) and v == v and v not in (math.inf, -math.inf) and v == int(v):
        v = int(v)
    return _DASHES_RE.sub("", normalize_text(v)).upper()


def is_registration_no_format(s: object) -> bool:
    """True for ``T`` + 13 digits, the first 1–9 (DOMAIN §3.2).

    Examples:
        >>> is_registration_no_format("T8700110005901"), is_registration_no_format("T0700110005901")
        (True, False)
    """
    return isinstance(s, str) and _REG_RE.fullmatch(s) is not None


def corp_check_digit(base12: str) -> int:
    """The check digit (1–9) of a 13-digit corporate number from its 12-digit base.

    Examples:
        >>> corp_check_digit("700110005901")
        8
    """
    if not (isinstance(base12, str) and len(base12) == 12 and base12.isascii() and base12.isdigit()):
        raise ValueError(f"base must be 12 digits, got {base12!r}")
    s = sum(int(d) * (1 if n % 2 else 2) for n, d in enumerate(reversed(base12), 1))
    return 9 - s % 9


def registration_check_digit_ok(s: object) -> bool:
    """True when the 13 digits (after an optional ``T``) pass the corporate-number check.

    A sole proprietor's number may fail it (DOMAIN §3.4): treat False as a warning.

    Examples:
        >>> registration_check_digit_ok("T8700110005901"), registration_check_digit_ok("2835678256246")
        (True, False)
    """
    n = normalize_registration_no(s)
    if n.startswith("T"):
        n = n[1:]
    if len(n) != 13 or not n.isascii() or not n.isdigit() or n[0] == "0":
        return False
    return corp_check_digit(n[1:]) == int(n[0])
