"""The ledger's benchmark: recording 300,000 hour rows, then ``history`` over 12 recorded months.

    python bench/ledger.py                                   # SQLite in a temporary folder
    python bench/ledger.py --url postgresql+psycopg://…      # an empty PostgreSQL database
    python bench/ledger.py --rows 30000                      # smaller

The rows are made here (12 monthly files × 25,000 rows: 40 people, 30 projects, hours in
quarter hours), so what is timed is the ledger alone, not reading workbooks. Printed: the
time to record them (one transaction), to record them again (nothing new: nothing written),
to record one month's file changed (its slice superseded, the change lines computed), and
``history`` over the 12 months by person (the indexed columns) and by task (the rows' JSON).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import pandas as pd  # noqa: E402

from ledgerkit.core.result import Result  # noqa: E402
from ledgerkit.ledger.book import Ledger  # noqa: E402

MONTHS = [f"{2026 + (m > 12)}-{(m - 1) % 12 + 1:02d}" for m in range(4, 16)]  # 2026-04 … 2027-03


def rows(n: int, bump: str | None = None) -> pd.DataFrame:
    """``n`` hour rows over the 12 months; ``bump`` adds a quarter hour to that month's first row."""
    per = n // len(MONTHS)
    frames = []
    for month in MONTHS:
        i = pd.RangeIndex(per)
        hours = ((i % 32) + 1) * 0.25
        frame = pd.DataFrame({
            "date": pd.to_datetime(month + "-01") + pd.to_timedelta(i % 28, unit="D"),
            "month": month, "person": [f"社員{k % 40:02d}" for k in i], "project": [f"P-{k % 30:03d}" for k in i],
            "task": [("開発", "設計", "試験", "会議")[k % 4] for k in i], "hours": hours,
            "source_file": f"工数_{month}.xlsx", "source_sheet": "明細", "source_row": i + 2,
        })
        if bump == month:
            frame.loc[0, "hours"] += 0.25
        frames.append(frame)
    return pd.concat(frames, ignore_index=True)


def timed(label: str, work):
    start = time.perf_counter()
    value = work()
    print(f"{label:<58} {time.perf_counter() - start:8.2f} s", flush=True)
    return value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--url", help="an empty ledger database (default: SQLite in a temporary folder)")
    ap.add_argument("--rows", type=int, default=300_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{tmp}/ledger.db"
        frame = rows(args.rows)
        with Ledger(url, base_dir=tmp, user="bench") as ledger:
            print(f"{ledger!r}: {len(frame):,} hour rows, {len(MONTHS)} months", flush=True)
            first = timed(f"record {len(frame):,} rows (one transaction)", lambda: ledger.record(Result("hours", frame), cwd=tmp))
            again = timed("record the same again (nothing new)", lambda: ledger.record(Result("hours", frame), cwd=tmp))
            changed = rows(args.rows, bump="2026-10")
            later = timed("record with one month's file changed", lambda: ledger.record(Result("hours", changed), cwd=tmp))
            by_person = timed("history hours --by person (12 months)", lambda: ledger.history("hours", by="person"))
            by_task = timed("history hours --by task (12 months, from the rows' JSON)",
                            lambda: ledger.history("hours", by="task"))
        assert first.rows_added == len(frame) and again.unchanged and later.files == {
            "工数_2026-10.xlsx": "changed", **{f"工数_{m}.xlsx": "unchanged" for m in MONTHS if m != "2026-10"}}
        assert len(by_person) == 40 and len(by_task) == 4 and len(by_person.columns) == 1 + 12 + 1
        total = float(changed["hours"].sum())
        assert abs(by_person["total"].sum() - total) < 1e-6, (by_person["total"].sum(), total)
        print(later.lines("en")[1].strip())
        if url.startswith("sqlite"):
            size = sum(p.stat().st_size for p in Path(tmp).glob("ledger.db*"))
            print(f"{'ledger file size':<58} {size / 2**20:8.1f} MiB")


if __name__ == "__main__":
    main()
