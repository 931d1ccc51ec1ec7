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


# --- §3 header words: an SES invoice list (対象者, 対象月) ------------------------------------------


def registration_no(base12: str) -> str:
    """A 登録番号 with a valid check digit (法人番号: 9 − Σ digit × weight mod 9, weights 1, 2 from the right)."""
    digits = [int(c) for c in reversed(base12)]
    s = sum(d * (2 if i % 2 else 1) for i, d in enumerate(digits))
    return f"T{9 - s % 9}{base12}"


#: the columns of the SES invoice list issue 13 §3 describes, in its order
SES_INVOICE_HEADER = ["請求書番号", "請求日", "取引先", "登録番号", "対象者", "対象月", "税抜金額", "消費税", "税込金額"]


def make_ses_invoices(path: Path, lines: list[tuple], *, month_as: str = "text") -> dict:
    """An SES vendor-invoice list: one line per person and month, with the columns of
    :data:`SES_INVOICE_HEADER` (a title row above; a 合計 row of =SUM at the bottom).

    ``lines``: (invoice no., issue date, vendor, registration base (12 digits), person,
    (year, month), net). The tax is net × 10% rounded down. ``month_as`` writes 対象月 as
    ``text`` (``2026-10``), ``date`` (a date cell shown ``yyyy-mm``), ``kanji`` (``2026年10月``)
    or ``wareki`` (``R8.10``). Returns {(person, "YYYY-MM"): net}.
    """
    wb, f = _book(path)
    yen = wb.add_format({"border": 1, "num_format": "#,##0"})
    ymd = wb.add_format({"border": 1, "num_format": "yyyy/m/d"})
    ym = wb.add_format({"border": 1, "num_format": "yyyy-mm"})
    ws = wb.add_worksheet("請求書一覧")
    ws.write(0, 0, "SES 請求書一覧", f["title"])
    for c, h in enumerate(SES_INVOICE_HEADER):
        ws.write(2, c, h, f["head"])
    truth: dict = {}
    r = 3
    for no, issued, vendor, reg, person, (y, m), net in lines:
        tax = net // 10
        ws.write(r, 0, no, f["cell"])
        ws.write_datetime(r, 1, dt.datetime(issued.year, issued.month, issued.day), ymd)
        ws.write(r, 2, vendor, f["cell"])
        ws.write(r, 3, registration_no(reg), f["cell"])
        ws.write(r, 4, person, f["cell"])
        if month_as == "date":
            ws.write_datetime(r, 5, dt.datetime(y, m, 1), ym)
        else:
            text = {"text": f"{y}-{m:02d}", "kanji": f"{y}年{m}月", "wareki": f"R{y - 2018}.{m}"}[month_as]
            ws.write(r, 5, text, f["cell"])
        ws.write_number(r, 6, net, yen)
        ws.write_number(r, 7, tax, yen)
        ws.write_formula(r, 8, f"=G{r + 1}+H{r + 1}", yen, net + tax)
        truth[(person, f"{y}-{m:02d}")] = truth.get((person, f"{y}-{m:02d}"), 0) + net
        r += 1
    ws.write(r, 0, "合計", f["head"])
    for c in (6, 7, 8):
        col = _col(c)
        ws.write_formula(r, c, f"=SUM({col}4:{col}{r})", yen,
                         sum(n for *_, n in lines) if c == 6 else
                         sum(n // 10 for *_, n in lines) if c == 7 else sum(n + n // 10 for *_, n in lines))
    ws.set_column(0, 8, 14)
    wb.close()
    return truth


# --- 1b. projects down, days across: the variants people write ---------------------------------


def make_days_across_variant(path: Path, person: str, year: int, month: int, hours: dict[str, dict[int, float]], *,
                             label: str = "案件", day_headers: str = "numbers", day_label_above: bool = False,
                             person_in_cell: bool = True, total_row: bool = False, sheet: str = "工数") -> dict:
    """Projects down, days across, with 曜日 under the days and a 合計 column, as people vary it.

    ``label``: the header over the projects (``""`` for none, ``業務``, ``PJ名称``).
    ``day_headers``: ``numbers`` (1 … 31), ``dates`` (date cells shown as m/d) or ``m/d`` (text
    ``10/1``). ``day_label_above``: the label and 合計 in a row above the days, with ``日`` merged
    over them. ``person_in_cell``: a 氏名 cell, else the person is only in the file name.
    ``total_row``: a 合計 row of =SUM at the bottom.
    """
    wb, f = _book(path)
    ws = wb.add_worksheet(sheet)
    ws.write(0, 0, f"工数実績　{year}年{month}月", f["title"])
    if person_in_cell:
        ws.write(1, 0, "氏名", f["head"])
        ws.write(1, 1, person, f["cell"])
    n = calendar.monthrange(year, month)[1]
    hr = 3
    if day_label_above:
        ws.write(hr, 0, label, f["head"])
        ws.merge_range(hr, 1, hr, n, "日", f["head"])
        ws.write(hr, n + 1, "合計", f["head"])
        hr += 1
    else:
        ws.write(hr, 0, label, f["head"])
        ws.write(hr, n + 1, "合計", f["head"])
    for d in range(1, n + 1):
        day = dt.date(year, month, d)
        if day_headers == "dates":
            ws.write_datetime(hr, d, dt.datetime.combine(day, dt.time()), f["date"])
        elif day_headers == "m/d":
            ws.write_string(hr, d, f"{month}/{d}", f["head"])
        else:
            ws.write_number(hr, d, d, f["head"])
        ws.write(hr + 1, d, WEEKDAYS[day.weekday()], f["cell"])
    first = hr + 2
    for k, (p, days) in enumerate(hours.items()):
        r = first + k
        ws.write(r, 0, p, f["cell"])
        for d, v in days.items():
            ws.write_number(r, d, v, f["hours"])
        ws.write_formula(r, n + 1, f"=SUM(B{r + 1}:{_col(n)}{r + 1})", f["total"], sum(days.values()))
    if total_row:
        r = first + len(hours)
        ws.write(r, 0, "合計", f["head"])
        for d in range(1, n + 2):
            value = sum(days.get(d, 0) for days in hours.values()) if d <= n else sum(
                sum(days.values()) for days in hours.values())
            ws.write_formula(r, d, f"=SUM({_col(d)}{first + 1}:{_col(d)}{r})", f["total"], value)
    wb.close()
    ym = f"{year:04d}-{month:02d}"
    return {(person, p, ym): sum(v.values()) for p, v in hours.items() if sum(v.values())}


# --- 2. a personal 工数表 whose person is nowhere in the cells --------------------------------------


def make_personal_hours(path: Path, year: int, month: int, entries: list[tuple[int, str, float]], *,
                        sheet: str = "Sheet1") -> dict:
    """One person's long table (日付 | 案件 | 作業 | 工数) with a 合計 row; no 氏名 anywhere in the cells.

    ``entries``: (day, project, hours). The truth's person is None: the file name or ``--person`` says it.
    """
    wb, f = _book(path)
    ws = wb.add_worksheet(sheet)
    ws.write(0, 0, f"作業実績　{year}年{month}月", f["title"])
    for c, h in enumerate(["日付", "案件", "作業", "工数"]):
        ws.write(2, c, h, f["head"])
    truth: dict = {}
    for i, (day, project, h) in enumerate(entries):
        r = 3 + i
        ws.write_datetime(r, 0, dt.datetime(year, month, day), f["date"])
        ws.write(r, 1, project, f["cell"])
        ws.write(r, 2, "開発", f["cell"])
        ws.write_number(r, 3, h, f["hours"])
        key = (None, project, f"{year:04d}-{month:02d}")
        truth[key] = truth.get(key, 0.0) + h
    r = 3 + len(entries)
    ws.write(r, 0, "合計", f["head"])
    ws.write_formula(r, 3, f"=SUM(D4:D{r})", f["total"], sum(h for _, _, h in entries))
    wb.close()
    return truth


# --- 4. sheets whose names say helper or summary ---------------------------------------------------


def make_named_sheets(path: Path, year: int, month: int) -> dict:
    """明細 (山田's long table), 工数マスタ (佐藤's long table: data under a master's name), 月次集計
    (=SUM of 明細 per project: a summary of another sheet), 集計用テンプレート (the header only),
    祝日 (a holiday list). Only 明細 and 工数マスタ hold hours."""
    wb, f = _book(path)
    ym = f"{year:04d}-{month:02d}"
    truth: dict = {}
    head = ["日付", "氏名", "案件", "工数"]
    for name, person, rows in (("明細", "山田", [(1, "A-1", 8.0), (2, "A-1", 6.0), (2, "B-2", 2.0)]),
                               ("工数マスタ", "佐藤", [(1, "B-2", 7.5), (5, "B-2", 4.0)])):
        ws = wb.add_worksheet(name)
        for c, h in enumerate(head):
            ws.write(0, c, h, f["head"])
        for i, (day, project, h) in enumerate(rows):
            ws.write_datetime(1 + i, 0, dt.datetime(year, month, day), f["date"])
            ws.write(1 + i, 1, person)
            ws.write(1 + i, 2, project)
            ws.write_number(1 + i, 3, h, f["hours"])
            truth[(person, project, ym)] = truth.get((person, project, ym), 0.0) + h
    ws = wb.add_worksheet("月次集計")
    ws.write_row(0, 0, ["案件", "工数"], f["head"])
    ws.write(1, 0, "A-1")
    ws.write_formula(1, 1, '=SUMIF(明細!C2:C4,"A-1",明細!D2:D4)', f["hours"], 14.0)
    ws.write(2, 0, "B-2")
    ws.write_formula(2, 1, '=SUMIF(明細!C2:C4,"B-2",明細!D2:D4)', f["hours"], 2.0)
    ws = wb.add_worksheet("集計用テンプレート")
    ws.write_row(0, 0, head, f["head"])
    ws = wb.add_worksheet("祝日")
    ws.write_row(0, 0, ["日付", "名称"], f["head"])
    for i, (d, n) in enumerate(((dt.date(2026, 10, 12), "スポーツの日"), (dt.date(2026, 11, 3), "文化の日"))):
        ws.write_datetime(1 + i, 0, dt.datetime.combine(d, dt.time()), f["ymd"])
        ws.write(1 + i, 1, n)
    wb.close()
    return truth


# --- not data: the same design document written across ---------------------------------------------


def make_table_definition_horizontal(path: Path) -> None:
    """テーブル定義書 written across: 物理名 | EMP_NO | WORK_DATE …, then the type row ``型 | VARCHAR(10) |
    DATE | TIME | DECIMAL(10,0)`` — read as a header, DATE is a 日付 and TIME a 時間 — then 桁数 and NOT NULL rows."""
    wb, f = _book(path)
    ws = wb.add_worksheet("T_WORK")
    ws.write(0, 0, "テーブル定義書", f["title"])
    ws.write(1, 0, "テーブル名")
    ws.write(1, 1, "T_WORK (作業実績)")
    rows = [
        ["物理名", "EMP_NO", "EMP_NAME", "WORK_DATE", "START_TIME", "WORK_HOURS", "PJ_CODE"],
        ["型", "VARCHAR(10)", "VARCHAR(40)", "DATE", "TIME", "DECIMAL(10,0)", "CHAR(8)"],
        ["桁数", 10, 40, "", "", 10, 8],
        ["NOT NULL", "○", "○", "○", "", "", ""],
        ["備考", "社員番号", "氏名", "作業日", "開始時刻", "工数 (時間)", "案件コード"],
    ]
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v == "":
                continue
            if isinstance(v, str):
                ws.write_string(3 + r, c, v, f["head"] if c == 0 else f["cell"])
            else:
                ws.write_number(3 + r, c, v, f["cell"])
    wb.close()


# --- dates down, projects across, each project split into 実績 | 予定 (merged two-row header) ---


def make_split_projects(path: Path, person: str, year: int, months: dict[int, dict[str, dict[int, tuple]]], *,
                        sub: tuple[str, str] = ("実績", "予定"), names: dict[str, str] | None = None,
                        total_col: bool = False, wrong_total: dict[str, float] | None = None) -> dict:
    """One sheet per month (``10月``): a title, 担当：NAME, then a header whose first row holds each
    project code merged over two columns, an optional row of 案件名 merged the same way, and a
    row of ``sub`` (実績 | 予定, or 計画 | 実績) under each; 日付 and 曜日 merged down the header.

    ``months``: month → project → {day: (actual, plan)}; an actual may be text ("5:30", "６")
    or None. A 合計 row of =SUM closes each sheet (``wrong_total``: project → a 実績 figure
    written instead of the sum); ``total_col`` adds a 合計 column split the same way.
    Returns ``{(person, project, "YYYY-MM"): actual hours}``.
    """
    wb, f = _book(path)
    truth: dict = {}
    for month, hours in months.items():
        ws = wb.add_worksheet(f"{month}月")
        ws.write(0, 0, f"{year}年{month}月 工数実績・予定表（開発第二課）", f["title"])
        ws.write(1, 0, f"担当：{person}")
        projects = list(hours)
        heads = [*projects, *(["合計"] if total_col else [])]
        hr, sr = 3, 3 + 1 + bool(names)
        ws.merge_range(hr, 0, sr, 0, "日付", f["head"])
        ws.merge_range(hr, 1, sr, 1, "曜日", f["head"])
        for k, p in enumerate(heads):
            c = 2 + 2 * k
            ws.merge_range(hr, c, hr, c + 1, p, f["head"])
            if names:
                ws.merge_range(hr + 1, c, hr + 1, c + 1, names.get(p, ""), f["head"])
            ws.write(sr, c, sub[0], f["head"])
            ws.write(sr, c + 1, sub[1], f["head"])
        actual_first = sub[0] != "計画"  # 計画 | 実績: the actual is the second column
        days = sorted({d for v in hours.values() for d in v})
        r = sr + 1
        sums = {c: 0.0 for c in range(2, 2 + 2 * len(heads))}
        for d in days:
            day = dt.date(year, month, d)
            ws.write_datetime(r, 0, dt.datetime.combine(day, dt.time()), f["ymd"])
            ws.write(r, 1, WEEKDAYS[day.weekday()], f["cell"])
            day_actual = day_plan = 0.0
            for k, p in enumerate(projects):
                actual, plan = hours[p].get(d, (None, None))
                c_act, c_plan = (2 + 2 * k, 3 + 2 * k) if actual_first else (3 + 2 * k, 2 + 2 * k)
                h = actual
                if isinstance(actual, str):  # "5:30" or a full-width "６", as typed
                    hh, _, mm = actual.translate(str.maketrans("０１２３４５６７８９", "0123456789")).partition(":")
                    h = int(hh) + int(mm or 0) / 60
                    ws.write_string(r, c_act, actual)
                elif actual is not None:
                    ws.write_number(r, c_act, actual)
                if plan is not None:
                    ws.write_number(r, c_plan, plan)
                key = (person, p, f"{year:04d}-{month:02d}")
                truth[key] = truth.get(key, 0.0) + (h or 0)
                sums[c_act] += h or 0
                sums[c_plan] += plan or 0
                day_actual += h or 0
                day_plan += plan or 0
            if total_col:
                k = len(projects)
                c_act, c_plan = (2 + 2 * k, 3 + 2 * k) if actual_first else (3 + 2 * k, 2 + 2 * k)
                ws.write_number(r, c_act, day_actual)
                ws.write_number(r, c_plan, day_plan)
                sums[c_act] += day_actual
                sums[c_plan] += day_plan
            r += 1
        ws.write(r, 0, "合計", f["head"])
        for c, total in sums.items():
            k = (c - 2) // 2
            is_actual = (c % 2 == 0) == actual_first
            if wrong_total and is_actual and k < len(projects) and projects[k] in wrong_total:
                ws.write_number(r, c, wrong_total[projects[k]], f["total"])
                continue
            ws.write_formula(r, c, f"=SUM({_col(c)}{sr + 2}:{_col(c)}{r})", f["total"], total)
    wb.close()
    return {k: v for k, v in truth.items() if v}
