"""People whose 予定表 rows could not be read: never taken as free without a word.

A 予定表 row whose date or times cannot be read is rejected (listed with its Excel row). When
every row of one person is rejected, that person used to vanish from the people read — and so
from the required attendees — and slots were proposed as if they did not exist: a 部長 sent a
time that clashes. Now such a person is kept among the calendars' people; a required one with
no busy time known stops the proposal (an error finding per person) unless the caller says to
take them as free (``assume_free``, ``--assume-free``). A person of whom only some rows were
read gets a warning naming the rows the slots do not account for.
"""

from __future__ import annotations

from typing import Iterable

from ledgerkit.core.issues import Issue
from ledgerkit.scheduling.people import People, name_key

#: rejections that leave a busy time unknown (a row outside the window or marked 空き is known)
UNREAD_CODES = frozenset({"bad_cell", "missing_value", "sched_row_end_before_start"})


def unread_rows(issues: Iterable[Issue]) -> dict[str, list[Issue]]:
    """The 予定表 rows rejected as unreadable, by whose they are (the name as first written)."""
    out: dict[str, list[Issue]] = {}
    names: dict[str, str] = {}
    for i in issues:
        if i.rejected and i.ref and i.code in UNREAD_CODES:
            name = names.setdefault(name_key(i.ref), i.ref)
            out.setdefault(name, []).append(i)
    return out


def keep_unread_people(people: People, unread: dict[str, list[Issue]]) -> set[str]:
    """Add to ``people`` each person none of whose calendar was read, as the owner of the files
    their rows are in (so they are required by default and can be named); their names."""
    none_read = set()
    for name, rows in unread.items():
        known = people.find(name)
        if known is not None and known.owner:
            continue  # some rows or an .ics of theirs were read
        for issue in rows:
            known = people.add(name, file=issue.file, owner=True)
        none_read.add(known.name)
    return none_read


def unread_findings(people: People, unread: dict[str, list[Issue]], none_read: set[str], required: list[str],
                    optional: list[str], assumed: Iterable[str]) -> tuple[list[Issue], list[str]]:
    """The findings about the people whose rows could not be read, and the required ones
    whose busy time is unknown and not assumed free (no slot is proposed while there are any)."""
    assumed = set(assumed)
    issues: list[Issue] = []
    refused: list[str] = []
    for name, rows in unread.items():
        person = people.find(name)
        who = person.name if person is not None else name
        if who not in required and who not in optional:
            continue  # not asked to the meeting: the rows' own warnings say enough
        first = rows[0]
        shown = _rows(rows)
        if who not in none_read:
            code, severity = "sched_person_rows_unread", "warning"
        elif who in assumed:
            code, severity = "sched_person_assumed_free", "warning"
        elif who in required:
            code, severity = "sched_person_unread", "error"
            refused.append(who)
        else:
            code, severity = "sched_person_unread_optional", "warning"
        issues.append(Issue(code, first.file, first.sheet, scope="sheet", severity=severity, ref=who,
                            params={"person": who, "count": len(rows), "rows": shown}))
    return issues, refused


def _rows(rows: list[Issue], limit: int = 5) -> str:
    """``5, 6, 9`` (Excel rows), ``…`` past ``limit``."""
    numbers = [str(i.row) for i in rows if i.row is not None]
    return ", ".join(numbers[:limit]) + (" …" if len(numbers) > limit else "")
