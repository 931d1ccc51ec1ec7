"""Rendering under the same time and memory limits as reading (``[read] timeout``, ``memory_mb``).

A template is code a person wrote: ``{{ 'a' * 2000000000 }}`` asks for 2 GB and two nested
``range(100000)`` loops never end, and the sandbox stops neither. So each draft is rendered
(text, HTML, Markdown, an Excel or a Word form) in a worker process of
:func:`ledgerkit.intake.isolate.run_isolated` — the one that reads every workbook — with the
same limits, several drafts at once. The worker returns the draft's bytes; the parent writes
them (atomically), so a worker stopped half-way leaves nothing behind. A draft stopped by a
limit is a :class:`~ledgerkit.core.errors.TemplateError` naming the template and the limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from ledgerkit.core.errors import LedgerkitError, ReaderBug, TemplateError, UnreadableFileError
from ledgerkit.drafts.context import setting
from ledgerkit.drafts.docx_form import DOCX_SUFFIXES, docx_env, render_docx_bytes
from ledgerkit.drafts.environment import compile_expression, compile_template, is_html, is_markdown, mode_of, read_template, render_text
from ledgerkit.drafts.text import t
from ledgerkit.drafts.xlsx_form import fill_workbook, load_form, workbook_bytes
from ledgerkit.intake.isolate import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, choose_start_method, run_isolated

__all__ = ["RenderJob", "Limits", "limits_of", "render_job", "render_bounded", "form_kind"]

XLSX_SUFFIXES = (".xlsx", ".xlsm")


def form_kind(template: str | Path) -> str:
    """``docx``, ``xlsx`` or ``text`` (text, HTML and Markdown templates).

    Examples:
        >>> form_kind("po.docx"), form_kind("po.xlsx"), form_kind("ringi.md.j2")
        ('docx', 'xlsx', 'text')
    """
    suffix = Path(template).suffix.lower()
    return "docx" if suffix in DOCX_SUFFIXES else "xlsx" if suffix in XLSX_SUFFIXES else "text"


@dataclass(frozen=True)
class Limits:
    """Seconds and megabytes one draft may take (``None``: no limit)."""

    timeout: float | None = DEFAULT_TIMEOUT
    memory_mb: int | None = DEFAULT_MEMORY_MB


def limits_of(config: Any) -> Limits:
    """The ``[read]`` limits of ``config`` (a Config, a dict or None for the defaults)."""
    return Limits(setting(config, "read.timeout", DEFAULT_TIMEOUT), setting(config, "read.memory_mb", DEFAULT_MEMORY_MB))


@dataclass(frozen=True)
class RenderJob:
    """One draft to render in a worker: picklable (a worker may be spawned)."""

    template: Path
    context: Mapping[str, Any]
    expected_line_total: Any = None
    lang: str = "ja"

    def __str__(self) -> str:  # the name an error about this job shows
        return self.template.name


def render_job(job: RenderJob) -> bytes:
    """The draft's bytes: run in the worker (module level, so that spawn can send it)."""
    kind = form_kind(job.template)
    if kind == "docx":
        return render_docx_bytes(job.template, job.context, expected_line_total=job.expected_line_total, lang=job.lang)
    if kind == "xlsx":
        wb = load_form(job.template)
        fill_workbook(wb, job.context, form_name=job.template.name, expected_line_total=job.expected_line_total,
                      lang=job.lang)
        return workbook_bytes(wb)
    source = read_template(job.template)
    text = render_text(source, job.context, html=is_html(job.template), markdown=is_markdown(job.template),
                       name=job.template.name, lang=job.lang)
    return text.encode("utf-8")


def render_bounded(jobs: list[RenderJob], limits: Limits = Limits(), *, lang: str = "ja",
                   start_method: str | None = None) -> list[bytes | LedgerkitError]:
    """Each job rendered in its own bounded worker (several at once); bytes or the error, in order."""
    if choose_start_method(start_method) == "fork":
        _warm(jobs)
    outcomes = run_isolated(render_job, jobs, timeout=limits.timeout, memory_mb=limits.memory_mb,
                            start_method=start_method)
    return [_outcome(job, outcome, limits, lang) for job, outcome in outcomes]


def _warm(jobs: list[RenderJob]) -> None:
    """What every worker needs, loaded once here so that forked workers start with it: the
    library of the form (openpyxl takes 0.7 s to import, docxtpl 0.4 s) or the compiled template.
    Measured on 44 drafts of ringi.xlsx: 27 s without, the same as one process with."""
    import importlib

    compile_expression("1")  # Jinja's compiler, imported on first use
    for template in {job.template for job in jobs}:
        kind = form_kind(template)
        try:
            if kind == "xlsx":
                importlib.import_module("openpyxl")
            elif kind == "docx":
                docx_env()
                importlib.import_module("docxtpl")
            else:
                compile_template(read_template(template), mode_of(template))
        except Exception:  # noqa: BLE001 - the worker meets the same problem and says it
            pass


def _outcome(job: RenderJob, outcome: Any, limits: Limits, lang: str):
    if not isinstance(outcome, BaseException):
        return outcome
    name = job.template.name
    if isinstance(outcome, UnreadableFileError):
        params = getattr(outcome, "params", {})
        if outcome.code == "timeout":
            return TemplateError(t("render_timeout", lang, name=name, seconds=f"{limits.timeout:g}"))
        if outcome.code == "out_of_memory":
            return TemplateError(t("render_memory", lang, name=name, mb=limits.memory_mb))
        if outcome.code == "crashed":
            return TemplateError(t("render_crashed", lang, name=name, how=params.get("how", "?")))
        if outcome.code == "corrupt" and "kind" in params:
            # an exception ledgerkit did not expect, in its own code: a bug, not the template's fault
            message = t("render_bug", lang, name=name, kind=params["kind"], detail=params.get("detail", ""))
            return ReaderBug(job.template, "", params["kind"], params.get("detail", ""), message)
    if isinstance(outcome, LedgerkitError):
        return outcome
    return TemplateError(f"{name}: {outcome}")  # pragma: no cover - run_isolated returns ours only
