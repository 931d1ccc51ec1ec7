"""Who does it: every open request planned, in priority order, on a person's capacity.

* A request with a 担当 stays with that person (pre-assigned, or 対応中): it is planned at
  the end of their queue. A 担当 not in the 担当者一覧 cannot be planned: an Issue says so.
* A request without one goes to the person who can **finish it earliest before its
  deadline**: for each person, the finish it would have at the end of their queue,
  measured in business minutes from the as-of moment, is multiplied by
  ``[triage] strong_factor`` when they are good at its 種別 (得意), by ``weak_factor``
  when they are not (不得意), and the smallest product among those who finish in time
  wins (ties: less work already planned, then the order of the 担当者一覧). The factors
  only rank people; the work takes its estimate whoever does it.
* When no one can finish it in time it goes to whoever finishes it first and is flagged
  期限リスク with that finish; when no one can finish it within ``[triage] horizon_days``
  business days it is left unplanned (計画外).

Nobody's plan ever goes past their free minutes (see :mod:`ledgerkit.workload.capacity`).
"""

from __future__ import annotations

from ledgerkit.workload.capacity import PersonPlan, Placement
from ledgerkit.workload.priority import AT_RISK, OVERDUE, UNPLANNED, Item
from ledgerkit.workload.settings import Settings, word_key

#: how a request got its owner
FROM_LIST, BY_TRIAGE = "list", "triage"


def find_person(name: str, plans: list[PersonPlan]) -> PersonPlan | None:
    """The plan of the person called ``name``: the same name, else the one person whose name
    starts with it (a family name alone: 田中 finds 田中 一郎).

    Examples:
        >>> from ledgerkit.workload.staff import Staff
        >>> plans = [PersonPlan(Staff("田中一郎"), None), PersonPlan(Staff("田村"), None)]
        >>> find_person("田中", plans).staff.name, find_person("田", plans)
        ('田中一郎', None)
    """
    key = word_key(name)
    if not key:
        return None
    exact = [p for p in plans if word_key(p.staff.name) == key]
    if exact:
        return exact[0]
    prefix = [p for p in plans if word_key(p.staff.name).startswith(key)]
    return prefix[0] if len(prefix) == 1 else None


def plan_requests(queue: list[Item], plans: list[PersonPlan], settings: Settings) -> list[Item]:
    """Plan every request of ``queue`` (in priority order); returns those whose 担当 is unknown."""
    unknown = []
    for item in queue:
        if item.owner_given:
            person = find_person(item.owner_given, plans)
            if person is None:
                item.owner = item.owner_given
                item.assigned_by = FROM_LIST
                item.risk = OVERDUE if item.overdue else UNPLANNED
                item.unknown_owner = True
                unknown.append(item)
                continue
            _place(item, person, plans, FROM_LIST)
        else:
            _assign(item, plans, settings)
    return unknown


def _in_time(item: Item, finish_position: float) -> bool:
    return item.due is None or (not item.overdue and finish_position <= item.available + 1e-9)


def _place(item: Item, person: PersonPlan, plans: list[PersonPlan], how: str) -> None:
    placed = person.commit(item.key, item.remaining_minutes)
    item.owner, item.assigned_by = person.staff.name, how
    if placed is None:
        item.risk = OVERDUE if item.overdue else UNPLANNED
        return
    _record(item, placed, person)
    if item.overdue:
        item.risk = OVERDUE
    elif not _in_time(item, placed.finish_position):
        item.risk = AT_RISK
        # the earliest anyone could have finished it (someone else may have the time)
        best = _earliest(item, plans)
        if best is not None and best[1] < placed.finish_position - 1e-9:
            item.earliest, item.earliest_owner = best[0].finish_at(item.remaining_minutes), best[0].staff.name


def _record(item: Item, placed: Placement, person: PersonPlan) -> None:
    item.start, item.finish, item.finish_position = placed.start_at, placed.finish_at, placed.finish_position
    item.earliest, item.earliest_owner = placed.finish_at, person.staff.name
    if person.staff.is_strong(item.category):
        item.strength = "strong"
    elif person.staff.is_weak(item.category):
        item.strength = "weak"


def _earliest(item: Item, plans: list[PersonPlan]) -> tuple[PersonPlan, float] | None:
    best = None
    for index, person in enumerate(plans):
        finish = person.probe(item.remaining_minutes)
        if finish is not None and (best is None or (finish, index) < best[0]):
            best = ((finish, index), person)
    return None if best is None else (best[1], best[0][0])


def _assign(item: Item, plans: list[PersonPlan], settings: Settings) -> None:
    minutes = item.remaining_minutes
    category = word_key(item.category)
    factors = (settings.strong_factor, 1.0, settings.weak_factor)
    in_time, late = [], []
    for index, person in enumerate(plans):
        finish = person.probe(minutes)
        if finish is None:
            continue
        fit = person.staff.fit(category) if category else 1
        if _in_time(item, finish):
            in_time.append(((finish * factors[fit], person.used, index), person))
        else:
            # late whoever does it: the soonest finish; on a tie, 得意 before 不得意
            late.append(((finish, fit, person.used, index), person))
    if in_time:
        _place(item, min(in_time, key=lambda c: c[0])[1], plans, BY_TRIAGE)
    elif late:
        _place(item, min(late, key=lambda c: c[0])[1], plans, BY_TRIAGE)
    else:
        item.risk = OVERDUE if item.overdue else UNPLANNED
