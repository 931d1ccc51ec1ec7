"""Checks before reading: the file exists and is not too large, it is what a spreadsheet
is (else a reason a person understands), its zip does not expand into a bomb, and a
sheet's grid is not too large to convert.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.refusals import _refuse
from ledgerkit.intake.sniff import Sniffed, sniff

#: a file larger than this is refused before it is opened (``too_large``)
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
#: a sheet whose grid (from A1 to its last used cell) holds more cells is refused
DEFAULT_MAX_CELLS = 10_000_000
#: the zip members of an xlsx/ods may expand to at most this many bytes in total
DEFAULT_MAX_UNCOMPRESSED = 1024 * 1024 * 1024
#: a zip member larger than 16 MB expanded may not be compressed more than this
DEFAULT_MAX_RATIO = 1000
_RATIO_FLOOR = 16 * 1024 * 1024
_MAX_ZIP_MEMBERS = 100_000


def _check_file(path: Path, lang: str, max_bytes: int, zf: zipfile.ZipFile | None = None) -> Sniffed:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise _refuse(path, "not_found", "file_not_found", lang) from None
    except OSError as e:
        raise _refuse(path, "io_error", "file_io_error", lang, detail=e.strerror or type(e).__name__) from None
    if not path.is_file():
        raise _refuse(path, "not_found", "file_not_a_file", lang)
    if st.st_size > max_bytes:
        raise _refuse(path, "too_large", "file_too_large", lang, size=_mb(st.st_size), limit=_mb(max_bytes))
    try:
        return sniff(path, zf=zf)
    except OSError as e:
        raise _refuse(path, "io_error", "file_io_error", lang, detail=e.strerror or type(e).__name__) from None


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):,.1f}"


def _unknown_error(path: Path, kind: Sniffed, lang: str) -> UnreadableFileError:
    d = kind.detail
    if d == "empty":
        return _refuse(path, "not_a_spreadsheet", "file_empty", lang)
    if d == "truncated_zip":
        return _refuse(path, "truncated", "file_truncated", lang)
    if d == "bad_zip":
        return _refuse(path, "corrupt", "file_corrupt", lang, detail="zip")
    if d in ("zip", "empty_zip"):
        return _refuse(path, "not_a_spreadsheet", "file_zip_without_workbook", lang)
    if d == "ole2":
        return _refuse(path, "corrupt", "file_corrupt", lang, detail="OLE2")
    if d == "html":
        return _refuse(path, "not_a_spreadsheet", "file_html", lang)
    if d == "fods":
        return _refuse(path, "unsupported", "file_unsupported", lang, kind="OpenDocument flat XML (.fods)")
    if d == "spreadsheetml2003":
        return _refuse(path, "unsupported", "file_unsupported", lang, kind="Excel 2003 XML")
    if d == "text":
        return _refuse(path, "not_a_spreadsheet", "file_text", lang)
    return _refuse(path, "not_a_spreadsheet", "file_not_spreadsheet", lang, kind=d.upper() if d else "?")


def _check_zip(
    path: Path, lang: str, max_uncompressed: int, max_ratio: float, zf: zipfile.ZipFile | None = None
) -> None:
    """Refuse a zip bomb from its central directory, before anything is decompressed.

    ``zf``: the file already opened (:func:`~ledgerkit.intake.sniff.open_zip`); its directory
    is not read again, and every check below is the same.
    """
    if zf is not None:
        _check_members(path, zf, zf.infolist(), lang, max_uncompressed, max_ratio)
        return
    try:
        opened = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail="zip") from None
    with opened:
        _check_members(path, opened, opened.infolist(), lang, max_uncompressed, max_ratio)


def _check_members(path: Path, zf: zipfile.ZipFile, infos, lang: str, max_uncompressed: int, max_ratio: float) -> None:
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise _refuse(path, "zip_bomb", "file_zip_members", lang, count=f"{len(infos):,}")
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise _refuse(path, "zip_bomb", "file_zip_bomb", lang, size=_mb(total))
    for i in infos:
        if i.file_size > _RATIO_FLOOR and i.file_size > max_ratio * max(i.compress_size, 1):
            raise _refuse(path, "zip_bomb", "file_zip_bomb", lang, size=_mb(total))
    _refuse_dtd(path, infos, lang, zf)


#: how much of an XML part's start is looked at for a document type declaration
_PROLOG_BYTES = 64 * 1024


def _refuse_dtd(path: Path, infos, lang: str, zf: zipfile.ZipFile) -> None:
    """Refuse a part that declares a DTD (``<!DOCTYPE``, ``<!ENTITY``): Excel never writes one,
    and entity expansion (a billion laughs, an external entity) is the attack it carries. The
    check does not depend on which XML parser a library picks (openpyxl uses lxml, which does
    not refuse them, whenever lxml is installed)."""
    try:
        for info in infos:
            name = info.filename.lower()
            if not name.endswith((".xml", ".rels", ".vml")) or info.file_size == 0:
                continue
            with zf.open(info) as part:
                head = part.read(_PROLOG_BYTES)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _refuse(path, "corrupt", "file_xml_bomb", lang)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError, RuntimeError):
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail="zip") from None
    except Exception as e:  # noqa: BLE001 - zlib.error and the like from a damaged member
        if getattr(e, "code", None) == "corrupt":
            raise
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail="zip") from None


def _clip_merged(
    path, sheet: str, merged, height: int, width: int, max_cells: int, lang: str
) -> list[tuple[int, int, int, int]]:
    """Merged ranges cut to the grid that was read (``height`` rows × ``width`` columns).

    A merge may claim far more than the sheet holds: one ``<mergeCell ref="A1:XFD1048576"/>``
    added to a 200-row list would make every row 16,384 cells wide once the merge is
    filled in. Cut to the rows and columns read, no merge reaches past the cells that the
    cell-count bound already allowed; ranges wholly outside are dropped. The clipped ranges
    of a real sheet do not overlap, so together they cover at most the grid: many ranges
    piled on the same cells (work for the fill, not data) are refused beyond ``max_cells``.
    """
    out: list[tuple[int, int, int, int]] = []
    area = 0
    for r0, c0, r1, c1 in merged:
        r0, c0 = max(0, r0), max(0, c0)
        if r0 >= height or c0 >= width or r1 < r0 or c1 < c0:
            continue
        r1, c1 = min(r1, height - 1), min(c1, width - 1)
        area += (r1 - r0 + 1) * (c1 - c0 + 1)
        if max_cells and area > max_cells:
            raise _refuse(
                path, "too_many_cells", "file_too_many_merged", lang,
                sheet=sheet, cells=f"{area:,}+", limit=f"{max_cells:,}",
            )
        out.append((r0, c0, r1, c1))
    return out


def _check_grid(path, sheet: str, height: int, width: int, max_cells: int, lang: str) -> None:
    if max_cells and height * width > max_cells:
        raise _refuse(
            path, "too_many_cells", "file_too_many_cells", lang,
            sheet=sheet, cells=f"{height * width:,}", limit=f"{max_cells:,}",
        )
