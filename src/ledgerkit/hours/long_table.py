"""Effort hours in a long table: one row per entry (日付, 氏名, 案件, 作業, 工数).

The table is read column by column: a sheet of 300,000 rows holds a few hundred distinct
texts per column, so each distinct cell value is parsed once (see
:func:`~ledgerkit.hours.cells._map_values`) and the per-row work is list indexing. The
rules and their order are those of a row loop: every data row ends up in the frame or in
the issues with its Excel row number.
"""

from __future__ import annotations

import re
from array import array

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Columns, SheetResult
from ledgerkit.detect.headers import header_key
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.labels import title_texts
from ledgerkit.detect.walk import RowLog, classify_rows, notes_in
from ledgerkit.hours.cells import (
    _attempt,
    _column,
    _day_number,
    _map_values,
    _plan_rows,
    _small_number,
    _task_text,
)
from ledgerkit.hours.long_checks import check_total_rows, unread_hours_columns
from ledgerkit.hours.frame import _HOURS_TYPES, _plain, _show, _unique, unit_text
from ledgerkit.hours.people import _lang_of, _person_of_sheet, _person_source, no_person_issue
from ledgerkit.hours.periods import fiscal_year_of_texts, sheet_year_month, sheet_years
from ledgerkit.hours.units import _UNIT_HEADERS, _row_unit, _stated_unit, _unit_factor
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError, is_total_label, normalize_name, normalize_text
from ledgerkit.parse.text import is_blank as is_blank_cell


def _unlabelled_totals(bad, good, blank, total, hours_parsed, columns, c_hours, table) -> set[int]:
    """Rows holding nothing but a number in the hours column that equals the rows above.

    A =SUM() under each person's block, or under the whole list, often has no 小計 label:
    it is a total (listed as one), not a row with a missing date.
    """
    candidates = [
        i for i in bad
        if i not in blank and i not in total and hours_parsed[i][2] is not None
        and all(is_empty(columns[c][i]) for c in range(table.col_start, table.col_end) if c != c_hours)
    ]
    if not candidates:
        return set()
    found: set[int] = set()
    wanted = set(candidates)
    running = grand = 0.0
    for i in range(max(candidates) + 1):
        if i in blank or i in total:
            running = 0.0
        elif good[i]:
            running += hours_parsed[i][2]
            grand += hours_parsed[i][2]
        elif i in wanted:
            value = hours_parsed[i][2]
            if value > 0 and (abs(value - running) < 1e-6 or abs(value - grand) < 1e-6):
                found.add(i)
                running = 0.0
    return found


def _walk_rows(rows, table, columns, label_cols, c_date: int, c_hours: int) -> tuple[set[int], set[int], set[int]]:
    """(blank, total, repeated-header) rows of the table, as indexes into its body, by the
    shared walk's rules (:func:`~ledgerkit.detect.walk.classify_rows`).

    The header printed again every page (50 行ごとの見出し) is the one whose 日付 and 工数
    are both written again, so the walk is shown those two header texts only. A 300,000-row
    table has a handful of such rows: only the rows that can be one of them (blank in the
    date column, a 合計 in a label column, the date header again) are handed to the walk.
    """
    head = rows[table.header_row]
    header = [v if c in (c_date, c_hours) else "" for c, v in enumerate(head)]
    date_head = normalize_text(header[c_date]) if c_date < len(header) and isinstance(header[c_date], str) else None
    witness = c_date if table.col_start <= c_date < table.col_end else table.col_start
    tests: dict[int, list] = {c: [is_total_label] for c in label_cols}
    tests.setdefault(witness, []).append(is_blank_cell)
    if date_head:
        tests.setdefault(c_date, []).append(lambda v: isinstance(v, str) and normalize_text(v) == date_head)
    maybe: set[int] = set()
    for c, checks in tests.items():
        col = columns[c]
        hits = {v for v in set(col) if any(check(v) for check in checks)}
        if hits:
            maybe.update(i for i, v in enumerate(col) if v in hits)
    order = sorted(maybe)
    start = table.data_start
    kinds = classify_rows([rows[start + i] for i in order], 0, len(order),
                          columns=range(table.col_start, table.col_end), labels=label_cols, header=header)
    return ({order[k] for k in kinds.blank}, {order[k] for k in kinds.total}, {order[k] for k in kinds.repeated})


def _split_date_columns(table, c_date: int, extra_cols: dict[int, str]) -> tuple[int | None, int | None]:
    """The 年 and 月 columns of a date written over columns (年 | 月 | 日), or (None, None)."""
    if header_key(table.columns[c_date]) not in ("日", "day"):
        return None, None
    found: dict[str, int] = {}
    for c, h in extra_cols.items():
        key = header_key(h)
        if key in ("年", "year"):
            found.setdefault("year", c)
        elif key in ("月", "month"):
            found.setdefault("month", c)
    if "month" not in found:
        return None, None
    return found.get("year"), found["month"]


def _read_long(rows, table, sheet_name: str, file: str, config: Config, synonyms) -> SheetResult:
    m = table.mapping
    issues: list[Issue] = []
    for other in table.others:
        issues.append(Issue("extra_table", file, sheet_name, scope="sheet", params={"range": other}))
    year, month = sheet_year_month(rows, table.header_row, sheet_name, file, config)
    person_const = person_where = None
    if "person" not in m:
        person_const, person_where = _person_of_sheet(rows, table.header_row, sheet_name, synonyms.get("person", []), file,
                                                      config)
        if person_const is None:
            issues.append(no_person_issue(file, sheet_name))
            return SheetResult(issues=issues, layout="long", header_row=table.header_excel_row)
    sheet = _LongTable(rows, table, sheet_name, file, config, year, month)
    sheet.parse_dates()
    sheet.parse_hours()
    log = RowLog(file, sheet_name, issues)
    keep = sheet.sort_rows(log)
    log.issues.extend(sheet.own_figures(keep))
    frame, mapping = sheet.frame(keep, person_const, person_where)
    return SheetResult(
        frame=frame,
        issues=log.issues,
        rows_read=log.rows_read,
        layout="long",
        header_row=table.header_excel_row,
        mapping=mapping,
    )


class _LongTable:
    """One long table's columns, parsed once per distinct value, and its rows sorted out."""

    def __init__(self, rows, table, sheet_name: str, file: str, config: Config, year, month):
        self.rows, self.table, self.sheet_name, self.file, self.config = rows, table, sheet_name, file, config
        self.year, self.month = year, month
        m = table.mapping
        self.factor = _unit_factor(table.columns[m["hours"]], config)
        self.title_unit = ""
        if self.factor == 1.0 and not re.search(r"[\(\[](h|hr|時間|hours?)[\)\]]", header_key(table.columns[m["hours"]])):
            # a header without a unit under a title that states one: 工数 under (単位：人日)
            self.title_unit, self.factor = _stated_unit(title_texts(rows, table.header_row), config)
        self.max_hours = float(config.get("hours.max_hours_per_day", 24.0))
        self.extra_cols = {c: h for c, h in table.columns.items() if c not in m.values()}
        label_cols = [m[k] for k in ("date", "person", "project", "task") if k in m] + [table.col_start]
        self.c_date, self.c_hours = m["date"], m["hours"]
        self.c_person, self.c_project, self.c_task = m.get("person"), m.get("project"), m.get("task")
        self.c_note, self.c_pid = m.get("note"), m.get("person_id")
        # Column by column (see the module's docstring)
        body = rows[table.data_start : table.data_end]
        self.n = len(body)
        columns = {c: _column(body, c) for c in range(table.col_start, table.col_end)}
        for c in (self.c_date, self.c_hours, self.c_person, self.c_project, self.c_task, self.c_note, self.c_pid,
                  *self.extra_cols, *label_cols):
            if c is not None and c not in columns:
                columns[c] = _column(body, c)
        self.columns = columns
        # blank, 合計 and repeated-header rows: the shared row walk's rules
        self.blank, self.total, self.repeat = _walk_rows(rows, table, columns, label_cols, self.c_date, self.c_hours)
        # pre-step: rows marked 予定 / 計画 in the task column or another column are plans, not hours worked
        self.plan = _plan_rows(columns, [c for c in (self.c_task, *self.extra_cols) if c is not None]) - self.total
        # a note written in the table (※ 山田は11月から別案件): listed, not a row without a date
        start, walked = table.data_start, self.blank | self.total | self.repeat
        self.note = {r - start: text for r, text in notes_in(rows, start, columns).items() if r - start not in walked}

    def parse_dates(self) -> None:
        """``self.dates``: (date, error, date when good) per row."""
        rows, table, sheet_name, file, config = self.rows, self.table, self.sheet_name, self.file, self.config
        year, month, columns, c_date, extra_cols = self.year, self.month, self.columns, self.c_date, self.extra_cols
        # a year written alone (2026年 工数, 工数_2026年度.xlsx) dates 10/1 in a sheet of many months
        plain_year, fiscal_year = (None, None) if year is not None else sheet_years(rows, table.header_row, sheet_name, file, config)
        fiscal_start = int(config.get("fiscal_year.start_month", 4))

        def date_of(v):
            if (year is None or month is None) and _day_number(v):
                # a day alone in a sheet with no month: not Excel's serial day 1..31 of 1900
                return None, CellValueError("日だけで年月がありません", v), None
            date, err = _attempt(parse_date, v, year, month)
            if err is not None and year is None and (plain_year or fiscal_year) and isinstance(v, str):
                date, err = _attempt(parse_date, v, plain_year or fiscal_year, month)
                if err is None and date is not None and not plain_year and date.month < fiscal_start:
                    date = date.replace(year=date.year + 1)  # 2026年度: January is 2027
            return date, err, date if err is None else None

        # 年 | 月 | 日 (or 月 | 日) in columns of their own: each row carries its month
        c_year, c_month = _split_date_columns(table, c_date, extra_cols)
        self.c_year, self.c_month = c_year, c_month
        if c_month is None:
            self.dates = _map_values(date_of, columns[c_date])
            return
        for c in (c_year, c_month):
            extra_cols.pop(c, None)
        fiscal = None
        if c_year is None:
            fiscal = fiscal_year_of_texts(rows, table.header_row, sheet_name, file, config)
        start = int(config.get("fiscal_year.start_month", 4))

        def date_of_parts(parts):
            y, mo, d = parts
            mo = _small_number(mo, 1, 12)
            y = _small_number(y, 1900, 2200) if c_year is not None else (year if fiscal is None or mo is None else fiscal + (mo < start))
            if mo is None or (y is None and c_year is not None):
                return None, CellValueError("年月を読み取れません"), None
            if y is None:
                return None, CellValueError("年がありません"), None
            date, err = _attempt(parse_date, d, y, mo)
            return date, err, date if err is None else None

        years = columns[c_year] if c_year is not None else [None] * self.n
        self.dates = _map_values(date_of_parts, list(zip(years, columns[c_month], columns[c_date])))

    def parse_hours(self) -> None:
        """``self.hours_parsed``: (hours, error, hours in h when good) per row, and the 単位 column's units."""
        factor, max_hours, config, columns = self.factor, self.max_hours, self.config, self.columns

        def hours_of(v):
            hours, err = _attempt(parse_hours, v)
            good = None
            if err is None and hours is not None and not hours * factor > max_hours:
                good = hours * factor
            return hours, err, good

        hours_parsed = _map_values(hours_of, columns[self.c_hours])
        # a 単位 column (時間 / 人日 / 人月 / 分) says each row's unit; blank → the header's unit
        c_unit = next((c for c, h in self.extra_cols.items() if header_key(h) in _UNIT_HEADERS), None)
        row_factor: dict[int, float] = {}
        bad_unit: set[int] = set()
        if c_unit is not None:
            self.extra_cols.pop(c_unit)
            units = _map_values(lambda v: None if is_empty(v) else _row_unit(v, config), columns[c_unit])
            for i, u in enumerate(units):
                if u is None:
                    continue
                if u == 0:
                    bad_unit.add(i)
                    continue
                row_factor[i] = u
                h, err, _ = hours_parsed[i]
                if err is None and h is not None:
                    hours_parsed[i] = (h, err, h * u if not h * u > max_hours else None)
        self.hours_parsed, self.c_unit, self.row_factor, self.bad_unit = hours_parsed, c_unit, row_factor, bad_unit

    def sort_rows(self, log: RowLog) -> list[int]:
        """The indexes of the rows kept; the others go to ``log`` in row order."""
        dates, hours_parsed = self.dates, self.hours_parsed
        c_person = self.c_person
        persons = _map_values(normalize_name, self.columns[c_person]) if c_person is not None else None
        self.persons = persons
        # the rows that pass every check; the others go through the checks one by one below
        if persons is None:
            good = [d[2] is not None and h[2] is not None for d, h in zip(dates, hours_parsed)]
        else:
            good = [d[2] is not None and h[2] is not None and bool(p) for d, h, p in zip(dates, hours_parsed, persons)]
        # a code cell Excel turned into a date or TRUE (社員番号 1-5 → 2026-01-05): that row only
        self.bad_code = self._bad_codes()
        for i in self.total | self.plan.keys() | self.repeat | self.note.keys() | self.bad_unit | self.bad_code.keys():
            good[i] = False
        keep = [i for i, g in enumerate(good) if g]
        # the rows kept are counted at once (column-wise), not one call each
        log.rows_read += len(keep)
        bad = [i for i, g in enumerate(good) if not g]
        # pre-step: a =SUM() under a block with no 小計 label is a total, not a row without a date
        unlabelled = _unlabelled_totals(bad, good, self.blank, self.total, hours_parsed, self.columns, self.c_hours,
                                        self.table)
        data_start = self.table.data_start
        for i in bad:
            r = data_start + i
            if i in self.blank:
                continue
            if i in self.total or i in unlabelled:
                log.total(r)
            elif i in self.plan:
                log.skip(r, "plan_row", value=self.plan[i])
            elif i in self.repeat:
                log.repeated_header(r)
            elif i in self.note:
                log.note_row(r, self.note[i])
            else:
                self._reject(log, i)
        return keep

    def own_figures(self, keep: list[int]) -> list[Issue]:
        """The table's 合計 rows checked against the rows read, and the columns of hours beside
        the 工数 that nothing reads (:mod:`ledgerkit.hours.long_checks`)."""
        table, file, sheet = self.table, self.file, self.sheet_name
        found = unread_hours_columns(table, self.columns, self.extra_cols, keep, self.max_hours, file, sheet)
        if self.total and self.c_unit is None:
            hours = self.hours_parsed
            good = {i: hours[i][2] for i in keep}
            skipped = self.total | self.plan.keys() | self.repeat | self.blank | self.note.keys()
            rejected = {i: h[2] for i, h in enumerate(hours) if h[2] is not None and i not in good and i not in skipped}
            found += check_total_rows(table, self.columns[self.c_hours], good, rejected, self.total, self.factor,
                                      file, sheet)
        return found

    def _bad_codes(self) -> dict[int, tuple[int, str]]:
        """Rows whose 案件 or 社員番号 cell is no code: row → (column, field)."""
        bad: dict[int, tuple[int, str]] = {}
        for c, what in ((self.c_project, "案件"), (self.c_pid, "社員番号")):
            if c is None:
                continue
            failed = _map_values(lambda v: _attempt(parse_code, v)[1] is not None, self.columns[c])
            for i, f in enumerate(failed):
                if f:
                    bad.setdefault(i, (c, what))
        return bad

    def _reject(self, log: RowLog, i: int) -> None:
        """Why data row ``i`` cannot be used: the first check it fails."""
        year, month, persons = self.year, self.month, self.persons
        c_date, c_hours, c_unit, c_person = self.c_date, self.c_hours, self.c_unit, self.c_person
        columns, row_factor, max_hours = self.columns, self.row_factor, self.max_hours
        problem = None
        date, err, _ = self.dates[i]
        if err is not None or date is None:
            problem = ("bad_cell" if err else "missing_value", c_date, "日付")
            if err is not None and (year is None or month is None) and _attempt(parse_date, columns[c_date][i], 2000, 1)[1] is None:
                # 10/1 is a fine date in a sheet whose year nobody wrote down: say so
                problem = ("no_month", c_date, "日付")
        hours, err, _ = self.hours_parsed[i]
        if problem is None and (err is not None or hours is None):
            problem = ("bad_cell" if err else "missing_value", c_hours, "工数")
        if problem is None and i in self.bad_unit:
            problem = ("bad_cell", c_unit, "単位")
        if problem is None and persons is not None and not persons[i]:
            problem = ("missing_value", c_person, "氏名")
        if problem is None and i in self.bad_code:
            problem = ("bad_cell", *self.bad_code[i])
        if problem is None:
            hours = hours * row_factor.get(i, self.factor)
            if hours > max_hours:
                problem = ("hours_over_day", c_hours, "工数")
        if problem is None:  # pragma: no cover - such a row is among the good ones
            raise AssertionError(f"row {self.table.data_start + i + 1} passed the checks it failed")
        code, c, what = problem
        value = "" if c == c_person else columns[c][i]
        if code == "hours_over_day" and i in row_factor:
            value = f"{_show(value)} {normalize_text(columns[c_unit][i])}"  # 4 人日: 32 h
        log.reject(self.table.data_start + i, code, column=self.table.columns[c], value=value, field=what,
                   max=max_hours)

    def _kept(self, c, fn, keep: list[int]) -> list:
        col = self.columns[c]
        return _map_values(fn, [col[i] for i in keep], strict=True)

    def frame(self, keep: list[int], person_const, person_where):
        """(the rows kept as :class:`~ledgerkit.core.result.Columns`, the column mapping for inspect).

        Plain lists (numbers as ``array``): the worker never imports pandas; the parent
        builds the frame once (issue 17).
        """
        c_project, c_task, c_note, c_pid = self.c_project, self.c_task, self.c_note, self.c_pid
        kept_dates = [self.dates[i][2] for i in keep]
        kept_persons = [self.persons[i] for i in keep] if self.persons is not None else [person_const] * len(keep)
        months = _map_values(lambda d: f"{d.year:04d}-{d.month:02d}", kept_dates)
        start = self.table.data_start + 1
        out: dict[str, list] = {
            "date": kept_dates,
            "month": months,
            "person": kept_persons,
            "project": self._kept(c_project, lambda v: parse_code(v) or "", keep) if c_project is not None else [""] * len(keep),
            "task": self._kept(c_task, _task_text, keep) if c_task is not None else [""] * len(keep),
            "hours": array("d", [self.hours_parsed[i][2] for i in keep]),
            "source_file": [self.file] * len(keep),
            "source_sheet": [self.sheet_name] * len(keep),
            "source_row": array("q", [start + i for i in keep]),
        }
        if c_pid is not None:
            out["person_id"] = self._kept(c_pid, lambda v: parse_code(v) or "", keep)
        if c_note is not None:
            out["note"] = self._kept(c_note, normalize_text, keep)
        types = {name: _HOURS_TYPES[name] for name in out}
        for c, header in self.extra_cols.items():
            out[_unique(header, out)] = self._kept(c, _plain, keep)  # cells of any type: no type
        return Columns(out, types), self._mapping(person_const, person_where)

    def _mapping(self, person_const, person_where) -> dict[str, str]:
        table, factor = self.table, self.factor
        mapping = {f: table.columns[c] for f, c in table.mapping.items()}
        if self.c_month is not None:
            mapping["date"] = " + ".join(table.columns[c] for c in (self.c_year, self.c_month, self.c_date) if c is not None)
        lang = _lang_of(self.config)
        if self.title_unit:
            mapping["hours"] += f" ({unit_text(self.title_unit, factor, lang)})"
        if self.c_unit is not None:
            mapping["hours"] = messages.text("map_unit_column", lang, hours=mapping["hours"],
                                             column=table.columns[self.c_unit])
        if person_const is not None:
            mapping["person"] = _person_source(person_const, person_where, _lang_of(self.config))
        return mapping
