"""``ledgerkit draft-ringi``: one 稟議書 per row of a request list."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping

from ledgerkit.config.loading import config_or_found
from ledgerkit.core.errors import ConfigError, DataError
from ledgerkit.core.money import tax_amount, tax_from_gross
from ledgerkit.drafts.approval import approval_matrix, approval_plan, category_of, stamp_boxes
from ledgerkit.drafts.context import (
    RINGI_FIELDS,
    SourceRow,
    SourceTable,
    identifier_names,
    rate_label,
    select_rows,
    setting,
)
from ledgerkit.drafts.bounded import limits_of
from ledgerkit.drafts.environment import resolve_template, templates_folder
from ledgerkit.drafts.job import run_drafts, where
from ledgerkit.drafts.lists import read_list
from ledgerkit.drafts.output import DraftResult, check_manifest, refuse_stdout
from ledgerkit.drafts.text import lang_of, t

ROUNDING_LABELS = {"down": "切り捨て", "half_up": "四捨五入", "up": "切り上げ"}

#: names the context defines itself; a column with the same header stays under row[...]
COMPUTED = {
    "row", "source", "today", "tax", "net", "total", "approval", "decider", "co_approval", "tax_rate",
    "tax_rate_label", "rounding", "rounding_label", "amount_basis", "in_budget", "category", "loop",
    "lines", "company", "stamps", "warnings",
}


def fields_from(config: Any, kind: str, base: Mapping[str, list[str]]) -> dict[str, list[str]]:
    """The built-in synonyms plus the user's ``[columns.<kind>]`` lists."""
    fields = {k: list(v) for k, v in base.items()}
    extra = setting(config, f"columns.{kind}", {}) or {}
    for k, words in extra.items():
        fields[k] = list(dict.fromkeys([*words, *fields.get(k, [])]))
    return fields


def tax_settings(config: Any) -> tuple[Decimal, str]:
    rate = Decimal(str(setting(config, "tax.rate", "0.10")))
    mode = str(setting(config, "tax.rounding", "down"))
    if mode not in ROUNDING_LABELS:
        raise ConfigError(f"tax.rounding must be down, half_up or up, not {mode!r}")
    return rate, mode


def in_budget_of(value: Any) -> bool:
    """予算内 → True, 予算外 → False; blank → True (the usual case).

    Examples:
        >>> in_budget_of("予算内"), in_budget_of("予算外"), in_budget_of("外"), in_budget_of(None)
        (True, False, False, True)
    """
    if value is None:
        return True
    if isinstance(value, bool):
        return value
    text = str(value).strip()
    if not text or text in ("内", "○", "〇", "有", "あり", "yes", "Yes", "TRUE", "true"):
        return True
    if "外" in text or text in ("×", "無", "なし", "no", "No", "FALSE", "false"):
        return False
    if "内" in text:
        return True
    raise ValueError(f"予算内 or 予算外, not {text!r}")


def ringi_context(table: SourceTable, srow: SourceRow, *, config: Any = None, today: dt.date | None = None,
                  lang: str = "ja") -> dict:
    """The template context of one request row (see ``ledgerkit.drafts.context``)."""
    rate, mode = tax_settings(config)
    # the row's 税率 / 消費税率 / 税区分 (parsed by ledgerkit.parse.amounts.parse_rate) is this ringi's rate
    row_rate = srow.aliases.get("tax_rate")
    if row_rate is not None:
        rate = row_rate
    ctx: dict[str, Any] = identifier_names(srow.values, COMPUTED | set(RINGI_FIELDS))
    ctx.update(srow.aliases)
    ctx["row"] = dict(srow.values)
    ctx["source"] = {"file": table.path.name, "sheet": table.sheet, "row": srow.excel_row}
    ctx["today"] = today or dt.date.today()
    ctx["tax_rate"] = rate
    ctx["tax_rate_label"] = rate_label(rate, lang)
    ctx["rounding"] = mode
    ctx["rounding_label"] = ROUNDING_LABELS[mode]
    place_ = where(table.path, table.sheet, [srow.excel_row], lang)
    try:
        ctx["in_budget"] = in_budget_of(srow.aliases.get("budget"))
    except ValueError:
        raise DataError(
            t("bad_budget", lang, where=place_, header=table.header("budget"), value=srow.aliases.get("budget"))
        ) from None
    matrix = approval_matrix(config)
    ctx["category"] = category_of(srow.aliases.get("category"), matrix)
    known = {r.get("category") for r in matrix.get("rules", []) if r.get("category")}
    if known and ctx["category"] not in known:
        # a 区分 the matrix does not know (リース) is this row's error, not the whole run's
        words = [w for w, c in matrix.get("category_names", {}).items() if c in known]
        raise DataError(t("unknown_category", lang, where=place_, header=table.header("category"),
                          value=srow.aliases.get("category"), known=", ".join([*words, *sorted(known)])))
    amount = srow.aliases.get("amount")
    if amount is not None:
        if isinstance(amount, Decimal):
            raise DataError(t("fraction", lang, where=place_, header=table.header("amount"), value=amount))
        if amount < 0:
            raise DataError(t("negative_amount", lang, where=place_, header=table.header("amount"), value=f"{amount:,}"))
        header = table.header("amount")
        incl = srow.bases.get(header, "incl" if "税込" in header else "excl") == "incl"
        ctx["amount_basis"] = "tax_included" if incl else "tax_excluded"
        if incl:
            tax = tax_from_gross(amount, rate, mode)
            ctx.update(net=amount - tax, tax=tax, total=amount)
        else:
            tax = tax_amount(amount, rate, mode)
            ctx.update(net=amount, tax=tax, total=amount + tax)
        basis_amount = ctx["total"] if matrix.get("amount_basis") == "tax_included" else ctx["net"]
        # the 課長 / 部長 who stamp are the drafter's department's (起案部署)
        department = srow.aliases.get("department")
        plan = approval_plan(basis_amount, ctx["category"], matrix, in_budget=ctx["in_budget"],
                             department=str(department) if department is not None else "")
        route = plan.stamps
        ctx["approval"] = route
        ctx["decider"] = plan.decider
        # stamp boxes on a form: the decider first (leftmost), padded to at least six boxes
        ctx["stamps"] = stamp_boxes(route)
        ctx["co_approval"] = plan.co_approval
        ctx["warnings"] = _route_warnings(plan, matrix, lang)
    return ctx


def _route_warnings(plan, matrix, lang: str) -> list[str]:
    """What the manifest says of a route that ignores the drafter's department."""
    if plan.uses_department:
        return []
    own = [title for title in plan.levels if title in set(matrix.get("department_titles", []))]
    if not plan.department:
        if not own:
            return [t("route_ignores_department", lang, route=" → ".join(plan.stamps), department="-")]
        return [t("route_no_department", lang, titles="・".join(own))]
    return [t("route_ignores_department", lang, route=" → ".join(plan.stamps), department=plan.department)]


def default_name_pattern(table: SourceTable) -> str:
    if "request_no" in table.mapping:
        return "{request_no}_{subject}"
    return "{subject}_row{excel_row}"


def name_values(srow: SourceRow) -> dict[str, Any]:
    return {**srow.values, **srow.aliases, "excel_row": srow.excel_row}


def draft_ringi(
    source: str | Path,
    *,
    row: int | None = None,
    where: Iterable[str] | Mapping[str, Any] | None = None,
    all: bool = False,
    template: str | Path = "ringi.md.j2",
    out_dir: str | Path = ".",
    name_pattern: str | None = None,
    config: Any = None,
    sheet: str | None = None,
    today: dt.date | None = None,
    overwrite: bool = False,
    manifest: str = "csv",
    pdf: bool = False,
) -> list[DraftResult]:
    """Draft one 稟議書 per chosen row of a request list (``--row N``, ``--where COL=VAL``, ``--all``).

    One file per draft in ``out_dir``, named by ``name_pattern`` over the row's fields
    (default ``{request_no}_{subject}``), made safe. With ``all=True`` a manifest
    (``manifest.csv``, UTF-8 with BOM, or ``manifest.json``) lists every draft, and a row
    that fails is reported there (status ``error``) while the others are written; with
    ``row`` or ``where`` the first failure raises. A missing ``out_dir`` is created.

    ``template``: a text, HTML or Markdown template (``ringi.md.j2``), an Excel form
    (``ringi.xlsx``) or a Word form (``ringi.docx``), by name or path; each draft is rendered
    in a worker under the ``[read]`` time and memory limits. ``pdf=True`` converts each
    draft with LibreOffice (``soffice`` on PATH) to a PDF beside it.

    Raises:
        InputError: unreadable list, no request table, no such row or column; ``pdf`` without LibreOffice.
        TemplateError: the template names a field the row lacks (the message names the
            field and the row), or reached a time or memory limit; nothing is written for that draft.
        DataError: a cell that cannot be read (an amount, a date).
        OutputError: a draft or the manifest would be written through a symbolic link, or
            would replace a file that is there already without ``overwrite=True`` (``--force``;
            nothing is written then). Under ``overwrite`` a draft that fails removes the
            previous run's file of the same name.
    """
    source = Path(source)
    config = config_or_found(config)
    lang = lang_of(config)
    refuse_stdout(out_dir, lang)
    # before the list is read: the previous run's manifest is kept without --force
    check_manifest(out_dir, manifest, batch=all, overwrite=overwrite, source=source, lang=lang)
    fields = fields_from(config, "ringi", RINGI_FIELDS)
    kind = "稟議申請" if lang == "ja" else "ringi (稟議) request"
    table = read_list(source, fields, {"subject"}, kind=kind, sheet=sheet, config=config, lang=lang)
    indexes = select_rows(table, row=row, where=where, all=all, fields=fields, lang=lang)
    return run_drafts(
        table,
        [[i] for i in indexes],
        build=lambda rows: _one(table, rows[0], config, today, lang),
        template=resolve_template(template, templates_folder(config), lang),
        out_dir=out_dir,
        name_pattern=name_pattern or default_name_pattern(table),
        overwrite=overwrite,
        batch=all,
        manifest=manifest,
        key_of=lambda rows: _raw_key(table, rows[0], "request_no"),
        lang=lang,
        limits=limits_of(config),
        pdf=pdf,
    )


def _raw_key(table: SourceTable, index: int, field: str) -> str:
    """The row's key as written (for a draft that fails before its fields are parsed)."""
    col = table.mapping.get(field)
    raw = table.rows[index]
    if col is None or col >= len(raw) or raw[col] in (None, ""):
        return f"row{index + 1}"
    return str(raw[col]).strip()


def _one(table: SourceTable, index: int, config, today, lang):
    srow = table.row(index, lang)
    return ringi_context(table, srow, config=config, today=today, lang=lang), srow, name_values(srow), None
