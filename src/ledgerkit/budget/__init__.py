"""Budget vs actual (予実管理): read budgets and rate tables, cost the hours, compare.

The modules: :mod:`~ledgerkit.budget.budgets` (:func:`read_budget`), :mod:`~ledgerkit.budget.rates`
(:func:`read_rates`), :mod:`~ledgerkit.budget.labor` (:func:`labor_cost`),
:mod:`~ledgerkit.budget.inputs` (every input read through the intake door, or given as a
Result or a frame), :mod:`~ledgerkit.budget.actuals` (the hours and invoices that count),
:mod:`~ledgerkit.budget.comparison` (:func:`compare_budget`, a Result of kind ``budget``),
:mod:`~ledgerkit.budget.report` (:func:`write_budget_report`, the Result's writer); month and
fiscal-year labels in :mod:`ledgerkit.parse.periods`.

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
* **Purchases** = the invoices' net amounts (税抜), by project and **the month of the work**:
  the line's 対象月 / 対象期間 when the list has one, else its 取引年月日 (a date, or a period
  within one month) or 計上月, else its issue date — an invoice dated 11/05 for October work
  is October's. ``tables["purchases"]`` and the report's 外注・購入費明細 sheet say which
  each line used (``month_basis``), and an info line counts them. From the invoice pipeline
  (an invoice found twice is counted once there; two equal lines of one invoice count twice).
* A title ``2026年12月期`` names a fiscal year that closes in December: with the fiscal year
  starting in April (a March closing) that contradicts the settings and is a finding
  (``budget_closing_conflict``), never a silent FY2025.
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

from ledgerkit.budget.budgets import BudgetSheetReader, read_budget, read_budget_sheet
from ledgerkit.budget.columns import (
    BUDGET_COLUMNS,
    LABOR_COLUMNS,
    MONTHLY_COLUMNS,
    RESULT_COLUMNS,
)
from ledgerkit.budget.comparison import compare_budget, over_budget
from ledgerkit.budget.labor import labor_cost
from ledgerkit.budget.rates import (
    GradeOf,
    RateEntry,
    Rates,
    read_rate_sheet,
    read_rates,
)
from ledgerkit.budget.report import write_budget_report
from ledgerkit.budget.settings import BUDGET_DEFAULTS
from ledgerkit.parse.months import fiscal_year_of
from ledgerkit.parse.periods import parse_month

__all__ = [
    "BUDGET_DEFAULTS",
    "BUDGET_COLUMNS",
    "LABOR_COLUMNS",
    "MONTHLY_COLUMNS",
    "RESULT_COLUMNS",
    "BudgetSheetReader",
    "GradeOf",
    "RateEntry",
    "Rates",
    "compare_budget",
    "fiscal_year_of",
    "labor_cost",
    "over_budget",
    "parse_month",
    "read_budget",
    "read_budget_sheet",
    "read_rate_sheet",
    "read_rates",
    "write_budget_report",
]
