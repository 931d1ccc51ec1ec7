"""Consolidate many workbooks into one frame: ``ledgerkit.aggregate`` and ``ledgerkit.inspect``.

The flow, one way: find the files (folders, globs) → skip lock files and byte-identical
copies → read each file in a worker process (isolated: a file that crashes the reader
becomes that file's error) → run the kind's per-sheet reader there → bring the frames
back, run the kind's cross-file checks, and count: rows read = rows consolidated + rows
rejected.
"""

from __future__ import annotations

import glob
import hashlib
import os
import re
import sys
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ledgerkit.config.settings import Config
from ledgerkit.core.errors import InputError, UnreadableFileError
from ledgerkit.core.issues import Issue, count_rejected
from ledgerkit.consolidate.kinds import AUTO_ORDER, KINDS, SheetResult, reader_for

#: file suffixes read from folders
SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".xlsb"}
_GLOB_CHARS = set("*?[")


class UnreadableFilesError(InputError):
    """One or more input files could not be read (and ``skip_bad`` was not given)."""

    def __init__(self, errors: list[UnreadableFileError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass
class Stats:
    files_found: int = 0
    files_read: int = 0
    files_skipped: int = 0
    files_unreadable: int = 0
    sheets_read: int = 0
    sheets_skipped: int = 0
    rows_read: int = 0
    rows_consolidated: int = 0
    rows_rejected: int = 0

    @property
    def balanced(self) -> bool:
        """rows read = rows consolidated + rows rejected"""
        return self.rows_read == self.rows_consolidated + self.rows_rejected


@dataclass
class AggregateResult:
    """The consolidated rows, everything that was not consolidated, and the counts."""

    kind: str
    frame: Any
    issues: list[Issue]
    stats: Stats
    files: list[str] = field(default_factory=list)

    def __iter__(self):
        # ``frame, issues = ledgerkit.aggregate(...)``
        return iter((self.frame, self.issues))


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


# --- intake ----------------------------------------------------------------------------


def _display(path: Path) -> str:
    return str(path)


def collect_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[Path], list[Issue]]:
    """Expand files, folders (recursive) and glob patterns; skip lock files and copies.

    Returns the files to read, in a stable order, and an issue for each file skipped.
    A path that does not exist is an InputError.
    """
    found: list[Path] = []
    issues: list[Issue] = []
    for raw in paths:
        text = os.fspath(raw)
        if any(ch in text for ch in _GLOB_CHARS) and not Path(text).exists():
            matches = sorted(glob.glob(text, recursive=True))
            if not matches:
                raise InputError(f"{text}: no file matches this pattern")
            candidates = [Path(m) for m in matches]
        else:
            candidates = [Path(text)]
        for p in candidates:
            if p.is_dir():
                for child in sorted(p.rglob("*")):
                    if any(part.startswith(".") for part in child.relative_to(p).parts):
                        continue
                    if child.is_symlink():
                        # a link inside a folder may point anywhere on the machine: only a
                        # file named on the command line is followed
                        issues.append(Issue("symlink_skipped", _display(child), scope="file"))
                        continue
                    if not child.is_file():
                        continue
                    if child.suffix.lower() in SPREADSHEET_SUFFIXES or child.name.startswith("~$"):
                        found.append(child)
                    else:
                        issues.append(Issue("unsupported_file", _display(child), scope="file"))
            elif p.is_file():
                found.append(p)
            elif not p.exists():
                raise InputError(f"{text}: no such file or folder")
    # the original before its copies ("… - コピー.xlsx", "(1).xlsx"), so a copy is what is skipped
    found.sort(key=lambda p: (_looks_like_copy(p.stem), str(p)))
    files: list[Path] = []
    seen_paths: set[Path] = set()
    seen_hashes: dict[str, Path] = {}
    for p in found:
        real = p.resolve()
        if real in seen_paths:
            continue
        seen_paths.add(real)
        if p.name.startswith("~$"):
            issues.append(Issue("lock_file", _display(p), scope="file"))
            continue
        digest = _sha256(p)
        if digest in seen_hashes:
            issues.append(
                Issue("duplicate_file", _display(p), scope="file", params={"original": _display(seen_hashes[digest])})
            )
            continue
        seen_hashes[digest] = p
        files.append(p)
    return files, issues


_COPY_NAME = re.compile(r"コピー|copy|\(\d+\)$|（\d+）$|_bak$|\.bak$|バックアップ|backup|_old$|控え", re.IGNORECASE)


def _looks_like_copy(stem: str) -> bool:
    """``山田 - コピー``, ``Copy of 山田``, ``山田 (1)``, ``山田_bak``: a copy saved just in case.

    Names from a Mac (a zip made in Finder) spell コピー decomposed (ヒ + ゜); NFKC first.

    Examples:
        >>> _looks_like_copy("工数_山田 - \u30b3\u30d2\u309a\u30fc"), _looks_like_copy("工数_山田（1）")
        (True, True)
    """
    return bool(_COPY_NAME.search(unicodedata.normalize("NFKC", stem)))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    try:
        with open(path, "rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                h.update(block)
    except OSError as e:
        raise InputError(f"{path}: cannot open ({e.strerror or e.__class__.__name__})") from None
    return h.hexdigest()


# --- the per-file work (runs in a worker process) -----------------------------------------


@dataclass
class _FileOutcome:
    path: str
    format: str
    results: dict[str, list[tuple[str, SheetResult]]]  # kind -> [(sheet, result)]
    sheet_issues: list[Issue]
    sheets: list[SheetReport]


def _process_file(path: Path, *, kinds: list[str], config: Config, include_hidden: bool) -> _FileOutcome:
    from ledgerkit.intake.read import read_workbook

    display = _display(path)
    if _is_own_report(path):
        # a report ledgerkit wrote, saved into the folder it reads: counting it would
        # count every row twice
        return _FileOutcome(display, "xlsx", {k: [] for k in kinds}, [Issue("own_report", display, scope="file")], [])
    # A worker forked before the parent imported pandas imports it while calamine
    # parses the sheets (the parse releases the GIL), not after.
    loader = None
    if "pandas" not in sys.modules:
        loader = threading.Thread(target=_import_pandas, daemon=True)
        loader.start()
    try:
        workbook = read_workbook(path, lang=config.lang, **read_limits(config))
    finally:
        if loader is not None:
            loader.join()
    readers = {k: reader_for(k)[0] for k in kinds}
    results: dict[str, list[tuple[str, SheetResult]]] = {k: [] for k in kinds}
    sheet_issues: list[Issue] = []
    reports: list[SheetReport] = []
    for sheet in workbook.sheets:
        report = SheetReport(sheet.name, sheet.visible, rows=len(sheet.rows))
        reports.append(report)
        if sheet.visible != "visible" and not include_hidden:
            issue = Issue("hidden_sheet", display, sheet.name, scope="sheet")
            sheet_issues.append(issue)
            report.issues.append(issue)
            continue
        chosen = None
        first_miss = None
        for kind in kinds:
            result = SheetResult.coerce(readers[kind](sheet, file=display, config=config))
            if result.frame is not None:
                chosen = (kind, result)
                break
            if first_miss is None:
                first_miss = result
        if chosen is None:
            result = first_miss or SheetResult()
            if len(kinds) > 1 and [i.code for i in result.issues] == ["no_table"]:
                # --kind auto: say that no kind was found, not only the first one tried
                result = SheetResult(
                    issues=[Issue("no_table_any", display, sheet.name, scope="sheet", params={"kinds": ", ".join(kinds)})]
                )
            sheet_issues.extend(result.issues)
            report.issues.extend(result.issues)
            report.layout = result.layout
            report.header_row = result.header_row
            continue
        kind, result = chosen
        results[kind].append((sheet.name, result))
        report.kind, report.layout = kind, result.layout
        report.header_row, report.mapping = result.header_row, result.mapping
        report.rows_read = result.rows_read
        report.issues.extend(result.issues)
    return _FileOutcome(display, workbook.format, results, sheet_issues, reports)


def open_workbook(
    path: str | os.PathLike, config: Config | None = None, *, nrows: int | None = None, lang: str | None = None
):
    """Read one workbook in a worker process with the config's bounds, or raise.

    Every command reads through here or through :func:`aggregate`: a file that makes
    the reader abort or eat memory becomes an UnreadableFileError naming it, worded in
    the config's language, and the command goes on to say so in one line.
    """
    from ledgerkit.intake.isolate import read_workbook_isolated

    config = config if config is not None else Config()
    lang = lang or config.lang
    try:
        return read_workbook_isolated(
            Path(path),
            lang=lang,
            nrows=nrows,
            timeout=config.get("read.timeout", 120),
            memory_mb=config.get("read.memory_mb", 3072),
            **read_limits(config),
        )
    except UnreadableFileError as e:
        raise _in_language(e, lang) from None


def iter_sheets(paths, config: Config | None = None, *, issues: list[Issue]):
    """``(file, sheet)`` for every sheet to read under ``paths``, one isolated workbook at a time.

    Lock files, copies and (unless ``read.include_hidden``) hidden sheets are added to
    ``issues`` instead; an unreadable file raises its UnreadableFileError.
    """
    config = config if config is not None else Config()
    include_hidden = bool(config.get("read.include_hidden", False))
    files, skipped = collect_inputs(paths)
    issues.extend(skipped)
    for path in files:
        workbook = open_workbook(path, config)
        file = str(path)
        for sheet in workbook.sheets:
            if sheet.visible != "visible" and not include_hidden:
                issues.append(Issue("hidden_sheet", file, sheet.name, scope="sheet"))
                continue
            yield file, sheet


def read_limits(config: Config) -> dict:
    """The reader's bounds from ``[read]`` in the config (file size, cells, zip bombs)."""
    mib = 1 << 20
    return {
        "max_bytes": int(config.get("read.max_file_mb", 200)) * mib,
        "max_cells": int(config.get("read.max_cells", 10_000_000)),
        "max_uncompressed": int(config.get("read.max_uncompressed_mb", 1024)) * mib,
        "max_ratio": float(config.get("read.max_ratio", 1000.0)),
    }


def _is_own_report(path: Path) -> bool:
    """True for an xlsx that ledgerkit's writers marked as their report."""
    import zipfile

    from ledgerkit.reports.writers import REPORT_MARK

    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    try:
        with zipfile.ZipFile(path) as z:
            info = z.getinfo("docProps/core.xml")
            if info.file_size > 1 << 16:
                return False
            return REPORT_MARK.encode() in z.read(info)
    except (KeyError, OSError, zipfile.BadZipFile, RuntimeError, ValueError):
        return False


def _run(files: list[Path], *, kinds: list[str], config: Config, include_hidden: bool, jobs: int | None, progress):
    from functools import partial

    from ledgerkit.intake.isolate import run_isolated

    work = partial(_process_file, kinds=kinds, config=config, include_hidden=include_hidden)
    jobs = jobs or (config.get("read.jobs") or None)
    # pandas takes a good part of a second to import. With more files than workers, the
    # parent imports it first so that every worker inherits it; with a worker per file,
    # the workers start at once and the parent imports it while they read.
    if len(files) > (jobs or os.cpu_count() or 1):
        _import_pandas()
    return run_isolated(
        work,
        files,
        jobs=jobs,
        timeout=config.get("read.timeout", 120),
        memory_mb=config.get("read.memory_mb", 3072),
        progress=progress,
        while_waiting=_import_pandas,
    )


def _import_pandas() -> None:
    import pandas  # noqa: F401


def _nothing_to_read(paths, skipped: list[Issue]) -> str:
    """One line for an input that holds no workbook to read (an empty folder, only copies)."""
    where = ", ".join(os.fspath(p) for p in paths)
    if not skipped:
        return f"{where}: no spreadsheet files (.xlsx .xlsm .xls .ods .csv) found"
    reasons = sorted({i.message("en").split(":")[0] for i in skipped})
    return f"{where}: nothing to read — {len(skipped)} file(s) skipped ({'; '.join(reasons)})"


def _kinds_for(kind: str) -> list[str]:
    if kind == "auto":
        return [k for k in AUTO_ORDER if _importable(k)]
    if kind not in KINDS:
        raise InputError(f"--kind must be one of auto, {', '.join(KINDS)}; not {kind!r}")
    if not _importable(kind):
        raise InputError(f"kind {kind!r} is not available in this installation")
    return [kind]


def _importable(kind: str) -> bool:
    try:
        reader_for(kind)
    except (ImportError, AttributeError):
        return False
    return True


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
    files, issues = collect_inputs(paths)
    if not files:
        raise InputError(_nothing_to_read(paths, issues))
    stats = Stats(files_found=len(files) + len(issues))
    stats.files_skipped = len(issues)
    outcomes = _run(files, kinds=kinds, config=config, include_hidden=include_hidden, jobs=jobs, progress=progress)
    import pandas as pd

    unreadable: list[UnreadableFileError] = []
    per_kind: dict[str, list[tuple[str, SheetResult]]] = {k: [] for k in kinds}
    for path, outcome in outcomes:
        if isinstance(outcome, BaseException):
            err = outcome if isinstance(outcome, UnreadableFileError) else UnreadableFileError(path, "corrupt", str(outcome))
            unreadable.append(err)
            continue
        stats.files_read += 1
        issues.extend(outcome.sheet_issues)
        for k, items in outcome.results.items():
            per_kind[k].extend(items)
    unreadable = [_in_language(err, config.lang) for err in unreadable]
    if unreadable and not skip_bad:
        raise UnreadableFilesError(unreadable)
    for err in unreadable:
        stats.files_unreadable += 1
        issues.append(
            Issue("unreadable_file", _display(Path(err.path)), scope="file", severity="error", params={"reason": err.reason})
        )
    chosen = kinds[0]
    if len(kinds) > 1:
        # --kind auto: the first kind, in AUTO_ORDER, that any sheet holds; sheets of the
        # other kinds are listed so the person can run them with --kind
        chosen = next((k for k in kinds if per_kind[k]), kinds[0])
        for k in kinds:
            if k == chosen:
                continue
            for sheet_name, r in per_kind[k]:
                file = r.frame["source_file"].iloc[0] if len(r.frame) else ""
                issues.append(Issue("other_kind", file, sheet_name, scope="sheet", params={"kind": k}))
    frames = []
    for _, r in per_kind[chosen]:
        stats.sheets_read += 1
        stats.rows_read += r.rows_read
        issues.extend(r.issues)
        if r.frame is not None and len(r.frame):
            frames.append(r.frame)
    frame = pd.concat(frames, ignore_index=True) if frames else _empty_frame(chosen)
    _, finisher = reader_for(chosen)
    if finisher is not None:
        frame, issues = finisher(frame, issues, config)
    # sheets not read at all (a note about a sheet that was read, such as a table beside it,
    # does not make it skipped)
    read_sheets = {(str(f), str(sh)) for f, sh in frame[["source_file", "source_sheet"]].drop_duplicates().itertuples(index=False)} if len(frame) else set()
    stats.sheets_skipped = len({(i.file, i.sheet) for i in issues if i.scope == "sheet"} - read_sheets)
    stats.rows_rejected = count_rejected(issues)
    if len(frame):
        stats.rows_consolidated = int(frame[["source_file", "source_sheet", "source_row"]].drop_duplicates().shape[0])
    if not stats.balanced:
        # the count itself is the check that nothing was lost: if it does not add up, say so
        issues.append(
            Issue(
                "accounting_mismatch",
                scope="file",
                severity="error",
                params={"read": stats.rows_read, "consolidated": stats.rows_consolidated, "rejected": stats.rows_rejected},
            )
        )
    return AggregateResult(chosen, frame, issues, stats, [str(f) for f in files])


def _in_language(err: UnreadableFileError, lang: str) -> UnreadableFileError:
    """The same refusal with its reason in ``lang`` (workers word it in Japanese)."""
    from ledgerkit.intake.read import unreadable_message

    reason = unreadable_message(err, lang)
    if reason == err.reason:
        return err
    out = UnreadableFileError(err.path, err.code, reason)
    out.__dict__.update({k: v for k, v in err.__dict__.items() if k not in ("path", "code", "reason")})
    return out


def _empty_frame(kind: str):
    import importlib

    import pandas as pd

    module = importlib.import_module(KINDS[kind][0])
    columns = next((getattr(module, n) for n in dir(module) if n.endswith("_COLUMNS") and n.isupper()), None)
    return pd.DataFrame(columns=list(columns or ["source_file", "source_sheet", "source_row"]))


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
    files, skipped = collect_inputs(paths)
    if not files and not skipped:
        raise InputError(_nothing_to_read(paths, skipped))
    reports = [FileReport(i.file, skipped=i) for i in skipped]
    outcomes = _run(files, kinds=kinds, config=config, include_hidden=include_hidden, jobs=jobs, progress=progress)
    for path, outcome in outcomes:
        if isinstance(outcome, BaseException):
            err = outcome if isinstance(outcome, UnreadableFileError) else UnreadableFileError(path, "corrupt", str(outcome))
            reports.append(FileReport(_display(Path(path)), error=_in_language(err, config.lang)))
        else:
            reports.append(FileReport(outcome.path, outcome.format, outcome.sheets))
    return reports
