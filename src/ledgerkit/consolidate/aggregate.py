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

from ledgerkit.config.loading import Config, config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError, UnreadableFileError
from ledgerkit.kinds.declared import KindSpec
from ledgerkit.core.issues import Issue
from ledgerkit.consolidate.kinds import AUTO_ORDER, Kind, kind_for
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

    ``kinds`` pairs each kind's name with its per-sheet reader (picklable: a module-level
    function or a frozen dataclass). The result says which kind it is (``SheetResult.kind``);
    a sheet that none of the kinds holds keeps the first reader's reason (or, with several
    kinds, one that names them all).
    """

    kinds: tuple[tuple[str, Callable], ...]

    def __call__(self, sheet, *, file: str, config: Config) -> SheetResult:
        first_miss = None
        for kind, read_sheet in self.kinds:
            result = SheetResult.coerce(read_sheet(sheet, file=file, config=config))
            if result.has_frame:
                result.kind = kind
                return result
            if first_miss is None or (_plain_miss(first_miss) and not _plain_miss(result)):
                # a reader that says what the sheet is (an invoice form) tells more than "no table"
                first_miss = result
        result = first_miss or SheetResult()
        if len(self.kinds) > 1 and [i.code for i in result.issues] == ["no_table"]:
            # --kind auto: say that no kind was found, not only the first one tried
            names = ", ".join(k for k, _ in self.kinds)
            result = SheetResult(issues=[Issue("no_table_any", file, sheet.name, scope="sheet", params={"kinds": names})])
        return result


def _plain_miss(result: SheetResult) -> bool:
    return [i.code for i in result.issues] in (["no_table"], [])


def choose_kind(intake, kinds: list[str]) -> str:
    """The kind the sheets hold most rows of; ties (and a run with no rows) go by ``kinds``' order.

    Issue 13: picking the first kind any sheet held let one sheet's guess (a database design
    document taken for hours) discard another kind's rows. The evidence is the rows read.

    Examples:
        >>> from types import SimpleNamespace as NS
        >>> sheet = lambda kind, n: NS(result=NS(kind=kind, has_frame=True, row_count=n))
        >>> intake = NS(sheets=lambda: [(None, sheet("hours", 0)), (None, sheet("attendance", 37))])
        >>> choose_kind(intake, ["hours", "invoices", "attendance"])
        'attendance'
    """
    rows = dict.fromkeys(kinds, 0)
    held = set()
    for _, sheet in intake.sheets():
        r = sheet.result
        if r is not None and r.has_frame and r.kind in rows:
            held.add(r.kind)
            rows[r.kind] += r.row_count
    return max(kinds, key=lambda k: (rows[k], k in held, -kinds.index(k)))


def _kinds_for(kind, config: Config) -> list[Kind]:
    """The kinds to try: every built-in one for ``auto`` (never a declared one), else the one named or given."""
    if isinstance(kind, str) and kind == "auto":
        return [kind_for(k, config) for k in AUTO_ORDER]
    return [kind_for(kind, config)]


def _reader(kinds: list[Kind]) -> FirstKind:
    return FirstKind(tuple((k.name, k.read_sheet) for k in kinds))


# --- the public functions ---------------------------------------------------------------


def aggregate(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    kind: str | dict | KindSpec = "hours",
    *,
    config: Config | None = None,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> AggregateResult:
    """Read every workbook under ``paths`` and consolidate the rows of ``kind``.

    ``kind`` is ``auto`` (the built-in kind found per sheet), a built-in kind (``hours``,
    ``invoices``, ``attendance``), a kind declared as ``[kinds.NAME]`` in ``config``, or a
    declaration given here: a dict shaped like that table (its name under ``"name"``) or a
    :class:`~ledgerkit.kinds.declared.KindSpec`.

    ``paths`` are files, folders (read recursively) or glob patterns. Returns an
    :class:`AggregateResult` — ``frame, issues = ledgerkit.aggregate(...)`` also works.
    Files that cannot be read raise :class:`UnreadableFilesError` (one line per file)
    unless ``skip_bad`` is true, in which case they are listed in the issues.

    Examples:
        >>> result = aggregate("examples/hours")                       # doctest: +SKIP
        >>> result.frame.groupby("project")["hours"].sum()              # doctest: +SKIP
        >>> sales = {"name": "sales", "by": "branch,month", "fields": {
        ...     "branch": {"type": "text", "synonyms": ["支店"], "required": True},
        ...     "month": {"type": "month", "synonyms": ["年月"], "required": True},
        ...     "amount": {"type": "yen", "synonyms": ["売上"], "required": True}}}
        >>> aggregate("examples/sales", kind=sales).frame.groupby("branch")["amount"].sum()  # doctest: +SKIP
    """
    config = config_or_found(config)
    if include_hidden is None:
        include_hidden = bool(config.get("read.include_hidden", False))
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    kinds = _kinds_for(kind, config)
    intake = read_files(paths, config, reader=_reader(kinds), include_hidden=include_hidden,
                        skip_bad=skip_bad, jobs=jobs, progress=progress)
    # --kind auto: the kind the sheets hold most rows of (issue 13)
    names = [k.name for k in kinds]
    chosen = kinds[names.index(choose_kind(intake, names))]
    result = gather(intake, chosen.name, finish=chosen.finish, columns=chosen.columns, config=config,
                    writer=chosen.writer)
    # the summary's fields when --by is not given, and the declaration (labels, types) of the rows
    result.meta["by"] = list(chosen.by)
    result.meta["spec"] = chosen.spec
    return result


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
    # a declared kind's columns are headed on its reports by their labels (支店, 区分)
    spec = result.meta.get("spec")
    labels = {f.name: f.label for f in spec.fields if f.label} if isinstance(spec, KindSpec) else {}

    def shown(c: str, lang: str) -> str:
        return labels[c] if c in labels and lang != "en" else heading(c, lang)

    named = {**_BY_WORDS, **{heading(c, "en").lower(): c for c in columns}, **{shown(c, "ja"): c for c in columns}}
    fields = [b if b in columns else named.get(b, named.get(b.lower(), b)) for b in by]
    unknown = [b for b, f in zip(by, fields) if f not in columns]
    if unknown and columns:
        raise InputError(messages.text("by_unknown", lang, fields=", ".join(unknown),
                                       columns=", ".join(f"{shown(c, lang)} ({c})" if shown(c, lang) != c else c
                                                         for c in columns)))
    return fields


#: words for --by fields beside the reports' headings
_BY_WORDS = {"月": "month", "人": "person", "担当": "person", "日": "date"}


def write_result(result: Result, target: str, *, by: Iterable[str] = ("project", "person", "month"),
                 lang: str = "ja", overwrite: bool = False) -> None:
    """Write the consolidated rows, or the kind's report for ``.xlsx`` (``result.write`` does the same).

    The inputs are never overwritten: a target that is one of the files read is refused; any
    other existing file is kept unless ``overwrite=True`` (``--force``).
    """
    result.write(target, by=list(by), lang=lang, overwrite=overwrite)
