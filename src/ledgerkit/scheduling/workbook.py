"""Busy blocks from a 予定表 kept in Excel: one row per block (氏名, 日付, 開始, 終了, 件名, 状態).

Read through the one door (``intake.door.read_files``) with :class:`ScheduleSheetReader`,
which runs in the worker process: the header is found by ``detect.table.detect_table``
(title rows, merged headers, a table beside), dates by ``parse.normalize.parse_date``
(``2026/12/8``, ``令和8年12月8日``, ``12/8(火)`` with the year taken from the sheet's title,
its name, the file's name or the search window) and times by
:func:`~ledgerkit.scheduling.options.parse_clock` (``9:00``, ``9時30分``, Excel time cells).

Every row the table holds is in the frame or an Issue naming its Excel row: a row without
a name, a date or a time it can read, ending before it starts, or outside the search
window. A row with a date and no times is a whole day (終日: 出張, 休暇); ``状態`` 仮 / 仮予定
/ tentative marks a tentative block, 空き / free a free one (not a block).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.detect.labels import title_texts
from ledgerkit.kinds.schedule import SCHEDULE_FIELDS
from ledgerkit.parse.text import CellValueError, is_blank, normalize_text
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.periods import parse_year_month
from ledgerkit.scheduling.options import parse_clock
from ledgerkit.scheduling.people import BUSY, TENTATIVE

#: the columns of the frame a 予定表 sheet gives
ROW_COLUMNS = ["person", "date", "start_min", "end_min", "all_day", "status", "summary",
               "source_file", "source_sheet", "source_row"]
_REQUIRED = ("person", "date", "start", "end")
_KIND = {"ja": "予定表", "en": "schedule"}
_FIELD = {
    "person": {"ja": "氏名", "en": "name"},
    "date": {"ja": "日付", "en": "date"},
    "start": {"ja": "開始", "en": "start"},
    "end": {"ja": "終了", "en": "end"},
}
_TENTATIVE_WORDS = ("仮", "tentative", "未確定", "調整中")
_FREE_WORDS = ("空き", "free", "取消", "キャンセル", "cancel")
_ALL_DAY_WORDS = ("終日", "all day", "allday")


class _RowProblem(Exception):
    def __init__(self, issue: Issue):
        self.issue = issue


@dataclass(frozen=True)
class ScheduleSheetReader:
    """Reads one sheet of a 予定表 in the worker; picklable (a frozen dataclass of plain values).

    ``first`` and ``last`` are the search window: rows outside it are listed, not used.
    """

    first: dt.date
    last: dt.date

    def __call__(self, sheet, *, file: str, config: Any) -> SheetResult:
        import pandas as pd

        rows = fill_merged(sheet.rows, getattr(sheet, "merged", ()) or ())
        fields = {k: list(dict.fromkeys([*v, *config.synonyms("schedule").get(k, [])])) for k, v in SCHEDULE_FIELDS.items()}
        table = detect_table(rows, fields, _REQUIRED, min_fields=4)
        if table is None:
            return SheetResult.no_table(file, sheet, kind=_KIND, fields="氏名, 日付, 開始, 終了")
        year = _year_hint([*title_texts(rows, table.header_row), sheet.name, Path(file).stem])
        # blank rows, 合計 rows and the header printed again are told apart by the shared row walk:
        # the last two are listed, never read as busy blocks nor dropped unsaid
        kinds = classify_rows(rows, table.data_start, table.data_end, columns=table.mapping.values(),
                              labels=[table.mapping["person"]] if "person" in table.mapping else [],
                              header=rows[table.header_row + table.header_rows - 1])
        log = RowLog(file, sheet.name)
        records = []
        for r in range(table.data_start, table.data_end):
            if log.not_data(r, kinds):
                continue
            row = rows[r]
            cells = {f: (row[c] if c < len(row) else "") for f, c in table.mapping.items()}
            try:
                record = self._row(cells, year)
            except _RowProblem as p:
                # whose row it was (``ref``): a person none of whose rows could be read must not
                # drop out of the attendees as if free (finder.unread_people)
                log.reject_issue(r, p.issue.at(ref=normalize_text(cells.get("person")) or None))
                continue
            log.keep(r)
            record.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
            records.append(record)
        frame = pd.DataFrame.from_records(records, columns=ROW_COLUMNS)
        return SheetResult(frame=frame, issues=log.issues, rows_read=log.rows_read, layout="long",
                           header_row=table.header_excel_row,
                           mapping={f: table.columns.get(c, "") for f, c in table.mapping.items()})

    def _row(self, cells: dict[str, Any], year: int | None) -> dict:
        person = normalize_text(cells.get("person"))
        if not person:
            raise _RowProblem(_missing("person"))
        day = self._date(cells.get("date"), year)
        status = _status(cells.get("status"))
        start, end = _time(cells.get("start"), "start"), _time(cells.get("end"), "end")
        all_day = start is None and end is None
        if all_day:
            start, end = 0, 24 * 60
        elif start is None or end is None:
            raise _RowProblem(_missing("start" if start is None else "end"))
        elif end <= start:
            raise _RowProblem(Issue("sched_row_end_before_start", rejected=True, severity="warning",
                                    value=f"{cells.get('start')}–{cells.get('end')}"))
        if not self.first <= day <= self.last:
            raise _RowProblem(Issue("sched_row_outside", rejected=True, value=day.isoformat(),
                                    params={"date": day.isoformat(), "first": self.first.isoformat(),
                                            "last": self.last.isoformat()}))
        if status is None:
            raise _RowProblem(Issue("sched_row_free", rejected=True, value=normalize_text(cells.get("status"))))
        return {"person": person, "date": day, "start_min": start, "end_min": end, "all_day": all_day,
                "status": status, "summary": normalize_text(cells.get("summary"))}

    def _date(self, value: Any, year: int | None) -> dt.date:
        if is_blank(value):
            raise _RowProblem(_missing("date"))
        try:
            try:
                day = parse_date(value, year=year)
            except CellValueError:
                if year is not None:
                    raise
                # 12/8(火) with no year on the sheet: the year that puts it in the window
                day = parse_date(value, year=self.first.year)
                if day < self.first and day.replace(year=self.last.year) <= self.last:
                    day = day.replace(year=self.last.year)
        except (CellValueError, ValueError) as e:
            raise _RowProblem(_bad("date", value, e)) from None
        if day is None:
            raise _RowProblem(_missing("date"))
        return day


def _year_hint(texts: list[str]) -> int | None:
    for text in texts:
        found = parse_year_month(text)
        if found and found[0]:
            return found[0]
    return None


def _time(value: Any, field: str) -> int | None:
    if isinstance(value, str) and normalize_text(value).lower() in _ALL_DAY_WORDS:
        return None
    try:
        return parse_clock(value)
    except (CellValueError, ValueError) as e:
        raise _RowProblem(_bad(field, value, e)) from None


def _status(value: Any) -> str | None:
    """BUSY, TENTATIVE, or None for a row marked free."""
    text = normalize_text(value).lower()
    if any(w in text for w in _FREE_WORDS):
        return None
    if any(w in text for w in _TENTATIVE_WORDS):
        return TENTATIVE
    return BUSY


def _missing(field: str) -> Issue:
    return Issue("missing_value", rejected=True, severity="warning", column=_FIELD[field]["ja"],
                 params={"field": _FIELD[field]})


def _bad(field: str, value: Any, error: Exception) -> Issue:
    return Issue("bad_cell", rejected=True, severity="warning", column=_FIELD[field]["ja"], value=str(value),
                 params={"field": _FIELD[field], "value": normalize_text(value)})
