"""Attendance workbooks nobody on the team had seen, read as a person would.

Each test builds a realistic 勤務表 the way clients hand them in and pins what came
out wrong or unclear before it was fixed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

import ledgerkit

WEEKDAYS = "月火水木金土日"


def kimura(path: Path) -> float:
    """勤務表 with text times, a night shift, 休/有給 days, a [h]:mm 合計 row and, beside
    the data on the header row itself, a small 残業集計 table (区分 | 時間)."""
    wb = xlsxwriter.Workbook(str(path))
    hh = wb.add_format({"num_format": "[h]:mm"})
    ws = wb.add_worksheet("勤務表")
    ws.write(0, 0, "勤務表")
    ws.write(0, 3, "2026年10月分")
    ws.write(1, 0, "氏名")
    ws.write(1, 1, "木村 拓也")
    ws.write(2, 0, "派遣元")
    ws.write(2, 1, "株式会社デルタ")
    ws.write_row(4, 0, ["日", "曜日", "出勤", "退勤", "休憩", "実働", "備考"])
    ws.write_row(4, 8, ["区分", "時間"])
    ws.write_row(5, 8, ["法定内残業", "2:00"])
    ws.write_row(6, 8, ["法定外残業", "5:30"])
    ws.write_row(7, 8, ["深夜", "7:00"])
    minutes = 0
    r = 5
    for d in range(1, 32):
        day = dt.date(2026, 10, d)
        row = [d, WEEKDAYS[day.weekday()]]
        if day.weekday() >= 5:
            row += ["", "", "", "", ""]
        elif d == 7:
            row += ["休", "", "", "", "有給"]
        elif d == 8:
            row += ["有給", "", "", "", ""]
        elif d == 15:
            row += ["22:00", "6:00", "1:00", "7:00", "夜間切替作業"]
            minutes += 7 * 60
        elif d == 16:
            row += ["9:00", "18:30", "1:00", "8:30", ""]
            minutes += 510
        else:
            row += ["9:00", "18:00", "1:00", "8:00", ""]
            minutes += 480
        ws.write_row(r, 0, row)
        r += 1
    ws.write(r, 0, "合計")
    ws.write_number(r, 5, minutes / 1440, hh)
    wb.close()
    return minutes / 60


def test_auto_does_not_read_a_timesheet_with_an_overtime_table_beside_it_as_hours(tmp_path):
    # Before: --kind auto took 日 (the data) + 区分 | 時間 (the 残業集計 beside it) for an
    # effort-hour table: 14.5 "hours" on 10/1-10/3 and 29 errors, and the 勤務表 unread.
    expected = kimura(tmp_path / "勤務表_2026年10月_木村.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="auto")
    assert result.kind == "attendance"
    f = result.frame
    assert f["hours"].sum() == expected == 159.5
    assert len(f) == 20  # 22 weekdays less 休 and 有給
    night = f[f["date"] == dt.date(2026, 10, 15)].iloc[0]
    assert (night["start"], night["end"], night["hours"]) == ("22:00", "30:00", 7.0)
    assert not [i for i in result.issues if i.severity == "error"]


def test_kind_hours_on_that_timesheet_says_no_table_instead_of_inventing_hours(tmp_path):
    kimura(tmp_path / "k.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    assert result.frame.empty
    # ... and, since the sheet holds a block of figures, a warning that names it (issue 13)
    assert [(i.code, i.sheet, i.severity) for i in result.issues] == [
        ("no_table", "勤務表", "info"), ("unread_data", "勤務表", "warning")]


def test_the_same_timesheet_saved_as_ods(tmp_path):
    # tests/fixtures/unseen_kintai.ods: kimura() saved by LibreOffice (make_unseen_fixtures.py)
    result = ledgerkit.aggregate(Path(__file__).parent / "fixtures" / "unseen_kintai.ods", kind="auto")
    assert result.kind == "attendance"
    assert result.frame["hours"].sum() == 159.5
    assert len(result.frame) == 20


def test_the_sheets_own_total_against_the_days_read(tmp_path):
    # A typo (8:OO) refuses a day; the 合計 row still says 24:00. Before, nothing tied the
    # two together; now the total row carries a warning with both figures.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    hh = wb.add_format({"num_format": "[h]:mm"})
    ws = wb.add_worksheet("2026年10月")
    ws.write_row(0, 0, ["氏名", "佐々木"])
    ws.write_row(2, 0, ["日付", "出勤", "退勤", "休憩", "実働"])
    ws.write_row(3, 0, [1, "9:00", "18:00", "1:00", "8:00"])
    ws.write_row(4, 0, [2, "9:00", "18:00", "1:00", "8:00"])
    ws.write_row(5, 0, [5, "9:00", "18:00", "1:00", "8:OO"])
    ws.write(6, 0, "合計")
    ws.write_number(6, 4, 1.0, hh)  # 24:00
    ws2 = wb.add_worksheet("2026年11月")
    ws2.write_row(0, 0, ["氏名", "佐々木"])
    ws2.write_row(2, 0, ["日付", "出勤", "退勤", "休憩", "実働"])
    ws2.write_row(3, 0, [2, "9:00", "18:00", "1:00", "8:00"])
    ws2.write(4, 0, "合計")
    ws2.write_formula(4, 4, "=SUM(E4:E4)")  # never calculated: cached 0 says nothing
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame["hours"].sum() == 24.0
    found = [(i.code, i.sheet, i.row, i.severity) for i in result.issues if i.code != "total_row"]
    assert found == [
        ("bad_cell", "2026年10月", 6, "error"),
        ("sheet_total_mismatch", "2026年10月", 7, "warning"),
    ]
    mismatch = next(i for i in result.issues if i.code == "sheet_total_mismatch")
    assert mismatch.message("en") == "the sheet's own total 24:00 differs from the rows read, which add up to 16:00 (実働)"
    assert result.stats.balanced


def test_scheduled_and_night_hour_columns_are_not_the_hours_worked(tmp_path):
    # Before: 所定時間 (8:00 on every day, 有給 included) came first among the columns
    # holding 時間 and was read as the hours worked: 40 h instead of 32 h, 有給 billed.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    ws = wb.add_worksheet("2026年10月")
    ws.write_row(0, 0, ["氏名", "松本 翔"])
    ws.write_row(2, 0, ["日付", "曜日", "出勤時刻", "退勤時刻", "休憩時間", "所定時間", "実働時間", "残業時間", "深夜時間", "備考"])
    rows = [
        [1, "木", "9:00", "20:00", "1:00", "8:00", "10:00", "2:00", "", ""],
        [2, "金", "9:00", "18:00", "1:00", "8:00", "8:00", "", "", ""],
        [3, "土", "", "", "", "", "", "", "", ""],
        [5, "月", "13:00", "18:00", "0:00", "8:00", "5:00", "", "", "午前休"],
        [6, "火", "", "", "", "8:00", "", "", "", "有給"],
        [7, "水", "21:00", "7:00", "1:00", "8:00", "9:00", "1:00", "7:00", "夜勤"],
    ]
    for i, row in enumerate(rows):
        ws.write_row(3 + i, 0, row)
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    f = result.frame
    assert f["hours"].tolist() == [10.0, 8.0, 5.0, 9.0]
    assert f["overtime_hours"].tolist() == [2.0, 0.0, 0.0, 1.0]
    assert [d.day for d in f["date"]] == [1, 2, 5, 7]
    # the 有給 day (no times, 有給 in the 備考) is listed, never rejected (the trial's 10/15)
    assert [(i.code, i.row, i.severity, i.rejected) for i in result.issues] == [("attendance_day_off", 8, "info", False)]
    assert result.issues[0].message("en") == "a day off (有給), not a day worked"


def test_a_systems_export_with_a_name_column_holds_many_people(tmp_path):
    # 勤怠システム export: 社員番号 | 氏名 | 日付 | 出勤 | 退勤 | 休憩 | 実働, CP932. Before, the 氏名
    # column was ignored: every row went to one person (or the sheet was refused).
    text = (
        "社員番号,氏名,日付,出勤,退勤,休憩,実働,備考\n"
        "00123,山田 太郎,2026/10/30,9:00,18:00,1:00,8:00,\n"
        "00123,山田 太郎,2026/10/31,,,,,休\n"
        "00456,佐藤 花子(00456),2026/10/29,10:00,19:00,1:00,8:00,\n"
        "00456,,2026/10/30,10:00,15:00,0:00,5:00,\n"
    )
    (tmp_path / "kintai_export.csv").write_bytes(text.encode("cp932"))
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    f = result.frame
    assert f[["person", "person_id", "hours"]].values.tolist() == [["山田太郎", "00123", 8.0], ["佐藤花子", "00456", 8.0]]
    assert [(i.code, i.row, i.column) for i in result.issues] == [("missing_value", 5, "氏名")]
    assert result.stats.balanced


def test_an_english_timesheet_takes_the_employee_column_not_the_sheet_name(tmp_path):
    # Before: person "Oct" with ID "2026", from the sheet name "Oct 2026".
    wb = xlsxwriter.Workbook(str(tmp_path / "timesheet.xlsx"))
    ws = wb.add_worksheet("Oct 2026")
    ws.write_row(0, 0, ["Work Date", "Employee", "Start", "End", "Break", "Hours"])
    for i in range(3):
        ws.write_row(1 + i, 0, [f"2026-10-0{i + 1}", "John Smith", "9:00", "18:00", "1:00", 8])
    wb.close()
    f = ledgerkit.aggregate(tmp_path, kind="attendance").frame
    assert f[["person", "person_id"]].drop_duplicates().values.tolist() == [["John Smith", ""]]
    assert f["hours"].sum() == 24.0


def test_a_name_label_right_above_the_header_stays_the_sheets_person(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    ws = wb.add_worksheet("2026年10月")
    # the label sits over the free columns right of the table, beside its value
    ws.write_row(0, 0, ["", "", "", "", "", "氏名", "近藤 学"])
    ws.write_row(1, 0, ["日付", "出勤", "退勤", "休憩", "実働"])
    ws.write_row(2, 0, [1, "9:00", "18:00", "1:00", "8:00"])
    wb.close()
    f = ledgerkit.aggregate(tmp_path, kind="attendance").frame
    assert f[["person", "hours"]].values.tolist() == [["近藤学", 8.0]]


def _closing_period_sheet(path: Path) -> Path:
    """作業報告書 2026年11月度 (10/21～11/20): days 21 … 31 then 1 … 20, weekends blank."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("勤務表")
    ws.write(0, 0, "作業報告書 2026年11月度 (10/21～11/20)")
    ws.write_row(1, 0, ["氏名", "荒木 誠"])
    ws.write_row(3, 0, ["日", "出勤", "退勤", "休憩", "実働"])
    r = 4
    for d in [*range(21, 32), *range(1, 21)]:
        day = dt.date(2026, 10 if d >= 21 else 11, d)
        ws.write_row(r, 0, [d, "9:00", "18:00", "1:00", "8:00"] if day.weekday() < 5 else [d])
        r += 1
    wb.close()
    return path


def test_closing_day_timesheet_keeps_true_dates_and_settles_as_its_month(tmp_path):
    # Before: 21 … 31 were read as 11/21 … 11/31: wrong dates, and a 31st worked was
    # refused as outside November (see the next test).
    _closing_period_sheet(tmp_path / "荒木_11月度.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    f = result.frame
    assert f["date"].min() == dt.date(2026, 10, 21) and f["date"].max() == dt.date(2026, 11, 20)
    assert len(f) == 23 and f["hours"].sum() == 184.0
    assert set(f["period"]) == {"2026-11"}
    [info] = [i for i in result.issues if i.code == "attendance_closing_period"]
    assert info.message("ja") == "締め期間 2026-10-21〜2026-11-20 の勤務表として読みました (2026-11度として精算します)"

    import pandas as pd

    from ledgerkit.settlement.months import settle

    contracts = pd.DataFrame([{"person": "荒木誠", "vendor": "デルタ", "fee": 500_000, "lower": 140, "upper": 180,
                               "method": "updown"}])
    frame, _ = settle(f, contracts)
    # one month of 184 h (4 h over 180), not 2026-10 and 2026-11 settled apart
    assert frame[["month", "hours", "amount"]].values.tolist() == [["2026-11", 184.0, 511_111]]


def test_a_31st_worked_in_a_closing_period_is_not_outside_the_month(tmp_path):
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    ws = wb.add_worksheet("2026年11月度")
    ws.write_row(0, 0, ["氏名", "荒木 誠"])
    ws.write_row(2, 0, ["日", "出勤", "退勤", "休憩"])
    ws.write_row(3, 0, ["30(金)", "9:00", "18:00", "1:00"])
    ws.write_row(4, 0, ["31(土)", "9:00", "13:00", "0:00"])
    ws.write_row(5, 0, ["1(日)", "", "", ""])
    ws.write_row(6, 0, ["2(月)", "9:00", "18:00", "1:00"])
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert [d.isoformat() for d in result.frame["date"]] == ["2026-10-30", "2026-10-31", "2026-11-02"]
    assert not [i for i in result.issues if i.severity in ("error", "warning")]


def test_start_and_end_written_as_full_date_times_count_the_dates(tmp_path):
    # Before: 2026/10/3 9:00 → 2026/10/4 11:00 read as 9:00 → 11:00, one hour after the
    # break: 25 hours at work became 1 hour, silently.
    wb = xlsxwriter.Workbook(str(tmp_path / "a.xlsx"))
    f = wb.add_format({"num_format": "yyyy/m/d h:mm"})
    ws = wb.add_worksheet("2026年10月")
    ws.write_row(0, 0, ["氏名", "堀 智"])
    ws.write_row(2, 0, ["日付", "出勤", "退勤", "休憩"])
    for r, (day, s, e) in enumerate([
        (1, dt.datetime(2026, 10, 1, 9), dt.datetime(2026, 10, 1, 18)),
        (2, dt.datetime(2026, 10, 2, 22), dt.datetime(2026, 10, 3, 7)),  # a night shift
        (3, dt.datetime(2026, 10, 3, 9), dt.datetime(2026, 10, 4, 11)),  # 26 h: over the day limit
        (5, dt.datetime(2026, 10, 5, 9), dt.datetime(2026, 10, 4, 18)),  # ends the day before it starts
    ], start=3):
        ws.write(r, 0, day)
        ws.write_datetime(r, 1, s, f)
        ws.write_datetime(r, 2, e, f)
        ws.write(r, 3, "1:00")
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame[["start", "end", "hours"]].values.tolist() == [["09:00", "18:00", 8.0], ["22:00", "31:00", 8.0]]
    assert [(i.row, i.code) for i in result.issues] == [(6, "attendance_day_too_long"), (7, "bad_cell")]
    assert result.stats.balanced


def test_header_printed_again_every_page_is_listed_and_one_person_with_invisible_marks(tmp_path):
    # A system's 勤怠 export: the header repeats every 25 rows for printing, and the name is
    # typed "山田　太郎" on some rows and "山田\u200c太郎" (a zero-width non-joiner) on others.
    # Before: the repeats vanished unlisted, and the ZWNJ made a second person.
    from sheets import make_xlsx

    header = ["日付", "氏名", "出勤", "退勤", "休憩"]
    rows = [["勤怠データ 2026年11月"], header]
    for i in range(60):
        if i and i % 25 == 0:
            rows.append(list(header))
        rows.append([dt.datetime(2026, 11, 1 + i % 30), "山田\u200c太郎" if i % 2 else "山田　太郎", "9:00", "18:00", "1:00"])
    make_xlsx(tmp_path / "a.xlsx", {"明細": rows})
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert set(result.frame["person"]) == {"山田太郎"} and result.frame["hours"].sum() == 60 * 8.0
    assert [(i.code, i.row, i.severity, i.rejected) for i in result.issues] == [
        ("repeated_header", 28, "info", False), ("repeated_header", 54, "info", False)]
    assert result.stats.rows_read == 60 == result.stats.rows_consolidated
