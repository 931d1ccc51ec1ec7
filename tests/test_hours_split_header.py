"""Trial defects in ``ledgerkit aggregate`` (hours):

1. dates down, projects across, each project merged over 実績 | 予定 (a two-row header): each
   project's 実績 column is its hours, the 予定 columns are listed as a plan — never one long
   実績 column with the other projects' hours in unnamed extra columns; and a column of hours
   beside a long table's 工数 that nothing reads is a warning, never silent;
2. a long table's 合計 / 小計 rows are checked against the rows read above them.

Every workbook is generated here or in ``tests/layouts.py``; totals are exact per person ×
project × month."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app

import layouts as L
from sheets import make_xlsx

runner = CliRunner()


def totals(result) -> dict:
    f = result.frame
    return {k: round(v, 4) for k, v in f.groupby(["person", "project", "month"])["hours"].sum().items()}


def found(result) -> list[tuple]:
    return sorted((i.code, i.sheet, i.row or 0, i.severity) for i in result.issues)


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


# --- the trial's workbook, as its generator wrote it (openpyxl, merged header rows 4-5) -----------


def make_trial_book(path):
    """/work/tools/trial/make_books.py §1: 工数_2026年度_伊藤.xlsx, one sheet per month."""
    wb = Workbook()
    wb.remove(wb.active)
    projs = ["PJ-101", "PJ-205", "社内"]
    for mon, m in (("10月", 10), ("11月", 11)):
        ws = wb.create_sheet(mon)
        ws["A1"] = f"2026年{mon} 工数実績・予定表（開発第二課）"
        ws["A2"] = "担当：伊藤 翔"
        ws["A4"] = "日付"
        ws.merge_cells("A4:A5")
        ws["B4"] = "曜日"
        ws.merge_cells("B4:B5")
        for i, p in enumerate(projs):
            col = 3 + 2 * i
            ws.cell(4, col, p)
            ws.merge_cells(start_row=4, start_column=col, end_row=4, end_column=col + 1)
            ws.cell(5, col, "実績")
            ws.cell(5, col + 1, "予定")
        r, tot = 6, {}
        for d in range(1, 11):
            day = dt.date(2026, m, d)
            if day.weekday() >= 5:
                continue
            ws.cell(r, 1, day)
            ws.cell(r, 2, "月火水木金土日"[day.weekday()])
            vals = [(4, 4), (3, 3), (1, 1)]
            if d == 2:
                vals = [("5:30", 4), (2, 3), (0.5, 1)]
            if d == 5:
                vals = [("６", 4), (2, 3), (None, 1)]
            for i, (a, pl) in enumerate(vals):
                if a is not None:
                    ws.cell(r, 3 + 2 * i, a)
                ws.cell(r, 4 + 2 * i, pl)
                tot[projs[i]] = tot.get(projs[i], 0) + ({"5:30": 5.5, "６": 6}.get(a, a) or 0)
            r += 1
        ws.cell(r, 1, "合計")
        for i, p in enumerate(projs):
            ws.cell(r, 3 + 2 * i, tot[p])
            ws.cell(r, 4 + 2 * i, sum(ws.cell(k, 4 + 2 * i).value for k in range(6, r)))
    wb.save(path)


TRIAL_TRUTH = {("伊藤翔", p, m): h for m in ("2026-10", "2026-11")
               for p, h in (("PJ-101", 31.5), ("PJ-205", 19.0), ("社内", 5.5))}


def test_the_trial_workbook_reads_each_projects_actual_hours(tmp_path):
    path = tmp_path / "工数_2026年度_伊藤.xlsx"
    make_trial_book(path)
    result = ledgerkit.aggregate(path)
    assert totals(result) == TRIAL_TRUTH  # 56 h a month: PJ-101 31.5, PJ-205 19, 社内 5.5
    assert list(result.frame.columns[:9]) == ["date", "month", "person", "project", "task", "hours", "source_file",
                                              "source_sheet", "source_row"]
    assert not {"予定", "実績", "実績_2", "予定_2", "予定_3"} & set(result.frame.columns)
    plans = [i for i in result.issues if i.code == "plan_columns"]
    assert [(i.sheet, i.row, i.severity) for i in plans] == [("10月", 4, "info"), ("11月", 4, "info")]
    assert plans[0].message() == "「PJ-101 予定, PJ-205 予定, 社内 予定」の列 (D・F・H列) は予定のため実績に数えません"
    # the 合計 row agrees with the 実績 read: listed, no warning
    assert sorted((i.code, i.sheet, i.row) for i in result.issues if i.code != "plan_columns") == [
        ("total_row", "10月", 13), ("total_row", "11月", 13)]
    s = result.stats
    assert (s.rows_read, s.rows_consolidated, s.rows_rejected) == (14, 14, 0)


def test_the_trial_workbook_from_the_command_line(tmp_path):
    path = tmp_path / "工数_2026年度_伊藤.xlsx"
    make_trial_book(path)
    got = cli("inspect", path)
    assert got.exit_code == 0, got.output
    assert "  10月: hours / projects across, header row 4, 7 data rows" in got.output
    assert "      project      ← 3 列: PJ-101, PJ-205, 社内" in got.output
    assert "      hours        ← 案件の列の値 (実績の列)" in got.output
    english = cli("inspect", path, "--lang", "en")
    assert "      project      ← 3 columns: PJ-101, PJ-205, 社内" in english.output
    assert "      hours        ← the project columns' values (their 実績 columns)" in english.output
    out = tmp_path / "out.csv"
    got = cli("aggregate", path, "-o", out, "--strict")
    assert got.exit_code == 0, got.output
    assert "問題: エラー 0 件, 警告 0 件, 情報 4 件" in got.output


# --- variants: 計画 | 実績 swapped, a names row, a split 合計 column, a 合計 that disagrees ---------

MONTHS = {
    10: {"A-1001": {1: (7.5, 8), 2: ("5:30", 4), 5: (None, 2), 6: (2, 2)},
         "B-2002": {1: (0.5, 0), 2: (2.5, 4), 5: (8, 6), 6: ("６", 6)}},
    11: {"A-1001": {2: (8, 8), 4: (4.25, 4)}, "B-2002": {4: (3.75, 4)}},
}
MONTHS_TRUTH = {("山田太郎", "A-1001", "2026-10"): 15.0, ("山田太郎", "B-2002", "2026-10"): 17.0,
                ("山田太郎", "A-1001", "2026-11"): 12.25, ("山田太郎", "B-2002", "2026-11"): 3.75}


@pytest.mark.parametrize("sub, names, total_col, header_rows", [
    (("実績", "予定"), None, False, 2),
    (("計画", "実績"), None, False, 2),
    (("実績", "予定"), {"A-1001": "基幹刷新", "B-2002": "保守"}, False, 3),
    (("計画", "実績"), {"A-1001": "基幹刷新", "B-2002": "保守"}, True, 3),
    (("実績(h)", "予定(h)"), None, True, 2),
])
def test_projects_split_into_actual_and_plan(tmp_path, sub, names, total_col, header_rows):
    path = tmp_path / "工数_山田太郎_2026年度.xlsx"
    truth = L.make_split_projects(path, "山田太郎", 2026, MONTHS, sub=sub, names=names, total_col=total_col)
    assert truth == MONTHS_TRUTH
    result = ledgerkit.aggregate(path)
    assert totals(result) == MONTHS_TRUTH
    total_row = {10: 4 + header_rows + 4, 11: 4 + header_rows + 2}  # 4 and 2 days
    plan_cols = "C・E" if sub[0] == "計画" else "D・F"
    if total_col:
        plan_cols += "・G" if sub[0] == "計画" else "・H"
    want = sorted([("plan_columns", s, 4, "info") for s in ("10月", "11月")]
                  + [("total_row", f"{m}月", total_row[m], "info") for m in (10, 11)])
    assert sorted((i.code, i.sheet, i.row or 0, i.severity) for i in result.issues) == want
    plan = next(i for i in result.issues if i.code == "plan_columns")
    assert plan.params["range"] == plan_cols
    if names:
        assert set(result.frame["案件名"]) == {"基幹刷新", "保守"}
    (report,) = ledgerkit.inspect(path)
    assert report.sheets[0].layout == "projects across"


def test_a_split_projects_total_row_that_disagrees_is_a_warning(tmp_path):
    path = tmp_path / "工数_山田太郎_2026年度.xlsx"
    L.make_split_projects(path, "山田太郎", 2026, {10: MONTHS[10]}, wrong_total={"B-2002": 16})
    result = ledgerkit.aggregate(path)
    assert totals(result) == {k: v for k, v in MONTHS_TRUTH.items() if k[2] == "2026-10"}
    warned = [i for i in result.issues if i.severity == "warning"]
    assert [(i.code, i.row, i.column) for i in warned] == [("sheet_total_mismatch", 10, "B-2002 実績")]
    assert warned[0].message() == "シートの合計 16h が読み取った行の合計 17h と合いません (B-2002 実績)"
    assert cli("aggregate", path, "--strict").exit_code == 1
    assert cli("aggregate", path).exit_code == 0


def test_the_one_row_header_reads_the_same(tmp_path):
    """The control: the same sheet with a one-row header (実績 only) gave the right totals already."""
    rows = [["2026年10月 工数実績表"], ["担当：伊藤 翔"], [], ["日付", "曜日", "PJ-101", "PJ-205", "社内"]]
    for d in (1, 2, 5, 6, 7, 8, 9):
        day = dt.date(2026, 10, d)
        rows.append([day, "月火水木金土日"[day.weekday()], 4, 3, 1])
    rows.append(["合計", "", 28, 21, 7])
    make_xlsx(tmp_path / "工数_2026年10月_伊藤_単段.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "工数_2026年10月_伊藤_単段.xlsx")
    assert totals(result) == {("伊藤翔", "PJ-101", "2026-10"): 28.0, ("伊藤翔", "PJ-205", "2026-10"): 21.0,
                              ("伊藤翔", "社内", "2026-10"): 7.0}
    assert [i.code for i in result.issues] == ["total_row"]


def test_a_long_table_with_a_worked_and_plan_header_stays_long(tmp_path):
    """工数 over 実績 | 予定 with a 案件 column is a long table: its 実績 is the hours."""
    rows = [["日付", "氏名", "案件", "工数", "工数"], ["", "", "", "実績", "予定"],
            [dt.date(2026, 10, 1), "山田", "A-1", 7.5, 8], [dt.date(2026, 10, 2), "山田", "B-2", 6, 8]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows}, merges={"10月": [(0, 3, 0, 4)]})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 7.5, ("山田", "B-2", "2026-10"): 6.0}
    assert [(i.code, i.params.get("range")) for i in result.issues] == [("plan_columns", "E")]
    (report,) = ledgerkit.inspect(tmp_path / "a.xlsx")
    assert report.sheets[0].layout == "long"


# --- a column of hours read into nothing is never silent ------------------------------------------


@pytest.mark.parametrize("head, shown", [("移動時間", "移動時間"), ("", "E")])
def test_a_column_of_hours_nobody_reads_is_a_warning(tmp_path, head, shown):
    rows = [["日付", "氏名", "案件", "作業時間", head, "備考"],
            [dt.date(2026, 10, 1), "山田", "A-1", 7.5, 1.5, ""],
            [dt.date(2026, 10, 2), "山田", "A-1", 6, "0:45", "客先"],
            [dt.date(2026, 10, 5), "山田", "B-2", 8, "", ""]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 13.5, ("山田", "B-2", "2026-10"): 8.0}
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.row, issue.column) == ("unread_hours_column", "warning", 1, shown)
    assert issue.message() == (f"「{shown}」の列 (E列) に時間の値が 2 行 (計 2.25h) ありますが、どの工数にも数えていません — "
                               "工数の列なら見出しを [columns.hours] に加えるか、案件ごとの列なら見出しに案件コードを書いてください")
    got = cli("aggregate", tmp_path / "a.xlsx")
    assert got.exit_code == 0
    assert f"  警告: {tmp_path / 'a.xlsx'} / 10月 / 1行 / {shown}: " + issue.message() in got.output.splitlines()
    assert cli("aggregate", tmp_path / "a.xlsx", "--strict").exit_code == 1


def test_columns_that_are_not_hours_of_work_are_no_warning(tmp_path):
    rows = [["No", "日付", "氏名", "案件", "開始", "終了", "休憩", "作業時間", "予定"],
            [1, dt.date(2026, 10, 1), "山田", "A-1", dt.time(9), dt.time(18), "1:00", 8, 8],
            [2, dt.date(2026, 10, 2), "山田", "A-1", dt.time(9), dt.time(17), "1:00", 7, 8]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 15.0}
    assert [(i.code, i.params.get("range")) for i in result.issues] == [("plan_columns", "I")]


# --- 2. a long table's 合計 row is checked ----------------------------------------------------------


def _tanaka(last_hours="8:00", total="25:00"):
    """The trial's books_stale 田中 sheet: 有給 corrected to 8:00 after the 合計 was typed."""
    return [["作業実績報告書"], ["氏名", "田中 一郎"], [], ["作業日", "案件コード", "作業内容", "作業時間", "備考"],
            ["令和8年10月1日", "PJ-101", "設計", "7:30", ""], ["令和8年10月2日", "PJ-101", "設計", "8:00", ""],
            ["R8.10.5", "PJ-205", "レビュー", "2:15", ""], ["令和8年10月5日", "PJ-101", "実装", "5:45", ""],
            ["令和8年10月6日", "PJ-101", "実装", last_hours, "有給休暇"],
            ["令和8年10月7日", "ＰＪ－２０５", "打合せ", "１．５", ""], ["合計", "", "", total, ""]]


def test_a_long_tables_total_row_that_disagrees_is_a_warning(tmp_path):
    path = make_xlsx(tmp_path / "工数_2026年10月_田中.xlsx", {"10月分": _tanaka()})
    result = ledgerkit.aggregate(path)
    assert totals(result) == {("田中一郎", "PJ-101", "2026-10"): 29.25, ("田中一郎", "PJ-205", "2026-10"): 3.75}
    assert found(result) == [("sheet_total_mismatch", "10月分", 11, "warning"), ("total_row", "10月分", 11, "info")]
    (warned,) = [i for i in result.issues if i.severity == "warning"]
    assert (warned.column, warned.value) == ("作業時間", "25:00")
    assert warned.message() == "シートの合計 25:00 が読み取った行の合計 33:00 と合いません (作業時間)"
    assert warned.message("en") == "the sheet's own total 25:00 differs from the rows read, which add up to 33:00 (作業時間)"
    assert cli("aggregate", path).exit_code == 0
    assert cli("aggregate", path, "--strict").exit_code == 1


@pytest.mark.parametrize("last, total", [("8:00", "33:00"), ("有給", "25:00"), ("8:00", 33), ("8:00", dt.time(9))])
def test_a_long_tables_total_row_that_agrees_says_nothing(tmp_path, last, total):
    """Equal to the rows read, or to them with a rejected row's hours (its error says it); a time
    cell of 33:00 is written as 1900-01-01 09:00 under h:mm."""
    rows = _tanaka(last, total)
    path = tmp_path / "a.xlsx"
    make_xlsx(path, {"10月分": rows})
    if isinstance(total, dt.time):  # 33:00 in an h:mm cell: the serial 1.375
        import openpyxl
        wb = openpyxl.load_workbook(path)
        wb["10月分"]["D11"] = 1.375
        wb["10月分"]["D11"].number_format = "h:mm"
        wb.save(path)
    result = ledgerkit.aggregate(path)
    assert not [i for i in result.issues if i.code == "sheet_total_mismatch"]
    assert ("total_row", 11) in [(i.code, i.row) for i in result.issues]


@pytest.mark.parametrize("grand", ["27:30", "28:00"])
def test_subtotals_per_person_and_a_grand_total(tmp_path, grand):
    """Each 小計 against its person's rows; the 合計 under them against the whole table."""
    d = dt.date(2026, 10, 1)
    rows = [["日付", "氏名", "案件", "時間"],
            [d, "山田", "A-1", "7:30"], [d + dt.timedelta(1), "山田", "A-1", "8:00"], ["小計", "山田", "", "15:30"],
            [d, "佐藤", "B-2", "6:00"], [d + dt.timedelta(1), "佐藤", "B-2", "6:00"], ["小計", "佐藤", "", "13:00"],
            ["合計", "", "", grand]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 15.5, ("佐藤", "B-2", "2026-10"): 12.0}
    warned = {i.row: i.params for i in result.issues if i.code == "sheet_total_mismatch"}
    want = {7: {"total": "13:00", "sum": "12:00", "field": "時間"}}
    if grand == "28:00":
        want[8] = {"total": "28:00", "sum": "27:30", "field": "時間"}
    assert warned == want
    assert sorted((i.code, i.row) for i in result.issues if i.code != "sheet_total_mismatch") == [
        ("total_row", 4), ("total_row", 7), ("total_row", 8)]


def test_a_project_column_of_mostly_notes_is_a_warning_with_its_hours(tmp_path):
    """Projects across: a column under a code whose cells are mostly words is no project column;
    the hours in it are said, never dropped unsaid."""
    rows = [["2026年10月 工数"], ["氏名", "山田"], [], ["日付", "曜日", "A-1", "B-2"],
            [dt.date(2026, 10, 1), "木", 7.5, "客先"], [dt.date(2026, 10, 2), "金", 8, "3"],
            [dt.date(2026, 10, 5), "月", 6, "打合せ"], [dt.date(2026, 10, 6), "火", 8, "移動"]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {("山田", "A-1", "2026-10"): 29.5}
    (issue,) = result.issues
    assert (issue.code, issue.severity, issue.column, issue.params["range"], issue.params["sum"]) == (
        "unread_hours_column", "warning", "B-2", "D", "3h")
