"""Jinja rendering for drafts: strict, sandboxed, autoescaped for HTML.

Templates are found by name in the bundled ``templates/`` folder (inside the wheel as
``ledgerkit/templates``; in a source checkout, the top-level ``templates/``) or given as a
path. A template that names a value the row does not have is an error, never a blank
in a document someone signs (``StrictUndefined``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from ledgerkit.config.loading import Config
from ledgerkit.config.templates import bundled_templates, template_dirs
from ledgerkit.core import messages
from ledgerkit.core.errors import TemplateError
from ledgerkit.drafts.filters import FILTERS

_HTML_SUFFIXES = (".html", ".htm", ".xml", ".html.j2", ".htm.j2", ".xml.j2")


def resolve_template(template: str | Path, folder: Path | None = None) -> Path:
    """The file for a template name (``ringi.md.j2``) or path.

    A name alone is looked for first in ``folder`` (the project's templates, see
    :func:`templates_folder`), then as a path, then among the bundled templates.
    Raises TemplateError listing the bundled names when it is none of these.
    """
    path = Path(template)
    if folder is not None and path.name == str(template) and (folder / path.name).is_file():
        return folder / path.name
    if path.is_file():
        return path
    if path.name == str(template):
        for d in template_dirs():
            candidate = d / path.name
            if candidate.is_file():
                return candidate
    raise TemplateError(
        f"template not found: {template} (bundled: {', '.join(bundled_templates()) or 'none'})"
    )


def templates_folder(config: Any) -> Path | None:
    """The project's templates folder (``drafts.templates`` in a loaded config), when it exists."""
    return config.templates_dir() if isinstance(config, Config) else None


def is_html(name: str | Path) -> bool:
    return str(name).lower().endswith(_HTML_SUFFIXES)


def _no_includes(name: str):
    # a draft template is one file: {% include %}, {% import %} and {% extends %} may not
    # read others (a template from a client's folder must not reach /etc/passwd)
    from jinja2 import TemplateNotFound

    raise TemplateNotFound(name, f"{name}: a draft template cannot include, import or extend other files")


def make_env(*, autoescape: bool = False, loader_dir: Path | None = None):
    """A sandboxed Jinja environment with StrictUndefined and the document filters."""
    from jinja2 import FileSystemLoader, FunctionLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=autoescape,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        loader=FileSystemLoader(str(loader_dir)) if loader_dir else FunctionLoader(_no_includes),
    )
    env.filters.update(FILTERS)
    return env


@lru_cache(maxsize=4)
def shared_env(autoescape: bool = False):
    """One environment per escaping mode, reused across drafts (so compiled templates are too)."""
    return make_env(autoescape=autoescape)


@lru_cache(maxsize=1024)
def compile_template(source: str, autoescape: bool = False):
    """``source`` compiled once per run: a list of 500 rows compiles its template once."""
    return shared_env(autoescape).from_string(source)


@lru_cache(maxsize=1024)
def compile_expression(expr: str):
    return shared_env(False).compile_expression(expr, undefined_to_none=False)


_MISSING = [
    re.compile(r"'([^']+)' is undefined"),
    re.compile(r"has no attribute '([^']+)'"),
    re.compile(r"has no element '?([^']+?)'?$"),
]


def missing_name(error: Exception) -> str | None:
    """The field an UndefinedError is about, from Jinja's message."""
    text = str(error)
    for pattern in _MISSING:
        m = pattern.search(text)
        if m:
            return m.group(1)
    return None


def render_text(source: str, context: Mapping[str, Any], *, html: bool = False, name: str = "<string>",
                lang: str = "ja") -> str:
    """Render template text with ``context``; errors become TemplateError.

    Examples:
        >>> render_text("{{ 件名 }}: {{ amount|yen }}", {"件名": "PC購入の件", "amount": 148000})
        'PC購入の件: ¥148,000'
        >>> render_text("<p>{{ x }}</p>", {"x": "<script>"}, html=True)
        '<p>&lt;script&gt;</p>'
    """
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import UndefinedError

    try:
        return compile_template(source, html).render(dict(context))
    except UndefinedError as e:
        field = missing_name(e)
        err = TemplateError(messages.text("draft_missing", lang, name=name, field=field) if field else f"{name}: {e}")
        err.field = field
        raise err from None
    except JinjaTemplateError as e:
        line = getattr(e, "lineno", None)
        where = f"{name}:{line}" if line else name
        raise TemplateError(f"{where}: {e}") from None
    except (ArithmeticError, ValueError, TypeError, RecursionError, MemoryError) as e:
        # the template's own expression failed (range(10**9) in the sandbox, 1/0, a bad
        # filter argument): the template's problem, said in one line
        raise TemplateError(f"{name}: the template failed ({e.__class__.__name__}: {e})") from None


def render(template: str | Path, context: Mapping[str, Any], *, lang: str = "ja") -> str:
    """Render a text or HTML template (by bundled name or path) with ``context``.

    HTML templates (``.html.j2``) escape every value; others do not.

    Raises TemplateError for a missing template, a syntax error, or a name the context
    does not have.
    """
    path = resolve_template(template)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise TemplateError(f"{path.name} is an Excel form: use render_xlsx(template, context, path)")
    try:
        source = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(f"{path}: cannot read the template ({e.__class__.__name__})") from None
    return render_text(source, context, html=is_html(path), name=path.name, lang=lang)
