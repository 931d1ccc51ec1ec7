"""Findings that stay handled: resolutions (対応済, who, when, note), a note on each run, rows by month and person.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    # runs recorded before this step get an empty note
    op.add_column("runs", sa.Column("note", sa.Text, nullable=False, server_default=""))
    op.create_table(
        "resolutions",
        sa.Column("id", Id, primary_key=True, autoincrement=True),
        sa.Column("finding_id", Id, sa.ForeignKey("findings.id", name="fk_resolutions_finding_id_findings"),
                  nullable=False),
        sa.Column("source_sha", sa.String(80), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_resolutions"),
    )
    op.create_index("ix_resolutions_finding_id", "resolutions", ["finding_id"])
    # history by person and month reads these without scanning every row
    op.create_index("ix_rows_month_person", "rows", ["month", "person"])


def downgrade() -> None:
    op.drop_index("ix_rows_month_person", "rows")
    op.drop_index("ix_resolutions_finding_id", "resolutions")
    op.drop_table("resolutions")
    with op.batch_alter_table("runs") as batch:
        batch.drop_column("note")
