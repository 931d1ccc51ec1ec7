"""Write the sample attendance sheets, contract list and vendor invoice list in examples/attendance/.

Two dispatched engineers (SES / 準委任) hand in their October 2026 勤務表 in the layouts
seen in practice:

* 高橋 健一 (株式会社テックブリッジ): 作業報告書 with `2026年 | 10月 | 稼働分` in separate cells,
  `氏名 | 高橋 健一 (20231045)`, days as `1(木)` text, 出社 ～ 退社 across three cells,
  times as Excel time cells, 勤務時間 and 累計 as formulas, a 合計 row, a 祝日 sheet.
  Short of the 140 h lower limit: the fee is reduced (上下割, rates cut to 10 yen).
* 伊藤 美咲 (合同会社ソフトリンク): 勤怠表 with a 年 / 月 input area, スタッフ名, day numbers
  and a 曜日 column, a two-row header (勤務時間 over 開始 | 終了), decimal 実働 hours and
  one release night that ends after midnight. Above the 180 h upper limit (中割).

The contract list (契約一覧.xlsx) holds their bands, and the vendors' invoice list
(請求書一覧_2026年10月.xlsx) bills both — one of them with the wrong figure (the hours
not rounded down to the contract's 15-minute unit).

Run: python examples/make_attendance_examples.py
Then: ledgerkit settle examples/attendance/勤務表 --contracts examples/attendance/契約一覧.xlsx \\
          --invoices examples/attendance/請求書一覧_2026年10月.xlsx -o out/settlement.xlsx
"""

from __future__ import annotations

import calendar
import datetime as dt
import shutil
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "attendance"
SHEETS = OUT / "勤務表"
CREATED = dt.datetime(2026, 11, 2, 9, 0, 0)
YEAR, MONTH = 2026, 10
WEEKDAYS = "月火水木金土日"
HOLIDAYS = {dt.date(2026, 10, 12): "スポーツの日", dt.date(2026, 11, 3): "文化の日", dt.date(2026, 11, 23): "勤労感謝の日"}


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"created": CREATED, "author": "ledgerkit examples"})
    return wb


def _days() -> list[dt.date]:
    return [dt.date(YEAR, MONTH, d) for d in range(1, calendar.monthrange(YEAR, MONTH)[1] + 1)]


def _workday(d: dt.date) -> bool:
    return d.weekday() < 5 and d not in HOLIDAYS


def _frac(t: dt.time | None) -> float:
    return 0.0 if t is None else (t.hour * 60 + t.minute) / 1440


# 高橋: 9:00–17:30 with 1 h break (7.5 h) most days; two days of 有休; a few long days.
TAKAHASHI_LONG = {dt.date(2026, 10, 15): dt.time(20, 10), dt.date(2026, 10, 29): dt.time(19, 0)}
TAKAHASHI_OFF = {dt.date(2026, 10, d): "有休" for d in (8, 9, 22, 23)}


def takahashi(path: Path) -> None:
    """作業報告書: split 年 / 月 cells, 氏名 with ID, 1(木) days, start ～ end over three cells."""
    wb = _workbook(path)
    title = wb.add_format({"bold": True, "font_size": 16})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"})
    cell = wb.add_format({"border": 1})
    center = wb.add_format({"border": 1, "align": "center"})
    hm = wb.add_format({"border": 1, "num_format": "h:mm"})
    hhmm = wb.add_format({"border": 1, "num_format": "[h]:mm"})
    weekend = wb.add_format({"border": 1, "bg_color": "#D9D9D9"})
    total = wb.add_format({"bold": True, "border": 1, "num_format": "[h]:mm"})
    ws = wb.add_worksheet("作業報告書")
    ws.set_column(0, 0, 8)
    ws.set_column(8, 8, 28)
    ws.write(0, 0, "作業報告書", title)
    ws.write(1, 0, "2026年")
    ws.write(1, 1, "10月")
    ws.write(1, 2, "稼働分")
    ws.write(2, 0, "氏名", head)
    ws.merge_range(2, 1, 2, 4, "高橋 健一 (20231045)", cell)
    ws.write(2, 6, "所属", head)
    ws.merge_range(2, 7, 2, 8, "株式会社テックブリッジ", cell)
    ws.write(3, 6, "作成日", head)
    ws.write_datetime(3, 7, dt.datetime(2026, 10, 31), wb.add_format({"num_format": "yyyy/m/d"}))
    header = ["日付", "曜日", "出社", "～", "退社", "休憩", "勤務時間", "残業", "業務内容", "累計"]
    ws.write_row(5, 0, header, head)
    first = r = 6
    cumulative = 0.0
    for d in _days():
        fmt = cell if _workday(d) else weekend
        ws.write(r, 0, f"{d.day}({WEEKDAYS[d.weekday()]})", fmt)
        ws.write(r, 1, WEEKDAYS[d.weekday()], fmt)
        worked = 0.0
        if _workday(d) and d not in TAKAHASHI_OFF:
            end = TAKAHASHI_LONG.get(d, dt.time(17, 30))
            ws.write_datetime(r, 2, dt.time(9, 0), hm)
            ws.write(r, 3, "～", center)
            ws.write_datetime(r, 4, end, hm)
            ws.write_datetime(r, 5, dt.time(1, 0), hm)
            worked = _frac(end) - _frac(dt.time(9, 0)) - _frac(dt.time(1, 0))
            over = max(0.0, worked - 8 / 24)
            ws.write_formula(r, 6, f'=IF(C{r + 1}="","",E{r + 1}-C{r + 1}-F{r + 1})', hm, worked)
            ws.write_formula(r, 7, f'=IF(G{r + 1}="","",MAX(0,G{r + 1}-TIME(8,0,0)))', hm, over)
            ws.write(r, 8, "販売管理システム 結合テスト" if d.day > 15 else "販売管理システム 詳細設計", cell)
        else:
            for c in range(2, 9):
                ws.write_blank(r, c, None, fmt)
            if d in TAKAHASHI_OFF:
                ws.write(r, 8, TAKAHASHI_OFF[d], fmt)
        cumulative += worked
        ws.write_formula(r, 9, f"=SUM(G${first + 1}:G{r + 1})", hhmm, cumulative)
        r += 1
    ws.write(r, 0, "合計", head)
    ws.write_formula(r, 6, f"=SUM(G{first + 1}:G{r})", total, cumulative)
    ws.write(r + 2, 0, "出勤日数")
    ws.write_formula(r + 2, 1, f'=COUNT(G{first + 1}:G{r})', None, sum(
        1 for d in _days() if _workday(d) and d not in TAKAHASHI_OFF))
    ws.write(r + 3, 0, "上記の通り報告いたします。")
    ws.write(r + 4, 6, "承認")
    holidays(wb)
    wb.close()


# 伊藤: 9:30–19:00 with 1 h break (8.5 h) most days, some Saturdays, one release night.
ITO_SATURDAYS = {dt.date(2026, 10, 24)}
ITO_NIGHT = dt.date(2026, 10, 24)


def ito(path: Path) -> None:
    """勤怠表: 年 / 月 input area, スタッフ名, day numbers + 曜日, two-row header, decimal 実働."""
    wb = _workbook(path)
    title = wb.add_format({"bold": True, "font_size": 16, "align": "center"})
    head = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1, "align": "center", "valign": "vcenter"})
    cell = wb.add_format({"border": 1})
    num = wb.add_format({"border": 1, "num_format": "0.00"})
    hm = wb.add_format({"border": 1, "num_format": "h:mm"})
    weekend = wb.add_format({"border": 1, "bg_color": "#D9D9D9"})
    ws = wb.add_worksheet("勤怠表")
    ws.merge_range(0, 0, 0, 7, "勤 怠 表", title)
    ws.write_row(2, 0, ["年", "月"], head)
    ws.write_row(3, 0, [YEAR, MONTH], cell)
    ws.write(2, 3, "スタッフ名", head)
    ws.merge_range(3, 3, 3, 5, "伊藤 美咲", cell)
    ws.write(2, 6, "派遣元", head)
    ws.merge_range(3, 6, 3, 7, "合同会社ソフトリンク", cell)
    ws.merge_range(5, 0, 6, 0, "日", head)
    ws.merge_range(5, 1, 6, 1, "曜日", head)
    ws.merge_range(5, 2, 5, 3, "勤務時間", head)
    ws.write(6, 2, "開始", head)
    ws.write(6, 3, "終了", head)
    ws.merge_range(5, 4, 6, 4, "休憩", head)
    ws.merge_range(5, 5, 6, 5, "実働", head)
    ws.merge_range(5, 6, 6, 7, "作業内容", head)
    r = 7
    total = 0.0
    for d in _days():
        works = _workday(d) or d in ITO_SATURDAYS
        fmt = cell if works or _workday(d) else weekend
        ws.write_number(r, 0, d.day, fmt)
        ws.write(r, 1, WEEKDAYS[d.weekday()], fmt)
        if d == ITO_NIGHT:
            # release night: 20:00 to 6:15 the next morning, 1 h break
            ws.write_datetime(r, 2, dt.time(20, 0), hm)
            ws.write_datetime(r, 3, dt.time(6, 15), hm)
            ws.write_number(r, 4, 1.0, num)
            ws.write_number(r, 5, 9.25, num)
            ws.merge_range(r, 6, r, 7, "本番リリース (夜間)", cell)
            total += 9.25
        elif works:
            ws.write_datetime(r, 2, dt.time(9, 30), hm)
            ws.write_datetime(r, 3, dt.time(19, 0), hm)
            ws.write_number(r, 4, 1.0, num)
            ws.write_number(r, 5, 8.5, num)
            ws.merge_range(r, 6, r, 7, "インフラ構築・運用設計", cell)
            total += 8.5
        else:
            for c in range(2, 6):
                ws.write_blank(r, c, None, fmt)
            ws.merge_range(r, 6, r, 7, "", fmt)
        r += 1
    ws.write(r, 0, "合計", head)
    ws.write_formula(r, 5, f"=SUM(F8:F{r})", num, total)
    holidays(wb)
    wb.close()


def holidays(wb) -> None:
    """The 祝日 helper sheet people keep beside the form (not data)."""
    ws = wb.add_worksheet("祝日")
    date = wb.add_format({"num_format": "yyyy/m/d"})
    ws.write_row(0, 0, ["日付", "祝日名"])
    for i, (d, name) in enumerate(sorted(HOLIDAYS.items()), start=1):
        ws.write_datetime(i, 0, dt.datetime(d.year, d.month, d.day), date)
        ws.write(i, 1, name)


def contracts(path: Path) -> None:
    """契約一覧: each engineer's vendor, monthly fee, band, method and rounding."""
    wb = _workbook(path)
    head = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "text_wrap": True})
    cell = wb.add_format({"border": 1})
    yen = wb.add_format({"border": 1, "num_format": "#,##0"})
    date = wb.add_format({"border": 1, "num_format": "yyyy/m/d"})
    ws = wb.add_worksheet("精算条件")
    ws.write(0, 0, "SES契約 精算条件一覧 (2026年度上期)", wb.add_format({"bold": True, "font_size": 14}))
    header = ["要員名", "社員番号", "所属会社", "注文番号", "月額単価", "下限", "上限", "精算方法", "時間単位",
              "単価端数", "契約開始", "契約終了"]
    ws.write_row(2, 0, header, head)
    rows = [
        ["高橋 健一", "20231045", "株式会社テックブリッジ", "PO-2026-031", 550_000, 140, 180, "上下割", "15分",
         "10円未満切捨て", dt.datetime(2026, 4, 1), dt.datetime(2027, 3, 31)],
        ["伊藤 美咲", "", "合同会社ソフトリンク", "PO-2026-044", 640_000, 140, 180, "中割", "15分",
         "1円未満切捨て", dt.datetime(2026, 7, 1), dt.datetime(2026, 12, 31)],
        ["小林 誠", "20220311", "株式会社テックブリッジ", "PO-2026-032", 480_000, 150, 190, "上下割", "30分",
         "", dt.datetime(2026, 4, 1), dt.datetime(2026, 9, 30)],
    ]
    for i, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write_datetime(i, c, v, date)
            elif isinstance(v, int):
                ws.write_number(i, c, v, yen)
            else:
                ws.write_string(i, c, v, cell)
    ws.set_column(0, 3, 16)
    ws.set_column(4, 11, 11)
    wb.close()


def _registration(base12: str) -> str:
    # 法人番号 check digit (DOMAIN.md §3.3): 9 − (Σ digit × weight mod 9), weights 1,2 from the right
    digits = [int(c) for c in reversed(base12)]
    s = sum(d * (2 if i % 2 else 1) for i, d in enumerate(digits))
    return f"T{9 - s % 9}{base12}"


def invoices(path: Path) -> None:
    """請求書一覧: the vendors' October invoices; ソフトリンク's is off (hours not rounded down)."""
    wb = _workbook(path)
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    cell = wb.add_format({"border": 1})
    yen = wb.add_format({"border": 1, "num_format": "#,##0"})
    date = wb.add_format({"border": 1, "num_format": "yyyy/m/d"})
    ws = wb.add_worksheet("2026年10月受領分")
    ws.write(0, 0, "請求書受領一覧 2026年10月分", wb.add_format({"bold": True, "font_size": 14}))
    header = ["受領日", "請求書番号", "取引先", "登録番号", "注文番号", "件名", "税抜金額", "消費税", "税込合計", "支払期日"]
    ws.write_row(2, 0, header, head)
    rows = [
        # 高橋: 131 h 40 min → 131 h 30 min (15-minute unit, down); 上下割 with the rate cut to
        # 10 yen: 550,000 ÷ 140 = 3,928.57 → 3,920; 550,000 − 3,920 × 8.5 h = 516,680
        [dt.datetime(2026, 11, 4), "TB-2610-007", "株式会社テックブリッジ", _registration("301001012345"),
         "PO-2026-031", "10月分 SES業務委託費 (高橋)", 516_680, 51_668, 568_348, dt.datetime(2026, 11, 30)],
        # 伊藤: 187 h 45 min; 中割 640,000 ÷ 160 = 4,000/h × 7.75 h over 180 h = +31,000 → 671,000.
        # The vendor billed 188 h (rounded up to the hour): 672,000 — the finding.
        [dt.datetime(2026, 11, 5), "SL-1031", "合同会社ソフトリンク", _registration("501003098765"),
         "PO-2026-044", "2026年10月度 技術支援費", 672_000, 67_200, 739_200, dt.datetime(2026, 11, 30)],
        [dt.datetime(2026, 11, 6), "A-88812", "アスクル株式会社", _registration("801001021234"),
         "", "事務用品", 12_480, 1_248, 13_728, dt.datetime(2026, 11, 30)],
    ]
    for i, row in enumerate(rows, start=3):
        for c, v in enumerate(row):
            if isinstance(v, dt.datetime):
                ws.write_datetime(i, c, v, date)
            elif isinstance(v, int):
                ws.write_number(i, c, v, yen)
            else:
                ws.write_string(i, c, v, cell)
    ws.write(len(rows) + 3, 5, "合計", head)
    ws.write_formula(len(rows) + 3, 6, f"=SUM(G4:G{len(rows) + 3})", yen, sum(r[6] for r in rows))
    ws.set_column(0, 9, 14)
    wb.close()


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    SHEETS.mkdir(parents=True)
    takahashi(SHEETS / "作業報告書_2026年10月_高橋健一.xlsx")
    ito(SHEETS / "勤怠表_伊藤美咲_202610.xlsx")
    contracts(OUT / "契約一覧.xlsx")
    invoices(OUT / "請求書一覧_2026年10月.xlsx")
    print(f"wrote {OUT.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
