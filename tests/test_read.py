"""read_workbook and sniff_format on small workbooks made here, one per case."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import struct
import zipfile
from pathlib import Path

import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.isolate import read_workbook_isolated
from ledgerkit.intake.read import (
    REFUSAL_CODES,
    RawWorkbook,
    read_sheet_list,
    read_workbook,
    unreadable_message,
)
from ledgerkit.intake.sniff import CFB_MAGIC, sniff, sniff_format

HERE = Path(__file__).parent


# --- makers ----------------------------------------------------------------------------


def make_xlsx(path: Path, sheets: dict[str, dict], **options) -> Path:
    """sheets: name -> {"cells": {(r, c): value}, "merge": [(r0, c0, r1, c1, text)], "state": ...}"""
    wb = xlsxwriter.Workbook(str(path), options)
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    for name, spec in sheets.items():
        ws = wb.add_worksheet(name)
        for (r, c), v in spec.get("cells", {}).items():
            if isinstance(v, (dt.date, dt.datetime)):
                ws.write_datetime(r, c, v, date_fmt)
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write(r, c, v)
        for r0, c0, r1, c1, text in spec.get("merge", []):
            ws.merge_range(r0, c0, r1, c1, text)
        if spec.get("state") == "hidden":
            ws.hide()
        elif spec.get("state") == "veryhidden":
            ws.very_hidden()
    wb.close()
    return path


def rewrite_zip(src: Path, dst: Path, change) -> Path:
    """Copy a zip, passing each member's bytes through change(name, data)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = change(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)
    return dst


ODS_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:spreadsheet>
<table:table table:name="工数">
<table:table-row><table:table-cell office:value-type="string"><text:p>氏名</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>工数</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>山田</text:p></table:table-cell>
<table:table-cell office:value-type="float" office:value="7.5"><text:p>7.5</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"""

ODS_MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>{extra}
</manifest:manifest>"""


def make_ods(path: Path, *, mimetype: bool = True, encrypted: bool = False) -> Path:
    extra = ""
    if encrypted:
        extra = '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/></manifest:file-entry>'
    with zipfile.ZipFile(path, "w") as z:
        if mimetype:
            z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        # LibreOffice writes no whitespace between cells; calamine expects none
        z.writestr("content.xml", re.sub(r">\s+<", "><", ODS_CONTENT), zipfile.ZIP_DEFLATED)
        z.writestr("META-INF/manifest.xml", ODS_MANIFEST.format(extra=extra), zipfile.ZIP_DEFLATED)
    return path


def make_biff2(path: Path) -> Path:
    """An Excel 2.x file: a bare BIFF2 stream (no OLE2 container) with a label and a number."""

    def rec(rtype: int, data: bytes) -> bytes:
        return struct.pack("<HH", rtype, len(data)) + data

    label = "Hours".encode("latin-1")
    body = rec(0x0009, struct.pack("<HH", 0x0007, 0x0010))  # BOF, worksheet
    body += rec(0x0004, struct.pack("<HH", 0, 0) + b"\x00\x00\x00" + bytes([len(label)]) + label)  # LABEL A1
    body += rec(0x0003, struct.pack("<HH", 1, 0) + b"\x00\x00\x00" + struct.pack("<d", 7.5))  # NUMBER A2
    body += rec(0x000A, b"")  # EOF
    path.write_bytes(body)
    return path


def cfb_stub(path: Path, *names: str) -> Path:
    """An OLE2 header followed by directory-entry names, as an encrypted OOXML package has."""
    body = CFB_MAGIC + b"\x00" * 504
    for n in names:
        body += n.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    path.write_bytes(body.ljust(2048, b"\x00"))
    return path


def refused(path, **kw) -> UnreadableFileError:
    with pytest.raises(UnreadableFileError) as info:
        read_workbook(path, **kw)
    err = info.value
    assert err.code in REFUSAL_CODES
    assert err.path == str(path)
    # one line, no traceback, in both languages
    for lang in ("ja", "en"):
        msg = unreadable_message(err, lang)
        assert msg and "\n" not in msg and "Traceback" not in msg
    return err


@pytest.fixture
def book(tmp_path) -> Path:
    return make_xlsx(
        tmp_path / "book.xlsx",
        {
            "10月": {
                "cells": {
                    (2, 2): "氏名",
                    (2, 3): "工数",
                    (2, 4): "日付",
                    (2, 5): "PJコード",
                    (3, 2): "山田　太郎",
                    (3, 3): 7.5,
                    (3, 4): dt.date(2026, 10, 1),
                    (3, 5): "0012",
                    (4, 2): "佐藤",
                    (4, 3): 8,
                    (4, 4): dt.date(2026, 10, 2),
                    (4, 5): "0013",
                },
                "merge": [(0, 2, 0, 5, "2026年10月 工数表")],
            },
            "隠し": {"cells": {(0, 0): "hidden"}, "state": "hidden"},
            "とても隠し": {"cells": {(0, 0): "very"}, "state": "veryhidden"},
            "空": {},
        },
    )


# --- xlsx ------------------------------------------------------------------------------


def test_xlsx_cells_keep_excel_row_and_column_numbers(book):
    wb = read_workbook(book)
    assert isinstance(wb, RawWorkbook)
    assert wb.format == "xlsx" and wb.reader == "calamine"
    s = wb.sheet("10月")
    # data starts at C3 (title merged over C1:F1): rows[i][j] is Excel row i+1, column j+1
    assert s.rows[0][2] == "2026年10月 工数表"
    assert s.rows[2][2:6] == ["氏名", "工数", "日付", "PJコード"]
    assert s.rows[3][2:6] == ["山田　太郎", 7.5, dt.date(2026, 10, 1), "0012"]
    assert s.rows[4][3] == 8
    assert s.rows[1] == [""] * 6
    assert all(len(r) == 6 for r in s.rows)
    assert len(s.rows) == 5
    assert s.merged == [(0, 2, 0, 5)]


def test_xlsx_visibility_of_sheets(book):
    wb = read_workbook(book)
    assert [(s.name, s.visible) for s in wb.sheets] == [
        ("10月", "visible"),
        ("隠し", "hidden"),
        ("とても隠し", "veryhidden"),
        ("空", "visible"),
    ]
    assert wb.sheet("空").rows == []
    visible = read_workbook(book, include_hidden=False)
    assert [s.name for s in visible.sheets] == ["10月", "空"]


def test_sheet_list_without_cells(book):
    assert [(i.name, i.visible) for i in read_sheet_list(book)] == [
        ("10月", "visible"),
        ("隠し", "hidden"),
        ("とても隠し", "veryhidden"),
        ("空", "visible"),
    ]


def test_nrows_reads_only_the_top(book):
    wb = read_workbook(book, nrows=3)
    assert len(wb.sheet("10月").rows) == 3
    assert wb.sheet("10月").rows[2][2] == "氏名"
    assert read_workbook(book, nrows=0).sheet("10月").rows == []


def test_sheets_selects_by_name(book):
    wb = read_workbook(book, sheets=["隠し"])
    assert [s.name for s in wb.sheets] == ["隠し"]
    assert wb.sheets[0].rows == [["hidden"]]


def test_xlsx_named_xls_is_read_as_xlsx(book, tmp_path):
    lying = tmp_path / "本当はxlsx.xls"
    lying.write_bytes(book.read_bytes())
    assert sniff_format(lying) == "xlsx"
    wb = read_workbook(lying)
    assert wb.format == "xlsx"
    assert wb.sheet("10月").rows[3][2] == "山田　太郎"


def test_xlsm_by_content_type(tmp_path):
    src = make_xlsx(tmp_path / "a.xlsx", {"S": {"cells": {(0, 0): "x"}}})

    def change(name, data):
        if name == "[Content_Types].xml":
            return data.replace(
                b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
                b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
            )
        return data

    p = rewrite_zip(src, tmp_path / "m.xlsx", change)
    assert sniff_format(p) == "xlsm"
    assert read_workbook(p).sheets[0].rows == [["x"]]


def test_openpyxl_reads_what_calamine_refuses(tmp_path):
    # workbook.xml in UTF-16: calamine refuses it, openpyxl (with defusedxml) reads it
    src = make_xlsx(tmp_path / "a.xlsx", {"工数": {"cells": {(0, 0): "氏名", (1, 0): "山田"}, "merge": [(2, 0, 2, 1, "計")]}})

    def change(name, data):
        if name == "xl/workbook.xml":
            text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
            return text.encode("utf-16")
        return data

    p = rewrite_zip(src, tmp_path / "utf16.xlsx", change)
    wb = read_workbook(p)
    assert wb.reader == "openpyxl"
    s = wb.sheet("工数")
    assert s.rows[0][0] == "氏名" and s.rows[1][0] == "山田" and s.rows[2][0] == "計"
    # the merge A3:B3 is cut to the grid read (column B holds nothing): issue 18.1
    assert s.merged == [(2, 0, 2, 0)]


# --- ods, legacy xls -----------------------------------------------------------------------


def test_ods_with_a_million_repeated_empty_rows(tmp_path):
    wb = read_workbook(make_ods(tmp_path / "工数.ods"))
    assert wb.format == "ods"
    assert wb.sheets[0].name == "工数"
    assert wb.sheets[0].rows[:2] == [["氏名", "工数"], ["山田", 7.5]]
    assert len(wb.sheets[0].rows) <= 3


def test_ods_named_xlsx_and_ods_without_mimetype(tmp_path):
    lying = make_ods(tmp_path / "book.xlsx")
    assert sniff_format(lying) == "ods"
    assert read_workbook(lying).sheets[0].rows[1] == ["山田", 7.5]
    bare = make_ods(tmp_path / "bare.ods", mimetype=False)
    assert sniff(bare).detail == "no_mimetype"
    assert read_workbook(bare).sheets[0].rows[1] == ["山田", 7.5]


def test_excel2_bare_biff_is_read_by_xlrd(tmp_path):
    pytest.importorskip("xlrd")
    p = make_biff2(tmp_path / "old.xls")
    assert sniff(p).format == "xls" and sniff(p).detail == "biff2"
    wb = read_workbook(p)
    assert wb.reader == "xlrd"
    assert wb.sheets[0].rows == [["Hours"], [7.5]]


# --- csv -------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "cp932"])
def test_csv_in_three_encodings(tmp_path, encoding):
    p = tmp_path / "十月.csv"
    p.write_bytes("氏名,工数,備考\r\n山田　太郎,7.5,\"改行\nあり\"\r\n佐藤,８\r\n".encode(encoding))
    wb = read_workbook(p)
    assert wb.format == "csv" and wb.reader == "csv"
    s = wb.sheets[0]
    assert s.name == "十月" and s.visible == "visible" and s.merged == []
    assert s.rows == [["氏名", "工数", "備考"], ["山田　太郎", "7.5", "改行\nあり"], ["佐藤", "８", ""]]


def test_csv_tab_delimited_and_utf16(tmp_path):
    p = tmp_path / "export.txt"
    p.write_bytes("氏名\t工数\r\n山田\t7,5\r\n".encode("utf-16"))
    assert read_workbook(p).sheets[0].rows == [["氏名", "工数"], ["山田", "7,5"]]


def test_csv_named_xlsx_is_read_as_csv(tmp_path):
    p = tmp_path / "export.xlsx"
    p.write_bytes("氏名,工数\n山田,7.5\n佐藤,8\n".encode("cp932"))
    assert sniff_format(p) == "csv"
    assert read_workbook(p).sheets[0].rows[2] == ["佐藤", "8"]


def test_csv_with_bytes_of_no_encoding(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_bytes("氏名,工数\n".encode("utf-8") + b"\x81\x20\xff\xfe,1\n")
    err = refused(p)
    assert err.code == "bad_encoding"
    assert "2行目" in err.reason
    assert unreadable_message(err, "en") == "cannot decode the text (line 2 is not valid CP932): save it as UTF-8"


CELL_TEXT = st.text(
    alphabet=st.sampled_from(list("abcXYZ019 ,.\"'\n\r-=+@山田太郎工数合計　ｱｲｳ０１２")),
    max_size=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=st.lists(st.lists(CELL_TEXT, min_size=2, max_size=4), min_size=1, max_size=6),
    encoding=st.sampled_from(["utf-8-sig", "utf-8", "cp932"]),
)
def test_csv_round_trips_any_text(tmp_path, rows, encoding):
    import csv

    width = max(len(r) for r in rows)
    buf = io.StringIO(newline="")
    csv.writer(buf, quoting=csv.QUOTE_ALL).writerows(rows)
    p = tmp_path / "prop.csv"
    p.write_bytes(buf.getvalue().encode(encoding))
    got = read_workbook(p).sheets[0].rows
    assert got == [r + [""] * (width - len(r)) for r in rows]


# --- refusals ----------------------------------------------------------------------------------


def test_encrypted_ooxml_in_cfb(tmp_path):
    p = cfb_stub(tmp_path / "secret.xlsx", "EncryptionInfo", "EncryptedPackage")
    assert sniff_format(p) == "encrypted"
    err = refused(p)
    assert err.code == "encrypted"
    assert err.reason == "暗号化されています — パスワードを外して保存してください"
    assert unreadable_message(err, "en") == "encrypted: save it without a password"
    assert str(err) == f"{p}: 暗号化されています — パスワードを外して保存してください"


def _biff8_stub(path: Path, *, filepass: bool) -> Path:
    """An OLE2 file with a Workbook stream whose globals start BOF [FILEPASS] ... EOF."""
    bof = struct.pack("<HH", 0x0809, 16) + struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 0)
    records = bof
    if filepass:
        records += struct.pack("<HH", 0x002F, 6) + struct.pack("<HHH", 0, 0x1234, 0x5678)
    records += struct.pack("<HH", 0x0085, 8) + b"\x00" * 8 + struct.pack("<HH", 0x000A, 0)
    cfb_stub(path, "Root Entry", "Workbook")
    data = bytearray(path.read_bytes())
    data[1024 : 1024 + len(records)] = records
    path.write_bytes(bytes(data))
    return path


def test_encrypted_xls_by_filepass(tmp_path):
    p = _biff8_stub(tmp_path / "secret.xls", filepass=True)
    assert sniff(p).format == "encrypted" and sniff(p).detail == "xls"
    assert refused(p).code == "encrypted"
    plain = _biff8_stub(tmp_path / "plain.xls", filepass=False)
    assert (sniff(plain).format, sniff(plain).detail) == ("xls", "biff8")
    # a stub is no workbook: refused, but not as encrypted
    assert refused(plain).code in {"corrupt", "truncated"}


def test_encrypted_ods(tmp_path):
    p = make_ods(tmp_path / "secret.ods", encrypted=True)
    assert sniff_format(p) == "encrypted"
    assert refused(p).code == "encrypted"


def test_truncated_xlsx(book, tmp_path):
    p = tmp_path / "cut.xlsx"
    p.write_bytes(book.read_bytes()[: book.stat().st_size // 2])
    assert refused(p).code == "truncated"


@pytest.mark.parametrize(
    "name, content, code, detail",
    [
        ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not_a_spreadsheet", "png"),
        ("scan.xls", b"%PDF-1.4\n...", "not_a_spreadsheet", "pdf"),
        ("empty.xlsx", b"", "not_a_spreadsheet", "empty"),
        ("web.xls", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "not_a_spreadsheet", "html"),
        ("note.xls", b"Attachment not found!", "not_a_spreadsheet", "text"),
        ("flat.fods", b'<?xml version="1.0"?><office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>', "unsupported", "fods"),
    ],
)
def test_not_a_spreadsheet(tmp_path, name, content, code, detail):
    p = tmp_path / name
    p.write_bytes(content)
    assert sniff(p).detail == detail
    assert refused(p).code == code


def test_zip_without_workbook(tmp_path):
    p = tmp_path / "a.xlsx"
    with zipfile.ZipFile(p, "w") as z:
        z.writestr("readme.txt", "hello")
    assert refused(p).code == "not_a_spreadsheet"


def test_zip_bomb_refused_from_the_central_directory(book, tmp_path):
    p = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(p, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            zout.writestr(info.filename, zin.read(info.filename))
        zout.writestr("xl/media/zeros.bin", b"\x00" * (20 * 1024 * 1024))
    assert p.stat().st_size < 200_000
    # 20 MB of zeros compress about 1000:1, beyond the default ratio bound
    assert refused(p).code == "zip_bomb"
    err = refused(p, max_uncompressed=10 * 1024 * 1024, max_ratio=10**6)
    assert err.code == "zip_bomb"
    assert unreadable_message(err, "en") == "would expand to 20.0 MB: not read (possible zip bomb)"
    # within looser bounds the same file is read
    assert read_workbook(p, max_ratio=10**6).sheet("10月").rows[3][2] == "山田　太郎"


def test_too_many_cells(tmp_path):
    p = make_xlsx(tmp_path / "wide.xlsx", {"S": {"cells": {(0, 0): "a", (999, 99): "far"}}})
    err = refused(p, max_cells=50_000)
    assert err.code == "too_many_cells"
    assert unreadable_message(err, "en") == "sheet 'S' spans too many cells (100,000, limit 50,000)"
    # the top rows alone are within the bound
    assert read_workbook(p, nrows=10, max_cells=50_000).sheets[0].rows[0][0] == "a"


def test_claimed_dimension_alone_is_not_refused(tmp_path):
    # Gnumeric writes <dimension ref="A1:XFD1048576"/> for small sheets; calamine does not
    # allocate by it, so the bound applies to the cells actually there.
    src = make_xlsx(tmp_path / "a.xlsx", {"S": {"cells": {(0, 0): "a", (1, 1): 2}}})

    def change(name, data):
        if name == "xl/worksheets/sheet1.xml":
            return data.replace(b'<dimension ref="A1:B2"/>', b'<dimension ref="A1:XFD1048576"/>')
        return data

    p = rewrite_zip(src, tmp_path / "claims.xlsx", change)
    assert read_workbook(p, max_cells=1000).sheets[0].rows == [["a", ""], ["", 2]]


def test_too_large_not_found_and_folder(book, tmp_path):
    assert refused(book, max_bytes=100).code == "too_large"
    assert refused(tmp_path / "nope.xlsx").code == "not_found"
    assert refused(tmp_path).code == "not_found"


def test_messages_name_no_python_internals(tmp_path):
    p = tmp_path / "junk.xlsx"
    p.write_bytes(b"PK\x03\x04" + os.urandom(300))
    err = refused(p)
    assert err.code in {"truncated", "corrupt"}
    assert "Error" not in err.reason.split("(")[0]


# --- XML bomb --------------------------------------------------------------------------------

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>"""


def test_openpyxl_parses_with_defusedxml():
    from openpyxl import xml

    assert xml.DEFUSEDXML is True


def test_billion_laughs_is_refused_within_memory(tmp_path):
    src = make_xlsx(tmp_path / "a.xlsx", {"S": {"cells": {(0, 0): "x"}}})
    p = rewrite_zip(src, tmp_path / "laughs.xlsx", lambda n, d: LAUGHS if n == "xl/sharedStrings.xml" else d)
    with pytest.raises(UnreadableFileError) as info:
        read_workbook_isolated(p, memory_mb=512, timeout=60)
    assert info.value.code == "corrupt"
    assert info.value.reason == "XMLに実体宣言があるため読みません (XML爆弾の疑い)"


# --- any bytes: read or refused, never anything else ---------------------------------------------


@settings(max_examples=100, deadline=None)
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".xlsx", ".xls", ".ods", ".csv", ".xlsb"]))
def test_sniff_never_raises_on_any_bytes(tmp_path_factory, data, suffix):
    p = tmp_path_factory.mktemp("sniff") / f"f{suffix}"
    p.write_bytes(data)
    kind = sniff(p)
    assert kind.format in ("xlsx", "xlsm", "xlsb", "ods", "xls", "csv", "encrypted", "unknown")


def _mutations(seed_bytes: bytes):
    """Byte flips, cuts and splices of a valid workbook, like a fuzzer makes."""
    n = len(seed_bytes)
    return st.one_of(
        st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 255)), min_size=1, max_size=8).map(
            lambda flips: _flip(seed_bytes, flips)
        ),
        st.integers(0, n - 1).map(lambda k: seed_bytes[:k]),
        st.tuples(st.integers(0, n - 1), st.binary(min_size=1, max_size=64)).map(
            lambda t: seed_bytes[: t[0]] + t[1] + seed_bytes[t[0] :]
        ),
    )


def _flip(data: bytes, flips) -> bytes:
    b = bytearray(data)
    for i, v in flips:
        b[i] = v
    return bytes(b)


def _seed_xlsx() -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("工数")
    ws.write_row(0, 0, ["氏名", "工数"])
    ws.write_row(1, 0, ["山田", 7.5])
    ws.merge_range(2, 0, 2, 1, "合計")
    wb.close()
    return buf.getvalue()


SEED_XLSX = _seed_xlsx()


@settings(max_examples=40, deadline=None)
@given(data=_mutations(SEED_XLSX))
def test_damaged_xlsx_is_read_or_refused(tmp_path_factory, data):
    from ledgerkit.intake.isolate import read_workbooks_isolated

    p = tmp_path_factory.mktemp("fuzz") / "damaged.xlsx"
    p.write_bytes(data)
    [(_, outcome)] = read_workbooks_isolated([p], timeout=60, memory_mb=1024)
    if isinstance(outcome, UnreadableFileError):
        assert outcome.code in REFUSAL_CODES
        assert "\n" not in outcome.reason
        # refused by read_workbook itself, not by the worker's safety net
        assert outcome.message_key != "file_worker_error", outcome.reason
    else:
        assert isinstance(outcome, RawWorkbook)
