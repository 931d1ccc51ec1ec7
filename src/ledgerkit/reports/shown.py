"""Figures as a person reads them on a printed report: yen with ``¥`` and thousands, dates
as a Japanese office writes them, an expected figure in words, a place in a workbook.

The cells of a report keep their numbers and dates (formatted by the sheet); these are for
text that mixes them — "¥12,345 または ¥12,346", "2026/11/30 以前" — where a number format
cannot reach.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from ledgerkit.core import messages
from ledgerkit.reports.labels import month_label

_INTEGER = re.compile(r"^[-−]?\d+$")
_DECIMAL = re.compile(r"^[-−]?\d+\.\d+$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_OPERATOR = re.compile(r"^(<=|>=|<|>|≦|≧)\s*(.+)$")


def yen_text(value: Any) -> str:
    """An amount of yen as ``¥12,345`` (``-¥52,800`` below zero).

    Examples:
        >>> yen_text(12345), yen_text("-52800"), yen_text(Decimal("1000"))
        ('¥12,345', '-¥52,800', '¥1,000')
    """
    number = Decimal(str(value).replace("−", "-"))
    sign = "-" if number < 0 else ""
    return f"{sign}¥{abs(number):,f}"


def date_text(value: dt.date | str, lang: str = "ja") -> str:
    """A date as ``2026/11/30`` (``2026-11-30`` in English).

    Examples:
        >>> date_text(dt.date(2026, 11, 30)), date_text("2026-11-30", "en")
        ('2026/11/30', '2026-11-30')
    """
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return value.strftime("%Y/%m/%d") if lang != "en" else value.isoformat()


def shown_figure(text: str, *, money: bool, lang: str = "ja") -> str:
    """One figure of a finding as a person reads it: an integer of a money field as yen, an
    ISO date as a date, anything else as it is.

    Examples:
        >>> shown_figure("550000", money=True), shown_figure("2026-11-30", money=False)
        ('¥550,000', '2026/11/30')
        >>> shown_figure("T5835678256246", money=True), shown_figure("0.1", money=False)
        ('T5835678256246', '0.1')
    """
    text = text.strip()
    if money and (_INTEGER.match(text) or _DECIMAL.match(text)):
        try:
            return yen_text(text)
        except InvalidOperation:
            return text
    match = _ISO_DATE.match(text)
    if match:
        try:
            return date_text(text, lang)
        except ValueError:
            return text
    return text


def shown_expected(text: Any, *, money: bool, lang: str = "ja") -> str:
    """The figure a finding expected, in words: alternatives (``12345 / 12346``) and bounds
    (``<= 2026-11-30``) with yen and dates as :func:`shown_figure` gives them.

    Examples:
        >>> shown_expected("12345 / 12346", money=True)
        '¥12,345 または ¥12,346'
        >>> shown_expected("<= 500000", money=True), shown_expected("<= 2026-11-30", money=False)
        ('¥500,000 以下', '2026/11/30 以前')
        >>> shown_expected(">= 2027-10-27", money=False, lang="en")
        'on or after 2027-10-27'
        >>> shown_expected("T + 13桁", money=False), shown_expected(None, money=True)
        ('T + 13桁', '')
    """
    if text is None or (isinstance(text, float) and text != text):
        return ""
    parts = [p for p in str(text).split(" / ")]
    shown = [_bounded(p, money, lang) for p in parts]
    return messages.text("report_or", lang).join(shown)


def _bounded(part: str, money: bool, lang: str) -> str:
    match = _OPERATOR.match(part.strip())
    if not match:
        return shown_figure(part, money=money, lang=lang)
    op, figure = match.groups()
    is_date = bool(_ISO_DATE.match(figure.strip()))
    shown = shown_figure(figure, money=money, lang=lang)
    upper = op in ("<=", "<", "≦")
    strict = op in ("<", ">")
    key = f"report_{'date' if is_date else 'figure'}_{'upto' if upper else 'from'}{'_strict' if strict else ''}"
    return messages.text(key, lang, figure=shown)


def place_text(file: Any, sheet: Any = "", row: Any = None, column: Any = "", *, lang: str = "ja",
               full_path: bool = False) -> str:
    """Where a finding is, as plain text: ``請求書一覧.xlsx / 10月 / 8行目 / 消費税``.

    The file is named without its folders unless ``full_path`` (two files of one name).

    Examples:
        >>> place_text("in/受領請求書一覧.xlsx", "10月受領分", 8, "消費税")
        '受領請求書一覧.xlsx / 10月受領分 / 8行目 / 消費税'
        >>> place_text("in/a.xlsx", "S", 3, lang="en")
        'a.xlsx / S / row 3'
    """
    parts = []
    if file:
        parts.append(str(file) if full_path else os.path.basename(str(file)))
    if sheet:
        parts.append(str(sheet))
    if row is not None and not (isinstance(row, float) and row != row) and str(row) != "<NA>":
        parts.append(messages.text("report_row", lang, row=int(row)))
    if column:
        parts.append(str(column))
    return " / ".join(parts)


def period_title(result, what: str, lang: str = "ja", *, column: str = "month") -> str:
    """``工数集計 2026年10月〜2026年11月 (ファイル 5 件)``: what, the months of the rows (their
    ``column``), the files read.

    Examples:
        >>> import pandas as pd
        >>> from ledgerkit.core.result import Result, Stats
        >>> r = Result("hours", pd.DataFrame({"month": ["2026-11", "2026-10"]}), stats=Stats(files_read=5))
        >>> period_title(r, "工数集計")
        '工数集計 2026年10月〜2026年11月 (ファイル 5 件)'
        >>> period_title(r, "Effort hours", "en")
        'Effort hours 2026-10 – 2026-11 (5 files)'
    """
    frame = result.frame
    if column in frame.columns:
        months = sorted({m for m in frame[column] if isinstance(m, str) and m})
    else:
        # rows with a date and no month (a 勤務表's days): the months of their dates, or of
        # their closing period (a 20日締め sheet's 9/21 … 10/20 are 2026-10)
        months = sorted({m for m in row_months(frame) if m}) if "date" in frame.columns else []
    period = ""
    if months:
        first, last = month_label(months[0], lang), month_label(months[-1], lang)
        period = first if first == last else first + ("〜" if lang != "en" else " – ") + last
    return messages.text("report_period_title", lang, what=what, period=period, files=result.stats.files_read).replace(
        "  ", " ")


def row_months(frame) -> list[str | None]:
    """The month each row of a frame of days counts in: its ``period`` (the month a closing-day
    sheet is settled in: ``2026-10`` for 9/21 … 10/20) when it has one, else its date's month.

    Examples:
        >>> import pandas as pd
        >>> row_months(pd.DataFrame({"date": [dt.date(2026, 9, 21), dt.date(2026, 9, 30), None],
        ...                          "period": ["2026-10", None, None]}))
        ['2026-10', '2026-09', None]
    """
    dates = frame["date"] if "date" in frame.columns else [None] * len(frame)
    periods = frame["period"] if "period" in frame.columns else [None] * len(frame)
    out: list[str | None] = []
    for d, p in zip(dates, periods):
        if isinstance(p, str) and len(p) == 7 and p[4] == "-" and (p[:4] + p[5:]).isdigit():
            out.append(p)
        else:
            out.append(f"{d.year:04d}-{d.month:02d}" if isinstance(d, dt.date) else None)
    return out


def month_texts(dates) -> list[str]:
    """``2026-10`` for each date of ``dates`` (dates, datetimes, Timestamps), skipping missing ones.

    Examples:
        >>> month_texts([dt.date(2026, 10, 1), None, dt.datetime(2026, 11, 3, 9, 0)])
        ['2026-10', '2026-11']
    """
    return [f"{d.year:04d}-{d.month:02d}" for d in dates if isinstance(d, dt.date)]
