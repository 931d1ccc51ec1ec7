"""Issue 18, what an adversarial review broke on the way in: each test is built from the
review's description of the break.

1. a merge bomb (``<mergeCell ref="A1:XFD1048576"/>`` added to a sheet) made every row 16,384
   cells wide after the cell-count check; library warnings reached the terminal as blocks;
2. a vendor workbook could hide itself by carrying the text ``ledgerkit report``;
3. ledgerkit's own bugs were reported as an unreadable file (exit 2);
12. a newline in a file name forged an ``Error:`` line;
14. a mixed UTF-8/CP932 CSV was blamed on line 1, a garbage ``FF FE`` file read as nothing.

Commands whose stderr matters run in a subprocess (``python -m ledgerkit``), as a person runs them.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import ledgerkit
import openpyxl
import xlsxwriter
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import ReaderBug, UnreadableFileError
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.door import read_files
from ledgerkit.intake.files import SEAL_PREFIX, report_state
from ledgerkit.intake.read import read_workbook
from reliability_helpers import BuggyReader
from sheets import make_xlsx

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
runner = CliRunner()


def cli(*args, helper: tuple = (), timeout: float = 120, cwd=None) -> subprocess.CompletedProcess:
    """``python -m ledgerkit ARGS`` (or the helper script in a MODE) in a subprocess."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONWARNINGS", "LEDGERKIT_START_METHOD")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), str(HERE)])
    if helper:
        cmd = [sys.executable, str(HERE / "reliability_helpers.py"), *map(str, helper), "--", *map(str, args)]
    else:
        cmd = [sys.executable, "-m", "ledgerkit", *map(str, args)]
    return subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)


def assert_no_raw_blocks(stderr: str) -> None:
    """Nothing but ledgerkit's own lines: no warning block, no traceback, no 'Exception ignored'."""
    assert "Warning" not in stderr and "warnings.warn" not in stderr, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr


# --- 1. merge bomb ----------------------------------------------------------------------------------

INVOICE_HEADER = ["No", "受領日", "請求書番号", "請求日", "取引先名", "登録番号", "件名", "税率",
                  "税抜金額", "消費税", "税込金額", "支払期日"]
BOMB = "A1:XFD1048576"


def add_merge(path: Path, ref: str = BOMB, copies: int = 1) -> Path:
    """Add ``<mergeCell ref=…/>`` to every sheet's XML after the workbook was written (as the review did)."""
    tmp = path.with_suffix(".tmp")
    cells = "".join(f'<mergeCell ref="{ref}"/>' for _ in range(copies))
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                m = re.search(r'<mergeCells count="(\d+)">', text)
                if m:
                    text = text.replace(m.group(0), f'<mergeCells count="{int(m.group(1)) + copies}">{cells}')
                else:
                    text = text.replace("</sheetData>", f'</sheetData><mergeCells count="{copies}">{cells}</mergeCells>', 1)
                data = text.encode("utf-8")
            zout.writestr(info, data)
    tmp.replace(path)
    return path


def invoice_list(path: Path, n: int = 200) -> Path:
    rows = [["受領請求書一覧 2026年10月分"], [], INVOICE_HEADER]
    for i in range(n):
        rows.append([i + 1, dt.date(2026, 10, 5), f"INV-{i:04d}", dt.date(2026, 9, 30), f"株式会社テスト{i % 7}",
                     "T1234567890123", "保守", "10%", 100000, 10000, 110000, dt.date(2026, 10, 31)])
    return make_xlsx(path, {"請求書": rows})


def hours_sheet(path: Path) -> Path:
    rows = [["日付", "氏名", "案件コード", "工数(h)"]] + [[dt.date(2026, 10, d), "山田", "A-1", 2] for d in range(1, 6)]
    return make_xlsx(path, {"10月": rows})


@pytest.fixture
def bombs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    return add_merge(invoice_list(folder / "請求書一覧.xlsx")), add_merge(hours_sheet(folder / "工数_2026年10月.xlsx"))


def test_a_merge_bomb_is_cut_to_the_used_range_when_read(bombs):
    invoices, hours = bombs
    for path, height, width in ((invoices, 203, 12), (hours, 6, 4)):
        sheet = read_workbook(path).sheets[0]
        assert len(sheet.rows) == height and {len(r) for r in sheet.rows} == {width}
        assert sheet.merged == [(0, 0, height - 1, width - 1)]


def _read_with_openpyxl(path):
    from ledgerkit.intake.fallback_readers import _read_openpyxl
    from ledgerkit.intake.sniff import sniff

    return _read_openpyxl(Path(path), sniff(path), "ja", nrows=None, wanted=None, include_hidden=True,
                          max_cells=10_000_000)


def test_the_openpyxl_fallback_cuts_the_merge_too_and_keeps_the_cells(bombs):
    from ledgerkit.intake.isolate import run_isolated

    # in a worker with a deadline: before the fix, openpyxl made 17 billion MergedCells and never returned
    [(_, wb)] = run_isolated(_read_with_openpyxl, [bombs[1]], timeout=60)
    assert not isinstance(wb, BaseException), wb
    sheet = wb.sheets[0]
    assert sheet.merged == [(0, 0, 5, 3)]
    assert sheet.rows[1][1:] == ["山田", "A-1", 2]  # a merge never erases what the cells hold


def test_merges_piled_on_the_same_cells_count_against_the_cell_bound(tmp_path):
    path = add_merge(hours_sheet(tmp_path / "h.xlsx"), ref="A1:D6", copies=50)
    assert len(read_workbook(path).sheets[0].merged) == 50  # 50 × 24 cells: well inside the bound
    with pytest.raises(UnreadableFileError) as err:
        read_workbook(path, max_cells=1000)
    assert err.value.code == "too_many_cells"
    assert "結合セルが重なりすぎています" in err.value.reason


def test_aggregate_inspect_and_check_finish_on_a_merge_bomb(bombs, tmp_path):
    invoices, hours = bombs
    r = cli("aggregate", hours, "-o", tmp_path / "hours.csv")
    assert r.returncode == 0, r.stderr
    assert len(list(openpyxl_free_csv(tmp_path / "hours.csv"))) == 1 + 5
    assert_no_raw_blocks(r.stderr)
    r = cli("aggregate", invoices, "--kind", "invoices", "-o", tmp_path / "invoices.csv")
    assert r.returncode == 0, r.stderr
    rows = list(openpyxl_free_csv(tmp_path / "invoices.csv"))
    assert len(rows) == 1 + 200 and max(map(len, rows)) < 40  # no row of 16,384 cells
    assert_no_raw_blocks(r.stderr)
    r = cli("inspect", invoices, hours)
    assert r.returncode == 0, r.stderr
    assert "200 data rows" in r.stdout + r.stderr and "5 data rows" in r.stdout + r.stderr
    r = cli("check", "invoices", invoices, "--today", "2026-11-01")
    assert r.returncode in (0, 1), r.stderr
    assert_no_raw_blocks(r.stderr)


def openpyxl_free_csv(path: Path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        yield from csv.reader(fh)


# --- 1. warnings never reach the terminal as raw blocks ----------------------------------------------------


def test_library_warnings_never_reach_the_terminal(tmp_path):
    """Decided: a command shows no Python warning (they are for developers); -W asks for them."""
    path = hours_sheet(tmp_path / "工数_2026年10月.xlsx")
    r = cli("aggregate", path, helper=("warn",))
    assert r.returncode == 0, r.stderr
    assert_no_raw_blocks(r.stderr)
    assert r.stderr.strip().splitlines()[-1].startswith("ファイル 読込 1 / スキップ 0")
    # a developer who asks for warnings gets them
    env_cmd = [sys.executable, "-W", "default", str(HERE / "reliability_helpers.py"), "warn", "--", "aggregate", str(path)]
    shown = subprocess.run(env_cmd, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), str(HERE)])})
    assert "PerformanceWarning" in shown.stderr


# --- 2. own reports: recognised by a seal, skipped with a warning -----------------------------------------------


def vendor_workbook(path: Path, **properties) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties(properties)
    ws = wb.add_worksheet("10月")
    for r, row in enumerate([["日付", "氏名", "案件コード", "工数(h)"], ["2026-10-01", "鈴木", "B-2", 3]]):
        for c, v in enumerate(row):
            ws.write(r, c, v)
    wb.close()
    return path


@pytest.mark.parametrize("properties", [
    {"comments": "ledgerkit report"},
    {"title": "ledgerkit report の書式で作成", "author": "ledgerkit", "comments": "ledgerkit report"},
])
def test_a_vendor_workbook_with_the_mark_is_read_and_warned(tmp_path, properties):
    folder = tmp_path / "in"
    folder.mkdir()
    vendor_workbook(folder / "vendor.xlsx", **properties)
    assert report_state(folder / "vendor.xlsx") == "marked"
    r = cli("aggregate", folder, "-o", tmp_path / "rows.csv")
    assert r.returncode == 0, r.stderr
    assert [row for row in openpyxl_free_csv(tmp_path / "rows.csv") if "鈴木" in row]  # its row is read
    warning = [line for line in r.stderr.splitlines() if "ledgerkit のレポートの印がありますが" in line]
    assert warning == [f"  警告: {folder / 'vendor.xlsx'}: ledgerkit のレポートの印がありますが、内容が書き出したときと違うため"
                       "入力として読みます (レポートなら二重に数えます)"]
    assert cli("aggregate", folder, "--strict").returncode == 1  # never silent under --strict
    # and it is an input: never replaced by a report
    r = cli("aggregate", folder, "-o", folder / "vendor.xlsx")
    assert r.returncode == 2 and "入力ファイルの1つです" in r.stderr


def test_a_report_ledgerkit_wrote_is_skipped_with_a_warning_and_counted(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hours_sheet(folder / "工数_2026年10月.xlsx")
    assert cli("aggregate", folder, "-o", folder / "report.xlsx").returncode == 0
    assert zipfile.ZipFile(folder / "report.xlsx").comment.startswith(SEAL_PREFIX)
    assert report_state(folder / "report.xlsx") == "sealed"
    r = cli("aggregate", folder, "--strict")
    lines = r.stderr.strip().splitlines()
    assert f"  警告: {folder / 'report.xlsx'}: ledgerkit が書き出したレポートのため読み込みません (二重に数えないため)" in lines
    assert lines[-1] == "ファイル 読込 1 / スキップ 1, シート 1: 読んだ行 5 = 集計 5 + 除外 0"
    assert r.returncode == 1  # a warning under --strict
    r = cli("inspect", folder)
    assert f"{folder / 'report.xlsx'}: ledgerkit が書き出したレポートのため読み込みません (二重に数えないため)" in r.stderr
    # the report in the input folder may still be replaced by the next run (with --force, as any file)
    assert cli("aggregate", folder, "-o", folder / "report.xlsx", "--force").returncode == 0


def test_a_report_changed_after_it_was_written_is_read_with_a_warning(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hours_sheet(folder / "工数_2026年10月.xlsx")
    assert cli("aggregate", folder, "-o", tmp_path / "report.xlsx").returncode == 0
    # the seal copied onto other content (a zip rewritten with one part changed, its comment kept)
    edited = folder / "edited.xlsx"
    with zipfile.ZipFile(tmp_path / "report.xlsx") as zin, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/app.xml":
                data = data.replace(b"</Properties>", b"<!-- edited --></Properties>")
            zout.writestr(info, data)
        zout.comment = zin.comment
    assert report_state(edited) == "marked"
    result = read_files([edited], Config(), reader=lambda *a, **k: SheetResult(), jobs=1)
    assert [i.code for f in result.files for i in f.issues] == ["report_mark_unverified"]
    assert result.stats.files_read == 1 and result.stats.files_skipped == 0


def test_a_byte_mutated_zip_is_a_damaged_file_not_a_bug(tmp_path):
    """18.3: zlib.error from the own-report check on a mutated zip: the file is damaged (exit 2) or read."""
    path = vendor_workbook(tmp_path / "vendor.xlsx", comments="ledgerkit report")
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename in ("docProps/core.xml", "xl/worksheets/sheet1.xml"):
                start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
                for k in range(start + 2, start + info.compress_size - 2, 7):
                    data[k] ^= 0x5A
    path.write_bytes(bytes(data))
    assert report_state(path) == ""  # the check itself never raises
    r = cli("aggregate", path)
    assert r.returncode == 2, r.stderr
    [line] = r.stderr.strip().splitlines()
    assert line.startswith(f"Error: {path}: ") and "ファイルが壊れていて読めません" in line
    assert "読み込み中にエラーが起きました" not in line and "不具合" not in line


# --- 3. ledgerkit's bugs are exit 3, not an unreadable file ---------------------------------------------------------


def test_a_bug_in_a_sheet_reader_is_exit_3_naming_the_file(tmp_path, monkeypatch):
    from ledgerkit.consolidate.aggregate import FirstKind

    path = hours_sheet(tmp_path / "工数_2026年10月.xlsx")

    def broken(self, sheet, *, file, config):
        raise KeyError("start")

    monkeypatch.setattr(FirstKind, "__call__", broken)  # the worker is forked: it has the bug too
    expected = (f"Error: {path}: ledgerkit の不具合で読み取りが止まりました (シート「10月」、KeyError: 'start') — "
                "このファイルを添えて報告してください\n")
    for args in (["aggregate", path], ["aggregate", path, "--skip-bad"], ["inspect", path]):
        r = runner.invoke(app, [str(a) for a in args])
        assert r.exit_code == 3, r.output
        assert r.stderr == expected
    r = runner.invoke(app, ["aggregate", str(path), "--lang", "en"])
    assert r.stderr == (f"Error: {path}: a bug in ledgerkit stopped reading this file (sheet '10月', KeyError: 'start'); "
                        "please report it with the file\n")


def test_a_damaged_file_is_still_exit_2(tmp_path):
    path = hours_sheet(tmp_path / "工数_2026年10月.xlsx")
    path.write_bytes(path.read_bytes()[:-200])
    r = runner.invoke(app, ["aggregate", str(path)])
    assert r.exit_code == 2
    assert r.stderr == f"Error: {path}: ファイルが途中で切れています — コピーやダウンロードをやり直してください\n"


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_read_files_raises_reader_bug_with_file_and_sheet(tmp_path, method, monkeypatch):
    monkeypatch.setenv("LEDGERKIT_START_METHOD", method)
    good = hours_sheet(tmp_path / "a.xlsx")
    with pytest.raises(ReaderBug) as err:
        read_files([good], Config(), reader=BuggyReader(), skip_bad=True, jobs=1)
    assert (err.value.path, err.value.sheet, err.value.kind, err.value.exit_code) == (str(good), "10月", "KeyError", 3)


# The parsers reject a cell they cannot read with its row alone (bad_cell), never the workbook
# (docs/reliability.md, issue 18).

def test_a_date_in_a_code_column_rejects_that_row_alone(tmp_path):
    path = make_xlsx(tmp_path / "工数_2026年10月.xlsx", {"10月": [
        ["日付", "氏名", "社員番号", "案件コード", "工数(h)"],
        [dt.date(2026, 10, 1), "山田", "E1", "A-1", 2],
        [dt.date(2026, 10, 2), "山田", dt.date(2026, 1, 5), "A-1", 3],  # 社員番号 turned into a date by Excel
        [dt.date(2026, 10, 3), "山田", "E1", dt.date(2026, 1, 1), 4],  # 案件コード too
        [dt.date(2026, 10, 5), "山田", "E1", "A-1", 5],
    ]})
    r = runner.invoke(app, ["aggregate", str(path), "-o", str(tmp_path / "rows.csv")])
    assert r.exit_code == 0, r.output
    assert "ファイル 読込 1 / スキップ 0, シート 1: 読んだ行 4 = 集計 2 + 除外 2" in r.stderr.splitlines()
    rejected = [(i.row, i.column, i.code) for i in ledgerkit.aggregate(path).issues if i.rejected]
    assert rejected == [(3, "社員番号", "bad_cell"), (4, "案件コード", "bad_cell")]


def test_true_in_a_code_column_rejects_that_row_alone(tmp_path):
    # a real boolean cell (make_xlsx writes True as the number 1): TRUE is no project code
    path = tmp_path / "工数_2026年10月.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "10月"
    for row in (["日付", "氏名", "社員番号", "案件コード", "工数(h)"], [dt.datetime(2026, 10, 1), "山田", "E1", "A-1", 2],
                [dt.datetime(2026, 10, 2), "山田", "E1", True, 3], [dt.datetime(2026, 10, 3), "山田", "E1", "A-1", 4]):
        ws.append(row)
    wb.save(path)
    r = runner.invoke(app, ["aggregate", str(path), "-o", str(tmp_path / "rows.csv")])
    assert r.exit_code == 0, r.output
    assert "ファイル 読込 1 / スキップ 0, シート 1: 読んだ行 3 = 集計 2 + 除外 1" in r.stderr.splitlines()
    rejected = [(i.row, i.column, i.code) for i in ledgerkit.aggregate(path).issues if i.rejected]
    assert rejected == [(3, "案件コード", "bad_cell")]


def test_attendance_without_a_start_column_rejects_the_row_not_the_workbook(tmp_path):
    folder = tmp_path / "att"
    folder.mkdir()
    make_xlsx(folder / "勤怠_2026年10月_山田.xlsx", {"2026年10月": [
        ["氏名", "山田"], ["日付", "退勤", "稼働時間"],
        [dt.date(2026, 10, 1), dt.time(18, 0), dt.time(8, 0)],
        [dt.date(2026, 10, 2), dt.time(19, 0), None],  # 退勤 without 稼働時間, and no 出勤 column: KeyError 'start'
        [dt.date(2026, 10, 5), dt.time(18, 0), dt.time(8, 0)],
    ]})
    r = runner.invoke(app, ["aggregate", str(folder), "--kind", "attendance"])
    assert r.exit_code == 0, r.output
    assert "読んだ行 3 = 集計 2 + 除外 1" in r.stderr


# --- 12. a newline in a file name forges no line -------------------------------------------------------------------------


FORGED = "a\nError: everything is fine.xlsx"


def test_a_newline_in_a_file_name_forges_no_error_line(tmp_path):
    bad = tmp_path / FORGED
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)
    r = cli("aggregate", bad)
    assert r.returncode == 2
    shown = str(tmp_path) + "/a\\nError: everything is fine.xlsx"
    assert r.stderr == f"Error: '{shown}': 表計算ファイルではありません (中身は PNG です)\n"
    r = cli("aggregate", tmp_path / "missing\nError: x.xlsx")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and r.stderr.startswith("Error: ")


def test_inspect_quotes_names_with_control_characters(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    hours_sheet(folder / FORGED)
    (folder / "b\x1b]0;title\x07.csv").write_text("日付,氏名,案件コード,工数(h)\n2026/10/01,鈴木,B,1\n", encoding="utf-8")
    r = cli("inspect", folder)
    assert r.returncode == 0, r.stderr
    out = r.stdout + r.stderr
    assert not [line for line in out.splitlines() if line.startswith("Error")]
    assert f"'{folder}/a\\nError: everything is fine.xlsx' (xlsx)" in out.splitlines()
    assert f"'{folder}/b\\x1b]0;title\\x07.csv' (csv)" in out.splitlines()
    assert "\x1b" not in out and "\x07" not in out
    r = cli("aggregate", folder)
    assert r.returncode == 0 and "\x1b" not in r.stderr


# --- 14. CSV encodings --------------------------------------------------------------------------------------------------------


def test_a_mixed_utf8_cp932_csv_is_blamed_on_the_odd_line(tmp_path):
    lines = ["日付,氏名,案件コード,工数(h)"] + [f"2026/10/01,山田,A-{i},1" for i in range(5000)]
    data = ("\n".join(lines) + "\n").encode("utf-8") + "2026/10/02,鈴木,B,2\n".encode("cp932")
    path = tmp_path / "工数.csv"
    path.write_bytes(data + "2026/10/03,佐藤,C,3\n".encode("utf-8"))
    with pytest.raises(UnreadableFileError) as err:
        read_workbook(path)
    assert err.value.code == "bad_encoding"
    assert err.value.reason == "文字コードを判別できません (5,002行目に UTF-8 として読めない文字があります) — UTF-8 で保存し直してください"


@pytest.mark.parametrize("tail", [bytes([0x01, 0x00, 0x02, 0xE0]) * 500, bytes(range(256)) * 4])
def test_garbage_starting_ff_fe_is_refused_not_read_as_nothing(tmp_path, tail):
    path = tmp_path / "data.csv"
    path.write_bytes(b"\xff\xfe" + tail)
    r = cli("aggregate", path)
    assert r.returncode == 2
    assert r.stderr.startswith(f"Error: {path}: ") and r.stderr.count("\n") == 1


def test_a_real_utf16_csv_is_still_read(tmp_path):
    path = tmp_path / "工数.csv"
    path.write_bytes("日付\t氏名\t案件コード\t工数(h)\r\n2026/10/01\t山田\tA-1\t2\r\n".encode("utf-16"))
    wb = read_workbook(path)
    assert wb.sheets[0].rows == [["日付", "氏名", "案件コード", "工数(h)"], ["2026/10/01", "山田", "A-1", "2"]]


def test_the_docs_give_the_memory_limit_the_code_uses():
    from ledgerkit.config.defaults import DEFAULTS
    from ledgerkit.intake.isolate import DEFAULT_MEMORY_MB

    assert DEFAULT_MEMORY_MB == DEFAULTS["read"]["memory_mb"] == 3072
    doc = (HERE.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    assert "3,072 MiB" in doc and "last one to finish wins" in doc


def test_the_docs_cite_only_tests_that_exist_and_no_xfail_that_is_gone():
    # docs/reliability.md once said these tests were xfail(strict=True) long after no xfail was left
    doc = (HERE.parent / "docs" / "reliability.md").read_text(encoding="utf-8")
    sources = "".join(p.read_text(encoding="utf-8") for p in HERE.glob("test_*.py"))
    cited = re.findall(r"`(test_\w+)`", doc)
    assert cited and [name for name in cited if f"def {name}(" not in sources] == []
    assert ("xfail" in doc) == bool(re.search(r"^\s*@pytest\.mark\.xfail", sources, re.M))
