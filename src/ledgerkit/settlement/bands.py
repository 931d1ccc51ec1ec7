"""Time-and-materials settlement (SES / 準委任 精算): the hour band and its rounding rules.

A dispatched or contracted engineer is paid a monthly fee (月額単価) for hours inside a band
(精算幅, e.g. 140–180 h). Below the lower limit the vendor bills less (控除), above the upper
limit more (超過). DOMAIN.md §6.1:

* 上下割 (``updown``): deduction rate = fee ÷ lower, excess rate = fee ÷ upper;
* 中割 (``middle``): fee ÷ the band's midpoint, both ways;
* 固定 (``fixed``): the fee, whatever the hours.

Every figure is computed exactly (``fractions.Fraction``) and rounded only where a rule
says so: the month's hours to the contract's unit (e.g. 15 minutes, down), the hourly rate
to 1 or 10 yen when the contract says so, and the settled amount to the yen.

The rules are plain functions here; :func:`~ledgerkit.settlement.months.settle` applies
them to an attendance frame and a contract list.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Union

from ledgerkit.parse.rounding import parse_mode, parse_rate_rounding  # noqa: F401 (the settlement's rules)

Number = Union[int, Decimal, Fraction, str]


#: settlement methods as shown in reports, (Japanese, English)
METHOD_LABELS = {"updown": ("上下割", "lower/upper"), "middle": ("中割", "midpoint"), "fixed": ("固定", "fixed")}


#: rounding modes, as in ``ledgerkit.core.money.round_yen``
MODES = ("down", "half_up", "up")


#: settlement methods: 上下割, 中割, 固定
METHODS = ("updown", "middle", "fixed")
_METHOD_WORDS = {
    "updown": "updown", "上下割": "updown", "上下割り": "updown", "上下": "updown", "上下精算": "updown",
    "middle": "middle", "中割": "middle", "中割り": "middle", "中間割": "middle", "中央割": "middle",
    "fixed": "fixed", "固定": "fixed", "精算なし": "fixed", "なし": "fixed", "定額": "fixed",
}


def _exact(x: Number | float) -> Fraction:
    """``x`` as an exact fraction (floats go through their shortest repr, so 7.5 is 15/2)."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(Decimal(repr(x)))
    if isinstance(x, str):
        return Fraction(Decimal(unicodedata.normalize("NFKC", x).replace(",", "").strip()))
    return Fraction(x)


def parse_method(text: str | None, default: str = "updown") -> str:
    """A settlement method from 上下割 / 中割 / 固定 (or updown / middle / fixed).

    Examples:
        >>> parse_method("上下割"), parse_method("中割り"), parse_method("固定"), parse_method("")
        ('updown', 'middle', 'fixed', 'updown')
    """
    if text is None or str(text).strip() == "":
        return default
    key = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    if key in _METHOD_WORDS:
        return _METHOD_WORDS[key]
    for word, method in _METHOD_WORDS.items():
        if len(word) > 1 and not word.isascii() and word in key:
            return method
    raise ValueError(f"unknown settlement method {text!r} (use 上下割, 中割 or 固定)")


def parse_unit_minutes(text: Number | float | None, default: int = 15) -> int:
    """The unit monthly hours are rounded to, in minutes: ``15分``, ``0.25h``, ``30``, ``1時間``.

    A bare number is minutes when ≥ 1 and hours when below 1 (``0.25`` = 15 minutes).

    Examples:
        >>> parse_unit_minutes("15分"), parse_unit_minutes("0.5h"), parse_unit_minutes("1時間")
        (15, 30, 60)
        >>> parse_unit_minutes(30), parse_unit_minutes(0.25), parse_unit_minutes(None)
        (30, 15, 15)
    """
    if text is None or (isinstance(text, str) and text.strip() == ""):
        return default
    if isinstance(text, str):
        s = unicodedata.normalize("NFKC", text).strip().lower().replace(" ", "")
        s = s.removesuffix("単位").removesuffix("毎")
        m = re.fullmatch(r"(\d+(?:\.\d+)?)(分|min|minutes?|m|時間|h|hours?)?", s)
        if not m:
            raise ValueError(f"unknown hour unit {text!r} (write e.g. 15分 or 0.25h)")
        value, unit = Fraction(Decimal(m.group(1))), m.group(2)
        if unit in ("時間", "h", "hour", "hours") or (unit is None and value < 1):
            value *= 60
    else:
        value = _exact(text)
        if value < 1:
            value *= 60
    if value.denominator != 1 or value <= 0:
        raise ValueError(f"hour unit {text!r} is not a whole number of minutes")
    return int(value)


def round_step(value: Number | float, step: int = 1, mode: str = "down") -> int:
    """``value`` rounded to a multiple of ``step`` yen; the absolute value is rounded, the sign kept.

    Examples:
        >>> round_step(Fraction(25000, 7), 10), round_step(Fraction(25000, 7), 1, "half_up")
        (3570, 3571)
        >>> round_step(Decimal("-35714.2857"), 1, "down"), round_step(Decimal("32.5"), 1, "half_up")
        (-35714, 33)
    """
    if mode not in MODES:
        raise ValueError(f"unknown rounding mode {mode!r}")
    v = _exact(value)
    sign = -1 if v < 0 else 1
    q = abs(v) / step
    whole, frac = divmod(q.numerator, q.denominator)
    if frac:
        if mode == "up" or (mode == "half_up" and 2 * frac >= q.denominator):
            whole += 1
    return sign * whole * step


def round_minutes(minutes: Number | float, unit: int = 15, mode: str = "down") -> int:
    """A month's worked minutes rounded to the contract's unit (default: down to 15 minutes).

    Examples:
        >>> round_minutes(130 * 60 + 14), round_minutes(130 * 60 + 15), round_minutes(7829, 30)
        (7800, 7815, 7800)
        >>> round_minutes(7829, 30, "half_up")
        7830
    """
    return round_step(minutes, unit, mode)


def band_rates(
    fee: int,
    lower: Number | float | None,
    upper: Number | float | None,
    method: str = "updown",
    *,
    rate_step: int | None = None,
    rate_mode: str = "down",
) -> tuple[Fraction | int | None, Fraction | int | None]:
    """(deduction rate, excess rate) per hour; exact fractions unless ``rate_step`` is given.

    Examples:
        >>> band_rates(500_000, 140, 180)
        (Fraction(25000, 7), Fraction(25000, 9))
        >>> band_rates(500_000, 140, 180, rate_step=10)
        (3570, 2770)
        >>> band_rates(500_000, 140, 180, "middle")
        (Fraction(3125, 1), Fraction(3125, 1))
        >>> band_rates(500_000, None, None, "fixed")
        (None, None)
    """
    if method == "fixed":
        return None, None
    if method not in METHODS:
        raise ValueError(f"unknown settlement method {method!r}")
    if lower is None or upper is None:
        raise ValueError("a band needs both a lower and an upper limit")
    lo, up = _exact(lower), _exact(upper)
    if lo <= 0 or up < lo:
        raise ValueError(f"band {lower}–{upper} h is not a range of hours")
    if method == "middle":
        down = excess = Fraction(fee) / ((lo + up) / 2)
    else:
        down, excess = Fraction(fee) / lo, Fraction(fee) / up
    if rate_step is not None:
        return round_step(down, rate_step, rate_mode), round_step(excess, rate_step, rate_mode)
    return down, excess


@dataclass(frozen=True)
class Settlement:
    """One person-month settled: hours counted, the rate applied and the money."""

    #: worked minutes after the unit rounding
    minutes: int
    #: the hourly rate applied (deduction or excess), None inside the band or for 固定
    rate: Fraction | int | None
    #: amount − fee: negative for a shortfall (控除), positive for excess (超過)
    adjustment: int
    #: the settled amount excluding tax (税抜)
    amount: int
    #: the month's fee: the contract's, or its prorated share (None when not given)
    fee: int | None = None

    @property
    def hours(self) -> Fraction:
        return Fraction(self.minutes, 60)


def settle_month(
    fee: int,
    hours: Number | float,
    lower: Number | float | None = None,
    upper: Number | float | None = None,
    method: str = "updown",
    *,
    unit_minutes: int = 15,
    hours_rounding: str = "down",
    rate_step: int | None = None,
    rate_mode: str = "down",
    amount_rounding: str = "down",
    share: Number | float = 1,
) -> Settlement:
    """Settle one month: the fee adjusted by the hours outside the band.

    ``hours`` is the month's actual total; it is first rounded to ``unit_minutes``
    (``hours_rounding``). The rate is exact unless ``rate_step`` (1 or 10 yen) is given;
    the amount is rounded to the yen with ``amount_rounding``.

    ``share`` prorates a partial month (日割り, e.g. 11/21 business days): the fee and the band
    are multiplied by it, the hourly rates stay the contract's; ``adjustment`` is from that fee.

    Examples (DOMAIN.md §6.1: ¥500,000, 140–180 h):
        >>> settle_month(500_000, 130, 140, 180).amount
        464285
        >>> settle_month(500_000, 130, 140, 180, amount_rounding="half_up").amount
        464286
        >>> settle_month(500_000, 130, 140, 180, rate_step=10).amount
        464300
        >>> s = settle_month(500_000, 190, 140, 180)
        >>> s.amount, s.adjustment
        (527777, 27777)
        >>> settle_month(500_000, 190, 140, 180, amount_rounding="half_up").amount
        527778
        >>> settle_month(500_000, 190, 140, 180, rate_step=10).amount
        527700
        >>> settle_month(500_000, 160, 140, 180).amount   # inside the band: the fee
        500000

        中割 uses 500,000 ÷ 160 = 3,125 yen an hour both ways:
        >>> s = settle_month(500_000, 130, 140, 180, "middle")
        >>> s.rate, s.amount
        (Fraction(3125, 1), 468750)
        >>> settle_month(500_000, 190, 140, 180, "middle").amount
        531250

        Hours are rounded to the unit first (139 h 50 min → 139 h 45 min with 15 minutes, down):
        >>> s = settle_month(500_000, Fraction(139 * 60 + 50, 60), 140, 180, rate_step=10)
        >>> s.hours, s.adjustment, settle_month(400_000, 200, method="fixed").amount
        (Fraction(559, 4), -893, 400000)

        A contract from 10/16 (11 of October 2026's 21 business days), 88 h worked:
        >>> s = settle_month(600_000, 88, 140, 180, share=Fraction(11, 21))
        >>> s.amount, s.adjustment, s.fee
        (314285, 0, 314285)
    """
    if mode_bad := {hours_rounding, rate_mode, amount_rounding} - set(MODES):
        raise ValueError(f"unknown rounding mode {sorted(mode_bad)[0]!r}")
    share = _exact(share)
    minutes = round_minutes(_exact(hours) * 60, unit_minutes, hours_rounding)
    if minutes < 0:
        raise ValueError("hours cannot be negative")
    down, excess = band_rates(fee, lower, upper, method, rate_step=rate_step, rate_mode=rate_mode)
    worked = Fraction(minutes, 60)
    if not 0 <= share <= 1:
        raise ValueError("the share of a month must be between 0 and 1")
    rate = None
    month_fee = Fraction(fee) * share
    exact_amount = month_fee
    if method != "fixed":
        lo, up = _exact(lower) * share, _exact(upper) * share
        if worked < lo:
            rate = down
            exact_amount = month_fee - down * (lo - worked)
        elif worked > up:
            rate = excess
            exact_amount = month_fee + excess * (worked - up)
    amount, fee_due = round_step(exact_amount, 1, amount_rounding), round_step(month_fee, 1, amount_rounding)
    return Settlement(minutes=minutes, rate=rate, adjustment=amount - fee_due, amount=amount, fee=fee_due)


def tax_on(amount: int, rate: Number | float = Decimal("0.10"), mode: str = "down") -> int:
    """Consumption tax on a tax-excluded amount, rounded once (DOMAIN.md §4.2).

    Examples:
        >>> tax_on(464_285), tax_on(464_285, mode="half_up"), tax_on(527_700)
        (46428, 46429, 52770)
    """
    return round_step(Fraction(amount) * _exact(rate), 1, mode)
