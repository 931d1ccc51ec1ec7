"""Text cells: Japanese-aware normalization, blanks and placeholders, total labels.

Every cell parser of ``ledgerkit.parse`` (DOMAIN §7) takes one cell value as the reader
delivers it ('' for empty, str, int, float, bool, datetime/date/time/timedelta, or None)
and returns a Python value, ``None`` for a blank (or a placeholder such as ``-`` / ``―``),
or raises :class:`CellValueError` with a short reason a person can act on. They never
raise anything else, so a pipeline can turn every failure into an Issue with the cell's
place. This module holds what they all share: the error, the plain-value coercion of
numpy/pandas scalars, :func:`normalize_text` and the placeholders.

They run on every cell, so plain numbers and plain digit strings take a fast path and
all regular expressions are compiled once.

Examples:
    >>> normalize_text("　ＡＢＣ　１２３ ")
    'ABC 123'
    >>> is_total_label("合　計"), is_blank("―")
    (True, True)
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import Decimal

__all__ = ["CellValueError", "normalize_text", "normalize_name", "is_blank", "is_total_label"]


class CellValueError(ValueError):
    """A cell value that cannot be read as what the column expects.

    ``reason`` is a short Japanese phrase (e.g. ``時間として読めません``) for the Issues
    sheet; ``value`` is the cell value as given.
    """

    def __init__(self, reason: str, value: object = None):
        self.reason = reason
        self.value = value
        super().__init__(reason)


# --- foreign scalars ------------------------------------------------------------------

_PLAIN_TYPES = frozenset({str, int, float, bool, Decimal, _dt.datetime, _dt.date, _dt.time, _dt.timedelta, type(None)})


def _plain(v: object) -> object:
    """numpy and pandas scalars as plain Python values; pandas' NA and NaT as None.

    Values that come through a DataFrame are numpy/pandas scalars; the parsers treat
    them like the reader's plain values.
    """
    t = type(v)
    if t in _PLAIN_TYPES:
        return v
    name, module = t.__name__, t.__module__
    if name in ("NAType", "NaTType"):
        return None
    if module.startswith("numpy") and hasattr(v, "item"):
        try:
            return v.item()  # type: ignore[attr-defined]
        except (TypeError, ValueError):  # pragma: no cover - exotic numpy values
            return v
    if module.startswith("pandas"):
        if isinstance(v, _dt.datetime) and hasattr(v, "to_pydatetime"):
            return v.to_pydatetime()  # type: ignore[attr-defined]
        if isinstance(v, _dt.timedelta) and hasattr(v, "to_pytimedelta"):
            return v.to_pytimedelta()  # type: ignore[attr-defined]
    return v


# --- text -----------------------------------------------------------------------------

# Minus-like signs NFKC leaves alone (U+2212 minus, U+2010 hyphen, U+2011 non-breaking
# hyphen, U+2012 figure dash, U+2013 en dash). U+FE63 and U+FF0D become '-' under NFKC.
# 'ー' (U+30FC, katakana long vowel) is a letter and is never touched.
_MINUS_TABLE = str.maketrans(
    {
        "\u2212": "-",
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\ufe63": "-",
        "\uff0d": "-",
        # zero-width characters that sneak in from web pages and CSV exports
        "\u200b": None,
        "\ufeff": None,
        "\u2060": None,
        # … and the other invisible ones (joiners, direction marks, soft hyphen): one person
        # typed with and without them is still one person
        "\u200c": None,
        "\u200d": None,
        "\u200e": None,
        "\u200f": None,
        "\u00ad": None,
        "\u180e": None,
        **dict.fromkeys(range(0x202A, 0x202F), None),
        **dict.fromkeys(range(0x2061, 0x206A), None),
    }
)
_WS_RE = re.compile(r"\s+")


def normalize_text(v: object) -> str:
    """``str(v)`` in NFKC, minus signs as ``-``, spaces trimmed and collapsed.

    ``None`` and float NaN become ``''``. Full-width letters, digits and spaces become
    ASCII; half-width katakana become full-width; ``ー`` is kept.

    Examples:
        >>> normalize_text("　ＡＢＣ　１２３ ")
        'ABC 123'
        >>> normalize_text("−1,000"), normalize_text("コーヒー")
        ('-1,000', 'コーヒー')
        >>> normalize_text("ｶﾌﾞｼｷｶﾞｲｼｬ  ﾃｽﾄ")
        'カブシキガイシャ テスト'
    """
    if v.__class__ is str:
        s = v
    else:
        v = _plain(v)
        if v is None or (isinstance(v, float) and v != v):
            return ""
        s = str(v)
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s).translate(_MINUS_TABLE)
    return _WS_RE.sub(" ", s).strip()


_NAME_SPACE_RE = re.compile(r"(?<=[^\x00-\x7f]) (?=[^\x00-\x7f])")


def normalize_name(v: object) -> str:
    """A person's name for matching: :func:`normalize_text`, then no spaces between
    Japanese characters (Latin names keep theirs).

    Variant kanji (髙, 﨑) are kept as written.

    Examples:
        >>> normalize_name("山田　太郎"), normalize_name(" 山田 太郎 ")
        ('山田太郎', '山田太郎')
        >>> normalize_name("John  Smith")
        'John Smith'
    """
    s = normalize_text(v)
    if " " in s and not s.isascii():
        s = _NAME_SPACE_RE.sub("", s)
    return s


#: text that means "nothing here" in a number or date cell
_PLACEHOLDERS = frozenset({"", "-", "--", "---", "―", "――", "—", "——", "ー", "~"})


def is_blank(v: object) -> bool:
    """True for None, NaN, '' and placeholder dashes (``-``, ``―``, ``—``).

    Examples:
        >>> is_blank("　"), is_blank("―"), is_blank(0)
        (True, True, False)
    """
    v = _plain(v)
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    if isinstance(v, str):
        return normalize_text(v) in _PLACEHOLDERS
    return False

# --- total labels ---------------------------------------------------------------------

_TOTAL_RE = re.compile(
    r"(?:月|年|週|日|総|総合|上期|下期|通期|半期|期間|部門|部|課|案件|小|中)?"
    r"(?:合計|小計|総計|累計|中計|計)"
    r"(?:時間|金額|工数|額|値)?"
    r"|(?:sub|grand)?totals?(?:hours|amount)?",
)
_BRACKETS = "()[]{}【】〔〕〈〉《》「」『』<>:・*#=-_■□●○◆◇▼▽★☆"
_BRACKET_STRIP = str.maketrans({c: None for c in _BRACKETS + " "})
_BRACKETED_RE = re.compile(r"[(\[【〔〈《「『<][^)\]】〕〉》」』>]*[)\]】〕〉》」』>]")


def is_total_label(v: object) -> bool:
    """True when the cell text IS a total label (合計, 小計, 総計, 計, 合　計, 【合計】, 月合計,
    合計時間, 総合計, 累計, Total, Sub Total, Grand Total), not text that merely contains 計
    (会計システム, 設計, 計画 are not totals).

    Examples:
        >>> is_total_label("合　計"), is_total_label("【合計】"), is_total_label("Sub Total:")
        (True, True, True)
        >>> is_total_label("会計システム"), is_total_label("設計"), is_total_label(123)
        (False, False, False)
    """
    if not isinstance(v, str) or not v:
        return False
    # each distinct text judged once per process (every sheet's label columns ask again)
    hit = _TOTAL_SEEN.get(v)
    if hit is None:
        if len(_TOTAL_SEEN) >= _SEEN_LIMIT:
            _TOTAL_SEEN.clear()
        hit = _TOTAL_SEEN[v] = _is_total_text(v)
    return hit


_TOTAL_SEEN: dict[str, bool] = {}
_SEEN_LIMIT = 100_000


def _is_total_text(v: str) -> bool:
    s = normalize_text(v)
    if not s or len(s) > 40:
        return False
    s = s.casefold()
    if _TOTAL_RE.fullmatch(s.translate(_BRACKET_STRIP)):
        return True
    # 小計(10%対象), 合計 (時間): a total label with a qualifier in brackets
    inner = _BRACKETED_RE.sub("", s)
    return inner != s and bool(_TOTAL_RE.fullmatch(inner.translate(_BRACKET_STRIP)))
