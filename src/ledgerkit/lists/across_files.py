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

from ledgerkit.core.issues import Issue, location_param
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


def _where(row) -> dict[str, str]:
    return location_param(row["source_file"], row["source_sheet"], int(row["source_row"]))


def _plain(v: Any) -> Any:
    """A value as rows are compared: missing values alike, dates as dates, floats to the 6th place."""
    if v is None:
        return None
    if not isinstance(v, (str, bytes)):
        try:
            if v != v:
                return None
        except TypeError:
            # pandas' NA: neither equal nor unequal to itself
            return None
    if hasattr(v, "to_pydatetime"):
        v = v.to_pydatetime()
    if isinstance(v, dt.datetime) and v.time() == dt.time(0):
        return v.date()
    if isinstance(v, float):
        return round(v, 6)
    return v


class _Rows:
    """The frame's rows as plain values (by position), for comparing many rows without pandas' per-cell cost."""

    def __init__(self, frame, names: list[str]):
        self.names = names
        self.cols = {c: frame[c].tolist() for c in {*names, "source_file", "source_sheet", "source_row"}}

    def row(self, i: int) -> dict[str, Any]:
        return {c: v[i] for c, v in self.cols.items()}

    def values(self, rows: list[int]) -> list[str]:
        """The rows' field values, order aside (the same rows in another order are the same rows)."""
        return sorted(repr(tuple(_plain(self.cols[n][i]) for n in self.names)) for i in rows)


def _repeats(frame, spec: KindSpec) -> tuple[Any, list[Issue]]:
    key = list(spec.key)
    issues: list[Issue] = []
    repeated = frame.duplicated(subset=key, keep=False).tolist()
    if not any(repeated):
        return frame, issues
    rows = _Rows(frame, list(spec.names))
    keys = [frame[k].tolist() for k in key]
    # the rows of each key (in the order first seen), by the sheet they are in
    groups: dict[tuple, dict[tuple, list[int]]] = {}
    for i in (i for i, r in enumerate(repeated) if r):
        group = groups.setdefault(tuple(str(_plain(k[i])) for k in keys), {})
        group.setdefault((rows.cols["source_file"][i], rows.cols["source_sheet"][i]), []).append(i)
    drop: list[int] = []
    label = ", ".join(spec.field(k).heading() for k in key)
    for places in groups.values():
        for at in places.values():
            # the same key twice in one sheet: two rows, named
            first = rows.cols["source_row"][at[0]]
            issues.extend(Issue("list_key_repeated", rows.cols["source_file"][i], rows.cols["source_sheet"][i],
                                int(rows.cols["source_row"][i]), severity="warning",
                                params={"key": label, "row": int(first)}) for i in at[1:])
        first_at, *others = places.values()
        first_values = rows.values(first_at)
        first = rows.row(first_at[0])
        for at in others:
            if rows.values(at) == first_values:
                drop.extend(at)
                issues.extend(Issue("list_duplicate_row", rows.cols["source_file"][i], rows.cols["source_sheet"][i],
                                    int(rows.cols["source_row"][i]), severity="warning", rejected=True,
                                    params={"other": _where(first), "key": label}) for i in at)
            else:
                row = rows.row(at[0])
                # the first rows alike, the sheets holding the key a different number of times
                diff = _diff(first, row, spec) or {"ja": f"行数 {len(at)} / {len(first_at)}",
                                                   "en": f"rows {len(at)} / {len(first_at)}"}
                issues.append(Issue("list_conflicting_row", row["source_file"], row["source_sheet"], int(row["source_row"]),
                                    severity="warning", params={"other": _where(first), "key": label, "diff": diff}))
    if drop:
        frame = frame.drop(index=frame.index[drop]).reset_index(drop=True)
    return frame, issues


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
    rows = None
    for f in fields:
        if not f.unique or f.name not in frame.columns:
            continue
        rows = rows or _Rows(frame, [])
        first_of: dict[str, int] = {}
        for i, v in enumerate(frame[f.name].tolist()):
            v = _plain(v)
            if v is None:
                continue
            first = first_of.setdefault(repr(v), i)
            if first == i:
                continue
            row = rows.row(i)
            issues.append(Issue("list_not_unique", row["source_file"], row["source_sheet"], int(row["source_row"]),
                                column=f.heading(), value=str(v), severity="error", field=f.name,
                                params={"field": f.heading(), "value": str(v), "other": _where(rows.row(first))}))
    return issues
