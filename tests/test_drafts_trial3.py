"""draft-ringi after the third new-user trial: the row's own 税率, an empty 金額 said as the
row's line, a ※ note row named, a Word form's syntax error placed in its paragraph."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from ledgerkit.core.errors import DataError, InputError, TemplateError
from ledgerkit.drafts import draft_po, draft_ringi
from ledgerkit.drafts.context import SourceRow
from ledgerkit.drafts.ringi import ringi_context
from ledgerkit.parse.amounts import parse_rate
from test_drafts_po import COMPANY, make_orders  # the order list and [company] of the PO tests

TODAY = dt.date(2026, 12, 5)
HEADER = ["申請番号", "起案日", "起案者", "部署", "件名", "区分", "取引先", "金額", "税率", "予算科目", "予算", "目的", "実施時期"]


def request(no: str, amount, rate) -> list:
    return [no, dt.datetime(2026, 12, 1), "山田 太郎", "総務部", "来客用飲料の件", "購入", "デルタ食品株式会社", amount, rate,
            "会議費", "予算内", "来客用飲料の購入。", "令和8年12月20日"]


def make_list(path: Path, rows: list[list], header=HEADER) -> Path:
    """The trial's list: a title, a date line, the header, the rows, a blank row, a ※ note."""
    wb = Workbook()
    ws = wb.active
    ws.title = "申請一覧"
    ws.append(["令和8年度 稟議申請一覧（総務部）"])
    ws.append(["作成：令和８年１２月１日"])
    ws.append(header)
    for r in rows:
        ws.append(r)
    ws.append([])
    ws.append(["※金額は税抜。予算外の申請は一段上の決裁となります。"])
    wb.save(path)
    return path


def docx_text(path: Path) -> str:
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


# --- 1. the row's 税率 is the ringi's rate -------------------------------------------


@pytest.mark.parametrize("rate", ["8%", 0.08, "8％", "０．０８", "軽減", "軽減税率", "課税仕入8%(軽)"])
def test_the_rows_rate_is_the_ringis_rate_markdown(tmp_path, rate):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 350000, "10%"), request("R-2", 80000, rate)])
    [r] = draft_ringi(src, row=5, out_dir=tmp_path / "o", today=TODAY)
    text = r.path.read_text(encoding="utf-8")
    assert "- 金額: ¥80,000 (税抜) / 消費税 ¥6,400 (8%, 切り捨て) / 税込 ¥86,400" in text
    assert "- 金額 (大字): 金八万六千四百円也" in text


def test_worked_example_in_all_three_formats(tmp_path):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 350000, "10%"), request("R-2", 80000, "8%")])
    [md] = draft_ringi(src, row=5, out_dir=tmp_path / "o", today=TODAY)
    [xl] = draft_ringi(src, row=5, template="ringi.xlsx", out_dir=tmp_path / "o", today=TODAY)
    [wd] = draft_ringi(src, row=5, template="ringi.docx", out_dir=tmp_path / "o", today=TODAY)
    assert "消費税 ¥6,400 (8%, 切り捨て) / 税込 ¥86,400" in md.path.read_text(encoding="utf-8")
    ws = load_workbook(xl.path).active
    assert (ws["B13"].value, ws["B14"].value, ws["B16"].value) == (80000, 6400, "金八万六千四百円也")
    text = docx_text(wd.path)
    assert "¥6,400（8%、切り捨て）" in text and "¥86,400" in text and "金八万六千四百円也" in text
    assert "¥88,000" not in text and "¥8,000" not in text


@pytest.mark.parametrize("rate, tax, total", [("10%", "¥8,000", "¥88,000"), ("標準", "¥8,000", "¥88,000"),
                                              ("非課税", "¥0", "¥80,000"), ("不課税", "¥0", "¥80,000"),
                                              ("対象外", "¥0", "¥80,000"), (None, "¥8,000", "¥88,000")])
def test_standard_no_tax_and_blank_rates(tmp_path, rate, tax, total):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, rate)])
    [r] = draft_ringi(src, row=4, out_dir=tmp_path / "o", today=TODAY)
    assert f"消費税 {tax} (" in r.path.read_text(encoding="utf-8")
    assert f"税込 {total}" in r.path.read_text(encoding="utf-8")


def test_a_tax_category_header_is_the_rate_too(tmp_path):
    header = [h if h != "税率" else "税区分" for h in HEADER]
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, "軽減")], header=header)
    [r] = draft_ringi(src, row=4, out_dir=tmp_path / "o", today=TODAY)
    assert "消費税 ¥6,400 (8%, 切り捨て) / 税込 ¥86,400" in r.path.read_text(encoding="utf-8")


def test_a_rate_not_understood_stops_that_draft_naming_the_cell(tmp_path):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, "12%")])
    with pytest.raises(DataError) as e:
        draft_ringi(src, row=4, out_dir=tmp_path / "o", today=TODAY)
    assert str(e.value) == "requests.xlsx: 申請一覧: 4行目: 税率 '12%': 税率は 10%・8% (旧5%・3%)・0% のいずれかです"
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


_SPELLINGS = {
    Decimal("0.08"): ["8%", "8％", "８％", "0.08", "０．０８", "軽減", "軽減税率", "8", "課税仕入8%(軽)"],
    Decimal("0.10"): ["10%", "１０％", "0.1", "0.10", "標準", "標準税率", "10"],
}


@settings(max_examples=60, deadline=None)
@given(rate=st.sampled_from(sorted(_SPELLINGS)), data=st.data(), amount=st.integers(0, 10**10))
def test_ringi_tax_is_computed_once_at_the_rows_rate(rate, data, amount):
    spelled = data.draw(st.sampled_from(_SPELLINGS[rate]))
    assert parse_rate(spelled) == rate
    srow = SourceRow(4, {"金額": amount, "税率": rate}, {"amount": amount, "tax_rate": rate}, [])
    table = type("T", (), {"path": Path("r.xlsx"), "sheet": "s", "header": staticmethod(lambda f: "金額")})()
    ctx = ringi_context(table, srow, today=TODAY)
    # 切り捨て of an exact integer product (tax.rounding = down): net × 8 // 100
    assert ctx["tax"] == amount * int(rate * 100) // 100
    assert ctx["total"] == amount + ctx["tax"] and ctx["tax_rate"] == rate


# --- 2. an empty 金額 is the row's line ------------------------------------------------


@pytest.mark.parametrize("template", ["ringi.md.j2", "ringi.xlsx", "ringi.docx", "ringi.html.j2"])
def test_an_empty_amount_is_said_as_the_rows_line(tmp_path, template):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, "8%"), request("R-2", None, "10%")])
    with pytest.raises(TemplateError) as e:
        draft_ringi(src, row=5, template=template, out_dir=tmp_path / "o", today=TODAY)
    assert str(e.value) == "requests.xlsx: 申請一覧: 5行目: 金額 が空です"


def test_an_empty_amount_in_english(tmp_path):
    src = make_list(tmp_path / "requests.xlsx", [request("R-2", None, "10%")])
    with pytest.raises(TemplateError) as e:
        draft_ringi(src, row=4, template="ringi.docx", out_dir=tmp_path / "o", config={"report": {"lang": "en"}})
    assert str(e.value) == "requests.xlsx: 申請一覧: row 4: 金額 is empty"


# --- 3. a ※ note row under the table --------------------------------------------------


def test_a_note_row_is_named_and_left_out_of_the_range(tmp_path):
    rows = [request(f"R-{i}", 80000, "10%") for i in range(4)]
    src = make_list(tmp_path / "requests.xlsx", rows)  # data 4-7, blank 8, note 9
    with pytest.raises(InputError) as e:
        draft_ringi(src, row=9, out_dir=tmp_path / "o")
    assert str(e.value) == ("requests.xlsx: 申請一覧: 9行目は表の下の注記「※金額は税抜。予算外の申請は一段上の決裁となります。」"
                            "で、データ行ではありません (データは4-7行目です)")
    for row in (3, 10):
        with pytest.raises(InputError) as e:
            draft_ringi(src, row=row, out_dir=tmp_path / "o")
        assert str(e.value) == f"requests.xlsx: 申請一覧: {row}行目はデータ行ではありません (データは4-7行目です)"
    with pytest.raises(InputError) as e:
        draft_ringi(src, row=8, out_dir=tmp_path / "o")
    assert str(e.value) == "requests.xlsx: 申請一覧: 8行目はデータ行ではありません (空行か合計行です)"


# --- 4. a Word form's syntax error names the paragraph ---------------------------------


def test_a_word_form_syntax_error_names_the_paragraph(tmp_path):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, "8%")])
    doc = Document()
    doc.add_paragraph("稟議書")
    doc.add_paragraph("件名: {{ subject|foo }}")
    doc.save(tmp_path / "badf.docx")
    with pytest.raises(TemplateError) as e:
        draft_ringi(src, row=4, template=tmp_path / "badf.docx", out_dir=tmp_path / "o")
    assert str(e.value) == "requests.xlsx: 申請一覧: 4行目: badf.docx: 段落「件名: {{ subject|foo }}」: 「foo」というフィルターはありません"
    doc = Document()
    doc.add_paragraph("稟議書")
    cells = doc.add_table(rows=1, cols=2).rows[0].cells
    cells[0].text, cells[1].text = "金額", "{{ amount|yen( }}"
    doc.save(tmp_path / "badg.docx")
    with pytest.raises(TemplateError) as e:
        draft_ringi(src, row=4, template=tmp_path / "badg.docx", out_dir=tmp_path / "o", config={"report": {"lang": "en"}})
    assert str(e.value).startswith("requests.xlsx: 申請一覧: row 4: badg.docx: paragraph '{{ amount|yen( }}': ")


# --- 5. the bundled Excel forms: 和暦 and totals with their values -----------------------


def test_the_ringi_form_prints_wareki_and_saves_the_totals_value(tmp_path):
    src = make_list(tmp_path / "requests.xlsx", [request("R-1", 80000, "8%")])
    [r] = draft_ringi(src, row=4, template="ringi.xlsx", out_dir=tmp_path / "o", today=TODAY)
    ws = load_workbook(r.path)["稟議書"]
    assert ws["B4"].value == "令和8年12月1日" and ws["B15"].value == "=B13+B14"
    # what a viewer that does not calculate shows: the value saved with the formula
    assert load_workbook(r.path, data_only=True)["稟議書"]["B15"].value == 86400


def test_the_po_form_prints_wareki_and_saves_the_totals_values(tmp_path):
    src = make_orders(tmp_path / "orders.xlsx")
    results = draft_po(src, all=True, template="po.xlsx", out_dir=tmp_path / "o", config=COMPANY, today=TODAY)
    for r in results:
        formulas = load_workbook(r.path).active
        values = load_workbook(r.path, data_only=True).active
        assert formulas["C11"].value.startswith("=H")
        total_row = int(formulas["C11"].value[2:])
        assert values["C11"].value == values[f"H{total_row}"].value > 0
        assert str(values["H3"].value).startswith("令和")
        for row in range(14, total_row):
            if formulas[f"H{row}"].data_type == "f":
                assert isinstance(values[f"H{row}"].value, int)


def test_a_po_line_without_tax_is_labelled_as_the_ringi_labels_it():
    # the ringi said 非課税 for a 0 rate while a PO line said "0%": one label, in rate_label
    from decimal import Decimal

    from ledgerkit.drafts.po import _totals_by_rate

    lines = [{"amount": 1000, "tax_rate": Decimal("0.10")}, {"amount": 500, "tax_rate": Decimal(0)}]
    assert [(b["label"], b["tax"]) for b in _totals_by_rate(lines, "down")] == [("10%", 100), ("非課税", 0)]
    assert _totals_by_rate(lines, "down", "en")[1]["label"] == "no tax"
