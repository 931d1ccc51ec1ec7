"""A finding on a column under a two-row header names the whole heading (工数 over 計画 | 実績:
「工数 実績」, the form the extra columns already had: 「工数 計画」), in the Issues sheet and on
the terminal — never the ambiguous 実績 alone."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from sheets import make_xlsx
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app

runner = CliRunner()


def two_row_hours(path: Path) -> Path:
    return make_xlsx(path, {"10月": [
        ["2026年10月 工数"],
        ["日付", "氏名", "案件", "工数", ""],
        ["", "", "", "計画", "実績"],
        ["2026/10/01", "山田", "A-1", 8, 7.5],
        ["2026/10/02", "山田", "A-1", 8, "x"],
    ]}, merges={"10月": [(1, 3, 1, 4), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2)]})


def test_issue_names_the_full_heading(tmp_path):
    result = ledgerkit.aggregate(two_row_hours(tmp_path / "two.xlsx"), kind="hours")
    bad = [i for i in result.issues if i.code == "bad_cell"]
    assert [(i.row, i.column, i.value) for i in bad] == [(5, "工数 実績", "x")]
    # the 実績 column is the hours; 計画 is kept as an extra column, named the same way
    assert result.frame["hours"].tolist() == [7.5]
    assert "工数 計画" in result.frame.columns


def test_issues_sheet_and_terminal_show_the_full_heading(tmp_path):
    path = two_row_hours(tmp_path / "two.xlsx")
    out = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["aggregate", str(path), "--kind", "hours", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"  {path} / 10月 / 5行 / 工数 実績: 工数を読み取れません: 'x'" in result.output.splitlines()
    ws = openpyxl.load_workbook(out)["問題一覧"]
    head = [c.value for c in ws[1]]
    rows = [dict(zip(head, [c.value for c in r])) for r in ws.iter_rows(min_row=2)]
    bad = [(r["元行"], r["列"], r["値"]) for r in rows if r["コード"] == "bad_cell"]
    assert bad == [(5, "工数 実績", "x")]
