"""A 勤務表 with two rows per day (出社/退社, then 休憩 on the row below), a 休憩 column left blank,
and a 20日締め 勤務表 in the aggregate report (the new-user trial 2, items 3a and 3b)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.attendance.continued import merge_continued_rows
from ledgerkit.cli.app import app
from ledgerkit.settlement.months import settle

runner = CliRunner()

# 2026-10: 22 weekdays, less スポーツの日 (10/12)
OCT_DAYS = [dt.date(2026, 10, d) for d in range(1, 32)
            if dt.date(2026, 10, d).weekday() < 5 and d != 12]
WEEKDAYS = "月火水木金土日"


def _two_rows_per_day(path: Path, *, merged_day: bool = False, extra_break_on: dt.date | None = None,
                      break_rows: bool = True) -> Path:
    """出社 9:00 / 退社 18:30 on the day's row, 休憩 1:00 on the row below (the day cell blank,
    or merged down over both rows); ``extra_break_on``: a second 休憩 row under that day."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("10月")
    time = wb.add_format({"num_format": "h:mm"})
    day = wb.add_format({"num_format": "m/d", "valign": "top"})
    ws.write("A1", "勤務表 2026年10月")
    ws.write("A2", "氏名")
    ws.write("B2", "高橋一郎")
    ws.write_row(3, 0, ["日付", "曜日", "出社", "退社", "休憩", "備考"])
    r = 4
    for d in OCT_DAYS:
        if merged_day:
            ws.merge_range(r, 0, r + 1, 0, "", day)
            ws.write_datetime(r, 0, dt.datetime.combine(d, dt.time()), day)
        else:
            ws.write_datetime(r, 0, dt.datetime.combine(d, dt.time()), day)
        ws.write(r, 1, WEEKDAYS[d.weekday()])
        ws.write_datetime(r, 2, dt.datetime(1899, 12, 31, 9, 0), time)
        ws.write_datetime(r, 3, dt.datetime(1899, 12, 31, 18, 30), time)
        r += 1
        if break_rows:
            ws.write_datetime(r, 4, dt.datetime(1899, 12, 31, 1, 0), time)
            ws.write(r, 5, "休憩")
            r += 1
        if d == extra_break_on:
            ws.write_datetime(r, 4, dt.datetime(1899, 12, 31, 0, 30), time)
            r += 1
    ws.write(r, 0, "合計")
    wb.close()
    return path


def _contracts(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["要員名", "所属会社", "月額単価", "精算幅", "精算方法", "時間単位", "単価端数", "契約開始", "契約終了"])
    ws.append(["高橋一郎", "オメガ技研", 700000, "140-180h", "上下割", "15分", "10円未満切捨て",
               dt.datetime(2026, 4, 1), dt.datetime(2027, 3, 31)])
    ws.append(["中村花子", "オメガ技研", 640000, "140h～180h", "上下割", "15分", "10円未満切捨て",
               dt.datetime(2026, 4, 1), dt.datetime(2027, 3, 31)])
    wb.save(path)
    return path


def _closing_20(path: Path) -> Path:
    """A 20日締め 勤務表: 9/21 … 10/20 under 2026年10月度, 9 h a weekday and 5 h on Saturday 10/3 (167 h)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2026年10月度"
    ws["A1"] = "勤務表 2026年10月度 (9月21日～10月20日 20日締め)"
    ws["A2"] = "氏名：中村花子"
    ws.append(["日付", "曜日", "出勤", "退勤", "休憩", "実働", "残業", "深夜", "休日"])
    off = {dt.date(2026, 9, 21), dt.date(2026, 9, 22), dt.date(2026, 9, 23), dt.date(2026, 10, 12)}
    d = dt.date(2026, 9, 21)
    while d <= dt.date(2026, 10, 20):
        if d.weekday() < 5 and d not in off:
            ws.append([d, WEEKDAYS[d.weekday()], "9:00", "19:00", "1:00", 9, 1, None, None])
        elif d == dt.date(2026, 10, 3):
            ws.append([d, "土", "10:00", "15:00", "0:00", 5, None, None, 5])
        else:
            ws.append([d, WEEKDAYS[d.weekday()]])
        d += dt.timedelta(days=1)
    ws.append(["合計", None, None, None, None, 167])
    wb.save(path)
    return path


def _by_month(result) -> dict:
    frame = result.frame
    months = frame["date"].map(lambda d: f"{d.year:04d}-{d.month:02d}")
    return {k: round(v, 4) for k, v in frame.groupby([frame["person"], months])["hours"].sum().items()}


def _codes(result) -> list[tuple[str, int | None, str]]:
    return [(i.code, i.row, i.severity) for i in result.issues]


@pytest.mark.parametrize("merged_day", [False, True], ids=["blank-day-cell", "day-cell-merged-down"])
def test_the_break_on_the_row_under_the_day_is_taken_off_that_day(tmp_path, merged_day):
    path = _two_rows_per_day(tmp_path / "勤務表_高橋一郎_2026年10月_二段.xlsx", merged_day=merged_day)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert len(OCT_DAYS) == 21
    assert _by_month(result) == {("高橋一郎", "2026-10"): 178.5}  # 21 days × (9:30 − 1:00), not 199.5
    assert set(result.frame["break_hours"]) == {1.0} and set(result.frame["hours"]) == {8.5}
    assert result.frame["source_row"].tolist() == [5 + 2 * i for i in range(21)]
    assert set(result.frame["note"]) == {"休憩"}
    assert _codes(result) == [("attendance_rows_merged", None, "info"), ("total_row", 47, "info")]
    merged = result.issues[0]
    assert merged.message("ja") == "日付のない 21行 (6-46行) は上の日の行の続きとして、その日に合わせて読みました (休憩)"
    assert merged.message("en") == ("21 rows with no day (rows 6-46) read as the rest of the day above, "
                                    "merged into it (休憩)")
    assert (result.stats.rows_read, result.stats.rows_consolidated, result.stats.rows_rejected) == (21, 21, 0)
    done = runner.invoke(app, ["aggregate", "--kind", "attendance", str(path), "--strict"])
    assert done.exit_code == 0, done.output


def test_settle_bills_the_contract_fee_for_the_two_row_sheet(tmp_path):
    # DOMAIN.md §6.1 上下割: 178.5 h is inside 140–180 h, so the fee as it is; 199.5 h (the 休憩 rows
    # lost) would have billed 19.5 h over at 700,000 / 180 h
    path = _two_rows_per_day(tmp_path / "勤務表_高橋一郎_2026年10月_二段.xlsx")
    result = settle(path, _contracts(tmp_path / "契約一覧.xlsx"), month="2026-10")
    row = result.frame.set_index("person").loc["高橋一郎"]
    assert (float(row["hours_worked"]), int(row["adjustment"]), int(row["amount"])) == (178.5, 0, 700_000)


def test_a_row_with_no_day_that_clashes_with_the_day_above_is_rejected_with_its_row(tmp_path):
    path = _two_rows_per_day(tmp_path / "勤務表_高橋一郎_2026年10月_二段.xlsx", extra_break_on=dt.date(2026, 10, 2))
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _by_month(result) == {("高橋一郎", "2026-10"): 178.5}
    assert _codes(result) == [("attendance_rows_merged", None, "info"), ("attendance_no_day", 9, "error"),
                              ("total_row", 48, "info")]
    rejected = result.issues[1]
    assert (rejected.column, rejected.value) == ("休憩", "00:30")
    assert rejected.message("en").startswith("a row with no day that cannot be merged into the day above (休憩: ")
    assert (result.stats.rows_read, result.stats.rows_consolidated, result.stats.rows_rejected) == (22, 21, 1)
    done = runner.invoke(app, ["aggregate", "--kind", "attendance", str(path), "--lang", "en"])
    assert done.exit_code == 0, done.output
    assert ("/ 10月 / row 9 / 休憩: a row with no day that cannot be merged into the day above (休憩: 00:30); give it "
            "a day or move its figures to the day's row") in done.output
    assert runner.invoke(app, ["aggregate", "--kind", "attendance", str(path), "--strict"]).exit_code == 1


def test_a_break_column_blank_on_every_long_day_is_a_warning(tmp_path):
    path = _two_rows_per_day(tmp_path / "勤務表_高橋一郎_2026年10月.xlsx", break_rows=False)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _by_month(result) == {("高橋一郎", "2026-10"): 199.5}
    assert _codes(result) == [("total_row", 26, "info"), ("attendance_break_blank", None, "warning")]
    assert result.issues[1].message("ja").startswith(
        "休憩の列 (休憩) が勤務日すべてで空欄です: 出勤〜退勤が6時間を超える 21日分を休憩なしで数えました")
    assert runner.invoke(app, ["aggregate", "--kind", "attendance", str(path), "--strict"]).exit_code == 1


def test_merge_continued_rows_leaves_words_and_clashes_alone():
    rows = [["1", "9:00", "18:00", "", ""], ["", "", "", "確認", ""], ["2", "9:00", "", "", ""],
            ["", "", "18:00", "", ""], ["", "", "19:00", "", ""]]
    is_figure = lambda v: v != "確認"  # noqa: E731
    merged, into = merge_continued_rows(rows, range(5), day_col=0, figure_cols=[1, 2, 3], is_figure=is_figure)
    assert into == {3: 2} and merged[2] == ["2", "9:00", "18:00", "", ""] and merged[0] == rows[0]


def test_a_closing_day_sheet_counts_in_its_settled_month_in_the_report(tmp_path):
    path = _closing_20(tmp_path / "勤務表_中村花子_2026年10月度_20日締め.xlsx")
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _by_month(result) == {("中村花子", "2026-09"): 45.0, ("中村花子", "2026-10"): 122.0}
    assert set(result.frame["period"]) == {"2026-10"}
    closing = next(i for i in result.issues if i.code == "attendance_closing_period")
    # the period by the 20日締め rule, not from the first day worked (9/24)
    assert closing.message("ja") == "締め期間 2026-09-21〜2026-10-20 の勤務表として読みました (2026-10度として精算します)"
    for lang, summary_head, detail_head in (("ja", ["氏名", "2026年10月"], "期間"), ("en", ["Person", "2026-10"], "Period")):
        out = tmp_path / f"report_{lang}.xlsx"
        done = runner.invoke(app, ["aggregate", "--kind", "attendance", str(path), "-o", str(out), "--lang", lang])
        assert done.exit_code == 0, done.output
        wb = openpyxl.load_workbook(out)
        summary, detail = wb.worksheets[0], wb.worksheets[1]
        # one column for the month the sheet is settled in, not 2026年9月 45 h | 2026年10月 122 h
        assert [c.value for c in summary[3]] == summary_head
        assert summary["A4"].value == "中村花子" and summary["B4"].value == 167
        assert summary["A1"].value.startswith("勤務時間集計 2026年10月 " if lang == "ja" else "Attendance hours 2026-10 ")
        headings = [c.value for c in detail[1]]
        assert headings[-1] == detail_head and "period" not in headings
    settled = settle(path, _contracts(tmp_path / "契約一覧.xlsx"), month="2026-10")
    row = settled.frame.set_index("person").loc["中村花子"]
    assert (float(row["hours_worked"]), int(row["amount"])) == (167.0, 640_000)
