"""English messages say the singular for a count of 1 (``1 error``, ``1 sheet``), never ``1 errors``:
``ledgerkit.core.messages.counted_nouns``, used by ``text`` for every English message."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from typer.testing import CliRunner

from ledgerkit.cli.app import app
from ledgerkit.core.messages import _EN_SINGULAR, MESSAGES, text
from sheets import make_xlsx

runner = CliRunner()

HEADER = ["日付", "氏名", "案件", "工数(h)"]


def _hours(path, bad: int):
    rows = [HEADER, [dt.date(2026, 10, 1), "山田", "A-1", 8]]
    rows += [[dt.date(2026, 10, 2 + i), "山田", "A-1", "未定"] for i in range(bad)]
    return make_xlsx(path, {"10月": rows})


@pytest.mark.parametrize(("bad", "said"), [(1, "issues: 1 error, 0 warnings, 0 notes"),
                                           (2, "issues: 2 errors, 0 warnings, 0 notes")])
def test_aggregate_counts_its_issues_in_english(tmp_path, bad, said):
    path = _hours(tmp_path / "h.xlsx", bad)
    r = runner.invoke(app, ["aggregate", str(path), "--lang", "en", "-o", str(tmp_path / "rows.csv")])
    assert r.exit_code == 0, r.output
    assert said in r.stderr.splitlines()


@pytest.mark.parametrize(("sheets", "said"), [(1, "(1 sheet: "), (2, "(2 sheets: ")])
def test_a_file_with_nothing_consolidated_counts_its_sheets(tmp_path, sheets, said):
    data = tmp_path / "data"
    data.mkdir()
    _hours(data / "good.xlsx", 0)
    make_xlsx(data / "empty.xlsx", {f"{m}月": [HEADER] for m in range(10, 10 + sheets)})
    r = runner.invoke(app, ["aggregate", str(data), "--lang", "en", "-o", str(tmp_path / "rows.csv")])
    assert r.exit_code == 0, r.output
    (line,) = [x for x in r.stderr.splitlines() if "not one row was consolidated" in x]
    assert said in line and ("sheets" in line) == (sheets > 1)


@pytest.mark.parametrize(("bad", "said"), [(1, "--strict: 1 error in the inputs (the figures may be incomplete)"),
                                           (2, "--strict: 2 errors in the inputs (the figures may be incomplete)")])
def test_budget_strict_counts_the_errors_in_english(tmp_path, bad, said):
    budget = make_xlsx(tmp_path / "b.xlsx", {"s": [["案件", "2026-10", "2026-11", "2026-12"],
                                                    ["A-1", 1_000_000, "未定", "未定" if bad > 1 else 10]]})
    hours = make_xlsx(tmp_path / "h.xlsx", {"s": [HEADER, [dt.date(2026, 10, 1), "山田", "A-1", 8]]})
    rates = make_xlsx(tmp_path / "r.xlsx", {"s": [["氏名", "単価"], ["山田", 5000]]})
    r = runner.invoke(app, ["budget", str(budget), "--hours", str(hours), "--rates", str(rates), "--strict",
                            "--lang", "en"])
    assert r.exit_code == 1, r.output
    assert r.stderr.strip().splitlines()[-1] == said


def test_text_words_each_counted_noun_by_its_count():
    assert text("issue_counts", "en", error=1, warning=2, info="1") == "issues: 1 error, 2 warnings, 1 note"
    assert text("input_nothing_to_read", "en", path="d", count=1, reasons="x") == "d: nothing to read — 1 file skipped (x)"
    assert text("input_nothing_to_read", "en", path="d", count=3, reasons="x") == "d: nothing to read — 3 files skipped (x)"
    assert text("rate_missing", "en", count=1, names="山田").startswith("1 person has hours but no rate: 山田")
    assert text("issue_counts", "ja", error=1, warning=2, info=1) == "問題: エラー 1 件, 警告 2 件, 情報 1 件"


_ONE_PLURAL = re.compile(r"(?<![\d.,])1 (?:" + "|".join(map(re.escape, _EN_SINGULAR)) + r"|[a-z]+\(s\))(?![\w-])")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_no_english_message_says_1_with_a_plural(code):
    # every parameter 1: whatever a template counts comes out singular
    template = MESSAGES[code][1]
    names = {m.group(1) for m in re.finditer(r"\{(\w+)", template)}
    said = text(code, "en", **{n: 1 for n in names})
    assert not _ONE_PLURAL.search(said), said
