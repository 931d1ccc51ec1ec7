"""Invoice and order lists through the one intake door: read_invoices / read_orders / check_invoices /
check_orders return a Result, its write() is the command's report, and the door's rules (own reports,
lock files, unreadable files, hidden sheets, spawned workers) hold for them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledgerkit.checks.findings import FINDING_COLUMNS
from ledgerkit.checks.invoices import check_invoices
from ledgerkit.checks.orders import check_orders
from ledgerkit.cli.app import app
from ledgerkit.core.result import Result
from ledgerkit.intake.door import UnreadableFilesError
from ledgerkit.intake.isolate import START_METHOD_ENV
from ledgerkit.invoices.across_files import read_invoices
from ledgerkit.orders.lists import read_orders
from ledgerkit.parse.relative_dates import date_after, payment_date

from golden import workbook_snapshot
from sheets import make_xlsx

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
TODAY = dt.date(2026, 11, 30)

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """The sample invoice lists and order list of examples/, written fresh by their script."""
    out = tmp_path_factory.mktemp("examples")
    spec = importlib.util.spec_from_file_location("make_invoice_examples", EXAMPLES / "make_invoice_examples.py")
    maker = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(maker)
    (out / "invoices").mkdir()
    maker.october_list(out / "invoices" / "受領請求書一覧_2026年10月.xlsx")
    maker.november_list(out / "invoices" / "請求書受領台帳_2026年11月.xlsx")
    maker.po_list(out / "po_list.xlsx")
    return out


def same_file(a: Path, b: Path) -> None:
    """Two reports the same as a person sees them: xlsx cell by cell, anything else byte for byte."""
    if a.suffix == ".xlsx":
        assert workbook_snapshot(a) == workbook_snapshot(b)
    else:
        assert a.read_bytes() == b.read_bytes()


# --- Result.write is what the command writes ------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_check_invoices_result_writes_what_the_command_writes(examples, tmp_path, suffix, lang):
    invoices, orders = str(examples / "invoices"), str(examples / "po_list.xlsx")
    by_cli = tmp_path / f"cli{suffix}"
    done = run("check", "invoices", invoices, "--orders", orders, "--today", "2026-11-30", "--lang", lang, "-o", by_cli)
    assert done.exit_code == 1, done.output
    result = check_invoices([invoices], [orders], today=TODAY, lang=lang)
    assert result.kind == "invoice_check"
    by_library = tmp_path / f"library{suffix}"
    assert result.write(by_library) == by_library
    same_file(by_cli, by_library)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_check_orders_result_writes_what_the_command_writes(examples, tmp_path, suffix):
    orders = str(examples / "po_list.xlsx")
    by_cli = tmp_path / f"cli{suffix}"
    assert run("check", "orders", orders, "-o", by_cli).exit_code == 1
    result = check_orders(orders)
    assert result.kind == "order_check"
    by_library = tmp_path / f"library{suffix}"
    result.write(by_library)
    same_file(by_cli, by_library)


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_read_invoices_result_writes_what_aggregate_kind_invoices_writes(examples, tmp_path, suffix):
    invoices = str(examples / "invoices")
    by_cli = tmp_path / f"cli{suffix}"
    assert run("aggregate", invoices, "--kind", "invoices", "-o", by_cli).exit_code == 0
    by_library = tmp_path / f"library{suffix}"
    read_invoices(invoices).write(by_library)
    same_file(by_cli, by_library)


# --- what the Result holds ---------------------------------------------------------------------------------


def test_check_invoices_result_holds_the_rows_issues_and_findings(examples):
    result = check_invoices(examples / "invoices", examples / "po_list.xlsx", today=TODAY)
    findings = result.tables["findings"]
    assert list(findings.columns) == FINDING_COLUMNS
    # the invoice rows, with the header each figure came from, and the orders matched against
    assert result.frame["invoice_key"].nunique() == 13 and "_col_tax" in result.frame.columns
    assert set(result.tables["orders"]["po_no"]) >= {"PO-2026-0001"}
    # the reading issues (total rows, the duplicate) and the rules' findings, one Issue type
    codes = [i.code for i in result.issues]
    assert "total_row" in codes and "duplicate_invoice" in codes and "tax_mismatch" in codes
    assert sorted(i.code for i in result.errors) == sorted(findings.loc[findings["severity"] == "error", "rule"])
    assert len(result.warnings) == int((findings["severity"] == "warning").sum())
    frame, issues = result
    assert frame is result.frame and issues is result.issues
    assert result.stats.balanced and result.stats.rows_read == 14 and result.stats.rows_rejected == 1
    assert result.meta["today"] == TODAY and result.meta["lang"] == "ja"
    assert sorted(Path(f).name for f in result.files) == [
        "po_list.xlsx", "受領請求書一覧_2026年10月.xlsx", "請求書受領台帳_2026年11月.xlsx"]


def test_check_invoices_takes_what_read_invoices_and_read_orders_returned(examples):
    read = read_invoices(examples / "invoices", keep_internal=True)
    orders = read_orders(examples / "po_list.xlsx")
    again = check_invoices(read, orders, today=TODAY)
    direct = check_invoices(examples / "invoices", examples / "po_list.xlsx", today=TODAY)
    assert again.tables["findings"].equals(direct.tables["findings"])
    assert check_orders(orders).tables["findings"].equals(check_orders(examples / "po_list.xlsx").tables["findings"])


def test_read_orders_result_and_its_columns(examples):
    result = read_orders(examples / "po_list.xlsx")
    assert result.kind == "orders" and result.stats.balanced
    ((where, mapping),) = result.meta["columns"].items()
    assert Path(where[0]).name == "po_list.xlsx" and mapping["po_no"] == "注文番号"
    assert {"po_no", "item", "amount", "source_row"} <= set(result.frame.columns)


def test_read_invoices_result(examples):
    result = read_invoices(examples / "invoices")
    assert result.kind == "invoices" and result.stats.balanced
    assert not [c for c in result.frame.columns if str(c).startswith("_")]
    assert len(result.meta["columns"]) == 2
    assert [i.code for i in result.issues if i.rejected] == ["duplicate_invoice"]


# --- the door's rules -------------------------------------------------------------------------------------


def test_own_reports_lock_files_and_hidden_sheets_are_not_checked(examples, tmp_path):
    folder = tmp_path / "lists"
    shutil.copytree(examples / "invoices", folder)
    first = check_invoices(folder, today=TODAY)
    first.write(folder / "findings.xlsx")
    # a lock file Excel leaves beside an open list, and a hidden sheet holding an old copy
    (folder / "~$受領請求書一覧_2026年10月.xlsx").write_bytes(b"\x00" * 165)
    header = ["請求書番号", "取引先", "登録番号", "税抜金額", "消費税"]
    make_xlsx(folder / "old.xlsx", {"表紙": [["受領請求書一覧"]],
                                    "old": [header, ["Z-1", "オメガ企画", "T2835678256246", 1000, 50]]}, hidden=["old"])
    again = check_invoices(folder, today=TODAY)
    # the lock file is a warning about the input (on the terminal and the Issues sheet), not a
    # finding about an invoice: the findings are the same
    assert [i.severity for i in again.issues if i.code == "lock_file"] == ["warning"]
    assert again.tables["findings"].equals(first.tables["findings"])
    notes = {(Path(i.file).name, i.code) for i in again.issues if i.scope in ("file", "sheet")}
    assert {("findings.xlsx", "own_report"), ("~$受領請求書一覧_2026年10月.xlsx", "lock_file"),
            ("old.xlsx", "hidden_sheet")} <= notes
    assert str(folder / "findings.xlsx") not in again.files
    with_hidden = check_invoices(folder, today=TODAY, include_hidden=True).tables["findings"]
    assert [Path(f).name for f in with_hidden.loc[with_hidden["rule"] == "tax_rate_unknown", "source_file"]] == ["old.xlsx"]


def test_an_order_report_in_the_order_folder_is_not_read(examples, tmp_path):
    folder = tmp_path / "orders"
    folder.mkdir()
    shutil.copy(examples / "po_list.xlsx", folder)
    first = check_orders(folder)
    first.write(folder / "order_findings.xlsx")
    again = check_orders(folder)
    assert again.tables["findings"].equals(first.tables["findings"])
    assert again.frame.equals(first.frame)


def test_unreadable_file_stops_the_check_unless_skip_bad(examples, tmp_path):
    folder = tmp_path / "lists"
    shutil.copytree(examples / "invoices", folder)
    (folder / "broken.xlsx").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    with pytest.raises(UnreadableFilesError) as e:
        check_invoices(folder, today=TODAY)
    assert len(e.value.errors) == 1 and "broken.xlsx" in str(e.value)
    result = check_invoices(folder, today=TODAY, skip_bad=True)
    findings = result.tables["findings"]
    bad = findings[findings["rule"] == "unreadable_file"]
    assert [Path(f).name for f in bad["source_file"]] == ["broken.xlsx"] and list(bad["severity"]) == ["error"]
    assert result.frame["invoice_key"].nunique() == 13

    done = run("check", "invoices", folder, "--today", "2026-11-30")
    assert done.exit_code == 2 and done.stderr.startswith("Error: ") and "broken.xlsx" in done.stderr
    assert done.stderr.count("\n") == 1
    done = run("check", "invoices", folder, "--today", "2026-11-30", "--skip-bad", "--lang", "en")
    assert done.exit_code == 1
    assert done.stderr.strip().splitlines()[-1] == "Checked 13 invoices (14 rows by rate): 6 errors, 1 warning"


def test_spawned_workers_read_the_lists(examples, monkeypatch):
    forked = check_invoices(examples / "invoices", examples / "po_list.xlsx", today=TODAY)
    monkeypatch.setenv(START_METHOD_ENV, "spawn")
    spawned = check_invoices(examples / "invoices", examples / "po_list.xlsx", today=TODAY, jobs=2)
    assert spawned.tables["findings"].equals(forked.tables["findings"])
    assert spawned.frame.equals(forked.frame)


def test_no_invoice_list_and_no_order_list_are_input_errors(tmp_path):
    from ledgerkit.core.errors import InputError

    path = make_xlsx(tmp_path / "hours.xlsx", {"S": [["日付", "氏名", "工数"], ["2026/10/01", "山田", 7.5]]})
    with pytest.raises(InputError, match="に請求書一覧の表が見つかりません"):
        check_invoices(path)
    with pytest.raises(InputError, match="no invoice list found in"):
        check_invoices(path, lang="en")
    with pytest.raises(InputError, match="に注文一覧の表が見つかりません"):
        check_orders(path)
    invoices = make_xlsx(tmp_path / "inv.xlsx", {"S": [["請求書番号", "取引先", "税抜金額", "消費税"], ["A-1", "A社", 100, 10]]})
    with pytest.raises(InputError, match="no order list found in"):
        check_invoices(invoices, orders=path, lang="en")
    assert isinstance(read_invoices(path), Result) and read_invoices(path).meta["columns"] == {}


# --- dates written after another date (parse.relative_dates) ---------------------------------------------

_DATE_TEXT = st.text(alphabet="0123456789/月日末翌々当締め払い、 -年", max_size=14)


@settings(max_examples=300, deadline=None)
@given(_DATE_TEXT, st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2090, 12, 31)))
def test_a_date_after_an_anchor_is_never_before_its_month(text, anchor):
    for value in (date_after(text, anchor), payment_date(text, anchor)):
        assert value is None or (isinstance(value, dt.date) and (value.year, value.month) >= (anchor.year, anchor.month))


# --- the shared row walk (detect.walk) in the list readers ---------------------------------------------


def test_a_row_of_placeholder_dashes_is_blank_in_invoice_and_order_lists(tmp_path):
    # the walk's blank rule, the same in every reader: "-" and "ー" mean nothing written
    # (before the walk, these lists rejected such a row for a missing amount)
    from ledgerkit.intake.read import read_workbook
    from ledgerkit.invoices.sheet import read_invoice_sheet
    from ledgerkit.orders.lists import read_order_sheet

    invoices = make_xlsx(tmp_path / "i.xlsx", {"S": [["請求書番号", "取引先", "税抜金額", "消費税"],
                                                     ["A-1", "A社", 100, 10], ["-", "-", "-", "-"], ["ー", "", "", ""]]})
    r = read_invoice_sheet(read_workbook(invoices).sheets[0], file="i.xlsx")
    assert (r.rows_read, r.issues, list(r.frame["invoice_no"])) == (1, [], ["A-1"])
    orders = make_xlsx(tmp_path / "o.xlsx", {"S": [["注文番号", "品名", "金額"], ["PO-1", "部品", 100], ["-", "-", "-"]]})
    r = read_order_sheet(read_workbook(orders).sheets[0], file="o.xlsx")
    assert (r.rows_read, r.issues, list(r.frame["po_no"])) == (1, [], ["PO-1"])
