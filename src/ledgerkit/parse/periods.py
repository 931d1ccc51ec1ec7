"""Years, months and fiscal years named in titles, sheet names, file names and header cells.

The one home of every year / month / fiscal-year label parser (issue 12): the hours,
attendance, budget and settlement readers each had their own, and they had drifted (a
title ``平成30年度`` gave FY2018 in a budget sheet and no year in an hours sheet). Each
function here accepts what all the old copies accepted, and they agree with each other:

* :func:`parse_year_month` — ``2026年10月``, ``R8.10``, ``令和8年10月分``, ``10月度``, ``2026-10``,
  ``202610`` in a text → ``(year or None, month)``;
* :func:`fiscal_year_from_text` — ``2026年度``, ``FY2026``, ``令和8年度``, ``H30年度``, ``2027年3月期``;
* :func:`calendar_year_from_text` — a year written alone (``2026年``, ``令和8年``), not a fiscal year;
* :func:`year_month_of` — titles, sheet name and file name together: a month with the year
  written beside it, else from the fiscal year (``2026年度`` + ``1月`` = January 2027), else
  from a year written alone;
* :func:`parse_year_label` — a cell that holds only a year (``2026``, ``2026年度``, ``R8年``);
* :func:`parse_month` — a month header or month cell of a table (``10月``, ``2026年10月``,
  ``R8.11``, a date, ``202611``), with the year from the fiscal year when it has none;
* month labels ``YYYY-MM`` and their arithmetic live in :mod:`ledgerkit.parse.months`
  (``month_label``, ``add_months``, ``fiscal_year_of`` …): import them from there.

Eras come from :mod:`ledgerkit.parse.wareki`. Of the one-letter era forms only the recent
ones are read (``R``, ``H``, ``令``, ``平``): ``最大2.5`` in a title is not 大正2年5月. A
western year is read between 1900 and 2200. ``2027年3月期`` names a fiscal year (the one
ending in March 2027), never the month March 2027.

Examples:
    >>> year_month_of("令和8年度 工数実績", "1月", "工数.xlsx")
    (2027, 1)
    >>> fiscal_year_from_text("平成30年度 予算"), fiscal_year_from_text("2027年3月期")
    (2018, 2026)
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ledgerkit.parse.dates import parse_date
from ledgerkit.parse.months import (
    add_months,
    calendar_year_of,
    fiscal_year_of,
)
from ledgerkit.parse.text import CellValueError, is_total_label, normalize_text
from ledgerkit.parse.wareki import Era, era_named

__all__ = [
    "parse_year_month",
    "fiscal_year_from_text",
    "closing_month",
    "closing_month_conflict",
    "calendar_year_from_text",
    "year_month_of",
    "years_of",
    "parse_year_label",
    "parse_month",
    "is_period_total",
    "remove_periods",
    "parse_month_label",
]

#: an era name before its year: 令和, 平成 … in full; of the one-letter forms only the recent
#: eras (R, H, 令, 平), and not inside a Latin word
_ERA = r"(?:(?<=[^A-Za-z])|^)(明治|大正|昭和|平成|令和|[平令]|[RHrh])"
_ERA_NUM = r"(元|\d{1,2})"
#: western years read in labels (as parse_year_month and the dates of a sheet)
_FIRST_YEAR, _LAST_YEAR = 1900, 2200


def _era_year(era: str, number: str) -> int | None:
    """Gregorian year of an era year (``元`` = 1); None for year 0.

    Years past an era's end are read as written (``平成32年度`` = 2020), as plans made
    before an era changed were labelled.
    """
    n = 1 if number == "元" else int(number)
    return None if n == 0 else era_named(era).offset + n


# --- year and month in names and titles -------------------------------------------------

_YM_PATTERNS = [
    # 2026年10月, 2026年 10月分
    ("w", re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月")),
    # 令和8年10月, 令和元年11月, R8年10月, R8.10, 令8.10. Of the one-letter forms only the
    # recent eras: '最大2.5' in a title is not 大正2年5月.
    (
        "e",
        re.compile(
            r"(?:(?<=[^A-Za-z])|^)(明治|大正|昭和|平成|令和|[平令]|[RHrh])\s*(元|\d{1,2})\s*(?:年|[.\-_/])\s*(\d{1,2})(?!\d)"
        ),
    ),
    # 2026-10, 2026_10, 2026.10, 2026/10 (not 2026-10-01's day part, not phone numbers)
    ("w", re.compile(r"(?<![\d\-.])(\d{4})[\-_./](\d{1,2})(?![\d])")),
    # 202610
    ("w", re.compile(r"(?<!\d)(\d{4})(\d{2})(?!\d)")),
]
_MONTH_ONLY_RE = re.compile(r"(?<![\d.\-/_年])(\d{1,2})\s*月")


def _in_era(era: Era, y: int, mo: int) -> bool:
    start = (era.start.year, era.start.month)
    end = (era.end.year, era.end.month) if era.end else (9999, 12)
    return start <= (y, mo) <= end


def parse_year_month(text: object) -> tuple[int | None, int] | None:
    """The year and month named in a sheet name, a title or a file name.

    Returns ``(year, month)``, ``(None, month)`` when only a month is written (``10月``),
    or None when nothing plausible is there. Digits inside longer digit runs (phone
    numbers, 8-digit dates) are not read.

    Examples:
        >>> parse_year_month("工数_2026年10月_山田.xlsx")
        (2026, 10)
        >>> parse_year_month("R8.10"), parse_year_month("令和元年11月"), parse_year_month("10月")
        ((2026, 10), (2019, 11), (None, 10))
        >>> parse_year_month("TEL 03-1234-5678") is None
        True
    """
    s = normalize_text(text)
    if not s:
        return None
    for kind, rx in _YM_PATTERNS:
        for m in rx.finditer(s):
            if kind == "w":
                y, mo = int(m.group(1)), int(m.group(2))
                if not 1900 <= y <= 2200:
                    continue
            else:
                era = era_named(m.group(1))
                ys = m.group(2)
                y = era.offset + (1 if ys == "元" else int(ys))
                mo = int(m.group(3))
                if ys != "元" and int(ys) == 0:
                    continue
                if not _in_era(era, y, mo):
                    continue
            if 1 <= mo <= 12:
                return y, mo
    for m in _MONTH_ONLY_RE.finditer(s):
        mo = int(m.group(1))
        if 1 <= mo <= 12:
            return None, mo
    return None


# --- fiscal years -----------------------------------------------------------------------

_FY_PATTERNS = [
    ("fy", re.compile(r"(?<!\d)(\d{4})\s*年度")),
    ("fy", re.compile(r"FY\s*(\d{4})(?!\d)", re.IGNORECASE)),
    ("era", re.compile(_ERA + r"\s*" + _ERA_NUM + r"\s*年度")),
    ("end", re.compile(r"(?<!\d)(\d{4})\s*年\s*(\d{1,2})\s*月期")),
    ("era_end", re.compile(_ERA + r"\s*" + _ERA_NUM + r"\s*年\s*(\d{1,2})\s*月期")),
]
#: 2027年3月期, 令和9年3月期: a fiscal year named by its last month, not that month
_PERIOD_END_RE = re.compile(r"(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月期|" + _ERA + r"\s*" + _ERA_NUM + r"\s*年\s*\d{1,2}\s*月期")


def fiscal_year_from_text(text: Any, start_month: int = 4) -> int | None:
    """The fiscal year a title, sheet or file name names, by the calendar year it starts in.

    Accepts ``2026年度``, ``FY2026``, ``令和8年度``, ``R8年度``, ``平成30年度``, ``H30年度``,
    ``令和元年度``, and ``2027年3月期`` / ``令和9年3月期`` (the fiscal year ending in March 2027,
    counted with ``start_month``). The first form in that order wins. A ``〜月期`` whose month
    is not the closing month of ``start_month`` (``2026年12月期`` with an April start) names no
    fiscal year: :func:`closing_month_conflict` tells the caller, which reports it.

    Examples:
        >>> fiscal_year_from_text("2026年度 案件別予算表"), fiscal_year_from_text("R8年度")
        (2026, 2026)
        >>> fiscal_year_from_text("2027年3月期 予算"), fiscal_year_from_text("予算_FY2026.xlsx")
        (2026, 2026)
        >>> fiscal_year_from_text("平成30年度"), fiscal_year_from_text("令和元年度"), fiscal_year_from_text("h31年度")
        (2018, 2019, 2019)
        >>> fiscal_year_from_text("2026年10月") is None
        True
    """
    s = normalize_text(text)
    if not s:
        return None
    for kind, rx in _FY_PATTERNS:
        for m in rx.finditer(s):
            if kind == "fy":
                return int(m.group(1))
            if kind == "era":
                y = _era_year(m.group(1), m.group(2))
                if y is not None:
                    return y
                continue
            if kind == "end":
                y, mo = int(m.group(1)), int(m.group(2))
            else:
                y, mo = _era_year(m.group(1), m.group(2)), int(m.group(3))
            if y is not None and 1 <= mo <= 12 and mo == closing_month(start_month):
                # the fiscal year that ends in month mo of year y
                return fiscal_year_of(*add_months(y, mo, -11), start_month)
    return None


def closing_month(start_month: int = 4) -> int:
    """The month a fiscal year starting in ``start_month`` closes in (決算月).

    Examples:
        >>> closing_month(4), closing_month(1), closing_month(10)
        (3, 12, 9)
    """
    return (start_month - 2) % 12 + 1


def closing_month_conflict(text: Any, start_month: int = 4) -> tuple[str, int, int] | None:
    """A ``〜年〜月期`` label whose month is not the closing month of ``start_month``:
    ``(label as written, month it names, closing month expected)``, else None.

    ``2026年12月期`` names a fiscal year that ends in December 2026. With the fiscal year
    starting in April (a March closing), that label contradicts the settings:
    :func:`fiscal_year_from_text` then names no fiscal year (never a silent FY2025), and
    a reader reports this as a finding.

    Examples:
        >>> closing_month_conflict("2026年12月期 予算")
        ('2026年12月期', 12, 3)
        >>> closing_month_conflict("2027年3月期 予算") is None, closing_month_conflict("2026年12月期", 1) is None
        (True, True)
        >>> fiscal_year_from_text("2026年12月期"), fiscal_year_from_text("2026年12月期", 1)
        (None, 2026)
    """
    s = normalize_text(text)
    if not s:
        return None
    for kind, rx in _FY_PATTERNS:
        if kind not in ("end", "era_end"):
            continue
        for m in rx.finditer(s):
            mo = int(m.group(2)) if kind == "end" else int(m.group(3))
            if 1 <= mo <= 12 and mo != closing_month(start_month):
                return m.group(0).replace(" ", ""), mo, closing_month(start_month)
    return None


# --- years written alone ----------------------------------------------------------------

_YEAR_ALONE_RE = re.compile(r"(?<!\d)(\d{4})\s*年(?!度)")
_ERA_YEAR_ALONE_RE = re.compile(_ERA + r"\s*" + _ERA_NUM + r"\s*年(?!度)")


def calendar_year_from_text(text: Any) -> int | None:
    """A calendar year written in a text (``2026年``, ``令和8年``), never a fiscal year.

    ``2026年度`` and ``2027年3月期`` are fiscal years (:func:`fiscal_year_from_text`), not
    calendar years. The first year written wins.

    Examples:
        >>> calendar_year_from_text("工数_2026年.xlsx"), calendar_year_from_text("令和8年 工数実績")
        (2026, 2026)
        >>> calendar_year_from_text("2026年度"), calendar_year_from_text("2027年3月期"), calendar_year_from_text("第3年")
        (None, None, None)
    """
    s = _PERIOD_END_RE.sub(" ", normalize_text(text))
    found = []
    for m in _YEAR_ALONE_RE.finditer(s):
        if _FIRST_YEAR <= int(m.group(1)) <= _LAST_YEAR:
            found.append((m.start(), int(m.group(1))))
            break
    for m in _ERA_YEAR_ALONE_RE.finditer(s):
        y = _era_year(m.group(1), m.group(2))
        if y is not None:
            found.append((m.start(), y))
            break
    return min(found)[1] if found else None


_YEAR_LABEL_RE = re.compile(r"(\d{4})(年度?)?|FY(\d{4})|" + _ERA + _ERA_NUM + r"年(度)?", re.IGNORECASE)


def parse_year_label(v: Any) -> tuple[int, bool] | None:
    """A cell that holds a year and nothing else: ``(year, is a fiscal year)``, else None.

    Accepts ``2026``, ``2026年``, ``2026年度``, ``FY2026``, ``令和8年``, ``R8年``, ``令和8年度``
    and the number 2026 (spaces ignored).

    Examples:
        >>> parse_year_label("2026年"), parse_year_label("2026年度"), parse_year_label("R8 年")
        ((2026, False), (2026, True), (2026, False))
        >>> parse_year_label(2026), parse_year_label("10月") is None, parse_year_label("2026年10月") is None
        ((2026, False), True, True)
    """
    if isinstance(v, bool):
        return None
    if isinstance(v, int) or (isinstance(v, float) and v.is_integer()):
        return (int(v), False) if _FIRST_YEAR <= v <= _LAST_YEAR else None
    if not isinstance(v, str):
        return None
    m = _YEAR_LABEL_RE.fullmatch(normalize_text(v).replace(" ", ""))
    if not m:
        return None
    if m.group(1) or m.group(3):
        y = int(m.group(1) or m.group(3))
        if not _FIRST_YEAR <= y <= _LAST_YEAR:
            return None
        return y, bool(m.group(3)) or m.group(2) == "年度"
    y = _era_year(m.group(4), m.group(5))
    return None if y is None else (y, m.group(6) is not None)


_MONTH_LABEL_RE = re.compile(r"(\d{1,2})\s*月(?:分|度)?")


def parse_month_label(v: Any) -> int | None:
    """A cell that holds a month and nothing else (``10月``, ``10月分``, ``10月度``), else None.

    Examples:
        >>> parse_month_label("１０月分"), parse_month_label("10"), parse_month_label("13月"), parse_month_label("2026年10月")
        (10, None, None, None)
    """
    if not isinstance(v, str):
        return None
    m = _MONTH_LABEL_RE.fullmatch(normalize_text(v).replace(" ", ""))
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 12 else None


# --- titles, sheet and file names together -----------------------------------------------


def year_month_of(*texts: Any, start_month: int = 4) -> tuple[int | None, int | None]:
    """The year and month named by titles, a sheet name and a file name, read in that order.

    The month is the first one written; its year the one written with it in the same text,
    else the fiscal year's (``2026年度`` with ``1月`` is January 2027 for ``start_month=4``),
    else a calendar year written alone (``工数_2026年.xlsx`` with sheets ``1月`` … ``12月``).
    ``(None, None)`` when no month is written; ``(None, month)`` when no year is.

    Examples:
        >>> year_month_of("作業報告書 2024年11月 稼働分"), year_month_of("令和6年11月分"), year_month_of("R6.4")
        ((2024, 11), (2024, 11), (2024, 4))
        >>> year_month_of("2026年度 作業報告書 1月分"), year_month_of("2026年度 10月分"), year_month_of("11月")
        ((2027, 1), (2026, 10), (None, 11))
        >>> year_month_of("平成30年度 工数", "1月"), year_month_of("10月", "工数_2026年.xlsx")
        ((2019, 1), (2026, 10))
        >>> year_month_of("2027年3月期 工数", "10月"), year_month_of("2026年度")
        ((2026, 10), (None, None))
    """
    year = month = fiscal = plain = None
    for text in texts:
        s = _PERIOD_END_RE.sub(" ", normalize_text(text))
        if fiscal is None:
            fiscal = fiscal_year_from_text(text, start_month)
        if plain is None:
            plain = calendar_year_from_text(s)
        found = parse_year_month(s)
        if not found:
            continue
        y, m = found
        if month is None:
            month = m
        if year is None and y is not None and m == month:
            year = y
        if year is not None and month is not None:
            break
    if month is None:
        return None, None
    if year is None and fiscal is not None:
        year = calendar_year_of(fiscal, month, start_month)
    if year is None and plain is not None:
        year = plain
    return year, month


def years_of(*texts: Any, start_month: int = 4) -> tuple[int | None, int | None]:
    """A year the texts name without a month: ``(calendar year, None)`` when one is written
    alone (``2026年``), else ``(None, fiscal year)`` (``2026年度``), else ``(None, None)``.

    Examples:
        >>> years_of("令和8年度 工数実績", "佐藤", "x.xlsx"), years_of("s", "工数_2026年.xlsx")
        ((None, 2026), (2026, None))
    """
    plain = fiscal = None
    for text in texts:
        if fiscal is None:
            fiscal = fiscal_year_from_text(text, start_month)
        if plain is None:
            plain = calendar_year_from_text(text)
    return (plain, None) if plain else (None, fiscal)


_PERIOD_TEXT_RE = re.compile(
    "|".join(
        [
            r"(?<!\d)\d{4}\s*年\s*\d{1,2}\s*月期",  # 2027年3月期
            _ERA + r"\s*" + _ERA_NUM + r"\s*年\s*\d{1,2}\s*月期",  # 令和9年3月期
            r"(?<!\d)\d{4}\s*年度",  # 2026年度
            r"FY\s*\d{2,4}",  # FY2026, FY26
            _ERA + r"\s*" + _ERA_NUM + r"\s*[.年]\s*\d{1,2}(?:\s*月(?:分|度)?)?",  # R8.10, 令和8年10月分
            _ERA + r"\s*" + _ERA_NUM + r"\s*年度?",  # 令和8年度, 令和8年
            r"(?:\d{4}\s*[年/.\-_]?\s*)?\d{1,2}\s*月(?:分|度)?",  # 2026年10月分, 10月度
            r"\d{4}[\-_.]\d{1,2}",  # 2026-10
            r"\d{6}",  # 202610
            r"(?<!\d)(?:19|20)\d{2}\s*年",  # 2026年
        ]
    ),
    re.IGNORECASE,
)


def remove_periods(text: Any, replacement: str = " ") -> str:
    """``text`` (normalized) with every year, month and fiscal year it names replaced, e.g. to
    find whose sheet or file it is.

    Examples:
        >>> remove_periods("山田_2026年10月分"), remove_periods("佐藤花子 R8.10 工数")
        ('山田_ ', '佐藤花子   工数')
        >>> remove_periods("工数_令和8年度_10月度_鈴木").split("_")
        ['工数', ' ', ' ', '鈴木']
    """
    return _PERIOD_TEXT_RE.sub(replacement, normalize_text(text))


# --- month headers and month cells --------------------------------------------------------

_PERIOD_TOTAL_RE = re.compile(
    r"(?:年間|年度|通期|通年|上期|下期|上半期|下半期|半期|第?[1-4一二三四]四半期|[1-4]q|q[1-4])"
    r"(?:合計|小計|計|累計|予算|予算計)?"
)
_UNIT_BRACKETED = re.compile(r"[\(（\[【]\s*(百万円|千円|万円|円)\s*[\)）\]】]")
_MONTH_SUFFIX = re.compile(r"\s*(?:[(（]\s*(?:予算|計画|budget)\s*[)）]|予算|計画|分|(?<=月)度|budget)$", re.IGNORECASE)
_MONTH_SHAPE = re.compile(
    r"(?:(?:令和|平成|[RH令平])?\s*(?:元|\d{1,4})\s*[年./\-_]\s*)?\d{1,2}\s*月?", re.IGNORECASE
)


def is_period_total(text: Any) -> bool:
    """A label that sums a period, not a month: ``年間計``, ``上期``, ``第1四半期``, ``Q2``, ``通期予算``.

    Examples:
        >>> is_period_total("年間計"), is_period_total("【上期】"), is_period_total("1Q"), is_period_total("10月")
        (True, True, True, False)
    """
    if not isinstance(text, str) or not text.strip():
        return False
    key = normalize_text(text).casefold().replace(" ", "")
    key = re.sub(r"[\[\]【】()（）:：]", "", key)
    return bool(_PERIOD_TOTAL_RE.fullmatch(key))


def parse_month(v: Any, *, fiscal_year: int | None = None, start_month: int = 4) -> tuple[int | None, int] | None:
    """The (year, month) a month header or month cell names, or None when it is not a month.

    Accepts dates, numbers ``202611``, and text that is a month and nothing else
    (``10月``, ``10月分``, ``10月度``, ``10月(予算)``, ``2026年10月``, ``R8.11``, ``2026-12 予算``,
    ``2026/10/01``), and a full date written as text (``令和8年4月1日``, ``R8.5.10``: its month).
    Totals (``年間計``, ``合計``) and ranges (``4月～6月``) are not months.
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
        >>> parse_month("令和8年4月1日"), parse_month("R8.5.10"), parse_month("２０２６年１０月３１日")
        ((2026, 4), (2026, 5), (2026, 10))
        >>> parse_month("年間計") is None, parse_month("案件") is None, parse_month("4月～6月") is None
        (True, True, True)
    """
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (_dt.datetime, _dt.date)):
        ym: tuple[int | None, int] | None = (v.year, v.month)
    elif isinstance(v, (int, float)):
        ym = _month_of_number(v)
    elif isinstance(v, str):
        ym = _month_of_text(v)
    else:
        return None
    if ym is None:
        return None
    y, m = ym
    if y is None and fiscal_year is not None:
        y = calendar_year_of(fiscal_year, m, start_month)
    return (y, m)


def _month_of_number(v: int | float) -> tuple[int, int] | None:
    if isinstance(v, float) and not v.is_integer():
        return None
    n = int(v)
    if 190001 <= n <= 220012 and 1 <= n % 100 <= 12:
        return (n // 100, n % 100)
    return None


def _month_of_text(v: str) -> tuple[int | None, int] | None:
    t = normalize_text(v)
    if not t or len(t) > 20 or is_total_label(t) or is_period_total(t):
        return None
    t = _UNIT_BRACKETED.sub("", t).strip()
    t = _MONTH_SUFFIX.sub("", t).strip()
    t = re.sub(r"[\(（]\s*[\)）]$", "", t).strip()
    if not _MONTH_SHAPE.fullmatch(t):
        # a full date written as text: 2026-10-01, 令和8年4月1日, R8.5.10, ２０２６年１０月１日 — its month
        m = re.fullmatch(r"(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})", t)
        if m and 1 <= int(m.group(2)) <= 12:
            return (int(m.group(1)), int(m.group(2)))
        try:
            day = parse_date(v)
        except CellValueError:
            return None
        return (day.year, day.month) if day is not None else None
    return parse_year_month(t)
