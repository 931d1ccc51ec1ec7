"""Published 出勤簿 / 勤務表 / 工数管理表 templates as people download and fill them in:
a 20日締め sheet with full dates, a 合計 under h:mm (not [h]:mm), 職員番号, 工数管理表_… file names."""

from __future__ import annotations

import datetime as dt

import xlsxwriter

import ledgerkit
from ledgerkit.attendance.cells import parse_duration
from ledgerkit.hours.people import _person_of_file
from sheets import make_xlsx


def _serial_time(h: int, m: int = 0) -> float:
    return (h * 60 + m) / 1440


def _closing_sheet(path, *, total_format: str = "h:mm"):
    """勤務表 2026年10月度 (9月21日～10月20日): 日付 as dates, 7:45 on weekdays, a =SUM 合計
    saved with its value under ``total_format``. Returns the hours worked."""
    wb = xlsxwriter.Workbook(str(path))
    hm, day_fmt = wb.add_format({"num_format": "h:mm"}), wb.add_format({"num_format": "m/d"})
    ws = wb.add_worksheet("10月度")
    ws.write("A1", "勤務表　2026年10月度（9月21日～10月20日）")
    ws.write("A2", "氏名")
    ws.write("B2", "鈴木 次郎")
    for c, h in enumerate(["日付", "曜日", "始業", "終業", "休憩", "実働"]):
        ws.write(3, c, h)
    day, r, total = dt.date(2026, 9, 21), 4, 0.0
    while day <= dt.date(2026, 10, 20):
        ws.write_datetime(r, 0, dt.datetime.combine(day, dt.time()), day_fmt)
        ws.write(r, 1, "月火水木金土日"[day.weekday()])
        if day.weekday() < 5:
            ws.write_number(r, 2, _serial_time(9), hm)
            ws.write_number(r, 3, _serial_time(17, 30), hm)
            ws.write_number(r, 4, _serial_time(0, 45), hm)
            ws.write_formula(r, 5, f"=D{r + 1}-C{r + 1}-E{r + 1}", hm, _serial_time(7, 45))
            total += _serial_time(7, 45)
        day += dt.timedelta(days=1)
        r += 1
    ws.write(r, 0, "合計")
    ws.write_formula(r, 5, f"=SUM(F5:F{r})", wb.add_format({"num_format": total_format}), total)
    wb.close()
    return round(total * 24, 2)


def test_a_closing_period_written_as_dates_reads_every_day_of_it(tmp_path):
    # 9/21 … 9/30 under 2026年10月度 are the period's first days, not dates outside the month
    hours = _closing_sheet(tmp_path / "勤務表_鈴木次郎_2026年10月度.xlsx", total_format="[h]:mm")
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert hours == 170.5
    assert len(result.frame) == 22
    assert round(result.frame["hours"].sum(), 2) == 170.5
    assert str(result.frame["date"].min())[:10] == "2026-09-21"
    assert [i.code for i in result.issues if i.severity != "info"] == []
    assert "attendance_closing_period" in [i.code for i in result.issues]


def test_a_total_under_h_mm_is_read_from_its_serial_not_a_day_more(tmp_path):
    # Excel shows 170:30 under h:mm as 2:30; the serial 7.104 arrives as 1900-01-07 02:30
    _closing_sheet(tmp_path / "勤務表_鈴木次郎_2026年10月度.xlsx", total_format="h:mm")
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert [i.code for i in result.issues if i.code == "sheet_total_mismatch"] == []
    assert round(result.frame["hours"].sum(), 2) == 170.5


def test_parse_duration_counts_the_serial_around_excels_1900_02_29():
    assert parse_duration(dt.datetime(1900, 1, 7, 2, 30)) == 170 * 60 + 30  # serial 7.104
    assert parse_duration(dt.datetime(1900, 1, 1, 13, 30)) == 37 * 60 + 30  # serial 1.5625
    assert parse_duration(dt.datetime(1900, 2, 28)) == 59 * 24 * 60  # serial 59
    assert parse_duration(dt.datetime(1900, 3, 1)) == 61 * 24 * 60  # serial 61 (60 is the fake 02-29)


def test_a_municipal_shukkinbo_reads_the_shokuin_bango(tmp_path):
    # 市町村の出勤簿: 職員番号 in merged cells beside its label, as 社員番号 is read
    wb = xlsxwriter.Workbook(str(tmp_path / "出勤簿.xlsx"))
    ws = wb.add_worksheet("4月")
    hm = wb.add_format({"num_format": "h:mm"})
    ws.write("A1", "出　勤　簿")
    ws.write("A2", "令和８年４月分")
    ws.merge_range("A3:B3", "氏名")
    ws.merge_range("C3:E3", "山田　花子")
    ws.merge_range("A4:B4", "職員番号")
    ws.merge_range("C4:E4", "012345")
    for c, h in enumerate(["日", "曜日", "始業", "終業", "休憩"]):
        ws.write(6, c, h)
    ws.write_number(7, 0, 1)
    ws.write(7, 1, "水")
    for c, v in ((2, _serial_time(9)), (3, _serial_time(18)), (4, _serial_time(1))):
        ws.write_number(7, c, v, hm)
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame[["person", "person_id", "hours"]].values.tolist() == [["山田花子", "012345", 8.0]]


def test_a_kousu_kanrihyo_file_name_gives_the_person():
    assert _person_of_file("工数管理表_2026年10月_佐藤一郎.xlsx") == "佐藤一郎"
    assert _person_of_file("佐藤一郎_工数管理_202610.xlsx") == "佐藤一郎"
    assert _person_of_file("工数管理表_2026年10月.xlsx") is None


def test_the_person_named_in_a_title_beside_other_words_is_read(tmp_path):
    # 工数管理表　2026年10月　担当者：佐藤 一郎　所属：開発部 — one title cell, the person after its label
    path = make_xlsx(tmp_path / "工数管理表_2026年10月.xlsx", {"10月": [
        ["工数管理表　2026年10月　担当者：佐藤 一郎　所属：開発部"], [],
        ["日付", "案件コード", "作業内容", "工数"],
        [dt.date(2026, 10, 1), "A-1001", "設計", 7.5],
        [dt.date(2026, 10, 2), "A-1001", "設計", 8],
    ]})
    result = ledgerkit.aggregate([path], kind="hours")
    assert result.frame["person"].unique().tolist() == ["佐藤一郎"]
    assert result.frame["hours"].sum() == 15.5
    assert not [i for i in result.issues if i.severity == "error"]
