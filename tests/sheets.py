"""Small helpers that write test workbooks from Python lists (readable in a diff)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable, Mapping

import xlsxwriter


def make_xlsx(
    path: Path,
    sheets: Mapping[str, list[list[Any]]],
    *,
    hidden: Iterable[str] = (),
    very_hidden: Iterable[str] = (),
    merges: Mapping[str, list[tuple[int, int, int, int]]] | None = None,
) -> Path:
    """Write ``sheets`` (name → rows) to ``path``; dates get a date format, times h:mm.

    ``merges`` are (first_row, first_col, last_row, last_col), 0-based, and keep the value
    already written in the first cell.
    """
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    date_fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    time_fmt = wb.add_format({"num_format": "h:mm"})
    merges = merges or {}
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, dt.datetime):
                    ws.write_datetime(r, c, v, date_fmt)
                elif isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date_fmt)
                elif isinstance(v, dt.time):
                    ws.write_datetime(r, c, dt.datetime.combine(dt.date(1899, 12, 31), v), time_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
        for r0, c0, r1, c1 in merges.get(name, []):
            first = rows[r0][c0] if r0 < len(rows) and c0 < len(rows[r0]) else ""
            ws.merge_range(r0, c0, r1, c1, first if isinstance(first, str) else "")
            if not isinstance(first, str):
                ws.write(r0, c0, first)
        if name in hidden:
            ws.hide()
        if name in very_hidden:
            ws.very_hidden()
    wb.close()
    return path


def grid_rows(
    year: int,
    month: int,
    entries: Mapping[tuple[str, str], Mapping[int, Any]],
    *,
    title: str | None = None,
    person: str | None = None,
    weekday_row: bool = True,
    total: bool = True,
) -> list[list[Any]]:
    """A day grid: (project, task) rows, days 1..n across, optional title, 氏名 and 合計."""
    import calendar

    n = calendar.monthrange(year, month)[1]
    rows: list[list[Any]] = []
    if title:
        rows.append([title])
    if person:
        rows.append(["氏名", person])
    rows.append([])
    rows.append(["案件", "作業", *range(1, n + 1), *(["合計"] if total else [])])
    if weekday_row:
        rows.append(["", "", *["月火水木金土日"[dt.date(year, month, d).weekday()] for d in range(1, n + 1)]])
    for (project, task), days in entries.items():
        row: list[Any] = [project, task, *[days.get(d, "") for d in range(1, n + 1)]]
        if total:
            row.append(sum(v for v in days.values() if isinstance(v, (int, float))))
        rows.append(row)
    if total:
        rows.append(["合計"])
    return rows
