"""A note written in a table (※ …, (注) …, 備考: …) is listed as a note, in every reader of the
shared row walk: never a row rejected for a missing date or amount, never dropped unsaid."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.detect.walk import classify_rows, note_text

from sheets import make_xlsx

NOTE = "※ 山田は11月から別案件"
HOURS_HEADER = ["日付", "氏名", "案件コード", "作業内容", "工数(h)", "備考"]


def _hours_rows(*tail):
    return [["2026年10月 工数報告"], [], HOURS_HEADER,
            [dt.date(2026, 10, 1), "山田", "A-1", "開発", 7.5, ""],
            [dt.date(2026, 10, 2), "山田", "A-1", "開発", 8, ""], *tail]


@pytest.mark.parametrize("tail, note_rows", [
    ([[NOTE]], [6]),  # right under the last row
    ([["合計", "", "", "", 15.5, ""], [NOTE], ["備考: 10/3は休日出勤なし"]], [7, 8]),  # under the 合計 row
    ([[], ["", "(注) 工数は0.25h単位"]], [7]),  # after a blank row, in the second column
])
def test_a_note_under_an_hours_table_is_listed_not_rejected(tmp_path, tail, note_rows):
    path = make_xlsx(tmp_path / "工数.xlsx", {"10月": _hours_rows(*tail)})
    result = ledgerkit.aggregate([path], kind="hours")
    assert result.frame["hours"].sum() == 15.5
    assert (result.stats.rows_read, result.stats.rows_rejected) == (2, 0)
    notes = [i for i in result.issues if i.code == "note_row"]
    assert [(i.row, i.severity, i.rejected) for i in notes] == [(r, "info", False) for r in note_rows]
    assert not [i for i in result.issues if i.severity == "error"]


def test_the_note_line_on_the_terminal_and_the_issues_sheet(tmp_path):
    path = make_xlsx(tmp_path / "工数.xlsx", {"10月": _hours_rows([NOTE])})
    out = tmp_path / "report.xlsx"
    r = CliRunner().invoke(app, ["aggregate", str(path), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "問題: エラー 0 件, 警告 0 件, 情報 1 件" in r.stderr
    assert "読んだ行 2 = 集計 2 + 除外 0" in r.stderr
    sheet = openpyxl.load_workbook(out)["問題一覧"]
    texts = [" ".join(str(v) for v in row if v is not None) for row in sheet.iter_rows(values_only=True)]
    assert any(f"表の下の注記のためデータではありません: {NOTE}" in t for t in texts)


def test_a_row_that_only_looks_like_a_note_is_still_data(tmp_path):
    # a 備考 cell beside the figures is a data row's note, not a note row
    path = make_xlsx(tmp_path / "工数.xlsx", {"10月": _hours_rows(
        [dt.date(2026, 10, 3), "山田", "A-1", "開発", 2, "※ 客先対応"])})
    result = ledgerkit.aggregate([path], kind="hours")
    assert result.frame["hours"].sum() == 17.5
    assert not [i for i in result.issues if i.code == "note_row"]


def test_a_note_under_a_declared_list(tmp_path):
    kind = {"name": "sales", "label": "支店別売上",
            "fields": {"branch": {"type": "text", "synonyms": ["支店"], "required": True},
                       "amount": {"type": "yen", "synonyms": ["売上"], "required": True}}}
    path = make_xlsx(tmp_path / "売上.xlsx", {"10月": [["支店", "売上"], ["東京", 1000], ["大阪", 2000],
                                                    ["※ 単位は円、税抜"]]})
    result = ledgerkit.aggregate([path], kind=kind)
    assert list(result.frame["amount"]) == [1000, 2000]
    assert [(i.code, i.row) for i in result.issues] == [("note_row", 4)]


def test_a_note_under_an_invoice_list(tmp_path):
    path = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [
        ["請求書番号", "取引先", "税抜金額", "消費税"], ["A-1", "アルファ", 1000, 100], ["※ 金額は円"]]})
    result = ledgerkit.check_invoices([path])
    assert [(i.code, i.row) for i in result.issues if i.code == "note_row"] == [("note_row", 3)]
    assert not [i for i in result.issues if i.rejected]


def test_classify_rows_marks_notes_apart_from_blank_and_totals():
    rows = [["日付", "工数"], ["10/1", 8], ["合計", 8], ["※ 注記", ""], ["", ""], ["メモ", 3]]
    kinds = classify_rows(rows, 1, 6, columns=range(2), labels=[0])
    assert kinds.note == {3: "※ 注記"}
    assert sorted(kinds.blank) == [4] and list(kinds.total) == [2]
    assert kinds.data(1, 6) == [1, 5]  # メモ beside a figure is data


@pytest.mark.parametrize("row, expected", [
    (["※ 金額は税抜"], "※ 金額は税抜"), (["", "（注）端数切捨て"], "(注)端数切捨て"), (["備考：なし", ""], "備考:なし"),
    (["※", 5], None), (["PO-1"], None), ([], None), (["*"], "*"),
])
def test_note_text(row, expected):
    assert note_text(row) == expected
