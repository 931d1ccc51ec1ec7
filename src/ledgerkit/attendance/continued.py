"""A day written over two rows: the second row, with no day, holds the rest of the day's figures.

Some 勤務表 give each day two rows: 出社 | 退社 on the day's own row, 休憩 on the row below
(its day cell blank, or one cell merged down over both rows)::

    日付 | 曜日 | 出社 | 退社  | 休憩 | 備考
    10/1 | 木   | 9:00 | 18:30 |      |
         |      |      |       | 1:00 | 休憩
    10/2 | 金   | 9:00 | 18:30 |      |

Read row by row, the 休憩 row has no day and no span: it would be passed over, and every
day would count 9.5 h instead of 8.5 h. :func:`merge_continued_rows` finds such rows — no
day of their own, figures only in columns the day above left empty — and merges them into
that day. A row without a day whose figures clash with the day above is not merged: the
reader lists it with its Excel row.
"""

from __future__ import annotations

from typing import Any, Callable, Iterable

from ledgerkit.intake.cells import is_empty

__all__ = ["merge_continued_rows", "rows_merged_down"]


def rows_merged_down(merged: Iterable[tuple[int, int, int, int]], col: int) -> set[int]:
    """The rows under the top of a cell merged down over column ``col`` (0-based, inclusive ranges).

    Examples:
        >>> sorted(rows_merged_down([(5, 0, 6, 0), (7, 0, 7, 3), (9, 1, 10, 1)], 0))
        [6]
    """
    return {r for r0, c0, r1, c1 in merged if c0 <= col <= c1 and r1 > r0 for r in range(r0 + 1, r1 + 1)}


def merge_continued_rows(rows: list[list[Any]], rows_to_read: Iterable[int], *, day_col: int,
                         figure_cols: list[int], note_cols: list[int] = (),
                         merged_down: set[int] = frozenset(),
                         is_figure: Callable[[Any], bool] = lambda v: True) -> tuple[list[list[Any]], dict[int, int]]:
    """``rows`` with each row that continues the day above merged into it, and {that row: the day's row}.

    ``rows_to_read``: the data rows in order (blank, total and note rows left out: they end a
    day). A row continues the day above when its day cell is blank (or filled from a cell
    merged down, ``merged_down``), it has figures (``is_figure``: a time or a duration, not a
    word such as 確認), and every one of them is in a column (of ``figure_cols``) that the
    day's row — with the rows already merged into it — left empty. Notes (``note_cols``) are joined with `` / ``. ``rows`` is not changed.

    Examples:
        >>> rows = [["1", "9:00", "18:30", "", ""], ["", "", "", "1:00", "休憩"], ["2", "9:00", "18:00", "", ""],
        ...         ["", "10:00", "", "", ""]]
        >>> merged, into = merge_continued_rows(rows, range(4), day_col=0, figure_cols=[1, 2, 3], note_cols=[4])
        >>> merged[0], into
        (['1', '9:00', '18:30', '1:00', '休憩'], {1: 0})
        >>> rows[0]
        ['1', '9:00', '18:30', '', '']
    """
    out = rows
    into: dict[int, int] = {}
    day = None  # the row of the day being filled
    filled: set[int] = set()
    previous = None
    for r in rows_to_read:
        if previous is not None and r != previous + 1:
            day = None  # a blank, total or note row between: the day above has ended
        previous = r
        row = out[r]
        figures = {c for c in figure_cols if c < len(row) and not is_empty(row[c])}
        has_day = day_col < len(row) and not is_empty(row[day_col]) and r not in merged_down
        if has_day:
            day, filled = r, figures
            continue
        if not figures:
            continue
        if day is None or not figures.isdisjoint(filled) or not all(is_figure(row[c]) for c in figures):
            if r not in merged_down:
                day = None  # a row of its own (listed by the reader): the rows under it are not the day's
            continue
        if out is rows:
            out = list(rows)
        target = out[day] = list(out[day])
        width = max(len(target), len(row))
        target.extend([""] * (width - len(target)))
        for c in figures:
            target[c] = row[c]
        for c in note_cols:
            if c < len(row) and not is_empty(row[c]):
                target[c] = row[c] if is_empty(target[c]) else f"{target[c]} / {row[c]}"
        filled = filled | figures
        into[r] = day
    return out, into
