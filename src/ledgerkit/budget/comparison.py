"""Budget vs actual by project: :func:`compare_budget` (see :mod:`ledgerkit.budget` for how every figure is computed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ledgerkit.budget.actuals import _hours_in_period, _purchases
from ledgerkit.budget.columns import MONTHLY_COLUMNS, PURCHASE_COLUMNS, RESULT_COLUMNS
from ledgerkit.budget.inputs import read_inputs
from ledgerkit.budget.labels import _project_key, _yen_text
from ledgerkit.budget.labor import _HOUR_UNITS, _hour_units, labor_cost
from ledgerkit.budget.rates import Rates
from ledgerkit.budget.report import write_budget_report
from ledgerkit.budget.settings import BUDGET_DEFAULTS, _cfg, _exact
from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError
from ledgerkit.core.issues import Issue
from ledgerkit.core.money import round_yen
from ledgerkit.core.result import Result
from ledgerkit.parse.months import (
    add_months,
    fiscal_year_months,
    fiscal_year_of,
    label_of_index,
    month_index,
    month_label,
)
from ledgerkit.parse.periods import parse_month


def over_budget(result: Result) -> list[str]:
    """The projects of a :func:`compare_budget` result over budget or spending without a budget line.

    Examples:
        >>> import pandas as pd
        >>> over_budget(Result("budget", pd.DataFrame({"project": ["A", "B", "C"], "status": ["ok", "over", "no_budget"]})))
        ['B', 'C']
    """
    frame = result.frame
    return [p for p, s in zip(frame["project"], frame["status"]) if s in ("over", "no_budget")]


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
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
) -> Result:
    """Budget vs actual by project: labor cost from hours × rates, purchases from invoices.

    ``budget``: budget workbook path(s) (:func:`~ledgerkit.budget.budgets.read_budget`), its
    Result, or a frame with ``project, month, budget`` (``item``, ``project_name`` optional).
    ``hours``: paths read as ``ledgerkit.aggregate(kind="hours")`` reads them, its Result, or
    an hours frame (``project, person, month, hours``). ``rates``: 単価表 path(s),
    :class:`Rates`, or a ``{person: rate per hour}`` mapping. ``invoices``: paths read as
    ``aggregate(kind="invoices")`` reads them, its Result, or a frame with ``project, net, month``
    (the month of the work). ``through``: ``"2026-10"`` — the budget and actuals up to that month.
    ``include_hidden``, ``skip_bad`` and ``jobs`` apply to every file read.

    Returns a :class:`~ledgerkit.core.result.Result` of kind ``budget``
    (``frame, issues = compare_budget(...)`` works too): ``frame`` one row per project
    (:data:`RESULT_COLUMNS`); ``tables["monthly"]`` one row per project and month of the
    fiscal year (:data:`MONTHLY_COLUMNS`), ``tables["labor"]`` the labor cost per person
    (:data:`LABOR_COLUMNS`), ``tables["budget"]`` the budget figures read, ``tables["purchases"]``
    the invoice lines counted (:data:`PURCHASE_COLUMNS`); ``meta``: ``fiscal_year``, ``through`` (the
    last month with actuals), ``period``, ``thresholds``, ``budget_to_date``, ``lang``.
    ``result.write("budget.xlsx")`` writes what ``ledgerkit budget -o`` writes; :func:`over_budget`
    names the projects over budget. The package docstring says how every figure is computed.

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
    config = config_or_found(config)
    start_month = int(_cfg(config, "fiscal_year.start_month", 4))
    warn_at, over_at = _thresholds(config, warning, over)
    rounding = rounding or _cfg(config, "budget.rounding", BUDGET_DEFAULTS["rounding"])
    through = _parse_through(through, config.lang)
    read = read_inputs(budget, hours, rates, invoices, fiscal_year=fiscal_year, config=config,
                       options={"include_hidden": include_hidden, "skip_bad": skip_bad, "jobs": jobs})
    bframe, issues = read.budget, read.issues
    first_fy, period_start, period_end = _period(bframe, read.fiscal_year or fiscal_year, through, read.hours,
                                                 start_month, config.lang)
    if through is not None and not period_start <= through <= period_end:
        # a typo or a wrong year would give an all-zero report that looks like good news
        raise InputError(
            messages.text("budget_through_outside", config.lang, value=through, start=period_start, end=period_end)
        )
    projects = _Projects(bframe)
    labor, purchases = _costs(read.hours, read.invoices, projects, read.rates, rounding, (period_start, period_end),
                              through, config.lang, issues)
    # without through, the actuals run to the last month with any
    last_actual = through or max([*labor["month"], *purchases["month"]], default=None)
    # then the projects with actuals and no budget line
    projects.add_unbudgeted([*labor["project"], *purchases["project"]])
    months = [label_of_index(n) for n in range(month_index(period_start), month_index(period_end) + 1)]
    records, monthly_records = _project_rows(projects, _Sums(bframe, labor, purchases, first_fy, start_month), months,
                                             through, period_end, last_actual, (warn_at, over_at), issues)
    frame, monthly = _frames(records, monthly_records)
    meta = {"fiscal_year": first_fy, "through": last_actual, "period": (period_start, period_end),
            "thresholds": (warn_at, over_at), "budget_to_date": through is not None, "lang": config.lang}
    return Result("budget", frame, issues, read.stats, list(dict.fromkeys(read.files)), writer=write_budget_report,
                  tables={"monthly": monthly, "labor": labor, "budget": bframe, "purchases": purchases}, meta=meta)


def _thresholds(config: Config, warning, over) -> tuple[Fraction, Fraction]:
    """(warning, over) as the fractions a person meant: given, else ``[budget]`` in the config."""
    warn_at = warning if warning is not None else _cfg(config, "budget.warning", BUDGET_DEFAULTS["warning"])
    over_at = over if over is not None else _cfg(config, "budget.over", BUDGET_DEFAULTS["over"])
    return _exact(warn_at), _exact(over_at)


class _Projects:
    """The projects in the budget, in its order, then those with actuals and no budget line.

    Actuals are matched to the budget's projects by code (any width or case) or, when the
    hours or invoices name a project by its 案件名, by that name.
    """

    def __init__(self, bframe):
        self.keys: dict[str, str] = {}  # match key -> project as first written in the budget
        self.names: dict[str, str] = {}
        for p, n in zip(bframe["project"].tolist(), bframe["project_name"].tolist()):
            k = _project_key(p)
            self.keys.setdefault(k, p)
            if isinstance(n, str) and n and not self.names.get(k):
                self.names[k] = n
        self.budgeted = list(self.keys)
        self.aliases = {_project_key(n): k for k, n in self.names.items() if _project_key(n) not in self.keys}
        self.by_name: dict[str, str] = {}
        self.unbudgeted: list[str] = []

    def canonical(self, project: Any) -> str:
        k = _project_key(project)
        if k in self.aliases:
            self.by_name.setdefault(project, self.keys[self.aliases[k]])
            return self.keys[self.aliases[k]]
        return self.keys.get(k, project)

    def add_unbudgeted(self, projects) -> None:
        for p in projects:
            k = _project_key(p)
            if k not in self.keys:
                self.keys[k] = p
                self.unbudgeted.append(k)
        self.unbudgeted.sort(key=lambda k: self.keys[k])


def _costs(hframe, iframe, projects: _Projects, rate_table: Rates, rounding: str, period: tuple[str, str],
           through: str | None, lang: str, issues: list[Issue]):
    """(labor cost, purchases) in the period up to ``through``, under the budget's project names."""
    import pandas as pd

    period_start, period_end = period
    hframe = _hours_in_period(hframe, period_start, period_end, through, issues)
    hframe["project"] = hframe["project"].map(projects.canonical)
    labor = labor_cost(hframe, rate_table, rounding=rounding, lang=lang)
    for person in sorted(set(labor.loc[[r == 0 for r in labor["rate"]], "person"])):
        issues.append(Issue("rate_zero", scope="file", severity="info", params={"person": person}))
    purchases = _purchases(iframe, period_start, period_end, through, issues) if iframe is not None else None
    if purchases is None:
        purchases = pd.DataFrame({c: pd.Series(dtype=object) for c in PURCHASE_COLUMNS})
    purchases["project"] = purchases["project"].map(projects.canonical)
    for name, project in projects.by_name.items():
        issues.append(Issue("budget_matched_by_name", scope="file", severity="info",
                            params={"name": name, "project": project}))
    return labor, purchases


class _Sums:
    """Budget, labor cost and purchases by (project key, month); hours by project key."""

    def __init__(self, bframe, labor, purchases, first_fy: int, start_month: int):
        self.budget, self.annual = _monthly_budget(bframe, first_fy, start_month)
        self.labor = _sum_by(labor, "labor_cost")
        self.purchases = _sum_by(purchases, "net")
        self.hours: dict[str, int] = {}
        for p, h in zip(labor["project"].tolist(), labor["hours"].tolist()):
            k = _project_key(p)
            self.hours[k] = self.hours.get(k, 0) + _hour_units(h)


def _project_rows(projects: _Projects, sums: _Sums, months: list[str], through: str | None, period_end: str,
                  last_actual: str | None, thresholds: tuple[Fraction, Fraction], issues: list[Issue]):
    """(one record per project, one record per project and month)."""
    monthly_records, records = [], []
    keys = projects.keys
    for k in [*projects.budgeted, *projects.unbudgeted]:
        b_through, b_total, lab, pur, first_m, last_budget_m = _project_months(
            k, keys[k], sums, months, through, period_end, last_actual, monthly_records)
        budget_fig = b_through if through is not None else b_total
        actual = lab + pur
        status, consumption = _status(k not in projects.unbudgeted, budget_fig, actual, *thresholds)
        forecast = _forecast(actual, first_m, last_actual, last_budget_m, period_end)
        if k in projects.unbudgeted:
            issues.append(Issue("budget_no_line", scope="file", severity="warning",
                                params={"project": keys[k], "actual": _yen_text(actual)}))
        elif actual == 0:
            issues.append(Issue("budget_no_actuals", scope="file", severity="info", params={"project": keys[k]}))
        records.append({
            "project": keys[k], "budget": budget_fig, "labor_cost": lab, "purchases": pur, "actual": actual,
            "variance": budget_fig - actual, "consumption": consumption, "status": status, "forecast": forecast,
            "project_name": projects.names.get(k, ""), "budget_total": b_total,
            "hours": sums.hours.get(k, 0) / _HOUR_UNITS,
        })
    return records, monthly_records


def _project_months(k: str, project: str, sums: _Sums, months: list[str], through: str | None, period_end: str,
                    last_actual: str | None, monthly_records: list[dict]):
    """One project's months into ``monthly_records``; returns (budget through, budget, labor, purchases,
    first month, last budgeted month)."""
    cum_b = cum_a = 0
    b_through = b_total = lab = pur = 0
    first_m = last_budget_m = None
    for m in months:
        b = sums.budget.get((k, m), 0)
        lc, pc = sums.labor.get((k, m), 0), sums.purchases.get((k, m), 0)
        in_range = last_actual is not None and m <= last_actual
        cum_b += b
        b_total += b
        if m <= (through or period_end):
            b_through += b
        if in_range:
            cum_a += lc + pc
            lab += lc
            pur += pc
        if b and k not in sums.annual:
            last_budget_m = m
            first_m = first_m or m
        if (lc or pc) and (first_m is None or m < first_m):
            first_m = m
        monthly_records.append({
            "project": project, "month": m, "budget": b,
            "labor_cost": lc if in_range else None, "purchases": pc if in_range else None,
            "actual": lc + pc if in_range else None,
            "cumulative_budget": cum_b, "cumulative_actual": cum_a if in_range else None,
        })
    return b_through, b_total, lab, pur, first_m, last_budget_m


def _frames(records: list[dict], monthly_records: list[dict]):
    """(the per-project frame, the per-month frame), typed."""
    import pandas as pd

    frame = pd.DataFrame.from_records(records, columns=RESULT_COLUMNS)
    for c in ("budget", "labor_cost", "purchases", "actual", "variance", "forecast", "budget_total"):
        frame[c] = frame[c].astype("Int64")
    frame["consumption"] = frame["consumption"].astype("float64")
    frame["hours"] = frame["hours"].astype("float64")
    monthly = pd.DataFrame.from_records(monthly_records, columns=MONTHLY_COLUMNS)
    for c in MONTHLY_COLUMNS[2:]:
        monthly[c] = monthly[c].astype("Int64")
    return frame, monthly


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
    return first_fy, month_label(first_fy, start_month), month_label(*add_months(last_fy, start_month, 11))


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
    fy_months = fiscal_year_months(first_fy, start_month)
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
    elapsed = month_index(through) - month_index(first) + 1
    end = period_end
    if last_budget is not None and last_budget < end:
        end = max(last_budget, through)
    remaining = month_index(end) - month_index(through)
    return round_yen(Fraction(actual) + Fraction(actual * remaining, elapsed), "half_up")
