"""Reading the cells of an hours sheet column by column, and the labels rows carry.

A sheet of 300,000 rows holds a few hundred distinct texts per column: each distinct
value is parsed once (:func:`_map_values`) and the per-row work is list indexing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from ledgerkit.intake.cells import is_empty
from ledgerkit.parse.text import CellValueError, is_total_label, normalize_text

# Marks people put in a day cell for a day off: not hours, and not an error.
_DAY_OFF = {"土", "日", "祝", "休", "休み", "休日", "有休", "有給", "代休", "振休", "公休", "特休", "欠", "欠勤", "×", "/", "-", "ー", "―"}


def _cache(parser: Callable) -> Callable:
    """Memoize a cell parser on (type, value): the same texts repeat down a column."""
    memo: dict = {}

    def parse(value, *args):
        key = (type(value), value, args)
        try:
            hit = memo[key]
        except KeyError:
            try:
                hit = (parser(value, *args), None)
            except CellValueError as e:
                hit = (None, e)
            except TypeError:  # unhashable never reaches here; kept for odd cell objects
                hit = (None, CellValueError(str(value)))
            memo[key] = hit
        return hit

    return parse


def _column(body: list[list[Any]], c: int) -> list[Any]:
    """Column ``c`` of the rows (``''`` where a row is shorter)."""
    try:
        return list(map(itemgetter(c), body))
    except IndexError:
        return [row[c] if c < len(row) else "" for row in body]


_NUMBER_TYPES = frozenset({bool, int, float})


def _map_values(fn: Callable, values: list[Any], *, strict: bool = False) -> list[Any]:
    """``[fn(v) for v in values]``, calling ``fn`` once per distinct value.

    Values are told apart by value, and also by type where ``True``, ``1`` and ``1.0``
    (equal in Python, not to a parser) meet in one column. With ``strict``, an
    exception is raised for the first value in order that raises, as a loop would.

    Examples:
        >>> _map_values(str.upper, ["a", "b", "a"])
        ['A', 'B', 'A']
        >>> _map_values(repr, [1, True, 1.0])
        ['1', 'True', '1.0']
    """
    distinct = set(values)
    # a set keeps one of 1, 1.0 and True: look at every value's type only when numbers are there
    if not _NUMBER_TYPES.intersection(map(type, distinct)) or len(_NUMBER_TYPES.intersection(map(type, values))) <= 1:
        try:
            cache = {v: fn(v) for v in distinct}
        except Exception:
            if not strict:
                raise
            return [fn(v) for v in values]
        return list(map(cache.__getitem__, values))
    cache = {}
    out = []
    for v in values:
        key = (v.__class__, v)
        try:
            out.append(cache[key])
        except KeyError:
            cache[key] = hit = fn(v)
            out.append(hit)
    return out


def _attempt(parser: Callable, value: Any, *args) -> tuple[Any, Exception | None]:
    """``(parser(value, *args), None)``, or ``(None, error)`` for a cell it cannot read."""
    try:
        return parser(value, *args), None
    except CellValueError as e:
        return None, e
    except TypeError:
        return None, CellValueError(str(value))


# A row of plans beside the row of hours worked (予実): the label says which
_PLAN_LABELS = {"予定", "計画", "見込", "見込み", "予測", "予定工数", "計画工数", "予定時間", "plan", "planned", "forecast"}
_ACTUAL_LABELS = {"実績", "実績工数", "実績時間", "actual", "actuals"}


def _task_text(value: Any) -> str:
    """A task cell as text; 実績 (the actual-hours row of a 予実 pair) is no task."""
    text = normalize_text(value)
    return "" if text.lower() in _ACTUAL_LABELS else text


class _PlanRows(dict):
    """Row index → the plan label found (予定), usable as a set of indexes."""

    def __sub__(self, other):
        return _PlanRows({i: v for i, v in self.items() if i not in other})


def _plan_rows(columns: dict[int, list[Any]], cols) -> _PlanRows:
    """Indexes of the rows with a plan label (予定, 計画, plan…) alone in one of ``cols``."""
    found = _PlanRows()
    for c in cols:
        col = columns.get(c)
        if col is None:
            continue
        labels = {v: normalize_text(v) for v in set(col) if isinstance(v, str) and len(v) <= 12}
        labels = {v: t for v, t in labels.items() if t.lower() in _PLAN_LABELS}
        if labels:
            for i, v in enumerate(col):
                if v in labels and i not in found:
                    found[i] = labels[v]
    return found


def _first_text_is_total(row: list[Any], c0: int, c1: int) -> bool:
    for c in range(c0, min(c1, len(row))):
        v = row[c]
        if is_empty(v):
            continue
        return isinstance(v, str) and is_total_label(v)
    return False


def _day_number(v: Any) -> bool:
    """A number 1..31 (a day of the month written alone)."""
    return isinstance(v, (int, float)) and not isinstance(v, bool) and float(v).is_integer() and 1 <= v <= 31


def _small_number(v: Any, lo: int, hi: int) -> int | None:
    """``10``, ``10.0``, ``"10"``, ``"10月"``, ``"2026年"`` → the number when within lo..hi, else None."""
    if isinstance(v, bool):
        return None
    if isinstance(v, (int, float)) and float(v).is_integer():
        n = int(v)
    elif isinstance(v, str):
        m = re.fullmatch(r"(\d{1,4})\s*[年月]?", normalize_text(v))
        if not m:
            return None
        n = int(m.group(1))
    else:
        return None
    return n if lo <= n <= hi else None
