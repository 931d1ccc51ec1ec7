"""Fill the client's own Excel form: Jinja in cells, a repeating band of rows for lines.

The form is an ordinary ``.xlsx`` with Jinja in its cells:

- A cell that holds only ``{{ expr }}`` receives the typed value: a number stays a
  number and keeps the cell's number format; a date stays a date. Any other text with
  Jinja renders to a string, and is stored as text even when it starts with ``=``: a
  value from a workbook cell never becomes a formula.
- **Line band.** The first row of the band holds ``{% for line in lines %}`` at the start
  of one of its cells, the band's last row holds ``{% endfor %}`` at the end of one of
  its cells (the same row for a one-row band). The tags are removed; the rest of each
  cell is rendered once per line. One band per sheet.
- Each extra line inserts the band's rows below it and shifts everything below as
  Excel's insert-row does: cell values and styles, formulas on every sheet and defined
  names (a range that reaches the band's last row, like ``SUM(G7:G7)``, widens to cover
  every line), merged cells, row heights, data validations, conditional formats, the
  print area, images and charts.
- Formulas inside the band are re-based per line (``=C7*E7`` → ``=C8*E8``); a reference
  from the band to a cell outside it keeps pointing at that cell (a tax-rate cell needs
  no ``$``).
- After filling, every formula range that touches the lines must cover all of them,
  and when the caller gives the expected sum of the lines, a ``SUM`` over the band must
  come to it (evaluated here, in Decimal). Otherwise: TemplateError, nothing written.

Comments and hyperlinks move with their cells. Not repeated per line: images, comments
and hyperlinks inside the band.
"""

from __future__ import annotations

import ast
import copy
import datetime as dt
import os
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Callable, Mapping

from ledgerkit.core.errors import OutputError, TemplateError
from ledgerkit.drafts.text import t

_FOR = re.compile(r"^\s*\{%-?\s*for\s+(\w+)\s+in\s+(.+?)\s*-?%\}")
_ENDFOR = re.compile(r"\{%-?\s*endfor\s*-?%\}\s*$")
_ONLY_EXPR = re.compile(r"^\s*\{\{(.*?)\}\}\s*$", re.S)
_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$")
_ROWREF = re.compile(r"^(\$?)(\d+)$")
_COLREF = re.compile(r"^\$?[A-Za-z]{1,3}$")


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


# --- references ------------------------------------------------------------------


def _split_sheet(ref: str) -> tuple[str | None, str]:
    """``'売上 明細'!A1:B2`` → (``売上 明細``, ``A1:B2``); no sheet → (None, ref)."""
    if "!" not in ref:
        return None, ref
    prefix, _, rest = ref.rpartition("!")
    if prefix.startswith("'") and prefix.endswith("'"):
        prefix = prefix[1:-1].replace("''", "'")
    return prefix, rest


@dataclass
class _Part:
    """One end of a reference: a cell (col+row), a whole row, or a whole column."""

    col_abs: str = ""
    col: str = ""
    row_abs: str = ""
    row: int | None = None

    @classmethod
    def parse(cls, text: str) -> "_Part | None":
        m = _CELL.match(text)
        if m:
            return cls(m.group(1), m.group(2), m.group(3), int(m.group(4)))
        m = _ROWREF.match(text)
        if m:
            return cls("", "", m.group(1), int(m.group(2)))
        if _COLREF.match(text):
            return cls(col=text)
        return None

    def text(self) -> str:
        if self.row is None:
            return self.col
        return f"{self.col_abs}{self.col}{self.row_abs}{self.row}"


RowMap = Callable[[int, bool, str], int]
"""(row, row is absolute, role 'single'|'start'|'end') → new row"""


def _map_ref(ref: str, on_band_sheet: bool, mapper: Callable[[list[_Part]], None]) -> str:
    sheet, body = _split_sheet(ref)
    if not on_band_sheet:
        return ref
    texts = body.split(":")
    parts = [_Part.parse(t) for t in texts]
    if any(p is None for p in parts) or len(parts) > 2:
        return ref  # a defined name, a structured reference: left as it is
    mapper(parts)  # type: ignore[arg-type]
    new_body = ":".join(p.text() for p in parts)  # type: ignore[union-attr]
    return ref[: len(ref) - len(body)] + new_body


def rewrite_formula(formula: str, ref_fn: Callable[[str | None, str], str]) -> str:
    """Apply ``ref_fn(sheet_or_None, ref_text) -> new_ref_text`` to every range operand.

    Examples:
        >>> rewrite_formula("=SUM(D7:D7)+'表 1'!A1", lambda s, r: r.lower())
        "=SUM(d7:d7)+'表 1'!a1"
    """
    from openpyxl.formula.tokenizer import Token, Tokenizer

    try:
        tok = Tokenizer(formula)
    except Exception:  # openpyxl raises a bare TokenizerError / ValueError
        raise TemplateError(f"cannot read the formula {formula!r}") from None
    out = []
    for t in tok.items:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            sheet, _ = _split_sheet(t.value)
            out.append(ref_fn(sheet, t.value))
        else:
            out.append(t.value)
    return "=" + "".join(out)


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
                    raise TemplateError(f"{ws.title}!{cell.coordinate}: a second line band; one per sheet")
                start, var, iterable = cell.row, m.group(1), m.group(2)
            if _ENDFOR.search(v):
                if start is None:
                    raise TemplateError(f"{ws.title}!{cell.coordinate}: {{% endfor %}} without {{% for %}}")
                if end is not None:
                    raise TemplateError(f"{ws.title}!{cell.coordinate}: a second {{% endfor %}}")
                end = cell.row
    if start is None:
        return None
    if end is None:
        raise TemplateError(f"{ws.title}: {{% for {var} in {iterable} %}} in row {start} has no {{% endfor %}}")
    return Band(ws.title, start, end, var, iterable)


def _strip_tags(ws, band: Band) -> None:
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
    """Repeat the band ``count`` times, shifting what is below (see the module docstring)."""
    from openpyxl.cell.cell import MergedCell
    from openpyxl.worksheet.cell_range import CellRange
    from openpyxl.worksheet.merge import MergedCellRange

    h = band.height
    k = (count - 1) * h
    shifter = _Shifter(band, k)
    title = ws.title

    def on_band_sheet(sheet: str | None, own_title: str) -> bool:
        return (sheet is None and own_title == title) or sheet == title

    # 1. formulas everywhere (before moving cells: the band copies read the originals)
    for other in wb.worksheets:
        for row in other.iter_rows():
            for cell in row:
                if cell.data_type != "f" or not isinstance(cell.value, str):
                    continue
                if other is ws and band.first <= cell.row <= band.last:
                    continue
                cell.value = rewrite_formula(
                    cell.value,
                    lambda s, ref, own=other.title: _map_ref(ref, on_band_sheet(s, own), shifter.outside),
                )
    for name, dn in list(wb.defined_names.items()):
        if dn.attr_text and "!" in dn.attr_text:
            dn.attr_text = rewrite_formula("=" + dn.attr_text, lambda s, ref: _map_ref(ref, s == title, shifter.outside))[1:]
    for other in wb.worksheets:
        for name, dn in list(other.defined_names.items()):
            if dn.attr_text:
                dn.attr_text = rewrite_formula(
                    "=" + dn.attr_text,
                    lambda s, ref, own=other.title: _map_ref(ref, on_band_sheet(s, own), shifter.outside),
                )[1:]
    if k == 0:
        for cell in _band_cells(ws, band):
            if cell.data_type == "f" and isinstance(cell.value, str):
                cell.value = rewrite_formula(
                    cell.value,
                    lambda s, ref: _map_ref(ref, on_band_sheet(s, title), lambda p: shifter.inside(p, 0)),
                )
        return

    # 2. move the cells below the band down by k
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

    # 3. the band's copies: values, styles, formulas re-based, row heights
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
                    lambda s, ref, o=offset: _map_ref(ref, on_band_sheet(s, title), lambda p: shifter.inside(p, o)),
                )
    for i in range(1, count):
        for r in range(band.first, band.last + 1):
            if r in dims:
                d = copy.copy(dims[r])
                d.index = r + i * h
                dims[r + i * h] = d

    # 4. merged cells: below → shift, spanning the band's end → widen, inside → repeat
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

    # 5. data validations (drop-down lists) below move, those reaching the band's end widen
    for dv in ws.data_validations.dataValidation:
        for cr in dv.sqref.ranges:
            if cr.min_row > band.last:
                cr.shift(row_shift=k)
            elif cr.max_row >= band.last:
                cr.expand(down=k)

    # 6. conditional formats: a format on the band's rows covers every line; those below move
    from collections import OrderedDict

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
                    rewrite_formula("=" + f, lambda s, ref: _map_ref(ref, on_band_sheet(s, title), shifter.outside))[1:]
                    for f in rule.formula
                ]
        reordered.setdefault(cf, []).extend(rules)  # keyed again by the new ranges
    cf_list._cf_rules = reordered

    # 7. print area, images, charts
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


# --- cell rendering ---------------------------------------------------------------


def _set_typed(cell, value: Any) -> None:
    from markupsafe import Markup

    if isinstance(value, Markup):
        value = str(value)
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, (int, Decimal, float)):
        cell.value = value
        return
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        cell.value = value
        return
    _set_text(cell, str(value))


#: Excel's limit on the text of one cell
MAX_CELL_TEXT = 32_767
# Excel reads "_x0041_" in a cell's XML as "A": a literal one is written "_x005F_x0041_"
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# control characters XML cannot hold; Excel stores them as "_x001B_"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_text(text: str) -> str:
    """``text`` as it must be stored for Excel to show it unchanged (its ``_xHHHH_`` escapes).

    Examples:
        >>> excel_text("a\x1bb"), excel_text("_x0041_"), excel_text("山田")
        ('a_x001B_b', '_x005F_x0041_', '山田')
    """
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _set_text(cell, text: str) -> None:
    """Text stays text: a value starting with '=' is stored as a string, never a formula.

    Control characters are stored the way Excel stores them (``_x001B_``), so a cell
    holding one neither stops the draft nor becomes something else; a text longer than
    a cell can hold is an error (Excel would cut it, or refuse the file).
    """
    if len(text) > MAX_CELL_TEXT:
        raise TemplateError(f"the text is {len(text):,} characters, more than an Excel cell holds ({MAX_CELL_TEXT:,})")
    text = excel_text(text)
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True


def _render_cell(cell, context: Mapping[str, Any], where: str, lang: str = "ja") -> None:
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import Undefined, UndefinedError

    from ledgerkit.drafts.templating import compile_expression, compile_template, missing_name

    text = cell.value
    try:
        m = _ONLY_EXPR.match(text)
        if m and "{{" not in m.group(1) and "{%" not in m.group(1):
            value = compile_expression(m.group(1))(**context)
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
            _set_typed(cell, value)
        else:
            _set_text(cell, compile_template(text).render(**context))
    except UndefinedError as e:
        field = missing_name(e)
        err = TemplateError(t("missing", lang, name=where, field=field) if field else f"{where}: {e}")
        err.field = field
        raise err from None
    except TemplateError as e:
        raise TemplateError(f"{where}: {e}") from None
    except JinjaTemplateError as e:
        raise TemplateError(f"{where}: {e}") from None


def _is_template_text(cell) -> bool:
    return cell.data_type == "s" and isinstance(cell.value, str) and ("{{" in cell.value or "{%" in cell.value)


def fill_workbook(wb, context: Mapping[str, Any], *, form_name: str = "form", expected_line_total=None,
                  lang: str = "ja") -> None:
    """Render every sheet of an openpyxl workbook in place (see the module docstring)."""
    from ledgerkit.drafts.templating import compile_expression

    for ws in wb.worksheets:
        band = find_band(ws)
        items: list = []
        if band is not None:
            _strip_tags(ws, band)
            try:
                items = list(compile_expression(band.iterable)(**context))
            except Exception as e:  # Undefined, not iterable
                raise TemplateError(
                    f"{form_name}: {ws.title}!row {band.first}: cannot repeat over {band.iterable!r} ({e})"
                ) from None
            if not items:
                raise TemplateError(t("no_lines", lang, form=form_name, sheet=ws.title, name=band.iterable))
            expand_band(wb, ws, band, len(items))
        for (r, c), cell in sorted(ws._cells.items()):
            if not _is_template_text(cell):
                continue
            ctx = context
            if band is not None and band.first <= r < band.first + len(items) * band.height:
                i = (r - band.first) // band.height
                ctx = {
                    **context,
                    band.var: items[i],
                    "loop": {"index": i + 1, "index0": i, "first": i == 0, "last": i == len(items) - 1, "length": len(items)},
                }
            _render_cell(cell, ctx, f"{form_name}: {ws.title}!{cell.coordinate}", lang)
        if band is not None:
            check_totals(wb, ws, band, len(items), expected_line_total, form_name=form_name, lang=lang, lines=items)


# --- checking the totals ----------------------------------------------------------


def check_totals(wb, ws, band: Band, count: int, expected=None, *, form_name: str = "form", lang: str = "ja",
                 lines: list | None = None) -> None:
    """Every range touching the lines covers all of them; a total over the lines comes to ``expected``.

    The totals are the formulas outside the band that refer to the lines (``=SUM(H14:H16)``,
    but also ``=H14`` where a sum was meant). When ``expected`` is given, at least one of
    those this module can evaluate must come to it. Raises TemplateError naming the cell,
    its formula and the line rows.
    """
    first = band.first
    last = band.first + count * band.height - 1
    totals = []
    for other in wb.worksheets:
        for row in other.iter_rows():
            for cell in row:
                if cell.data_type != "f" or not isinstance(cell.value, str):
                    continue
                if other is ws and first <= cell.row <= last:
                    continue
                found = []

                def look(sheet, ref, own=other.title):
                    if (sheet or own) == ws.title:
                        found.append(_split_sheet(ref)[1])
                    return ref

                rewrite_formula(cell.value, look)
                touches = False
                for body in found:
                    parts = [_Part.parse(t) for t in body.split(":")]
                    if any(p is None or p.row is None for p in parts):
                        continue
                    lo, hi = min(p.row for p in parts), max(p.row for p in parts)  # type: ignore[union-attr]
                    if hi < first or lo > last:
                        continue
                    touches = True
                    if len(parts) == 2 and not (lo <= first and hi >= last):
                        raise TemplateError(t(
                            "sum_short", lang, form=form_name, cell=f"{other.title}!{cell.coordinate}",
                            formula=cell.value, lo=lo, hi=hi, first=first, last=last,
                        ))
                if touches:
                    totals.append((other, cell))
    if expected is None or not totals:
        return
    values, unknown = [], 0
    for other, cell in totals:
        value = evaluate(wb, other, cell.coordinate)
        if value is None:
            unknown += 1  # a function this evaluator does not know (SUMIF …)
            continue
        if value == Decimal(expected):
            return
        values.append(f"{other.title}!{cell.coordinate} {cell.value} = {value}")
    if unknown:
        return  # cannot tell: the range check above is all that can be said
    message = t("total_mismatch", lang, form=form_name, expected=expected, values="; ".join(values))
    # the usual cause: a line formula (=ROUNDDOWN(D14*F14,0)) rounds 数量 × 単価 otherwise than the list did
    differs = []
    for i, line in enumerate(lines or []):
        amount = line.get("amount") if isinstance(line, Mapping) else None
        if amount is None:
            continue
        for r in range(band.first + i * band.height, band.first + (i + 1) * band.height):
            for cell in ws[r]:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    value = evaluate(wb, ws, cell.coordinate)
                    if value is not None and value != Decimal(amount) and abs(value - Decimal(amount)) <= 1:
                        differs.append(f"{ws.title}!{cell.coordinate} {cell.value} = {value} ≠ {int(amount):,}")
    if differs:
        message += " " + t("line_formula_differs", lang, cells="; ".join(differs))
    raise TemplateError(message)


class _Unsupported(Exception):
    pass


def _rounder(mode):
    def fn(x, digits=0):
        q = Decimal(1).scaleb(-int(digits))
        return Decimal(x).quantize(q, rounding=mode)

    return fn


_FUNCS = {
    "SUM": lambda *args: sum((v for a in args for v in (a if isinstance(a, list) else [a])), Decimal(0)),
    "ROUND": _rounder(ROUND_HALF_UP),
    "ROUNDDOWN": _rounder(ROUND_DOWN),
    "ROUNDUP": _rounder(ROUND_UP),
    "INT": lambda x: Decimal(x).to_integral_value(rounding="ROUND_FLOOR"),
    "ABS": lambda x: abs(Decimal(x)),
}


def evaluate(wb, ws, coordinate: str, _seen: frozenset = frozenset()) -> Decimal | None:
    """The value of a cell, computing simple formulas (arithmetic, SUM, ROUND*, INT, ABS) in Decimal.

    Returns None for anything else (text, other functions, references to other files).
    """
    from openpyxl.formula.tokenizer import Token, Tokenizer
    from openpyxl.utils.cell import range_boundaries

    key = (ws.title, coordinate)
    if key in _seen:
        return None
    cell = ws[coordinate]
    v = cell.value
    if v is None:
        return Decimal(0)
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, Decimal)):
        return Decimal(v)
    if isinstance(v, float):
        return Decimal(repr(v))
    if cell.data_type != "f" or not isinstance(v, str):
        return None
    seen = _seen | {key}
    names: dict[str, Any] = {}
    py = []
    try:
        for t in Tokenizer(v).items:
            if t.type == Token.OPERAND and t.subtype == Token.RANGE:
                sheet, body = _split_sheet(t.value)
                target = wb[sheet] if sheet else ws
                min_col, min_row, max_col, max_row = range_boundaries(body.replace("$", ""))
                cells = [
                    evaluate(wb, target, f"{_col(c)}{r}", seen)
                    for r in range(min_row, max_row + 1)
                    for c in range(min_col, max_col + 1)
                ]
                if any(x is None for x in cells):
                    return None
                name = f"_v{len(names)}"
                names[name] = cells if ":" in body else cells[0]
                py.append(name)
            elif t.type == Token.OPERAND and t.subtype == Token.NUMBER:
                name = f"_v{len(names)}"
                names[name] = Decimal(t.value)
                py.append(name)
            elif t.type == Token.FUNC and t.subtype == Token.OPEN:
                fname = t.value[:-1].upper()
                if fname not in _FUNCS:
                    return None
                py.append(fname + "(")
            elif t.type == Token.FUNC and t.subtype == Token.CLOSE:
                py.append(")")
            elif t.type == Token.SEP and t.subtype == Token.ARG:
                py.append(",")
            elif t.type in (Token.OP_IN, Token.OP_PRE) and t.value in "+-*/^":
                py.append("**" if t.value == "^" else t.value)
            elif t.type == Token.PAREN:
                py.append(t.value)
            elif t.type == Token.WSPACE:
                continue
            else:
                return None
        expr = ast.parse("".join(py), mode="eval")
        for node in ast.walk(expr):
            if not isinstance(
                node,
                (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Call, ast.Name, ast.Load,
                 ast.Add, ast.Sub, ast.Mult, ast.Div, ast.Pow, ast.USub, ast.UAdd),
            ):
                return None
            if isinstance(node, ast.Name) and node.id not in names and node.id not in _FUNCS:
                return None
        result = eval(compile(expr, "<formula>", "eval"), {"__builtins__": {}}, {**_FUNCS, **names})
    except (Exception, InvalidOperation):
        return None
    return result if isinstance(result, Decimal) else None


def _col(c: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(c)


# --- the whole job ----------------------------------------------------------------


#: a form whose parts unpack to more than this is refused before openpyxl reads it (a zip bomb)
FORM_MAX_UNCOMPRESSED = 100 * 1024 * 1024


def load_form(path: str | Path):
    """Open an ``.xlsx`` form with openpyxl; TemplateError if it cannot be read.

    The zip's directory is checked first (members, unpacked size, compression ratio), and
    openpyxl parses with defusedxml: a form that declares XML entities is refused.
    """
    import zipfile

    from openpyxl import load_workbook

    from ledgerkit.core.errors import UnreadableFileError
    from ledgerkit.intake.read import DEFAULT_MAX_RATIO, _check_zip

    try:
        _check_zip(Path(path), "en", FORM_MAX_UNCOMPRESSED, DEFAULT_MAX_RATIO)
    except UnreadableFileError as e:
        raise TemplateError(f"{Path(path).name}: cannot open the Excel form ({e.reason})") from None
    try:
        wb = load_workbook(path, rich_text=False)
        with zipfile.ZipFile(path) as z:
            has_images = any(n.startswith("xl/media/") for n in z.namelist())
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        raise TemplateError(f"{Path(path).name}: cannot open the Excel form ({e.__class__.__name__})") from None
    if has_images and not _pillow():
        # openpyxl drops a form's images (the company seal) without Pillow: refuse rather than lose it
        raise TemplateError(f"{Path(path).name}: the form has images (a seal?); install Pillow to keep them")
    return wb


def _pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


def save_atomic(wb, out_path: str | Path) -> Path:
    """Save to a temporary file beside ``out_path``, then move it into place."""
    from ledgerkit.drafts.output import write_with

    return write_with(Path(out_path), wb.save)


def render_xlsx(template: str | Path, context: Mapping[str, Any], out_path: str | Path | None = None, *,
                expected_line_total=None, lang: str = "ja"):
    """Fill an Excel form with ``context``; save it to ``out_path`` (atomically) or return the workbook.

    ``expected_line_total``: the sum of the line amounts computed from the data; a SUM over
    the band must come to it.
    """
    from ledgerkit.drafts.templating import resolve_template

    path = resolve_template(template)
    wb = load_form(path)
    fill_workbook(wb, context, form_name=path.name, expected_line_total=expected_line_total, lang=lang)
    if out_path is None:
        return wb
    return save_atomic(wb, out_path)
