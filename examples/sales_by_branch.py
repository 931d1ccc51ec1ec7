# CLI: ledgerkit aggregate examples/sales --kind sales --config examples/sales.toml -o out/sales_by_branch.xlsx
"""Branch sales by month from every report in examples/sales, read by the kind examples/sales.toml
declares (no Python reader for it: the declaration is data); then the same list declared here,
as a dict, to sum the 件数 by 区分."""

from pathlib import Path

import ledgerkit

HERE = Path(__file__).parent
out = Path("out")
out.mkdir(exist_ok=True)

config = ledgerkit.load_config(HERE / "sales.toml")
result = ledgerkit.aggregate(HERE / "sales", kind="sales", config=config)
print(result.frame.pivot_table(index="branch", columns="month", values="amount", aggfunc="sum", fill_value=0))
for issue in result.issues:
    if issue.severity != "info":
        print(f"{issue.severity}: {Path(issue.file).name} / {issue.sheet} / row {issue.row}: {issue.message('en')}")
result.write(out / "sales_by_branch.xlsx")
print(f"Wrote {out / 'sales_by_branch.xlsx'}")

# a declaration given from a script: the same reports, counted by 区分
# (the key counts the report 福岡支店 sent twice once)
counts = {"name": "sales_counts", "by": "category", "sum": "count", "key": "branch,month,category", "fields": {
    "branch": {"type": "text", "synonyms": ["支店", "支店名", "営業所"], "required": True},
    "month": {"type": "month", "synonyms": ["年月", "対象月", "計上月"], "required": True},
    "category": {"type": "text", "synonyms": ["区分"], "required": True},
    "count": {"type": "int", "synonyms": ["件数", "受注件数"]}}}
by_category = ledgerkit.aggregate(HERE / "sales", kind=counts)
print(by_category.frame.groupby("category")["count"].sum().to_dict())
