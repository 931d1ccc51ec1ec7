"""Word forms for the tests, made with python-docx: a company's 注文書 with tags typed in, a
3-line item table, a seal image, and a tag Word split across runs (as it does when part of a
tag is reformatted). Each builder returns the path written.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def seal_png(color: str = "red") -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (48, 48), color).save(buf, "PNG")
    return buf.getvalue()


def split_tag_paragraph(doc, before: str, pieces: list[str], after: str):
    """A paragraph whose tag is split across runs of different formatting, with the spell
    checker's and a bookmark's marks between them (what Word leaves after editing)."""
    p = doc.add_paragraph()
    p.add_run(before)
    for i, piece in enumerate(pieces):
        run = p.add_run(piece)
        run.bold = i == 1
        run.italic = i == 2
        if i == 0:
            p._p.append(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="spellStart"/>'))
        if i == 1:
            p._p.append(parse_xml(f'<w:bookmarkStart {nsdecls("w")} w:id="0" w:name="宛先"/>'))
            p._p.append(parse_xml(f'<w:bookmarkEnd {nsdecls("w")} w:id="0"/>'))
    p.add_run(after)
    return p


def shade(cell, fill: str) -> None:
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shd)


def make_po_form(path: Path, *, layout: str = "one_row", amount: str = "line.amount|comma", lines: str = "lines",
                 totals: list[tuple[str, str]] | None = None, extra: list[str] = ()) -> Path:
    """An order form: title, split tag, fields, a line table (3 lines in the tests), totals, seal.

    ``layout`` ``one_row``: the loop tags in the row's first and last cells; ``rows``:
    docxtpl's own layout, each tag on a row of its own.
    """
    doc = Document()
    doc.sections[0].header.paragraphs[0].add_run("注文番号 {{ order_no }}")
    doc.sections[0].footer.paragraphs[0].add_run("出典: {{ source.file }}")
    doc.add_paragraph().add_run("注　文　書").font.size = Pt(18)
    split_tag_paragraph(doc, "宛先: ", ["{{ ven", "dor", " }}"], "　御中")
    fields = doc.add_table(rows=3, cols=2)
    fields.style = "Table Grid"
    for row, (label, value) in zip(fields.rows, [("発注日", "{{ order_date|wareki }}"),
                                                 ("納期", '{{ delivery_date|date("%Y/%m/%d") }}'),
                                                 ("金額(大字)", "{{ total|kanji_amount }}")]):
        row.cells[0].text, row.cells[1].text = label, value
    for text in extra:
        doc.add_paragraph(text)
    head = ["No", "品名", "数量", "単価", "金額"]
    cells = ["{{ line.no }}", "{{ line.item }}", "{{ line.quantity }}", "{{ line.unit_price|comma }}", "{{ " + amount + " }}"]
    if layout == "one_row":
        cells[0] = f"{{%tr for line in {lines} %}}" + cells[0]
        cells[-1] += "{%tr endfor %}"
        rows = [head, cells]
    else:
        rows = [head, [f"{{%tr for line in {lines} %}}", "", "", "", ""], cells, ["{%tr endfor %}", "", "", "", ""]]
    totals = totals if totals is not None else [
        ("小計", "{{ subtotal|yen }}"), ("10%対象", "{{ rates['10%'].net|yen }}"),
        ("消費税(10%)", "{{ rates['10%'].tax|yen }}"), ("消費税(8%)", "{{ rates['8%'].tax|yen }}"),
        ("消費税", "{{ tax|yen }}"), ("合計", "{{ total|yen }}"),
    ]
    table = doc.add_table(rows=len(rows) + len(totals), cols=5)
    table.style = "Table Grid"
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    line_row = table.rows[1 if layout == "one_row" else 2]
    shade(line_row.cells[4], "FFF2CC")  # the row's formatting, to be kept on every line
    line_row.cells[4].paragraphs[0].runs[0].font.color.rgb = RGBColor(0x1F, 0x4E, 0x79)
    line_row.height = Mm(7)
    for i, (label, value) in enumerate(totals, len(rows)):
        table.cell(i, 3).text, table.cell(i, 4).text = label, value
    doc.add_paragraph().add_run().add_picture(io.BytesIO(seal_png()), width=Mm(15))
    doc.save(path)
    return path


def po_context(lines=None, **extra) -> dict:
    """The context draft_po gives a form, for DOMAIN.md §4.2's order (10% 315; 8% 1,234 + 567)."""
    from ledgerkit.core.money import tax_amount

    lines = lines or [
        {"no": 1, "item": "部品A", "quantity": 3, "unit_price": 105, "amount": 315, "tax_rate": Decimal("0.10"),
         "tax_rate_label": "10%", "reduced": False},
        {"no": 2, "item": "食品B", "quantity": 1, "unit_price": 1234, "amount": 1234, "tax_rate": Decimal("0.08"),
         "tax_rate_label": "8%", "reduced": True},
        {"no": 3, "item": "食品C", "quantity": 1, "unit_price": 567, "amount": 567, "tax_rate": Decimal("0.08"),
         "tax_rate_label": "8%", "reduced": True},
    ]
    by_rate = []
    for rate in sorted({line["tax_rate"] for line in lines}, reverse=True):
        net = sum(line["amount"] for line in lines if line["tax_rate"] == rate)
        tax = tax_amount(net, rate, "down")
        by_rate.append({"rate": rate, "label": f"{int(rate * 100)}%", "net": net, "tax": tax, "total": net + tax})
    subtotal = sum(line["amount"] for line in lines)
    tax = sum(r["tax"] for r in by_rate)
    ctx = {
        "order_no": "PO-2", "vendor": "株式会社デルタフーズ", "order_date": dt.date(2026, 12, 2),
        "delivery_date": dt.date(2026, 12, 10), "lines": lines, "by_rate": by_rate,
        "rates": {r["label"]: r for r in by_rate}, "subtotal": subtotal, "tax": tax, "total": subtotal + tax,
        "rounding": "down", "source": {"file": "orders.xlsx"},
    }
    ctx.update(extra)
    return ctx


def with_part(src: Path, dst: Path, name: str, data: bytes, content_type: str | None = None) -> Path:
    """A copy of a .docx with one more (or a replaced) part, and its content type declared."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == name:
                continue
            if item.filename == "[Content_Types].xml" and content_type:
                body = body.replace(b"</Types>", f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'.encode())
            zout.writestr(item, body)
        zout.writestr(name, data)
    return dst


def replace_in_part(src: Path, dst: Path, name: str, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == name:
                assert old in body, f"{old!r} not in {name}"
                body = body.replace(old, new, 1)
            zout.writestr(item, body)
    return dst


def texts(path: Path) -> list[str]:
    """Every paragraph's text of a .docx: body, tables (each cell), headers and footers."""
    doc = Document(path)
    out = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            out.extend(c.text for c in row.cells)
    for section in doc.sections:
        out.extend(p.text for p in section.header.paragraphs)
        out.extend(p.text for p in section.footer.paragraphs)
    return out
