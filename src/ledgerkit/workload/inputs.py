"""The triage's inputs, each through the one door: the 依頼一覧, the 担当者一覧, and (``--hours``)
the hours consolidation whose entries are time already booked.

**Booked hours** (``--hours``): the hours consolidation (``ledgerkit.hours.read_hours``:
工数表, day grids, long tables) gives hours per person per date. Every entry on a planned
business day of a person of the 担当者一覧 is time that person has already given that day
(meetings, routine work): the day's free capacity is its capacity less those hours (see
:mod:`ledgerkit.workload.capacity`). Entries of other days, and of people not in the
担当者一覧, are not used: one Issue says how many.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result, Stats
from ledgerkit.hours.workbooks import read_hours
from ledgerkit.intake.door import drop_read_elsewhere, gather, read_files, sheets_used
from ledgerkit.rules.figures import is_na
from ledgerkit.workload.planning import find_person
from ledgerkit.workload.priority import Item, due_datetime, remaining_hours
from ledgerkit.workload.requests import REQUEST_COLUMNS, RequestSheetReader
from ledgerkit.workload.settings import Settings
from ledgerkit.workload.staff import STAFF_COLUMNS, StaffSheetReader, finish_staff

def read_lists(requests: Any, staff: Any, config: Config, as_of: dt.date, settings: Settings,
               jobs: int | None = None) -> tuple[Result, Result]:
    """The 依頼一覧 and 担当者一覧 as two gathered Results. When both live in one workbook, a
    sheet holding one list is not reported as "no table" by the other's reader."""
    req = gather(read_files(requests, config, reader=RequestSheetReader(as_of, settings), jobs=jobs), "requests",
                 columns=REQUEST_COLUMNS, config=config)
    stf = gather(read_files(staff, config, reader=StaffSheetReader(as_of, settings), jobs=jobs), "staff",
                 finish=finish_staff, columns=STAFF_COLUMNS, config=config)
    for one, other in ((req, stf), (stf, req)):
        # a sheet of the other list: not "no table", nor figures unread, for this one
        one.issues = drop_read_elsewhere(one.issues, sheets_used(other.frame))
        one.stats.sheets_skipped = len({(i.file, i.sheet) for i in one.issues if i.scope == "sheet"})
    return req, stf


def merged_stats(*results: Result) -> Stats:
    """The accounting of several inputs, added up (a file read for two lists counts once)."""
    out = Stats()
    files = set()
    for r in results:
        for f in dataclasses.fields(Stats):
            if not f.name.startswith("files"):
                setattr(out, f.name, getattr(out, f.name) + getattr(r.stats, f.name))
        if not set(r.files) <= files:
            for f in ("files_found", "files_read", "files_skipped", "files_unreadable"):
                setattr(out, f, getattr(out, f) + getattr(r.stats, f))
        files |= set(r.files)
    return out


def booked_hours(paths: Any, config: Config, plans: list, days: list[dt.date],
                 lang: str = "ja") -> tuple[dict[str, dict[dt.date, float]], Result]:
    """Hours already booked, by person (their name in the 担当者一覧) and date, from ``paths``."""
    result = read_hours(paths, config)
    planned = set(days)
    booked: dict[str, dict[dt.date, float]] = {}
    unknown: dict[str, int] = {}
    outside = 0
    frame = result.frame
    for person, date, hours in zip(frame["person"].tolist(), frame["date"].tolist(), frame["hours"].tolist()):
        day = date.date() if hasattr(date, "date") else date
        plan = find_person(str(person or ""), plans)
        if plan is None:
            unknown[str(person or "")] = unknown.get(str(person or ""), 0) + 1
        elif day not in planned:
            outside += 1
        else:
            mine = booked.setdefault(plan.staff.name, {})
            mine[day] = mine.get(day, 0.0) + float(hours)
    for name, count in unknown.items():
        result.issues.append(Issue("triage_hours_unknown_person", scope="file", value=name,
                                   params={"name": name or "-", "count": count}))
    if outside:
        result.issues.append(Issue("triage_hours_outside", scope="file",
                                   params={"count": outside, "first": days[0].isoformat(), "last": days[-1].isoformat()}))
    return booked, result


def make_items(records: list[dict], settings: Settings) -> list[Item]:
    """The requests as :class:`~ledgerkit.workload.priority.Item`, in the order read."""
    items = []
    for order, r in enumerate(records):
        role = settings.role_of(r.get("role"), r.get("requester"), r.get("department"))
        level = r.get("importance_level")
        given = not is_na(level)
        due, has_time = due_datetime(r.get("due_date"), r.get("due_minutes"), settings)
        state = r["status"]
        owner = r.get("owner") or ""
        items.append(Item(
            key=(r["source_file"], r["source_sheet"], int(r["source_row"])), order=order, subject=r["subject"],
            category=r.get("category") or "", request_no=r.get("request_no") or "", requester=r.get("requester") or "",
            department=r.get("department") or "",
            role=role[1] if role else (r.get("role") or ""), role_level=role[0] if role else None,
            importance=r.get("importance") or "", importance_level=int(level) if given else settings.importance_default,
            importance_given=given, received=_date(r.get("received")), due=due, due_has_time=has_time, state=state,
            status_text=r.get("status_text") or "", effort=float(r["effort"]),
            remaining=max(0.0, remaining_hours(float(r["effort"]), _number(r.get("progress")),
                                               _number(r.get("remaining")))),
            owner_given=owner, is_new=r["source_file"] == "--new",
            source=(r["source_file"], r["source_sheet"], int(r["source_row"])),
        ))
    return items


def _number(value: Any) -> float | None:
    return None if is_na(value) else float(value)


def _date(value: Any) -> dt.date | None:
    if is_na(value):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None
