"""Which findings are current, and which are handled.

A finding is **current** while the last run of its kind that read its source file saw it
(for a finding on no recorded source — a lock file, the whole list — the last run of its
kind). It is **handled** (対応済) when a resolution was given for the same content of its
source (the same SHA-256) it has now; a resolution for an earlier content no longer counts:
the finding is **re-opened**.
"""

from __future__ import annotations

from typing import Iterable

import sqlalchemy as sa

from ledgerkit.ledger import schema as t

__all__ = ["covers", "current_findings", "handled_shas", "status_of", "CLOSE_KIND"]

#: the kind of a run that marks a close (``ledgerkit close``): it records nothing
CLOSE_KIND = "close"


def _chunks(items, size: int = 500):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def covers(conn: sa.Connection, kind: str | None = None) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """(last run per kind, last run per kind and source key that read it)."""
    r, rf, v, s = t.runs, t.run_files, t.file_versions, t.sources
    q = sa.select(r.c.kind, sa.func.max(r.c.id)).where(r.c.kind != CLOSE_KIND).group_by(r.c.kind)
    q2 = (sa.select(r.c.kind, s.c.key, sa.func.max(rf.c.run_id))
          .join(r, r.c.id == rf.c.run_id).join(v, v.c.id == rf.c.version_id).join(s, s.c.id == v.c.source_id)
          .group_by(r.c.kind, s.c.key))
    if kind is not None:
        q, q2 = q.where(r.c.kind == kind), q2.where(r.c.kind == kind)
    kind_last = {k: n for k, n in conn.execute(q)}
    source_last = {(k, key): n for k, key, n in conn.execute(q2)}
    return kind_last, source_last


def current_findings(conn: sa.Connection, kind: str | None = None) -> tuple[list[dict], set[tuple[str, str]]]:
    """The current findings (of ``kind``, or of every kind) and the (kind, source key) pairs recorded."""
    kind_last, source_last = covers(conn, kind)
    runs = set(kind_last.values()) | set(source_last.values())
    f = t.findings
    out = []
    for part in _chunks(sorted(runs)):
        query = sa.select(f).where(f.c.last_run.in_(part))
        if kind is not None:
            query = query.where(f.c.kind == kind)
        for row in conn.execute(query):
            m = dict(row._mapping)
            cover = source_last.get((m["kind"], m["source_key"]), kind_last.get(m["kind"]))
            if m["last_run"] == cover:
                out.append(m)
    return out, set(source_last)


def handled_shas(conn: sa.Connection, fingerprints: Iterable[str]) -> dict[str, set[str]]:
    """fingerprint → the source contents (SHA-256) its resolutions were given for."""
    f, res = t.findings, t.resolutions
    out: dict[str, set[str]] = {}
    for part in _chunks(set(fingerprints)):
        query = sa.select(f.c.fingerprint, res.c.source_sha).join(res, res.c.finding_id == f.c.id).where(
            f.c.fingerprint.in_(part))
        for fp, sha in conn.execute(query):
            out.setdefault(fp, set()).add(sha)
    return out


def status_of(source_sha: str, shas: set[str]) -> str:
    """``handled``, ``reopened`` (handled for another content of its source) or ``open``.

    Examples:
        >>> status_of("a", {"a"}), status_of("b", {"a"}), status_of("a", set())
        ('handled', 'reopened', 'open')
    """
    if source_sha in shas:
        return "handled"
    return "reopened" if shas else "open"
