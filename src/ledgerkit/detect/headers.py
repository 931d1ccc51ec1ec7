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
from typing import Any, Iterable, Mapping

from ledgerkit.intake.cells import is_empty

__all__ = ["HEADER_SCAN_ROWS", "MAX_HEADER_CHARS", "header_key", "Synonyms"]

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


class Synonyms:
    """Header text → canonical field, through the synonym lists.

    Examples:
        >>> s = Synonyms({"person": ["氏名", "担当者"], "hours": ["工数(h)", "時間"]})
        >>> s.match("担当者"), s.match("工数（ｈ）"), s.match("時間(h)"), s.match("備考")
        ('person', 'hours', 'hours', None)
    """

    def __init__(self, fields: Mapping[str, Iterable[str]]):
        self.exact: dict[str, str] = {}
        self.relaxed: dict[str, str] = {}
        for name, words in fields.items():
            for word in [name, *words]:
                key = header_key(word)
                self.exact.setdefault(key, name)
                self.relaxed.setdefault(_relaxed(key), name)

    def match(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        key = header_key(value)
        if not key:
            return None
        hit = self.exact.get(key)
        if hit is None:
            relaxed = _relaxed(key)
            hit = self.exact.get(relaxed) or (self.relaxed.get(relaxed) if relaxed else None)
        return hit


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
    single_map: dict[str, int] = {}
    single_names: dict[int, str] = {}
    for c, v in enumerate(row):
        if isinstance(v, str) and v.strip():
            single_names[c] = _one_line(v)
            f = syn.match(v)
            if f and f not in single_map:
                single_map[f] = c
    yield 1, single_map, single_names, 2 * len(single_map)
    if r + 1 >= len(rows):
        return
    below = rows[r + 1]
    if not single_map:
        # a title row above the header is not a first header row
        return
    double_names: dict[int, str] = {}
    # field -> (strength, -col): a child's own match beats its group label's
    # (工数 over 予定/実績: 実績 is the hours, not 予定)
    best: dict[str, tuple[int, int]] = {}
    width = max(len(row), len(below))
    for c in range(width):
        parent = _text(row[c]) if c < len(row) else ""
        child = _text(below[c]) if c < len(below) else ""
        if not parent and not child:
            continue
        if child and not isinstance(below[c], str):
            # a number or date below a header is data, not a second header row
            return
        f, strength = None, 0
        if child:
            f = syn.match(child) or (syn.match(parent + child) if parent else None)
            strength = 3 if f else 0
        if f is None and parent:
            f = syn.match(parent)
            strength = 2 if not child else 1
        name = child or parent
        if child and parent and child != parent:
            name = f"{parent} {child}" if f is None or syn.match(child) is None else child
        double_names[c] = name
        if f and (f not in best or (strength, -c) > best[f]):
            best[f] = (strength, -c)
    double_map = {f: -neg_c for f, (_, neg_c) in best.items()}
    if _label_row_above(row, below, double_map, syn):
        return
    yield 2, double_map, double_names, sum(st for st, _ in best.values())


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
