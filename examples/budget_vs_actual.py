"""Budget vs actual for October–November 2026, from Python.

The same as:
    ledgerkit budget examples/budget.xlsx --hours examples/hours --invoices examples/invoices \
        --rates examples/rates.xlsx --through 2026-11 -o out/budget_report.xlsx
"""

from pathlib import Path

from ledgerkit.budget import compare_budget, over_budget

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
    labor = result.tables["labor"]
    labor = labor[labor["project"].isin(over_budget(result))]
    print(labor.groupby("person")["labor_cost"].sum().sort_values(ascending=False).to_string())
    # the report the command writes
    out = Path("out")
    out.mkdir(exist_ok=True)
    print(f"Wrote {result.write(out / 'budget_report.xlsx')}")
