"""Recording one prepared result in one transaction: what is new, what changed, what stays.

For each source of the result (under the ledger's write lock):

* its content and rows are those the ledger already holds for every period → **unchanged**;
* else its slices for those periods are replaced: the old ones get ``to_run`` (superseded,
  kept for history and ``diff``), the new ones are inserted with their rows. An older
  version's slice for a period the new content no longer has is superseded too when the two
  versions share a period (a typo in a date fixed); when they share none (one file reused
  for the next month), the older month stays;
* its content already recorded under another name (a copy kept "just in case", ``- コピー``)
  → a **copy**: nothing of it is added, so no hour or amount is counted twice;
* its findings are matched by fingerprint: new, still open, handled (a resolution for this
  same content of the source), or re-opened (handled once, but the source changed since).

When nothing at all changed — every file unchanged, the same findings — the transaction is
rolled back and nothing is written: recording twice is recording once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

import sqlalchemy as sa

from ledgerkit.ledger import schema as t
from ledgerkit.ledger.findings_db import current_findings, handled_shas, status_of
from ledgerkit.ledger.prepare import Prepared, SourceData
from ledgerkit.ledger.store import Rollback

__all__ = ["RunInfo", "Plan", "record_prepared", "slice_rows", "HOOKS", "chunks"]

#: test hooks: name → function called at that point of a recording (a test kills the process there)
HOOKS: dict[str, Callable[[], None]] = {}


def _hook(name: str) -> None:
    if name in HOOKS:
        HOOKS[name]()


def chunks(items: Iterable[Any], size: int = 500) -> Iterable[list]:
    """``items`` in lists of at most ``size`` (for IN lists and bulk inserts)."""
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


@dataclass
class RunInfo:
    who: str
    command: str
    settings: str
    version: str
    note: str = ""


@dataclass
class Plan:
    """What a recording changes; computed under the lock, before anything is written."""

    statuses: dict[str, str] = field(default_factory=dict)  # source key → new / changed / unchanged / copy
    copies: dict[str, str] = field(default_factory=dict)  # source key → the key its content is recorded under
    new_slices: list[tuple[SourceData, str]] = field(default_factory=list)  # (source, period)
    superseded: list[int] = field(default_factory=list)  # slice ids
    finding_status: dict[str, str] = field(default_factory=dict)  # fingerprint → new / open / handled / reopened
    findings_unchanged: bool = True

    @property
    def nothing_new(self) -> bool:
        return not self.new_slices and not self.superseded and self.findings_unchanged and all(
            s in ("unchanged", "copy") for s in self.statuses.values())


def _ensure_sources(conn: sa.Connection, keys: list[str]) -> dict[str, int]:
    ids: dict[str, int] = {}
    for part in chunks(keys):
        ids.update({k: i for i, k in conn.execute(sa.select(t.sources.c.id, t.sources.c.key).where(t.sources.c.key.in_(part)))})
    missing = [k for k in keys if k not in ids]
    for part in chunks(missing):
        conn.execute(t.sources.insert(), [{"key": k} for k in part])
        ids.update({k: i for i, k in conn.execute(sa.select(t.sources.c.id, t.sources.c.key).where(t.sources.c.key.in_(part)))})
    return ids


def _current_slices(conn: sa.Connection, kind: str, source_ids: list[int]) -> list[dict]:
    s, v = t.slices, t.file_versions
    out = []
    for part in chunks(source_ids):
        query = (sa.select(s.c.id, s.c.source_id, s.c.version_id, s.c.period, s.c.digest, v.c.sha256)
                 .join(v, v.c.id == s.c.version_id)
                 .where(s.c.kind == kind, s.c.to_run.is_(None), s.c.source_id.in_(part)))
        out.extend(dict(r._mapping) for r in conn.execute(query))
    return out


def _read_before(conn: sa.Connection, kind: str, source_ids: list[int]) -> set[tuple[int, str]]:
    """(source id, sha256) of every content a run of ``kind`` has read."""
    rf, r, v = t.run_files, t.runs, t.file_versions
    seen: set[tuple[int, str]] = set()
    for part in chunks(source_ids):
        query = (sa.select(v.c.source_id, v.c.sha256).distinct()
                 .join(rf, rf.c.version_id == v.c.id).join(r, r.c.id == rf.c.run_id)
                 .where(r.c.kind == kind, v.c.source_id.in_(part)))
        seen.update((a, b) for a, b in conn.execute(query))
    return seen


def _recorded_elsewhere(conn: sa.Connection, kind: str, sources: list[SourceData], ids: dict[str, int]) -> dict[str, str]:
    """Source key → the key of another source whose current slices of ``kind`` hold the same
    content (SHA-256): the file is a copy of one already recorded."""
    s, v, src = t.slices, t.file_versions, t.sources
    by_sha: dict[str, list[str]] = {}
    for source in sources:
        by_sha.setdefault(source.sha256, []).append(source.key)
    out: dict[str, str] = {}
    for part in chunks(by_sha):
        query = (sa.select(v.c.sha256, src.c.key, s.c.source_id).distinct()
                 .join(s, s.c.version_id == v.c.id).join(src, src.c.id == s.c.source_id)
                 .where(s.c.kind == kind, s.c.to_run.is_(None), v.c.sha256.in_(part)).order_by(src.c.key))
        for sha, other, other_id in conn.execute(query):
            for key in by_sha[sha]:
                if ids[key] != other_id and key not in out:
                    out[key] = other
    return out


def _plan_source(plan: Plan, source: SourceData, sid: int, current: list[dict], version_periods: dict[int, set],
                 read: set[tuple[int, str]]) -> None:
    mine = {c["period"]: c for c in current if c["source_id"] == sid}
    periods = set(source.slices)
    same = {p for p in periods if p in mine and mine[p]["sha256"] == source.sha256
            and mine[p]["digest"] == source.slices[p].digest}
    for p in sorted(periods - same):
        plan.new_slices.append((source, p))
    for c in mine.values():
        replaced = c["period"] in periods and c["period"] not in same
        revised = c["period"] not in periods and bool(version_periods[c["version_id"]] & periods)
        if replaced or revised:
            plan.superseded.append(c["id"])
    ever = {s for s_id, s in read if s_id == sid}
    if not ever:
        plan.statuses[source.key] = "new"
    elif periods - same or any(c["id"] in plan.superseded for c in mine.values()) or source.sha256 not in ever:
        plan.statuses[source.key] = "changed"
    else:
        plan.statuses[source.key] = "unchanged"


def _plan_findings(conn: sa.Connection, plan: Plan, prepared: Prepared, source_keys: set[str]) -> None:
    current, recorded = current_findings(conn, prepared.kind)
    by_fp = {f["fingerprint"]: f for f in current}
    handled = handled_shas(conn, [f.fingerprint for f in prepared.findings])
    mine = {f.fingerprint for f in prepared.findings}
    for f in prepared.findings:
        sha = f.values["source_sha"]
        old = by_fp.get(f.fingerprint)
        status = status_of(sha, handled.get(f.fingerprint, set()))
        plan.finding_status[f.fingerprint] = "new" if status == "open" and old is None else status
        if old is None or old["source_sha"] != sha or old["severity"] != f.values["severity"]:
            plan.findings_unchanged = False
    for fp, old in by_fp.items():
        # this run speaks for its own sources, and for every finding on no recorded source
        covered = old["source_key"] in source_keys or (prepared.kind, old["source_key"]) not in recorded
        if covered and fp not in mine:
            plan.findings_unchanged = False


def _insert_run(conn: sa.Connection, kind: str, info: RunInfo) -> int:
    values = {"at": dt.datetime.now(dt.timezone.utc), "who": info.who, "command": info.command, "kind": kind,
              "settings": info.settings, "version": info.version, "note": info.note,
              **{c: 0 for c in ("files_new", "files_changed", "files_unchanged", "rows_added", "rows_removed",
                                "findings_new")}}
    return conn.execute(t.runs.insert().values(**values).returning(t.runs.c.id)).scalar_one()


def _versions(conn: sa.Connection, prepared: Prepared, ids: dict[str, int], run_id: int) -> dict[str, int]:
    """The file-version id of each source's content (inserted when new)."""
    v = t.file_versions
    out: dict[str, int] = {}
    for source in prepared.sources:
        sid = ids[source.key]
        found = conn.execute(sa.select(v.c.id).where(v.c.source_id == sid, v.c.sha256 == source.sha256)).scalar()
        if found is None:
            found = conn.execute(v.insert().values(
                source_id=sid, sha256=source.sha256, size=source.size, mtime=source.mtime,
                path=source.path, first_run=run_id).returning(v.c.id)).scalar_one()
        out[source.key] = found
    return out


def _write_slices(conn: sa.Connection, plan: Plan, prepared: Prepared, ids: dict[str, int],
                  versions: dict[str, int], run_id: int) -> None:
    s = t.slices
    for part in chunks(plan.superseded):
        conn.execute(s.update().where(s.c.id.in_(part)).values(to_run=run_id))
    for source, period in plan.new_slices:
        data = source.slices[period]
        slice_id = conn.execute(s.insert().values(
            kind=prepared.kind, source_id=ids[source.key], version_id=versions[source.key], period=period,
            digest=data.digest, n_rows=len(data.rows), from_run=run_id).returning(s.c.id)).scalar_one()
        for part in chunks(data.rows, 5000):
            conn.execute(t.rows.insert(), [{**r, "slice_id": slice_id} for r in part])
            _hook("rows_written")


def _write_findings(conn: sa.Connection, prepared: Prepared, run_id: int) -> int:
    f = t.findings
    known: dict[str, int] = {}
    for part in chunks([x.fingerprint for x in prepared.findings]):
        known.update({fp: i for fp, i in conn.execute(sa.select(f.c.fingerprint, f.c.id).where(f.c.fingerprint.in_(part)))})
    new = [x for x in prepared.findings if x.fingerprint not in known]
    for part in chunks(new):
        conn.execute(f.insert(), [{**x.values, "fingerprint": x.fingerprint, "first_run": run_id, "last_run": run_id}
                                  for x in part])
    for x in prepared.findings:
        if x.fingerprint in known:
            changing = {k: x.values[k] for k in ("severity", "file", "params", "source_sha")}
            conn.execute(f.update().where(f.c.id == known[x.fingerprint]).values(last_run=run_id, **changing))
    for part in chunks([x.fingerprint for x in new]):
        known.update({fp: i for fp, i in conn.execute(sa.select(f.c.fingerprint, f.c.id).where(f.c.fingerprint.in_(part)))})
    for part in chunks([known[x.fingerprint] for x in prepared.findings]):
        conn.execute(t.run_findings.insert(), [{"run_id": run_id, "finding_id": i} for i in part])
    return len(new)


def slice_rows(conn: sa.Connection, slice_ids: Iterable[int]) -> list[dict]:
    """The rows of some slices with their kind and their source's key (as ``file``)."""
    r, s, src = t.rows, t.slices, t.sources
    out = []
    for part in chunks(slice_ids):
        query = (sa.select(s.c.kind, src.c.key.label("file"), r.c.person, r.c.project, r.c.month, r.c.vendor,
                           r.c.invoice_no, r.c.hours, r.c.amount, r.c.data)
                 .join(s, s.c.id == r.c.slice_id).join(src, src.c.id == s.c.source_id).where(r.c.slice_id.in_(part)))
        out.extend(dict(x._mapping) for x in conn.execute(query))
    return out


def content_moves(old_rows: list[dict], new_rows: list[tuple[str, str]]) -> tuple[int, int]:
    """Rows added and removed by content: ``old_rows`` (with ``file`` and ``data``) against
    (source key, data) pairs, each row counted as many times as it is there.

    Examples:
        >>> content_moves([{"file": "a", "data": "1"}, {"file": "a", "data": "2"}], [("a", "1"), ("a", "3")])
        (1, 1)
    """
    from collections import Counter

    before, after = Counter((r["file"], r["data"]) for r in old_rows), Counter(new_rows)
    return sum((after - before).values()), sum((before - after).values())


def record_prepared(conn: sa.Connection, prepared: Prepared, info: RunInfo) -> dict:
    """Record ``prepared`` on ``conn`` (inside the write transaction); return what happened.

    Raises :class:`~ledgerkit.ledger.store.Rollback` with the same kind of answer when
    nothing is new.
    """
    keys = [s.key for s in prepared.sources]
    ids = _ensure_sources(conn, keys)
    current = _current_slices(conn, prepared.kind, list(ids.values()))
    version_periods: dict[int, set] = {}
    for c in current:
        version_periods.setdefault(c["version_id"], set()).add(c["period"])
    read = _read_before(conn, prepared.kind, list(ids.values()))
    plan = Plan()
    elsewhere = _recorded_elsewhere(conn, prepared.kind, prepared.sources, ids)
    own = {c["source_id"] for c in current}  # sources with slices of their own: never a copy
    for source in prepared.sources:
        if source.key in elsewhere and ids[source.key] not in own:
            plan.statuses[source.key] = "copy"  # its rows are in the ledger already, under another name
            plan.copies[source.key] = elsewhere[source.key]
            continue
        _plan_source(plan, source, ids[source.key], current, version_periods, read)
    _plan_findings(conn, plan, prepared, set(keys))
    old_rows = slice_rows(conn, plan.superseded)
    outcome = {"plan": plan, "old_rows": old_rows, "run_id": None, "rows_added": 0, "findings_new": 0}
    if plan.nothing_new:
        raise Rollback(outcome)
    run_id = _insert_run(conn, prepared.kind, info)
    versions = _versions(conn, prepared, ids, run_id)
    if prepared.sources:
        conn.execute(t.run_files.insert(), [{"run_id": run_id, "version_id": versions[s.key],
                                             "status": plan.statuses[s.key]} for s in prepared.sources])
    _write_slices(conn, plan, prepared, ids, versions, run_id)
    # rows added and removed by content, as ``diff`` counts them: a slice rewritten because one of
    # its rows changed does not count its unchanged rows as removed and added again
    rows_added, rows_removed = content_moves(old_rows, [(source.key, r["data"]) for source, period in plan.new_slices
                                                        for r in source.slices[period].rows])
    findings_new = _write_findings(conn, prepared, run_id)
    _hook("before_commit")
    counts = {f"files_{k}": sum(1 for s in plan.statuses.values() if s == k) for k in ("new", "changed")}
    counts["files_unchanged"] = sum(1 for s in plan.statuses.values() if s in ("unchanged", "copy"))
    conn.execute(t.runs.update().where(t.runs.c.id == run_id).values(
        rows_added=rows_added, rows_removed=rows_removed, findings_new=findings_new, **counts))
    outcome.update(run_id=run_id, rows_added=rows_added, rows_removed=rows_removed, findings_new=findings_new)
    return outcome
