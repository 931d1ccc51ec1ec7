"""Cell references inside an Excel formula: read them, and rewrite them as rows move.

Examples:
    >>> rewrite_formula("=SUM(D7:D7)*'表 1'!$B$2", lambda sheet, ref: ref.replace("7", "9"))
    "=SUM(D9:D9)*'表 1'!$B$2"
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from ledgerkit.core.errors import TemplateError

__all__ = ["rewrite_formula"]

_CELL = re.compile(r"^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$")
_ROWREF = re.compile(r"^(\$?)(\d+)$")
_COLREF = re.compile(r"^\$?[A-Za-z]{1,3}$")


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
        raise TemplateError(key="draft_formula_unreadable", params={"formula": formula}) from None
    out = []
    for t in tok.items:
        if t.type == Token.OPERAND and t.subtype == Token.RANGE:
            sheet, _ = _split_sheet(t.value)
            out.append(ref_fn(sheet, t.value))
        else:
            out.append(t.value)
    return "=" + "".join(out)
