"""Reports on paper: the page set-up each sheet gets (ledgerkit.reports.printing), read back
from the workbook, and — where LibreOffice and poppler are installed (Debian packages
libreoffice-calc and poppler-utils) — the report printed to PDF and read page by page."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.reports.printing import (
    LANDSCAPE_PX, MIN_SCALE, PORTRAIT_PX, footer, narrow_columns, plan_page, row_heights, width_px,
)

from sheets import make_xlsx

HEADER = ["請求書番号", "取引先", "登録番号", "発行日", "税率", "税抜金額", "消費税", "税込金額"]


def many_findings(folder: Path, n: int = 60) -> Path:
    """An invoice list whose every row states a tax that does not match its amount."""
    rows = [[f"A-{i:03d}", f"取引先{i % 6}", "T8700110005901", "2026/10/01", "10%", 10_000 + i, 999, 10_999 + i]
            for i in range(n)]
    return make_xlsx(folder / "請求書一覧.xlsx", {"10月": [HEADER, *rows]})


def findings_report(tmp_path: Path) -> Path:
    out = tmp_path / "指摘 一覧.xlsx"
    result = CliRunner().invoke(app, ["check", "invoices", str(many_findings(tmp_path)), "--today", "2026-11-30",
                                      "-o", str(out)])
    assert result.exit_code == 1, result.output
    return out


def sheet_scale(ws) -> int:
    """The scale a sheet prints at as its page set-up says: fixed, or Excel's for one page wide."""
    if ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage:
        assert ws.page_setup.fitToWidth in (1, None) and ws.page_setup.fitToHeight == 0  # as many pages down as needed
        widths = [width_px(ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width or 8.43)
                  for c in range(1, ws.max_column + 1)]
        return min(100, LANDSCAPE_PX * 100 // sum(widths))
    return ws.page_setup.scale or 100


# --- the plan ------------------------------------------------------------------------------------------


def test_a_sheet_prints_upright_on_its_side_one_page_wide_or_at_70_percent():
    assert plan_page([PORTRAIT_PX]) == (False, False, 100, PORTRAIT_PX)
    assert plan_page([PORTRAIT_PX + 1]) == (True, False, 100, PORTRAIT_PX + 1)
    assert plan_page([LANDSCAPE_PX]) == (True, False, 100, LANDSCAPE_PX)
    # one page wide while Excel's scale stays at 70 % or more
    widest = LANDSCAPE_PX * 100 // MIN_SCALE
    fits = plan_page([widest])
    assert fits.fit_width and fits.printed_scale >= MIN_SCALE
    wider = plan_page([widest + 2])
    assert (wider.fit_width, wider.scale, wider.printed_scale) == (False, MIN_SCALE, MIN_SCALE)


def test_wide_text_columns_are_narrowed_to_their_floor_and_no_further():
    widths = narrow_columns([10, 120, 90], [False, True, True], [10, 30, 30], target_px=600)
    assert widths[0] == 10 and sum(width_px(w) for w in widths) <= 600
    assert narrow_columns([10, 120, 90], [False, True, True], [10, 60, 60], target_px=100) == [10, 60, 60]


def test_rows_grow_for_their_wrapped_lines():
    assert row_heights([["短い", "長" * 30, None]], [20]) == [None, 15 * 4 + 4, None]


def test_footer_is_the_date_page_n_of_m_and_the_sheet():
    assert footer(dt.date(2026, 12, 2)) == "&L作成日 2026/12/02&C&P / &N&R&A"


# --- the workbook's page set-up ---------------------------------------------------------------------------------


def test_a_wide_table_prints_at_70_percent_or_more_with_its_header_on_every_page(tmp_path):
    frame = pd.DataFrame({f"列{i}": ["ある程度長い説明の文章がここに入ります" * 2] * 80 for i in range(14)})
    frame.insert(0, "番号", range(80))
    out = tmp_path / "wide.xlsx"
    with XlsxReport(out) as report:
        report.add_table("明細", frame)
    ws = openpyxl.load_workbook(out)["明細"]
    assert (ws.page_setup.paperSize, ws.page_setup.orientation) == (9, "landscape")
    assert sheet_scale(ws) >= MIN_SCALE
    assert ws.print_title_rows == "$1:$1"
    if not ws.sheet_properties.pageSetUpPr.fitToPage:
        assert ws.print_title_cols == "$A:$A"  # pages across repeat what the row is
    # the long texts wrap, and their rows grow to show them
    assert ws["B2"].alignment.wrap_text and ws.row_dimensions[2].height >= 30


def test_every_sheet_of_the_findings_report_prints_legibly(tmp_path):
    wb = openpyxl.load_workbook(findings_report(tmp_path))
    assert wb.sheetnames == ["指摘一覧", "指摘データ", "取引先別", "請求書", "問題一覧"]
    for ws in wb:
        assert ws.page_setup.paperSize == 9, ws.title
        assert sheet_scale(ws) >= MIN_SCALE, ws.title
        assert ws.print_title_rows, ws.title
        assert ws.oddFooter.center.text == "&P / &N" and ws.oddFooter.left.text.startswith("作成日 "), ws.title
    first = wb["指摘一覧"]
    assert first.page_setup.orientation == "landscape" and first.print_title_rows == "$4:$4"
    # 60 wrong taxes (errors), and 5 vendors sharing 取引先0's 登録番号 (warnings)
    assert first.max_row == 4 + 65
    vendors = wb["取引先別"]
    assert [c.value for c in vendors[5]] == ["取引先1", 10, 1, 11, "A-001、A-007、A-013、A-019、A-025、A-031、A-037、"
                                              "A-043、A-049、A-055"]
    assert [vendors.cell(r, 1).value for r in range(5, 11)] == [f"取引先{i}" for i in (1, 2, 3, 4, 5, 0)]
    assert [vendors.cell(r, 2).value for r in range(5, 11)] == [10] * 6
    assert vendors["E5"].alignment.wrap_text


# --- printed ---------------------------------------------------------------------------------------------------


def _print_to_pdf(xlsx: Path, folder: Path) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice or not shutil.which("pdftotext") or not shutil.which("pdfinfo"):
        pytest.skip("LibreOffice (libreoffice-calc) and poppler-utils are needed to print a report")
    profile = folder / "lo-profile"  # its own profile: another LibreOffice running does not block this one
    subprocess.run([soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(xlsx)], check=True, capture_output=True, timeout=180)
    pdf = folder / (xlsx.stem + ".pdf")
    assert pdf.exists()
    return pdf


def _pages(pdf: Path) -> list[str]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    count = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return [subprocess.run(["pdftotext", "-layout", "-f", str(p), "-l", str(p), str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout for p in range(1, count + 1)]


@pytest.mark.slow
def test_the_findings_printed_repeat_their_header_on_every_page(tmp_path):
    pdf = _print_to_pdf(findings_report(tmp_path), tmp_path)
    pages = _pages(pdf)
    findings = [text for text in pages if text.rstrip().endswith("指摘一覧")]  # the footer names the sheet
    assert len(findings) >= 2  # 60 findings do not fit one page
    for n, text in enumerate(findings, 1):
        assert "重要度" in text and "取引先" in text and "正しい値" in text, f"page {n} has no header row"
        assert f"{n} / {len(pages)}" in text  # page N / M in the footer
    # every row of the findings is printed, none cut off at a page's edge
    printed = "\n".join(findings)
    assert all(f"A-{i:03d}" in printed for i in range(60))
    assert printed.count("税抜 10,000 円") == 1
    # A4 landscape: 842 × 595 points
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "1", str(pdf)], capture_output=True, text=True).stdout
    size = next(line for line in info.splitlines() if "size:" in line)
    assert "841.89 x 595." in size and "(A4)" in size, size
