"""``ledgerkit.triage``: which request first, who does it, and what slips when an urgent one arrives.

依頼一覧 and 担当者一覧 (through the one door) → each open request's deadline, remaining
effort and slack in business time from the as-of moment → the queue in priority order
(:mod:`~ledgerkit.workload.priority`) → each request planned on a person's capacity day
by day (:mod:`~ledgerkit.workload.planning`, :mod:`~ledgerkit.workload.capacity`) → the
load per person per day and the overloads (:mod:`~ledgerkit.workload.load`) → with
``new``, the same again without the new requests, and what moved
(:mod:`~ledgerkit.workload.whatif`) → a :class:`~ledgerkit.core.result.Result` of kind
``triage``.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass

from ledgerkit.calendars.business import business_calendar
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.workload.capacity import PersonPlan
from ledgerkit.workload.frames import requests_frame, table
from ledgerkit.workload.inputs import booked_hours, make_items, merged_stats, read_lists
from ledgerkit.workload.load import (
    LOAD_COLUMNS,
    OVERLOAD_COLUMNS,
    find_overloads,
    load_records,
    overload_records,
    shown_days,
)
from ledgerkit.workload.new import parse_as_of, read_new
from ledgerkit.workload.planning import plan_requests
from ledgerkit.workload.priority import Item, measure, rank
from ledgerkit.workload.report import write_triage
from ledgerkit.workload.settings import Settings, triage_settings
from ledgerkit.workload.staff import Staff, staff_list
from ledgerkit.workload.timeline import Timeline
from ledgerkit.workload.whatif import CHANGE_COLUMNS, compare_runs

Paths = Iterable[str | os.PathLike] | str | os.PathLike


@dataclass
class Run:
    """One planning of the requests: the items (decided), the people's plans, the overloads."""

    items: list[Item]
    plans: list[PersonPlan]
    overloads: list


def plan_run(records: list[dict], people: list[Staff], booked: dict, timeline: Timeline, settings: Settings,
             lang: str = "ja") -> Run:
    """Rank, plan and measure the load of the requests ``records`` on ``people``: no files read.

    The compute of a triage (the benchmark times this): everything after the reading.
    """
    items = make_items(records, settings)
    measure(items, timeline)
    queue = rank(items, settings)
    plans = [PersonPlan.build(p, timeline, settings, booked.get(p.name, {})) for p in people]
    plan_requests(queue, plans, settings)
    by_key = {i.key: i for i in items}
    return Run(items, plans, find_overloads(plans, by_key, timeline, settings, lang))


def triage(
    requests: Paths,
    staff: Paths,
    *,
    as_of: dt.datetime | dt.date | str | None = None,
    new: Iterable[str] | str = (),
    hours: Paths | None = None,
    config: Config | None = None,
    jobs: int | None = None,
) -> Result:
    """Rank the open requests, assign them to people by capacity and strengths, and show the load.

    ``requests``: 依頼一覧 workbooks (files, folders, globs); ``staff``: the 担当者一覧 (may be
    the same workbook). ``as_of``: the moment of the triage (a datetime, a date at the start
    of the working hours, text like ``"2026-12-01 09:00"``; default now in ``[triage] tz``).
    ``new``: urgent requests not in the list, each ``"件名=…,期限=…,見積工数=…,依頼者=…"``;
    the result then also says what they move. ``hours``: the hours consolidation
    (工数表) whose entries on planned days are time already booked. Every weight comes
    from ``[triage]`` in the config.

    Returns a Result of kind ``triage``: ``frame`` holds every request (the queue in rank
    order, then 保留 and 完了) with its rank, reasons, owner, planned start and finish and
    risk; ``tables["load"]`` the hours per person per business day, ``tables["overloads"]``
    who is over and the suggested move, ``tables["changes"]`` the requests ``new`` makes
    change owner, finish later or miss their deadline (empty without ``new``); ``issues`` every row and
    sheet not used. ``result.write("board.xlsx")`` writes the board.

    Examples:
        >>> r = triage("examples/triage/依頼一覧.xlsx", "examples/triage/担当者一覧.xlsx",
        ...            as_of="2026-12-01 09:00")                                  # doctest: +SKIP
        >>> r.frame[["rank", "subject", "owner", "reason"]].head(3)                 # doctest: +SKIP
    """
    config = config_or_found(config)
    lang = config.lang
    settings = triage_settings(config, lang=lang)
    moment = parse_as_of(as_of, settings, lang)
    new = [new] if isinstance(new, str) else list(new)
    req, stf = read_lists(requests, staff, config, moment.date(), settings, jobs=jobs)
    if not req.stats.sheets_read:
        raise InputError(messages.text("triage_no_requests", lang, where=", ".join(req.files) or "-"))
    people = staff_list(stf.frame, 7 - len(business_calendar(config, lang=lang).weekend))
    if not people:
        raise InputError(messages.text("triage_no_staff", lang))
    timeline = Timeline(moment, business_calendar(config, lang=lang), settings, settings.horizon_days)
    days = timeline.days[: timeline.horizon]
    issues = [*req.issues, *stf.issues]
    booked, files = {}, [*req.files, *stf.files]
    inputs = [req, stf]
    if hours is not None:
        empty = [PersonPlan(p, timeline) for p in people]
        booked, hours_result = booked_hours(hours, config, empty, days, lang)
        issues += hours_result.issues
        files += hours_result.files
        inputs.append(hours_result)
    records = req.frame.to_dict("records")
    new_records, new_issues = read_new(new, moment, settings, config, lang)
    issues += new_issues
    run = plan_run(records + new_records, people, booked, timeline, settings, lang)
    issues += _owner_issues(run.items)
    tables = _tables(run, timeline, settings, lang)
    changes: list[dict] = []
    if new_records:
        before = plan_run(records, people, booked, timeline, settings, lang)
        changes = compare_runs(before.items, run.items, moment.year, lang)
    # empty without ``new``: a script reads the same tables either way
    tables["changes"] = table(changes, CHANGE_COLUMNS, ints=("rank", "rank_before", "source_row"))
    meta = {
        "lang": lang, "as_of": moment, "settings": settings, "timeline": timeline, "people": [p.name for p in people],
        "new": new, "days": days[: shown_days(run.plans, settings, timeline)], "hours_given": hours is not None,
        "items": run.items, "plans": run.plans, "overloads": run.overloads, "changes": changes, "staff_rows": len(stf.frame),
    }
    return Result("triage", requests_frame(run.items, timeline, lang), issues, merged_stats(*inputs),
                  list(dict.fromkeys(files)), tables, meta, writer=write_triage)


def _tables(run: Run, timeline: Timeline, settings: Settings, lang: str) -> dict:
    by_key = {i.key: i for i in run.items}
    shown = shown_days(run.plans, settings, timeline)
    return {
        "load": table(load_records(run.plans, by_key, timeline, shown, lang), LOAD_COLUMNS),
        "overloads": table(overload_records(run.overloads, timeline, lang), OVERLOAD_COLUMNS, ints=("move_request",)),
    }


def _owner_issues(items: list[Item]) -> list[Issue]:
    """A 担当 who is not in the 担当者一覧: the request cannot be planned (it stays in the frame)."""
    return [Issue("triage_unknown_owner", i.source[0], i.source[1], i.source[2], value=i.owner, severity="warning",
                  params={"name": i.owner, "subject": i.subject}) for i in items if i.unknown_owner]
