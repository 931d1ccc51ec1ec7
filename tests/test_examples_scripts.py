"""Every ad-hoc script in examples/ runs, opens with its CLI equivalent, and writes what it says."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import openpyxl
import pytest

EXAMPLES = Path(__file__).parent.parent / "examples"
# the make_*_examples.py generators rebuild the sample workbooks; they are not ad-hoc scripts
SCRIPTS = sorted(p for p in EXAMPLES.glob("*.py") if not p.name.startswith("make_"))


def test_there_are_scripts():
    assert {"hours_by_project.py", "check_invoices.py", "draft_ringi.py"} <= {p.name for p in SCRIPTS}


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_script_opens_with_the_equivalent_cli_command(script):
    opening = script.read_text(encoding="utf-8").splitlines()[:8]
    assert any(re.match(r"^(# CLI: |\s+)ledgerkit [a-z]", line) for line in opening), (
        f"{script.name} should open with the equivalent command ('# CLI: ledgerkit …')"
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_script_runs(script, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)  # outputs land in tmp_path/out, never in the repository
    runpy.run_path(str(script), run_name="__main__")
    printed = capsys.readouterr().out
    assert printed.strip(), f"{script.name} printed nothing"
    check = CHECKS.get(script.name)
    if check:
        check(tmp_path / "out", printed)


def _hours(out: Path, printed: str) -> None:
    # the command's report (issue 12: result.write): Summary by project × month, then a total column
    ws = openpyxl.load_workbook(out / "hours_by_project.xlsx").active
    rows = {r[0]: r[1:] for r in ws.iter_rows(min_row=2, values_only=True)}
    assert rows["A-1001"][:2] == (297, 167.5) and rows["0012"][:2] == (11.5, 1)
    assert "row 12: cannot read 工数: '午後半休'" in printed


def _invoices(out: Path, printed: str) -> None:
    # the report the command writes: findings, the invoices with the cells coloured, the issues
    assert openpyxl.load_workbook(out / "invoice_findings.xlsx").sheetnames == ["Findings", "Findings data", "By vendor", "Invoices", "Issues"]
    assert "7 errors, 1 warning" in printed
    assert "受領請求書一覧_2026年10月.xlsx / 10月受領分 / row 8: tax 12,000 does not match" in printed


def _ringi(out: Path, printed: str) -> None:
    assert len(list((out / "ringi").glob("*.md"))) == 4 and (out / "ringi" / "manifest.csv").exists()
    assert "['課長', '部長']" in printed and "['営業部 課長', '法務部', '経理部', '営業部長']" in printed


def _settings(out: Path, printed: str) -> None:
    assert "budget.warning = 0.75  (out/client-a/ledgerkit.toml:" in printed
    assert "fiscal_year.start_month = 4  (out/client-a/ledgerkit.toml:" in printed


def _meeting(out: Path, printed: str) -> None:
    assert printed.startswith("12/11 13:00-14:00  optional free: 3/3\n12/11 14:00-15:00  optional free: 3/3\n")
    assert "row 9 / 開始: cannot read start: '午前中'" in printed
    assert "　1. 12月11日(金) 13:00〜14:00" in (out / "日程調整.txt").read_text(encoding="utf-8")
    assert openpyxl.load_workbook(out / "slots.xlsx").sheetnames == ["候補日時", "予定", "問題一覧"]


def _urgent(out: Path, printed: str) -> None:
    assert printed.startswith("#6 監査法人からの追加資料依頼 → 鈴木 花子, done by 12/02 17:00\n")
    assert "now late: #9 11月分 請求書の発行 (20社) (鈴木 花子), due 12/03 12:00" in printed
    assert openpyxl.load_workbook(out / "board.xlsx").sheetnames == [
        "優先順位", "担当別", "期限リスク", "過負荷", "影響", "負荷", "問題一覧"]


def _sales(out: Path, printed: str) -> None:
    # a declared kind (examples/sales.toml) and one given as a dict: no Python reader for either
    ws = openpyxl.load_workbook(out / "sales_by_branch.xlsx")["集計"]
    rows = {r[0]: r[1:4] for r in ws.iter_rows(min_row=4, values_only=True)}
    assert rows["東京支店"] == (1850000, 1885000, "=SUM(B6:C6)") and rows["名古屋営業所"][:2] == (715000, 0)
    assert "error: 売上報告_名古屋営業所_2026年10月.csv / 売上報告_名古屋営業所_2026年10月 / row 3: cannot read 売上 as yen: '集計中'" in printed
    assert printed.rstrip().endswith("{'サービス': 44, '保守': 13, '商品': 151, '返品': 0}")


CHECKS = {
    "sales_by_branch.py": _sales,
    "urgent_request.py": _urgent,
    "propose_meeting.py": _meeting,
    "hours_by_project.py": _hours,
    "check_invoices.py": _invoices,
    "draft_ringi.py": _ringi,
    "project_settings.py": _settings,
}
