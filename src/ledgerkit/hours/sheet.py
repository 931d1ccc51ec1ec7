"""Effort hours (工数): one sheet, read in either layout.

Two layouts are read as they are:

* a **long table** — one row per entry: 日付, 氏名, 案件, 作業, 工数 (:mod:`ledgerkit.hours.long_table`);
* a **day grid** — projects or tasks down, days 1..31 across, one sheet per person
  (the name in a 氏名 cell or the sheet name) or per month (a 氏名 column)
  (:mod:`ledgerkit.hours.day_grid`).

Every data row ends up in the frame or in the issues with its Excel row number.
"""

from __future__ import annotations

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.day_grids import detect_day_grid
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.intake.cells import is_empty
from ledgerkit.hours.day_grid import _read_grid
from ledgerkit.hours.long_table import _read_long
from ledgerkit.hours.sheet_names import _HELPER_SHEET, _SUMMARY_SHEET


def _config(config: Config | None) -> Config:
    return config if config is not None else Config()


def read_hours_sheet(sheet, *, file: str, config: Config | None = None) -> SheetResult:
    """Read one sheet of effort hours in either layout.

    Returns a :class:`~ledgerkit.core.result.SheetResult` whose frame has the columns of
    :data:`HOURS_COLUMNS` (plus other columns of a long table under their own names),
    or ``frame=None`` with the reason in ``issues`` when the sheet holds no hours.
    """
    config = _config(config)
    name = sheet.name
    if _HELPER_SHEET.search(name):
        return SheetResult(
            issues=[Issue("helper_sheet", file, name, scope="sheet", params={"what": name})], note="helper"
        )
    rows = fill_merged(sheet.rows, sheet.merged or ())
    synonyms = config.synonyms("hours")
    syn = Synonyms(synonyms)
    table = detect_table(rows, syn, {"date", "hours"})
    if table is not None:
        return _read_long(rows, table, sheet.name, file, config, synonyms)
    grid = detect_day_grid(rows, syn, need_any=("project", "task"))
    if grid is not None:
        return _read_grid(rows, grid, sheet.name, file, config, synonyms)
    if _SUMMARY_SHEET.search(name) and any(not is_empty(v) for row in rows for v in row):
        return SheetResult.skipped("helper_sheet", file, name, note="summary", what="集計")
    return SheetResult.no_table(file, sheet, kind={"ja": "工数", "en": "hours"},
                                fields={"ja": "日付+工数 (縦持ち) または 日付(1〜31)の列+案件",
                                        "en": "日付 + 工数 (one row a day), or day columns (1-31) + 案件"})
