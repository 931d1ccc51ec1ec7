"""Tables on an Excel report: a frame written as an Excel Table (through xlsxwriter's public
API, or streamed in constant-memory mode), and cells highlighted by severity.
"""

from __future__ import annotations

import functools
from typing import Any, Mapping

from ledgerkit.core.errors import OutputError
from ledgerkit.reports.labels import heading
from ledgerkit.reports.xlsx_cells import (
    KINDS,
    MAX_COLS,
    MAX_ROWS,
    NUMBER_FORMATS,
    SEVERITY_COLOURS,
    _PLAIN_KINDS,
    _convert_column,
    _infer_kind,
    fit_strings,
)
from ledgerkit.reports.printing import LANDSCAPE_PX, LINE_HEIGHT, MIN_SCALE, narrow_columns, width_px, wrapped_lines
from ledgerkit.reports.xlsx_layout import _column_width, _unique_headings, display_width
from ledgerkit.reports.xlsx_sheet import TableRef, _Sheet, chunk_heights, converted_chunks
from ledgerkit.reports.xlsx_stream import stream_table


class TablesMixin:
    """:meth:`add_table` and :meth:`highlight` of :class:`~ledgerkit.reports.xlsx_report.XlsxReport`."""

    def add_table(
        self,
        name: str,
        frame,
        *,
        formats: Mapping[Any, str] | None = None,
        headings: Mapping[Any, str] | None = None,
        table: bool = True,
        freeze: bool = True,
        start_row: int = 0,
        title: str | None = None,
        style: str = "Table Style Medium 2",
        widths: Mapping[Any, float] | None = None,
    ) -> TableRef:
        """Write ``frame`` as a table on a new sheet ``name``; return where it went.

        ``formats`` maps a column to a kind — ``int``/``yen`` (``#,##0``), ``hours``
        (``#,##0.00``), ``date`` (``yyyy-mm-dd``), ``datetime``, ``percent`` (``0.0%``),
        ``text`` (every cell as text), ``number``/``general`` (General; each cell keeps
        its type), ``rowno`` (``0``) — and is inferred from the dtype, the values and
        the canonical column name otherwise. ``headings`` maps a column to the
        heading shown; by default :func:`heading` in the report's language. Text is
        always written as text; ``NA``/``NaN``/``NaT`` and empty text become blank cells.
        The frame's index is not written (``reset_index()`` first to keep it).

        ``title`` is written in bold above the table (the header then starts on the
        third row); ``start_row`` leaves more rows above the header. In constant-memory
        mode nothing can be written above a table afterwards: pass ``title`` instead.

        On paper the header row repeats on every page. A text longer than its column (at
        most 60 characters wide, or as ``widths`` sets a column, in characters) wraps, the
        row growing to show it; a table too wide for an A4 page at 85 % has its widest text
        columns narrowed (and wrapped) first.
        """
        self._check_open()
        formats = dict(formats or {})
        if title is not None:
            start_row = max(start_row, 2)
        self._check_table(name, frame, formats, start_row)
        n_rows, n_cols = frame.shape
        state, texts = self._start_table(name, frame, formats, headings, start_row, title)
        ws = state.worksheet

        use_table = table and n_cols > 0
        header_fmt = self.format(header=True)
        widths = self._plan_columns(state, texts, frame, table, widths or {})
        last_row = start_row + n_rows
        # An Excel Table needs at least one data row.
        table_args = (
            start_row, 0, max(last_row, start_row + 1), n_cols - 1,
            {
                "columns": [{"header": t, "header_format": header_fmt} for t in texts],
                "style": style,
                "autofilter": True,
            },
        )
        if self.constant_memory:
            stream_table(state, texts, header_fmt, table_args if use_table else None,
                         converted_chunks(state, self.lang), functools.partial(self._column_format, state),
                         self._os_error)
        else:
            if state.header_height:
                ws.set_row(start_row, state.header_height)
            if not use_table:
                for c, text in enumerate(texts):
                    ws.write_string(start_row, c, text, header_fmt)
            self._write_rows(state)
            if use_table:
                ws.add_table(*table_args)
        state.written = True

        for c, width in enumerate(widths):
            ws.set_column(c, c, width)
        if table and not use_table and n_cols:
            ws.autofilter(start_row, 0, max(last_row, start_row), n_cols - 1)
        if freeze:
            ws.freeze_panes(start_row + 1, 0)
        # on paper: the header on every page, the first column on every page across
        state.header_row, state.label_columns = start_row, 1
        return TableRef(ws, start_row + 1, last_row, dict(state.col_index))

    @staticmethod
    def _check_table(name: str, frame, formats: Mapping[Any, str], start_row: int) -> None:
        """Refuse unknown format kinds and a frame that does not fit in a sheet, before writing."""
        for col, kind in formats.items():
            if kind not in NUMBER_FORMATS:
                raise ValueError(f"unknown format {kind!r} for column {col!r}; use one of {', '.join(KINDS)}")
        n_rows, n_cols = frame.shape
        if n_cols > MAX_COLS:
            raise OutputError(f"cannot write sheet {name}: {n_cols:,} columns is more than Excel's {MAX_COLS:,}")
        if start_row + 1 + n_rows > MAX_ROWS:
            raise OutputError(
                f"cannot write sheet {name}: {n_rows:,} rows do not fit in one Excel sheet "
                f"(at most {MAX_ROWS - 1 - start_row:,}); write .csv instead"
            )

    def _start_table(self, name: str, frame, formats: Mapping[Any, str], headings: Mapping[Any, str] | None,
                     start_row: int, title: str | None) -> tuple[_Sheet, list[str]]:
        """The new sheet with its title, the table's state and its header texts."""
        state = self._new_sheet(name)
        ws = state.worksheet
        if title is not None:
            ws.write_string(0, 0, str(title), self.format(title=True))
        names = list(frame.columns)
        texts = _unique_headings(
            [(headings or {}).get(c) or heading(c, self.lang) for c in names]
        )
        state.frame = frame
        state.kinds = [formats.get(col) or _infer_kind(col, frame.iloc[:, i]) for i, col in enumerate(names)]
        state.first_row = start_row + 1
        for i, col in enumerate(names):
            state.col_index.setdefault(col, i)
        for r, marks in self._pending_by_request.pop(name, {}).items():
            for col, severity in marks.items():
                state.pending.setdefault(r, {})[self._column_position(state, col)] = severity
        return state, texts

    def _plan_columns(self, state: _Sheet, texts: list[str], frame, filter_button: bool,
                      fixed: Mapping[Any, float]) -> list[float]:
        """Each column's width, and which wrap (``state.wraps``): a text longer than its column,
        and the widest text columns of a table too wide for a page (:func:`narrow_columns`)."""
        n_cols = frame.shape[1]
        natural = [_column_width(texts[c], frame.iloc[:, c], state.kinds[c], filter_button=filter_button, cap=None)
                   for c in range(n_cols)]
        names = list(frame.columns)
        widths = [float(fixed[names[c]]) if names[c] in fixed else min(w, 60.0) for c, w in enumerate(natural)]
        wrappable = [state.kinds[c] in ("text", "general") and _holds_text(frame.iloc[:, c]) for c in range(n_cols)]
        floors = [widths[c] if names[c] in fixed else
                  min(widths[c], max(display_width(texts[c]) + (3 if filter_button else 1), 16.0)) for c in range(n_cols)]
        limit = LANDSCAPE_PX * 100 // MIN_SCALE  # one page wide at 70 %
        if sum(map(width_px, widths)) > limit:
            # too wide: the widest texts narrowed (and wrapped) until the table prints at 80 %
            narrowed = narrow_columns(widths, wrappable, floors, target_px=LANDSCAPE_PX * 100 // 80)
            if sum(map(width_px, narrowed)) <= limit:
                widths = narrowed
            else:
                # too wide for one page however narrow its texts: printed across pages, each
                # column as wide as a readable line (long texts wrap at 40 characters)
                widths = [w if not wrappable[c] or names[c] in fixed else min(w, 40.0) for c, w in enumerate(widths)]
        state.wraps = [wrappable[c] and natural[c] > widths[c] for c in range(n_cols)]
        state.widths = widths
        # a heading longer than its column wraps (the header format wraps): the row grows
        room = 2 if filter_button else 0
        lines = max([wrapped_lines(texts[c], widths[c] - room) for c in range(n_cols)] or [1])
        state.header_height = LINE_HEIGHT * lines if lines > 1 else None
        return widths

    def _column_format(self, state: _Sheet, c: int, severity: str | None = None):
        """The format of column ``c``'s cells: its kind's, wrapped or at the top as the table needs."""
        wrap = bool(state.wraps) and state.wraps[c]
        return self._cell_format(state.kinds[c], severity, wrap=wrap, middle=any(state.wraps))

    def _cell_format(self, kind: str, severity: str | None = None, *, wrap: bool = False, middle: bool = False):
        """A table cell's format: its kind's number format, ruled under (a blank cell too)."""
        plain = kind in _PLAIN_KINDS
        return self.format(None if plain else kind, severity=severity, wrap=wrap, middle=middle, ruled=True)

    def _write_rows(self, state: _Sheet) -> None:
        """Cell by cell through xlsxwriter (normal mode: it keeps the sheet in memory)."""
        ws = state.worksheet
        by_method = {"string": ws.write_string, "number": ws.write_number, "boolean": ws.write_boolean}
        write_blank = ws.write_blank
        formats = [self._column_format(state, c) for c in range(len(state.kinds))]
        pending = state.pending
        for start, columns in converted_chunks(state, self.lang):
            plans = [(col.values, by_method.get(col.method), col.methods, formats[c], col.kind)
                     for c, col in enumerate(columns)]
            first = state.first_row + start
            for i, height in enumerate(chunk_heights(state, columns)):
                if height is not None:
                    ws.set_row(first + i, height)
            for i in range(len(columns[0].values) if columns else 0):
                row = first + i
                marks = pending.get(start + i) if pending else None
                for c, (values, fn, methods, fmt, kind) in enumerate(plans):
                    v = values[i]
                    if marks is not None and c in marks:
                        fmt = self._column_format(state, c, marks[c])
                    if v is None:
                        # a blank cell keeps its row's rule
                        write_blank(row, c, None, fmt)
                        continue
                    if fn is None:
                        by_method[methods[i]](row, c, v, fmt)
                    else:
                        fn(row, c, v, fmt)
        state.pending = {}

    def highlight(self, sheet: str, row: int, column: Any, severity: str = "error") -> None:
        """Colour one cell of a table by severity (``error``, ``warning``, ``info``).

        ``row`` is the frame's row position (0-based, as in ``frame.iloc``) and
        ``column`` the column name or position (``None``: the whole row, once the
        table is added). Works before :meth:`add_table` (the cell is written coloured)
        and, outside constant-memory mode, after it (the cell is written again with
        the colour). A sheet named here but never added is an error at :meth:`close`.
        """
        self._check_open()
        if severity not in SEVERITY_COLOURS:
            raise ValueError(f"unknown severity {severity!r}; use error, warning or info")
        if column is None:
            actual = self._aliases.get(sheet, sheet)
            state = self._sheets.get(actual)
            if state is None or state.frame is None:
                raise ValueError("highlight a whole row (column=None) after add_table(), or name the columns")
            for c in range(len(state.kinds)):
                self.highlight(sheet, row, c, severity)
            return
        actual = self._aliases.get(sheet, sheet)
        state = self._sheets.get(actual)
        if state is None:
            # Column names are resolved to positions when the table is added.
            self._pending_by_request.setdefault(sheet, {}).setdefault(row, {})[column] = severity
            return
        if state.frame is None:
            raise ValueError(f"sheet {state.name} is not a table written by add_table()")
        c = self._column_position(state, column)
        if not 0 <= row < len(state.frame):
            raise IndexError(f"row {row} is outside the table on sheet {state.name}")
        if not state.written:
            state.pending.setdefault(row, {})[c] = severity
            return
        if self.constant_memory:
            raise ValueError(
                "in constant-memory mode call highlight() before add_table() for that sheet"
            )
        col = fit_strings(_convert_column(state.frame.iloc[row:row + 1, c], state.kinds[c]), self.lang)
        v = col.values[0]
        fmt = self._column_format(state, c, severity)
        ws = state.worksheet
        r = state.first_row + row
        method = col.method if col.methods is None else col.methods[0]
        if v is None:
            ws.write_blank(r, c, None, fmt)
        elif method == "string":
            ws.write_string(r, c, v, fmt)
        elif method == "boolean":
            ws.write_boolean(r, c, v, fmt)
        else:
            ws.write_number(r, c, v, fmt)

    @staticmethod
    def _column_position(state: _Sheet, column: Any) -> int:
        if column in state.col_index:
            return state.col_index[column]
        if isinstance(column, int) and 0 <= column < len(state.kinds):
            return column
        raise KeyError(f"no column {column!r} on sheet {state.name}")


def _holds_text(s) -> bool:
    """Whether a column holds any text (a column of numbers written as General never wraps)."""
    return any(type(v) is str for v in s.iloc[:500].tolist()) or (len(s) > 500 and s.dtype == object)
