"""Effort hours in a day grid: projects or tasks down, days 1..31 across.

One sheet per person (the name in a 氏名 cell, the sheet name or the file name) or per
month (a 氏名 column). Every data row ends up in the frame or in the issues with its
Excel row number.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.headers import header_key
from ledgerkit.detect.day_grids import split_period
from ledgerkit.detect.walk import RowKinds, RowLog, classify_rows
from ledgerkit.hours.cells import _ACTUAL_LABELS, _DAY_OFF, _PLAN_LABELS, _cache, _first_text_is_total
from ledgerkit.hours.frame import HOURS_COLUMNS, _hours_columns, _hours_text, _show, unit_text
from ledgerkit.hours.people import _lang_of, _person_of_sheet, _person_source, no_person_issue
from ledgerkit.hours.periods import sheet_year_month, sheet_years
from ledgerkit.hours.units import _UNIT_HEADERS, _grid_unit, _row_unit
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError, is_total_label, normalize_name, normalize_text


def _read_grid(rows, grid, sheet_name: str, file: str, config: Config, synonyms) -> SheetResult:
    issues: list[Issue] = [
        Issue("extra_table", file, sheet_name, scope="sheet", params={"range": o}) for o in grid.others
    ]
    if grid.plan_cols:  # a 予定 block of days beside the 実績 block
        issues.append(Issue("plan_columns", file, sheet_name, grid.header_excel_row, params={
            "value": grid.plan_label, "range": f"{column_letter(min(grid.plan_cols))}〜{column_letter(max(grid.plan_cols))}"}))
    labels = grid.labels
    year, month = sheet_year_month(rows, grid.header_row, sheet_name, file, config)
    dated = {c: d for c, d in grid.days.items() if isinstance(d, dt.date)}
    if dated:
        first = min(dated.values())
        year, month = first.year, first.month
    elif year is None or month is None:
        year, month = _month_of_headers(rows, grid, sheet_name, file, config, year, month)
    if (year is None or month is None) and len(dated) < len(grid.days):
        issues.append(Issue("no_month", file, sheet_name, scope="sheet", severity="error"))
        return SheetResult(issues=issues, layout="grid", header_row=grid.header_excel_row)
    person_const = person_where = None
    if "person" not in labels:
        person_const, person_where = _person_of_sheet(rows, grid.header_row, sheet_name, synonyms.get("person", []), file,
                                                      config)
        if person_const is None:
            issues.append(no_person_issue(file, sheet_name))
            return SheetResult(issues=issues, layout="grid", header_row=grid.header_excel_row)
    reader = _DayGrid(rows, grid, sheet_name, file, config, year, month, person_const, issues)
    # blank rows and rows with 合計 in a label column: the shared row walk's rules
    kinds = classify_rows(rows, grid.data_start, grid.data_end, columns=range(reader.c0, reader.c1),
                          labels=reader.label_cols)
    for r in range(grid.data_start, grid.data_end):
        reader.read_row(r, kinds)
    return SheetResult(
        frame=reader.frame(),
        issues=reader.log.issues,
        rows_read=reader.log.rows_read,
        layout="grid",
        header_row=grid.header_excel_row,
        mapping=reader.mapping(person_where),
    )


def _month_of_headers(rows, grid, sheet_name: str, file: str, config: Config, year, month):
    """The month written in day headers as text (10/1 … 10/31; the last one for a closing
    period 10/21 … 11/20), with a year written alone in a title, the sheet or the file name."""
    head = rows[grid.header_row]
    last = max(grid.days)
    m = _MONTH_DAY.match(normalize_text(head[last])) if isinstance(head[last], str) else None
    if m is None:
        return year, month
    month = int(m.group(1))
    if year is None and 1 <= month <= 12:
        plain, fiscal = sheet_years(rows, grid.header_row, sheet_name, file, config)
        start = int(config.get("fiscal_year.start_month", 4))
        year = plain if plain else (fiscal + (month < start) if fiscal else None)
    return year, month if 1 <= month <= 12 else None


_MONTH_DAY = re.compile(r"^(\d{1,2})\s*[/月]\s*\d{1,2}")


class _DayGrid:
    """The rows of one day grid, read one at a time into entries (date, hours) and issues."""

    def __init__(self, rows, grid, sheet_name: str, file: str, config: Config, year, month, person_const, issues):
        self.rows, self.grid, self.sheet_name, self.file, self.config = rows, grid, sheet_name, file, config
        self.year, self.month, self.person_const = year, month, person_const
        labels = self.labels = grid.labels
        self.max_hours = float(config.get("hours.max_hours_per_day", 24.0))
        self.parse_hours = _cache(parse_hours)
        self.unit, self.factor = _grid_unit(rows, grid, config)
        self.day_dates = self._day_dates()
        self.label_cols = sorted(labels.values())
        self.c0 = min(self.label_cols)
        self.c1 = max(grid.days) + 1
        self.out: dict[str, list] = {k: [] for k in HOURS_COLUMNS}
        self.notes: list = []
        self.c_note = labels.get("note")
        self.log = RowLog(file, sheet_name, issues)
        # the row's own 合計 column, checked against the days read
        self.c_total = next((c for c in grid.total_cols if is_total_label(grid.columns.get(c, ""))), None)
        # a 単位 column left of the days (時間 / 人日 …): each row's unit; blank → the grid's
        head = self.head = rows[grid.header_row]
        self.c_unit = next((c for c in range(min(grid.days)) if c < len(head) and isinstance(head[c], str)
                            and header_key(head[c]) in _UNIT_HEADERS), None)
        self.above, self.above_row = (None, ""), -2  # (project, person) of the data row just above
        self.running: dict = {}  # day → hours of the rows since the last blank or total row
        self.grand: dict = {}  # day → hours of every row

    def _day_dates(self) -> dict[int, dt.date | None]:
        """The date of every day column."""
        grid, year, month = self.grid, self.year, self.month
        day_dates: dict[int, dt.date | None] = {}
        # a closing-day period (21 … 31, 1 … 20) under "11月度": the days before the wrap
        # are the month before, as the period 10/21 - 11/20 closes in November
        earlier = self.earlier = set(split_period(grid.days)[0])
        for c, d in grid.days.items():
            if isinstance(d, dt.date):
                day_dates[c] = d
            else:
                y, m = (year, month) if c not in earlier else (year - (month == 1), month - 1 or 12)
                try:
                    day_dates[c] = dt.date(y, m, d)
                except ValueError:
                    day_dates[c] = None  # 31 in a 30-day month: a column that must stay empty
        return day_dates

    def _not_data(self, r: int, row, kinds: RowKinds) -> bool:
        """A blank, total or repeated header row: listed where it says something, never read."""
        if r in kinds.blank:
            self.running = {}
            return True
        if r in kinds.note:
            self.log.note_row(r, kinds.note[r])
            return True
        # pre-step: 合計 in the first cell with text, outside the label columns (a label merged
        # over the label columns, or written in the first day column), is a total too
        if r in kinds.total or _first_text_is_total(row, self.c0, self.c1):
            self.log.total(r)
            self.above_row = -2
            self.running = {}
            return True
        # pre-step: the walk knows a header again by its texts; a grid's header is days
        # (1, 2 … or dates), printed again every page: not data (its days are no hours)
        if self._day_header_again(row):
            self.log.repeated_header(r)
            self.above_row = -2
            return True
        return False

    def _day_header_again(self, row) -> bool:
        """More than half of the day columns hold what the header row holds."""
        head, days = self.head, self.grid.days
        same = sum(1 for c in days if c < len(row) and c < len(head) and not is_empty(row[c]) and row[c] == head[c])
        return same > len(days) // 2

    def _labels_of(self, r: int, row) -> tuple[Any, str, Any]:
        """(project, task, person) of a data row, carried down from the row above where blank."""
        labels = self.labels
        project = parse_code(row[labels["project"]]) if "project" in labels and labels["project"] < len(row) else None
        task = normalize_text(row[labels["task"]]) if "task" in labels and labels["task"] < len(row) else ""
        person = self.person_const
        if person is None:
            person = normalize_name(row[labels["person"]]) if labels["person"] < len(row) else ""
        if r - 1 == self.above_row:
            # P1 | 設計 over "" | 実装 (伊藤 | K-1 over "" | K-2): the project or the person
            # is written once for the rows under it, as a merged cell would be; a blank
            # or 小計 row ends the group
            if project is None and task and "project" in labels:
                project = self.above[0]
            if not person and (project or task):
                person = self.above[1]
        self.above, self.above_row = (project, person), r
        return project, task, person

    def _entries(self, row) -> tuple[list, list, float]:
        """((date, hours) of the day cells, (code, column, value, params) of the bad ones, the row's unit)."""
        entries = []
        row_issues = []
        rf = self.factor
        c_unit, head = self.c_unit, self.head
        if c_unit is not None and c_unit < len(row) and not is_empty(row[c_unit]):
            rf = _row_unit(row[c_unit], self.config)
            if not rf:
                row_issues.append(("bad_cell", head[c_unit], row[c_unit], {"field": "単位"}))
        for c, day in (self.day_dates.items() if rf else ()):
            v = row[c] if c < len(row) else ""
            if is_empty(v) or (isinstance(v, str) and v.strip() in _DAY_OFF):
                continue
            hours, err = self.parse_hours(v)
            column = self.grid.columns.get(c, column_letter(c))
            if err is not None:
                row_issues.append(("bad_cell", column, v, {"field": "工数"}))
                continue
            if not hours:
                continue
            hours *= rf
            if day is None:
                row_issues.append(("date_outside_month", column, v, {"value": column, "month": f"{self.year}-{self.month:02d}"}))
                continue
            if hours > self.max_hours:
                row_issues.append(("hours_over_day", column, v, {"max": self.max_hours}))
                continue
            entries.append((day, hours))
        return entries, row_issues, rf

    def read_row(self, r: int, kinds: RowKinds) -> None:
        row = self.rows[r]
        if self._not_data(r, row, kinds):
            return
        excel_row = r + 1
        project, task, person = self._labels_of(r, row)
        if task.lower() in _PLAN_LABELS:
            # P1 | 予定 over "" | 実績: the plan is not hours worked
            self.log.skip(r, "plan_row", value=task)
            return
        if task.lower() in _ACTUAL_LABELS:
            task = ""  # 実績: the row of hours worked, not a task of that name
        entries, row_issues, rf = self._entries(row)
        missing = None
        if not (project or task):
            missing = "案件"
            if entries and not row_issues and _sums_of(entries) in (_rounded(self.running), _rounded(self.grand)):
                # pre-step: an =SUM() row under the projects with no 合計 label is a total, not a row
                self.log.total(r)
                self.above_row, self.running = -2, {}
                return
        elif not person:
            missing = "氏名"
        if entries and missing is None:
            self.log.keep(r)
            self._add(entries, row, excel_row, project, task, person)
        self._row_issues(r, row, entries, row_issues, missing, rf)

    def _add(self, entries, row, excel_row: int, project, task: str, person) -> None:
        """The row's entries into the frame's columns, and into the running totals."""
        out, c_note = self.out, self.c_note
        for day, hours in entries:
            self.running[day] = self.running.get(day, 0.0) + hours
            self.grand[day] = self.grand.get(day, 0.0) + hours
        for day, hours in entries:
            out["date"].append(day)
            out["month"].append(f"{day.year:04d}-{day.month:02d}")
            out["person"].append(person)
            out["project"].append(project or "")
            out["task"].append(task)
            out["hours"].append(hours)
            out["source_file"].append(self.file)
            out["source_sheet"].append(self.sheet_name)
            out["source_row"].append(excel_row)
            if c_note is not None:
                self.notes.append(normalize_text(row[c_note]) if c_note < len(row) else "")

    def _row_issues(self, r: int, row, entries, row_issues, missing, rf) -> None:
        """The row's cell issues, its own 合計 checked, and why it is rejected when it is."""
        file, sheet_name, log, c_total = self.file, self.sheet_name, self.log, self.c_total
        excel_row = r + 1
        rejected = not entries or missing is not None
        # a cell's issue names its day column (scope cell): built here, the row counted below
        for code, column, value, params in row_issues:
            log.issues.append(
                Issue(
                    code,
                    file,
                    sheet_name,
                    excel_row,
                    column=str(column),
                    value=_show(value),
                    severity="error",
                    scope="cell",
                    rejected=rejected,
                    params={"value": _show(value), **params},
                )
            )
        if c_total is not None and c_total < len(row) and rf:
            _check_row_total(log.issues, file, sheet_name, excel_row, self.grid.columns.get(c_total, ""), row[c_total],
                             sum(h for _, h in entries) / rf)
        if entries and missing is not None:
            log.reject(r, "missing_value", field=missing)
        elif not entries and not row_issues:
            log.reject(r, "no_values", severity="info")
        elif rejected:
            log.rows_read += 1  # rejected through its cells' issues above

    def frame(self):
        return _hours_columns(self.out, [("note", self.notes, False)] if self.c_note is not None else [])

    def mapping(self, person_where) -> dict[str, str]:
        grid, unit, factor, c_unit = self.grid, self.unit, self.factor, self.c_unit
        lang = _lang_of(self.config)
        mapping = {f: grid.columns.get(c, column_letter(c)) for f, c in self.labels.items()}
        mapping["date"] = messages.text("map_day_columns", lang, count=len(grid.days), span=f"{self.year}-{self.month:02d}")
        if unit:
            mapping["hours"] = unit_text(unit, factor, lang)
        if c_unit is not None:
            mapping["hours"] = messages.text("map_unit_column", lang, column=self.head[c_unit],
                                             hours=mapping.get("hours", messages.text("map_the_day_columns", lang)))
        if self.earlier:
            known = [d for d in self.day_dates.values() if d is not None]
            mapping["date"] = messages.text("map_day_columns", lang, count=len(grid.days),
                                            span=f"{min(known).isoformat()}〜{max(known).isoformat()}")
        if self.person_const is not None:
            mapping["person"] = _person_source(self.person_const, person_where, _lang_of(self.config))
        return mapping


def _rounded(sums: dict) -> dict:
    return {d: round(h, 6) for d, h in sums.items() if round(h, 6)}


def _sums_of(entries) -> dict:
    out: dict = {}
    for day, hours in entries:
        out[day] = out.get(day, 0.0) + hours
    return _rounded(out)


def _check_row_total(issues: list[Issue], file: str, sheet: str, excel_row: int, header: str, value: Any, got: float) -> None:
    """A grid row's own 合計 against the hours read from its days: a warning when they differ.

    The comparison is in the grid's own unit. A total of 0 or blank (a formula never
    calculated) or a cell that is no number says nothing.
    """
    try:
        stated = parse_hours(value)
    except (CellValueError, TypeError):
        return
    if not stated or abs(stated - got) <= 1 / 60:
        return
    issues.append(
        Issue(
            "sheet_total_mismatch",
            file,
            sheet,
            excel_row,
            column=header,
            value=_show(value),
            severity="warning",
            params={"total": _hours_text(stated), "sum": _hours_text(round(got, 4)), "field": header},
        )
    )
