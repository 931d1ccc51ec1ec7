"""finish_hours's repeats and disagreements, linear in rows + findings (issue 17).

The vectorised ``_drop_repeats`` is checked against the per-group implementation it replaced
(kept here as the reference), on random frames: the same rows kept, the same findings in the
same order with the same words.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerkit.core.issues import Issue
from ledgerkit.hours.across_files import _drop_repeats
from ledgerkit.hours.frame import _hours_text


def _reference(frame, issues):
    """The implementation before issue 17: one pandas group per entry key (quadratic in practice)."""
    key = ["person", "date", "project", "task"]
    if "period" in frame.columns:
        frame = frame.assign(_period=frame["period"].fillna("day"))
        key.append("_period")
    src = frame["source_file"] + "\x00" + frame["source_sheet"]
    multi = frame.assign(_src=src).groupby(key, sort=False)["_src"].transform("nunique") > 1
    drop = pd.Series(False, index=frame.index)
    if multi.any():
        sub = frame[multi].assign(_src=src[multi])
        for _, group in sub.groupby(key, sort=False):
            first_src = group["_src"].iloc[0]
            first = group[group["_src"] == first_src]
            first_hours = sorted(first["hours"].round(6))
            place = f"{first['source_file'].iloc[0]} / {first['source_sheet'].iloc[0]}"
            n = first["source_row"].iloc[0]
            where_first = {"ja": f"{place} / {n}行", "en": f"{place} / row {n}"}
            for _, other in group[group["_src"] != first_src].groupby("_src", sort=False):
                if sorted(other["hours"].round(6)) == first_hours:
                    drop[other.index] = True
                    for _, row in other.iterrows():
                        issues.append(Issue("duplicate_entry", row["source_file"], row["source_sheet"],
                                            int(row["source_row"]), severity="warning", rejected=True,
                                            params={"other": where_first}))
                else:
                    row = other.iloc[0]
                    issues.append(Issue("conflicting_entry", row["source_file"], row["source_sheet"],
                                        int(row["source_row"]), severity="warning",
                                        params={"other": where_first, "a": _hours_text(other["hours"].sum()),
                                                "b": _hours_text(first["hours"].sum())}))
    if drop.any():
        kept = set(zip(frame.loc[~drop, "source_file"], frame.loc[~drop, "source_sheet"], frame.loc[~drop, "source_row"]))
        issues = [i for i in issues if not (i.code == "duplicate_entry" and (i.file, i.sheet, i.row) in kept)]
        frame = frame[~drop].reset_index(drop=True)
    return frame.drop(columns="_period", errors="ignore"), issues


_row = st.tuples(
    st.sampled_from(["山田", "佐藤", None]),
    st.integers(1, 3),
    st.sampled_from(["A", "B", ""]),
    st.sampled_from(["設計", None]),
    st.sampled_from([1.0, 2.0, 2.5, 0.1 + 0.2, 0.3]),
    st.sampled_from([("a.xlsx", "s"), ("a.xlsx", "t"), ("b.xlsx", "s"), ("c(1).xlsx", "s")]),
    st.integers(2, 6),
    st.sampled_from(["day", "month", None]),
)


def _frame(rows, with_period: bool):
    records = [
        {"date": dt.datetime(2026, 10, d), "person": p, "project": pr, "task": t, "hours": h,
         "source_file": f, "source_sheet": s, "source_row": r, **({"period": per} if with_period else {})}
        for p, d, pr, t, h, (f, s), r, per in rows
    ]
    cols = ["date", "person", "project", "task", "hours", "source_file", "source_sheet", "source_row"]
    frame = pd.DataFrame.from_records(records, columns=cols + (["period"] if with_period else []))
    return frame.sort_values(["source_file", "source_sheet", "source_row"], kind="stable").reset_index(drop=True)


def _same(a, b):
    (fa, ia), (fb, ib) = a, b
    pd.testing.assert_frame_equal(fa, fb)
    assert ia == ib
    assert [i.params for i in ia] == [i.params for i in ib]


@settings(max_examples=300, deadline=None)
@given(st.lists(_row, min_size=6, max_size=40), st.booleans())
def test_drop_repeats_equals_the_per_group_reference(rows, with_period):
    frame = _frame(rows, with_period)
    before = [Issue("total_row", "a.xlsx", "s", 9, rejected=True)]
    _same(_drop_repeats(frame.copy(), list(before)), _reference(frame.copy(), list(before)))


def test_many_disagreements_are_linear_and_exact():
    # 20,000 entries in two files, most with other hours: one finding per entry, in row order
    n = 20_000
    base = pd.DataFrame({
        "date": pd.to_datetime("2026-10-01") + pd.to_timedelta(pd.Series(range(n)) // 40, unit="D"),
        "person": [f"p{i % 40}" for i in range(n)], "project": "A", "task": "設計",
        "hours": [1.0 + (i % 8) / 4 for i in range(n)], "source_sheet": "s", "source_row": range(2, n + 2),
    })
    edited = base.assign(hours=[h + 0.25 if i % 5 else h for i, h in enumerate(base["hours"])])
    frame = pd.concat([base.assign(source_file="a.xlsx"), edited.assign(source_file="a_修正版.xlsx")],
                      ignore_index=True)
    out, issues = _drop_repeats(frame, [])
    assert len(out) == n + n * 4 // 5
    conflicts = [i for i in issues if i.code == "conflicting_entry"]
    repeats = [i for i in issues if i.code == "duplicate_entry"]
    assert len(conflicts) == n * 4 // 5 and len(repeats) == n // 5
    assert [i.row for i in conflicts[:3]] == [3, 4, 5]
    # the other place in the message's language: 3行 in Japanese, row 3 in English
    assert conflicts[0].params == {"other": {"ja": "a.xlsx / s / 3行", "en": "a.xlsx / s / row 3"}, "a": "1.5h",
                                   "b": "1.25h"}
    assert conflicts[0].message() == "同じ 人・日付・案件 の記録が a.xlsx / s / 3行 と食い違っています (1.5h と 1.25h)"
    assert conflicts[0].message("en") == "the same person-date-project entry disagrees with a.xlsx / s / row 3 (1.5h vs 1.25h)"
    assert repeats[0].message() == "同じ記録が a.xlsx / s / 2行 にもあるため1回だけ数えます"
    assert repeats[0].message("en") == "the same entry is also in a.xlsx / s / row 2: counted once"
