"""Documents that describe data rather than hold it: a database design (テーブル定義書).

A テーブル定義書 lists a table's columns with their SQL types — ``型 | VARCHAR(10) | DATE |
TIME | DECIMAL(10,0)`` — and Japanese names such as 日付, 工数 and 時間 that every reader
takes for a header. Its "rows" are column definitions, never hours or invoices: a reader
asks :func:`detect_definition` first and says the sheet is not its kind, with the reason,
instead of rejecting every row as unreadable.

Examples:
    >>> rows = [["テーブル定義書"], ["No", "論理名", "物理名", "型", "桁数"],
    ...         [1, "日付", "WORK_DATE", "DATE", ""], [2, "工数", "HOURS", "DECIMAL(10,0)", 10],
    ...         [3, "開始時刻", "START_TIME", "TIME", ""]]
    >>> detect_definition(rows)
    Definition(types=('DATE', 'DECIMAL(10,0)', 'TIME'), labels=('論理名', '物理名', '型', '桁数'))
    >>> detect_definition([["日付", "工数"], ["2026/10/1", 8], ["2026/10/2", 7.5]]) is None
    True
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Sequence

from ledgerkit.detect.headers import header_key

__all__ = ["Definition", "detect_definition", "is_sql_type"]

#: how many rows from the top are looked at
SCAN_ROWS = 200

# An SQL column type as a definition writes it: VARCHAR(10), DECIMAL(10,0), NUMBER(5), DATE …
_SQL_TYPE = re.compile(
    r"(?:n?varchar2?|n?char|character(?:\s+varying)?|text|clob|blob|number|numeric|decimal|dec|int(?:eger)?|"
    r"smallint|bigint|tinyint|float|double(?:\s+precision)?|real|bit|boolean|bool|serial|bigserial|money|"
    r"date|time|datetime2?|timestamp(?:tz)?|interval|uuid|json|jsonb|binary|varbinary|raw)"
    r"\s*(?:\(\s*\d+(?:\s*,\s*\d+)?\s*\))?(?:\s+unsigned)?",
    re.IGNORECASE,
)
# Types that only a definition writes (DATE and TIME alone are also header words)
_SURE_TYPE = re.compile(r"\(\s*\d+(?:\s*,\s*\d+)?\s*\)|varchar|char|decimal|numeric|integer|timestamp|clob|blob|"
                        r"smallint|bigint|tinyint", re.IGNORECASE)
# The labels of a definition's columns or rows (論理名 | 物理名 | 型 | 桁数 | NOT NULL | PK)
_LABELS = {"物理名", "論理名", "物理名称", "論理名称", "カラム名", "項目名(物理)", "項目名(論理)", "型", "データ型", "桁数", "桁",
           "精度", "小数桁", "notnull", "null", "null許可", "必須", "pk", "fk", "主キー", "外部キー", "デフォルト",
           "default", "初期値", "制約", "インデックス", "columnname", "datatype", "type", "length"}


def is_sql_type(value: Any) -> bool:
    """A cell that is an SQL column type: ``VARCHAR(10)``, ``DECIMAL(10,0)``, ``DATE``, ``TIME``.

    Examples:
        >>> [is_sql_type(v) for v in ("VARCHAR(10)", "decimal(10, 0)", "DATE", "NUMBER(5)", "日付", 10, "Time")]
        [True, True, True, True, False, False, True]
    """
    if not isinstance(value, str) or len(value) > 40:
        return False
    # each text judged once per process: a worker reading many small files meets the same
    # names, projects and tasks in every sheet (issue 17)
    hit = _SQL_SEEN.get(value)
    if hit is None:
        if len(_SQL_SEEN) >= _SEEN_LIMIT:
            _SQL_SEEN.clear()
        hit = _SQL_SEEN[value] = bool(_SQL_TYPE.fullmatch(unicodedata.normalize("NFKC", value).strip()))
    return hit


_SQL_SEEN: dict[str, bool] = {}
_SEEN_LIMIT = 100_000


@dataclass(frozen=True)
class Definition:
    """What made a sheet a definition: the SQL types and the definition labels found."""

    types: tuple[str, ...]
    labels: tuple[str, ...]

    def words(self) -> str:
        """``型 VARCHAR(10), DATE, DECIMAL(10,0)``: the evidence, for a message."""
        shown = ", ".join(self.types[:4]) + (" …" if len(self.types) > 4 else "")
        label = next((w for w in self.labels if w in ("型", "データ型")), self.labels[0] if self.labels else "")
        return f"{label} {shown}".strip()


def detect_definition(rows: Sequence[Sequence[Any]], *, scan_rows: int = SCAN_ROWS) -> Definition | None:
    """The sheet describes a database table (its columns' SQL types), or None.

    Two kinds of evidence are needed: SQL types in several cells — at least one that
    only a definition writes (``VARCHAR(10)``, ``DECIMAL``), or three of DATE/TIME/INT — and
    a definition label (型, 物理名, 桁数, NOT NULL …) in the same sheet, or SQL types in
    half the cells of a row or column of at least four.
    """
    top = rows[:scan_rows]
    # the SQL types among the distinct texts first: a sheet without two of them (or three, or
    # one only a definition writes) is no definition, told without walking every cell
    found = {unicodedata.normalize("NFKC", v).strip() for v in {v for row in top for v in row if isinstance(v, str)}
             if is_sql_type(v)}
    if len({t.upper() for t in found}) < 2 or not (len({t.upper() for t in found}) >= 3
                                                   or any(_SURE_TYPE.search(t) for t in found)):
        return None
    types: dict[str, None] = {}
    sure = 0
    labels: dict[str, None] = {}
    by_row: dict[int, int] = {}
    by_col: dict[int, int] = {}
    filled_row: dict[int, int] = {}
    filled_col: dict[int, int] = {}
    # each distinct text judged once: (SQL type as written or None, is a definition label)
    judged: dict[str, tuple[str | None, bool]] = {}
    for r, row in enumerate(top):
        for c, v in enumerate(row):
            if not isinstance(v, str) or not v.strip():
                continue
            filled_row[r] = filled_row.get(r, 0) + 1
            filled_col[c] = filled_col.get(c, 0) + 1
            seen = judged.get(v)
            if seen is None:
                text = unicodedata.normalize("NFKC", v).strip() if is_sql_type(v) else None
                seen = judged[v] = (text, text is None and header_key(v).replace("_", "") in _LABELS)
            text, label = seen
            if text is not None:
                types.setdefault(text.upper(), None)
                sure += bool(_SURE_TYPE.search(text))
                by_row[r] = by_row.get(r, 0) + 1
                by_col[c] = by_col.get(c, 0) + 1
            elif label:
                labels.setdefault(v.strip(), None)
    if len(types) < 2 or not (sure or len(types) >= 3):
        return None
    # a row or column of types: 型 | VARCHAR(10) | DATE | TIME, or the 型 column of a column list
    line = any(n >= 4 and 2 * n >= filled_row[r] for r, n in by_row.items()) or any(
        n >= 4 and 2 * n >= filled_col[c] for c, n in by_col.items())
    if not labels and not line:
        return None
    return Definition(tuple(types), tuple(labels))
