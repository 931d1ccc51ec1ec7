"""One sheet of a received-invoice list (請求書一覧 / 受領一覧), read as written.

The header is found wherever it is (title rows, merged two-row headers), header texts go
through synonyms to canonical fields, 合計/小計 rows are left out (and checked against the
rows above), and amounts are parsed from whatever the cell holds (``¥1,234``,
``１，２３４円``, ``△1,000``, ``(1,000)``, ``1,234円(税込)``). Money is integer yen
(pandas ``Int64``), never float.

**One row per invoice and tax rate** (DOMAIN.md §4.2): the rows of one invoice share
``invoice_key`` (file, sheet, row), and ``invoice_total`` carries the written
tax-included total of the whole invoice when the list has one. Summing ``net``, ``tax``
and ``total`` over rows never counts anything twice.
"""

from __future__ import annotations

from ledgerkit.core.issues import Issue
from ledgerkit.core.result import SheetResult
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.list_rows import log_row
from ledgerkit.detect.merged import fill_merged
from ledgerkit.detect.tables import cell, contest_params, contested_columns, find_table, synonyms_for
from ledgerkit.detect.total_rows import RunningSums, totals_in_unnamed_rows
from ledgerkit.detect.walk import RowKinds, RowLog, carry_down, classify_rows
from ledgerkit.invoices.form import invoice_form
from ledgerkit.invoices.frame import invoice_frame
from ledgerkit.invoices.layout import MONEY_FIELDS, InvoiceLayout, money_header, order_list_columns, resolve_amount
from ledgerkit.invoices.rows import invoice_row
from ledgerkit.kinds.invoices import INVOICE_FIELDS
from ledgerkit.parse.codes import is_registration_no_format, normalize_registration_no
from ledgerkit.parse.list_cells import CellParsers, cell_parsers, plain

__all__ = ["read_invoice_sheet"]

#: the fields a row carries down from the invoice row above it (see _walk_rows)
_CARRIED = ("invoice_no", "vendor", "registration_no", "issue_date", "received_date", "due_date", "po_no", "project",
            "vendor_code", "person", "month", "transaction_date", "booking_month")
#: a money place as a person calls it (a contest's field)
_PLACES = {"net": "税抜金額", "tax": "消費税", "total": "税込金額", "amount": "金額"}


def read_invoice_sheet(sheet, *, file: str, config=None) -> SheetResult:
    """Read one sheet of an invoice list into rows of :data:`~ledgerkit.invoices.frame.INVOICE_COLUMNS`.

    Returns a :class:`~ledgerkit.core.result.SheetResult`: ``frame`` is None when the sheet
    holds no invoice table (no vendor / invoice-number / registration-number column
    with an amount column beside it); every data row is in the frame or named in
    ``issues`` (``rejected=True``). Internal ``_col_*`` columns name the header each
    figure came from; :func:`~ledgerkit.invoices.across_files.finish_invoices` drops them
    unless asked to keep them.

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
    fields = synonyms_for(config, "invoices", INVOICE_FIELDS)
    table = find_table(rows, fields, ({"vendor"}, {"invoice_no"}, {"registration_no"}))
    layout = InvoiceLayout(table, rows) if table is not None else None
    if layout is None or not layout.has_money:
        form = invoice_form(rows, file, name)
        if form is not None:
            # one 請求書 laid out as a form: said for what it is, not "no table"
            return form
        return SheetResult.no_table(file, sheet, kind={"ja": "請求書", "en": "invoice"},
                                    fields={"ja": "取引先 (または請求書番号・登録番号) + 金額", "en": "取引先 (or 請求書番号 / 登録番号) + an amount"})
    order_cols = order_list_columns(table)
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
    issues.extend(_contests(table, layout, fields, file, name))
    _registration_in_invoice_no(rows, layout)
    issues.extend(_no_vendor_column(layout, file, name))
    parsers = cell_parsers()
    issues.extend(_settle_layout(rows, layout, parsers, file, name))
    records, rows_read = _walk_rows(rows, layout, parsers, file, name, issues)
    frame = invoice_frame(records, _extra_columns(layout))
    return SheetResult(
        frame=frame,
        issues=issues,
        rows_read=rows_read,
        layout="split-rate" if layout.split else "one-rate",
        header_row=table.header_excel_row,
        mapping=_mapping(layout),
    )


def _contests(table, layout: InvoiceLayout, fields: dict[str, list[str]], file: str, name: str) -> list[Issue]:
    """Where several columns claimed one field (two 取引先, 税抜金額 and 対象額): which was read, and why."""
    found = [(c.field, c) for c in contested_columns(table, fields) if c.field not in MONEY_FIELDS]
    found += layout.contests
    issues = []
    for place, contest in found:
        kind, _, pct = place.partition("_")
        label = f"{_PLACES[kind]}({pct}%)" if pct and kind in _PLACES else _PLACES.get(place) or fields[place][0]
        issues.append(Issue("column_contested", file, name, scope="sheet", column=layout.columns.get(contest.winner, ""),
                            params=contest_params(contest, layout.columns, label)))
    return issues


def _no_vendor_column(layout: InvoiceLayout, file: str, name: str) -> list[Issue]:
    """A list with no 取引先 (nor 登録番号) column: its invoices cannot be taken up with anyone, and
    a repeat is judged by the number alone; say so, naming the columns that were not read."""
    m = layout.mapping
    if "vendor" in m or "registration_no" in m or "vendor_code" in m:
        return []
    read = {*m.values(), *layout.money_columns()}
    unread = [text for c, text in layout.columns.items() if c not in read and str(text).strip()]
    return [Issue("invoice_no_vendor_column", file, name, scope="sheet", severity="warning",
                  params={"columns": ", ".join(unread) or "-"})]


def _registration_in_invoice_no(rows, layout: InvoiceLayout) -> None:
    m = layout.mapping
    if "invoice_no" in m and "registration_no" not in m:
        # インボイス番号 is what many people call the 登録番号: a column of T-numbers is one
        values = [cell(rows[r], m["invoice_no"]) for r in range(layout.data_start, layout.table.data_end)]
        values = [normalize_registration_no(v) for v in values if not is_empty(v)]
        if values and sum(is_registration_no_format(v) for v in values) >= 0.8 * len(values):
            m["registration_no"] = m.pop("invoice_no")


def _settle_layout(rows, layout: InvoiceLayout, parsers: CellParsers, file: str, name: str) -> list[Issue]:
    """Place the 金額 column, and say what a person should know about the money columns."""
    amount_kind = resolve_amount(rows, layout, parsers.amount, parsers.rate)
    issues = []
    if layout.amount_assumed:
        issues.append(Issue("amount_read_as_total", file, name, scope="sheet",
                            params={"column": layout.columns[layout.single["amount"]]}))
    layout.place_amount(amount_kind)
    cols = layout.columns
    if layout.split:
        split_cols = ", ".join(cols[c] for c in sorted(layout.split.values()))
        issues.append(Issue("split_rate_columns", file, name, scope="sheet", params={"columns": split_cols}))
    money_cols = layout.money_columns()
    # an amount column the layout has no place for (a second 税抜, a 消費税 without a rate in a
    # split-rate list) is kept in the rows as written but summed nowhere: say so
    for c, text in cols.items():
        if c not in money_cols and c not in layout.mapping.values() and money_header(text) is not None:
            issues.append(Issue("money_column_ignored", file, name, scope="sheet", severity="warning",
                                column=text, params={"column": text}))
    return issues


def _row_kinds(rows, layout: InvoiceLayout, money_cols: set[int]) -> RowKinds:
    """The rows under the header: blank, 合計/小計 (with their label), or data."""
    m = layout.mapping
    cols = layout.columns
    start, end = layout.data_start, layout.table.data_end
    labels = [m[k] for k in ("invoice_no", "vendor", "issue_date", "subject", "project") if k in m]
    labels += [c for c in cols if c not in money_cols][:2]
    kinds = classify_rows(rows, start, end, columns=list(cols), labels=labels)
    # a row naming no invoice (no number, vendor or 登録番号) is a total row when any text
    # cell says so, e.g. 小計 written in the 備考 column at the right
    names = [m[k] for k in ("invoice_no", "vendor", "registration_no") if k in m]
    texts = [c for c in cols if c not in money_cols and c not in labels]
    totals_in_unnamed_rows(rows, kinds, start, end, names=names, texts=texts)
    return kinds


def _walk_rows(rows, layout: InvoiceLayout, parsers: CellParsers, file: str, name: str, issues: list[Issue]):
    """The data rows → (records, rows read); their issues are added to ``issues``."""
    m = layout.mapping
    cols = layout.columns
    money_cols = layout.money_columns()
    kinds = _row_kinds(rows, layout, money_cols)
    sums = RunningSums(money_cols, parsers.amount)
    log = RowLog(file, name, issues)
    extra_cols = _extra_columns(layout)
    sheet_base = _sheet_base(layout)
    records: list[dict] = []
    # 税率ごとに1行 lists often write the invoice's number, vendor and dates on its first
    # row only: a row right below an invoice row that names no invoice continues it
    # (as if those cells were merged down, which fill_merged already does)
    carry = [m[k] for k in _CARRIED if k in m]
    names_invoice = [m[k] for k in ("invoice_no", "vendor", "registration_no", "issue_date") if k in m]
    above: tuple[int, list] | None = None  # the last data row (index, cells as read)
    for r in range(layout.data_start, layout.table.data_end):
        label = kinds.total.get(r)
        if label is not None:
            log.total(r)
            subtotal = "小計" in label or "sub" in label.lower()
            issues.extend(sums.total_row(rows[r], cols, file, name, r + 1, subtotal=subtotal))
            continue
        if r in kinds.blank:
            continue
        if r in kinds.note:
            log.note_row(r, kinds.note[r])
            continue
        row = rows[r]
        if ("invoice_no" in m and above is not None and above[0] == r - 1
                and all(is_empty(cell(row, c)) for c in names_invoice)
                and any(not is_empty(cell(row, c)) for c in money_cols)):
            row = carry_down(row, above[1], carry)
        above = (r, row)
        rec, problems = invoice_row(row, layout, parsers)
        if log_row(log, r, problems, cols):
            sums.any_rejected = True
            continue
        sums.add(row)
        base = {"invoice_key": f"{file}|{name}|{r + 1}", "source_file": file, "source_sheet": name,
                "source_row": r + 1, **sheet_base}
        for c in extra_cols:
            base[("extra", c)] = plain(cell(row, c))
        records.extend(_part_records(rec, base))
    return records, log.rows_read


def _sheet_base(layout: InvoiceLayout) -> dict:
    """What every record of the sheet carries: the header each figure came from."""
    m = layout.mapping
    cols = layout.columns
    return {
        "_has_reg_column": "registration_no" in m,
        "_col_registration_no": cols.get(m.get("registration_no"), ""),
        "_col_issue_date": cols.get(m.get("issue_date"), ""),
        "_col_due_date": cols.get(m.get("due_date"), ""),
        "_col_po_no": cols.get(m.get("po_no"), ""),
        "_col_vendor": cols.get(m.get("vendor"), ""),
        "_col_person": cols.get(m.get("person"), ""),
        "_col_month": cols.get(m.get("month"), ""),
        "_col_withholding": cols.get(m.get("withholding"), ""),
        "_col_payment": cols.get(m.get("payment"), ""),
        "_col_invoice_total": cols.get(layout.invoice_total_col, "") if layout.invoice_total_col is not None else "",
    }


def _part_records(rec: dict, base: dict) -> list[dict]:
    """One record per part (rate) of an invoice row."""
    out = []
    for k, part in enumerate(rec.pop("_parts")):
        record = dict(rec)
        record.update(base)
        record.update(part)
        if k:
            # invoice-level figures on the invoice's first row only, so sums count them once
            for f in ("withholding", "payment"):
                if f in record:
                    record[f] = None
        out.append(record)
    return out


def _extra_columns(layout: InvoiceLayout) -> dict[int, str]:
    """The list's other columns (column → header), kept as written after the invoice columns."""
    used = set(layout.mapping.values()) | layout.money_columns()
    return {c: h for c, h in layout.columns.items() if c not in used}


def _mapping(layout: InvoiceLayout) -> dict[str, str]:
    """Field → header, with the money columns under ``net_10``, ``tax``, ...."""
    cols = layout.columns
    mapping = {f: cols[c] for f, c in layout.mapping.items()}
    for (kind, rate), c in layout.split.items():
        mapping[f"{kind}_{int(rate * 100)}"] = cols[c]
    for kind, c in layout.single.items():
        mapping[kind] = cols[c]
    return mapping
