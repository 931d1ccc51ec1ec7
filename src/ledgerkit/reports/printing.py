"""A report sheet on paper: A4, the orientation and scale its width needs, the header row
on every page, and a footer with the page (N / M) and the date the report was made.

A manager prints the report. A sheet printed at 40 % is unreadable, so the rule is:

* a sheet that fits a portrait A4 page prints portrait at 100 %, one that fits landscape
  prints landscape at 100 %;
* a wider sheet prints landscape, one page wide ("fit to width"), **only** when that keeps
  the scale at 70 % or more (:data:`MIN_SCALE`);
* a sheet wider still has its long text columns narrowed and wrapped
  (:func:`narrow_columns`, done by :meth:`XlsxReport.add_table` before the rows are
  written), and what is still too wide prints at 70 % over several pages across, the
  label columns repeated on each.

Widths are Excel's: xlsxwriter keeps them in pixels of the default font (Calibri 11:
7 pixels a character plus 5 of padding), and a page's printable width in pixels is its
width in inches less the margins, at 96 pixels an inch.

Examples:
    >>> plan = plan_page([200, 300, 120])           # 620 px: fits portrait (674 px)
    >>> plan.landscape, plan.fit_width, plan.scale
    (False, False, 100)
    >>> plan_page([200] * 6).landscape               # 1,200 px: landscape (982 px), one page wide at 80 %
    True
    >>> plan_page([200] * 6).fit_width
    True
    >>> wide = plan_page([200] * 9)                  # 1,800 px would print at 53 %
    >>> wide.fit_width, wide.scale
    (False, 70)
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any, NamedTuple, Sequence

from ledgerkit.core import messages
from ledgerkit.reports.xlsx_layout import display_width

#: xlsxwriter's paper code for A4
A4 = 9
#: the smallest print scale a report is printed at, in percent
MIN_SCALE = 70
#: page margins in inches: left, right, top, bottom (the footer sits in the bottom one)
MARGINS = (0.4, 0.4, 0.55, 0.65)
FOOTER_MARGIN = 0.25
_A4_INCHES = (8.27, 11.69)
_DPI = 96
#: what of a page's printable width a sheet may fill: LibreOffice draws a column a few
#: percent wider than Excel does (measured: a portrait page takes 675 px of columns, not 717)
_FILL = 0.94
#: printable width of an A4 page, in pixels, upright and on its side
PORTRAIT_PX = int((_A4_INCHES[0] - MARGINS[0] - MARGINS[1]) * _DPI * _FILL)
LANDSCAPE_PX = int((_A4_INCHES[1] - MARGINS[0] - MARGINS[1]) * _DPI * _FILL)
#: a column xlsxwriter was given no width for
DEFAULT_COLUMN_PX = 64


class PagePlan(NamedTuple):
    """How a sheet is printed: on its side or not, one page wide (Excel picks the scale,
    at least :data:`MIN_SCALE`) or at a fixed ``scale``."""

    landscape: bool
    fit_width: bool
    scale: int
    width_px: int

    @property
    def printed_scale(self) -> int:
        """The scale the sheet prints at, in percent (what Excel computes for fit to width)."""
        if not self.fit_width:
            return self.scale
        return min(100, int(LANDSCAPE_PX * 100 / max(self.width_px, 1)))


def width_px(chars: float) -> int:
    """A column width in characters (as ``set_column`` takes it) → pixels (as Excel draws it).

    Examples:
        >>> width_px(8.43), width_px(10), width_px(0.5)
        (64, 75, 6)
    """
    if chars <= 0:
        return 0
    if chars < 1:
        return int(chars * 12 + 0.5)
    return int(chars * 7 + 0.5) + 5


def px_width(px: float) -> float:
    """Pixels → a width in characters (the inverse of :func:`width_px`)."""
    if px <= 12:
        return px / 12
    return (px - 5) / 7


def plan_page(widths_px: Sequence[int]) -> PagePlan:
    """The orientation and scale for a sheet whose columns (and charts) are ``widths_px`` wide."""
    total = int(sum(widths_px))
    if total <= PORTRAIT_PX:
        return PagePlan(False, False, 100, total)
    if total <= LANDSCAPE_PX:
        return PagePlan(True, False, 100, total)
    if total * MIN_SCALE <= LANDSCAPE_PX * 100:
        return PagePlan(True, True, 100, total)
    return PagePlan(True, False, MIN_SCALE, total)


def narrow_columns(widths: Sequence[float], wrappable: Sequence[bool], floors: Sequence[float],
                   *, target_px: int | None = None) -> list[float]:
    """Column widths (characters) with the widest wrappable columns narrowed, the text in
    them to wrap, until the table fits ``target_px`` (by default a landscape page at 85 %:
    one page wide at a readable scale) or every wrappable column is at its floor.

    Examples:
        >>> narrow_columns([10, 80, 60], [False, True, True], [10, 20, 20], target_px=700)
        [10.0, 43.0, 43.0]
        >>> narrow_columns([10, 12], [False, True], [10, 12])
        [10.0, 12.0]
    """
    target = target_px if target_px is not None else int(LANDSCAPE_PX * 100 / 85)
    out = [float(w) for w in widths]
    total = sum(width_px(w) for w in out)
    if total <= target:
        return out
    # narrow the widest wrappable column a character at a time (a few hundred steps at most)
    while total > target:
        candidates = [i for i, w in enumerate(out) if wrappable[i] and w > floors[i]]
        if not candidates:
            break
        widest = max(candidates, key=lambda i: out[i])
        top = out[widest]
        same = [i for i in candidates if out[i] == top]
        for i in same:
            out[i] = max(float(floors[i]), float(top) - 1)
        total = sum(width_px(w) for w in out)
    return out


def sheet_widths_px(ws) -> list[int]:
    """The widths of a sheet's used columns and of its charts' overhang, in pixels.

    A chart beyond the last used column widens the printed area by what sticks out.
    """
    last = ws.dim_colmax if ws.dim_colmax is not None else -1
    if ws.col_info:
        last = max(last, max(c for c, info in ws.col_info.items() if not info.hidden))
    widths = [_column_px(ws, c) for c in range(last + 1)]
    right = sum(widths)
    for row, col, chart, x_offset, _y, x_scale, *_rest in ws.charts:
        left = sum(_column_px(ws, c) for c in range(col)) + x_offset
        right = max(right, left + int(0.5 + chart.width * x_scale))
    if right > sum(widths):
        widths.append(right - sum(widths))
    return widths


def _column_px(ws, col: int) -> int:
    info = ws.col_info.get(col)
    if info is None:
        return DEFAULT_COLUMN_PX
    if info.hidden:
        return 0
    return DEFAULT_COLUMN_PX if info.width is None else int(info.width)


#: the height of one line of 11-point text, in points (Excel's default row)
LINE_HEIGHT = 15.0
#: what a grown row gets beyond its lines, in points
ROOM = 4.0


def wrapped_lines(text: Any, width: float) -> int:
    """The lines a text takes in a wrapped cell ``width`` characters wide (0 for no text).

    A full-width character takes a little more than two of the width's characters (a
    Japanese font beside Calibri: 9 fit in a column of 20 in Excel, 10 in LibreOffice; the
    larger count is used so that nothing is cut), other characters a little less than one.

    Examples:
        >>> wrapped_lines("短い", 20), wrapped_lines("長" * 30, 20), wrapped_lines("a\\nb", 20), wrapped_lines(None, 9)
        (1, 4, 2, 0)
        >>> wrapped_lines("田中、伊藤 美咲、渡辺 健", 26), wrapped_lines("examples/invoices/受領請求書一覧.xlsx", 30)
        (1, 2)
    """
    if text is None or text == "":
        return 0
    room = max(width - 0.3, 1)
    return sum(max(1, math.ceil(_drawn_width(part) / room)) for part in str(text).split("\n"))


def _drawn_width(text: str) -> float:
    """A text's width in characters of Calibri's digits, as a cell draws it."""
    if text.isascii():
        return len(text) * 0.9
    wide = display_width(text) - len(text)  # characters counted twice
    return wide * 2.1 + (len(text) - wide) * 0.9


def row_heights(columns: Sequence[Sequence[Any]], widths: Sequence[float]) -> list[float | None]:
    """The height of each row for its wrapped texts (``columns``: the wrapped columns' values,
    ``widths`` their widths), None where one line is enough.

    Excel and LibreOffice do not grow a row for wrapped text in a file they open: the height
    is written with the row, so that nothing is cut on screen or on paper.
    """
    if not columns:
        return []
    out: list[float | None] = []
    for cells in zip(*columns):
        lines = max(wrapped_lines(v, w) for v, w in zip(cells, widths))
        # a little room under the last line: a Japanese font's lines are taller than Calibri's
        out.append(LINE_HEIGHT * lines + ROOM if lines > 1 else None)
    return out


def footer(made: dt.date, lang: str = "ja") -> str:
    """The footer of every printed page: the date made on the left, page N / M in the
    middle, the sheet's name on the right (Excel's ``&P``, ``&N`` and ``&A`` codes).

    Examples:
        >>> footer(dt.date(2026, 12, 2))
        '&L作成日 2026/12/02&C&P / &N&R&A'
        >>> footer(dt.date(2026, 12, 2), "en")
        '&LMade 2026-12-02&C&P / &N&R&A'
    """
    day = made.strftime("%Y/%m/%d") if lang != "en" else made.isoformat()
    return "&L" + messages.text("report_made_on", lang, date=day).replace("&", "&&") + "&C&P / &N&R&A"


def set_up_page(ws, *, made: dt.date, lang: str = "ja", header_row: int | None = None,
                label_columns: int = 0) -> PagePlan:
    """Set a sheet's page: A4, margins, the footer, the header row on every page and the
    orientation and scale :func:`plan_page` gives its width. Returns the plan."""
    ws.set_paper(A4)
    ws.set_margins(*MARGINS)
    ws.set_footer(footer(made, lang), margin=FOOTER_MARGIN)
    if header_row is not None and not ws.repeat_row_range:
        ws.repeat_rows(header_row)
    plan = plan_page(sheet_widths_px(ws))
    if plan.landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    if plan.fit_width:
        ws.fit_to_pages(1, 0)
    else:
        ws.set_print_scale(plan.scale)
        if plan.scale < 100 and label_columns and not ws.repeat_col_range:
            # several pages across: each repeats the columns that say what a row is
            ws.repeat_columns(0, label_columns - 1)
    return plan


def printed(ws: Any) -> PagePlan:
    """The plan :func:`set_up_page` would give ``ws`` now (for a caller that checks it)."""
    return plan_page(sheet_widths_px(ws))
