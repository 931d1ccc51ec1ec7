"""The Jinja tags typed in a Word form, made whole before docxtpl renders them.

Word keeps a paragraph's text in runs, and splits a run wherever the formatting, the spell
checker or the edit history changes: ``{{ 件名 }}`` typed, then ``件名`` made bold, is three
runs. Here, for every paragraph of the parts docxtpl fills (body, headers, footers,
footnotes):

- a tag split across runs of one paragraph is put back into its first run (the text around
  it stays in its runs, with their formatting) — :func:`merge_split_tags`;
- a tag that cannot be put back (it crosses a hyperlink, a tracked change, a field), a tag
  left open (``{{ 件名`` with its ``}}`` in the next paragraph) and full-width braces typed
  with the Japanese IME (``｛｛ 件名 ｝｝``, which are no tag at all) are refused, naming the
  paragraph;
- a table row holding ``{%tr for line in lines %}`` in its first cell and ``{%tr endfor %}``
  in its last (the loop written on the row it repeats) is given the separate rows docxtpl
  expects, so that the row is repeated with its formatting — :func:`split_row_tags`;
- the figures the totals check reads (``line.amount``, ``subtotal``, ``tax``, ``total``,
  ``rates['10%'].tax``, a ``by_rate`` row's ``net``/``tax``/``total``) and the stamp boxes
  (``stamps[0]`` …) are wrapped in a marker call, so that what the document shows can be read back after rendering —
  :func:`mark_figures` (the markers are removed before the document is written).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ledgerkit.core.errors import TemplateError
from ledgerkit.drafts.text import t

__all__ = ["W", "prepare_part", "paragraph_text", "MARK", "LINE_LOOP", "RATE_LOOP"]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

#: the context function the marked figures call (see :mod:`ledgerkit.drafts.docx_form`)
MARK = "_lk_mark"
#: the loops whose figures are checked: the lines, and the totals per tax rate
LINE_LOOP, RATE_LOOP = "lines", "by_rate"

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
_OPEN_OR_CLOSE = re.compile(r"\{\{|\{%|\{#|\}\}|%\}")
_FULL_WIDTH = re.compile(r"｛\s*[｛％{%]|[｝％}%]\s*｝|\{\s*｛|｛\s*\{")
#: elements that may stand between the runs of one tag and go when the tag is put together
_BETWEEN_OK = {_W + n for n in ("proofErr", "bookmarkStart", "bookmarkEnd", "permStart", "permEnd",
                                "commentRangeStart", "commentRangeEnd")}
#: what a run holding part of a tag may contain
_IN_RUN_OK = {_W + n for n in ("rPr", "t", "lastRenderedPageBreak")}
#: containers a tag cannot cross, with the word for them in the message
_CONTAINERS = {"hyperlink": ("ハイパーリンク", "a hyperlink"), "ins": ("変更履歴", "a tracked change"),
               "del": ("変更履歴", "a tracked change"), "fldSimple": ("フィールド", "a field"),
               "smartTag": ("スマートタグ", "a smart tag"), "sdtContent": ("コンテンツコントロール", "a content control")}
# a paragraph inside a text box belongs to the text box, not to the paragraph holding it
_NESTED = {_W + "p", _W + "txbxContent"}


@dataclass
class Marks:
    """What :func:`mark_figures` found: the loops over the lines and per rate, by variable."""

    loops: list[tuple[str, str]] = field(default_factory=list)
    marked: int = 0
    line_loop: bool = False


def _texts(p) -> list:
    """The ``w:t`` elements of paragraph ``p`` in order, not those of a text box inside it."""
    out = []

    def walk(el):
        for child in el:
            if child.tag in _NESTED:
                continue
            if child.tag == _W + "t":
                out.append(child)
            else:
                walk(child)

    walk(p)
    return out


def paragraph_text(p, limit: int = 60) -> str:
    """The paragraph's text as the message shows it: one line, cut at ``limit`` characters."""
    text = " ".join("".join(el.text or "" for el in _texts(p)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _fail(code: str, form: str, p, lang: str, **params) -> TemplateError:
    return TemplateError(t(code, lang, form=form, paragraph=paragraph_text(p), **params))


def _spans(texts: list) -> list[tuple[int, int]]:
    """(start, end) of each ``w:t`` in the paragraph's joined text."""
    spans, pos = [], 0
    for el in texts:
        n = len(el.text or "")
        spans.append((pos, pos + n))
        pos += n
    return spans


def check_paragraph(p, form: str, lang: str) -> None:
    """A tag left open, a stray closing brace, or full-width braces: refused, naming the paragraph."""
    text = "".join(el.text or "" for el in _texts(p))
    if _FULL_WIDTH.search(text):
        raise _fail("docx_full_width", form, p, lang, chars=_FULL_WIDTH.search(text).group())
    rest = _TAG.sub("", text)
    m = _OPEN_OR_CLOSE.search(rest)
    if m:
        raise _fail("docx_unclosed", form, p, lang, tag=m.group())


def _container(el, p) -> str | None:
    """The container between ``el`` and its paragraph that a tag may not cross, if any."""
    node = el.getparent()
    while node is not None and node is not p:
        local = node.tag.rsplit("}", 1)[-1]
        if local in _CONTAINERS:
            return local
        node = node.getparent()
    return None


def _mergeable(parts: list, p) -> str | None:
    """None when the ``w:t`` elements of one tag can be joined; else what stands in the way."""
    runs = [el.getparent() for el in parts]
    if any(r.tag != _W + "r" for r in runs):
        return "fldSimple"
    parent = runs[0].getparent()
    if any(r.getparent() is not parent for r in runs):
        inside = {_container(el, p) for el in parts} - {None}
        return inside.pop() if inside else "fldSimple"
    siblings = list(parent)
    first, last = siblings.index(runs[0]), siblings.index(runs[-1])
    for node in siblings[first: last + 1]:
        if node.tag == _W + "r":
            if any(c.tag not in _IN_RUN_OK for c in node):
                return "fldSimple"
        elif node.tag not in _BETWEEN_OK:
            local = node.tag.rsplit("}", 1)[-1]
            return local if local in _CONTAINERS else "fldSimple"
    return None


def merge_split_tags(p, form: str, lang: str) -> None:
    """Put each tag split across runs back into the run where it starts (see the module docstring)."""
    while True:
        texts = _texts(p)
        joined = "".join(el.text or "" for el in texts)
        spans = _spans(texts)
        for m in _TAG.finditer(joined):
            inside = [i for i, (a, b) in enumerate(spans) if a < m.end() and b > m.start()]
            if len(inside) > 1:
                break
        else:
            return
        parts = [texts[i] for i in inside]
        blocker = _mergeable(parts, p)
        if blocker is not None:
            ja, en = _CONTAINERS.get(blocker, _CONTAINERS["fldSimple"])
            raise _fail("docx_split", form, p, lang, tag=m.group(), what=ja if lang == "ja" else en)
        first, last = inside[0], inside[-1]
        head = joined[spans[first][0]: m.start()]
        tail = joined[m.end(): spans[last][1]]
        _set(texts[first], head + m.group())
        for i in inside[1:-1]:
            _set(texts[i], "")
        _set(texts[last], tail)


def _set(el, text: str) -> None:
    el.text = text
    el.set(_XML_SPACE, "preserve")


# --- loops on a row ------------------------------------------------------------------

_ROW_TAG = re.compile(r"\{%-?\s*tr\s+(for|if|endfor|endif)\b.*?%\}", re.S)


def split_row_tags(root) -> None:
    """A ``{%tr …%}`` tag sharing its row with the row's content gets a row of its own:
    an opening tag (for, if) just above the row, a closing one (endfor, endif) just below.

    docxtpl drops the whole row that holds a ``{%tr`` tag; written on the row it repeats
    (``{%tr for line in lines %}`` in the first cell, ``{%tr endfor %}`` in the last), the row
    would go with it.
    """
    for tr in list(root.iter(_W + "tr")):
        text = "".join(el.text or "" for el in tr.iter(_W + "t"))
        tags = list(_ROW_TAG.finditer(text))
        if not tags or not _ROW_TAG.sub("", text).strip():
            continue  # no tag, or a row holding nothing but its tags: docxtpl's own layout
        for m in tags:
            for el in tr.iter(_W + "t"):
                if el.text and m.group() in el.text:
                    _set(el, el.text.replace(m.group(), "", 1))
                    break
            row = _tag_row(m.group())
            if m.group(1) in ("for", "if"):
                tr.addprevious(row)
            else:
                tr.addnext(row)


def _tag_row(tag: str):
    from docx.oxml import parse_xml

    return parse_xml(
        f'<w:tr xmlns:w="{W}"><w:tc><w:p><w:r><w:t xml:space="preserve">{_xml(tag)}</w:t></w:r></w:p></w:tc></w:tr>'
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- the figures the totals check reads -------------------------------------------------

_FOR = re.compile(r"^\{%-?\s*(?:tr|p|tc|r)?\s*for\s+(\w+)\s+in\s+(.+?)\s*-?%\}$", re.S)
_ENDFOR = re.compile(r"^\{%-?\s*(?:tr|p|tc|r)?\s*endfor\s*-?%\}$", re.S)
_EXPR = re.compile(r"^\{\{(-?)(.*?)(-?)\}\}$", re.S)
_FILTERS = r"\s*(?:\|.*)?$"
_TOTAL = re.compile(r"^\s*(subtotal|tax|total)" + _FILTERS, re.S)
_STAMP = re.compile(r"^\s*stamps\s*\[\s*(\d+)\s*\]" + _FILTERS, re.S)
_RATE = re.compile(r"""^\s*rates\s*\[\s*(['"])(\d+(?:\.\d+)?%)\1\s*\]\s*(?:\.\s*(net|tax|total)|\[\s*(['"])(net|tax|total)\4\s*\])""" + _FILTERS, re.S)


def _field_of(var: str, name_re: str) -> re.Pattern:
    return re.compile(rf"""^\s*{re.escape(var)}\s*(?:\.\s*({name_re})|\[\s*(['"])({name_re})\2\s*\])""" + _FILTERS, re.S)


def _kind(expr: str, loops: list[tuple[str, str]]) -> str | None:
    """What a ``{{ … }}`` expression shows, when it is a figure the totals check reads."""
    m = _TOTAL.match(expr)
    if m:
        return m.group(1)
    m = _STAMP.match(expr)
    if m:
        return f"stamp:{m.group(1)}"
    m = _RATE.match(expr)
    if m:
        return f"rate:{m.group(2)}:{m.group(3) or m.group(5)}"
    for var, iterable in reversed(loops):
        if iterable == LINE_LOOP:
            m = _field_of(var, "amount").match(expr)
            if m:
                return "line:amount"
        elif iterable == RATE_LOOP:
            m = _field_of(var, "net|tax|total").match(expr)
            if m:
                return f"by_rate:{m.group(1) or m.group(3)}"
    return None


def mark_figures(p, marks: Marks) -> None:
    """Wrap the figures of paragraph ``p`` in the marker call; follow the loops opened and closed."""
    for el in _texts(p):
        text = el.text or ""
        if "{" not in text:
            continue
        out, pos = [], 0
        for m in _TAG.finditer(text):
            tag = m.group()
            out.append(text[pos: m.start()])
            pos = m.end()
            f = _FOR.match(tag)
            if f:
                # a loop over the lines or over part of them (lines[:5], lines|select…): its amounts are read back
                iterable = re.match(r"\w+", f.group(2)).group() if re.match(r"\w+", f.group(2)) else ""
                marks.loops.append((f.group(1), iterable))
                marks.line_loop |= iterable == LINE_LOOP
            elif _ENDFOR.match(tag) and marks.loops:
                marks.loops.pop()
            e = _EXPR.match(tag)
            kind = _kind(e.group(2), marks.loops) if e and not e.group(2).lstrip().startswith(("r ", "p ")) else None
            if kind is not None:
                tag = f'{{{{{e.group(1)} {MARK}("{kind}", ({e.group(2).strip()})) {e.group(3)}}}}}'
                marks.marked += 1
            out.append(tag)
        out.append(text[pos:])
        new = "".join(out)
        if new != text:
            _set(el, new)


def prepare_part(root, form: str, lang: str, marks: Marks) -> None:
    """Every paragraph of one part made ready for docxtpl (see the module docstring)."""
    marks.loops = []  # a loop does not run from one part into another
    for p in root.iter(_W + "p"):
        check_paragraph(p, form, lang)
        merge_split_tags(p, form, lang)
        mark_figures(p, marks)
    split_row_tags(root)
