"""The report of ``ledgerkit schedule -o``: ``.xlsx`` (candidates, busy blocks with where each
came from, Issues; A4, the header row repeated on every printed page) or the candidates
as ``.csv`` / ``.json`` / ``-``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.core import messages
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.scheduling.frames import HEADINGS
from ledgerkit.scheduling.labels import format_day, format_duration
from ledgerkit.scheduling.options import format_minutes

_SHEETS = {"slots": ("候補日時", "Candidates"), "nearest": ("近い候補", "Nearest slots"), "busy": ("予定", "Busy")}
_STATUS = {"busy": ("予定あり", "busy"), "tentative": ("仮の予定", "tentative")}
_SLOT_FORMATS = {"rank": "rowno", "back_to_back": "int"}
#: the columns of the printed candidates sheet (the date and times are in 日時; the counts in 参加)
_SLOT_SHEET = ["rank", "proposed", "slot", "note", "required_busy", "optional_free_names", "optional_busy_names",
               "tentative", "back_to_back"]
_BUSY_FORMATS = {"start": "datetime", "end": "datetime", "source_row": "rowno", "summary": "text", "person": "text"}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def conditions(meta: dict[str, Any], lang: str = "ja") -> str:
    """One line of what was searched: the window, the length, the hours, lunch, buffer, who.

    Examples:
        >>> import datetime as dt
        >>> meta = {"first": dt.date(2026, 12, 7), "last": dt.date(2026, 12, 18), "duration": 60,
        ...         "hours": (540, 1080), "lunch": (720, 780), "buffer": 15, "required": ["a", "b"], "optional": ["c"]}
        >>> conditions(meta)
        '12月7日(月)〜12月18日(金)の営業日 9:00〜18:00 (昼休み 12:00〜13:00、前後 15分空ける) に 1時間: 必須 2人、任意 1人'
    """
    dash = "–" if lang == "en" else "〜"
    hours = dash.join(format_minutes(m) for m in meta["hours"])
    lunch = dash.join(format_minutes(m) for m in meta["lunch"]) if meta.get("lunch") else ""
    extra = []
    if lunch:
        extra.append(messages.text("sched_cond_lunch", lang, lunch=lunch))
    if meta.get("buffer"):
        extra.append(messages.text("sched_cond_buffer", lang, buffer=meta["buffer"]))
    sep = "、" if lang == "ja" else ", "
    return messages.text(
        "sched_conditions", lang, first=format_day(meta["first"], lang), last=format_day(meta["last"], lang),
        hours=hours, extra=f" ({sep.join(extra)})" if extra else "", duration=format_duration(meta["duration"], lang),
        required=len(meta["required"]), optional=len(meta["optional"]),
    )


def write_slots(result, target: str | os.PathLike, *, lang: str = "ja", inputs: Iterable[Any] = (),
                overwrite: bool = False, **_: Any) -> None:
    """Write a ``slots`` Result: ``.xlsx`` as the report, ``.csv``/``.json``/``-`` as the
    candidates (the nearest slots when there is none), with machine-readable column names."""
    frame = result.frame if result.meta.get("found", True) or "nearest" not in result.tables else result.tables["nearest"]
    if os.fspath(target) == "-" or Path(target).suffix.lower() != ".xlsx":
        write_frame(frame, target, inputs=inputs, lang=lang, overwrite=overwrite)
        return
    meta = result.meta
    headings = {c: _pick(h, lang) for c, h in HEADINGS.items()}
    found = meta.get("found", True)
    title = conditions(meta, lang) if found else (messages.text("sched_none_title", lang) + " — " + conditions(meta, lang))
    sheet = frame[_SLOT_SHEET].copy()
    sheet["proposed"] = ["○" if p else "" for p in sheet["proposed"].tolist()]
    with XlsxReport(target, inputs=inputs, lang=lang, overwrite=overwrite) as report:
        name = _pick(_SHEETS["slots" if found else "nearest"], lang)
        for pos, proposed in enumerate(frame["proposed"].tolist()):
            if proposed:
                report.highlight(name, pos, "slot", "info")
        ref = report.add_table(name, sheet, formats=_SLOT_FORMATS, headings=headings, title=title)
        _print_setup(ref)
        busy = result.tables["busy"].copy()
        busy["status"] = [_pick(_STATUS.get(s, (s, s)), lang) for s in busy["status"].tolist()]
        busy["all_day"] = [("終日" if lang == "ja" else "all day") if v else "" for v in busy["all_day"].tolist()]
        ref = report.add_table(_pick(_SHEETS["busy"], lang), busy, formats=_BUSY_FORMATS, headings=headings,
                               title=messages.text("sched_busy_title", lang, tz=meta.get("tz", "")))
        _print_setup(ref)
        report.add_issues(result.issues, lang=lang)


def _print_setup(ref) -> None:
    # a long list prints on several A4 pages: each repeats the header row
    ref.worksheet.repeat_rows(ref.header_row)
