"""What ``aggregate`` and ``inspect`` print on the terminal (stderr): the summary, the issues, the accounting."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text

from ledgerkit.cli.common import console
from ledgerkit.consolidate.aggregate import FileReport
from ledgerkit.core import messages
from ledgerkit.kinds import KIND_WORDS
from ledgerkit.core.result import Result
from ledgerkit.core.messages import shown_path
from ledgerkit.hours.summary import summarize_hours
from ledgerkit.invoices.vendors import vendor_identity
from ledgerkit.reports.labels import heading
from ledgerkit.reports.text_safety import terminal_line, terminal_safe


def accounting_line(result: Result, lang: str = "ja") -> str:
    """Files read/skipped and rows read = consolidated + rejected, in one line."""
    s = result.stats
    return messages.text(
        "accounting",
        lang,
        files_read=s.files_read,
        files_skipped=s.files_skipped + s.files_unreadable,
        sheets=s.sheets_read,
        read=f"{s.rows_read:,}",
        consolidated=f"{s.rows_consolidated:,}",
        rejected=f"{s.rows_rejected:,}",
    )


def print_summary(
    result: Result,
    *,
    by=("project", "person", "month"),
    lang: str = "ja",
    to_stdout=False,
    max_rows: int = 30,
    max_columns: int = 6,
) -> None:
    """The summary table, the issues in brief, and the accounting line, on stderr."""
    con = console()
    # the terminal shows the first field down and the last across (the report has them all);
    # with more columns than fit, the totals of the first field alone
    by = list(by)
    short = [by[0], by[-1]] if len(by) > 2 else by
    pivot = summary_pivot(result, short)
    if pivot is not None and len(pivot.columns) > max_columns:
        pivot = summary_pivot(result, short[:1])
    if pivot is not None:
        money = result.kind == "invoices"
        fmt = (lambda v: f"{int(v):,}") if money else (lambda v: f"{v:,.2f}")
        con.print(pivot_table(pivot, messages.text(f"report_{result.kind}_title", lang), lambda name: _heading(name, lang),
                              fmt, lang, max_rows))
    counts: dict[str, int] = {}
    for i in result.issues:
        counts[i.severity] = counts.get(i.severity, 0) + 1
    print_errors(result.issues, lang)
    print_file_warnings(result.issues, lang)
    print_row_warnings(result.issues, lang)
    if counts:
        con.print(
            messages.text(
                "issue_counts",
                lang,
                error=f'{counts.get("error", 0):,}',
                warning=f'{counts.get("warning", 0):,}',
                info=f'{counts.get("info", 0):,}',
            ),
            markup=False,
        )
    con.print(accounting_line(result, lang), markup=False, highlight=False)


#: the column a kind's summary adds up
def pivot_table(pivot, title: str, heading, fmt, lang: str = "ja", max_rows: int = 30) -> Table:
    """A summary pivot as a terminal table: the index fields down, the columns across (right
    aligned, formatted by ``fmt``), a total column when there are several, at most ``max_rows``
    rows with a caption counting the rest. ``heading(name)`` names a field; every text shown
    goes through :func:`terminal_safe` (never markup, never an escape)."""
    table = Table(title=terminal_safe(title), show_lines=False)
    for name in pivot.index.names:
        table.add_column(Text(terminal_safe(heading(str(name)))))
    for col in pivot.columns:
        table.add_column(Text(terminal_safe(heading(str(col)))), justify="right")
    with_total = len(pivot.columns) > 1
    if with_total:
        table.add_column(messages.text("total", lang), justify="right", style="bold")
    for idx, values in pivot.head(max_rows).iterrows():
        idx = idx if isinstance(idx, tuple) else (idx,)
        total = [fmt(values.sum())] if with_total else []
        table.add_row(*[Text(terminal_safe(i)) for i in idx], *[fmt(v) for v in values], *total)
    if len(pivot) > max_rows:
        table.caption = messages.text("more_rows", lang, n=len(pivot) - max_rows)
    return table


SUMMARY_VALUE = {"hours": "hours", "attendance": "hours", "invoices": "total"}


def print_errors(issues, lang: str = "ja", limit: int = 10) -> None:
    """The errors, one line each with where they are; more than ``limit`` are grouped by rule
    and sheet (:func:`print_grouped`), so thousands of findings never flood the terminal."""
    _print_listed([i for i in issues if i.severity == "error"], lang, limit)


def _print_listed(found: list, lang: str, limit: int, label: str = "") -> None:
    """``found`` one line each (``label`` first, then where, then the message), or grouped by rule
    and sheet when more than ``limit``."""
    if len(found) > limit:
        print_grouped(found, lang, label=label)
        return
    con = console()
    for i in found:
        where = location(i, lang)
        con.print(terminal_line(f"  {label}{where + ': ' if where else ''}{i.message(lang)}"),
                  markup=False, highlight=False)


def group_findings(issues) -> list[list]:
    """Findings grouped by rule (code), file and sheet, in the order of each group's first.

    Examples:
        >>> from ledgerkit.core.issues import Issue
        >>> g = group_findings([Issue("bad_cell", "a", "s", 5), Issue("total_row", "a", "s", 6), Issue("bad_cell", "a", "s", 9)])
        >>> [(x[0].code, [i.row for i in x]) for x in g]
        [('bad_cell', [5, 9]), ('total_row', [6])]
    """
    groups: dict[tuple, list] = {}
    for i in issues:
        groups.setdefault((i.code, i.file, i.sheet), []).append(i)
    return list(groups.values())


def _rows_shown(group, limit: int = 5, lang: str = "ja") -> str:
    rows = [f"{i.row}行" if lang == "ja" else f"row {i.row}" for i in group[:limit] if i.row is not None]
    return ", ".join(rows) + (" …" if len(group) > limit else "")


def print_grouped(issues, lang: str = "ja", *, label: str = "", limit: int = 10) -> None:
    """Findings grouped by rule and sheet: each group's first in full, then how many more and
    on which rows; at most ``limit`` groups (the report's Issues sheet has every one)."""
    con = console()
    groups = group_findings(issues)
    for group in groups[:limit]:
        first = group[0]
        con.print(terminal_line(f"  {label}{location(first, lang)}: {first.message(lang)}"), markup=False, highlight=False)
        if len(group) > 1:
            con.print(terminal_line("    " + messages.text("same_findings", lang, n=f"{len(group) - 1:,}",
                                                             rows=_rows_shown(group[1:], lang=lang))),
                      markup=False, highlight=False)
    if len(groups) > limit:
        con.print("  " + messages.text("more_finding_groups", lang, n=len(groups) - limit), markup=False)


def print_file_warnings(issues, lang: str = "ja", limit: int = 10) -> None:
    """Files and sheets left out or read with a doubt (ledgerkit's own report, a lock file, a
    sheet of figures no reader understood, a file that gave no row): named on the terminal,
    never only counted."""
    con = console()
    # files and sheets: a handful, each one a decision a person may want to undo (rows' warnings
    # can be thousands: they are counted here and listed on the Issues sheet)
    warned = [i for i in issues if i.severity == "warning" and i.scope in ("file", "sheet")]
    for i in warned[:limit]:
        # a finding about the whole run (a project with no budget line) has no file: no empty "場所:"
        where = location(i, lang)
        line = f"  {messages.text('severity_warning', lang)}: {where + ': ' if where else ''}{i.message(lang)}"
        con.print(terminal_line(line), markup=False, highlight=False)
    if len(warned) > limit:
        con.print("  " + messages.text("more_rows", lang, n=len(warned) - limit), markup=False)


def print_row_warnings(issues, lang: str = "ja", limit: int = 10) -> None:
    """The warnings about rows and cells (a 合計 row that disagrees with the days, an entry repeated
    with other hours), whatever the kind: one line each when few; more than ``limit`` grouped by
    rule and sheet (:func:`print_grouped`: 48,000 disagreements are a handful of lines)."""
    warned = [i for i in issues if i.severity == "warning" and i.scope not in ("file", "sheet")]
    _print_listed(warned, lang, limit, label=messages.text("severity_warning", lang) + ": ")


def nothing_consolidated(result: Result, lang: str = "ja", declared: list[str] | tuple[str, ...] = ()) -> str | None:
    """The one line for a run that consolidated no row at all (issue 13: not a silent success), or None.

    ``declared``: the kinds ``[kinds.NAME]`` declares, named when ``--kind auto`` (which never
    tries them) found nothing, since the files may be one of them.
    """
    if result.stats.rows_consolidated:
        return None
    words = KIND_WORDS.get(result.kind, {"ja": result.kind, "en": result.kind})
    line = messages.text("nothing_read", lang, kind=words, kind_option=result.kind)
    if declared and result.kind in KIND_WORDS:
        line += messages.text("nothing_read_declared", lang, kinds=", ".join(f"--kind {k}" for k in declared))
    return line


def summary_pivot(result: Result, by):
    """The terminal summary: the kind's value summed by ``by`` (the last field across).

    None when there is nothing to sum or ``by`` names columns the rows lack.
    """
    frame = result.frame
    value = SUMMARY_VALUE.get(result.kind)
    by = [b for b in by if b in frame.columns]
    if not len(frame) or value not in frame.columns or not by:
        return None
    if result.kind == "hours":
        return summarize_hours(frame, by=by)
    if result.kind == "invoices":
        # a row without the figure is left out of the sum, never counted as 0 yen (the
        # report's pivot does the same and the issues name the row)
        frame = frame[frame[value].notna()]
        data = frame.assign(_v=frame[value].astype("int64"))
    else:
        data = frame.assign(_v=frame[value].astype("float64"))
    if "vendor" in by and "vendor_key" in data.columns:
        # one line per vendor however its legal form was written (株式会社アルファ = (株)アルファ),
        # and by its 登録番号 where it has one: the same grouping as the report
        identity = vendor_identity(data)
        data["vendor"] = data["vendor"].groupby(identity, sort=False).transform("first")
    if len(by) == 1:
        out = data.groupby(by, sort=True)["_v"].sum().to_frame(value)
        return out
    pivot = data.pivot_table(index=by[:-1], columns=by[-1], values="_v", aggfunc="sum", fill_value=0, sort=True)
    pivot.columns = [str(c) for c in pivot.columns]
    return pivot


def location(issue, lang: str = "ja") -> str:
    """``file / sheet / 12行 / column`` of an issue (``row 12`` in English), its file name shown
    safely (:func:`shown_path`)."""
    parts = [shown_path(issue.file)] if issue.file else []
    if issue.sheet:
        parts.append(issue.sheet)
    if issue.row is not None:
        parts.append(messages.text("row_n", lang, row=issue.row))
    if issue.column:
        parts.append(issue.column)
    return " / ".join(p for p in parts if p)


def _heading(name: str, lang: str) -> str:
    return heading(name, lang)


def print_inspection(reports: list[FileReport], *, lang: str = "ja") -> int:
    """Print how each file was seen; returns how many files could not be read."""

    class _Safe:
        # every line names files, sheets and headers as written: escape what a terminal would act on
        def __init__(self, console):
            self.console = console

        def print(self, text: str, **kwargs) -> None:
            self.console.print(terminal_line(text), **kwargs)

    con = _Safe(console())
    bad = 0
    for rep in reports:
        if rep.error is not None:
            bad += 1
            con.print(f"{shown_path(rep.path)}: {getattr(rep.error, 'reason', str(rep.error))}",
                      markup=False, highlight=False)
            continue
        if rep.skipped is not None:
            con.print(f"{shown_path(rep.path)}: {rep.skipped.message(lang)}", markup=False, highlight=False)
            continue
        con.print(f"{shown_path(rep.path)} ({rep.format})", markup=False, highlight=False, style="bold")
        for sh in rep.sheets:
            vis = "" if sh.visible == "visible" else f" [{sh.visible}]"
            if sh.kind:
                con.print(
                    f"  {sh.name}{vis}: {sh.kind} / {sh.layout}, header row {sh.header_row}, "
                    f"{sh.rows_read} data rows",
                    markup=False,
                    highlight=False,
                )
                for field, header in sh.mapping.items():
                    con.print(f"      {field:<12} ← {header}", markup=False, highlight=False)
                for i in sh.issues:
                    if i.scope == "sheet":
                        con.print(f"      note: {i.message(lang)}", markup=False, highlight=False)
            else:
                reason = "; ".join(_sheet_reason(i, lang) for i in sh.issues if i.scope == "sheet") or messages.text(
                    "empty_sheet", lang
                )
                con.print(f"  {sh.name}{vis}: {reason}", markup=False, highlight=False)
            # a rule broken on many rows: the first ten, then how many more (issue 17); fewer are
            # shown as they come, row after row
            rows = [i for i in sh.issues if i.scope != "sheet"]
            groups = group_findings(rows)
            for group in groups if any(len(g) > INSPECT_SHOWN for g in groups) else [rows]:
                for i in group[:INSPECT_SHOWN]:
                    where = messages.text("row_n", lang, row=i.row) if i.row else ""
                    col = f" {i.column}" if i.column else ""
                    con.print(f"      {where}{col}: {i.message(lang)}", markup=False, highlight=False)
                if len(group) > INSPECT_SHOWN:
                    rest = group[INSPECT_SHOWN:]
                    con.print("      " + messages.text("same_findings", lang, n=f"{len(rest):,}", rows=_rows_shown(rest, lang=lang)),
                              markup=False, highlight=False)
    return bad


def _sheet_reason(issue, lang: str) -> str:
    """A sheet's reason as ``inspect`` shows it: the figures no table was read from without the
    reason (already shown beside it) nor the advice to run ``inspect`` (the command just run)."""
    if issue.code == "unread_data":
        return messages.text("unread_data_inspect", lang, what=issue.params.get("what", ""))
    return issue.message(lang)


#: ``inspect`` shows this many findings of one rule in one sheet, then counts the rest
INSPECT_SHOWN = 10
