"""Reading a CSV (or TSV) file: its encoding (UTF-8 with or without BOM, UTF-16, CP932)
and its delimiter decided from the bytes, one sheet named after the file.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ledgerkit.intake.raw import Cell, RawSheet, RawWorkbook
from ledgerkit.intake.refusals import _refuse
from ledgerkit.intake.sniff import Sniffed


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
