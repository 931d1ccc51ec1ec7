"""Settle dispatched engineers' October hours and check the vendors' invoices, from Python.

The same as:
    ledgerkit settle examples/attendance/勤務表 --contracts examples/attendance/契約一覧.xlsx \
        --invoices examples/attendance/請求書一覧_2026年10月.xlsx -o out/settlement.xlsx
"""

from pathlib import Path

import ledgerkit

HERE = Path(__file__).resolve().parent / "attendance"

if __name__ == "__main__":
    result = ledgerkit.settle(
        [HERE / "勤務表"],
        HERE / "契約一覧.xlsx",
        invoices=[HERE / "請求書一覧_2026年10月.xlsx"],
        config=ledgerkit.load_config(),
    )
    print(result.frame[["person", "vendor", "month", "hours", "rate", "adjustment", "amount", "billed", "check"]]
          .to_string())
    for issue in result.errors:
        print(f"{issue.location('en')}: {issue.message('en')}")
    # the report the command writes
    out = Path("out")
    out.mkdir(exist_ok=True)
    print(f"Wrote {result.write(out / 'settlement.xlsx')}")
