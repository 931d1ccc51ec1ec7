"""Months and fiscal years in budget sheets: month labels (``YYYY-MM``), header cells, fiscal-year titles.

The year/month/fiscal-year label parsers of the budget reader live here, so that they can be
switched to the shared ``ledgerkit.parse.periods`` in one place.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ledgerkit.budget.labels import _UNIT_BRACKETED, _is_total
from ledgerkit.parse import normalize as nz

_MONTH_SUFFIX = re.compile(r"\s*(?:[(（]\s*(?:予算|計画|budget)\s*[)）]|予算|計画|分|(?<=月)度|budget)$", re.IGNORECASE)
_MONTH_SHAPE = re.compile(
    r"(?:(?:令和|平成|[RH令平])?\s*(?:元|\d{1,4})\s*[年./\-_]\s*)?\d{1,2}\s*月?", re.IGNORECASE
)
_FY_PATTERNS = [
    ("fy", re.compile(r"(?<!\d)(\d{4})\s*年度")),
    ("fy", re.compile(r"FY\s*(\d{4})(?!\d)", re.IGNORECASE)),
    ("era", re.compile(r"(令和|平成|R|H)\s*(元|\d{1,2})\s*年度", re.IGNORECASE)),
    ("end", re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月期")),
]
_ERA_OFFSET = {"令和": 2018, "R": 2018, "平成": 1988, "H": 1988}
_YEAR_CELL = re.compile(r"^(\d{4})\s*年?$")


def month_label(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def _month_index(label: str) -> int:
    y, m = label.split("-")
    return int(y) * 12 + int(m) - 1


def _label_of_index(n: int) -> str:
    return month_label(n // 12, n % 12 + 1)


def fiscal_year_of(y: int, m: int, start_month: int = 4) -> int:
    """The fiscal year (named by the calendar year it starts in) of a month.

    Examples:
        >>> fiscal_year_of(2026, 10), fiscal_year_of(2027, 3), fiscal_year_of(2027, 3, start_month=1)
        (2026, 2026, 2027)
    """
    return y if m >= start_month else y - 1


def _fy_months(fy: int, start_month: int) -> list[str]:
    return [month_label(*_add_months(fy, start_month, k)) for k in range(12)]


def parse_month(v: Any, *, fiscal_year: int | None = None, start_month: int = 4) -> tuple[int | None, int] | None:
    """The (year, month) a budget header or month cell names, or None when it is not a month.

    A month without a year takes it from ``fiscal_year`` when given (April–December in
    the fiscal year, January–March in the next one for ``start_month=4``), else the
    year stays None.

    Examples:
        >>> parse_month("10月"), parse_month("10月", fiscal_year=2026), parse_month("3月", fiscal_year=2026)
        ((None, 10), (2026, 10), (2027, 3))
        >>> parse_month("2026年10月"), parse_month("R8.11"), parse_month("2026-12 予算")
        ((2026, 10), (2026, 11), (2026, 12))
        >>> import datetime
        >>> parse_month(datetime.datetime(2026, 10, 1)), parse_month(202611)
        ((2026, 10), (2026, 11))
        >>> parse_month("年間計") is None, parse_month("案件") is None, parse_month("4月～6月") is None
        (True, True, True)
    """
    ym: tuple[int | None, int] | None = None
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (dt.datetime, dt.date)):
        ym = (v.year, v.month)
    elif isinstance(v, (int, float)):
        if isinstance(v, float) and not v.is_integer():
            return None
        n = int(v)
        if 190001 <= n <= 220012 and 1 <= n % 100 <= 12:
            ym = (n // 100, n % 100)
        else:
            return None
    elif isinstance(v, str):
        t = nz.normalize_text(v)
        if not t or len(t) > 20 or _is_total(t):
            return None
        t = _UNIT_BRACKETED.sub("", t).strip()
        t = _MONTH_SUFFIX.sub("", t).strip()
        t = re.sub(r"[\(（]\s*[\)）]$", "", t).strip()
        if not _MONTH_SHAPE.fullmatch(t):
            # an ISO date written as text: 2026-10-01, 2026/10/01
            m = re.fullmatch(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})", t)
            if m and 1 <= int(m.group(2)) <= 12:
                ym = (int(m.group(1)), int(m.group(2)))
            else:
                return None
        else:
            ym = nz.parse_year_month(t)
            if ym is None and re.fullmatch(r"\d{1,2}\s*月", t) is None:
                return None
            if ym is None:
                return None
    else:
        return None
    y, m = ym
    if y is None and fiscal_year is not None:
        y = fiscal_year if m >= start_month else fiscal_year + 1
    return (y, m)


def fiscal_year_from_text(text: Any, start_month: int = 4) -> int | None:
    """The fiscal year a title, sheet or file name names: ``2026年度``, ``FY2026``,
    ``令和8年度``, ``2027年3月期`` (the year ending in March 2027).

    Examples:
        >>> fiscal_year_from_text("2026年度 案件別予算表"), fiscal_year_from_text("R8年度")
        (2026, 2026)
        >>> fiscal_year_from_text("2027年3月期 予算"), fiscal_year_from_text("予算_FY2026.xlsx")
        (2026, 2026)
        >>> fiscal_year_from_text("2026年10月") is None
        True
    """
    s = nz.normalize_text(text)
    if not s:
        return None
    for kind, rx in _FY_PATTERNS:
        m = rx.search(s)
        if not m:
            continue
        if kind == "fy":
            return int(m.group(1))
        if kind == "era":
            era = m.group(1).upper() if m.group(1) in ("r", "h") else m.group(1)
            n = 1 if m.group(2) == "元" else int(m.group(2))
            return _ERA_OFFSET[era] + n
        y, mo = int(m.group(1)), int(m.group(2))
        if 1 <= mo <= 12:
            # the fiscal year that ends in month mo of year y
            sy, sm = _add_months(y, mo, -11)
            return fiscal_year_of(sy, sm, start_month)
    return None
