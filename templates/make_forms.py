"""Build the bundled Excel forms ``ringi.xlsx`` and ``po.xlsx`` (kept for review).

    python templates/make_forms.py        # rewrites templates/ringi.xlsx and templates/po.xlsx

The forms are what a client's own forms look like: Jinja in cells, a conventional
Japanese layout (承認欄 stamp boxes, 御中, 登録番号, totals per tax rate), A4 print set-up,
and on the order form a company seal image and a line band:

- ``{{ expr }}`` alone in a cell → the typed value (numbers keep the cell's number format).
- The band: ``{% for line in lines %}`` at the start of a cell in its first row,
  ``{% endfor %}`` at the end of a cell in its last row. One band per sheet. Rows below
  shift when lines are inserted; ``SUM(H14:H14)`` widens to every line; ``=ROUNDDOWN(D14*F14,0)`` in
  the band is re-based per line.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.drawing.image import Image
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

HERE = Path(__file__).resolve().parent
THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
GREY = PatternFill("solid", fgColor="EEEEEE")
FONT = "游明朝"
GOTHIC = "游ゴシック"
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")
YEN = '#,##0"円"'
NUM = "#,##0"


def _font(size: float = 10.5, bold: bool = False, name: str = FONT) -> Font:
    return Font(name=name, size=size, bold=bold)


def _box(ws, rng: str, *, fill: bool = False) -> None:
    if ":" not in rng:
        rng = f"{rng}:{rng}"
    for row in ws[rng]:
        for cell in row:
            cell.border = BOX
            if fill:
                cell.fill = GREY


def _label(ws, coord: str, text: str, *, merge: str | None = None) -> None:
    ws[coord] = text
    ws[coord].font = _font()
    ws[coord].alignment = CENTER
    if merge:
        ws.merge_cells(merge)
    _box(ws, merge or coord, fill=True)


def _value(ws, coord: str, text, *, merge: str | None = None, fmt: str | None = None, align=LEFT, size=10.5) -> None:
    ws[coord] = text
    ws[coord].font = _font(size)
    ws[coord].alignment = align
    if fmt:
        ws[coord].number_format = fmt
    if merge:
        ws.merge_cells(merge)
    _box(ws, merge or coord)


def _a4(ws, area: str) -> None:
    ws.print_area = area
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.6
    ws.page_margins.top = ws.page_margins.bottom = 0.7


def make_ringi(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "稟議書"
    for col, width in zip("ABCDEFGHIJK", (14, 12, 12, 12, 4, 9, 9, 9, 9, 9, 9)):
        ws.column_dimensions[col].width = width
    ws["A1"] = "稟　議　書"
    ws["A1"].font = _font(20, True)
    ws["A1"].alignment = CENTER
    ws.merge_cells("A1:K1")
    ws.row_dimensions[1].height = 36

    _label(ws, "A3", "起案番号")
    _value(ws, "B3", "{{ request_no }}", merge="B3:D3")
    _label(ws, "A4", "起案日")
    # 和暦 as text (the wareki filter): Excel and LibreOffice both print it as written
    _value(ws, "B4", "{{ (drafted_on if drafted_on is defined else today)|wareki }}", merge="B4:D4")
    _label(ws, "A5", "起案者")
    _value(ws, "B5", "{{ department }}　{{ drafter }}", merge="B5:D5")
    _label(ws, "A6", "決裁区分")
    _value(ws, "B6", "{{ decider }}決裁", merge="B6:D6")

    # 承認欄: six stamp boxes, the decider on the left (stamps = the route, highest first)
    ws["F2"] = "承認欄"
    ws["F2"].font = _font(9)
    for i, col in enumerate("FGHIJK"):
        _value(ws, f"{col}3", f"{{{{ stamps[{i}] }}}}", align=CENTER, size=9)
        ws[f"{col}3"].fill = GREY
        ws.merge_cells(f"{col}4:{col}6")
        _box(ws, f"{col}4:{col}6")
    for r in (3, 4, 5, 6):
        ws.row_dimensions[r].height = 22

    rows = [
        (8, "件名", "{{ subject }}", None),
        (9, "目的・背景", "{{ purpose }}", None),
        (12, "取引先", "{{ vendor }}", None),
        (13, "金額(税抜)", "{{ net }}", YEN),
        (14, "消費税", "{{ tax }}", YEN),
        (15, "合計(税込)", "=B13+B14", YEN),
        (16, "金額(大字)", "{{ total|kanji_amount }}", None),
        (17, "予算科目", '{{ account }} ({{ "予算内" if in_budget else "予算外" }})', None),
        (18, "実施時期", "{{ due_date|wareki }}", None),
        (19, "合議", '{{ co_approval|join("・") }}', None),
    ]
    for r, label, value, fmt in rows:
        if r == 9:
            _label(ws, "A9", label, merge="A9:A11")
            _value(ws, "B9", value, merge="B9:K11", align=TOP_LEFT)
            continue
        _label(ws, f"A{r}", label)
        _value(ws, f"B{r}", value, merge=f"B{r}:K{r}", fmt=fmt, align=LEFT)
        ws.row_dimensions[r].height = 22
    ws["B13"].alignment = ws["B14"].alignment = ws["B15"].alignment = LEFT
    for r in (9, 10, 11):
        ws.row_dimensions[r].height = 30
    ws["A21"] = "出典: {{ source.file }} / {{ source.sheet }} / {{ source.row }}行目"
    ws["A21"].font = _font(8)
    _a4(ws, "A1:K21")
    wb.save(path)
    return path


def _seal_png() -> bytes:
    """A red round company seal (社印), drawn with Pillow; with a CJK font when one is installed."""
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    size = 160
    img = PILImage.new("RGBA", (size, size), (255, 255, 255, 0))
    d = ImageDraw.Draw(img)
    red = (200, 30, 30, 255)
    d.ellipse((6, 6, size - 6, size - 6), outline=red, width=8)
    d.ellipse((22, 22, size - 22, size - 22), outline=red, width=3)
    font = None
    for candidate in (
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    ):
        if Path(candidate).exists():
            font = ImageFont.truetype(candidate, 44)
            break
    if font is not None:
        d.text((size / 2, size / 2 - 22), "社", fill=red, font=font, anchor="mm")
        d.text((size / 2, size / 2 + 24), "印", fill=red, font=font, anchor="mm")
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def make_po(path: Path) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.title = "注文書"
    for col, width in zip("ABCDEFGH", (5, 18, 14, 8, 6, 11, 8, 14)):
        ws.column_dimensions[col].width = width
    ws["A1"] = "注　文　書"
    ws["A1"].font = _font(20, True)
    ws["A1"].alignment = CENTER
    ws.merge_cells("A1:H1")
    ws.row_dimensions[1].height = 36

    ws["G2"], ws["G3"] = "注文番号", "発注日"
    ws["H2"], ws["H3"] = "{{ order_no }}", "{{ order_date|wareki }}"
    for c in ("G2", "G3", "H2", "H3"):
        ws[c].font = _font(9)
        ws[c].alignment = RIGHT

    ws["A4"] = "{{ vendor }}　御中"
    ws["A4"].font = Font(name=FONT, size=14, underline="single")
    ws.merge_cells("A4:D4")
    ws["A5"] = "下記のとおり注文いたします。"
    ws["A5"].font = _font()

    for r, text in zip(range(5, 10), (
        "{{ company.name }}",
        "{{ company.representative }}",
        "{{ company.address }}",
        "TEL {{ company.tel }}",
        "登録番号 {{ company.registration_no }}",
    )):
        ws[f"E{r}"] = text
        ws[f"E{r}"].font = _font(9)
        ws.merge_cells(f"E{r}:G{r}")
    seal = Image(io.BytesIO(_seal_png()))
    seal.width = seal.height = 64
    ws.add_image(seal, "H5")

    ws["A11"] = "ご注文金額"
    ws["A11"].font = _font(12, True)
    ws.merge_cells("A11:B11")
    ws["C11"] = "=H19"
    ws["C11"].number_format = '"¥"#,##0"-"'
    ws["C11"].font = Font(name=FONT, size=14, bold=True, underline="single")
    ws.merge_cells("C11:D11")
    ws["E11"] = "(税込)"
    ws["E11"].font = _font(9)

    headers = ("No", "品名", None, "数量", "単位", "単価", "税率", "金額")
    for col, text in zip("ABCDEFGH", headers):
        if text:
            ws[f"{col}13"] = text
        ws[f"{col}13"].font = _font(10)
        ws[f"{col}13"].alignment = CENTER
    ws.merge_cells("B13:C13")
    _box(ws, "A13:H13", fill=True)

    band = {
        "A14": ("{% for line in lines %}{{ line.no }}", "0", CENTER),
        "B14": ('{{ line.item }}{{ " ※" if line.reduced else "" }}', None, LEFT),
        "D14": ("{{ line.quantity }}", "#,##0.##", RIGHT),
        "E14": ('{{ line.unit if line.unit is defined else "" }}', None, CENTER),
        "F14": ("{{ line.unit_price }}", NUM, RIGHT),
        "G14": ("{{ line.tax_rate }}{% endfor %}", "0%", CENTER),
        "H14": ("=ROUNDDOWN(D14*F14,0)", NUM, RIGHT),
    }
    for coord, (value, fmt, align) in band.items():
        ws[coord] = value
        ws[coord].font = _font(10)
        ws[coord].alignment = align
        if fmt:
            ws[coord].number_format = fmt
    ws.merge_cells("B14:C14")
    _box(ws, "A14:H14")
    ws.row_dimensions[14].height = 20

    sums = [
        (15, "小計", "=SUM(H14:H14)"),
        (16, "10%対象", "{{ rates['10%'].net if '10%' in rates else 0 }}"),
        (17, "8%対象", "{{ rates['8%'].net if '8%' in rates else 0 }}"),
        (18, "消費税", "{{ tax }}"),
        (19, "合計", "=H15+H18"),
    ]
    for r, label, value in sums:
        ws[f"F{r}"] = label
        ws.merge_cells(f"F{r}:G{r}")
        ws[f"H{r}"] = value
        ws[f"H{r}"].number_format = NUM
        ws[f"F{r}"].font = ws[f"H{r}"].font = _font(10, bold=r == 19)
        ws[f"F{r}"].alignment = CENTER
        _box(ws, f"F{r}:H{r}", fill=False)
        ws[f"F{r}"].fill = GREY
    ws["A16"] = "消費税の内訳"
    ws["A16"].font = _font(9)
    ws["A17"] = "10%: {{ rates['10%'].tax|yen if '10%' in rates else '¥0' }} / 8%: {{ rates['8%'].tax|yen if '8%' in rates else '¥0' }} ({{ rounding_label }})"
    ws["A17"].font = _font(9)
    ws.merge_cells("A17:E17")

    terms = [
        (21, "納期", "{{ delivery_date|wareki }}", None),
        (22, "納品場所", "{{ delivery_place }}", None),
        (23, "支払期日", "{{ payment_due|wareki }}", None),
        (24, "支払方法", '{{ payment_method if payment_method is defined else "" }}', None),
        (25, "備考", '{{ note if note is defined else "" }}', None),
    ]
    for r, label, value, fmt in terms:
        last = 27 if r == 25 else r  # 備考 is three rows high
        _label(ws, f"A{r}", label, merge=f"A{r}:B{last}")
        _value(ws, f"C{r}", value, merge=f"C{r}:H{last}", fmt=fmt, align=TOP_LEFT if r == 25 else LEFT)
    ws["A28"] = "※は軽減税率(8%)対象。消費税は税率ごとに合計して計算しています。"
    ws["A28"].font = _font(8)
    _a4(ws, "A1:H28")
    wb.save(path)
    return path


if __name__ == "__main__":
    for p in (make_ringi(HERE / "ringi.xlsx"), make_po(HERE / "po.xlsx")):
        print(p)
