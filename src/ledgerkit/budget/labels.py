"""What a budget sheet's labels say: totals (合計, 年間計, 上期計 …), units (千円, 百万円), project keys."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from ledgerkit.parse.text import is_total_label, normalize_text

_UNITS = {"円": 1, "千円": 1000, "万円": 10_000, "百万円": 1_000_000}
_UNIT_LABELLED = re.compile(r"(?:単位|unit)\s*[:：]?\s*[\(（]?\s*(百万円|千円|万円|円)", re.IGNORECASE)
_UNIT_BRACKETED = re.compile(r"[\(（\[【]\s*(百万円|千円|万円|円)\s*[\)）\]】]")
_UNIT_ALONE = re.compile(r"^(百万円|千円|万円)$")
_BUDGET_TOTAL = re.compile(
    r"(?:年間|年度|通期|通年|上期|下期|上半期|下半期|半期|第?[1-4一二三四]四半期|[1-4]q|q[1-4])"
    r"(?:合計|小計|計|累計|予算|予算計)?"
)
_ANNUAL_TOTAL = re.compile(r"(?:年間|年度|通期|通年)(?:合計|計|予算)?|合計|総計|計|予算計|年間予算|total|grandtotal")


# a cell that carries its own unit: 1,000円, 500千円, 1.2万
_OWN_UNIT = re.compile(r"\d\s*(?:円|[千百万億]|百万)")
_BUDGET_WORDS = re.compile(r"予算|計画|budget|plan", re.IGNORECASE)


def _show(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _yen_text(n: int) -> str:
    return f"{n:,}"


def _is_total(text: Any) -> bool:
    if not isinstance(text, str) or not text.strip():
        return False
    if is_total_label(text):
        return True
    key = normalize_text(text).casefold().replace(" ", "")
    key = re.sub(r"[\[\]【】()（）:：]", "", key)
    return bool(_BUDGET_TOTAL.fullmatch(key))


_ITEM_TOTAL = re.compile(r".+[^設会統時]計")


def _is_item_total(text: Any) -> bool:
    """A 費目 cell that sums the rows above (``外注費計``, ``人件費計``), not 設計 or 会計.

    Examples:
        >>> _is_item_total("外注費計"), _is_item_total("基本設計"), _is_item_total("会計"), _is_item_total("人件費")
        (True, False, False, False)
    """
    if not isinstance(text, str):
        return False
    return bool(_ITEM_TOTAL.fullmatch(normalize_text(text).replace(" ", "")))


def _is_annual_total(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    key = normalize_text(text).casefold().replace(" ", "")
    key = _UNIT_BRACKETED.sub("", key)
    key = re.sub(r"[\[\]【】()（）:：]", "", key)
    return bool(_ANNUAL_TOTAL.fullmatch(key))


def _unit_of(texts: Iterable[str]) -> set[str]:
    found = set()
    for t in texts:
        s = normalize_text(t)
        for rx in (_UNIT_LABELLED, _UNIT_BRACKETED, _UNIT_ALONE):
            for m in rx.finditer(s):
                found.add(m.group(1))
    return found


@functools.lru_cache(maxsize=65536)
def _project_key(v: Any) -> str:
    return normalize_text(v).casefold()
