"""The 担当者一覧 (staff list), read as it is: one row per person.

Read through the one door with :class:`StaffSheetReader` in the worker: 氏名 and, each
optional, 1日の稼働時間 (or 週の稼働時間, spread over the weekdays), 得意 and 不得意 (lists
of 種別: ``稟議、請求書``), 休暇 (``12/4, 12/10〜12/11, 12/15(午後)``) and a column per
date whose cell marks a day off (``休``, ``有給``, ``×``) or half a day (``午前休``, ``半休``).

A row without a name is rejected; an hours cell that cannot be read, or a 休暇 entry
that is no date, is a warning and the rest of the row is used (the default capacity,
the other days off). The same person twice: the first row counts, the second is an
Issue (:func:`finish_staff`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from ledgerkit.core.issues import Issue, location_param
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowLog, cell_text, classify_rows
from ledgerkit.kinds.triage import STAFF_FIELDS
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.text import (
    CellValueError,
    is_blank,
    normalize_text,
)
from ledgerkit.rules.figures import is_na
from ledgerkit.workload.cells import RowProblem, nearest_year, split_words
from ledgerkit.workload.settings import Settings, word_key

#: the columns of the frame a 担当者一覧 sheet gives
STAFF_COLUMNS = ["person", "hours_per_day", "hours_per_week", "strengths", "weaknesses", "days_off",
                 "source_file", "source_sheet", "source_row"]
_KIND = {"ja": "担当者一覧", "en": "staff list"}
_OPTIONAL = ("hours_per_day", "hours_per_week", "strengths", "weaknesses", "days_off")

#: marks of a day off in a column per date: the whole day, or half of it
_FULL_DAY = frozenset(map(word_key, ["休", "休み", "休暇", "有休", "有給", "有給休暇", "代休", "振休", "特休", "全休",
                                       "終日", "不在", "公休", "夏休", "夏季休暇", "×", "✕", "x", "○", "◯", "●", "1",
                                       "off", "leave"]))
_HALF_DAY = frozenset(map(word_key, ["午前休", "午後休", "半休", "半日", "半日休", "am休", "pm休", "午前", "午後", "am",
                                       "pm", "△", "▲", "0.5", "half"]))
_HALF_IN_TEXT = re.compile(r"[(（]?\s*(午前休?|午後休?|半休|半日|am|pm)\s*[)）]?", re.IGNORECASE)
_LIST_SPLIT = re.compile(r"[、,，;；\n]+")
_RANGE_SPLIT = re.compile(r"\s*(?:〜|~|\.\.|から|–)\s*")
#: the longest run of days one 休暇 entry may name (a typo in a range is not a year off)
_MAX_RANGE_DAYS = 92


@dataclass(frozen=True)
class StaffSheetReader:
    """Reads one sheet of a 担当者一覧 in the worker; picklable. ``as_of`` chooses the year of
    dates written without one."""

    as_of: dt.date
    settings: Settings

    def __call__(self, sheet, *, file: str, config: Any) -> SheetResult:
        import pandas as pd

        rows = fill_merged(sheet.rows, getattr(sheet, "merged", ()) or ())
        fields = {k: list(dict.fromkeys([*v, *config.synonyms("staff").get(k, [])])) for k, v in STAFF_FIELDS.items()}
        table = detect_table(rows, fields, ("person",), min_fields=1)
        header = rows[table.header_row + table.header_rows - 1] if table is not None else []
        dates = self._date_columns(header, table) if table is not None else {}
        if table is None or not (set(_OPTIONAL) & table.mapping.keys() or dates):
            return SheetResult.no_table(file, sheet, kind=_KIND, fields="氏名, 1日の稼働時間 / 得意 / 不得意 / 休暇")
        log = RowLog(file, sheet.name)
        kinds = classify_rows(rows, table.data_start, table.data_end, columns=table.mapping.values(),
                              labels=[table.mapping["person"]], header=header)
        records = []
        for r in kinds.data(table.data_start, table.data_end):
            row = rows[r]
            cells = {f: (row[c] if c < len(row) else "") for f, c in table.mapping.items()}
            marks = {day: row[c] for c, day in dates.items() if c < len(row) and not is_blank(row[c])}
            try:
                record = self.row(cells, marks, log, r, table.columns, table.mapping)
            except RowProblem as p:
                p.reject(log, r, table.columns.get(table.mapping.get(p.field, -1), ""))
                continue
            log.keep(r)
            record.update(source_file=file, source_sheet=sheet.name, source_row=r + 1)
            records.append(record)
        for r in kinds.total:
            log.total(r)
        for r in sorted(kinds.repeated):
            log.repeated_header(r)
        for r, text in sorted(kinds.note.items()):
            log.note_row(r, text)
        return SheetResult(frame=pd.DataFrame.from_records(records, columns=STAFF_COLUMNS), issues=log.issues,
                           rows_read=log.rows_read, layout="long", header_row=table.header_excel_row,
                           mapping={f: table.columns.get(c, "") for f, c in table.mapping.items()})

    def _date_columns(self, header: list[Any], table) -> dict[int, dt.date]:
        """Header cells that are dates (``12/4(金)``, a date cell): a column per date of days off."""
        out = {}
        for c, value in enumerate(header):
            if c in table.mapping.values() or is_blank(value):
                continue
            try:
                found = nearest_year(value, self.as_of)
            except (CellValueError, ValueError, OverflowError):
                continue
            if found is not None and found[1] is None and not isinstance(value, (int, float)):
                out[c] = found[0]
        return out

    def row(self, cells: dict[str, Any], marks: dict[dt.date, Any], log: RowLog, r: int, columns: dict,
            mapping: dict) -> dict:
        def note(field: str, code: str, value: Any = "", **params: Any) -> None:
            log.note(r, code, column=columns.get(mapping.get(field, -1), ""), value=value, **params)

        person = normalize_text(cells.get("person"))
        if not person:
            raise RowProblem("missing_value", "person")
        hours = {}
        for key in ("hours_per_day", "hours_per_week"):
            value = cells.get(key)
            try:
                hours[key] = parse_hours(value)
            except CellValueError as e:
                hours[key] = None
                note(key, "triage_staff_hours", value, text=normalize_text(value), reason=e.reason)
        if hours["hours_per_day"] is not None and hours["hours_per_day"] > 24:
            note("hours_per_day", "triage_staff_hours", cells.get("hours_per_day"),
                 text=cell_text(cells.get("hours_per_day")), reason="24時間を超えています")
            hours["hours_per_day"] = None
        off = self._days_off(cells.get("days_off"), note)
        for day, mark in marks.items():
            share = _mark_share(mark)
            if share is None:
                note("days_off", "triage_unknown_mark", mark, text=normalize_text(mark), date=day.isoformat())
                share = 1.0
            if share:
                off[day] = max(off.get(day, 0.0), share)
        return {"person": person, **hours, "strengths": tuple(split_words(cells.get("strengths"))),
                "weaknesses": tuple(split_words(cells.get("weaknesses"))), "days_off": tuple(sorted(off.items()))}

    def _days_off(self, value: Any, note) -> dict[dt.date, float]:
        """``12/4, 12/10〜12/11, 12/15(午後)`` → {date: share of the day off}."""
        out: dict[dt.date, float] = {}
        if is_blank(value):
            return out
        if isinstance(value, (dt.date, dt.datetime)):
            return {value.date() if isinstance(value, dt.datetime) else value: 1.0}
        for entry in (e.strip() for e in _LIST_SPLIT.split(normalize_text(value))):
            if not entry:
                continue
            share = 0.5 if _HALF_IN_TEXT.search(entry) else 1.0
            text = _HALF_IN_TEXT.sub("", entry).strip()
            try:
                ends = [nearest_year(p, self.as_of) for p in _RANGE_SPLIT.split(text)]
                if not 1 <= len(ends) <= 2 or any(e is None for e in ends):
                    raise ValueError
                first, last = ends[0][0], ends[-1][0]
                if not 0 <= (last - first).days <= _MAX_RANGE_DAYS:
                    raise ValueError
            except (CellValueError, ValueError, OverflowError):
                note("days_off", "triage_bad_day_off", entry, text=entry)
                continue
            day = first
            while day <= last:
                out[day] = max(out.get(day, 0.0), share)
                day += dt.timedelta(days=1)
        return out


def _mark_share(mark: Any) -> float | None:
    """The share of a day a mark in a date column takes off: 1, 0.5, 0 (``0``), or None (unknown)."""
    key = word_key(cell_text(mark))
    if key in _FULL_DAY:
        return 1.0
    if key in _HALF_DAY:
        return 0.5
    if key in ("0", "出", "出勤", "在席"):
        return 0.0
    return None


@dataclass(frozen=True)
class Staff:
    """One person of the 担当者一覧: their capacity, strengths, weaknesses and days off."""

    name: str
    #: hours a business day (None: the working hours less lunch)
    hours_per_day: float | None = None
    strengths: tuple[str, ...] = ()
    weaknesses: tuple[str, ...] = ()
    #: date → share of the day off (1.0 whole day, 0.5 half)
    days_off: dict[dt.date, float] = field(default_factory=dict)
    source_file: str = ""
    source_sheet: str = ""
    source_row: int | None = None

    def __post_init__(self) -> None:
        # compared for every request and person: the words' keys once
        object.__setattr__(self, "_strong", frozenset(map(word_key, self.strengths)))
        object.__setattr__(self, "_weak", frozenset(map(word_key, self.weaknesses)))

    def daily_hours(self, settings: Settings) -> float:
        return settings.day_hours if self.hours_per_day is None else self.hours_per_day

    def is_strong(self, category: str) -> bool:
        return bool(category) and word_key(category) in self._strong

    def is_weak(self, category: str) -> bool:
        return bool(category) and word_key(category) in self._weak

    def fit(self, key: str) -> int:
        """0 strong at the category (its word key), 2 weak, 1 neither."""
        return 0 if key in self._strong else 2 if key in self._weak else 1


def finish_staff(frame, issues: list[Issue], config: Any):
    """Across sheets and files: the same person twice keeps the first row; the others are Issues."""
    seen: dict[str, tuple] = {}
    keep = []
    for i, r in enumerate(frame.itertuples(index=False)):
        key = word_key(r.person)
        if key in seen:
            first = seen[key]
            issues.append(Issue("triage_duplicate_person", r.source_file, r.source_sheet, int(r.source_row),
                                value=r.person, severity="warning", rejected=True,
                                params={"name": r.person, "where": location_param(*first)}))
            continue
        seen[key] = (r.source_file, r.source_sheet, int(r.source_row))
        keep.append(i)
    return frame.iloc[keep].reset_index(drop=True), issues


def staff_list(frame, weekdays: int) -> list[Staff]:
    """The people of the staff frame; a weekly figure is spread over ``weekdays`` days."""
    out = []
    for r in frame.itertuples(index=False):
        daily = _number(r.hours_per_day)
        weekly = _number(r.hours_per_week)
        if daily is None and weekly is not None:
            daily = weekly / weekdays
        out.append(Staff(r.person, daily, tuple(r.strengths), tuple(r.weaknesses), dict(r.days_off),
                         r.source_file, r.source_sheet, int(r.source_row)))
    return out


def _number(value: Any) -> float | None:
    return None if is_na(value) else float(value)
