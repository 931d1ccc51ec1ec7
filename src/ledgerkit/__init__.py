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
    "aggregate": "ledgerkit.consolidate",
    "inspect": "ledgerkit.consolidate",
    "AggregateResult": "ledgerkit.consolidate",
    "summarize_hours": "ledgerkit.hours",
    "read_invoices": "ledgerkit.invoices",
    "read_orders": "ledgerkit.invoices",
    "check_invoices": "ledgerkit.checks",
    "check_orders": "ledgerkit.checks",
    "compare_budget": "ledgerkit.budget",
    "read_attendance": "ledgerkit.attendance",
    "settle": "ledgerkit.settle",
    "read_contracts": "ledgerkit.settle",
    "check_settled_invoices": "ledgerkit.settle",
    "draft_ringi": "ledgerkit.drafts",
    "draft_po": "ledgerkit.drafts",
    "render": "ledgerkit.drafts",
    "approval_route": "ledgerkit.drafts",
    "write_result": "ledgerkit.report",
    "load_config": "ledgerkit.config",
    "init_project": "ledgerkit.config",
    "show_config": "ledgerkit.config",
    "defaults": "ledgerkit.config",
    "Config": "ledgerkit.config",
    "Issue": "ledgerkit.issues",
    "issues_frame": "ledgerkit.issues",
    "read_workbook": "ledgerkit.read",
    "read_sheet_list": "ledgerkit.read",
    "unreadable_message": "ledgerkit.read",
    "sniff_format": "ledgerkit.sniff",
    "read_workbooks_isolated": "ledgerkit.isolate",
    "detect_table": "ledgerkit.detect",
    "write_frame": "ledgerkit.writers",
    "LedgerkitError": "ledgerkit.errors",
    "InputError": "ledgerkit.errors",
    "UnreadableFileError": "ledgerkit.errors",
    "ConfigError": "ledgerkit.errors",
    "DataError": "ledgerkit.errors",
    "TemplateError": "ledgerkit.errors",
    "OutputError": "ledgerkit.errors",
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
