"""The actuals a budget is compared with (hours and invoices, read by :mod:`ledgerkit.budget.inputs`):
the parts of them that fall in the budget's period, and what cannot be placed, listed."""

from __future__ import annotations

import functools
from typing import Any

from ledgerkit.budget.columns import MONTH_BASIS_LABELS, PURCHASE_COLUMNS
from ledgerkit.budget.labels import _yen_text
from ledgerkit.core.issues import Issue
from ledgerkit.parse.months import month_label
from ledgerkit.parse.text import normalize_text


@functools.lru_cache(maxsize=65536)
def _normalized(v: Any) -> str:
    return normalize_text(v)


def _hours_in_period(hframe, period_start: str, period_end: str, through: str | None, issues: list[Issue]):
    """The hours that count: with a project, in the budget period, up to ``through``; the rest listed."""
    hframe = hframe.copy()
    hframe["project"] = hframe["project"].map(_normalized)
    no_project = hframe["project"] == ""
    if no_project.any():
        issues.append(Issue("budget_hours_no_project", scope="file", severity="warning",
                            params={"count": int(no_project.sum()), "hours": f"{hframe.loc[no_project, 'hours'].sum():g}"}))
        hframe = hframe[~no_project]
    outside = (hframe["month"] < period_start) | (hframe["month"] > period_end)
    if outside.any():
        issues.append(Issue("budget_hours_outside", scope="file", severity="info",
                            params={"count": int(outside.sum()), "hours": f"{hframe.loc[outside, 'hours'].sum():g}",
                                    "start": period_start, "end": period_end}))
        hframe = hframe[~outside]
    if through is not None:
        later = hframe["month"] > through
        if later.any():
            issues.append(Issue("budget_after_through", scope="file", severity="info",
                                params={"count": int(later.sum()), "what": f"{hframe.loc[later, 'hours'].sum():g}h",
                                        "through": through}))
            hframe = hframe[~later]
    return hframe


def _purchases(frame, period_start: str, period_end: str, through: str | None, issues: list[Issue]):
    """Invoice net amounts by project and the month of the work (対象月, else 取引年月日 / 計上月,
    else the issue date: ``month_basis``); what cannot be placed is listed, and how many were
    booked by each basis is said once."""
    import pandas as pd

    records = []
    later_count, later_yen = 0, 0
    outside_count, outside_yen = 0, 0
    if len(frame) and ("project" not in frame.columns
                       or all(_na(v) or not normalize_text(v) for v in frame["project"])):
        # lists without a 案件 column (or with it empty throughout): one line, not one per invoice
        total = sum(int(v) for v in frame["net"] if not _na(v)) if "net" in frame.columns else 0
        issues.append(Issue("budget_invoices_no_project_column", scope="file", severity="warning",
                            params={"count": len(frame), "net": _yen_text(total)}))
        return pd.DataFrame.from_records(records, columns=PURCHASE_COLUMNS)
    for row in frame.to_dict("records"):
        src = (str(row.get("source_file", "") or ""), str(row.get("source_sheet", "") or ""),
               int(row["source_row"]) if "source_row" in row and not pd.isna(row["source_row"]) else None)
        net = row.get("net")
        project = normalize_text(row.get("project", "")) if not _na(row.get("project")) else ""
        number = "" if _na(row.get("invoice_no")) else str(row.get("invoice_no", ""))
        if _na(net):
            issues.append(Issue("budget_invoice_no_net", *src, value=number, severity="warning",
                                params={"invoice_no": number}))
            continue
        net = int(net)
        if not project:
            issues.append(Issue("budget_invoice_no_project", *src, value=number, severity="warning",
                                params={"invoice_no": number, "net": _yen_text(net)}))
            continue
        month, basis = _month_of_work(row)
        if month is None:
            issues.append(Issue("budget_invoice_no_date", *src, value=number, severity="warning",
                                params={"invoice_no": number, "net": _yen_text(net)}))
            continue
        if month < period_start or month > period_end:
            outside_count, outside_yen = outside_count + 1, outside_yen + net
            continue
        if through is not None and month > through:
            later_count, later_yen = later_count + 1, later_yen + net
            continue
        issued = row.get("issue_date")
        records.append({"project": project, "month": month, "month_basis": basis, "net": net, "invoice_no": number,
                        "vendor": "" if _na(row.get("vendor")) else str(row.get("vendor")),
                        "issue_date": None if _na(issued) else pd.Timestamp(issued).date(),
                        "source_file": src[0], "source_sheet": src[1], "source_row": src[2]})
    if outside_count:
        issues.append(Issue("budget_invoices_outside", scope="file", severity="info",
                            params={"count": outside_count, "net": _yen_text(outside_yen),
                                    "start": period_start, "end": period_end}))
    if later_count:
        issues.append(Issue("budget_after_through", scope="file", severity="info",
                            params={"count": later_count, "what": f"{_yen_text(later_yen)}円", "through": through}))
    purchases = pd.DataFrame.from_records(records, columns=PURCHASE_COLUMNS)
    if len(purchases):
        issues.append(_basis_note(purchases))
    return purchases


def _month_of_work(row: dict) -> tuple[str | None, str]:
    """(the month a line is booked in, what it came from): the invoice frame's ``month`` with its
    ``month_basis``; a frame without them, the issue date's month."""
    import pandas as pd

    basis = "" if _na(row.get("month_basis")) else str(row.get("month_basis") or "")
    if not _na(row.get("month")) and str(row.get("month") or ""):
        return str(row["month"])[:7], basis or _issue_or_given(row)
    if not _na(row.get("issue_date")):
        d = pd.Timestamp(row["issue_date"])
        return month_label(d.year, d.month), "issue"
    return None, ""


def _issue_or_given(row: dict) -> str:
    """A frame without ``month_basis``: its month is the issue date's when they agree, else given."""
    import pandas as pd

    issued = row.get("issue_date")
    if _na(issued):
        return "given"
    d = pd.Timestamp(issued)
    return "issue" if str(row["month"])[:7] == month_label(d.year, d.month) else "given"


def _basis_note(purchases) -> Issue:
    """How many invoice lines were booked by each basis (the report says which month was used)."""
    counts = purchases["month_basis"].value_counts()
    order = [b for b in MONTH_BASIS_LABELS if b in counts.index]
    ja = "、".join(f"{MONTH_BASIS_LABELS[b][0]} {int(counts[b])} 件" for b in order)
    en = ", ".join(f"{MONTH_BASIS_LABELS[b][1]} {int(counts[b])}" for b in order)
    return Issue("budget_purchase_month", scope="file", severity="info", params={"counts": ja, "counts_en": en})


def _na(v: Any) -> bool:
    if v is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(v))
    except (TypeError, ValueError):
        return False
