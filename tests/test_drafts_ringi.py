"""draft_ringi: rows to 稟議書 drafts; golden files for the bundled templates; strict errors."""

from __future__ import annotations

import csv
import datetime as dt
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from ledgerkit.drafts import draft_ringi
from ledgerkit.core.errors import DataError, InputError, OutputError, TemplateError

GOLDEN = Path(__file__).parent / "golden" / "drafts"
TODAY = dt.date(2026, 12, 5)
EN = {"report": {"lang": "en"}}

HEADER = ["申請番号", "起案日", "部署", "起案者", "件名", "区分", "金額(税抜)", "予算科目", "予算内外", "取引先", "実施時期", "目的"]
ROWS = [
    ["R-2026-001", dt.datetime(2026, 12, 1), "総務部", "山田 太郎", "ノートPC購入の件", "購買", 480000, "消耗品費", "予算内",
     "株式会社アルファ商事", dt.datetime(2026, 12, 15), "新入社員3名分の業務用PCを購入するため。"],
    ["R-2026-002", dt.datetime(2026, 12, 1), "総務部", "山田 太郎", "会議室モニター購入の件", "購買", "４８０，０００円", "備品費", "予算外",
     "株式会社アルファ商事", "2027/1/10", "会議室の既存モニターが故障したため。"],
    ["R-2026-003", dt.datetime(2026, 12, 2), "営業部", "佐藤 花子", "保守契約締結の件", "契約", 1200000, "支払手数料", "予算内",
     "ベータシステムズ合同会社", "令和9年4月1日", "基幹システムの年間保守を委託するため。<script>alert('x')</script>"],
    ["R-2026-004", dt.datetime(2026, 12, 3), "経理部", "鈴木 一郎", "会計ソフト/追加ライセンスの件", "購買", 99000, "ソフトウェア", "",
     "有限会社ガンマ", dt.datetime(2026, 12, 20), None],
]


def make_requests(path: Path, rows=ROWS) -> Path:
    """A request list as clients keep them: a title row, a blank row, the header, data, a 合計 row."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申請一覧"
    ws["A1"] = "2026年12月 稟議申請一覧"
    ws.append([])
    ws.append(HEADER)
    for row in rows:
        ws.append(row)
    ws.append(["", "", "", "", "合計", "", "=SUM(G4:G7)"])
    wb.save(path)
    return path


@pytest.fixture
def requests_xlsx(tmp_path) -> Path:
    return make_requests(tmp_path / "requests.xlsx")


# --- golden files ------------------------------------------------------------------


def xlsx_snapshot(path: Path) -> dict:
    """What a person sees in a filled form, as plain data: cells (value, type, format, bold),
    merged ranges, widths, row heights, print area, images."""
    wb = load_workbook(path)
    snap: dict = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (c.value, c.data_type, c.number_format, bool(c.font.b))
            for row in ws.iter_rows() for c in row if c.value is not None
        }
        snap[ws.title] = {
            "cells": cells,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": {k: d.width for k, d in ws.column_dimensions.items() if d.width},
            "heights": {k: d.height for k, d in ws.row_dimensions.items() if d.height},
            "print_area": ws.print_area,
            "images": [(i.anchor._from.row, i.anchor._from.col) for i in ws._images],
        }
    return snap


def check_golden(actual: Path, name: str, update: bool) -> None:
    expected = GOLDEN / name
    if update:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, expected)
        return
    assert expected.exists(), f"no golden file {expected}; run pytest --update-golden and review it"
    if actual.suffix == ".xlsx":
        got, want = xlsx_snapshot(actual), xlsx_snapshot(expected)
        for sheet in want["sheets"]:
            for coord, cell in want[sheet]["cells"].items():
                assert got[sheet]["cells"].get(coord) == cell, f"{name} {sheet}!{coord}"
        assert got == want
    else:
        assert actual.read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("template", ["ringi.md.j2", "ringi.html.j2", "ringi.xlsx"])
def test_golden(requests_xlsx, tmp_path, template, update_golden):
    [result] = draft_ringi(requests_xlsx, where=["申請番号=R-2026-003"], template=template,
                           out_dir=tmp_path / "out", today=TODAY)
    assert result.ok and result.rows == [6] and result.key == "R-2026-003"
    assert result.path.name == "R-2026-003_保守契約締結の件" + (".md" if "md" in template else ".html" if "html" in template else ".xlsx")
    check_golden(result.path, "ringi_R-2026-003" + result.path.suffix, update_golden)


def test_markdown_content(requests_xlsx, tmp_path):
    [r] = draft_ringi(requests_xlsx, row=6, out_dir=tmp_path, today=TODAY)
    text = r.path.read_text(encoding="utf-8")
    assert "| 起案日 | 令和8年12月2日 |" in text
    assert "- 金額: ¥1,200,000 (税抜) / 消費税 ¥120,000 (10%, 切り捨て) / 税込 ¥1,320,000" in text
    assert "- 金額 (大字): 金壱百参拾弐万円也" in text
    assert "- 実施時期: 令和9年4月1日" in text
    # the drafter's department (営業部) stamps: its 課長 and 部長 (DOMAIN.md §1.2's contract case)
    assert "1. 営業部 課長\n2. 法務部 (合議)\n3. 経理部 (合議)\n4. 営業部長 (決裁)\n" in text
    # raw HTML from a cell is shown as text, never run by a Markdown viewer (issue 18.9)
    assert "<script>" not in text and "&lt;script&gt;alert('x')&lt;/script&gt;" in text


def test_html_escapes_cell_text(requests_xlsx, tmp_path):
    [r] = draft_ringi(requests_xlsx, row=6, template="ringi.html.j2", out_dir=tmp_path, today=TODAY)
    html = r.path.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "<th>営業部 課長</th><th>法務部<br>(合議)</th><th>経理部<br>(合議)</th><th>営業部長</th>" in html


def test_xlsx_form_typed_values(requests_xlsx, tmp_path):
    [r] = draft_ringi(requests_xlsx, row=5, template="ringi.xlsx", out_dir=tmp_path, today=TODAY)
    ws = load_workbook(r.path)["稟議書"]
    assert ws["B4"].value == "令和8年12月1日"  # 和暦 as text: Excel and LibreOffice print it alike
    assert ws["B13"].value == 480000 and ws["B13"].data_type == "n" and ws["B13"].number_format == '#,##0"円"'
    assert ws["B14"].value == 48000
    assert ws["B15"].value == "=B13+B14"
    # outside the budget: 部長 → 役員, 総務部's 課長 and 部長 below; the decider leftmost
    assert [ws[f"{c}3"].value for c in "FGHIJK"] == ["役員", "総務部長", "総務部 課長", None, None, None]
    assert ws["B6"].value == "役員決裁"
    assert ws["B17"].value == "備品費 (予算外)"


# --- choosing rows -----------------------------------------------------------------


def test_all_writes_manifest_and_reports_the_row_that_fails(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    results = draft_ringi(requests_xlsx, all=True, out_dir=out, today=TODAY, config=EN)
    assert [r.status for r in results] == ["written", "written", "written", "error"]
    assert [r.rows for r in results] == [[4], [5], [6], [7]]  # the 合計 row is not a request
    assert results[3].message == (
        "requests.xlsx: 申請一覧: row 7: ringi.md.j2: uses 'purpose', which is not there (the cell 目的 is empty)"
    )
    assert results[3].exit_code == 2 and results[3].path is None
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "R-2026-001_ノートPC購入の件.md",
        "R-2026-002_会議室モニター購入の件.md",
        "R-2026-003_保守契約締結の件.md",
        "manifest.csv",
    ]  # nothing for the failed row, no temporary files left
    raw = (out / "manifest.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [(r["key"], r["status"], r["source_rows"]) for r in rows] == [
        ("R-2026-001", "written", "4"), ("R-2026-002", "written", "5"),
        ("R-2026-003", "written", "6"), ("R-2026-004", "error", "7"),
    ]
    assert rows[0]["file"] == "R-2026-001_ノートPC購入の件.md"


def test_single_row_strict_error_writes_nothing(requests_xlsx, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(TemplateError) as e:
        draft_ringi(requests_xlsx, row=7, out_dir=out, today=TODAY)
    assert str(e.value) == (
        "requests.xlsx: 申請一覧: 7行目: ringi.md.j2: 'purpose' を使っていますが、ありません (セル 目的 が空です)"
    )
    assert list(out.iterdir()) == []


def test_template_naming_a_column_the_list_lacks(requests_xlsx, tmp_path):
    tpl = tmp_path / "mine.md.j2"
    tpl.write_text("{{ row['備考'] }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"row 4: mine.md.j2: uses '備考', which is not there \(the list has no such column\)$"):
        draft_ringi(requests_xlsx, row=4, template=tpl, out_dir=tmp_path / "o", config=EN)


def test_top_level_names_and_row_dict(requests_xlsx, tmp_path):
    tpl = tmp_path / "t.txt.j2"
    tpl.write_text("{{ 件名 }}|{{ row['金額(税抜)'] }}|{{ amount|comma }}|{{ 実施時期|wareki }}|{{ source.row }}", encoding="utf-8")
    [r] = draft_ringi(requests_xlsx, row=5, template=tpl, out_dir=tmp_path / "o")
    assert r.path.suffix == ".txt"
    assert r.path.read_text(encoding="utf-8") == "会議室モニター購入の件|480000|480,000|令和9年1月10日|5"


def test_where_matches_header_text_and_values(requests_xlsx, tmp_path):
    results = draft_ringi(requests_xlsx, where=["部署=総務部", "区分=購買"], out_dir=tmp_path, today=TODAY)
    assert [r.rows for r in results] == [[4], [5]]
    results = draft_ringi(requests_xlsx, where={"起案日": "2026-12-02"}, out_dir=tmp_path / "b", today=TODAY)
    assert [r.key for r in results] == ["R-2026-003"]
    results = draft_ringi(requests_xlsx, where=["起案日=2026/12/2", "金額(税抜)=1,200,000"], out_dir=tmp_path / "c")
    assert [r.key for r in results] == ["R-2026-003"]
    results = draft_ringi(requests_xlsx, where=["金額（税抜）=480000"], out_dir=tmp_path / "d")
    assert [r.key for r in results] == ["R-2026-001", "R-2026-002"]  # ４８０，０００円 too


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"row": 3}, "requests.xlsx: 申請一覧: row 3 is not a data row (the data is in rows 4-7)"),
        ({"row": 8}, "requests.xlsx: 申請一覧: row 8 is not a data row (it is blank or a total row)"),
        ({"where": ["申請番号=R-9"]}, "requests.xlsx: 申請一覧: no row where 申請番号=R-9"),
        ({"where": ["番号=R-1"]}, "requests.xlsx: 申請一覧: no column '番号' (columns: 申請番号, 起案日, 部署, 起案者, 件名, 区分, 金額(税抜), 予算科目, 予算内外, 取引先, 実施時期, 目的)"),
        ({"where": ["R-1"]}, "--where 'R-1': write COLUMN=VALUE, e.g. --where 注文番号=PO-1"),
        ({"row": 4, "all": True}, "choose the rows with exactly one of --row N, --where COLUMN=VALUE, --all"),
        ({}, "choose the rows with exactly one of --row N, --where COLUMN=VALUE, --all"),
    ],
)
def test_row_selection_errors(requests_xlsx, tmp_path, kwargs, message):
    with pytest.raises(InputError) as e:
        draft_ringi(requests_xlsx, out_dir=tmp_path, config=EN, **kwargs)
    assert str(e.value) == message


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"row": 3}, "requests.xlsx: 申請一覧: 3行目はデータ行ではありません (データは4-7行目です)"),
        ({"where": ["申請番号=R-9"]}, "requests.xlsx: 申請一覧: 申請番号=R-9 の行がありません"),
        ({"all": True, "row": 4}, "行は --row N、--where 列名=値、--all のどれか1つで指定してください"),
    ],
)
def test_row_selection_errors_in_japanese(requests_xlsx, tmp_path, kwargs, message):
    with pytest.raises(InputError) as e:
        draft_ringi(requests_xlsx, out_dir=tmp_path, **kwargs)
    assert str(e.value) == message


def test_no_request_table(tmp_path):
    wb = Workbook()
    wb.active.append(["氏名", "工数"])
    wb.save(tmp_path / "hours.xlsx")
    with pytest.raises(InputError, match=r"hours.xlsx: no ringi \(稟議\) request table found \(needs a header row with 件名\)"):
        draft_ringi(tmp_path / "hours.xlsx", all=True, out_dir=tmp_path, config=EN)


def test_unreadable_amount_is_a_data_error(tmp_path):
    rows = [list(ROWS[0])]
    rows[0][6] = "四十八万くらい"
    src = make_requests(tmp_path / "r.xlsx", rows)
    with pytest.raises(DataError, match=r"^r.xlsx: 申請一覧: row 4: 金額\(税抜\) '四十八万くらい': "):
        draft_ringi(src, row=4, out_dir=tmp_path / "o", config=EN)


def test_name_pattern_and_existing_files(requests_xlsx, tmp_path):
    [r] = draft_ringi(requests_xlsx, row=4, template="ringi.xlsx", name_pattern="{部署}/{件名}", out_dir=tmp_path, today=TODAY)
    assert r.path.name == "総務部_ノートPC購入の件.xlsx" and r.path.parent == tmp_path
    with pytest.raises(OutputError, match="exists"):
        draft_ringi(requests_xlsx, row=4, template="ringi.xlsx", name_pattern="{部署}/{件名}", out_dir=tmp_path,
                    today=TODAY, overwrite=False, config=EN)


def test_a_draft_never_replaces_the_source(requests_xlsx, tmp_path):
    results = draft_ringi(requests_xlsx, row=4, template="ringi.xlsx", name_pattern="requests",
                          out_dir=requests_xlsx.parent, today=TODAY)
    assert results[0].path.name == "requests_2.xlsx"
    assert load_workbook(requests_xlsx)["申請一覧"]["A1"].value == "2026年12月 稟議申請一覧"


def test_approval_uses_the_config_matrix(requests_xlsx, tmp_path):
    from ledgerkit.drafts.approval import DEFAULT_APPROVAL

    matrix = {**DEFAULT_APPROVAL, "out_of_budget_escalation": 2}
    tpl = tmp_path / "t.txt.j2"
    tpl.write_text("{{ approval|join('>') }}", encoding="utf-8")
    [r] = draft_ringi(requests_xlsx, row=5, template=tpl, out_dir=tmp_path / "o", config={"approval": matrix})
    assert r.path.read_text(encoding="utf-8") == "総務部 課長>総務部長>役員>社長"


def test_free_text_in_a_date_column_is_kept_as_written(tmp_path):
    rows = [list(ROWS[0])]
    rows[0][10] = "2027年4月～"
    src = make_requests(tmp_path / "r.xlsx", rows)
    [r] = draft_ringi(src, row=4, out_dir=tmp_path / "o", today=TODAY)
    text = r.path.read_text(encoding="utf-8")
    assert "- 実施時期: 2027年4月～\n" in text and "| 起案日 | 令和8年12月1日 |" in text


def test_an_amount_cell_that_says_tax_included(tmp_path):
    rows = [list(ROWS[0])]
    rows[0][6] = "528,000円(税込)"
    src = make_requests(tmp_path / "r.xlsx", rows)
    tpl = tmp_path / "t.txt.j2"
    tpl.write_text("{{ amount_basis }} {{ net }} {{ tax }} {{ total }} {{ decider }}", encoding="utf-8")
    [r] = draft_ringi(src, row=4, template=tpl, out_dir=tmp_path / "o")
    assert r.path.read_text(encoding="utf-8") == "tax_included 480000 48000 528000 総務部長"
