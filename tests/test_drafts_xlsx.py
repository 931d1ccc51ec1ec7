"""Excel forms: typed cells, text never a formula, the line band and Excel's insert-row shifts."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from openpyxl.drawing.image import Image
from openpyxl.workbook.defined_name import DefinedName

from ledgerkit.drafts.formula_refs import rewrite_formula
from ledgerkit.drafts.totals import evaluate
from ledgerkit.drafts.xlsx_form import render_xlsx
from ledgerkit.core.errors import TemplateError


def _png() -> io.BytesIO:
    from PIL import Image as PILImage

    buf = io.BytesIO()
    PILImage.new("RGB", (40, 40), "red").save(buf, "PNG")
    buf.seek(0)
    return buf


def make_form(path: Path, *, band_rows: int = 1, sum_formula: str = "=SUM(D5:D5)") -> Path:
    """A small order form: header cells, a line band at row 5, totals, notes and a seal below."""
    wb = Workbook()
    ws = wb.active
    ws.title = "注文書"
    ws["A1"] = "注文書"
    ws.merge_cells("A1:E1")
    ws["A2"] = "{{ vendor }} 御中"
    ws["E2"] = "{{ issued }}"
    ws["E2"].number_format = "yyyy/m/d"
    ws["D3"] = "{{ rate }}"
    ws["D3"].number_format = "0%"
    ws["A4"], ws["B4"], ws["C4"], ws["D4"] = "品名", "数量", "単価", "金額"
    ws["A5"] = "{% for line in lines %}{{ line.name }}"
    ws["B5"] = "{{ line.qty }}"
    ws["C5"] = "{{ line.price }}" + ("{% endfor %}" if band_rows == 1 else "")
    ws["C5"].number_format = "#,##0"
    ws["D5"] = "=B5*C5"
    ws["E5"] = "=D5*$D$3"
    ws.merge_cells("E5:F5")
    ws.row_dimensions[5].height = 18
    if band_rows == 2:
        ws["A6"] = "{{ line.note }}{% endfor %}"
        ws.merge_cells("A6:D6")
    below = 5 + band_rows
    ws[f"C{below}"] = "小計"
    ws[f"D{below}"] = sum_formula
    ws[f"C{below + 1}"] = "合計"
    ws[f"D{below + 1}"] = f"=D{below}+ROUNDDOWN(D{below}*D3,0)"
    ws[f"A{below + 3}"] = "備考 {{ note }}"
    ws.merge_cells(f"A{below + 3}:E{below + 4}")
    ws.row_dimensions[below + 3].height = 40
    ws.print_area = f"A1:F{below + 5}"
    from openpyxl.worksheet.datavalidation import DataValidation

    from openpyxl.formatting.rule import CellIsRule, FormulaRule
    from openpyxl.styles import PatternFill

    red = PatternFill("solid", fgColor="FFC7CE")
    ws.conditional_formatting.add("D5", CellIsRule(operator="greaterThan", formula=["1000"], fill=red))
    ws.conditional_formatting.add(f"D{below}", FormulaRule(formula=[f"$D${below}>$D${below + 1}"], fill=red))
    dv = DataValidation(type="list", formula1='"済,未"')
    dv.add(f"E{below + 1}")
    ws.add_data_validation(dv)
    img = Image(_png())
    ws.add_image(img, f"E{below + 5}")
    other = wb.create_sheet("集計")
    other["A1"] = f"='注文書'!D{below + 1}"
    other["A2"] = f"=SUM(注文書!D5:D{below - 1})"
    wb.defined_names["小計"] = DefinedName("小計", attr_text=f"'注文書'!$D${below}")
    wb.save(path)
    return path


LINES = [
    {"name": "部品A", "qty": 3, "price": 105, "note": "a"},
    {"name": "部品B", "qty": 2, "price": 1000, "note": "b"},
    {"name": "=HYPERLINK(\"http://x\")", "qty": 1, "price": 50, "note": "c"},
]


def context(lines=LINES, **extra):
    return {"vendor": "株式会社アルファ", "issued": dt.date(2026, 12, 1), "rate": Decimal("0.10"),
            "note": "急ぎ", "lines": lines, **extra}


def test_band_inserts_rows_and_shifts_everything_below(tmp_path):
    form = make_form(tmp_path / "form.xlsx")
    out = render_xlsx(form, context(), tmp_path / "out.xlsx", expected_line_total=315 + 2000 + 50)
    wb = load_workbook(out)
    ws = wb["注文書"]
    # per-line values and re-based per-row formulas; a $-absolute reference stays
    assert [ws[f"A{r}"].value for r in (5, 6, 7)] == ["部品A", "部品B", '=HYPERLINK("http://x")']
    assert [ws[f"D{r}"].value for r in (5, 6, 7)] == ["=B5*C5", "=B6*C6", "=B7*C7"]
    assert [ws[f"E{r}"].value for r in (5, 6, 7)] == ["=D5*$D$3", "=D6*$D$3", "=D7*$D$3"]
    assert [ws[f"C{r}"].number_format for r in (5, 6, 7)] == ["#,##0"] * 3
    # below: moved down by 2, SUM widened, references to moved cells follow
    assert ws["C8"].value == "小計" and ws["D8"].value == "=SUM(D5:D7)"
    assert ws["D9"].value == "=D8+ROUNDDOWN(D8*D3,0)"
    assert ws["A11"].value == "備考 急ぎ"
    # other sheets and defined names
    assert wb["集計"]["A1"].value == "='注文書'!D9"
    assert wb["集計"]["A2"].value == "=SUM(注文書!D5:D7)"
    assert wb.defined_names["小計"].attr_text == "'注文書'!$D$8"
    # merged cells: inside the band repeated, below shifted
    merged = sorted(str(r) for r in ws.merged_cells.ranges)
    assert merged == ["A11:E12", "A1:E1", "E5:F5", "E6:F6", "E7:F7"]
    # row heights, print area, the seal image
    assert ws.row_dimensions[11].height == 40
    assert ws.row_dimensions[5].height == ws.row_dimensions[7].height == 18
    assert ws.row_dimensions[9].height is None
    assert ws.print_area == "'注文書'!$A$1:$F$13"
    assert [str(r) for r in ws.data_validations.dataValidation[0].sqref.ranges] == ["E9"]
    cfs = {str(cf.sqref): [list(r.formula) for r in cf.rules] for cf in ws.conditional_formatting}
    assert cfs == {"D5:D7": [["1000"]], "D8": [["$D$8>$D$9"]]}
    assert len(ws._images) == 1 and ws._images[0].anchor._from.row == 12  # E13, 0-based row 12
    # the totals the form computes equal the sum of the lines
    assert evaluate(wb, ws, "D8") == 2365
    assert evaluate(wb, ws, "D9") == 2365 + 236


def test_typed_values_keep_type_and_format(tmp_path):
    out = render_xlsx(make_form(tmp_path / "f.xlsx"), context(), tmp_path / "o.xlsx")
    ws = load_workbook(out)["注文書"]
    assert ws["E2"].value == dt.datetime(2026, 12, 1) and ws["E2"].number_format == "yyyy/m/d"
    assert ws["D3"].value == 0.1 and ws["D3"].number_format == "0%"
    assert ws["B5"].value == 3 and ws["B5"].data_type == "n"
    assert ws["A2"].value == "株式会社アルファ 御中"


def test_text_from_a_cell_never_becomes_a_formula(tmp_path):
    ctx = context(vendor="=cmd|' /C calc'!A0")
    out = render_xlsx(make_form(tmp_path / "f.xlsx"), ctx, tmp_path / "o.xlsx")
    ws = load_workbook(out)["注文書"]
    assert ws["A2"].data_type == "s" and ws["A2"].value == "=cmd|' /C calc'!A0 御中"
    assert ws["A7"].data_type == "s" and ws["A7"].value == '=HYPERLINK("http://x")'
    assert ws["A7"].quotePrefix
    # and in the file itself: text cells, no <f> element
    import re
    import zipfile

    xml = zipfile.ZipFile(out).read("xl/worksheets/sheet1.xml").decode()
    for ref in ("A2", "A7"):
        cell = re.search(rf'<c r="{ref}"[^>]*>.*?</c>', xml).group(0)
        assert 't="inlineStr"' in cell and "<f>" not in cell


def test_two_row_band(tmp_path):
    form = make_form(tmp_path / "f.xlsx", band_rows=2, sum_formula="=SUM(D5:D6)")
    out = render_xlsx(form, context(), tmp_path / "o.xlsx", expected_line_total=2365)
    wb = load_workbook(out)
    ws = wb["注文書"]
    assert [ws[f"A{r}"].value for r in range(5, 11)] == ["部品A", "a", "部品B", "b", '=HYPERLINK("http://x")', "c"]
    assert ws["D7"].value == "=B7*C7" and ws["D9"].value == "=B9*C9"
    assert ws["D11"].value == "=SUM(D5:D10)"
    assert "A8:D8" in {str(r) for r in ws.merged_cells.ranges}


def test_one_line_changes_nothing_structural(tmp_path):
    out = render_xlsx(make_form(tmp_path / "f.xlsx"), context(lines=LINES[:1]), tmp_path / "o.xlsx", expected_line_total=315)
    ws = load_workbook(out)["注文書"]
    assert ws["D6"].value == "=SUM(D5:D5)" and ws["A9"].value == "備考 急ぎ"


def test_sum_that_does_not_cover_the_lines_is_an_error(tmp_path):
    form = make_form(tmp_path / "f.xlsx", band_rows=2, sum_formula="=SUM(D5:D5)")
    with pytest.raises(TemplateError) as e:
        render_xlsx(form, context(), tmp_path / "o.xlsx", lang="en")
    assert str(e.value) == (
        "f.xlsx: 注文書!D11 =SUM(D5:D5) covers rows 5-5, but the lines are in rows 5-10: widen the range to the whole band"
    )
    assert not (tmp_path / "o.xlsx").exists()


def test_form_total_must_equal_the_sum_of_the_lines(tmp_path):
    with pytest.raises(TemplateError, match=r"the lines add up to 9999, but the form computes 注文書!D8 =SUM\(D5:D7\) = 2365"):
        render_xlsx(make_form(tmp_path / "f.xlsx"), context(), tmp_path / "o.xlsx", expected_line_total=9999, lang="en")
    with pytest.raises(TemplateError, match=r"明細の合計は 9999 ですが、フォームの計算は 注文書!D8 =SUM\(D5:D7\) = 2365; 集計!A2 =SUM\(注文書!D5:D7\) = 2365 です$"):
        render_xlsx(make_form(tmp_path / "f.xlsx"), context(), tmp_path / "o.xlsx", expected_line_total=9999)


def test_missing_field_names_the_cell_and_the_field(tmp_path):
    ctx = context()
    del ctx["note"]
    with pytest.raises(TemplateError) as e:
        render_xlsx(make_form(tmp_path / "f.xlsx"), ctx, tmp_path / "o.xlsx")
    assert str(e.value) == "f.xlsx: 注文書!A11: 'note' を使っていますが、ありません"
    assert e.value.field == "note"
    assert not (tmp_path / "o.xlsx").exists()


def test_missing_line_field(tmp_path):
    lines = [dict(LINES[0]), {"name": "x", "qty": 1}]
    with pytest.raises(TemplateError, match=r"注文書!C6: uses 'price', which is not there"):
        render_xlsx(make_form(tmp_path / "f.xlsx"), context(lines=lines), tmp_path / "o.xlsx", lang="en")


def test_empty_lines_and_unbalanced_tags(tmp_path):
    with pytest.raises(TemplateError, match="lines is empty"):
        render_xlsx(make_form(tmp_path / "f.xlsx"), context(lines=[]), tmp_path / "o.xlsx", lang="en")
    wb = Workbook()
    wb.active["A1"] = "{% for x in xs %}{{ x }}"
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(TemplateError, match=r"1行目の \{% for x in xs %\} に \{% endfor %\} がありません"):
        render_xlsx(tmp_path / "bad.xlsx", {"xs": [1]}, tmp_path / "o.xlsx")


def test_not_an_xlsx(tmp_path):
    p = tmp_path / "form.xlsx"
    p.write_bytes(b"not a zip")
    with pytest.raises(TemplateError, match="form.xlsx: Excel の様式を開けません"):
        render_xlsx(p, {}, tmp_path / "o.xlsx")


def test_rewrite_formula_keeps_everything_but_references():
    f = '=IF(A1>0,"D7:D7",SUM(\'表 1\'!$B$2:B9))&TEXT(C3,"0")'
    assert rewrite_formula(f, lambda s, r: r) == f
    assert rewrite_formula(f, lambda s, r: "X") == '=IF(X>0,"D7:D7",SUM(X))&TEXT(X,"0")'


@settings(max_examples=100, deadline=None)
@given(
    first=st.integers(1, 30),
    height=st.integers(1, 3),
    count=st.integers(1, 6),
    row=st.integers(1, 60),
)
def test_insert_shift_properties(first, height, count, row):
    """Outside the band: rows above stay, rows below move by the inserted rows, SUMs over the band widen."""
    from ledgerkit.drafts.band import Band, _Shifter
    from ledgerkit.drafts.formula_refs import _map_ref

    band = Band("S", first, first + height - 1, "line", "lines")
    k = (count - 1) * height
    sh = _Shifter(band, k)
    moved = _map_ref(f"B{row}", True, sh.outside)
    expected = row + k if row > band.last else row
    assert moved == f"B{expected}"
    widened = _map_ref(f"D{first}:D{band.last}", True, sh.outside)
    assert widened == f"D{first}:D{band.last + k}"
    # a reference from copy i to its own row moves with the copy
    for i in range(count):
        assert _map_ref(f"C{first}", True, lambda p, o=i * height: sh.inside(p, o)) == f"C{first + i * height}"


@settings(max_examples=100, deadline=None)
@given(
    column=st.text(st.characters(blacklist_characters="=", blacklist_categories=("Cs",)), min_size=1, max_size=12),
    value=st.text(st.characters(blacklist_categories=("Cs",)), max_size=12),
)
def test_parse_where_round_trip(column, value):
    from ledgerkit.drafts.context import parse_where

    if not column.strip():
        return
    assert parse_where([f"{column}={value}"]) == [(column.strip(), value.strip())]


def test_bundled_forms_are_what_make_forms_builds(tmp_path):
    """templates/ringi.xlsx and po.xlsx are reviewed as code: the script must rebuild them exactly."""
    import importlib.util

    from test_drafts_ringi import xlsx_snapshot

    root = Path(__file__).resolve().parent.parent / "templates"
    spec = importlib.util.spec_from_file_location("make_forms", root / "make_forms.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name, make in (("ringi.xlsx", mod.make_ringi), ("po.xlsx", mod.make_po)):
        built = make(tmp_path / name)
        assert xlsx_snapshot(built) == xlsx_snapshot(root / name), f"run python templates/make_forms.py ({name})"


def test_example_lists_draft_cleanly(tmp_path):
    """examples/make_drafts_examples.py writes lists every order and request drafts from (the demo)."""
    import importlib.util

    from ledgerkit.drafts import draft_po, draft_ringi

    root = Path(__file__).resolve().parent.parent / "examples"
    spec = importlib.util.spec_from_file_location("make_drafts_examples", root / "make_drafts_examples.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    requests = mod.make_requests(tmp_path / "requests.xlsx")
    orders = mod.make_orders(tmp_path / "orders.xlsx")
    import tomllib

    company = tomllib.loads(mod.DRAFTS_TOML)
    assert all(r.ok for r in draft_ringi(requests, all=True, template="ringi.xlsx", out_dir=tmp_path / "r"))
    results = draft_po(orders, all=True, out_dir=tmp_path / "p", config=company)
    assert [(r.key, r.rows, r.ok) for r in results] == [("PO-2026-001", [4, 5, 6], True), ("PO-2026-002", [7, 8, 9], True)]


def test_comments_and_hyperlinks_move_with_their_cells(tmp_path):
    from openpyxl.comments import Comment

    wb = Workbook()
    ws = wb.active
    ws["A1"] = "{% for x in xs %}{{ x }}{% endfor %}"
    ws["A3"] = "note"
    ws["A3"].comment = Comment("確認", "経理")
    ws["A4"] = "link"
    ws["A4"].hyperlink = "https://example.com/"
    wb.save(tmp_path / "f.xlsx")
    ws = load_workbook(render_xlsx(tmp_path / "f.xlsx", {"xs": [1, 2, 3]}, tmp_path / "o.xlsx")).active
    assert [ws.cell(r, 1).value for r in range(1, 7)] == [1, 2, 3, None, "note", "link"]
    assert ws["A5"].comment.text == "確認" and ws["A6"].hyperlink.target == "https://example.com/"
    assert ws["A4"].hyperlink is None and ws["A4"].comment is None


def test_a_form_with_a_seal_needs_pillow(tmp_path, monkeypatch):
    import ledgerkit.drafts.xlsx_form as xf

    form = make_form(tmp_path / "f.xlsx")
    monkeypatch.setattr(xf, "_pillow", lambda: False)
    with pytest.raises(TemplateError, match=r"f.xlsx: 様式に画像 \(印影\?\) があります。画像を残すには Pillow をインストールしてください"):
        render_xlsx(form, context(), tmp_path / "o.xlsx")
