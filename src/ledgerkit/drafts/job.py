"""What draft_ringi and draft_po share: build each draft's context, render every draft in a
bounded worker, write each one atomically, convert to PDF when asked, list them in a manifest.

The order of a run: the template and the output folder are checked first (a form that
cannot be used, a manifest that is a symbolic link, ``--pdf`` without LibreOffice: one line,
nothing written); then every draft's context is built here and rendered in workers under
the ``[read]`` limits (:mod:`ledgerkit.drafts.bounded`); then, in the list's order, each draft
is written or its error reported — with ``--all`` in the manifest, otherwise raised.

Files already there (a draft a person may have annotated, its PDF, the manifest) are kept
unless ``overwrite`` (``--force``): the run is refused in one line before anything is
rendered or written. Under ``--force`` a draft that fails removes the previous run's file of
the same name (and its PDF with ``--pdf``), so that nothing stale looks current; the
manifest says ``error`` for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping

from ledgerkit.core.errors import ConfigError, DataError, LedgerkitError, OutputError, TemplateError
from ledgerkit.drafts.bounded import Limits, RenderJob, form_kind, render_bounded
from ledgerkit.drafts.context import SourceTable
from ledgerkit.drafts.docx_form import read_form
from ledgerkit.drafts.environment import resolve_template
from ledgerkit.drafts.output import (
    DraftResult,
    manifest_path,
    name_from_pattern,
    output_suffix,
    place,
    prepare_dir,
    refuse_kept,
    refuse_link,
    remove_previous,
    write_atomic,
    write_manifest,
)
from ledgerkit.drafts.pdf import convert_to_pdf, require_soffice
from ledgerkit.drafts.text import t, where

__all__ = ["run_drafts", "explain_missing", "where"]


def is_xlsx(template: Path) -> bool:
    return form_kind(template) == "xlsx"


#: context names a ringi computes from its amount
_FROM_AMOUNT = {"net", "tax", "total", "approval", "decider", "stamps", "co_approval", "amount_basis"}


def explain_missing(err: TemplateError, srow: Any, columns: Mapping[str, int] | None = None,
                    headers: Mapping[int, str] | None = None, lang: str = "ja") -> str:
    """The error in ``lang``, with why a field the template uses is missing: an empty cell, or no such column."""
    text = err.worded(lang)
    field = getattr(err, "field", None)
    if field is None or srow is None:
        return text
    header = field
    # figures computed from the amount (approval route, tax, total) are missing when it is
    computed = field in _FROM_AMOUNT and bool(columns) and "amount" in columns
    if computed:
        field = "amount"
    if columns and headers and field in columns:
        header = headers[columns[field]]
    if computed and header in srow.blank:
        # the row's own fault, said as the row's line: not the template's internal name (stamps)
        return t("cell_empty", lang, header=header)
    if header in srow.blank:
        return f"{text} {t('missing_empty', lang, header=header)}"
    if header not in srow.values:
        return f"{text} {t('missing_column', lang)}"
    return text


@dataclass
class _Draft:
    """One draft on its way: its result, the row it came from, where it goes, what renders it."""

    result: DraftResult
    srow: Any = None
    path: Path | None = None
    job: RenderJob | None = None
    error: LedgerkitError | None = None
    data: bytes | None = None


@dataclass(frozen=True)
class _Run:
    """The settings of one run of drafts."""

    table: SourceTable
    template: Path
    out: Path
    suffix: str
    name_pattern: str
    overwrite: bool
    batch: bool
    key_field: str
    key_of: Callable | None
    lang: str
    pdf: bool = False


def _files_of(run: _Run, d: _Draft) -> list[Path]:
    """The files this run writes for a draft: the draft, and its PDF with ``--pdf``."""
    return [d.path, d.path.with_suffix(".pdf")] if run.pdf else [d.path]


def run_drafts(table: SourceTable, groups: list[list[int]], *, build, template, out_dir, name_pattern,
               overwrite: bool, batch: bool, manifest: str, key_field: str = "request_no",
               key_of=None, lang: str = "ja", limits: Limits = Limits(), pdf: bool = False) -> list[DraftResult]:
    """Build, render and write one draft per group of rows; the shared loop of ringi and PO.

    ``build(group)`` gives ``(context, source row, name values, expected line total)``.
    """
    tpl = resolve_template(template)
    suffix = output_suffix(tpl)
    # said in one line before anything is made, the output folder included
    soffice = require_soffice(suffix, lang) if pdf else None
    if form_kind(tpl) == "docx":
        read_form(tpl, lang)  # a macro-enabled or damaged form
    out = prepare_dir(out_dir, lang)
    # the source list is "taken": a draft never replaces the workbook it was drafted from,
    # nor the form it is drafted on, nor the manifest of this run
    taken: set[Path] = {table.path.resolve(), tpl.resolve()}
    if batch:
        listed = manifest_path(out, manifest)
        if listed.resolve() == table.path.resolve():
            raise OutputError(t("manifest_is_source", lang, path=listed.resolve()))
        refuse_link(listed, lang)
        taken.add(listed.resolve())
    run = _Run(table, tpl, out, suffix, name_pattern, overwrite, batch, key_field, key_of, lang, soffice is not None)
    drafts = [_prepare(run, group, build, taken) for group in groups]
    if not overwrite:
        # before any rendering: nothing of a previous run is replaced without --force
        refuse_kept([p for d in drafts if d.path is not None for p in _files_of(run, d)]
                    + ([manifest_path(out, manifest)] if batch else []), lang)
    pending = [d for d in drafts if d.job is not None]
    for d, outcome in zip(pending, render_bounded([d.job for d in pending], limits, lang=lang)):
        if isinstance(outcome, LedgerkitError):
            d.error = outcome
        else:
            d.data = outcome
    results = [_write(run, d) for d in drafts]
    if soffice is not None:
        _pdfs(run, results, soffice)
    if batch:
        write_manifest(results, out, manifest, lang, overwrite=overwrite)
    return results


def _prepare(run: _Run, group: list[int], build, taken: set[Path]) -> _Draft:
    """The draft's context and file name, here in the parent (an error is kept for its turn)."""
    rows = [i + 1 for i in group]
    result = DraftResult(key=run.key_of(group) if run.key_of else "", source_file=run.table.path.name,
                         sheet=run.table.sheet, rows=rows)
    d = _Draft(result)
    try:
        ctx, d.srow, names, expected = build(group)
        result.key = str(names.get(run.key_field) or names.get("subject") or result.key or f"row{rows[0]}")
        result.warnings = list(ctx.get("warnings", []))
        d.path = place(run.out, name_from_pattern(run.name_pattern, names, run.lang), run.suffix, taken)
        refuse_link(d.path, run.lang)
        d.job = RenderJob(run.template, ctx, expected, run.lang)
    except LedgerkitError as e:
        d.error = e
    return d


def _write(run: _Run, d: _Draft) -> DraftResult:
    """Write the rendered draft; or report its error (raised unless the run is a batch)."""
    try:
        if d.error is not None:
            raise d.error
        d.result.path = write_atomic(d.path, d.data, run.lang, overwrite=run.overwrite)
    except LedgerkitError as e:
        if run.overwrite and d.path is not None:
            # under --force, the previous run's file of this name would look like this run's
            remove_previous(_files_of(run, d))
        _failed_draft(run, d, e)
    return d.result


def _failed_draft(run: _Run, d: _Draft, e: LedgerkitError) -> None:
    """The error that stopped a draft: in the manifest with ``--all``, otherwise raised."""
    if isinstance(e, TemplateError):
        text = explain_missing(e, d.srow, run.table.mapping, run.table.columns, run.lang)
        message = f"{where(run.table.path, run.table.sheet, d.result.rows, run.lang)}: {text}"
        if not run.batch:
            err = TemplateError(message)
            err.field = getattr(e, "field", None)
            raise err from None
        _failed(d.result, message, e.exit_code)
    elif isinstance(e, (DataError, OutputError, ConfigError)):
        if not run.batch or isinstance(e, ConfigError):
            raise e from None
        _failed(d.result, str(e), e.exit_code)
    else:
        raise e


def _failed(result: DraftResult, message: str, code: int) -> None:
    result.status, result.message, result.exit_code = "error", message, code


def _pdfs(run: _Run, results: list[DraftResult], soffice: str) -> None:
    """``--pdf``: every written draft converted; a conversion that fails is that draft's error."""
    written = [r for r in results if r.ok and r.path is not None]
    made = convert_to_pdf([r.path for r in written], soffice, overwrite=run.overwrite, lang=run.lang)
    for r in written:
        outcome = made.get(r.path)
        if isinstance(outcome, Path):
            r.pdf = outcome
        elif outcome is not None:
            if not run.batch:
                raise outcome
            _failed(r, str(outcome), outcome.exit_code)
