"""Rounding rules as contracts and settings write them: ``切り捨て``, ``四捨五入``, ``10円未満切捨て``.

Examples:
    >>> parse_mode("切り上げ"), parse_rate_rounding("10円切捨て")
    ('up', (10, 'down'))
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["parse_mode", "parse_rate_rounding"]

_MODE_WORDS = {
    "down": "down", "floor": "down", "truncate": "down", "切捨": "down", "切捨て": "down",
    "切り捨て": "down", "切り捨": "down", "切捨り": "down",
    "half_up": "half_up", "round": "half_up", "四捨五入": "half_up",
    "up": "up", "ceil": "up", "切上": "up", "切上げ": "up", "切り上げ": "up", "切り上": "up",
}


def parse_mode(text: str | None, default: str = "down") -> str:
    """A rounding mode from English or Japanese words (切捨て, 四捨五入, 切上げ).

    Examples:
        >>> parse_mode("切り捨て"), parse_mode("四捨五入"), parse_mode("half_up"), parse_mode(None)
        ('down', 'half_up', 'half_up', 'down')
    """
    if text is None or str(text).strip() == "":
        return default
    key = unicodedata.normalize("NFKC", str(text)).strip().lower().replace(" ", "")
    if key in _MODE_WORDS:
        return _MODE_WORDS[key]
    for word, mode in _MODE_WORDS.items():
        if len(word) > 1 and word in key and not word.isascii():
            return mode
    raise ValueError(f"unknown rounding {text!r} (use 切捨て, 四捨五入 or 切上げ)")


def parse_rate_rounding(text: str | None) -> tuple[int | None, str]:
    """How the hourly rate is rounded: ``(step in yen or None for exact, mode)``.

    Examples:
        >>> parse_rate_rounding("10円切捨て"), parse_rate_rounding("1円未満四捨五入")
        ((10, 'down'), (1, 'half_up'))
        >>> parse_rate_rounding(""), parse_rate_rounding("なし")
        ((None, 'down'), (None, 'down'))
    """
    if text is None or str(text).strip() in ("", "なし", "無し", "-", "none", "exact", "端数なし"):
        return None, "down"
    s = unicodedata.normalize("NFKC", str(text)).strip().replace(",", "").replace(" ", "")
    m = re.match(r"(\d+)円", s)
    step = int(m.group(1)) if m else 1
    rest = s[m.end():] if m else s
    rest = rest.removeprefix("未満").removeprefix("単位").removeprefix("で")
    return step, parse_mode(rest or None, "down")
