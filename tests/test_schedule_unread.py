"""A person whose 予定表 rows could none of them be read never drops out of the attendees as if
free: no slot is proposed (exit 1, an error per person) unless --assume-free says to take them
as free; a person of whom some rows were read is warned about the rows left out."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app

from calendars import event, ics, workbook

DAY = "2026-12-08..2026-12-08"
runner = CliRunner()


@pytest.fixture
def books(tmp_path) -> Path:
    """佐藤部長's two rows have times nobody can read; 伊藤's are fine; 渡辺 has one of two."""
    workbook(tmp_path / "予定表.xlsx", [
        ["佐藤部長", "12/8(火)", "朝イチ", "昼", "役員会"],
        ["伊藤 美咲", "12/8(火)", "9:00", "10:00", "定例"],
        ["佐藤部長", "12/8(火)", "午後", "夕方", "来客"],
        ["渡辺 健", "12/8(火)", "13:00", "14:00", "面談"],
        ["渡辺 健", "12/8(火)", "午前中", "12:00", "外出"],
    ])
    return tmp_path


def test_a_required_person_with_no_row_read_stops_the_proposal(books):
    r = ledgerkit.find_slots(books, between=DAY)
    assert r.meta["required"] == ["伊藤 美咲", "渡辺 健", "佐藤部長"]
    assert r.meta["unread"] == ["佐藤部長"]
    assert r.meta["proposed"] == [] and not r.meta["found"] and len(r.frame) == 0
    found = {i.code: i for i in r.issues if i.code.startswith("sched_person_")}
    unread = found["sched_person_unread"]
    assert (unread.severity, unread.file, unread.sheet, unread.ref) == ("error", str(books / "予定表.xlsx"), "予定", "佐藤部長")
    assert unread.message() == ("佐藤部長 の予定表の行を1行も読めませんでした (4, 6行目)。"
                                "佐藤部長 の予定が分からないため候補を出しません")
    partly = found["sched_person_rows_unread"]
    assert partly.severity == "warning"
    assert partly.message("en") == ("1 of 渡辺 健's schedule rows could not be read (rows 8): "
                                    "the slots do not account for them")


def test_assume_free_proposes_with_a_warning(books):
    r = ledgerkit.find_slots(books, between=DAY, assume_free="佐藤部長")
    assert r.meta["unread"] == [] and r.meta["found"] and r.meta["proposed"]
    assert "佐藤部長" in r.meta["required"]
    [assumed] = [i for i in r.issues if i.code == "sched_person_assumed_free"]
    assert assumed.severity == "warning"


def test_a_person_not_asked_to_the_meeting_stops_nothing(books):
    r = ledgerkit.find_slots(books, between=DAY, required="伊藤")
    assert r.meta["unread"] == [] and r.meta["found"]
    assert not [i for i in r.issues if i.code.startswith("sched_person_")]


def test_an_optional_person_with_no_row_read_is_a_warning(books):
    r = ledgerkit.find_slots(books, between=DAY, required="伊藤", optional="佐藤部長")
    assert r.meta["found"] and r.meta["unread"] == []
    [opt] = [i for i in r.issues if i.code == "sched_person_unread_optional"]
    assert opt.severity == "warning" and opt.message("en").endswith("the slots do not account for 佐藤部長")


def test_naming_the_person_finds_them(books):
    # before: "--required 佐藤部長: 予定表にその人がいません" (exit 2), the real reason unsaid
    r = ledgerkit.find_slots(books, between=DAY, required="佐藤部長,伊藤")
    assert r.meta["unread"] == ["佐藤部長"]


def test_an_ics_for_the_person_is_their_calendar(books):
    # 佐藤部長's .ics was read: the unreadable 予定表 rows are rows left out, not an unknown person
    ics(books / "佐藤部長.ics", event("出張", "20261208T090000", "20261208T120000"))
    r = ledgerkit.find_slots(books, between=DAY)
    assert r.meta["unread"] == []
    assert [i.code for i in r.issues if i.ref == "佐藤部長" and i.code.startswith("sched_person_")] == [
        "sched_person_rows_unread"]


def test_cli_exit_1_with_the_lines(books, tmp_path):
    draft, out = tmp_path / "日程調整.txt", tmp_path / "slots.xlsx"
    r = runner.invoke(app, ["schedule", str(books), "--between", DAY, "--draft", str(draft), "-o", str(out)])
    assert r.exit_code == 1, r.output
    lines = r.stderr.splitlines()
    assert f"  {books / '予定表.xlsx'} / 予定: 佐藤部長 の予定表の行を1行も読めませんでした (4, 6行目)。佐藤部長 の予定が分からないため候補を出しません" in lines
    assert lines[-1] == ("Error: 候補を出しません: 佐藤部長 の予定が分かりません。予定表を直すか、予定なしとして扱うなら "
                         "--assume-free 佐藤部長 を付けてください")
    assert not draft.exists()
    ws = openpyxl.load_workbook(out)["問題一覧"]
    assert any("佐藤部長 の予定表の行を1行も読めませんでした" in str(c.value) for row in ws.iter_rows() for c in row)
    en = runner.invoke(app, ["schedule", str(books), "--between", DAY, "--lang", "en"])
    assert en.exit_code == 1
    assert en.stderr.splitlines()[-1] == ("Error: no slot proposed: the busy times of 佐藤部長 are unknown; fix the "
                                          "schedule, or add --assume-free 佐藤部長 to take them as free")


def test_cli_assume_free_proposes(books, tmp_path):
    r = runner.invoke(app, ["schedule", str(books), "--between", DAY, "--assume-free", "佐藤部長", "-n", "1"])
    assert r.exit_code == 0, r.output
    assert any(line.startswith("候補日時") for line in r.stderr.splitlines())
    assert any("--assume-free のとおり予定なしとして候補を出しました" in line for line in r.stderr.splitlines())
