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


#: the purchases (invoice lines) counted, each under the month of the work and what that month came from
PURCHASE_COLUMNS = ["project", "month", "month_basis", "net", "invoice_no", "vendor", "issue_date",
                    "source_file", "source_sheet", "source_row"]

#: what a purchase's month came from (``month_basis``), as the report says it
MONTH_BASIS_LABELS: dict[str, tuple[str, str]] = {
    "billed": ("対象月", "billed month (対象月)"),
    "transaction": ("取引年月日", "transaction date (取引年月日)"),
    "booking": ("計上月", "booking month (計上月)"),
    "issue": ("発行日", "issue date"),
    "given": ("年月", "month column"),
}


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
    "month_basis": ("計上月の根拠", "Month from"),
    "net": ("税抜金額", "Net"),
    "invoice_no": ("請求書番号", "Invoice no."),
    "vendor": ("取引先", "Vendor"),
    "issue_date": ("発行日", "Issue date"),
}
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "ok": ("予算内", "ok"),
    "warning": ("注意", "warning"),
    "over": ("超過", "over"),
    "no_budget": ("予算なし", "no budget"),
}
