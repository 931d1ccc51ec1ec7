"""Effort hours: each layout and cell form, the skip rules, and the accounting invariant."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import ledgerkit
from ledgerkit.intake.door import UnreadableFilesError
from ledgerkit.intake.files import collect_inputs

from sheets import grid_rows, make_xlsx


def totals(result, by="project"):
    return result.frame.groupby(by)["hours"].sum().round(4).to_dict()


def codes(result):
    return sorted((i.code, i.sheet, i.row) for i in result.issues)


def assert_balanced(result):
    s = result.stats
    assert s.rows_read == s.rows_consolidated + s.rows_rejected, s


# --- long tables ------------------------------------------------------------------------


def test_long_table_with_title_rows_and_cell_forms(tmp_path):
    rows = [
        ["2026年10月 工数報告"],
        [],
        ["日付", "氏名", "案件コード", "作業", "工数(h)"],
        [dt.date(2026, 10, 1), "山田　太郎", "0012", "設計", 7.5],
        ["2026/10/02", " 山田 太郎 ", "0012", "設計", "7:30"],
        ["R8.10.5", "山田太郎", "A-1", "設計", "7時間30分"],
        ["令和8年10月6日", "山田太郎", "A-1", "設計", "７．５"],
        ["2026年10月7日", "山田太郎", "A-1", "設計", "7.5h"],
        ["10/8", "山田太郎", "A-1", "設計", dt.time(7, 30)],
        ["9", "山田太郎", "A-1", "設計", 1],
        ["合計", "", "", "", 46],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"Sheet1": rows})
    result = ledgerkit.aggregate(tmp_path)
    f = result.frame
    assert list(f.columns[:9]) == [
        "date", "month", "person", "project", "task", "hours", "source_file", "source_sheet", "source_row"
    ]
    assert set(f["person"]) == {"山田太郎"}
    assert totals(result) == {"0012": 15.0, "A-1": 31.0}
    # codes keep their leading zeros; day-only and year-less dates take the title's month
    assert sorted(f["date"].dt.strftime("%Y-%m-%d")) == [
        "2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07", "2026-10-08", "2026-10-09"
    ]
    assert sorted(f["source_row"]) == [4, 5, 6, 7, 8, 9, 10]
    assert ("total_row", "Sheet1", 11) in codes(result)
    assert result.stats.rows_read == 7
    assert_balanced(result)


def test_unreadable_cells_are_rejected_with_their_location(tmp_path):
    rows = [
        ["日付", "氏名", "案件", "工数"],
        ["2026/10/01", "山田", "A", "午後半休"],
        ["2026/13/01", "山田", "A", 3],
        ["2026/10/02", "", "A", 3],
        ["2026/10/03", "山田", "A", ""],
        ["2026/10/04", "山田", "A", 30],
        ["2026/10/05", "山田", "A", 2],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A": 2.0}
    rejected = {(i.row, i.code, i.column) for i in result.issues if i.rejected}
    assert rejected == {
        (2, "bad_cell", "工数"),
        (3, "bad_cell", "日付"),
        (4, "missing_value", "氏名"),
        (5, "missing_value", "工数"),
        (6, "hours_over_day", "工数"),
    }
    bad = next(i for i in result.issues if i.row == 2)
    assert bad.file.endswith("a.xlsx") and bad.sheet == "10月" and bad.value == "午後半休"
    assert bad.message("en") == "cannot read 工数: '午後半休'"
    assert_balanced(result)


def test_two_row_merged_header(tmp_path):
    rows = [
        ["作業実績"],
        ["日付", "担当", "案件", "工数", ""],
        ["", "", "", "予定", "実績(h)"],
        ["2026-10-01", "佐藤", "B", 8, 6.5],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows}, merges={"s": [(1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 1, 4)]})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"B": 6.5}
    assert result.frame["source_row"].tolist() == [4]


def test_person_from_a_cell_above_a_long_table(tmp_path):
    rows = [["作業報告書"], ["氏名", "田中 一"], [], ["日付", "PJ", "時間"], ["2026/10/01", "X", 3]]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert result.frame["person"].tolist() == ["田中一"]


def test_person_day_units_are_converted(tmp_path):
    rows = [["日付", "氏名", "案件", "工数(人日)"], ["2026/10/01", "山田", "A", 0.5]]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    assert totals(ledgerkit.aggregate(tmp_path / "a.xlsx")) == {"A": 4.0}


def test_extra_columns_kept_under_their_own_names(tmp_path):
    rows = [["日付", "氏名", "案件", "工数", "工程番号"], ["2026/10/01", "山田", "A", 1, "007"]]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    f = ledgerkit.aggregate(tmp_path / "a.xlsx").frame
    assert f["工程番号"].tolist() == ["007"]


def test_lookup_table_beside_data_is_not_read(tmp_path):
    rows = [
        ["日付", "氏名", "案件", "工数", "", "案件", "案件名"],
        ["2026/10/01", "山田", "A", 2, "", "A", "基幹"],
        ["2026/10/02", "山田", "A", 3, "", "B", "経費"],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A": 5.0}
    extra = [i for i in result.issues if i.code == "extra_table"]
    assert [i.params["range"] for i in extra] == ["F1:G3"]


def test_second_table_below_is_not_data(tmp_path):
    rows = [
        ["日付", "氏名", "案件", "工数"],
        ["2026/10/01", "山田", "A", 2],
        [],
        ["氏名", "案件", "工数"],
        ["山田", "A", 2],
    ]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A": 2.0}
    assert any(i.code == "extra_table" and i.params["range"].startswith("A4") for i in result.issues)


# --- day grids ----------------------------------------------------------------------------


def test_grid_per_person_with_name_cell_and_totals(tmp_path):
    rows = grid_rows(
        2026,
        10,
        {("A-1", "設計"): {1: 8, 2: "7:30", 5: "７．５"}, ("B-2", "定例"): {1: 1, 2: "休"}},
        title="2026年10月 工数表",
        person="山田　太郎",
    )
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A-1": 23.0, "B-2": 1.0}
    f = result.frame
    assert set(f["person"]) == {"山田太郎"}
    assert sorted(f["date"].dt.day) == [1, 1, 2, 5]
    # the header is in row 4 (title, 氏名, blank above); the weekday row is row 5
    assert sorted(set(f["source_row"])) == [6, 7]
    assert ("total_row", "10月", 8) in codes(result)
    assert_balanced(result)


def test_grid_person_from_sheet_name_and_month_from_file_name(tmp_path):
    rows = grid_rows(2026, 11, {("A-1", "開発"): {2: 8, 30: 4}})
    make_xlsx(tmp_path / "工数_2026年11月.xlsx", {"鈴木": rows})
    f = ledgerkit.aggregate(tmp_path).frame
    assert f["person"].unique().tolist() == ["鈴木"]
    assert sorted(f["date"].dt.strftime("%Y-%m-%d")) == ["2026-11-02", "2026-11-30"]


def test_grid_per_month_with_person_column_and_date_headers(tmp_path):
    header = ["氏名", "PJ", *[dt.date(2026, 9, d) for d in range(1, 31)], "計"]
    rows = [["9月"], header, ["伊藤", "A", *([8] * 30), 240], ["伊藤", "B", *([""] * 30), 0], ["渡辺", "A", 2]]
    make_xlsx(tmp_path / "a.xlsx", {"R8.9": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result, "person") == {"伊藤": 240.0, "渡辺": 2.0}
    assert any(i.code == "no_values" and i.row == 4 for i in result.issues)
    assert_balanced(result)


def test_grid_without_month_is_reported_not_guessed(tmp_path):
    rows = grid_rows(2026, 10, {("A", "x"): {1: 8}}, person="山田")
    make_xlsx(tmp_path / "a.xlsx", {"Sheet1": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert result.frame.empty
    issue = next(i for i in result.issues if i.code == "no_month")
    assert issue.severity == "error" and issue.sheet == "Sheet1"


def test_grid_bad_cell_reported_rest_of_row_kept(tmp_path):
    rows = grid_rows(2026, 10, {("A", "x"): {1: 8, 2: "八時間"}}, person="山田", title="2026年10月")
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A": 8.0}
    bad = next(i for i in result.issues if i.code == "bad_cell")
    assert bad.column == "2" and bad.value == "八時間" and bad.severity == "error" and not bad.rejected


def test_summary_sheet_and_helper_sheets_are_not_counted(tmp_path):
    data = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    summary = [["案件", "工数合計"], ["A", 2]]
    holidays = [["日付", "名称"], ["2026/10/12", "スポーツの日"]]
    team = grid_rows(2026, 10, {("A", "x"): {1: 2}}, title="2026年10月")
    make_xlsx(tmp_path / "a.xlsx", {"明細": data, "集計": summary, "祝日": holidays, "チーム集計": team})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx")
    assert totals(result) == {"A": 2.0}
    skipped = {(i.sheet, i.code, i.severity) for i in result.issues if i.scope == "sheet"}
    assert skipped == {("集計", "helper_sheet", "info"), ("祝日", "helper_sheet", "info"),
                       # a grid of figures skipped by its name alone is a warning (issue 13 §4)
                       ("チーム集計", "helper_sheet", "warning")}


# --- intake --------------------------------------------------------------------------------


def test_lock_files_copies_and_hidden_sheets(tmp_path):
    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    other = [["日付", "氏名", "案件", "工数"], ["2026/10/02", "山田", "A", 2]]
    third = [["日付", "氏名", "案件", "工数"], ["2026/10/03", "山田", "A", 2]]
    make_xlsx(tmp_path / "工数.xlsx", {"s": rows, "h": other, "vh": third}, hidden=["h"], very_hidden=["vh"])
    (tmp_path / "工数 - コピー.xlsx").write_bytes((tmp_path / "工数.xlsx").read_bytes())
    (tmp_path / "~$工数.xlsx").write_bytes(b"\x05owner" + b"\x00" * 100)
    (tmp_path / "memo.txt").write_text("not a workbook")
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {"A": 2.0}
    file_issues = {(Path(i.file).name, i.code) for i in result.issues if i.scope == "file"}
    assert file_issues == {
        ("工数 - コピー.xlsx", "duplicate_file"),
        ("~$工数.xlsx", "lock_file"),
        ("memo.txt", "unsupported_file"),
    }
    hidden = {i.sheet for i in result.issues if i.code == "hidden_sheet"}
    assert hidden == {"h", "vh"}
    both = ledgerkit.aggregate(tmp_path, include_hidden=True)
    assert totals(both) == {"A": 6.0}


def test_glob_patterns_and_missing_paths(tmp_path):
    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    make_xlsx(tmp_path / "x1.xlsx", {"s": rows})
    make_xlsx(tmp_path / "y1.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/02", "山田", "A", 5]]})
    assert totals(ledgerkit.aggregate(str(tmp_path / "x*.xlsx"))) == {"A": 2.0}
    with pytest.raises(ledgerkit.InputError, match="そのようなファイルやフォルダはありません"):
        ledgerkit.aggregate(tmp_path / "nope.xlsx")
    with pytest.raises(ledgerkit.InputError, match="このパターンに合うファイルはありません"):
        collect_inputs([str(tmp_path / "z*.xlsx")])
    en = ledgerkit.Config()
    en.data["report"]["lang"] = "en"
    with pytest.raises(ledgerkit.InputError, match="no such file or folder"):
        ledgerkit.aggregate(tmp_path / "nope.xlsx", config=en)
    with pytest.raises(ledgerkit.InputError, match="no file matches"):
        collect_inputs([str(tmp_path / "z*.xlsx")], lang="en")


def test_csv_in_shift_jis(tmp_path):
    text = "日付,担当者,プロジェクト,時間\r\n2026/11/02,小林,A,8\r\n合計,,,8\r\n"
    (tmp_path / "a.csv").write_bytes(text.encode("cp932"))
    result = ledgerkit.aggregate(tmp_path / "a.csv")
    assert totals(result) == {"A": 8.0}
    assert result.frame["source_sheet"].tolist() == ["a"]


def test_unreadable_file_stops_unless_skip_bad(tmp_path):
    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    make_xlsx(tmp_path / "good.xlsx", {"s": rows})
    (tmp_path / "bad.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(UnreadableFilesError) as e:
        ledgerkit.aggregate(tmp_path)
    assert len(e.value.errors) == 1 and "bad.xlsx" in str(e.value)
    result = ledgerkit.aggregate(tmp_path, skip_bad=True)
    assert totals(result) == {"A": 2.0}
    assert [Path(i.file).name for i in result.issues if i.code == "unreadable_file"] == ["bad.xlsx"]


# --- across files --------------------------------------------------------------------------


def test_same_entries_in_two_files_counted_once(tmp_path):
    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2], ["2026/10/02", "山田", "A", 3]]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    # saved again with a different sheet name: not byte-identical, same entries
    make_xlsx(tmp_path / "b.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {"A": 5.0}
    dups = [i for i in result.issues if i.code == "duplicate_entry"]
    assert [(Path(i.file).name, i.row) for i in dups] == [("b.xlsx", 2), ("b.xlsx", 3)]
    assert all(i.rejected for i in dups)
    assert_balanced(result)


def test_disagreeing_entries_are_flagged(tmp_path):
    make_xlsx(tmp_path / "a.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]})
    make_xlsx(tmp_path / "b.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 4]]})
    result = ledgerkit.aggregate(tmp_path)
    conflict = [i for i in result.issues if i.code == "conflicting_entry"]
    assert len(conflict) == 1 and conflict[0].severity == "warning"
    a = tmp_path / "a.xlsx"
    assert conflict[0].params["other"] == {"ja": f"{a} / s / 2行", "en": f"{a} / s / row 2"}
    assert conflict[0].message() == f"同じ 人・日付・案件 の記録が {a} / s / 2行 と食い違っています (4h と 2h)"
    assert conflict[0].message("en") == f"the same person-date-project entry disagrees with {a} / s / row 2 (4h vs 2h)"


def test_missing_month_in_a_series(tmp_path):
    for month in (9, 11):
        make_xlsx(
            tmp_path / f"m{month}.xlsx",
            {"s": [["日付", "氏名", "案件", "工数"], [f"2026/{month}/01", "山田", "A", 2]]},
        )
    result = ledgerkit.aggregate(tmp_path)
    missing = [i for i in result.issues if i.code == "missing_month"]
    assert [(i.params["person"], i.params["month"]) for i in missing] == [("山田", "2026-10")]


def test_inputs_are_not_modified(tmp_path):
    import hashlib

    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    path = make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    result = ledgerkit.aggregate(tmp_path)
    from ledgerkit.consolidate.aggregate import write_result

    write_result(result, str(tmp_path / "out.xlsx"))
    write_result(result, str(tmp_path / "out.csv"))
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    with pytest.raises(ledgerkit.OutputError):
        write_result(result, str(path))


def test_fiscal_year_file_with_month_sheets(tmp_path):
    jan = grid_rows(2027, 1, {("A", "x"): {5: 8}}, person="山田")
    oct_ = grid_rows(2026, 10, {("A", "x"): {1: 2}}, person="山田")
    make_xlsx(tmp_path / "工数_2026年度_山田.xlsx", {"10月": oct_, "1月": jan})
    f = ledgerkit.aggregate(tmp_path).frame
    assert sorted(f["date"].dt.strftime("%Y-%m-%d")) == ["2026-10-01", "2027-01-05"]


def test_person_from_sheet_name_with_a_month(tmp_path):
    rows = grid_rows(2026, 10, {("A", "x"): {1: 3}})
    make_xlsx(tmp_path / "工数_2026年.xlsx", {"山田_2026年10月": rows, "佐藤(10月)": grid_rows(2026, 10, {("A", "x"): {2: 4}})})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result, "person") == {"佐藤": 4.0, "山田": 3.0}


def test_grid_with_month_day_headers_and_weekend_marks(tmp_path):
    header = ["案件", "作業", *[f"10/{d}" for d in range(1, 32)]]
    row = ["A", "x", *[("土" if dt.date(2026, 10, d).weekday() == 5 else 1) for d in range(1, 32)]]
    make_xlsx(tmp_path / "a.xlsx", {"2026年10月": [["氏名", "鈴木"], header, row]})
    result = ledgerkit.aggregate(tmp_path)
    saturdays = sum(1 for d in range(1, 32) if dt.date(2026, 10, d).weekday() == 5)
    assert totals(result) == {"A": float(31 - saturdays)}
    assert not [i for i in result.issues if i.severity == "error"]


def test_own_report_in_the_input_folder_is_not_counted_twice(tmp_path):
    from ledgerkit.consolidate.aggregate import write_result

    make_xlsx(tmp_path / "a.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]})
    write_result(ledgerkit.aggregate(tmp_path), str(tmp_path / "report.xlsx"))
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {"A": 2.0}
    assert [(Path(i.file).name, i.code) for i in result.issues if i.scope == "file"] == [("report.xlsx", "own_report")]


def test_symlinks_inside_a_folder_are_not_followed(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    make_xlsx(outside / "secret.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "Z", 9]]})
    folder = tmp_path / "in"
    folder.mkdir()
    make_xlsx(folder / "a.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]})
    (folder / "link.xlsx").symlink_to(outside / "secret.xlsx")
    result = ledgerkit.aggregate(folder)
    assert totals(result) == {"A": 2.0}
    assert [(Path(i.file).name, i.code) for i in result.issues if i.scope == "file"] == [("link.xlsx", "symlink_skipped")]
    # named on the command line, it is read
    assert totals(ledgerkit.aggregate(folder / "link.xlsx")) == {"Z": 9.0}


def test_grid_with_name_row_right_above_the_header(tmp_path):
    rows = [["2026年10月 工数表"], ["氏名", "山田太郎"], ["案件", "作業", *range(1, 32)], ["A-1001", "設計", 8, 8]]
    make_xlsx(tmp_path / "a.xlsx", {"10月": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result, "person") == {"山田太郎": 16.0}
    assert totals(result) == {"A-1001": 16.0}


def test_more_header_words_people_write(tmp_path):
    rows = [["作業年月日", "担当者名", "案件番号", "作業項目", "実績工数"], ["2026/10/01", "山田", "A-9", "設計", 3]]
    make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert totals(result) == {"A-9": 3.0}
    assert result.frame["task"].tolist() == ["設計"]


def test_fifos_and_device_links_are_listed_not_lost(tmp_path):
    """Issue 18 (7): a FIFO or a link to a device named next to real files is accounted for."""
    import os

    good = make_xlsx(tmp_path / "good.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]})
    fifo = tmp_path / "fifo.csv"
    os.mkfifo(fifo)
    link = tmp_path / "zero_link.csv"
    link.symlink_to("/dev/zero")
    result = ledgerkit.aggregate([fifo, link, good])
    listed = {(i.file, i.code, i.severity) for i in result.issues if i.scope == "file"}
    assert listed == {(str(fifo), "not_regular_file", "warning"), (str(link), "not_regular_file", "warning")}
    assert totals(result) == {"A": 2.0}


def test_only_files_of_equal_size_are_hashed(tmp_path, monkeypatch):
    """Issue 18 (6): copies are found by size first; a file of a size of its own is never hashed."""
    from ledgerkit.intake import files as intake_files

    rows = [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]
    a = make_xlsx(tmp_path / "a.xlsx", {"s": rows})
    (tmp_path / "a - コピー.xlsx").write_bytes(a.read_bytes())
    (tmp_path / "b.csv").write_text("日付,氏名,案件,工数\n2026/10/02,山田,B,3\n", encoding="utf-8")
    hashed = []
    real = intake_files._sha256
    monkeypatch.setattr(intake_files, "_sha256", lambda p, lang="ja": hashed.append(p.name) or real(p, lang))
    files, issues = collect_inputs([tmp_path])
    assert sorted(hashed) == ["a - コピー.xlsx", "a.xlsx"]
    assert [f.name for f in files] == ["a.xlsx", "b.csv"] and [i.code for i in issues] == ["duplicate_file"]


def test_a_lock_file_says_the_workbook_is_open_in_excel(tmp_path):
    """Issue 15: ~$ means the workbook is open in Excel right now (a warning naming it), also when named itself."""
    make_xlsx(tmp_path / "工数_山田.xlsx", {"s": [["日付", "氏名", "案件", "工数"], ["2026/10/01", "山田", "A", 2]]})
    lock = tmp_path / "~$工数_山田.xlsx"
    lock.write_bytes(b"\x00" * 165)
    files, issues = collect_inputs([tmp_path])
    assert [(i.code, i.severity) for i in issues] == [("lock_file", "warning")]
    assert issues[0].message("ja").startswith("工数_山田.xlsx は Excel で開かれています。保存してから実行してください")
    files, issues = collect_inputs([lock])
    assert files == [] and issues[0].message("en").startswith("工数_山田.xlsx is open in Excel: save it and run again")


def test_a_heisei_fiscal_year_dates_an_hours_sheet_as_it_does_a_budget(tmp_path):
    """Issue 12: a title 平成30年度 gave FY2018 in a budget sheet and no year in an hours sheet."""
    rows = [["平成30年度 工数実績"], [], ["日付", "氏名", "案件", "工数"],
            ["10/1", "山田", "A", 2], ["1/15", "山田", "A", 3]]
    make_xlsx(tmp_path / "工数.xlsx", {"実績": rows})
    result = ledgerkit.aggregate(tmp_path)
    assert [d.date().isoformat() for d in result.frame["date"]] == ["2018-10-01", "2019-01-15"]
    from ledgerkit.parse.periods import fiscal_year_from_text as budget_fy

    assert budget_fy("平成30年度 予算") == 2018


# --- the shared row walk (issue 12) --------------------------------------------------------------


def test_long_table_rows_sorted_by_the_shared_walk():
    """Blank (a row of dashes too), 合計, the header again, 予定 and an unlabelled =SUM():
    the walk's rules plus the long table's two pre-steps; every data row counted once."""
    from ledgerkit.hours.sheet import read_hours_sheet
    from ledgerkit.intake.raw import RawSheet

    rows = [["2026年10月 工数", "", "", "", ""], ["", "", "", "", ""], ["日付", "氏名", "案件", "作業", "工数"],
            ["10/1", "山田", "A-1", "設計", 8],
            ["-", "-", "―", "-", "-"],
            ["10/2", "山田", "A-1", "予定", 3],
            ["日付", "氏名", "案件", "作業", "工数"],
            ["10/3", "山田", "A-1", "設計", dt.datetime(2026, 10, 1, 10, 0)],
            ["", "", "", "", 8],
            ["小計", "", "", "", 8]]
    result = read_hours_sheet(RawSheet("10月", "visible", rows), file="a.xlsx")
    assert [(i.code, i.row, i.value) for i in result.issues] == [
        ("plan_row", 6, ""), ("repeated_header", 7, ""), ("bad_cell", 8, "2026-10-01T10:00:00"),
        ("total_row", 9, ""), ("total_row", 10, "")]
    assert (len(result.frame), result.rows_read) == (1, 2)


def test_day_grid_rows_sorted_by_the_shared_walk():
    """The walk's blank and 合計 rows plus the grid's pre-steps: 合計 in the first cell with
    text, the day header again, an unlabelled =SUM() row."""
    from ledgerkit.hours.sheet import read_hours_sheet
    from ledgerkit.intake.raw import RawSheet

    width = 2 + 30 + 1

    def row(*cells):
        return list(cells) + [""] * (width - len(cells))

    rows = [row("2026年11月 工数"), row("氏名", "山田"), row(), row("案件", "作業", *range(1, 31), "合計"),
            row("P1", "設計", 8, 8, *[""] * 28, 16),
            row("-", "-", *["-"] * 30, "-"),
            row("P2", "予定", 3),
            row("案件", "作業", *range(1, 31)),
            row("", "", 8, 8),
            row("P4", "保守"),
            row("", "", "合計", 16),
            row("合計", "", 8, 8)]
    result = read_hours_sheet(RawSheet("山田", "visible", rows), file="a.xlsx")
    assert [(i.code, i.row, i.rejected) for i in result.issues] == [
        ("plan_row", 7, False), ("repeated_header", 8, False), ("total_row", 9, False), ("no_values", 10, True),
        ("total_row", 11, False), ("total_row", 12, False)]
    assert (len(result.frame), result.rows_read) == (2, 2)
