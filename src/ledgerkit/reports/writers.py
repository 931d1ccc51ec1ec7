# temporary shim (issue 12 merge): re-exports the report writers from their new homes in ledgerkit.reports
"""Writing frames and reports: CSV, JSON and Excel, atomically and injection-safe.

Split by concern (issue 12): :mod:`~ledgerkit.reports.output` (paths, atomic writing),
:mod:`~ledgerkit.reports.text_safety` (CSV injection, terminal escapes),
:mod:`~ledgerkit.reports.labels` (headings, sheet names), :mod:`~ledgerkit.reports.frames`
(CSV / JSON / ``write_frame``) and the ``xlsx_*`` modules (:class:`XlsxReport`; the
streaming path that relies on xlsxwriter internals is :mod:`~ledgerkit.reports.xlsx_stream`).
"""

from __future__ import annotations

from ledgerkit.intake.files import REPORT_MARK
from ledgerkit.reports.frames import FRAME_SUFFIXES, LARGE_SHEET_ROWS, frame_to_json, iter_json, write_frame
from ledgerkit.reports.labels import HEADINGS_EN, HEADINGS_JA, SHEET_NAMES, heading, sheet_name
from ledgerkit.reports.output import atomic_output, check_output_path
from ledgerkit.reports.text_safety import neutralize, terminal_safe
from ledgerkit.reports.xlsx_cells import NUMBER_FORMATS
from ledgerkit.reports.xlsx_layout import display_width, safe_sheet_name
from ledgerkit.reports.xlsx_report import XlsxReport
from ledgerkit.reports.xlsx_sheet import TableRef

# Imported by name elsewhere, though never in __all__.
from ledgerkit.reports.labels import SCOPE_LABELS, SEVERITY_LABELS, TOTAL_LABEL  # noqa: F401, E402
from ledgerkit.reports.text_safety import INJECTION_CHARS  # noqa: F401, E402
from ledgerkit.reports.xlsx_cells import KINDS, MAX_COLS, MAX_ROWS, MAX_STRING, SEVERITY_COLOURS  # noqa: F401, E402
from ledgerkit.reports.xlsx_sheet import ROW_CHUNK  # noqa: F401, E402

__all__ = [
    "atomic_output",
    "check_output_path",
    "write_frame",
    "frame_to_json",
    "iter_json",
    "neutralize",
    "terminal_safe",
    "XlsxReport",
    "TableRef",
    "HEADINGS_JA",
    "HEADINGS_EN",
    "SHEET_NAMES",
    "heading",
    "sheet_name",
    "safe_sheet_name",
    "display_width",
    "NUMBER_FORMATS",
    "FRAME_SUFFIXES",
    "LARGE_SHEET_ROWS",
    "REPORT_MARK",
]
