"""Which request first: the order of the queue, deterministic and explained.

The rules, in order (each breaks the ties of the one before):

=====  ===============================================================================
1      overdue first (the deadline has passed), the longest overdue first
2      least slack: business hours available before the deadline less the remaining
       effort, compared in steps of ``[triage] slack_step`` hours (no deadline: last)
3      importance: 重要度 (``[triage] importance``, a request without one counts as
       ``importance_default``)
4      the requester's role (``[triage] roles``: 社長 > 役員 > 部長 > 課長 > 担当; from the
       役職 column, else a role word in 依頼者 or 部署; no role: after every role)
5      受付日, the earliest first (none: last)
6      the order of the rows (file, sheet, row)
=====  ===============================================================================

Only open requests (未着手, 対応中) are ranked; 完了 and 保留 are listed after them.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ledgerkit.workload.settings import DONE, IN_PROGRESS, ON_HOLD, OPEN, Settings
from ledgerkit.workload.timeline import Timeline

#: what can be wrong with a request's plan
OVERDUE, AT_RISK, UNPLANNED = "overdue", "at_risk", "unplanned"


@dataclass
class Item:
    """One request in the triage: what was read, and what the triage decided."""

    key: tuple
    order: int
    subject: str
    category: str = ""
    request_no: str = ""
    requester: str = ""
    department: str = ""
    role: str = ""
    role_level: int | None = None
    importance: str = ""
    importance_level: int = 1
    importance_given: bool = False
    received: dt.date | None = None
    due: dt.datetime | None = None
    due_has_time: bool = False
    state: str = OPEN
    status_text: str = ""
    effort: float = 0.0
    remaining: float = 0.0
    owner_given: str = ""
    is_new: bool = False
    source: tuple = ("", "", None)
    # -- decided by the triage
    overdue: bool = False
    available: float = math.inf
    slack: float = math.inf
    overdue_minutes: int = 0
    rank: int | None = None
    owner: str = ""
    assigned_by: str = ""
    start: dt.datetime | None = None
    finish: dt.datetime | None = None
    finish_position: float = math.inf
    risk: str = ""
    earliest: dt.datetime | None = None
    earliest_owner: str = ""
    strength: str = ""
    #: the 担当 written is nobody of the 担当者一覧
    unknown_owner: bool = False

    @property
    def is_open(self) -> bool:
        return self.state in (OPEN, IN_PROGRESS)

    @property
    def remaining_minutes(self) -> int:
        return max(0, round(self.remaining * 60))


def remaining_hours(effort: float, progress: float | None, remaining: float | None) -> float:
    """What is left: 残工数 when given; else 見積工数 × (1 − 進捗); else 見積工数.

    Examples:
        >>> remaining_hours(6, None, None), remaining_hours(6, 0.5, None), remaining_hours(6, 0.5, 1)
        (6, 3.0, 1)
    """
    if remaining is not None:
        return remaining
    if progress is not None:
        return effort * (1 - progress)
    return effort


def due_datetime(day: dt.date | None, minutes: Any, settings: Settings) -> tuple[dt.datetime | None, bool]:
    """The deadline as a moment: the time written, or ``[triage] due_time`` for a date alone."""
    if day is None:
        return None, False
    has_time = minutes is not None and not (isinstance(minutes, float) and math.isnan(minutes))
    clock = int(minutes) if has_time else settings.due_time
    return dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=clock), has_time


def measure(items: list[Item], timeline: Timeline) -> None:
    """Overdue, business minutes available before the deadline, and slack, for each open request."""
    for item in items:
        if not item.is_open or item.due is None:
            continue
        if item.due <= timeline.as_of:
            item.overdue = True
            item.available = 0.0
            item.overdue_minutes = timeline.minutes_since(item.due)
        else:
            item.available = timeline.position(item.due)
        item.slack = item.available - item.remaining_minutes


def priority_key(item: Item, settings: Settings) -> tuple:
    """The sort key of the rules above (smaller first)."""
    if item.overdue:
        first: tuple = (0, item.due.timestamp() if item.due else 0.0)
    elif item.due is None or math.isinf(item.slack):
        first = (2, 0.0)
    else:
        step = settings.slack_step * 60
        first = (1, float(math.floor(item.slack / step)) if step > 0 else item.slack)
    role = item.role_level if item.role_level is not None else len(settings.role_names)
    received = item.received.toordinal() if item.received else math.inf
    return (*first, item.importance_level, role, received, item.order)


def rank(items: list[Item], settings: Settings) -> list[Item]:
    """The open requests in priority order, ``rank`` set from 1; the others keep ``rank`` None."""
    queue = sorted((i for i in items if i.is_open), key=lambda i: priority_key(i, settings))
    for n, item in enumerate(queue, start=1):
        item.rank = n
    return queue


#: the order of the rows after the queue: on hold, then done
AFTER_QUEUE = {ON_HOLD: 0, DONE: 1}
