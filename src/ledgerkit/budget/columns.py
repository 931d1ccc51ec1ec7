"""The columns of the budget frames, and their report headings."""

from __future__ import annotations

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
