"""What a sheet's name says about it: a helper list, a summary of the others, a default name.

A name is a hint, never the whole rule: a sheet named 工数マスタ, 集計用テンプレート or 月次集計
may hold the hours themselves. :func:`name_hint` says what the name suggests;
:mod:`ledgerkit.hours.sheet_rules` then looks at the content (formulas reading other sheets,
a pivot, a table of hours, figures in a block) and says which rule decided.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Sheets that hold lists, calendars or examples, not anybody's hours.
_HELPER_SHEET = re.compile(
    r"祝日|休日|祭日|holiday|カレンダー|calendar|リスト|list|マスタ|master|選択肢|プルダウン|"
    r"設定|記入例|入力例|sample|example|テンプレ|template|使い方|説明|help|readme",
    re.IGNORECASE,
)
# Of those, the names that never hold data whatever the content: a filled-in example, the
# instructions, the calendar of holidays (dates and their names)
_NEVER_DATA = re.compile(r"祝日|休日|祭日|holiday|カレンダー|calendar|記入例|入力例|sample|example|使い方|説明|help|readme",
                         re.IGNORECASE)


# Sheets that summarize the others: counting them would count the hours twice.
_SUMMARY_SHEET = re.compile(r"集計|合計|サマリ|summary|まとめ|pivot|ピボット|total|全体|総括", re.IGNORECASE)
_DEFAULT_SHEET = re.compile(r"^(sheet|シート|ワークシート)\s*\d*$", re.IGNORECASE)


@dataclass(frozen=True)
class NameHint:
    """What a sheet's name suggests: ``helper`` (a list, master or template), ``summary``
    (totals of other sheets), and whether the name alone settles it (``never_data``)."""

    word: str = ""
    helper: bool = False
    summary: bool = False
    never_data: bool = False

    @property
    def any(self) -> bool:
        return self.helper or self.summary


def name_hint(name: str) -> NameHint:
    """What the sheet name ``name`` suggests.

    Examples:
        >>> name_hint("工数マスタ"), name_hint("記入例").never_data, name_hint("10月").any
        (NameHint(word='マスタ', helper=True, summary=False, never_data=False), True, False)
        >>> h = name_hint("集計用テンプレート"); (h.word, h.helper, h.summary)
        ('集計', True, True)
    """
    summary = _SUMMARY_SHEET.search(name)
    helper = _HELPER_SHEET.search(name)
    word = (summary or helper).group(0) if (summary or helper) else ""
    return NameHint(word, bool(helper), bool(summary), bool(_NEVER_DATA.search(name)))
