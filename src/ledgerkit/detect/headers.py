"""Header cells: the form texts are compared in, synonyms to canonical fields, header rows.

A header may be merged over two rows (工数 over 予定 | 実績) or written over two lines
(Alt+Enter); a label and its value (氏名 | 山田) above the header is not a header row.

Examples:
    >>> Synonyms({"person": ["氏名"]}).match("氏　名")
    'person'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, NamedTuple

from ledgerkit.intake.cells import is_empty

__all__ = ["HEADER_SCAN_ROWS", "MAX_HEADER_CHARS", "header_key", "Synonyms", "Claim", "EXACT", "UNIT",
           "Contest", "best_columns"]

#: how many rows from the top are searched for a header
HEADER_SCAN_ROWS = 40
#: a cell longer than this is never a header or a label
MAX_HEADER_CHARS = 200

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"[\(\[（【<＜][^\)\]）】>＞]*[\)\]）】>＞]")


def header_key(value: Any) -> str:
    """The form header texts are compared in: NFKC, lower case, no spaces or marks.

    Examples:
        >>> header_key(" 氏　名 ")
        '氏名'
        >>> header_key("工数（Ｈ）")
        '工数(h)'
    """
    if value is None:
        return ""
    text = str(value)
    if len(text) > MAX_HEADER_CHARS:
        # no header is this long; a cell of megabytes must not cost seconds per look
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACE.sub("", text)
    return text.strip(":：*※").strip()


def _relaxed(key: str) -> str:
    """The key without bracketed units: ``工数(h)`` → ``工数``."""
    return _BRACKETED.sub("", key).strip()


#: what a header's bracket may say that makes it another column than the synonym before it: its
#: reading (氏名(フリガナ) holds no name to match on); and the other tax basis (単価(税込) is not the
#: 単価(税抜) a synonym names, see Synonyms._same_column)
_NOT_THE_SAME = {"ふりがな", "フリガナ", "かな", "カナ", "よみ", "ヨミ", "読み", "よみがな", "ヨミガナ"}
_BASES = ("税込", "税抜", "税別", "内税", "外税")

#: how well a header names a field: the whole header is one of its synonyms, or is one once a unit
#: in brackets is taken off the header (工数(h) for 工数) or off the synonym (工数 for 工数(h))
EXACT, UNIT = 3, 2


class Claim(NamedTuple):
    """A header's field and how well it names it (:data:`EXACT` or :data:`UNIT`)."""

    field: str
    quality: int


class Synonyms:
    """Header text → canonical field, through the synonym lists.

    A header names a field when the **whole** header is one of the field's synonyms, or is
    one once a unit in brackets is taken off either of them (``工数(h)``/``工数``, ``金額(円)``
    /``金額``), never because they share a part (``対象`` of 課税対象額 in 対象者,
    ``単価(税抜)`` in 単価(税込)).

    Examples:
        >>> s = Synonyms({"person": ["氏名", "担当者"], "hours": ["工数(h)", "時間"]})
        >>> s.match("担当者"), s.match("工数（ｈ）"), s.match("時間(h)"), s.match("工数"), s.match("備考")
        ('person', 'hours', 'hours', 'hours', None)
        >>> s.claim("氏名"), s.claim("氏名(漢字)"), s.match("氏名(フリガナ)"), s.match("担当")
        (Claim(field='person', quality=3), Claim(field='person', quality=2), None, None)
    """

    def __init__(self, fields: Mapping[str, Iterable[str]]):
        self.exact: dict[str, str] = {}
        #: a synonym with a unit in brackets, by its key without it (工数(h) → 工数)
        self.bare: dict[str, str] = {}
        #: the brackets each synonym's bare key is written with, per field (単価 → {税抜})
        self._brackets: dict[tuple[str, str], set[str]] = {}
        for name, words in fields.items():
            for word in [name, *words]:
                key = header_key(word)
                self.exact.setdefault(key, name)
                bare = _relaxed(key)
                if bare and bare != key:
                    self.bare.setdefault(bare, name)
                    self._brackets.setdefault((name, bare), set()).update(_bracket_words(key))
        #: each text's claim, judged once (the lists never change after this)
        self._claims: dict[str, Claim | None] = {}

    @classmethod
    def of(cls, fields: Mapping[str, Iterable[str]]) -> "Synonyms":
        """The Synonyms of ``fields``, made once per process for the same lists (issue 17: a worker
        reading 500 small files built the same lookup 500 times, and judged the same headers again).

        Examples:
            >>> Synonyms.of({"person": ["氏名"]}) is Synonyms.of({"person": ["氏名"]})
            True
        """
        key = tuple((name, tuple(words)) for name, words in fields.items())
        made = _MADE.get(key)
        if made is None:
            if len(_MADE) >= _MADE_MAX:
                _MADE.clear()
            made = _MADE[key] = cls(fields)
        return made

    def match(self, value: Any) -> str | None:
        hit = self.claim(value)
        return hit.field if hit else None

    def claim(self, value: Any) -> Claim | None:
        """The field ``value`` names and how well (:class:`Claim`), or None."""
        if not isinstance(value, str) or len(value) > MAX_HEADER_CHARS:
            return None  # no header is this long (header_key gives "")
        if value in self._claims:
            return self._claims[value]
        if len(self._claims) >= _CLAIMS_MAX:
            self._claims.clear()
        hit = self._claims[value] = self._claim(value)
        return hit

    def _claim(self, value: str) -> Claim | None:
        key = header_key(value)
        if not key:
            return None
        hit = self.exact.get(key)
        if hit is not None:
            return Claim(hit, EXACT)
        bare = _relaxed(key)
        if not bare:
            return None
        if bare == key:
            # the header leaves out the unit a synonym writes: 工数 for 工数(h)
            hit = self.bare.get(key)
            return Claim(hit, UNIT) if hit else None
        hit = self.exact.get(bare)
        if hit is None or not self._same_column(hit, bare, _bracket_words(key)):
            return None
        # a unit the synonym leaves out: 工数(h) for 工数, 金額(円) for 金額
        return Claim(hit, UNIT)

    def _same_column(self, field: str, bare: str, words: set[str]) -> bool:
        """Whether a header ``bare`` + brackets ``words`` is still the column the synonym ``bare`` names."""
        if any(w in _NOT_THE_SAME and self.exact.get(w) != field for w in words):
            return False
        basis = {w for w in words if w in _BASES}
        written = {w for w in self._brackets.get((field, bare), set()) if w in _BASES}
        # 単価(税込) is not the 単価(税抜) a synonym names
        return not (basis and written and not basis & written)


#: Synonyms made by :meth:`Synonyms.of`, by their lists; and how many texts' claims each keeps
_MADE: dict[tuple, Synonyms] = {}
_MADE_MAX = 32
_CLAIMS_MAX = 50_000


def _bracket_words(key: str) -> set[str]:
    """The texts in brackets of a header key: ``単価(税抜)`` → {'税抜'}."""
    return {m.group(0)[1:-1].strip() for m in _BRACKETED.finditer(key)}


@dataclass(frozen=True)
class Contest:
    """Several columns of one header claim ``field``: ``winner`` is read, ``losers`` are not.

    ``reason`` is ``"exact"`` when the winner's header is a whole synonym and the others only
    with a unit dropped, ``"left"`` when they claim it as well as each other (the first wins).
    """

    field: str
    winner: int
    losers: tuple[int, ...]
    reason: str


def best_columns(headers: Mapping[int, Any], syn: Synonyms) -> tuple[dict[str, int], list[Contest]]:
    """Field → column of a header row (column → header text), and where columns contested a field.

    Where several columns claim one field the better claim wins (a whole synonym over one with
    a unit dropped), then the leftmost.

    Examples:
        >>> syn = Synonyms({"vendor": ["取引先", "取引先名"], "hours": ["工数"]})
        >>> best_columns({0: "工数(h)", 1: "取引先名", 2: "工数", 3: "取引先"}, syn)
        ({'hours': 2, 'vendor': 1}, [Contest(field='hours', winner=2, losers=(0,), reason='exact'), \
Contest(field='vendor', winner=1, losers=(3,), reason='left')])
    """
    claims: dict[str, list[tuple[int, int]]] = {}
    for c in sorted(headers):
        hit = syn.claim(headers[c])
        if hit:
            claims.setdefault(hit.field, []).append((c, hit.quality))
    mapping: dict[str, int] = {}
    contests: list[Contest] = []
    for f, cols in claims.items():
        win, quality = max(cols, key=lambda cq: (cq[1], -cq[0]))
        mapping[f] = win
        if len(cols) > 1:
            reason = "exact" if all(q < quality for c, q in cols if c != win) else "left"
            contests.append(Contest(f, win, tuple(c for c, _ in cols if c != win), reason))
    return mapping, contests


def _text(value: Any) -> str:
    return "" if is_empty(value) else _one_line(str(value))


_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _one_line(text: str) -> str:
    """A header written over two lines (Alt+Enter) as one: 作業\\n時間 → 作業時間.

    Examples:
        >>> _one_line(" 作業\\n時間 "), _one_line("Work\\nDate"), _one_line("税抜\\n(10%)")
        ('作業時間', 'Work Date', '税抜 (10%)')
    """
    text = text.strip()
    if "\n" not in text and "\r" not in text:
        return text

    def join(m: re.Match) -> str:
        before, after = text[m.start() - 1], text[m.end()]
        return "" if not before.isascii() and not after.isascii() else " "

    return _LINE_BREAK.sub(join, text)


def _header_candidates(rows, r, syn: Synonyms):
    """(mapping, names) for row r alone and rows r..r+1 as a two-row header."""
    row = rows[r]
    single_names = {c: _one_line(v) for c, v in enumerate(row) if isinstance(v, str) and v.strip()}
    single_map, _ = best_columns({c: row[c] for c in single_names}, syn)
    yield 1, single_map, single_names, 2 * len(single_map)
    if r + 1 >= len(rows):
        return
    below = rows[r + 1]
    if not single_map:
        # a title row above the header is not a first header row
        return
    double_names: dict[int, str] = {}
    # field -> (strength, quality, -col): a child's own match beats its group label's
    # (工数 over 予定/実績: 実績 is the hours, not 予定), then a whole synonym a unit dropped
    best: dict[str, tuple[int, int, int]] = {}
    width = max(len(row), len(below))
    for c in range(width):
        parent = _text(row[c]) if c < len(row) else ""
        child = _text(below[c]) if c < len(below) else ""
        if not parent and not child:
            continue
        if child and not isinstance(below[c], str):
            # a number or date below a header is data, not a second header row
            return
        hit, strength = None, 0
        if child:
            hit = syn.claim(child) or (syn.claim(parent + child) if parent else None)
            strength = 3 if hit else 0
        if hit is None and parent:
            hit = syn.claim(parent)
            strength = 2 if not child else 1
        name = child or parent
        if child and parent and child != parent:
            # the whole heading, also for a child that matched alone: a finding on 実績 must say
            # which 実績 (工数 実績, not 予算 実績)
            name = f"{parent} {child}"
        double_names[c] = name
        if hit and (hit.field not in best or (strength, hit.quality, -c) > best[hit.field]):
            best[hit.field] = (strength, hit.quality, -c)
    double_map = {f: -neg_c for f, (_, _, neg_c) in best.items()}
    if _label_row_above(row, below, double_map, syn):
        return
    yield 2, double_map, double_names, sum(st for st, _, _ in best.values())


def _label_row_above(row: list[Any], below: list[Any], double_map: dict[str, int], syn: Synonyms) -> bool:
    """Whether ``row`` is a label and its value (氏名 | 山田) right above the header ``below``.

    Either a name label (氏名, 社員番号) has a value beside it that is no header text,
    or the row adds nothing to the header below (every field is found in ``below``
    alone) and holds a cell that is no header text (山田). Read as a two-row header it
    would hide the 氏名 cell from the rows above the table.
    """
    # 氏名 | 森田 over 年 | 月 | 日: a name label with its value beside it is never a header
    for c, v in enumerate(row):
        if syn.match(v) not in ("person", "person_id"):
            continue
        label = _text(v)
        right = next((w for w in row[c + 1 : c + 4] if not is_empty(w) and _text(w) != label), None)
        if right is not None and syn.match(right) is None and _text(right) not in ("", label):
            return True
    alone: dict[str, int] = {}
    for c, v in enumerate(below):
        f = syn.match(v)
        if f and f not in alone:
            alone[f] = c
    if alone != double_map:
        return False
    for c, v in enumerate(row):
        if is_empty(v):
            continue
        child = below[c] if c < len(below) else ""
        if syn.match(v) is None and _text(v) != _text(child):
            return True
    return False
