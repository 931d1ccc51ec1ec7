"""The day rows of an attendance sheet, one at a time: what was worked, or why the row is rejected.

Days not worked (blank, ``0:00``, ``休``) are not data rows and are not counted. Worked
hours come from the worked column when there is one, otherwise end − start − break; when
both are present and differ by more than a minute the row is reported (``hours_disagree``)
and the worked column kept.
"""

from __future__ import annotations

import datetime as dt

from ledgerkit.attendance.cells import (
    _WEEKDAY_JA,
    _CellError,
    _hm,
    _is_off,
    _nfkc,
    _period_wrap,
    _safe,
    _split_span,
    parse_clock,
    parse_day,
    parse_duration,
    split_person,
)
from ledgerkit.core.issues import Issue
from ledgerkit.detect.cells import is_blank
from ledgerkit.parse.text import is_total_label, normalize_name


class _DayRows:
    """The rows under an attendance table's header, read into records (one per worked day)."""

    def __init__(self, rows, layout, file: str, name: str, issues: list[Issue], year, month, person: str,
                 person_id: str, month_from_dates: bool, max_minutes: int):
        self.rows, self.layout, self.file, self.name, self.issues = rows, layout, file, name, issues
        self.year, self.month, self.person, self.person_id = year, month, person, person_id
        self.month_from_dates, self.max_minutes = month_from_dates, max_minutes
        cols = self.cols = layout.columns
        self.records: list[dict] = []
        self.read = 0
        self.weekday_mismatches: list[tuple[int, str]] = []
        # a closing-day period (20日締め: 21 … 31, 1 … 20 under 11月度): the days before the
        # wrap are the month before; every day is settled with the sheet's month
        self.wrap = _period_wrap(rows, layout.data_start, cols["day"]) if year and month else None
        self.period = f"{year}-{month:02d}" if self.wrap is not None else None
        if self.wrap is not None:
            self.prev_year, self.prev_month = (year - 1, 12) if month == 1 else (year, month - 1)
        self.data_cols = [c for f, c in cols.items()
                          if f not in ("weekday", "cumulative", "separator", "ignore", "person", "person_id")] + layout.notes
        self.time_cols = [cols[f] for f in ("start", "end", "break", "worked", "overtime") if f in cols]
        self.last_row = layout.data_start

    def read_all(self) -> None:
        for r in range(self.layout.data_start, len(self.rows)):
            if not self.read_row(r):
                break

    def read_row(self, r: int) -> bool:
        """Read row ``r``; False at the total row, which ends the table."""
        row = self.rows[r]
        excel_row = r + 1
        cell = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        skip = self._not_data(r, cell)
        if skip is not None:
            return skip
        times = self._times(cell, excel_row)
        if times is None:
            return True
        start, end, worked, brk, overtime = times
        date = self._date(r, cell, excel_row)
        if date is None:
            return True
        minutes = self._minutes(excel_row, start, end, worked, brk)
        if minutes is None:
            return True
        start, end, computed, minutes = minutes
        self._record(r, cell, excel_row, date, start, end, brk, worked, computed, minutes, overtime)
        return True

    def _not_data(self, r: int, cell) -> bool | None:
        """True for a row that is no data (blank, repeated header, a day off), False at the
        total row, None for a data row."""
        layout, cols, data_cols, rows = self.layout, self.cols, self.data_cols, self.rows
        excel_row = r + 1
        if all(is_blank(cell(c)) for c in data_cols):
            return True
        day_value = cell(cols["day"])
        first_text = next((cell(c) for c in range(0, max(data_cols) + 1) if isinstance(cell(c), str) and cell(c).strip()), "")
        if is_total_label(day_value) or (is_blank(day_value) and is_total_label(first_text)):
            # a total row is not data (issue 2), the same as for hours: listed, not read or rejected
            self.issues.append(Issue("total_row", file=self.file, sheet=self.name, row=excel_row))
            _check_total(self.issues, self.file, self.name, excel_row, layout, cols, cell, self.records)
            self.last_row = r + 1
            return False
        # the header printed again every page: listed, not data
        if isinstance(day_value, str) and _nfkc(day_value) == _nfkc(rows[layout.header_row][cols["day"]]) \
                and any(c != cols["day"] and isinstance(cell(c), str) and c < len(rows[layout.header_row])
                        and _nfkc(cell(c)) == _nfkc(rows[layout.header_row][c]) for c in data_cols):
            self.issues.append(Issue("repeated_header", file=self.file, sheet=self.name, row=excel_row))
            return True
        # what the row holds; 休 / 有休 / 欠勤 / 0:00 / blank are days not worked
        texts = [_nfkc(cell(c)) for c in self.time_cols if isinstance(cell(c), str) and not is_blank(cell(c))]
        if texts and any(_is_off(t) for t in texts) and not _safe(parse_duration, cell(cols.get("worked"))):
            return True
        return None

    def _times(self, cell, excel_row: int):
        """(start, end, worked, break, overtime) in minutes; None when the row is done with
        (rejected, or no time worked)."""
        cols, layout = self.cols, self.layout
        values: dict[str, int | None] = {}
        bad = None
        # 9:00～18:00 in one cell (under 出社, or under a 勤務時間帯 header taken for worked time)
        span = next(((f, _split_span(cell(cols.get(f)))) for f in ("start", "worked")
                     if f in cols and _split_span(cell(cols.get(f)))), None)
        for f, parser in (("start", parse_clock), ("end", parse_clock), ("break", parse_duration),
                          ("worked", parse_duration), ("overtime", parse_duration)):
            if span and f in ("start", "end", span[0]):
                values[f] = span[1][0] if f == "start" else span[1][1] if f == "end" else None
                continue
            try:
                values[f] = parser(cell(cols.get(f)))
            except _CellError:
                bad = f
                break
        if bad:
            _reject(self.issues, self.file, self.name, excel_row, layout, cols[bad], cell(cols[bad]))
            self.read += 1
            return None
        start, end, worked = values["start"], values["end"], values["worked"]
        brk, overtime = values["break"], values["overtime"]
        s_raw, e_raw = cell(cols.get("start")), cell(cols.get("end"))
        if start is not None and end is not None and isinstance(s_raw, dt.datetime) and isinstance(e_raw, dt.datetime) \
                and s_raw.year > 1900 and e_raw.year > 1900:
            # 2026/10/3 9:00 → 2026/10/4 11:00: the dates count, not only the clock
            end = start + int((e_raw - s_raw).total_seconds() + 30) // 60
            if end < start:
                _reject(self.issues, self.file, self.name, excel_row, layout, cols["end"], e_raw)
                self.read += 1
                return None
        if not worked and (start is None and end is None or start == end):
            return None
        if worked is None and (start is None) != (end is None):
            missing = "end" if end is None else "start"
            label = layout.labels.get(cols.get(missing, cols["start"]), missing)
            self.read += 1
            self.issues.append(Issue("missing_value", file=self.file, sheet=self.name, row=excel_row, column=label,
                                     severity="error", rejected=True, params={"field": label}))
            return None
        return start, end, worked, brk, overtime

    def _date(self, r: int, cell, excel_row: int):
        """The row's date; None when the row is rejected."""
        cols, layout, year, month = self.cols, self.layout, self.year, self.month
        file, name, issues = self.file, self.name, self.issues
        day_value = cell(cols["day"])
        row_year, row_month = (self.prev_year, self.prev_month) if self.wrap is not None and r < self.wrap else (year, month)
        try:
            date, weekday = parse_day(day_value, row_year, row_month)
        except _CellError as e:
            self.read += 1
            code = "date_outside_month" if str(e) == "outside" else ("no_month" if str(e) == "no month" else "bad_cell")
            label = layout.labels.get(cols["day"], "日付")
            params = {"field": label, "value": day_value}
            if code == "date_outside_month":
                params = {"value": _nfkc(day_value), "month": f"{year}-{month:02d}"}
            issues.append(Issue(code, file=file, sheet=name, row=excel_row, column=label, value=_nfkc(day_value),
                                severity="error", rejected=True, params=params))
            return None
        if date is None:
            self.read += 1
            label = layout.labels.get(cols["day"], "日付")
            issues.append(Issue("missing_value", file=file, sheet=name, row=excel_row, column=label,
                                severity="error", rejected=True, params={"field": label}))
            return None
        if "weekday" in cols and weekday is None:
            w = cell(cols["weekday"])
            if isinstance(w, str) and _nfkc(w).strip("()（）曜日 ") in _WEEKDAY_JA:
                weekday = _nfkc(w).strip("()（）曜日 ")
        if weekday and weekday != _WEEKDAY_JA[date.weekday()]:
            self.weekday_mismatches.append((excel_row, f"{_nfkc(day_value)}"))
        if year and month and not self.month_from_dates and (date.year, date.month) != (row_year, row_month):
            self.read += 1
            issues.append(Issue("date_outside_month", file=file, sheet=name, row=excel_row,
                                column=layout.labels.get(cols["day"], ""), value=date.isoformat(), severity="error",
                                rejected=True, params={"value": date.isoformat(), "month": f"{year}-{month:02d}"}))
            return None
        return date

    def _minutes(self, excel_row: int, start, end, worked, brk):
        """(start, end, computed minutes, minutes worked); None when the row is rejected."""
        cols, layout, file, name, issues = self.cols, self.layout, self.file, self.name, self.issues
        if end is not None and start is not None and end < start:
            end += 24 * 60  # a shift past midnight
        computed = None
        if start is not None and end is not None:
            computed = end - start - (brk or 0)
            if computed < 0:
                self.read += 1
                issues.append(Issue("attendance_break_too_long", file=file, sheet=name, row=excel_row,
                                    column=layout.labels.get(cols.get("break", cols["day"]), ""), value=_hm(brk),
                                    severity="error", rejected=True,
                                    params={"start": _hm(start), "end": _hm(end), "break": _hm(brk)}))
                return None
        minutes = worked if worked is not None else computed
        if minutes > self.max_minutes:
            self.read += 1
            label = layout.labels.get(cols.get("worked", cols.get("end")), "")
            issues.append(Issue("attendance_day_too_long", file=file, sheet=name, row=excel_row, column=label,
                                value=_hm(minutes), severity="error", rejected=True,
                                params={"hours": _hm(minutes), "max": _hm(self.max_minutes)}))
            return None
        return start, end, computed, minutes

    def _record(self, r: int, cell, excel_row: int, date, start, end, brk, worked, computed, minutes, overtime) -> None:
        """The worked day as a record, or the row rejected for want of a person."""
        cols, layout, file, name, issues = self.cols, self.layout, self.file, self.name, self.issues
        if worked is not None and computed is not None and abs(worked - computed) > 1:
            issues.append(Issue("hours_disagree", file=file, sheet=name, row=excel_row,
                                column=layout.labels.get(cols["worked"], ""), value=_hm(worked), severity="warning",
                                params={"worked": _hm(worked), "computed": _hm(computed)}))
        note = " / ".join(_nfkc(cell(c)) for c in layout.notes if not is_blank(cell(c)))
        row_person, row_pid = self.person, self.person_id
        if "person" in cols and not is_blank(cell(cols["person"])):
            found_name, found_id = split_person(str(cell(cols["person"])))
            row_person, row_pid = normalize_name(found_name), found_id or self.person_id
        if "person_id" in cols and not is_blank(cell(cols["person_id"])):
            v = cell(cols["person_id"])
            row_pid = _nfkc(int(v) if isinstance(v, float) and v.is_integer() else v)
        if not row_person:
            self.read += 1
            label = layout.labels.get(cols["person"], "氏名")
            issues.append(Issue("missing_value", file=file, sheet=name, row=excel_row, column=label,
                                severity="error", rejected=True, params={"field": label}))
            return
        self.read += 1
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
            "source_file": file,
            "source_sheet": name,
            "source_row": excel_row,
            **({"period": self.period} if self.period else {}),
        })
        self.last_row = r + 1


def _check_total(issues, file, sheet, excel_row, layout, cols, cell, records) -> None:
    """The sheet's own 合計 of worked hours against the days read: a warning when they differ.

    A total that is 0 or blank (a formula never calculated, or no total) says nothing.
    """
    if "worked" not in cols:
        return
    stated = _safe(parse_duration, cell(cols["worked"]))
    if not stated:
        return
    got = sum(round(rec["hours"] * 60) for rec in records)
    if abs(stated - got) > 1:
        label = layout.labels.get(cols["worked"], "")
        issues.append(Issue("sheet_total_mismatch", file=file, sheet=sheet, row=excel_row, column=label,
                            value=_hm(stated), severity="warning",
                            params={"total": _hm(stated), "sum": _hm(got), "field": label}))


def _reject(issues, file, sheet, excel_row, layout, col, value) -> None:
    label = layout.labels.get(col, "")
    issues.append(Issue("bad_cell", file=file, sheet=sheet, row=excel_row, column=label, value=_nfkc(value),
                        severity="error", rejected=True, params={"field": label, "value": _nfkc(value)}))
