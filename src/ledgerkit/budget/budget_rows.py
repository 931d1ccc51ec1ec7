"""The data rows of one budget sheet, once its header, months and unit are known.

The rows are sorted with the shared row walk (:mod:`ledgerkit.detect.walk`: blank, total and
the header printed again) plus one pre-step for the totals a budget writes that the walk's
rule does not know (上期計, 年間合計, 外注費計, a 合計 left of the months); the walk's
:class:`RowLog` counts the data rows read, kept or rejected.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ledgerkit.budget.labels import (
    _OWN_UNIT,
    _is_annual_total,
    _is_item_total,
    _is_total,
    _show,
    _yen_text,
)
from ledgerkit.core.issues import Issue
from ledgerkit.core.money import round_yen
from ledgerkit.intake.cells import column_letter, is_empty
from ledgerkit.detect.walk import RowKinds, RowLog, classify_rows
from ledgerkit.parse.amounts import parse_amount
from ledgerkit.parse.codes import parse_code
from ledgerkit.parse.months import month_label
from ledgerkit.parse.periods import parse_month
from ledgerkit.parse.text import CellValueError, normalize_text
from ledgerkit.parse.text import is_blank


class _SheetReader:
    """The data rows of one budget sheet, once its header, months and unit are known.

The rows are sorted with the shared row walk (:mod:`ledgerkit.detect.walk`: blank, total and
the header printed again) plus one pre-step for the totals a budget writes that the walk's
rule does not know (上期計, 年間合計, 外注費計, a 合計 left of the months); the walk's
:class:`RowLog` counts the data rows read, kept or rejected.
"""

    def __init__(self, file, sheet, rows, header_row, layout, labels, months, totals, fy, start_month, factor, issues):
        self.file, self.sheet, self.rows = file, sheet, rows
        self.layout, self.labels, self.months, self.totals = layout, labels, months, totals
        self.fy, self.start_month, self.factor = fy, start_month, factor
        self.issues: list[Issue] = issues
        #: the data rows read (kept or rejected), and the rejected rows' issues
        self.log = RowLog(file, sheet, issues)
        self.header_row = header_row
        head = rows[header_row]
        self.header = {c: (str(v).strip() if not is_empty(v) else column_letter(c)) for c, v in enumerate(head)}
        self.pc = labels.get("project", labels.get("project_name"))
        self.nc = labels.get("project_name") if "project" in labels else None
        self.ic = labels.get("item")
        annual = [c for c, t in totals.items() if _is_annual_total(t)]
        self.annual_col = annual[-1] if annual else None
        # label columns end where the months begin: a 合計 there marks a total row
        self.label_end = min(months) if months else None

    def issue(self, code: str, row: int, **kw) -> None:
        self.issues.append(Issue(code, self.file, self.sheet, row, **kw))

    @staticmethod
    def cell(row, c):
        return row[c] if c is not None and c < len(row) else ""

    def amount(self, row, c, excel_row: int, *, rejected: bool = False):
        """The Decimal in cell c; None when blank; False (reported; the row rejected when
        ``rejected``) when unreadable."""
        v = self.cell(row, c)
        if is_blank(v):
            return None
        try:
            return parse_amount(v)
        except CellValueError:
            text = self.header.get(c, "")
            if rejected:
                self.log.reject(excel_row - 1, "bad_cell", column=text, value=_show(v))
            else:
                self.issue("bad_cell", excel_row, column=text, value=_show(v), severity="error",
                           params={"field": text, "value": _show(v)})
            return False

    def to_yen(self, value: Decimal, excel_row: int, c: int) -> int:
        """Whole yen: scaled by the sheet's unit, unless the cell says its own (``1,000円``,
        ``500千円``: parse_amount already made yen of it); a fraction of a yen is rounded
        half up and reported."""
        raw = self.cell(self.rows[excel_row - 1], c)
        column = self.header.get(c, "")
        factor = self.factor
        if factor != 1 and isinstance(raw, str) and _OWN_UNIT.search(normalize_text(raw)):
            factor = 1
            self.issue("budget_cell_unit", excel_row, column=column, value=_show(raw), severity="warning",
                       params={"value": _show(raw), "yen": _yen_text(round_yen(value, "half_up"))})
        exact = value * factor
        yen = round_yen(exact, "half_up")
        if exact != yen:
            self.issue("budget_rounded", excel_row, column=column, value=_show(raw),
                       severity="warning", params={"value": str(exact), "yen": _yen_text(yen)})
        return yen

    def is_total_row(self, row) -> bool:
        raw_project, raw_item = self.cell(row, self.pc), self.cell(row, self.ic)
        if _is_total(raw_project) or _is_total(raw_item) or _is_item_total(raw_item):
            return True
        if is_empty(raw_project):
            labels = row[: self.label_end] if self.label_end is not None else row
            return any(_is_total(v) for v in labels if isinstance(v, str))
        return False

    def wide_values(self, row, excel_row: int) -> list[tuple[str, int, int]]:
        """(month, yen, column) of the month cells that hold an amount."""
        out = []
        for c, (y, m) in self.months.items():
            amount = self.amount(row, c, excel_row)
            if amount:
                out.append((month_label(y, m), self.to_yen(amount, excel_row, c), c))
            elif amount is not None and amount is not False:
                out.append((month_label(y, m), 0, c))
        return out

    def long_values(self, row, excel_row: int) -> list[tuple[str, int, int]] | None:
        """The one (month, yen, column) of a long or annual row; None when the row is rejected."""
        ac = self.labels["amount"]
        amount = self.amount(row, ac, excel_row, rejected=True)
        if amount is False:
            return None
        month = ""
        if self.layout == "long":
            mc = self.labels["month"]
            mv = self.cell(row, mc)
            ym = parse_month(mv, fiscal_year=self.fy, start_month=self.start_month)
            if ym is None or ym[0] is None:
                if amount is None and is_empty(mv):
                    self.log.reject(excel_row - 1, "no_values", severity="info")
                    return None
                code = "budget_month_no_year" if ym is not None else "budget_bad_month"
                self.log.reject(excel_row - 1, code, column=self.header.get(mc, ""), value=_show(mv))
                return None
            month = month_label(*ym)
        elif amount is not None:
            self.log.note(excel_row - 1, "budget_annual_only", column=self.header.get(ac, ""),
                          value=_show(self.cell(row, ac)), project=normalize_text(self.cell(row, self.pc)))
        return [] if amount is None else [(month, self.to_yen(amount, excel_row, ac), ac)]

    def annual_column(self, row, excel_row: int, values: list) -> list:
        """Check the months against the 年間計 cell, or take it when there are no months."""
        c = self.annual_col
        if c is None or self.layout != "wide":
            return values
        if values:
            # the 年間計 column must be the sum of the months (compared in the sheet's own unit)
            written = self.amount(row, c, excel_row)
            if written is None or written is False:
                return values
            cells = [self.cell(row, mc) for mc in self.months]
            months_sum = sum((parse_amount(v) or Decimal(0)) for v in cells if _parses(v))
            if months_sum != written:
                self.issue("budget_total_mismatch", excel_row, column=self.totals[c], value=_show(self.cell(row, c)),
                           severity="warning",
                           params={"months": f"{months_sum:,}", "column": self.totals[c], "total": f"{written:,}"})
            return values
        amount = self.amount(row, c, excel_row)
        if amount is None or amount is False:
            return values
        # an annual figure with no monthly split: kept, spread over the year later
        self.log.note(excel_row - 1, "budget_annual_only", column=self.totals[c], value=_show(self.cell(row, c)),
                      project=normalize_text(self.cell(row, self.pc)))
        return [("", self.to_yen(amount, excel_row, c), c)]

    def classify(self, start: int, end: int) -> RowKinds:
        """The walk's blank, total and repeated-header rows, with a budget's own totals added:
        the pre-step :meth:`is_total_row` (上期計, 年間合計, 外注費計, a 合計 left of the months)."""
        rows = self.rows
        width = max((len(row) for row in rows[start:end]), default=0)
        labels = [c for c in (self.pc, self.ic) if c is not None]
        kinds = classify_rows(rows, start, end, columns=range(width), labels=labels, header=rows[self.header_row])
        for r in range(start, end):
            if r not in kinds.blank and r not in kinds.total and self.is_total_row(rows[r]):
                kinds.total[r] = ""
                kinds.repeated.discard(r)
        return kinds

    def records(self, data_start: int) -> list[dict]:
        """One record per budget figure of the rows from ``data_start`` on."""
        out: list[dict] = []
        last_project: tuple[str, str] | None = None
        kinds = self.classify(data_start, len(self.rows))
        for i in range(data_start, len(self.rows)):
            if i in kinds.blank:
                continue
            if i in kinds.total:
                self.log.total(i)
                # rows under a 小計 belong to no project until one is written again
                last_project = None
                continue
            if i in kinds.repeated:
                self.log.repeated_header(i)
                continue
            if i in kinds.note:
                self.log.note_row(i, kinds.note[i])
                continue
            found = self.row_records(i, last_project)
            if found is not None:
                last_project, records = found
                out.extend(records)
        return out

    def row_records(self, i: int, last_project: tuple[str, str] | None):
        """(the project now, the row's records), or None when the row holds no project's figures."""
        row = self.rows[i]
        excel_row = i + 1
        raw_project = self.cell(row, self.pc)
        try:
            project = parse_code(raw_project)
        except CellValueError:
            self.log.reject(i, "bad_cell", column=self.header.get(self.pc, ""), value=_show(raw_project))
            return None
        name = normalize_text(self.cell(row, self.nc)) if self.nc is not None else ""
        item = normalize_text(self.cell(row, self.ic)) if self.ic is not None else ""
        if project is None and last_project is not None and item:
            # 費目 rows under a project written once (or in a merged cell)
            project, name = last_project
        before = len(self.issues)
        if self.layout == "wide":
            values = self.annual_column(row, excel_row, self.wide_values(row, excel_row))
        else:
            values = self.long_values(row, excel_row)
            if values is None:
                return None
        if project is None:
            if values:
                self.log.reject(i, "budget_no_project", value=_yen_text(sum(v[1] for v in values)))
            elif len(self.issues) == before:
                # a note or heading line inside the table: nothing to count
                self.log.reject(i, "no_values", severity="info")
            return None
        if values:
            self.log.keep(i)
        elif len(self.issues) == before:
            self.log.skip(i, "budget_no_amounts", project=project)
        return (project, name), [{
            "project": project, "project_name": name, "item": item, "month": month, "budget": yen,
            "source_file": self.file, "source_sheet": self.sheet, "source_row": excel_row,
            "column": self.totals.get(c) or self.header.get(c, column_letter(c)),
        } for month, yen, c in values]


def _parses(v: Any) -> bool:
    try:
        parse_amount(v)
    except CellValueError:
        return False
    return True
