"""Issue 12 for hours and drafts: both read through the one intake door, and what that gives.

* hours: ``read_hours(...).write(path)`` writes what ``ledgerkit aggregate --kind hours -o``
  writes; no module of ``ledgerkit.hours`` or ``ledgerkit.drafts`` opens a workbook itself;
* drafts: the request / order list is read by a per-sheet reader in the worker (the table
  found, the rows parsed there), so own reports and lock files are handled as everywhere
  else, hidden sheets are read only when named, and spawned workers work.
"""

from __future__ import annotations

import ast
import csv
import json
import pickle
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.drafts import draft_po, draft_ringi
from ledgerkit.hours.workbooks import read_hours
from ledgerkit.intake.read import read_workbook

from golden import workbook_snapshot
from sheets import make_xlsx
from test_drafts_po import make_orders
from test_drafts_ringi import ROWS, TODAY, make_requests

SRC = Path(__file__).parent.parent / "src" / "ledgerkit"
runner = CliRunner()
COMPANY = {"company": {"name": "株式会社サンプル製作所"}}


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


# --- hours ------------------------------------------------------------------------------


@pytest.fixture
def hours_dir(tmp_path) -> Path:
    folder = tmp_path / "hours"
    folder.mkdir()
    make_xlsx(folder / "工数_2026年10月.xlsx", {"10月": [
        ["2026年10月 工数"], [], ["日付", "氏名", "案件", "作業", "工数"],
        ["10/1", "山田", "A-1", "設計", 7.5], ["10/2", "佐藤", "B-2", "実装", "8:00"],
        ["10/3", "山田", "A-1", "設計", "午後半休"], ["合計", "", "", "", 15.5]]})
    make_xlsx(folder / "工数_2026年11月.xlsx", {"11月": [
        ["日付", "氏名", "案件", "工数"], ["2026/11/4", "山田", "A-1", 3], ["2026/11/5", "佐藤", "A-1", 4]]})
    return folder


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_hours_result_writes_what_the_command_writes(hours_dir, tmp_path, suffix):
    by = ["project", "month"]
    mine, theirs = tmp_path / f"lib{suffix}", tmp_path / f"cli{suffix}"
    read_hours(hours_dir).write(mine, by=by)
    r = run("aggregate", hours_dir, "--kind", "hours", "--by", ",".join(by), "-o", theirs)
    assert r.exit_code == 0, r.output
    if suffix == ".xlsx":
        assert workbook_snapshot(mine) == workbook_snapshot(theirs)
    elif suffix == ".csv":
        read = lambda p: list(csv.reader(p.open(encoding="utf-8-sig")))  # noqa: E731
        assert read(mine) == read(theirs) and len(read(mine)) == 5  # the header and 4 rows
    else:
        assert json.loads(mine.read_text(encoding="utf-8")) == json.loads(theirs.read_text(encoding="utf-8"))


def test_hours_skip_own_report_and_bad_files_through_the_door(hours_dir):
    read_hours(hours_dir).write(hours_dir / "report.xlsx")
    (hours_dir / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    result = read_hours(hours_dir, skip_bad=True)
    assert len(result.frame) == 4 and result.stats.balanced
    codes = sorted((i.code, Path(i.file).name) for i in result.issues if i.scope == "file")
    assert codes == [("own_report", "report.xlsx"), ("unreadable_file", "broken.xlsx")]


def test_hours_and_drafts_never_open_a_workbook_themselves():
    """Every read of these packages goes through read_files: no open_workbook, no iter_sheets."""
    found = []
    for package in ("hours", "drafts"):
        for path in sorted((SRC / package).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ledgerkit"):
                    found += [f"{path.name}: {a.name}" for a in node.names if a.name in ("open_workbook", "iter_sheets")]
    assert found == []


# --- drafts: the list through the door ---------------------------------------------------------


def test_the_list_is_read_and_parsed_by_a_picklable_reader_in_the_worker(tmp_path):
    from ledgerkit.config.loading import Config
    from ledgerkit.drafts.context import SourceTable
    from ledgerkit.drafts.lists import ListReader
    from ledgerkit.drafts.ringi import RINGI_FIELDS

    rows = [list(r) for r in ROWS]
    rows[1][6] = "四十八万"  # an amount nobody can read, in a row not drafted below
    source = make_requests(tmp_path / "requests.xlsx", rows)
    reader = pickle.loads(pickle.dumps(ListReader(RINGI_FIELDS, frozenset({"subject"}))))
    sheet = read_workbook(source).sheets[0]
    result = reader(sheet, file=str(source), config=Config())
    table = result.frame
    assert isinstance(table, SourceTable) and result.rows_read == 4 and table.data == [3, 4, 5, 6]
    assert table.records[3].aliases["amount"] == 480000 and set(table.errors) == {4}
    with pytest.raises(DataError, match="金額"):
        table.row(4)
    # the bad row stops only its own draft
    done = draft_ringi(source, row=4, out_dir=tmp_path / "o", today=TODAY)
    assert [d.status for d in done] == ["written"]
    with pytest.raises(DataError, match="requests.xlsx: 申請一覧: 5行目"):
        draft_ringi(source, row=5, out_dir=tmp_path / "o", today=TODAY)


def test_a_report_ledgerkit_wrote_is_no_list(hours_dir, tmp_path):
    report = tmp_path / "report.xlsx"
    read_hours(hours_dir).write(report)
    with pytest.raises(InputError) as e:
        draft_ringi(report, all=True, out_dir=tmp_path / "o")
    assert str(e.value) == f"{report}: ledgerkit が書き出したレポートのため読み込みません (二重に数えないため)"
    r = run("draft-po", report, "--all", "-o", tmp_path / "o", "--lang", "en")
    assert r.exit_code == 2
    assert r.stderr == f"Error: {report}: a report ledgerkit wrote: not read (its rows would count twice)\n"


def test_a_lock_file_is_no_list(tmp_path):
    make_requests(tmp_path / "requests.xlsx")
    lock = tmp_path / "~$requests.xlsx"
    lock.write_bytes(b"\x00" * 165)
    r = run("draft-ringi", lock, "--row", "4", "-o", tmp_path / "o", "--lang", "en")
    assert r.exit_code == 2 and len(r.stderr.splitlines()) == 1
    assert "requests.xlsx is open in Excel: save it and run again" in r.stderr


def test_a_folder_is_no_list(tmp_path):
    make_requests(tmp_path / "requests.xlsx")
    with pytest.raises(InputError, match="ファイルではありません"):
        draft_ringi(tmp_path, row=4, out_dir=tmp_path / "o")


def test_a_hidden_sheet_is_read_when_named(tmp_path):
    from openpyxl import load_workbook

    source = make_requests(tmp_path / "requests.xlsx")
    wb = load_workbook(source)
    wb.create_sheet("表紙", 0)["A1"] = "表紙"
    wb["申請一覧"].sheet_state = "hidden"
    wb.save(source)
    with pytest.raises(InputError, match="稟議申請の表が見つかりません"):
        draft_ringi(source, row=4, out_dir=tmp_path / "o")
    done = draft_ringi(source, row=4, sheet="申請一覧", out_dir=tmp_path / "o", today=TODAY)
    assert [(d.status, d.sheet, d.rows) for d in done] == [("written", "申請一覧", [4])]
    with pytest.raises(InputError, match="シート 'nope' がありません \\(シート: 表紙, 申請一覧\\)"):
        draft_ringi(source, row=4, sheet="nope", out_dir=tmp_path / "o")


def test_drafts_with_spawned_workers(tmp_path, monkeypatch):
    monkeypatch.setenv("LEDGERKIT_START_METHOD", "spawn")
    done = draft_ringi(make_requests(tmp_path / "requests.xlsx"), all=True, out_dir=tmp_path / "o", today=TODAY)
    assert [d.key for d in done] == ["R-2026-001", "R-2026-002", "R-2026-003", "R-2026-004"]
    orders = draft_po(make_orders(tmp_path / "orders.xlsx"), all=True, out_dir=tmp_path / "po", config=COMPANY,
                      template="po.html.j2", today=TODAY)
    assert orders and all(o.ok for o in orders)


def test_the_read_limits_cover_the_list(tmp_path):
    """The door's bounds apply (here the file size), from a dict config's [read] too."""
    source = make_requests(tmp_path / "requests.xlsx")
    with pytest.raises(InputError, match="requests.xlsx"):
        draft_ringi(source, row=4, out_dir=tmp_path / "o", config={"read": {"max_file_mb": 0}})


# --- drafts: what moved out of the command -----------------------------------------------------


def test_stdout_is_no_folder_for_drafts_in_the_library_too(tmp_path):
    with pytest.raises(InputError, match="-o にはフォルダを指定してください"):
        draft_ringi(make_requests(tmp_path / "requests.xlsx"), row=4, out_dir="-")


def test_the_project_templates_folder_is_used_by_the_library_too(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ringi.md.j2").write_text("社内版: {{ 件名 }}\n", encoding="utf-8")
    (tmp_path / "ledgerkit.toml").write_text('[drafts]\ntemplates = "templates"\n', encoding="utf-8")
    config = ledgerkit.load_config(tmp_path / "ledgerkit.toml")
    done = draft_ringi(make_requests(tmp_path / "requests.xlsx"), row=4, out_dir=tmp_path / "o", config=config)
    assert done[0].path.read_text(encoding="utf-8") == "社内版: ノートPC購入の件\n"
