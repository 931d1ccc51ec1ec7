"""Word forms (issue 22): docxtpl tags in a company's .docx, a repeated line row, totals checked
against the lines, split tags, nothing left unfilled, the same safety as the other formats."""

from __future__ import annotations

import importlib.util
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledgerkit.core.errors import TemplateError
from ledgerkit.drafts.docx_form import render_docx, render_docx_bytes

from word_forms import make_po_form, po_context, replace_in_part, seal_png, texts, with_part

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"


@pytest.fixture
def form(tmp_path) -> Path:
    return make_po_form(tmp_path / "注文書.docx")


def media(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/media/")}


def line_rows(path: Path) -> list[list[str]]:
    table = Document(path).tables[1]
    return [[c.text for c in row.cells] for row in table.rows]


# --- a generated form, filled ------------------------------------------------------------


@pytest.mark.parametrize("layout", ["one_row", "rows"])
def test_every_value_filled_and_formatted_lines_repeated_totals_checked(form, tmp_path, layout):
    form = make_po_form(tmp_path / f"{layout}.docx", layout=layout)
    out = render_docx(form, po_context(), tmp_path / "out.docx", expected_line_total=2116)
    assert out.suffix == ".docx"
    shown = texts(out)
    assert not [t for t in shown if "{{" in t or "{%" in t or "}}" in t]
    assert "宛先: 株式会社デルタフーズ　御中" in shown  # the split tag, put back together
    assert "令和8年12月2日" in shown and "2026/12/10" in shown and "金弐千弐百九拾壱円也" in shown
    assert "注文番号 PO-2" in shown and "出典: orders.xlsx" in shown  # header and footer
    assert line_rows(out) == [
        ["No", "品名", "数量", "単価", "金額"],
        ["1", "部品A", "3", "105", "315"],
        ["2", "食品B", "1", "1,234", "1,234"],
        ["3", "食品C", "1", "567", "567"],
        ["", "", "", "小計", "¥2,116"],
        ["", "", "", "10%対象", "¥315"],
        ["", "", "", "消費税(10%)", "¥31"],
        ["", "", "", "消費税(8%)", "¥144"],
        ["", "", "", "消費税", "¥175"],
        ["", "", "", "合計", "¥2,291"],
    ]


def test_the_line_row_keeps_its_formatting_on_every_line(form, tmp_path):
    out = render_docx(form, po_context(), tmp_path / "out.docx")
    table = Document(out).tables[1]
    for row in table.rows[1:4]:
        cell = row.cells[4]
        assert cell._tc.tcPr.xpath("./w:shd/@w:fill") == ["FFF2CC"]
        assert str(cell.paragraphs[0].runs[0].font.color.rgb) == "1F4E79"
        assert row.height is not None


def test_the_seal_image_is_kept(form, tmp_path):
    out = render_docx(form, po_context(), tmp_path / "out.docx")
    assert list(media(out).values()) == [seal_png()]
    assert Document(out).inline_shapes[0].width > 0


def test_the_split_tag_keeps_the_first_runs_formatting(form, tmp_path):
    out = render_docx(form, po_context(), tmp_path / "out.docx")
    p = next(p for p in Document(out).paragraphs if p.text.startswith("宛先"))
    value = next(r for r in p.runs if "デルタ" in r.text)
    assert value.text == "株式会社デルタフーズ" and not value.bold and not value.italic


def test_render_returns_bytes_and_writes_atomically(form, tmp_path):
    data = render_docx(form, po_context())
    assert data[:2] == b"PK" and Document(io.BytesIO(data)).paragraphs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["注文書.docx"]


def test_ledgerkit_render_fills_a_word_form_in_a_bounded_worker(form, tmp_path):
    import ledgerkit

    out = ledgerkit.render(form, po_context(), tmp_path / "o.docx", expected_line_total=2116)
    assert out == tmp_path / "o.docx" and "合計" in texts(out)
    with pytest.raises(TemplateError, match="'vendor'"):
        ledgerkit.render(form, {k: v for k, v in po_context().items() if k != "vendor"})


# --- the totals, checked as the Excel forms' are -------------------------------------------


def test_line_amounts_that_do_not_add_up_to_the_lines_are_refused(form, tmp_path):
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context(), tmp_path / "o.docx", expected_line_total=9999, lang="en")
    assert str(e.value) == "注文書.docx: the lines add up to 9999, but the form computes 2,116"
    assert not (tmp_path / "o.docx").exists()


def test_a_form_showing_fewer_lines_than_the_order_has_is_refused(tmp_path):
    form = make_po_form(tmp_path / "f.docx", lines="lines[:2]")
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context())
    assert str(e.value) == "f.docx: 明細は 3 行ですが、フォームが表示した明細の金額は 2 行分です"
    form = make_po_form(tmp_path / "g.docx", amount="line.item", extra=[
        "{%p for line in lines %}", "{%p if line.no < 3 %}", "{{ line.amount|yen }}", "{%p endif %}", "{%p endfor %}"])
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context())
    assert str(e.value) == "g.docx: 明細は 3 行ですが、フォームが表示した明細の金額は 2 行分です"


def test_a_total_that_is_not_the_lines_total_is_refused(tmp_path):
    form = make_po_form(tmp_path / "f.docx", totals=[("小計", "{{ subtotal|yen }}"), ("合計", "{{ total|yen }}")])
    ctx = po_context()
    ctx["total"] = 2300
    with pytest.raises(TemplateError) as e:
        render_docx(form, ctx, tmp_path / "o.docx")
    assert str(e.value) == "f.docx: 合計 の表示 ¥2,300 が明細から計算した 2,291 と合いません"


def test_a_word_formula_field_is_refused(form, tmp_path):
    field = (b'<w:p><w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>2,116</w:t></w:r></w:fldSimple></w:p>')
    bad = replace_in_part(form, tmp_path / "sum.docx", "word/document.xml", b"<w:sectPr", field + b"<w:sectPr")
    with pytest.raises(TemplateError) as e:
        render_docx(bad, po_context(), lang="en")
    assert str(e.value).startswith("sum.docx: paragraph '2,116': the Word formula field =SUM(ABOVE) shows the figure")


def bundled_po_context(route: list[str]) -> dict:
    """What draft_po gives the bundled po.docx."""
    from ledgerkit.drafts.approval import stamp_boxes

    company = {"name": "株式会社サンプル製作所", "representative": "代表取締役 見本 太郎", "address": "東京都千代田区",
               "tel": "03-0000-0000", "registration_no": "T9234567890123"}
    return po_context(company=company, delivery_place="本社", payment_due="2027-01-31", rounding_label="切り捨て",
                      approval=route, stamps=stamp_boxes(route))


def test_a_route_longer_than_the_stamp_boxes_is_refused():
    assert render_docx(TEMPLATES / "po.docx", bundled_po_context(["課長", "部長"]))[:2] == b"PK"
    route = ["課長", "部長", "本部長", "役員", "社長", "法務部", "経理部"]
    with pytest.raises(TemplateError) as e:
        render_docx(TEMPLATES / "po.docx", bundled_po_context(route))
    assert str(e.value) == ("po.docx: 承認経路は 7 人 (課長・部長・本部長・役員・社長・法務部・経理部) ですが、"
                            "押印欄は 6 個です。押印欄を増やしてください")


# --- tags: split, left open, full width, left over -------------------------------------------


def test_a_missing_field_is_one_line_naming_it(form, tmp_path):
    ctx = po_context()
    del ctx["order_date"]
    with pytest.raises(TemplateError) as e:
        render_docx(form, ctx, tmp_path / "o.docx")
    assert str(e.value) == "注文書.docx: 'order_date' を使っていますが、ありません"
    assert e.value.field == "order_date"


def test_a_tag_left_open_is_named_with_its_paragraph(tmp_path):
    form = make_po_form(tmp_path / "f.docx", extra=["納品先: {{ delivery_place", "}}"])
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context(delivery_place="本社"))
    assert str(e.value) == "f.docx: 段落「納品先: {{ delivery_place」: タグ {{ が同じ段落の中で閉じていません"


def test_full_width_braces_typed_with_the_ime_are_named(tmp_path):
    form = make_po_form(tmp_path / "f.docx", extra=["件名: ｛｛ subject ｝｝"])
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context(), lang="en")
    assert str(e.value) == ("f.docx: paragraph '件名: ｛｛ subject ｝｝': full-width ｛｛ is no tag; "
                            "type {{ }} and {% %} half-width")


def test_a_tag_split_across_a_hyperlink_is_named(form, tmp_path):
    link = (b'<w:p><w:r><w:t>{{ ven</w:t></w:r><w:hyperlink w:anchor="x"><w:r><w:t>dor }}</w:t></w:r>'
            b'</w:hyperlink></w:p>')
    bad = replace_in_part(form, tmp_path / "link.docx", "word/document.xml", b"<w:sectPr", link + b"<w:sectPr")
    with pytest.raises(TemplateError) as e:
        render_docx(bad, po_context())
    assert str(e.value) == ("link.docx: 段落「{{ vendor }}」: タグ {{ vendor }} がハイパーリンクにまたがっています。"
                            "タグを消して一度に入力し直してください")


def test_a_tag_left_in_the_output_is_an_error_naming_the_paragraph(tmp_path):
    form = make_po_form(tmp_path / "f.docx", extra=["{% raw %}{{ 件名 }}{% endraw %}"])
    with pytest.raises(TemplateError) as e:
        render_docx(form, po_context(), lang="en")
    assert str(e.value) == "f.docx: paragraph '{{ 件名 }}': {{ was left unfilled (check how the tag is written)"


def test_docxtpl_escaped_braces_stay_literal(tmp_path):
    form = make_po_form(tmp_path / "f.docx", extra=["記入例: {_{ 件名 }_}"])
    assert "記入例: {{ 件名 }}" in texts(render_docx(form, po_context(), tmp_path / "o.docx"))


def test_tags_in_comments_are_refused_not_left(form, tmp_path):
    comments = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments '
                b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:comment w:id="0">'
                b"<w:p><w:r><w:t>{{ subject }}</w:t></w:r></w:p></w:comment></w:comments>")
    bad = with_part(form, tmp_path / "c.docx", "word/comments.xml", comments,
                    "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml")
    with pytest.raises(TemplateError, match=r"c.docx: word/comments.xml のタグは埋められません"):
        render_docx(bad, po_context())


# --- safety: data is never template code, markup, a field, a hyperlink or a macro --------------

HOSTILE = {
    "template code": "{{ 7*7 }}{% for x in range(3) %}x{% endfor %}{%tr endfor %}",
    "xml": '</w:t></w:r><w:hyperlink r:id="rId1"><w:r><w:t>click</w:t></w:r></w:hyperlink><w:r><w:t>',
    "field": '</w:t></w:r><w:fldSimple w:instr=" INCLUDETEXT &quot;c:\\\\secret.txt&quot; "/><w:r><w:t>',
    "field chars": '<w:fldChar w:fldCharType="begin"/><w:instrText> DDEAUTO c:\\\\windows\\\\calc.exe </w:instrText>',
    "mergefield": "{ MERGEFIELD 件名 }",
    "control": "一行目\r\n二行目\x07\x0c改ページ\x1b",
}


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_cell_text_is_printed_as_written_never_markup_field_or_link(form, tmp_path, text):
    out = render_docx(form, po_context(vendor=text), tmp_path / "o.docx")
    with zipfile.ZipFile(out) as z:
        body = z.read("word/document.xml").decode("utf-8")
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
    assert "<w:hyperlink" not in body and "<w:fldSimple" not in body and "<w:fldChar" not in body
    assert "<w:instrText" not in body and "hyperlink" not in rels
    shown = next(p.text for p in Document(out).paragraphs if p.text.startswith("宛先"))
    assert shown == f"宛先: {_as_word_keeps(text)}　御中"


def test_the_draft_is_a_plain_docx_never_a_docm(form, tmp_path):
    out = render_docx(form, po_context(), tmp_path / "o.docx")
    with zipfile.ZipFile(out) as z:
        types = z.read("[Content_Types].xml").decode()
        names = z.namelist()
    assert "macroEnabled" not in types and not [n for n in names if "vba" in n.lower()]
    assert "wordprocessingml.document.main+xml" in types


def test_a_macro_enabled_form_is_refused(form, tmp_path):
    docm = tmp_path / "f.docm"
    shutil.copy(form, docm)
    with pytest.raises(TemplateError) as e:
        render_docx(docm, po_context())
    assert str(e.value) == ("f.docm: マクロ付きの文書はフォームに使えません。"
                            "Word で「Word 文書 (*.docx)」として保存し直してください")
    hidden = with_part(form, tmp_path / "hidden.docx", "word/vbaProject.bin", b"\xd0\xcf\x11\xe0",
                       "application/vnd.ms-office.vbaProject")
    with pytest.raises(TemplateError, match="hidden.docx: マクロ付き"):
        render_docx(hidden, po_context())


def test_a_word_template_dotx_gives_a_docx(form, tmp_path):
    main = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    dotx = replace_in_part(form, tmp_path / "f.dotx", "[Content_Types].xml", main,
                           main.replace(b"document.main", b"template.main"))
    data = render_docx(dotx, po_context())
    assert b"template.main" not in zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml")


@pytest.mark.parametrize("dtd", ['<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
                                 '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'],
                         ids=["xxe", "bomb"])
def test_a_form_that_declares_entities_is_refused(form, tmp_path, dtd):
    bad = replace_in_part(form, tmp_path / "x.docx", "word/document.xml", b"<w:document", dtd.encode() + b"<w:document")
    with pytest.raises(TemplateError, match="x.docx: XML に実体宣言があるため使いません"):
        render_docx(bad, po_context())


def test_a_form_that_unpacks_too_large_is_refused_before_parsing(form, monkeypatch):
    import ledgerkit.drafts.docx_form as docx_form

    monkeypatch.setattr(docx_form, "FORM_MAX_UNCOMPRESSED", 1000)
    with pytest.raises(TemplateError, match=r"注文書.docx: Word のフォームとして開けません \(展開すると .*圧縮爆弾の疑い\)\)"):
        render_docx(form, po_context())


def test_not_a_word_file_is_one_line(tmp_path):
    bad = tmp_path / "form.docx"
    bad.write_text("<html>", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"^form.docx: Word のフォームとして開けません"):
        render_docx(bad, {})


@pytest.fixture(scope="module")
def any_text_form(tmp_path_factory) -> Path:
    return make_po_form(tmp_path_factory.mktemp("hyp") / "form.docx")


def _as_word_keeps(text: str) -> str:
    """What a run can hold: CR LF and CR as a line break, other control characters as U+FFFD."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join("\ufffd" if (ord(c) < 32 and c not in "\t\n") or ord(c) in (0xFFFE, 0xFFFF, 0xE000, 0xE001, 0xE002)
                   else c for c in text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=40))
def test_any_cell_text_comes_back_as_written(any_text_form, text):
    data = render_docx_bytes(any_text_form, po_context(vendor=text))
    shown = next(p.text for p in Document(io.BytesIO(data)).paragraphs if p.text.startswith("宛先"))
    assert shown == f"宛先: {_as_word_keeps(text)}　御中"


# --- the bundled forms ------------------------------------------------------------------------


def _parts(path: Path) -> dict[str, bytes]:
    """What a form is, for review: its XML parts (not the dates python-docx stamps, not the seal's pixels)."""
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist() if n.startswith("word/") and not n.startswith("word/media/")}


def test_bundled_word_forms_are_what_make_word_forms_builds(tmp_path):
    spec = importlib.util.spec_from_file_location("make_word_forms", TEMPLATES / "make_word_forms.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    for name, make in (("ringi.docx", mod.make_ringi), ("po.docx", mod.make_po)):
        built = make(tmp_path / name)
        assert _parts(built) == _parts(TEMPLATES / name), f"run python templates/make_word_forms.py ({name})"


def test_bundled_forms_have_a_stamp_box_per_approver_and_the_seal():
    for name in ("ringi.docx", "po.docx"):
        doc = Document(TEMPLATES / name)
        stamps = [t for t in doc.tables if any("stamps[" in c.text for c in t.rows[0].cells)]
        assert len(stamps) == 1 and [c.text for c in stamps[0].rows[0].cells] == [
            f"{{{{ stamps[{i}] }}}}" for i in range(6)]
    assert len(media(TEMPLATES / "po.docx")) == 1


# --- the commands ---------------------------------------------------------------------------

from typer.testing import CliRunner  # noqa: E402

from ledgerkit.cli.app import app  # noqa: E402

from test_drafts_po import COMPANY, make_orders  # noqa: E402
from test_drafts_ringi import make_requests  # noqa: E402

runner = CliRunner()
COMPANY_TOML = "\n".join(["[company]", *(f'{k} = "{v}"' for k, v in COMPANY["company"].items())]) + "\n"


@pytest.fixture
def orders(tmp_path) -> tuple[Path, Path]:
    config = tmp_path / "ledgerkit.toml"
    config.write_text(COMPANY_TOML, encoding="utf-8")
    return make_orders(tmp_path / "orders.xlsx"), config


def test_draft_po_with_the_bundled_word_form(orders, tmp_path):
    source, config = orders
    r = runner.invoke(app, ["draft-po", str(source), "--all", "--template", "po.docx", "-o", str(tmp_path / "o"),
                            "--config", str(config)])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"下書き 2 件を {tmp_path / 'o'} に書き出しました (一覧: {tmp_path / 'o' / 'manifest.csv'})\n"
    out = tmp_path / "o" / "PO-2_株式会社デルタフーズ.docx"
    shown = texts(out)
    assert not [t for t in shown if "{{" in t or "{%" in t]
    assert "ご注文金額　¥2,291－（税込）" in shown
    assert Document(out).tables[0].cell(0, 0).paragraphs[0].text == "株式会社デルタフーズ　御中"
    assert "注文番号　PO-2" in shown and "発注日　令和8年12月2日" in shown
    table = [[c.text for c in row.cells] for row in Document(out).tables[1].rows]
    assert [row[:7] for row in table[1:4]] == [
        ["1", "部品A", "3", "個", "105", "10%", "315"],
        ["2", "食品B ※", "1", "箱", "1,234", "8%", "1,234"],
        ["3", "食品C ※", "1", "箱", "567", "8%", "567"],
    ]
    assert [row[-2:] for row in table[4:]] == [
        ["小計", "¥2,116"], ["10%対象", "¥315"], ["8%対象", "¥1,801"], ["消費税(10%)", "¥31"], ["消費税(8%)", "¥144"],
        ["消費税合計", "¥175"], ["合計", "¥2,291"],
    ]
    stamps = Document(out).tables[-1]
    assert [c.text for c in stamps.rows[0].cells] == ["課長", "", "", "", "", ""]
    assert list(media(out).values()) == list(media(TEMPLATES / "po.docx").values())  # the seal


def test_draft_ringi_with_the_bundled_word_form(tmp_path):
    source = make_requests(tmp_path / "requests.xlsx")
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "6", "--template", "ringi.docx", "-o", str(tmp_path / "o")])
    assert r.exit_code == 0, r.stderr
    out = tmp_path / "o" / "R-2026-003_保守契約締結の件.docx"
    doc = Document(out)
    fields = {row.cells[0].text: row.cells[1].text for row in doc.tables[1].rows}
    assert fields["件名"] == "保守契約締結の件" and fields["起案日"] == "令和8年12月2日"
    assert fields["目的・背景"] == "基幹システムの年間保守を委託するため。<script>alert('x')</script>"
    assert fields["金額(税抜)"] == "¥1,200,000" and fields["消費税"] == "¥120,000（10%、切り捨て）"
    assert fields["合計(税込)"] == "¥1,320,000" and fields["金額(大字)"] == "金壱百参拾弐万円也"
    assert fields["実施時期"] == "令和9年4月1日" and fields["合議"] == "法務部・経理部"
    assert [c.text for c in doc.tables[0].rows[0].cells] == ["営業部長", "経理部", "法務部", "営業部 課長", "", ""]
    assert doc.sections[0].footer.paragraphs[0].text == "出典: requests.xlsx / 申請一覧 / 6行目"


def test_a_missing_field_in_a_word_form_is_one_line(tmp_path):
    source = make_requests(tmp_path / "requests.xlsx")
    form = tmp_path / "f.docx"
    doc = Document()
    doc.add_paragraph("件名: {{ subject }}")
    doc.add_paragraph("承認番号: {{ 承認番号 }}")
    doc.save(form)
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--template", str(form), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert r.stderr == "Error: requests.xlsx: 申請一覧: 4行目: f.docx: '承認番号' を使っていますが、ありません (一覧にその列がありません)\n"
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").iterdir())


def test_a_macro_enabled_form_is_refused_before_any_draft(tmp_path):
    source = make_requests(tmp_path / "requests.xlsx")
    docm = tmp_path / "稟議書.docm"
    shutil.copy(TEMPLATES / "ringi.docx", docm)
    r = runner.invoke(app, ["draft-ringi", str(source), "--all", "--template", str(docm), "-o", str(tmp_path / "o"),
                            "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr == "Error: 稟議書.docm: a macro-enabled document cannot be a form; save it in Word as a Word Document (*.docx)\n"
    assert not (tmp_path / "o").exists()


def test_init_writes_the_word_forms(tmp_path):
    from ledgerkit.config.project import init_project

    names = {p.relative_to(tmp_path).as_posix() for p in init_project(tmp_path)}
    assert {"templates/ringi.docx", "templates/po.docx"} <= names
    assert (tmp_path / "templates" / "po.docx").read_bytes() == (TEMPLATES / "po.docx").read_bytes()


# --- --pdf ----------------------------------------------------------------------------------


def test_pdf_without_libreoffice_is_one_line_and_nothing_is_written(tmp_path, monkeypatch):
    import ledgerkit.drafts.pdf as pdf

    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    source = make_requests(tmp_path / "requests.xlsx")
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--template", "ringi.docx", "--pdf",
                            "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert r.stderr == ("Error: --pdf: LibreOffice (soffice) が見つかりません。インストールして PATH に加えるか、"
                        "--pdf を付けずに実行してください\n")
    assert not (tmp_path / "o").exists()


def test_pdf_of_a_markdown_draft_is_refused(tmp_path):
    source = make_requests(tmp_path / "requests.xlsx")
    r = runner.invoke(app, ["draft-ringi", str(source), "--row", "4", "--pdf", "-o", str(tmp_path / "o"), "--lang", "en"])
    assert r.exit_code == 2
    assert r.stderr == "Error: --pdf: .md drafts are not converted to PDF (use a Word, Excel or HTML template)\n"


@pytest.fixture(scope="module")
def writer(tmp_path_factory):
    """LibreOffice with Writer, or the test is skipped (it is optional: --pdf says when it is missing)."""
    from ledgerkit.drafts.pdf import convert_to_pdf, find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    probe = tmp_path_factory.mktemp("probe") / "probe.docx"
    doc = Document()
    doc.add_paragraph("probe")
    doc.save(probe)
    if not isinstance(convert_to_pdf([probe], soffice)[probe], Path):
        pytest.skip("LibreOffice cannot convert Word documents here (libreoffice-writer is not installed)")
    return soffice


def test_pdf_beside_each_word_draft(writer, orders, tmp_path):
    source, config = orders
    out = tmp_path / "o"
    r = runner.invoke(app, ["draft-po", str(source), "--all", "--template", "po.docx", "--pdf", "-o", str(out),
                            "--config", str(config)])
    assert r.exit_code == 0, r.stderr
    assert r.stderr == f"下書き 2 件を {out} に書き出しました、PDF 2 件 (一覧: {out / 'manifest.csv'})\n"
    pdfs = sorted(p.name for p in out.glob("*.pdf"))
    assert pdfs == ["PO-1_株式会社アルファ商事.pdf", "PO-2_株式会社デルタフーズ.pdf"]
    assert all((out / p).read_bytes().startswith(b"%PDF") for p in pdfs)
    manifest = (out / "manifest.csv").read_text(encoding="utf-8-sig").splitlines()
    assert manifest[0].endswith(",pdf") and manifest[2].endswith(",PO-2_株式会社デルタフーズ.pdf")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(out / pdfs[1]), "-"], capture_output=True, text=True).stdout
        assert "株式会社デルタフーズ" in text and "¥2,291" in text and "{{" not in text
