"""Issue 13, effort hours: the layouts real 工数 files use, each on a workbook written the way Excel
writes it (``tests/layouts.py``), with exact totals per person × project × month, the issues
listed, the exit code of the CLI and the line ``inspect`` prints for the layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.config import Config

import layouts as L
from sheets import make_xlsx

runner = CliRunner()
HOURS = {"A-1001": {1: 7.5, 2: 8, 5: 4}, "B-2002": {5: 4, 6: 8}, "C-3003": {7: 2.5}}


def totals(result) -> dict:
    f = result.frame
    return {k: round(v, 4) for k, v in f.groupby(["person", "project", "month"])["hours"].sum().items()}


def found(result, *, severity=None) -> list[tuple]:
    return sorted((i.code, i.row or 0) for i in result.issues if severity is None or i.severity == severity)


def assert_balanced(result):
    s = result.stats
    assert s.rows_read == s.rows_consolidated + s.rows_rejected, s


def sheet_of(path, **kwargs):
    (report,) = ledgerkit.inspect(path, **kwargs)
    return report.sheets[0]


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


# --- §2.1 dates down, projects across ---------------------------------------------------------


@pytest.mark.parametrize("how", ["cell", "file name", "names row"])
def test_dates_down_projects_across(tmp_path, how):
    path = tmp_path / "工数_山田_2026年10月.xlsx"
    truth = L.make_projects_across(path, "山田", 2026, 10, HOURS, person_in_cell=how != "file name",
                                   names={"A-1001": "基幹刷新", "B-2002": "保守"} if how == "names row" else None)
    result = ledgerkit.aggregate(path)
    assert totals(result) == truth
    # the day rows with hours are read, the empty days (weekends) are no data; the 合計 row is listed
    total_row = 36 + (how == "names row")
    assert found(result) == [("total_row", total_row)]
    assert result.stats.rows_read == 5
    assert_balanced(result)
    sheet = sheet_of(path)
    assert (sheet.kind, sheet.layout, sheet.header_row) == ("hours", "projects across", 4)
    assert sheet.mapping["person"] == {"cell": "山田 (セル B2)", "file name": "山田 (ファイル名)",
                                       "names row": "山田 (セル B2)"}[how]
    if how == "names row":
        assert sheet.mapping["project"] == "3 列: A-1001 (基幹刷新), B-2002 (保守), C-3003"
        assert sorted(set(result.frame["案件名"])) == ["", "保守", "基幹刷新"]


def test_projects_across_from_the_command_line(tmp_path):
    path = tmp_path / "工数_山田_2026年10月.xlsx"
    L.make_projects_across(path, "山田", 2026, 10, HOURS)
    out = cli("aggregate", path, "-o", tmp_path / "r.xlsx", "--strict")
    assert out.exit_code == 0, out.output
    lines = out.output.strip().splitlines()
    assert lines[-3:] == ["問題: エラー 0 件, 警告 0 件, 情報 1 件",
                          "ファイル 読込 1 / スキップ 0, シート 1: 読んだ行 5 = 集計 5 + 除外 0",
                          f"{tmp_path / 'r.xlsx'} を書き出しました"]
    out = cli("inspect", path, "--kind", "hours")
    assert "  10月: hours / projects across, header row 4, 5 data rows" in out.output.splitlines()


def test_projects_across_totals_that_disagree_are_warnings(tmp_path):
    rows = [["2026年10月 工数"], ["氏名", "山田"], [],
            ["日付", "曜日", "A-1", "B-2", "合計"],
            [dt.date(2026, 10, 1), "木", 7.5, 0.5, 8],
            [dt.date(2026, 10, 2), "金", "", 8, 9],          # the day's 合計 says 9: the cells say 8
            [dt.date(2026, 10, 5), "月", "半日", 4, 4],        # an unreadable cell: an error, the row kept
            [dt.date(2026, 10, 6), "火", 8, "", 8],
            [dt.date(2026, 10, 7), "水", 8, "", 8],
            [dt.date(2026, 10, 8), "木", 8, "", 8],
            [dt.date(2026, 10, 9), "金", 8, "", 8],
            ["合計", "", 39.5, 13, 53]]                        # B-2 is 12.5
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 39.5, ("山田", "B-2", "2026-10"): 12.5}
    got = sorted((i.code, i.row, i.column, i.severity, i.rejected) for i in result.issues)
    assert got == [("bad_cell", 7, "A-1", "error", False),
                   ("sheet_total_mismatch", 6, "合計", "warning", False),
                   ("sheet_total_mismatch", 12, "B-2", "warning", False),
                   ("sheet_total_mismatch", 12, "合計", "warning", False),
                   ("total_row", 12, "", "info", False)]
    assert_balanced(result)


def test_projects_across_with_a_person_column_and_codes_under_one_label(tmp_path):
    # 案件 merged over the codes, the codes in the row below; one 氏名 column: a team's sheet
    rows = [["日付", "氏名", "案件", "", "", "備考"],
            ["", "", "P-1", "P-2", "P-3", ""],
            ["10/1", "山田", 3, 5, "", ""],
            ["10/1", "佐藤", "", "", 8, "客先"],
            ["10/2", "山田", "4:30", "", "", ""]]
    make_xlsx(tmp_path / "チーム_2026年10月.xlsx", {"10月": rows}, merges={"10月": [(0, 2, 0, 4)]})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {("佐藤", "P-3", "2026-10"): 8.0, ("山田", "P-1", "2026-10"): 7.5,
                              ("山田", "P-2", "2026-10"): 5.0}
    assert result.frame.loc[result.frame["person"] == "佐藤", "備考"].tolist() == ["客先"]
    assert found(result) == []


def test_projects_across_as_people_write_them(tmp_path):
    # day numbers under 日 (the month in the sheet name), h:mm text and time cells, a 計 row
    make_xlsx(tmp_path / "工数_山田.xlsx", {"2026年10月": [
        ["日", "曜", "社内", "A社保守", "B社開発", "計"], [1, "木", "1:00", "2:30", "4:30", 8],
        [2, "金", "", dt.time(8, 0), "", 8], ["計", "", 1, 10.5, 4.5, 16]]})
    # dates with their weekday as text, 休 on a day off, 開始 | 終了 | 休憩 beside the projects
    make_xlsx(tmp_path / "工数表_佐藤.xlsx", {"工数": [
        ["2026年10月 工数表"], ["日付", "開始", "終了", "休憩", "A-1", "B-2", "備考"],
        ["10/1(木)", "9:00", "18:00", "1:00", 8, "", "x"], ["10/2(金)", "9:00", "18:00", "1:00", 4, 4, ""],
        ["10/3(土)", "", "", "", "休", "", ""]]})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {("山田", "A社保守", "2026-10"): 10.5, ("山田", "B社開発", "2026-10"): 4.5,
                              ("山田", "社内", "2026-10"): 1.0, ("佐藤", "A-1", "2026-10"): 12.0,
                              ("佐藤", "B-2", "2026-10"): 4.0}
    assert [(Path(i.file).name, i.code, i.row) for i in result.issues] == [("工数_山田.xlsx", "total_row", 4)]
    assert_balanced(result)


def test_a_kintai_sheet_is_not_projects_across(tmp_path):
    # 出勤 | 退勤 | 休憩 | 実働 hold times, which read as hours: their headers say they are no project
    L.make_kintai(tmp_path / "勤務表_山田.xlsx", 2026, 10, L.office_days(2026, 10), person="山田")
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    assert result.frame.empty
    # not hours; and since the sheet holds a block of figures, a warning names it (issue 13 §1)
    assert [(i.code, i.severity) for i in result.issues] == [("no_table", "info"), ("unread_data", "warning")]


# --- §2.1 projects down, days across: the variants that were refused --------------------------


VARIANTS = {
    "no label header": dict(label=""),
    "業務 over the projects": dict(label="業務"),
    "dates as headers": dict(day_headers="dates"),
    "10/1 as text": dict(day_headers="m/d"),
    "日 over the days": dict(day_label_above=True),
    "person in the file name": dict(person_in_cell=False),
    "a 合計 row": dict(total_row=True),
    "all at once": dict(label="PJ名称", day_headers="dates", day_label_above=True, person_in_cell=False,
                        total_row=True),
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_days_across_variants(tmp_path, variant):
    path = tmp_path / "工数_田中_2026年10月.xlsx"
    truth = L.make_days_across_variant(path, "田中", 2026, 10, HOURS, **VARIANTS[variant])
    result = ledgerkit.aggregate(path)
    assert totals(result) == truth
    assert_balanced(result)
    assert result.errors == [] and result.warnings == []
    sheet = sheet_of(path)
    assert (sheet.layout, sheet.rows_read) == ("grid", 3)
    label = VARIANTS[variant].get("label", "案件")
    assert sheet.mapping["project"] == (label or "A")


def test_text_day_headers_take_their_month_and_the_year_written_alone(tmp_path):
    days = [*[f"12/{d}" for d in range(21, 32)], *[f"1/{d}" for d in range(1, 21)]]
    rows = [["案件", *days], ["A-1", 8, *[""] * 10, 4]]
    make_xlsx(tmp_path / "工数_2026年度.xlsx", {"山田": rows})
    f = ledgerkit.aggregate(tmp_path).frame
    assert f["date"].tolist() == [dt.datetime(2026, 12, 21), dt.datetime(2027, 1, 1)]


# --- §2.2 a personal 工数表 with the person nowhere in the cells --------------------------------


def test_person_from_the_file_name_or_person_option(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    L.make_personal_hours(tmp_path / "a" / "作業実績_高橋_2026年10月.xlsx", 2026, 10, [(1, "A-1", 8), (2, "A-1", 4)])
    L.make_personal_hours(tmp_path / "b" / "作業実績_2026年10月.xlsx", 2026, 10, [(1, "A-1", 8), (2, "B-2", 4)])
    assert totals(ledgerkit.aggregate(tmp_path / "a")) == {("高橋", "A-1", "2026-10"): 12.0}
    # nowhere: one error that names both ways
    result = ledgerkit.aggregate(tmp_path / "b")
    assert result.frame.empty
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.scope) == ("no_person_given", "error", "sheet")
    assert "ファイル名" in issue.message() and "--person" in issue.message() and "[read] person" in issue.message()
    config = Config()
    config.data["read"]["person"] = "伊藤"
    result = ledgerkit.aggregate(tmp_path / "b", config=config)
    assert totals(result) == {("伊藤", "A-1", "2026-10"): 8.0, ("伊藤", "B-2", "2026-10"): 4.0}
    out = cli("aggregate", tmp_path / "b", "--person", "伊藤", "-o", tmp_path / "r.csv", "--strict")
    assert out.exit_code == 0, out.output
    out = cli("inspect", tmp_path / "b", "--person", "伊藤")
    assert "      person       ← 伊藤 (--person / [read] person)" in out.output.splitlines()


@pytest.mark.parametrize("value", ["6 days, 16:30:00", dt.time(16, 30), "合計", "承認", 168.5])
def test_never_a_time_total_or_label_as_the_person(tmp_path, value):
    # 氏名 left empty, the month total (or a label) to its right
    rows = [["作業報告書"], ["氏名", "", "", value], [], ["日付", "案件", "工数"], ["2026/10/1", "A-1", 8]]
    make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"Sheet1": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.empty
    assert [i.code for i in result.issues] == ["no_person_given"]
    make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"Sheet1": rows})
    (tmp_path / "工数_2026年10月.xlsx").rename(tmp_path / "工数_小林_2026年10月.xlsx")
    assert ledgerkit.aggregate(tmp_path).frame["person"].tolist() == ["小林"]


# --- §2.6 a WBS with 工数(人日), 予定 and 実績 under a two-row header ----------------------------


def test_wbs_reads_actuals_in_person_days_for_its_month(tmp_path):
    tasks = [("設計", "山田", "A-1", 3, 2.5), ("実装", "佐藤", "A-1", 5, 6), ("試験", "山田", "B-2", 2, 0.5)]
    truth = L.make_wbs(tmp_path / "wbs.xlsx", 2026, 10, tasks)
    result = ledgerkit.aggregate(tmp_path / "wbs.xlsx")
    assert totals(result) == truth == {("山田", "A-1", "2026-10"): 20.0, ("佐藤", "A-1", "2026-10"): 48.0,
                                       ("山田", "B-2", "2026-10"): 4.0}
    f = result.frame
    assert set(f["date"]) == {dt.datetime(2026, 10, 1)} and set(f["period"]) == {"month"}
    assert sorted(f["task"]) == sorted(["設計", "実装", "試験"])
    assert [(i.code, i.row) for i in result.issues] == [("plan_columns", 3), ("month_entries", None), ("total_row", 8)]
    plan = result.issues[0]
    assert plan.message() == "「工数(人日) 予定」の列 (E列) は予定のため実績に数えません"
    sheet = sheet_of(tmp_path / "wbs.xlsx")
    assert (sheet.layout, sheet.header_row, sheet.rows_read) == ("month list (WBS)", 3, 3)
    assert sheet.mapping["hours"] == "工数(人日) 実績 (工数(人日) × 8 = 時間)"
    out = cli("aggregate", tmp_path / "wbs.xlsx", "-o", tmp_path / "r.xlsx")
    assert out.exit_code == 0
    assert out.output.strip().splitlines()[-2] == "ファイル 読込 1 / スキップ 0, シート 1: 読んだ行 3 = 集計 3 + 除外 0"


def test_wbs_in_days_with_hours_per_day_from_the_config(tmp_path):
    rows = [["WBS 2026年11月"], ["タスク", "担当", "予定工数(日)", "実績工数(日)"],
            ["要件定義", "", 3, 2],            # a phase over its tasks: its 2 days are theirs
            ["ヒアリング", "山田", 1, 1.5], ["要件書", "山田", 2, 0.5],
            ["設計", "佐藤", 2, ""]]            # not started: no hours, no row
    make_xlsx(tmp_path / "plan.xlsx", {"WBS": rows})
    config = Config()
    config.data["hours"]["hours_per_day"] = 7.5
    result = ledgerkit.aggregate(tmp_path, config=config)
    assert totals(result) == {("山田", "", "2026-11"): 15.0}
    assert [(i.code, i.row) for i in result.issues] == [("plan_columns", 2), ("month_entries", None),
                                                       ("total_row", 3)]


def test_wbs_without_a_month_is_refused(tmp_path):
    rows = [["タスク", "担当", "工数(人日)"], ["設計", "山田", 1]]
    make_xlsx(tmp_path / "plan.xlsx", {"WBS": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert result.frame.empty and [(i.code, i.severity) for i in result.issues] == [("no_month", "error")]


def test_month_entries_across_files(tmp_path):
    tasks = [("設計", "山田", "A-1", 3, 2)]
    L.make_wbs(tmp_path / "wbs.xlsx", 2026, 10, tasks)
    # the same WBS saved again: counted once
    L.make_wbs(tmp_path / "wbs(1).xlsx", 2026, 10, tasks + [("レビュー", "佐藤", "A-1", 1, 1)])
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {("山田", "A-1", "2026-10"): 16.0, ("佐藤", "A-1", "2026-10"): 8.0}
    # wbs(1).xlsx is named as a copy of wbs.xlsx and differs from it: said once, then its repeat
    assert [(Path(i.file).name, i.code) for i in result.warnings] == [
        ("wbs(1).xlsx", "copy_differs"), ("wbs(1).xlsx", "duplicate_entry")]
    # a day's entry on the 1st is never the repeat of a month's entry
    make_xlsx(tmp_path / "日報_山田.xlsx", {"山田": [["日付", "案件", "作業", "工数"], ["2026/10/1", "A-1", "設計", 12]]})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result)[("山田", "A-1", "2026-10")] == 28.0
    assert sorted(i.code for i in result.warnings) == ["copy_differs", "duplicate_entry", "month_entries_overlap"]


def test_month_entries_that_sum_the_daily_rows_are_a_summary(tmp_path):
    make_xlsx(tmp_path / "工数.xlsx", {
        "明細": [["日付", "氏名", "案件", "工数"], ["2026/10/1", "山田", "A-1", 8], ["2026/10/2", "山田", "A-1", 4]],
        "10月": [["2026年10月 案件別"], ["氏名", "案件", "作業", "工数"], ["山田", "A-1", "開発", 12]],
    })
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {("山田", "A-1", "2026-10"): 12.0}
    assert [(i.sheet, i.code, i.rejected) for i in result.warnings] == [("10月", "summary_rows", True)]
    assert_balanced(result)


# --- §1 not data is not read as data ------------------------------------------------------------


@pytest.mark.parametrize("make", [L.make_table_definition, L.make_table_definition_horizontal])
def test_a_database_definition_gives_no_hours_and_no_errors(tmp_path, make):
    make(tmp_path / "テーブル定義書.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    assert result.frame.empty and result.stats.rows_read == 0
    issue, whole = result.issues
    assert (issue.code, issue.severity) == ("not_hours_table", "info")
    # the file gave no row at all: named on the terminal, with its sheet's reason (issue 13 §1)
    assert (whole.code, whole.severity, whole.scope) == ("file_no_rows", "warning", "file")
    assert "データベースの定義書です" in whole.message()
    assert issue.message().startswith("工数の表ではありません: データベースの定義書です (型 ")
    assert "DATE, TIME" in issue.message() or "DECIMAL(10,0)" in issue.message()
    (report,) = ledgerkit.inspect(tmp_path, kind="hours")
    assert report.sheets[0].kind == "" and report.sheets[0].issues == [issue]


def test_a_header_alone_does_not_make_an_hours_table(tmp_path):
    # a test list: 実施日 over ○/×, 時間 over the tester's remarks
    rows = [["No", "テスト項目", "実施日", "時間", "結果"], [1, "ログイン", "○", "午前", "OK"],
            [2, "検索", "×", "午後", "NG"], [3, "出力", "未", "-", ""]]
    make_xlsx(tmp_path / "試験一覧.xlsx", {"試験": rows})
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    assert result.frame.empty
    assert [(i.code, i.severity) for i in result.issues] == [("not_hours_table", "info"), ("file_no_rows", "warning")]
    assert result.issues[0].message() == ("工数の表ではありません: 「時間」の値で時間として読めるのは 0/2 個、"
                                          "「実施日」の値で日付として読めるのは 0/2 個 です")


# --- §4 sheet names are hints, the content decides ------------------------------------------


def test_helper_and_summary_sheets_are_judged_by_their_content(tmp_path):
    truth = L.make_named_sheets(tmp_path / "工数.xlsx", 2026, 10)
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == truth == {("山田", "A-1", "2026-10"): 14.0, ("山田", "B-2", "2026-10"): 2.0,
                                       ("佐藤", "B-2", "2026-10"): 11.5}
    rules = {i.sheet: (i.code, i.params.get("rule"), i.severity) for i in result.issues if i.scope == "sheet"}
    assert rules == {"工数マスタ": ("named_sheet_read", "content", "info"),
                     "月次集計": ("summary_sheet", "name+formulas", "info"),
                     "集計用テンプレート": ("helper_sheet", "name", "info"),
                     "祝日": ("helper_sheet", "name", "info")}
    messages = {i.sheet: i.message() for i in result.issues if i.scope == "sheet"}
    assert messages["月次集計"] == ("他のシートを集計するシートのため数えません (判定: シート名「月次集計」+ 他のシートを参照する数式 2 個)"
                                " — 数えると二重になります")
    assert messages["集計用テンプレート"] == "補助シート(集計用テンプレート、判定: シート名)のためデータではありません"
    assert "判定: 内容" in messages["工数マスタ"]


def test_a_list_that_looks_values_up_in_another_sheet_is_data(tmp_path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp_path / "工数.xlsx"))
    ws = wb.add_worksheet("工数リスト")
    ws.write_row(0, 0, ["日付", "氏名", "案件", "案件名", "工数"])
    for r, (day, hours) in enumerate(((1, 8), (2, 6.5)), start=1):
        ws.write_string(r, 0, f"2026/10/{day}")
        ws.write_row(r, 1, ["山田", "A-1"])
        ws.write_formula(r, 3, f"=VLOOKUP(C{r + 1},案件マスタ!A:B,2,FALSE)", None, "基幹刷新")
        ws.write_number(r, 4, hours)
    master = wb.add_worksheet("案件マスタ")
    master.write_row(0, 0, ["案件", "案件名"])
    master.write_row(1, 0, ["A-1", "基幹刷新"])
    wb.close()
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {("山田", "A-1", "2026-10"): 14.5}
    rules = {i.sheet: (i.code, i.params.get("rule")) for i in result.issues}
    assert rules == {"工数リスト": ("named_sheet_read", "content"), "案件マスタ": ("helper_sheet", "name")}
    note = next(i for i in result.issues if i.sheet == "工数リスト")
    assert "他のシートを参照する数式 (2 個) は集計ではなく参照" in note.message()


def test_a_summary_written_as_values_is_a_warning_when_nothing_reads_it(tmp_path):
    rows = [["案件", "10月", "11月", "12月"], ["A-1", 120, 98, 110], ["B-2", 20, 31, 12.5]]
    make_xlsx(tmp_path / "a.xlsx", {"月次集計": rows})
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.params["rule"]) == ("helper_sheet", "warning", "name+figures")
    assert "数値 6 個 (B2:D3)" in issue.message()


def _csv_rows(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_csv_named_like_a_summary_or_a_helper_is_read_by_its_content(tmp_path):
    # a CSV has no sheet name: its file name (集計.csv, 月次集計.csv, カレンダー) named no helper sheet.
    # Before, 集計.csv was noted as a summary read after all, and 工数_カレンダー形式.csv not read at all
    header = "日付,氏名,案件,工数"
    data = tmp_path / "data"
    data.mkdir()
    _csv_rows(data / "集計.csv", [header, "2026-10-01,山田,A-1,8", "2026-10-02,山田,A-1,7.5", "2026-10-02,佐藤,B-2,4"])
    _csv_rows(data / "月次集計.csv", [header, "2026-10-05,鈴木,A-1,3"])
    _csv_rows(data / "工数_カレンダー形式.csv", [header, "2026-10-06,田中,B-2,2"])
    r = runner.invoke(app, ["aggregate", str(data), "-o", str(tmp_path / "out" / "rows.csv")])
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[-2:] == ["ファイル 読込 3 / スキップ 0, シート 3: 読んだ行 5 = 集計 5 + 除外 0",
                                          f"{tmp_path / 'out' / 'rows.csv'} を書き出しました"]
    result = ledgerkit.aggregate(data)
    assert result.issues == []
    assert totals(result) == {("山田", "A-1", "2026-10"): 15.5, ("佐藤", "B-2", "2026-10"): 4.0,
                              ("鈴木", "A-1", "2026-10"): 3.0, ("田中", "B-2", "2026-10"): 2.0}
    assert_balanced(result)


def test_a_csv_summary_of_figures_is_still_no_hours_table(tmp_path):
    # read by content, a summary's figures (案件 × 月, nobody's hours) are still no table of hours
    _csv_rows(tmp_path / "月次集計.csv", ["案件,10月,11月,12月", "A-1,120,98,110", "B-2,20,31,12.5"])
    result = ledgerkit.aggregate(tmp_path, kind="hours", skip_bad=True)
    assert result.frame.empty and result.stats.rows_read == 0
    assert [(i.code, i.sheet, i.severity) for i in result.issues] == [
        ("no_table", "月次集計", "info"), ("file_no_rows", "", "warning")]


# --- one folder of every layout ----------------------------------------------------------------


def test_a_folder_of_every_hours_layout(tmp_path):
    truth: dict = {}
    truth.update(L.make_projects_across(tmp_path / "工数_山田_2026年10月.xlsx", "山田", 2026, 10, HOURS))
    truth.update(L.make_projects_across(tmp_path / "工数_佐藤_2026年10月.xlsx", "佐藤", 2026, 10, HOURS,
                                        person_in_cell=False))
    truth.update(L.make_days_across_variant(tmp_path / "工数_田中_2026年10月.xlsx", "田中", 2026, 10, HOURS,
                                            **VARIANTS["all at once"]))
    truth.update(L.make_days_across(tmp_path / "days.xlsx", "伊藤", 2026, 10, HOURS))
    wbs = L.make_wbs(tmp_path / "wbs.xlsx", 2026, 11, [("設計", "鈴木", "A-1001", 3, 2.5)])
    truth.update(wbs)
    L.make_table_definition(tmp_path / "テーブル定義書.xlsx")
    L.make_table_definition_horizontal(tmp_path / "テーブル定義書_横.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="hours")
    assert totals(result) == truth
    # no error; the two definition files, which give no row, are each named once (issue 13 §1)
    assert result.errors == []
    assert sorted((Path(i.file).name, i.code) for i in result.warnings) == [
        ("テーブル定義書.xlsx", "file_no_rows"), ("テーブル定義書_横.xlsx", "file_no_rows")]
    assert sorted((Path(i.file).name, i.code) for i in result.issues if i.scope == "sheet") == [
        ("wbs.xlsx", "month_entries"), ("テーブル定義書.xlsx", "not_hours_table"),
        ("テーブル定義書_横.xlsx", "not_hours_table")]
    assert_balanced(result)
    layouts = {Path(r.path).name: r.sheets[0].layout for r in ledgerkit.inspect(tmp_path, kind="hours")}
    assert layouts == {"工数_山田_2026年10月.xlsx": "projects across", "工数_佐藤_2026年10月.xlsx": "projects across",
                       "工数_田中_2026年10月.xlsx": "grid", "days.xlsx": "grid", "wbs.xlsx": "month list (WBS)",
                       "テーブル定義書.xlsx": "", "テーブル定義書_横.xlsx": ""}


def test_a_definition_among_attendance_sheets_never_decides_the_kind(tmp_path):
    """Issue 13 §1: under --kind auto a database design document made the whole run 'hours',
    every attendance row was dropped and the run said 集計 0. The kind goes by the rows read."""
    truth = {}
    truth.update(L.make_kintai(tmp_path / "勤務表_高橋美咲_2026年10月.xlsx", 2026, 10, L.office_days(2026, 10),
                               person="高橋 美咲"))
    truth.update(L.make_kintai(tmp_path / "勤務表_鈴木一郎_2026年10月.xlsx", 2026, 10,
                               L.office_days(2026, 10, limit=16), person="鈴木 一郎"))
    L.make_table_definition_horizontal(tmp_path / "テーブル定義書.xlsx")
    result = ledgerkit.aggregate(tmp_path, kind="auto")
    assert result.kind == "attendance"
    got = result.frame.groupby(["person", result.frame["date"].map(lambda d: f"{d.year}-{d.month:02d}")])["hours"].sum()
    assert {(p.replace(" ", ""), m): h for (p, m), h in got.items()} == {
        (p.replace(" ", ""), m): h for (p, m), h in truth.items()}
    assert result.errors == []
    assert [(Path(i.file).name, i.code) for i in result.warnings] == [("テーブル定義書.xlsx", "file_no_rows")]
