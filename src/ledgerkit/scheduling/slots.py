"""The search: every slot of the meeting's length on the grid of each business day's working
hours, who is busy in it, and the ranking.

Pure: busy blocks (naive wall-clock times in the search's time zone) in, :class:`Slot`
values out; no file, no clock, no time zone arithmetic (a slot is the wall-clock time the
invitation will show).

A person is busy in a slot when one of their blocks overlaps it once the buffer is kept
around the block (``--buffer 15``: a meeting ending at 10:00 leaves 10:15 as the first
start). A tentative block counts as busy, unless ``include_tentative``: then the slot is
proposed, and marked with the people whose tentative block it overlaps.

Ranking (the issue's order, "earliest" read day by day so that the third key decides
something): more optional people free, then the earlier day, then fewer tentative
blocks overlapped, then fewer back-to-back meetings created (a meeting of an attendee
that ends exactly when the slot starts or starts exactly when it ends, the buffer kept),
then the earlier time. When no slot has every required person free, the slots with the
fewest required people busy come first, the same keys after that.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from ledgerkit.scheduling.people import BUSY, TENTATIVE, Busy


@dataclass(frozen=True)
class Rules:
    """What a slot must fit: its length, working hours, lunch, buffer and grid, in minutes."""

    duration: int = 60
    hours: tuple[int, int] = (9 * 60, 18 * 60)
    lunch: tuple[int, int] | None = (12 * 60, 13 * 60)
    buffer: int = 0
    grid: int = 30
    include_tentative: bool = False


@dataclass(frozen=True)
class Slot:
    """One slot and who can come: required people busy (names), optional people free and
    busy, people whose tentative block it overlaps, back-to-back meetings it creates."""

    start: dt.datetime
    end: dt.datetime
    required_busy: tuple[str, ...] = ()
    optional_free: tuple[str, ...] = ()
    optional_busy: tuple[str, ...] = ()
    tentative: tuple[str, ...] = ()
    back_to_back: int = 0

    @property
    def everyone_required(self) -> bool:
        return not self.required_busy

    def overlaps(self, other: "Slot") -> bool:
        return self.start < other.end and other.start < self.end


def day_starts(rules: Rules) -> list[int]:
    """Start times (minutes) of the slots of one day: the grid from the start of working
    hours, the whole slot inside the hours and clear of lunch.

    Examples:
        >>> day_starts(Rules(duration=60, hours=(540, 780), lunch=(720, 780)))
        [540, 570, 600, 630, 660]
        >>> day_starts(Rules(duration=90, hours=(540, 720), lunch=None, grid=60))
        [540, 600]
    """
    h0, h1 = rules.hours
    out = []
    for t in range(h0, h1 - rules.duration + 1, rules.grid):
        if rules.lunch is not None and t < rules.lunch[1] and t + rules.duration > rules.lunch[0]:
            continue
        out.append(t)
    return out


class _Index:
    """Each person's blocks by the days they touch, so a slot looks only at its own day's."""

    def __init__(self, blocks: Iterable[Busy]):
        self.by_day: dict[tuple[str, dt.date], list[Busy]] = defaultdict(list)
        for b in blocks:
            day = b.start.date() - dt.timedelta(days=1)
            while day <= b.end.date() + dt.timedelta(days=1):
                self.by_day[(b.person, day)].append(b)
                day += dt.timedelta(days=1)

    def near(self, person: str, day: dt.date) -> list[Busy]:
        return self.by_day.get((person, day), [])


def _check(blocks: list[Busy], start: dt.datetime, end: dt.datetime, rules: Rules) -> tuple[bool, bool, int]:
    """(busy, tentative overlapped, back-to-back count) of one person for one slot."""
    pad = dt.timedelta(minutes=rules.buffer)
    busy = tentative = False
    touching = 0
    for b in blocks:
        if b.start < end + pad and b.end > start - pad:
            if b.status == BUSY or (b.status == TENTATIVE and not rules.include_tentative):
                busy = True
            else:
                tentative = True
        elif dt.timedelta(0) <= start - b.end <= pad or dt.timedelta(0) <= b.start - end <= pad:
            touching += 1
    return busy, tentative, touching


def search(
    blocks: Iterable[Busy],
    days: Sequence[dt.date],
    rules: Rules,
    *,
    required: Sequence[str],
    optional: Sequence[str] = (),
) -> list[Slot]:
    """Every slot of ``days`` with who is busy in it, in time order (not ranked).

    Examples:
        >>> d = dt.date(2026, 12, 8)
        >>> at = lambda h, m=0: dt.datetime(2026, 12, 8, h, m)
        >>> blocks = [Busy("佐藤", at(9), at(10)), Busy("田中", at(10), at(11), "tentative")]
        >>> slots = search(blocks, [d], Rules(hours=(540, 720), lunch=None, grid=60), required=["佐藤"], optional=["田中"])
        >>> [(s.start.hour, s.required_busy, s.optional_free) for s in slots]
        [(9, ('佐藤',), ('田中',)), (10, (), ()), (11, (), ('田中',))]
    """
    index = _Index(blocks)
    people = [(p, True) for p in required] + [(p, False) for p in optional if p not in required]
    out = []
    for day in days:
        for t in day_starts(rules):
            start = dt.datetime.combine(day, dt.time(0)) + dt.timedelta(minutes=t)
            end = start + dt.timedelta(minutes=rules.duration)
            req_busy, opt_free, opt_busy, tentative, b2b = [], [], [], [], 0
            for person, is_required in people:
                busy, tent, touching = _check(index.near(person, day), start, end, rules)
                if busy:
                    (req_busy if is_required else opt_busy).append(person)
                    continue
                if not is_required:
                    opt_free.append(person)
                if tent:
                    tentative.append(person)
                b2b += touching
            out.append(Slot(start, end, tuple(req_busy), tuple(opt_free), tuple(opt_busy), tuple(tentative), b2b))
    return out


def rank(slots: Iterable[Slot]) -> list[Slot]:
    """The slots best first (see the module's docstring), those with required people busy last.

    Examples:
        >>> at = lambda d, h: dt.datetime(2026, 12, d, h)
        >>> a = Slot(at(8, 9), at(8, 10), back_to_back=1)
        >>> b = Slot(at(8, 10), at(8, 11))
        >>> c = Slot(at(9, 9), at(9, 10), optional_free=("田中",))
        >>> [(s.start.day, s.start.hour) for s in rank([a, b, c])]
        [(9, 9), (8, 10), (8, 9)]
    """
    return sorted(slots, key=lambda s: (len(s.required_busy), -len(s.optional_free), s.start.date(),
                                        len(s.tentative), s.back_to_back, s.start))


def pick(ranked: Iterable[Slot], n: int) -> list[Slot]:
    """The first ``n`` ranked slots that do not overlap a better one (10:00 and 10:30 are
    not both proposed for a one-hour meeting).

    Examples:
        >>> at = lambda h, m=0: dt.datetime(2026, 12, 8, h, m)
        >>> slots = [Slot(at(10), at(11)), Slot(at(10, 30), at(11, 30)), Slot(at(11), at(12))]
        >>> [s.start.strftime("%H:%M") for s in pick(slots, 2)]
        ['10:00', '11:00']
    """
    chosen: list[Slot] = []
    for s in ranked:
        if len(chosen) >= n:
            break
        if not any(s.overlaps(c) for c in chosen):
            chosen.append(s)
    return chosen
