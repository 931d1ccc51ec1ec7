"""One person per name within a file: the name taken from the file name beside the full name in a
氏名 cell of another sheet (a hidden 集計用 sheet read with --include-hidden split the month in two)."""

from __future__ import annotations

import datetime as dt

import openpyxl

import ledgerkit


def tanaka_book(path, *, hidden_person=None):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "10月分"
    ws["A1"] = "作業実績報告書"
    ws["A2"], ws["B2"] = "氏名", "田中 一郎"
    ws.append([])
    ws.append(["作業日", "案件コード", "作業時間"])
    for day in (1, 2):
        ws.append([dt.date(2026, 10, day), "PJ-101", 7.5])
    hs = wb.create_sheet("集計用")
    hs.sheet_state = "hidden"
    hs.append(["作業日", "案件コード", "作業時間"] + (["氏名"] if hidden_person else []))
    hs.append([dt.date(2026, 10, 5), "PJ-101", 8] + ([hidden_person] if hidden_person else []))
    wb.save(path)
    return path


def by_person(result):
    return {p: float(h) for p, h in result.frame.groupby("person")["hours"].sum().items()}


def test_the_file_name_s_person_is_the_full_name_of_the_other_sheet(tmp_path):
    tanaka_book(tmp_path / "工数_2026年10月_田中.xlsx")
    result = ledgerkit.aggregate([str(tmp_path)], include_hidden=True, jobs=1)
    assert by_person(result) == {"田中一郎": 23.0}
    [note] = [i for i in result.issues if i.code == "person_fuller_name"]
    assert (note.severity, note.params) == ("info", {"short": "田中", "full": "田中一郎"})
    assert note.message("ja").endswith("ファイル名の氏名 田中 を、同じファイルの別のシートにある 田中一郎 と同じ人として数えます")
    # hidden sheets left out (the default): one sheet, one name, nothing said
    plain = ledgerkit.aggregate([str(tmp_path)], jobs=1)
    assert by_person(plain) == {"田中一郎": 15.0}
    assert not [i for i in plain.issues if i.code == "person_fuller_name"]


def test_a_name_written_in_the_sheet_is_never_renamed(tmp_path):
    # the hidden sheet names 田中 in its own 氏名 column, and the file name holds no 田中: two people
    tanaka_book(tmp_path / "工数_2026年10月_開発課.xlsx", hidden_person="田中")
    result = ledgerkit.aggregate([str(tmp_path)], include_hidden=True, jobs=1)
    assert by_person(result) == {"田中一郎": 15.0, "田中": 8.0}
    assert not [i for i in result.issues if i.code == "person_fuller_name"]
