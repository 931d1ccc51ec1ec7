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
    return RawWorkbook(str(path), "csv", [RawSheet(path.stem, "visible", rows, [], named=False)], reader="csv")


def _decode(path: Path, data: bytes, guess: str, lang: str) -> tuple[str, str]:
    """The text of a CSV file: UTF-8 with BOM, UTF-16 with BOM, UTF-8, else CP932."""
    if data.startswith(b"\xef\xbb\xbf"):
        order = ["utf-8-sig"]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        order = ["utf-16"]
    else:
        order = ["utf-8", "cp932"]
    failures: list[tuple[int, int, str]] = []
    for i, enc in enumerate(order):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError as e:
            failures.append((e.start, i, enc))
            continue
        if enc == "utf-16" and not _looks_like_text(text):
            # FF FE and then anything decodes as UTF-16: bytes that are not text are not a table
            raise _refuse(path, "bad_encoding", "file_not_text", lang, encoding="UTF-16")
        return text, enc
    # Name the line with the bad bytes, as a person would find it in a text editor: in the
    # encoding that read furthest (a UTF-8 file with one CP932 line fails as UTF-8 there,
    # and as CP932 at its first Japanese character); on a tie, the last one tried
    start, _, enc = max(failures)
    line = data.count(b"\n", 0, start) + 1
    raise _refuse(path, "bad_encoding", "file_bad_encoding", lang,
                  encoding=enc.upper().replace("-SIG", ""), line=f"{line:,}")


#: characters no text file holds: controls other than tab and line ends, unassigned code
#: points, private use, stray surrogates
_NOT_TEXT = frozenset({"Cc", "Cn", "Co", "Cs"})


def _looks_like_text(text: str, sample: int = 65536) -> bool:
    """Whether decoded text is text: at most 1 in 100 characters a control, unassigned or private."""
    import unicodedata

    head = text[:sample]
    if not head:
        return True
    odd = sum(1 for ch in head if ch not in "\t\r\n" and unicodedata.category(ch) in _NOT_TEXT)
    return odd * 100 <= len(head)


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
