"""Long tables: the header row holding the fields asked for, and the data rows under it.

Client sheets put title rows and blank rows above the header, merge header cells over
two rows, put a small lookup table beside the data, and end with 合計 rows. This module
finds the table that holds the fields asked for and says where it is; it never parses
values (that is ``ledgerkit.parse``) and never reads files (that is ``ledgerkit.intake``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Iterable, Mapping

from ledgerkit.intake.cells import _row_blank, column_letter, excel_range, is_empty
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, Synonyms, _header_candidates
from ledgerkit.detect.merged import _rows_of

__all__ = ["Table", "detect_table"]


@dataclass
class Table:
    """A long table: one header (one or two rows), data rows below.

    ``columns`` holds every column of the table with its header text as written;
    ``mapping`` the canonical fields found, to their column.
    """

    header_row: int
    header_rows: int
    data_start: int
    data_end: int
    col_start: int
    col_end: int
    columns: dict[int, str]
    mapping: dict[str, int]
    #: ranges of other tables seen beside or below this one, as Excel ranges ("H3:J9")
    others: list[str] = field(default_factory=list)

    @property
    def header_excel_row(self) -> int:
        return self.header_row + 1


def detect_table(
    rows: list[list[Any]],
    fields: Mapping[str, Iterable[str]],
    required: Iterable[str],
    *,
    scan_rows: int = HEADER_SCAN_ROWS,
    min_fields: int = 2,
) -> Table | None:
    """Find the header row holding the ``required`` fields and the table under it.

    ``rows`` are the sheet's rows with merged cells already filled (see
    :func:`fill_merged`). Returns None when no row holds every required field.

    Examples:
        >>> rows = [["10月 工数報告", "", ""], ["", "", ""],
        ...         ["日付", "氏名", "工数(h)"], ["2026/10/01", "山田", 7.5],
        ...         ["合計", "", 7.5]]
        >>> t = detect_table(rows, {"date": ["日付"], "person": ["氏名"], "hours": ["工数"]},
        ...                  {"date", "hours"})
        >>> t.header_excel_row, t.data_start, t.data_end, t.mapping
        (3, 3, 5, {'date': 0, 'person': 1, 'hours': 2})
    """
    rows = _rows_of(rows)
    syn = fields if isinstance(fields, Synonyms) else Synonyms(fields)
    required = set(required)
    best = None
    for r in range(min(scan_rows, len(rows))):
        for height, mapping, names, strength in _split_beside(rows, r, syn, _header_candidates(rows, r, syn)):
            if not required <= mapping.keys() or len(mapping) < min_fields:
                continue
            score = (len(mapping), strength, r + height)
            if best is None or score > best[0] and not _printed_again(best, r, score):
                best = (score, r, height, mapping, names)
        if best is not None and r > best[1] + 1:
            break
    if best is None:
        return None
    _, r, height, mapping, names = best
    header_cells = names
    lo, hi = min(mapping.values()), max(mapping.values())
    # widen to the contiguous run of header cells around the matched ones
    while lo - 1 in header_cells:
        lo -= 1
    while hi + 1 in header_cells:
        hi += 1
    columns = {c: header_cells.get(c) or column_letter(c) for c in range(lo, hi + 1)}
    data_start = r + height
    data_end, others = _table_end(rows, data_start, lo, hi + 1, syn)
    others = _beside(rows, r, data_end, lo, hi) + others
    return Table(r, height, data_start, data_end, lo, hi + 1, columns, dict(mapping), others)


def _printed_again(best, r: int, score) -> bool:
    """A candidate below the best header's rows that matches no more fields, no better: the
    header printed again over the data (a page break), never the table's header — taking it
    would leave the rows above it unread and uncounted."""
    (fields, strength, _), best_r, height = best[0], best[1], best[2]
    return r >= best_r + height and score[:2] <= (fields, strength)


#: how many rows under a header are looked at to tell a spacer column from an unused one
_GAP_SCAN_ROWS = 50
#: how far down two side-by-side tables are followed to compare their lengths
_RUN_SCAN_ROWS = 2000


def _split_beside(rows, r: int, syn: Synonyms, candidates):
    """Header candidates of row ``r``, each cut at empty columns that part two tables.

    A 勤務表 often carries a small 残業集計 (区分 | 時間) beside the data, on the header
    row itself. Read as one header, 日 from the data and 時間 from the small table make
    a table that is neither. A column empty in the header and in the rows below parts
    two tables when the runs of data on either side end at different rows (a spacer
    column inside one table has data on both sides of every row). Each part is then a
    candidate of its own; a candidate without such a column is passed on unchanged.
    """
    for height, mapping, names, strength in candidates:
        parts = _parts(rows, r, height, mapping)
        if parts is None:
            yield height, mapping, names, strength
            continue
        for c0, c1 in parts:
            # the header row(s) with everything outside this part blanked
            local = [[]] * r + [
                [v if c0 <= c <= c1 else "" for c, v in enumerate(rows[i])] for i in range(r, min(r + 2, len(rows)))
            ]
            for h, m, n, st in _header_candidates(local, r, syn):
                if h == height:
                    yield h, m, n, st


def _parts(rows, r: int, height: int, mapping: dict[str, int]):
    """The column ranges of tables side by side under header row ``r``, or None for one table."""
    if len(mapping) < 2:
        return None
    header = rows[r : r + height]
    lo, hi = min(mapping.values()), max(mapping.values())
    filled = [c for c in range(lo, hi + 1) if any(c < len(h) and not is_empty(h[c]) for h in header)]
    if len(filled) == hi - lo + 1:
        return None  # no gap in the header between the fields: one table
    width = max(map(len, header))
    sample = rows[r + height : r + height + _GAP_SCAN_ROWS]
    occupied = [
        any(c < len(row) and not is_empty(row[c]) for row in (*header, *sample)) for c in range(width)
    ]
    parts: list[tuple[int, int]] = []
    start = None
    for c in range(width + 1):
        if c < width and occupied[c]:
            start = c if start is None else start
        elif start is not None:
            parts.append((start, c - 1))
            start = None
    used = [p for p in parts if any(p[0] <= c <= p[1] for c in mapping.values())]
    if len(used) < 2:
        return None

    def run(c0: int, c1: int) -> int:
        n = 0
        for row in rows[r + height : r + height + _RUN_SCAN_ROWS]:
            if _row_blank(row, c0, c1 + 1):
                break
            n += 1
        return n

    if len({run(c0, c1) for c0, c1 in used}) == 1:
        return None  # as long as each other: one table with a spacer column
    return used


def _looks_like_header(row: list[Any], c0: int, c1: int, syn: Synonyms) -> bool:
    cells = [row[c] for c in range(c0, min(c1, len(row))) if not is_empty(row[c])]
    if len(cells) < 2 or not all(isinstance(v, str) for v in cells):
        return False
    return sum(1 for v in cells if syn.match(v)) >= 2


def _table_end(rows, start: int, c0: int, c1: int, syn: Synonyms) -> tuple[int, list[str]]:
    """Where the data ends: at the end of the sheet, or before a second table below."""
    end = len(rows)
    # a second table starts on a header-like row right after a blank row
    blank = _blank_rows(rows, start, c0, c1)
    for r in blank:
        after = r + 1
        if after < len(rows) and after not in blank and _looks_like_header(rows[after], c0, c1, syn):
            end = after
            break
    others = []
    if end < len(rows):
        last = max((i for i in range(end, len(rows)) if not _row_blank(rows[i], 0, 1 << 14)), default=end)
        width = max(len(rows[i]) for i in range(end, last + 1))
        others.append(excel_range(end, 0, last, max(width - 1, 0)))
    # trim trailing blank rows
    while end > start and end - 1 in blank:
        end -= 1
    return end, others


def _blank_rows(rows, start: int, c0: int, c1: int) -> dict[int, None]:
    """The rows from ``start`` on that are blank in columns ``c0:c1`` (as :func:`_row_blank`
    says), in order: column by column, each distinct value looked at once."""
    body = rows[start:]
    found: list[int] | None = None
    try:
        for c in range(c0, c1):
            try:
                col = list(map(itemgetter(c), body))
            except IndexError:
                col = [row[c] if c < len(row) else "" for row in body]
            # by value alone: no number, date or time is blank, so 0, 0.0 and False may meet
            flags = {v: is_empty(v) for v in set(col)}
            found = [i for i, v in enumerate(col) if flags[v]] if found is None else [i for i in found if flags[col[i]]]
            if not found:
                break
    except TypeError:  # an unhashable cell: row by row
        found = [i for i, row in enumerate(body) if _row_blank(row, c0, c1)]
    if found is None:  # no columns: every row is blank
        found = list(range(len(body)))
    return dict.fromkeys(i + start for i in found)


def _beside(rows, r0: int, r1: int, lo: int, hi: int) -> list[str]:
    """Ranges of cells right or left of the table (a lookup table beside the data)."""
    found = []
    # rows are padded to the sheet's width: most tables have nothing on one side or both
    widest = max(map(len, rows[r0:r1]), default=0)
    for side in ("left", "right"):
        if (side == "left" and lo <= 0) or (side == "right" and widest <= hi + 1):
            continue
        top = bottom = None
        c_min, c_max = 1 << 30, -1
        for r in range(r0, r1):
            row = rows[r]
            cols = range(0, min(lo, len(row))) if side == "left" else range(hi + 1, len(row))
            for c in cols:
                if not is_empty(row[c]):
                    top = r if top is None else top
                    bottom = r
                    c_min, c_max = min(c_min, c), max(c_max, c)
        if top is not None:
            found.append(excel_range(top, c_min, bottom, c_max))
    return found
