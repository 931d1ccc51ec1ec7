"""Day grids whose label column has no known header: projects down, days across, as people write them.

:func:`~ledgerkit.detect.day_grids.detect_day_grid` needs a 案件 or 作業 header left of the
days. Real sheets also write ``業務``, ``PJ名称`` or nothing over the projects, and put the
labels in a row above the days together with ``日`` (merged over the days) and ``合計`` —
which reads like a 氏名 | 山田 pair and hides them. :func:`detect_loose_day_grid` finds such
a grid by its days and by its content: the first column left of the days whose cells are
text (the projects), under rows whose day cells are mostly hours.

Examples:
    >>> rows = [["2026年10月"], ["業務", *range(1, 16), "合計"], ["A-1", *[8] * 15, 120], ["B-2", 1, *[""] * 14, 1]]
    >>> g = detect_loose_day_grid(rows, {"project": ["案件"], "task": ["作業"]})
    >>> g.header_excel_row, g.labels, len(g.days), g.total_cols, g.columns[0]
    (2, {'project': 0}, 15, [16], '業務')
"""

from __future__ import annotations

from typing import Any, Iterable, Mapping

from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.day_grids import Grid, _day_run, _is_weekday_label, grid_labels
from ledgerkit.detect.evidence import Evidence, column_evidence, looks_like_hours
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, Synonyms, _one_line
from ledgerkit.detect.long_tables import _table_end
from ledgerkit.detect.merged import _rows_of
from ledgerkit.detect.project_columns import is_not_project_header
from ledgerkit.parse.text import is_total_label

__all__ = ["detect_loose_day_grid"]


def _text_column(rows, start: int, end: int, first_day: int, taken: Iterable[int]) -> int | None:
    """The first column left of the days whose filled cells are mostly text (a project's code or name)."""
    taken = set(taken)
    for c in range(first_day):
        if c in taken:
            continue
        found = column_evidence(rows, c, start, end, lambda v: isinstance(v, str) and not is_total_label(v))
        if not found.mostly(0.8):
            continue
        # rows named 出勤 | 退勤 | 休憩 are a 勤務表 across the days, not projects
        named = column_evidence(rows, c, start, end, lambda v: not is_not_project_header(v))
        if named.mostly(0.5):
            return c
    return None


def detect_loose_day_grid(
    rows: list[list[Any]],
    label_fields: Mapping[str, Iterable[str]],
    *,
    scan_rows: int = HEADER_SCAN_ROWS,
    min_days: int = 15,
    max_hours: float = 24.0,
) -> Grid | None:
    """A day grid (days 1..31 or dates across) whose projects are told by their content."""
    rows = _rows_of(rows)
    syn = label_fields if isinstance(label_fields, Synonyms) else Synonyms(label_fields)
    for r in range(min(scan_rows, len(rows))):
        row = rows[r]
        days = _day_run(row)
        if len(days) < min_days:
            continue
        first_day, last_day = min(days), max(days)
        labels, names = grid_labels(rows, r, first_day, syn)
        data_start = r + 1
        if data_start < len(rows):
            under = rows[data_start]
            if sum(1 for c in days if c < len(under) and _is_weekday_label(under[c])) >= len(days) // 2:
                data_start += 1
        data_end, others = _table_end(rows, data_start, 0, last_day + 1, syn)
        if not {"project", "task"} & labels.keys():
            c = _text_column(rows, data_start, data_end, first_day, labels.values())
            if c is None:
                continue
            labels["project"] = c
            # its header as written: in the days' row, else over it (業務 over 日, merged over the days)
            above = rows[r - 1][c] if r > 0 and c < len(rows[r - 1]) else ""
            head = next((v for v in (row[c] if c < len(row) else "", above) if isinstance(v, str) and v.strip()), "")
            names[c] = names.get(c) or (_one_line(head) if head else column_letter(c))
        # the day cells must be mostly hours: a calendar or a shift table is no grid of hours
        evidence = sum((column_evidence(rows, c, data_start, data_end, lambda v: looks_like_hours(v, max_hours))
                        for c in days), Evidence())
        if not evidence.mostly(0.8):
            continue
        total_cols = [c for c in range(last_day + 1, len(row)) if not is_empty(row[c])]
        for c in total_cols:
            names[c] = _one_line(str(row[c]))
        for c, d in days.items():
            v = row[c]
            names[c] = _one_line(v) if isinstance(v, str) else str(d) if isinstance(d, int) else d.isoformat()
        return Grid(r, data_start, data_end, days, labels, total_cols, names, others)
    return None
