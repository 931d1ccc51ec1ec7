"""Attendance sheets (勤務表 / 作業報告書 / 勤怠表) → one row per worked day.

One sheet holds one person's month, days down the rows::

    作業報告書
    2024年 | 11月 | 稼働分                ← or a 年 / 月 input area, the sheet name, the file name
    氏名   | 山田太郎 (123456789)        ← the person, with an optional ID
    日付 | 曜日 | 出社 | ～ | 退社 | 休憩 | 勤務時間 | 残業 | 業務内容 | 累計
    1(金)|      | 9:00 | ～ | 18:00| 1:00 | 8:00     |      | 設計     | 8:00
    ...
    合計 |      |      |    |      |      | 160:00

:func:`read_attendance_sheet` finds that layout (:mod:`ledgerkit.attendance.layout`), whose
sheet and which month it is, and reads the day rows (:mod:`ledgerkit.attendance.days`) into
the canonical frame (:data:`COLUMNS`), the issues, and the number of data rows read, so that
rows read = rows in the frame + rows rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePath

from ledgerkit.attendance.cells import _CellError, _full_date, parse_day, split_person
from ledgerkit.attendance.breaks import break_mode
from ledgerkit.attendance.continued import rows_merged_down
from ledgerkit.attendance.days import _DayRows
from ledgerkit.attendance.layout import detect_attendance, header_words
from ledgerkit.attendance.people import find_person
from ledgerkit.attendance.periods import (
    _created_date,
    _year_month_in_cells,
    closing_day_in,
    closing_period,
    year_month_in,
)
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.definitions import detect_definition
from ledgerkit.detect.file_names import person_in_file_name
from ledgerkit.detect.found_in import shown_with_source
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.walk import RowLog
from ledgerkit.parse.names import looks_like_name
from ledgerkit.parse.text import normalize_name

#: the canonical columns of an attendance frame, in order
ATTENDANCE_COLUMNS = COLUMNS = [
    "date",
    "person",
    "person_id",
    "start",
    "end",
    "break_hours",
    "hours",
    "overtime_hours",
    "note",
    "source_file",
    "source_sheet",
    "source_row",
]

KIND_LABEL = "勤務表"

_HELPER_SHEET = re.compile(r"祝日|休日|祭日|holiday|カレンダー|calendar|設定|マスタ|master|記入例|入力例", re.I)
_GENERIC_SHEET = re.compile(r"^(sheet\d*|シート\d*|勤務表|勤怠表|作業報告書|稼働報告書|作業実績|報告書|原本|template|テンプレート)$", re.I)


def _config_get(config, key: str, default):
    if config is None:
        return default
    return config.get(key, default)


def _empty_frame():
    import pandas as pd

    return pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS}).astype(
        {"break_hours": "float64", "hours": "float64", "overtime_hours": "float64", "source_row": "int64"}
    )


def read_attendance_sheet(sheet, *, file: str, config=None):
    """Read one attendance sheet into the canonical frame.

    Returns ``(frame, issues, rows_read)`` where ``frame`` has :data:`COLUMNS` and
    rows read = len(frame) + rows rejected (days not worked are not data rows).
    ``frame`` is None when the sheet holds no attendance table (a holiday list, a
    cover sheet); the issues then say why.

    Examples:
        >>> from types import SimpleNamespace as S
        >>> sheet = S(name="2026年4月", visible="visible", merged=[], rows=[
        ...     ["作業報告書", "", "", "", ""],
        ...     ["氏名", "山田太郎 (1234)", "", "", ""],
        ...     ["日付", "出社", "退社", "休憩", "業務内容"],
        ...     ["1(水)", "9:00", "18:00", "1:00", "設計"],
        ...     ["2(木)", "", "", "", ""],
        ...     ["3(金)", "22:00", "6:00", 1.0, "夜間切替"]])
        >>> frame, issues, n = read_attendance_sheet(sheet, file="a.xlsx")
        >>> frame[["date", "person", "start", "end", "hours"]].values.tolist()
        [[datetime.date(2026, 4, 1), '山田太郎', '09:00', '18:00', 8.0], [datetime.date(2026, 4, 3), '山田太郎', '22:00', '30:00', 7.0]]
        >>> issues, n
        ([], 2)
    """
    name = sheet.name
    log = RowLog(file, name)
    issues = log.issues
    definition = detect_definition(sheet.rows)
    if definition is not None:
        # a database design document (型 | DATE | TIME …) is no 勤務表, whatever its headers say
        words = definition.words()
        log.note(None, "not_attendance_table", severity="info",
                 reason={"ja": f"データベースの定義書です ({words})", "en": f"a database definition ({words})"})
        return SheetResult(issues=issues, note="definition")
    layout = detect_attendance(sheet, words=header_words(config))
    if layout is None:
        _no_table(log, sheet)
        # None, not an empty frame: this sheet is not an attendance sheet at all
        return None, issues, 0

    rows = fill_merged(sheet.rows, sheet.merged or [])
    cols = layout.columns
    max_minutes = int(float(_config_get(config, "hours.max_hours_per_day", 24.0)) * 60)

    # whose sheet, and which month
    person, person_id, person_from = _whose_sheet(rows, layout, name, file, config, log)
    fiscal_start = int(_config_get(config, "fiscal_year.start_month", 4))
    year, month, dates_in_cells, month_from_dates, month_from = _sheet_month(rows, layout, name, file, fiscal_start, log)
    if not person and "person" not in cols:
        log.note(None, "attendance_no_person", severity="error")
        return _empty_frame(), issues, 0
    if not (year and month) and not dates_in_cells:
        log.note(None, "no_month", severity="error")
        return _empty_frame(), issues, 0
    person = normalize_name(person) if person else ""

    days = _DayRows(rows, layout, log, year, month, person, person_id, month_from_dates, max_minutes,
                    break_mode(config), merged_down=frozenset(rows_merged_down(sheet.merged or [], cols["day"])))
    days.read_all()
    # where the person and the month were found, in the run's language (detect.found_in)
    lang = getattr(config, "lang", None) or "ja"
    found = {"person": shown_with_source(person, person_from, lang) if person_from else "",
             "month": shown_with_source(f"{year}-{month:02d}", month_from, lang) if month_from and year and month
             else ""}
    return _sheet_result(days, rows, {k: v for k, v in found.items() if v})


def _whose_sheet(rows, layout, name: str, file: str, config, log: RowLog) -> tuple[str, str, str]:
    """(person, ID, where the person came from) of a one-person sheet.

    In this order: a 氏名 cell above the table (a value that does not look like a name —
    a time, the month total, a label — is never taken, and is listed); the sheet name (not
    ``Sheet1``, not a month); the file name (:func:`ledgerkit.detect.file_names.person_in_file_name`);
    ``--person`` / ``[read] person``. A table with a 氏名 column takes each row's own.
    """
    cols = layout.columns
    found = find_person(rows, layout.header_row)
    if found.not_a_name:
        value, where = found.not_a_name
        log.note(None, "attendance_not_a_name", severity="info", value=value, found=value, cell=where)
    if found.name:
        return found.name, found.person_id, found.where
    if "person" in cols:
        return "", found.person_id, ""
    if not _GENERIC_SHEET.match(name.strip()) and year_month_in(name) == (None, None):
        from_sheet, sheet_id = split_person(name)
        if looks_like_name(from_sheet):
            return from_sheet, found.person_id or sheet_id, "sheet name"
    from_file = person_in_file_name(file)
    if from_file:
        log.note(None, "attendance_person_from_file", severity="info", person=from_file)
        return from_file, found.person_id, "file name"
    given = normalize_name(_config_get(config, "read.person", "") or "")
    if given:
        log.note(None, "attendance_person_from_option", severity="info", person=given)
        return given, found.person_id, "--person"
    return "", found.person_id, ""


def _no_table(log: RowLog, sheet) -> None:
    """Why a sheet holds no attendance table: a helper sheet, an empty one, or no such columns."""
    name = sheet.name
    if getattr(sheet, "named", True) and _HELPER_SHEET.search(name):
        log.note(None, "helper_sheet", severity="info", what=name)
    elif not any(not is_empty(v) for row in sheet.rows for v in row):
        log.note(None, "empty_sheet", severity="info")
    else:
        log.note(None, "no_table", severity="info", kind={"ja": KIND_LABEL, "en": "attendance"},
                     fields={"ja": "日付, 出社/退社 または 勤務時間", "en": "日付, 出社/退社 or 勤務時間"})


def _sheet_month(rows, layout, name: str, file: str, fiscal_start: int, log: RowLog):
    """(year, month, the dates written in the day column, whether each row's date gives its own
    month, where the month came from).

    From the cells above the header (a title, number cells shown as 2024年 4月, a date cell
    shown as 2024年4月: :func:`~ledgerkit.attendance.periods._year_month_in_cells`), then the
    sheet name, then the file name; else the month most of the dates in the day column fall
    in; else the date the sheet was made (listed, as a guess: it is often the month before).
    """
    cols = layout.columns
    year, month, where = _year_month_in_cells(rows, layout.header_row, fiscal_start)
    source_of = where if year and month else ""
    for source, label in ((name, "sheet name"), (PurePath(file).name, "file name")):
        if year and month:
            break
        y, mo = year_month_in(source, fiscal_start)
        year, month = year or y, month or mo
        source_of = label if year and month else source_of
    if year is not None and year < 0:
        # 2026年度 with 1月: months before the fiscal start belong to the next calendar year
        year = -year + (1 if month is not None and month < fiscal_start else 0)
    dates_in_cells = [
        v.date() if isinstance(v, dt.datetime) else v
        for row in rows[layout.data_start :]
        for v in row[cols["day"] : cols["day"] + 1]
        if isinstance(v, dt.date)
    ] or [d for d in map(_full_date, (row[cols["day"]] for row in rows[layout.data_start :] if cols["day"] < len(row))) if d]
    # a system's export (a 氏名 column, full dates) may span months: each row has its own
    month_from_dates = not (year and month) and "person" in cols
    if dates_in_cells:
        counts: dict[tuple[int, int], int] = {}
        for d in dates_in_cells:
            counts[(d.year, d.month)] = counts.get((d.year, d.month), 0) + 1
        y, mo = max(counts, key=counts.get)
        if not (year and month):
            year, month, source_of = y, mo, "date column"
    if not (year and month):
        created = _created_date(rows, layout.header_row)
        if created:
            year, month = year or created.year, month or created.month
            source_of = "created"
            log.note(None, "attendance_month_from_created", month=f"{year}-{month:02d}")
    return year, month, dates_in_cells, month_from_dates, source_of


def _closing_bounds(days: _DayRows, rows) -> tuple[dt.date, dt.date]:
    """The first and last day of a closing-day sheet's period, by its closing rule: ``20日締め`` in
    the title, the sheet or the file name, else the first day the day column lists (21 … 20:
    closed on the 20th); the days worked say nothing of where the period starts."""
    texts = [v for row in rows[: days.layout.header_row] for v in row if isinstance(v, str)]
    closing = next((d for d in map(closing_day_in, [*texts, days.name, PurePath(days.file).name]) if d), None)
    if closing is None:
        day_col = days.cols["day"]
        for row in rows[days.layout.data_start : days.wrap]:
            try:
                first = parse_day(row[day_col] if day_col < len(row) else "", days.prev_year, days.prev_month)[0]
            except _CellError:
                continue
            if first is not None:
                closing = first.day - 1
                break
    if not closing:
        return days.records[0]["date"], days.records[-1]["date"]
    return closing_period(days.year, days.month, closing)


def _sheet_result(days: _DayRows, rows, found: dict[str, str]) -> SheetResult:
    """The frame of the days read, with what the sheet says about them as a whole."""
    import pandas as pd

    log, layout = days.log, days.layout
    issues, file, name = log.issues, log.file, log.sheet
    year, month, records, period = days.year, days.month, days.records, days.period
    if days.weekday_mismatches:
        row0, text = days.weekday_mismatches[0]
        issues.append(Issue("attendance_weekday_mismatch", file=file, sheet=name, row=row0, value=text,
                            severity="warning", scope="sheet",
                            params={"value": text, "month": f"{year}-{month:02d}", "count": len(days.weekday_mismatches)}))
    if days.spans_without_break:
        # no 休憩 column: never silent about what was (not) taken off the span
        if days.break_mode == "statutory":
            log.note(None, "attendance_statutory_break", severity="info", count=days.spans_without_break)
        else:
            log.note(None, "attendance_no_break", count=days.spans_without_break)
    if days.long_spans_blank_break and not days.breaks_written:
        label = layout.labels.get(layout.columns["break"], "休憩")
        log.note(None, "attendance_break_blank", column=label, field=label, count=days.long_spans_blank_break)
    if period and records:
        start, end = _closing_bounds(days, rows)
        log.note(None, "attendance_closing_period", severity="info", start=start.isoformat(), end=end.isoformat(),
                 month=period)
    columns = COLUMNS + (["period"] if period else [])
    frame = pd.DataFrame.from_records(records, columns=columns) if records else _empty_frame()
    if records:
        frame = frame.astype({"break_hours": "float64", "hours": "float64", "overtime_hours": "float64",
                              "source_row": "int64"})
    # a SheetResult unpacks as (frame, issues, rows read), and tells inspect what was found where
    mapping = {f: layout.labels.get(c, column_letter(c)) for f, c in layout.columns.items()}
    if "person" not in mapping and "person" in found:
        mapping["person"] = found["person"]
    if "month" in found:
        mapping["month"] = found["month"]
    if days.spans_without_break:
        mapping["break"] = ("列なし: 労基法34条の休憩を差し引き (default_break = statutory)" if days.break_mode == "statutory"
                            else "列なし: 差し引かない (default_break = none)")
    return SheetResult(frame, issues, days.read, layout="days down", header_row=layout.header_row + 1, mapping=mapping)
