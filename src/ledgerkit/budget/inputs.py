"""The inputs of a budget comparison — the budget, the rates, the hours and the invoices — read
through the intake door (paths), taken from a Result, or given as frames; with everything
reading them said (issues, files, counts)."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ledgerkit.budget.budgets import read_budget
from ledgerkit.budget.columns import BUDGET_COLUMNS
from ledgerkit.budget.rates import Rates, read_rates
from ledgerkit.budget.settings import _lang
from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result, Stats
from ledgerkit.hours.workbooks import read_hours
from ledgerkit.intake.door import drop_read_elsewhere, gather, read_files, sheets_used
from ledgerkit.invoices.across_files import finish_invoices
from ledgerkit.invoices.frame import INVOICE_COLUMNS
from ledgerkit.invoices.sheet import read_invoice_sheet


@dataclass
class Inputs:
    """A comparison's inputs as frames (and the rates), and what reading them said, in the order read."""

    budget: Any = None
    fiscal_year: int | None = None
    rates: Rates | None = None
    hours: Any = None
    invoices: Any = None
    issues: list[Issue] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    stats: Stats = field(default_factory=Stats)

    def add(self, result: Result) -> None:
        """A read's issues, files and counts."""
        self.issues.extend(result.issues)
        # not ledgerkit's own reports, which -o may write over (a comparison run twice)
        own = {i.file for i in result.issues if i.code == "own_report"}
        self.files.extend(f for f in result.files if f not in own)
        for f in dataclasses.fields(Stats):
            setattr(self.stats, f.name, getattr(self.stats, f.name) + getattr(result.stats, f.name))


def read_inputs(budget, hours, rates, invoices, *, fiscal_year: int | None, config: Config, options: dict) -> Inputs:
    """Every input of :func:`~ledgerkit.budget.comparison.compare_budget`: budget, rates, hours (with a
    month), invoices (or None). ``options`` (``include_hidden``, ``skip_bad``, ``jobs``) apply to every read."""
    import pandas as pd

    out = Inputs()
    if _is_frame(budget):
        out.budget, out.fiscal_year = _budget_frame(budget), fiscal_year
    else:
        read = budget if isinstance(budget, Result) else read_budget(_paths(budget), config, fiscal_year=fiscal_year,
                                                                     **options)
        out.add(read)
        out.budget, out.fiscal_year = read.frame, read.meta.get("fiscal_year", fiscal_year)
    out.rates = _rates_input(rates, config, options)
    out.issues.extend(out.rates.issues)
    out.files.extend(out.rates.files)
    out.hours = _actual_frame(hours, "hours", config, out, options)
    if "month" not in out.hours.columns:
        out.hours = out.hours.assign(month=pd.to_datetime(out.hours["date"]).dt.strftime("%Y-%m"))
    if invoices is not None:
        out.invoices = _actual_frame(invoices, "invoices", config, out, options)
    # one workbook given for two inputs (予算表 and 単価表): a sheet one of them read is not
    # "no table" nor figures unread for the other
    used = out.rates.sheets | {pair for x in (out.budget, out.hours, out.invoices) for pair in sheets_used(x)}
    out.issues = drop_read_elsewhere(out.issues, used, codes=_NOTHING_HERE)
    return out


#: the sheet-level issues that only say one input's reader found nothing in a sheet
_NOTHING_HERE = ("unread_data", "no_table", "empty_sheet", "budget_no_table", "rates_no_table")


def _is_frame(x: Any) -> bool:
    return hasattr(x, "columns") and hasattr(x, "iloc")


def _paths(x: Any) -> list[str]:
    if isinstance(x, (str, os.PathLike)):
        return [str(x)]
    return [str(p) for p in x]


def _rates_input(rates: Any, config: Config, options: dict) -> Rates:
    if isinstance(rates, Rates):
        return rates
    if isinstance(rates, Mapping):
        return Rates.from_mapping(rates)
    if _is_frame(rates):
        return Rates.from_mapping(dict(zip(rates["person"], rates["rate"])))
    return read_rates(_paths(rates), config, **options)


def _actual_frame(x: Any, kind: str, config: Config, out: Inputs, options: dict):
    """A frame from paths (read as ``ledgerkit.aggregate`` reads them), a Result, or a frame."""
    if _is_frame(x):
        return x
    if isinstance(x, Result):
        out.add(x)
        return x.frame
    result = _read_actuals(_paths(x), kind, config, options)
    if result.stats.rows_read == 0 and any(i.code in ("no_table", "empty_sheet") for i in result.issues):
        # given as --hours / --invoices but no such table anywhere: a wrong file, never 0 yen ok
        raise InputError(messages.text(f"budget_no_{kind}", _lang(config),
                                       files=", ".join(str(p) for p in _paths(x))))
    out.add(result)
    return result.frame


def _read_actuals(paths: list[str], kind: str, config: Config, options: dict) -> Result:
    """The hours or invoices under ``paths``, through the intake door (as ``aggregate --kind``)."""
    if kind == "hours":
        return read_hours(paths, config, **options)
    intake = read_files(paths, config, reader=read_invoice_sheet, **options)
    return gather(intake, "invoices", finish=finish_invoices, columns=INVOICE_COLUMNS, config=config)


def _budget_frame(frame):
    """A caller's budget frame with every column of :data:`BUDGET_COLUMNS` (a copy)."""
    missing = [c for c in ("project", "budget") if c not in frame.columns]
    if missing:
        raise InputError(f"the budget frame lacks the columns {', '.join(missing)}")
    out = frame.copy()
    for c in BUDGET_COLUMNS:
        if c not in out.columns:
            out[c] = "" if c != "source_row" else 0
    out["month"] = out["month"].fillna("").astype(str)
    out["budget"] = out["budget"].map(lambda v: None if v is None or v != v else int(v)).astype("Int64")
    return out[BUDGET_COLUMNS].reset_index(drop=True)
