"""Tell what a file really is from its bytes, not from its name.

Back-office files lie about themselves: an ``.xls`` that is really an xlsx, a ``.xlsx``
that is an encrypted OLE2 package or a PNG, a web page exported as ``.xls``. Reading
goes by what :func:`sniff` finds, and refuses a file with a reason a person understands.

Only headers and zip directories are looked at; no cell is read here.
"""

from __future__ import annotations

import os
import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Sniffed", "sniff", "sniff_format", "open_zip", "FORMATS"]

#: every value :func:`sniff_format` can return
FORMATS = ("xlsx", "xlsm", "xlsb", "ods", "xls", "csv", "encrypted", "unknown")

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"

# First bytes of files people mistake for spreadsheets, and what to call them.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"%PDF", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"Rar!", "rar"),
    (b"7z\xbc\xaf\x27\x1c", "7z"),
    (b"\x1f\x8b", "gzip"),
    (b"{\\rtf", "rtf"),
    (b"MZ", "exe"),
)

# BIFF BOF record types at the start of a raw (non-OLE2) legacy .xls stream.
_RAW_BIFF = {0x0009: "biff2", 0x0209: "biff3", 0x0409: "biff4", 0x0809: "biff5"}

_TEXT_EXTS = {".csv", ".tsv", ".txt"}


@dataclass(frozen=True)
class Sniffed:
    """What a file is.

    ``format`` is one of :data:`FORMATS`. ``container`` is ``zip``, ``cfb`` (OLE2),
    ``biff`` (raw legacy stream), ``text``, ``xml``, ``empty`` or ``other``.
    ``detail`` says more: the BIFF version of an xls (``biff8``, ``biff5``, ``biff2``...),
    what an encrypted file is (``xlsx``, ``xls``, ``ods``), or what an unknown file looks
    like (``png``, ``pdf``, ``html``, ``empty``, ``bad_zip``, ``truncated_zip``, ``zip``,
    ``fods``, ``spreadsheetml2003``, ``text``...). ``encoding`` is set for text.
    """

    format: str
    container: str
    detail: str = ""
    encoding: str = ""


def sniff_format(path: str | Path) -> str:
    """The format of ``path`` by its content: one of :data:`FORMATS`.

    Examples:
        >>> import tempfile, os
        >>> with tempfile.NamedTemporaryFile(suffix=".xlsx", delete=False) as f:
        ...     _ = f.write(b"\\x89PNG\\r\\n\\x1a\\n....")
        >>> sniff_format(f.name), sniff(f.name).detail
        ('unknown', 'png')
        >>> os.unlink(f.name)
    """
    return sniff(path).format


def open_zip(path: str | Path, max_bytes: int | None = None) -> zipfile.ZipFile | None:
    """The zip package at ``path`` opened once, for every check that looks at its central
    directory (issue 17: :func:`sniff`, the zip-bomb and DTD check of
    :mod:`~ledgerkit.intake.bounds`, the own-report seal of :mod:`~ledgerkit.intake.files`),
    instead of each opening it and parsing the directory again. The caller closes it.

    None when the file does not start as a zip, is larger than ``max_bytes`` or does not
    open: each check then opens the file itself, as before, and says why it refuses it.
    Nothing is decompressed here.
    """
    try:
        with open(path, "rb") as f:
            if max_bytes is not None and os.fstat(f.fileno()).st_size > max_bytes:
                return None
            if not f.read(4).startswith(ZIP_MAGICS):
                return None
        return zipfile.ZipFile(path)
    except Exception:  # noqa: BLE001 - BadZipFile, OSError…: the checks open it and say why
        return None


def sniff(path: str | Path, *, zf: zipfile.ZipFile | None = None) -> Sniffed:
    """Look at the bytes of ``path`` and say what it is (see :class:`Sniffed`).

    ``zf``: the same file already opened by :func:`open_zip` (its directory is not read again).
    Raises ``OSError`` when the file cannot be opened at all.
    """
    path = Path(path)
    with open(path, "rb") as f:
        head = f.read(8192)
    if not head:
        return Sniffed("unknown", "empty", "empty")
    if head.startswith(ZIP_MAGICS):
        return _sniff_zip(path) if zf is None else _sniff_zip_members(zf)
    if head.startswith(CFB_MAGIC):
        return _sniff_cfb(path)
    if len(head) >= 4:
        (rtype,) = struct.unpack_from("<H", head, 0)
        (rlen,) = struct.unpack_from("<H", head, 2)
        if rtype in _RAW_BIFF and 4 <= rlen <= 20:
            return Sniffed("xls", "biff", _RAW_BIFF[rtype])
    for magic, name in _SIGNATURES:
        if head.startswith(magic):
            return Sniffed("unknown", "other", name)
    return _sniff_text(path, head)


# --- zip: xlsx, xlsm, xlsb, ods --------------------------------------------------


def _sniff_zip(path: Path) -> Sniffed:
    try:
        zf = zipfile.ZipFile(path)
    except zipfile.BadZipFile as e:
        # No end-of-central-directory record: the tail of the file is missing.
        truncated = "not a zip file" in str(e).lower() or "truncated" in str(e).lower()
        return Sniffed("unknown", "zip", "truncated_zip" if truncated else "bad_zip")
    except (OSError, ValueError, NotImplementedError, EOFError):
        return Sniffed("unknown", "zip", "bad_zip")
    with zf:
        return _sniff_zip_members(zf)


def _sniff_zip_members(zf: zipfile.ZipFile) -> Sniffed:
    """What an opened zip holds: ods, xlsx, xlsm, xlsb, or what else (see :class:`Sniffed`)."""
    # some writers store Windows separators (xl\\workbook.xml); readers accept them
    names = {n.replace("\\", "/") for n in zf.namelist()}
    lower = {n.lower(): n for n in names}
    if "mimetype" in names or "meta-inf/manifest.xml" in lower:
        mime = _read_member(zf, "mimetype", 200) if "mimetype" in names else b""
        manifest = _read_member(zf, lower.get("meta-inf/manifest.xml", ""), 1 << 20)
        is_ods = mime.strip() == ODS_MIME or (not mime and ODS_MIME in manifest)
        if is_ods:
            if b"encryption-data" in manifest:
                return Sniffed("encrypted", "zip", "ods")
            return Sniffed("ods", "zip", "" if mime else "no_mimetype")
        if mime.startswith(b"application/vnd.oasis.opendocument"):
            return Sniffed("unknown", "zip", "odf:" + mime.decode("ascii", "replace").rsplit(".", 1)[-1])
    workbook = _ooxml_workbook_part(zf, names)
    if workbook is None:
        if not names:
            return Sniffed("unknown", "zip", "empty_zip")
        if any(n.startswith("word/") for n in names):
            return Sniffed("unknown", "zip", "docx")
        if any(n.startswith("ppt/") for n in names):
            return Sniffed("unknown", "zip", "pptx")
        return Sniffed("unknown", "zip", "zip")
    if workbook.lower().endswith(".bin"):
        return Sniffed("xlsb", "zip")
    types = _read_member(zf, lower.get("[content_types].xml", ""), 1 << 20)
    strict = b"purl.oclc.org/ooxml" in _read_member(zf, workbook, 4096)
    detail = "strict" if strict else ""
    if b"macroenabled" in types.lower():
        return Sniffed("xlsm", "zip", detail)
    return Sniffed("xlsx", "zip", detail)


def _read_member(zf: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a member; b'' when absent or unreadable."""
    if not name:
        return b""
    try:
        with zf.open(name) as m:
            return m.read(limit)
    except Exception:  # noqa: BLE001 - zlib.error, BadZipFile, KeyError...: a damaged member
        return b""


_TARGET = re.compile(rb'Target="/?([^"]+)"')


def _ooxml_workbook_part(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """The workbook part's name, from ``_rels/.rels`` or the usual place."""
    for usual in ("xl/workbook.xml", "xl/workbook.bin"):
        if usual in names:
            return usual
    rels = _read_member(zf, "_rels/.rels", 1 << 20)
    for target in _TARGET.findall(rels):
        name = target.decode("utf-8", "replace")
        if name in names and "workbook" in name.lower():
            return name
    return None


# --- OLE2 / CFB: xls, encrypted OOXML --------------------------------------------


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


# BOF of a BIFF8 / BIFF5 workbook globals substream: type 0809, then version, then dt=5.
_BOF8 = re.compile(rb"\x09\x08[\x08-\x14]\x00\x00\x06\x05\x00", re.S)
_BOF5 = re.compile(rb"\x09\x08[\x08-\x14]\x00\x00\x05\x05\x00", re.S)


def _sniff_cfb(path: Path, limit: int = 256 << 20) -> Sniffed:
    # Directory entries hold stream names in UTF-16LE; looking for them in the raw bytes
    # does not depend on sector chains, which fuzzed files break.
    with open(path, "rb") as f:
        data = f.read(limit)
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        return Sniffed("encrypted", "cfb", "xlsx")
    has_workbook = _utf16("Workbook") in data
    has_book = _utf16("Book") in data
    m8 = _BOF8.search(data, 512)
    m5 = _BOF5.search(data, 512)
    m = m8 or m5
    biff = "biff8" if m8 else ("biff5" if m5 else "")
    if m is not None and _has_filepass(data, m.start()):
        return Sniffed("encrypted", "cfb", "xls")
    if has_workbook or has_book or m is not None:
        return Sniffed("xls", "cfb", biff or ("biff5" if has_book and not has_workbook else "biff8"))
    if _utf16("WordDocument") in data:
        return Sniffed("unknown", "cfb", "doc")
    if _utf16("PowerPoint Document") in data:
        return Sniffed("unknown", "cfb", "ppt")
    return Sniffed("unknown", "cfb", "ole2")


def _has_filepass(data: bytes, start: int, max_records: int = 32) -> bool:
    """Whether a FILEPASS record (0x002F) follows the BOF at ``start``.

    FILEPASS sits at the head of the globals substream, before the first BOUNDSHEET; a
    few records are enough and stay inside the first sector of the stream.
    """
    pos = start
    for _ in range(max_records):
        if pos + 4 > len(data):
            return False
        rtype, rlen = struct.unpack_from("<HH", data, pos)
        if rtype == 0x002F:
            return True
        if rtype in (0x0085, 0x000A) or (rtype == 0x0809 and pos != start):
            return False
        pos += 4 + rlen
    return False


# --- text: csv, html, xml ----------------------------------------------------------


def _sniff_text(path: Path, head: bytes) -> Sniffed:
    start = head.lstrip(b"\xef\xbb\xbf").lstrip()[:2048].lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table", b"<head", b"<meta")) or b"<html" in start[:512]:
        return Sniffed("unknown", "text", "html")
    text_ext = path.suffix.lower() in _TEXT_EXTS
    # a .csv whose first cell starts with "<" is still a CSV
    if start.startswith(b"<?xml") or (start.startswith(b"<") and not text_ext):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            return Sniffed("unknown", "xml", "spreadsheetml2003")
        if b"office:document" in head and b"opendocument" in head:
            return Sniffed("unknown", "xml", "fods")
        if b"<html" in head.lower():
            return Sniffed("unknown", "text", "html")
        return Sniffed("unknown", "xml", "xml")
    encoding = _text_encoding(head)
    if encoding is None:
        if text_ext and b"\x00" not in head:
            # a .csv in no encoding we know: the reader names the line with the bad bytes
            return Sniffed("csv", "text", "", "")
        return Sniffed("unknown", "other", "binary")
    if text_ext or _looks_tabular(head, encoding):
        return Sniffed("csv", "text", "", encoding)
    return Sniffed("unknown", "text", "text", encoding)


def _text_encoding(head: bytes) -> str | None:
    """``utf-8-sig``, ``utf-16``, ``utf-8`` or ``cp932`` when ``head`` reads as text, else None."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in head:
        return None
    for enc in ("utf-8", "cp932"):
        try:
            head.decode(enc)
            return enc
        except UnicodeDecodeError as e:
            # The sample may cut a multi-byte character in two at its end.
            if e.start >= len(head) - 3 and len(head) == 8192:
                return enc
    return None


def _looks_tabular(head: bytes, encoding: str) -> bool:
    """A text file without a text extension counts as CSV only when it clearly is one:
    at least two lines, each with the same number (≥1) of commas or of tabs."""
    text = head.decode(encoding, "replace")
    lines = [ln for ln in text.splitlines()[:20] if ln.strip()]
    if len(lines) >= 2 and head[-1:] not in (b"\n", b"\r") and len(head) == 8192:
        lines = lines[:-1]
    if len(lines) < 2:
        return False
    for sep in ("\t", ","):
        counts = {ln.count(sep) for ln in lines}
        if len(counts) == 1 and counts.pop() >= 1:
            return True
    return False
