"""Cells around the table: a labelled value (氏名 | 山田太郎) and the title texts above the header."""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any, Iterable

from ledgerkit.intake.cells import is_empty
from ledgerkit.detect.headers import HEADER_SCAN_ROWS, header_key

__all__ = ["find_labelled_value", "title_texts"]


# --- cells around the table ---------------------------------------------------------


# Labels of a form's other input cells: a value never reads as one of these
_FORM_LABELS = ("所属", "部署", "部門", "会社", "派遣元", "派遣先", "提出日", "作成日", "承認", "社員番号", "社員no",
                "従業員番号", "職員番号", "案件", "プロジェクト", "期間", "対象月", "対象年月", "印")


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

    Also reads a label and value in one cell: ``氏名：山田太郎``, also inside a title
    (``工数管理表　2026年10月　担当者：佐藤 一郎　所属：開発部``), the value ending where the
    next ``label：`` begins. Returns ``(value, row, col)`` of the value, or None.

    Examples:
        >>> find_labelled_value([["作業報告書", ""], ["氏名", "山田 太郎"]], ["氏名"])
        ('山田 太郎', 1, 1)
        >>> find_labelled_value([["氏名：佐藤"]], ["氏名"])
        ('佐藤', 0, 0)
        >>> find_labelled_value([["工数管理表　2026年10月　担当者：佐藤 一郎　所属：開発部"]], ["担当者"])
        ('佐藤 一郎', 0, 0)
    """
    words = list(words)
    keys = {header_key(w) for w in words}
    inline = _inline_label(tuple(words))
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
                    if is_empty(w) or (isinstance(w, str) and header_key(w) in keys):
                        continue
                    if not _is_form_label(w):
                        return w, r, cc
                    break
                # below, past a label merged over two rows (filled with its text)
                for rr in range(r + 1, min(r + 4, len(rows))):
                    w = rows[rr][c] if c < len(rows[rr]) else ""
                    if isinstance(w, str) and header_key(w) in keys:
                        continue
                    if not is_empty(w) and not _is_form_label(w):
                        return w, rr, c
                    break
                continue
            for key in keys:
                if k.startswith(key) and len(k) > len(key) and k[len(key)] in ":：":
                    rest = re.split(r"[:：]", unicodedata.normalize("NFKC", v), maxsplit=1)[1].strip()
                    if rest:
                        return rest, r, c
            m = inline.search(unicodedata.normalize("NFKC", v)) if inline is not None else None
            if m and m.group(1).strip():
                return m.group(1).strip(), r, c
    return None


@functools.lru_cache(maxsize=64)
def _inline_label(words: tuple[str, ...]) -> re.Pattern | None:
    """``… 担当者：佐藤 一郎 所属：…`` inside a longer text: the label after a space, its value up to
    the next ``word：`` (NFKC: the full-width space and colon are plain here). Made once per set of
    words, not again for every sheet."""
    labels = sorted({unicodedata.normalize("NFKC", w) for w in words if w}, key=len, reverse=True)
    if not labels:
        return None
    alternatives = "|".join(re.escape(w) for w in labels)
    return re.compile(rf"(?:^|\s)(?:{alternatives})\s*:\s*(.+?)(?=\s+\S+\s*:|$)")


def title_texts(rows: list[list[Any]], upto: int) -> list[str]:
    """Text cells above the header (titles such as ``2026年10月 工数報告``)."""
    out = []
    for r in range(min(upto, len(rows))):
        for v in rows[r]:
            if isinstance(v, str) and v.strip():
                out.append(v.strip())
    return out
