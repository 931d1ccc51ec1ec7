"""合計/小計 rows of an invoice or order list: which rows they are beyond the walk's label columns, and their check.

:func:`~ledgerkit.detect.walk.classify_rows` finds a total row by a 合計 in one of the
label columns. Lists also write 合計 wherever there is room on a row that names no
document — in the 備考 column at the right, or in the 単価 column beside the amount —
:func:`totals_in_unnamed_rows` adds those. A total row's figures must then be the sum of
the rows above it (:class:`RunningSums`); a mismatch is a warning, since a row may be
missing, doubled or typed over.

Examples:
    >>> from ledgerkit.detect.walk import classify_rows
    >>> rows = [["No", "取引先", "金額", "備考"], [1, "A社", 100, ""], ["", "", 100, "小計"]]
    >>> kinds = classify_rows(rows, 1, 3, columns=range(4), labels=[1])
    >>> totals_in_unnamed_rows(rows, kinds, 1, 3, names=[1], texts=[0, 3]); kinds.total
    {2: '小計'}
"""

from __future__ import annotations

from typing import Callable, Iterable

from ledgerkit.core.issues import Issue
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.tables import cell
from ledgerkit.detect.walk import RowKinds, cell_text
from ledgerkit.parse.list_cells import parsed_amount
from ledgerkit.parse.text import is_total_label

__all__ = ["totals_in_unnamed_rows", "RunningSums", "check_total_row"]


def totals_in_unnamed_rows(rows, kinds: RowKinds, start: int, end: int, *, names: list[int], texts: Iterable[int]) -> None:
    """Add to ``kinds.total`` the rows of ``start:end`` that are blank in every ``names`` column
    (no invoice or order named) and say 合計/小計 in one of the ``texts`` columns."""
    if not names:
        return
    texts = list(texts)
    for r in range(start, end):
        if r in kinds.blank or r in kinds.total:
            continue
        row = rows[r]
        if not all(is_empty(cell(row, c)) for c in names):
            continue
        for c in texts:
            v = cell(row, c)
            if isinstance(v, str) and is_total_label(v):
                kinds.total[r] = v
                break


class RunningSums:
    """Sums of a sheet's money cells as written, to check its 合計/小計 rows against.

    A total row must be the sum of the rows above it (since the last total row, or all
    of them). Once a row has been rejected the sums are incomplete and no longer checked.
    """

    def __init__(self, money_cols: Iterable[int], parse_amount: Callable):
        self.money_cols = set(money_cols)
        self.parse_amount = parse_amount
        self.whole: dict[int, int] = {c: 0 for c in self.money_cols}
        self.since: dict[int, int] = {c: 0 for c in self.money_cols}
        self.any_rejected = False

    def add(self, row) -> None:
        """Count a data row's money cells (whole yen only)."""
        for c in self.money_cols:
            value, err = parsed_amount(self.parse_amount, cell(row, c))
            if err is None and value is not None and value == value.to_integral_value():
                self.whole[c] += int(value)
                self.since[c] += int(value)

    def total_row(self, row, cols, file, sheet, excel_row, *, subtotal: bool) -> list[Issue]:
        """The mismatches of a total row (warnings), then a fresh start for the next subtotal."""
        out = [] if self.any_rejected else check_total_row(
            row, self.money_cols, self.since, self.whole, self.parse_amount, cols, file, sheet, excel_row,
            subtotal=subtotal)
        self.since = {c: 0 for c in self.money_cols}
        return out


def check_total_row(row, money_cols, since, whole, parse_amount, cols, file, sheet, excel_row, *,
                    subtotal=False) -> list[Issue]:
    """A 合計/小計 row's figures must be the sum of the rows above (since the last total row,
    or all of them). A mismatch is a warning: a row may be missing, doubled or typed over."""
    out = []
    for c in sorted(money_cols):
        raw = cell(row, c)
        if is_empty(raw):
            continue
        parsed, err = parse_amount(raw)
        if err is not None or parsed[0] is None or parsed[0] != parsed[0].to_integral_value():
            continue
        value = int(parsed[0])
        if value in (since[c], whole[c]):
            continue
        out.append(
            Issue(
                "total_row_mismatch",
                file,
                sheet,
                excel_row,
                column=cols.get(c, ""),
                value=cell_text(raw),
                severity="warning",
                params={"field": cols.get(c, ""), "value": f"{value:,}",
                        "expected": f"{(since if subtotal else whole)[c]:,}"},
            )
        )
    return out
