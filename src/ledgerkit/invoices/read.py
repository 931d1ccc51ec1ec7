"""Received-invoice lists (請求書一覧 / 受領一覧) and purchase-order lists, read as written.

The header is found wherever it is (title rows, merged two-row headers), header texts go
through synonyms to canonical fields, 合計/小計 rows are left out, and amounts are parsed
from whatever the cell holds (``¥1,234``, ``１，２３４円``, ``△1,000``, ``(1,000)``,
``1,234円(税込)``). Money is integer yen (pandas ``Int64``), never float.

**One row per invoice and tax rate.** A list with separate 10% and 8% columns
(``税抜金額 10%`` / ``8%``, ``消費税 10%`` / ``8%``) becomes one row for each rate the
invoice uses, because tax is rounded, and therefore checked, once per invoice per rate
(DOMAIN.md §4.2). The rows of one invoice share ``invoice_key`` (file, sheet, row), and
``invoice_total`` carries the written tax-included total of the whole invoice when the
list has one. Summing ``net``, ``tax`` and ``total`` over rows never counts anything
twice.

Columns of the invoice frame (:data:`INVOICE_COLUMNS`), then any other column of the
list under its own header:

``invoice_no, issue_date, month, vendor, vendor_key, registration_no, po_no, net, tax, total,
tax_rate, due_date, project, invoice_total, invoice_key, source_file, source_sheet,
source_row``

``vendor`` keeps the name as written (legal form included); ``vendor_key`` ignores the
legal form and width, for matching. ``tax_rate`` is 0.10 / 0.08 / 0 (float64 for display;
the checks turn it back into an exact Decimal).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable

from ledgerkit.kinds.invoices import INVOICE_FIELDS
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.parse import normalize as nz
from ledgerkit.detect.table import Synonyms, detect_table, fill_merged, header_key, is_blank
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult

__all__ = [
    "INVOICE_FIELDS",
    "INVOICE_COLUMNS",
    "ORDER_FIELDS",
    "ORDER_COLUMNS",
    "read_invoice_sheet",
    "finish_invoices",
    "read_invoices",
    "summarize_invoices",
    "pivot_invoices",
    "write_invoices_report",
    "read_order_sheet",
    "read_orders",
    "vendor_identity",
]


#: the invoice frame's columns, in order (other columns of the list follow them)
INVOICE_COLUMNS = [
    "invoice_no",
    "issue_date",
    "month",
    "vendor",
    "vendor_key",
    "registration_no",
    "po_no",
    "net",
    "tax",
    "total",
    "tax_rate",
    "due_date",
    "project",
    "invoice_total",
    "invoice_key",
    "source_file",
    "source_sheet",
    "source_row",
]

_MONEY = ("net", "tax", "total")
_DATES = ("issue_date", "received_date", "due_date", "paid_date")
_RATES = (Decimal("0.10"), Decimal("0.08"))
#: internal columns (header of the cell each figure came from, what was derived); see finish_invoices
_INTERNAL = ("_col_net", "_col_tax", "_col_total", "_col_registration_no", "_col_issue_date", "_col_due_date",
             "_col_invoice_total", "_col_po_no", "_col_vendor", "_col_withholding", "_col_payment",
             "_has_reg_column", "_rate_given", "_total_given")

_RATE_10 = re.compile(r"(?<![\d.])10(?:\.0+)?%|標準")
_RATE_8 = re.compile(r"(?<![\d.])8(?:\.0+)?%|軽減")


def _synonyms(config, kind: str, base: dict[str, list[str]]) -> dict[str, list[str]]:
    fields = {k: list(v) for k, v in base.items()}
    if config is not None and hasattr(config, "synonyms"):
        for k, words in config.synonyms(kind).items():
            fields[k] = list(dict.fromkeys([*words, *fields.get(k, [])]))
    return fields


def _money_header(text: str) -> tuple[str, Decimal | None] | None:
    """(kind, rate) a money column's header names: ``消費税(8%)`` → ('tax', 0.08).

    Examples:
        >>> _money_header("税抜金額 10%"), _money_header("消費税（８％）"), _money_header("税込合計")
        (('net', Decimal('0.10')), ('tax', Decimal('0.08')), ('total', None))
        >>> _money_header("税率") is None
        True
    """
    key = header_key(text)
    if not key:
        return None
    rate = None
    if _RATE_10.search(key):
        rate = Decimal("0.10")
    elif _RATE_8.search(key):
        rate = Decimal("0.08")
    if "源泉" in key or "差引" in key or key in ("税率", "税区分") or "税率区分" in key:
        return None
    # what the amount is before how it is summed: 税抜合計 is net, 消費税合計 tax
    if "税込" in key:
        kind = "total"
    elif "消費税" in key or "税額" in key:
        kind = "tax"
    elif "税抜" in key or "本体" in key:
        kind = "net"
    elif "合計" in key:
        kind = "total"
    elif any(w in key for w in ("対象", "金額", "小計", "課税")):
        kind = "net"
    else:
        return None
    return kind, rate


def _is_rate_label(v: Any) -> bool:
    if not isinstance(v, str):
        return False
    key = header_key(v)
    return bool(key) and bool(re.fullmatch(r"\(?(10%|8%|標準|軽減|標準税率|軽減税率|標準10%|軽減8%|計|合計)\)?", key))


def _cached(parser):
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
        except nz.CellValueError as e:
            hit = (None, e)
        if key is not None:
            memo[key] = hit
        return hit

    return parse


def _show(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def _plain(value: Any) -> Any:
    if isinstance(value, str):
        return nz.normalize_text(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)  # Excel stores every number as a float: No. 1, not 1.0
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _unique(name: str, existing) -> str:
    name = name or "column"
    out, n = name, 2
    while out in existing:
        out, n = f"{name}_{n}", n + 1
    return out


def _yen(parsed: Decimal | None) -> int | None:
    """Whole yen, or CellValueError for a fraction of a yen."""
    if parsed is None:
        return None
    if parsed != parsed.to_integral_value():
        raise nz.CellValueError("1円未満の端数があります", parsed)
    return int(parsed)


def _parsed(parse_amount, raw: Any) -> tuple[Decimal | None, Any]:
    """(value, error) of an amount cell through a :func:`_cached` parser; (None, None) when blank."""
    if is_blank(raw):
        return None, None
    hit, err = parse_amount(raw)
    return (None, err) if err is not None else (hit[0], None)


def _cell(row: list, c: int | None) -> Any:
    return row[c] if c is not None and c < len(row) else ""


# --- invoice lists ---------------------------------------------------------------------


class _Layout:
    """Which column holds what, for one invoice sheet."""

    def __init__(self, table, rows):
        self.table = table
        self.columns = dict(table.columns)
        self.mapping = dict(table.mapping)
        self.data_start = table.data_start
        # a second header row of rate labels only (10% | 8%) that the detector took for data
        first = rows[self.data_start] if self.data_start < table.data_end else []
        cells = {c: _cell(first, c) for c in self.columns}
        nonblank = {c: v for c, v in cells.items() if not is_blank(v)}
        if nonblank and all(_is_rate_label(v) for v in nonblank.values()):
            for c, v in nonblank.items():
                self.columns[c] = f"{self.columns[c]} {str(v).strip()}"
            self.data_start += 1
        # the rate written ABOVE the header, over its money columns (標準税率10% over 税抜 | 消費税,
        # 軽減税率8% over 税抜 | 消費税): the detector took the lower row alone for the header
        if table.header_rows == 1 and table.header_row > 0:
            above = rows[table.header_row - 1]
            rated = {}
            for c, text in self.columns.items():
                cls = _money_header(text)
                v = _cell(above, c)
                if cls is None or cls[1] is not None or not isinstance(v, str):
                    continue
                over = _money_header(f"{v} 金額") if v.strip() else None
                if over is not None and over[1] is not None:
                    rated[c] = f"{v.strip()} {text}"
            if len({_money_header(t)[1] for t in rated.values()}) > 1:
                self.columns.update(rated)
        money_fields = {"net", "tax", "total", "amount", "net_10", "net_8", "tax_10", "tax_8"}
        # the month a title above the table names (請求書受領台帳 2026年10月分, 対象月 | 2026年10月):
        # the year of a due date written 11月末 when the list has no issue date
        self.month_start = None
        for r in range(0, table.header_row):
            for v in rows[r]:
                ym = nz.parse_year_month(v) if isinstance(v, str) and v.strip() else None
                if ym and ym[0]:
                    self.month_start = dt.date(ym[0], ym[1], 1)
                    break
            if self.month_start is not None:
                break
        taken = {c: f for f, c in self.mapping.items()}
        self.split: dict[tuple[str, Decimal], int] = {}
        self.single: dict[str, int] = {}
        for c, text in self.columns.items():
            field = taken.get(c)
            if field is not None and field not in money_fields:
                continue
            cls = _money_header(text)
            if cls is None:
                if field == "amount":
                    self.single.setdefault("amount", c)
                continue
            kind, rate = cls
            if field == "amount" and rate is None:
                self.single.setdefault("amount", c)
            elif rate is not None:
                self.split.setdefault((kind, rate), c)
            else:
                self.single.setdefault(kind, c)
        for c in list(self.split.values()) + list(self.single.values()):
            for f, fc in list(self.mapping.items()):
                if fc == c and f in money_fields:
                    del self.mapping[f]
        if self.split:
            # in a split layout, a net/tax column without a rate is an invoice-level figure
            self.invoice_total_col = self.single.get("total")
            self.single.pop("total", None)
        else:
            self.invoice_total_col = None

    @property
    def has_money(self) -> bool:
        return bool(self.split) or bool(self.single)

    def money_columns(self) -> set[int]:
        """The columns the amounts are read from (in a split-rate list, a 税抜 column without
        a rate is not one of them; a 消費税 without a rate is, when no rate has its own)."""
        if self.split:
            out = set(self.split.values())
            if not any(k == "tax" for k, _ in self.split) and "tax" in self.single:
                out.add(self.single["tax"])
        else:
            out = set(self.single.values())
        if self.invoice_total_col is not None:
            out.add(self.invoice_total_col)
        return out


def _find_table(rows, fields: dict[str, list[str]], needs: Iterable[set[str]]):
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
        v = _cell(row, c)
        if not isinstance(v, str) or _is_rate_label(v) or not re.search(r"\d", v):
            continue
        try:
            amount, _ = nz.parse_amount_with_basis(v)
        except nz.CellValueError:
            continue
        if amount is not None and re.search(r"[,¥￥円△▲()（）]|\d{3}", v):
            return True
    return False


def _one_row_header(rows, table, syn):
    """``table`` with its header cut back to one row (the row below becomes data)."""
    from dataclasses import replace

    row = rows[table.header_row]
    columns, mapping = {}, {}
    for c in table.columns:
        text = str(_cell(row, c)).strip() if not is_blank(_cell(row, c)) else table.columns[c]
        columns[c] = text
        f = syn.match(text)
        if f and f not in mapping:
            mapping[f] = c
    return replace(table, header_rows=1, data_start=table.header_row + 1, columns=columns, mapping=mapping)


def _order_list_columns(table) -> list[str]:
    """The headers that make a table an order list rather than an invoice list: an order
    number with quantity and unit price, and no invoice number. Empty for an invoice list."""
    if "invoice_no" in table.mapping or "po_no" not in table.mapping:
        return []
    syn = Synonyms({k: ORDER_FIELDS[k] for k in ("qty", "unit_price")})
    found = {syn.match(h): h for h in table.columns.values() if syn.match(h)}
    if set(found) != {"qty", "unit_price"}:
        return []
    return [table.columns[table.mapping["po_no"]], found["qty"], found["unit_price"]]


def read_invoice_sheet(sheet, *, file: str, config=None) -> SheetResult:
    """Read one sheet of an invoice list into rows of :data:`INVOICE_COLUMNS`.

    Returns a :class:`~ledgerkit.consolidate.kinds.SheetResult`: ``frame`` is None when the sheet
    holds no invoice table (no vendor / invoice-number / registration-number column
    with an amount column beside it); every data row is in the frame or named in
    ``issues`` (``rejected=True``). Internal ``_col_*`` columns name the header each
    figure came from; :func:`finish_invoices` drops them unless asked to keep them.

    Examples:
        >>> from ledgerkit.intake.read import RawSheet
        >>> s = RawSheet("受領一覧", "visible", [
        ...     ["2026年10月 受領請求書一覧", "", "", "", ""],
        ...     ["請求書番号", "取引先", "税抜金額", "消費税", "税込金額"],
        ...     ["A-1", "㈱アルファ", "¥100,000", "10,000", "110,000"],
        ...     ["合計", "", 100000, 10000, 110000]])
        >>> r = read_invoice_sheet(s, file="a.xlsx")
        >>> r.frame[["invoice_no", "vendor", "vendor_key", "net", "tax", "total", "source_row"]].to_dict("records")
        [{'invoice_no': 'A-1', 'vendor': '(株)アルファ', 'vendor_key': 'アルファ', 'net': 100000, 'tax': 10000, 'total': 110000, 'source_row': 3}]
        >>> r.rows_read, [i.code for i in r.issues]
        (1, ['total_row'])
    """

    name = sheet.name
    rows = fill_merged(sheet.rows, getattr(sheet, "merged", None) or ())
    fields = _synonyms(config, "invoices", INVOICE_FIELDS)
    table = _find_table(rows, fields, ({"vendor"}, {"invoice_no"}, {"registration_no"}))
    layout = _Layout(table, rows) if table is not None else None
    if layout is None or not layout.has_money:
        return SheetResult.no_table(file, sheet, kind={"ja": "請求書", "en": "invoice"},
                                    fields={"ja": "取引先 (または請求書番号・登録番号) + 金額", "en": "取引先 (or 請求書番号 / 登録番号) + an amount"})
    order_cols = _order_list_columns(table)
    if order_cols:
        # `check invoices a.xlsx --orders po1.xlsx po2.xlsx` hands po2.xlsx over as an invoice list
        return SheetResult(
            issues=[Issue("order_list_not_invoices", file, name, scope="sheet", severity="error",
                          params={"columns": ", ".join(order_cols)})],
            note="order list",
        )
    issues: list[Issue] = [
        Issue("extra_table", file, name, scope="sheet", params={"range": o}) for o in table.others
    ]
    m = layout.mapping
    cols = layout.columns
    if "invoice_no" in m and "registration_no" not in m:
        # インボイス番号 is what many people call the 登録番号: a column of T-numbers is one
        values = [_cell(rows[r], m["invoice_no"]) for r in range(layout.data_start, table.data_end)]
        values = [nz.normalize_registration_no(v) for v in values if not is_blank(v)]
        if values and sum(nz.is_registration_no_format(v) for v in values) >= 0.8 * len(values):
            m["registration_no"] = m.pop("invoice_no")
    parse_amount = _cached(nz.parse_amount_with_basis)
    parse_rate = _cached(nz.parse_rate)
    parse_date = _cached(nz.parse_date)
    amount_kind = _resolve_amount(rows, layout, parse_amount, parse_rate)
    if getattr(layout, "amount_assumed", False):
        issues_amount = [Issue("amount_read_as_total", file, name, scope="sheet",
                               params={"column": layout.columns[layout.single["amount"]]})]
    else:
        issues_amount = []
    if amount_kind is not None:
        c_amount = layout.single.pop("amount")
        if layout.split:
            layout.invoice_total_col = c_amount
        else:
            layout.single[amount_kind] = c_amount
    else:
        layout.single.pop("amount", None)
    issues.extend(issues_amount)
    if layout.split:
        split_cols = ", ".join(cols[c] for c in sorted(layout.split.values()))
        issues.append(Issue("split_rate_columns", file, name, scope="sheet", params={"columns": split_cols}))

    money_cols = layout.money_columns()
    # an amount column the layout has no place for (a second 税抜, a 消費税 without a rate in a
    # split-rate list) is kept in the rows as written but summed nowhere: say so
    for c, text in cols.items():
        if c not in money_cols and c not in m.values() and _money_header(text) is not None:
            issues.append(Issue("money_column_ignored", file, name, scope="sheet", severity="warning",
                                column=text, params={"column": text}))
    is_total_label = functools.lru_cache(maxsize=4096)(nz.is_total_label)
    used = set(m.values()) | money_cols
    extra_cols = {c: h for c, h in cols.items() if c not in used}
    label_cols = [m[k] for k in ("invoice_no", "vendor", "issue_date", "subject", "project") if k in m]
    label_cols += [c for c in cols if c not in money_cols][:2]
    # a row naming no invoice (no number, vendor or 登録番号) is a total row when any text
    # cell says so, e.g. 小計 written in the 備考 column at the right
    id_cols = [m[k] for k in ("invoice_no", "vendor", "registration_no") if k in m]
    other_cols = [c for c in cols if c not in money_cols and c not in label_cols]

    def total_label(row) -> str | None:
        for c in label_cols:
            v = _cell(row, c)
            if isinstance(v, str) and is_total_label(v):
                return v
        if id_cols and all(is_blank(_cell(row, c)) for c in id_cols):
            for c in other_cols:
                v = _cell(row, c)
                if isinstance(v, str) and is_total_label(v):
                    return v
        return None

    rows_read = 0
    records: list[dict] = []
    # sums of the money cells as written, to check 合計/小計 rows against
    sums_all: dict[int, int] = {c: 0 for c in money_cols}
    sums_since: dict[int, int] = {c: 0 for c in money_cols}
    any_rejected = False
    # 税率ごとに1行 lists often write the invoice's number, vendor and dates on its first
    # row only: a row right below an invoice row that names no invoice continues it
    # (as if those cells were merged down, which fill_merged already does)
    carry = [m[k] for k in ("invoice_no", "vendor", "registration_no", "issue_date", "received_date", "due_date",
                            "po_no", "project", "vendor_code") if k in m]
    names_invoice = [m[k] for k in ("invoice_no", "vendor", "registration_no", "issue_date") if k in m]
    prev_data: tuple[int, list] | None = None
    for r in range(layout.data_start, table.data_end):
        row = rows[r]
        if all(is_blank(_cell(row, c)) for c in cols):
            prev_data = None
            continue
        excel_row = r + 1
        label = total_label(row)
        if label is not None:
            prev_data = None
            issues.append(Issue("total_row", file, name, excel_row))
            if not any_rejected:
                subtotal = "小計" in label or "sub" in label.lower()
                issues.extend(_check_total_row(row, money_cols, sums_since, sums_all, parse_amount, cols, file, name,
                                               excel_row, subtotal=subtotal))
            sums_since = {c: 0 for c in money_cols}
            continue
        if ("invoice_no" in m and prev_data is not None and prev_data[0] == r - 1
                and all(is_blank(_cell(row, c)) for c in names_invoice)
                and any(not is_blank(_cell(row, c)) for c in money_cols)):
            row = list(row) + [""] * max(0, max(carry) + 1 - len(row))
            for c in carry:
                if is_blank(row[c]):
                    row[c] = _cell(prev_data[1], c)
        prev_data = (r, row)
        rows_read += 1
        rec, problems = _invoice_row(row, layout, parse_amount, parse_rate, parse_date)
        rejected = [p for p in problems if p[4]]
        if rejected:
            any_rejected = True
        else:
            for c in money_cols:
                value, err = _parsed(parse_amount, _cell(row, c))
                if err is None and value is not None and value == value.to_integral_value():
                    sums_all[c] += int(value)
                    sums_since[c] += int(value)
        for code, field_label, c, value, reject, *severity in problems:
            issues.append(
                Issue(
                    code,
                    file,
                    name,
                    excel_row,
                    column=cols.get(c, "") if c is not None else "",
                    value=_show(value),
                    severity=severity[0] if severity else "error" if reject else "warning",
                    rejected=reject,
                    params={"field": field_label, "value": _show(value)},
                )
            )
        if rejected:
            continue
        base = {
            "invoice_key": f"{file}|{name}|{excel_row}",
            "source_file": file,
            "source_sheet": name,
            "source_row": excel_row,
            "_has_reg_column": "registration_no" in m,
            "_col_registration_no": cols.get(m.get("registration_no"), ""),
            "_col_issue_date": cols.get(m.get("issue_date"), ""),
            "_col_due_date": cols.get(m.get("due_date"), ""),
            "_col_po_no": cols.get(m.get("po_no"), ""),
            "_col_vendor": cols.get(m.get("vendor"), ""),
            "_col_withholding": cols.get(m.get("withholding"), ""),
            "_col_payment": cols.get(m.get("payment"), ""),
            "_col_invoice_total": cols.get(layout.invoice_total_col, "") if layout.invoice_total_col is not None else "",
        }
        for c, header in extra_cols.items():
            base[("extra", c)] = _plain(_cell(row, c))
        for k, part in enumerate(rec.pop("_parts")):
            out = dict(rec)
            out.update(base)
            out.update(part)
            if k:
                # invoice-level figures on the invoice's first row only, so sums count them once
                for f in ("withholding", "payment"):
                    if f in out:
                        out[f] = None
            records.append(out)
    frame = _invoice_frame(records, extra_cols)
    mapping = {f: cols[c] for f, c in m.items()}
    for (kind, rate), c in layout.split.items():
        mapping[f"{kind}_{int(rate * 100)}"] = cols[c]
    for kind, c in layout.single.items():
        mapping[kind] = cols[c]
    return SheetResult(
        frame=frame,
        issues=issues,
        rows_read=rows_read,
        layout="split-rate" if layout.split else "one-rate",
        header_row=table.header_excel_row,
        mapping=mapping,
    )


def _check_total_row(row, money_cols, since, whole, parse_amount, cols, file, sheet, excel_row, *, subtotal=False) -> list[Issue]:
    """A 合計/小計 row's figures must be the sum of the rows above (since the last total row,
    or all of them). A mismatch is a warning: a row may be missing, doubled or typed over."""
    out = []
    for c in sorted(money_cols):
        raw = _cell(row, c)
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
                value=_show(raw),
                severity="warning",
                params={"field": cols.get(c, ""), "value": f"{value:,}",
                        "expected": f"{(since if subtotal else whole)[c]:,}"},
            )
        )
    return out


def _resolve_amount(rows, layout: _Layout, parse_amount, parse_rate) -> str | None:
    """Whether an ``金額``/``請求金額`` column is tax-excluded (net) or included (total).

    With a net column beside it, it is the total; with a total column, the net. Alone
    with a tax column, the figures decide: where tax fits ``金額 × rate`` it is net,
    where it fits ``金額 × rate / (1 + rate)`` it is the total. A ``(税込)``/``(税抜)``
    written in the cells wins.
    """
    if "amount" not in layout.single:
        return None
    single = layout.single
    if layout.split:
        return "total" if "total" not in single and layout.invoice_total_col is None else None
    if "net" in single and "total" not in single:
        return "total"
    if "total" in single and "net" not in single:
        return "net"
    if "net" in single and "total" in single:
        return None
    c_amount = single["amount"]
    c_tax = single.get("tax")
    c_rate = layout.mapping.get("tax_rate")
    votes = {"net": 0, "total": 0}
    for r in range(layout.data_start, layout.table.data_end):
        row = rows[r]
        amount, err = parse_amount(_cell(row, c_amount))
        if err or amount[0] is None:
            continue
        value, basis = amount
        if basis == "incl":
            votes["total"] += 1
            continue
        if basis == "excl":
            votes["net"] += 1
            continue
        if c_tax is None:
            continue
        tax, err = parse_amount(_cell(row, c_tax))
        if err or tax[0] is None or value != value.to_integral_value():
            continue
        rate, err = parse_rate(_cell(row, c_rate)) if c_rate is not None else (None, None)
        rates = [rate] if rate else list(_RATES)
        from ledgerkit.core.money import acceptable_taxes

        for rt in rates:
            if int(tax[0]) in acceptable_taxes(int(value), rt):
                votes["net"] += 1
                break
            net_guess = int(value) - int(tax[0])
            if int(tax[0]) in acceptable_taxes(net_guess, rt):
                votes["total"] += 1
                break
    if c_tax is None and votes["total"] == votes["net"] == 0:
        # nothing tells: what a vendor bills (請求金額) is what is paid, tax included. Read
        # as net it would count 税込 figures as 税抜 (and leave every total blank); said so
        layout.amount_assumed = True
        return "total"
    return "total" if votes["total"] > votes["net"] else "net"


def _invoice_row(row, layout: _Layout, parse_amount, parse_rate, parse_date):
    """One list row → (record with ``_parts`` per rate, problems).

    A problem is (code, field label, column, value, rejects the row[, severity]); without a
    severity, a rejecting problem is an error and any other a warning.
    """
    m = layout.mapping
    problems: list[tuple] = []
    rec: dict[str, Any] = {}

    def money(c, label):
        if c is None:
            return None, None
        raw = _cell(row, c)
        parsed, err = parse_amount(raw)
        if err is not None:
            problems.append(("bad_cell", label, c, raw, True))
            return None, None
        value, basis = parsed
        try:
            return _yen(value), basis
        except nz.CellValueError:
            problems.append(("not_whole_yen", label, c, raw, True))
            return None, None

    # text fields
    rec["invoice_no"] = (_code(row, m.get("invoice_no"), problems, "請求書番号") or "")
    rec["vendor"] = nz.normalize_text(_cell(row, m["vendor"])) if "vendor" in m else ""
    rec["vendor_key"] = nz.vendor_key(rec["vendor"]) if rec["vendor"] else ""
    reg_raw = _cell(row, m.get("registration_no"))
    rec["registration_no"] = nz.normalize_registration_no(reg_raw) if not is_blank(reg_raw) else ""
    rec["_registration_raw"] = _show(reg_raw) if not is_blank(reg_raw) else ""
    rec["po_no"] = _code(row, m.get("po_no"), problems, "注文番号") or ""
    rec["project"] = _code(row, m.get("project"), problems, "案件") or ""
    for f in ("vendor_code",):
        if f in m:
            rec[f] = _code(row, m[f], problems, "取引先コード") or ""
    for f in ("subject",):
        if f in m:
            rec[f] = nz.normalize_text(_cell(row, m[f]))
    # dates: an unreadable date is reported and left blank; the row stays
    for f in _DATES:
        if f not in m:
            continue
        raw = _cell(row, m[f])
        value, err = parse_date(raw)
        if err is not None and f in ("due_date", "paid_date"):
            # 11月末, 12/10, 翌月末: read after the invoice's issue (or receipt) date
            value = _date_after(raw, rec.get("issue_date") or rec.get("received_date") or layout.month_start)
            err = None if value is not None else err
        if err is not None:
            problems.append(("bad_cell", _LABELS[f], m[f], raw, False))
        rec[f] = value
    for f in ("withholding", "payment"):
        if f in m:
            rec[f], _ = money(m[f], _LABELS[f])

    parts: list[dict] = []
    if layout.split:
        rec["invoice_total"], _ = money(layout.invoice_total_col, "税込合計")
        for rate in _RATES:
            c_net, c_tax, c_total = (layout.split.get((k, rate)) for k in _MONEY)
            pct = f"{int(rate * 100)}%"
            net, _ = money(c_net, f"税抜金額({pct})")
            tax, _ = money(c_tax, f"消費税({pct})")
            total, _ = money(c_total, f"税込金額({pct})")
            if all(v in (None, 0) for v in (net, tax, total)):
                continue
            total_given = total is not None
            _report_blank(row, layout, problems, net, tax, c_tax, c_total)
            if tax is None and net is not None and total is not None and c_tax is None:
                tax = total - net
            if net is None and tax is not None and total is not None:
                net = total - tax
            if total is None and net is not None and tax is not None and c_total is None:
                total = net + tax
            parts.append(
                {
                    "net": net,
                    "tax": tax,
                    "total": total,
                    "tax_rate": float(rate),
                    "_rate_given": True,
                    "_total_given": total_given,
                    "_col_net": layout.columns.get(c_net, ""),
                    "_col_tax": layout.columns.get(c_tax if c_tax is not None else c_total, ""),
                    "_col_total": layout.columns.get(c_total, ""),
                }
            )
        c_tax_all = layout.single.get("tax")
        if parts and c_tax_all is not None and not any(k == "tax" for k, _ in layout.split):
            # 10%対象 | 8%対象 | 消費税: one tax for the whole invoice, shared out per rate
            tax_all, _ = money(c_tax_all, "消費税")
            if tax_all is not None and all(pt["net"] is not None and pt["tax"] is None for pt in parts):
                for pt, t in zip(parts, _share_tax(tax_all, [(pt["net"], Decimal(str(pt["tax_rate"]))) for pt in parts])):
                    pt.update(tax=t, total=pt["net"] + t, _col_tax=layout.columns.get(c_tax_all, ""))
        if not parts and not any(p[4] for p in problems):
            if rec["invoice_total"] not in (None,):
                parts.append(
                    {"net": None, "tax": None, "total": rec["invoice_total"], "tax_rate": None, "_rate_given": False,
                     "_total_given": False, "_col_net": "", "_col_tax": "", "_col_total": ""}
                )
            else:
                problems.append(("missing_value", "金額", None, "", True))
    else:
        s = layout.single
        net, nb = money(s.get("net"), "税抜金額")
        tax, _ = money(s.get("tax"), "消費税")
        total, tb = money(s.get("total"), "税込金額")
        net_col = layout.columns.get(s.get("net"), "")
        if nb == "incl" and net is not None and (total is None or total == net):
            # a 金額 cell that says so (1,100円(税込)) holds the tax-included amount
            total, net, net_col = net, (net - tax if tax is not None else None), ""
        rate = None
        rate_given = False
        if "tax_rate" in m:
            raw = _cell(row, m["tax_rate"])
            rate, err = parse_rate(raw)
            if err is not None:
                # 9%: not guessed from the tax (that would pass the tax check on a guess). The rate
                # stays blank, the row stays, and _rate_given keeps the tax checks from running.
                problems.append(("tax_rate_unreadable", "税率", m["tax_rate"], raw, False, "error"))
            rate_given = rate is not None or err is not None
        total_given = total is not None
        if rate != 0:
            # 税抜 given: (a 税込 figure with its rate alone can be a 適格簡易請求書, §3.1)
            _report_blank(row, layout, problems, net, tax, s.get("tax"), s.get("total"))
        tax_col = s.get("tax")
        if tax is None and net is not None and total is not None and "tax" not in s:
            tax = total - net
            tax_col = s.get("total")
        if net is None and "net" not in s and tax is not None and total is not None:
            net = total - tax
        if total is None and "total" not in s and net is not None and tax is not None:
            total = net + tax
        if net is None and tax is None and total is None:
            if not any(p[4] for p in problems):
                problems.append(("missing_value", "金額", next(iter(s.values()), None), "", True))
        if rate is None and not rate_given and net is not None and tax is not None:
            from ledgerkit.checks.rules import infer_rate

            rate = infer_rate(net, tax)
        parts.append(
            {
                "net": net,
                "tax": tax,
                "total": total,
                "tax_rate": float(rate) if rate is not None else None,
                "_rate_given": rate_given,
                "_total_given": total_given,
                "_col_net": net_col,
                "_col_tax": layout.columns.get(tax_col, ""),
                "_col_total": layout.columns.get(s.get("total"), ""),
            }
        )
        rec["invoice_total"] = None
    rec["_parts"] = parts
    return rec, problems


def _report_blank(row, layout: _Layout, problems: list, base, tax, c_tax, c_total) -> None:
    """A 消費税 / 税込 column the list has, left blank beside an amount: a qualified invoice
    states its tax per rate (DOMAIN.md §3.1), so the gap is reported, never read as 0. The
    row stays; the problem names the column as written."""
    if base is None:
        return
    if tax is None and c_tax is not None and is_blank(_cell(row, c_tax)):
        problems.append(("tax_missing", layout.columns.get(c_tax, "消費税"), c_tax, "", False))
    if c_total is not None and is_blank(_cell(row, c_total)):
        problems.append(("total_missing", layout.columns.get(c_total, "税込金額"), c_total, "", False))


def _share_tax(tax: int, parts: list[tuple[int, Decimal]]) -> list[int]:
    """An invoice's one tax figure shared out over its rates: the split in which each rate's
    share is a rounding of its own net × rate (DOMAIN.md §4.2). When none is, the rates but
    the last take their rounded-down tax and the last the rest, so its check fails there.

    Examples:
        >>> _share_tax(175, [(315, Decimal("0.10")), (1801, Decimal("0.08"))])
        [31, 144]
        >>> _share_tax(180, [(315, Decimal("0.10")), (1801, Decimal("0.08"))])
        [31, 149]
    """
    from itertools import product

    from ledgerkit.core.money import acceptable_taxes, tax_amount

    if len(parts) == 1:
        return [tax]
    options = [sorted(acceptable_taxes(net, rate)) for net, rate in parts[:-1]]
    last_net, last_rate = parts[-1]
    last_ok = acceptable_taxes(last_net, last_rate)
    for head in product(*options):
        if tax - sum(head) in last_ok:
            return [*head, tax - sum(head)]
    head = [tax_amount(net, rate, "down") for net, rate in parts[:-1]]
    return [*head, tax - sum(head)]


_RELATIVE_MONTH = re.compile(r"(当月|翌月|翌々月)\s*(?:(末日?)|(\d{1,2})\s*日)(?:払い?)?")


def _date_after(raw: Any, anchor: dt.date | None) -> dt.date | None:
    """A date written without its year (``11月末``, ``12/10``) or relative to the month
    (``翌月末``, ``翌々月10日``, ``当月末``), read as the first such date in or after
    ``anchor``'s month; None when it is not one of those.

    Examples:
        >>> a = dt.date(2026, 12, 20)
        >>> _date_after("1月末", a), _date_after("翌月末", a), _date_after("翌々月10日", a), _date_after("12/25", a)
        (datetime.date(2027, 1, 31), datetime.date(2027, 1, 31), datetime.date(2027, 2, 10), datetime.date(2026, 12, 25))
        >>> _date_after("月末", a) is None
        True
    """
    import calendar

    if anchor is None or not isinstance(raw, str):
        return None
    text = nz.normalize_text(raw).strip()
    m = _RELATIVE_MONTH.fullmatch(text)
    if m:
        y, mo = divmod(anchor.month - 1 + {"当月": 0, "翌月": 1, "翌々月": 2}[m.group(1)], 12)
        y, mo = anchor.year + y, mo + 1
        last = calendar.monthrange(y, mo)[1]
        day = last if m.group(2) else int(m.group(3))
        return dt.date(y, mo, day) if 1 <= day <= last else None
    try:
        value = nz.parse_date(text, year=anchor.year)
    except nz.CellValueError:
        return None
    if value is None:
        return None
    if (value.year, value.month) < (anchor.year, anchor.month):
        try:
            value = value.replace(year=value.year + 1)
        except ValueError:
            return None
    return value


_PAYMENT_TERMS = re.compile(
    r"(?:毎月)?(?:(?:月)?末日?|(\d{1,2})\s*日)\s*締め?(?:切り?)?\s*[、,・]?\s*(当月|翌月|翌々月)\s*(?:(末日?)|(\d{1,2})\s*日)\s*(?:払い?|支払い?)?"
)


def _payment_date(raw: Any, delivered: dt.date | None) -> dt.date | None:
    """The payment date that terms such as ``月末締め翌月末払い`` or ``20日締め翌月10日払い``
    give for a delivery on ``delivered``; other text as :func:`_date_after` reads it.

    Examples:
        >>> d = dt.date(2026, 10, 25)
        >>> _payment_date("月末締め翌月末払い", d), _payment_date("20日締め翌月10日払い", d)
        (datetime.date(2026, 11, 30), datetime.date(2026, 12, 10))
        >>> _payment_date("末締め翌々月末", d), _payment_date("11月末", d)
        (datetime.date(2026, 12, 31), datetime.date(2026, 11, 30))
    """
    import calendar

    if delivered is None or not isinstance(raw, str):
        return None
    m = _PAYMENT_TERMS.fullmatch(nz.normalize_text(raw).replace(" ", ""))
    if not m:
        return _date_after(raw, delivered)
    close_day, later, month_end, pay_day = m.groups()
    months = delivered.year * 12 + delivered.month - 1
    if close_day is not None and delivered.day > int(close_day):
        months += 1  # after this month's closing day: closed with next month's
    months += {"当月": 0, "翌月": 1, "翌々月": 2}[later]
    y, mo = divmod(months, 12)
    last = calendar.monthrange(y, mo + 1)[1]
    day = last if month_end else int(pay_day)
    return dt.date(y, mo + 1, day) if 1 <= day <= last else None


_LABELS = {
    "issue_date": "発行日",
    "received_date": "受領日",
    "due_date": "支払期日",
    "paid_date": "支払日",
    "withholding": "源泉税",
    "payment": "差引支払額",
}


def _code(row, c, problems, label) -> str | None:
    if c is None:
        return None
    raw = _cell(row, c)
    try:
        return nz.parse_code(raw)
    except nz.CellValueError:
        problems.append(("bad_cell", label, c, raw, False))
        return nz.normalize_text(_show(raw))


def _invoice_frame(records: list[dict], extra_cols: dict[int, str]):
    import pandas as pd

    optional = ["received_date", "vendor_code", "subject", "paid_date", "withholding", "payment"]
    present_optional = [c for c in optional if any(c in r for r in records)]
    columns = list(INVOICE_COLUMNS) + present_optional
    data = {c: [r.get(c) for r in records] for c in columns}
    frame = pd.DataFrame(data, columns=columns)
    for c, header in extra_cols.items():
        # object dtype: a column only some lists have must not turn its numbers into floats
        frame[_unique(header, frame.columns)] = pd.Series([r.get(("extra", c)) for r in records], dtype=object)
    for c in (*_INTERNAL, "_registration_raw"):
        frame[c] = [r.get(c) for r in records]
    return _typed(frame)


def _typed(frame):
    import pandas as pd

    for c in ("net", "tax", "total", "invoice_total", "withholding", "payment"):
        if c in frame.columns:
            frame[c] = pd.array([None if pd_isna(v) else int(v) for v in frame[c]], dtype="Int64")
    frame["tax_rate"] = pd.array([None if v is None else float(v) for v in frame["tax_rate"]], dtype="Float64")
    for c in _DATES:
        if c in frame.columns:
            frame[c] = pd.to_datetime(pd.Series([v if v is not None else pd.NaT for v in frame[c]], dtype="object"))
    # the issue date's month, for summaries (--by vendor,month)
    frame["month"] = frame["issue_date"].dt.strftime("%Y-%m").fillna("").astype(object)
    frame["source_row"] = frame["source_row"].astype("int64")
    for c in ("invoice_no", "vendor", "vendor_key", "registration_no", "po_no", "project", "invoice_key"):
        frame[c] = frame[c].fillna("").astype(object)
    return frame


def empty_invoice_frame():
    """An invoice frame with no rows (every column, the right dtypes)."""
    return _invoice_frame([], {})


# --- across all files ---------------------------------------------------------------------


def vendor_identity(frame) -> "Any":
    """One key per vendor: the 登録番号 when the vendor has one anywhere, else the name key.

    A vendor written with its number on one list and without it on another still gets
    one identity, through the name key both share.
    """
    import pandas as pd

    reg_by_name: dict[str, str] = {}
    for key, reg in zip(frame["vendor_key"], frame["registration_no"]):
        if key and reg and nz.is_registration_no_format(reg):
            reg_by_name.setdefault(key, reg)
    out = []
    for key, reg in zip(frame["vendor_key"], frame["registration_no"]):
        if reg and nz.is_registration_no_format(reg):
            out.append(reg)
        elif key in reg_by_name:
            out.append(reg_by_name[key])
        else:
            out.append(f"name:{key}")
    return pd.Series(out, index=frame.index, dtype=object)


def _signature(group) -> tuple:
    """What makes two entries the same invoice: per rate (rate, net, tax), and the total.

    The total is the written invoice total when the list has one, else the sum of the
    rows' totals, so a split-rate list and a one-rate list compare equal.
    """
    parts = sorted(
        (
            "" if pd_isna(r) else f"{float(r):.4f}",
            None if pd_isna(n) else int(n),
            None if pd_isna(t) else int(t),
        )
        for r, n, t in zip(group["tax_rate"], group["net"], group["tax"])
    )
    it = group["invoice_total"].iloc[0] if "invoice_total" in group.columns else None
    if pd_isna(it) or it is None:
        totals = [v for v in group["total"] if not pd_isna(v)]
        it = sum(int(v) for v in totals) if totals else None
    return (tuple(parts), None if it is None else int(it))


def pd_isna(v) -> bool:
    import pandas as pd

    try:
        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


def _where(file: str, sheet: str, row: int) -> dict[str, str]:
    """Where the first of two rows is, in both languages (a message parameter)."""
    return {"ja": f"{Path(file).name} / {sheet} / {row}行目", "en": f"{Path(file).name} / {sheet} / row {row}"}


def _amount_text(sig: tuple, other: tuple | None = None) -> str | dict[str, str]:
    """``275,000`` or, when the totals agree, the figures that differ: ``税抜 250,000 / 税 25,000``."""
    parts, total = sig
    if other is None or other[1] != total or total is None:
        return f"{total:,}" if total is not None else "?"
    net = sum(p[1] or 0 for p in parts)
    tax = sum(p[2] or 0 for p in parts)
    return {"ja": f"{total:,} (税抜 {net:,} / 税 {tax:,})", "en": f"{total:,} (net {net:,} / tax {tax:,})"}


def _row_content(row, columns) -> tuple:
    return tuple("" if pd_isna(row[c]) else str(row[c]) for c in columns)


def _join_rows_of_one_invoice(frame, issues: list[Issue]) -> set[str]:
    """Rows of one sheet with the same vendor and invoice number are one invoice.

    Lists written 税率ごとに1行 (one row per rate) or per line item repeat the invoice
    number: those rows get the first row's ``invoice_key`` (the tax is then checked
    once per invoice and rate, on their sum). A row identical to an earlier one in every
    column is the same entry typed twice: it is listed (``duplicate_invoice``) and its
    key returned, to be dropped. ``frame`` is changed in place (it is the caller's copy).
    """
    drop: set[str] = set()
    # the vendor is compared by identity (登録番号 or name key), not as spelled (㈱アオバ = アオバ);
    # a receipt date or a running row number differs between two entries of one invoice
    content_cols = [c for c in frame.columns
                    if c not in ("source_row", "invoice_key", "vendor", "received_date")
                    and not str(c).startswith("_") and not _is_running_number(c)]
    with_no = frame[frame["invoice_no"].astype(str) != ""]
    # only numbers seen more than once in a sheet need a look (grouping every row is slow)
    with_no = with_no[with_no.duplicated(["source_file", "source_sheet", "_identity", "invoice_no"], keep=False)]
    for (file, sheet, _, number), group in with_no.groupby(
        ["source_file", "source_sheet", "_identity", "invoice_no"], sort=False
    ):
        keys = list(dict.fromkeys(group["invoice_key"]))
        if len(keys) < 2:
            continue
        first_key = keys[0]
        seen: dict[tuple, Any] = {}
        for key in keys:
            rows = group[group["invoice_key"] == key]
            content = tuple(_row_content(r, content_cols) for _, r in rows.iterrows())
            if content in seen:
                orig = seen[content]
                drop.add(key)
                for _, row in rows.iterrows():
                    issues.append(
                        Issue(
                            "duplicate_invoice", file, sheet, int(row["source_row"]),
                            column=row.get("_col_vendor", "") or "", value=str(number),
                            severity="warning", rejected=True,
                            params={"other": _where(orig["source_file"], orig["source_sheet"], int(orig["source_row"])),
                                    "invoice_no": number},
                        )
                    )
                continue
            seen[content] = rows.iloc[0]
            if key != first_key:
                # rows of one invoice share its date; another date is another invoice with the
                # same number (listed by finish_invoices as a conflict)
                a, b = group.loc[group["invoice_key"] == first_key, "issue_date"].iloc[0], rows["issue_date"].iloc[0]
                if not pd_isna(a) and not pd_isna(b) and a != b:
                    continue
                frame.loc[rows.index, "invoice_key"] = first_key
    return drop


_RUNNING_NUMBER = {"no", "no.", "#", "連番", "行番号", "項番", "番号", "№", "行no", "行no."}


def _is_running_number(header: Any) -> bool:
    """``No`` / ``連番`` / ``項番``: a column that numbers the list's rows, not the invoice."""
    return isinstance(header, str) and nz.normalize_text(header).strip().lower().replace(" ", "") in _RUNNING_NUMBER


def finish_invoices(frame, issues: list[Issue], config=None, *, keep_internal: bool = False):
    """Checks that need every file's rows: the same invoice twice, or twice with other amounts.

    * The same invoice (same vendor — by 登録番号, else name key —, invoice number and
      amounts at every rate) found again is counted once: the first one read stays,
      each repeat is listed (``duplicate_invoice``, rejected) and removed from the frame.
    * The same vendor and invoice number with different amounts stays in both places
      and is listed (``invoice_conflict``, error): a person decides which is right.

    Returns ``(frame, issues)``; the frame is a new one (the input is not modified).
    Rows without an invoice number are never taken for duplicates.
    """

    issues = list(issues)
    if frame is None or len(frame) == 0:
        out = frame if frame is not None else empty_invoice_frame()
        return (out if keep_internal else _drop_internal(out)), issues
    frame = frame.reset_index(drop=True).copy()
    frame["_identity"] = vendor_identity(frame)
    drop_keys: set[str] = _join_rows_of_one_invoice(frame, issues)
    with_no = frame[(frame["invoice_no"].astype(str) != "") & ~frame["invoice_key"].isin(drop_keys)]
    with_no = with_no[with_no.duplicated(["_identity", "invoice_no"], keep=False)]
    for (_, number), group in with_no.groupby(["_identity", "invoice_no"], sort=False):
        keys = list(dict.fromkeys(group["invoice_key"]))
        if len(keys) < 2:
            continue
        seen: list[tuple[tuple, str, Any]] = []  # (signature, key, first row)
        for key in keys:
            inv = group[group["invoice_key"] == key]
            sig = _signature(inv)
            first = inv.iloc[0]
            same = next((s for s in seen if s[0] == sig), None)
            if same is not None:
                drop_keys.add(key)
                orig = same[2]
                for _, row in inv.iterrows():
                    issues.append(
                        Issue(
                            "duplicate_invoice",
                            row["source_file"],
                            row["source_sheet"],
                            int(row["source_row"]),
                            column=row.get("_col_vendor", "") or "",
                            value=str(number),
                            severity="warning",
                            rejected=True,
                            params={"other": _where(orig["source_file"], orig["source_sheet"], int(orig["source_row"])),
                                    "invoice_no": number},
                        )
                    )
                continue
            if seen:
                orig = seen[0][2]
                issues.append(
                    Issue(
                        "invoice_conflict",
                        first["source_file"],
                        first["source_sheet"],
                        int(first["source_row"]),
                        column=first.get("_col_total", "") or first.get("_col_net", "") or "",
                        value=str(number),
                        severity="error",
                        params={
                            "other": _where(orig["source_file"], orig["source_sheet"], int(orig["source_row"])),
                            "invoice_no": number,
                            "a": _amount_text(seen[0][0], sig),
                            "b": _amount_text(sig, seen[0][0]),
                        },
                    )
                )
            seen.append((sig, key, first))
    out = frame[~frame["invoice_key"].isin(drop_keys)].drop(columns=["_identity"]).reset_index(drop=True)
    return (out if keep_internal else _drop_internal(out)), issues


def _drop_internal(frame):
    return frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])


def read_invoices(paths: Iterable[str | Path], config=None, *, keep_internal: bool = False):
    """Read invoice lists (files) into one frame: ``(frame, issues, rows_read)``.

    Every visible sheet is tried; a sheet with no invoice table is listed in the issues.
    Unreadable files raise :class:`~ledgerkit.core.errors.UnreadableFileError`.
    This is the in-process reader ``check invoices`` uses; ``ledgerkit.aggregate`` reads
    the same sheets in worker processes with :func:`read_invoice_sheet`.
    """
    import pandas as pd

    from ledgerkit.intake.door import iter_sheets

    frames, rows_read, issues = [], 0, []
    for file, sheet in iter_sheets(paths, config, issues=issues):
        res = SheetResult.coerce(read_invoice_sheet(sheet, file=file, config=config))
        issues.extend(res.issues)
        rows_read += res.rows_read
        if res.frame is not None and len(res.frame):
            frames.append(res.frame)
    frame = pd.concat(frames, ignore_index=True) if frames else empty_invoice_frame()
    frame, issues = finish_invoices(frame, issues, config, keep_internal=keep_internal)
    return frame, issues, rows_read


def summarize_invoices(frame) -> dict[str, Any]:
    """Totals by vendor, project and month (of the issue date), as frames.

    Vendors are grouped by identity (登録番号, else name key) and shown under the name
    written most often. Money stays integer yen.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"vendor": ["㈱アルファ", "株式会社アルファ"], "vendor_key": ["アルファ", "アルファ"],
        ...     "registration_no": ["", ""], "project": ["P1", "P2"], "invoice_key": ["a", "b"],
        ...     "issue_date": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        ...     "net": pd.array([1000, 2000], dtype="Int64"), "tax": pd.array([100, 200], dtype="Int64"),
        ...     "total": pd.array([1100, 2200], dtype="Int64")})
        >>> summarize_invoices(f)["by_vendor"][["vendor", "invoices", "net", "total"]].to_dict("records")
        [{'vendor': '㈱アルファ', 'invoices': 2, 'net': 3000, 'total': 3300}]
    """
    import pandas as pd

    f = frame.copy()
    f["_identity"] = vendor_identity(f)
    names = f.groupby("_identity", sort=False)["vendor"].agg(lambda s: s.value_counts().index[0] if len(s) else "")
    regs = f.groupby("_identity", sort=False)["registration_no"].agg(lambda s: next((v for v in s if v), ""))

    def whole_sum(s):
        # a figure some rows lack (a 税込-only list has no 税抜 or 消費税) sums to blank, not to
        # the part that is known (or to 0)
        return s.sum() if s.notna().all() else pd.NA

    def totals(by: list[str]):
        g = f.groupby(by, sort=True, dropna=False)
        out = g.agg(
            invoices=("invoice_key", "nunique"),
            net=("net", whole_sum),
            tax=("tax", whole_sum),
            total=("total", whole_sum),
        ).reset_index()
        for c in ("net", "tax", "total"):
            out[c] = out[c].astype("Int64")
        return out

    by_vendor = totals(["_identity"])
    by_vendor.insert(0, "vendor", by_vendor["_identity"].map(names))
    by_vendor.insert(1, "registration_no", by_vendor["_identity"].map(regs))
    by_vendor = by_vendor.drop(columns=["_identity"]).sort_values("total", ascending=False, kind="stable")
    by_project = totals(["project"])
    f["month"] = f["issue_date"].dt.strftime("%Y-%m").fillna("")
    by_month = totals(["month"])
    return {"by_vendor": by_vendor.reset_index(drop=True), "by_project": by_project, "by_month": by_month}


def pivot_invoices(frame, by: str = "vendor", value: str = "total"):
    """``by`` (vendor / project / ...) down, issue month across, ``value`` summed (integer yen).

    Vendors are grouped by identity and shown under the name written most often.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"vendor": ["㈱アルファ", "株式会社アルファ"], "vendor_key": ["アルファ", "アルファ"],
        ...     "registration_no": ["", ""], "issue_date": pd.to_datetime(["2026-10-01", "2026-11-01"]),
        ...     "total": pd.array([1100, 2200], dtype="Int64")})
        >>> pivot_invoices(f).to_dict("records")
        [{'vendor': '㈱アルファ', '2026-10': 1100, '2026-11': 2200}]
    """

    f = frame.copy()
    f["_month"] = f["issue_date"].dt.strftime("%Y-%m").fillna("(日付なし)")
    if by == "vendor":
        f["_by"] = vendor_identity(f)
        names = f.groupby("_by", sort=False)["vendor"].agg(lambda s: s.value_counts().index[0] if len(s) else "")
    else:
        f["_by"] = f[by].fillna("").astype(str)
        names = None
    f["_v"] = f[value].fillna(0).astype("int64")
    f["_missing"] = f[value].isna()
    g = f.groupby(["_by", "_month"], sort=True)
    table = g["_v"].sum().unstack("_month", fill_value=0).astype("Int64")
    # a month where some row lacks the figure (税込 blank on a 税抜-only row) is blank, not a
    # sum of what is known
    missing = g["_missing"].any().unstack("_month", fill_value=False).reindex_like(table).fillna(False).astype(bool)
    table = table.mask(missing)
    if not missing.to_numpy().any():
        table = table.astype("int64")
    table = table.reset_index()
    table.columns.name = None
    label = table["_by"].map(names) if names is not None else table["_by"]
    table.insert(0, by, label.fillna("").replace("", "(なし)"))
    return table.drop(columns=["_by"])


#: number formats of the invoice frame's columns in reports
INVOICE_FORMATS = {
    "issue_date": "date", "due_date": "date", "received_date": "date", "paid_date": "date",
    "net": "yen", "tax": "yen", "total": "yen", "invoice_total": "yen", "withholding": "yen", "payment": "yen",
    "tax_rate": "percent", "source_row": "rowno", "invoice_no": "text", "registration_no": "text", "po_no": "text",
    "project": "text",
}


def write_invoices_report(result, target, *, by=(), lang: str = "ja", inputs=()) -> None:
    """The ``aggregate --kind invoices`` workbook: by vendor × month, by project × month,
    vendor totals, the rows (Detail) and Issues. Amounts are tax-included unless named 税抜."""
    from ledgerkit.core import messages
    from ledgerkit.reports.writers import XlsxReport

    from ledgerkit.checks.lists import HEADINGS

    frame = result.frame
    en = lang == "en"
    heads = HEADINGS["en" if en else "ja"]
    # a list of 税抜 amounts only has no tax-included figure to sum: its pivots show 税抜
    value = "net" if len(frame) and frame["total"].isna().all() and frame["net"].notna().any() else "total"
    basis = ("税抜" if value == "net" else "税込") if not en else ("excl. tax" if value == "net" else "incl. tax")
    with XlsxReport(target, inputs=inputs, lang=lang, constant_memory=len(frame) > 100_000) as report:
        if len(frame):
            report.add_summary(
                "取引先別" if not en else "By vendor",
                pivot_invoices(frame, "vendor", value),
                index=["vendor"],
                title=f"取引先別・月別 請求額 ({basis})" if not en else f"Invoiced by vendor and month ({basis})",
                value_format="yen",
                chart="bar",
            )
            report.add_summary(
                "案件別" if not en else "By project",
                pivot_invoices(frame, "project", value),
                index=["project"],
                title=f"案件別・月別 請求額 ({basis})" if not en else f"Invoiced by project and month ({basis})",
                value_format="yen",
                chart="column",
            )
            vendors = summarize_invoices(frame)["by_vendor"]
            report.add_table(
                "取引先別合計" if not en else "Vendor totals",
                vendors,
                formats={"net": "yen", "tax": "yen", "total": "yen", "invoices": "int", "registration_no": "text"},
                headings={"invoices": "件数" if not en else "Invoices", "total": heads["total"]},
            )
        shown = frame.drop(columns=[c for c in frame.columns if str(c).startswith("_")])
        report.add_table(messages.text("sheet_detail", lang), shown,
                         formats={k: v for k, v in INVOICE_FORMATS.items() if k in shown.columns},
                         headings={c: heads[c] for c in shown.columns if c in heads})
        report.add_issues(result.issues, lang=lang)


# --- purchase-order lists (発注一覧 / 注文書) -------------------------------------------------


#: the order frame's columns, in order (other columns follow them)
ORDER_COLUMNS = [
    "po_no", "order_date", "vendor", "vendor_key", "registration_no", "item", "qty", "unit_price", "amount",
    "tax_rate", "tax", "subtotal", "total", "delivery_date", "delivery_place", "payment_due", "payment_method",
    "source_file", "source_sheet", "source_row",
]

_ORDER_DATES = ("order_date", "delivery_date", "inspection_date", "payment_due")
_ORDER_MONEY = ("amount", "tax", "subtotal", "total")
_ORDER_TEXT = ("vendor", "orderer", "item", "unit", "delivery_place", "payment_method", "payment_terms", "note")
_ORDER_LABELS = {
    "po_no": "注文番号", "order_date": "発注日", "delivery_date": "納期", "inspection_date": "検査完了日",
    "payment_due": "支払期日", "amount": "金額", "tax": "消費税", "subtotal": "小計", "total": "合計",
    "qty": "数量", "unit_price": "単価", "tax_rate": "税率", "vendor_code": "取引先コード", "project": "案件",
}


def read_order_sheet(sheet, *, file: str, config=None) -> SheetResult:
    """Read one sheet of a purchase-order list: one row per order line.

    The order number may be written on the first line of an order only; the lines
    below it (with a blank 注文番号) belong to the same order. Quantities and unit
    prices are exact Decimals; amounts integer yen. ``mapping`` (field → header) tells
    :func:`ledgerkit.checks.lists.check_orders` which written-term columns the list has.

    Examples:
        >>> from ledgerkit.intake.read import RawSheet
        >>> s = RawSheet("発注一覧", "visible", [
        ...     ["注文番号", "発注日", "発注先", "品名", "数量", "単価", "金額"],
        ...     ["PO-1", "2026/10/01", "㈱アルファ", "部品A", 3, 105, 315],
        ...     ["", "", "", "部品B", 1, 1000, 1000]])
        >>> r = read_order_sheet(s, file="po.xlsx")
        >>> r.frame[["po_no", "item", "qty", "amount", "source_row"]].to_dict("records")
        [{'po_no': 'PO-1', 'item': '部品A', 'qty': Decimal('3'), 'amount': 315, 'source_row': 2}, {'po_no': 'PO-1', 'item': '部品B', 'qty': Decimal('1'), 'amount': 1000, 'source_row': 3}]
    """
    import pandas as pd

    name = sheet.name
    rows = fill_merged(sheet.rows, getattr(sheet, "merged", None) or ())
    fields = _synonyms(config, "orders", ORDER_FIELDS)
    table = _find_table(rows, fields, ({"po_no", "amount"}, {"po_no", "unit_price"}, {"po_no", "item"}))
    if table is None:
        form = _read_order_form(rows, name, file, fields)
        if form is not None:
            return form
        if not any(not is_blank(v) for row in rows for v in row):
            return SheetResult(issues=[Issue("empty_sheet", file, name, scope="sheet")], note="empty")
        return SheetResult(
            issues=[Issue("no_table", file, name, scope="sheet", params={"kind": {"ja": "注文", "en": "order"}, "fields": "注文番号 + 金額/単価/品名"})],
            note="no table",
        )
    m = table.mapping
    cols = table.columns
    issues: list[Issue] = [Issue("extra_table", file, name, scope="sheet", params={"range": o}) for o in table.others]
    parse_amount = _cached(nz.parse_amount_with_basis)
    parse_rate = _cached(nz.parse_rate)
    parse_date = _cached(nz.parse_date)
    extra_cols = {c: h for c, h in cols.items() if c not in m.values()}
    label_cols = [m[k] for k in ("po_no", "item", "vendor") if k in m] + [table.col_start]
    # 合計 rows: the amount (and tax) must be the sum of the lines above, as on invoice lists;
    # a row with no order number, item or vendor is a total row when any text cell says so
    # (合計 is often written in the 単価 column, beside the amount)
    money_cols = {m[k] for k in ("amount", "tax") if k in m}
    id_cols = [m[k] for k in ("po_no", "item", "vendor") if k in m]
    sums_all: dict[int, int] = {c: 0 for c in money_cols}
    sums_since: dict[int, int] = {c: 0 for c in money_cols}

    def total_label(row) -> str | None:
        for c in label_cols:
            v = _cell(row, c)
            if isinstance(v, str) and nz.is_total_label(v):
                return v
        if id_cols and all(is_blank(_cell(row, c)) for c in id_cols):
            for c in cols:
                v = _cell(row, c)
                if c not in money_cols and isinstance(v, str) and nz.is_total_label(v):
                    return v
        return None

    records: list[dict] = []
    rows_read = 0
    current: dict[str, Any] = {}
    any_rejected = False
    for r in range(table.data_start, table.data_end):
        row = rows[r]
        if all(is_blank(_cell(row, c)) for c in cols):
            continue
        excel_row = r + 1
        label = total_label(row)
        if label is not None:
            issues.append(Issue("total_row", file, name, excel_row))
            if not any_rejected:
                issues.extend(_check_total_row(row, money_cols, sums_since, sums_all, parse_amount, cols, file, name,
                                               excel_row, subtotal="小計" in label))
            sums_since = {c: 0 for c in money_cols}
            continue
        rows_read += 1
        rec: dict[str, Any] = {"source_file": file, "source_sheet": name, "source_row": excel_row}
        problems: list[tuple] = []
        for f in ("po_no", "vendor_code", "project"):
            rec[f] = _code(row, m.get(f), problems, _ORDER_LABELS[f]) or "" if f in m else ""
        for f in _ORDER_TEXT:
            rec[f] = nz.normalize_text(_cell(row, m[f])) if f in m else ""
        reg_raw = _cell(row, m.get("registration_no"))
        rec["registration_no"] = nz.normalize_registration_no(reg_raw) if not is_blank(reg_raw) else ""
        for f in _ORDER_DATES:
            rec[f] = None
            if f in m:
                raw = _cell(row, m[f])
                value, err = parse_date(raw)
                if err is not None and f != "order_date":
                    # 10/20, 11月末 after the order date; 月末締め翌月末払い from the delivery date
                    if f == "payment_due":
                        value = _payment_date(raw, rec.get("delivery_date") or rec.get("order_date"))
                    else:
                        value = _date_after(raw, rec.get("order_date"))
                    err = None if value is not None else err
                if err is not None:
                    problems.append(("bad_cell", _ORDER_LABELS[f], m[f], raw, False))
                rec[f] = value
        for f in _ORDER_MONEY:
            rec[f] = None
            if f in m:
                raw = _cell(row, m[f])
                value, err = parse_amount(raw)
                if err is not None:
                    problems.append(("bad_cell", _ORDER_LABELS[f], m[f], raw, f == "amount"))
                    continue
                try:
                    rec[f] = _yen(value[0])
                except nz.CellValueError:
                    problems.append(("not_whole_yen", _ORDER_LABELS[f], m[f], raw, f == "amount"))
        for f in ("qty", "unit_price"):
            rec[f] = None
            if f in m:
                raw = _cell(row, m[f])
                value, err = parse_amount(raw)
                if err is not None:
                    problems.append(("bad_cell", _ORDER_LABELS[f], m[f], raw, False))
                    continue
                rec[f] = value[0]
        rec["tax_rate"] = None
        if "tax_rate" in m:
            raw = _cell(row, m["tax_rate"])
            value, err = parse_rate(raw)
            if err is not None:
                problems.append(("bad_cell", "税率", m["tax_rate"], raw, False))
            rec["tax_rate"] = float(value) if value is not None else None
        # a line under an order's first line, with the order number left blank, belongs to it
        if not rec["po_no"] and current:
            rec["po_no"] = current["po_no"]
            for f in ("vendor", "registration_no", "vendor_code", "order_date", "orderer", "payment_due",
                      "payment_method", "payment_terms", "delivery_place"):
                if _blank_value(rec.get(f)) and not _blank_value(current.get(f)):
                    rec[f] = current[f]
        elif rec["po_no"]:
            current = rec
        rec["vendor_key"] = nz.vendor_key(rec["vendor"]) if rec["vendor"] else ""
        for code, label, c, value, reject in problems:
            issues.append(
                Issue(code, file, name, excel_row, column=cols.get(c, ""), value=_show(value),
                      severity="error" if reject else "warning", rejected=reject,
                      params={"field": label, "value": _show(value)})
            )
        if any(p[4] for p in problems):
            any_rejected = True
            continue
        for c in money_cols:
            value, err = _parsed(parse_amount, _cell(row, c))
            if err is None and value is not None and value == value.to_integral_value():
                sums_all[c] += int(value)
                sums_since[c] += int(value)
        for c in extra_cols:
            rec[("extra", c)] = _plain(_cell(row, c))
        records.append(rec)
    if "tax_rate" not in m and any("※" in str(rec.get("item") or "") for rec in records):
        # no 税率 column, reduced-rate items marked ※ (DOMAIN.md §3.1): ※ is 8%, the rest 10%
        for rec in records:
            rec["tax_rate"] = 0.08 if "※" in str(rec.get("item") or "") else 0.10
    columns = list(ORDER_COLUMNS) + [c for c in ("vendor_code", "orderer", "unit", "inspection_date",
                                                 "payment_terms", "project", "note") if c in m]
    frame = pd.DataFrame({c: [r.get(c) for r in records] for c in columns}, columns=columns)
    for c, header in extra_cols.items():
        # object dtype: a column only some lists have must not turn its numbers into floats
        frame[_unique(header, frame.columns)] = pd.Series([r.get(("extra", c)) for r in records], dtype=object)
    for c in _ORDER_MONEY:
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
    frame["tax_rate"] = pd.array([r.get("tax_rate") for r in records], dtype="Float64")
    for c in _ORDER_DATES:
        if c in frame.columns:
            frame[c] = pd.to_datetime(pd.Series([r.get(c) or pd.NaT for r in records], dtype="object"))
    frame["source_row"] = frame["source_row"].astype("int64")
    frame.attrs["columns"] = {f: cols[c] for f, c in m.items()}
    return SheetResult(
        frame=frame,
        issues=issues,
        rows_read=rows_read,
        layout="order-lines",
        header_row=table.header_excel_row,
        mapping={f: cols[c] for f, c in m.items()},
    )


# An order *form* (注文書): labelled header cells (注文番号, 発注日, 〇〇御中, 納期 ...), a line
# table, then 小計 / 10%対象 / 8%対象 / 消費税 / 合計 rows under it.
_FORM_LABELS = {
    "po_no": ["注文番号", "発注番号", "注文No", "発注No", "注文書番号", "発注書番号"],
    "order_date": ["発注日", "注文日", "発行日", "委託日"],
    "delivery_date": ["納期", "納品日", "納入期日", "受領期日", "納品期日"],
    "delivery_place": ["納品場所", "納入場所", "受領場所", "納入先"],
    "inspection_date": ["検査完了日", "検査完了期日", "検収日"],
    "payment_due": ["支払期日", "支払日", "支払予定日"],
    "payment_method": ["支払方法", "支払条件"],
    "vendor": ["発注先", "宛先", "取引先", "受注者"],
    "registration_no": [],
}
_FOOTER = re.compile(r"(小計|消費税(?:額|等)?|合計(?:金額)?|総合計|(?:10|8)%対象(?:額)?|消費税(?:額)?\((?:10|8)%\))(?:\((?:税込|税抜)\))?")


def _read_order_form(rows, sheet: str, file: str, fields) -> SheetResult | None:
    """One 注文書 laid out as a form, as order lines of :func:`read_order_sheet`'s frame.

    The order's own figures go in ``po_subtotal``, ``po_net_10``, ``po_net_8``,
    ``po_tax`` and ``po_total`` (on its first line), so that the check can compare them
    with the lines. Formula cells without a saved value (a form never opened in Excel)
    read as blank; a line without an amount counts as quantity × unit price.
    """
    import pandas as pd

    from ledgerkit.detect.table import find_labelled_value

    every = len(rows)
    po = find_labelled_value(rows, _FORM_LABELS["po_no"], scan_rows=every)
    if po is None:
        return None
    syn = Synonyms(fields)
    lines_table = None
    for required in ({"item", "unit_price"}, {"item", "amount"}, {"item", "qty"}):
        lines_table = detect_table(rows, syn, required)
        if lines_table is not None:
            break
    if lines_table is None:
        return None
    head: dict[str, Any] = {}
    mapping: dict[str, str] = {"po_no": "注文番号"}
    issues: list[Issue] = []
    parse_date = _cached(nz.parse_date)
    for f, labels in _FORM_LABELS.items():
        if f == "po_no" or not labels:
            continue
        hit = find_labelled_value(rows, labels, scan_rows=every)
        if hit is None:
            continue
        value, r, c = hit
        mapping[f] = labels[0]
        if f in _ORDER_DATES:
            parsed, err = parse_date(value)
            if err is not None:
                issues.append(Issue("bad_cell", file, sheet, r + 1, column=labels[0], value=_show(value), severity="warning",
                                    params={"field": labels[0], "value": _show(value)}))
            head[f] = parsed
        else:
            head[f] = nz.normalize_text(value)
    if "vendor" not in head:
        for r in range(min(lines_table.header_row, every)):
            for v in rows[r]:
                if isinstance(v, str) and re.search(r"(御中|様)\s*$", v.strip()):
                    head["vendor"] = re.sub(r"\s*(御中|様)\s*$", "", nz.normalize_text(v))
                    mapping["vendor"] = "宛先 (御中)"
                    break
            if "vendor" in head:
                break
    m = lines_table.mapping
    parse_amount = _cached(nz.parse_amount_with_basis)
    parse_rate = _cached(nz.parse_rate)
    records: list[dict] = []
    footer: dict[str, int] = {}
    footer_rows: dict[str, int] = {}
    in_footer = False
    for r in range(lines_table.data_start, len(rows)):
        row = rows[r]
        texts = [nz.normalize_text(v).replace(" ", "") for v in row if isinstance(v, str) and v.strip()]
        label = next((t for t in texts if _FOOTER.fullmatch(t)), None)
        if label is not None:
            in_footer = True
            numbers = [v for v in row if isinstance(v, (int, float)) and not isinstance(v, bool)]
            # a figure no amount reaches (1E+20 typed by mistake) is not read as one
            if numbers and float(numbers[-1]).is_integer() and abs(numbers[-1]) < nz._MAX_AMOUNT:
                key = _footer_key(label)
                if key and key not in footer:
                    footer[key] = int(numbers[-1])
                    footer_rows[key] = r + 1
            continue
        if in_footer or all(is_blank(_cell(row, c)) for c in lines_table.columns):
            if in_footer or records:
                continue
            continue
        item = nz.normalize_text(_cell(row, m["item"])) if "item" in m else ""
        if item.replace(" ", "") in _END_OF_LINES and all(
                is_blank(_cell(row, m[f])) for f in ("qty", "unit_price", "amount") if f in m):
            # 以下余白: the lines end here (a form's way of closing the table against additions)
            in_footer = True
            continue
        rec: dict[str, Any] = {"source_file": file, "source_sheet": sheet, "source_row": r + 1, "item": item}
        for f in ("qty", "unit_price"):
            rec[f] = None
            if f in m:
                value, err = _parsed(parse_amount, _cell(row, m[f]))
                rec[f] = value if err is None else None
                if err is not None:
                    issues.append(Issue("bad_cell", file, sheet, r + 1, column=lines_table.columns[m[f]],
                                        value=_show(_cell(row, m[f])), severity="warning",
                                        params={"field": _ORDER_LABELS[f], "value": _show(_cell(row, m[f]))}))
        rec["amount"] = None
        if "amount" in m and not is_blank(_cell(row, m["amount"])):
            value, err = _parsed(parse_amount, _cell(row, m["amount"]))
            if err is None and value is not None and value == value.to_integral_value():
                rec["amount"] = int(value)
            else:
                # an unreadable amount: said, not quietly replaced by quantity × unit price
                code = "bad_cell" if err is not None else "not_whole_yen"
                issues.append(Issue(code, file, sheet, r + 1, column=lines_table.columns[m["amount"]],
                                    value=_show(_cell(row, m["amount"])), severity="warning",
                                    params={"field": _ORDER_LABELS["amount"], "value": _show(_cell(row, m["amount"]))}))
        rate = None
        if "tax_rate" in m:
            rate, _err = parse_rate(_cell(row, m["tax_rate"]))
        if rate is None and "※" in item:
            rate = Decimal("0.08")
        rec["tax_rate"] = float(rate) if rate is not None else None
        records.append(rec)
    if not records:
        return None
    if "tax_rate" not in m and any(rec["tax_rate"] == 0.08 for rec in records):
        # ※ marks the reduced-rate items (DOMAIN.md §3.1): the unmarked ones are standard rate
        for rec in records:
            if rec["tax_rate"] is None:
                rec["tax_rate"] = 0.10
    po_no = nz.parse_code(po[0]) or ""
    for i, rec in enumerate(records):
        rec["po_no"] = po_no
        for f in ("order_date", "vendor", "delivery_date", "delivery_place", "inspection_date", "payment_due",
                  "payment_method", "registration_no"):
            rec[f] = head.get(f, "" if f not in _ORDER_DATES else None)
        for k in ("po_subtotal", "po_net_10", "po_net_8", "po_tax", "po_total"):
            rec[k] = footer.get(k) if i == 0 else None
    for f in ("item", "qty", "unit_price", "amount", "tax_rate"):
        if f in m:
            mapping[f] = lines_table.columns[m[f]]
    for k, label in (("po_subtotal", "subtotal"), ("po_tax", "tax"), ("po_total", "total")):
        if k in footer:
            mapping[label] = {"subtotal": "小計", "tax": "消費税", "total": "合計"}[label]
    frame = pd.DataFrame({c: [r.get(c) for r in records] for c in ORDER_COLUMNS}, columns=ORDER_COLUMNS)
    for c in ("po_subtotal", "po_net_10", "po_net_8", "po_tax", "po_total"):
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
        # the Excel row each figure is on, for findings (internal: not written to reports)
        frame[f"_row_{c}"] = pd.array([footer_rows.get(c) if i == 0 else None for i in range(len(records))], dtype="Int64")
    frame["vendor_key"] = [nz.vendor_key(v) if v else "" for v in frame["vendor"]]
    for c in _ORDER_MONEY:
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
    frame["tax_rate"] = pd.array([r.get("tax_rate") for r in records], dtype="Float64")
    for c in ("order_date", "delivery_date", "payment_due"):
        frame[c] = pd.to_datetime(pd.Series([r.get(c) or pd.NaT for r in records], dtype="object"))
    frame["source_row"] = frame["source_row"].astype("int64")
    return SheetResult(frame=frame, issues=issues, rows_read=len(records), layout="order-form",
                       header_row=lines_table.header_excel_row, mapping=mapping)


#: what a form writes under its last line so nothing can be added
_END_OF_LINES = {"以下余白", "以下空白", "以上", "余白"}


def _footer_key(label: str) -> str | None:
    if label.startswith("小計"):
        return "po_subtotal"
    if label.startswith("10%対象"):
        return "po_net_10"
    if label.startswith("8%対象"):
        return "po_net_8"
    if label.startswith("消費税"):
        return "po_tax"
    if label.startswith("合計") or label.startswith("総合計"):
        return "po_total"
    return None


def _blank_value(v) -> bool:
    return v is None or v == "" or pd_isna(v)


def read_orders(paths: Iterable[str | Path], config=None):
    """Read purchase-order lists: ``(frame, issues, columns)``.

    ``columns`` maps each (file, sheet) to its field → header mapping, so a check can
    tell a blank cell from a column the list does not have.
    """
    import pandas as pd

    from ledgerkit.intake.door import iter_sheets

    frames, columns, issues = [], {}, []
    for file, sheet in iter_sheets(paths, config, issues=issues):
        res = read_order_sheet(sheet, file=file, config=config)
        issues.extend(res.issues)
        if res.frame is not None:
            columns[(file, sheet.name)] = res.mapping
            if len(res.frame):
                frames.append(res.frame)
    frame = pd.concat(frames, ignore_index=True) if frames else None
    if frame is None:
        frame = pd.DataFrame({c: [] for c in ORDER_COLUMNS})
    return frame, issues, columns
