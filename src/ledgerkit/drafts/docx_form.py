"""Fill the company's own Word form (``.docx``) with docxtpl: Jinja tags typed in the document.

The form is an ordinary Word document with tags typed where the values go, rendered with
the same context, filters (``yen``, ``wareki``, ``kanji_amount``, ``date``, ``comma``),
``StrictUndefined`` and sandbox as the Markdown, HTML and Excel drafts:

- ``{{ subject }}``, ``{{ row["件名"] }}``, ``{{ total|yen }}``, ``{{ due_date|wareki }}``
  anywhere in the body, a table, a header or footer, a footnote. A value keeps the
  formatting of the run where its tag starts.
- **Line rows.** ``{%tr for line in lines %}`` at the start of the row's first cell and
  ``{%tr endfor %}`` at the end of its last cell repeat the row once per line with its
  formatting (``line.item``, ``line.quantity``, ``line.unit_price``, ``line.amount`` … as in
  the Excel forms). docxtpl's own layout, the two tags on rows of their own above and below
  the repeated rows, works as well.
- **Totals checked.** As the Excel forms' totals are evaluated against the sum of the lines,
  the figures the filled document shows are read back and checked
  (:mod:`ledgerkit.drafts.docx_totals`): one amount per line, adding up to the lines' sum;
  ``subtotal``, ``rates['10%'].tax`` (or a ``by_rate`` row), ``tax`` and ``total`` agreeing
  with them. A Word formula field (``=SUM(ABOVE)``) is refused: Word shows the figure saved
  in the form until someone updates it, not the sum of the lines.
- **Safety.** Values are escaped for XML: cell text never becomes markup, a field, a
  hyperlink or a tag (a ``{{`` in the data is printed as written, never evaluated); control
  characters Word cannot hold become ``\ufffd`` (a tab and a line break stay). A macro-enabled
  document (``.docm``, ``.dotm``) is refused; a Word template (``.dotx``) is read as its
  document; the draft is always a plain ``.docx``. Images (a company seal) are kept.
- **Nothing left behind.** Tags split across runs by Word's editing are put back together
  (:mod:`ledgerkit.drafts.docx_tags`); one that cannot be, or is left open, is refused naming
  its paragraph; after rendering, any ``{{``/``{%`` still in the document is an error naming
  the paragraph — never a draft with a tag in it.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from markupsafe import Markup, escape

from ledgerkit.core.errors import TemplateError, UnreadableFileError
from ledgerkit.drafts.docx_tags import MARK, W, Marks, paragraph_text, prepare_part
from ledgerkit.drafts.docx_totals import check_figures
from ledgerkit.drafts.environment import TEMPLATE_FAILURES, jinja_detail, make_env, resolve_template, template_error
from ledgerkit.drafts.output import write_atomic
from ledgerkit.drafts.text import t
from ledgerkit.intake.bounds import DEFAULT_MAX_RATIO, _check_zip

__all__ = ["render_docx", "render_docx_bytes", "read_form", "xml_value", "DOCX_SUFFIXES", "FORM_MAX_UNCOMPRESSED"]

#: the suffixes of Word documents; the macro-enabled ones are refused
DOCX_SUFFIXES = (".docx", ".dotx", ".docm", ".dotm")
#: a form whose parts unpack to more than this is refused before it is parsed (a zip bomb)
FORM_MAX_UNCOMPRESSED = 100 * 1024 * 1024

_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_MACRO = re.compile(r"macroEnabled|vbaProject|vbaData", re.I)
#: the parts docxtpl renders (the body, headers, footers, footnotes); tags elsewhere are refused
_RENDERED = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml", "template.main+xml")
_LEFTOVER = re.compile(r"\{\{|\{%|\{#|\}\}|%\}")


# --- the form as a file -----------------------------------------------------------------


def read_form(path: str | Path, lang: str = "ja") -> bytes:
    """The bytes of a Word form, checked: a zip within bounds, a Word document without macros
    and without XML entity declarations. A ``.dotx`` comes back as a ``.docx``.

    Raises TemplateError in one line naming the form.
    """
    path = Path(path)
    name = path.name
    if path.suffix.lower() in (".docm", ".dotm"):
        raise TemplateError(t("docx_macro", lang, form=name))
    try:
        _check_zip(path, lang, FORM_MAX_UNCOMPRESSED, DEFAULT_MAX_RATIO)
        data = path.read_bytes()
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            types = z.read("[Content_Types].xml").decode("utf-8", "replace")
            names = z.namelist()
            xml = {n: z.read(n) for n in names if n.endswith((".xml", ".rels"))}
    except UnreadableFileError as e:
        if getattr(e, "message_key", None) == "file_xml_bomb":
            raise TemplateError(t("docx_entities", lang, form=name)) from None
        raise TemplateError(t("docx_unreadable", lang, form=name, error=e.reason)) from None
    except (OSError, KeyError, zipfile.BadZipFile, ValueError, EOFError) as e:
        raise TemplateError(t("docx_unreadable", lang, form=name, error=e.__class__.__name__)) from None
    if _MACRO.search(types) or any(_MACRO.search(n) for n in names):
        raise TemplateError(t("docx_macro", lang, form=name))
    if any(b"<!DOCTYPE" in body or b"<!ENTITY" in body for body in xml.values()):
        raise TemplateError(t("docx_entities", lang, form=name))
    if _MAIN not in types and _TEMPLATE_MAIN not in types:
        raise TemplateError(t("docx_unreadable", lang, form=name, error="not a Word document"))
    for part, body in xml.items():
        # tags in comments, endnotes, text the form keeps elsewhere are not filled by docxtpl
        if b"{{" in body or b"{%" in body:
            kind = _content_type(types, part)
            if part.endswith(".xml") and kind is not None and not kind.endswith(_RENDERED) and "core-properties" not in kind:
                raise TemplateError(t("docx_part_not_filled", lang, form=name, part=part))
    if _TEMPLATE_MAIN in types:
        data = _as_document(data, types)
    return data


def _content_type(types: str, part: str) -> str | None:
    """The content type ``[Content_Types].xml`` gives ``part`` (its Override, else its extension's Default)."""
    extension = part.rsplit(".", 1)[-1].lower()
    default = None
    for element in re.findall(r"<(?:\w+:)?(?:Override|Default)\b[^>]*>", types):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', element))
        if attrs.get("PartName", "").lstrip("/") == part:
            return attrs.get("ContentType")
        if attrs.get("Extension", "").lower() == extension:
            default = attrs.get("ContentType")
    return default


def _as_document(data: bytes, types: str) -> bytes:
    """A Word template (.dotx) as a document: the main part's content type is all that differs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = types.replace(_TEMPLATE_MAIN, _MAIN).encode("utf-8")
            zout.writestr(item, body)
    return out.getvalue()


# --- values ------------------------------------------------------------------------------

# characters XML 1.0 cannot hold (docxtpl would also read \a as a new paragraph and \f as a
# page break), and the markers of the totals check, which data may not forge
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ue000-\ue002\ud800-\udfff]")
_MARK_OPEN, _MARK_KIND, _MARK_CLOSE = "\ue000", "\ue001", "\ue002"
_MARKED = re.compile(f"{_MARK_OPEN}([^{_MARK_KIND}]*){_MARK_KIND}(.*?){_MARK_CLOSE}", re.S)


def xml_value(value: Any):
    """A value as the text of a Word run: escaped for XML, braces as character references
    (so no ``{{`` from the data is ever taken for a tag left in the form), line breaks kept.

    Examples:
        >>> str(xml_value('<w:t>A&B</w:t> {{ 7*7 }}'))
        '&lt;w:t&gt;A&amp;B&lt;/w:t&gt; &#123;&#123; 7*7 &#125;&#125;'
        >>> str(xml_value("一行目\\r\\n二行目\\x07"))
        '一行目\\n二行目\\ufffd'
    """
    if isinstance(value, _Marked):
        return value
    text = str(value) if isinstance(value, Markup) else str(escape(str(value)))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _XML_ILLEGAL.sub("\ufffd", text)
    return Markup(text.replace("{", "&#123;").replace("}", "&#125;"))


class _Marked(Markup):
    """A figure wrapped for the totals check (only ledgerkit's own marker call makes one)."""


def _mark(kind: str, value: Any):
    """The marker call the marked figures make: the value, between markers naming what it is."""
    return _Marked(f"{_MARK_OPEN}{kind}{_MARK_KIND}{xml_value(value)}{_MARK_CLOSE}")


@lru_cache(maxsize=1)
def docx_env():
    """The sandboxed, strict environment of Word forms: values through :func:`xml_value`."""
    return make_env(autoescape=True, finalize=xml_value)


# --- rendering ----------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _form_class():
    from docxtpl import DocxTemplate

    class Form(DocxTemplate):
        """docxtpl's template, with the tags made whole first and every rendered part scanned."""

        form = "form"
        lang = "ja"
        figures: list

        def patch_xml(self, src_xml):
            xml = super().patch_xml(src_xml)
            # docxtpl's own escapes for literal braces, kept literal (and so not taken for leftovers)
            for a, b in (("{_{", "&#123;&#123;"), ("}_}", "&#125;&#125;"), ("{_%", "&#123;%"), ("%_}", "%&#125;")):
                xml = xml.replace(a, b)
            return xml

        def render_xml_part(self, src_xml, part, context, jinja_env=None):
            from jinja2 import TemplateSyntaxError

            try:
                xml = super().render_xml_part(src_xml, part, context, jinja_env)
            except TemplateSyntaxError as e:
                # a .docx has no lines: name the paragraph (docxtpl compiles one paragraph a line)
                raise TemplateError(t("docx_syntax", self.lang, form=self.form, paragraph=_paragraph_of_line(
                    src_xml, e.lineno), detail=jinja_detail(e, self.lang))) from None
            m = _LEFTOVER.search(xml)
            if m:
                raise TemplateError(t("docx_leftover", self.lang, form=self.form, tag=m.group(),
                                      paragraph=_paragraph_at(xml, m.start())))
            self.figures.extend((kind, _shown(text)) for kind, text in _MARKED.findall(xml))
            return _MARKED.sub(lambda m: m.group(2), xml)

        def render_properties(self, context, jinja_env=None):
            props = self.docx.core_properties
            for prop in ("author", "comments", "identifier", "language", "subject", "title"):
                initial = getattr(props, prop) or ""
                if "{{" in initial or "{%" in initial:
                    text = jinja_env.from_string(initial).render(context)
                    setattr(props, prop, html.unescape(_MARKED.sub(lambda m: m.group(2), text)))

    return Form


def _shown(xml_text: str) -> str:
    """The text a run shows, from its XML (tags out, references resolved)."""
    return html.unescape(re.sub(r"<[^>]+>", "", xml_text))


def _paragraph_of_line(src_xml: str, lineno: int | None) -> str:
    """The text of the paragraph on line ``lineno`` of the XML as docxtpl compiles it."""
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", src_xml).splitlines()
    if not lineno or not 0 < lineno <= len(lines):
        return ""
    text = " ".join(_shown(lines[lineno - 1]).split())
    return text if len(text) <= 60 else text[:59] + "…"


def _paragraph_at(xml: str, pos: int) -> str:
    start = max(xml.rfind("<w:p>", 0, pos), xml.rfind("<w:p ", 0, pos))
    end = xml.find("</w:p>", pos)
    text = _shown(xml[max(start, 0): end if end > 0 else pos + 200])
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:59] + "…"


def _prepare(form, name: str, lang: str) -> Marks:
    """The tags of every part docxtpl fills made whole and marked; Word formula fields refused."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from lxml import etree

    marks = Marks()
    doc = form.docx
    roots = [doc.element.body]
    for rel in doc.part.rels.values():
        if rel.reltype in (RT.HEADER, RT.FOOTER) and not rel.is_external:
            roots.append(rel.target_part.element)
    for root in roots:
        _refuse_formula_fields(root, name, lang)
        prepare_part(root, name, lang, marks)
    for part in doc.part.package.iter_parts():
        if part.content_type.endswith("footnotes+xml"):
            root = parse_xml(part.blob)
            prepare_part(root, name, lang, marks)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return marks


def _refuse_formula_fields(root, name: str, lang: str) -> None:
    w = "{%s}" % W
    for el in root.iter(w + "fldSimple", w + "instrText"):
        code = el.get(w + "instr") if el.tag == w + "fldSimple" else el.text
        if code and code.strip().startswith("="):
            p = next((a for a in el.iterancestors(w + "p")), el)
            raise TemplateError(t("docx_formula_field", lang, form=name, field=code.strip(),
                                  paragraph=paragraph_text(p)))


def render_docx_bytes(template: str | Path, context: Mapping[str, Any], *, expected_line_total=None,
                      lang: str = "ja", name: str | None = None) -> bytes:
    """Fill a Word form with ``context`` in this process; the draft's bytes (a ``.docx``).

    ``expected_line_total``: the sum of the line amounts computed from the data; the line
    amounts the draft shows must add up to it (see the module docstring).

    Raises TemplateError naming the form and, where it can, the field or the paragraph.
    """
    from jinja2 import TemplateError as JinjaTemplateError

    path = Path(template)
    name = name or path.name
    data = read_form(path, lang)
    form = _form_class()(io.BytesIO(data))
    form.form, form.lang, form.figures = name, lang, []
    try:
        form.init_docx()
    except Exception as e:  # python-docx: a part it cannot read
        raise TemplateError(t("docx_unreadable", lang, form=name, error=e.__class__.__name__)) from None
    _prepare(form, name, lang)
    try:
        form.render({**context, MARK: _mark}, docx_env())
    except TemplateError:
        raise
    except (JinjaTemplateError, *TEMPLATE_FAILURES) as e:
        err = template_error(e, name, lang)
        near = [line.strip() for line in getattr(e, "docx_context", []) or [] if line.strip()]
        if near and getattr(err, "field", None) is None:
            err = TemplateError(f"{err.worded(lang)} ({' / '.join(near)[:80]})")
        raise err from None
    except Exception as e:  # noqa: BLE001 - lxml or docxtpl on a form it cannot take
        raise TemplateError(t("docx_unreadable", lang, form=name, error=f"{e.__class__.__name__}: {e}"[:120])) from None
    check_figures(form.figures, context, expected_line_total, form=name, lang=lang)
    out = io.BytesIO()
    form.save(out)
    return out.getvalue()


def render_docx(template: str | Path, context: Mapping[str, Any], out_path: str | Path | None = None, *,
                expected_line_total=None, lang: str = "ja", overwrite: bool = False):
    """Fill a Word form (by bundled name or path) with ``context`` in this process; write it to
    ``out_path`` (atomically; kept when there unless ``overwrite``) and return the path, or return the ``.docx`` bytes.

    :func:`ledgerkit.render` does the same in a bounded worker (time and memory limits).

    Examples:
        >>> render_docx("ringi.docx", {"subject": "PC購入の件"})
        Traceback (most recent call last):
        ...
        ledgerkit.core.errors.TemplateError: ringi.docx: 'stamps' を使っていますが、ありません
    """
    path = resolve_template(template, lang=lang)
    data = render_docx_bytes(path, context, expected_line_total=expected_line_total, lang=lang)
    if out_path is None:
        return data
    return write_atomic(Path(out_path), data, lang, overwrite=overwrite)
