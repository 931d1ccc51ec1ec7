"""Branch sales lists in the loose shapes people keep them, generated for the declared-kind tests.

:func:`sales_rows` writes one sheet's rows from (branch, (year, month), yen) entries: each amount
and month written in one of the ways people write them (``１，２００，０００``, ``△5,000``,
``¥3,000``, ``12万``, ``令和8年10月``, ``R8.10``, ``10月`` under a title that names the year, a date
cell), under optional title rows, a header over two rows, blank rows, the header printed again
and a 合計 row. The entries are what the sheet must add up to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

#: the kind the tests declare (the issue's example, with a 区分 and a 件数)
SALES_KIND = {
    "label": "支店別売上",
    "by": "branch,month",
    "key": "branch,month,category",
    "fields": {
        "branch": {"type": "text", "synonyms": ["支店", "支店名", "営業所"], "required": True, "label": "支店"},
        "month": {"type": "month", "synonyms": ["年月", "対象月", "月"], "required": True, "label": "年月"},
        "category": {"type": "text", "synonyms": ["区分"], "label": "区分"},
        "amount": {"type": "yen", "synonyms": ["売上", "売上高", "売上金額(円)"], "required": True, "label": "売上"},
    },
}

_FULL = str.maketrans("0123456789,", "０１２３４５６７８９，")


def amount_text(n: int, form: int) -> Any:
    """``n`` yen as one of the ways it is written in a cell (``form`` picks which)."""
    sign, a = ("-" if n < 0 else ""), abs(n)
    forms = [
        n,
        f"{n:,}",
        f"{n:,}".translate(_FULL).replace("-", "−"),
        f"{'△' if n < 0 else ''}{a:,}",
        f"{'▲' if n < 0 else ''}¥{a:,}",
        f"{sign}{a:,}円",
        f"({a:,})" if n < 0 else f"{a:,}",
        float(n),
    ]
    if n and n % 10_000 == 0:
        forms.append(f"{sign}{a // 10_000}万")
    return forms[form % len(forms)]


def month_text(year: int, month: int, form: int, *, title_year: bool) -> Any:
    """A month as written in a cell; ``10月`` alone only where a title gives the year."""
    forms = [f"{year}年{month}月", f"令和{year - 2018}年{month}月", f"R{year - 2018}.{month}", dt.date(year, month, 1),
             f"{year}/{month}", year * 100 + month]
    if title_year:
        forms.append(f"{month}月")
    return forms[form % len(forms)]


@dataclass
class Layout:
    titles: int = 1
    two_row_header: bool = False
    blank_after: int | None = None
    repeat_header_after: int | None = None
    total_row: bool = True
    header_words: tuple[str, str, str, str] = ("支店", "年月", "区分", "売上高")


def sales_rows(entries: list[tuple[str, tuple[int, int], int]], layout: Layout, *, forms: list[int],
               year: int = 2026) -> list[list[Any]]:
    """The rows of one sheet holding ``entries`` (branch, (year, month), yen)."""
    rows: list[list[Any]] = []
    for i in range(layout.titles):
        rows.append([f"支店別売上報告 {year}年度" if i == 0 else "単位: 円", "", "", ""])
    branch_h, month_h, cat_h, amount_h = layout.header_words
    if layout.two_row_header:
        header = [[branch_h, month_h, cat_h, "実績"], ["", "", "", amount_h]]
    else:
        header = [[branch_h, month_h, cat_h, amount_h]]
    rows.extend(header)
    for i, (branch, (y, m), n) in enumerate(entries):
        form = forms[i % len(forms)]
        rows.append([branch, month_text(y, m, form, title_year=layout.titles > 0), f"区分{i}", amount_text(n, form)])
        # a header after a blank row starts another table (detect.long_tables): a page break's header follows data
        if layout.blank_after == i and layout.repeat_header_after != i:
            rows.append(["", "", "", ""])
        if layout.repeat_header_after == i:
            rows.extend(header)
    if layout.total_row:
        rows.append(["合計", "", "", sum(n for _, _, n in entries)])
    return rows
