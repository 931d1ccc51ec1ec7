"""Reading invoice and order lists: layouts, amounts, rates, rows accounted for, duplicates."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledgerkit.invoices.across_files import finish_invoices, read_invoices
from ledgerkit.invoices.sheet import read_invoice_sheet
from ledgerkit.invoices.summaries import pivot_invoices, summarize_invoices
from ledgerkit.orders.lists import read_order_sheet
from ledgerkit.core.issues import count_rejected
from ledgerkit.core.money import tax_amount
from ledgerkit.intake.read import RawSheet

from sheets import make_xlsx

HEADER = ["請求書番号", "取引先", "登録番号", "税抜金額", "消費税", "税込金額"]


def sheet(rows, name="一覧", merged=()):
    return RawSheet(name, "visible", [list(r) for r in rows], list(merged))


def read(rows, **kw):
    return read_invoice_sheet(sheet(rows, **kw), file="list.xlsx")


def accounted(result) -> bool:
    """rows read = rows kept (distinct source rows) + rows rejected."""
    kept = 0 if result.frame is None else result.frame["source_row"].nunique()
    return result.rows_read == kept + count_rejected(result.issues)


# --- one rate per row --------------------------------------------------------------------------


def test_title_rows_total_row_and_money_as_integer_yen():
    r = read(
        [
            ["受領請求書一覧 2026年10月分"],
            ["経理部"],
            [],
            HEADER,
            ["A-1", "株式会社アルファ", "T8700110005901", "¥100,000", "¥10,000", "¥110,000"],
            ["B-1", "ベータ(株)", "t7123-4567-89012", "１２，３４５円", "1,234円", "13,579円"],
            ["合計", "", "", 112345, 11234, 123579],
        ]
    )
    f = r.frame
    assert f["net"].dtype == "Int64" and f["tax"].dtype == "Int64" and f["total"].dtype == "Int64"
    assert f[["invoice_no", "net", "tax", "total", "source_row"]].values.tolist() == [
        ["A-1", 100000, 10000, 110000, 5],
        ["B-1", 12345, 1234, 13579, 6],
    ]
    assert f["registration_no"].tolist() == ["T8700110005901", "T7123456789012"]
    assert [(i.code, i.row) for i in r.issues] == [("total_row", 7)]
    assert r.rows_read == 2 and accounted(r)
    assert r.layout == "one-rate" and r.header_row == 4


def test_rate_column_forms_and_inferred_rate():
    r = read(
        [
            ["請求書番号", "取引先", "税率", "税抜金額", "消費税"],
            ["A-1", "アルファ", "10%", 1000, 100],
            ["A-2", "アルファ", 0.08, 1000, 80],
            ["A-3", "アルファ", "軽減", 1000, 80],
            ["A-4", "アルファ", "８％", 1000, 80],
            ["A-5", "アルファ", "", 1801, 144],  # no rate written: 144 fits 8% of 1,801
            ["A-6", "アルファ", "非課税", 5000, 0],
        ]
    )
    assert r.frame["tax_rate"].tolist() == [0.10, 0.08, 0.08, 0.08, 0.08, 0.0]
    # total was not in the list: net + tax
    assert r.frame["total"].tolist() == [1100, 1080, 1080, 1080, 1945, 5000]


def test_credit_note_negatives_in_every_form():
    r = read(
        [
            HEADER,
            ["R-1", "アルファ", "", "△1,000", "△100", "△1,100"],
            ["R-2", "アルファ", "", "▲1,000", "▲100", "▲1,100"],
            ["R-3", "アルファ", "", "(1,000)", "(100)", "(1,100)"],
            ["R-4", "アルファ", "", -1000, -100, -1100],
            ["R-5", "アルファ", "", "−1,000円", "−100円", "−1,100円"],
        ]
    )
    assert r.frame["net"].tolist() == [-1000] * 5
    assert r.frame["tax"].tolist() == [-100] * 5
    assert r.frame["total"].tolist() == [-1100] * 5


def test_unreadable_amount_rejects_the_row_with_its_place():
    r = read([HEADER, ["A-1", "アルファ", "", "十万くらい", 100, 1100], ["A-2", "アルファ", "", 1234.5, 123, 1357], ["A-3", "アルファ", "", 1000, 100, 1100]])
    assert r.frame["invoice_no"].tolist() == ["A-3"]
    bad = [(i.code, i.row, i.column, i.value, i.severity, i.rejected) for i in r.issues]
    assert bad == [
        ("bad_cell", 2, "税抜金額", "十万くらい", "error", True),
        ("not_whole_yen", 3, "税抜金額", "1234.5", "error", True),
    ]
    assert r.rows_read == 3 and accounted(r)


def test_unreadable_date_is_reported_and_the_row_kept():
    r = read([["請求書番号", "取引先", "発行日", "税抜金額", "消費税"], ["A-1", "アルファ", "いつか", 1000, 100]])
    assert len(r.frame) == 1 and pd.isna(r.frame["issue_date"].iloc[0])
    assert [(i.code, i.severity, i.rejected) for i in r.issues] == [("bad_cell", "warning", False)]


def test_row_without_any_amount_is_rejected():
    r = read([HEADER, ["A-1", "アルファ", "", "", "", ""], ["A-2", "アルファ", "", 1000, 100, 1100]])
    assert r.frame["invoice_no"].tolist() == ["A-2"]
    assert [(i.code, i.row, i.rejected) for i in r.issues] == [("missing_value", 2, True)]
    assert accounted(r)


def test_amount_column_without_basis_is_decided_by_the_figures():
    included = read([["請求書番号", "取引先", "金額", "消費税"], ["A-1", "アルファ", 1100, 100], ["A-2", "アルファ", 2200, 200]])
    assert included.frame[["net", "tax", "total"]].values.tolist() == [[1000, 100, 1100], [2000, 200, 2200]]
    excluded = read([["請求書番号", "取引先", "金額", "消費税"], ["A-1", "アルファ", 1000, 100], ["A-2", "アルファ", 2000, 200]])
    assert excluded.frame[["net", "tax", "total"]].values.tolist() == [[1000, 100, 1100], [2000, 200, 2200]]
    beside_net = read([["請求書番号", "取引先", "税抜金額", "消費税", "請求金額"], ["A-1", "アルファ", 1000, 100, 1100]])
    assert beside_net.mapping["total"] == "請求金額"


def test_vendor_name_kept_for_display_and_keyed_for_matching():
    r = read(
        [
            ["請求書番号", "取引先", "税抜金額"],
            ["A-1", "㈱アルファ", 1000],
            ["A-2", "アルファ　株式会社", 1000],
            ["A-3", "ｱﾙﾌｧ(株)", 1000],
            ["A-4", "株式会社 アルファ", 1000],
        ]
    )
    assert r.frame["vendor"].tolist() == ["(株)アルファ", "アルファ 株式会社", "アルファ(株)", "株式会社 アルファ"]
    assert set(r.frame["vendor_key"]) == {"アルファ"}


def test_sheet_without_an_invoice_table():
    r = read([["日付", "氏名", "工数"], ["2026/10/01", "山田", 7.5]])
    assert r.frame is None and [i.code for i in r.issues] == ["no_table"]
    empty = read([[]])
    assert empty.frame is None and [i.code for i in empty.issues] == ["empty_sheet"]


def test_other_columns_are_kept_under_their_own_names():
    r = read([["請求書番号", "取引先", "税抜金額", "備考", "担当"], ["A-1", "アルファ", 1000, "至急", "山田"]])
    assert r.frame[["備考", "担当"]].values.tolist() == [["至急", "山田"]]


# --- separate 10% / 8% columns --------------------------------------------------------------------


def split_rows():
    return [
        ["請求書受領台帳"],
        [],
        ["請求書No", "仕入先", "登録番号", "税抜金額", "", "消費税", "", "税込合計"],
        ["", "", "", "10%", "8%", "10%", "8%", ""],
        # DOMAIN.md §4.2 worked example
        ["G-1", "㈱ガンマ食品", "T4011001098993", 315, "1,801", 31, 144, 2291],
        ["G-2", "㈱ガンマ食品", "T4011001098993", "", 1000, "", 80, 1080],
        ["小計", "", "", 315, 2801, 31, 224, 3371],
    ]


def test_split_columns_from_a_merged_two_row_header_xlsx(tmp_path):
    path = make_xlsx(tmp_path / "台帳.xlsx", {"11月": split_rows()}, merges={"11月": [(2, 3, 2, 4), (2, 5, 2, 6), (2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 3, 2), (2, 7, 3, 7)]})
    result = read_invoices([path])
    frame, issues, rows_read = result.frame, result.issues, result.stats.rows_read
    assert frame[["invoice_no", "tax_rate", "net", "tax", "total", "invoice_total", "source_row"]].values.tolist() == [
        ["G-1", 0.10, 315, 31, 346, 2291, 5],
        ["G-1", 0.08, 1801, 144, 1945, 2291, 5],
        ["G-2", 0.08, 1000, 80, 1080, 1080, 6],
    ]
    g1 = frame[frame["invoice_no"] == "G-1"]
    assert g1["invoice_key"].nunique() == 1
    # summing rows never counts anything twice
    assert int(g1["net"].sum() + g1["tax"].sum()) == 2291 == int(g1["total"].sum())
    assert rows_read == 2
    assert ("total_row", 7) in [(i.code, i.row) for i in issues]


def test_split_columns_with_rate_labels_in_the_header_text():
    r = read(
        [
            ["請求書番号", "取引先", "10%対象(税抜)", "8%対象(税抜)", "消費税(10%)", "消費税(8%)", "合計(税込)"],
            ["G-1", "ガンマ", 315, 1801, 31, 144, 2291],
        ]
    )
    assert r.layout == "split-rate"
    assert r.frame[["tax_rate", "net", "tax"]].values.tolist() == [[0.10, 315, 31], [0.08, 1801, 144]]
    assert r.frame["invoice_total"].tolist() == [2291, 2291]


# --- property: every way of writing an amount reads back exactly ----------------------------------------

FULL = str.maketrans("0123456789,¥-", "０１２３４５６７８９，￥－")


def written(n: int, style: int) -> object:
    a = abs(n)
    if n < 0:
        return [f"△{a:,}", f"▲{a:,}", f"({a:,})", f"-{a:,}", f"−{a:,}円", n][style % 6]
    return [n, f"¥{n:,}", f"{n:,}円", f"￥{n:,}".translate(FULL), f"{n:,}円(税込)", str(n), float(n)][style % 7]


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(-10**10, 10**10), st.sampled_from(["down", "half_up", "up"]), st.integers(0, 41)),
        min_size=1,
        max_size=6,
    )
)
def test_amounts_read_exactly_and_a_right_tax_is_never_flagged(entries):
    from ledgerkit.checks.invoices import check_invoices

    rows = [["請求書番号", "取引先", "税抜金額", "消費税", "税込金額", "税率"]]
    expected = []
    for k, (net, mode, style) in enumerate(entries):
        tax = tax_amount(net, Decimal("0.10"), mode)
        rows.append([f"N-{k}", "アルファ", written(net, style), written(tax, style // 7), written(net + tax, style // 6), "10%"])
        expected.append([net, tax, net + tax])
    r = read(rows)
    assert r.frame[["net", "tax", "total"]].values.tolist() == expected
    findings = check_invoices(r.frame, today=dt.date(2026, 11, 30)).tables["findings"]
    assert findings.empty


# --- across files ---------------------------------------------------------------------------------


def frame_of(*results):
    return pd.concat([r.frame for r in results], ignore_index=True)


def test_same_invoice_in_two_lists_is_counted_once_and_listed():
    one = read_invoice_sheet(sheet([HEADER, ["B-1", "ベータ商事合同会社", "T7123456789012", 250000, 25000, 275000]]), file="10月.xlsx")
    # the same invoice in the other layout, the vendor written another way
    two = read_invoice_sheet(
        sheet(
            [
                ["請求書No", "仕入先", "税抜金額(10%)", "税抜金額(8%)", "消費税(10%)", "消費税(8%)", "税込合計"],
                ["X-9", "デルタ", 1000, "", 100, "", 1100],
                ["B-1", "ベータ商事(同)", 250000, "", 25000, "", 275000],
            ]
        ),
        file="11月.xlsx",
    )
    frame, issues = finish_invoices(frame_of(one, two), one.issues + two.issues)
    assert frame["invoice_no"].tolist() == ["B-1", "X-9"]
    assert int(frame["total"].sum()) == 276100
    dup = [i for i in issues if i.code == "duplicate_invoice"]
    assert [(i.file, i.row, i.rejected, i.severity) for i in dup] == [("11月.xlsx", 3, True, "warning")]
    assert dup[0].message() == "10月.xlsx / 一覧 / 2行目 と同じ請求書です (取引先・請求書番号・金額が同一)。1回だけ数えます"
    assert dup[0].message("en").startswith("the same invoice as 10月.xlsx / 一覧 / row 2 (")
    assert not any(c.startswith("_") for c in frame.columns)


def test_duplicate_found_through_the_registration_number_when_names_differ():
    a = read_invoice_sheet(sheet([HEADER, ["A-1", "アルファ工業", "T8700110005901", 1000, 100, 1100]]), file="a.xlsx")
    b = read_invoice_sheet(sheet([HEADER, ["A-1", "ALPHA KOGYO", "T8700-1100-05901", 1000, 100, 1100]]), file="b.xlsx")
    frame, issues = finish_invoices(frame_of(a, b), [])
    assert len(frame) == 1 and [i.code for i in issues] == ["duplicate_invoice"]


def test_same_number_other_amounts_is_kept_twice_and_listed_as_an_error():
    a = read_invoice_sheet(sheet([HEADER, ["A-1", "アルファ", "", 1000, 100, 1100]]), file="a.xlsx")
    b = read_invoice_sheet(sheet([HEADER, ["A-1", "(株)アルファ", "", 1000, 110, 1110]]), file="b.xlsx")
    frame, issues = finish_invoices(frame_of(a, b), [])
    assert len(frame) == 2
    (conflict,) = issues
    assert (conflict.code, conflict.severity, conflict.rejected, conflict.file) == ("invoice_conflict", "error", False, "b.xlsx")
    assert "1,100 円 と 1,110 円" in conflict.message()


def test_rows_without_an_invoice_number_are_never_taken_for_duplicates():
    a = read([HEADER, ["", "アルファ", "", 1000, 100, 1100], ["", "アルファ", "", 1000, 100, 1100]])
    frame, issues = finish_invoices(a.frame, [])
    assert len(frame) == 2 and issues == []


def test_finish_does_not_modify_its_input():
    a = read([HEADER, ["A-1", "アルファ", "", 1000, 100, 1100], ["A-1", "アルファ", "", 1000, 100, 1100]])
    before = a.frame.copy()
    finish_invoices(a.frame, [])
    pd.testing.assert_frame_equal(a.frame, before)


def test_summaries_by_vendor_and_month():
    r = read(
        [
            ["請求書番号", "取引先", "登録番号", "発行日", "税抜金額", "消費税", "案件"],
            ["A-1", "㈱アルファ", "T8700110005901", "2026/10/01", 1000, 100, "P1"],
            ["A-2", "アルファ株式会社", "", "2026/11/01", 2000, 200, "P2"],
            ["B-1", "ベータ", "", "2026/11/05", 500, 50, "P1"],
        ]
    )
    by_vendor = summarize_invoices(r.frame)["by_vendor"]
    assert by_vendor[["registration_no", "invoices", "net", "total"]].values.tolist() == [
        ["T8700110005901", 2, 3000, 3300],
        ["", 1, 500, 550],
    ]
    pivot = pivot_invoices(r.frame, "project")
    assert pivot.to_dict("records") == [
        {"project": "P1", "2026-10": 1100, "2026-11": 550},
        {"project": "P2", "2026-10": 0, "2026-11": 2200},
    ]


def test_aggregate_kind_invoices_writes_the_report(tmp_path):
    import ledgerkit

    (tmp_path / "in").mkdir()
    make_xlsx(tmp_path / "in" / "a.xlsx", {"10月": [HEADER, ["A-1", "㈱アルファ", "T8700110005901", 1000, 100, 1100]]})
    make_xlsx(tmp_path / "in" / "b.xlsx", {"11月": [HEADER, ["A-1", "アルファ(株)", "T8700110005901", 1000, 100, 1100],
                                                    ["A-2", "アルファ(株)", "T8700110005901", 2000, 200, 2200]]})
    result = ledgerkit.aggregate([tmp_path / "in"], kind="invoices")
    assert result.frame["invoice_no"].tolist() == ["A-1", "A-2"]
    assert result.stats.rows_read == 3 and result.stats.rows_rejected == 1
    from ledgerkit.consolidate.aggregate import write_result

    out = tmp_path / "report.xlsx"
    write_result(result, str(out), by=["vendor"])
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["取引先別", "案件別", "取引先別合計", "明細", "問題一覧"]
    ws = wb["取引先別合計"]
    assert ws["A1"].value == "取引先別 合計 (ファイル 2 件)"
    assert [c.value for c in ws[3]][:6] == ["取引先", "登録番号", "件数", "税抜金額", "消費税", "税込金額"]
    assert [c.value for c in ws[4]][:6] == ["(株)アルファ", "T8700110005901", 2, 3000, 300, 3300]
    assert ws["D4"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ ' and ws.print_title_rows == "$3:$3"
    detail = wb["明細"]
    head = [c.value for c in detail[1]]
    assert detail.cell(2, head.index("税率") + 1).number_format == "0.0%"
    # the keys ledgerkit matched on come last, after the place in the workbook
    assert head[-2:] == ["取引先キー", "請求書キー"]


# --- order lists ----------------------------------------------------------------------------------


def test_order_lines_under_a_first_line_belong_to_its_order():
    r = read_order_sheet(
        sheet(
            [
                ["発注一覧"],
                ["注文番号", "発注日", "発注先", "品名", "数量", "単価", "金額", "税率", "納期"],
                ["PO-1", "2026/10/01", "㈱アルファ", "部品A", 3, 105, 315, "10%", "2026/10/09"],
                ["", "", "", "※食品B", "1.5", "１，０００", 1500, "軽減", ""],
                ["PO-2", "2026/10/02", "ベータ", "設計", 1, 250000, 250000, "10%", "2026/10/31"],
                ["合計", "", "", "", "", "", 251815, "", ""],
            ]
        ),
        file="po.xlsx",
    )
    f = r.frame
    assert f["po_no"].tolist() == ["PO-1", "PO-1", "PO-2"]
    assert f["vendor"].tolist() == ["(株)アルファ", "(株)アルファ", "ベータ"]
    assert f["qty"].tolist() == [Decimal("3"), Decimal("1.5"), Decimal("1")]
    assert f["unit_price"].tolist()[1] == Decimal("1000")
    assert f["amount"].tolist() == [315, 1500, 250000]
    assert f["tax_rate"].tolist() == [0.10, 0.08, 0.10]
    assert f["order_date"].iloc[1] == pd.Timestamp("2026-10-01")
    assert pd.isna(f["delivery_date"].iloc[1])  # a line's own delivery date is not inherited
    assert [(i.code, i.row) for i in r.issues] == [("total_row", 6)]
    assert r.mapping["delivery_date"] == "納期"


def test_total_row_must_match_the_rows_above():
    r = read(
        [
            HEADER,
            ["A-1", "アルファ", "", "¥1,000", 100, 1100],
            ["A-2", "アルファ", "", "２，０００", 200, 2200],
            ["小計", "", "", 3000, 300, 3300],
            ["A-3", "アルファ", "", 500, 50, 550],
            # 合計 covers every row; its tax is typed over (350 expected)
            ["合計", "", "", 3500, 340, 3850],
        ]
    )
    mismatches = [i for i in r.issues if i.code != "total_row"]
    assert [(i.code, i.row, i.column, i.severity, i.rejected) for i in mismatches] == [
        ("total_row_mismatch", 6, "消費税", "warning", False)
    ]
    assert "340 円が上の行の合計 350 円と合いません" in mismatches[0].message()
    assert accounted(r)


# --- property: money headers, however they are written ------------------------------------------------

KIND_WORDS = {"net": ["税抜金額", "税抜", "対象額", "本体金額", "課税"], "tax": ["消費税", "消費税額", "税額"], "total": ["税込金額", "税込合計", "合計"]}
RATE_WORDS = {Decimal("0.10"): ["10%", "１０％", "10 %", "標準"], Decimal("0.08"): ["8%", "８％", "軽減8%", "軽減"]}


@settings(max_examples=200)
@given(
    kind=st.sampled_from(sorted(KIND_WORDS)),
    rate=st.sampled_from([None, Decimal("0.10"), Decimal("0.08")]),
    data=st.data(),
)
def test_money_header_kind_and_rate(kind, rate, data):
    from ledgerkit.invoices.layout import money_header as _money_header

    word = data.draw(st.sampled_from(KIND_WORDS[kind]))
    if rate is None:
        text = word
    else:
        mark = data.draw(st.sampled_from(RATE_WORDS[rate]))
        shape = data.draw(st.sampled_from(["{w}({m})", "{w}（{m}）", "{m}{w}", "{w} {m}", "{w}\n{m}", "{m}対象{w}"]))
        text = shape.format(w=word, m=mark)
    assert _money_header(text) == (kind, rate)


def test_rows_of_one_invoice_in_one_list_are_one_invoice():
    # 税率ごとに1行 and line items: the invoice number repeats on purpose
    r = read(
        [
            ["請求書番号", "取引先", "品名", "税率", "税抜金額", "消費税"],
            ["G-1", "ガンマ", "部品A", "10%", 315, 31],
            ["G-1", "ガンマ", "食品B", "8%", 1234, 98],
            ["G-1", "ガンマ", "食品C", "8%", 567, 46],
            ["G-1", "ガンマ", "食品C", "8%", 567, 46],  # an equal line: two of the same item (issue 14.7)
        ]
    )
    frame, issues = finish_invoices(r.frame, r.issues, keep_internal=True)
    assert frame["invoice_key"].nunique() == 1 and len(frame) == 4
    assert [i.code for i in issues if i.code == "duplicate_invoice"] == []


# --- a qualified invoice states its tax per rate: a blank 消費税 / 税込 is never read as 0 ------


def test_blank_tax_or_total_in_existing_columns_is_reported_and_row_kept():
    r = read(
        [
            HEADER,
            ["A-1", "アルファ", "T8700110005901", 100000, "", ""],
            ["A-2", "ベータ", "T8700110005901", 100000, "", 110000],
            ["A-3", "ガンマ", "T8700110005901", 1000, 100, ""],
            ["A-4", "デルタ", "T8700110005901", 1000, 100, 1100],
        ]
    )
    assert list(r.frame["invoice_no"]) == ["A-1", "A-2", "A-3", "A-4"]
    assert r.frame["tax"].isna().tolist() == [True, True, False, False]
    got = sorted((i.code, i.row, i.column, i.severity, i.rejected) for i in r.issues)
    assert got == [
        ("tax_missing", 2, "消費税", "warning", False),
        ("tax_missing", 3, "消費税", "warning", False),
        ("total_missing", 2, "税込金額", "warning", False),
        ("total_missing", 4, "税込金額", "warning", False),
    ]
    assert accounted(r)


def test_blank_tax_of_one_rate_in_rate_columns_is_reported():
    r = read(
        [
            ["請求書番号", "取引先", "税抜金額10%", "消費税10%", "税抜金額8%", "消費税8%"],
            ["A-1", "アルファ", 1000, 100, 500, ""],
        ]
    )
    assert [(i.code, i.row, i.column) for i in r.issues if i.code == "tax_missing"] == [("tax_missing", 2, "消費税8%")]
    assert r.frame.loc[r.frame["tax_rate"] == 0.08, "tax"].isna().all()


def test_unreadable_rate_is_an_error_and_not_guessed_from_the_tax():
    r = read([HEADER + ["税率"], ["A-1", "アルファ", "T8700110005901", 1000, 100, 1100, "9%"]])
    assert r.frame["tax_rate"].isna().all()
    [issue] = [i for i in r.issues if i.column == "税率"]
    assert (issue.code, issue.row, issue.severity, issue.rejected, issue.value) == ("tax_rate_unreadable", 2, "error", False, "9%")
    assert "9%" in issue.message("ja")


def test_conflict_message_is_english_under_lang_en():
    a = read_invoice_sheet(sheet([HEADER, ["A-1", "アルファ工業", "T8700110005901", 1000, 100, 1100]]), file="a.xlsx")
    b = read_invoice_sheet(sheet([HEADER, ["A-1", "アルファ工業", "T8700110005901", 1010, 90, 1100]]), file="b.xlsx")
    _, issues = finish_invoices(frame_of(a, b), a.issues + b.issues)
    (conflict,) = [i for i in issues if i.code == "invoice_conflict"]
    assert conflict.message("en") == (
        "same vendor and invoice number A-1 as a.xlsx / 一覧 / row 2, but different amounts "
        "(1,100 (net 1,000 / tax 100) vs 1,100 (net 1,010 / tax 90))"
    )
    assert "2行目" in conflict.message("ja") and "税抜 1,000 / 税 100" in conflict.message("ja")
