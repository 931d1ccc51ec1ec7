"""Many findings on the terminal: grouped by rule and sheet with counts, never one line each
(issue 17); every one of them still on the report's Issues sheet."""

from __future__ import annotations

import openpyxl
from sheets import make_xlsx
from typer.testing import CliRunner

from ledgerkit.cli.app import app

runner = CliRunner()

HEADER = ["日付", "氏名", "案件", "工数"]


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def _bad_hours(path, n: int):
    # rows 3 … n+2 have hours nobody can read; one good row after them
    rows = [["2026年10月 工数"], HEADER]
    rows += [[f"2026/10/{d % 28 + 1:02d}", f"社員{d:03d}", "A-1", "x"] for d in range(n)]
    rows += [["2026/10/01", "山田", "A-1", 7.5]]
    return make_xlsx(path, {"10月": rows})


def test_many_errors_grouped_with_count_and_all_on_issues_sheet(tmp_path):
    src = _bad_hours(tmp_path / "bad.xlsx", 40)
    out = tmp_path / "report.xlsx"
    result = run("aggregate", src, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # the first in full, then one line counting the other 39 and naming where they start
    first = [line for line in lines if "bad.xlsx / 10月 / row 3 /" in line]
    assert len(first) == 1 and "'x'" in first[0]
    assert "    39 more of the same (row 4, row 5, row 6, row 7, row 8 …)" in lines
    assert not any("row 20 /" in line for line in lines)
    assert "issues: 40 errors, 0 warnings, 0 notes" in result.output
    # the report lists every one
    ws = openpyxl.load_workbook(out, read_only=True)["Issues"]
    listed = [row for row in ws.iter_rows(values_only=True) if any("'x'" in str(c) for c in row if c)]
    assert len(listed) == 40


def test_few_errors_still_one_line_each(tmp_path):
    src = _bad_hours(tmp_path / "bad.xlsx", 3)
    result = run("aggregate", src, "--lang", "en", "-o", tmp_path / "r.csv")
    assert result.exit_code == 0
    shown = [line for line in result.output.splitlines() if "bad.xlsx / 10月 / row" in line]
    assert len(shown) == 3
    assert "more of the same" not in result.output


def test_repeated_warnings_grouped_japanese(tmp_path):
    # the same 12 entries in two files with other hours: 12 disagreements, one line and a count
    def book(name, extra):
        rows = [["2026年10月 工数"], HEADER]
        rows += [[f"2026/10/{d + 1:02d}", "山田", "A-1", 1 + extra] for d in range(12)]
        return make_xlsx(tmp_path / "in" / name, {"10月": rows})

    (tmp_path / "in").mkdir()
    book("工数.xlsx", 0)
    book("工数_修正版.xlsx", 0.5)
    result = run("aggregate", tmp_path / "in", "-o", tmp_path / "r.csv")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    grouped = [i for i, line in enumerate(lines) if line.startswith("  警告: ") and "3行:" in line]
    assert len(grouped) == 1
    assert lines[grouped[0] + 1] == "    ほか同じ指摘 11 件 (4行, 5行, 6行, 7行, 8行 …)"
    assert sum("食い違" in line for line in lines) == 1


def test_inspect_counts_a_rule_broken_on_many_rows(tmp_path):
    src = _bad_hours(tmp_path / "bad.xlsx", 25)
    result = run("inspect", src, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    shown = [line for line in lines if line.startswith("      row ") and "'x'" in line]
    assert [line.split(":")[0].strip() for line in shown] == [f"row {r} 工数" for r in range(3, 13)]
    assert "      15 more of the same (row 13, row 14, row 15, row 16, row 17 …)" in lines


def test_more_than_ten_groups_counted_in_one_line(tmp_path):
    # one unreadable cell on each of 12 sheets: 10 groups shown, the other 2 counted
    sheets = {f"S{k:02d}": [["2026年10月 工数"], HEADER, ["2026/10/01", "山田", "A-1", "x"], ["2026/10/02", "山田", "A-1", 8],
                            ["2026/10/05", "山田", "A-1", 7.5]] for k in range(12)}
    src = make_xlsx(tmp_path / "many.xlsx", sheets)
    result = run("aggregate", src, "--lang", "en", "-o", tmp_path / "r.csv")
    lines = result.output.splitlines()
    assert sum("many.xlsx / S" in line and "'x'" in line for line in lines) == 10
    assert "  2 more groups by rule and sheet (all of them: -o report.xlsx, Issues sheet)" in lines
