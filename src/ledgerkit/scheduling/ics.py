"""Busy blocks from iCalendar files (``.ics`` exported from Outlook, Google Calendar, Teams).

``icalendar`` parses the file; ``recurring-ical-events`` expands the recurring events of the
search window (RRULE, RDATE, EXDATE, and changed occurrences given with RECURRENCE-ID).
Times with a TZID (Olson or Windows names), in UTC, or floating are converted to the
search's time zone; an all-day event blocks its whole days.

Whose time an event takes (documented in docs/schedule.md):

* the file is one person's calendar, named by the file's name (``佐藤部長.ics`` → 佐藤部長;
  Google's ``X-WR-CALNAME``, an e-mail address, is another name for them): every event
  of the file is theirs, unless they declined it (their ``ATTENDEE`` line says
  ``PARTSTAT=DECLINED``);
* each ``ATTENDEE`` and the ``ORGANIZER`` of an event is a person too, named by ``CN`` (or
  by the e-mail address when there is no CN), unless they declined or are
  ``ROLE=NON-PARTICIPANT``: a file with several attendees gives each their busy blocks.

Free time: ``TRANSP:TRANSPARENT`` (空き時間), ``STATUS:CANCELLED``, Outlook's
``X-MICROSOFT-CDO-BUSYSTATUS:FREE`` or ``WORKINGELSEWHERE``. Tentative (仮の予定):
``STATUS:TENTATIVE``, Outlook's ``BUSYSTATUS:TENTATIVE``, or the person's own
``PARTSTAT=TENTATIVE``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, Iterable
from zoneinfo import ZoneInfo

from ledgerkit.core.issues import Issue
from ledgerkit.scheduling.people import BUSY, TENTATIVE, Busy, People

#: occurrences read from one file at most (an RRULE of every second would never end)
MAX_OCCURRENCES = 10_000
_FREE_STATUS = {"FREE", "WORKINGELSEWHERE"}


def read_calendar(
    path: str | Path,
    people: People,
    *,
    tz: ZoneInfo,
    start: dt.datetime,
    end: dt.datetime,
    max_bytes: int = 200 << 20,
) -> tuple[list[Busy], list[Issue]]:
    """The busy blocks of one ``.ics`` file between ``start`` and ``end`` (aware, in ``tz``).

    A file that cannot be read or parsed is one error Issue naming it (its blocks are
    then missing); people found in it are added to ``people``.
    """
    file = str(path)
    calendar, issue = _parse(Path(path), max_bytes)
    if calendar is None:
        return [], [issue]
    owner = people.add(Path(path).stem, aliases=_calendar_aliases(calendar), file=file, owner=True)
    issues: list[Issue] = []
    blocks: list[Busy] = []
    if not calendar.walk("VEVENT"):
        # an export with no event at all (an empty or wrong calendar, tasks only): the person
        # is taken as free all the time, which the reader should know
        issues.append(Issue("sched_ics_no_events", file, scope="file", severity="warning",
                            params={"name": owner.name}))
    try:
        events = list(_occurrences(calendar, start, end, skip_bad=False))
    except Exception as e:  # noqa: BLE001 - a bad series: read the rest, say which file
        events = list(_occurrences(calendar, start, end, skip_bad=True))
        issues.append(Issue("sched_ics_bad_series", file, scope="file", severity="warning",
                            params={"reason": _reason(e)}))
    if len(events) > MAX_OCCURRENCES:
        events = events[:MAX_OCCURRENCES]
        issues.append(Issue("sched_ics_too_many", file, scope="file", severity="error",
                            params={"count": MAX_OCCURRENCES}))
    unknown_zones: set[str] = set()
    for event in events:
        unknown_zones |= _unknown_zone(event)
        blocks.extend(_blocks_of(event, owner.name, people, file=file, tz=tz))
    if unknown_zones:
        issues.append(Issue("sched_ics_unknown_tz", file, scope="file", severity="warning",
                            params={"zones": ", ".join(sorted(unknown_zones)), "tz": tz.key}))
    return blocks, issues


def _parse(path: Path, max_bytes: int):
    import icalendar

    file = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, Issue("sched_ics_unreadable", file, scope="file", severity="error",
                               params={"reason": f"{size >> 20} MiB > {max_bytes >> 20} MiB"})
        data = path.read_bytes()
        calendars = icalendar.Calendar.from_ical(data, multiple=True)
        if not calendars:
            raise ValueError("no VCALENDAR")
        calendar = calendars[0]
        for extra in calendars[1:]:
            for component in extra.subcomponents:
                calendar.add_component(component)
        return calendar, None
    except Exception as e:  # noqa: BLE001 - any failure of the parser is this file's problem
        return None, Issue("sched_ics_unreadable", file, scope="file", severity="error",
                           params={"reason": _reason(e)})


def _reason(e: BaseException) -> str:
    text = str(e).splitlines()[0] if str(e) else ""
    return f"{e.__class__.__name__}: {text[:160]}" if text else e.__class__.__name__


def _calendar_aliases(calendar) -> list[str]:
    # Google names an exported calendar after its owner's address; Outlook's "予定表" or
    # "Calendar" would join every exported file into one person, so only an address counts
    name = str(calendar.get("X-WR-CALNAME", "") or "")
    return [name] if "@" in name else []


def _occurrences(calendar, start: dt.datetime, end: dt.datetime, *, skip_bad: bool) -> Iterable[Any]:
    import recurring_ical_events

    query = recurring_ical_events.of(calendar, skip_bad_series=skip_bad)
    count = 0
    for event in query.after(start):
        begin = _value(event.get("DTSTART"))
        if begin is not None and _aware(begin, start.tzinfo) >= end:
            return
        count += 1
        yield event
        if count > MAX_OCCURRENCES:
            return


def _unknown_zone(event) -> set[str]:
    """TZIDs the parser could not place (read as the search's time zone: said, not silent)."""
    out = set()
    for name in ("DTSTART", "DTEND"):
        prop = event.get(name)
        value = _value(prop)
        tzid = getattr(prop, "params", {}).get("TZID") if prop is not None else None
        if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
            out.add(str(tzid))
    return out


def _value(prop):
    return getattr(prop, "dt", None)


def _aware(value, tz) -> dt.datetime:
    """A DTSTART/DTEND value as an aware datetime (a date is its midnight; floating is ``tz``)."""
    if not isinstance(value, dt.datetime):
        return dt.datetime.combine(value, dt.time(0), tzinfo=tz)
    if value.tzinfo is None:
        return value.replace(tzinfo=tz)
    return value.astimezone(tz)


def _span(event, tz: ZoneInfo) -> tuple[dt.datetime, dt.datetime, bool] | None:
    begin = _value(event.get("DTSTART"))
    if begin is None:
        return None
    all_day = not isinstance(begin, dt.datetime)
    finish = _value(event.get("DTEND"))
    if finish is None:
        duration = _value(event.get("DURATION"))
        if isinstance(duration, dt.timedelta):
            finish = begin + duration
        else:
            finish = begin + dt.timedelta(days=1) if all_day else begin
    start, end = _aware(begin, tz), _aware(finish, tz)
    if all_day and isinstance(finish, dt.datetime):
        all_day = False
    if end <= start:
        return None
    return start.replace(tzinfo=None), end.replace(tzinfo=None), all_day


def _text(value) -> str:
    return str(value or "").strip()


def _address(value) -> tuple[str, str, dict]:
    """(name, e-mail, params) of an ATTENDEE/ORGANIZER value."""
    params = dict(getattr(value, "params", {}) or {})
    email = _text(value)
    if email.lower().startswith("mailto:"):
        email = email[7:]
    name = _text(params.get("CN")) or email
    return name, email, {k.upper(): _text(v).upper() for k, v in params.items() if k.upper() in ("PARTSTAT", "ROLE")}


def _attendees(event) -> list[Any]:
    found = event.get("ATTENDEE")
    if found is None:
        return []
    return list(found) if isinstance(found, list) else [found]


def _event_status(event) -> str | None:
    """BUSY, TENTATIVE, or None when the event leaves its time free."""
    if _text(event.get("TRANSP")).upper() == "TRANSPARENT" or _text(event.get("STATUS")).upper() == "CANCELLED":
        return None
    outlook = _text(event.get("X-MICROSOFT-CDO-BUSYSTATUS")).upper()
    if outlook in _FREE_STATUS:
        return None
    if _text(event.get("STATUS")).upper() == "TENTATIVE" or outlook == "TENTATIVE":
        return TENTATIVE
    return BUSY


def _blocks_of(event, owner: str, people: People, *, file: str, tz: ZoneInfo) -> list[Busy]:
    status = _event_status(event)
    span = _span(event, tz) if status is not None else None
    if span is None:
        return []
    start, end, all_day = span
    summary = _text(event.get("SUMMARY"))
    taken: dict[str, str] = {}  # person → status
    declined: set[str] = set()
    entries = [(a, False) for a in _attendees(event)]
    if event.get("ORGANIZER") is not None:
        entries.append((event.get("ORGANIZER"), True))
    for value, organizer in entries:
        name, email, params = _address(value)
        if not name:
            continue
        local = email.split("@")[0] if "@" in email else ""
        person = people.add(name, aliases=[email] if email else [], local=local, file=file)
        if not organizer and (params.get("PARTSTAT") == "DECLINED" or params.get("ROLE") == "NON-PARTICIPANT"):
            declined.add(person.name)
            continue
        mine = TENTATIVE if status == TENTATIVE or params.get("PARTSTAT") == "TENTATIVE" else BUSY
        taken[person.name] = mine if taken.get(person.name) != BUSY else BUSY
    if owner not in declined:
        taken.setdefault(owner, status)
    return [Busy(name, start, end, st, summary, all_day, file) for name, st in taken.items() if name not in declined]
