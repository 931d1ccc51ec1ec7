"""How the invoice and order list readers read a cell, a table and a total row.

What both readers share, one stage below them (invoices and orders are peers and may not
import each other): the table found with its header fixed up, cached cell parsers, a cell
shown as written, whole yen, a code cell, a date written without its year (``11月末``,
``翌月末``), and 合計/小計 rows checked against the rows above. (Issue 12's shared row
walk and cell parsers, in detect/parse, are where these belong once they exist.)
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import replace
from decimal import Decimal
from typing import Any, Callable, Iterable, NamedTuple

from ledgerkit.core.issues import Issue
from ledgerkit.detect.headers import Synonyms, header_key
from ledgerkit.detect.long_tables import detect_table
from ledgerkit.detect.cells import is_blank
from ledgerkit.parse.amounts import parse_amount_with_basis, parse_rate
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.text import CellValueError, normalize_text

__all__ = [
    "synonyms_for", "is_rate_label", "find_table", "cached", "CellParsers", "cell_parsers", "show", "plain",
    "unique_name", "whole_yen", "parsed_amount", "cell", "read_code", "problem_issues", "RunningSums",
    "date_after",
]


def synonyms_for(config, kind: str, base: dict[str, list[str]]) -> dict[str, list[str]]:
    """``base``'s header texts per field, with the config's ``[columns.<kind>]`` in front."""
    fields = {k: list(v) for k, v in base.items()}
    if config is not None and hasattr(config, "synonyms"):
        for k, words in config.synonyms(kind).items():
            fields[k] = list(dict.fromkeys([*words, *fields.get(k, [])]))
    return fields


def is_rate_label(v: Any) -> bool:
    """A cell that only names a tax rate (``10%``, ``軽減``, ``(8%)``): a header, never data."""
    if not isinstance(v, str):
        return False
    key = header_key(v)
    return bool(key) and bool(re.fullmatch(r"\(?(10%|8%|標準|軽減|標準税率|軽減税率|標準10%|軽減8%|計|合計)\)?", key))


def cell(row: list, c: int | None) -> Any:
    """The value in column ``c`` of ``row`` ("" past its end or for no column)."""
    return row[c] if c is not None and c < len(row) else ""


def find_table(rows, fields: dict[str, list[str]], needs: Iterable[set[str]]):
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


def _one_row_header(rows, table, syn):
    """``table`` with its header cut back to one row (the row below becomes data)."""
    row = rows[table.header_row]
    columns, mapping = {}, {}
    for c in table.columns:
        text = str(cell(row, c)).strip() if not is_blank(cell(row, c)) else table.columns[c]
        columns[c] = text
        f = syn.match(text)
        if f and f not in mapping:
            mapping[f] = c
    return replace(table, header_rows=1, data_start=table.header_row + 1, columns=columns, mapping=mapping)


def cached(parser: Callable) -> Callable:
    """``parser`` memoized per cell value, returning ``(value, None)`` or ``(None, CellValueError)``."""
    memo: dict = {}

    def parse(value):
        key = (type(value), value)
        try:
            return memo[key]
        except KeyError:
            pass
        except TypeError:
            key = None
        try:
            hit = (parser(value), None)
        except CellValueError as e:
            hit = (None, e)
        if key is not None:
            memo[key] = hit
        return hit

    return parse


class CellParsers(NamedTuple):
    """The cached cell parsers of one sheet (see :func:`cached`)."""

    amount: Callable
    rate: Callable
    date: Callable


def cell_parsers() -> CellParsers:
    """Fresh cached parsers of amounts (with their 税込/税抜 basis), rates and dates."""
    return CellParsers(cached(parse_amount_with_basis), cached(parse_rate), cached(parse_date))


def show(value: Any) -> str:
    """A cell as a person reads it: ``1`` not ``1.0``, ``2026-10-01`` without a time."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def plain(value: Any) -> Any:
    """A cell of a column kept as written: normalized text, whole numbers as ints, dates."""
    if isinstance(value, str):
        return normalize_text(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # Excel stores every number as a float: No. 1, not 1.0
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def unique_name(name: str, existing) -> str:
    """``name``, or ``name_2``, ``name_3`` ... when ``existing`` already has it."""
    name = name or "column"
    out, n = name, 2
    while out in existing:
        out, n = f"{name}_{n}", n + 1
    return out


def whole_yen(parsed: Decimal | None) -> int | None:
    """Whole yen, or CellValueError for a fraction of a yen."""
    if parsed is None:
        return None
    if parsed != parsed.to_integral_value():
        raise CellValueError("1円未満の端数があります", parsed)
    return int(parsed)


def parsed_amount(parse_amount, raw: Any) -> tuple[Decimal | None, Any]:
    """(value, error) of an amount cell through a :func:`cached` parser; (None, None) when blank."""
    if is_blank(raw):
        return None, None
    hit, err = parse_amount(raw)
    return (None, err) if err is not None else (hit[0], None)


def read_code(row, c, problems, label) -> str | None:
    """A code cell (number, 注文番号 ...) as text; an unreadable one is a problem, kept as written."""
    if c is None:
        return None
    raw = cell(row, c)
    try:
        return parse_code(raw)
    except CellValueError:
        problems.append(("bad_cell", label, c, raw, False))
        return normalize_text(show(raw))


def problem_issues(problems: list[tuple], cols: dict, file: str, sheet: str, excel_row: int) -> list[Issue]:
    """A row's problems as Issues.

    A problem is (code, field label, column, value, rejects the row[, severity]); without a
    severity, a rejecting problem is an error and any other a warning.
    """
    out = []
    for code, field_label, c, value, reject, *severity in problems:
        out.append(
            Issue(
                code,
                file,
                sheet,
                excel_row,
                column=cols.get(c, "") if c is not None else "",
                value=show(value),
                severity=severity[0] if severity else "error" if reject else "warning",
                rejected=reject,
                params={"field": field_label, "value": show(value)},
            )
        )
    return out


class RunningSums:
    """Sums of a sheet's money cells as written, to check its 合計/小計 rows against.

    A total row must be the sum of the rows above it (since the last total row, or all
    of them). Once a row has been rejected the sums are incomplete and no longer checked.
    """

    def __init__(self, money_cols: Iterable[int], parse_amount):
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


def check_total_row(row, money_cols, since, whole, parse_amount, cols, file, sheet, excel_row, *, subtotal=False) -> list[Issue]:
    """A 合計/小計 row's figures must be the sum of the rows above (since the last total row,
    or all of them). A mismatch is a warning: a row may be missing, doubled or typed over."""
    out = []
    for c in sorted(money_cols):
        raw = cell(row, c)
        if is_blank(raw):
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
                value=show(raw),
                severity="warning",
                params={"field": cols.get(c, ""), "value": f"{value:,}",
                        "expected": f"{(since if subtotal else whole)[c]:,}"},
            )
        )
    return out


_RELATIVE_MONTH = re.compile(r"(当月|翌月|翌々月)\s*(?:(末日?)|(\d{1,2})\s*日)(?:払い?)?")


def date_after(raw: Any, anchor: dt.date | None) -> dt.date | None:
    """A date written without its year (``11月末``, ``12/10``) or relative to the month
    (``翌月末``, ``翌々月10日``, ``当月末``), read as the first such date in or after
    ``anchor``'s month; None when it is not one of those.

    Examples:
        >>> a = dt.date(2026, 12, 20)
        >>> date_after("1月末", a), date_after("翌月末", a), date_after("翌々月10日", a), date_after("12/25", a)
        (datetime.date(2027, 1, 31), datetime.date(2027, 1, 31), datetime.date(2027, 2, 10), datetime.date(2026, 12, 25))
        >>> date_after("月末", a) is None
        True
    """
    if anchor is None or not isinstance(raw, str):
        return None
    text = normalize_text(raw).strip()
    m = _RELATIVE_MONTH.fullmatch(text)
    if m:
        y, mo = divmod(anchor.month - 1 + {"当月": 0, "翌月": 1, "翌々月": 2}[m.group(1)], 12)
        y, mo = anchor.year + y, mo + 1
        last = calendar.monthrange(y, mo)[1]
        day = last if m.group(2) else int(m.group(3))
        return dt.date(y, mo, day) if 1 <= day <= last else None
    try:
        value = parse_date(text, year=anchor.year)
    except CellValueError:
        return None
    if value is None:
        return None
    if (value.year, value.month) < (anchor.year, anchor.month):
        try:
            value = value.replace(year=value.year + 1)
        except ValueError:
            return None
    return value
