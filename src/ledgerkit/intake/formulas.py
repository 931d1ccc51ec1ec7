"""What the formulas of an xlsx sheet say about it: a summary of other sheets, or data of its own.

A sheet named 集計, 月次集計 or 工数マスタ may be a summary (its cells are formulas reading the
other sheets, or a pivot table) — counting it would count the hours twice — or a list of data
someone named that way. The cell values calamine returns do not tell; the sheet's XML does.
:func:`formula_facts` reads it (only for the sheets that need it) without evaluating anything.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
#: a formula element and its text (shared formulas without text count too)
_FORMULA = re.compile(rb"<(?:\w+:)?f\b[^>]*?(?:/>|>(.*?)</(?:\w+:)?f>)", re.S)
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
            part = _sheet_part(z, sheet_name)
            if part is None:
                return None
            info = z.getinfo(part)
            if info.file_size > MAX_PART:
                return None
            formulas = cross = 0
            for m in _FORMULA.finditer(z.read(info)):
                formulas += 1
                if m.group(1) and b"!" in m.group(1):
                    cross += 1
            return FormulaFacts(formulas, cross, _has_pivot(z, part))
    except (OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError, EOFError, ElementTree.ParseError):
        return None
    except Exception:  # noqa: BLE001 - defusedxml refusals and zlib errors: unknown, not a crash
        return None


def _sheet_part(z: zipfile.ZipFile, sheet_name: str) -> str | None:
    workbook = ElementTree.fromstring(z.read("xl/workbook.xml"))
    rid = None
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        if sheet.get("name") == sheet_name:
            rid = sheet.get(f"{_NS_REL}id")
            break
    if rid is None:
        return None
    rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
    for rel in rels.iter(f"{_NS_PKG}Relationship"):
        if rel.get("Id") == rid:
            target = rel.get("Target", "")
            return target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    return None


def _has_pivot(z: zipfile.ZipFile, part: str) -> bool:
    folder, name = posixpath.split(part)
    rels = posixpath.join(folder, "_rels", name + ".rels")
    try:
        data = z.read(rels)
    except KeyError:
        return False
    return b"/pivotTable" in data
