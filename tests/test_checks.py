"""check_invoices / check_orders over whole lists, and the `ledgerkit check` commands."""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from ledgerkit.checks.invoices import check_invoices
from ledgerkit.checks.orders import check_orders
from ledgerkit.cli.app import app
from ledgerkit.config.loading import Config
from ledgerkit.checks.findings import FINDING_COLUMNS
from ledgerkit.reports.xlsx_cells import SEVERITY_COLOURS

from sheets import make_xlsx

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
TODAY = dt.date(2026, 11, 30)
D = dt.date


def load_example_maker():
    spec = importlib.util.spec_from_file_location("make_invoice_examples", EXAMPLES / "make_invoice_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """The sample lists of examples/, written fresh by their script into a temporary folder."""
    out = tmp_path_factory.mktemp("examples")
    maker = load_example_maker()
    (out / "invoices").mkdir()
    maker.october_list(out / "invoices" / "受領請求書一覧_2026年10月.xlsx")
    maker.november_list(out / "invoices" / "請求書受領台帳_2026年11月.xlsx")
    maker.po_list(out / "po_list.xlsx")
    return out


def clean_lists(folder: Path) -> tuple[Path, Path, Path]:
    """Two invoice lists and an order list a careful accountant would pass as they are."""
    folder.mkdir(parents=True, exist_ok=True)
    a = make_xlsx(
        folder / "10月.xlsx",
        {
            "10月": [
                ["受領請求書一覧 2026年10月"],
                [],
                ["請求書番号", "請求日", "取引先名", "登録番号", "注文番号", "税率", "税抜金額", "消費税", "税込金額", "支払期日"],
                ["A-1", D(2026, 9, 30), "株式会社アルファ", "T8700-1100-05901", "PO-1", "10%", 300000, 30000, 330000, D(2026, 10, 31)],
                ["B-1", D(2026, 10, 5), "ベータ商事合同会社", "Ｔ７１２３４５６７８９０１２", "", "軽減8%", "１２，３４５", 987, "13,332", D(2026, 11, 30)],
                # 12,345 × 10% = 1,234.5 rounded half up
                ["C-1", D(2026, 10, 7), "デルタ設計", "T2120901007402", "", "10%", 12345, 1235, 13580, D(2026, 11, 30)],
                ["合計", "", "", "", "", "", 324690, 32222, 356912, ""],
            ]
        },
    )
    b = make_xlsx(
        folder / "11月.xlsx",
        {
            "11月": [
                ["請求書No", "発行日", "仕入先", "登録番号", "発注番号", "税抜金額", "", "消費税", "", "税込合計", "支払予定日"],
                ["", "", "", "", "", "10%", "8%", "10%", "8%", "", ""],
                ["G-1", "令和8年11月2日", "㈱ガンマ食品", "T4011001098993", "", 315, 1801, 31, 144, 2291, D(2026, 12, 31)],
                # a credit note against PO-1, and the rest of the order
                ["A-1R", D(2026, 11, 4), "アルファ(株)", "T8700110005901", "PO-1", "△30,000", "", "△3,000", "", "△33,000", D(2026, 12, 31)],
                ["A-2", D(2026, 11, 4), "アルファ(株)", "T8700110005901", "PO-1", 230000, "", 23000, "", 253000, D(2026, 12, 31)],
                ["小計", "", "", "", "", 200315, 1801, 20031, 144, 222291, ""],
            ]
        },
        merges={"11月": [(0, 5, 0, 6), (0, 7, 0, 8)] + [(0, c, 1, c) for c in (0, 1, 2, 3, 4, 9, 10)]},
    )
    po = make_xlsx(
        folder / "po.xlsx",
        {
            "発注一覧": [
                ["注文番号", "発注日", "発注先", "登録番号", "品名", "数量", "単価", "金額", "税率", "消費税", "納期", "納品場所", "支払期日", "支払方法"],
                ["PO-1", D(2026, 9, 1), "株式会社アルファ", "T8700110005901", "部品A", 1000, 300, 300000, "10%", 50000, D(2026, 9, 30), "本社", D(2026, 10, 31), "振込"],
                ["", "", "", "", "部品B", 1000, 200, 200000, "10%", "", "", "", "", ""],
                ["PO-2", D(2026, 10, 1), "㈱ガンマ食品", "T4011001098993", "部品A", 3, 105, 315, "10%", 31, D(2026, 10, 7), "本社", D(2026, 11, 30), "振込"],
                ["", "", "", "", "※食品B", 1, 1234, 1234, "8%", 144, "", "", "", ""],
                ["", "", "", "", "※食品C", 1, 567, 567, "8%", "", "", "", "", ""],
            ]
        },
    )
    return a, b, po


# --- no false positive ----------------------------------------------------------------------------


def test_clean_lists_give_no_finding(tmp_path):
    a, b, po = clean_lists(tmp_path)
    findings = check_invoices([a, b], orders=[po], today=TODAY).tables["findings"]
    assert list(findings.columns) == FINDING_COLUMNS
    assert findings.empty, findings.to_dict("records")
    assert check_orders([po]).tables["findings"].empty


# --- the planted problems of examples/ -------------------------------------------------------------------


def found(findings) -> set[tuple[str, str, int | None]]:
    return {
        (r.rule, Path(r.source_file).name, None if pd.isna(r.source_row) else int(r.source_row))
        for r in findings.itertuples()
    }


def test_examples_invoices_find_exactly_the_planted_problems(examples):
    findings = check_invoices([examples / "invoices"], orders=[examples / "po_list.xlsx"], today=TODAY).tables["findings"]
    a, b = "受領請求書一覧_2026年10月.xlsx", "請求書受領台帳_2026年11月.xlsx"
    assert found(findings) == {
        ("tax_mismatch", a, 8),
        ("registration_no_format", a, 9),
        ("registration_no_check_digit", a, 10),
        ("po_unknown", a, 11),
        ("issue_date_future", a, 13),
        ("issue_after_due", a, 13),
        ("po_over_amount", b, 7),
        ("duplicate_invoice", b, 8),
    }
    tax = findings[findings["rule"] == "tax_mismatch"].iloc[0]
    assert (tax["column"], tax["invoice_no"], tax["severity"]) == ("消費税", "D-0042", "error")
    assert tax["message"] == "消費税額 12,000 円が 税抜 123,456 円 × 10% と合いません (正しくは 12,345 円 または 12,346 円)"
    digit = findings[findings["rule"] == "registration_no_check_digit"].iloc[0]
    assert digit["severity"] == "warning" and digit["expected"] == "T5835678256246"


def test_examples_orders_find_exactly_the_planted_problems(examples):
    findings = check_orders([examples / "po_list.xlsx"]).tables["findings"]
    assert found(findings) == {
        ("tax_per_line", "po_list.xlsx", 10),
        ("line_amount_mismatch", "po_list.xlsx", 12),
        ("term_missing", "po_list.xlsx", 12),
        ("payment_due_over_60", "po_list.xlsx", 12),
    }
    per_line = findings[findings["rule"] == "tax_per_line"].iloc[0]
    assert "明細の合計 143 円" in per_line["message"] and "144 円" in per_line["message"]
    missing = findings[findings["rule"] == "term_missing"].iloc[0]
    assert (missing["column"], missing["invoice_no"]) == ("納品場所", "PO-2026-0006")


def test_without_orders_no_order_rule_runs(examples):
    findings = check_invoices([examples / "invoices"], today=TODAY).tables["findings"]
    assert not {"po_unknown", "po_over_amount", "po_vendor_mismatch"} & set(findings["rule"])


# --- options --------------------------------------------------------------------------------------


def invoice_frame(**over):
    row = {
        "invoice_no": "A-1", "vendor": "アルファ", "registration_no": "T8700110005901",
        "net": 12345, "tax": 1235, "total": 13580, "tax_rate": 0.10,
        "issue_date": pd.Timestamp("2026-10-31"), "due_date": pd.Timestamp("2026-11-30"),
        "source_file": "a.xlsx", "source_sheet": "S", "source_row": 2,
    }
    row.update(over)
    frame = pd.DataFrame([row])
    for c in ("net", "tax", "total"):
        frame[c] = frame[c].astype("Int64")
    return frame


def test_rounding_can_be_required_by_keyword_or_config():
    assert check_invoices(invoice_frame(), today=TODAY).tables["findings"].empty
    by_keyword = check_invoices(invoice_frame(), today=TODAY, rounding="down").tables["findings"]
    assert by_keyword[["rule", "expected"]].values.tolist() == [["tax_mismatch", "1234"]]
    config = Config()
    config.data["tax"] = {"rounding_required": "down"}
    assert check_invoices(invoice_frame(), config=config, today=TODAY).tables["findings"]["rule"].tolist() == ["tax_mismatch"]


def test_due_date_limit_and_today_are_keywords():
    far = invoice_frame(due_date=pd.Timestamp("2027-03-31"))
    assert check_invoices(far, today=TODAY).tables["findings"]["rule"].tolist() == ["due_too_far"]
    assert check_invoices(far, today=TODAY, max_due_days=200).tables["findings"].empty
    assert check_invoices(invoice_frame(), today=D(2026, 9, 30)).tables["findings"]["rule"].tolist() == ["issue_date_future"]
    # dated on the closing day later this month, received early: a warning only
    ahead = check_invoices(invoice_frame(), today=D(2026, 10, 28)).tables["findings"]
    assert ahead[["rule", "severity"]].values.tolist() == [["issue_date_ahead", "warning"]]


def test_findings_in_english():
    findings = check_invoices(invoice_frame(tax=1300, total=13645), today=TODAY, lang="en").tables["findings"]
    assert findings["message"].tolist() == ["tax 1,300 does not match net 12,345 × 10% (expected 1,234 or 1,235)"]


# --- the command ------------------------------------------------------------------------------------

runner = CliRunner()


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_cli_clean_list_exits_0(tmp_path):
    a, b, po = clean_lists(tmp_path)
    result = run("check", "invoices", a, b, "--orders", po, "--today", "2026-11-30")
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines()[-1] == "請求書 6 件 (税率別 7 行)を確認しました: エラー 0 件、警告 0 件"


def test_cli_examples_exit_1_and_write_highlighted_xlsx(examples, tmp_path):
    out = tmp_path / "findings.xlsx"
    result = run("check", "invoices", examples / "invoices", "--orders", examples / "po_list.xlsx",
                 "--today", "2026-11-30", "-o", out)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[-2:] == ["請求書 13 件 (税率別 14 行)を確認しました: エラー 7 件、警告 1 件", f"{out} を書き出しました"]
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["指摘一覧", "指摘データ", "取引先別", "請求書", "問題一覧"]
    ws = wb["請求書"]
    head = [c.value for c in ws[1]]
    rows = {ws.cell(r, 1).value: r for r in range(2, ws.max_row + 1)}
    red, yellow = (SEVERITY_COLOURS[s][0].lstrip("#").upper() for s in ("error", "warning"))

    def fill(invoice_no, column):
        cell = ws.cell(rows[invoice_no], head.index(column) + 1)
        return cell.fill.fgColor.rgb[-6:].upper() if cell.fill.fill_type else None

    assert fill("D-0042", "消費税") == red
    assert fill("S-10-118", "登録番号") == red
    assert fill("OM-2026-77", "登録番号") == yellow
    assert fill("D-0042", "税抜金額") is None
    assert fill("G-7781", "消費税") is None
    # the keys the invoices were matched on come last
    assert head[-2:] == ["取引先キー", "請求書キー"] and ws.cell(2, head.index("税率") + 1).number_format == "0.0%"
    assert ws.cell(2, head.index("税抜金額") + 1).number_format == '"¥"#,##0_ ;-"¥"#,##0_ '
    findings = wb["指摘一覧"]
    assert findings["A1"].value == "請求書チェック 指摘一覧 (2026-11-30 時点)"  # the day due dates were judged on
    assert findings["A2"].value == "請求書 13 件を確認: エラー 7 件、警告 1 件 (取引先 7 社)"
    assert [c.value for c in findings[4]] == ["No.", "重要度", "取引先", "請求書番号", "場所", "内容", "記載値", "正しい値", "ルール"]
    assert [c.value for c in findings[5]] == [
        1, "エラー", "デルタ設計", "D-0042", "受領請求書一覧_2026年10月.xlsx / 10月受領分 / 8行目 / 消費税",
        "消費税額 12,000 円が 税抜 123,456 円 × 10% と合いません (正しくは 12,345 円 または 12,346 円)",
        "¥12,000", "¥12,345 または ¥12,346", "消費税額"]
    assert [c.value for c in findings[9]][6:] == ["2027/10/27", "2026/11/30 以前", "発行日 (未来の日付)"]
    assert [c.value for c in findings[11]][6:] == ["¥550,000", "¥500,000 以下", "発注額の超過"]
    assert findings.max_row == 4 + 8
    # 内容 and 場所 wrap, their rows grown to show them; warnings yellow, errors red
    assert findings["F5"].alignment.wrap_text and findings["E5"].alignment.wrap_text
    assert findings.row_dimensions[5].height >= 30
    assert findings["B7"].fill.fgColor.rgb[-6:].upper() == yellow and findings["B5"].fill.fgColor.rgb[-6:].upper() == red
    # on paper: A4 landscape, one page wide (at least 70 %), the header row on every page, page N / M
    setup = findings.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert findings.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0
    assert findings.print_title_rows == "$4:$4" and findings.oddFooter.center.text == "&P / &N"
    from ledgerkit.reports.printing import LANDSCAPE_PX, MIN_SCALE, width_px

    widths = [findings.column_dimensions[chr(65 + c)].width for c in range(9)]
    assert sum(width_px(w) for w in widths) * MIN_SCALE <= LANDSCAPE_PX * 100  # prints at 70 % or more
    # the machine columns on a sheet of their own
    data = wb["指摘データ"]
    assert [c.value for c in data[1]][:3] == ["ルール (コード)", "重要度 (コード)", "内容"]
    assert [c.value for c in data[1]][-3:] == ["取引先", "取引先キー", "請求書キー"]
    assert [c.value for c in data[2]][:2] == ["tax_mismatch", "error"] and data.max_row == 1 + 8
    # per vendor: the findings by severity and the documents, with totals
    vendors = wb["取引先別"]
    assert vendors["A1"].value == "取引先別 指摘件数"
    assert [c.value for c in vendors[4]] == ["取引先", "エラー", "警告", "計", "対象の請求書番号"]
    assert [c.value for c in vendors[5]] == ["株式会社アルファ工業", 2, 0, 2, "INV-A-1099"]
    assert [c.value for c in vendors[11]] == ["オメガ企画", 0, 1, 1, "OM-2026-77"]
    assert [c.value for c in vendors[12]][:4] == ["合計", "=SUM(B5:B11)", "=SUM(C5:C11)", "=SUM(D5:D11)"]
    assert vendors.print_title_rows == "$4:$4" and vendors.page_setup.paperSize == 9


def test_order_findings_data_sheet_names_the_order_number(examples, tmp_path):
    out = tmp_path / "order_findings.xlsx"
    assert run("check", "orders", examples / "po_list.xlsx", "-o", out).exit_code == 1
    wb = openpyxl.load_workbook(out)
    heads = [c.value for c in wb["指摘データ"][1]]
    assert "注文番号" in heads and "請求書番号" not in heads
    assert wb["指摘データ"].cell(2, heads.index("注文番号") + 1).value == "PO-2026-0005"
    assert run("check", "orders", examples / "po_list.xlsx", "-o", out, "-f", "--lang", "en").exit_code == 1
    heads = [c.value for c in openpyxl.load_workbook(out)["Findings data"][1]]
    assert "PO no." in heads and "Invoice no." not in heads


def test_cli_writes_json_and_csv(examples, tmp_path):
    out = tmp_path / "f.json"
    assert run("check", "orders", examples / "po_list.xlsx", "-o", out).exit_code == 1
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["rule"] for r in records] == ["tax_per_line", "line_amount_mismatch", "term_missing", "payment_due_over_60"]
    assert records[0]["source_row"] == 10
    csv = tmp_path / "f.csv"
    assert run("check", "orders", examples / "po_list.xlsx", "-o", csv).exit_code == 1
    assert csv.read_bytes().startswith(b"\xef\xbb\xbfrule,severity,message,")


def test_cli_warnings_only_exit_0(tmp_path):
    path = make_xlsx(tmp_path / "w.xlsx", {"S": [["請求書番号", "発行日", "取引先", "登録番号", "税抜金額", "消費税"],
                                                 ["A-1", D(2026, 10, 31), "オメガ企画", "T2835678256246", 1000, 100]]})
    result = run("check", "invoices", path, "--today", "2026-11-30")
    assert result.exit_code == 0
    assert result.stderr.strip().splitlines()[-1] == "請求書 1 件 (税率別 1 行)を確認しました: エラー 0 件、警告 1 件"


def test_cli_missing_file_exits_2_with_one_line(tmp_path):
    missing = tmp_path / "none.xlsx"
    result = run("check", "invoices", missing)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {missing}: そのようなファイルやフォルダはありません\n"
    result = run("check", "invoices", missing, "--lang", "en")
    assert result.stderr == f"Error: {missing}: no such file or folder\n"


def test_cli_workbook_without_invoice_list_exits_2(tmp_path):
    path = make_xlsx(tmp_path / "hours.xlsx", {"S": [["日付", "氏名", "工数"], ["2026/10/01", "山田", 7.5]]})
    result = run("check", "invoices", path)
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: {path} に請求書一覧の表が見つかりません (取引先、請求書番号または登録番号、金額の列がある表)\n"
    )
    result = run("check", "invoices", path, "--lang", "en")
    assert result.stderr == (
        f"Error: no invoice list found in {path} (a table with 取引先, 請求書番号 or 登録番号 and an amount column)\n"
    )
    result = run("check", "orders", path)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path} に注文一覧の表が見つかりません (注文番号の列がある表)\n"
    result = run("check", "orders", path, "--lang", "en")
    assert result.stderr == f"Error: no order list found in {path} (a table with 注文番号)\n"


def test_cli_invoice_list_with_only_its_header_is_checked_not_missing(tmp_path):
    header = ["請求書番号", "取引先", "登録番号", "請求日", "税抜金額", "消費税", "税込金額"]
    path = make_xlsx(tmp_path / "請求 一覧.xlsx", {"一覧": [header]})
    result = run("check", "invoices", path, "--lang", "en")
    assert result.exit_code == 0
    # checked (0 invoices); the file that gave no row is named (issue 13 §1), not a finding
    assert result.stderr == (
        "Checked 0 invoices (0 rows by rate): 0 errors, 0 warnings\n"
        f"  warning: {path}: not one row was consolidated from this file (1 sheet: 一覧: only its header (row 1), no data row)\n")
    assert check_invoices(path).tables["findings"].empty


def test_no_table_messages_are_english_under_lang_en(tmp_path):
    from ledgerkit.attendance.sheet import read_attendance_sheet
    from ledgerkit.hours.sheet import read_hours_sheet
    from ledgerkit.invoices.sheet import read_invoice_sheet
    from ledgerkit.intake.read import read_workbook

    sheet = read_workbook(make_xlsx(tmp_path / "t.xlsx", {"S": [["請求書一覧"]]})).sheets[0]
    for reader, kind in [(read_invoice_sheet, "invoice"), (read_hours_sheet, "hours"), (read_attendance_sheet, "attendance")]:
        result = reader(sheet, file="t.xlsx")
        issues = result.issues if hasattr(result, "issues") else result[1]
        (issue,) = [i for i in issues if i.code == "no_table"]
        en = issue.message("en")
        assert en.startswith(f"no {kind} table found") and "または" not in en, en
        assert "見つかりません" in issue.message("ja")


def test_cli_bad_options_exit_2(examples):
    result = run("check", "invoices", examples / "invoices", "--today", "tomorrow")
    assert result.exit_code == 2
    assert result.stderr == "Error: --today は 2026-11-30 のような日付で指定してください ('tomorrow' は読めません)\n"
    assert run("check", "invoices", examples / "invoices", "--rounding", "banker").exit_code == 2
    result = run("check", "orders", examples / "po_list.xlsx", "--terms", "shitauke_1999")
    assert result.exit_code == 2
    assert result.stderr == "Error: 明示事項の定義 'shitauke_1999' はありません (ledgerkit/data/shitauke_1999.toml)\n"


def test_cli_unwritable_output_is_one_line(examples, tmp_path):
    result = run("check", "orders", examples / "po_list.xlsx", "-o", tmp_path / "findings.txt")
    assert result.exit_code == 2
    assert result.stderr == (f"Error: {tmp_path / 'findings.txt'} を書き出せません: .txt は扱えない種類です "
                             "(.csv .json .xlsx のどれか、標準出力なら - )\n")
    result = run("check", "orders", examples / "po_list.xlsx", "-o", tmp_path / "findings.txt", "--lang", "en")
    assert result.stderr.startswith("Error: cannot write ") and result.stderr.count("\n") == 1


# --- an order form (注文書) rather than a list ------------------------------------------------------------


def order_form(path: Path, *, tax: int, total: int, net_8: int = 1801) -> Path:
    """A 注文書 laid out as a form: labelled cells, the lines, then the per-rate figures."""
    return make_xlsx(
        path,
        {
            "注文書": [
                ["注　文　書", "", "", "", "", "", "", ""],
                ["", "", "", "", "", "", "注文番号", "PO-9"],
                ["", "", "", "", "", "", "発注日", D(2026, 12, 2)],
                ["株式会社デルタフーズ　御中"],
                ["下記のとおり注文いたします。", "", "", "", "株式会社サンプル製作所"],
                [],
                ["No", "品名", "", "数量", "単位", "単価", "税率", "金額"],
                [1, "部品A", "", 3, "個", 105, 0.10, 315],
                [2, "食品B ※", "", 1, "箱", 1234, 0.08, ""],  # a formula never calculated: read blank
                [3, "食品C ※", "", 1, "箱", 567, 0.08, 567],
                ["", "", "", "", "", "小計", "", 2116],
                ["消費税の内訳", "", "", "", "", "10%対象", "", 315],
                ["", "", "", "", "", "8%対象", "", net_8],
                ["", "", "", "", "", "消費税", "", tax],
                ["", "", "", "", "", "合計", "", total],
                [],
                ["納期", "", D(2026, 12, 10)],
                ["納品場所", "", "本社 1階 受付"],
                ["支払期日", "", D(2027, 1, 31)],
                ["支払方法", "", "銀行振込"],
            ]
        },
    )


def test_order_form_clean(tmp_path):
    path = order_form(tmp_path / "po.xlsx", tax=175, total=2291)
    assert check_orders([path]).tables["findings"].empty


def test_order_form_figures_checked_against_its_lines(tmp_path):
    path = order_form(tmp_path / "po.xlsx", tax=174, total=2290, net_8=1800)
    findings = check_orders([path]).tables["findings"]
    assert findings[["rule", "source_row", "column"]].values.tolist() == [
        ["subtotal_mismatch", 13, "小計"],
        ["po_tax_mismatch", 14, "消費税"],
    ]
    assert findings["message"].iloc[1] == (
        "消費税 174 円が 税率ごとに1回ずつ計算した額の合計 (175 円 または 176 円 または 177 円) と合いません: "
        "10%対象 315 円 → 31 円 または 32 円、8%対象 1,801 円 → 144 円 または 145 円"
    )


def test_withholding_and_net_payment_on_fees_to_individuals():
    # DOMAIN.md §4.4: fee 300,000 + tax 30,000 → withholding 30,630; transfer 299,370
    ok = invoice_frame(net=300000, tax=30000, total=330000, withholding=30630, payment=299370)
    ok["withholding"] = ok["withholding"].astype("Int64")
    ok["payment"] = ok["payment"].astype("Int64")
    assert check_invoices(ok, today=TODAY).tables["findings"].empty
    bad = ok.copy()
    bad["withholding"] = pd.array([30000], dtype="Int64")
    # the transfer was worked out with the right withholding, the list shows another
    findings = check_invoices(bad, today=TODAY).tables["findings"]
    assert findings[["rule", "expected"]].values.tolist() == [["withholding_mismatch", "30630 / 33693"], ["payment_mismatch", "300000"]]


# --- more invoice rules over lists ------------------------------------------------------------------------


def test_totals_checked_per_row_and_per_split_invoice(tmp_path):
    path = make_xlsx(
        tmp_path / "t.xlsx",
        {
            "one": [["請求書番号", "取引先", "税率", "税抜金額", "消費税", "税込金額"],
                    ["A-1", "アルファ", "10%", 1000, 100, 1000]],
            "split": [["請求書番号", "取引先", "10%対象(税抜)", "8%対象(税抜)", "消費税(10%)", "消費税(8%)", "合計(税込)"],
                      ["G-1", "ガンマ", 315, 1801, 31, 144, 2290]],
        },
    )
    findings = check_invoices([path], today=TODAY).tables["findings"]
    assert findings[["rule", "source_sheet", "column", "expected"]].values.tolist() == [
        # neither list has a 発行日: said once per sheet (the date checks did not run)
        ["invoice_no_issue_date_column", "one", "", "発行日"],
        ["total_mismatch", "one", "税込金額", "1100"],
        ["invoice_no_issue_date_column", "split", "", "発行日"],
        ["invoice_total_mismatch", "split", "合計(税込)", "2291"],
    ]


def test_invoice_vendor_must_be_the_orders(tmp_path):
    inv = make_xlsx(
        tmp_path / "inv.xlsx",
        {"S": [["請求書番号", "取引先", "登録番号", "注文番号", "税抜金額", "消費税", "発行日"],
               ["A-1", "アルファ(株)", "", "PO-1", 1000, 100, D(2026, 10, 31)],   # same vendor, written another way
               ["B-1", "ベータ商事", "", "PO-1", 1000, 100, D(2026, 10, 31)],     # another vendor
               ["C-1", "別名", "T8700110005901", "PO-2", 1000, 100, D(2026, 10, 31)]]},  # the number decides
    )
    po = make_xlsx(
        tmp_path / "po.xlsx",
        {"S": [["注文番号", "発注日", "発注先", "登録番号", "品名", "金額", "納期", "納品場所", "支払期日", "支払方法"],
               ["PO-1", D(2026, 10, 1), "株式会社アルファ", "", "部品", 5000, D(2026, 10, 9), "本社", D(2026, 11, 30), "振込"],
               ["PO-2", D(2026, 10, 1), "株式会社シータ", "T8700110005901", "部品", 5000, D(2026, 10, 9), "本社", D(2026, 11, 30), "振込"]]},
    )
    findings = check_invoices([inv], orders=[po], today=TODAY, require_registration=False).tables["findings"]
    assert findings[["rule", "invoice_no"]].values.tolist() == [["po_vendor_mismatch", "B-1"]]
    assert findings["message"].iloc[0] == "注文番号 PO-1 の発注先は 株式会社アルファ ですが、請求元は ベータ商事 です"


def test_credit_notes_reduce_what_was_invoiced_against_an_order(tmp_path):
    inv = make_xlsx(
        tmp_path / "inv.xlsx",
        {"S": [["請求書番号", "発行日", "取引先", "注文番号", "税抜金額", "消費税"],
               ["A-1", D(2026, 10, 1), "アルファ", "PO-1", 6000, 600],
               ["A-1R", D(2026, 10, 5), "アルファ", "PO-1", "△1,000", "△100"]]},
    )
    po = make_xlsx(tmp_path / "po.xlsx", {"S": [["注文番号", "発注先", "品名", "金額"], ["PO-1", "アルファ", "部品", 5000]]})
    assert check_invoices([inv], orders=[po], today=TODAY).tables["findings"].empty


# --- order lists -----------------------------------------------------------------------------------------

PO_HEAD = ["注文番号", "発注日", "発注先", "品名", "数量", "単価", "金額", "税率", "消費税", "小計", "合計",
           "納期", "納品場所", "支払期日", "支払方法"]


def po_row(no, item, qty, price, amount, rate="10%", tax="", subtotal="", total="", vendor="アルファ"):
    head = [no, D(2026, 10, 1) if no else "", vendor if no or vendor != "アルファ" else ""]
    tail = [D(2026, 10, 9), "本社", D(2026, 11, 30), "振込"] if no else ["", "", "", ""]
    return head + [item, qty, price, amount, rate, tax, subtotal, total] + tail


def test_order_list_figures(tmp_path):
    path = make_xlsx(
        tmp_path / "po.xlsx",
        {
            "S": [
                PO_HEAD,
                # the order's tax, subtotal and total repeated on each line: fine
                po_row("PO-1", "A", 1, 1000, 1000, tax=300, subtotal=3000, total=3300),
                po_row("", "B", 2, 1000, 2000, tax=300, subtotal=3000, total=3300),
                # subtotal and total typed wrong
                po_row("PO-2", "A", 1, 1000, 1000, tax=100, subtotal=1100, total=1200),
                # tax once on the order, written on its first line; vendor differs between lines
                po_row("PO-3", "A", 3, 105, 315, tax=41),
                po_row("", "B", 1, 100, 100, vendor="ベータ"),
            ]
        },
    )
    findings = check_orders([path]).tables["findings"]
    assert findings[["rule", "invoice_no", "source_row"]].values.tolist() == [
        ["subtotal_mismatch", "PO-2", 4],
        ["total_mismatch", "PO-2", 4],
        ["po_conflict", "PO-3", 5],
    ]


def test_order_list_without_the_written_term_columns(tmp_path):
    path = make_xlsx(tmp_path / "po.xlsx", {"S": [["注文番号", "発注先", "品名", "金額"], ["PO-1", "アルファ", "部品", 5000]]})
    # a vendor the 取適法 covers (issue 14: its findings only for covered orders)
    covered = Config()
    covered.data["vendors"]["list"] = [{"name": "アルファ", "covered": True}]
    findings = check_orders([path], covered).tables["findings"]
    assert findings[["rule", "severity", "source_row"]].astype(object).where(findings.notna(), None).values.tolist() == [
        ["term_column_missing", "error", None],
        ["term_column_missing", "error", None],
        ["term_column_missing", "error", None],
        ["term_column_missing", "error", None],
        ["term_column_missing", "warning", None],
    ]
    assert [m.split("「")[1].split("」")[0] for m in findings["message"]] == [
        "委託をした日 (発注日)", "受領期日 (納期)", "受領場所 (納品場所)", "支払期日", "支払方法",
    ]
    # coverage unknown: the same, as warnings; not covered: none
    unknown = check_orders([path]).tables["findings"]
    assert list(unknown["severity"]) == ["warning"] * 5
    covered.data["vendors"]["list"][0]["covered"] = False
    assert check_orders([path], covered).tables["findings"].empty


def test_a_note_under_the_order_list_is_listed_not_an_order(tmp_path):
    # ※ 金額は税抜。 in the 注文番号 column under the table: not an order lacking every written term
    path = make_xlsx(tmp_path / "po.xlsx", {"S": [
        ["注文番号", "発注先", "品名", "金額"], ["PO-1", "アルファ", "部品", 5000], [], ["※ 金額は税抜。支払は月末締め翌月末払い。"],
    ]})
    result = check_orders([path])
    assert list(result.frame["po_no"]) == ["PO-1"]
    assert not any("※" in str(v) for v in result.tables["findings"]["invoice_no"])
    notes = [i for i in result.issues if i.code == "note_row"]
    assert [(i.row, i.severity, i.message("ja")) for i in notes] == [
        (4, "info", "表の下の注記のためデータではありません: ※ 金額は税抜。支払は月末締め翌月末払い。")]
    assert notes[0].message("en") == "a note under the table, not data: ※ 金額は税抜。支払は月末締め翌月末払い。"


def test_tax_of_an_invoice_given_line_by_line_is_checked_on_the_sum(tmp_path):
    rows = [["請求書番号", "取引先", "品名", "税率", "税抜金額", "消費税", "発行日"],
            ["G-1", "ガンマ", "部品A", "10%", 315, 31, D(2026, 10, 31)],
            ["G-1", "ガンマ", "食品B", "8%", 1234, 98, D(2026, 10, 31)],
            ["G-1", "ガンマ", "食品C", "8%", 567, 46, D(2026, 10, 31)]]
    ok = make_xlsx(tmp_path / "ok.xlsx", {"S": rows})
    assert check_invoices([ok], today=TODAY).tables["findings"].empty  # 98 + 46 = 144 = 1,801 × 8% rounded down
    rows[3][5] = 45  # each line rounded down on its own: 143
    bad = make_xlsx(tmp_path / "bad.xlsx", {"S": rows})
    findings = check_invoices([bad], today=TODAY).tables["findings"]
    assert findings[["rule", "source_row", "value"]].values.tolist() == [["tax_per_line", 3, "143"]]


def test_cli_hidden_sheets_only_with_include_hidden(tmp_path):
    rows = [["請求書番号", "取引先", "税率", "税抜金額", "消費税"], ["A-1", "アルファ", "10%", 1000, 90]]
    path = make_xlsx(tmp_path / "h.xlsx", {"一覧": [["請求書番号", "取引先", "税抜金額", "消費税"], ["B-1", "ベータ", 1000, 100]],
                                           "旧": rows}, hidden=["旧"])
    assert run("check", "invoices", path, "--today", "2026-11-30").exit_code == 0
    result = run("check", "invoices", path, "--today", "2026-11-30", "--include-hidden")
    assert result.exit_code == 1 and "A-1" in result.stderr


def test_blank_tax_is_an_error_finding_even_inside_a_rate_group(tmp_path):
    # two lines of one invoice at 10%: the second has no 消費税, so the once-per-rate check cannot run
    path = make_xlsx(tmp_path / "t.xlsx", {"S": [
        ["請求書番号", "取引先", "登録番号", "税抜金額", "消費税", "税込金額", "税率", "請求日"],
        ["A-1", "アルファ", "T8700110005901", 1000, 100, 1100, "10%", D(2026, 10, 31)],
        ["A-1", "アルファ", "T8700110005901", 2000, "", 2200, "10%", D(2026, 10, 31)],
        ["B-1", "アルファ", "T8700110005901", 3000, "", "", "10%", D(2026, 10, 31)],
    ]})
    f = check_invoices([path], today=TODAY).tables["findings"]
    got = sorted(zip(f["rule"], f["severity"], f["source_row"], f["column"]))
    assert got == [
        ("tax_missing", "error", 3, "消費税"),
        ("tax_missing", "error", 4, "消費税"),
        ("total_missing", "error", 4, "税込金額"),
    ]
    assert all("消費税" in m for m in f.loc[f["rule"] == "tax_missing", "message"])


def test_unreadable_rate_is_an_error_and_no_tax_check_runs_on_a_guess(tmp_path):
    path = make_xlsx(tmp_path / "r.xlsx", {"S": [
        ["請求書番号", "取引先", "登録番号", "税抜金額", "消費税", "税込金額", "税率", "伝票日付"],
        ["A-1", "アルファ", "T8700110005901", 1000, 100, 1100, "9%", D(2026, 10, 31)],
        ["A-2", "アルファ", "T8700110005901", 1000, 77, 1077, "9%", D(2026, 10, 31)],
    ]})
    f = check_invoices([path], today=TODAY).tables["findings"]
    assert sorted(zip(f["rule"], f["severity"], f["source_row"], f["column"], f["value"])) == [
        ("tax_rate_unreadable", "error", 2, "税率", "9%"),
        ("tax_rate_unreadable", "error", 3, "税率", "9%"),
    ]


def test_registration_format_expected_column_is_english_under_lang_en():
    inv = pd.DataFrame({"invoice_no": ["A-1", "A-2"], "vendor": ["㈱アルファ", "㈱ベータ"],
                        "registration_no": ["T12345", "T0123456789012"],
                        "net": pd.array([100, 100], dtype="Int64"), "tax": pd.array([10, 10], dtype="Int64"),
                        "total": pd.array([110, 110], dtype="Int64"), "tax_rate": [0.10, 0.10],
                        "source_file": ["a.xlsx"] * 2, "source_sheet": ["S"] * 2, "source_row": [2, 3]})
    found = check_invoices(inv, today=dt.date(2026, 11, 26), lang="en").tables["findings"]
    fmt = found[found["rule"] == "registration_no_format"]
    assert list(fmt["expected"]) == ["T + 13 digits"]
    # a leading 0: a warning like a failed check digit (DOMAIN.md §3.2, issue 14)
    zero = found[found["rule"] == "registration_no_leading_zero"]
    assert list(zero["expected"]) == ["T + 13 digits (the first 1-9 for a corporate number)"]
    assert list(zero["severity"]) == ["warning"]
    found = check_invoices(inv, today=dt.date(2026, 11, 26), lang="ja").tables["findings"]
    assert list(found[found["rule"] == "registration_no_format"]["expected"]) == ["T + 13桁"]
    assert list(found[found["rule"] == "registration_no_leading_zero"]["expected"]) == ["T + 13桁 (法人番号なら先頭は1-9)"]


# --- issue 12: the findings report written into the folder it checks ---------------------------------


def _sheet_values(path: Path, name: str) -> list[list]:
    ws = openpyxl.load_workbook(path)[name]
    return [[c.value for c in row] for row in ws.iter_rows()]


def test_cli_check_twice_with_output_in_the_folder_does_not_read_its_own_report(examples, tmp_path):
    # issue 12: `check invoices DIR -o DIR/findings.xlsx` run twice read its own findings the
    # second time (5 errors became 19, 15 of them false duplicates)
    import shutil

    folder = tmp_path / "lists"
    shutil.copytree(examples / "invoices", folder)
    out = folder / "findings.xlsx"
    first = run("check", "invoices", folder, "--today", "2026-11-30", "-o", out)
    assert first.exit_code == 1, first.output
    assert first.stderr.strip().splitlines()[-2] == "請求書 13 件 (税率別 14 行)を確認しました: エラー 5 件、警告 1 件"
    findings_first = _sheet_values(out, "指摘データ")
    second = run("check", "invoices", folder, "--today", "2026-11-30", "-o", out, "--force")
    assert second.exit_code == 1, second.output
    # the same findings; the report read past is named on the terminal (issue 18: a warning)
    warned = [line for line in second.stderr.splitlines() if line.startswith("  警告: ")]
    assert len(warned) == 1 and str(out) in warned[0] and "ledgerkit が書き出したレポート" in warned[0]
    assert [line for line in second.stderr.splitlines() if line not in warned] == first.stderr.splitlines()
    assert _sheet_values(out, "指摘データ") == findings_first
    # the one invoice the examples enter twice, not every invoice of the report read back
    assert [row[0] for row in findings_first].count("duplicate_invoice") == 1
    # the report is listed as skipped (own report), with the reason, on the Issues sheet
    issues = _sheet_values(out, "問題一覧")
    own = [row for row in issues if row[-1] == "own_report"]
    assert len(own) == 1 and own[0][3] == str(out), issues
    assert "ledgerkit が書き出したレポート" in own[0][2]


def test_a_total_row_that_does_not_add_up_is_named_on_the_findings_sheet(tmp_path):
    # the list's own 合計 row against its lines: the rule column says what was checked, not その他
    path = make_xlsx(tmp_path / "po.xlsx", {"S": [
        ["注文番号", "発注先", "品名", "金額"], ["PO-1", "アルファ", "部品", 5000], ["PO-2", "アルファ", "部品", 3000],
        ["合計", "", "", 9000]]})
    result = check_orders([path])
    assert "total_row_mismatch" in set(result.tables["findings"]["rule"])
    out = tmp_path / "findings.xlsx"
    result.write(out)
    sheet = openpyxl.load_workbook(out)["指摘一覧"]
    heads = [c.value for c in sheet[4]]
    rules = [row[heads.index("ルール")] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert "合計行の金額" in rules and "その他の確認" not in rules


def test_order_report_shows_whole_quantities_with_separators_and_keeps_fractions(tmp_path):
    whole = make_xlsx(tmp_path / "po.xlsx", {"S": [PO_HEAD, po_row("PO-1", "ねじ", 1500, 2, 3000, tax=300),
                                                  po_row("PO-2", "板", 3, 1000, 3000, tax=300)]})
    out = tmp_path / "orders.xlsx"
    check_orders([whole]).write(out)
    ws = openpyxl.load_workbook(out)["注文"]
    heads = [c.value for c in ws[1]]
    qty = heads.index("数量") + 1
    assert [ws.cell(r, qty).value for r in (2, 3)] == [1500, 3]
    assert ws.cell(2, qty).number_format == "#,##0_ ;-#,##0_ "  # 1,500, not 1500
    part = make_xlsx(tmp_path / "po2.xlsx", {"S": [PO_HEAD, po_row("PO-1", "砂", 1.5, 2000, 3000, tax=300)]})
    out2 = tmp_path / "orders2.xlsx"
    check_orders([part]).write(out2)
    ws2 = openpyxl.load_workbook(out2)["注文"]
    assert ws2.cell(2, qty).value == 1.5 and ws2.cell(2, qty).number_format == "General"
