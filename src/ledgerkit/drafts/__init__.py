"""Drafts: ringi (稟議書) and purchase orders (注文書) from workbook rows, through Jinja templates.

:func:`render` renders any template (text, HTML, Markdown, an Excel or a Word form) in a
bounded worker; in this process, the client's own Excel forms render with :func:`render_xlsx`
(typed cells, a repeating band of line rows, totals checked) and Word forms with
:func:`render_docx` (docxtpl: tags in the document, a repeated line row, totals checked).
"""

from __future__ import annotations

import importlib

_API = {
    "draft_ringi": "ledgerkit.drafts.ringi",
    "draft_po": "ledgerkit.drafts.po",
    "DraftResult": "ledgerkit.drafts.output",
    "render": "ledgerkit.drafts.templating",
    "render_text": "ledgerkit.drafts.templating",
    "render_xlsx": "ledgerkit.drafts.xlsx_form",
    "render_docx": "ledgerkit.drafts.docx_form",
    "approval_route": "ledgerkit.drafts.approval",
    "DEFAULT_APPROVAL": "ledgerkit.drafts.approval",
}

__all__ = list(_API)


def __getattr__(name: str):
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ledgerkit.drafts' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
