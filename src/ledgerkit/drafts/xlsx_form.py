"""Fill the client's own Excel form: Jinja in cells, a repeating band of rows for lines.

The form is an ordinary ``.xlsx`` with Jinja in its cells:

- A cell that holds only ``{{ expr }}`` receives the typed value: a number stays a
  number and keeps the cell's number format; a date stays a date. Any other text with
  Jinja renders to a string, and is stored as text even when it starts with ``=``: a
  value from a workbook cell never becomes a formula.
- **Line band.** The first row of the band holds ``{% for line in lines %}`` at the start
  of one of its cells, the band's last row holds ``{% endfor %}`` at the end of one of
  its cells (the same row for a one-row band). The tags are removed; the rest of each
  cell is rendered once per line. One band per sheet.
- Each extra line inserts the band's rows below it and shifts everything below as
  Excel's insert-row does: cell values and styles, formulas on every sheet and defined
  names (a range that reaches the band's last row, like ``SUM(G7:G7)``, widens to cover
  every line), merged cells, row heights, data validations, conditional formats, the
  print area, images and charts.
- Formulas inside the band are re-based per line (``=C7*E7`` → ``=C8*E8``); a reference
  from the band to a cell outside it keeps pointing at that cell (a tax-rate cell needs
  no ``$``).
- After filling, every formula range that touches the lines must cover all of them,
  and when the caller gives the expected sum of the lines, a ``SUM`` over the band must
  come to it (evaluated here, in Decimal). Otherwise: TemplateError, nothing written.

Comments and hyperlinks move with their cells. Not repeated per line: images, comments
and hyperlinks inside the band.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Mapping

from ledgerkit.core.errors import TemplateError, UnreadableFileError
from ledgerkit.drafts.band import expand_band, find_band, strip_tags
from ledgerkit.drafts.output import write_with
from ledgerkit.drafts.environment import compile_expression, compile_template, jinja_detail, missing_name, resolve_template
from ledgerkit.drafts.text import t
from ledgerkit.drafts.totals import check_totals, evaluate
from ledgerkit.intake.read import DEFAULT_MAX_RATIO, _check_zip

__all__ = ["render_xlsx", "fill_workbook", "load_form", "save_atomic", "excel_text", "MAX_CELL_TEXT", "FORM_MAX_UNCOMPRESSED"]

_ONLY_EXPR = re.compile(r"^\s*\{\{(.*?)\}\}\s*$", re.S)


# --- cell rendering ---------------------------------------------------------------


def _set_typed(cell, value: Any) -> None:
    from markupsafe import Markup

    if isinstance(value, Markup):
        value = str(value)
    if value is None or value == "":
        cell.value = None
        return
    if isinstance(value, bool):
        cell.value = value
        return
    if isinstance(value, (int, Decimal, float)):
        cell.value = value
        return
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        cell.value = value
        return
    _set_text(cell, str(value))


#: Excel's limit on the text of one cell
MAX_CELL_TEXT = 32_767
# Excel reads "_x0041_" in a cell's XML as "A": a literal one is written "_x005F_x0041_"
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
# control characters XML cannot hold; Excel stores them as "_x001B_"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def excel_text(text: str) -> str:
    """``text`` as it must be stored for Excel to show it unchanged (its ``_xHHHH_`` escapes).

    Examples:
        >>> excel_text("a\x1bb"), excel_text("_x0041_"), excel_text("山田")
        ('a_x001B_b', '_x005F_x0041_', '山田')
    """
    if "_x" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return _XML_ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _set_text(cell, text: str) -> None:
    """Text stays text: a value starting with '=' is stored as a string, never a formula.

    Control characters are stored the way Excel stores them (``_x001B_``), so a cell
    holding one neither stops the draft nor becomes something else; a text longer than
    a cell can hold is an error (Excel would cut it, or refuse the file).
    """
    if len(text) > MAX_CELL_TEXT:
        raise TemplateError(key="draft_cell_too_long", params={"n": len(text), "limit": MAX_CELL_TEXT})
    text = excel_text(text)
    cell.value = text
    if text.startswith("="):
        cell.data_type = "s"
        cell.quotePrefix = True


def _render_cell(cell, context: Mapping[str, Any], where: str, lang: str = "ja") -> None:
    from jinja2 import TemplateError as JinjaTemplateError
    from jinja2 import Undefined, UndefinedError

    text = cell.value
    try:
        m = _ONLY_EXPR.match(text)
        if m and "{{" not in m.group(1) and "{%" not in m.group(1):
            value = compile_expression(m.group(1))(**context)
            if isinstance(value, Undefined):
                value._fail_with_undefined_error()
            _set_typed(cell, value)
        else:
            _set_text(cell, compile_template(text).render(**context))
    except UndefinedError as e:
        field = missing_name(e)
        err = TemplateError(t("missing", lang, name=where, field=field) if field else f"{where}: {jinja_detail(e, lang)}")
        err.field = field
        raise err from None
    except TemplateError as e:
        raise e.placed(f"{where}: ") from None
    except JinjaTemplateError as e:
        raise TemplateError(f"{where}: {jinja_detail(e, lang)}") from None


def _is_template_text(cell) -> bool:
    return cell.data_type == "s" and isinstance(cell.value, str) and ("{{" in cell.value or "{%" in cell.value)


def fill_workbook(wb, context: Mapping[str, Any], *, form_name: str = "form", expected_line_total=None,
                  lang: str = "ja") -> None:
    """Render every sheet of an openpyxl workbook in place (see the module docstring)."""
    for ws in wb.worksheets:
        band = find_band(ws)
        items: list = []
        if band is not None:
            strip_tags(ws, band)
            try:
                items = list(compile_expression(band.iterable)(**context))
            except Exception as e:  # Undefined, not iterable
                raise TemplateError(
                    f"{form_name}: {ws.title}!row {band.first}: cannot repeat over {band.iterable!r} ({e})"
                ) from None
            if not items:
                raise TemplateError(t("no_lines", lang, form=form_name, sheet=ws.title, name=band.iterable))
            expand_band(wb, ws, band, len(items))
        for (r, c), cell in sorted(ws._cells.items()):
            if not _is_template_text(cell):
                continue
            ctx = context
            if band is not None and band.first <= r < band.first + len(items) * band.height:
                i = (r - band.first) // band.height
                ctx = {
                    **context,
                    band.var: items[i],
                    "loop": {"index": i + 1, "index0": i, "first": i == 0, "last": i == len(items) - 1, "length": len(items)},
                }
            _render_cell(cell, ctx, f"{form_name}: {ws.title}!{cell.coordinate}", lang)
        if band is not None:
            check_totals(wb, ws, band, len(items), expected_line_total, form_name=form_name, lang=lang, lines=items)


# --- the whole job ----------------------------------------------------------------


#: a form whose parts unpack to more than this is refused before openpyxl reads it (a zip bomb)
FORM_MAX_UNCOMPRESSED = 100 * 1024 * 1024


def load_form(path: str | Path):
    """Open an ``.xlsx`` form with openpyxl; TemplateError if it cannot be read.

    The zip's directory is checked first (members, unpacked size, compression ratio), and
    openpyxl parses with defusedxml: a form that declares XML entities is refused.
    """
    import zipfile

    from openpyxl import load_workbook

    try:
        _check_zip(Path(path), "ja", FORM_MAX_UNCOMPRESSED, DEFAULT_MAX_RATIO)
    except UnreadableFileError as e:
        try:  # the same refusal in English, for --lang en
            _check_zip(Path(path), "en", FORM_MAX_UNCOMPRESSED, DEFAULT_MAX_RATIO)
            reason_en = e.reason
        except UnreadableFileError as e_en:
            reason_en = e_en.reason
        raise TemplateError(key="draft_form_unreadable",
                            params={"name": Path(path).name, "reason": {"ja": e.reason, "en": reason_en}}) from None
    try:
        wb = load_workbook(path, rich_text=False)
        with zipfile.ZipFile(path) as z:
            has_images = any(n.startswith("xl/media/") for n in z.namelist())
    except Exception as e:  # zipfile.BadZipFile, KeyError, InvalidFileException, ...
        raise TemplateError(key="draft_form_unreadable",
                            params={"name": Path(path).name, "reason": e.__class__.__name__}) from None
    if has_images and not _pillow():
        # openpyxl drops a form's images (the company seal) without Pillow: refuse rather than lose it
        raise TemplateError(key="draft_form_images", params={"name": Path(path).name})
    return wb


def _pillow() -> bool:
    try:
        import PIL  # noqa: F401
    except ImportError:
        return False
    return True


#: a formula cell as openpyxl writes it: ``<c r="C11" s="5"><f>H19</f><v></v></c>``
_FORMULA_CELL = re.compile(r'<c r="([A-Z]{1,3}[0-9]{1,7})"([^>]*)><f>([^<]*)</f><v\s*(?:/>|></v>)')


def formula_values(wb) -> dict[str, dict[str, Decimal]]:
    """The value of every formula ledgerkit can compute (``=H15+H18``, ``=SUM(H14:H16)``), per sheet."""
    out: dict[str, dict[str, Decimal]] = {}
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" and isinstance(cell.value, str):
                    value = evaluate(wb, ws, cell.coordinate)
                    if value is not None:
                        out.setdefault(ws.title, {})[cell.coordinate] = value
    return out


def workbook_bytes(wb) -> bytes:
    """The filled workbook as an ``.xlsx``, each formula saved with its computed value.

    openpyxl writes a formula without a value, and a viewer that does not calculate (a mail
    preview, a phone, a PDF made without recalculation) shows the total blank; the values
    written are those :func:`~ledgerkit.drafts.totals.evaluate` computes (the totals already
    checked against the lines). Excel recalculates on opening all the same.
    """
    import io
    import zipfile

    values = formula_values(wb)
    wb.calculation.fullCalcOnLoad = True
    raw = io.BytesIO()
    wb.save(raw)
    if not values:
        return raw.getvalue()
    # openpyxl writes the worksheets in order as xl/worksheets/sheet1.xml, sheet2.xml …
    parts = {f"xl/worksheets/sheet{i}.xml": values.get(ws.title, {}) for i, ws in enumerate(wb.worksheets, 1)}
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            known = parts.get(info.filename)
            if known:
                def fill(m, known=known):
                    v = known.get(m.group(1))
                    return m.group(0) if v is None else f'<c r="{m.group(1)}"{m.group(2)}><f>{m.group(3)}</f><v>{v:f}</v>'
                data = _FORMULA_CELL.sub(fill, data.decode("utf-8")).encode("utf-8")
            zout.writestr(info, data)
    return out.getvalue()


def save_atomic(wb, out_path: str | Path, *, lang: str = "ja", overwrite: bool = False) -> Path:
    """Save to a temporary file beside ``out_path``, then move it into place (a file already
    there is kept, an ``OutputError``, unless ``overwrite``); formulas keep their computed values."""
    data = workbook_bytes(wb)
    return write_with(Path(out_path), lambda tmp: tmp.write_bytes(data), lang, overwrite=overwrite)


def render_xlsx(template: str | Path, context: Mapping[str, Any], out_path: str | Path | None = None, *,
                expected_line_total=None, lang: str = "ja", overwrite: bool = False):
    """Fill an Excel form with ``context``; save it to ``out_path`` (atomically) or return the workbook.

    ``expected_line_total``: the sum of the line amounts computed from the data; a SUM over
    the band must come to it.
    """
    path = resolve_template(template, lang=lang)
    wb = load_form(path)
    fill_workbook(wb, context, form_name=path.name, expected_line_total=expected_line_total, lang=lang)
    if out_path is None:
        return wb
    return save_atomic(wb, out_path, lang=lang, overwrite=overwrite)
