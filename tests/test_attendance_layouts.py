"""Issue 13's 勤務表 layouts: no 氏名 on the sheet, year and month in number cells, footers,
start–end with no 休憩 column, and [columns.attendance] (tests/layouts.make_kintai)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
import xlsxwriter
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.attendance.breaks import statutory_break
from ledgerkit.attendance.footers import footer_kind, parse_count
from ledgerkit.attendance.layout import _classify, _whole_key
from ledgerkit.attendance.periods import month_of_date_cell, year_month_of_number_cells
from ledgerkit.attendance.sheet import read_attendance_sheet
from ledgerkit.cli.app import app
from ledgerkit.config.loading import Config, load_config
from ledgerkit.core.errors import ConfigError
from ledgerkit.detect.file_names import person_in_file_name
from ledgerkit.kinds.attendance import ATTENDANCE_FIELDS, ATTENDANCE_WORDS
from ledgerkit.parse.names import looks_like_name
from ledgerkit.settlement.months import settle
from layouts import make_kintai, office_days
from sheets import make_xlsx

runner = CliRunner()


def _totals(result) -> dict:
    frame = result.frame
    months = frame["date"].map(lambda d: f"{d.year:04d}-{d.month:02d}")
    return {k: round(v, 4) for k, v in frame.groupby([frame["person"], months])["hours"].sum().items()}


def _codes(result) -> list[tuple[str, int | None, str]]:
    return [(i.code, i.row, i.severity) for i in result.issues]


def _cli(*args) -> tuple[int, str]:
    done = runner.invoke(app, [str(a) for a in args])
    return done.exit_code, done.output


def _sheet(rows, name="Sheet1"):
    return SimpleNamespace(name=name, visible="visible", rows=rows, merged=[])


def _config(**settings_) -> Config:
    config = Config()
    for dotted, value in settings_.items():
        section, key = dotted.split("__")
        config.data[section][key] = value
    return config


# --- §2.2 a personal 勤務表 with no 氏名 -------------------------------------------------------


def test_person_from_the_file_name_never_the_month_total_beside_an_empty_name_cell(tmp_path):
    path = tmp_path / "勤務表_高橋美咲_2026年10月.xlsx"
    truth = make_kintai(path, 2026, 10, office_days(2026, 10), person=None, person_label_empty=True)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _totals(result) == {("高橋美咲", "2026-10"): truth[(None, "2026-10")]} == {("高橋美咲", "2026-10"): 168.0}
    assert _codes(result) == [("attendance_not_a_name", None, "info"), ("attendance_person_from_file", None, "info"),
                              ("total_row", 36, "info"), ("attendance_footer", None, "info")]
    not_a_name = result.issues[0]
    # calamine gives the [h]:mm month total as a duration: seen as the person "6 days, 16:30:00"
    assert not_a_name.message("en") == ("'7 days, 0:00:00' (D2) by the 氏名 label is no name (a time, a total or a "
                                        "label): not used as the person")
    assert result.issues[1].message("ja") == "氏名はファイル名から 高橋美咲 としました (シートに氏名がありません)"
    assert _cli("aggregate", path, "--strict")[0] == 0
    code, out = _cli("inspect", path, "--kind", "attendance")
    assert code == 0
    assert "Sheet1: attendance / days down, header row 4, 21 data rows" in out
    assert "person       ← 高橋美咲 (ファイル名)" in out


def test_no_name_anywhere_is_one_error_naming_the_file_name_and_person(tmp_path):
    path = tmp_path / "勤務表_2026年10月.xlsx"
    make_kintai(path, 2026, 10, office_days(2026, 10), person=None, person_label_empty=True)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert len(result.frame) == 0 and result.stats.rows_read == 0
    assert [(i.code, i.severity) for i in result.issues if i.severity != "info"] == [("attendance_no_person", "error")]
    error = next(i for i in result.issues if i.code == "attendance_no_person")
    assert error.message("en") == (
        "cannot tell whose sheet this is (no name in a 氏名 cell, the sheet name or the file name): put the name in "
        "the file name (e.g. 勤務表_山田太郎_2026年10月.xlsx) or give it with --person 山田太郎 ([read] person in "
        "ledgerkit.toml)")
    assert "6 days" not in str(result.frame["person"].tolist())
    # nothing consolidated: exit 2 with one line saying why (issue 13 §1), whatever --strict says
    assert _cli("aggregate", path, "--strict", "--kind", "attendance")[0] == 2


def test_person_given_with_the_option_or_the_config(tmp_path):
    path = tmp_path / "勤務表_2026年10月.xlsx"
    make_kintai(path, 2026, 10, office_days(2026, 10), person=None, person_label_empty=True)
    result = ledgerkit.aggregate(path, kind="attendance", config=_config(read__person="高橋 美咲"))
    assert _totals(result) == {("高橋美咲", "2026-10"): 168.0}
    assert ("attendance_person_from_option", None, "info") in _codes(result)
    code, out = _cli("aggregate", path, "--person", "高橋美咲", "--strict")
    assert code == 0, out
    assert "高橋美咲" in out


def test_a_name_on_the_sheet_wins_over_the_file_name_and_the_option(tmp_path):
    path = tmp_path / "勤務表_高橋美咲_2026年10月.xlsx"
    make_kintai(path, 2026, 10, office_days(2026, 10, limit=3), person="佐藤 一郎")
    result = ledgerkit.aggregate(path, kind="attendance", config=_config(read__person="別人"))
    assert _totals(result) == {("佐藤一郎", "2026-10"): 24.0}
    assert not any(i.code.startswith("attendance_person") for i in result.issues)


@pytest.mark.parametrize("value", [dt.timedelta(days=6, hours=16, minutes=30), "合計", "承認", 168.0, "2026年10月",
                                   dt.time(9, 0)])
def test_a_time_a_total_or_a_label_beside_the_name_label_is_never_the_person(value):
    rows = [["勤務表 2026年10月", "", ""], ["氏名", value, ""], ["日付", "出勤", "退勤"], [1, "9:00", "18:00"]]
    frame, issues, n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert len(frame) == 0 and n == 0
    assert "attendance_no_person" in [i.code for i in issues]


@pytest.mark.parametrize("file, person", [
    ("勤務表_高橋美咲_2026年10月.xlsx", "高橋美咲"), ("in/佐藤 花子 R8.10 勤怠.xlsx", "佐藤花子"),
    ("kintai_2026-10_Suzuki.xlsx", "Suzuki"), ("勤務表(最新版)_山田_202610.xlsx", "山田"),
    ("勤務表_2026年10月.xlsx", None), ("勤務表_開発部_10月.xlsx", None), ("勤務表_山田_佐藤.xlsx", None),
    ("勤怠集計_2026年10月.xlsx", None), ("Sheet1.xlsx", None), ("勤務表(1).xlsx", None),
])
def test_person_in_file_name(file, person):
    assert person_in_file_name(file) == person


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_person_in_file_name_is_a_name_or_nothing(stem):
    found = person_in_file_name(f"{stem}.xlsx")
    assert found is None or looks_like_name(found)


# --- §2.3 year and month in number cells, a date cell on the 1st; 作成日 loses -----------------


@pytest.mark.parametrize("how, cells", [("numbers", "セル D1, E1"), ("date", "セル D1")])
def test_year_month_cells_win_over_the_creation_date(tmp_path, how, cells):
    path = tmp_path / f"kintai_{how}.xlsx"
    truth = make_kintai(path, 2024, 4, office_days(2024, 4), person="佐藤一郎", year_month=how,
                        created=dt.date(2024, 3, 29), day_cells="number")
    result = ledgerkit.aggregate(path, kind="attendance")
    # before issue 13: the month came from 作成日 2024/3/29, and April's days were booked in March
    assert _totals(result) == truth == {("佐藤一郎", "2024-04"): 168.0}
    assert {d.month for d in result.frame["date"]} == {4}
    assert [i.severity for i in result.issues] == ["info", "info"]  # the 合計 row and the footer
    assert _cli("aggregate", path, "--strict")[0] == 0
    report = ledgerkit.inspect(path, kind="attendance")[0].sheets[0]
    assert report.mapping["month"] == f"2024-04 ({cells})"


def test_the_creation_date_alone_is_a_guess_that_is_listed():
    rows = [["勤務表", "", "作成日", dt.datetime(2024, 3, 29)], ["氏名", "佐藤一郎"], ["日付", "出勤", "退勤", "休憩"],
            [1, "9:00", "18:00", "1:00"]]
    frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert frame["date"].tolist() == [dt.date(2024, 3, 1)]
    assert [i.code for i in issues] == ["attendance_month_from_created"]


def test_a_creation_date_on_the_first_is_not_the_month():
    rows = [["勤務表", "作成日", dt.datetime(2024, 5, 1), 2024, "", 4], ["氏名", "佐藤一郎"],
            ["日付", "出勤", "退勤", "休憩"], [1, "9:00", "18:00", "1:00"]]
    frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert frame["date"].tolist() == [dt.date(2024, 4, 1)] and issues == []


@settings(max_examples=200, deadline=None)
@given(st.integers(1990, 2100), st.integers(-3, 20), st.integers(0, 2), st.sampled_from([int, float]))
def test_year_and_month_numbers(year, month, gap, kind):
    row = ["勤務表", kind(year), *([""] * gap), kind(month)]
    found = year_month_of_number_cells(row, 1)
    assert found == ((year, month, 2 + gap) if 1 <= month <= 12 else None)
    # a year alone, a month first, or text: not this rule
    assert year_month_of_number_cells(["勤務表", kind(month), kind(year)], 1) is None
    assert year_month_of_number_cells([str(year), kind(month)], 0) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)), st.sampled_from(["", "作成日", "提出日", "対象月"]))
def test_a_date_cell_is_the_month_only_on_the_first_and_unlabelled(day, label):
    value = dt.datetime.combine(day, dt.time())
    expected = (day.year, day.month) if day.day == 1 and label in ("", "対象月") else None
    assert month_of_date_cell([label, value], 1) == expected


# --- §2.4 footers are not errors ---------------------------------------------------------------


@pytest.mark.parametrize("kwargs, footer_rows", [
    ({}, "38-43行"),  # after the 合計 row, each figure beside its label
    ({"total_row": False}, "37-42行"),  # no 合計 row: the footer follows the days
    ({"total_row": False, "footer_layout": "below", "day_cells": "text"}, "37-40行"),  # the figures under their labels
    ({"total_row": False, "day_cells": "number"}, "37-42行"),
])
def test_a_clean_kintai_with_footers_gives_no_errors_and_passes_strict(tmp_path, kwargs, footer_rows):
    path = tmp_path / "勤務表_2026年10月_鈴木.xlsx"
    truth = make_kintai(path, 2026, 10, office_days(2026, 10), person="鈴木花子", footer=True, **kwargs)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _totals(result) == truth == {("鈴木花子", "2026-10"): 168.0}
    assert [i for i in result.issues if i.severity != "info"] == []
    footer = next(i for i in result.issues if i.code == "attendance_footer")
    assert footer.message("ja") == (
        f"{footer_rows} はシートの集計欄・押印欄 (出勤日数, 稼働時間, 合計勤務時間(h), 残業時間合計, 承認, 確認, 印) のため"
        "データではありません (行と照合: 出勤日数, 稼働時間, 合計勤務時間(h))")
    assert result.stats.rows_read == 21 == len(result.frame)
    code, out = _cli("aggregate", path, "--strict")
    assert code == 0, out
    assert "エラー 0 件, 警告 0 件" in out


def _days_with_footer(footer: list[list]) -> list[list]:
    rows = [["勤務表 2026年10月"], ["氏名", "鈴木花子"], ["日付", "出勤", "退勤", "休憩", "実働", "残業"]]
    rows += [[d, "9:00", "18:00", "1:00", "8:00", "1:00" if d == 2 else ""] for d in (1, 2, 5)]
    return rows + [[""] * 6] + footer


def test_a_footer_that_disagrees_with_the_rows_is_a_warning_on_its_figure():
    rows = _days_with_footer([["出勤日数", "", 4], ["稼働時間", "", "24:00"], ["残業時間合計", "", "2:00"],
                              ["", "", "", "承認", "確認", "印"]])
    frame, issues, n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert len(frame) == n == 3
    got = [(i.code, i.row, i.column, i.params.get("total"), i.params.get("sum"), i.severity) for i in issues]
    assert got == [
        ("sheet_total_mismatch", 8, "出勤日数", "4", "3", "warning"),
        ("sheet_total_mismatch", 10, "残業時間合計", "02:00", "01:00", "warning"),
        ("attendance_footer", None, "", None, None, "info"),
    ]


def test_stamp_boxes_alone_under_the_days_are_listed():
    frame, issues, n = read_attendance_sheet(_sheet(_days_with_footer([["", "", "", "承認", "確認", "印"]])), file="x.xlsx")
    assert n == 3 and [(i.code, i.severity) for i in issues] == [("attendance_footer", "info")]
    assert issues[0].message("en").endswith("(承認, 確認, 印), not data (checked against the rows: none)")


def test_a_footer_word_inside_the_days_does_not_end_them():
    rows = _days_with_footer([])
    rows.insert(4, ["", "", "", "", "", "確認"])  # a note between day 1 and day 2, the days (2, 5) go on below
    frame, issues, n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert frame["date"].tolist() == [dt.date(2026, 10, d) for d in (1, 2, 5)]


def test_other_text_below_the_footer_is_still_listed_as_another_table():
    rows = _days_with_footer([["出勤日数", "", 3], [""], ["連絡先", "03-1234-5678"]])
    _frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert [(i.code, i.params.get("range", {}).get("en")) for i in issues] == [
        ("attendance_footer", "row 8"), ("extra_table", "row 10")]


@settings(max_examples=300, deadline=None)
@given(st.integers(0, 9999), st.sampled_from(["", "日", " 日", "日間", "days"]), st.booleans())
def test_parse_count(n, unit, wide):
    text = f"{n}{unit}"
    if wide:
        text = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_count(text) == n and parse_count(n) == n and parse_count(float(n)) == n


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=12), st.floats(allow_nan=True), st.booleans(), st.none()))
def test_parse_count_never_raises(value):
    found = parse_count(value)
    assert found is None or (isinstance(found, int) and found >= 0)


def test_footer_labels():
    assert [footer_kind(t) for t in ("稼働日数", "合計勤務時間(h)", "残業時間合計", "印", "出勤日数：", "実働")] == [
        "days", "hours", "overtime", "stamp", "days", None]


# --- §2.5 start–end with no 休憩 column ----------------------------------------------------------


def test_no_break_column_counts_the_span_with_one_warning(tmp_path):
    path = tmp_path / "勤務表_鈴木_2026年10月.xlsx"
    truth = make_kintai(path, 2026, 10, office_days(2026, 10), person="鈴木花子", break_column=False)
    result = ledgerkit.aggregate(path, kind="attendance")
    assert _totals(result) == truth == {("鈴木花子", "2026-10"): 189.0}
    warnings = [i for i in result.issues if i.severity != "info"]
    assert [(i.code, i.scope, i.params) for i in warnings] == [("attendance_no_break", "sheet", {"count": 21})]
    assert warnings[0].message("en") == (
        "no 休憩 (break) column: 21 days over 6 h counted as end − start with no break taken off; to take off the "
        "statutory break (労基法34条: 45 min over 6 h, 60 min over 8 h) set [attendance] default_break = \"statutory\"")
    assert _cli("aggregate", path, "--strict")[0] == 1
    report = ledgerkit.inspect(path, kind="attendance")[0].sheets[0]
    assert report.mapping["break"] == "列なし: 差し引かない (default_break = none)"


def test_statutory_break_is_taken_off_and_listed(tmp_path):
    path = tmp_path / "勤務表_鈴木_2026年10月.xlsx"
    make_kintai(path, 2026, 10, office_days(2026, 10), person="鈴木花子", break_column=False)
    (tmp_path / "ledgerkit.toml").write_text('[attendance]\ndefault_break = "statutory"\n', encoding="utf-8")
    config = load_config(tmp_path / "ledgerkit.toml")
    result = ledgerkit.aggregate(path, kind="attendance", config=config)
    # 9:00–18:00 is over 8 h: 60 minutes off each of the 21 days
    assert _totals(result) == {("鈴木花子", "2026-10"): 168.0}
    assert set(result.frame["break_hours"]) == {1.0}
    # the sheet's own 合計 and footer (189 h, before the break ledgerkit took off) do not disagree
    assert [i.severity for i in result.issues] == ["info", "info", "info"]
    assert result.issues[-1].code == "attendance_statutory_break"
    assert _cli("aggregate", path, "--strict", "--config", tmp_path / "ledgerkit.toml")[0] == 0


@pytest.mark.parametrize("mode, hours, breaks, codes", [
    ("none", [6.0, 6 + 1 / 60, 8.0, 8 + 1 / 60, 4.0], [0.0] * 5, ["attendance_no_break"]),
    ("statutory", [6.0, 6 + 1 / 60 - 0.75, 8 - 0.75, 8 + 1 / 60 - 1, 4.0], [0.0, 0.75, 0.75, 1.0, 0.0],
     ["attendance_statutory_break"]),
])
def test_statutory_break_boundaries_exactly_6_and_8_hours(mode, hours, breaks, codes):
    spans = [("9:00", "15:00"), ("9:00", "15:01"), ("9:00", "17:00"), ("9:00", "17:01"), ("9:00", "13:00")]
    rows = [["勤務表 2026年10月"], ["氏名", "鈴木花子"], ["日付", "出勤", "退勤"]]
    rows += [[d + 1, s, e] for d, (s, e) in enumerate(spans)]
    frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx", config=_config(attendance__default_break=mode))
    assert frame["hours"].round(6).tolist() == [round(h, 6) for h in hours]
    assert frame["break_hours"].round(6).tolist() == breaks
    assert [i.code for i in issues] == codes
    # a break is due on the three days over 6 h; 9:00-15:00 and the half day need none
    assert issues[0].params == {"count": 3}


def test_a_worked_column_under_the_span_holds_its_own_break():
    rows = [["勤務表 2026年10月"], ["氏名", "鈴木花子"], ["日付", "出勤", "退勤", "実働"], [1, "9:00", "18:00", "8:00"],
            [2, "9:00", "18:00", "9:30"]]
    frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert frame["hours"].tolist() == [8.0, 9.5]
    # 8:00 under a 9:00 span: a break was taken; 9:30 over it: the figure disagrees with the times
    assert [(i.code, i.row) for i in issues] == [("hours_disagree", 5)]


@given(st.integers(0, 48 * 60), st.integers(0, 48 * 60))
def test_statutory_break_is_45_over_6_hours_and_60_over_8(a, b):
    assert statutory_break(a) == (60 if a > 480 else 45 if a > 360 else 0)
    if a <= b:
        assert statutory_break(a) <= statutory_break(b)
        assert a - statutory_break(a) <= b - statutory_break(b) + 45  # never a big drop at a boundary


# --- §2.7 [columns.attendance] ----------------------------------------------------------------


def test_columns_attendance_adds_header_texts(tmp_path):
    rows = [["勤務表 2026年10月"], ["氏名", "鈴木花子"], ["年月日", "稼働実績"], [1, 7.5], [2, 8]]
    assert read_attendance_sheet(_sheet(rows), file="x.xlsx")[0] is None  # 稼働実績 is no known header
    (tmp_path / "ledgerkit.toml").write_text('[columns.attendance]\nworked = ["稼働実績"]\n', encoding="utf-8")
    config = load_config(tmp_path / "ledgerkit.toml")
    frame, issues, n = read_attendance_sheet(_sheet(rows), file="x.xlsx", config=config)
    assert frame["hours"].tolist() == [7.5, 8.0] and issues == []
    assert config.source("columns.attendance.worked") == f"{tmp_path / 'ledgerkit.toml'}:2"


def test_a_users_text_wins_over_the_words_it_contains(tmp_path):
    rows = [["勤務表 2026年10月"], ["氏名", "鈴木花子"], ["日付", "休憩込み時間", "控除後時間"], [1, 9, 8]]
    (tmp_path / "ledgerkit.toml").write_text('[columns.attendance]\nworked = ["控除後時間"]\nignore = ["休憩込み時間"]\n',
                                             encoding="utf-8")
    frame, _issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx", config=load_config(tmp_path / "ledgerkit.toml"))
    assert frame["hours"].tolist() == [8.0]


def test_columns_attendance_refuses_an_unknown_field(tmp_path):
    (tmp_path / "ledgerkit.toml").write_text('[columns.attendance]\nhours = ["稼働実績"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="columns.attendance.hours"):
        load_config(tmp_path / "ledgerkit.toml")


def test_every_builtin_whole_text_means_what_its_words_say():
    # the whole texts are matched first: they must not change what the contained words decided
    for field, texts in ATTENDANCE_FIELDS.items():
        for text in texts:
            key = _whole_key(text)
            by_words = next((f for f, words in ATTENDANCE_WORDS if any(w in key for w in words)), None)
            assert _classify(text) == field, text
            assert by_words in (None, field) or field in ("person", "person_id", "day"), (text, by_words)


# --- §2.6 settle reads 勤務表 with footers as before ---------------------------------------------


def test_settle_is_the_same_with_and_without_footers(tmp_path):
    import pandas as pd

    contract = pd.DataFrame([{"person": "鈴木花子", "vendor": "株式会社アルファ", "fee": 500_000, "lower": 140,
                              "upper": 180, "method": "updown", "unit_minutes": 15, "rate_step": None,
                              "rate_mode": "down", "amount_rounding": "down"}])
    settled = []
    for name, kwargs in (("plain", {"footer": False}), ("footer", {}), ("no_total", {"total_row": False}),
                         ("below", {"total_row": False, "footer_layout": "below", "day_cells": "number"})):
        folder = tmp_path / name
        folder.mkdir()
        make_kintai(folder / "勤務表_2026年10月.xlsx", 2026, 10, office_days(2026, 10), person="鈴木花子", **kwargs)
        frame, findings = settle(folder, contract)
        assert [i for i in findings if i.severity != "info"] == []
        settled.append(frame.drop(columns=[c for c in frame.columns if c.startswith("source")]).to_dict("records"))
    assert settled[0] == settled[1] == settled[2] == settled[3]
    assert settled[0][0]["hours"] == 168.0 and settled[0][0]["amount"] == 500_000



def test_a_total_row_inside_the_footer_is_checked_too():
    rows = _days_with_footer([["【出勤日数】", "", 3], ["合計", "", "", "", "25:00"]])
    _frame, issues, _n = read_attendance_sheet(_sheet(rows), file="x.xlsx")
    assert [(i.code, i.row, i.params.get("total"), i.params.get("sum")) for i in issues] == [
        ("sheet_total_mismatch", 9, "25:00", "24:00"), ("attendance_footer", None, None, None)]


def _sato(path):
    # the trial's 勤務表: three days of 8:00, and a 合計 row that says 16:00 (and two holidays)
    wb = xlsxwriter.Workbook(str(path))
    hh = wb.add_format({"num_format": "[h]:mm"})
    ws = wb.add_worksheet("2026年10月")
    ws.write_row(0, 0, ["氏名", "佐藤一郎"])
    ws.write_row(2, 0, ["日付", "出勤", "退勤", "休憩", "実働"])
    for r, day in enumerate((1, 2, 5), start=3):
        ws.write_row(r, 0, [day, "9:00", "18:00", "1:00", "8:00"])
    ws.write(6, 0, "合計")
    ws.write_number(6, 4, 16 / 24, hh)
    wb.close()
    return path


def test_cli_attendance_warnings_are_printed_not_only_counted(tmp_path):
    # aggregate --kind attendance printed "問題: エラー 0 件, 警告 1 件" and never the warning
    book = _sato(tmp_path / "勤務表_2026年10月_佐藤一郎.xlsx")
    code, out = _cli("aggregate", book, "--kind", "attendance")
    assert code == 0
    assert (f"  警告: {book} / 2026年10月 / 7行 / 実働: シートの合計 16:00 が読み取った行の合計 24:00 と合いません (実働)"
            in out.splitlines())
    code, out = _cli("aggregate", book, "--kind", "attendance", "--lang", "en")
    assert code == 0
    assert (f"  warning: {book} / 2026年10月 / row 7 / 実働: the sheet's own total 16:00 differs from the rows read, "
            "which add up to 24:00 (実働)" in out.splitlines())


def test_inspect_in_english_says_where_the_person_and_month_came_from_in_english(tmp_path):
    # inspect --lang en showed "person ← 田中一郎 (セル B2)" and "← 田中 (ファイル名)"
    rows = [["工数報告書"], ["氏名", "田中一郎"], [], ["日付", "案件", "工数"], ["2026/10/1", "A-1", 8]]
    hours = make_xlsx(tmp_path / "工数_2026年10月_田中.xlsx", {"10月分": rows, "集計用": [["日付", "案件", "工数"],
                                                                                               ["2026/10/2", "A-1", 4]]})
    code, out = _cli("inspect", hours, "--lang", "en")
    assert code == 0
    assert "      person       ← 田中一郎 (cell B2)" in out.splitlines()
    assert "      person       ← 田中 (file name)" in out.splitlines()
    code, out = _cli("inspect", hours)
    assert "      person       ← 田中 (ファイル名)" in out.splitlines()
    book = _sato(tmp_path / "勤務表_2026年10月_佐藤一郎.xlsx")
    code, out = _cli("inspect", book, "--kind", "attendance", "--lang", "en")
    assert code == 0
    assert "      person       ← 佐藤一郎 (cell B1)" in out.splitlines()
    assert "      month        ← 2026-10 (sheet name)" in out.splitlines()


def test_a_day_marked_only_paid_leave_in_its_note_is_listed_as_info(tmp_path):
    # the trial's 勤務表: 10/15 has no times, only 有給 in the 備考: it was neither a row nor an Issue
    wb = xlsxwriter.Workbook(str(tmp_path / "勤務表_2026年10月_佐藤一郎.xlsx"))
    ws = wb.add_worksheet("2026年10月")
    ws.write_row(0, 0, ["氏名", "佐藤一郎"])
    ws.write_row(2, 0, ["日付", "曜日", "出勤", "退勤", "休憩", "実働", "備考"])
    ws.write_row(3, 0, [14, "水", "9:00", "18:00", "1:00", "8:00", ""])
    ws.write_row(4, 0, [15, "木", "", "", "", "", "有給"])
    ws.write_row(5, 0, [16, "金", "", "", "", "", "夏季休暇"])
    ws.write_row(6, 0, [17, "土", "", "", "", "", "休日"])
    wb.close()
    result = ledgerkit.aggregate(tmp_path, kind="attendance")
    assert result.frame["hours"].tolist() == [8.0]
    assert _codes(result) == [("attendance_day_off", 5, "info"), ("attendance_day_off", 6, "info")]
    assert result.issues[0].message("ja") == "休みの日 (有給) のため勤務の行ではありません"
    assert (result.stats.rows_read, result.stats.rows_rejected) == (1, 0)
    code, out = _cli("inspect", tmp_path, "--kind", "attendance", "--lang", "en")
    assert code == 0
    assert "      row 5: a day off (有給), not a day worked" in out.splitlines()
