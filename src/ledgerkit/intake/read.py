"""Read a workbook into plain rows of cell values, or refuse it with one clear line.

:func:`read_workbook` is the only door through which spreadsheet bytes enter ledgerkit.
It goes by what the file *is* (:mod:`ledgerkit.intake.sniff`), not by its name, checks size
bounds before anything is decompressed, reads with python-calamine, and turns every
failure — including calamine's ``PanicException``, a ``BaseException`` — into an
:class:`~ledgerkit.core.errors.UnreadableFileError` whose ``code`` says why:

``not_found``, ``io_error``, ``too_large``, ``not_a_spreadsheet``, ``encrypted``,
``truncated``, ``corrupt``, ``bad_encoding``, ``zip_bomb``, ``too_many_cells``,
``unsupported``, and from :mod:`ledgerkit.intake.isolate` ``timeout``, ``out_of_memory``,
``crashed``.

A few malformed files make calamine abort the whole process; read untrusted files with
:func:`ledgerkit.intake.isolate.read_workbook_isolated` or ``run_isolated(read_workbook, paths)``.
"""

from __future__ import annotations

import csv
import io
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.core import messages
from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.sniff import Sniffed, sniff

__all__ = [
    "RawSheet",
    "RawWorkbook",
    "SheetInfo",
    "read_workbook",
    "read_sheet_list",
    "unreadable_message",
    "REFUSAL_CODES",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_CELLS",
    "DEFAULT_MAX_UNCOMPRESSED",
    "DEFAULT_MAX_RATIO",
]

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

#: every ``UnreadableFileError.code`` ledgerkit uses, with the message key for each
REFUSAL_CODES = (
    "not_found",
    "io_error",
    "too_large",
    "not_a_spreadsheet",
    "encrypted",
    "truncated",
    "corrupt",
    "bad_encoding",
    "zip_bomb",
    "too_many_cells",
    "unsupported",
    "timeout",
    "out_of_memory",
    "crashed",
)

# The file extension calamine picks its reader by, for each sniffed format.
_CALAMINE_SUFFIX = {"xlsx": ".xlsx", "xlsm": ".xlsm", "xlsb": ".xlsb", "ods": ".ods", "xls": ".xls"}

Cell = Any  # '' | str | int | float | bool | datetime.datetime | date | time | timedelta


@dataclass
class RawSheet:
    """One sheet's cells as read, before any interpretation.

    ``rows[i][j]`` is the cell at Excel row ``i + 1``, column ``j + 1`` (values: ``''``
    for empty, ``str``, ``int``, ``float``, ``bool``, ``datetime.datetime``, ``date``,
    ``time``, ``timedelta``). ``visible`` is ``visible``, ``hidden`` or ``veryhidden``.
    ``merged`` lists merged ranges as ``(r0, c0, r1, c1)``, 0-based and inclusive.
    """

    name: str
    visible: str
    rows: list[list[Cell]]
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)


@dataclass
class RawWorkbook:
    """A file's sheets in workbook order; ``format`` is what the content is (not its name)."""


    path: str
    format: str
    sheets: list[RawSheet]
    #: the library that read the cells: ``calamine``, or ``openpyxl`` / ``xlrd`` when
    #: calamine refused a file they can read, or ``csv``
    reader: str = "calamine"

    def sheet(self, name: str) -> RawSheet:
        """The sheet called ``name`` (``KeyError`` if there is none)."""
        for s in self.sheets:
            if s.name == name:
                return s
        raise KeyError(name)


@dataclass(frozen=True)
class SheetInfo:
    """A sheet's name and visibility, known without reading its cells."""

    name: str
    visible: str


# --- refusing ------------------------------------------------------------------------


def _refuse(path, code: str, key: str, lang: str = "ja", **params) -> UnreadableFileError:
    """An ``UnreadableFileError`` whose reason comes from the message catalogue.

    The catalogue key and parameters stay on the error (``message_key``, ``params``) so
    that the same reason can be shown in the other language with
    :func:`unreadable_message`.
    """
    err = UnreadableFileError(path, code, messages.text(key, lang, **params))
    err.message_key = key
    err.params = params
    return err


def unreadable_message(err: UnreadableFileError, lang: str = "ja") -> str:
    """The reason of ``err`` in ``lang`` (``ja`` or ``en``), one line, without the path.

    Examples:
        >>> e = _refuse("a.xlsx", "encrypted", "file_encrypted")
        >>> unreadable_message(e, "en")
        'encrypted: save it without a password'
    """
    key = getattr(err, "message_key", None)
    if key:
        return messages.text(key, lang, **getattr(err, "params", {}))
    return err.reason


# --- the door ------------------------------------------------------------------------


def read_workbook(
    path: str | os.PathLike,
    *,
    nrows: int | None = None,
    sheets: Iterable[str] | None = None,
    include_hidden: bool = True,
    lang: str = "ja",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_cells: int = DEFAULT_MAX_CELLS,
    max_uncompressed: int = DEFAULT_MAX_UNCOMPRESSED,
    max_ratio: float = DEFAULT_MAX_RATIO,
) -> RawWorkbook:
    """Read every sheet of an xlsx, xlsm, xlsb, xls, ods or csv file as rows of values.

    ``nrows`` keeps only the top rows of each sheet (enough to find a header);
    ``sheets`` names the sheets wanted (others are not converted); ``include_hidden=False``
    leaves out hidden and very hidden sheets. The ``max_*`` bounds are checked before
    the cells are read. Refusal reasons are in ``lang`` (``ja`` or ``en``).

    Raises:
        UnreadableFileError: with ``code`` in :data:`REFUSAL_CODES`.

    Examples:
        >>> import tempfile, pathlib
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "工数.csv"
        >>> _ = p.write_text("氏名,工数\\n山田,7.5\\n", encoding="utf-8-sig")
        >>> wb = read_workbook(p)
        >>> wb.format, wb.sheets[0].name, wb.sheets[0].rows
        ('csv', '工数', [['氏名', '工数'], ['山田', '7.5']])
    """
    path = Path(path)
    try:
        return _read_workbook(
            path, nrows=nrows, sheets=sheets, include_hidden=include_hidden, lang=lang,
            max_bytes=max_bytes, max_cells=max_cells, max_uncompressed=max_uncompressed, max_ratio=max_ratio,
        )
    except UnreadableFileError:
        raise
    except MemoryError:
        raise _refuse(path, "out_of_memory", "file_out_of_memory", lang) from None
    except Exception as e:  # noqa: BLE001 - whatever a damaged file provokes is a refusal
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail=f"{type(e).__name__}: {_line(e)}") from None


def _read_workbook(path: Path, *, nrows, sheets, include_hidden, lang, max_bytes, max_cells, max_uncompressed, max_ratio):
    kind = _check_file(path, lang, max_bytes)
    wanted = None if sheets is None else set(sheets)
    fmt = kind.format
    if fmt == "encrypted":
        raise _refuse(path, "encrypted", "file_encrypted", lang)
    if fmt == "unknown":
        raise _unknown_error(path, kind, lang)
    if fmt == "csv":
        if wanted is not None and path.stem not in wanted:
            return RawWorkbook(str(path), "csv", [], reader="csv")
        return _read_csv(path, kind, lang, nrows=nrows, max_cells=max_cells)
    opts = dict(nrows=nrows, wanted=wanted, include_hidden=include_hidden, max_cells=max_cells)
    if fmt == "xls" and kind.container == "biff":
        # Excel 2.x-4.0 keep a bare BIFF stream without the OLE2 container, which
        # calamine does not read; xlrd does.
        return _read_fallback(path, kind, lang, None, opts)
    if kind.container == "zip":
        _check_zip(path, lang, max_uncompressed, max_ratio)
    try:
        return _read_calamine(path, kind, lang, **opts)
    except UnreadableFileError as e:
        if e.code != "corrupt":
            raise
        return _read_fallback(path, kind, lang, e, opts)


def read_sheet_list(path: str | os.PathLike, *, lang: str = "ja", max_bytes: int = DEFAULT_MAX_BYTES) -> list[SheetInfo]:
    """The sheets of a workbook (name and visibility) without reading any cell.

    A CSV file has one visible sheet named after the file.
    """
    path = Path(path)
    try:
        return _read_sheet_list(path, lang, max_bytes)
    except UnreadableFileError:
        raise
    except Exception as e:  # noqa: BLE001
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail=f"{type(e).__name__}: {_line(e)}") from None


def _read_sheet_list(path: Path, lang: str, max_bytes: int) -> list[SheetInfo]:
    kind = _check_file(path, lang, max_bytes)
    if kind.format in _CALAMINE_SUFFIX and kind.container != "biff":
        if kind.container == "zip":
            _check_zip(path, lang, DEFAULT_MAX_UNCOMPRESSED, DEFAULT_MAX_RATIO)
        try:
            with _calamine_path(path, kind) as cpath:
                wb = _open_calamine(path, cpath, lang)
                try:
                    return [SheetInfo(m.name, _visibility(m.visible)) for m in wb.sheets_metadata if _is_worksheet(m)]
                except BaseException as e:  # noqa: BLE001
                    raise _calamine_error(path, e, lang) from None
                finally:
                    _close(wb)
        except UnreadableFileError as e:
            if e.code != "corrupt":
                raise
    # everything else (csv, refusals, fallback readers) the way read_workbook goes, no rows
    wb = _read_workbook(
        path, nrows=0, sheets=None, include_hidden=True, lang=lang, max_bytes=max_bytes,
        max_cells=DEFAULT_MAX_CELLS, max_uncompressed=DEFAULT_MAX_UNCOMPRESSED, max_ratio=DEFAULT_MAX_RATIO,
    )
    return [SheetInfo(s.name, s.visible) for s in wb.sheets]


def _is_worksheet(meta) -> bool:
    """Chart, dialog and macro sheets hold no cells to read."""
    return str(getattr(meta, "typ", "")).rsplit(".", 1)[-1].lower() in ("", "worksheet")


# --- checks before reading -----------------------------------------------------------


def _check_file(path: Path, lang: str, max_bytes: int) -> Sniffed:
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
        return sniff(path)
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


def _check_zip(path: Path, lang: str, max_uncompressed: int, max_ratio: float) -> None:
    """Refuse a zip bomb from its central directory, before anything is decompressed."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail="zip") from None
    if len(infos) > _MAX_ZIP_MEMBERS:
        raise _refuse(path, "zip_bomb", "file_zip_members", lang, count=f"{len(infos):,}")
    total = sum(i.file_size for i in infos)
    if total > max_uncompressed:
        raise _refuse(path, "zip_bomb", "file_zip_bomb", lang, size=_mb(total))
    for i in infos:
        if i.file_size > _RATIO_FLOOR and i.file_size > max_ratio * max(i.compress_size, 1):
            raise _refuse(path, "zip_bomb", "file_zip_bomb", lang, size=_mb(total))


# --- calamine ------------------------------------------------------------------------


class _calamine_path:
    """The file under a name whose extension tells calamine which reader to use.

    calamine chooses its reader by extension; a file whose extension lies (an xlsx
    named ``.xls``) is given to it through a symlink (or copy) with the right one.
    """

    def __init__(self, path: Path, kind: Sniffed):
        self.path = path
        self.suffix = _CALAMINE_SUFFIX[kind.format]
        self.tmp: tempfile.TemporaryDirectory | None = None

    def __enter__(self) -> str:
        if self.path.suffix.lower() == self.suffix:
            return str(self.path)
        self.tmp = tempfile.TemporaryDirectory(prefix="ledgerkit-")
        link = Path(self.tmp.name) / ("book" + self.suffix)
        try:
            link.symlink_to(self.path.resolve())
        except OSError:
            import shutil

            shutil.copyfile(self.path, link)
        return str(link)

    def __exit__(self, *exc) -> None:
        if self.tmp is not None:
            self.tmp.cleanup()


def _open_calamine(path: Path, cpath: str, lang: str):
    import python_calamine

    try:
        return python_calamine.CalamineWorkbook.from_path(cpath)
    except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
        raise _calamine_error(path, e, lang) from None


def _close(wb) -> None:
    try:
        wb.close()
    except BaseException:  # noqa: BLE001
        pass


def _visibility(v) -> str:
    name = getattr(v, "name", None) or str(v).rsplit(".", 1)[-1]
    return {"visible": "visible", "hidden": "hidden", "veryhidden": "veryhidden"}.get(name.lower(), "visible")


def _calamine_error(path: Path, e: BaseException, lang: str) -> UnreadableFileError:
    """Translate whatever calamine raised into one refusal."""
    if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
        raise e
    if isinstance(e, UnreadableFileError):
        return e
    if isinstance(e, MemoryError):
        return _refuse(path, "out_of_memory", "file_out_of_memory", lang)
    name = type(e).__name__
    text = " ".join(str(e).split())
    low = text.lower()
    if name == "PasswordError" or "password" in low:
        return _refuse(path, "encrypted", "file_encrypted", lang)
    if "cell limit exceeded" in low:
        m = re.search(r"(\d+) cells requested, max (\d+)", text)
        cells, limit = (f"{int(m.group(1)):,}", f"{int(m.group(2)):,}") if m else ("?", "?")
        return _refuse(path, "too_many_cells", "file_too_many_cells_claimed", lang, cells=cells, limit=limit)
    if "could not find eocd" in low or "unexpected eof" in low:
        return _refuse(path, "truncated", "file_truncated", lang)
    if "past end of file" in low and _size(path) % 512:
        # OLE2 files are whole 512-byte sectors; a chain that runs off a file of
        # another length means the tail is missing.
        return _refuse(path, "truncated", "file_truncated", lang)
    if name == "PanicException":
        detail = f"calamine panic: {text[:100]}"
    elif name == "CalamineError" and text.lower().startswith("cfb error"):
        detail = text[:120]
    else:
        detail = f"{name}: {text[:120]}" if text else name
    return _refuse(path, "corrupt", "file_corrupt", lang, detail=detail)


def _read_calamine(
    path: Path,
    kind: Sniffed,
    lang: str,
    *,
    nrows: int | None,
    wanted: set[str] | None,
    include_hidden: bool,
    max_cells: int,
) -> RawWorkbook:
    out: list[RawSheet] = []
    with _calamine_path(path, kind) as cpath:
        wb = _open_calamine(path, cpath, lang)
        try:
            for meta in wb.sheets_metadata:
                visible = _visibility(meta.visible)
                if wanted is not None and meta.name not in wanted:
                    continue
                if not include_hidden and visible != "visible":
                    continue
                if not _is_worksheet(meta):
                    continue
                out.append(_read_sheet(path, wb, meta.name, visible, lang, nrows=nrows, max_cells=max_cells))
        except UnreadableFileError:
            raise
        except BaseException as e:  # noqa: BLE001 - PanicException is a BaseException
            raise _calamine_error(path, e, lang) from None
        finally:
            _close(wb)
    return RawWorkbook(str(path), kind.format, out)


def _read_sheet(path, wb, name: str, visible: str, lang: str, *, nrows: int | None, max_cells: int) -> RawSheet:
    sheet = wb.get_sheet_by_name(name)
    end = sheet.end
    if end is None:
        return RawSheet(name, visible, [], _merged(sheet))
    height, width = end[0] + 1, end[1] + 1
    if nrows is not None:
        height = min(height, max(0, nrows))
    # Converting to Python objects is where a huge grid would cost memory: bound it first.
    if height * width > max_cells:
        raise _refuse(
            path, "too_many_cells", "file_too_many_cells", lang,
            sheet=name, cells=f"{height * width:,}", limit=f"{max_cells:,}",
        )
    rows = sheet.to_python(skip_empty_area=False, nrows=nrows) if height else []
    # calamine gives a fresh list per row (copying 300,000 rows again costs a third of
    # a second); anything else is made a list
    if rows.__class__ is not list or not all(map(list.__instancecheck__, rows)):
        rows = [list(r) for r in rows]
    # calamine starts at A1 with skip_empty_area=False; pad ragged rows to the grid width
    if min(map(len, rows), default=width) < width:
        for r in rows:
            if len(r) < width:
                r.extend([""] * (width - len(r)))
    return RawSheet(name, visible, rows, _merged(sheet))


def _merged(sheet) -> list[tuple[int, int, int, int]]:
    try:
        ranges = sheet.merged_cell_ranges
    except BaseException:  # noqa: BLE001
        return []
    if not ranges:
        return []
    out = []
    for (r0, c0), (r1, c1) in ranges:
        out.append((int(r0), int(c0), int(r1), int(c1)))
    return out


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


# --- fallbacks: openpyxl for OOXML, xlrd for legacy xls ----------------------------


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


def _line(e: BaseException, limit: int = 120) -> str:
    return " ".join(str(e).split())[:limit]


def _xml_bomb(e: BaseException) -> bool:
    """Whether defusedxml refused entity or DTD declarations somewhere in the chain."""
    seen = 0
    while e is not None and seen < 10:
        if type(e).__module__.startswith("defusedxml"):
            return True
        e = e.__cause__ or e.__context__
        seen += 1
    return False


def _check_grid(path, sheet: str, height: int, width: int, max_cells: int, lang: str) -> None:
    if max_cells and height * width > max_cells:
        raise _refuse(
            path, "too_many_cells", "file_too_many_cells", lang,
            sheet=sheet, cells=f"{height * width:,}", limit=f"{max_cells:,}",
        )


def _read_openpyxl(path: Path, kind: Sniffed, lang: str, *, nrows, wanted, include_hidden, max_cells) -> RawWorkbook:
    import warnings

    import openpyxl

    # openpyxl parses XML with defusedxml when it is installed (entity bombs refused).
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(path, data_only=True, keep_vba=False, keep_links=False)
    out = []
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
            merged = [(m.min_row - 1, m.min_col - 1, m.max_row - 1, m.max_col - 1) for m in ws.merged_cells.ranges]
            out.append(RawSheet(ws.title, visible, rows, merged))
    finally:
        wb.close()
    return RawWorkbook(str(path), kind.format, out, reader="openpyxl")


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
            out.append(RawSheet(name, visible, rows, merged))
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


# --- csv -----------------------------------------------------------------------------


def _read_csv(path: Path, kind: Sniffed, lang: str, *, nrows: int | None, max_cells: int) -> RawWorkbook:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise _refuse(path, "io_error", "file_io_error", lang, detail=e.strerror or type(e).__name__) from None
    text, encoding = _decode(path, data, kind.encoding, lang)
    delimiter = _delimiter(text[:65536], path)
    rows: list[list[Cell]] = []
    width = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        for row in reader:
            if nrows is not None and len(rows) >= nrows:
                break
            width = max(width, len(row))
            if len(rows) * width > max_cells:
                raise _refuse(
                    path, "too_many_cells", "file_too_many_cells", lang,
                    sheet=path.stem, cells=f"{len(rows) * width:,}", limit=f"{max_cells:,}",
                )
            rows.append(row)
    except csv.Error as e:
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail=f"CSV: {e}") from None
    for r in rows:
        if len(r) < width:
            r.extend([""] * (width - len(r)))
    return RawWorkbook(str(path), "csv", [RawSheet(path.stem, "visible", rows, [])], reader="csv")


def _decode(path: Path, data: bytes, guess: str, lang: str) -> tuple[str, str]:
    """The text of a CSV file: UTF-8 with BOM, UTF-16 with BOM, UTF-8, else CP932."""
    if data.startswith(b"\xef\xbb\xbf"):
        order = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = ["utf-16"]
    else:
        order = ["utf-8", "cp932"]
    first_error: UnicodeDecodeError | None = None
    for enc in order:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as e:
            first_error = first_error or e
    assert first_error is not None
    # Name the line with the bad bytes, as a person would find it in a text editor.
    last = order[-1]
    try:
        data.decode(last)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise _refuse(path, "bad_encoding", "file_bad_encoding", lang, encoding=last.upper(), line=line) from None
    raise _refuse(path, "bad_encoding", "file_bad_encoding", lang, encoding=last.upper(), line="?")  # pragma: no cover


def _delimiter(sample: str, path: Path) -> str:
    """Comma or tab: tab for ``.tsv``; otherwise tab only when every sampled line has
    the same positive number of tabs and the lines do not agree on commas."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    lines = [ln for ln in sample.splitlines()[:50] if ln.strip()]
    if len(lines) > 1 and not sample.endswith(("\n", "\r")):
        lines = lines[:-1]
    if not lines:
        return ","
    tabs = {ln.count("\t") for ln in lines}
    commas = {ln.count(",") for ln in lines}
    if len(tabs) == 1 and min(tabs) >= 1 and not (len(commas) == 1 and min(commas) >= 1):
        return "\t"
    if min(tabs) >= 1 and max(commas) == 0:
        return "\t"
    return ","
