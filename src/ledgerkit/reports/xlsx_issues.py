"""The Issues sheet of an Excel report: one row per issue, errors red and warnings yellow."""

from __future__ import annotations

from typing import Any, Iterable

from ledgerkit.core.issues import issues_frame
from ledgerkit.core.messages import text
from ledgerkit.reports.labels import SCOPE_LABELS, SEVERITY_LABELS, _pick, heading, sheet_name
from ledgerkit.reports.xlsx_sheet import TableRef


class IssuesMixin:
    """:meth:`add_issues` of :class:`~ledgerkit.reports.xlsx_report.XlsxReport`."""

    def add_issues(self, issues: Iterable[Any], lang: str | None = None, *, name: str | None = None) -> TableRef:
        """The Issues sheet: one row per issue, errors red and warnings yellow.

        Columns: severity, scope, message, source_file, source_sheet, source_row,
        column, value, code (headings in the report's language).
        """
        lang = lang or self.lang
        issues = list(issues)
        frame = issues_frame(issues, lang)
        frame = frame[["severity", "scope", "message", "source_file", "source_sheet",
                       "source_row", "column", "value", "code"]].copy()
        severities = frame["severity"].tolist()
        frame["severity"] = [_pick(SEVERITY_LABELS[s], lang) if s in SEVERITY_LABELS else s for s in severities]
        frame["scope"] = [_pick(SCOPE_LABELS[s], lang) if s in SCOPE_LABELS else s for s in frame["scope"].tolist()]
        sheet = name or sheet_name("issues", lang)
        for i, sev in enumerate(severities):
            if sev in ("error", "warning"):
                for c in range(frame.shape[1]):
                    self.highlight(sheet, i, c, sev)
        headings = {c: heading(c, lang) for c in frame.columns}
        formats = {c: "text" for c in frame.columns}
        formats["source_row"] = "rowno"
        # an empty sheet says so on paper, not a bare header row
        title = None if issues else text("report_issues_none", lang)
        return self.add_table(sheet, frame, formats=formats, headings=headings, title=title)

