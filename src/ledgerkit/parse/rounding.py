"""Rounding rules as contracts and settings write them: ``切り捨て``, ``四捨五入``, ``10円未満切捨て``.

A contract list's 単価端数 cell says how the hourly rate is rounded, in words people write
in many orders: ``10円未満切捨て``, ``切捨て(10円単位)``, ``単価は10円未満切り捨て``,
``十円未満切捨``, ``一の位切り捨て``. The step (1, 10, 100 yen …) and the direction
(切捨て / 四捨五入 / 切上げ) are read wherever they stand in the text, kanji numerals too;
anything else in the cell that is not a word of that kind is refused (``ValueError``), so
a cell ledgerkit does not understand becomes a finding naming it, never a silent 1 yen.

Examples:
    >>> parse_mode("切り上げ"), parse_rate_rounding("10円切捨て")
    ('up', (10, 'down'))
    >>> parse_rate_rounding("切り捨て（10円単位）"), parse_rate_rounding("十円未満切捨")
    ((10, 'down'), (10, 'down'))
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["parse_mode", "parse_rate_rounding"]

#: the words of each direction, longest first where one holds another
_MODE_PATTERNS = {
    "down": r"切り?捨て?|切り?下げ?|切捨り|floor|truncate|down",
    "half_up": r"四捨五入|round|half_?up",
    "up": r"切り?上げ?|ceil(?:ing)?|up",
}
_MODE_RE = re.compile("|".join(f"(?P<{m}>{p})" for m, p in _MODE_PATTERNS.items()))

#: a whole cell that says "no rounding" (the rate is exact)
_EXACT = {"", "なし", "無し", "-", "none", "exact", "端数なし", "丸めなし", "処理なし", "端数処理なし", "しない"}

#: kanji numerals a step is written with (十円, 百円, 拾円)
_KANJI_DIGITS = {"一": 1, "壱": 1, "二": 2, "五": 5, "十": 10, "拾": 10, "百": 100, "千": 1000}
_KANJI_STEP = re.compile(r"([一壱二五]?)([十拾百千])?円")
#: "the ones place is dropped" = a 10-yen step; the decimals / below the yen = a 1-yen step
_PLACE_STEPS = {"一の位": 10, "1の位": 10, "十の位": 100, "10の位": 100, "百の位": 1000, "100の位": 1000,
                "小数点以下": 1, "小数点": 1, "小数以下": 1, "小数": 1, "円未満": 1}
_STEP_RE = re.compile(r"(\d{1,5})円(?:未満|単位|以下)?")
#: words that may stand around the step and the direction, and say nothing more
_FILLERS = re.compile(
    r"時間単価|精算単価|超過単価|控除単価|単価|端数処理|端数|処理|丸め|計算|未満|単位|以下|未満を|"
    r"とする|する|にて|で|は|を|の|に|、|,|\.|。|:|;|/|\(|\)|\[|\]|「|」|【|】|・|→"
)


def _key(text: object) -> str:
    return unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "").replace("\u3000", "")


def _modes_in(key: str) -> list[str]:
    """Every direction the text names, in order (a word may repeat)."""
    return [m.lastgroup for m in _MODE_RE.finditer(key) if m.lastgroup]


def parse_mode(text: str | None, default: str = "down") -> str:
    """A rounding mode from English or Japanese words (切捨て, 四捨五入, 切上げ).

    Two different directions in one text (``切上げ・切捨て``) are refused, not guessed.

    Examples:
        >>> parse_mode("切り捨て"), parse_mode("四捨五入"), parse_mode("half_up"), parse_mode(None)
        ('down', 'half_up', 'half_up', 'down')
        >>> parse_mode("端数切り捨て"), parse_mode("ROUND")
        ('down', 'half_up')
    """
    if text is None or str(text).strip() == "":
        return default
    modes = set(_modes_in(_key(text)))
    if len(modes) == 1:
        return modes.pop()
    if len(modes) > 1:
        raise ValueError(f"two roundings in {text!r} (write one of 切捨て, 四捨五入, 切上げ)")
    raise ValueError(f"unknown rounding {text!r} (use 切捨て, 四捨五入 or 切上げ)")


def _kanji_steps(key: str) -> str:
    """``十円`` → ``10円``, ``百円`` → ``100円`` (a step written in kanji numerals)."""

    def digits(m: re.Match) -> str:
        unit, big = m.group(1), m.group(2)
        if not unit and not big:
            return m.group(0)
        value = (_KANJI_DIGITS[unit] if unit else 1) * (_KANJI_DIGITS[big] if big else 1)
        return f"{value}円"

    return _KANJI_STEP.sub(digits, key)


def parse_rate_rounding(text: str | None) -> tuple[int | None, str]:
    """How the hourly rate is rounded: ``(step in yen or None for exact, mode)``.

    The step (``10円``, ``十円``, ``10円単位``, ``10円未満``, ``一の位``) and the direction
    are read wherever they are written; a direction alone rounds to the yen; a blank or
    ``なし`` keeps the rate exact. A step without a direction, two steps or two directions,
    and any other word raise ``ValueError`` (the contract row is then a finding naming the
    cell, never a silent 1-yen rounding).

    Examples:
        >>> parse_rate_rounding("10円切捨て"), parse_rate_rounding("1円未満四捨五入")
        ((10, 'down'), (1, 'half_up'))
        >>> parse_rate_rounding("単価は10円未満切り捨て"), parse_rate_rounding("切捨て(10円単位)")
        ((10, 'down'), (10, 'down'))
        >>> parse_rate_rounding("一の位を切り上げ"), parse_rate_rounding("切り捨て")
        ((10, 'up'), (1, 'down'))
        >>> parse_rate_rounding(""), parse_rate_rounding("なし")
        ((None, 'down'), (None, 'down'))
        >>> parse_rate_rounding("10円単位")
        Traceback (most recent call last):
        ...
        ValueError: rate rounding '10円単位' names no direction (add 切捨て, 四捨五入 or 切上げ)
    """
    if text is None:
        return None, "down"
    key = _key(text)
    if key in _EXACT:
        return None, "down"
    # ¥10 is 10円; 十円 is 10円
    key = _kanji_steps(re.sub(r"[¥\\](\d+)", r"\1円", key.replace(",", "")))
    steps = [int(m.group(1)) for m in _STEP_RE.finditer(key)]
    rest = _STEP_RE.sub(" ", key)
    for word, step in _PLACE_STEPS.items():
        if word in rest:
            steps.append(step)
            rest = rest.replace(word, " ")
    modes = _modes_in(rest)
    rest = _FILLERS.sub(" ", _MODE_RE.sub(" ", rest)).strip()
    if rest:
        raise ValueError(f"rate rounding {text!r}: cannot read {rest.split()[0]!r} (write e.g. 10円未満切捨て)")
    if len(set(steps)) > 1:
        raise ValueError(f"rate rounding {text!r} names two steps ({', '.join(f'{s}円' for s in dict.fromkeys(steps))})")
    if len(set(modes)) > 1:
        raise ValueError(f"rate rounding {text!r} names two directions (write one of 切捨て, 四捨五入, 切上げ)")
    if not modes:
        if not steps:
            raise ValueError(f"unknown rate rounding {text!r} (write e.g. 10円未満切捨て)")
        raise ValueError(f"rate rounding {text!r} names no direction (add 切捨て, 四捨五入 or 切上げ)")
    step = steps[0] if steps else 1
    if step <= 0:
        raise ValueError(f"rate rounding {text!r}: the step must be at least 1 yen")
    return step, modes[0]
