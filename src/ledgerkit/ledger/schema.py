"""The ledger's tables as the code reads and writes them (the schema at the newest migration).

A *run* is one recording (who, when, which command, the settings, ledgerkit's version). A
*source* is a file, by its path relative to the project folder; each content it had is a
*file version* (SHA-256, size, modification time). A *slice* is what one version of one
source gave for one kind and one period (a month): its rows, with a digest of them. A newer
version of a source supersedes its slices for the same periods (``to_run`` is set), so the
ledger answers "as of run N" by ``from_run <= N < to_run``. *Findings* are the results'
Issues, one per stable fingerprint; *resolutions* mark one 対応済 for one content of its source.

The migrations in ``ledgerkit/ledger/migrations/versions`` build these tables step by step;
``tests/test_ledger_migrations.py`` checks that the newest one matches this module.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = ["metadata", "runs", "sources", "file_versions", "slices", "rows", "run_files", "findings",
           "run_findings", "resolutions", "Id"]

#: a 64-bit id on PostgreSQL; SQLite's INTEGER PRIMARY KEY (its rowid) is 64-bit already
Id = BigInteger().with_variant(Integer(), "sqlite")

metadata = MetaData(naming_convention={
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
})

runs = Table(
    "runs", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("who", String(200), nullable=False),
    Column("command", Text, nullable=False),
    Column("kind", String(50), nullable=False),
    Column("settings", Text, nullable=False),
    Column("version", String(50), nullable=False),
    Column("files_new", Integer, nullable=False),
    Column("files_changed", Integer, nullable=False),
    Column("files_unchanged", Integer, nullable=False),
    Column("rows_added", Integer, nullable=False),
    Column("rows_removed", Integer, nullable=False),
    Column("findings_new", Integer, nullable=False),
    # added by migration 0002
    Column("note", Text, nullable=False, server_default=""),
)

sources = Table(
    "sources", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("key", Text, nullable=False, unique=True),
)

file_versions = Table(
    "file_versions", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("source_id", Id, ForeignKey("sources.id"), nullable=False),
    # SHA-256 of the file's bytes, or "rows:<sha-256 of its rows>" when the file itself is not at hand
    Column("sha256", String(80), nullable=False),
    Column("size", BigInteger),
    Column("mtime", DateTime(timezone=True)),
    Column("path", Text, nullable=False),
    Column("first_run", Id, ForeignKey("runs.id"), nullable=False),
    UniqueConstraint("source_id", "sha256"),
)

slices = Table(
    "slices", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("kind", String(50), nullable=False),
    Column("source_id", Id, ForeignKey("sources.id"), nullable=False),
    Column("version_id", Id, ForeignKey("file_versions.id"), nullable=False),
    Column("period", String(40), nullable=False),
    Column("digest", String(64), nullable=False),
    Column("n_rows", Integer, nullable=False),
    Column("from_run", Id, ForeignKey("runs.id"), nullable=False),
    Column("to_run", Id, ForeignKey("runs.id")),
    Index(None, "kind", "source_id", "to_run"),
    Index(None, "kind", "period"),
)

rows = Table(
    "rows", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("slice_id", Id, ForeignKey("slices.id"), nullable=False, index=True),
    Column("sheet", Text, nullable=False),
    Column("excel_row", Integer),
    Column("person", String(200)),
    Column("project", String(200)),
    Column("month", String(200)),
    Column("vendor", String(200)),
    Column("invoice_no", String(200)),
    # exact decimal text (never a float); integer yen
    Column("hours", String(40)),
    Column("amount", BigInteger),
    Column("data", Text, nullable=False),
    # added by migration 0002
    Index(None, "month", "person"),
)

run_files = Table(
    "run_files", metadata,
    Column("run_id", Id, ForeignKey("runs.id"), primary_key=True),
    Column("version_id", Id, ForeignKey("file_versions.id"), primary_key=True),
    Column("status", String(20), nullable=False),
)

findings = Table(
    "findings", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("fingerprint", String(64), nullable=False, unique=True),
    Column("kind", String(50), nullable=False),
    Column("code", String(100), nullable=False),
    Column("severity", String(20), nullable=False),
    Column("scope", String(20), nullable=False),
    Column("source_key", Text, nullable=False),
    Column("file", Text, nullable=False),
    Column("sheet", Text, nullable=False),
    Column("excel_row", Integer),
    Column("column_name", Text, nullable=False),
    Column("value", Text, nullable=False),
    Column("ref", Text, nullable=False),
    Column("params", Text, nullable=False),
    Column("source_sha", String(80), nullable=False),
    Column("first_run", Id, ForeignKey("runs.id"), nullable=False),
    Column("last_run", Id, ForeignKey("runs.id"), nullable=False),
)

run_findings = Table(
    "run_findings", metadata,
    Column("run_id", Id, ForeignKey("runs.id"), primary_key=True),
    Column("finding_id", Id, ForeignKey("findings.id"), primary_key=True),
)

# added by migration 0002: a finding marked 対応済 (handled) for one content of its source
resolutions = Table(
    "resolutions", metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("finding_id", Id, ForeignKey("findings.id"), nullable=False, index=True),
    Column("source_sha", String(80), nullable=False),
    Column("who", String(200), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("note", Text, nullable=False),
)
