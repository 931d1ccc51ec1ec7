"""Budget vs actual for October–November 2026, from Python.

The same as:
    ledgerkit budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices \
        --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx
"""

from pathlib import Path

from ledgerkit.budget.comparison import compare_budget

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    result = compare_budget(
        HERE / "budget.xlsx",
        HERE / "hours",
        HERE / "rates.xlsx",
        invoices=HERE / "invoices",
        through="2026-11",
    )
    print(result.frame[["project", "budget", "labor_cost", "purchases", "actual", "consumption", "status",
                        "forecast"]].to_string(index=False))
    # who cost what on the project over budget
    labor = result.labor[result.labor["project"].isin(result.over)]
    print(labor.groupby("person")["labor_cost"].sum().sort_values(ascending=False).to_string())
