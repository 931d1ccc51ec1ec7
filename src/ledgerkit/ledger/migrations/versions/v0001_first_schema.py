"""The first schema: runs, sources and their versions, slices and rows, findings.

Revision ID: 0001
Revises: (none)
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def _id() -> sa.Column:
    return sa.Column("id", Id, primary_key=True, autoincrement=True)


def _runs_and_sources() -> None:
    op.create_table(
        "runs", _id(),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("command", sa.Text, nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("settings", sa.Text, nullable=False),
        sa.Column("version", sa.String(50), nullable=False),
        *[sa.Column(c, sa.Integer, nullable=False) for c in
          ("files_new", "files_changed", "files_unchanged", "rows_added", "rows_removed", "findings_new")],
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "sources", _id(),
        sa.Column("key", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_sources"),
        sa.UniqueConstraint("key", name="uq_sources_key"),
    )
    op.create_table(
        "file_versions", _id(),
        sa.Column("source_id", Id, sa.ForeignKey("sources.id", name="fk_file_versions_source_id_sources"), nullable=False),
        sa.Column("sha256", sa.String(80), nullable=False),
        sa.Column("size", sa.BigInteger),
        sa.Column("mtime", sa.DateTime(timezone=True)),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("first_run", Id, sa.ForeignKey("runs.id", name="fk_file_versions_first_run_runs"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_file_versions"),
        sa.UniqueConstraint("source_id", "sha256", name="uq_file_versions_source_id_sha256"),
    )


def _slices_and_rows() -> None:
    op.create_table(
        "slices", _id(),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("source_id", Id, sa.ForeignKey("sources.id", name="fk_slices_source_id_sources"), nullable=False),
        sa.Column("version_id", Id, sa.ForeignKey("file_versions.id", name="fk_slices_version_id_file_versions"),
                  nullable=False),
        sa.Column("period", sa.String(40), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("n_rows", sa.Integer, nullable=False),
        sa.Column("from_run", Id, sa.ForeignKey("runs.id", name="fk_slices_from_run_runs"), nullable=False),
        sa.Column("to_run", Id, sa.ForeignKey("runs.id", name="fk_slices_to_run_runs")),
        sa.PrimaryKeyConstraint("id", name="pk_slices"),
    )
    op.create_index("ix_slices_kind_source_id_to_run", "slices", ["kind", "source_id", "to_run"])
    op.create_index("ix_slices_kind_period", "slices", ["kind", "period"])
    op.create_table(
        "rows", _id(),
        sa.Column("slice_id", Id, sa.ForeignKey("slices.id", name="fk_rows_slice_id_slices"), nullable=False),
        sa.Column("sheet", sa.Text, nullable=False),
        sa.Column("excel_row", sa.Integer),
        *[sa.Column(c, sa.String(200)) for c in ("person", "project", "month", "vendor", "invoice_no")],
        sa.Column("hours", sa.String(40)),
        sa.Column("amount", sa.BigInteger),
        sa.Column("data", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_rows"),
    )
    op.create_index("ix_rows_slice_id", "rows", ["slice_id"])
    op.create_table(
        "run_files",
        sa.Column("run_id", Id, sa.ForeignKey("runs.id", name="fk_run_files_run_id_runs"), nullable=False),
        sa.Column("version_id", Id, sa.ForeignKey("file_versions.id", name="fk_run_files_version_id_file_versions"),
                  nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.PrimaryKeyConstraint("run_id", "version_id", name="pk_run_files"),
    )


def _findings() -> None:
    op.create_table(
        "findings", _id(),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(50), nullable=False),
        sa.Column("code", sa.String(100), nullable=False),
        sa.Column("severity", sa.String(20), nullable=False),
        sa.Column("scope", sa.String(20), nullable=False),
        *[sa.Column(c, sa.Text, nullable=False) for c in ("source_key", "file", "sheet")],
        sa.Column("excel_row", sa.Integer),
        *[sa.Column(c, sa.Text, nullable=False) for c in ("column_name", "value", "ref", "params")],
        sa.Column("source_sha", sa.String(80), nullable=False),
        sa.Column("first_run", Id, sa.ForeignKey("runs.id", name="fk_findings_first_run_runs"), nullable=False),
        sa.Column("last_run", Id, sa.ForeignKey("runs.id", name="fk_findings_last_run_runs"), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_findings"),
        sa.UniqueConstraint("fingerprint", name="uq_findings_fingerprint"),
    )
    op.create_table(
        "run_findings",
        sa.Column("run_id", Id, sa.ForeignKey("runs.id", name="fk_run_findings_run_id_runs"), nullable=False),
        sa.Column("finding_id", Id, sa.ForeignKey("findings.id", name="fk_run_findings_finding_id_findings"),
                  nullable=False),
        sa.PrimaryKeyConstraint("run_id", "finding_id", name="pk_run_findings"),
    )


def upgrade() -> None:
    _runs_and_sources()
    _slices_and_rows()
    _findings()


def downgrade() -> None:
    for table in ("run_findings", "findings", "run_files", "rows", "slices", "file_versions", "sources", "runs"):
        op.drop_table(table)
