"""Writing a frame: to ``.csv``, ``.json``, ``.xlsx``, or CSV on standard output.

* ``.csv``: UTF-8 **with BOM** and CRLF line ends (RFC 4180) — what Excel needs to show
  Japanese text without mojibake when the file is double-clicked. Dates ``YYYY-MM-DD``,
  date-times ``YYYY-MM-DD HH:MM:SS`` (the form Excel reads back as a date-time). A text
  cell that could start a formula gets a leading ``'`` (:func:`neutralize`).
* ``-`` (standard output): the same CSV **without BOM and with LF** line ends, for pipes;
  on a terminal, control characters in cells are shown escaped (:func:`terminal_safe`).
* ``.json``: an array of row objects, one per line, UTF-8 (``ensure_ascii=False``);
  Decimals and integers as exact JSON numbers, dates ISO 8601, ``NaN``/``NA`` → ``null``.
* ``.xlsx``: one table through :class:`~ledgerkit.reports.xlsx_report.XlsxReport`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import os
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from ledgerkit.core.errors import OutputError
from ledgerkit.reports.cell_values import _datetime_text, _duration_text, _is_missing
from ledgerkit.reports.labels import sheet_name
from ledgerkit.reports.output import atomic_output
from ledgerkit.reports.text_safety import neutralize, terminal_safe
from ledgerkit.reports.xlsx_report import XlsxReport


def _object_to_csv(values: Sequence[Any]) -> list[Any]:
    """Convert an object column's values for CSV: exact numbers, ISO dates, safe text."""
    import numpy as np

    date_only = not any(
        isinstance(v, dt.datetime) and (v.hour or v.minute or v.second or v.microsecond)
        for v in values
    )
    out: list[Any] = []
    append = out.append
    for v in values:
        t = type(v)
        if t is str:
            append(neutralize(v))
        elif _is_missing(v):
            append(None)
        elif isinstance(v, Decimal):
            append(format(v, "f"))
        elif isinstance(v, (bool, np.bool_)):
            append(bool(v))
        elif isinstance(v, (int, np.integer)):
            append(int(v))
        elif isinstance(v, (float, np.floating)):
            append(repr(float(v)) if math.isfinite(v) else None)
        elif isinstance(v, dt.datetime):
            append(_datetime_text(v, " ", date_only))
        elif isinstance(v, (dt.date, dt.time)):
            append(v.isoformat())
        elif isinstance(v, dt.timedelta):
            append(_duration_text(v))
        else:
            append(neutralize(str(v)))
    return out


def _csv_frame(frame, headings: Mapping[Any, str] | None):
    """A shallow copy of ``frame`` whose cells are safe and exact as CSV text."""
    import numpy as np
    import pandas as pd
    from pandas.api import types as pt

    out = frame.copy(deep=False)
    out.index = pd.RangeIndex(len(out))
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        if pt.is_bool_dtype(s.dtype) or pt.is_numeric_dtype(s.dtype):
            continue  # numbers stay numbers (pandas writes them plainly, NA as blank)
        if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
            if getattr(s.dt, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            # each distinct date formatted once (a column of 300,000 dates holds a few hundred)
            codes, uniques = pd.factorize(s, use_na_sentinel=True)
            date_only = bool((uniques.normalize() == uniques).all())
            fmt = "%Y-%m-%d" if date_only else "%Y-%m-%d %H:%M:%S"
            texts = pd.Series(uniques.strftime(fmt).tolist() + [np.nan], dtype="str")
            out.isetitem(i, pd.Series(texts.to_numpy()[codes], dtype="str"))
        elif pt.is_timedelta64_dtype(s.dtype):
            out.isetitem(i, pd.Series([None if pd.isna(v) else _duration_text(v) for v in s], dtype=object))
        elif pt.is_string_dtype(s.dtype) and pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
            # Each distinct text is checked once (ledger columns repeat a lot).
            codes, uniques = pd.factorize(s, use_na_sentinel=True)
            safe = [neutralize(u) for u in uniques]
            if any(a is not b for a, b in zip(safe, uniques)):
                out.isetitem(i, pd.Series(np.array(safe + [None], dtype=object)[codes], dtype=object))
        else:
            out.isetitem(i, pd.Series(_object_to_csv(s.tolist()), dtype=object))
    names = [headings.get(c, c) if headings else c for c in frame.columns]
    out.columns = [neutralize(str(c)) for c in names]
    return out


_CSV_SPECIAL = re.compile(r'[,"\r\n]')


def write_csv_text(out, fh, lineterminator: str, *, chunk: int = 50_000) -> None:
    """``out.to_csv(fh, index=False, lineterminator=…)``, byte for byte, column by column.

    pandas hands every cell to the ``csv`` module, which looks at each one for characters to
    quote: half a second for 300,000 rows (issue 17). Here each column becomes its text once —
    numbers as pandas writes them (``astype(str)``), a text quoted only when it holds
    ``, " CR LF``, and then by ``csv`` itself — and the rows are joined in C. Frames whose
    columns are of another kind (nullable numbers, categories…) go through pandas.
    """
    cells = _csv_cells(out, lineterminator)
    if cells is None:
        out.to_csv(fh, index=False, lineterminator=lineterminator)
        return
    head = io.StringIO()
    csv.writer(head, lineterminator=lineterminator).writerow(list(out.columns))
    fh.write(head.getvalue())
    for start in range(0, len(out), chunk):
        part = [c[start:start + chunk] for c in cells]
        fh.write(lineterminator.join(map(",".join, zip(*part))) + lineterminator)


def _csv_cells(out, lineterminator: str) -> list[list[str]] | None:
    """Each column of ``out`` as its CSV cells, or None for a frame the fast path does not cover."""
    import numpy as np
    from pandas.api import types as pt

    if out.shape[1] < 2:
        return None  # one column: csv quotes an empty row ("") — pandas's own path
    cells = []
    for i in range(out.shape[1]):
        s = out.iloc[:, i]
        dtype = s.dtype
        if isinstance(dtype, np.dtype) and dtype.kind in "iuf":
            values = s.to_numpy()
            text = _number_texts(values).astype(object)
            if dtype.kind == "f":
                text[np.isnan(values)] = ""
            cells.append(text.tolist())
        elif isinstance(dtype, np.dtype) and dtype.kind == "b":
            cells.append(["True" if v else "False" for v in s.tolist()])
        elif dtype == object or pt.is_string_dtype(dtype):
            cells.append(_text_cells(s.tolist(), lineterminator))
        else:
            return None
    return cells


def _number_texts(values):
    """``values.astype(str)``, each distinct value formatted once (a column of hours holds a few
    dozen): distinct by their bits, so ``-0.0`` and ``0.0`` stay apart as pandas writes them."""
    import numpy as np

    if values.dtype.itemsize != 8 or len(values) < 1000:
        return values.astype(str)
    uniques, inverse = np.unique(values.view(np.int64), return_inverse=True)
    if len(uniques) * 4 > len(values):
        return values.astype(str)
    return uniques.view(values.dtype).astype(str)[inverse.reshape(-1)]


def _text_cells(values: list, lineterminator: str) -> list[str]:
    """Cells of an object or text column: missing → empty, others as ``csv`` writes them."""
    out = [v if v.__class__ is str else ("" if v is None or _is_missing(v) else str(v)) for v in values]
    special = {v for v in set(out) if _CSV_SPECIAL.search(v)}
    if special:
        quoted = {}
        for v in special:
            buf = io.StringIO()
            csv.writer(buf, lineterminator=lineterminator).writerow([v, ""])
            quoted[v] = buf.getvalue()[: -len(lineterminator) - 1]  # less the "," and the empty cell
        out = [quoted[v] if v in special else v for v in out]
    return out


def _json_fragments(s) -> list[str]:
    """JSON text of every value of one column (exact numbers, ISO dates, null)."""
    import json

    import numpy as np
    import pandas as pd
    from pandas.api import types as pt

    dumps = json.dumps
    if pt.is_bool_dtype(s.dtype):
        return ["null" if pd.isna(v) else ("true" if v else "false") for v in s.tolist()]
    if pt.is_integer_dtype(s.dtype):
        return ["null" if v is None or v is pd.NA else str(int(v)) for v in s.astype(object).tolist()]
    if pt.is_float_dtype(s.dtype):
        return [repr(float(v)) if v is not None and v is not pd.NA and math.isfinite(v) else "null"
                for v in s.astype(object).tolist()]
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
        date_only = bool(((s.dt.normalize() == s) | s.isna()).all())
        return [
            "null" if v is pd.NaT or v is None else dumps(_datetime_text(v, "T", date_only))
            for v in s.tolist()
        ]
    if pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
        # Text: encode each distinct value once.
        codes, uniques = pd.factorize(s, use_na_sentinel=True)
        encoded = [dumps(u, ensure_ascii=False) for u in uniques] + ["null"]
        return [encoded[k] for k in codes.tolist()]  # code -1 (missing) → the last: null
    values = s.tolist()
    date_only = not any(
        isinstance(v, dt.datetime) and (v.hour or v.minute or v.second or v.microsecond)
        for v in values
    )
    out = []
    for v in values:
        t = type(v)
        if t is str:
            out.append(dumps(v, ensure_ascii=False))
        elif _is_missing(v):
            out.append("null")
        elif isinstance(v, Decimal):
            out.append(format(v, "f") if v.is_finite() else "null")
        elif isinstance(v, (bool, np.bool_)):
            out.append("true" if v else "false")
        elif isinstance(v, (int, np.integer)):
            out.append(str(int(v)))
        elif isinstance(v, (float, np.floating)):
            out.append(repr(float(v)) if math.isfinite(v) else "null")
        elif isinstance(v, dt.datetime):
            out.append(dumps(_datetime_text(v, "T", date_only)))
        elif isinstance(v, (dt.date, dt.time)):
            out.append(dumps(v.isoformat()))
        elif isinstance(v, dt.timedelta):
            out.append(dumps(_duration_text(v)))
        else:
            out.append(dumps(str(v), ensure_ascii=False))
    return out


def iter_json(frame, headings: Mapping[Any, str] | None = None, *, chunk: int = 20_000) -> Iterator[str]:
    """The frame as JSON text, in pieces of ``chunk`` rows (bounded memory).

    Joined, the pieces are an array of row objects, one object per line.
    """
    import json

    names = [headings.get(c, c) if headings else c for c in frame.columns]
    keys = [json.dumps(str(n), ensure_ascii=False) + ": " for n in names]
    n = len(frame)
    if n == 0:
        yield "[]\n"
        return
    yield "[\n"
    for start in range(0, n, chunk):
        part = frame.iloc[start:start + chunk]
        columns = [_json_fragments(part.iloc[:, i]) for i in range(part.shape[1])]
        if columns:
            rows = ["{" + ", ".join(k + v for k, v in zip(keys, cells)) + "}" for cells in zip(*columns)]
        else:
            rows = ["{}"] * len(part)
        last = start + chunk >= n
        yield ",\n".join(rows) + ("\n]\n" if last else ",\n")


def frame_to_json(frame, headings: Mapping[Any, str] | None = None) -> str:
    """The frame as a JSON array of row objects, one object per line.

    Examples:
        >>> import pandas as pd
        >>> from decimal import Decimal
        >>> print(frame_to_json(pd.DataFrame({"a": [Decimal("0.10"), None], "b": ["x", "山"]})))
        [
        {"a": 0.10, "b": "x"},
        {"a": null, "b": "山"}
        ]
        <BLANKLINE>
    """
    return "".join(iter_json(frame, headings))


#: suffixes :func:`write_frame` understands
FRAME_SUFFIXES = (".csv", ".json", ".xlsx")

#: above this many rows a sheet is best written with ``XlsxReport(constant_memory=True)``
LARGE_SHEET_ROWS = 50_000


def write_frame(
    frame,
    target: str | os.PathLike,
    *,
    inputs: Iterable[str | os.PathLike] = (),
    lang: str = "ja",
    headings: Mapping[Any, str] | None = None,
    formats: Mapping[Any, str] | None = None,
    sheet: str | None = None,
    overwrite: bool = False,
    title: str | None = None,
) -> None:
    """Write a frame to ``.csv``, ``.json``, ``.xlsx``, or CSV on standard output (``"-"``).

    ``headings`` renames columns in the output (CSV/JSON keep the column names by
    default, which are the documented machine-readable names; ``.xlsx`` shows the
    headings of ``lang``). ``inputs`` are files the output must never overwrite; any other
    existing file is kept (``OutputError``) unless ``overwrite=True`` (the CLI's ``--force``).
    ``formats``, ``sheet`` and ``title`` (a bold line above the table, e.g. saying that no row
    matched) are used for ``.xlsx`` only (see :meth:`XlsxReport.add_table`).

    Examples:
        >>> import pandas as pd, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "rows.csv"
        >>> write_frame(pd.DataFrame({"name": ["=1+1"], "yen": [-500]}), out)
        >>> out.read_bytes()
        b"\\xef\\xbb\\xbfname,yen\\r\\n'=1+1,-500\\r\\n"
    """
    text_target = os.fspath(target)
    if text_target == "-":
        _write_csv_stdout(frame, headings)
        return
    path = Path(text_target)
    suffix = path.suffix.lower()
    if suffix not in FRAME_SUFFIXES:
        raise OutputError(
            f"cannot write {text_target}: unknown file type {suffix or '(none)'!s} "
            f"(use .csv, .json or .xlsx, or - for standard output)"
        )
    if suffix == ".xlsx":
        # One table written top to bottom: the streamed (constant-memory) path is the
        # same workbook, faster, at any size.
        report = XlsxReport(path, inputs=inputs, lang=lang, constant_memory=True, overwrite=overwrite)
        with report:
            report.add_table(sheet or sheet_name("detail", lang), frame, formats=formats, headings=headings, title=title)
        return
    with atomic_output(path, inputs=inputs, lang=lang, overwrite=overwrite) as tmp:
        if suffix == ".csv":
            try:
                # The BOM written by hand: Python encodes UTF-8 in C, but UTF-8-SIG
                # through a Python-level encoder once per row (a third of the time).
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    fh.write("\ufeff")
                    write_csv_text(_csv_frame(frame, headings), fh, "\r\n")
            except UnicodeEncodeError as exc:
                raise OutputError(f"cannot write {text_target}: a cell holds text that is not valid Unicode ({exc.reason})") from exc
        else:
            try:
                with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                    for piece in iter_json(frame, headings):
                        fh.write(piece)
            except UnicodeEncodeError as exc:
                raise OutputError(f"cannot write {text_target}: a cell holds text that is not valid Unicode ({exc.reason})") from exc


def _write_csv_stdout(frame, headings) -> None:
    out = _csv_frame(frame, headings)
    stream = sys.stdout
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if _is_terminal(stream):
            # a person reads it: a cell's escape sequence (window title, clear screen) is
            # shown, not acted on. Piped or redirected, the CSV stays byte for byte.
            stream.write(terminal_safe(out.to_csv(index=False, lineterminator="\n")))
            stream.flush()
        elif buffer is not None:
            text = io.TextIOWrapper(buffer, encoding="utf-8", newline="", write_through=True)
            try:
                write_csv_text(out, text, "\n")
                text.flush()
            finally:
                text.detach()
            buffer.flush()
        else:
            write_csv_text(out, stream, "\n")
            stream.flush()
    except BrokenPipeError as exc:
        raise OutputError("standard output was closed before all rows were written") from exc
    except UnicodeEncodeError as exc:
        raise OutputError(f"cannot write to standard output: a cell holds text that is not valid Unicode ({exc.reason})") from exc


def _is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False
