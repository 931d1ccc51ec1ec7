"""Month labels (``YYYY-MM``) and their arithmetic, and fiscal years as months.

How reports and settings write a month, and the sums on it: :func:`month_label`,
:func:`add_months`, :func:`months_between`, :func:`fiscal_year_of`, … Re-exported by
:mod:`ledgerkit.parse.periods`, the home of the year and month labels read from text.

Examples:
    >>> month_label(2026, 4), add_months(2026, 11, 3), fiscal_year_of(2027, 3)
    ('2026-04', (2027, 2), 2026)
"""

from __future__ import annotations

import datetime as _dt

__all__ = [
    "month_label",
    "month_label_of",
    "split_month_label",
    "add_months",
    "month_index",
    "label_of_index",
    "months_between",
    "fiscal_year_of",
    "calendar_year_of",
    "fiscal_year_months",
    "year_before",
]


def month_label(y: int, m: int) -> str:
    """``2026-10``: how reports and settings write a month.

    Examples:
        >>> month_label(2026, 4)
        '2026-04'
    """
    return f"{y:04d}-{m:02d}"


def month_label_of(d: _dt.date) -> str:
    """The month label of a date (or datetime, or pandas Timestamp).

    Examples:
        >>> month_label_of(_dt.date(2026, 10, 31))
        '2026-10'
    """
    return month_label(d.year, d.month)


def split_month_label(label: str) -> tuple[int, int]:
    """``"2026-10"`` → ``(2026, 10)``.

    Examples:
        >>> split_month_label("2026-04")
        (2026, 4)
    """
    y, m = label.split("-")
    return int(y), int(m)


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    """The month ``k`` months after (or before, for negative ``k``) year ``y`` month ``m``.

    Examples:
        >>> add_months(2026, 11, 3), add_months(2027, 3, -11)
        ((2027, 2), (2026, 4))
    """
    n = y * 12 + (m - 1) + k
    return n // 12, n % 12 + 1


def month_index(label: str) -> int:
    """A month label as a count of months (``year × 12 + month − 1``), for arithmetic.

    Examples:
        >>> month_index("2027-01") - month_index("2026-10")
        3
    """
    y, m = split_month_label(label)
    return y * 12 + m - 1


def label_of_index(n: int) -> str:
    """The month label of :func:`month_index`'s count.

    Examples:
        >>> label_of_index(month_index("2026-12") + 1)
        '2027-01'
    """
    return month_label(n // 12, n % 12 + 1)


def months_between(first: str, last: str) -> list[str]:
    """Every month label from ``first`` to ``last``, both included.

    Examples:
        >>> months_between("2026-11", "2027-02")
        ['2026-11', '2026-12', '2027-01', '2027-02']
    """
    return [label_of_index(n) for n in range(month_index(first), month_index(last) + 1)]


def fiscal_year_of(y: int, m: int, start_month: int = 4) -> int:
    """The fiscal year (named by the calendar year it starts in) of a month.

    Examples:
        >>> fiscal_year_of(2026, 10), fiscal_year_of(2027, 3), fiscal_year_of(2027, 3, start_month=1)
        (2026, 2026, 2027)
    """
    return y if m >= start_month else y - 1


def calendar_year_of(fiscal_year: int, m: int, start_month: int = 4) -> int:
    """The calendar year month ``m`` of a fiscal year falls in.

    Examples:
        >>> calendar_year_of(2026, 10), calendar_year_of(2026, 1), calendar_year_of(2026, 1, start_month=1)
        (2026, 2027, 2026)
    """
    return fiscal_year if m >= start_month else fiscal_year + 1


def fiscal_year_months(fy: int, start_month: int = 4) -> list[str]:
    """The twelve month labels of a fiscal year.

    Examples:
        >>> months = fiscal_year_months(2026)
        >>> months[0], months[-1], len(months)
        ('2026-04', '2027-03', 12)
    """
    return [month_label(*add_months(fy, start_month, k)) for k in range(12)]


def year_before(month: int, when: _dt.date) -> int:
    """The year of the latest month ``month`` not after ``when``'s month: a bill for 11月分
    issued in January 2027 is for November 2026.

    Examples:
        >>> year_before(11, _dt.date(2027, 1, 10)), year_before(1, _dt.date(2027, 1, 10))
        (2026, 2027)
    """
    return when.year - (1 if month > when.month else 0)
