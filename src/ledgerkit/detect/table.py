"""Find the data in a client's sheet: header row, layout, and column mapping.

Client sheets put title rows and blank rows above the header, merge header cells over
two rows, put a small lookup table beside the data, and end with 合計 rows. This module
finds the table that holds the fields asked for and says where it is; it never parses
values (that is ``normalize``) and never reads files (that is ``read``).

All indexes here are 0-based into ``sheet.rows``; Excel's row number is index + 1.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any, Iterable, Mapping

#: how many rows from the top are searched for a header
HEADER_SCAN_ROWS = 40
#: a cell longer than this is never a header or a label
MAX_HEADER_CHARS = 200

_SPACE = re.compile(r"\s+")
_BRACKETED = re.compile(r"[\(\[（【<＜][^\)\]）】>＞]*[\)\]）】>＞]")


def header_key(value: Any) -> str:
    """The form header texts are compared in: NFKC, lower case, no spaces or marks.

    Examples:
        >>> header_key(" 氏　名 ")
        '氏名'
        >>> header_key("工数（Ｈ）")
        '工数(h)'
    """
    if value is None:
        return ""
    text = str(value)
    if len(text) > MAX_HEADER_CHARS:
        # no header is this long; a cell of megabytes must not cost seconds per look
        return ""
    text = unicodedata.normalize("NFKC", text).lower()
    text = _SPACE.sub("", text)
    return text.strip(":：*※").strip()


def _relaxed(key: str) -> str:
    """The key without bracketed units: ``工数(h)`` → ``工数``."""
    return _BRACKETED.sub("", key).strip()


def is_blank(value: Any) -> bool:
    return value is None or value == "" or (isinstance(value, str) and not value.strip())


class Synonyms:
    """Header text → canonical field, through the synonym lists.

    Examples:
        >>> s = Synonyms({"person": ["氏名", "担当者"], "hours": ["工数(h)", "時間"]})
        >>> s.match("担当者"), s.match("工数（ｈ）"), s.match("時間(h)"), s.match("備考")
        ('person', 'hours', 'hours', None)
    """

    def __init__(self, fields: Mapping[str, Iterable[str]]):
        self.exact: dict[str, str] = {}
        self.relaxed: dict[str, str] = {}
        for name, words in fields.items():
            for word in [name, *words]:
                key = header_key(word)
                self.exact.setdefault(key, name)
                self.relaxed.setdefault(_relaxed(key), name)

    def match(self, value: Any) -> str | None:
        if not isinstance(value, str):
            return None
        key = header_key(value)
        if not key:
            return None
        hit = self.exact.get(key)
        if hit is None:
            relaxed = _relaxed(key)
            hit = self.exact.get(relaxed) or (self.relaxed.get(relaxed) if relaxed else None)
        return hit


def fill_merged(rows: list[list[Any]], merged: Iterable[tuple[int, int, int, int]]) -> list[list[Any]]:
    """Rows with each merged range's value copied into every cell of the range.

    Only the rows a merge touches are copied; the input is not modified.

    Examples:
        >>> fill_merged([["案件", ""], ["", ""]], [(0, 0, 1, 1)])
        [['案件', '案件'], ['案件', '案件']]
    """
    merged = list(merged)
    if not merged:
        return rows
    out = list(rows)
    copied: set[int] = set()
    for r0, c0, r1, c1 in merged:
        if r0 >= len(rows):
            continue
        top = rows[r0]
        value = top[c0] if c0 < len(top) else ""
        if is_blank(value):
            continue
        for r in range(r0, min(r1, len(rows) - 1) + 1):
            if r not in copied:
                out[r] = list(out[r])
                copied.add(r)
            row = out[r]
            if len(row) <= c1:
                row.extend([""] * (c1 + 1 - len(row)))
            for c in range(c0, c1 + 1):
                if is_blank(row[c]):
                    row[c] = value
    return out


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


def _rows_of(rows_or_sheet) -> list[list[Any]]:
    """Rows from a list of rows, or from a RawSheet with its merged cells filled."""
    if hasattr(rows_or_sheet, "rows"):
        return fill_merged(rows_or_sheet.rows, getattr(rows_or_sheet, "merged", ()) or ())
    return rows_or_sheet


def _text(value: Any) -> str:
    return "" if is_blank(value) else _one_line(str(value))


_LINE_BREAK = re.compile(r"\s*[\r\n]+\s*")


def _one_line(text: str) -> str:
    """A header written over two lines (Alt+Enter) as one: 作業\\n時間 → 作業時間.

    Examples:
        >>> _one_line(" 作業\\n時間 "), _one_line("Work\\nDate"), _one_line("税抜\\n(10%)")
        ('作業時間', 'Work Date', '税抜 (10%)')
    """
    text = text.strip()
    if "\n" not in text and "\r" not in text:
        return text

    def join(m: re.Match) -> str:
        before, after = text[m.start() - 1], text[m.end()]
        return "" if not before.isascii() and not after.isascii() else " "

    return _LINE_BREAK.sub(join, text)


def _header_candidates(rows, r, syn: Synonyms):
    """(mapping, names) for row r alone and rows r..r+1 as a two-row header."""
    row = rows[r]
    single_map: dict[str, int] = {}
    single_names: dict[int, str] = {}
    for c, v in enumerate(row):
        if isinstance(v, str) and v.strip():
            single_names[c] = _one_line(v)
            f = syn.match(v)
            if f and f not in single_map:
                single_map[f] = c
    yield 1, single_map, single_names, 2 * len(single_map)
    if r + 1 >= len(rows):
        return
    below = rows[r + 1]
    if not single_map:
        # a title row above the header is not a first header row
        return
    double_names: dict[int, str] = {}
    # field -> (strength, -col): a child's own match beats its group label's
    # (工数 over 予定/実績: 実績 is the hours, not 予定)
    best: dict[str, tuple[int, int]] = {}
    width = max(len(row), len(below))
    for c in range(width):
        parent = _text(row[c]) if c < len(row) else ""
        child = _text(below[c]) if c < len(below) else ""
        if not parent and not child:
            continue
        if child and not isinstance(below[c], str):
            # a number or date below a header is data, not a second header row
            return
        f, strength = None, 0
        if child:
            f = syn.match(child) or (syn.match(parent + child) if parent else None)
            strength = 3 if f else 0
        if f is None and parent:
            f = syn.match(parent)
            strength = 2 if not child else 1
        name = child or parent
        if child and parent and child != parent:
            name = f"{parent} {child}" if f is None or syn.match(child) is None else child
        double_names[c] = name
        if f and (f not in best or (strength, -c) > best[f]):
            best[f] = (strength, -c)
    double_map = {f: -neg_c for f, (_, neg_c) in best.items()}
    if _label_row_above(row, below, double_map, syn):
        return
    yield 2, double_map, double_names, sum(st for st, _ in best.values())


def _label_row_above(row: list[Any], below: list[Any], double_map: dict[str, int], syn: Synonyms) -> bool:
    """Whether ``row`` is a label and its value (氏名 | 山田) right above the header ``below``.

    Either a name label (氏名, 社員番号) has a value beside it that is no header text,
    or the row adds nothing to the header below (every field is found in ``below``
    alone) and holds a cell that is no header text (山田). Read as a two-row header it
    would hide the 氏名 cell from the rows above the table.
    """
    # 氏名 | 森田 over 年 | 月 | 日: a name label with its value beside it is never a header
    for c, v in enumerate(row):
        if syn.match(v) not in ("person", "person_id"):
            continue
        label = _text(v)
        right = next((w for w in row[c + 1 : c + 4] if not is_blank(w) and _text(w) != label), None)
        if right is not None and syn.match(right) is None and _text(right) not in ("", label):
            return True
    alone: dict[str, int] = {}
    for c, v in enumerate(below):
        f = syn.match(v)
        if f and f not in alone:
            alone[f] = c
    if alone != double_map:
        return False
    for c, v in enumerate(row):
        if is_blank(v):
            continue
        child = below[c] if c < len(below) else ""
        if syn.match(v) is None and _text(v) != _text(child):
            return True
    return False


def _col_letter(c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def excel_range(r0: int, c0: int, r1: int, c1: int) -> str:
    """0-based inclusive bounds as an Excel range: ``excel_range(0, 0, 9, 2) == 'A1:C10'``."""
    return f"{_col_letter(c0)}{r0 + 1}:{_col_letter(c1)}{r1 + 1}"


def column_letter(c: int) -> str:
    """0-based column index as Excel's letters: 0 → A, 27 → AB."""
    return _col_letter(c)


def _row_blank(row: list[Any], c0: int, c1: int) -> bool:
    # is_blank inlined: this runs for every row of a sheet
    for v in row[c0:c1]:
        if v is None or v == "" or (isinstance(v, str) and not v.strip()):
            continue
        return False
    return True


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
            if best is None or score > best[0]:
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
    filled = [c for c in range(lo, hi + 1) if any(c < len(h) and not is_blank(h[c]) for h in header)]
    if len(filled) == hi - lo + 1:
        return None  # no gap in the header between the fields: one table
    width = max(map(len, header))
    sample = rows[r + height : r + height + _GAP_SCAN_ROWS]
    occupied = [
        any(c < len(row) and not is_blank(row[c]) for row in (*header, *sample)) for c in range(width)
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
    cells = [row[c] for c in range(c0, min(c1, len(row))) if not is_blank(row[c])]
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
            flags = {v: is_blank(v) for v in set(col)}
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
                if not is_blank(row[c]):
                    top = r if top is None else top
                    bottom = r
                    c_min, c_max = min(c_min, c), max(c_max, c)
        if top is not None:
            found.append(excel_range(top, c_min, bottom, c_max))
    return found


# --- day grids -------------------------------------------------------------------

_DAY_TEXT = re.compile(r"^(?:\d{1,2}\s*[/月]\s*)?(\d{1,2})\s*日?\s*(?:[\(（][^\)）]{1,3}[\)）])?$")
_WEEKDAYS = set("月火水木金土日") | {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def day_of_header(value: Any) -> int | dt.date | None:
    """The day a grid header cell stands for: 1..31, or a date.

    Examples:
        >>> day_of_header(1), day_of_header("15日"), day_of_header("３(水)"), day_of_header("合計")
        (1, 15, 3, None)
        >>> day_of_header("10/2"), day_of_header("10月3日(土)")
        (2, 3)
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (int, float)):
        if float(value).is_integer() and 1 <= value <= 31:
            return int(value)
        return None
    if isinstance(value, str) and len(value) <= 16:
        m = _DAY_TEXT.match(unicodedata.normalize("NFKC", value).strip())
        if m:
            day = int(m.group(1))
            return day if 1 <= day <= 31 else None
    return None


def _is_weekday_label(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    key = header_key(value).strip("()")
    return key in _WEEKDAYS or key.rstrip("曜日") in _WEEKDAYS


@dataclass
class Grid:
    """A day grid: labels (project, task, person…) down, days 1..31 across."""

    header_row: int
    data_start: int
    data_end: int
    #: column → day of month (int) or full date
    days: dict[int, int | dt.date]
    #: canonical label field → column
    labels: dict[str, int]
    #: columns after the days that hold totals (合計) — not data
    total_cols: list[int]
    columns: dict[int, str]
    others: list[str] = field(default_factory=list)
    #: day columns of a 予定 block beside the 実績 block (not data), and its label
    plan_cols: list[int] = field(default_factory=list)
    plan_label: str = ""

    @property
    def header_excel_row(self) -> int:
        return self.header_row + 1


def _day_run(row: list[Any]) -> dict[int, int | dt.date]:
    """The longest run of increasing day headers in a row.

    A closing-day period (締め日 20日: 21 … 31, 1 … 20) is one run: day numbers may
    start again at 1 once, after a day from 28 on. Which month each part belongs to is
    the reader's business (:func:`split_period`).

    Examples:
        >>> list(_day_run(["案件", *range(21, 32), *range(1, 21)]).values()) == [*range(21, 32), *range(1, 21)]
        True
    """
    best: dict[int, int | dt.date] = {}
    run: dict[int, int | dt.date] = {}
    last = None
    wrapped = False
    for c, v in enumerate(row):
        d = day_of_header(v)
        if d is None:
            if is_blank(v) and run:
                continue  # a blank column inside the days (a hidden or spacer column)
            if len(run) > len(best):
                best = run
            run, last = {}, None
            continue
        key = d.toordinal() if isinstance(d, dt.date) else d
        if last is not None and key <= last:
            if isinstance(d, int) and d == 1 and last >= 28 and not wrapped and run:
                # the next month of a closing-day period: the run goes on
                wrapped = True
                run[c] = d
                last = key
                continue
            if len(run) > len(best):
                best = run
            run, wrapped = {}, False
        run[c] = d
        last = key
    if len(run) > len(best):
        best = run
    return best


_PLAN_WORDS = ("予定", "計画", "見込", "予測", "plan", "forecast")
_ACTUAL_WORDS = ("実績", "actual")


def _plan_actual_blocks(rows, r: int) -> tuple[dict, list[int], str] | None:
    """A 予定 block and a 実績 block of days side by side, labelled in a row above the days:
    ``(days of 実績, day columns of 予定, the 予定 label)``, or None.

    Examples:
        >>> rows = [["", "予定", "", "", "実績", ""], ["案件", 1, 2, "", 1, 2]]
        >>> _plan_actual_blocks(rows, 1)
        ({4: 1, 5: 2}, [1, 2], '予定')
    """
    row = rows[r]
    blocks: list[dict] = []
    last = None
    for c, v in enumerate(row):
        d = day_of_header(v)
        if d is None:
            if not is_blank(v):
                last = None
                blocks.append({})
            continue
        key = d.toordinal() if isinstance(d, dt.date) else d
        if last is None or key <= last or not blocks:
            blocks.append({})
        blocks[-1][c] = d
        last = key
    blocks = [b for b in blocks if b]
    if len(blocks) < 2:
        return None
    kinds = []
    label = ""
    for i, b in enumerate(blocks):
        lo = max(blocks[i - 1]) + 1 if i else 0
        found = ""
        for rr in (r - 1, r - 2):
            if rr < 0:
                continue
            above = rows[rr]
            # the label at or left of the block's first day (a merged label is filled), else over it
            for c in [*range(min(b), lo - 1, -1), *range(min(b) + 1, max(b) + 1)]:
                if c < len(above) and isinstance(above[c], str) and above[c].strip():
                    found = above[c].strip()
                    break
            if found:
                break
        key = header_key(found)
        kinds.append("plan" if key.startswith(_PLAN_WORDS) else "actual" if key.startswith(_ACTUAL_WORDS) else "")
        if kinds[-1] == "plan" and not label:
            label = _one_line(found)
    if kinds.count("actual") != 1 or "plan" not in kinds:
        return None
    actual = blocks[kinds.index("actual")]
    plan = [c for b, k in zip(blocks, kinds) if k == "plan" for c in b]
    return actual, plan, label


def split_period(days: dict[int, int | dt.date]) -> tuple[list[int], list[int]]:
    """The day columns of a closing-day period: (columns of the earlier month, the rest).

    ``21 … 31, 1 … 20`` → the columns of 21 … 31, then those of 1 … 20. A grid of one
    month gives ``([], all columns)``.

    Examples:
        >>> split_period({2: 21, 3: 31, 4: 1, 5: 20})
        ([2, 3], [4, 5])
        >>> split_period({2: 1, 3: 2})
        ([], [2, 3])
    """
    cols = sorted(c for c, d in days.items() if isinstance(d, int))
    for i in range(1, len(cols)):
        if days[cols[i]] < days[cols[i - 1]]:
            return cols[:i], cols[i:]
    return [], cols


def detect_day_grid(
    rows: list[list[Any]],
    label_fields: Mapping[str, Iterable[str]],
    *,
    need_any: Iterable[str] = ("project", "task"),
    scan_rows: int = HEADER_SCAN_ROWS,
    min_days: int = 15,
    total_words: Iterable[str] = (),
) -> Grid | None:
    """Find a header row with days across (1..31, ``1日``, dates) and labels to the left.

    Examples:
        >>> rows = [["2026年10月 工数", *[""] * 16],
        ...         ["案件", "作業", *range(1, 16), "合計"],
        ...         ["A-001", "設計", *[8] * 15, 120]]
        >>> g = detect_day_grid(rows, {"project": ["案件"], "task": ["作業"]})
        >>> g.header_excel_row, g.labels, len(g.days), g.total_cols, g.data_start
        (2, {'project': 0, 'task': 1}, 15, [17], 2)
    """
    rows = _rows_of(rows)
    syn = label_fields if isinstance(label_fields, Synonyms) else Synonyms(label_fields)
    need_any = set(need_any)
    for r in range(min(scan_rows, len(rows))):
        row = rows[r]
        days = _day_run(row)
        # 予定 | 実績 blocks of days side by side: the 実績 days are the data
        blocks = _plan_actual_blocks(rows, r) if r > 0 and len(days) >= min_days // 2 else None
        plan_cols, plan_label = [], ""
        if blocks is not None:
            days, plan_cols, plan_label = blocks
        if len(days) < min_days:
            continue
        first_day = min([*days, *plan_cols])
        labels: dict[str, int] = {}
        names: dict[int, str] = {}
        # labels may sit in this row or, for a two-row header, in the row above — but only
        # above a blank cell, and a 氏名 | 山田 pair above the header is the sheet's person,
        # not a label (one column never stands for two fields)
        above_is_pair = r > 0 and _label_row_above(rows[r - 1], row, {}, syn)
        for rr in (r, r - 1):
            if rr < 0 or (rr == r - 1 and above_is_pair):
                continue
            for c in range(0, min(first_day, len(rows[rr]))):
                v = rows[rr][c]
                if rr == r - 1 and c < len(row) and not is_blank(row[c]):
                    continue
                f = syn.match(v)
                if f and f not in labels and c not in names:
                    labels[f] = c
                    names[c] = str(v).strip()
        if not labels or (need_any and not need_any & labels.keys()):
            continue
        last_day = max(days)
        total_cols = []
        for c in range(last_day + 1, len(row)):
            v = row[c]
            if is_blank(v) or c in plan_cols:
                continue
            total_cols.append(c)
            names[c] = str(v).strip()
        for c, d in days.items():
            # the header as written (10/4, 4日) names the column in issues; a number or date as such
            v = row[c]
            names[c] = _one_line(v) if isinstance(v, str) else str(d) if isinstance(d, int) else d.isoformat()
        data_start = r + 1
        # a weekday row (月 火 水 …) under the day numbers is part of the header
        if data_start < len(rows):
            under = rows[data_start]
            marks = sum(1 for c in days if c < len(under) and _is_weekday_label(under[c]))
            if marks >= len(days) // 2:
                data_start += 1
        c0 = min(labels.values())
        data_end, others = _table_end(rows, data_start, c0, (max(total_cols) if total_cols else last_day) + 1, syn)
        return Grid(r, data_start, data_end, days, labels, total_cols, names, others, plan_cols, plan_label)
    return None


# --- cells around the table ---------------------------------------------------------


# Labels of a form's other input cells: a value never reads as one of these
_FORM_LABELS = ("所属", "部署", "部門", "会社", "派遣元", "派遣先", "提出日", "作成日", "承認", "社員番号", "社員no",
                "従業員番号", "案件", "プロジェクト", "期間", "対象月", "対象年月", "印")


def _is_form_label(v: Any) -> bool:
    """``所属`` / ``提出日`` … : the label of another input cell, not a value.

    Examples:
        >>> _is_form_label("所属"), _is_form_label("提出日:"), _is_form_label("山田太郎"), _is_form_label(3)
        (True, True, False, False)
    """
    if not isinstance(v, str):
        return False
    k = header_key(v).rstrip(":：")
    return k in _FORM_LABELS or (len(k) <= 6 and any(k.startswith(w) for w in _FORM_LABELS if len(w) > 1))


def find_labelled_value(
    rows: list[list[Any]], words: Iterable[str], *, scan_rows: int = HEADER_SCAN_ROWS, before_row: int | None = None
) -> tuple[Any, int, int] | None:
    """The value next to a label cell such as ``氏名`` (to the right, else below).

    Also reads a label and value in one cell: ``氏名：山田太郎``. Returns
    ``(value, row, col)`` of the value, or None.

    Examples:
        >>> find_labelled_value([["作業報告書", ""], ["氏名", "山田 太郎"]], ["氏名"])
        ('山田 太郎', 1, 1)
        >>> find_labelled_value([["氏名：佐藤"]], ["氏名"])
        ('佐藤', 0, 0)
    """
    keys = {header_key(w) for w in words}
    limit = min(scan_rows if before_row is None else before_row, len(rows))
    for r in range(limit):
        row = rows[r]
        for c, v in enumerate(row):
            if not isinstance(v, str):
                continue
            k = header_key(v)
            if k in keys:
                # to the right, past the label's own merged cells and merged blanks (氏名 in A2,
                # the name in F2); another label there (所属, 提出日) means the value is below
                for cc in range(c + 1, min(c + 9, len(row))):
                    w = row[cc]
                    if is_blank(w) or (isinstance(w, str) and header_key(w) in keys):
                        continue
                    if not _is_form_label(w):
                        return w, r, cc
                    break
                # below, past a label merged over two rows (filled with its text)
                for rr in range(r + 1, min(r + 4, len(rows))):
                    w = rows[rr][c] if c < len(rows[rr]) else ""
                    if isinstance(w, str) and header_key(w) in keys:
                        continue
                    if not is_blank(w) and not _is_form_label(w):
                        return w, rr, c
                    break
                continue
            for key in keys:
                if k.startswith(key) and len(k) > len(key) and k[len(key)] in ":：":
                    rest = re.split(r"[:：]", unicodedata.normalize("NFKC", v), maxsplit=1)[1].strip()
                    if rest:
                        return rest, r, c
    return None


def title_texts(rows: list[list[Any]], upto: int) -> list[str]:
    """Text cells above the header (titles such as ``2026年10月 工数報告``)."""
    out = []
    for r in range(min(upto, len(rows))):
        for v in rows[r]:
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
    return out
