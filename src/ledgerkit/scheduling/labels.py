"""How a slot is written for a person: ``12月8日(火) 10:00〜11:00  (全員可 / 任意 2/3)``.

The same words on the terminal, in the candidates sheet and in the 日程調整 message.
"""

from __future__ import annotations

import datetime as dt

from ledgerkit.core import messages
from ledgerkit.scheduling.slots import Slot

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _clock(t: dt.datetime) -> str:
    return f"{t.hour}:{t.minute:02d}"


def format_day(day: dt.date, lang: str = "ja") -> str:
    """``12月8日(火)`` / ``Tue 8 Dec``.

    Examples:
        >>> format_day(dt.date(2026, 12, 8)), format_day(dt.date(2026, 12, 8), "en")
        ('12月8日(火)', 'Tue 8 Dec')
    """
    if lang == "en":
        return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]}"
    return f"{day.month}月{day.day}日({_WEEKDAYS_JA[day.weekday()]})"


def format_slot(start: dt.datetime, end: dt.datetime, lang: str = "ja") -> str:
    """``12月8日(火) 10:00〜11:00`` / ``Tue 8 Dec 10:00–11:00`` (the end's day too when it differs).

    Examples:
        >>> format_slot(dt.datetime(2026, 12, 8, 10), dt.datetime(2026, 12, 8, 11))
        '12月8日(火) 10:00〜11:00'
        >>> format_slot(dt.datetime(2026, 12, 8, 9, 30), dt.datetime(2026, 12, 8, 11), "en")
        'Tue 8 Dec 9:30–11:00'
    """
    dash = "–" if lang == "en" else "〜"
    tail = _clock(end) if end.date() == start.date() or end == dt.datetime.combine(start.date() + dt.timedelta(days=1), dt.time(0)) \
        else f"{format_day(end.date(), lang)} {_clock(end)}"
    return f"{format_day(start.date(), lang)} {_clock(start)}{dash}{tail}"


def _names(names, lang: str) -> str:
    return ("、" if lang == "ja" else ", ").join(names)


def slot_note(slot: Slot, optional_total: int, lang: str = "ja") -> str:
    """What the parentheses say: who is free, who is busy, whose tentative block it overlaps.

    Examples:
        >>> s = Slot(dt.datetime(2026, 12, 8, 10), dt.datetime(2026, 12, 8, 11), optional_free=("a", "b"))
        >>> slot_note(s, 3), slot_note(s, 3, "en")
        ('全員可 / 任意 2/3', 'all required free / optional 2/3')
        >>> slot_note(Slot(s.start, s.end, required_busy=("佐藤",), tentative=("田中",)), 0)
        '予定あり: 佐藤 / 仮の予定: 田中'
    """
    parts = [messages.text("sched_note_all", lang) if slot.everyone_required
             else messages.text("sched_note_busy", lang, names=_names(slot.required_busy, lang))]
    if optional_total:
        parts.append(messages.text("sched_note_optional", lang, free=len(slot.optional_free), total=optional_total))
    if slot.tentative:
        parts.append(messages.text("sched_note_tentative", lang, names=_names(slot.tentative, lang)))
    return " / ".join(parts)


def slot_line(slot: Slot, optional_total: int, lang: str = "ja") -> str:
    """``12月8日(火) 10:00〜11:00  (全員可 / 任意 2/3)``: one line of the terminal's list.

    Examples:
        >>> s = Slot(dt.datetime(2026, 12, 8, 10), dt.datetime(2026, 12, 8, 11), optional_free=("a", "b"))
        >>> slot_line(s, 3)
        '12月8日(火) 10:00〜11:00  (全員可 / 任意 2/3)'
    """
    return f"{format_slot(slot.start, slot.end, lang)}  ({slot_note(slot, optional_total, lang)})"


def format_duration(minutes: int, lang: str = "ja") -> str:
    """``60`` → ``1時間`` / ``1 hour``; ``90`` → ``1時間30分`` / ``1 h 30 min``; ``45`` → ``45分``.

    Examples:
        >>> format_duration(60), format_duration(90), format_duration(45), format_duration(90, "en")
        ('1時間', '1時間30分', '45分', '1 h 30 min')
    """
    h, m = divmod(minutes, 60)
    if lang == "en":
        if not h:
            return f"{m} min"
        return f"{h} hour{'s' if h > 1 else ''}" if not m else f"{h} h {m} min"
    return (f"{h}時間" if h else "") + (f"{m}分" if m else "")
