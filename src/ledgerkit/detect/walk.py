"""The shared row walk: what every sheet reader does with the rows under its header.

Whatever the kind, the rows below a header are blank, a total (合計/小計), the header
printed again on a new page, or data; every data row ends up in the reader's frame or
rejected with a reason, and the reasons name the row as Excel numbers it. Readers classify
their rows with :func:`classify_rows` (column by column: a sheet of 300,000 rows holds a
few hundred distinct texts per column, so each distinct value is looked at once), keep the
count with a :class:`RowLog`, and continue merged-looking cells with :func:`carry_down`.

Examples:
    >>> rows = [["日付", "案件", "工数"], ["10/1", "A", 8], ["", "", ""], ["日付", "案件", "工数"],
    ...         ["10/2", "B", "x"], ["合計", "", 8]]
    >>> kinds = classify_rows(rows, 1, 6, columns=range(3), labels=[0, 1], header=rows[0])
    >>> sorted(kinds.blank), sorted(kinds.total), sorted(kinds.repeated), kinds.data(1, 6)
    ([2], [5], [3], [1, 4])
    >>> log = RowLog("a.xlsx", "10月")
    >>> log.keep(1); _ = log.reject(4, "bad_cell", column="工数", value="x", field="工数"); log.total(5)
    >>> log.rows_read, [(i.code, i.row, i.rejected) for i in log.issues]
    (2, [('bad_cell', 5, True), ('total_row', 6, False)])
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Iterable, Sequence

from ledgerkit.core.issues import Issue
from ledgerkit.parse.text import is_blank, is_total_label, normalize_text


def cell_text(value: Any) -> str:
    """A cell as a person reads it in a message: ``8.0`` → ``8``, a date without its midnight.

    Examples:
        >>> cell_text(8.0), cell_text(dt.datetime(2026, 10, 1)), cell_text(None), cell_text("７")
        ('8', '2026-10-01', '', '７')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date().isoformat()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return "" if value is None else str(value)


def column_values(rows: Sequence[Sequence[Any]], c: int, start: int = 0, end: int | None = None) -> list[Any]:
    """Column ``c`` of ``rows[start:end]`` (``''`` where a row is shorter)."""
    body = rows[start:end]
    try:
        return list(map(itemgetter(c), body))
    except IndexError:
        return [row[c] if c < len(row) else "" for row in body]


@dataclass
class RowKinds:
    """Which rows (0-based, as in the sheet's rows) are blank, totals (with their label), a repeated
    header or a note (with its text: ``※ 金額は税抜``)."""

    blank: set[int] = dataclasses.field(default_factory=set)
    total: dict[int, str] = dataclasses.field(default_factory=dict)
    repeated: set[int] = dataclasses.field(default_factory=set)
    note: dict[int, str] = dataclasses.field(default_factory=dict)

    def data(self, start: int, end: int) -> list[int]:
        """The rows of ``start:end`` that are none of these."""
        skip = self.blank | self.total.keys() | self.repeated | self.note.keys()
        return [r for r in range(start, end) if r not in skip]


def classify_rows(
    rows: Sequence[Sequence[Any]],
    start: int,
    end: int,
    *,
    columns: Iterable[int],
    labels: Iterable[int] = (),
    header: Sequence[Any] | None = None,
) -> RowKinds:
    """Classify ``rows[start:end]``: blank in every one of ``columns``; a total when one of the
    ``labels`` columns says 合計/小計/計/Total; the ``header`` printed again (two or more of its
    texts in their columns); a note (:func:`note_text`: one text in the whole row, starting with
    ※, (注), 備考…). A row is only one of them, in that order. A reader lists a note
    with :meth:`RowLog.note_row`."""
    columns = list(columns)
    kinds = RowKinds(blank=_blank(rows, start, end, columns))
    for c in dict.fromkeys(labels):
        col = column_values(rows, c, start, end)
        hits = {v: isinstance(v, str) and is_total_label(v) for v in set(col) if _hashable(v)}
        for i, v in enumerate(col):
            r = start + i
            if r not in kinds.blank and r not in kinds.total and hits.get(v, False):
                kinds.total[r] = v
    if header is not None:
        kinds.repeated = _repeated(rows, start, end, columns, header) - kinds.blank - kinds.total.keys()
    kinds.note = {r: text for r, text in notes(rows, start, end, columns).items()
                  if r not in kinds.blank and r not in kinds.total and r not in kinds.repeated}
    return kinds


def notes(rows: Sequence[Sequence[Any]], start: int, end: int, columns: Iterable[int]) -> dict[int, str]:
    """The note rows of ``rows[start:end]`` (:func:`note_text`) whose note is in one of ``columns``,
    with their text; each distinct text of a column looked at once."""
    return notes_in(rows, start, {c: column_values(rows, c, start, end) for c in columns})


def notes_in(rows: Sequence[Sequence[Any]], start: int, columns: dict[int, list[Any]]) -> dict[int, str]:
    """:func:`notes`, given the columns' values already read (column → its values from ``rows[start]`` on).

    Examples:
        >>> rows = [["10/1", "山田", 8], ["※ 山田は11月から別案件", "", ""], ["備考", "", 1]]
        >>> notes_in(rows, 0, {0: ["10/1", "※ 山田は11月から別案件", "備考"], 2: [8, "", 1]})
        {1: '※ 山田は11月から別案件'}
    """
    found: dict[int, str] = {}
    for col in columns.values():
        marked = {v for v in set(col) if isinstance(v, str) and _marked(v)}
        if not marked:
            continue  # almost every column: no pass over its cells
        for i, v in enumerate(col):
            if v in marked and start + i not in found:
                text = note_text(rows[start + i])
                if text is not None:
                    found[start + i] = text
    return found


def _marked(text: str) -> bool:
    return normalize_text(text).startswith(_NOTE_MARKS)


#: how a note written under a table starts (※ 金額は税抜。 / (注) … / 備考: …), after NFKC
_NOTE_MARKS = ("※", "*", "(注", "注)", "注:", "注記", "備考", "メモ")


def note_text(row: Sequence[Any]) -> str | None:
    """The text of a note row (one text cell, starting with ※ / (注) / 備考), else None.

    Examples:
        >>> note_text(["", "※ 金額は税抜", ""]), note_text(["PO-1", "", ""]), note_text(["※", 5])
        ('※ 金額は税抜', None, None)
    """
    cells = [v for v in row if not is_blank(v)]
    if len(cells) != 1 or not isinstance(cells[0], str):
        return None
    text = normalize_text(cells[0])
    return text if text.startswith(_NOTE_MARKS) else None


def _hashable(v: Any) -> bool:
    try:
        hash(v)
    except TypeError:
        return False
    return True


def _blank(rows, start: int, end: int, columns: list[int]) -> set[int]:
    found: set[int] | None = None
    for c in columns:
        col = column_values(rows, c, start, end)
        # by value alone: no number, date or time is blank, so 0, 0.0 and False may meet
        flags = {v: is_blank(v) for v in set(col)}
        here = {start + i for i, v in enumerate(col) if flags[v]}
        found = here if found is None else found & here
        if not found:
            return set()
    return found if found is not None else set(range(start, end))


def _repeated(rows, start: int, end: int, columns: list[int], header: Sequence[Any]) -> set[int]:
    texts = {c: normalize_text(header[c]) for c in columns
             if c < len(header) and isinstance(header[c], str) and header[c].strip()}
    if len(texts) < 2:
        return set()
    counts: dict[int, int] = {}
    for c, text in texts.items():
        col = column_values(rows, c, start, end)
        same = {v: isinstance(v, str) and normalize_text(v) == text for v in set(col) if _hashable(v)}
        for i, v in enumerate(col):
            if same.get(v, False):
                counts[start + i] = counts.get(start + i, 0) + 1
    return {r for r, n in counts.items() if n >= 2}


def carry_down(row: Sequence[Any], previous: Sequence[Any], columns: Iterable[int]) -> list[Any]:
    """``row`` with its blank cells in ``columns`` taken from ``previous``: the invoice number,
    vendor and dates written on a group's first row only (as if merged down).

    Examples:
        >>> carry_down(["", "", 80], ["A-1", "㈱アルファ", 100], [0, 1])
        ['A-1', '㈱アルファ', 80]
    """
    columns = list(columns)
    out = list(row) + [""] * max(0, max(columns, default=-1) + 1 - len(row))
    for c in columns:
        if is_blank(out[c]) and c < len(previous):
            out[c] = previous[c]
    return out


class RowLog:
    """The rows a sheet reader saw: ``rows_read`` (data rows, kept or rejected) and the issues, by Excel row.

    Row arguments are 0-based indexes into the sheet's rows; issues carry the Excel row (``r + 1``).
    """

    def __init__(self, file: str, sheet: str, issues: list[Issue] | None = None):
        self.file = file
        self.sheet = sheet
        self.issues: list[Issue] = issues if issues is not None else []
        self.rows_read = 0

    def keep(self, r: int) -> None:
        """A data row that is in the output."""
        self.rows_read += 1

    def reject(self, r: int, code: str, *, column: str = "", value: Any = "", field: str = "",
               severity: str = "error", **params: Any) -> Issue:
        """A data row that is not in the output, and why (counted as read)."""
        self.rows_read += 1
        text = cell_text(value)
        issue = Issue(code, self.file, self.sheet, r + 1, column=column, value=text, severity=severity,
                      rejected=True, params={"field": field or column, "value": text, **params})
        self.issues.append(issue)
        return issue

    def reject_issue(self, r: int, issue: Issue) -> Issue:
        """A data row that is not in the output, with the Issue the reader made (counted as read)."""
        self.rows_read += 1
        issue = issue.at(file=self.file, sheet=self.sheet, row=r + 1)
        self.issues.append(issue)
        return issue

    def note(self, r: int | None, code: str, *, column: str = "", value: Any = "", severity: str = "warning",
             scope: str = "row", **params: Any) -> Issue:
        """Something about a row (kept) or about the sheet (``r`` None) a person should see."""
        text = cell_text(value)
        issue = Issue(code, self.file, self.sheet, None if r is None else r + 1, column=column, value=text,
                      severity=severity, scope=scope if r is not None else "sheet", params=params)
        self.issues.append(issue)
        return issue

    def total(self, r: int, **params: Any) -> None:
        """A 合計/小計 row: not data, listed (its figures may be checked by the reader)."""
        self.issues.append(Issue("total_row", self.file, self.sheet, r + 1, params=params))

    def repeated_header(self, r: int) -> None:
        """The header printed again on a new page: not data, listed."""
        self.issues.append(Issue("repeated_header", self.file, self.sheet, r + 1))

    def note_row(self, r: int, text: str) -> None:
        """A note written in the table (※ 金額は税抜): not data, listed as info with its text."""
        self.skip(r, "note_row", value=text)

    def skip(self, r: int, code: str, **params: Any) -> None:
        """A row that is not data for another reason (a plan row, a day off), listed as info."""
        self.issues.append(Issue(code, self.file, self.sheet, r + 1, params=params))

    def not_data(self, r: int, kinds: RowKinds) -> bool:
        """True when row ``r`` is not data by ``kinds``: blank (skipped), a total, a repeated
        header or a note (each listed); the shared first step of a sheet reader's row loop."""
        if r in kinds.blank:
            return True
        if r in kinds.total:
            self.total(r)
        elif r in kinds.repeated:
            self.repeated_header(r)
        elif r in kinds.note:
            self.note_row(r, kinds.note[r])
        else:
            return False
        return True
