"""Tests for the report writers (ledgerkit.reports.frames, .output, .text_safety and the xlsx_*
modules): CSV / JSON / xlsx output, atomic and injection-safe.

Golden reports live in tests/golden/writers/<stem>.xlsx; each test builds the report
under tmp_path and compares it with the golden file cell by cell (openpyxl): sheet
names, values, cached formula results, number formats, bold, fills, freeze panes,
tables, autofilters, merged ranges and column widths. ``pytest --update-golden``
rewrites the golden files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from decimal import Decimal
from pathlib import Path

import golden
from golden import _colour, workbook_snapshot
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.core.errors import OutputError
from ledgerkit.core.issues import Issue
from ledgerkit.reports.frames import frame_to_json, write_frame
from ledgerkit.reports.output import atomic_output
from ledgerkit.reports.text_safety import neutralize
from ledgerkit.reports.xlsx_layout import display_width, safe_sheet_name
from ledgerkit.reports.xlsx_report import XlsxReport

GOLDEN = Path(__file__).parent / "golden" / "writers"
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


# -------------------------------------------------------------------------- helpers


def hours_frame() -> pd.DataFrame:
    """A small consolidated hours frame with the cells that tend to go wrong."""
    return pd.DataFrame(
        {
            "date": [dt.date(2026, 10, 1), dt.date(2026, 10, 2), dt.date(2026, 10, 2), None],
            "month": ["2026-10"] * 4,
            "person": ["山田 太郎", "=HYPERLINK(\"http://evil\",\"x\")", "佐藤 花子", "-5"],
            "project": ["PJ001", "@SUM(A1)", "PJ002", "+81 3 1234"],
            "task": ["設計", "", None, "実装"],
            "hours": [7.5, float("nan"), 8.0, -1.25],
            "amount": [Decimal("12000"), Decimal("-2500"), Decimal("0.10"), None],
            "source_file": ["工数_2026年10月.xlsx"] * 4,
            "source_sheet": ["10月"] * 4,
            "source_row": pd.array([5, 6, 7, None], dtype="Int64"),
        }
    )


def sample_issues() -> list[Issue]:
    return [
        Issue("total_row", file="a.xlsx", sheet="10月", row=12, rejected=True, severity="info"),
        Issue(
            "bad_cell", file="a.xlsx", sheet="10月", row=3, column="時間", value="=1+1",
            severity="error", scope="cell", rejected=True, params={"field": "時間", "value": "=1+1"},
        ),
        Issue("hidden_sheet", file="b.xlsx", sheet="old", severity="warning", scope="sheet"),
    ]


def assert_golden(actual: Path, stem: str, update: bool) -> None:
    """Compare a generated workbook with tests/golden/writers/<stem>.xlsx, cell by cell."""
    golden.assert_golden(actual, GOLDEN / f"{stem}.xlsx", update)


def build_report(path: Path, *, constant_memory: bool = False, lang: str = "ja") -> None:
    frame = hours_frame()
    with XlsxReport(path, lang=lang, constant_memory=constant_memory) as report:
        pivot = (
            frame.assign(hours=frame["hours"].fillna(0))
            .pivot_table(index="project", columns="person", values="hours", aggfunc="sum", fill_value=0)
        )
        report.add_summary(
            "集計" if lang == "ja" else "Summary", pivot, title="工数集計 2026年10月",
            value_format="hours", chart="column",
        )
        detail = "明細" if lang == "ja" else "Detail"
        report.highlight(detail, 1, "hours", "error")  # before the table is written
        ref = report.add_table(detail, frame, formats={"amount": "yen"})
        if not constant_memory:
            report.highlight(detail, 0, "person", "warning")  # after it
        report.add_issues(sample_issues())
    return ref


# -------------------------------------------------------------------------- CSV


def test_csv_bytes_bom_crlf_injection_and_numbers(tmp_path):
    out = tmp_path / "rows.csv"
    write_frame(hours_frame(), out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data[3:].decode("utf-8")
    lines = text.split("\r\n")
    assert lines[-1] == ""  # ends with CRLF, no bare LF anywhere
    assert "\n" not in text.replace("\r\n", "")
    assert lines[0] == "date,month,person,project,task,hours,amount,source_file,source_sheet,source_row"
    assert lines[1] == "2026-10-01,2026-10,山田 太郎,PJ001,設計,7.5,12000,工数_2026年10月.xlsx,10月,5"
    assert lines[2] == (
        "2026-10-02,2026-10,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'@SUM(A1),,,-2500,"
        "工数_2026年10月.xlsx,10月,6"
    )
    assert lines[3] == "2026-10-02,2026-10,佐藤 花子,PJ002,,8.0,0.10,工数_2026年10月.xlsx,10月,7"
    # A text that is just a number keeps its sign; a phone number starting with + does not run.
    assert lines[4] == ",2026-10,-5,'+81 3 1234,実装,-1.25,,工数_2026年10月.xlsx,10月,"


@pytest.mark.parametrize("first", DANGEROUS)
def test_csv_every_dangerous_first_character_is_neutralized(tmp_path, first):
    out = tmp_path / "x.csv"
    value = first + "cmd|' /C calc'!A0"
    write_frame(pd.DataFrame({"v": [value], "n": [-3]}), out)
    rows = list(csv.reader(io.StringIO(out.read_bytes()[3:].decode("utf-8"), newline="")))
    assert rows == [["v", "n"], ["'" + value, "-3"]]


def test_csv_numbers_stay_numbers_in_every_dtype(tmp_path):
    frame = pd.DataFrame(
        {
            "i": [-1, 2],
            "I": pd.array([-7, None], dtype="Int64"),
            "f": [-0.5, float("nan")],
            "d": [Decimal("-1E+3"), Decimal("1234567890123456789.01")],
            "mixed": [Decimal("-3"), "-x"],
        }
    )
    out = tmp_path / "n.csv"
    write_frame(frame, out)
    assert out.read_bytes()[3:].decode() == (
        "i,I,f,d,mixed\r\n-1,-7,-0.5,-1000,-3\r\n2,,,1234567890123456789.01,'-x\r\n"
    )


def test_csv_headings_rename_and_header_is_neutralized(tmp_path):
    out = tmp_path / "h.csv"
    write_frame(pd.DataFrame({"a": [1], "=b": [2]}), out, headings={"a": "氏名"})
    assert out.read_bytes()[3:].decode() == "氏名,'=b\r\n1,2\r\n"


def test_csv_dates_and_datetimes_iso(tmp_path):
    frame = pd.DataFrame(
        {
            "d64": pd.to_datetime(["2026-10-01", None]),
            "ts": pd.to_datetime(["2026-10-01 09:30", "2026-10-02 00:00"]),
            "obj": [dt.datetime(2026, 10, 1, 8, 0, 5), dt.date(2026, 1, 2)],
            "t": [dt.time(7, 30), None],
            "td": [dt.timedelta(hours=26, minutes=5), None],
        }
    )
    out = tmp_path / "d.csv"
    write_frame(frame, out)
    assert out.read_bytes()[3:].decode() == (
        "d64,ts,obj,t,td\r\n"
        "2026-10-01,2026-10-01 09:30:00,2026-10-01 08:00:05,07:30:00,26:05:00\r\n"
        ",2026-10-02 00:00:00,2026-01-02,,\r\n"
    )


def test_stdout_is_csv_without_bom_with_lf(capfdbinary):
    write_frame(pd.DataFrame({"氏名": ["=1", "山田"], "n": [-1, 2]}), "-")
    out = capfdbinary.readouterr().out
    assert out == "氏名,n\n'=1,-1\n山田,2\n".encode()


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=12), min_size=1, max_size=8))
def test_csv_round_trip_is_safe_and_lossless(tmp_path_factory, texts):
    out = tmp_path_factory.mktemp("csv") / "t.csv"
    write_frame(pd.DataFrame({"t": texts}, dtype=object), out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    assert [r[0] if r else "" for r in rows[1:]] == [neutralize(t) for t in texts]
    for cell, original in zip((r[0] if r else "" for r in rows[1:]), texts):
        # Either untouched, or exactly one quote added to a dangerous text.
        assert cell == original or (cell == "'" + original and original[0] in DANGEROUS)
        assert not cell or cell[0] not in DANGEROUS or _is_plain_number(cell)


def _is_plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.strip() == text and text.lower().lstrip("+-")[:1].isdigit() or text.lstrip("+-").startswith(".")


@settings(max_examples=200)
@given(st.text(max_size=20))
def test_neutralize_never_leaves_a_formula_start(text):
    safe = neutralize(text)
    assert safe in (text, "'" + text)
    if safe and safe[0] in DANGEROUS:
        assert safe == text and _is_plain_number(text)


# -------------------------------------------------------------------------- JSON


def test_json_exact_numbers_dates_and_nulls(tmp_path):
    out = tmp_path / "rows.json"
    write_frame(hours_frame(), out)
    text = out.read_text(encoding="utf-8")
    assert "山田 太郎" in text  # not \u escaped
    rows = json.loads(text, parse_float=Decimal)
    assert len(rows) == 4
    assert rows[0] == {
        "date": "2026-10-01", "month": "2026-10", "person": "山田 太郎", "project": "PJ001",
        "task": "設計", "hours": Decimal("7.5"), "amount": 12000,
        "source_file": "工数_2026年10月.xlsx", "source_sheet": "10月", "source_row": 5,
    }
    assert isinstance(rows[0]["amount"], int)  # integer yen stays an integer
    assert rows[1]["hours"] is None and rows[1]["amount"] == -2500
    assert rows[1]["person"] == "=HYPERLINK(\"http://evil\",\"x\")"  # JSON is data, not a sheet
    assert rows[2]["amount"] == Decimal("0.10") and rows[2]["task"] is None
    assert rows[3]["date"] is None and rows[3]["amount"] is None and rows[3]["source_row"] is None


def test_json_large_decimal_and_int64_exact():
    frame = pd.DataFrame(
        {"d": [Decimal("12345678901234567890.123")], "i": pd.array([2**62], dtype="Int64")}
    )
    assert frame_to_json(frame) == '[\n{"d": 12345678901234567890.123, "i": 4611686018427387904}\n]\n'


def test_json_empty_frame():
    assert frame_to_json(pd.DataFrame({"a": []})) == "[]\n"


def test_json_datetimes_with_time_keep_it():
    frame = pd.DataFrame({"ts": pd.to_datetime(["2026-10-01 09:30", None], format="%Y-%m-%d %H:%M"), "inf": [float("inf"), 1.0]})
    assert frame_to_json(frame) == (
        '[\n{"ts": "2026-10-01T09:30:00", "inf": null},\n{"ts": null, "inf": 1.0}\n]\n'
    )


# -------------------------------------------------------------------------- atomic output


def test_atomic_output_leaves_nothing_on_error(tmp_path):
    target = tmp_path / "report.xlsx"
    with pytest.raises(RuntimeError):
        with atomic_output(target) as tmp:
            tmp.write_bytes(b"half")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_atomic_output_keeps_old_file_on_error(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old")
    with pytest.raises(KeyboardInterrupt):
        with atomic_output(target, overwrite=True) as tmp:
            tmp.write_text("new")
            raise KeyboardInterrupt
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["rows.csv"]


def test_atomic_output_replaces_and_sets_normal_permissions(tmp_path):
    target = tmp_path / "rows.csv"
    target.write_text("old")
    with atomic_output(target, overwrite=True) as tmp:
        assert tmp.parent == tmp_path and tmp.name.startswith(".rows.csv.")
        tmp.write_text("new")
    assert target.read_text() == "new"
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask


def test_refuses_to_overwrite_an_input(tmp_path):
    source = tmp_path / "in.csv"
    source.write_text("keep")
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), source, inputs=[source])
    assert str(err.value) == f"{source} には書き出しません: 入力ファイルの1つです ({source})。別の出力ファイル名にしてください"
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), source, inputs=[source], lang="en")
    assert str(err.value) == (
        f"refusing to write {source}: it is one of the input files ({source}); choose another output name"
    )
    assert source.read_text() == "keep"


def test_refuses_an_input_through_symlink_and_hard_link(tmp_path):
    source = tmp_path / "in.xlsx"
    source.write_text("keep")
    link = tmp_path / "link.xlsx"
    link.symlink_to(source)
    hard = tmp_path / "hard.xlsx"
    os.link(source, hard)
    for target in (link, hard):
        with pytest.raises(OutputError, match="入力ファイルの1つです"):
            write_frame(pd.DataFrame({"a": [1]}), target, inputs=[source])
        with pytest.raises(OutputError, match="one of the input files"):
            XlsxReport(target, inputs=[source], lang="en")
    assert source.read_text() == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["hard.xlsx", "in.xlsx", "link.xlsx"]


def test_missing_folder_is_created_parents_too(tmp_path):
    target = tmp_path / "nope" / "deeper" / "r.csv"
    write_frame(pd.DataFrame({"a": [1]}), target)
    assert target.read_bytes() == b"\xef\xbb\xbfa\r\n1\r\n"
    assert [p.name for p in target.parent.iterdir()] == ["r.csv"]


def test_a_folder_that_cannot_be_made_is_one_clear_line(tmp_path):
    (tmp_path / "file").write_text("a file, not a folder")
    target = tmp_path / "file" / "sub" / "r.csv"
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), target)
    assert str(err.value) == f"{target} を書き出せません: フォルダ {target.parent} を作れません (途中にフォルダでないものがあります)"
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), target, lang="en")
    assert str(err.value) == (
        f"cannot write {target}: cannot create the folder {target.parent} (a part of the path is not a folder)"
    )


def test_unknown_suffix_names_the_allowed_ones(tmp_path):
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), tmp_path / "r.txt")
    assert str(err.value) == (
        f"cannot write {tmp_path / 'r.txt'}: unknown file type .txt "
        f"(use .csv, .json or .xlsx, or - for standard output)"
    )
    assert list(tmp_path.iterdir()) == []


def test_report_discarded_on_exception_leaves_nothing(tmp_path):
    target = tmp_path / "r.xlsx"
    with pytest.raises(ZeroDivisionError):
        with XlsxReport(target, constant_memory=True) as report:
            report.add_table("明細", hours_frame())
            1 / 0
    assert list(tmp_path.iterdir()) == []


# -------------------------------------------------------------------------- xlsx


def test_report_golden(tmp_path, update_golden):
    out = tmp_path / "report.xlsx"
    build_report(out)
    assert_golden(out, "report", update_golden)


def test_report_golden_english(tmp_path, update_golden):
    out = tmp_path / "report_en.xlsx"
    build_report(out, lang="en")
    assert_golden(out, "report_en", update_golden)


def test_report_constant_memory_golden(tmp_path, update_golden):
    out = tmp_path / "report_cm.xlsx"
    build_report(out, constant_memory=True)
    assert_golden(out, "report_cm", update_golden)


def test_constant_memory_cells_match_normal_mode(tmp_path):
    normal, streamed = tmp_path / "n.xlsx", tmp_path / "c.xlsx"
    frame = hours_frame()
    for path, cm in ((normal, False), (streamed, True)):
        with XlsxReport(path, constant_memory=cm) as report:
            report.highlight("明細", 1, "hours", "error")
            report.add_table("明細", frame)
    a, b = workbook_snapshot(normal)["明細"], workbook_snapshot(streamed)["明細"]
    # The streamed sheet is the same report: values, formats, colours, Table, panes.
    assert a == b
    assert a["tables"] == [("A1:J5", True)] and a["freeze"] == "A2"


def test_detail_cells_are_typed_and_never_formulas(tmp_path):
    out = tmp_path / "r.xlsx"
    with XlsxReport(out) as report:
        ref = report.add_table("明細", hours_frame(), formats={"amount": "yen"})
    assert (ref.first_row, ref.last_row, ref.header_row) == (1, 4, 0)
    assert ref.columns["hours"] == 5
    ws = openpyxl.load_workbook(out)["明細"]
    assert [c.value for c in ws[1]] == [
        "日付", "年月", "氏名", "案件", "作業", "時間", "金額", "元ファイル", "元シート", "元行"
    ]
    assert ws["C3"].value == "=HYPERLINK(\"http://evil\",\"x\")" and ws["C3"].data_type == "s"
    assert ws["D3"].value == "@SUM(A1)" and ws["D3"].data_type == "s"
    assert ws["C5"].value == "-5" and ws["C5"].data_type == "s"  # text stays text
    assert ws["A2"].value == dt.datetime(2026, 10, 1) and ws["A2"].number_format == "yyyy/mm/dd"
    assert ws["A5"].value is None
    assert ws["E3"].value is None and ws["E4"].value is None  # "" and None are blank
    assert ws["F2"].value == 7.5 and ws["F2"].number_format == "#,##0.00_ ;-#,##0.00_ "
    assert ws["F3"].value is None  # NaN → blank
    assert ws["G2"].value == 12000 and ws["G2"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ '
    assert ws["G3"].value == -2500 and ws["G4"].value == 0.1
    assert ws["J2"].value == 5 and ws["J2"].number_format == "0" and ws["J5"].value is None
    assert ws.freeze_panes == "A2"
    assert [t.ref for t in ws.tables.values()] == ["A1:J5"]
    # Full-width text counts double: the 元ファイル column is wider than its ASCII length.
    assert ws.column_dimensions["H"].width >= display_width("工数_2026年10月.xlsx") + 2


def test_summary_totals_are_formulas_with_cached_values(tmp_path):
    frame = pd.DataFrame(
        {"project": ["A", "A", "B"], "month": ["2026-10", "2026-11", "2026-10"], "hours": [1.5, 2.0, 4.25]}
    )
    pivot = frame.pivot_table(index="project", columns="month", values="hours", aggfunc="sum")
    out = tmp_path / "s.xlsx"
    with XlsxReport(out) as report:
        ref = report.add_summary("集計", pivot, title="工数", value_format="hours", chart="bar")
    assert (ref.first_row, ref.last_row) == (3, 4)
    wb = openpyxl.load_workbook(out)
    values = openpyxl.load_workbook(out, data_only=True)["集計"]
    ws = wb["集計"]
    assert [c.value for c in ws[3]] == ["案件", "2026-10", "2026-11", "合計"]
    assert ws["D4"].value == "=SUM(B4:C4)" and values["D4"].value == 3.5
    assert values["C5"].value is None  # no entry: blank, not 0
    assert [c.value for c in values[6]] == ["合計", 5.75, 2, 7.75]
    assert all(c.font.b for c in ws[6])
    assert ws["B6"].value == "=SUM(B4:B5)" and ws["B6"].number_format == '#,##0.00_ ;-#,##0.00_ ;"-"_ '
    assert ws.freeze_panes == "B4"
    assert len(ws._charts) == 1


def test_summary_with_two_index_levels_charts_first_level_totals(tmp_path):
    frame = pd.DataFrame(
        {"project": ["A", "A", "B"], "person": ["x", "y", "x"], "yen": [Decimal("100"), Decimal("250"), Decimal("7")]}
    )
    pivot = frame.groupby(["project", "person"])[["yen"]].sum()
    out = tmp_path / "s2.xlsx"
    with XlsxReport(out, lang="en") as report:
        report.add_summary("Summary", pivot, title=None, value_format="yen")
    values = openpyxl.load_workbook(out, data_only=True)["Summary"]
    rows = [[c.value for c in r] for r in values.iter_rows()]
    assert rows[:5] == [
        ["Project", "Person", "yen"], ["A", "x", 100], ["A", "y", 250], ["B", "x", 7], ["Total", None, 357]
    ]
    assert rows[6][:2] == ["Project", "Total"] and rows[7][:2] == ["A", 350] and rows[8][:2] == ["B", 7]


def test_issues_sheet_colours_errors(tmp_path):
    out = tmp_path / "i.xlsx"
    with XlsxReport(out) as report:
        report.add_issues(sample_issues())
    ws = openpyxl.load_workbook(out)["問題一覧"]
    assert [c.value for c in ws[1]] == ["重要度", "範囲", "内容", "元ファイル", "元シート", "元行", "列", "値", "コード"]
    assert ws["A3"].value == "エラー" and _colour(ws["A3"]) == "FFFFC7CE" and _colour(ws["I3"]) == "FFFFC7CE"
    assert ws["H3"].value == "=1+1" and ws["H3"].data_type == "s"
    assert ws["A4"].value == "警告" and _colour(ws["C4"]) == "FFFFEB9C"
    assert ws["A2"].value == "情報" and _colour(ws["A2"]) is None
    assert ws["C2"].value == "合計行(合計/小計)のためデータではありません"


def test_no_issues_is_an_empty_table_under_a_line_saying_so(tmp_path):
    # on paper a bare header row reads as a page that failed to print: the sheet says there are none
    out = tmp_path / "i.xlsx"
    with XlsxReport(out, lang="en") as report:
        report.add_issues([])
    with XlsxReport(tmp_path / "ja.xlsx") as report:
        report.add_issues([])
    ws = openpyxl.load_workbook(out)["Issues"]
    assert ws["A1"].value == "No issues" and ws["A1"].font.b
    assert [c.value for c in ws[3]][:3] == ["Severity", "Scope", "Message"]
    assert [t.ref for t in ws.tables.values()] == ["A3:I4"] and ws.max_row <= 4
    assert openpyxl.load_workbook(tmp_path / "ja.xlsx")["問題一覧"]["A1"].value == "問題はありません"


def test_highlight_after_write_in_constant_memory_is_refused(tmp_path):
    with XlsxReport(tmp_path / "r.xlsx", constant_memory=True) as report:
        report.add_table("明細", hours_frame())
        with pytest.raises(ValueError, match="before add_table"):
            report.highlight("明細", 0, "hours")


@pytest.mark.parametrize("constant_memory", [False, True])
@pytest.mark.parametrize("lang, marker", [("ja", "…(以下省略: 全 40,000 文字)"), ("en", "…(cut: 40,000 characters in all)")])
def test_too_long_text_is_cut_with_a_visible_marker(tmp_path, constant_memory, lang, marker):
    """Issue 18.5: one cell longer than Excel holds no longer costs the report; the cut is said in the cell."""
    target = tmp_path / "r.xlsx"
    with XlsxReport(target, lang=lang, constant_memory=constant_memory) as report:
        report.add_table("明細", pd.DataFrame({"t": ["ok", "x" * 40_000], "n": [1, 2]}))
    cells = [row for row in openpyxl.load_workbook(target).worksheets[0].iter_rows(values_only=True)]
    assert cells[1] == ("ok", 1)
    cut, n = cells[2]
    assert n == 2 and len(cut) == 32_767 and cut == "x" * (32_767 - len(marker)) + marker
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.xlsx"]


def test_write_frame_xlsx_single_sheet(tmp_path):
    out = tmp_path / "rows.xlsx"
    write_frame(hours_frame(), out, lang="en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Detail"]
    assert wb["Detail"]["C1"].value == "Person"


def test_sheet_names_are_legal_and_unique(tmp_path):
    assert safe_sheet_name("a/b:c*d?e[f]g\\h") == "a_b_c_d_e_f_g_h"
    assert safe_sheet_name("'quoted'") == "quoted"
    assert safe_sheet_name("History") == "History_"
    assert safe_sheet_name("") == "Sheet"
    assert safe_sheet_name("明" * 40, taken=["明" * 31]) == "明" * 27 + " (2)"
    out = tmp_path / "n.xlsx"
    with XlsxReport(out) as report:
        report.add_table("2026/10 案件別の作業時間と金額の一覧(全部署・全案件)", pd.DataFrame({"a": [1]}))
    (name,) = openpyxl.load_workbook(out).sheetnames
    assert len(name) == 31 and "/" not in name


def test_duplicate_headings_are_made_unique(tmp_path):
    out = tmp_path / "d.xlsx"
    frame = pd.DataFrame([[1, 2]], columns=["hours", "hours"])
    with XlsxReport(out) as report:
        report.add_table("明細", frame)
    ws = openpyxl.load_workbook(out)["明細"]
    assert [c.value for c in ws[1]] == ["時間", "時間 (2)"]


def test_display_width_counts_full_width_as_two():
    assert display_width("ABC") == 3
    assert display_width("ＡＢＣ") == 6
    assert display_width("工数ｶﾅ") == 6


def tricky_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "text": ["  lead", "trail ", "a&b<c>\"d'", "ctl\x01x", "_x0041_", "😀 絵文字", "改行\nあり", "\u3000全角"],
            "mixed": [Decimal("1.5"), "x", True, dt.date(1899, 1, 1), dt.datetime(1900, 2, 28, 12), None, 3, dt.time(7, 30)],
            "flag": [True, False, True, False, True, False, True, False],
            "ts": pd.to_datetime(["1900-01-01", "1900-03-01", None, "2026-10-01 09:30", "9999-12-31",
                                  "2026-01-01", "2026-01-02", "2026-01-03"], format="ISO8601"),
            "n": pd.array([1, None, -3, 4, 5, 6, 7, 2**53], dtype="Int64"),
        }
    )


def test_constant_memory_stream_matches_xlsxwriter_on_tricky_cells(tmp_path):
    normal, streamed = tmp_path / "n.xlsx", tmp_path / "c.xlsx"
    for path, cm in ((normal, False), (streamed, True)):
        with XlsxReport(path, constant_memory=cm) as report:
            report.highlight("明細", 0, "text", "info")
            report.highlight("明細", 5, "mixed", "warning")  # a blank cell, coloured
            report.add_table("明細", tricky_frame())
    a, b = workbook_snapshot(normal)["明細"], workbook_snapshot(streamed)["明細"]
    assert a == b
    ws = openpyxl.load_workbook(streamed)["明細"]
    expected = tricky_frame()["text"].tolist()
    expected[3] = "ctl_x0001_x"  # Excel's escape for a control character; openpyxl leaves it as is
    assert [ws.cell(r, 1).value for r in range(2, 10)] == expected
    assert ws["B7"].value is None and _colour(ws["B7"]) == "FFFFEB9C"
    assert ws["B5"].value == "1899-01-01"  # Excel has no date before 1900: kept as text
    assert ws["C2"].value is True and ws["C3"].value is False


def test_constant_memory_large_sheet_in_chunks(tmp_path, monkeypatch):
    from ledgerkit.reports import xlsx_sheet

    monkeypatch.setattr(xlsx_sheet, "ROW_CHUNK", 100)
    n = xlsx_sheet.ROW_CHUNK * 2 + 7
    frame = pd.DataFrame({"person": ["山田", "佐藤"] * (n // 2) + ["鈴木"] * (n % 2), "hours": range(n)})
    out = tmp_path / "big.xlsx"
    with XlsxReport(out, constant_memory=True) as report:
        report.highlight("明細", n - 1, "hours", "error")
        ref = report.add_table("明細", frame)
    assert ref.last_row == n
    ws = openpyxl.load_workbook(out, read_only=True)["明細"]
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == n + 1
    assert rows[1] == ("山田", 0) and rows[-1] == ("鈴木", n - 1)
    assert sum(r[1] for r in rows[1:]) == sum(range(n))


def test_highlight_whole_row_after_write(tmp_path):
    out = tmp_path / "r.xlsx"
    with XlsxReport(out) as report:
        report.add_table("明細", hours_frame())
        report.highlight("明細", 2, None, "warning")
    ws = openpyxl.load_workbook(out)["明細"]
    assert [_colour(c) for c in ws[4]] == ["FFFFEB9C"] * 10
    assert ws["E4"].value is None and ws["C4"].value == "佐藤 花子"  # values kept
    assert _colour(ws["A3"]) is None


def test_highlight_of_a_sheet_never_added_is_an_error(tmp_path):
    report = XlsxReport(tmp_path / "r.xlsx")
    report.highlight("明細 typo", 0, "hours")
    with pytest.raises(ValueError, match="never added: 明細 typo"):
        report.close()
    assert list(tmp_path.iterdir()) == []


def test_summary_without_totals_charts_the_first_value_column(tmp_path):
    pivot = pd.DataFrame({"project": ["A", "B"], "x": [1, 2], "y": [10, 20]})
    out = tmp_path / "s.xlsx"
    with XlsxReport(out, lang="en") as report:
        ref = report.add_summary("Summary", pivot, value_format="int", totals=False)
    assert ref.columns == {"project": 0, "x": 1, "y": 2}
    ws = openpyxl.load_workbook(out)["Summary"]
    assert [[c.value for c in r] for r in ws.iter_rows()] == [["Project", "x", "y"], ["A", 1, 10], ["B", 2, 20]]
    assert len(ws._charts) == 1


def test_formats_inferred_from_values_not_just_the_first_rows(tmp_path):
    n = 250
    frame = pd.DataFrame(
        {
            "late_yen": [None] * n + [Decimal("1200")],
            "note": ["x"] * n + [5],
            "code": ["001"] * (n + 1),
        }
    )
    out = tmp_path / "k.xlsx"
    with XlsxReport(out) as report:
        report.add_table("明細", frame)
    ws = openpyxl.load_workbook(out)["明細"]
    last = n + 2
    assert ws[f"A{last}"].value == 1200 and ws[f"A{last}"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ '
    assert ws[f"B{last}"].value == 5 and ws[f"B{last}"].data_type == "n"  # a number stays a number
    assert ws["B2"].value == "x"
    assert ws[f"C{last}"].value == "001" and ws[f"C{last}"].data_type == "s"  # codes keep zeros


def test_unknown_format_kind_is_a_clear_error(tmp_path):
    report = XlsxReport(tmp_path / "r.xlsx")
    with pytest.raises(ValueError, match="unknown format 'money' for column 'a'"):
        report.add_table("明細", pd.DataFrame({"a": [1]}), formats={"a": "money"})
    report.discard()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("cm", [False, True])
def test_table_with_title_above(tmp_path, cm):
    out = tmp_path / "t.xlsx"
    with XlsxReport(out, constant_memory=cm) as report:
        ref = report.add_table("明細", pd.DataFrame({"person": ["山田"], "hours": [7.5]}), title="10月 明細")
    assert (ref.header_row, ref.first_row, ref.last_row) == (2, 3, 3)
    ws = openpyxl.load_workbook(out)["明細"]
    assert ws["A1"].value == "10月 明細" and ws["A1"].font.b and ws["A1"].font.sz == 14
    assert [c.value for c in ws[3]] == ["氏名", "時間"] and ws["B4"].value == 7.5
    assert [t.ref for t in ws.tables.values()] == ["A3:B4"] and ws.freeze_panes == "A4"


def test_too_many_rows_for_a_sheet_is_refused_before_writing(tmp_path, monkeypatch):
    from ledgerkit.reports import xlsx_tables

    monkeypatch.setattr(xlsx_tables, "MAX_ROWS", 10)
    with pytest.raises(OutputError, match=r"10 rows do not fit in one Excel sheet \(at most 9\); write .csv instead"):
        with XlsxReport(tmp_path / "r.xlsx") as report:
            report.add_table("明細", pd.DataFrame({"a": range(10)}))
    assert list(tmp_path.iterdir()) == []


def test_report_is_marked_as_written_by_ledgerkit(tmp_path):
    from ledgerkit.intake.files import REPORT_MARK

    out = tmp_path / "r.xlsx"
    write_frame(pd.DataFrame({"a": [1]}), out)
    props = openpyxl.load_workbook(out).properties
    assert props.creator == "ledgerkit" and props.description == REPORT_MARK


def test_xlsx_report_needs_xlsx_name(tmp_path):
    with pytest.raises(OutputError, match=r"Excel のレポートには .xlsx のファイル名が必要です"):
        XlsxReport(tmp_path / "r.xlsm")
    with pytest.raises(OutputError, match=r"an Excel report needs a .xlsx file name"):
        XlsxReport(tmp_path / "r.xlsm", lang="en")


def test_replace_refused_by_the_system_is_one_line_and_leaves_no_temp(tmp_path, monkeypatch):
    target = tmp_path / "r.csv"
    target.write_text("old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError) as err:
        write_frame(pd.DataFrame({"a": [1]}), target, lang="en", overwrite=True)
    assert str(err.value) == (
        f"cannot write {target}: permission denied or the file is open in another program "
        f"(close it in Excel and try again)"
    )
    assert [p.name for p in tmp_path.iterdir()] == ["r.csv"] and target.read_text() == "old"


def test_closed_stdout_is_an_output_error(monkeypatch):
    class Closed(io.BytesIO):
        def write(self, data):
            raise BrokenPipeError(32, "Broken pipe")

    stream = io.TextIOWrapper(Closed(), encoding="utf-8")
    monkeypatch.setattr("sys.stdout", stream)
    with pytest.raises(OutputError, match="standard output was closed before all rows were written"):
        write_frame(pd.DataFrame({"a": range(10)}), "-")


_json_values = st.one_of(
    st.none(),
    st.integers(min_value=-(10**18), max_value=10**18),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-(10**12), max_value=10**12),
    st.text(max_size=10),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_json_values, _json_values), min_size=1, max_size=6))
def test_json_round_trips_exactly(rows):
    frame = pd.DataFrame(rows, columns=["a", "b"], dtype=object)
    back = json.loads(frame_to_json(frame), parse_float=Decimal)
    assert [(r["a"], r["b"]) for r in back] == rows
    for (a, _), r in zip(rows, back):
        assert type(r["a"]) is type(a) or isinstance(a, Decimal)  # ints stay ints


_printable = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"),
    min_size=1, max_size=15,
)


@settings(max_examples=15, deadline=None)
@given(st.lists(_printable, min_size=1, max_size=8))
def test_xlsx_text_round_trips_through_the_streamed_path(tmp_path_factory, texts):
    folder = tmp_path_factory.mktemp("x")
    for cm in (True,):
        out = folder / f"t{int(cm)}.xlsx"
        with XlsxReport(out, constant_memory=cm) as report:
            report.add_table("明細", pd.DataFrame({"t": texts}, dtype=object), formats={"t": "text"})
        ws = openpyxl.load_workbook(out)["明細"]
        got = [ws.cell(r, 1).value for r in range(2, len(texts) + 2)]
        assert got == texts
        assert all(ws.cell(r, 1).data_type == "s" for r in range(2, len(texts) + 2))


def test_constant_memory_temp_files_removed_when_report_is_dropped(tmp_path, monkeypatch):
    import gc
    import tempfile

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    report = XlsxReport(out / "r.xlsx", constant_memory=True)
    report.add_table("明細", hours_frame())
    # xlsxwriter's row file for the sheet, in a hidden folder beside the report (issue 18.10), not in $TMPDIR
    [working] = out.iterdir()
    assert working.name.startswith(".r.xlsx.") and working.name.endswith(".tmp") and list(working.iterdir())
    assert list(scratch.iterdir()) == []
    del report
    gc.collect()
    assert list(out.iterdir()) == [] and list(scratch.iterdir()) == []


def test_suffix_is_case_insensitive_and_json_takes_headings(tmp_path):
    out = tmp_path / "ROWS.JSON"
    write_frame(pd.DataFrame({"person": ["山田"], "hours": [7.5]}), str(out), headings={"person": "氏名"})
    assert json.loads(out.read_text(encoding="utf-8")) == [{"氏名": "山田", "hours": 7.5}]
    csv_out = tmp_path / "rows.CSV"
    write_frame(pd.DataFrame({"a": [1]}), csv_out)
    assert csv_out.read_bytes() == b"\xef\xbb\xbfa\r\n1\r\n"


def test_empty_frame_writes_headers_only(tmp_path):
    frame = pd.DataFrame({"person": pd.Series([], dtype=object), "hours": pd.Series([], dtype=float)})
    write_frame(frame, tmp_path / "e.csv")
    assert (tmp_path / "e.csv").read_bytes() == b"\xef\xbb\xbfperson,hours\r\n"
    write_frame(frame, tmp_path / "e.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx")["明細"]
    assert [c.value for c in ws[1]] == ["氏名", "時間"] and ws.max_row <= 2
    assert [t.ref for t in ws.tables.values()] == ["A1:B2"]


def _chart_xml(path: Path) -> str:
    import zipfile

    with zipfile.ZipFile(path) as z:
        return z.read("xl/charts/chart1.xml").decode("utf-8")


@pytest.mark.parametrize("chart", ["column", "bar"])
def test_summary_chart_axes_name_the_categories_and_the_hours_unit_from_zero(tmp_path, chart):
    pivot = pd.DataFrame({"project": ["A-1001", "0012"], "hours": [464.5, 12.5]})
    out = tmp_path / "h.xlsx"
    with XlsxReport(out) as report:
        report.add_summary("集計", pivot, title="工数集計 2026年10月", value_format="hours", chart=chart)
    xml = _chart_xml(out)
    assert "<a:t>時間 (h)</a:t>" in xml and "<a:t>案件</a:t>" in xml
    assert '<c:min val="0"/>' in xml  # an amount's axis starts at zero
    en = tmp_path / "h_en.xlsx"
    with XlsxReport(en, lang="en") as report:
        report.add_summary("Summary", pivot, value_format="hours", chart=chart)
    assert "<a:t>Hours (h)</a:t>" in _chart_xml(en) and "<a:t>Project</a:t>" in _chart_xml(en)


def test_summary_chart_of_yen_names_no_unit_beside_its_yen_ticks(tmp_path):
    pivot = pd.DataFrame({"branch": ["東京", "大阪"], "sales": [Decimal("3735000"), Decimal("2573000")]})
    out = tmp_path / "y.xlsx"
    with XlsxReport(out) as report:
        report.add_summary("集計", pivot, index=["branch"], value_format="yen", headings={"branch": "支店", "sales": "売上"})
    xml = _chart_xml(out)
    assert "<a:t>支店</a:t>" in xml and 'formatCode="&quot;¥&quot;#,##0"' in xml and "時間" not in xml
