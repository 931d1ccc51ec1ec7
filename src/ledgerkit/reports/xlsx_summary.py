"""The summary sheet of an Excel report: a pivot with a bold total row and column (SUM
formulas that carry their value) and a chart of the totals.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Mapping, NamedTuple, Sequence

from ledgerkit.core.errors import OutputError
from ledgerkit.reports.labels import TOTAL_LABEL, _pick, heading
from ledgerkit.reports.printing import LANDSCAPE_PX, sheet_widths_px
from ledgerkit.reports.xlsx_cells import (
    KINDS, MAX_COLS, MAX_ROWS, NUMBER_FORMATS, _Column, _PLAIN_KINDS, _convert_column, fit_strings,
)
from ledgerkit.reports.xlsx_layout import _column_width, _flatten_columns, _unique_headings, display_width
from ledgerkit.reports.xlsx_sheet import TableRef


class SummaryMixin:
    """:meth:`add_summary` of :class:`~ledgerkit.reports.xlsx_report.XlsxReport`."""

    def add_summary(
        self,
        name: str,
        pivot_frame,
        *,
        title: str | None = None,
        value_format: str = "number",
        chart: str | None = "column",
        totals: bool = True,
        index: Sequence[Any] | None = None,
        headings: Mapping[Any, str] | None = None,
        zero_dash: bool = True,
    ) -> TableRef:
        """A pivot with a bold total row (and total column) and a chart of the totals.

        ``pivot_frame`` is what ``DataFrame.pivot_table`` returns (index levels become
        the leading columns) or a flat frame whose leading ``index`` columns label the
        rows. Every other column is a value column shown with ``value_format``. Totals
        are Excel ``SUM`` formulas that also carry their computed value, so the numbers
        are right even in viewers that do not recalculate. ``chart`` (``"column"``,
        ``"bar"`` or ``None``) plots the row totals by the first index column: beside the
        pivot when both fit an A4 page across, under it otherwise. With ``zero_dash`` a
        value of 0 (a combination with no rows) shows as ``-``.

        On paper the header row repeats on every page, and the label columns on every page
        across when the pivot is wider than a page at 70 %.
        """
        self._check_open()
        if value_format not in NUMBER_FORMATS:
            raise ValueError(f"unknown format {value_format!r}; use one of {', '.join(KINDS)}")
        if chart not in ("column", "bar", None):
            raise ValueError(f"unknown chart {chart!r}; use column, bar or None")
        frame, index = _summary_frame(pivot_frame, index)
        value_cols = [c for c in frame.columns if c not in index]
        n_idx, n_val = len(index), len(value_cols)
        if n_idx == 0:
            raise ValueError("add_summary needs at least one index column")
        total_col = totals and n_val > 1
        label = _pick(TOTAL_LABEL, self.lang)
        _check_summary_size(name, len(frame), n_idx + n_val + (1 if total_col else 0), title, totals)

        state = self._new_sheet(name)
        ws = state.worksheet
        header_row = 2 if title else 0
        first = header_row + 1
        n = len(frame)
        last = first + n - 1
        if title:
            ws.write_string(0, 0, str(title), self.format(title=True))
        texts = _unique_headings(
            [(headings or {}).get(c) or heading(c, self.lang) for c in list(index) + value_cols]
            + ([label] if total_col else [])
        )
        ws.write_row(header_row, 0, texts, self.format(header=True))

        idx_cols = [fit_strings(_convert_column(frame[c], "text"), self.lang) for c in index]
        val_cols = [fit_strings(_convert_column(frame[c], value_format), self.lang) for c in value_cols]
        fmts = self._pivot_formats(value_format, zero_dash)
        layout = _PivotLayout(ws, first, last, n_idx, n_val, total_col)
        row_totals = _write_pivot_rows(layout, idx_cols, val_cols, fmts)
        total_row = _write_total_row(layout, val_cols, label, fmts) if totals else None
        _set_pivot_widths(layout, texts, idx_cols, [frame[c] for c in value_cols], value_format, label)
        ws.freeze_panes(first, n_idx)
        state.header_row, state.label_columns = header_row, n_idx

        if chart and n and n_val:
            self._summary_chart(ws, name=state.name, chart=chart, title=title, first=first, last=last,
                                n_idx=n_idx, n_val=n_val, total_col=total_col, idx_values=idx_cols[0].values,
                                row_totals=row_totals if total_col or n_val == 1 else
                                [v if isinstance(v, (int, float, Decimal)) else 0 for v in val_cols[0].values],
                                after_row=(total_row if total_row is not None else last),
                                header_text=texts[0], value_format=value_format, header_row=header_row,
                                series_name=label if total_col or n_val == 1 else texts[n_idx])
        state.first_row = first
        state.written = True
        cols = {c: i for i, c in enumerate(list(index) + value_cols)}
        if total_col:
            cols[label] = n_idx + n_val
        return TableRef(ws, first, last, cols)

    def _pivot_formats(self, value_format: str, zero_dash: bool) -> "_PivotFormats":
        plain = value_format in _PLAIN_KINDS and not zero_dash
        return _PivotFormats(
            self.format(None if plain else value_format, zero_dash=zero_dash, ruled=True),
            self.format(value_format, total=True, zero_dash=zero_dash),  # the total row: bold, rule above
            self.format(value_format, bold=True, zero_dash=zero_dash, ruled=True),  # the total column: bold
            self.format(total=True),
            self.format(ruled=True),
        )

    def _summary_chart(self, ws, *, name, chart, title, first, last, n_idx, n_val, total_col,
                       idx_values, row_totals, after_row, header_text, value_format, header_row,
                       series_name) -> None:
        value_col = n_idx + n_val if total_col else n_idx
        start, groups = after_row, {}
        if n_idx == 1:
            cat = (first, 0, last, 0)
            val = (first, value_col, last, value_col)
        else:
            # Totals by the first index: a small block below the pivot feeds the chart.
            for k, t in zip(idx_values, row_totals):
                key = k if k is not None else ""
                groups[key] = _add(groups.get(key, 0), t)
            start = after_row + 2
            label = _pick(TOTAL_LABEL, self.lang)
            head_fmt = self.format(header=True)
            ws.write_string(start, 0, header_text, head_fmt)
            ws.write_string(start, 1, label, head_fmt)
            rule = self.format(ruled=True)
            fmt = self.format(value_format, zero_dash=True, ruled=True)
            key_rng = f"{_cell(first, 0, True)}:{_cell(last, 0, True)}"
            sum_rng = f"{_cell(first, value_col, True)}:{_cell(last, value_col, True)}"
            for i, (k, t) in enumerate(groups.items()):
                r = start + 1 + i
                ws.write_string(r, 0, k, rule)
                # EXACT, not SUMIF: a SUMIF criterion reads < > = * ? ~ in a project code as an operator
                ws.write_formula(r, 1, f"=SUMPRODUCT(--EXACT({key_rng},{_cell(r, 0)}),{sum_rng})", fmt, _num(t))
            cat = (start + 1, 0, start + len(groups), 0)
            val = (start + 1, 1, start + len(groups), 1)
        ch = self._workbook.add_chart({"type": chart})
        ch.add_series({
            "name": series_name,
            "categories": [name, *cat],
            "values": [name, *val],
        })
        if title:
            ch.set_title({"name": str(title), "name_font": {"size": 11}})  # on one line above the bars
        ch.set_legend({"none": True})
        # the axes say what they count: the categories' heading, and the unit of the values
        font = {"size": 9, "bold": False}
        values_axis = {"num_format": _axis_format(value_format), "min": 0}
        unit = AXIS_UNITS.get(value_format)
        if unit:
            values_axis.update(name=_pick(unit, self.lang), name_font=font)
        categories_axis = {"name": header_text, "name_font": font}
        if chart == "bar":
            # categories top to bottom as in the pivot; the values along the bottom
            ch.set_y_axis({"reverse": True, **categories_axis})
            ch.set_x_axis(values_axis)
        else:
            ch.set_x_axis(categories_axis)
            ch.set_y_axis(values_axis)
        # beside the pivot when both fit across a landscape A4 page, under it otherwise
        beside = n_idx + n_val + (2 if total_col else 1)
        pivot_px = sum(sheet_widths_px(ws)[:beside])
        if pivot_px + int(0.5 + ch.width * 1.3) <= LANDSCAPE_PX:
            ws.insert_chart(header_row, beside, ch, {"x_scale": 1.3, "y_scale": 1.2})
        else:
            below = (start + len(groups) + 2) if n_idx > 1 else after_row + 2
            ws.insert_chart(below, 0, ch, {"x_scale": 1.3, "y_scale": 1.2})


class _PivotLayout(NamedTuple):
    """Where the parts of a summary sheet go (0-based rows and columns)."""

    ws: Any
    first: int  # first data row
    last: int  # last data row (first - 1 when there are none)
    n_idx: int  # label columns, then
    n_val: int  # value columns, then
    total_col: bool  # a total column


class _PivotFormats(NamedTuple):
    value: Any  # a value cell
    total_row: Any  # a value in the total row: bold, rule above
    total_col: Any  # a value in the total column: bold
    label: Any  # the total row's label cells
    index: Any  # a row's label cells: ruled under


def _summary_frame(pivot_frame, index: Sequence[Any] | None) -> tuple[Any, list[str]]:
    """The pivot as a flat frame, and the names of its leading index columns."""
    import pandas as pd

    frame = pivot_frame
    if index is None:
        if isinstance(frame.index, pd.MultiIndex) or frame.index.name is not None:
            index = [n if n is not None else f"level_{i}" for i, n in enumerate(frame.index.names)]
            frame = frame.reset_index()
            frame.columns = _flatten_columns(frame.columns)
            index = list(frame.columns[: len(index)])
        else:
            frame = frame.copy(deep=False)
            frame.columns = _flatten_columns(frame.columns)
            index = []
            for col in frame.columns:
                if pd.api.types.is_numeric_dtype(frame[col].dtype) and not pd.api.types.is_bool_dtype(frame[col].dtype):
                    break
                index.append(col)
    else:
        frame = frame.copy(deep=False)
        frame.columns = _flatten_columns(frame.columns)
    return frame, [c if isinstance(c, str) else str(c) for c in index]


def _check_summary_size(name: str, n_rows: int, width: int, title: str | None, totals: bool) -> None:
    # xlsxwriter drops a cell beyond Excel's grid without a word: refuse instead
    if width > MAX_COLS:
        raise OutputError(
            f"cannot write sheet {name}: {width:,} columns is more than Excel's {MAX_COLS:,}; "
            f"put a field with fewer values across (the last --by field), or write .csv"
        )
    height = (3 if title else 1) + n_rows + (1 if totals else 0)
    if height > MAX_ROWS:
        raise OutputError(
            f"cannot write sheet {name}: {n_rows:,} rows do not fit in one Excel sheet; write .csv instead"
        )


def _write_pivot_rows(layout: _PivotLayout, idx_cols: list[_Column], val_cols: list[_Column],
                      fmts: _PivotFormats) -> list[Any]:
    """The label and value cells of every row (and its total formula); returns the row totals."""
    ws, first, n_idx, n_val = layout.ws, layout.first, layout.n_idx, layout.n_val
    row_totals: list[Any] = []
    for i in range(layout.last - first + 1):
        r = first + i
        for c, col in enumerate(idx_cols):
            v = col.values[i]
            if v is not None:
                ws.write_string(r, c, v, fmts.index)
            else:
                ws.write_blank(r, c, None, fmts.index)
        row_sum: Any = 0
        for j, col in enumerate(val_cols):
            v = col.values[i]
            if v is None:
                ws.write_blank(r, n_idx + j, None, fmts.value)
                continue
            if isinstance(v, str):
                ws.write_string(r, n_idx + j, v, fmts.index)
                continue
            ws.write_number(r, n_idx + j, v, fmts.value)
            row_sum = _add(row_sum, v)
        row_totals.append(row_sum)
        if layout.total_col:
            tc = n_idx + n_val
            formula = f"=SUM({_cell(r, n_idx)}:{_cell(r, n_idx + n_val - 1)})"
            ws.write_formula(r, tc, formula, fmts.total_col, _num(row_sum))
    return row_totals


def _write_total_row(layout: _PivotLayout, val_cols: list[_Column], label: str, fmts: _PivotFormats) -> int:
    """The bold total row below the pivot: SUM formulas carrying their value; returns its row."""
    ws, first, last, n_idx, n_val = layout.ws, layout.first, layout.last, layout.n_idx, layout.n_val
    n = last - first + 1
    total_row = last + 1
    ws.write_string(total_row, 0, label, fmts.label)
    for c in range(1, n_idx):
        ws.write_blank(total_row, c, None, fmts.label)
    sums = []
    for j, col in enumerate(val_cols):
        s: Any = 0
        for v in col.values:
            if v is not None and not isinstance(v, str):
                s = _add(s, v)
        sums.append(s)
        c = n_idx + j
        formula = f"=SUM({_cell(first, c)}:{_cell(last, c)})" if n else "=0"
        ws.write_formula(total_row, c, formula, fmts.total_row, _num(s))
    if layout.total_col:
        tc = n_idx + n_val
        grand = sum(sums[1:], sums[0]) if sums else 0
        formula = f"=SUM({_cell(first, tc)}:{_cell(last, tc)})" if n else "=0"
        ws.write_formula(total_row, tc, formula, fmts.total_row, _num(grand))
    return total_row


def _set_pivot_widths(layout: _PivotLayout, texts: list[str], idx_cols: list[_Column], values: list,
                      value_format: str, label: str) -> None:
    """Label columns fit their texts (6 to 40), value columns their numbers."""
    ws, n_idx, n_val = layout.ws, layout.n_idx, layout.n_val
    widths = [max([display_width(texts[c]) + 2] + [display_width(v) + 2 for v in col.values if v]) for c, col in enumerate(idx_cols)]
    for c, w in enumerate(widths):
        ws.set_column(c, c, min(max(w, 6), 40))
    for j, s in enumerate(values):
        c = n_idx + j
        ws.set_column(c, c, _column_width(texts[c], s, value_format, filter_button=False) + 1)
    if layout.total_col:
        ws.set_column(n_idx + n_val, n_idx + n_val, max(10, display_width(label) + 4))


def _cell(row: int, col: int, absolute: bool = False) -> str:
    from xlsxwriter.utility import xl_rowcol_to_cell

    return xl_rowcol_to_cell(row, col, row_abs=absolute, col_abs=absolute)


def _add(a: Any, b: Any) -> Any:
    if isinstance(a, Decimal) or isinstance(b, Decimal):
        return Decimal(a if not isinstance(a, float) else repr(a)) + Decimal(b if not isinstance(b, float) else repr(b))
    return a + b


def _num(v: Any) -> Any:
    """A formula's cached value as xlsxwriter wants it (a number)."""
    if isinstance(v, Decimal):
        return int(v) if v == v.to_integral_value() else float(v)
    return v


#: the name of a chart's value axis by the values' format, (Japanese, English): hours say
#: their unit (a bare 0…500 could be anything); yen already show ¥ on every tick
AXIS_UNITS: dict[str, tuple[str, str]] = {
    "hours": ("時間 (h)", "Hours (h)"),
}


def _axis_format(value_format: str) -> str:
    """A chart axis's number format: yen with ``¥``, anything else with thousands."""
    return '"¥"#,##0' if value_format == "yen" else "#,##0"
