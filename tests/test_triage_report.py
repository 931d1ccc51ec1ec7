"""The board ``ledgerkit triage -o board.xlsx`` writes, checked cell by cell with openpyxl."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from test_triage import WORKED_NEW, WORKED_REQUESTS, WORKED_STAFF
from triage_books import requests_book, staff_book

import ledgerkit

T = dt.datetime


@pytest.fixture
def board(tmp_path):
    requests = requests_book(tmp_path / "依頼一覧.xlsx", [*WORKED_REQUESTS, ("古い依頼", "その他", "", T(2026, 11, 30, 12), 2, "", "未着手"),
                                                         ("済んだ依頼", "その他", "", dt.date(2026, 11, 30), 2, "", "完了")])
    staff = staff_book(tmp_path / "担当者一覧.xlsx", [*WORKED_STAFF[:2], ("C", 8, "", "日程調整", "12/2")])
    out = tmp_path / "board.xlsx"
    ledgerkit.triage(requests, staff, as_of="2026-12-01 09:00", new=WORKED_NEW[:1]).write(out)
    return openpyxl.load_workbook(out)


def rows(ws, first: int, last: int, width: int) -> list[tuple]:
    return [tuple(c.value for c in row[:width]) for row in ws.iter_rows(min_row=first, max_row=last)]


def test_the_sheets_and_how_they_print(board):
    assert board.sheetnames == ["優先順位", "担当別", "期限リスク", "過負荷", "影響", "負荷", "問題一覧"]
    for ws in board:
        # A4, on its side unless the sheet fits upright (a short Issues sheet)
        assert (ws.page_setup.orientation, ws.page_setup.paperSize) == (
            "portrait" if ws.title == "問題一覧" else "landscape", 9), ws.title
        # one page wide, as many down as it takes; a sheet that fits at 100 % prints at 100 %
        if ws.sheet_properties.pageSetUpPr.fitToPage:
            assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0, ws.title
        else:
            assert (ws.page_setup.scale or 100) >= 70, ws.title
        assert ws.print_title_rows is not None, ws.title


def test_the_priority_sheet(board):
    ws = board["優先順位"]
    assert ws["A1"].value == "依頼の優先順位 (2026/12/1 9:00 時点、営業日 9:00〜18:00 (昼休み 12:00〜13:00))"
    assert rows(ws, 3, 3, 14) == [("順位", "件名", "種別", "依頼者", "期限", "状態", "残工数(h)", "担当", "開始予定", "完了予定",
                                   "リスク", "優先の理由", "担当の理由", "元行")]
    # the overdue request first, to whoever finishes it first (a tie: the first of the list); then the
    # new one, pre-assigned to A, which pushes A's own two requests 6 business hours later
    assert rows(ws, 4, 9, 11) == [
        (1, "古い依頼", "その他", None, T(2026, 11, 30, 12), "未着手", 2, "A", T(2026, 12, 1, 9), T(2026, 12, 1, 11), "期限切れ"),
        (2, "監査資料の準備", "稟議", "佐藤部長", T(2026, 12, 1, 18), "未着手", 6, "A", T(2026, 12, 1, 11), T(2026, 12, 1, 18), None),
        (3, "月次締め", "稟議", "経理 山田", T(2026, 12, 2, 18), "未着手", 8, "A", T(2026, 12, 2, 9), T(2026, 12, 2, 18), None),
        (4, "請求書発行", "請求書", "営業 井上", T(2026, 12, 3, 12), "未着手", 8, "A", T(2026, 12, 3, 9), T(2026, 12, 3, 18), "期限リスク"),
        (5, "会議の日程調整", "日程調整", "総務 小林", T(2026, 12, 4, 18), "未着手", 4, "B", T(2026, 12, 1, 9), T(2026, 12, 1, 14), None),
        (None, "済んだ依頼", "その他", None, T(2026, 11, 30, 18), "完了", 2, None, None, None, None),
    ]
    assert ws["L4"].value == "期限切れ 11/30 12:00 (営業時間で 5h 超過)、残工数 2h"
    assert ws["M7"].value == "一覧の担当、12/3 午前から、期限に間に合いません (B なら 12/1 18:00 に終わります)"
    assert ws["M8"].value == "本日午前に空き"
    assert ws["M9"].value is None and ws["L9"].value == "完了のため計画しません"
    assert (ws["E4"].number_format, ws["G4"].number_format, ws["A4"].number_format) == ("m/d h:mm", "#,##0.00_ ;-#,##0.00_ ", "0")
    assert ws["K4"].fill.fgColor.rgb.endswith("FFC7CE") and ws["K7"].fill.fgColor.rgb.endswith("FFEB9C")
    assert ws["B5"].fill.fgColor.rgb.endswith("DDEBF7")  # the new request
    assert ws["L4"].alignment.wrap_text and ws.freeze_panes == "A4"


def test_the_board(board):
    ws = board["担当別"]
    assert ws["A1"].value == "担当別の負荷 (2026/12/1 9:00 時点、営業日ごと)"
    assert ws["A2"].value.startswith("色: 赤 = 稼働を超える日、橙 = 稼働の 90% 以上")
    assert rows(ws, 3, 11, 8) == [
        ("担当", "区分", "12/1(火)", "12/2(水)", "12/3(木)", "12/4(金)", "12/7(月)", "12/8(火)"),
        ("A", "予定(h)", 8, 8, 8, 0, 0, 0),
        (None, "稼働(h)", 8, 8, 8, 8, 8, 8),
        ("B", "予定(h)", 4, 0, 0, 0, 0, 0),
        (None, "稼働(h)", 8, 8, 8, 8, 8, 8),
        ("C", "予定(h)", 0, 0, 0, 0, 0, 0),
        (None, "稼働(h)", 8, 0, 8, 8, 8, 8),
        ("チーム計", "予定(h)", 12, 8, 8, 0, 0, 0),
        (None, "稼働(h)", 24, 16, 24, 24, 24, 24),
    ]
    assert [c.value for c in ws[3][12:15]] == ["以降", "計", "負荷率"]
    assert [c.value for c in ws[4][12:15]] == [0, 24, 0.3]
    assert [c.value for c in ws[9][12:15]] == [None, 72, None]  # C is off on 12/2
    assert ws["O4"].number_format == "0.0%" and ws["C4"].number_format == "#,##0.00_ ;-#,##0.00_ "
    rules = {str(r.sqref): [(x.formula[0], x.stopIfTrue) for x in r.rules] for r in ws.conditional_formatting}
    assert rules["C4:L11"] == [('AND($B4="予定(h)",C5=0)', True), ('AND($B4="予定(h)",C4>C5)', True),
                               ('AND($B4="予定(h)",C4>=C5*0.9)', True), ('AND($B4="予定(h)",C4>0)', True)]
    assert rules["A4:O11"] == [('$B4="稼働(h)"', None), ('$B4="予定(h)"', None)]
    fills = [r.dxf.fill.bgColor.rgb for r in ws.conditional_formatting if str(r.sqref) == "C4:L11" for r in r.rules]
    assert [f[-6:] for f in fills] == ["D9D9D9", "FFC7CE", "F8CBAD", "FFF2CC"]
    assert (ws.print_title_rows, ws.print_title_cols, ws.freeze_panes) == ("$3:$3", "$A:$B", "C4")


def test_risks_overloads_and_changes(board):
    ws = board["期限リスク"]
    assert ws["A1"].value == "期限切れ・期限リスク・計画外の依頼 2 件"
    assert rows(ws, 4, 5, 9) == [
        (1, "古い依頼", T(2026, 11, 30, 12), 2, "A", T(2026, 12, 1, 11), "期限切れ", T(2026, 12, 1, 11), "A"),
        (4, "請求書発行", T(2026, 12, 3, 12), 8, "A", T(2026, 12, 3, 18), "期限リスク", T(2026, 12, 1, 18), "B"),
    ]
    ws = board["影響"]
    assert ws["A1"].value == "追加した依頼 1 件で担当が変わる・遅れる・期限に間に合わなくなる依頼 2 件"
    assert rows(ws, 3, 5, 11) == [
        ("順位", "元の順位", "件名", "期限", "元の担当", "新しい担当", "元の完了予定", "新しい完了予定", "遅れ(営業h)", "影響", "元行"),
        (3, 2, "月次締め", T(2026, 12, 2, 18), "A", "A", T(2026, 12, 2, 11), T(2026, 12, 2, 18), 6, "遅れ +6h", 4),
        (4, 3, "請求書発行", T(2026, 12, 3, 12), "A", "A", T(2026, 12, 3, 11), T(2026, 12, 3, 18), 6,
         "遅れ +6h、期限に間に合わなくなる", 5)]
    assert board["過負荷"]["A1"].value == "過負荷 0 件 (1日 100% 超、または週の稼働の 90% 超)"
    issues = board["問題一覧"]
    assert issues["A1"].value == "問題はありません"
    assert [c.value for c in issues[3]][:3] == ["重要度", "範囲", "内容"]
