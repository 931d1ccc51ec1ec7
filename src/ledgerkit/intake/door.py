"""The one door through which every command reads workbooks: :func:`read_files`.

Files, folders and globs → the files to read (lock files, copies, links and
ledgerkit's own reports listed, not read) → each file read in a bounded worker process
(time and memory limits; a file that crashes the reader becomes that file's error) →
in the same worker, every visible sheet handed to the caller's per-sheet ``reader``
(hidden sheets listed) → the per-sheet results back in the parent, with every file
and sheet given accounted for.

A file that cannot be read stops the command with one line per file
(:class:`UnreadableFilesError`), or with ``skip_bad`` is listed as an error and the
others are read.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Protocol

from ledgerkit.config.loading import Config
from ledgerkit.core import messages
from ledgerkit.core.errors import InputError, LedgerkitError, ReaderBug, UnreadableFileError
from ledgerkit.core.issues import Issue
from ledgerkit.core.issues import count_rejected
from ledgerkit.core.result import Columns, Result, SheetResult, Stats
from ledgerkit.intake.content import describe_content
from ledgerkit.kinds import KIND_WORDS
from ledgerkit.intake.formulas import unsaved_formula_issues
from ledgerkit.intake.files import collect_inputs, edited_copies, nothing_to_read, own_report_issue
from ledgerkit.intake.isolate import read_workbook_isolated
from ledgerkit.intake.pool import run_pooled
from ledgerkit.intake.refusals import _refuse
from ledgerkit.intake.sniff import CFB_MAGIC, ZIP_MAGICS, open_zip, sniff
from ledgerkit.intake.read import RawSheet, read_workbook, unreadable_message


class SheetReader(Protocol):
    """Reads one sheet in the worker: ``reader(sheet, file=…, config=…) -> SheetResult``.

    It must be picklable (a module-level function, or an instance of a module-level
    class), since the worker may be started with ``spawn``.
    """

    def __call__(self, sheet: RawSheet, *, file: str, config: Config) -> SheetResult: ...


@dataclass
class SheetRead:
    """One sheet of a file: its name, visibility and size, and what the reader made of it."""

    name: str
    visible: str
    rows: int = 0
    #: None for a sheet not handed to the reader (hidden); ``hidden`` then says why
    result: SheetResult | None = None
    hidden: Issue | None = None


@dataclass
class FileRead:
    """One file given: what it is, its sheets, or why it was not read."""

    path: str
    format: str = ""
    sheets: list[SheetRead] = dataclasses.field(default_factory=list)
    #: file-level notes from the worker (a report mark that does not verify)
    issues: list[Issue] = dataclasses.field(default_factory=list)
    error: UnreadableFileError | None = None
    #: why the worker left the file out unread (ledgerkit's own report): counted as skipped
    skipped: Issue | None = None


@dataclass
class Intake:
    """Every file and sheet given, read or not, and why not.

    ``skipped`` lists the files left out (lock files, copies, links…, and ledgerkit's own
    reports, which the worker recognises by their seal);
    ``unreadable``, under ``skip_bad``, the files that could not be read (errors).
    """

    files: list[FileRead]
    skipped: list[Issue]
    stats: Stats
    unreadable: list[Issue] = dataclasses.field(default_factory=list)

    def sheets(self) -> Iterable[tuple[FileRead, SheetRead]]:
        for f in self.files:
            for s in f.sheets:
                yield f, s

    def sheet_issues(self) -> list[Issue]:
        """File notes and the reasons of sheets that held nothing for the reader, in order."""
        out: list[Issue] = []
        for f in self.files:
            out.extend(f.issues)
            for s in f.sheets:
                if s.hidden is not None:
                    out.append(s.hidden)
        return out


class UnreadableFilesError(InputError):
    """One or more input files could not be read (and ``skip_bad`` was not given)."""

    def __init__(self, errors: list[UnreadableFileError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def read_report_workbook(path: str | os.PathLike, config: Config | None = None):
    """One workbook read in a bounded worker, ledgerkit's own reports included: the way back
    in for a report ledgerkit wrote (``ledgerkit record REPORT``). Everything else reads through
    :func:`read_files`, which skips own reports so that no row is counted twice.

    Raises UnreadableFileError (in the config's language) for a file that cannot be read.
    """
    config = config if config is not None else Config()
    try:
        return read_workbook_isolated(
            Path(path), lang=config.lang, timeout=config.get("read.timeout", 120),
            memory_mb=config.get("read.memory_mb", 3072), **read_limits(config),
        )
    except UnreadableFileError as e:
        raise in_language(e, config.lang) from None


def read_limits(config: Config) -> dict:
    """The reader's bounds from ``[read]`` in the config (file size, cells, zip bombs)."""
    mib = 1 << 20
    return {
        "max_bytes": int(config.get("read.max_file_mb", 200)) * mib,
        "max_cells": int(config.get("read.max_cells", 10_000_000)),
        "max_uncompressed": int(config.get("read.max_uncompressed_mb", 1024)) * mib,
        "max_ratio": float(config.get("read.max_ratio", 1000.0)),
    }


def in_language(err: UnreadableFileError, lang: str) -> UnreadableFileError:
    """The same refusal with its reason in ``lang`` (workers word it in Japanese)."""
    reason = unreadable_message(err, lang)
    if reason == err.reason:
        return err
    out = UnreadableFileError(err.path, err.code, reason)
    out.__dict__.update({k: v for k, v in err.__dict__.items() if k not in ("path", "code", "reason")})
    return out


# --- many files, in workers ------------------------------------------------------------


def _read_one(path: Path, *, reader: SheetReader, config: Config, include_hidden: bool) -> FileRead:
    """The worker's job: read one file and hand each visible sheet to ``reader``."""
    limits = read_limits(config)
    # the zip's directory read once for the sniff, the bounds and DTD check and the seal
    # (issue 17: each used to open it again); closed once the workbook is read
    zf = open_zip(path, limits["max_bytes"])
    try:
        own = own_report_issue(path, zf=zf)
        if own is not None and own.code == "own_report":
            # a report ledgerkit wrote, saved into the folder it reads: counting it would
            # count every row twice
            return FileRead(str(path), "xlsx", skipped=own)
        # No pandas here (issue 17): the readers return plain columns and the parent builds
        # the frames once; a reader that still makes a DataFrame imports it when it does.
        workbook = read_workbook(path, lang=config.lang, zf=zf, **limits)
    finally:
        if zf is not None:
            zf.close()
    display = str(path)
    out = FileRead(display, workbook.format, issues=[own] if own is not None else [])
    for sheet in workbook.sheets:
        read = SheetRead(sheet.name, sheet.visible, rows=len(sheet.rows))
        out.sheets.append(read)
        if sheet.visible != "visible" and not include_hidden:
            read.hidden = Issue("hidden_sheet", display, sheet.name, scope="sheet")
            continue
        read.result = _run_reader(reader, sheet, display, config)
        if sheet.unsaved is not None and read.result.note != "summary":
            # a formula saved without its result was read as an empty cell: never unsaid
            # (a summary of other sheets is not counted, whatever its cells hold); the rows
            # used are looked up only then, not for every sheet
            read.result.issues.extend(unsaved_formula_issues(sheet.unsaved, display, sheet.name,
                                                             _rows_used(read.result)))
        if not read.result.has_frame:
            _note_unread_data(read.result, sheet, display)
    return out


def _rows_used(result: SheetResult) -> set[int] | None:
    """The Excel rows a reader kept (its rows' ``source_row``) or rejected; None when it did
    not say — no table found, or rows without their place — and every formula cell then counts
    (a sheet whose hours all sat in unsaved formulas is exactly what the check is for).

    Read from the worker's plain columns (:attr:`SheetResult.columns`): building the frame here
    would import pandas in the worker and send a DataFrame back.
    """
    if not result.has_frame:
        return None
    columns = result.columns
    if columns is not None:
        column = columns.data.get("source_row")
    else:  # a reader that made a DataFrame itself
        frame = result.frame
        column = frame["source_row"].tolist() if "source_row" in frame.columns else None
    if column is None:
        return None
    rows = {int(r) for r in column if r is not None and r == r}
    rows.update(i.row for i in result.issues if i.rejected and i.row)
    return rows


#: a reader's notes for sheets that are certainly not data (nothing to warn about)
_NOT_DATA = {"empty", "summary", "order list", "definition", "invoice form"}


def _note_unread_data(result: SheetResult, sheet: RawSheet, file: str) -> None:
    """A sheet no reader found a table in, that holds figures in a block: a warning, not a shrug.

    Issue 13: a layout ledgerkit did not recognise (dates down and projects across) used to
    give "info" and a row count that looked complete. The warning says what the sheet holds
    and where, so a person can point ledgerkit at it (``inspect``, ``--kind``, ``[columns]``).
    """
    if result.note in _NOT_DATA or _read_its_table(result):
        return
    content = describe_content(sheet.rows)
    if not content.looks_like_data:
        return
    # the reader's own reason for the sheet; failing one, its first note; never an empty ()
    reason = next((i for i in result.issues if i.scope == "sheet"), None) or next(iter(result.issues), None)
    result.issues.append(Issue(
        "unread_data", file, sheet.name, scope="sheet", severity="warning",
        params={"what": {"ja": content.words("ja"), "en": content.words("en")},
                "reason": ({"ja": reason.message("ja"), "en": reason.message("en")} if reason else
                           {lang: messages.text("unread_no_reason", lang) for lang in ("ja", "en")}),
                "file": messages.shown_path(file)},
    ))


def _read_its_table(result: SheetResult) -> bool:
    """A reader that found its table and read rows under it without making a frame of them (a
    単価表 is a lookup, put together in the parent): the sheet's figures were used, not unread."""
    return result.header_row is not None and result.rows_read > 0


#: the issues that only say a sheet held nothing for one reader of a command
_NOTHING_FOR_THIS_READER = ("unread_data", "no_table", "empty_sheet")


def drop_read_elsewhere(issues: list[Issue], used: Iterable[tuple[str, str]],
                        codes: Iterable[str] = _NOTHING_FOR_THIS_READER) -> list[Issue]:
    """``issues`` less those that say a sheet was not read (``unread_data``, ``no_table``…) by one
    reader, for the sheets (file, sheet) another reader of the same command used: one workbook
    given for two lists (依頼一覧 and 担当者一覧, 予算表 and 単価表) is read, each sheet by one.

    Examples:
        >>> i = [Issue("unread_data", "a.xlsx", "依頼", scope="sheet"),
        ...      Issue("unread_data", "a.xlsx", "メモ", scope="sheet")]
        >>> [x.sheet for x in drop_read_elsewhere(i, {("a.xlsx", "依頼")})]
        ['メモ']
    """
    used, codes = {(str(f), str(s)) for f, s in used}, set(codes)
    return [i for i in issues if not (i.code in codes and (str(i.file), str(i.sheet)) in used)]


def sheets_used(frame) -> set[tuple[str, str]]:
    """The (file, sheet) pairs a gathered frame holds rows of."""
    if frame is None or not len(frame) or not {"source_file", "source_sheet"} <= set(frame.columns):
        return set()
    pairs = frame[["source_file", "source_sheet"]].drop_duplicates().itertuples(index=False)
    return {(str(f), str(s)) for f, s in pairs}


def _run_reader(reader: SheetReader, sheet: RawSheet, file: str, config: Config) -> SheetResult:
    """``reader`` on one sheet; whatever it raises (other than a LedgerkitError) is a bug in
    ledgerkit's code, never the file's fault: a :class:`ReaderBug` naming the file (exit 3)."""
    try:
        return SheetResult.coerce(reader(sheet, file=file, config=config))
    except (LedgerkitError, KeyboardInterrupt, SystemExit):
        raise
    except MemoryError:
        raise
    except Exception as e:  # noqa: BLE001 - the sheet was read; the code that parses it failed
        detail = " ".join(str(e).split())[:160]
        kind = type(e).__name__
        raise ReaderBug(file, sheet.name, kind, detail, messages.text(
            "reader_bug", config.lang, path=messages.shown_path(file), sheet=sheet.name, kind=kind, detail=detail,
        )) from None


def _import_pandas() -> None:
    import pandas  # noqa: F401


#: a text file (CSV) this small is read in the command's own process: Python's csv module
#: cannot crash it and cannot take long, and a worker would cost more than the reading
IN_PROCESS_BYTES = 256 * 1024


def _read_all(work, files: list[Path], *, jobs, timeout, memory_mb, progress, while_waiting) -> list:
    """``(path, FileRead or error)`` for each file, in order: many files through a pool of
    long-lived workers (:func:`~ledgerkit.intake.pool.run_pooled`); a small CSV file in this
    process. A workbook (xlsx, xls, ods…) is always read in a worker: its reader is Rust
    code that a hostile file can crash."""
    outcomes: dict[int, object] = {}
    pooled = []
    for i, path in enumerate(files):
        if _safe_in_process(path):
            outcomes[i] = _in_process(work, path)
        else:
            pooled.append(i)
    if pooled:
        done = len(outcomes)
        report = (lambda d, t: progress(done + d, len(files))) if progress is not None else None
        for i, (_, outcome) in zip(pooled, run_pooled(work, [files[i] for i in pooled], jobs=jobs, timeout=timeout,
                                                       memory_mb=memory_mb, progress=report,
                                                       while_waiting=while_waiting)):
            outcomes[i] = outcome
    elif while_waiting is not None:
        while_waiting()
    return [(files[i], outcomes[i]) for i in range(len(files))]


def _safe_in_process(path: Path) -> bool:
    try:
        if path.stat().st_size > IN_PROCESS_BYTES:
            return False
        with open(path, "rb") as f:
            if f.read(8).startswith((CFB_MAGIC, *ZIP_MAGICS)):
                return False  # a workbook: sniff would never call it csv (no need to open the zip)
        return sniff(path).format == "csv"
    except (OSError, ValueError):
        return False


def _in_process(work, path: Path):
    """What a worker would send back, for a file read here."""
    try:
        return work(path)
    except LedgerkitError as e:
        return e
    except Exception as e:  # noqa: BLE001 - as a worker reports it
        return _refuse(path, "corrupt", "file_worker_error", kind=type(e).__name__, detail=" ".join(str(e).split())[:160])


def read_files(
    paths: Iterable[str | os.PathLike] | str | os.PathLike,
    config: Config | None = None,
    *,
    reader: SheetReader,
    include_hidden: bool | None = None,
    skip_bad: bool = False,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    keep_errors: bool = False,
    while_waiting: Callable[[], object] | None = _import_pandas,
) -> Intake:
    """Read every workbook under ``paths``, handing each visible sheet to ``reader`` in the worker.

    ``paths`` are files, folders (read recursively) or glob patterns; a path that does
    not exist, or an input with no spreadsheet at all, is an InputError. Unreadable files
    raise :class:`UnreadableFilesError` (every one named) unless ``skip_bad``, when each is
    listed in ``skipped`` as an error; ``keep_errors`` (for ``inspect``) leaves them on
    their :class:`FileRead` instead. ``while_waiting()`` runs in this process while the
    workers read (by default it imports pandas, which :func:`gather` needs; ``None`` when
    the caller builds no frame).
    """
    config = config if config is not None else Config()
    if include_hidden is None:
        include_hidden = bool(config.get("read.include_hidden", False))
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files, skipped = collect_inputs(paths, lang=config.lang, max_bytes=read_limits(config)["max_bytes"])
    if not files and not (keep_errors and skipped):
        raise InputError(nothing_to_read(paths, skipped, config.lang))
    stats = Stats(files_found=len(files) + len(skipped), files_skipped=len(skipped))
    copies = {i.file: i for i in edited_copies(files)}
    work = partial(_read_one, reader=reader, config=config, include_hidden=include_hidden)
    jobs = jobs or (config.get("read.jobs") or None)
    # Workers never import pandas and are forked before the parent does (a fork copies the
    # parent's page tables: the smaller the parent, the cheaper); the parent imports it while
    # they read (``while_waiting``), when the caller needs frames.
    outcomes = _read_all(work, files, jobs=jobs, timeout=config.get("read.timeout", 120),
                         memory_mb=config.get("read.memory_mb", 3072), progress=progress,
                         while_waiting=while_waiting) if files else []
    read: list[FileRead] = []
    unreadable: list[UnreadableFileError] = []
    for path, outcome in outcomes:
        if isinstance(outcome, ReaderBug):
            raise outcome  # a bug, not a bad file: never skipped, never listed as unreadable
        if isinstance(outcome, BaseException):
            err = outcome if isinstance(outcome, UnreadableFileError) else UnreadableFileError(path, "corrupt", str(outcome))
            err = in_language(err, config.lang)
            if keep_errors:
                read.append(FileRead(str(Path(path)), error=err))
            else:
                unreadable.append(err)
            continue
        if outcome.skipped is not None:
            stats.files_skipped += 1
            skipped.append(outcome.skipped)
            continue
        stats.files_read += 1
        if str(path) in copies:
            outcome.issues.insert(0, copies[str(path)])  # read, and said to be a copy that differs
        read.append(outcome)
    if unreadable and not skip_bad:
        raise UnreadableFilesError(unreadable)
    lost = []
    for err in unreadable:
        stats.files_unreadable += 1
        lost.append(Issue("unreadable_file", str(Path(err.path)), scope="file", severity="error",
                             params={"reason": err.reason}))
    return Intake(read, skipped, stats, lost)


# --- one kind's rows, with the accounting -------------------------------------------------------


def gather(
    intake: Intake,
    kind: str,
    *,
    finish: Callable | None = None,
    columns: Iterable[str] = ("source_file", "source_sheet", "source_row"),
    config: Config | None = None,
    writer: Callable | None = None,
) -> Result:
    """The rows of ``kind`` from every sheet that held them, and everything that was not used.

    Sheets the reader found another kind in (``SheetResult.kind``) are listed as
    ``other_kind``; ``finish(frame, issues, config)`` runs once over all rows (duplicates,
    cross-file checks); the counts are checked: rows read = rows consolidated + rows
    rejected, or an ``accounting_mismatch`` error says so.
    """
    import pandas as pd

    stats = dataclasses.replace(intake.stats)
    issues = list(intake.skipped)
    chosen: list[SheetResult] = []
    chosen_files: set[str] = set()
    others: list[tuple[str, str, SheetResult]] = []
    for f in intake.files:
        issues.extend(f.issues)
        for sheet in f.sheets:
            if sheet.hidden is not None:
                issues.append(sheet.hidden)
            elif not sheet.result.has_frame:
                issues.extend(sheet.result.issues)
            elif sheet.result.kind in ("", kind):
                chosen.append(sheet.result)
                if sheet.result.row_count:
                    chosen_files.add(f.path)
            else:
                others.append((f.path, sheet.name, sheet.result))
    issues.extend(intake.unreadable)
    for file, sheet_name, r in others:
        # sheets of another kind are listed, so the person can run them with --kind: a warning
        # when they hold rows (data not in this report), info when they hold none
        issues.append(Issue("other_kind", file, sheet_name, scope="sheet", severity="warning" if r.row_count else "info",
                            params={"kind": KIND_WORDS.get(r.kind, r.kind), "kind_option": r.kind,
                                    "rows": r.row_count}))
    issues.extend(_files_without_rows(intake, chosen_files, {f for f, _, r in others if r.row_count}))
    parts = []
    for r in chosen:
        stats.sheets_read += 1
        stats.rows_read += r.rows_read
        issues.extend(r.issues)
        if r.row_count:
            parts.append(r)
    frame = _one_frame(parts) if parts else pd.DataFrame(columns=list(columns))
    if finish is not None:
        frame, issues = finish(frame, issues, config if config is not None else Config())
    _account(frame, issues, stats)
    config = config if config is not None else Config()
    return Result(kind, frame, issues, stats, [f.path for f in intake.files], meta={"lang": config.lang},
                  writer=writer)


def _files_without_rows(intake: Intake, with_rows: set[str], elsewhere: set[str]) -> list[Issue]:
    """A file read that gave no row at all is a warning of its own, shown on the terminal (issue 13),
    with the reasons of its sheets — unless its rows are of another kind (already named), or an
    error or warning about one of its sheets already says so."""
    out = []
    for f in intake.files:
        if f.path in with_rows or f.path in elsewhere:
            continue
        flagged = [i for s in f.sheets if s.result is not None for i in s.result.issues if i.severity != "info"]
        if flagged:
            continue  # an error or a warning about it is on the terminal already
        reasons = []
        for s in f.sheets:
            why = s.hidden if s.result is None else next((i for i in s.result.issues if i.scope == "sheet"), None)
            if why is None and s.result is not None and s.result.has_frame:
                # a table was found and it holds no row: a list with only its header
                why = Issue("sheet_header_only", f.path, s.name, scope="sheet", params={"row": s.result.header_row})
            if why is not None:
                reasons.append({lang: f"{s.name}: {why.message(lang)}" for lang in ("ja", "en")})
        shown = {lang: "; ".join(r[lang] for r in reasons[:3]) or ("シートがありません" if lang == "ja" else "no sheet")
                 for lang in ("ja", "en")}
        out.append(Issue("file_no_rows", f.path, scope="file", severity="warning",
                         params={"sheets": len(f.sheets), "reasons": shown}))
    return out


def _one_frame(parts: list[SheetResult]):
    """The sheets' rows as one DataFrame. Sheets read as plain columns with the same typed
    columns are joined as lists and the frame built once (issue 17); any other mix is the
    ``pandas.concat`` of each sheet's frame, as before."""
    import pandas as pd

    cols = [r.columns for r in parts]
    if all(c is not None and c.mergeable and c.names == cols[0].names and c.types == cols[0].types for c in cols):
        return Columns.join(cols)
    return pd.concat([r.frame for r in parts], ignore_index=True)


def _account(frame, issues: list[Issue], stats: Stats) -> None:
    """Fill the sheet and row counts; if they do not add up, an error says so."""
    # sheets not read at all (a note about a sheet that was read, such as a table beside it,
    # does not make it skipped)
    read_sheets = set()
    if len(frame):
        read_sheets = {(str(f), str(sh)) for f, sh in
                       frame[["source_file", "source_sheet"]].drop_duplicates().itertuples(index=False)}
    stats.sheets_skipped = len({(i.file, i.sheet) for i in issues if i.scope == "sheet"} - read_sheets)
    stats.rows_rejected = count_rejected(issues)
    if len(frame):
        stats.rows_consolidated = int(frame[["source_file", "source_sheet", "source_row"]].drop_duplicates().shape[0])
    if not stats.balanced:
        # the count itself is the check that nothing was lost
        issues.append(Issue("accounting_mismatch", scope="file", severity="error",
                            params={"read": stats.rows_read, "consolidated": stats.rows_consolidated,
                                    "rejected": stats.rows_rejected}))
