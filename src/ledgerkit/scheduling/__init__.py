"""Scheduling: candidate meeting times from people's calendars, and the message proposing them.

``find_slots`` (in :mod:`ledgerkit.scheduling.finder`) reads ``.ics`` files and 予定表
workbooks, searches the business days' working hours and ranks the slots;
``render_request`` turns the first three into a 日程調整 message. Heavy modules load on
first use.
"""

from __future__ import annotations

import importlib

_API = {
    "find_slots": "ledgerkit.scheduling.finder",
    "render_request": "ledgerkit.scheduling.message",
    "write_request": "ledgerkit.scheduling.message",
    "write_slots": "ledgerkit.scheduling.report",
    "read_calendar": "ledgerkit.scheduling.ics",
    "ScheduleSheetReader": "ledgerkit.scheduling.workbook",
    "Busy": "ledgerkit.scheduling.people",
    "People": "ledgerkit.scheduling.people",
    "Rules": "ledgerkit.scheduling.slots",
    "Slot": "ledgerkit.scheduling.slots",
    "parse_duration": "ledgerkit.scheduling.options",
    "parse_clock": "ledgerkit.scheduling.options",
    "parse_time_range": "ledgerkit.scheduling.options",
    "parse_date_range": "ledgerkit.scheduling.options",
}

__all__ = list(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ledgerkit.scheduling' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
