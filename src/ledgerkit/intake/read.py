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

This module is the door; the parts behind it live by concern: :mod:`~ledgerkit.intake.raw`
(what a read gives), :mod:`~ledgerkit.intake.refusals` (codes and reasons),
:mod:`~ledgerkit.intake.bounds` (checks before reading), :mod:`~ledgerkit.intake.calamine_reader`,
:mod:`~ledgerkit.intake.fallback_readers` (openpyxl, xlrd) and :mod:`~ledgerkit.intake.csv_reader`.
Every name other modules import from here stays importable from here.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import Iterable

from ledgerkit.core.errors import UnreadableFileError
from ledgerkit.intake.bounds import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_CELLS,
    DEFAULT_MAX_RATIO,
    DEFAULT_MAX_UNCOMPRESSED,
    _check_file,
    _check_zip,
    _unknown_error,
)
from ledgerkit.intake.calamine_reader import (
    _CALAMINE_SUFFIX,
    _calamine_error,
    _calamine_path,
    _close,
    _is_worksheet,
    _open_calamine,
    _read_calamine,
    _visibility,
)
from ledgerkit.intake.csv_reader import _read_csv
from ledgerkit.intake.fallback_readers import _read_fallback
from ledgerkit.intake.formulas import UnsavedFormulas, sheet_parts, unsaved_formulas
from ledgerkit.intake.raw import RawSheet, RawWorkbook, SheetInfo
from ledgerkit.intake.refusals import REFUSAL_CODES, _line, _refuse, unreadable_message

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
    zf: zipfile.ZipFile | None = None,
) -> RawWorkbook:
    """Read every sheet of an xlsx, xlsm, xlsb, xls, ods or csv file as rows of values.

    ``nrows`` keeps only the top rows of each sheet (enough to find a header);
    ``sheets`` names the sheets wanted (others are not converted); ``include_hidden=False``
    leaves out hidden and very hidden sheets. The ``max_*`` bounds are checked before
    the cells are read. Refusal reasons are in ``lang`` (``ja`` or ``en``). ``zf``: the same
    file already opened by :func:`~ledgerkit.intake.sniff.open_zip` (the caller closes it), so
    that the checks do not read its directory again; the checks are the same.

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
            max_bytes=max_bytes, max_cells=max_cells, max_uncompressed=max_uncompressed, max_ratio=max_ratio, zf=zf,
        )
    except UnreadableFileError:
        raise
    except MemoryError:
        raise _refuse(path, "out_of_memory", "file_out_of_memory", lang) from None
    except Exception as e:  # noqa: BLE001 - whatever a damaged file provokes is a refusal
        raise _refuse(path, "corrupt", "file_corrupt", lang, detail=f"{type(e).__name__}: {_line(e)}") from None


def _read_workbook(path: Path, *, nrows, sheets, include_hidden, lang, max_bytes, max_cells, max_uncompressed, max_ratio,
                   zf=None):
    kind = _check_file(path, lang, max_bytes, zf)
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
        _check_zip(path, lang, max_uncompressed, max_ratio, zf)
    try:
        workbook = _read_calamine(path, kind, lang, **opts)
    except UnreadableFileError as e:
        if e.code != "corrupt":
            raise
        workbook = _read_fallback(path, kind, lang, e, opts)
    if nrows is None and fmt in ("xlsx", "xlsm") and kind.container == "zip":
        _note_unsaved_formulas(path, workbook, zf)
    return workbook


def _note_unsaved_formulas(path: Path, workbook: RawWorkbook, zf: zipfile.ZipFile | None) -> None:
    """Mark on each sheet the formula cells saved without their result, which were read as
    empty (a whole read only: a peek at the top rows is not the data)."""
    try:
        z = zf if zf is not None else zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile):
        return
    try:
        parts = sheet_parts(z)
        for sheet in workbook.sheets:
            part = parts.get(sheet.name)
            if part is None:
                continue
            found = unsaved_formulas(z, part)
            if found.total:
                sheet.unsaved = _read_as_empty(sheet, found)
    except Exception:  # noqa: BLE001 - the cells were read; a part that will not scan is left as read
        return
    finally:
        if z is not zf:
            z.close()


def _read_as_empty(sheet: RawSheet, found: UnsavedFormulas) -> UnsavedFormulas | None:
    """The cells of ``found`` the reader gave as empty (or left outside the grid it read)."""
    rows = sheet.rows
    cells = tuple(c for c in found.cells
                  if not (0 <= c[1] < len(rows) and 0 <= c[2] < len(rows[c[1]]) and rows[c[1]][c[2]] != ""))
    total = found.total - (len(found.cells) - len(cells))
    return UnsavedFormulas(cells, total) if total else None


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
