"""The 依頼一覧 (request list), read as it is: one row per request.

Read through the one door (``intake.door.read_files``) with :class:`RequestSheetReader`,
which runs in the worker: the header is found by ``detect.long_tables.detect_table``
among ``kinds.triage.REQUEST_FIELDS`` (plus ``[columns.requests]``), the rows under it are
walked with ``detect.walk`` (blank rows, 合計 rows and the header printed again are not
requests), and each cell is read by the shared parsers: dates and date-times
(``parse.datetimes``: ``令和8年12月3日``, ``12/3 17:00``, date-time cells), effort
(``parse.effort``: ``30分``, ``1.5h``, ``半日``, ``1日``), progress (``50%``, ``5割``).

Every data row is in the frame or an Issue naming its Excel row:

* rejected (not a request the triage can plan): no 件名; a 期限 or 見積工数 that cannot
  be read (a deadline guessed wrong is worse than one asked for);
* kept, with a warning: no estimate or ``未定`` (``[triage] default_effort`` hours are
  planned), a 状態 or 重要度 word the settings do not know (read as 未着手 / the default
  importance), a 受付日, 進捗 or 残工数 that cannot be read (left out);
* kept, with a note: a 種別 not in ``[triage] categories``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ledgerkit.core.result import SheetResult
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowLog, classify_rows
from ledgerkit.kinds.triage import REQUEST_FIELDS
from ledgerkit.parse.effort import parse_effort, parse_progress
from ledgerkit.parse.text import (
    CellValueError,
    is_blank,
    normalize_text,
)
from ledgerkit.workload.cells import RowProblem, read_date_time
from ledgerkit.workload.settings import OPEN, Settings, word_key

#: the columns of the frame a 依頼一覧 sheet gives
REQUEST_COLUMNS = ["request_no", "received", "requester", "role", "department", "subject", "category", "due_date",
                   "due_minutes", "effort", "effort_given", "owner", "status", "status_text", "importance",
                   "importance_level", "progress", "remaining", "source_file", "source_sheet", "source_row"]
_KIND = {"ja": "依頼一覧", "en": "request list"}
_REQUIRED = ("subject",)


@dataclass(frozen=True)
class RequestSheetReader:
    """Reads one sheet of a 依頼一覧 in the worker; picklable (a frozen dataclass of plain values).

    ``as_of`` chooses the year of dates written without one; ``settings`` give the length of
    a day (``半日``, ``1日``), the status and importance words.
    """

    as_of: dt.date
    settings: Settings
    #: also 今日 / 明日 and a time alone, from the as-of date (the --new option, not cells)
    relative: bool = False

    def __call__(self, sheet, *, file: str, config: Any) -> SheetResult:
        import pandas as pd

        rows = fill_merged(sheet.rows, getattr(sheet, "merged", ()) or ())
        fields = {k: list(dict.fromkeys([*v, *config.synonyms("requests").get(k, [])])) for k, v in REQUEST_FIELDS.items()}
        table = detect_table(rows, fields, _REQUIRED, min_fields=3)
        if table is None or not ({"due", "effort", "owner", "status"} & table.mapping.keys()):
            return SheetResult.no_table(file, sheet, kind=_KIND, fields="件名 + 期限 / 見積工数 / 担当 / 状態")
        log = RowLog(file, sheet.name)
        header = rows[table.header_row + table.header_rows - 1]
        kinds = classify_rows(rows, table.data_start, table.data_end, columns=table.mapping.values(),
                              labels=[table.mapping[f] for f in ("request_no", "subject") if f in table.mapping],
                              header=header)
        records = []
        for r in range(table.data_start, table.data_end):
            if log.not_data(r, kinds):
                continue
            row = rows[r]
            cells = {f: (row[c] if c < len(row) else "") for f, c in table.mapping.items()}
            try:
                record = self.row(cells, log, r, table.columns, table.mapping)
            except RowProblem as p:
                p.reject(log, r, table.columns.get(table.mapping.get(p.field, -1), ""))
                continue
            log.keep(r)
            record.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
            records.append(record)
        frame = pd.DataFrame.from_records(records, columns=REQUEST_COLUMNS)
        return SheetResult(frame=frame, issues=log.issues, rows_read=log.rows_read, layout="long",
                           header_row=table.header_excel_row,
                           mapping={f: table.columns.get(c, "") for f, c in table.mapping.items()})

    def row(self, cells: dict[str, Any], log: RowLog, r: int, columns: dict, mapping: dict) -> dict:
        """One request's values; notes (kept rows) go to ``log``, a RowProblem rejects the row."""
        s = self.settings

        def note(field: str, code: str, value: Any = "", severity: str = "warning", **params: Any) -> None:
            log.note(r, code, column=columns.get(mapping.get(field, -1), ""), value=value, severity=severity,
                     **params)

        subject = normalize_text(cells.get("subject"))
        if not subject:
            raise RowProblem("missing_value", "subject", severity="error")
        today = self.as_of if self.relative else None
        due = read_date_time(cells.get("due"), "due", self.as_of, today=today)
        effort, given = self._effort(cells.get("effort"))
        if not given:
            note("effort", "triage_default_effort", cells.get("effort"), hours=_h(s.default_effort))
        state = s.state_of(cells.get("status"))
        if state is None:
            note("status", "triage_unknown_status", cells.get("status"), text=normalize_text(cells.get("status")))
            state = OPEN
        level = None
        if not is_blank(cells.get("importance")):
            level = s.importance_level(cells.get("importance"))
            if level is None:
                note("importance", "triage_unknown_importance", cells.get("importance"),
                     text=normalize_text(cells.get("importance")))
        category = normalize_text(cells.get("category"))
        if category and word_key(category) not in {word_key(c) for c in s.categories}:
            note("category", "triage_unknown_category", category, severity="info", text=category)
        received = self._optional(lambda v: read_date_time(v, "received", self.as_of, today=today), cells,
                                  "received", note)
        progress = self._optional(parse_progress, cells, "progress", note)
        remaining = self._optional(lambda v: parse_effort(v, hours_per_day=s.day_hours), cells, "remaining", note)
        return {
            "request_no": normalize_text(cells.get("request_no")),
            "received": received[0] if received else None,
            "requester": normalize_text(cells.get("requester")),
            "role": normalize_text(cells.get("role")),
            "department": normalize_text(cells.get("department")),
            "subject": subject,
            "category": category,
            "due_date": due[0] if due else None,
            "due_minutes": due[1] if due else None,
            "effort": effort,
            "effort_given": given,
            "owner": normalize_text(cells.get("owner")),
            "status": state,
            "status_text": normalize_text(cells.get("status")),
            "importance": normalize_text(cells.get("importance")) if level is not None else "",
            "importance_level": level,
            "progress": progress,
            "remaining": remaining,
        }

    def _effort(self, value: Any) -> tuple[float, bool]:
        try:
            hours = parse_effort(value, hours_per_day=self.settings.day_hours)
        except CellValueError as e:
            raise RowProblem("triage_bad_cell", "effort", value, reason=e.reason, text=normalize_text(value)) from None
        if hours is None:
            return self.settings.default_effort, False
        return hours, True

    @staticmethod
    def _optional(parse, cells: dict[str, Any], field: str, note) -> Any:
        """A cell that helps but is not needed: unreadable → a warning, and left out."""
        value = cells.get(field)
        if is_blank(value):
            return None
        try:
            return parse(value)
        except (CellValueError, RowProblem, ValueError, OverflowError) as e:
            reason = getattr(e, "reason", "") or getattr(e, "params", {}).get("reason", "")
            note(field, "triage_ignored_cell", value, field=_FIELD_WORDS[field], text=normalize_text(value),
                 reason=reason)
            return None


_FIELD_WORDS = {
    "received": {"ja": "受付日", "en": "received date"},
    "progress": {"ja": "進捗", "en": "progress"},
    "remaining": {"ja": "残工数", "en": "remaining effort"},
}


def _h(hours: float) -> str:
    return f"{hours:g}h"
