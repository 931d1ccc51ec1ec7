"""Cells of a master list: a yes/no flag (``○`` / ``×`` / ``対象`` / ``対象外``), a kind of
deal (``製造委託`` / ``役務提供委託``), a head count (``120名``).

Examples:
    >>> parse_yes_no("○"), parse_yes_no("対象外"), parse_yes_no("")
    (True, False, None)
    >>> parse_deal("役務提供委託"), parse_count("1,200名")
    ('services', 1200)
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ledgerkit.parse.text import _PLACEHOLDERS, CellValueError, normalize_text

__all__ = ["parse_yes_no", "parse_deal", "parse_count"]

_YES = {"○", "〇", "◯", "◎", "●", "✓", "✔", "レ", "対象", "該当", "はい", "有", "あり", "yes", "y", "true", "1", "済",
        "適用", "対象内", "covered"}
_NO = {"×", "✕", "✗", "x", "対象外", "非対象", "非該当", "該当なし", "いいえ", "無", "なし", "no", "n", "false", "0",
       "適用外", "不要", "not covered", "notcovered"}
_UNKNOWN = {"?", "?", "不明", "未確認", "確認中", "要確認", "unknown", "△"}


def parse_yes_no(v: Any) -> bool | None:
    """A yes/no cell: True, False, or None for a blank or a cell that says it is not known.

    Examples:
        >>> parse_yes_no(True), parse_yes_no("はい"), parse_yes_no("×"), parse_yes_no("不明"), parse_yes_no(1)
        (True, True, False, None, True)
        >>> parse_yes_no("たぶん")
        Traceback (most recent call last):
        ...
        ledgerkit.parse.text.CellValueError: ○ / × (対象 / 対象外) として読めません
    """
    if v is None:
        return None
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float, Decimal)):
        if v in (0, 1):
            return bool(v)
        raise CellValueError("○ / × (対象 / 対象外) として読めません", v)
    key = normalize_text(v).strip().lower().replace(" ", "")
    if key in _PLACEHOLDERS or key in _UNKNOWN:
        return None
    if key in _YES:
        return True
    if key in _NO:
        return False
    raise CellValueError("○ / × (対象 / 対象外) として読めません", v)


#: words of each kind of deal (DOMAIN.md §2.2): 製造・修理 and the programs, transport, storage and
#: information processing grouped with them; other information products and services
_DEALS = {
    "manufacturing": ("製造委託", "修理委託", "製造", "修理", "プログラム", "運送", "倉庫", "情報処理", "manufacturing"),
    "services": ("役務提供委託", "役務", "サービス", "services", "service"),
}


def parse_deal(v: Any) -> str:
    """The kind of deal a cell names: ``manufacturing`` or ``services``; ``""`` for a blank.

    Examples:
        >>> parse_deal("製造委託"), parse_deal("役務提供委託"), parse_deal(""), parse_deal("プログラム作成")
        ('manufacturing', 'services', '', 'manufacturing')
    """
    if v is None or isinstance(v, bool):
        if isinstance(v, bool):
            raise CellValueError("取引区分として読めません (製造委託・役務提供委託)", v)
        return ""
    key = normalize_text(v).strip().lower()
    if key == "" or key in _PLACEHOLDERS:
        return ""
    found = {kind for kind, words in _DEALS.items() if any(w in key for w in words)}
    if len(found) == 1:
        return found.pop()
    raise CellValueError("取引区分として読めません (製造委託・役務提供委託)", v)


_COUNT_RE = re.compile(r"(\d{1,9})(?:名|人|people|persons?)?")


def parse_count(v: Any) -> int | None:
    """A head count: ``120``, ``120名``, ``1,200人``; None for a blank.

    Examples:
        >>> parse_count("120名"), parse_count(45.0), parse_count("")
        (120, 45, None)
    """
    if v is None:
        return None
    if isinstance(v, bool):
        raise CellValueError("人数として読めません", v)
    if isinstance(v, (int, float, Decimal)):
        if v != int(v) or v < 0:
            raise CellValueError("人数として読めません", v)
        return int(v)
    key = normalize_text(v).strip().replace(",", "").replace(" ", "")
    if key == "" or key in _PLACEHOLDERS:
        return None
    m = _COUNT_RE.fullmatch(key)
    if m is None:
        raise CellValueError("人数として読めません", v)
    return int(m.group(1))
