"""Fields a ``[kinds.NAME]`` table adds to a built-in kind, read from the column they name.

The built-in readers keep every column of a long table they do not read under its header
(an hours list's 顧客, an invoice list's 部門). :class:`WithFields` wraps a built-in per-sheet
reader: after it, each added field's column is found by the field's synonyms among those
kept columns, read by the field's type with the shared parsers and checked as a declared
list's field is, and renamed to the field's name. Layouts that keep no other column (a day
grid, a 勤務表) say that the field's column was not found; the rows are kept.

Examples:
    >>> import pandas as pd
    >>> from ledgerkit.core.result import SheetResult
    >>> from ledgerkit.intake.read import RawSheet
    >>> from ledgerkit.kinds.declared import FieldSpec
    >>> def base(sheet, *, file, config):
    ...     return SheetResult(frame=pd.DataFrame({"hours": [7.5, 8.0], "顧客コード": ["C-01", "C-02"],
    ...         "source_file": file, "source_sheet": sheet.name, "source_row": [2, 3]}), rows_read=2, header_row=1)
    >>> reader = WithFields(base, (FieldSpec("client", "code", ("顧客コード",), required=True),))
    >>> reader(RawSheet("10月", "visible", []), file="a.xlsx", config=None).frame["client"].tolist()
    ['C-01', 'C-02']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Callable

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.walk import cell_text
from ledgerkit.kinds.declared import FieldSpec
from ledgerkit.lists.across_files import check_unique
from ledgerkit.lists.cells import FieldCells, Problem, check_value
from ledgerkit.lists.frame import typed_column
from ledgerkit.lists.sheet import sheet_period

__all__ = ["WithFields", "FinishWithFields"]


@dataclass(frozen=True)
class WithFields:
    """A built-in per-sheet reader (``base``) with ``fields`` of the user's own (picklable when ``base`` is)."""

    base: Callable
    fields: tuple[FieldSpec, ...]

    def __call__(self, sheet, *, file: str, config=None) -> SheetResult:
        result = SheetResult.coerce(self.base(sheet, file=file, config=config))
        if result.frame is None:
            return result
        frame = result.frame
        header = (result.header_row or 1) - 1
        cells = FieldCells(sheet_period(sheet.rows, header, sheet.name, file, config))
        rejected: set[int] = set()
        for f in self.fields:
            column = _column_of(f, [c for c in frame.columns if isinstance(c, str)])
            if column is None:
                result.issues.append(Issue("list_field_missing", file, sheet.name, scope="sheet", severity="warning",
                                           params={"field": f.heading(), "synonyms": ", ".join(f.synonyms)}))
                frame[f.name] = typed_column([None] * len(frame), f.type)
                continue
            values = [_read(cells, f, frame.at[i, column], int(frame.at[i, "source_row"]), file, sheet.name, column,
                            result.issues, rejected) for i in frame.index]
            frame = frame.drop(columns=column)
            frame[f.name] = typed_column(values, f.type)
        if rejected:
            # every entry of a row an added required field rejects (a row may give several entries)
            frame = frame[~frame["source_row"].isin(rejected)].reset_index(drop=True)
        return replace(result, frame=frame)


def _column_of(f: FieldSpec, columns: list[str]) -> str | None:
    syn = Synonyms({f.name: f.synonyms})
    return next((c for c in columns if c != f.name and syn.match(c) == f.name), None)


def _read(cells: FieldCells, f: FieldSpec, raw: Any, row: int, file: str, sheet: str, column: str,
          issues: list[Issue], rejected: set[int]) -> Any:
    got = cells.read(f, raw)
    problem: Problem | None = got.problem
    if problem is None and got.value is None and f.required:
        problem = Problem("list_missing_required", {"field": f.heading()})
    rejects = problem is not None and f.required
    if problem is None:
        problem = check_value(f, got.value)
    if problem is not None:
        severity = "error" if rejects or problem.code not in ("list_bad_cell", "list_no_year") else "warning"
        if rejects and row in rejected:
            return None  # the row is rejected once, whichever of its entries said so first
        issues.append(Issue(problem.code, file, sheet, row, column=column, value=cell_text(raw), severity=severity,
                            rejected=rejects, params=problem.params))
        if rejects:
            rejected.add(row)
    return got.value


@dataclass(frozen=True)
class FinishWithFields:
    """A built-in kind's finishing (``base``, or none) and then the added fields' ``unique`` checks."""

    base: Callable | None
    fields: tuple[FieldSpec, ...]

    def __call__(self, frame, issues: list[Issue], config=None):
        if self.base is not None:
            frame, issues = self.base(frame, issues, config)
        return frame, [*issues, *check_unique(frame, self.fields)]
