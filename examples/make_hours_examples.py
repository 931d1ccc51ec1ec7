"""Write the sample effort-hour workbooks in examples/hours/.

They look like what people really hand in: title rows above the header, a 氏名 cell,
merged two-row headers, weekday rows, 合計 rows and columns, `7:30` and `７．５` text,
Excel time cells, 令和 dates, a lookup table beside the data, a summary sheet, a hidden
sheet, a holiday list, a lock file, a copy saved "just in case", and a Shift_JIS CSV.

Run: python examples/make_hours_examples.py   (make examples)
"""

from __future__ import annotations

import calendar
import datetime as dt
import shutil
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "hours"
CREATED = dt.datetime(2026, 11, 2, 9, 0, 0)

PROJECTS = {
    "A-1001": "基幹システム刷新",
    "A-1002": "経費精算システム導入",
    "0012": "社内定例・管理",
}
WEEKDAYS = "月火水木金土日"
HOLIDAYS_2026 = {dt.date(2026, 10, 12): "スポーツの日", dt.date(2026, 11, 3): "文化の日", dt.date(2026, 11, 23): "勤労感謝の日"}


def _workbook(path: Path) -> xlsxwriter.Workbook:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    wb.set_properties({"created": CREATED, "author": "ledgerkit examples"})
    return wb


def _business_days(year: int, month: int) -> list[dt.date]:
    days = calendar.monthrange(year, month)[1]
    return [
        dt.date(year, month, d)
        for d in range(1, days + 1)
        if dt.date(year, month, d).weekday() < 5 and dt.date(year, month, d) not in HOLIDAYS_2026
    ]


def person_grid(path: Path, person: str, year: int, month: int, plan: list[tuple[str, str, dict[int, object]]], *, two_row_header: bool) -> None:
    """Layout A: one sheet per person, projects and tasks down, days across."""
    wb = _workbook(path)
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center", "valign": "vcenter"})
    weekend = wb.add_format({"bg_color": "#D9D9D9", "border": 1})
    cell = wb.add_format({"border": 1})
    time_fmt = wb.add_format({"border": 1, "num_format": "h:mm"})
    total_fmt = wb.add_format({"bold": True, "border": 1, "num_format": "0.00"})
    ws = wb.add_worksheet(f"{month}月")
    ndays = calendar.monthrange(year, month)[1]
    ws.write(0, 0, f"{year}年{month}月 工数報告書", title)
    ws.write(1, 0, "氏名", head)
    ws.write(1, 1, person, cell)
    ws.write(1, 3, "所属", head)
    ws.write(1, 4, "情報システム部", cell)
    hr = 3
    first_day_col = 2
    if two_row_header:
        ws.merge_range(hr, 0, hr + 1, 0, "案件コード", head)
        ws.merge_range(hr, 1, hr + 1, 1, "作業内容", head)
    else:
        ws.write(hr, 0, "案件コード", head)
        ws.write(hr, 1, "作業内容", head)
    for d in range(1, ndays + 1):
        day = dt.date(year, month, d)
        fmt = weekend if day.weekday() >= 5 or day in HOLIDAYS_2026 else head
        ws.write_number(hr, first_day_col + d - 1, d, fmt)
        ws.write(hr + 1, first_day_col + d - 1, WEEKDAYS[day.weekday()], fmt)
    total_col = first_day_col + ndays
    ws.write(hr, total_col, "合計", head)
    if not two_row_header:
        ws.write(hr + 1, 0, "", head)
        ws.write(hr + 1, 1, "曜日", head)
    r = hr + 2
    for code, task, days in plan:
        ws.write_string(r, 0, code, cell)
        ws.write(r, 1, task, cell)
        for d, value in days.items():
            c = first_day_col + d - 1
            if isinstance(value, dt.time):
                ws.write_datetime(r, c, dt.datetime.combine(dt.date(1899, 12, 31), value), time_fmt)
            elif isinstance(value, str):
                ws.write_string(r, c, value, cell)
            else:
                ws.write_number(r, c, value, cell)
        ws.write_formula(
            r, total_col, f"=SUM({xlsxwriter.utility.xl_rowcol_to_cell(r, first_day_col)}:"
            f"{xlsxwriter.utility.xl_rowcol_to_cell(r, total_col - 1)})", total_fmt, _value(days)
        )
        r += 1
    ws.write(r, 1, "合計", head)
    ws.write_formula(r, total_col, f"=SUM({xlsxwriter.utility.xl_rowcol_to_cell(hr + 2, total_col)}:"
                     f"{xlsxwriter.utility.xl_rowcol_to_cell(r - 1, total_col)})", total_fmt,
                     sum(_value(days) for _, _, days in plan))
    ws.freeze_panes(hr + 2, first_day_col)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 22)
    ws.set_column(first_day_col, total_col - 1, 5)
    # a hidden sheet the template uses for its own sums: not anybody's hours
    calc = wb.add_worksheet("計算用")
    calc.write_row(0, 0, ["日付", "氏名", "工数"])
    calc.write_row(1, 0, [f"{year}/{month}/1", person, 99])
    calc.hide()
    hol = wb.add_worksheet("祝日")
    hol.write_row(0, 0, ["日付", "名称"])
    for i, (day, name) in enumerate(sorted(HOLIDAYS_2026.items()), start=1):
        hol.write_string(i, 0, day.isoformat())
        hol.write_string(i, 1, name)
    wb.close()


def _value(days: dict[int, object]) -> float:
    total = 0.0
    for v in days.values():
        if isinstance(v, dt.time):
            total += v.hour + v.minute / 60
        elif isinstance(v, str):
            text = v.translate(str.maketrans("０１２３４５６７８９．：", "0123456789.:"))
            if ":" in text:
                h, m = text.split(":")
                total += int(h) + int(m) / 60
            else:
                try:
                    total += float(text.rstrip("h"))
                except ValueError:
                    pass
        else:
            total += float(v)
    return total


def long_table(path: Path) -> None:
    """Layout C: one row per entry, as exported from a team's shared sheet."""
    wb = _workbook(path)
    title = wb.add_format({"bold": True, "font_size": 14})
    head = wb.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
    date_fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    ws = wb.add_worksheet("10月実績")
    ws.write(0, 0, "2026年10月 工数実績一覧 (開発チーム)", title)
    ws.write(1, 0, "作成日: 2026/11/02")
    header = ["日付", "氏名", "社員番号", "案件コード", "作業区分", "工数(h)", "備考"]
    ws.write_row(3, 0, header, head)
    rows = [
        (dt.datetime(2026, 10, 1), "鈴木 一郎", "00123", "A-1001", "設計", 7.5, ""),
        ("2026/10/02", "鈴木　一郎", "00123", "A-1001", "設計", "7:30", ""),
        ("R8.10.5", "鈴木一郎", "00123", "A-1002", "要件定義", "7時間30分", "客先打合せ"),
        ("令和8年10月6日", "鈴木一郎", "00123", "0012", "定例", "１．５", ""),
        ("2026-10-06", "鈴木一郎", "00123", "A-1001", "設計", "6h", ""),
        (None, None, None, None, None, None, None),
        ("2026/10/07", "高橋 美咲", "00456", "A-1002", "テスト", 8, ""),
        ("2026/10/08", "高橋 美咲", "00456", "A-1002", "テスト", "午後半休", "← 時間を書き忘れ"),
        ("10/9", "高橋 美咲", "00456", "A-1002", "テスト", 4, "日付は年なし"),
        ("2026/10/13", "高橋 美咲", "00456", "A-1001", "レビュー", "=8", "数式のような文字"),
    ]
    r = 4
    for row in rows:
        for c, v in enumerate(row):
            if v is None:
                continue
            if isinstance(v, dt.datetime):
                ws.write_datetime(r, c, v, date_fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
        r += 1
    ws.write(r, 0, "合計")
    ws.write_formula(r, 5, f"=SUM(F5:F{r})", None, 40.5)
    # a lookup table beside the data, separated by an empty column
    ws.write_row(3, 8, ["案件コード", "案件名"], head)
    for i, (code, name) in enumerate(PROJECTS.items(), start=4):
        ws.write_string(i, 8, code)
        ws.write_string(i, 9, name)
    ws.set_column(0, 0, 16)
    ws.set_column(1, 6, 12)
    ws.set_column(8, 9, 18)
    # a pivot-like summary: project totals, no dates and no people
    summary = wb.add_worksheet("集計")
    summary.write_row(0, 0, ["案件コード", "工数合計"], head)
    summary.write_row(1, 0, ["A-1001", 21.0])
    summary.write_row(2, 0, ["A-1002", 19.5])
    wb.close()


def month_grid(path: Path, year: int, month: int) -> None:
    """Layout B: one sheet per month, person × project down, days across (dates in the header)."""
    wb = _workbook(path)
    head = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1})
    day_fmt = wb.add_format({"bold": True, "bg_color": "#E2EFDA", "border": 1, "num_format": "d"})
    ws = wb.add_worksheet(f"R{year - 2018}.{month}")
    ws.write(0, 0, f"外部委託 工数表 令和{year - 2018}年{month}月")
    ws.write_row(2, 0, ["氏名", "PJコード"], head)
    ndays = calendar.monthrange(year, month)[1]
    for d in range(1, ndays + 1):
        ws.write_datetime(2, 1 + d, dt.datetime(year, month, d), day_fmt)
    ws.write(2, 2 + ndays, "計", head)
    plan = [
        ("伊藤 健", "A-1001", 8),
        ("伊藤 健", "A-1002", 0),
        ("渡辺 さくら", "A-1002", 6),
    ]
    r = 3
    for person, code, hours in plan:
        ws.write_string(r, 0, person)
        ws.write_string(r, 1, code)
        total = 0
        for day in _business_days(year, month):
            if hours:
                ws.write_number(r, 1 + day.day, hours)
                total += hours
        ws.write_number(r, 2 + ndays, total)
        r += 1
    wb.close()


def shift_jis_csv(path: Path) -> None:
    """A CSV saved by Excel on Japanese Windows: Shift_JIS (CP932), CRLF."""
    lines = [
        "日付,担当者,プロジェクト,作業,時間",
        "2026/11/02,小林 大輔,A-1001,開発,8",
        "2026/11/04,小林 大輔,A-1001,開発,7.5",
        "2026/11/05,小林 大輔,0012,定例,1",
        "合計,,,,16.5",
    ]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp932"))


def main() -> None:
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    yamada = OUT / "工数_2026年10月_山田太郎.xlsx"
    days = {d.day: 6 for d in _business_days(2026, 10)}
    person_grid(
        yamada,
        "山田　太郎",
        2026,
        10,
        [
            ("A-1001", "基本設計", days),
            ("A-1002", "要件定義", {1: "1.5", 2: dt.time(1, 30), 5: "２:００", 6: "0.5h", 7: 2}),
            ("0012", "定例会議", {d: 1 for d in (1, 8, 15, 22, 29)}),
            ("", "", {}),
        ],
        two_row_header=False,
    )
    sato_days = {d.day: 7.5 for d in _business_days(2026, 10)}
    sato_days[20] = "７．５"
    sato_days[21] = "休"
    person_grid(
        OUT / "工数_2026年10月_佐藤花子.xlsx",
        "佐藤 花子",
        2026,
        10,
        [("A-1001", "開発", sato_days), ("0012", "定例会議", {d: 1 for d in (1, 8, 15, 22, 29)})],
        two_row_header=True,
    )
    long_table(OUT / "2026年10月_工数実績_開発チーム.xlsx")
    month_grid(OUT / "外部委託_工数_2026年11月.xlsx", 2026, 11)
    shift_jis_csv(OUT / "工数_2026年11月_小林.csv")
    # what a shared folder also holds: a copy "just in case" and Excel's lock file
    shutil.copyfile(yamada, OUT / "工数_2026年10月_山田太郎 - コピー.xlsx")
    (OUT / "~$工数_2026年10月_山田太郎.xlsx").write_bytes(b"\x0cYamada" + b"\x00" * 150)
    print(f"wrote {len(list(OUT.iterdir()))} files to {OUT}")


if __name__ == "__main__":
    main()
