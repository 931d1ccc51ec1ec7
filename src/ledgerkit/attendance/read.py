"""Attendance sheets (勤務表 / 作業報告書 / 勤怠表) → one row per worked day.

One sheet holds one person's month, days down the rows::

    作業報告書
    2024年 | 11月 | 稼働分                ← or a 年 / 月 input area, the sheet name, the file name
    氏名   | 山田太郎 (123456789)        ← the person, with an optional ID
    日付 | 曜日 | 出社 | ～ | 退社 | 休憩 | 勤務時間 | 残業 | 業務内容 | 累計
    1(金)|      | 9:00 | ～ | 18:00| 1:00 | 8:00     |      | 設計     | 8:00
    ...
    合計 |      |      |    |      |      | 160:00

:func:`read_attendance_sheet` finds that layout and returns the canonical frame
(:data:`COLUMNS`), the issues, and the number of data rows read, so that
rows read = rows in the frame + rows rejected. Days not worked (blank, ``0:00``,
``休``) are not data rows and are not counted. Worked hours come from the worked column
when there is one, otherwise end − start − break; when both are present and differ by
more than a minute the row is reported (``hours_disagree``) and the worked column kept.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from ledgerkit.detect.table import fill_merged, header_key, is_blank
from ledgerkit.core.issues import Issue
from ledgerkit.parse.normalize import is_total_label, normalize_name, parse_year_month

#: the canonical columns of an attendance frame, in order
ATTENDANCE_COLUMNS = COLUMNS = [
    "date",
    "person",
    "person_id",
    "start",
    "end",
    "break_hours",
    "hours",
    "overtime_hours",
    "note",
    "source_file",
    "source_sheet",
    "source_row",
]

KIND_LABEL = "勤務表"

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
_PERSON_LABELS = ("氏名", "スタッフ名", "名前", "作業者名", "作業者", "担当者名", "担当者", "社員名",
                  "要員名", "技術者名", "従事者名", "従事者", "作業員名", "name")
_ID_LABELS = ("社員番号", "スタッフid", "スタッフ番号", "社員no", "従業員番号", "id")
_HELPER_SHEET = re.compile(r"祝日|休日|祭日|holiday|カレンダー|calendar|設定|マスタ|master|記入例|入力例", re.I)
_GENERIC_SHEET = re.compile(r"^(sheet\d*|シート\d*|勤務表|勤怠表|作業報告書|稼働報告書|作業実績|報告書|原本|template|テンプレート)$", re.I)
_OFF_WORDS = ("休", "欠勤", "有給", "有休", "代休", "振休", "特休", "公休", "祝", "off", "-", "－", "―", "ー", "/", "×", "✕")
_ERAS = {"令和": 2018, "r": 2018, "平成": 1988, "h": 1988}


class _CellError(ValueError):
    """A cell that cannot be read as what its column holds."""


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


# --- cell parsers -------------------------------------------------------------------

def _nfkc(value: Any) -> str:
    return unicodedata.normalize("NFKC", str(value)).strip()


def _is_off(text: str) -> bool:
    t = text.replace(" ", "").lower()
    return any(t == w or (len(w) > 1 and t.startswith(w)) for w in _OFF_WORDS) or t.startswith("休")


_CLOCK = re.compile(r"^(翌日?|next)?\s*(\d{1,2})\s*(?:[:時]\s*(\d{1,2})\s*分?)?\s*(?::\s*(\d{1,2}))?$")
_DURATION = re.compile(r"^(\d+(?:\.\d+)?)\s*(?:h|時間|hr|hrs)?$")
_DURATION_HM = re.compile(r"^(\d+)\s*(?::|時間)\s*(\d{1,2})\s*(?:分)?(?::\s*(\d{1,2}))?$")
_DURATION_M = re.compile(r"^(\d+)\s*分$")


def _minutes_of_seconds(seconds: float) -> int:
    # Excel times are fractions of a day; the nearest whole minute is what the sheet shows
    return int((seconds + 30) // 60)


def parse_clock(value: Any) -> int | None:
    """A time of day as minutes after midnight: time cells, ``9:00``, ``9時30分``, ``翌2:00``.

    Decimal numbers below 1 are Excel day fractions (0.375 → 9:00); numbers from 1 to 47
    are hours (9.5 → 9:30). Blank → None. Times past midnight may be written 25:00 or 翌1:00.

    Examples:
        >>> parse_clock(dt.time(9, 30)), parse_clock("９：００"), parse_clock("18時15分")
        (570, 540, 1095)
        >>> parse_clock(0.375), parse_clock(9.5), parse_clock("9.5"), parse_clock("翌2:00"), parse_clock("")
        (540, 570, 570, 1560, None)
    """
    if value is None or is_blank(value):
        return None
    if isinstance(value, bool):
        raise _CellError("not a time")
    if isinstance(value, dt.datetime):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.timedelta):
        return _minutes_of_seconds(value.total_seconds())
    if isinstance(value, (int, float)):
        if 0 <= value < 1:
            return _minutes_of_seconds(value * 86400)
        if 1 <= value < 48:
            return _minutes_of_seconds(value * 3600)
        raise _CellError("not a time of day")
    text = _nfkc(value)
    if re.fullmatch(r"\d{1,2}\.\d+", text):
        return parse_clock(float(text))  # 9.5 written as text
    m = _CLOCK.match(text)
    if not m:
        raise _CellError("not a time of day")
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if minutes >= 60 or hours >= 48:
        raise _CellError("not a time of day")
    total = hours * 60 + minutes + (1 if int(m.group(4) or 0) >= 30 else 0)
    return total + (24 * 60 if m.group(1) else 0)


def parse_duration(value: Any) -> int | None:
    """A duration (break, worked hours, overtime) in minutes.

    Numbers are hours (7.5 → 450); time and duration cells are hours and minutes
    (running totals past 24 h arrive as durations); text ``7:30``, ``7.5``, ``7時間30分``,
    ``45分``. Blank → None.

    Examples:
        >>> parse_duration(7.5), parse_duration(dt.time(1, 0)), parse_duration(dt.timedelta(hours=25))
        (450, 60, 1500)
        >>> parse_duration("7:30"), parse_duration("７．５"), parse_duration("7時間30分"), parse_duration("45分")
        (450, 450, 450, 45)
    """
    if value is None or is_blank(value):
        return None
    if isinstance(value, bool):
        raise _CellError("not a duration")
    if isinstance(value, dt.timedelta):
        return _minutes_of_seconds(value.total_seconds())
    if isinstance(value, dt.datetime):
        # a duration past 24 h read as a date-time counted from Excel's day 0
        delta = value - dt.datetime(1899, 12, 30)
        if delta.days > 400:
            raise _CellError("a date, not a duration")
        return _minutes_of_seconds(delta.total_seconds())
    if isinstance(value, dt.time):
        return value.hour * 60 + value.minute + (1 if value.second >= 30 else 0)
    if isinstance(value, dt.date):
        raise _CellError("a date, not a duration")
    if isinstance(value, (int, float)):
        if value < 0:
            raise _CellError("negative")
        return _minutes_of_seconds(value * 3600)
    text = _nfkc(value).replace(" ", "").lower()
    for pattern in (_DURATION_HM,):
        m = pattern.match(text)
        if m:
            if int(m.group(2)) >= 60:
                raise _CellError("not a duration")
            return int(m.group(1)) * 60 + int(m.group(2)) + (1 if int(m.group(3) or 0) >= 30 else 0)
    m = _DURATION_M.match(text)
    if m:
        return int(m.group(1))
    m = _DURATION.match(text)
    if m:
        return _minutes_of_seconds(float(m.group(1)) * 3600)
    raise _CellError("not a duration")


_DAY_TEXT = re.compile(
    r"^(?:(\d{4})[/\-.年])?(?:(\d{1,2})[/\-.月])?(\d{1,2})日?\s*(?:[\(（]?\s*([月火水木金土日])(?:曜日?)?\s*[\)）]?)?$"
)
_WEEKDAY_JA = "月火水木金土日"


def parse_day(value: Any, year: int | None, month: int | None) -> tuple[dt.date | None, str | None]:
    """The date of a day cell and the weekday written beside it (``1(水)`` → 水).

    Examples:
        >>> parse_day("1(水)", 2026, 4), parse_day("15日", 2026, 4)[0], parse_day(3, 2026, 4)[0]
        ((datetime.date(2026, 4, 1), '水'), datetime.date(2026, 4, 15), datetime.date(2026, 4, 3))
        >>> parse_day("4/30（木）", 2026, None)
        (datetime.date(2026, 4, 30), '木')
    """
    if value is None or is_blank(value):
        return None, None
    if isinstance(value, dt.datetime):
        return value.date(), None
    if isinstance(value, dt.date):
        return value, None
    if isinstance(value, bool):
        raise _CellError("not a day")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= value <= 31:
            return _make_date(year, month, int(value)), None
        if float(value).is_integer() and 20000 < value < 80000:
            # an Excel serial stored as a plain number
            return dt.date(1899, 12, 30) + dt.timedelta(days=int(value)), None
        raise _CellError("not a day")
    text = _nfkc(value).replace(" ", "")
    m = _DAY_TEXT.match(text)
    if not m:
        raise _CellError("not a day")
    y = int(m.group(1)) if m.group(1) else year
    mo = int(m.group(2)) if m.group(2) else month
    return _make_date(y, mo, int(m.group(3))), m.group(4)


def _period_wrap(rows: list[list[Any]], start: int, col: int) -> int | None:
    """The row where the day numbers start again at 1 after 28 … 31 (a closing-day period), or None.

    Examples:
        >>> _period_wrap([[21], ["31(土)"], ["1(日)"], [2]], 0, 0), _period_wrap([[1], [2], [3]], 0, 0)
        (2, None)
    """
    last = None
    for r in range(start, len(rows)):
        v = rows[r][col] if col < len(rows[r]) else ""
        day = None
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1 <= v <= 31:
            day = int(v)
        elif isinstance(v, str):
            m = _DAY_TEXT.match(_nfkc(v).replace(" ", ""))
            if m and not m.group(1) and not m.group(2):
                day = int(m.group(3))
        if day is None:
            continue
        if last is not None and day < last:
            return r if last >= 28 and day == 1 else None
        last = day
    return None


def _full_date(value: Any) -> dt.date | None:
    """A date written out in full as text (``2026/10/30``, ``2026-10-30``), else None.

    Examples:
        >>> _full_date("2026/10/30"), _full_date("30(金)"), _full_date(30)
        (datetime.date(2026, 10, 30), None, None)
    """
    if not isinstance(value, str):
        return None
    try:
        return parse_day(value, None, None)[0]
    except _CellError:
        return None


def _make_date(year: int | None, month: int | None, day: int) -> dt.date:
    if year is None or month is None:
        raise _CellError("no month")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _CellError("outside") from None


def _hm(minutes: int | None) -> str:
    if minutes is None:
        return ""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def split_person(text: str) -> tuple[str, str]:
    """(name, ID) from a 氏名 cell such as ``山田太郎 (123456789)`` or ``ID:A123 鈴木花子``.

    Examples:
        >>> split_person("山田　太郎（123456789）")
        ('山田 太郎', '123456789')
        >>> split_person("鈴木花子"), split_person("No.A-17 佐藤一郎")
        (('鈴木花子', ''), ('佐藤一郎', 'A-17'))
    """
    s = re.sub(r"\s+", " ", _nfkc(text)).strip()
    m = re.match(r"^(.*?)\s*[\(\[]\s*(?:id|no\.?|社員番号)?\s*[:.]?\s*([0-9A-Za-z][0-9A-Za-z\-]{1,})\s*[\)\]]$", s, re.I)
    if m and m.group(1):
        return m.group(1).strip(), m.group(2)
    m = re.match(r"^(?:id|no\.?|社員番号)?\s*[:.]?\s*([0-9][0-9\-]{2,}|[A-Za-z]+-?\d+)\s+(.+)$", s, re.I)
    if m:
        return m.group(2).strip(), m.group(1)
    m = re.match(r"^(.+?)\s+(?:id|no\.?)?[:.]?\s*(\d{3,})$", s, re.I)
    if m:
        return m.group(1).strip(), m.group(2)
    return s, ""


def person_key(name: str) -> str:
    """The form names are compared in: NFKC, no spaces, lower case.

    Examples:
        >>> person_key("山田　太郎") == person_key("山田太郎")
        True
    """
    return re.sub(r"\s+", "", _nfkc(name)).lower()


# --- year and month -----------------------------------------------------------------

_YEAR_ONLY = re.compile(r"^(\d{4})\s*年?(?:度)?$|^(令和|平成|R|H)\s*(\d{1,2}|元)\s*年$", re.I)
_MONTH_ONLY = re.compile(r"^(\d{1,2})\s*月(?:分|度)?$")


def _era_year(era: str, n: str) -> int:
    return _ERAS[era.lower() if era.isascii() else era] + (1 if n == "元" else int(n))


def year_month_in(text: str, fiscal_start: int = 4) -> tuple[int | None, int | None]:
    """(year, month) written in a title, sheet or file name; either may be None.

    A fiscal year (``2026年度``) with a month before ``fiscal_start`` is the next
    calendar year.

    Examples:
        >>> year_month_in("作業報告書 2024年11月 稼働分"), year_month_in("令和6年11月分")
        ((2024, 11), (2024, 11))
        >>> year_month_in("勤務表_山田_202411.xlsx"), year_month_in("11月"), year_month_in("R6.4")
        ((2024, 11), (None, 11), (2024, 4))
        >>> year_month_in("2026年度 作業報告書 1月分"), year_month_in("2026年度 10月分")
        ((2027, 1), (2026, 10))
    """
    found = parse_year_month(text)
    if found is None:
        return None, None
    year, month = found
    if year is None:
        m = re.search(r"(?<!\d)(\d{4})\s*年(度)?", _nfkc(text))
        year = int(m.group(1)) if m else None
        if m and m.group(2) and month < fiscal_start:
            year += 1  # 2026年度 1月 is January 2027
    return year, month


def _year_month_in_cells(rows: list[list[Any]], upto: int, fiscal_start: int = 4) -> tuple[int | None, int | None]:
    """Year and month from the cells above the header: one cell, neighbours, or a 年/月 area.

    A fiscal year alone (``2026年度``) comes back negative, so that the caller can move
    months before the fiscal start into the next year once it knows the month.
    """
    year = month = None

    def number(v: Any) -> int | None:
        if isinstance(v, bool):
            return None
        if isinstance(v, (int, float)) and float(v).is_integer():
            return int(v)
        if isinstance(v, str):
            s = _nfkc(v)
            return int(s) if s.isdigit() else None
        return None

    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if is_blank(v) or isinstance(v, (dt.date, dt.time, dt.timedelta)):
                continue
            text = _nfkc(v) if isinstance(v, str) else str(v)
            if isinstance(v, str) and re.search(r"作成日|提出日|記入日|承認日|印刷日", text):
                continue
            y, mo = year_month_in(text, fiscal_start) if isinstance(v, str) else (None, None)
            if y and mo:
                return y, mo
            key = text.replace(" ", "")
            m = _YEAR_ONLY.match(key)
            if m and year is None:
                found = int(m.group(1)) if m.group(1) else _era_year(m.group(2), m.group(3))
                if 1990 <= found <= 2100:
                    # a negative year marks a fiscal year until the month is known
                    year = -found if key.endswith("年度") else found
                continue
            m = _MONTH_ONLY.match(key)
            if m and month is None and 1 <= int(m.group(1)) <= 12:
                month = int(m.group(1))
                continue
            # a number followed by a 年 / 月 label cell, or a label with the number below it
            if key in ("年", "年度") or key in ("月",):
                left = number(row[c - 1]) if c > 0 else None
                below = number(rows[r + 1][c]) if r + 1 < len(rows) and c < len(rows[r + 1]) else None
                right = number(row[c + 1]) if c + 1 < len(row) else None
                for n in (left, below, right):
                    if n is None:
                        continue
                    if key.startswith("年") and year is None and 1990 <= n <= 2100:
                        year = n
                        break
                    if key == "月" and month is None and 1 <= n <= 12:
                        month = n
                        break
    return year, month


def _created_date(rows: list[list[Any]], upto: int) -> dt.date | None:
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if isinstance(v, str) and re.search(r"作成日|提出日|記入日", _nfkc(v)):
                for w in row[c + 1 : c + 4]:
                    if isinstance(w, dt.datetime):
                        return w.date()
                    if isinstance(w, dt.date):
                        return w
    return None


# --- layout ---------------------------------------------------------------------------

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
            if all(is_blank(v) or isinstance(v, str) for v in below) and any(_classify(v) for v in below):
                cells = dict(top)
                for c, v in enumerate(below):
                    if isinstance(v, str) and v.strip():
                        cells[c] = v
                # a parent merged across children (勤務時間 over 開始|終了) is not a column itself
                for r0, c0, r1, c1 in merged:
                    if r0 == r and r1 == r and c1 > c0 and any(
                        isinstance(below[c], str) and below[c].strip() for c in range(c0, min(c1 + 1, len(below)))
                    ):
                        if c0 in cells and c0 < len(below) and is_blank(below[c0]):
                            cells.pop(c0)
                candidates.append((2, cells))
        for height, cells in candidates:
            mapping, notes, labels = _build(cells)
            if height == 2:
                # 氏名 | 山田 right above the header is the sheet's person, not a column
                for f in ("person", "person_id"):
                    if f in mapping and (mapping[f] >= len(rows[r + 1]) or is_blank(rows[r + 1][mapping[f]])):
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


# --- the sheet --------------------------------------------------------------------------

def _find_person(rows: list[list[Any]], upto: int) -> tuple[str, str]:
    name = pid = ""
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if not isinstance(v, str) or not v.strip():
                continue
            key = header_key(v)
            label = next((w for w in _PERSON_LABELS if key.startswith(w)), None)
            id_label = next((w for w in _ID_LABELS if key.startswith(w)), None)
            if label and not name:
                rest = key[len(label):].lstrip(":：")
                raw = _nfkc(v)
                if rest:
                    # 氏名：山田太郎 in one cell
                    raw_rest = re.split(r"[:：]", raw, maxsplit=1)
                    value = raw_rest[1] if len(raw_rest) == 2 else raw[len(label):]
                else:
                    value = _next_value(rows, r, c)
                if value:
                    name, found_id = split_person(str(value))
                    pid = pid or found_id
            elif id_label and not pid and key in _ID_LABELS:
                value = _next_value(rows, r, c)
                if value:
                    pid = _nfkc(value if not isinstance(value, float) else int(value))
    return name, pid


_OTHER_LABELS = ("所属", "派遣元", "派遣先", "会社", "部署", "部門", "取引先", "作成日", "提出日", "承認", "印",
                 "案件", "プロジェクト", "契約", "就業場所", "勤務地", "上長", "責任者")


def _is_label(w: Any) -> bool:
    if not isinstance(w, str):
        return False
    key = header_key(w)
    return bool(
        _classify(w)
        or any(key.startswith(x) for x in _ID_LABELS + _PERSON_LABELS + _OTHER_LABELS)
        or key in ("年", "月", "年度")
    )


def _next_value(rows, r: int, c: int) -> Any:
    """The value of a label cell: right beside it (past its own merged range), else below it."""
    row = rows[r]
    label = row[c]
    right = c + 1
    while right < len(row) and row[right] == label:
        right += 1  # the label's own merged cells, filled with its text
    for w in row[right : right + 8]:  # merged blanks between: 氏名 in A2, the name in F2
        if is_blank(w):
            continue
        if _is_label(w):
            break  # the next label: the value is not on this row
        return w
    # an input area: labels on one row, values below them
    if r + 1 < len(rows) and c < len(rows[r + 1]) and not is_blank(rows[r + 1][c]) and not _is_label(rows[r + 1][c]):
        return rows[r + 1][c]
    return None


def _empty_frame():
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS}).astype(
        {"break_hours": "float64", "hours": "float64", "overtime_hours": "float64", "source_row": "int64"}
    )


def _rows_words(first: int, last: int) -> dict[str, str]:
    """Excel rows ``first``-``last`` in words, in both languages (a message parameter).

    Examples:
        >>> _rows_words(38, 38)["en"], _rows_words(40, 42)["ja"]
        ('row 38', '40-42行')
    """
    if first == last:
        return {"ja": f"{first}行", "en": f"row {first}"}
    return {"ja": f"{first}-{last}行", "en": f"rows {first}-{last}"}


def read_attendance_sheet(sheet, *, file: str, config=None):
    """Read one attendance sheet into the canonical frame.

    Returns ``(frame, issues, rows_read)`` where ``frame`` has :data:`COLUMNS` and
    rows read = len(frame) + rows rejected (days not worked are not data rows).
    ``frame`` is None when the sheet holds no attendance table (a holiday list, a
    cover sheet); the issues then say why.

    Examples:
        >>> from types import SimpleNamespace as S
        >>> sheet = S(name="2026年4月", visible="visible", merged=[], rows=[
        ...     ["作業報告書", "", "", "", ""],
        ...     ["氏名", "山田太郎 (1234)", "", "", ""],
        ...     ["日付", "出社", "退社", "休憩", "業務内容"],
        ...     ["1(水)", "9:00", "18:00", "1:00", "設計"],
        ...     ["2(木)", "", "", "", ""],
        ...     ["3(金)", "22:00", "6:00", 1.0, "夜間切替"]])
        >>> frame, issues, n = read_attendance_sheet(sheet, file="a.xlsx")
        >>> frame[["date", "person", "start", "end", "hours"]].values.tolist()
        [[datetime.date(2026, 4, 1), '山田太郎', '09:00', '18:00', 8.0], [datetime.date(2026, 4, 3), '山田太郎', '22:00', '30:00', 7.0]]
        >>> issues, n
        ([], 2)
    """
    import pandas as pd

    issues: list[Issue] = []
    name = sheet.name

    def sheet_issue(code: str, severity: str = "warning", **params) -> None:
        issues.append(Issue(code, file=file, sheet=name, severity=severity, scope="sheet", params=params))

    layout = detect_attendance(sheet)
    if layout is None:
        if _HELPER_SHEET.search(name):
            sheet_issue("helper_sheet", "info", what=name)
        elif not any(not is_blank(v) for row in sheet.rows for v in row):
            sheet_issue("empty_sheet", "info")
        else:
            sheet_issue("no_table", kind={"ja": KIND_LABEL, "en": "attendance"},
                        fields={"ja": "日付, 出社/退社 または 勤務時間", "en": "日付, 出社/退社 or 勤務時間"})
        # None, not an empty frame: this sheet is not an attendance sheet at all
        return None, issues, 0

    rows = fill_merged(sheet.rows, sheet.merged or [])
    cols = layout.columns
    max_minutes = int(float(_config_get(config, "hours.max_hours_per_day", 24.0)) * 60)

    # whose sheet, and which month
    person, person_id = _find_person(rows, layout.header_row)
    if not person and "person" not in cols and not _GENERIC_SHEET.match(name.strip()) and year_month_in(name) == (None, None):
        person, person_id = split_person(name)
    fiscal_start = int(_config_get(config, "fiscal_year.start_month", 4))
    year, month = _year_month_in_cells(rows, layout.header_row, fiscal_start)
    for source in (name, PurePath(file).name):
        if year and month:
            break
        y, mo = year_month_in(source, fiscal_start)
        year, month = year or y, month or mo
    if year is not None and year < 0:
        # 2026年度 with 1月: months before the fiscal start belong to the next calendar year
        year = -year + (1 if month is not None and month < fiscal_start else 0)
    dates_in_cells = [
        v.date() if isinstance(v, dt.datetime) else v
        for row in rows[layout.data_start :]
        for v in row[cols["day"] : cols["day"] + 1]
        if isinstance(v, dt.date)
    ] or [d for d in map(_full_date, (row[cols["day"]] for row in rows[layout.data_start :] if cols["day"] < len(row))) if d]
    # a system's export (a 氏名 column, full dates) may span months: each row has its own
    month_from_dates = not (year and month) and "person" in cols
    if dates_in_cells:
        counts: dict[tuple[int, int], int] = {}
        for d in dates_in_cells:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        y, mo = max(counts, key=counts.get)
        if not (year and month):
            year, month = y, mo
    if not (year and month):
        created = _created_date(rows, layout.header_row)
        if created:
            year, month = year or created.year, month or created.month
            sheet_issue("attendance_month_from_created", "warning", month=f"{year}-{month:02d}")
    if not person and "person" not in cols:
        sheet_issue("no_person", "error")
        return _empty_frame(), issues, 0
    if not (year and month) and not dates_in_cells:
        sheet_issue("no_month", "error")
        return _empty_frame(), issues, 0
    person = normalize_name(person) if person else ""

    records: list[dict] = []
    read = 0
    weekday_mismatches: list[tuple[int, str]] = []
    # a closing-day period (20日締め: 21 … 31, 1 … 20 under 11月度): the days before the
    # wrap are the month before; every day is settled with the sheet's month
    wrap = _period_wrap(rows, layout.data_start, cols["day"]) if year and month else None
    period = f"{year}-{month:02d}" if wrap is not None else None
    if wrap is not None:
        prev_year, prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
    data_cols = [c for f, c in cols.items()
                 if f not in ("weekday", "cumulative", "separator", "ignore", "person", "person_id")] + layout.notes
    time_cols = [cols[f] for f in ("start", "end", "break", "worked", "overtime") if f in cols]
    last_row = layout.data_start
    r = layout.data_start
    while r < len(rows):
        row = rows[r]
        excel_row = r + 1
        cell = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        if all(is_blank(cell(c)) for c in data_cols):
            r += 1
            continue
        day_value = cell(cols["day"])
        first_text = next((cell(c) for c in range(0, max(data_cols) + 1) if isinstance(cell(c), str) and cell(c).strip()), "")
        if is_total_label(day_value) or (is_blank(day_value) and is_total_label(first_text)):
            # a total row is not data (issue 2), the same as for hours: listed, not read or rejected
            issues.append(Issue("total_row", file=file, sheet=name, row=excel_row))
            _check_total(issues, file, name, excel_row, layout, cols, cell, records)
            last_row = r + 1
            break
        # the header printed again every page: listed, not data
        if isinstance(day_value, str) and _nfkc(day_value) == _nfkc(rows[layout.header_row][cols["day"]]) \
                and any(c != cols["day"] and isinstance(cell(c), str) and c < len(rows[layout.header_row])
                        and _nfkc(cell(c)) == _nfkc(rows[layout.header_row][c]) for c in data_cols):
            issues.append(Issue("repeated_header", file=file, sheet=name, row=excel_row))
            r += 1
            continue
        # what the row holds; 休 / 有休 / 欠勤 / 0:00 / blank are days not worked
        texts = [_nfkc(cell(c)) for c in time_cols if isinstance(cell(c), str) and not is_blank(cell(c))]
        if texts and any(_is_off(t) for t in texts) and not _safe(parse_duration, cell(cols.get("worked"))):
            r += 1
            continue
        values: dict[str, int | None] = {}
        bad = None
        # 9:00～18:00 in one cell (under 出社, or under a 勤務時間帯 header taken for worked time)
        span = next(((f, _split_span(cell(cols.get(f)))) for f in ("start", "worked")
                     if f in cols and _split_span(cell(cols.get(f)))), None)
        for f, parser in (("start", parse_clock), ("end", parse_clock), ("break", parse_duration),
                          ("worked", parse_duration), ("overtime", parse_duration)):
            if span and f in ("start", "end", span[0]):
                values[f] = span[1][0] if f == "start" else span[1][1] if f == "end" else None
                continue
            try:
                values[f] = parser(cell(cols.get(f)))
            except _CellError:
                bad = f
                break
        if bad:
            _reject(issues, file, name, excel_row, layout, cols[bad], cell(cols[bad]))
            read += 1
            r += 1
            continue
        start, end, worked = values["start"], values["end"], values["worked"]
        brk, overtime = values["break"], values["overtime"]
        s_raw, e_raw = cell(cols.get("start")), cell(cols.get("end"))
        if start is not None and end is not None and isinstance(s_raw, dt.datetime) and isinstance(e_raw, dt.datetime) \
                and s_raw.year > 1900 and e_raw.year > 1900:
            # 2026/10/3 9:00 → 2026/10/4 11:00: the dates count, not only the clock
            end = start + int((e_raw - s_raw).total_seconds() + 30) // 60
            if end < start:
                _reject(issues, file, name, excel_row, layout, cols["end"], e_raw)
                read += 1
                r += 1
                continue
        if not worked and (start is None and end is None or start == end):
            r += 1
            continue
        if worked is None and (start is None) != (end is None):
            missing = "end" if end is None else "start"
            label = layout.labels.get(cols.get(missing, cols["start"]), missing)
            read += 1
            issues.append(Issue("missing_value", file=file, sheet=name, row=excel_row, column=label,
                                severity="error", rejected=True, params={"field": label}))
            r += 1
            continue
        # the day
        row_year, row_month = (prev_year, prev_month) if wrap is not None and r < wrap else (year, month)
        try:
            date, weekday = parse_day(day_value, row_year, row_month)
        except _CellError as e:
            read += 1
            code = "date_outside_month" if str(e) == "outside" else ("no_month" if str(e) == "no month" else "bad_cell")
            label = layout.labels.get(cols["day"], "日付")
            params = {"field": label, "value": day_value}
            if code == "date_outside_month":
                params = {"value": _nfkc(day_value), "month": f"{year}-{month:02d}"}
            issues.append(Issue(code, file=file, sheet=name, row=excel_row, column=label, value=_nfkc(day_value),
                                severity="error", rejected=True, params=params))
            r += 1
            continue
        if date is None:
            read += 1
            label = layout.labels.get(cols["day"], "日付")
            issues.append(Issue("missing_value", file=file, sheet=name, row=excel_row, column=label,
                                severity="error", rejected=True, params={"field": label}))
            r += 1
            continue
        if "weekday" in cols and weekday is None:
            w = cell(cols["weekday"])
            if isinstance(w, str) and _nfkc(w).strip("()（）曜日 ") in _WEEKDAY_JA:
                weekday = _nfkc(w).strip("()（）曜日 ")
        if weekday and weekday != _WEEKDAY_JA[date.weekday()]:
            weekday_mismatches.append((excel_row, f"{_nfkc(day_value)}"))
        if year and month and not month_from_dates and (date.year, date.month) != (row_year, row_month):
            read += 1
            issues.append(Issue("date_outside_month", file=file, sheet=name, row=excel_row,
                                column=layout.labels.get(cols["day"], ""), value=date.isoformat(), severity="error",
                                rejected=True, params={"value": date.isoformat(), "month": f"{year}-{month:02d}"}))
            r += 1
            continue
        # the hours
        if end is not None and start is not None and end < start:
            end += 24 * 60  # a shift past midnight
        computed = None
        if start is not None and end is not None:
            computed = end - start - (brk or 0)
            if computed < 0:
                read += 1
                issues.append(Issue("attendance_break_too_long", file=file, sheet=name, row=excel_row,
                                    column=layout.labels.get(cols.get("break", cols["day"]), ""), value=_hm(brk),
                                    severity="error", rejected=True,
                                    params={"start": _hm(start), "end": _hm(end), "break": _hm(brk)}))
                r += 1
                continue
        minutes = worked if worked is not None else computed
        if minutes > max_minutes:
            read += 1
            label = layout.labels.get(cols.get("worked", cols.get("end")), "")
            issues.append(Issue("attendance_day_too_long", file=file, sheet=name, row=excel_row, column=label,
                                value=_hm(minutes), severity="error", rejected=True,
                                params={"hours": _hm(minutes), "max": _hm(max_minutes)}))
            r += 1
            continue
        if worked is not None and computed is not None and abs(worked - computed) > 1:
            issues.append(Issue("hours_disagree", file=file, sheet=name, row=excel_row,
                                column=layout.labels.get(cols["worked"], ""), value=_hm(worked), severity="warning",
                                params={"worked": _hm(worked), "computed": _hm(computed)}))
        note = " / ".join(_nfkc(cell(c)) for c in layout.notes if not is_blank(cell(c)))
        row_person, row_pid = person, person_id
        if "person" in cols and not is_blank(cell(cols["person"])):
            found_name, found_id = split_person(str(cell(cols["person"])))
            row_person, row_pid = normalize_name(found_name), found_id or person_id
        if "person_id" in cols and not is_blank(cell(cols["person_id"])):
            v = cell(cols["person_id"])
            row_pid = _nfkc(int(v) if isinstance(v, float) and v.is_integer() else v)
        if not row_person:
            read += 1
            label = layout.labels.get(cols["person"], "氏名")
            issues.append(Issue("missing_value", file=file, sheet=name, row=excel_row, column=label,
                                severity="error", rejected=True, params={"field": label}))
            r += 1
            continue
        read += 1
        records.append({
            "date": date,
            "person": row_person,
            "person_id": row_pid,
            "start": _hm(start),
            "end": _hm(end),
            "break_hours": (brk or 0) / 60,
            "hours": minutes / 60,
            "overtime_hours": (overtime or 0) / 60,
            "note": note,
            "source_file": file,
            "source_sheet": name,
            "source_row": excel_row,
            **({"period": period} if period else {}),
        })
        last_row = r + 1
        r += 1
    if weekday_mismatches:
        row0, text = weekday_mismatches[0]
        issues.append(Issue("attendance_weekday_mismatch", file=file, sheet=name, row=row0, value=text,
                            severity="warning", scope="sheet",
                            params={"value": text, "month": f"{year}-{month:02d}", "count": len(weekday_mismatches)}))
    # rows below the total row (出勤日数, 承認欄 …) are not data; say where they are
    below = [i for i in range(last_row, len(rows)) if any(not is_blank(v) for v in rows[i])]
    if below and any(i.code == "total_row" for i in issues):
        issues.append(Issue("extra_table", file=file, sheet=name, severity="info", scope="sheet",
                            params={"range": _rows_words(below[0] + 1, below[-1] + 1)}))
    if period and records:
        sheet_issue("attendance_closing_period", "info", start=records[0]["date"].isoformat(),
                    end=records[-1]["date"].isoformat(), month=period)
    columns = COLUMNS + (["period"] if period else [])
    frame = pd.DataFrame.from_records(records, columns=columns) if records else _empty_frame()
    if records:
        frame = frame.astype({"break_hours": "float64", "hours": "float64", "overtime_hours": "float64",
                              "source_row": "int64"})
    from ledgerkit.detect.table import column_letter
    from ledgerkit.core.result import SheetResult

    # a SheetResult unpacks as (frame, issues, rows read), and tells inspect what was found where
    mapping = {f: layout.labels.get(c, column_letter(c)) for f, c in layout.columns.items()}
    return SheetResult(frame, issues, read, layout="days down", header_row=layout.header_row + 1, mapping=mapping)


def _check_total(issues, file, sheet, excel_row, layout, cols, cell, records) -> None:
    """The sheet's own 合計 of worked hours against the days read: a warning when they differ.

    A total that is 0 or blank (a formula never calculated, or no total) says nothing.
    """
    if "worked" not in cols:
        return
    stated = _safe(parse_duration, cell(cols["worked"]))
    if not stated:
        return
    got = sum(round(rec["hours"] * 60) for rec in records)
    if abs(stated - got) > 1:
        label = layout.labels.get(cols["worked"], "")
        issues.append(Issue("sheet_total_mismatch", file=file, sheet=sheet, row=excel_row, column=label,
                            value=_hm(stated), severity="warning",
                            params={"total": _hm(stated), "sum": _hm(got), "field": label}))


_SPAN_TEXT = re.compile(r"^(.+?)\s*[~〜\-―→]\s*(.+)$")


def _split_span(value: Any) -> tuple[int, int] | None:
    """``9:00～18:00`` written in one cell → (start, end) minutes; anything else → None.

    Examples:
        >>> _split_span("9:00～18:00"), _split_span("22:00-翌5:00"), _split_span("8:00")
        ((540, 1080), (1320, 1740), None)
    """
    if not isinstance(value, str):
        return None
    m = _SPAN_TEXT.match(_nfkc(value))
    if not m:
        return None
    try:
        start, end = parse_clock(m.group(1)), parse_clock(m.group(2))
    except _CellError:
        return None
    return (start, end) if start is not None and end is not None else None


def _safe(fn, value):
    try:
        return fn(value)
    except _CellError:
        return None


def _reject(issues, file, sheet, excel_row, layout, col, value) -> None:
    label = layout.labels.get(col, "")
    issues.append(Issue("bad_cell", file=file, sheet=sheet, row=excel_row, column=label, value=_nfkc(value),
                        severity="error", rejected=True, params={"field": label, "value": _nfkc(value)}))


def _config_get(config, key: str, default):
    if config is None:
        return default
    return config.get(key, default)


def read_attendance(paths, *, config=None):
    """Read attendance workbooks: every visible sheet of every file, one frame.

    A convenience for Python callers and ``ledgerkit settle``; ``ledgerkit aggregate
    --kind attendance`` reaches :func:`read_attendance_sheet` through the common
    intake instead. Returns ``(frame, issues)``.
    """
    import pandas as pd

    from ledgerkit.intake.door import iter_sheets

    frames, issues = [], []
    for file, sheet in iter_sheets([paths] if isinstance(paths, (str, os.PathLike)) else paths, config, issues=issues):
        frame, found, _ = read_attendance_sheet(sheet, file=file, config=config)
        if frame is not None:
            frames.append(frame)
        issues.extend(found)
    frames = [f for f in frames if len(f)]
    frame = pd.concat(frames, ignore_index=True) if frames else _empty_frame()
    return frame, issues


