"""Opening a ledger: the URL, the engine, one writer at a time, and the schema brought up to date.

* **SQLite** (the default, a file next to ``ledgerkit.toml``): WAL, so readers never wait for a
  writer; a busy timeout, so a second writer waits instead of failing; and every write
  transaction opened with ``BEGIN IMMEDIATE``, so two writers never deadlock upgrading a
  read lock.
* **PostgreSQL** (a team): every write transaction first takes the ledger's transaction-level
  advisory lock, so recordings happen one after another and each sees the one before it
  (READ COMMITTED after the lock); a serialization failure or deadlock is retried. Reads
  that run several queries use REPEATABLE READ, one snapshot.

A transaction is all or nothing: a process killed halfway leaves the ledger as it was
(SQLite rolls the WAL back, PostgreSQL aborts the dead connection's transaction).
"""

from __future__ import annotations

import getpass
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import sqlalchemy as sa
from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ledgerkit.core.errors import LedgerError

__all__ = ["DEFAULT_URL", "resolve_url", "sqlite_file", "default_user", "open_engine", "migrate", "schema_revision",
           "head_revision", "write_transaction", "read_connection", "shown_url"]

DEFAULT_URL = "sqlite:///ledger.db"
#: the PostgreSQL advisory lock every writer takes first ("LKLG")
LOCK_KEY = 0x4C4B4C47
#: SQLSTATEs worth another try: serialization failure, deadlock
_RETRY_STATES = {"40001", "40P01"}
_TRIES = 5


def resolve_url(url: str | os.PathLike | None, base_dir: str | os.PathLike | None = None) -> str:
    """The database URL: a relative SQLite file is taken from ``base_dir`` (the config's folder).

    A plain path means an SQLite file; ``postgresql://`` means psycopg 3.

    Examples:
        >>> resolve_url("sqlite:///ledger.db", "/srv/project")
        'sqlite:////srv/project/ledger.db'
        >>> resolve_url("postgresql://lk@db/ledger")
        'postgresql+psycopg://lk@db/ledger'
        >>> resolve_url("sqlite://")
        'sqlite://'
    """
    text = os.fspath(url) if url else DEFAULT_URL
    base = Path(base_dir) if base_dir is not None else Path.cwd()
    if "://" not in text:
        path = Path(text).expanduser()
        return f"sqlite:///{(path if path.is_absolute() else base / path).as_posix()}"
    for prefix in ("postgresql://", "postgres://"):
        if text.startswith(prefix):
            return "postgresql+psycopg://" + text[len(prefix):]
    if text.startswith("sqlite:///"):
        rest = text[len("sqlite:///"):]
        if rest and rest != ":memory:" and not rest.startswith("/") and not Path(rest).is_absolute():
            return f"sqlite:///{(base / Path(rest).expanduser()).as_posix()}"
    return text


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names (None for an in-memory database, a ``file:`` URI, or a server).

    Connecting to an SQLite file creates it: whoever only reads asks this first.

    Examples:
        >>> sqlite_file("sqlite:////srv/project/ledger.db").as_posix()
        '/srv/project/ledger.db'
        >>> sqlite_file("sqlite://"), sqlite_file("postgresql+psycopg://lk@db/ledger")
        (None, None)
    """
    try:
        parsed = sa.make_url(url)
    except sa.exc.ArgumentError:
        return None
    database = parsed.database
    if parsed.get_backend_name() != "sqlite" or not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def shown_url(url: str) -> str:
    """The URL as a person may see it: the password hidden."""
    try:
        return sa.make_url(url).render_as_string(hide_password=True)
    except sa.exc.ArgumentError:
        return url


def default_user() -> str:
    """Who is recording: the OS user name (``[ledger] user`` overrides it)."""
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "unknown"


def _sqlite_events(engine: sa.Engine) -> None:
    @sa.event.listens_for(engine, "connect")
    def _connect(dbapi_connection, _record) -> None:
        # the transactions are begun here, below, not by the driver
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA busy_timeout = 60000")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _begin(connection) -> None:
        writing = connection.get_execution_options().get("ledger_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


def open_engine(url: str) -> sa.Engine:
    """An engine for ``url``; a missing driver or a bad URL is a LedgerError naming the fix."""
    try:
        if url.startswith("sqlite"):
            engine = sa.create_engine(url, connect_args={"timeout": 60})
            _sqlite_events(engine)
            return engine
        return sa.create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as e:
        raise LedgerError(f"{shown_url(url)}: the driver {e.name} is not installed "
                          "(for PostgreSQL: pip install 'ledgerkit[postgres]')") from None
    except sa.exc.ArgumentError as e:
        raise LedgerError(f"{shown_url(url)}: not a database URL ({e})") from None


def _is_sqlite(connection: sa.Connection) -> bool:
    return connection.dialect.name == "sqlite"


def _retryable(error: sa.exc.DBAPIError, sqlite: bool) -> bool:
    if sqlite:
        return "locked" in str(error.orig) or "busy" in str(error.orig)
    return getattr(error.orig, "sqlstate", None) in _RETRY_STATES


def _failed(url: str, error: Exception) -> LedgerError:
    first = str(getattr(error, "orig", error) or error).strip().splitlines()
    return LedgerError(f"{shown_url(url)}: {first[0] if first else type(error).__name__}")


def write_transaction(engine: sa.Engine, work: Callable[[sa.Connection], Any]) -> Any:
    """Run ``work(connection)`` in one write transaction holding the ledger's lock; retry on conflict.

    ``work`` may raise :class:`Rollback` to leave the ledger untouched and return its value.
    """
    for attempt in range(_TRIES):
        try:
            with engine.connect().execution_options(ledger_write=True) as connection:
                with connection.begin() as transaction:
                    if not _is_sqlite(connection):
                        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
                    try:
                        return work(connection)
                    except Rollback as nothing:
                        transaction.rollback()
                        return nothing.value
        except sa.exc.DBAPIError as e:
            if attempt + 1 < _TRIES and _retryable(e, engine.dialect.name == "sqlite"):
                time.sleep(0.05 * 2 ** attempt)
                continue
            raise _failed(str(engine.url), e) from None
    raise AssertionError("unreachable")


class Rollback(Exception):
    """Raised inside a write transaction to end it without a change (``value`` is returned)."""

    def __init__(self, value: Any = None):
        super().__init__("rollback")
        self.value = value


@contextmanager
def read_connection(engine: sa.Engine) -> Iterator[sa.Connection]:
    """A connection for reading, with one snapshot for all its queries."""
    try:
        connection = engine.connect()
    except sa.exc.DBAPIError as e:
        raise _failed(str(engine.url), e) from None
    try:
        if not _is_sqlite(connection):
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        with connection.begin():
            yield connection
    except sa.exc.DBAPIError as e:
        raise _failed(str(engine.url), e) from None
    finally:
        connection.close()


def _alembic_config(connection: sa.Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema version this ledgerkit knows."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def schema_revision(connection: sa.Connection) -> str | None:
    """The schema version of the ledger on ``connection`` (None for an empty database)."""
    return MigrationContext.configure(connection).get_current_revision()


def _read_revision(engine: sa.Engine) -> str | None:
    """The ledger's schema version, read without a lock; retried while another process makes a
    new SQLite ledger (its first write switches the file to WAL: a reader then sees "database is
    locked" however long the busy timeout, and a second recorder failed on it)."""
    for attempt in range(_TRIES):
        try:
            with engine.connect() as connection, connection.begin():
                return schema_revision(connection)
        except sa.exc.DBAPIError as e:
            if attempt + 1 < _TRIES and _retryable(e, engine.dialect.name == "sqlite"):
                time.sleep(0.05 * 2 ** attempt)
                continue
            raise _failed(str(engine.url), e) from None
    raise AssertionError("unreachable")


def migrate(engine: sa.Engine, revision: str = "head") -> str:
    """Bring the ledger's schema to ``revision`` in place, in one transaction; return the version.

    A ledger written by a newer ledgerkit (a version this one does not know) is refused.
    """
    script = ScriptDirectory.from_config(_alembic_config())
    target = script.get_current_head() if revision == "head" else revision
    # the common case, a ledger already up to date, takes no write lock
    if _read_revision(engine) == target:
        return target

    def upgrade(connection: sa.Connection) -> str:
        current = schema_revision(connection)
        if current == target:
            raise Rollback(current)
        if current is not None and current not in {s.revision for s in script.walk_revisions()}:
            raise LedgerError(f"{shown_url(str(engine.url))}: this ledger has schema version {current}, "
                              "written by a newer ledgerkit: upgrade ledgerkit to use it")
        command.upgrade(_alembic_config(connection), target)
        return target

    return write_transaction(engine, upgrade)
