"""A declared field's cell, read by the one shared parser of its type and checked against the declaration.

Every type has its parser in :mod:`ledgerkit.parse` (dates with 和暦, months such as
``令和8年10月`` or ``R8.10``, yen with ``△`` and ``1.5万``, hours such as ``7:30``, full-width
digits everywhere); a sheet's :class:`FieldCells` memoizes each parser per distinct cell value
and knows the year the sheet's titles, name and file name give (for ``10月`` or ``10/1``).

Examples:
    >>> from ledgerkit.kinds.declared import FieldSpec
    >>> cells = FieldCells(Period(year=2026))
    >>> cells.read(FieldSpec("amount", "yen"), "１２３，４５６")
    Read(value=123456, problem=None)
    >>> cells.read(FieldSpec("month", "month"), "10月"), cells.read(FieldSpec("month", "month"), "R8.11").value
    (Read(value='2026-10', problem=None), '2026-11')
    >>> cells.read(FieldSpec("amount", "yen"), "未定").problem.code
    'list_bad_cell'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Callable, NamedTuple

from ledgerkit.kinds.declared import FIELD_TYPES, FieldSpec
from ledgerkit.parse.amounts import parse_amount, parse_amount_with_basis, parse_int, parse_rate
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.hours import parse_hours
from ledgerkit.parse.list_cells import cached, plain, whole_yen
from ledgerkit.parse.months import calendar_year_of, month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import _PLACEHOLDERS, CellValueError, is_blank, normalize_text

__all__ = ["Period", "Problem", "Read", "FieldCells", "type_words", "check_value"]

#: a text longer than this is never matched against a declared pattern (the match would cost
#: seconds on a hostile cell); it fails the check
_MAX_PATTERN_TEXT = 1000


@dataclass(frozen=True)
class Period:
    """The year a sheet names (its titles, its name, its file name): for cells without one."""

    year: int | None = None
    fiscal_year: int | None = None
    start_month: int = 4


class Problem(NamedTuple):
    """Why a cell could not be used as its field (or broke a declared check)."""

    code: str
    params: dict


class Read(NamedTuple):
    value: Any
    problem: Problem | None = None


def type_words(ftype: str) -> dict[str, str]:
    """A type as a person calls it, in both languages (a message parameter)."""
    ja, en = FIELD_TYPES[ftype]
    return {"ja": ja.split(" (")[0], "en": en.split(" (")[0]}


def _text(v: Any) -> str | None:
    if is_blank(v):
        return None
    v = plain(v)
    if isinstance(v, (dt.date, dt.datetime)):
        return v.isoformat()
    return normalize_text(v if isinstance(v, str) else str(v)) or None


class FieldCells:
    """The cell readers of one sheet: one cache per type, the sheet's :class:`Period`."""

    def __init__(self, period: Period = Period()):
        self.period = period
        #: amounts with their tax basis, ``((value, basis), error)``: shared with the 合計 row check
        self.amount = cached(parse_amount_with_basis)
        self._reads: dict[str, dict] = {}
        self._parsers: dict[str, Callable] = {
            "text": cached(_text),
            "code": cached(parse_code),
            "int": cached(parse_int),
            "yen": cached(self._yen),
            "decimal": cached(parse_amount),
            "hours": cached(parse_hours),
            "date": cached(self._date),
            "month": cached(self._month),
            "rate": cached(parse_rate),
        }

    def read(self, spec: FieldSpec, raw: Any) -> Read:
        """The value of ``raw`` as ``spec``'s type (None for a blank), or the problem with it."""
        value, err = self._parsers[spec.type](raw)
        if err is None:
            return Read(value)
        if err.reason == _NO_YEAR or err.reason.startswith(_DATE_NO_YEAR):
            return Read(None, Problem("list_no_year", {"field": spec.heading(), "value": _shown(raw)}))
        return Read(None, Problem("list_bad_cell", {"field": spec.heading(), "value": _shown(raw),
                                                    "type": type_words(spec.type), "reason": _reason(err)}))

    def read_column(self, spec: FieldSpec, raws: list) -> list[Read]:
        """:meth:`read` of each of ``raws`` (a column's cells), each distinct value read once."""
        memo = self._reads.setdefault(spec.name, {})
        out = []
        for v in raws:
            try:
                key = (type(v), v)
                hit = memo.get(key)
            except TypeError:
                key = hit = None
            if hit is None:
                hit = self.read(spec, v)
                if key is not None:
                    memo[key] = hit
            out.append(hit)
        return out

    def _yen(self, v: Any) -> int | None:
        hit, err = self.amount(v)
        if err is not None:
            raise err
        return whole_yen(hit[0])

    def _date(self, v: Any) -> dt.date | None:
        p = self.period
        try:
            return parse_date(v, year=p.year)
        except CellValueError:
            if p.year is not None or p.fiscal_year is None:
                raise
        # a day without its year on a sheet of a fiscal year (2026年度): 10/1 is 2026, 1/5 is 2027
        d = parse_date(v, year=p.fiscal_year)
        return d if d is None else d.replace(year=calendar_year_of(p.fiscal_year, d.month, p.start_month))

    def _month(self, v: Any) -> str | None:
        if is_blank(v) or (isinstance(v, str) and normalize_text(v).replace(" ", "") in _PLACEHOLDERS):
            return None
        p = self.period
        ym = parse_month(v, fiscal_year=p.fiscal_year if p.year is None else None, start_month=p.start_month)
        if ym is None:
            raise CellValueError("年月として読めません (2026年10月、令和8年10月、R8.10 のように書いてください)", v)
        y, m = ym
        y = y if y is not None else p.year
        if y is None:
            raise CellValueError(_NO_YEAR, v)
        return month_label(y, m)


_NO_YEAR = "年が分かりません"
#: parse_date's reason for a day written without its year
_DATE_NO_YEAR = "年がありません"


def _shown(raw: Any) -> str:
    text = plain(raw)
    return text if isinstance(text, str) else str(text)


def _reason(err: CellValueError) -> dict[str, str]:
    # the parsers' reasons are in Japanese: shown in a Japanese report, left out of an English one
    return {"ja": f" ({err.reason})", "en": ""}


def check_value(spec: FieldSpec, value: Any) -> Problem | None:
    """A read value against ``spec``'s ``min``, ``max``, ``one_of`` and ``pattern``.

    Examples:
        >>> check_value(FieldSpec("amount", "yen", min=Decimal(0)), -1000).code
        'list_below_min'
        >>> check_value(FieldSpec("branch", one_of=("東京", "大阪")), "東京"), check_value(FieldSpec("c", pattern=r"[A-Z]\\d+"), "x1").code
        (None, 'list_pattern')
    """
    if value is None or not spec.checked:
        return None
    field = spec.heading()
    if spec.min is not None or spec.max is not None:
        number = Decimal(str(value)) if isinstance(value, (int, float, Decimal)) else value
        if spec.min is not None and number < spec.min:
            return Problem("list_below_min", {"field": field, "value": _shown(value), "bound": str(spec.min)})
        if spec.max is not None and number > spec.max:
            return Problem("list_above_max", {"field": field, "value": _shown(value), "bound": str(spec.max)})
    if spec.one_of and str(value) not in spec.one_of:
        return Problem("list_not_one_of", {"field": field, "value": str(value), "allowed": ", ".join(spec.one_of)})
    if spec.pattern:
        text = str(value)
        if len(text) > _MAX_PATTERN_TEXT or not re.fullmatch(spec.pattern, text):
            return Problem("list_pattern", {"field": field, "value": text[:80], "pattern": spec.pattern})
    return None
