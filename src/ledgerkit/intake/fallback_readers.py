"""The second readers, for files calamine refuses but that are readable: openpyxl for
OOXML, xlrd for legacy xls, and an ODS without its ``mimetype`` entry.
"""

from __future__ import annotations

import io
import tempfile
import threading
import zipfile
from pathlib import Path

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.bounds import _check_grid, _clip_merged
from ledgerkit.intake.calamine_reader import _read_calamine
from ledgerkit.intake.raw import RawSheet, RawWorkbook
from ledgerkit.intake.refusals import _line, _refuse
from ledgerkit.intake.sniff import Sniffed


def _read_fallback(path: Path, kind: Sniffed, lang: str, first: UnreadableFileError | None, opts: dict) -> RawWorkbook:
    """Read with a second library the files calamine refuses but that are readable.

    Measured on the corpus (docs/reliability.md): openpyxl reads xlsx/xlsm files with
    Excel 4 macro sheets, odd relationship parts or UTF-16 XML that calamine rejects;
    xlrd reads Excel 2.x-4.0 (bare BIFF) and BIFF5 files with code pages calamine lacks.
    When the second reader fails too, the first reader's reason is kept.
    """
    try:
        if kind.format in ("xlsx", "xlsm"):
            return _read_openpyxl(path, kind, lang, **opts)
        if kind.format == "xls":
            return _read_xlrd(path, kind, lang, **opts)
        if kind.format == "ods" and kind.detail == "no_mimetype":
            return _read_ods_without_mimetype(path, kind, lang, opts)
    except UnreadableFileError as e:
        if e.code != "corrupt" or first is None:
            raise
    except (KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise _refuse(path, "out_of_memory", "file_out_of_memory", lang) from None
    except ImportError:
        # the fallback reader is not installed: the file stays refused as before
        pass
    except BaseException as e:  # noqa: BLE001
        bomb = _xml_bomb(e)
        if bomb:
            raise _refuse(path, "corrupt", "file_xml_bomb", lang) from None
        if first is None:
            raise _refuse(path, "corrupt", "file_corrupt", lang, detail=f"{type(e).__name__}: {_line(e)}") from None
    if first is None:
        raise _refuse(path, "unsupported", "file_unsupported", lang, kind=f"Excel ({kind.detail.upper()})")
    raise first


def _xml_bomb(e: BaseException) -> bool:
    """Whether defusedxml refused entity or DTD declarations somewhere in the chain."""
    seen = 0
    while e is not None and seen < 10:
        if type(e).__module__.startswith("defusedxml"):
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _read_openpyxl(path: Path, kind: Sniffed, lang: str, *, nrows, wanted, include_hidden, max_cells) -> RawWorkbook:
    out = []
    wb = _load_openpyxl(path)
    try:
        for ws in wb.worksheets:
            visible = {"hidden": "hidden", "veryHidden": "veryhidden"}.get(ws.sheet_state, "visible")
            if wanted is not None and ws.title not in wanted:
                continue
            if not include_hidden and visible != "visible":
                continue
            height, width = ws.max_row or 0, ws.max_column or 0
            if nrows is not None:
                height = min(height, max(0, nrows))
            _check_grid(path, ws.title, height, width, max_cells, lang)
            rows = []
            if height and width:
                for row in ws.iter_rows(min_row=1, max_row=height, min_col=1, max_col=width, values_only=True):
                    rows.append(["" if v is None else v for v in row])
            if rows and not any(v != "" for r in rows for v in r):
                rows = []
            merged = _clip_merged(path, ws.title, getattr(ws, "_ledgerkit_merged", ()), len(rows), width, max_cells, lang)
            out.append(RawSheet(ws.title, visible, rows, merged))
    finally:
        wb.close()
    return RawWorkbook(str(path), kind.format, out, reader="openpyxl")


_OPENPYXL_LOCK = threading.Lock()


def _load_openpyxl(path: Path):
    """The workbook, with its merged ranges recorded but not applied.

    openpyxl applies a merge when it loads a sheet: every cell of the range but the first
    becomes an empty ``MergedCell``. ``<mergeCell ref="A1:XFD1048576"/>`` would make 17
    billion of them (the load never ends) and a merge over data would erase it. Its sheet
    reader is swapped, for this load only, for one that keeps the cells as written and
    leaves the ranges on ``ws._ledgerkit_merged`` (0-based, inclusive), to be cut to the
    grid read like calamine's.
    """
    import warnings

    import openpyxl
    from openpyxl.reader import excel

    # openpyxl parses XML with defusedxml when it is installed (entity bombs refused).
    with _OPENPYXL_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        original = excel.WorksheetReader
        excel.WorksheetReader = _merge_recording_reader(original)
        try:
            return openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
        finally:
            excel.WorksheetReader = original


def _merge_recording_reader(base):
    class MergeRecordingReader(base):
        def bind_merged_cells(self):
            from openpyxl.utils.cell import range_boundaries

            ranges = []
            for cr in getattr(self.parser.merged_cells, "mergeCell", None) or ():
                try:
                    c0, r0, c1, r1 = range_boundaries(cr.ref)
                except (ValueError, TypeError):
                    continue
                if None not in (c0, r0, c1, r1):
                    ranges.append((r0 - 1, c0 - 1, r1 - 1, c1 - 1))
            self.ws._ledgerkit_merged = ranges

    return MergeRecordingReader


def _read_xlrd(path: Path, kind: Sniffed, lang: str, *, nrows, wanted, include_hidden, max_cells) -> RawWorkbook:
    import xlrd

    data = path.read_bytes()
    log = io.StringIO()
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=log, on_demand=True)
    except (NotImplementedError, xlrd.XLRDError):
        book = xlrd.open_workbook(file_contents=data, formatting_info=False, logfile=log, on_demand=True)
    out = []
    try:
        for index, name in enumerate(book.sheet_names()):
            if wanted is not None and name not in wanted:
                continue
            sh = book.sheet_by_index(index)
            visible = {1: "hidden", 2: "veryhidden"}.get(getattr(sh, "visibility", 0), "visible")
            if not include_hidden and visible != "visible":
                continue
            height, width = sh.nrows, sh.ncols
            if nrows is not None:
                height = min(height, max(0, nrows))
            _check_grid(path, name, height, width, max_cells, lang)
            rows = [[_xlrd_value(sh.cell(r, c), book.datemode, xlrd) for c in range(width)] for r in range(height)]
            merged = [(r0, c0, r1 - 1, c1 - 1) for (r0, r1, c0, c1) in getattr(sh, "merged_cells", [])]
            out.append(RawSheet(name, visible, rows, _clip_merged(path, name, merged, height, width, max_cells, lang)))
    finally:
        book.release_resources()
    return RawWorkbook(str(path), "xls", out, reader="xlrd")


def _xlrd_value(cell, datemode: int, xlrd):
    t = cell.ctype
    if t in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if t == xlrd.XL_CELL_BOOLEAN:
        return bool(cell.value)
    if t == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERR")
    if t == xlrd.XL_CELL_DATE:
        # like calamine: a whole day is a date, a fraction of a day a time
        try:
            value = xlrd.xldate.xldate_as_datetime(cell.value, datemode)
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return cell.value
        if cell.value < 1:
            return value.time()
        if cell.value == int(cell.value):
            return value.date()
        return value
    return cell.value


def _read_ods_without_mimetype(path: Path, kind: Sniffed, lang: str, opts: dict) -> RawWorkbook:
    """An ODS whose zip lacks the ``mimetype`` entry: calamine insists on it, so read a
    copy with the entry added."""
    with tempfile.TemporaryDirectory(prefix="ledgerkit-") as tmp:
        fixed = Path(tmp) / "book.ods"
        with zipfile.ZipFile(path) as zin, zipfile.ZipFile(fixed, "w") as zout:
            zout.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", compress_type=zipfile.ZIP_STORED)
            for info in zin.infolist():
                zout.writestr(info, zin.read(info))
        wb = _read_calamine(fixed, Sniffed("ods", "zip"), lang, **opts)
    return RawWorkbook(str(path), "ods", wb.sheets)
