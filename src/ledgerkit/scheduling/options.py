"""The scheduler's parsers: a meeting's length, a time of day, a range of times or of dates.

Each parser takes what a person types on the command line or into a 予定表 cell and
returns plain numbers (minutes) or dates, or raises :class:`~ledgerkit.core.errors.InputError`
(options) / :class:`~ledgerkit.parse.text.CellValueError` (cells) with one clear reason.
The hours-and-minutes arithmetic and the time of day are the cell parsers' (``parse.hours``, ``parse.datetimes``);
what is added here is the meaning: a plain number is minutes for a duration, a clock
reading for a time of day.
"""

from __future__ import annotations

import datetime as dt
import math
import re

from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.datetimes import parse_time_of_day, whole_minutes
from ledgerkit.parse.datetimes import parse_time_range as parse_cell_time_range
from ledgerkit.parse.hours import parse_hours

#: the longest meeting searched for: a working day
MAX_DURATION = 24 * 60
#: the longest window searched (days)
MAX_WINDOW_DAYS = 366

_PLAIN_MINUTES = re.compile(r"\d+")


def parse_duration(text: object, *, lang: str = "ja") -> int:
    """A meeting's length in minutes: ``60``, ``1h``, ``1.5h``, ``90分``, ``1時間30分``, ``1:30``.

    A plain number is minutes. At most a day (1440 minutes), at least one minute.

    Examples:
        >>> parse_duration("60"), parse_duration("1h"), parse_duration("９０分"), parse_duration("1時間30分")
        (60, 60, 90, 90)
        >>> parse_duration("1:30"), parse_duration(45)
        (90, 45)
        >>> parse_duration("0", lang="en")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.InputError: --duration '0': give a length like 60, 1h or 90分 (1 minute to 24 hours)
    """
    raw = text
    s = normalize_text(text).replace(" ", "")
    minutes = None
    if _PLAIN_MINUTES.fullmatch(s):
        minutes = int(s)
    elif s:
        try:
            hours = parse_hours(s)
        except (CellValueError, ValueError, OverflowError):
            hours = None
        if hours is not None and not (isinstance(hours, float) and (hours != hours or math.isinf(hours))):
            minutes = whole_minutes(hours)
    if minutes is None or not 1 <= minutes <= MAX_DURATION:
        raise InputError(messages.text("sched_bad_duration", lang, value=str(raw)))
    return minutes


#: a time of day in minutes after midnight (``9:00``, ``9時30分``, ``午後2時``, a time cell, 0.375,
#: 9.5; ``24:00`` the end of the day): the cell parser every command uses
parse_clock = parse_time_of_day


def parse_time_range(text: object, *, option: str = "--hours", lang: str = "ja") -> tuple[int, int]:
    """``09:00-18:00`` (also ``9:00〜18:00``, ``9時-18時``) → minutes after midnight, start < end.

    Examples:
        >>> parse_time_range("09:00-18:00"), parse_time_range("9時〜17時30分"), parse_time_range("12:00–13:00")
        ((540, 1080), (540, 1050), (720, 780))
        >>> parse_time_range("18:00-09:00", lang="en")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.InputError: --hours '18:00-09:00': give two times of day, the first before the second, like 09:00-18:00
    """
    try:
        return parse_cell_time_range(text)
    except CellValueError:
        raise InputError(messages.text("sched_bad_time_range", lang, option=option, value=str(text))) from None


def parse_date_range(text: object, *, today: dt.date | None = None, lang: str = "ja") -> tuple[dt.date, dt.date]:
    """``2026-12-07..2026-12-18`` (both days included), or one day; ``12/7..12/18`` is this year.

    Examples:
        >>> parse_date_range("2026-12-07..2026-12-18")
        (datetime.date(2026, 12, 7), datetime.date(2026, 12, 18))
        >>> parse_date_range("令和8年12月8日")
        (datetime.date(2026, 12, 8), datetime.date(2026, 12, 8))
        >>> parse_date_range("12/7..12/18", today=dt.date(2026, 12, 1))[1]
        datetime.date(2026, 12, 18)
    """
    s = normalize_text(text)
    year = (today or dt.date.today()).year
    parts = [p for p in re.split(r"\s*(?:\.\.|〜|~|から)\s*", s)] if s else []
    try:
        if len(parts) not in (1, 2):
            raise CellValueError("", text)
        dates = [parse_date(p, year=year) for p in parts]
    except (CellValueError, ValueError, OverflowError):
        dates = [None]
    if any(d is None for d in dates):
        raise InputError(messages.text("sched_bad_between", lang, value=str(text)))
    start, end = dates[0], dates[-1]
    if end < start:
        raise InputError(messages.text("sched_between_reversed", lang, value=str(text), start=start.isoformat(),
                                       end=end.isoformat()))
    if (end - start).days >= MAX_WINDOW_DAYS:
        raise InputError(messages.text("sched_bad_between", lang, value=str(text)))
    return start, end


def format_minutes(minutes: int) -> str:
    """Minutes after midnight as ``H:MM`` (``540`` → ``9:00``; ``1440`` → ``24:00``).

    Examples:
        >>> format_minutes(540), format_minutes(1050)
        ('9:00', '17:30')
    """
    return f"{minutes // 60}:{minutes % 60:02d}"
