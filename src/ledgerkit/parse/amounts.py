"""Money and tax: amounts (``¥1,234``, ``▲1,000``, ``1.5万円``), the tax basis beside them, tax rates.

Examples:
    >>> parse_amount("▲1,000")
    Decimal('-1000')
    >>> parse_rate("軽減")
    Decimal('0.08')
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from ledgerkit.parse.text import _PLACEHOLDERS, _PLAIN_TYPES, CellValueError, _plain, normalize_text

__all__ = ["parse_amount", "parse_amount_with_basis", "parse_int", "parse_rate"]


# --- amounts --------------------------------------------------------------------------

_MAX_AMOUNT = Decimal(10) ** 15  # 1,000兆円: anything larger is a misread, not money
_NOISE_Q = Decimal("0.000001")
_INT_RE = re.compile(r"-?\d{1,15}")  # below _MAX_AMOUNT
_BASIS_RE = re.compile(r"\(?(税込み?|内税|税抜き?|税別|外税)\)?")
_BASIS = {"税込": "incl", "税込み": "incl", "内税": "incl", "税抜": "excl", "税抜き": "excl", "税別": "excl", "外税": "excl"}
_NUM_PART = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
_GROUP_RE = re.compile(rf"({_NUM_PART})([千百十])?([兆億万])?")
_SMALL = {None: 1, "十": 10, "百": 100, "千": 1000}
_BIG = {None: 1, "万": 10**4, "億": 10**8, "兆": 10**12}
_CURRENCY_PREFIXES = ("¥", "\\", "JPY", "金", "@")  # @500: a unit price
_CURRENCY_SUFFIXES = ("円", "JPY", "也")


def _clean_decimal(d: Decimal) -> Decimal:
    """Integral values without exponent or trailing zeros; others normalized; no -0."""
    if not d:
        return Decimal(0)
    if d == d.to_integral_value():
        return d.quantize(Decimal(1))
    return d.normalize()


def _decimal_from_float(x: float, v: object) -> Decimal:
    if x != x or x in (math.inf, -math.inf):
        raise CellValueError("数値ではありません", v)
    if abs(x) >= 1e15:
        raise CellValueError("金額が大きすぎます", v)
    # repr gives the shortest string that round-trips; then drop float noise past 6 places
    d = Decimal(repr(float(x)))
    if d.as_tuple().exponent < -6:  # type: ignore[operator]
        d = d.quantize(_NOISE_Q)
    return _clean_decimal(d)


def parse_amount_with_basis(v: object) -> tuple[Decimal | None, str | None]:
    """An amount of money and the tax basis written beside it (``incl``/``excl``/None).

    Accepts numbers (float noise such as 1234.0000000001 cleaned to ≤ 6 decimals) and text:
    ``¥1,234``, ``￥１，２３４``, ``\\1,234``, ``1,234円``, ``1,234円(税込)``, ``(税抜)``,
    ``税別``, negatives ``△1,000``, ``▲1,000``, ``-1,000``, ``−1,000``, ``(1,000)``,
    ``（1,000）``, units ``1.5万円``, ``12万``, ``3千円``, ``2百万``, ``1億``,
    ``1億2,000万``; a ``※`` mark is dropped. A trailing minus is a sign, as SAP and other
    ledgers export negatives (``1,000-`` and full-width ``1,000－`` → −1,000), except after a
    yen sign or 円, where the dash guards the figure as on receipts (``¥1,000-``,
    ``1,000円-``, ``¥10,000.-`` → +1,000). Blank, ``-`` and ``―`` → (None, None).

    Examples:
        >>> parse_amount_with_basis("1,234円(税込)")
        (Decimal('1234'), 'incl')
        >>> parse_amount_with_basis("1.5万円")
        (Decimal('15000'), None)
        >>> parse_amount("1,000-"), parse_amount("1,000－"), parse_amount("¥1,000-")
        (Decimal('-1000'), Decimal('-1000'), Decimal('1000'))
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None, None
    t = type(v)
    if t is int:
        if abs(v) >= _MAX_AMOUNT:
            raise CellValueError("金額が大きすぎます", v)
        return Decimal(v), None
    if t is float:
        return _decimal_from_float(v, v), None
    if t is bool:
        raise CellValueError("金額として読めません (真偽値です)", v)
    if isinstance(v, Decimal):
        if not v.is_finite():
            raise CellValueError("数値ではありません", v)
        if abs(v) >= _MAX_AMOUNT:
            raise CellValueError("金額が大きすぎます", v)
        return _clean_decimal(v), None
    if isinstance(v, int):
        return parse_amount_with_basis(int(v))
    if isinstance(v, float):
        return parse_amount_with_basis(float(v))
    if not isinstance(v, str):
        raise CellValueError("金額として読めません", v)
    if _INT_RE.fullmatch(v):  # fast path: '1234'
        return Decimal(v) if v.strip("-0") else Decimal(0), None
    return _parse_amount_text(v)


def _parse_amount_text(v: str) -> tuple[Decimal | None, str | None]:
    s = normalize_text(v)
    if s in _PLACEHOLDERS:
        return None, None
    s = s.replace("※", "").replace(" ", "")
    if s in _PLACEHOLDERS:
        return None, None
    basis = None
    for m in _BASIS_RE.finditer(s):
        b = _BASIS[m.group(1)]
        if basis is not None and basis != b:
            raise CellValueError("税込と税抜が両方書かれています", v)
        basis = b
    if basis is not None:
        s = _BASIS_RE.sub("", s)

    negative = False
    currency = False
    changed = True
    while changed and s:
        changed = False
        for p in _CURRENCY_PREFIXES:
            if s.startswith(p):
                s, changed, currency = s[len(p):], True, True
        for p in _CURRENCY_SUFFIXES:
            if s.endswith(p) and len(s) > len(p):
                s, changed, currency = s[: -len(p)], True, True
        if len(s) > 1 and s[-1] == "-" and (s[-2].isdigit() or s[-2] == "円"):
            if currency or s[-2] == "円":
                # a closing dash after a yen sign guards the figure on receipts (¥10,000-): not a sign
                s, changed = s[:-1], True
            else:
                # a trailing minus, as SAP and other ledgers export a negative (1,000- / 1,000－)
                if negative:
                    raise CellValueError("負の記号が重複しています", v)
                s, negative, changed = s[:-1], True, True
        elif s.endswith(".-") and len(s) > 2:
            s, changed = s[:-2], True
        if s[:1] in ("-", "▲", "△") and len(s) > 1:
            if negative:
                raise CellValueError("負の記号が重複しています", v)
            s, negative, changed = s[1:], True, True
        elif s[:1] == "+" and len(s) > 1:
            s, changed = s[1:], True
        if s.startswith("(") and s.endswith(")") and len(s) > 2:
            if negative:
                raise CellValueError("負の記号が重複しています", v)
            s, negative, changed = s[1:-1], True, True
    if s == "-":  # '¥-': the accounting format's zero, typed as text
        return None, basis
    value = _parse_number_with_units(s)
    if value is None:
        raise CellValueError("金額として読めません", v)
    if abs(value) >= _MAX_AMOUNT:
        raise CellValueError("金額が大きすぎます", v)
    value = _clean_decimal(value)
    return (-value if negative and value else value), basis


def _parse_number_with_units(s: str) -> Decimal | None:
    if not s:
        return None
    pos, total, last_big = 0, Decimal(0), None
    n = len(s)
    while pos < n:
        m = _GROUP_RE.match(s, pos)
        if not m or m.end() == pos:
            return None
        big = m.group(3)
        if big is None and m.end() != n:
            return None  # a bare number must be last: '12万3,456' but not '12 3'
        if big is not None and last_big is not None and _BIG[big] >= _BIG[last_big]:
            return None  # units must go down: 1億2,000万, not 2万1億
        if big is None and last_big is not None and m.group(2) is None and "." in m.group(1):
            return None
        total += Decimal(m.group(1).replace(",", "")) * _SMALL[m.group(2)] * _BIG[big]
        last_big = big if big is not None else last_big
        pos = m.end()
    return total


def parse_amount(v: object) -> Decimal | None:
    """An amount of money as Decimal (see :func:`parse_amount_with_basis`).

    Examples:
        >>> parse_amount("￥１，２３４円"), parse_amount("(2,000)"), parse_amount("12万")
        (Decimal('1234'), Decimal('-2000'), Decimal('120000'))
        >>> parse_amount(0.1 + 0.2)
        Decimal('0.3')
    """
    return parse_amount_with_basis(v)[0]


# --- tax rates ------------------------------------------------------------------------

_RATE_CANON = {
    Decimal("0"): Decimal("0"),
    Decimal("0.03"): Decimal("0.03"),
    Decimal("0.05"): Decimal("0.05"),
    Decimal("0.08"): Decimal("0.08"),
    Decimal("0.1"): Decimal("0.10"),
}
_REDUCED_MARKS = ("軽減税率", "軽減", "※", "*", "軽")
_STANDARD_MARKS = ("標準税率", "標準")
_ZERO_WORDS = frozenset({"非課税", "不課税", "免税", "対象外", "課税対象外"})
_RATE_NUM_RE = re.compile(r"(\d+(?:\.\d+)?|\.\d+)(%)?")
_TAX_CATEGORY_RE = re.compile(r"^(?:課税|課対|共対|非対)?(?:仕入|売上)?(?:旧)?")
_ZERO_CATEGORY_RE = re.compile(r"(?:非課税?|不課税?|対象外|免税)(?:仕入|売上|取引)?")



def parse_int(v: object) -> int | None:
    """A whole number (a count): ``1,234``, ``１２３``, ``1.5万``; ``12.5`` and ``十`` are errors
    whose reason says a whole number, not an amount of money.

    Examples:
        >>> parse_int("１，２３４"), parse_int("1.5万"), parse_int(None)
        (1234, 15000, None)
        >>> parse_int("十")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: 整数として読めません
    """
    try:
        value = parse_amount(v)
    except CellValueError as err:
        reason = err.reason.replace("金額として読めません", "整数として読めません").replace("金額が", "数が")
        raise CellValueError(reason, v) from None
    if value is None:
        return None
    if value != value.to_integral_value():
        raise CellValueError("整数ではありません", v)
    return int(value)


def _canonical_rate(d: Decimal, percent: bool, v: object) -> Decimal:
    if percent or d >= 1:
        d = d / 100
    r = _RATE_CANON.get(d)
    if r is None:
        raise CellValueError("税率は 10%・8% (旧5%・3%)・0% のいずれかです", v)
    return r


def parse_rate(v: object) -> Decimal | None:
    """A consumption-tax rate as Decimal: ``Decimal('0.10')``, ``Decimal('0.08')``, ...

    Accepts ``10%``, ``１０％``, ``0.1``, ``0.10``, ``10`` (whole numbers are percent),
    ``8%``, ``0.08``, ``8``; ``軽減``, ``軽減税率``, ``※``, ``*`` → 0.08; ``標準`` → 0.10;
    ``非課税``/``不課税``/``免税`` → 0; accounting software's 税区分 ``課税仕入10%``,
    ``課対仕入8%(軽)``, ``旧8%``, ``非課仕入``. Only 0, 8% and 10% (and the historical 5%
    and 3%) are rates; anything else raises CellValueError.

    Examples:
        >>> parse_rate("１０％"), parse_rate(0.08), parse_rate("※")
        (Decimal('0.10'), Decimal('0.08'), Decimal('0.08'))
    """
    if type(v) not in _PLAIN_TYPES:
        v = _plain(v)
    if v is None or (v.__class__ is str and v == ""):
        return None
    t = type(v)
    if t is bool:
        raise CellValueError("税率として読めません (真偽値です)", v)
    if t is int or t is float or isinstance(v, (int, float, Decimal)):
        if isinstance(v, float):
            d = _decimal_from_float(v, v)
        elif isinstance(v, Decimal):
            if not v.is_finite():
                raise CellValueError("税率として読めません", v)
            d = v
        else:
            d = Decimal(int(v))
        if d < 0:
            raise CellValueError("税率が負です", v)
        return _canonical_rate(d, False, v)
    if not isinstance(v, str):
        raise CellValueError("税率として読めません", v)
    s = normalize_text(v).replace(" ", "")
    if s in _PLACEHOLDERS:
        return None
    # accounting software's 税区分: 課税仕入10%, 課対仕入8%(軽), 旧8%, 非課仕入, 対象外
    s = _TAX_CATEGORY_RE.sub("", s) or s
    if s in _ZERO_WORDS or _ZERO_CATEGORY_RE.fullmatch(s):
        return Decimal("0")
    mark = None
    for m in _REDUCED_MARKS:
        if m in s:
            s, mark = s.replace(m, ""), Decimal("0.08")
            break
    for m in _STANDARD_MARKS:
        if m in s:
            if mark is not None:
                raise CellValueError("軽減と標準が両方書かれています", v)
            s, mark = s.replace(m, ""), Decimal("0.10")
            break
    s = s.replace("税率", "").replace("対象", "").replace("(", "").replace(")", "").replace("消費税", "")
    if not s:
        if mark is None:
            raise CellValueError("税率として読めません", v)
        return mark
    m = _RATE_NUM_RE.fullmatch(s)
    if not m:
        raise CellValueError("税率として読めません", v)
    r = _canonical_rate(Decimal(m.group(1)), m.group(2) is not None, v)
    if mark is not None and r != mark:
        raise CellValueError(f"税率の表記が食い違っています ({normalize_text(v)})", v)
    return r
