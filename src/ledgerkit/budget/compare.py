"""Budget vs actual (予実管理): read budgets and rate tables, cost the hours, compare.

``compare_budget(budget, hours, rates, invoices=None, through=None)`` answers the question
a PMO is asked every month — which project is burning its budget, how fast, and where
will it land — from the client's own workbooks:

* **Budgets** (:func:`read_budget`) in the layouts seen in practice: projects (and
  optionally 費目) down and months across (``4月``…``3月`` for a fiscal year, real dates,
  ``2026-10``, ``R8.10``), a long table (案件 / 年月 / 予算), or one annual figure per
  project. Title rows are skipped; ``年間計``/``合計``/``上期計``/``下期計`` rows and columns
  are left out (and the 年間計 column is checked against the months); ``単位：千円`` /
  ``単位：百万円`` in a title or header scales the amounts to yen (a cell that writes its own
  unit, ``250,000円``, is not scaled again). Months written without
  a year take it from the fiscal year (``2026年度`` in a title, the sheet or file name,
  or ``fiscal_year=``); the fiscal year starts in April unless configured.
* **Rates** (:func:`read_rates`, 単価表): per person, or per grade with a person → grade
  list; ``6,500円``, per hour by default, per day or month when the header says so
  (人日単価, 人月単価: divided by ``hours.hours_per_day`` / ``hours.hours_per_month``).
  A 適用開始 column dates rate changes and promotions: each month uses the rate (and
  grade) in effect in it.

How the money is computed (DOMAIN §7: money is never float):

* **Labor cost** = hours × hourly rate, per person, project and month. Hours are taken
  exactly — as written up to 6 decimals (7.25), or as whole seconds when the hours
  pipeline made them from a clock time (7:20 → 22/3 h) — and multiplied as fractions;
  the product is rounded to whole yen **once per person-project-month** with
  :func:`ledgerkit.core.money.round_yen` (``budget.rounding``, default ``half_up`` 四捨五入).
  A project's labor cost is the sum of those rounded figures, so the per-month table
  and the summary always add up.
* **Purchases** = the invoices' net amounts (税抜), by project and month of issue, from
  the invoice pipeline (an invoice found twice is counted once there).
* Hours and invoices are matched to the budget's projects by code, ignoring width and
  case (``Ａ－１００１`` is ``A-1001``), or by the budget's 案件名 when they name the
  project that way (listed).
* **actual** = labor_cost + purchases; **variance** = budget − actual (positive: money
  left); **consumption** = actual ÷ budget; **status** ``ok``, ``warning`` at
  ``budget.warning`` (80%) and above, ``over`` above ``budget.over`` (100%), compared as
  exact fractions; ``no_budget`` for a project with actuals and no budget line (it is
  listed, never dropped).
* **budget** is the whole budget in the file or, with ``through``, the budget of the
  months up to and including ``through``. An annual figure with no monthly split is
  spread evenly over the fiscal year's months (cumulatively, rounded once per month).
* **forecast** (着地見込) = actual + run rate × remaining months, where the run rate is
  actual ÷ the months from the project's first month (first budgeted or first actual
  month, not before the fiscal year) to ``through``, and the remaining months run from
  after ``through`` to the end of the fiscal year — or to the project's last budgeted
  month when its budget ends earlier (a project budgeted Oct–Dec is not burned until
  March). Rounded to whole yen once (half up). Without ``through``, ``through`` is the
  last month with any actual.

A person with hours but no rate stops the job with a :class:`~ledgerkit.core.errors.DataError`
naming every such person: a silent zero would understate every figure above. A rate of
0 written on purpose (e.g. a contractor whose cost arrives as invoices) is accepted and
listed.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import os
import re
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any, Iterable, Mapping

from ledgerkit.kinds.budget import BUDGET_FIELDS, RATE_FIELDS
from ledgerkit.core import messages
from ledgerkit.parse import normalize as nz
from ledgerkit.config.settings import Config
from ledgerkit.detect.table import Synonyms, column_letter, fill_merged, is_blank
from ledgerkit.core.errors import DataError, InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.money import round_yen

__all__ = [
    "BUDGET_FIELDS",
    "RATE_FIELDS",
    "BUDGET_COLUMNS",
    "RESULT_COLUMNS",
    "MONTHLY_COLUMNS",
    "LABOR_COLUMNS",
    "BudgetTable",
    "Rates",
    "RateEntry",
    "GradeOf",
    "BudgetResult",
    "read_budget",
    "read_rates",
    "compare_budget",
    "labor_cost",
    "write_budget_report",
    "parse_month",
    "fiscal_year_of",
]



#: the budget frame (one row per budget cell), see :func:`read_budget`
BUDGET_COLUMNS = ["project", "project_name", "item", "month", "budget", "source_file", "source_sheet", "source_row", "column"]
#: the result: one row per project
RESULT_COLUMNS = [
    "project", "budget", "labor_cost", "purchases", "actual", "variance", "consumption", "status", "forecast",
    "project_name", "budget_total", "hours",
]
#: the per-month table
MONTHLY_COLUMNS = [
    "project", "month", "budget", "labor_cost", "purchases", "actual", "cumulative_budget", "cumulative_actual",
]
#: labor cost per person, project and month
LABOR_COLUMNS = ["project", "person", "month", "hours", "rate", "rate_basis", "labor_cost"]

#: report headings (ja, en) for the columns above that writers.HEADINGS lacks
HEADINGS: dict[str, tuple[str, str]] = {
    "project": ("案件", "Project"),
    "project_name": ("案件名", "Project name"),
    "item": ("費目", "Item"),
    "month": ("年月", "Month"),
    "budget": ("予算", "Budget"),
    "budget_total": ("年間予算", "Full budget"),
    "labor_cost": ("人件費", "Labor cost"),
    "purchases": ("外注・購入費", "Purchases"),
    "actual": ("実績", "Actual"),
    "variance": ("差異(予算−実績)", "Variance (budget − actual)"),
    "consumption": ("消化率", "Consumption"),
    "status": ("状態", "Status"),
    "forecast": ("着地見込", "Forecast"),
    "hours": ("工数(h)", "Hours"),
    "person": ("氏名", "Person"),
    "rate": ("単価", "Rate"),
    "rate_basis": ("単価の単位", "Rate per"),
    "cumulative_budget": ("予算累計", "Cumulative budget"),
    "cumulative_actual": ("実績累計", "Cumulative actual"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ok": ("OK", "ok"),
    "warning": ("注意", "warning"),
    "over": ("超過", "over"),
    "no_budget": ("予算なし", "no budget"),
}

#: defaults of the ``[budget]`` config section (to be added to config.DEFAULTS by the lead)
BUDGET_DEFAULTS = {"warning": 0.8, "over": 1.0, "rounding": "half_up"}

_UNITS = {"円": 1, "千円": 1000, "万円": 10_000, "百万円": 1_000_000}
_UNIT_LABELLED = re.compile(r"(?:単位|unit)\s*[:：]?\s*[\(（]?\s*(百万円|千円|万円|円)", re.IGNORECASE)
_UNIT_BRACKETED = re.compile(r"[\(（\[【]\s*(百万円|千円|万円|円)\s*[\)）\]】]")
_UNIT_ALONE = re.compile(r"^(百万円|千円|万円)$")
_BUDGET_TOTAL = re.compile(
    r"(?:年間|年度|通期|通年|上期|下期|上半期|下半期|半期|第?[1-4一二三四]四半期|[1-4]q|q[1-4])"
    r"(?:合計|小計|計|累計|予算|予算計)?"
)
_ANNUAL_TOTAL = re.compile(r"(?:年間|年度|通期|通年)(?:合計|計|予算)?|合計|総計|計|予算計|年間予算|total|grandtotal")
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
_RATE_SUFFIX = re.compile(r"/\s*(h|hr|時間|時|人時|日|人日|月|人月)$", re.IGNORECASE)
# a cell that carries its own unit: 1,000円, 500千円, 1.2万
_OWN_UNIT = re.compile(r"\d\s*(?:円|[千百万億]|百万)")
_BUDGET_WORDS = re.compile(r"予算|計画|budget|plan", re.IGNORECASE)


# --- small helpers ---------------------------------------------------------------------


def _synonyms(config: Config | None, kind: str, base: dict[str, list[str]]) -> dict[str, list[str]]:
    out = {k: list(v) for k, v in base.items()}
    if config is not None:
        for k, words in config.synonyms(kind).items():
            out[k] = list(dict.fromkeys([*out.get(k, []), *words]))
    return out


def _cfg(config: Config | None, key: str, default: Any) -> Any:
    if config is None:
        return default
    value = config.get(key)
    return default if value is None else value


def _lang(config: Config | None) -> str:
    return config.lang if config is not None else "ja"


def _exact(x: Any) -> Fraction:
    """A float setting (0.8) as the fraction a person meant (4/5), via its shortest repr."""
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        return Fraction(Decimal(repr(x)))
    return Fraction(x)


def _show(v: Any) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None else str(v)


def _yen_text(n: int) -> str:
    return f"{n:,}"


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


def _is_total(text: Any) -> bool:
    if not isinstance(text, str) or not text.strip():
        return False
    if nz.is_total_label(text):
        return True
    key = nz.normalize_text(text).casefold().replace(" ", "")
    key = re.sub(r"[\[\]【】()（）:：]", "", key)
    return bool(_BUDGET_TOTAL.fullmatch(key))


_ITEM_TOTAL = re.compile(r".+[^設会統時]計")


def _is_item_total(text: Any) -> bool:
    """A 費目 cell that sums the rows above (``外注費計``, ``人件費計``), not 設計 or 会計.

    Examples:
        >>> _is_item_total("外注費計"), _is_item_total("基本設計"), _is_item_total("会計"), _is_item_total("人件費")
        (True, False, False, False)
    """
    if not isinstance(text, str):
        return False
    return bool(_ITEM_TOTAL.fullmatch(nz.normalize_text(text).replace(" ", "")))


def _is_annual_total(text: Any) -> bool:
    if not isinstance(text, str):
        return False
    key = nz.normalize_text(text).casefold().replace(" ", "")
    key = _UNIT_BRACKETED.sub("", key)
    key = re.sub(r"[\[\]【】()（）:：]", "", key)
    return bool(_ANNUAL_TOTAL.fullmatch(key))


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


def _unit_of(texts: Iterable[str]) -> set[str]:
    found = set()
    for t in texts:
        s = nz.normalize_text(t)
        for rx in (_UNIT_LABELLED, _UNIT_BRACKETED, _UNIT_ALONE):
            for m in rx.finditer(s):
                found.add(m.group(1))
    return found


# --- reading budgets ---------------------------------------------------------------------


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
        f = syn.match(_UNIT_BRACKETED.sub("", nz.normalize_text(v)))
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

    from ledgerkit.intake.door import open_workbook

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
    units |= _unit_of(t for row in rows for t in row if isinstance(t, str) and _UNIT_LABELLED.search(nz.normalize_text(t)))
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


class _SheetReader:
    """The data rows of one budget sheet, once its header, months and unit are known."""

    def __init__(self, file, sheet, rows, header_row, layout, labels, months, totals, fy, start_month, factor, issues):
        self.file, self.sheet, self.rows = file, sheet, rows
        self.layout, self.labels, self.months, self.totals = layout, labels, months, totals
        self.fy, self.start_month, self.factor = fy, start_month, factor
        self.issues: list[Issue] = issues
        head = rows[header_row]
        self.header = {c: (str(v).strip() if not is_blank(v) else column_letter(c)) for c, v in enumerate(head)}
        self.pc = labels.get("project", labels.get("project_name"))
        self.nc = labels.get("project_name") if "project" in labels else None
        self.ic = labels.get("item")
        annual = [c for c, t in totals.items() if _is_annual_total(t)]
        self.annual_col = annual[-1] if annual else None
        # label columns end where the months begin: a 合計 there marks a total row
        self.label_end = min(months) if months else None

    def issue(self, code: str, row: int, **kw) -> None:
        self.issues.append(Issue(code, self.file, self.sheet, row, **kw))

    @staticmethod
    def cell(row, c):
        return row[c] if c is not None and c < len(row) else ""

    def amount(self, row, c, excel_row: int, *, rejected: bool = False):
        """The Decimal in cell c; None when blank; False (reported) when unreadable."""
        v = self.cell(row, c)
        if is_blank(v) or nz.is_blank(v):
            return None
        try:
            return nz.parse_amount(v)
        except nz.CellValueError:
            text = self.header.get(c, "")
            self.issue("bad_cell", excel_row, column=text, value=_show(v), severity="error", rejected=rejected,
                       params={"field": text, "value": _show(v)})
            return False

    def to_yen(self, value: Decimal, excel_row: int, c: int) -> int:
        """Whole yen: scaled by the sheet's unit, unless the cell says its own (``1,000円``,
        ``500千円``: parse_amount already made yen of it); a fraction of a yen is rounded
        half up and reported."""
        raw = self.cell(self.rows[excel_row - 1], c)
        column = self.header.get(c, "")
        factor = self.factor
        if factor != 1 and isinstance(raw, str) and _OWN_UNIT.search(nz.normalize_text(raw)):
            factor = 1
            self.issue("budget_cell_unit", excel_row, column=column, value=_show(raw), severity="warning",
                       params={"value": _show(raw), "yen": _yen_text(round_yen(value, "half_up"))})
        exact = value * factor
        yen = round_yen(exact, "half_up")
        if exact != yen:
            self.issue("budget_rounded", excel_row, column=column, value=_show(raw),
                       severity="warning", params={"value": str(exact), "yen": _yen_text(yen)})
        return yen

    def is_total_row(self, row) -> bool:
        raw_project, raw_item = self.cell(row, self.pc), self.cell(row, self.ic)
        if _is_total(raw_project) or _is_total(raw_item) or _is_item_total(raw_item):
            return True
        if is_blank(raw_project):
            labels = row[: self.label_end] if self.label_end is not None else row
            return any(_is_total(v) for v in labels if isinstance(v, str))
        return False

    def wide_values(self, row, excel_row: int) -> list[tuple[str, int, int]]:
        """(month, yen, column) of the month cells that hold an amount."""
        out = []
        for c, (y, m) in self.months.items():
            amount = self.amount(row, c, excel_row)
            if amount:
                out.append((month_label(y, m), self.to_yen(amount, excel_row, c), c))
            elif amount is not None and amount is not False:
                out.append((month_label(y, m), 0, c))
        return out

    def long_values(self, row, excel_row: int) -> list[tuple[str, int, int]] | None:
        """The one (month, yen, column) of a long or annual row; None when the row is rejected."""
        ac = self.labels["amount"]
        amount = self.amount(row, ac, excel_row, rejected=True)
        if amount is False:
            return None
        month = ""
        if self.layout == "long":
            mc = self.labels["month"]
            mv = self.cell(row, mc)
            ym = parse_month(mv, fiscal_year=self.fy, start_month=self.start_month)
            if ym is None or ym[0] is None:
                if amount is None and is_blank(mv):
                    self.issue("no_values", excel_row, rejected=True)
                    return None
                code = "budget_month_no_year" if ym is not None else "budget_bad_month"
                self.issue(code, excel_row, column=self.header.get(mc, ""), value=_show(mv), severity="error",
                           rejected=True, params={"value": _show(mv)})
                return None
            month = month_label(*ym)
        elif amount is not None:
            self.issue("budget_annual_only", excel_row, column=self.header.get(ac, ""),
                       value=_show(self.cell(row, ac)), severity="warning",
                       params={"project": nz.normalize_text(self.cell(row, self.pc))})
        return [] if amount is None else [(month, self.to_yen(amount, excel_row, ac), ac)]

    def annual_column(self, row, excel_row: int, values: list) -> list:
        """Check the months against the 年間計 cell, or take it when there are no months."""
        c = self.annual_col
        if c is None or self.layout != "wide":
            return values
        if values:
            # the 年間計 column must be the sum of the months (compared in the sheet's own unit)
            written = self.amount(row, c, excel_row)
            if written is None or written is False:
                return values
            cells = [self.cell(row, mc) for mc in self.months]
            months_sum = sum((nz.parse_amount(v) or Decimal(0)) for v in cells if _parses(v))
            if months_sum != written:
                self.issue("budget_total_mismatch", excel_row, column=self.totals[c], value=_show(self.cell(row, c)),
                           severity="warning",
                           params={"months": f"{months_sum:,}", "column": self.totals[c], "total": f"{written:,}"})
            return values
        amount = self.amount(row, c, excel_row)
        if amount is None or amount is False:
            return values
        # an annual figure with no monthly split: kept, spread over the year later
        self.issue("budget_annual_only", excel_row, column=self.totals[c], value=_show(self.cell(row, c)),
                   severity="warning", params={"project": nz.normalize_text(self.cell(row, self.pc))})
        return [("", self.to_yen(amount, excel_row, c), c)]

    def records(self, data_start: int) -> list[dict]:
        out: list[dict] = []
        last_project: tuple[str, str] | None = None
        for i in range(data_start, len(self.rows)):
            row = self.rows[i]
            excel_row = i + 1
            if all(is_blank(v) for v in row):
                continue
            if self.is_total_row(row):
                self.issue("total_row", excel_row)
                # rows under a 小計 belong to no project until one is written again
                last_project = None
                continue
            raw_project = self.cell(row, self.pc)
            try:
                project = nz.parse_code(raw_project)
            except nz.CellValueError:
                text = self.header.get(self.pc, "")
                self.issue("bad_cell", excel_row, column=text, value=_show(raw_project), severity="error",
                           rejected=True, params={"field": text, "value": _show(raw_project)})
                continue
            name = nz.normalize_text(self.cell(row, self.nc)) if self.nc is not None else ""
            item = nz.normalize_text(self.cell(row, self.ic)) if self.ic is not None else ""
            if project is None and last_project is not None and item:
                # 費目 rows under a project written once (or in a merged cell)
                project, name = last_project
            before = len(self.issues)
            if self.layout == "wide":
                values = self.annual_column(row, excel_row, self.wide_values(row, excel_row))
            else:
                values = self.long_values(row, excel_row)
                if values is None:
                    continue
            if project is None:
                if values:
                    self.issue("budget_no_project", excel_row, severity="error", rejected=True,
                               params={"value": _yen_text(sum(v[1] for v in values))})
                elif len(self.issues) == before:
                    # a note or heading line inside the table: nothing to count
                    self.issue("no_values", excel_row, rejected=True)
                continue
            last_project = (project, name)
            if not values and len(self.issues) == before:
                self.issue("budget_no_amounts", excel_row, params={"project": project})
            for month, yen, c in values:
                out.append({
                    "project": project, "project_name": name, "item": item, "month": month, "budget": yen,
                    "source_file": self.file, "source_sheet": self.sheet, "source_row": excel_row,
                    "column": self.totals.get(c) or self.header.get(c, column_letter(c)),
                })
        return out


def _parses(v: Any) -> bool:
    try:
        nz.parse_amount(v)
    except nz.CellValueError:
        return False
    return True


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
            a = above[c]
            if isinstance(a, int) and not isinstance(a, bool) and 1900 <= a <= 2200:
                y = a
            elif isinstance(a, str):
                mm = _YEAR_CELL.match(nz.normalize_text(a))
                if mm:
                    y = int(mm.group(1))
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
        sub = {c: (nz.normalize_text(below[c]) if c < len(below) and isinstance(below[c], str) else "") for c in resolved}
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


# --- rates -------------------------------------------------------------------------------


@dataclass(frozen=True)
class RateEntry:
    """A rate as written (``rate`` per ``basis``: hour, day or month), where it came from,
    and the month it applies from (``since``, ``YYYY-MM``; ``""`` = always)."""

    rate: Decimal
    basis: str = "hour"
    where: str = ""
    grade: str = ""
    since: str = ""


@dataclass(frozen=True)
class GradeOf:
    """A person's grade from a month on (``since`` ``""`` = always)."""

    grade: str
    where: str = ""
    since: str = ""


def _in_effect(entries: list, month: str | None):
    """The entry in effect in ``month``: the latest whose ``since`` is not after it.

    Without a month, the latest entry.
    """
    if not entries:
        return None
    if month is None:
        return entries[-1]
    candidates = [e for e in entries if not e.since or e.since <= month]
    return candidates[-1] if candidates else None


@dataclass
class Rates:
    """Unit rates: per person, per grade, and the person → grade list, each from a month on.

    Examples:
        >>> r = Rates.from_mapping({"山田 太郎": 6500, "佐藤花子": "7,000円"})
        >>> r.per_hour("山田太郎")
        Fraction(6500, 1)
        >>> r.per_hour("鈴木") is None
        True
    """

    person: dict[str, list[RateEntry]] = field(default_factory=dict)
    grade: dict[str, list[RateEntry]] = field(default_factory=dict)
    person_grade: dict[str, list[GradeOf]] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)
    hours_per_day: Fraction = Fraction(8)
    hours_per_month: Fraction = Fraction(160)
    files: list[str] = field(default_factory=list)
    #: language of the errors raised while rates are added
    lang: str = "ja"
    #: rows whose rate cell could not be read: person (or ``grade:`` + grade key) → (file, sheet,
    #: Excel row, column header, cell as written), so a missing rate names the cell, not "not in the table"
    unreadable: dict[str, tuple[str, str, int, str, str]] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any], basis: str = "hour") -> "Rates":
        out = cls()
        for name, value in mapping.items():
            amount = nz.parse_amount(value)
            if amount is None:
                continue
            out.add_person(nz.normalize_name(name), RateEntry(amount, basis, ""))
        return out

    def add_person(self, person: str, entry: RateEntry) -> None:
        _put(self.person, person, entry, person, self.lang)

    def add_grade(self, grade: str, entry: RateEntry) -> None:
        _put(self.grade, _grade_key(grade), entry, grade, self.lang)

    def add_person_grade(self, person: str, grade_of: GradeOf) -> None:
        entries = self.person_grade.setdefault(person, [])
        for old in entries:
            if old.since == grade_of.since and _grade_key(old.grade) != _grade_key(grade_of.grade):
                raise DataError(messages.text("rates_two_grades", self.lang, person=person, a=old.grade,
                                              a_where=old.where, b=grade_of.grade, b_where=grade_of.where))
        entries.append(grade_of)
        entries.sort(key=lambda e: e.since)

    def entry(self, person: str, month: str | None = None) -> RateEntry | None:
        """The rate in effect for ``person`` in ``month`` (``YYYY-MM``): their own, else their grade's."""
        key = nz.normalize_name(person)
        e = _in_effect(self.person.get(key, []), month)
        if e is not None:
            return e
        g = _in_effect(self.person_grade.get(key, []), month)
        if g is not None:
            ge = _in_effect(self.grade.get(_grade_key(g.grade), []), month)
            if ge is not None:
                return RateEntry(ge.rate, ge.basis, ge.where, g.grade, ge.since)
        return None

    def per_hour(self, person: str, month: str | None = None) -> Fraction | None:
        e = self.entry(person, month)
        return None if e is None else self.hourly(e)

    def hourly(self, e: RateEntry) -> Fraction:
        """The rate per hour, exactly: per day ÷ hours_per_day, per month ÷ hours_per_month."""
        r = Fraction(e.rate)
        if e.basis == "day":
            return r / self.hours_per_day
        if e.basis == "month":
            return r / self.hours_per_month
        return r

    def why_missing(self, person: str, month: str | None = None, lang: str = "ja") -> str:
        """Why ``person`` has no rate in ``month``, in words."""
        key = nz.normalize_name(person)
        own = self.person.get(key, [])
        if own:
            return messages.text("rate_why_not_yet", lang, month=month, since=own[0].since)
        grades = self.person_grade.get(key, [])
        g = _in_effect(grades, month)
        bad = self.unreadable.get(key) or (self.unreadable.get("grade:" + _grade_key(g.grade)) if g is not None else None)
        if bad is not None:
            file, sheet, row, column, value = bad
            return messages.text("rate_why_unreadable", lang, file=Path(file).name, sheet=sheet, row=row,
                                 column=column, value=value)
        if g is not None:
            return messages.text("rate_why_grade", lang, grade=g.grade, where=g.where)
        if grades:
            return messages.text("rate_why_no_grade_yet", lang, month=month, since=grades[0].since)
        return messages.text("rate_why_not_in_table", lang)


def _grade_key(g: str) -> str:
    return nz.normalize_text(g).upper().replace(" ", "")


def _basis_of(header: str) -> str:
    t = nz.normalize_text(header)
    if re.search(r"人月|月額|月単価|/月|円/月", t):
        return "month"
    if re.search(r"人日|日額|日単価|/日|円/日", t):
        return "day"
    return "hour"


def read_rates(paths: str | os.PathLike | Iterable[str | os.PathLike], *, config: Config | None = None) -> Rates:
    """Read 単価表 workbooks: per-person rates, per-grade rates and person → grade lists.

    Sheets are recognized by their columns: 氏名 + 単価 (per person), 等級 + 単価
    (per grade), 氏名 + 等級 (who is in which grade). A rate cell may read ``6,500``,
    ``6,500円`` or ``800,000円/月``; the header decides the basis (``人月単価`` → per month,
    ``人日単価`` → per day, otherwise per hour). A 適用開始 column (a date or a month) says
    from which month a rate or a grade applies; without it a row applies always. Two
    different rates for one person or grade from the same month raise
    :class:`~ledgerkit.core.errors.DataError` naming both places.
    """
    from ledgerkit.intake.door import open_workbook

    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files = [str(p) for p in paths]
    rates = Rates(
        hours_per_day=_exact(_cfg(config, "hours.hours_per_day", 8.0)),
        hours_per_month=_exact(_cfg(config, "hours.hours_per_month", 160.0)),
        files=files,
        lang=_lang(config),
    )
    syn = Synonyms(_synonyms(config, "rates", RATE_FIELDS))
    include_hidden = bool(_cfg(config, "read.include_hidden", False))
    for file in files:
        wb = open_workbook(file, config)
        found = 0
        for sheet in wb.sheets:
            if sheet.visible != "visible" and not include_hidden:
                rates.issues.append(Issue("hidden_sheet", file, sheet.name, scope="sheet"))
                continue
            found += _read_rate_sheet(sheet, file, syn, rates)
        if not found:
            raise InputError(messages.text("rates_no_table_file", _lang(config), file=file))
    return rates


def _read_rate_sheet(sheet, file: str, syn: Synonyms, rates: Rates) -> int:
    rows = fill_merged(sheet.rows, sheet.merged or ())
    header = None
    for r in range(min(40, len(rows))):
        labels: dict[str, int] = {}
        for c, v in enumerate(rows[r]):
            if isinstance(v, str):
                f = syn.match(v)
                if f and f not in labels:
                    labels[f] = c
        if len(labels.keys() & {"person", "grade", "rate"}) >= 2:
            header = (r, labels)
            break
    if header is None:
        rates.issues.append(Issue("rates_no_table", file, sheet.name, scope="sheet"))
        return 0
    r, labels = header
    head = rows[r]
    pc, gc, rc, sc = labels.get("person"), labels.get("grade"), labels.get("rate"), labels.get("since")
    basis_header = _basis_of(str(head[rc])) if rc is not None else "hour"
    rate_text = str(head[rc]).strip() if rc is not None else ""
    for i in range(r + 1, len(rows)):
        row = rows[i]
        excel_row = i + 1
        if all(is_blank(v) for v in row):
            continue
        get = lambda c: row[c] if c is not None and c < len(row) else ""  # noqa: E731
        person = nz.normalize_name(get(pc)) if pc is not None else ""
        grade = nz.normalize_text(get(gc)) if gc is not None else ""
        if _is_total(person) or _is_total(grade):
            rates.issues.append(Issue("total_row", file, sheet.name, excel_row))
            continue
        where = f"{Path(file).name} / {sheet.name} / row {excel_row}"
        since = ""
        if sc is not None and not is_blank(get(sc)):
            since = _since(get(sc), rates, file, sheet.name, excel_row, str(head[sc]).strip())
            if since is None:
                continue
        if rc is None:
            # 氏名 + 等級: who is in which grade
            if person and grade:
                rates.add_person_grade(person, GradeOf(grade, where, since))
            elif person or grade:
                rates.issues.append(Issue("no_values", file, sheet.name, excel_row, rejected=True))
            continue
        raw = get(rc)
        basis = basis_header
        if isinstance(raw, str):
            m = _RATE_SUFFIX.search(nz.normalize_text(raw))
            if m:
                basis = _basis_of("/" + m.group(1)) if m.group(1) not in ("h", "hr", "時間", "時", "人時") else "hour"
                raw = nz.normalize_text(raw)[: m.start()]
        try:
            amount = nz.parse_amount(raw)
        except nz.CellValueError:
            rates.issues.append(Issue("bad_cell", file, sheet.name, excel_row, column=rate_text, value=_show(get(rc)),
                                      severity="error", rejected=True,
                                      params={"field": rate_text, "value": _show(get(rc))}))
            if person or grade:
                who = person or "grade:" + _grade_key(grade)
                rates.unreadable.setdefault(who, (file, sheet.name, excel_row, rate_text, _show(get(rc))))
            continue
        if amount is None:
            if person or grade:
                rates.issues.append(Issue("rate_blank", file, sheet.name, excel_row, column=rate_text, severity="warning",
                                          rejected=True, params={"who": person or grade}))
            continue
        if amount < 0:
            rates.issues.append(Issue("rate_negative", file, sheet.name, excel_row, column=rate_text, value=_show(raw),
                                      severity="error", rejected=True, params={"who": person or grade}))
            continue
        entry = RateEntry(amount, basis, where, grade, since)
        if person:
            rates.add_person(person, entry)
        elif grade:
            rates.add_grade(grade, entry)
        else:
            rates.issues.append(Issue("no_values", file, sheet.name, excel_row, rejected=True))
    return 1


def _since(v: Any, rates: Rates, file: str, sheet: str, excel_row: int, column: str) -> str | None:
    """The month a rate applies from (``YYYY-MM``); None (reported) when unreadable.

    A rate changed in the middle of a month applies to that whole month — labor cost is
    rounded per month, so a month has one rate — and the row says so.
    """
    ym = parse_month(v)
    if ym is None or ym[0] is None:
        rates.issues.append(Issue("bad_cell", file, sheet, excel_row, column=column, value=_show(v), severity="error",
                                  rejected=True, params={"field": column, "value": _show(v)}))
        return None
    if isinstance(v, (dt.date, dt.datetime)) and v.day != 1:
        rates.issues.append(Issue("rate_mid_month", file, sheet, excel_row, column=column, value=_show(v),
                                  severity="warning", params={"month": month_label(*ym)}))
    return month_label(*ym)


_BASIS_WORDS = {"hour": ("時間", "hour"), "day": ("人日", "day"), "month": ("人月", "month")}


def _put(table: dict, key: str, entry: RateEntry, who: str, lang: str = "ja") -> None:
    entries = table.setdefault(key, [])
    for old in entries:
        if old.since == entry.since:
            if (old.rate, old.basis) != (entry.rate, entry.basis):
                i = 1 if lang == "en" else 0
                raise DataError(messages.text(
                    "rates_two_rates", lang, who=who + (f" ({entry.since}〜)" if entry.since else ""),
                    a=f"{old.rate:,}", a_basis=_BASIS_WORDS[old.basis][i], a_where=old.where,
                    b=f"{entry.rate:,}", b_basis=_BASIS_WORDS[entry.basis][i], b_where=entry.where))
            return
    entries.append(entry)
    entries.sort(key=lambda e: e.since)


# --- labor cost ------------------------------------------------------------------------------


#: hours are added up as whole multiples of 1/9,000,000 h, a unit that holds both hours
#: written with up to 6 decimals (1/10^6) and whole seconds (1/3,600) exactly
_HOUR_UNITS = 9_000_000


@functools.lru_cache(maxsize=4096)
def _hour_units(h: float) -> int:
    """Hours in units of 1/9,000,000 h: as written up to 6 decimals (7.25), else in whole
    seconds (7:20 reaches us as 7.333… and is 26,400 s).

    Examples:
        >>> _hour_units(7.25) == 7.25 * 9_000_000, _hour_units(22 / 3) == 26_400 * 2_500
        (True, True)
    """
    d = Decimal(repr(float(h)))
    if d.as_tuple().exponent >= -6:  # type: ignore[operator]
        return int(d * _HOUR_UNITS)
    seconds = math.floor(float(h) * 3600 + 0.5)
    return seconds * (_HOUR_UNITS // 3600)


def _exact_hours(h: float) -> Fraction:
    """Hours as the exact value a person wrote (see :func:`_hour_units`).

    Examples:
        >>> _exact_hours(7.25), _exact_hours(22 / 3), _exact_hours(0.1)
        (Fraction(29, 4), Fraction(22, 3), Fraction(1, 10))
    """
    return Fraction(_hour_units(h), _HOUR_UNITS)


def labor_cost(hours_frame, rates: Rates, *, rounding: str = "half_up", lang: str = "ja"):
    """Labor cost per project, person and month (:data:`LABOR_COLUMNS`), in integer yen.

    Hours × hourly rate as exact fractions, rounded once per person-project-month.
    Raises :class:`~ledgerkit.core.errors.DataError` naming every person with hours and no rate.

    Examples:
        >>> import pandas as pd
        >>> hours = pd.DataFrame({"project": ["A", "A", "A"], "person": ["山田", "山田", "佐藤"],
        ...                       "month": ["2026-10"] * 3, "hours": [7.5, 22 / 3, 0.25]})
        >>> rates = Rates.from_mapping({"山田": "6,500円", "佐藤": 4001})
        >>> labor_cost(hours, rates)[["person", "hours", "labor_cost"]].to_dict("records")
        [{'person': '佐藤', 'hours': 0.25, 'labor_cost': 1000}, {'person': '山田', 'hours': 14.833333333333334, 'labor_cost': 96417}]
    """
    import pandas as pd

    # added up as integers (units of 1/9,000,000 h), then made a fraction once per key
    units: dict[tuple[str, str, str], int] = {}
    names: dict[Any, str] = {}
    columns = [hours_frame[c].tolist() for c in ("project", "person", "month", "hours")]
    for project, person, month, h in zip(*columns):
        if h is None or h != h:
            continue
        name = names.get(person)
        if name is None:
            name = names[person] = nz.normalize_name(person)
        key = (project, name, month)
        units[key] = units.get(key, 0) + _hour_units(h)
    # the rate of each person in each month, looked up once
    by_person_month: dict[tuple[str, str], int] = {}
    for (_, person, month), u in units.items():
        by_person_month[(person, month)] = by_person_month.get((person, month), 0) + u
    entries = {pm: rates.entry(*pm) for pm in by_person_month}
    missing: dict[str, tuple[int, str]] = {}  # person -> (hour units, first month without a rate)
    for (person, month), u in by_person_month.items():
        if u and entries[(person, month)] is None:
            old, first = missing.get(person, (0, month))
            missing[person] = (old + u, min(first, month))
    if missing:
        names_text = ", ".join(f"{p or '(no name)'} ({u / _HOUR_UNITS:g}h, {rates.why_missing(p, m, lang)})"
                               for p, (u, m) in sorted(missing.items()))
        raise DataError(messages.text("rate_missing", lang, names=names_text, count=len(missing)))
    hourly = {pm: rates.hourly(e) for pm, e in entries.items()}
    records = []
    for (project, person, month), u in sorted(units.items()):
        e = entries[(person, month)]
        cost = round_yen(Fraction(u, _HOUR_UNITS) * hourly[(person, month)], rounding)
        records.append({"project": project, "person": person, "month": month, "hours": u / _HOUR_UNITS,
                        "rate": e.rate, "rate_basis": e.basis, "labor_cost": cost})
    frame = pd.DataFrame.from_records(records, columns=LABOR_COLUMNS)
    frame["labor_cost"] = frame["labor_cost"].astype("Int64")
    frame["hours"] = frame["hours"].astype("float64")
    return frame


# --- compare -------------------------------------------------------------------------------


@dataclass
class BudgetResult:
    """What :func:`compare_budget` found: ``frame, issues = compare_budget(...)`` works too.

    ``frame`` has one row per project (:data:`RESULT_COLUMNS`); ``monthly`` one row per
    project and month of the fiscal year (:data:`MONTHLY_COLUMNS`); ``labor`` the labor
    cost per person (:data:`LABOR_COLUMNS`).
    """

    frame: Any
    issues: list[Issue]
    monthly: Any = None
    labor: Any = None
    fiscal_year: int | None = None
    #: the last month with actuals counted: ``through`` when given, else the last with any
    through: str | None = None
    period: tuple[str, str] | None = None
    inputs: list[str] = field(default_factory=list)
    #: (warning, over) thresholds as fractions of the budget
    thresholds: tuple[Fraction, Fraction] = (Fraction(4, 5), Fraction(1))
    #: the budget figures read, each with its source cell (:data:`BUDGET_COLUMNS`)
    budget: Any = None
    #: True when the budget is cut at ``through`` (given), False when it is the whole budget
    budget_to_date: bool = False

    def __iter__(self):
        return iter((self.frame, self.issues))

    @property
    def over(self) -> list[str]:
        """Projects over budget or spending without a budget line."""
        return [p for p, s in zip(self.frame["project"], self.frame["status"]) if s in ("over", "no_budget")]


def _parse_through(through: Any, lang: str = "ja") -> str | None:
    if through is None or through == "":
        return None
    if isinstance(through, (dt.date, dt.datetime)):
        return month_label(through.year, through.month)
    if isinstance(through, tuple) and len(through) == 2:
        return month_label(int(through[0]), int(through[1]))
    ym = parse_month(str(through))
    if ym is None or ym[0] is None:
        raise InputError(messages.text("budget_bad_through", lang, value=str(through)))
    return month_label(*ym)


def _is_frame(x: Any) -> bool:
    return hasattr(x, "columns") and hasattr(x, "iloc")


def _paths(x: Any) -> list[str]:
    if isinstance(x, (str, os.PathLike)):
        return [str(x)]
    return [str(p) for p in x]


@functools.lru_cache(maxsize=65536)
def _project_key(v: Any) -> str:
    return nz.normalize_text(v).casefold()


def compare_budget(
    budget: Any,
    hours: Any,
    rates: Any,
    invoices: Any = None,
    through: Any = None,
    config: Config | None = None,
    *,
    fiscal_year: int | None = None,
    warning: float | Decimal | None = None,
    over: float | Decimal | None = None,
    rounding: str | None = None,
) -> BudgetResult:
    """Budget vs actual by project: labor cost from hours × rates, purchases from invoices.

    ``budget``: budget workbook path(s), a :class:`BudgetTable`, or a frame with
    ``project, month, budget`` (``item``, ``project_name`` optional). ``hours``: paths
    for :func:`ledgerkit.aggregate` (kind hours), its result, or an hours frame
    (``project, person, month, hours``). ``rates``: 単価表 path(s), :class:`Rates`, or a
    ``{person: rate per hour}`` mapping. ``invoices``: paths for ``aggregate`` (kind
    invoices), its result, or a frame with ``project, net, issue_date``. ``through``:
    ``"2026-10"`` — the budget and actuals up to and including that month.

    Returns a :class:`BudgetResult` (``frame, issues = compare_budget(...)``). See the
    module docstring for how every figure is computed.

    Examples:
        >>> import pandas as pd
        >>> budget = pd.DataFrame({"project": ["A", "A", "B"], "month": ["2026-10", "2026-11", "2026-10"],
        ...                        "budget": [100_000, 100_000, 50_000]})
        >>> hours = pd.DataFrame({"project": ["A", "B", "C"], "person": ["山田"] * 3,
        ...                       "month": ["2026-10", "2026-10", "2026-10"], "hours": [10.0, 8.0, 1.0]})
        >>> frame, issues = compare_budget(budget, hours, {"山田": 5000}, through="2026-10")
        >>> frame[["project", "budget", "actual", "consumption", "status", "forecast"]].to_dict("records")
        ... # doctest: +NORMALIZE_WHITESPACE
        [{'project': 'A', 'budget': 100000, 'actual': 50000, 'consumption': 0.5, 'status': 'ok', 'forecast': 100000},
         {'project': 'B', 'budget': 50000, 'actual': 40000, 'consumption': 0.8, 'status': 'warning', 'forecast': 40000},
         {'project': 'C', 'budget': 0, 'actual': 5000, 'consumption': nan, 'status': 'no_budget', 'forecast': 30000}]
    """
    import pandas as pd

    config = config if config is not None else Config()
    start_month = int(_cfg(config, "fiscal_year.start_month", 4))
    warn_at = _exact(warning if warning is not None else _cfg(config, "budget.warning", BUDGET_DEFAULTS["warning"]))
    over_at = _exact(over if over is not None else _cfg(config, "budget.over", BUDGET_DEFAULTS["over"]))
    rounding = rounding or _cfg(config, "budget.rounding", BUDGET_DEFAULTS["rounding"])
    through = _parse_through(through, config.lang)
    issues: list[Issue] = []
    inputs: list[str] = []

    table = _budget_input(budget, fiscal_year, config)
    rate_table = _rates_input(rates, config)
    for source in (table, rate_table):
        inputs.extend(source.files)
        issues.extend(source.issues)
    hframe = _actual_frame(hours, "hours", config, issues, inputs)
    if "month" not in hframe.columns:
        hframe = hframe.assign(month=pd.to_datetime(hframe["date"]).dt.strftime("%Y-%m"))
    iframe = _actual_frame(invoices, "invoices", config, issues, inputs) if invoices is not None else None

    bframe = table.frame
    first_fy, period_start, period_end = _period(bframe, table.fiscal_year or fiscal_year, through, hframe, start_month,
                                                 config.lang)
    months = [_label_of_index(n) for n in range(_month_index(period_start), _month_index(period_end) + 1)]
    if through is not None and not period_start <= through <= period_end:
        # a typo or a wrong year would give an all-zero report that looks like good news
        raise InputError(
            messages.text("budget_through_outside", config.lang, value=through, start=period_start, end=period_end)
        )

    # -- projects in the budget, in its order; actuals are matched to them by code (any width or
    # case) or, when the hours or invoices name a project by its 案件名, by that name
    keys: dict[str, str] = {}  # match key -> project as first written in the budget
    names: dict[str, str] = {}
    for p, n in zip(bframe["project"].tolist(), bframe["project_name"].tolist()):
        k = _project_key(p)
        keys.setdefault(k, p)
        if isinstance(n, str) and n and not names.get(k):
            names[k] = n
    budgeted = list(keys)
    aliases = {_project_key(n): k for k, n in names.items() if _project_key(n) not in keys}
    by_name: dict[str, str] = {}

    def canonical(project: Any) -> str:
        k = _project_key(project)
        if k in aliases:
            by_name.setdefault(project, keys[aliases[k]])
            return keys[aliases[k]]
        return keys.get(k, project)

    # -- actuals: labor cost from the hours in the period (up to through), purchases from invoices
    hframe = _hours_in_period(hframe, period_start, period_end, through, issues)
    hframe["project"] = hframe["project"].map(canonical)
    labor = labor_cost(hframe, rate_table, rounding=rounding, lang=config.lang)
    for person in sorted(set(labor.loc[[r == 0 for r in labor["rate"]], "person"])):
        issues.append(Issue("rate_zero", scope="file", severity="info", params={"person": person}))
    purchases = _purchases(iframe, period_start, period_end, through, issues) if iframe is not None else None
    if purchases is None:
        purchases = pd.DataFrame({"project": pd.Series(dtype=str), "month": pd.Series(dtype=str), "net": []})
    purchases["project"] = purchases["project"].map(canonical)
    for name, project in by_name.items():
        issues.append(Issue("budget_matched_by_name", scope="file", severity="info",
                            params={"name": name, "project": project}))

    # without through, the actuals run to the last month with any
    last_actual = through
    if last_actual is None:
        actual_months = [*labor["month"], *purchases["month"]]
        last_actual = max(actual_months) if actual_months else None

    # -- then the projects with actuals and no budget line
    unbudgeted: list[str] = []
    for p in [*labor["project"], *purchases["project"]]:
        k = _project_key(p)
        if k not in keys:
            keys[k] = p
            unbudgeted.append(k)
    unbudgeted.sort(key=lambda k: keys[k])

    bud_month, annual = _monthly_budget(bframe, first_fy, start_month)
    lab_month = _sum_by(labor, "labor_cost")
    pur_month = _sum_by(purchases, "net")
    hours_by: dict[str, int] = {}
    for p, h in zip(labor["project"].tolist(), labor["hours"].tolist()):
        k = _project_key(p)
        hours_by[k] = hours_by.get(k, 0) + _hour_units(h)

    monthly_records, records = [], []
    for k in [*budgeted, *unbudgeted]:
        cum_b = cum_a = 0
        b_through = b_total = lab = pur = 0
        first_m = last_budget_m = None
        for m in months:
            b = bud_month.get((k, m), 0)
            lc, pc = lab_month.get((k, m), 0), pur_month.get((k, m), 0)
            in_range = last_actual is not None and m <= last_actual
            cum_b += b
            b_total += b
            if m <= (through or period_end):
                b_through += b
            if in_range:
                cum_a += lc + pc
                lab += lc
                pur += pc
            if b and k not in annual:
                last_budget_m = m
                first_m = first_m or m
            if (lc or pc) and (first_m is None or m < first_m):
                first_m = m
            monthly_records.append({
                "project": keys[k], "month": m, "budget": b,
                "labor_cost": lc if in_range else None, "purchases": pc if in_range else None,
                "actual": lc + pc if in_range else None,
                "cumulative_budget": cum_b, "cumulative_actual": cum_a if in_range else None,
            })
        budget_fig = b_through if through is not None else b_total
        actual = lab + pur
        status, consumption = _status(k not in unbudgeted, budget_fig, actual, warn_at, over_at)
        forecast = _forecast(actual, first_m, last_actual, last_budget_m, period_end)
        if k in unbudgeted:
            issues.append(Issue("budget_no_line", scope="file", severity="warning",
                                params={"project": keys[k], "actual": _yen_text(actual)}))
        elif actual == 0:
            issues.append(Issue("budget_no_actuals", scope="file", severity="info", params={"project": keys[k]}))
        records.append({
            "project": keys[k], "budget": budget_fig, "labor_cost": lab, "purchases": pur, "actual": actual,
            "variance": budget_fig - actual, "consumption": consumption, "status": status, "forecast": forecast,
            "project_name": names.get(k, ""), "budget_total": b_total, "hours": hours_by.get(k, 0) / _HOUR_UNITS,
        })
    frame = pd.DataFrame.from_records(records, columns=RESULT_COLUMNS)
    for c in ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total"):
        frame[c] = frame[c].astype("Int64")
    frame["consumption"] = frame["consumption"].astype("float64")
    frame["hours"] = frame["hours"].astype("float64")
    monthly = pd.DataFrame.from_records(monthly_records, columns=MONTHLY_COLUMNS)
    for c in MONTHLY_COLUMNS[2:]:
        monthly[c] = monthly[c].astype("Int64")
    return BudgetResult(frame, issues, monthly, labor, first_fy, last_actual, (period_start, period_end),
                        list(dict.fromkeys(inputs)), (warn_at, over_at), budget=bframe,
                        budget_to_date=through is not None)


def _budget_input(budget: Any, fiscal_year: int | None, config: Config) -> BudgetTable:
    if isinstance(budget, BudgetTable):
        return budget
    if _is_frame(budget):
        return BudgetTable(_budget_frame(budget), [], fiscal_year)
    return read_budget(budget, fiscal_year=fiscal_year, config=config)


def _rates_input(rates: Any, config: Config) -> Rates:
    if isinstance(rates, Rates):
        return rates
    if isinstance(rates, Mapping):
        return Rates.from_mapping(rates)
    if _is_frame(rates):
        return Rates.from_mapping(dict(zip(rates["person"], rates["rate"])))
    return read_rates(rates, config=config)


def _period(bframe, fy: int | None, through: str | None, hframe, start_month: int,
            lang: str = "ja") -> tuple[int, str, str]:
    """(first fiscal year, first month, last month) of the fiscal year(s) the budget covers."""
    budget_months = sorted(m for m in bframe["month"] if m)
    if budget_months:
        first_fy = fiscal_year_of(*map(int, budget_months[0].split("-")), start_month)
        last_fy = fiscal_year_of(*map(int, budget_months[-1].split("-")), start_month)
        if fy is not None:
            first_fy, last_fy = min(first_fy, fy), max(last_fy, fy)
    else:
        if fy is None:
            # annual figures only: the year of --through, else of the first hours
            anchor = through or (min(hframe["month"]) if len(hframe) else None)
            if anchor is None:
                raise InputError(messages.text("budget_no_fiscal_year", lang))
            fy = fiscal_year_of(*map(int, anchor.split("-")), start_month)
        first_fy = last_fy = fy
    return first_fy, month_label(first_fy, start_month), month_label(*_add_months(last_fy, start_month, 11))


@functools.lru_cache(maxsize=65536)
def _normalized(v: Any) -> str:
    return nz.normalize_text(v)


def _hours_in_period(hframe, period_start: str, period_end: str, through: str | None, issues: list[Issue]):
    """The hours that count: with a project, in the budget period, up to ``through``; the rest listed."""
    hframe = hframe.copy()
    hframe["project"] = hframe["project"].map(_normalized)
    no_project = hframe["project"] == ""
    if no_project.any():
        issues.append(Issue("budget_hours_no_project", scope="file", severity="warning",
                            params={"count": int(no_project.sum()), "hours": f"{hframe.loc[no_project, 'hours'].sum():g}"}))
        hframe = hframe[~no_project]
    outside = (hframe["month"] < period_start) | (hframe["month"] > period_end)
    if outside.any():
        issues.append(Issue("budget_hours_outside", scope="file", severity="info",
                            params={"count": int(outside.sum()), "hours": f"{hframe.loc[outside, 'hours'].sum():g}",
                                    "start": period_start, "end": period_end}))
        hframe = hframe[~outside]
    if through is not None:
        later = hframe["month"] > through
        if later.any():
            issues.append(Issue("budget_after_through", scope="file", severity="info",
                                params={"count": int(later.sum()), "what": f"{hframe.loc[later, 'hours'].sum():g}h",
                                        "through": through}))
            hframe = hframe[~later]
    return hframe


def _monthly_budget(bframe, first_fy: int, start_month: int) -> tuple[dict[tuple[str, str], int], set[str]]:
    """Budget by (project key, month); annual figures spread evenly over the fiscal year's
    months, cumulatively (month k gets round(total × k/12) − round(total × (k−1)/12)), so
    the months add up to the annual figure exactly."""
    import pandas as pd

    out: dict[tuple[str, str], int] = {}
    annual: dict[str, int] = {}
    for p, m, b in zip(bframe["project"].tolist(), bframe["month"].tolist(), bframe["budget"].tolist()):
        if b is None or b is pd.NA:
            continue
        k = _project_key(p)
        if m:
            out[(k, m)] = out.get((k, m), 0) + int(b)
        else:
            annual[k] = annual.get(k, 0) + int(b)
    fy_months = _fy_months(first_fy, start_month)
    for k, total in annual.items():
        prev = 0
        for i, m in enumerate(fy_months, start=1):
            cum = round_yen(Fraction(total * i, len(fy_months)), "half_up")
            out[(k, m)] = out.get((k, m), 0) + cum - prev
            prev = cum
    return out, set(annual)


def _sum_by(frame, column: str) -> dict[tuple[str, str], int]:
    out: dict[tuple[str, str], int] = {}
    for p, m, v in zip(frame["project"].tolist(), frame["month"].tolist(), frame[column].tolist()):
        key = (_project_key(p), m)
        out[key] = out.get(key, 0) + int(v)
    return out


def _status(has_line: bool, budget: int, actual: int, warn_at: Fraction, over_at: Fraction):
    """(status, consumption) with the thresholds compared as exact fractions.

    Examples:
        >>> _status(True, 1000, 800, Fraction(4, 5), Fraction(1))
        ('warning', 0.8)
        >>> _status(True, 1000, 1000, Fraction(4, 5), Fraction(1)), _status(True, 1000, 1001, Fraction(4, 5), Fraction(1))
        (('warning', 1.0), ('over', 1.001))
        >>> _status(True, 1000, 799, Fraction(4, 5), Fraction(1))[0], _status(False, 0, 5, Fraction(4, 5), Fraction(1))
        ('ok', ('no_budget', nan))
    """
    if not has_line:
        return "no_budget", float("nan")
    if budget <= 0:
        return ("over" if actual > 0 else "ok"), float("nan")
    ratio = Fraction(actual, budget)
    if ratio > over_at:
        status = "over"
    elif ratio >= warn_at:
        status = "warning"
    else:
        status = "ok"
    return status, float(ratio)


def _forecast(actual: int, first: str | None, through: str | None, last_budget: str | None, period_end: str) -> int:
    """actual + actual ÷ elapsed months × remaining months, rounded once (half up).

    Examples:
        >>> _forecast(200, "2026-10", "2026-11", None, "2027-03")   # 100 a month, 4 months left
        600
        >>> _forecast(200, "2026-10", "2026-11", "2026-12", "2027-03")  # budget ends in December
        300
        >>> _forecast(100, "2026-10", "2026-12", None, "2027-03")  # 33.33 a month × 3
        200
    """
    if not actual or first is None or through is None or first > through:
        return actual
    elapsed = _month_index(through) - _month_index(first) + 1
    end = period_end
    if last_budget is not None and last_budget < end:
        end = max(last_budget, through)
    remaining = _month_index(end) - _month_index(through)
    return round_yen(Fraction(actual) + Fraction(actual * remaining, elapsed), "half_up")


def _budget_frame(frame):
    """A caller's budget frame with every column of :data:`BUDGET_COLUMNS` (a copy)."""
    missing = [c for c in ("project", "budget") if c not in frame.columns]
    if missing:
        raise InputError(f"the budget frame lacks the columns {', '.join(missing)}")
    out = frame.copy()
    for c in BUDGET_COLUMNS:
        if c not in out.columns:
            out[c] = "" if c != "source_row" else 0
    out["month"] = out["month"].fillna("").astype(str)
    out["budget"] = out["budget"].map(lambda v: None if v is None or v != v else int(v)).astype("Int64")
    return out[BUDGET_COLUMNS].reset_index(drop=True)


def _actual_frame(x: Any, kind: str, config: Config, issues: list[Issue], inputs: list[str]):
    """A frame from paths (through ledgerkit.aggregate), an AggregateResult, or a frame."""
    if _is_frame(x):
        return x
    if hasattr(x, "frame") and hasattr(x, "issues"):
        issues.extend(x.issues)
        inputs.extend(getattr(x, "files", []))
        return x.frame
    from ledgerkit.consolidate.aggregate import aggregate

    result = aggregate(_paths(x), kind=kind, config=config)
    if result.stats.rows_read == 0 and any(i.code in ("no_table", "empty_sheet") for i in result.issues):
        # given as --hours / --invoices but no such table anywhere: a wrong file, never 0 yen ok
        raise InputError(messages.text(f"budget_no_{kind}", _lang(config),
                                       files=", ".join(str(p) for p in _paths(x))))
    issues.extend(result.issues)
    inputs.extend(result.files)
    return result.frame


def _purchases(frame, period_start: str, period_end: str, through: str | None, issues: list[Issue]):
    """Invoice net amounts by project and month of issue; what cannot be placed is listed."""
    import pandas as pd

    records = []
    later_count, later_yen = 0, 0
    outside_count, outside_yen = 0, 0
    has_month = "month" in frame.columns
    if len(frame) and ("project" not in frame.columns
                       or all(_na(v) or not nz.normalize_text(v) for v in frame["project"])):
        # lists without a 案件 column (or with it empty throughout): one line, not one per invoice
        total = sum(int(v) for v in frame["net"] if not _na(v)) if "net" in frame.columns else 0
        issues.append(Issue("budget_invoices_no_project_column", scope="file", severity="warning",
                            params={"count": len(frame), "net": _yen_text(total)}))
        return pd.DataFrame.from_records(records, columns=["project", "month", "net"])
    for row in frame.to_dict("records"):
        src = (str(row.get("source_file", "") or ""), str(row.get("source_sheet", "") or ""),
               int(row["source_row"]) if "source_row" in row and not pd.isna(row["source_row"]) else None)
        net = row.get("net")
        project = nz.normalize_text(row.get("project", "")) if not _na(row.get("project")) else ""
        number = "" if _na(row.get("invoice_no")) else str(row.get("invoice_no", ""))
        if _na(net):
            issues.append(Issue("budget_invoice_no_net", *src, value=number, severity="warning",
                                params={"invoice_no": number}))
            continue
        net = int(net)
        if not project:
            issues.append(Issue("budget_invoice_no_project", *src, value=number, severity="warning",
                                params={"invoice_no": number, "net": _yen_text(net)}))
            continue
        month = None
        if has_month and not _na(row.get("month")):
            month = str(row["month"])[:7]
        elif not _na(row.get("issue_date")):
            d = pd.Timestamp(row["issue_date"])
            month = month_label(d.year, d.month)
        if month is None:
            issues.append(Issue("budget_invoice_no_date", *src, value=number, severity="warning",
                                params={"invoice_no": number, "net": _yen_text(net)}))
            continue
        if month < period_start or month > period_end:
            outside_count, outside_yen = outside_count + 1, outside_yen + net
            continue
        if through is not None and month > through:
            later_count, later_yen = later_count + 1, later_yen + net
            continue
        records.append({"project": project, "month": month, "net": net})
    if outside_count:
        issues.append(Issue("budget_invoices_outside", scope="file", severity="info",
                            params={"count": outside_count, "net": _yen_text(outside_yen),
                                    "start": period_start, "end": period_end}))
    if later_count:
        issues.append(Issue("budget_after_through", scope="file", severity="info",
                            params={"count": later_count, "what": f"{_yen_text(later_yen)}円", "through": through}))
    return pd.DataFrame.from_records(records, columns=["project", "month", "net"])


def _na(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False


# --- the report ------------------------------------------------------------------------------

_MONEY_COLUMNS = ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total",
                  "cumulative_budget", "cumulative_actual")


def _pct(f: Fraction) -> str:
    """``Fraction(4, 5)`` → ``80%``; ``Fraction(17, 20)`` → ``85%``; ``Fraction(2, 3)`` → ``66.67%``."""
    d = Decimal(f.numerator) * 100 / Decimal(f.denominator)
    return f"{d.quantize(Decimal('0.01')).normalize():f}%"


def _headings(columns, lang: str) -> dict[str, str]:
    i = 1 if lang == "en" else 0
    return {c: HEADINGS[c][i] for c in columns if c in HEADINGS}


def _formats(columns) -> dict[str, str]:
    out = {}
    for c in columns:
        if c in _MONEY_COLUMNS or c == "labor_cost":
            out[c] = "yen"
        elif c == "consumption":
            out[c] = "percent"
        elif c == "hours":
            out[c] = "hours"
        elif c in ("project", "project_name", "status", "month", "person", "rate_basis", "item"):
            out[c] = "text"
    return out


def write_budget_report(result: BudgetResult, target: str | os.PathLike, *, lang: str = "ja",
                        inputs: Iterable[str | os.PathLike] = ()) -> Path:
    """The budget report: summary (warning and over coloured) with a budget-vs-actual chart
    per project and a cumulative burn chart, the per-month table, the labor cost per
    person, and the Issues sheet. ``.csv``/``.json``/``-`` get the summary rows instead.
    """
    from ledgerkit.reports.writers import XlsxReport, write_frame

    target_text = os.fspath(target)
    inputs = list(inputs) or result.inputs
    if target_text == "-" or Path(target_text).suffix.lower() != ".xlsx":
        write_frame(result.frame, target_text, inputs=inputs, lang=lang)
        return Path(target_text)
    import pandas as pd

    en = lang == "en"
    frame = result.frame.copy()
    frame["status"] = [STATUS_LABELS.get(s, (s, s))[1 if en else 0] for s in frame["status"]]
    cols = ["project", "project_name", "budget", "labor_cost", "purchases", "actual", "variance", "consumption",
            "status", "forecast", "budget_total", "hours"]
    frame = frame[cols]
    report = XlsxReport(target_text, inputs=inputs, lang=lang)
    wb = report.workbook
    summary_name = "Budget vs actual" if en else "予実"
    burn_name = "Cumulative" if en else "累計推移"
    monthly_name = "By month" if en else "月別"
    labor_name = "Labor cost" if en else "人件費明細"

    start = 3
    ref = report.add_table(summary_name, frame, formats=_formats(cols), headings=_headings(cols, lang),
                           start_row=start)
    ws = ref.worksheet
    fy = result.fiscal_year
    period = f"{fy}年度" if fy is not None and not en else (f"FY{fy}" if fy is not None else "")
    through = result.through or ""
    if result.budget_to_date:
        title = f"Budget vs actual {period} (through {through})" if en else f"予実管理 {period} ({through}まで)"
    elif through:
        title = (f"Budget vs actual {period} (full budget; actuals through {through})" if en
                 else f"予実管理 {period} (予算は年間・実績は{through}まで)")
    else:
        title = f"Budget vs actual {period}" if en else f"予実管理 {period}"
    ws.write_string(0, 0, title, report.format(title=True))
    ws.write_string(1, 0, messages.text("budget_report_note", lang, warning=_pct(result.thresholds[0]),
                                        over=_pct(result.thresholds[1])))
    first, last = ref.first_row, ref.last_row
    n = len(frame)
    ncols = len(cols)
    if n:
        from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

        status_col = xl_col_to_name(ref.columns["status"])
        red = wb.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
        yellow = wb.add_format({"bg_color": "#FFEB9C", "font_color": "#9C5700"})
        over_texts = [STATUS_LABELS["over"][1 if en else 0], STATUS_LABELS["no_budget"][1 if en else 0]]
        cond_over = ",".join(f'${status_col}{first + 1}="{t}"' for t in over_texts)
        ws.conditional_format(first, 0, last, ncols - 1, {"type": "formula", "criteria": f"=OR({cond_over})",
                                                           "format": red})
        ws.conditional_format(first, 0, last, ncols - 1, {
            "type": "formula", "criteria": f'=${status_col}{first + 1}="{STATUS_LABELS["warning"][1 if en else 0]}"',
            "format": yellow})
        # a forecast that lands above the full budget: bold red figure
        fc, bc = ref.columns["forecast"], ref.columns["budget_total"]
        ws.conditional_format(first, fc, last, fc, {
            "type": "formula",
            "criteria": f"=${xl_col_to_name(fc)}{first + 1}>${xl_col_to_name(bc)}{first + 1}",
            "format": wb.add_format({"bold": True, "font_color": "#C00000"})})
        # the total row, under the table
        total_row = last + 1
        bold = report.format(total=True)
        ws.write_string(total_row, 0, "Total" if en else "合計", bold)
        money_fmt = report.format("yen", total=True)
        for c in ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total"):
            j = ref.columns[c]
            value = int(result.frame[c].sum())
            ws.write_formula(total_row, j, f"=SUM({xl_rowcol_to_cell(first, j)}:{xl_rowcol_to_cell(last, j)})",
                             money_fmt, value)
        j = ref.columns["consumption"]
        total_budget = int(result.frame["budget"].sum())
        ws.write_formula(
            total_row, j,
            f"=IF({xl_rowcol_to_cell(total_row, ref.columns['budget'])}=0,\"\","
            f"{xl_rowcol_to_cell(total_row, ref.columns['actual'])}/{xl_rowcol_to_cell(total_row, ref.columns['budget'])})",
            report.format("percent", total=True),
            float(Fraction(int(result.frame["actual"].sum()), total_budget)) if total_budget else "",
        )
        # budget vs actual per project
        chart = wb.add_chart({"type": "column"})
        for c, colour in (("budget", "#A6A6A6"), ("actual", "#4472C4"), ("forecast", "#F4B183")):
            j = ref.columns[c]
            chart.add_series({
                "name": [ws.name, first - 1, j],
                "categories": [ws.name, first, 0, last, 0],
                "values": [ws.name, first, j, last, j],
                "fill": {"color": colour},
            })
        chart.set_title({"name": "Budget vs actual by project" if en else "案件別 予算と実績"})
        chart.set_y_axis({"num_format": "#,##0"})
        ws.insert_chart(total_row + 2, 0, chart, {"x_scale": 1.4, "y_scale": 1.2})

    # cumulative burn: months down, per project cumulative budget and actual across
    monthly = result.monthly
    burn = None
    if monthly is not None and len(monthly):
        months = list(dict.fromkeys(monthly["month"]))
        burn = pd.DataFrame({"month": months})
        for p, group in monthly.groupby("project", sort=False):
            g = group.set_index("month")
            burn[f"{p} {HEADINGS['cumulative_budget'][1 if en else 0]}"] = g["cumulative_budget"].reindex(months).values
            burn[f"{p} {HEADINGS['cumulative_actual'][1 if en else 0]}"] = g["cumulative_actual"].reindex(months).values
        bformats = {c: "yen" for c in burn.columns[1:]}
        bformats["month"] = "text"
        bref = report.add_table(burn_name, burn, formats=bformats, headings=_headings(["month"], lang))
        line = wb.add_chart({"type": "line"})
        palette = ["#4472C4", "#ED7D31", "#70AD47", "#7030A0", "#FFC000", "#5B9BD5", "#C00000", "#264478"]
        for k, (p, _) in enumerate(monthly.groupby("project", sort=False)):
            colour = palette[k % len(palette)]
            for which, dash in (("cumulative_budget", "dash"), ("cumulative_actual", "solid")):
                col_name = f"{p} {HEADINGS[which][1 if en else 0]}"
                j = bref.columns[col_name]
                line.add_series({
                    "name": [bref.worksheet.name, bref.first_row - 1, j],
                    "categories": [bref.worksheet.name, bref.first_row, 0, bref.last_row, 0],
                    "values": [bref.worksheet.name, bref.first_row, j, bref.last_row, j],
                    "line": {"color": colour, "dash_type": dash, "width": 2.25 if which == "cumulative_actual" else 1.5},
                    "marker": {"type": "none"},
                })
        line.set_title({"name": "Cumulative budget and actual" if en else "累計 予算と実績 (バーンチャート)"})
        line.set_y_axis({"num_format": "#,##0"})
        line.show_na_as_empty_cell()
        if n:
            ws.insert_chart(last + 20, 0, line, {"x_scale": 1.4, "y_scale": 1.3})
        mcols = MONTHLY_COLUMNS
        report.add_table(monthly_name, monthly[mcols], formats=_formats(mcols), headings=_headings(mcols, lang))
    if result.labor is not None:
        lcols = LABOR_COLUMNS
        labor = result.labor.copy()
        labor["rate"] = labor["rate"].map(lambda d: d if d is None else Decimal(d))
        lformats = _formats(lcols)
        labor["rate_basis"] = [_BASIS_WORDS.get(b, (b, b))[1 if lang == "en" else 0] for b in labor["rate_basis"]]
        integral = all(d == d.to_integral_value() for d in labor["rate"])
        lformats["rate"] = "yen" if integral else "number"
        report.add_table(labor_name, labor[lcols], formats=lformats, headings=_headings(lcols, lang))
    if result.budget is not None and len(result.budget):
        bcols = BUDGET_COLUMNS
        bformats = _formats(bcols)
        bformats.update({"source_row": "rowno", "column": "text", "source_file": "text", "source_sheet": "text"})
        bheadings = _headings(bcols, lang)
        bheadings["column"] = "Column" if en else "列"
        report.add_table("Budget lines" if en else "予算明細", result.budget[bcols], formats=bformats,
                         headings=bheadings)
    report.add_issues(result.issues, lang=lang)
    return report.close()
