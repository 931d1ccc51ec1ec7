"""`ledgerkit aggregate` and `ledgerkit inspect` from the command line: exit codes, exact
lines, the files they write, and the report checked cell by cell against a golden file."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from golden import GOLDEN, assert_golden
from sheets import grid_rows, make_xlsx
from typer.testing import CliRunner

from ledgerkit.cli.app import app

EXAMPLES = Path(__file__).parent.parent / "examples"

runner = CliRunner()

HEADER = ["日付", "氏名", "案件", "工数"]


@pytest.fixture
def folder(tmp_path):
    make_xlsx(
        tmp_path / "in" / "long.xlsx" if (tmp_path / "in").mkdir() is None else None,
        {
            "10月": [
                ["2026年10月 工数"],
                HEADER,
                ["2026/10/01", "山田", "A-1", 7.5],
                ["2026/10/02", "山田", "A-1", "x"],
                ["2026/10/02", "佐藤", "B-2", "2:30"],
                ["合計", "", "", 10],
            ]
        },
    )
    make_xlsx(
        tmp_path / "in" / "工数_2026年11月_鈴木.xlsx",
        {"鈴木": grid_rows(2026, 11, {("A-1", "設計"): {2: 8, 3: 4}}, title="2026年11月")},
    )
    return tmp_path


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_version_and_help():
    assert run("--version").output.strip() == "ledgerkit 0.1.0"
    result = run("--help")
    assert result.exit_code == 0 and "aggregate" in result.output


def test_aggregate_writes_csv_with_bom(folder):
    out = folder / "rows.csv"
    result = run("aggregate", folder / "in", "-o", out)
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [(r["date"], r["person"], r["project"], r["hours"], r["source_row"]) for r in rows] == [
        ("2026-10-01", "山田", "A-1", "7.5", "3"),
        ("2026-10-02", "佐藤", "B-2", "2.5", "5"),
        ("2026-11-02", "鈴木", "A-1", "8.0", "5"),
        ("2026-11-03", "鈴木", "A-1", "4.0", "5"),
    ]
    assert "読んだ行 4 = 集計 3 + 除外 1" in result.output
    assert "4行 / 工数: 工数を読み取れません: 'x'" in result.output


def test_aggregate_json_and_stdout(folder):
    out = folder / "rows.json"
    assert run("aggregate", folder / "in", "-o", out).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data[0]["date"] == "2026-10-01" and data[0]["hours"] == 7.5 and data[0]["source_row"] == 3
    result = run("aggregate", folder / "in", "-o", "-", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0].startswith("date,month,person,project,task,hours")
    assert "rows read 4 = consolidated 3 + rejected 1" in result.output


def test_strict_exits_1_on_rejected_rows(folder):
    assert run("aggregate", folder / "in", "--strict").exit_code == 1


def test_unreadable_file_exit_2_one_line_each(folder):
    bad = folder / "in" / "broken.xlsx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 20)
    result = run("aggregate", folder / "in", "-o", folder / "r.csv")
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "broken.xlsx" in errors[0]
    assert "Traceback" not in result.output
    assert not (folder / "r.csv").exists()
    result = run("aggregate", folder / "in", "--skip-bad", "-o", folder / "r.csv")
    assert result.exit_code == 0 and (folder / "r.csv").exists()


def test_missing_path_and_bad_options(folder):
    result = run("aggregate", folder / "nope")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {folder / 'nope'}: そのようなファイルやフォルダはありません"
    result = run("aggregate", folder / "in", "-o", folder / "out.txt")
    assert result.exit_code == 2 and result.output.startswith("Error:") and ".csv" in result.output
    result = run("aggregate", folder / "in", "--by", "nothing")
    assert result.exit_code == 2 and result.output.startswith("Error: --by: nothing という列はありません (列: 日付 (date), ")
    result = run("aggregate", folder / "in", "--by", "nothing", "--lang", "en")
    assert result.exit_code == 2 and "Error: --by: no column nothing" in result.output
    # the reports' headings name the fields too: 案件, 氏名, 月
    by_heading = run("aggregate", folder / "in", "--by", "案件,月")
    assert by_heading.exit_code == 0, by_heading.output
    assert by_heading.stderr == run("aggregate", folder / "in", "--by", "project,month").stderr
    assert "2026-10" in by_heading.stderr and "案件" in by_heading.stderr
    assert run("aggregate", folder / "in", "--lang", "fr").exit_code == 2


def test_refuses_to_overwrite_an_input(folder):
    target = folder / "in" / "long.xlsx"
    before = target.read_bytes()
    result = run("aggregate", folder / "in", "-o", target)
    assert result.exit_code == 2 and result.output.startswith("Error:")
    assert target.read_bytes() == before


def test_inspect_shows_mapping_and_skips(folder):
    result = run("inspect", folder / "in" / "long.xlsx")
    assert result.exit_code == 0
    assert "10月: hours / long, header row 2, 3 data rows" in result.output
    assert "hours        ← 工数" in result.output
    # each finding's row in the line's language: 6行 in Japanese, row 6 in English
    assert "      6行: 合計行(合計/小計)のためデータではありません" in result.output.splitlines()
    english = run("inspect", folder / "in" / "long.xlsx", "--lang", "en")
    assert "      row 6: total row (合計/小計): not data" in english.output.splitlines()


def test_inspect_unreadable_file_one_line(tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    result = run("inspect", bad)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{bad}: ")
    assert "Traceback" not in result.output


def test_hours_report_golden(folder, update_golden, monkeypatch):
    # run from the folder so that source_file is relative and the golden file stable
    monkeypatch.chdir(folder)
    result = run("aggregate", "in", "-o", "report.xlsx")
    assert result.exit_code == 0, result.output
    assert_golden(folder / "report.xlsx", GOLDEN / "hours" / "report.xlsx", update_golden)


def test_invoices_summary_groups_legal_form_variants(tmp_path):
    header = ["請求書番号", "発行日", "取引先", "登録番号", "税抜金額", "消費税", "税込金額", "税率"]
    make_xlsx(
        tmp_path / "inv.xlsx",
        {
            "10月": [
                ["受領請求書一覧"],
                header,
                ["A-1", "2026/10/05", "株式会社アルファ", "T8700110005901", 10000, 1000, 11000, "10%"],
                ["A-2", "2026/10/20", "(株)アルファ", "T8700110005901", 20000, 2000, 22000, "10%"],
                ["B-1", "2026/10/21", "ベータ合同会社", "", 1000, 80, 1080, "8%"],
            ]
        },
    )
    result = run("aggregate", tmp_path / "inv.xlsx", "--kind", "invoices")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if "アルファ" in line]
    assert len(rows) == 1 and "33,000" in rows[0]


def test_nothing_to_read_and_bad_output_are_refused_before_reading(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("aggregate", empty)
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {empty}: 表計算ファイル (.xlsx .xlsm .xls .ods .csv) がありません"
    (empty / "~$a.xlsx").write_bytes(b"\x00" * 10)
    result = run("aggregate", empty, "--lang", "en")
    assert result.exit_code == 2 and "nothing to read — 1 file skipped" in result.output
    # a missing folder is made when the report is written; one that cannot be is refused first
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    out = tmp_path / "notes.txt" / "x.xlsx"
    result = run("aggregate", tmp_path, "-o", out)
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: {out} を書き出せません: フォルダ {out.parent} を作れません (途中にフォルダでないものがあります)"
    result = run("aggregate", tmp_path, "-o", out, "--lang", "en")
    assert result.exit_code == 2
    assert result.output.strip() == f"Error: cannot write {out}: cannot create the folder {out.parent} (a part of the path is not a folder)"


def test_nothing_read_is_said_in_one_line(tmp_path):
    header_only = make_xlsx(tmp_path / "請求 一覧.xlsx", {"一覧": [["請求書番号", "取引先", "税抜金額", "消費税", "税込金額"]]})
    # issue 13: files read and no row consolidated is not a success — exit 2, one line saying why
    result = runner.invoke(app, ["aggregate", str(header_only), "--kind", "invoices", "--lang", "en"])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[-1] == ("Error: no invoice rows were consolidated from the inputs "
                         "(see why above and with: ledgerkit inspect --kind invoices)")
    result = runner.invoke(app, ["aggregate", str(header_only), "--kind", "invoices"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines()[-1] == (
        "Error: 請求書の行は1行も集計できませんでした (理由は上の一覧と ledgerkit inspect --kind invoices で確認できます)"
    )


def test_aggregate_twice_with_the_report_in_the_folder_it_reads(tmp_path):
    """Issue 12: the second run skips the report the first one wrote (and may replace it)."""
    import shutil

    shutil.copy(EXAMPLES / "hours" / "工数_2026年10月_佐藤花子.xlsx", tmp_path)
    first = run("aggregate", tmp_path, "-o", tmp_path / "r.xlsx")
    second = run("aggregate", tmp_path, "-o", tmp_path / "r.xlsx", "--force")
    assert first.exit_code == second.exit_code == 0
    last = [line for line in second.stderr.splitlines() if line.startswith("ファイル")]
    assert last == ["ファイル 読込 1 / スキップ 1, シート 1: 読んだ行 2 = 集計 2 + 除外 0"]
