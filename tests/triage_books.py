"""依頼一覧 and 担当者一覧 workbooks for the triage's tests, written by code, and records for
the planner without any file.

``requests_book`` and ``staff_book`` write a title row, a blank row and the header on Excel
row 3, data from row 4 (so the Excel row of ``rows[i]`` is ``i + 4``). ``datetime.datetime``
values become date-time cells, ``datetime.date`` date cells, numbers number cells.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

REQUEST_HEADER = ("件名", "種別", "依頼者", "期限", "見積工数", "担当", "状態")
STAFF_HEADER = ("氏名", "1日の稼働時間", "得意", "不得意", "休暇")


def _book(path: Path, sheet: str, title: str, header, rows) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    dfmt, tfmt = wb.add_format({"num_format": "yyyy/m/d"}), wb.add_format({"num_format": "yyyy/m/d h:mm"})
    if title:
        ws.write_string(0, 0, title)
    ws.write_row(2, 0, list(header))
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, tfmt)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time(0)), dfmt)
            elif isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(r, c, v)
            elif v not in (None, ""):
                ws.write_string(r, c, str(v))
    wb.close()
    return path


def requests_book(path: Path, rows, *, header=REQUEST_HEADER, title: str = "依頼管理表", sheet: str = "依頼一覧") -> Path:
    return _book(path, sheet, title, header, rows)


def staff_book(path: Path, rows, *, header=STAFF_HEADER, title: str = "担当者一覧", sheet: str = "担当者") -> Path:
    return _book(path, sheet, title, header, rows)


def record(subject: str, due: dt.datetime | dt.date | None, effort: float, *, owner: str = "", category: str = "",
           role: str = "", requester: str = "", importance: int | None = None, received: dt.date | None = None,
           status: str = "open", row: int = 4, progress: float | None = None, remaining: float | None = None) -> dict:
    """One row of the requests frame, as the sheet reader makes it (for the planner alone)."""
    due_date = due.date() if isinstance(due, dt.datetime) else due
    due_minutes = due.hour * 60 + due.minute if isinstance(due, dt.datetime) else None
    return {"request_no": "", "received": received, "requester": requester, "role": role, "department": "",
            "subject": subject, "category": category, "due_date": due_date, "due_minutes": due_minutes,
            "effort": float(effort), "effort_given": True, "owner": owner, "status": status, "status_text": "",
            "importance": "" if importance is None else "x", "importance_level": importance, "progress": progress,
            "remaining": remaining, "source_file": "t.xlsx", "source_sheet": "依頼一覧", "source_row": row}
