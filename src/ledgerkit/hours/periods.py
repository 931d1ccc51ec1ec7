"""The year and month of an hours sheet, from its titles, its name and its file's name.

The year/month/fiscal-year label parsers of the hours reader live here, so that they can be
switched to the shared ``ledgerkit.parse.periods`` in one place.
"""

from __future__ import annotations

import re
from pathlib import Path

from ledgerkit.config.settings import Config
from ledgerkit.detect.table import title_texts
from ledgerkit.parse import normalize as nz

_FISCAL_YEAR = re.compile(r"(?:(\d{4})|(?:令和|R)\s*(\d{1,2}|元))\s*年度|FY\s*(\d{4})", re.IGNORECASE)


def _fiscal_year(text: str) -> int | None:
    """``2026年度``, ``令和8年度``, ``R8年度``, ``FY2026`` → 2026."""
    m = _FISCAL_YEAR.search(nz.normalize_text(text))
    if not m:
        return None
    if m.group(1) or m.group(3):
        return int(m.group(1) or m.group(3))
    era_year = 1 if m.group(2) == "元" else int(m.group(2))
    return 2018 + era_year


_YEAR_ONLY = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*年(?!度)")
_YEAR_MONTH_TEXT = re.compile(
    r"(?:\d{4}\s*[年/.\-_]?\s*)?\d{1,2}\s*月(?:分)?|(?:令和|平成|R|H)\s*\d{1,2}[.年]\s*\d{1,2}月?|\d{4}[\-_.]\d{1,2}|\d{6}",
    re.IGNORECASE,
)


def _sheet_year_month(rows, header_row: int, sheet_name: str, file: str, config: Config | None = None):
    """Year and month from titles above the header, the sheet name, then the file name.

    A fiscal year (``2026年度``) with a month before the fiscal-year start is the next
    calendar year: a sheet ``1月`` in ``工数_2026年度.xlsx`` is January 2027.
    """
    year = month = fiscal = year_only = None
    for text in [*title_texts(rows, header_row), sheet_name, Path(file).stem]:
        if fiscal is None:
            fiscal = _fiscal_year(text)
        if year_only is None:
            m = _YEAR_ONLY.search(nz.normalize_text(text))
            year_only = int(m.group(1)) if m else None
        found = nz.parse_year_month(text)
        if not found:
            continue
        y, m = found
        if month is None:
            month = m
        if year is None and y is not None and m == month:
            year = y
        if year is not None and month is not None:
            break
    if year is None and month is not None and fiscal is not None:
        start = int((config or Config()).get("fiscal_year.start_month", 4))
        year = fiscal if month >= start else fiscal + 1
    if year is None and month is not None and year_only is not None:
        year = year_only  # 工数_2026年.xlsx with sheets 1月 … 12月
    return year, month


def _year_alone(rows, header_row: int, sheet_name: str, file: str) -> tuple[int | None, int | None]:
    """(a calendar year written alone, a fiscal year) from the titles, the sheet and the file name.

    Examples:
        >>> _year_alone([["令和8年度 工数実績"]], 1, "佐藤", "x.xlsx"), _year_alone([], 0, "s", "工数_2026年.xlsx")
        ((None, 2026), (2026, None))
    """
    plain = fiscal = None
    for text in [*title_texts(rows, header_row), sheet_name, Path(file).stem]:
        if fiscal is None:
            fiscal = _fiscal_year(text)
        if plain is None:
            m = _YEAR_ONLY.search(nz.normalize_text(text))
            plain = int(m.group(1)) if m else None
    return (plain, None) if plain else (None, fiscal)
