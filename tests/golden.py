"""Golden workbooks, compared as a person sees them (XlsxWriter's comparison tests, adapted).

A generated workbook is reduced to plain data — sheet names, every cell's value, cached
value, type, number format, bold and fill, merged ranges, widths, freeze panes, tables,
filters, charts, visibility, how it prints (paper, orientation, scale or fit, the rows
repeated on every page, wrapped cells) — and compared with the golden file's. ``pytest
--update-golden`` rewrites the golden file instead; the diff is the review.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

GOLDEN = Path(__file__).parent / "golden"


def _colour(cell) -> str | None:
    if cell.fill is None or cell.fill.fill_type is None:
        return None
    return cell.fill.fgColor.rgb


def workbook_snapshot(path: Path) -> dict:
    """Everything a person would notice in a report, as plain data."""
    wb = openpyxl.load_workbook(path)
    cached = openpyxl.load_workbook(path, data_only=True)
    snap: dict = {"sheets": wb.sheetnames}
    for ws in wb.worksheets:
        ws_cached = cached[ws.title]
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.value is None and _colour(c) is None and not c.font.b:
                    continue
                cells[c.coordinate] = (
                    c.value,
                    ws_cached[c.coordinate].value,
                    c.data_type,
                    c.number_format,
                    bool(c.font.b),
                    _colour(c),
                    bool(c.alignment.wrap_text),
                )
        widths = {k: round(d.width) for k, d in ws.column_dimensions.items() if d.width}
        snap[ws.title] = {
            "cells": cells,
            "freeze": ws.freeze_panes,
            "tables": sorted((t.ref, t.autoFilter is not None) for t in ws.tables.values()),
            "autofilter": ws.auto_filter.ref,
            "merged": sorted(str(r) for r in ws.merged_cells.ranges),
            "widths": widths,
            "charts": len(ws._charts),
            "state": ws.sheet_state,
            "print": _print_setup(ws),
        }
    return snap


def _print_setup(ws) -> tuple:
    """How a sheet prints: paper, orientation, fit to page (width × height) or scale, the
    rows and columns on every page, and the footer without its date."""
    setup = ws.page_setup
    fit = bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    footer = ws.oddFooter
    return (
        setup.paperSize, setup.orientation, fit,
        (setup.fitToWidth, setup.fitToHeight) if fit else None, None if fit else setup.scale,
        ws.print_title_rows, ws.print_title_cols, footer.center.text, footer.right.text,
    )


def assert_golden(actual: Path, expected: Path, update: bool) -> None:
    """Compare a generated workbook with the golden one, cell by cell."""
    if update or not expected.exists():
        if not update:
            pytest.fail(f"golden file {expected} is missing; run pytest --update-golden")
        expected.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(actual, expected)
        return
    got, want = workbook_snapshot(actual), workbook_snapshot(expected)
    assert got["sheets"] == want["sheets"]
    for name in want["sheets"]:
        g, w = got[name], want[name]
        diff = {k: (g["cells"].get(k), v) for k, v in w["cells"].items() if g["cells"].get(k) != v}
        extra = sorted(set(g["cells"]) - set(w["cells"]))
        assert not diff and not extra, f"sheet {name}: cells differ: {dict(list(diff.items())[:5])} extra {extra[:5]}"
        for key in ("freeze", "tables", "autofilter", "merged", "charts", "state", "print"):
            assert g[key] == w[key], f"sheet {name}: {key} differs"
        # widths roughly: within one character
        assert g["widths"].keys() == w["widths"].keys(), f"sheet {name}: widths differ"
        for col, width in w["widths"].items():
            assert abs(g["widths"][col] - width) <= 1, f"sheet {name}: width of {col}"
