"""ledgerkit: the client's Excel workbooks, read as they are.

The public API is importable from here; heavy modules load on first use, so that
``import ledgerkit`` (and the CLI's ``--help``) stays fast.

Examples:
    >>> import ledgerkit
    >>> ledgerkit.__version__
    '0.1.0'
"""

from __future__ import annotations

import importlib

__version__ = "0.1.0"

_API = {
    "aggregate": "ledgerkit.consolidate.aggregate",
    "inspect": "ledgerkit.consolidate.inspection",
    "AggregateResult": "ledgerkit.consolidate.aggregate",
    "summarize_hours": "ledgerkit.hours.summary",
    "read_invoices": "ledgerkit.invoices.across_files",
    "read_orders": "ledgerkit.orders.lists",
    "check_invoices": "ledgerkit.checks.invoices",
    "check_orders": "ledgerkit.checks.orders",
    "compare_budget": "ledgerkit.budget.comparison",
    "read_attendance": "ledgerkit.attendance.workbooks",
    "settle": "ledgerkit.settlement.months",
    "read_contracts": "ledgerkit.settlement.contracts",
    "check_settled_invoices": "ledgerkit.settlement.invoice_check",
    "draft_ringi": "ledgerkit.drafts",
    "draft_po": "ledgerkit.drafts",
    "render": "ledgerkit.drafts",
    "approval_route": "ledgerkit.drafts",
    "find_slots": "ledgerkit.scheduling.finder",
    "Ledger": "ledgerkit.ledger.book",
    "read_report": "ledgerkit.ledger.report_reader",
    "triage": "ledgerkit.workload.planner",
    "write_result": "ledgerkit.consolidate.aggregate",
    "load_config": "ledgerkit.config.loading",
    "init_project": "ledgerkit.config.project",
    "show_config": "ledgerkit.config.rendering",
    "defaults": "ledgerkit.config.defaults",
    "Config": "ledgerkit.config.loading",
    "Issue": "ledgerkit.core.issues",
    "issues_frame": "ledgerkit.core.issues",
    "read_workbook": "ledgerkit.intake.read",
    "read_sheet_list": "ledgerkit.intake.read",
    "unreadable_message": "ledgerkit.intake.read",
    "sniff_format": "ledgerkit.intake.sniff",
    "read_workbooks_isolated": "ledgerkit.intake.isolate",
    "detect_table": "ledgerkit.detect.long_tables",
    "write_frame": "ledgerkit.reports.frames",
    "LedgerkitError": "ledgerkit.core.errors",
    "InputError": "ledgerkit.core.errors",
    "UnreadableFileError": "ledgerkit.core.errors",
    "ConfigError": "ledgerkit.core.errors",
    "DataError": "ledgerkit.core.errors",
    "TemplateError": "ledgerkit.core.errors",
    "OutputError": "ledgerkit.core.errors",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ledgerkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
