# temporary shim (issue 12 merge): re-exports budget vs actual from ledgerkit.budget.{budgets,rates,labor,comparison,report,periods,columns,settings}
"""Budget vs actual (予実管理): the old module path; the code lives in the modules of :mod:`ledgerkit.budget`."""

from ledgerkit.budget.budgets import BudgetTable, read_budget, read_budget_sheet
from ledgerkit.budget.columns import (
    BUDGET_COLUMNS,
    HEADINGS,
    LABOR_COLUMNS,
    MONTHLY_COLUMNS,
    RESULT_COLUMNS,
    STATUS_LABELS,
)
from ledgerkit.budget.comparison import BudgetResult, compare_budget
from ledgerkit.budget.labor import labor_cost
from ledgerkit.parse.periods import (
    fiscal_year_from_text,
    fiscal_year_of,
    month_label,
    parse_month,
)
from ledgerkit.budget.rates import GradeOf, RateEntry, Rates, read_rates
from ledgerkit.budget.report import write_budget_report
from ledgerkit.budget.settings import BUDGET_DEFAULTS
from ledgerkit.kinds.budget import BUDGET_FIELDS, RATE_FIELDS

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
    # not in the old __all__, but imported from this path elsewhere
    "BUDGET_DEFAULTS",
    "HEADINGS",
    "STATUS_LABELS",
    "fiscal_year_from_text",
    "month_label",
    "read_budget_sheet",
]
