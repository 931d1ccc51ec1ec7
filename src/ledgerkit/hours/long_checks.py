"""A long table's own figures, checked against what was read: its 合計 rows, and columns of
hours that no field reads.

* **合計 / 小計 rows.** ``日付 | 氏名 | 案件 | 時間 … 合計 | | | 25:00``: the figure in the hours
  column of a total row is compared with the hours of the rows read above it — since the
  previous 合計/小計 row (a person's 小計), or the whole table (a 合計 under 小計 rows). It
  agrees when it equals either (to the minute), or either with the hours of the rows rejected
  in that stretch (their errors already say why they are not counted); else
  ``sheet_total_mismatch`` (warning). A figure in ``h:mm`` (``"25:00"``, a ``[h]:mm`` cell) is
  shown in ``h:mm``.
* **Columns of hours read into nothing.** A column beside the table's 工数 that holds mostly
  hours on the rows read, under a header that names no field and nothing else (曜日, 出勤,
  休憩, No …), is a column of hours that nobody counts (``PJ-205 実績`` beside the 実績 taken
  as 工数): ``unread_hours_column`` (warning) with its total. A 予定 / 計画 column is a plan:
  ``plan_columns`` (info).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.detect.evidence import looks_like_hours
from ledgerkit.detect.project_columns import is_not_project_header, plan_or_actual
from ledgerkit.hours.frame import _hours_text
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError

__all__ = ["check_total_rows", "unread_hours_columns", "hm_text"]

#: two sums of hours agree to the minute
_MINUTE = 1 / 60 + 1e-9
#: share of a column's filled cells (on the rows read) that must be hours for it to be one
_HOURS_SHARE = 0.8


def hm_text(hours: float) -> str:
    """Hours as ``h:mm``.

    Examples:
        >>> hm_text(33), hm_text(7.75), hm_text(0.5)
        ('33:00', '7:45', '0:30')
    """
    minutes = round(hours * 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def _is_clock(v: Any) -> bool:
    """A figure written as ``h:mm`` (text, a time or a duration cell)."""
    return isinstance(v, (dt.time, dt.timedelta, dt.datetime)) or isinstance(v, str) and ":" in v


def _stated(v: Any) -> float | None:
    try:
        return parse_hours(v)
    except (CellValueError, TypeError):
        return None


def check_total_rows(table, hours_cells: list, good: dict[int, float], rejected: dict[int, float],
                     totals: set[int], factor: float, file: str, sheet: str) -> list[Issue]:
    """``sheet_total_mismatch`` for each total row whose hours disagree with the rows above it.

    ``hours_cells`` is the hours column of the table's body; ``good`` the hours (h) of each row
    read, by index into the body; ``rejected`` the hours of rows rejected for another cell;
    ``totals`` the indexes of the 合計/小計 rows; ``factor`` the sheet's unit (人日 × 8).
    """
    issues: list[Issue] = []
    since = whole = since_bad = whole_bad = 0.0
    column = table.columns[table.mapping["hours"]]
    for i in sorted({*good, *rejected, *totals}):
        if i in good:
            since, whole = since + good[i], whole + good[i]
        elif i in rejected:
            since_bad, whole_bad = since_bad + rejected[i], whole_bad + rejected[i]
        else:
            v = hours_cells[i]
            stated = _stated(v)
            if stated:
                stated *= factor
                agrees = (since, whole, since + since_bad, whole + whole_bad)
                if all(abs(stated - s) > _MINUTE for s in agrees):
                    shown = hm_text if _is_clock(v) else _hours_text
                    issues.append(Issue(
                        "sheet_total_mismatch", file, sheet, table.data_start + i + 1, column=column,
                        value=str(v) if isinstance(v, str) else shown(stated), severity="warning",
                        params={"total": shown(stated), "sum": shown(round(since if since or since_bad else whole, 4)),
                                "field": column}))
            since = since_bad = 0.0
    return issues


def plan_columns_issue(file: str, sheet: str, header_row: int, columns: dict[int, str]) -> Issue:
    """The 予定 (plan) columns a sheet holds beside its hours worked: listed (info), never read."""
    return Issue("plan_columns", file, sheet, header_row, params={
        "value": ", ".join(columns.values()), "range": "・".join(map(column_letter, columns))})


def unread_hours_issue(file: str, sheet: str, header_row: int, column: int, header: str, hours: list[float]) -> Issue:
    """A column of hours nothing reads (a warning naming it, how many cells and their sum)."""
    return Issue("unread_hours_column", file, sheet, header_row, column=header, severity="warning", scope="sheet",
                 params={"column": header, "range": column_letter(column), "rows": len(hours),
                         "sum": _hours_text(round(sum(hours), 4))})


def unread_hours_columns(table, columns: dict[int, list], extra_cols: dict[int, str], keep: list[int],
                         max_hours: float, file: str, sheet: str) -> list[Issue]:
    """A warning for each column beside the table that holds hours no field reads, and the
    table's 予定 columns (info)."""
    issues: list[Issue] = []
    plans: list[int] = []
    for c, header in extra_cols.items():
        kind = plan_or_actual(header.split()[-1] if header.split() else header)
        if kind != "plan" and is_not_project_header(header):
            continue
        cells = [v for v in (columns[c][i] for i in keep) if not is_empty(v)]
        good = [v for v in cells if looks_like_hours(v, max_hours)]
        if len(good) < 2 or len(good) < _HOURS_SHARE * len(cells):
            continue
        hours = [_stated(v) or 0.0 for v in good]
        if not sum(hours):
            continue
        if kind == "plan":
            plans.append(c)
            continue
        issues.append(unread_hours_issue(file, sheet, table.header_excel_row, c, header, hours))
    if plans:
        issues.insert(0, plan_columns_issue(file, sheet, table.header_excel_row, {c: extra_cols[c] for c in plans}))
    return issues
