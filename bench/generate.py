"""Generate the benchmark corpora, each with the truth it must consolidate to.

Three corpora, as the back office meets them:

* ``a`` — a year of monthly workbooks: 12 files × 10 team sheets × 2,000 rows;
* ``b`` — one sheet of 300,000 rows exported from another system;
* ``c`` — one sheet at Excel's limit, 1,048,576 rows (title, header and total included).

Each sheet looks like the ones people keep: a title row (merged) naming the month and
the team, a 部署/作成日 line, a blank row, the header ``日付 | 氏名 | 案件コード |
作業内容 | 工数(h) | 備考``, the rows, and a 合計 row with a SUM formula. The cells mix
the forms people type: dates as Excel dates and as text (``2026/10/01``, ``10/1``),
hours as numbers and as text (``7:30``, ``７．５``, ``7.5h``), names with a full-width
space, project codes in full width. About one row in 500 has hours nobody can read
(``午後半休``): ledgerkit must reject it and say so.

Beside each corpus, ``<corpus>.truth.json`` holds what the generator wrote: total hours per
project (of the readable rows), the rows consolidated and the rows rejected.
Hours are multiples of 0.25, so every sum is exact in binary floating point.

Usage:
    python bench/generate.py [--corpus a,b,c] [--out bench/data] [--scale 1.0]

``--scale`` shrinks the row counts (the smoke test uses a tiny scale).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXCEL_MAX_ROWS = 1_048_576
HEADER = ["日付", "氏名", "案件コード", "作業内容", "工数(h)", "備考"]
TOP_ROWS = 4  # title, 部署 line, blank, header
PROJECTS = [f"A-{1001 + i}" for i in range(24)] + ["0012", "B-2001", "B-2002", "C-3001"]
TASKS = ["設計", "開発", "テスト", "レビュー", "打合せ", "定例会議", "資料作成", "保守対応", "調査"]
FAMILY = ["山田", "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "中村", "小林", "加藤", "吉田", "山本"]
GIVEN = ["太郎", "花子", "一郎", "美咲", "健", "さくら", "大輔", "陽子", "翔", "愛"]
NOTES = ["", "", "", "", "客先常駐", "リモート", "残業あり", "=移動含む"]
UNREADABLE = ["午後半休", "半日", "?", "未定"]
_FULLWIDTH = str.maketrans("0123456789.-:ABC", "０１２３４５６７８９．－：ＡＢＣ")


def _people(team: int, n: int = 10) -> list[tuple[str, str]]:
    """(as written, normalized) names of a team: nobody is in two teams."""
    out = []
    for i in range(n):
        k = team * n + i
        family, given = FAMILY[k % len(FAMILY)], GIVEN[(k // len(FAMILY)) % len(GIVEN)]
        suffix = "" if k < len(FAMILY) * len(GIVEN) else str(k)
        name = f"{family}{given}{suffix}"
        out.append((f"{family}　{given}{suffix}" if i % 3 == 0 else name, name))
    return out


class _Sheet:
    """Writes one sheet's rows and keeps its truth."""

    def __init__(self, wb, ws, rng: random.Random, formats: dict):
        self.wb, self.ws, self.rng, self.f = wb, ws, rng, formats

    def top(self, title: str, dept: str, created: dt.date) -> None:
        ws, f = self.ws, self.f
        ws.merge_range(0, 0, 0, 5, title, f["title"])
        ws.write_string(1, 0, f"部署: {dept}")
        ws.write_string(1, 4, "作成日")
        ws.write_datetime(1, 5, dt.datetime.combine(created, dt.time()), f["date"])
        for c, h in enumerate(HEADER):
            ws.write_string(3, c, h, f["head"])

    def rows(self, start: int, n: int, days: list[dt.date], people, truth: dict, *, month_sheet: bool) -> int:
        """Write ``n`` data rows from row index ``start``; returns the next row index.

        Only a month's sheet has dates without the year (``10/1``): its title names the month.
        """
        ws, f, rng = self.ws, self.f, self.rng
        rnd = rng.random
        choice = rng.choice
        write_string, write_number, write_datetime = ws.write_string, ws.write_number, ws.write_datetime
        date_fmt, hours_fmt = f["date"], f["hours"]
        r = start
        for i in range(n):
            day = days[i * len(days) // n]
            written, person = choice(people)
            project = choice(PROJECTS)
            task = choice(TASKS)
            quarters = rng.randint(1, 40)  # 0.25 .. 10 hours
            hours = quarters / 4
            u = rnd()
            if u < 0.70:
                write_datetime(r, 0, dt.datetime(day.year, day.month, day.day), date_fmt)
            elif u < 0.90:
                write_string(r, 0, f"{day.year}/{day.month:02d}/{day.day:02d}")
            elif month_sheet:
                write_string(r, 0, f"{day.month}/{day.day}")
            else:
                write_string(r, 0, f"{day.year}年{day.month}月{day.day}日")
            write_string(r, 1, written)
            write_string(r, 2, project.translate(_FULLWIDTH) if rnd() < 0.05 else project)
            write_string(r, 3, task)
            u = rnd()
            if u < 0.002:
                write_string(r, 4, choice(UNREADABLE))
                truth["rows_rejected"] += 1
            else:
                if u < 0.75:
                    write_number(r, 4, hours, hours_fmt)
                elif u < 0.90:
                    h, m = divmod(quarters * 15, 60)
                    write_string(r, 4, f"{h}:{m:02d}")
                elif u < 0.95:
                    write_string(r, 4, f"{hours:g}".translate(_FULLWIDTH))
                else:
                    write_string(r, 4, f"{hours:g}h")
                truth["hours"][project] += hours
                truth["rows"] += 1
            note = choice(NOTES)
            if note:
                write_string(r, 5, note)
            r += 1
        return r

    def total(self, r: int, first: int, total_hours: float) -> None:
        self.ws.write_string(r, 0, "合計", self.f["head"])
        # the cached value is what calamine reads, as from a file Excel saved
        self.ws.write_formula(r, 4, f"=SUM(E{first + 1}:E{r})", self.f["hours"], total_hours)


def _new_workbook(path: Path):
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    formats = {
        "title": wb.add_format({"bold": True, "font_size": 14}),
        "head": wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
        "date": wb.add_format({"num_format": "yyyy/mm/dd"}),
        "hours": wb.add_format({"num_format": "0.00"}),
    }
    return wb, formats


def _month_days(year: int, month: int) -> list[dt.date]:
    d = dt.date(year, month, 1)
    out = []
    while d.month == month:
        if d.weekday() < 5:
            out.append(d)
        d += dt.timedelta(days=1)
    return out


def _new_truth() -> dict:
    return {"hours": defaultdict(float), "rows": 0, "rows_rejected": 0}


def _merge(into: dict, part: dict) -> None:
    for k, v in part["hours"].items():
        into["hours"][k] += v
    into["rows"] += part["rows"]
    into["rows_rejected"] += part["rows_rejected"]


def _monthly_file(args) -> dict:
    out_dir, year, month, sheets, rows, seed = args
    rng = random.Random(seed)
    truth = _new_truth()
    path = out_dir / f"工数実績_{year}年{month:02d}月.xlsx"
    wb, f = _new_workbook(path)
    days = _month_days(year, month)
    for team in range(sheets):
        ws = wb.add_worksheet(f"第{team + 1}チーム")
        ws.set_column(0, 0, 12)
        ws.set_column(1, 3, 14)
        sheet = _Sheet(wb, ws, rng, f)
        sheet.top(f"{year}年{month}月 工数報告 第{team + 1}チーム", f"開発第{team + 1}グループ", days[-1])
        part = _new_truth()
        end = sheet.rows(TOP_ROWS, rows, days, _people(team), part, month_sheet=True)
        sheet.total(end, TOP_ROWS, sum(part["hours"].values()))
        _merge(truth, part)
    wb.close()
    return truth


def generate_a(out: Path, *, files: int = 12, sheets: int = 10, rows: int = 2000, seed: int = 1) -> dict:
    """A year of monthly workbooks (April to March): ``files`` × ``sheets`` × ``rows``."""
    out.mkdir(parents=True, exist_ok=True)
    months = [(2026 + (4 + i - 1) // 12, (4 + i - 1) % 12 + 1) for i in range(files)]
    jobs = [(out, y, m, sheets, rows, seed * 1000 + i) for i, (y, m) in enumerate(months)]
    truth = _new_truth()
    if len(jobs) > 1:
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            parts = list(pool.map(_monthly_file, jobs))
    else:
        parts = [_monthly_file(j) for j in jobs]
    for part in parts:
        _merge(truth, part)
    return truth


def generate_one_sheet(out: Path, name: str, total_rows: int, *, seed: int = 2) -> dict:
    """One workbook with one sheet of ``total_rows`` rows (title, header and total included),
    a year of dates from 2026-04-01."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truth = _new_truth()
    wb, f = _new_workbook(out / name)
    ws = wb.add_worksheet("工数明細")
    sheet = _Sheet(wb, ws, rng, f)
    sheet.top("2026年度 工数明細 (基幹システム出力)", "全社", dt.date(2027, 4, 5))
    data_rows = total_rows - TOP_ROWS - 1
    people = [p for team in range(30) for p in _people(team)]
    days = [d for i in range(12) for d in _month_days(2026 + (3 + i) // 12, (3 + i) % 12 + 1)]
    end = sheet.rows(TOP_ROWS, data_rows, days, people, truth, month_sheet=False)
    sheet.total(end, TOP_ROWS, sum(truth["hours"].values()))
    wb.close()
    return truth


def generate_findings(out: Path, rows: int = 30_000, *, changed: float = 0.8, seed: int = 4) -> dict:
    """Two workbooks with the same entries: ``工数明細.xlsx`` and its edited copy
    ``工数明細_修正版.xlsx`` in which ``changed`` of the entries have other hours.

    Every changed entry is a disagreement (both kept, one ``conflicting_entry`` each), every
    unchanged one a repeat (the copy's row dropped and listed): a finding on most rows.
    """
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    people = [p for team in range(10) for p in _people(team)]
    months = -(-rows // (len(people) * 19))  # every month has at least 19 weekdays
    days = [d for i in range(months) for d in _month_days(2026 + (3 + i) // 12, (3 + i) % 12 + 1)]
    entries = []
    for i in range(rows):
        # one entry per person and day: no key twice in one file
        day, (written, person) = days[i // len(people)], people[i % len(people)]
        quarters = rng.randint(1, 36)
        entries.append((day, written, rng.choice(PROJECTS), rng.choice(TASKS), quarters, rng.random() < changed))
    truth = _new_truth()
    for name, edited in (("工数明細.xlsx", False), ("工数明細_修正版.xlsx", True)):
        wb, f = _new_workbook(out / name)
        ws = wb.add_worksheet("工数明細")
        sheet = _Sheet(wb, ws, rng, f)
        sheet.top("2026年度 工数明細", "全社", dt.date(2027, 4, 5))
        r = TOP_ROWS
        total = 0.0
        for day, written, project, task, quarters, change in entries:
            hours = (quarters + (1 if edited and change else 0)) / 4
            ws.write_datetime(r, 0, dt.datetime(day.year, day.month, day.day), f["date"])
            ws.write_string(r, 1, written)
            ws.write_string(r, 2, project)
            ws.write_string(r, 3, task)
            ws.write_number(r, 4, hours, f["hours"])
            total += hours
            if not edited or change:
                truth["hours"][project] += hours
                truth["rows"] += 1
            else:
                truth["rows_rejected"] += 1  # the copy's repeat: dropped and listed
            r += 1
        sheet.total(r, TOP_ROWS, total)
        wb.close()
    return truth


def generate_small_files(out: Path, files: int = 500, rows: int = 100, *, seed: int = 5) -> dict:
    """Many small workbooks: ``files`` people's monthly sheets of ``rows`` rows each."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    truth = _new_truth()
    days = _month_days(2026, 10)
    for k in range(files):
        wb, f = _new_workbook(out / f"工数_2026年10月_{k + 1:03d}.xlsx")
        ws = wb.add_worksheet("10月")
        sheet = _Sheet(wb, ws, rng, f)
        sheet.top(f"2026年10月 工数報告 {k + 1:03d}", f"開発第{k % 10 + 1}グループ", days[-1])
        part = _new_truth()
        # one person a file (named in the file name's number): nobody's entry is in two files
        person = (f"社員{k + 1:03d}", f"社員{k + 1:03d}")
        end = sheet.rows(TOP_ROWS, rows, days, [person], part, month_sheet=True)
        sheet.total(end, TOP_ROWS, sum(part["hours"].values()))
        _merge(truth, part)
        wb.close()
    return truth


def generate_copy(out: Path, rows: int = 50_000, *, changed: float = 0.01, seed: int = 6) -> dict:
    """A workbook and an edited copy of it (``…_修正版.xlsx``, ``changed`` of its entries
    with other hours). Under ``out/original/`` the workbook alone, under ``out/both/`` both."""
    truth = generate_findings(out / "both", rows, changed=changed, seed=seed)
    (out / "original").mkdir(parents=True, exist_ok=True)
    import shutil

    shutil.copyfile(out / "both" / "工数明細.xlsx", out / "original" / "工数明細.xlsx")
    return truth


CORPORA = {
    "a": lambda out, scale: generate_a(out, rows=max(10, int(2000 * scale))),
    "b": lambda out, scale: generate_one_sheet(out, "工数明細_300k.xlsx", max(20, int(300_000 * scale))),
    "c": lambda out, scale: generate_one_sheet(out, "工数明細_1048576.xlsx", max(20, int(EXCEL_MAX_ROWS * scale)), seed=3),
    "findings": lambda out, scale: generate_findings(out, max(20, int(30_000 * scale))),
    "small": lambda out, scale: generate_small_files(out, max(4, int(500 * scale))),
    "copy": lambda out, scale: generate_copy(out, max(20, int(50_000 * scale))),
}


def write_truth(truth: dict, path: Path) -> dict:
    data = {
        "hours_by_project": {k: truth["hours"][k] for k in sorted(truth["hours"])},
        "total_hours": sum(truth["hours"].values()),
        "rows_consolidated": truth["rows"],
        "rows_rejected": truth["rows_rejected"],
    }
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return data


def generate(corpus: str, out: Path, scale: float = 1.0) -> dict:
    """Write corpus ``corpus`` under ``out/<corpus>/`` with its ``truth.json``; return the truth."""
    target = out / corpus
    target.mkdir(parents=True, exist_ok=True)
    for old in target.rglob("*.xlsx"):
        old.unlink()
    truth = CORPORA[corpus](target, scale)
    return write_truth(truth, out / f"{corpus}.truth.json")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default="a,b,c", help="which corpora: a, b, c (comma-separated)")
    ap.add_argument("--out", type=Path, default=HERE / "data")
    ap.add_argument("--scale", type=float, default=1.0, help="row-count factor (1.0 = the full sizes)")
    args = ap.parse_args(argv)
    for corpus in [c.strip() for c in args.corpus.split(",") if c.strip()]:
        t0 = time.perf_counter()
        truth = generate(corpus, args.out, args.scale)
        print(
            f"corpus {corpus}: {truth['rows_consolidated']:,} rows + {truth['rows_rejected']:,} unreadable "
            f"in {time.perf_counter() - t0:.1f} s → {args.out / corpus}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
