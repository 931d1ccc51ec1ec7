"""Where an attendance table sits in a sheet: :func:`detect_attendance`.

The header row with a day column and clock times or hours, in one or two rows
(勤務時間 over 開始 | 終了), with start ``～`` end across three cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledgerkit.attendance.cells import _nfkc
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import header_key

# Header words per field, checked in this order (休憩時間 is a break, not worked time;
# 残業時間 is overtime; 作業内容 is a note). Contains-matches on the normalized header.
_FIELD_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("cumulative", ("累計", "累積", "cumulative")),
    ("weekday", ("曜日", "曜")),
    ("break", ("休憩", "break")),
    ("overtime", ("残業", "時間外", "超過", "overtime")),
    # hours that are not the hours worked: 所定 (scheduled) 8:00 on every day, 深夜 / 休日
    # shares of the day, 遅刻早退 / 控除 deductions. Read as worked time they overstate it.
    ("ignore", ("所定", "予定", "標準", "計画", "深夜", "休日", "遅刻", "早退", "控除", "不足", "scheduled")),
    ("note", ("内容", "コメント", "備考", "摘要", "メモ", "作業項目", "note", "comment")),
    ("start", ("出社", "出勤", "始業", "開始", "start")),
    ("end", ("退社", "退勤", "終業", "終了", "end")),
    ("worked", ("勤務時間", "実働", "実稼働", "実稼動", "実作業", "作業時間", "稼働時間", "稼動時間",
                "労働時間", "就業時間", "実績時間", "時間", "hours")),
    ("day", ("日付", "日にち", "月日", "年月日", "date")),
]
_DAY_EXACT = {"日", "day", "日(曜)", "日(曜日)"}
_PERSON_COLUMN = {"名前", "name", "employee", "employeename", "staff", "スタッフ"}
_PERSON_COLUMN_STARTS = ("氏名", "スタッフ名", "社員名", "従業員名", "作業者名", "要員名", "技術者名", "従業者名")
_ID_COLUMN = {"社員番号", "社員no", "社員no.", "社員コード", "社員id", "従業員番号", "従業員no", "従業員コード",
              "スタッフid", "スタッフ番号", "スタッフno", "employeeid", "employeeno", "staffid"}
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


def _classify(text: Any) -> str | None:
    if not isinstance(text, str):
        return None
    key = header_key(text)
    if not key:
        return None
    if key in _DAY_EXACT:
        return "day"
    if key in _SPAN_SEPARATORS:
        return "separator"
    starts = any(w in key for w in ("出社", "出勤", "始業", "開始"))
    ends = any(w in key for w in ("退社", "退勤", "終業", "終了"))
    if (starts and ends) or "出退勤" in key or "出退社" in key:
        return "span"
    # a 氏名 / 社員番号 column: a system's export holds many people in one table
    if key in _PERSON_COLUMN or key.startswith(_PERSON_COLUMN_STARTS):
        return "person"
    if key in _ID_COLUMN:
        return "person_id"
    for name, words in _FIELD_WORDS:
        if any(w in key for w in words):
            return name
    return None


def _merge_width(merged, r: int, c: int) -> tuple[int, int] | None:
    for r0, c0, r1, c1 in merged:
        if r0 <= r <= r1 and c0 <= c <= c1 and c1 > c0:
            return c0, c1
    return None


def _build(cells: dict[int, str]) -> tuple[dict[str, int], list[int], dict[int, str]]:
    mapping: dict[str, int] = {}
    notes: list[int] = []
    labels: dict[int, str] = {}
    for c in sorted(cells):
        f = _classify(cells[c])
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


def detect_attendance(sheet, scan_rows: int = 40) -> Layout | None:
    """Find an attendance table: the header row with a day column and times or hours.

    Handles one- and two-row headers (勤務時間 over 開始 | 終了) and start ``～`` end
    across three cells. Returns None when the sheet has no such table.
    """
    rows, merged = sheet.rows, list(sheet.merged or [])
    best = None
    for r in range(min(scan_rows, len(rows))):
        top = {c: v for c, v in enumerate(rows[r]) if isinstance(v, str) and v.strip()}
        if not top:
            continue
        candidates = [(1, top)]
        if r + 1 < len(rows):
            below = rows[r + 1]
            if all(is_empty(v) or isinstance(v, str) for v in below) and any(_classify(v) for v in below):
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
            mapping, notes, labels = _build(cells)
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
