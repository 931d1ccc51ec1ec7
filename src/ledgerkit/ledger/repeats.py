"""Entries held by two sources of the ledger: an edited copy recorded in a later run.

``ledgerkit aggregate`` counts an effort entry found in two files once and lists the repeat
(:func:`ledgerkit.hours.across_files.finish_hours`). Within one run the ledger gets rows
that are already free of repeats; across runs it would not be: October recorded from
``工数_山田.xlsx``, then ``工数_山田 - コピー.xlsx`` (edited: two days corrected) recorded alone
in November, and every unchanged day is held twice. Two answers, one for each place:

* :func:`count_once` — what ``history`` adds up: for the kinds whose entries count once
  (:data:`COUNT_ONCE`), a row whose whole content is held by another source of the same
  month counts once (as many times as the source holding it most often: two equal lines
  of one file stay two);
* :func:`overlaps` — what a recording says: for each new slice, how many of its rows another
  source already holds, and how many are the same entry with another figure (a
  disagreement, counted in both places as ``aggregate`` counts it, for a person to settle).

Examples:
    >>> rows = [(1, "10", "a"), (1, "10", "a"), (2, "10", "a"), (2, "10", "b"), (3, "11", "a")]
    >>> count_once([(src, (month, data)) for src, month, data in rows])
    [True, True, False, True, True]
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Hashable, Iterable

import sqlalchemy as sa

from ledgerkit.ledger import schema as t
from ledgerkit.ledger.recording import chunks

__all__ = ["COUNT_ONCE", "ENTRY_FIELDS", "Overlap", "count_once", "overlaps"]

#: kinds whose entries, found again in another source, count once (``aggregate`` drops the
#: repeat); other kinds (a declared 経費 list, where two equal lines of two people are two
#: expenses) are only told about
COUNT_ONCE = frozenset({"hours"})

#: what makes two rows the same entry, so that different figures are a disagreement
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {"hours": ("person", "date", "project", "task")}


@dataclass
class Overlap:
    """A new slice's rows that another source of the ledger holds for the same month."""

    file: str
    other: str
    period: str
    same: int = 0  # rows whose whole content the other source holds
    differ: int = 0  # the same entry with another figure
    example: str = ""  # one disagreement: "山田 2026-10-03 A-1001 7.5 → 8"
    counted_once: bool = False  # the kind's repeats count once in history (COUNT_ONCE)


def count_once(rows: Iterable[tuple[Hashable, Hashable]]) -> list[bool]:
    """Which rows count, given each row's ``(source, content)``: a content counts as many times
    as the source holding it most often; the first ones met are kept."""
    seen: Counter = Counter()
    kept: Counter = Counter()
    out = []
    for source, content in rows:
        seen[source, content] += 1
        n = seen[source, content]
        if n > kept[content]:
            kept[content] = n
            out.append(True)
        else:
            out.append(False)
    return out


def _entry(kind: str, data: str) -> tuple | None:
    fields = ENTRY_FIELDS.get(kind)
    if not fields:
        return None
    values = json.loads(data)
    return tuple(str(values.get(f, "")) for f in fields)


def _figure(data: str) -> str:
    value = json.loads(data).get("hours")
    return "" if value is None else str(value)


def _held(conn: sa.Connection, kind: str, periods: set[str], skip: set[int]) -> list[tuple[str, str, str | None, str]]:
    """(source key, period, person, data) of the current rows of ``kind`` in ``periods``,
    but the slices ``skip`` (superseded by this recording)."""
    r, s, src = t.rows, t.slices, t.sources
    out = []
    for part in chunks(sorted(periods)):
        query = (sa.select(src.c.key, s.c.id, s.c.period, r.c.person, r.c.data)
                 .join(s, s.c.id == r.c.slice_id).join(src, src.c.id == s.c.source_id)
                 .where(s.c.kind == kind, s.c.to_run.is_(None), s.c.period.in_(part)))
        out.extend((key, period, person, data) for key, sid, period, person, data in conn.execute(query)
                   if sid not in skip)
    return out


def overlaps(conn: sa.Connection, kind: str, new_slices: list, superseded: Iterable[int]) -> list[Overlap]:
    """For each new slice ``(source, period)`` of a recording, the rows other sources hold.

    The other sources are the ledger's current slices (but those this recording supersedes)
    and the recording's other new slices.
    """
    if not new_slices:
        return []
    held = _held(conn, kind, {p for _, p in new_slices}, set(superseded))
    sources = {(p, key) for key, p, _person, _data in held} | {(p, s.key) for s, p in new_slices}
    shared = {p for p, n in Counter(p for p, _key in sources).items() if n > 1}
    new_slices = [(s, p) for s, p in new_slices if p in shared]  # a month no other source holds: nothing to compare
    held = [h for h in held if h[1] in shared]
    held.extend((source.key, period, row.get("person"), row["data"])
                for source, period in new_slices for row in source.slices[period].rows)
    by_content: dict[tuple[str, str], set[str]] = {}
    by_person: dict[tuple[str, str | None], set[str]] = {}
    for key, period, person, data in held:
        by_content.setdefault((period, data), set()).add(key)
        by_person.setdefault((period, person), set()).add(key)
    found: dict[tuple[str, str, str], Overlap] = {}
    entries: dict[tuple, dict[str, str]] | None = None
    for source, period in new_slices:
        for row in source.slices[period].rows:
            others = by_content[period, row["data"]] - {source.key}
            for other in sorted(others)[:1]:
                found.setdefault((source.key, other, period), Overlap(source.key, other, period, counted_once=kind in COUNT_ONCE)).same += 1
            if others or not ENTRY_FIELDS.get(kind) or not (by_person[period, row.get("person")] - {source.key}):
                continue
            if entries is None:  # parsed only when two sources share a person and month
                entries = {}
                for key, p, person, data in held:
                    if len(by_person[p, person]) > 1:
                        entries.setdefault((p, _entry(kind, data)), {}).setdefault(key, _figure(data))
            entry = _entry(kind, row["data"])
            for other, figure in sorted(entries.get((period, entry), {}).items()):
                if other == source.key:
                    continue
                o = found.setdefault((source.key, other, period), Overlap(source.key, other, period, counted_once=kind in COUNT_ONCE))
                o.differ += 1
                if not o.example:
                    o.example = f"{' '.join(v for v in entry if v)} {figure} → {_figure(row['data'])}"
                break
    return [found[k] for k in sorted(found)]
