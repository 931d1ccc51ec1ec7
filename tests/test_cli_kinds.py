"""Declared kinds on the command line (issue 16): ``aggregate --kind NAME``, ``inspect --kind NAME``,
``ledgerkit kinds`` and ``kinds show``: exit codes and the exact lines, in Japanese and English."""

from __future__ import annotations

import tomllib
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.config.loading import load_config

EXAMPLES = Path(__file__).parent.parent / "examples"
SALES_TOML = EXAMPLES / "sales.toml"
runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_aggregate_a_declared_kind(tmp_path):
    out = tmp_path / "sales.xlsx"
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "-o", out, "--lang", "en")
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert "ファイル" not in result.stderr
    assert any(line.startswith("│ 東京支店") and "1,850,000" in line and "3,735,000" in line for line in lines)
    assert "  examples/sales/売上報告_名古屋営業所_2026年10月.csv / 売上報告_名古屋営業所_2026年10月 / row 3 / 売上金額: " \
           "cannot read 売上 as yen: '集計中'" in [line.replace(str(EXAMPLES.parent) + "/", "") for line in lines]
    assert lines[-2] == "files read 5, skipped 0; sheets 7: rows read 18 = consolidated 15 + rejected 3"
    assert lines[-1] == f"Wrote {out}"
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Summary (count)", "Detail", "Issues"]
    assert [c.value for c in wb["Summary"][3]] == ["branch", "2026-10", "2026-11", "Total"]


def test_aggregate_strict_exits_1_on_a_rejected_row():
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "--strict")
    assert result.exit_code == 1


def test_by_overrides_the_kinds_by_and_is_checked():
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "--by", "category")
    assert result.exit_code == 0 and "│ サービス" in result.stderr
    bad = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "--by", "region", "--lang", "en")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[-1].startswith("Error: --by: no column region (columns: branch, Month (month), category, ")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("ja", "Error: --kind は auto, hours, invoices, attendance, sales のどれかです ('sale' ではなく)。"
            "ほかの一覧は ledgerkit.toml の [kinds.名前] で宣言できます (一覧: ledgerkit kinds)"),
     ("en", "Error: --kind must be one of auto, hours, invoices, attendance, sales, not 'sale'; declare other lists "
            "as [kinds.NAME] in ledgerkit.toml (list them with: ledgerkit kinds)")],
)
def test_an_unknown_kind_is_one_line_listing_the_known_ones_exit_2(lang, expected):
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sale", "--config", SALES_TOML, "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr.strip() == expected
    inspected = run("inspect", EXAMPLES / "sales", "--kind", "sale", "--config", SALES_TOML, "--lang", lang)
    assert inspected.exit_code == 2 and inspected.stderr.strip() == expected


def test_a_bad_declaration_stops_the_command_with_its_line(tmp_path):
    bad = tmp_path / "ledgerkit.toml"
    bad.write_text(SALES_TOML.read_text(encoding="utf-8").replace('type = "month"', 'type = "年月"'), encoding="utf-8")
    line = next(i for i, t in enumerate(bad.read_text(encoding="utf-8").splitlines(), 1) if 'type = "年月"' in t)
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", bad)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {bad}:{line}: kinds.sales.fields.month.type: text, int, yen, decimal, hours, date, month, rate, code "
        "のどれかにしてください ('年月' ではなく)")


def test_auto_never_tries_a_declared_kind():
    result = run("aggregate", EXAMPLES / "sales" / "売上報告_福岡支店_2026年10月.xlsx", "--config", SALES_TOML,
                 "--lang", "en")
    # nothing consolidated is exit 2 with one line (issue 13), which names the declared kinds
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-2:] == [
        "files read 1, skipped 0; sheets 0: rows read 0 = consolidated 0 + rejected 0",
        "Error: no hours rows were consolidated from the inputs (see why above and with: ledgerkit inspect "
        "--kind hours); a list declared in ledgerkit.toml is read with --kind sales"]


def test_inspect_shows_the_mapping():
    result = run("inspect", EXAMPLES / "sales" / "売上報告_東京支店_2026年10-11月.xlsx", "--kind", "sales",
                 "--config", SALES_TOML, "--lang", "en")
    assert result.exit_code == 0
    lines = [line.strip() for line in result.stderr.splitlines()]
    assert "10月: sales / list, header row 4, 3 data rows" in lines
    assert lines[lines.index("10月: sales / list, header row 4, 3 data rows") + 1:][:5] == [
        "branch       ← 東京支店 (A2)", "month        ← 年月", "category     ← 区分", "amount       ← 売上高",
        "count        ← 件数"]


def test_kinds_lists_builtin_and_declared_kinds():
    result = run("kinds", "--config", SALES_TOML, "--lang", "en")
    assert result.exit_code == 0
    out = result.stdout.splitlines()
    assert out[0] == "hours — 工数 (built-in; reader hours; summary by project,person,month)"
    at = out.index(f"sales — 支店別売上 ({SALES_TOML}:6; summary by branch,month)")
    assert out[at + 1] == "  branch           text     required  支店, 支店名, 営業所"
    assert run("kinds", "list", "--config", SALES_TOML, "--lang", "en").stdout == result.stdout
    alone = run("kinds", "--lang", "en")
    assert alone.exit_code == 0 and "sales" not in alone.stdout
    assert alone.stderr.strip() == "no kinds declared (write [kinds.NAME] in ledgerkit.toml; see docs/kinds.md)"


def test_kinds_show_prints_toml_that_declares_the_same_kind(tmp_path):
    result = run("kinds", "show", "sales", "--config", SALES_TOML)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# 支店別売上 — {SALES_TOML}:6\n")
    copy = tmp_path / "ledgerkit.toml"
    copy.write_text(result.stdout, encoding="utf-8")
    assert load_config(copy).kind("sales") == load_config(SALES_TOML).kind("sales")
    builtin = run("kinds", "show", "hours", "--lang", "en")
    assert builtin.exit_code == 0 and "[kinds.hours.fields.person]" in builtin.stdout
    assert tomllib.loads(builtin.stdout)["kinds"]["hours"]["reader"] == "hours"


def test_kinds_show_an_unknown_kind_exit_2():
    result = run("kinds", "show", "sale", "--config", SALES_TOML, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: no kind named 'sale' (known: hours, invoices, attendance, sales)"


def test_a_kind_summed_by_its_own_value_field_counts_rows_instead_of_a_bug(tmp_path):
    """A kind whose only field is a number (its summary is by that field) used to exit 3 with
    "ValueError: cannot insert amount, already exists"; a field the summary groups by is counted."""
    config = tmp_path / "ledgerkit.toml"
    config.write_text('[kinds.x.fields.amount]\ntype = "yen"\nsynonyms = ["売上"]\n', encoding="utf-8")
    book = tmp_path / "in" / "売上.xlsx"
    book.parent.mkdir()
    wb = openpyxl.Workbook()
    for row in (["売上"], [1000], [1000], [500]):
        wb.active.append(row)
    wb.save(book)
    out = tmp_path / "x.xlsx"
    result = run("aggregate", book.parent, "--kind", "x", "--config", config, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[-1] == f"{out} を書き出しました"
    summary = openpyxl.load_workbook(out)["集計"]
    assert [[c.value for c in row] for row in summary.iter_rows(min_row=3, max_row=5, max_col=2)] == [
        ["amount", "件数"], ["1000", 2], ["500", 1]]
    assert [f.name for f in load_config(config).kind("x").fields] == ["amount"]
    assert load_config(config).kind("x").summed() == ()


@pytest.mark.parametrize(("bound", "shown"), [("inf", "inf"), ("-inf", "-inf"), ("nan", "nan"), ("1e400", "inf")])
def test_a_bound_that_is_not_a_number_is_one_config_line_exit_2(tmp_path, bound, shown):
    """TOML's inf and nan used to exit 3 (OverflowError in kinds show; a reader bug in aggregate)."""
    config = tmp_path / "ledgerkit.toml"
    config.write_text(f'[kinds.x.fields.amount]\ntype = "yen"\nsynonyms = ["売上"]\nmax = {bound}\n', encoding="utf-8")
    expected = f"Error: {config}:4: kinds.x.fields.amount.max: {shown} を yen の値として読めません"
    for args in (("kinds", "show", "x"), ("aggregate", EXAMPLES / "sales", "--kind", "x")):
        result = run(*args, "--config", config)
        assert result.exit_code == 2, result.output
        assert result.stderr.strip() == expected


def test_kinds_show_of_a_label_with_a_line_break_is_still_toml(tmp_path):
    """The first comment held the label as written: a line break in it ended the comment and
    the rest was not TOML, so the printed table could not be copied into ledgerkit.toml."""
    config = tmp_path / "ledgerkit.toml"
    config.write_text('[kinds.x]\nlabel = "売上\\n集計"\n[kinds.x.fields.amount]\ntype = "yen"\nsynonyms = ["売上"]\n',
                      encoding="utf-8")
    result = run("kinds", "show", "x", "--config", config)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == f"# 売上 集計 — {config}:1"
    copy = tmp_path / "copy.toml"
    copy.write_text(result.stdout, encoding="utf-8")
    assert load_config(copy).kind("x") == load_config(config).kind("x")
    assert load_config(copy).kind("x").label == "売上\n集計"


def test_by_takes_a_declared_kinds_labels_as_its_reports_head_them():
    """--by 支店,区分 (the labels the Detail sheet heads the columns with) used to be refused as
    unknown columns, and the columns listed were headed 金額 where the kind's reports say 売上."""
    result = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "--by", "支店,区分")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[2].split() == ["┃", "支店", "┃", "サービス", "┃", "保守", "┃", "商品", "┃", "返品",
                                                     "┃", "合計", "┃"]
    bad = run("aggregate", EXAMPLES / "sales", "--kind", "sales", "--config", SALES_TOML, "--by", "地域")
    assert bad.exit_code == 2
    assert bad.stderr.splitlines()[-1] == (
        "Error: --by: 地域 という列はありません (列: 支店 (branch), 年月 (month), 区分 (category), 売上 (amount), "
        "件数 (count), 備考, 元ファイル (source_file), 元シート (source_sheet), 元行 (source_row))")
