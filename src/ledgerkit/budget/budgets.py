"""Reading budget workbooks (予算表): :func:`read_budget`.

Projects (and optionally 費目) down and months across, a long table (案件 / 年月 / 予算), or
one annual figure per project; title rows skipped, total rows and columns left out, units
(千円, 百万円) scaled to yen, months given their year from the fiscal year. Workbooks are read
through the intake door; each sheet is read in the worker by :class:`BudgetSheetReader`.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

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
from ledgerkit.budget.settings import _cfg, _lang, _synonyms
from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue, location_param
from ledgerkit.core.result import Result, SheetResult
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.headers import Synonyms
from ledgerkit.detect.merged import fill_merged
from ledgerkit.intake.door import Intake, gather, read_files
from ledgerkit.kinds.budget import BUDGET_FIELDS
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import closing_month_conflict, fiscal_year_from_text, parse_month, parse_year_label
from ledgerkit.parse.text import normalize_text
from ledgerkit.reports.generic import detail_writer


@dataclass
class BudgetSheet(SheetResult):
    """What :class:`BudgetSheetReader` found in one sheet: the figures (``frame``, :data:`BUDGET_COLUMNS`),
    the fiscal year its title, sheet name or file name gives, and the error that stops the reading
    (two units, a month without a year), raised in the parent in the order the sheets were given."""

    fiscal_year: int | None = None
    error: InputError | None = None


@dataclass(frozen=True)
class BudgetSheetReader:
    """The per-sheet reader of :func:`read_budget` (runs in the intake's worker; picklable).

    ``fiscal_year`` gives months written without a year their year when the sheet does not say.
    """

    fiscal_year: int | None = None

    def __call__(self, sheet, *, file: str, config: Config | None = None) -> BudgetSheet:
        syn = Synonyms(_synonyms(config, "budget", BUDGET_FIELDS))
        try:
            return read_budget_sheet(sheet, file=file, fiscal_year=self.fiscal_year,
                                     start_month=int(_cfg(config, "fiscal_year.start_month", 4)), synonyms=syn,
                                     lang=_lang(config))
        except InputError as e:
            # said in the parent, in the order the files were given (a worker's error would be
            # taken for an unreadable file)
            return BudgetSheet(error=e)


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
        if is_empty(v):
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
    config: Config | None = None,
    *,
    fiscal_year: int | None = None,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Read budget workbooks: one row per budget figure (:data:`BUDGET_COLUMNS`).

    Files, folders and globs go through the intake door (lock files, copies, ledgerkit's own
    reports, hidden sheets unless ``include_hidden``); every sheet is tried in the worker
    and sheets with no budget table are listed in the issues. Raises
    :class:`~ledgerkit.core.errors.InputError` when a file holds no budget, when months have
    no year and no fiscal year is known, or when two units are written.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``budget_lines``
    (``frame, issues = read_budget(...)`` works too): ``budget`` is integer yen (already
    scaled from 千円/百万円), ``month`` ``YYYY-MM`` or ``""`` for an annual figure with no
    monthly split; ``meta["fiscal_year"]`` the fiscal year given or found.

    Examples:
        >>> read_budget("examples/budget.xlsx").frame.groupby("project")["budget"].sum()  # doctest: +SKIP
    """
    config = config if config is not None else Config()
    intake = read_files(paths, config, reader=BudgetSheetReader(fiscal_year), include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs)
    fys = _fiscal_years(intake, config)
    result = gather(intake, "budget_lines", finish=_finish_budget, columns=BUDGET_COLUMNS, config=config,
                    writer=detail_writer(_DETAIL_FORMATS))
    result.meta["fiscal_year"] = fiscal_year if fiscal_year is not None else (min(fys) if fys else None)
    return result


#: the figures' formats when the budget lines are written to xlsx
_DETAIL_FORMATS = {"budget": "yen", "source_row": "rowno", "project": "text", "month": "text"}


def _fiscal_years(intake: Intake, config: Config) -> set[int]:
    """The fiscal years the sheets give; raises the first sheet's error, or for a file with no budget."""
    fys: set[int] = set()
    for f in intake.files:
        found = 0
        for sheet in f.sheets:
            read = sheet.result
            if read is None:
                continue
            if read.error is not None:
                raise read.error
            if read.frame is None:
                continue
            found += 1
            if read.fiscal_year is not None:
                fys.add(read.fiscal_year)
        if not found and not any(i.code == "own_report" for i in f.issues):
            raise InputError(messages.text("budget_no_table_file", _lang(config), file=f.path))
    return fys


def _finish_budget(frame, issues: list[Issue], config: Config):
    """Typed columns, and the same project, 費目 and month budgeted twice listed."""
    frame = frame.astype({"budget": "Int64", "source_row": "int64"})
    return frame, [*issues, *_duplicate_lines(frame)]


def _duplicate_lines(frame) -> list[Issue]:
    out = []
    monthly = frame[frame["month"] != ""]
    key = ["project", "item", "month"]
    dup = monthly[monthly.duplicated(key, keep=False)]
    for _, group in dup.groupby(key, sort=False):
        first = group.iloc[0]
        where = location_param("", first["source_sheet"], int(first["source_row"]))
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
                      lang: str = "ja") -> BudgetSheet:
    """One sheet: its figures (``frame``, :data:`BUDGET_COLUMNS`; None when it holds no budget),
    issues, data rows read and fiscal year (:class:`BudgetSheet`)."""
    import pandas as pd

    syn = synonyms if synonyms is not None else Synonyms(BUDGET_FIELDS)
    rows = fill_merged(sheet.rows, sheet.merged or ())
    issues: list[Issue] = []
    head = _find_budget_header(rows, syn)
    if head is None:
        if any(not is_empty(v) for row in rows for v in row):
            issues.append(Issue("budget_no_table", file, sheet.name, scope="sheet"))
        else:
            issues.append(Issue("empty_sheet", file, sheet.name, scope="sheet"))
        return BudgetSheet(issues=issues, note="no table")
    r, layout, labels, months, totals = head
    lang_texts = _rows_texts(rows, r)
    # the fiscal year: given, else a title, else the sheet name, else the file name
    fy = fiscal_year
    conflict = None
    for text in [*lang_texts, sheet.name, Path(file).stem]:
        if fy is not None:
            break
        fy = fiscal_year_from_text(text, start_month)
        # 2026年12月期 under an April start (a March closing): a finding, never a silent FY2025
        conflict = conflict or closing_month_conflict(text, start_month)
    if conflict is not None and fiscal_year is None:
        label, named, expected = conflict
        issues.append(Issue("budget_closing_conflict", file, sheet.name, scope="sheet", severity="error",
                            value=label, params={"label": label, "month": named, "closing": expected,
                                                 "start": start_month}))

    data_start = r + 1
    skip_cols: dict[int, str] = {}
    if layout == "wide":
        try:
            months, data_start, skip_cols = _resolve_month_columns(
                rows, r, months, fy, start_month, file=file, sheet=sheet.name, lang=lang
            )
        except InputError as e:
            if conflict is None or fy is not None:
                raise
            # no year for the months because the title's 〜月期 contradicts the closing month: say that
            label, named, expected = conflict
            raise InputError(messages.text("budget_closing_conflict_stop", lang, file=file, sheet=sheet.name,
                                           label=label, month=named, closing=expected, start=start_month)) from e
    factor = _sheet_unit(rows, data_start, file, sheet.name, lang, issues)
    header_excel = r + 1
    for c, text in totals.items():
        issues.append(Issue("total_column", file, sheet.name, header_excel, column=text, scope="column"))
    for c, text in skip_cols.items():
        issues.append(Issue("budget_other_column", file, sheet.name, header_excel, column=text, scope="column",
                        params={"column": text}))

    reader = _SheetReader(file, sheet.name, rows, r, layout, labels, months, totals, fy, start_month, factor, issues)
    frame = pd.DataFrame.from_records(reader.records(data_start), columns=BUDGET_COLUMNS)
    frame = frame.astype({"budget": "Int64", "source_row": "int64"})
    mapping = {f: reader.header.get(c, "") for f, c in labels.items()}
    return BudgetSheet(frame, issues, reader.log.rows_read, layout=layout, header_row=header_excel, mapping=mapping,
                       fiscal_year=fy)


def _sheet_unit(rows, data_start: int, file: str, sheet: str, lang: str, issues: list[Issue]) -> int:
    """The factor to yen of the unit written in the title rows and the header (単位：千円 → 1,000)."""
    units = _unit_of(_rows_texts(rows, data_start))
    units |= _unit_of(t for row in rows for t in row if isinstance(t, str) and _UNIT_LABELLED.search(normalize_text(t)))
    if len(units) > 1:
        raise InputError(messages.text("budget_two_units", lang, file=file, sheet=sheet,
                                       units=", ".join(sorted(units))))
    unit = next(iter(units), "円")
    factor = _UNITS[unit]
    if factor != 1:
        issues.append(
            Issue("budget_unit", file, sheet, scope="sheet", value=unit,
                  params={"unit": unit, "factor": f"{factor:,}"})
        )
    return factor


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
