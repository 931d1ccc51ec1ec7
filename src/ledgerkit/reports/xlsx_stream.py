"""The streaming xlsx path: a table's rows written as XML straight into xlsxwriter's row file.

xlsxwriter spends ~7 µs per cell on its generic path; a Detail sheet of 300k rows × 10
columns would take 20 s. In constant-memory mode :func:`stream_table` turns each column
into cell XML in one pass, as xlsxwriter writes it (``<c r= s=><v>``; strings through the
shared string table, as in its normal mode), and whole rows go to the file xlsxwriter
assembles into the sheet. ``tests/test_xlsx_stream.py`` checks the result cell for cell
(values and number formats) against xlsxwriter's public API.

Every use of xlsxwriter's private internals in ledgerkit is in this module. It relies on
(tested with xlsxwriter 3.3; pinned ``xlsxwriter>=3.3.1,<3.4`` in ``pyproject.toml``):

* ``Format._get_xf_index()``: the style index written as ``s="…"``;
* ``Worksheet.str_table``, the workbook's shared string table:
  ``_get_shared_string_index(text)`` and its reference counter ``count``;
* ``Worksheet.fh`` (the open row file of a constant-memory sheet), ``previous_row`` and
  ``_write_single_row(row)`` (what is flushed to it), ``_check_dimensions(row, col)``
  (the sheet's used range);
* ``Worksheet.constant_memory`` (switched off around ``add_table``, which refuses this
  mode), ``Worksheet.table`` (the in-memory cells ``add_table`` wrote, cleared) and
  ``Worksheet.tables[-1]`` (its ``range``, ``a_range`` and ``autofilter`` keys, set to
  the table's full range);
* ``Worksheet.row_data_fh`` / ``row_data_filename`` (the temporary row files, removed
  when a report is dropped), ``Workbook.filename`` (set to the temporary output at
  close) and ``Workbook.fileclosed`` (set so that a discarded workbook is never written);
* ``Workbook._store_workbook`` keeping its ``ZipFile`` in a local variable: when writing
  fails half-way (a full disk), :func:`abandon_zip` finds it in the traceback and closes
  it without the second failing write its ``__del__`` would try.

After upgrading xlsxwriter past the pinned range, run ``tests/test_xlsx_stream.py`` and
``tests/test_writers.py`` before widening the pin.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any, Callable, Iterable, Mapping

from ledgerkit.core.errors import OutputError
from ledgerkit.reports.xlsx_cells import _Column
from ledgerkit.reports.xlsx_sheet import _Sheet, chunk_heights


def _style_attr(fmt) -> str:
    if fmt is None:
        return ""
    index = fmt._get_xf_index()
    return f' s="{index}"' if index else ""


def _cells_xml(col: _Column, letter: str, style: str, rnums: list[str], sst,
               overrides: Mapping[int, str] | None = None) -> list[str]:
    """The ``<c>`` elements of one column, as xlsxwriter writes them.

    Strings go to the workbook's shared string table (``sst``), as in xlsxwriter's
    normal mode: repeated names and file names are stored once, which keeps the file
    small and quick to compress and to open. ``overrides`` gives some rows (positions
    in ``rnums``) another style attribute: highlighted cells, blank ones included.
    """
    import numpy as np
    import pandas as pd

    values = col.values
    # a blank cell with a style (a table's rule) is written as such, as write_blank does
    blank = (lambda rn: f'<c r="{letter}{rn}"{style}/>') if style else (lambda rn: "")
    if col.method == "number":
        out = [blank(rn) if v is None else f'<c r="{letter}{rn}"{style}><v>{v:.16G}</v></c>'
               for v, rn in zip(values, rnums)]
    elif col.method == "string":
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        index = [sst._get_shared_string_index(u) for u in uniques]
        # One reference was counted per unique string; count the rest.
        sst.count += int((codes >= 0).sum()) - len(uniques)
        tails = [f'"{style} t="s"><v>{i}</v></c>' for i in index]
        out = [blank(rn) if k < 0 else f'<c r="{letter}{rn}{tails[k]}' for k, rn in zip(codes.tolist(), rnums)]
    else:
        out = [blank(rn) if v is None else _cell_xml(v, m, f"{letter}{rn}", style, sst)
               for v, rn, m in zip(values, rnums, col.methods or [col.method] * len(values))]
    for i, special in (overrides or {}).items():
        v = values[i]
        if v is None:
            out[i] = f'<c r="{letter}{rnums[i]}"{special}/>'
        else:
            method = col.methods[i] if col.methods else col.method
            if method == "string":
                sst.count -= 1  # counted above already
            out[i] = _cell_xml(v, method, f"{letter}{rnums[i]}", special, sst)
    return out


def _cell_xml(v: Any, method: str, ref: str, style: str, sst) -> str:
    if v is None:
        return ""
    if method == "string":
        return f'<c r="{ref}"{style} t="s"><v>{sst._get_shared_string_index(v)}</v></c>'
    if method == "boolean":
        return f'<c r="{ref}"{style} t="b"><v>{int(v)}</v></c>'
    return f'<c r="{ref}"{style}><v>{v:.16G}</v></c>'


def stream_table(
    state: _Sheet,
    texts: list[str],
    header_fmt,
    table_args: tuple | None,
    chunks: Iterable[tuple[int, list[_Column]]],
    cell_format: Callable[..., Any],
    on_os_error: Callable[[OSError], Exception] = lambda exc: exc,
) -> None:
    """Constant-memory mode: write the header and rows' XML straight into the row file.

    ``chunks`` are the frame's converted columns (``(start, columns)``, as
    :func:`~ledgerkit.reports.xlsx_sheet.converted_chunks` gives them) and
    ``cell_format(column, severity=None)`` the format of a column's cells; ``on_os_error(exc)`` is the
    error to raise when the row file cannot be written.

    xlsxwriter refuses ``add_table`` in this mode (it would index every cell of the
    range); the Table is registered on its header and first row, then given its full
    range, which is all the Table part records.
    """
    from xlsxwriter.utility import xl_col_to_name

    ws = state.worksheet
    n, n_cols = state.frame.shape
    if not n_cols:
        return
    first = state.first_row
    header_row = first - 1
    sst = ws.str_table
    # Flush whatever is pending above the header (a caller's title rows).
    if ws.previous_row < header_row:
        ws._write_single_row(header_row)
    if table_args is not None:
        _register_table(state, header_row, n_cols, table_args)
    ws._check_dimensions(header_row, 0)
    ws._check_dimensions(header_row + n, n_cols - 1)
    letters = [xl_col_to_name(c) for c in range(n_cols)]
    fh = ws.fh

    def write(text: str) -> None:
        try:
            fh.write(text)
        except UnicodeEncodeError as exc:
            raise OutputError(
                f"cannot write sheet {state.name}: a cell holds text that is not valid Unicode ({exc.reason})"
            ) from exc
        except OSError as exc:
            # the row file is beside the report: a full disk there is the report's
            raise on_os_error(exc) from exc

    head = _Column("text", list(texts), "string", None)
    hstyle = _style_attr(header_fmt)
    high = f' ht="{state.header_height:g}" customHeight="1"' if state.header_height else ""
    write(f'<row r="{header_row + 1}"{high}>'
          + "".join(_cells_xml(_Column("text", [v], "string", None), letters[c], hstyle,
                               [str(header_row + 1)], sst)[0] for c, v in enumerate(head.values))
          + "</row>")
    styles = [_style_attr(cell_format(c)) for c in range(len(state.kinds))]
    pending = state.pending
    for start, columns in chunks:
        rnums = [str(r + 1) for r in range(first + start, first + start + len(columns[0].values))]
        marks: dict[int, dict[int, str]] = {}
        for i in range(start, start + len(rnums)) if pending else ():
            for c, severity in (pending.get(i) or {}).items():
                marks.setdefault(c, {})[i - start] = _style_attr(cell_format(c, severity))
        cells = [_cells_xml(col, letters[c], styles[c], rnums, sst, marks.get(c))
                 for c, col in enumerate(columns)]
        # a row with wrapped text is as high as its lines (viewers do not grow it themselves)
        heights = chunk_heights(state, columns) or [None] * len(rnums)
        write("".join(
            (f'<row r="{rn}">' if h is None else f'<row r="{rn}" ht="{h:g}" customHeight="1">') + body + "</row>"
            for rn, body, h in zip(rnums, map("".join, zip(*cells)), heights)
            if body
        ))
    # Rows up to here are written: refuse later writes into them (they would be lost).
    ws.previous_row = first + n
    state.pending = {}


def _register_table(state: _Sheet, header_row: int, n_cols: int, table_args: tuple) -> None:
    """Add the Excel Table on the header and first row, then give it its full range."""
    from xlsxwriter.utility import xl_range

    ws = state.worksheet
    sst = ws.str_table
    ws.constant_memory = False
    try:
        if ws.add_table(header_row, 0, header_row + 1, n_cols - 1, table_args[4]) != 0:
            raise OutputError(f"cannot write sheet {state.name}: the table could not be added")
    finally:
        ws.constant_memory = True
    # add_table wrote the header cells for normal mode: we write them below.
    ws.table.clear()
    sst.count -= n_cols
    tbl = ws.tables[-1]
    tbl["range"] = xl_range(*table_args[:4])
    tbl["a_range"] = tbl["range"]
    tbl["autofilter"] = tbl["a_range"]


def _remove_row_files(workbook) -> None:
    """Close and delete the temporary row files of constant-memory sheets."""
    for ws in workbook.worksheets():
        fh = getattr(ws, "row_data_fh", None)
        if fh is not None:
            with contextlib.suppress(Exception):
                fh.close()
        name = getattr(ws, "row_data_filename", None)
        if name:
            with contextlib.suppress(OSError):
                os.unlink(name)


def abandon_zip(exc: BaseException) -> None:
    """Close, without writing anything more, a ``ZipFile`` that a failed ``close()`` left open.

    Otherwise its ``__del__`` writes the central directory again on the full disk and
    Python prints ``Exception ignored in: <function ZipFile.__del__>`` and a traceback.
    """
    import zipfile

    # the error itself and the ones it was raised from (xlsxwriter's FileCreateError wraps the OSError)
    errors, seen = [exc], set()
    while errors:
        error = errors.pop()
        if error is None or id(error) in seen:
            continue
        seen.add(id(error))
        errors.extend((error.__cause__, error.__context__))
        tb = error.__traceback__
        while tb is not None:
            for value in list(tb.tb_frame.f_locals.values()):
                if isinstance(value, zipfile.ZipFile) and value.fp is not None:
                    value._writing = False
                    value._didModify = False
                    fp, value.fp = value.fp, None
                    with contextlib.suppress(Exception):
                        value._fpclose(fp)
            tb = tb.tb_next


def retarget(workbook, filename: str) -> None:
    """Make ``workbook.close()`` write to ``filename`` (the temporary output file)."""
    workbook.filename = filename


def never_write(workbook) -> None:
    """Mark ``workbook`` as written, so that xlsxwriter's ``close()`` never writes it."""
    workbook.fileclosed = True
