"""Yen arithmetic: rounding, consumption tax, withholding tax, and printing amounts.

Money is ``int`` yen or ``Decimal``, never ``float``: every function here refuses a
float. Rounding is done on exact fractions, on the absolute value with the sign kept
(DOMAIN §4.2), so ``-31.5`` rounds down to ``-31`` and half-up to ``-32``. Python's
``round()`` (half to even) is never used.

Examples:
    >>> from decimal import Decimal
    >>> round_yen(Decimal("31.5")), round_yen(Decimal("31.5"), "half_up")
    (31, 32)
    >>> format_yen(1480000), kanji_amount(1480000)
    ('¥1,480,000', '金壱百四拾八万円也')
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Iterable

__all__ = [
    "ROUNDING_MODES",
    "round_yen",
    "tax_amount",
    "tax_from_gross",
    "acceptable_taxes",
    "invoice_tax_by_rate",
    "format_comma",
    "format_yen",
    "kanji_amount",
    "withholding_tax",
]

#: the rounding modes config files may name (端数処理)
ROUNDING_MODES = ("down", "half_up", "up")
_MODE_ALIASES = {
    "down": "down",
    "切り捨て": "down",
    "切捨て": "down",
    "切捨": "down",
    "truncate": "down",
    "half_up": "half_up",
    "四捨五入": "half_up",
    "up": "up",
    "切り上げ": "up",
    "切上げ": "up",
    "切上": "up",
}


def _mode(mode: str) -> str:
    try:
        return _MODE_ALIASES[mode]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown rounding mode {mode!r} (use down 切り捨て, half_up 四捨五入 or up 切り上げ)"
        ) from None


def _exact(x: object, what: str = "amount") -> Fraction:
    """An exact fraction of an int, Decimal or Fraction; floats and bools are refused."""
    if isinstance(x, bool) or isinstance(x, float):
        raise TypeError(f"{what} must be int or Decimal, not {type(x).__name__} (money is never float)")
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"{what} is not a number: {x}")
        return Fraction(x)
    if isinstance(x, Fraction):
        return x
    raise TypeError(f"{what} must be int or Decimal, not {type(x).__name__}")


def _round_fraction(f: Fraction, mode: str) -> int:
    mode = _mode(mode)
    a = abs(f)
    q, r = divmod(a.numerator, a.denominator)
    if mode == "up":
        q += r > 0
    elif mode == "half_up":
        q += 2 * r >= a.denominator
    return -q if f < 0 else q


def round_yen(x: Decimal | int | Fraction, mode: str = "down") -> int:
    """Round to whole yen: ``down`` (切り捨て), ``half_up`` (四捨五入) or ``up`` (切り上げ),
    applied to the absolute value with the sign kept.

    The Japanese names are accepted too. A float raises TypeError.

    Examples:
        >>> from decimal import Decimal
        >>> round_yen(Decimal("-31.5")), round_yen(Decimal("-31.5"), "half_up")
        (-31, -32)
        >>> round_yen(Decimal("144.08"), "up"), round_yen(Decimal("32.5"), "四捨五入")
        (145, 33)
    """
    return _round_fraction(_exact(x), mode)


def _rate(rate: object) -> Fraction:
    r = _exact(rate, "rate")
    if r < 0 or r >= 1:
        raise ValueError(f"rate must be a fraction such as Decimal('0.10'), got {rate}")
    return r


def tax_amount(net: int | Decimal, rate: Decimal, mode: str = "down") -> int:
    """Consumption tax on a tax-excluded amount: ``round(net × rate)``.

    Examples:
        >>> from decimal import Decimal
        >>> tax_amount(315, Decimal("0.10")), tax_amount(1801, Decimal("0.08"))
        (31, 144)
    """
    return _round_fraction(_exact(net) * _rate(rate), mode)


def tax_from_gross(gross: int | Decimal, rate: Decimal, mode: str = "down") -> int:
    """Consumption tax inside a tax-included amount: ``round(gross × rate / (1 + rate))``
    (×10/110, ×8/108).

    Examples:
        >>> from decimal import Decimal
        >>> tax_from_gross(1000, Decimal("0.10")), tax_from_gross(1000, Decimal("0.10"), "half_up")
        (90, 91)
    """
    r = _rate(rate)
    return _round_fraction(_exact(gross) * r / (1 + r), mode)


def acceptable_taxes(net: int | Decimal, rate: Decimal, *, basis: str = "excl") -> set[int]:
    """The tax amounts an issuer may have written: the down, half-up and up results.

    With ``basis="incl"`` ``net`` is the tax-included amount. A received invoice passes
    when its tax is in this set (|Δ| < 1 yen, DOMAIN §4.2).

    Examples:
        >>> from decimal import Decimal
        >>> sorted(acceptable_taxes(315, Decimal("0.10")))
        [31, 32]
        >>> acceptable_taxes(1000, Decimal("0.10"))
        {100}
    """
    f = tax_from_gross if basis == "incl" else tax_amount
    if basis not in ("excl", "incl"):
        raise ValueError(f"basis must be 'excl' or 'incl', got {basis!r}")
    return {f(net, rate, m) for m in ROUNDING_MODES}


def _rate_key(rate: Decimal) -> Decimal:
    q = rate.quantize(Decimal("0.01"))
    return q if q == rate else rate


def invoice_tax_by_rate(
    lines: Iterable[tuple[int | Decimal, Decimal]], mode: str = "down", *, basis: str = "excl"
) -> dict[Decimal, tuple[int | Decimal, int]]:
    """Subtotal and tax per rate, rounding **once per rate** (消令70条の10, DOMAIN §4.2).

    ``lines`` are ``(amount, rate)`` pairs; amounts are tax-excluded (``basis="excl"``) or
    tax-included (``basis="incl"``). Rounding each line and adding is not allowed on a
    qualified invoice, and gives a different answer.

    Examples:
        The worked example of DOMAIN §4.2 (tax excluded, round down):

        >>> from decimal import Decimal
        >>> lines = [(315, Decimal("0.10")), (1234, Decimal("0.08")), (567, Decimal("0.08"))]
        >>> by_rate = invoice_tax_by_rate(lines)
        >>> by_rate
        {Decimal('0.10'): (315, 31), Decimal('0.08'): (1801, 144)}
        >>> sum(sub + tax for sub, tax in by_rate.values())
        2291
    """
    if basis not in ("excl", "incl"):
        raise ValueError(f"basis must be 'excl' or 'incl', got {basis!r}")
    _mode(mode)
    sums: dict[Decimal, Fraction] = {}
    for amount, rate in lines:
        _rate(rate)
        key = _rate_key(rate)
        sums[key] = sums.get(key, Fraction(0)) + _exact(amount)
    out: dict[Decimal, tuple[int | Decimal, int]] = {}
    for key, total in sums.items():
        sub: int | Decimal = total.numerator if total.denominator == 1 else (
            Decimal(total.numerator) / Decimal(total.denominator)
        )
        if basis == "excl":
            tax = _round_fraction(total * Fraction(key), mode)
        else:
            r = Fraction(key)
            tax = _round_fraction(total * r / (1 + r), mode)
        out[key] = (sub, tax)
    return out


def format_comma(n: int | Decimal) -> str:
    """Digits with thousands commas: ``1,480,000``; negatives with ``-``.

    Examples:
        >>> from decimal import Decimal
        >>> format_comma(1480000), format_comma(-1000), format_comma(Decimal("1234.5"))
        ('1,480,000', '-1,000', '1,234.5')
    """
    f = _exact(n)
    if isinstance(n, Decimal):
        # ',f' never uses an exponent (Decimal('1E+3') → 1,000); no '-0'
        return "0" if f == 0 else f"{n:,f}"
    if isinstance(n, Fraction):
        raise TypeError("format_comma needs int or Decimal, not Fraction")
    return f"{n:,}"


def format_yen(n: int | Decimal, style: str = "prefix", *, negative: str | None = None) -> str:
    """A yen amount as people print it.

    ``prefix`` → ``¥1,480,000`` (negatives ``-¥1,000``); ``suffix`` → ``1,480,000円``
    (negatives ``△1,000円``, the Japanese accounting sign). ``negative`` overrides the
    sign (``-``, ``△``, ``▲``). Every form reads back with ``ledgerkit.parse.amounts.parse_amount``.

    Examples:
        >>> format_yen(1480000), format_yen(1480000, "suffix")
        ('¥1,480,000', '1,480,000円')
        >>> format_yen(-1000), format_yen(-1000, "suffix"), format_yen(-1000, negative="▲")
        ('-¥1,000', '△1,000円', '▲¥1,000')
    """
    if style not in ("prefix", "suffix"):
        raise ValueError(f"style must be 'prefix' or 'suffix', got {style!r}")
    f = _exact(n)
    body = format_comma(-n if f < 0 else n)
    sign = ""
    if f < 0:
        sign = negative if negative is not None else ("-" if style == "prefix" else "△")
    return f"{sign}¥{body}" if style == "prefix" else f"{sign}{body}円"


_DAIJI = {1: "壱", 2: "弐", 3: "参", 4: "四", 5: "伍", 6: "六", 7: "七", 8: "八", 9: "九"}
_SMALL_UNITS = ((1000, "千"), (100, "百"), (10, "拾"), (1, ""))
_BIG_UNITS = ((10**12, "兆"), (10**8, "億"), (10**4, "万"), (1, ""))


def kanji_amount(n: int | Decimal) -> str:
    """The amount in 大字 as written on cheques and receipts: ``金壱百四拾八万円也``.

    Every digit is written, 壱 included (壱百, 壱拾), so a figure cannot be altered;
    0 → ``金零円也``. Whole yen below 1京 only; negatives raise ValueError.

    Examples:
        >>> kanji_amount(1480000), kanji_amount(0), kanji_amount(10010)
        ('金壱百四拾八万円也', '金零円也', '金壱万壱拾円也')
        >>> kanji_amount(1234567890123)
        '金壱兆弐千参百四拾伍億六千七百八拾九万壱百弐拾参円也'
    """
    f = _exact(n)
    if f.denominator != 1:
        raise ValueError(f"kanji_amount needs whole yen, got {n}")
    v = f.numerator
    if v < 0:
        raise ValueError(f"kanji_amount needs a non-negative amount, got {n}")
    if v >= 10**16:
        raise ValueError(f"kanji_amount goes up to 兆, got {n}")
    if v == 0:
        return "金零円也"
    parts = []
    for big, big_name in _BIG_UNITS:
        group, v = divmod(v, big)
        if not group:
            continue
        for small, small_name in _SMALL_UNITS:
            d, group = divmod(group, small)
            if d:
                parts.append(_DAIJI[d] + small_name)
        parts.append(big_name)
    return "金" + "".join(parts) + "円也"


def withholding_tax(amount: int | Decimal, *, kind: str = "general") -> int:
    """源泉徴収税額 on a fee paid to an individual at one time (DOMAIN §4.4), rounded down.

    ``general``: ≤ ¥1,000,000 → 10.21%; above → (A − 1,000,000) × 20.42% + 102,100.
    ``scrivener`` (司法書士・土地家屋調査士): (A − 10,000) × 10.21%, not below 0.

    Examples:
        >>> withholding_tax(300000), 330000 - withholding_tax(300000)
        (30630, 299370)
        >>> withholding_tax(1500000), withholding_tax(123457)
        (204200, 12604)
        >>> withholding_tax(50000, kind="scrivener")
        4084
    """
    a = _exact(amount)
    if a < 0:
        raise ValueError(f"withholding_tax needs a non-negative amount, got {amount}")
    if kind == "general":
        if a <= 1_000_000:
            tax = a * Fraction(1021, 10000)
        else:
            tax = (a - 1_000_000) * Fraction(2042, 10000) + 102_100
    elif kind == "scrivener":
        tax = max(a - 10_000, Fraction(0)) * Fraction(1021, 10000)
    else:
        raise ValueError(f"kind must be 'general' or 'scrivener', got {kind!r}")
    return _round_fraction(tax, "down")
