"""A declared list across all its files: the same row saved twice, rows that disagree, values that must be unique.

``key`` names what identifies a row (``branch,month``: one figure per branch and month):

* a row whose key is found again in **another** sheet or file with the same values — a
  copy saved "just in case", a month sent twice — is counted once; the repeat is listed
  and not consolidated;
* the same key with other values in another sheet or file is kept in both places and
  listed for a person to settle (ledgerkit cannot know which is right);
* the same key twice in one sheet is two rows (a sheet lists what it lists), named so a
  person can look.

A field declared ``unique`` (a 管理番号, an 資産番号) may appear once in all the files; each
repeat is an error naming the first. Without a ``key`` nothing is dropped.

Examples:
    >>> import pandas as pd
    >>> from ledgerkit.kinds.declared import FieldSpec, KindSpec
    >>> spec = KindSpec("s", fields=(FieldSpec("branch"), FieldSpec("amount", "yen")), key=("branch",))
    >>> frame = pd.DataFrame({"branch": ["東京", "大阪", "東京"], "amount": [100, 200, 100],
    ...                       "source_file": ["a.xlsx", "a.xlsx", "b.xlsx"], "source_sheet": ["s"] * 3,
    ...                       "source_row": [2, 3, 2]})
    >>> out, issues = finish_list(frame, [], spec)
    >>> out["branch"].tolist(), [(i.code, i.file, i.row, i.rejected) for i in issues]
    (['東京', '大阪'], [('list_duplicate_row', 'b.xlsx', 2, True)])
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.intake.files import looks_like_copy
from ledgerkit.kinds.declared import KindSpec

__all__ = ["ListFinish", "finish_list", "check_unique"]


@dataclass(frozen=True)
class ListFinish:
    """The finishing of a declared kind, as ``gather`` calls it: ``finish(frame, issues, config)``."""

    spec: KindSpec

    def __call__(self, frame, issues: list[Issue], config=None):
        return finish_list(frame, issues, self.spec)


def finish_list(frame, issues: list[Issue], spec: KindSpec):
    """Repeats dropped, disagreements and non-unique values listed, rows in ``spec.sort`` order."""
    issues = list(issues)
    if frame.empty:
        return frame, issues
    # originals before their copies (売上.xlsx before 売上(1).xlsx): the copy's rows are the repeats
    copies = frame["source_file"].map({f: looks_like_copy(Path(str(f)).stem) for f in frame["source_file"].unique()})
    frame = frame.assign(_copy=copies).sort_values("_copy", kind="stable").drop(columns="_copy").reset_index(drop=True)
    if spec.key:
        frame, found = _repeats(frame, spec)
        issues.extend(found)
    issues.extend(check_unique(frame, spec.fields))
    if spec.sort:
        frame = frame.sort_values([*spec.sort, "source_file", "source_row"], kind="stable", na_position="last")
    # the fields, the columns only some files have, then where each row came from
    provenance = ["source_file", "source_sheet", "source_row"]
    order = [*spec.names, *(c for c in frame.columns if c not in spec.names and c not in provenance), *provenance]
    return frame[[c for c in order if c in frame.columns]].reset_index(drop=True), issues


def _where(row) -> str:
    return f"{row['source_file']} / {row['source_sheet']} / row {int(row['source_row'])}"


def _plain(v: Any) -> Any:
    """A value as rows are compared: missing values alike, dates as dates, floats to the 6th place."""
    if v is None or (not isinstance(v, (str, bytes)) and v != v):
        return None
    if hasattr(v, "to_pydatetime"):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    if isinstance(v, float):
        return round(v, 6)
    return v


def _repeats(frame, spec: KindSpec) -> tuple[Any, list[Issue]]:
    key = list(spec.key)
    names = list(spec.names)
    issues: list[Issue] = []
    candidates = frame[frame.duplicated(subset=key, keep=False)]
    if candidates.empty:
        return frame, issues
    drop: list[int] = []
    label = ", ".join(spec.field(k).heading() for k in key)
    for _, group in candidates.groupby([candidates[k].map(_plain).astype(str) for k in key], sort=False):
        places: dict[tuple, list[int]] = {}
        for i, row in group.iterrows():
            places.setdefault((row["source_file"], row["source_sheet"]), []).append(i)
        for at in places.values():
            # the same key twice in one sheet: two rows, named
            first = frame.loc[at[0]]
            for i in at[1:]:
                row = frame.loc[i]
                issues.append(Issue("list_key_repeated", row["source_file"], row["source_sheet"], int(row["source_row"]),
                                    severity="warning", params={"key": label, "row": int(first["source_row"])}))
        first_at, *others = places.values()
        first_values = sorted(map(repr, _values(frame, first_at, names)))
        first = frame.loc[first_at[0]]
        for at in others:
            if sorted(map(repr, _values(frame, at, names))) == first_values:
                drop.extend(at)
                issues.extend(Issue("list_duplicate_row", frame.at[i, "source_file"], frame.at[i, "source_sheet"],
                                    int(frame.at[i, "source_row"]), severity="warning", rejected=True,
                                    params={"other": _where(first), "key": label}) for i in at)
            else:
                row = frame.loc[at[0]]
                issues.append(Issue("list_conflicting_row", row["source_file"], row["source_sheet"], int(row["source_row"]),
                                    severity="warning",
                                    params={"other": _where(first), "key": label, "diff": _diff(first, row, spec)}))
    if drop:
        frame = frame.drop(index=drop).reset_index(drop=True)
    return frame, issues


def _values(frame, rows: list[int], names: list[str]) -> list[tuple]:
    return [tuple(_plain(frame.at[i, n]) for n in names) for i in rows]


def _diff(a, b, spec: KindSpec) -> str:
    """The fields two rows disagree on: ``売上 1200000 / 1150000``."""
    parts = []
    for f in spec.fields:
        x, y = _plain(a[f.name]), _plain(b[f.name])
        if x != y:
            parts.append(f"{f.heading()} {'' if y is None else y} / {'' if x is None else x}")
    return "; ".join(parts)


def check_unique(frame, fields) -> list[Issue]:
    """An error for each repeat of a value of a field declared ``unique``, naming the first row with it."""
    issues: list[Issue] = []
    for f in fields:
        if not f.unique or f.name not in frame.columns:
            continue
        values = frame[f.name].map(_plain)
        present = values.notna()
        repeated = values[present].duplicated(keep="first")
        if not repeated.any():
            continue
        first_of = {}
        for i, v in values[present].items():
            first_of.setdefault(repr(v), i)
        for i in repeated[repeated].index:
            row, first = frame.loc[i], frame.loc[first_of[repr(values[i])]]
            issues.append(Issue("list_not_unique", row["source_file"], row["source_sheet"], int(row["source_row"]),
                                column=f.heading(), value=str(values[i]), severity="error", field=f.name,
                                params={"field": f.heading(), "value": str(values[i]), "other": _where(first)}))
    return issues
