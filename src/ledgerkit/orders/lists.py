"""Purchase-order lists (発注一覧): one row per order line, and :func:`read_orders` over files.

A sheet with no order list may be one order laid out as a form (注文書):
:mod:`ledgerkit.orders.forms` reads it into the same frame.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from typing import Any, Iterable

from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core.issues import Issue
from ledgerkit.core.result import Result, SheetResult
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.list_rows import CellProblem, log_row, read_code
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.tables import cell, contest_params, contested_columns, find_table, synonyms_for, unique_name
from ledgerkit.detect.total_rows import RunningSums, totals_in_unnamed_rows
from ledgerkit.detect.walk import RowKinds, RowLog, classify_rows
from ledgerkit.intake.door import gather, read_files
from ledgerkit.kinds.orders import ORDER_FIELDS
from ledgerkit.orders.columns import ORDER_COLUMNS, ORDER_DATES, ORDER_LABELS, ORDER_MONEY, ORDER_TEXT
from ledgerkit.orders.forms import read_order_form
from ledgerkit.parse.codes import normalize_registration_no
from ledgerkit.parse.list_cells import CellParsers, cell_parsers, plain, whole_yen
from ledgerkit.parse.names import vendor_key
from ledgerkit.parse.relative_dates import date_after, looks_like_payment_terms, payment_date
from ledgerkit.parse.terms import parse_delivery_term
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.reports.generic import write_rows_or
from ledgerkit.rules.figures import is_na

__all__ = ["read_order_sheet", "read_orders", "write_orders"]

#: what a line with its order number left blank takes from the order's first line
_CARRIED = ("vendor", "registration_no", "vendor_code", "order_date", "orderer", "payment_due", "payment_method",
            "payment_terms", "delivery_place", "_due_terms")


def read_order_sheet(sheet, *, file: str, config=None) -> SheetResult:
    """Read one sheet of a purchase-order list: one row per order line.

    The order number may be written on the first line of an order only; the lines
    below it (with a blank 注文番号) belong to the same order. Quantities and unit
    prices are exact Decimals; amounts integer yen. ``mapping`` (field → header) tells
    :func:`ledgerkit.checks.orders.check_orders` which written-term columns the list has.

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
    name = sheet.name
    rows = fill_merged(sheet.rows, getattr(sheet, "merged", None) or ())
    fields = synonyms_for(config, "orders", ORDER_FIELDS)
    table = find_table(rows, fields, ({"po_no", "amount"}, {"po_no", "unit_price"}, {"po_no", "item"}))
    if table is None:
        return _not_an_order_list(rows, name, file, fields)
    m = table.mapping
    cols = table.columns
    issues: list[Issue] = [Issue("extra_table", file, name, scope="sheet", params={"range": o}) for o in table.others]
    # two columns that could be one field (発注日 and 注文日): which was read, and why
    issues += [Issue("column_contested", file, name, scope="sheet", column=cols[c.winner],
                     params=contest_params(c, cols, ORDER_LABELS.get(c.field) or fields[c.field][0]))
               for c in contested_columns(table, fields)]
    records, rows_read = _walk_rows(rows, table, cell_parsers(), file, name, issues)
    if "tax_rate" not in m and any("※" in str(rec.get("item") or "") for rec in records):
        # no 税率 column, reduced-rate items marked ※ (DOMAIN.md §3.1): ※ is 8%, the rest 10%
        for rec in records:
            rec["tax_rate"] = 0.08 if "※" in str(rec.get("item") or "") else 0.10
    return SheetResult(
        frame=_order_frame(records, table),
        issues=issues,
        rows_read=rows_read,
        layout="order-lines",
        header_row=table.header_excel_row,
        mapping={f: cols[c] for f, c in m.items()},
    )


def _not_an_order_list(rows, name: str, file: str, fields) -> SheetResult:
    """An order form, or the reason the sheet holds no order list."""
    form = read_order_form(rows, name, file, fields)
    if form is not None:
        return form
    if not any(not is_empty(v) for row in rows for v in row):
        return SheetResult(issues=[Issue("empty_sheet", file, name, scope="sheet")], note="empty")
    return SheetResult(
        issues=[Issue("no_table", file, name, scope="sheet", params={"kind": {"ja": "注文", "en": "order"}, "fields": "注文番号 + 金額/単価/品名"})],
        note="no table",
    )


def _row_kinds(rows, table) -> RowKinds:
    """The rows under the header: blank, 合計/小計 (with their label), or order lines."""
    m = table.mapping
    money_cols = {m[k] for k in ("amount", "tax") if k in m}
    labels = [m[k] for k in ("po_no", "item", "vendor") if k in m] + [table.col_start]
    kinds = classify_rows(rows, table.data_start, table.data_end, columns=list(table.columns), labels=labels)
    # 合計 rows: the amount (and tax) must be the sum of the lines above, as on invoice lists;
    # a row with no order number, item or vendor is a total row when any text cell says so
    # (合計 is often written in the 単価 column, beside the amount)
    names = [m[k] for k in ("po_no", "item", "vendor") if k in m]
    totals_in_unnamed_rows(rows, kinds, table.data_start, table.data_end, names=names,
                           texts=[c for c in table.columns if c not in money_cols])
    return kinds


def _walk_rows(rows, table, parsers: CellParsers, file: str, name: str, issues: list[Issue]):
    """The data rows → (records, rows read); their issues are added to ``issues``."""
    m = table.mapping
    cols = table.columns
    extra_cols = {c: h for c, h in cols.items() if c not in m.values()}
    kinds = _row_kinds(rows, table)
    sums = RunningSums({m[k] for k in ("amount", "tax") if k in m}, parsers.amount)
    log = RowLog(file, name, issues)
    records: list[dict] = []
    current: dict[str, Any] = {}
    for r in range(table.data_start, table.data_end):
        label = kinds.total.get(r)
        if label is not None:
            log.total(r)
            issues.extend(sums.total_row(rows[r], cols, file, name, r + 1, subtotal="小計" in label))
            continue
        if r in kinds.blank:
            continue
        if r in kinds.note:
            # ※ 金額は税抜。 under the table: listed, never an order with every written term missing
            log.note_row(r, kinds.note[r])
            continue
        row = rows[r]
        rec: dict[str, Any] = {"source_file": file, "source_sheet": name, "source_row": r + 1}
        problems = _order_line(row, m, parsers, rec)
        current = _continue_order(rec, current)
        if log_row(log, r, problems, cols):
            sums.any_rejected = True
            continue
        sums.add(row)
        for c in extra_cols:
            rec[("extra", c)] = plain(cell(row, c))
        records.append(rec)
    return records, log.rows_read


def _order_line(row, m: dict, parsers: CellParsers, rec: dict) -> list[CellProblem]:
    """Fill ``rec`` from an order-list row; return the row's problems."""
    problems: list[CellProblem] = []
    for f in ("po_no", "vendor_code", "project"):
        rec[f] = read_code(row, m.get(f), problems, ORDER_LABELS[f]) or "" if f in m else ""
    for f in ORDER_TEXT:
        rec[f] = normalize_text(cell(row, m[f])) if f in m else ""
    reg_raw = cell(row, m.get("registration_no"))
    rec["registration_no"] = normalize_registration_no(reg_raw) if not is_empty(reg_raw) else ""
    _order_dates(row, m, parsers.date, rec, problems)
    _order_figures(row, m, parsers.amount, rec, problems)
    rec["tax_rate"] = None
    if "tax_rate" in m:
        raw = cell(row, m["tax_rate"])
        value, err = parsers.rate(raw)
        if err is not None:
            problems.append(CellProblem("bad_cell", "税率", m["tax_rate"], raw, False))
        rec["tax_rate"] = float(value) if value is not None else None
    return problems


def _order_dates(row, m: dict, parse_date, rec: dict, problems: list) -> None:
    rec["delivery_from"] = None
    for f in ORDER_DATES:
        rec[f] = None
        if f == "delivery_date" and f in m:
            # a date, or a service's period (2026/10/1～10/31, 2026年10月分): the 60 days run from its end
            raw = cell(row, m[f])
            try:
                term = parse_delivery_term(raw, after=rec.get("order_date"))
            except CellValueError:
                # listed, and kept as written: a term is stated, though not as a date or a period
                problems.append(CellProblem("bad_cell", ORDER_LABELS[f], m[f], raw, False))
                rec["_delivery_text"] = normalize_text(raw)
                continue
            if term is not None:
                rec[f], rec["delivery_from"] = term.end, term.start
            continue
        if f == "payment_due" and (f not in m or is_empty(cell(row, m[f]))):
            _due_from_terms(row, m, rec, problems)
            continue
        if f in m:
            raw = cell(row, m[f])
            value, err = parse_date(raw)
            if err is not None and f != "order_date":
                # 10/20, 11月末 after the order date; 月末締め翌月末払い from the delivery date
                if f == "payment_due":
                    value = payment_date(raw, rec.get("delivery_date") or rec.get("order_date"))
                else:
                    value = date_after(raw, rec.get("order_date"))
                err = None if value is not None else err
            if err is not None:
                problems.append(CellProblem("bad_cell", ORDER_LABELS[f], m[f], raw, False))
            rec[f] = value


def _due_from_terms(row, m: dict, rec: dict, problems: list) -> None:
    """No 支払期日 written: the due date the 支払条件 / 支払サイト gives for the delivery date
    (月末締め翌々月末払い); terms it cannot read are a finding on their cell, never passed over."""
    rec["payment_due"] = None
    if "payment_terms" not in m:
        return
    raw = cell(row, m["payment_terms"])
    if is_empty(raw) or not looks_like_payment_terms(raw):
        return  # 銀行振込, 手形: how it is paid, not when; kept as written
    delivered = rec.get("delivery_date")
    value = payment_date(raw, delivered or rec.get("order_date") or _SOME_DAY)
    if value is None:
        problems.append(CellProblem("bad_cell", ORDER_LABELS["payment_terms"], m["payment_terms"], raw, False))
        return
    if delivered is not None:
        # the due date is the terms' only for a known delivery date (an unread 納期 is its own finding)
        rec["payment_due"], rec["_due_terms"] = value, normalize_text(raw)


#: a day to try terms on when the order has no date: whether they can be read at all
_SOME_DAY = dt.date(2000, 1, 15)


def _order_figures(row, m: dict, parse_amount, rec: dict, problems: list) -> None:
    """Amounts (whole yen; an unreadable 金額 rejects the line), quantity and unit price."""
    for f in ORDER_MONEY:
        rec[f] = None
        if f in m:
            raw = cell(row, m[f])
            value, err = parse_amount(raw)
            if err is not None:
                problems.append(CellProblem("bad_cell", ORDER_LABELS[f], m[f], raw, f == "amount"))
                continue
            try:
                rec[f] = whole_yen(value[0])
            except CellValueError:
                problems.append(CellProblem("not_whole_yen", ORDER_LABELS[f], m[f], raw, f == "amount"))
    for f in ("qty", "unit_price"):
        rec[f] = None
        if f in m:
            raw = cell(row, m[f])
            value, err = parse_amount(raw)
            if err is not None:
                problems.append(CellProblem("bad_cell", ORDER_LABELS[f], m[f], raw, False))
                continue
            rec[f] = value[0]


def _continue_order(rec: dict, current: dict) -> dict:
    """Give a line with its order number left blank the order above it; return the current order."""
    # a line under an order's first line, with the order number left blank, belongs to it.
    # Carried as read values from the order's first line, not as cells (detect.walk.carry_down):
    # a cell of the first line that could not be read is said once, on that line, and a line
    # below a blank or 合計 row still belongs to the order above it.
    if not rec["po_no"] and current:
        rec["po_no"] = current["po_no"]
        for f in _CARRIED:
            if _blank_value(rec.get(f)) and not _blank_value(current.get(f)):
                rec[f] = current[f]
    elif rec["po_no"]:
        current = rec
    rec["vendor_key"] = vendor_key(rec["vendor"]) if rec["vendor"] else ""
    return current


def _blank_value(v) -> bool:
    return v is None or v == "" or is_na(v)


def _order_frame(records: list[dict], table):
    import pandas as pd

    m = table.mapping
    cols = table.columns
    extra_cols = {c: h for c, h in cols.items() if c not in m.values()}
    columns = list(ORDER_COLUMNS) + [c for c in ("vendor_code", "orderer", "unit", "inspection_date",
                                                 "payment_terms", "project", "note") if c in m]
    if any(r.get("delivery_from") is not None for r in records):
        # a service's period: its first day beside 納期 (its last day)
        columns.insert(columns.index("delivery_date"), "delivery_from")
    if any(r.get("_due_terms") for r in records):
        # a 支払期日 computed from the 支払条件 (the finding on it names the terms)
        columns.append("_due_terms")
    if any(r.get("_delivery_text") for r in records):
        # a 納期 that is neither a date nor a period, as written (the written terms see it stated)
        columns.append("_delivery_text")
    frame = pd.DataFrame({c: [r.get(c) for r in records] for c in columns}, columns=columns)
    for c, header in extra_cols.items():
        # object dtype: a column only some lists have must not turn its numbers into floats
        frame[unique_name(header, frame.columns)] = pd.Series([r.get(("extra", c)) for r in records], dtype=object)
    for c in ORDER_MONEY:
        frame[c] = pd.array([r.get(c) for r in records], dtype="Int64")
    frame["tax_rate"] = pd.array([r.get("tax_rate") for r in records], dtype="Float64")
    for c in (*ORDER_DATES, "delivery_from"):
        if c in frame.columns:
            frame[c] = pd.to_datetime(pd.Series([r.get(c) or pd.NaT for r in records], dtype="object"))
    frame["source_row"] = frame["source_row"].astype("int64")
    frame.attrs["columns"] = {f: cols[c] for f, c in m.items()}
    return frame


def read_orders(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read purchase-order lists (and order forms) under ``paths`` through the intake door.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``orders``: ``frame`` has one
    row per order line (:data:`~ledgerkit.orders.columns.ORDER_COLUMNS`), ``issues`` every
    file, sheet and row not used. ``meta["columns"]`` maps each (file, sheet) that holds
    an order list to its field → header mapping, so that a check can tell a blank cell from
    a column the list does not have; it is empty when no file holds one. Lock files,
    copies and ledgerkit's own reports are skipped; unreadable files raise
    :class:`~ledgerkit.intake.door.UnreadableFilesError` unless ``skip_bad``.

    Examples:
        >>> result = read_orders("examples/po_list.xlsx")                  # doctest: +SKIP
        >>> result.frame.groupby("po_no")["amount"].sum()                   # doctest: +SKIP
    """
    config = config_or_found(config)
    intake = read_files(paths, config, reader=read_order_sheet, include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    result = gather(intake, "orders", columns=ORDER_COLUMNS, config=config, writer=write_orders)
    result.meta["columns"] = {(f.path, s.name): s.result.mapping for f, s in intake.sheets()
                              if s.result is not None and s.result.frame is not None}
    # a report ledgerkit wrote into the folder was not read: it is not an input (writing it
    # again is allowed, as the first run did)
    own = {i.file for i in result.issues if i.code == "own_report"}
    result.files = [f for f in result.files if f not in own]
    return result


def write_orders(result: Result, target, *, lang: str = "ja", inputs=(), overwrite: bool = False, **_options) -> None:
    """The order lines as read: ``.xlsx`` → Detail and Issues; ``.csv`` / ``.json`` / ``-`` → the lines."""
    shown = dataclasses.replace(result, frame=result.frame.drop(
        columns=[c for c in result.frame.columns if str(c).startswith("_")]))
    write_rows_or(shown, target, lang=lang, inputs=inputs, overwrite=overwrite)
