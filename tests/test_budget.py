"""Budget vs actual: budget layouts, units, rates, labor cost, status, forecast, report, CLI.

Every figure below is worked out by hand in the comment next to it.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from ledgerkit.budget.budgets import read_budget
from ledgerkit.budget.comparison import compare_budget
from ledgerkit.budget.labor import labor_cost
from ledgerkit.parse.periods import fiscal_year_from_text, parse_month
from ledgerkit.budget.rates import Rates, read_rates
from ledgerkit.budget.report import write_budget_report
from ledgerkit.cli.app import app
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import DataError, InputError

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FY_MONTHS = ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月"]


def xlsx(path: Path, sheets: dict, merges: dict | None = None) -> Path:
    """Write sheets (name → rows); ('=F', value) writes a formula with its cached value."""
    wb = xlsxwriter.Workbook(str(path), {"strings_to_numbers": False})
    date_fmt = wb.add_format({"num_format": "yyyy/m"})
    for name, rows in sheets.items():
        ws = wb.add_worksheet(name)
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, tuple):
                    ws.write_formula(r, c, v[0], None, v[1])
                elif isinstance(v, (dt.date, dt.datetime)):
                    ws.write_datetime(r, c, v if isinstance(v, dt.datetime) else dt.datetime(v.year, v.month, v.day), date_fmt)
                elif isinstance(v, str):
                    ws.write_string(r, c, v)
                else:
                    ws.write(r, c, v)
        for r0, c0, r1, c1 in (merges or {}).get(name, []):
            ws.merge_range(r0, c0, r1, c1, rows[r0][c0])
    wb.close()
    return path


def en() -> Config:
    config = Config()
    config.data["report"]["lang"] = "en"
    return config


def by_project(table) -> dict[str, int]:
    return {k: int(v) for k, v in table.frame.groupby("project", sort=False)["budget"].sum().items()}


def codes(issues) -> list[str]:
    return [i.code for i in issues]


# --- budget layouts ------------------------------------------------------------------------


def wide_fy_budget(tmp_path: Path, name: str = "予算.xlsx") -> Path:
    """The PMO sheet: title with 年度 and 単位：千円, 4月…3月 with 上期計/年間計, a 合計 row."""
    header = ["案件", "案件名", *FY_MONTHS[:6], "上期計", *FY_MONTHS[6:], "年間計"]
    a = [0, 0, 0, 0, 0, 100, 200, 200, 200, 200, 200, 100]  # 1,200 千円
    b = [50] * 12  # 600 千円
    def line(code, title, v):
        return [code, title, *v[:6], sum(v[:6]), *v[6:], sum(v)]
    rows = [
        ["2026年度 案件別予算", "", "", "", "", "", "", "", "", "", "", "", "", "", "(単位：千円)"],
        ["※ 10月見直し後"],
        [],
        header,
        line("A-1", "新システム", a),
        line("B-2", "保守", b),
        ["合計", "", *[x + y for x, y in zip(a[:6], b[:6])], 350, *[x + y for x, y in zip(a[6:], b[6:])], 1800],
    ]
    return xlsx(tmp_path / name, {"予算": rows})


def test_wide_fiscal_months_units_and_totals(tmp_path):
    table = read_budget(wide_fy_budget(tmp_path))
    # 千円 × 1,000: A-1 = 1,200千円, B-2 = 600千円
    assert by_project(table) == {"A-1": 1_200_000, "B-2": 600_000}
    assert table.meta["fiscal_year"] == 2026
    a = table.frame[table.frame["project"] == "A-1"].set_index("month")["budget"]
    # explicit zeros are kept as zero; 1月 belongs to the next calendar year
    assert a.to_dict() == {"2026-04": 0, "2026-05": 0, "2026-06": 0, "2026-07": 0, "2026-08": 0, "2026-09": 100_000, "2026-10": 200_000, "2026-11": 200_000, "2026-12": 200_000,
                           "2027-01": 200_000, "2027-02": 200_000, "2027-03": 100_000}
    assert set(table.frame["project_name"]) == {"新システム", "保守"}
    found = codes(table.issues)
    assert found.count("total_column") == 2 and "total_row" in found and "budget_unit" in found
    assert [i.row for i in table.issues if i.code == "total_row"] == [7]  # the 合計 row, as Excel numbers it
    assert "budget_total_mismatch" not in found
    # every figure keeps its source cell
    row = table.frame.iloc[0]
    assert (row["source_sheet"], int(row["source_row"]), row["column"]) == ("予算", 5, "4月")


def test_wide_million_yen_and_fractions(tmp_path):
    rows = [["単位:百万円"], ["案件", "2026年10月", "2026年11月"], ["X", 1.2345, "0.5"], ["Y", "1.2345678", 1]]
    table = read_budget(xlsx(tmp_path / "m.xlsx", {"s": rows}))
    # 1.2345 百万円 = 1,234,500; "0.5" = 500,000; 1.2345678 百万円 = 1,234,567.8円 → 1,234,568 (half up, reported)
    assert table.frame.set_index(["project", "month"])["budget"].to_dict() == {
        ("X", "2026-10"): 1_234_500, ("X", "2026-11"): 500_000, ("Y", "2026-10"): 1_234_568, ("Y", "2026-11"): 1_000_000}
    rounded = [i for i in table.issues if i.code == "budget_rounded"]
    assert len(rounded) == 1 and rounded[0].row == 4 and rounded[0].severity == "warning"


def test_date_headers_need_no_fiscal_year(tmp_path):
    rows = [["案件", dt.date(2026, 10, 1), dt.date(2026, 11, 1), "合計"], ["P", 1000, "2,000円", 3000]]
    table = read_budget(xlsx(tmp_path / "d.xlsx", {"Sheet1": rows}))
    assert table.frame.set_index("month")["budget"].to_dict() == {"2026-10": 1000, "2026-11": 2000}
    assert table.meta["fiscal_year"] is None


def test_months_without_year_need_a_fiscal_year(tmp_path):
    rows = [["案件", *FY_MONTHS], ["P", *[10] * 12]]
    path = xlsx(tmp_path / "予算表.xlsx", {"Sheet1": rows})
    with pytest.raises(InputError) as e:
        read_budget(path)
    assert "--fiscal-year" in str(e.value) and "予算表.xlsx / Sheet1" in str(e.value)
    table = read_budget(path, fiscal_year=2027)
    months = list(table.frame["month"])
    assert months[0] == "2027-04" and months[-1] == "2028-03" and len(months) == 12


def test_fiscal_year_from_file_name_and_start_month(tmp_path):
    rows = [["案件", "1月", "2月", "12月"], ["P", 1, 2, 12]]
    path = xlsx(tmp_path / "予算_2026年度.xlsx", {"Sheet1": rows})
    # April start: 1月 and 2月 are in 2027
    assert list(read_budget(path).frame["month"]) == ["2027-01", "2027-02", "2026-12"]
    # calendar-year company (start_month = 1): all in 2026
    config = Config()
    config.data["fiscal_year"]["start_month"] = 1
    assert list(read_budget(path, config=config).frame["month"]) == ["2026-01", "2026-02", "2026-12"]


def test_long_table(tmp_path):
    rows = [
        ["予算一覧 (単位：千円)"],
        ["案件コード", "費目", "年月", "予算額"],
        ["A-1", "人件費", "2026年10月", 300],
        ["A-1", "外注費", dt.date(2026, 10, 1), "1,000"],
        ["A-1", "人件費", "R8.11", 300],
        ["B-2", "人件費", "2026-11", "▲50"],
        ["小計", "", "", 1550],
        ["C-3", "人件費", "10月", 5],
    ]
    path = xlsx(tmp_path / "long.xlsx", {"一覧": rows})
    table = read_budget(path)
    # 300 + 1,000 + 300 千円 = 1,600,000; ▲50千円 = -50,000; 10月 without a year: rejected, reported
    assert by_project(table) == {"A-1": 1_600_000, "B-2": -50_000}
    bad = [i for i in table.issues if i.code == "budget_month_no_year"]
    assert len(bad) == 1 and bad[0].row == 8 and bad[0].rejected
    # with a fiscal year, 10月 is 2026-10
    assert by_project(read_budget(path, fiscal_year=2026))["C-3"] == 5000


def test_annual_budget_spread_evenly(tmp_path):
    rows = [["案件", "年間予算"], ["P", 1000], ["Q", "1,200,000"]]
    path = xlsx(tmp_path / "2026年度予算.xlsx", {"s": rows})
    table = read_budget(path)
    assert list(table.frame["month"]) == ["", ""]
    assert codes(table.issues).count("budget_annual_only") == 2
    hours = pd.DataFrame({"project": ["Q"], "person": ["a"], "month": ["2026-06"], "hours": [1.0]})
    result = compare_budget(table, hours, {"a": 1000}, through="2026-06")
    budget = result.frame.set_index("project")["budget"]
    # through June = 3 of 12 months: 1,000 × 3/12 = 250; 1,200,000 × 3/12 = 300,000
    assert int(budget["P"]) == 250 and int(budget["Q"]) == 300_000
    # the months of P add up to the annual 1,000 exactly (83, 84, 83, …, cumulatively rounded)
    p = result.tables["monthly"][result.tables["monthly"]["project"] == "P"]
    assert int(p["budget"].sum()) == 1000
    assert list(p["budget"][:3]) == [83, 84, 83]


def test_budget_and_actual_columns_under_each_month(tmp_path):
    rows = [
        ["案件", "10月", "10月", "11月", "11月", "年間計"],
        ["案件", "予算", "実績", "予算", "実績", "予算"],
        ["P", 100, 90, 200, 0, 300],
    ]
    merges = {"s": [(0, 0, 1, 0), (0, 1, 0, 2), (0, 3, 0, 4)]}
    table = read_budget(xlsx(tmp_path / "2026年度.xlsx", {"s": rows}, merges), fiscal_year=2026)
    assert table.frame.set_index("month")["budget"].to_dict() == {"2026-10": 100, "2026-11": 200}
    assert codes(table.issues).count("budget_other_column") == 2


def test_items_under_a_merged_project_and_subtotals(tmp_path):
    rows = [
        ["FY2026 予算"],
        ["PJ", "費目", "10月", "11月", "年間計"],
        ["A-1", "人件費", 100, 100, 200],
        ["", "外注費", 50, 50, 120],  # 年間計 typed wrong: 100 ≠ 120
        ["", "小計", 150, 150, 300],
        ["B-2", "人件費", 10, "", 10],
        ["", "", 5, "", 5],  # no project, no item: rejected, reported
    ]
    table = read_budget(xlsx(tmp_path / "i.xlsx", {"s": rows}, {"s": [(2, 0, 4, 0)]}))
    assert table.frame.groupby(["project", "item"])["budget"].sum().to_dict() == {
        ("A-1", "人件費"): 200, ("A-1", "外注費"): 100, ("B-2", "人件費"): 10}
    found = {i.code: i for i in table.issues}
    assert found["budget_total_mismatch"].row == 4
    assert found["budget_total_mismatch"].params == {"months": "100", "column": "年間計", "total": "120"}
    assert found["total_row"].row == 5
    assert found["budget_no_project"].row == 7 and found["budget_no_project"].rejected


def test_unreadable_budget_cell_is_an_error_not_a_zero(tmp_path):
    rows = [["案件", "2026-10", "2026-11"], ["P", "未定", 100]]
    table = read_budget(xlsx(tmp_path / "u.xlsx", {"s": rows}))
    assert by_project(table) == {"P": 100}
    bad = [i for i in table.issues if i.code == "bad_cell"]
    assert len(bad) == 1 and (bad[0].row, bad[0].column, bad[0].severity) == (2, "2026-10", "error")


def test_a_line_budgeted_twice_names_the_first_row_in_the_message_language(tmp_path):
    rows = [["案件", "費目", "2026-10"], ["A-1", "人件費", 100], ["A-1", "人件費", 50]]
    table = read_budget(xlsx(tmp_path / "b.xlsx", {"s": rows}))
    dup = [i for i in table.issues if i.code == "budget_duplicate"]
    assert [(i.row, i.severity) for i in dup] == [(3, "warning")]
    assert dup[0].message() == "A-1 の 2026-10 の予算が s / 2行 にもあります (両方を合計します)"
    assert dup[0].message("en") == "A-1, 2026-10: budgeted again at s / row 2 (both are added)"


def test_no_budget_table(tmp_path):
    path = xlsx(tmp_path / "memo.xlsx", {"メモ": [["議事録"], ["特になし"]]})
    with pytest.raises(InputError, match="memo.xlsx: 予算表が見つかりません"):
        read_budget(path)


def test_two_units_are_refused(tmp_path):
    rows = [["単位：千円"], ["案件", "2026-10 (百万円)", "2026-11 (百万円)"], ["P", 1, 2]]
    path = xlsx(tmp_path / "t.xlsx", {"s": rows})
    with pytest.raises(InputError, match=r"t.xlsx / s: two units are written \(千円, 百万円\)"):
        read_budget(path, config=en())
    with pytest.raises(InputError, match=r"t.xlsx / s: 金額の単位が2つ書かれています \(千円, 百万円\)"):
        read_budget(path)


# --- rates -----------------------------------------------------------------------------------


def test_rates_by_grade_and_person(tmp_path):
    path = xlsx(tmp_path / "rates.xlsx", {
        "単価表": [["単価表"], ["等級", "時間単価"], ["S1", "5,000円"], ["S2", "6,500円"]],
        "要員": [["氏名", "等級"], ["山田 太郎", "S2"], ["佐藤　花子", "s1"]],
        "個別": [["氏名", "人月単価"], ["鈴木 一郎", "800,000"], ["伊藤", "9,600円/日"]],
    })
    rates = read_rates(path)
    assert rates.per_hour("山田太郎") == 6500
    assert rates.per_hour("佐藤 花子") == 5000  # grade written in lower case and full-width space
    assert rates.per_hour("鈴木一郎") == 5000  # 800,000 per month ÷ 160 h
    assert rates.per_hour("伊藤") == 1200  # 9,600 per day ÷ 8 h
    assert rates.per_hour("高橋") is None


def test_two_rates_for_one_person_is_an_error(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000], ["山田 ", 5500]]})
    with pytest.raises(DataError, match="two rates for 山田: 5,000 per hour .*row 2.* 5,500 per hour .*row 3"):
        read_rates(path, config=en())
    with pytest.raises(DataError, match=r"山田 の単価が2つあります: 5,000円/時間 \(r.xlsx / s / 2行\) と 5,500円/時間 \(r.xlsx / s / 3行\)"):
        read_rates(path)


def test_person_without_rate_names_everyone():
    hours = pd.DataFrame({"project": ["A", "A", "B"], "person": ["山田", "高橋", "伊藤"],
                          "month": ["2026-10"] * 3, "hours": [1.0, 2.5, 4.0]})
    with pytest.raises(DataError) as e:
        labor_cost(hours, Rates.from_mapping({"山田": 5000}), lang="en")
    assert str(e.value) == (
        "2 people have hours but no rate: 伊藤 (4h, not in the rate table), 高橋 (2.5h, not in the rate table); "
        "add them to the rate table"
    )


def test_explicit_zero_rate_is_accepted_and_listed():
    budget = pd.DataFrame({"project": ["A"], "month": ["2026-10"], "budget": [1000]})
    hours = pd.DataFrame({"project": ["A"], "person": ["外注"], "month": ["2026-10"], "hours": [10.0]})
    result = compare_budget(budget, hours, {"外注": 0})
    assert int(result.frame["labor_cost"][0]) == 0
    assert "rate_zero" in codes(result.issues)


# --- labor cost: exact, rounded once ---------------------------------------------------------


def test_labor_cost_rounds_once_per_person_project_month():
    hours = pd.DataFrame({
        "project": ["A"] * 5, "person": ["山田"] * 3 + ["佐藤"] * 2, "month": ["2026-10"] * 5,
        # 0.1 h three times; 7:20 (22/3 h) and 0.25 h
        "hours": [0.1, 0.1, 0.1, 22 / 3, 0.25],
    })
    labor = labor_cost(hours, Rates.from_mapping({"山田": 1234, "佐藤": "6,500円"}))
    got = labor.set_index("person")["labor_cost"].to_dict()
    # 山田: 0.3 h × 1,234 = 370.2 → 370 (rounding each 123.4 would give 369)
    # 佐藤: (22/3 + 1/4) h × 6,500 = 91/12 × 6,500 = 49,291.67 → 49,292 (half up)
    assert got == {"山田": 370, "佐藤": 49_292}
    assert str(labor["labor_cost"].dtype) == "Int64"


def test_labor_cost_rounding_mode():
    hours = pd.DataFrame({"project": ["A"], "person": ["a"], "month": ["2026-10"], "hours": [1.5]})
    rates = Rates.from_mapping({"a": 1001})  # 1,501.5
    assert int(labor_cost(hours, rates)["labor_cost"][0]) == 1502
    assert int(labor_cost(hours, rates, rounding="down")["labor_cost"][0]) == 1501


# --- compare ---------------------------------------------------------------------------------


def small_budget() -> pd.DataFrame:
    return pd.DataFrame({
        "project": ["A", "A", "A", "B", "C"],
        "month": ["2026-10", "2026-11", "2026-12", "2026-10", "2026-10"],
        "budget": [100_000, 100_000, 100_000, 10_000, 10_000],
    })


def test_status_thresholds_exact():
    hours = pd.DataFrame({
        "project": ["A", "B", "C", "D"], "person": ["p"] * 4, "month": ["2026-10"] * 4,
        # with rate 1 yen/h: A 80,000 of 100,000 (80% exactly), B 10,000 of 10,000 (100%), C 10,001 (100.01%)
        "hours": [80_000.0, 10_000.0, 10_001.0, 1.0],
    })
    frame, issues = compare_budget(small_budget(), hours, {"p": 1}, through="2026-10")
    got = frame.set_index("project")[["budget", "actual", "variance", "status"]].to_dict("index")
    assert got["A"] == {"budget": 100_000, "actual": 80_000, "variance": 20_000, "status": "warning"}
    assert got["B"]["status"] == "warning"
    assert got["C"] == {"budget": 10_000, "actual": 10_001, "variance": -1, "status": "over"}
    # D: actuals, no budget line — listed, not dropped
    assert got["D"] == {"budget": 0, "actual": 1, "variance": -1, "status": "no_budget"}
    assert [i.params["project"] for i in issues if i.code == "budget_no_line"] == ["D"]
    # one yen under 80% is ok
    hours.loc[0, "hours"] = 79_999.0
    frame, _ = compare_budget(small_budget(), hours, {"p": 1}, through="2026-10")
    assert frame.set_index("project")["status"]["A"] == "ok"


def test_status_thresholds_configurable():
    hours = pd.DataFrame({"project": ["A"], "person": ["p"], "month": ["2026-10"], "hours": [85_000.0]})
    assert compare_budget(small_budget(), hours, {"p": 1}, through="2026-10").frame["status"][0] == "warning"
    config = Config()
    config.data["budget"] = {"warning": 0.9, "over": 1.0}
    assert compare_budget(small_budget(), hours, {"p": 1}, through="2026-10", config=config).frame["status"][0] == "ok"
    assert compare_budget(small_budget(), hours, {"p": 1}, through="2026-10", over=0.84).frame["status"][0] == "over"


def test_through_cuts_budget_and_actuals_and_forecast():
    hours = pd.DataFrame({
        "project": ["A", "A", "A"], "person": ["p"] * 3, "month": ["2026-10", "2026-11", "2026-12"],
        "hours": [30.0, 50.0, 99.0],
    })
    result = compare_budget(small_budget(), hours, {"p": 1000}, through="2026-11")
    a = result.frame.set_index("project").loc["A"]
    # budget Oct + Nov = 200,000; actual 80 h × 1,000 = 80,000; December's hours are not counted
    assert (a["budget"], a["actual"], a["budget_total"]) == (200_000, 80_000, 300_000)
    # run rate 80,000 / 2 months; A's budget ends in December: 1 month left → 120,000
    assert a["forecast"] == 120_000
    later = [i for i in result.issues if i.code == "budget_after_through"]
    assert later and later[0].params["what"] == "99h"
    # without --through: everything, budget in full
    a = compare_budget(small_budget(), hours, {"p": 1000}).frame.set_index("project").loc["A"]
    assert (a["budget"], a["actual"], a["forecast"]) == (300_000, 179_000, 179_000)


def test_purchases_from_invoices():
    hours = pd.DataFrame({"project": ["A"], "person": ["p"], "month": ["2026-10"], "hours": [10.0]})
    invoices = pd.DataFrame({
        "invoice_no": ["1", "2", "3", "4"],
        "issue_date": pd.to_datetime(["2026-10-05", "2026-11-30", "2026-12-01", "2026-10-10"]),
        "net": pd.array([40_000, 5_000, 70_000, 9_999], dtype="Int64"),
        "project": ["A", "A", "A", ""],
        "source_file": ["inv.xlsx"] * 4, "source_sheet": ["s"] * 4, "source_row": [2, 3, 4, 5],
    })
    result = compare_budget(small_budget(), hours, {"p": 1000}, invoices=invoices, through="2026-11")
    a = result.frame.set_index("project").loc["A"]
    # labor 10,000; purchases 40,000 + 5,000 (December's 70,000 is after --through)
    assert (a["labor_cost"], a["purchases"], a["actual"], a["variance"]) == (10_000, 45_000, 55_000, 145_000)
    no_project = [i for i in result.issues if i.code == "budget_invoice_no_project"]
    assert len(no_project) == 1 and (no_project[0].file, no_project[0].row) == ("inv.xlsx", 5)
    monthly = result.tables["monthly"][result.tables["monthly"]["project"] == "A"].set_index("month")
    assert int(monthly.loc["2026-11", "purchases"]) == 5_000
    assert int(monthly.loc["2026-11", "cumulative_actual"]) == 55_000
    assert pd.isna(monthly.loc["2026-12", "cumulative_actual"])
    assert int(monthly.loc["2026-12", "cumulative_budget"]) == 300_000


def test_hours_outside_the_budget_year_are_listed():
    hours = pd.DataFrame({"project": ["A", "A"], "person": ["p", "p"], "month": ["2026-10", "2027-04"],
                          "hours": [1.0, 8.0]})
    result = compare_budget(small_budget(), hours, {"p": 1000})
    assert int(result.frame.set_index("project").loc["A", "actual"]) == 1000
    outside = [i for i in result.issues if i.code == "budget_hours_outside"]
    assert outside and outside[0].params == {"count": 1, "hours": "8", "start": "2026-04", "end": "2027-03"}


def test_project_codes_match_across_width_and_case():
    budget = pd.DataFrame({"project": ["A-1001"], "month": ["2026-10"], "budget": [1000]})
    hours = pd.DataFrame({"project": ["Ａ－１００１"], "person": ["p"], "month": ["2026-10"], "hours": [1.0]})
    frame, _ = compare_budget(budget, hours, {"p": 500})
    assert list(frame["project"]) == ["A-1001"] and int(frame["actual"][0]) == 500


# --- examples, report and CLI ----------------------------------------------------------------


@pytest.fixture(scope="module")
def example_result():
    return compare_budget(EXAMPLES / "budget.xlsx", EXAMPLES / "hours", EXAMPLES / "rates.xlsx",
                          invoices=EXAMPLES / "invoices", through="2026-11")


def test_examples_over_warning_ok(example_result):
    got = example_result.frame.set_index("project")[["budget", "labor_cost", "purchases", "status"]].to_dict("index")
    # labor by hand: A-1001 = 152h×5,500 + 150h×6,500 + 15.5h×5,000 + 126h×9,000 + 21h×6,500 = 3,159,000
    assert got["A-1001"] == {"budget": 3_700_000, "labor_cost": 3_159_000, "purchases": 717_801, "status": "over"}
    # A-1002 = 7.5h×9,000 + 114h×5,500 + 7.5h×6,500 + 12h×5,000 = 803,250; 1,648,250 / 1,900,000 = 86.7%
    assert got["A-1002"] == {"budget": 1_900_000, "labor_cost": 803_250, "purchases": 845_000, "status": "warning"}
    assert got["0012"] == {"budget": 640_000, "labor_cost": 92_250, "purchases": 102_461, "status": "ok"}
    # A-1001 forecast: 3,876,801 over Sep–Nov (3 months), 4 months left → 3,876,801 × 7/3 = 9,045,869
    assert int(example_result.frame.set_index("project").loc["A-1001", "forecast"]) == 9_045_869


def test_report_xlsx(example_result, tmp_path):
    out = write_budget_report(example_result, tmp_path / "report.xlsx")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["予実", "累計推移", "月別", "人件費明細", "外注・購入費明細", "予算明細", "問題一覧"]
    ws = wb["予実"]
    assert ws["A1"].value == "予実管理 2026年度 (2026-11まで)"
    assert [c.value for c in ws[4]] == ["案件", "案件名", "予算 (〜2026年11月)", "人件費", "外注・購入費",
                                         "実績 (〜2026年11月)", "差異(予算−実績)", "消化率", "状態", "着地見込", "年間予算",
                                         "工数(h)"]
    assert [c.value for c in ws[5]][:10] == ["A-1001", "基幹システム刷新", 3_700_000, 3_159_000, 717_801, 3_876_801,
                                             -176_801, pytest.approx(3_876_801 / 3_700_000), "超過", 9_045_869]
    assert [ws.cell(r, 9).value for r in (6, 7)] == ["注意", "予算内"]
    assert ws["C5"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ ' and ws["H5"].number_format == "0.0%"
    assert ws["L5"].number_format == "#,##0.00_ ;-#,##0.00_ "
    # on paper: A4 landscape, one page wide (at 70 % or more), the header row on every page
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0
    assert ws.print_title_rows == "$4:$4"
    assert ws["A8"].value == "合計" and ws["C8"].value == "=SUM(C5:C7)"
    rules = {str(cf.sqref): [r.formula[0] for r in cf.rules] for cf in ws.conditional_formatting}
    assert rules == {"A5:L7": ['OR($I5="超過",$I5="予算なし")', '$I5="注意"'], "J5:J7": ["$J5>$K5"]}
    assert len(ws._charts) == 2
    burn = wb["累計推移"]
    assert [c.value for c in burn[1]][:3] == ["年月", "A-1001 予算累計", "A-1001 実績累計"]
    assert [c.value for c in burn[9]][:3] == ["2026-11", 3_700_000, 3_876_801]
    assert burn["C10"].value is None  # no actual after --through
    monthly = wb["月別"]
    assert monthly.max_row == 1 + 3 * 12
    labor = wb["人件費明細"]
    assert [c.value for c in labor[1]] == ["案件", "氏名", "年月", "工数(h)", "単価", "単価の単位", "人件費"]
    total = sum(labor.cell(r, 7).value for r in range(2, labor.max_row + 1))
    assert total == 3_159_000 + 803_250 + 92_250
    lines = wb["予算明細"]
    assert [c.value for c in lines[1]] == ["案件", "案件名", "費目", "年月", "予算", "元ファイル", "元シート", "元行", "列"]
    # the first figure: A-1001 人件費, 9月 = 300千円, in row 5 of the budget sheet
    first = [c.value for c in lines[2]]
    assert first[:5] == ["A-1001", "基幹システム刷新", "人件費", "2026-09", 300_000]
    assert first[6:] == ["2026年度予算", 5, "9月"]
    assert first[5].endswith("budget.xlsx")


def test_report_csv(example_result, tmp_path):
    out = write_budget_report(example_result, tmp_path / "rows.csv")
    frame = pd.read_csv(out, encoding="utf-8-sig", dtype={"project": str})
    assert list(frame.columns[:9]) == ["project", "budget", "labor_cost", "purchases", "actual", "variance",
                                       "consumption", "status", "forecast"]
    assert list(frame["status"]) == ["over", "warning", "ok"]


def cli(*args):
    return CliRunner().invoke(app, ["budget", *map(str, args)])


def example_args(*extra):
    return [EXAMPLES / "budget.xlsx", "--hours", EXAMPLES / "hours", "--invoices", EXAMPLES / "invoices",
            "--rates", EXAMPLES / "rates.xlsx", "--through", "2026-11", *extra]


def test_cli_on_the_examples(tmp_path):
    # one run (reading the examples takes a moment): the report is written, A-1001 is over → 1 with --strict
    out = tmp_path / "budget.xlsx"
    result = cli(*example_args("-o", out, "--strict"))
    assert result.exit_code == 1, result.output
    assert out.exists()
    lines = result.stderr.strip().splitlines()
    assert lines[:3] == [
        "A-1001: 3,876,801 / 3,700,000 (104.8%) 超過",
        "A-1002: 1,648,250 / 1,900,000 (86.8%) 注意",
        "0012: 194,711 / 640,000 (30.4%) 予算内",
    ]
    assert f"{out} を書き出しました" in lines
    assert "--strict: 予算超過または予算行のない案件: A-1001" in lines


def test_cli_usage_errors(tmp_path):
    result = cli(*example_args()[:-2], "--through", "2026-13", "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: --through must be a month such as 2026-10, not '2026-13'"
    result = cli(*example_args()[:-2], "--through", "10月")
    assert result.stderr.strip() == "Error: --through は 2026-10 のような年月で指定してください ('10月' は読めません)"
    missing = cli(EXAMPLES / "budget.xlsx", "--hours", EXAMPLES / "hours")
    assert missing.exit_code == 2 and missing.stderr.startswith("Error: --rates を指定してください (")
    assert missing.stderr.count("\n") == 1


def test_cli_missing_rate_is_exit_1(tmp_path):
    rates = xlsx(tmp_path / "rates.xlsx", {"s": [["氏名", "単価"], ["山田 太郎", 9000]]})
    result = cli(EXAMPLES / "budget.xlsx", "--hours", EXAMPLES / "hours", "--rates", rates, "--lang", "en")
    assert result.exit_code == 1
    line = result.stderr.strip()
    assert line.startswith("Error: 6 people have hours but no rate: 伊藤健 (152h, not in the rate table), ")
    assert line.endswith("; add them to the rate table")


# --- parsers of cell text --------------------------------------------------------------------


@settings(max_examples=200)
@given(st.integers(1, 12), st.integers(1990, 2100), st.integers(1, 12))
def test_month_only_headers_fall_in_the_fiscal_year(month, fy, start):
    y, m = parse_month(f"{month}月", fiscal_year=fy, start_month=start)
    assert m == month
    # the month lies within the 12 months starting at (fy, start)
    offset = (y * 12 + m) - (fy * 12 + start)
    assert 0 <= offset < 12


@settings(max_examples=200)
@given(st.integers(1990, 2100), st.integers(1, 12), st.sampled_from(["{y}年{m}月", "{y}-{m:02d}", "{y}/{m}", "{y}年{m}月分", "{y}年{m}月度",
                                                                   "{y}年{m}月(予算)", "{y}/{m} 予算"]))
def test_year_month_headers(y, m, shape):
    assert parse_month(shape.format(y=y, m=m)) == (y, m)


@settings(max_examples=200)
@given(st.text(max_size=12))
def test_parse_month_never_raises(text):
    got = parse_month(text)
    assert got is None or 1 <= got[1] <= 12


@settings(max_examples=100)
@given(st.integers(1990, 2100))
def test_fiscal_year_texts(y):
    assert fiscal_year_from_text(f"{y}年度 予算") == y
    assert fiscal_year_from_text(f"FY{y}") == y
    assert fiscal_year_from_text(f"{y + 1}年3月期") == y
    assert fiscal_year_from_text(f"{y}年10月") is None


def test_cli_strict_on_input_errors_only(tmp_path):
    # nothing over budget, but a budget cell that cannot be read: --strict fails, plain run does not
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10", "2026-11"], ["A-1", 1_000_000, "未定"]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000]]})
    args = [budget, "--hours", hours, "--rates", rates]
    plain = cli(*args)
    assert plain.exit_code == 0, plain.output
    assert "A-1: 40,000 / 1,000,000 (4.0%) 予算内" in plain.stderr
    strict = cli(*args, "--strict")
    assert strict.exit_code == 1
    assert strict.stderr.strip().splitlines()[-1] == "--strict: 入力にエラーが 1 件あります (数字が欠けている可能性があります)"


def test_cli_project_without_budget_line_is_one_warning_line_without_an_empty_place(tmp_path):
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10"], ["A-1", 1_000_000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8],
                                             [dt.date(2026, 10, 2), "山田", "B-9", 2]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000]]})
    result = cli(budget, "--hours", hours, "--rates", rates)
    assert result.exit_code == 0, result.output
    assert "  警告: B-9 は予算表にない案件です (実績 10,000円)" in result.stderr.splitlines()
    english = cli(budget, "--hours", hours, "--rates", rates, "--lang", "en")
    assert "  warning: B-9 has actuals (10,000 yen) but no budget line" in english.stderr.splitlines()


def test_cli_csv_to_stdout_and_fiscal_year(tmp_path):
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "10月", "11月"], ["A-1", 100_000, 100_000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000]]})
    no_year = cli(budget, "--hours", hours, "--rates", rates)
    assert no_year.exit_code == 2 and "--fiscal-year 2026" in no_year.stderr
    result = cli(budget, "--hours", hours, "--rates", rates, "--fiscal-year", "2026", "-o", "-")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("project,budget,labor_cost,purchases,actual,variance,consumption,status,forecast")
    assert lines[1].startswith("A-1,200000,40000,0,40000,160000,0.2,ok,80000")


def test_item_totals_and_rows_after_a_subtotal(tmp_path):
    rows = [
        ["案件", "費目", "2026-10"],
        ["A-1", "人件費", 100],
        ["", "外注費", 50],
        ["", "案件計", 150],
        ["", "外注費計", 50],
        ["", "設計", 7],  # under a total: no project to belong to
    ]
    table = read_budget(xlsx(tmp_path / "t.xlsx", {"s": rows}))
    assert by_project(table) == {"A-1": 150}
    assert [i.row for i in table.issues if i.code == "total_row"] == [4, 5]
    assert [i.row for i in table.issues if i.code == "budget_no_project"] == [6]


def test_zero_budget_with_actuals_is_over():
    budget = pd.DataFrame({"project": ["A", "A"], "month": ["2026-10", "2026-11"], "budget": [0, 1000]})
    hours = pd.DataFrame({"project": ["A"], "person": ["p"], "month": ["2026-10"], "hours": [1.0]})
    frame, _ = compare_budget(budget, hours, {"p": 10}, through="2026-10")
    assert frame["status"][0] == "over" and pd.isna(frame["consumption"][0])


def test_report_in_english(example_result, tmp_path):
    out = write_budget_report(example_result, tmp_path / "en.xlsx", lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Budget vs actual", "Cumulative", "By month", "Labor cost", "Purchases", "Budget lines", "Issues"]
    ws = wb["Budget vs actual"]
    assert ws["A1"].value == "Budget vs actual FY2026 (through 2026-11)"
    assert [ws.cell(r, 9).value for r in (5, 6, 7)] == ["over", "warning", "ok"]


def test_actuals_named_by_project_name_are_matched_and_listed():
    budget = pd.DataFrame({"project": ["A-1001"], "project_name": ["基幹システム刷新"], "month": ["2026-10"],
                           "budget": [10_000]})
    hours = pd.DataFrame({"project": ["A-1001", "基幹システム刷新"], "person": ["p", "p"],
                          "month": ["2026-10", "2026-10"], "hours": [1.0, 2.0]})
    result = compare_budget(budget, hours, {"p": 1000})
    assert result.frame[["project", "actual"]].to_dict("records") == [{"project": "A-1001", "actual": 3000}]
    matched = [i for i in result.issues if i.code == "budget_matched_by_name"]
    assert [i.params for i in matched] == [{"name": "基幹システム刷新", "project": "A-1001"}]
    # the labor cost is one line under the budget's code: rounded once, not once per spelling
    assert result.tables["labor"][["project", "hours", "labor_cost"]].to_dict("records") == [
        {"project": "A-1001", "hours": 3.0, "labor_cost": 3000}]


def test_year_row_above_months_and_unreadable_annual_cell(tmp_path):
    rows = [
        ["案件", "2026年", "", "2027年", "年間計"],
        ["案件", "11月", "12月", "1月", ""],
        ["P", 1, 2, 3, 6],
        ["Q", "", "", "", "不明"],  # no months, and the annual cell cannot be read
    ]
    merges = {"s": [(0, 0, 1, 0), (0, 1, 0, 2)]}
    table = read_budget(xlsx(tmp_path / "y.xlsx", {"s": rows}, merges))
    assert table.frame.set_index("month")["budget"].to_dict() == {"2026-11": 1, "2026-12": 2, "2027-01": 3}
    bad = [i for i in table.issues if i.code == "bad_cell"]
    assert [(i.row, i.value) for i in bad] == [(4, "不明")]
    assert "budget_annual_only" not in codes(table.issues)


@settings(max_examples=200)
@given(st.integers(0, 24 * 60 * 31))
def test_exact_hours_from_minutes(minutes):
    from ledgerkit.budget.labor import _exact_hours

    # what the hours pipeline makes of 7:20 and friends is read back as the exact minutes
    assert _exact_hours(minutes / 60) == Fraction(minutes, 60)


@settings(max_examples=200)
@given(st.lists(st.decimals(min_value=0, max_value=24, places=2), min_size=1, max_size=20),
       st.integers(1, 20_000))
def test_labor_cost_is_the_sum_rounded_once(entries, rate):
    hours = pd.DataFrame({"project": ["A"] * len(entries), "person": ["p"] * len(entries),
                          "month": ["2026-10"] * len(entries), "hours": [float(h) for h in entries]})
    labor = labor_cost(hours, Rates.from_mapping({"p": rate}))
    exact = sum(entries) * rate
    expected = int(exact.to_integral_value(rounding="ROUND_HALF_UP"))
    assert int(labor["labor_cost"].sum()) == expected


@settings(max_examples=200)
@given(st.integers(0, 10**12))
def test_annual_spread_adds_up(total):
    from ledgerkit.budget.comparison import _monthly_budget

    frame = pd.DataFrame({"project": ["P"], "month": [""], "budget": pd.array([total], dtype="Int64")})
    months, annual = _monthly_budget(frame, 2026, 4)
    assert annual == {"p"} and len(months) == 12
    assert sum(months.values()) == total
    assert max(months.values()) - min(months.values()) <= 1


def test_rates_with_effective_months(tmp_path):
    path = xlsx(tmp_path / "rates.xlsx", {
        "単価表": [["等級", "時間単価", "適用開始"], ["S1", 5000, "2026-04"], ["S1", 5200, dt.date(2026, 11, 1)],
                  ["S2", 6500, ""]],
        # 佐藤 is promoted from S1 to S2 in November (昇格); 鈴木's own rate starts in November only
        "要員": [["氏名", "等級", "適用開始"], ["佐藤", "S1", "2026年4月"], ["佐藤", "S2", "2026年11月"], ["山田", "S1", ""]],
        "個別": [["氏名", "単価", "適用日"], ["鈴木", 7000, dt.date(2026, 11, 15)]],
    })
    rates = read_rates(path)
    assert [rates.per_hour("山田", m) for m in ("2026-10", "2026-11")] == [5000, 5200]
    assert [rates.per_hour("佐藤", m) for m in ("2026-10", "2026-11")] == [5000, 6500]
    mid = [i for i in rates.issues if i.code == "rate_mid_month"]
    assert len(mid) == 1 and (mid[0].sheet, mid[0].row, mid[0].params) == ("個別", 2, {"month": "2026-11"})
    hours = pd.DataFrame({"project": ["A"] * 4, "person": ["山田", "山田", "佐藤", "佐藤"],
                          "month": ["2026-10", "2026-11", "2026-10", "2026-11"], "hours": [1.0, 1.0, 2.0, 2.0]})
    labor = labor_cost(hours, rates)
    # 山田 5,000 + 5,200; 佐藤 2 h × 5,000 + 2 h × 6,500
    assert labor.set_index(["person", "month"])["labor_cost"].to_dict() == {
        ("佐藤", "2026-10"): 10_000, ("佐藤", "2026-11"): 13_000, ("山田", "2026-10"): 5_000, ("山田", "2026-11"): 5_200}
    # 鈴木 worked in October, before their only rate applies: an error naming the month
    suzuki = pd.DataFrame({"project": ["A"], "person": ["鈴木"], "month": ["2026-10"], "hours": [3.0]})
    with pytest.raises(DataError, match=r"鈴木 \(3h, no rate in effect in 2026-10 \(the first applies from 2026-11\)\)"):
        labor_cost(suzuki, rates, lang="en")


def test_two_grades_from_the_same_month_is_an_error(tmp_path):
    path = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "等級"], ["佐藤", "S1"], ["佐藤", "S2"]]})
    with pytest.raises(DataError, match=r"佐藤 is in two grades: S1 \(r.xlsx / s / row 2\) and S2 \(r.xlsx / s / row 3\)"):
        read_rates(path, config=en())
    with pytest.raises(DataError, match=r"S1 \(r.xlsx / s / 2行\).*S2 \(r.xlsx / s / 3行\)"):
        read_rates(path)


def test_a_cell_with_its_own_unit_is_not_scaled(tmp_path):
    rows = [["単位：千円"], ["案件", "2026-10", "2026-11", "2026-12"], ["P", 100, "250,000円", "1.5万円"]]
    table = read_budget(xlsx(tmp_path / "c.xlsx", {"s": rows}))
    # 100千円 = 100,000; 250,000円 stays 250,000; 1.5万円 = 15,000
    assert list(table.frame["budget"]) == [100_000, 250_000, 15_000]
    flagged = [i for i in table.issues if i.code == "budget_cell_unit"]
    assert [(i.column, i.params["yen"]) for i in flagged] == [("2026-11", "250,000"), ("2026-12", "15,000")]


def test_invoice_lists_without_a_project_column_are_one_warning():
    hours = pd.DataFrame({"project": ["A"], "person": ["p"], "month": ["2026-10"], "hours": [1.0]})
    invoices = pd.DataFrame({"invoice_no": ["1", "2"], "issue_date": pd.to_datetime(["2026-10-01", "2026-10-02"]),
                             "net": pd.array([1000, 2345], dtype="Int64")})
    result = compare_budget(small_budget(), hours, {"p": 1}, invoices=invoices)
    assert int(result.frame.set_index("project").loc["A", "purchases"]) == 0
    found = [i for i in result.issues if i.code.startswith("budget_invoice")]
    assert [(i.code, i.params) for i in found] == [
        ("budget_invoices_no_project_column", {"count": 2, "net": "3,345"})]
    invoices["project"] = ["", None]
    result = compare_budget(small_budget(), hours, {"p": 1}, invoices=invoices)
    assert [i.code for i in result.issues if i.code.startswith("budget_invoice")] == ["budget_invoices_no_project_column"]


def test_missing_rate_message_in_japanese():
    hours = pd.DataFrame({"project": ["A"], "person": ["高橋"], "month": ["2026-10"], "hours": [2.5]})
    with pytest.raises(DataError) as e:
        labor_cost(hours, Rates.from_mapping({"山田": 5000}))
    assert str(e.value) == "単価表に単価がない人が 1人います: 高橋 (2.5h, 単価表にありません)。単価表に追加してください"


def test_cli_never_overwrites_an_input(tmp_path):
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10"], ["A-1", 1000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 1]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 500]]})
    before = rates.read_bytes()
    result = cli(budget, "--hours", hours, "--rates", rates, "-o", rates)
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"Error: {rates} には書き出しません: 入力ファイルの1つです ({rates})。別の出力ファイル名にしてください")
    assert rates.read_bytes() == before


def test_report_title_says_what_the_budget_column_is(tmp_path):
    hours = pd.DataFrame({"project": ["A"], "person": ["p"], "month": ["2026-10"], "hours": [1.0]})
    result = compare_budget(small_budget(), hours, {"p": 1})
    ws = openpyxl.load_workbook(write_budget_report(result, tmp_path / "full.xlsx"))["予実"]
    assert ws["A1"].value == "予実管理 2026年度 (予算は年間・実績は2026-10まで)"


def test_through_outside_the_budget_period_is_refused():
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = Path(__file__).resolve().parents[1] / "examples"
    result = CliRunner().invoke(
        app,
        ["budget", str(ex / "budget.xlsx"), "--hours", str(ex / "hours"), "--rates", str(ex / "rates.xlsx"),
         "--through", "1999-01", "--lang", "en"],
    )
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --through 1999-01 is outside the budget's period (2026-04 to 2027-03)"


def test_unreadable_rate_cell_is_named_not_called_missing_from_the_table(tmp_path):
    from ledgerkit.budget.rates import read_rates

    path = xlsx(tmp_path / "単価.xlsx", {"単価": [["氏名", "時間単価"], ["山田", 5000], ["高橋", "時給未定"]]})
    rates = read_rates([path])
    hours = pd.DataFrame({"project": ["A"], "person": ["高橋"], "month": ["2026-10"], "hours": [2.5]})
    with pytest.raises(DataError) as e:
        labor_cost(hours, rates)
    assert "単価表にありません" not in str(e.value)
    assert "高橋 (2.5h, 単価.xlsx / 単価 / 3行目 / 時間単価「時給未定」を単価として読めません)" in str(e.value)
    cfg = en()
    with pytest.raises(DataError) as e:
        labor_cost(hours, read_rates([path], config=cfg), lang="en")
    assert "単価.xlsx / 単価 / row 3 / 時間単価 '時給未定' could not be read as a rate" in str(e.value)


def test_cli_hours_repeated_or_as_a_glob(tmp_path):
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10"], ["A-1", 1_000_000]]})
    data = tmp_path / "data"
    data.mkdir()
    for name, who in (("h1.xlsx", "山田"), ("h2.xlsx", "佐藤")):
        xlsx(data / name, {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), who, "A-1", 8]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000], ["佐藤", 5000]]})
    both = "A-1: 80,000 / 1,000,000 (8.0%) 予算内"
    glob = cli(budget, "--hours", str(data / "*.xlsx"), "--rates", rates)
    assert glob.exit_code == 0, glob.output
    assert both in glob.stderr
    repeated = cli(budget, "--hours", data / "h1.xlsx", "--hours", data / "h2.xlsx", "--rates", rates)
    assert repeated.exit_code == 0 and both in repeated.stderr
    # two paths after one --hours is Typer's usage error; the help says how to give several
    extra = cli(budget, "--hours", data / "h1.xlsx", data / "h2.xlsx", "--rates", rates)
    assert extra.exit_code == 2
    helptext = " ".join(CliRunner().invoke(app, ["budget", "--help"], env={"COLUMNS": "200"}).output.split())
    assert "--hours a.xlsx --hours b.xlsx" in helptext
    assert "--invoices a.xlsx --invoices b.xlsx" in helptext
    assert "'data/*.xlsx'" in helptext


def test_cli_hours_or_invoices_file_without_its_table_is_an_error_not_zero_yen(tmp_path):
    title = tmp_path / "title only.xlsx"
    wb = xlsxwriter.Workbook(str(title))
    wb.add_worksheet("Sheet1").write(0, 0, "請求書一覧")
    wb.close()
    out = tmp_path / "b.xlsx"
    result = cli(EXAMPLES / "budget.xlsx", "--hours", title, "--rates", EXAMPLES / "rates.xlsx", "--lang", "en", "-o", out)
    assert result.exit_code == 2
    assert result.stderr == f"Error: --hours: no hours table found in {title} (columns for date, hours and project)\n"
    assert not out.exists()
    result = cli(EXAMPLES / "budget.xlsx", "--hours", EXAMPLES / "hours", "--rates", EXAMPLES / "rates.xlsx",
                 "--invoices", title, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: --invoices: no invoice list found in {title} (")


def test_cli_a_rate_table_read_is_no_unread_figures(tmp_path):
    # the trial's 単価表 (a title row, then 氏名 | 単価 for four people) was said to hold "数値 4 個
    # (B3:B6) … どの表としても読めませんでした ()" although every rate was used: the rate reader
    # makes a lookup, not rows, and the door took that for a sheet no reader understood
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10"], ["A-1", 1_000_000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8]]})
    rates = xlsx(tmp_path / "r.xlsx", {"単価": [["要員単価表"], ["氏名", "単価（円/時）", "適用開始"],
                                               ["伊藤", 6000, "2026/4/1"], ["山田", 8000, "2026/4/1"],
                                               ["鈴木", 5000, "2026/4/1"], ["高橋", 5500, "2026/4/1"]]})
    result = cli(budget, "--hours", hours, "--rates", rates)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["A-1: 64,000 / 1,000,000 (6.4%) 予算内"]


def test_cli_one_workbook_for_the_budget_and_the_rates(tmp_path):
    # each input's reader read its own sheet: neither sheet is "unread" by the other's
    budget = xlsx(tmp_path / "b.xlsx", {"予算": [["案件", "2026-10", "2026-11"], ["A-1", 1_000_000, 500_000],
                                                ["A-2", 300_000, 200_000]],
                                        "単価": [["氏名", "単価"], ["山田", 8000], ["鈴木", 5000], ["伊藤", 6000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8]]})
    result = cli(budget, "--hours", hours, "--rates", budget)
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == ["A-1: 64,000 / 1,500,000 (4.3%) 予算内", "A-2: 0 / 500,000 (0.0%) 予算内"]


def test_cli_problems_line_points_to_the_issues_sheet_only_when_one_was_written(tmp_path):
    # without -o the summary said "(問題一覧シートを参照)": there was no report to look in
    budget = xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10"], ["A-1", 1_000_000]]})
    hours = xlsx(tmp_path / "h.xlsx", {"s": [["日付", "氏名", "案件", "工数"], [dt.date(2026, 10, 1), "山田", "A-1", 8],
                                             [dt.date(2026, 10, 2), "山田", "B-9", 2],
                                             [dt.date(2026, 10, 5), "山田", "B-8", 1]]})
    rates = xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000]]})
    args = [budget, "--hours", hours, "--rates", rates]
    plain = cli(*args)
    assert plain.exit_code == 0, plain.output
    assert plain.stderr.splitlines()[-1] == "入力の問題: エラー 0件, 警告 2件 (全件は -o report.xlsx の問題一覧シート)"
    english = cli(*args, "--lang", "en", "-o", tmp_path / "out.csv")
    assert english.exit_code == 0, english.output
    assert english.stderr.splitlines()[-2] == ("0 errors, 2 warnings in the inputs "
                                               "(all of them: -o report.xlsx, Issues sheet)")
    written = cli(*args, "-o", tmp_path / "out.xlsx")
    assert written.exit_code == 0, written.output
    assert written.stderr.splitlines()[-2:] == ["入力の問題: エラー 0件, 警告 2件 (問題一覧シートを参照)",
                                                f"{tmp_path / 'out.xlsx'} を書き出しました"]


def test_inspect_a_rate_table_names_the_command_that_reads_it(tmp_path):
    # inspect printed "no table found; 数値 4 個 … (no table found …) — ledgerkit inspect 単価表.xlsx で…":
    # the reason twice, and advice to run the command just run
    rates = xlsx(tmp_path / "単価表.xlsx", {"単価": [["要員単価表"], ["氏名", "単価（円/時）", "適用開始"],
                                                   ["伊藤", 6000, "2026/4/1"], ["山田", 8000, "2026/4/1"],
                                                   ["鈴木", 5000, "2026/4/1"], ["高橋", 5500, "2026/4/1"]]})
    result = CliRunner().invoke(app, ["inspect", str(rates)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{rates} (xlsx)",
        "  単価: 単価表です (見出し 2 行目、読める値 4 件) — ledgerkit budget --rates で読みます (aggregate の種類ではありません)"]
    result = CliRunner().invoke(app, ["inspect", str(rates), "--lang", "en"])
    assert result.output.splitlines()[1] == (
        "  単価: a rate table (header on row 2, 4 entries read): read by ledgerkit budget --rates, not by aggregate")


def test_inspect_guesses_another_command_s_input_only_by_its_words(tmp_path):
    # a team workbook's 集計 sheet (案件 × 月 of =SUM formulas) was called a 予算表 read by budget; a 契約一覧
    # (with its 単価 column) a 単価表
    team = xlsx(tmp_path / "工数_開発課.xlsx", {"集計": [["案件", "佐藤", "鈴木", "合計"], ["A-1001", 60, 40, 100],
                                                    ["B-2002", 20, 0, 20], ["C-3003", 0, 35, 35]]})
    lines = CliRunner().invoke(app, ["inspect", str(team)]).output.splitlines()
    assert not [line for line in lines if "予算表です" in line], lines
    contracts = xlsx(tmp_path / "契約一覧.xlsx", {"契約一覧": [
        ["氏名", "取引先", "契約開始", "契約終了", "月額単価", "精算下限", "精算上限", "精算方式"],
        ["高橋 一郎", "アルファ", "2026/4/1", "2027/3/31", 700000, 140, 180, "上下割"]]})
    lines = CliRunner().invoke(app, ["inspect", str(contracts)]).output.splitlines()
    assert lines[1].startswith("  契約一覧: 契約一覧です (見出し 1 行目"), lines
    assert lines[1].endswith("ledgerkit settle --contracts で読みます (aggregate の種類ではありません)")


def test_inspect_figures_no_reader_reads_are_named_once_without_pointing_to_inspect(tmp_path):
    odd = xlsx(tmp_path / "odd.xlsx", {"s": [["メモ"], ["", 1, 2], ["", 3, 4]]})
    result = CliRunner().invoke(app, ["inspect", str(odd), "--lang", "en"])
    assert result.exit_code == 0, result.output
    line = result.output.splitlines()[1]
    assert line.startswith("  s: no table of any kind found (tried hours, invoices, attendance; name one with --kind); ")
    assert line.endswith("; holds 4 numbers (B2:C3) but no table of it could be read — --kind, or header words added "
                         "under [columns.<kind>] in ledgerkit.toml, can read it")
    assert "ledgerkit inspect" not in line
