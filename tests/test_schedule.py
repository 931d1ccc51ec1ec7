"""ledgerkit.find_slots: calendars → busy blocks → ranked slots, on generated .ics files and 予定表."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

import ledgerkit
from ledgerkit.config.loading import Config
from ledgerkit.core.errors import InputError

from calendars import event, ics, workbook

DAY = "2026-12-08..2026-12-08"  # a Tuesday


def starts(result, column: str = "start") -> list[str]:
    return result.frame[column].tolist()


def proposed(result) -> list[str]:
    return [f"{s.start:%m-%d %H:%M}" for s in result.meta["proposed"]]


@pytest.fixture
def worked(tmp_path) -> Path:
    """The worked example of docs/schedule.md: A and B required, C optional, on 12/8."""
    ics(tmp_path / "A.ics", event("朝会", "20261208T090000", "20261208T100000"),
        event("定例", "20261208T140000", "20261208T150000"))
    ics(tmp_path / "B.ics", event("来客", "20261208T160000", "20261208T170000"))
    ics(tmp_path / "C.ics", event("外出", "20261208T130000", "20261208T140000"))
    return tmp_path


def test_worked_example_exact_slots(worked):
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", optional="C")
    assert r.kind == "slots" and r.meta["found"]
    # every start on the 30-minute grid where A and B are both free, ranked: C free first,
    # then fewest back-to-back meetings (10:00 follows A's 朝会; 15:00 sits between A and B)
    assert starts(r) == ["10:30", "11:00", "10:00", "17:00", "15:00", "13:00"]
    assert r.frame["optional_free"].tolist() == [1, 1, 1, 1, 1, 0]
    assert r.frame["back_to_back"].tolist() == [0, 0, 1, 1, 2, 1]
    # the proposed ones never overlap a better one
    assert proposed(r) == ["12-08 10:30", "12-08 17:00", "12-08 15:00", "12-08 13:00"]
    assert r.frame["slot"].iloc[0] == "12月8日(火) 10:30〜11:30"
    assert r.frame["note"].tolist()[:1] + r.frame["note"].tolist()[-1:] == ["全員可 / 任意 1/1", "全員可 / 任意 0/1"]


def test_lunch_and_buffer_are_respected(worked):
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", optional="C", lunch="", n=10)
    assert "11:30" in starts(r) and "12:00" in starts(r)
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", optional="C", buffer=15)
    # 15 minutes kept free: nothing starts at 10:00 (A until 10:00) or ends at 14:00 / starts at 15:00 or 17:00
    assert starts(r) == ["10:30", "11:00"]


def test_duration_and_grid(worked):
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", duration="90分", hours="09:00-12:00")
    assert sorted(starts(r)) == ["10:00", "10:30"]
    config = Config()
    config.data["schedule"] = {"grid": 60}
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", config=config)
    assert sorted(starts(r)) == ["10:00", "11:00", "13:00", "15:00", "17:00"]


def test_recurrence_with_exdate_and_a_moved_occurrence(tmp_path):
    ics(tmp_path / "部長.ics",
        event("部長会", "20261103T100000", "20261103T110000", "RRULE:FREQ=WEEKLY;BYDAY=TU",
              "EXDATE;TZID=Asia/Tokyo:20261208T100000", uid="weekly"),
        event("部長会 (移動)", "20261216T150000", "20261216T160000", "RECURRENCE-ID;TZID=Asia/Tokyo:20261215T100000",
              uid="weekly"))
    r = ledgerkit.find_slots(tmp_path, between="2026-12-07..2026-12-23")
    busy = r.tables["busy"]
    assert [(str(s), str(e)) for s, e in zip(busy["start"], busy["end"])] == [
        ("2026-12-16 15:00:00", "2026-12-16 16:00:00"),  # 12/15 moved here; 12/8 removed
        ("2026-12-22 10:00:00", "2026-12-22 11:00:00"),
    ]
    slots = set(zip(r.frame["date"].astype(str), r.frame["start"]))
    assert ("2026-12-08", "10:00") in slots and ("2026-12-15", "10:00") in slots
    assert ("2026-12-16", "15:00") not in slots and ("2026-12-22", "10:00") not in slots


def test_holidays_and_the_year_end_break_are_skipped(worked):
    r = ledgerkit.find_slots(worked, between="2026-11-20..2026-11-24", required="A", n=1)
    assert sorted(set(r.frame["date"].astype(str))) == ["2026-11-20", "2026-11-24"]  # 11/23 勤労感謝の日
    assert r.meta["holidays"] == {dt.date(2026, 11, 23): "勤労感謝の日"}
    r = ledgerkit.find_slots(worked, between="2026-12-21..2027-01-06", required="A", n=1)
    dates = sorted(set(r.frame["date"].astype(str)))
    assert "2026-12-23" in dates  # a weekday: 天皇誕生日 is 2/23
    assert dates == ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24", "2026-12-25", "2026-12-28",
                     "2027-01-04", "2027-01-05", "2027-01-06"]


def test_tentative_is_busy_unless_included(tmp_path):
    ics(tmp_path / "A.ics", event("仮: 打合せ", "20261208T090000", "20261208T120000", "STATUS:TENTATIVE"))
    ics(tmp_path / "B.ics", event("空き時間", "20261208T090000", "20261208T120000", "TRANSP:TRANSPARENT"),
        event("中止", "20261208T130000", "20261208T180000", "STATUS:CANCELLED"))
    r = ledgerkit.find_slots(tmp_path, between=DAY, hours="09:00-12:00", lunch="")
    assert not r.meta["found"]
    assert r.tables["nearest"]["required_busy"].unique().tolist() == ["A"]
    r = ledgerkit.find_slots(tmp_path, between=DAY, hours="09:00-12:00", lunch="", include_tentative=True)
    assert starts(r) == ["09:00", "09:30", "10:00", "10:30", "11:00"]
    assert set(r.frame["tentative"]) == {"A"} and r.frame["note"].iloc[0] == "全員可 / 仮の予定: A"


def test_tentative_slots_rank_after_clear_ones(tmp_path):
    ics(tmp_path / "A.ics", event("仮", "20261208T090000", "20261208T100000", "STATUS:TENTATIVE"))
    r = ledgerkit.find_slots(tmp_path, between=DAY, hours="09:00-11:00", lunch="", include_tentative=True)
    assert starts(r) == ["10:00", "09:00", "09:30"]


def test_no_slot_names_who_is_busy(tmp_path):
    ics(tmp_path / "部長.ics", event("出張", "DTSTART;VALUE=DATE:20261208", "DTEND;VALUE=DATE:20261209"))
    ics(tmp_path / "課長.ics", event("会議", "20261208T090000", "20261208T100000"))
    ics(tmp_path / "係長.ics")
    r = ledgerkit.find_slots(tmp_path, between=DAY, n=2)
    assert not r.meta["found"] and len(r.frame) == 0
    nearest = r.tables["nearest"]
    assert nearest["required_busy"].iloc[0] == "部長" and nearest["note"].iloc[0] == "予定あり: 部長"
    assert nearest["start"].iloc[0] == "10:30"  # 10:00 would follow 課長の会議 back to back
    assert "課長、部長" in set(nearest["required_busy"])  # in the order the people were found
    assert [s.required_busy for s in r.meta["proposed"]] == [("部長",), ("部長",)]


def test_time_zones_are_converted(tmp_path):
    ics(tmp_path / "vendor.ics",
        event("US call", "DTSTART;TZID=America/Los_Angeles:20261207T170000", "DTEND;TZID=America/Los_Angeles:20261207T180000"),
        event("UTC demo", "DTSTART:20261208T040000Z", "DTEND:20261208T050000Z"),
        event("floating", "DTSTART:20261208T150000", "DTEND:20261208T160000"),
        event("Outlook", "DTSTART;TZID=Tokyo Standard Time:20261208T170000", "DTEND;TZID=Tokyo Standard Time:20261208T173000"),
        header="BEGIN:VTIMEZONE\r\nTZID:Tokyo Standard Time\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
               "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nEND:STANDARD\r\nEND:VTIMEZONE")
    busy = ledgerkit.find_slots(tmp_path, between=DAY).tables["busy"]
    assert [f"{s:%H:%M}-{e:%H:%M}" for s, e in zip(busy["start"], busy["end"])] == [
        "10:00-11:00", "13:00-14:00", "15:00-16:00", "17:00-17:30"]
    busy = ledgerkit.find_slots(tmp_path, between="2026-12-07..2026-12-08", tz="America/Los_Angeles").tables["busy"]
    assert f"{busy['start'].iloc[0]:%m-%d %H:%M}" == "12-07 17:00"


def test_an_ics_with_several_attendees_gives_each_their_blocks(tmp_path):
    ics(tmp_path / "チーム.ics",
        event("定例", "20261208T100000", "20261208T110000",
              'ORGANIZER;CN="佐藤 部長":mailto:sato@example.com',
              "ATTENDEE;CN=鈴木 課長;PARTSTAT=ACCEPTED:mailto:suzuki@example.com",
              "ATTENDEE;CN=高橋 課長;PARTSTAT=DECLINED:mailto:takahashi@example.com",
              "ATTENDEE;PARTSTAT=TENTATIVE:mailto:vendor@example.net"))
    ics(tmp_path / "suzuki.ics", event("外出", "20261208T140000", "20261208T150000"))
    r = ledgerkit.find_slots(tmp_path, between=DAY, required="佐藤部長,鈴木課長,高橋課長,vendor@example.net")
    busy = r.tables["busy"]
    who = sorted(zip(busy["person"], busy["summary"], busy["status"]))
    # suzuki.ics is 鈴木 課長's own calendar (the address's name is the file's name): one person,
    # shown by the first name seen; 高橋 declined; the file's own person (チーム) is not asked for
    assert who == [("suzuki", "外出", "busy"), ("suzuki", "定例", "busy"), ("vendor@example.net", "定例", "tentative"),
                   ("佐藤 部長", "定例", "busy")]
    assert r.meta["required"] == ["佐藤 部長", "suzuki", "高橋 課長", "vendor@example.net"]
    assert "10:00" not in starts(r) and "14:00" not in starts(r)


def test_required_and_optional_by_file(worked):
    r = ledgerkit.find_slots([], between=DAY, required=[str(worked / "A.ics"), str(worked / "B.ics")],
                             optional=str(worked / "C.ics"))
    assert (r.meta["required"], r.meta["optional"]) == (["A", "B"], ["C"])
    assert starts(r)[0] == "10:30"


def test_an_unknown_or_ambiguous_name_is_a_usage_error(worked):
    tmp_path = worked
    with pytest.raises(InputError, match=r"^--required D: 予定表にその人がいません \(いる人: A、B、C\)$"):
        ledgerkit.find_slots(worked, between=DAY, required="D")
    # (two empty calendars would be byte-identical copies: one of them would be skipped)
    ics(tmp_path / "伊藤 美咲.ics", event("面談", "20261208T090000", "20261208T100000"))
    ics(tmp_path / "伊藤 健.ics", event("外出", "20261208T090000", "20261208T100000"))
    with pytest.raises(InputError, match=r"^--optional 伊藤: more than one person has that name \(伊藤 健, 伊藤 美咲\); give the full name$"):
        ledgerkit.find_slots(worked, between=DAY, required="A", optional="伊藤", config=_en())
    assert ledgerkit.find_slots(worked, between=DAY, required="A", optional="伊藤美").meta["optional"] == ["伊藤 美咲"]


def _en() -> Config:
    config = Config()
    config.data["report"]["lang"] = "en"
    return config


def test_an_unreadable_calendar_is_an_issue_naming_the_file(worked):
    (worked / "broken.ics").write_text("this is not a calendar\n", encoding="utf-8")
    r = ledgerkit.find_slots(worked, between=DAY, required="A")
    [issue] = [i for i in r.issues if i.code == "sched_ics_unreadable"]
    assert issue.file.endswith("broken.ics") and issue.severity == "error"
    assert issue.message("en").startswith("cannot read it as iCalendar (.ics) (ValueError: ")


def test_the_excel_schedule(tmp_path):
    workbook(tmp_path / "予定表.xlsx", [
        ["伊藤 美咲", "12/8(火)", "9:00", "10:00", "定例"],
        ["伊藤 美咲", "令和8年12月8日", "10時30分", dt.time(11, 0), "面談"],
        ["伊藤　美咲", dt.date(2026, 12, 8), dt.time(14, 0), dt.time(15, 30), "外出"],
        ["渡辺 健", "12/9(水)", None, None, "休暇"],
        ["渡辺 健", "12/8(火)", "午前中", "12:00", "外出"],
        ["渡辺 健", "12/8(火)", "15:00", "14:00", "逆"],
        [None, "12/8(火)", "9:00", "10:00", "名無し"],
        ["渡辺 健", "12/21(月)", "9:00", "10:00", "期間外"],
    ])
    r = ledgerkit.find_slots(tmp_path, between="2026-12-08..2026-12-09")
    busy = r.tables["busy"]
    assert [(p, f"{s:%m-%d %H:%M}", f"{e:%m-%d %H:%M}", row) for p, s, e, row in
            zip(busy["person"], busy["start"], busy["end"], busy["source_row"])] == [
        ("伊藤 美咲", "12-08 09:00", "12-08 10:00", 4), ("伊藤 美咲", "12-08 10:30", "12-08 11:00", 5),
        ("伊藤 美咲", "12-08 14:00", "12-08 15:30", 6), ("渡辺 健", "12-09 00:00", "12-10 00:00", 7)]
    assert busy["all_day"].tolist() == [False, False, False, True]
    rows = {i.row: (i.code, i.message("en")) for i in r.issues if i.row is not None}
    assert rows == {
        8: ("bad_cell", "cannot read start: '午前中'"),
        9: ("sched_row_end_before_start", "ends before (or when) it starts: not read"),
        10: ("missing_value", "name is empty"),
        11: ("sched_row_outside", "2026-12-21 is outside the window searched, 2026-12-08 to 2026-12-09: not used"),
    }
    assert (r.stats.rows_read, r.stats.rows_consolidated, r.stats.rows_rejected) == (8, 4, 4) and r.stats.balanced
    assert r.meta["required"] == ["伊藤 美咲", "渡辺 健"]
    # 11:00, 13:00 and 15:30 each touch one of 伊藤's blocks: the free afternoon comes first
    assert starts(r) == ["16:00", "16:30", "17:00", "11:00", "13:00", "15:30"]
    assert set(r.frame["date"].astype(str)) == {"2026-12-08"}  # 渡辺 is away all of 12/9


def test_a_total_row_and_a_header_printed_again_are_listed_not_read(tmp_path):
    """The 予定表 goes through the shared row walk: a 合計 row and the header repeated on a new
    page are listed in Issues (never a busy block, never dropped unsaid)."""
    workbook(tmp_path / "予定表.xlsx", [
        ["伊藤 美咲", "12/8(火)", "9:00", "10:00", "定例"],
        ["氏名", "日付", "開始", "終了", "件名"],
        ["渡辺 健", "12/8(火)", "13:00", "14:00", "面談"],
        ["合計", None, None, None, "2件"],
    ])
    r = ledgerkit.find_slots(tmp_path, between="2026-12-08..2026-12-08")
    assert r.tables["busy"]["source_row"].tolist() == [4, 6]
    assert {i.row: i.code for i in r.issues if i.row is not None} == {5: "repeated_header", 7: "total_row"}
    assert (r.stats.rows_read, r.stats.rows_consolidated, r.stats.rows_rejected) == (2, 2, 0) and r.stats.balanced


def test_the_report_cell_by_cell(worked, tmp_path):
    r = ledgerkit.find_slots(worked, between=DAY, required="A,B", optional="C")
    out = tmp_path / "slots.xlsx"
    r.write(out)
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["候補日時", "予定", "問題一覧"]
    ws = wb["候補日時"]
    assert ws["A1"].value.startswith("12月8日(火)〜12月8日(火)の営業日 9:00〜18:00 (昼休み 12:00〜13:00) に 1時間")
    assert [c.value for c in ws[3]] == ["順位", "候補", "日時", "参加", "予定ありの必須者", "空いている任意者",
                                        "予定ありの任意者", "仮の予定と重なる人", "連続する会議"]
    assert [c.value for c in ws[4]][:4] == [1, "○", "12月8日(火) 10:30〜11:30", "全員可 / 任意 1/1"]
    assert ws.print_title_rows == "$3:$3" and ws.page_setup.paperSize == 9
    busy = wb["予定"]
    assert [c.value for c in busy[3]] == ["氏名", "開始", "終了", "状態", "終日", "件名", "元ファイル", "元シート", "元行"]
    assert busy["A4"].value == "A" and busy["B4"].value == dt.datetime(2026, 12, 8, 9, 0)
    assert busy["B4"].number_format == "yyyy/mm/dd hh:mm" and busy["D4"].value == "予定あり"
    assert busy["G4"].value.endswith("A.ics")
    csv = tmp_path / "slots.csv"
    r.write(csv)
    assert csv.read_text(encoding="utf-8-sig").splitlines()[1].startswith("1,True,2026-12-08,10:30,11:30,")


def test_the_draft_message(worked, tmp_path):
    from ledgerkit.scheduling.message import render_request

    r = ledgerkit.find_slots(worked, between="2026-12-08..2026-12-09", required="A,B", optional="C")
    text = render_request(r)
    assert "【候補日時】（1時間程度）\n　1. 12月8日(火) 10:30〜11:30\n　2. 12月8日(火) 17:00〜18:00\n" in text
    assert text.count("　3. ") == 1 and "　4. " not in text
    own = tmp_path / "mine.txt.j2"
    own.write_text("{% for c in candidates %}{{ c.label }} ({{ c.weekday }})\n{% endfor %}{{ 宛先 }}", encoding="utf-8")
    from ledgerkit.core.errors import TemplateError

    with pytest.raises(TemplateError, match="'宛先' を使っていますが、ありません"):
        render_request(r, template=own)
    own.write_text("{% for c in candidates %}{{ c.label }}\n{% endfor %}", encoding="utf-8")
    assert render_request(r, template=own, count=1) == "12月8日(火) 10:30〜11:30\n"


def test_event_text_is_data_never_template_code(tmp_path):
    from ledgerkit.scheduling.message import render_request

    ics(tmp_path / "{{ 7*7 }}.ics", event("{{ config }}", "20261208T090000", "20261208T100000"))
    r = ledgerkit.find_slots(tmp_path, between=DAY)
    assert r.meta["required"] == ["{{ 7*7 }}"] and "49" not in render_request(r)
