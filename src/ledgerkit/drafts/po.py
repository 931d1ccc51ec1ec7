"""``ledgerkit draft-po``: one 注文書 per order number of an order list (one row per line).

The order's header fields (取引先, 発注日, 納期 …) come from its rows and must agree
across them (a blank repeats the value above); its lines carry 品名, 数量, 単価, 金額 and
税率. Tax is computed once per rate on the sum of that rate's lines (DOMAIN.md §4.2,
never line by line) with the configured rounding.

The 取適法 (DOMAIN.md §2.2) applies as in ``check orders``: for a vendor the vendor master
(``[vendors]``, ``vendors.file``) marks covered, terms the order must state (4条明示, the
versioned list in ``ledgerkit/data``) missing from the data, and a payment due more than 60
days after delivery (after the end of a service's period), are an error naming them; when
coverage is unknown they are warnings in the manifest; for a vendor not covered, nothing.
The 納期 is read as ``check orders`` reads it (a date, or a period ``2026/10/1～10/31``,
:func:`~ledgerkit.parse.terms.parse_delivery_term`); one neither is printed as written,
with a warning.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from ledgerkit.rules import check_line_amount, check_payment_due, check_payment_method, missing_terms, written_terms
from ledgerkit.rules.coverage import COVERED, NOT_COVERED
from ledgerkit.config.checks import check_company, issuer_check_digit_warning
from ledgerkit.config.loading import config_or_found
from ledgerkit.core.errors import ConfigError, DataError
from ledgerkit.core.money import format_yen, tax_amount
from ledgerkit.drafts.context import (
    LINE_FIELDS,
    ORDER_FIELDS,
    SourceTable,
    _match_key,
    column_for,
    identifier_names,
    parse_where,
    rate_label,
    select_rows,
    setting,
)
from ledgerkit.drafts.approval import approval_matrix, approval_route, category_of, stamp_boxes
from ledgerkit.drafts.bounded import limits_of
from ledgerkit.drafts.environment import resolve_template, templates_folder
from ledgerkit.drafts.job import run_drafts, where
from ledgerkit.drafts.lists import read_list
from ledgerkit.drafts.output import DraftResult, check_manifest, refuse_stdout
from ledgerkit.drafts.ringi import COMPUTED, ROUNDING_LABELS, _raw_key, fields_from, tax_settings
from ledgerkit.drafts.text import lang_of, t
from ledgerkit.orders.vendors import VendorMaster, vendor_master
from ledgerkit.parse.names import split_legal_form
from ledgerkit.parse.relative_dates import payment_date
from ledgerkit.parse.terms import DeliveryTerm, parse_delivery_term
from ledgerkit.parse.text import CellValueError, normalize_text

#: the issuer printed on an order: the config's ``[company]`` table
DEFAULT_COMPANY = {"name": "", "representative": "", "address": "", "tel": "", "registration_no": "", "capital": 0,
                   "employees": 0}

PO_COMPUTED = COMPUTED | {"order_no", "header", "lines", "by_rate", "subtotal", "warnings", "delivery", "toriteki"}


def order_keys(table: SourceTable, indexes: list[int]) -> dict[int, str]:
    """The order number each row belongs to (its match key; ``""`` when it has none).

    Many lists write the order number on an order's first line only: a row with a blank
    order number directly below a row of an order continues that order. A blank row in
    between ends it.
    """
    col = table.mapping["order_no"]
    keys: dict[int, str] = {}
    current, prev = "", None
    for i in sorted(indexes):
        raw = table.rows[i]
        v = raw[col] if col < len(raw) else ""
        if v is None or str(v).strip() == "":
            key = current if prev is not None and i == prev + 1 else ""
        else:
            key = _match_key(v)
        keys[i] = current = key
        prev = i
    return keys


def group_orders(table: SourceTable, indexes: list[int]) -> dict[str, list[int]]:
    """Row indexes by order number, in the order they first appear (a blank order
    number continues the order of the row above, see :func:`order_keys`)."""
    keys = order_keys(table, indexes)
    groups: dict[str, list[int]] = {}
    for i in indexes:
        groups.setdefault(keys[i], []).append(i)
    return groups


_ABBREVIATED_FORM = re.compile(r"\((?:株|有|同|資|名|一社|一財|公社|公財|特非|医|学|福)\)")


def formal_name(name: str) -> str:
    """A company name as a formal document writes it: an abbreviated legal form (``(株)``,
    ``㈱``) in full where it was written, half-width kana made full-width. A name with no
    abbreviation keeps its spelling.

    Examples:
        >>> formal_name("(株)アオバ"), formal_name("ｱｵﾊﾞ㈱"), formal_name("株式会社 ｱｵﾊﾞ")
        ('株式会社アオバ', 'アオバ株式会社', '株式会社 アオバ')
        >>> formal_name("(同)ベータ"), formal_name("ヤマト精機")
        ('合同会社ベータ', 'ヤマト精機')
    """
    text = normalize_text(name).strip()  # NFKC: ㈱ and （株） are (株) here
    if not _ABBREVIATED_FORM.search(text):
        return text
    form, core = split_legal_form(text)
    if form is None or not core:
        return text
    return f"{core}{form}" if text.startswith(core) else f"{form}{core}"


def _shown(v: Any) -> str:
    if isinstance(v, dt.date):
        return v.isoformat()
    return str(v)


def po_context(table: SourceTable, group: list[int], *, config: Any = None, today: dt.date | None = None,
               lang: str = "ja", vendors: VendorMaster | None = None) -> tuple[dict, Any]:
    """The context of one order: header fields, lines, totals per rate, the issuer.

    ``vendors`` says whom the 取適法 covers (default: the config's vendor master)."""
    rate, mode = tax_settings(config)
    rows = [table.row(i, lang) for i in group]
    place_ = where(table.path, table.sheet, [r.excel_row for r in rows], lang)
    order_no = rows[0].aliases.get("order_no")
    if order_no is None:
        raise DataError(t("order_no_empty", lang, where=place_, header=table.header("order_no")))
    line_headers = {table.columns[c] for f, c in table.mapping.items() if f in LINE_FIELDS}
    field_of = {table.columns[c]: f for f, c in table.mapping.items()}

    header = _order_header(rows, line_headers, order_no, place_, lang)
    aliases = {field_of[h]: v for h, v in header.items() if h in field_of}
    if isinstance(aliases.get("vendor"), str):
        # the addressee of a formal document: 株式会社 in full, full-width kana (DOMAIN.md §2.1)
        aliases["vendor"] = formal_name(aliases["vendor"])
    notes = list(dict.fromkeys(r.aliases["note"] for r in rows if r.aliases.get("note") is not None))
    if notes:
        aliases["note"] = "\n".join(str(n) for n in notes)

    lines = [_order_line(table, r, n, order_no, line_headers, rate, lang) for n, r in enumerate(rows, 1)]
    by_rate = _totals_by_rate(lines, mode, lang)
    subtotal = sum(line["amount"] for line in lines)
    tax_total = sum(b["tax"] for b in by_rate)

    company = {**DEFAULT_COMPANY, **(setting(config, "company", {}) or {})}
    if not str(company.get("name", "")).strip():
        raise ConfigError(t("no_issuer", lang))
    if vendors is None:
        vendors = vendor_master(config)[0]
    status = vendors.status(str(aliases.get("vendor") or ""), str(aliases.get("registration_no") or ""),
                            str(aliases.get("vendor_code") or ""))[0]
    delivery, warnings = _delivery_term(aliases, lang)
    warnings += _written_terms_warnings(config, aliases, order_no, lines, subtotal, place_, lang, status)
    warnings += _payment_warnings(aliases, delivery, order_no, place_, lang, status)
    warnings += _listed_tax_warnings(lines, by_rate, order_no, lang)
    # the issuer's own number: a failed check digit is said, not refused (DOMAIN.md §3.4)
    issuer = issuer_check_digit_warning({"company": company}, lang)
    if issuer:
        warnings.append(issuer)

    # the 押印欄 of the issuer: the route a purchase of this amount takes (the authority matrix)
    matrix = approval_matrix(config)
    basis = subtotal + tax_total if matrix.get("amount_basis") == "tax_included" else subtotal
    route = approval_route(basis, category_of(None, matrix), matrix)

    ctx: dict[str, Any] = identifier_names(header, PO_COMPUTED | set(ORDER_FIELDS))
    ctx.update(aliases)
    ctx.update(
        order_no=order_no,
        header=header,
        row=header,
        lines=lines,
        by_rate=by_rate,
        rates={b["label"]: b for b in by_rate},
        subtotal=subtotal,
        tax=tax_total,
        total=subtotal + tax_total,
        tax_rate=rate,
        tax_rate_label=rate_label(rate, lang),
        rounding=mode,
        rounding_label=ROUNDING_LABELS[mode],
        company=company,
        today=today or dt.date.today(),
        source={"file": table.path.name, "sheet": table.sheet, "rows": [r.excel_row for r in rows]},
        warnings=warnings,
        approval=route,
        decider=route[-1],
        stamps=stamp_boxes(route),
        delivery=None if delivery is None else {"start": delivery.start, "end": delivery.end,
                                                "period": delivery.is_period, "label": delivery.label()},
        toriteki=status,
    )
    # for the file name pattern
    names = {**header, **aliases, "order_no": order_no, "excel_row": rows[0].excel_row}
    return ctx, names


def _order_header(rows: list, line_headers: set[str], order_no: Any, place_: str, lang: str) -> dict[str, Any]:
    """The order's header fields: the same in every row of the order (blank = same as above)."""
    header: dict[str, Any] = {}
    seen_at: dict[str, int] = {}
    for r in rows:
        for h, v in r.values.items():
            if h in line_headers:
                continue
            if h in header and header[h] != v:
                raise DataError(t(
                    "header_differs", lang, where=place_, order=order_no, header=h,
                    row_a=seen_at[h], a=_shown(header[h]), row_b=r.excel_row, b=_shown(v),
                ))
            header.setdefault(h, v)
            seen_at.setdefault(h, r.excel_row)
    return header


def _order_line(table: SourceTable, r: Any, n: int, order_no: Any, line_headers: set[str], rate: Decimal,
                lang: str) -> dict[str, Any]:
    """Line ``n`` of an order from its row: 金額 given, or 数量 × 単価 in whole yen, and its tax rate."""
    a = r.aliases
    at = where(table.path, table.sheet, [r.excel_row], lang)
    if a.get("item") is None:
        raise DataError(t("line_no_item", lang, where=at, order=order_no, header=_header(table, "item")))
    qty, price, amount = a.get("quantity"), a.get("unit_price"), a.get("amount")
    if amount is None:
        if qty is None or price is None:
            raise DataError(t("line_no_amount", lang, where=at, order=order_no, header=_header(table, "amount")))
        exact = Decimal(qty) * Decimal(price)
        if exact != exact.to_integral_value():
            raise DataError(t("line_not_whole", lang, where=at, order=order_no, qty=qty, price=price, exact=exact))
        amount = int(exact)
    elif qty is not None and price is not None:
        finding = check_line_amount(qty, price, amount)
        if finding is not None:
            raise DataError(t("line_mismatch", lang, where=at, order=order_no, reason=finding.message(lang)))
    if isinstance(amount, Decimal):
        raise DataError(t("fraction", lang, where=at, header=_header(table, "amount"), value=amount))
    line_rate = a.get("tax_rate", rate)
    line = {h: v for h, v in r.values.items() if h in line_headers}
    line.update({k: v for k, v in a.items() if k in LINE_FIELDS})
    line.update(no=n, amount=amount, tax_rate=line_rate, tax_rate_label=rate_label(line_rate, lang),
                reduced=line_rate == Decimal("0.08"), source_row=r.excel_row)
    return line


def _totals_by_rate(lines: list[dict[str, Any]], mode: str, lang: str = "ja") -> list[dict[str, Any]]:
    """Net, tax and total per tax rate, highest rate first: tax once per rate on the sum of its lines."""
    by_rate = []
    for line_rate in sorted({line["tax_rate"] for line in lines}, reverse=True):
        net = sum(line["amount"] for line in lines if line["tax_rate"] == line_rate)
        tax = tax_amount(net, line_rate, mode) if line_rate else 0
        by_rate.append({"rate": line_rate, "label": rate_label(line_rate, lang), "net": net, "tax": tax, "total": net + tax})
    return by_rate


def _written_terms_warnings(config: Any, aliases: Mapping[str, Any], order_no: Any, lines: list[dict[str, Any]],
                            subtotal: int, place_: str, lang: str, status: str = COVERED) -> list[str]:
    """The written terms (取適法 4条明示) the order lacks: for a covered vendor an error for a
    required one, else warnings; when coverage is unknown one warning naming them all; for a
    vendor not covered nothing."""
    warnings: list[str] = []
    terms_version = setting(config, "drafts.po_terms", "toriteki_4jo_2026")
    if not terms_version or status == NOT_COVERED:
        return warnings
    terms = written_terms(terms_version)
    present = {**aliases, "order_no": order_no, "item": lines[0]["item"], "amount": subtotal}
    missing = missing_terms(present, terms)
    law = terms.get("short", "")
    label = "item" if lang == "ja" else "item_en"
    if status != COVERED:
        return [t("terms_unknown", lang, law=law, items=", ".join(f.params[label] for f in missing))] if missing else []
    errors = [f.params[label] for f in missing if f.severity == "error"]
    warnings = [t("term_warning", lang, law=law, item=f.params[label]) for f in missing if f.severity != "error"]
    if errors:
        raise DataError(t("terms_missing", lang, where=place_, order=order_no, law=law, items=", ".join(errors)))
    return warnings


def _delivery_term(aliases: Mapping[str, Any], lang: str) -> tuple[DeliveryTerm | None, list[str]]:
    """The 納期 read as ``check orders`` reads it: a date or a service's period; a warning when neither."""
    raw = aliases.get("delivery_date")
    ordered = aliases.get("order_date")
    try:
        term = parse_delivery_term(raw, after=ordered if isinstance(ordered, dt.date) else None)
    except CellValueError as e:
        return None, [t("delivery_unreadable", lang, value=raw, reason=e.reason)]
    return term, []


def _listed_tax_warnings(lines: list[dict[str, Any]], by_rate: list[dict[str, Any]], order_no: Any,
                         lang: str) -> list[str]:
    """The 消費税 the order list gives (once per rate, or on every line) against the draft's, per rate.

    The draft computes the tax once per rate on the sum of its lines (DOMAIN.md §1.2); a list
    that says otherwise is said, the draft keeping its own figure."""
    out = []
    for b in by_rate:
        given = [line["tax"] for line in lines if line["tax_rate"] == b["rate"] and line.get("tax") is not None]
        if given and all(isinstance(v, int) for v in given) and sum(given) != b["tax"]:
            out.append(t("po_tax_differs", lang, order=order_no, rate=b["label"], given=format_yen(sum(given)),
                         net=format_yen(b["net"]), computed=format_yen(b["tax"])))
    return out


def _payment_warnings(aliases: Mapping[str, Any], delivery: DeliveryTerm | None, order_no: Any, place_: str,
                      lang: str, status: str) -> list[str]:
    """Payment more than 60 days after delivery (after the end of a service) or by 手形, as
    ``check orders`` finds them: an error for a covered vendor, a warning when unknown, nothing
    for a vendor not covered (でんさい and the like: a warning either way)."""
    if status == NOT_COVERED:
        return []
    findings = [check_payment_method(aliases.get("payment_method"), aliases.get("order_date"))]
    due = aliases.get("payment_due")
    if delivery is not None and due is not None:
        if isinstance(due, str):
            due = payment_date(due, delivery.end)
        findings.append(check_payment_due(delivery.end, due, service_from=delivery.start))
    warnings = []
    for finding in (f for f in findings if f is not None):
        if status == COVERED and finding.severity == "error":
            raise DataError(t("payment_late", lang, where=place_, order=order_no, reason=finding.message(lang)))
        warnings.append(finding.message(lang) + ("" if status == COVERED else t("terms_unknown_note", lang)))
    return warnings


def _header(table: SourceTable, field: str) -> str:
    return table.header(field) if field in table.mapping else ORDER_FIELDS[field][0]


def _whole_orders(table: SourceTable, chosen, all: bool, where, lang: str) -> list[list[int]]:
    """Every row of each order a chosen row belongs to; a chosen row with no order number is a
    DataError (unless ``all``, where such rows are their own group)."""
    every = table.data
    groups_all = group_orders(table, every)
    keys = order_keys(table, every)
    wanted = {keys.get(i, "") for i in chosen}
    if "" in wanted and not all:
        raise DataError(t("order_no_empty", lang, where=where_(table, groups_all[""], lang), header=table.header("order_no")))
    return [g for key, g in groups_all.items() if key in wanted]


def draft_po(
    source: str | Path,
    *,
    row: int | None = None,
    where: Iterable[str] | Mapping[str, Any] | None = None,
    all: bool = False,
    template: str | Path = "po.xlsx",
    out_dir: str | Path = ".",
    name_pattern: str | None = None,
    config: Any = None,
    sheet: str | None = None,
    today: dt.date | None = None,
    overwrite: bool = False,
    manifest: str = "csv",
    pdf: bool = False,
) -> list[DraftResult]:
    """Draft one 注文書 per order number of an order list.

    ``where`` picks rows (``{"注文番号": "PO-1"}`` or ``["取引先=株式会社アルファ"]``) and
    drafts every order they belong to, with all of its lines; ``row`` the order holding
    that Excel row; ``all`` every order (and writes a manifest). Files are named
    ``{order_no}_{vendor}`` unless ``name_pattern`` says otherwise; ``out_dir`` is created.

    ``template``: the Excel form ``po.xlsx`` (default), a Word form (``po.docx``, lines in a
    ``{%tr for line in lines %}`` row) or an HTML template, by name or path; rendered in a
    worker under the ``[read]`` limits. ``pdf=True``: a PDF of each draft (``soffice`` on PATH).

    Raises:
        InputError: unreadable list, no order table, no such row or column.
        DataError: header fields that differ between an order's rows, a line amount that is
            not 数量 × 単価; for a vendor the 取適法 covers, required written terms missing
            (the message names them) or payment more than 60 days after delivery.
        TemplateError: the form names a field the order lacks; a SUM in the form that
            does not cover the lines or does not come to the sum of the lines (a Word form:
            line amounts or totals shown that do not agree with the lines).
        ConfigError: no ``[company] name`` for the issuer; a ``[company] registration_no`` that is
            not T + 13 digits.
        OutputError: a file of the run is there already without ``overwrite`` (``--force``);
            nothing is written. Under ``overwrite`` a failed draft's previous file is removed.
    """
    source = Path(source)
    config = config_or_found(config)
    lang = lang_of(config)
    refuse_stdout(out_dir, lang)
    check_issuer(config, lang)
    check_manifest(out_dir, manifest, batch=all, overwrite=overwrite, source=source, lang=lang)
    fields = fields_from(config, "po", ORDER_FIELDS)
    kind = "発注一覧" if lang == "ja" else "order (注文) list"
    table = read_list(source, fields, {"order_no", "item"}, kind=kind, sheet=sheet, config=config, lang=lang)
    chosen = select_rows(table, row=row, where=where, all=all, fields=fields, lang=lang)
    groups = _whole_orders(table, chosen, all, where, lang)
    vendors = vendor_master(config)[0]

    def build(group: list[int]):
        ctx, names = po_context(table, group, config=config, today=today, lang=lang, vendors=vendors)
        srow = table.row(group[0], lang)
        srow.values = {**ctx["header"]}
        return ctx, srow, names, ctx["subtotal"]

    return run_drafts(
        table,
        groups,
        build=build,
        template=resolve_template(template, templates_folder(config), lang),
        out_dir=out_dir,
        name_pattern=name_pattern or "{order_no}_{vendor}",
        overwrite=overwrite,
        batch=all,
        manifest=manifest,
        key_field="order_no",
        key_of=lambda rows: _raw_key(table, rows[0], "order_no"),
        lang=lang,
        limits=limits_of(config),
        pdf=pdf,
    )


def check_issuer(config: Any, lang: str = "ja") -> None:
    """Refuse the issuer's data a draft would print wrong: ``[company] registration_no`` checked
    as ``ledgerkit.toml`` is checked on loading (a config given as a dict, or changed after
    loading, is checked here); the ConfigError names the setting and where it came from.

    Examples:
        >>> check_issuer({"company": {"registration_no": "T8700110005901"}})
        >>> check_issuer({"company": {"registration_no": "T870011000590"}}, "en")
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.ConfigError: company.registration_no: 'T870011000590' is not a registration number (T + 13 digits): the drafts print it as the issuer's
    """
    problems = check_company({"company": setting(config, "company", {}) or {}}, lang)
    if problems:
        key, reason = problems[0]
        source = config.source(key) if callable(getattr(config, "source", None)) else "default"
        raise ConfigError(f"{source}: {key}: {reason}" if source != "default" else f"{key}: {reason}")


def where_(table: SourceTable, group: list[int], lang: str = "ja") -> str:
    return where(table.path, table.sheet, [i + 1 for i in group], lang)


__all__ = ["draft_po", "po_context", "group_orders", "DEFAULT_COMPANY", "parse_where", "column_for"]
