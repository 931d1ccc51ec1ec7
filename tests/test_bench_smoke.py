"""The benchmark's generator at a tiny size: ledgerkit must consolidate exactly its truth.

The benchmark itself (bench/run.py) is not run in tests; this checks that the corpora
it times are read right: hours per project, rows consolidated, rows rejected.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

import ledgerkit

BENCH = Path(__file__).resolve().parent.parent / "bench"


@pytest.fixture(scope="module")
def generate():
    spec = importlib.util.spec_from_file_location("bench_generate", BENCH / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate"] = module
    spec.loader.exec_module(module)
    return module


def _check(result, truth: dict) -> None:
    frame = result.frame
    got = {k: round(v, 6) for k, v in frame.groupby("project")["hours"].sum().items()}
    want = {k: round(v, 6) for k, v in truth["hours_by_project"].items()}
    assert got == want
    assert len(frame) == truth["rows_consolidated"]
    assert result.stats.rows_consolidated == truth["rows_consolidated"]
    assert result.stats.rows_rejected == truth["rows_rejected"]
    assert result.stats.balanced
    rejected = [i for i in result.issues if i.rejected]
    assert len(rejected) == truth["rows_rejected"]
    assert {i.code for i in rejected} <= {"bad_cell"}


def test_monthly_files_match_truth(tmp_path, generate):
    truth = generate.write_truth(generate.generate_a(tmp_path / "a", files=3, sheets=2, rows=400, seed=7), tmp_path / "a.json")
    assert truth["rows_rejected"] >= 0 and truth["rows_consolidated"] > 0
    result = ledgerkit.aggregate(tmp_path / "a", jobs=2)
    _check(result, truth)
    assert result.stats.files_read == 3 and result.stats.sheets_read == 6
    # each sheet's 合計 row is reported, not counted
    assert sum(1 for i in result.issues if i.code == "total_row") == 6


def test_one_long_sheet_matches_truth(tmp_path, generate):
    truth = generate.write_truth(generate.generate_one_sheet(tmp_path / "b", "big.xlsx", 3000, seed=11), tmp_path / "b.json")
    assert truth["rows_consolidated"] + truth["rows_rejected"] == 3000 - generate.TOP_ROWS - 1
    _check(ledgerkit.aggregate(tmp_path / "b" / "big.xlsx"), truth)


def test_generator_is_deterministic(tmp_path, generate):
    one = generate.generate_one_sheet(tmp_path / "x", "s.xlsx", 200, seed=5)
    two = generate.generate_one_sheet(tmp_path / "y", "s.xlsx", 200, seed=5)
    assert dict(one["hours"]) == dict(two["hours"]) and one["rows_rejected"] == two["rows_rejected"]
