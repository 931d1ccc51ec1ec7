"""What the formulas of an xlsx sheet say about it: a summary of other sheets, or data of its own.

A sheet named 集計, 月次集計 or 工数マスタ may be a summary (its cells are formulas reading the
other sheets, or a pivot table) — counting it would count the hours twice — or a list of data
someone named that way. The cell values calamine returns do not tell; the sheet's XML does.
:func:`formula_facts` reads it (only for the sheets that need it) without evaluating anything.
"""

from __future__ import annotations

import html
import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

from ledgerkit.core.issues import Issue

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: the biggest sheet part looked at (bigger parts are data, not a summary)
MAX_PART = 64 << 20


@dataclass(frozen=True)
class FormulaFacts:
    """How many cells are formulas, how many of them read another sheet, and whether a pivot table sits on it."""

    formulas: int = 0
    cross_sheet: int = 0
    pivot: bool = False

    @property
    def summarizes_other_sheets(self) -> bool:
        """A pivot, or formulas that read other sheets (=SUM('山田'!D5:D35)): a summary, not data."""
        return self.pivot or self.cross_sheet > 0


def formula_facts(path: str | Path, sheet_name: str) -> FormulaFacts | None:
    """The formula facts of ``sheet_name`` in an xlsx/xlsm file, or None when they cannot be known
    (another format, a damaged part, a sheet too big to be a summary)."""
    try:
        with zipfile.ZipFile(path) as z:
            part = sheet_parts(z).get(sheet_name)
            if part is None:
                return None
            info = z.getinfo(part)
            if info.file_size > MAX_PART:
                return None
            formulas = cross = 0
            for m in _F_ELEMENT.finditer(z.read(info)):
                formulas += 1
                if m.group(2) and b"!" in m.group(2):
                    cross += 1
            return FormulaFacts(formulas, cross, _has_pivot(z, part))
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError, ElementTree.ParseError):
        return None
    except Exception:  # noqa: BLE001 - defusedxml refusals and zlib errors: unknown, not a crash
        return None


def _has_pivot(z: zipfile.ZipFile, part: str) -> bool:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        data = z.read(rels)
    except KeyError:
        return False
    return b"/pivotTable" in data


# --- formulas saved without their value ---------------------------------------------------------
#
# Excel saves each formula's last result beside it (<f>C2*D2</f><v>2000</v>); calamine reads that
# value. openpyxl and some exporters save the formula alone (<v></v> or no <v>), and calamine then
# gives an empty cell: an hours or amount cell would silently become blank. The sheet's XML is
# scanned for such cells, streamed in chunks; a chunk without "<f" costs one bytes search.

#: a formula element: its attributes and its text (a shared formula's child has none, and counts too)
_F_ELEMENT = re.compile(rb"<(?:\w+:)?f\b([^>]*?)(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
#: the same, unprefixed (<f>): found faster
_F_PLAIN = re.compile(rb"<f\b([^>]*?)(?:/>|>(.*?)</f>)", re.S)
#: a value element with something in it
_V_FILLED = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_ATTR = re.compile(rb'\b(r|t|si|ref)="([^"]*)"')
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})$")
#: how far before a formula its cell's opening tag is looked for
_TAG_BACK = 1024
#: the bytes read from the sheet part at a time
CHUNK = 1 << 20
#: a row's XML longer than this (no </row> in it) is scanned as it is, not kept waiting
MAX_CARRY = 16 << 20


@dataclass(frozen=True)
class UnsavedFormulas:
    """The cells of a sheet holding a formula and no saved result: ``cells`` lists the first ones
    as ``(cell, row, column, formula)`` (``"E2"``, 0-based row and column, ``"=C2*D2"``), ``total``
    counts them all."""

    cells: tuple[tuple[str, int, int, str], ...] = ()
    total: int = 0


def sheet_parts(z: zipfile.ZipFile) -> dict[str, str]:
    """Each worksheet's name → its part in the zip (``xl/worksheets/sheet1.xml``)."""
    workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
    ids = {s.get(f"{_NS_REL}id"): s.get("name") for s in workbook.iter(f"{_NS_MAIN}sheet")}
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    out = {}
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        name = ids.get(rel.get("Id"))
        if name is None:
            continue
        target = rel.get("Target", "")
        out[name] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return out


def unsaved_formulas(z: zipfile.ZipFile, part: str, *, limit: int = 200) -> UnsavedFormulas:
    """The formula cells of the sheet ``part`` saved without a result (at most ``limit`` listed).

    A cell typed ``t="str"`` with an empty value is a formula whose result is the empty text
    (Excel saves =IF(…,"",…) so): it has its result and is not listed.
    """
    cells: list[tuple[str, int, int, str]] = []
    total = 0
    shared: dict[bytes, str] = {}
    carry = b""
    with z.open(part) as stream:
        while True:
            chunk = stream.read(CHUNK)
            buf = carry + chunk
            if not chunk:
                cut = len(buf)
            else:
                # whole rows only: a cell is never cut in two between chunks
                cut = buf.rfind(b"row>") + 4
                if cut < 4:
                    cut = len(buf) if len(buf) > MAX_CARRY else 0
            region, carry = buf[:cut], buf[cut:]
            if b"f" in region and (b"<f" in region or b":f" in region):
                total += _scan(region, cells, shared, limit)
            if not chunk:
                break
    return UnsavedFormulas(tuple(cells), total)


def _scan(region: bytes, cells: list, shared: dict[bytes, str], limit: int) -> int:
    """Count the formula cells of ``region`` without a result, listing them in ``cells``."""
    # Python's re finds a literal start fast: the plain <f> of almost every file; a sheet
    # written with prefixed tags (<x:f>) goes through the general pattern
    plain = b"<f" in region
    pattern, cell_tag = (_F_PLAIN, b"<c") if plain else (_F_ELEMENT, b":c ")
    found = 0
    for m in pattern.finditer(region):
        after = m.end()
        if region.startswith(b"<v>", after) and region[after + 3:after + 4] not in (b"<", b""):
            continue  # the usual case: Excel's <f>…</f><v>2000</v>
        # the cell's tag is just before its formula: look back a little, never to the region's start
        start = region.rfind(cell_tag, max(0, m.start() - _TAG_BACK), m.start())
        if start < 0:
            continue
        end = region.find(b"c>", after)
        end = end if end >= 0 else len(region)
        attrs = dict(_ATTR.findall(region, start, region.find(b">", start)))
        f_attrs = dict(_ATTR.findall(m.group(1)))
        text = html.unescape((m.group(2) or b"").decode("utf-8", "replace"))
        if f_attrs.get(b"t") == b"shared" and text:
            shared[f_attrs.get(b"si", b"")] = text
        if _V_FILLED.search(region, after, end) is not None:
            continue
        if attrs.get(b"t") == b"str" and b"<v" in region[after:end]:
            continue  # a formula whose result is the empty text
        if not text and f_attrs.get(b"t") == b"shared":
            text = shared.get(f_attrs.get(b"si", b""), "")
        found += 1
        if len(cells) < limit:
            ref = attrs.get(b"r", b"").decode("ascii", "replace")
            where = _CELL_REF.match(ref)
            row = int(where.group(2)) - 1 if where else -1
            col = _column_index(where.group(1)) if where else -1
            cells.append((ref, row, col, "=" + text if text else ""))
    return found


def _column_index(letters: str) -> int:
    """``"A"`` → 0, ``"AB"`` → 27."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def unsaved_formula_issues(unsaved: UnsavedFormulas | None, file: str, sheet: str,
                           rows_used: set[int] | None = None) -> list[Issue]:
    """One error per formula cell read as empty for want of its saved result (the cell, the
    formula, what to do), and one more counting the cells beyond those listed.

    ``rows_used`` (Excel rows the reader kept or rejected): a cell outside them fed no figure
    (a 曜日 formula on a day not worked, a template's empty months), so those are counted in one
    warning for the sheet, with the first cells, instead of an error each."""
    if unsaved is None or not unsaved.total:
        return []
    used = [c for c in unsaved.cells if rows_used is None or c[1] + 1 in rows_used]
    out = [
        Issue("formula_not_saved", file, sheet, row + 1 if row >= 0 else None, column=ref, value=formula,
              severity="error", scope="cell", params={"cell": ref or "?", "formula": formula or "=?"})
        for ref, row, _, formula in used
    ]
    others = [c[0] for c in unsaved.cells if rows_used is not None and c[1] + 1 not in rows_used]
    if others:
        shown = ", ".join(others[:8]) + (" …" if len(others) > 8 else "")
        out.append(Issue("formula_not_saved_elsewhere", file, sheet, severity="warning", scope="sheet",
                         params={"n": f"{len(others):,}", "cells": shown}))
    # the cells past the listed ones: their rows are not known, so not said to be unused
    more = unsaved.total - len(unsaved.cells)
    if more > 0:
        out.append(Issue("formula_not_saved_more", file, sheet, severity="error", scope="cell",
                         params={"n": f"{more:,}"}))
    return out
