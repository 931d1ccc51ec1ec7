"""The ledger's tables as a manager reads them: ``history``, ``runs`` and ``findings`` written with ``-o``.

An ``.xlsx`` is for paper (A4, through :class:`~ledgerkit.reports.xlsx_report.XlsxReport`): a title
naming what and the period (``工数の推移 (2026年10月〜2026年11月)``, ``記録した実行一覧``,
``指摘一覧 (台帳)``), months headed ``2026年10月`` (``2026-10`` in English), statuses, severities and
kinds in words (未対応, エラー, 工数), yen with ``¥`` and thousands, hours with two decimals.
``.csv``, ``.json`` and ``-`` keep the rows for a machine: the column names, the months
``2026-10``, the codes.

Examples:
    >>> import pandas as pd
    >>> table = pd.DataFrame({"person": ["山田"], "2026-10": [126.0], "2026-11": [16.0], "total": [142.0]})
    >>> paper = history_paper(table, what="工数", headings={"person": "氏名", "total": "合計"}, figure="hours")
    >>> paper.title, paper.headings["2026-10"], paper.formats["total"]
    ('工数の推移 (2026年10月〜2026年11月)', '2026年10月', 'hours')
    >>> history_paper(table, what="Hours", headings={}, figure="hours", lang="en").title
    'Hours by month (2026-10 – 2026-11)'
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from ledgerkit.core import messages
from ledgerkit.reports.frames import write_frame
from ledgerkit.reports.labels import FINDING_HEADINGS, RUN_HEADINGS, headings_in, kind_label, month_label, sheet_name
from ledgerkit.reports.xlsx_report import XlsxReport

__all__ = ["Paper", "write_table", "history_paper", "runs_paper", "findings_paper", "findings_worded",
           "findings_on_terminal", "month_columns", "period_columns", "MONEY_FIELDS", "PAPER_FINDING_COLUMNS"]

#: the figures of the built-in kinds that are yen (``¥`` on paper)
MONEY_FIELDS = frozenset({"amount", "net", "tax", "total", "gross", "cost", "budget", "actual", "withholding",
                          "payment", "net_10", "net_8", "tax_10", "tax_8"})

_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class Paper:
    """What a ledger table shows in an ``.xlsx`` beyond its rows: the rows with their codes in words
    (``shown``), a title, the headings, number formats, and a line under the title (``note``: an empty
    table says why)."""

    shown: Any
    title: str
    headings: dict[str, str]
    formats: dict[str, str] = field(default_factory=dict)
    note: str | None = None
    #: columns' widths in characters where the natural ones would not fit A4 (long texts wrap)
    widths: dict[str, float] = field(default_factory=dict)


def write_table(frame, target: str | os.PathLike, paper: Paper | None = None, *, lang: str = "ja",
                overwrite: bool = False) -> None:
    """``frame`` to ``target``: an ``.xlsx`` as ``paper`` shows it, on A4; ``.csv`` / ``.json`` / ``-``
    its rows as they are (column names, codes, months ``2026-10``)."""
    if paper is None or not os.fspath(target).lower().endswith(".xlsx"):
        write_frame(frame, target, lang=lang, overwrite=overwrite)
        return
    # a note under the title is written once the table is: that sheet is then kept in memory
    # (an empty table; the others stream)
    with XlsxReport(target, lang=lang, constant_memory=paper.note is None, overwrite=overwrite) as report:
        ref = report.add_table(sheet_name("detail", lang), paper.shown, headings=paper.headings,
                               formats=paper.formats, title=paper.title, start_row=3 if paper.note else 0,
                               widths=paper.widths)
        if paper.note:
            ref.worksheet.write_string(1, 0, paper.note, report.format(bold=True))


def month_columns(table) -> list[str]:
    """The month columns (``2026-10``) of a ``history`` table, in order."""
    return [c for c in table.columns if isinstance(c, str) and _MONTH.match(c)]


#: a period column that is a day (a declared kind whose period field is a date)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def period_columns(table) -> list[str]:
    """The period columns of a ``history`` table: its months, else the days of a kind whose
    period field is a date (``2026-04-01``), in order."""
    return month_columns(table) or [c for c in table.columns if isinstance(c, str) and _DAY.match(c)]


def _period(first: str | None, last: str | None, lang: str) -> str:
    """`` (2026年10月〜2026年11月)``, `` (2026年10月)``, `` (2027年1月〜)``, or nothing."""
    if not first and not last:
        return ""
    a, b = (month_label(m, lang) if m else "" for m in (first, last))
    if a == b:
        return f" ({a})"
    return f" ({a}{'〜' if lang != 'en' else ' – '}{b})".replace("( – ", "(– ")


def history_paper(table, *, what: str, headings: dict[str, str], figure: str, lang: str = "ja",
                  start: str | None = None, end: str | None = None, nothing: str | None = None) -> Paper:
    """A ``history`` table on paper: ``{what}の推移 (first month〜last month)``, the months headed
    ``2026年10月``, each figure as ``figure`` (``hours``, ``yen`` or ``int``); an empty table's
    ``nothing`` line under its title, the period then the one asked (``start``, ``end``)."""
    months = period_columns(table)
    first, last = (months[0], months[-1]) if months else (start, end)
    title = messages.text("ledger_history_title", lang, what=what, period=_period(first, last, lang))
    shown = {c: month_label(c, lang) if c in months else headings.get(c, c) for c in table.columns}
    formats = {c: figure for c in [*months, "total"] if c in table.columns}
    return Paper(table, title, shown, formats, note=None if len(table) else nothing)


def runs_paper(table, lang: str = "ja", *, kind_words: dict[str, str] | None = None) -> Paper:
    """``runs`` on paper: 記録した実行一覧, each run's kind in words (``kind_words`` for declared kinds),
    counts with thousands."""
    import pandas as pd

    words = kind_words or {}
    shown = table.assign(kind=[words.get(k) or kind_label(k, lang) for k in table["kind"]],
                         at=pd.to_datetime(table["at"], errors="coerce", format="%Y-%m-%d %H:%M"))
    counts = ("files_new", "files_changed", "files_unchanged", "rows_added", "rows_removed", "findings_new")
    formats = {"run": "rowno", "at": "datetime", **{c: "int" for c in counts}, "version": "text"}
    # on A4 on its side: the command gets the room, the counts' headings wrap over two lines
    widths = {"command": 44.0, "at": 16.0, **{c: 8.0 for c in counts}, "version": 8.0}
    return Paper(shown, messages.text("ledger_runs_title", lang), headings_in(RUN_HEADINGS, lang), formats,
                 widths=widths)


def findings_worded(table, lang: str = "ja", *, kind_words: dict[str, str] | None = None):
    """The findings with their status, severity and kind in words (未対応, エラー, 工数)."""
    words = kind_words or {}
    return table.assign(status=[messages.text(f"ledger_status_{s}", lang) for s in table["status"]],
                        severity=[messages.text(f"severity_{s}", lang) for s in table["severity"]],
                        kind=[words.get(k) or kind_label(k, lang) for k in table["kind"]])


#: the columns of ``findings`` on paper (the file, sheet, row and column in one: 場所; who, when and the note: 対応);
#: CSV and JSON keep every column of :data:`~ledgerkit.ledger.asking.FINDING_COLUMNS`
PAPER_FINDING_COLUMNS = ("id", "status", "severity", "kind", "code", "message", "where", "ref", "handled")


def findings_paper(table, lang: str = "ja", *, status: str = "all", kind_words: dict[str, str] | None = None) -> Paper:
    """``findings`` on paper: 指摘一覧 (台帳) (``status`` ``open`` or ``handled``: 〜のみ), codes in words,
    the place in one column (as the terminal lists them: :func:`findings_on_terminal`); the rule keeps
    its code (``findings resolve --rule`` takes it)."""
    shown = findings_on_terminal(table.reset_index(drop=True), lang, kind_words=kind_words)
    shown = shown[list(PAPER_FINDING_COLUMNS)]
    if status in ("open", "handled"):
        word = messages.text(f"ledger_status_{status}", lang)
        title = messages.text("ledger_findings_title_only", lang, status=word)
    else:
        title = messages.text("ledger_findings_title", lang)
    formats = {"id": "rowno", "ref": "text"}
    widths = {"message": 50.0, "where": 30.0, "code": 16.0, "handled": 20.0}
    return Paper(shown, title, headings_in(FINDING_HEADINGS, lang), formats, widths=widths)


def findings_on_terminal(table, lang: str = "ja", *, kind_words: dict[str, str] | None = None):
    """The findings as the terminal lists them: words, where (file / sheet / row / column), handled (who, when, note)."""
    def where(r) -> str:
        row = r["row"]
        return " / ".join(str(x) for x in (r["file"], r["sheet"], "" if row is None or row != row else
                                           messages.text("row_n", lang, row=row), r["column"]) if x)

    worded = findings_worded(table, lang, kind_words=kind_words)
    return worded.assign(
        where=[where(r) for r in table.to_dict("records")],
        handled=[f"{w} {a} {n}".strip() for w, a, n in zip(table["handled_by"], table["handled_at"], table["note"])],
    )
