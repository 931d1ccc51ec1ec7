"""A formula saved without its result (openpyxl never stores one) is read as an empty cell by
calamine: it is never silently blank — each such cell is an error naming the file, the sheet,
the Excel cell and the formula, through ``ledgerkit.aggregate`` and the CLI."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from sheets import make_xlsx
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.intake.formulas import sheet_parts, unsaved_formulas
from ledgerkit.intake.read import read_workbook

runner = CliRunner()


def openpyxl_hours(path: Path) -> Path:
    """An 工数 list whose 工数 of row 4 is a formula; openpyxl saves it with no value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "10月"
    ws.append(["日付", "氏名", "案件", "工数", "予定"])
    ws.append(["2026/10/01", "山田", "A-1", 7.5, 4])
    ws.append(["2026/10/02", "山田", "A-1", 6, 4])
    ws.append(["2026/10/03", "山田", "A-1", "=E4*2", 4])
    wb.save(path)
    return path


def test_reader_marks_the_cell_and_the_formula(tmp_path):
    book = read_workbook(openpyxl_hours(tmp_path / "h.xlsx"))
    sheet = book.sheet("10月")
    assert sheet.rows[3][3] == ""  # what calamine gives: the reason for the finding
    assert sheet.unsaved.total == 1
    assert sheet.unsaved.cells == (("D4", 3, 3, "=E4*2"),)


def test_excel_style_cached_values_and_empty_text_results_are_not_flagged(tmp_path):
    # what Excel writes: the result beside the formula; ="" saved as t="str" with an empty value
    path = make_xlsx(tmp_path / "plain.xlsx", {"s": [["a", "b"], [1, 2]]})
    _rewrite_sheet(path, '<c r="A3"><f>A2+B2</f><v>3</v></c>'
                         '<c r="B3" t="str"><f>IF(A2&gt;5,"x","")</f><v></v></c>'
                         '<c r="C3"><f t="shared" ref="C3:C4" si="0">A2*2</f></c>'
                         '<c r="C4"><f t="shared" si="0"/></c>')
    z = zipfile.ZipFile(path)
    found = unsaved_formulas(z, sheet_parts(z)["s"])
    # only the shared formula's two cells lack a result; the child shows its master's formula
    assert found.cells == (("C3", 2, 2, "=A2*2"), ("C4", 3, 2, "=A2*2"))
    book = read_workbook(path)
    assert book.sheet("s").rows[2][:2] == [3.0, ""]
    assert [c[0] for c in book.sheet("s").unsaved.cells] == ["C3", "C4"]


def test_a_formula_split_across_chunks_is_found(tmp_path, monkeypatch):
    import ledgerkit.intake.formulas as formulas

    path = make_xlsx(tmp_path / "many.xlsx", {"s": [["n"]] + [[i] for i in range(2000)]})
    _rewrite_sheet(path, '<c r="B2001"><f>SUM(A2:A2000)</f></c>')
    monkeypatch.setattr(formulas, "CHUNK", 97)  # rows cut at every odd place
    z = zipfile.ZipFile(path)
    found = unsaved_formulas(z, sheet_parts(z)["s"])
    assert found.cells == (("B2001", 2000, 1, "=SUM(A2:A2000)"),)


def test_many_cells_are_listed_up_to_the_limit_and_counted(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "s"
    for r in range(1, 251):
        ws.append([r, f"=A{r}*2"])
    wb.save(tmp_path / "f.xlsx")
    z = zipfile.ZipFile(tmp_path / "f.xlsx")
    found = unsaved_formulas(z, sheet_parts(z)["s"], limit=200)
    assert (found.total, len(found.cells), found.cells[-1][0]) == (250, 200, "B200")


@pytest.mark.parametrize("lang, expected", [
    ("ja", "セル D4 の数式 =E4*2 の計算結果が保存されていないため空欄として読みました (Excelで開いて保存し直してください)"),
    ("en", "cell D4: the result of the formula =E4*2 was not saved, so it was read as empty "
           "(open the file in Excel and save it again)"),
])
def test_aggregate_lists_the_cell_as_an_error(tmp_path, lang, expected):
    path = openpyxl_hours(tmp_path / "h.xlsx")
    config = ledgerkit.Config()
    config.data["report"]["lang"] = lang
    result = ledgerkit.aggregate([path], kind="hours", config=config)
    found = [i for i in result.issues if i.code == "formula_not_saved"]
    assert len(found) == 1
    i = found[0]
    assert (i.file, i.sheet, i.row, i.column, i.value, i.severity) == (str(path), "10月", 4, "D4", "=E4*2", "error")
    assert i.message(lang) == expected


def test_cli_prints_the_line_and_strict_exits_1(tmp_path):
    path = openpyxl_hours(tmp_path / "h.xlsx")
    result = runner.invoke(app, ["aggregate", str(path), "--kind", "hours"])
    assert result.exit_code == 0, result.output
    line = (f"  {path} / 10月 / 4行 / D4: セル D4 の数式 =E4*2 の計算結果が保存されていないため空欄として読みました "
            "(Excelで開いて保存し直してください)")
    assert line in result.output.splitlines()
    assert runner.invoke(app, ["aggregate", str(path), "--kind", "hours", "--strict"]).exit_code == 1
    en = runner.invoke(app, ["aggregate", str(path), "--kind", "hours", "--lang", "en"])
    assert (f"  {path} / 10月 / row 4 / D4: cell D4: the result of the formula =E4*2 was not saved, so it was read "
            "as empty (open the file in Excel and save it again)") in en.output.splitlines()


def test_report_issues_sheet_holds_the_formula_as_text(tmp_path):
    path = openpyxl_hours(tmp_path / "h.xlsx")
    out = tmp_path / "report.xlsx"
    assert runner.invoke(app, ["aggregate", str(path), "--kind", "hours", "-o", str(out)]).exit_code == 0
    ws = openpyxl.load_workbook(out)["問題一覧"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    hit = [r for r in rows if "D4" in r]
    assert len(hit) == 1 and ws.cell(1, 1).value is not None
    formula_cells = [c for r in ws.iter_rows() for c in r if c.data_type == "f"]
    assert formula_cells == []  # never a formula from a cell
    assert any(isinstance(v, str) and "E4*2" in v for v in hit[0])


def _rewrite_sheet(path: Path, extra_cells: str) -> None:
    """Add ``extra_cells`` (XML) in a row of their own at the end of the first sheet."""
    import re
    import shutil

    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode()
                row = int(re.search(r'<c r="[A-Z]+(\d+)"', extra_cells).group(1))
                text = re.sub(r"<dimension [^>]*/>", "", text)
                text = text.replace("</sheetData>", f'<row r="{row}">{extra_cells}</row></sheetData>')
                text = text.replace("<sheetData/>", f'<sheetData><row r="{row}">{extra_cells}</row></sheetData>')
                data = text.encode()
            dst.writestr(info, data)
    shutil.move(tmp, path)


def test_formula_cells_outside_the_rows_read_are_one_warning_per_sheet(tmp_path):
    # a template saved by openpyxl: 曜日 formulas on every day row, a day worked on two rows only,
    # and an empty month sheet of formulas. Only the rows read can have lost a figure: an error
    # each; the rest is one warning per sheet (a template had 1,159 errors for hours read right).
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "10月"
    ws.append(["日付", "曜日", "氏名", "案件", "工数"])
    ws.append(["2026/10/01", "=TEXT(A2,\"aaa\")", "山田", "A-1", 7.5])
    ws.append(["2026/10/02", "=TEXT(A3,\"aaa\")", "山田", "A-1", "=3+3"])
    for r in range(4, 14):
        ws.append(["", f"=TEXT(A{r},\"aaa\")", "", "", ""])
    empty = wb.create_sheet("11月")
    empty.append(["日付", "曜日", "氏名", "案件", "工数"])
    for r in range(2, 7):
        empty.append(["", f"=TEXT(A{r},\"aaa\")", "", "", ""])
    path = tmp_path / "工数.xlsx"
    wb.save(path)
    result = ledgerkit.aggregate([path], kind="hours")
    errors = [(i.sheet, i.column) for i in result.issues if i.code == "formula_not_saved"]
    assert errors == [("10月", "B2"), ("10月", "B3"), ("10月", "E3")]
    [row3] = [i for i in result.issues if i.rejected]  # its 工数 was the unsaved formula
    assert row3.row == 3
    warned = [(i.sheet, i.severity, i.message("ja")) for i in result.issues if i.code == "formula_not_saved_elsewhere"]
    assert warned == [
        ("10月", "warning", "データとして読んだ行の外に、計算結果が保存されていない数式セルが 10 個あります "
                            "(B4, B5, B6, B7, B8, B9, B10, B11 …)。集計には使っていませんが、Excelで開いて保存し直すと確実です"),
        ("11月", "warning", "データとして読んだ行の外に、計算結果が保存されていない数式セルが 5 個あります "
                            "(B2, B3, B4, B5, B6)。集計には使っていませんが、Excelで開いて保存し直すと確実です")]


def test_cells_past_the_listed_ones_are_not_said_to_be_unused():
    from ledgerkit.intake.formulas import UnsavedFormulas, unsaved_formula_issues

    unsaved = UnsavedFormulas(cells=(("B2", 1, 1, "=A2"), ("B9", 8, 1, "=A9")), total=5)
    issues = unsaved_formula_issues(unsaved, "f.xlsx", "s", rows_used={2})
    assert [(i.code, i.severity, i.params.get("n")) for i in issues] == [
        ("formula_not_saved", "error", None), ("formula_not_saved_elsewhere", "warning", "1"),
        ("formula_not_saved_more", "error", "3")]


def test_rows_used_reads_the_worker_s_columns_and_no_table_means_every_cell():
    # the rows used were read through SheetResult.frame, which built a DataFrame in the worker
    # (pandas imported there, a DataFrame pickled back); with no table found, every cell was
    # taken as outside the rows read (a warning) instead of an error each
    from ledgerkit.core.result import Columns, SheetResult
    from ledgerkit.intake.door import _rows_used

    kept = SheetResult(frame=Columns({"source_row": [2, 4], "hours": [1.0, 2.0]}, {"source_row": "int64"}))
    assert _rows_used(kept) == {2, 4}
    assert kept.columns is not None  # still the worker's columns, no frame built
    assert _rows_used(SheetResult()) is None
