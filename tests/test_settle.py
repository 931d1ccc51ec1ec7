"""SES settlement: band rules with the DOMAIN.md §6.1 figures, contract lists, settle(), invoices."""

from __future__ import annotations

import datetime as dt
import importlib.util
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.core.errors import DataError, InputError
from ledgerkit.settlement.bands import (
    band_rates,
    parse_method,
    parse_mode,
    parse_rate_rounding,
    parse_unit_minutes,
    round_minutes,
    round_step,
    settle_month,
    tax_on,
)
from ledgerkit.settlement.contracts import read_contracts
from ledgerkit.settlement.months import settle

HERE = Path(__file__).parent
EXAMPLES = HERE.parent / "examples"


# --- the rules, with DOMAIN.md §6.1's worked example: ¥500,000, 140–180 h -------------------


@pytest.mark.parametrize(
    "hours, kwargs, amount",
    [
        (130, {}, 464_285),  # 3,571.43/h × 10 h short, amount rounded down
        (130, {"amount_rounding": "half_up"}, 464_286),
        (130, {"rate_step": 10}, 464_300),  # rate cut to 3,570
        (130, {"rate_step": 1}, 464_290),  # rate cut to 3,571
        (190, {}, 527_777),  # 2,777.78/h × 10 h over
        (190, {"amount_rounding": "half_up"}, 527_778),
        (190, {"rate_step": 10}, 527_700),  # rate cut to 2,770
        (190, {"rate_step": 10, "rate_mode": "half_up"}, 527_800),  # 2,777.78 → 2,780
        (140, {}, 500_000),
        (180, {}, 500_000),
        (160, {}, 500_000),
    ],
)
def test_updown_domain_figures(hours, kwargs, amount):
    assert settle_month(500_000, hours, 140, 180, "updown", **kwargs).amount == amount


def test_middle_uses_the_midpoint_both_ways():
    assert band_rates(500_000, 140, 180, "middle") == (3125, 3125)
    short = settle_month(500_000, 130, 140, 180, "middle")
    over = settle_month(500_000, 190, 140, 180, "middle")
    assert (short.rate, short.adjustment, short.amount) == (3125, -31_250, 468_750)
    assert (over.rate, over.adjustment, over.amount) == (3125, 31_250, 531_250)
    assert settle_month(500_000, 150, 140, 180, "middle").amount == 500_000


def test_fixed_ignores_hours():
    s = settle_month(400_000, 12, method="fixed")
    assert (s.amount, s.adjustment, s.rate) == (400_000, 0, None)


def test_hours_are_rounded_to_the_unit_before_the_band():
    # 139 h 59 min is 139 h 45 min with 15-minute units (down): still 15 minutes short
    s = settle_month(500_000, Fraction(139 * 60 + 59, 60), 140, 180, rate_step=10)
    assert s.minutes == 139 * 60 + 45
    assert s.amount == 500_000 - 3570 // 4 - 1  # 892.5 short → 499,107.5 → 499,107
    # with 30-minute units the same month is 139 h 30 min
    assert settle_month(500_000, Fraction(139 * 60 + 59, 60), 140, 180, unit_minutes=30).minutes == 139 * 60 + 30
    # 180 h 14 min stays inside the band with 15-minute units
    assert settle_month(500_000, Fraction(180 * 60 + 14, 60), 140, 180).amount == 500_000
    assert round_minutes(7829, 15, "half_up") == 7830


def test_rounding_never_uses_bankers_rounding():
    assert round_step(Decimal("32.5"), 1, "half_up") == 33
    assert round_step(Decimal("33.5"), 1, "half_up") == 34
    assert round_step(Decimal("-32.5"), 1, "half_up") == -33
    assert round_step(Fraction(3571, 1), 10, "up") == 3580


def test_tax_is_rounded_once():
    assert tax_on(464_285) == 46_428
    assert tax_on(464_285, mode="half_up") == 46_429
    assert tax_on(464_285, mode="up") == 46_429


@given(st.integers(0, 400 * 60), st.sampled_from(["updown", "middle"]), st.sampled_from([None, 1, 10]))
@settings(max_examples=200)
def test_amount_never_falls_when_hours_rise(minutes, method, step):
    a = settle_month(500_000, Fraction(minutes, 60), 140, 180, method, rate_step=step).amount
    b = settle_month(500_000, Fraction(minutes + 15, 60), 140, 180, method, rate_step=step).amount
    assert a <= b
    assert a >= 0


# --- parsers of contract cells ------------------------------------------------------------


@given(st.integers(1, 120), st.sampled_from(["{}分", "{}分単位", "{}", "{} min"]))
@settings(max_examples=200)
def test_parse_unit_minutes(n, template):
    assert parse_unit_minutes(template.format(n)) == n


@given(st.text(max_size=10))
@settings(max_examples=200)
def test_contract_parsers_raise_only_value_errors(text):
    for parser in (parse_unit_minutes, parse_mode, parse_method, parse_rate_rounding):
        try:
            parser(text)
        except ValueError:
            pass


@pytest.mark.parametrize(
    "text, expected",
    [("10円未満切捨て", (10, "down")), ("１０円切り捨て", (10, "down")), ("1円未満四捨五入", (1, "half_up")),
     ("10円単位切上げ", (10, "up")), ("", (None, "down")), ("なし", (None, "down"))],
)
def test_parse_rate_rounding(text, expected):
    assert parse_rate_rounding(text) == expected


def test_parse_unit_minutes_hours_and_errors():
    assert parse_unit_minutes("0.25h") == 15
    assert parse_unit_minutes("１時間") == 60
    with pytest.raises(ValueError):
        parse_unit_minutes("約15分")
    with pytest.raises(ValueError):
        parse_method("時給")


# --- the contract list --------------------------------------------------------------------


def _contracts_xlsx(path: Path, rows, header=None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("契約")
    ws.write(0, 0, "精算条件一覧")
    header = header or ["氏名", "取引先", "注文番号", "月額単価", "精算幅", "精算方法", "時間単位", "単価端数"]
    ws.write_row(2, 0, header)
    for i, row in enumerate(rows, start=3):
        ws.write_row(i, 0, row)
    wb.close()
    return path


def test_read_contracts_with_band_text_and_defaults(tmp_path):
    path = _contracts_xlsx(tmp_path / "c.xlsx", [
        ["山田 太郎", "(株)アルファ", "PO-1", "¥500,000", "140～180h", "上下割", "15分", "10円切捨て"],
        ["佐藤花子", "ベータ合同会社", "", 600000, "150-190", "中割", "", ""],
        ["鈴木一郎", "ガンマ", "", "五十万", "140-180", "", "", ""],
        ["合計", "", "", 1100000, "", "", "", ""],
    ])
    frame, issues = read_contracts(path)
    assert list(frame["person"]) == ["山田太郎", "佐藤花子"]
    first = frame.iloc[0]
    assert (first["fee"], first["lower"], first["upper"], first["method"], first["unit_minutes"],
            first["rate_step"], first["rate_mode"], first["po_no"], first["source_row"]) == (
        500_000, 140, 180, "updown", 15, 10, "down", "PO-1", 4)
    second = frame.iloc[1]
    assert (second["method"], second["unit_minutes"], second["rate_step"]) == ("middle", 15, None)
    assert [(i.code, i.row, i.column, i.rejected) for i in issues] == [
        ("bad_cell", 6, "月額単価", True), ("total_row", 7, "", False)]


def test_contract_list_total_and_note_rows_are_listed_not_dropped(tmp_path):
    path = _contracts_xlsx(tmp_path / "c.xlsx", [
        ["山田 太郎", "(株)アルファ", "PO-1", "¥500,000", "140～180h", "上下割", "15分", ""],
        ["合計", "", "", 500000, "", "", "", ""],
        [],
        ["", "※ 単価は税抜", "", "", "", "", "", ""],
    ])
    result = read_contracts(path)
    assert list(result.frame["person"]) == ["山田太郎"]
    got = [(i.code, i.severity, i.row, i.column, i.rejected) for i in result.issues]
    # a ※ note is listed as a note (the shared row walk); a row with no person and no mark is a warning
    assert got == [("total_row", "info", 5, "", False), ("note_row", "info", 7, "", False)]
    assert result.issues[1].message("ja") == "表の下の注記のためデータではありません: ※ 単価は税抜"
    assert (result.stats.rows_read, result.stats.rows_rejected) == (1, 0)
    path = _contracts_xlsx(tmp_path / "c2.xlsx", [
        ["山田 太郎", "(株)アルファ", "PO-1", "¥500,000", "140～180h", "上下割", "15分", ""],
        ["", "単価は税抜", "", "", "", "", "", ""],
    ])
    result = read_contracts(path)
    got = [(i.code, i.severity, i.row, i.column, i.rejected) for i in result.issues]
    assert got == [("missing_value", "warning", 5, "氏名", True)]
    assert (result.issues[0].message("ja"), result.issues[0].value) == ("氏名が空です", "単価は税抜")
    assert (result.stats.rows_read, result.stats.rows_rejected) == (2, 1)


def test_read_contracts_without_a_table_is_an_input_error(tmp_path):
    path = _contracts_xlsx(tmp_path / "c.xlsx", [["a", "b"]], header=["メモ", "備考"])
    with pytest.raises(InputError, match="契約一覧の表が見つかりません"):
        read_contracts(path)


# --- settle() -------------------------------------------------------------------------------


def _attendance(person: str, hours_per_day: float, days: int, month=(2026, 10), person_id="", file="a.xlsx"):
    return pd.DataFrame({
        "date": [dt.date(*month, d) for d in range(1, days + 1)],
        "person": person,
        "person_id": person_id,
        "hours": hours_per_day,
        "source_file": file,
        "source_sheet": "勤務表",
        "source_row": range(6, 6 + days),
    })


def _contract(person, vendor="株式会社アルファ", fee=500_000, lower=140, upper=180, method="updown", **extra):
    return {"person": person, "vendor": vendor, "fee": fee, "lower": lower, "upper": upper, "method": method,
            "unit_minutes": 15, "rate_step": None, "rate_mode": "down", "amount_rounding": "down", **extra}


def test_settle_one_person_short_and_one_over():
    att = pd.concat([_attendance("山田太郎", 6.5, 20), _attendance("佐藤 花子", 9.5, 20)])
    con = pd.DataFrame([_contract("山田 太郎"), _contract("佐藤花子", vendor="ベータ", method="middle")])
    frame, findings = settle(att, con)
    assert findings == []
    got = frame.set_index("person")
    assert got.loc["山田太郎", ["days", "hours", "adjustment", "amount", "tax", "total"]].tolist() == [
        20, 130.0, -35_715, 464_285, 46_428, 510_713]
    assert got.loc["佐藤 花子", ["hours", "rate", "amount"]].tolist() == [190.0, Decimal("3125"), 531_250]
    assert got.loc["山田太郎", "rate"] == Decimal("3571.43")
    assert frame["amount"].map(type).eq(int).all()


def test_person_without_contract_is_an_error_naming_them():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("田中次郎", 8, 20, file="b.xlsx")])
    con = pd.DataFrame([_contract("山田太郎")])
    with pytest.raises(DataError) as e:
        settle(att, con)
    assert str(e.value) == "契約がありません: 田中次郎 (2026-10, b.xlsx / 勤務表) — 契約一覧に加えてください"


def test_a_contract_matched_by_id_under_another_spelling_is_settled_not_warned():
    # the 勤務表 says 山田太郎 (ID 77), the contract 山田 太朗 (ID 77, a typo): settled by ID, so no
    # "contract in force with no 勤務表" warning (it compared names only)
    att = _attendance("山田太郎", 8, 20, person_id="77")
    con = pd.DataFrame([_contract("山田 太朗", person_id="77")])
    frame, findings = settle(att, con, month="2026-10")
    assert frame["person"].tolist() == ["山田太郎"]
    assert [f.code for f in findings] == []


def test_contract_period_and_person_id_pick_the_contract():
    att = pd.concat([_attendance("山田太郎", 8, 20, month=(2026, 9), person_id="77"),
                     _attendance("山田太郎", 8, 20, month=(2026, 10), person_id="77")])
    con = pd.DataFrame([
        _contract("山田太郎", fee=400_000, person_id="77", valid_to=dt.date(2026, 9, 30)),
        _contract("山田太郎", fee=450_000, person_id="77", valid_from=dt.date(2026, 10, 1)),
        _contract("山田太郎", fee=999_999, person_id="12"),  # a namesake
    ])
    frame, _ = settle(att, con)
    assert frame[["month", "fee"]].values.tolist() == [["2026-09", 400_000], ["2026-10", 450_000]]
    frame, findings = settle(att, con, month="2026-10")
    assert frame["month"].tolist() == ["2026-10"]
    assert [f.code for f in findings] == ["settle_other_month"]


def test_two_contracts_for_one_month_is_an_error():
    con = pd.DataFrame([_contract("山田太郎"), _contract("山田太郎", fee=1)])
    with pytest.raises(DataError, match="2026-10 に当たる契約が 2 件あります"):
        settle(_attendance("山田太郎", 8, 20), con)


def test_bad_month_option():
    with pytest.raises(InputError, match=r"--month は 2026-10 のような年月で指定してください \('2026/10' ではなく\)"):
        settle(_attendance("山田太郎", 8, 20), pd.DataFrame([_contract("山田太郎")]), month="2026/10")


# --- invoices -------------------------------------------------------------------------------


def _invoices(rows):
    base = {"invoice_no": "", "issue_date": pd.NaT, "vendor": "", "po_no": "", "net": None, "tax": None,
            "source_file": "inv.xlsx", "source_sheet": "一覧"}
    records = [{**base, **r, "source_row": i + 3} for i, r in enumerate(rows)]
    frame = pd.DataFrame.from_records(records)
    frame["issue_date"] = pd.to_datetime(frame["issue_date"])
    return frame


def test_invoice_matching_by_po_person_and_amount():
    att = pd.concat([_attendance("山田太郎", 6.5, 20), _attendance("佐藤花子", 8, 20), _attendance("鈴木一郎", 8, 20)])
    con = pd.DataFrame([
        _contract("山田太郎", po_no="PO-1"),
        _contract("佐藤花子", vendor="ベータ合同会社"),
        _contract("鈴木一郎", vendor="ガンマ"),
        _contract("小林誠", vendor="デルタ"),
    ])
    inv = _invoices([
        {"invoice_no": "A-1", "vendor": "(株)アルファ", "po_no": "PO-1", "net": 464_285, "issue_date": "2026-10-31"},
        {"invoice_no": "B-1", "vendor": "ベータ(同)", "net": 510_000, "issue_date": "2026-11-05"},
        {"invoice_no": "D-1", "vendor": "株式会社デルタ", "net": 480_000, "issue_date": "2026-11-02"},
        {"invoice_no": "Z-9", "vendor": "無関係商店", "net": 1_000, "issue_date": "2026-11-02"},
    ])
    frame, findings = settle(att, con, invoices=inv)
    got = frame.set_index("person")[["invoice_no", "billed", "difference", "check"]]
    assert got.loc["山田太郎"].tolist() == ["A-1", 464_285, 0, "一致"]
    assert got.loc["佐藤花子"].tolist() == ["B-1", 510_000, 10_000, "差異"]
    assert got.loc["鈴木一郎", "check"] == "請求書なし"
    codes = sorted((f.code, f.row or 0, f.params.get("billed"), f.params.get("settled")) for f in findings)
    assert codes == [
        ("settle_amount_mismatch", 4, "510,000", "500,000"),
        ("settle_contract_no_attendance", 0, None, None),  # 小林誠: a contract in October, no 勤務表
        ("settle_no_attendance", 5, "480,000", None),
        ("settle_no_invoice", 0, None, "500,000"),
    ]
    by_code = {f.code: f for f in findings}
    assert (by_code["settle_contract_no_attendance"].severity, by_code["settle_contract_no_attendance"].message("ja")) == (
        "warning", "小林誠 (デルタ) の契約は 2026-10 も有効ですが、その月の勤務表の行がありません: 精算していません "
                   "(勤務表の提出漏れか、契約の終了日を確認してください)")
    assert by_code["settle_amount_mismatch"].message("en") == (
        "佐藤花子, 2026-10: billed 510,000 yen (excl. tax) but the settlement is 500,000 yen (+10,000 yen off)")
    assert by_code["settle_no_attendance"].message("en") == (
        "invoice D-1 (株式会社デルタ, 2026-10, 480,000 yen) has no attendance sheet")
    assert by_code["settle_no_invoice"].message("en") == "鈴木一郎, 2026-10 (ガンマ): no invoice (settlement 500,000 yen)"


def test_one_invoice_for_two_people_of_one_vendor_is_compared_with_their_sum():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("佐藤花子", 8, 20)])
    con = pd.DataFrame([_contract("山田太郎"), _contract("佐藤花子", fee=600_000)])
    inv = _invoices([{"invoice_no": "A-7", "vendor": "アルファ", "net": 1_100_000, "issue_date": "2026-11-04"}])
    frame, findings = settle(att, con, invoices=inv)
    assert findings == []
    assert frame["check"].tolist() == ["一致", "一致"]


def test_invoice_with_a_person_column_and_month_in_the_subject():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("佐藤花子", 8, 20)])
    con = pd.DataFrame([_contract("山田太郎"), _contract("佐藤花子", fee=600_000)])
    inv = _invoices([
        {"invoice_no": "A-8", "vendor": "アルファ", "net": 600_000, "person": "佐藤 花子", "subject": "10月分"},
        {"invoice_no": "A-9", "vendor": "アルファ", "net": 500_001, "person": "山田太郎", "subject": "2026年10月分"},
    ])
    frame, findings = settle(att, con, invoices=inv)
    assert frame.set_index("person")["invoice_no"].to_dict() == {"佐藤花子": "A-8", "山田太郎": "A-9"}
    assert [(f.code, f.params["diff"]) for f in findings] == [("settle_amount_mismatch", "+1")]


def test_two_unnamed_invoices_for_two_people_with_other_amounts_are_ambiguous():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("佐藤花子", 8, 20)])
    con = pd.DataFrame([_contract("山田太郎"), _contract("佐藤花子", fee=600_000)])
    inv = _invoices([
        {"invoice_no": "A-1", "vendor": "アルファ", "net": 1, "issue_date": "2026-10-31"},
        {"invoice_no": "A-2", "vendor": "アルファ", "net": 2, "issue_date": "2026-10-31"},
    ])
    frame, findings = settle(att, con, invoices=inv)
    assert [f.code for f in findings] == ["settle_ambiguous_invoice", "settle_ambiguous_invoice"]
    assert findings[0].params["invoices"] == "A-1, A-2"


def test_an_ambiguous_invoice_without_a_number_is_named_by_its_row_in_the_message_language():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("佐藤花子", 8, 20)])
    con = pd.DataFrame([_contract("山田太郎"), _contract("佐藤花子", fee=600_000)])
    inv = _invoices([
        {"invoice_no": "", "vendor": "アルファ", "net": 1, "issue_date": "2026-10-31"},
        {"invoice_no": "A-2", "vendor": "アルファ", "net": 2, "issue_date": "2026-10-31"},
    ])
    _, findings = settle(att, con, invoices=inv)
    assert findings[0].params["invoices"] == {"ja": "3行, A-2", "en": "row 3, A-2"}
    assert findings[0].message().endswith("の請求書が 2 件あり、どれか決められません (3行, A-2)")
    assert findings[0].message("en").endswith(": 2 invoices from 株式会社アルファ could be it (row 3, A-2); cannot tell which")


# --- the CLI and the examples ----------------------------------------------------------------


@pytest.fixture(scope="module")
def examples(tmp_path_factory):
    """The sample workbooks of examples/make_attendance_examples.py, written to a temporary folder."""
    tmp = tmp_path_factory.mktemp("examples")
    spec = importlib.util.spec_from_file_location("make_attendance_examples", EXAMPLES / "make_attendance_examples.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.OUT, module.SHEETS, module.HERE = tmp / "attendance", tmp / "attendance" / "勤務表", tmp
    module.main()
    return tmp / "attendance"


def test_cli_settle_examples_reports_the_wrong_invoice(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = examples
    out = tmp_path / "settlement.xlsx"
    result = CliRunner().invoke(app, [
        "settle", str(ex / "勤務表"), "--contracts", str(ex / "契約一覧.xlsx"),
        "--invoices", str(ex / "請求書一覧_2026年10月.xlsx"), "-o", str(out), "--lang", "en",
    ])
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        f"{ex / '請求書一覧_2026年10月.xlsx'} / 2026年10月受領分 / row 5 / 税抜金額: 伊藤美咲, 2026-10: billed 672,000 yen "
        "(excl. tax) but the settlement is 671,000 yen (+1,000 yen off)"
    )
    assert lines[-1] == f"2 person-months settled, 1,187,680 yen excl. tax; 1 finding; wrote {out}"
    wb = openpyxl.load_workbook(out)
    ws = wb["Settlement"]
    header = [c.value for c in ws[1]]
    assert header[:4] == ["Person", "ID", "Vendor", "Month"]
    rows = {r[0]: dict(zip(header, r)) for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["高橋健一"]["Hours worked"] == 131.67 and rows["高橋健一"]["Hours settled"] == 131.5
    assert rows["高橋健一"]["Hourly rate"] == 3920 and rows["高橋健一"]["Amount (excl. tax)"] == 516_680
    assert rows["高橋健一"]["Check"] == "match" and rows["伊藤美咲"]["Check"] == "differs"
    assert rows["伊藤美咲"]["Amount (excl. tax)"] == 671_000 and rows["伊藤美咲"]["Billed (excl. tax)"] == 672_000
    diff_cell = ws.cell(row=2 + list(rows).index("伊藤美咲"), column=header.index("Difference") + 1)
    assert diff_cell.value == 1000 and diff_cell.fill.fgColor.rgb.endswith("FFC7CE")
    assert ws.cell(row=2, column=header.index("Amount (excl. tax)") + 1).number_format == '"¥"#,##0_ ;-"¥"#,##0_ '
    assert "Issues" in wb.sheetnames


def test_settlement_statement_prints_on_one_a4_page(tmp_path, examples):
    """The first sheet is what a manager signs: a title with the month, one row per person,
    totals, the findings beneath; A4 landscape one page wide, the header on every page."""
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    out = tmp_path / "settlement.xlsx"
    result = CliRunner().invoke(app, [
        "settle", str(examples / "勤務表"), "--contracts", str(examples / "契約一覧.xlsx"),
        "--invoices", str(examples / "請求書一覧_2026年10月.xlsx"), "-o", str(out),
    ])
    assert result.exit_code == 1, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["精算書", "精算", "問題一覧"]
    ws = wb["精算書"]
    assert ws["A1"].value == "精算書 2026年10月"
    assert ws["A2"].value == "2 人月 ・ 精算額合計 ¥1,187,680 (税抜) ・ 指摘 1 件"
    assert [c.value for c in ws[4]] == ["氏名", "契約", "精算幅", "稼働日数", "実績時間", "控除/超過", "控除・超過額",
                                         "精算額(税抜)", "請求書番号", "請求額(税抜)", "差額", "照合"]
    assert [c.value for c in ws[5]] == ["伊藤美咲", "合同会社ソフトリンク\n月額 ¥640,000", "140〜180h\n中割", 22, 187.75,
                                         "超過 7.75h × ¥4,000", 31_000, 671_000, "SL-1031", 672_000, 1_000, "差異"]
    assert ws["F6"].value == "控除 8.5h × ¥3,920" and ws["G6"].value == -33_320
    assert ws["B5"].alignment.wrap_text
    yen = '"¥"#,##0_ ;-"¥"#,##0_ '
    assert (ws["H5"].number_format, ws["E5"].number_format) == (yen, "#,##0.00_ ;-#,##0.00_ ")
    assert ws["A7"].value == "合計" and ws["H7"].value == "=SUM(H5:H6)" and ws["H7"].number_format == yen
    assert ws["A9"].value == "指摘 (1 件)" and ws["A11"].value == "エラー"
    assert ws["B11"].value == "請求書一覧_2026年10月.xlsx / 2026年10月受領分 / 5行目 / 税抜金額"
    setup = ws.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "landscape")
    assert ws.sheet_properties.pageSetUpPr.fitToPage and setup.fitToHeight == 0
    assert ws.print_title_rows == "$4:$4" and ws.oddFooter.center.text == "&P / &N"
    assert ws.oddFooter.left.text.startswith("作成日 ")


def test_cli_settle_without_invoices_exits_0_and_csv(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = examples
    out = tmp_path / "rows.csv"
    result = CliRunner().invoke(app, ["settle", str(ex / "勤務表"), "-c", str(ex / "契約一覧.xlsx"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("person,person_id,vendor,month,days,hours_worked,hours")
    assert "高橋健一,20231045,株式会社テックブリッジ,2026-10,17,131.67,131.5" in text


def test_cli_settle_missing_contract_is_one_line_exit_1(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = examples
    contracts = _contracts_xlsx(tmp_path / "c.xlsx", [["高橋 健一", "テックブリッジ", "", 550000, "140-180", "", "", ""]])
    result = CliRunner().invoke(app, ["settle", str(ex / "勤務表"), "-c", str(contracts)])
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: 契約がありません: 伊藤美咲 (2026-10, {ex / '勤務表' / '勤怠表_伊藤美咲_202610.xlsx'} / 勤怠表)"
        " — 契約一覧に加えてください\n"
    )


def test_cli_settle_bad_month_exit_2(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = examples
    result = CliRunner().invoke(app, ["settle", str(ex / "勤務表"), "-c", str(ex / "契約一覧.xlsx"), "--month", "10月"])
    assert result.exit_code == 2
    assert result.stderr == "Error: --month は 2026-10 のような年月で指定してください ('10月' ではなく)\n"


def test_the_same_days_on_two_sheets_are_refused():
    att = pd.concat([_attendance("山田太郎", 8, 20, file="a.xlsx"), _attendance("山田太郎", 8, 3, file="a_v2.xlsx")])
    with pytest.raises(DataError) as e:
        settle(att, pd.DataFrame([_contract("山田太郎")]))
    assert str(e.value) == (
        "山田太郎 2026-10: 同じ日 (例: 2026-10-01) が2つのシート a.xlsx / 勤務表 と "
        "a_v2.xlsx / 勤務表 にあります。どちらか1つにしてください"
    )


def test_english_labels_follow_the_config_language():
    from ledgerkit.config.loading import Config

    config = Config()
    config.data["report"]["lang"] = "en"
    inv = _invoices([{"invoice_no": "A-1", "vendor": "アルファ", "net": 500_000, "issue_date": "2026-10-31"}])
    frame, _ = settle(_attendance("山田太郎", 8, 20), pd.DataFrame([_contract("山田太郎")]), invoices=inv, config=config)
    assert frame[["method", "check"]].values.tolist() == [["lower/upper", "match"]]


def test_cli_settle_with_no_attendance_rows_exit_2(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = examples
    result = CliRunner().invoke(app, ["settle", str(ex / "契約一覧.xlsx"), "-c", str(ex / "契約一覧.xlsx")])
    assert result.exit_code == 2
    assert result.stderr == "Error: 勤務表の行が1行もありません (ledgerkit inspect --kind attendance でファイルを確認できます)\n"


def test_ledgerkit_settle_is_callable_from_the_package():
    import ledgerkit
    import ledgerkit.settlement.months  # noqa: F401  (importing the package never shadows the function)

    frame, findings = ledgerkit.settle(_attendance("山田太郎", 6.5, 20), pd.DataFrame([_contract("山田太郎")]))
    assert frame["amount"].tolist() == [464_285]


def test_cli_settle_shows_warnings_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    att = tmp_path / "勤務表_202610.xlsx"
    wb = xlsxwriter.Workbook(str(att))
    ws = wb.add_worksheet("山田太郎")
    ws.write_row(0, 0, ["日付", "出社", "退社", "休憩", "勤務時間"])
    ws.write_row(1, 0, [1, "9:00", "18:00", "1:00", "7:00"])
    ws.write_row(2, 0, [2, "9:00", "18:00", "1:00", "8:00"])
    wb.close()
    contracts = _contracts_xlsx(tmp_path / "c.xlsx", [["山田太郎", "アルファ", "", 300000, "", "固定", "", ""]])
    result = CliRunner().invoke(app, ["settle", str(att), "-c", str(contracts), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"1 warning, e.g. {att} / 山田太郎 / row 2 / 勤務時間: worked hours 07:00 disagree with "
        "end − start − break = 08:00 (using 07:00) (all of them: -o report.xlsx, Issues sheet)",
        "1 person-month settled, 300,000 yen excl. tax",
    ]


def test_contract_without_vendor_matches_by_po_only():
    att = pd.concat([_attendance("山田太郎", 8, 20), _attendance("佐藤花子", 8, 20)])
    con = pd.DataFrame([_contract("山田太郎", vendor="", po_no="PO-9"), _contract("佐藤花子", vendor="")])
    inv = _invoices([{"invoice_no": "X-1", "vendor": "どこか", "po_no": "PO-9", "net": 500_000, "issue_date": "2026-10-31"}])
    frame, findings = settle(att, con, invoices=inv)
    assert frame.set_index("person")["check"].to_dict() == {"山田太郎": "一致", "佐藤花子": "請求書なし"}
    assert [f.code for f in findings] == ["settle_no_invoice"]


def test_month_without_attendance_is_refused():
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    ex = Path(__file__).resolve().parents[1] / "examples" / "attendance"
    result = CliRunner().invoke(
        app, ["settle", str(ex / "勤務表"), "--contracts", str(ex / "契約一覧.xlsx"), "--month", "2030-01"]
    )
    assert result.exit_code == 2
    assert result.output.strip() == "Error: --month 2030-01: その月の勤務表がありません (ファイルにあるのは 2026-10)"


def test_cli_settle_invoices_file_without_an_invoice_list_is_an_error(tmp_path, examples):
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app
    from sheets import make_xlsx

    title = make_xlsx(tmp_path / "請求 書.xlsx", {"Sheet1": [["請求書一覧"]]})
    out = tmp_path / "s.xlsx"
    result = CliRunner().invoke(app, [
        "settle", str(examples / "勤務表"), "--contracts", str(examples / "契約一覧.xlsx"),
        "--invoices", str(title), "-o", str(out), "--lang", "en",
    ])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: --invoices: no invoice list found in {title} (取引先, 請求書番号 or 登録番号 and an amount column)\n"
    )
    assert not out.exists()


def test_cli_no_contract_names_the_contract_rows_that_could_not_be_read(tmp_path, examples):
    import openpyxl
    from typer.testing import CliRunner

    from ledgerkit.cli.app import app

    wb = openpyxl.load_workbook(examples / "契約一覧.xlsx")
    ws = wb.active
    header = next(r for r in range(1, 10) if ws.cell(r, 1).value == "要員名")
    lower = next(c for c in range(1, 20) if ws.cell(header, c).value == "下限")
    ws.cell(header + 1, lower).value = 200  # above the 上限 of 180: the row cannot be used
    contracts = tmp_path / "契約 一覧.xlsx"
    wb.save(contracts)
    result = CliRunner().invoke(app, ["settle", str(examples / "勤務表"), "-c", str(contracts), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith("Error: no contract for 高橋健一 (2026-10, ")
    assert len(lines) == 2 and lines[1].startswith(f"Error: {contracts} / ") and f"row {header + 1} / 上限" in lines[1]


def test_contract_cell_reason_in_japanese_is_left_out_of_the_english_line(tmp_path):
    from ledgerkit.settlement.contracts import read_contracts
    from sheets import make_xlsx

    path = make_xlsx(tmp_path / "c.xlsx", {"精算条件": [
        ["要員名", "所属会社", "月額単価", "下限", "上限", "精算方法"],
        ["高橋 健一", "株式会社テックブリッジ", "未定", 140, 180, "上下割"],
    ]})
    _, issues = read_contracts(path)
    (bad,) = [i for i in issues if i.code == "bad_cell"]
    assert bad.message("en") == "cannot read 月額単価: '未定'"
    assert bad.message("ja").startswith("月額単価を読み取れません: '未定 (")


def test_a_contract_in_force_with_no_timesheet_is_said_and_one_ended_is_not():
    # 山田 handed in October; 佐藤's contract runs all year but no 勤務表 came; 鈴木's ended in September
    att = _attendance("山田太郎", 8, 20)
    con = pd.DataFrame([
        _contract("山田太郎"),
        _contract("佐藤花子", vendor="ベータ", valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2027, 3, 31)),
        _contract("鈴木一郎", vendor="ガンマ", valid_from=dt.date(2026, 4, 1), valid_to=dt.date(2026, 9, 30)),
    ])
    frame, findings = settle(att, con, month="2026-10")
    assert frame["person"].tolist() == ["山田太郎"]
    said = [(f.code, f.severity, f.params["person"], f.params["month"]) for f in findings]
    assert said == [("settle_contract_no_attendance", "warning", "佐藤花子", "2026-10")]
    assert findings[0].message("en") == (
        "佐藤花子 (ベータ): the contract is in force in 2026-10, but no 勤務表 rows for that month were read: "
        "not settled (a timesheet not handed in, or the contract's end date?)")
