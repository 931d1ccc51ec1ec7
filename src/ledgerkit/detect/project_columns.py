"""Dates down, projects across: a 日付 column and one column of figures per project.

::

    日付   | 曜日 | A-1001 | B-2002 | C-3003 | 合計
    10/1  | 木   | 7.5    |        | 0.5    | 8
    …
    合計   |      | 120    | 30     | 4      | 154

A project column is told from the sheet's other columns by its header — not a field of the
kind (氏名, 備考, 作業内容), not a word that names something else (曜日, 合計, 出勤, 休憩 …) —
and by its values: mostly figures of a day (hours) or blank, on the rows whose 日付 is a
date. A header alone is never enough. A second header row may name the projects under their
codes (案件名), or the codes may sit under one label written over them all (案件, merged).

A project may be split into 実績 | 予定 (or 計画 | 実績) by the last header row, its code
merged over both (and its name, on a row between, merged the same way)::

    日付 | 曜日 | PJ-101      | PJ-205      | 合計
         |      | 実績 | 予定 | 実績 | 予定 | 実績 | 予定

The 実績 column is the project's hours; the 予定 ones are ``plan_cols`` (listed, never
counted), as a WBS's 予定 column is.

Examples:
    >>> rows = [["2026年10月 工数"], ["日付", "曜日", "A-1001", "B-2002", "合計"],
    ...         ["10/1", "木", 7.5, 0.5, 8], ["10/2", "金", "", 8, 8], ["合計", "", 7.5, 8.5, 16]]
    >>> p = detect_project_columns(rows, {"date": ["日付"], "person": ["氏名"]})
    >>> p.header_excel_row, p.date_col, p.projects, p.total_cols, p.data_start, p.data_end
    (2, 0, {2: 'A-1001', 3: 'B-2002'}, [4], 2, 5)
    >>> detect_project_columns([["日付", "工数"], ["10/1", 8]], {"date": ["日付"], "hours": ["工数"]}) is None
    True
    >>> rows = [["日付", "A-1", "A-1", "B-2", "B-2"], ["日付", "実績", "予定", "予定", "実績"],
    ...         ["10/1", 7.5, 8, 1, 0.5], ["10/2", 8, 8, 0, ""]]
    >>> p = detect_project_columns(rows, {"date": ["日付"]})
    >>> p.projects, p.plan_cols, p.header_rows, p.columns[4]
    ({1: 'A-1', 4: 'B-2'}, {2: 'A-1 予定', 3: 'B-2 予定'}, 2, 'B-2 実績')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from ledgerkit.intake.cells import is_empty
from ledgerkit.kinds import COLUMN_KINDS
from ledgerkit.detect.day_grids import _ACTUAL_WORDS, _PLAN_WORDS
from ledgerkit.detect.evidence import column_evidence, looks_like_date, looks_like_hours
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, Synonyms, _one_line, header_key
from ledgerkit.detect.long_tables import _table_end
from ledgerkit.detect.merged import _rows_of
from ledgerkit.parse.text import is_total_label, normalize_text

__all__ = ["ProjectColumns", "detect_project_columns", "is_not_project_header"]

# Headers that name something other than a project: the day, totals, notes, and the columns
# of a 勤務表 (出勤 | 退勤 | 休憩 | 実働), whose times would otherwise pass for hours; a 勤怠
# system's export adds 労働合計 | 所定内労働 | 所定外労働 | 法定外 | 就業時間 | 出勤打刻 (the same
# hours split several ways: read as projects, a day was counted two or three times)
_NOT_PROJECT = re.compile(
    r"曜|備考|摘要|内容|メモ|コメント|特記|出勤|退勤|出社|退社|始業|終業|開始|終了|休憩|実働|勤務|残業|時間外|深夜|"
    r"労働|所定|法定|就業|打刻|"
    r"遅刻|早退|欠勤|有給|有休|休暇|勤怠|区分|承認|確認|^印$|^no\.?$|^番号$|^連番$|^週|場所|状態|ステータス|"
    r"^remarks?$|^notes?$|^memo$|^comments?$|^weekday$|^day$|^start|^end$|^break|overtime",
    re.IGNORECASE,
)
# Fields of the other kinds (数量, 税率, 単価, 件名 …): a list of another kind, never projects
_OTHER_FIELDS = frozenset(header_key(w) for kind, (fields, _, _) in COLUMN_KINDS.items() if kind != "hours"
                          for words in fields.values() for w in words)
#: share of a project column's filled cells (on dated rows) that must be hours
MIN_HOURS_SHARE = 0.8


@dataclass
class ProjectColumns:
    """Where a dates-down, projects-across table is (0-based rows and columns)."""

    header_row: int
    header_rows: int
    data_start: int
    data_end: int
    date_col: int
    #: column → the project as written in the header (a code or a 案件名)
    projects: dict[int, str]
    #: column → the name written under the project's code (second header row), or ""
    names: dict[int, str]
    #: other fields of the kind found in the header (person, task, note …) → column
    labels: dict[str, int]
    #: 合計 columns (a row's total)
    total_cols: list[int]
    #: every column's header as written, for issues
    columns: dict[int, str]
    #: a label written once over the project columns (案件, 工数(人日)), or ""
    group: str = ""
    others: list[str] = field(default_factory=list)
    #: 予定 / 計画 columns of projects split into 実績 | 予定 (not data) → their header as written
    plan_cols: dict[int, str] = field(default_factory=dict)
    #: columns headed like a project whose cells are too seldom hours to be one (read into
    #: nothing: the reader says so) → their header as written
    unread: dict[int, str] = field(default_factory=dict)

    @property
    def header_excel_row(self) -> int:
        return self.header_row + 1


def is_not_project_header(text: Any) -> bool:
    """A header that names something other than a project (曜日, 合計, 備考, 出勤, 休憩, 数量, 税率 …).

    Examples:
        >>> [is_not_project_header(t) for t in ("曜日", "合 計", "作業内容", "出勤時刻", "税率", "A-1001", "基幹刷新")]
        [True, True, True, True, True, False, False]
        >>> [is_not_project_header(t) for t in ("労働合計", "所定内労働", "所定外労働", "法定外残業")]
        [True, True, True, True]
    """
    if not isinstance(text, str) or not text.strip():
        return True
    key = header_key(text)
    return is_total_label(text) or key in _OTHER_FIELDS or bool(_NOT_PROJECT.search(key))


def _cell(row, c: int) -> Any:
    return row[c] if c < len(row) else ""


def _text(v: Any) -> str:
    return _one_line(str(v)) if not is_empty(v) and isinstance(v, (str, int, float)) and not isinstance(v, bool) else ""


def _second_header(row, below, date_col: int) -> bool:
    """The row under the header names the projects (案件名) or holds their codes under a label."""
    if not below or looks_like_date(_cell(below, date_col)):
        return False
    filled = [(c, v) for c, v in enumerate(below) if not is_empty(v) and c != date_col]
    return bool(filled) and all(isinstance(v, str) and not looks_like_date(v) and not is_total_label(v) or
                                 normalize_text(v) == normalize_text(_cell(row, c)) for c, v in filled)


def _heads(row, below, second: bool) -> tuple[dict[int, tuple[str, str]], str]:
    """column → (project header, name under it), and the label written over the projects.

    A text written over two or more columns whose second-row texts differ (案件, merged
    and filled over A-1001 | B-2002) is a label over the projects: the codes are below it.
    """
    width = max(len(row), len(below) if second else 0)
    tops = {c: _text(_cell(row, c)) for c in range(width)}
    subs = {c: _text(_cell(below, c)) if second else "" for c in range(width)}
    group = ""
    if second:
        counts: dict[str, set[str]] = {}
        for c in range(width):
            if tops[c] and subs[c]:
                counts.setdefault(tops[c], set()).add(subs[c])
        group = next((t for t, s in counts.items() if len(s) >= 2 and not is_total_label(t)), "")
    heads = {}
    for c in range(width):
        top, sub = tops[c], subs[c]
        if group and top == group and sub:
            heads[c] = (sub, "")
        elif top:
            heads[c] = (top, sub if sub != top else "")
        elif sub:
            heads[c] = (sub, "")
    return heads, group


_WORDS_PLAN = (*_PLAN_WORDS, "見積")


def plan_or_actual(text: Any) -> str:
    """``"plan"`` for a header of planned figures (予定, 計画工数, Plan), ``"actual"`` for one of
    hours worked (実績, 実績(h), Actual), else ``""``.

    Examples:
        >>> [plan_or_actual(t) for t in ("予定", "計画(h)", "実績", "Actual", "PJ-101", "")]
        ['plan', 'plan', 'actual', 'actual', '', '']
    """
    key = header_key(text) if isinstance(text, str) else ""
    return "plan" if key.startswith(_WORDS_PLAN) else "actual" if key.startswith(_ACTUAL_WORDS) else ""


def _split_row(rows, r: int, date_col: int) -> int | None:
    """The header row under row ``r`` (the next, or the one after a names row) that splits the
    projects into 実績 | 予定: every text it adds is one of the two, at least one 実績 under a
    filled header. None when there is none."""
    for k in (1, 2):
        if r + k >= len(rows) or looks_like_date(_cell(rows[r + k], date_col)):
            return None
        sub, above = rows[r + k], rows[r:r + k]
        added = [(c, v) for c, v in enumerate(sub) if _text(v) and all(_text(v) != _text(_cell(a, c)) for a in above)]
        kinds = [plan_or_actual(v) for _, v in added]
        if added and all(kinds) and any(k == "actual" and _text(_cell(rows[r], c)) for (c, _), k in zip(added, kinds)):
            return r + k
        if k == 1 and not _second_header(rows[r], sub, date_col):
            return None
    return None


def _split_heads(rows, r: int, s: int) -> tuple[dict[int, tuple[str, str]], dict[int, str], dict[int, str]]:
    """(column → (project header, name under it), plan columns → header, column → header as
    written) of a header from row ``r`` to the 実績 | 予定 row ``s``."""
    width = max(len(rows[i]) for i in range(r, s + 1))
    heads: dict[int, tuple[str, str]] = {}
    plans: dict[int, str] = {}
    written: dict[int, str] = {}
    for c in range(width):
        top = _text(_cell(rows[r], c))
        mid = _text(_cell(rows[r + 1], c)) if s > r + 1 else ""
        sub = _text(_cell(rows[s], c))
        kind = plan_or_actual(sub) if sub not in (top, mid) else ""
        if kind and not top and c > 0 and plan_or_actual(_text(_cell(rows[s], c - 1))):
            # a code written once over its two columns without merging them
            top = _text(_cell(rows[r], c - 1))
            mid = mid or (_text(_cell(rows[r + 1], c - 1)) if s > r + 1 else "")
        name = mid if mid and mid != top else ""
        if kind:
            written[c] = " ".join(t for t in (top, name, sub) if t)
            if kind == "plan":
                plans[c] = written[c]
            else:
                heads[c] = (top, name)
        elif top or mid or sub:
            heads[c] = (top or mid or sub, "")
            written[c] = top or mid or sub
    return heads, plans, written


def detect_project_columns(
    rows: list[list[Any]],
    fields: Mapping[str, Iterable[str]],
    *,
    scan_rows: int = HEADER_SCAN_ROWS,
    max_hours: float = 24.0,
) -> ProjectColumns | None:
    """Find a header row with a 日付 column and project columns of hours beside it."""
    rows = _rows_of(rows)
    syn = fields if isinstance(fields, Synonyms) else Synonyms(fields)
    for r in range(min(scan_rows, len(rows))):
        row = rows[r]
        date_col = next((c for c, v in enumerate(row) if syn.match(v) == "date"), None)
        if date_col is None:
            continue
        found = _table_at(rows, r, date_col, syn, max_hours)
        if found is not None:
            return found
    return None


def _table_at(rows, r: int, date_col: int, syn: Synonyms, max_hours: float) -> ProjectColumns | None:
    row = rows[r]
    below = rows[r + 1] if r + 1 < len(rows) else []
    split = _split_row(rows, r, date_col)
    plans: dict[int, str] = {}
    if split is not None:
        heads, plans, written = _split_heads(rows, r, split)
        group, height = "", split - r + 1
    else:
        second = _second_header(row, below, date_col)
        heads, group = _heads(row, below, second)
        written = {c: " ".join(t for t in heads[c] if t) for c in heads}
        height = 1 + second
    start = r + height
    end, others = _table_end(rows, start, date_col, max([*heads, *plans], default=date_col) + 1, syn)
    dated = [r for r in range(start, end) if looks_like_date(_cell(rows[r], date_col))]
    if len(dated) < 2 or not column_evidence(rows, date_col, start, end, looks_like_date).mostly():
        return None
    projects: dict[int, str] = {}
    names: dict[int, str] = {}
    labels: dict[str, int] = {}
    totals: list[int] = []
    unread: dict[int, str] = {}
    with_values = 0
    for c, (head, name) in heads.items():
        if c == date_col:
            continue
        if is_total_label(head):
            totals.append(c)
            continue
        f = syn.match(head) if head != group else None
        if f is not None:
            labels.setdefault(f, c)
            continue
        if is_not_project_header(head):
            continue
        found = column_evidence(rows, c, start, end, lambda v: looks_like_hours(v, max_hours), only=dated)
        if found.good < MIN_HOURS_SHARE * found.filled:
            if found.good:
                unread[c] = written[c]
            continue
        projects[c] = head
        names[c] = name
        with_values += found.good > 0
    if not with_values or "hours" in labels:
        return None
    if len(projects) == 1 and not re.search(r"\d", next(iter(projects.values()))):
        # one column beside the dates is an hours column by another name, unless it is a code
        return None
    return ProjectColumns(r, height, start, end, date_col, projects, names, labels, totals, {**written, **plans},
                          group, others, {c: h for c, h in plans.items() if c not in projects}, unread)
