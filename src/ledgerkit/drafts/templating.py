"""Rendering a draft template by name or path: text, HTML, Markdown, an Excel or a Word form.

:func:`render` is ``ledgerkit.render``: it finds the template (the project's templates
folder, a path, the bundled ones), renders it in a bounded worker under the ``[read]``
limits (:mod:`ledgerkit.drafts.bounded`) and returns the text, or the bytes of a form, or
writes the draft. The Jinja environment itself (sandbox, ``StrictUndefined``, filters,
escaping per format) is :mod:`ledgerkit.drafts.environment`, re-exported here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ledgerkit.config.loading import config_or_found
from ledgerkit.drafts.bounded import RenderJob, form_kind, limits_of, render_bounded
from ledgerkit.drafts.environment import (
    compile_expression,
    compile_template,
    is_html,
    is_markdown,
    make_env,
    markdown_text,
    missing_name,
    mode_of,
    render_text,
    resolve_template,
    shared_env,
    templates_folder,
)
from ledgerkit.drafts.output import write_atomic
from ledgerkit.drafts.text import lang_of

__all__ = [
    "render", "render_text", "resolve_template", "templates_folder", "is_html", "is_markdown", "mode_of",
    "markdown_text", "make_env", "shared_env", "compile_template", "compile_expression", "missing_name",
]


def render(template: str | Path, context: Mapping[str, Any], out_path: str | Path | None = None, *,
           lang: str | None = None, expected_line_total=None, config: Any = None, overwrite: bool = False):
    """Render a template (by name or path) with ``context`` under the ``[read]`` time and memory limits.

    Text, HTML and Markdown templates (``.j2``) give the text: HTML escapes every value,
    Markdown escapes raw HTML and link syntax in values, plain text leaves them as they are.
    An Excel form (``.xlsx``) or a Word form (``.docx``) gives the draft's bytes.
    With ``out_path``, the draft is written there (atomically; a file already there is kept,
    an ``OutputError``, unless ``overwrite=True``) and the path returned.
    ``expected_line_total`` is the sum of the line amounts a form's totals must come to;
    ``config`` gives the templates folder, the limits and the language.

    Raises TemplateError for a missing template, a syntax error, a name the context does
    not have (naming it), a form whose totals do not add up, or a limit reached.

    Examples:
        >>> render("ringi.md.j2", {})  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.TemplateError: ringi.md.j2: 'request_no' を使っていますが、ありません
    """
    config = config_or_found(config)
    lang = lang or lang_of(config)
    path = resolve_template(template, templates_folder(config), lang)
    job = RenderJob(path, dict(context), expected_line_total, lang)
    [outcome] = render_bounded([job], limits_of(config), lang=lang)
    if isinstance(outcome, Exception):
        raise outcome
    if out_path is not None:
        return write_atomic(Path(out_path), outcome, lang, overwrite=overwrite)
    return outcome.decode("utf-8") if form_kind(path) == "text" else outcome
