"""The team's load: per person per business day, booked and planned against capacity; who is
overloaded, by which requests, and one move that would help.

The plan fills each person's days from the earliest (as soon as possible), so a busy
person's days show full even with work that could wait. Being **overloaded** is measured
on what cannot wait:

* a **day** is over when booked + planned hours are above 100 % of its capacity (only
  hours booked with ``--hours`` can do that: the plan never goes past the free minutes);
* a **week** (Monday to Sunday) is over when the hours booked in it plus the remaining
  effort of the person's requests **due** in it (the as-of week: also the overdue ones)
  are above ``[triage] weekly_share`` of the week's capacity.

Each overload names those requests (highest priority first) and suggests one move: the
lowest-priority of them that is not 対応中, to the person who after taking it stays within
the weekly share that week and has the free time for it and their own work due by its
deadline; among those, someone not 不得意 at its 種別, then 得意, then the lowest load.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from dataclasses import dataclass

from ledgerkit.core import messages
from ledgerkit.workload.capacity import PersonPlan
from ledgerkit.workload.priority import Item
from ledgerkit.workload.reasons import hours_text
from ledgerkit.workload.settings import IN_PROGRESS, Settings
from ledgerkit.workload.timeline import Timeline

#: the columns of the load table, in order
LOAD_COLUMNS = ["person", "date", "capacity", "booked", "planned", "free", "load", "over", "requests"]
#: the columns of the overloads table, in order
OVERLOAD_COLUMNS = ["person", "kind", "first_day", "last_day", "capacity", "load_hours", "load", "requests",
                    "suggestion", "move_request", "move_to"]


@dataclass
class Overload:
    """One person over their capacity on a day, or over the weekly share in a week."""

    person: str
    kind: str  # "day" | "week"
    days: list[int]
    capacity: int
    used: int
    causes: list[Item]
    suggestion: str = ""
    move: Item | None = None
    move_to: str = ""
    #: the week of the as-of moment (its load also counts the overdue requests)
    first: bool = False

    @property
    def share(self) -> float:
        return self.used / self.capacity if self.capacity else float("inf")


def shown_days(plans: list[PersonPlan], settings: Settings, timeline: Timeline) -> int:
    """How many planned days the load table shows: at least ``board_days``, up to the last worked."""
    last = max((i for p in plans for i in range(len(p.planned)) if p.planned[i] or p.booked[i]), default=-1)
    return min(timeline.horizon, max(settings.board_days, last + 1))


def load_records(plans: list[PersonPlan], items: dict, timeline: Timeline, days: int, lang: str) -> list[dict]:
    """One record per person per shown business day (hours)."""
    sep = "、" if lang == "ja" else ", "
    out = []
    for p in plans:
        for i in range(days):
            used = p.booked[i] + p.planned[i]
            out.append({
                "person": p.staff.name, "date": timeline.days[i], "capacity": p.capacity[i] / 60,
                "booked": p.booked[i] / 60, "planned": p.planned[i] / 60,
                "free": (p.capacity[i] - used) / 60,
                "load": used / p.capacity[i] if p.capacity[i] else (None if not used else float("inf")),
                "over": used > p.capacity[i],
                "requests": sep.join(_label(items[k], lang) for k in dict.fromkeys(p.work[i])),
            })
    return out


def _label(item: Item, lang: str) -> str:
    return f"#{item.rank} {item.subject}" if item.rank else item.subject


def _weeks(timeline: Timeline) -> list[list[int]]:
    weeks: dict[tuple, list[int]] = {}
    for i in range(timeline.horizon):
        weeks.setdefault(timeline.days[i].isocalendar()[:2], []).append(i)
    return list(weeks.values())


class _Person:
    """What the overload rules need of a person: the plan, the open requests they own, by deadline."""

    def __init__(self, plan: PersonPlan, index: int, mine: list[Item]):
        self.plan, self.index, self.mine = plan, index, mine
        dated = sorted((r for r in mine if r.due is not None), key=lambda r: r.due)
        self._dues = [r.due for r in dated]
        self._needed = list(itertools.accumulate((r.remaining_minutes for r in dated), initial=0))
        self._required: dict[tuple, int] = {}

    def due_in(self, week: list[int], timeline: Timeline, first: bool) -> list[Item]:
        """Their requests due in the week of ``week`` (the as-of week also takes the overdue ones)."""
        monday = week_of(timeline.days[week[0]])
        sunday = monday + dt.timedelta(days=6)
        return [r for r in self.mine if r.due is not None and ((first and r.overdue) or monday <= r.due.date() <= sunday)]

    def required(self, week: list[int], timeline: Timeline, first: bool) -> int:
        key = (week[0], first)
        if key not in self._required:
            self._required[key] = sum(self.plan.booked[i] for i in week) + sum(
                r.remaining_minutes for r in self.due_in(week, timeline, first))
        return self._required[key]

    def capacity(self, week: list[int]) -> int:
        return sum(self.plan.capacity[i] for i in week)

    def free_until(self, when: dt.datetime, timeline: Timeline) -> float:
        """Their free minutes (capacity less booked) from the as-of moment to ``when``."""
        p = self.plan
        n = timeline.horizon
        if when.date() > timeline.days[n - 1]:
            return float(p.total_free)
        j = bisect.bisect_left(timeline.days, when.date(), 0, n)
        before = float(p.ends[j - 1]) if j else 0.0
        if j < n and timeline.days[j] == when.date() and timeline.minutes[j]:
            worked = timeline.position(when) - timeline.cum[j]
            before += p.free[j] * max(0.0, worked) / timeline.minutes[j]
        return before

    def needed_until(self, when: dt.datetime) -> int:
        """The remaining effort of their requests due by ``when``."""
        return self._needed[bisect.bisect_right(self._dues, when)]


def find_overloads(plans: list[PersonPlan], items: dict, timeline: Timeline, settings: Settings,
                   lang: str = "ja") -> list[Overload]:
    """Every day above 100 % and every week above the weekly share, person by person, with a suggestion.

    A day counts what is booked and planned on it; a week counts what is booked in it and
    the remaining effort of the person's requests due in it (the as-of week: also the
    overdue ones). Work planned early because there was room (due later) makes no one
    overloaded: it could wait.
    """
    owned: dict[str, list[Item]] = {}
    for i in items.values():
        if i.is_open and not i.unknown_owner:
            owned.setdefault(i.owner, []).append(i)
    people = [_Person(p, n, owned.get(p.staff.name, [])) for n, p in enumerate(plans)]
    weeks = _weeks(timeline)
    out: list[Overload] = []
    for person in people:
        p = person.plan
        for i in range(timeline.horizon):
            used = p.booked[i] + p.planned[i]
            if used > p.capacity[i]:
                out.append(Overload(p.staff.name, "day", [i], p.capacity[i], used,
                                    _by_rank(items[k] for k in dict.fromkeys(p.work[i]))))
        for w, week in enumerate(weeks):
            capacity, required = person.capacity(week), person.required(week, timeline, w == 0)
            if required and (not capacity or required / capacity > settings.weekly_share + 1e-9):
                overload = Overload(p.staff.name, "week", week, capacity, required,
                                    _by_rank(person.due_in(week, timeline, w == 0)))
                overload.first = w == 0
                out.append(overload)
    for o in out:
        _suggest(o, people, timeline, settings, lang)
    return out


def _by_rank(found) -> list[Item]:
    return sorted(found, key=lambda it: (it.rank or 0))


def _suggest(o: Overload, people: list[_Person], timeline: Timeline, settings: Settings, lang: str) -> None:
    me = next(p for p in people if p.plan.staff.name == o.person)
    if o.kind == "day" or not o.causes:
        o.suggestion = messages.text("triage_s_booked", lang,
                                     booked=hours_text(sum(me.plan.booked[i] for i in o.days) / 60),
                                     capacity=hours_text(o.capacity / 60))
        return
    for item in sorted(o.causes, key=lambda it: -(it.rank or 0)):
        if item.state == IN_PROGRESS or item.remaining_minutes == 0:
            continue
        best = _best_taker(item, o, me, people, timeline, settings)
        if best is None:
            continue
        taker, after = best
        o.move, o.move_to = item, taker.plan.staff.name
        o.suggestion = messages.text(
            "triage_s_move", lang, subject=item.subject, hours=hours_text(item.remaining), to=o.move_to,
            before=_pct(o.share), after=_pct((o.used - item.remaining_minutes) / o.capacity) if o.capacity else "-",
            other=_pct(after))
        return
    o.suggestion = messages.text("triage_s_none", lang)


def _best_taker(item: Item, o: Overload, me: _Person, people: list[_Person], timeline: Timeline,
                settings: Settings) -> tuple[_Person, float] | None:
    """Who could take ``item`` off ``me``: room in the week under the weekly share, and (for a
    request not yet overdue) time before its deadline for it and their own work due by then."""
    options = []
    for q in people:
        capacity = q.capacity(o.days)
        if q is me or not capacity:
            continue
        after = (q.required(o.days, timeline, o.first) + item.remaining_minutes) / capacity
        if after > settings.weekly_share + 1e-9:
            continue
        if not item.overdue and item.due is not None and \
                q.needed_until(item.due) + item.remaining_minutes > q.free_until(item.due, timeline) + 1e-9:
            continue
        staff = q.plan.staff
        options.append(((staff.is_weak(item.category), not staff.is_strong(item.category), after, q.index), q, after))
    if not options:
        return None
    _, q, after = min(options, key=lambda x: x[0])
    return q, after


def _pct(share: float) -> str:
    return f"{round(share * 100)}%" if share != float("inf") else "-"


def overload_records(overloads: list[Overload], timeline: Timeline, lang: str) -> list[dict]:
    sep = "、" if lang == "ja" else ", "
    return [{
        "person": o.person, "kind": o.kind, "first_day": timeline.days[o.days[0]], "last_day": timeline.days[o.days[-1]],
        "capacity": o.capacity / 60, "load_hours": o.used / 60, "load": o.share if o.capacity else None,
        "requests": sep.join(_label(i, lang) for i in o.causes), "suggestion": o.suggestion,
        "move_request": o.move.rank if o.move is not None else None, "move_to": o.move_to,
    } for o in overloads]


def week_of(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week."""
    return day - dt.timedelta(days=day.weekday())
