"""Issue 7, across every command: nothing injected, inputs never modified.

Hostile cell texts are planted (as text, with ``write_string``) in person names, project
codes, vendor names, invoice numbers, 件名 and 備考, in sheet names and in input file
names. Each command then runs through the CLI, and every file it writes is checked:

* xlsx: no formula came from a cell (the formulas ledgerkit writes itself are listed in
  ``OWN_FORMULAS``), no hyperlinks, the hostile texts are there as plain text;
* csv: a text cell starting with ``= + - @ TAB CR`` is neutralized, numbers stay numbers;
* html/md drafts: escaped / literal (Jinja in a cell is never evaluated);
* draft file names stay inside the output folder and are never reserved names;
* every input is byte-identical afterwards, and an output equal to an input is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import importlib.util
import re
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from typer.testing import CliRunner

from ledgerkit.cli.app import app

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"
TEMPLATES = HERE.parent / "templates"

#: name → hostile text; each goes into text cells as text
HOSTILE = {
    "hyperlink": '=HYPERLINK("http://x","y")',
    "formula": "=1+1",
    "plus": "+SUM(A1)",
    "minus": "-2+3",
    "at": "@SUM(A1)",
    "tab": "\t=1",
    "cr": "\r=1",
    "dde": "=cmd|' /C calc'!A0",
    "script": "<script>alert(1)</script>",
    "jinja": "{{ 7*7 }}",
    "jinja_block": "{% for %}",
    "dotdot": "../../etc/passwd",
    "windows": "C:\\Windows\\x",
    "con": "CON",
    "aux": "aux.txt",
    "control": "a\x00b\x1b[31mred",
    "rtl": "abc\u202egpj.exe",
    "markup": "[link=http://evil]click[/link]",
}
#: texts that must reach an xlsx/csv output unchanged (as text)
FORMULA_LIKE = [HOSTILE[k] for k in ("hyperlink", "formula", "plus", "minus", "at", "dde")]
#: pieces of the hostile texts that no formula written by ledgerkit may contain
FORMULA_MARKERS = ("HYPERLINK", "1+1", "SUM(A1)", "2+3", "cmd", "calc")

#: the formulas ledgerkit writes itself (summary totals, chart helper block, budget ratio)
OWN_FORMULAS = [
    re.compile(r"=SUM\([A-Z]+\d+:[A-Z]+\d+\)"),
    re.compile(r"=0"),
    re.compile(r"=SUMPRODUCT\(--EXACT\(\$[A-Z]+\$\d+:\$[A-Z]+\$\d+,[A-Z]+\d+\),\$[A-Z]+\$\d+:\$[A-Z]+\$\d+\)"),
    re.compile(r'=IF\([A-Z]+\d+=0,"",[A-Z]+\d+/[A-Z]+\d+\)'),
]
#: first characters that make a spreadsheet run a CSV cell (OWASP)
RUNNABLE = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")

runner = CliRunner()


def run(*args) -> object:
    return runner.invoke(app, [str(a) for a in args])


# --- inputs --------------------------------------------------------------------------


def write_xlsx(path: Path, sheets: dict[str, list[list]]) -> Path:
    """Write rows with text as text (never a formula, URL or number), dates as dates."""
    wb = xlsxwriter.Workbook(
        str(path), {"strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False}
    )
    date_fmt = wb.add_format({"num_format": "yyyy/mm/dd"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None:
                    continue
                if isinstance(v, dt.date):
                    ws.write_datetime(r, c, dt.datetime(v.year, v.month, v.day), date_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write_number(r, c, v)
    wb.close()
    return path


def hours_rows() -> list[list]:
    rows = [["2026年10月 工数実績一覧"], [], ["日付", "氏名", "社員番号", "案件コード", "作業区分", "工数(h)", "備考"]]
    for i, text in enumerate(HOSTILE.values()):
        rows.append([dt.date(2026, 10, 1 + i), text, text, text, text, 1.5, text])
    rows.append([dt.date(2026, 10, 30), "山田", "E1", "A-1", "設計", 2, "普通の行"])
    return rows


INVOICE_HEADER = ["No", "受領日", "請求書番号", "請求日", "取引先名", "登録番号", "注文番号", "件名", "税率",
                  "税抜金額", "消費税", "税込金額", "支払期日", "案件", "備考"]
#: amounts written as text the way ledgers write negatives: all must come out as -1,000 / -100 / -1,100
NEGATIVES = [("-1,000", "-100", "-1,100"), ("△1,000", "△100", "△1,100"), ("(1,000)", "(100)", "(1,100)")]


def invoice_rows() -> list[list]:
    rows = [["受領請求書一覧 2026年10月分"], [], INVOICE_HEADER]
    for i, text in enumerate(HOSTILE.values()):
        rows.append([i + 1, dt.date(2026, 10, 5), text, dt.date(2026, 9, 30), text, text, text, text,
                     "10%", 100000, 10000, 110000, dt.date(2026, 10, 31), text, text])
    for k, (net, tax, total) in enumerate(NEGATIVES):
        rows.append([50 + k, dt.date(2026, 10, 5), f"RET-{k}", dt.date(2026, 9, 30), "株式会社返品", "T8700110005901",
                     "PO-9", "返品", "10%", net, tax, total, dt.date(2026, 10, 31), "A-1", net])
    return rows


@pytest.fixture
def hours_dir(tmp_path) -> Path:
    folder = tmp_path / "hours"
    folder.mkdir()
    # Excel allows = + - @ < > { } in sheet names; the file name carries them too
    write_xlsx(folder / "工数_=1+1_@x.xlsx", {"=HYPERLINK(1)": hours_rows(), "<b>{{ 7+7 }}": [["x"]]})
    return folder


@pytest.fixture
def invoices_dir(tmp_path) -> Path:
    folder = tmp_path / "invoices"
    folder.mkdir()
    write_xlsx(folder / "請求書_-2+3.xlsx", {"=1+1": invoice_rows()})
    return folder


def digests(*roots: Path) -> dict[Path, str]:
    """sha256 of every file under ``roots`` (files or folders)."""
    out = {}
    for root in roots:
        for p in [root] if root.is_file() else sorted(root.rglob("*")):
            if p.is_file():
                out[p] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


# --- outputs -------------------------------------------------------------------------


def xlsx_texts_and_formulas(path: Path) -> tuple[set[str], list[tuple[str, str, str]]]:
    """Every text value, and every (sheet, cell, formula), of a workbook; no hyperlinks allowed."""
    wb = openpyxl.load_workbook(path)
    texts, formulas = set(), []
    for ws in wb.worksheets:
        assert not ws._hyperlinks, f"{path.name}: {ws.title} has hyperlinks"
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append((ws.title, cell.coordinate, str(cell.value)))
                elif isinstance(cell.value, str):
                    texts.add(cell.value)
    assert not list(wb.defined_names), f"{path.name}: defined names"
    return texts, formulas


def assert_safe_xlsx(path: Path, *, own=OWN_FORMULAS, must_contain=FORMULA_LIKE) -> set[str]:
    texts, formulas = xlsx_texts_and_formulas(path)
    for sheet, ref, formula in formulas:
        assert not any(m in formula for m in FORMULA_MARKERS), f"{path.name}: {sheet}!{ref} {formula}"
        assert any(p.fullmatch(formula) for p in own), f"{path.name}: {sheet}!{ref}: unexpected formula {formula}"
    for text in must_contain:
        assert text in texts, f"{path.name}: {text!r} is not there as text"
    return texts


def csv_cells(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def assert_safe_csv(path: Path, *, must_contain=FORMULA_LIKE) -> list[list[str]]:
    rows = csv_cells(path)
    cells = [v for row in rows for v in row]
    for v in cells:
        if v.startswith(RUNNABLE):
            assert PLAIN_NUMBER.fullmatch(v), f"{path.name}: {v!r} would run in a spreadsheet"
    for text in must_contain:
        assert "'" + text in cells, f"{path.name}: {text!r} is not there, neutralized"
    return rows


# --- aggregate / inspect ---------------------------------------------------------------


def test_aggregate_hours_every_output_is_inert_and_inputs_unchanged(hours_dir, tmp_path):
    before = digests(hours_dir)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("report.xlsx", "rows.csv", "rows.json"):
        r = run("aggregate", hours_dir, "-o", out / name)
        assert r.exit_code == 0, r.output
    texts = assert_safe_xlsx(out / "report.xlsx")
    assert "{{ 7*7 }}" in texts and "<script>alert(1)</script>" in texts  # literal, not evaluated
    assert "=HYPERLINK(1)" in texts  # the sheet name, as text
    assert_safe_csv(out / "rows.csv")
    assert '"person": "=HYPERLINK(\\"http://x\\",\\"y\\")"' in (out / "rows.json").read_text(encoding="utf-8")
    r = run("aggregate", hours_dir, "-o", "-")
    assert r.exit_code == 0
    stdout_cells = [v for row in csv.reader(r.stdout.splitlines()) for v in row]
    assert "'=1+1" in stdout_cells and "=1+1" not in stdout_cells
    assert run("inspect", hours_dir).exit_code == 0
    assert digests(hours_dir) == before
    assert sorted(p.name for p in out.iterdir()) == ["report.xlsx", "rows.csv", "rows.json"]  # no partial files


def test_summary_chart_block_matches_text_exactly(hours_dir, tmp_path):
    """The chart's totals by project are formulas over the pivot: a project code like
    ``<script>`` or ``=1+1`` must not act as a SUMIF criterion (< > = * ? ~)."""
    out = tmp_path / "report.xlsx"
    assert run("aggregate", hours_dir, "--by", "project,person,month", "-o", out).exit_code == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    helpers = [c for row in ws.iter_rows() for c in row if c.data_type == "f" and "EXACT" in str(c.value)]
    assert helpers, "the chart block sums by exact text"
    assert not [c for row in ws.iter_rows() for c in row if c.data_type == "f" and "SUMIF" in str(c.value)]


def test_aggregate_invoices_negative_amounts_stay_numbers(invoices_dir, tmp_path):
    out = tmp_path / "rows.csv"
    r = run("aggregate", invoices_dir, "--kind", "invoices", "-o", out)
    assert r.exit_code == 0, r.output
    rows = assert_safe_csv(out)
    header = rows[0]
    net = header.index("net")
    returns = [row for row in rows[1:] if row[header.index("invoice_no")].startswith("RET-")]
    assert [row[net] for row in returns] == ["-1000", "-1000", "-1000"]
    xlsx = tmp_path / "rows.xlsx"
    assert run("aggregate", invoices_dir, "--kind", "invoices", "-o", xlsx).exit_code == 0
    assert_safe_xlsx(xlsx)
    wb = openpyxl.load_workbook(xlsx)
    values = [c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert values.count(-1000) >= 3  # numbers, not text


# --- check ----------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_check_invoices_findings_are_inert(invoices_dir, tmp_path, suffix):
    before = digests(invoices_dir)
    out = tmp_path / f"findings{suffix}"
    r = run("check", "invoices", invoices_dir, "-o", out, "--today", "2026-11-01")
    assert r.exit_code == 1, r.output  # the hostile 注文番号/登録番号 are findings
    if suffix == ".xlsx":
        assert_safe_xlsx(out)
    elif suffix == ".csv":
        assert_safe_csv(out, must_contain=[])
        assert not [v for row in csv_cells(out) for v in row if v.startswith(RUNNABLE) and not PLAIN_NUMBER.fullmatch(v)]
    assert digests(invoices_dir) == before


# --- refusing to overwrite an input ----------------------------------------------------


def test_output_equal_to_an_input_inside_a_folder_is_refused(invoices_dir, hours_dir):
    """Inputs given as a folder or a glob protect every workbook in them."""
    target = next(invoices_dir.glob("*.xlsx"))
    before = digests(invoices_dir, hours_dir)
    for args in (
        ("check", "invoices", invoices_dir, "-o", target, "--today", "2026-11-01"),
        ("check", "invoices", f"{invoices_dir}/*.xlsx", "-o", target, "--today", "2026-11-01"),
        ("check", "orders", invoices_dir, "-o", target),
        ("aggregate", invoices_dir, "--kind", "invoices", "-o", target),
    ):
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert r.stderr.strip().splitlines()[-1] == (
            f"Error: {target} には書き出しません: 入力ファイルの1つです ({target})。別の出力ファイル名にしてください"
        )
    hours_file = next(hours_dir.glob("*.xlsx"))
    r = run("aggregate", hours_dir, "-o", hours_file.with_suffix(".xlsx"))
    assert r.exit_code == 2
    assert digests(invoices_dir, hours_dir) == before


def test_a_report_already_in_the_input_folder_may_be_replaced(hours_dir, invoices_dir):
    report = invoices_dir / "findings.xlsx"
    args = ("check", "invoices", invoices_dir, "--today", "2026-11-01", "-o", report)
    assert run(*args).exit_code == 1
    r = run(*args, "--force")  # ledgerkit's own report: skipped on reading, replaced
    assert r.exit_code == 1, r.output
    assert "refusing" not in r.stderr
    rows = hours_dir / "rows.csv"
    assert run("aggregate", hours_dir, "-o", rows).exit_code == 0
    r = run("aggregate", hours_dir, "-o", rows, "--force")  # a CSV in the folder is read as an input next time
    assert r.exit_code == 2
    assert "入力ファイルの1つです" in r.stderr


@pytest.fixture(scope="module")
def attendance_examples(tmp_path_factory) -> Path:
    """The attendance sample workbooks (examples/make_attendance_examples.py) in a temporary folder."""
    tmp = tmp_path_factory.mktemp("attendance")
    spec = importlib.util.spec_from_file_location("make_attendance_examples", EXAMPLES / "make_attendance_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT, module.SHEETS, module.HERE = tmp / "attendance", tmp / "attendance" / "勤務表", tmp
    module.main()
    return tmp / "attendance"


def test_settle_never_overwrites_an_attendance_sheet_read_from_a_folder(attendance_examples):
    folder = attendance_examples / "勤務表"
    contracts = attendance_examples / "契約一覧.xlsx"
    before = digests(attendance_examples)
    target = sorted(folder.glob("*.xlsx"))[0]
    r = run("settle", folder, "-c", contracts, "-o", target)
    assert r.exit_code == 2, r.output
    assert r.stderr.strip() == (
        f"Error: {target} には書き出しません: 入力ファイルの1つです ({target})。別の出力ファイル名にしてください"
    )
    r = run("settle", folder, "-c", contracts, "-o", contracts)
    assert r.exit_code == 2
    assert digests(attendance_examples) == before


# --- the terminal ------------------------------------------------------------------------

TERMINAL_ACTIVE = ("\x1b", "\x00", "\u202e", "\x9b")


def assert_inert_terminal(text: str) -> None:
    for ch in TERMINAL_ACTIVE:
        assert ch not in text, f"{ch!r} reached the terminal"


def test_terminal_shows_cell_text_literally(hours_dir):
    """Cell text on the terminal is never rich markup nor an escape sequence."""
    r = run("aggregate", hours_dir)
    assert r.exit_code == 0, r.output
    assert "[link=http://evil]click[/link]" in r.stderr.replace("\n", "") or "[link=http://evil]" in r.stderr
    # control and bidi characters are either shown escaped or were dropped by the cell
    # parser (normalize removes invisible characters from codes): never sent raw
    assert ("a\\x00b\\x1b[31mred" in r.stderr or "ab[31mred" in r.stderr) and "gpj.exe" in r.stderr
    assert_inert_terminal(r.stderr)
    r = run("inspect", hours_dir)
    assert r.exit_code == 0, r.output
    assert_inert_terminal(r.stderr)


# --- drafts ------------------------------------------------------------------------------

REQUEST_HEADER = ["申請番号", "起案日", "部署", "起案者", "件名", "区分", "金額(税抜)", "予算科目", "予算内外", "取引先",
                  "実施時期", "目的"]


def requests_rows(texts=HOSTILE.values()) -> list[list]:
    """A 稟議 request list with one row per text (申請番号, 件名, 起案者, 取引先, 目的 …)."""
    rows = [["稟議申請一覧"], [], REQUEST_HEADER]
    for text in texts:
        rows.append([text, dt.date(2026, 12, 1), text, text, text, "購買", 100000, text, "予算内", text,
                     dt.date(2026, 12, 15), text])
    return rows


@pytest.fixture
def requests_xlsx(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    return write_xlsx(folder / "requests.xlsx", {"申請一覧": requests_rows()})


def template_formulas(name: str) -> set[str]:
    """The formulas of a bundled form, with row numbers taken out (lines re-base them)."""
    wb = openpyxl.load_workbook(TEMPLATES / name)
    return {re.sub(r"\d+", "#", str(c.value)) for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"}


def assert_drafts_stay_inside(out: Path, suffix: str, count: int) -> list[Path]:
    drafts = sorted(p for p in out.iterdir() if p.suffix == suffix)
    assert len(drafts) == count
    reserved = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
    for p in drafts:
        assert p.resolve().parent == out.resolve()
        assert p.name.split(".")[0].upper() not in reserved
        assert not p.name.startswith((".", "-")), p.name
        assert not re.search(r"[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]", p.name), p.name
    assert not [p for p in out.iterdir() if p.name.startswith(".")]  # no temporary files left
    return drafts


def test_draft_ringi_markdown_keeps_cell_text_literal(requests_xlsx, tmp_path):
    before = digests(requests_xlsx.parent)
    out = tmp_path / "md"
    r = run("draft-ringi", requests_xlsx, "--all", "-o", out)
    assert r.exit_code == 0, r.output
    drafts = assert_drafts_stay_inside(out, ".md", len(HOSTILE))  # \t=1 and \r=1 both read "=1": the second is =1_=1_2
    body = "".join(p.read_text(encoding="utf-8") for p in drafts)
    assert "{{ 7*7 }}" in body and "{% for %}" in body and "49" not in body  # never evaluated
    assert_inert_terminal(r.stderr)
    assert digests(requests_xlsx.parent) == before


def test_draft_ringi_html_escapes(requests_xlsx, tmp_path):
    out = tmp_path / "html"
    r = run("draft-ringi", requests_xlsx, "--all", "--template", "ringi.html.j2", "-o", out)
    assert r.exit_code == 0, r.output
    body = "".join(p.read_text(encoding="utf-8") for p in assert_drafts_stay_inside(out, ".html", len(HOSTILE)))
    assert "<script>alert" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body and "49" not in body


def test_draft_ringi_excel_form_takes_every_text_as_text(requests_xlsx, tmp_path):
    before = digests(requests_xlsx.parent)
    out = tmp_path / "xlsx"
    r = run("draft-ringi", requests_xlsx, "--all", "--template", "ringi.xlsx", "-o", out)
    assert r.exit_code == 0, r.output  # a control character in a cell does not stop the batch
    allowed = template_formulas("ringi.xlsx")
    texts: set[str] = set()
    for p in assert_drafts_stay_inside(out, ".xlsx", len(HOSTILE)):
        t, formulas = xlsx_texts_and_formulas(p)
        texts |= t
        assert {re.sub(r"\d+", "#", f) for _, _, f in formulas} <= allowed, p.name
    for text in [*FORMULA_LIKE, "{{ 7*7 }}", "<script>alert(1)</script>"]:
        assert text in texts
    # stored as Excel stores control characters, so Excel shows the cell's own text
    assert "a_x0000_b_x001B_[31mred" in texts
    manifest = assert_safe_csv(out / "manifest.csv", must_contain=FORMULA_LIKE[:2])
    assert all(len(row) == len(manifest[0]) for row in manifest)
    assert digests(requests_xlsx.parent) == before


# --- settle ------------------------------------------------------------------------------

CONTRACT_HEADER = ["要員名", "社員番号", "所属会社", "注文番号", "月額単価", "下限", "上限", "精算方法", "時間単位",
                   "単価端数", "契約開始", "契約終了"]
SETTLE_INVOICE_HEADER = ["受領日", "請求書番号", "取引先", "登録番号", "注文番号", "件名", "税抜金額", "消費税", "税込合計",
                         "支払期日"]


def test_settle_with_hostile_vendors_and_invoices(attendance_examples, tmp_path):
    """Vendor names, order and invoice numbers, 件名 from the inputs reach the settlement as text."""
    folder = tmp_path / "in"
    folder.mkdir()
    contracts = write_xlsx(folder / "契約_=1+1.xlsx", {"=契約": [
        ["SES契約"], [], CONTRACT_HEADER,
        ["高橋 健一", "20231045", HOSTILE["hyperlink"], HOSTILE["plus"], 550_000, 140, 180, "上下割", "15分",
         "10円未満切捨て", dt.date(2026, 4, 1), dt.date(2027, 3, 31)],
        ["伊藤 美咲", "", HOSTILE["markup"], HOSTILE["minus"], 640_000, 140, 180, "中割", "15分",
         "1円未満切捨て", dt.date(2026, 7, 1), dt.date(2026, 12, 31)],
    ]})
    invoices = write_xlsx(folder / "請求_@x.xlsx", {"@請求": [
        ["請求書一覧"], [], SETTLE_INVOICE_HEADER,
        [dt.date(2026, 11, 4), HOSTILE["at"], HOSTILE["hyperlink"], "T8700110005901", HOSTILE["plus"],
         HOSTILE["dde"], 500_000, 50_000, 550_000, dt.date(2026, 11, 30)],
        [dt.date(2026, 11, 5), HOSTILE["control"], HOSTILE["markup"], "T8700110005901", HOSTILE["minus"],
         HOSTILE["script"], 672_000, 67_200, 739_200, dt.date(2026, 11, 30)],
    ]})
    sheets = attendance_examples / "勤務表"
    before = digests(folder, sheets)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("settlement.xlsx", "settlement.csv"):
        r = run("settle", sheets, "-c", contracts, "--invoices", invoices, "-o", out / name)
        assert r.exit_code == 1, r.output  # the invoices do not bill the settled amounts
        assert_inert_terminal(r.stderr)
    texts = assert_safe_xlsx(out / "settlement.xlsx", must_contain=[HOSTILE["hyperlink"]])
    assert HOSTILE["markup"] in texts
    assert_safe_csv(out / "settlement.csv", must_contain=[HOSTILE["hyperlink"]])
    assert digests(folder, sheets) == before


# --- check orders and draft-po ---------------------------------------------------------------

ORDER_HEADER = ["注文番号", "発注日", "取引先", "品名", "数量", "単位", "単価", "金額", "税率", "納期", "納品場所", "支払期日",
                "支払方法", "備考"]
COMPANY_TOML = """
[company]
name = "株式会社サンプル製作所"
representative = "代表取締役 見本 太郎"
address = "東京都千代田区丸の内1-1-1"
tel = "03-0000-0000"
registration_no = "T9234567890123"
"""


@pytest.fixture
def orders_xlsx(tmp_path) -> Path:
    rows = [["発注一覧"], [], ORDER_HEADER]
    for i, text in enumerate(HOSTILE.values()):
        # one order per hostile text, two lines each: the form's line band repeats
        rows.append([f"PO-{i:02d}", dt.date(2026, 12, 1), text, text, 2, text, 1000, 2000, "10%",
                     dt.date(2026, 12, 15), text, dt.date(2027, 1, 31), text, text])
        rows.append([f"PO-{i:02d}", None, None, text + " 2", 1, "式", 500, 500, "10%", None, None, None, None, None])
    folder = tmp_path / "orders"
    folder.mkdir()
    return write_xlsx(folder / "orders_+x.xlsx", {"+発注": rows})


def test_check_orders_findings_are_inert(orders_xlsx, tmp_path):
    before = digests(orders_xlsx.parent)
    for name in ("findings.xlsx", "findings.csv"):
        r = run("check", "orders", orders_xlsx, "-o", tmp_path / name)
        assert r.exit_code in (0, 1), r.output
        assert_inert_terminal(r.stderr)
    assert_safe_xlsx(tmp_path / "findings.xlsx", must_contain=[HOSTILE["hyperlink"], HOSTILE["dde"]])
    assert_safe_csv(tmp_path / "findings.csv", must_contain=[])
    assert digests(orders_xlsx.parent) == before


@pytest.mark.parametrize("template", ["po.xlsx", "po.html.j2"])
def test_draft_po_every_order_is_inert(orders_xlsx, tmp_path, template):
    config = tmp_path / "ledgerkit.toml"
    config.write_text(COMPANY_TOML, encoding="utf-8")
    before = digests(orders_xlsx.parent)
    out = tmp_path / "po"
    r = run("draft-po", orders_xlsx, "--all", "--template", template, "-o", out, "--config", config,
            "--name", "{order_no}_{vendor}")
    assert r.exit_code == 0, r.output
    assert_inert_terminal(r.stderr)
    suffix = ".xlsx" if template == "po.xlsx" else ".html"
    drafts = assert_drafts_stay_inside(out, suffix, len(HOSTILE))
    if suffix == ".xlsx":
        allowed = template_formulas("po.xlsx")
        texts: set[str] = set()
        for p in drafts:
            t, formulas = xlsx_texts_and_formulas(p)
            texts |= t
            assert {re.sub(r"\d+", "#", f) for _, _, f in formulas} <= allowed, p.name
        for text in [*FORMULA_LIKE, "{{ 7*7 }}", HOSTILE["dde"] + " 2"]:
            assert any(text in t for t in texts), text
    else:
        body = "".join(p.read_text(encoding="utf-8") for p in drafts)
        assert "<script>alert" not in body and "&lt;script&gt;" in body
        assert "{{ 7*7 }}" in body and "49" not in body
    assert_safe_csv(out / "manifest.csv", must_contain=[])
    assert digests(orders_xlsx.parent) == before


# --- budget ----------------------------------------------------------------------------------


def test_budget_report_is_inert(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    budget = write_xlsx(folder / "予算_=1+1.xlsx", {"予算": [
        ["予算一覧"], ["案件コード", "案件名", "費目", "年月", "予算額"],
        ["A-1", HOSTILE["hyperlink"], "人件費", "2026年10月", 300_000],
        [HOSTILE["formula"], HOSTILE["script"], "人件費", "2026年10月", 100_000],
        [HOSTILE["markup"], HOSTILE["dde"], "外注費", "2026年10月", 50_000],
    ]})
    rates = write_xlsx(folder / "単価.xlsx", {"単価": [["氏名", "時間単価"], ["山田", "5,000円"]]})
    hours = folder / "hours"
    hours.mkdir()
    rows = [["工数"], ["日付", "氏名", "案件コード", "作業区分", "工数(h)", "備考"]]
    for i, code in enumerate(["A-1", HOSTILE["formula"], HOSTILE["markup"], HOSTILE["at"], HOSTILE["minus"]]):
        rows.append([dt.date(2026, 10, 1 + i), "山田", code, HOSTILE["dde"], 2, HOSTILE["hyperlink"]])
    write_xlsx(hours / "工数_2026年10月.xlsx", {"10月": rows})
    before = digests(folder)
    out = tmp_path / "out"
    out.mkdir()
    for name in ("budget.xlsx", "budget.csv"):
        r = run("budget", budget, "--hours", hours, "--rates", rates, "--fiscal-year", "2026", "-o", out / name)
        assert r.exit_code == 0, r.output
        assert_inert_terminal(r.stderr)
    texts = assert_safe_xlsx(out / "budget.xlsx", must_contain=[HOSTILE["hyperlink"], HOSTILE["formula"],
                                                                 HOSTILE["at"], HOSTILE["minus"]])
    assert HOSTILE["markup"] in texts
    wb = openpyxl.load_workbook(out / "budget.xlsx")
    for ws in wb.worksheets:  # conditional formats test ledgerkit's own status words only
        for cf in ws.conditional_formatting:
            for rule in cf.rules:
                assert not any(m in f for f in rule.formula for m in FORMULA_MARKERS)
    assert_safe_csv(out / "budget.csv", must_contain=[HOSTILE["formula"], HOSTILE["at"], HOSTILE["minus"]])
    assert digests(folder) == before
    r = run("budget", budget, "--hours", hours, "--rates", rates, "--fiscal-year", "2026",
            "-o", hours / "工数_2026年10月.xlsx")
    assert r.exit_code == 2 and "入力ファイルの1つです" in r.stderr
    assert digests(folder) == before


def test_formulas_in_an_input_arrive_as_their_values(tmp_path):
    """A formula cell of an input is read as the value Excel computed, never copied as a formula."""
    folder = tmp_path / "in"
    folder.mkdir()
    wb = xlsxwriter.Workbook(str(folder / "工数.xlsx"))
    ws = wb.add_worksheet("10月")
    for c, head in enumerate(["日付", "氏名", "案件コード", "工数(h)", "備考"]):
        ws.write_string(0, c, head)
    ws.write_datetime(1, 0, dt.datetime(2026, 10, 1), wb.add_format({"num_format": "yyyy/mm/dd"}))
    ws.write_formula(1, 1, '=HYPERLINK("http://x","山田")', None, "山田")
    ws.write_string(1, 2, "A-1")
    ws.write_formula(1, 3, "=1+1", None, 2)
    ws.write_formula(1, 4, '=cmd|\' /C calc\'!A0', None, "備考")
    wb.close()
    before = digests(folder)
    out = tmp_path / "report.xlsx"
    assert run("aggregate", folder, "-o", out).exit_code == 0
    texts = assert_safe_xlsx(out, must_contain=["山田", "備考"])
    wb = openpyxl.load_workbook(out)
    detail = wb.worksheets[1]
    heads = [c.value for c in detail[1]]
    assert [row[heads.index("時間")] for row in detail.iter_rows(min_row=2, values_only=True)] == [2]
    assert "=1+1" not in texts
    assert digests(folder) == before


# --- text longer than an Excel cell -------------------------------------------------------------

LONG = "長" * 40_000  # only a CSV can hold it; an Excel cell holds 32,767 characters


def test_text_longer_than_a_cell_is_cut_in_xlsx_and_kept_in_csv(tmp_path):
    """Issue 18.5: the report is written, the long cell cut with a visible marker; CSV keeps it whole."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "工数.csv").write_text(
        f"日付,氏名,案件コード,工数(h),備考\n2026/10/01,山田,A-1,2,{LONG}\n2026/10/02,=1+1,A-1,1,x\n",
        encoding="utf-8-sig")
    r = run("aggregate", folder, "-o", tmp_path / "report.xlsx")
    assert r.exit_code == 0, r.output
    detail = openpyxl.load_workbook(tmp_path / "report.xlsx")["明細"]
    marker = "…(以下省略: 全 40,000 文字)"
    cut = [c.value for row in detail.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith("長")]
    assert cut == ["長" * (32_767 - len(marker)) + marker]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in", "report.xlsx"]
    r = run("aggregate", folder, "-o", tmp_path / "rows.csv")
    assert r.exit_code == 0
    cells = [v for row in csv_cells(tmp_path / "rows.csv") for v in row]
    assert LONG in cells and "'=1+1" in cells  # nothing cut, nothing runnable


def test_text_longer_than_a_cell_stops_that_form_draft_only(tmp_path):
    source = tmp_path / "requests.csv"
    lines = [",".join(REQUEST_HEADER),
             ",".join(["R-1", "2026/12/01", "総務部", "山田", LONG, "購買", "100000", "消耗品費", "予算内", "アルファ",
                       "2026/12/15", "目的"]),
             ",".join(["R-2", "2026/12/01", "総務部", "山田", "=1+1", "購買", "100000", "消耗品費", "予算内", "アルファ",
                       "2026/12/15", "目的"])]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    out = tmp_path / "out"
    r = run("draft-ringi", source, "--all", "--template", "ringi.xlsx", "-o", out)
    assert r.exit_code == 2, r.output
    errors = [line for line in r.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and errors[0].endswith("稟議書!B8: 文字数 40,000 が Excel のセルに入る上限 (32,767) を超えています")
    assert sorted(p.name for p in out.iterdir()) == ["R-2_=1+1.xlsx", "manifest.csv"]


# --- left to the owners of cli_check.py / cli_budget.py / cli_common.py (active while this was written) ---


def test_check_table_shows_invoice_numbers_literally(tmp_path):
    rows = [["請求書一覧"], [], INVOICE_HEADER]
    for k, number in enumerate(["[/b]", "[b]x[/b]"]):
        rows.append([k, dt.date(2026, 10, 5), number, dt.date(2026, 9, 30), "株式会社テスト", "T123", "", "",
                     "10%", 100000, 10000, 110000, dt.date(2026, 10, 31), "", ""])
    path = write_xlsx(tmp_path / "inv.xlsx", {"s": rows})
    r = run("check", "invoices", path, "--today", "2026-11-01")
    assert r.exit_code == 1 and isinstance(r.exception, SystemExit)  # findings, not a crash
    assert "[/b]" in r.stderr and "[b]x[/b]" in r.stderr


def test_error_lines_never_carry_terminal_escapes(tmp_path):
    budget = write_xlsx(tmp_path / "予算.xlsx", {"予算": [
        ["予算一覧"], ["案件コード", "案件名", "費目", "年月", "予算額"], ["A-1", "x", "人件費", "2026年10月", 300_000]]})
    rates = write_xlsx(tmp_path / "単価.xlsx", {"単価": [["氏名", "時間単価"], ["山田", "5,000円"]]})
    hours = tmp_path / "hours"
    hours.mkdir()
    write_xlsx(hours / "工数_2026年10月.xlsx", {"10月": [
        ["日付", "氏名", "案件コード", "工数(h)"], [dt.date(2026, 10, 1), HOSTILE["control"], "A-1", 2],
        [dt.date(2026, 10, 2), HOSTILE["rtl"], "A-1", 2]]})
    r = run("budget", budget, "--hours", hours, "--rates", rates, "--fiscal-year", "2026")
    assert r.exit_code == 1  # people without a rate
    assert_inert_terminal(r.stderr)


# --- drafts never replace what they are made from; init and config show change nothing ---------


def test_drafts_written_beside_their_list_and_form_replace_neither(tmp_path):
    folder = tmp_path / "work"
    folder.mkdir()
    source = write_xlsx(folder / "R-1.xlsx", {"申請一覧": requests_rows(["R-1"])})
    form = folder / "ringi.xlsx"
    form.write_bytes((TEMPLATES / "ringi.xlsx").read_bytes())
    before = digests(folder)
    # "{申請番号}" names the draft R-1.xlsx (the list) and "ringi" would be the form: both are taken
    for name in ("{申請番号}", "ringi"):
        r = run("draft-ringi", source, "--row", "4", "--template", form, "-o", folder, "--name", name, "--force")
        assert r.exit_code == 0, r.output
    assert digests(folder)[source] == before[source] and digests(folder)[form] == before[form]
    assert sorted(p.name for p in folder.iterdir()) == ["R-1.xlsx", "R-1_2.xlsx", "ringi.xlsx", "ringi_2.xlsx"]
    csv_source = folder / "manifest.csv"
    csv_source.write_text(",".join(REQUEST_HEADER) + "\nR-9,2026/12/01,総務部,山田,件名,購買,100000,費目,予算内,取引先,"
                          "2026/12/15,目的\n", encoding="utf-8-sig")
    kept = csv_source.read_bytes()
    r = run("draft-ringi", csv_source, "--all", "-o", folder)
    assert r.exit_code == 2
    assert r.stderr == (f"Error: {csv_source.resolve()} には書き出しません: 下書きの元の一覧です。"
                        "別の出力フォルダを指定してください\n")
    assert csv_source.read_bytes() == kept


def test_init_and_config_show_change_no_existing_file(tmp_path):
    config = tmp_path / "ledgerkit.toml"
    config.write_text('[report]\nlang = "en"\n# =1+1 {{ 7*7 }}\n', encoding="utf-8")
    before = digests(tmp_path)
    r = run("config", "show", "--config", config)
    assert r.exit_code == 0, r.output
    r = run("init", tmp_path)
    assert r.exit_code == 2  # ledgerkit.toml exists: nothing written without --force
    assert digests(tmp_path) == before


def test_input_file_names_are_text_in_every_output(tmp_path, monkeypatch):
    """Run from the inputs' folder, the source_file column holds the file names as given."""
    monkeypatch.chdir(tmp_path)
    for name in ("=1+1.xlsx", "-2+3.xlsx", "@x.xlsx"):
        write_xlsx(tmp_path / name, {"10月": [["日付", "氏名", "案件コード", "工数(h)"],
                                              [dt.date(2026, 10, 1), f"山田{name[0]}", "A-1", 1]]})
    before = digests(tmp_path)
    r = run("aggregate", "-j", "1", "-o", "rows.csv", "--", "=1+1.xlsx", "-2+3.xlsx", "@x.xlsx")
    assert r.exit_code == 0, r.output
    assert_safe_csv(tmp_path / "rows.csv", must_contain=["=1+1.xlsx", "-2+3.xlsx", "@x.xlsx"])
    r = run("aggregate", "-j", "1", "-o", "report.xlsx", "--", "=1+1.xlsx", "-2+3.xlsx", "@x.xlsx")
    assert r.exit_code == 0, r.output
    assert_safe_xlsx(tmp_path / "report.xlsx", must_contain=["=1+1.xlsx", "-2+3.xlsx", "@x.xlsx"])
    after = digests(tmp_path)
    assert {p: after[p] for p in before} == before
