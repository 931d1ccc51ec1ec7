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
    "load_config": "ledgerkit.config",
    "Config": "ledgerkit.config",
    "Issue": "ledgerkit.issues",
    "issues_frame": "ledgerkit.issues",
    "read_workbook": "ledgerkit.read",
    "detect_table": "ledgerkit.detect",
    "write_frame": "ledgerkit.writers",
    "write_report": "ledgerkit.report",
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
