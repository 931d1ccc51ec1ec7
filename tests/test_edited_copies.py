"""A copy saved "just in case" and edited afterwards (or the original edited after it): read, its
entries found in both counted once, and said — never silently taken for data of its own."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from sheets import make_xlsx
from typer.testing import CliRunner

import ledgerkit
from ledgerkit.cli.app import app
from ledgerkit.intake.files import original_stem

HEADER = ["日付", "氏名", "案件", "時間"]


def tanaka(path, hours_on_9th):
    rows = [HEADER] + [[dt.date(2026, 10, d), "田中", "PJ-101", 7.5] for d in range(1, 5)]
    rows.append([dt.date(2026, 10, 9), "田中", "PJ-101", hours_on_9th])
    return make_xlsx(path, {"10月分": rows})


@pytest.mark.parametrize("name", ["工数_田中 - コピー.xlsx", "コピー ～ 工数_田中.xlsx", "工数_田中 (2).xlsx",
                                  "工数_田中 - コピー (2).xlsx", "Copy of 工数_田中.xlsx", "工数_田中_bak.xlsx"])
def test_an_edited_copy_is_read_and_said(tmp_path, name):
    # the original corrected (有給 → 8:00) after the copy was made: the copy's stale cell is its
    # own error, and one warning says the file is a copy that differs from 工数_田中.xlsx
    tanaka(tmp_path / "工数_田中.xlsx", "8:00")
    tanaka(tmp_path / name, "有給")
    result = ledgerkit.aggregate([str(tmp_path)], jobs=1)
    [note] = [i for i in result.issues if i.code == "copy_differs"]
    assert (note.file, note.severity, note.params) == (str(tmp_path / name), "warning", {"original": "工数_田中.xlsx"})
    assert float(result.frame["hours"].sum()) == 38.0  # 4 × 7.5 + 8, the repeats once
    assert result.stats.files_read == 2 and result.stats.files_skipped == 0


def test_the_warning_on_the_terminal_and_in_english(tmp_path):
    tanaka(tmp_path / "工数_田中.xlsx", "8:00")
    tanaka(tmp_path / "工数_田中 - コピー.xlsx", "有給")
    runner = CliRunner()
    ja = runner.invoke(app, ["aggregate", str(tmp_path)])
    assert ja.exit_code == 0
    assert (f"  警告: {tmp_path}/工数_田中 - コピー.xlsx: 工数_田中.xlsx のコピーのようですが内容が違うため読みました "
            "(両方にある記入は一度だけ数えます)。古いコピーなら読む場所から外してください") in ja.output.splitlines()
    en = runner.invoke(app, ["aggregate", str(tmp_path), "--lang", "en"])
    assert ("looks like a copy of 工数_田中.xlsx but its content differs, so it was read (entries in both count "
            "once); move it out if it is an old copy") in en.output


def test_a_byte_identical_copy_is_still_skipped_and_a_lone_copy_is_plain_data(tmp_path):
    original = tanaka(tmp_path / "工数_田中.xlsx", "8:00")
    shutil.copy(original, tmp_path / "工数_田中 - コピー.xlsx")
    result = ledgerkit.aggregate([str(tmp_path)], jobs=1)
    assert [i.code for i in result.issues if i.scope == "file"] == ["duplicate_file"]
    # a copy whose original is not given (another folder, renamed) is read as it is, without a word
    alone = tmp_path / "alone"
    alone.mkdir()
    tanaka(alone / "工数_佐藤 - コピー.xlsx", "8:00")
    assert not [i for i in ledgerkit.aggregate([str(alone)], jobs=1).issues if i.code == "copy_differs"]


@pytest.mark.parametrize("stem, original", [
    ("工数_山田 - コピー", "工数_山田"), ("工数_山田 - コピー (3)", "工数_山田"), ("コピー ～ 工数_山田", "工数_山田"),
    ("工数_山田（1）", "工数_山田"), ("Copy of 工数_山田", "工数_山田"), ("工数_山田_old", "工数_山田"),
    ("工数_山田_控え", "工数_山田"), ("工数_山田", "工数_山田"), ("コピー", "コピー"),
])
def test_original_stem(stem, original):
    assert original_stem(stem) == original
