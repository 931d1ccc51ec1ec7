"""Issue 14 (domain corrections), each item with the worked figures of the issue and DOMAIN.md.

1. the 単価端数 cell read wherever the step and direction stand (¥600,000, 140–180 h, 130 h → ¥557,200);
2. a service period as the delivery term, the 60 days from its end (limit 2026-12-29), in both commands;
3. 取適法 findings by the vendor's coverage (error / warning / none);
4. approval categories and the drafter's department (a 総務部 lease of ¥864,000);
5. a contract that starts inside a month, prorated (from 10/16, 88 h);
6. budget purchases booked by the month of the work (11/05 invoice for October work);
7. equal lines inside one invoice are two lines; the invoice entered twice is a duplicate;
8. a trailing minus (1,000-) in a list;
and the smaller points (the 60-day message, drafts.toml, a leading 0, 2026年12月期).
"""

from __future__ import annotations

import csv
import datetime as dt
import tomllib
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from sheets import make_xlsx

from ledgerkit.budget.comparison import compare_budget
from ledgerkit.budget.report import write_budget_report
from ledgerkit.checks.invoices import check_invoices
from ledgerkit.checks.orders import check_orders
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.drafts import draft_po, draft_ringi
from ledgerkit.drafts.approval import approval_plan, approval_route, category_of
from ledgerkit.invoices.across_files import read_invoices
from ledgerkit.rules.coverage import toriteki_covered, toriteki_severity
from ledgerkit.rules.payment_terms import check_payment_due
from ledgerkit.rules.registration import check_registration_no
from ledgerkit.settlement import read_contracts, settle, settle_month

D = dt.date
ROOT = Path(__file__).resolve().parent.parent


def config(**tables) -> Config:
    c = Config()
    for table, values in tables.items():
        c.data[table].update(values)
    return c


def covered(name: str, flag: bool | None = True, **more) -> Config:
    entry = {"name": name, **({} if flag is None else {"covered": flag}), **more}
    return config(vendors={"list": [entry]})


def rules(findings) -> list[tuple]:
    return [(r["rule"], r["severity"]) for r in findings.to_dict("records")]


# --- 1. the rate rounding cell ------------------------------------------------------------------


def _attendance(person: str, days: list[D], hours: list[float]) -> pd.DataFrame:
    return pd.DataFrame({"date": days, "person": person, "person_id": "", "hours": hours,
                         "source_file": "勤務表.xlsx", "source_sheet": "10月", "source_row": range(5, 5 + len(days))})


def _october_hours(total: float) -> tuple[list[D], list[float]]:
    days = [D(2026, 10, d) for d in range(1, 32) if D(2026, 10, d).weekday() < 5][:20]
    hours = [total / len(days)] * len(days)
    return days, hours


@pytest.mark.parametrize("cell", ["切捨て(10円単位)", "切り捨て（10円単位）", "十円未満切捨て", "単価は10円未満切り捨て",
                                  "10円未満切捨"])
def test_rate_rounding_cell_worked_example(tmp_path, cell):
    """¥600,000, 140–180 h, 上下割, 130 h: 600,000/140 = 4,285.7 → 4,280 → 10 h × 4,280 = 42,800 → ¥557,200;
    a vendor invoice of ¥557,200 matches (before, the rate was 4,285 and the invoice was ¥50 off)."""
    contracts = make_xlsx(tmp_path / "契約.xlsx", {"契約": [
        ["氏名", "取引先", "月額単価", "精算幅", "精算方法", "単価端数"],
        ["山田 太郎", "株式会社アルファ", 600000, "140-180", "上下割", cell]]})
    invoices = make_xlsx(tmp_path / "請求.xlsx", {"請求": [
        ["請求書番号", "取引先", "発行日", "対象者", "対象月", "税抜金額", "消費税"],
        ["A-10", "株式会社アルファ", D(2026, 11, 5), "山田 太郎", "2026年10月", 557200, 55720]]})
    days, hours = _october_hours(130)
    result = settle(_attendance("山田 太郎", days, hours), contracts, invoices)
    row = result.frame.iloc[0]
    assert (row["rate"], row["adjustment"], row["amount"], row["check"]) == (4280, -42800, 557200, "一致")
    assert not [i for i in result.issues if i.code == "settle_amount_mismatch"]
    assert settle_month(600_000, 130, 140, 180, rate_step=10).amount == 557_200


def test_rate_rounding_cell_not_understood_names_the_cell(tmp_path):
    contracts = make_xlsx(tmp_path / "契約.xlsx", {"契約": [
        ["氏名", "取引先", "月額単価", "精算幅", "精算方法", "単価端数"],
        ["山田 太郎", "株式会社アルファ", 600000, "140-180", "上下割", "10円くらいで切捨て"]]})
    frame, issues = read_contracts(contracts)
    assert len(frame) == 0
    [bad] = issues
    assert (bad.code, bad.row, bad.column, bad.rejected) == ("bad_cell", 2, "単価端数", True)
    assert "10円くらいで切捨て" in bad.message("ja")
    days, hours = _october_hours(130)
    with pytest.raises(DataError, match="単価端数"):
        settle(_attendance("山田 太郎", days, hours), contracts)


# --- 2. a service period as the delivery term ----------------------------------------------------

ORDER_HEADER = ["注文番号", "発注日", "発注先", "品名", "数量", "単価", "金額", "税率", "消費税", "納期", "納品場所",
                "支払期日", "支払方法"]


def _order(tmp_path, delivery, due=D(2027, 1, 10), vendor="株式会社アルファ", name="po.xlsx", **change) -> Path:
    row = ["PO-1", D(2026, 9, 25), vendor, "システム保守 10月分", 1, 300000, 300000, "10%", 30000, delivery,
           "本社", due, "銀行振込"]
    for k, v in change.items():
        row[ORDER_HEADER.index(k)] = v
    return make_xlsx(tmp_path / name, {"発注一覧": [ORDER_HEADER, row]})


@pytest.mark.parametrize("term", ["2026/10/1～2026/10/31", "10月1日〜10月31日", "2026年10月分"])
def test_service_period_delivery_term_and_60_days_from_its_end(tmp_path, term):
    """The period is read (no unreadable cell, no 受領期日 missing); a due date of 2027-01-10 is
    late: the limit counted from the end of the service is 2026-12-29."""
    result = check_orders([_order(tmp_path, term)], covered("株式会社アルファ"))
    f = result.tables["findings"]
    assert rules(f) == [("payment_due_over_60", "error")]
    assert f["expected"].iloc[0] == "<= 2026-12-29"
    assert f["message"].iloc[0] == ("支払期日 2027-01-10 は役務の提供期間 2026-10-01〜2026-10-31 の終わりから"
                                    "60日を超えています (期限 2026-12-29)")
    assert list(result.frame["delivery_from"].dt.date) == [D(2026, 10, 1)]
    assert list(result.frame["delivery_date"].dt.date) == [D(2026, 10, 31)]
    # paid on the last allowed day: nothing to say
    ok = check_orders([_order(tmp_path, term, due=D(2026, 12, 29), name="ok.xlsx")], covered("株式会社アルファ"))
    assert rules(ok.tables["findings"]) == []


@pytest.mark.parametrize("term", ["2026/10/1～2026/10/31", "10月1日〜10月31日", "2026年10月分"])
def test_draft_po_reads_the_period_as_check_orders_does(tmp_path, term):
    company = {"company": {"name": "株式会社サンプル製作所"}}
    src = _order(tmp_path, term)
    cfg = {**company, "vendors": {"list": [{"name": "株式会社アルファ", "covered": True}]}}
    with pytest.raises(DataError) as e:
        draft_po(src, row=2, template="po.html.j2", out_dir=tmp_path / "o", config=cfg)
    assert str(e.value) == ("po.xlsx: 発注一覧: 2行目: 注文 PO-1: 支払期日 2027-01-10 は役務の提供期間 "
                            "2026-10-01〜2026-10-31 の終わりから60日を超えています (期限 2026-12-29)")
    ok = _order(tmp_path, term, due=D(2026, 12, 29), name="ok.xlsx")
    [r] = draft_po(ok, row=2, template="po.html.j2", out_dir=tmp_path / "o2", config=cfg)
    assert r.ok and r.warnings == []


def test_a_delivery_term_neither_date_nor_period_is_said_by_both_commands(tmp_path):
    src = _order(tmp_path, "12月中旬", due=D(2026, 12, 31))
    f = check_orders([src], covered("株式会社アルファ")).tables["findings"]
    assert [(r["rule"], r["column"], r["value"]) for r in f.to_dict("records")] == [("bad_cell", "納期", "12月中旬")]
    [r] = draft_po(src, row=2, template="po.html.j2", out_dir=tmp_path / "o",
                   config={"company": {"name": "株式会社サンプル製作所"},
                           "vendors": {"list": [{"name": "株式会社アルファ", "covered": True}]}})
    assert r.warnings == ["納期「12月中旬」を日付または期間として読めません (納期を日付または期間 (2026/10/1～2026/10/31) "
                          "として読めません): 書かれたとおりに載せます"]


# --- 3. who the 取適法 covers ------------------------------------------------------------------------


def _bare_order(tmp_path, vendor="株式会社アルファ") -> Path:
    """Lacks 納品場所 (a written term) and pays 2027-01-10 for a delivery of 2026-10-15 (late)."""
    header = [h for h in ORDER_HEADER if h != "納品場所"]
    row = ["PO-1", D(2026, 10, 1), vendor, "部品A", 3, 105, 351, "10%", 35, D(2026, 10, 15), D(2027, 1, 10), "銀行振込"]
    return make_xlsx(tmp_path / "po.xlsx", {"発注一覧": [header, row]})


def test_findings_follow_coverage_error_warning_none(tmp_path):
    src = _bare_order(tmp_path)
    # covered: errors, the written term and the 60 days alike
    yes = check_orders([src], covered("㈱アルファ")).tables["findings"]
    assert sorted(rules(yes)) == [("line_amount_mismatch", "error"), ("payment_due_over_60", "error"),
                                  ("term_column_missing", "error")]
    # unknown (no vendor master): the same findings as warnings, saying why
    unknown = check_orders([src]).tables["findings"]
    assert sorted(rules(unknown)) == [("line_amount_mismatch", "error"), ("payment_due_over_60", "warning"),
                                      ("term_column_missing", "warning")]
    note = "取適法の対象か不明のため警告です (取引先マスタか [vendors] で covered を指定してください)"
    assert all(m.endswith(note) for r, m in zip(unknown["rule"], unknown["message"]) if r != "line_amount_mismatch")
    # not covered: only the arithmetic
    no = check_orders([src], covered("アルファ株式会社", False)).tables["findings"]
    assert rules(no) == [("line_amount_mismatch", "error")]


def test_coverage_decided_from_capital_and_employees(tmp_path):
    src = _bare_order(tmp_path)
    small = covered("株式会社アルファ", None, capital=20_000_000, deal="manufacturing")
    small.data["company"].update(capital=500_000_000)
    found = check_orders([src], small)
    assert ("payment_due_over_60", "error") in rules(found.tables["findings"])
    assert found.tables["vendors"].to_dict("records") == [
        {"vendor": "株式会社アルファ", "registration_no": "", "coverage": "covered",
         "basis": "資本金・従業員数から判定 (vendors.list[0])"}]
    big = covered("株式会社アルファ", None, capital=400_000_000, employees=2000)
    big.data["company"].update(capital=500_000_000, employees=1000)
    assert rules(check_orders([src], big).tables["findings"]) == [("line_amount_mismatch", "error")]


def test_vendor_master_sheet(tmp_path):
    master = make_xlsx(tmp_path / "取引先マスタ.xlsx", {"取引先": [
        ["取引先名", "登録番号", "取適法対象", "資本金"],
        ["株式会社アルファ", "T8700110005901", "○", "1,000万円"],
        ["ベータ商事", "", "×", ""],
        ["ガンマ", "", "たぶん", ""]]})
    src = _bare_order(tmp_path)
    cfg = config(vendors={"file": str(master)})
    result = check_orders([src], cfg)
    assert ("term_column_missing", "error") in rules(result.tables["findings"])
    # the cell it could not read is listed, the vendor left unknown
    bad = [i for i in result.issues if i.code == "bad_cell" and i.file == str(master)]
    assert [(i.row, i.column, i.value) for i in bad] == [(4, "取適法対象", "たぶん")]
    assert str(master) in result.files


@pytest.mark.parametrize("figures, deal, expected", [
    ((300_000_001, None, 300_000_000, None), "manufacturing", True),
    ((300_000_000, None, 10_000_000, None), "manufacturing", True),    # ¥10M–300M against ≤ ¥10M
    ((300_000_000, 300, 10_000_001, 50), "manufacturing", False),
    ((300_000_000, None, 10_000_001, None), "manufacturing", None),   # the employee test not made
    ((50_000_001, None, 50_000_000, None), "services", True),
    ((50_000_000, 80, 20_000_000, 10), "services", False),
    ((None, 301, None, 300), "manufacturing", True),
    ((None, 101, None, 100), "services", True),
    ((10_000_000, 100, 1_000_000, 50), "services", False),
    ((None, None, None, None), "services", None),
])
def test_toriteki_coverage_tests(figures, deal, expected):
    bc, be, vc, ve = figures
    assert toriteki_covered(buyer_capital=bc, buyer_employees=be, vendor_capital=vc, vendor_employees=ve,
                            deal=deal) is expected


def test_severities_are_consistent():
    for item in ("error", "warning"):
        assert toriteki_severity("covered", item) == item
        assert toriteki_severity("unknown", item) == "warning"
        assert toriteki_severity("not_covered", item) is None


# --- 4. approval categories and the drafter's department -------------------------------------------


def test_outsourcing_and_leases_are_purchases():
    for word in ("業務委託", "委託契約", "外注", "リース", "業務委託契約", "複合機リース"):
        assert category_of(word) == "purchase"
    assert category_of("顧客契約") == "contract"


def test_the_drafter_s_department_stamps():
    # a 総務部 copier lease of ¥864,000: 総務部's 課長 and 部長, then 役員; never 営業
    assert approval_route(864_000, "リース", department="総務部") == ["総務部 課長", "総務部長", "役員"]
    # DOMAIN.md §1.2's test cases on the neutral matrix
    assert approval_route(480_000, "purchase", department="総務部") == ["総務部 課長", "総務部長"]
    assert approval_route(480_000, "purchase", department="総務部", in_budget=False) == ["総務部 課長", "総務部長", "役員"]
    assert approval_route(1_200_000, "contract", department="営業部") == ["営業部 課長", "法務部", "経理部", "営業部長"]
    plan = approval_plan(1_200_000, "contract", department="営業部")
    assert (plan.decider, plan.co_approval, plan.uses_department) == ("営業部長", ["法務部", "経理部"], True)


REQUEST_HEADER = ["申請番号", "起案日", "起案部署", "起案者", "件名", "区分", "金額(税抜)", "予算内外", "目的"]


def test_draft_ringi_routes_a_lease_through_the_drafter_s_department(tmp_path):
    src = make_xlsx(tmp_path / "稟議.xlsx", {"申請": [REQUEST_HEADER,
        ["R-1", D(2026, 11, 2), "総務部", "田中 一郎", "複合機リースの件", "リース", 864000, "予算内", "更新"],
        ["R-2", D(2026, 11, 2), "", "田中 一郎", "清掃の外注の件", "外注", 80000, "予算内", "清掃"]]})
    tpl = tmp_path / "t.txt.j2"
    tpl.write_text("{{ approval|join(' > ') }} / {{ decider }}", encoding="utf-8")
    results = draft_ringi(src, all=True, template=tpl, out_dir=tmp_path / "o")
    assert results[0].path.read_text(encoding="utf-8") == "総務部 課長 > 総務部長 > 役員 / 役員"
    assert results[1].path.read_text(encoding="utf-8") == "課長 / 課長"
    with open(tmp_path / "o" / "manifest.csv", encoding="utf-8-sig", newline="") as f:
        manifest = list(csv.DictReader(f))
    assert manifest[0]["warnings"] == ""
    assert manifest[1]["warnings"] == "起案部署がないため、承認ルートの 課長 がどの部署かを決めていません"


def test_a_route_of_fixed_titles_says_it_ignores_the_department(tmp_path):
    matrix = {"approval": {
        "amount_basis": "tax_excluded", "default_category": "purchase", "department_titles": ["課長", "部長"],
        "category_names": {"購買": "purchase"},
        "route_order": {"purchase": ["営業課長", "営業部長"]},
        "rules": [{"category": "purchase", "min": 0, "max": 1000000, "approver": "営業課長"},
                  {"category": "purchase", "min": 1000000, "approver": "営業部長"}]}}
    src = make_xlsx(tmp_path / "稟議.xlsx", {"申請": [REQUEST_HEADER,
        ["R-1", D(2026, 11, 2), "総務部", "田中 一郎", "複合機リースの件", "購買", 864000, "予算内", "更新"]]})
    tpl = tmp_path / "t.txt.j2"
    tpl.write_text("{{ approval|join(' > ') }}", encoding="utf-8")
    [r] = draft_ringi(src, row=2, template=tpl, out_dir=tmp_path / "o", config=matrix)
    assert r.path.read_text(encoding="utf-8") == "営業課長"
    assert r.warnings == ["承認ルート (営業課長) は起案部署 総務部 によらず決まっています (approval.department_titles を確認してください)"]


# --- 5. a contract that starts inside a month --------------------------------------------------------


def _from_october_16(hours_before: float = 0.0):
    from ledgerkit.calendars.business import BusinessCalendar

    days = BusinessCalendar().business_days(D(2026, 10, 16), D(2026, 10, 31))
    att = _attendance("山田 太郎", days, [8.0] * len(days))   # 11 days × 8 h = 88 h
    if hours_before:
        att = pd.concat([_attendance("山田 太郎", [D(2026, 10, 14)], [hours_before]), att], ignore_index=True)
    con = pd.DataFrame([{"person": "山田 太郎", "vendor": "株式会社アルファ", "fee": 600_000, "lower": 140, "upper": 180,
                         "method": "updown", "unit_minutes": 15, "rate_step": None, "rate_mode": "down",
                         "amount_rounding": "down", "valid_from": D(2026, 10, 16), "valid_to": None,
                         "source_file": "契約.xlsx", "source_sheet": "契約", "source_row": 3}])
    return att, con


def test_partial_month_is_prorated_by_business_days():
    """From 10/16, 88 h: settled as a full month it was a −¥222,858 "shortfall"; prorated by
    business days (11 of October's 21) the fee is ¥314,285, the band 73.33–94.29 h, 88 h inside."""
    att, con = _from_october_16()
    full = settle_month(600_000, 88, 140, 180)
    assert (full.adjustment, full.amount) == (-222_858, 377_142)
    result = settle(att, con)
    row = result.frame.iloc[0]
    assert (row["hours"], row["prorate"], row["adjustment"], row["amount"]) == (88.0, "営業日 11/21", 0, 314_285)
    [note] = [i for i in result.issues if i.code == "settle_prorated"]
    assert note.severity == "info" and (note.file, note.row) == ("契約.xlsx", 3)
    assert note.message() == ("山田 太郎 2026-10: 契約期間 2026-10-16〜2026-10-31 のため日割りしました (営業日 11/21、"
                              "暦: 土日・国民の祝日・銀行休業日・年末年始 12/29〜1/3): 月額 600,000 円 → 314,285 円、"
                              "精算幅 73.33〜94.29 時間")


def test_proration_by_calendar_days_and_company_holidays():
    att, con = _from_october_16()
    by_days = settle(att, con, config=config(settle={"prorate": "calendar_days"}))
    # 16 of 31 days: 600,000 × 16/31 = 309,677.4; the band 72.26–92.90 h, 88 h inside
    assert (by_days.frame["prorate"].iloc[0], by_days.frame["amount"].iloc[0]) == ("暦日 16/31", 309_677)
    closed = config(calendar={"company_holidays": ["2026-10-30 創立記念日"]})
    result = settle(att.iloc[:-1], con, config=closed)       # not worked on the company holiday
    assert result.frame["prorate"].iloc[0] == "営業日 10/20"
    assert "会社休日 1 件" in next(i for i in result.issues if i.code == "settle_prorated").message()
    assert result.frame["amount"].iloc[0] == 300_000        # 600,000 × 10/20, 80 h inside 70–90 h


def test_no_proration_is_said_and_days_outside_the_contract_are_not_settled():
    att, con = _from_october_16(hours_before=8.0)
    result = settle(att, con, config=config(settle={"prorate": "none"}))
    assert (result.frame["hours"].iloc[0], result.frame["amount"].iloc[0]) == (88.0, 377_142)
    codes = {i.code: i for i in result.issues}
    assert codes["settle_not_prorated"].severity == "warning"
    assert codes["settle_outside_contract"].message() == (
        "山田 太郎 2026-10: 契約期間 2026-10-16〜2026-10-31 の外の 1 日 (8 時間、10/14) は精算に含めていません")


# --- 6. budget purchases by the month of the work ----------------------------------------------------


BUDGET = pd.DataFrame({"project": ["P1", "P1"], "month": ["2026-10", "2026-11"], "budget": [500_000, 500_000]})
HOURS = pd.DataFrame({"project": ["P1"], "person": ["山田"], "month": ["2026-10"], "hours": [0.0]})


@pytest.mark.parametrize("header, cell, basis", [
    ("取引年月日", D(2026, 10, 31), "取引年月日"),
    ("取引年月日", "2026/10/1～2026/10/31", "取引年月日"),
    ("計上月", "2026年10月", "計上月"),
    ("対象月", "R8.10", "対象月"),
])
def test_invoice_of_november_for_october_work_is_october(tmp_path, header, cell, basis):
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [
        ["請求書番号", "取引先", "発行日", header, "案件", "税抜金額", "消費税"],
        ["A-1", "アルファ", D(2026, 11, 5), cell, "P1", 100000, 10000],
        ["A-2", "アルファ", D(2026, 11, 5), "", "P1", 50000, 5000]]})
    result = compare_budget(BUDGET, HOURS, {"山田": 5000}, src, fiscal_year=2026)
    monthly = result.tables["monthly"].set_index("month")
    assert monthly.loc["2026-10", "purchases"] == 100_000 and monthly.loc["2026-11", "purchases"] == 50_000
    purchases = result.tables["purchases"]
    assert list(zip(purchases["invoice_no"], purchases["month"], purchases["month_basis"])) == [
        ("A-1", "2026-10", {"取引年月日": "transaction", "計上月": "booking", "対象月": "billed"}[basis]),
        ("A-2", "2026-11", "issue")]
    [note] = [i for i in result.issues if i.code == "budget_purchase_month"]
    assert note.message() == f"請求書の計上月: {basis} 1 件、発行日 1 件 (対象月 > 取引年月日・計上月 > 発行日 の順に使います)"
    out = write_budget_report(result, tmp_path / "budget.xlsx")
    ws = openpyxl.load_workbook(out)["外注・購入費明細"]
    rows = list(ws.iter_rows(values_only=True))
    head = rows.index(next(r for r in rows if r and r[0] == "案件"))
    table = [dict(zip(rows[head], r)) for r in rows[head + 1:] if r[0]]
    assert [(r["請求書番号"], r["年月"], r["計上月の根拠"], r["税抜金額"]) for r in table] == [
        ("A-1", "2026-10", basis, 100000), ("A-2", "2026-11", "発行日", 50000)]


def test_the_billed_month_wins_over_the_transaction_date(tmp_path):
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [
        ["請求書番号", "取引先", "発行日", "取引年月日", "対象月", "案件", "税抜金額", "消費税"],
        ["A-1", "アルファ", D(2026, 11, 5), D(2026, 11, 2), "2026年10月", "P1", 100000, 10000]]})
    frame, _ = read_invoices(src)
    assert (frame["month"].iloc[0], frame["month_basis"].iloc[0]) == ("2026-10", "billed")
    assert frame["transaction_date"].iloc[0] == pd.Timestamp(2026, 11, 2)


# --- 7. equal lines inside one invoice ------------------------------------------------------------


LINES_HEADER = ["請求書番号", "取引先", "発行日", "品名", "税率", "税抜金額", "消費税"]


def test_two_equal_lines_of_one_invoice_are_two_lines(tmp_path):
    """Two 部品A lines of ¥315 each: both count (¥630 at 10%), and their tax rounded line by line
    (31 + 31 = 62, rounded once 63) is found; before, one line was dropped as a duplicate."""
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [LINES_HEADER,
        ["G-1", "ガンマ", D(2026, 10, 31), "部品A", "10%", 315, 31],
        ["G-1", "ガンマ", D(2026, 10, 31), "部品A", "10%", 315, 31],
        ["G-1", "ガンマ", D(2026, 10, 31), "食品B", "8%", 1234, 98]]})
    frame, issues = read_invoices(src)
    assert len(frame) == 3 and int(frame["net"].sum()) == 1864 and frame["invoice_key"].nunique() == 1
    assert not [i for i in issues if i.code == "duplicate_invoice"]
    findings = check_invoices([src], today=D(2026, 11, 20)).tables["findings"]
    assert [(r["rule"], r["source_row"]) for r in findings.to_dict("records")] == [("tax_per_line", 2)]


def test_the_same_invoice_entered_again_is_a_duplicate(tmp_path):
    block = [["G-1", "ガンマ", D(2026, 10, 31), "部品A", "10%", 315, 31],
             ["G-1", "ガンマ", D(2026, 10, 31), "部品A", "10%", 315, 31]]
    other = [["H-1", "デルタ", D(2026, 10, 31), "部品B", "10%", 1000, 100]]
    # again in another block of the same sheet (after another invoice)
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [LINES_HEADER, *block, *other, *block]})
    frame, issues = read_invoices(src)
    assert int(frame["net"].sum()) == 1630
    assert [(i.code, i.row) for i in issues if i.code == "duplicate_invoice"] == [("duplicate_invoice", 5),
                                                                                  ("duplicate_invoice", 6)]
    # again in another file: both lines in both
    again = make_xlsx(tmp_path / "請求2.xlsx", {"11月": [["受領一覧 11月"], LINES_HEADER, *block]})
    first = make_xlsx(tmp_path / "請求1.xlsx", {"10月": [LINES_HEADER, *block]})
    frame, issues = read_invoices([first, again])
    assert int(frame["net"].sum()) == 630 and len([i for i in issues if i.code == "duplicate_invoice"]) == 2


def test_a_blank_row_between_two_copies_makes_two_blocks(tmp_path):
    row = ["G-1", "ガンマ", D(2026, 10, 31), "部品A", "10%", 315, 31]
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [LINES_HEADER, row, [], row]})
    frame, issues = read_invoices(src)
    assert len(frame) == 1 and [i.code for i in issues if i.code == "duplicate_invoice"] == ["duplicate_invoice"]


# --- 8. a trailing minus in a list ------------------------------------------------------------------


def test_sap_style_trailing_minus_in_an_invoice_list(tmp_path):
    src = make_xlsx(tmp_path / "請求.xlsx", {"一覧": [
        ["請求書番号", "取引先", "発行日", "税抜金額", "消費税", "税込金額"],
        ["C-1", "アルファ", D(2026, 10, 31), "1,000-", "100-", "1,100-"],
        ["C-2", "アルファ", D(2026, 10, 31), "¥1,000-", "¥100-", "¥1,100-"]]})
    frame, issues = read_invoices(src)
    assert frame[["net", "tax", "total"]].values.tolist() == [[-1000, -100, -1100], [1000, 100, 1100]]
    assert check_invoices([src], today=D(2026, 11, 20)).tables["findings"].empty


# --- smaller points ---------------------------------------------------------------------------------


def test_sixty_day_message_on_the_first_late_day():
    f = check_payment_due(D(2026, 10, 15), D(2026, 12, 14))
    assert f.message() == "支払期日 2026-12-14 は受領日 (納期) 2026-10-15から60日を超えています (期限 2026-12-13)"
    assert f.message("en") == "payment due 2026-12-14 is more than 60 days after delivery on 2026-10-15 (limit 2026-12-13)"
    assert check_payment_due(D(2026, 10, 15), D(2026, 12, 13)) is None


def test_examples_drafts_toml_ships_a_valid_registration_number():
    data = tomllib.loads((ROOT / "examples" / "drafts.toml").read_text(encoding="utf-8"))
    assert check_registration_no(data["company"]["registration_no"]) is None


def test_leading_zero_is_a_warning_like_a_failed_check_digit():
    f = check_registration_no("T0123456789012")
    assert (f.code, f.severity) == ("registration_no_leading_zero", "warning")


def test_a_december_period_under_a_march_closing_is_a_finding(tmp_path):
    rows = [["2026年12月期 予算"], [], ["案件", "4月", "5月"], ["P1", 100, 200]]
    src = make_xlsx(tmp_path / "予算.xlsx", {"予算": rows})
    with pytest.raises(InputError, match="「2026年12月期」は12月に終わる期ですが、設定の決算月は3月"):
        compare_budget(src, HOURS, {"山田": 5000})
    # with months that carry their year, the budget is read and the contradiction listed
    dated = make_xlsx(tmp_path / "予算2.xlsx", {"予算": [["2026年12月期 予算"], [], ["案件", "2026年4月", "2026年5月"],
                                                        ["P1", 100, 200]]})
    from ledgerkit.budget.budgets import read_budget

    read = read_budget(dated)
    [conflict] = [i for i in read.issues if i.code == "budget_closing_conflict"]
    assert conflict.severity == "error" and read.meta["fiscal_year"] is None
    assert conflict.message("en").startswith("'2026年12月期' names a fiscal year ending in month 12")
    # a December closing: FY2026, nothing to say
    jan = config(fiscal_year={"start_month": 1})
    assert read_budget(src, jan).meta["fiscal_year"] == 2026


def test_share_of_a_month_is_exact():
    s = settle_month(600_000, 88, 140, 180, share=Fraction(16, 31))
    assert (s.fee, s.amount) == (309_677, 309_677)
    with pytest.raises(ValueError):
        settle_month(600_000, 88, 140, 180, share=Fraction(3, 2))


def test_config_refuses_a_vendor_entry_naming_no_vendor(tmp_path):
    from ledgerkit.config.loading import load_config
    from ledgerkit.core.errors import ConfigError

    path = tmp_path / "ledgerkit.toml"
    path.write_text('[[vendors.list]]\ncovered = true\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"ledgerkit.toml:1: vendors.list\[0\]: 取引先を name・registration_no・code"):
        load_config(path)
    path.write_text('[[vendors.list]]\nname = "アルファ"\ncovered = true\ncapital = 10000000\n'
                    '[settle]\nprorate = "calendar_days"\n', encoding="utf-8")
    c = load_config(path)
    assert c.get("vendors.list") == [{"name": "アルファ", "covered": True, "capital": 10_000_000}]
    path.write_text('[settle]\nprorate = "weekly"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="settle.prorate"):
        load_config(path)
