"""Writing frames and reports: CSV, JSON and Excel, atomically and injection-safe.

Only this module (and the drafts) touches the file system on the way out. Three promises:

* **Atomic.** Every output is written to a temporary file in the target's folder and
  renamed over the target only when complete (:func:`atomic_output`), so an interrupted
  run never leaves a half-written report. An output that would overwrite one of the
  inputs is refused.
* **Nothing injected.** In ``.xlsx`` files text is always written as text, never as a
  formula (``write_string``; xlsxwriter's string-to-formula/url/number conversions are
  off). In ``.csv`` files a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return gets a leading ``'`` (OWASP "CSV injection"); numbers — including
  negative ones — are written as plain numbers, and so is text that is nothing but a
  plain number (``-5``, ``+3.5``), which no spreadsheet runs.
* **Exact.** Integer yen and :class:`~decimal.Decimal` amounts are written digit for
  digit (JSON numbers, CSV text, xlsx number cells with up to 16 significant digits,
  Excel's own precision); missing values (``None``, ``NA``, ``NaN``, ``NaT``) become
  blanks / ``null``.

File formats, chosen for the person who opens them:

* ``.csv``: UTF-8 **with BOM** and CRLF line ends (RFC 4180) — what Excel needs to show
  Japanese text without mojibake when the file is double-clicked. Dates ``YYYY-MM-DD``,
  date-times ``YYYY-MM-DD HH:MM:SS`` (the form Excel reads back as a date-time).
* ``-`` (standard output): the same CSV **without BOM and with LF** line ends, for pipes
  (``| head``, ``| csvlook``); write to a ``.csv`` file for Excel.
* ``.json``: an array of row objects, one per line, UTF-8 (``ensure_ascii=False``);
  Decimals and integers as exact JSON numbers, dates ISO 8601, ``NaN``/``NA`` → ``null``.
* ``.xlsx``: a report built with :class:`XlsxReport` — Excel Tables with filter buttons,
  frozen headers, number formats and widths that account for full-width characters.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
import sys
import tempfile
import unicodedata
import weakref
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, NamedTuple, Sequence

from ledgerkit.core.errors import OutputError

# --------------------------------------------------------------------------------------
# Headings and sheet names (Japanese by default). To move into the message catalogue.
# --------------------------------------------------------------------------------------

#: canonical column → Japanese heading used in reports
HEADINGS_JA: dict[str, str] = {
    "date": "日付",
    "month": "年月",
    "year": "年",
    "person": "氏名",
    "employee_id": "社員番号",
    "department": "部署",
    "project": "案件",
    "project_name": "案件名",
    "task": "作業",
    "hours": "時間",
    "overtime_hours": "残業時間",
    "rate": "単価",
    "cost": "原価",
    "amount": "金額",
    "net": "税抜金額",
    "tax": "消費税",
    "gross": "税込金額",
    "tax_rate": "税率",
    "vendor": "取引先",
    "registration_no": "登録番号",
    "invoice_no": "請求書番号",
    "invoice_date": "請求日",
    "due_date": "支払期日",
    "account": "勘定科目",
    "budget": "予算",
    "actual": "実績",
    "variance": "差異",
    "variance_pct": "差異率",
    "note": "備考",
    "total": "合計",
    "count": "件数",
    "source_file": "元ファイル",
    "source_sheet": "元シート",
    "source_row": "元行",
    "severity": "重要度",
    "scope": "範囲",
    "code": "コード",
    "message": "内容",
    "column": "列",
    "value": "値",
}

#: canonical column → English heading used in reports with ``lang="en"``
HEADINGS_EN: dict[str, str] = {
    "date": "Date",
    "month": "Month",
    "year": "Year",
    "person": "Person",
    "employee_id": "Employee ID",
    "department": "Department",
    "project": "Project",
    "project_name": "Project name",
    "task": "Task",
    "hours": "Hours",
    "overtime_hours": "Overtime hours",
    "rate": "Rate",
    "cost": "Cost",
    "amount": "Amount",
    "net": "Net",
    "tax": "Tax",
    "gross": "Gross",
    "tax_rate": "Tax rate",
    "vendor": "Vendor",
    "registration_no": "Registration no.",
    "invoice_no": "Invoice no.",
    "invoice_date": "Invoice date",
    "due_date": "Due date",
    "account": "Account",
    "budget": "Budget",
    "actual": "Actual",
    "variance": "Variance",
    "variance_pct": "Variance %",
    "note": "Note",
    "total": "Total",
    "count": "Count",
    "source_file": "Source file",
    "source_sheet": "Source sheet",
    "source_row": "Source row",
    "severity": "Severity",
    "scope": "Scope",
    "code": "Code",
    "message": "Message",
    "column": "Column",
    "value": "Value",
}

#: report sheet key → (Japanese, English) sheet name
SHEET_NAMES: dict[str, tuple[str, str]] = {
    "summary": ("集計", "Summary"),
    "detail": ("明細", "Detail"),
    "issues": ("問題一覧", "Issues"),
}

#: label of a total row / column, (Japanese, English)
TOTAL_LABEL = ("合計", "Total")

#: severity / scope words on the Issues sheet, (Japanese, English)
SEVERITY_LABELS: dict[str, tuple[str, str]] = {
    "error": ("エラー", "error"),
    "warning": ("警告", "warning"),
    "info": ("情報", "info"),
}
SCOPE_LABELS: dict[str, tuple[str, str]] = {
    "file": ("ファイル", "file"),
    "sheet": ("シート", "sheet"),
    "table": ("表", "table"),
    "row": ("行", "row"),
    "column": ("列", "column"),
    "cell": ("セル", "cell"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def heading(column: Any, lang: str = "ja") -> str:
    """The heading a report shows for a canonical column name.

    Unknown columns keep their own name.

    Examples:
        >>> heading("person"), heading("person", "en"), heading("備考欄")
        ('氏名', 'Person', '備考欄')
    """
    table = HEADINGS_EN if lang == "en" else HEADINGS_JA
    return table.get(column, str(column))


def sheet_name(key: str, lang: str = "ja") -> str:
    """The name of a standard report sheet (``summary``, ``detail``, ``issues``).

    Examples:
        >>> sheet_name("issues"), sheet_name("issues", "en")
        ('問題一覧', 'Issues')
    """
    return _pick(SHEET_NAMES[key], lang)


# --------------------------------------------------------------------------------------
# Atomic output
# --------------------------------------------------------------------------------------


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


def check_output_path(path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """Check that ``path`` can be written: its folder exists and it is not an input.

    Returns the path to write (a symlink is followed so that its target is replaced).
    Raises :class:`~ledgerkit.core.errors.OutputError` with one clear line otherwise.

    Examples:
        >>> check_output_path("no-such-folder/report.xlsx")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.OutputError: cannot write no-such-folder/report.xlsx: the folder no-such-folder does not exist (create it first)
    """
    target = Path(path)
    if str(path) in ("", "-"):
        raise OutputError("no output file name given")
    if target.is_symlink():
        target = target.resolve()
    if target.is_dir():
        raise OutputError(f"cannot write {path}: it is a folder (give a file name)")
    folder = target.parent
    if not folder.is_dir():
        raise OutputError(
            f"cannot write {path}: the folder {folder} does not exist (create it first)"
        )
    if target.exists():
        for source in inputs:
            hit = _overwritten_input(target, source)
            if hit is not None:
                raise OutputError(
                    f"refusing to write {path}: it is one of the input files "
                    f"({hit}); choose another output name"
                )
    return target


#: suffixes of the files ledgerkit reads from an input folder (consolidate.SPREADSHEET_SUFFIXES)
_INPUT_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"})


def _overwritten_input(target: Path, source: str | os.PathLike) -> Path | None:
    """The input ``target`` would replace: ``source`` itself, a workbook inside the input
    folder ``source`` (folders are read recursively), or a file the glob ``source`` matches.

    A report ledgerkit wrote earlier into an input folder may be replaced (intake skips
    those); a ``.csv`` there is read as an input next time, so it is one.
    """
    import glob

    text = os.fspath(source)
    src = Path(text)
    if src.is_file():
        return src if _same_file(target, src) else None
    if src.is_dir():
        try:
            inside = target.resolve().is_relative_to(src.resolve())
        except OSError:
            return None
        if inside and target.suffix.lower() in _INPUT_SUFFIXES and not _is_ledgerkit_report(target):
            return target
        return None
    if any(ch in text for ch in "*?["):
        for match in glob.glob(text, recursive=True):
            m = Path(match)
            if m.is_file() and _same_file(target, m):
                return m
    return None


def _is_ledgerkit_report(path: Path) -> bool:
    """True for an ``.xlsx`` marked with :data:`REPORT_MARK` by :class:`XlsxReport`."""
    import zipfile

    if path.suffix.lower() != ".xlsx":
        return False
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/core.xml")
            return info.file_size <= 1 << 16 and REPORT_MARK.encode() in z.read(info)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_output(path: str | os.PathLike, *, inputs: Iterable[str | os.PathLike] = ()) -> Iterator[Path]:
    """Write ``path`` all at once: yield a temporary path beside it, then rename.

    The temporary file lives in the same folder (so the final ``os.replace`` is atomic)
    and is hidden (``.name.XXXX.partial``). If the body raises — or is interrupted — the
    temporary file is removed and ``path`` is left as it was. Refuses (``OutputError``)
    when the folder is missing or ``path`` is one of ``inputs`` (same file, also through
    a symlink or hard link).

    Examples:
        >>> import tempfile, pathlib
        >>> folder = pathlib.Path(tempfile.mkdtemp())
        >>> with atomic_output(folder / "out.txt") as tmp:
        ...     _ = tmp.write_text("done")
        >>> (folder / "out.txt").read_text(), sorted(p.name for p in folder.iterdir())
        ('done', ['out.txt'])
    """
    target = check_output_path(path, inputs=inputs)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    except OSError as exc:
        # a read-only folder, a full disk: the person's problem to fix, said in one line
        raise OutputError(f"cannot write {path}: {exc.strerror or exc.__class__.__name__}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        # mkstemp makes the file private (0600); give the report the usual permissions.
        os.chmod(tmp, 0o666 & ~_umask())
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:
            raise OutputError(
                f"cannot write {path}: permission denied or the file is open in another "
                f"program (close it in Excel and try again)"
            ) from exc
        except OSError as exc:
            raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


# --------------------------------------------------------------------------------------
# Cell values: text for CSV, fragments for JSON
# --------------------------------------------------------------------------------------

#: first characters that make a spreadsheet treat a CSV cell as a formula (OWASP)
INJECTION_CHARS = ("=", "+", "-", "@", "\t", "\r")
# Text that is just a plain number cannot run anything; it keeps its sign.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\Z")


def neutralize(text: str) -> str:
    """Make one text cell safe for CSV: prefix ``'`` when it could start a formula.

    Text that is only a plain number (``-5``, ``+1.5e3``) is left alone.

    Examples:
        >>> neutralize("=HYPERLINK(\\"http://x\\")")
        '\\'=HYPERLINK("http://x")'
        >>> neutralize("-5"), neutralize("-5+cmd|' /C calc'!A0"), neutralize("山田")
        ('-5', "'-5+cmd|' /C calc'!A0", '山田')
    """
    if text and text[0] in INJECTION_CHARS and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


# Characters a terminal acts on instead of showing: C0/C1 controls (ESC starts colour,
# title and clipboard sequences) and the bidirectional overrides that reorder what is shown.
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: Any) -> str:
    """``text`` made safe to print on a terminal: control and bidi characters shown escaped.

    A cell's text reaches the terminal in messages; ``ESC`` in it would start an escape
    sequence (colours, window title, clipboard) and U+202E would show ``exe.jpg`` as
    ``gpj.exe``. Tabs and line ends stay.

    Examples:
        >>> print(terminal_safe(chr(27) + "[31m red"), terminal_safe("abc" + chr(0x202E) + "gpj.exe"))
        \\x1b[31m red abc\\u202egpj.exe
    """
    text = str(text)
    if not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}", text
    )


_NA_SENTINELS: tuple = ()


def _is_missing(v: Any) -> bool:
    """None, pandas NA/NaT, a float NaN or a Decimal NaN."""
    global _NA_SENTINELS
    if v is None:
        return True
    if isinstance(v, float):
        return v != v
    if isinstance(v, Decimal):
        return v.is_nan()
    if not _NA_SENTINELS:
        import pandas as pd

        _NA_SENTINELS = (pd.NA, pd.NaT)
    return v is _NA_SENTINELS[0] or v is _NA_SENTINELS[1]


def _duration_text(td: dt.timedelta) -> str:
    total = int(td.total_seconds())
    sign = "-" if total < 0 else ""
    total = abs(total)
    return f"{sign}{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def _datetime_text(v: dt.datetime, sep: str, date_only: bool) -> str:
    if date_only:
        return v.date().isoformat()
    return v.isoformat(sep=sep, timespec="seconds" if not v.microsecond else "auto")


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
            date_only = bool(((s.dt.normalize() == s) | s.isna()).all())
            fmt = "%Y-%m-%d" if date_only else "%Y-%m-%d %H:%M:%S"
            out.isetitem(i, s.dt.strftime(fmt))
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


# --------------------------------------------------------------------------------------
# write_frame
# --------------------------------------------------------------------------------------

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
) -> None:
    """Write a frame to ``.csv``, ``.json``, ``.xlsx``, or CSV on standard output (``"-"``).

    ``headings`` renames columns in the output (CSV/JSON keep the column names by
    default, which are the documented machine-readable names; ``.xlsx`` shows the
    headings of ``lang``). ``inputs`` are files the output must never overwrite.
    ``formats`` and ``sheet`` are used for ``.xlsx`` only (see :meth:`XlsxReport.add_table`).

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
        report = XlsxReport(path, inputs=inputs, lang=lang, constant_memory=True)
        with report:
            report.add_table(sheet or sheet_name("detail", lang), frame, formats=formats, headings=headings)
        return
    with atomic_output(path, inputs=inputs) as tmp:
        if suffix == ".csv":
            try:
                # The BOM written by hand: Python encodes UTF-8 in C, but UTF-8-SIG
                # through a Python-level encoder once per row (a third of the time).
                with open(tmp, "w", encoding="utf-8", newline="") as fh:
                    fh.write("\ufeff")
                    _csv_frame(frame, headings).to_csv(fh, index=False, lineterminator="\r\n")
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
        if buffer is not None:
            out.to_csv(buffer, index=False, encoding="utf-8", lineterminator="\n")
            buffer.flush()
        else:
            stream.write(out.to_csv(index=False, lineterminator="\n"))
            stream.flush()
    except BrokenPipeError as exc:
        raise OutputError("standard output was closed before all rows were written") from exc
    except UnicodeEncodeError as exc:
        raise OutputError(f"cannot write to standard output: a cell holds text that is not valid Unicode ({exc.reason})") from exc


# --------------------------------------------------------------------------------------
# Excel reports
# --------------------------------------------------------------------------------------

#: column kind → Excel number format
NUMBER_FORMATS: dict[str, str | None] = {
    "int": "#,##0",
    "yen": "#,##0",
    "hours": "#,##0.00",
    "number": None,  # General
    "general": None,  # General, each cell as it is: text as text, numbers as numbers
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "time": "hh:mm",
    "duration": "[h]:mm",
    "percent": "0.0%",
    "rowno": "0",
    "text": "@",
    "bool": None,
}
KINDS = tuple(NUMBER_FORMATS)
# Kinds written without a number format of their own.
_PLAIN_KINDS = frozenset({"text", "number", "general", "bool"})

#: severity → (fill colour, font colour): Excel's own Bad / Neutral / Note-like styles
SEVERITY_COLOURS: dict[str, tuple[str, str]] = {
    "error": ("#FFC7CE", "#9C0006"),
    "warning": ("#FFEB9C", "#9C5700"),
    "info": ("#DDEBF7", "#1F4E78"),
}

# Excel limits.
MAX_ROWS = 1_048_576
MAX_COLS = 16_384
MAX_STRING = 32_767
_SHEET_BAD = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)

#: document property ``comments`` of every report ledgerkit writes
from ledgerkit.intake.files import REPORT_MARK  # noqa: E402

#: rows converted and written at a time (bounds memory on large sheets)
ROW_CHUNK = 20_000

#: columns that hold an Excel row number: shown without thousands separator
ROW_COLUMNS = frozenset({"source_row", "row", "excel_row"})
#: columns that hold hours
HOURS_COLUMNS = frozenset({"hours", "overtime_hours"})
DATE_COLUMNS = frozenset({"date", "invoice_date", "due_date"})


def safe_sheet_name(name: Any, taken: Iterable[str] = ()) -> str:
    """A legal, unique Excel sheet name: ≤ 31 characters, none of ``[]:*?/\\``.

    Examples:
        >>> safe_sheet_name("2026/10 [案件A]")
        '2026_10 _案件A_'
        >>> safe_sheet_name("明細", taken=["明細"])
        '明細 (2)'
        >>> len(safe_sheet_name("x" * 40))
        31
    """
    base = _SHEET_BAD.sub("_", str(name)).strip("'").strip() or "Sheet"
    base = base[:31]
    if base.lower() == "history":  # reserved by Excel
        base = base + "_"
    used = {t.lower() for t in taken}
    candidate, k = base, 2
    while candidate.lower() in used:
        suffix = f" ({k})"
        candidate = base[: 31 - len(suffix)] + suffix
        k += 1
    return candidate


def display_width(text: str) -> int:
    """Columns a text takes on screen: full-width (and ambiguous) characters count 2.

    Examples:
        >>> display_width("abc"), display_width("山田太郎"), display_width("ｶﾅ")
        (3, 8, 2)
    """
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


class TableRef(NamedTuple):
    """Where :meth:`XlsxReport.add_table` put a frame (all 0-based, xlsxwriter style).

    ``first_row``/``last_row`` are the first and last *data* rows (``last_row <
    first_row`` when the frame is empty); the header is on ``header_row``;
    ``columns`` maps each column name of the frame to its worksheet column.
    """

    worksheet: Any
    first_row: int
    last_row: int
    columns: dict

    @property
    def header_row(self) -> int:
        return self.first_row - 1


class _Column(NamedTuple):
    kind: str
    values: list  # converted values, None = blank
    method: str  # "string" | "number" | "boolean" | "mixed"
    methods: list | None  # per-cell methods when mixed


class _Sheet:
    __slots__ = ("name", "worksheet", "first_row", "frame", "kinds", "col_index", "written", "pending")

    def __init__(self, name: str, worksheet: Any):
        self.name = name
        self.worksheet = worksheet
        self.first_row = 0
        self.frame = None  # the frame add_table() wrote (None for other sheets)
        self.kinds: list[str] = []
        self.col_index: dict[Any, int] = {}
        self.written = False
        self.pending: dict[int, dict[int, str]] = {}  # frame row → column → severity


def _check_strings(state: _Sheet, start: int, columns: list[_Column]) -> None:
    # xlsxwriter silently truncates longer strings; nothing may be lost silently.
    half = MAX_STRING // 2
    for c, col in enumerate(columns):
        if col.method in ("number", "boolean"):
            continue
        if col.method == "string":
            longest = max(map(len, filter(None, col.values)), default=0)
        else:
            longest = max((len(v) for v in col.values if v.__class__ is str), default=0)
        if longest <= half:
            continue
        for r, v in enumerate(col.values):
            if isinstance(v, str) and len(v) > half and len(v.encode("utf-16-le")) // 2 > MAX_STRING:
                raise OutputError(
                    f"cannot write sheet {state.name}, row {state.first_row + start + r + 1}, "
                    f"column {c + 1}: the text is longer than Excel's {MAX_STRING:,} characters; "
                    f"write .csv instead"
                )


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
    if col.method == "number":
        out = ["" if v is None else f'<c r="{letter}{rn}"{style}><v>{v:.16G}</v></c>'
               for v, rn in zip(values, rnums)]
    elif col.method == "string":
        codes, uniques = pd.factorize(np.asarray(values, dtype=object), use_na_sentinel=True)
        index = [sst._get_shared_string_index(u) for u in uniques]
        # One reference was counted per unique string; count the rest.
        sst.count += int((codes >= 0).sum()) - len(uniques)
        tails = [f'"{style} t="s"><v>{i}</v></c>' for i in index]
        out = ["" if k < 0 else f'<c r="{letter}{rn}{tails[k]}' for k, rn in zip(codes.tolist(), rnums)]
    else:
        out = [_cell_xml(v, m, f"{letter}{rn}", style, sst)
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


def _infer_kind(name: Any, s) -> str:
    import pandas as pd
    from pandas.api import types as pt

    key = str(name)
    if pt.is_bool_dtype(s.dtype):
        return "bool"
    if pt.is_integer_dtype(s.dtype):
        return "rowno" if key in ROW_COLUMNS else "int"
    if pt.is_float_dtype(s.dtype):
        return "hours" if key in HOURS_COLUMNS else "number"
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
        return "date" if bool(((s.dt.normalize() == s) | s.isna()).all()) else "datetime"
    if pt.is_timedelta64_dtype(s.dtype):
        return "duration"
    if key in DATE_COLUMNS:
        return "date"
    if key in HOURS_COLUMNS:
        return "hours"
    sample = [v for v in s.dropna().head(200).tolist() if not _is_missing(v)]
    if not sample or all(type(v) is str for v in sample):
        return "general"
    if all(isinstance(v, Decimal) for v in sample):
        return "yen" if all(v == v.to_integral_value() for v in sample) else "number"
    if all(isinstance(v, dt.datetime) for v in sample):
        return "datetime"
    if all(isinstance(v, dt.date) for v in sample):
        return "date"
    if all(isinstance(v, (int,)) and not isinstance(v, bool) for v in sample):
        return "rowno" if key in ROW_COLUMNS else "int"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in sample):
        return "number"
    # Mixed (numbers and text, as a source column may be): each cell keeps its type.
    return "general"


def _serial(v: dt.datetime | dt.date) -> float | None:
    """Excel's serial number for a date or date-time (None before 1900)."""
    if not isinstance(v, dt.datetime):
        v = dt.datetime(v.year, v.month, v.day)
    if v.tzinfo is not None:
        v = v.replace(tzinfo=None)
    delta = v - _EXCEL_EPOCH
    serial = delta.days + delta.seconds / 86400 + delta.microseconds / 86_400_000_000
    if serial < 61:  # Excel's phantom 1900-02-29
        serial -= 1
    return serial if serial >= 1 else None


def _convert_column(s, kind: str) -> _Column:
    """Values of one column ready for xlsxwriter, decided once per column (fast path)."""
    import numpy as np
    import pandas as pd
    from pandas.api import types as pt

    if kind == "text":
        # An empty text is a blank cell (Excel's filter shows it under "(Blanks)").
        values = [
            (v or None) if type(v) is str else (None if _is_missing(v) else _text_of(v) or None)
            for v in s.tolist()
        ]
        return _Column(kind, values, "string", None)
    if pt.is_bool_dtype(s.dtype) and kind in ("bool", "number", "int"):
        values = [None if v is None or v is pd.NA else bool(v) for v in s.astype(object).tolist()]
        return _Column(kind, values, "boolean", None)
    if (pt.is_integer_dtype(s.dtype) or pt.is_float_dtype(s.dtype)) and not pt.is_bool_dtype(s.dtype):
        arr = s.astype(object).tolist()
        values = [
            None if v is None or v is pd.NA or (isinstance(v, float) and not math.isfinite(v)) else v
            for v in arr
        ]
        return _Column(kind, values, "number", None)
    if isinstance(s.dtype, pd.DatetimeTZDtype) or pt.is_datetime64_dtype(s.dtype):
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_localize(None)
        serial = ((s - pd.Timestamp(_EXCEL_EPOCH)) / pd.Timedelta(days=1)).to_numpy(dtype="float64", na_value=np.nan)
        serial = np.where(serial < 61, serial - 1, serial)
        if (serial < 1).any():  # before 1900: Excel has no date for it, keep the text
            texts = s.dt.strftime("%Y-%m-%d %H:%M:%S").tolist()
            values, methods = [], []
            for x, t in zip(serial.tolist(), texts):
                if math.isnan(x):
                    values.append(None); methods.append("number")
                elif x < 1:
                    values.append(t); methods.append("string")
                else:
                    values.append(x); methods.append("number")
            return _Column(kind, values, "mixed", methods)
        values = [None if math.isnan(x) else x for x in serial.tolist()]
        return _Column(kind, values, "number", None)
    if pt.is_timedelta64_dtype(s.dtype):
        days = (s / pd.Timedelta(days=1)).to_numpy(dtype="float64", na_value=np.nan)
        return _Column(kind, [None if math.isnan(x) else x for x in days.tolist()], "number", None)
    want_date = kind in ("date", "datetime")
    if not want_date and pd.api.types.infer_dtype(s, skipna=True) in ("string", "empty"):
        # Only text (and blanks): the fast path.
        values = [v or None if type(v) is str else None for v in s.tolist()]
        return _Column(kind, values, "string", None)
    # Object column of mixed values: decide per cell.
    values, methods = [], []
    for v in s.tolist():
        if type(v) is str:
            if not v:
                values.append(None); methods.append("number")
                continue
            if want_date:
                parsed = _iso_date(v)
                if parsed is not None:
                    values.append(parsed); methods.append("number")
                    continue
            values.append(v); methods.append("string")
        elif _is_missing(v):
            values.append(None); methods.append("number")
        elif isinstance(v, (bool, np.bool_)):
            values.append(bool(v)); methods.append("boolean")
        elif isinstance(v, Decimal):
            if v.is_finite():
                values.append(v); methods.append("number")
            else:
                values.append(None); methods.append("number")
        elif isinstance(v, (int, np.integer)):
            values.append(int(v)); methods.append("number")
        elif isinstance(v, (float, np.floating)):
            values.append(float(v) if math.isfinite(v) else None); methods.append("number")
        elif isinstance(v, (dt.datetime, dt.date)):
            x = _serial(v)
            if x is None:
                values.append(v.isoformat()); methods.append("string")
            else:
                values.append(x); methods.append("number")
        elif isinstance(v, dt.time):
            values.append((v.hour * 3600 + v.minute * 60 + v.second + v.microsecond / 1e6) / 86400)
            methods.append("number")
        elif isinstance(v, dt.timedelta):
            values.append(v.total_seconds() / 86400); methods.append("number")
        else:
            values.append(_text_of(v)); methods.append("string")
    if methods and all(m == "string" for m in methods):
        return _Column(kind, values, "string", None)
    if all(m == "number" for m in methods):
        return _Column(kind, values, "number", None)
    return _Column(kind, values, "mixed", methods)


def _iso_date(text: str) -> float | None:
    if len(text) < 10 or not text[:4].isdigit():
        return None
    try:
        value = dt.datetime.fromisoformat(text)
    except ValueError:
        return None
    return _serial(value)


def _text_of(v: Any) -> str:
    if isinstance(v, Decimal):
        return format(v, "f")
    if isinstance(v, dt.datetime):
        if not (v.hour or v.minute or v.second or v.microsecond):
            return v.date().isoformat()
        return v.isoformat(sep=" ", timespec="seconds" if not v.microsecond else "auto")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def _cell_width(v: Any, kind: str) -> int:
    if v is None:
        return 0
    if isinstance(v, str):
        return display_width(v)
    if kind in ("date",):
        return 10
    if kind in ("datetime",):
        return 16
    if kind in ("time", "duration"):
        return 6
    if kind == "percent":
        return 7
    if isinstance(v, bool):
        return 5
    try:
        if kind in ("int", "yen"):
            return len(f"{round(float(v)):,}")
        if kind == "hours":
            return len(f"{float(v):,.2f}")
        if kind == "rowno":
            return len(str(int(v)))
        return min(len(f"{float(v):.10G}"), 15)
    except (ValueError, OverflowError, TypeError):
        return 10


def _column_width(heading_text: str, s, kind: str, filter_button: bool) -> float:
    """A width that fits the heading and the values (full-width characters count 2)."""
    import pandas as pd

    # The first rows and the longest texts are enough to size a column.
    values = s.iloc[:500].tolist()
    if len(s) > 500 and kind not in ("date", "datetime", "time", "duration", "percent", "bool"):
        # Distinct values only: ledger columns repeat a lot.
        rest = pd.unique(s.iloc[500:].to_numpy(dtype=object)).tolist()
        lengths = pd.Series([len(v) if type(v) is str else 0 for v in rest], dtype="int64")
        values += [rest[i] for i in lengths.nlargest(20).index]
    col = _convert_column(pd.Series(values, dtype=object), kind)
    width = max([_cell_width(v, col.kind) for v in col.values] or [0])
    head = display_width(heading_text) + (3 if filter_button else 1)
    return float(min(max(width + 2, head, 6), 60))


class XlsxReport:
    """An Excel report built sheet by sheet and written atomically on :meth:`close`.

    Wraps an xlsxwriter ``Workbook`` with strings never turned into formulas, URLs or
    numbers. ``constant_memory=True`` streams rows to disk and writes table rows about
    7x faster (use it for Detail sheets above :data:`LARGE_SHEET_ROWS` rows): each
    sheet must then be written top to bottom, so :meth:`highlight` calls for a sheet
    must come *before* its :meth:`add_table`, and cells written through the returned
    worksheet must lie below what is already written. The result is the same workbook.

    Use it as a context manager: on an exception nothing is written (``discard``).
    Sheets are written in the order they are added.

    Examples:
        >>> import pandas as pd, tempfile, pathlib
        >>> out = pathlib.Path(tempfile.mkdtemp()) / "report.xlsx"
        >>> with XlsxReport(out, lang="en") as report:
        ...     ref = report.add_table("Detail", pd.DataFrame({"person": ["山田"], "hours": [7.5]}))
        >>> ref.first_row, ref.last_row, ref.columns
        (1, 1, {'person': 0, 'hours': 1})
        >>> out.exists()
        True
    """

    def __init__(
        self,
        path: str | os.PathLike,
        *,
        inputs: Iterable[str | os.PathLike] = (),
        lang: str = "ja",
        constant_memory: bool = False,
    ):
        import xlsxwriter

        self.path = Path(path)
        # Excel refuses a workbook whose extension does not match its content.
        if self.path.suffix.lower() != ".xlsx":
            raise OutputError(f"cannot write {path}: an Excel report needs a .xlsx file name")
        self.inputs = tuple(inputs)
        # Fail before the work, not after it.
        check_output_path(self.path, inputs=self.inputs)
        self.lang = lang
        self.constant_memory = constant_memory
        # The real file name is set in close(), inside atomic_output.
        self._workbook = xlsxwriter.Workbook(
            str(self.path),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "constant_memory": constant_memory,
                "nan_inf_to_errors": False,
                "default_date_format": "yyyy-mm-dd",
            },
        )
        # Marks the file as a ledgerkit report, so that intake can tell it from an input.
        self._workbook.set_properties({"author": "ledgerkit", "comments": REPORT_MARK})
        self._formats: dict[tuple, Any] = {}
        self._sheets: dict[str, _Sheet] = {}  # actual sheet name → state
        self._aliases: dict[str, str] = {}  # requested name → actual
        self._closed = False
        # highlight() calls for sheets not added yet: requested name → row → column → severity
        self._pending_by_request: dict[str, dict[int, dict[Any, str]]] = {}
        # A report dropped without close() or discard() leaves no temporary files behind.
        self._cleanup = weakref.finalize(self, _remove_row_files, self._workbook)

    # -- context manager ----------------------------------------------------------------
    def __enter__(self) -> "XlsxReport":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.close()
        else:
            self.discard()

    @property
    def workbook(self):
        """The underlying xlsxwriter ``Workbook`` (for charts and extra formats)."""
        return self._workbook

    # -- formats --------------------------------------------------------------------------
    def format(self, kind: str | None = None, *, severity: str | None = None, bold: bool = False,
               header: bool = False, total: bool = False, title: bool = False):
        """A cached xlsxwriter Format for a column kind, highlighted by severity or bold."""
        key = (kind, severity, bold, header, total, title)
        fmt = self._formats.get(key)
        if fmt is not None:
            return fmt
        props: dict[str, Any] = {}
        num = NUMBER_FORMATS.get(kind) if kind else None
        if num and num != "@":
            props["num_format"] = num
        if severity:
            fill, font = SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["error"])
            props.update(bg_color=fill, font_color=font)
        if bold or header or total or title:
            props["bold"] = True
        if header:
            props.update(bottom=1, text_wrap=False, valign="vcenter")
        if total:
            props["top"] = 1
        if title:
            props["font_size"] = 14
        fmt = self._workbook.add_format(props) if props else None
        self._formats[key] = fmt
        return fmt

    # -- sheets ---------------------------------------------------------------------------
    def _new_sheet(self, name: str) -> _Sheet:
        if name in self._aliases:
            raise ValueError(f"sheet {name!r} was already added to this report")
        actual = safe_sheet_name(name, taken=self._sheets.keys())
        ws = self._workbook.add_worksheet(actual)
        # printed for a manager: A4 landscape, one page wide, the date and page in the footer
        ws.set_paper(9)
        ws.set_landscape()
        ws.fit_to_pages(1, 0)
        ws.set_footer("&L&D&R&P / &N")
        state = _Sheet(actual, ws)
        self._sheets[actual] = state
        self._aliases[name] = actual
        return state

    def _check_open(self) -> None:
        if self._closed:
            raise ValueError("this report has already been closed")

    def add_table(
        self,
        name: str,
        frame,
        *,
        formats: Mapping[Any, str] | None = None,
        headings: Mapping[Any, str] | None = None,
        table: bool = True,
        freeze: bool = True,
        start_row: int = 0,
        title: str | None = None,
        style: str = "Table Style Medium 2",
    ) -> TableRef:
        """Write ``frame`` as a table on a new sheet ``name``; return where it went.

        ``formats`` maps a column to a kind — ``int``/``yen`` (``#,##0``), ``hours``
        (``#,##0.00``), ``date`` (``yyyy-mm-dd``), ``datetime``, ``percent`` (``0.0%``),
        ``text`` (every cell as text), ``number``/``general`` (General; each cell keeps
        its type), ``rowno`` (``0``) — and is inferred from the dtype, the values and
        the canonical column name otherwise. ``headings`` maps a column to the
        heading shown; by default :func:`heading` in the report's language. Text is
        always written as text; ``NA``/``NaN``/``NaT`` and empty text become blank cells.
        The frame's index is not written (``reset_index()`` first to keep it).

        ``title`` is written in bold above the table (the header then starts on the
        third row); ``start_row`` leaves more rows above the header. In constant-memory
        mode nothing can be written above a table afterwards: pass ``title`` instead.
        """
        self._check_open()
        formats = dict(formats or {})
        for col, kind in formats.items():
            if kind not in NUMBER_FORMATS:
                raise ValueError(f"unknown format {kind!r} for column {col!r}; use one of {', '.join(KINDS)}")
        n_rows, n_cols = frame.shape
        if title is not None:
            start_row = max(start_row, 2)
        if n_cols > MAX_COLS:
            raise OutputError(f"cannot write sheet {name}: {n_cols:,} columns is more than Excel's {MAX_COLS:,}")
        if start_row + 1 + n_rows > MAX_ROWS:
            raise OutputError(
                f"cannot write sheet {name}: {n_rows:,} rows do not fit in one Excel sheet "
                f"(at most {MAX_ROWS - 1 - start_row:,}); write .csv instead"
            )
        state = self._new_sheet(name)
        ws = state.worksheet
        if title is not None:
            ws.write_string(0, 0, str(title), self.format(title=True))
        names = list(frame.columns)
        texts = _unique_headings(
            [(headings or {}).get(c) or heading(c, self.lang) for c in names]
        )
        state.frame = frame
        state.kinds = [formats.get(col) or _infer_kind(col, frame.iloc[:, i]) for i, col in enumerate(names)]
        state.first_row = start_row + 1
        for i, col in enumerate(names):
            state.col_index.setdefault(col, i)
        for r, marks in self._pending_by_request.pop(name, {}).items():
            for col, severity in marks.items():
                state.pending.setdefault(r, {})[self._column_position(state, col)] = severity

        use_table = table and n_cols > 0
        header_fmt = self.format(header=True)
        widths = [_column_width(texts[c], frame.iloc[:, c], state.kinds[c], filter_button=table)
                  for c in range(n_cols)]
        last_row = start_row + n_rows
        # An Excel Table needs at least one data row.
        table_args = (
            start_row, 0, max(last_row, start_row + 1), n_cols - 1,
            {
                "columns": [{"header": t, "header_format": header_fmt} for t in texts],
                "style": style,
                "autofilter": True,
            },
        )
        if self.constant_memory:
            self._stream_table(state, texts, header_fmt, table_args if use_table else None)
        else:
            if not use_table:
                for c, text in enumerate(texts):
                    ws.write_string(start_row, c, text, header_fmt)
            self._write_rows(state)
            if use_table:
                ws.add_table(*table_args)
        state.written = True

        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        if table and not use_table and n_cols:
            ws.autofilter(start_row, 0, max(last_row, start_row), n_cols - 1)
        if freeze:
            ws.freeze_panes(start_row + 1, 0)
        return TableRef(ws, start_row + 1, last_row, dict(state.col_index))

    def _chunks(self, state: _Sheet) -> Iterator[tuple[int, list[_Column]]]:
        """The frame's columns converted for Excel, ``ROW_CHUNK`` rows at a time."""
        frame, kinds = state.frame, state.kinds
        for start in range(0, len(frame), ROW_CHUNK):
            part = frame.iloc[start:start + ROW_CHUNK]
            columns = [_convert_column(part.iloc[:, c], kinds[c]) for c in range(len(kinds))]
            _check_strings(state, start, columns)
            yield start, columns

    def _cell_format(self, kind: str, severity: str | None = None):
        plain = kind in _PLAIN_KINDS
        if severity is None:
            return None if plain else self.format(kind)
        return self.format(None if plain else kind, severity=severity)

    def _write_rows(self, state: _Sheet) -> None:
        """Cell by cell through xlsxwriter (normal mode: it keeps the sheet in memory)."""
        ws = state.worksheet
        by_method = {"string": ws.write_string, "number": ws.write_number, "boolean": ws.write_boolean}
        write_blank = ws.write_blank
        formats = [self._cell_format(k) for k in state.kinds]
        pending = state.pending
        for start, columns in self._chunks(state):
            plans = [(col.values, by_method.get(col.method), col.methods, formats[c], col.kind)
                     for c, col in enumerate(columns)]
            first = state.first_row + start
            for i in range(len(columns[0].values) if columns else 0):
                row = first + i
                marks = pending.get(start + i) if pending else None
                for c, (values, fn, methods, fmt, kind) in enumerate(plans):
                    v = values[i]
                    if marks is not None and c in marks:
                        fmt = self._cell_format(kind, marks[c])
                        if v is None:
                            write_blank(row, c, None, fmt)
                            continue
                    elif v is None:
                        continue
                    if fn is None:
                        by_method[methods[i]](row, c, v, fmt)
                    else:
                        fn(row, c, v, fmt)
        state.pending = {}

    def _stream_table(self, state: _Sheet, texts: list[str], header_fmt, table_args) -> None:
        """Constant-memory mode: write the header and rows' XML straight into the row file.

        xlsxwriter spends ~7 µs per cell on its generic path; a Detail sheet of 300k
        rows × 10 columns would take 20 s. Here each column is turned into cell XML
        in one pass, as xlsxwriter writes it (``<c r= s=><v>``; strings through the
        shared string table, as in its normal mode), and whole rows go to the file
        xlsxwriter assembles into the sheet. A test checks the result cell for cell
        against xlsxwriter's own path.

        xlsxwriter refuses ``add_table`` in this mode (it would index every cell of
        the range); the Table is registered on its header and first row, then given
        its full range, which is all the Table part records.
        """
        from xlsxwriter.utility import xl_col_to_name, xl_range

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

        head = _Column("text", list(texts), "string", None)
        hstyle = _style_attr(header_fmt)
        write(f'<row r="{header_row + 1}">'
              + "".join(_cells_xml(_Column("text", [v], "string", None), letters[c], hstyle,
                                   [str(header_row + 1)], sst)[0] for c, v in enumerate(head.values))
              + "</row>")
        styles = [_style_attr(self._cell_format(k)) for k in state.kinds]
        pending = state.pending
        for start, columns in self._chunks(state):
            rnums = [str(r + 1) for r in range(first + start, first + start + len(columns[0].values))]
            marks: dict[int, dict[int, str]] = {}
            for i in range(start, start + len(rnums)) if pending else ():
                for c, severity in (pending.get(i) or {}).items():
                    marks.setdefault(c, {})[i - start] = _style_attr(self._cell_format(state.kinds[c], severity))
            cells = [_cells_xml(col, letters[c], styles[c], rnums, sst, marks.get(c))
                     for c, col in enumerate(columns)]
            write("".join(
                f'<row r="{rn}">{body}</row>'
                for rn, body in zip(rnums, map("".join, zip(*cells)))
                if body
            ))
        # Rows up to here are written: refuse later writes into them (they would be lost).
        ws.previous_row = first + n
        state.pending = {}

    def highlight(self, sheet: str, row: int, column: Any, severity: str = "error") -> None:
        """Colour one cell of a table by severity (``error``, ``warning``, ``info``).

        ``row`` is the frame's row position (0-based, as in ``frame.iloc``) and
        ``column`` the column name or position (``None``: the whole row, once the
        table is added). Works before :meth:`add_table` (the cell is written coloured)
        and, outside constant-memory mode, after it (the cell is written again with
        the colour). A sheet named here but never added is an error at :meth:`close`.
        """
        self._check_open()
        if severity not in SEVERITY_COLOURS:
            raise ValueError(f"unknown severity {severity!r}; use error, warning or info")
        if column is None:
            actual = self._aliases.get(sheet, sheet)
            state = self._sheets.get(actual)
            if state is None or state.frame is None:
                raise ValueError("highlight a whole row (column=None) after add_table(), or name the columns")
            for c in range(len(state.kinds)):
                self.highlight(sheet, row, c, severity)
            return
        actual = self._aliases.get(sheet, sheet)
        state = self._sheets.get(actual)
        if state is None:
            # Column names are resolved to positions when the table is added.
            self._pending_by_request.setdefault(sheet, {}).setdefault(row, {})[column] = severity
            return
        if state.frame is None:
            raise ValueError(f"sheet {state.name} is not a table written by add_table()")
        c = self._column_position(state, column)
        if not 0 <= row < len(state.frame):
            raise IndexError(f"row {row} is outside the table on sheet {state.name}")
        if not state.written:
            state.pending.setdefault(row, {})[c] = severity
            return
        if self.constant_memory:
            raise ValueError(
                "in constant-memory mode call highlight() before add_table() for that sheet"
            )
        col = _convert_column(state.frame.iloc[row:row + 1, c], state.kinds[c])
        v = col.values[0]
        fmt = self._cell_format(col.kind, severity)
        ws = state.worksheet
        r = state.first_row + row
        method = col.method if col.methods is None else col.methods[0]
        if v is None:
            ws.write_blank(r, c, None, fmt)
        elif method == "string":
            ws.write_string(r, c, v, fmt)
        elif method == "boolean":
            ws.write_boolean(r, c, v, fmt)
        else:
            ws.write_number(r, c, v, fmt)

    @staticmethod
    def _column_position(state: _Sheet, column: Any) -> int:
        if column in state.col_index:
            return state.col_index[column]
        if isinstance(column, int) and 0 <= column < len(state.kinds):
            return column
        raise KeyError(f"no column {column!r} on sheet {state.name}")

    def add_summary(
        self,
        name: str,
        pivot_frame,
        *,
        title: str | None = None,
        value_format: str = "number",
        chart: str | None = "column",
        totals: bool = True,
        index: Sequence[Any] | None = None,
        headings: Mapping[Any, str] | None = None,
    ) -> TableRef:
        """A pivot with a bold total row (and total column) and a chart of the totals.

        ``pivot_frame`` is what ``DataFrame.pivot_table`` returns (index levels become
        the leading columns) or a flat frame whose leading ``index`` columns label the
        rows. Every other column is a value column shown with ``value_format``. Totals
        are Excel ``SUM`` formulas that also carry their computed value, so the numbers
        are right even in viewers that do not recalculate. ``chart`` (``"column"``,
        ``"bar"`` or ``None``) plots the row totals by the first index column.
        """
        self._check_open()
        import pandas as pd

        if value_format not in NUMBER_FORMATS:
            raise ValueError(f"unknown format {value_format!r}; use one of {', '.join(KINDS)}")
        if chart not in ("column", "bar", None):
            raise ValueError(f"unknown chart {chart!r}; use column, bar or None")
        frame = pivot_frame
        if index is None:
            if isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None:
                index = [n if n is not None else f"level_{i}" for i, n in enumerate(frame.index.names)]
                frame = frame.reset_index()
                frame.columns = _flatten_columns(frame.columns)
                index = list(frame.columns[: len(index)])
            else:
                frame = frame.copy(deep=False)
                frame.columns = _flatten_columns(frame.columns)
                index = []
                for col in frame.columns:
                    if pd.api.types.is_numeric_dtype(frame[col].dtype) and not pd.api.types.is_bool_dtype(frame[col].dtype):
                        break
                    index.append(col)
        else:
            frame = frame.copy(deep=False)
            frame.columns = _flatten_columns(frame.columns)
        index = [c if isinstance(c, str) else str(c) for c in index]
        value_cols = [c for c in frame.columns if c not in index]
        n_idx, n_val = len(index), len(value_cols)
        if n_idx == 0:
            raise ValueError("add_summary needs at least one index column")
        total_col = totals and n_val > 1
        label = _pick(TOTAL_LABEL, self.lang)
        # xlsxwriter drops a cell beyond Excel's grid without a word: refuse instead
        width = n_idx + n_val + (1 if total_col else 0)
        if width > MAX_COLS:
            raise OutputError(
                f"cannot write sheet {name}: {width:,} columns is more than Excel's {MAX_COLS:,}; "
                f"put a field with fewer values across (the last --by field), or write .csv"
            )
        height = (3 if title else 1) + len(frame) + (1 if totals else 0)
        if height > MAX_ROWS:
            raise OutputError(
                f"cannot write sheet {name}: {len(frame):,} rows do not fit in one Excel sheet; write .csv instead"
            )

        state = self._new_sheet(name)
        ws = state.worksheet
        header_row = 2 if title else 0
        first = header_row + 1
        n = len(frame)
        last = first + n - 1
        if title:
            ws.write_string(0, 0, str(title), self.format(title=True))
        head_fmt = self.format(header=True)
        texts = _unique_headings(
            [(headings or {}).get(c) or heading(c, self.lang) for c in list(index) + value_cols]
            + ([label] if total_col else [])
        )
        for c, text in enumerate(texts):
            ws.write_string(header_row, c, text, head_fmt)

        idx_cols = [_convert_column(frame[c], "text") for c in index]
        val_cols = [_convert_column(frame[c], value_format) for c in value_cols]
        val_fmt = self.format(value_format) if value_format not in _PLAIN_KINDS else None
        bold_val = self.format(value_format, total=True)  # the total row: bold, rule above
        row_total_fmt = self.format(value_format, bold=True)  # the total column: bold
        bold_label = self.format(total=True)
        row_totals: list[Any] = []
        for i in range(n):
            r = first + i
            for c, col in enumerate(idx_cols):
                v = col.values[i]
                if v is not None:
                    ws.write_string(r, c, v)
            row_sum: Any = 0
            for j, col in enumerate(val_cols):
                v = col.values[i]
                if v is None:
                    continue
                if isinstance(v, str):
                    ws.write_string(r, n_idx + j, v)
                    continue
                ws.write_number(r, n_idx + j, v, val_fmt)
                row_sum = _add(row_sum, v)
            row_totals.append(row_sum)
            if total_col:
                tc = n_idx + n_val
                formula = f"=SUM({_cell(r, n_idx)}:{_cell(r, n_idx + n_val - 1)})"
                ws.write_formula(r, tc, formula, row_total_fmt, _num(row_sum))
        total_row = None
        if totals:
            total_row = last + 1
            ws.write_string(total_row, 0, label, bold_label)
            for c in range(1, n_idx):
                ws.write_blank(total_row, c, None, bold_label)
            sums = []
            for j, col in enumerate(val_cols):
                s: Any = 0
                for v in col.values:
                    if v is not None and not isinstance(v, str):
                        s = _add(s, v)
                sums.append(s)
                c = n_idx + j
                formula = f"=SUM({_cell(first, c)}:{_cell(last, c)})" if n else "=0"
                ws.write_formula(total_row, c, formula, bold_val, _num(s))
            if total_col:
                tc = n_idx + n_val
                grand = sum(sums[1:], sums[0]) if sums else 0
                formula = f"=SUM({_cell(first, tc)}:{_cell(last, tc)})" if n else "=0"
                ws.write_formula(total_row, tc, formula, bold_val, _num(grand))

        widths = [max([display_width(texts[c]) + 2] + [display_width(v) + 2 for v in col.values if v]) for c, col in enumerate(idx_cols)]
        for c, w in enumerate(widths):
            ws.set_column(c, c, min(max(w, 6), 40))
        for j, col in enumerate(val_cols):
            c = n_idx + j
            ws.set_column(c, c, _column_width(texts[c], frame[value_cols[j]], value_format, filter_button=False) + 1)
        if total_col:
            ws.set_column(n_idx + n_val, n_idx + n_val, max(10, display_width(label) + 4))
        ws.freeze_panes(first, n_idx)

        if chart and n and n_val:
            self._summary_chart(ws, name=state.name, chart=chart, title=title, first=first, last=last,
                                n_idx=n_idx, n_val=n_val, total_col=total_col, idx_values=idx_cols[0].values,
                                row_totals=row_totals if total_col or n_val == 1 else
                                [v if isinstance(v, (int, float, Decimal)) else 0 for v in val_cols[0].values],
                                after_row=(total_row if total_row is not None else last),
                                header_text=texts[0], value_format=value_format, header_row=header_row,
                                series_name=label if total_col or n_val == 1 else texts[n_idx])
        state.first_row = first
        state.written = True
        cols = {c: i for i, c in enumerate(list(index) + value_cols)}
        if total_col:
            cols[label] = n_idx + n_val
        return TableRef(ws, first, last, cols)

    def _summary_chart(self, ws, *, name, chart, title, first, last, n_idx, n_val, total_col,
                       idx_values, row_totals, after_row, header_text, value_format, header_row,
                       series_name) -> None:
        value_col = n_idx + n_val if total_col else n_idx
        if n_idx == 1:
            cat = (first, 0, last, 0)
            val = (first, value_col, last, value_col)
        else:
            # Totals by the first index: a small block below the pivot feeds the chart.
            groups: dict[str, Any] = {}
            for k, t in zip(idx_values, row_totals):
                key = k if k is not None else ""
                groups[key] = _add(groups.get(key, 0), t)
            start = after_row + 2
            label = _pick(TOTAL_LABEL, self.lang)
            head_fmt = self.format(header=True)
            ws.write_string(start, 0, header_text, head_fmt)
            ws.write_string(start, 1, label, head_fmt)
            fmt = self.format(value_format) if value_format not in _PLAIN_KINDS else None
            key_rng = f"{_cell(first, 0, True)}:{_cell(last, 0, True)}"
            sum_rng = f"{_cell(first, value_col, True)}:{_cell(last, value_col, True)}"
            for i, (k, t) in enumerate(groups.items()):
                r = start + 1 + i
                ws.write_string(r, 0, k)
                # EXACT, not SUMIF: a SUMIF criterion reads < > = * ? ~ in a project code as an operator
                ws.write_formula(r, 1, f"=SUMPRODUCT(--EXACT({key_rng},{_cell(r, 0)}),{sum_rng})", fmt, _num(t))
            cat = (start + 1, 0, start + len(groups), 0)
            val = (start + 1, 1, start + len(groups), 1)
        ch = self._workbook.add_chart({"type": chart})
        ch.add_series({
            "name": series_name,
            "categories": [name, *cat],
            "values": [name, *val],
        })
        if title:
            ch.set_title({"name": str(title)})
        ch.set_legend({"none": True})
        if chart == "bar":
            ch.set_y_axis({"reverse": True})
        ws.insert_chart(header_row, n_idx + n_val + (2 if total_col else 1), ch,
                        {"x_scale": 1.3, "y_scale": 1.2})

    def add_issues(self, issues: Iterable[Any], lang: str | None = None, *, name: str | None = None) -> TableRef:
        """The Issues sheet: one row per issue, errors red and warnings yellow.

        Columns: severity, scope, message, source_file, source_sheet, source_row,
        column, value, code (headings in the report's language).
        """
        from ledgerkit.core.issues import issues_frame

        lang = lang or self.lang
        issues = list(issues)
        frame = issues_frame(issues, lang)
        frame = frame[["severity", "scope", "message", "source_file", "source_sheet",
                       "source_row", "column", "value", "code"]].copy()
        severities = frame["severity"].tolist()
        frame["severity"] = [_pick(SEVERITY_LABELS[s], lang) if s in SEVERITY_LABELS else s for s in severities]
        frame["scope"] = [_pick(SCOPE_LABELS[s], lang) if s in SCOPE_LABELS else s for s in frame["scope"].tolist()]
        sheet = name or sheet_name("issues", lang)
        for i, sev in enumerate(severities):
            if sev in ("error", "warning"):
                for c in range(frame.shape[1]):
                    self.highlight(sheet, i, c, sev)
        headings = {c: heading(c, lang) for c in frame.columns}
        formats = {c: "text" for c in frame.columns}
        formats["source_row"] = "rowno"
        return self.add_table(sheet, frame, formats=formats, headings=headings)

    # -- closing --------------------------------------------------------------------------
    def close(self) -> Path:
        """Write the workbook to its path, atomically; returns the path."""
        self._check_open()
        from xlsxwriter.exceptions import XlsxWriterException

        if self._pending_by_request:
            names = ", ".join(sorted(self._pending_by_request))
            self.discard()
            raise ValueError(f"highlight() named sheets that were never added: {names}")

        if not self._workbook.worksheets():
            self._workbook.add_worksheet(sheet_name("summary", self.lang))
        with atomic_output(self.path, inputs=self.inputs) as tmp:
            self._workbook.filename = str(tmp)
            try:
                self._workbook.close()
            except XlsxWriterException as exc:
                raise OutputError(f"cannot write {self.path}: {exc}") from exc
            except UnicodeEncodeError as exc:
                raise OutputError(
                    f"cannot write {self.path}: a cell holds text that is not valid Unicode ({exc.reason})"
                ) from exc
            finally:
                self._closed = True
                self._cleanup()
        return self.path

    def discard(self) -> None:
        """Give up the report: nothing is written (temporary row files are removed)."""
        if self._closed:
            return
        self._closed = True
        self._workbook.fileclosed = True  # never written, not even by xlsxwriter's close()
        self._cleanup()


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


def _unique_headings(texts: list[str]) -> list[str]:
    """Excel Tables need unique, non-empty headers: ``金額``, ``金額 (2)``, ..."""
    seen: set[str] = set()
    out = []
    for i, t in enumerate(texts):
        t = str(t) if t not in (None, "") else f"Column{i + 1}"
        base, k = t, 2
        while t.lower() in seen:
            t = f"{base} ({k})"
            k += 1
        seen.add(t.lower())
        out.append(t)
    return out


def _flatten_columns(columns) -> list[str]:
    import pandas as pd

    if isinstance(columns, pd.MultiIndex):
        levels = [list(map(str, t)) for t in columns]
        # Drop a level that is the same everywhere (the ``values=`` name of pivot_table).
        keep = [k for k in range(columns.nlevels) if len({t[k] for t in levels}) > 1] or [columns.nlevels - 1]
        return [" / ".join(t[k] for k in keep if t[k]) or t[-1] for t in levels]
    return [c if isinstance(c, str) else str(c) for c in columns]


def _cell(row: int, col: int, absolute: bool = False) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a if not isinstance(a, float) else repr(a)) + Decimal(b if not isinstance(b, float) else repr(b))
    return a + b


def _num(v: Any) -> Any:
    """A formula's cached value as xlsxwriter wants it (a number)."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


__all__ = [
    "atomic_output",
    "check_output_path",
    "write_frame",
    "frame_to_json",
    "iter_json",
    "neutralize",
    "terminal_safe",
    "XlsxReport",
    "TableRef",
    "HEADINGS_JA",
    "HEADINGS_EN",
    "SHEET_NAMES",
    "heading",
    "sheet_name",
    "safe_sheet_name",
    "display_width",
    "NUMBER_FORMATS",
    "FRAME_SUFFIXES",
    "LARGE_SHEET_ROWS",
    "REPORT_MARK",
]
