"""Effort hours summed up: totals by project, person, month."""

from __future__ import annotations

from ledgerkit.core.errors import InputError


def summarize_hours(frame, by=("project", "person", "month")):
    """Total hours by the ``by`` fields: the last one across, the others down.

    Examples:
        >>> import pandas as pd
        >>> f = pd.DataFrame({"project": ["A", "A", "B"], "month": ["2026-10", "2026-11", "2026-10"],
        ...                   "hours": [1.5, 2.0, 4.0]})
        >>> summarize_hours(f, by=["project", "month"]).to_dict("index")
        {'A': {'2026-10': 1.5, '2026-11': 2.0}, 'B': {'2026-10': 4.0, '2026-11': 0.0}}
    """
    by = list(by)
    unknown = [b for b in by if b not in frame.columns]
    if unknown:
        raise InputError(f"--by: no column {', '.join(unknown)} (columns: {', '.join(map(str, frame.columns))})")
    if len(by) == 1:
        out = frame.groupby(by, sort=True)["hours"].sum().to_frame("hours")
        out.columns.name = None
        return out
    pivot = frame.pivot_table(index=by[:-1], columns=by[-1], values="hours", aggfunc="sum", fill_value=0.0, sort=True)
    pivot.columns = [str(c) for c in pivot.columns]
    return pivot
