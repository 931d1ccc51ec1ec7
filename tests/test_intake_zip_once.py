"""Issue 17, many small files: the door opens a workbook's zip once for every check.

The sniff, the zip-bomb and DTD check and the own-report seal share one ``zipfile.ZipFile``
(:func:`ledgerkit.intake.sniff.open_zip`); every refusal stays what it was when each check
opened the file itself. And the header lookup is made once per process (``Synonyms.of``).
"""

from __future__ import annotations

import zipfile

import pytest

from ledgerkit.config.loading import Config
from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.core.result import SheetResult
from ledgerkit.detect.headers import Synonyms
from ledgerkit.intake import door
from ledgerkit.intake.files import SEAL_PREFIX, _seal_digest, own_report_issue, report_state
from ledgerkit.intake.read import read_workbook
from ledgerkit.intake.sniff import open_zip, sniff
from tests import sheets
from tests.test_read import LAUGHS, make_xlsx, rewrite_zip


def _sheet_names(sheet, *, file, config):
    return SheetResult(note="empty")


def _hours_book(path):
    return make_xlsx(path, {"10月": {"cells": {(0, 0): "日付", (0, 1): "工数", (1, 0): "2026/10/01", (1, 1): 7.5}}})


def _bomb(src, dst):
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/zeros.bin", b"\x00" * (20 * 1024 * 1024))
    return dst


def _sealed(src, dst):
    dst.write_bytes(src.read_bytes())
    with zipfile.ZipFile(dst, "a") as zf:
        zf.comment = SEAL_PREFIX + _seal_digest(zf.infolist()).encode("ascii")
    return dst


def test_the_door_opens_a_workbooks_zip_once(tmp_path, monkeypatch):
    p = _hours_book(tmp_path / "工数.xlsx")
    opened = []
    real_init = zipfile.ZipFile.__init__

    def counting(self, file, *args, **kwargs):
        opened.append(file)
        real_init(self, file, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counting)
    out = door._read_one(p, reader=_sheet_names, config=Config(), include_hidden=False)
    assert [s.name for s in out.sheets] == ["10月"] and out.error is None
    # before: four in the worker (the sniff, the zip-bomb bounds, the DTD check, the seal);
    # calamine opens it once more, in Rust
    assert len(opened) == 1


def test_the_parent_does_not_open_a_workbook_to_tell_a_small_csv(tmp_path, monkeypatch):
    p = _hours_book(tmp_path / "工数.xlsx")
    c = tmp_path / "工数.csv"
    c.write_text("日付,工数\n2026/10/01,7.5\n", encoding="utf-8")
    monkeypatch.setattr(zipfile.ZipFile, "__init__", lambda *a, **k: pytest.fail("zip opened"))
    assert door._safe_in_process(p) is False
    assert door._safe_in_process(c) is True


@pytest.mark.parametrize("make, code, reason", [
    (_bomb, "zip_bomb", None),
    (lambda src, dst: rewrite_zip(src, dst, lambda n, d: LAUGHS if n == "xl/workbook.xml" else d),
     "corrupt", "XMLに実体宣言があるため読みません (XML爆弾の疑い)"),
])
def test_one_opened_zip_refuses_what_each_check_refused(tmp_path, make, code, reason):
    p = make(_hours_book(tmp_path / "a.xlsx"), tmp_path / "hostile.xlsx")
    errors = []
    for zf in (None, open_zip(p)):
        with pytest.raises(UnreadableFileError) as info:
            read_workbook(p, zf=zf)
        errors.append((info.value.code, info.value.reason))
        if zf is not None:
            zf.close()
    assert errors[0] == errors[1]
    assert errors[0][0] == code and (reason is None or errors[0][1] == reason)


def test_the_door_still_refuses_them(tmp_path):
    src = _hours_book(tmp_path / "a.xlsx")
    (tmp_path / "in").mkdir()
    _bomb(src, tmp_path / "in" / "bomb.xlsx")
    rewrite_zip(src, tmp_path / "in" / "laughs.xlsx", lambda n, d: LAUGHS if n == "xl/sharedStrings.xml" else d)
    _hours_book(tmp_path / "in" / "good.xlsx")
    intake = door.read_files(tmp_path / "in", reader=_sheet_names, keep_errors=True, while_waiting=None)
    got = {f.path.rsplit("/", 1)[-1]: (f.error.code if f.error else None) for f in intake.files}
    assert got == {"bomb.xlsx": "zip_bomb", "good.xlsx": None, "laughs.xlsx": "corrupt"}


def test_the_seal_and_the_sniff_read_the_same_through_one_open(tmp_path):
    book = _hours_book(tmp_path / "a.xlsx")
    sealed = _sealed(book, tmp_path / "report.xlsx")
    for p, state in ((book, ""), (sealed, "sealed")):
        zf = open_zip(p)
        try:
            assert report_state(p, zf=zf) == report_state(p) == state
            assert sniff(p, zf=zf) == sniff(p)
        finally:
            zf.close()
    out = door._read_one(sealed, reader=_sheet_names, config=Config(), include_hidden=False)
    assert out.skipped is not None and out.skipped.code == "own_report" and not out.sheets
    assert own_report_issue(sealed).code == "own_report"


def test_open_zip_leaves_other_files_to_the_checks(tmp_path):
    c = tmp_path / "a.csv"
    c.write_text("a,b\n1,2\n", encoding="utf-8")
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(_hours_book(tmp_path / "b.xlsx").read_bytes()[:200])
    big = _hours_book(tmp_path / "big.xlsx")
    assert open_zip(c) is None and open_zip(cut) is None and open_zip(big, max_bytes=10) is None
    assert sniff(cut).detail == "truncated_zip"


def test_synonyms_made_once_judge_as_a_fresh_lookup():
    fields = {"person": ["氏名", "担当者"], "hours": ["工数(h)", "時間"], "price": ["単価(税抜)"]}
    made = Synonyms.of(fields)
    assert Synonyms.of({k: list(v) for k, v in fields.items()}) is made
    assert Synonyms.of({"person": ["氏名"]}) is not made
    fresh = Synonyms(fields)
    for text in ("担当者", "工数（ｈ）", "時間(h)", "工数", "備考", "氏名(フリガナ)", "単価(税込)", "単価", "x" * 300, "担当者"):
        assert made.claim(text) == fresh.claim(text), text
    assert made.claim(7.5) is None


def _says_nothing(sheet, *, file, config):
    # a reader that finds no table and gives no reason of its own
    return SheetResult()


def _rates_like(sheet, *, file, config):
    # a reader that read its table (header row 2, four rows) into a lookup, not a frame
    return SheetResult(rows_read=4, header_row=2, layout="long")


def test_an_unread_block_always_says_why_and_a_table_read_is_not_unread(tmp_path):
    # the trial's 単価表 warned "… どの表としても読めませんでした ()": an empty reason, for a table read
    book = sheets.make_xlsx(tmp_path / "単価表.xlsx", {"単価": [["要員単価表"], ["氏名", "単価"], ["伊藤", 6000],
                                                       ["田中", 8000], ["鈴木", 5000], ["高橋", 5500]]})
    (_, sheet), = door.read_files(book, reader=_says_nothing, while_waiting=None).sheets()
    (warning,) = sheet.result.issues
    assert warning.code == "unread_data"
    assert warning.message("ja").startswith("数値 4 個 (B3:B6) がありますが、どの表としても読めませんでした "
                                            "(このコマンドの読む見出しの行が見つかりません) — ")
    assert "(no header row this command reads was found in it)" in warning.message("en")
    (_, sheet), = door.read_files(book, reader=_rates_like, while_waiting=None).sheets()
    assert sheet.result.issues == []
