"""ledgerkit schedule: exit codes and the exact lines a person sees, in Japanese and English."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app

from calendars import event, ics

runner = CliRunner()
DAY = ["--between", "2026-12-08..2026-12-08"]


def run(*args: str):
    return runner.invoke(app, ["schedule", *args])


@pytest.fixture
def cals(tmp_path) -> Path:
    folder = tmp_path / "cals"
    folder.mkdir()
    ics(folder / "A.ics", event("朝会", "20261208T090000", "20261208T100000"),
        event("定例", "20261208T140000", "20261208T150000"))
    ics(folder / "B.ics", event("来客", "20261208T160000", "20261208T170000"))
    ics(folder / "C.ics", event("外出", "20261208T130000", "20261208T140000"))
    return folder


def test_candidates_in_japanese(cals, tmp_path):
    draft = tmp_path / "日程調整.txt"
    out = tmp_path / "slots.xlsx"
    r = run(str(cals), *DAY, "--required", "A,B", "--optional", "C", "-n", "3", "--draft", str(draft), "-o", str(out))
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [
        "候補日時 (12月8日(火)〜12月8日(火)の営業日 9:00〜18:00 (昼休み 12:00〜13:00) に 1時間: 必須 2人、任意 1人):",
        "  12月8日(火) 10:30〜11:30  (全員可 / 任意 1/1)",
        "  12月8日(火) 17:00〜18:00  (全員可 / 任意 1/1)",
        "  12月8日(火) 15:00〜16:00  (全員可 / 任意 1/1)",
        f"{out} を書き出しました",
        f"日程調整の下書きを {draft} に書き出しました",
    ]
    assert "　1. 12月8日(火) 10:30〜11:30\n　2. 12月8日(火) 17:00〜18:00\n　3. 12月8日(火) 15:00〜16:00\n" in draft.read_text(encoding="utf-8")
    assert out.is_file()


def test_candidates_in_english_with_files_as_required(cals):
    r = run(*DAY, "--required", f"{cals / 'A.ics'},{cals / 'B.ics'}", "-n", "1", "--lang", "en", "--buffer", "15")
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines() == [
        "Candidate times (business days Tue 8 Dec to Tue 8 Dec, 9:00–18:00 (lunch 12:00–13:00, 15 min kept free around "
        "meetings), 1 hour: 2 required, 0 optional):",
        "  Tue 8 Dec 10:30–11:30  (all required free)",
    ]


def test_no_slot_exit_1_naming_who_is_busy(cals):
    r = run(str(cals), *DAY, "--hours", "09:00-10:00", "-n", "1", "--draft", "unused.txt")
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        "候補がありません: 12月8日(火)〜12月8日(火)の営業日 9:00〜10:00 (昼休み 12:00〜13:00) に 1時間: 必須 3人、任意 0人 "
        "で必須の全員が空いている枠はありません。予定ありの必須者が少ない枠:",
        "  12月8日(火) 9:00〜10:00  (予定あり: A)",
        "候補がないため、日程調整の下書きは書きません",
    ]
    assert not Path("unused.txt").exists()
    r = run(str(cals), *DAY, "--hours", "09:00-10:00", "-n", "1", "--lang", "en")
    assert r.exit_code == 1
    assert r.stderr.splitlines()[1:] == ["  Tue 8 Dec 9:00–10:00  (busy: A)"]
    assert r.stderr.startswith("no slot: business days Tue 8 Dec to Tue 8 Dec")


@pytest.mark.parametrize(("args", "line"), [
    (["--duration", "abc"], "Error: --duration 'abc': 60、1h、90分 のように長さを書いてください (1分〜24時間)"),
    (["--hours", "18:00-09:00"], "Error: --hours '18:00-09:00': 09:00-18:00 のように、前が後より早い2つの時刻を書いてください"),
    (["--between", "2026-12-18..2026-12-07"],
     "Error: --between '2026-12-18..2026-12-07': 始まり (2026-12-18) が終わり (2026-12-07) より後です — 2026-12-07..2026-12-18 のように前から書いてください"),
    (["--tz", "Mars/Olympus"], "Error: --tz 'Mars/Olympus': タイムゾーンがありません (例: Asia/Tokyo、America/Los_Angeles)"),
    (["--required", "D"], "Error: --required D: 予定表にその人がいません (いる人: A、B、C)"),
    (["--buffer", "-5"], "Error: --buffer '-5': 0 以上の整数 (分) を書いてください"),
])
def test_usage_errors_exit_2_with_one_line(cals, args, line):
    r = run(str(cals), *DAY, *args)
    assert r.exit_code == 2
    assert r.stderr.splitlines() == [line]


def test_usage_errors_in_english(cals):
    r = run(str(cals), *DAY, "--duration", "0", "--lang", "en")
    assert (r.exit_code, r.stderr.splitlines()) == (
        2, ["Error: --duration '0': give a length like 60, 1h or 90分 (1 minute to 24 hours)"])
    r = run(*DAY, "--lang", "en")
    assert (r.exit_code, r.stderr.splitlines()) == (
        2, ["Error: no calendars given: name .ics files, folders or 予定表 workbooks (or --required A.ics)"])


def test_an_unreadable_calendar_exit_2_naming_it(cals):
    bad = cals / "broken.ics"
    bad.write_bytes(b"\xff\xfe garbage\n")
    r = run(str(cals), *DAY, "--lang", "en")
    assert r.exit_code == 2
    [line] = r.stderr.splitlines()
    assert line.startswith(f"Error: {bad}: cannot read it as iCalendar (.ics) (ValueError: ")
    assert line.endswith("); this person's events are not included")


def test_a_missing_path_exit_2(tmp_path):
    r = run(str(tmp_path / "nope.ics"), *DAY)
    assert (r.exit_code, r.stderr.splitlines()) == (2, [f"Error: {tmp_path / 'nope.ics'}: そのようなファイルやフォルダはありません"])


def test_csv_to_stdout(cals):
    r = run(str(cals), *DAY, "--required", "A,B", "-o", "-")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[0].startswith("rank,proposed,date,start,end,slot,note,")
    assert r.stdout.splitlines()[1].startswith("1,True,2026-12-08,10:30,11:30,")


@pytest.mark.parametrize(("value", "line"), [
    ("0", "Error: -n '0': 候補の数は 1〜1000 の整数で書いてください"),
    ("5000", "Error: -n '5000': 候補の数は 1〜1000 の整数で書いてください"),
])
def test_n_is_a_count_of_candidates_not_minutes(cals, value, line):
    """-n used to be refused as "1 以上の整数 (分)": minutes, for a number of candidates."""
    r = run(str(cals), *DAY, "-n", value)
    assert (r.exit_code, r.stderr.splitlines()) == (2, [line])
    r = run(str(cals), *DAY, "-n", value, "--lang", "en")
    assert (r.exit_code, r.stderr.splitlines()) == (
        2, [f"Error: -n '{value}': give the number of candidates as a whole number from 1 to 1000"])


def test_an_ics_with_no_event_is_named_not_silently_free(cals):
    """A calendar export holding no VEVENT (an empty or wrong export) used to make its person
    free all the time without a word; it is now a warning naming the file."""
    empty = ics(cals / "D.ics")
    r = run(str(cals), *DAY, "--required", "A,D", "-n", "1")
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[0] == (
        f"使わなかった予定表の行・ファイル: エラー 0 件, 警告 1 件 (例: {empty}: 予定 (VEVENT) が1件もない iCalendar です。"
        "D は期間中ずっと空いているとみなしました) (全件: -o slots.xlsx の問題一覧シート)")
    r = run(str(cals), *DAY, "--required", "A,D", "-n", "1", "--lang", "en")
    assert r.stderr.splitlines()[0] == (
        f"rows or files of the calendars not used: 0 errors, 1 warning, e.g. {empty}: an iCalendar with no event (VEVENT) "
        "at all: D was taken as free the whole time (all of them: -o slots.xlsx, Issues sheet)")


def test_errors_and_warnings_are_counted_apart(cals, monkeypatch):
    """The line used to say "警告 2 件" for one error and one warning. No calendar error reaches it
    today (an unreadable one stops the command), so one is added to the real result: a workbook
    the intake door could not read, as it lists one."""
    import ledgerkit.scheduling.finder as finder
    from ledgerkit.core.issues import Issue

    real = finder.find_slots
    lost = str(cals / "E.xlsx")

    def with_an_error(*args, **kwargs):
        result = real(*args, **kwargs)
        result.issues.append(Issue("unreadable_file", lost, scope="file", severity="error",
                                   params={"reason": {"ja": "壊れています", "en": "corrupt"}}))
        return result

    monkeypatch.setattr(finder, "find_slots", with_an_error)
    ics(cals / "D.ics")  # a warning: a calendar with no event
    r = run(str(cals), *DAY, "--required", "A,D", "-n", "1")
    assert r.exit_code == 0, r.output
    assert r.stderr.splitlines()[0] == (
        f"使わなかった予定表の行・ファイル: エラー 1 件, 警告 1 件 (例: {lost}: 壊れています) (全件: -o slots.xlsx の問題一覧シート)")
    r = run(str(cals), *DAY, "--required", "A,D", "-n", "1", "--lang", "en")
    assert r.stderr.splitlines()[0] == (
        f"rows or files of the calendars not used: 1 error, 1 warning, e.g. {lost}: corrupt "
        "(all of them: -o slots.xlsx, Issues sheet)")


def test_a_workbook_whose_rows_all_fall_outside_the_window_is_no_warning(cals):
    # the 予定表's four rows are in November: read, outside 12/8, information only — not "no data rows"
    import datetime as dt

    from sheets import make_xlsx

    make_xlsx(cals / "予定表.xlsx", {"11月": [["予定表"], ["氏名", "日付", "開始", "終了", "件名"]] + [
        ["A", dt.date(2026, 11, d), "10:00", "11:00", "定例"] for d in (2, 9, 16, 24)]})
    r = run(str(cals), *DAY, "--required", "A,B")
    assert r.exit_code == 0, r.output
    assert "使わなかった予定表の行・ファイル" not in r.stderr, r.stderr
    assert "1行も集計されませんでした" not in r.output, r.output
