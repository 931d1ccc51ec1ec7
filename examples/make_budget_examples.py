"""Write the sample budget and rate table: examples/budget.xlsx and examples/rates.xlsx.

They match the sample hours (examples/hours/) and invoices (examples/invoices/): with
``--through 2026-11``, A-1001 is over budget, A-1002 in warning (≥ 80%) and 0012 ok.

* budget.xlsx — what a PMO keeps: a title with 2026年度 and 単位：千円, a note row,
  projects with 費目 (人件費 / 外注費) down, 4月…3月 across with 上期計, 下期計 and
  年間計 columns written as formulas, a 合計 row at the bottom, the project code in a
  cell merged over its 費目 rows.
* rates.xlsx — 単価表 per grade (``6,500円`` as text) and a 要員一覧 sheet saying who
  is in which grade (names written with a space, as people type them).

Run: python examples/make_budget_examples.py   (make examples)
Then: ledgerkit budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices \\
          --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

HERE = Path(__file__).resolve().parent
CREATED = dt.datetime(2026, 4, 1, 9, 0, 0)

MONTHS = [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3]

# (code, name, 費目, {month: 千円})
LINES = [
    ("A-1001", "基幹システム刷新", "人件費", {9: 300, 10: 1400, 11: 1400, 12: 1400, 1: 1400, 2: 1400, 3: 1000}),
    ("A-1001", "基幹システム刷新", "外注費", {9: 400, 10: 100, 11: 100, 12: 100, 1: 100, 2: 100, 3: 100}),
    ("A-1002", "経費精算システム導入", "人件費", {10: 500, 11: 700, 12: 700, 1: 700, 2: 500}),
    ("A-1002", "経費精算システム導入", "外注費", {9: 300, 10: 300, 11: 100, 12: 100}),
    ("0012", "社内定例・管理", "人件費", {m: 50 for m in MONTHS}),
    ("0012", "社内定例・管理", "経費", {m: 30 for m in MONTHS}),
]

GRADES = [("M", "管理職", "9,000円"), ("S2", "主任", "6,500円"), ("S1", "担当", "5,000円"), ("BP", "協力会社", "5,500円")]
PEOPLE = [
    ("E0012", "山田 太郎", "開発部", "M"),
    ("E0031", "佐藤 花子", "開発部", "S2"),
    ("E0045", "鈴木 一郎", "開発部", "S2"),
    ("E0102", "高橋 美咲", "開発部", "S1"),
    ("E0118", "小林 大輔", "開発部", "S1"),
    ("P0001", "伊藤 健", "協力会社", "BP"),
    ("P0002", "渡辺 さくら", "協力会社", "BP"),
]


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"created": CREATED, "author": "ledgerkit examples"})
    return wb


def budget(path: Path) -> None:
    wb = _workbook(path)
    ws = wb.add_worksheet("2026年度予算")
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "align": "center"})
    num = wb.add_format({"num_format": "#,##0", "border": 1})
    tot = wb.add_format({"num_format": "#,##0", "border": 1, "bold": True, "bg_color": "#F2F2F2"})
    text = wb.add_format({"border": 1, "valign": "vcenter"})
    ws.write(0, 0, "2026年度 案件別予算表", title)
    ws.write(0, 12, "(単位：千円)")
    ws.write(1, 0, "作成: PMO室 2026/04/01  ※下期は10月の見直し後の値")

    headers = ["案件コード", "案件名", "費目"]
    month_cols: dict[int, int] = {}
    col = 3
    cols_first_half, cols_second_half = [], []
    for i, m in enumerate(MONTHS):
        headers.append(f"{m}月")
        month_cols[m] = col
        (cols_first_half if i < 6 else cols_second_half).append(col)
        col += 1
        if i == 5:
            headers.append("上期計")
            col += 1
    headers += ["下期計", "年間計"]
    h1_col = cols_first_half[-1] + 1
    h2_col = cols_second_half[-1] + 1
    year_col = h2_col + 1
    header_row = 3
    for c, h in enumerate(headers):
        ws.write(header_row, c, h, head)

    r = header_row + 1
    first_data = r
    sums = {c: 0 for c in [*month_cols.values(), h1_col, h2_col, year_col]}
    by_project: dict[str, list[int]] = {}
    for code, name, item, values in LINES:
        by_project.setdefault(code, []).append(r)
        ws.write(r, 1, name, text)
        ws.write(r, 2, item, text)
        for m, c in month_cols.items():
            v = values.get(m)
            if v is None:
                ws.write_blank(r, c, None, num)
            else:
                ws.write_number(r, c, v, num)
                sums[c] += v
        h1 = sum(values.get(m, 0) for m in MONTHS[:6])
        h2 = sum(values.get(m, 0) for m in MONTHS[6:])
        ws.write_formula(r, h1_col, f"=SUM({xl_rowcol_to_cell(r, cols_first_half[0])}:{xl_rowcol_to_cell(r, cols_first_half[-1])})", tot, h1)
        ws.write_formula(r, h2_col, f"=SUM({xl_rowcol_to_cell(r, cols_second_half[0])}:{xl_rowcol_to_cell(r, cols_second_half[-1])})", tot, h2)
        ws.write_formula(r, year_col, f"={xl_rowcol_to_cell(r, h1_col)}+{xl_rowcol_to_cell(r, h2_col)}", tot, h1 + h2)
        sums[h1_col] += h1
        sums[h2_col] += h2
        sums[year_col] += h1 + h2
        r += 1
    # the project code once, merged over its 費目 rows
    for code, rows in by_project.items():
        if len(rows) > 1:
            ws.merge_range(rows[0], 0, rows[-1], 0, code, text)
        else:
            ws.write(rows[0], 0, code, text)
    ws.write(r, 0, "合計", tot)
    ws.write_blank(r, 1, None, tot)
    ws.write_blank(r, 2, None, tot)
    for c, total in sums.items():
        ws.write_formula(r, c, f"=SUM({xl_rowcol_to_cell(first_data, c)}:{xl_rowcol_to_cell(r - 1, c)})", tot, total)
    ws.set_column(0, 0, 11)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 2, 8)
    ws.set_column(3, year_col, 7)
    ws.freeze_panes(header_row + 1, 3)
    wb.close()


def rates(path: Path) -> None:
    wb = _workbook(path)
    head = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
    cell = wb.add_format({"border": 1})
    ws = wb.add_worksheet("単価表")
    ws.write(0, 0, "標準原価単価表 (2026年度)", wb.add_format({"bold": True, "font_size": 14}))
    for c, h in enumerate(["等級", "区分", "時間単価"]):
        ws.write(2, c, h, head)
    for i, (grade, label, rate) in enumerate(GRADES, start=3):
        ws.write_string(i, 0, grade, cell)
        ws.write_string(i, 1, label, cell)
        ws.write_string(i, 2, rate, cell)  # typed as text with 円, as people do
    ws.set_column(0, 2, 12)
    ws2 = wb.add_worksheet("要員一覧")
    for c, h in enumerate(["社員番号", "氏名", "所属", "等級"]):
        ws2.write(0, c, h, head)
    for i, row in enumerate(PEOPLE, start=1):
        for c, v in enumerate(row):
            ws2.write_string(i, c, v, cell)
    ws2.set_column(0, 3, 12)
    wb.close()


def main() -> None:
    budget(HERE / "budget.xlsx")
    rates(HERE / "rates.xlsx")
    print(f"wrote {HERE / 'budget.xlsx'} and {HERE / 'rates.xlsx'}")


if __name__ == "__main__":
    main()
