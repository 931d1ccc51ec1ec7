"""The streaming xlsx path (ledgerkit.reports.xlsx_stream) against xlsxwriter's public API.

The streamed sheet is written as XML through xlsxwriter internals; the normal sheet cell by
cell with ``write_string`` / ``write_number`` / ``write_boolean``. The same frame written both
ways must read back (openpyxl) as the same cells: values, types and number formats, and the
same table, widths, highlights and frozen header. Run this after any xlsxwriter upgrade.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest
from golden import workbook_snapshot

from ledgerkit.reports import xlsx_sheet
from ledgerkit.reports.xlsx_report import XlsxReport

LONG_TEXT = "長い備考。" * 2000  # 10,000 characters: well past a row of XML, under Excel's limit
FORMULA_LIKE = ["=SUM(A1:A9)", "+81 3 1234", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\",\"y\")", "-2+3"]


def comparison_frame(n: int) -> pd.DataFrame:
    """``n`` rows of every kind of cell a ledgerkit report holds, blanks among them."""
    base = dt.date(2026, 4, 1)
    rows = range(n)
    return pd.DataFrame(
        {
            "date": [None if i % 17 == 3 else base + dt.timedelta(days=i % 400) for i in rows],
            "start": pd.to_datetime(
                [None if i % 13 == 5 else dt.datetime(2026, 4, 1, 9, 0) + dt.timedelta(minutes=37 * i) for i in rows]
            ),
            "clock_in": [None if i % 11 == 7 else dt.time(8 + i % 10, (7 * i) % 60) for i in rows],
            "break": pd.to_timedelta([None if i % 9 == 2 else f"{i % 3}:{(5 * i) % 60:02d}:00" for i in rows]),
            "hours": [float("nan") if i % 19 == 4 else round(0.25 * (i % 40) - 1.5, 2) for i in rows],
            "amount": [None if i % 23 == 6 else Decimal(1000 * i - 50_000) for i in rows],
            "tax": pd.array([None if i % 29 == 8 else 100 * i for i in rows], dtype="Int64"),
            "tax_rate": [Decimal("0.10") if i % 2 else Decimal("0.08") for i in rows],
            "person": [["山田 太郎", "佐藤 花子", "", None, "鈴木"][i % 5] for i in rows],
            "note": [
                LONG_TEXT if i % 500 == 1 else FORMULA_LIKE[i // 3 % len(FORMULA_LIKE)] if i % 3 == 0 else None
                for i in rows
            ],
            "mixed": [[Decimal("1.5"), "x", True, dt.date(2026, 1, 2), None, 3, "=1+1"][i % 7] for i in rows],
            "approved": [i % 4 == 0 for i in rows],
            "source_row": pd.array([None if i % 31 == 9 else i + 5 for i in rows], dtype="Int64"),
        }
    )


FORMATS = {"tax_rate": "percent", "clock_in": "time"}


def write_both(tmp_path, frame, **add_table):
    """The frame written through the public API (normal mode) and streamed (constant memory)."""
    normal, streamed = tmp_path / "normal.xlsx", tmp_path / "streamed.xlsx"
    for path, cm in ((normal, False), (streamed, True)):
        with XlsxReport(path, constant_memory=cm) as report:
            report.highlight("明細", 2, "hours", "error")
            report.highlight("明細", 3, "note", "warning")  # a blank cell, coloured
            report.add_table("明細", frame, formats=FORMATS, **add_table)
    return normal, streamed


def cells(path) -> list[tuple]:
    ws = openpyxl.load_workbook(path)["明細"]
    return [
        (c.coordinate, c.value, c.data_type, c.number_format)
        for row in ws.iter_rows()
        for c in row
        if c.value is not None or c.has_style
    ]


@pytest.mark.parametrize("chunk", [20_000, 500])
def test_streamed_sheet_has_the_cells_of_the_public_api(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(xlsx_sheet, "ROW_CHUNK", chunk)
    n = 1_503
    normal, streamed = write_both(tmp_path, comparison_frame(n))
    a, b = cells(normal), cells(streamed)
    assert len(a) > n * 8
    assert a == b
    assert workbook_snapshot(normal) == workbook_snapshot(streamed)  # fills, bold, widths, table, panes


def test_what_the_compared_cells_hold(tmp_path):
    """The comparison is only worth something if the cells are the ones meant."""
    _, streamed = write_both(tmp_path, comparison_frame(40), title="2026年4月 明細")
    ws = openpyxl.load_workbook(streamed)["明細"]
    header = [c.value for c in ws[3]]
    assert header[:6] == ["日付", "開始", "clock_in", "break", "時間", "金額"]
    first = {h: c for h, c in zip(header, ws[4])}
    assert first["日付"].value == dt.datetime(2026, 4, 1) and first["日付"].number_format == "yyyy/mm/dd"
    assert first["開始"].number_format == "yyyy/mm/dd hh:mm"
    assert first["clock_in"].value == dt.time(8, 0) and first["clock_in"].number_format == "hh:mm"
    assert first["break"].number_format == "[h]:mm"
    assert first["時間"].value == -1.5 and first["時間"].number_format == "#,##0.00_ ;-#,##0.00_ "
    assert first["金額"].value == -50_000 and first["金額"].number_format == '"¥"#,##0_ ;-"¥"#,##0_ '
    assert first["税率"].value == 0.08 and first["税率"].number_format == "0.0%"
    assert first["元行"].value == 5 and first["元行"].number_format == "0"
    assert first["備考"].value == "=SUM(A1:A9)" and first["備考"].data_type == "s"  # text, never a formula
    notes = [ws.cell(r, header.index("備考") + 1).value for r in range(4, 44)]
    assert LONG_TEXT in notes and "-5" in notes and "@SUM(A1)" in notes
    persons = [ws.cell(r, header.index("氏名") + 1).value for r in range(4, 9)]
    assert persons == ["山田 太郎", "佐藤 花子", None, None, "鈴木"]  # empty text is a blank cell
