"""Write the sample calendars ``ledgerkit schedule`` reads: four .ics files and a 予定表 workbook.

    python examples/make_calendar_examples.py
    ledgerkit schedule examples/calendars --between 2026-12-07..2026-12-18 --required 佐藤部長,鈴木課長,高橋課長 --optional 田中,伊藤,渡辺 --buffer 15 --draft out/日程調整.txt

The people of issue 20: a 部長, two 課長 and a vendor's contact, and two staff whose
calendar is an Excel 予定表. Each file shows one thing calendars do:

* ``佐藤部長.ics`` (Outlook style: Windows TZID with its VTIMEZONE): the weekly 部長会 on
  Tuesdays 10:00, skipped on 12/8 (EXDATE) and moved from 12/15 to 12/16 15:00
  (RECURRENCE-ID);
* ``鈴木課長.ics``: a two-day all-day 出張 (12/9–12/10) and a block marked 空き時間
  (TRANSP:TRANSPARENT), which leaves its time free;
* ``高橋課長.ics``: a tentative meeting (STATUS:TENTATIVE, 仮の予定) on 12/8 14:00–16:00;
* ``田中.ics`` (Google style, UTC): a call with the US office at 17:00 America/Los_Angeles,
  which is 10:00 the next morning in Tokyo;
* ``予定表.xlsx``: 伊藤 and 渡辺's rows under a title, with dates as ``12/7(月)``, ``令和8年12月8日``
  and date cells, times as ``9:00``, ``9時30分`` and time cells, a whole day (no times),
  a tentative row, a row whose time cannot be read and a row outside the window.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "calendars"

_OUTLOOK_TZ = """BEGIN:VTIMEZONE
TZID:Tokyo Standard Time
BEGIN:STANDARD
DTSTART:16010101T000000
TZOFFSETFROM:+0900
TZOFFSETTO:+0900
END:STANDARD
END:VTIMEZONE"""


def _calendar(prodid: str, body: str, extra: str = "") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{prodid}", "METHOD:PUBLISH", *extra.splitlines(),
             *body.strip().splitlines(), "END:VCALENDAR"]
    # iCalendar lines end with CRLF (RFC 5545 §3.1)
    return "\r\n".join(line.strip() for line in lines if line.strip()) + "\r\n"


def _event(uid: str, summary: str, start: str, end: str, *more: str) -> str:
    return "\n".join(["BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20261120T000000Z", f"SUMMARY:{summary}",
                      start, end, *more, "END:VEVENT"])


def _tokyo(stamp: str) -> str:
    return f"TZID=Tokyo Standard Time:{stamp}"


SATO = _calendar("-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "\n".join([
    _event("bucho-kai@example.co.jp", "部長会", f"DTSTART;{_tokyo('20261103T100000')}",
           f"DTEND;{_tokyo('20261103T110000')}", "RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20270330T010000Z",
           f"EXDATE;{_tokyo('20261208T100000')}"),
    _event("bucho-kai@example.co.jp", "部長会 (12/16に変更)", f"DTSTART;{_tokyo('20261216T150000')}",
           f"DTEND;{_tokyo('20261216T160000')}", f"RECURRENCE-ID;{_tokyo('20261215T100000')}"),
    _event("keiei-1207@example.co.jp", "経営会議", f"DTSTART;{_tokyo('20261207T130000')}",
           f"DTEND;{_tokyo('20261207T150000')}"),
    _event("raikyaku-1209@example.co.jp", "来客", f"DTSTART;{_tokyo('20261209T090000')}",
           f"DTEND;{_tokyo('20261209T103000')}"),
    _event("yakuin-1211@example.co.jp", "役員報告", f"DTSTART;{_tokyo('20261211T160000')}",
           f"DTEND;{_tokyo('20261211T170000')}"),
]), _OUTLOOK_TZ)

SUZUKI = _calendar("-//ledgerkit examples//JA", "\n".join([
    _event("kanai-mtg@example.co.jp", "課内MTG", "DTSTART;TZID=Asia/Tokyo:20261102T090000",
           "DTEND;TZID=Asia/Tokyo:20261102T100000", "RRULE:FREQ=WEEKLY;BYDAY=MO"),
    _event("shutcho-1209@example.co.jp", "出張 (大阪)", "DTSTART;VALUE=DATE:20261209", "DTEND;VALUE=DATE:20261211"),
    _event("kenshu-1208@example.co.jp", "管理職研修", "DTSTART;TZID=Asia/Tokyo:20261208T130000",
           "DTEND;TZID=Asia/Tokyo:20261208T170000"),
    _event("shiryo-1208@example.co.jp", "資料作成 (空き時間)", "DTSTART;TZID=Asia/Tokyo:20261208T090000",
           "DTEND;TZID=Asia/Tokyo:20261208T120000", "TRANSP:TRANSPARENT"),
    _event("homon-1214@example.co.jp", "顧客訪問", "DTSTART;TZID=Asia/Tokyo:20261214T100000",
           "DTEND;TZID=Asia/Tokyo:20261214T120000"),
]))

TAKAHASHI = _calendar("-//ledgerkit examples//JA", "\n".join([
    _event("shinchoku-1208@example.co.jp", "進捗会議", "DTSTART;TZID=Asia/Tokyo:20261208T100000",
           "DTEND;TZID=Asia/Tokyo:20261208T110000"),
    _event("kari-1208@example.co.jp", "仮: ベンダー打合せ", "DTSTART;TZID=Asia/Tokyo:20261208T140000",
           "DTEND;TZID=Asia/Tokyo:20261208T160000", "STATUS:TENTATIVE"),
    _event("review-1207@example.co.jp", "設計レビュー", "DTSTART;TZID=Asia/Tokyo:20261207T150000",
           "DTEND;TZID=Asia/Tokyo:20261207T170000"),
    _event("kaigi-1211@example.co.jp", "部門会議", "DTSTART;TZID=Asia/Tokyo:20261211T090000",
           "DTEND;TZID=Asia/Tokyo:20261211T120000"),
]))

TANAKA = _calendar("-//Google Inc//Google Calendar 70.9054//EN", "\n".join([
    _event("us-weekly@example.com", "US本社 定例 (現地 17:00)", "DTSTART;TZID=America/Los_Angeles:20261207T170000",
           "DTEND;TZID=America/Los_Angeles:20261207T180000"),
    _event("demo-1209@example.com", "他社デモ", "DTSTART:20261209T040000Z", "DTEND:20261209T050000Z"),
    _event("onsite-1215@example.com", "客先常駐", "DTSTART:20261215T000000Z", "DTEND:20261215T090000Z"),
]), "X-WR-CALNAME:tanaka@example.com\nX-WR-TIMEZONE:Asia/Tokyo")

TITLE = "2026年12月 予定表 (総務部)"
HEADER = ["氏名", "日付", "開始", "終了", "件名", "状態"]
ROWS = [
    ["伊藤 美咲", "12/7(月)", "9:00", "12:00", "定例準備", ""],
    ["伊藤 美咲", "令和8年12月8日", "9時30分", "11時", "面談", ""],
    ["伊藤 美咲", dt.date(2026, 12, 9), dt.time(13, 0), dt.time(17, 0), "外出", ""],
    ["伊藤 美咲", "12/10(木)", "", "", "休暇", ""],
    ["渡辺 健", "12/8(火)", "14:00", "15:30", "打合せ", ""],
    ["渡辺 健", "12/9(水)", "午前中", "12:00", "外出", ""],
    ["渡辺 健", "12/11(金)", "10:00", "11:00", "社内説明会", "仮"],
    ["渡辺 健", "12/21(月)", "10:00", "11:00", "来年度計画", ""],
]


def write_workbook(path: Path) -> None:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("12月")
    bold = wb.add_format({"bold": True})
    date = wb.add_format({"num_format": "m/d"})
    time = wb.add_format({"num_format": "h:mm"})
    ws.write(0, 0, TITLE, bold)
    ws.write_row(2, 0, HEADER, bold)
    for r, row in enumerate(ROWS, start=3):
        for c, value in enumerate(row):
            if isinstance(value, dt.time):
                ws.write_datetime(r, c, value, time)
            elif isinstance(value, dt.date):
                ws.write_datetime(r, c, dt.datetime.combine(value, dt.time(0)), date)
            else:
                ws.write_string(r, c, value)
    ws.set_column(0, 0, 12)
    ws.set_column(1, 1, 16)
    ws.set_column(4, 4, 14)
    wb.close()


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name, text in (("佐藤部長", SATO), ("鈴木課長", SUZUKI), ("高橋課長", TAKAHASHI), ("田中", TANAKA)):
        (OUT / f"{name}.ics").write_bytes(text.encode("utf-8"))
    write_workbook(OUT / "予定表.xlsx")
    print(f"wrote 4 calendars and 予定表.xlsx in {OUT}")


if __name__ == "__main__":
    main()
