"""Asking the ledger: history over recorded months, what changed between runs, runs, findings.

Each function takes an open connection (one snapshot) and returns a DataFrame; the
:class:`~ledgerkit.ledger.book.Ledger` methods open the connection.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any, Sequence

import sqlalchemy as sa

from ledgerkit.core import messages
from ledgerkit.core.errors import LedgerError
from ledgerkit.core.issues import Issue
from ledgerkit.ledger import schema as t
from ledgerkit.ledger.changes import CHANGE_COLUMNS, HOURS_KINDS, compare_rows
from ledgerkit.ledger.findings_db import CLOSE_KIND, current_findings, handled_shas, status_of
from ledgerkit.ledger.recording import chunks, slice_rows
from ledgerkit.ledger.repeats import COUNT_ONCE, count_once, identity
from ledgerkit.ledger.rowdata import KEY_TEXT, MEASURES

__all__ = ["RUN_COLUMNS", "FINDING_COLUMNS", "DEFAULT_BY", "check_month", "history", "diff", "runs", "findings",
           "resolve", "mark_close", "last_run", "last_close"]

#: the summary's rows when --by is not given
DEFAULT_BY = {"hours": ("project",), "attendance": ("person",), "invoices": ("vendor",), "invoice_check": ("vendor",),
              "order_check": ("vendor",), "settlement": ("person",), "budget": ("project",)}

RUN_COLUMNS = ["run", "at", "who", "kind", "command", "files_new", "files_changed", "files_unchanged", "rows_added",
               "rows_removed", "findings_new", "version", "note"]
FINDING_COLUMNS = ["id", "status", "severity", "kind", "code", "message", "file", "sheet", "row", "column", "ref",
                   "first_run", "last_run", "handled_by", "handled_at", "note"]


def check_month(value: str | None, option: str, lang: str = "ja") -> str | None:
    """``YYYY-MM`` (``2026-4`` and ``2026/04`` accepted) or None; anything else is a LedgerError.

    Examples:
        >>> check_month("2026-4", "--from"), check_month(None, "--to")
        ('2026-04', None)
    """
    if value is None or value == "":
        return None
    m = re.fullmatch(r"\s*(\d{4})[-/](\d{1,2})\s*", str(value))
    if not m or not 1 <= int(m.group(2)) <= 12:
        raise LedgerError(messages.text("ledger_bad_month", lang, option=option, value=value))
    return f"{m.group(1)}-{int(m.group(2)):02d}"


def _number(value: Any) -> Any:
    if value is None or isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return value
    try:
        d = Decimal(repr(value)) if isinstance(value, float) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return 0
    if not d.is_finite():
        # a blank figure (NaN in the stored row) adds nothing; it used to make its group's total blank
        return 0
    return int(d) if d == d.to_integral_value() else d


def _current(kind: str, start: str | None, end: str | None):
    # a row's month is its slice's period (a budget's rows: the month it runs through)
    r, s = t.rows, t.slices
    where = [s.c.kind == kind, s.c.to_run.is_(None)]
    if start:
        where.append(s.c.period >= start)
    if end:
        where.append(s.c.period <= end)
    return r, s, where


def _shared_people(conn: sa.Connection, where) -> bool:
    """Whether two sources hold rows of one person in one month."""
    r, s = t.rows, t.slices
    query = (sa.select(s.c.period, r.c.person).join(s, s.c.id == r.c.slice_id).where(*where)
             .group_by(s.c.period, r.c.person).having(sa.func.count(sa.distinct(s.c.source_id)) > 1).limit(1))
    return conn.execute(query).first() is not None


def _history_rows(conn: sa.Connection, kind: str, by: Sequence[str], measure: str, start, end, lang: str):
    import pandas as pd

    r, s, where = _current(kind, start, end)
    # an entry two sources hold counts once, as aggregate counts it (looked for only where two
    # sources hold rows of one person and month: one file per person, the usual case, costs
    # one grouped count and no JSON read)
    once = kind in COUNT_ONCE and _shared_people(conn, where)
    if measure == "hours" and all(b in KEY_TEXT for b in by):
        # the indexed columns answer it: no JSON read
        cols = list(dict.fromkeys(["month", *by]))
        picked = [s.c.period.label("month") if c == "month" else r.c[c] for c in cols]
        extra = [s.c.source_id, r.c.data] if once else []
        query = sa.select(*picked, r.c.hours.label("value"), *extra).join(s, s.c.id == r.c.slice_id).where(*where)
        if once:
            query = query.order_by(s.c.source_id, r.c.id)  # the older source's copy kept, on any database
        found = [tuple(x) for x in conn.execute(query)]
        if once:
            n = len(cols) + 1
            keep = count_once((x[n], (x[0], identity(kind, x[n + 1]))) for x in found)
            found = [x[:n] for x, k in zip(found, keep) if k]
        frame = pd.DataFrame.from_records(found, columns=[*cols, "value"])
        frame["value"] = [Decimal(v) if v is not None else Decimal(0) for v in frame["value"]]
        return frame
    query = sa.select(s.c.period, r.c.data, s.c.source_id).join(s, s.c.id == r.c.slice_id).where(*where)
    if once:
        query = query.order_by(s.c.source_id, r.c.id)  # the older source's copy kept (its other fields shown)
    found = [tuple(x) for x in conn.execute(query)]
    if once:
        found = [x for x, k in zip(found, count_once((x[2], (x[0], identity(kind, x[1]))) for x in found)) if k]
    records = [{**json.loads(data), "month": month} for month, data, _source in found]
    frame = pd.DataFrame.from_records(records)
    for field in [*by, measure]:
        if len(frame) and field not in frame.columns:
            raise LedgerError(messages.text("ledger_no_field", lang, kind=kind, field=field,
                                            known=", ".join(map(str, frame.columns))))
    if not len(frame):
        return pd.DataFrame(columns=[*dict.fromkeys(["month", *by]), "value"])
    frame["value"] = [_number(v) for v in frame[measure]]
    return frame[[*dict.fromkeys(["month", *by]), "value"]]


def _total(values) -> Any:
    total = 0
    for v in values:
        total += v
    return total


def history(conn: sa.Connection, kind: str, by: Sequence[str] | None = None, *, start: str | None = None,
            end: str | None = None, field: str | None = None, lang: str = "ja"):
    """Totals of ``kind`` over the recorded months: one row per ``by`` group, one column per month, and ``total``.

    ``field`` is the figure added up (default: hours for hours, ``total`` for invoices …).
    Hours are added exactly (as decimals) and shown as numbers; yen stay integers.
    """
    import pandas as pd

    by = list(by or DEFAULT_BY.get(kind, ("person",)))
    if "month" in by:
        # the months are the table's columns: a row per month as well cannot be built
        raise LedgerError(messages.text("ledger_by_month", lang))
    measure = field or MEASURES.get(kind, ("amount",))[-1 if kind in ("invoices", "invoice_check") else 0]
    rows = _history_rows(conn, kind, by, measure, start, end, lang)
    if not len(rows):
        return pd.DataFrame(columns=[*by, "total"])
    rows = rows.copy()
    for column in [*by, "month"]:
        rows[column] = rows[column].astype(object).where(rows[column].notna(), "")
    sums = rows.groupby([*by, "month"], sort=True)["value"].agg(_total)
    wide = sums.unstack("month", fill_value=0)
    months = sorted(wide.columns)
    wide = wide[months]
    wide["total"] = [_total(values) for values in wide.itertuples(index=False)]
    hours = measure == "hours" or kind in HOURS_KINDS and measure == "hours"
    for column in [*months, "total"]:
        values = list(wide[column])
        if hours or any(isinstance(v, Decimal) for v in values):
            wide[column] = [float(v) for v in values]
        else:
            wide[column] = pd.array([int(v) for v in values], dtype="Int64")
    wide.columns.name = None
    return wide.reset_index()


def _as_of(conn: sa.Connection, run: int, kind: str | None) -> set[int]:
    s = t.slices
    query = sa.select(s.c.id).where(s.c.from_run <= run, sa.or_(s.c.to_run.is_(None), s.c.to_run > run))
    if kind:
        query = query.where(s.c.kind == kind)
    return set(conn.execute(query).scalars())


def _check_run(conn: sa.Connection, run: int, lang: str) -> int:
    if conn.execute(sa.select(t.runs.c.id).where(t.runs.c.id == run)).scalar() is None:
        raise LedgerError(messages.text("ledger_no_run", lang, run=run))
    return run


def last_run(conn: sa.Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(t.runs.c.id))).scalar()


def last_close(conn: sa.Connection) -> int | None:
    return conn.execute(sa.select(sa.func.max(t.runs.c.id)).where(t.runs.c.kind == CLOSE_KIND)).scalar()


def diff(conn: sa.Connection, run_a: int, run_b: int | None = None, *, kind: str | None = None, lang: str = "ja",
         specs=None):
    """What changed from the ledger as of ``run_a`` to the ledger as of ``run_b`` (default: now).

    ``specs``: kind → its ``KindSpec`` when declared (a callable), so a declared kind's rows are
    named and added up by its declaration.

    One row per file, who, month and item whose rows differ (:data:`CHANGE_COLUMNS`).
    """
    import pandas as pd

    run_a = _check_run(conn, int(run_a), lang)
    run_b = _check_run(conn, int(run_b), lang) if run_b is not None else (last_run(conn) or run_a)
    a, b = _as_of(conn, run_a, kind), _as_of(conn, run_b, kind)
    before, after = slice_rows(conn, sorted(a - b)), slice_rows(conn, sorted(b - a))
    parts = []
    for k in sorted({r["kind"] for r in before} | {r["kind"] for r in after}):
        part = compare_rows([r for r in before if r["kind"] == k], [r for r in after if r["kind"] == k], k,
                            specs(k) if specs is not None else None)
        if len(part):
            parts.append(part)
    out = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=CHANGE_COLUMNS)
    out.attrs.update(run_a=run_a, run_b=run_b)
    return out


def _local(moment: dt.datetime | None) -> str:
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.timezone.utc)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


def runs(conn: sa.Connection):
    """Every run, newest first (:data:`RUN_COLUMNS`)."""
    import pandas as pd

    r = t.runs
    records = [{**dict(x._mapping), "run": x.id, "at": _local(x.at)} for x in conn.execute(sa.select(r).order_by(r.c.id.desc()))]
    return pd.DataFrame.from_records(records, columns=RUN_COLUMNS)


def _message(m: dict, lang: str) -> str:
    params = json.loads(m["params"] or "{}")
    if "_message" in params:
        return str(params["_message"])
    # the ledger keeps "" as null (rowdata.plain): a part of a sentence left empty, never "None"
    params = {k: "" if v is None else v for k, v in params.items()}
    return Issue(m["code"], params=params).message(lang)


def _resolutions(conn: sa.Connection, ids: list[int]) -> dict[int, dict]:
    res = t.resolutions
    latest: dict[int, dict] = {}
    for part in chunks(ids):
        for x in conn.execute(sa.select(res).where(res.c.finding_id.in_(part)).order_by(res.c.id)):
            latest[x.finding_id] = dict(x._mapping)
    return latest


def findings(conn: sa.Connection, *, status: str = "open", kind: str | None = None, lang: str = "ja"):
    """The current findings (errors and warnings) with their status (:data:`FINDING_COLUMNS`).

    ``status``: ``open`` (open and re-opened), ``handled``, or ``all``.
    """
    import pandas as pd

    current, _ = current_findings(conn, kind)
    current = [m for m in current if m["severity"] in ("error", "warning")]
    shas = handled_shas(conn, [m["fingerprint"] for m in current])
    latest = _resolutions(conn, [m["id"] for m in current])
    records = []
    for m in sorted(current, key=lambda m: m["id"]):
        state = status_of(m["source_sha"], shas.get(m["fingerprint"], set()))
        if status == "open" and state == "handled" or status == "handled" and state != "handled":
            continue
        done = latest.get(m["id"], {})
        records.append({
            "id": m["id"], "status": state, "severity": m["severity"], "kind": m["kind"], "code": m["code"],
            "message": _message(m, lang), "file": m["file"], "sheet": m["sheet"], "row": m["excel_row"],
            "column": m["column_name"], "ref": m["ref"], "first_run": m["first_run"], "last_run": m["last_run"],
            "handled_by": done.get("who", ""), "handled_at": _local(done.get("at")), "note": done.get("note", ""),
        })
    frame = pd.DataFrame.from_records(records, columns=FINDING_COLUMNS)
    return frame.astype({"row": "Int64"})


def resolve(conn: sa.Connection, who: str, *, finding_id: int | None = None, rule: str | None = None,
            ref: str | None = None, note: str = "", lang: str = "ja") -> list[int]:
    """Mark current findings 対応済 for their source's present content; return their ids."""
    if finding_id is None and not rule:
        raise LedgerError(messages.text("ledger_resolve_what", lang))
    current, _ = current_findings(conn)
    chosen = [m for m in current if m["severity"] in ("error", "warning")
              and (finding_id is None or m["id"] == int(finding_id)) and (not rule or m["code"] == rule)
              and (not ref or m["ref"] == ref)]
    if not chosen:
        what = " ".join(x for x in (f"#{finding_id}" if finding_id is not None else "", rule or "", ref or "") if x)
        raise LedgerError(messages.text("ledger_no_finding", lang, what=what))
    now = dt.datetime.now(dt.timezone.utc)
    conn.execute(t.resolutions.insert(), [{"finding_id": m["id"], "source_sha": m["source_sha"], "who": who, "at": now,
                                           "note": note} for m in chosen])
    return [m["id"] for m in chosen]


def mark_close(conn: sa.Connection, who: str, command: str, version: str, note: str = "") -> int:
    """Record a close: ``diff --since last-close`` compares with the ledger as it is now."""
    values = {"at": dt.datetime.now(dt.timezone.utc), "who": who, "command": command, "kind": CLOSE_KIND,
              "settings": "{}", "version": version, "note": note,
              **{c: 0 for c in ("files_new", "files_changed", "files_unchanged", "rows_added", "rows_removed",
                                "findings_new")}}
    return conn.execute(t.runs.insert().values(**values).returning(t.runs.c.id)).scalar_one()
