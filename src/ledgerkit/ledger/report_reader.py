"""A report ledgerkit wrote, read back as the result it was made from (``ledgerkit record REPORT``).

The workbook is opened through the intake door (a worker process with the config's
limits); its 明細 / Detail sheet gives the rows — headings turned back into field names,
provenance included — and its 問題一覧 / Issues sheet the findings (severity, scope, code,
place and the sentence as written). What the report does not hold (the message's
parameters, a finding's document number) is not invented.
"""

from __future__ import annotations

import os
from typing import Any

from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import LedgerError
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result
from ledgerkit.intake.door import read_report_workbook
from ledgerkit.reports.labels import HEADINGS_EN, HEADINGS_JA, SCOPE_LABELS, SEVERITY_LABELS, SHEET_NAMES

__all__ = ["read_report", "guess_kind"]

_FIELDS = {**{v: k for k, v in HEADINGS_EN.items()}, **{v: k for k, v in HEADINGS_JA.items()}}
_SEVERITY = {w: k for k, pair in SEVERITY_LABELS.items() for w in pair}
_SCOPE = {w: k for k, pair in SCOPE_LABELS.items() for w in pair}


def guess_kind(columns) -> str | None:
    """The kind of rows with these fields, or None.

    Examples:
        >>> guess_kind(["date", "person", "project", "hours"]), guess_kind(["vendor", "invoice_no", "net"])
        ('hours', 'invoices')
        >>> guess_kind(["date", "person", "hours", "start"]), guess_kind(["x"])
        ('attendance', None)
    """
    columns = set(columns)
    if "hours" in columns and "person" in columns:
        return "hours" if "project" in columns else "attendance"
    if columns & {"invoice_no", "registration_no"} or {"vendor", "net"} <= columns or {"vendor", "total"} <= columns:
        return "invoices"
    return None


def _sheet(workbook, key: str):
    names = SHEET_NAMES[key]
    return next((s for s in workbook.sheets if s.name in names), None)


def _cell(value: Any) -> Any:
    return None if value == "" else value


def _rows(sheet) -> tuple[list[str], list[dict]]:
    import math

    rows = [r for r in sheet.rows if any(v not in ("", None) for v in r)]
    if not rows:
        return [], []
    header = [_FIELDS.get(str(h).strip(), str(h).strip()) for h in rows[0]]
    records = []
    for row in rows[1:]:
        record = {h: _cell(v) for h, v in zip(header, row) if h}
        if isinstance(record.get("source_row"), float) and math.isfinite(record["source_row"]):
            record["source_row"] = int(record["source_row"])
        records.append(record)
    return header, records


def _issues(sheet) -> list[Issue]:
    if sheet is None:
        return []
    out = []
    for r in _rows(sheet)[1]:
        code = str(r.get("code") or "").strip()
        if not code:
            continue
        row = r.get("source_row")
        out.append(Issue(
            code, str(r.get("source_file") or ""), str(r.get("source_sheet") or ""),
            int(row) if isinstance(row, (int, float)) else None,
            column=str(r.get("column") or ""), value=str(r.get("value") or ""),
            severity=_SEVERITY.get(str(r.get("severity") or ""), "info"),
            scope=_SCOPE.get(str(r.get("scope") or ""), "row"),
            params={"_message": str(r.get("message") or "")},
        ))
    return out


def read_report(path: str | os.PathLike, config: Config | None = None, *, kind: str | None = None) -> Result:
    """The rows (明細 / Detail) and findings (問題一覧 / Issues) of a report ledgerkit wrote.

    ``kind`` names what the rows are when their columns do not tell (hours, invoices,
    attendance). The result's ``files`` are the source files its rows name.
    """
    import pandas as pd

    config = config_or_found(config)
    workbook = read_report_workbook(path, config)
    detail = _sheet(workbook, "detail")
    if detail is None:
        raise LedgerError(messages.text("ledger_not_report", config.lang, path=os.fspath(path)))
    header, records = _rows(detail)
    kind = kind or guess_kind(header)
    if kind is None:
        raise LedgerError(messages.text("ledger_kind_unknown", config.lang, path=os.fspath(path),
                                        columns=", ".join(header)))
    frame = pd.DataFrame.from_records(records, columns=header)
    files = sorted({str(f) for f in frame.get("source_file", pd.Series(dtype=object)).dropna() if f})
    return Result(kind, frame, issues=_issues(_sheet(workbook, "issues")), files=files,
                  meta={"report": os.fspath(path)})
