"""Where an attendance table sits in a sheet: :func:`detect_attendance`.

The header row with a day column and clock times or hours, in one or two rows
(勤務時間 over 開始 | 終了), with start ``～`` end across three cells. Header cells are
matched to fields by :class:`HeaderWords`: the whole header texts of
``ledgerkit.kinds.attendance`` (and the user's ``[columns.attendance]``) first, then the words
a header contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ledgerkit.attendance.cells import _nfkc
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import header_key
from ledgerkit.kinds.attendance import (
    ATTENDANCE_FIELDS,
    ATTENDANCE_WORDS,
    PERSON_HEADER_STARTS,
    SPAN_END_WORDS,
    SPAN_START_WORDS,
)

_SPAN_SEPARATORS = ("～", "~", "〜", "-", "－", "―", "ー", "→")


@dataclass
class Layout:
    """Where an attendance table sits in a sheet (0-based indexes into ``sheet.rows``)."""

    header_row: int
    data_start: int
    #: field → column; ``note`` may name several columns
    columns: dict[str, int]
    notes: list[int] = field(default_factory=list)
    #: column → header text as written (for issue locations)
    labels: dict[int, str] = field(default_factory=dict)


_UNIT = re.compile(r"[(\[](?:h|hr|hrs|時間|分|時刻|時:分|hh?:mm|h:m|hours?)[)\]]$")


def _whole_key(text: Any) -> str:
    """A header as its whole text is compared: :func:`header_key` without a unit in brackets.

    Examples:
        >>> _whole_key("実働（ｈ）"), _whole_key("休憩 (分)"), _whole_key("日(曜)")
        ('実働', '休憩', '日(曜)')
    """
    return _UNIT.sub("", header_key(text))


class HeaderWords:
    """Header text → attendance field: the whole texts (the user's first), then contained words.

    ``synonyms`` is ``config.synonyms("attendance")`` (the built-in texts plus the user's);
    None means the built-ins alone.

    Examples:
        >>> words = HeaderWords({"worked": ["稼働実績", *ATTENDANCE_FIELDS["worked"]]})
        >>> words.classify("稼働実績"), words.classify("休憩時間"), words.classify("出勤～退勤")
        ('worked', 'break', 'span')
        >>> HeaderWords().classify("稼働実績"), HeaderWords().classify("氏名(漢字)")
        (None, 'person')
    """

    def __init__(self, synonyms: Mapping[str, Iterable[str]] | None = None):
        self.whole: dict[str, str] = {}
        given = synonyms or {}
        # the user's texts first: a header they name wins over a built-in word it contains
        for name, words in given.items():
            builtin = {_whole_key(w) for w in ATTENDANCE_FIELDS.get(name, ())}
            for w in words:
                key = _whole_key(w)
                if key and key not in builtin:
                    self.whole.setdefault(key, name)
        for name, words in ATTENDANCE_FIELDS.items():
            for w in words:
                self.whole.setdefault(_whole_key(w), name)

    def classify(self, text: Any) -> str | None:
        """The field of one header cell, ``span`` (出勤～退勤 in one cell), ``separator`` (～), or None."""
        if not isinstance(text, str):
            return None
        key = header_key(text)
        if not key:
            return None
        if key in _SPAN_SEPARATORS:
            return "separator"
        hit = self.whole.get(key) or self.whole.get(_whole_key(text))
        if hit is not None:
            return hit
        starts = any(w in key for w in SPAN_START_WORDS)
        ends = any(w in key for w in SPAN_END_WORDS)
        if (starts and ends) or "出退勤" in key or "出退社" in key:
            return "span"
        # a 氏名 / 社員番号 column: a system's export holds many people in one table
        if key.startswith(PERSON_HEADER_STARTS):
            return "person"
        for name, words in ATTENDANCE_WORDS:
            if any(w in key for w in words):
                return name
        return None


#: the built-in header words (no ``[columns.attendance]``)
BUILTIN_WORDS = HeaderWords()


def _classify(text: Any) -> str | None:
    return BUILTIN_WORDS.classify(text)


def header_words(config) -> HeaderWords:
    """The header words of ``config`` (``[columns.attendance]`` added to the built-ins)."""
    if config is None or not hasattr(config, "synonyms"):
        return BUILTIN_WORDS
    return HeaderWords(config.synonyms("attendance"))


def _merge_width(merged, r: int, c: int) -> tuple[int, int] | None:
    for r0, c0, r1, c1 in merged:
        if r0 <= r <= r1 and c0 <= c <= c1 and c1 > c0:
            return c0, c1
    return None


def _build(cells: dict[int, str], words: HeaderWords) -> tuple[dict[str, int], list[int], dict[int, str]]:
    mapping: dict[str, int] = {}
    notes: list[int] = []
    labels: dict[int, str] = {}
    for c in sorted(cells):
        f = words.classify(cells[c])
        labels[c] = str(cells[c]).strip()
        if f == "note":
            notes.append(c)
        elif f and f not in mapping:
            mapping[f] = c
    return mapping, notes, labels


def _usable(mapping: dict[str, int]) -> bool:
    return "day" in mapping and ("worked" in mapping or "span" in mapping or {"start", "end"} <= mapping.keys())


def _usable_after_span(mapping: dict[str, int], had_span: bool) -> bool:
    return _usable(mapping) or (had_span and "day" in mapping and "start" in mapping)


def detect_attendance(sheet, scan_rows: int = 40, words: HeaderWords | None = None) -> Layout | None:
    """Find an attendance table: the header row with a day column and times or hours.

    Handles one- and two-row headers (勤務時間 over 開始 | 終了) and start ``～`` end
    across three cells. ``words``: the header words (``[columns.attendance]`` added, see
    :func:`header_words`); the built-ins when None. Returns None when the sheet has no such table.
    """
    words = words or BUILTIN_WORDS
    rows, merged = sheet.rows, list(sheet.merged or [])
    best = None
    for r in range(min(scan_rows, len(rows))):
        top = {c: v for c, v in enumerate(rows[r]) if isinstance(v, str) and v.strip()}
        if not top:
            continue
        candidates = [(1, top)]
        if r + 1 < len(rows):
            below = rows[r + 1]
            if all(is_empty(v) or isinstance(v, str) for v in below) and any(words.classify(v) for v in below):
                cells = dict(top)
                for c, v in enumerate(below):
                    if isinstance(v, str) and v.strip():
                        cells[c] = v
                # a parent merged across children (勤務時間 over 開始|終了) is not a column itself
                for r0, c0, r1, c1 in merged:
                    if r0 == r and r1 == r and c1 > c0 and any(
                        isinstance(below[c], str) and below[c].strip() for c in range(c0, min(c1 + 1, len(below)))
                    ):
                        if c0 in cells and c0 < len(below) and is_empty(below[c0]):
                            cells.pop(c0)
                candidates.append((2, cells))
        for height, cells in candidates:
            mapping, notes, labels = _build(cells, words)
            if height == 2:
                # 氏名 | 山田 right above the header is the sheet's person, not a column
                for f in ("person", "person_id"):
                    if f in mapping and (mapping[f] >= len(rows[r + 1]) or is_empty(rows[r + 1][mapping[f]])):
                        del mapping[f]
            if "span" in mapping:
                span = _merge_width(merged, r, mapping["span"])
                if span:
                    mapping.setdefault("start", span[0])
                    mapping.setdefault("end", span[1])
                elif "start" not in mapping:
                    # 出勤～退勤 over one column: the cells hold 9:00～18:00
                    mapping["start"] = mapping["span"]
            if "worked" in mapping and "start" not in mapping:
                # 勤務時間 merged over three cells holding 9:00 | ～ | 18:00
                span = _merge_width(merged, r, mapping["worked"])
                if span and span[1] - span[0] >= 2 and _looks_like_span(rows, r + height, span):
                    mapping["start"], mapping["end"] = span[0], span[1]
                    del mapping["worked"]
            had_span = mapping.pop("span", None) is not None
            if not _usable_after_span(mapping, had_span):
                continue
            score = (len(mapping) + len(notes), -height)
            if best is None or score > best[0]:
                best = (score, Layout(r, r + height, mapping, notes, labels))
        if best is not None and r > best[1].header_row + 1:
            break
    return best[1] if best else None


def _looks_like_span(rows, start: int, span: tuple[int, int]) -> bool:
    for row in rows[start : start + 40]:
        cells = [row[c] if c < len(row) else "" for c in range(span[0], span[1] + 1)]
        if any(isinstance(v, str) and _nfkc(v) in _SPAN_SEPARATORS for v in cells[1:-1]):
            return True
    return False
