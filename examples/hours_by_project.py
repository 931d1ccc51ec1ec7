# CLI: ledgerkit aggregate examples/hours --by project,month -o out/hours_by_project.xlsx
"""Effort hours by project and month from every workbook in examples/hours, as a table
on the terminal and the Excel report the command writes; the rows ledgerkit could not
use are listed too."""

from pathlib import Path

import ledgerkit

HERE = Path(__file__).parent
out = Path("out")
out.mkdir(exist_ok=True)

result = ledgerkit.aggregate(HERE / "hours")
table = result.frame.pivot_table(index="project", columns="month", values="hours", aggfunc="sum", fill_value=0)
print(table)
for issue in result.issues:
    if issue.severity == "error":
        print(f"not used: {issue.file} / {issue.sheet} / row {issue.row}: {issue.message('en')}")

# the same report as the command: Summary by project × month, Detail, Issues
result.write(out / "hours_by_project.xlsx", by=["project", "month"])
print(f"Wrote {out / 'hours_by_project.xlsx'}")
