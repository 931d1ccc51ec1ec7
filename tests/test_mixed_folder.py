"""Issue 13, done when: one folder that mixes every layout with a design document — exact
totals per person × project × month, the issues listed, and the exit code of the command."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app

import layouts as L

runner = CliRunner()

HOURS = {"A-1001": {1: 7.5, 2: 8, 5: 4}, "B-2002": {5: 4, 6: 8}, "C-3003": {7: 2.5}}


def mixed_folder(folder: Path) -> dict:
    """Every hours layout of issue 13, a database design document, and a 勤務表 (another kind)."""
    truth: dict = {}
    truth.update(L.make_projects_across(folder / "工数_山田_2026年10月.xlsx", "山田", 2026, 10, HOURS))
    truth.update(L.make_projects_across(folder / "工数_佐藤_2026年10月.xlsx", "佐藤", 2026, 10, HOURS,
                                        person_in_cell=False))
    truth.update(L.make_days_across(folder / "工数_伊藤.xlsx", "伊藤", 2026, 10, HOURS))
    truth.update(L.make_days_across_variant(folder / "工数_田中_2026年10月.xlsx", "田中", 2026, 10, HOURS,
                                            label="", day_headers="m/d", total_row=True))
    truth.update(L.make_wbs(folder / "WBS_2026年11月.xlsx", 2026, 11,
                            [("設計", "鈴木", "A-1001", 3, 2.5), ("試験", "鈴木", "B-2002", 2, 1)]))
    L.make_table_definition_horizontal(folder / "テーブル定義書.xlsx")
    L.make_kintai(folder / "勤務表_高橋美咲_2026年10月.xlsx", 2026, 10, L.office_days(2026, 10, limit=5),
                  person="高橋 美咲")
    return {(p.replace(" ", ""), j, m): h for (p, j, m), h in truth.items()}


def test_every_layout_in_one_folder_exact_totals_issues_and_exit_codes(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    truth = mixed_folder(folder)
    out = tmp_path / "rows.csv"
    r = runner.invoke(app, ["aggregate", str(folder), "-o", str(out)])
    assert r.exit_code == 0, r.output
    with out.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    got: dict = {}
    for row in rows:
        key = (row["person"].replace(" ", ""), row["project"], row["month"])
        got[key] = got.get(key, 0) + float(row["hours"])
    assert {k: round(v, 4) for k, v in got.items()} == truth
    # what was not consolidated is named on the terminal: the 勤務表 (attendance rows, another
    # kind) and the design document (no row at all); no error
    warned = [line for line in r.stderr.splitlines() if line.startswith("  警告: ")]
    assert len(warned) == 2, r.stderr
    assert any("勤務表_高橋美咲" in line and "--kind attendance" in line for line in warned), warned
    assert any("テーブル定義書.xlsx" in line and "データベースの定義書" in line for line in warned), warned
    assert "エラー 0 件" in r.stderr
    # the same run gates a monthly job with --strict: the two warnings make it exit 1
    assert runner.invoke(app, ["aggregate", str(folder), "--strict"]).exit_code == 1
    # and the attendance sheet is read when asked for
    attendance = ledgerkit.aggregate(folder, kind="attendance")
    assert attendance.frame["person"].str.replace(" ", "").unique().tolist() == ["高橋美咲"]
    assert attendance.frame["hours"].sum() == 5 * 8


def test_every_sheet_given_is_accounted_for(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    mixed_folder(folder)
    result = ledgerkit.aggregate(folder)
    s = result.stats
    assert s.rows_read == s.rows_consolidated + s.rows_rejected
    # every file given is read or listed; every sheet of every file read is in the rows or named
    files = {p.name for p in folder.iterdir()}
    read = {Path(f).name for f in result.files}
    listed = {Path(i.file).name for i in result.issues if i.scope == "file"}
    assert files == read | listed
    in_rows = {(Path(f).name, sh) for f, sh in result.frame[["source_file", "source_sheet"]].drop_duplicates().itertuples(index=False)}
    named = {(Path(i.file).name, i.sheet) for i in result.issues if i.scope == "sheet"}
    for report in ledgerkit.inspect(folder):
        for sheet in report.sheets:
            assert (Path(report.path).name, sheet.name) in in_rows | named, (report.path, sheet.name)


def test_inspect_names_the_layout_of_every_sheet(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    mixed_folder(folder)
    r = runner.invoke(app, ["inspect", str(folder)])
    assert r.exit_code == 0, r.output
    text = io.StringIO(r.stderr).read()
    for layout in ("projects across", "grid", "month list (WBS)", "days down"):
        assert layout in text, (layout, text)
    assert "データベースの定義書" in text
