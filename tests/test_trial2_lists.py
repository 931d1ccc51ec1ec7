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
