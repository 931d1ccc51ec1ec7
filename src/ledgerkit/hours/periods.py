"""The year and month of an hours sheet, from its titles, its name and its file's name.

Every label is read by the shared parsers of :mod:`ledgerkit.parse.periods`, so that a title
``平成30年度`` means the same fiscal year in an hours sheet as in a budget.
"""

from __future__ import annotations

from pathlib import Path

from ledgerkit.config.loading import Config
from ledgerkit.detect.labels import title_texts
from ledgerkit.parse.periods import fiscal_year_from_text, remove_periods, year_month_of, years_of

#: a year, month or fiscal year written in a text (to take out of a sheet or file name)
__all__ = ["sheet_year_month", "sheet_years", "fiscal_year_of_texts", "without_periods"]


def _texts(rows, header_row: int, sheet_name: str, file: str) -> list[str]:
    return [*title_texts(rows, header_row), sheet_name, Path(file).stem]


def _start(config: Config | None) -> int:
    return int((config or Config()).get("fiscal_year.start_month", 4))


def sheet_year_month(rows, header_row: int, sheet_name: str, file: str, config: Config | None = None):
    """Year and month from titles above the header, the sheet name, then the file name.

    A fiscal year (``2026年度``) with a month before the fiscal-year start is the next
    calendar year: a sheet ``1月`` in ``工数_2026年度.xlsx`` is January 2027.

    Examples:
        >>> sheet_year_month([["平成30年度 工数実績"]], 1, "1月", "x.xlsx")
        (2019, 1)
    """
    return year_month_of(*_texts(rows, header_row, sheet_name, file), start_month=_start(config))


def sheet_years(rows, header_row: int, sheet_name: str, file: str, config: Config | None = None):
    """(a calendar year written alone, a fiscal year) from the titles, the sheet and the file name.

    Examples:
        >>> sheet_years([["令和8年度 工数実績"]], 1, "佐藤", "x.xlsx"), sheet_years([], 0, "s", "工数_2026年.xlsx")
        ((None, 2026), (2026, None))
        >>> sheet_years([["平成30年度 工数実績"]], 1, "佐藤", "x.xlsx")
        (None, 2018)
    """
    return years_of(*_texts(rows, header_row, sheet_name, file), start_month=_start(config))


def fiscal_year_of_texts(rows, header_row: int, sheet_name: str, file: str, config: Config | None = None) -> int | None:
    """The first fiscal year the titles, the sheet name or the file name state."""
    start = _start(config)
    return next((f for f in (fiscal_year_from_text(t, start) for t in _texts(rows, header_row, sheet_name, file)) if f),
                None)


def without_periods(text: str) -> str:
    """``text`` without the years, months and fiscal years written in it (to find a name in it)."""
    return remove_periods(text)
