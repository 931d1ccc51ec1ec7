"""Workload: which request first, who does it, and what slips when an urgent one arrives.

``triage`` (in :mod:`ledgerkit.workload.planner`) reads a 依頼一覧 and a 担当者一覧 through
the intake door, ranks the open requests (:mod:`~ledgerkit.workload.priority`), plans them
on people's capacity day by day (:mod:`~ledgerkit.workload.planning`,
:mod:`~ledgerkit.workload.capacity`), measures the load (:mod:`~ledgerkit.workload.load`)
and, with urgent requests added, what they move (:mod:`~ledgerkit.workload.whatif`).
Heavy modules load on first use.
"""

from __future__ import annotations

import importlib

_API = {
    "triage": "ledgerkit.workload.planner",
    "plan_run": "ledgerkit.workload.planner",
    "write_triage": "ledgerkit.workload.report",
    "RequestSheetReader": "ledgerkit.workload.requests",
    "StaffSheetReader": "ledgerkit.workload.staff",
    "Staff": "ledgerkit.workload.staff",
    "Settings": "ledgerkit.workload.settings",
    "triage_settings": "ledgerkit.workload.settings",
    "Timeline": "ledgerkit.workload.timeline",
    "PersonPlan": "ledgerkit.workload.capacity",
    "parse_as_of": "ledgerkit.workload.new",
    "split_pairs": "ledgerkit.workload.new",
}

__all__ = list(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ledgerkit.workload' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
