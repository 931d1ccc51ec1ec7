"""Write the sample branch sales reports in examples/sales/ (支店別売上報告), read by the kind in examples/sales.toml.

Each branch sends its monthly report in its own shape, as branches do:

* ``売上報告_東京支店_2026年10-11月.xlsx`` — a sheet per month, a title row (``売上報告 令和8年10月``),
  the branch given once above the table (``支店名：東京支店``) rather than in a column, the
  month written ``令和8年10月`` or just ``11月`` (the year from the title), a full-width
  amount ``１２０，０００``, a 合計 row.
* ``売上報告_大阪支店.xlsx`` — a header over two rows (実績 over 売上高 | 件数), months as
  ``R8.10``, a △ return line, a 合計 row.
* ``売上報告_名古屋営業所_2026年10月.csv`` — a CSV export (営業所, 計上月 ``2026/10``, 売上金額);
  one amount still ``集計中``: that row cannot be consolidated and is listed with its row.
* ``売上報告_福岡支店_2026年10月.xlsx`` and ``…_再送.xlsx`` — months as dates, and the same
  report sent again: its rows are the same rows (by 支店, 年月, 区分) and are counted once.

Totals (by branch and month, yen): 東京支店 1,850,000 / 1,885,000; 大阪支店 1,255,000 /
1,318,000; 名古屋営業所 715,000 (the 集計中 row left out); 福岡支店 680,000; in all 7,703,000.

Run: python examples/make_sales_examples.py
Then: ledgerkit aggregate examples/sales --kind sales --config examples/sales.toml -o out/sales_report.xlsx
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "sales"
CREATED = dt.datetime(2026, 12, 1, 9, 0, 0)

#: (branch, month) → yen, as the reports above should add up
EXPECTED = {
    ("東京支店", "2026-10"): 1_850_000, ("東京支店", "2026-11"): 1_885_000,
    ("大阪支店", "2026-10"): 1_255_000, ("大阪支店", "2026-11"): 1_318_000,
    ("名古屋営業所", "2026-10"): 715_000, ("福岡支店", "2026-10"): 680_000,
}


def _workbook(path: Path):
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    wb.set_properties({"created": CREATED, "author": "ledgerkit examples"})
    fmt = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1, "align": "center", "valign": "vcenter"}),
        "yen": wb.add_format({"num_format": "#,##0;[Red]△#,##0", "border": 1}),
        "int": wb.add_format({"num_format": "#,##0", "border": 1}),
        "text": wb.add_format({"border": 1}),
        "month": wb.add_format({"num_format": "yyyy年m月", "border": 1}),
        "total": wb.add_format({"bold": True, "num_format": "#,##0", "top": 2, "border": 1}),
    }
    return wb, fmt


def _row(ws, r: int, values, fmts) -> None:
    for c, (v, f) in enumerate(zip(values, fmts)):
        if v is None:
            ws.write_blank(r, c, None, f)
        elif isinstance(v, dt.date):
            ws.write_datetime(r, c, dt.datetime.combine(v, dt.time()), f)
        elif isinstance(v, str):
            ws.write_string(r, c, v, f)
        else:
            ws.write_number(r, c, v, f)


def tokyo() -> None:
    """Two months, a sheet each; the branch above the table, not in a column."""
    wb, fmt = _workbook(OUT / "売上報告_東京支店_2026年10-11月.xlsx")
    text, yen, num = fmt["text"], fmt["yen"], fmt["int"]
    months = {
        "10月": ("売上報告 令和8年10月", "支店名：東京支店", None, [
            ("令和8年10月", "商品", 1_250_000, 32, ""),
            ("令和8年10月", "サービス", 480_000, 12, ""),
            ("令和8年10月", "保守", "１２０，０００", 5, "全角で入力"),
        ], (1_850_000, 49)),
        "11月": ("売上報告 令和8年11月", "支店名", "東京支店", [
            ("11月", "商品", 1_310_000, 35, ""),
            ("11月", "サービス", 455_000, 11, ""),
            ("11月", "保守", 120_000, 5, ""),
        ], (1_885_000, 51)),
    }
    for name, (title, label, value, lines, (total, count)) in months.items():
        ws = wb.add_worksheet(name)
        ws.set_column(0, 0, 14)
        ws.set_column(1, 4, 12)
        ws.write_string(0, 0, title, fmt["title"])
        ws.write_string(1, 0, label)
        if value:
            ws.write_string(1, 1, value)
        _row(ws, 3, ["年月", "区分", "売上高", "件数", "備考"], [fmt["head"]] * 5)
        for i, line in enumerate(lines):
            _row(ws, 4 + i, line, [text, text, yen, num, text])
        _row(ws, 4 + len(lines), ["合計", None, total, count, None], [fmt["total"]] * 5)
    wb.close()


def osaka() -> None:
    """A sheet per month under a header over two rows (実績 over 売上高 | 件数)."""
    wb, fmt = _workbook(OUT / "売上報告_大阪支店.xlsx")
    text, yen, num, head = fmt["text"], fmt["yen"], fmt["int"], fmt["head"]
    months = {
        "2026年10月": ("R8.10", [("商品", 980_000, 25), ("返品", -35_000, None), ("サービス", 310_000, 9)], (1_255_000, 34)),
        "2026年11月": ("R8.11", [("商品", 1_020_000, 27), ("サービス", 298_000, 8)], (1_318_000, 35)),
    }
    for name, (month, lines, (total, count)) in months.items():
        ws = wb.add_worksheet(name)
        ws.set_column(0, 4, 12)
        ws.write_string(0, 0, f"大阪支店 売上報告 {name}", fmt["title"])
        for c, h in enumerate(["支店名", "対象月", "区分"]):
            ws.merge_range(2, c, 3, c, h, head)
        ws.merge_range(2, 3, 2, 4, "実績", head)
        ws.write_string(3, 3, "売上高", head)
        ws.write_string(3, 4, "件数", head)
        for i, (category, amount, n) in enumerate(lines):
            _row(ws, 4 + i, ["大阪支店", month, category, amount, n], [text, text, text, yen, num])
        _row(ws, 4 + len(lines), ["合計", None, None, total, count], [fmt["total"]] * 5)
    wb.close()


def nagoya() -> None:
    """A CSV export; one amount not in yet (集計中)."""
    lines = [
        "営業所,計上月,区分,売上金額,件数",
        "名古屋営業所,2026/10,商品,640000,18",
        "名古屋営業所,2026/10,サービス,集計中,",
        "名古屋営業所,2026/10,保守,\"75,000\",3",
    ]
    (OUT / "売上報告_名古屋営業所_2026年10月.csv").write_text("\n".join(lines) + "\n", encoding="utf-8-sig")


def fukuoka() -> None:
    """Months as dates; the same report sent again (再送) under another title."""
    for suffix, title in (("", "福岡支店 売上報告"), ("_再送", "福岡支店 売上報告 (再送)")):
        wb, fmt = _workbook(OUT / f"売上報告_福岡支店_2026年10月{suffix}.xlsx")
        ws = wb.add_worksheet("売上")
        ws.set_column(0, 4, 12)
        ws.write_string(0, 0, title, fmt["title"])
        _row(ws, 2, ["支店", "年月", "区分", "売上", "件数"], [fmt["head"]] * 5)
        for i, (category, amount, n) in enumerate([("商品", 530_000, 14), ("サービス", 150_000, 4)]):
            _row(ws, 3 + i, ["福岡支店", dt.date(2026, 10, 1), category, amount, n],
                 [fmt["text"], fmt["month"], fmt["text"], fmt["yen"], fmt["int"]])
        _row(ws, 5, ["合計", None, None, 680_000, 18], [fmt["total"]] * 5)
        wb.close()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    tokyo()
    osaka()
    nagoya()
    fukuoka()
    print(f"Wrote the branch sales reports in {OUT}")


if __name__ == "__main__":
    main()
