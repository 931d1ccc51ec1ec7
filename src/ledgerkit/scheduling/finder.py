"""``ledgerkit.find_slots``: candidate meeting times from people's calendars.

calendars (``.ics`` files, folders of them, 予定表 workbooks) → busy blocks per person, in
the search's time zone → every slot of the meeting's length on the grid of each business
day's working hours (weekends, national and company holidays, the year-end break and
lunch left out) → who is busy in each → ranked → a :class:`~ledgerkit.core.result.Result`
of kind ``slots``.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path
from typing import Any, Iterable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ledgerkit.calendars.business import business_calendar
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.result import Result, Stats
from ledgerkit.intake.door import gather, read_files, read_limits
from ledgerkit.intake.files import SPREADSHEET_SUFFIXES, collect_inputs
from ledgerkit.scheduling.frames import busy_frame, slots_frame
from ledgerkit.scheduling.ics import read_calendar
from ledgerkit.scheduling.options import parse_date_range, parse_duration, parse_time_range
from ledgerkit.scheduling.people import Busy, People
from ledgerkit.scheduling.report import write_slots
from ledgerkit.scheduling.settings import SCHEDULE_DEFAULTS
from ledgerkit.scheduling.slots import Rules, pick, rank, search
from ledgerkit.scheduling.unread import keep_unread_people, unread_findings, unread_rows
from ledgerkit.scheduling.workbook import ROW_COLUMNS, ScheduleSheetReader

Paths = Iterable[str | os.PathLike] | str | os.PathLike


def find_slots(
    calendars: Paths = (),
    *,
    duration: int | str | None = None,
    between: str | tuple[dt.date, dt.date] | None = None,
    hours: str | tuple[int, int] | None = None,
    lunch: str | tuple[int, int] | None = None,
    buffer: int | None = None,
    grid: int | None = None,
    required: Iterable[str] | str | None = None,
    optional: Iterable[str] | str | None = None,
    n: int | None = None,
    tz: str | None = None,
    include_tentative: bool | None = None,
    assume_free: Iterable[str] | str | None = None,
    config: Config | None = None,
    today: dt.date | None = None,
) -> Result:
    """Candidate meeting times when every required person is free, best first.

    ``calendars`` are ``.ics`` files, folders of them and 予定表 workbooks (氏名, 日付, 開始,
    終了, 件名); ``required`` and ``optional`` name people (as in the calendars) or files
    (the file's people), which are read too. Without either, everyone who owns a
    calendar or a 予定表 row is required. Every other argument defaults to ``[schedule]``
    in the config: ``duration`` (minutes, or ``"1h"``, ``"90分"``), ``between``
    (``"2026-12-07..2026-12-18"``; default: the ``window_days`` from tomorrow), ``hours``
    and ``lunch`` (``"09:00-18:00"``; lunch ``""`` for none), ``buffer`` and ``grid``
    (minutes), ``n`` (slots proposed), ``tz``, ``include_tentative``.

    A required person none of whose 予定表 rows could be read stops the proposal (an error
    finding; ``meta["unread"]`` names them) unless ``assume_free`` names them (free, warned).

    Returns a Result of kind ``slots``: ``frame`` holds every slot with all required
    people free, ranked (``proposed`` marks the ``n`` shown, none overlapping another);
    ``tables["busy"]`` the busy blocks with where each came from; ``tables["nearest"]``,
    when no slot exists, the slots with the fewest required people busy, naming them;
    ``meta["proposed"]`` the :class:`~ledgerkit.scheduling.slots.Slot` values shown;
    ``issues`` every file and row not used. ``result.write("slots.xlsx")`` writes the report.

    Examples:
        >>> r = find_slots("examples/calendars", between="2026-12-07..2026-12-18")  # doctest: +SKIP
        >>> r.frame[["slot", "optional_free"]].head(3)                               # doctest: +SKIP
    """
    config = config_or_found(config)
    lang = config.lang
    rules, tzinfo, (first, last), count = _rules(config, lang, today, duration=duration, between=between,
                                                  hours=hours, lunch=lunch, buffer=buffer, grid=grid, n=n, tz=tz,
                                                  include_tentative=include_tentative)
    required_items, optional_items = _items(required), _items(optional)
    paths = [*([calendars] if isinstance(calendars, (str, os.PathLike)) else list(calendars)),
             *[i for i in [*required_items, *optional_items] if _is_path(i)]]
    if not paths:
        raise InputError(messages.text("sched_no_calendars", lang))
    people = People()
    blocks, issues, stats, files = _read_inputs(paths, people, config, tzinfo, first, last)
    required_names, optional_names, refused = _attendees(people, issues, required_items, optional_items,
                                                         assume_free, lang)
    calendar = business_calendar(config, lang=lang)
    days = calendar.business_days(first, last)
    considered = set(required_names) | set(optional_names)
    blocks = [b for b in blocks if b.person in considered]
    slots = search(blocks, days, rules, required=required_names, optional=optional_names)
    ranked = rank(slots)
    # a required person whose busy time is unknown: no time is proposed to anyone
    free = [s for s in ranked if s.everyone_required] if not refused else []
    proposed = pick(free if free else ranked, count) if not refused else []
    frame = slots_frame(free, proposed, len(optional_names), lang)
    tables = {"busy": busy_frame(blocks)}
    if not free and not refused:
        tables["nearest"] = slots_frame(ranked[: max(count * 4, 20)], proposed, len(optional_names), lang)
    skipped = {d: calendar.holiday_name(d) for d in _weekdays(first, last) if d not in set(days)}
    meta = {
        "lang": lang, "first": first, "last": last, "duration": rules.duration, "hours": rules.hours,
        "lunch": rules.lunch, "buffer": rules.buffer, "grid": rules.grid, "tz": tzinfo.key,
        "include_tentative": rules.include_tentative, "n": count, "required": required_names,
        "optional": optional_names, "found": bool(free), "proposed": proposed, "business_days": len(days),
        "holidays": skipped, "people": people.names(), "unread": refused,
    }
    return Result("slots", frame, issues, stats, files, tables, meta, writer=write_slots)


#: the most candidates ``-n`` shows
MAX_COUNT = 1000


def _rules(config: Config, lang: str, today: dt.date | None, **given: Any) -> tuple[Rules, ZoneInfo, tuple, int]:
    def setting(key: str) -> Any:
        value = given.get(key)
        name = "count" if key == "n" else key
        return value if value is not None else config.get(f"schedule.{name}", SCHEDULE_DEFAULTS[name])

    duration = parse_duration(setting("duration"), lang=lang)
    hours = _range(setting("hours"), "--hours", lang)
    lunch_value = setting("lunch")
    lunch = _range(lunch_value, "--lunch", lang) if lunch_value not in ("", None) else None
    buffer, grid = (_whole(setting(k), option, lang, low) for k, option, low in (("buffer", "--buffer", 0), ("grid", "grid", 1)))
    count = _whole(setting("n"), "-n", lang, 1, high=MAX_COUNT, key="sched_bad_count")
    tzinfo = _zone(setting("tz"), lang)
    between = given.get("between")
    if between is None:
        start = (today or dt.datetime.now(tzinfo).date()) + dt.timedelta(days=1)
        window = (start, start + dt.timedelta(days=int(config.get("schedule.window_days",
                                                                   SCHEDULE_DEFAULTS["window_days"])) - 1))
    elif isinstance(between, tuple):
        window = between
    else:
        window = parse_date_range(between, today=today, lang=lang)
    include = bool(setting("include_tentative"))
    rules = Rules(duration=duration, hours=hours, lunch=lunch, buffer=buffer, grid=grid, include_tentative=include)
    if duration > hours[1] - hours[0]:
        raise InputError(messages.text("sched_too_long", lang, duration=duration, hours=setting("hours")))
    return rules, tzinfo, window, count


def _range(value: Any, option: str, lang: str) -> tuple[int, int]:
    if isinstance(value, tuple):
        return value
    return parse_time_range(value, option=option, lang=lang)


def _whole(value: Any, option: str, lang: str, low: int, *, high: int = 24 * 60, key: str = "sched_bad_number") -> int:
    """A whole number from ``low`` to ``high``: minutes (``sched_bad_number``), or a count (``sched_bad_count``)."""
    try:
        number = int(str(value).strip())
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise InputError(messages.text(key, lang, option=option, value=str(value), low=low, high=high))
    return number


def _zone(name: Any, lang: str) -> ZoneInfo:
    try:
        return ZoneInfo(str(name))
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(messages.text("sched_bad_tz", lang, value=str(name))) from None


def _weekdays(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range((last - first).days + 1)
            if (first + dt.timedelta(days=i)).weekday() < 5]


# --- inputs -----------------------------------------------------------------------------

_SPLIT = re.compile(r"\s*[,、，]\s*")
_FILE_SUFFIXES = {".ics", *SPREADSHEET_SUFFIXES}


def _items(value: Iterable[str] | str | None) -> list[str]:
    """``"A.ics,B.ics"`` or ``["佐藤", "田中"]`` → the items, commas split."""
    if value is None:
        return []
    values = [value] if isinstance(value, (str, os.PathLike)) else list(value)
    return [p for v in values for p in _SPLIT.split(os.fspath(v).strip()) if p]


def _is_path(item: str) -> bool:
    return Path(item).suffix.lower() in _FILE_SUFFIXES or os.path.exists(item)


def _read_inputs(paths: list, people: People, config: Config, tzinfo: ZoneInfo, first: dt.date, last: dt.date):
    """Every calendar and 予定表 given: their busy blocks, the issues, the accounting, the files."""
    lang = config.lang
    max_bytes = read_limits(config)["max_bytes"]
    found, skipped = collect_inputs(paths, lang=lang, max_bytes=max_bytes)
    # .ics files inside a folder are listed as "not a spreadsheet" by intake: they are ours
    ics = [p for p in found if p.suffix.lower() == ".ics"]
    ics += [Path(i.file) for i in skipped if i.code == "unsupported_file" and Path(i.file).suffix.lower() == ".ics"]
    issues = [i for i in skipped if not (i.code == "unsupported_file" and Path(i.file).suffix.lower() == ".ics")]
    ics, copies = collect_inputs(sorted(set(ics)), lang=lang, max_bytes=max_bytes) if ics else ([], [])
    issues += copies
    start = dt.datetime.combine(first, dt.time(0), tzinfo=tzinfo)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(0), tzinfo=tzinfo)
    blocks: list[Busy] = []
    for path in ics:
        found_blocks, found_issues = read_calendar(path, people, tz=tzinfo, start=start, end=end, max_bytes=max_bytes)
        blocks += found_blocks
        issues += found_issues
    stats = Stats(files_found=len(ics), files_read=len(ics) - sum(i.code == "sched_ics_unreadable" for i in issues),
                  files_unreadable=sum(i.code == "sched_ics_unreadable" for i in issues))
    books = [p for p in found if p.suffix.lower() != ".ics"]
    files = [str(p) for p in ics]
    if books:
        intake = read_files(books, config, reader=ScheduleSheetReader(first, last))
        rows = gather(intake, "schedule", columns=ROW_COLUMNS, config=config)
        # a sheet whose rows all fall outside the window was read: each row is named (info), the
        # file is not one "with no data row" (docs/scheduling: outside the window is info only)
        outside = {i.file for i in rows.issues if i.code == "sched_row_outside"}
        issues += [i for i in rows.issues if not (i.code == "file_no_rows" and i.file in outside)]
        files += rows.files
        for field in ("files_found", "files_read", "files_skipped", "files_unreadable", "sheets_read",
                      "sheets_skipped", "rows_read", "rows_consolidated", "rows_rejected"):
            setattr(stats, field, getattr(stats, field) + getattr(rows.stats, field))
        blocks += _rows_to_blocks(rows.frame, people)
    stats.files_skipped += len(skipped) + len(copies) - sum(i.code == "unsupported_file" for i in skipped
                                                           if Path(i.file).suffix.lower() == ".ics")
    return blocks, issues, stats, files


def _rows_to_blocks(frame, people: People) -> list[Busy]:
    out = []
    for r in frame.itertuples(index=False):
        person = people.add(r.person, file=r.source_file, owner=True)
        midnight = dt.datetime.combine(r.date, dt.time(0))
        out.append(Busy(person.name, midnight + dt.timedelta(minutes=int(r.start_min)),
                        midnight + dt.timedelta(minutes=int(r.end_min)), r.status, r.summary, bool(r.all_day),
                        r.source_file, r.source_sheet, int(r.source_row)))
    return out


def _attendees(people: People, issues: list, required: list[str], optional: list[str], assume_free, lang: str):
    """The required and optional people, and the required ones whose busy times are unknown (a
    person none of whose 予定表 rows could be read is kept, never dropped as if free); the
    findings about them are added to ``issues``."""
    unread = unread_rows(issues)
    none_read = keep_unread_people(people, unread)
    required_names, optional_names = _choose(people, required, optional, lang)
    assumed = _resolve(_items(assume_free), people, "--assume-free", lang)
    found, refused = unread_findings(people, unread, none_read, required_names, optional_names, assumed)
    issues += found
    return required_names, optional_names, refused


def _choose(people: People, required: list[str], optional: list[str], lang: str) -> tuple[list[str], list[str]]:
    """The names of the required and the optional people (see :func:`find_slots`)."""
    req = _resolve(required, people, "--required", lang)
    opt = [p for p in _resolve(optional, people, "--optional", lang) if p not in req]
    if not required:
        req = [p.name for p in people.owners() if p.name not in opt]
    if not req:
        raise InputError(messages.text("sched_no_people", lang))
    return req, opt


def _resolve(items: list[str], people: People, option: str, lang: str) -> list[str]:
    names: list[str] = []
    for item in items:
        if _is_path(item):
            target = Path(item).resolve()
            found = [p.name for p in people if any(Path(f).resolve() == target or target in Path(f).resolve().parents
                                                   for f in p.owned)]
        else:
            matches = people.match(item)
            if len(matches) != 1:
                pool = [p.name for p in matches] or people.names()
                known = "、".join(pool) if lang == "ja" else ", ".join(pool)
                code = "sched_ambiguous_person" if matches else "sched_unknown_person"
                raise InputError(messages.text(code, lang, option=option, name=item, known=known))
            found = [matches[0].name]
        names += [n for n in found if n not in names]
    return names
