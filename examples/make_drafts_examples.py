"""Write the sample lists the draft commands read: a ringi request list and an order list.

    python examples/make_drafts_examples.py
    ledgerkit draft-ringi examples/requests.xlsx --all -o out/ringi
    ledgerkit draft-po examples/orders.xlsx --all -o out/po --config examples/drafts.toml

``requests.xlsx`` holds DOMAIN.md §1.2's test cases (a ¥480,000 purchase inside and
outside the budget, a ¥1,200,000 contract); ``orders.xlsx`` holds DOMAIN.md §4.2's worked
example (10% and 8% lines, tax once per rate: 31 + 144, total ¥2,291). Both have a title
row above the header, as client lists do. ``drafts.toml`` names the issuer of the orders.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent

REQUEST_HEADER = ["申請番号", "起案日", "部署", "起案者", "件名", "区分", "金額(税抜)", "予算科目", "予算内外", "取引先", "実施時期", "目的"]
REQUESTS = [
    ["R-2026-001", dt.date(2026, 12, 1), "総務部", "山田 太郎", "ノートPC購入の件", "購買", 480000, "消耗品費", "予算内",
     "株式会社アルファ商事", dt.date(2026, 12, 15), "新入社員3名分の業務用PCを購入するため。"],
    ["R-2026-002", dt.date(2026, 12, 1), "総務部", "山田 太郎", "会議室モニター購入の件", "購買", 480000, "備品費", "予算外",
     "株式会社アルファ商事", dt.date(2027, 1, 10), "会議室の既存モニターが故障したため、予算外で更新する。"],
    ["R-2026-003", dt.date(2026, 12, 2), "営業部", "佐藤 花子", "保守契約締結の件", "契約", 1200000, "支払手数料", "予算内",
     "ベータシステムズ合同会社", dt.date(2027, 4, 1), "基幹システムの年間保守を委託するため。"],
    ["R-2026-004", dt.date(2026, 12, 3), "経理部", "鈴木 一郎", "会計ソフト追加ライセンスの件", "購買", 99000, "ソフトウェア", "予算内",
     "有限会社ガンマ", dt.date(2026, 12, 20), "経理担当の増員に伴いライセンスを1本追加する。"],
]

ORDER_HEADER = ["注文番号", "発注日", "取引先", "品名", "数量", "単位", "単価", "金額", "税率", "納期", "納品場所", "支払期日", "支払方法", "備考"]
ORDERS = [
    ["PO-2026-001", dt.date(2026, 12, 1), "株式会社アルファ商事", "ノートPC 14インチ", 3, "台", 150000, 450000, "10%",
     dt.date(2026, 12, 15), "本社 3階 総務部", dt.date(2027, 1, 31), "銀行振込(振込手数料は当社負担)", "稟議 R-2026-001"],
    ["PO-2026-001", None, None, "USB-C ドック", 3, "台", 8500, 25500, "10%", None, None, None, None, None],
    ["PO-2026-001", None, None, "初期設定作業", 1, "式", 4500, 4500, "10%", None, None, None, None, None],
    ["PO-2026-002", dt.date(2026, 12, 2), "株式会社デルタフーズ", "部品A", 3, "個", 105, 315, "10%",
     dt.date(2026, 12, 10), "本社 1階 受付", dt.date(2027, 1, 31), "銀行振込(振込手数料は当社負担)", None],
    ["PO-2026-002", None, None, "食品B", 1, "箱", 1234, 1234, "8%", None, None, None, None, None],
    ["PO-2026-002", None, None, "食品C", 1, "箱", 567, 567, "8%", None, None, None, None, None],
]

DRAFTS_TOML = """\
# The issuer printed on purchase orders (ledgerkit draft-po).
[company]
name = "株式会社サンプル製作所"
representative = "代表取締役 見本 太郎"
address = "東京都千代田区丸の内1-1-1"
tel = "03-0000-0000"
registration_no = "T9234567890123"
"""


def _write(path: Path, sheet: str, title: str, header: list[str], rows: list[list], widths: dict[int, int]) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet(sheet)
    title_fmt = wb.add_format({"bold": True, "font_size": 14, "font_name": "游ゴシック"})
    head_fmt = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "font_name": "游ゴシック"})
    cell = wb.add_format({"border": 1, "font_name": "游ゴシック"})
    money = wb.add_format({"border": 1, "num_format": "#,##0", "font_name": "游ゴシック"})
    date = wb.add_format({"border": 1, "num_format": "yyyy/m/d", "font_name": "游ゴシック"})
    ws.merge_range(0, 0, 0, len(header) - 1, title, title_fmt)
    ws.write_row(2, 0, header, head_fmt)
    for r, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if v is None:
                ws.write_blank(r, c, None, cell)
            elif isinstance(v, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), date)
            elif isinstance(v, int):
                ws.write_number(r, c, v, money)
            else:
                ws.write_string(r, c, v, cell)
    for c, w in widths.items():
        ws.set_column(c, c, w)
    ws.freeze_panes(3, 0)
    wb.close()
    return path


def make_requests(path: Path = HERE / "requests.xlsx") -> Path:
    return _write(path, "申請一覧", "2026年12月 稟議申請一覧", REQUEST_HEADER, REQUESTS,
                  {0: 12, 1: 11, 4: 28, 6: 12, 9: 24, 10: 11, 11: 48})


def make_orders(path: Path = HERE / "orders.xlsx") -> Path:
    return _write(path, "発注一覧", "2026年12月 発注一覧", ORDER_HEADER, ORDERS,
                  {0: 13, 1: 11, 2: 22, 3: 20, 9: 11, 10: 18, 11: 11, 12: 30, 13: 16})


def make_config(path: Path = HERE / "drafts.toml") -> Path:
    path.write_text(DRAFTS_TOML, encoding="utf-8")
    return path


if __name__ == "__main__":
    for p in (make_requests(), make_orders(), make_config()):
        print(p)
