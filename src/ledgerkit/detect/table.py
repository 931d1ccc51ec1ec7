# temporary shim (issue 12 merge): re-exports detect.cells, detect.headers, detect.merged, detect.long_tables, detect.day_grids and detect.labels
"""Find the data in a client's sheet, by its old module name (see the modules named above)."""

from __future__ import annotations

from ledgerkit.detect.cells import column_letter, excel_range, is_blank
from ledgerkit.detect.day_grids import Grid, day_of_header, detect_day_grid, split_period
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, MAX_HEADER_CHARS, Synonyms, header_key
from ledgerkit.detect.labels import find_labelled_value, title_texts
from ledgerkit.detect.long_tables import Table, detect_table
from ledgerkit.detect.merged import fill_merged

__all__ = [
    "HEADER_SCAN_ROWS",
    "MAX_HEADER_CHARS",
    "Grid",
    "Synonyms",
    "Table",
    "column_letter",
    "day_of_header",
    "detect_day_grid",
    "detect_table",
    "excel_range",
    "fill_merged",
    "find_labelled_value",
    "header_key",
    "is_blank",
    "split_period",
    "title_texts",
]
