"""The one-line reasons a person can check: why this rank, why this person.

``期限まで残り 2 営業日 (12/3 17:00)、残工数 6h、余裕 10h、依頼者 部長`` and
``得意: 稟議、12/2 午前に空き``, in Japanese or English (every word from
:mod:`ledgerkit.core.messages`). Dates are ``12/3`` in the as-of year, ``2027/1/5`` outside it.
"""

from __future__ import annotations

import datetime as dt

from ledgerkit.core import messages
from ledgerkit.workload.planning import BY_TRIAGE
from ledgerkit.workload.priority import AT_RISK, Item
from ledgerkit.workload.settings import DONE, ON_HOLD
from ledgerkit.workload.timeline import Timeline

_WEEKDAYS_JA = "月火水木金土日"
_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
#: the end of the morning, by definition of 午前
_NOON = dt.time(12, 0)


def hours_text(hours: float) -> str:
    """``6h``, ``1.5h``, ``0.25h``, ``-2h``.

    Examples:
        >>> hours_text(6), hours_text(1.5), hours_text(10 / 60), hours_text(-2.0)
        ('6h', '1.5h', '0.17h', '-2h')
    """
    value = round(hours, 2)
    return f"{value:g}h" if value != 0 else "0h"


def day_text(day: dt.date, year: int) -> str:
    """``12/3`` in ``year``, ``2027/1/5`` in another.

    Examples:
        >>> day_text(dt.date(2026, 12, 3), 2026), day_text(dt.date(2027, 1, 5), 2026)
        ('12/3', '2027/1/5')
    """
    return f"{day.month}/{day.day}" if day.year == year else f"{day.year}/{day.month}/{day.day}"


def moment_text(when: dt.datetime, year: int) -> str:
    """``12/3 17:00``.

    Examples:
        >>> moment_text(dt.datetime(2026, 12, 3, 9, 5), 2026)
        '12/3 9:05'
    """
    return f"{day_text(when.date(), year)} {when.hour}:{when.minute:02d}"


def weekday_text(day: dt.date, year: int, lang: str = "ja") -> str:
    """``12/3(木)`` / ``Thu 12/3``: a column of the board."""
    if lang == "en":
        return f"{_WEEKDAYS_EN[day.weekday()]} {day_text(day, year)}"
    return f"{day_text(day, year)}({_WEEKDAYS_JA[day.weekday()]})"


def _sep(lang: str) -> str:
    return "、" if lang == "ja" else ", "


def priority_reason(item: Item, timeline: Timeline, lang: str = "ja") -> str:
    """Why this rank, in one line (see :mod:`ledgerkit.workload.priority` for the rules)."""
    t = lambda code, **p: messages.text(code, lang, **p)
    if item.state == DONE:
        return t("triage_r_done")
    if item.state == ON_HOLD:
        return t("triage_r_on_hold")
    year = timeline.as_of.year
    parts = []
    if item.due is None:
        parts.append(t("triage_r_no_due"))
    elif item.overdue:
        parts.append(t("triage_r_overdue", due=moment_text(item.due, year), late=hours_text(item.overdue_minutes / 60)))
    else:
        days = timeline.business_days_until(item.due.date())
        due = moment_text(item.due, year)
        parts.append(t("triage_r_due_today", due=due) if days == 0 else t("triage_r_due_in", days=days, due=due))
    parts.append(t("triage_r_left", hours=hours_text(item.remaining)))
    if item.due is not None and not item.overdue:
        parts.append(t("triage_r_slack", hours=hours_text(item.slack / 60)))
    if item.importance_given:
        parts.append(t("triage_r_importance", name=item.importance))
    if item.role_level is not None:
        parts.append(t("triage_r_role", role=item.role))
    return _sep(lang).join(parts)


def _when(start: dt.datetime, timeline: Timeline, lang: str) -> str:
    half = messages.text("triage_morning" if start.time() < _NOON else "triage_afternoon", lang)
    if start.date() == timeline.as_of.date():
        return messages.text("triage_today_half", lang, half=half)
    return messages.text("triage_day_half", lang, day=day_text(start.date(), timeline.as_of.year), half=half)


def assign_reason(item: Item, timeline: Timeline, lang: str = "ja") -> str:
    """Why this person (or why no one), in one line."""
    t = lambda code, **p: messages.text(code, lang, **p)
    if not item.is_open:
        return ""
    year = timeline.as_of.year
    if item.unknown_owner:
        return t("triage_a_unknown_owner", name=item.owner)
    if not item.owner:
        return t("triage_a_unplanned")
    parts = []
    if item.assigned_by == BY_TRIAGE and item.strength:
        parts.append(t(f"triage_a_{item.strength}", category=item.category))
    if item.start is not None:
        when = _when(item.start, timeline, lang)
        parts.append(t("triage_a_free", when=when) if item.assigned_by == BY_TRIAGE else t("triage_a_listed", when=when))
    else:
        parts.append(t("triage_a_unplanned"))
    if item.risk == AT_RISK:
        if item.earliest_owner and item.earliest_owner != item.owner:
            parts.append(t("triage_a_other_sooner", name=item.earliest_owner, finish=moment_text(item.earliest, year)))
        else:
            parts.append(t("triage_a_late", finish=moment_text(item.finish, year)))
    return _sep(lang).join(parts)
