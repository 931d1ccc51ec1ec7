"""The compute of ``ledgerkit triage``: 1,000 requests × 20 people, ranked, planned, loaded.

    python bench/triage_compute.py                 # 1,000 requests × 20 people, 5 rounds
    python bench/triage_compute.py --requests 5000 --people 50 --repeat 3

Times :func:`ledgerkit.workload.planner.plan_run` (everything after the reading: the
slack of every request in business time, the queue, the plan on each person's capacity
day by day, the load and the overloads with their suggestions) on requests made here
with a fixed seed — deadlines over the next four weeks (some past), estimates from 30
minutes to two days, a third pre-assigned, categories, roles and importance mixed —
and people with strengths, weaknesses, short hours and days off. Reading the
workbooks is the intake's (timed by ``bench/run.py``); writing the board is the
reports'. Prints the median and the fastest round.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import time

from ledgerkit.calendars.business import BusinessCalendar
from ledgerkit.workload.planner import plan_run
from ledgerkit.workload.settings import triage_settings
from ledgerkit.workload.staff import Staff
from ledgerkit.workload.timeline import Timeline

AS_OF = dt.datetime(2026, 12, 2, 10, 0)
CATEGORIES = ["稟議", "請求書", "集計", "日程調整", "契約確認", "その他"]
ROLES = ["社長", "役員", "部長", "課長", "担当", ""]


def make_inputs(n_requests: int, n_people: int, seed: int = 19) -> tuple[list[dict], list[Staff]]:
    rng = random.Random(seed)
    people = []
    for p in range(n_people):
        off = {AS_OF.date() + dt.timedelta(days=rng.randrange(1, 20)): rng.choice([1.0, 0.5])
               for _ in range(rng.randrange(0, 3))}
        people.append(Staff(f"担当{p:02d}", rng.choice([None, None, 6.0, 7.5]),
                            tuple(rng.sample(CATEGORIES, 2)), tuple(rng.sample(CATEGORIES, 1)), off))
    records = []
    for i in range(n_requests):
        due = AS_OF.date() + dt.timedelta(days=rng.randrange(-3, 28))
        records.append({
            "request_no": f"R{i:05d}", "received": AS_OF.date() - dt.timedelta(days=rng.randrange(0, 10)),
            "requester": "依頼者", "role": rng.choice(ROLES), "department": "", "subject": f"依頼 {i}",
            "category": rng.choice(CATEGORIES), "due_date": due,
            "due_minutes": rng.choice([None, 600, 720, 1020]), "effort": rng.choice([0.5, 0.5, 1, 1, 1, 1.5, 2, 3]),
            "effort_given": True, "owner": people[rng.randrange(n_people)].name if rng.random() < 0.33 else "",
            "status": rng.choice(["open", "open", "open", "in_progress"]), "status_text": "",
            "importance": "", "importance_level": rng.choice([None, 0, 1, 2]), "progress": None, "remaining": None,
            "source_file": "bench.xlsx", "source_sheet": "依頼一覧", "source_row": i + 4,
        })
    return records, people


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--people", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = triage_settings()
    records, people = make_inputs(args.requests, args.people)
    calendar = BusinessCalendar()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        timeline = Timeline(AS_OF, calendar, settings, settings.horizon_days)
        run = plan_run(records, people, {}, timeline, settings)
        times.append(time.perf_counter() - start)
    risky = sum(1 for i in run.items if i.risk)
    print(f"triage compute: {args.requests:,} requests × {args.people} people: median {statistics.median(times):.3f} s, "
          f"fastest {min(times):.3f} s ({args.repeat} rounds; {risky} at risk, {len(run.overloads)} overloads)")


if __name__ == "__main__":
    main()
