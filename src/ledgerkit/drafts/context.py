"""From a request or order list to template contexts: the table, its rows, their values.

The list is read through the intake door (:mod:`ledgerkit.drafts.lists`); in the worker,
the table is found and every data row parsed into a :class:`SourceRow` (a row that cannot
be parsed keeps its error, raised when that row is drafted).

A row's context holds every column under its header text exactly as written
(``row['金額(税抜)']``), values parsed (dates as dates, amounts as integers); headers that
are valid names are also top-level variables (``{{ 件名 }}``); canonical aliases found
through synonyms (``subject``, ``amount`` …). An empty cell is *absent*, not blank: a
template that uses it fails under StrictUndefined, naming the field and the row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import keyword
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from ledgerkit.core.errors import DataError, InputError
from ledgerkit.detect.headers import header_key
from ledgerkit.detect.walk import classify_rows
from ledgerkit.drafts.text import t, where
from ledgerkit.drafts.text import where as _where
from ledgerkit.kinds.drafts import PO_FIELDS as ORDER_FIELDS  # noqa: F401  (re-exported for po)
from ledgerkit.kinds.drafts import RINGI_FIELDS  # noqa: F401  (re-exported for ringi)
from ledgerkit.parse.amounts import parse_amount, parse_amount_with_basis, parse_rate
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.text import CellValueError


#: order-list fields that belong to a line; every other column belongs to the order.
#: 備考 (note) is per line; the order's ``note`` gathers the lines' notes.
LINE_FIELDS = {"item", "spec", "quantity", "unit", "unit_price", "amount", "tax_rate", "tax", "note"}

_AMOUNT_WORDS = ("金額", "単価", "価格", "代金", "費用", "予算額", "小計", "合計", "税額", "円")
_DATE_WORDS = ("日", "期日", "納期", "年月日", "日付")
_QTY_WORDS = ("数量", "数")
_RATE_WORDS = ("税率",)


@dataclass
class SourceTable:
    """The table found in a source workbook, with every column's header as written.

    ``data`` lists its data rows (0-based indexes into ``rows``), ``records`` each one
    parsed, ``errors`` the error of each row that could not be (see :meth:`row`).
    """

    path: Path
    sheet: str
    rows: list[list[Any]]
    header_row: int  # 0-based
    data_start: int
    data_end: int
    columns: dict[int, str]
    mapping: dict[str, int]
    data: list[int] = field(default_factory=list)
    records: dict[int, "SourceRow"] = field(default_factory=dict)
    errors: dict[int, Exception] = field(default_factory=dict)

    def header(self, field: str) -> str:
        return self.columns[self.mapping[field]]

    def row(self, index: int, lang: str = "ja") -> "SourceRow":
        """Row ``index`` parsed (a copy: a draft may change it); raises its DataError naming the cell."""
        if index in self.errors:
            raise self.errors[index]
        record = self.records.get(index)
        if record is None:
            return parse_row(self, index, lang)
        return dataclasses.replace(record, values=dict(record.values), aliases=dict(record.aliases),
                                   blank=list(record.blank), bases=dict(record.bases))

    def parse(self, lang: str = "ja") -> "SourceTable":
        """Find the data rows and parse each one (in the worker that read the list)."""
        self.data = data_rows(self)
        for i in self.data:
            try:
                self.records[i] = parse_row(self, i, lang)
            except DataError as e:
                # raised when this row is drafted, not before: another row's draft is not stopped
                self.errors[i] = e
        return self


@dataclass
class SourceRow:
    """One data row: its Excel row number, values by header text, and aliases."""

    excel_row: int
    values: dict[str, Any]  # header text → parsed value; empty cells absent
    aliases: dict[str, Any]  # canonical field → parsed value
    blank: list[str]  # headers whose cell is empty
    #: amounts whose cell says 税込 / 税抜 itself ("1,320,000円(税込)"): header → incl | excl
    bases: dict[str, str] = field(default_factory=dict)


def unique_headers(columns: Mapping[int, str]) -> dict[int, str]:
    """Header texts made unique, so that no column hides another: a second 備考 is ``備考(2)``.

    Examples:
        >>> unique_headers({0: "品名", 1: "備考", 2: "備考"})
        {0: '品名', 1: '備考', 2: '備考(2)'}
    """
    out: dict[int, str] = {}
    used: set[str] = set()
    for c, h in columns.items():
        name, n = h, 1
        while name in used:
            n += 1
            name = f"{h}({n})"
        used.add(name)
        out[c] = name
    return out


def _kind_of_header(header: str, field: str | None) -> str:
    text = unicodedata.normalize("NFKC", header)
    if field in ("amount", "unit_price", "tax") or any(w in text for w in _AMOUNT_WORDS):
        return "amount"
    if field == "tax_rate" or any(w in text for w in _RATE_WORDS):
        return "rate"
    if field == "quantity" or text in _QTY_WORDS:
        return "quantity"
    if field in ("drafted_on", "due_date", "order_date", "delivery_date", "payment_due", "inspection_date") or (
        text.endswith(_DATE_WORDS) and "曜" not in text
    ):
        return "date"
    if field in ("request_no", "order_no", "registration_no", "vendor_code"):
        return "code"
    return "text"


def _integral(d: Decimal) -> int | Decimal:
    return int(d) if d == d.to_integral_value() else d


def parse_value(value: Any, kind: str) -> Any:
    """A cell value parsed for its column kind; raises CellValueError when it cannot be."""
    if kind == "amount":
        d = parse_amount(value)
        return None if d is None else _integral(d)
    if kind == "quantity":
        if isinstance(value, str):
            d = parse_amount(value)
        elif isinstance(value, float):
            d = Decimal(repr(value))
        elif isinstance(value, (int, Decimal)) and not isinstance(value, bool):
            d = Decimal(value)
        else:
            d = parse_amount(value)
        return None if d is None else _integral(d)
    if kind == "rate":
        return parse_rate(value)
    if kind == "date":
        if isinstance(value, str):
            # 実施時期 "2027年4月～", 納期 "12月中旬": text that is not one date stays as written
            try:
                return parse_date(value)
            except CellValueError:
                return value.strip()
        if isinstance(value, (int, float, dt.date)) and not isinstance(value, bool):
            return parse_date(value)
        return value
    if kind == "code":
        return parse_code(value)
    # text: keep it as written (trimmed); numbers stay numbers, datetimes become dates
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip())


def parse_row(table: SourceTable, index: int, lang: str = "ja") -> SourceRow:
    """Row ``index`` (0-based) of the table, parsed. Raises DataError naming the cell."""
    raw = table.rows[index]
    by_col_field = {c: f for f, c in table.mapping.items()}
    values: dict[str, Any] = {}
    aliases: dict[str, Any] = {}
    blank: list[str] = []
    bases: dict[str, str] = {}
    for c, header in table.columns.items():
        v = raw[c] if c < len(raw) else ""
        if _blank(v):
            blank.append(header)
            continue
        field_ = by_col_field.get(c)
        try:
            kind = _kind_of_header(header, field_)
            parsed = parse_value(v, kind)
            if kind == "amount" and isinstance(v, str):
                basis = parse_amount_with_basis(v)[1]
                if basis:
                    bases[header] = basis
        except CellValueError as e:
            reason = e.args[0] if e.args else "cannot read"
            raise DataError(
                t("bad_cell", lang, where=where(table.path, table.sheet, [index + 1], lang), header=header,
                  value=v, reason=reason)
            ) from None
        if parsed is None:
            blank.append(header)
            continue
        values[header] = parsed
        if field_:
            aliases[field_] = parsed
    return SourceRow(index + 1, values, aliases, blank, bases)


def data_rows(table: SourceTable) -> list[int]:
    """0-based indexes of the data rows: not blank, not a 合計/小計 row (the shared row walk,
    with a 合計 in any column of the table), not a note under the table (``※ 金額は税抜。``)."""
    columns = list(table.columns)
    kinds = classify_rows(table.rows, table.data_start, table.data_end, columns=columns, labels=columns)
    return kinds.data(table.data_start, table.data_end)  # not blank, 合計, the header again or a ※ note


def _match_key(v: Any) -> str:
    if isinstance(v, dt.datetime):
        v = v.date()
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float) and v.is_integer():
        v = int(v)
    return unicodedata.normalize("NFKC", str(v)).strip().lower()


def _header_key(text: str) -> str:
    return header_key(text)


def parse_where(conditions: Iterable[str] | Mapping[str, Any] | None, lang: str = "ja") -> list[tuple[str, str]]:
    """``["注文番号=PO-1"]`` or ``{"注文番号": "PO-1"}`` → ``[("注文番号", "PO-1")]``.

    Examples:
        >>> parse_where(["件名=PC購入の件", "部署 = 総務部"])
        [('件名', 'PC購入の件'), ('部署', '総務部')]
        >>> parse_where(["申請番号＝R-1", "件名=A＝B"])
        [('申請番号', 'R-1'), ('件名', 'A＝B')]
    """
    if not conditions:
        return []
    if isinstance(conditions, Mapping):
        return [(str(k), str(v)) for k, v in conditions.items()]
    out = []
    for c in conditions:
        # the full-width ＝ a Japanese keyboard types is the same sign
        at = min((i for i in (c.find("="), c.find("＝")) if i >= 0), default=-1)
        if at < 0:
            raise InputError(t("where_syntax", lang, value=c))
        k, v = c[:at], c[at + 1:]
        if not k.strip():
            raise InputError(t("where_no_column", lang, value=c))
        out.append((k.strip(), v.strip()))
    return out


def column_for(table: SourceTable, name: str, fields: Mapping[str, list[str]], lang: str = "ja") -> int:
    """The column a ``--where`` names: by header text as written, then normalized, then by alias."""
    for c, h in table.columns.items():
        if h == name:
            return c
    key = _header_key(name)
    for c, h in table.columns.items():
        if _header_key(h) == key:
            return c
    if name in table.mapping:
        return table.mapping[name]
    raise InputError(
        t("no_column", lang, where=where(table.path, table.sheet, [], lang), name=name,
          columns=", ".join(table.columns.values()))
    )


def select_rows(table: SourceTable, *, row: int | None, where, all: bool,
                fields: Mapping[str, list[str]], lang: str = "ja") -> list[int]:
    """0-based indexes of the rows chosen by exactly one of ``row``, ``where``, ``all``."""
    chosen = sum(x for x in (row is not None, bool(where), bool(all)))
    if chosen != 1:
        raise InputError(t("choose_rows", lang))
    rows = table.data
    at = _where(table.path, table.sheet, [], lang)
    if not rows:
        # --row / --where / --all alike: no 'rows 2-1' range to name
        raise InputError(t("no_rows", lang, where=at))
    if all:
        return rows
    if row is not None:
        index = row - 1
        if index not in rows:
            raise InputError(_not_a_data_row(table, index, lang))
        return [index]
    conditions = [(column_for(table, k, fields, lang), v, k) for k, v in parse_where(where, lang)]
    hits = []
    for i in rows:
        raw = table.rows[i]
        if all_match(raw, conditions):
            hits.append(i)
    if not hits:
        text = ", ".join(f"{k}={v}" for _, v, k in conditions)
        raise InputError(t("no_match", lang, where=at, conditions=text))
    return hits


def _not_a_data_row(table: SourceTable, index: int, lang: str) -> str:
    """Why 0-based row ``index`` is no data row: a note under the table (its text), a blank or
    合計 row inside the table, or outside it (the data rows' range, notes and blanks below left out)."""
    at = _where(table.path, table.sheet, [], lang)
    rows = table.data
    first, last = rows[0] + 1, rows[-1] + 1
    if table.data_start <= index < table.data_end:
        columns = list(table.columns)
        kinds = classify_rows(table.rows, table.data_start, table.data_end, columns=columns, labels=columns)
        if index in kinds.note:
            return t("note_row", lang, where=at, row=index + 1, text=kinds.note[index], first=first, last=last)
        if index in kinds.blank or index in kinds.total or index in kinds.repeated:
            return t("blank_row", lang, where=at, row=index + 1)
    return t("not_data_row", lang, where=at, row=index + 1, first=first, last=last)


def all_match(raw: list[Any], conditions) -> bool:
    """Every ``(column, value, name)`` condition holds: same text (NFKC, case-folded), or the
    same amount (``480,000`` = 480000), or the same date (``2026/12/2`` = 2026-12-02)."""
    for c, v, _ in conditions:
        cell = raw[c] if c < len(raw) else ""
        if _match_key(cell) != _match_key(v) and not _same_value(cell, v):
            return False
    return True


def _same_value(cell: Any, query: str) -> bool:
    if _blank(cell) or _blank(query):
        return False
    for parse in (parse_date, parse_amount):
        try:
            a, b = parse(cell), parse(query)
        except (CellValueError, TypeError, ValueError):
            continue
        if a is not None and a == b:
            return True
    return False


def identifier_names(values: Mapping[str, Any], reserved: Iterable[str]) -> dict[str, Any]:
    """The headers usable as top-level template variables (``{{ 件名 }}``)."""
    reserved = set(reserved)
    return {
        k: v for k, v in values.items()
        if k.isidentifier() and not keyword.iskeyword(k) and k not in reserved
    }


def setting(config: Any, key: str, default: Any) -> Any:
    """``config.get(key)`` when a config is given and has it, else ``default``."""
    if config is None:
        return default
    if isinstance(config, Mapping):
        node: Any = config
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                return default
            node = node[part]
        return node
    getter = getattr(config, "get", None)
    if getter is None:
        return default
    value = getter(key)
    return default if value is None else value


_PCT = re.compile(r"(\d+(?:\.\d+)?)\s*%")


def rate_label(rate: Decimal, lang: str = "ja") -> str:
    """``Decimal('0.10')`` → ``10%``; ``Decimal('0.08')`` → ``8%``; no tax → ``非課税`` (``no tax``),
    on a ringi and an order line alike.

    Examples:
        >>> rate_label(Decimal("0.10")), rate_label(Decimal("0.08")), rate_label(Decimal(0)), rate_label(Decimal(0), "en")
        ('10%', '8%', '非課税', 'no tax')
    """
    if not rate:
        return t("rate_none", lang)
    pct = (rate * 100).normalize()
    return f"{pct:f}%"
