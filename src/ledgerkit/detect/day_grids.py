"""Day grids: labels (project, task, person …) down, days 1..31 across.

A grid may run over a closing-day period (21 … 31, 1 … 20) and may put a 予定 block of
days beside the 実績 block; the 実績 days are the data.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, Synonyms, _label_row_above, _one_line, header_key
from ledgerkit.detect.long_tables import _table_end
from ledgerkit.detect.merged import _rows_of

__all__ = ["Grid", "day_of_header", "detect_day_grid", "split_period"]


_DAY_TEXT = re.compile(r"^(?:\d{1,2}\s*[/月]\s*)?(\d{1,2})\s*日?\s*(?:[\(（][^\)）]{1,3}[\)）])?$")
_WEEKDAYS = set("月火水木金土日") | {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def day_of_header(value: Any) -> int | dt.date | None:
    """The day a grid header cell stands for: 1..31, or a date.

    Examples:
        >>> day_of_header(1), day_of_header("15日"), day_of_header("３(水)"), day_of_header("合計")
        (1, 15, 3, None)
        >>> day_of_header("10/2"), day_of_header("10月3日(土)")
        (2, 3)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= value <= 31:
            return int(value)
        return None
    if isinstance(value, str) and len(value) <= 16:
        m = _DAY_TEXT.match(unicodedata.normalize("NFKC", value).strip())
        if m:
            day = int(m.group(1))
            return day if 1 <= day <= 31 else None
    return None


def _is_weekday_label(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    key = header_key(value).strip("()")
    return key in _WEEKDAYS or key.rstrip("曜日") in _WEEKDAYS


@dataclass
class Grid:
    """A day grid: labels (project, task, person…) down, days 1..31 across."""

    header_row: int
    data_start: int
    data_end: int
    #: column → day of month (int) or full date
    days: dict[int, int | dt.date]
    #: canonical label field → column
    labels: dict[str, int]
    #: columns after the days that hold totals (合計) — not data
    total_cols: list[int]
    columns: dict[int, str]
    others: list[str] = field(default_factory=list)
    #: day columns of a 予定 block beside the 実績 block (not data), and its label
    plan_cols: list[int] = field(default_factory=list)
    plan_label: str = ""

    @property
    def header_excel_row(self) -> int:
        return self.header_row + 1


def _day_run(row: list[Any]) -> dict[int, int | dt.date]:
    """The longest run of increasing day headers in a row.

    A closing-day period (締め日 20日: 21 … 31, 1 … 20) is one run: day numbers may
    start again at 1 once, after a day from 28 on. Which month each part belongs to is
    the reader's business (:func:`split_period`).

    Examples:
        >>> list(_day_run(["案件", *range(21, 32), *range(1, 21)]).values()) == [*range(21, 32), *range(1, 21)]
        True
    """
    best: dict[int, int | dt.date] = {}
    run: dict[int, int | dt.date] = {}
    last = None
    wrapped = False
    for c, v in enumerate(row):
        d = day_of_header(v)
        if d is None:
            if is_empty(v) and run:
                continue  # a blank column inside the days (a hidden or spacer column)
            if len(run) > len(best):
                best = run
            run, last = {}, None
            continue
        key = d.toordinal() if isinstance(d, dt.date) else d
        if last is not None and key <= last:
            if isinstance(d, int) and d == 1 and last >= 28 and not wrapped and run:
                # the next month of a closing-day period: the run goes on
                wrapped = True
                run[c] = d
                last = key
                continue
            if len(run) > len(best):
                best = run
            run, wrapped = {}, False
        run[c] = d
        last = key
    if len(run) > len(best):
        best = run
    return best


_PLAN_WORDS = ("予定", "計画", "見込", "予測", "plan", "forecast")
_ACTUAL_WORDS = ("実績", "actual")


def _plan_actual_blocks(rows, r: int) -> tuple[dict, list[int], str] | None:
    """A 予定 block and a 実績 block of days side by side, labelled in a row above the days:
    ``(days of 実績, day columns of 予定, the 予定 label)``, or None.

    Examples:
        >>> rows = [["", "予定", "", "", "実績", ""], ["案件", 1, 2, "", 1, 2]]
        >>> _plan_actual_blocks(rows, 1)
        ({4: 1, 5: 2}, [1, 2], '予定')
    """
    row = rows[r]
    blocks: list[dict] = []
    last = None
    for c, v in enumerate(row):
        d = day_of_header(v)
        if d is None:
            if not is_empty(v):
                last = None
                blocks.append({})
            continue
        key = d.toordinal() if isinstance(d, dt.date) else d
        if last is None or key <= last or not blocks:
            blocks.append({})
        blocks[-1][c] = d
        last = key
    blocks = [b for b in blocks if b]
    if len(blocks) < 2:
        return None
    kinds = []
    label = ""
    for i, b in enumerate(blocks):
        lo = max(blocks[i - 1]) + 1 if i else 0
        found = ""
        for rr in (r - 1, r - 2):
            if rr < 0:
                continue
            above = rows[rr]
            # the label at or left of the block's first day (a merged label is filled), else over it
            for c in [*range(min(b), lo - 1, -1), *range(min(b) + 1, max(b) + 1)]:
                if c < len(above) and isinstance(above[c], str) and above[c].strip():
                    found = above[c].strip()
                    break
            if found:
                break
        key = header_key(found)
        kinds.append("plan" if key.startswith(_PLAN_WORDS) else "actual" if key.startswith(_ACTUAL_WORDS) else "")
        if kinds[-1] == "plan" and not label:
            label = _one_line(found)
    if kinds.count("actual") != 1 or "plan" not in kinds:
        return None
    actual = blocks[kinds.index("actual")]
    plan = [c for b, k in zip(blocks, kinds) if k == "plan" for c in b]
    return actual, plan, label


def split_period(days: dict[int, int | dt.date]) -> tuple[list[int], list[int]]:
    """The day columns of a closing-day period: (columns of the earlier month, the rest).

    ``21 … 31, 1 … 20`` → the columns of 21 … 31, then those of 1 … 20. A grid of one
    month gives ``([], all columns)``.

    Examples:
        >>> split_period({2: 21, 3: 31, 4: 1, 5: 20})
        ([2, 3], [4, 5])
        >>> split_period({2: 1, 3: 2})
        ([], [2, 3])
    """
    cols = sorted(c for c, d in days.items() if isinstance(d, int))
    for i in range(1, len(cols)):
        if days[cols[i]] < days[cols[i - 1]]:
            return cols[:i], cols[i:]
    return [], cols


def grid_labels(rows, r: int, first_day: int, syn: Synonyms) -> tuple[dict[str, int], dict[int, str]]:
    """Fields named left of the days, in the days' row or, for a two-row header, the row above
    — only over a blank cell, and a 氏名 | 山田 pair above the header (told by what it holds left
    of the days) is the sheet's person, not a label: one column never stands for two fields."""
    row = rows[r]
    labels: dict[str, int] = {}
    names: dict[int, str] = {}
    # the row above is a 氏名 | 山田 pair only by what it holds left of the days (日 and 合計 over
    # the days and totals say nothing about it)
    above_is_pair = r > 0 and _label_row_above(list(rows[r - 1][:first_day]), list(row[:first_day]), {}, syn)
    for rr in (r, r - 1):
        if rr < 0 or (rr == r - 1 and above_is_pair):
            continue
        for c in range(min(first_day, len(rows[rr]))):
            v = rows[rr][c]
            if rr == r - 1 and c < len(row) and not is_empty(row[c]):
                continue
            f = syn.match(v)
            if f and f not in labels and c not in names:
                labels[f] = c
                names[c] = _one_line(str(v))
    return labels, names


def detect_day_grid(
    rows: list[list[Any]],
    label_fields: Mapping[str, Iterable[str]],
    *,
    need_any: Iterable[str] = ("project", "task"),
    scan_rows: int = HEADER_SCAN_ROWS,
    min_days: int = 15,
    total_words: Iterable[str] = (),
) -> Grid | None:
    """Find a header row with days across (1..31, ``1日``, dates) and labels to the left.

    Examples:
        >>> rows = [["2026年10月 工数", *[""] * 16],
        ...         ["案件", "作業", *range(1, 16), "合計"],
        ...         ["A-001", "設計", *[8] * 15, 120]]
        >>> g = detect_day_grid(rows, {"project": ["案件"], "task": ["作業"]})
        >>> g.header_excel_row, g.labels, len(g.days), g.total_cols, g.data_start
        (2, {'project': 0, 'task': 1}, 15, [17], 2)
    """
    rows = _rows_of(rows)
    syn = label_fields if isinstance(label_fields, Synonyms) else Synonyms(label_fields)
    need_any = set(need_any)
    for r in range(min(scan_rows, len(rows))):
        row = rows[r]
        days = _day_run(row)
        # 予定 | 実績 blocks of days side by side: the 実績 days are the data
        blocks = _plan_actual_blocks(rows, r) if r > 0 and len(days) >= min_days // 2 else None
        plan_cols, plan_label = [], ""
        if blocks is not None:
            days, plan_cols, plan_label = blocks
        if len(days) < min_days:
            continue
        first_day = min([*days, *plan_cols])
        labels, names = grid_labels(rows, r, first_day, syn)
        if not labels or (need_any and not need_any & labels.keys()):
            continue
        last_day = max(days)
        total_cols = []
        for c in range(last_day + 1, len(row)):
            v = row[c]
            if is_empty(v) or c in plan_cols:
                continue
            total_cols.append(c)
            names[c] = str(v).strip()
        for c, d in days.items():
            # the header as written (10/4, 4日) names the column in issues; a number or date as such
            v = row[c]
            names[c] = _one_line(v) if isinstance(v, str) else str(d) if isinstance(d, int) else d.isoformat()
        data_start = r + 1
        # a weekday row (月 火 水 …) under the day numbers is part of the header
        if data_start < len(rows):
            under = rows[data_start]
            marks = sum(1 for c in days if c < len(under) and _is_weekday_label(under[c]))
            if marks >= len(days) // 2:
                data_start += 1
        c0 = min(labels.values())
        data_end, others = _table_end(rows, data_start, c0, (max(total_cols) if total_cols else last_day) + 1, syn)
        return Grid(r, data_start, data_end, days, labels, total_cols, names, others, plan_cols, plan_label)
    return None
