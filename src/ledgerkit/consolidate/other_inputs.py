"""What ``inspect`` says of a sheet no kind of ``aggregate`` reads but another command does: a
単価表 (``ledgerkit budget --rates``), a 予算表 (``ledgerkit budget``), a 契約一覧
(``ledgerkit settle --contracts``).

Before, ``ledgerkit inspect 単価表.xlsx`` printed that no table was found, then the same reason
again inside a warning that told the person to run ``ledgerkit inspect`` — the command just run.
:class:`InspectReader` tries those commands' own sheet readers (in the worker) when the kinds
found nothing, and says which command reads the sheet.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ledgerkit.budget.budgets import BudgetSheetReader
from ledgerkit.budget.rates import read_rate_sheet
from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.settlement.contracts import read_contract_sheet

#: (what the table is, ja / en; the command that reads it; its per-sheet reader; the words one of
#: which its sheet name, title or headings hold), tried in order (a 契約一覧 has a 単価 column too:
#: it comes first). The words keep a guess honest:
#: those readers take what they are given leniently (a 案件 × 月 table is a budget to ``budget``),
#: and a 集計 sheet of =SUM formulas is no 予算表 because it has a 案件 column and months.
OTHER_INPUTS: tuple[tuple[dict[str, str], str, Callable, tuple[str, ...]], ...] = (
    ({"ja": "契約一覧", "en": "contract list"}, "settle --contracts", read_contract_sheet, ("契約", "精算", "contract")),
    ({"ja": "単価表", "en": "rate table"}, "budget --rates", read_rate_sheet, ("単価", "レート", "rate")),
    ({"ja": "予算表", "en": "budget"}, "budget", BudgetSheetReader(), ("予算", "budget")),
)

#: how many rows from the top are looked at for those words (title rows and a two-row header)
_TOP_ROWS = 8


def _says_any(sheet, words: tuple[str, ...]) -> bool:
    """Whether the sheet's name or a text in its top rows holds one of ``words``."""
    texts = [sheet.name] + [v for row in sheet.rows[:_TOP_ROWS] for v in row if isinstance(v, str)]
    return any(w in t.lower() for t in texts for w in words)


def _rows_found(result: SheetResult) -> int:
    """How many rows another command's reader read from its table (0: not its table)."""
    if result.has_frame:
        return result.row_count
    # a 単価表 is read into a lookup, not a frame: its entries are the rows it used
    return len(getattr(result, "entries", None) or ())


@dataclass(frozen=True)
class InspectReader:
    """``kinds`` (the aggregate kinds' reader) first; a sheet none of them holds is tried with
    :data:`OTHER_INPUTS`, and one that such a reader reads is described as that command's input."""

    kinds: Callable

    def __call__(self, sheet, *, file: str, config: Config) -> SheetResult:
        result = SheetResult.coerce(self.kinds(sheet, file=file, config=config))
        if result.has_frame or result.note == "empty":
            return result
        for what, command, read, words in OTHER_INPUTS:
            if not _says_any(sheet, words):
                continue
            other = SheetResult.coerce(read(sheet, file=file, config=config))
            rows = _rows_found(other)
            if rows and getattr(other, "error", None) is None:
                note = Issue("inspect_other_input", file, sheet.name, scope="sheet", severity="info",
                             params={"what": what, "command": command, "row": other.header_row, "rows": rows})
                # the table was read, by that command's reader: its rows are no unread figures
                return SheetResult(issues=[note], rows_read=rows, header_row=other.header_row,
                                   layout=other.layout, note="other input")
        return result
