"""Whose sheet it is: a 氏名 (and 社員番号) label above the table, and the value beside or below it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ledgerkit.attendance.cells import _nfkc, split_person
from ledgerkit.attendance.layout import _classify
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.headers import header_key
from ledgerkit.detect.walk import cell_text
from ledgerkit.parse.names import looks_like_name

_PERSON_LABELS = ("氏名", "スタッフ名", "名前", "作業者名", "作業者", "担当者名", "担当者", "社員名",
                  "要員名", "技術者名", "従事者名", "従事者", "作業員名", "name")
_ID_LABELS = ("社員番号", "スタッフid", "スタッフ番号", "社員no", "従業員番号", "職員番号", "職員no", "職員コード", "社員コード", "id")
_OTHER_LABELS = ("所属", "派遣元", "派遣先", "会社", "部署", "部門", "取引先", "作成日", "提出日", "承認", "印",
                 "案件", "プロジェクト", "契約", "就業場所", "勤務地", "上長", "責任者")


@dataclass
class PersonCell:
    """What the cells above the table say about whose sheet it is."""

    name: str = ""
    person_id: str = ""
    #: the cell the name was read from (``B2``)
    where: str = ""
    #: a value found beside or below a 氏名 label that is no name (a time, a total, a label),
    #: and its cell: never taken as the person, listed
    not_a_name: tuple[str, str] | None = None


def find_person(rows: list[list[Any]], upto: int) -> PersonCell:
    """The person (and ID) of a 氏名 label above the header; a value that does not look like a
    name (``6 days, 16:30:00``: the month total right of an empty 氏名 cell) is never taken.

    Examples:
        >>> find_person([["氏名", "山田　太郎 (1234)"], ["日付"]], 1)
        PersonCell(name='山田 太郎', person_id='1234', where='B1', not_a_name=None)
        >>> import datetime as dt
        >>> find_person([["氏名", "", "", dt.timedelta(days=7)], ["日付"]], 1).not_a_name
        ('7 days, 0:00:00', 'D1')
    """
    out = PersonCell()
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if not isinstance(v, str) or not v.strip():
                continue
            key = header_key(v)
            label = next((w for w in _PERSON_LABELS if key.startswith(w)), None)
            id_label = next((w for w in _ID_LABELS if key.startswith(w)), None)
            if label and not out.name:
                rest = key[len(label):].lstrip(":：")
                raw = _nfkc(v)
                at = (r, c)
                if rest:
                    # 氏名：山田太郎 in one cell
                    raw_rest = re.split(r"[:：]", raw, maxsplit=1)
                    value = raw_rest[1] if len(raw_rest) == 2 else raw[len(label):]
                else:
                    value, at = _next_value(rows, r, c)
                if value is None or is_empty(value):
                    continue
                name, found_id = split_person(str(value)) if isinstance(value, str) else ("", "")
                where = f"{column_letter(at[1])}{at[0] + 1}"
                # 山田太郎(営業部): what is in brackets beside a name is not the name's letters
                if not looks_like_name(re.sub(r"[(（\[［][^)）\]］]*[)）\]］]", "", name).strip() or name):
                    out.not_a_name = out.not_a_name or (cell_text(value), where)
                    continue
                out.name, out.where = name, where
                out.person_id = out.person_id or found_id
            elif id_label and not out.person_id and key in _ID_LABELS:
                value, _at = _next_value(rows, r, c)
                if value is not None:
                    out.person_id = _nfkc(value if not isinstance(value, float) else int(value))
    return out


def _is_label(w: Any) -> bool:
    if not isinstance(w, str):
        return False
    key = header_key(w)
    return bool(
        _classify(w)
        or any(key.startswith(x) for x in _ID_LABELS + _PERSON_LABELS + _OTHER_LABELS)
        or key in ("年", "月", "年度")
    )


def _next_value(rows, r: int, c: int) -> tuple[Any, tuple[int, int]]:
    """The value of a label cell and where it is: right beside it (past its own merged range),
    else below it; (None, (r, c)) when there is none."""
    row = rows[r]
    label = row[c]
    right = c + 1
    while right < len(row) and row[right] == label:
        right += 1  # the label's own merged cells, filled with its text
    for cc in range(right, min(right + 8, len(row))):  # merged blanks between: 氏名 in A2, the name in F2
        w = row[cc]
        if is_empty(w):
            continue
        if _is_label(w):
            break  # the next label: the value is not on this row
        return w, (r, cc)
    # an input area: labels on one row, values below them
    if r + 1 < len(rows) and c < len(rows[r + 1]) and not is_empty(rows[r + 1][c]) and not _is_label(rows[r + 1][c]):
        return rows[r + 1][c], (r + 1, c)
    return None, (r, c)
