"""One person's capacity day by day, and the work planned on it (:class:`PersonPlan`).

A person's capacity on a business day is their 1日の稼働時間 (``[triage]`` hours less lunch
when the 担当者一覧 gives none), less the share of the day they are off (休暇: a whole or
half day), scaled on the as-of day to the share of the working day still ahead. Hours
already booked that day (``--hours``: meetings, routine work) are spread over the day
the same way and taken off it; what is left is *free*. Work is planned into the free
minutes in priority order, from the earliest, never past them: a person's plan is a
queue, and its end (the *cursor*) is where the next request would start.

Within a day the free minutes are laid over the day's working hours evenly (a day with
4 free hours of 8 runs at half speed between its meetings), which gives each request a
clock time to start and finish.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

from ledgerkit.workload.settings import Settings
from ledgerkit.workload.staff import Staff
from ledgerkit.workload.timeline import Timeline


@dataclass(frozen=True)
class Placement:
    """Where a request would go on a person's plan: positions in the person's free minutes,
    the clock times, and how soon it finishes in business minutes from the as-of moment."""

    start: float
    finish: float
    start_at: dt.datetime
    finish_at: dt.datetime
    finish_position: float


@dataclass
class PersonPlan:
    """A person's free minutes per planned day, and the work planned on them."""

    staff: Staff
    timeline: Timeline
    capacity: list[int] = field(default_factory=list)
    booked: list[int] = field(default_factory=list)
    free: list[int] = field(default_factory=list)
    planned: list[int] = field(default_factory=list)
    #: the request keys planned on each day, in order
    work: list[list] = field(default_factory=list)
    ends: list[int] = field(default_factory=list)
    #: (request key, day index) → minutes of that request planned that day
    segments: dict = field(default_factory=dict)
    used: int = 0

    @classmethod
    def build(cls, staff: Staff, timeline: Timeline, settings: Settings, booked: dict[dt.date, float]) -> PersonPlan:
        """The plan of ``staff`` over the timeline's planned days; ``booked`` hours by date."""
        plan = cls(staff, timeline)
        daily = staff.daily_hours(settings) * 60
        total = 0
        for i in range(timeline.horizon):
            day = timeline.days[i]
            share = timeline.share_of_day(i)
            capacity = round(daily * (1.0 - staff.days_off.get(day, 0.0)) * share)
            taken = round(booked.get(day, 0.0) * 60 * share)
            free = max(0, capacity - taken)
            plan.capacity.append(capacity)
            plan.booked.append(taken)
            plan.free.append(free)
            plan.planned.append(0)
            plan.work.append([])
            total += free
            plan.ends.append(total)
        return plan

    @property
    def total_free(self) -> int:
        return self.ends[-1] if self.ends else 0

    def probe(self, minutes: int) -> float | None:
        """How soon ``minutes`` of work at the end of the queue would finish (business minutes
        from the as-of moment); None when it would not finish within the planned days."""
        finish = self.used + minutes
        if finish > self.total_free or (minutes == 0 and self.used >= self.total_free):
            return None
        # nothing left to do finishes where the queue stands: at the end of the day that filled it,
        # not at the next morning (which would be after a due time at that day's end)
        j = bisect.bisect_left(self.ends, finish)
        return self._position(j, finish - self._before(j))

    def place_at(self, start: int, minutes: int) -> Placement | None:
        """The placement of ``minutes`` of work from ``start`` (free minutes into the plan)."""
        finish = start + minutes
        if finish > self.total_free or (minutes == 0 and start >= self.total_free):
            return None
        j = bisect.bisect_left(self.ends, finish)
        i = bisect.bisect_right(self.ends, start) if minutes else j
        finish_at = self._clock(j, finish - self._before(j))
        # nothing to do starts where it finishes (a start at lunch would otherwise be after it)
        start_at = self._clock(i, start - self._before(i), start=True) if minutes else finish_at
        return Placement(start, finish, start_at, finish_at, self._position(j, finish - self._before(j)))

    def finish_at(self, minutes: int) -> dt.datetime | None:
        """The clock time ``minutes`` of work at the end of the queue would finish."""
        placed = self.place_at(self.used, minutes)
        return None if placed is None else placed.finish_at

    def _before(self, i: int) -> int:
        return self.ends[i - 1] if i else 0

    def _working(self, i: int, offset: float) -> float:
        """Free minutes into day ``i`` as working minutes of the day (free time spread evenly)."""
        return offset * self.timeline.minutes[i] / self.free[i] if self.free[i] else 0.0

    def _position(self, i: int, offset: float) -> float:
        return self.timeline.cum[i] + self._working(i, offset)

    def _clock(self, i: int, offset: float, *, start: bool = False) -> dt.datetime:
        return self.timeline.clock(i, self._working(i, offset), start=start)

    def commit(self, key, minutes: int) -> Placement | None:
        """Plan ``minutes`` of request ``key`` at the end of the queue; where it went."""
        placed = self.place_at(self.used, minutes)
        if placed is None:
            return None
        left, at = minutes, self.used
        i = bisect.bisect_right(self.ends, at)
        while left > 0 and i < len(self.free):
            room = self.ends[i] - max(at, self._before(i))
            take = min(room, left)
            if take > 0:
                self.planned[i] += take
                self.work[i].append(key)
                self.segments[(key, i)] = self.segments.get((key, i), 0) + take
                left -= take
                at += take
            i += 1
        if minutes == 0 and i < len(self.work):
            self.work[i].append(key)
        self.used += minutes
        return placed
