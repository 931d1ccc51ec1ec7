"""One sheet of a declared list: its table found by the kind's header synonyms, its rows read field by field.

The per-sheet reader of every ``[kinds.NAME]`` kind (:class:`ListReader`, picklable: it runs in
the intake door's worker). The table is found as every list's is (:mod:`ledgerkit.detect`:
title rows above, a header over two rows, merged cells, a table beside it); the rows under it
go through the shared row walk (blank, 合計/小計 and repeated header rows are not data) and
every data row ends up in the frame or rejected with its Excel row, column, value and the
type that failed.

Examples:
    >>> from ledgerkit.intake.read import RawSheet
    >>> from ledgerkit.kinds.declared import kind_from_table
    >>> spec = kind_from_table("sales", {"fields": {
    ...     "branch": {"type": "text", "synonyms": ["支店"], "required": True},
    ...     "month": {"type": "month", "synonyms": ["年月"], "required": True},
    ...     "amount": {"type": "yen", "synonyms": ["売上"], "required": True}}})
    >>> sheet = RawSheet("10月", "visible", [["支店別売上報告 令和8年10月"], [],
    ...     ["支店", "年月", "売上", "備考"], ["東京", "10月", "１，２００，０００", ""],
    ...     ["大阪", "令和8年10月", "△5,000", "返品"], ["名古屋", "10月", "未定", ""], ["合計", "", 1195000, ""]])
    >>> r = ListReader(spec)(sheet, file="売上.xlsx", config=None)
    >>> r.frame[["branch", "month", "amount", "備考", "source_row"]].to_dict("records")
    [{'branch': '東京', 'month': '2026-10', 'amount': 1200000, '備考': None, 'source_row': 4}, {'branch': '大阪', 'month': '2026-10', 'amount': -5000, '備考': '返品', 'source_row': 5}]
    >>> [(i.code, i.row, i.column, i.rejected) for i in r.issues], r.rows_read
    ([('list_bad_cell', 6, '売上', True), ('total_row', 7, '', False)], 3)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.labels import find_labelled_value, title_texts
from ledgerkit.detect.long_tables import Table, detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.tables import cell, contest_params, contested_columns, find_table
from ledgerkit.detect.total_rows import RunningSums
from ledgerkit.detect.walk import RowLog, cell_text, classify_rows
from ledgerkit.kinds.declared import NUMERIC_TYPES, KindSpec
from ledgerkit.lists.cells import FieldCells, Period, Problem, check_value
from ledgerkit.lists.frame import list_frame
from ledgerkit.parse.list_cells import plain
from ledgerkit.parse.periods import year_month_of, years_of

__all__ = ["ListReader", "read_list_sheet", "sheet_period"]


@dataclass(frozen=True)
class ListReader:
    """The per-sheet reader of a declared kind: ``reader(sheet, file=…, config=…) -> SheetResult``."""

    spec: KindSpec

    def __call__(self, sheet, *, file: str, config=None) -> SheetResult:
        return read_list_sheet(sheet, self.spec, file=file, config=config)


def sheet_period(rows, header_row: int, sheet_name: str, file: str, config=None) -> Period:
    """The year a sheet's titles, name and file name give (``令和8年10月``, ``2026年度``), for cells without one."""
    start = int(config.get("fiscal_year.start_month", 4)) if config is not None else 4
    texts = [*title_texts(rows, header_row), sheet_name, Path(file).stem]
    calendar, fiscal = years_of(*texts, start_month=start)
    if fiscal is not None:
        # 2026年度 with a sheet 10月: a cell 1月 is January 2027, the fiscal year's
        return Period(None, fiscal, start)
    year, _month = year_month_of(*texts, start_month=start)
    return Period(year if year is not None else calendar, None, start)


def read_list_sheet(sheet, spec: KindSpec, *, file: str, config=None) -> SheetResult:
    """Read one sheet as a list of ``spec``: the frame of its rows, or why it holds none."""
    rows = fill_merged(sheet.rows, getattr(sheet, "merged", None) or ())
    fields = spec.synonyms()
    table, labelled = _find_table(rows, spec)
    if table is None:
        return SheetResult.no_table(file, sheet, kind={"ja": spec.title("ja"), "en": spec.name},
                                    fields=_needed(spec))
    cols = table.columns
    issues = [Issue("extra_table", file, sheet.name, scope="sheet", params={"range": o}) for o in table.others]
    # two columns that could be one field: which was read, and why
    issues += [Issue("column_contested", file, sheet.name, scope="sheet", column=cols[c.winner],
                     params=contest_params(c, cols, spec.field(c.field).heading()))
               for c in contested_columns(table, fields)]
    cells = FieldCells(sheet_period(rows, table.header_row, sheet.name, file, config))
    columns, extra, kept, rows_read = _walk(rows, table, spec, cells, RowLog(file, sheet.name, issues), labelled)
    return SheetResult(
        frame=list_frame(columns, spec, extra, source=(file, sheet.name), rows=kept),
        issues=issues,
        rows_read=rows_read,
        layout="list",
        header_row=table.header_excel_row,
        mapping={f.name: _source_of(f.name, table, labelled) for f in spec.fields
                 if f.name in table.mapping or f.name in labelled},
    )


def _source_of(name: str, table: Table, labelled: dict) -> str:
    """Where a field is read from: its column's header, or the labelled cell above the table (東京支店 (A2))."""
    if name in table.mapping:
        return table.columns[table.mapping[name]]
    value, r, c = labelled[name]
    return f"{cell_text(value)} ({column_letter(c)}{r + 1})"


def _find_table(rows, spec: KindSpec) -> tuple[Table | None, dict[str, tuple[Any, int, int]]]:
    """The table holding every required field, and the required fields given once above it.

    A branch's own report says 支店名: 東京支店 above its table rather than in a column: a
    required field with no column takes such a labelled value (found by its synonyms, above
    the header) for every row of the table.
    """
    fields = spec.synonyms()
    table = _table_with(rows, fields, set(spec.required))
    if table is not None:
        return table, {}
    labelled = {n: hit for n in spec.required if (hit := find_labelled_value(rows, fields[n])) is not None}
    if not labelled:
        return None, {}
    table = _table_with(rows, fields, set(spec.required) - labelled.keys())
    if table is None:
        return None, {}
    # a field the table has a column for is read from it (年月 | 区分 in the header is no label)
    labelled = {n: hit for n, hit in labelled.items() if n not in table.mapping}
    if any(r >= table.header_row for _, r, _ in labelled.values()) or set(spec.required) - {*table.mapping, *labelled}:
        return None, {}
    return table, labelled


def _table_with(rows, fields: dict[str, list[str]], required: set[str]) -> Table | None:
    if len(fields) >= 2:
        return find_table(rows, fields, [required])
    # a kind of one field: a header of that one column
    return detect_table(rows, Synonyms(fields), required, min_fields=1)


def _needed(spec: KindSpec) -> str:
    """The columns a table must have, as a person reads them: 支店 + 年月 + 売上."""
    names = spec.required or spec.names
    joiner = " + " if spec.required else " / "
    return joiner.join((spec.field(n).synonyms or (n,))[0] for n in names)


def _row_kinds(rows, table: Table, spec: KindSpec):
    """The rows under the header: blank, 合計/小計 (with their label), the header again, or data."""
    m = table.mapping
    # a 合計 may stand in any column that does not hold a figure (支店, 年月, 備考)
    figures = {m[f.name] for f in spec.fields if f.type in NUMERIC_TYPES and f.name in m}
    labels = [c for c in table.columns if c not in figures]
    kinds = classify_rows(rows, table.data_start, table.data_end, columns=list(table.columns),
                          labels=[table.col_start, *labels], header=rows[table.header_row])
    if table.header_rows == 2:
        # a header over two rows printed again on a new page: its second row is no data either
        kinds.repeated |= {r + 1 for r in kinds.repeated if r + 1 < table.data_end}
    return kinds


def _walk(rows, table: Table, spec: KindSpec, cells: FieldCells, log: RowLog, labelled: dict):
    """The rows under the header → (field → values, header → values of the other columns, the
    Excel rows kept, rows read); their issues go to ``log``, in the order of the rows.

    Read a column at a time (each distinct cell value once); then row by row, in order,
    every row is kept, rejected, or is a 合計, blank or repeated header row.
    """
    kinds = _row_kinds(rows, table, spec)
    data = kinds.data(table.data_start, table.data_end)
    values, problems = _read_columns(rows, data, table, spec, cells, labelled)
    m = table.mapping
    yen_cols = [m[f.name] for f in spec.fields if f.type == "yen" and f.name in m]
    # the sheet's own 合計 rows are checked against the rows above them (only where it has some)
    sums = RunningSums(yen_cols, cells.amount) if kinds.total and yen_cols else None
    at = {r: i for i, r in enumerate(data)}
    kept: list[int] = []
    for r in range(table.data_start, table.data_end):
        label = kinds.total.get(r)
        if label is not None:
            log.total(r)
            if sums is not None:
                log.issues.extend(sums.total_row(rows[r], table.columns, log.file, log.sheet, r + 1,
                                                 subtotal="小計" in label))
            continue
        if log.not_data(r, kinds):  # blank, repeated header or note (totals are checked above)
            continue
        found = problems.get(at[r])
        if found is None:
            log.keep(r)
        elif _log_row(log, r, found, table.columns):
            if sums is not None:
                sums.any_rejected = True
            continue
        kept.append(at[r])
        if sums is not None:
            sums.add(rows[r])
    columns = {name: [vals[i] for i in kept] for name, vals in values.items()}
    extra = {h: [_as_written(cell(rows[data[i]], c)) for i in kept] for c, h in table.columns.items()
             if c not in m.values()}
    return columns, extra, [data[i] + 1 for i in kept], log.rows_read


def _as_written(v: Any) -> Any:
    return None if is_empty(v) else plain(v)


class _CellProblem:
    __slots__ = ("problem", "column", "value", "rejects", "severity")

    def __init__(self, problem: Problem, column: int | None, value: Any, rejects: bool, severity: str):
        self.problem, self.column, self.value, self.rejects, self.severity = problem, column, value, rejects, severity


def _read_columns(rows, data: list[int], table: Table, spec: KindSpec, cells: FieldCells,
                  labelled: dict) -> tuple[dict[str, list], dict[int, list[_CellProblem]]]:
    """Each field's values over the data rows, and the problems by data row (in field order).

    A required field that is blank or unreadable rejects the row (an error); another
    field's unreadable cell is left blank in a row that is kept (a warning); a value that
    breaks a declared check (min, max, one_of, pattern) is kept and named (an error).
    """
    values: dict[str, list] = {}
    problems: dict[int, list[_CellProblem]] = {}
    for f in spec.fields:
        c = table.mapping.get(f.name)
        if c is None and f.name not in labelled:
            values[f.name] = [None] * len(data)
            continue
        raws = [cell(rows[r], c) for r in data] if c is not None else [labelled[f.name][0]] * len(data)
        reads = cells.read_column(f, raws)
        values[f.name] = [rd.value for rd in reads]
        severity = "error" if f.required else "warning"
        for i in [i for i, rd in enumerate(reads) if rd.problem is not None or (rd.value is None and f.required)]:
            problem = reads[i].problem or Problem("list_missing_required", {"field": f.heading()})
            problems.setdefault(i, []).append(_CellProblem(problem, c, raws[i], f.required, severity))
        if f.checked:
            for i, rd in enumerate(reads):
                broken = check_value(f, rd.value) if rd.problem is None else None
                if broken is not None:
                    problems.setdefault(i, []).append(_CellProblem(broken, c, raws[i], False, "error"))
    return values, problems


def _log_row(log: RowLog, r: int, problems: list[_CellProblem], columns: dict[int, str]) -> bool:
    """Count row ``r`` once and list each of its problems by Excel row and column; True when rejected."""
    rejecting = next((p for p in problems if p.rejects), None)
    if rejecting is None:
        log.keep(r)
    for p in problems:
        header = columns.get(p.column, "")
        if p is rejecting:
            params = dict(p.problem.params)
            field = params.pop("field", "")
            params.pop("value", None)
            log.reject(r, p.problem.code, column=header, value=p.value, field=field, severity=p.severity, **params)
            continue
        log.issues.append(Issue(p.problem.code, log.file, log.sheet, r + 1, column=header, value=cell_text(p.value),
                                severity=p.severity, rejected=p.rejects, params=p.problem.params))
    return rejecting is not None
