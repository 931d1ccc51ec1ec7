"""Whose sheet it is: a 氏名 (and 社員番号) label above the table, and the value beside or below it."""

from __future__ import annotations

import re
from typing import Any

from ledgerkit.attendance.cells import _nfkc, split_person
from ledgerkit.attendance.layout import _classify
from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import header_key

_PERSON_LABELS = ("氏名", "スタッフ名", "名前", "作業者名", "作業者", "担当者名", "担当者", "社員名",
                  "要員名", "技術者名", "従事者名", "従事者", "作業員名", "name")
_ID_LABELS = ("社員番号", "スタッフid", "スタッフ番号", "社員no", "従業員番号", "id")
_OTHER_LABELS = ("所属", "派遣元", "派遣先", "会社", "部署", "部門", "取引先", "作成日", "提出日", "承認", "印",
                 "案件", "プロジェクト", "契約", "就業場所", "勤務地", "上長", "責任者")


def _find_person(rows: list[list[Any]], upto: int) -> tuple[str, str]:
    name = pid = ""
    for r in range(min(upto, len(rows))):
        row = rows[r]
        for c, v in enumerate(row):
            if not isinstance(v, str) or not v.strip():
                continue
            key = header_key(v)
            label = next((w for w in _PERSON_LABELS if key.startswith(w)), None)
            id_label = next((w for w in _ID_LABELS if key.startswith(w)), None)
            if label and not name:
                rest = key[len(label):].lstrip(":：")
                raw = _nfkc(v)
                if rest:
                    # 氏名：山田太郎 in one cell
                    raw_rest = re.split(r"[:：]", raw, maxsplit=1)
                    value = raw_rest[1] if len(raw_rest) == 2 else raw[len(label):]
                else:
                    value = _next_value(rows, r, c)
                if value:
                    name, found_id = split_person(str(value))
                    pid = pid or found_id
            elif id_label and not pid and key in _ID_LABELS:
                value = _next_value(rows, r, c)
                if value:
                    pid = _nfkc(value if not isinstance(value, float) else int(value))
    return name, pid


def _is_label(w: Any) -> bool:
    if not isinstance(w, str):
        return False
    key = header_key(w)
    return bool(
        _classify(w)
        or any(key.startswith(x) for x in _ID_LABELS + _PERSON_LABELS + _OTHER_LABELS)
        or key in ("年", "月", "年度")
    )


def _next_value(rows, r: int, c: int) -> Any:
    """The value of a label cell: right beside it (past its own merged range), else below it."""
    row = rows[r]
    label = row[c]
    right = c + 1
    while right < len(row) and row[right] == label:
        right += 1  # the label's own merged cells, filled with its text
    for w in row[right : right + 8]:  # merged blanks between: 氏名 in A2, the name in F2
        if is_empty(w):
            continue
        if _is_label(w):
            break  # the next label: the value is not on this row
        return w
    # an input area: labels on one row, values below them
    if r + 1 < len(rows) and c < len(rows[r + 1]) and not is_empty(rows[r + 1][c]) and not _is_label(rows[r + 1][c]):
        return rows[r + 1][c]
    return None
