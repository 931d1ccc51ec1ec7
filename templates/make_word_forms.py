"""Build the bundled Word forms ``ringi.docx`` and ``po.docx`` (kept for review).

    python templates/make_word_forms.py    # rewrites templates/ringi.docx and templates/po.docx

They are what a company's own Word forms look like, with the tags typed in (see
docs/drafts.md for turning an existing form into one): A4, 游明朝, a title, a table of
fields, a 押印欄 (stamp boxes of the approval route, the decider on the left), and on the
order form the issuer with its seal image, the line rows and the totals per tax rate:

- ``{{ expr }}`` where a value goes; filters ``yen``, ``comma``, ``wareki``, ``kanji_amount``.
- A line row: ``{%tr for line in lines %}`` at the start of its first cell,
  ``{%tr endfor %}`` at the end of its last; the row is repeated per line with its formatting.
- The totals per rate the same way over ``by_rate``.
"""

from __future__ import annotations

import importlib.util
import io
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

HERE = Path(__file__).resolve().parent
FONT = "游明朝"
GREY = "EEEEEE"
#: stamp boxes of the 押印欄: as many as the Excel forms have (a route longer than this is refused)
STAMPS = 6


def _seal_png() -> bytes:
    """The company seal of the Excel forms (make_forms.py draws it)."""
    spec = importlib.util.spec_from_file_location("make_forms", HERE / "make_forms.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod._seal_png()


def _document() -> Document:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(20)
    section.top_margin, section.bottom_margin = Mm(18), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    doc.core_properties.author = "ledgerkit"
    doc.core_properties.title = ""
    return doc


def _para(container, text: str = "", *, size: float | None = None, bold: bool = False, align=None,
          underline: bool = False, space_after: float = 0):
    p = container.add_paragraph()
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.underline = underline
        if size:
            run.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    p.paragraph_format.space_after = Pt(space_after)
    return p


def _cell(cell, text: str, *, size: float = 10.5, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT,
          shade: str | None = None) -> None:
    p = cell.paragraphs[0]
    run = p.add_run(text)
    run.font.size = Pt(size)
    run.bold = bold
    p.alignment = align
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    if shade:
        _shade(cell, shade)


def _shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def _widths(table, widths_mm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths_mm):
            cell.width = Mm(w)
    grid = table._tbl.tblGrid
    for col, w in zip(grid.iterchildren(qn("w:gridCol")), widths_mm):
        col.set(qn("w:w"), str(int(Mm(w).twips)))


def _height(row, mm: float, exact: bool = False) -> None:
    row.height = Mm(mm)
    row.height_rule = WD_ROW_HEIGHT_RULE.EXACTLY if exact else WD_ROW_HEIGHT_RULE.AT_LEAST


def _no_borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def _stamp_boxes(doc, label: str) -> None:
    """The 押印欄: the route's titles over empty boxes, the decider on the left (``stamps``)."""
    _para(doc, label, size=8, align=WD_ALIGN_PARAGRAPH.RIGHT)
    table = doc.add_table(rows=2, cols=STAMPS)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.RIGHT
    for i, cell in enumerate(table.rows[0].cells):
        _cell(cell, f"{{{{ stamps[{i}] }}}}", size=8, align=WD_ALIGN_PARAGRAPH.CENTER, shade=GREY)
    _height(table.rows[0], 5.5, exact=True)
    _height(table.rows[1], 17, exact=True)
    _widths(table, [17] * STAMPS)


def _fields(doc, rows: list[tuple[str, str, float]]) -> None:
    """A table of label | value rows (a value row ``height`` mm high at least)."""
    table = doc.add_table(rows=len(rows), cols=2)
    table.style = "Table Grid"
    for row, (label, value, height) in zip(table.rows, rows):
        _cell(row.cells[0], label, align=WD_ALIGN_PARAGRAPH.CENTER, shade=GREY)
        _cell(row.cells[1], value)
        if height > 10:  # prose (目的・背景, 備考) starts at the top of its box
            row.cells[1].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
        _height(row, height)
    _widths(table, [32, 138])


def make_ringi(path: Path) -> Path:
    doc = _document()
    _para(doc, "稟　議　書", size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _stamp_boxes(doc, "押印欄 (左から決裁者)")
    _para(doc, space_after=6)
    _fields(doc, [
        ("起案番号", "{{ request_no }}", 8),
        ("起案日", "{{ (drafted_on if drafted_on is defined else today)|wareki }}", 8),
        ("起案者", "{{ department }}　{{ drafter }}", 8),
        ("件名", "{{ subject }}", 8),
        ("目的・背景", "{{ purpose }}", 32),
        ("取引先", "{{ vendor }}", 8),
        ("金額(税抜)", "{{ net|yen }}", 8),
        ("消費税", "{{ tax|yen }}（{{ tax_rate_label }}、{{ rounding_label }}）", 8),
        ("合計(税込)", "{{ total|yen }}", 8),
        ("金額(大字)", "{{ total|kanji_amount }}", 8),
        ("予算科目", '{{ account }}（{{ "予算内" if in_budget else "予算外" }}）', 8),
        ("実施時期", "{{ due_date|wareki }}", 8),
        ("決裁区分", "{{ decider }}決裁", 8),
        ("合議", '{{ co_approval|join("・") if co_approval else "なし" }}', 8),
    ])
    _para(doc, space_after=4)
    _para(doc, "以上のとおり、ご承認くださいますようお願い申し上げます。", size=10)
    footer = doc.sections[0].footer.paragraphs[0]
    run = footer.add_run("出典: {{ source.file }} / {{ source.sheet }} / {{ source.row }}行目")
    run.font.size = Pt(7)
    run.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    doc.save(path)
    return path


def _issuer(doc) -> None:
    """御中 on the left; the issuer and its seal on the right (a layout table without borders)."""
    table = doc.add_table(rows=1, cols=3)
    _no_borders(table)
    left, right, seal = table.rows[0].cells
    _cell(left, "{{ vendor }}　御中", size=14)
    left.paragraphs[0].runs[0].underline = True
    left.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    _para(left, "")
    _para(left, "下記のとおり注文いたします。")
    right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP
    lines = ["{{ company.name }}", "{{ company.representative }}", "{{ company.address }}",
             "TEL {{ company.tel }}", "登録番号 {{ company.registration_no }}"]
    _cell(right, lines[0], size=10.5, bold=True)
    for text in lines[1:]:
        p = right.add_paragraph()
        p.add_run(text).font.size = Pt(9)
    seal.paragraphs[0].add_run().add_picture(io.BytesIO(_seal_png()), width=Mm(20))
    seal.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    seal.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    _widths(table, [88, 60, 22])


LINE_HEAD = ["No", "品名", "数量", "単位", "単価", "税率", "金額"]
LINE_WIDTHS = [10, 62, 17, 13, 24, 14, 30]


def _lines(doc) -> None:
    """The line rows (repeated per line) and the totals, per tax rate (repeated per rate)."""
    table = doc.add_table(rows=7, cols=7)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, LINE_HEAD):
        _cell(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER, shade=GREY, size=9.5)
    right, center, left = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.LEFT
    line = [
        ("{%tr for line in lines %}{{ line.no }}", center),
        ('{{ line.item }}{{ " ※" if line.reduced else "" }}', left),
        ("{{ line.quantity|comma }}", right),
        ('{{ line.unit if line.unit is defined else "" }}', center),
        ("{{ line.unit_price|comma }}", right),
        ("{{ line.tax_rate_label }}", center),
        ("{{ line.amount|comma }}{%tr endfor %}", right),
    ]
    for cell, (text, align) in zip(table.rows[1].cells, line):
        _cell(cell, text, size=9.5, align=align)
    _height(table.rows[1], 7)
    totals = [
        ("小計", "{{ subtotal|yen }}"),
        ("{%tr for r in by_rate %}{{ r.label }}対象", "{{ r.net|yen }}{%tr endfor %}"),
        ("{%tr for r in by_rate %}消費税({{ r.label }})", "{{ r.tax|yen }}{%tr endfor %}"),
        ("消費税合計", "{{ tax|yen }}"),
        ("合計", "{{ total|yen }}"),
    ]
    for n, (row, (label, value)) in enumerate(zip(table.rows[2:], totals)):
        blank = row.cells[0].merge(row.cells[3])
        _no_cell_borders(blank, top=n > 0)
        label_cell = row.cells[4].merge(row.cells[5])
        _cell(label_cell, label, size=9.5, align=center, shade=GREY, bold=label == "合計")
        _cell(row.cells[6], value, size=9.5, align=right, bold=label == "合計")
        _height(row, 6.5)
    _widths(table, LINE_WIDTHS)


def _no_cell_borders(cell, top: bool = True) -> None:
    """No lines around the blank space left of the totals (the line table's bottom edge stays)."""
    borders = OxmlElement("w:tcBorders")
    for edge in ("top", "left", "bottom") if top else ("left", "bottom"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    cell._tc.get_or_add_tcPr().append(borders)


def make_po(path: Path) -> Path:
    doc = _document()
    _para(doc, "注　文　書", size=20, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    _para(doc, "注文番号　{{ order_no }}", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "発注日　{{ order_date|wareki }}", size=9, align=WD_ALIGN_PARAGRAPH.RIGHT, space_after=6)
    _issuer(doc)
    _para(doc, space_after=4)
    _para(doc, "ご注文金額　{{ total|yen }}－（税込）", size=14, bold=True, underline=True, space_after=6)
    _lines(doc)
    _para(doc, "※は軽減税率(8%)対象。消費税は税率ごとに合計して計算しています ({{ rounding_label }})。", size=8,
          space_after=6)
    _fields(doc, [
        ("納期", "{{ delivery_date|wareki }}", 7),
        ("納品場所", "{{ delivery_place }}", 7),
        ("支払期日", "{{ payment_due|wareki }}", 7),
        ("支払方法", '{{ payment_method if payment_method is defined else "" }}', 7),
        ("備考", '{{ note if note is defined else "" }}', 16),
    ])
    _para(doc, space_after=6)
    _stamp_boxes(doc, "社内承認欄 (左から決裁者)")
    doc.save(path)
    return path


if __name__ == "__main__":
    for p in (make_ringi(HERE / "ringi.docx"), make_po(HERE / "po.docx")):
        print(p)
