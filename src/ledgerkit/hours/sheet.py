"""Effort hours (工数): one sheet, read in whichever layout it has.

The layouts read as they are (``inspect`` names each):

* ``long`` — one row per entry: 日付, 氏名, 案件, 作業, 工数 (:mod:`ledgerkit.hours.long_table`);
* ``grid`` — projects or tasks down, days 1..31 across, one sheet per person (the name in a
  氏名 cell, the sheet name, the file name or ``--person``) or per month (a 氏名 column);
  the projects' column may have any header or none (:mod:`ledgerkit.hours.day_grid`);
* ``projects across`` — dates down, one column per project (:mod:`ledgerkit.hours.projects_across`);
* ``month list (WBS)`` — no date column: a WBS or plan, 実績 read for the sheet's month
  (:mod:`ledgerkit.hours.month_list`).

Not data is not read as data: a database definition (型 | VARCHAR(10) | DATE | TIME) and a
table whose 日付 and 工数 columns do not mostly hold dates and hours give no rows and no
errors — the sheet is "not an hours table", with the reason, so that ``--kind auto`` can try
another kind. A sheet named like a helper or a summary is judged by its content
(:mod:`ledgerkit.hours.sheet_rules`).

Every data row ends up in the frame or in the issues with its Excel row number.
"""

from __future__ import annotations

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.day_grids import detect_day_grid
from ledgerkit.detect.definitions import detect_definition
from ledgerkit.detect.evidence import SCAN_ROWS, column_evidence, looks_like_date, looks_like_hours
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.loose_grids import detect_loose_day_grid
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.project_columns import detect_project_columns, plan_or_actual
from ledgerkit.hours.day_grid import _read_grid
from ledgerkit.hours.long_table import _read_long
from ledgerkit.hours.month_list import _read_month_list, month_list_candidate
from ledgerkit.hours.projects_across import _read_projects_across
from ledgerkit.hours.sheet_names import NameHint, name_hint
from ledgerkit.hours.sheet_rules import formulas_of, judge_named, never_data, summary_of_others


def _config(config: Config | None) -> Config:
    return config if config is not None else Config()


def read_hours_sheet(sheet, *, file: str, config: Config | None = None) -> SheetResult:
    """Read one sheet of effort hours in whichever layout it has.

    Returns a :class:`~ledgerkit.core.result.SheetResult` whose frame has the columns of
    :data:`HOURS_COLUMNS` (plus other columns of the sheet under their own names),
    or ``frame=None`` with the reason in ``issues`` when the sheet holds no hours.
    """
    config = _config(config)
    name = sheet.name
    # a CSV has no sheet name: its file's name (集計.csv, カレンダー.csv) is no helper's or
    # summary's, so the content alone decides, as for a sheet called 10月
    hint = name_hint(name) if getattr(sheet, "named", True) else NameHint()
    if hint.never_data:
        return never_data(file, name, hint)
    facts = formulas_of(file, name, hint)
    # a summary's name and formulas reading other sheets settle it before any reading; a list or
    # master (工数リスト, 工数マスタ) may look values up in other sheets and still hold the hours
    summary = summary_of_others(file, name, facts) if hint.summary else None
    if summary is not None:
        return summary
    rows = fill_merged(sheet.rows, sheet.merged or ())
    result = _read_layouts(rows, sheet, file, config)
    if hint.any and result.note != "not hours":
        return judge_named(result, rows, file, name, hint, facts)
    return result


def _read_layouts(rows, sheet, file: str, config: Config) -> SheetResult:
    """The first layout found whose cells hold hours, or why there is none."""
    name = sheet.name
    definition = detect_definition(rows)
    if definition is not None:
        words = definition.words()
        return _not_hours(file, name, {"ja": f"データベースの定義書です ({words})",
                                       "en": f"a database definition ({words})"}, note="definition")
    synonyms = config.synonyms("hours")
    syn = Synonyms.of(synonyms)
    max_hours = float(config.get("hours.max_hours_per_day", 24.0))
    reason = None
    table = detect_table(rows, syn, {"date", "hours"})
    if table is not None:
        reason = _long_table_reason(rows, table)
        if reason is None:
            # PJ-101 over 実績 | 予定: the first 実績 names "hours" in a two-row header, but each
            # project's 実績 is a column of hours (read as one, the other projects were lost)
            head = table.columns[table.mapping["hours"]].split()
            across = detect_project_columns(rows, syn, max_hours=max_hours) if plan_or_actual(head[-1]) else None
            if across is not None and across.header_rows > 1 and len(across.projects) > 1:
                return _read_projects_across(rows, across, name, file, config, synonyms)
            return _read_long(rows, table, name, file, config, synonyms)
    grid = detect_day_grid(rows, syn, need_any=("project", "task")) or detect_loose_day_grid(rows, syn,
                                                                                              max_hours=max_hours)
    if grid is not None:
        return _read_grid(rows, grid, name, file, config, synonyms)
    across = detect_project_columns(rows, syn, max_hours=max_hours)
    if across is not None:
        return _read_projects_across(rows, across, name, file, config, synonyms)
    listed = detect_table(rows, syn, {"hours"})
    if listed is not None and month_list_candidate(listed):
        c = listed.mapping["hours"]
        if column_evidence(rows, c, listed.data_start, listed.data_end, looks_like_hours).mostly():
            return _read_month_list(rows, listed, name, file, config, synonyms)
        reason = reason or _values_reason(listed.columns[c], None, column_evidence(
            rows, c, listed.data_start, listed.data_end, looks_like_hours), None)
    if reason is not None:
        return _not_hours(file, name, reason)
    return SheetResult.no_table(file, sheet, kind={"ja": "工数", "en": "hours"},
                                fields={"ja": "日付+工数 (縦持ち)、日付(1〜31)の列+案件、日付+案件ごとの列、または 作業+工数(WBS)",
                                        "en": "日付 + 工数 (one row a day), day columns (1-31) + 案件, 日付 + a column "
                                              "per project, or 作業 + 工数 (a WBS)"})


def _not_hours(file: str, sheet: str, reason: dict, note: str = "not hours") -> SheetResult:
    """The sheet holds no hours, with the reason (info). ``note="definition"`` says it is certainly
    not data at all (a database definition), so the door does not warn about its figures."""
    return SheetResult(issues=[Issue("not_hours_table", file, sheet, scope="sheet", params={"reason": reason})],
                       note=note)


def _long_table_reason(rows, table) -> dict | None:
    """None when a long table's 日付 and 工数 columns mostly hold dates and hours; else why not.

    "Mostly" counts the two columns' filled cells together (a sheet with a few unreadable
    cells is still a table of hours, whose bad cells are errors), and at least one row must
    have both a date and hours.
    """
    c_date, c_hours = table.mapping["date"], table.mapping["hours"]
    start, end = table.data_start, min(table.data_end, table.data_start + SCAN_ROWS)
    # each distinct value is judged once: a column repeats a few hundred values
    date_ok, hours_ok = _memo(looks_like_date, _DATE_SEEN), _memo(looks_like_hours, _HOURS_SEEN)
    dates = column_evidence(rows, c_date, start, end, date_ok)
    hours = column_evidence(rows, c_hours, start, end, hours_ok)
    both = any(c_date < len(rows[r]) and c_hours < len(rows[r]) and date_ok(rows[r][c_date]) and hours_ok(rows[r][c_hours])
               for r in range(start, end))
    if both and (dates + hours).mostly():
        return None
    if not dates.filled and not hours.filled:
        return None  # an empty table (a template): read, it gives no rows
    return _values_reason(table.columns[c_hours], table.columns[c_date], hours, dates)


def _memo(test, seen: dict):
    """``test`` judging each distinct value once, by value and type (1, 1.0 and True apart),
    remembered in ``seen`` for the process: every sheet of a worker asks about the same dates."""

    def judged(v) -> bool:
        key = (type(v), v)
        hit = seen.get(key)
        if hit is None:
            if len(seen) >= 100_000:
                seen.clear()
            hit = seen[key] = bool(test(v))
        return hit

    return judged


#: what :func:`looks_like_date` and :func:`looks_like_hours` (without a limit) said of a value
_DATE_SEEN: dict = {}
_HOURS_SEEN: dict = {}


def _values_reason(hours_head: str, date_head: str | None, hours, dates) -> dict:
    ja = f"「{hours_head}」の値で時間として読めるのは {hours.good}/{hours.filled} 個"
    en = f"{hours.good} of {hours.filled} values under {hours_head} read as hours"
    if date_head is not None and dates is not None:
        ja += f"、「{date_head}」の値で日付として読めるのは {dates.good}/{dates.filled} 個"
        en += f", {dates.good} of {dates.filled} under {date_head} as dates"
    return {"ja": ja + " です", "en": en}
