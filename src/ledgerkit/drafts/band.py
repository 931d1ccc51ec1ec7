"""The line band of an Excel form: the rows between ``{% for %}`` and ``{% endfor %}``, repeated
once per line, with everything below shifted as Excel's insert-row does (see
``ledgerkit.drafts.xlsx_form``'s docstring for what moves and how)."""

from __future__ import annotations

import copy
import re
from collections import OrderedDict
from dataclasses import dataclass

from ledgerkit.core.errors import TemplateError
from ledgerkit.drafts.formula_refs import _map_ref, _Part, _split_sheet, rewrite_formula

__all__ = ["Band", "find_band", "expand_band"]

_FOR = re.compile(r"^\s*\{%-?\s*for\s+(\w+)\s+in\s+(.+?)\s*-?%\}")
_ENDFOR = re.compile(r"\{%-?\s*endfor\s*-?%\}\s*$")


@dataclass(frozen=True)
class Band:
    """A repeating band: rows ``first..last`` (1-based, inclusive) of ``sheet``."""

    sheet: str
    first: int
    last: int
    var: str
    iterable: str

    @property
    def height(self) -> int:
        return self.last - self.first + 1


class _Shifter:
    """Row arithmetic for inserting ``extra`` rows after a band (rows first..last)."""

    def __init__(self, band: Band, extra: int):
        self.b = band
        self.k = extra

    def outside(self, parts: list[_Part]) -> None:
        """A reference from outside the band: Excel's insert-row, widening at the band's last row."""
        b, k = self.b, self.k
        if len(parts) == 1:
            p = parts[0]
            if p.row is not None and p.row > b.last:
                p.row += k
            return
        start, end = parts
        if start.row is None or end.row is None:
            return
        lo, hi = sorted((start, end), key=lambda p: p.row)
        if lo.row > b.last:
            lo.row += k
        if hi.row >= b.last:
            hi.row += k

    def inside(self, parts: list[_Part], offset: int) -> None:
        """A reference from the band's copy ``offset`` rows down: band cells move with the line
        (unless the row is absolute), cells below the band move with the insertion."""
        b, k = self.b, self.k
        for p in parts:
            if p.row is None:
                continue
            if b.first <= p.row <= b.last:
                if not p.row_abs:
                    p.row += offset
            elif p.row > b.last:
                p.row += k


# --- the band ---------------------------------------------------------------------


def find_band(ws) -> Band | None:
    """The sheet's line band, from its ``{% for %}`` / ``{% endfor %}`` tags."""
    start = end = None
    var = iterable = ""
    for row in ws.iter_rows():
        for cell in row:
            v = cell.value
            if not isinstance(v, str) or "{%" not in v:
                continue
            m = _FOR.match(v)
            if m:
                if start is not None:
                    raise TemplateError(key="draft_band_second", params={"place": f"{ws.title}!{cell.coordinate}"})
                start, var, iterable = cell.row, m.group(1), m.group(2)
            if _ENDFOR.search(v):
                if start is None:
                    raise TemplateError(key="draft_band_endfor_alone", params={"place": f"{ws.title}!{cell.coordinate}"})
                if end is not None:
                    raise TemplateError(key="draft_band_second_endfor", params={"place": f"{ws.title}!{cell.coordinate}"})
                end = cell.row
    if start is None:
        return None
    if end is None:
        raise TemplateError(key="draft_band_no_endfor",
                            params={"sheet": ws.title, "row": start, "var": var, "iterable": iterable})
    return Band(ws.title, start, end, var, iterable)


def strip_tags(ws, band: Band) -> None:
    """Remove the ``{% for %}`` and ``{% endfor %}`` tags from the band's cells (a cell left empty becomes None)."""
    for r in range(band.first, band.last + 1):
        for c in range(1, ws.max_column + 1):
            cell = ws._cells.get((r, c))
            if cell is None or not isinstance(cell.value, str):
                continue
            v = cell.value
            if r == band.first:
                v = _FOR.sub("", v, count=1)
            if r == band.last:
                v = _ENDFOR.sub("", v)
            if v != cell.value:
                cell.value = v if v.strip() else None


def expand_band(wb, ws, band: Band, count: int) -> None:
    """Repeat the band ``count`` times, shifting what is below (see ``ledgerkit.drafts.xlsx_form``)."""
    k = (count - 1) * band.height
    shifter = _Shifter(band, k)
    # 1. formulas everywhere (before moving cells: the band copies read the originals)
    _shift_formulas(wb, ws, band, shifter)
    if k == 0:
        for cell in _band_cells(ws, band):
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.value = rewrite_formula(
                    cell.value,
                    lambda s, ref: _map_ref(ref, _on_band_sheet(s, ws.title, ws.title), lambda p: shifter.inside(p, 0)),
                )
        return
    # 2. move the cells below the band down by k
    _move_rows_below(ws, band, k)
    # 3. the band's copies: values, styles, formulas re-based, row heights
    _copy_band(ws, band, count, shifter)
    # 4. merged cells: below → shift, spanning the band's end → widen, inside → repeat
    _shift_merged_cells(ws, band, count, k)
    # 5. data validations (drop-down lists) below move, those reaching the band's end widen
    for dv in ws.data_validations.dataValidation:
        for cr in dv.sqref.ranges:
            if cr.min_row > band.last:
                cr.shift(row_shift=k)
            elif cr.max_row >= band.last:
                cr.expand(down=k)
    # 6. conditional formats: a format on the band's rows covers every line; those below move
    _shift_conditional_formats(ws, band, k, shifter)
    # 7. print area, images, charts
    _shift_print_area_and_drawings(ws, band, k, shifter)


def _on_band_sheet(sheet: str | None, own_title: str, title: str) -> bool:
    """Whether a reference (``sheet`` None: to its own sheet ``own_title``) points at the band's sheet ``title``."""
    return (sheet is None and own_title == title) or sheet == title


def _shift_formulas(wb, ws, band: Band, shifter: _Shifter) -> None:
    """Formulas on every sheet outside the band, and defined names, as Excel's insert-row shifts them."""
    title = ws.title
    for other in wb.worksheets:
        for row in other.iter_rows():
            for cell in row:
                if cell.data_type != "f" or not isinstance(cell.value, str):
                    continue
                if other is ws and band.first <= cell.row <= band.last:
                    continue
                cell.value = rewrite_formula(
                    cell.value,
                    lambda s, ref, own=other.title: _map_ref(ref, _on_band_sheet(s, own, title), shifter.outside),
                )
    for name, dn in list(wb.defined_names.items()):
        if dn.attr_text and "!" in dn.attr_text:
            dn.attr_text = rewrite_formula("=" + dn.attr_text, lambda s, ref: _map_ref(ref, s == title, shifter.outside))[1:]
    for other in wb.worksheets:
        for name, dn in list(other.defined_names.items()):
            if dn.attr_text:
                dn.attr_text = rewrite_formula(
                    "=" + dn.attr_text,
                    lambda s, ref, own=other.title: _map_ref(ref, _on_band_sheet(s, own, title), shifter.outside),
                )[1:]


def _move_rows_below(ws, band: Band, k: int) -> None:
    """The cells, hyperlinks, row heights and hidden rows below the band, ``k`` rows down."""
    moved = {}
    for (r, c), cell in ws._cells.items():
        if r > band.last:
            cell.row = r + k
            moved[(r + k, c)] = cell
        else:
            moved[(r, c)] = cell
    ws._cells = moved
    # a hyperlink remembers its cell's address: point it at the cell's new place
    for cell in moved.values():
        link = getattr(cell, "hyperlink", None)
        if link is not None:
            link.ref = cell.coordinate
    # row heights and hidden rows
    dims = ws.row_dimensions
    below = sorted((r for r in list(dims.keys()) if r > band.last), reverse=True)
    for r in below:
        d = dims.pop(r)
        d.index = r + k
        dims[r + k] = d


def _copy_band(ws, band: Band, count: int, shifter: _Shifter) -> None:
    """The band's copies: values, styles, formulas re-based per line, row heights."""
    from openpyxl.cell.cell import MergedCell

    h = band.height
    title = ws.title
    dims = ws.row_dimensions
    originals = list(_band_cells(ws, band))
    for i in range(count):
        offset = i * h
        for cell in originals:
            if i == 0:
                target = cell
            else:
                r = cell.row + offset
                if isinstance(cell, MergedCell):
                    target = MergedCell(ws, row=r, column=cell.column)
                else:
                    target = ws.cell(row=r, column=cell.column)
                ws._cells[(r, cell.column)] = target
                target._style = copy.copy(cell._style)
                if not isinstance(cell, MergedCell):
                    target._value = cell._value
                    target.data_type = cell.data_type
            if target.data_type == "f" and isinstance(target.value, str):
                target._value = rewrite_formula(
                    target.value,
                    lambda s, ref, o=offset: _map_ref(ref, _on_band_sheet(s, title, title), lambda p: shifter.inside(p, o)),
                )
    for i in range(1, count):
        for r in range(band.first, band.last + 1):
            if r in dims:
                d = copy.copy(dims[r])
                d.index = r + i * h
                dims[r + i * h] = d


def _shift_merged_cells(ws, band: Band, count: int, k: int) -> None:
    """Merged cells: below → shift, spanning the band's end → widen, inside → repeat per line."""
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    h = band.height
    new_ranges = []
    for mcr in list(ws.merged_cells.ranges):
        if mcr.min_row > band.last:
            mcr.shift(row_shift=k)
        elif mcr.min_row >= band.first and mcr.max_row <= band.last:
            for i in range(1, count):
                cr = CellRange(min_col=mcr.min_col, min_row=mcr.min_row + i * h, max_col=mcr.max_col, max_row=mcr.max_row + i * h)
                new_ranges.append(MergedCellRange(ws, cr.coord))
        elif mcr.max_row >= band.last:
            mcr.expand(down=k)
    for mcr in new_ranges:
        ws.merged_cells.add(mcr)


def _shift_conditional_formats(ws, band: Band, k: int, shifter: _Shifter) -> None:
    """A conditional format on the band's rows covers every line; those below move."""
    title = ws.title
    cf_list = ws.conditional_formatting
    reordered: OrderedDict = OrderedDict()
    for cf, rules in list(cf_list._cf_rules.items()):
        for cr in cf.sqref.ranges:
            if cr.min_row > band.last:
                cr.shift(row_shift=k)
            elif cr.max_row >= band.last:
                cr.expand(down=k)
        for rule in rules:
            if rule.formula:
                rule.formula = [
                    rewrite_formula("=" + f, lambda s, ref: _map_ref(ref, _on_band_sheet(s, title, title), shifter.outside))[1:]
                    for f in rule.formula
                ]
        reordered.setdefault(cf, []).extend(rules)  # keyed again by the new ranges
    cf_list._cf_rules = reordered


def _shift_print_area_and_drawings(ws, band: Band, k: int, shifter: _Shifter) -> None:
    """The print area, images and charts below the band move down ``k`` rows."""
    if ws.print_area:
        area = ws.print_area  # "'sheet'!$A$1:$G$40" (several areas joined by commas)
        shifted = []
        for one in area.split(","):
            shifted.append(rewrite_formula("=" + one, lambda s, ref: _map_ref(ref, True, shifter.outside))[1:])
        ws.print_area = [_split_sheet(a)[1] for a in shifted]
    for drawing in [*ws._images, *ws._charts]:
        anchor = drawing.anchor
        if isinstance(anchor, str):
            part = _Part.parse(anchor)
            if part and part.row is not None and part.row > band.last:
                part.row += k
                drawing.anchor = part.text()
            continue
        frm = getattr(anchor, "_from", None)
        to = getattr(anchor, "to", None)
        # anchors count rows from 0: row index band.last is Excel row band.last + 1
        if frm is not None and frm.row >= band.last:
            frm.row += k
            if to is not None:
                to.row += k
        elif to is not None and to.row >= band.last:
            to.row += k


def _band_cells(ws, band: Band):
    return [cell for (r, c), cell in sorted(ws._cells.items()) if band.first <= r <= band.last]
