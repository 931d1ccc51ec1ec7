"""Effort hours with dates down and projects across: one column per project, one row per day.

::

    氏名 | 山田太郎
    日付   | 曜日 | A-1001 | B-2002 | 合計
    10/1  | 木   | 7.5    | 0.5    | =SUM(C5:D5)
    …
    合計   |      | =SUM() | =SUM() | =SUM()

Each filled project cell is one entry (date × project × hours): the table is unpivoted. The
person is a 氏名 column, a 氏名 cell above, the sheet name, the file name or ``--person``.
The 合計 column (a day's total) and the 合計 row (a project's month) are the sheet's own
totals: checked against the cells read (a warning when they disagree), never data. A day
with no hours in any project is no data row (the template's weekends).
"""

from __future__ import annotations

from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.labels import title_texts
from ledgerkit.detect.project_columns import ProjectColumns
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.hours.cells import _DAY_OFF, _attempt, _cache
from ledgerkit.hours.day_grid import _check_row_total
from ledgerkit.hours.long_checks import plan_columns_issue, unread_hours_issue
from ledgerkit.hours.frame import HOURS_COLUMNS, _hours_columns, _hours_text, _plain, _show, unit_text
from ledgerkit.hours.people import _lang_of, _person_of_sheet, _person_source, no_person_issue
from ledgerkit.hours.periods import sheet_year_month
from ledgerkit.hours.units import _stated_unit, _unit_factor
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError, normalize_name

#: the layout's name in ``inspect``
LAYOUT = "projects across"


def _read_projects_across(rows, found: ProjectColumns, sheet_name: str, file: str, config: Config,
                          synonyms) -> SheetResult:
    issues = [Issue("extra_table", file, sheet_name, scope="sheet", params={"range": o}) for o in found.others]
    if found.plan_cols:  # PJ-101 over 実績 | 予定: the 予定 columns are a plan, not hours worked
        issues.append(plan_columns_issue(file, sheet_name, found.header_excel_row, found.plan_cols))
    year, month = sheet_year_month(rows, found.header_row, sheet_name, file, config)
    person_const = person_where = None
    if "person" not in found.labels:
        person_const, person_where = _person_of_sheet(rows, found.header_row, sheet_name, synonyms.get("person", []),
                                                      file, config)
        if person_const is None:
            issues.append(no_person_issue(file, sheet_name))
            return SheetResult(issues=issues, layout=LAYOUT, header_row=found.header_excel_row)
    reader = _Days(rows, found, sheet_name, file, config, year, month, person_const, issues)
    for r in range(found.data_start, found.data_end):
        reader.read_row(r)
    reader.log.issues.extend(_unread_columns(rows, found, reader, file, sheet_name))
    return SheetResult(frame=reader.frame(), issues=reader.log.issues, rows_read=reader.log.rows_read,
                       layout=LAYOUT, header_row=found.header_excel_row, mapping=reader.mapping(person_where))


def _unread_columns(rows, found: ProjectColumns, reader, file: str, sheet_name: str) -> list[Issue]:
    """A warning for each column headed like a project that holds hours too seldom to be read as
    one (a code over a column of mostly notes): its hours are read into nothing."""
    issues = []
    for c, header in found.unread.items():
        hours = []
        for r in range(found.data_start, found.data_end):
            if r in reader.kinds.total or c >= len(rows[r]):
                continue
            h, err = _attempt(parse_hours, rows[r][c])
            if err is None and h:
                hours.append(h * reader.factor)
        if hours:
            issues.append(unread_hours_issue(file, sheet_name, found.header_excel_row, c, header, hours))
    return issues


class _Days:
    """The day rows of one table, read one at a time into entries and issues."""

    def __init__(self, rows, found: ProjectColumns, sheet_name, file, config: Config, year, month, person_const,
                 issues):
        self.rows, self.found, self.sheet_name, self.file = rows, found, sheet_name, file
        self.year, self.month, self.person_const = year, month, person_const
        self.config = config
        self.max_hours = float(config.get("hours.max_hours_per_day", 24.0))
        self.parse_hours = _cache(parse_hours)
        # the unit: in the label over the projects (工数(人日)), else in a title (単位：人日)
        self.factor = _unit_factor(found.group, config) if found.group else 1.0
        self.unit = found.group if self.factor != 1.0 else ""
        if self.factor == 1.0:
            self.unit, self.factor = _stated_unit(title_texts(rows, found.header_row), config)
        self.log = RowLog(file, sheet_name, issues)
        self.text_cols = {c: found.columns[c] for f, c in found.labels.items() if f not in ("date", "person")}
        self.c_total = found.total_cols[0] if found.total_cols else None
        labels = [found.date_col, *found.labels.values()]
        self.kinds = classify_rows(rows, found.data_start, found.data_end, columns=list(found.projects), labels=labels)
        self.out: dict[str, list] = {k: [] for k in HOURS_COLUMNS}
        self.extra: dict[int, list] = {c: [] for c in self.text_cols}
        self.names: list[str] = []
        self.since: dict[int, float] = {}  # column → hours since the last 合計 row
        self.whole: dict[int, float] = {}  # column → hours of every row

    def read_row(self, r: int) -> None:
        kinds, found, row = self.kinds, self.found, self.rows[r]
        if r in kinds.blank:
            return  # no hours in any project: a day nobody worked (or a spacer row)
        if r in kinds.total:
            self._total_row(r, row)
            return
        entries, bad = self._entries(row)
        if not entries and not bad:
            return  # only 休, 0 or marks of a day off in the projects' cells: no data, as a blank row
        date, problem = self._date(row)
        if problem is not None and not bad and entries and self._is_unlabelled_total(entries):
            # pre-step: an =SUM() row under the days with no 合計 label is a total, not a day
            self._total_row(r, row)
            return
        person = self.person_const
        if person is None:
            c = found.labels["person"]
            person = normalize_name(row[c]) if c < len(row) else ""
            if problem is None and not person and entries:
                problem = ("missing_value", found.columns[c], "", "氏名")
        rejected = problem is not None or not entries
        for column, value, code, params in bad:
            self.log.issues.append(Issue(code, self.file, self.sheet_name, r + 1, column=column, value=_show(value),
                                         severity="error", scope="cell", rejected=rejected,
                                         params={"value": _show(value), "field": "工数", **params}))
        if problem is not None:
            code, column, value, what = problem
            self.log.reject(r, code, column=column, value=value, field=what)
            return
        if not entries:
            self.log.rows_read += 1  # rejected through its cells' issues above
            return
        self.log.keep(r)
        self._add(r, row, date, person, entries)

    def _date(self, row) -> tuple[Any, tuple | None]:
        c = self.found.date_col
        v = row[c] if c < len(row) else ""
        column = self.found.columns.get(c, "日付")
        if is_empty(v):
            return None, ("missing_value", column, "", "日付")
        try:
            date = parse_date(v, self.year, self.month)
        except CellValueError:
            # 10/1 is a fine date in a sheet whose year nobody wrote down: say so
            no_month = (self.year is None or self.month is None) and _attempt(parse_date, v, 2000, 1)[1] is None
            return None, ("no_month" if no_month else "bad_cell", column, v, "日付")
        return date, None

    def _entries(self, row) -> tuple[list[tuple[int, float]], list[tuple]]:
        """((column, hours) of the filled project cells, (column, value, code, params) of the bad ones)."""
        entries, bad = [], []
        for c in self.found.projects:
            v = row[c] if c < len(row) else ""
            if is_empty(v) or (isinstance(v, str) and v.strip() in _DAY_OFF):
                continue
            hours, err = self.parse_hours(v)
            if err is not None:
                bad.append((self.found.columns[c], v, "bad_cell", {}))
            elif hours:
                hours *= self.factor
                if hours > self.max_hours:
                    bad.append((self.found.columns[c], v, "hours_over_day", {"max": self.max_hours}))
                else:
                    entries.append((c, hours))
        return entries, bad

    def _is_unlabelled_total(self, entries) -> bool:
        """The row's figures are the columns' sums so far (since the last 合計 row, or all)."""
        sums = {c: round(h, 6) for c, h in entries}
        return any(sums == {c: round(h, 6) for c, h in part.items() if round(h, 6)} for part in (self.since, self.whole))

    def _add(self, r: int, row, date, person, entries) -> None:
        out, found = self.out, self.found
        for c, hours in entries:
            self.since[c] = self.since.get(c, 0.0) + hours
            self.whole[c] = self.whole.get(c, 0.0) + hours
            out["date"].append(date)
            out["month"].append(f"{date.year:04d}-{date.month:02d}")
            out["person"].append(person)
            out["project"].append(parse_code(found.projects[c]) or found.projects[c])
            out["task"].append("")
            out["hours"].append(hours)
            out["source_file"].append(self.file)
            out["source_sheet"].append(self.sheet_name)
            out["source_row"].append(r + 1)
            self.names.append(found.names.get(c, ""))
            for tc, values in self.extra.items():
                values.append(_plain(row[tc]) if tc < len(row) else "")
        if self.c_total is not None and self.c_total < len(row):
            _check_row_total(self.log.issues, self.file, self.sheet_name, r + 1, found.columns[self.c_total],
                             row[self.c_total], sum(h for _, h in entries) / self.factor)

    def _total_row(self, r: int, row) -> None:
        """A 合計 row: listed, and each project's figure checked against the hours read above it
        (since the last 合計 row, or all of them); its 合計 column against all the projects'."""
        self.log.total(r)
        since, whole = dict(self.since), dict(self.whole)
        if self.c_total is not None:
            since[self.c_total], whole[self.c_total] = sum(since.values()), sum(whole.values())
        for c in [*self.found.projects, *([self.c_total] if self.c_total is not None else [])]:
            v = row[c] if c < len(row) else ""
            try:
                stated = parse_hours(v)
            except (CellValueError, TypeError):
                continue
            got, all_rows = since.get(c, 0.0) / self.factor, whole.get(c, 0.0) / self.factor
            if not stated or abs(stated - got) <= 1 / 60 or abs(stated - all_rows) <= 1 / 60:
                continue
            column = self.found.columns[c]
            self.log.issues.append(Issue(
                "sheet_total_mismatch", self.file, self.sheet_name, r + 1, column=column, value=_show(v),
                severity="warning", params={"total": _hours_text(stated), "sum": _hours_text(round(got, 4)),
                                            "field": column}))
        self.since = {}

    def frame(self):
        extras = [("案件名", self.names, True)] if any(self.names) else []
        extras += [(self.text_cols[c], values, True) for c, values in self.extra.items()]
        return _hours_columns(self.out, extras)

    def mapping(self, person_where) -> dict[str, str]:
        found = self.found
        shown = [f"{p} ({found.names[c]})" if found.names.get(c) else p for c, p in found.projects.items()]
        lang = _lang_of(self.config)
        hours = messages.text("map_project_values", lang)
        if found.plan_cols:
            hours += messages.text("map_actual_only", lang)
        if self.unit:
            hours += f" ({unit_text(self.unit, self.factor, lang)})"
        mapping = {"date": found.columns[found.date_col],
                   "project": messages.text("map_project_columns", lang, count=len(shown),
                                            names=", ".join(shown[:6]) + (" …" if len(shown) > 6 else "")),
                   "hours": hours}
        if found.total_cols:
            mapping["total"] = ", ".join(found.columns[c] for c in found.total_cols) + messages.text("map_check_only", lang)
        if self.person_const is not None:
            mapping["person"] = _person_source(self.person_const, person_where, _lang_of(self.config))
        else:
            mapping["person"] = found.columns[found.labels["person"]]
        return mapping
