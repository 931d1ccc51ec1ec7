"""``ledgerkit.Ledger``: every month's results kept, shared and handed over.

Examples:
    >>> import ledgerkit, pandas as pd
    >>> from ledgerkit.core.result import Result
    >>> rows = pd.DataFrame({"person": ["山田"], "project": ["A-1001"], "month": ["2026-10"], "hours": [126.0],
    ...                      "source_file": ["y.xlsx"], "source_sheet": ["10月"], "source_row": [5]})
    >>> with Ledger("sqlite://") as ledger:                     # an in-memory ledger
    ...     first = ledger.record(Result("hours", rows))
    ...     again = ledger.record(Result("hours", rows))
    ...     later = ledger.record(Result("hours", rows.assign(hours=129.5)))
    ...     table = ledger.history("hours", by=["person"])
    >>> first.run, again.unchanged, later.lines("en")[1].strip()
    (1, True, '山田 2026-10: A-1001 +3.5 h (126.0 → 129.5)')
    >>> table.to_dict("records")
    [{'person': '山田', '2026-10': 129.5, 'total': 129.5}]
"""

from __future__ import annotations

import json
import os
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any, Iterator, Sequence

from ledgerkit.config.loading import config_or_found
from ledgerkit.core import messages
from ledgerkit.core.errors import LedgerError
from ledgerkit.ledger import asking
from ledgerkit.ledger.changes import CHANGE_COLUMNS, compare_rows
from ledgerkit.ledger.outcome import Recording
from ledgerkit.ledger.paper import MONEY_FIELDS, Paper, history_paper, period_columns
from ledgerkit.ledger.prepare import Prepared, prepare
from ledgerkit.ledger.recording import RunInfo, record_prepared
from ledgerkit.ledger.repeats import overlaps
from ledgerkit.ledger.store import (
    DEFAULT_URL,
    default_user,
    migrate,
    open_engine,
    read_connection,
    resolve_url,
    shown_url,
    sqlite_file,
    write_transaction,
)
from ledgerkit.lists.report import list_headings
from ledgerkit.reports.labels import KIND_LABELS, heading, kind_label

__all__ = ["Ledger", "ledgerkit_version"]


def ledgerkit_version() -> str:
    try:
        return metadata.version("ledgerkit")
    except metadata.PackageNotFoundError:
        return "unknown"


def _findings_frame(prepared: Prepared, statuses: dict[str, str], lang: str):
    import pandas as pd

    from_issue = [{"status": statuses.get(f.fingerprint, "new"), **f.values} for f in prepared.findings
                  if f.values["severity"] in ("error", "warning")]
    columns = ["status", "severity", "code", "file", "sheet", "excel_row", "column_name", "ref"]
    return pd.DataFrame.from_records(from_issue, columns=[*columns, "source_sha"])[columns]


def _record(conn, prepared: Prepared, info: RunInfo) -> dict:
    """Record, and find the new rows another source of the ledger already holds (an edited copy)."""
    outcome = record_prepared(conn, prepared, info)
    plan = outcome["plan"]
    outcome["overlaps"] = overlaps(conn, prepared.kind, plan.new_slices)
    return outcome


def _changes(prepared: Prepared, outcome: dict, spec=None):
    plan = outcome["plan"]
    changed = {k for k, s in plan.statuses.items() if s == "changed"}
    new_rows = [{**row, "file": source.key} for source, period in plan.new_slices if source.key in changed
                for row in source.slices[period].rows]
    if not new_rows and not outcome["old_rows"]:
        import pandas as pd

        return pd.DataFrame(columns=CHANGE_COLUMNS)
    return compare_rows(outcome["old_rows"], new_rows, prepared.kind, spec)


class Ledger:
    """A ledger database: SQLite by default (``sqlite:///ledger.db``), PostgreSQL for a team.

    ``url`` is an SQLAlchemy URL or a plain file path (an SQLite file); a relative SQLite
    file is taken from ``base_dir`` (the folder of ``ledgerkit.toml``). Opening a ledger
    brings an older schema up to date in place. An SQLite file that does not exist yet is
    made by the first write (:meth:`record`, :meth:`mark_close`), never by a read:
    :meth:`history`, :meth:`runs` and :meth:`findings` answer as an empty ledger and
    :meth:`diff` and :meth:`resolve` raise a LedgerError saying there is no ledger yet
    (:attr:`exists` tells which). ``user`` is who
    records (default: the OS user name). Without ``url``, ``[ledger] url`` and ``user`` of
    ``./ledgerkit.toml`` are used, as the CLI uses them. Use it as a context manager, or call
    :meth:`dispose`.
    """

    def __init__(self, url: str | os.PathLike | None = None, *, base_dir: str | os.PathLike | None = None,
                 user: str | None = None):
        #: the settings the ledger was opened with: a declared kind's ``by`` and sum come from them
        self.config = None
        if url is None:
            found = config_or_found(None)
            self.config = found
            url = found.get("ledger.url") or None
            base_dir = base_dir if base_dir is not None else found.base_dir
            user = user or found.get("ledger.user") or None
        self.base_dir = Path(base_dir) if base_dir is not None else Path.cwd()
        self.url = resolve_url(url, self.base_dir)
        self.user = user or default_user()
        self.engine = open_engine(self.url)
        #: the schema version; None while the ledger's SQLite file does not exist yet
        self.revision: str | None = None
        self._empty = None  # an in-memory empty ledger, answering reads while there is no file
        if self.exists:
            try:
                self._ready()
            except BaseException:
                self.engine.dispose()
                raise

    @property
    def exists(self) -> bool:
        """False while the ledger is an SQLite file not made yet (a server's database always exists)."""
        path = sqlite_file(self.url)
        return path is None or path.exists()

    def _ready(self):
        """The engine, with the schema up to date: the first write makes the SQLite file."""
        if self.revision is None:
            self.revision = migrate(self.engine)
        return self.engine

    def missing_line(self, lang: str = "ja") -> str | None:
        """The line saying there is no ledger yet and how one is made; None when the ledger exists."""
        if self.exists:
            return None
        return messages.text("ledger_missing", lang, url=sqlite_file(self.url) or shown_url(self.url))

    def _missing(self, lang: str) -> LedgerError:
        return LedgerError(self.missing_line(lang) or "")

    @contextmanager
    def _reading(self) -> Iterator[Any]:
        """A read connection; while there is no ledger file, on an empty in-memory ledger (nothing made on disk)."""
        if self.exists:
            engine = self._ready()
        else:
            if self._empty is None:
                self._empty = open_engine("sqlite://")
                migrate(self._empty)
            engine = self._empty
        with read_connection(engine) as conn:
            yield conn

    @classmethod
    def from_config(cls, config) -> "Ledger":
        """The ledger ``[ledger] url`` names, relative to the config file's folder."""
        ledger = cls(config.get("ledger.url") or DEFAULT_URL, base_dir=config.base_dir, user=config.get("ledger.user") or None)
        ledger.config = config
        return ledger

    def __enter__(self) -> "Ledger":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.dispose()

    def dispose(self) -> None:
        """Close the ledger's connections."""
        self.engine.dispose()
        if self._empty is not None:
            self._empty.dispose()

    def __repr__(self) -> str:
        return f"Ledger({shown_url(self.url)!r})"

    def record(self, result, *, kind: str | None = None, command: str = "", settings: dict | None = None,
               note: str = "", cwd: str | os.PathLike | None = None, lang: str = "ja") -> Recording:
        """Record a result (rows, source files, findings) in one transaction; return what changed.

        Recording the same content again writes nothing (``Recording.unchanged``). ``cwd`` is
        the folder the result's file paths are relative to (default: the working folder).
        """
        prepared = prepare(result, kind=kind, base_dir=self.base_dir, cwd=cwd)
        info = RunInfo(who=self.user, command=command or f"record {prepared.kind}",
                       settings=json.dumps(settings or {}, ensure_ascii=False, sort_keys=True, default=str),
                       version=ledgerkit_version(), note=note)
        outcome = write_transaction(self._ready(), lambda conn: _record(conn, prepared, info))
        plan = outcome["plan"]
        return Recording(run=outcome["run_id"], kind=prepared.kind, files=dict(plan.statuses), copies=dict(plan.copies),
                         overlaps=outcome.get("overlaps", []),
                         rows_added=outcome["rows_added"], rows_removed=outcome.get("rows_removed", 0),
                         changes=_changes(prepared, outcome, self._spec(prepared.kind)),
                         findings=_findings_frame(prepared, plan.finding_status, lang))

    def history(self, kind: str, by: Sequence[str] | str | None = None, *, start: str | None = None,
                end: str | None = None, field: str | None = None, lang: str = "ja"):
        """Totals of ``kind`` by ``by`` (default: project for hours) and month, from ``start`` to ``end`` (YYYY-MM)."""
        if isinstance(by, str):
            by = [b.strip() for b in by.split(",") if b.strip()]
        by, field = self._declared_defaults(kind, by, field)
        start, end = asking.check_month(start, "--from", lang), asking.check_month(end, "--to", lang)
        with self._reading() as conn:
            return asking.history(conn, kind, by, start=start, end=end, field=field, lang=lang)

    def history_headings(self, kind: str, columns: Sequence[str], lang: str = "ja", *,
                         field: str | None = None) -> dict[str, str]:
        """Column → heading of a :meth:`history` table, as the kind's reports head them.

        A kind declared as ``[kinds.NAME]``: its fields' labels (``支店``), their names in English,
        as its list report does, and the total naming the figure added up (``field``, default its
        first value field: ``売上 合計``); others: the report headings (``氏名``/``Person``, ``合計``).
        Months stay ``2026-10``.
        """
        spec = self._spec(kind)
        headings = {c: heading(c, lang) for c in columns}
        if spec is None:
            return headings
        labels = list_headings(spec, lang)
        _by, field = self._declared_defaults(kind, None, field)
        if field and "total" in headings:
            headings["total"] = messages.text("ledger_total_of", lang, field=labels.get(field, field))
        return {c: labels.get(c, h) if c != "total" else h for c, h in headings.items()}

    def kind_words(self, lang: str = "ja") -> dict[str, str]:
        """The kinds declared as ``[kinds.NAME]``, by name → their label (``支店別売上``; in English their
        name): how the ledger's reports name their rows (the built-in kinds: :func:`kind_label`)."""
        if self.config is None:
            return {}
        names = [n for n in self.config.kind_names() if n not in asking.DEFAULT_BY and n not in KIND_LABELS]
        return {n: spec.title(lang) for n in names if (spec := self.config.kind(n)) is not None}

    def history_paper(self, kind: str, table, lang: str = "ja", *, field: str | None = None, start: str | None = None,
                      end: str | None = None, nothing: str | None = None) -> Paper:
        """A :meth:`history` table as its ``.xlsx`` shows it (:func:`~ledgerkit.ledger.paper.history_paper`):
        titled with what the kind's rows are, yen with ``¥``, hours with two decimals, counts with thousands."""
        spec = self._spec(kind)
        _by, summed = self._declared_defaults(kind, None, field)
        columns = [*period_columns(table), "total"]
        if any(table[c].dtype.kind == "f" for c in columns if c in table.columns):
            figure = "hours"
        elif spec is not None:
            figure = "yen" if getattr(spec.field(summed or ""), "type", "") == "yen" else "int"
        else:
            figure = "yen" if summed is None or summed in MONEY_FIELDS else "int"
        what = self.kind_words(lang).get(kind) or kind_label(kind, lang)
        return history_paper(table, what=what, headings=self.history_headings(kind, table.columns, lang, field=field),
                             figure=figure, lang=lang, start=start, end=end, nothing=nothing)

    def _spec(self, kind: str):
        """A kind declared as ``[kinds.NAME]`` (its ``KindSpec``), else None (a built-in kind)."""
        return self.config.kind(kind) if self.config is not None and kind not in asking.DEFAULT_BY else None

    def _declared_defaults(self, kind: str, by, field):
        """A kind declared as ``[kinds.NAME]``: rows by its ``by`` (the months being the columns),
        summing its first value field, unless given."""
        spec = self._spec(kind)
        if spec is None:
            return by, field
        down = [b for b in spec.by if b != "month" and getattr(spec.field(b), "type", "") != "month"]
        return by or down or None, field or next(iter(spec.summed(spec.by)), None)

    def diff(self, run_a: int | None = None, run_b: int | None = None, *, since: str | int | None = None,
             kind: str | None = None, lang: str = "ja"):
        """What changed from run ``run_a`` (or ``since="last-close"``) to ``run_b`` (default: now)."""
        if not self.exists:
            raise self._missing(lang)
        with self._reading() as conn:
            if since is not None:
                run_a = self._since(conn, since, lang)
            if run_a is None:
                latest = asking.last_run(conn)
                if latest is None:
                    raise LedgerError(messages.text("ledger_no_runs", lang))
                run_a = max(latest - 1, 1)
            return asking.diff(conn, run_a, run_b, kind=kind, lang=lang, specs=self._spec)

    @staticmethod
    def _since(conn, since: str | int, lang: str) -> int:
        if str(since).strip().lower() == "last-close":
            found = asking.last_close(conn)
            if found is None:
                raise LedgerError(messages.text("ledger_no_close", lang))
            return found
        try:
            return int(str(since).lstrip("#"))
        except ValueError:
            raise LedgerError(messages.text("ledger_bad_since", lang, value=since)) from None

    def runs(self):
        """Every run, newest first: when, who, the command, files and rows added and removed."""
        with self._reading() as conn:
            return asking.runs(conn)

    def findings(self, status: str = "open", *, kind: str | None = None, lang: str = "ja"):
        """Current findings: ``open`` (and re-opened), ``handled`` (対応済) or ``all``."""
        with self._reading() as conn:
            return asking.findings(conn, status=status, kind=kind, lang=lang)

    def resolve(self, finding_id: int | None = None, *, rule: str | None = None, ref: str | None = None,
                note: str = "", lang: str = "ja"):
        """Mark findings 対応済 (by id, or by rule and document number) for their source's present content.

        Returns the findings marked. A later run that finds the same problem in the same
        content of the source shows it as handled; a changed source re-opens it.
        """
        if not self.exists:
            raise self._missing(lang)
        ids = write_transaction(self._ready(), lambda conn: asking.resolve(
            conn, self.user, finding_id=finding_id, rule=rule, ref=ref, note=note, lang=lang))
        table = self.findings("all", lang=lang)
        return table[table["id"].isin(ids)].reset_index(drop=True)

    def mark_close(self, note: str = "", *, command: str = "ledgerkit close") -> int:
        """Record a close (月次締め): ``diff(since="last-close")`` then shows what changed after it."""
        return write_transaction(self._ready(), lambda conn: asking.mark_close(
            conn, self.user, command, ledgerkit_version(), note))
