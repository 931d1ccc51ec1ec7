"""Second new-user trial: an order list with 支払条件 and no 支払期日, a 弥生-style sales
export (伝票日付, 得意先名, 税区分), and a single 請求書 form given to ``check invoices``.

Each workbook is generated here with the trial's figures (/work/tools/trial2/make_books.py).
"""

from __future__ import annotations

import datetime as dt

from sheets import make_xlsx
from typer.testing import CliRunner

from ledgerkit.checks.orders import check_orders
from ledgerkit.cli.app import app
from ledgerkit.config.loading import Config

D = dt.date

ORDER_HEAD = ["発注番号", "発注日", "発注先", "品名", "数量", "単価", "金額", "税率", "納期", "納品場所", "検収日",
              "支払条件", "支払方法"]
ORDERS = [
    ["PO-1", D(2026, 10, 1), "デルタ工業", "治具製作", 2, 150000, 300000, "10%", "2026年10月末", "本社", None,
     "月末締め翌月末払い", "振込"],
    ["PO-2", D(2026, 10, 1), "イプシロン", "部品加工", 10, 5000, 50000, "10%", "2026年10月末", "本社", None,
     "月末締め翌々月末払い", "振込"],
    ["PO-3", D(2026, 10, 5), "デルタ工業", "保守作業", 1, 80000, 80000, "10%", "10月中旬", "本社", None,
     "月末締め翌月10日払い", "手形"],
]


def _found(result) -> list[tuple]:
    f = result.tables["findings"]
    return list(zip(f["rule"], f["severity"], f["source_row"], f["column"], f["value"]))


def test_payment_terms_give_the_due_date_and_the_60_days(tmp_path):
    """月末締め翌々月末払い for a delivery at 10月末 is due 2026-12-31: 61 days, over the limit
    (2026-12-29); the finding shows the computed date with the terms, at the 支払条件 cell; no
    finding says the 支払期日 column is missing, since the terms state it as a rule."""
    src = make_xlsx(tmp_path / "発注一覧_2026年10月.xlsx", {"発注一覧": [ORDER_HEAD, *ORDERS]})
    result = check_orders([src])
    assert _found(result) == [
        ("payment_due_over_60", "warning", 3, "支払条件", "2026-12-31"),
        ("bad_cell", "warning", 4, "納期", "10月中旬"),
        ("payment_by_note", "warning", 4, "支払方法", "手形"),
    ]
    assert result.tables["findings"]["message"][0] == (
        "支払期日 2026-12-31 (支払条件「月末締め翌々月末払い」から計算) は受領日 (納期) 2026-10-31から60日を超えています"
        " (期限 2026-12-29) — 取適法の対象か不明のため警告です (取引先マスタか [vendors] で covered を指定してください)")
    due = result.frame.set_index("po_no")["payment_due"]
    assert (due["PO-1"].date(), due["PO-2"].date()) == (D(2026, 11, 30), D(2026, 12, 31))
    # a vendor the act covers: an error, and the command exits 1
    c = Config()
    c.data["vendors"].update({"list": [{"name": "イプシロン", "covered": True}]})
    covered = check_orders([src], c).tables["findings"]
    assert list(zip(covered["rule"], covered["severity"]))[0] == ("payment_due_over_60", "error")
    run = CliRunner().invoke(app, ["check", "orders", str(src), "-o", str(tmp_path / "o.xlsx")])
    assert run.exit_code == 0, run.output
    assert "注文 3 件 (明細 3 行)を確認しました: エラー 0 件、警告 3 件" in run.output.splitlines()
    assert "支払期日」の列がありません" not in run.output


def test_payment_terms_not_understood_are_a_finding_on_their_cell(tmp_path):
    """Terms the reader cannot compute a date from are said on their cell, never passed over;
    they still state a payment term (no 支払期日 finding)."""
    rows = [ORDER_HEAD, [*ORDERS[0][:11], "検収後45日以内", "振込"]]
    src = make_xlsx(tmp_path / "発注.xlsx", {"発注": rows})
    result = check_orders([src])
    assert _found(result) == [("bad_cell", "warning", 2, "支払条件", "検収後45日以内")]
    assert result.tables["findings"]["message"][0] == "支払条件を読み取れません: '検収後45日以内'"


def test_a_payment_method_in_the_terms_column_is_no_finding_and_toukazume_is_read(tmp_path):
    """銀行振込 in 支払条件 says how, not when: kept as written, no finding (it was 支払条件を読み取れません);
    当月末締め翌月末日払い is the terms every 経理 writes: read (due 2026-11-30)."""
    rows = [ORDER_HEAD, [*ORDERS[0][:11], "銀行振込", "振込"], [*ORDERS[1][:11], "当月末締め翌月末日払い", "振込"]]
    src = make_xlsx(tmp_path / "発注.xlsx", {"発注": rows})
    result = check_orders([src])
    assert [f for f in _found(result) if f[3] == "支払条件"] == []
    assert result.frame.set_index("po_no")["payment_due"]["PO-2"].date() == D(2026, 11, 30)


def test_payment_site_header_and_written_due_date_first(tmp_path):
    """支払サイト is a payment-terms header; a 支払期日 written beside it is the due date."""
    head = ["発注番号", "発注日", "発注先", "品名", "金額", "納期", "納品場所", "支払サイト", "支払期日", "支払方法"]
    rows = [head,
            ["PO-7", D(2026, 10, 1), "デルタ工業", "治具", 300000, D(2026, 10, 31), "本社", "月末締め翌々月末払い",
             D(2026, 11, 30), "振込"],
            ["PO-8", D(2026, 10, 1), "デルタ工業", "治具", 300000, D(2026, 10, 31), "本社", "月末締め翌々月末払い",
             None, "振込"]]
    src = make_xlsx(tmp_path / "発注.xlsx", {"発注": rows})
    result = check_orders([src])
    assert _found(result) == [("payment_due_over_60", "warning", 3, "支払サイト", "2026-12-31")]
    # without either, the written term is missing once per sheet
    bare = [[h for h in head if h not in ("支払サイト", "支払期日")]] + [
        [v for h, v in zip(head, r) if h not in ("支払サイト", "支払期日")] for r in rows[1:]]
    found = check_orders([make_xlsx(tmp_path / "b.xlsx", {"発注": bare})]).tables["findings"]
    assert list(found["message"]) == ["取適法4条の明示事項「支払期日」の列がありません — 取適法の対象か不明のため警告です"
                                      " (取引先マスタか [vendors] で covered を指定してください)"]


YAYOI_HEAD = ["得意先名", "伝票日付", "伝票番号", "品目", "数量", "単価", "金額", "消費税", "税区分"]
YAYOI = [
    ["株式会社アルファ", D(2026, 10, 31), "1001", "システム保守", 1, 300000, 300000, 30000, "10%"],
    ["株式会社アルファ", D(2026, 10, 31), "1001", "弁当", 15, 864, 12960, 1036, "8%(軽減)"],
    ["株式会社アルファ", D(2026, 10, 31), "1001", "お茶", 15, 151, 2265, 181, "8%(軽減)"],
    ["ベータ商事株式会社", D(2026, 10, 31), "1002", "開発支援", 1, 123456, 123456, 12345, "10%"],
    [None, None, None, "合計", None, None, 438681, None, None],
]


def _invoices(tmp_path, rows, *more):
    src = make_xlsx(tmp_path / "売上伝票_弥生_2026年10月.xlsx", {"売上伝票": rows})
    return src, CliRunner().invoke(app, ["check", "invoices", str(src), "--today", "2026-11-30", *more])


def test_yayoi_sales_export_dates_and_counts(tmp_path):
    """伝票日付 is the issue date; 得意先名 stays unread (a customer, not a received invoice's vendor:
    its warning names it, tests/test_exports.py); the
    8% lines of 1001 rounded one by one (1,036 + 181 = 1,217, once on 15,225: 1,218) is the one
    error; the summary counts 2 invoices, 3 invoice-and-rate totals and 4 lines."""
    from ledgerkit.checks.invoices import check_invoices

    src, run = _invoices(tmp_path, [YAYOI_HEAD, *YAYOI])
    assert run.exit_code == 1, run.output
    assert "請求書 2 件 (税率別 3 区分、明細 4 行)を確認しました: エラー 1 件、警告 1 件" in run.stderr.splitlines()
    result = check_invoices([src], today=D(2026, 11, 30))
    f = result.tables["findings"]
    assert list(zip(f["rule"], f["value"])) == [("invoice_no_vendor_column", ""), ("tax_per_line", "1217")]
    assert f["source_row"][1] == 3
    assert [d.date() for d in result.frame["issue_date"]] == [D(2026, 10, 31)] * 4
    # a date after today is now seen on the 伝票日付
    late = [YAYOI_HEAD, [*YAYOI[3][:1], D(2027, 1, 5), *YAYOI[3][2:]]]
    found = check_invoices([make_xlsx(tmp_path / "late.xlsx", {"S": late})], today=D(2026, 11, 30)).tables["findings"]
    assert list(found["rule"]) == ["invoice_no_vendor_column", "issue_date_future"]
    en = CliRunner().invoke(app, ["check", "invoices", str(src), "--today", "2026-11-30", "--lang", "en"])
    assert "Checked 2 invoices (3 invoice-and-rate totals, 4 lines): 1 error, 1 warning" in en.stderr.splitlines()


def test_a_list_without_an_issue_date_says_which_checks_did_not_run(tmp_path):
    """No 発行日 column at all: one warning for the sheet, naming the date checks skipped."""
    head = ["請求書番号", "取引先", "登録番号", "税抜金額", "消費税", "支払期日"]
    rows = [head, ["A-1", "アルファ", "T8700110005901", 1000, 100, D(2026, 11, 30)],
            ["A-2", "アルファ", "T8700110005901", 2000, 200, D(2026, 11, 30)]]
    src, run = _invoices(tmp_path, rows)
    assert run.exit_code == 0, run.output
    line = (f"  警告: {src} / 売上伝票: 発行日の列がありません: 日付の確認 (未来の発行日・支払期日より後の発行日・"
            "発行日から支払期日まで120日以内) をしていません (発行日の列なら [columns.invoices] issue_date に見出しを加えてください)")
    assert line in run.stderr.splitlines()
    assert "請求書 2 件 (税率別 2 行)を確認しました: エラー 0 件、警告 1 件" in run.stderr.splitlines()
    _, en = _invoices(tmp_path, [r[:5] for r in rows], "--lang", "en")
    assert (f"  warning: {src} / 売上伝票: no issue-date (発行日) column: the date checks (an issue date in the future) were "
            "not run (if a column is the issue date, add its heading to [columns.invoices] issue_date)") in en.stderr.splitlines()


def _form_rows():
    rows = [[None] * 6 for _ in range(18)]
    rows[0][4] = "請求書"
    rows[2][0], rows[2][4], rows[2][5] = "株式会社クライアント 御中", "請求書番号", "INV-2026-1031"
    rows[3][4], rows[3][5] = "発行日", "2026年10月31日"
    rows[4][4], rows[4][5] = "登録番号", "T1234567890123"
    rows[5][4] = "株式会社ガンマ"
    rows[7][0], rows[7][1] = "ご請求金額", 341000
    rows[9][:5] = ["品名", "数量", "単価", "金額", "税率"]
    rows[10][:5] = ["設計作業", 1, 200000, 200000, "10%"]
    rows[11][:5] = ["テスト作業", 1, 110000, 110000, "10%"]
    rows[13][2:4] = ["小計", 310000]
    rows[14][2:4] = ["消費税(10%)", 31000]
    rows[15][2:4] = ["合計", 341000]
    rows[17][:2] = ["お支払期限", "2026年11月30日"]
    return rows


def test_a_single_invoice_form_is_said_for_what_it_is(tmp_path):
    """check invoices on one 請求書 form: one line saying so and what to do (exit 2); inspect
    says it once, without sending the person to inspect."""
    src = make_xlsx(tmp_path / "請求書_ガンマ_INV-2026-1031.xlsx", {"請求書": _form_rows()})
    run = CliRunner().invoke(app, ["check", "invoices", str(src)])
    assert run.exit_code == 2
    assert run.stderr == (
        f"Error: {src}: 請求書: 1枚の請求書の様式のようです (請求書番号 INV-2026-1031 のラベルと、明細・合計の表): "
        "check invoices は請求書一覧 (1行に請求書1件の表) を読みます。一覧に1行 (請求書番号・発行日・取引先・登録番号・"
        "税抜金額・消費税・合計) として書き写してから確認してください\n")
    seen = CliRunner().invoke(app, ["inspect", str(src)])
    assert seen.exit_code == 0, seen.output
    lines = [ln for ln in seen.output.splitlines() if "請求書:" in ln]
    assert len(lines) == 1 and lines[0].count("1枚の請求書の様式のようです") == 1
    assert "ledgerkit inspect" not in seen.output
    # a list with a 請求書番号 column is still a list
    listed = make_xlsx(tmp_path / "list.xlsx", {"S": [["請求書番号", "発行日", "取引先", "品名", "金額", "消費税"],
                                                     ["A-1", D(2026, 10, 31), "アルファ", "設計", 1000, 100]]})
    assert CliRunner().invoke(app, ["check", "invoices", str(listed), "--today", "2026-11-30"]).exit_code == 0
