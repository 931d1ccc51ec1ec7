"""Entries held by two sources of the ledger: an edited copy recorded in a later run.

``ledgerkit aggregate`` counts an effort entry found in two files once and lists the repeat
(:func:`ledgerkit.hours.across_files.finish_hours`). Within one run the ledger gets rows
that are already free of repeats; across runs it would not be: October recorded from
``工数_山田.xlsx``, then ``工数_山田 - コピー.xlsx`` (edited: two days corrected) recorded alone
in November, and every unchanged day is held twice. Two answers, one for each place:

* :func:`count_once` — what ``history`` adds up: for the kinds whose entries count once
  (:data:`COUNT_ONCE`), an entry another source of the same month holds with the same hours
  (:func:`identity`: the kind's key and its hours, as ``aggregate`` compares them — a 備考
  written in one file only does not make it another entry) counts once (as many times as
  the source holding it most often: two equal lines of one file stay two);
* :func:`overlaps` — what a recording says: for each new slice, how many of its rows another
  source already holds, and how many are the same entry with other hours (a disagreement,
  counted in both places as ``aggregate`` counts it, for a person to settle).

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
from ledgerkit.kinds.builtin import BUILTIN_KINDS
from ledgerkit.ledger.recording import chunks

__all__ = ["COUNT_ONCE", "ENTRY_FIELDS", "Overlap", "count_once", "identity", "overlaps"]

#: kinds whose entries, found again in another source, count once (``aggregate`` drops the
#: repeat); other kinds (a declared 経費 list, where two equal lines of two people are two
#: expenses) are only told about
COUNT_ONCE = frozenset({"hours"})

#: what makes two rows the same entry (the kind's key), so that other hours are a disagreement
ENTRY_FIELDS: dict[str, tuple[str, ...]] = {"hours": BUILTIN_KINDS["hours"].key}


@dataclass
class Overlap:
    """A new slice's rows that another source of the ledger holds for the same month."""

    file: str
    other: str
    period: str
    same: int = 0  # rows the other source holds (the same entry and figure; other kinds: the whole row)
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


def identity(kind: str, data: str) -> Hashable:
    """What makes a stored row the same as another: an entry kind's key fields and its hours
    (``aggregate``'s repeat), any other kind's whole canonical row.

    Examples:
        >>> a = '{"date":"2026-10-03","hours":7.5,"note":"客先","person":"山田","project":"A","task":"開発"}'
        >>> identity("hours", a) == identity("hours", a.replace('"note":"客先",', ""))
        True
        >>> identity("sales", a) == identity("sales", a.replace('"note":"客先",', ""))
        False
    """
    fields = ENTRY_FIELDS.get(kind)
    if not fields:
        return data
    values = json.loads(data)
    return (*(str(values.get(f, "")) for f in fields), str(values.get("hours", "")))


def _held(conn: sa.Connection, kind: str, periods: set[str], people: set | None) -> list[tuple[str, str, str]]:
    """(source key, period, data) of the current rows of ``kind`` in ``periods`` (of ``people``
    only, when given: an entry kind's rows of other people cannot be its repeats)."""
    r, s, src = t.rows, t.slices, t.sources
    out = []
    for part in chunks(sorted(periods)):
        query = (sa.select(src.c.key, s.c.period, r.c.data)
                 .join(s, s.c.id == r.c.slice_id).join(src, src.c.id == s.c.source_id)
                 .where(s.c.kind == kind, s.c.to_run.is_(None), s.c.period.in_(part)))
        for who in chunks(sorted(people)) if people is not None else [None]:
            picked = query if who is None else query.where(r.c.person.in_(who))
            out.extend(tuple(x) for x in conn.execute(picked))
    return out


def overlaps(conn: sa.Connection, kind: str, new_slices: list) -> list[Overlap]:
    """For each new slice ``(source, period)`` of a recording, the rows other sources hold.

    Called once the recording is written (inside its transaction): the new slices are the
    ledger's current ones, the slices they replace are not, so the other sources are the
    ledger's current slices of those months — the recording's other new slices among them.
    """
    if not new_slices:
        return []
    entries = bool(ENTRY_FIELDS.get(kind))
    people = {row.get("person") for s, p in new_slices for row in s.slices[p].rows} if entries else None
    held = _held(conn, kind, {p for _, p in new_slices}, None if people is None or None in people else people)
    by_content: dict[tuple, set[str]] = {}
    by_entry: dict[tuple, dict[str, str]] = {}
    for key, period, data in held:
        content = identity(kind, data)
        by_content.setdefault((period, content), set()).add(key)
        if entries:
            by_entry.setdefault((period, content[:-1]), {}).setdefault(key, content[-1])
    found: dict[tuple[str, str, str], Overlap] = {}

    def overlap(source, other, period) -> Overlap:
        return found.setdefault((source, other, period), Overlap(source, other, period, counted_once=kind in COUNT_ONCE))

    for source, period in new_slices:
        for row in source.slices[period].rows:
            content = identity(kind, row["data"])
            others = sorted(by_content.get((period, content), set()) - {source.key})
            if others:
                overlap(source.key, others[0], period).same += 1
                continue
            if not entries:
                continue
            other = next((o for o in sorted(by_entry.get((period, content[:-1]), {})) if o != source.key), None)
            if other is not None:
                o = overlap(source.key, other, period)
                o.differ += 1
                if not o.example:
                    figure = by_entry[period, content[:-1]][other]
                    o.example = f"{' '.join(v for v in content[:-1] if v)} {figure} → {content[-1]}"
    return [found[k] for k in sorted(found)]
