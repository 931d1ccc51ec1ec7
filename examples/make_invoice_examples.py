"""Write the sample invoice lists in examples/invoices/ and the order list examples/po_list.xlsx.

Two received-invoice lists in the layouts people keep, and an order list, with problems
planted where a careful accountant would stop:

* ``invoices/受領請求書一覧_2026年10月.xlsx`` — title rows, one rate per row with a 税率
  column (``10%`` / ``軽減8%``), ``¥250,000`` and full-width ``１２，３４５`` amounts,
  hyphenated and full-width 登録番号, a 合計 row. Planted: a wrong tax (デルタ設計),
  a 登録番号 with 12 digits (シグマ運輸), one failing the check digit (オメガ企画), an
  unknown 注文番号 (ゼータ), an issue date typed as 2027 (アルファ).
* ``invoices/請求書受領台帳_2026年11月.xlsx`` — a merged two-row header with separate
  10% / 8% columns (the DOMAIN.md §4.2 worked example: 315 → 31, 1,801 → 144, ¥2,291),
  a △ credit note, 小計/合計 rows. Planted: ベータ's September invoice entered again
  (a duplicate), and a second partial invoice that takes イプシロン over its order.
* ``po_list.xlsx`` — one row per order line, the order number on its first line only.
  Planted: tax rounded line by line (PO-2026-0005), quantity × unit price ≠ amount,
  a blank 納品場所 and payment 113 days after delivery (PO-2026-0006).

Run: python examples/make_invoice_examples.py
Then: ledgerkit check invoices examples/invoices --orders examples/po_list.xlsx --today 2026-11-30
      ledgerkit check orders examples/po_list.xlsx
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "invoices"
CREATED = dt.datetime(2026, 11, 2, 9, 0, 0)
D = dt.date

ALPHA = ("株式会社アルファ工業", "T8700-1100-05901")
BETA = ("ベータ商事合同会社", "Ｔ７１２３４５６７８９０１２")
GAMMA = ("㈱ガンマ食品", "T4011001098993")
DELTA = ("デルタ設計", "T2120901007402")  # a sole proprietor
EPSILON = ("イプシロン印刷株式会社", "T5835678256246")
ZETA = ("有限会社ゼータ", "T7010705000725")
SIGMA = ("シグマ運輸", "T12345678901")  # planted: 12 digits
OMEGA = ("オメガ企画", "T2835678256246")  # planted: fails the check digit


def _workbook(path: Path) -> tuple[xlsxwriter.Workbook, dict]:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": CREATED, "author": "ledgerkit examples"})
    fmt = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"}),
        "date": wb.add_format({"num_format": "yyyy/mm/dd", "border": 1}),
        "yen": wb.add_format({"num_format": "#,##0;[Red]△#,##0", "border": 1}),
        "text": wb.add_format({"border": 1}),
        "pct": wb.add_format({"num_format": "0%", "border": 1}),
        "total": wb.add_format({"bold": True, "num_format": "#,##0;[Red]△#,##0", "top": 2, "border": 1}),
        "total_label": wb.add_format({"bold": True, "top": 2, "border": 1}),
    }
    return wb, fmt


def _write_row(ws, r: int, values: list, fmt: dict) -> None:
    for c, v in enumerate(values):
        if v is None or v == "":
            ws.write_blank(r, c, None, fmt["text"])
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), fmt["date"])
        elif isinstance(v, str):
            ws.write_string(r, c, v, fmt["text"])
        elif isinstance(v, float) and v < 1:
            ws.write_number(r, c, v, fmt["pct"])
        else:
            ws.write_number(r, c, v, fmt["yen"])


def october_list(path: Path) -> None:
    """One rate per row, a 税率 column; title rows; a 合計 row."""
    wb, fmt = _workbook(path)
    ws = wb.add_worksheet("10月受領分")
    ws.write_string(0, 0, "受領請求書一覧 2026年10月分", fmt["title"])
    ws.write_string(1, 0, "経理部 作成日: 2026/11/02　(税率ごとに1行)")
    header = ["No", "受領日", "請求書番号", "請求日", "取引先名", "登録番号", "注文番号", "件名",
              "税率", "税抜金額", "消費税", "税込金額", "支払期日", "案件", "備考"]
    for c, h in enumerate(header):
        ws.write_string(3, c, h, fmt["head"])
    rows = [
        [1, D(2026, 10, 5), "INV-A-1001", D(2026, 9, 30), *ALPHA, "PO-2026-0001", "部品加工 9月分",
         0.10, 480000, 48000, 528000, D(2026, 10, 31), "A-1001", ""],
        [2, D(2026, 10, 6), "B-2026-0930", D(2026, 9, 30), *BETA, "PO-2026-0002", "設計支援 9月分",
         "10%", "¥250,000", "¥25,000", "¥275,000", D(2026, 10, 31), "A-1002", ""],
        [3, D(2026, 10, 8), "G-7781", "2026/10/07", *GAMMA, "", "会議用弁当",
         "軽減8%", "１２，３４５", "９８７", "１３，３３２", D(2026, 11, 30), "0012", "※軽減税率対象"],
        # planted: tax 12,000 on 123,456 (expected 12,345 or 12,346)
        [4, D(2026, 10, 9), "D-0042", D(2026, 10, 8), *DELTA, "PO-2026-0004", "図面作成",
         "10%", 123456, 12000, 135456, D(2026, 11, 30), "A-1001", ""],
        # planted: 登録番号 with 12 digits
        [5, D(2026, 10, 13), "S-10-118", D(2026, 10, 10), *SIGMA, "", "資材運送",
         "10%", 45000, 4500, 49500, D(2026, 11, 30), "A-1002", ""],
        # planted: 登録番号 failing the check digit (warning: may be a sole proprietor's)
        [6, D(2026, 10, 15), "OM-2026-77", D(2026, 10, 14), *OMEGA, "", "販促企画",
         "10%", 88000, 8800, 96800, D(2026, 11, 30), "0012", ""],
        # planted: an order number that is not in the order list
        [7, D(2026, 10, 20), "Z-5501", D(2026, 10, 19), *ZETA, "PO-2026-0099", "作業用品",
         "10%", 150000, 15000, 165000, D(2026, 11, 30), "A-1001", ""],
        # first partial invoice against PO-2026-0003 (ordered 500,000)
        [8, D(2026, 10, 22), "EP-2026-101", D(2026, 10, 21), *EPSILON, "PO-2026-0003", "パンフレット印刷 第1回",
         "10%", 300000, 30000, 330000, D(2026, 11, 30), "A-1002", "分割請求 1/2"],
        # planted: issue date typed as 2027 (today is 2026-11-30; also after the due date)
        [9, D(2026, 10, 28), "INV-A-1099", D(2027, 10, 27), *ALPHA, "PO-2026-0001", "部品加工 追加",
         "10%", 20000, 2000, 22000, D(2026, 11, 30), "A-1001", ""],
    ]
    for i, row in enumerate(rows):
        _write_row(ws, 4 + i, row, fmt)
    r = 4 + len(rows)
    ws.write_string(r, 0, "合計", fmt["total_label"])
    for c in range(1, len(header)):
        ws.write_blank(r, c, None, fmt["total_label"])
    # written as values: a SUM() would skip the amounts typed as text
    for c, v in ((9, 1_468_801), (10, 146_287), (11, 1_615_088)):
        ws.write_number(r, c, v, fmt["total"])
    ws.set_column(0, 0, 4)
    ws.set_column(1, 3, 12)
    ws.set_column(4, 4, 24)
    ws.set_column(5, 5, 20)
    ws.set_column(6, 7, 16)
    ws.set_column(8, 11, 12)
    ws.set_column(12, 14, 12)
    ws.freeze_panes(4, 0)
    wb.close()


def november_list(path: Path) -> None:
    """Separate 10% / 8% columns under a merged two-row header; a △ credit note."""
    wb, fmt = _workbook(path)
    ws = wb.add_worksheet("11月")
    ws.write_string(0, 0, "請求書受領台帳", fmt["title"])
    ws.write_string(1, 0, "対象月: 令和8年11月")
    top = ["受付日", "請求書No", "発行日", "仕入先", "適格請求書発行事業者登録番号", "発注番号",
           "税抜金額", "", "消費税", "", "税込合計", "支払予定日", "プロジェクト"]
    for c, h in enumerate(top):
        if h and c not in (6, 8):
            ws.merge_range(3, c, 4, c, h, fmt["head"])
    ws.merge_range(3, 6, 3, 7, "税抜金額", fmt["head"])
    ws.merge_range(3, 8, 3, 9, "消費税", fmt["head"])
    for c, h in ((6, "10%"), (7, "8%"), (8, "10%"), (9, "8%")):
        ws.write_string(4, c, h, fmt["head"])
    rows = [
        # DOMAIN.md §4.2 worked example: 10% 315 → 31; 8% 1,801 → 144; total ¥2,291
        [D(2026, 11, 4), "G-7802", "令和8年11月2日", *GAMMA, "", 315, 1801, 31, 144, 2291, D(2026, 12, 31), "0012"],
        # planted: the second partial invoice takes PO-2026-0003 to 550,000 (> 500,000)
        [D(2026, 11, 6), "EP-2026-115", D(2026, 11, 5), "イプシロン印刷(株)", "T5835678256246", "PO-2026-0003",
         250000, "", 25000, "", 275000, D(2026, 12, 31), "A-1002"],
        # planted: ベータ's September invoice entered again (same number and amounts)
        [D(2026, 11, 9), "B-2026-0930", D(2026, 9, 30), "ベータ商事(同)", "T7123456789012", "PO-2026-0002",
         250000, "", 25000, "", 275000, D(2026, 10, 31), "A-1002"],
        # a credit note (返品): △ amounts
        [D(2026, 11, 10), "INV-A-1001-R", D(2026, 11, 10), "アルファ工業㈱", "T8700110005901", "PO-2026-0001",
         "△48,000", "", "△4,800", "", "△52,800", D(2026, 12, 31), "A-1001"],
        # 12,345 × 10% = 1,234.5 → 1,235 rounded half up: accepted
        [D(2026, 11, 12), "Z-5530", D(2026, 11, 11), *ZETA, "", 12345, "", 1235, "", 13580, D(2026, 12, 31), "A-1001"],
    ]
    for i, row in enumerate(rows):
        _write_row(ws, 5 + i, row, fmt)
    r = 5 + len(rows)
    ws.write_string(r, 0, "小計", fmt["total_label"])
    ws.write_string(r + 1, 0, "合計", fmt["total_label"])
    for c in range(1, 13):
        ws.write_blank(r, c, None, fmt["total_label"])
        ws.write_blank(r + 1, c, None, fmt["total_label"])
    ws.write_number(r, 6, 315 + 250000 + 250000 - 48000 + 12345, fmt["total"])
    ws.write_number(r, 7, 1801, fmt["total"])
    ws.write_number(r + 1, 10, 2291 + 275000 + 275000 - 52800 + 13580, fmt["total"])
    ws.set_column(0, 2, 14)
    ws.set_column(3, 3, 22)
    ws.set_column(4, 4, 30)
    ws.set_column(5, 12, 12)
    ws.freeze_panes(5, 0)
    wb.close()


def po_list(path: Path) -> None:
    """One row per order line; the order number, vendor and dates on the first line only."""
    wb, fmt = _workbook(path)
    ws = wb.add_worksheet("発注一覧")
    ws.write_string(0, 0, "発注一覧 2026年度下期", fmt["title"])
    header = ["注文番号", "発注日", "発注先", "登録番号", "品名", "数量", "単位", "単価", "金額", "税率",
              "消費税", "納期", "納品場所", "支払期日", "支払方法"]
    for c, h in enumerate(header):
        ws.write_string(2, c, h, fmt["head"])
    a, b, g, d, e, z = ALPHA[0], BETA[0], GAMMA[0], DELTA[0], EPSILON[0], ZETA[0]
    rows = [
        ["PO-2026-0001", D(2026, 9, 1), a, "T8700110005901", "部品A 加工", 1000, "個", 300, 300000, "10%", 48000,
         D(2026, 9, 30), "本社工場", D(2026, 10, 31), "銀行振込"],
        ["", "", "", "", "部品B 加工", 600, "個", 300, 180000, "10%", "", "", "", "", ""],
        ["PO-2026-0002", D(2026, 9, 1), b, "T7123456789012", "設計支援 9月分", 1, "式", 250000, 250000, "10%", 25000,
         D(2026, 9, 30), "本社 設計部", D(2026, 10, 31), "銀行振込"],
        ["PO-2026-0003", D(2026, 9, 15), e, "T5835678256246", "パンフレット印刷", 5000, "部", 100, 500000, "10%", 50000,
         D(2026, 10, 20), "本社 総務部", D(2026, 11, 30), "銀行振込"],
        ["PO-2026-0004", D(2026, 9, 20), d, "T2120901007402", "図面作成", 1, "式", 123456, 123456, "10%", 12345,
         D(2026, 10, 15), "本社 設計部", D(2026, 11, 30), "銀行振込"],
        # planted: tax rounded on each line (8%: 98 + 45 = 143; once on 1,801 it is 144)
        ["PO-2026-0005", D(2026, 10, 1), g, "T4011001098993", "部品A", 3, "個", 105, 315, "10%", 31,
         D(2026, 10, 7), "本社 会議室", D(2026, 11, 30), "銀行振込"],
        ["", "", "", "", "※食品B", 1, "式", 1234, 1234, "軽減8%", 98, "", "", "", ""],
        ["", "", "", "", "※食品C", 1, "式", 567, 567, "軽減8%", 45, "", "", "", ""],
        # planted: 12 × 1,250 = 15,000, not 15,500; no 納品場所; paid 113 days after delivery
        ["PO-2026-0006", D(2026, 10, 1), z, "T7010705000725", "作業用品", 12, "個", 1250, 15500, "10%", 1550,
         D(2026, 10, 10), "", D(2027, 1, 31), "銀行振込"],
    ]
    for i, row in enumerate(rows):
        _write_row(ws, 3 + i, row, fmt)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 12)
    ws.set_column(2, 2, 24)
    ws.set_column(3, 3, 18)
    ws.set_column(4, 4, 18)
    ws.set_column(5, 14, 11)
    ws.freeze_panes(3, 1)
    wb.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    october_list(OUT / "受領請求書一覧_2026年10月.xlsx")
    november_list(OUT / "請求書受領台帳_2026年11月.xlsx")
    po_list(HERE / "po_list.xlsx")
    print(f"wrote {OUT}/ and {HERE / 'po_list.xlsx'}")


if __name__ == "__main__":
    main()
