"""An invoice's dates: issued no later than today and no later than due; due not too far off."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ledgerkit.core.issues import Issue
from ledgerkit.rules.figures import as_date

__all__ = ["DEFAULT_MAX_DUE_DAYS", "check_issue_date", "check_due_date"]

#: a due date later than this many days after the issue date is reported (warning).
#: Payment terms in Japan run to 月末締め翌々月末 at the longest in ordinary trade
#: (about 90 days); 120 leaves room for that and flags typos such as a wrong year.
DEFAULT_MAX_DUE_DAYS = 120


def check_issue_date(issue: Any, due: Any = None, *, today: dt.date | None = None) -> list[Issue]:
    """An issue date must not be in the future, nor after the due date (errors).

    A date later this month is only a warning (``issue_date_ahead``): vendors often
    date an invoice on the closing day (月末) and send it a few days before.

    Examples:
        >>> d = dt.date
        >>> check_issue_date(d(2026, 10, 31), d(2026, 11, 30), today=d(2026, 11, 26))
        []
        >>> [f.code for f in check_issue_date(d(2026, 12, 1), d(2026, 11, 30), today=d(2026, 11, 26))]
        ['issue_date_future', 'issue_after_due']
        >>> [(f.code, f.severity) for f in check_issue_date(d(2026, 11, 30), None, today=d(2026, 11, 26))]
        [('issue_date_ahead', 'warning')]
    """
    issue, due = as_date(issue), as_date(due)
    today = today or dt.date.today()
    out: list[Issue] = []
    if issue is None:
        return out
    if issue > today:
        # later this month: dated on the closing day and sent early (a warning); a later
        # month: an error
        ahead = (issue.year, issue.month) == (today.year, today.month)
        out.append(
            Issue(
                "issue_date_ahead" if ahead else "issue_date_future",
                severity="warning" if ahead else "error",
                params={"issue": issue.isoformat(), "today": today.isoformat()},
                field="issue_date",
                value=issue.isoformat(),
                expected=f"<= {today.isoformat()}",
            )
        )
    if due is not None and issue > due:
        out.append(
            Issue(
                "issue_after_due",
                severity="error",
                params={"issue": issue.isoformat(), "due": due.isoformat()},
                field="due_date",
                value=due.isoformat(),
                expected=f">= {issue.isoformat()}",
            )
        )
    return out


def check_due_date(issue: Any, due: Any, *, max_days: int = DEFAULT_MAX_DUE_DAYS) -> Issue | None:
    """A due date more than ``max_days`` after the issue date is unusual (warning).

    Examples:
        >>> check_due_date(dt.date(2026, 10, 31), dt.date(2026, 12, 31)) is None
        True
        >>> check_due_date(dt.date(2026, 10, 31), dt.date(2027, 11, 30)).params["days"]
        395
    """
    issue, due = as_date(issue), as_date(due)
    if issue is None or due is None:
        return None
    days = (due - issue).days
    if days <= max_days:
        return None
    return Issue(
        "due_too_far",
        severity="warning",
        params={"issue": issue.isoformat(), "due": due.isoformat(), "days": days, "max": max_days},
        field="due_date",
        value=due.isoformat(),
        expected=f"<= {(issue + dt.timedelta(days=max_days)).isoformat()}",
    )
