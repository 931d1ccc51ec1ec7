"""Declared lists (issue 16): any list declared as a kind is read with the same intake as the built-in
kinds — header synonyms, two-row headers, 合計 rows, 和暦 and 全角 — with exact totals, every row
accounted for, and the report checked cell by cell."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from list_books import SALES_KIND, Layout, sales_rows
from sheets import grid_rows, make_xlsx
from test_normalize import cell_values

import ledgerkit
from ledgerkit.config.loading import Config, load_config
from ledgerkit.intake.read import RawSheet
from ledgerkit.kinds.declared import FIELD_TYPES, FieldSpec, kind_from_table
from ledgerkit.lists import ListReader, summarize_list
from ledgerkit.lists.cells import FieldCells, Period
from ledgerkit.parse.amounts import parse_amount, parse_amount_with_basis, parse_rate
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import CellValueError, is_blank, normalize_text

EXAMPLES = Path(__file__).parent.parent / "examples"
SPEC = kind_from_table("sales", SALES_KIND)


def read(rows, spec=SPEC, *, name="10月", file="売上.xlsx", config=None):
    return ListReader(spec)(RawSheet(name, "visible", rows), file=file, config=config)


# --- every type is read by the one shared parser of its kind of cell ------------------------------


def _shared(ftype: str, v):
    """What the shared parser makes of ``v`` for a field of ``ftype``: ("ok", value) or ("error",)."""
    def whole(d):
        if d is not None and d != d.to_integral_value():
            raise CellValueError("x", v)
        return None if d is None else int(d)

    parsers = {
        "code": parse_code, "decimal": parse_amount, "hours": parse_hours, "rate": parse_rate,
        "int": lambda x: whole(parse_amount(x)), "yen": lambda x: whole(parse_amount_with_basis(x)[0]),
        "date": lambda x: parse_date(x, year=2026),
    }
    if ftype == "month":
        if is_blank(v) or (isinstance(v, str) and normalize_text(v).replace(" ", "") in ("-", "―", "－", "ー")):
            return ("ok", None)
        ym = parse_month(v)
        return ("error",) if ym is None else ("ok", month_label(ym[0] or 2026, ym[1]))
    if ftype == "text":
        return ("ok", None if is_blank(v) else (normalize_text(v if isinstance(v, str) else str(v)) or None))
    try:
        return ("ok", parsers[ftype](v))
    except CellValueError:
        return ("error",)


@pytest.mark.parametrize("ftype", [t for t in FIELD_TYPES if t != "text"])
@given(v=cell_values)
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_every_type_is_the_shared_parser(ftype, v):
    got = FieldCells(Period(year=2026)).read(FieldSpec("f", ftype), v)
    expected = _shared(ftype, v)
    if expected == ("error",):
        assert got.value is None and got.problem is not None and got.problem.code in ("list_bad_cell", "list_no_year")
    else:
        assert got.problem is None and got.value == expected[1], (v, got, expected)


@given(v=st.text(max_size=20))
def test_text_is_normalized_text(v):
    got = FieldCells().read(FieldSpec("f"), v)
    # a placeholder (-, ―) means nothing, as in every other column
    assert got.problem is None and got.value == (None if is_blank(v) else normalize_text(v) or None)


def test_cells_japanese_writers_use():
    cells = FieldCells(Period(year=2026, fiscal_year=2026))
    assert cells.read(FieldSpec("d", "date"), "令和8年10月1日").value == dt.date(2026, 10, 1)
    assert cells.read(FieldSpec("d", "date"), "1/5").value == dt.date(2026, 1, 5)
    fiscal = FieldCells(Period(fiscal_year=2026))
    assert fiscal.read(FieldSpec("d", "date"), "1/5").value == dt.date(2027, 1, 5)
    assert fiscal.read(FieldSpec("m", "month"), "1月").value == "2027-01"
    assert cells.read(FieldSpec("h", "hours"), "7時間30分").value == 7.5
    assert cells.read(FieldSpec("c", "code"), "００１２").value == "0012"
    assert cells.read(FieldSpec("r", "rate"), "軽減").value == Decimal("0.08")
    assert cells.read(FieldSpec("n", "int"), "1.5万").value == 15000
    assert cells.read(FieldSpec("n", "int"), "12.5").problem.code == "list_bad_cell"
    assert cells.read(FieldSpec("x", "decimal"), "１２．５").value == Decimal("12.5")
    nothing = FieldCells()
    assert nothing.read(FieldSpec("m", "month"), "10月").problem.code == "list_no_year"
    assert nothing.read(FieldSpec("d", "date"), "10/1").problem.code == "list_no_year"


# --- generated messy sheets add up exactly ------------------------------------------------------------

BRANCHES = ["東京", "大阪", "名古屋", "福岡", "ＳＡＰＰＯＲＯ"]
FY2026 = [(2026, m) for m in range(4, 13)] + [(2027, m) for m in range(1, 4)]

entries_st = st.lists(
    st.tuples(st.sampled_from(BRANCHES), st.sampled_from(FY2026), st.integers(-(10**9), 10**10)),
    min_size=1, max_size=12)
layout_st = st.builds(
    Layout, titles=st.integers(0, 2), two_row_header=st.booleans(), blank_after=st.none() | st.integers(0, 11),
    repeat_header_after=st.none() | st.integers(1, 10), total_row=st.booleans(),
    header_words=st.sampled_from([("支店", "年月", "区分", "売上高"), ("支店名", "対象月", "区分", "売上"),
                                  ("営業所", "月", "区分", "売上金額(円)")]))


@given(entries=entries_st, layout=layout_st, forms=st.lists(st.integers(0, 8), min_size=1, max_size=5))
@settings(max_examples=120, deadline=None)
def test_generated_sheets_give_exact_totals(entries, layout, forms):
    if layout.titles == 0:
        # a month written 10月 needs a year from a title; without one the forms that carry it
        forms = [f for f in forms if f % 7 != 6] or [0]
    r = read(sales_rows(entries, layout, forms=forms))
    assert [i for i in r.issues if i.rejected] == []
    assert r.rows_read == len(entries) == len(r.frame)
    expected: dict = {}
    for branch, (y, m), n in entries:
        key = (normalize_text(branch), month_label(y, m))
        expected[key] = expected.get(key, 0) + n
    got = r.frame.groupby(["branch", "month"])["amount"].sum().to_dict()
    assert got == expected
    # a 合計 row that is the sum of the rows is no data and no finding
    assert not [i for i in r.issues if i.code == "total_row_mismatch"]


def test_rows_that_cannot_be_used_name_their_row_column_and_type():
    rows = [["売上報告 令和8年10月"], ["支店", "年月", "区分", "売上", "件数"],
            ["東京", "10月", "商品", "1,000", 3],
            ["", "10月", "商品", "2,000", 1],          # no branch: required
            ["大阪", "10月", "商品", "未定", 2],         # an amount that is none
            ["名古屋", "十月", "商品", "3,000", 1],      # a month that is none
            ["福岡", "10月", "商品", "4,000", "三件"],   # not required: kept, the cell named
            ["合計", "", "", "10,000", 7]]
    spec = kind_from_table("sales", {**SALES_KIND, "fields": {**SALES_KIND["fields"],
                                                              "count": {"type": "int", "synonyms": ["件数"]}}})
    r = read(rows, spec)
    assert r.frame["branch"].tolist() == ["東京", "福岡"]
    assert r.frame["count"].iloc[0] == 3 and r.frame["count"].isna().iloc[1]
    found = [(i.code, i.row, i.column, i.severity, i.rejected, i.message("en")) for i in r.issues]
    assert found == [
        ("list_missing_required", 4, "支店", "error", True, "支店 is required and empty: the row is not consolidated"),
        ("list_bad_cell", 5, "売上", "error", True, "cannot read 売上 as yen: '未定'"),
        ("list_bad_cell", 6, "年月", "error", True, "cannot read 年月 as month: '十月'"),
        ("list_bad_cell", 7, "件数", "warning", False, "cannot read count as whole number: '三件'"),
        # once a row is rejected the sheet's own 合計 can no longer be checked against the rows
        ("total_row", 8, "", "info", False, "total row (合計/小計): not data"),
    ]
    assert r.issues[1].message("ja") == "売上を金額・円として読めません: '未定' (金額として読めません)"
    assert r.rows_read == 5 and len(r.frame) + sum(i.rejected for i in r.issues) == 5


def test_a_total_row_that_is_not_the_sum_of_the_rows_is_named():
    r = read([["支店", "年月", "売上"], ["東京", "R8.10", "1,000"], ["大阪", "R8.10", "△200"], ["合計", "", "900"]])
    assert len(r.frame) == 2
    assert [(i.code, i.row, i.column, i.message("en")) for i in r.issues] == [
        ("total_row", 4, "", "total row (合計/小計): not data"),
        ("total_row_mismatch", 4, "売上", "the total row's 売上 900 is not the sum of the rows above (800): "
                                         "check for missing or extra rows")]


def test_declared_checks_are_findings_on_kept_rows():
    spec = kind_from_table("k", {"fields": {
        "branch": {"synonyms": ["支店"], "required": True, "one_of": ["東京", "大阪"]},
        "code": {"type": "code", "synonyms": ["伝票番号"], "pattern": r"S-\d{4}"},
        "amount": {"type": "yen", "synonyms": ["売上"], "min": 0, "max": 1000000}}})
    r = read([["支店", "伝票番号", "売上"], ["東京", "S-0001", 500], ["神戸", "S-0002", 10], ["大阪", "s-3", -1],
              ["大阪", "S-0004", 2000000]], spec)
    assert len(r.frame) == 4
    assert [(i.code, i.row, i.severity, i.rejected) for i in r.issues] == [
        ("list_not_one_of", 3, "error", False), ("list_pattern", 4, "error", False),
        ("list_below_min", 4, "error", False), ("list_above_max", 5, "error", False)]
    assert r.issues[0].message("en") == "branch '神戸' is none of the declared values (東京, 大阪)"


def test_a_field_given_once_above_the_table():
    rows = [["売上報告 令和8年11月"], ["支店名：東京支店"], [], ["年月", "区分", "売上高"], ["11月", "商品", 100],
            ["11月", "保守", "１２０，０００"]]
    r = read(rows, name="11月")
    assert r.frame[["branch", "month", "amount"]].values.tolist() == [["東京支店", "2026-11", 100],
                                                                      ["東京支店", "2026-11", 120000]]
    assert r.mapping["branch"] == "東京支店 (A2)"
    # a label inside the table's own header is no such value: 年月 is a column here
    assert r.mapping["month"] == "年月"


def test_a_sheet_without_the_table_says_what_it_needs():
    r = read([["支店", "売上"], ["東京", 100]])
    assert r.frame is None and [(i.code, i.message("en")) for i in r.issues] == [
        ("no_table", "no sales table found (needs columns: 支店 + 年月 + 売上)")]
    assert read([["", ""], ["", ""]]).issues[0].code == "empty_sheet"


def test_a_kind_of_one_field():
    spec = kind_from_table("names", {"fields": {"name": {"synonyms": ["氏名"], "required": True}}})
    r = read([["名簿"], ["氏名"], ["山田"], ["佐藤"]], spec)
    assert r.frame["name"].tolist() == ["山田", "佐藤"]


# --- many files: repeats, disagreements, unique values --------------------------------------------


@pytest.fixture
def branch_files(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    make_xlsx(folder / "東京.xlsx", {"10月": sales_rows([("東京", (2026, 10), 1_000), ("東京", (2026, 11), 2_000)],
                                                        Layout(), forms=[1])})
    # sent again with the same rows: counted once
    make_xlsx(folder / "東京_再送.xlsx", {"10月": sales_rows([("東京", (2026, 10), 1_000)], Layout(titles=2), forms=[3])})
    # the same branch and month with another amount: kept in both, listed
    make_xlsx(folder / "大阪.xlsx", {"a": sales_rows([("大阪", (2026, 10), 500)], Layout(), forms=[0]),
                                     "b": sales_rows([("大阪", (2026, 10), 700)], Layout(), forms=[0])})
    return folder


def test_repeats_across_files_count_once_and_disagreements_are_listed(branch_files):
    result = ledgerkit.aggregate(branch_files, kind=SALES_KIND | {"name": "sales"})
    assert result.kind == "sales" and result.stats.balanced
    assert result.frame.groupby(["branch", "month"])["amount"].sum().to_dict() == {
        ("大阪", "2026-10"): 1_200, ("東京", "2026-10"): 1_000, ("東京", "2026-11"): 2_000}
    codes = {(i.code, Path(i.file).name, i.sheet, i.row) for i in result.issues if i.code.startswith("list_")}
    assert codes == {("list_duplicate_row", "東京_再送.xlsx", "10月", 4),
                     ("list_conflicting_row", "大阪.xlsx", "b", 3)}
    conflict = next(i for i in result.issues if i.code == "list_conflicting_row")
    assert conflict.message("en").endswith("but different values (売上 700 / 500): both are consolidated; check which is right")
    assert (result.stats.rows_read, result.stats.rows_consolidated, result.stats.rows_rejected) == (5, 4, 1)


def test_a_blank_figure_in_the_key_is_a_value_like_any_other(tmp_path):
    # 件数 left blank in a row and in its copy: the copy is a repeat (a blank is not a crash)
    spec = kind_from_table("s", {"fields": {"branch": {"synonyms": ["支店"], "required": True},
                                            "count": {"type": "int", "synonyms": ["件数"]}}, "key": "branch,count"})
    make_xlsx(tmp_path / "a.xlsx", {"s": [["支店", "件数"], ["東京", None], ["東京", 3]]})
    make_xlsx(tmp_path / "b.xlsx", {"s": [["支店", "件数"], ["東京", ""]]})
    result = ledgerkit.aggregate(tmp_path, kind=spec)
    assert result.frame["count"].tolist()[1] == 3 and len(result.frame) == 2
    assert [(i.code, Path(i.file).name, i.row) for i in result.issues] == [("list_duplicate_row", "b.xlsx", 2)]


def test_a_key_held_twice_in_one_sheet_and_once_in_another_names_the_difference(tmp_path):
    """The first rows of both sheets alike, the first sheet holding the key twice: the disagreement
    was listed with nothing in its parentheses ("値が食い違っています ()"); it now says the row counts."""
    make_xlsx(tmp_path / "a.xlsx", {"s": [["支店", "年月", "区分", "売上"], ["東京", "2026-10", None, 100],
                                          ["東京", "2026-10", None, 200]]})
    make_xlsx(tmp_path / "b.xlsx", {"s": [["支店", "年月", "区分", "売上"], ["東京", "2026-10", None, 100]]})
    result = ledgerkit.aggregate(tmp_path, kind=SALES_KIND | {"name": "sales"})
    conflict = next(i for i in result.issues if i.code == "list_conflicting_row")
    assert (Path(conflict.file).name, conflict.row) == ("b.xlsx", 2)
    assert conflict.message("ja").split(" と値が")[1] == (
        "食い違っています (行数 1 / 2) — 両方を集計しています。どちらが正しいか確認してください")
    assert conflict.message("en").endswith("but different values (rows 1 / 2): both are consolidated; check which is right")
    assert result.frame["amount"].sum() == 400 and result.stats.balanced


def test_unique_values_across_files(tmp_path):
    spec = kind_from_table("assets", {"fields": {"no": {"type": "code", "synonyms": ["資産番号"], "unique": True},
                                                 "name": {"synonyms": ["資産名"]}}, "sort": "no"})
    make_xlsx(tmp_path / "a.xlsx", {"台帳": [["資産番号", "資産名"], ["0012", "PC"], ["0003", "机"]]})
    make_xlsx(tmp_path / "b.xlsx", {"台帳": [["資産番号", "資産名"], ["００１２", "椅子"]]})
    result = ledgerkit.aggregate(tmp_path, kind=spec)
    assert result.frame["no"].tolist() == ["0003", "0012", "0012"]
    [issue] = [i for i in result.issues if i.code == "list_not_unique"]
    assert (Path(issue.file).name, issue.row, issue.severity) == ("b.xlsx", 2, "error")
    assert issue.message("en").startswith("no '0012' is also in ") and issue.message("en").endswith("a.xlsx / 台帳 / row 2 (no must be unique)")


def test_the_sales_example_adds_up_to_its_figures():
    spec_ = importlib.util.spec_from_file_location("make_sales_examples", EXAMPLES / "make_sales_examples.py")
    module = importlib.util.module_from_spec(spec_)
    spec_.loader.exec_module(module)
    config = load_config(EXAMPLES / "sales.toml")
    result = ledgerkit.aggregate(EXAMPLES / "sales", kind="sales", config=config)
    assert result.frame.groupby(["branch", "month"])["amount"].sum().to_dict() == module.EXPECTED
    assert sum(module.EXPECTED.values()) == 7_703_000
    s = result.stats
    assert (s.files_read, s.rows_read, s.rows_consolidated, s.rows_rejected) == (5, 18, 15, 3)
    assert sorted(i.code for i in result.issues if i.severity != "info") == [
        "list_bad_cell", "list_duplicate_row", "list_duplicate_row"]


# --- the report, cell by cell -----------------------------------------------------------------------


def test_report_summary_detail_and_issues(tmp_path, branch_files):
    result = ledgerkit.aggregate(branch_files, kind=SALES_KIND | {"name": "sales"})
    out = tmp_path / "report.xlsx"
    result.write(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["集計", "明細", "問題一覧"]
    summary = [list(r) for r in wb["集計"].iter_rows(min_row=1, max_row=6, max_col=4, values_only=True)]
    # the title says what, which months and how many files; the months across as a person writes them
    assert summary[0][0] == f"支店別売上 2026年10月〜2026年11月 (ファイル {result.stats.files_read} 件)"
    assert summary[2] == ["支店", "2026年10月", "2026年11月", "合計"]
    assert summary[3][:3] == ["大阪", 1200, 0] and summary[4][:3] == ["東京", 1000, 2000]
    assert summary[5][:3] == ["合計", "=SUM(B4:B5)", "=SUM(C4:C5)"]
    detail = wb["明細"]
    assert [c.value for c in detail[1]] == ["支店", "年月", "区分", "売上", "元ファイル", "元シート", "元行"]
    assert detail.oddHeader.left.text == f"支店別売上 明細 2026年10月〜2026年11月 (ファイル {result.stats.files_read} 件)"
    assert detail["D2"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ ' and isinstance(detail["D2"].value, int)
    issues = [r for r in wb["問題一覧"].iter_rows(min_row=2, values_only=True)]
    warned = [(r[0], r[2].replace(str(branch_files) + "/", ""), Path(r[3]).name, r[4], r[5], r[8]) for r in issues
              if r[0] == "警告"]
    assert warned == [
        ("警告", "支店, 年月, 区分 が同じ 大阪.xlsx / a / 3行 と値が食い違っています (売上 700 / 500) — 両方を集計しています。"
                 "どちらが正しいか確認してください", "大阪.xlsx", "b", 3, "list_conflicting_row"),
        ("警告", "東京.xlsx / 10月 / 3行 と同じ行です (支店, 年月, 区分 も値もすべて同じ) — 1回だけ数えます",
         "東京_再送.xlsx", "10月", 4, "list_duplicate_row")]
    # in English the other place says "row 3"
    english = {i.code: i.message("en").replace(str(branch_files) + "/", "") for i in result.issues
               if i.severity == "warning"}
    assert english["list_duplicate_row"] == (
        "the same row as 東京.xlsx / 10月 / row 3 (same 支店, 年月, 区分, same values): counted once")
    assert english["list_conflicting_row"].startswith("same 支店, 年月, 区分 as 大阪.xlsx / a / row 3 but different values")
    assert sum(r[8] == "total_row" for r in issues) == 4
    # printed: A4 landscape, one page wide, the heading row on every page of the lists
    # (the summary is planned by its width: portrait or landscape, never below 70 %, its heading row repeated)
    assert [ws.page_setup.paperSize for ws in wb.worksheets] == [9, 9, 9]
    summary_setup = wb["集計"].page_setup
    assert (summary_setup.scale or 100) >= 70 and wb["集計"].print_title_rows == "$3:$3"
    for ws in (detail, wb["問題一覧"]):
        # either at a scale of 70 % or more, or one page wide and as long as it takes
        fit = ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
        assert (fit and ws.page_setup.fitToHeight == 0) or (ws.page_setup.scale or 100) >= 70
    assert (detail.print_title_rows, wb["問題一覧"].print_title_rows) == ("$1:$1", "$1:$1")
    # in English the headings are the fields' names
    result.write(tmp_path / "en.xlsx", lang="en")
    en = openpyxl.load_workbook(tmp_path / "en.xlsx")
    assert en.sheetnames == ["Summary", "Detail", "Issues"]
    assert [c.value for c in en["Detail"][1]][:4] == ["branch", "month", "category", "amount"]


def test_several_value_fields_get_a_summary_each_and_csv_has_the_rows(tmp_path):
    spec = kind_from_table("s", {"fields": {"branch": {"synonyms": ["支店"], "label": "支店"},
                                            "amount": {"type": "yen", "synonyms": ["売上"], "label": "売上"},
                                            "hours": {"type": "hours", "synonyms": ["工数"], "label": "工数"}}})
    make_xlsx(tmp_path / "a.xlsx", {"s": [["支店", "売上", "工数"], ["東京", 100, "7:30"], ["東京", 50, 1]]})
    result = ledgerkit.aggregate(tmp_path / "a.xlsx", kind=spec)
    result.write(tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "r.xlsx")
    assert wb.sheetnames == ["集計", "集計 (工数)", "明細", "問題一覧"]
    assert wb["集計 (工数)"]["A1"].value == "s — 工数 (ファイル 1 件)" and wb["集計 (工数)"]["B4"].value == 8.5
    result.write(tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()[:2] == [
        "branch,amount,hours,source_file,source_sheet,source_row", f"東京,100,7.5,{tmp_path / 'a.xlsx'},s,2"]


def test_summary_keeps_blank_groups_and_exact_decimals():
    import pandas as pd

    spec = kind_from_table("s", {"fields": {"b": {"synonyms": ["b"]}, "x": {"type": "decimal", "synonyms": ["x"]}}})
    frame = pd.DataFrame({"b": ["a", None, "a"], "x": [Decimal("0.1"), Decimal("0.2"), Decimal("0.2")]})
    pivot = summarize_list(frame, spec, ["b"])
    assert pivot["x"].to_dict() == {"(空欄)": Decimal("0.2"), "a": Decimal("0.3")}


# --- a field added to a built-in kind -------------------------------------------------------------


def test_a_field_added_to_hours_is_read_from_its_column(tmp_path):
    config = Config()
    config.data["kinds"]["hours"] = {"fields": {"client": {"type": "code", "synonyms": ["顧客コード"], "required": True},
                                                "due": {"type": "date", "synonyms": ["納期"]}}}
    make_xlsx(tmp_path / "long.xlsx", {"10月": [["2026年10月 工数"], ["日付", "氏名", "案件", "工数", "顧客コード", "納期"],
                                               ["2026/10/01", "山田", "A-1", 7.5, "C-01", "10/31"],
                                               ["2026/10/02", "山田", "A-1", 2, "", "11/30"],
                                               ["2026/10/03", "山田", "A-1", 3, "C-02", "いつか"]]})
    make_xlsx(tmp_path / "工数_2026年11月_鈴木.xlsx",
              {"鈴木": grid_rows(2026, 11, {("A-1", "設計"): {2: 8}}, title="2026年11月")})
    result = ledgerkit.aggregate(tmp_path, kind="hours", config=config)
    rows = result.frame.sort_values("date")
    assert rows["client"].tolist() == ["C-01", "C-02", None]
    assert rows["due"].iloc[0] == pd_ts("2026-10-31") and rows["due"].iloc[1:].isna().all()
    found = {(i.code, i.row, i.severity, i.rejected) for i in result.issues if i.code.startswith("list_")}
    assert ("list_missing_required", 4, "error", True) in found
    assert ("list_bad_cell", 5, "warning", False) in found
    assert ("list_field_missing", None, "warning", False) in found  # the day grid keeps no other column
    assert result.stats.balanced


def pd_ts(text):
    import pandas as pd

    return pd.Timestamp(text)
