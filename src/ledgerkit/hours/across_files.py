"""Effort hours across all files: the checks that need every sheet's rows.

The same entry saved twice, two places that disagree, summary sheets that total the others,
and months missing in a person's run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue
from ledgerkit.hours.frame import _hours_text
from ledgerkit.intake.files import looks_like_copy


def finish_hours(frame, issues: list[Issue], config: Config | None = None):
    """Checks that need every file: the same entry twice, disagreements, missing months.

    * An entry (person, date, project, task, hours) found again in *another* sheet or
      file — a copy saved "just in case" — is counted once; the repeat is listed.
    * The same person, date, project and task with different hours in two places is
      kept in both and listed as a disagreement for a person to settle.
    * A month missing between a person's first and last month is listed.
    * Month-level entries (a WBS read for its month: ``period == "month"``, dated the
      month's first day) are compared with month-level entries only; a sheet of them that
      equals the daily rows of other sheets (same person, month and project) is a summary
      of those rows and is listed, not counted; one that overlaps them otherwise is a warning.
    """
    issues = list(issues)
    if frame.empty:
        return frame, issues
    # originals before their copies (山田.xlsx before 山田(1).xlsx, which sorts first as
    # text): the copy's entries are the repeats, as collect_inputs reads them
    copies = {f: looks_like_copy(Path(f).stem) for f in frame["source_file"].unique()}
    frame = (
        frame.assign(_copy=frame["source_file"].map(copies))
        .sort_values(["_copy", "source_file", "source_sheet", "source_row", "date"], kind="stable")
        .drop(columns="_copy")
        .reset_index(drop=True)
    )
    frame, issues = _drop_repeats(frame, issues)
    frame, found = _drop_summary_sheets(frame)
    issues.extend(found)
    frame, found = _month_entries_against_days(frame)
    issues.extend(found)
    issues.extend(_missing_months(frame))
    frame = frame.sort_values(["date", "person", "project", "task", "source_file", "source_row"], kind="stable")
    return frame.reset_index(drop=True), issues


def _drop_repeats(frame, issues: list[Issue]):
    """Entries found again in another sheet: a repeat is dropped and listed, a disagreement listed."""
    import pandas as pd

    key = ["person", "date", "project", "task"]
    if "period" in frame.columns:
        # a month's entry (a WBS, dated the 1st) is never the repeat of a day's entry
        frame = frame.assign(_period=frame["period"].fillna("day"))
        key.append("_period")
    # entries whose key appears in more than one sheet; most of the time there are none,
    # which the distinct (key, sheet) pairs tell faster than a transform over every row
    if _key_in_two_sheets(frame, key):
        src = frame["source_file"] + "\x00" + frame["source_sheet"]
        multi = frame.assign(_src=src).groupby(key, sort=False)["_src"].transform("nunique") > 1
    else:
        multi = pd.Series(False, index=frame.index)
    drop = pd.Series(False, index=frame.index)
    if multi.any():
        sub = frame[multi].assign(_src=src[multi])
        for _, group in sub.groupby(key, sort=False):
            _compare_places(group, drop, issues)
    if drop.any():
        # a grid row keeps its place when only some of its entries were repeats
        kept_rows = set(zip(frame.loc[~drop, "source_file"], frame.loc[~drop, "source_sheet"], frame.loc[~drop, "source_row"]))
        issues = [
            i
            for i in issues
            if not (i.code == "duplicate_entry" and (i.file, i.sheet, i.row) in kept_rows)
        ]
        frame = frame[~drop].reset_index(drop=True)
    return frame.drop(columns="_period", errors="ignore"), issues


def _compare_places(group, drop, issues: list[Issue]) -> None:
    """One entry key found in several sheets: the first place counts, the others repeat it or disagree."""
    first_src = group["_src"].iloc[0]
    first = group[group["_src"] == first_src]
    first_hours = sorted(first["hours"].round(6))
    where_first = f"{first['source_file'].iloc[0]} / {first['source_sheet'].iloc[0]} / row {first['source_row'].iloc[0]}"
    for other_src, other in group[group["_src"] != first_src].groupby("_src", sort=False):
        if sorted(other["hours"].round(6)) == first_hours:
            drop[other.index] = True
            for _, row in other.iterrows():
                issues.append(
                    Issue(
                        "duplicate_entry",
                        row["source_file"],
                        row["source_sheet"],
                        int(row["source_row"]),
                        severity="warning",
                        rejected=True,
                        params={"other": where_first},
                    )
                )
        else:
            row = other.iloc[0]
            issues.append(
                Issue(
                    "conflicting_entry",
                    row["source_file"],
                    row["source_sheet"],
                    int(row["source_row"]),
                    severity="warning",
                    params={
                        "other": where_first,
                        "a": _hours_text(other["hours"].sum()),
                        "b": _hours_text(first["hours"].sum()),
                    },
                )
            )


def _drop_summary_sheets(frame):
    """Sheets that total other sheets' rows (日別集計: 日付 | 氏名 | 工数 beside the 明細).

    A sheet whose project (or task) is blank on every row is a summary when, for each
    of its (person, date[, project]) keys, the rows that do name a project (or task)
    add up to exactly its hours. Counting it would count those hours twice: its rows are
    listed and left out. A sheet without projects whose hours are its own stays.
    """
    import numpy as np
    import pandas as pd

    issues: list[Issue] = []
    if frame.empty:
        return frame, issues
    blank = {}
    for k in ("project", "task"):
        values = frame[k].to_numpy(dtype=object)
        blank[k] = pd.isna(values) | (values == "")
    if not any(blank[k].any() and not blank[k].all() for k in blank):
        # no sheet can leave out what other rows name: nothing to compare (the usual case)
        return frame, issues
    if "period" in frame.columns:
        frame = frame.assign(_period=frame["period"].fillna("day"))
    codes, places = pd.factorize(frame["source_file"] + "\x00" + frame["source_sheet"])
    totals: dict[tuple, Any] = {}  # dims -> (finer rows, their sums by key): the same for every sheet
    drop = pd.Series(False, index=frame.index)
    for code in sorted(set(codes[blank["project"] | blank["task"]])):
        mine = codes == code
        dims = tuple(k for k in ("project", "task") if blank[k][mine].all())
        if not dims:
            continue
        key = ["person", "date"] + [k for k in ("project", "task") if k not in dims]
        if "period" in frame.columns:
            key.append("_period")
        if dims not in totals:
            # rows naming what such a sheet leaves out; a summary sheet never does
            named = np.zeros(len(frame), dtype=bool)
            for k in dims:
                named |= ~blank[k]
            finer = frame[named]
            totals[dims] = (finer, finer.groupby(key)["hours"].sum() if len(finer) else None)
        finer, others = totals[dims]
        if others is None:
            continue
        sums = frame[mine].groupby(key)["hours"].sum()
        matched = others.reindex(sums.index)
        if sums.empty or matched.isna().any() or ((matched - sums).abs() > 1e-6).any():
            continue
        drop |= mine
        parts = finer[finer.set_index(key).index.isin(sums.index)]
        sources = list(dict.fromkeys(zip(parts["source_file"], parts["source_sheet"])))
        other = " / ".join(sources[0]) + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")
        for row in frame[mine].drop_duplicates(["source_row"]).itertuples():
            issues.append(
                Issue(
                    "summary_rows",
                    row.source_file,
                    row.source_sheet,
                    int(row.source_row),
                    severity="warning",
                    rejected=True,
                    params={"other": other},
                )
            )
    if drop.any():
        frame = frame[~drop].reset_index(drop=True)
    return frame.drop(columns="_period", errors="ignore"), issues


def _month_entries_against_days(frame):
    """Sheets of month-level entries compared with the daily rows of the same person, month
    (and project, when the sheet names projects): all equal → a summary, listed and left out;
    some in common → both counted, with a warning per person × month × project."""
    import pandas as pd

    issues: list[Issue] = []
    if "period" not in frame.columns or frame.empty:
        return frame, issues
    monthly = (frame["period"] == "month").to_numpy()
    if not monthly.any() or monthly.all():
        return frame, issues
    days = frame[~monthly]
    drop = pd.Series(False, index=frame.index)
    for (file, sheet), mine in frame[monthly].groupby(["source_file", "source_sheet"], sort=False):
        key = ["person", "month"] + (["project"] if (mine["project"] != "").all() else [])
        sums = mine.groupby(key)["hours"].sum()
        daily = days.groupby(key)["hours"].sum()
        common = sums.index.intersection(daily.index)
        if not len(common):
            continue
        if len(common) == len(sums) and ((sums - daily.reindex(sums.index)).abs() <= 1e-6).all():
            drop[mine.index] = True
            where = days.set_index(key).index.isin(sums.index)
            sources = list(dict.fromkeys(zip(days.loc[where, "source_file"], days.loc[where, "source_sheet"])))
            other = " / ".join(sources[0]) + (f" (+{len(sources) - 1})" if len(sources) > 1 else "")
            for row in mine.drop_duplicates(["source_row"]).itertuples():
                issues.append(Issue("summary_rows", file, sheet, int(row.source_row), severity="warning", rejected=True,
                                    params={"other": other}))
            continue
        for k in common:
            k = k if isinstance(k, tuple) else (k,)
            first = mine[(mine[key] == pd.Series(k, index=key)).all(axis=1)].iloc[0]
            day_row = days[(days[key] == pd.Series(k, index=key)).all(axis=1)].iloc[0]
            issues.append(Issue("month_entries_overlap", file, sheet, int(first["source_row"]), severity="warning",
                                params={"person": k[0], "month": k[1], "project": k[2] if len(k) > 2 else "",
                                        "other": f"{day_row['source_file']} / {day_row['source_sheet']}"}))
    if drop.any():
        frame = frame[~drop].reset_index(drop=True)
    return frame, issues


def _key_in_two_sheets(frame, key: list[str]) -> bool:
    """Whether some entry key appears in more than one (file, sheet).

    A quick pass before the exact grouping: it may say yes for keys with a blank part
    (which the grouping then leaves out), never no when the grouping would find one.
    """
    import pandas as pd

    places = frame.groupby(["source_file", "source_sheet"], sort=False, dropna=False).ngroup().to_numpy()
    if len(places) == 0 or places.max() < 1:
        return False
    # one 64-bit hash per entry, in C; a key in two sheets gives one hash with two places.
    # Two different keys with the same hash can only make this say yes.
    hashes = pd.util.hash_pandas_object(frame[key], index=False).to_numpy()
    pairs = pd.DataFrame({"hash": hashes, "place": places}).drop_duplicates()
    return bool(pairs["hash"].duplicated().any())


def _missing_months(frame) -> list[Issue]:
    out = []
    import pandas as pd

    # the distinct (person, month) pairs in plain Python: grouping 300,000 rows of text
    # in pandas costs a second; persons in sorted order and no blank person, as groupby
    by_person: dict = {}
    for person, month in set(zip(frame["person"].tolist(), frame["month"].tolist())):
        if not pd.isna(person):
            by_person.setdefault(person, set()).add(month)
    for person in sorted(by_person):
        present = sorted(by_person[person])
        if len(present) < 2:
            continue
        y, m = map(int, present[0].split("-"))
        last = present[-1]
        have = set(present)
        while f"{y:04d}-{m:02d}" < last:
            label = f"{y:04d}-{m:02d}"
            if label not in have:
                out.append(
                    Issue("missing_month", scope="file", severity="warning", params={"person": person, "month": label})
                )
            m += 1
            if m == 13:
                y, m = y + 1, 1
    return out
