"""Calendars for the scheduler's tests, written by code: small .ics texts and 予定表 workbooks."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter


def event(summary: str, start: str, end: str | None = None, *more: str, uid: str | None = None) -> str:
    """A VEVENT; ``start``/``end`` are whole property lines (``DTSTART;TZID=Asia/Tokyo:20261208T100000``)
    or bare local stamps (``20261208T100000``, read as Asia/Tokyo)."""
    def line(name: str, value: str) -> str:
        return value if ":" in value else f"{name};TZID=Asia/Tokyo:{value}"

    lines = ["BEGIN:VEVENT", f"UID:{uid or summary + start}", "DTSTAMP:20261120T000000Z", f"SUMMARY:{summary}",
             line("DTSTART", start)]
    if end is not None:
        lines.append(line("DTEND", end))
    return "\r\n".join([*lines, *more, "END:VEVENT"])


def ics(path: Path, *events: str, header: str = "") -> Path:
    """Write a VCALENDAR holding ``events`` to ``path``."""
    parts = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//ledgerkit tests//JA", *header.splitlines(), *events,
             "END:VCALENDAR"]
    path.write_bytes(("\r\n".join(p for p in parts if p) + "\r\n").encode("utf-8"))
    return path


def workbook(path: Path, rows: list[list], *, title: str = "2026年12月 予定表",
             header: tuple[str, ...] = ("氏名", "日付", "開始", "終了", "件名")) -> Path:
    """A 予定表: a title row, a blank row, the header on Excel row 3, data from row 4.
    ``datetime.time`` values become time cells, ``datetime.date`` date cells."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("予定")
    tfmt, dfmt = wb.add_format({"num_format": "h:mm"}), wb.add_format({"num_format": "yyyy/m/d"})
    ws.write_string(0, 0, title)
    ws.write_row(2, 0, list(header))
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.time):
                ws.write_datetime(r, c, v, tfmt)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time(0)), dfmt)
            elif v is not None:
                ws.write(r, c, v)
    wb.close()
    return path
