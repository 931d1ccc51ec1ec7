"""What draft_ringi and draft_po share: render one draft completely, then write it atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ..errors import OutputError, TemplateError
from .output import write_atomic


def is_xlsx(template: Path) -> bool:
    return template.suffix.lower() in (".xlsx", ".xlsm")


def write_draft(template: Path, context: Mapping[str, Any], path: Path, *, overwrite: bool = True,
                expected_line_total=None) -> Path:
    """Render ``template`` with ``context`` and write it to ``path``; nothing is written on error."""
    if not overwrite and path.exists():
        raise OutputError(f"{path}: exists (use --force to replace it)")
    if is_xlsx(template):
        from .xlsx_form import fill_workbook, load_form, save_atomic

        wb = load_form(template)
        fill_workbook(wb, context, form_name=template.name, expected_line_total=expected_line_total)
        return save_atomic(wb, path)
    from .render import is_html, render_text

    try:
        source = template.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(f"{template}: cannot read the template ({e.__class__.__name__})") from None
    text = render_text(source, context, html=is_html(template), name=template.name)
    return write_atomic(path, text.encode("utf-8"))


def where(source: Path, sheet: str, rows: list[int]) -> str:
    """``requests.xlsx: 申請一覧: row 5`` (or ``rows 5-7``), for error lines."""
    if not rows:
        return f"{source.name}: {sheet}"
    span = f"row {rows[0]}" if len(rows) == 1 else f"rows {rows[0]}-{rows[-1]}"
    return f"{source.name}: {sheet}: {span}"


def explain_missing(err: TemplateError, srow: Any, columns: Mapping[str, int] | None = None,
                    headers: Mapping[int, str] | None = None) -> str:
    """Add why a field the template uses is missing: an empty cell, or no such column."""
    text = str(err)
    field = getattr(err, "field", None)
    if field is None or srow is None:
        return text
    header = field
    if columns and headers and field in columns:
        header = headers[columns[field]]
    if header in srow.blank:
        return f"{text} (the cell {header} is empty)" if header != field else f"{text} (the cell is empty)"
    if header not in srow.values:
        return f"{text} (the list has no such column)"
    return text
