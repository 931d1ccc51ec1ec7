"""What a check returns: one :class:`~ledgerkit.core.result.Result` with the rows checked, every
Issue, the findings table, and the report ``ledgerkit check`` writes.

``result.issues`` holds what the readers said (their errors and warnings with the check's
severity, see :func:`~ledgerkit.checks.findings.checked_issues`), then the rules' findings;
``result.tables["findings"]`` the findings as a frame with
:data:`~ledgerkit.checks.findings.FINDING_COLUMNS`; ``result.write(path)`` writes the findings,
the rows checked with each offending cell coloured, and the readers' issues
(:class:`FindingsReport`).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from typing import Any, Iterable

from ledgerkit.checks.findings import checked_issues, findings_frame, reading_findings
from ledgerkit.checks.report import write_findings
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result

__all__ = ["FindingsReport", "check_result"]

#: the sheet the checked rows go on, per language
ROWS_SHEET = {"invoices": {"ja": "請求書", "en": "Invoices"}, "orders": {"ja": "注文", "en": "Orders"}}


@dataclass(frozen=True)
class FindingsReport:
    """Writes a check's Result as ``ledgerkit check`` does (see :func:`~ledgerkit.checks.report.write_findings`).

    ``reading`` are the readers' issues as they said them (the report's Issues sheet);
    ``rows`` names the rows checked (``invoices`` or ``orders``). The files given to the
    check (``meta["paths"]``) are never overwritten, nor any file read.
    """

    reading: tuple[Issue, ...] = ()
    rows: str = "invoices"

    def __call__(self, result: Result, target: str | os.PathLike, *, lang: str = "ja",
                 inputs: Iterable[str | os.PathLike] = (), overwrite: bool = False, **_options: Any) -> None:
        sheet = ROWS_SHEET[self.rows]["en" if lang == "en" else "ja"]
        write_findings(result.tables["findings"], target, rows=result.frame, rows_sheet=sheet,
                       issues=list(self.reading), inputs=[*inputs, *result.meta.get("paths", ())], lang=lang,
                       overwrite=overwrite, as_of=result.meta.get("today"))


def check_result(kind: str, checked: Result, reading: list[Issue], found: list[Issue], *, rows: str,
                 lang: str, others: Result | None = None, meta: dict | None = None) -> Result:
    """The Result of a check of ``checked``'s rows: ``reading`` are the readers' issues (of
    ``checked`` and of ``others``, the other lists read for it), ``found`` the rules' findings."""
    findings = findings_frame(reading_findings(reading) + found, lang)
    tables = {"findings": findings}
    files = list(checked.files)
    if others is not None:
        tables[others.kind] = others.frame
        files += [f for f in others.files if f not in files]
    return Result(kind, checked.frame, checked_issues(reading) + list(found), dataclasses.replace(checked.stats),
                  files, tables, {"lang": lang, **(meta or {})}, writer=FindingsReport(tuple(reading), rows))
