"""The report of ``ledgerkit triage -o``: ``board.xlsx`` (優先順位, 担当別 board, 期限リスク, 過負荷,
影響 with ``--new``, 負荷, Issues; each A4 landscape with its header row repeated on every
printed page), or the requests as ``.csv`` / ``.json`` / ``-`` with machine-readable columns.

The workbook is the same bytes for the same inputs and as-of moment: its creation time is
the as-of moment, not the clock.
"""

from __future__ import annotations

import math
import os
import unicodedata
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ledgerkit.core import messages
from ledgerkit.intake.files import REPORT_MARK
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.xlsx_cells import RULE_COLOUR
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.rules.figures import is_na
from ledgerkit.workload.board import add_board
from ledgerkit.workload.frames import (
    ASSIGNED_WORDS,
    HEADINGS,
    KIND_WORDS,
    RISK_WORDS,
    STATE_WORDS,
    pick,
)
from ledgerkit.workload.settings import Settings

#: the columns of the printed 優先順位 sheet
_QUEUE_SHEET = ["rank", "subject", "category", "requester", "due", "status", "remaining", "owner", "planned_start",
                "planned_finish", "risk", "reason", "assign_reason", "source_row"]
_CHANGES_SHEET = ["rank", "rank_before", "subject", "due", "owner_before", "owner_after", "finish_before",
                  "finish_after", "delay_hours", "change", "source_row"]
_RISK_SHEET = ["rank", "subject", "due", "remaining", "owner", "planned_finish", "risk", "earliest_finish",
               "earliest_owner", "reason", "assign_reason", "source_row"]
#: long texts wrapped in columns of these widths, so that a sheet prints legibly on A4
_WIDTHS = {"reason": 36, "assign_reason": 24, "suggestion": 44, "change": 30, "requests": 44, "subject": 22,
           "category": 8, "requester": 10, "status": 7, "risk": 9, "owner": 10, "earliest_owner": 10,
           "owner_before": 10, "owner_after": 10}
_FORMATS = {"rank": "rowno", "source_row": "rowno", "due": "datetime", "planned_start": "datetime",
            "planned_finish": "datetime", "earliest_finish": "datetime", "finish_before": "datetime",
            "finish_after": "datetime", "remaining": "hours", "effort": "hours", "rank_before": "rowno",
            "move_request": "rowno", "delay_hours": "hours", "capacity": "hours", "booked": "hours",
            "planned": "hours", "free": "hours", "load": "percent", "load_hours": "hours", "date": "date",
            "first_day": "date", "last_day": "date", "request_no": "text", "subject": "text", "owner": "text",
            "requester": "text"}
_RISK_SEVERITY = {"overdue": "error", "at_risk": "warning", "unplanned": "warning"}


def conditions(meta: dict[str, Any], lang: str = "ja") -> str:
    """One line of what the triage assumed: the as-of moment, the working hours, lunch.

    Examples:
        >>> import datetime as dt
        >>> from ledgerkit.workload.settings import triage_settings
        >>> conditions({"as_of": dt.datetime(2026, 12, 1, 9), "settings": triage_settings()})
        '2026/12/1 9:00 時点、営業日 9:00〜18:00 (昼休み 12:00〜13:00)'
    """
    s: Settings = meta["settings"]
    moment = meta["as_of"]
    clock = lambda m: f"{m // 60}:{m % 60:02d}"
    dash = "〜" if lang == "ja" else "–"
    lunch = messages.text("triage_cond_lunch", lang, lunch=dash.join(map(clock, s.lunch))) if s.lunch else ""
    return messages.text("triage_conditions", lang, as_of=f"{moment.year}/{moment.month}/{moment.day} {clock(moment.hour * 60 + moment.minute)}",
                         hours=dash.join(map(clock, s.hours)), lunch=lunch)


def _words(frame, lang: str):
    out = frame.copy()
    if "status" in out:
        out["status"] = [pick(STATE_WORDS[s], lang) if s in STATE_WORDS else s for s in out["status"].tolist()]
    if "risk" in out:
        out["risk"] = [pick(RISK_WORDS[r], lang) if r in RISK_WORDS else "" for r in out["risk"].tolist()]
    if "assigned_by" in out:
        out["assigned_by"] = [pick(ASSIGNED_WORDS[a], lang) if a in ASSIGNED_WORDS else "" for a in out["assigned_by"].tolist()]
    if "kind" in out:
        out["kind"] = [pick(KIND_WORDS[k], lang) if k in KIND_WORDS else k for k in out["kind"].tolist()]
    for col in ("over", "owner_changed", "later", "now_late"):
        if col in out:
            out[col] = ["○" if v else "" for v in out[col].tolist()]
    return out


def write_triage(result, target: str | os.PathLike, *, lang: str = "ja", inputs: Iterable[Any] = (),
                 overwrite: bool = False, **_: Any) -> None:
    """Write a ``triage`` Result: ``.xlsx`` as the board, ``.csv``/``.json``/``-`` as the requests."""
    if os.fspath(target) == "-" or Path(target).suffix.lower() != ".xlsx":
        write_frame(result.frame, target, inputs=inputs, lang=lang, overwrite=overwrite)
        return
    meta = result.meta
    headings = {c: pick(h, lang) for c, h in HEADINGS.items()}
    frame = result.frame
    with XlsxReport(target, inputs=inputs, lang=lang, overwrite=overwrite) as report:
        # the same bytes for the same run: the workbook's creation time is the as-of moment
        report.workbook.set_properties({"author": "ledgerkit", "comments": REPORT_MARK, "created": meta["as_of"]})
        title = messages.text("triage_sheet_queue_title", lang, conditions=conditions(meta, lang))
        _table(report, "queue", frame[_QUEUE_SHEET], headings, lang, title, risk=frame["risk"].tolist(),
               new=frame["new"].tolist())
        add_board(report, result, lang)
        risks = frame[frame["risk"] != ""]
        _table(report, "risks", risks[_RISK_SHEET], headings, lang,
               messages.text("triage_sheet_risks_title", lang, count=len(risks)), risk=risks["risk"].tolist())
        overloads = result.tables["overloads"]
        _table(report, "overloads", overloads, headings, lang,
               messages.text("triage_sheet_overloads_title", lang, count=len(overloads),
                             share=f"{round(meta['settings'].weekly_share * 100)}%"))
        if meta["new"]:
            changes = result.tables["changes"]
            _table(report, "changes", changes[_CHANGES_SHEET], headings, lang,
                   messages.text("triage_sheet_changes_title", lang, count=len(changes), new=len(meta["new"])))
        _table(report, "load", result.tables["load"], headings, lang, messages.text("triage_sheet_load_title", lang))
        issues = report.add_issues(result.issues, lang=lang)
        issues.worksheet.repeat_rows(issues.header_row)


def _table(report, key: str, frame, headings: dict, lang: str, title: str, *, risk: list | None = None,
           new: list | None = None) -> None:
    name = messages.text(f"triage_sheet_{key}", lang)
    for pos, r in enumerate(risk or []):
        if r in _RISK_SEVERITY:
            report.highlight(name, pos, "risk", _RISK_SEVERITY[r])
    for pos, flag in enumerate(new or []):
        if flag:
            report.highlight(name, pos, "subject", "info")
    formats = {c: k for c, k in _FORMATS.items() if c in frame.columns}
    shown = _words(frame, lang)
    ref = report.add_table(name, shown, formats=formats, headings=headings, title=title)
    ws = ref.worksheet
    # a long list prints on several A4 pages: each repeats the header row
    ws.repeat_rows(ref.header_row)
    _short_times(report, ref, shown)
    wrap = report.workbook.add_format({"text_wrap": True})
    wrapped = {}
    for column, width in _WIDTHS.items():
        if column in ref.columns:
            ws.set_column(ref.columns[column], ref.columns[column], width, wrap)
            wrapped[column] = width
    _fit_rows(ws, ref.first_row, shown, wrapped)


#: dates with times on the printed sheets: 12/3 17:00 (the full date is in the cell)
_SHORT_TIME = "m/d h:mm"
_TIME_COLUMNS = ("due", "planned_start", "planned_finish", "earliest_finish", "finish_before", "finish_after")


def _short_times(report, ref, frame) -> None:
    """Date-times shown as ``12/3 17:00`` (narrow columns, so that the sheet prints legibly)."""
    # level with the wrapped texts beside them, ruled under as the table's other cells
    fmt = report.workbook.add_format({"num_format": _SHORT_TIME, "valign": "vcenter", "bottom": 1,
                                      "bottom_color": RULE_COLOUR})
    for column in _TIME_COLUMNS:
        if column not in ref.columns:
            continue
        c = ref.columns[column]
        for r, value in enumerate(frame[column].tolist()):
            if not is_na(value):
                ref.worksheet.write_datetime(ref.first_row + r, c, value.to_pydatetime()
                                             if hasattr(value, "to_pydatetime") else value, fmt)
        ref.worksheet.set_column(c, c, 11)


def _fit_rows(ws, first: int, frame, wrapped: dict[str, float]) -> None:
    """Row heights for the wrapped texts (a viewer that does not fit rows itself prints them whole)."""
    if not wrapped:
        return
    columns = {c: frame[c].tolist() for c in wrapped}
    for r in range(len(frame)):
        lines = max(math.ceil(_display_width(columns[c][r]) / max(wrapped[c] - 1, 1)) for c in wrapped)
        if lines > 1:
            ws.set_row(first + r, _LINE_HEIGHT * lines)


_LINE_HEIGHT = 15


def _display_width(value: Any) -> int:
    text = "" if is_na(value) else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
