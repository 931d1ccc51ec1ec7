"""The totals of a filled form: every formula range touching the lines covers all of them, and a
``SUM`` over the lines comes to the sum the data gives (evaluated here, in Decimal)."""

from __future__ import annotations

import ast
from decimal import ROUND_DOWN, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any, Mapping

from ledgerkit.core.errors import TemplateError
from ledgerkit.drafts.band import Band
from ledgerkit.drafts.formula_refs import _Part, _split_sheet, rewrite_formula
from ledgerkit.drafts.text import t

__all__ = ["check_totals", "evaluate"]


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
