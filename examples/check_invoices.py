# CLI: ledgerkit check invoices examples/invoices --orders examples/po_list.xlsx -o out/invoice_findings.xlsx
"""Check the received-invoice lists against the order list and print each finding with
the file, sheet and Excel row it points at; then write the report the command writes."""

import datetime as dt
from pathlib import Path

from ledgerkit.checks.findings import summary_counts
from ledgerkit.checks.invoices import check_invoices

HERE = Path(__file__).parent
out = Path("out")
out.mkdir(exist_ok=True)

result = check_invoices([HERE / "invoices"], [HERE / "po_list.xlsx"], today=dt.date(2026, 11, 30), lang="en")
findings = result.tables["findings"]
for f in findings.itertuples(index=False):
    print(f"{f.severity:7} {Path(f.source_file).name} / {f.source_sheet} / row {f.source_row}: {f.message}")
counts = summary_counts(findings)
print(f"{counts['error']} errors, {counts['warning']} warnings in {result.frame['invoice_key'].nunique()} invoices")

result.write(out / "invoice_findings.xlsx")
print(f"Wrote {out / 'invoice_findings.xlsx'}")
