"""Attendance sheets (勤務表) in the layouts clients hand in, read with read_attendance_sheet."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.attendance.cells import parse_clock, parse_day, parse_duration, split_person
from ledgerkit.attendance.sheet import COLUMNS, read_attendance_sheet
from ledgerkit.attendance.workbooks import read_attendance
from ledgerkit.core.issues import count_rejected
from ledgerkit.intake.read import read_workbook

HERE = Path(__file__).parent
WEEKDAYS = "月火水木金土日"


def _book(path: Path, build) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    fmt = {
        "hm": wb.add_format({"num_format": "h:mm"}),
        "hhmm": wb.add_format({"num_format": "[h]:mm"}),
        "date": wb.add_format({"num_format": "m/d"}),
    }
    build(wb, fmt)
    wb.close()
    return path


def _read(path: Path, sheet: int = 0):
    book = read_workbook(path)
    return read_attendance_sheet(book.sheets[sheet], file=path.name)


def _check_balance(frame, issues, n):
    assert n == len(frame) + count_rejected(issues)


def _days(year: int, month: int):
    d = dt.date(year, month, 1)
    while d.month == month:
        yield d
        d += dt.timedelta(days=1)


# --- layout A: 2024年 | 11月 split, 氏名 with ID, 1(金) text, start ～ end over three cells,
#     time cells, a cumulative column past 24 h, a total row, a 祝日 helper sheet -------------


def _layout_a(wb, f):
    ws = wb.add_worksheet("勤務表")
    ws.write(0, 0, "作業報告書")
    ws.write(1, 0, "2024年")
    ws.write(1, 1, "11月")
    ws.write(1, 2, "稼働分")
    ws.write(2, 0, "氏名")
    ws.merge_range(2, 1, 2, 3, "山田　太郎 (123456789)")
    ws.write_row(4, 0, ["日付", "曜日", "出社", "～", "退社", "休憩", "勤務時間", "残業", "業務内容", "累計"])
    r = 5
    total = dt.timedelta()
    for d in _days(2024, 11):
        ws.write(r, 0, f"{d.day}({WEEKDAYS[d.weekday()]})")
        ws.write(r, 1, WEEKDAYS[d.weekday()])
        if d.weekday() < 5 and d.day != 4:  # 11/4 is a holiday (振替休日)
            ws.write_datetime(r, 2, dt.time(9, 0), f["hm"])
            ws.write(r, 3, "～")
            end = dt.time(20, 0) if d.day == 12 else dt.time(18, 0)
            ws.write_datetime(r, 4, end, f["hm"])
            ws.write_datetime(r, 5, dt.time(1, 0), f["hm"])
            worked = dt.timedelta(hours=10 if d.day == 12 else 8)
            ws.write_number(r, 6, worked / dt.timedelta(days=1), f["hhmm"])
            if d.day == 12:
                ws.write_datetime(r, 7, dt.time(2, 0), f["hm"])
            ws.write(r, 8, "基本設計")
            total += worked
        ws.write_number(r, 9, total / dt.timedelta(days=1), f["hhmm"])
        r += 1
    ws.write(r, 0, "合計")
    ws.write_number(r, 6, total / dt.timedelta(days=1), f["hhmm"])
    ws.write(r + 2, 0, "出勤日数")
    ws.write(r + 2, 1, 20)
    hol = wb.add_worksheet("祝日")
    hol.write_row(0, 0, ["日付", "祝日名"])
    hol.write_datetime(1, 0, dt.datetime(2024, 11, 3), f["date"])
    hol.write(1, 1, "文化の日")
    hol.write_datetime(2, 0, dt.datetime(2024, 11, 4), f["date"])
    hol.write(2, 1, "振替休日")


def test_layout_a_split_year_month_id_and_three_cell_span(tmp_path):
    path = _book(tmp_path / "a.xlsx", _layout_a)
    frame, issues, n = _read(path)
    assert list(frame.columns) == COLUMNS
    assert set(frame["person"]) == {"山田太郎"}
    assert set(frame["person_id"]) == {"123456789"}
    assert len(frame) == 20  # 21 weekdays, one a holiday
    assert frame["date"].min() == dt.date(2024, 11, 1)
    assert frame["hours"].sum() == 162.0
    row12 = frame[frame["date"] == dt.date(2024, 11, 12)].iloc[0]
    assert (row12["start"], row12["end"], row12["break_hours"], row12["hours"], row12["overtime_hours"]) == (
        "09:00", "20:00", 1.0, 10.0, 2.0,
    )
    assert row12["note"] == "基本設計"
    assert row12["source_row"] == 5 + 12  # Excel row of day 12
    # the 合計 row ends the table; 出勤日数 below it is the sheet's own summary (issue 13 §2.4:
    # was "extra_table"): checked against the 20 days read, listed, not read
    codes = [i.code for i in issues]
    assert codes == ["total_row", "attendance_footer"]
    total = issues[0]
    # not data (issue 2): listed as info, not counted as read or rejected — the same as hours
    assert (total.row, total.rejected, total.severity) == (36, False, "info")
    footer = issues[1]
    assert footer.severity == "info"
    assert footer.message("en") == "row 38: the sheet's own summary and stamp boxes (出勤日数), not data (checked against the rows: 出勤日数)"
    assert footer.message("ja") == "38行 はシートの集計欄・押印欄 (出勤日数) のためデータではありません (行と照合: 出勤日数)"
    _check_balance(frame, issues, n)


def test_holiday_sheet_is_a_helper_not_data(tmp_path):
    path = _book(tmp_path / "a.xlsx", _layout_a)
    frame, issues, n = _read(path, sheet=1)
    assert frame is None and n == 0
    assert [(i.code, i.severity, i.scope) for i in issues] == [("helper_sheet", "info", "sheet")]


# --- layout B: a 年/月 input area with numbers below, day numbers with a 曜日 column,
#     a two-row header (勤務時間 over 開始 | 終了), decimal hours, a midnight shift,
#     a worked figure that disagrees with the times ----------------------------------------


def _layout_b(wb, f):
    ws = wb.add_worksheet("Sheet1")
    ws.merge_range(0, 0, 0, 6, "勤 怠 表")
    ws.write_row(1, 0, ["年", "月", "", "スタッフ名", ""])
    ws.write_row(2, 0, [2026, 4, "", "佐藤 花子", ""])
    ws.merge_range(4, 0, 5, 0, "日")
    ws.merge_range(4, 1, 5, 1, "曜日")
    ws.merge_range(4, 2, 4, 3, "勤務時間")
    ws.write(5, 2, "開始")
    ws.write(5, 3, "終了")
    ws.merge_range(4, 4, 5, 4, "休憩")
    ws.merge_range(4, 5, 5, 5, "実働")
    ws.merge_range(4, 6, 5, 6, "コメント")
    data = {
        1: ("9:00", "18:00", 1, 8, ""),
        2: ("9:00", "18:00", 1, 7.5, "定例"),  # disagrees: times give 8:00
        3: ("22:00", "7:00", 1, 8, "夜間リリース"),  # past midnight
        6: ("9:30", "18:00", 0.5, "", "worked left blank"),
        7: ("", "", "", 0, ""),  # 0 hours: not worked
    }
    for i, d in enumerate(_days(2026, 4)):
        r = 6 + i
        ws.write_number(r, 0, d.day)
        ws.write(r, 1, WEEKDAYS[d.weekday()])
        if d.day in data:
            start, end, brk, worked, note = data[d.day]
            ws.write(r, 2, start)
            ws.write(r, 3, end)
            ws.write(r, 4, brk)
            ws.write(r, 5, worked)
            ws.write(r, 6, note)


def test_layout_b_input_area_two_row_header_midnight_and_disagreement(tmp_path):
    path = _book(tmp_path / "b.xlsx", _layout_b)
    frame, issues, n = _read(path)
    assert list(frame["date"]) == [dt.date(2026, 4, d) for d in (1, 2, 3, 6)]
    assert set(frame["person"]) == {"佐藤花子"}
    assert list(frame["hours"]) == [8.0, 7.5, 8.0, 8.0]
    night = frame.iloc[2]
    assert (night["start"], night["end"]) == ("22:00", "31:00")
    assert [(i.code, i.row, i.severity) for i in issues] == [("hours_disagree", 8, "warning")]
    assert issues[0].params == {"worked": "07:30", "computed": "08:00"}
    assert issues[0].message("en") == "worked hours 07:30 disagree with end − start − break = 08:00 (using 07:30)"
    assert not issues[0].rejected
    _check_balance(frame, issues, n)


# --- layout C: real dates down the rows, no worked column, h:mm text, 休 and 0:00 rows,
#     氏名 and value in one cell, a bad cell ----------------------------------------------


def _layout_c(wb, f):
    ws = wb.add_worksheet("2026.10")
    ws.write(0, 0, "稼働報告書")
    ws.write(1, 0, "氏名：鈴木 一郎")
    ws.write_row(3, 0, ["日付", "始業", "終業", "休憩時間", "作業内容"])
    rows = [
        (dt.datetime(2026, 10, 1), "9:00", "17:30", "0:45", "テスト"),
        (dt.datetime(2026, 10, 2), "休", "", "", "有休"),
        (dt.datetime(2026, 10, 5), "0:00", "0:00", "", ""),
        (dt.datetime(2026, 10, 6), "9:00", "abc", "1:00", ""),
        (dt.datetime(2026, 10, 7), "10:00", "19:00", "1:00", "レビュー"),
        (dt.datetime(2026, 10, 8), "10:00", "", "1:00", ""),
        (dt.datetime(2026, 11, 1), "10:00", "19:00", "1:00", ""),
    ]
    for i, (d, s, e, b, note) in enumerate(rows):
        ws.write_datetime(4 + i, 0, d, f["date"])
        ws.write(4 + i, 1, s)
        ws.write(4 + i, 2, e)
        ws.write(4 + i, 3, b)
        ws.write(4 + i, 4, note)


def test_layout_c_dates_computed_hours_off_days_and_rejects(tmp_path):
    path = _book(tmp_path / "c.xlsx", _layout_c)
    frame, issues, n = _read(path)
    assert list(frame["date"]) == [dt.date(2026, 10, 1), dt.date(2026, 10, 7)]
    assert list(frame["hours"]) == [7.75, 8.0]
    assert set(frame["person"]) == {"鈴木一郎"}
    got = [(i.code, i.row, i.column, i.rejected) for i in issues]
    assert got == [
        ("bad_cell", 8, "終業", True),
        ("missing_value", 10, "終業", True),
        ("date_outside_month", 11, "日付", True),
    ]
    assert issues[0].message("en") == "cannot read 終業: 'abc'"
    _check_balance(frame, issues, n)
    assert n == 5


def _layout_wareki(wb, f):
    ws = wb.add_worksheet("R8.10")
    ws.write(0, 0, "勤怠表")
    ws.write(0, 2, "スタッフ名")
    ws.write(0, 3, "鈴木 一郎")
    ws.write_row(2, 0, ["年月日", "出社", "退社", "休憩", "実働時間"])
    ws.write_row(3, 0, ["R8.10.1", "9:00", "18:00", "1:00", 8])
    ws.write_row(4, 0, ["令和8年10月2日(金)", "9:00", "19:00", "1:00", 9])
    ws.write_row(5, 0, ["R08.10.05", "9:00", "13:00", "0:00", 4])
    ws.write_row(6, 0, ["令和8年11月1日", "9:00", "18:00", "1:00", 8])
    ws.write_row(7, 0, ["合計", "", "", "", 21])


def test_days_written_as_whole_wareki_dates(tmp_path):
    # a day column of R8.10.1 / 令和8年10月2日(金): the days are read, not refused as unreadable
    path = _book(tmp_path / "勤怠表_鈴木一郎.xlsx", _layout_wareki)
    frame, issues, n = _read(path)
    assert list(frame["date"]) == [dt.date(2026, 10, 1), dt.date(2026, 10, 2), dt.date(2026, 10, 5)]
    assert list(frame["hours"]) == [8.0, 9.0, 4.0]
    assert [(i.code, i.row, i.rejected) for i in issues if i.code != "total_row"] == [
        ("date_outside_month", 7, True)]
    _check_balance(frame, issues, n)


@given(st.dates(dt.date(2019, 5, 1), dt.date(2060, 12, 31)), st.sampled_from(["R{y}.{m}.{d}", "令和{y}年{m}月{d}日", "R{y:02d}.{m:02d}.{d:02d}"]),
       st.booleans())
@settings(max_examples=200)
def test_parse_day_reads_wareki_dates_with_or_without_the_weekday(day, pattern, weekday):
    text = pattern.format(y=day.year - 2018, m=day.month, d=day.day)
    if text.startswith("令和1年"):
        text = text.replace("令和1年", "令和元年")
    mark = WEEKDAYS[day.weekday()]
    if weekday:
        text += f"({mark})"
    assert parse_day(text, None, None) == (day, mark if weekday else None)


# --- layout D: year and month only in the file name, the person only in the sheet name,
#     勤務時間 merged over three cells holding 9:00 | ～ | 18:00 -------------------------------


def _layout_d(wb, f):
    ws = wb.add_worksheet("田中 次郎")
    ws.write(0, 0, "作業実績表")
    ws.write(2, 0, "日付")
    ws.merge_range(2, 1, 2, 3, "勤務時間")
    ws.write(2, 4, "休憩")
    ws.write(2, 5, "備考")
    for i, (day, s, e) in enumerate([("1日", 9, 18), ("2日", 8.5, 17.5), ("3日", None, None)]):
        ws.write(3 + i, 0, day)
        if s is not None:
            ws.write_datetime(3 + i, 1, dt.time(int(s), int(s % 1 * 60)), f["hm"])
            ws.write(3 + i, 2, "～")
            ws.write_datetime(3 + i, 3, dt.time(int(e), int(e % 1 * 60)), f["hm"])
            ws.write_number(3 + i, 4, 1)


def test_layout_d_month_from_file_name_and_person_from_sheet_name(tmp_path):
    path = _book(tmp_path / "勤務表_202603.xlsx", _layout_d)
    frame, issues, n = _read(path)
    assert issues == []
    assert list(frame["date"]) == [dt.date(2026, 3, 1), dt.date(2026, 3, 2)]
    assert list(frame["person"]) == ["田中次郎", "田中次郎"]
    assert list(frame["start"]) == ["09:00", "08:30"]
    assert list(frame["hours"]) == [8.0, 8.0]
    assert n == 2


def test_no_person_is_an_error(tmp_path):
    def build(wb, f):
        ws = wb.add_worksheet("Sheet1")
        ws.write(0, 0, "2026年4月")
        ws.write_row(1, 0, ["日付", "出勤", "退勤"])
        ws.write_row(2, 0, [1, "9:00", "18:00"])

    frame, issues, n = _read(_book(tmp_path / "x.xlsx", build))
    assert len(frame) == 0 and n == 0
    # issue 13 §2.2: the one error names both ways (was no_person, which named a 氏名 cell or the sheet name)
    assert [(i.code, i.severity) for i in issues] == [("attendance_no_person", "error")]
    assert "--person" in issues[0].message("en") and "file name" in issues[0].message("en")


def test_not_an_attendance_sheet_returns_none(tmp_path):
    def build(wb, f):
        ws = wb.add_worksheet("請求書一覧")
        ws.write_row(0, 0, ["請求書番号", "取引先", "金額"])
        ws.write_row(1, 0, ["A-1", "アルファ", 1000])

    frame, issues, n = _read(_book(tmp_path / "x.xlsx", build))
    assert frame is None
    assert [i.code for i in issues] == ["no_table"]


def test_weekday_mismatch_warns_about_the_month(tmp_path):
    def build(wb, f):
        ws = wb.add_worksheet("2026年4月")  # but the days are written for 2026-05 (1 = 金)
        ws.write(0, 0, "氏名")
        ws.write(0, 1, "山田太郎")
        ws.write_row(1, 0, ["日付", "出社", "退社"])
        ws.write_row(2, 0, ["1(金)", "9:00", "18:00"])
        ws.write_row(3, 0, ["7(木)", "9:00", "18:00"])

    frame, issues, n = _read(_book(tmp_path / "x.xlsx", build))
    assert len(frame) == 2
    # (and no 休憩 column: issue 13 §2.5's one warning for the sheet)
    assert [(i.code, i.row, i.params["count"]) for i in issues] == [("attendance_weekday_mismatch", 3, 2),
                                                                    ("attendance_no_break", None, 2)]


def test_read_attendance_over_files(tmp_path):
    _book(tmp_path / "a.xlsx", _layout_a)
    _book(tmp_path / "勤務表_202603.xlsx", _layout_d)
    frame, issues = read_attendance(tmp_path)
    assert sorted(set(frame["person"])) == ["山田太郎", "田中次郎"]
    assert "helper_sheet" in {i.code for i in issues}


# --- cell parsers -------------------------------------------------------------------------


@given(st.integers(0, 23), st.integers(0, 59), st.booleans())
@settings(max_examples=200)
def test_parse_clock_round_trips_text_and_time(h, m, fullwidth):
    text = f"{h}:{m:02d}"
    if fullwidth:
        text = text.translate(str.maketrans("0123456789:", "０１２３４５６７８９："))
    assert parse_clock(text) == parse_clock(dt.time(h, m)) == h * 60 + m


@given(st.integers(0, 200 * 60))
@settings(max_examples=200)
def test_parse_duration_agrees_across_forms(minutes):
    h, m = divmod(minutes, 60)
    assert parse_duration(f"{h}:{m:02d}") == minutes
    assert parse_duration(f"{h}時間{m}分") == minutes
    assert parse_duration(dt.timedelta(minutes=minutes)) == minutes
    assert parse_duration(minutes / 60) == minutes


@given(st.text(max_size=12))
@settings(max_examples=200)
def test_parsers_never_raise_anything_but_value_errors(text):
    for parser in (parse_clock, parse_duration):
        try:
            parser(text)
        except ValueError:
            pass


@pytest.mark.parametrize(
    "text, expected",
    [
        ("山田太郎 (123456789)", ("山田太郎", "123456789")),
        ("山田太郎（ID:A123）", ("山田太郎", "A123")),
        ("123456 山田太郎", ("山田太郎", "123456")),
        ("Taro Yamada", ("Taro Yamada", "")),
    ],
)
def test_split_person(text, expected):
    assert split_person(text) == expected


def _sheet(name, rows, merged=()):
    from types import SimpleNamespace

    return SimpleNamespace(name=name, visible="visible", rows=rows, merged=list(merged))


def test_labels_with_values_further_right_or_below_and_other_header_words():
    rows = [
        ["勤怠管理表", "", "", "", "", "", "", "", ""],
        ["対象年月", "2026年11月", "", "", "", "", "", "", ""],
        ["社員名", "", "小林 誠", "社員番号", 20220311, "", "", "", ""],
        ["日", "曜", "始業時刻", "終業時刻", "休憩", "労働時間", "時間外", "深夜", "作業内容"],
        ["11/2", "月", "9:00", "18:00", "1:00", "8:00", "0:00", "", "A"],
        ["11/3", "火", "", "", "", "", "", "", "祝日"],
        ["11/4", "水", "9:00", "23:30", "1:00", "13:30", "5:30", "1:30", "B"],
    ]
    frame, issues, n = read_attendance_sheet(_sheet("Sheet1", rows), file="k.xlsx")
    assert issues == [] and n == 2
    assert frame[["date", "person", "person_id", "hours", "overtime_hours", "note"]].values.tolist() == [
        [dt.date(2026, 11, 2), "小林誠", "20220311", 8.0, 0.0, "A"],
        [dt.date(2026, 11, 4), "小林誠", "20220311", 13.5, 5.5, "B"],
    ]


def test_no_month_anywhere_is_one_sheet_error():
    rows = [["氏名", "田中"], ["日付", "出社", "退社"], ["1", "9:00", "18:00"], ["2", "9:00", "18:00"]]
    frame, issues, n = read_attendance_sheet(_sheet("勤務表", rows), file="田中_勤務表.xlsx")
    assert len(frame) == 0 and n == 0
    assert [(i.code, i.scope, i.severity) for i in issues] == [("no_month", "sheet", "error")]


def test_through_aggregate_rows_balance(tmp_path):
    import ledgerkit

    _book(tmp_path / "a.xlsx", _layout_a)
    _book(tmp_path / "c.xlsx", _layout_c)
    result = ledgerkit.aggregate(tmp_path, kind="attendance", jobs=1)
    assert result.kind == "attendance"
    assert result.stats.balanced
    assert result.stats.rows_read == 20 + 5  # the 合計 row is not data, not a read row
    assert sorted(set(result.frame["person"])) == ["山田太郎", "鈴木一郎"]


@pytest.mark.parametrize("sheet_name, expected", [("1月", dt.date(2027, 1, 5)), ("10月", dt.date(2026, 10, 5))])
def test_fiscal_year_title_with_the_month_in_the_sheet_name(sheet_name, expected):
    rows = [["2026年度", "作業報告書"], ["氏名", "山田太郎"], ["日付", "出社", "退社"], [5, "9:00", "18:00"]]
    frame, issues, n = read_attendance_sheet(_sheet(sheet_name, rows), file="x.xlsx")
    assert [i.code for i in issues] == ["attendance_no_break"]  # no 休憩 column (issue 13 §2.5)
    assert frame["date"].tolist() == [expected]


@pytest.mark.parametrize(
    "header, row, merged",
    [
        (["日付", "出退勤", "", "休憩"], ["1", dt.time(9), dt.time(18), dt.time(1)], [(1, 1, 1, 2)]),
        (["日付", "始業～終業", "", "", "休憩"], ["1", dt.time(9), "～", dt.time(18), dt.time(1)], [(1, 1, 1, 3)]),
        (["日付", "勤務時間帯", "休憩"], ["1", "9:00～18:00", "1:00"], []),
        (["日付", "出勤～退勤", "休憩"], ["1", "９：００〜１８：００", "1:00"], []),
    ],
)
def test_start_and_end_in_merged_or_single_cells(header, row, merged):
    rows = [["氏名", "山田太郎"], header, row]
    frame, issues, n = read_attendance_sheet(_sheet("2026年5月", rows, merged), file="x.xlsx")
    assert issues == []
    assert frame[["start", "end", "break_hours", "hours"]].values.tolist() == [["09:00", "18:00", 1.0, 8.0]]


def test_attendance_report_has_a_summary_by_person_and_month_titled_with_the_month(tmp_path):
    import openpyxl
    from typer.testing import CliRunner

    import ledgerkit
    from ledgerkit.cli.app import app

    path = _book(tmp_path / "勤務表_山田.xlsx", _layout_a)
    out = tmp_path / "out" / "勤怠.xlsx"
    done = CliRunner().invoke(app, ["aggregate", str(path), "--kind", "attendance", "-o", str(out)])
    assert done.exit_code == 0, done.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["集計", "明細", "問題一覧"]
    summary = [[c.value for c in r] for r in wb["集計"].iter_rows(max_row=5)]
    # rows by day have no month: the month comes from their dates, in the title and across
    assert summary[0][0] == "勤務時間集計 2024年11月 (ファイル 1 件)"
    assert summary[2] == ["氏名", "2024年11月"] and summary[3] == ["山田太郎", 162]
    assert summary[4] == ["合計", "=SUM(B4:B4)"]
    assert wb["集計"].print_title_rows == "$3:$3" and wb["集計"].page_setup.paperSize == 9
    assert wb["明細"].oddHeader.left.text == "勤怠明細 2024年11月 (ファイル 1 件)"
    # from Python the same report: the kind's summary fields unless others are named
    again = tmp_path / "again.xlsx"
    ledgerkit.aggregate([path], kind="attendance").write(again)
    assert openpyxl.load_workbook(again).sheetnames == ["集計", "明細", "問題一覧"]
