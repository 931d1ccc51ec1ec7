"""Effort-hour workbooks nobody on the team had seen, read as a person would.

Each test builds a realistic 工数 workbook the way clients hand them in (openpyxl or
xlsxwriter, in the test) and pins what came out wrong or unclear before it was fixed,
or a layout that must keep working.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import xlsxwriter

import ledgerkit

from sheets import make_xlsx

WEEKDAYS = "月火水木金土日"
HERE = Path(__file__).parent


def assert_balanced(result):
    s = result.stats
    assert s.rows_read == s.rows_consolidated + s.rows_rejected, s


def test_closing_day_grid_21_to_20_keeps_the_days_of_the_month_before(tmp_path):
    # 締め日 20日: "11月度" runs 10/21 - 11/20, the days across as 21 … 31, 1 … 20.
    # Before: only 1 … 20 were taken as days; 11 hours in 21 … 31 vanished, unlisted.
    days = [*range(21, 32), *range(1, 21)]
    rows = [
        ["2026年11月度 工数表 (10/21～11/20)"],
        [],
        ["案件", "作業", *days, "合計"],
        ["P1", "開発", *[1] * len(days), len(days)],
        ["P2", "保守", *[0.5 if d == 31 else "" for d in days], 0.5],
    ]
    make_xlsx(tmp_path / "工数_11月度.xlsx", {"高橋": rows})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert f["hours"].sum() == 31.5
    by_month = f.groupby("month")["hours"].sum().to_dict()
    assert by_month == {"2026-10": 11.5, "2026-11": 20.0}
    assert f["date"].min() == dt.datetime(2026, 10, 21) and f["date"].max() == dt.datetime(2026, 11, 20)
    assert f.loc[f["project"] == "P2", "date"].tolist() == [dt.datetime(2026, 10, 31)]
    assert_balanced(result)
    sheet = ledgerkit.inspect(tmp_path)[0].sheets[0]
    assert sheet.mapping["date"] == "31日分の列 (2026-10-21〜2026-11-20)"
    config = ledgerkit.load_config(None)
    config.data["report"]["lang"] = "en"  # as --lang en sets it
    english = ledgerkit.inspect(tmp_path, config=config)[0].sheets[0]
    assert english.mapping["date"] == "31 day columns (2026-10-21〜2026-11-20)"


def test_closing_day_period_across_new_year(tmp_path):
    days = [*range(21, 32), *range(1, 21)]
    rows = [["2027年1月度"], ["案件", *days], ["P1", *[2] * len(days)]]
    make_xlsx(tmp_path / "a.xlsx", {"高橋": rows})
    f = ledgerkit.aggregate(tmp_path).frame
    assert f.groupby("month")["hours"].sum().to_dict() == {"2026-12": 22.0, "2027-01": 40.0}


def test_generic_sheet_name_is_not_a_person(tmp_path):
    # Before: a sheet named 工数 (or 旧版, 作業実績) with no 氏名 cell was booked to a
    # person called "工数". Now the person comes from the file name, or the sheet is
    # refused with the reason.
    rows = [["日付", "案件", "工数"], ["10/1", "Z", 5], ["10/2", "Z", 5]]
    make_xlsx(tmp_path / "工数_2026-10.xlsx", {"工数": rows, "作業実績_10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.empty
    assert sorted((i.code, i.sheet) for i in result.issues) == [("no_person_given", "作業実績_10月"), ("no_person_given", "工数")]


def test_person_from_the_file_name_when_the_sheet_does_not_say(tmp_path):
    rows = [["日付", "案件", "工数"], ["2026/10/1", "Z", 5]]
    make_xlsx(tmp_path / "工数報告_小林_2026年10月.xlsx", {"工数": rows})
    make_xlsx(tmp_path / "A社_工数_202610.xlsx", {"Sheet1": rows})  # a company, not a person
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["person"].tolist() == ["小林"]
    assert [(Path(i.file).name, i.code) for i in result.issues] == [("A社_工数_202610.xlsx", "no_person_given")]
    sheet = next(r for r in ledgerkit.inspect(tmp_path) if "小林" in r.path).sheets[0]
    assert sheet.mapping["person"] == "小林 (ファイル名)"


def test_person_in_a_sheet_name_with_a_generic_word(tmp_path):
    rows = [["日付", "案件", "工数"], ["10/1", "Z", 5]]
    make_xlsx(tmp_path / "2026年10月.xlsx", {"工数_小林": rows, "山田 (提出用)": rows})
    f = ledgerkit.aggregate(tmp_path).frame
    assert sorted(f["person"]) == ["小林", "山田"]


def test_a_copy_saved_as_1_is_the_repeat_not_the_original(tmp_path):
    # "山田_10月(1).xlsx" sorts before "山田_10月.xlsx" as text ("(" < "."). Before, the
    # original's rows were listed as the repeats and the copy's were counted.
    rows = [["氏名", "山田"], [], ["日付", "案件", "工数"], ["2026/10/1", "Z", 5], ["2026/10/2", "Z", 5], ["2026/10/3", "Z", 5]]
    copy = [r[:] for r in rows]
    copy[3][2] = 6  # saved again with one change
    make_xlsx(tmp_path / "山田_10月.xlsx", {"10月": rows})
    make_xlsx(tmp_path / "山田_10月(1).xlsx", {"10月": copy})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    repeats = [(i.file, i.row) for i in result.issues if i.code == "duplicate_entry"]
    assert repeats == [(str(tmp_path / "山田_10月(1).xlsx"), 5), (str(tmp_path / "山田_10月(1).xlsx"), 6)]
    assert set(f.loc[f["date"] > dt.datetime(2026, 10, 1), "source_file"]) == {str(tmp_path / "山田_10月.xlsx")}
    conflict = next(i for i in result.issues if i.code == "conflicting_entry")
    assert (conflict.file, conflict.row) == (str(tmp_path / "山田_10月(1).xlsx"), 4)
    assert_balanced(result)


def test_name_row_right_above_the_header_is_the_person_not_a_header_row(tmp_path):
    # 氏名 | 山田 on the row right above 日付 | 案件 | 工数 (no blank row between) was
    # read as the top row of a two-row header: the 氏名 cell was lost and the sheet refused.
    rows = [["作業報告書 2026年10月"], ["氏名", "山田 花子"], ["日付", "案件", "工数"], ["10/1", "Z", 5], ["10/2", "Z", 2.5]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["person"].tolist() == ["山田花子", "山田花子"]
    assert result.frame["hours"].sum() == 7.5
    assert ledgerkit.inspect(tmp_path)[0].sheets[0].header_row == 3


def test_a_date_without_a_year_in_a_sheet_without_one_says_the_year_is_missing(tmp_path):
    # Before: "日付を読み取れません: '10/1'", as if 10/1 were not a date.
    rows = [["氏名", "山田"], [], ["日付", "案件", "工数"], ["10/1", "Z", 5], ["十月一日", "Z", 5]]
    make_xlsx(tmp_path / "山田_10月.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.empty
    found = sorted((i.row, i.code, i.column, i.value, i.rejected) for i in result.issues)
    assert found == [(4, "no_month", "日付", "10/1", True), (5, "bad_cell", "日付", "十月一日", True)]
    assert found and result.issues[0].message("en").startswith("cannot tell the year and month")
    assert_balanced(result)


def test_day_grid_in_person_days_says_so_once_above_the_days(tmp_path):
    # Before: 0.5 under "工数実績表（単位：人日）" was read as half an hour.
    header = ["案件", *range(1, 32), "合計"]
    make_xlsx(
        tmp_path / "工数_2026年10月.xlsx",
        {
            "岡田": [["工数実績表（単位：人日）"], [], header, ["P1", *[0.5] * 31]],
            "石井": [[], ["案件（人日）", *range(1, 32)], ["P1", *[1] + [""] * 30]],
            "上田": [["単位：時間"], [], header, ["P1", *[0.5] * 31]],
            "野口": [["作業時間 (単位:分)"], [], header, ["P1", 90]],
        },
    )
    result = ledgerkit.aggregate(tmp_path)
    by_person = result.frame.groupby("person")["hours"].sum().to_dict()
    assert by_person == {"岡田": 124.0, "石井": 8.0, "上田": 15.5, "野口": 1.5}
    mapping = {s.name: s.mapping.get("hours") for s in ledgerkit.inspect(tmp_path)[0].sheets}
    assert mapping == {"岡田": "人日 × 8 = 時間", "石井": "人日 × 8 = 時間", "上田": None, "野口": "分 × 1/60 = 時間"}


def yamada_grid(path: Path) -> Path:
    """作業報告書: project cells merged over three task rows, a 小計 row per project, a 合計
    row, hours in [h]:mm cells with 0:00 on weekends, the person in one cell (氏名：…)."""
    wb = xlsxwriter.Workbook(str(path))
    hm = wb.add_format({"num_format": "[h]:mm"})
    ws = wb.add_worksheet("10月")
    ws.write(0, 0, "作業報告書 2026年10月度")
    ws.write(1, 0, "氏名：山田 太郎")
    ws.write_row(3, 0, ["プロジェクト", "タスク", *[f"{d}日" for d in range(1, 32)], "合計"])
    r = 4
    for project, tasks in [("A社基幹", ["要件", "設計", "テスト"]), ("B社保守", ["問合せ", "障害", "定例"])]:
        ws.merge_range(r, 0, r + 2, 0, project)
        for task in tasks:
            ws.write(r, 1, task)
            for d in range(1, 32):
                weekday = dt.date(2026, 10, d).weekday() < 5
                ws.write_number(r, 1 + d, 2.5 / 24 if weekday else 0, hm)
            r += 1
        ws.write(r, 0, "小計")
        for d in range(1, 32):
            ws.write_number(r, 1 + d, 7.5 / 24 if dt.date(2026, 10, d).weekday() < 5 else 0, hm)
        r += 1
    ws.write(r, 0, "合計")
    wb.close()
    return path


def test_merged_projects_subtotals_and_h_mm_cells(tmp_path):
    yamada_grid(tmp_path / "山田_202610.xlsx")
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    # 22 weekdays × 2:30 × 3 tasks per project; 小計/合計 rows and 0:00 cells are not hours
    assert f.groupby("project")["hours"].sum().to_dict() == {"A社基幹": 165.0, "B社保守": 165.0}
    assert sorted(set(f["task"])) == sorted(["要件", "設計", "テスト", "問合せ", "障害", "定例"])
    assert sorted((i.code, i.row) for i in result.issues) == [("total_row", 8), ("total_row", 12), ("total_row", 13)]
    assert_balanced(result)


def test_legacy_xls_saved_by_libreoffice(tmp_path):
    # tests/fixtures/unseen_grid_merged.xls: yamada_grid() saved as .xls (make_unseen_fixtures.py)
    result = ledgerkit.aggregate(HERE / "fixtures" / "unseen_grid_merged.xls")
    assert result.frame.groupby("project")["hours"].sum().to_dict() == {"A社基幹": 165.0, "B社保守": 165.0}
    assert set(result.frame["person"]) == {"山田太郎"}
    assert_balanced(result)


def test_inspect_says_where_the_person_and_a_two_line_header_came_from(tmp_path):
    yamada_grid(tmp_path / "a.xlsx")
    rows = [["日付", "案件", "作業\n時間", "作業\n備考"], ["2026/10/1", "Z", 5, "レビュー"]]
    make_xlsx(tmp_path / "b.xlsx", {"高橋": rows})
    reports = {Path(r.path).name: r.sheets[0] for r in ledgerkit.inspect(tmp_path)}
    assert reports["a.xlsx"].mapping["person"] == "山田太郎 (セル A2)"  # was "(シート)"
    assert reports["b.xlsx"].mapping["person"] == "高橋 (シート名)"
    assert reports["b.xlsx"].mapping["hours"] == "作業時間"  # was printed over two lines
    f = ledgerkit.aggregate(tmp_path / "b.xlsx").frame
    assert f["作業備考"].tolist() == ["レビュー"]


def test_a_grid_rows_own_total_that_disagrees_with_its_days_is_a_warning(tmp_path):
    # Before: a 合計 column saying 248 over days that read as 240 (one 半休 cell refused)
    # was never compared; the reviewer had no hint that 8 hours were missing.
    rows = [
        ["氏名", "PJ", *[f"10/{d}" for d in range(1, 32)], "計", "備考"],
        ["伊藤 健", "K-1", *[2] * 31, 62, ""],
        ["伊藤 健", "K-2", *[3] * 31, 93, "夜間"],
        ["中村 恵", "K-1", *["8"] * 3, "半休", *["8"] * 27, 248, ""],
        ["西 涼", "K-1", *[1] * 31, 0, ""],  # a formula never calculated: says nothing
        ["計", "", *[13] * 31, 403],
    ]
    make_xlsx(tmp_path / "チーム工数_R8.10.xlsx", {"R8.10": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.groupby("person")["hours"].sum().to_dict() == {"伊藤健": 155.0, "中村恵": 240.0, "西涼": 31.0}
    found = [(i.code, i.row, i.column, i.severity) for i in result.issues if i.code != "total_row"]
    assert found == [("bad_cell", 4, "10/4", "error"), ("sheet_total_mismatch", 4, "計", "warning")]
    mismatch = result.issues[[i.code for i in result.issues].index("sheet_total_mismatch")]
    assert mismatch.message("ja") == "シートの合計 248h が読み取った行の合計 240h と合いません (計)"
    assert_balanced(result)


def test_project_and_person_written_once_for_the_rows_under_them(tmp_path):
    # Before: the task rows under P1 (project cell left blank, not merged) were booked to
    # a project called "", and the second row of 伊藤 was refused for a blank 氏名.
    rows = [
        ["2026年10月"],
        ["氏名", "案件", "作業", *range(1, 32)],
        ["吉田", "P1", "設計", 8, 8],
        ["", "", "実装", "", "", 8],
        ["", "", "テスト", "", "", "", 4],
        ["", "P2", "保守", "", "", "", "", 2],
        [],
        ["", "", "問合せ", "", "", "", "", "", 1],  # after a blank row: no group above
        ["伊藤", "P1", "設計", 3],
        ["小計", "", "", 11, 8, 8, 4, 2, 1],
        ["", "P2", "保守", 5],  # after a 小計 row: no group above
    ]
    make_xlsx(tmp_path / "チーム_2026年10月.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    got = f.groupby(["person", "project"])["hours"].sum().to_dict()
    assert got == {("伊藤", "P1"): 3.0, ("吉田", "P1"): 28.0, ("吉田", "P2"): 2.0}
    refused = sorted((i.code, i.row, i.params.get("field")) for i in result.issues if i.rejected)
    assert refused == [("missing_value", 8, "氏名"), ("missing_value", 11, "氏名")]
    assert_balanced(result)


def test_long_table_under_a_title_stating_person_days(tmp_path):
    # Before: 1 and 0.5 under "(単位：人日)" were read as 1.5 hours, not 12.
    make_xlsx(
        tmp_path / "a.xlsx",
        {
            "10月": [["2026年10月 工数 (単位：人日)"], ["日付", "氏名", "案件", "工数"],
                     ["2026/10/1", "山本", "A", 1], ["2026/10/2", "山本", "A", 0.5]],
            "11月": [["2026年11月 工数 (単位：人日)"], ["日付", "氏名", "案件", "工数(h)"],
                     ["2026/11/2", "山本", "A", 7.5]],  # the header's own unit wins
        },
    )
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.groupby("month")["hours"].sum().to_dict() == {"2026-10": 12.0, "2026-11": 7.5}
    sheet = ledgerkit.inspect(tmp_path)[0].sheets[0]
    assert sheet.mapping["hours"] == "工数 (人日 × 8 = 時間)"


def test_date_written_over_month_and_day_columns(tmp_path):
    # Before: 月 | 日 columns under a "10月～11月" title put 11/2 and 11/4 in October, and
    # 氏名 | 森田 over 年 | 月 | 日 made a person "2026" with dates in January 1900.
    make_xlsx(
        tmp_path / "工数_2026年10月.xlsx",
        {"森田": [["2026年10月～11月 工数"], ["月", "日", "案件", "時間"],
                  [10, 30, "A", 8], [10, 31, "A", 4], ["11月", 2, "A", 8], [11, 4, "B", 8], ["十一", 5, "B", 1]]},
    )
    make_xlsx(
        tmp_path / "工数_2026.xlsx",
        {"森田": [["氏名", "森田"], ["年", "月", "日", "案件", "時間"], [2026, 10, 29, "A", 8], [2027, 1, 4, "A", 8]]},
    )
    make_xlsx(
        tmp_path / "工数_2026年度.xlsx",
        {"森田": [["氏名", "森田"], [], ["月", "日", "案件", "時間"], [10, 28, "A", 2], [3, 1, "A", 3]]},
    )
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    got = sorted((d.strftime("%Y-%m-%d"), h) for d, h in zip(f["date"], f["hours"]))
    assert got == [
        ("2026-10-28", 2.0), ("2026-10-29", 8.0), ("2026-10-30", 8.0), ("2026-10-31", 4.0),
        ("2026-11-02", 8.0), ("2026-11-04", 8.0), ("2027-01-04", 8.0), ("2027-03-01", 3.0),
    ]
    assert set(f["person"]) == {"森田"}
    assert "月" not in f.columns and "年" not in f.columns
    refused = [(Path(i.file).name, i.row, i.code) for i in result.issues if i.rejected]
    assert refused == [("工数_2026年10月.xlsx", 7, "bad_cell")]
    mappings = {Path(r.path).name: r.sheets[0].mapping["date"] for r in ledgerkit.inspect(tmp_path)}
    assert mappings["工数_2026.xlsx"] == "年 + 月 + 日"
    assert_balanced(result)


def test_a_day_number_in_a_sheet_without_a_month_is_not_a_date_in_1900(tmp_path):
    make_xlsx(tmp_path / "a.xlsx", {"森田": [["日付", "案件", "時間"], [30, "A", 8], [46296, "A", 1]]})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["date"].tolist() == [dt.datetime(2026, 10, 1)]  # a real serial still reads
    assert [(i.row, i.code) for i in result.issues if i.rejected] == [(2, "no_month")]


def test_a_daily_summary_sheet_beside_the_detail_is_not_counted_twice(tmp_path):
    # Before: 日別集計 (日付 | 氏名 | 工数, the day's total) was read as more hours: 32 h for 16.
    detail = [["日付", "氏名", "案件", "工数"], ["2026/10/1", "山田", "A", 5], ["2026/10/1", "山田", "B", 3],
              ["2026/10/2", "山田", "A", 8]]
    daily = [["日付", "氏名", "工数"], ["2026/10/1", "山田", 8], ["2026/10/2", "山田", 8]]
    by_project = [["日付", "氏名", "案件", "工数"], ["2026/10/1", "山田", "A", 5], ["2026/10/2", "山田", "A", 8]]
    own = [["日付", "氏名", "工数"], ["2026/10/5", "山田", 2]]  # no project, and nobody else's total: kept
    make_xlsx(tmp_path / "山田_2026年10月.xlsx", {"明細": detail, "日別集計": daily})
    make_xlsx(tmp_path / "山田_その他.xlsx", {"社内": own})
    make_xlsx(tmp_path / "山田_A.xlsx", {"A案件": by_project})  # the same A rows again: exact repeats
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert f["hours"].sum() == 18.0
    summary = [(Path(i.file).name, i.sheet, i.row, i.severity, i.rejected) for i in result.issues if i.code == "summary_rows"]
    assert summary == [("山田_2026年10月.xlsx", "日別集計", 2, "warning", True), ("山田_2026年10月.xlsx", "日別集計", 3, "warning", True)]
    assert result.issues[[i.code for i in result.issues].index("summary_rows")].message("en") == (
        f"totals the rows of {tmp_path / '山田_2026年10月.xlsx'} / 明細 (a summary): not counted twice"
    )
    assert_balanced(result)


def test_plan_rows_beside_actual_rows_are_not_hours_worked(tmp_path):
    # 予実 grids: each project has a 予定 row and a 実績 row (区分 is a task synonym).
    # Before: the plan was added to the actuals: P1 78 h for 38 h worked.
    grid = [
        ["2026年10月 工数 予実"],
        ["案件", "区分", *range(1, 32), "合計"],
        ["P1", "予定", *[8] * 5, *[""] * 26, 40],
        ["", "実績", 7, 9, 8, 8, 6, *[""] * 26, 38],
        ["P2", "計画", *[""] * 5, 4, 4, 4, *[""] * 23, 12],
        ["", "実績", *[""] * 5, 5, 5, 5, *[""] * 23, 15],
    ]
    long = [["日付", "案件", "区分", "工数"], ["2026/11/2", "P1", "予定", 8], ["2026/11/2", "P1", "実績", 7.5],
            ["2026/11/3", "P1", "Plan", 8]]
    make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"小川": grid})
    make_xlsx(tmp_path / "工数_2026年11月.xlsx", {"小川": long})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert f.groupby(["month", "project"])["hours"].sum().to_dict() == {
        ("2026-10", "P1"): 38.0, ("2026-10", "P2"): 15.0, ("2026-11", "P1"): 7.5
    }
    assert set(f["task"]) == {""}  # 実績 names the row, not a task
    plans = sorted((Path(i.file).name, i.row, i.severity, i.rejected) for i in result.issues if i.code == "plan_row")
    assert plans == [
        ("工数_2026年10月.xlsx", 3, "info", False), ("工数_2026年10月.xlsx", 5, "info", False),
        ("工数_2026年11月.xlsx", 2, "info", False), ("工数_2026年11月.xlsx", 4, "info", False),
    ]
    assert result.issues[[i.code for i in result.issues].index("plan_row")].message("ja") == "「予定」の行は予定のため実績に数えません"
    assert not [i for i in result.issues if i.code == "sheet_total_mismatch"]
    assert_balanced(result)


def test_a_copy_named_on_a_mac_is_still_the_copy(tmp_path):
    # コピー decomposed (ヒ + U+309A), as Finder writes file names: before, the copy was
    # not recognised and "工数_山田 - コピー.xlsx" (sorting first) was kept as the original.
    rows = [["氏名", "山田"], [], ["日付", "案件", "工数"], ["2026/10/1", "Z", 5]]
    make_xlsx(tmp_path / "工数_山田.xlsx", {"10月": rows})
    copy = tmp_path / "工数_山田 - \u30b3\u30d2\u309a\u30fc.xlsx"
    copy.write_bytes((tmp_path / "工数_山田.xlsx").read_bytes())
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["source_file"].tolist() == [str(tmp_path / "工数_山田.xlsx")]
    assert [(i.code, i.file) for i in result.issues] == [("duplicate_file", str(copy))]


def test_month_day_dates_under_a_year_written_alone(tmp_path):
    # Before: "10/1(木)" under "2026年 工数実績" or in 工数_2026年度.xlsx was refused for
    # want of a year, though the year was on the sheet.
    make_xlsx(tmp_path / "工数_2026年度.xlsx", {"佐藤": [["令和8年度 工数実績"], ["日付", "案件", "工数"],
                                                    ["10/1(木)", "A", 8], ["1/5", "A", 4], ["2026/4/1", "A", 1]]})
    make_xlsx(tmp_path / "工数.xlsx", {"鈴木": [["2026年 工数実績"], ["日付", "案件", "工数"], ["12/24", "A", 4]]})
    result = ledgerkit.aggregate(tmp_path)
    got = sorted((p, d.strftime("%Y-%m-%d")) for p, d in zip(result.frame["person"], result.frame["date"]))
    assert got == [("佐藤", "2026-04-01"), ("佐藤", "2026-10-01"), ("佐藤", "2027-01-05"), ("鈴木", "2026-12-24")]
    assert not [i for i in result.issues if i.rejected]


def test_a_sum_under_each_block_without_a_label_is_a_total(tmp_path):
    # Before: "日付が空です" errors for the =SUM() cells under each person's rows.
    rows = [
        ["日付", "氏名", "案件", "工数"],
        ["2026/10/1", "山田", "A", 8], ["2026/10/2", "山田", "A", 7.5], ["", "", "", 15.5],
        [],
        ["2026/10/1", "佐藤", "B", 4], ["", "", "", 4],
        ["", "", "", 19.5],  # the grand total
        ["", "", "", 3],  # a number that totals nothing: still an error
    ]
    make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].sum() == 19.5
    found = sorted((i.row, i.code, i.rejected) for i in result.issues)
    assert found == [(4, "total_row", False), (7, "total_row", False), (8, "total_row", False), (9, "missing_value", True)]
    assert_balanced(result)


def test_a_grid_sum_row_without_a_label_is_a_total(tmp_path):
    # Before: the bottom =SUM() row (no 合計 label) was an error "案件が空です".
    rows = [
        ["氏名", "原田"], [],
        ["案件", "作業", *range(1, 32)],
        ["P1", "設計", 8, 4], ["P2", "保守", "", 4, 2],
        ["", "", 8, 8, 2],
        ["", "", 1],  # hours with no project that total nothing: still refused
    ]
    make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"原田": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].sum() == 18.0
    found = sorted((i.row, i.code, i.rejected) for i in result.issues)
    assert found == [(6, "total_row", False), (7, "missing_value", True)]
    assert_balanced(result)


def test_invisible_characters_and_full_width_spaces_do_not_split_a_person(tmp_path):
    # Names pasted from chat and web forms carry ZWJ/ZWNJ, direction marks and soft hyphens;
    # before, "山田\u200c太郎" and "山田太郎" were two people and "P\u200d-01" a second project.
    rows = [
        ["日付", "氏名", "案件", "工数"],
        ["2026/11/02", "山田太郎", "P-01", 2],
        ["2026/11/03", "山田\u3000太郎", "Ｐ－０１", 3],
        ["2026/11/04", "山田\u200c太郎", "P\u200d-01", 4],
        ["2026/11/05", "\u200e山田\u00ad太郎\u200f", "P-01\u2060", 5],
        ["2026/11/06", "山田 \u200b太郎", "\u202aP-01\u202c", 6],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"11月": rows})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert f.groupby(["person", "project"])["hours"].sum().to_dict() == {("山田太郎", "P-01"): 20.0}
    assert_balanced(result)


def test_header_printed_again_every_50_rows_is_listed_not_rejected(tmp_path):
    # A long 明細 set up to print with the header on every page; before, each repeat was
    # a rejected row "cannot read 日付: '日付'".
    header = ["日付", "氏名", "案件", "工数(h)"]
    rows = [["2026年11月 工数明細"], header]
    for i in range(120):
        if i and i % 50 == 0:
            rows.append(list(header))
        rows.append([dt.datetime(2026, 11, 1 + i % 30), "山田", "P1", 1])
    make_xlsx(tmp_path / "a.xlsx", {"明細": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].sum() == 120.0
    assert [(i.code, i.row, i.severity, i.rejected) for i in result.issues] == [
        ("repeated_header", 53, "info", False), ("repeated_header", 104, "info", False)]
    assert result.stats.rows_read == 120 and result.stats.rows_rejected == 0
    assert_balanced(result)


# 氏名 whose value is not in the next cell: (rows above the table, merges)
_NAME_FORMS = {
    # 氏名 in A2, the name in F2 after merged blanks; before: no_person
    "far_right": ([["氏名", "", "", "", "", "山田太郎"]], [(1, 1, 1, 4)]),
    # 氏名 merged over two rows, the name under the merge; before: the person was "氏名"
    "under_a_tall_label": ([["", "氏名", ""], ["", "", ""], ["", "山田太郎", ""]], [(1, 1, 2, 2)]),
    # labels on one row (氏名 merged over A:B, 所属), values below; before: the person was "所属"
    "input_area": ([["氏名", "", "所属"], ["山田太郎", "", "開発部"]], [(1, 0, 1, 1), (2, 0, 2, 1)]),
}


@pytest.mark.parametrize("form", sorted(_NAME_FORMS))
def test_the_name_of_a_name_label_further_away(tmp_path, form):
    top, merges = _NAME_FORMS[form]
    rows = [["2026年11月 工数表"], *top, [], ["日付", "案件", "工数"],
            *[[dt.datetime(2026, 11, d), "P1", 8] for d in (2, 3, 4)]]
    make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}, merges={"Sheet1": merges})
    result = ledgerkit.aggregate(tmp_path)
    assert set(result.frame["person"]) == {"山田太郎"} and len(result.frame) == 3
    assert not result.issues
    rows = [["2026年11月 勤務表"], *top, [], ["日付", "出社", "退社", "休憩"],
            *[[d, "9:00", "18:00", "1:00"] for d in (2, 3, 4)]]
    make_xlsx(tmp_path / "x.xlsx", {"Sheet1": rows}, merges={"Sheet1": merges})
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert set(result.frame["person"]) == {"山田太郎"} and result.frame["hours"].sum() == 24.0


def test_a_unit_column_says_which_rows_are_person_days(tmp_path):
    # 工数 in 時間 on most rows, in 人日 where 単位 says so; before, 1 人日 was counted as 1 hour
    # and the unknown unit 個 went through as hours.
    rows = [["2026年11月 工数"], ["日付", "氏名", "案件", "工数", "単位"],
            [dt.datetime(2026, 11, 2), "山田", "P1", 8, "時間"],
            [dt.datetime(2026, 11, 3), "山田", "P1", 1, "人日"],
            [dt.datetime(2026, 11, 4), "山田", "P1", 0.5, "人日"],
            [dt.datetime(2026, 11, 5), "山田", "P1", 4, ""],
            [dt.datetime(2026, 11, 6), "山田", "P1", 2, "個"],
            [dt.datetime(2026, 11, 9), "山田", "P1", 4, "人日"]]
    make_xlsx(tmp_path / "a.xlsx", {"明細": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].tolist() == [8.0, 8.0, 4.0, 4.0]
    assert "単位" not in result.frame.columns  # the hours are in hours now
    got = [(i.code, i.row, i.column, i.value, i.rejected) for i in result.issues]
    assert got == [("bad_cell", 7, "単位", "個", True), ("hours_over_day", 8, "工数", "4 人日", True)]
    assert result.issues[1].message("ja") == "1日の工数が 24 時間を超えています: 4 人日"
    assert_balanced(result)


def test_a_plan_block_of_days_beside_the_actual_block_is_listed_not_counted(tmp_path):
    # 予定 1 … 30 and 実績 1 … 30 side by side under merged labels. Before: the second 1 … 30
    # read as the next month of a closing-day period, plan and actual added: P1 450 h for 210.
    days = list(range(1, 31))
    rows = [["2026年11月 工数表"], ["", "", "予定", *[""] * 29, "", "実績", *[""] * 29],
            ["案件", "作業", *days, "", *days, "合計"],
            ["P1", "開発", *[8] * 30, "", *[7] * 30, 210],
            ["P2", "保守", *[1] * 30, "", *[2] * 30, 60]]
    make_xlsx(tmp_path / "a.xlsx", {"山田": rows}, merges={"山田": [(1, 2, 1, 31), (1, 33, 1, 62)]})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert f.groupby("project")["hours"].sum().to_dict() == {"P1": 210.0, "P2": 60.0}
    assert (f["date"].min(), f["date"].max()) == (dt.datetime(2026, 11, 1), dt.datetime(2026, 11, 30))
    assert [(i.code, i.row, i.message("ja")) for i in result.issues] == [
        ("plan_columns", 3, "「予定」の列 (C〜AF列) は予定のため実績に数えません")]
    assert result.stats.sheets_skipped == 0
    assert_balanced(result)
    # 実績 first, 予定 after it: the plan days are not a 合計 column
    rows = [["2026年11月 工数表"], ["", "実績", *[""] * 29, "", "予定", *[""] * 29],
            ["案件", *days, "", *days], ["P1", *[7] * 30, "", *[8] * 30]]
    make_xlsx(tmp_path / "a.xlsx", {"山田": rows}, merges={"山田": [(1, 1, 1, 30), (1, 32, 1, 61)]})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].sum() == 210.0
    assert [(i.code, i.params["range"]) for i in result.issues] == [("plan_columns", "AG〜BJ")]


def test_a_day_grid_header_printed_again_is_not_a_row_of_hours(tmp_path):
    # 40 task rows, the 案件 | 作業 | 1 … 30 header printed again above row 21. Before: the
    # repeat was read as project 案件 with hours 1, 2, … 24 (300 h added, no error kept out).
    head = ["案件", "作業", *range(1, 31), "合計"]
    rows = [["2026年11月 工数表"], head]
    for i in range(40):
        if i == 20:
            rows.append(list(head))
        rows.append([f"P{i}", "開発", *[1] * 30, 30])
    make_xlsx(tmp_path / "a.xlsx", {"山田": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame["hours"].sum() == 1200.0 and "案件" not in set(result.frame["project"])
    assert [(i.code, i.row, i.severity) for i in result.issues] == [("repeated_header", 23, "info")]
    assert result.stats.rows_read == 40
    assert_balanced(result)


def test_a_unit_column_in_a_day_grid(tmp_path):
    # 案件 | 単位 | 1 … 30: P2 is in 人日. Before: 0.5 人日 a day read as 0.5 h (15 h for 120 h).
    rows = [["2026年11月 工数表"], ["案件", "単位", *range(1, 31), "合計"],
            ["P1", "時間", *[8] * 30, 240], ["P2", "人日", *[0.5] * 30, 15],
            ["P3", "個", *[1] * 30, 30], ["P4", "", *[1] * 30, 30]]
    make_xlsx(tmp_path / "a.xlsx", {"山田": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.groupby("project")["hours"].sum().to_dict() == {"P1": 240.0, "P2": 120.0, "P4": 30.0}
    assert [(i.code, i.row, i.column, i.value, i.rejected) for i in result.issues] == [
        ("bad_cell", 5, "単位", "個", True)]
    assert_balanced(result)
    assert ledgerkit.inspect(tmp_path)[0].sheets[0].mapping["hours"] == "日の列 (単位は 単位 列の値で時間に換算)"


def test_inspect_in_english_shows_units_and_month_entries_in_english():
    # long tables in 人日 and WBS month entries kept "= 時間" and "なし: … の月単位の記録" in English
    from ledgerkit.core import messages
    from ledgerkit.hours.frame import unit_text

    assert unit_text("人日", 8.0, "en") == "人日 × 8 = hours"
    assert messages.text("map_month_entries", "en", month="2026-10", date="2026-10-01") == (
        "none: entries for the month 2026-10 (dated 2026-10-01)")
    assert messages.text("map_unit_column", "en", hours="工数", column="単位") == (
        "工数 (turned into hours by the unit in column 単位)")
