"""ledgerkit triage: exit codes and the exact lines a person sees, in Japanese and English."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from test_triage import WORKED_NEW, WORKED_REQUESTS, WORKED_STAFF
from triage_books import requests_book, staff_book
from typer.testing import CliRunner

from ledgerkit.cli.app import app

runner = CliRunner()
AS_OF = ["--as-of", "2026-12-01 09:00"]


def run(*args: str):
    return runner.invoke(app, ["triage", *args])


@pytest.fixture
def books(tmp_path) -> tuple[str, str]:
    return (str(requests_book(tmp_path / "依頼一覧.xlsx", WORKED_REQUESTS)),
            str(staff_book(tmp_path / "担当者一覧.xlsx", WORKED_STAFF)))


def test_all_on_time_exit_0_in_japanese(books, tmp_path):
    requests, staff = books
    out = tmp_path / "board.xlsx"
    r = run(requests, "--staff", staff, *AS_OF, "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [
        "依頼 3 件 (対応待ち 3 件、保留 0 件、完了 0 件)、担当 3 人 — 2026/12/1 9:00 時点、営業日 9:00〜18:00 (昼休み 12:00〜13:00)",
        "優先順位 (上位 3 件 / 3 件):",
        "   1. 月次締め — 期限 12/2 18:00、担当 A: 期限まで残り 1 営業日 (12/2 18:00)、残工数 8h、余裕 8h",
        "   2. 請求書発行 — 期限 12/3 12:00、担当 A: 期限まで残り 2 営業日 (12/3 12:00)、残工数 8h、余裕 11h",
        "   3. 会議の日程調整 — 期限 12/4 18:00、担当 B: 期限まで残り 3 営業日 (12/4 18:00)、残工数 4h、余裕 28h",
        "期限に間に合わない依頼はありません",
        # A: 16h due this week of 32h (Tue-Fri): 50%
        "過負荷の人はいません",
        f"{out} を書き出しました",
    ]
    assert out.is_file()


def test_what_slips_exit_1_in_english(books):
    requests, staff = books
    args = [a for n in WORKED_NEW for a in ("--new", n)]
    r = run(requests, "--staff", staff, *AS_OF, *args, "--lang", "en", "-n", "2")
    assert r.exit_code == 1, r.output
    assert r.stderr.splitlines() == [
        "5 requests (5 open, 0 on hold, 0 done), 3 people — as of 2026/12/1 9:00, business days 9:00–18:00 (lunch 12:00–13:00)",
        "Priority (top 2 of 5):",
        "   1. 監査資料の準備 — due 12/1 18:00, owner A: due today (12/1 18:00), 6h left, slack 2h, requested by 部長",
        "   2. 監査資料の集計 — due 12/1 18:00, owner B: due today (12/1 18:00), 6h left, slack 2h, requested by 部長",
        "1 at risk:",
        # C has the whole of 12/1 free
        "  #4 請求書発行 (A): at risk — due 12/3 12:00, planned finish 12/3 16:00, earliest 12/1 18:00 (C)",
        # A: 6h + 8h + 8h due this week of 32h: 69%
        "no one is overloaded",
        "New requests:",
        "  #1 監査資料の準備 → A (finishes 12/1 16:00)",
        "  #2 監査資料の集計 → B (finishes 12/1 16:00)",
        "3 requests affected by the new ones:",
        "  #4 請求書発行 (A): finishes 6h later; now misses its due time (due 12/3 12:00)",
        "  #3 月次締め (A): finishes 6h later (due 12/2 18:00)",
        "  … and 1 more (all of them: the What slips sheet of -o board.xlsx)",
    ]


@pytest.mark.parametrize(("args", "line"), [
    (["--as-of", "いつか"], "Error: --as-of 'いつか': 2026-12-01 09:00 のように日時を書いてください"),
    (["--new", "題名=見積"], "Error: --new '題名=見積': '題名' は依頼一覧の項目ではありません"),
    (["--new", "期限=12/3"], "Error: --new '期限=12/3': 件名=… が要ります"),
    (["--new", "件名=見積,期限=来週中"], "Error: --new '件名=見積,期限=来週中': 期限を読み取れません: '来週中' (日付として読めません)"),
    (["-n", "0"], "Error: -n 0: 1 以上の件数を書いてください"),
    (["-o", "board.txt"], "Error: board.txt を書き出せません: .txt は扱えない種類です (.csv .json .xlsx のどれか、標準出力なら - )"),
])
def test_usage_errors_exit_2(books, args, line):
    requests, staff = books
    r = run(requests, "--staff", staff, *AS_OF, *args)
    assert r.exit_code == 2, r.output
    assert r.stderr.splitlines()[0].startswith(line)


def test_usage_errors_in_english(books):
    requests, staff = books
    r = run(requests, "--staff", staff, "--as-of", "someday", "--lang", "en")
    assert (r.exit_code, r.stderr.splitlines()) == (2, ["Error: --as-of 'someday': give a date and time like 2026-12-01 09:00"])


def test_no_staff_and_missing_files(books, tmp_path):
    requests, _ = books
    empty = staff_book(tmp_path / "空.xlsx", [], header=("メモ", "日付"))
    r = run(requests, "--staff", str(empty), *AS_OF)
    assert (r.exit_code, r.stderr.splitlines()) == (2, [
        "Error: 担当者一覧に人がいません (氏名の列と、稼働時間・得意・不得意・休暇のどれかの列が要ります)"])
    r = run(str(tmp_path / "ない.xlsx"), "--staff", str(empty), *AS_OF)
    assert r.exit_code == 2 and r.stderr.startswith("Error: ") and "ない.xlsx" in r.stderr
    r = run(str(empty), "--staff", str(empty), *AS_OF, "--lang", "en")
    assert (r.exit_code, r.stderr.splitlines()) == (2, [
        f"Error: {empty}: no request list found (it needs a 件名 column and one of 期限, 見積工数, 担当, 状態)"])


def test_rows_not_used_are_one_line_and_csv_goes_to_stdout(tmp_path):
    requests = requests_book(tmp_path / "依頼.xlsx", [("見積", "", "", "来週中", 1, "", ""),
                                                       ("請求", "", "", dt.date(2026, 12, 10), 1, "", "")])
    staff = staff_book(tmp_path / "担当.xlsx", [("A", 8, "", "", "")])
    r = run(str(requests), "--staff", str(staff), *AS_OF, "-o", "-")
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[-1] == (
        f"使わなかった行・確認してほしい行: エラー 1 件, 警告 0 件 (例: {requests} / 依頼一覧 / 4行 / 期限: "
        "期限を読み取れません: '来週中' (日付として読めません)) (全件: -o board.xlsx の問題一覧シート)")
    assert r.stdout.splitlines()[0].startswith("rank,request_no,subject,category,")
    assert r.stdout.splitlines()[1].startswith("1,,請求,")
    r = run(str(requests), "--staff", str(staff), *AS_OF, "-o", "-", "--lang", "en")
    assert r.stderr.splitlines()[-1] == (
        f"rows not used or to check: 1 error, 0 warnings, e.g. {requests} / 依頼一覧 / row 4 / 期限: "
        "cannot read due date: '来週中' (all of them: -o board.xlsx, Issues sheet)")


def test_errors_and_warnings_are_counted_apart(tmp_path):
    # the summary used to say "警告 2 件" for one error and one warning
    # row 4: no subject (an error, the row is not used); row 5: effort 未定 (a warning, a default is used)
    requests = requests_book(tmp_path / "依頼.xlsx", [("", "", "", dt.date(2026, 12, 10), 2, "", ""),
                                                       ("見積", "", "", dt.date(2026, 12, 9), "未定", "", ""),
                                                       ("請求", "", "", dt.date(2026, 12, 10), 1, "", "")])
    staff = staff_book(tmp_path / "担当.xlsx", [("A", 8, "", "", "")])
    r = run(str(requests), "--staff", str(staff), *AS_OF, "-o", "-")
    assert r.stderr.splitlines()[-1] == (
        f"使わなかった行・確認してほしい行: エラー 1 件, 警告 1 件 (例: {requests} / 依頼一覧 / 4行 / 件名: "
        "件名が空です) (全件: -o board.xlsx の問題一覧シート)")
    r = run(str(requests), "--staff", str(staff), *AS_OF, "-o", "-", "--lang", "en")
    assert r.stderr.splitlines()[-1] == (
        f"rows not used or to check: 1 error, 1 warning, e.g. {requests} / 依頼一覧 / row 4 / 件名: "
        "subject is empty (all of them: -o board.xlsx, Issues sheet)")


def test_help_names_the_example():
    r = runner.invoke(app, ["triage", "--help"])
    assert r.exit_code == 0 and "ledgerkit triage examples/triage/" in r.output


def test_the_board_saved_among_the_inputs_is_named_and_not_read(books, tmp_path):
    requests, staff = books
    out = Path(requests).parent / "board.xlsx"
    first = run(str(Path(requests).parent), "--staff", staff, *AS_OF, "-o", str(out))
    second = run(str(Path(requests).parent), "--staff", staff, *AS_OF, "-o", str(out), "--force")
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert second.stderr.splitlines()[:5] == first.stderr.splitlines()[:5]
    assert f"  警告: {out}: ledgerkit が書き出したレポートのため読み込みません (二重に数えないため)" in second.stderr.splitlines()


def test_both_lists_in_one_workbook_warn_of_no_figures_unread(tmp_path):
    # docs/triage.md allows one workbook for both lists: the 担当者一覧's reader used to warn that
    # the 依頼一覧's numbers (No, 見積工数) were "read as no table" — the other list read them
    import openpyxl

    book = requests_book(tmp_path / "依頼一覧_総務課.xlsx", [(i + 1, *row) for i, row in enumerate(WORKED_REQUESTS)],
                         header=("No", "件名", "種別", "依頼者", "期限", "見積工数", "担当", "状態"))
    wb = openpyxl.load_workbook(book)
    ws = wb.create_sheet("担当者")
    ws.append(["氏名", "1日の稼働時間", "得意", "不得意", "休暇"])
    for row in WORKED_STAFF:
        ws.append(list(row))
    wb.save(book)
    r = run(str(book), "--staff", str(book), *AS_OF)
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[-2:] == ["期限に間に合わない依頼はありません", "過負荷の人はいません"]
    assert "どの表としても" not in r.stderr
