"""What draft_ringi and draft_po share: render one draft completely, then write it atomically."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from ledgerkit.core.errors import OutputError, TemplateError
from ledgerkit.drafts.output import write_atomic
from ledgerkit.drafts.templating import is_html, render_text
from ledgerkit.drafts.text import t, where  # noqa: F401  (where: re-exported for ringi and po)
from ledgerkit.drafts.xlsx_form import fill_workbook, load_form, save_atomic


def is_xlsx(template: Path) -> bool:
    return template.suffix.lower() in (".xlsx", ".xlsm")


def write_draft(template: Path, context: Mapping[str, Any], path: Path, *, overwrite: bool = True,
                expected_line_total=None, lang: str = "ja") -> Path:
    """Render ``template`` with ``context`` and write it to ``path``; nothing is written on error."""
    if not overwrite and path.exists():
        raise OutputError(t("exists", lang, path=path))
    if is_xlsx(template):
        wb = load_form(template)
        fill_workbook(wb, context, form_name=template.name, expected_line_total=expected_line_total, lang=lang)
        return save_atomic(wb, path)
    try:
        source = template.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise TemplateError(f"{template}: cannot read the template ({e.__class__.__name__})") from None
    text = render_text(source, context, html=is_html(template), name=template.name, lang=lang)
    return write_atomic(path, text.encode("utf-8"))


#: context names a ringi computes from its amount
_FROM_AMOUNT = {"net", "tax", "total", "approval", "decider", "stamps", "co_approval", "amount_basis"}


def explain_missing(err: TemplateError, srow: Any, columns: Mapping[str, int] | None = None,
                    headers: Mapping[int, str] | None = None, lang: str = "ja") -> str:
    """Add why a field the template uses is missing: an empty cell, or no such column."""
    text = str(err)
    field = getattr(err, "field", None)
    if field is None or srow is None:
        return text
    header = field
    # figures computed from the amount (approval route, tax, total) are missing when it is
    if field in _FROM_AMOUNT and columns and "amount" in columns:
        field = "amount"
    if columns and headers and field in columns:
        header = headers[columns[field]]
    if header in srow.blank:
        return f"{text} {t('missing_empty', lang, header=header)}"
    if header not in srow.values:
        return f"{text} {t('missing_column', lang)}"
    return text
