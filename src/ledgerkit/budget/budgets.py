"""Reading budget workbooks (予算表): :func:`read_budget`.

Projects (and optionally 費目) down and months across, a long table (案件 / 年月 / 予算), or
one annual figure per project; title rows skipped, total rows and columns left out, units
(千円, 百万円) scaled to yen, months given their year from the fiscal year.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ledgerkit.budget.budget_rows import _SheetReader
from ledgerkit.budget.columns import BUDGET_COLUMNS
from ledgerkit.budget.labels import (
    _BUDGET_WORDS,
    _UNIT_BRACKETED,
    _UNIT_LABELLED,
    _UNITS,
    _is_annual_total,
    _is_total,
    _show,
    _unit_of,
)
from ledgerkit.parse.periods import (
    fiscal_year_from_text,
    month_label,
    parse_month,
    parse_year_label,
)
from ledgerkit.budget.settings import _cfg, _lang, _synonyms
from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.cells import column_letter, is_blank
from ledgerkit.detect.merged import fill_merged
from ledgerkit.intake.door import open_workbook
from ledgerkit.kinds.budget import BUDGET_FIELDS
from ledgerkit.parse.text import normalize_text


@dataclass
class BudgetTable:
    """A budget read from workbooks: one row per budget figure (see :data:`BUDGET_COLUMNS`).

    ``budget`` is integer yen (already scaled from 千円/百万円); ``month`` is ``YYYY-MM``,
    or ``""`` for an annual figure with no monthly split.
    """

    frame: Any
    issues: list[Issue] = field(default_factory=list)
    fiscal_year: int | None = None
    files: list[str] = field(default_factory=list)

    def __iter__(self):
        return iter((self.frame, self.issues))


def _rows_texts(rows, upto: int) -> list[str]:
    out = []
    for r in range(min(upto, len(rows))):
        for v in rows[r]:
            if isinstance(v, str) and v.strip():
                out.append(v)
    return out


def _header_cells(row, syn: Synonyms):
    """(labels, months, totals) of one row read as a header."""
    labels: dict[str, int] = {}
    months: dict[int, tuple[int | None, int]] = {}
    totals: dict[int, str] = {}
    for c, v in enumerate(row):
        if is_blank(v):
            continue
        if isinstance(v, (dt.date, dt.datetime)):
            months[c] = (v.year, v.month)
            continue
        if not isinstance(v, str):
            continue  # a number in a header row is not a month (202610 could be data)
        ym = parse_month(v)
        if ym is not None:
            months[c] = ym
            continue
        if _is_total(v) or _is_annual_total(v):
            totals[c] = v.strip()
            continue
        f = syn.match(_UNIT_BRACKETED.sub("", normalize_text(v)))
        if f and f not in labels:
            labels[f] = c
    return labels, months, totals


def _find_budget_header(rows, syn: Synonyms, scan: int = 40):
    """(row, layout, labels, month_cols, total_cols) of the first header row found.

    Months across win over a long or annual reading of the row above them: in a
    two-row header (案件 | 2026年 … 年間計 over 案件 | 11月 12月 …) the second row is the
    header, and the total columns named in the first row are taken along.
    """
    fallback = None
    for r in range(min(scan, len(rows))):
        labels, months, totals = _header_cells(rows[r], syn)
        if "project" not in labels and "project_name" not in labels:
            if fallback is not None:
                return fallback
            continue
        if months:
            if r > 0:
                _, above_months, above_totals = _header_cells(rows[r - 1], syn)
                for c, text in above_totals.items():
                    if c not in months and c not in labels.values():
                        totals.setdefault(c, text)
            return r, "wide", labels, months, totals
        if fallback is not None:
            return fallback
        if "amount" not in labels:
            # 案件 | 年間予算: the annual column is the amount itself
            annual = [c for c, t in totals.items() if _is_annual_total(t)]
            if annual:
                labels["amount"] = annual[-1]
                del totals[annual[-1]]
        if "month" in labels and "amount" in labels:
            fallback = (r, "long", labels, {}, totals)
        elif "amount" in labels:
            fallback = (r, "annual", labels, {}, totals)
    return fallback


def read_budget(
    paths: str | os.PathLike | Iterable[str | os.PathLike],
    *,
    fiscal_year: int | None = None,
    config: Config | None = None,
) -> BudgetTable:
    """Read budget workbooks into one :class:`BudgetTable` (one row per budget figure).

    Every visible sheet is tried; sheets with no budget table are listed in the issues.
    Raises :class:`~ledgerkit.core.errors.InputError` when no sheet holds a budget, when
    months have no year and no fiscal year is known, or when two units are written.

    Examples:
        >>> read_budget("examples/budget.xlsx").frame.groupby("project")["budget"].sum()  # doctest: +SKIP
    """
    import pandas as pd

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [str(p) for p in paths]
    start_month = int(_cfg(config, "fiscal_year.start_month", 4))
    include_hidden = bool(_cfg(config, "read.include_hidden", False))
    syn = Synonyms(_synonyms(config, "budget", BUDGET_FIELDS))
    records: list[dict] = []
    issues: list[Issue] = []
    fys: set[int] = set()
    for file in files:
        wb = open_workbook(file, config)
        found = 0
        for sheet in wb.sheets:
            if sheet.visible != "visible" and not include_hidden:
                issues.append(Issue("hidden_sheet", file, sheet.name, scope="sheet"))
                continue
            recs, sheet_issues, fy = read_budget_sheet(
                sheet, file=file, fiscal_year=fiscal_year, start_month=start_month, synonyms=syn, lang=_lang(config)
            )
            issues.extend(sheet_issues)
            if recs is None:
                continue
            found += 1
            records.extend(recs)
            if fy is not None:
                fys.add(fy)
        if not found:
            raise InputError(messages.text("budget_no_table_file", _lang(config), file=file))
    frame = pd.DataFrame.from_records(records, columns=BUDGET_COLUMNS)
    frame["budget"] = frame["budget"].astype("Int64")
    frame["source_row"] = frame["source_row"].astype("int64")
    issues.extend(_duplicate_lines(frame))
    fy = fiscal_year if fiscal_year is not None else (min(fys) if fys else None)
    return BudgetTable(frame, issues, fy, files)


def _duplicate_lines(frame) -> list[Issue]:
    out = []
    monthly = frame[frame["month"] != ""]
    key = ["project", "item", "month"]
    dup = monthly[monthly.duplicated(key, keep=False)]
    for _, group in dup.groupby(key, sort=False):
        first = group.iloc[0]
        where = f"{first['source_sheet']} / row {first['source_row']}"
        for _, row in group.iloc[1:].iterrows():
            out.append(
                Issue(
                    "budget_duplicate", row["source_file"], row["source_sheet"], int(row["source_row"]),
                    column=row["column"], severity="warning",
                    params={"project": row["project"], "month": row["month"], "other": where},
                )
            )
    return out


def read_budget_sheet(sheet, *, file: str, fiscal_year: int | None = None, start_month: int = 4, synonyms=None,
                      lang: str = "ja"):
    """One sheet: ``(records or None, issues, fiscal_year)``; None when it holds no budget."""
    syn = synonyms if synonyms is not None else Synonyms(BUDGET_FIELDS)
    rows = fill_merged(sheet.rows, sheet.merged or ())
    issues: list[Issue] = []
    head = _find_budget_header(rows, syn)
    if head is None:
        if any(not is_blank(v) for row in rows for v in row):
            issues.append(Issue("budget_no_table", file, sheet.name, scope="sheet"))
        else:
            issues.append(Issue("empty_sheet", file, sheet.name, scope="sheet"))
        return None, issues, None
    r, layout, labels, months, totals = head
    lang_texts = _rows_texts(rows, r)
    # the fiscal year: given, else a title, else the sheet name, else the file name
    fy = fiscal_year
    for text in [*lang_texts, sheet.name, Path(file).stem]:
        if fy is not None:
            break
        fy = fiscal_year_from_text(text, start_month)

    data_start = r + 1
    skip_cols: dict[int, str] = {}
    if layout == "wide":
        months, data_start, skip_cols = _resolve_month_columns(
            rows, r, months, fy, start_month, file=file, sheet=sheet.name, lang=lang
        )
    # units: in the title rows and the header
    units = _unit_of(_rows_texts(rows, data_start))
    units |= _unit_of(t for row in rows for t in row if isinstance(t, str) and _UNIT_LABELLED.search(normalize_text(t)))
    if len(units) > 1:
        raise InputError(messages.text("budget_two_units", lang, file=file, sheet=sheet.name,
                                       units=", ".join(sorted(units))))
    unit = next(iter(units), "円")
    factor = _UNITS[unit]
    if factor != 1:
        issues.append(
            Issue("budget_unit", file, sheet.name, scope="sheet", value=unit,
                  params={"unit": unit, "factor": f"{factor:,}"})
        )
    header_excel = r + 1
    for c, text in totals.items():
        issues.append(Issue("total_column", file, sheet.name, header_excel, column=text, scope="column"))
    for c, text in skip_cols.items():
        issues.append(Issue("budget_other_column", file, sheet.name, header_excel, column=text, scope="column",
                        params={"column": text}))

    reader = _SheetReader(file, sheet.name, rows, r, layout, labels, months, totals, fy, start_month, factor, issues)
    return reader.records(data_start), issues, fy


def _resolve_month_columns(rows, r: int, months: dict, fy: int | None, start_month: int, *, file: str, sheet: str,
                           lang: str = "ja"):
    """Give every month column its year; pick the 予算 column under a month with 予算/実績 beneath.

    Returns ``(months {col: (y, m)}, data_start, skipped {col: header text})``.
    """
    above = rows[r - 1] if r > 0 else []
    resolved: dict[int, tuple[int, int]] = {}
    prev: tuple[int, int] | None = None
    for c in sorted(months):
        y, m = months[c]
        if y is None and c < len(above):
            # a year written in the cell above the month (2026, 2026年, 令和8年): not a fiscal year
            label = parse_year_label(above[c])
            if label is not None and not label[1]:
                y = label[0]
        if y is None and fy is not None:
            y = fy if m >= start_month else fy + 1
        if y is None and prev is not None:
            # 2026年10月, 11月, 12月, 1月 …: the year carries along the row
            y = prev[0] if m >= prev[1] else prev[0] + 1
        if y is None:
            raise InputError(messages.text("budget_month_no_year_sheet", lang, file=file, sheet=sheet,
                                           month=_show(rows[r][c])))
        resolved[c] = (y, m)
        prev = (y, m)
    data_start = r + 1
    skipped: dict[int, str] = {}
    by_month: dict[tuple[int, int], list[int]] = {}
    for c, ym in resolved.items():
        by_month.setdefault(ym, []).append(c)
    repeated = {ym: cs for ym, cs in by_month.items() if len(cs) > 1}
    if repeated:
        below = rows[r + 1] if r + 1 < len(rows) else []
        sub = {c: (normalize_text(below[c]) if c < len(below) and isinstance(below[c], str) else "") for c in resolved}
        if not any(sub.values()):
            ym, cs = next(iter(repeated.items()))
            raise InputError(messages.text("budget_month_twice", lang, file=file, sheet=sheet, month=month_label(*ym),
                                           columns=", ".join(column_letter(c) for c in cs)))
        data_start = r + 2
        for ym, cs in by_month.items():
            budget_cols = [c for c in cs if _BUDGET_WORDS.search(sub[c])]
            if len(cs) > 1 and len(budget_cols) != 1:
                raise InputError(messages.text("budget_no_budget_column", lang, file=file, sheet=sheet,
                                               month=month_label(*ym),
                                               columns=", ".join(sub[c] or column_letter(c) for c in cs)))
            for c in cs:
                if len(cs) > 1 and c != budget_cols[0]:
                    skipped[c] = f"{_show(rows[r][c])} {sub[c]}".strip()
                    del resolved[c]
    return resolved, data_start, skipped
