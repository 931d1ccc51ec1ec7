"""Nothing is lost: messy generated sheets with a known truth.

Hypothesis writes sheets with random title rows, blank rows, total rows, unreadable cells
and mixed cell forms, and checks that the hours add up to the truth and that rows read =
rows consolidated + rows rejected, each rejected row named with its Excel row number.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ledgerkit

from sheets import make_xlsx

PEOPLE = ["山田 太郎", "佐藤花子", "John Smith"]
PROJECTS = ["A-1", "0012", "B-2"]
FW = str.maketrans("0123456789.:", "０１２３４５６７８９．：")


def date_cell(day: int, form: int):
    d = dt.date(2026, 10, day)
    return [
        dt.datetime(2026, 10, day),
        f"2026/{10}/{day:02d}",
        f"R8.10.{day}",
        f"令和8年10月{day}日",
        f"2026年10月{day}日",
        d.isoformat(),
    ][form]


def hours_cell(quarters: int, form: int):
    hours = Decimal(quarters) / 4
    h, m = divmod(quarters * 15, 60)
    return [
        float(hours),
        f"{h}:{m:02d}",
        f"{hours}h",
        str(hours).translate(FW),
        f"{h}時間{m}分" if m else f"{h}時間",
        dt.time(h, m) if h < 24 else float(hours),
    ][form]


entry = st.tuples(
    st.integers(1, 31),  # day
    st.integers(0, 5),  # date form
    st.sampled_from(PEOPLE),
    st.sampled_from(PROJECTS),
    st.integers(1, 48),  # quarters of an hour: 0.25 .. 12
    st.integers(0, 5),  # hours form
)
junk = st.sampled_from(["blank", "total", "bad_hours", "bad_date"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    titles=st.integers(0, 3),
    entries=st.lists(entry, min_size=1, max_size=25),
    extras=st.lists(st.tuples(st.integers(0, 30), junk), max_size=8),
)
def test_long_table_accounting(tmp_path_factory, titles, entries, extras):
    rows = [[f"2026年10月 工数 {i}"] for i in range(titles)]
    header_index = len(rows)
    rows.append(["日付", "氏名", "案件", "工数"])
    body = []
    truth = Decimal(0)
    for day, dform, person, project, quarters, hform in entries:
        body.append(("good", [date_cell(day, dform), person, project, hours_cell(quarters, hform)]))
        truth += Decimal(quarters) / 4
    for pos, kind in extras:
        pos = min(pos, len(body))
        if kind == "blank":
            body.insert(pos, ("blank", []))
        elif kind == "total":
            body.insert(pos, ("total", ["合計", "", "", 99]))
        elif kind == "bad_hours":
            body.insert(pos, ("bad", ["2026/10/01", "山田 太郎", "A-1", "半日"]))
        else:
            body.insert(pos, ("bad", ["2026/10/32", "山田 太郎", "A-1", 1]))
    rows.extend(r for _, r in body)
    path = make_xlsx(tmp_path_factory.mktemp("p") / "a.xlsx", {"s": rows})

    result = ledgerkit.aggregate(path)

    good = sum(1 for k, _ in body if k == "good")
    bad_rows = {header_index + 2 + i for i, (k, _) in enumerate(body) if k == "bad"}
    total_rows = {header_index + 2 + i for i, (k, _) in enumerate(body) if k == "total"}
    s = result.stats
    assert Decimal(str(round(result.frame["hours"].sum(), 6))) == truth
    assert s.rows_consolidated == good
    assert s.rows_read == good + len(bad_rows)
    assert s.rows_read == s.rows_consolidated + s.rows_rejected
    assert {i.row for i in result.issues if i.rejected} == bad_rows
    assert {i.row for i in result.issues if i.code == "total_row"} == total_rows
    assert set(result.frame["person"]) <= {"山田太郎", "佐藤花子", "John Smith"}


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    cells=st.dictionaries(
        st.tuples(st.sampled_from(PROJECTS), st.integers(1, 31)),
        st.tuples(st.integers(1, 40), st.integers(0, 4)),
        min_size=1,
        max_size=30,
    ),
    bad=st.sets(st.tuples(st.sampled_from(PROJECTS), st.integers(1, 31)), max_size=3),
)
def test_day_grid_accounting(tmp_path_factory, cells, bad):
    grid: dict[str, dict[int, object]] = {p: {} for p in PROJECTS}
    truth = Decimal(0)
    for (project, day), (quarters, form) in cells.items():
        grid[project][day] = hours_cell(quarters, form)
        truth += Decimal(quarters) / 4
    for project, day in bad:
        if (project, day) in cells:
            truth -= Decimal(cells[(project, day)][0]) / 4
        grid[project][day] = "??"
    rows = [["2026年10月 工数表"], ["氏名", "山田 太郎"], ["案件", "作業", *range(1, 32), "合計"]]
    for project in PROJECTS:
        rows.append([project, "作業", *[grid[project].get(d, "") for d in range(1, 32)], ""])
    rows.append(["合計"])
    path = make_xlsx(tmp_path_factory.mktemp("g") / "a.xlsx", {"10月": rows})

    result = ledgerkit.aggregate(path)

    assert Decimal(str(round(result.frame["hours"].sum(), 6))) == truth
    s = result.stats
    assert s.rows_read == s.rows_consolidated + s.rows_rejected == len(PROJECTS)
    assert len([i for i in result.issues if i.code == "bad_cell"]) == len(bad)
