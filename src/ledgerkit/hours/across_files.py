"""Effort hours across all files: the checks that need every sheet's rows.

The same entry saved twice, two places that disagree, summary sheets that total the others,
and months missing in a person's run.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from ledgerkit.config.loading import Config
from ledgerkit.core.issues import Issue, location_param
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
    frame, found = _fuller_names(frame)
    issues.extend(found)
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


def _fuller_names(frame):
    """One person per name within a file: a sheet whose person is a name the file's name holds
    (田中, taken from ``工数_2026年10月_田中.xlsx``) beside a sheet of the same file naming exactly
    one person who starts with it (田中一郎, in a 氏名 cell) is that person — a hidden sheet
    read with ``--include-hidden`` split 田中一郎's month in two. Listed (info) for each file.
    """
    pairs = frame[["source_file", "person"]].drop_duplicates()
    rename: dict[tuple[str, str], str] = {}
    for file, people in pairs.groupby("source_file", sort=False)["person"]:
        names = [p for p in people if isinstance(p, str) and p]
        if len(names) < 2:
            continue
        stem = unicodedata.normalize("NFKC", Path(str(file)).stem)
        for short in names:
            longer = [n for n in names if n != short and re.sub(r"\s", "", n).startswith(re.sub(r"\s", "", short))]
            if len(longer) == 1 and short in stem:
                rename[(file, short)] = longer[0]
    if not rename:
        return frame, []
    keys = list(zip(frame["source_file"], frame["person"]))
    frame = frame.assign(person=[rename.get(k, k[1]) for k in keys])
    return frame, [Issue("person_fuller_name", file, scope="file", severity="info",
                         params={"short": short, "full": full}) for (file, short), full in rename.items()]


def _drop_repeats(frame, issues: list[Issue]):
    """Entries found again in another sheet: a repeat is dropped and listed, a disagreement listed.

    Linear in rows + findings (issue 17): the entries are grouped by one 64-bit hash of their
    key (checked against the keys themselves, so a collision only costs the exact grouping),
    each group's places compared with its first place by sorting the rounded hours, all in
    numpy; Python touches only the findings it writes.
    """
    key = ["person", "date", "project", "task"]
    if "period" in frame.columns:
        # a month's entry (a WBS, dated the 1st) is never the repeat of a day's entry
        frame = frame.assign(_period=frame["period"].fillna("day"))
        key.append("_period")
    groups = _repeat_groups(frame, key)
    if groups is not None:
        drop, found = _compare_places(frame, *groups)
        issues = issues + found
        if drop.any():
            issues = _without_kept_repeats(frame, drop, issues)
            frame = frame[~drop].reset_index(drop=True)
    return frame.drop(columns="_period", errors="ignore"), issues


def _repeat_groups(frame, key: list[str]):
    """``(rows, group, place)`` of the entries whose key is found in more than one sheet, in
    frame order, with groups numbered by first appearance; None when there are none.

    Keys with a blank (NA) part are left out, as a grouping leaves them out.
    """
    import pandas as pd

    if frame.empty:
        return None
    places = frame.groupby(["source_file", "source_sheet"], sort=False, dropna=False).ngroup().to_numpy()
    if places.max() < 1:
        return None
    valid = frame[key].notna().all(axis=1).to_numpy()
    ids = pd.util.hash_pandas_object(frame[key], index=False).to_numpy()
    found = _multi_place(ids, places, valid)
    if found is None:
        return None
    rows, group = found
    if not _same_keys(frame, key, rows, group):
        # two keys with one hash (about one chance in 10^9 per run): group by the keys themselves
        exact = frame[key].groupby(key, sort=False, dropna=True).ngroup().to_numpy()
        found = _multi_place(exact.astype("int64"), places, valid & (exact >= 0))
        if found is None:
            return None
        rows, group = found
    return rows, group, places[rows]


def _multi_place(ids, places, valid):
    """Rows (positions) whose id is found in two or more places, and their group number."""
    import numpy as np
    import pandas as pd

    pairs = pd.DataFrame({"id": ids[valid], "place": places[valid]}).drop_duplicates()
    many = pairs["id"].duplicated(keep=False).to_numpy()
    if not many.any():
        return None
    wanted = pd.unique(pairs["id"].to_numpy()[many])
    rows = np.flatnonzero(valid & pd.Series(ids).isin(wanted).to_numpy())
    group, _ = pd.factorize(ids[rows])  # numbered by first appearance
    return rows, group.astype("int64")


def _same_keys(frame, key: list[str], rows, group) -> bool:
    """Whether every row of a group has its group's first key (no hash collision)."""
    import numpy as np

    first = np.empty(group.max() + 1, dtype="int64")
    first[group[::-1]] = np.arange(len(group))[::-1]
    lead = first[group]
    for k in key:
        values = frame[k].to_numpy()[rows]
        if not bool(np.all(values == values[lead])):
            return False
    return True


def _compare_places(frame, rows, group, place):
    """Each group's first place counts; another place with the same hours (sorted, to 6 decimals)
    repeats it — its rows dropped and listed — and one with other hours disagrees (listed once).

    Returns the rows to drop (a boolean array over the frame) and the findings, in the order of
    the groups' first rows, then of each group's places, then of the rows.
    """
    import numpy as np
    import pandas as pd

    n_groups = int(group.max()) + 1
    hours = frame["hours"].to_numpy(dtype="float64")[rows]
    rounded = np.round(hours, 6)
    bucket, _ = pd.factorize(group * (int(place.max()) + 1) + place)  # (group, place), by first appearance
    n_buckets = int(bucket.max()) + 1
    size = np.bincount(bucket, minlength=n_buckets)
    total = np.bincount(bucket, weights=hours, minlength=n_buckets)
    first_row = np.empty(n_buckets, dtype="int64")
    first_row[bucket[::-1]] = np.arange(len(bucket))[::-1]
    bucket_group = group[first_row]
    lead = np.empty(n_groups, dtype="int64")  # each group's first bucket
    lead[bucket_group[::-1]] = np.arange(n_buckets)[::-1]
    # the multiset of hours of each bucket against its group's first: sorted, compared rank by rank
    order = np.lexsort((rounded, bucket))
    start = np.concatenate(([0], np.cumsum(size)[:-1]))
    ranked = rounded[order]
    rank = np.arange(len(order)) - start[bucket[order]]
    mine = lead[bucket_group[bucket[order]]]
    comparable = (size[bucket[order]] == size[mine])
    against = ranked[start[mine] + np.where(comparable, rank, 0)]
    differs = np.zeros(n_buckets, dtype=bool)
    np.logical_or.at(differs, bucket[order], ~comparable | (ranked != against))
    others = np.setdiff1d(np.arange(n_buckets), lead, assume_unique=True)
    # in order: the groups by first appearance, their places by first appearance (bucket numbers
    # are already in that order within a group), the rows by position
    others = others[np.lexsort((others, bucket_group[others]))]
    drop = np.zeros(len(frame), dtype=bool)
    repeats = np.zeros(n_buckets, dtype=bool)
    repeats[others[~differs[others]]] = True
    drop[rows[repeats[bucket]]] = True
    by_bucket = np.argsort(bucket, kind="stable")
    bucket_start = np.concatenate(([0], np.cumsum(size)))
    files = frame["source_file"].to_numpy()
    sheets = frame["source_sheet"].to_numpy()
    numbers = frame["source_row"].to_numpy()
    found: list[Issue] = []
    where: dict[int, dict[str, str]] = {}
    for b in others.tolist():
        g = int(bucket_group[b])
        if g not in where:
            r0 = rows[first_row[lead[g]]]
            where[g] = location_param(files[r0], sheets[r0], int(numbers[r0]))
        if repeats[b]:
            for r in rows[by_bucket[bucket_start[b]:bucket_start[b + 1]]].tolist():
                found.append(Issue("duplicate_entry", files[r], sheets[r], int(numbers[r]), severity="warning",
                                   rejected=True, params={"other": where[g]}))
        else:
            r = rows[first_row[b]]
            found.append(Issue("conflicting_entry", files[r], sheets[r], int(numbers[r]), severity="warning",
                               params={"other": where[g], "a": _hours_text(total[b]),
                                       "b": _hours_text(total[lead[g]])}))
    return drop, found


def _without_kept_repeats(frame, drop, issues: list[Issue]) -> list[Issue]:
    """A grid row keeps its place when only some of its entries were repeats: no duplicate_entry for it."""
    triples = zip(frame["source_file"].to_numpy()[drop].tolist(), frame["source_sheet"].to_numpy()[drop].tolist(),
                  frame["source_row"].to_numpy()[drop].tolist())
    dropped = set(triples)
    kept = ~drop
    kept_rows = {t for t in zip(frame["source_file"].to_numpy()[kept].tolist(),
                                frame["source_sheet"].to_numpy()[kept].tolist(),
                                frame["source_row"].to_numpy()[kept].tolist()) if t in dropped}
    if not kept_rows:
        return issues
    return [i for i in issues if not (i.code == "duplicate_entry" and (i.file, i.sheet, i.row) in kept_rows)]


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
