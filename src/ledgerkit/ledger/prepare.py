"""A result made ready for the ledger, before any database is touched.

Its rows are grouped by source file and by period into slices (each with a digest of its
rows), every source file is hashed, and every Issue gets its fingerprint and its source's
content hash. The database part (:mod:`ledgerkit.ledger.recording`) then only compares
digests and writes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from dataclasses import dataclass, field
from typing import Iterable

from ledgerkit.core.issues import Issue
from ledgerkit.ledger.rowdata import digest, fingerprint, period_of, plain, plain_column, stored_rows
from ledgerkit.ledger.sources import file_facts, source_key

__all__ = ["SliceData", "SourceData", "FindingData", "Prepared", "prepare"]


@dataclass
class SliceData:
    """What one source gave for one period: rows ready to insert, and their digest."""

    period: str
    rows: list[dict] = field(default_factory=list)
    digest: str = ""


@dataclass
class SourceData:
    """One source file of a result: its key, the path as given, its content, its slices."""

    key: str
    path: str
    sha256: str
    size: int | None = None
    mtime: dt.datetime | None = None
    slices: dict[str, SliceData] = field(default_factory=dict)


@dataclass
class FindingData:
    """One Issue as the ledger stores it."""

    fingerprint: str
    values: dict


@dataclass
class Prepared:
    kind: str
    sources: list[SourceData]
    findings: list[FindingData]


def _records(frame) -> list[dict]:
    """The rows as dicts of plain values (converted a column at a time: this is the slow part)."""
    if frame is None or not len(frame):
        return []
    columns = [str(c) for c in frame.columns]
    values = [plain_column(frame.iloc[:, i]) for i in range(len(columns))]
    return [dict(zip(columns, row)) for row in zip(*values)]


def _slices(kind: str, records: list[dict], meta: dict) -> dict[str, SliceData]:
    by_period: dict[str, list[dict]] = {}
    for record in records:
        by_period.setdefault(period_of(record, meta), []).append(record)
    slices = {p: SliceData(p, stored_rows(kind, group)) for p, group in by_period.items()}
    for s in slices.values():
        s.digest = digest(sorted(f"{r['sheet']}\x1f{r['excel_row']}\x1f{r['data']}" for r in s.rows))
    return slices


def _by_source(kind: str, records: list[dict], files: Iterable[str], base_dir, cwd) -> dict[str, tuple[str, list]]:
    """Rows grouped by source key (two spellings of one file, ./a.xlsx and a.xlsx, are one source)."""
    by_key: dict[str, tuple[str, list[dict]]] = {}
    keys: dict[str, str] = {}

    def add(name: str, record: dict | None) -> None:
        if name not in keys:
            keys[name] = source_key(name, base_dir, cwd=cwd) if name else f"({kind})"
        entry = by_key.setdefault(keys[name], (name, []))
        if record is not None:
            entry[1].append(record)

    for record in records:
        name = record.get("source_file")  # already plain (see _records)
        add("" if name is None else str(name), record)
    for name in files:
        # a file read that gave no rows is still a file read (its next change is news)
        add(os.fspath(name), None)
    return by_key


def _source(kind: str, key: str, path: str, records: list[dict], meta: dict, cwd) -> SourceData:
    slices = _slices(kind, records, meta)
    facts = file_facts(path, cwd) if path else None
    if facts is not None:
        return SourceData(key, path, facts.sha256, facts.size, facts.mtime, slices)
    # not at hand (a report read back, rows no file gave): the rows are the content
    rows_digest = digest(f"{p}\x1f{s.digest}" for p, s in sorted(slices.items()))
    return SourceData(key, path, f"rows:{rows_digest}", None, None, slices)


def _finding(kind: str, issue: Issue, key: str, sha: str) -> FindingData:
    params = {k: plain(v) if not isinstance(v, dict) else {kk: plain(vv) for kk, vv in v.items()}
              for k, v in (issue.params or {}).items()}
    values = {
        "kind": kind, "code": issue.code, "severity": issue.severity, "scope": issue.scope, "source_key": key,
        "file": issue.file or "", "sheet": issue.sheet or "", "excel_row": issue.row,
        "column_name": issue.column or "", "value": str(issue.value or ""), "ref": issue.ref or "",
        "params": json.dumps(params, ensure_ascii=False, sort_keys=True, default=str), "source_sha": sha,
    }
    return FindingData(fingerprint(kind, issue, key), values)


def _findings(kind: str, issues: Iterable[Issue], sources: list[SourceData], base_dir, cwd) -> list[FindingData]:
    shas = {s.path: s.sha256 for s in sources if s.path}
    out: dict[str, FindingData] = {}
    for issue in issues:
        key = source_key(issue.file, base_dir, cwd=cwd) if issue.file else ""
        sha = shas.get(issue.file) if issue.file else ""
        if sha is None:
            facts = file_facts(issue.file, cwd)
            sha = facts.sha256 if facts is not None else ""
            shas[issue.file] = sha
        found = _finding(kind, issue, key, sha)
        out.setdefault(found.fingerprint, found)
    return list(out.values())


def prepare(result, *, kind: str | None = None, base_dir: str | os.PathLike | None = None,
            cwd: str | os.PathLike | None = None) -> Prepared:
    """Group a result's rows into sources and slices and fingerprint its issues.

    ``base_dir`` is the project folder the source keys are relative to; ``cwd`` the folder
    the result's paths are relative to (the working folder of the command that made it).
    """
    kind = kind or getattr(result, "kind", "") or "rows"
    base_dir = base_dir if base_dir is not None else os.getcwd()
    meta = dict(getattr(result, "meta", {}) or {})
    records = _records(getattr(result, "frame", None))
    groups = _by_source(kind, records, getattr(result, "files", []) or [], base_dir, cwd)
    sources = [_source(kind, key, path, rows, meta, cwd) for key, (path, rows) in groups.items()]
    return Prepared(kind, sources, _findings(kind, getattr(result, "issues", []) or [], sources, base_dir, cwd))
