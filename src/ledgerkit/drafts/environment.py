"""The Jinja environment of drafts: strict, sandboxed, and escaped for what the output is.

Templates are found by name in the bundled ``templates/`` folder (inside the wheel as
``ledgerkit/templates``; in a source checkout, the top-level ``templates/``) or given as a
path. A template that names a value the row does not have is an error, never a blank
in a document someone signs (``StrictUndefined``).

What a value becomes depends on the output, and is decided here, once, not in each
template: HTML escapes every value (autoescape); Markdown escapes the raw HTML and link
syntax a viewer would act on (:func:`markdown_text`, the environment's ``finalize``), so
that ``<script>`` from a cell shows as text and Japanese text stays as it is; Word forms
(:mod:`ledgerkit.drafts.docx_form`) escape for XML. Rendering here runs in the calling
process: :func:`ledgerkit.drafts.templating.render` and the draft commands run it in a
bounded worker.
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
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".md.j2", ".markdown.j2")


def resolve_template(template: str | Path, folder: Path | None = None, lang: str = "ja") -> Path:
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
    raise TemplateError(messages.text("draft_template_not_found", lang, template=template,
                                      bundled=", ".join(bundled_templates()) or "-"))


def templates_folder(config: Any) -> Path | None:
    """The project's templates folder (``drafts.templates`` in a loaded config), when it exists."""
    return config.templates_dir() if isinstance(config, Config) else None


def is_html(name: str | Path) -> bool:
    return str(name).lower().endswith(_HTML_SUFFIXES)


def is_markdown(name: str | Path) -> bool:
    """``ringi.md.j2``, ``notes.markdown``: a Markdown template.

    Examples:
        >>> is_markdown("ringi.md.j2"), is_markdown("po.html.j2"), is_markdown("R-1.md")
        (True, False, True)
    """
    return str(name).lower().endswith(_MARKDOWN_SUFFIXES)


def mode_of(name: str | Path) -> str:
    """How values are escaped in a template named ``name``: ``html``, ``markdown`` or ``text``."""
    return "html" if is_html(name) else "markdown" if is_markdown(name) else "text"


# What a Markdown viewer acts on in a value: raw HTML (<script>, <img onerror>, <iframe>), an
# entity (&lt; made into <), link and image brackets, a table's cell separator, and a
# backslash that would escape the next character. Everything else (Japanese text, parentheses,
# '*' and '_') is left as written.
_MARKDOWN_SPECIAL = re.compile(r"[<>\[\]|]|&(?=#?\w+;)|\\(?=[!-/:-@\[-`{-~])")
_MARKDOWN_ESCAPES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "[": "\\[", "]": "\\]", "|": "\\|", "\\": "\\\\"}


def markdown_text(value: Any) -> str:
    """A value as Markdown text that shows it and does nothing else (the ``finalize`` of
    Markdown templates).

    Examples:
        >>> markdown_text("<script>alert(1)</script>")
        '&lt;script&gt;alert(1)&lt;/script&gt;'
        >>> markdown_text("備品購入 (ノートPC 3台)")
        '備品購入 (ノートPC 3台)'
        >>> markdown_text("[ここ](javascript:x) A|B &amp; A&B")
        '\\\\[ここ\\\\](javascript:x) A\\\\|B &amp;amp; A&B'
    """
    return _MARKDOWN_SPECIAL.sub(lambda m: _MARKDOWN_ESCAPES[m.group()], str(value))


def _no_includes(name: str):
    # a draft template is one file: {% include %}, {% import %} and {% extends %} may not
    # read others (a template from a client's folder must not reach /etc/passwd)
    from jinja2 import TemplateNotFound

    raise TemplateNotFound(name, f"{name}: a draft template cannot include, import or extend other files")


#: the ways values are escaped: text as it is, HTML, Markdown
MODES = ("text", "html", "markdown")


def make_env(*, autoescape: bool = False, loader_dir: Path | None = None, finalize=None):
    """A sandboxed Jinja environment with StrictUndefined and the document filters."""
    from jinja2 import FileSystemLoader, FunctionLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=autoescape,
        finalize=finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        loader=FileSystemLoader(str(loader_dir)) if loader_dir else FunctionLoader(_no_includes),
    )
    env.filters.update(FILTERS)
    return env


def _mode(mode: str | bool) -> str:
    # True / False: the html flag of earlier versions
    if mode is True:
        return "html"
    if mode is False:
        return "text"
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


@lru_cache(maxsize=4)
def shared_env(mode: str | bool = "text"):
    """One environment per escaping mode, reused across drafts (so compiled templates are too)."""
    mode = _mode(mode)
    return make_env(autoescape=mode == "html", finalize=markdown_text if mode == "markdown" else None)


@lru_cache(maxsize=1024)
def compile_template(source: str, mode: str | bool = "text"):
    """``source`` compiled once per run: a list of 500 rows compiles its template once."""
    return shared_env(_mode(mode)).from_string(source)


@lru_cache(maxsize=1024)
def compile_expression(expr: str):
    return shared_env("text").compile_expression(expr, undefined_to_none=False)


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


#: Jinja's own messages a template's author meets most, each with its message key (the first that matches)
_JINJA_KEYS = [
    (re.compile(r"unexpected end of template.*the innermost block that needs to be closed is '(\w+)'.*", re.S | re.I),
     "jinja_unclosed"),
    (re.compile(r"unexpected end of template.*", re.S | re.I), "jinja_unexpected_end"),
    (re.compile(r"unexpected char (.+?) at \d+"), "jinja_unexpected_char"),
    (re.compile(r"unexpected '(.+)'"), "jinja_unexpected"),
    (re.compile(r"expected token '(.+?)', got '(.+?)'"), "jinja_expected_token"),
    (re.compile(r"No filter named '(.+?)'.*", re.S), "jinja_no_filter"),
    (re.compile(r"No test named '(.+?)'.*", re.S), "jinja_no_test"),
    (re.compile(r"Encountered unknown tag '(.+?)'.*", re.S), "jinja_unknown_tag"),
    (re.compile(r"access to attribute '(.+?)' of '(.+?)' object is unsafe.*", re.S), "jinja_unsafe"),
    (re.compile(r"tag name expected"), "jinja_no_tag_name"),
]


def jinja_detail(e: Exception, lang: str = "ja") -> str:
    """Jinja's message for ``e`` in ``lang``: the errors authors meet most in their own words,
    any other in Jinja's words after a lead.

    Examples:
        >>> from jinja2 import TemplateSyntaxError
        >>> jinja_detail(TemplateSyntaxError("No filter named 'yenn'.", 2))
        '「yenn」というフィルターはありません'
        >>> jinja_detail(TemplateSyntaxError("No filter named 'yenn'.", 2), "en")
        "no filter named 'yenn'"
        >>> jinja_detail(TemplateSyntaxError("something new", 2))
        'テンプレートの書き方に誤りがあります (something new)'
    """
    detail = " ".join(str(getattr(e, "message", None) or e).split())  # Jinja's str() adds "line N"
    for pattern, key in _JINJA_KEYS:
        m = pattern.fullmatch(detail)
        if m:
            return messages.text(key, lang, **{name: value for name, value in zip("ab", m.groups())})
    return messages.text("draft_template_syntax", lang, detail=detail)


def template_error(e: Exception, name: str, lang: str = "ja") -> TemplateError:
    """Jinja's error (or the template's own failing expression) as one TemplateError line.

    A missing name keeps it in ``.field`` (the caller adds why: an empty cell, no such column).
    """
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import UndefinedError

    if isinstance(e, UndefinedError):
        field = missing_name(e)
        said = messages.text("draft_missing", lang, name=name, field=field) if field else f"{name}: {jinja_detail(e, lang)}"
        err = TemplateError(said)
        err.field = field
        return err
    if isinstance(e, TemplateError):  # a filter's refusal (yen of a text): the template named in front
        return e.placed(f"{name}: ")
    if isinstance(e, JinjaTemplateError):
        line = getattr(e, "lineno", None)
        where = f"{name}:{line}" if line else name
        return TemplateError(f"{where}: {jinja_detail(e, lang)}")
    # the template's own expression failed (range(10**9) in the sandbox, 1/0, a bad
    # filter argument): the template's problem, said in one line
    return TemplateError(key="draft_template_failed", params={"name": name, "kind": e.__class__.__name__, "detail": str(e)})


#: what a template's own expressions may raise (MemoryError is not here: in the bounded
#: worker it is the memory limit, said as such)
TEMPLATE_FAILURES = (ArithmeticError, ValueError, TypeError, RecursionError)


def render_text(source: str, context: Mapping[str, Any], *, html: bool = False, markdown: bool = False,
                name: str = "<string>", lang: str = "ja") -> str:
    """Render template text with ``context`` in this process; errors become TemplateError.

    ``html`` escapes every value for HTML; ``markdown`` escapes what a Markdown viewer would
    act on (:func:`markdown_text`).

    Examples:
        >>> render_text("{{ 件名 }}: {{ amount|yen }}", {"件名": "PC購入の件", "amount": 148000})
        'PC購入の件: ¥148,000'
        >>> render_text("<p>{{ x }}</p>", {"x": "<script>"}, html=True)
        '<p>&lt;script&gt;</p>'
        >>> render_text("| 件名 | {{ x }} |", {"x": "<img src=x onerror=alert(1)>"}, markdown=True)
        '| 件名 | &lt;img src=x onerror=alert(1)&gt; |'
    """
    from jinja2 import TemplateError as JinjaTemplateError

    mode = "html" if html else "markdown" if markdown else "text"
    try:
        return compile_template(source, mode).render(dict(context))
    except (JinjaTemplateError, TemplateError, *TEMPLATE_FAILURES) as e:
        raise template_error(e, name, lang) from None


def read_template(path: Path) -> str:
    """The text of a template file (UTF-8, a BOM allowed); TemplateError if it cannot be read."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(key="draft_template_unreadable", params={"path": path, "kind": e.__class__.__name__}) from None
