"""Effort hours with no date column: a WBS or plan (タスク | 担当 | 案件 | 工数(人日) 予定 / 実績).

::

    開発WBS 2026年10月
    No | タスク | 担当 | 案件 | 工数(人日)      | 進捗
       |        |      |      | 予定   | 実績   |
    1  | 設計   | 山田 | A-1  | 3      | 2.5    | 作業中

The hours are the 実績 column (a two-row header tells 予定 from 実績; 予定 is listed as a plan
column, never counted). The unit in the header converts: 工数(人日) / 工数(日) × ``[hours]
hours_per_day``, (人月) × ``hours_per_month``.

**How an undated row is dated.** The month comes from the title, the sheet name or the file
name; each row is an entry for the whole month, dated the month's first day with
``period = "month"`` in the frame, so that summaries by month are exact and the checks across
files never take it for a day's entry: :func:`~ledgerkit.hours.across_files.finish_hours`
compares month entries with month entries only, and a sheet of month entries that equals
other sheets' daily rows is a summary of them (listed, not counted twice). A sheet without a
month is refused (``no_month``).

A row with no 担当 whose hours are the sum of the rows under it (a phase over its tasks) is a
group total, listed as a total row.
"""

from __future__ import annotations

import datetime as dt

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import header_key
from ledgerkit.detect.labels import title_texts
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.hours.cells import _PLAN_LABELS
from ledgerkit.hours.frame import HOURS_COLUMNS, _hours_text, _plain, _show, _typed, _unique, unit_text
from ledgerkit.hours.people import _lang_of, _person_of_sheet, _person_source, no_person_issue
from ledgerkit.hours.periods import sheet_year_month
from ledgerkit.hours.long_checks import plan_columns_issue
from ledgerkit.hours.units import _stated_unit, _unit_factor
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import CellValueError, normalize_name, normalize_text

#: the layout's name in ``inspect``
LAYOUT = "month list (WBS)"
_PLAN_WORDS = ("予定", "計画", "見込", "予測", "plan", "forecast", "見積")


def is_plan_header(text: str) -> bool:
    """A header of planned figures: 予定, 予定工数, 計画(人日), 見積工数, Plan.

    Examples:
        >>> is_plan_header("工数(人日) 予定"), is_plan_header("実績"), is_plan_header("計画工数")
        (True, False, True)
    """
    key = header_key(text)
    return any(w in key for w in _PLAN_WORDS) or key in {header_key(w) for w in _PLAN_LABELS}


def _read_month_list(rows, table, sheet_name: str, file: str, config: Config, synonyms) -> SheetResult:
    m = table.mapping
    issues: list[Issue] = [Issue("extra_table", file, sheet_name, scope="sheet", params={"range": o})
                           for o in table.others]
    plan = [c for c, h in table.columns.items() if c not in m.values() and is_plan_header(h)]
    if plan:
        issues.append(plan_columns_issue(file, sheet_name, table.header_excel_row, {c: table.columns[c] for c in plan}))
    year, month = sheet_year_month(rows, table.header_row, sheet_name, file, config)
    if year is None or month is None:
        issues.append(Issue("no_month", file, sheet_name, scope="sheet", severity="error"))
        return SheetResult(issues=issues, layout=LAYOUT, header_row=table.header_excel_row)
    person_const = person_where = None
    if "person" not in m:
        person_const, person_where = _person_of_sheet(rows, table.header_row, sheet_name, synonyms.get("person", []),
                                                      file, config)
        if person_const is None:
            issues.append(no_person_issue(file, sheet_name))
            return SheetResult(issues=issues, layout=LAYOUT, header_row=table.header_excel_row)
    first = dt.date(year, month, 1)
    issues.append(Issue("month_entries", file, sheet_name, scope="sheet",
                        params={"month": f"{year:04d}-{month:02d}", "date": first.isoformat()}))
    reader = _MonthRows(rows, table, sheet_name, file, config, first, person_const, issues)
    reader.read()
    return SheetResult(frame=_typed(reader.frame()), issues=reader.log.issues, rows_read=reader.log.rows_read,
                       layout=LAYOUT, header_row=table.header_excel_row, mapping=reader.mapping(person_where))


class _MonthRows:
    """The rows of one undated table, each an entry for the month."""

    def __init__(self, rows, table, sheet_name, file, config: Config, first: dt.date, person_const, issues):
        self.rows, self.table, self.sheet_name, self.file = rows, table, sheet_name, file
        self.first, self.person_const, self.config = first, person_const, config
        m = self.m = table.mapping
        self.c_hours = m["hours"]
        self.unit, self.factor = _unit_of(rows, table, config)
        self.log = RowLog(file, sheet_name, issues)
        self.extra = {c: h for c, h in table.columns.items() if c not in m.values()}
        self.out: dict[str, list] = {k: [] for k in HOURS_COLUMNS}
        self.extra_values: dict[int, list] = {c: [] for c in self.extra}

    def _hours(self, r: int):
        v = self.rows[r][self.c_hours] if self.c_hours < len(self.rows[r]) else ""
        try:
            h = parse_hours(v)
        except (CellValueError, TypeError):
            return None, v
        return (h * self.factor if h is not None else None), v

    def _text(self, r: int, field: str) -> str:
        c = self.m.get(field)
        return normalize_text(self.rows[r][c]) if c is not None and c < len(self.rows[r]) else ""

    def read(self) -> None:
        t, m = self.table, self.m
        labels = [m[k] for k in ("person", "project", "task") if k in m] + [t.col_start]
        kinds = classify_rows(self.rows, t.data_start, t.data_end, columns=[self.c_hours], labels=labels)
        data = kinds.data(t.data_start, t.data_end)
        groups = self._group_totals(data)
        since = whole = 0.0
        for r in range(t.data_start, t.data_end):
            if r in kinds.blank:
                continue  # no hours worked on the row (a heading, a task not started)
            if r in kinds.total or r in groups:
                self._check_total(r, since, whole)
                self.log.total(r)
                since = 0.0
                continue
            hours, raw = self._hours(r)
            person = self.person_const if self.person_const is not None else normalize_name(
                self.rows[r][m["person"]] if m["person"] < len(self.rows[r]) else "")
            if hours is None:
                self.log.reject(r, "bad_cell", column=t.columns[self.c_hours], value=raw, field="工数")
            elif not person:
                self.log.reject(r, "missing_value", column=t.columns[m["person"]], field="氏名")
            else:
                self.log.keep(r)
                since, whole = since + hours, whole + hours
                self._add(r, person, hours)

    def _group_totals(self, data: list[int]) -> set[int]:
        """Rows with no person whose hours are the sum of the rows under them, up to the next such row."""
        if "person" not in self.m:
            return set()
        found = set()
        heads = [r for r in data if not self._text(r, "person")]
        for k, r in enumerate(heads):
            end = heads[k + 1] if k + 1 < len(heads) else (data[-1] + 1 if data else r)
            hours, _ = self._hours(r)
            under = [self._hours(x)[0] for x in data if r < x < end]
            if hours and under and None not in under and abs(sum(under) - hours) < 1e-6:
                found.add(r)
        return found

    def _check_total(self, r: int, since: float, whole: float) -> None:
        stated, raw = self._hours(r)
        if not stated or abs(stated - since) < 1e-6 or abs(stated - whole) < 1e-6 or not (since or whole):
            return
        column = self.table.columns[self.c_hours]
        self.log.issues.append(Issue("sheet_total_mismatch", self.file, self.sheet_name, r + 1, column=column,
                                     value=_show(raw), severity="warning",
                                     params={"total": _hours_text(stated), "sum": _hours_text(round(since, 4)),
                                             "field": column}))

    def _add(self, r: int, person: str, hours: float) -> None:
        out, row = self.out, self.rows[r]
        out["date"].append(self.first)
        out["month"].append(f"{self.first.year:04d}-{self.first.month:02d}")
        out["person"].append(person)
        out["project"].append(parse_code(self._text(r, "project")) or "" if "project" in self.m else "")
        out["task"].append(self._text(r, "task"))
        out["hours"].append(hours)
        out["source_file"].append(self.file)
        out["source_sheet"].append(self.sheet_name)
        out["source_row"].append(r + 1)
        for c, values in self.extra_values.items():
            values.append(_plain(row[c]) if c < len(row) else "")

    def frame(self):
        import pandas as pd

        frame = pd.DataFrame(self.out, columns=HOURS_COLUMNS)
        frame["period"] = "month"
        for c, values in self.extra_values.items():
            frame[_unique(self.extra[c], frame.columns)] = values
        return frame

    def mapping(self, person_where) -> dict[str, str]:
        t = self.table
        mapping = {f: t.columns[c] for f, c in self.m.items()}
        lang = _lang_of(self.config)
        mapping["date"] = messages.text("map_month_entries", lang, month=f"{self.first.year}-{self.first.month:02d}",
                                        date=self.first.isoformat())
        if self.unit:
            mapping["hours"] += f" ({unit_text(self.unit, self.factor, lang)})"
        if self.person_const is not None:
            mapping["person"] = _person_source(self.person_const, person_where, _lang_of(self.config))
        return mapping


def _unit_of(rows, table, config: Config) -> tuple[str, float]:
    """The unit of the hours column: in its header, in the label over it (工数(人日) over 実績),
    else stated in a title (単位：人日)."""
    c = table.mapping["hours"]
    # the header's own cells first: 工数(人日) over 実績 names the unit 工数(人日), not the whole heading
    heads = [rows[r][c] for r in range(table.header_row, table.data_start)
             if c < len(rows[r]) and isinstance(rows[r][c], str)] + [table.columns[c]]
    for head in heads:
        factor = _unit_factor(head, config)
        if factor != 1.0:
            return normalize_text(head), factor
    return _stated_unit(title_texts(rows, table.header_row), config)


def month_list_candidate(table) -> bool:
    """A table with hours and a task or project but no date: a WBS or a plan, read month by month.

    It must say whose rows they are (a 担当 column) or set its actual hours beside planned ones
    (予定 | 実績): a small 区分 | 時間 table beside a 勤務表 (残業集計) or a 案件 | 工数 summary is neither.
    """
    m = table.mapping
    if "hours" not in m or "date" in m or not {"task", "project"} & m.keys():
        return False
    if is_plan_header(table.columns.get(m["hours"], "")):
        return False
    plan = any(is_plan_header(h) for c, h in table.columns.items() if c not in m.values())
    return "person" in m or plan
