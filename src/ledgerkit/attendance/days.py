"""The day rows of an attendance sheet, one at a time: what was worked, or why the row is rejected.

The rows are sorted with the shared row walk (:mod:`ledgerkit.detect.walk`): blank, the
total row (which ends the table), the header printed again; the walk's :class:`RowLog`
counts the data rows and words their issues. Days not worked (blank, ``0:00``, ``休``) are
not data rows and are not counted. Worked hours come from the worked column when there is
one, otherwise end − start − break; when both are present and differ by more than a minute
the row is reported (``hours_disagree``) and the worked column kept.
"""

from __future__ import annotations

import datetime as dt

from ledgerkit.attendance.breaks import statutory_break
from ledgerkit.attendance.cells import (
    _WEEKDAY_JA,
    _CellError,
    _hm,
    _is_off,
    _is_off_note,
    _nfkc,
    _period_wrap,
    _safe,
    _split_span,
    minutes_by_values,
    minutes_header,
    parse_clock,
    parse_day,
    parse_duration,
    parse_duration_minutes,
    split_person,
)
from ledgerkit.attendance.continued import merge_continued_rows
from ledgerkit.attendance.footers import _rows_words, find_footer, read_footer
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.walk import RowKinds, RowLog, classify_rows, column_values
from ledgerkit.parse.text import is_total_label, normalize_name


class _DayRows:
    """The rows under an attendance table's header, read into records (one per worked day)."""

    def __init__(self, rows, layout, log: RowLog, year, month, person: str, person_id: str, month_from_dates: bool,
                 max_minutes: int, break_mode: str = "none", merged_down: frozenset = frozenset()):
        #: the data rows read (kept or rejected) and the sheet's issues, by Excel row
        self.log = log
        self.rows, self.layout, self.file, self.name, self.issues = rows, layout, log.file, log.sheet, log.issues
        self.year, self.month, self.person, self.person_id = year, month, person, person_id
        self.month_from_dates, self.max_minutes = month_from_dates, max_minutes
        cols = self.cols = layout.columns
        self.records: list[dict] = []
        self.weekday_mismatches: list[tuple[int, str]] = []
        # a closing-day period (20日締め: 21 … 31, 1 … 20 under 11月度): the days before the
        # wrap are the month before; every day is settled with the sheet's month
        self.wrap = _period_wrap(rows, layout.data_start, cols["day"], (year, month)) if year and month else None
        self.period = f"{year}-{month:02d}" if self.wrap is not None else None
        if self.wrap is not None:
            self.prev_year, self.prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
        self.data_cols = [c for f, c in cols.items()
                          if f not in ("weekday", "cumulative", "separator", "ignore", "person", "person_id")] + layout.notes
        self.time_cols = [cols[f] for f in ("start", "end", "break", "worked", "overtime") if f in cols]
        self.last_row = layout.data_start
        # no 休憩 column: the days whose hours are end − start, and the break taken off them
        self.break_mode = break_mode
        self.spans_without_break = 0
        self.row_without_break = False
        #: minutes of statutory break taken off the days kept (default_break = "statutory")
        self.statutory_minutes = 0
        #: the first row under the days that is not data (after the 合計 row, or the footer)
        self.footer_from: int | None = None
        #: the duration columns whose plain numbers are minutes (休憩時間(分), or 480 under 労働時間)
        self.minute_fields = _minute_fields(rows, layout, log)
        #: rows whose day cell is filled from a cell merged down from the row above
        self.merged_down = merged_down
        #: rows with no day of their own merged into the day above (row → the day's row)
        self.continued: dict[int, int] = {}
        #: days whose hours come from the span with the 休憩 cell blank, and days with a 休憩 figure
        self.long_spans_blank_break = 0
        self.breaks_written = 0

    @property
    def read(self) -> int:
        """Data rows read: kept or rejected (days not worked are not data)."""
        return self.log.rows_read

    def read_all(self) -> None:
        """Every row under the header, up to the total row, which ends the table."""
        start, end = self.layout.data_start, len(self.rows)
        kinds = classify_rows(self.rows, start, end, columns=self.data_cols, labels=[self.cols["day"]],
                              header=self.rows[self.layout.header_row])
        _totals_by_first_text(self.rows, kinds, start, end, self.cols["day"], max(self.data_cols))
        # the sheet's own summary (出勤日数, 稼働時間 …) or stamp boxes under the days, with no 合計 row before
        first_total = min(kinds.total, default=end)
        footer = find_footer(self.rows, start, first_total, day_col=self.cols["day"], last_col=max(self.data_cols))
        self._merge_continued(kinds, start, min(first_total, end if footer is None else footer))
        for r in range(start, end):
            if r == footer:
                self.footer_from = r
                break
            if r in kinds.blank:
                continue
            if r in kinds.total:
                self._total(r)
                self.footer_from = r + 1
                break
            if r in kinds.repeated:
                # the header printed again every page: listed, not data
                self.log.repeated_header(r)
                continue
            if r in kinds.note:
                self.log.note_row(r, kinds.note[r])
                continue
            if r in self.continued:
                continue  # read with its day
            self.read_row(r)
        if self.footer_from is not None:
            self._footer(self.footer_from, end)

    def _merge_continued(self, kinds: RowKinds, start: int, end: int) -> None:
        """Rows with no day holding figures the day above left empty (休憩 on the row under
        出社 | 退社): merged into that day, and said once for the sheet."""
        to_read = [r for r in range(start, end)
                   if r not in kinds.blank and r not in kinds.total and r not in kinds.repeated and r not in kinds.note]
        self.rows, self.continued = merge_continued_rows(
            self.rows, to_read, day_col=self.cols["day"], figure_cols=self.time_cols, note_cols=self.layout.notes,
            merged_down=self.merged_down, is_figure=_is_figure)
        if not self.continued:
            return
        rows = sorted(self.continued)
        labels = ", ".join(dict.fromkeys(
            self.layout.labels.get(c, "") for r in rows for c in self.time_cols
            if c < len(self.rows[r]) and not is_empty(self.rows[r][c])))
        self.log.note(None, "attendance_rows_merged", severity="info", count=len(rows),
                      range=_rows_words(rows[0] + 1, rows[-1] + 1), columns=labels)

    def _footer(self, start: int, end: int) -> None:
        """The rows under the days: the sheet's summary checked and listed, anything else listed."""
        block = read_footer(self.log, self.rows, start, end, self.records, added_break=self.statutory_minutes)
        other = [r for r in range(start, end) if any(not is_empty(v) for v in self.rows[r])] \
            if not block.values else block.other_rows
        if other:
            # rows below the total row (another table, a note) are not data; say where they are
            self.log.note(None, "extra_table", severity="info", range=_rows_words(other[0] + 1, other[-1] + 1))

    def _total(self, r: int) -> None:
        """A total row is not data (issue 2), the same as for hours: listed, its 合計 checked."""
        row = self.rows[r]
        cell = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        self.log.total(r)
        _check_total(self.log, r, self.layout, self.cols, cell, self.records, self.statutory_minutes,
                     self.minute_fields)
        self.last_row = r + 1

    def read_row(self, r: int) -> None:
        """Read the data row ``r`` (neither blank, a total nor the header again)."""
        row = self.rows[r]
        cell = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        if self._day_off(cell) or self._no_day(r, cell):
            return
        times = self._times(r, cell)
        if times is None:
            off = self._off_text(cell, self.layout.notes) if self._no_time(cell) else ""
            if off:
                # no times and 有給 / 代休 / 欠勤 in the 備考: a day off by its note, listed (never rejected)
                self.log.skip(r, "attendance_day_off", value=off)
            return
        start, end, worked, brk, overtime = times
        date = self._date(r, cell)
        if date is None:
            return
        minutes = self._minutes(r, start, end, worked, brk)
        if minutes is None:
            return
        start, end, computed, minutes, brk, worked = minutes
        self._record(r, cell, date, start, end, brk, worked, computed, minutes, overtime)

    def _day_off(self, cell) -> bool:
        """休 / 有休 / 欠勤 in a time column (and no worked hours): a day not worked, not data."""
        cols = self.cols
        texts = [_nfkc(cell(c)) for c in self.time_cols if isinstance(cell(c), str) and not is_empty(cell(c))]
        return bool(texts) and any(_is_off(t) for t in texts) and not _safe(parse_duration, cell(cols.get("worked")))

    def _no_time(self, cell) -> bool:
        """No time written in any time column (the day's row holds only its date and notes)."""
        return all(is_empty(cell(c)) for c in self.time_cols)

    @staticmethod
    def _off_text(cell, columns) -> str:
        """The first text in ``columns`` that marks a day off (有給, 休暇, 代休, 特休, 欠勤 …), or ""."""
        for c in columns:
            v = cell(c)
            if isinstance(v, str) and not is_empty(v) and _is_off_note(_nfkc(v)):
                return _nfkc(v)
        return ""

    def _no_day(self, r: int, cell) -> bool:
        """A row with no day holding figures but no times or hours (a 休憩 the day above already
        has): never passed over in silence, rejected with its row."""
        cols = self.cols
        if not is_empty(cell(cols["day"])) or any(f in cols and not is_empty(cell(cols[f])) for f in ("start", "end", "worked")):
            return False
        figures = [c for c in self.time_cols if not is_empty(cell(c))]
        if not figures:
            return False
        label = self.layout.labels.get(figures[0], "")
        value = cell(figures[0])
        minutes = _safe(parse_duration, value)
        self.log.reject(r, "attendance_no_day", column=label, value=_hm(minutes) if minutes is not None else _nfkc(value))
        return True

    def _times(self, r: int, cell):
        """(start, end, worked, break, overtime) in minutes; None when the row is done with
        (rejected, or no time worked)."""
        cols, layout, log = self.cols, self.layout, self.log
        values: dict[str, int | None] = {}
        bad = None
        # 9:00～18:00 in one cell (under 出社, or under a 勤務時間帯 header taken for worked time)
        span = next(((f, _split_span(cell(cols.get(f)))) for f in ("start", "worked")
                     if f in cols and _split_span(cell(cols.get(f)))), None)
        minute_fields = self.minute_fields
        for f, parser in (("start", parse_clock), ("end", parse_clock), ("break", _duration_parser("break", minute_fields)),
                          ("worked", _duration_parser("worked", minute_fields)),
                          ("overtime", _duration_parser("overtime", minute_fields))):
            if span and f in ("start", "end", span[0]):
                values[f] = span[1][0] if f == "start" else span[1][1] if f == "end" else None
                continue
            try:
                values[f] = parser(cell(cols.get(f)))
            except _CellError:
                bad = f
                break
        if bad:
            _reject(log, r, layout, cols[bad], cell(cols[bad]))
            return None
        start, end, worked = values["start"], values["end"], values["worked"]
        brk, overtime = values["break"], values["overtime"]
        s_raw, e_raw = cell(cols.get("start")), cell(cols.get("end"))
        if start is not None and end is not None and isinstance(s_raw, dt.datetime) and isinstance(e_raw, dt.datetime) \
                and s_raw.year > 1900 and e_raw.year > 1900:
            # 2026/10/3 9:00 → 2026/10/4 11:00: the dates count, not only the clock
            end = start + int((e_raw - s_raw).total_seconds() + 30) // 60
            if end < start:
                _reject(log, r, layout, cols["end"], e_raw)
                return None
        if not worked and (start is None and end is None or start == end):
            return None
        if worked is None and (start is None) != (end is None):
            missing = "end" if end is None else "start"
            # a sheet may have no 出勤 column at all (日付 | 退勤 | 稼働時間): name the field, not a column
            label = layout.labels.get(cols[missing]) if missing in cols else {"start": "出勤", "end": "退勤"}[missing]
            log.reject(r, "missing_value", column=label or missing)
            return None
        return start, end, worked, brk, overtime

    def _date(self, r: int, cell):
        """The row's date; None when the row is rejected."""
        cols, layout, year, month, log = self.cols, self.layout, self.year, self.month, self.log
        day_value = cell(cols["day"])
        label = layout.labels.get(cols["day"], "日付")
        row_year, row_month = (self.prev_year, self.prev_month) if self.wrap is not None and r < self.wrap else (year, month)
        try:
            date, weekday = parse_day(day_value, row_year, row_month)
        except _CellError as e:
            if str(e) == "outside":
                log.reject(r, "date_outside_month", column=label, value=_nfkc(day_value), month=f"{year}-{month:02d}")
            else:
                log.reject(r, "no_month" if str(e) == "no month" else "bad_cell", column=label, value=_nfkc(day_value))
            return None
        if date is None:
            log.reject(r, "missing_value", column=label)
            return None
        if "weekday" in cols and weekday is None:
            w = cell(cols["weekday"])
            if isinstance(w, str) and _nfkc(w).strip("()（）曜日 ") in _WEEKDAY_JA:
                weekday = _nfkc(w).strip("()（）曜日 ")
        if weekday and weekday != _WEEKDAY_JA[date.weekday()]:
            self.weekday_mismatches.append((r + 1, f"{_nfkc(day_value)}"))
        if year and month and not self.month_from_dates and (date.year, date.month) != (row_year, row_month):
            log.reject(r, "date_outside_month", column=layout.labels.get(cols["day"], ""), value=date.isoformat(),
                       month=f"{year}-{month:02d}")
            return None
        return date

    def _minutes(self, r: int, start, end, worked, brk):
        """(start, end, computed minutes, minutes worked, break); None when the row is rejected."""
        cols, layout, log = self.cols, self.layout, self.log
        if end is not None and start is not None and end < start:
            end += 24 * 60  # a shift past midnight
        computed = None
        self.row_without_break = False
        if "break" not in cols and start is not None and end is not None and (worked is None or abs(worked - (end - start)) <= 1):
            # no 休憩 column and the day's hours are its span (no worked figure, or one that is
            # end − start: no break anywhere): [attendance] default_break says what to take off;
            # the sheet gets one warning or note for the days a break was due (see _sheet_result)
            self.row_without_break = statutory_break(end - start) > 0
            if self.break_mode == "statutory":
                brk, worked = statutory_break(end - start), None
        if start is not None and end is not None:
            computed = end - start - (brk or 0)
            if computed < 0:
                log.reject(r, "attendance_break_too_long", column=layout.labels.get(cols.get("break", cols["day"]), ""),
                           value=_hm(brk), start=_hm(start), end=_hm(end), **{"break": _hm(brk)})
                return None
        minutes = worked if worked is not None else computed
        if minutes > self.max_minutes:
            log.reject(r, "attendance_day_too_long", column=layout.labels.get(cols.get("worked", cols.get("end")), ""),
                       value=_hm(minutes), hours=_hm(minutes), max=_hm(self.max_minutes))
            return None
        return start, end, computed, minutes, brk, worked

    def _record(self, r: int, cell, date, start, end, brk, worked, computed, minutes, overtime) -> None:
        """The worked day as a record, or the row rejected for want of a person."""
        cols, layout, log = self.cols, self.layout, self.log
        # with no 休憩 column the times give the span: worked hours under it are the break taken
        no_break_column = "break" not in cols and worked is not None and computed is not None and worked <= computed
        if worked is not None and computed is not None and abs(worked - computed) > 1 and not no_break_column:
            log.note(r, "hours_disagree", column=layout.labels.get(cols["worked"], ""), value=_hm(worked),
                     worked=_hm(worked), computed=_hm(computed))
        note = " / ".join(_nfkc(cell(c)) for c in layout.notes if not is_empty(cell(c)))
        row_person, row_pid = self.person, self.person_id
        if "person" in cols and not is_empty(cell(cols["person"])):
            found_name, found_id = split_person(str(cell(cols["person"])))
            row_person, row_pid = normalize_name(found_name), found_id or self.person_id
        if "person_id" in cols and not is_empty(cell(cols["person_id"])):
            v = cell(cols["person_id"])
            row_pid = _nfkc(int(v) if isinstance(v, float) and v.is_integer() else v)
        if not row_person:
            log.reject(r, "missing_value", column=layout.labels.get(cols["person"], "氏名"))
            return
        log.keep(r)
        if "break" in cols:
            # a 休憩 column blank on every day, over spans that call for a break (see _sheet_result)
            self.breaks_written += brk is not None
            self.long_spans_blank_break += brk is None and worked is None and computed is not None and end - start > 360
        if self.row_without_break:
            self.spans_without_break += 1
            self.statutory_minutes += (brk or 0) if self.break_mode == "statutory" else 0
        self.records.append({
            "date": date,
            "person": row_person,
            "person_id": row_pid,
            "start": _hm(start),
            "end": _hm(end),
            "break_hours": (brk or 0) / 60,
            "hours": minutes / 60,
            "overtime_hours": (overtime or 0) / 60,
            "note": note,
            "source_file": self.file,
            "source_sheet": self.name,
            "source_row": r + 1,
            **({"period": self.period} if self.period else {}),
        })
        self.last_row = r + 1


def _is_figure(value) -> bool:
    """Whether a cell holds a time or a duration (what a day's row takes from the row under it)."""
    if not isinstance(value, str):
        return True
    return _safe(parse_duration, value) is not None or _safe(parse_clock, value) is not None \
        or _split_span(value) is not None


def _totals_by_first_text(rows, kinds: RowKinds, start: int, end: int, day_col: int, last_col: int) -> None:
    """Pre-step to the walk's total rule: a row whose day cell is blank and whose first text
    (in any column up to the last data column: under 曜日, or a label merged across) says
    合計 is the total row too. The walk looks at the day column only."""
    for r in kinds.data(start, end):
        row = rows[r]
        if not is_empty(row[day_col] if day_col < len(row) else ""):
            continue
        first = next((v for v in row[: last_col + 1] if isinstance(v, str) and v.strip()), "")
        if is_total_label(first):
            kinds.total[r] = first


def _check_total(log: RowLog, r: int, layout, cols, cell, records, added_break: int = 0,
                 minute_fields: frozenset = frozenset()) -> None:
    """The sheet's own 合計 of worked hours against the days read: a warning when they differ.

    A total that is 0 or blank (a formula never calculated, or no total) says nothing. The
    statutory breaks ledgerkit took off (``added_break`` minutes) are not the sheet's: its
    total is compared with the hours before them.
    """
    if "worked" not in cols:
        return
    stated = _safe(_duration_parser("worked", minute_fields), cell(cols["worked"]))
    if not stated:
        return
    got = sum(round(rec["hours"] * 60) for rec in records) + added_break
    if abs(stated - got) > 1:
        label = layout.labels.get(cols["worked"], "")
        log.note(r, "sheet_total_mismatch", column=label, value=_hm(stated), total=_hm(stated), sum=_hm(got),
                 field=label)


def _duration_parser(field: str, minute_fields: frozenset):
    """The parser of a duration column: a plain number is minutes in ``minute_fields``, hours otherwise."""
    return parse_duration_minutes if field in minute_fields else parse_duration


def _minute_fields(rows, layout, log: RowLog) -> frozenset:
    """The duration fields whose plain numbers are minutes: said by the header (休憩時間(分)), or by
    the figures themselves (:func:`minutes_by_values`: a warning names the column, as a guess)."""
    found, guessed = set(), {}
    columns = {f: layout.columns[f] for f in ("break", "worked", "overtime") if f in layout.columns}
    for field, col in columns.items():
        if minutes_header(layout.labels.get(col, "")):
            found.add(field)
    # by the figures: first on their own; then, once one column is minutes, the sheet's other
    # whole-number durations with it (残業時間 0, 30 beside 労働時間 480); each column read once
    values = {field: column_values(rows, col, layout.data_start) for field, col in columns.items() if field not in found}
    for in_minutes in (False, True):
        for field in values:
            if field in guessed or (in_minutes and not (guessed or found)):
                continue
            example = minutes_by_values(values[field], sheet_in_minutes=in_minutes)
            if example is not None:
                guessed[field] = example
    for field, example in guessed.items():
        label = layout.labels.get(columns[field], "")
        log.note(None, "attendance_minutes_by_values", severity="warning", column=label, field=label,
                 example=str(example).strip(), hm=_hm(parse_duration_minutes(example)))
    return frozenset(found | guessed.keys())


def _reject(log: RowLog, r: int, layout, col, value) -> None:
    """A cell that cannot be read as what its column holds: the row is rejected."""
    log.reject(r, "bad_cell", column=layout.labels.get(col, ""), value=_nfkc(value))
