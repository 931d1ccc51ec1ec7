"""Exports and templates from the systems a client site runs: 勤怠 (KING OF TIME, ジョブカン,
freee), 工数 (Redmine), 請求書一覧 (freee, マネーフォワード), each written with the exact bytes
the system writes (CP932 or UTF-8 with BOM, CRLF, quoting)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, strategies as st

import ledgerkit
from ledgerkit.attendance.cells import minutes_by_values, parse_duration_minutes
from ledgerkit.config.loading import Config

#: ASCII digits → full-width (a 勤怠 export typed by hand: ４８０)
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _csv(path, lines: list[str], encoding: str = "cp932") -> None:
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode(encoding))


def test_a_redmine_time_log_csv_takes_the_user_column_as_the_person(tmp_path):
    # Redmine's 作業時間 CSV (ja): ユーザー is the person, 作業分類 the task. Before, the person was
    # the file name ("redmine_timelog") for every row, and the people's hours were one.
    _csv(tmp_path / "redmine_timelog.csv", [
        '"プロジェクト","日付","作成日","週","ユーザー","作業分類","チケット","コメント","時間"',
        '"基幹刷新","2026-10-01","2026-10-01 18:00","40","山田 太郎","設計","機能 #123: 画面設計","レビュー","3.50"',
        '"基幹刷新","2026-10-01","2026-10-01 18:00","40","山田 太郎","開発","機能 #124: API","","4.00"',
        '"保守","2026-10-02","2026-10-02 18:00","40","佐藤 花子","調査","バグ #200: 帳票","","2.25"',
    ])
    result = ledgerkit.aggregate(tmp_path, kind="auto")
    assert result.kind == "hours"
    f = result.frame
    assert f[["person", "project", "task", "hours"]].values.tolist() == [
        ["山田太郎", "基幹刷新", "設計", 3.5], ["山田太郎", "基幹刷新", "開発", 4.0], ["佐藤花子", "保守", "調査", 2.25]]
    assert result.issues == [] and result.stats.balanced


def test_a_jobcan_export_in_minutes_reads_its_minutes_columns_as_minutes(tmp_path):
    # ジョブカン's 出勤簿 CSV with 分 as its unit: 休憩時間(分) 60, 労働時間(分) 510. Before, 60 was
    # read as 60 hours and every row was rejected (休憩 60:00 longer than 9:00～18:30).
    _csv(tmp_path / "jobcan_202610.csv", [
        "スタッフID,氏名,日付,出勤時刻,退勤時刻,休憩時間(分),労働時間(分),残業時間(分)",
        "S001,鈴木一郎,2026-10-01,09:00,18:30,60,510,30",
        "S001,鈴木一郎,2026-10-02,09:00,18:00,45,495,15",
        ",,合計,,,105,1005,45",
    ])
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    f = result.frame
    assert f[["break_hours", "hours", "overtime_hours"]].values.tolist() == [[1.0, 8.5, 0.5], [0.75, 8.25, 0.25]]
    # the 合計 row (1005 minutes = 16:45) agrees with the days: listed as a total row, no mismatch
    assert [(i.code, i.row) for i in result.issues] == [("total_row", 4)]
    assert result.stats.balanced


@given(st.integers(min_value=0, max_value=24 * 60))
def test_parse_duration_minutes_reads_a_plain_number_as_minutes(minutes):
    assert parse_duration_minutes(minutes) == minutes
    assert parse_duration_minutes(str(minutes)) == minutes
    assert parse_duration_minutes(f"{minutes // 60}:{minutes % 60:02d}") == minutes
    assert parse_duration_minutes(str(minutes).translate(_FULLWIDTH)) == minutes


_KOT = [
    '"日付","従業員コード","従業員氏名","所属名","出勤打刻","退勤打刻","休憩時間合計","労働合計","所定内労働","所定外労働","深夜労働"',
    '"2026/10/01(木)","0001","山田 太郎","開発部","09:00","18:30","1.00","8.50","8.00","0.50","0.00"',
    '"2026/10/02(金)","0001","山田 太郎","開発部","22:00","翌07:00","1.00","8.00","8.00","0.00","7.00"',
    '"2026/10/05(月)","0001","山田 太郎","開発部","13:00","26:00","1.00","12.00","8.00","4.00","4.00"',
]


def test_a_kintai_export_splitting_the_day_is_not_read_as_projects(tmp_path):
    # KING OF TIME-like 日別データ: 労働合計 | 所定内労働 | 所定外労働 are one day's hours split
    # several ways. Before, --kind auto read them as three projects (57.0 h for 28.5 worked).
    _csv(tmp_path / "kot_202610.csv", _KOT)
    result = ledgerkit.aggregate(tmp_path, kind="auto")
    assert result.kind == "attendance"
    assert result.frame["hours"].tolist() == [8.5, 8.0, 12.0]
    assert result.stats.balanced


def test_a_kintai_export_names_its_person_and_hours_as_kintai_systems_head_them(tmp_path):
    # 従業員氏名 is the person (was the file name), 労働合計 the hours worked, 所定外労働 the overtime
    # (was ignored as 所定…); 所定内労働 and 深夜労働 stay unread
    _csv(tmp_path / "kot_202610.csv", _KOT)
    f = ledgerkit.aggregate(tmp_path, kind="attendance").frame
    assert f[["person", "person_id", "hours", "overtime_hours"]].values.tolist() == [
        ["山田太郎", "0001", 8.5, 0.5], ["山田太郎", "0001", 8.0, 0.0], ["山田太郎", "0001", 12.0, 4.0]]


def test_minutes_without_a_unit_in_the_header_are_read_as_minutes_and_said(tmp_path):
    # freee人事労務 / ジョブカン export 休憩時間 60 and 労働時間 480 under headers with no unit: a day
    # has no 480 hours. Before, every row was rejected (480:00 over the 24:00 limit).
    _csv(tmp_path / "kintai_202610.csv", [
        "従業員番号,氏名,日付,出勤時刻,退勤時刻,休憩時間,労働時間,残業時間",
        *[f"S001,鈴木 一郎,2026-10-0{d},09:00,18:00,60,480,0" for d in (1, 2, 5)],
        "S001,鈴木 一郎,2026-10-06,09:00,18:30,45,525,45",
    ])
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame["hours"].tolist() == [8.0, 8.0, 8.0, 8.75]
    assert result.frame["overtime_hours"].tolist() == [0.0, 0.0, 0.0, 0.75]  # 45 minutes, with the sheet
    assert result.stats.rows_rejected == 0
    said = [(i.code, i.severity, i.column) for i in result.issues]
    assert said == [("attendance_minutes_by_values", "warning", "休憩時間"),
                    ("attendance_minutes_by_values", "warning", "労働時間"),
                    ("attendance_minutes_by_values", "warning", "残業時間")]
    assert result.issues[1].message("ja") == (
        "労働時間 の数値を分として読みました (見出しに単位がなく、値が1日24時間を超えるため。例: 480 → 08:00)。"
        "時間なら見出しを 労働時間(h) に、分なら 労働時間(分) にしてください")


def test_one_figure_over_24_among_hours_does_not_turn_the_column_into_minutes(tmp_path):
    # 75 typed for 7.5: that row is rejected; the other days stay hours
    _csv(tmp_path / "kintai_202610.csv", [
        "従業員番号,氏名,日付,出勤時刻,退勤時刻,休憩時間,労働時間",
        "S001,鈴木 一郎,2026-10-01,09:00,18:00,1,8",
        "S001,鈴木 一郎,2026-10-02,09:00,18:00,1,75",
        "S001,鈴木 一郎,2026-10-05,09:00,18:00,1,8",
        "S001,鈴木 一郎,2026-10-06,09:00,18:00,1,8",
    ])
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame["hours"].tolist() == [8.0, 8.0, 8.0]
    assert [(i.row, i.rejected) for i in result.issues if i.rejected] == [(3, True)]
    assert not [i for i in result.issues if i.code == "attendance_minutes_by_values"]


def test_an_invoice_list_with_no_vendor_column_says_so_and_names_the_columns_not_read(tmp_path):
    # 弥生's 売上一覧 heads its counterparty 得意先名: not a received invoice's column. Before, the
    # list checked clean with every vendor blank and nothing said. (伝票日付 is read as the issue date.)
    _csv(tmp_path / "yayoi_売上一覧.csv", [
        "伝票日付,伝票番号,得意先名,税抜金額,消費税額,税込金額,税率",
        '2026/10/15,000101,株式会社アルファ,"￥300,000","￥30,000","￥330,000",10%',
        "2026/10/20,000102,株式会社ガンマ,△5000,△500,△5500,10%",
    ])
    result = ledgerkit.check_invoices([tmp_path / "yayoi_売上一覧.csv"])
    [issue] = [i for i in result.issues if i.code == "invoice_no_vendor_column"]
    assert (issue.severity, issue.scope) == ("warning", "sheet")
    assert issue.message("ja") == (
        "取引先の列がありません: 取引先別の集計ができず、二重計上は請求書番号だけで判定します "
        "(読まなかった列: 得意先名。取引先の列なら [columns.invoices] vendor に見出しを加えてください)")
    # said how to fix it, and fixed so: the heading added to the vendor column's synonyms
    config = Config()
    config.data.setdefault("columns", {})["invoices"] = {"vendor": ["得意先名"]}
    fixed = ledgerkit.check_invoices([tmp_path / "yayoi_売上一覧.csv"], config=config)
    assert not [i for i in fixed.issues if i.code == "invoice_no_vendor_column"]
    assert sorted(fixed.frame["vendor"].unique()) == ["株式会社アルファ", "株式会社ガンマ"]


def test_a_minutes_column_with_thousands_separators_is_read_as_minutes(tmp_path):
    # 労働時間(分) written with a thousands separator ("1,200" = 20:00, the 合計 "1,710"): each cell
    # is read as the minutes it says, as minutes_by_values already counted "1,200" as a figure
    _csv(tmp_path / "jobcan_202610.csv", [
        "スタッフID,氏名,日付,出勤時刻,退勤時刻,休憩時間(分),労働時間(分),残業時間(分)",
        'S001,鈴木一郎,2026-10-01,08:00,29:00,60,"1,200",720',
        "S001,鈴木一郎,2026-10-02,09:00,18:30,60,510,30",
        ',,合計,,,120,"1,710",750',
    ])
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    f = result.frame
    assert f[["break_hours", "hours", "overtime_hours"]].values.tolist() == [[1.0, 20.0, 12.0], [1.0, 8.5, 0.5]]
    assert [(i.code, i.row) for i in result.issues if i.severity == "error"] == []
    assert ("total_row", 4) in [(i.code, i.row) for i in result.issues]
    assert result.stats.balanced


def _digits_of(text: str) -> int:
    return int(unicodedata.normalize("NFKC", text).replace(",", "").replace(" ", ""))


@given(st.integers(min_value=1, max_value=10**7), st.sampled_from(["{:d}", "{:,d}", " {:,d} "]), st.booleans())
def test_minutes_written_with_commas_read_alike_by_both_parsers(minutes, form, fullwidth):
    text = form.format(minutes)
    text = text.translate(_FULLWIDTH) if fullwidth else text
    assert minutes_by_values([text], sheet_in_minutes=True) == text
    assert parse_duration_minutes(text) == minutes


@given(st.one_of(st.text(alphabet="0123456789,，０１２ .:-分h", max_size=9),
                 st.integers(min_value=-10**6, max_value=10**7),
                 st.floats(min_value=-1e6, max_value=1e7),
                 st.sampled_from([float("nan"), float("inf"), float("-inf")])))
def test_whatever_minutes_by_values_counts_parse_duration_minutes_reads_the_same(value):
    # the two must agree: a figure the column test counts as whole minutes is read as those minutes
    counted = minutes_by_values([value], sheet_in_minutes=True)
    if counted is None:
        return
    expected = _digits_of(value) if isinstance(value, str) else int(value)
    assert parse_duration_minutes(value) == expected
