"""Consolidate many workbooks into one frame: ``ledgerkit.aggregate`` and ``ledgerkit.inspect``.

The flow, one way: find the files (folders, globs) → skip lock files and byte-identical
copies → read each file in a worker process (isolated: a file that crashes the reader
becomes that file's error) → run the kind's per-sheet reader there → bring the frames
back, run the kind's cross-file checks, and count: rows read = rows consolidated + rows
rejected.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterable

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError, UnreadableFileError
from ledgerkit.core.issues import Issue
from ledgerkit.consolidate.kinds import AUTO_ORDER, KINDS
from ledgerkit.core.result import Result, SheetResult
from ledgerkit.reports.labels import heading
from ledgerkit.intake.door import UnreadableFilesError, gather, read_files  # noqa: F401 (UnreadableFilesError: public)



#: ``ledgerkit.aggregate`` returns the common result type
AggregateResult = Result


@dataclass
class SheetReport:
    name: str
    visible: str
    kind: str = ""
    layout: str = ""
    header_row: int | None = None
    mapping: dict[str, str] = field(default_factory=dict)
    rows: int = 0
    rows_read: int = 0
    issues: list[Issue] = field(default_factory=list)


@dataclass
class FileReport:
    path: str
    format: str = ""
    sheets: list[SheetReport] = field(default_factory=list)
    error: UnreadableFileError | None = None
    skipped: Issue | None = None


# --- the per-sheet work (runs in the worker) -------------------------------------------------


@dataclass(frozen=True)
class FirstKind:
    """A per-sheet reader that tries each kind's reader in turn: the first that finds its table wins.

    The result says which kind it is (``SheetResult.kind``); a sheet that none of the kinds
    holds keeps the first reader's reason (or, with several kinds, one that names them all).
    """

    kinds: tuple[str, ...]

    def __call__(self, sheet, *, file: str, config: Config) -> SheetResult:
        first_miss = None
        for kind in self.kinds:
            result = SheetResult.coerce(KINDS[kind].read_sheet(sheet, file=file, config=config))
            if result.frame is not None:
                result.kind = kind
                return result
            if first_miss is None:
                first_miss = result
        result = first_miss or SheetResult()
        if len(self.kinds) > 1 and [i.code for i in result.issues] == ["no_table"]:
            # --kind auto: say that no kind was found, not only the first one tried
            result = SheetResult(issues=[Issue("no_table_any", file, sheet.name, scope="sheet",
                                               params={"kinds": ", ".join(self.kinds)})])
        return result


def _kinds_for(kind: str) -> list[str]:
    if kind == "auto":
        return list(AUTO_ORDER)
    if kind not in KINDS:
        raise InputError(f"--kind must be one of auto, {', '.join(KINDS)}; not {kind!r}")
    return [kind]


# --- the public functions ---------------------------------------------------------------


def aggregate(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    kind: str = "hours",
    *,
    config: Config | None = None,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AggregateResult:
    """Read every workbook under ``paths`` and consolidate the rows of ``kind``.

    ``paths`` are files, folders (read recursively) or glob patterns. Returns an
    :class:`AggregateResult` — ``frame, issues = ledgerkit.aggregate(...)`` also works.
    Files that cannot be read raise :class:`UnreadableFilesError` (one line per file)
    unless ``skip_bad`` is true, in which case they are listed in the issues.

    Examples:
        >>> result = aggregate("examples/hours")                       # doctest: +SKIP
        >>> result.frame.groupby("project")["hours"].sum()              # doctest: +SKIP
    """
    config = config if config is not None else Config()
    if include_hidden is None:
        include_hidden = bool(config.get("read.include_hidden", False))
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    kinds = _kinds_for(kind)
    intake = read_files(paths, config, reader=FirstKind(tuple(kinds)), include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs, progress=progress)
    # --kind auto: the first kind, in AUTO_ORDER, that any sheet holds
    found = {s.result.kind for _, s in intake.sheets() if s.result is not None and s.result.frame is not None}
    chosen = KINDS[next((k for k in kinds if k in found), kinds[0])]
    return gather(intake, chosen.name, finish=chosen.finish, columns=chosen.columns, config=config,
                  writer=chosen.writer)


def check_by(result: Result, by: list[str], lang: str = "ja") -> list[str]:
    """``--by`` fields as the rows name them, or an InputError naming those the rows do not have.

    A field is a column's name (``project``) or its heading on the reports, Japanese or English
    (``案件``, ``氏名``, ``月``, ``Project``). Returns the columns' names.

    Examples:
        >>> import pandas as pd
        >>> rows = Result(kind="hours", frame=pd.DataFrame(columns=["project", "person", "month", "hours"]))
        >>> check_by(rows, ["案件", "月"]), check_by(rows, ["Person", "project"])
        (['project', 'month'], ['person', 'project'])
    """
    if not by:
        raise InputError(messages.text("by_empty", lang))
    columns = [str(c) for c in result.frame.columns]
    named = {**_BY_WORDS, **{heading(c, "en").lower(): c for c in columns}, **{heading(c, "ja"): c for c in columns}}
    fields = [b if b in columns else named.get(b, named.get(b.lower(), b)) for b in by]
    unknown = [b for b, f in zip(by, fields) if f not in columns]
    if unknown and columns:
        raise InputError(messages.text("by_unknown", lang, fields=", ".join(unknown),
                                       columns=", ".join(f"{heading(c, lang)} ({c})" if heading(c, lang) != c else c
                                                         for c in columns)))
    return fields


#: words for --by fields beside the reports' headings
_BY_WORDS = {"月": "month", "人": "person", "担当": "person", "日": "date"}


def write_result(result: Result, target: str, *, by: Iterable[str] = ("project", "person", "month"),
                 lang: str = "ja") -> None:
    """Write the consolidated rows, or the kind's report for ``.xlsx`` (``result.write`` does the same).

    The inputs are never overwritten: a target that is one of the files read is refused.
    """
    result.write(target, by=list(by), lang=lang)


def inspect(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    kind: str = "auto",
    *,
    config: Config | None = None,
    include_hidden: bool = True,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[FileReport]:
    """How ledgerkit sees each workbook: per sheet its visibility, kind, layout, header
    row, column mapping, data rows and what it skipped. Never raises for a bad file:
    the file's report carries the error."""
    config = config if config is not None else Config()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    kinds = _kinds_for(kind)
    intake = read_files(paths, config, reader=FirstKind(tuple(kinds)), include_hidden=include_hidden,
                        jobs=jobs, progress=progress, keep_errors=True)
    reports = [FileReport(i.file, skipped=i) for i in intake.skipped]
    for f in intake.files:
        if f.error is not None:
            reports.append(FileReport(f.path, error=f.error))
            continue
        sheets = []
        for sheet in f.sheets:
            report = SheetReport(sheet.name, sheet.visible, rows=sheet.rows)
            sheets.append(report)
            r = sheet.result
            if r is None:
                report.issues.append(sheet.hidden)
                continue
            report.layout, report.header_row = r.layout, r.header_row
            report.issues.extend(r.issues)
            if r.frame is not None:
                report.kind, report.mapping, report.rows_read = r.kind, r.mapping, r.rows_read
        reports.append(FileReport(f.path, f.format, sheets))
    return reports
