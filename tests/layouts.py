"""Workbooks in the layouts real 工数 and 勤務表 files use (issue 13), written the way Excel writes them.

Each ``make_*`` function writes one workbook and returns the hours it holds, as
``{(person, project, "YYYY-MM"): hours}`` for effort sheets or ``{(person, "YYYY-MM"): hours}``
for attendance sheets, so that a test can compare ledgerkit's totals with the truth.
Formulas (=SUM) are written with their cached values, as Excel saves them; year and month
may sit in number cells shown as "2024年 4月" by their number formats.
"""

from __future__ import annotations

import calendar
import datetime as dt
from pathlib import Path

import xlsxwriter

WEEKDAYS = "月火水木金土日"
HOLIDAYS = {dt.date(2026, 10, 12), dt.date(2026, 11, 3), dt.date(2026, 11, 23), dt.date(2024, 4, 29)}


def _book(path: Path) -> tuple[xlsxwriter.Workbook, dict]:
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False, "strings_to_formulas": False})
    f = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "align": "center"}),
        "cell": wb.add_format({"border": 1}),
        "date": wb.add_format({"border": 1, "num_format": "m/d"}),
        "ymd": wb.add_format({"num_format": "yyyy/m/d"}),
        "time": wb.add_format({"border": 1, "num_format": "h:mm"}),
        "hours": wb.add_format({"border": 1, "num_format": "0.0"}),
        "year": wb.add_format({"num_format": '0"年"'}),
        "month": wb.add_format({"num_format": '0"月"'}),
        "ym": wb.add_format({"num_format": 'yyyy"年"m"月"'}),
        "sumtime": wb.add_format({"bold": True, "border": 1, "num_format": "[h]:mm"}),
        "total": wb.add_format({"bold": True, "border": 1, "num_format": "0.0"}),
    }
    return wb, f


def _workdays(year: int, month: int) -> list[dt.date]:
    n = calendar.monthrange(year, month)[1]
    days = [dt.date(year, month, d) for d in range(1, n + 1)]
    return [d for d in days if d.weekday() < 5 and d not in HOLIDAYS]


def _col(c: int) -> str:
    s = ""
    c += 1
    while c:
        c, r = divmod(c - 1, 26)
        s = chr(65 + r) + s
    return s


# --- 1. dates down, projects across ----------------------------------------------------------


def make_projects_across(path: Path, person: str | None, year: int, month: int, hours: dict[str, dict[int, float]],
                         *, person_in_cell: bool = True, names: dict[str, str] | None = None) -> dict:
    """One sheet: 日付 | 曜日 | one column per project code | 合計; a 合計 row of =SUM at the bottom.

    ``hours``: project → {day: hours}. The person is in a 氏名 cell (``person_in_cell``) or
    only in the file name. ``names`` (code → 案件名) adds a second header row of project names.
    """
    wb, f = _book(path)
    ws = wb.add_worksheet(f"{month}月")
    ws.write(0, 0, f"{year}年{month}月 工数実績表", f["title"])
    if person_in_cell and person:
        ws.write(1, 0, "氏名", f["head"])
        ws.write(1, 1, person, f["cell"])
    projects = list(hours)
    hr = 3
    ws.write(hr, 0, "日付", f["head"])
    ws.write(hr, 1, "曜日", f["head"])
    for k, p in enumerate(projects):
        ws.write(hr, 2 + k, p, f["head"])
    ws.write(hr, 2 + len(projects), "合計", f["head"])
    if names:
        hr += 1
        for k, p in enumerate(projects):
            ws.write(hr, 2 + k, names.get(p, ""), f["head"])
    n = calendar.monthrange(year, month)[1]
    first = hr + 1
    for d in range(1, n + 1):
        r = hr + d
        day = dt.date(year, month, d)
        ws.write_datetime(r, 0, dt.datetime.combine(day, dt.time()), f["date"])
        ws.write(r, 1, WEEKDAYS[day.weekday()], f["cell"])
        row_sum = 0.0
        for k, p in enumerate(projects):
            v = hours[p].get(d)
            if v:
                ws.write_number(r, 2 + k, v, f["hours"])
                row_sum += v
        c = 2 + len(projects)
        ws.write_formula(r, c, f"=SUM({_col(2)}{r + 1}:{_col(c - 1)}{r + 1})", f["hours"], row_sum)
    last = hr + n
    tr = last + 1
    ws.write(tr, 0, "合計", f["head"])
    grand = 0.0
    for k, p in enumerate(projects):
        total = sum(hours[p].values())
        grand += total
        ws.write_formula(tr, 2 + k, f"=SUM({_col(2 + k)}{first + 1}:{_col(2 + k)}{last + 1})", f["total"], total)
    c = 2 + len(projects)
    ws.write_formula(tr, c, f"=SUM({_col(c)}{first + 1}:{_col(c)}{last + 1})", f["total"], grand)
    wb.close()
    ym = f"{year:04d}-{month:02d}"
    return {(person, p, ym): sum(v.values()) for p, v in hours.items() if sum(v.values())}


def make_days_across(path: Path, person: str, year: int, month: int, hours: dict[str, dict[int, float]]) -> dict:
    """Projects down (案件 and 案件名), days 1…31 across with 曜日 below, 合計 column: the transpose."""
    wb, f = _book(path)
    ws = wb.add_worksheet("工数")
    ws.write(0, 0, f"工数実績　{year}年{month}月", f["title"])
    ws.write(1, 0, "氏名", f["head"])
    ws.write(1, 1, person, f["cell"])
    n = calendar.monthrange(year, month)[1]
    ws.write(3, 0, "案件", f["head"])
    ws.write(3, 1, "案件名", f["head"])
    for d in range(1, n + 1):
        ws.write(3, 1 + d, d, f["head"])
        ws.write(4, 1 + d, WEEKDAYS[dt.date(year, month, d).weekday()], f["cell"])
    ws.write(3, 2 + n, "合計", f["head"])
    for k, (p, days) in enumerate(hours.items()):
        r = 5 + k
        ws.write(r, 0, p, f["cell"])
        ws.write(r, 1, f"案件{p}", f["cell"])
        for d, v in days.items():
            ws.write_number(r, 1 + d, v, f["hours"])
        ws.write_formula(r, 2 + n, f"=SUM(C{r + 1}:{_col(1 + n)}{r + 1})", f["total"], sum(days.values()))
    wb.close()
    ym = f"{year:04d}-{month:02d}"
    return {(person, p, ym): sum(v.values()) for p, v in hours.items()}


# --- 2–5. personal 勤務表 ----------------------------------------------------------------------


def make_kintai(
    path: Path,
    year: int,
    month: int,
    days: dict[int, tuple[str, str, str | None]],
    *,
    person: str | None = None,
    sheet: str = "Sheet1",
    year_month: str = "text",
    created: dt.date | None = None,
    footer: bool = True,
    break_column: bool = True,
    person_label_empty: bool = False,
    day_cells: str = "date",
    total_row: bool = True,
    footer_layout: str = "beside",
) -> dict:
    """A personal 勤務表: 日付 | 曜日 | 出勤 | 退勤 | 休憩 | 実働 | 備考, one row per day.

    ``days``: day → (start, end, break) as "9:00"; ``person`` in a 氏名 cell, or None (then
    ``person_label_empty`` writes the 氏名 label with an empty value and the month total to its
    right, as seen in the wild). ``year_month``: ``text`` (2026年10月 in the title), ``numbers``
    (two number cells shown as 2026年 / 10月 by their formats), ``date`` (a date cell shown as
    yyyy年m月). ``created``: a 作成日 cell (which must not decide the month). ``footer``: 出勤日数,
    稼働時間, 合計勤務時間(h), 残業時間合計 and 承認/確認/印 boxes under the table.

    Added for issue 13 (the defaults write what the first version wrote): ``day_cells``:
    ``date`` (date cells shown as m/d), ``number`` (1 … 31, the month only in the title area),
    ``text`` (``1(木)``). ``total_row``: the 合計 row under the days (without it the footer
    follows the days directly). ``footer_layout``: ``beside`` (each figure right of its label)
    or ``below`` (the labels on one row, the figures under them).
    """
    wb, f = _book(path)
    ws = wb.add_worksheet(sheet)
    ws.write(0, 0, "勤務表" if year_month != "text" else f"勤務表　{year}年{month}月", f["title"])
    if year_month == "numbers":
        ws.write_number(0, 3, year, f["year"])
        ws.write_number(0, 4, month, f["month"])
    elif year_month == "date":
        ws.write_datetime(0, 3, dt.datetime(year, month, 1), f["ym"])
    if created is not None:
        ws.write(0, 6, "作成日")
        ws.write_datetime(0, 7, dt.datetime.combine(created, dt.time()), f["ymd"])
    total_minutes = 0
    worked_days = 0
    per_day = {}
    for d, (s, e, b) in days.items():
        sh, sm = map(int, s.split(":"))
        eh, em = map(int, e.split(":"))
        bm = 0
        if b and break_column:
            bh, bmm = map(int, b.split(":"))
            bm = bh * 60 + bmm
        minutes = (eh * 60 + em) - (sh * 60 + sm) - bm
        per_day[d] = minutes
        total_minutes += minutes
        worked_days += 1
    if person is not None:
        ws.write(1, 0, "氏名", f["head"])
        ws.write(1, 1, person, f["cell"])
    elif person_label_empty:
        ws.write(1, 0, "氏名", f["head"])
        ws.write_formula(1, 3, "=G40", f["sumtime"], total_minutes / 1440)
    head = ["日付", "曜日", "出勤", "退勤"] + (["休憩"] if break_column else []) + ["実働", "備考"]
    hr = 3
    for c, h in enumerate(head):
        ws.write(hr, c, h, f["head"])
    n = calendar.monthrange(year, month)[1]
    c_worked = head.index("実働")
    for d in range(1, n + 1):
        r = hr + d
        day = dt.date(year, month, d)
        if day_cells == "number":
            ws.write_number(r, 0, d, f["cell"])
        elif day_cells == "text":
            ws.write(r, 0, f"{d}({WEEKDAYS[day.weekday()]})", f["cell"])
        else:
            ws.write_datetime(r, 0, dt.datetime.combine(day, dt.time()), f["date"])
        ws.write(r, 1, WEEKDAYS[day.weekday()], f["cell"])
        if d in days:
            s, e, b = days[d]
            ws.write_datetime(r, 2, _t(s), f["time"])
            ws.write_datetime(r, 3, _t(e), f["time"])
            if break_column:
                ws.write_datetime(r, 4, _t(b or "0:00"), f["time"])
            ws.write_formula(r, c_worked, f"=D{r + 1}-C{r + 1}" + (f"-E{r + 1}" if break_column else ""),
                             f["time"], per_day[d] / 1440)
        elif day.weekday() >= 5 or day in HOLIDAYS:
            ws.write(r, len(head) - 1, "休日", f["cell"])
    last = hr + n
    tr = last + 1
    total_cell = f"=SUM({_col(c_worked)}{hr + 2}:{_col(c_worked)}{last + 1})"
    if total_row:
        ws.write(tr, 0, "合計", f["head"])
        ws.write_formula(tr, c_worked, total_cell, f["sumtime"], total_minutes / 1440)
        total_cell = f"={_col(c_worked)}{tr + 1}"
    else:
        tr = last  # the footer follows the days after one blank row
    if footer and footer_layout == "below":
        r = tr + 2
        labels = ["出勤日数", "稼働時間", "合計勤務時間(h)", "残業時間合計"]
        for c, label in enumerate(labels):
            ws.write(r, c, label, f["head"])
        ws.write_number(r + 1, 0, worked_days, f["cell"])
        ws.write_formula(r + 1, 1, total_cell, f["sumtime"], total_minutes / 1440)
        ws.write_formula(r + 1, 2, f"=B{r + 2}*24", f["hours"], total_minutes / 60)
        ws.write_datetime(r + 1, 3, _t("0:00"), f["time"])
        ws.write(r + 3, 4, "承認", f["head"])
        ws.write(r + 3, 5, "確認", f["head"])
        ws.write(r + 3, 6, "印", f["head"])
    elif footer:
        r = tr + 2
        ws.write(r, 0, "出勤日数")
        ws.write_number(r, 2, worked_days)
        ws.write(r + 1, 0, "稼働時間")
        ws.write_formula(r + 1, 2, total_cell, f["sumtime"], total_minutes / 1440)
        ws.write(r + 2, 0, "合計勤務時間(h)")
        ws.write_formula(r + 2, 2, f"{total_cell}*24", f["hours"], total_minutes / 60)
        ws.write(r + 3, 0, "残業時間合計")
        ws.write_datetime(r + 3, 2, _t("0:00"), f["time"])
        ws.write(r + 5, 4, "承認", f["head"])
        ws.write(r + 5, 5, "確認", f["head"])
        ws.write(r + 5, 6, "印", f["head"])
    wb.close()
    return {(person, f"{year:04d}-{month:02d}"): total_minutes / 60}


def _t(text: str) -> dt.datetime:
    h, m = map(int, text.split(":"))
    return dt.datetime(1899, 12, 31) + dt.timedelta(hours=h, minutes=m)


def office_days(year: int, month: int, start: str = "9:00", end: str = "18:00", brk: str | None = "1:00",
                limit: int | None = None) -> dict[int, tuple[str, str, str | None]]:
    days = _workdays(year, month)[:limit] if limit else _workdays(year, month)
    return {d.day: (start, end, brk) for d in days}


# --- 6. a WBS with 工数(人日), 予定 and 実績 under a two-row header ---------------------------------


def make_wbs(path: Path, year: int, month: int, tasks: list[tuple[str, str, str, float, float]]) -> dict:
    """WBS: No | タスク | 担当 | 案件 | 工数(人日) 予定 | 工数(人日) 実績 | 進捗; the month in the title.

    ``tasks``: (task, person, project, planned person-days, actual person-days).
    """
    wb, f = _book(path)
    ws = wb.add_worksheet("WBS")
    ws.write(0, 0, f"開発WBS　{year}年{month}月", f["title"])
    ws.write(2, 0, "No", f["head"])
    ws.write(2, 1, "タスク", f["head"])
    ws.write(2, 2, "担当", f["head"])
    ws.write(2, 3, "案件", f["head"])
    ws.merge_range(2, 4, 2, 5, "工数(人日)", f["head"])
    ws.write(2, 6, "進捗", f["head"])
    ws.write(3, 4, "予定", f["head"])
    ws.write(3, 5, "実績", f["head"])
    truth: dict = {}
    for i, (task, person, project, plan, actual) in enumerate(tasks):
        r = 4 + i
        ws.write(r, 0, i + 1, f["cell"])
        ws.write(r, 1, task, f["cell"])
        ws.write(r, 2, person, f["cell"])
        ws.write(r, 3, project, f["cell"])
        ws.write_number(r, 4, plan, f["hours"])
        ws.write_number(r, 5, actual, f["hours"])
        ws.write(r, 6, "完了" if actual >= plan else "作業中", f["cell"])
        key = (person, project, f"{year:04d}-{month:02d}")
        truth[key] = truth.get(key, 0.0) + actual * 8
    r = 4 + len(tasks)
    ws.write(r, 1, "合計", f["head"])
    ws.write_formula(r, 4, f"=SUM(E5:E{r})", f["total"], sum(t[3] for t in tasks))
    ws.write_formula(r, 5, f"=SUM(F5:F{r})", f["total"], sum(t[4] for t in tasks))
    wb.close()
    return truth


# --- not data: a database design document ------------------------------------------------------


def make_table_definition(path: Path) -> None:
    """テーブル定義書: a column list whose 型 column says DATE, TIME, DECIMAL(10,0), VARCHAR(20)."""
    wb, f = _book(path)
    ws = wb.add_worksheet("勤怠テーブル")
    ws.write(0, 0, "テーブル定義書", f["title"])
    ws.write(1, 0, "テーブル名")
    ws.write(1, 1, "T_KINTAI")
    head = ["No", "論理名", "物理名", "型", "桁数", "NOT NULL", "備考"]
    for c, h in enumerate(head):
        ws.write(3, c, h, f["head"])
    cols = [
        ("社員番号", "EMP_NO", "VARCHAR", 10, "○", ""),
        ("氏名", "EMP_NAME", "VARCHAR", 40, "○", ""),
        ("日付", "WORK_DATE", "DATE", "", "○", "作業日"),
        ("開始時刻", "START_TIME", "TIME", "", "", ""),
        ("終了時刻", "END_TIME", "TIME", "", "", ""),
        ("工数", "HOURS", "DECIMAL(10,0)", 10, "", "時間"),
        ("時間", "WORK_MIN", "NUMBER(5)", 5, "", "分"),
        ("案件コード", "PJ_CODE", "CHAR(8)", 8, "", ""),
    ]
    for i, (logical, physical, typ, size, nn, note) in enumerate(cols):
        r = 4 + i
        ws.write_number(r, 0, i + 1)
        ws.write(r, 1, logical)
        ws.write(r, 2, physical)
        ws.write(r, 3, typ)
        if size != "":
            ws.write_number(r, 4, size)
        ws.write(r, 5, nn)
        ws.write(r, 6, note)
    wb.close()
