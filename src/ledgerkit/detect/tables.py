"""Where an invoice or order list's table is, with its header fixed up; a cell of a row; a column's name.

:func:`find_table` is :func:`~ledgerkit.detect.long_tables.detect_table` over several sets
of required fields (an invoice list names its invoices by number, vendor or 登録番号),
keeping the table with the most fields, and with a "second header row" that is really the
first data row (``(1,000)``, ``¥500`` under the header) given back to the data.

Examples:
    >>> rows = [["請求書番号", "取引先", "税抜金額"], ["", "", "(1,000)"], ["A-1", "㈱アルファ", 1000]]
    >>> t = find_table(rows, {"invoice_no": ["請求書番号"], "vendor": ["取引先"], "net": ["税抜金額"]},
    ...                [{"vendor"}, {"invoice_no"}])
    >>> t.header_rows, t.data_start, t.mapping
    (1, 1, {'invoice_no': 0, 'vendor': 1, 'net': 2})
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, Iterable

from ledgerkit.intake.cells import is_empty
from ledgerkit.intake.cells import column_letter
from ledgerkit.detect.headers import Contest, Synonyms, best_columns, header_key
from ledgerkit.detect.long_tables import Table, detect_table
from ledgerkit.parse.amounts import parse_amount_with_basis
from ledgerkit.parse.text import CellValueError

__all__ = ["cell", "synonyms_for", "is_rate_label", "find_table", "contested_columns", "contest_params", "unique_name"]


def cell(row: list, c: int | None) -> Any:
    """The value in column ``c`` of ``row`` ("" past its end or for no column)."""
    return row[c] if c is not None and c < len(row) else ""


def synonyms_for(config, kind: str, base: dict[str, list[str]]) -> dict[str, list[str]]:
    """``base``'s header texts per field, with the config's ``[columns.<kind>]`` in front."""
    fields = {k: list(v) for k, v in base.items()}
    if config is not None and hasattr(config, "synonyms"):
        for k, words in config.synonyms(kind).items():
            fields[k] = list(dict.fromkeys([*words, *fields.get(k, [])]))
    return fields


def is_rate_label(v: Any) -> bool:
    """A cell that only names a tax rate (``10%``, ``軽減``, ``(8%)``): a header, never data.

    Examples:
        >>> is_rate_label("(8%)"), is_rate_label("軽減税率"), is_rate_label("8,000")
        (True, True, False)
    """
    if not isinstance(v, str):
        return False
    key = header_key(v)
    return bool(key) and bool(re.fullmatch(r"\(?(10%|8%|標準|軽減|標準税率|軽減税率|標準10%|軽減8%|計|合計)\)?", key))


def find_table(rows, fields: dict[str, list[str]], needs: Iterable[set[str]]) -> Table | None:
    """The table with the most mapped fields among those that have one of ``needs``."""
    syn = Synonyms(fields)
    best = None
    for required in needs:
        t = detect_table(rows, syn, required)
        if t is not None and (best is None or len(t.mapping) > len(best.mapping)):
            best = t
    if best is not None and best.header_rows == 2 and _looks_like_data(rows[best.header_row + 1], best.columns):
        best = _one_row_header(rows, best, syn)
    return best


def _looks_like_data(row: list, columns: dict[int, str]) -> bool:
    """A "second header row" that is really the first data row: text amounts such as
    ``(1,000)`` or ``¥500`` (which a header never holds) under the header's columns."""
    for c in columns:
        v = cell(row, c)
        if not isinstance(v, str) or is_rate_label(v) or not re.search(r"\d", v):
            continue
        try:
            amount, _ = parse_amount_with_basis(v)
        except CellValueError:
            continue
        if amount is not None and re.search(r"[,¥￥円△▲()（）]|\d{3}", v):
            return True
    return False


def _one_row_header(rows, table: Table, syn: Synonyms) -> Table:
    """``table`` with its header cut back to one row (the row below becomes data)."""
    row = rows[table.header_row]
    columns = {c: str(cell(row, c)).strip() if not is_empty(cell(row, c)) else table.columns[c] for c in table.columns}
    mapping, _ = best_columns(columns, syn)
    return replace(table, header_rows=1, data_start=table.header_row + 1, columns=columns, mapping=mapping)


def contested_columns(table: Table, fields: dict[str, list[str]] | Synonyms) -> list[Contest]:
    """The fields that several columns of ``table``'s header claim, and which column won.

    The winner is the column the table maps the field to (the better claim, then the leftmost:
    :func:`~ledgerkit.detect.headers.best_columns`).

    Examples:
        >>> rows = [["請求書番号", "取引先", "取引先名", "税抜金額"], ["A-1", "ア", "ア", 1]]
        >>> fields = {"invoice_no": ["請求書番号"], "vendor": ["取引先", "取引先名"], "net": ["税抜金額"]}
        >>> contested_columns(find_table(rows, fields, [{"vendor"}]), fields)
        [Contest(field='vendor', winner=1, losers=(2,), reason='left')]
    """
    syn = fields if isinstance(fields, Synonyms) else Synonyms(fields)
    _, contests = best_columns(table.columns, syn)
    out = []
    for contest in contests:
        winner = table.mapping.get(contest.field)
        if winner is None:
            continue
        if winner != contest.winner:
            # a two-row header chose by its own rule (a child's match over its group label's)
            losers = tuple(c for c in (contest.winner, *contest.losers) if c != winner)
            contest = Contest(contest.field, winner, losers, "header")
        out.append(contest)
    return out


def contest_params(contest: Contest, columns: dict[int, str], label: str) -> dict:
    """The message parameters of a :class:`Contest`: the field as a person calls it (``label``),
    the winning column and the others with their letters, and why it won (ja and en)."""
    def named(c: int) -> str:
        return f"{columns.get(c, '')} ({column_letter(c)})"

    reasons = {
        "exact": {"ja": "見出しが同義語そのもの", "en": "its header is a synonym as written"},
        "left": {"ja": "同じ程度に当たるため左の列", "en": "as good a match, and further left"},
        "header": {"ja": "二段見出しの下段で一致", "en": "matched by the lower row of a two-row header"},
        "pattern": {"ja": "同義語に一致 (他はパターンのみ)", "en": "a synonym, the others only a pattern"},
    }
    return {"field": label, "winner": named(contest.winner), "others": ", ".join(named(c) for c in contest.losers),
            "reason": reasons[contest.reason]}


def unique_name(name: str, existing) -> str:
    """A column's header as a frame's column name: ``name``, or ``name_2``, ``name_3`` ... when
    ``existing`` already has it.

    Examples:
        >>> unique_name("備考", ["備考"]), unique_name("", [])
        ('備考_2', 'column')
    """
    name = name or "column"
    out, n = name, 2
    while out in existing:
        out, n = f"{name}_{n}", n + 1
    return out
