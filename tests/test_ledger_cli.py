"""`ledgerkit … --record`, `record`, `history`, `diff`, `runs`, `findings`, `findings resolve`, `close`:
exit codes and the exact lines (SQLite; the same library runs on PostgreSQL in test_ledger.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.ledger.asking import check_month
from ledgerkit.ledger.rowdata import canonical, exact_hours, yen
from ledgerkit.core.errors import LedgerError
from sheets import make_xlsx
from test_ledger import hours_book

runner = CliRunner()


@pytest.fixture
def project(tmp_path):
    (tmp_path / "ledgerkit.toml").write_text('[ledger]\nurl = "sqlite:///ledger.db"\nuser = "鈴木"\n', encoding="utf-8")
    (tmp_path / "hours").mkdir()
    hours_book(tmp_path / "hours" / "工数_2026年10月_山田.xlsx", "山田", 2026, 10, [7.0] * 18, bad="午後半休")
    hours_book(tmp_path / "hours" / "工数_2026年11月_山田.xlsx", "山田", 2026, 11, [8.0] * 2)
    return tmp_path


def run(project, *args):
    return runner.invoke(app, [*map(str, args), "--config", str(project / "ledgerkit.toml")])


def lines(result) -> list[str]:
    return [line for line in result.output.splitlines() if line.strip()]


def test_aggregate_record_then_again(project):
    first = run(project, "aggregate", project / "hours", "--record", "--lang", "en")
    assert first.exit_code == 0, first.output
    assert lines(first)[-2:] == [
        "Recorded in the ledger (run #1): files 2 new, 0 changed, 0 unchanged; rows +22 / -0",
        "Findings: 1 — 1 new, 0 still open, 0 handled (対応済), 0 re-opened",
    ]
    again = run(project, "aggregate", project / "hours", "--record")
    assert lines(again)[-2:] == ["台帳は変わりません: 2 ファイルとも記録済みの内容と同じです",
                                 "指摘 1 件: 新規 0・未対応 1・対応済 0・再オープン 0"]
    assert (project / "ledger.db").exists()


def test_a_change_is_one_line_and_diff_shows_it(project):
    run(project, "aggregate", project / "hours", "--record")
    hours_book(project / "hours" / "工数_2026年10月_山田.xlsx", "山田", 2026, 10, [7.0] * 17 + [10.5], bad="午後半休")
    later = run(project, "aggregate", project / "hours", "--record")
    assert "  山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)" in later.output.splitlines()
    shown = run(project, "diff", "1", "2", "--lang", "en")
    assert shown.exit_code == 0
    assert lines(shown) == ["run #1 → #2: 1 change (rows +1 / -1)",
                            "  hours/工数_2026年10月_山田.xlsx: 山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)"]
    out = project / "diff.csv"
    assert run(project, "diff", "1", "2", "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["who"], r["item"], r["before"], r["after"], r["delta"]) for r in rows] == [
        ("山田", "A-1001", "126", "129.5", "3.5")]


def test_history_on_the_terminal_and_in_xlsx(project):
    run(project, "aggregate", project / "hours", "--record")
    shown = run(project, "history", "hours", "--by", "person", "--lang", "en")
    assert shown.exit_code == 0
    assert lines(shown)[-1] == "hours: 1 row × 2 months (2026-10 to 2026-11)"
    out = project / "history.xlsx"
    written = run(project, "history", "hours", "--by", "person,project", "--from", "2026-10", "--to", "2026-11", "-o", out)
    assert written.exit_code == 0 and lines(written)[-1] == f"{out} を書き出しました"
    sheet = openpyxl.load_workbook(out).worksheets[0]
    # on paper: a title naming what and the period, the months as a person writes them
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["工数の推移 (2026年10月〜2026年11月)", None, None, None, None],
        [None] * 5,
        ["氏名", "案件", "2026年10月", "2026年11月", "合計"],
        ["山田", "0012", 1, 1, 2],
        ["山田", "A-1001", 126, 16, 142],
    ]
    assert sheet["A1"].font.b and sheet.print_title_rows == "$3:$3" and sheet.page_setup.paperSize == 9
    assert sheet["C5"].number_format.startswith("#,##0.00") and sheet["E5"].number_format.startswith("#,##0.00")
    en = project / "history_en.xlsx"
    assert run(project, "history", "hours", "--by", "person", "-o", en, "--lang", "en").exit_code == 0
    cells = [[c.value for c in row] for row in openpyxl.load_workbook(en).worksheets[0].iter_rows()]
    assert cells[0][0] == "Hours by month (2026-10 – 2026-11)"
    assert cells[2:] == [["Person", "2026-10", "2026-11", "Total"], ["山田", 127, 17, 144]]
    # the rows for a machine keep the months as 2026-10
    as_csv = project / "history.csv"
    assert run(project, "history", "hours", "--by", "person", "-o", as_csv).exit_code == 0
    assert as_csv.read_text(encoding="utf-8-sig").splitlines() == ["person,2026-10,2026-11,total", "山田,127.0,17.0,144.0"]
    bad = run(project, "history", "hours", "--from", "2026-13")
    assert bad.exit_code == 2 and lines(bad) == ["Error: --from は 2026-04 のような年月です ('2026-13' ではなく)"]
    empty = run(project, "history", "invoices", "--lang", "en")
    assert empty.exit_code == 0 and lines(empty) == ["the ledger holds no invoices rows"]


def test_history_by_month_is_one_line_not_a_bug(project):
    """--by month (the months are the columns) used to exit 3: "The name month occurs multiple times"."""
    run(project, "aggregate", project / "hours", "--record")
    for by in ("month", "person,month"):
        shown = run(project, "history", "hours", "--by", by)
        assert shown.exit_code == 2
        assert lines(shown) == ["Error: --by に month は書けません: 月は表の列です (行にする項目を書いてください。例: --by person)"]
    shown = run(project, "history", "hours", "--by", "month", "--lang", "en")
    assert (shown.exit_code, lines(shown)) == (
        2, ["Error: --by cannot name month: the months are the table's columns (name what the rows are, e.g. --by person)"])


def test_history_footer_counts_the_periods_of_a_kind_whose_month_is_a_date(project):
    # a 備品台帳 whose `month` field is typed date: history showed its dates as columns but ended
    # "bihin: 2 行 × 0 か月 (-〜-)"
    config = project / "ledgerkit.toml"
    config.write_text(config.read_text(encoding="utf-8") + """
[kinds.bihin]
label = "備品台帳"
fields.item = { type = "text", synonyms = ["品名"], required = true }
fields.month = { type = "date", synonyms = ["取得日"], required = true }
fields.amount = { type = "yen", synonyms = ["取得価額"], required = true }
by = "item"
""", encoding="utf-8")
    (project / "bihin").mkdir()
    make_xlsx(project / "bihin" / "備品台帳.xlsx", {"台帳": [["品名", "取得日", "取得価額"], ["PC", "2026/4/1", 150000],
                                                        ["机", "2026/5/10", 30000]]})
    assert run(project, "aggregate", project / "bihin", "--kind", "bihin", "--record").exit_code == 0
    shown = run(project, "history", "bihin")
    assert shown.exit_code == 0, shown.output
    assert lines(shown)[-1] == "bihin: 2 行 × 2 か月 (2026-04-01〜2026-05-10)"
    # the report knows its periods too: titled with them, each day's figures in yen
    out = project / "bihin.xlsx"
    assert run(project, "history", "bihin", "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    assert sheet["A1"].value == "備品台帳の推移 (2026-04-01〜2026-05-10)"
    assert "¥" in sheet["B4"].number_format


def test_history_of_a_declared_kind_uses_its_by_and_sum(project):
    """`history sales` used to fail with "sales の行に person はありません": the rows default of the
    built-in kinds, a column a declared kind does not have; it now sums the kind's first value field by its by."""
    examples = Path(__file__).parent.parent / "examples"
    config = project / "ledgerkit.toml"
    config.write_text(config.read_text(encoding="utf-8") + (examples / "sales.toml").read_text(encoding="utf-8"),
                      encoding="utf-8")
    assert run(project, "aggregate", examples / "sales", "--kind", "sales", "--record").exit_code == 0
    shown = run(project, "history", "sales")
    assert shown.exit_code == 0, shown.output
    assert lines(shown)[-1] == "sales: 4 行 × 2 か月 (2026-10〜2026-11)"
    assert [c.strip() for c in next(t for t in lines(shown) if "東京支店" in t).split("│") if c.strip()] == [
        "東京支店", "1,850,000", "1,885,000", "3,735,000"]

    # headed as the kind's reports head it: the fields' labels (支店), the total naming the figure (売上);
    # field names in English and in .csv, as its list report does
    def header(result) -> list[str]:
        return [c.strip() for c in next(t for t in lines(result) if "┃" in t).split("┃") if c.strip()]

    assert header(shown) == ["支店", "2026-10", "2026-11", "売上 合計"]
    assert header(run(project, "history", "sales", "--lang", "en")) == ["branch", "2026-10", "2026-11", "amount total"]
    out = project / "sales.xlsx"
    assert run(project, "history", "sales", "--by", "branch,category", "--sum", "count", "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    # titled by the kind's own label; 件数 is a count (never ¥)
    assert cells[0][0] == "支店別売上の推移 (2026年10月〜2026年11月)"
    assert cells[2] == ["支店", "区分", "2026年10月", "2026年11月", "件数 合計"]
    # 大阪支店's 返品 row has no 件数: it adds nothing (its total used to be blank)
    assert ["大阪支店", "返品", 0, 0, 0] in cells and ["東京支店", "商品", 32, 35, 67] in cells
    assert sheet["C4"].number_format.startswith("#,##0_") and "¥" not in sheet["C4"].number_format
    amounts = project / "sales_amounts.xlsx"
    assert run(project, "history", "sales", "-o", amounts).exit_code == 0
    assert "¥" in openpyxl.load_workbook(amounts).worksheets[0]["B4"].number_format
    out = project / "sales.csv"
    assert run(project, "history", "sales", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "branch,2026-10,2026-11,total"


def test_findings_resolve_and_the_exit_codes(project):
    run(project, "aggregate", project / "hours", "--record")
    listed = run(project, "findings", "--lang", "en")
    assert listed.exit_code == 1 and lines(listed)[-1] == "1 open finding(s) (0 re-opened), 0 handled"
    done = run(project, "findings", "resolve", "1", "--note", "本人に確認済み", "--lang", "en")
    assert done.exit_code == 0, done.output
    assert lines(done)[0] == "Marked 1 finding handled (対応済) by 鈴木"
    after = run(project, "findings")
    assert after.exit_code == 0 and lines(after)[-1] == "未対応の指摘 0 件 (うち再オープン 0 件)、対応済 1 件"
    out = project / "findings.csv"
    run(project, "findings", "--status", "all", "-o", out)
    row = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert (row["status"], row["code"], row["row"], row["handled_by"], row["note"]) == (
        "handled", "bad_cell", "21", "鈴木", "本人に確認済み")
    unknown = run(project, "findings", "resolve", "99", "--lang", "en")
    assert unknown.exit_code == 2
    assert lines(unknown) == ["Error: no such finding: #99 (list them with: ledgerkit findings)"]
    neither = run(project, "findings", "resolve", "--lang", "en")
    assert lines(neither) == ["Error: name the finding by its ID, or by --rule (and --ref)"]


def test_runs_close_and_diff_since_last_close(project):
    run(project, "aggregate", project / "hours" / "工数_2026年10月_山田.xlsx", "--record")
    nothing = run(project, "diff", "--since", "last-close", "--lang", "en")
    assert nothing.exit_code == 2
    assert lines(nothing) == ["Error: no close recorded yet (run ledgerkit close when a month is closed)"]
    closed = run(project, "close", "--note", "10月締め")
    assert lines(closed) == ["締めを記録しました (実行 #2)。次回から diff --since last-close はここからの変更です"]
    run(project, "aggregate", project / "hours", "--record")
    since = run(project, "diff", "--since", "last-close", "--lang", "en")
    assert lines(since)[0] == "run #2 → #3: 2 changes (rows +3 / -0)"
    bad = run(project, "diff", "--since", "yesterday", "--lang", "en")
    assert lines(bad) == ["Error: --since must be last-close or a run number, not 'yesterday'"]
    missing = run(project, "diff", "7", "--lang", "en")
    assert missing.exit_code == 2 and lines(missing) == ["Error: no run #7 in the ledger (list them with: ledgerkit runs)"]
    out = project / "runs.csv"
    assert run(project, "runs", "-o", out).exit_code == 0
    table = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["run"], r["kind"], r["who"], r["note"]) for r in table] == [
        ("3", "hours", "鈴木", ""), ("2", "close", "鈴木", "10月締め"), ("1", "hours", "鈴木", "")]
    assert table[0]["command"] == f"ledgerkit aggregate {project / 'hours'} --record --config {project / 'ledgerkit.toml'}"


def test_record_a_report_already_written(project):
    report = project / "report.xlsx"
    assert run(project, "aggregate", project / "hours", "-o", report).exit_code == 0
    first = run(project, "record", report, "--lang", "en")
    assert first.exit_code == 0, first.output
    assert lines(first)[0] == "Recorded in the ledger (run #1): files 2 new, 0 changed, 0 unchanged; rows +22 / -0"
    live = run(project, "aggregate", project / "hours", "--record", "--lang", "en")
    assert "Nothing new for the ledger: all 2 files are as already recorded" in live.output
    book = make_xlsx(project / "other.xlsx", {"S": [["a", "b"], [1, 2]]})
    refused = run(project, "record", book, "--lang", "en")
    assert refused.exit_code == 2 and lines(refused) == [
        f"Error: {book}: no 明細 (Detail) sheet; ledgerkit record reads the .xlsx reports of ledgerkit aggregate -o"]


def test_a_ledger_that_cannot_be_opened_is_one_line(project):
    (project / "ledgerkit.toml").write_text('[ledger]\nurl = "postgresql://nobody@/none?host=/nonexistent"\n',
                                            encoding="utf-8")
    result = run(project, "runs")
    assert result.exit_code == 2
    assert lines(result)[0].startswith("Error: postgresql+psycopg://nobody@/none?host=%2Fnonexistent: connection")
    assert "Traceback" not in result.output


# --- the parsers of the ledger's text: hours, yen, months ---------------------------------------

@given(st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9))
def test_exact_hours_keeps_every_float_exactly(value):
    from decimal import Decimal

    assert Decimal(exact_hours(value)) == Decimal(repr(value))


@given(st.integers(min_value=-10**15, max_value=10**15))
def test_yen_keeps_integers_and_refuses_fractions(value):
    assert yen(value) == value == yen(float(value)) if abs(value) < 2**53 else yen(value) == value
    assert yen(value + 0.5) is None if abs(value) < 2**52 else True


@given(st.dictionaries(st.text(max_size=5), st.one_of(st.none(), st.integers(), st.text(), st.floats(allow_nan=True),
                                                      st.dates(), st.booleans()), max_size=6))
def test_canonical_is_the_same_text_for_the_same_row_in_any_order(record):
    assert canonical(record) == canonical(dict(reversed(list(record.items()))))


@given(st.text(max_size=12))
def test_check_month_accepts_only_year_and_month(text):
    try:
        month = check_month(text, "--from", "en")
    except LedgerError as e:
        assert str(e).startswith("--from must be a month like 2026-04")
        return
    assert month is None or (len(month) == 7 and month[4] == "-" and 1 <= int(month[5:]) <= 12)


def test_check_month_examples():
    assert check_month("2026/4", "--to") == "2026-04" and check_month(" 2026-11 ", "--to") == "2026-11"
    with pytest.raises(LedgerError):
        check_month("令和8年4月", "--to")
    assert dt.date(2026, 4, 1).strftime("%Y-%m") == check_month("2026-04", "--from")


EXAMPLES = __import__("pathlib").Path(__file__).parent.parent / "examples"


@pytest.mark.parametrize(("command", "kind", "expected_exit"), [
    (["check", "invoices", EXAMPLES / "invoices", "--orders", EXAMPLES / "po_list.xlsx", "--today", "2026-11-30"],
     "invoice_check", 1),
    (["check", "orders", EXAMPLES / "po_list.xlsx"], "order_check", 1),
    (["budget", EXAMPLES / "budget.xlsx", "--hours", EXAMPLES / "hours", "--invoices", EXAMPLES / "invoices",
      "--rates", EXAMPLES / "rates.xlsx", "--through", "2026-11"], "budget", 0),
    (["settle", EXAMPLES / "attendance" / "勤務表", "--contracts", EXAMPLES / "attendance" / "契約一覧.xlsx",
      "--invoices", EXAMPLES / "attendance" / "請求書一覧_2026年10月.xlsx"], "settlement", 1),
], ids=["check-invoices", "check-orders", "budget", "settle"])
def test_record_on_the_other_commands(project, command, kind, expected_exit):
    first = run(project, *command, "--record", "--lang", "en")
    assert first.exit_code == expected_exit, first.output
    assert "Recorded in the ledger (run #1): files " in first.output
    again = run(project, *command, "--record", "--lang", "en")
    assert again.exit_code == expected_exit
    assert "Nothing new for the ledger: all " in again.output
    import ledgerkit

    with ledgerkit.Ledger("ledger.db", base_dir=project) as ledger:
        assert ledger.runs()["kind"].tolist() == [kind]


def test_a_finding_resolved_by_rule_and_invoice_number_stays_handled(project):
    command = ["check", "invoices", EXAMPLES / "invoices", "--orders", EXAMPLES / "po_list.xlsx", "--today", "2026-11-30"]
    run(project, *command, "--record")
    done = run(project, "findings", "resolve", "--rule", "tax_mismatch", "--ref", "D-0042", "--note", "先方に確認済み",
               "--lang", "en")
    assert lines(done)[0] == "Marked 1 finding handled (対応済) by 鈴木"
    again = run(project, *command, "--record", "--lang", "en")
    assert "Findings: 8 — 0 new, 7 still open, 1 handled (対応済), 0 re-opened" in again.output.splitlines()


def test_asking_before_anything_is_recorded_makes_no_ledger(project):
    """`ledgerkit runs` (and history, findings, diff, resolve) used to create ledger.db where there was none."""
    db = project / "ledger.db"
    ja = (f"台帳はまだありません ({db}): aggregate / check / budget / settle を --record 付きで実行するか、"
          "ledgerkit record REPORT で作られます")
    en = f"no ledger yet ({db}): one is made by --record on aggregate, check, budget or settle, or by ledgerkit record REPORT"
    for args in (["runs"], ["history", "hours"], ["findings"], ["findings", "--status", "all"]):
        asked = run(project, *args)
        assert (asked.exit_code, lines(asked)) == (0, [ja]), args
    asked = run(project, "runs", "--lang", "en")
    assert (asked.exit_code, lines(asked)) == (0, [en])
    # a run or a finding named where there is no ledger: an input error
    for args in (["diff", "1", "2"], ["diff", "--since", "last-close"], ["findings", "resolve", "1"]):
        asked = run(project, *args, "--lang", "en")
        assert (asked.exit_code, lines(asked)) == (2, [f"Error: {en}"]), args
    out = project / "runs.csv"
    asked = run(project, "runs", "-o", out)
    assert (asked.exit_code, lines(asked)) == (0, [f"{out} を書き出しました", ja])
    assert out.read_text(encoding="utf-8-sig").startswith("run,at,who,kind,command,")
    assert not list(project.glob("ledger.db*"))
    # recording makes it
    assert run(project, "aggregate", project / "hours", "--record").exit_code == 0
    assert db.is_file() and lines(run(project, "runs"))[-1] == f"台帳: sqlite:///{db.as_posix()} — 1 回の実行が記録されています"


def test_an_empty_history_still_writes_the_report_asked_for(project):
    """`history -o out.xlsx` with nothing recorded for the selection used to write nothing."""
    run(project, "aggregate", project / "hours", "--record")
    nothing = "台帳に hours の行がありません (2027-01〜…)"
    for name in ("empty.xlsx", "empty.csv", "empty.json"):
        out = project / name
        written = run(project, "history", "hours", "--by", "person", "--from", "2027-01", "-o", out)
        assert (written.exit_code, lines(written)) == (0, [f"{out} を書き出しました", nothing]), name
    sheet = openpyxl.load_workbook(project / "empty.xlsx").worksheets[0]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["工数の推移 (2027年1月〜)", None], [nothing, None], [None, None], ["氏名", "合計"]]
    assert (project / "empty.csv").read_bytes() == "\ufeffperson,total\r\n".encode()
    assert (project / "empty.json").read_text(encoding="utf-8") == "[]\n"
    # the same before any ledger exists: the report, and the line saying how a ledger is made
    (project / "ledger.db").unlink()
    out = project / "none.xlsx"
    written = run(project, "history", "hours", "-o", out, "--lang", "en")
    assert written.exit_code == 0 and lines(written)[-1].startswith("no ledger yet (")
    cells = [[c.value for c in row] for row in openpyxl.load_workbook(out).worksheets[0].iter_rows()]
    assert cells[0][0] == "Hours by month" and cells[1][0].startswith("no ledger yet (")
    assert cells[3] == ["Project", "Total"]
    assert not list(project.glob("ledger.db*"))


def test_runs_and_findings_in_xlsx_are_headed_and_worded_in_japanese(project):
    run(project, "aggregate", project / "hours", "--record")
    runs_xlsx, findings_xlsx = project / "runs.xlsx", project / "findings.xlsx"
    assert run(project, "runs", "-o", runs_xlsx).exit_code == 0
    ws = openpyxl.load_workbook(runs_xlsx).active
    assert ws["A1"].value == "記録した実行一覧"
    assert [c.value for c in ws[3]] == ["実行", "日時", "担当", "種類", "コマンド", "新規\nファイル", "変更\nファイル",
                                        "同じ\nファイル", "追加行", "削除行", "新規\n指摘", "版", "備考"]
    run_row = dict(zip([c.value for c in ws[3]], [c.value for c in ws[4]]))
    # the kind in words; counts with thousands
    assert (run_row["種類"], run_row["追加行"], run_row["担当"]) == ("工数", 22, "鈴木")
    assert ws["I4"].number_format.startswith("#,##0")
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.paperSize == 9
    assert run(project, "findings", "-o", findings_xlsx).exit_code == 1
    ws = openpyxl.load_workbook(findings_xlsx).active
    assert ws["A1"].value == "指摘一覧 (台帳、未対応のみ)"
    heads = [c.value for c in ws[3]]
    # on A4: the place in one column, who handled it when in another (the CSV keeps every column)
    assert heads == ["ID", "状態", "重要度", "種類", "ルール (コード)", "内容", "場所", "番号", "対応"]
    row = dict(zip(heads, [c.value for c in ws[4]]))
    assert (row["状態"], row["重要度"], row["種類"], row["ルール (コード)"]) == ("未対応", "エラー", "工数", "bad_cell")
    assert row["場所"].endswith("hours/工数_2026年10月_山田.xlsx / 10月 / 21行 / 時間")
    assert ws.print_title_rows == "$3:$3"
    # in English: the English words
    assert run(project, "findings", "--status", "all", "-o", findings_xlsx, "--force", "--lang", "en").exit_code == 1
    ws = openpyxl.load_workbook(findings_xlsx).active
    assert ws["A1"].value == "Findings (ledger)"
    row = dict(zip([c.value for c in ws[3]], [c.value for c in ws[4]]))
    assert (row["Status"], row["Severity"], row["Kind"], row["Rule (code)"]) == ("open", "error", "Hours", "bad_cell")
    assert run(project, "runs", "-o", runs_xlsx, "--force", "--lang", "en").exit_code == 0
    ws = openpyxl.load_workbook(runs_xlsx).active
    assert (ws["A1"].value, ws["A3"].value, ws["D3"].value, ws["D4"].value) == (
        "Runs recorded in the ledger", "Run", "Kind", "Hours")
    # the rows for a machine keep their codes
    out = project / "findings.csv"
    run(project, "findings", "-o", out)
    first = next(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert (first["status"], first["severity"]) == ("open", "error")
