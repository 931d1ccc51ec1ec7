"""Findings: the Issues of a check as a frame with :data:`FINDING_COLUMNS`, and their counts.

A finding is an :class:`~ledgerkit.core.issues.Issue`: a rule of :mod:`ledgerkit.rules`
broken (placed at its file, sheet, row, column and document number), or a row the reader
could not use (with the reader's code as the rule).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Iterable

from ledgerkit.checks.values import get
from ledgerkit.core.issues import Issue

__all__ = ["FINDING_COLUMNS", "FIELD_LABEL", "checked_issues", "reading_findings", "finding_record", "findings_frame",
           "summary_counts", "place"]

#: the columns of a findings table, in order
FINDING_COLUMNS = [
    "rule",
    "severity",
    "message",
    "source_file",
    "source_sheet",
    "source_row",
    "column",
    "invoice_no",
    "value",
    "expected",
    "field",
]

#: reading issues that become findings in a check, with the severity they get there
#: a blank 消費税 / 税込 is a warning while aggregating (the row is kept) but an error for a check:
#: a qualified invoice states its tax per rate (DOMAIN.md §3.1)
_ISSUE_SEVERITY = {"duplicate_invoice": "error", "invoice_conflict": "error", "tax_missing": "error",
                   "total_missing": "error"}

#: a field as a person calls it: a finding's column when the list names none
FIELD_LABEL = {
    "tax": "消費税", "net": "税抜金額", "total": "税込金額", "registration_no": "登録番号", "issue_date": "発行日",
    "due_date": "支払期日", "po_no": "注文番号", "vendor": "取引先", "invoice_total": "税込合計",
    "amount": "金額", "subtotal": "小計", "payment_due": "支払期日", "order_date": "発注日",
    "item": "品名", "delivery_date": "納期", "delivery_place": "納品場所", "payment_method": "支払方法",
    "withholding": "源泉税", "payment": "差引支払額",
}


def checked_issues(issues: Iterable[Issue]) -> list[Issue]:
    """The readers' issues as a check sees them: errors and warnings with the check's severity
    (a blank 消費税 is an error here) and the invoice number a duplicate names as their ``ref``;
    the others (info) as they are."""
    out = []
    for i in issues:
        if i.severity not in ("error", "warning"):
            out.append(i)
            continue
        ref = i.ref or (str(i.params.get("invoice_no", "")) if i.params else "")
        out.append(replace(i, severity=_ISSUE_SEVERITY.get(i.code, i.severity), params=dict(i.params), ref=ref))
    return out


def reading_findings(issues: Iterable[Issue]) -> list[Issue]:
    """The readers' errors and warnings as findings (info issues are left out), with the
    check's severity (see :func:`checked_issues`). A file left out with a warning (ledgerkit's
    own report, a lock file) is about the input, not about an invoice: it stays in the issues
    and on the terminal, not among the findings."""
    issues = list(issues)
    return [c for i, c in zip(issues, checked_issues(issues))
            if i.severity == "error" or (i.severity == "warning" and i.scope != "file")]


def finding_record(finding: Issue, lang: str = "ja") -> dict:
    """A finding as a flat dict with the columns of :data:`FINDING_COLUMNS`."""
    return {
        "rule": finding.code,
        "severity": finding.severity,
        "message": finding.message(lang),
        "source_file": finding.file,
        "source_sheet": finding.sheet,
        "source_row": finding.row,
        "column": finding.column,
        "invoice_no": finding.ref,
        "value": finding.value,
        # an expectation in words may be given in both languages: {"ja": ..., "en": ...}
        "expected": finding.expected_text(lang),
        "field": finding.field,
    }


def findings_frame(findings: Iterable[Issue], lang: str = "ja"):
    """Findings as a frame with :data:`FINDING_COLUMNS`, in file/sheet/row order.

    Examples:
        >>> f = findings_frame([Issue("total_mismatch", "a.xlsx", "S", 3, severity="error",
        ...                           params={"total": "1", "net": "1", "tax": "1", "expected": "2"})])
        >>> f.loc[0, "rule"], f.loc[0, "severity"], int(f.loc[0, "source_row"])
        ('total_mismatch', 'error', 3)
    """
    import pandas as pd

    findings = list(findings)
    # files in name order (the order they are read in), sheets in the order met, then Excel rows
    sheets: dict[tuple[str, str], int] = {}
    for f in findings:
        sheets.setdefault((f.file, f.sheet), len(sheets))
    findings.sort(key=lambda f: (f.file, sheets[(f.file, f.sheet)], f.row if f.row is not None else 0))
    frame = pd.DataFrame.from_records([finding_record(f, lang) for f in findings], columns=FINDING_COLUMNS)
    frame["source_row"] = frame["source_row"].astype("Int64")
    return frame


def summary_counts(findings) -> dict[str, int]:
    """``{"error": n, "warning": m}`` for a findings frame."""
    counts = findings["severity"].value_counts().to_dict() if len(findings) else {}
    return {"error": int(counts.get("error", 0)), "warning": int(counts.get("warning", 0))}


def place(finding: Issue | None, row, column: str = "") -> Issue | None:
    """A rule's finding placed at the invoice ``row`` it is about (None stays None).

    The column is the header the figure came from (``_col_<field>``), else the field
    as a person calls it; the document is the row's invoice number.
    """
    if finding is None:
        return None
    col = column or get(row, f"_col_{finding.field}", "") or FIELD_LABEL.get(finding.field, finding.field)
    return finding.at(
        file=str(get(row, "source_file", "")),
        sheet=str(get(row, "source_sheet", "")),
        row=int(get(row, "source_row")) if get(row, "source_row") is not None else None,
        column=col,
        ref=str(get(row, "invoice_no", "")),
    )
