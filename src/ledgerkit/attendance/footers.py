"""A 勤務表's footer: the sheet's own summary under the days, and its stamp boxes.

Under the day rows (after a 合計 row, or in its place) a 勤務表 states its own figures —
出勤日数 | 21, 稼働時間 | 168:00, 合計勤務時間(h) | 168, 残業時間合計 | 0:00, each value beside
its label or below it — and leaves boxes for the stamps (承認 | 確認 | 印). None of it is
data. The labels (``ledgerkit.kinds.attendance.ATTENDANCE_FOOTER``) say what a figure is:
days worked, hours worked and overtime are checked against the rows read, the same way
as the 合計 row (a warning when they disagree, nothing when the figure is 0 or blank: a
formula never calculated); the rest (leave taken, scheduled hours, stamps) is listed as info.

A footer label opens the footer wherever it stands first — in the day column, or as the
first text of a row whose day cell is blank — unless the days go on below it (a date
cell, a day with its weekday, or day numbers counting up), which a footer does not do.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.attendance.cells import _DAY_TEXT, _hm, _nfkc, _safe, parse_duration
from ledgerkit.attendance.layout import _whole_key
from ledgerkit.detect.footers import FooterBlock, first_label_row, labelled_values
from ledgerkit.detect.walk import RowLog
from ledgerkit.kinds.attendance import ATTENDANCE_FOOTER

__all__ = ["footer_kind", "find_footer", "parse_count", "read_footer"]

_KINDS: dict[str, str] = {}
for _kind, _words in ATTENDANCE_FOOTER.items():
    for _w in _words:
        _KINDS.setdefault(_whole_key(_w), _kind)


def footer_kind(text: Any) -> str | None:
    """What a footer label is checked against: ``days``, ``hours``, ``overtime``, or ``other`` /
    ``stamp`` (listed); None for any other text.

    Examples:
        >>> footer_kind("合計勤務時間(h)"), footer_kind("出勤 日数"), footer_kind("【承認】"), footer_kind("設計")
        ('hours', 'days', 'stamp', None)
    """
    if not isinstance(text, str):
        return None
    key = _whole_key(text)
    return _KINDS.get(key) or _KINDS.get(_whole_key(key.strip("【】[]<>〈〉《》■□●○◆◇・")))


def parse_count(value: Any) -> int | None:
    """A count of days: a whole number, or text such as ``21``, ``21日``, ``２１ 日``; else None.

    Examples:
        >>> parse_count(21.0), parse_count("２１ 日"), parse_count("21日間"), parse_count(20.5), parse_count("abc")
        (21, 21, 21, None, None)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return int(value) if float(value).is_integer() and value >= 0 else None
    if not isinstance(value, str):
        return None
    m = re.fullmatch(r"(\d{1,4})(?:\.0+)?\s*(?:日間?|days?)?", _nfkc(value).strip(), re.I)
    return int(m.group(1)) if m else None


def _days_go_on(rows, start: int, end: int, day_col: int) -> bool:
    """Whether day rows follow ``start``: a date cell, a day written with its weekday or month
    (``15(水)``, ``10/15``), or two day numbers counting up (a footer's figures under their
    labels are one row of numbers)."""
    previous = None
    for r in range(start, end):
        v = rows[r][day_col] if day_col < len(rows[r]) else ""
        if isinstance(v, (dt.date, dt.datetime)):
            return True
        if isinstance(v, str):
            m = _DAY_TEXT.match(_nfkc(v).replace(" ", ""))
            # 15(水) or 10/15; not 21日, which may be a 出勤日数 figure under its label
            if m and (m.group(4) or m.group(2)):
                return True
            previous = None
            continue
        if isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1 <= v <= 31:
            if previous is not None and int(v) > previous:
                return True
            previous = int(v)
        else:
            previous = None
    return False


def find_footer(rows, start: int, end: int, *, day_col: int, last_col: int) -> int | None:
    """The first row of the footer in ``rows[start:end]`` (before any 合計 row), or None.

    Examples:
        >>> rows = [[1, "9:00"], [2, "9:00"], ["出勤日数", 2], ["稼働時間", "16:00"]]
        >>> find_footer(rows, 0, 4, day_col=0, last_col=1)
        2
        >>> find_footer([["承認"], [1], [2]], 0, 3, day_col=0, last_col=0) is None
        True
    """
    r = start
    while r < end:
        found = first_label_row(rows, r, end, label_col=day_col, last_col=last_col, kind_of=footer_kind)
        if found is None:
            return None
        if not _days_go_on(rows, found + 1, end, day_col):
            return found
        r = found + 1
    return None


def read_footer(log: RowLog, rows, start: int, end: int, records: list[dict], *, added_break: int = 0) -> FooterBlock:
    """Check the footer ``rows[start:end]`` against the records read; list what it holds.

    ``added_break``: minutes of statutory break ledgerkit took off the days (not the sheet's:
    its figures are compared with the hours before them).

    Adds ``sheet_total_mismatch`` (warning) for each figure that disagrees with the rows,
    and one ``attendance_footer`` (info) naming the rows and labels; returns the block
    (``other_rows``: rows holding something else, for the caller to list).
    """
    block = labelled_values(rows, start, end, footer_kind)
    if not block.values:
        return block
    checked: list[str] = []
    got = {
        "days": len({rec["date"] for rec in records}),
        "hours": sum(round(rec["hours"] * 60) for rec in records) + added_break,
        "overtime": sum(round(rec["overtime_hours"] * 60) for rec in records),
    }
    for item in block.values:
        if item.kind not in got or item.value is None:
            continue
        if item.kind == "days":
            stated = parse_count(item.value)
            shown = (str(stated), str(got["days"]))
        else:
            stated = _safe(parse_duration, item.value)
            shown = (_hm(stated), _hm(got[item.kind]))
        if not stated:
            # 0 or blank: a formula never calculated says nothing; an unreadable figure is listed only
            continue
        checked.append(item.label)
        off = abs(stated - got[item.kind]) > (0 if item.kind == "days" else 1)
        if off:
            log.note(item.value_row, "sheet_total_mismatch", column=item.label, value=item.value, total=shown[0],
                     sum=shown[1], field=item.label)
    rows_used = sorted({v.row for v in block.values} | {v.value_row for v in block.values if v.value_row is not None})
    labels = ", ".join(dict.fromkeys(v.label for v in block.values))
    log.note(None, "attendance_footer", severity="info", range=_rows_words(rows_used[0] + 1, rows_used[-1] + 1),
             labels=labels,
             checked={"ja": ", ".join(checked) or "なし", "en": ", ".join(checked) or "none"})
    return block


def _rows_words(first: int, last: int) -> dict[str, str]:
    """Excel rows ``first``-``last`` in words, in both languages (a message parameter).

    Examples:
        >>> _rows_words(38, 38)["en"], _rows_words(40, 42)["ja"]
        ('row 38', '40-42行')
    """
    if first == last:
        return {"ja": f"{first}行", "en": f"row {first}"}
    return {"ja": f"{first}-{last}行", "en": f"rows {first}-{last}"}
